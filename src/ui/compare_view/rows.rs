//! Painting the compare's rows: only the lines in view, each field heading
//! (with Restore) and each row of two paragraphs with its backgrounds, note,
//! accessible text and take-back buttons.

use std::sync::Arc;

use egui::{Galley, Pos2, Rect, RichText, Stroke, Ui, Vec2};

use super::layout::{BUTTONS_HEIGHT, GUTTER, Line, NOTE_HEIGHT, ROW_PAD, run_start};
use super::take_back::{button_rows, take_back_buttons};
use super::text::{Colors, accessible, row_note};
use super::{CompareAction, CompareView, Side};
use crate::compare::{Row, StoryDiff};
use crate::story::{self, Field};
use crate::ui::theme;

impl CompareView {
    pub(super) fn rows(
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
