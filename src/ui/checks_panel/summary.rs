//! The panel's summary of the body: words, sentences and reading time, the
//! progress to the word target, and readability (Flesch reading ease and
//! Flesch–Kincaid grade).

use egui::{ProgressBar, RichText, Ui};

use super::ChecksPanel;
use crate::ui::editor::thousands;

impl ChecksPanel {
    pub(super) fn summary_ui(&self, ui: &mut Ui) {
        let s = &self.summary;
        ui.label(format!(
            "{} · {} · {} min read",
            counted(s.words, "word", "words"),
            counted(s.sentences, "sentence", "sentences"),
            s.reading_minutes
        ));
        if let (Some(target), Some(progress)) = (s.word_target, s.target_progress()) {
            let percent = (progress * 100.0).round() as i64;
            ui.add(
                ProgressBar::new(progress.clamp(0.0, 1.0))
                    .desired_width(ui.available_width().min(260.0))
                    .text(format!(
                        "{} of {} words ({percent}%)",
                        thousands(s.words),
                        thousands(target)
                    )),
            );
        }
        match (s.flesch_reading_ease, s.flesch_kincaid_grade) {
            (Some(ease), Some(grade)) => {
                ui.label(format!(
                    "Reading ease (Flesch): {ease:.0}, {}",
                    ease_band(ease)
                ))
                .on_hover_text(
                    "0–100, higher is easier; news copy usually scores 50–70. \
                         Syllables are estimated, for English prose.",
                );
                ui.label(format!("Grade (Flesch–Kincaid): {grade:.1}"))
                    .on_hover_text("The US school grade that can read the body (an estimate).");
            }
            _ => {
                ui.label(RichText::new("Readability: no body text yet").weak());
            }
        }
    }
}

/// Flesch reading ease in words.
fn ease_band(ease: f64) -> &'static str {
    match ease {
        e if e >= 90.0 => "very easy",
        e if e >= 80.0 => "easy",
        e if e >= 70.0 => "fairly easy",
        e if e >= 60.0 => "plain",
        e if e >= 50.0 => "fairly difficult",
        e if e >= 30.0 => "difficult",
        _ => "very difficult",
    }
}

/// "1 word", "1,234 words".
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}
