//! The take-back buttons of a compare row: which changes a row offers to take
//! back, with their labels, and how many rows of buttons they need.

use egui::{Color32, Ui};

use super::text::{describe, short};
use crate::compare::{ChangeKind, Row, StoryDiff};
use crate::story::Field;

/// The take-back buttons of a row: (change id, label).
pub(super) fn take_back_buttons(
    diff: &StoryDiff,
    field: Field,
    row: &Row,
    first_of_run: bool,
) -> Vec<(usize, String)> {
    let fd = diff.field(field);
    let indices: Vec<usize> = match row {
        Row::Same { .. } | Row::MovedAway { .. } => Vec::new(),
        Row::Edited { changes, .. } | Row::Split { changes, .. } | Row::Merged { changes, .. } => {
            changes.clone()
        }
        Row::Deleted { change, .. }
        | Row::Inserted { change, .. }
        | Row::MovedHere { change, .. }
            if first_of_run =>
        {
            vec![*change]
        }
        Row::Deleted { .. } | Row::Inserted { .. } | Row::MovedHere { .. } => Vec::new(),
    };
    indices
        .into_iter()
        .map(|k| {
            let change = &fd.changes[k];
            let (removed, added) = diff.change_text(change);
            let label = if change.kind == ChangeKind::MovedHere {
                format!("Take back move of “{}”", short(added))
            } else {
                format!("Take back {}", describe(removed, added))
            };
            (change.id, label)
        })
        .collect()
}

/// How many rows of small buttons `buttons` need in `width` (laid out exactly
/// as `horizontal_wrapped` will place them).
pub(super) fn button_rows(ui: &Ui, buttons: &[(usize, String)], width: f32) -> usize {
    if buttons.is_empty() {
        return 0;
    }
    let font = egui::TextStyle::Button.resolve(ui.style());
    let spacing = ui.spacing().item_spacing.x;
    // Small buttons have no vertical padding but keep the horizontal one.
    let padding = ui.spacing().button_padding.x * 2.0 + 2.0;
    let (mut rows, mut used) = (1, 0.0);
    for (_, label) in buttons {
        let text = ui.fonts_mut(|f| {
            f.layout_no_wrap(label.clone(), font.clone(), Color32::WHITE)
                .size()
                .x
        });
        // Err on the side of one row too many: an underestimate puts the
        // buttons over the next paragraph (seen in the real window), an
        // overestimate only leaves a little space.
        let w = (text * 1.1 + padding + 8.0).min(width);
        if used > 0.0 && used + w > width {
            rows += 1;
            used = 0.0;
        }
        used += w + spacing;
    }
    rows
}
