//! Autosave of recovery copies: within a second after typing pauses, and at
//! least every ten seconds while typing goes on, a snapshot of the story is
//! written by a background thread (the frame never waits on the disk, and what
//! is typed during a write simply goes into the next one). A panic hook writes
//! the latest snapshot before the process ends. The files are the core's
//! `recovery` module's; this only decides when.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Mutex, Once};

use crate::recovery;
use crate::story::Story;

/// Seconds of quiet after an edit before the recovery copy is written.
pub const AFTER_PAUSE: f64 = 1.0;
/// Longest time unsaved edits go without a recovery copy while typing continues.
pub const AT_LEAST_EVERY: f64 = 10.0;

/// Where recovery copies live: `$COPYDESK_RECOVERY_DIR` when set (tests, CI),
/// else `recovery` in the platform's data folder for Copydesk.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("COPYDESK_RECOVERY_DIR") {
        return Some(PathBuf::from(dir));
    }
    eframe::storage_dir("Copydesk").map(|d| d.join("recovery"))
}

struct Job {
    generation: u64,
    story: Story,
    path: Option<PathBuf>,
}

/// The latest unsaved story, for the panic hook.
struct Snapshot {
    dir: PathBuf,
    story: Story,
    path: Option<PathBuf>,
}

static PANIC_SNAPSHOT: Mutex<Option<Snapshot>> = Mutex::new(None);
static HOOK: Once = Once::new();

/// Install (once per process) a panic hook that writes the latest unsaved story
/// as a recovery copy, then runs the usual hook.
pub fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            write_panic_snapshot();
            previous(info);
        }));
    });
}

/// Write the latest snapshot now (what the panic hook does). Never blocks on a
/// lock another thread holds, and never panics.
pub fn write_panic_snapshot() -> bool {
    let Ok(guard) = PANIC_SNAPSHOT.try_lock() else {
        return false;
    };
    match guard.as_ref() {
        Some(s) => recovery::write(&s.dir, &s.story, s.path.as_deref()).is_ok(),
        None => false,
    }
}

/// When and what to write.
pub struct Autosave {
    dir: PathBuf,
    jobs: Sender<Job>,
    done: Receiver<(u64, Result<(), String>)>,
    /// The story the counters below are about.
    story_id: String,
    written: Option<u64>,
    in_flight: Option<u64>,
    seen: u64,
    last_edit: f64,
    first_unwritten: Option<f64>,
    last_error: Option<String>,
}

impl Autosave {
    pub fn new(dir: PathBuf) -> Self {
        let (jobs, rx) = channel::<Job>();
        let (tx, done) = channel();
        let writer_dir = dir.clone();
        std::thread::Builder::new()
            .name("copydesk-autosave".into())
            .spawn(move || {
                while let Ok(mut job) = rx.recv() {
                    // Only the newest waiting job matters.
                    while let Ok(newer) = rx.try_recv() {
                        job = newer;
                    }
                    let result = recovery::write(&writer_dir, &job.story, job.path.as_deref())
                        .map_err(|e| e.to_string());
                    if tx.send((job.generation, result)).is_err() {
                        break;
                    }
                }
            })
            .ok();
        Autosave {
            dir,
            jobs,
            done,
            story_id: String::new(),
            written: None,
            in_flight: None,
            seen: 0,
            last_edit: 0.0,
            first_unwritten: None,
            last_error: None,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Run once per frame. `generation` counts the story's changes; `dirty` says
    /// whether it has unsaved changes. Returns an error message to show, once.
    pub fn tick(
        &mut self,
        ctx: &egui::Context,
        story: &Story,
        path: Option<&Path>,
        generation: u64,
        dirty: bool,
    ) -> Option<String> {
        let now = ctx.input(|i| i.time);
        let mut message = None;
        while let Ok((done_generation, result)) = self.done.try_recv() {
            self.in_flight = None;
            match result {
                Ok(()) => {
                    self.written = Some(
                        self.written
                            .map_or(done_generation, |w| w.max(done_generation)),
                    );
                    self.last_error = None;
                }
                Err(err) => {
                    if self.last_error.as_ref() != Some(&err) {
                        message = Some(format!(
                            "{}: cannot write the recovery copy: {err}",
                            self.dir.display()
                        ));
                    }
                    self.last_error = Some(err);
                }
            }
        }
        if self.story_id != story.id {
            // Another story: start counting afresh.
            self.story_id = story.id.clone();
            self.written = None;
            self.seen = generation;
            self.first_unwritten = None;
            self.last_edit = now;
        }
        if !dirty {
            self.first_unwritten = None;
            return message;
        }
        if generation != self.seen {
            self.seen = generation;
            self.last_edit = now;
            self.set_panic_snapshot(story, path);
        }
        if self.written.is_some_and(|w| generation <= w) {
            return message;
        }
        let first = *self.first_unwritten.get_or_insert(now);
        let quiet = now - self.last_edit;
        let waited = now - first;
        if self.in_flight.is_none() && (quiet >= AFTER_PAUSE || waited >= AT_LEAST_EVERY) {
            let job = Job {
                generation,
                story: story.clone(),
                path: path.map(Path::to_owned),
            };
            if self.jobs.send(job).is_ok() {
                self.in_flight = Some(generation);
                self.first_unwritten = None;
            }
            ctx.request_repaint_after_secs(0.1);
        } else {
            let wait = (AFTER_PAUSE - quiet).min(AT_LEAST_EVERY - waited).max(0.05);
            ctx.request_repaint_after_secs(wait as f32);
        }
        message
    }

    fn set_panic_snapshot(&self, story: &Story, path: Option<&Path>) {
        if let Ok(mut slot) = PANIC_SNAPSHOT.try_lock() {
            *slot = Some(Snapshot {
                dir: self.dir.clone(),
                story: story.clone(),
                path: path.map(Path::to_owned),
            });
        }
    }

    /// The story was saved cleanly or its changes discarded: its recovery copy
    /// is no longer needed.
    pub fn clear(&mut self, story_id: &str) -> Option<String> {
        if let Ok(mut slot) = PANIC_SNAPSHOT.try_lock()
            && slot.as_ref().is_some_and(|s| s.story.id == story_id)
        {
            *slot = None;
        }
        self.first_unwritten = None;
        self.written = None;
        recovery::remove(&self.dir, story_id).err().map(|e| {
            format!(
                "{}: cannot remove the recovery copy: {e}",
                self.dir.display()
            )
        })
    }

    /// Whether a write is under way (tests wait for it).
    pub fn is_writing(&self) -> bool {
        self.in_flight.is_some()
    }
}
