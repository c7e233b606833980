//! Find and replace in the window, driven as a user would: Ctrl+H, a query,
//! the count, stepping, Replace all as one edit that the compare shows
//! exactly and Undo Last Fix takes back; a bad pattern explained.

use copydesk::compare::{self, Options};
use copydesk::story::{Field, Fields, Story, now};
use copydesk::ui::{CopydeskApp, Document, Settings};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const BODY: &str = "Kiev said the talks in Kiev would go on.\n\
                    The mayor of Kiev, Vitali Klitschko, agreed.\n\
                    Kievan Rus is history; KIEV is the old slug.";

fn harness(dir: &std::path::Path) -> Harness<'static, CopydeskApp> {
    let mut story = Story::with_fields(Fields {
        slug: "kiev-talks".into(),
        headline: "Kiev talks go on".into(),
        body: BODY.into(),
        ..Fields::default()
    });
    story.record_draft(Some("Filed".into()), now());
    let path = dir.join("talks.ron");
    copydesk::store::save(&path, &story).unwrap();
    let doc = Document::from_file(copydesk::store::load(&path).unwrap(), path);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1200.0, 820.0))
        .build_eframe(move |cc| CopydeskApp::new(&cc.egui_ctx, doc, Settings::default()));
    harness.run();
    harness
}

fn type_into(harness: &mut Harness<'_, CopydeskApp>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run();
}

#[test]
fn find_count_step_replace_all_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::H);
    harness.run();
    type_into(&mut harness, "Find", "Kiev");
    // Case-insensitive, not whole word: slug, headline, and 5 in the body.
    harness.get_by_label("7 matches");
    harness.get_by_label("Whole word").click();
    harness.run();
    harness.get_by_label("6 matches");
    harness.get_by_label("Match case").click();
    harness.run();
    harness.get_by_label("4 matches");
    // Enter in the query steps through them: "1 of 4", "2 of 4"; Shift+Enter
    // goes back.
    harness
        .get_by_role_and_label(Role::TextInput, "Find")
        .focus();
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("1 of 4");
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("2 of 4");
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    harness.run();
    harness.get_by_label("1 of 4");

    type_into(&mut harness, "Replace with", "Kyiv");
    harness.get_by_label("Replace all").click();
    harness.run();
    harness.get_by_label("No matches");
    let fields = harness.state().doc.story.fields.clone();
    assert_eq!(fields.headline, "Kyiv talks go on");
    assert_eq!(
        fields.body,
        "Kyiv said the talks in Kyiv would go on.\n\
         The mayor of Kyiv, Vitali Klitschko, agreed.\n\
         Kievan Rus is history; KIEV is the old slug."
    );
    assert_eq!(fields.slug, "kiev-talks");

    // The compare against the filed draft shows exactly the four words.
    let draft = harness
        .state()
        .doc
        .story
        .latest_draft()
        .unwrap()
        .fields
        .clone();
    let diff = compare::compare(&draft, &fields, &Options::default());
    let changed: Vec<(Field, &str, &str)> = diff
        .changes()
        .map(|c| {
            (
                c.field,
                &draft.get(c.field)[c.old.clone()],
                &fields.get(c.field)[c.new.clone()],
            )
        })
        .collect();
    assert_eq!(
        changed,
        [
            (Field::Headline, "Kiev", "Kyiv"),
            (Field::Body, "Kiev", "Kyiv"),
            (Field::Body, "Kiev", "Kyiv"),
            (Field::Body, "Kiev", "Kyiv"),
        ]
    );

    // One edit: one Undo Last Fix brings every match back.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::Z);
    harness.run();
    assert_eq!(harness.state().doc.story.fields, draft);
    harness.get_by_label("4 matches");
}

#[test]
fn replace_one_goes_to_the_next_and_a_bad_pattern_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    assert!(harness.query_by_label("Replace with").is_none());
    harness.get_by_label("Regular expression").click();
    harness.run();
    type_into(&mut harness, "Find", r"(Kiev");
    harness.get_by_label("Bad regular expression “(Kiev”: unclosed group");
    harness.key_press(Key::Backspace);
    harness.run();
    // Edit the pattern to a good one: `(Kiev` → `Kiev\b` with a group.
    harness
        .get_by_role_and_label(Role::TextInput, "Find")
        .focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Find")
        .type_text(r"(Kiev)\b");
    harness.run();
    harness.get_by_label("6 matches");
    harness.get_by_label("Replace…").click();
    harness.run();
    type_into(&mut harness, "Replace with", "[$1]");
    harness.get_by_label("Replace").click(); // first press: go to the first match
    harness.run();
    harness.get_by_label("1 of 6");
    harness.get_by_label("Replace").click();
    harness.run();
    assert_eq!(
        harness.state().doc.story.fields.slug,
        "[kiev]-talks",
        "case-insensitive match, the group keeps the text's case"
    );
    // The replacement still holds a match ("[kiev]"); the current match is
    // the next one after it, the headline's.
    harness.get_by_label("2 of 6");
    assert!(harness.state().doc.is_dirty());
}
