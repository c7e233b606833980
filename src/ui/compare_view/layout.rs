//! The compare's row layout: one line per field heading and per row of two
//! paragraphs, each side's text laid out once per diff, width and theme, with
//! the top of every line and the line of every change (for stepping and for
//! jumping between the two places of a moved paragraph).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::{Galley, Ui};

use super::CompareView;
use super::take_back::{button_rows, take_back_buttons};
use super::text::{Colors, Mark, gap_job, marked_job, moved_job, plain_job, row_note};
use crate::compare::{ChangeKind, Row, StoryDiff};
use crate::story::Field;

/// One line of the view: a field heading or a row of two paragraphs.
pub(super) enum Line {
    Heading { field: Field, unchanged: bool },
    Pair { field: Field, row: usize },
}

pub(super) struct Laid {
    pub(super) lines: Vec<Line>,
    /// Per line: (left, right) galleys; `None` for headings.
    pub(super) galleys: Vec<Option<(Arc<Galley>, Arc<Galley>)>>,
    /// Top of each line, plus the total height at the end.
    pub(super) tops: Vec<f32>,
    /// The line of each change the user steps through (a move once, at its
    /// new place), in text order.
    pub(super) change_line: Vec<usize>,
    /// The line showing each change, by change id.
    pub(super) line_of_change: HashMap<usize, usize>,
    width_key: u32,
    dark: bool,
    revertible: bool,
    diff: Arc<StoryDiff>,
}

pub(super) const GUTTER: f32 = 16.0;
pub(super) const ROW_PAD: f32 = 6.0;
pub(super) const BUTTONS_HEIGHT: f32 = 26.0;
/// Room above a row's text for "Moved to ¶7" and the like.
pub(super) const NOTE_HEIGHT: f32 = 22.0;

impl CompareView {
    pub(super) fn layout(&mut self, ui: &Ui, diff: &Arc<StoryDiff>, revertible: bool, width: f32) {
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
}

/// Whether row `r` starts its change's run (so its take-back button shows once).
pub(super) fn run_start(rows: &[Row], r: usize) -> bool {
    let change_of = |row: &Row| match row {
        Row::Deleted { change, .. } | Row::Inserted { change, .. } => Some(*change),
        _ => None,
    };
    r == 0 || change_of(&rows[r - 1]) != change_of(&rows[r]) || change_of(&rows[r]).is_none()
}
