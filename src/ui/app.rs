//! The frame loop: reads shortcuts and dropped files into commands, draws the
//! panels, runs the queued commands once per frame, and guards unsaved work.
//! All story logic (drafts, counts, files) is the core's; this only drives it.

use std::path::{Path, PathBuf};

use egui::{Align, Color32, Id, Layout, RichText, ViewportCommand};
use serde::{Deserialize, Serialize};

use crate::store;
use crate::story::{BodyCounts, Fields, Limits, Status, Story};
use crate::ui::commands::{Command, Menu};
use crate::ui::dialogs::{self, FileDialogs, NativeDialogs, Picked};
use crate::ui::editor;
use crate::ui::theme;

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
    pub body_counts: BodyCounts,
}

impl Document {
    fn new(story: Story, path: Option<PathBuf>, unsaved_name: &'static str) -> Self {
        Document {
            saved_fields: story.fields.clone(),
            saved_status: story.status,
            body_counts: BodyCounts::of(&story.fields.body),
            story,
            path,
            unsaved_name,
        }
    }

    pub fn untitled() -> Self {
        Self::new(Story::new(), None, "Untitled")
    }

    pub fn sample() -> Self {
        Self::new(crate::sample_story(), None, "Sample story")
    }

    pub fn from_file(story: Story, path: PathBuf) -> Self {
        Self::new(story, Some(path), "Untitled")
    }

    /// Whether the text or status differs from what was last saved or opened.
    pub fn is_dirty(&self) -> bool {
        self.story.status != self.saved_status || self.story.fields != self.saved_fields
    }

    fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved_fields = self.story.fields.clone();
        self.saved_status = self.story.status;
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

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Then {
    New,
    Open,
    OpenPath(PathBuf),
    Quit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PathPurpose {
    Open,
    Save,
}

enum Modal {
    /// Save / Discard / Cancel before `then`.
    Unsaved { then: Then },
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
    allow_close: bool,
    title: String,
    /// Whether settings are written back to eframe's storage (not for screenshots).
    pub persist: bool,
    pub(crate) screenshot: Option<crate::ui::ScreenshotJob>,
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
            allow_close: false,
            title: String::new(),
            persist: true,
            screenshot: None,
        }
    }

    /// Open `file` if given (the sample story if not). A file that fails to load
    /// leaves an untitled story and an error message, never the broken file's path.
    pub fn open_at_start(ctx: &egui::Context, file: Option<&Path>, settings: Settings) -> Self {
        let mut app = match file {
            None => Self::new(ctx, Document::sample(), settings),
            Some(path) => match store::load(path) {
                Ok(story) => {
                    let mut settings = settings;
                    settings.remember(path);
                    Self::new(ctx, Document::from_file(story, path.to_owned()), settings)
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
            Command::OpenPath(path) => self.guard(Then::OpenPath(path)),
            Command::Quit => self.guard(Then::Quit),
            Command::Save => self.save(None),
            Command::SaveAs => self.save_as(None),
            Command::ClearRecent => self.settings.recent.clear(),
            Command::Settings => self.show_settings = !self.show_settings,
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
            Then::New => self.doc = Document::untitled(),
            Then::Open => {
                let dir = self.start_dir();
                match self.dialogs.open_story(dir.as_deref()) {
                    Picked::Path(path) => self.open_path(&path),
                    Picked::Cancelled => {}
                    Picked::Unavailable => {
                        self.modal = Some(Modal::TypePath {
                            purpose: PathPurpose::Open,
                            text: String::new(),
                            then: None,
                            confirm_replace: false,
                        })
                    }
                }
            }
            Then::OpenPath(path) => self.open_path(&path),
            Then::Quit => {
                self.allow_close = true;
                self.ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    fn start_dir(&self) -> Option<PathBuf> {
        self.doc
            .path
            .as_ref()
            .or(self.settings.recent.first())
            .and_then(|p| p.parent().map(Path::to_owned))
    }

    fn open_path(&mut self, path: &Path) {
        match store::load(path) {
            Ok(story) => {
                self.doc = Document::from_file(story, path.to_owned());
                self.settings.remember(path);
                self.info(format!("Opened {}", path.display()));
            }
            Err(err) => self.error(err.to_string()),
        }
    }

    fn save(&mut self, then: Option<Then>) {
        match self.doc.path.clone() {
            Some(path) => self.write_to(path, then),
            None => self.save_as(then),
        }
    }

    fn save_as(&mut self, then: Option<Then>) {
        let dir = self.start_dir();
        let name = dialogs::suggested_file_name(&self.doc.story.fields.slug);
        match self.dialogs.save_story(dir.as_deref(), &name) {
            Picked::Path(path) => self.write_to(dialogs::with_story_extension(path), then),
            Picked::Cancelled => {}
            Picked::Unavailable => {
                self.modal = Some(Modal::TypePath {
                    purpose: PathPurpose::Save,
                    text: dir
                        .map(|d| d.join(&name).display().to_string())
                        .unwrap_or(name),
                    then,
                    confirm_replace: false,
                })
            }
        }
    }

    /// Save to `path`, keeping a changed text as a new draft; then go on with
    /// `then`. On failure nothing on disk changes, the text stays in the window,
    /// and `then` is dropped so no unsaved work is discarded.
    fn write_to(&mut self, path: PathBuf, then: Option<Then>) {
        let before = self.doc.story.modified;
        let appended = self.doc.story.record_draft(None, crate::story::now());
        match store::save(&path, &self.doc.story) {
            Ok(()) => {
                self.settings.remember(&path);
                let what = match appended {
                    Some(n) => format!("Saved draft {n} to {}", path.display()),
                    None => format!("Saved {} (text unchanged, no new draft)", path.display()),
                };
                self.doc.mark_saved(path);
                self.info(what);
                if let Some(then) = then {
                    self.proceed(then);
                }
            }
            Err(err) => {
                if appended.is_some() {
                    self.doc.story.drafts.pop();
                }
                self.doc.story.modified = before;
                self.error(format!("{err}. Your text is still here, unsaved."));
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
        self.handle_close_request(&ctx);
        self.handle_dropped_files(&ctx);

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        self.banners_ui(ui);
        egui::Panel::bottom("status").show(ui, |ui| self.status_line(ui));
        egui::CentralPanel::default().show(ui, |ui| {
            let out = editor::show(
                ui,
                &mut self.doc.story.fields,
                &mut self.doc.story.status,
                &self.settings.limits,
                &self.doc.body_counts,
            );
            if out.body_changed {
                self.doc.body_counts = BodyCounts::of(&self.doc.story.fields.body);
            }
        });
        self.modal_ui(&ctx);
        self.settings_window(&ctx);
        self.drop_overlay(&ctx);

        for command in std::mem::take(&mut self.queue) {
            self.execute(command);
        }

        let title = self.doc.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        if let Some(job) = &mut self.screenshot
            && job.step(&ctx)
        {
            self.screenshot = None;
            self.allow_close = true;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
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
        let is_story = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
        if is_story {
            self.queue.push(Command::OpenPath(path));
        } else {
            self.error(format!(
                "{}: not opened — only .ron story files can be opened",
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
                self.proceed(then);
                self.modal.take()
            }
            Some(Choice::Save) => {
                self.save(Some(then));
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
            ui.heading(match purpose {
                PathPurpose::Open => "Open story",
                PathPurpose::Save => "Save story",
            });
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
                let action = match purpose {
                    PathPurpose::Open => "Open",
                    PathPurpose::Save => "Save",
                };
                if ui.button(action).clicked() {
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
        match purpose {
            PathPurpose::Open => {
                self.open_path(&path);
                None
            }
            PathPurpose::Save => {
                let path = dialogs::with_story_extension(path);
                let replacing = path.exists() && Some(&path) != self.doc.path.as_ref();
                if replacing && !confirm_replace {
                    return Some(Modal::TypePath {
                        purpose,
                        text,
                        then,
                        confirm_replace: true,
                    });
                }
                self.write_to(path, then);
                self.modal.take()
            }
        }
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
