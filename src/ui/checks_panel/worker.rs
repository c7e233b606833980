//! Checking off the UI thread: the one worker thread that checks long
//! stories (newest job wins) and its jobs and answers, and the thread that
//! finds spelling suggestions once typing pauses.

use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

use super::ChecksPanel;
use super::checking::{Checked, Input, check};
use crate::checks::CheckSettings;
use crate::story::{Field, Story};

/// Suggestions for misspelt words are looked for once the text has not
/// changed for this long (each costs tens of milliseconds of CPU).
const SUGGEST_AFTER: Duration = Duration::from_millis(300);

/// Texts larger than this (all fields, in bytes) are checked off the UI thread.
const BACKGROUND_BYTES: usize = 16_000;

/// A check for the worker: the input, numbered so a stale answer is told
/// from the one awaited.
struct Job {
    number: u64,
    input: Input,
    waker: egui::Context,
}

/// The one thread that checks long stories. Edits made while it works only
/// replace the job waiting (newest wins): no thread per keystroke, and a check
/// overtaken by a newer edit is thrown away without being shown.
pub(super) struct Worker {
    jobs: Sender<Job>,
    done: Receiver<(u64, Checked)>,
}

impl Worker {
    fn start() -> Option<Self> {
        let (jobs, rx) = channel::<Job>();
        let (tx, done) = channel();
        std::thread::Builder::new()
            .name("copydesk-checks".into())
            .spawn(move || {
                let Ok(mut job) = rx.recv() else { return };
                loop {
                    while let Ok(newer) = rx.try_recv() {
                        job = newer;
                    }
                    let checked = check(&job.input);
                    // Superseded while checking: start on the newest at once.
                    if let Ok(newer) = rx.try_recv() {
                        job = newer;
                        continue;
                    }
                    if tx.send((job.number, checked)).is_err() {
                        return;
                    }
                    job.waker.request_repaint();
                    match rx.recv() {
                        Ok(next) => job = next,
                        Err(_) => return,
                    }
                }
            })
            .ok()?;
        Some(Worker { jobs, done })
    }
}

impl ChecksPanel {
    /// Like [`Self::refresh`], but a long story is checked on another thread:
    /// the panel shows the previous findings (marked as being updated) until
    /// the new ones arrive, so typing never waits for the checks.
    pub fn refresh_in_background(
        &mut self,
        ctx: &egui::Context,
        story: &Story,
        settings: &CheckSettings,
    ) {
        self.suggest_in_background(ctx);
        let mut answers = Vec::new();
        if let Some(worker) = &self.worker {
            loop {
                match worker.done.try_recv() {
                    Ok(answer) => answers.push(answer),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        self.worker = None;
                        self.pending = None;
                        break;
                    }
                }
            }
        }
        for (number, checked) in answers {
            if self.pending.as_ref().is_some_and(|(n, _)| *n == number)
                && let Some((_, input)) = self.pending.take()
            {
                self.install(input, checked);
            }
        }
        if self.is_current(story, settings)
            || self
                .pending
                .as_ref()
                .is_some_and(|(_, i)| i.matches(story, settings, self.spelling()))
        {
            return;
        }
        if self
            .input
            .as_ref()
            .is_some_and(|i| i.fields != story.fields)
        {
            self.edited = Some(Instant::now());
        }
        let size: usize = Field::ALL.iter().map(|f| story.fields.get(*f).len()).sum();
        if size < BACKGROUND_BYTES {
            self.refresh(story, settings);
            return;
        }
        if self.worker.is_none() {
            self.worker = Worker::start();
        }
        let input = Input::of(story, settings, self.spelling());
        self.jobs_sent += 1;
        let job = Job {
            number: self.jobs_sent,
            input: input.clone(),
            waker: ctx.clone(),
        };
        match &self.worker {
            Some(worker) if worker.jobs.send(job).is_ok() => {
                self.pending = Some((self.jobs_sent, input));
            }
            // No thread to be had: check here rather than not at all.
            _ => {
                self.worker = None;
                self.refresh(story, settings);
            }
        }
    }

    /// How many checks were handed to the checking thread (one thread, however
    /// many edits).
    pub fn jobs_sent(&self) -> u64 {
        self.jobs_sent
    }

    /// Whether newer findings are being computed.
    pub fn is_updating(&self) -> bool {
        self.pending.is_some()
    }

    /// Find the suggestions still missing on another thread; when they are
    /// in, the findings are redone (now with their fixes).
    fn suggest_in_background(&mut self, ctx: &egui::Context) {
        if let Some(rx) = &self.suggesting {
            match rx.try_recv() {
                Ok(()) | Err(TryRecvError::Disconnected) => {
                    self.suggesting = None;
                    self.input = None;
                }
                Err(TryRecvError::Empty) => return,
            }
        }
        let Some(speller) = self.speller.clone() else {
            return;
        };
        if self.unsuggested.is_empty() {
            return;
        }
        // While the user types, each keystroke makes a new "misspelt" word
        // (the word half typed): suggest only once typing pauses.
        let typing = self
            .edited
            .map(|at| SUGGEST_AFTER.saturating_sub(at.elapsed()));
        if let Some(wait) = typing.filter(|w| !w.is_zero()) {
            ctx.request_repaint_after(wait);
            return;
        }
        let words = std::mem::take(&mut self.unsuggested);
        let (tx, rx) = channel();
        let waker = ctx.clone();
        std::thread::spawn(move || {
            for word in words {
                speller.suggest(&word);
            }
            let _ = tx.send(());
            waker.request_repaint();
        });
        self.suggesting = Some(rx);
    }
}
