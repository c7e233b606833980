//! The frame loop: reads shortcuts and dropped files into commands, draws the
//! panels, runs the queued commands once per frame, and guards unsaved work.
//! All story logic (drafts, counts, files) is the core's; this only drives it.

use std::path::{Path, PathBuf};

use egui::{Align, Color32, Id, Layout, RichText, ViewportCommand};
use serde::{Deserialize, Serialize};

use crate::compare;
use crate::export::Format;
use crate::import;
use crate::store;
use crate::story::Field;
use crate::story::{BodyCounts, Fields, Limits};
use crate::ui::autosave::Autosave;
use crate::ui::checks_panel::{ChecksAction, ChecksPanel};
use crate::ui::commands::{Command, Menu};
use crate::ui::compare_view::{CompareAction, CompareView, Side};
use crate::ui::desk_view::{DeskAction, DeskView};
use crate::ui::dialogs::{self, FileDialogs, Filter, NativeDialogs, Picked, Request};
use crate::ui::editor;
use crate::ui::export_dialog::{ExportAction, ExportDialog};
use crate::ui::history::{History, HistoryAction};
use crate::ui::import_review::{self, ImportReview, ReviewAction, Source};
use crate::ui::theme;

/// Copy that can be imported.
const IMPORTABLE: Filter = Filter {
    name: "Copy: Markdown, text, NITF, NewsML, ninjs, Word, wire",
    extensions: import::detect::EXTENSIONS,
};

/// The key under which settings are kept in eframe's storage.
pub const SETTINGS_KEY: &str = "copydesk.settings";
const MAX_RECENT: usize = 10;
/// Info messages fade after this many seconds; errors stay until dismissed.
const INFO_SECONDS: f64 = 6.0;

/// What persists between runs (never a story: stories live only in their files).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub limits: Limits,
    pub recent: Vec<PathBuf>,
    /// The copy-desk checks' settings (their limits follow `limits`).
    pub checks: crate::checks::CheckSettings,
    /// Spelling on or off, and the default dictionary.
    pub spelling: crate::spell::SpellSettings,
    /// The desk open when Copydesk last closed; it opens again at start.
    pub last_desk: Option<PathBuf>,
    /// The editor's name, written in story locks and desk decisions (empty:
    /// the login name).
    pub editor_name: String,
    /// Hours after which anyone's story lock is stale (`None`: 12).
    pub stale_lock_hours: Option<u32>,
}

impl Settings {
    /// The editor's name and lock lifetime, for story locks.
    pub fn lock_settings(&self) -> crate::document::LockSettings {
        let defaults = crate::desk::DeskSettings::default();
        let user = match self.editor_name.trim() {
            "" => defaults.user,
            name => name.to_owned(),
        };
        let stale_after = self.stale_lock_hours.map_or(defaults.stale_after, |h| {
            jiff::SignedDuration::from_hours(i64::from(h))
        });
        crate::document::LockSettings { user, stale_after }
    }

    fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

pub use crate::document::Document;

mod chrome;
mod edits;
mod files;
mod modals;
mod tabs;
mod views;

/// What the central area shows.
pub enum View {
    Editor,
    /// A saved draft, read-only.
    Draft(u32),
    Compare(Box<CompareView>),
    /// The open desk's table of stories.
    Desk,
}

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Then {
    New,
    /// Close the story on screen (its tab).
    CloseTab,
    Open,
    OpenPath(PathBuf),
    Import,
    ImportPath(PathBuf),
    Quit,
}

/// What a typed path (when no file dialog could be shown) is for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum PathPurpose {
    Open,
    /// Save the story, with an optional checkpoint label.
    Save(Option<String>),
    Import,
    Export(Format, String),
    /// A folder to open as a desk.
    OpenDesk,
}

impl PathPurpose {
    fn title(&self) -> &'static str {
        match self {
            PathPurpose::Open => "Open story",
            PathPurpose::Save(_) => "Save story",
            PathPurpose::Import => "Import copy",
            PathPurpose::Export(..) => "Export",
            PathPurpose::OpenDesk => "Open desk",
        }
    }

    fn action(&self) -> &'static str {
        match self {
            PathPurpose::Open | PathPurpose::OpenDesk => "Open",
            PathPurpose::Save(_) | PathPurpose::Export(..) => "Save",
            PathPurpose::Import => "Import",
        }
    }

    fn writes(&self) -> bool {
        matches!(self, PathPurpose::Save(_) | PathPurpose::Export(..))
    }
}

enum Modal {
    /// Save / Discard / Cancel before `then`.
    Unsaved { then: Then },
    /// Closing the window with several unsaved stories: one prompt listing
    /// them (Save all / Discard all / Cancel).
    UnsavedAll,
    /// Name a checkpoint, then save.
    Checkpoint { label: String },
    /// Recovery copies from an earlier run: Restore / Discard / Compare.
    Recover {
        found: Vec<crate::recovery::Recovered>,
    },
    /// The file changed on disk since it was opened or saved.
    Conflict {
        path: PathBuf,
        then: Option<Then>,
        label: Option<String>,
    },
    /// The file changed on disk and there are no local edits: reload it?
    Reload { path: PathBuf },
    /// No file dialog could be shown: type a path.
    TypePath {
        purpose: PathPurpose,
        text: String,
        then: Option<Then>,
        confirm_replace: bool,
    },
}

struct Banner {
    error: bool,
    text: String,
    since: f64,
}

/// The Copydesk window.
pub struct CopydeskApp {
    ctx: egui::Context,
    pub doc: Document,
    pub settings: Settings,
    dialogs: Box<dyn FileDialogs>,
    queue: Vec<Command>,
    modal: Option<Modal>,
    banners: Vec<Banner>,
    show_settings: bool,
    show_history: bool,
    history: History,
    /// What the central area shows.
    pub view: View,
    export: Option<ExportDialog>,
    import_review: Option<ImportReview>,
    allow_close: bool,
    title: String,
    /// Whether settings are written back to eframe's storage (not for screenshots).
    pub persist: bool,
    pub(crate) screenshot: Option<crate::ui::ScreenshotJob>,
    autosave: Option<Autosave>,
    was_focused: bool,
    /// Whether a text field had the keyboard at the end of the last frame.
    was_typing: bool,
    /// The system clipboard for rich text (kept open: on X11 the copying
    /// program serves the clipboard for as long as it holds it).
    rich_clipboard: Option<arboard::Clipboard>,
    checks: ChecksPanel,
    show_checks: bool,
    pending_select: Option<(Field, std::ops::Range<usize>)>,
    /// Texts before app-level edits (fixes, take-backs, restores), newest last.
    undo: Vec<Fields>,
    /// Spelling, once [`Self::with_spelling`] gave it dictionaries.
    spelling: Option<crate::ui::spelling::Spelling>,
    /// The story's speller this frame (`None` while its dictionary loads).
    speller: Option<crate::spell::Speller>,
    /// The find bar and the editor's marks.
    pub marking: crate::ui::marking::Marking,
    /// The house-style rules for the story on screen.
    house_style: crate::ui::house_style::HouseStyle,
    /// The open desk, if any (shown when the view is [`View::Desk`]).
    pub desk: Option<DeskView>,
    /// The other open stories (tabs).
    tabs: tabs::Tabs,
    /// Closing the window after Save all: each unsaved story is saved in turn.
    saving_all: bool,
}

impl CopydeskApp {
    /// The app with the given document and settings, using native dialogs.
    pub fn new(ctx: &egui::Context, doc: Document, settings: Settings) -> Self {
        theme::apply(ctx);
        CopydeskApp {
            ctx: ctx.clone(),
            doc,
            settings,
            dialogs: Box::new(NativeDialogs),
            queue: Vec::new(),
            modal: None,
            banners: Vec::new(),
            show_settings: false,
            show_history: false,
            history: History::default(),
            view: View::Editor,
            export: None,
            import_review: None,
            allow_close: false,
            title: String::new(),
            persist: true,
            screenshot: None,
            autosave: None,
            was_focused: true,
            was_typing: false,
            rich_clipboard: None,
            checks: ChecksPanel::new(),
            show_checks: true,
            pending_select: None,
            undo: Vec::new(),
            spelling: None,
            speller: None,
            marking: crate::ui::marking::Marking::new(),
            house_style: crate::ui::house_style::HouseStyle::new(),
            desk: None,
            tabs: tabs::Tabs::default(),
            saving_all: false,
        }
    }

    /// Open `file` if given (the sample story if not). A file that fails to load
    /// leaves an untitled story and an error message, never the broken file's path.
    /// A folder opens as a desk (with an untitled story behind it); with
    /// nothing given, the last desk opens again when there was one.
    pub fn open_at_start(ctx: &egui::Context, file: Option<&Path>, settings: Settings) -> Self {
        let desk = match file {
            Some(path) if path.is_dir() => Some(path.to_owned()),
            Some(_) => None,
            None => settings.last_desk.clone().filter(|p| p.is_dir()),
        };
        if let Some(root) = desk {
            let mut app = Self::new(ctx, Document::untitled(), settings);
            app.open_desk(&root);
            return app;
        }
        let mut app = match file {
            None => Self::new(ctx, Document::sample(), settings),
            Some(path) => match store::load_hashed(path) {
                Ok((story, hash)) => {
                    let mut settings = settings;
                    settings.remember(path);
                    let mut doc = Document::from_file(story, path.to_owned());
                    doc.disk_hash = Some(hash);
                    Self::new(ctx, doc, settings)
                }
                Err(err) => {
                    let mut app = Self::new(ctx, Document::untitled(), settings);
                    app.error(err.to_string());
                    app
                }
            },
        };
        app.title = String::new();
        app
    }

    /// Keep recovery copies of unsaved text in `dir`, and offer the ones found
    /// there from an earlier run (Restore / Discard / Compare).
    pub fn with_recovery(mut self, dir: PathBuf) -> Self {
        let found = crate::recovery::pending(&dir);
        self.autosave = Some(Autosave::new(dir));
        if !found.is_empty() {
            self.modal = Some(Modal::Recover { found });
        }
        self
    }

    /// Spell with the dictionaries of `library` (loading in the background:
    /// nothing waits for them).
    pub fn with_spelling(mut self, library: std::sync::Arc<crate::spell::Library>) -> Self {
        self.spelling = Some(crate::ui::spelling::Spelling::new(library));
        self
    }

    /// Use other file dialogs (tests use scripted ones).
    pub fn with_dialogs(mut self, dialogs: Box<dyn FileDialogs>) -> Self {
        self.dialogs = dialogs;
        self
    }

    /// Queue a command to run at the end of this frame.
    pub fn queue(&mut self, command: Command) {
        self.queue.push(command);
    }

    /// The messages currently shown (errors first), for tests and the status line.
    pub fn messages(&self) -> impl Iterator<Item = (bool, &str)> {
        self.banners.iter().map(|b| (b.error, b.text.as_str()))
    }

    fn error(&mut self, text: String) {
        let since = self.ctx.input(|i| i.time);
        self.banners.push(Banner {
            error: true,
            text,
            since,
        });
    }

    fn info(&mut self, text: String) {
        let since = self.ctx.input(|i| i.time);
        self.banners.retain(|b| b.error);
        self.banners.push(Banner {
            error: false,
            text,
            since,
        });
    }

    // ---- commands ------------------------------------------------------------

    fn execute(&mut self, command: Command) {
        match command {
            // A story opens in a tab of its own: nothing on screen is replaced.
            Command::New => self.proceed(Then::New),
            Command::Open => self.proceed(Then::Open),
            Command::OpenDesk => {
                let request = Request {
                    title: "Open desk (a folder of stories)".into(),
                    start_dir: self
                        .settings
                        .last_desk
                        .clone()
                        .or_else(|| dialogs::folder_of(self.doc.path.as_deref())),
                    filter: dialogs::STORY,
                    file_name: None,
                };
                match self.dialogs.pick_folder(&request) {
                    Picked::Path(path) => self.open_desk(&path),
                    Picked::Cancelled => {}
                    Picked::Unavailable => {
                        let text = request
                            .start_dir
                            .map(|d| d.display().to_string())
                            .unwrap_or_default();
                        self.modal = Some(Modal::TypePath {
                            purpose: PathPurpose::OpenDesk,
                            text,
                            then: None,
                            confirm_replace: false,
                        });
                    }
                }
            }
            Command::Desk => {
                self.view = match (&self.view, &self.desk) {
                    (View::Desk, _) => View::Editor,
                    (_, Some(_)) => View::Desk,
                    (_, None) => {
                        self.info("No desk is open: File → Open Desk… (Ctrl+Shift+O)".into());
                        View::Editor
                    }
                }
            }
            Command::OpenPath(path) => self.proceed(Then::OpenPath(path)),
            Command::Quit => self.guard_quit(),
            Command::CloseTab => self.guard(Then::CloseTab),
            Command::NextTab => self.step_tab(true),
            Command::PreviousTab => self.step_tab(false),
            Command::Save => self.save(None, None),
            Command::SaveAs => self.save_as(None, None),
            Command::Checkpoint => {
                self.modal = Some(Modal::Checkpoint {
                    label: String::new(),
                })
            }
            Command::History => self.show_history = !self.show_history,
            Command::Compare => self.compare_latest(),
            Command::NextChange | Command::PreviousChange => {
                if let View::Compare(view) = &mut self.view {
                    view.step_change(command == Command::NextChange);
                }
            }
            Command::Import => self.proceed(Then::Import),
            Command::Export => {
                self.export = match self.export.take() {
                    Some(_) => None,
                    None => Some(ExportDialog::default()),
                }
            }
            Command::ClearRecent => self.settings.recent.clear(),
            Command::Settings => self.show_settings = !self.show_settings,
            Command::Checks => self.show_checks = !self.show_checks,
            Command::TakeOver => self.take_over(),
            Command::Find | Command::Replace => {
                self.view = View::Editor;
                self.marking.find.open(command == Command::Replace);
            }
            Command::UndoFix => match self.undo.pop() {
                Some(before) => {
                    self.doc.touch();
                    self.doc.story.fields = before;
                    self.doc.body_counts = BodyCounts::of(&self.doc.story.fields.body);
                    self.info("Took back the last fix".into());
                }
                None => self.info("No fix to take back".into()),
            },
        }
    }

    /// Ask Save / Discard / Cancel first when there are unsaved changes.
    fn guard(&mut self, then: Then) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved { then });
        } else {
            self.proceed(then);
        }
    }

    fn proceed(&mut self, then: Then) {
        match then {
            Then::New => self.open_in_tab(Document::untitled()),
            Then::CloseTab => self.close_tab_now(),
            Then::Open => {
                let request = self.request("Open story", dialogs::STORY, None);
                if let Some(path) = self.pick(false, &request, PathPurpose::Open, None) {
                    self.open_path(&path);
                }
            }
            Then::OpenPath(path) => self.open_path(&path),
            Then::Import => {
                let request = self.request("Import copy", IMPORTABLE, None);
                if let Some(path) = self.pick(false, &request, PathPurpose::Import, None) {
                    self.import_path(&path);
                }
            }
            Then::ImportPath(path) => self.import_path(&path),
            Then::Quit if self.saving_all => self.save_next_for_quit(),
            Then::Quit => {
                self.allow_close = true;
                self.release_all_locks();
                self.ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    fn request(&self, title: &str, filter: Filter, file_name: Option<String>) -> Request {
        let near = self.doc.path.as_ref().or(self.settings.recent.first());
        Request {
            title: title.to_owned(),
            start_dir: dialogs::folder_of(near.map(PathBuf::as_path)),
            filter,
            file_name,
        }
    }

    /// Show a file dialog. When none can be shown, open the typed-path prompt
    /// for `purpose` instead (and return `None`, as for Cancel).
    fn pick(
        &mut self,
        save: bool,
        request: &Request,
        purpose: PathPurpose,
        then: Option<Then>,
    ) -> Option<PathBuf> {
        let picked = if save {
            self.dialogs.pick_save(request)
        } else {
            self.dialogs.pick_open(request)
        };
        match picked {
            Picked::Path(path) => Some(path),
            Picked::Cancelled => None,
            Picked::Unavailable => {
                let text = match (&request.start_dir, &request.file_name) {
                    (Some(dir), Some(name)) => dir.join(name).display().to_string(),
                    (None, Some(name)) => name.clone(),
                    (Some(dir), None) => format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR),
                    (None, None) => String::new(),
                };
                self.modal = Some(Modal::TypePath {
                    purpose,
                    text,
                    then,
                    confirm_replace: false,
                });
                None
            }
        }
    }

    // ---- the frame -------------------------------------------------------------

    /// One frame of the whole window. Called by eframe, kittest and the benches.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.modal.is_none()
            && let Some(command) = Command::from_shortcuts(&ctx)
        {
            self.queue.push(command);
        }
        self.handle_escape(&ctx);
        self.sync_lock();
        self.handle_close_request(&ctx);
        self.handle_dropped_files(&ctx);
        self.refresh_speller(&ctx);
        self.offer_import_of_paste(&ctx);
        if let Some((field, chars)) = self.pending_select.take() {
            crate::ui::editor::select(&ctx, field, chars);
        }

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        self.tab_bar(ui);
        if self.marking.find.is_open() && matches!(self.view, View::Editor) {
            let mut action = None;
            egui::Panel::top("find").show(ui, |ui| {
                action = self
                    .marking
                    .find
                    .ui(ui, &self.doc.story.fields, self.doc.generation)
            });
            if let Some(action) = action {
                self.find_action(action);
            }
        }
        self.marking.update(
            &ctx,
            &self.doc.story,
            self.doc.generation,
            self.speller.as_ref(),
        );
        self.banners_ui(ui);
        egui::Panel::bottom("status").show(ui, |ui| self.status_line(ui));
        let show_history = self.show_history && !matches!(self.view, View::Desk);
        let sides = usize::from(show_history)
            + usize::from(self.show_checks && matches!(self.view, View::Editor));
        let width = ui.available_width();
        if show_history {
            let mut action = None;
            let selected = match self.view {
                View::Draft(n) => Some(n),
                _ => None,
            };
            let side = SideWidths::new(width, sides, 340.0);
            egui::Panel::left("history")
                .default_size(side.default)
                .size_range(side.min..=side.max)
                .show(ui, |ui| {
                    action =
                        self.history
                            .ui(ui, &self.doc.story, self.doc.path.as_deref(), selected)
                });
            match action {
                Some(HistoryAction::View(n)) => self.view = View::Draft(n),
                Some(HistoryAction::CompareWithCurrent(n)) => self.open_compare(Side::Draft(n)),
                Some(HistoryAction::OpenArchive(path)) => self.open_archive(&path),
                Some(HistoryAction::ArchiveOlder) => self.archive_older(),
                None => {}
            }
        }
        if self.show_checks && matches!(self.view, View::Editor) {
            if self.settings.checks.limits != self.settings.limits {
                self.settings.checks.limits = self.settings.limits.clone();
            }
            let mut action = None;
            let mut language = None;
            self.checks
                .set_speller(self.speller.clone(), self.marking.spell.shared());
            let (style, problem) = self.house_style.for_story(self.doc.path.as_deref());
            self.checks.set_style(Some(style));
            if let Some(problem) = problem {
                self.error(problem);
            }
            let side = SideWidths::new(width, sides, 330.0);
            egui::Panel::right("checks")
                .default_size(side.default)
                .size_range(side.min..=side.max)
                .show(ui, |ui| {
                    if let Some(spelling) = &self.spelling
                        && self.settings.spelling.enabled
                    {
                        language = crate::ui::spelling::language_picker(
                            ui,
                            self.doc.story.proofing.language.as_deref(),
                            &self.settings.spelling,
                            &spelling.languages,
                        );
                    }
                    action = self.checks.ui(ui, &self.doc.story, &self.settings.checks)
                });
            if let Some(language) = language {
                self.doc.story.proofing.language = language;
                self.doc.touch();
            }
            if let Some(action) = action {
                self.checks_action(&ctx, action);
            }
        }
        egui::CentralPanel::default().show(ui, |ui| self.central(ui));
        self.export_window(&ctx);
        self.import_review_window(&ctx);
        let drawn_modal = self.modal.as_ref().map(std::mem::discriminant);
        self.modal_ui(&ctx);
        self.settings_window(&ctx);
        self.drop_overlay(&ctx);

        for command in std::mem::take(&mut self.queue) {
            self.execute(command);
        }

        let mut title = self.doc.window_title();
        if matches!(self.modal, Some(Modal::Recover { .. })) {
            // Also for window lists and scripts: text is waiting to be restored.
            title = format!("Unsaved text recovered — {title}");
        }
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        self.check_disk_on_focus(&ctx);
        if let Some(autosave) = &mut self.autosave {
            let doc = &self.doc;
            let current = crate::ui::autosave::Current {
                key: &doc.recovery_key,
                story: &doc.story,
                path: doc.path.as_deref(),
                based_on: doc.disk_hash,
                generation: doc.generation,
                dirty: doc.is_dirty(),
            };
            if let Some(err) = autosave.tick(&ctx, current) {
                self.error(err);
            }
        }
        // A modal opened after the drawing (by a command, a save, a focus check)
        // needs one more frame to appear.
        if self.modal.is_some() && self.modal.as_ref().map(std::mem::discriminant) != drawn_modal {
            ctx.request_repaint();
        }
        self.was_typing = ctx.text_edit_focused();
        if let Some(job) = &mut self.screenshot
            && job.step(&ctx)
        {
            self.screenshot = None;
            self.allow_close = true;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    /// The story's speller for this frame; while its dictionary loads, ask
    /// for another frame soon so the marks appear without a keystroke.
    fn refresh_speller(&mut self, ctx: &egui::Context) {
        let Some(spelling) = &mut self.spelling else {
            return;
        };
        let doc = &self.doc;
        self.speller = spelling.speller(&doc.story, doc.path.as_deref(), &self.settings.spelling);
        if self.speller.is_none()
            && self.settings.spelling.enabled
            && spelling
                .failure(&doc.story, &self.settings.spelling)
                .is_none()
        {
            ctx.request_repaint_after(std::time::Duration::from_millis(200));
        }
        for problem in std::mem::take(&mut spelling.problems) {
            self.error(problem);
        }
    }

    /// Escape closes the dialog or window on top, one per press: a window
    /// (import review, export, settings), then the find bar, a draft or the
    /// compare, then History and Checks. Modals answer Escape themselves (as
    /// Cancel). While a text field has the keyboard, Escape only leaves the
    /// field (egui's own behaviour), so no panel closes under the typist.
    fn handle_escape(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() || !ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            return;
        }
        // The desk's own dialog (the Ready gate) answers Escape itself.
        if matches!(self.view, View::Desk) && self.desk.as_ref().is_some_and(DeskView::has_dialog) {
            return;
        }
        let in_window = self.import_review.is_some() || self.export.is_some() || self.show_settings;
        // egui drops the focus on Escape before the frame runs: ask whether a
        // text field had it at the end of the last frame.
        if self.was_typing && !in_window {
            return;
        }
        if self.import_review.is_some() {
            self.import_review = None;
        } else if self.export.is_some() {
            self.export = None;
        } else if self.show_settings {
            self.show_settings = false;
        } else if self.marking.find.is_open() && matches!(self.view, View::Editor) {
            self.marking.find.close();
        } else if !matches!(self.view, View::Editor) {
            self.view = View::Editor;
        } else if self.show_history {
            self.show_history = false;
        } else if self.show_checks {
            self.show_checks = false;
        } else {
            return;
        }
        ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        if !self.allow_close && !self.unsaved_names().is_empty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.guard_quit();
        } else {
            // The window closes: let the stories' locks go now, not at exit.
            self.release_all_locks();
        }
    }
}

/// How wide the side panels (History, Checks) may be, so the editor between
/// them always keeps room for every field and counter whole.
struct SideWidths {
    default: f32,
    min: f32,
    max: f32,
}

impl SideWidths {
    /// The editor column's least width: the slug beside the status, and the
    /// body's counts on the row of its label.
    const CENTRAL_MIN: f32 = 470.0;
    const MIN: f32 = 180.0;
    const MAX: f32 = 440.0;

    /// For a window `width` wide with `panels` side panels open, and a panel
    /// whose width is `default` when there is room.
    fn new(width: f32, panels: usize, default: f32) -> Self {
        let share = (width - Self::CENTRAL_MIN) / panels.max(1) as f32;
        let max = share.clamp(Self::MIN, Self::MAX);
        SideWidths {
            default: default.min(max),
            min: Self::MIN.min(max),
            max,
        }
    }
}

/// The file-type filter for an export format's save dialog.
fn export_filter(format: Format) -> Filter {
    let (name, extensions): (&'static str, &'static [&'static str]) = match format {
        Format::Txt => ("Plain text", &["txt"]),
        Format::Md => ("Markdown", &["md"]),
        Format::Html => ("HTML page", &["html"]),
        Format::Nitf => ("NITF XML", &["xml"]),
        Format::Ninjs => ("ninjs JSON", &["json"]),
    };
    Filter { name, extensions }
}

impl eframe::App for CopydeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.persist {
            eframe::set_value(storage, SETTINGS_KEY, &self.settings);
        }
    }
}
