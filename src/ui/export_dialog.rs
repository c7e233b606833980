//! The Export window: pick a format, see a live preview of the exact output, then
//! save it to a file or copy it. The output comes from the core's `export`; this
//! window only caches it until the story or the format changes.

use egui::{RichText, TextEdit, Ui};

use crate::export::{self, Format};
use crate::story::{Fields, Status, Story};

/// What the user asked the Export window for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportAction {
    /// Save the output of this format to a file (the app asks where).
    Save(Format, String),
    /// Put this output on the clipboard.
    Copy(Format, String),
    /// Put the story on the clipboard as rich text: HTML, with plain text for
    /// programs that take no HTML.
    CopyRich { html: String, text: String },
}

struct Preview {
    format: Format,
    fields: Fields,
    status: Status,
    output: Result<String, String>,
}

/// The Export window's state.
pub struct ExportDialog {
    pub format: Format,
    preview: Option<Preview>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        ExportDialog {
            format: Format::Txt,
            preview: None,
        }
    }
}

impl ExportDialog {
    /// The output for the current format, recomputed only when the story's text,
    /// its status or the format changed since the last call.
    pub fn output(&mut self, story: &Story) -> &Result<String, String> {
        let stale = self.preview.as_ref().is_none_or(|p| {
            p.format != self.format || p.status != story.status || p.fields != story.fields
        });
        if stale {
            self.preview = Some(Preview {
                format: self.format,
                fields: story.fields.clone(),
                status: story.status,
                output: export::export(story, self.format).map_err(|e| e.to_string()),
            });
        }
        match &self.preview {
            Some(preview) => &preview.output,
            None => unreachable!("the preview was just filled"),
        }
    }

    /// Draw the window's contents. Returns what the user asked for, if anything.
    pub fn ui(&mut self, ui: &mut Ui, story: &Story) -> Option<ExportAction> {
        let mut action = None;
        let mut rich = false;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Format").strong());
            for format in Format::ALL {
                ui.selectable_value(&mut self.format, format, format.label());
            }
        });
        ui.add_space(4.0);
        let format = self.format;
        match self.output(story) {
            Ok(text) => {
                ui.horizontal(|ui| {
                    if ui
                        .button(format!("Save as .{}…", format.extension()))
                        .on_hover_text("Write this output to a file")
                        .clicked()
                    {
                        action = Some(ExportAction::Save(format, text.clone()));
                    }
                    if ui
                        .button("Copy to clipboard")
                        .on_hover_text("Copy this output as text")
                        .clicked()
                    {
                        action = Some(ExportAction::Copy(format, text.clone()));
                    }
                    if ui
                        .button("Copy as rich text")
                        .on_hover_text(
                            "Copy the story as HTML (with a plain-text alternative), \
                             for pasting into an email or a CMS",
                        )
                        .clicked()
                    {
                        rich = true;
                    }
                    ui.label(
                        RichText::new(format!("{} · {} bytes", format.mime(), text.len())).weak(),
                    );
                });
                let label = ui.label(RichText::new("Preview").strong());
                egui::ScrollArea::vertical()
                    .id_salt("export-preview")
                    .max_height(ui.available_height().max(120.0))
                    .show(ui, |ui| {
                        ui.add(
                            TextEdit::multiline(&mut text.as_str())
                                .id_salt("export-preview-text")
                                .code_editor()
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                    });
            }
            Err(err) => {
                ui.label(RichText::new(format!("This story cannot be exported: {err}")).strong());
            }
        }
        if rich
            && let (Ok(html), Ok(text)) = (
                export::export(story, Format::Html),
                export::export(story, Format::Txt),
            )
        {
            action = Some(ExportAction::CopyRich { html, text });
        }
        action
    }
}
