//! Watching a desk folder: every story or lock file created, changed, renamed
//! or removed — by this app, another program or another machine sharing the
//! folder — is reported on a channel, for [`Desk::update_paths`](super::Desk::update_paths).
//! Copydesk's own temporary files and the index are left out.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher as _};

use super::{DeskError, lock, scan};

/// A running watch on a desk. Dropping it stops watching.
pub struct Watcher {
    _inner: notify::RecommendedWatcher,
    events: Receiver<Vec<PathBuf>>,
}

/// Whether a changed path matters to the desk: a story, a lock, or a folder
/// (sections come and go); not temporary files, not the index.
fn matters(root: &Path, path: &Path) -> bool {
    let Some(rel) = scan::relative(root, path) else {
        return false;
    };
    let name = rel.rsplit('/').next().unwrap_or(&rel);
    if lock::story_name_of_lock(name).is_some() {
        return true;
    }
    let hidden = rel.split('/').any(|part| part.starts_with('.'));
    !hidden && (scan::is_story_rel(&rel) || !name.contains('.'))
}

/// Start watching the desk at `root` (an absolute path, as [`Desk::root`](super::Desk::root) gives).
pub fn watch(root: &Path) -> Result<Watcher, DeskError> {
    watch_with(root, || {})
}

/// [`watch`], calling `wake` on the watcher's thread after each change is
/// reported, so a window can look at once instead of polling.
pub fn watch_with(root: &Path, wake: impl Fn() + Send + 'static) -> Result<Watcher, DeskError> {
    let (tx, rx) = mpsc::channel();
    let owned = root.to_owned();
    let handler = move |result: notify::Result<notify::Event>| {
        let Ok(event) = result else { return };
        if event.kind.is_access() {
            return;
        }
        let paths: Vec<PathBuf> = event
            .paths
            .into_iter()
            .filter(|p| matters(&owned, p))
            .collect();
        if !paths.is_empty() && tx.send(paths).is_ok() {
            wake();
        }
    };
    let err = |e: notify::Error| DeskError::Watch {
        path: root.to_owned(),
        message: e.to_string(),
    };
    let mut inner = notify::recommended_watcher(handler).map_err(err)?;
    inner.watch(root, RecursiveMode::Recursive).map_err(err)?;
    Ok(Watcher {
        _inner: inner,
        events: rx,
    })
}

impl Watcher {
    /// The raw channel: each message is the paths of one change.
    pub fn events(&self) -> &Receiver<Vec<PathBuf>> {
        &self.events
    }

    /// Every path reported so far, without waiting (deduplicated, in order).
    pub fn drain(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = Vec::new();
        for paths in self.events.try_iter() {
            for p in paths {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
        out
    }

    /// Wait up to `timeout` for a change, then gather whatever else arrives in
    /// the next `settle` (one save is several events). Empty when none came.
    pub fn wait(&self, timeout: Duration, settle: Duration) -> Vec<PathBuf> {
        let mut out = match self.events.recv_timeout(timeout) {
            Ok(paths) => paths,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return Vec::new(),
        };
        let until = Instant::now() + settle;
        while let Some(left) = until.checked_duration_since(Instant::now()) {
            match self.events.recv_timeout(left) {
                Ok(paths) => out.extend(paths),
                Err(_) => break,
            }
        }
        out.dedup();
        out
    }
}
