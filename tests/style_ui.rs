//! House style in the checks panel, driven as a user would: a style finding
//! with its fix, "Fix all" of one rule as one undoable edit, and turning a
//! rule off for the story.

use copydesk::story::{Fields, Story};
use copydesk::ui::{CopydeskApp, Document, Settings};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(dir: &std::path::Path, body: &str) -> Harness<'static, CopydeskApp> {
    let story = Story::with_fields(Fields {
        headline: "Council meets".into(),
        body: body.into(),
        ..Fields::default()
    });
    let path = dir.join("story.ron");
    copydesk::store::save(&path, &story).unwrap();
    let doc = Document::from_file(copydesk::store::load(&path).unwrap(), path);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1200.0, 820.0))
        .build_eframe(move |cc| CopydeskApp::new(&cc.egui_ctx, doc, Settings::default()));
    harness.run();
    harness
}

#[test]
fn fix_all_of_a_rule_and_turn_a_rule_off() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(
        dir.path(),
        "Rates rose 2 per cent in Kiev and 3 per cent in Lviv. Send an e-mail.",
    );
    assert!(
        harness
            .query_all_by_label("0 errors · 4 warnings · 0 info")
            .next()
            .is_some()
    );
    harness
        .get_all_by_label("Fix all 2")
        .next()
        .unwrap()
        .click();
    harness.run();
    assert_eq!(
        harness.state().doc.story.fields.body,
        "Rates rose 2 percent in Kiev and 3 percent in Lviv. Send an e-mail."
    );
    assert!(
        harness
            .query_all_by_label("0 errors · 2 warnings · 0 info")
            .next()
            .is_some()
    );
    // One edit: Undo Last Fix brings both back.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::Z);
    harness.run();
    assert!(harness.state().doc.story.fields.body.contains("2 per cent"));
    assert!(
        harness
            .query_all_by_label("0 errors · 4 warnings · 0 info")
            .next()
            .is_some()
    );

    // The e-mail rule off for this story: kept in the story, findings gone.
    let email = harness
        .get_all_by_label("Off for this story")
        .last()
        .unwrap();
    email.click();
    harness.run();
    assert_eq!(harness.state().doc.story.proofing.style_off, ["email"]);
    assert!(
        harness
            .query_all_by_label("0 errors · 3 warnings · 0 info")
            .next()
            .is_some()
    );
    harness.get_by_label("Fix: Change to “Kyiv”").click();
    harness.run();
    assert!(harness.state().doc.story.fields.body.contains("in Kyiv"));
}
