//! The side-by-side compare: two versions of the story, field by field, the body
//! aligned paragraph by paragraph, word-level highlights, and buttons to take
//! back one change or restore a field.
//!
//! The diff itself is the core's (`compare`); this view only chooses the sides,
//! runs the diff off the UI thread for long texts, caches it until a side or an
//! option changes, and draws it. Row layouts are cached per diff and width, and
//! each frame paints only the rows in view.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use egui::{Color32, Galley, Pos2, Rect, RichText, Stroke, Ui, Vec2};

use crate::compare::{self, ChangeKind, Granularity, Options, Row, StoryDiff, Totals};
use crate::story::{self, Field, Fields, Limits, Story};
use crate::ui::theme;

mod text;
use text::{
    Colors, Mark, accessible, describe, gap_job, marked_job, moved_job, plain_job, row_note, short,
};

/// One side of a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The text on screen, unsaved edits included.
    Current,
    Draft(u32),
    /// The story file as someone else changed it on disk (a save conflict).
    OnDisk,
}

impl Side {
    pub fn label(self, story: &Story) -> String {
        match self {
            Side::Current => "Text on screen".to_owned(),
            Side::OnDisk => "File on disk".to_owned(),
            Side::Draft(n) => match story.draft(n).and_then(|d| d.label.as_deref()) {
                Some(label) => format!("Draft {n} · {label}"),
                None => format!("Draft {n}"),
            },
        }
    }

    fn fields<'a>(self, story: &'a Story, on_disk: Option<&'a Fields>) -> Option<&'a Fields> {
        match self {
            Side::Current => Some(&story.fields),
            Side::Draft(n) => story.draft(n).map(|d| &d.fields),
            Side::OnDisk => on_disk,
        }
    }
}

/// What the user asked the compare view for.
#[derive(Clone, Debug)]
pub enum CompareAction {
    /// Take back one change in the text on screen (the diff's new side).
    RevertChange(Arc<StoryDiff>, usize),
    /// Restore a whole field of the text on screen to the old side.
    RevertField(Arc<StoryDiff>, Field),
    Close,
}

/// Texts larger than this (both sides, in bytes) are compared off the UI thread.
const BACKGROUND_BYTES: usize = 40_000;

#[derive(Clone, PartialEq)]
struct Input {
    old: Fields,
    new: Fields,
    options: Options,
}

enum DiffState {
    Empty,
    Ready(Input, Arc<StoryDiff>),
    Pending {
        input: Input,
        rx: Receiver<StoryDiff>,
        previous: Option<Arc<StoryDiff>>,
    },
}

/// One line of the view: a field heading or a row of two paragraphs.
enum Line {
    Heading { field: Field, unchanged: bool },
    Pair { field: Field, row: usize },
}

struct Laid {
    lines: Vec<Line>,
    /// Per line: (left, right) galleys; `None` for headings.
    galleys: Vec<Option<(Arc<Galley>, Arc<Galley>)>>,
    /// Top of each line, plus the total height at the end.
    tops: Vec<f32>,
    /// The line of each change the user steps through (a move once, at its
    /// new place), in text order.
    change_line: Vec<usize>,
    /// The line showing each change, by change id.
    line_of_change: HashMap<usize, usize>,
    width_key: u32,
    dark: bool,
    revertible: bool,
    diff: Arc<StoryDiff>,
}

/// The compare view's state.
pub struct CompareView {
    pub left: Side,
    pub right: Side,
    pub options: Options,
    state: DiffState,
    laid: Option<Laid>,
    /// Index (in `diff.changes()` order) of the change last jumped to.
    pub current_change: Option<usize>,
    scroll_to_line: Option<usize>,
    /// Whole-story numbers for the header, computed once per diff.
    totals: Option<(Arc<StoryDiff>, Totals)>,
    /// The file's text as found on disk, for [`Side::OnDisk`].
    on_disk: Option<Fields>,
}

const GUTTER: f32 = 16.0;
const ROW_PAD: f32 = 6.0;
const BUTTONS_HEIGHT: f32 = 26.0;
/// Room above a row's text for "Moved to ¶7" and the like.
const NOTE_HEIGHT: f32 = 22.0;

impl CompareView {
    pub fn new(left: Side, right: Side) -> Self {
        CompareView {
            left,
            right,
            options: Options::default(),
            state: DiffState::Empty,
            laid: None,
            current_change: None,
            scroll_to_line: None,
            totals: None,
            on_disk: None,
        }
    }

    /// Offer the file's text on disk as a side ([`Side::OnDisk`]).
    pub fn with_on_disk(mut self, fields: Fields) -> Self {
        self.on_disk = Some(fields);
        self
    }

    pub fn swap(&mut self) {
        std::mem::swap(&mut self.left, &mut self.right);
        self.current_change = None;
    }

    /// The diff on show, if one is ready.
    pub fn diff(&self) -> Option<&Arc<StoryDiff>> {
        match &self.state {
            DiffState::Ready(_, diff) => Some(diff),
            DiffState::Pending { previous, .. } => previous.as_ref(),
            DiffState::Empty => None,
        }
    }

    pub fn is_computing(&self) -> bool {
        matches!(self.state, DiffState::Pending { .. })
    }

    /// Make the diff match the sides and options: reuse the cached one, collect
    /// a finished background one, or start a new computation.
    pub fn update(&mut self, story: &Story, ctx: &egui::Context) {
        let on_disk = self.on_disk.as_ref();
        let (Some(old), Some(new)) = (
            self.left.fields(story, on_disk),
            self.right.fields(story, on_disk),
        ) else {
            self.state = DiffState::Empty;
            return;
        };
        let same_input =
            |input: &Input| input.options == self.options && input.old == *old && input.new == *new;
        match &mut self.state {
            DiffState::Ready(input, _) if same_input(input) => return,
            DiffState::Pending { input, rx, .. } if same_input(input) => {
                match rx.try_recv() {
                    Ok(diff) => {
                        let input = input.clone();
                        self.state = DiffState::Ready(input, Arc::new(diff));
                    }
                    Err(TryRecvError::Empty) => ctx.request_repaint_after_secs(0.05),
                    Err(TryRecvError::Disconnected) => self.state = DiffState::Empty,
                }
                return;
            }
            _ => {}
        }
        let input = Input {
            old: old.clone(),
            new: new.clone(),
            options: self.options.clone(),
        };
        let size: usize = Field::ALL
            .iter()
            .map(|f| old.get(*f).len() + new.get(*f).len())
            .sum();
        if size < BACKGROUND_BYTES {
            let diff = compare::compare(&input.old, &input.new, &input.options);
            self.state = DiffState::Ready(input, Arc::new(diff));
        } else {
            let previous = self.diff().cloned();
            let (tx, rx) = std::sync::mpsc::channel();
            let job = input.clone();
            let waker = ctx.clone();
            std::thread::spawn(move || {
                let diff = compare::compare(&job.old, &job.new, &job.options);
                let _ = tx.send(diff);
                waker.request_repaint();
            });
            self.state = DiffState::Pending {
                input,
                rx,
                previous,
            };
            ctx.request_repaint_after_secs(0.05);
        }
    }

    /// Move to the next (`forward`) or previous change and scroll to it.
    pub fn step_change(&mut self, forward: bool) {
        let Some(total) = self.laid.as_ref().map(|l| l.change_line.len()) else {
            return;
        };
        if total == 0 {
            return;
        }
        let next = match (self.current_change, forward) {
            (None, true) => 0,
            (None, false) => total - 1,
            (Some(i), true) => (i + 1) % total,
            (Some(i), false) => (i + total - 1) % total,
        };
        self.current_change = Some(next);
        if let Some(laid) = &self.laid {
            self.scroll_to_line = laid.change_line.get(next).copied();
        }
    }

    /// Draw the whole view. Returns what the user asked for.
    pub fn ui(&mut self, ui: &mut Ui, story: &Story, limits: &Limits) -> Option<CompareAction> {
        self.update(story, ui.ctx());
        let mut action = None;
        self.toolbar(ui, story, &mut action);
        let Some(diff) = self.diff().cloned() else {
            ui.label("Pick two versions to compare.");
            return action;
        };
        self.summary(ui, &diff, limits);
        ui.separator();
        let revertible = self.right == Side::Current && self.left != Side::Current;
        self.rows(ui, &diff, revertible, &mut action);
        action
    }

    fn toolbar(&mut self, ui: &mut Ui, story: &Story, action: &mut Option<CompareAction>) {
        ui.horizontal_wrapped(|ui| {
            let mut sides = vec![Side::Current];
            if self.on_disk.is_some() {
                sides.push(Side::OnDisk);
            }
            sides.extend(story.drafts.iter().rev().map(|d| Side::Draft(d.number)));
            let label = ui.label(RichText::new("Older").strong());
            side_picker(ui, "compare-left", &mut self.left, &sides, story).labelled_by(label.id);
            if ui
                .button("Swap sides")
                .on_hover_text("Put the right side on the left")
                .clicked()
            {
                self.swap();
            }
            let label = ui.label(RichText::new("Newer").strong());
            side_picker(ui, "compare-right", &mut self.right, &sides, story).labelled_by(label.id);
            ui.separator();
            for g in Granularity::ALL {
                if ui
                    .selectable_label(self.options.granularity == g, g.label())
                    .on_hover_text("Measure changes in this unit")
                    .clicked()
                {
                    self.options.granularity = g;
                }
            }
            ui.separator();
            ui.checkbox(&mut self.options.ignore_whitespace, "Ignore whitespace");
            ui.checkbox(&mut self.options.ignore_quote_style, "Ignore quote style");
            ui.separator();
            if ui
                .button("Previous change")
                .on_hover_text("Alt+↑")
                .clicked()
            {
                self.step_change(false);
            }
            if ui.button("Next change").on_hover_text("Alt+↓").clicked() {
                self.step_change(true);
            }
            ui.separator();
            if ui.button("Close compare").clicked() {
                *action = Some(CompareAction::Close);
            }
        });
    }

    fn summary(&mut self, ui: &mut Ui, diff: &Arc<StoryDiff>, limits: &Limits) {
        let totals = match &self.totals {
            Some((of, totals)) if Arc::ptr_eq(of, diff) => *totals,
            _ => {
                let totals = diff.totals();
                self.totals = Some((diff.clone(), totals));
                totals
            }
        };
        let s = &diff.stats;
        let wpm = limits.words_per_minute;
        ui.horizontal_wrapped(|ui| {
            if self.is_computing() {
                ui.spinner();
                ui.label("Comparing…");
            }
            if diff.is_identical() {
                ui.label(RichText::new("No differences").strong());
                return;
            }
            ui.label(
                RichText::new(format!(
                    "{} change{} in {} field{}",
                    s.changes,
                    if s.changes == 1 { "" } else { "s" },
                    s.fields_changed,
                    if s.fields_changed == 1 { "" } else { "s" }
                ))
                .strong(),
            );
            if s.moves > 0 {
                ui.label(format!(
                    "{} paragraph{} moved",
                    s.moves,
                    if s.moves == 1 { "" } else { "s" }
                ));
            }
            ui.label(format!("+{} words added", s.words_added));
            ui.label(format!("−{} words removed", s.words_removed));
            ui.label(format!(
                "reading time {} → {} min",
                story::reading_minutes(totals.old_words, wpm),
                story::reading_minutes(totals.new_words, wpm)
            ));
            ui.label(format!(
                "headline {} → {} characters",
                totals.old_headline_chars, totals.new_headline_chars
            ));
            if let (Some(i), Some(laid)) = (self.current_change, &self.laid) {
                let total = laid.change_line.len();
                ui.label(RichText::new(format!("change {} of {total}", i + 1)).weak());
            }
            if diff.timed_out {
                ui.label(
                    RichText::new("Very different texts: changes shown coarser")
                        .color(theme::warn_text(ui)),
                );
            }
        });
    }

    fn layout(&mut self, ui: &Ui, diff: &Arc<StoryDiff>, revertible: bool, width: f32) {
        let width_key = width.round() as u32;
        let dark = ui.visuals().dark_mode;
        if let Some(laid) = &self.laid
            && Arc::ptr_eq(&laid.diff, diff)
            && laid.width_key == width_key
            && laid.dark == dark
            && laid.revertible == revertible
        {
            return;
        }
        let column = ((width - GUTTER) / 2.0).max(80.0);
        let colors = Colors::new(ui);
        let mut lines = Vec::new();
        let mut galleys = Vec::new();
        let mut tops = Vec::new();
        let mut change_line_by_id: HashMap<usize, usize> = HashMap::new();
        let mut y = 0.0;
        let heading_height = 30.0;
        for fd in &diff.fields {
            let unchanged = fd.is_unchanged();
            tops.push(y);
            lines.push(Line::Heading {
                field: fd.field,
                unchanged,
            });
            galleys.push(None);
            y += heading_height;
            if unchanged {
                continue;
            }
            let old = diff.old.get(fd.field);
            let new = diff.new.get(fd.field);
            for (r, row) in fd.rows.iter().enumerate() {
                let first_of_run = run_start(&fd.rows, r);
                let line = lines.len();
                for &k in row.changes() {
                    change_line_by_id.insert(fd.changes[k].id, line);
                }
                let olds = |range: Range<usize>| {
                    fd.old_paragraphs[range.start].start..fd.old_paragraphs[range.end - 1].end
                };
                let news = |range: Range<usize>| {
                    fd.new_paragraphs[range.start].start..fd.new_paragraphs[range.end - 1].end
                };
                let marks = |changes: &[usize]| -> (Vec<Range<usize>>, Vec<Range<usize>>) {
                    changes
                        .iter()
                        .map(|k| (fd.changes[*k].old.clone(), fd.changes[*k].new.clone()))
                        .unzip()
                };
                let (left, right, has_changes) = match row {
                    Row::Same { old: i, new: j } => (
                        plain_job(&old[fd.old_paragraphs[*i].clone()], &colors, column),
                        plain_job(&new[fd.new_paragraphs[*j].clone()], &colors, column),
                        false,
                    ),
                    Row::Edited { changes, .. }
                    | Row::Split { changes, .. }
                    | Row::Merged { changes, .. } => {
                        let (ranges_old, ranges_new) = marks(changes);
                        let (o, n) = (row.old_paragraphs(), row.new_paragraphs());
                        (
                            marked_job(old, olds(o), &ranges_old, Mark::Removed, &colors, column),
                            marked_job(new, news(n), &ranges_new, Mark::Added, &colors, column),
                            true,
                        )
                    }
                    Row::Deleted { old: i, .. } => {
                        let range = fd.old_paragraphs[*i].clone();
                        (
                            marked_job(
                                old,
                                range.clone(),
                                std::slice::from_ref(&range),
                                Mark::Removed,
                                &colors,
                                column,
                            ),
                            gap_job(&colors, column),
                            true,
                        )
                    }
                    Row::Inserted { new: j, .. } => {
                        let range = fd.new_paragraphs[*j].clone();
                        (
                            gap_job(&colors, column),
                            marked_job(
                                new,
                                range.clone(),
                                std::slice::from_ref(&range),
                                Mark::Added,
                                &colors,
                                column,
                            ),
                            true,
                        )
                    }
                    Row::MovedAway { old: i, .. } => (
                        moved_job(&old[fd.old_paragraphs[*i].clone()], &colors, column),
                        gap_job(&colors, column),
                        true,
                    ),
                    Row::MovedHere {
                        new: j,
                        from,
                        words,
                        ..
                    } => {
                        let (ranges_old, ranges_new): (Vec<_>, Vec<_>) =
                            words.iter().cloned().unzip();
                        (
                            marked_job(
                                old,
                                fd.old_paragraphs[*from].clone(),
                                &ranges_old,
                                Mark::Removed,
                                &colors,
                                column,
                            ),
                            marked_job(
                                new,
                                fd.new_paragraphs[*j].clone(),
                                &ranges_new,
                                Mark::Added,
                                &colors,
                                column,
                            ),
                            true,
                        )
                    }
                };
                let (left, right) = ui.fonts_mut(|f| (f.layout_job(left), f.layout_job(right)));
                tops.push(y);
                let blank = left.text().trim().is_empty() && right.text().trim().is_empty();
                let mut height = if blank && !has_changes {
                    ROW_PAD
                } else {
                    left.size().y.max(right.size().y) + ROW_PAD * 2.0
                };
                if row_note(row).is_some() {
                    height += NOTE_HEIGHT;
                }
                if has_changes && revertible {
                    let buttons = take_back_buttons(diff, fd.field, row, first_of_run);
                    height += BUTTONS_HEIGHT * button_rows(ui, &buttons, column) as f32;
                }
                y += height;
                lines.push(Line::Pair {
                    field: fd.field,
                    row: r,
                });
                galleys.push(Some((left, right)));
            }
        }
        tops.push(y);
        let change_line = diff
            .changes()
            .filter(|c| !matches!(c.kind, ChangeKind::MovedAway | ChangeKind::Spacing))
            .filter_map(|c| change_line_by_id.get(&c.id).copied())
            .collect();
        self.laid = Some(Laid {
            lines,
            galleys,
            tops,
            change_line,
            line_of_change: change_line_by_id,
            width_key,
            dark,
            revertible,
            diff: diff.clone(),
        });
    }

    fn rows(
        &mut self,
        ui: &mut Ui,
        diff: &Arc<StoryDiff>,
        revertible: bool,
        action: &mut Option<CompareAction>,
    ) {
        let width = ui.available_width() - 16.0;
        self.layout(ui, diff, revertible, width);
        let Some(laid) = &self.laid else {
            return;
        };
        let current_line = self
            .current_change
            .and_then(|i| laid.change_line.get(i).copied());
        let scroll_to = self.scroll_to_line.take();
        let column = ((width - GUTTER) / 2.0).max(80.0);
        let total = laid.tops.last().copied().unwrap_or(0.0);
        let mut area = egui::ScrollArea::vertical()
            .id_salt("compare-rows")
            .auto_shrink([false, false]);
        if let Some(line) = scroll_to {
            area = area.vertical_scroll_offset((laid.tops[line] - 60.0).max(0.0));
        }
        let left_name = self.left;
        let right_name = self.right;
        let mut jump = None;
        area.show_viewport(ui, |ui, viewport| {
            ui.set_height(total);
            ui.set_width(width);
            let origin = ui.min_rect().min;
            let first = laid
                .tops
                .partition_point(|t| *t < viewport.min.y)
                .saturating_sub(1);
            for index in first..laid.lines.len() {
                let top = laid.tops[index];
                if top > viewport.max.y {
                    break;
                }
                let bottom = laid.tops[index + 1];
                let rect = Rect::from_min_max(
                    origin + Vec2::new(0.0, top),
                    origin + Vec2::new(width, bottom),
                );
                match &laid.lines[index] {
                    Line::Heading { field, unchanged } => {
                        heading(
                            ui, rect, *field, *unchanged, diff, revertible, left_name, right_name,
                            action,
                        );
                    }
                    Line::Pair { field, row } => {
                        let Some((left, right)) = &laid.galleys[index] else {
                            continue;
                        };
                        let fd = diff.field(*field);
                        let first_of_run = run_start(&fd.rows, *row);
                        let row = &fd.rows[*row];
                        let selected = current_line == Some(index);
                        let partner_line = row
                            .changes()
                            .first()
                            .and_then(|k| fd.changes[*k].partner)
                            .and_then(|id| laid.line_of_change.get(&id).copied());
                        let target = pair(
                            ui,
                            rect,
                            column,
                            (left, right),
                            row,
                            selected,
                            revertible,
                            diff,
                            *field,
                            first_of_run,
                            action,
                        );
                        if target {
                            jump = partner_line;
                        }
                    }
                }
            }
        });
        if let Some(line) = jump {
            self.scroll_to_line = Some(line);
            ui.ctx().request_repaint();
        }
    }
}

/// Whether row `r` starts its change's run (so its take-back button shows once).
fn run_start(rows: &[Row], r: usize) -> bool {
    let change_of = |row: &Row| match row {
        Row::Deleted { change, .. } | Row::Inserted { change, .. } => Some(*change),
        _ => None,
    };
    r == 0 || change_of(&rows[r - 1]) != change_of(&rows[r]) || change_of(&rows[r]).is_none()
}

fn side_picker(
    ui: &mut Ui,
    id: &str,
    side: &mut Side,
    sides: &[Side],
    story: &Story,
) -> egui::Response {
    egui::ComboBox::from_id_salt(id)
        .selected_text(side.label(story))
        .width(190.0)
        .show_ui(ui, |ui| {
            for s in sides {
                ui.selectable_value(side, *s, s.label(story));
            }
        })
        .response
}

#[allow(clippy::too_many_arguments)]
fn heading(
    ui: &mut Ui,
    rect: Rect,
    field: Field,
    unchanged: bool,
    diff: &Arc<StoryDiff>,
    revertible: bool,
    left: Side,
    right: Side,
    action: &mut Option<CompareAction>,
) {
    let _ = (left, right);
    let mut child =
        ui.new_child(egui::UiBuilder::new().max_rect(rect.shrink2(Vec2::new(0.0, 3.0))));
    child.horizontal(|ui| {
        ui.label(RichText::new(field.label()).strong());
        if unchanged {
            let text = diff.new.get(field);
            let preview = if text.is_empty() {
                ": (empty)".to_owned()
            } else if field.is_multiline() {
                let n = story::paragraph_count(text);
                format!(" · {n} paragraph{}", if n == 1 { "" } else { "s" })
            } else {
                format!(": {text}")
            };
            ui.add(
                egui::Label::new(RichText::new(format!("unchanged{preview}")).weak()).truncate(),
            );
        } else {
            let n = diff.field(field).changes.len();
            ui.label(
                RichText::new(format!("{n} change{}", if n == 1 { "" } else { "s" }))
                    .color(theme::warn_text(ui)),
            );
            if revertible
                && ui
                    .small_button(format!("Restore {} from older side", field.label()))
                    .clicked()
            {
                *action = Some(CompareAction::RevertField(diff.clone(), field));
            }
        }
    });
}

#[allow(clippy::too_many_arguments)]
fn pair(
    ui: &mut Ui,
    rect: Rect,
    column: f32,
    (left, right): (&Arc<Galley>, &Arc<Galley>),
    row: &Row,
    selected: bool,
    revertible: bool,
    diff: &Arc<StoryDiff>,
    field: Field,
    first_of_run: bool,
    action: &mut Option<CompareAction>,
) -> bool {
    let painter = ui.painter();
    let left_rect = Rect::from_min_size(rect.min, Vec2::new(column, rect.height()));
    let right_rect = Rect::from_min_size(
        rect.min + Vec2::new(column + GUTTER, 0.0),
        Vec2::new(column, rect.height()),
    );
    let colors = Colors::new(ui);
    match row {
        Row::Deleted { .. } => {
            painter.rect_filled(right_rect.shrink(2.0), 3.0, colors.gap);
        }
        Row::Inserted { .. } => {
            painter.rect_filled(left_rect.shrink(2.0), 3.0, colors.gap);
        }
        Row::MovedAway { .. } | Row::MovedHere { .. } => {
            painter.rect_filled(rect.shrink(1.0), 3.0, colors.moved_bg);
        }
        _ => {}
    }
    if selected {
        painter.rect_stroke(
            rect.expand(1.0),
            4.0,
            Stroke::new(2.0, ui.visuals().selection.stroke.color),
            egui::StrokeKind::Outside,
        );
    }
    let text = ui.visuals().text_color();
    let note = row_note(row);
    let top = ROW_PAD + if note.is_some() { NOTE_HEIGHT } else { 0.0 };
    painter.galley(left_rect.min + Vec2::new(0.0, top), left.clone(), text);
    painter.galley(right_rect.min + Vec2::new(0.0, top), right.clone(), text);
    let mut jumped = false;
    if let Some(note) = note {
        let column_rect = if note.on_left { left_rect } else { right_rect };
        let note_rect = Rect::from_min_size(
            column_rect.min + Vec2::new(0.0, 2.0),
            Vec2::new(column, NOTE_HEIGHT),
        );
        if note.jumps {
            jumped = ui
                .put(
                    note_rect,
                    egui::Link::new(RichText::new(note.text).strong()),
                )
                .on_hover_text("Go to the other place of this paragraph")
                .clicked();
        } else {
            ui.put(
                note_rect,
                egui::Label::new(RichText::new(note.text).strong()),
            );
        }
    }
    // Accessible text for both sides, so a screen reader (and a test) finds them.
    let id = ui.scope_id().with(("pair", rect.min.y as i64));
    let response = ui.interact(left_rect, id.with("l"), egui::Sense::hover());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Label, true, accessible(left, "Older"))
    });
    let response = ui.interact(right_rect, id.with("r"), egui::Sense::hover());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Label, true, accessible(right, "Newer"))
    });

    if !revertible {
        return jumped;
    }
    let buttons = take_back_buttons(diff, field, row, first_of_run);
    if buttons.is_empty() {
        return jumped;
    }
    let rows_needed = button_rows(ui, &buttons, column);
    let area = Rect::from_min_max(
        Pos2::new(
            right_rect.min.x,
            right_rect.max.y - BUTTONS_HEIGHT * rows_needed as f32,
        ),
        right_rect.max,
    );
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(area));
    child.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    child.horizontal_wrapped(|ui| {
        for (id, label) in buttons {
            if ui
                .small_button(label)
                .on_hover_text("Put the older wording back into the text on screen")
                .clicked()
            {
                *action = Some(CompareAction::RevertChange(diff.clone(), id));
            }
        }
    });
    jumped
}

/// The take-back buttons of a row: (change id, label).
fn take_back_buttons(
    diff: &StoryDiff,
    field: Field,
    row: &Row,
    first_of_run: bool,
) -> Vec<(usize, String)> {
    let fd = diff.field(field);
    let indices: Vec<usize> = match row {
        Row::Same { .. } | Row::MovedAway { .. } => Vec::new(),
        Row::Edited { changes, .. } | Row::Split { changes, .. } | Row::Merged { changes, .. } => {
            changes.clone()
        }
        Row::Deleted { change, .. }
        | Row::Inserted { change, .. }
        | Row::MovedHere { change, .. }
            if first_of_run =>
        {
            vec![*change]
        }
        Row::Deleted { .. } | Row::Inserted { .. } | Row::MovedHere { .. } => Vec::new(),
    };
    indices
        .into_iter()
        .map(|k| {
            let change = &fd.changes[k];
            let (removed, added) = diff.change_text(change);
            let label = if change.kind == ChangeKind::MovedHere {
                format!("Take back move of “{}”", short(added))
            } else {
                format!("Take back {}", describe(removed, added))
            };
            (change.id, label)
        })
        .collect()
}

/// How many rows of small buttons `buttons` need in `width` (laid out exactly
/// as `horizontal_wrapped` will place them).
fn button_rows(ui: &Ui, buttons: &[(usize, String)], width: f32) -> usize {
    if buttons.is_empty() {
        return 0;
    }
    let font = egui::TextStyle::Button.resolve(ui.style());
    let spacing = ui.spacing().item_spacing.x;
    // Small buttons have no vertical padding but keep the horizontal one.
    let padding = ui.spacing().button_padding.x * 2.0 + 2.0;
    let (mut rows, mut used) = (1, 0.0);
    for (_, label) in buttons {
        let text = ui.fonts_mut(|f| {
            f.layout_no_wrap(label.clone(), font.clone(), Color32::WHITE)
                .size()
                .x
        });
        // Err on the side of one row too many: an underestimate puts the
        // buttons over the next paragraph (seen in the real window), an
        // overestimate only leaves a little space.
        let w = (text * 1.1 + padding + 8.0).min(width);
        if used > 0.0 && used + w > width {
            rows += 1;
            used = 0.0;
        }
        used += w + spacing;
    }
    rows
}
