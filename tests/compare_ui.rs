//! The compare view with a moved paragraph, driven as a user would: the header
//! counts the move, both places say where the paragraph went or came from, a
//! click on one jumps to the other, and taking back the move puts the
//! paragraph back.

use copydesk::compare;
use copydesk::story::{Fields, Limits, Story, now};
use copydesk::ui::compare_view::{CompareAction, CompareView, Side};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const PARAGRAPHS: [&str; 6] = [
    "PORT ELLEN — The Victoria footbridge across the inner harbour reopened on Monday after two years of repairs, the council said.",
    "Engineers replaced 140 oak planks and the iron railings, which had rusted through in places, at a cost of £2.4m.",
    "The harbour master, Ewan MacLeod, said the bridge would carry 1,000 people a day by summer, twice as many as before it closed.",
    "Shopkeepers on the quay said trade had fallen by a third while the bridge was closed, and some had cut their opening hours.",
    "The bridge was built in 1911 by a Glasgow firm and is listed as a category B structure by Historic Environment Scotland.",
    "A ceremony is planned for Saturday, when the island’s pipe band will lead the first official crossing of the bridge.",
];

struct State {
    view: CompareView,
    story: Story,
    /// The app's fonts are in place (they take effect from the next frame).
    fonts: bool,
}

/// The story with its first paragraph moved to the end (and one word of it
/// edited) since draft 1.
fn harness() -> Harness<'static, State> {
    let mut story = Story::with_fields(Fields {
        headline: "Footbridge reopens".into(),
        body: PARAGRAPHS.join("\n\n"),
        ..Fields::default()
    });
    story.record_draft(Some("Filed".into()), now());
    let mut moved: Vec<String> = PARAGRAPHS[1..].iter().map(|p| p.to_string()).collect();
    moved.push(PARAGRAPHS[0].replace("Monday", "Tuesday"));
    story.fields.body = moved.join("\n\n");
    let state = State {
        view: CompareView::new(Side::Draft(1), Side::Current),
        story,
        fonts: false,
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(900.0, 420.0))
        .with_max_steps(24)
        .build_ui_state(
            |ui, state: &mut State| {
                if !state.fonts {
                    copydesk::ui::theme::apply(ui.ctx());
                    state.fonts = true;
                    ui.ctx().request_repaint();
                    return;
                }
                let limits = Limits::default();
                if let Some(CompareAction::RevertChange(diff, id)) =
                    state.view.ui(ui, &state.story, &limits)
                    && let Some(fields) = compare::revert_change(&diff, id)
                {
                    state.story.fields = fields;
                }
            },
            state,
        );
    harness.run();
    harness
}

#[test]
fn a_move_is_shown_at_both_places_and_taken_back_whole() {
    let mut harness = harness();
    // The header counts a move, and only the edited word as words.
    harness.get_by_label("1 paragraph moved");
    harness.get_by_label("+1 words added");
    harness.get_by_label("−1 words removed");
    // The old place, at the top, links to the new place at the bottom, which
    // is out of view.
    let moved_text = PARAGRAPHS[0].replace("Monday", "Tuesday");
    let newer = format!("Newer: {moved_text}");
    assert!(
        harness.query_by_label(&newer).is_none(),
        "the new place starts out of view"
    );
    harness.get_by_label("Moved to ¶6 ↓").click();
    harness.run();
    harness.run();
    harness.get_by_label(&newer);
    harness.get_by_label("Moved from ¶1 ↑");
    // Taking back the move puts the paragraph back, with its old wording.
    harness
        .get_by_label_contains("Take back move of “PORT ELLEN")
        .click();
    harness.run();
    assert_eq!(harness.state().story.fields.body, PARAGRAPHS.join("\n\n"));
    harness.get_by_label("No differences");
}

#[test]
fn a_split_paragraph_is_shown_side_by_side() {
    let mut harness = harness();
    let mut split: Vec<String> = PARAGRAPHS.iter().map(|p| p.to_string()).collect();
    let (a, b) = PARAGRAPHS[3].split_at(PARAGRAPHS[3].find(", and some").unwrap());
    split[3] = format!("{a}.");
    split.insert(4, format!("Some{}", &b[", and some".len()..]));
    harness.state_mut().story.fields.body = split.join("\n\n");
    harness.run();
    harness.get_by_label("Next change").click();
    harness.run();
    harness.get_by_label("Split into ¶4 and ¶5");
    harness.get_by_label(&format!("Older: {}", PARAGRAPHS[3]));
    harness.get_by_label(&format!("Newer: {}.\n\n{}", a, split[4]));
}
