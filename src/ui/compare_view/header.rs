//! The compare's header: the toolbar (the two sides, Swap, the unit of change,
//! the ignore options, Previous/Next change, Close) and the summary line of
//! the diff (changes, moves, words, reading time, headline length).

use std::sync::Arc;

use egui::{RichText, Ui};

use super::{CompareAction, CompareView, Side};
use crate::compare::{Granularity, StoryDiff};
use crate::story::{self, Limits, Story};
use crate::ui::theme;

impl CompareView {
    pub(super) fn toolbar(
        &mut self,
        ui: &mut Ui,
        story: &Story,
        action: &mut Option<CompareAction>,
    ) {
        ui.horizontal_wrapped(|ui| {
            let mut sides = vec![Side::Current];
            if self.on_disk.is_some() {
                sides.push(Side::OnDisk);
            }
            sides.extend(story.drafts.iter().rev().map(|d| Side::Draft(d.number)));
            let label = ui.label(RichText::new("Older").strong());
            side_picker(ui, "compare-left", &mut self.left, &sides, story).labelled_by(label.id);
            if ui
                .button("Swap sides")
                .on_hover_text("Put the right side on the left")
                .clicked()
            {
                self.swap();
            }
            let label = ui.label(RichText::new("Newer").strong());
            side_picker(ui, "compare-right", &mut self.right, &sides, story).labelled_by(label.id);
            ui.separator();
            for g in Granularity::ALL {
                if ui
                    .selectable_label(self.options.granularity == g, g.label())
                    .on_hover_text("Measure changes in this unit")
                    .clicked()
                {
                    self.options.granularity = g;
                }
            }
            ui.separator();
            ui.checkbox(&mut self.options.ignore_whitespace, "Ignore whitespace");
            ui.checkbox(&mut self.options.ignore_quote_style, "Ignore quote style");
            ui.separator();
            if ui
                .button("Previous change")
                .on_hover_text("Alt+↑")
                .clicked()
            {
                self.step_change(false);
            }
            if ui.button("Next change").on_hover_text("Alt+↓").clicked() {
                self.step_change(true);
            }
            ui.separator();
            if ui.button("Close compare").clicked() {
                *action = Some(CompareAction::Close);
            }
        });
    }

    pub(super) fn summary(&mut self, ui: &mut Ui, diff: &Arc<StoryDiff>, limits: &Limits) {
        let totals = match &self.totals {
            Some((of, totals)) if Arc::ptr_eq(of, diff) => *totals,
            _ => {
                let totals = diff.totals();
                self.totals = Some((diff.clone(), totals));
                totals
            }
        };
        let s = &diff.stats;
        let wpm = limits.words_per_minute;
        ui.horizontal_wrapped(|ui| {
            if self.is_computing() {
                ui.spinner();
                ui.label("Comparing…");
            }
            if diff.is_identical() {
                ui.label(RichText::new("No differences").strong());
                return;
            }
            ui.label(
                RichText::new(format!(
                    "{} change{} in {} field{}",
                    s.changes,
                    if s.changes == 1 { "" } else { "s" },
                    s.fields_changed,
                    if s.fields_changed == 1 { "" } else { "s" }
                ))
                .strong(),
            );
            if s.moves > 0 {
                ui.label(format!(
                    "{} paragraph{} moved",
                    s.moves,
                    if s.moves == 1 { "" } else { "s" }
                ));
            }
            ui.label(format!("+{} words added", s.words_added));
            ui.label(format!("−{} words removed", s.words_removed));
            ui.label(format!(
                "reading time {} → {} min",
                story::reading_minutes(totals.old_words, wpm),
                story::reading_minutes(totals.new_words, wpm)
            ));
            ui.label(format!(
                "headline {} → {} characters",
                totals.old_headline_chars, totals.new_headline_chars
            ));
            if let (Some(i), Some(laid)) = (self.current_change, &self.laid) {
                let total = laid.change_line.len();
                ui.label(RichText::new(format!("change {} of {total}", i + 1)).weak());
            }
            if diff.timed_out {
                ui.label(
                    RichText::new("Very different texts: changes shown coarser")
                        .color(theme::warn_text(ui)),
                );
            }
        });
    }
}

fn side_picker(
    ui: &mut Ui,
    id: &str,
    side: &mut Side,
    sides: &[Side],
    story: &Story,
) -> egui::Response {
    egui::ComboBox::from_id_salt(id)
        .selected_text(side.label(story))
        .width(190.0)
        .show_ui(ui, |ui| {
            for s in sides {
                ui.selectable_value(side, *s, s.label(story));
            }
        })
        .response
}
