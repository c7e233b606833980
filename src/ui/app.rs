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
use crate::story::{BodyCounts, Fields, Limits, Status, Story};
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
}

impl Settings {
    fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

/// The story being edited and what is known about its file.
pub struct Document {
    pub story: Story,
    /// Where Save writes. `None` for a new story, the sample, or after a file
    /// failed to load: Save then asks for a path, so no file is overwritten
    /// without the user choosing it.
    pub path: Option<PathBuf>,
    /// What the status line calls the story when it has no path.
    pub unsaved_name: &'static str,
    saved_fields: Fields,
    saved_status: Status,
    saved_drafts: usize,
    saved_dismissed: usize,
    saved_proofing: crate::story::Proofing,
    pub body_counts: BodyCounts,
    /// Changes with every change to the text, so autosave knows what it has
    /// written and the marks what they were made for. Unique across all
    /// documents of the process ([`next_generation`]): a document that
    /// replaces another never reuses its numbers, so nothing made for the old
    /// text (spelling marks, checks) is taken for the new.
    pub generation: u64,
    /// Fingerprint of the file's bytes as last read or written, to notice when
    /// someone else changed it.
    pub disk_hash: Option<u64>,
    /// This document's recovery copy (`recovery::new_key`): its own, so two
    /// windows on one story never share or delete each other's copy.
    pub recovery_key: String,
}

/// A text generation never used before in this process (see
/// [`Document::generation`]).
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Document {
    fn new(story: Story, path: Option<PathBuf>, unsaved_name: &'static str) -> Self {
        Document {
            saved_fields: story.fields.clone(),
            saved_status: story.status,
            saved_drafts: story.drafts.len(),
            saved_dismissed: story.dismissed.len(),
            saved_proofing: story.proofing.clone(),
            body_counts: BodyCounts::of(&story.fields.body),
            path,
            unsaved_name,
            generation: next_generation(),
            disk_hash: None,
            recovery_key: crate::recovery::new_key(&story.id),
            story,
        }
    }

    /// The text changed (by the editor or a command).
    pub fn touch(&mut self) {
        self.generation = next_generation();
    }

    /// A story brought back from its recovery copy: the text as recovered, the
    /// file's text (when there is one) as the saved state, so it shows unsaved.
    /// The drafts are the file's as they are now plus those only the copy has
    /// (nobody's saved drafts are dropped), and the conflict check is against
    /// the file as it was when the copy's text was based on it: a save made
    /// since then is noticed at the next Save.
    pub fn recovered(recovered: crate::recovery::Recovered) -> Self {
        let crate::recovery::Recovered {
            key,
            meta,
            mut story,
            on_disk,
        } = recovered;
        let mut doc = match on_disk {
            Some(disk) => {
                story.drafts = crate::recovery::merged_drafts(&disk.drafts, &story.drafts);
                let mut doc = Self::new(disk, meta.path.clone(), "Recovered story");
                doc.disk_hash = meta.based_on.or_else(|| {
                    meta.path
                        .as_deref()
                        .and_then(|p| store::file_hash(p).ok().flatten())
                });
                doc
            }
            None => {
                let mut doc = Self::new(Story::new(), None, "Recovered story");
                doc.saved_fields = Fields::default();
                doc
            }
        };
        doc.story = story;
        doc.recovery_key = key;
        doc.body_counts = BodyCounts::of(&doc.story.fields.body);
        doc.touch();
        doc
    }

    pub fn untitled() -> Self {
        Self::new(Story::new(), None, "Untitled")
    }

    pub fn sample() -> Self {
        Self::new(crate::sample_story(), None, "Sample story")
    }

    /// A story read from `path`. The file is fingerprinted now, so a later save
    /// notices changes someone else makes to it.
    pub fn from_file(story: Story, path: PathBuf) -> Self {
        let hash = store::file_hash(&path).ok().flatten();
        let mut doc = Self::new(story, Some(path), "Untitled");
        doc.disk_hash = hash;
        doc
    }

    /// A new story holding imported text: unsaved until the user saves it.
    pub fn imported(fields: Fields) -> Self {
        let mut doc = Self::new(Story::new(), None, "Imported story");
        doc.story.fields = fields.normalized();
        doc.body_counts = BodyCounts::of(&doc.story.fields.body);
        doc
    }

    /// Whether the text or status differs from what was last saved or opened.
    /// A draft kept in memory (before a restore) also counts as unsaved.
    pub fn is_dirty(&self) -> bool {
        self.story.status != self.saved_status
            || self.story.drafts.len() != self.saved_drafts
            || self.story.dismissed.len() != self.saved_dismissed
            || self.story.proofing != self.saved_proofing
            || self.story.fields != self.saved_fields
    }

    fn mark_saved(&mut self, path: PathBuf, hash: u64) {
        self.path = Some(path);
        self.disk_hash = Some(hash);
        self.saved_fields = self.story.fields.clone();
        self.saved_status = self.story.status;
        self.saved_drafts = self.story.drafts.len();
        self.saved_dismissed = self.story.dismissed.len();
        self.saved_proofing = self.story.proofing.clone();
    }

    /// The file name, or the name of an unsaved story.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(path) => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string()),
            None => self.unsaved_name.to_owned(),
        }
    }

    /// The window title: headline (or file name), an unsaved marker, the app.
    pub fn window_title(&self) -> String {
        let headline = self.story.fields.headline.trim();
        let name = if headline.is_empty() {
            self.display_name()
        } else {
            headline.to_owned()
        };
        let marker = if self.is_dirty() { "● " } else { "" };
        format!("{marker}{name} — Copydesk")
    }
}

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
            Command::New => self.guard(Then::New),
            Command::Open => self.guard(Then::Open),
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
            Command::OpenPath(path) => self.guard(Then::OpenPath(path)),
            Command::Quit => self.guard(Then::Quit),
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
            Command::Import => self.guard(Then::Import),
            Command::Export => {
                self.export = match self.export.take() {
                    Some(_) => None,
                    None => Some(ExportDialog::default()),
                }
            }
            Command::ClearRecent => self.settings.recent.clear(),
            Command::Settings => self.show_settings = !self.show_settings,
            Command::Checks => self.show_checks = !self.show_checks,
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
            Then::New => {
                self.doc = Document::untitled();
                self.undo.clear();
                self.view = View::Editor;
            }
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
            Then::Quit => {
                self.allow_close = true;
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

    fn open_path(&mut self, path: &Path) {
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
    fn open_desk(&mut self, root: &Path) {
        if !root.is_dir() {
            return self.error(format!(
                "{}: not a folder (a desk is a folder of stories)",
                root.display()
            ));
        }
        let settings = crate::desk::DeskSettings {
            checks: self.settings.checks.clone(),
            ..crate::desk::DeskSettings::default()
        };
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
        self.desk = Some(DeskView::open(&self.ctx, &root, settings));
        self.settings.last_desk = Some(root);
        self.view = View::Desk;
    }

    /// A story's status was changed from the desk table: say so, and when it
    /// is the story on screen (with nothing unsaved), read it again.
    fn status_changed(&mut self, path: &Path) {
        let same = self
            .doc
            .path
            .as_deref()
            .is_some_and(|p| std::fs::canonicalize(p).ok() == std::fs::canonicalize(path).ok());
        if same && !self.doc.is_dirty() {
            let view = std::mem::replace(&mut self.view, View::Editor);
            self.open_path(path);
            self.view = view;
        }
        let status = store::load(path).map(|s| s.status.label());
        match status {
            Ok(label) => self.info(format!("{}: status is now {label}", path.display())),
            Err(err) => self.error(err.to_string()),
        }
    }

    /// Open the story's draft archive, once the story's changes are saved.
    fn open_archive(&mut self, archive: &Path) {
        if self.doc.is_dirty() {
            return self.info("Save the story first: the archive opens in its place".into());
        }
        self.open_path(archive);
    }

    /// Move the story's older drafts to its archive (the file is saved and
    /// unchanged on screen first), then reopen it.
    fn archive_older(&mut self) {
        let Some(path) = self.doc.path.clone().filter(|_| !self.doc.is_dirty()) else {
            return self.info("Save the story first, then archive its older drafts".into());
        };
        let keep = crate::ui::history::ARCHIVE_KEEP;
        match store::archive_drafts(&path, keep) {
            Ok(done) => {
                self.open_path(&path);
                self.info(format!(
                    "Moved {} drafts to {}; the newest {keep} stay in the story",
                    done.moved,
                    done.archive.display()
                ));
            }
            Err(err) => self.error(err.to_string()),
        }
    }

    fn save(&mut self, then: Option<Then>, label: Option<String>) {
        match self.doc.path.clone() {
            Some(path) => self.write_to(path, then, label),
            None => self.save_as(then, label),
        }
    }

    fn save_as(&mut self, then: Option<Then>, label: Option<String>) {
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
    fn import_path(&mut self, path: &Path) {
        let (kind, imported) = match import::import_file(path, &import::ImportOptions::default()) {
            Ok(done) => done,
            Err(err) => return self.error(err.to_string()),
        };
        let name = path.file_name().map_or(path.as_os_str(), |n| n);
        let what = format!("{} as {}", name.to_string_lossy(), kind.label());
        self.import_review = Some(ImportReview::new(Source::File(what), imported));
    }

    /// Ask where to write an export, then write it.
    fn export_to_file(&mut self, format: Format, output: String) {
        let name = format.suggested_file_name(&self.doc.story);
        let filter = export_filter(format);
        let request = self.request(&format!("Export as {}", format.label()), filter, Some(name));
        let purpose = PathPurpose::Export(format, output.clone());
        if let Some(path) = self.pick(true, &request, purpose, None) {
            self.write_export(&dialogs::with_extension(path, format.extension()), &output);
        }
    }

    fn write_export(&mut self, path: &Path, output: &str) {
        match store::write_atomic(path, output.as_bytes()) {
            Ok(()) => self.info(format!("Exported to {}", path.display())),
            Err(err) => self.error(format!("{}: cannot export: {err}", path.display())),
        }
    }

    /// Save to `path`, keeping a changed text as a new draft; then go on with
    /// `then`. On failure nothing on disk changes, the text stays in the window,
    /// and `then` is dropped so no unsaved work is discarded.
    fn write_to(&mut self, path: PathBuf, then: Option<Then>, label: Option<String>) {
        // Before writing over our own file, make sure nobody else changed it
        // (asked now, and checked again just before the rename).
        let expected = self
            .doc
            .disk_hash
            .filter(|_| Some(&path) == self.doc.path.as_ref());
        if let Some(known) = expected {
            match store::file_hash(&path) {
                Ok(Some(now)) if now != known => {
                    self.modal = Some(Modal::Conflict { path, then, label });
                    return;
                }
                Err(err) => {
                    self.error(format!("{err}. Not saved; your text is still here."));
                    return;
                }
                _ => {}
            }
        }
        self.write_expecting(path, then, label, expected);
    }

    /// Save without the check for changes on disk (after the user chose Overwrite).
    fn write_unchecked(&mut self, path: PathBuf, then: Option<Then>, label: Option<String>) {
        self.write_expecting(path, then, label, None);
    }

    /// Save, replacing the file only while its fingerprint is `expected` (when
    /// given): a save someone else made meanwhile brings up the conflict.
    fn write_expecting(
        &mut self,
        path: PathBuf,
        then: Option<Then>,
        label: Option<String>,
        expected: Option<u64>,
    ) {
        let before = self.doc.story.modified;
        let appended = match self
            .doc
            .story
            .try_record_draft(label.clone(), crate::story::now())
        {
            Ok(appended) => appended,
            Err(err) => {
                self.error(format!("{}: not saved: {err}", path.display()));
                return;
            }
        };
        match store::save_checked(&path, &self.doc.story, expected) {
            Ok(hash) => {
                self.settings.remember(&path);
                let what = match appended {
                    Some(n) => format!("Saved draft {n} to {}", path.display()),
                    None => format!("Saved {} (text unchanged, no new draft)", path.display()),
                };
                let size = std::fs::metadata(&path).map_or(0, |m| m.len());
                let warning = store::size_warning(&path, size);
                self.doc.mark_saved(path, hash);
                match warning {
                    Some(warning) => self.error(warning),
                    None => self.info(what),
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
            Err(err) => {
                if appended.is_some() {
                    self.doc.story.drafts.pop();
                }
                self.doc.story.modified = before;
                if matches!(err, store::StoreError::Changed { .. }) {
                    self.modal = Some(Modal::Conflict { path, then, label });
                } else {
                    self.error(format!("{err}. Your text is still here, unsaved."));
                }
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
        self.handle_close_request(&ctx);
        self.handle_dropped_files(&ctx);
        self.refresh_speller(&ctx);
        self.offer_import_of_paste(&ctx);
        if let Some((field, chars)) = self.pending_select.take() {
            crate::ui::editor::select(&ctx, field, chars);
        }

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
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
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved { then: Then::Quit });
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
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
            self.guard(Then::ImportPath(path));
        } else {
            self.error(format!(
                "{}: not opened — drop a .ron story, or copy to import (.md .txt .xml .json .docx wire text)",
                path.display()
            ));
        }
    }

    fn menu_button(&mut self, ui: &mut egui::Ui, command: Command) {
        let mut button = egui::Button::new(command.label());
        if let Some(shortcut) = command.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui.add(button).on_hover_text(command.tooltip()).clicked() {
            self.queue.push(command);
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
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

    fn recent_menu(&mut self, ui: &mut egui::Ui) {
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

    fn banners_ui(&mut self, ui: &mut egui::Ui) {
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

    fn status_line(&mut self, ui: &mut egui::Ui) {
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

    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.take() else {
            return;
        };
        self.modal = match modal {
            Modal::Unsaved { then } => self.unsaved_modal(ctx, then),
            Modal::Checkpoint { label } => self.checkpoint_modal(ctx, label),
            Modal::Recover { found } => self.recover_modal(ctx, found),
            Modal::Conflict { path, then, label } => self.conflict_modal(ctx, path, then, label),
            Modal::Reload { path } => self.reload_modal(ctx, path),
            Modal::TypePath {
                purpose,
                text,
                then,
                confirm_replace,
            } => self.path_modal(ctx, purpose, text, then, confirm_replace),
        };
    }

    fn unsaved_modal(&mut self, ctx: &egui::Context, then: Then) -> Option<Modal> {
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

    fn path_modal(
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

    fn export_window(&mut self, ctx: &egui::Context) {
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
    fn copy_rich(&mut self, ctx: &egui::Context, html: String, text: String) {
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
    fn offer_import_of_paste(&mut self, ctx: &egui::Context) {
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

    fn import_review_window(&mut self, ctx: &egui::Context) {
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
                self.doc = Document::imported(fields);
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
    fn central(&mut self, ui: &mut egui::Ui) {
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
                let out = editor::show(
                    ui,
                    &mut self.doc.story.fields,
                    &mut self.doc.story.status,
                    &self.settings.limits,
                    &self.doc.body_counts,
                    &overlay,
                );
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
                let unsaved = self.doc.path.clone().filter(|_| self.doc.is_dirty());
                let action = desk.ui(ui, unsaved.as_deref());
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

    fn set_fields(&mut self, fields: Fields) {
        self.doc.touch();
        let before = std::mem::replace(&mut self.doc.story.fields, fields);
        self.push_undo(before);
        self.doc.body_counts = BodyCounts::of(&self.doc.story.fields.body);
    }

    fn push_undo(&mut self, before: Fields) {
        const KEEP: usize = 50;
        if self.undo.len() == KEEP {
            self.undo.remove(0);
        }
        self.undo.push(before);
    }

    fn checks_action(&mut self, ctx: &egui::Context, action: ChecksAction) {
        use crate::checks;
        match action {
            ChecksAction::Select { field, range } => {
                let text = self.doc.story.fields.get(field);
                let clamp = |mut at: usize| {
                    at = at.min(text.len());
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    at
                };
                let (start, end) = (clamp(range.start), clamp(range.end));
                let chars = text[..start].chars().count()..text[..end].chars().count();
                // Next frame: the click that chose the finding would otherwise
                // take the focus straight back from the editor.
                self.pending_select = Some((field, chars));
                ctx.request_repaint();
            }
            ChecksAction::Fix(finding) => {
                let before = self.doc.story.fields.clone();
                if checks::apply_fix_to(&mut self.doc.story.fields, &finding) {
                    self.after_fix(before, finding.fix.map(|f| f.label).unwrap_or_default());
                } else {
                    self.info(
                        "That text has changed since it was checked; the checks are updated".into(),
                    );
                }
            }
            ChecksAction::FixAllQuotes => {
                let before = self.doc.story.fields.clone();
                if checks::fix_all_quotes(&mut self.doc.story.fields) {
                    self.after_fix(before, "Smart quotes".into());
                }
            }
            ChecksAction::IgnoreWord(word) => self.ignore_word(word),
            ChecksAction::FixAllStyle(id) => {
                let (set, _) = self.house_style.for_story(self.doc.path.as_deref());
                let before = self.doc.story.fields.clone();
                let off = self.doc.story.proofing.style_off.clone();
                let n = checks::style::fix_all(
                    &mut self.doc.story.fields,
                    &set,
                    &off,
                    Some(&id),
                    false,
                );
                if n > 0 {
                    self.after_edit(before, format!("Fixed {n} × house style “{id}”"));
                }
            }
            ChecksAction::StyleOff(id) => {
                let off = &mut self.doc.story.proofing.style_off;
                if !off.contains(&id) {
                    off.push(id.clone());
                }
                self.doc.touch();
                self.info(format!(
                    "House style “{id}” is off for this story — kept in the file when you save"
                ));
            }
            ChecksAction::Dismiss(finding) => {
                let dismissal = checks::dismissal(&finding, &self.doc.story.fields);
                self.doc.story.dismissed.push(dismissal);
                self.doc.touch();
                self.info("Dismissed for this story — kept in the file when you save".into());
            }
        }
    }

    /// Carry out what the find bar asked for. A replace is one edit.
    fn find_action(&mut self, action: crate::ui::find_bar::FindAction) {
        use crate::ui::find_bar::FindAction;
        match action {
            FindAction::Show(m) => self.marking.reveal = Some(m),
            FindAction::ReplaceOne { finder, at, with } => {
                let before = self.doc.story.fields.clone();
                if let Some(now) = finder.replace_one(&mut self.doc.story.fields, &at, &with) {
                    self.after_edit(before, "Replaced 1 match".into());
                    // Go on to the next match after the replacement.
                    self.marking.find.resume_after(at.field, now.end);
                    self.marking
                        .find
                        .refresh(&self.doc.story.fields, self.doc.generation);
                    if let Some(m) = self.marking.find.current().cloned() {
                        self.marking.reveal = Some(m);
                    }
                }
            }
            FindAction::ReplaceAll { finder, with } => {
                let before = self.doc.story.fields.clone();
                let n = finder.replace_all(&mut self.doc.story.fields, &with);
                if n > 0 {
                    self.after_edit(
                        before,
                        format!("Replaced {n} {}", if n == 1 { "match" } else { "matches" }),
                    );
                }
            }
        }
    }

    /// What the misspelt word's menu asked for.
    fn word_action(&mut self, action: crate::ui::spell_menu::WordAction) {
        use crate::ui::spell_menu::WordAction;
        match action {
            WordAction::Replace {
                field,
                chars,
                word,
                with,
            } => {
                let text = self.doc.story.fields.get(field);
                let mut at = text.char_indices().map(|(i, _)| i).chain([text.len()]);
                let start = at.nth(chars.start);
                let end = start.and_then(|_| at.nth(chars.len().saturating_sub(1)));
                match (start, end) {
                    (Some(start), Some(end)) if text.get(start..end) == Some(word.as_str()) => {
                        let before = self.doc.story.fields.clone();
                        self.doc
                            .story
                            .fields
                            .get_mut(field)
                            .replace_range(start..end, &with);
                        self.after_edit(before, format!("Changed “{word}” to “{with}”"));
                    }
                    _ => self.info("That word has changed since it was marked".into()),
                }
            }
            WordAction::Ignore(word) => self.ignore_word(word),
            WordAction::AddToDesk(word) => {
                let path = self
                    .doc
                    .path
                    .as_deref()
                    .and_then(crate::spell::desk_list_path);
                self.add_word(path, &word, "the desk's");
            }
            WordAction::AddToMine(word) => {
                self.add_word(crate::spell::user_list_path(), &word, "your");
            }
        }
    }

    fn add_word(&mut self, path: Option<std::path::PathBuf>, word: &str, whose: &str) {
        let Some(spelling) = &mut self.spelling else {
            return;
        };
        match crate::ui::spelling::add_word(spelling, path, word, whose) {
            Ok(message) => self.info(message),
            Err(message) => self.error(message),
        }
    }

    /// An app-level edit (a replace, a spelling change): one undo step.
    fn after_edit(&mut self, before: Fields, message: String) {
        self.push_undo(before);
        self.doc.touch();
        self.doc.body_counts = BodyCounts::of(&self.doc.story.fields.body);
        self.info(format!(
            "{message}. Undo Last Fix (Ctrl+Alt+Z) takes it back."
        ));
    }

    /// Accept `word` in this story (kept in the story file).
    fn ignore_word(&mut self, word: String) {
        let ignored = &mut self.doc.story.proofing.ignored_words;
        if !ignored.contains(&word) {
            ignored.push(word.clone());
        }
        self.doc.touch();
        self.info(format!(
            "“{word}” is accepted in this story — kept in the file when you save"
        ));
    }

    fn after_fix(&mut self, before: Fields, label: String) {
        self.push_undo(before);
        self.doc.touch();
        self.doc.body_counts = BodyCounts::of(&self.doc.story.fields.body);
        self.info(format!(
            "Fixed: {label}. Undo Last Fix (Ctrl+Alt+Z) takes it back."
        ));
    }

    /// Compare `old` with the text on screen.
    fn open_compare(&mut self, old: Side) {
        self.view = View::Compare(Box::new(CompareView::new(old, Side::Current)));
    }

    /// Compare the latest draft that differs from the text on screen with it.
    fn compare_latest(&mut self) {
        let story = &self.doc.story;
        let differing = story
            .drafts
            .iter()
            .rev()
            .find(|d| d.fields != story.fields)
            .or(story.drafts.last());
        match differing {
            Some(draft) => {
                let n = draft.number;
                self.open_compare(Side::Draft(n));
            }
            None => self.info("No drafts to compare with yet — save first".into()),
        }
    }

    /// Restore draft `n` (or one field of it). The text on screen is kept as a
    /// draft first when no draft holds it yet, so nothing is lost.
    fn restore(&mut self, n: u32, field: Option<Field>) {
        let Some(draft) = self.doc.story.draft(n).cloned() else {
            return;
        };
        let kept = if self.doc.story.differs_from_latest_draft() {
            self.doc.story.record_draft(
                Some(format!("Before restoring draft {n}")),
                crate::story::now(),
            )
        } else {
            None
        };
        let mut fields = self.doc.story.fields.clone();
        match field {
            None => fields = draft.fields,
            Some(f) => *fields.get_mut(f) = draft.fields.get(f).to_owned(),
        }
        self.set_fields(fields);
        self.view = View::Editor;
        let what = match field {
            None => format!("Restored draft {n}"),
            Some(f) => format!("Restored the {} of draft {n}", f.label().to_lowercase()),
        };
        let kept = match kept {
            Some(k) => format!("; the text you had is kept as draft {k}"),
            None => String::new(),
        };
        self.info(format!(
            "{what}{kept}. Save keeps the restored text as a new draft."
        ));
    }

    /// When the window comes back into focus, look for changes to the file made
    /// by someone else: offer to reload when nothing is unsaved, warn otherwise.
    fn check_disk_on_focus(&mut self, ctx: &egui::Context) {
        let focused = ctx.input(|i| i.focused);
        let regained = focused && !self.was_focused;
        self.was_focused = focused;
        if !regained || self.modal.is_some() {
            return;
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

    fn recover_modal(
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
                self.doc = Document::recovered(item);
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

    fn conflict_modal(
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
                    .button("Overwrite")
                    .on_hover_text("Replace their version with yours")
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
                self.write_unchecked(path, then, label);
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

    fn reload_modal(&mut self, ctx: &egui::Context, path: PathBuf) -> Option<Modal> {
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
                self.open_path(&path);
                None
            }
            Some(false) => {
                // Keep ours; Save will still ask before overwriting theirs.
                None
            }
        }
    }

    fn checkpoint_modal(&mut self, ctx: &egui::Context, mut label: String) -> Option<Modal> {
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

    fn settings_window(&mut self, ctx: &egui::Context) {
        let mut open = self.show_settings;
        egui::Window::new("Settings")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                let limits = &mut self.settings.limits;
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
                if let Some(spelling) = &self.spelling {
                    ui.separator();
                    crate::ui::spelling::settings_ui(
                        ui,
                        &mut self.settings.spelling,
                        &spelling.languages,
                    );
                }
            });
        self.show_settings = open;
    }

    fn drop_overlay(&self, ctx: &egui::Context) {
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
