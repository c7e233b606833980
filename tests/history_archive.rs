//! The draft archive in the window (issue 11 item 1): the history panel offers
//! to move older drafts to `STORY.drafts.ron`, lists what the archive holds,
//! and opens it as a story whose drafts can be viewed and compared.

use copydesk::store;
use copydesk::story::{Fields, Story, now};
use copydesk::ui::{CopydeskApp, Document, Settings};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

#[test]
fn history_archives_older_drafts_and_opens_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("budget.ron");
    let mut story = Story::with_fields(Fields {
        headline: "Council passes budget".into(),
        ..Fields::default()
    });
    for n in 1..=25 {
        story.fields.body = format!("Version {n} of the body — «Київ».");
        story.record_draft(None, now());
    }
    store::save(&path, &story).unwrap();
    let doc = Document::from_file(store::load(&path).unwrap(), path.clone());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 820.0))
        .build_eframe(move |cc| CopydeskApp::new(&cc.egui_ctx, doc, Settings::default()));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::H);
    harness.run();
    harness.get_by_label("Archive older drafts").click();
    harness.run();
    assert_eq!(store::load(&path).unwrap().drafts.len(), 20);
    let archive = dir.path().join("budget.drafts.ron");
    assert_eq!(store::load(&archive).unwrap().drafts.len(), 5);
    assert_eq!(harness.state().doc.story.drafts.len(), 20);
    harness.get_by_label("5 older drafts in budget.drafts.ron");
    harness.get_by_label("Open archive").click();
    harness.run();
    let doc = &harness.state().doc;
    assert_eq!(doc.path.as_deref(), Some(archive.as_path()));
    assert_eq!(doc.story.drafts.len(), 5);
    assert_eq!(
        doc.story.drafts[0].fields.body,
        "Version 1 of the body — «Київ»."
    );
}
