//! The findings list: what each row shows (place, excerpt, more suggestions,
//! its house-style rule), the list drawn a row in view at a time, and each
//! finding's row with its quick fix, Ignore, Dismiss and house-style buttons.

use egui::{Color32, RichText, Sense, Ui};

use super::{ChecksAction, ChecksPanel};
use crate::checks::{self, Finding, Rule, Severity};
use crate::ui::theme;

/// One finding with what the list shows for it, computed once per refresh.
pub(super) struct Row {
    pub(super) finding: Finding,
    /// "line 3, column 12" (body and note) or "column 12".
    pub(super) location: String,
    /// The offending text with a little context, or empty.
    pub(super) excerpt: String,
    /// For a misspelt word: every suggestion after the first (the fix).
    pub(super) more: Vec<String>,
    /// The finding's own text (for Ignore).
    pub(super) finding_text: Option<String>,
    /// For a house-style finding: its rule, and how many fixable findings
    /// that rule has.
    pub(super) style: Option<(String, usize)>,
}

impl ChecksPanel {
    /// The findings, in rows of one height, so that only the rows in view are
    /// laid out and drawn: a story with hundreds of findings costs a frame no
    /// more than one with ten.
    pub(super) fn list_ui(&self, ui: &mut Ui) -> Option<ChecksAction> {
        if self.rows.is_empty() {
            ui.label("No findings.");
            return None;
        }
        let line = ui
            .text_style_height(&egui::TextStyle::Body)
            .max(ui.spacing().interact_size.y);
        let row_height = line * 3.0 + ui.spacing().item_spacing.y * 2.0 + 6.0;
        let mut action = None;
        egui::ScrollArea::vertical()
            .id_salt("checks-list")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, self.rows.len(), |ui, range| {
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                for index in range {
                    ui.push_id(index, |ui| {
                        ui.allocate_ui_with_layout(
                            egui::vec2(ui.available_width(), row_height),
                            egui::Layout::top_down(egui::Align::Min),
                            |ui| {
                                ui.set_min_height(row_height);
                                ui.set_max_height(row_height);
                                if let Some(a) = row_ui(ui, &self.rows[index]) {
                                    action = Some(a);
                                }
                            },
                        );
                    });
                }
            });
        action
    }
}

/// One finding in three lines: severity, field and place; the message; the
/// quick fix, Dismiss and the offending text. Clicking the message or the text
/// selects it in the editor.
fn row_ui(ui: &mut Ui, row: &Row) -> Option<ChecksAction> {
    let finding = &row.finding;
    let mut action = None;
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(finding.severity.label())
                .color(severity_colour(ui, finding.severity))
                .strong(),
        );
        ui.label(RichText::new(finding.field.label()).strong());
        ui.label(RichText::new(&row.location).weak());
    });
    let select = || ChecksAction::Select {
        field: finding.field,
        range: finding.range.clone(),
    };
    let message = ui
        .add(egui::Label::new(&finding.message).sense(Sense::click()))
        .on_hover_text(format!(
            "{}\nClick to select it in the editor",
            finding.message
        ));
    if message.clicked() {
        action = Some(select());
    }
    ui.horizontal(|ui| {
        if let Some(fix) = &finding.fix
            && ui
                .small_button(format!("Fix: {}", fix.label))
                .on_hover_text(format!("Replace with “{}”", visible(&fix.replacement)))
                .clicked()
        {
            action = Some(ChecksAction::Fix(finding.clone()));
        }
        if !row.more.is_empty() {
            ui.menu_button("More…", |ui| {
                for word in &row.more {
                    if ui
                        .button(word)
                        .on_hover_text(format!("Change to “{word}”"))
                        .clicked()
                    {
                        let mut other = finding.clone();
                        other.fix = Some(checks::Fix {
                            label: format!("Change to “{word}”"),
                            replacement: word.clone(),
                        });
                        action = Some(ChecksAction::Fix(other));
                    }
                }
            })
            .response
            .on_hover_text("More suggestions");
        }
        if let Some((id, fixable)) = &row.style {
            if *fixable > 1
                && ui
                    .small_button(format!("Fix all {fixable}"))
                    .on_hover_text(format!("Apply every fix of the house-style rule “{id}”"))
                    .clicked()
            {
                action = Some(ChecksAction::FixAllStyle(id.clone()));
            }
            if ui
                .small_button("Off for this story")
                .on_hover_text(format!(
                    "Turn the house-style rule “{id}” off for this story (kept in the story file)"
                ))
                .clicked()
            {
                action = Some(ChecksAction::StyleOff(id.clone()));
            }
        }
        if finding.rule == Rule::Spelling
            && let Some(text) = row.finding_text.as_deref()
            && ui
                .small_button("Ignore")
                .on_hover_text(format!(
                    "Accept “{text}” in this story (kept in the story file)"
                ))
                .clicked()
        {
            action = Some(ChecksAction::IgnoreWord(text.to_owned()));
        }
        if ui
            .small_button("Dismiss")
            .on_hover_text("Keep this as it is; the decision is saved in the story file")
            .clicked()
        {
            action = Some(ChecksAction::Dismiss(finding.clone()));
        }
        if !row.excerpt.is_empty() {
            let excerpt = ui
                .add(
                    egui::Label::new(RichText::new(&row.excerpt).weak().italics())
                        .sense(Sense::click()),
                )
                .on_hover_text("Select this in the editor");
            if excerpt.clicked() {
                action = Some(select());
            }
        }
    });
    action
}

fn severity_colour(ui: &Ui, severity: Severity) -> Color32 {
    match severity {
        Severity::Error => theme::error_text(ui),
        Severity::Warning => theme::warn_text(ui),
        Severity::Info => {
            if ui.visuals().dark_mode {
                Color32::from_rgb(140, 190, 255)
            } else {
                Color32::from_rgb(20, 80, 160)
            }
        }
    }
}

/// Spaces shown as `·` so a double space can be seen.
fn visible(text: &str) -> String {
    text.replace(' ', "·")
}

/// The offending text with the words around it, spaces made visible for the
/// spacing rules; empty for whole-field findings.
pub(super) fn excerpt_for(finding: &Finding, text: &str) -> String {
    let range = finding.range.clone();
    if range.start > range.end
        || range.end > text.len()
        || !text.is_char_boundary(range.start)
        || !text.is_char_boundary(range.end)
    {
        return String::new();
    }
    match finding.rule {
        Rule::SlugTooLong | Rule::HeadlineTooLong | Rule::SubheadTooLong => {
            return format!("…{}", short(&text[range], 60));
        }
        Rule::RequiredEmpty | Rule::WordTarget | Rule::LongSentence => return String::new(),
        Rule::DuplicateParagraph | Rule::DuplicateSentence | Rule::StrayHeading => {
            return short(&text[range], 80);
        }
        _ => {}
    }
    // A few characters either side, within the line (looking no further than
    // that: a finding on a 200,000-character line costs no more than any).
    let before: String = {
        let mut from = range.start;
        for (i, c) in text[..range.start].char_indices().rev().take(21) {
            if c == '\n' {
                break;
            }
            from = i;
        }
        text[from..range.start].to_owned()
    };
    let after: String = text[range.end..]
        .chars()
        .take_while(|&c| c != '\n')
        .take(20)
        .collect();
    let middle = &text[range];
    let middle = match finding.rule {
        Rule::DoubleSpace | Rule::SpaceBeforePunctuation => visible(middle),
        _ => middle.to_owned(),
    };
    format!("…{before}{middle}{after}…")
}

/// At most `max` characters, with "…" when cut.
fn short(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}
