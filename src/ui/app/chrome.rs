//! The menu bar, messages, status line and the drop overlay (the settings
//! window itself is `ui::settings_window`).

#[allow(unused_imports)]
use super::*;

impl CopydeskApp {
    pub(super) fn menu_button(&mut self, ui: &mut egui::Ui, command: Command) {
        let mut button = egui::Button::new(command.label());
        if let Some(shortcut) = command.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui.add(button).on_hover_text(command.tooltip()).clicked() {
            self.queue.push(command);
        }
    }

    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for command in Command::MENU.iter().filter(|c| c.menu() == Menu::File) {
                    if *command == Command::Quit {
                        ui.menu_button("Open Recent", |ui| self.recent_menu(ui));
                        ui.separator();
                    }
                    self.menu_button(ui, command.clone());
                }
            });
            ui.menu_button("Edit", |ui| {
                for command in Command::MENU.iter().filter(|c| c.menu() == Menu::Edit) {
                    self.menu_button(ui, command.clone());
                }
            });
            ui.menu_button("Drafts", |ui| {
                for command in Command::MENU.iter().filter(|c| c.menu() == Menu::Drafts) {
                    self.menu_button(ui, command.clone());
                }
            });
            ui.menu_button("View", |ui| {
                for command in Command::MENU.iter().filter(|c| c.menu() == Menu::View) {
                    self.menu_button(ui, command.clone());
                }
                ui.separator();
                egui::widgets::global_theme_preference_buttons(ui);
            });
        });
    }

    pub(super) fn recent_menu(&mut self, ui: &mut egui::Ui) {
        if self.settings.recent.is_empty() {
            ui.label("No recent files");
            return;
        }
        for path in self.settings.recent.clone() {
            self.menu_button(ui, Command::OpenPath(path));
        }
        ui.separator();
        self.menu_button(ui, Command::ClearRecent);
    }

    pub(super) fn banners_ui(&mut self, ui: &mut egui::Ui) {
        let now = ui.input(|i| i.time);
        self.banners
            .retain(|b| b.error || now - b.since < INFO_SECONDS);
        if self.banners.is_empty() {
            return;
        }
        if self.banners.iter().any(|b| !b.error) {
            ui.ctx().request_repaint_after_secs(1.0);
        }
        let mut dismiss = None;
        egui::Panel::top("messages").show(ui, |ui| {
            for (i, banner) in self.banners.iter().enumerate() {
                let (fill, prefix) = if banner.error {
                    (theme::error_fill(ui), "Error: ")
                } else {
                    (theme::info_fill(ui), "")
                };
                egui::Frame::new()
                    .fill(fill)
                    .inner_margin(6.0)
                    .corner_radius(4.0)
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                                if ui.button("Dismiss").clicked() {
                                    dismiss = Some(i);
                                }
                                ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
                                    ui.add(
                                        egui::Label::new(
                                            RichText::new(format!("{prefix}{}", banner.text))
                                                .color(theme::banner_text(ui)),
                                        )
                                        .wrap(),
                                    );
                                });
                            });
                        });
                    });
            }
        });
        if let Some(i) = dismiss {
            self.banners.remove(i);
        }
    }

    pub(super) fn status_line(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let where_ = match &self.doc.path {
                Some(path) => path.display().to_string(),
                None => format!("{} — not saved to a file yet", self.doc.unsaved_name),
            };
            ui.label(where_);
            ui.separator();
            if self.doc.is_dirty() {
                ui.label(RichText::new("Unsaved changes").color(theme::warn_text(ui)));
            } else {
                ui.label("Saved");
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if self.show_checks {
                    let (errors, warnings, _) = self.checks.severity_counts();
                    let text = RichText::new(self.checks.counts_text());
                    ui.label(if errors > 0 {
                        text.color(theme::error_text(ui))
                    } else if warnings > 0 {
                        text.color(theme::warn_text(ui))
                    } else {
                        text
                    });
                    ui.separator();
                }
                let drafts = self.doc.story.drafts.len();
                ui.label(format!(
                    "{} draft{}",
                    drafts,
                    if drafts == 1 { "" } else { "s" }
                ));
                ui.separator();
                ui.label(self.doc.story.status.label());
            });
        });
    }

    pub(super) fn settings_window(&mut self, ctx: &egui::Context) {
        let languages = self.spelling.as_ref().map(|s| s.languages.as_slice());
        crate::ui::settings_window::show(
            ctx,
            &mut self.show_settings,
            &mut self.settings,
            languages,
        );
    }

    pub(super) fn drop_overlay(&self, ctx: &egui::Context) {
        if ctx.input(|i| i.raw.hovered_files.is_empty()) {
            return;
        }
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            Id::unique("copydesk-drop-overlay"),
        ));
        let rect = ctx.content_rect();
        painter.rect_filled(rect, 0.0, Color32::from_black_alpha(160));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "Drop a .ron story to open it",
            egui::FontId::proportional(22.0),
            Color32::WHITE,
        );
    }
}
