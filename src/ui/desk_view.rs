//! The desk view: every story of an open desk in one table — sorted by a
//! click on a column's heading, filtered by status and section, searched as
//! you type with the matching words in context — and a story opened with a
//! double-click or Enter. The desk (`crate::desk`) does the work; the index is
//! opened on its own thread with progress shown, and files changed by anyone
//! are picked up through the desk's watcher. Returns what the user asked for
//! ([`DeskAction`]); the app carries it out.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Duration;

use egui::{Align, Key, Layout, RichText, Ui};

use crate::desk::{
    self, Column, Desk, DeskError, DeskSettings, Filter, Hit, Refreshed, Sort, StorySummary,
};
use crate::story::Status;
use crate::ui::desk_cells::{cell, count_cell, header, section_name, snippet, width, words};
use crate::ui::editor::thousands;
use crate::ui::new_story::{NewStoryChoice, NewStoryDialog};
use crate::ui::ready_gate::{GateChoice, ReadyGate};
use crate::ui::theme;

/// What the user asked the desk view for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeskAction {
    /// Open this story file in the editor.
    Open(PathBuf),
    /// Go back to the story being edited.
    Close,
    /// The status of this story file was changed from the table (the app
    /// reloads it when it is the story on screen).
    StatusChanged(PathBuf),
    /// Something to tell the user (an error when `error`).
    Message { error: bool, text: String },
}

/// The most search results listed at once.
const MAX_HITS: usize = 200;

/// The columns the table shows, in order (the path is in each row's tooltip).
const COLUMNS: [Column; 11] = [
    Column::Slug,
    Column::Headline,
    Column::Status,
    Column::Section,
    Column::Byline,
    Column::Words,
    Column::Modified,
    Column::LastDraft,
    Column::Errors,
    Column::Warnings,
    Column::OpenBy,
];

/// The desk being opened on its own thread: files read so far, of how many.
struct Opening {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    result: Receiver<Result<(Desk, Refreshed), DeskError>>,
}

enum State {
    Opening(Opening),
    Open(Box<Desk>),
    Failed(String),
}

/// An open desk and how its table is shown.
pub struct DeskView {
    root: PathBuf,
    state: State,
    watcher: Option<desk::watch::Watcher>,
    filter: Filter,
    sort: Sort,
    query: String,
    rows: Vec<StorySummary>,
    hits: Vec<Hit>,
    sections: Vec<String>,
    /// The story selected (its path relative to the desk).
    selected: Option<String>,
    /// The rows must be asked for again (filter, sort, query or files changed).
    stale: bool,
    /// What the last refresh reported (files that could not be read...).
    notes: Vec<String>,
    /// An error from the index after the desk opened.
    problem: Option<String>,
    /// Why files changed by others are not followed, when the watch failed.
    unwatched: Option<String>,
    /// A refused move to Ready, shown until dealt with.
    gate: Option<ReadyGate>,
    /// The New story dialog, while open.
    new_story: Option<NewStoryDialog>,
    /// A status picked in the table this frame: (story, new status).
    pick: Option<(String, Status)>,
    tz: jiff::tz::TimeZone,
}

impl DeskView {
    /// Open the desk at `root` on its own thread; the view shows progress
    /// until the index is ready.
    pub fn open(ctx: &egui::Context, root: &Path, settings: DeskSettings) -> Self {
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = mpsc::channel();
        let (d, t, repaint) = (done.clone(), total.clone(), ctx.clone());
        let path = root.to_owned();
        let spawned = std::thread::Builder::new()
            .name("copydesk-desk-open".into())
            .spawn(move || {
                let mut progress = |n: usize, of: usize| {
                    d.store(n, Ordering::Relaxed);
                    t.store(of, Ordering::Relaxed);
                    repaint.request_repaint();
                };
                let opened = Desk::open_with_progress(&path, settings, &mut progress);
                let _ = tx.send(opened);
                repaint.request_repaint();
            });
        let state = match spawned {
            Ok(_) => State::Opening(Opening {
                done,
                total,
                result: rx,
            }),
            Err(err) => State::Failed(format!("{}: cannot open the desk: {err}", root.display())),
        };
        DeskView {
            root: root.to_owned(),
            state,
            watcher: None,
            filter: Filter::default(),
            sort: Sort::default(),
            query: String::new(),
            rows: Vec::new(),
            hits: Vec::new(),
            sections: Vec::new(),
            selected: None,
            stale: true,
            notes: Vec::new(),
            problem: None,
            unwatched: None,
            gate: None,
            new_story: None,
            pick: None,
            tz: jiff::tz::TimeZone::system(),
        }
    }

    /// The desk folder as given.
    pub fn root(&self) -> &Path {
        match &self.state {
            State::Open(desk) => desk.root(),
            _ => &self.root,
        }
    }

    /// Whether the index is still being built.
    pub fn is_opening(&self) -> bool {
        matches!(self.state, State::Opening(_))
    }

    /// Why the desk could not be opened, if it could not.
    pub fn failure(&self) -> Option<&str> {
        match &self.state {
            State::Failed(why) => Some(why),
            _ => None,
        }
    }

    /// The stories listed now (search results when a search is typed).
    pub fn listed(&self) -> Vec<&StorySummary> {
        if self.query.trim().is_empty() {
            self.rows.iter().collect()
        } else {
            self.hits.iter().map(|h| &h.story).collect()
        }
    }

    /// Take the opened desk when its thread is done; read changed files.
    fn poll(&mut self, ctx: &egui::Context) {
        if let State::Opening(opening) = &self.state {
            match opening.result.try_recv() {
                Ok(Ok((desk, refreshed))) => {
                    self.notes = refreshed.problems;
                    // The watcher wakes the window when a file changes.
                    let ctx = ctx.clone();
                    let wake = move || ctx.request_repaint();
                    match desk::watch::watch_with(desk.root(), wake) {
                        Ok(watcher) => self.watcher = Some(watcher),
                        Err(err) => {
                            self.watcher = None;
                            self.unwatched = Some(format!(
                                "{err}. Changes made by others show when the desk is opened again."
                            ));
                        }
                    }
                    self.state = State::Open(Box::new(desk));
                    self.stale = true;
                }
                Ok(Err(err)) => self.state = State::Failed(err.to_string()),
                Err(TryRecvError::Empty) => {
                    ctx.request_repaint_after(Duration::from_millis(100));
                }
                Err(TryRecvError::Disconnected) => {
                    self.state = State::Failed(format!(
                        "{}: the desk could not be read (its reader stopped)",
                        self.root.display()
                    ));
                }
            }
        }
        if let (State::Open(desk), Some(watcher)) = (&mut self.state, &self.watcher) {
            let changed = watcher.drain();
            if !changed.is_empty() {
                match desk.update_paths(&changed) {
                    Ok(refreshed) => self.notes = refreshed.problems,
                    Err(err) => self.problem = Some(err.to_string()),
                }
                self.stale = true;
            }
        }
    }

    /// Ask the desk for the rows (or the search results) again.
    fn requery(&mut self) {
        let State::Open(desk) = &self.state else {
            return;
        };
        self.stale = false;
        let listed = desk.sections().and_then(|sections| {
            self.sections = sections;
            if self.query.trim().is_empty() {
                self.hits.clear();
                self.rows = desk.list(&self.filter, self.sort)?;
            } else {
                self.hits = desk.search(&self.query, &self.filter, MAX_HITS)?;
            }
            Ok(())
        });
        self.problem = listed.err().map(|e| e.to_string());
        let listed = self.listed();
        if !self
            .selected
            .as_ref()
            .is_some_and(|s| listed.iter().any(|r| &r.path == s))
        {
            self.selected = listed.first().map(|r| r.path.clone());
        }
    }

    /// The file of the story at `rel`.
    fn path_of(&self, rel: &str) -> PathBuf {
        match &self.state {
            State::Open(desk) => desk.story_path(rel),
            _ => self.root.join(rel),
        }
    }

    /// Whether a dialog of the view (the Ready gate) is open: it takes
    /// Escape and the keyboard.
    pub fn has_dialog(&self) -> bool {
        self.gate.is_some() || self.new_story.is_some()
    }

    /// Draw the view. `unsaved` are the story files open with unsaved
    /// changes (their status is not changed behind the editor's back).
    /// Returns what the user asked for, if anything.
    pub fn ui(&mut self, ui: &mut Ui, unsaved: &[PathBuf]) -> Option<DeskAction> {
        self.poll(ui.ctx());
        let mut action = None;
        ui.horizontal(|ui| {
            ui.heading("Desk");
            ui.label(RichText::new(self.root().display().to_string()).weak());
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if ui
                    .button("Back to story")
                    .on_hover_text("Show the story being edited")
                    .clicked()
                {
                    action = Some(DeskAction::Close);
                }
                if matches!(self.state, State::Open(_))
                    && ui
                        .button("New story…")
                        .on_hover_text("A new story from one of the desk's templates")
                        .clicked()
                {
                    let templates = desk::template::templates(self.root());
                    let section = self.filter.section.clone();
                    self.new_story = Some(NewStoryDialog::new(
                        templates,
                        self.sections.clone(),
                        section,
                    ));
                }
            });
        });
        match &self.state {
            State::Opening(opening) => {
                let (done, total) = (
                    opening.done.load(Ordering::Relaxed),
                    opening.total.load(Ordering::Relaxed),
                );
                ui.label("Reading the desk's stories…");
                let fraction = if total == 0 {
                    0.0
                } else {
                    done as f32 / total as f32
                };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .text(format!(
                            "{} of {} stories",
                            thousands(done),
                            thousands(total)
                        ))
                        .desired_width(420.0),
                );
                return action;
            }
            State::Failed(why) => {
                ui.label(RichText::new(why).color(theme::error_text(ui)));
                return action;
            }
            State::Open(_) => {}
        }
        self.controls(ui);
        if self.stale {
            self.requery();
        }
        for problem in self.problem.iter().chain(&self.unwatched) {
            ui.label(RichText::new(problem).color(theme::error_text(ui)));
        }
        if !self.notes.is_empty() {
            ui.label(
                RichText::new(format!(
                    "{} files could not be read as stories; they are listed with why.",
                    self.notes.len()
                ))
                .color(theme::warn_text(ui)),
            )
            .on_hover_text(self.notes.join("\n"));
        }
        ui.separator();
        let open = if self.query.trim().is_empty() {
            self.table(ui)
        } else {
            self.results(ui)
        };
        let status = match self.pick.take() {
            Some((rel, to)) => self.set_status(&rel, to, unsaved, None),
            None => None,
        };
        let gate = self.gate_ui(ui.ctx());
        let new = self.new_story_ui(ui.ctx());
        action.or(open).or(status).or(gate).or(new)
    }

    /// Change a story's status in its file; a move to Ready with check errors
    /// opens the gate (errors first) unless `over` says who and why.
    fn set_status(
        &mut self,
        rel: &str,
        to: Status,
        unsaved: &[PathBuf],
        over: Option<&desk::status::Override>,
    ) -> Option<DeskAction> {
        let State::Open(desk) = &mut self.state else {
            return None;
        };
        let path = desk.story_path(rel);
        if unsaved.iter().any(|p| same_file(p, &path)) {
            return Some(DeskAction::Message {
                error: true,
                text: format!(
                    "{}: it is open with unsaved changes — change its status in the editor, or save first",
                    path.display()
                ),
            });
        }
        let settings = desk.settings().clone();
        match desk::status::change_status_in_file(&path, to, &settings, over) {
            Ok(desk::status::Change::Done) => {
                if let Err(err) = desk.update_paths(std::slice::from_ref(&path)) {
                    self.problem = Some(err.to_string());
                }
                self.stale = true;
                Some(DeskAction::StatusChanged(path))
            }
            Ok(desk::status::Change::Blocked(findings)) => {
                let slug = self
                    .listed()
                    .iter()
                    .find(|r| r.path == rel)
                    .map_or_else(|| rel.to_owned(), |r| r.slug.clone());
                self.gate = Some(ReadyGate::new(path, slug, findings));
                None
            }
            Err(err) => Some(DeskAction::Message {
                error: true,
                text: err.to_string(),
            }),
        }
    }

    /// The Ready gate, when a move to Ready was refused (see [`ReadyGate`]).
    fn gate_ui(&mut self, ctx: &egui::Context) -> Option<DeskAction> {
        let choice = self.gate.as_mut()?.show(ctx)?;
        let gate = self.gate.take()?;
        match choice {
            GateChoice::Cancel => None,
            GateChoice::Open => Some(DeskAction::Open(gate.path)),
            GateChoice::Anyway(why) => {
                let State::Open(desk) = &self.state else {
                    return None;
                };
                let over = desk::status::Override {
                    who: desk::Holder::me(&desk.settings().user).who(),
                    why,
                };
                let rel = desk::scan::relative(desk.root(), &gate.path)?;
                self.set_status(&rel, Status::Ready, &[], Some(&over))
            }
        }
    }

    /// The New story dialog; Create makes the file and opens it.
    fn new_story_ui(&mut self, ctx: &egui::Context) -> Option<DeskAction> {
        let choice = self.new_story.as_mut()?.show(ctx)?;
        self.new_story = None;
        let NewStoryChoice::Create {
            template,
            section,
            headline,
            slug,
        } = choice
        else {
            return None;
        };
        let State::Open(desk) = &mut self.state else {
            return None;
        };
        let headline = (!headline.is_empty()).then_some(headline.as_str());
        let made =
            desk::template::new_story(desk.root(), &template, &section, headline, slug.as_deref());
        match made {
            Ok(path) => {
                if let Err(err) = desk.update_paths(std::slice::from_ref(&path)) {
                    self.problem = Some(err.to_string());
                }
                self.stale = true;
                Some(DeskAction::Open(path))
            }
            Err(err) => Some(DeskAction::Message {
                error: true,
                text: err.to_string(),
            }),
        }
    }

    /// Search box and filters.
    fn controls(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let label = ui.label("Search the desk");
            let search = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .id_salt("desk-search")
                        .hint_text("Any word of any field")
                        .desired_width(280.0),
                )
                .labelled_by(label.id);
            if search.changed() {
                self.stale = true;
            }
            ui.separator();
            let label = ui.label("Show status");
            let shown = self.filter.status.map_or("All", Status::label);
            egui::ComboBox::from_id_salt("desk-status-filter")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    let mut status = self.filter.status;
                    ui.selectable_value(&mut status, None, "All");
                    for s in Status::ALL {
                        ui.selectable_value(&mut status, Some(s), s.label());
                    }
                    if status != self.filter.status {
                        self.filter.status = status;
                        self.stale = true;
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("Show section");
            let shown = self.filter.section.as_deref().map_or("All", section_name);
            egui::ComboBox::from_id_salt("desk-section-filter")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    let mut section = self.filter.section.clone();
                    ui.selectable_value(&mut section, None, "All");
                    for s in &self.sections {
                        ui.selectable_value(&mut section, Some(s.clone()), section_name(s));
                    }
                    if section != self.filter.section {
                        self.filter.section = section;
                        self.stale = true;
                    }
                })
                .response
                .labelled_by(label.id);
        });
    }

    /// Enter opens the selected story; Up and Down move the selection.
    fn keys(&mut self, ui: &Ui) -> Option<DeskAction> {
        // A dialog has the keyboard (Enter in its fields).
        if self.has_dialog() {
            return None;
        }
        let listed: Vec<String> = self.listed().iter().map(|r| r.path.clone()).collect();
        let (enter, up, down) = ui.input(|i| {
            (
                i.key_pressed(Key::Enter),
                i.key_pressed(Key::ArrowUp),
                i.key_pressed(Key::ArrowDown),
            )
        });
        let at = self
            .selected
            .as_ref()
            .and_then(|s| listed.iter().position(|p| p == s));
        if (up || down) && !listed.is_empty() && !ui.ctx().text_edit_focused() {
            let next = match at {
                Some(i) if down => (i + 1).min(listed.len() - 1),
                Some(i) => i.saturating_sub(1),
                None => 0,
            };
            self.selected = Some(listed[next].clone());
        }
        if enter && let Some(rel) = &self.selected {
            return Some(DeskAction::Open(self.path_of(rel)));
        }
        None
    }

    /// Every story, sortable by each column.
    fn table(&mut self, ui: &mut Ui) -> Option<DeskAction> {
        let mut action = self.keys(ui);
        ui.label(
            RichText::new(format!(
                "{} {} · click a heading to sort · double-click or Enter opens",
                thousands(self.rows.len()),
                if self.rows.len() == 1 {
                    "story"
                } else {
                    "stories"
                }
            ))
            .weak(),
        );
        let mut sort = self.sort;
        let mut clicked = None;
        let mut picked = None;
        let row_height = ui.spacing().interact_size.y + 6.0;
        let total: f32 = COLUMNS
            .iter()
            .map(|c| width(*c) + ui.spacing().item_spacing.x)
            .sum();
        // Columns of fixed widths, so only the rows in view are drawn (a desk
        // of thousands scrolls as fast as one of ten); the headings scroll
        // sideways with the rows and stay on top.
        egui::ScrollArea::horizontal()
            .id_salt("desk-table-across")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let size = egui::vec2(total, ui.available_height());
                ui.allocate_ui_with_layout(size, Layout::top_down(Align::Min), |ui| {
                    ui.set_width(total);
                    ui.horizontal(|ui| {
                        for column in COLUMNS {
                            cell(ui, column, row_height, |ui| header(ui, column, &mut sort));
                        }
                    });
                    ui.separator();
                    egui::ScrollArea::vertical()
                        .id_salt("desk-table")
                        .auto_shrink([false, false])
                        .show_rows(ui, row_height, self.rows.len(), |ui, range| {
                            for i in range {
                                let row = &self.rows[i];
                                let stripe = ui.painter().add(egui::Shape::Noop);
                                let mut status = None;
                                let inner =
                                    ui.horizontal(|ui| self.row(ui, row, row_height, &mut status));
                                if i % 2 == 1 {
                                    let fill = ui.visuals().faint_bg_color;
                                    let rect = inner.response.rect;
                                    ui.painter()
                                        .set(stripe, egui::Shape::rect_filled(rect, 0.0, fill));
                                }
                                let click = inner.inner;
                                if let Some(to) = status {
                                    picked = Some((row.path.clone(), to));
                                }
                                if click.double {
                                    action = Some(DeskAction::Open(self.path_of(&row.path)));
                                }
                                if click.single {
                                    clicked = Some(row.path.clone());
                                }
                            }
                        });
                });
            });
        if sort != self.sort {
            self.sort = sort;
            self.stale = true;
        }
        if clicked.is_some() {
            self.selected = clicked;
        }
        if picked.is_some() {
            self.pick = picked;
        }
        action
    }

    /// One story's row. Returns how its slug was clicked; a status picked
    /// goes to `pick`.
    fn row(
        &self,
        ui: &mut Ui,
        row: &StorySummary,
        height: f32,
        pick: &mut Option<Status>,
    ) -> Click {
        let mut click = None;
        cell(ui, Column::Slug, height, |ui| {
            click = Some(self.slug_cell(ui, row))
        });
        let click = click.expect("the slug cell is drawn");
        cell(ui, Column::Headline, height, |ui| {
            let headline = match &row.problem {
                Some(problem) => {
                    RichText::new(format!("Cannot be read: {problem}")).color(theme::error_text(ui))
                }
                None => RichText::new(&row.headline),
            };
            ui.label(headline).on_hover_text(&row.headline);
        });
        cell(ui, Column::Status, height, |ui| {
            self.status_cell(ui, row, click.id, pick)
        });
        cell(ui, Column::Section, height, |ui| {
            ui.label(section_name(&row.section));
        });
        cell(ui, Column::Byline, height, |ui| {
            ui.label(&row.byline);
        });
        cell(ui, Column::Words, height, |ui| {
            ui.label(words(row));
        });
        cell(ui, Column::Modified, height, |ui| {
            ui.label(crate::ui::history::local_time(row.modified, &self.tz));
        });
        cell(ui, Column::LastDraft, height, |ui| {
            ui.label(row.last_label.as_deref().unwrap_or(""));
        });
        cell(ui, Column::Errors, height, |ui| {
            count_cell(ui, row.errors, theme::error_text(ui))
        });
        cell(ui, Column::Warnings, height, |ui| {
            count_cell(ui, row.warnings, theme::warn_text(ui))
        });
        cell(ui, Column::OpenBy, height, |ui| {
            if let Some(holder) = &row.lock {
                let since = holder.since.to_zoned(self.tz.clone()).strftime("%H:%M");
                ui.label(format!("{} since {since}", holder.who()))
                    .on_hover_text(format!("Open by {} since {since}", holder.who()));
            }
        });
        click
    }

    /// The search results, best first, each with its words in context.
    fn results(&mut self, ui: &mut Ui) -> Option<DeskAction> {
        let mut action = self.keys(ui);
        let n = self.hits.len();
        ui.label(
            RichText::new(match n {
                0 => "No story matches".to_owned(),
                1 => "1 story matches".to_owned(),
                n if n >= MAX_HITS => format!("The best {n} matches"),
                n => format!("{n} stories match, best first"),
            })
            .weak(),
        );
        let highlight = ui.visuals().selection.bg_fill;
        let mut clicked = None;
        egui::ScrollArea::vertical()
            .id_salt("desk-results")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for hit in &self.hits {
                    let row = &hit.story;
                    ui.horizontal(|ui| {
                        let click = self.slug_cell(ui, row);
                        if click.double {
                            action = Some(DeskAction::Open(self.path_of(&row.path)));
                        }
                        if click.single {
                            clicked = Some(row.path.clone());
                        }
                        ui.label(RichText::new(&row.headline).strong());
                        ui.label(
                            RichText::new(format!(
                                "{} · {} · {} words",
                                row.status.label(),
                                section_name(&row.section),
                                words(row)
                            ))
                            .weak(),
                        );
                    });
                    ui.add(egui::Label::new(snippet(ui, hit, highlight)).wrap());
                    ui.add_space(6.0);
                }
            });
        if clicked.is_some() {
            self.selected = clicked;
        }
        action
    }

    /// A story's slug (its path when it has none): a click selects it, a
    /// double-click opens it.
    fn slug_cell(&self, ui: &mut Ui, row: &StorySummary) -> Click {
        let chosen = self.selected.as_deref() == Some(row.path.as_str());
        let slug = if row.slug.is_empty() {
            row.path.as_str()
        } else {
            row.slug.as_str()
        };
        let response = ui
            .selectable_label(chosen, slug)
            .on_hover_text(format!("{} — double-click to open", row.path));
        Click {
            id: response.id,
            single: response.clicked(),
            double: response.double_clicked(),
        }
    }

    /// The story's status, changeable here (the picker's accessible name is
    /// the story's slug). An unreadable file's status cannot be changed.
    fn status_cell(
        &self,
        ui: &mut Ui,
        row: &StorySummary,
        slug: egui::Id,
        pick: &mut Option<Status>,
    ) {
        if row.problem.is_some() {
            ui.label(row.status.label());
            return;
        }
        let mut status = row.status;
        egui::ComboBox::from_id_salt(("desk-status", &row.path))
            .selected_text(status.label())
            .width(96.0)
            .show_ui(ui, |ui| {
                for s in Status::ALL {
                    ui.selectable_value(&mut status, s, s.label());
                }
            })
            .response
            .on_hover_text("Change the status; Ready runs the checks first")
            .labelled_by(slug);
        if status != row.status {
            *pick = Some(status);
        }
    }
}

/// How a row was clicked this frame.
struct Click {
    /// The slug's widget (the row's accessible name).
    id: egui::Id,
    single: bool,
    double: bool,
}

/// Whether two paths name the same file.
fn same_file(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned());
    a == b || canon(a) == canon(b)
}
