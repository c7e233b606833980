//! The window's modal prompts: unsaved changes, a typed path when no file
//! dialog can be shown, recovered text, a conflict on save, an outside change,
//! a checkpoint name. Each returns the modal to keep showing, if any.

#[allow(unused_imports)]
use super::*;

impl CopydeskApp {
    pub(super) fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.take() else {
            return;
        };
        self.modal = match modal {
            Modal::Unsaved { then } => self.unsaved_modal(ctx, then),
            Modal::Checkpoint { label } => self.checkpoint_modal(ctx, label),
            Modal::Recover { found } => self.recover_modal(ctx, found),
            Modal::Conflict { path, then, label } => self.conflict_modal(ctx, path, then, label),
            Modal::UnsavedAll => self.unsaved_all_modal(ctx),
            Modal::Reload { path } => self.reload_modal(ctx, path),
            Modal::TypePath {
                purpose,
                text,
                then,
                confirm_replace,
            } => self.path_modal(ctx, purpose, text, then, confirm_replace),
        };
    }

    pub(super) fn unsaved_modal(&mut self, ctx: &egui::Context, then: Then) -> Option<Modal> {
        enum Choice {
            Save,
            Discard,
            Cancel,
        }
        let mut choice = None;
        let response = egui::Modal::new(Id::unique("copydesk-unsaved")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading("Save your changes?");
            ui.label(format!(
                "“{}” has changes that are not saved. Save them first?",
                self.doc.display_name()
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    choice = Some(Choice::Save);
                }
                if ui.button("Discard").clicked() {
                    choice = Some(Choice::Discard);
                }
                if ui.button("Cancel").clicked() {
                    choice = Some(Choice::Cancel);
                }
            });
        });
        if choice.is_none() && response.should_close() {
            choice = Some(Choice::Cancel);
        }
        match choice {
            None => Some(Modal::Unsaved { then }),
            Some(Choice::Cancel) => None,
            Some(Choice::Discard) => {
                if let Some(autosave) = &mut self.autosave {
                    let _ = autosave.clear(&self.doc.recovery_key);
                }
                self.proceed(then);
                self.modal.take()
            }
            Some(Choice::Save) => {
                self.save(Some(then), None);
                self.modal.take()
            }
        }
    }

    pub(super) fn path_modal(
        &mut self,
        ctx: &egui::Context,
        purpose: PathPurpose,
        mut text: String,
        then: Option<Then>,
        mut confirm_replace: bool,
    ) -> Option<Modal> {
        let mut go = false;
        let mut cancel = false;
        let response = egui::Modal::new(Id::unique("copydesk-type-path")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading(purpose.title());
            ui.label(
                "No file dialog could be shown on this desktop (no file-chooser portal \
                 and no zenity). Type the file's path instead.",
            );
            let label = ui.label("Path");
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .id_salt("typed-path")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if edit.changed() {
                confirm_replace = false;
            }
            if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                go = true;
            }
            if confirm_replace {
                ui.label(
                    RichText::new("A file already exists there. Press Save again to replace it.")
                        .color(theme::warn_text(ui)),
                );
            }
            ui.horizontal(|ui| {
                if ui.button(purpose.action()).clicked() {
                    go = true;
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
        if cancel || response.should_close() {
            return None;
        }
        let path = PathBuf::from(text.trim());
        if !go || path.as_os_str().is_empty() {
            return Some(Modal::TypePath {
                purpose,
                text,
                then,
                confirm_replace,
            });
        }
        let path = match &purpose {
            PathPurpose::Save(_) => dialogs::with_extension(path, "ron"),
            PathPurpose::Export(format, _) => dialogs::with_extension(path, format.extension()),
            PathPurpose::Open | PathPurpose::Import | PathPurpose::OpenDesk => path,
        };
        let replacing = purpose.writes() && path.exists() && Some(&path) != self.doc.path.as_ref();
        if replacing && !confirm_replace {
            return Some(Modal::TypePath {
                purpose,
                text,
                then,
                confirm_replace: true,
            });
        }
        match purpose {
            PathPurpose::Open => self.open_path(&path),
            PathPurpose::OpenDesk => self.open_desk(&path),
            PathPurpose::Import => self.import_path(&path),
            PathPurpose::Save(label) => self.write_to(path, then, label),
            PathPurpose::Export(_, output) => self.write_export(&path, &output),
        }
        self.modal.take()
    }

    pub(super) fn recover_modal(
        &mut self,
        ctx: &egui::Context,
        mut found: Vec<crate::recovery::Recovered>,
    ) -> Option<Modal> {
        enum Choice {
            Restore,
            Discard,
            Compare,
        }
        let first = found.first()?;
        let mut choice = None;
        let tz = jiff::tz::TimeZone::system();
        egui::Modal::new(Id::unique("copydesk-recover")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading("Unsaved text was recovered");
            let name = match &first.meta.path {
                Some(p) => p.display().to_string(),
                None => "a story that was never saved".to_owned(),
            };
            let headline = first.story.fields.headline.trim();
            ui.label(format!(
                "Copydesk kept a copy of {name}{} at {}, and it was not saved before Copydesk closed.",
                if headline.is_empty() {
                    String::new()
                } else {
                    format!(" (“{headline}”)")
                },
                crate::ui::history::local_time(first.meta.written, &tz)
            ));
            ui.label(format!(
                "{} words in the recovered body.",
                crate::story::word_count(&first.story.fields.body)
            ));
            if found.len() > 1 {
                ui.label(format!("{} more recovered stories follow.", found.len() - 1));
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui
                    .button("Restore")
                    .on_hover_text("Open the recovered text; Save keeps it")
                    .clicked()
                {
                    choice = Some(Choice::Restore);
                }
                if first.on_disk.is_some()
                    && ui
                        .button("Compare")
                        .on_hover_text("Restore it and compare it with the saved file")
                        .clicked()
                {
                    choice = Some(Choice::Compare);
                }
                if ui
                    .button("Discard")
                    .on_hover_text("Delete the recovered copy")
                    .clicked()
                {
                    choice = Some(Choice::Discard);
                }
            });
        });
        let Some(choice) = choice else {
            return Some(Modal::Recover { found });
        };
        let item = found.remove(0);
        match choice {
            Choice::Discard => {
                if let Some(autosave) = &mut self.autosave
                    && let Some(err) = autosave.clear(&item.key)
                {
                    self.error(err);
                }
            }
            Choice::Restore | Choice::Compare => {
                let compare = matches!(choice, Choice::Compare);
                let latest = item
                    .on_disk
                    .as_ref()
                    .and_then(|d| d.drafts.last())
                    .map(|d| d.number);
                self.open_in_tab(Document::recovered(item));
                self.undo.clear();
                self.view = View::Editor;
                if compare && let Some(n) = latest {
                    self.open_compare(Side::Draft(n));
                }
                self.info("Recovered text restored — Save keeps it".into());
                // Other recoveries wait until this story is dealt with.
                return None;
            }
        }
        (!found.is_empty()).then_some(Modal::Recover { found })
    }

    pub(super) fn conflict_modal(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        then: Option<Then>,
        label: Option<String>,
    ) -> Option<Modal> {
        enum Choice {
            Overwrite,
            Copy,
            Compare,
            Cancel,
        }
        let mut choice = None;
        let response = egui::Modal::new(Id::unique("copydesk-conflict")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading("The file changed on disk");
            ui.label(format!(
                "{} was changed by someone else (another Copydesk window, an editor \
                 or a script) since you opened or saved it.",
                path.display()
            ));
            ui.horizontal(|ui| {
                if ui
                    .button("Save mine, keep theirs as a draft")
                    .on_hover_text(
                        "Your text becomes the story's text; theirs is kept in its drafts \
                         (History shows and compares it)",
                    )
                    .clicked()
                {
                    choice = Some(Choice::Overwrite);
                }
                if ui
                    .button("Save as copy")
                    .on_hover_text("Keep both: save yours to a new file")
                    .clicked()
                {
                    choice = Some(Choice::Copy);
                }
                if ui
                    .button("Compare")
                    .on_hover_text("See their version beside yours")
                    .clicked()
                {
                    choice = Some(Choice::Compare);
                }
                if ui.button("Cancel").clicked() {
                    choice = Some(Choice::Cancel);
                }
            });
        });
        if choice.is_none() && response.should_close() {
            choice = Some(Choice::Cancel);
        }
        match choice {
            None => Some(Modal::Conflict { path, then, label }),
            Some(Choice::Cancel) => None,
            Some(Choice::Overwrite) => {
                // Theirs goes into the drafts first: both texts are kept.
                let (theirs, hash) = match store::load_hashed(&path) {
                    Ok(loaded) => loaded,
                    Err(err) => {
                        self.error(format!("{err}. Not saved; your text is still here."));
                        return None;
                    }
                };
                match crate::document::conflict::keep_theirs(&mut self.doc.story, &theirs) {
                    // Saved only over what was just read: a save made
                    // meanwhile asks again.
                    Ok(_) => self.write_expecting(path, then, label, Some(hash)),
                    Err(err) => self.error(format!("{}: not saved: {err}", path.display())),
                }
                self.modal.take()
            }
            Some(Choice::Copy) => {
                self.save_as(then, label);
                self.modal.take()
            }
            Some(Choice::Compare) => {
                match store::load(&path) {
                    Ok(theirs) => {
                        let view = CompareView::new(Side::OnDisk, Side::Current)
                            .with_on_disk(theirs.fields);
                        self.view = View::Compare(Box::new(view));
                    }
                    Err(err) => self.error(err.to_string()),
                }
                None
            }
        }
    }

    pub(super) fn reload_modal(&mut self, ctx: &egui::Context, path: PathBuf) -> Option<Modal> {
        let mut reload = None;
        let response = egui::Modal::new(Id::unique("copydesk-reload")).show(ctx, |ui| {
            ui.set_max_width(440.0);
            ui.heading("The file changed on disk");
            ui.label(format!(
                "{} was changed by someone else. You have no unsaved changes.",
                path.display()
            ));
            ui.horizontal(|ui| {
                if ui.button("Reload").clicked() {
                    reload = Some(true);
                }
                if ui.button("Keep this version").clicked() {
                    reload = Some(false);
                }
            });
        });
        if reload.is_none() && response.should_close() {
            // Escape keeps this version, as "Keep this version" does.
            reload = Some(false);
        }
        match reload {
            None => Some(Modal::Reload { path }),
            Some(true) => {
                self.replace_with_file(&path);
                None
            }
            Some(false) => {
                // Keep ours; Save will still ask before overwriting theirs.
                None
            }
        }
    }

    pub(super) fn checkpoint_modal(
        &mut self,
        ctx: &egui::Context,
        mut label: String,
    ) -> Option<Modal> {
        let mut go = false;
        let mut cancel = false;
        let response = egui::Modal::new(Id::unique("copydesk-checkpoint")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading("Save as checkpoint");
            ui.label("Name this draft so it is easy to find in the history.");
            let name = ui.label("Checkpoint name");
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut label)
                        .id_salt("checkpoint-name")
                        .hint_text("Filed, Legal read, As published…")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(name.id);
            if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                go = true;
            }
            ui.horizontal(|ui| {
                if ui.button("Save checkpoint").clicked() {
                    go = true;
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
        if cancel || response.should_close() {
            return None;
        }
        if go && !label.trim().is_empty() {
            self.save(None, Some(label));
            return self.modal.take();
        }
        Some(Modal::Checkpoint { label })
    }
}
