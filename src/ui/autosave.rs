//! Autosave of recovery copies: half a second after typing pauses, and at
//! least every ten seconds while typing goes on, a snapshot of the story is
//! written by a background thread (the frame never waits on the disk, and what
//! is typed during a write simply goes into the next one). A panic hook writes
//! the latest snapshot before the process ends. The files are the core's
//! `recovery` module's; this only decides when.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use crate::recovery::{self, Writer};
use crate::story::Story;

/// Seconds of quiet after an edit before the recovery copy is written: half
/// a second, so that a copy holding everything typed is on disk within a
/// second of the last key (the window test kills the app one second after it).
pub const AFTER_PAUSE: f64 = 0.5;
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

/// The latest unsaved story, for the panic hook.
struct Snapshot {
    dir: PathBuf,
    key: String,
    story: Story,
    path: Option<PathBuf>,
    based_on: Option<u64>,
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
        Some(s) => recovery::write(&s.dir, &s.key, &s.story, s.path.as_deref(), s.based_on).is_ok(),
        None => false,
    }
}

/// What the open document is, for the recovery copy.
pub struct Current<'a> {
    /// The document's recovery key (`recovery::new_key`).
    pub key: &'a str,
    pub story: &'a Story,
    pub path: Option<&'a Path>,
    /// The fingerprint of the file the text is based on.
    pub based_on: Option<u64>,
    /// Counts the story's changes.
    pub generation: u64,
    /// Whether it has unsaved changes.
    pub dirty: bool,
}

/// When and what to write.
pub struct Autosave {
    writer: Writer,
    /// The document the counters below are about (its recovery key).
    key: String,
    written: Option<u64>,
    in_flight: Option<u64>,
    seen: u64,
    last_edit: f64,
    first_unwritten: Option<f64>,
    last_error: Option<String>,
}

impl Autosave {
    pub fn new(dir: PathBuf) -> Self {
        Autosave {
            writer: Writer::new(dir),
            key: String::new(),
            written: None,
            in_flight: None,
            seen: 0,
            last_edit: 0.0,
            first_unwritten: None,
            last_error: None,
        }
    }

    pub fn dir(&self) -> &Path {
        self.writer.dir()
    }

    /// Run once per frame. Returns an error message to show, once.
    pub fn tick(&mut self, ctx: &egui::Context, doc: Current<'_>) -> Option<String> {
        let now = ctx.input(|i| i.time);
        let mut message = None;
        while let Some((key, done_generation, result)) = self.writer.try_done() {
            if key != self.key {
                continue;
            }
            self.in_flight = None;
            match result {
                Ok(true) => {
                    self.written = Some(
                        self.written
                            .map_or(done_generation, |w| w.max(done_generation)),
                    );
                    self.last_error = None;
                }
                // Dropped: the copy was cleared after it was queued.
                Ok(false) => {}
                Err(err) => {
                    if self.last_error.as_ref() != Some(&err) {
                        message = Some(format!(
                            "{}: cannot write the recovery copy: {err}",
                            self.dir().display()
                        ));
                    }
                    self.last_error = Some(err);
                }
            }
        }
        if self.key != doc.key {
            // Another document: start counting afresh.
            self.key = doc.key.to_owned();
            self.written = None;
            self.in_flight = None;
            self.seen = doc.generation;
            self.first_unwritten = None;
            self.last_edit = now;
        }
        if !doc.dirty {
            self.first_unwritten = None;
            return message;
        }
        let generation = doc.generation;
        if generation != self.seen {
            self.seen = generation;
            self.last_edit = now;
            self.set_panic_snapshot(&doc);
        }
        if self.written.is_some_and(|w| generation <= w) {
            return message;
        }
        let first = *self.first_unwritten.get_or_insert(now);
        let quiet = now - self.last_edit;
        let waited = now - first;
        if self.in_flight.is_none() && (quiet >= AFTER_PAUSE || waited >= AT_LEAST_EVERY) {
            let sent = self.writer.write(
                doc.key,
                generation,
                doc.story.clone(),
                doc.path.map(Path::to_owned),
                doc.based_on,
            );
            if sent {
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

    fn set_panic_snapshot(&self, doc: &Current<'_>) {
        if let Ok(mut slot) = PANIC_SNAPSHOT.try_lock() {
            *slot = Some(Snapshot {
                dir: self.dir().to_owned(),
                key: doc.key.to_owned(),
                story: doc.story.clone(),
                path: doc.path.map(Path::to_owned),
                based_on: doc.based_on,
            });
        }
    }

    /// The document was saved cleanly or its changes discarded: its recovery
    /// copy is no longer needed. Waits for a write of it under way and cancels
    /// any queued, so no stale copy comes back.
    pub fn clear(&mut self, key: &str) -> Option<String> {
        if let Ok(mut slot) = PANIC_SNAPSHOT.try_lock()
            && slot.as_ref().is_some_and(|s| s.key == key)
        {
            *slot = None;
        }
        if key == self.key {
            self.first_unwritten = None;
            self.written = None;
            self.in_flight = None;
        }
        self.writer.clear(key).err().map(|e| {
            format!(
                "{}: cannot remove the recovery copy: {e}",
                self.dir().display()
            )
        })
    }

    /// The story `doc` leaves the screen (another tab comes on): its copy is
    /// queued now if it has unsaved text the copy may not hold yet, since
    /// autosave only follows the story on screen. A parked story's text does
    /// not change until it is back on screen.
    pub fn park(&mut self, doc: &crate::document::Document) {
        if !doc.is_dirty() {
            return;
        }
        if doc.recovery_key == self.key && self.written.is_some_and(|w| doc.generation <= w) {
            return;
        }
        self.writer.write(
            &doc.recovery_key,
            doc.generation,
            doc.story.clone(),
            doc.path.clone(),
            doc.disk_hash,
        );
    }

    /// Whether a write is under way (tests wait for it).
    pub fn is_writing(&self) -> bool {
        self.in_flight.is_some()
    }
}
