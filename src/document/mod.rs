//! An open story: its text, what was last saved, its file and its recovery
//! copy's key. No egui: the window drives it, and its life (open, save,
//! conflict, recovery, lock) is tested without a window.

use std::path::PathBuf;

use crate::store;
use crate::story::{BodyCounts, Fields, Status, Story};

pub mod conflict;
mod lock;
mod save;

pub use lock::{EditLock, LockSettings};
pub use save::{SaveError, Saved};

/// The story being edited and what is known about its file.
pub struct Document {
    pub story: Story,
    /// Where Save writes. `None` for a new story, the sample, or after a file
    /// failed to load: Save then asks for a path, so no file is overwritten
    /// without the user choosing it.
    pub path: Option<PathBuf>,
    /// What the status line calls the story when it has no path.
    pub unsaved_name: &'static str,
    saved_fields: Fields,
    saved_status: Status,
    saved_drafts: usize,
    saved_dismissed: usize,
    saved_proofing: crate::story::Proofing,
    pub body_counts: BodyCounts,
    /// Changes with every change to the text, so autosave knows what it has
    /// written and the marks what they were made for. Unique across all
    /// documents of the process ([`next_generation`]): a document that
    /// replaces another never reuses its numbers, so nothing made for the old
    /// text (spelling marks, checks) is taken for the new.
    pub generation: u64,
    /// Fingerprint of the file's bytes as last read or written, to notice when
    /// someone else changed it.
    pub disk_hash: Option<u64>,
    /// This document's recovery copy (`recovery::new_key`): its own, so two
    /// windows on one story never share or delete each other's copy.
    pub recovery_key: String,
    /// The lock on the story file (see [`Document::sync_lock`]).
    pub lock: EditLock,
}

/// A text generation never used before in this process (see
/// [`Document::generation`]).
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Document {
    fn new(story: Story, path: Option<PathBuf>, unsaved_name: &'static str) -> Self {
        Document {
            saved_fields: story.fields.clone(),
            saved_status: story.status,
            saved_drafts: story.drafts.len(),
            saved_dismissed: story.dismissed.len(),
            saved_proofing: story.proofing.clone(),
            body_counts: BodyCounts::of(&story.fields.body),
            path,
            unsaved_name,
            generation: next_generation(),
            disk_hash: None,
            recovery_key: crate::recovery::new_key(&story.id),
            lock: EditLock::Unknown,
            story,
        }
    }

    /// The text changed (by the editor or a command).
    pub fn touch(&mut self) {
        self.generation = next_generation();
    }

    /// A story brought back from its recovery copy: the text as recovered, the
    /// file's text (when there is one) as the saved state, so it shows unsaved.
    /// The drafts are the file's as they are now plus those only the copy has
    /// (nobody's saved drafts are dropped), and the conflict check is against
    /// the file as it was when the copy's text was based on it: a save made
    /// since then is noticed at the next Save.
    pub fn recovered(recovered: crate::recovery::Recovered) -> Self {
        let crate::recovery::Recovered {
            key,
            meta,
            mut story,
            on_disk,
        } = recovered;
        let mut doc = match on_disk {
            Some(disk) => {
                story.drafts = crate::recovery::merged_drafts(&disk.drafts, &story.drafts);
                let mut doc = Self::new(disk, meta.path.clone(), "Recovered story");
                doc.disk_hash = meta.based_on.or_else(|| {
                    meta.path
                        .as_deref()
                        .and_then(|p| store::file_hash(p).ok().flatten())
                });
                doc
            }
            None => {
                let mut doc = Self::new(Story::new(), None, "Recovered story");
                doc.saved_fields = Fields::default();
                doc
            }
        };
        doc.story = story;
        doc.recovery_key = key;
        doc.body_counts = BodyCounts::of(&doc.story.fields.body);
        doc.touch();
        doc
    }

    pub fn untitled() -> Self {
        Self::new(Story::new(), None, "Untitled")
    }

    pub fn sample() -> Self {
        Self::new(crate::sample_story(), None, "Sample story")
    }

    /// A story read from `path`. The file is fingerprinted now, so a later save
    /// notices changes someone else makes to it.
    pub fn from_file(story: Story, path: PathBuf) -> Self {
        let hash = store::file_hash(&path).ok().flatten();
        let mut doc = Self::new(story, Some(path), "Untitled");
        doc.disk_hash = hash;
        doc
    }

    /// A new story holding imported text: unsaved until the user saves it.
    pub fn imported(fields: Fields) -> Self {
        let mut doc = Self::new(Story::new(), None, "Imported story");
        doc.story.fields = fields.normalized();
        doc.body_counts = BodyCounts::of(&doc.story.fields.body);
        doc
    }

    /// Whether the text or status differs from what was last saved or opened.
    /// A draft kept in memory (before a restore) also counts as unsaved.
    pub fn is_dirty(&self) -> bool {
        self.story.status != self.saved_status
            || self.story.drafts.len() != self.saved_drafts
            || self.story.dismissed.len() != self.saved_dismissed
            || self.story.proofing != self.saved_proofing
            || self.story.fields != self.saved_fields
    }

    /// The story was written to `path`, whose bytes now hash to `hash`.
    pub fn mark_saved(&mut self, path: PathBuf, hash: u64) {
        self.path = Some(path);
        self.disk_hash = Some(hash);
        self.saved_fields = self.story.fields.clone();
        self.saved_status = self.story.status;
        self.saved_drafts = self.story.drafts.len();
        self.saved_dismissed = self.story.dismissed.len();
        self.saved_proofing = self.story.proofing.clone();
    }

    /// The file name, or the name of an unsaved story.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(path) => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string()),
            None => self.unsaved_name.to_owned(),
        }
    }

    /// The window title: headline (or file name), an unsaved marker, the app.
    pub fn window_title(&self) -> String {
        let headline = self.story.fields.headline.trim();
        let name = if headline.is_empty() {
            self.display_name()
        } else {
            headline.to_owned()
        };
        let marker = if self.is_dirty() { "● " } else { "" };
        format!("{marker}{name} — Copydesk")
    }
}
