//! Spelling in the window, driven as a user would: findings with suggestions
//! in the checks panel, a suggestion applied, Ignore, the story's language.

use std::sync::{Arc, OnceLock};

use copydesk::spell::{self, Dictionary, Library};
use copydesk::story::{Field, Fields, Story};
use copydesk::ui::{CopydeskApp, Document, Settings};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn dicts() -> Vec<(String, Arc<Dictionary>)> {
    static D: OnceLock<Vec<(String, Arc<Dictionary>)>> = OnceLock::new();
    D.get_or_init(|| {
        ["en_US", "en_GB"]
            .into_iter()
            .map(|l| (l.to_owned(), Arc::new(spell::load_bundled(l).unwrap())))
            .collect()
    })
    .clone()
}

/// The window on a story saved in `dir`, spelling with `library`.
fn app_harness(
    dir: &std::path::Path,
    body: &str,
    library: Arc<Library>,
) -> Harness<'static, CopydeskApp> {
    let story = Story::with_fields(Fields {
        headline: "Council backs plan".into(),
        body: body.into(),
        ..Fields::default()
    });
    let path = dir.join("story.ron");
    copydesk::store::save(&path, &story).unwrap();
    let doc = Document::from_file(copydesk::store::load(&path).unwrap(), path);
    // Marks, checks and suggestions arrive from worker threads: give a run
    // room to settle on a loaded machine (each arrival asks for a repaint).
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 820.0))
        .with_max_steps(24)
        .build_eframe(move |cc| {
            CopydeskApp::new(&cc.egui_ctx, doc, Settings::default()).with_spelling(library)
        });
    harness.step();
    harness.step();
    harness
}

/// Step frames until a node labelled `label` shows (work arrives from other
/// threads: marks, suggestions).
fn wait_for(harness: &mut Harness<'static, CopydeskApp>, label: &str) {
    for _ in 0..1000 {
        if harness.query_by_label_contains(label).is_some() {
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    panic!("“{label}” never showed");
}

#[test]
fn spelling_findings_offer_suggestions_and_ignore() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(
        dir.path(),
        "The mayor will recieve the plan from Dnipryk.",
        Library::from_loaded(dicts()),
    );
    wait_for(&mut harness, "Fix: Change to “receive”");
    harness.get_by_label_contains("“recieve” is not in the en_US dictionary");
    harness.get_by_label_contains("“Dnipryk” is not in the en_US dictionary");
    harness.get_by_label("Fix: Change to “receive”").click();
    harness.run();
    assert_eq!(
        harness.state().doc.story.fields.body,
        "The mayor will receive the plan from Dnipryk."
    );
    assert!(
        harness
            .query_by_label_contains("“recieve” is not")
            .is_none()
    );
    harness.get_by_label("Ignore").click();
    harness.run();
    assert_eq!(
        harness.state().doc.story.proofing.ignored_words,
        ["Dnipryk"]
    );
    assert!(
        harness
            .query_by_label_contains("“Dnipryk” is not")
            .is_none()
    );
    assert!(harness.state().doc.is_dirty());
}

/// Suggestions wait for a pause in typing (each costs tens of milliseconds),
/// then arrive: a slip typed into the body gets its fix in the checks panel.
#[test]
fn a_typed_slip_gets_its_fix_once_typing_pauses() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(
        dir.path(),
        "The mayor will sign the plan.",
        Library::from_loaded(dicts()),
    );
    let body = || (Role::MultilineTextInput, "Body");
    harness.get_by_role_and_label(body().0, body().1).focus();
    harness.run();
    harness
        .get_by_role_and_label(body().0, body().1)
        .type_text(" Officials recieve it.");
    harness.run();
    assert!(harness.state().doc.story.fields.body.contains("recieve"));
    wait_for(&mut harness, "Fix: Change to “receive”");
}

#[test]
fn the_story_language_is_picked_in_the_panel() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(
        dir.path(),
        "The colour is grey.",
        Library::from_loaded(dicts()),
    );
    harness.get_by_label_contains("“colour” is not in the en_US dictionary");
    // The picker is the control named "Spelling:" that shows the choice.
    harness
        .get_all_by_label("Spelling:")
        .find(|n| format!("{n:?}").contains("As in settings (en_US)"))
        .expect("the language picker")
        .click();
    harness.run();
    harness.get_by_label("en_GB").click();
    harness.run();
    assert_eq!(
        harness.state().doc.story.proofing.language.as_deref(),
        Some("en_GB")
    );
    for _ in 0..500 {
        if harness.query_by_label_contains("“colour” is not").is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    assert!(harness.query_by_label_contains("“colour” is not").is_none());
}

#[test]
fn the_window_does_not_wait_for_dictionaries() {
    // A library that has loaded nothing yet: the window draws at once with
    // nothing marked, and the finding arrives later without a keystroke.
    let dir = tempfile::tempdir().unwrap();
    // The load is under way and does not finish until the window has drawn
    // (deterministic, where a real load may win the race on a fast machine).
    let library = Library::expecting(&["en_US", "en_GB"]);
    let mut harness = app_harness(dir.path(), "The mayor will recieve it.", library.clone());
    assert!(harness.query_by_label_contains("“recieve”").is_none());
    assert!(
        harness
            .query_all_by_label("0 errors · 0 warnings · 0 info")
            .next()
            .is_some()
    );
    // The load finishes: the finding arrives without a keystroke.
    for (lang, dict) in dicts() {
        library.insert(&lang, dict);
    }
    for _ in 0..2400 {
        if harness.query_by_label_contains("“recieve”").is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.step();
    }
    panic!("the dictionary never arrived");
}

/// Wait (a few frames) until the editor's marks have arrived from the worker.
fn until_marked(harness: &mut Harness<'static, CopydeskApp>) {
    for _ in 0..400 {
        if !harness.state().marking.spell.marks().is_empty()
            && !harness.state().marking.spell.is_pending()
        {
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    panic!("the marks never arrived");
}

fn headline_harness(dir: &std::path::Path, headline: &str) -> Harness<'static, CopydeskApp> {
    themed_harness(dir, headline, egui::Theme::Dark, false)
}

fn themed_harness(
    dir: &std::path::Path,
    headline: &str,
    theme: egui::Theme,
    snapshot: bool,
) -> Harness<'static, CopydeskApp> {
    let story = Story::with_fields(Fields {
        headline: headline.into(),
        body: "The plan is recieved well, and Dnipryk agrees.".into(),
        ..Fields::default()
    });
    let path = dir.join("story.ron");
    copydesk::store::save(&path, &story).unwrap();
    let mut doc = Document::from_file(copydesk::store::load(&path).unwrap(), path);
    if snapshot {
        // The temporary folder's name would show in the status line.
        doc.path = None;
    }
    let library = Library::from_loaded(dicts());
    // Marks, checks and suggestions arrive from worker threads: give a run
    // room to settle on a loaded machine (each arrival asks for a repaint).
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 820.0))
        .with_max_steps(24)
        .with_theme(theme)
        .build_eframe(move |cc| {
            CopydeskApp::new(&cc.egui_ctx, doc, Settings::default()).with_spelling(library)
        });
    harness.run();
    until_marked(&mut harness);
    harness
}

#[test]
fn misspelt_words_are_marked_as_you_type() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = headline_harness(dir.path(), "Funds we recieve");
    let words = |h: &Harness<'static, CopydeskApp>| -> Vec<(Field, String)> {
        let fields = &h.state().doc.story.fields;
        h.state()
            .marking
            .spell
            .marks()
            .iter()
            .map(|(f, r)| (*f, fields.get(*f)[r.clone()].to_owned()))
            .collect()
    };
    assert_eq!(
        words(&harness),
        [
            (Field::Headline, "recieve".to_owned()),
            (Field::Body, "recieved".to_owned()),
            (Field::Body, "Dnipryk".to_owned())
        ]
    );
    // Typing a new paragraph: only it is spelt again, and its slip is marked.
    harness
        .state_mut()
        .doc
        .story
        .fields
        .body
        .push_str("\nA new paragrph.");
    harness.state_mut().doc.touch();
    harness.step();
    until_marked(&mut harness);
    for _ in 0..50 {
        if words(&harness).len() == 4 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    assert_eq!(words(&harness)[3], (Field::Body, "paragrph".to_owned()));
}

#[test]
fn right_click_a_marked_word_for_suggestions_and_lists() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = headline_harness(dir.path(), "Funds we recieve");
    // The pointer lands past the end of the headline's text, on its last word.
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Headline")
        .click_secondary();
    harness.run();
    harness.get_by_label("“recieve”");
    harness.get_by_label("Ignore in this story");
    harness.get_by_label("Add to desk's word list");
    harness.get_by_label("Add to my word list");
    harness.get_by_label("receive").click();
    harness.run();
    assert_eq!(
        harness.state().doc.story.fields.headline,
        "Funds we receive"
    );

    // Add to the desk's list: the file beside the story, and the mark goes.
    harness.state_mut().doc.story.fields.headline = "Dnipryk".into();
    harness.state_mut().doc.touch();
    harness.step();
    until_marked(&mut harness);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Headline")
        .click_secondary();
    harness.run();
    harness.get_by_label("Add to desk's word list").click();
    harness.run();
    assert_eq!(
        std::fs::read_to_string(dir.path().join(spell::DESK_WORDS)).unwrap(),
        "Dnipryk\n"
    );
    for _ in 0..100 {
        harness.step();
        if harness.state().marking.spell.marks().len() == 1 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let fields = harness.state().doc.story.fields.clone();
    let left: Vec<&str> = harness
        .state()
        .marking
        .spell
        .marks()
        .iter()
        .map(|(f, r)| &fields.get(*f)[r.clone()])
        .collect();
    assert_eq!(left, ["recieved"]);
}

/// Wait until every finding of the snapshot story has its suggestions.
fn wait_for_fixes(harness: &mut Harness<'static, CopydeskApp>) {
    for fix in ["“receive”", "“received”", "“Dnipropetrovsk”", "“Ky iv”"] {
        wait_for(harness, &format!("Fix: Change to {fix}"));
    }
}

#[test]
fn snapshot_spelling_marks_light() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = themed_harness(
        dir.path(),
        "Funds we recieve for Kyiv",
        egui::Theme::Light,
        true,
    );
    wait_for_fixes(&mut harness);
    harness.snapshot("spelling_marks_light");
}

#[test]
fn snapshot_spelling_marks_dark() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = themed_harness(
        dir.path(),
        "Funds we recieve for Kyiv",
        egui::Theme::Dark,
        true,
    );
    wait_for_fixes(&mut harness);
    harness.snapshot("spelling_marks_dark");
}

/// A story that replaces the one on screen (an import, Open, New) gets its
/// own marks: none of the old story's underlines land on the new text, even
/// when neither text was ever edited (found in the real window: an import
/// showed "Storm t" and " Florid" as misspelt, the old story's ranges).
#[test]
fn a_new_story_on_screen_never_shows_the_old_ones_marks() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = headline_harness(dir.path(), "Funds we recieve");
    assert!(!harness.state().marking.spell.marks().is_empty());
    let story = Story::with_fields(Fields {
        headline: "Storm tears roofs off homes across South Florida".into(),
        body: "Crews worked through the night to clear fallen trees.".into(),
        ..Fields::default()
    });
    harness.state_mut().doc = Document::from_file(story, dir.path().join("storm.ron"));
    for _ in 0..400 {
        harness.step();
        let spell = &harness.state().marking.spell;
        if spell.is_complete() && !spell.is_pending() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.step();
    let fields = harness.state().doc.story.fields.clone();
    let marked: Vec<String> = harness
        .state()
        .marking
        .spell
        .marks()
        .iter()
        .map(|(f, r)| fields.get(*f).get(r.clone()).unwrap_or("?").to_owned())
        .collect();
    assert!(marked.is_empty(), "{marked:?}");
    assert!(harness.query_by_label_contains("is not in the").is_none());
}
