//! The import review window, driven as a user would: it shows where every
//! line went before the story is made, one click moves or drops a line, Create
//! makes the story; pasting a whole story into an empty story offers the same.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use copydesk::import::{ImportKind, Role as PieceRole, import};
use copydesk::story::Fields;
use copydesk::ui::dialogs::{FileDialogs, Picked, Request};
use copydesk::ui::{CopydeskApp, Document, Settings};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

const TITLE: &str = "Import: check where every line goes";

#[derive(Clone, Default)]
struct ScriptedDialogs {
    answers: Rc<RefCell<VecDeque<Picked>>>,
}

impl FileDialogs for ScriptedDialogs {
    fn pick_open(&mut self, _request: &Request) -> Picked {
        self.answers
            .borrow_mut()
            .pop_front()
            .unwrap_or(Picked::Cancelled)
    }
    fn pick_save(&mut self, _request: &Request) -> Picked {
        Picked::Cancelled
    }
}

fn harness(doc: Document, dialogs: &ScriptedDialogs) -> Harness<'static, CopydeskApp> {
    let dialogs = dialogs.clone();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 820.0))
        .build_eframe(move |cc| {
            CopydeskApp::new(&cc.egui_ctx, doc, Settings::default()).with_dialogs(Box::new(dialogs))
        });
    harness.run();
    harness
}

const WIRE: &str = "BC-US--Storm-Damage,3rd Ld-Writethru
Storm tears roofs off homes
By JANE DOE
Associated Press
MIAMI (AP) — A storm tore roofs off homes on Tuesday, officials said.
More than 200,000 customers lost power.
";

/// The 1-based number of the piece holding `text` as the app will list it.
fn piece(text: &str, kind: ImportKind, holding: &str) -> usize {
    import(text, kind)
        .pieces
        .iter()
        .position(|p| p.text == holding)
        .unwrap_or_else(|| panic!("no piece {holding:?}"))
        + 1
}

fn selected(harness: &Harness<'_, CopydeskApp>, label: &str) -> bool {
    harness
        .get_by_label(label)
        .accesskit_node()
        .toggled()
        .is_some_and(|t| t == egui::accesskit::Toggled::True)
}

/// Import `text` from a file through Ctrl+I; the review window opens.
fn import_file(text: &str, name: &str) -> (tempfile::TempDir, Harness<'static, CopydeskApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let dialogs = ScriptedDialogs::default();
    dialogs.answers.borrow_mut().push_back(Picked::Path(path));
    let mut harness = harness(Document::untitled(), &dialogs);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run();
    (dir, harness)
}

#[test]
fn review_shows_every_role_before_the_story_is_created() {
    let (_dir, mut harness) = import_file(WIRE, "wire.txt");
    harness.get_by_label(TITLE);
    // Nothing is created yet.
    assert!(harness.state().doc.story.fields.is_empty());
    let kind = ImportKind::PlainText;
    let slug = piece(WIRE, kind, "BC-US--Storm-Damage");
    let headline = piece(WIRE, kind, "Storm tears roofs off homes");
    let agency = piece(WIRE, kind, "Associated Press");
    let version = piece(WIRE, kind, "3rd Ld-Writethru");
    assert!(selected(&harness, &format!("Move piece {slug} to Slug")));
    assert!(!selected(
        &harness,
        &format!("Move piece {slug} to Headline")
    ));
    assert!(selected(
        &harness,
        &format!("Move piece {headline} to Headline")
    ));
    assert!(selected(
        &harness,
        &format!("Move piece {agency} to Editor's note")
    ));
    assert!(selected(
        &harness,
        &format!("Move piece {version} to Editor's note")
    ));
    // The reason is shown with each line.
    harness.get_by_label("line 1 · Slug: keyword line");
    harness.get_by_label("line 4 · Editor's note: agency line under the byline");

    harness.get_by_label("Create story").click();
    harness.run();
    assert!(harness.query_by_label(TITLE).is_none());
    let f = harness.state().doc.story.fields.clone();
    assert_eq!(f.slug, "BC-US--Storm-Damage");
    assert_eq!(f.headline, "Storm tears roofs off homes");
    assert_eq!(f.byline, "By JANE DOE");
    assert_eq!(f.dateline, "MIAMI");
    assert_eq!(f.note, "3rd Ld-Writethru\nAssociated Press");
    assert!(harness.state().doc.is_dirty(), "imported text is unsaved");
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "Headline")
            .value()
            .as_deref(),
        Some("Storm tears roofs off homes")
    );
}

#[test]
fn one_click_moves_a_line_to_another_field_and_the_preview_follows() {
    let (_dir, mut harness) = import_file(WIRE, "wire.txt");
    let kind = ImportKind::PlainText;
    let lede = "MIAMI (AP) — A storm tore roofs off homes on Tuesday, officials said.";
    let second = piece(WIRE, kind, "More than 200,000 customers lost power.");
    assert_eq!(import(WIRE, kind).pieces[second - 1].role, PieceRole::Body);
    // The preview shows the subhead empty, then the moved paragraph.
    let label = format!("Move piece {second} to Subhead");
    harness.get_by_label(&label).scroll_to_me();
    harness.run();
    harness.get_by_label(&label).click();
    harness.run();
    assert!(selected(
        &harness,
        &format!("Move piece {second} to Subhead")
    ));
    assert!(!selected(&harness, &format!("Move piece {second} to Body")));
    harness.get_by_label("line 6 · Subhead: moved by the editor");

    harness.get_by_label("Create story").click();
    harness.run();
    let f = harness.state().doc.story.fields.clone();
    assert_eq!(f.subhead, "More than 200,000 customers lost power.");
    assert_eq!(f.body, lede);
}

#[test]
fn one_click_drops_a_line() {
    let (_dir, mut harness) = import_file(WIRE, "wire.md");
    let kind = ImportKind::Markdown;
    let agency = piece(WIRE, kind, "Associated Press");
    harness
        .get_by_label(&format!("Move piece {agency} to Drop"))
        .click();
    harness.run();
    assert!(selected(&harness, &format!("Move piece {agency} to Drop")));
    harness.get_by_label("Create story").click();
    harness.run();
    let f = harness.state().doc.story.fields.clone();
    assert_eq!(f.byline, "By JANE DOE");
    assert_eq!(f.note, "3rd Ld-Writethru", "the dropped line is left out");
}

#[test]
fn cancel_keeps_the_story_as_it_was() {
    let dialogs = ScriptedDialogs::default();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wire.txt");
    std::fs::write(&path, WIRE).unwrap();
    dialogs.answers.borrow_mut().push_back(Picked::Path(path));
    let mut harness = harness(Document::sample(), &dialogs);
    let before = harness.state().doc.story.fields.clone();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run();
    harness.get_by_label(TITLE);
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label(TITLE).is_none());
    assert_eq!(harness.state().doc.story.fields, before);
}

const PASTED: &str = "Ferry deal keeps island link open\n\
    By Aileen MacLeod\n\
    PORTREE, Skye — The island’s ferry will keep sailing all winter, the council said.\n\
    The deal was signed on Tuesday.\n";

fn paste_into_body(harness: &mut Harness<'_, CopydeskApp>, text: &str) {
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Body")
        .focus();
    harness.run();
    harness
        .input_mut()
        .events
        .push(egui::Event::Paste(text.to_owned()));
    harness.run();
}

#[test]
fn pasting_a_whole_story_into_an_empty_story_offers_the_import() {
    let mut harness = harness(Document::untitled(), &ScriptedDialogs::default());
    paste_into_body(&mut harness, PASTED);
    harness.get_by_label(TITLE);
    harness.get_by_label("The pasted text looks like a whole story: import it into the fields?");
    assert!(
        harness.state().doc.story.fields.is_empty(),
        "nothing pasted before the editor chooses"
    );
    harness.get_by_label("Create story").click();
    harness.run();
    let f = harness.state().doc.story.fields.clone();
    assert_eq!(f.headline, "Ferry deal keeps island link open");
    assert_eq!(f.byline, "By Aileen MacLeod");
    assert_eq!(f.dateline, "PORTREE, Skye");
    assert_eq!(
        f.body,
        "PORTREE, Skye — The island’s ferry will keep sailing all winter, the council said.\n\n\
         The deal was signed on Tuesday."
    );
}

#[test]
fn pasted_story_can_go_in_as_typed() {
    let mut harness = harness(Document::untitled(), &ScriptedDialogs::default());
    paste_into_body(&mut harness, PASTED);
    harness.get_by_label("Paste as typed").click();
    harness.run();
    let f = harness.state().doc.story.fields.clone();
    assert_eq!(
        f,
        Fields {
            body: PASTED.to_owned(),
            ..Fields::default()
        }
        .normalized()
    );
}

#[test]
fn pasting_a_phrase_or_into_a_story_with_text_does_not_offer_import() {
    let mut harness = harness(Document::untitled(), &ScriptedDialogs::default());
    paste_into_body(&mut harness, "just a phrase");
    assert!(harness.query_by_label(TITLE).is_none());
    assert_eq!(harness.state().doc.story.fields.body, "just a phrase");

    let mut harness = harness_with_sample();
    paste_into_body(&mut harness, PASTED);
    assert!(harness.query_by_label(TITLE).is_none());
    assert!(harness.state().doc.story.fields.body.contains("Ferry deal"));
}

fn harness_with_sample() -> Harness<'static, CopydeskApp> {
    harness(Document::sample(), &ScriptedDialogs::default())
}

#[test]
fn snapshot_import_review() {
    let (_dir, mut harness) = import_file(WIRE, "wire.txt");
    harness.snapshot("import_review");
}
