//! The desk view, driven as a user would: open a desk (File → Open Desk…, a
//! typed path, or a folder on the command line), sort by a column heading,
//! filter by status and section, search as you type and open a hit.

use std::path::{Path, PathBuf};

use copydesk::store;
use copydesk::story::{Fields, Status, Story};
use copydesk::ui::dialogs::{FileDialogs, Picked, Request};
use copydesk::ui::{CopydeskApp, Document, Settings, View};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Folder dialogs that pick one folder (or are unavailable).
struct Folder(Option<PathBuf>);

impl FileDialogs for Folder {
    fn pick_open(&mut self, _request: &Request) -> Picked {
        Picked::Cancelled
    }
    fn pick_save(&mut self, _request: &Request) -> Picked {
        Picked::Cancelled
    }
    fn pick_folder(&mut self, _request: &Request) -> Picked {
        match &self.0 {
            Some(path) => Picked::Path(path.clone()),
            None => Picked::Unavailable,
        }
    }
}

fn put(root: &Path, rel: &str, slug: &str, headline: &str, body: &str, status: Status) {
    let mut story = Story::with_fields(Fields {
        slug: slug.into(),
        headline: headline.into(),
        byline: "By Олена Коваленко".into(),
        body: body.into(),
        ..Fields::default()
    });
    story.status = status;
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    store::save(&path, &story).unwrap();
}

/// Three stories in two sections and the top of the desk.
fn desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    put(
        root,
        "bridge.ron",
        "bridge",
        "Harbour footbridge reopens",
        "The bridge is open again after two years.",
        Status::Edited,
    );
    put(
        root,
        "politics/vote.ron",
        "council-vote",
        "Council votes on the café tax",
        "Councillors voted 7–5 for the café tax. “It is fair,” said the mayor.",
        Status::Ready,
    );
    put(
        root,
        "sport/final.ron",
        "cup-final",
        "Albion win the cup",
        "A late goal settled the final in front of 30,000 fans.",
        Status::Draft,
    );
    dir
}

fn harness(dialogs: Folder) -> Harness<'static, CopydeskApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        // Frames as on screen, so two clicks make a double-click (each input
        // event is a frame of its own).
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| {
            CopydeskApp::new(&cc.egui_ctx, Document::untitled(), Settings::default())
                .with_dialogs(Box::new(dialogs))
        });
    harness.run();
    harness
}

/// Run frames until the desk's index is open (it is built on its own thread).
fn wait_for_desk(harness: &mut Harness<'_, CopydeskApp>) {
    for _ in 0..500 {
        harness.step();
        if harness
            .state()
            .desk
            .as_ref()
            .is_some_and(|d| !d.is_opening())
        {
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the desk did not open");
}

fn open_desk(root: &Path) -> Harness<'static, CopydeskApp> {
    let mut harness = harness(Folder(Some(root.to_owned())));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    wait_for_desk(&mut harness);
    harness
}

/// The slugs in the table, top to bottom.
fn slugs_in_order(harness: &Harness<'_, CopydeskApp>) -> Vec<String> {
    let mut rows: Vec<(f32, String)> = ["bridge", "council-vote", "cup-final"]
        .into_iter()
        .filter_map(|slug| {
            harness
                .query_by_role_and_label(Role::Button, slug)
                .map(|n| (n.rect().min.y, slug.to_owned()))
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, s)| s).collect()
}

#[test]
fn open_desk_by_menu_lists_every_story_with_its_columns() {
    let dir = desk();
    let harness = open_desk(dir.path());
    assert!(matches!(harness.state().view, View::Desk));
    harness.get_by_label_contains("3 stories");
    for slug in ["bridge", "council-vote", "cup-final"] {
        harness.get_by_role_and_label(Role::Button, slug);
    }
    // Headline, section, byline and words are shown per row.
    harness.get_by_label("Council votes on the café tax");
    harness.get_by_label("politics");
    assert_eq!(harness.get_all_by_label("By Олена Коваленко").count(), 3);
    harness.get_by_label("(top)");
    for column in ["Slug", "Headline", "Words", "Modified", "Open by"] {
        harness.get_by_role_and_label(Role::Button, column);
    }
    // The desk is remembered for the next start.
    let canonical = std::fs::canonicalize(dir.path()).unwrap();
    assert_eq!(harness.state().settings.last_desk, Some(canonical));
}

#[test]
fn clicking_a_heading_sorts_and_again_reverses() {
    let dir = desk();
    let mut harness = open_desk(dir.path());
    harness.get_by_role_and_label(Role::Button, "Slug").click();
    harness.run();
    assert_eq!(
        slugs_in_order(&harness),
        ["bridge", "council-vote", "cup-final"]
    );
    harness.get_by_role_and_label(Role::Button, "Slug").click();
    harness.run();
    assert_eq!(
        slugs_in_order(&harness),
        ["cup-final", "council-vote", "bridge"]
    );
    // Status sorts in workflow order (Draft before Edited before Ready).
    harness
        .get_by_role_and_label(Role::Button, "Status")
        .click();
    harness.run();
    assert_eq!(
        slugs_in_order(&harness),
        ["cup-final", "bridge", "council-vote"]
    );
}

#[test]
fn filters_by_status_and_by_section() {
    let dir = desk();
    let mut harness = open_desk(dir.path());
    harness
        .get_by_role_and_label(Role::ComboBox, "Show status")
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Ready").click();
    harness.run();
    assert_eq!(slugs_in_order(&harness), ["council-vote"]);
    harness.get_by_label_contains("1 story ·");

    harness
        .get_by_role_and_label(Role::ComboBox, "Show status")
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "All").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::ComboBox, "Show section")
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "sport").click();
    harness.run();
    assert_eq!(slugs_in_order(&harness), ["cup-final"]);
}

#[test]
fn search_as_you_type_shows_words_in_context_and_enter_opens_the_hit() {
    let dir = desk();
    let mut harness = open_desk(dir.path());
    let search = harness.get_by_role_and_label(Role::TextInput, "Search the desk");
    search.focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Search the desk")
        .type_text("fair");
    harness.run();
    assert_eq!(slugs_in_order(&harness), ["council-vote"]);
    harness.get_by_label("1 story matches");
    // The matching words in context (from the body).
    harness.get_by_label_contains("“It is fair,” said the mayor");

    harness.key_press(Key::Enter);
    harness.run();
    let state = harness.state();
    assert!(matches!(state.view, View::Editor));
    assert_eq!(state.doc.story.fields.slug, "council-vote");
    assert_eq!(
        state.doc.path.as_deref().and_then(|p| p.file_name()),
        Some(std::ffi::OsStr::new("vote.ron"))
    );
    // Back to the desk (Ctrl+Shift+D): the search is still there.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    harness.run();
    harness.get_by_label("1 story matches");
}

#[test]
fn double_click_opens_a_story() {
    let dir = desk();
    let mut harness = open_desk(dir.path());
    let row = harness.get_by_role_and_label(Role::Button, "cup-final");
    row.click();
    row.click();
    harness.run();
    assert!(matches!(harness.state().view, View::Editor));
    assert_eq!(
        harness.state().doc.story.fields.headline,
        "Albion win the cup"
    );
}

#[test]
fn without_a_folder_dialog_a_typed_path_opens_the_desk() {
    let dir = desk();
    let mut harness = harness(Folder(None));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    harness.run();
    harness.get_by_label("Open desk");
    let field = harness.get_by_role_and_label(Role::TextInput, "Path");
    field.focus();
    field.type_text(&dir.path().display().to_string());
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Open").click();
    wait_for_desk(&mut harness);
    harness.get_by_role_and_label(Role::Button, "council-vote");
}

#[test]
fn a_file_that_is_not_a_folder_is_refused_with_its_name() {
    let dir = desk();
    let file = dir.path().join("bridge.ron");
    let mut harness = harness(Folder(Some(file.clone())));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    harness.run();
    let messages: Vec<String> = harness
        .state()
        .messages()
        .map(|(_, t)| t.to_owned())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("bridge.ron") && m.contains("not a folder")),
        "{messages:?}"
    );
    assert!(harness.state().desk.is_none());
}

#[test]
fn a_folder_on_the_command_line_opens_as_a_desk() {
    let dir = desk();
    let root = dir.path().to_owned();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| {
            CopydeskApp::open_at_start(&cc.egui_ctx, Some(&root), Settings::default())
        });
    wait_for_desk(&mut harness);
    assert!(matches!(harness.state().view, View::Desk));
    harness.get_by_role_and_label(Role::Button, "bridge");
}

// ---- status from the table -------------------------------------------------

/// Pick `status` in the status picker of the row whose slug is `slug`.
fn pick_status(harness: &mut Harness<'_, CopydeskApp>, slug: &str, status: &str) {
    harness.get_by_role_and_label(Role::ComboBox, slug).click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, status).click();
    harness.run();
}

#[test]
fn status_changes_from_the_table_in_the_file() {
    let dir = desk();
    let mut harness = open_desk(dir.path());
    pick_status(&mut harness, "cup-final", "Edited");
    let saved = store::load(&dir.path().join("sport/final.ron")).unwrap();
    assert_eq!(saved.status, Status::Edited);
    assert_eq!(saved.fields.headline, "Albion win the cup", "text kept");
    let said: Vec<String> = harness
        .state()
        .messages()
        .map(|(_, t)| t.to_owned())
        .collect();
    assert!(
        said.iter().any(|m| m.contains("status is now Edited")),
        "{said:?}"
    );
    // The table shows it at once.
    harness.get_by_role_and_label(Role::ComboBox, "cup-final");
    let shown = format!(
        "{:?}",
        harness.get_by_role_and_label(Role::ComboBox, "cup-final")
    );
    assert!(shown.contains("Edited"), "{shown}");
}

#[test]
fn ready_with_an_error_shows_the_errors_first_and_an_override_is_recorded() {
    let dir = desk();
    let root = dir.path();
    // Slug over its limit (an error) and a double space (a warning).
    put(
        root,
        "late.ron",
        "harbour-footbridge-reopens-after-repair",
        "Footbridge late",
        "The  bridge opened late.",
        Status::Edited,
    );
    let path = root.join("late.ron");
    let before = std::fs::read(&path).unwrap();
    let mut harness = open_desk(root);
    let slug = "harbour-footbridge-reopens-after-repair";
    pick_status(&mut harness, slug, "Ready");

    harness.get_by_label(&format!("“{slug}” is not ready"));
    let error = harness.get_by_label("Error").rect();
    let warning = harness.get_by_label("Warning").rect();
    assert!(error.min.y < warning.min.y, "errors come first");
    harness.get_by_label_contains("Slug is 39 characters");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "refused: file untouched"
    );

    // Escape is Cancel.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(
        harness
            .query_by_label(&format!("“{slug}” is not ready"))
            .is_none()
    );
    assert!(matches!(harness.state().view, View::Desk));
    assert_eq!(std::fs::read(&path).unwrap(), before);

    // Again, with a reason: it goes, and who and why are in the file.
    pick_status(&mut harness, slug, "Ready");
    let why = harness.get_by_role_and_label(
        Role::TextInput,
        "Why send it anyway (recorded in the story)",
    );
    why.focus();
    why.type_text("Desk chief: slug fixed at print — Київ");
    harness.run();
    // Enter in the reason opens no story behind the dialog.
    harness.key_press(Key::Enter);
    harness.run();
    assert!(matches!(harness.state().view, View::Desk));
    harness.get_by_label(&format!("“{slug}” is not ready"));
    harness.get_by_label("Send to Ready anyway").click();
    harness.run();
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.status, Status::Ready);
    let decision = saved.decisions.last().expect("the override is recorded");
    assert_eq!(decision.action, "ready-override");
    assert!(
        decision.why.contains("slug fixed at print — Київ"),
        "{}",
        decision.why
    );
    assert!(!decision.who.is_empty());
}

#[test]
fn the_gate_can_open_the_story_to_fix_it() {
    let dir = desk();
    put(
        dir.path(),
        "late.ron",
        "harbour-footbridge-reopens-after-repair",
        "Footbridge late",
        "The bridge opened late.",
        Status::Edited,
    );
    let mut harness = open_desk(dir.path());
    pick_status(
        &mut harness,
        "harbour-footbridge-reopens-after-repair",
        "Ready",
    );
    harness.get_by_label("Open the story").click();
    harness.run();
    assert!(matches!(harness.state().view, View::Editor));
    assert_eq!(harness.state().doc.story.fields.headline, "Footbridge late");
}

#[test]
fn a_story_with_unsaved_edits_keeps_its_status_until_saved() {
    let dir = desk();
    let mut harness = open_desk(dir.path());
    let row = harness.get_by_role_and_label(Role::Button, "bridge");
    row.click();
    row.click();
    harness.run();
    let headline = harness.get_by_role_and_label(Role::TextInput, "Headline");
    headline.focus();
    headline.type_text(" today");
    harness.run();
    assert!(harness.state().doc.is_dirty());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    harness.run();
    pick_status(&mut harness, "bridge", "Draft");
    let saved = store::load(&dir.path().join("bridge.ron")).unwrap();
    assert_eq!(
        saved.status,
        Status::Edited,
        "not changed behind the editor"
    );
    let said: Vec<(bool, String)> = harness
        .state()
        .messages()
        .map(|(e, t)| (e, t.to_owned()))
        .collect();
    assert!(
        said.iter()
            .any(|(e, m)| *e && m.contains("bridge.ron") && m.contains("unsaved")),
        "{said:?}"
    );
    assert!(
        harness
            .state()
            .doc
            .story
            .fields
            .headline
            .ends_with(" today")
    );
}

// ---- opening: progress, changes on disk, the last desk -----------------------

#[test]
fn a_large_desk_opens_off_the_ui_thread_with_progress() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..400 {
        put(
            dir.path(),
            &format!("s{}/story-{i}.ron", i % 7),
            &format!("story-{i}"),
            &format!("Story number {i}"),
            "A paragraph of copy about the harbour, the council and the café.",
            Status::Draft,
        );
    }
    let mut harness = harness(Folder(Some(dir.path().to_owned())));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    harness.step();
    // The frame came back while the stories are still being read.
    assert!(
        harness
            .state()
            .desk
            .as_ref()
            .is_some_and(|d| d.is_opening())
    );
    harness.get_by_label("Reading the desk's stories…");
    wait_for_desk(&mut harness);
    harness.get_by_label_contains("400 stories");
}

#[test]
fn a_story_written_by_another_program_shows_in_the_table() {
    let dir = desk();
    let mut harness = open_desk(dir.path());
    // The window is idle: nothing asks for another frame…
    harness.run();
    assert!(
        !harness.ctx.has_requested_repaint(),
        "an idle desk view keeps asking for frames"
    );
    put(
        dir.path(),
        "politics/late.ron",
        "late-news",
        "Late news from the council",
        "Written by another program.",
        Status::Draft,
    );
    // …until the watcher wakes it: no polling.
    let start = std::time::Instant::now();
    while !harness.ctx.has_requested_repaint() && start.elapsed().as_secs() < 2 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(
        harness.ctx.has_requested_repaint(),
        "the change did not wake the window"
    );
    for _ in 0..300 {
        harness.step();
        if harness
            .query_by_role_and_label(Role::Button, "late-news")
            .is_some()
        {
            harness.get_by_label_contains("4 stories");
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the new story did not show");
}

#[test]
fn the_last_desk_opens_again_at_start() {
    let dir = desk();
    let settings = Settings {
        last_desk: Some(dir.path().to_owned()),
        ..Settings::default()
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| CopydeskApp::open_at_start(&cc.egui_ctx, None, settings));
    wait_for_desk(&mut harness);
    harness.get_by_role_and_label(Role::Button, "cup-final");

    // A desk that is gone is not an error at start: the sample story opens.
    let gone = Settings {
        last_desk: Some(dir.path().join("no-such-folder")),
        ..Settings::default()
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 800.0))
        .build_eframe(move |cc| CopydeskApp::open_at_start(&cc.egui_ctx, None, gone));
    harness.run();
    assert!(harness.state().desk.is_none());
    assert_eq!(harness.state().doc.display_name(), "Sample story");
}

// ---- new from a template ------------------------------------------------------

#[test]
fn new_story_from_a_template_proposes_the_slug_and_opens_it() {
    let dir = desk();
    put(
        dir.path(),
        "templates/court-report.ron",
        "court",
        "Court report",
        "The court heard that",
        Status::Draft,
    );
    let mut harness = open_desk(dir.path());
    harness.get_by_label("New story…").click();
    harness.run();
    harness.get_by_label("New story from a template");
    // The template is the only one; put it in politics.
    harness
        .get_by_role_and_label(Role::ComboBox, "Section")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "politics")
        .click();
    harness.run();
    let headline = harness.get_by_role_and_label(Role::TextInput, "Headline");
    headline.focus();
    headline.type_text("Міст відкрито — знову");
    harness.run();
    // Enter in a field of the dialog opens nothing behind it.
    harness.key_press(Key::Enter);
    harness.run();
    assert!(matches!(harness.state().view, View::Desk));
    harness.get_by_label("Create").click();
    harness.run();

    let path = dir.path().join("politics/міст-відкрито-знову.ron");
    let made = store::load(&path).expect("the new story file");
    assert_eq!(made.fields.headline, "Міст відкрито — знову");
    assert_eq!(made.fields.slug, "міст-відкрито-знову");
    assert_eq!(
        made.fields.body, "The court heard that",
        "the template's text"
    );
    let state = harness.state();
    assert!(matches!(state.view, View::Editor));
    assert_eq!(state.doc.story.fields.headline, "Міст відкрито — знову");
    // The template itself is not a story of the desk.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    harness.run();
    harness.get_by_label_contains("4 stories");
}

#[test]
fn new_story_without_templates_says_where_they_go_and_escape_closes_it() {
    let dir = desk();
    let mut harness = open_desk(dir.path());
    harness.get_by_label("New story…").click();
    harness.run();
    harness.get_by_label_contains("templates/ folder");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(
        harness
            .query_by_label("New story from a template")
            .is_none()
    );
    assert!(
        matches!(harness.state().view, View::Desk),
        "Escape closed only the dialog"
    );
}
