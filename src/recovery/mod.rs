//! Recovery copies: the unsaved text of an open story, written atomically to a
//! recovery folder while the editor types, so a crash, a kill or a power cut
//! loses nothing. One copy per open document, under a key made when the
//! document is opened ([`new_key`]: the story id and a random part), so two
//! windows on the same story (or a Save as copy, which keeps the id) never
//! overwrite or delete each other's copy: `<key>.ron` is an ordinary story file
//! (it opens in Copydesk like any other) and `<key>.meta.ron` says which file it
//! belongs to, when it was written and the fingerprint of that file the text was
//! based on.
//!
//! A copy is found again at start ([`pending`]) when it differs from its story
//! file (text, status, drafts or dismissals; or it has no file); it is removed
//! only by a clean save or an explicit discard ([`remove`], or [`Writer::clear`],
//! which also stops any write of it in flight). No egui here: the window
//! schedules the writes.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::store;
use crate::story::{Draft, Story};

mod writer;

pub use writer::Writer;

/// What a recovery copy belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The story file, or `None` for a story never saved.
    pub path: Option<PathBuf>,
    pub written: Timestamp,
    /// The fingerprint (`store::content_hash`) of the story file the text was
    /// based on, when known: a restore checks for conflicts against it, so a
    /// save made since the copy is noticed. Missing in older copies.
    #[serde(default)]
    pub based_on: Option<u64>,
}

/// A recovery copy found on disk.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    /// The copy's key ([`new_key`]): the restored document keeps writing to it.
    pub key: String,
    pub meta: Meta,
    pub story: Story,
    /// The story file's text when it has one that loads, to compare against.
    pub on_disk: Option<Story>,
}

fn story_path(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{}.ron", safe_id(key)))
}

fn meta_path(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{}.meta.ron", safe_id(key)))
}

/// A fresh key for the recovery copy of one open document of story `id`.
pub fn new_key(id: &str) -> String {
    let random = uuid::Uuid::new_v4().simple().to_string();
    format!("{}-{}", safe_id(id), &random[..12])
}

/// Story ids are UUIDs, but a hand-edited file may hold anything: keep only
/// characters that are safe in a file name.
fn safe_id(id: &str) -> String {
    let safe: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(80)
        .collect();
    if safe.is_empty() {
        "story".to_owned()
    } else {
        safe
    }
}

/// The recovery folder, created owner-only (0700) whatever the umask, and made
/// so again if it was not: recovery copies hold unsaved, maybe private, text.
pub fn ensure_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        let mode = fs::metadata(dir)?.permissions().mode() & 0o777;
        if mode != 0o700 {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    fs::create_dir_all(dir)
}

/// Recovery copies are readable by their owner only (0600).
const PRIVATE: store::WriteOptions = store::WriteOptions {
    replace_link: true,
    mode: Some(0o600),
    expect_hash: None,
};

fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    store::write_with(path, &PRIVATE, |file| file.write_all(bytes))
}

/// Write the recovery copy `key` of `story` (belonging to the file `path`,
/// whose fingerprint was `based_on` when the text was read or saved) atomically.
pub fn write(
    dir: &Path,
    key: &str,
    story: &Story,
    path: Option<&Path>,
    based_on: Option<u64>,
) -> io::Result<()> {
    ensure_dir(dir)?;
    let meta = Meta {
        path: path.map(Path::to_owned),
        written: crate::story::now(),
        based_on,
    };
    let meta_text = ron::ser::to_string_pretty(&meta, ron::ser::PrettyConfig::new())
        .map_err(|e| io::Error::other(e.to_string()))?;
    // The story first: a meta without its story is ignored, never the reverse.
    write_private(
        &story_path(dir, key),
        store::to_ron_string(story).as_bytes(),
    )?;
    write_private(&meta_path(dir, key), meta_text.as_bytes())
}

/// Remove the recovery copy `key` (nothing to do when there is none).
pub fn remove(dir: &Path, key: &str) -> io::Result<()> {
    for path in [meta_path(dir, key), story_path(dir, key)] {
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// Whether a copy holds nothing its file does not: same text, status, drafts,
/// dismissals and unknown keys (the time of the last save aside).
fn same_content(copy: &Story, disk: &Story) -> bool {
    copy.fields == disk.fields
        && copy.status == disk.status
        && copy.drafts == disk.drafts
        && copy.dismissed == disk.dismissed
        && copy.unknown == disk.unknown
}

/// The drafts of a restored document: the file's as they are now (someone
/// may have saved drafts since the copy was made), then those only the copy
/// holds (drafts kept in memory, say before a restore), renumbered after the
/// file's newest when their number is taken.
pub fn merged_drafts(file: &[Draft], copy: &[Draft]) -> Vec<Draft> {
    let mut merged = file.to_vec();
    let mut last = file.iter().map(|d| d.number).max().unwrap_or(0);
    for draft in copy {
        if file.contains(draft) {
            continue;
        }
        let mut draft = draft.clone();
        if draft.number <= last {
            let Some(next) = last.checked_add(1) else {
                continue;
            };
            draft.number = next;
        }
        last = draft.number;
        merged.push(draft);
    }
    merged
}

/// Recovery copies worth offering: they differ from their story file (or the
/// file is gone, or they never had one). Copies identical to their file are
/// stale and removed. Unreadable copies are left alone and skipped.
pub fn pending(dir: &Path) -> Vec<Recovered> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(key) = name.strip_suffix(".meta.ron") else {
            continue;
        };
        let meta: Meta = match fs::read_to_string(entry.path())
            .ok()
            .and_then(|text| ron::from_str(&text).ok())
        {
            Some(meta) => meta,
            None => continue,
        };
        let Ok(story) = store::load(&story_path(dir, key)) else {
            continue;
        };
        let on_disk = meta.path.as_deref().and_then(|p| store::load(p).ok());
        let same = on_disk
            .as_ref()
            .is_some_and(|disk| same_content(&story, disk));
        if same {
            let _ = remove(dir, key);
            continue;
        }
        found.push(Recovered {
            key: key.to_owned(),
            meta,
            story,
            on_disk,
        });
    }
    found.sort_by_key(|r| std::cmp::Reverse(r.meta.written));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::Fields;

    #[test]
    fn write_find_and_remove() {
        let dir = tempfile::tempdir().unwrap();
        let rec = dir.path().join("recovery");
        let file = dir.path().join("story.ron");
        let mut story = Story::with_fields(Fields {
            headline: "Saved".into(),
            ..Fields::default()
        });
        store::save(&file, &story).unwrap();

        // Same text as the file: not offered, and cleaned up.
        let key = new_key(&story.id);
        write(&rec, &key, &story, Some(&file), None).unwrap();
        assert!(pending(&rec).is_empty());
        assert!(!story_path(&rec, &key).exists());

        story.fields.headline = "Typed — “not saved”".into();
        write(&rec, &key, &story, Some(&file), None).unwrap();
        let found = pending(&rec);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].story.fields.headline, "Typed — “not saved”");
        assert_eq!(found[0].meta.path.as_deref(), Some(file.as_path()));
        assert_eq!(found[0].on_disk.as_ref().unwrap().fields.headline, "Saved");

        remove(&rec, &key).unwrap();
        assert!(pending(&rec).is_empty());
        remove(&rec, &key).unwrap();
    }

    #[test]
    fn untitled_stories_are_offered_and_odd_ids_are_safe() {
        let dir = tempfile::tempdir().unwrap();
        let mut story = Story::with_fields(Fields {
            body: "Never saved".into(),
            ..Fields::default()
        });
        story.id = "../../etc/passwd".into();
        write(dir.path(), &story.id, &story, None, None).unwrap();
        assert!(dir.path().join("etcpasswd.ron").exists());
        let found = pending(dir.path());
        assert_eq!(found.len(), 1);
        assert!(found[0].meta.path.is_none());
    }

    #[test]
    fn a_missing_or_empty_folder_has_nothing() {
        assert!(pending(Path::new("/nonexistent/copydesk/recovery")).is_empty());
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("junk.meta.ron"), "not ron").unwrap();
        assert!(pending(dir.path()).is_empty());
    }
}
