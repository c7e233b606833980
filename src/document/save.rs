//! Saving a document: the conflict check against the file as it was last
//! read or written, the new draft, the atomic write, and the saved state —
//! or, on failure, the story exactly as it was. No egui: the window turns
//! the outcome into messages and prompts.

use std::path::{Path, PathBuf};

use crate::store::{self, StoreError};

use super::Document;

/// A save that was made.
#[derive(Debug, PartialEq, Eq)]
pub struct Saved {
    /// The new draft's number, or `None` when the text was unchanged.
    pub draft: Option<u32>,
    /// A warning that the file nears the size a load accepts.
    pub size_warning: Option<String>,
}

/// Why a save was not made. The story on screen is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Someone else changed the file since it was read or last written.
    #[error("{}: changed by someone else since it was opened or saved", path.display())]
    Conflict { path: PathBuf },
    /// The draft numbers are used up.
    #[error("{}: not saved: {message}", path.display())]
    Draft { path: PathBuf, message: String },
    /// The file could not be read or written.
    #[error(transparent)]
    Store(StoreError),
}

impl Document {
    /// The fingerprint the file at `path` must still have for a save not to
    /// overwrite someone else's: this document's own file as last read or
    /// written (`None` for another path, e.g. Save As).
    pub fn expected_hash(&self, path: &Path) -> Option<u64> {
        self.disk_hash
            .filter(|_| self.path.as_deref() == Some(path))
    }

    /// Whether someone else changed the file at `path` since this document
    /// read or wrote it (asked before a save, and again just before the rename).
    pub fn check_conflict(&self, path: &Path) -> Result<(), SaveError> {
        let Some(known) = self.expected_hash(path) else {
            return Ok(());
        };
        match store::file_hash(path) {
            Ok(Some(now)) if now != known => Err(SaveError::Conflict {
                path: path.to_owned(),
            }),
            Ok(_) => Ok(()),
            Err(err) => Err(SaveError::Store(err)),
        }
    }

    /// Save to `path` (a changed text, or a `label`, becomes a new draft),
    /// replacing the file only while its fingerprint is `expected` when
    /// given. On failure the story is left exactly as it was.
    pub fn save_to(
        &mut self,
        path: &Path,
        label: Option<String>,
        expected: Option<u64>,
    ) -> Result<Saved, SaveError> {
        let before = self.story.modified;
        let draft = self
            .story
            .try_record_draft(label, crate::story::now())
            .map_err(|err| SaveError::Draft {
                path: path.to_owned(),
                message: err.to_string(),
            })?;
        match store::save_checked(path, &self.story, expected) {
            Ok(hash) => {
                let size = std::fs::metadata(path).map_or(0, |m| m.len());
                let size_warning = store::size_warning(path, size);
                self.mark_saved(path.to_owned(), hash);
                Ok(Saved {
                    draft,
                    size_warning,
                })
            }
            Err(err) => {
                if draft.is_some() {
                    self.story.drafts.pop();
                }
                self.story.modified = before;
                Err(match err {
                    StoreError::Changed { .. } => SaveError::Conflict {
                        path: path.to_owned(),
                    },
                    other => SaveError::Store(other),
                })
            }
        }
    }
}
