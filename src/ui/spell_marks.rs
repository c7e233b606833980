//! Where the editor's wavy underlines go, kept up to date as the user types
//! without spelling the story on the UI thread.
//!
//! Spelling is remembered per paragraph (one line of a field), keyed by a
//! hash of its text. After a keystroke the UI thread only hashes the
//! paragraphs and looks them up: the one paragraph that changed is spelt on
//! a worker thread, and its marks appear a moment later (the worker asks for
//! a repaint). A new speller or new story words (ignored words, byline,
//! dateline) start the memory afresh.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::checks::spelling::SPELLING_FIELDS;
use crate::spell::{Speller, WordList};
use crate::story::{Field, Fields};

/// Paragraphs to spell: (hash, text).
struct Job {
    context: u64,
    speller: Speller,
    also: Arc<WordList>,
    paragraphs: Vec<(u64, String)>,
}

/// Spelt paragraphs: (hash, misspelt byte ranges within the paragraph).
struct Done {
    context: u64,
    results: Vec<(u64, Vec<Range<usize>>)>,
}

/// Remembered paragraphs above this many start the memory afresh.
const MAX_REMEMBERED: usize = 100_000;

/// The misspelt words of the story on screen, as the editor marks them.
#[derive(Default)]
pub struct SpellMarks {
    remembered: HashMap<u64, Vec<Range<usize>>>,
    asked: HashSet<u64>,
    /// What the remembered marks were spelt with, and its number.
    context: Option<(Speller, Arc<WordList>)>,
    context_id: u64,
    worker: Option<(Sender<Job>, Receiver<Done>)>,
    /// The text generation the marks are for, and whether all paragraphs
    /// were known then.
    built: Option<u64>,
    complete: bool,
    marks: Arc<Vec<(Field, Range<usize>)>>,
    /// Counts changes to `marks`.
    version: u64,
}

fn hash_of(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

impl SpellMarks {
    pub fn new() -> Self {
        Self::default()
    }

    /// The misspelt words (field, byte range) as last brought up to date.
    pub fn marks(&self) -> &[(Field, Range<usize>)] {
        &self.marks
    }

    /// The same, shared (for the checks panel).
    pub fn shared(&self) -> Arc<Vec<(Field, Range<usize>)>> {
        Arc::clone(&self.marks)
    }

    /// Whether every paragraph of the text was known at the last update.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// Counts changes to [`Self::marks`].
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Whether some paragraphs are still being spelt.
    pub fn is_pending(&self) -> bool {
        !self.asked.is_empty()
    }

    /// Bring the marks up to date with `fields` (whose text `generation`
    /// counts changes). `None` for the speller clears them. Cheap when
    /// nothing changed; `wake` is called by the worker when it has results.
    pub fn update(
        &mut self,
        fields: &Fields,
        generation: u64,
        speller: Option<&Speller>,
        also: &WordList,
        wake: impl Fn() + Send + 'static,
    ) {
        let Some(speller) = speller else {
            if self.context.take().is_some() || !self.marks.is_empty() {
                self.marks = Arc::default();
                self.remembered.clear();
                self.asked.clear();
                self.built = None;
                self.version += 1;
            }
            return;
        };
        let same = self
            .context
            .as_ref()
            .is_some_and(|(s, w)| s == speller && **w == *also);
        if !same {
            self.context = Some((speller.clone(), Arc::new(also.clone())));
            self.context_id += 1;
            self.remembered.clear();
            self.asked.clear();
            self.built = None;
        }
        let mut arrived = false;
        if let Some((_, rx)) = &self.worker {
            while let Ok(done) = rx.try_recv() {
                if done.context != self.context_id {
                    continue;
                }
                for (hash, ranges) in done.results {
                    self.asked.remove(&hash);
                    self.remembered.insert(hash, ranges);
                    arrived = true;
                }
            }
        }
        if self.built == Some(generation) && (self.complete || !arrived) {
            return;
        }
        self.rebuild(fields, generation, wake);
    }

    fn rebuild(&mut self, fields: &Fields, generation: u64, wake: impl Fn() + Send + 'static) {
        if self.remembered.len() > MAX_REMEMBERED {
            self.remembered.clear();
        }
        let mut marks = Vec::with_capacity(self.marks.len());
        let mut missing = Vec::new();
        let mut complete = true;
        for field in SPELLING_FIELDS {
            let text = fields.get(field);
            let mut at = 0;
            for line in text.split('\n') {
                if !line.trim().is_empty() {
                    let hash = hash_of(line);
                    match self.remembered.get(&hash) {
                        Some(ranges) => {
                            marks.extend(ranges.iter().map(|r| (field, at + r.start..at + r.end)))
                        }
                        None => {
                            complete = false;
                            if self.asked.insert(hash) {
                                missing.push((hash, line.to_owned()));
                            }
                        }
                    }
                }
                at += line.len() + 1;
            }
        }
        if !missing.is_empty()
            && let Some((speller, also)) = &self.context
        {
            let job = Job {
                context: self.context_id,
                speller: speller.clone(),
                also: Arc::clone(also),
                paragraphs: missing,
            };
            self.send(job, wake);
        }
        self.built = Some(generation);
        self.complete = complete;
        if *self.marks != marks {
            self.marks = Arc::new(marks);
            self.version += 1;
        }
    }

    fn send(&mut self, job: Job, wake: impl Fn() + Send + 'static) {
        if self.worker.is_none() {
            let (job_tx, job_rx) = channel::<Job>();
            let (done_tx, done_rx) = channel::<Done>();
            let spawned = std::thread::Builder::new()
                .name("copydesk-spelling".into())
                .spawn(move || {
                    while let Ok(job) = job_rx.recv() {
                        let results = job
                            .paragraphs
                            .iter()
                            .map(|(hash, text)| (*hash, job.speller.misspelt(text, &job.also)))
                            .collect();
                        if done_tx
                            .send(Done {
                                context: job.context,
                                results,
                            })
                            .is_err()
                        {
                            break;
                        }
                        wake();
                    }
                });
            if spawned.is_err() {
                return;
            }
            self.worker = Some((job_tx, done_rx));
        }
        if let Some((tx, _)) = &self.worker
            && tx.send(job).is_err()
        {
            self.worker = None;
            self.asked.clear();
        }
    }
}
