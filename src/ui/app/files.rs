//! Opening, saving, importing and exporting files, and the desk; dropped
//! files; a file changed by someone else, noticed when the window regains focus.

#[allow(unused_imports)]
use super::*;

impl CopydeskApp {
    /// Open the story file `path` in a tab of its own, or show its tab when
    /// it is open already.
    pub(super) fn open_path(&mut self, path: &Path) {
        if let Some(tab) = self.tab_of(path) {
            self.switch_tab(tab);
            self.view = View::Editor;
            return;
        }
        match store::load_hashed(path) {
            Ok((story, hash)) => {
                let mut doc = Document::from_file(story, path.to_owned());
                doc.disk_hash = Some(hash);
                self.open_in_tab(doc);
                self.settings.remember(path);
                self.info(format!("Opened {}", path.display()));
            }
            Err(err) => self.error(err.to_string()),
        }
    }

    /// Read the story on screen again from `path` (reload, reopen after
    /// archiving), in its own tab.
    pub(super) fn replace_with_file(&mut self, path: &Path) {
        match store::load_hashed(path) {
            Ok((story, hash)) => {
                self.doc = Document::from_file(story, path.to_owned());
                self.undo.clear();
                self.doc.disk_hash = Some(hash);
                self.view = View::Editor;
                self.settings.remember(path);
                self.info(format!("Opened {}", path.display()));
            }
            Err(err) => self.error(err.to_string()),
        }
    }

    /// Open the folder `root` as a desk and show its table. The index is read
    /// (or built) on its own thread; the table shows progress meanwhile.
    pub(super) fn open_desk(&mut self, root: &Path) {
        if !root.is_dir() {
            return self.error(format!(
                "{}: not a folder (a desk is a folder of stories)",
                root.display()
            ));
        }
        let locks = self.settings.lock_settings();
        let settings = crate::desk::DeskSettings {
            checks: self.settings.checks.clone(),
            user: locks.user,
            stale_after: locks.stale_after,
        };
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
        self.desk = Some(DeskView::open(&self.ctx, &root, settings));
        self.settings.last_desk = Some(root);
        self.view = View::Desk;
    }

    /// A story's status was changed from the desk table: say so, and when it
    /// is the story on screen (with nothing unsaved), read it again.
    pub(super) fn status_changed(&mut self, path: &Path) {
        let same = self
            .doc
            .path
            .as_deref()
            .is_some_and(|p| std::fs::canonicalize(p).ok() == std::fs::canonicalize(path).ok());
        if same && !self.doc.is_dirty() {
            let view = std::mem::replace(&mut self.view, View::Editor);
            self.replace_with_file(path);
            self.view = view;
        }
        let status = store::load(path).map(|s| s.status.label());
        match status {
            Ok(label) => self.info(format!("{}: status is now {label}", path.display())),
            Err(err) => self.error(err.to_string()),
        }
    }

    /// Open the story's draft archive, once the story's changes are saved.
    pub(super) fn open_archive(&mut self, archive: &Path) {
        if self.doc.is_dirty() {
            return self.info("Save the story first: the archive opens in its place".into());
        }
        self.open_path(archive);
    }

    /// Move the story's older drafts to its archive (the file is saved and
    /// unchanged on screen first), then reopen it.
    pub(super) fn archive_older(&mut self) {
        let Some(path) = self.doc.path.clone().filter(|_| !self.doc.is_dirty()) else {
            return self.info("Save the story first, then archive its older drafts".into());
        };
        let keep = crate::ui::history::ARCHIVE_KEEP;
        match store::archive_drafts(&path, keep) {
            Ok(done) => {
                self.replace_with_file(&path);
                self.info(format!(
                    "Moved {} drafts to {}; the newest {keep} stay in the story",
                    done.moved,
                    done.archive.display()
                ));
            }
            Err(err) => self.error(err.to_string()),
        }
    }

    pub(super) fn save(&mut self, then: Option<Then>, label: Option<String>) {
        match self.doc.path.clone() {
            Some(path) => self.write_to(path, then, label),
            None => self.save_as(then, label),
        }
    }

    pub(super) fn save_as(&mut self, then: Option<Then>, label: Option<String>) {
        let name = format!("{}.ron", self.doc.story.file_stem());
        let request = self.request("Save story", dialogs::STORY, Some(name));
        let purpose = PathPurpose::Save(label.clone());
        if let Some(path) = self.pick(true, &request, purpose, then.clone()) {
            self.write_to(dialogs::with_extension(path, "ron"), then, label);
        }
    }

    /// Read copy from `path` (any format import reads) and show where every
    /// line goes; the story is made when the user says Create (see
    /// [`Self::import_review_window`]).
    pub(super) fn import_path(&mut self, path: &Path) {
        let (kind, imported) = match import::import_file(path, &import::ImportOptions::default()) {
            Ok(done) => done,
            Err(err) => return self.error(err.to_string()),
        };
        let name = path.file_name().map_or(path.as_os_str(), |n| n);
        let what = format!("{} as {}", name.to_string_lossy(), kind.label());
        self.import_review = Some(ImportReview::new(Source::File(what), imported));
    }

    /// Ask where to write an export, then write it.
    pub(super) fn export_to_file(&mut self, format: Format, output: String) {
        let name = format.suggested_file_name(&self.doc.story);
        let filter = export_filter(format);
        let request = self.request(&format!("Export as {}", format.label()), filter, Some(name));
        let purpose = PathPurpose::Export(format, output.clone());
        if let Some(path) = self.pick(true, &request, purpose, None) {
            self.write_export(&dialogs::with_extension(path, format.extension()), &output);
        }
    }

    pub(super) fn write_export(&mut self, path: &Path, output: &str) {
        match store::write_atomic(path, output.as_bytes()) {
            Ok(()) => self.info(format!("Exported to {}", path.display())),
            Err(err) => self.error(format!("{}: cannot export: {err}", path.display())),
        }
    }

    /// Save to `path`, keeping a changed text as a new draft; then go on with
    /// `then`. On failure nothing on disk changes, the text stays in the window,
    /// and `then` is dropped so no unsaved work is discarded.
    pub(super) fn write_to(&mut self, path: PathBuf, then: Option<Then>, label: Option<String>) {
        // Before writing over our own file, make sure nobody else changed it
        // (asked now, and checked again just before the rename).
        if let Err(err) = self.doc.check_conflict(&path) {
            return self.save_failed(err, path, then, label);
        }
        let expected = self.doc.expected_hash(&path);
        self.write_expecting(path, then, label, expected);
    }

    /// Save, replacing the file only while its fingerprint is `expected` (when
    /// given): a save someone else made meanwhile brings up the conflict.
    pub(super) fn write_expecting(
        &mut self,
        path: PathBuf,
        then: Option<Then>,
        label: Option<String>,
        expected: Option<u64>,
    ) {
        match self.doc.save_to(&path, label.clone(), expected) {
            Ok(saved) => {
                self.settings.remember(&path);
                match saved.size_warning {
                    Some(warning) => self.error(warning),
                    None => self.info(match saved.draft {
                        Some(n) => format!("Saved draft {n} to {}", path.display()),
                        None => format!("Saved {} (text unchanged, no new draft)", path.display()),
                    }),
                }
                if let Some(autosave) = &mut self.autosave
                    && let Some(err) = autosave.clear(&self.doc.recovery_key)
                {
                    self.error(err);
                }
                if let Some(then) = then {
                    self.proceed(then);
                }
            }
            Err(err) => self.save_failed(err, path, then, label),
        }
    }

    /// A save not made: the conflict prompt, or the error (the text stays).
    fn save_failed(
        &mut self,
        err: crate::document::SaveError,
        path: PathBuf,
        then: Option<Then>,
        label: Option<String>,
    ) {
        use crate::document::SaveError;
        match err {
            SaveError::Conflict { .. } => self.modal = Some(Modal::Conflict { path, then, label }),
            SaveError::Draft { .. } => self.error(err.to_string()),
            SaveError::Store(err) => {
                self.error(format!("{err}. Your text is still here, unsaved."))
            }
        }
    }

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        let Some(path) = dropped.into_iter().next() else {
            return;
        };
        if path.is_dir() {
            return self.open_desk(&path);
        }
        let is_story = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
        if is_story {
            self.queue.push(Command::OpenPath(path));
        } else if import::detect::importable_path(&path) {
            self.proceed(Then::ImportPath(path));
        } else {
            self.error(format!(
                "{}: not opened — drop a .ron story, or copy to import (.md .txt .xml .json .docx wire text)",
                path.display()
            ));
        }
    }

    /// When the window comes back into focus, look for changes to the file made
    /// by someone else: offer to reload when nothing is unsaved, warn otherwise.
    pub(super) fn check_disk_on_focus(&mut self, ctx: &egui::Context) {
        let focused = ctx.input(|i| i.focused);
        let regained = focused && !self.was_focused;
        self.was_focused = focused;
        if !regained || self.modal.is_some() {
            return;
        }
        if self.screenshot.is_none()
            && let Some(message) = self.doc.check_lock_taken()
        {
            self.error(message);
        }
        let (Some(path), Some(known)) = (self.doc.path.clone(), self.doc.disk_hash) else {
            return;
        };
        if let Ok(Some(now)) = store::file_hash(&path)
            && now != known
        {
            if self.doc.is_dirty() {
                self.error(format!(
                    "{} was changed by someone else. Save will ask before overwriting it.",
                    path.display()
                ));
            } else {
                self.modal = Some(Modal::Reload { path });
            }
        }
    }
}
