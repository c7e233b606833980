//! What the window's modal prompts do: unsaved changes, a typed path when no
//! file dialog can be shown, recovered text, a conflict on save, an outside
//! change, a checkpoint name. Each prompt is drawn by `ui::prompts`, which
//! returns the user's answer; here the answer is carried out. Each returns the
//! modal to keep showing, if any.

#[allow(unused_imports)]
use super::*;
use crate::ui::prompts::{self, ConflictAnswer, RecoverAnswer, SaveAnswer, TextAnswer};

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
        match prompts::unsaved(ctx, &self.doc.display_name()) {
            None => Some(Modal::Unsaved { then }),
            Some(SaveAnswer::Cancel) => None,
            Some(SaveAnswer::Discard) => {
                if let Some(autosave) = &mut self.autosave {
                    let _ = autosave.clear(&self.doc.recovery_key);
                }
                self.proceed(then);
                self.modal.take()
            }
            Some(SaveAnswer::Save) => {
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
        let answer = prompts::typed_path(
            ctx,
            purpose.title(),
            purpose.action(),
            &mut text,
            &mut confirm_replace,
        );
        if answer == Some(TextAnswer::Cancel) {
            return None;
        }
        let path = PathBuf::from(text.trim());
        if answer.is_none() || path.as_os_str().is_empty() {
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
        let first = found.first()?;
        let Some(answer) = prompts::recover(ctx, first, found.len() - 1) else {
            return Some(Modal::Recover { found });
        };
        let item = found.remove(0);
        match answer {
            RecoverAnswer::Discard => {
                if let Some(autosave) = &mut self.autosave
                    && let Some(err) = autosave.clear(&item.key)
                {
                    self.error(err);
                }
            }
            RecoverAnswer::Restore | RecoverAnswer::Compare => {
                let latest = item
                    .on_disk
                    .as_ref()
                    .and_then(|d| d.drafts.last())
                    .map(|d| d.number);
                self.open_in_tab(Document::recovered(item));
                self.undo.clear();
                self.view = View::Editor;
                if answer == RecoverAnswer::Compare
                    && let Some(n) = latest
                {
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
        match prompts::conflict(ctx, &path) {
            None => Some(Modal::Conflict { path, then, label }),
            Some(ConflictAnswer::Cancel) => None,
            Some(ConflictAnswer::SaveMine) => {
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
            Some(ConflictAnswer::SaveAsCopy) => {
                self.save_as(then, label);
                self.modal.take()
            }
            Some(ConflictAnswer::Compare) => {
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
        match prompts::reload(ctx, &path) {
            None => Some(Modal::Reload { path }),
            Some(true) => {
                self.replace_with_file(&path);
                None
            }
            // Keep ours; Save will still ask before overwriting theirs.
            Some(false) => None,
        }
    }

    pub(super) fn checkpoint_modal(
        &mut self,
        ctx: &egui::Context,
        mut label: String,
    ) -> Option<Modal> {
        match prompts::checkpoint(ctx, &mut label) {
            None => Some(Modal::Checkpoint { label }),
            Some(TextAnswer::Cancel) => None,
            Some(TextAnswer::Go) => {
                self.save(None, Some(label));
                self.modal.take()
            }
        }
    }
}
