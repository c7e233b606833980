//! The window, driven as a user would: find widgets by their accessible label,
//! click and type, press shortcuts, close the window.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use copydesk::store;
use copydesk::story::{Fields, Story, now};
use copydesk::ui::dialogs::{FileDialogs, Picked};
use copydesk::ui::{CopydeskApp, Document, Settings};
use egui::accesskit::Role;
use egui::{Key, Modifiers, ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// File dialogs that answer from a script, and remember what they were asked.
#[derive(Clone, Default)]
struct ScriptedDialogs {
    answers: Rc<RefCell<VecDeque<Picked>>>,
    asked: Rc<RefCell<Vec<&'static str>>>,
}

impl ScriptedDialogs {
    fn answer(&self, picked: Picked) {
        self.answers.borrow_mut().push_back(picked);
    }
    fn next(&self, what: &'static str) -> Picked {
        self.asked.borrow_mut().push(what);
        self.answers
            .borrow_mut()
            .pop_front()
            .unwrap_or(Picked::Cancelled)
    }
}

impl FileDialogs for ScriptedDialogs {
    fn open_story(&mut self, _start_dir: Option<&Path>) -> Picked {
        self.next("open")
    }
    fn save_story(&mut self, _start_dir: Option<&Path>, _file_name: &str) -> Picked {
        self.next("save")
    }
}

fn harness_with(doc: Document, dialogs: &ScriptedDialogs) -> Harness<'static, CopydeskApp> {
    let dialogs = dialogs.clone();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 820.0))
        .build_eframe(move |cc| {
            CopydeskApp::new(&cc.egui_ctx, doc, Settings::default()).with_dialogs(Box::new(dialogs))
        });
    harness.run();
    harness
}

/// A story saved in a temp folder, opened in the window.
fn story_on_disk(dir: &Path) -> (PathBuf, Document) {
    let mut story = Story::with_fields(Fields {
        slug: "council-budget".into(),
        headline: "Council passes budget".into(),
        byline: "By Олена Коваленко".into(),
        body: "The council voted on Tuesday.\n\nThe vote was close.".into(),
        ..Fields::default()
    });
    story.record_draft(Some("Filed".into()), now());
    let path = dir.join("budget.ron");
    store::save(&path, &story).unwrap();
    let doc = Document::from_file(store::load(&path).unwrap(), path.clone());
    (path, doc)
}

fn viewport_commands(harness: &Harness<'_, CopydeskApp>) -> Vec<ViewportCommand> {
    harness
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

fn request_close(harness: &mut Harness<'_, CopydeskApp>) {
    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
}

fn type_into(harness: &mut Harness<'_, CopydeskApp>, role: Role, label: &str, text: &str) {
    harness.get_by_role_and_label(role, label).focus();
    harness.run();
    harness.get_by_role_and_label(role, label).type_text(text);
    harness.run();
}

#[test]
fn typing_then_ctrl_s_writes_the_file_with_a_new_draft() {
    let dir = tempfile::tempdir().unwrap();
    let (path, doc) = story_on_disk(dir.path());
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(doc, &dialogs);

    type_into(
        &mut harness,
        Role::TextInput,
        "Headline",
        " — Київ “update”",
    );
    type_into(
        &mut harness,
        Role::MultilineTextInput,
        "Body",
        "Added 👍 words. ",
    );
    assert!(harness.state().doc.is_dirty());
    harness.get_by_label("Unsaved changes");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();

    let saved = store::load(&path).unwrap();
    assert!(
        saved.fields.headline.contains("— Київ “update”"),
        "{}",
        saved.fields.headline
    );
    assert!(
        saved.fields.body.contains("Added 👍 words. "),
        "{}",
        saved.fields.body
    );
    assert_eq!(saved.drafts.len(), 2);
    assert_eq!(saved.drafts[1].fields, saved.fields);
    assert!(!harness.state().doc.is_dirty());
    harness.get_by_label("Saved");
    assert!(
        dialogs.asked.borrow().is_empty(),
        "a story with a path saves without a dialog"
    );
}

#[test]
fn counters_update_as_you_type() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(Document::untitled(), &dialogs);
    harness.get_by_label("0 / 64");
    harness.get_by_label("0 words · 0 characters · 0 paragraphs · 0 min read");

    type_into(&mut harness, Role::TextInput, "Headline", &"Ж".repeat(70));
    harness.get_by_label("70 / 64 · 6 over");
    assert!(harness.query_by_label("0 / 64").is_none());

    type_into(
        &mut harness,
        Role::MultilineTextInput,
        "Body",
        "One two three.",
    );
    harness.get_by_label("3 words · 14 characters · 1 paragraphs · 1 min read");
}

#[test]
fn close_with_unsaved_changes_asks_and_cancel_keeps_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let (path, doc) = story_on_disk(dir.path());
    let before = std::fs::read(&path).unwrap();
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(doc, &dialogs);
    type_into(&mut harness, Role::TextInput, "Slug", "-late");

    request_close(&mut harness);
    harness.step();
    assert!(viewport_commands(&harness).contains(&ViewportCommand::CancelClose));
    harness.run();
    harness.get_by_label("Save your changes?");
    harness.get_by_label("Discard");
    harness.get_by_label("Cancel").click();
    harness.run();

    assert!(
        harness.query_by_label("Discard").is_none(),
        "the prompt closed"
    );
    assert!(!viewport_commands(&harness).contains(&ViewportCommand::Close));
    assert!(harness.state().doc.is_dirty(), "the edit is still there");
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing was written");
    assert_eq!(harness.state().doc.story.fields.slug, "council-budget-late");
}

#[test]
fn close_with_unsaved_changes_then_save_writes_and_closes() {
    let dir = tempfile::tempdir().unwrap();
    let (path, doc) = story_on_disk(dir.path());
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(doc, &dialogs);
    type_into(&mut harness, Role::TextInput, "Byline", " in Kyiv");

    request_close(&mut harness);
    harness.run();
    harness.get_by_label("Save").click();
    harness.step();
    assert!(viewport_commands(&harness).contains(&ViewportCommand::Close));
    assert_eq!(
        store::load(&path).unwrap().fields.byline,
        "By Олена Коваленко in Kyiv"
    );
}

#[test]
fn clean_story_closes_without_asking() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(Document::sample(), &dialogs);
    request_close(&mut harness);
    harness.step();
    assert!(!viewport_commands(&harness).contains(&ViewportCommand::CancelClose));
    assert!(harness.query_by_label("Save your changes?").is_none());
}

#[test]
fn new_with_unsaved_changes_asks_and_discard_starts_fresh() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(Document::sample(), &dialogs);
    type_into(&mut harness, Role::TextInput, "Dateline", " (AP)");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(harness.state().doc.story.fields.is_empty());
    assert!(harness.state().doc.path.is_none());
}

#[test]
fn save_as_without_a_file_dialog_offers_a_typed_path() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("typed");
    let dialogs = ScriptedDialogs::default();
    dialogs.answer(Picked::Unavailable);
    let mut harness = harness_with(Document::sample(), &dialogs);

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    assert_eq!(*dialogs.asked.borrow(), vec!["save"]);
    harness.get_by_label_contains("No file dialog could be shown");
    harness
        .get_by_role_and_label(Role::TextInput, "Path")
        .focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Path")
        .type_text(target.to_str().unwrap());
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Save").click();
    harness.run();

    let written = dir.path().join("typed.ron");
    let story = store::load(&written).expect("the typed path was written, with .ron added");
    assert_eq!(story.fields, copydesk::sample_story().fields);
    assert_eq!(harness.state().doc.path.as_deref(), Some(written.as_path()));
}

#[test]
fn a_broken_file_shows_an_error_and_keeps_the_story() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(format: 1, id: \"x\",").unwrap();
    let dialogs = ScriptedDialogs::default();
    dialogs.answer(Picked::Path(broken.clone()));
    let mut harness = harness_with(Document::sample(), &dialogs);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    harness.get_by_label_contains("broken.ron:1:");
    assert_eq!(
        harness.state().doc.story.fields,
        copydesk::sample_story().fields
    );
    assert!(harness.state().doc.path.is_none());

    // Saving afterwards never writes to the broken file.
    dialogs.answer(Picked::Cancelled);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap(),
        "(format: 1, id: \"x\","
    );
}

#[test]
fn a_broken_file_on_the_command_line_opens_untitled_with_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("garbage.ron");
    std::fs::write(&broken, [0xff, 0x00, 0x12]).unwrap();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 820.0))
        .build_eframe(|cc| {
            CopydeskApp::open_at_start(&cc.egui_ctx, Some(&broken), Settings::default())
        });
    harness.run();
    harness.get_by_label_contains("garbage.ron: not a text file");
    assert!(harness.state().doc.path.is_none());
}

#[test]
fn menu_lists_commands_with_their_shortcuts() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(Document::sample(), &dialogs);
    harness.get_by_label("File").click();
    harness.run();
    for label in ["New", "Open…", "Save", "Save As…", "Quit", "Open Recent"] {
        let found = harness.query_all_by_label_contains(label).count();
        assert!(found >= 1, "menu item {label} missing");
    }
    // The shortcut is shown beside the command.
    let save_as = harness.get_by_label_contains("Save As…");
    let shown = format!("{save_as:?}");
    assert!(shown.contains("Shift") || shown.contains("⇧"), "{shown}");
}

#[test]
fn snapshot_main_window() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(Document::sample(), &dialogs);
    harness.snapshot("main_window");
}
