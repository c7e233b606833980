//! The window, driven as a user would: find widgets by their accessible label,
//! click and type, press shortcuts, close the window.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use copydesk::store;
use copydesk::story::{Fields, Story, now};
use copydesk::ui::dialogs::{FileDialogs, Picked, Request};
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
    fn pick_open(&mut self, _request: &Request) -> Picked {
        self.next("open")
    }
    fn pick_save(&mut self, _request: &Request) -> Picked {
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

// ---- export and import --------------------------------------------------------

fn copied_texts(harness: &Harness<'_, CopydeskApp>) -> Vec<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn export_window_previews_and_copies_the_chosen_format() {
    use copydesk::export::{Format, export};
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(Document::sample(), &dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();

    // Plain text first: the preview is exactly the core's output.
    let story = copydesk::sample_story();
    let preview = harness
        .get_by_role_and_label(Role::MultilineTextInput, "Preview")
        .value()
        .unwrap_or_default();
    assert_eq!(preview, export(&story, Format::Txt).unwrap());

    harness.get_by_label("NITF 3.6 XML").click();
    harness.run();
    let preview = harness
        .get_by_role_and_label(Role::MultilineTextInput, "Preview")
        .value()
        .unwrap_or_default();
    assert!(
        preview.contains("<hl1>Harbour footbridge reopens"),
        "{preview}"
    );

    harness.get_by_label("Copy to clipboard").click();
    harness.step();
    assert_eq!(
        copied_texts(&harness),
        vec![export(&story, Format::Nitf).unwrap()]
    );
}

#[test]
fn copy_as_rich_text_falls_back_to_plain_text_without_a_clipboard() {
    use copydesk::export::{Format, export};
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(Document::sample(), &dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    harness.get_by_label("Copy as rich text").click();
    harness.step();
    // The test has no display, so no system clipboard takes HTML.
    assert_eq!(
        copied_texts(&harness),
        vec![export(&copydesk::sample_story(), Format::Txt).unwrap()]
    );
    harness.run();
    harness.get_by_label_contains("copied plain text instead");
}

#[test]
fn export_preview_follows_edits() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(Document::untitled(), &dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    type_into(
        &mut harness,
        Role::TextInput,
        "Headline",
        "Fresh “headline”",
    );
    let preview = harness
        .get_by_role_and_label(Role::MultilineTextInput, "Preview")
        .value()
        .unwrap_or_default();
    assert!(preview.contains("Fresh “headline”"), "{preview}");
}

#[test]
fn export_saves_through_the_dialog_with_the_right_extension() {
    use copydesk::export::{Format, export};
    let dir = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::default();
    dialogs.answer(Picked::Path(dir.path().join("out")));
    let mut harness = harness_with(Document::sample(), &dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    harness.get_by_label("ninjs 2 JSON").click();
    harness.run();
    harness.get_by_label("Save as .json…").click();
    harness.run();
    let written = std::fs::read_to_string(dir.path().join("out.json")).unwrap();
    assert_eq!(
        written,
        export(&copydesk::sample_story(), Format::Ninjs).unwrap()
    );
    harness.get_by_label_contains("Exported to");
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn importing_markdown_makes_an_unsaved_story_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("copy.md");
    std::fs::write(
        &md,
        "# Міст відкрито\n\n*A bridge reopens*\n\nBy Mira Holt\n\nFirst **bold** paragraph.\n\nSecond paragraph.\n",
    )
    .unwrap();
    let dialogs = ScriptedDialogs::default();
    dialogs.answer(Picked::Path(md.clone()));
    let mut harness = harness_with(Document::untitled(), &dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run();
    // The review shows where every line goes; Create makes the story.
    harness.get_by_label("Import: check where every line goes");
    harness.get_by_label("Create story").click();
    harness.run();

    let fields = harness.state().doc.story.fields.clone();
    assert_eq!(fields.headline, "Міст відкрито");
    assert!(
        fields.body.contains("First bold paragraph."),
        "{}",
        fields.body
    );
    assert!(harness.state().doc.is_dirty(), "imported text is unsaved");
    assert!(
        harness
            .query_by_label("Import: check where every line goes")
            .is_none()
    );
}

#[test]
fn dropping_a_text_file_imports_it_into_a_new_tab() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("wire.txt");
    std::fs::write(&txt, "Headline from the wire\n\nBody text here.\n").unwrap();
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(Document::sample(), &dialogs);
    type_into(&mut harness, Role::TextInput, "Slug", "-x");
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(txt)));
    harness.run();
    assert!(
        harness.query_by_label("Save your changes?").is_none(),
        "nothing on screen is replaced: the import gets a tab of its own"
    );
    harness.get_by_label("Create story").click();
    harness.run();
    assert_eq!(harness.state().tab_count(), 2);
    assert!(
        harness
            .state()
            .doc
            .story
            .fields
            .body
            .contains("Body text here."),
        "{:?}",
        harness.state().doc.story.fields
    );
}

#[test]
fn importing_news_formats_by_menu_and_by_drop() {
    let dir = tempfile::tempdir().unwrap();
    // A NITF file picked with File → Import: recognised from its content.
    let nitf = dir.path().join("wire-feed.xml");
    std::fs::write(
        &nitf,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><nitf><head><docdata>\
         <ed-msg info=\"Eds: embargoed\"/></docdata></head><body><body.head><hedline>\
         <hl1>Міст відкрито</hl1></hedline><byline>By Mira Holt</byline></body.head>\
         <body.content><p>First paragraph.</p><p>Second paragraph.</p></body.content></body></nitf>",
    )
    .unwrap();
    let dialogs = ScriptedDialogs::default();
    dialogs.answer(Picked::Path(nitf.clone()));
    let mut harness = harness_with(Document::untitled(), &dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run();
    // The review says what was read and from which format; Create makes it.
    harness.get_by_label_contains("wire-feed.xml as NITF XML");
    assert!(harness.state().doc.story.fields.headline.is_empty());
    harness.get_by_label("Create story").click();
    harness.run();
    let fields = harness.state().doc.story.fields.clone();
    assert_eq!(fields.headline, "Міст відкрито");
    assert_eq!(fields.byline, "By Mira Holt");
    assert_eq!(fields.body, "First paragraph.\n\nSecond paragraph.");
    assert_eq!(fields.note, "Eds: embargoed");

    // A dropped .docx that is not a Word file: an error naming it, and the
    // story on screen is kept.
    let bad = dir.path().join("notes.docx");
    std::fs::write(&bad, "plain text saved as .docx").unwrap();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(bad)));
    harness.run();
    // Nothing on screen is replaced by an import, so no prompt comes first.
    assert!(harness.query_by_label("Save your changes?").is_none());
    harness.get_by_label_contains("notes.docx: cannot import as Word document");
    assert_eq!(harness.state().doc.story.fields.headline, "Міст відкрито");
}

#[test]
fn snapshot_export_window() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(Document::sample(), &dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    harness.get_by_label("HTML page").click();
    harness.run();
    harness.snapshot("export_window");
}

// ---- drafts, history and compare ---------------------------------------------

/// A story saved with draft 1 "council … Monday", then edited on screen.
fn edited_story(dir: &Path) -> (PathBuf, Document) {
    let mut story = Story::with_fields(Fields {
        headline: "Council meets".into(),
        body: "The council met on Monday.\n\nIt voted to close the bridge.".into(),
        ..Fields::default()
    });
    story.record_draft(Some("Filed".into()), now());
    let path = dir.join("council.ron");
    store::save(&path, &story).unwrap();
    let mut doc = Document::from_file(store::load(&path).unwrap(), path.clone());
    doc.story.fields.body =
        "The board met on Monday.\n\nIt voted to close the bridge.\n\nA new line.".into();
    (path, doc)
}

#[test]
fn history_lists_drafts_and_shows_one_read_only() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(Document::sample(), &dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::H);
    harness.run();
    harness.get_by_label("History");
    harness.get_by_label_contains("Draft 2 · Edited");
    harness.get_by_label_contains("Draft 1 · Filed").click();
    harness.run();
    harness.get_by_label_contains("read-only");
    harness.get_by_label("Footbridge reopens after repairs");
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "Headline")
            .is_none(),
        "the draft is not editable"
    );
}

#[test]
fn compare_shows_changes_and_takes_one_back() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, doc) = edited_story(dir.path());
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(doc, &dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::D);
    harness.run();
    harness.get_by_label("2 changes in 1 field");
    harness.get_by_label("+4 words added");
    harness.get_by_label("−1 words removed");
    harness.get_by_label_contains("Headline").click_accesskit();
    harness.get_by_label_contains("unchanged: Council meets");
    harness.get_by_label("Older: The council met on Monday.");
    harness.get_by_label("Newer: The board met on Monday.");

    harness
        .get_by_label("Take back “council” → “board”")
        .click();
    harness.run();
    assert_eq!(
        harness.state().doc.story.fields.body,
        "The council met on Monday.\n\nIt voted to close the bridge.\n\nA new line."
    );
    assert!(
        harness.state().doc.is_dirty(),
        "the take-back is an unsaved edit"
    );
    // The compare follows the text on screen: one change is left.
    harness.get_by_label("1 change in 1 field");
    harness.get_by_label("Take back added “A new line.”");
}

#[test]
fn compare_can_swap_sides_and_restore_a_field() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, doc) = edited_story(dir.path());
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(doc, &dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::D);
    harness.run();
    harness.get_by_label("Restore Body from older side").click();
    harness.run();
    assert_eq!(
        harness.state().doc.story.fields.body,
        "The council met on Monday.\n\nIt voted to close the bridge."
    );
    harness.get_by_label("No differences");
    harness.get_by_label("Swap sides").click();
    harness.run();
    harness.get_by_label("Close compare").click();
    harness.run();
    harness.get_by_role_and_label(Role::MultilineTextInput, "Body");
}

#[test]
fn next_change_by_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, doc) = edited_story(dir.path());
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(doc, &dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::D);
    harness.run();
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    harness.run();
    harness.get_by_label("change 1 of 2");
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    harness.run();
    harness.get_by_label("change 2 of 2");
    harness.get_by_label("Previous change").click();
    harness.run();
    harness.get_by_label("change 1 of 2");
}

#[test]
fn checkpoint_saves_a_labelled_draft() {
    let dir = tempfile::tempdir().unwrap();
    let (path, doc) = edited_story(dir.path());
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(doc, &dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::K);
    harness.run();
    type_into(
        &mut harness,
        Role::TextInput,
        "Checkpoint name",
        "Legal read",
    );
    harness.get_by_label("Save checkpoint").click();
    harness.run();
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.drafts.len(), 2);
    assert_eq!(saved.drafts[1].label.as_deref(), Some("Legal read"));
    assert!(saved.drafts[1].fields.body.contains("A new line."));
}

#[test]
fn restoring_a_draft_keeps_the_current_text_as_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let (path, doc) = edited_story(dir.path());
    let edited = doc.story.fields.clone();
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(doc, &dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::H);
    harness.run();
    harness.get_by_label_contains("Draft 1 · Filed").click();
    harness.run();
    harness.get_by_label("Restore this draft").click();
    harness.run();
    let story = &harness.state().doc.story;
    assert_eq!(
        story.fields.body,
        "The council met on Monday.\n\nIt voted to close the bridge."
    );
    assert_eq!(story.drafts.len(), 2);
    assert_eq!(story.drafts[1].fields, edited, "the edited text is kept");
    assert_eq!(
        story.drafts[1].label.as_deref(),
        Some("Before restoring draft 1")
    );
    assert!(harness.state().doc.is_dirty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(store::load(&path).unwrap().drafts.len(), 3);
}

#[test]
fn close_is_still_guarded_in_the_compare_view() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, doc) = edited_story(dir.path());
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(doc, &dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::D);
    harness.run();
    request_close(&mut harness);
    harness.run();
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(!viewport_commands(&harness).contains(&ViewportCommand::Close));
    harness.get_by_label("Close compare");
}

#[test]
fn snapshot_compare_view() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(Document::sample(), &dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::H);
    harness.run();
    // Newest first: the second Compare button is draft 1's.
    harness.get_all_by_label("Compare").nth(1).unwrap().click();
    harness.run();
    harness.get_by_label_contains("changes in");
    harness.snapshot("compare_view");
}

// ---- never lose a word: autosave, recovery, conflicts -------------------------

fn harness_with_recovery(
    doc: Document,
    recovery: &Path,
    dialogs: &ScriptedDialogs,
) -> Harness<'static, CopydeskApp> {
    let dialogs = dialogs.clone();
    let recovery = recovery.to_owned();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 820.0))
        .with_step_dt(0.25)
        .build_eframe(move |cc| {
            CopydeskApp::new(&cc.egui_ctx, doc, Settings::default())
                .with_dialogs(Box::new(dialogs))
                .with_recovery(recovery)
        });
    harness.run_ok();
    harness
}

/// Step (a quarter second each) until `done` or give up after ~5 s of real time.
fn step_until(harness: &mut Harness<'_, CopydeskApp>, mut done: impl FnMut(&CopydeskApp) -> bool) {
    for _ in 0..250 {
        harness.step();
        if done(harness.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("condition not reached");
}

#[test]
fn typing_writes_a_recovery_copy_and_a_restart_offers_it() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let (path, doc) = story_on_disk(dir.path());
    let dialogs = ScriptedDialogs::default();
    {
        let mut harness = harness_with_recovery(doc, &recovery, &dialogs);
        type_into(&mut harness, Role::TextInput, "Headline", " — Київ “late”");
        step_until(&mut harness, |_| {
            copydesk::recovery::pending(&recovery)
                .iter()
                .any(|r| r.story.fields.headline.ends_with("— Київ “late”"))
        });
        // The harness is dropped without saving: as if the process were killed.
    }
    assert_eq!(
        store::load(&path).unwrap().fields.headline,
        "Council passes budget"
    );

    let reopened = Document::from_file(store::load(&path).unwrap(), path.clone());
    let mut harness = harness_with_recovery(reopened, &recovery, &dialogs);
    harness.get_by_label("Unsaved text was recovered");
    harness.get_by_label_contains("“Council passes budget — Київ “late””");
    harness.get_by_label("Restore").click();
    harness.run_ok();
    let doc = &harness.state().doc;
    assert_eq!(
        doc.story.fields.headline,
        "Council passes budget — Київ “late”"
    );
    assert_eq!(doc.path.as_deref(), Some(path.as_path()));
    assert!(doc.is_dirty(), "recovered text is unsaved until saved");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    assert_eq!(
        store::load(&path).unwrap().fields.headline,
        "Council passes budget — Київ “late”"
    );
    assert!(
        copydesk::recovery::pending(&recovery).is_empty(),
        "a clean save removes it"
    );
}

#[test]
fn untitled_text_is_recovered_and_discard_deletes_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let dialogs = ScriptedDialogs::default();
    {
        let mut harness = harness_with_recovery(Document::untitled(), &recovery, &dialogs);
        type_into(
            &mut harness,
            Role::MultilineTextInput,
            "Body",
            "Never saved 🎉 words",
        );
        step_until(&mut harness, |_| {
            !copydesk::recovery::pending(&recovery).is_empty()
        });
    }
    let mut harness = harness_with_recovery(Document::untitled(), &recovery, &dialogs);
    harness.get_by_label_contains("a story that was never saved");
    assert!(
        harness.query_by_label("Compare").is_none(),
        "nothing on disk to compare with"
    );
    harness.get_by_label("Discard").click();
    harness.run_ok();
    assert!(copydesk::recovery::pending(&recovery).is_empty());
    assert!(harness.state().doc.story.fields.is_empty());
}

#[test]
fn saving_over_a_file_someone_else_changed_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let (path, doc) = story_on_disk(dir.path());
    let mut theirs = store::load(&path).unwrap();
    theirs.fields.headline = "Their headline".into();
    store::save(&path, &theirs).unwrap();

    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(doc, &dialogs);
    type_into(&mut harness, Role::TextInput, "Slug", "-mine");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("The file changed on disk");
    assert_eq!(
        store::load(&path).unwrap().fields.headline,
        "Their headline"
    );

    harness.get_by_label("Compare").click();
    harness.run();
    harness.get_by_label("Older: Their headline");
    harness.get_by_label("Newer: Council passes budget");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness
        .get_by_label("Save mine, keep theirs as a draft")
        .click();
    harness.run();
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.fields.slug, "council-budget-mine");
    assert_eq!(saved.fields.headline, "Council passes budget");
    // Theirs (changed by a script, with no draft of its own) is kept as a
    // draft under mine: nothing anyone saved is lost.
    let kept: Vec<&str> = saved
        .drafts
        .iter()
        .map(|d| d.fields.headline.as_str())
        .collect();
    assert_eq!(
        kept,
        [
            "Council passes budget",
            "Their headline",
            "Council passes budget"
        ]
    );
    assert_eq!(
        saved.drafts[1].label.as_deref(),
        Some(copydesk::document::conflict::THEIRS_LABEL)
    );
    // Saved once more: no question, the file is ours again.
    harness.get_by_label("Close compare").click();
    harness.run();
    type_into(&mut harness, Role::TextInput, "Slug", "2");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(harness.query_by_label("The file changed on disk").is_none());
    assert_eq!(
        store::load(&path).unwrap().fields.slug,
        "council-budget-mine2"
    );
}

#[test]
fn an_outside_change_with_no_local_edits_offers_a_reload_on_focus() {
    let dir = tempfile::tempdir().unwrap();
    let (path, doc) = story_on_disk(dir.path());
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(doc, &dialogs);
    let mut theirs = store::load(&path).unwrap();
    theirs.fields.headline = "Changed by a script".into();
    store::save(&path, &theirs).unwrap();

    harness.input_mut().focused = false;
    harness.run();
    harness.input_mut().focused = true;
    harness.run();
    harness.get_by_label("Reload").click();
    harness.run();
    assert_eq!(
        harness.state().doc.story.fields.headline,
        "Changed by a script"
    );
}

#[test]
fn a_failed_save_keeps_the_text_and_the_recovery_copy() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let (path, doc) = story_on_disk(dir.path());
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with_recovery(doc, &recovery, &dialogs);
    type_into(
        &mut harness,
        Role::MultilineTextInput,
        "Body",
        "Precious words. ",
    );
    // The story file turns into a folder: nothing can be written there.
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    let error = format!("{:?}", harness.get_by_label_contains("Error: "));
    assert!(error.contains("budget.ron"), "{error}");
    assert!(harness.state().doc.is_dirty());
    assert!(
        harness
            .state()
            .doc
            .story
            .fields
            .body
            .contains("Precious words. ")
    );
    step_until(&mut harness, |_| {
        copydesk::recovery::pending(&recovery)
            .iter()
            .any(|r| r.story.fields.body.contains("Precious words. "))
    });
}

#[test]
fn snapshot_compare_view_light_theme() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 820.0))
        .with_theme(egui::Theme::Light)
        .build_eframe(move |cc| {
            CopydeskApp::new(&cc.egui_ctx, Document::sample(), Settings::default())
                .with_dialogs(Box::new(dialogs))
        });
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::H);
    harness.run();
    harness.get_all_by_label("Compare").nth(1).unwrap().click();
    harness.run();
    harness.snapshot("compare_view_light");
}

// ---- copy-desk checks ------------------------------------------------------------

fn checks_story(dir: &Path) -> (PathBuf, Document) {
    let story = Story::with_fields(Fields {
        slug: "checks".into(),
        headline: "Council  votes".into(),
        body: "The council voted on Tuesday.".into(),
        ..Fields::default()
    });
    let path = dir.join("checks.ron");
    store::save(&path, &story).unwrap();
    let doc = Document::from_file(store::load(&path).unwrap(), path.clone());
    (path, doc)
}

#[test]
fn checks_panel_fixes_undoes_and_selects() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, doc) = checks_story(dir.path());
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(doc, &dialogs);
    harness.get_by_label("Checks");
    // The status line and the panel both show the counts.
    assert_eq!(
        harness
            .query_all_by_label("0 errors · 1 warning · 0 info")
            .count(),
        2
    );

    harness.get_by_label("Fix: Collapse to one space").click();
    harness.run();
    assert_eq!(harness.state().doc.story.fields.headline, "Council votes");
    assert!(harness.state().doc.is_dirty());
    harness
        .get_all_by_label("0 errors · 0 warnings · 0 info")
        .next()
        .unwrap();

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::Z);
    harness.run();
    assert_eq!(harness.state().doc.story.fields.headline, "Council  votes");

    // Clicking the finding selects the double space in the headline editor.
    harness.get_by_label_contains("Double space").click();
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "Headline")
            .is_focused()
    );
    harness
        .get_by_role_and_label(Role::TextInput, "Headline")
        .type_text(" ");
    harness.run();
    assert_eq!(
        harness.state().doc.story.fields.headline,
        "Council votes",
        "typing replaced exactly the selected double space"
    );
}

#[test]
fn a_dismissed_finding_is_kept_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, doc) = checks_story(dir.path());
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness_with(doc, &dialogs);
    harness.get_by_label("Dismiss").click();
    harness.run();
    assert!(
        harness.state().doc.is_dirty(),
        "a dismissal is a change to save"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.dismissed.len(), 1);
    assert_eq!(saved.dismissed[0].rule, "double-space");
    harness.get_by_label_contains("1 dismissed");
}
