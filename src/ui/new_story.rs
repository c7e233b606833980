//! "New story" in the desk view: a template of the desk's `templates/`
//! folder, the section to put it in, the headline, and the slug proposed from
//! the headline (typed over when wanted). Returns the choice; the desk view
//! makes the story through the desk core (`desk::template::new_story`).

use egui::RichText;

use crate::desk::template::{self, Template};

/// What the editor chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NewStoryChoice {
    Create {
        template: String,
        /// "" for the top of the desk.
        section: String,
        headline: String,
        /// `None`: proposed from the headline.
        slug: Option<String>,
    },
    Cancel,
}

/// The dialog's state.
pub struct NewStoryDialog {
    templates: Vec<Template>,
    sections: Vec<String>,
    template: usize,
    section: String,
    headline: String,
    slug: String,
}

impl NewStoryDialog {
    pub fn new(templates: Vec<Template>, sections: Vec<String>, section: Option<String>) -> Self {
        NewStoryDialog {
            templates,
            sections,
            template: 0,
            section: section.unwrap_or_default(),
            headline: String::new(),
            slug: String::new(),
        }
    }

    /// Draw the dialog. Returns the choice once made.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<NewStoryChoice> {
        let mut choice = None;
        let response = egui::Modal::new(egui::Id::unique("copydesk-new-story")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading("New story from a template");
            if self.templates.is_empty() {
                ui.label(
                    "This desk has no templates: put story files in its templates/ folder \
                     (“Court report”, “Obituary”…).",
                );
                if ui.button("Cancel").clicked() {
                    choice = Some(NewStoryChoice::Cancel);
                }
                return;
            }
            egui::Grid::new("new-story-grid")
                .num_columns(2)
                .show(ui, |ui| {
                    let label = ui.label("Template");
                    let shown = self.templates[self.template].name.clone();
                    egui::ComboBox::from_id_salt("new-story-template")
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            for (i, t) in self.templates.iter().enumerate() {
                                ui.selectable_value(&mut self.template, i, &t.name);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();

                    let label = ui.label("Section");
                    let shown = if self.section.is_empty() {
                        "(top)".to_owned()
                    } else {
                        self.section.clone()
                    };
                    egui::ComboBox::from_id_salt("new-story-section")
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut self.section, String::new(), "(top)");
                            for s in self.sections.iter().filter(|s| !s.is_empty()) {
                                ui.selectable_value(&mut self.section, s.clone(), s);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();

                    let label = ui.label("Headline");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.headline)
                            .id_salt("new-story-headline")
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();

                    let label = ui.label("Slug");
                    let proposed = template::slugify(&self.headline);
                    ui.add(
                        egui::TextEdit::singleline(&mut self.slug)
                            .id_salt("new-story-slug")
                            .hint_text(proposed)
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                });
            ui.label(
                RichText::new(
                    "The slug is proposed from the headline; type one to use it instead.",
                )
                .weak(),
            );
            ui.horizontal(|ui| {
                if ui.button("Create").clicked() {
                    let slug = self.slug.trim();
                    choice = Some(NewStoryChoice::Create {
                        template: self.templates[self.template].name.clone(),
                        section: self.section.clone(),
                        headline: self.headline.trim().to_owned(),
                        slug: (!slug.is_empty()).then(|| slug.to_owned()),
                    });
                }
                if ui.button("Cancel").clicked() {
                    choice = Some(NewStoryChoice::Cancel);
                }
            });
        });
        if choice.is_none() && response.should_close() {
            choice = Some(NewStoryChoice::Cancel);
        }
        choice
    }
}
