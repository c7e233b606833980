//! The central area (the editor, a compare or the desk) and the windows
//! beside it: Export, and the import review (also offered when a whole
//! story is pasted into an empty one).

#[allow(unused_imports)]
use super::*;

impl CopydeskApp {
    pub(super) fn export_window(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.export else {
            return;
        };
        let mut open = true;
        let mut action = None;
        egui::Window::new("Export")
            .open(&mut open)
            .default_size([680.0, 560.0])
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .collapsible(false)
            .show(ctx, |ui| action = dialog.ui(ui, &self.doc.story));
        if !open {
            self.export = None;
        }
        match action {
            Some(ExportAction::Copy(format, text)) => {
                ctx.copy_text(text);
                self.info(format!(
                    "Copied the {} export to the clipboard",
                    format.label()
                ));
            }
            Some(ExportAction::Save(format, text)) => self.export_to_file(format, text),
            Some(ExportAction::CopyRich { html, text }) => self.copy_rich(ctx, html, text),
            None => {}
        }
    }

    /// Copy HTML with a plain-text alternative; where the desktop's clipboard
    /// takes no HTML (or there is none), copy the plain text and say so.
    pub(super) fn copy_rich(&mut self, ctx: &egui::Context, html: String, text: String) {
        if self.rich_clipboard.is_none() {
            self.rich_clipboard = arboard::Clipboard::new().ok();
        }
        let copied = self.rich_clipboard.as_mut().is_some_and(|clipboard| {
            clipboard
                .set_html(html.as_str(), Some(text.as_str()))
                .is_ok()
        });
        if copied {
            self.info("Copied the story as rich text (HTML, with plain text)".into());
        } else {
            ctx.copy_text(text);
            self.info(
                "This desktop's clipboard takes no HTML here: copied plain text instead".into(),
            );
        }
    }

    /// Pasting a whole story into an empty story offers to import it.
    pub(super) fn offer_import_of_paste(&mut self, ctx: &egui::Context) {
        if self.modal.is_some()
            || self.import_review.is_some()
            || !matches!(self.view, View::Editor)
            || !self.doc.story.fields.is_empty()
        {
            return;
        }
        let focused = ctx.memory(|m| m.focused());
        let Some(field) = Field::ALL
            .into_iter()
            .find(|f| Some(editor::field_id(*f)) == focused)
        else {
            return;
        };
        if let Some(text) = import_review::take_story_paste(ctx) {
            self.import_review = Some(ImportReview::of_paste(text, field));
        }
    }

    pub(super) fn import_review_window(&mut self, ctx: &egui::Context) {
        let Some(review) = &mut self.import_review else {
            return;
        };
        let Some(action) = review.show(ctx) else {
            return;
        };
        let source = match self.import_review.take() {
            Some(review) => review.into_source(),
            None => return,
        };
        match (action, source) {
            (ReviewAction::Create(fields), Source::File(what)) => {
                self.open_in_tab(Document::imported(fields));
                self.undo.clear();
                self.view = View::Editor;
                self.info(format!(
                    "Imported {what} — not saved yet; Save keeps it as a story"
                ));
            }
            (ReviewAction::Create(fields), Source::Paste { .. }) => {
                self.set_fields(fields.normalized());
                self.info("Pasted story imported into the fields".into());
            }
            (ReviewAction::PasteAsTyped { text, field }, _) => {
                let mut fields = self.doc.story.fields.clone();
                *fields.get_mut(field) = text;
                self.set_fields(fields.normalized());
            }
            (ReviewAction::Cancel, _) => {}
        }
    }

    /// The central area: the editor, a draft read-only, or the compare.
    pub(super) fn central(&mut self, ui: &mut egui::Ui) {
        let unsaved = if matches!(self.view, View::Desk) {
            self.unsaved_paths()
        } else {
            Vec::new()
        };
        match &mut self.view {
            View::Editor => {
                let speller = self.speller.clone();
                let suggest = move |word: &str| {
                    speller
                        .as_ref()
                        .map(|s| s.suggest(word))
                        .unwrap_or_default()
                };
                let reveal = self.marking.reveal.take();
                let overlay = editor::Overlay {
                    marks: Some(self.marking.marks()),
                    reveal: reveal.as_ref(),
                    suggest: Some(&suggest),
                };
                if let Some(holder) = self.doc.read_only_by()
                    && crate::ui::lock_bar::show(ui, holder)
                {
                    self.queue.push(Command::TakeOver);
                }
                let editable = !self.doc.is_read_only();
                let out = ui
                    .add_enabled_ui(editable, |ui| {
                        editor::show(
                            ui,
                            &mut self.doc.story.fields,
                            &mut self.doc.story.status,
                            &self.settings.limits,
                            &self.doc.body_counts,
                            &overlay,
                        )
                    })
                    .inner;
                if let Some(word) = out.word {
                    self.word_action(word);
                }
                if out.body_changed {
                    self.doc.body_counts = BodyCounts::of(&self.doc.story.fields.body);
                }
                if out.changed {
                    self.doc.touch();
                }
            }
            View::Draft(n) => {
                let n = *n;
                match crate::ui::history::draft_ui(ui, &self.doc.story, n) {
                    Some(crate::ui::history::DraftAction::Back) => self.view = View::Editor,
                    Some(crate::ui::history::DraftAction::Compare) => {
                        self.open_compare(Side::Draft(n))
                    }
                    Some(crate::ui::history::DraftAction::Restore(field)) => self.restore(n, field),
                    None => {}
                }
            }
            View::Desk => {
                let Some(desk) = &mut self.desk else {
                    self.view = View::Editor;
                    return;
                };
                let action = desk.ui(ui, &unsaved);
                let failure = desk.failure().map(str::to_owned);
                match action {
                    // A prompt is up (unsaved changes): the table waits.
                    _ if self.modal.is_some() => {}
                    Some(DeskAction::Open(path)) => self.queue.push(Command::OpenPath(path)),
                    Some(DeskAction::Close) => self.view = View::Editor,
                    Some(DeskAction::StatusChanged(path)) => self.status_changed(&path),
                    Some(DeskAction::Message { error: true, text }) => self.error(text),
                    Some(DeskAction::Message { error: false, text }) => self.info(text),
                    None => {}
                }
                if let Some(why) = failure {
                    self.desk = None;
                    self.settings.last_desk = None;
                    self.view = View::Editor;
                    self.error(why);
                }
            }
            View::Compare(view) => {
                match view.ui(ui, &self.doc.story, &self.settings.limits) {
                    Some(CompareAction::Close) => self.view = View::Editor,
                    // A take-back applies only to the text the diff was made
                    // against; if the text moved on, the next frame re-diffs.
                    Some(CompareAction::RevertChange(diff, id))
                        if diff.new == self.doc.story.fields =>
                    {
                        if let Some(fields) = compare::revert_change(&diff, id) {
                            self.set_fields(fields);
                            self.info("Took back one change — Save keeps it as a new draft".into());
                        }
                    }
                    Some(CompareAction::RevertField(diff, field))
                        if diff.new == self.doc.story.fields =>
                    {
                        self.set_fields(compare::revert_field(&diff, field));
                        self.info(format!(
                            "Restored the {} — Save keeps it as a new draft",
                            field.label().to_lowercase()
                        ));
                    }
                    Some(CompareAction::RevertChange(..) | CompareAction::RevertField(..)) => {}
                    None => {}
                }
            }
        }
    }
}
