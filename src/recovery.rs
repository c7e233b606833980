//! Recovery copies: the unsaved text of an open story, written atomically to a
//! recovery folder while the editor types, so a crash, a kill or a power cut
//! loses nothing. One copy per story (by story id): `<id>.ron` is an ordinary
//! story file (it opens in Copydesk like any other) and `<id>.meta.ron` says which
//! file it belongs to and when it was written.
//!
//! A copy is found again at start ([`pending`]) when its text differs from its
//! story file's (or it has no file); it is removed only by a clean save or an
//! explicit discard ([`remove`]). No egui here: the window schedules the writes.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::store;
use crate::story::Story;

/// What a recovery copy belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The story file, or `None` for a story never saved.
    pub path: Option<PathBuf>,
    pub written: Timestamp,
}

/// A recovery copy found on disk.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    pub meta: Meta,
    pub story: Story,
    /// The story file's text when it has one that loads, to compare against.
    pub on_disk: Option<Story>,
}

fn story_path(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("{}.ron", safe_id(id)))
}

fn meta_path(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("{}.meta.ron", safe_id(id)))
}

/// Story ids are UUIDs, but a hand-edited file may hold anything: keep only
/// characters that are safe in a file name.
fn safe_id(id: &str) -> String {
    let safe: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(64)
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

/// Write the recovery copy of `story` (belonging to `path`) atomically.
pub fn write(dir: &Path, story: &Story, path: Option<&Path>) -> io::Result<()> {
    ensure_dir(dir)?;
    let meta = Meta {
        path: path.map(Path::to_owned),
        written: crate::story::now(),
    };
    let meta_text = ron::ser::to_string_pretty(&meta, ron::ser::PrettyConfig::new())
        .map_err(|e| io::Error::other(e.to_string()))?;
    // The story first: a meta without its story is ignored, never the reverse.
    write_private(
        &story_path(dir, &story.id),
        store::to_ron_string(story).as_bytes(),
    )?;
    write_private(&meta_path(dir, &story.id), meta_text.as_bytes())
}

/// Remove the recovery copy of story `id` (nothing to do when there is none).
pub fn remove(dir: &Path, id: &str) -> io::Result<()> {
    for path in [meta_path(dir, id), story_path(dir, id)] {
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// Recovery copies worth offering: their text differs from their story file's
/// (or the file is gone, or they never had one). Copies identical to their file
/// are stale and removed. Unreadable copies are left alone and skipped.
pub fn pending(dir: &Path) -> Vec<Recovered> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(id) = name.strip_suffix(".meta.ron") else {
            continue;
        };
        let meta: Meta = match fs::read_to_string(entry.path())
            .ok()
            .and_then(|text| ron::from_str(&text).ok())
        {
            Some(meta) => meta,
            None => continue,
        };
        let Ok(story) = store::load(&story_path(dir, id)) else {
            continue;
        };
        let on_disk = meta.path.as_deref().and_then(|p| store::load(p).ok());
        let same = on_disk
            .as_ref()
            .is_some_and(|disk| disk.fields == story.fields && disk.status == story.status);
        if same {
            let _ = remove(dir, id);
            continue;
        }
        found.push(Recovered {
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
        write(&rec, &story, Some(&file)).unwrap();
        assert!(pending(&rec).is_empty());
        assert!(!story_path(&rec, &story.id).exists());

        story.fields.headline = "Typed — “not saved”".into();
        write(&rec, &story, Some(&file)).unwrap();
        let found = pending(&rec);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].story.fields.headline, "Typed — “not saved”");
        assert_eq!(found[0].meta.path.as_deref(), Some(file.as_path()));
        assert_eq!(found[0].on_disk.as_ref().unwrap().fields.headline, "Saved");

        remove(&rec, &story.id).unwrap();
        assert!(pending(&rec).is_empty());
        remove(&rec, &story.id).unwrap();
    }

    #[test]
    fn untitled_stories_are_offered_and_odd_ids_are_safe() {
        let dir = tempfile::tempdir().unwrap();
        let mut story = Story::with_fields(Fields {
            body: "Never saved".into(),
            ..Fields::default()
        });
        story.id = "../../etc/passwd".into();
        write(dir.path(), &story, None).unwrap();
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
