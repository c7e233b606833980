//! The checks panel, driven as a user would: the counts line, a quick fix, a
//! click on a finding, Dismiss, and the cache that keeps typing smooth.

use copydesk::checks::{self, CheckSettings, Rule};
use copydesk::story::{Field, Fields, Story};
use copydesk::ui::checks_panel::{ChecksAction, ChecksPanel};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// What the test harness keeps between frames.
struct State {
    panel: ChecksPanel,
    story: Story,
    settings: CheckSettings,
    actions: Vec<ChecksAction>,
    /// Carry out Fix and Dismiss as the app would.
    apply: bool,
}

fn harness(body: &str, apply: bool) -> Harness<'static, State> {
    let state = State {
        panel: ChecksPanel::new(),
        story: Story::with_fields(Fields {
            headline: "Council passes budget".into(),
            body: body.into(),
            ..Fields::default()
        }),
        settings: CheckSettings::default(),
        actions: Vec::new(),
        apply,
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(420.0, 640.0))
        .build_ui_state(
            |ui, state: &mut State| {
                if let Some(action) = state.panel.ui(ui, &state.story, &state.settings) {
                    if state.apply {
                        match &action {
                            ChecksAction::Fix(f) => {
                                checks::apply_fix_to(&mut state.story.fields, f);
                            }
                            ChecksAction::Dismiss(f) => {
                                let d = checks::dismissal(f, &state.story.fields);
                                state.story.dismissed.push(d);
                            }
                            ChecksAction::FixAllQuotes => {
                                checks::fix_all_quotes(&mut state.story.fields);
                            }
                            ChecksAction::IgnoreWord(word) => {
                                state.story.proofing.ignored_words.push(word.clone());
                            }
                            ChecksAction::FixAllStyle(_) | ChecksAction::StyleOff(_) => {}
                            ChecksAction::Select { .. } => {}
                        }
                    }
                    state.actions.push(action);
                }
            },
            state,
        );
    harness.run();
    harness
}

#[test]
fn fix_button_yields_the_fix_action_and_counts_are_shown() {
    let mut harness = harness("The  bridge opened on Monday.", false);
    harness.get_by_label("0 errors · 1 warning · 0 info");
    assert_eq!(harness.state().panel.severity_counts(), (0, 1, 0));
    // Severity is shown in words as well as colour.
    harness.get_by_label("Warning");
    harness.get_by_label("Fix: Collapse to one space").click();
    harness.run();
    let actions = &harness.state().actions;
    assert_eq!(actions.len(), 1, "{actions:?}");
    match &actions[0] {
        ChecksAction::Fix(f) => {
            assert_eq!(f.rule, Rule::DoubleSpace);
            assert_eq!(f.field, Field::Body);
            assert_eq!(f.range, 3..5);
            assert_eq!(f.fix.as_ref().unwrap().replacement, " ");
        }
        other => panic!("expected a Fix, got {other:?}"),
    }
}

#[test]
fn clicking_a_finding_selects_its_text() {
    let mut harness = harness("The  bridge opened on Monday.", false);
    harness.get_by_label("Double space").click();
    harness.run();
    assert_eq!(
        harness.state().actions,
        [ChecksAction::Select {
            field: Field::Body,
            range: 3..5
        }]
    );
}

#[test]
fn applying_a_fix_or_dismissing_updates_the_counts() {
    let mut harness = harness("The  bridge opened. A  crowd came.", true);
    harness.get_by_label("0 errors · 2 warnings · 0 info");
    harness
        .get_all_by_label("Fix: Collapse to one space")
        .next()
        .unwrap()
        .click();
    harness.run();
    assert_eq!(
        harness.state().story.fields.body,
        "The bridge opened. A  crowd came."
    );
    harness.get_by_label("0 errors · 1 warning · 0 info");
    harness.get_by_label("Dismiss").click();
    harness.run();
    harness.get_by_label("0 errors · 0 warnings · 0 info");
    harness.get_by_label("1 dismissed (kept in the story file)");
    harness.get_by_label("No findings.");
    assert_eq!(harness.state().story.dismissed.len(), 1);
}

#[test]
fn errors_show_and_readability_is_summarised() {
    let mut harness = harness("", false);
    harness.get_by_label("1 error · 0 warnings · 0 info");
    harness.get_by_label("Error");
    harness.get_by_label("Body is empty");
    harness.get_by_label("Readability: no body text yet");
    harness.state_mut().story.fields.body = "The cat sat on the mat.".into();
    harness.state_mut().settings.word_target = Some(12);
    harness.run();
    harness.get_by_label("6 words · 1 sentence · 1 min read");
    harness.get_by_label("Reading ease (Flesch): 116, very easy");
    harness.get_by_label("Grade (Flesch–Kincaid): -1.4");
}

#[test]
fn smart_quotes_fix_all_button() {
    let mut harness = harness("“Yes,” he said. “No,” she said. It's done, isn't it?", true);
    harness.get_by_label("Smart quotes: fix all 2").click();
    harness.run();
    assert_eq!(harness.state().actions, [ChecksAction::FixAllQuotes]);
    assert_eq!(
        harness.state().story.fields.body,
        "“Yes,” he said. “No,” she said. It’s done, isn’t it?"
    );
}

#[test]
fn findings_are_computed_only_when_the_text_changes() {
    let mut harness = harness("The  bridge opened.", false);
    let before = harness.state().panel.computations();
    for _ in 0..5 {
        harness.step();
    }
    assert_eq!(harness.state().panel.computations(), before);
    harness.state_mut().story.fields.body.push_str(" Again.");
    harness.step();
    assert_eq!(harness.state().panel.computations(), before + 1);
}
