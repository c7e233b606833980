//! The thread that writes recovery copies, so typing never waits on the disk.
//! Only the newest waiting copy of each story is written. [`Writer::clear`] (after a clean
//! save or a discard) removes a copy and makes sure no write of it that was
//! queued or under way before the clear can bring it back: a write checks,
//! holding the same lock the clear takes, that no clear of its key came after
//! it was queued, and a clear waits for a write in progress to finish.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use crate::story::Story;

/// One copy to write.
struct Job {
    key: String,
    /// How many clears of `key` had been made when this was queued.
    clears: u64,
    generation: u64,
    story: Story,
    path: Option<PathBuf>,
    based_on: Option<u64>,
}

/// What the writer reports for each job it took: the key, the generation, and
/// how it went (`Ok(false)` when it was dropped because of a later clear).
pub type Done = (String, u64, Result<bool, String>);

/// Clears made per key: held while writing, so a write and a clear of the same
/// copy never overlap.
type Clears = Arc<Mutex<HashMap<String, u64>>>;

/// Writes recovery copies into one folder on a background thread.
pub struct Writer {
    dir: PathBuf,
    jobs: Option<Sender<Job>>,
    done: Receiver<Done>,
    clears: Clears,
    /// This side's count of clears per key (the writer's is in `clears`).
    sent_clears: HashMap<String, u64>,
}

impl Writer {
    pub fn new(dir: PathBuf) -> Self {
        let (jobs, rx) = channel::<Job>();
        let (tx, done) = channel();
        let clears: Clears = Arc::default();
        let shared = clears.clone();
        let writer_dir = dir.clone();
        let started = std::thread::Builder::new()
            .name("copydesk-autosave".into())
            .spawn(move || {
                while let Ok(first) = rx.recv() {
                    // Only the newest waiting job of each copy matters (one
                    // per open story: a parked tab's copy is not dropped for
                    // the copy of the story on screen).
                    let mut jobs = vec![first];
                    while let Ok(newer) = rx.try_recv() {
                        match jobs.iter_mut().find(|j| j.key == newer.key) {
                            Some(older) => *older = newer,
                            None => jobs.push(newer),
                        }
                    }
                    for job in jobs {
                        let result = write_unless_cleared(&writer_dir, &shared, &job);
                        if tx.send((job.key, job.generation, result)).is_err() {
                            return;
                        }
                    }
                }
            })
            .is_ok();
        Writer {
            dir,
            jobs: started.then_some(jobs),
            done,
            clears,
            sent_clears: HashMap::new(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Queue the copy `key` of `story`. False when the thread is gone.
    pub fn write(
        &mut self,
        key: &str,
        generation: u64,
        story: Story,
        path: Option<PathBuf>,
        based_on: Option<u64>,
    ) -> bool {
        let job = Job {
            key: key.to_owned(),
            clears: self.sent_clears.get(key).copied().unwrap_or(0),
            generation,
            story,
            path,
            based_on,
        };
        self.jobs
            .as_ref()
            .is_some_and(|jobs| jobs.send(job).is_ok())
    }

    /// The next report of a job taken, if there is one.
    pub fn try_done(&self) -> Option<Done> {
        self.done.try_recv().ok()
    }

    /// Remove the copy `key`, waiting for a write of it in progress, and make
    /// every write of it queued before now a no-op.
    pub fn clear(&mut self, key: &str) -> io::Result<()> {
        let count = self.sent_clears.entry(key.to_owned()).or_insert(0);
        *count += 1;
        let mut clears = self.clears.lock().unwrap_or_else(|e| e.into_inner());
        clears.insert(key.to_owned(), *count);
        super::remove(&self.dir, key)
    }
}

fn write_unless_cleared(dir: &Path, clears: &Clears, job: &Job) -> Result<bool, String> {
    let clears = clears.lock().unwrap_or_else(|e| e.into_inner());
    if clears.get(&job.key).copied().unwrap_or(0) > job.clears {
        return Ok(false);
    }
    super::write(dir, &job.key, &job.story, job.path.as_deref(), job.based_on)
        .map(|()| true)
        .map_err(|e| e.to_string())
}
