//! Many stories open at once, driven as a user would: each story opens in a
//! tab of its own with its own unsaved text and undo; Ctrl+Tab switches;
//! closing a tab or the window guards every unsaved story, the window with
//! one prompt listing them; each unsaved story keeps its own recovery copy.

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

/// Open dialogs that answer from a list.
#[derive(Clone, Default)]
struct Picks(Rc<RefCell<VecDeque<PathBuf>>>);

impl FileDialogs for Picks {
    fn pick_open(&mut self, _request: &Request) -> Picked {
        self.0
            .borrow_mut()
            .pop_front()
            .map_or(Picked::Cancelled, Picked::Path)
    }
    fn pick_save(&mut self, _request: &Request) -> Picked {
        Picked::Cancelled
    }
}

fn story_file(dir: &Path, name: &str, headline: &str) -> PathBuf {
    let mut story = Story::with_fields(Fields {
        slug: name.into(),
        headline: headline.into(),
        body: "First paragraph.".into(),
        ..Fields::default()
    });
    story.record_draft(None, now());
    let path = dir.join(format!("{name}.ron"));
    store::save(&path, &story).unwrap();
    path
}

fn window(doc: Document, picks: &Picks, recovery: Option<&Path>) -> Harness<'static, CopydeskApp> {
    let picks = picks.clone();
    let recovery = recovery.map(Path::to_owned);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 820.0))
        .build_eframe(move |cc| {
            let app = CopydeskApp::new(&cc.egui_ctx, doc, Settings::default())
                .with_dialogs(Box::new(picks));
            match recovery {
                Some(dir) => app.with_recovery(dir),
                None => app,
            }
        });
    harness.run();
    harness
}

fn open_with_ctrl_o(harness: &mut Harness<'_, CopydeskApp>, picks: &Picks, path: &Path) {
    picks.0.borrow_mut().push_back(path.to_owned());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
}

fn type_into(harness: &mut Harness<'_, CopydeskApp>, role: Role, label: &str, text: &str) {
    harness.get_by_role_and_label(role, label).focus();
    harness.run();
    harness.get_by_role_and_label(role, label).type_text(text);
    harness.run();
}

fn headline(harness: &Harness<'_, CopydeskApp>) -> String {
    harness.state().doc.story.fields.headline.clone()
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

fn viewport_commands(harness: &Harness<'_, CopydeskApp>) -> Vec<ViewportCommand> {
    harness
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

#[test]
fn two_stories_in_tabs_keep_their_own_unsaved_text_and_one_prompt_saves_both() {
    let dir = tempfile::tempdir().unwrap();
    let harbour = story_file(dir.path(), "harbour", "Harbour reopens");
    let budget = story_file(dir.path(), "budget", "Council passes budget");
    let picks = Picks::default();
    let doc = Document::from_file(store::load(&harbour).unwrap(), harbour.clone());
    let mut harness = window(doc, &picks, None);
    assert!(
        harness.query_by_label("Close harbour.ron").is_none(),
        "one story: no tab bar"
    );
    type_into(&mut harness, Role::TextInput, "Headline", " today");

    // A second story opens beside the first, not in its place.
    open_with_ctrl_o(&mut harness, &picks, &budget);
    assert_eq!(harness.state().tab_count(), 2);
    assert_eq!(headline(&harness), "Council passes budget");
    harness.get_by_label("Close harbour.ron");
    harness.get_by_label("Close budget.ron");
    type_into(&mut harness, Role::TextInput, "Headline", " at last");
    harness.get_by_label("● harbour.ron");
    harness.get_by_label("● budget.ron");

    // Ctrl+Tab goes back to the first, with its own unsaved text.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Tab);
    harness.run();
    assert_eq!(headline(&harness), "Harbour reopens today");
    assert!(harness.state().doc.is_dirty());
    // A click on a tab shows that story.
    harness.get_by_label("● budget.ron").click();
    harness.run();
    assert_eq!(headline(&harness), "Council passes budget at last");
    // Opening a story that is open already shows its tab.
    open_with_ctrl_o(&mut harness, &picks, &harbour);
    assert_eq!(harness.state().tab_count(), 2);
    assert_eq!(headline(&harness), "Harbour reopens today");

    // Closing the window: one prompt listing both.
    request_close(&mut harness);
    harness.step();
    assert!(viewport_commands(&harness).contains(&ViewportCommand::CancelClose));
    harness.run();
    harness.get_by_label("2 stories have unsaved changes");
    harness.get_by_label("• harbour.ron");
    harness.get_by_label("• budget.ron");
    harness.get_by_label("Save all").click();
    harness.step();
    assert!(viewport_commands(&harness).contains(&ViewportCommand::Close));
    assert_eq!(
        store::load(&harbour).unwrap().fields.headline,
        "Harbour reopens today"
    );
    assert_eq!(
        store::load(&budget).unwrap().fields.headline,
        "Council passes budget at last"
    );
}

#[test]
fn closing_the_window_with_unsaved_tabs_can_be_cancelled_or_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let harbour = story_file(dir.path(), "harbour", "Harbour reopens");
    let budget = story_file(dir.path(), "budget", "Council passes budget");
    let before = (
        std::fs::read(&harbour).unwrap(),
        std::fs::read(&budget).unwrap(),
    );
    let picks = Picks::default();
    let doc = Document::from_file(store::load(&harbour).unwrap(), harbour.clone());
    let mut harness = window(doc, &picks, None);
    type_into(&mut harness, Role::TextInput, "Slug", "-1");
    open_with_ctrl_o(&mut harness, &picks, &budget);
    type_into(&mut harness, Role::TextInput, "Slug", "-2");

    request_close(&mut harness);
    harness.run();
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(!viewport_commands(&harness).contains(&ViewportCommand::Close));
    assert_eq!(harness.state().tab_count(), 2);

    request_close(&mut harness);
    harness.run();
    harness.get_by_label("Discard all").click();
    harness.step();
    assert!(viewport_commands(&harness).contains(&ViewportCommand::Close));
    assert_eq!(
        (
            std::fs::read(&harbour).unwrap(),
            std::fs::read(&budget).unwrap()
        ),
        before,
        "nothing written"
    );
}

#[test]
fn closing_an_unsaved_tab_asks_and_the_other_stays() {
    let dir = tempfile::tempdir().unwrap();
    let harbour = story_file(dir.path(), "harbour", "Harbour reopens");
    let budget = story_file(dir.path(), "budget", "Council passes budget");
    let picks = Picks::default();
    let doc = Document::from_file(store::load(&harbour).unwrap(), harbour.clone());
    let mut harness = window(doc, &picks, None);
    open_with_ctrl_o(&mut harness, &picks, &budget);
    type_into(&mut harness, Role::TextInput, "Headline", " late");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::W);
    harness.run();
    harness.get_by_label("Save your changes?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(harness.state().tab_count(), 2);

    harness.get_by_label("Close budget.ron").click();
    harness.run();
    harness.get_by_label("Discard").click();
    harness.run();
    assert_eq!(harness.state().tab_count(), 1);
    assert_eq!(headline(&harness), "Harbour reopens");
    assert_eq!(
        store::load(&budget).unwrap().fields.headline,
        "Council passes budget"
    );
    // A clean story's tab closes without a question; the last leaves an
    // empty story.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::W);
    harness.run();
    assert!(harness.query_by_label("Save your changes?").is_none());
    assert!(harness.state().doc.path.is_none());
}

#[test]
fn each_unsaved_tab_keeps_its_own_recovery_copy() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let harbour = story_file(dir.path(), "harbour", "Harbour reopens");
    let budget = story_file(dir.path(), "budget", "Council passes budget");
    let picks = Picks::default();
    let doc = Document::from_file(store::load(&harbour).unwrap(), harbour.clone());
    let mut harness = window(doc, &picks, Some(&recovery));
    type_into(&mut harness, Role::TextInput, "Headline", " one");
    // Switching away straight after typing: the copy is written at once.
    open_with_ctrl_o(&mut harness, &picks, &budget);
    type_into(&mut harness, Role::TextInput, "Headline", " two");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let headlines = loop {
        harness.step();
        let mut found: Vec<String> = copydesk::recovery::pending(&recovery)
            .into_iter()
            .map(|r| r.story.fields.headline)
            .collect();
        found.sort();
        if found.len() == 2 || std::time::Instant::now() > deadline {
            break found;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(
        headlines,
        ["Council passes budget two", "Harbour reopens one"]
    );
}

#[test]
fn new_opens_a_second_tab_and_keeps_the_first() {
    let picks = Picks::default();
    let mut harness = window(Document::sample(), &picks, None);
    type_into(&mut harness, Role::TextInput, "Dateline", " (AP)");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    assert!(harness.query_by_label("Save your changes?").is_none());
    assert!(harness.state().doc.story.fields.is_empty());
    assert_eq!(harness.state().tab_count(), 2);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Tab);
    harness.run();
    assert!(harness.state().doc.story.fields.dateline.ends_with(" (AP)"));
}

#[test]
fn undo_in_one_story_never_brings_back_another_storys_text() {
    let dir = tempfile::tempdir().unwrap();
    let harbour = story_file(dir.path(), "harbour", "Harbour reopens");
    let budget = story_file(dir.path(), "budget", "Council passes budget");
    let picks = Picks::default();
    let doc = Document::from_file(store::load(&harbour).unwrap(), harbour.clone());
    let mut harness = window(doc, &picks, None);
    type_into(&mut harness, Role::TextInput, "Headline", " today");
    open_with_ctrl_o(&mut harness, &picks, &budget);
    harness
        .get_by_role_and_label(Role::TextInput, "Headline")
        .focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(headline(&harness), "Council passes budget");
    // Back in the first story, its own undo still works.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Tab);
    harness.run();
    assert_eq!(headline(&harness), "Harbour reopens today");
    harness
        .get_by_role_and_label(Role::TextInput, "Headline")
        .focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_ne!(headline(&harness), "Harbour reopens today");
    assert!(headline(&harness).starts_with("Harbour reopens"));
}
