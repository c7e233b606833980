//! A document's life without a window: its lock on the story file (held while
//! open, read-only when someone else holds it, taken over with the decision
//! recorded, let go on close) and saving over someone else's save.

use std::fs;
use std::path::{Path, PathBuf};

use copydesk::desk::lock::{self, Holder};
use copydesk::document::{Document, EditLock, LockSettings};
use copydesk::store;
use copydesk::story::{Fields, Story, now};

fn settings() -> LockSettings {
    LockSettings {
        user: "Sam".into(),
        stale_after: jiff::SignedDuration::from_hours(12),
    }
}

fn story_file(dir: &Path) -> PathBuf {
    let mut story = Story::with_fields(Fields {
        headline: "Harbour reopens".into(),
        body: "Boats are back.".into(),
        ..Fields::default()
    });
    story.record_draft(None, now());
    let path = dir.join("harbour.ron");
    store::save(&path, &story).unwrap();
    path
}

fn open(path: &Path) -> Document {
    Document::from_file(store::load(path).unwrap(), path.to_owned())
}

/// A lock written by another editor's Copydesk on another machine.
fn held_elsewhere(story: &Path, name: &str) -> Holder {
    let holder = Holder {
        name: name.into(),
        host: "desk-3.example".into(),
        pid: 4242,
        since: jiff::Timestamp::now(),
    };
    fs::write(
        lock::lock_path(story),
        ron::ser::to_string(&holder).unwrap(),
    )
    .unwrap();
    holder
}

#[test]
fn an_open_story_is_locked_and_closing_it_lets_go() {
    let dir = tempfile::tempdir().unwrap();
    let path = story_file(dir.path());
    let mut doc = open(&path);
    assert_eq!(doc.sync_lock(&settings()), None);
    assert_eq!(doc.lock, EditLock::Held(path.clone()));
    let holder = lock::read(&path).unwrap().expect("a lock beside the story");
    assert_eq!(holder.name, "Sam");
    assert!(holder.is_this_process());
    assert!(!doc.is_read_only());
    // Asked again for the same path: nothing to do, nothing said.
    assert_eq!(doc.sync_lock(&settings()), None);
    drop(doc);
    assert_eq!(lock::read(&path).unwrap(), None, "closing lets the lock go");
}

#[test]
fn save_as_moves_the_lock_to_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = story_file(dir.path());
    let mut doc = open(&path);
    doc.sync_lock(&settings());
    let copy = dir.path().join("copy.ron");
    let hash = store::save_checked(&copy, &doc.story, None).unwrap();
    doc.mark_saved(copy.clone(), hash);
    doc.sync_lock(&settings());
    assert_eq!(doc.lock, EditLock::Held(copy.clone()));
    assert_eq!(lock::read(&path).unwrap(), None);
    assert!(lock::read(&copy).unwrap().is_some());
}

#[test]
fn a_story_someone_else_has_open_is_read_only_until_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = story_file(dir.path());
    let mira = held_elsewhere(&path, "Mira");
    let mut doc = open(&path);
    let message = doc.sync_lock(&settings()).expect("says who has it");
    assert!(message.contains("Read-only"), "{message}");
    assert!(message.contains("Mira on desk-3.example"), "{message}");
    assert!(doc.is_read_only());
    assert_eq!(doc.read_only_by(), Some(&mira));
    // Mira saves meanwhile: taking over shows her latest text, and records who
    // took it from whom in the file.
    let mut hers = store::load(&path).unwrap();
    hers.fields.body = "Boats are back, says Mira.".into();
    hers.record_draft(None, now());
    store::save(&path, &hers).unwrap();

    let said = doc.take_over(&settings()).unwrap();
    assert!(said.contains("Mira on desk-3.example"), "{said}");
    assert!(!doc.is_read_only());
    assert_eq!(doc.story.fields.body, "Boats are back, says Mira.");
    let holder = lock::read(&path).unwrap().unwrap();
    assert!(holder.is_this_process());
    let saved = store::load(&path).unwrap();
    let decision = saved.decisions.last().expect("the take-over is recorded");
    assert_eq!(decision.action, "take-over");
    assert!(decision.who.starts_with("Sam on "), "{}", decision.who);
    assert!(decision.why.contains("Mira"), "{}", decision.why);
    assert_eq!(saved.fields.body, "Boats are back, says Mira.");
    assert!(!doc.is_dirty());
    // The decision on disk is what the document holds: a save does not
    // come back as a conflict.
    assert_eq!(doc.disk_hash, store::file_hash(&path).unwrap());
}

#[test]
fn typed_text_is_never_made_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = story_file(dir.path());
    held_elsewhere(&path, "Mira");
    let mut doc = open(&path);
    doc.story.fields.headline = "Typed before the lock was seen".into();
    let message = doc.sync_lock(&settings()).unwrap();
    assert!(message.contains("stays editable"), "{message}");
    assert!(!doc.is_read_only());
}

#[test]
fn a_take_over_by_someone_else_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let path = story_file(dir.path());
    // Clean: it turns read-only.
    let mut clean = open(&path);
    clean.sync_lock(&settings());
    held_elsewhere(&path, "Mira");
    let message = clean.check_lock_taken().unwrap();
    assert!(message.contains("Mira"), "{message}");
    assert!(clean.is_read_only());
    // Her lock is hers: closing here does not remove it.
    drop(clean);
    assert_eq!(lock::read(&path).unwrap().unwrap().name, "Mira");

    // With unsaved text: it stays editable.
    fs::remove_file(lock::lock_path(&path)).unwrap();
    let mut typing = open(&path);
    typing.sync_lock(&settings());
    typing.story.fields.body.push_str(" More.");
    held_elsewhere(&path, "Mira");
    let message = typing.check_lock_taken().unwrap();
    assert!(message.contains("Save will ask"), "{message}");
    assert!(!typing.is_read_only());
}

#[test]
fn a_read_only_story_becomes_editable_when_its_holder_lets_go() {
    let dir = tempfile::tempdir().unwrap();
    let path = story_file(dir.path());
    held_elsewhere(&path, "Mira");
    let mut doc = open(&path);
    doc.sync_lock(&settings());
    assert!(doc.is_read_only());
    fs::remove_file(lock::lock_path(&path)).unwrap();
    assert_eq!(doc.check_lock_taken(), None);
    assert_eq!(doc.sync_lock(&settings()), None);
    assert!(!doc.is_read_only());
    assert!(lock::read(&path).unwrap().unwrap().is_this_process());
}

#[test]
fn a_stale_lock_is_cleared_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = story_file(dir.path());
    let old = Holder {
        name: "Mira".into(),
        host: "desk-3.example".into(),
        pid: 4242,
        since: jiff::Timestamp::now() - jiff::SignedDuration::from_hours(13),
    };
    fs::write(lock::lock_path(&path), ron::ser::to_string(&old).unwrap()).unwrap();
    let mut doc = open(&path);
    let message = doc.sync_lock(&settings()).unwrap();
    assert!(
        message.contains("Cleared a stale lock by Mira"),
        "{message}"
    );
    assert!(!doc.is_read_only());
    assert!(lock::read(&path).unwrap().unwrap().is_this_process());
}

#[test]
fn a_save_records_a_draft_and_the_saved_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = story_file(dir.path());
    let mut doc = open(&path);
    doc.story.fields.body.push_str(" Ferries too.");
    assert!(doc.is_dirty());
    let expected = doc.expected_hash(&path);
    assert!(expected.is_some());
    doc.check_conflict(&path).unwrap();
    let saved = doc.save_to(&path, None, expected).unwrap();
    assert_eq!(saved.draft, Some(2));
    assert!(!doc.is_dirty());
    assert_eq!(doc.disk_hash, store::file_hash(&path).unwrap());
    let on_disk = store::load(&path).unwrap();
    assert_eq!(on_disk.fields.body, "Boats are back. Ferries too.");
    // Unchanged text and no label: no new draft.
    assert_eq!(doc.save_to(&path, None, doc.disk_hash).unwrap().draft, None);
}

#[test]
fn a_save_over_someone_elses_save_is_refused_and_changes_nothing() {
    use copydesk::document::SaveError;
    let dir = tempfile::tempdir().unwrap();
    let path = story_file(dir.path());
    let mut doc = open(&path);
    doc.story.fields.headline = "Mine".into();
    let mut theirs = store::load(&path).unwrap();
    theirs.fields.headline = "Theirs".into();
    store::save(&path, &theirs).unwrap();
    let before = fs::read(&path).unwrap();
    assert!(matches!(
        doc.check_conflict(&path),
        Err(SaveError::Conflict { .. })
    ));
    // Even when asked to save anyway against the old fingerprint (a save made
    // between the check and the rename), the file is not replaced.
    let drafts = doc.story.drafts.clone();
    let modified = doc.story.modified;
    let err = doc
        .save_to(&path, None, doc.expected_hash(&path))
        .unwrap_err();
    assert!(matches!(err, SaveError::Conflict { .. }), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(doc.story.drafts, drafts, "no draft left behind");
    assert_eq!(doc.story.modified, modified);
    assert!(doc.is_dirty(), "the text is still unsaved");
    // Keeping theirs as a draft, then saving over what was just read, works.
    let (theirs, hash) = store::load_hashed(&path).unwrap();
    copydesk::document::conflict::keep_theirs(&mut doc.story, &theirs).unwrap();
    doc.save_to(&path, None, Some(hash)).unwrap();
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.fields.headline, "Mine");
    assert!(saved.drafts.iter().any(|d| d.fields.headline == "Theirs"));
}

#[test]
fn a_failed_write_leaves_the_story_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = story_file(dir.path());
    // A folder where the file should go: no save can replace it.
    let target = dir.path().join("copy.ron");
    fs::create_dir(&target).unwrap();
    let mut doc = open(&path);
    doc.story.fields.body.push_str(" More.");
    let drafts = doc.story.drafts.len();
    let modified = doc.story.modified;
    let err = doc.save_to(&target, None, None).unwrap_err();
    assert!(err.to_string().contains("copy.ron"), "{err}");
    assert_eq!(doc.story.drafts.len(), drafts, "no draft left behind");
    assert_eq!(doc.story.modified, modified);
    assert_eq!(doc.path.as_deref(), Some(path.as_path()));
    assert!(doc.is_dirty());
    assert!(target.is_dir());
}
