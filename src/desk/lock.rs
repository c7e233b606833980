//! Story locks: a small file beside a story (`.STORY.ron.copydesk-lock`) saying
//! who has it open for editing — the editor's name from settings, the host, the
//! process id and since when. A lock is advice between editors, never a guard on
//! text: whoever holds it or not, nobody loses what they typed.
//!
//! - Held by this process: editable.
//! - Held by another live process on this host, or by any process on another
//!   host: the story opens read-only, with [`take_over`] to claim it (recorded in
//!   the story file as a [`Decision`]).
//! - Stale: its process is gone (same host), or it is older than the desk's
//!   `stale_after` setting. A stale lock is cleared when the story is opened,
//!   with a message saying whose it was.
//!
//! Lock files are RON, written to a temporary file first; a new lock is put in
//! place only if there is none (a hard link, so two editors opening at once
//! cannot both win), a take-over replaces the old one atomically.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use crate::story::Decision;

/// The lock file's name ends with this.
const SUFFIX: &str = ".copydesk-lock";

/// A lock file bigger than this is not a lock (and is never read whole).
const MAX_LOCK_BYTES: u64 = 4096;

/// Who holds a story open, as written in its lock file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    /// The editor's name from settings ("Mira").
    pub name: String,
    pub host: String,
    pub pid: u32,
    pub since: Timestamp,
}

impl Holder {
    /// This process, for the editor called `name`, from now.
    pub fn me(name: &str) -> Holder {
        Holder {
            name: name.to_owned(),
            host: this_host(),
            pid: std::process::id(),
            since: crate::story::now(),
        }
    }

    /// Whether this lock was written by this very process.
    pub fn is_this_process(&self) -> bool {
        self.host == this_host() && self.pid == std::process::id()
    }

    /// "Mira on desk-3".
    pub fn who(&self) -> String {
        if self.name.is_empty() {
            format!("process {} on {}", self.pid, self.host)
        } else {
            format!("{} on {}", self.name, self.host)
        }
    }

    /// "Open by Mira on desk-3 since 10:42" (time in UTC; the window may show
    /// local time).
    pub fn describe(&self) -> String {
        format!(
            "Open by {} since {}",
            self.who(),
            self.since.strftime("%H:%M")
        )
    }
}

/// This machine's name, as locks record it.
pub fn this_host() -> String {
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    if host.is_empty() {
        "localhost".to_owned()
    } else {
        host
    }
}

/// The lock file of the story at `story`: `.NAME.copydesk-lock` beside it.
pub fn lock_path(story: &Path) -> PathBuf {
    let name = story
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    story.with_file_name(format!(".{name}{SUFFIX}"))
}

/// The story file name a lock file name belongs to, when it is a lock file.
pub fn story_name_of_lock(lock_name: &str) -> Option<&str> {
    lock_name
        .strip_prefix('.')?
        .strip_suffix(SUFFIX)
        .filter(|s| !s.is_empty())
}

/// Why a lock is stale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stale {
    /// Its process is no longer running on this host.
    ProcessGone,
    /// Older than the desk's `stale_after` setting.
    TooOld,
    /// The lock file cannot be read as a lock.
    Unreadable(String),
}

/// What a story's lock says, for someone who wants to open it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockState {
    /// No lock: anyone may open it for editing.
    Free,
    /// Locked by this process.
    Mine(Holder),
    /// Another live process, here or on another host, has it open: read-only.
    HeldBy(Holder),
    /// A lock nobody holds any more.
    Stale(Option<Holder>, Stale),
}

/// Errors from lock files. Every message names the lock file.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{}: cannot write the lock: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("{}: cannot remove the lock: {source}", path.display())]
    Remove { path: PathBuf, source: io::Error },
}

/// Read the lock of the story at `story`; `Ok(None)` when there is none.
pub fn read(story: &Path) -> Result<Option<Holder>, String> {
    let path = lock_path(story);
    let meta = match fs::metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    if !meta.is_file() || meta.len() > MAX_LOCK_BYTES {
        return Err("not a lock file".into());
    }
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    ron::from_str::<Holder>(&text)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// Whether process `pid` is running on this host. Where the system cannot
/// tell (no `/proc`), it is taken to be running: only age makes such a lock stale.
pub fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if !proc.is_dir() {
        return true;
    }
    proc.join(pid.to_string()).exists()
}

/// The state of the lock of `story` as seen by this process at `now`.
pub fn state(story: &Path, stale_after: SignedDuration, now: Timestamp) -> LockState {
    match read(story) {
        Ok(None) => LockState::Free,
        Err(why) => LockState::Stale(None, Stale::Unreadable(why)),
        Ok(Some(holder)) => judge(holder, stale_after, now),
    }
}

/// [`state`] for a lock already read.
pub fn judge(holder: Holder, stale_after: SignedDuration, now: Timestamp) -> LockState {
    if holder.is_this_process() {
        return LockState::Mine(holder);
    }
    if holder.host == this_host() && !process_alive(holder.pid) {
        return LockState::Stale(Some(holder), Stale::ProcessGone);
    }
    if now.duration_since(holder.since) > stale_after {
        return LockState::Stale(Some(holder), Stale::TooOld);
    }
    LockState::HeldBy(holder)
}

/// What opening a story for editing came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opened {
    /// This process now holds the lock. `cleared` is the message to show when a
    /// stale lock was cleared to get it.
    Editable { cleared: Option<String> },
    /// Someone else holds it: open read-only (offer "Take over").
    ReadOnly(Holder),
}

/// Lock `story` for the editor `name`, unless another live editor holds it.
pub fn acquire(story: &Path, name: &str, stale_after: SignedDuration) -> Result<Opened, LockError> {
    let mut cleared = None;
    // Two rounds: a stale lock is removed once, then the new lock is linked in.
    for _ in 0..2 {
        match state(story, stale_after, Timestamp::now()) {
            LockState::Mine(_) => return Ok(Opened::Editable { cleared }),
            LockState::HeldBy(holder) => return Ok(Opened::ReadOnly(holder)),
            LockState::Stale(holder, why) => {
                cleared = Some(stale_message(holder.as_ref(), &why));
                remove_file(&lock_path(story))?;
            }
            LockState::Free => match write(story, &Holder::me(name), false) {
                Ok(()) => return Ok(Opened::Editable { cleared }),
                // Someone locked it between our look and our write: look again.
                Err(LockError::Write { source, .. })
                    if source.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            },
        }
    }
    match read(story) {
        Ok(Some(holder)) if !holder.is_this_process() => Ok(Opened::ReadOnly(holder)),
        _ => Ok(Opened::Editable { cleared }),
    }
}

/// The message shown when a stale lock is cleared.
pub fn stale_message(holder: Option<&Holder>, why: &Stale) -> String {
    let whose = match holder {
        Some(h) => format!("{} (since {})", h.who(), h.since.strftime("%Y-%m-%d %H:%M")),
        None => "an unreadable lock".to_owned(),
    };
    let reason = match why {
        Stale::ProcessGone => "its Copydesk is no longer running".to_owned(),
        Stale::TooOld => "it is older than the stale-lock setting".to_owned(),
        Stale::Unreadable(e) => format!("it could not be read ({e})"),
    };
    format!("Cleared a stale lock by {whose}: {reason}.")
}

/// Take `story` over from whoever holds it: this process's lock replaces theirs
/// (atomically), and the returned [`Decision`] is what to record in the story
/// file when it is next saved.
pub fn take_over(story: &Path, name: &str) -> Result<Decision, LockError> {
    let previous = read(story).ok().flatten();
    let me = Holder::me(name);
    write(story, &me, true)?;
    let why = match previous {
        Some(p) => format!(
            "took over from {} (open since {})",
            p.who(),
            p.since.strftime("%Y-%m-%d %H:%M UTC")
        ),
        None => "took over an unheld story".to_owned(),
    };
    Ok(Decision {
        at: me.since,
        who: me.who(),
        action: "take-over".to_owned(),
        why,
    })
}

/// Remove this process's lock on `story` (a lock someone took over is theirs
/// and is left alone).
pub fn release(story: &Path) -> Result<(), LockError> {
    match read(story) {
        Ok(Some(holder)) if holder.is_this_process() => remove_file(&lock_path(story)),
        _ => Ok(()),
    }
}

fn remove_file(path: &Path) -> Result<(), LockError> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(LockError::Remove {
            path: path.to_owned(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// Write `holder` as the lock of `story`: to a temporary file, then linked in
/// only when no lock exists (`replace` false) or renamed over the old one.
fn write(story: &Path, holder: &Holder, replace: bool) -> Result<(), LockError> {
    let path = lock_path(story);
    let err = |source| LockError::Write {
        path: path.clone(),
        source,
    };
    let text = ron::ser::to_string_pretty(holder, ron::ser::PrettyConfig::new())
        .map_err(|e| err(io::Error::other(e)))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".copydesk-lock.").suffix(".tmp");
    // Other editors sharing the folder (other users) must read who holds it;
    // a lock says only a name, a host, a process and a time.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(err)?;
    tmp.write_all(text.as_bytes()).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    if replace {
        tmp.persist(&path).map_err(|e| err(e.error))?;
    } else {
        tmp.persist_noclobber(&path).map_err(|e| err(e.error))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    #[test]
    fn a_lock_is_readable_by_other_editors_sharing_the_folder() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let story = dir.path().join("s.ron");
        std::fs::write(&story, "").unwrap();
        acquire(&story, "Mira", SignedDuration::from_hours(12)).unwrap();
        let mode = std::fs::metadata(lock_path(&story))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }

    use super::*;

    #[test]
    fn lock_names_round_trip() {
        let lock = lock_path(Path::new("/desk/sport/міст.ron"));
        assert_eq!(lock, Path::new("/desk/sport/.міст.ron.copydesk-lock"));
        let name = lock.file_name().unwrap().to_str().unwrap();
        assert_eq!(story_name_of_lock(name), Some("міст.ron"));
        assert_eq!(story_name_of_lock(".copydesk-lock"), None);
        assert_eq!(story_name_of_lock("x.ron"), None);
    }

    #[test]
    fn judging_a_lock() {
        let now = Timestamp::now();
        let hour = SignedDuration::from_hours(1);
        let mine = Holder::me("Mira");
        assert!(matches!(judge(mine.clone(), hour, now), LockState::Mine(_)));
        let elsewhere = Holder {
            host: "another-host-that-is-not-this-one".into(),
            pid: 1,
            ..mine.clone()
        };
        assert!(matches!(
            judge(elsewhere.clone(), hour, now),
            LockState::HeldBy(_)
        ));
        let old = Holder {
            since: now - SignedDuration::from_hours(3),
            ..elsewhere
        };
        assert!(matches!(
            judge(old, hour, now),
            LockState::Stale(_, Stale::TooOld)
        ));
    }
}
