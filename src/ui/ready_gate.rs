//! The Ready gate's dialog: a move to Ready was refused by the checks, so the
//! errors (then the warnings) are shown first, with Open the story, Send to
//! Ready anyway (a reason is required; the desk records who and why in the
//! file) and Cancel (also Escape). Returns the choice; the desk view acts.

use std::path::PathBuf;

use egui::RichText;

use crate::checks::{Finding, Severity};
use crate::ui::theme;

/// What the editor chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GateChoice {
    /// Open the story to fix it.
    Open,
    /// Send it to Ready anyway, for this reason.
    Anyway(String),
    Cancel,
}

/// A refused move to Ready.
pub struct ReadyGate {
    /// The story file.
    pub path: PathBuf,
    slug: String,
    /// Errors first, then warnings (as the desk core orders them).
    findings: Vec<Finding>,
    why: String,
}

impl ReadyGate {
    pub fn new(path: PathBuf, slug: String, findings: Vec<Finding>) -> Self {
        ReadyGate {
            path,
            slug,
            findings,
            why: String::new(),
        }
    }

    /// Draw the dialog. Returns the choice once made.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<GateChoice> {
        enum Choice {
            Open,
            Anyway,
            Cancel,
        }
        let mut choice = None;
        let errors = self
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let response = egui::Modal::new(egui::Id::unique("copydesk-ready-gate")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading(format!("“{}” is not ready", self.slug));
            ui.label(format!(
                "The checks found {errors} error{} that must be fixed before it goes to Ready:",
                if errors == 1 { "" } else { "s" }
            ));
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .show(ui, |ui| {
                    for finding in &self.findings {
                        ui.horizontal_wrapped(|ui| {
                            let (word, colour) = match finding.severity {
                                Severity::Error => ("Error", theme::error_text(ui)),
                                _ => ("Warning", theme::warn_text(ui)),
                            };
                            ui.label(RichText::new(word).color(colour).strong());
                            ui.label(RichText::new(finding.field.label()).strong());
                            ui.label(&finding.message);
                        });
                    }
                });
            ui.add_space(6.0);
            if ui.button("Open the story").clicked() {
                choice = Some(Choice::Open);
            }
            ui.separator();
            let label = ui.label("Why send it anyway (recorded in the story)");
            ui.add(
                egui::TextEdit::singleline(&mut self.why)
                    .id_salt("ready-why")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.horizontal(|ui| {
                let reason = !self.why.trim().is_empty();
                if ui
                    .add_enabled(reason, egui::Button::new("Send to Ready anyway"))
                    .clicked()
                {
                    choice = Some(Choice::Anyway);
                }
                if ui.button("Cancel").clicked() {
                    choice = Some(Choice::Cancel);
                }
            });
        });
        if choice.is_none() && response.should_close() {
            choice = Some(Choice::Cancel);
        }
        Some(match choice? {
            Choice::Open => GateChoice::Open,
            Choice::Anyway => GateChoice::Anyway(self.why.trim().to_owned()),
            Choice::Cancel => GateChoice::Cancel,
        })
    }
}
