//! The Settings window: newsroom limits, the name written in story locks and
//! when a lock is stale, and spelling. It edits the settings in place; the
//! app writes them back to eframe's storage.

use crate::story::Limits;
use crate::ui::app::Settings;

/// Show the window while `*open`; its close button clears `open`.
/// `languages` are the dictionaries on offer, once spelling is set up.
pub fn show(
    ctx: &egui::Context,
    open: &mut bool,
    settings: &mut Settings,
    languages: Option<&[String]>,
) {
    egui::Window::new("Settings")
        .open(open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            let limits = &mut settings.limits;
            egui::Grid::new("settings-grid")
                .num_columns(2)
                .show(ui, |ui| {
                    for (name, value, range) in [
                        ("Slug limit (characters)", &mut limits.slug, 1..=200),
                        ("Headline limit (characters)", &mut limits.headline, 1..=400),
                        ("Subhead limit (characters)", &mut limits.subhead, 1..=1000),
                        (
                            "Reading speed (words per minute)",
                            &mut limits.words_per_minute,
                            50..=1000,
                        ),
                    ] {
                        let label = ui.label(name);
                        ui.add(egui::DragValue::new(value).range(range))
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                });
            if ui.button("Restore defaults").clicked() {
                *limits = Limits::default();
            }
            ui.separator();
            egui::Grid::new("settings-locks")
                .num_columns(2)
                .show(ui, |ui| {
                    let label = ui.label("Your name (in story locks)");
                    ui.add(
                        egui::TextEdit::singleline(&mut settings.editor_name)
                            .hint_text(crate::desk::DeskSettings::default().user),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("A lock is stale after (hours)");
                    let mut hours = settings.stale_lock_hours.unwrap_or(12);
                    if ui
                        .add(egui::DragValue::new(&mut hours).range(1..=720))
                        .labelled_by(label.id)
                        .changed()
                    {
                        settings.stale_lock_hours = Some(hours);
                    }
                    ui.end_row();
                });
            if let Some(languages) = languages {
                ui.separator();
                crate::ui::spelling::settings_ui(ui, &mut settings.spelling, languages);
            }
        });
}
