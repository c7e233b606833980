//! The lock an open document holds on its story file (the lock files
//! themselves are [`crate::desk::lock`]'s). Opening a story for editing locks
//! it; a story someone else has open is read-only until this editor takes it
//! over; closing it, or opening another, lets the lock go. A lock never takes
//! away text already typed: a document with unsaved text stays editable
//! whoever holds the lock, and the conflict check on Save keeps both texts.

use std::path::{Path, PathBuf};

use jiff::SignedDuration;

use crate::desk::lock::{self, Holder, Opened};
use crate::store;

use super::Document;

/// What this document knows of its file's lock.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum EditLock {
    /// Not looked at yet (or no file).
    #[default]
    Unknown,
    /// This document holds the lock on this file.
    Held(PathBuf),
    /// Someone else holds it: the text is read-only until Take over.
    ReadOnly(PathBuf, Holder),
    /// The lock could not be written (a read-only folder, say): editable, as
    /// if there were no locks.
    Unlocked(PathBuf),
}

impl EditLock {
    /// The file this state is about.
    fn path(&self) -> Option<&Path> {
        match self {
            EditLock::Unknown => None,
            EditLock::Held(p) | EditLock::ReadOnly(p, _) | EditLock::Unlocked(p) => Some(p),
        }
    }
}

/// Who may edit a story and how long a lock lasts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockSettings {
    /// The editor's name, written in locks and in take-over decisions.
    pub user: String,
    /// A lock older than this is stale, whoever holds it.
    pub stale_after: SignedDuration,
}

impl Document {
    /// Lock the document's file for editing if that has not been done for
    /// its current path (a new path after Save As is locked afresh, the old
    /// one let go). Returns a message to show: a stale lock cleared, or who
    /// has the story open (then it is read-only), or why no lock could be
    /// written.
    pub fn sync_lock(&mut self, settings: &LockSettings) -> Option<String> {
        if self.lock.path() == self.path.as_deref() {
            return None;
        }
        self.release_lock();
        let path = self.path.clone()?;
        match lock::acquire(&path, &settings.user, settings.stale_after) {
            Ok(Opened::Editable { cleared }) => {
                self.lock = EditLock::Held(path);
                cleared
            }
            // Text typed (a recovered copy, say) is never made read-only.
            Ok(Opened::ReadOnly(holder)) if self.is_dirty() => {
                let message = format!(
                    "{} also has this story open ({}). Your unsaved text stays editable; \
                     Save will ask before replacing theirs.",
                    holder.who(),
                    since(&holder)
                );
                self.lock = EditLock::Unlocked(path);
                Some(message)
            }
            Ok(Opened::ReadOnly(holder)) => {
                let message = format!(
                    "Read-only: {} has this story open ({}). Take over to edit it.",
                    holder.who(),
                    since(&holder)
                );
                self.lock = EditLock::ReadOnly(path, holder);
                Some(message)
            }
            Err(err) => {
                self.lock = EditLock::Unlocked(path);
                Some(format!("{err}; the story is open without a lock"))
            }
        }
    }

    /// Who holds the story when it is read-only.
    pub fn read_only_by(&self) -> Option<&Holder> {
        match &self.lock {
            EditLock::ReadOnly(_, holder) => Some(holder),
            _ => None,
        }
    }

    /// Whether the text may not be edited (someone else has the story open).
    pub fn is_read_only(&self) -> bool {
        self.read_only_by().is_some()
    }

    /// Take the story over from whoever holds it: this process's lock
    /// replaces theirs, and the take-over is recorded in the story file now
    /// (read again first, so their latest save is what is shown and kept).
    pub fn take_over(&mut self, settings: &LockSettings) -> Result<String, String> {
        let Some(path) = self.path.clone() else {
            return Err("the story has no file to take over".into());
        };
        let decision = lock::take_over(&path, &settings.user).map_err(|e| e.to_string())?;
        let message = format!("You took this story over: {}.", decision.why);
        if self.is_dirty() {
            // Never replace typed text: the decision is saved with it.
            self.story.decisions.push(decision);
        } else {
            let (mut story, hash) = store::load_hashed(&path).map_err(|e| e.to_string())?;
            story.decisions.push(decision);
            let hash = store::save_checked(&path, &story, Some(hash)).map_err(|e| e.to_string())?;
            let key = std::mem::take(&mut self.recovery_key);
            let mut doc = Document::from_file(story, path.clone());
            doc.disk_hash = Some(hash);
            doc.recovery_key = key;
            // Replacing `self` drops the old value, which holds no lock.
            self.lock = EditLock::Unknown;
            *self = doc;
        }
        self.lock = EditLock::Held(path);
        Ok(message)
    }

    /// Whether someone took the story over from this document since it
    /// locked it. The document then holds no lock: with unsaved text it stays
    /// editable (Save asks before replacing theirs), without it turns read-only.
    /// A read-only document whose holder let go is looked at again (and
    /// locked for editing by the next [`Document::sync_lock`]).
    pub fn check_lock_taken(&mut self) -> Option<String> {
        if let EditLock::ReadOnly(path, _) = &self.lock {
            if matches!(lock::read(path), Ok(None)) {
                self.lock = EditLock::Unknown;
            }
            return None;
        }
        let EditLock::Held(path) = &self.lock else {
            return None;
        };
        let holder = match lock::read(path) {
            Ok(Some(holder)) if !holder.is_this_process() => holder,
            _ => return None,
        };
        let path = path.clone();
        let who = holder.who();
        if self.is_dirty() {
            self.lock = EditLock::Unlocked(path);
            Some(format!(
                "{who} took this story over. Your unsaved text stays here; Save will ask \
                 before replacing theirs."
            ))
        } else {
            self.lock = EditLock::ReadOnly(path, holder);
            Some(format!(
                "{who} took this story over: it is read-only here now."
            ))
        }
    }

    /// Let go of this document's lock (a lock someone took over is theirs).
    pub fn release_lock(&mut self) {
        if let EditLock::Held(path) = std::mem::take(&mut self.lock) {
            let _ = lock::release(&path);
        }
    }
}

impl Drop for Document {
    fn drop(&mut self) {
        self.release_lock();
    }
}

/// "since 10:42" in local time (with the date when not today).
fn since(holder: &Holder) -> String {
    let zone = jiff::tz::TimeZone::system();
    let then = holder.since.to_zoned(zone.clone());
    let today = jiff::Timestamp::now().to_zoned(zone).date();
    if then.date() == today {
        format!("since {}", then.strftime("%H:%M"))
    } else {
        format!("since {}", then.strftime("%Y-%m-%d %H:%M"))
    }
}
