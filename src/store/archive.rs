//! The draft archive beside a story: `STORY.drafts.ron` holds the older drafts
//! moved out of `STORY.ron` when a story grows towards the size a story file
//! may have. It is an ordinary story file (same id; its current text is the
//! newest archived draft), so Copydesk opens it like any story, with its drafts
//! in the history panel to view and compare. See docs/FORMAT.md.

use std::path::{Path, PathBuf};

use super::{StoreError, WriteOptions};
use crate::story::Story;

/// The archive file of the story file at `path`: `budget.ron` →
/// `budget.drafts.ron` (in the same folder).
pub fn archive_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "story".into());
    path.with_file_name(format!("{stem}.drafts.ron"))
}

/// The archive of the story at `path`, when there is one.
pub fn load_archive(path: &Path) -> Result<Option<Story>, StoreError> {
    let archive = archive_path(path);
    if std::fs::symlink_metadata(&archive).is_err() {
        return Ok(None);
    }
    super::load(&archive).map(Some)
}

/// What [`archive_drafts`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Archived {
    /// Drafts moved to the archive by this call.
    pub moved: usize,
    /// Drafts the archive holds now.
    pub in_archive: usize,
    pub archive: PathBuf,
    /// The story file's size after the move, in bytes.
    pub story_bytes: u64,
}

/// Move every draft of the story at `path` but the newest `keep` into its
/// archive (added after the drafts already there). The archive is written
/// first, then the story, each atomically and each refused when too large to
/// read back; the story is only replaced if nobody changed it meanwhile. A
/// crash between the two writes leaves the drafts in both files, never in
/// neither.
pub fn archive_drafts(path: &Path, keep: usize) -> Result<Archived, StoreError> {
    let (mut story, hash) = super::load_hashed(path)?;
    let archive = archive_path(path);
    let mut stored = match load_archive(path)? {
        Some(existing) => {
            if existing.id != story.id {
                return Err(StoreError::Shape {
                    path: archive,
                    line: 1,
                    column: 1,
                    message: format!(
                        "this archive belongs to story {}, not to {} ({})",
                        existing.id,
                        story.id,
                        path.display()
                    ),
                });
            }
            existing
        }
        None => Story {
            drafts: Vec::new(),
            dismissed: Vec::new(),
            unknown: Default::default(),
            ..story.clone()
        },
    };
    let split = story.drafts.len().saturating_sub(keep);
    let older: Vec<_> = story.drafts.drain(..split).collect();
    let moved = older.len();
    for draft in older {
        if !stored.drafts.iter().any(|d| d.number == draft.number) {
            stored.drafts.push(draft);
        }
    }
    stored.drafts.sort_by_key(|d| d.number);
    if let Some(newest) = stored.drafts.last() {
        stored.fields = newest.fields.clone();
        stored.modified = newest.saved;
    }
    if moved > 0 {
        super::save(&archive, &stored)?;
        let options = WriteOptions {
            expect_hash: Some(hash),
            ..WriteOptions::default()
        };
        super::save_with(path, &story, &options)?;
    }
    let story_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Ok(Archived {
        moved,
        in_archive: stored.drafts.len(),
        archive,
        story_bytes,
    })
}
