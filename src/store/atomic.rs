//! Atomic writes of a user's file: a temporary file in the same folder,
//! private from its first byte, renamed over the target. Used for story
//! files, exports, archives and recovery copies.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What every temporary file of ours carries in its name
/// (`.{name}.XXXXXX.copydesk.tmp`), so that cleaning up never touches a file
/// Copydesk did not make.
const TEMP_SUFFIX: &str = ".copydesk.tmp";

/// How [`write_with`] writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Replace a symbolic link at the path itself, rather than the file it
    /// points to (exports with `--force`: the link's target is not ours).
    pub replace_link: bool,
    /// Give the file this mode (Unix permission bits), whatever the existing
    /// file's (recovery copies are always 0600).
    pub mode: Option<u32>,
    /// Only replace the file if its content fingerprint
    /// ([`super::content_hash`]) is still this (a missing file passes): checked
    /// under a lock just before the rename, so a save made by someone else in
    /// the meantime is never overwritten. Failing, the error wraps
    /// [`ChangedOnDisk`].
    pub expect_hash: Option<u64>,
}

/// The file changed on disk since it was read (see [`WriteOptions::expect_hash`]).
#[derive(Debug, thiserror::Error)]
#[error("the file was changed by someone else since it was opened")]
pub struct ChangedOnDisk;

impl ChangedOnDisk {
    /// Whether `err` is this.
    pub fn is(err: &io::Error) -> bool {
        err.get_ref().is_some_and(|e| e.is::<ChangedOnDisk>())
    }
}

/// Write `bytes` to `path` so that the file is either wholly old or wholly new:
/// write a temporary file in the same folder, flush and sync it, then rename it
/// over the target (and sync the folder). On any failure the old file is left
/// untouched and the temporary file is removed.
///
/// The temporary file is created owner-only (0600) and given its final mode —
/// the replaced file's, or 0644 for a new one — before a byte is written, so
/// a private story is never readable by others while it is saved. A save that
/// was killed leaves its temporary file behind (`.{name}.XXXXXX.copydesk.tmp`);
/// the next successful save of the same file removes those over a minute old,
/// and never any other file. A symlink is followed, so the file it points to is
/// replaced and the link stays (see [`WriteOptions::replace_link`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, &WriteOptions::default(), |file| file.write_all(bytes))
}

/// [`write_atomic`] with the writing of the contents given as `write`: the
/// seam where tests put a failing disk (a full disk answers ENOSPC part-way).
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    write_with(path, &WriteOptions::default(), write)
}

/// [`write_atomic_with`] with [`WriteOptions`].
pub fn write_with(
    path: &Path,
    options: &WriteOptions,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = if is_link && options.replace_link {
        path.to_owned()
    } else {
        match fs::canonicalize(path) {
            Ok(real) => real,
            Err(_) => path.to_owned(),
        }
    };
    let existing = if is_link && options.replace_link {
        None
    } else {
        fs::metadata(&target).ok()
    };
    if existing.as_ref().is_some_and(|m| m.is_dir()) {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "the path is a folder",
        ));
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "story".into());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Owner-only from creation (the umask can only take bits away)...
        builder.permissions(fs::Permissions::from_mode(0o600));
    }
    let mut tmp = builder.tempfile_in(&dir)?;
    // On any error from here on, dropping `tmp` deletes the temporary file.
    #[cfg(unix)]
    {
        // ...then the final mode, set on the open file before any byte is in it.
        use std::os::unix::fs::PermissionsExt;
        let mode = options.mode.unwrap_or_else(|| {
            existing
                .as_ref()
                .map_or(0o644, |m| m.permissions().mode() & 0o7777)
        });
        tmp.as_file()
            .set_permissions(fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    if let Some(meta) = &existing {
        let _ = tmp.as_file().set_permissions(meta.permissions());
    }
    write(tmp.as_file_mut())?;
    tmp.flush()?;
    tmp.as_file().sync_all()?;
    // Hold the lock on the file being replaced from the fingerprint check to
    // the rename: another Copydesk saving the same file waits, then finds the
    // content changed.
    let _lock = match options.expect_hash {
        Some(expected) => Some(check_unchanged(&target, expected)?),
        None => None,
    };
    tmp.persist(&target).map_err(|e| e.error)?;
    // Make the rename itself durable. Not every platform can open a folder.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    remove_stale_temps(&dir, &prefix);
    Ok(())
}

/// Lock the file at `target` (when there is one) and check its fingerprint is
/// still `expected`; the returned handle holds the lock until dropped.
fn check_unchanged(target: &Path, expected: u64) -> io::Result<Option<File>> {
    let file = match File::open(target) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    // Advisory, best effort: a file system without locks still gets the check.
    let _ = file.lock();
    let bytes = super::read_limited(target).map_err(|e| match e {
        super::StoreError::Read { source, .. } => source,
        other => io::Error::other(other.to_string()),
    })?;
    if super::content_hash(&bytes) != expected {
        return Err(io::Error::other(ChangedOnDisk));
    }
    Ok(Some(file))
}

/// A temporary file of [`write_atomic`] this old was left by a save that never
/// finished (a crash, a kill, a power cut); a save in progress is never this old.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// Remove the temporary files an interrupted [`write_atomic`] of the same file
/// left in `dir`: named `{prefix}XXXXXX.copydesk.tmp` (six random letters or
/// digits and Copydesk's marker), regular files, last modified over
/// [`STALE_TEMP_AGE`] ago. Best effort: a file that cannot be removed stays.
/// Nothing else is touched.
fn remove_stale_temps(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(random) = name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix))
            .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        if random.len() != 6 || !random.bytes().all(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        // The entry's own metadata: a symlink is not followed, and not removed.
        let stale = entry.metadata().is_ok_and(|meta| {
            meta.is_file()
                && meta
                    .modified()
                    .ok()
                    .and_then(|at| at.elapsed().ok())
                    .is_some_and(|age| age > STALE_TEMP_AGE)
        });
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}
