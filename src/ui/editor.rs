//! The story editor: every newsroom field with a visible label that is also its
//! accessible name, and live counters against the newsroom limits. Over a limit
//! is shown in words and colour, never blocked.

use egui::{Align, FontId, Layout, RichText, TextEdit, Ui};

use crate::find::Match;
use crate::story::{self, BodyCounts, Field, Fields, Limits, Status};
use crate::ui::marks::{self, Marks};
use crate::ui::spell_menu::{self, WordAction};
use crate::ui::theme;

/// The id of a field's text editor: the same in every frame and from anywhere,
/// so the app can move the cursor or select text in it (from a checks finding).
pub fn field_id(field: Field) -> egui::Id {
    egui::Id::unique(("copydesk-field", field.key()))
}

/// Select the characters `chars` (a char range) of `field`'s editor and give it
/// the keyboard focus.
pub fn select(ctx: &egui::Context, field: Field, chars: std::ops::Range<usize>) {
    use egui::text::{CCursor, CCursorRange};
    let id = field_id(field);
    let mut state = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
    state.cursor.set_char_range(Some(CCursorRange::two(
        CCursor::new(chars.start),
        CCursor::new(chars.end),
    )));
    state.store(ctx, id);
    ctx.memory_mut(|m| m.request_focus(id));
}

/// What the editor reports back to the frame loop.
#[derive(Default)]
pub struct EditorOutput {
    pub changed: bool,
    pub body_changed: bool,
    /// A choice from a misspelt word's right-click menu.
    pub word: Option<WordAction>,
}

/// What the editor shows besides the text: marks, a match to bring into
/// view, and the suggestions for a right-clicked word.
#[derive(Default)]
pub struct Overlay<'a> {
    pub marks: Option<&'a Marks>,
    pub reveal: Option<&'a Match>,
    /// Suggestions for a word, asked for when its menu opens.
    pub suggest: Option<spell_menu::Suggest<'a>>,
}

/// Draw the editor for `fields`. `counts` are the body's counts, kept by the
/// caller and recomputed only when the body changes.
pub fn show(
    ui: &mut Ui,
    fields: &mut Fields,
    status: &mut Status,
    limits: &Limits,
    counts: &BodyCounts,
    overlay: &Overlay<'_>,
) -> EditorOutput {
    let mut out = EditorOutput::default();
    egui::ScrollArea::vertical()
        .id_salt("editor-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Room for the scroll bar, so it never covers a field's edge or
            // a counter when the fields are taller than the window.
            let available = ui.available_width() - scroll_bar_room(ui);
            let width = available.min(theme::COLUMN_WIDTH);
            let margin = ((available - width) / 2.0).max(0.0);
            ui.horizontal(|ui| {
                ui.add_space(margin);
                ui.vertical(|ui| {
                    ui.set_width(width);
                    ui.add_space(8.0);
                    fields_ui(ui, fields, status, limits, counts, overlay, &mut out);
                    ui.add_space(24.0);
                });
            });
        });
    out
}

/// The width the editor's vertical scroll bar takes at the right edge.
pub fn scroll_bar_room(ui: &Ui) -> f32 {
    let scroll = &ui.spacing().scroll;
    scroll.bar_width + scroll.bar_inner_margin + scroll.bar_outer_margin
}

fn fields_ui(
    ui: &mut Ui,
    fields: &mut Fields,
    status: &mut Status,
    limits: &Limits,
    counts: &BodyCounts,
    overlay: &Overlay<'_>,
    out: &mut EditorOutput,
) {
    // Slug and status on one row, or the status below the slug when the
    // column is too narrow for both.
    const STATUS_WIDTH: f32 = 160.0;
    const SLUG_MIN: f32 = 240.0;
    let spacing = ui.spacing().item_spacing.x;
    if ui.available_width() >= SLUG_MIN + STATUS_WIDTH + 2.0 * spacing {
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                ui.set_width(ui.available_width() - STATUS_WIDTH - spacing);
                line_field(
                    ui,
                    Field::Slug,
                    fields,
                    limits,
                    Look::Line(14.0),
                    overlay,
                    out,
                );
            });
            ui.vertical(|ui| status_ui(ui, status, out));
        });
    } else {
        line_field(
            ui,
            Field::Slug,
            fields,
            limits,
            Look::Line(14.0),
            overlay,
            out,
        );
        status_ui(ui, status, out);
    }
    line_field(
        ui,
        Field::Headline,
        fields,
        limits,
        Look::Line(theme::HEADLINE_SIZE),
        overlay,
        out,
    );
    line_field(
        ui,
        Field::Subhead,
        fields,
        limits,
        Look::Wrapped,
        overlay,
        out,
    );
    ui.columns(2, |cols| {
        line_field(
            &mut cols[0],
            Field::Byline,
            fields,
            limits,
            Look::Line(14.5),
            overlay,
            out,
        );
        line_field(
            &mut cols[1],
            Field::Dateline,
            fields,
            limits,
            Look::Line(14.5),
            overlay,
            out,
        );
    });

    // The body: the largest editor, at reading size.
    let minutes = story::reading_minutes(counts.words, limits.words_per_minute);
    let summary = format!(
        "{} words · {} characters · {} paragraphs · {} min read",
        thousands(counts.words),
        thousands(counts.chars),
        thousands(counts.paragraphs),
        minutes
    );
    let label = field_header(ui, Field::Body, Some(RichText::new(summary).weak()));
    let font = FontId::proportional(theme::BODY_SIZE);
    let edit = Shape {
        rows: 18,
        hint: "Write the story here. One paragraph per line.",
        enter: true,
    };
    let response =
        show_field(ui, Field::Body, &mut fields.body, edit, font, overlay, out).labelled_by(label);
    if response.changed() {
        out.changed = true;
        out.body_changed = true;
    }

    let label = field_header(ui, Field::Note, None);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let edit = Shape {
        rows: 3,
        hint: "For the desk, not for print",
        enter: true,
    };
    let response =
        show_field(ui, Field::Note, &mut fields.note, edit, font, overlay, out).labelled_by(label);
    out.changed |= response.changed();
}

/// How a field's editor looks: rows (1: one line), hint, whether Enter
/// adds a line.
#[derive(Clone, Copy)]
struct Shape {
    rows: usize,
    hint: &'static str,
    enter: bool,
}

impl Shape {
    const LINE: Shape = Shape {
        rows: 1,
        hint: "",
        enter: true,
    };
}

/// Show one field's editor with its marks (when it has any; otherwise
/// exactly as egui lays it out), bring a match into view, and offer the
/// misspelt-word menu on right-click.
fn show_field(
    ui: &mut Ui,
    field: Field,
    text: &mut String,
    shape: Shape,
    font: FontId,
    overlay: &Overlay<'_>,
    out: &mut EditorOutput,
) -> egui::Response {
    let field_marks = overlay
        .marks
        .map(|m| m.field(field))
        .filter(|m| !m.is_empty());
    let layout_font = font.clone();
    let mut layouter = |ui: &Ui, buf: &dyn egui::TextBuffer, wrap: f32| {
        let empty = marks::FieldMarks::default();
        marks::layout(
            ui,
            buf.as_str(),
            layout_font.clone(),
            wrap,
            field_marks.unwrap_or(&empty),
        )
    };
    let mut edit = if shape.rows > 1 {
        TextEdit::multiline(text).desired_rows(shape.rows)
    } else {
        TextEdit::singleline(text)
    };
    if !shape.hint.is_empty() {
        edit = edit.hint_text(shape.hint);
    }
    if !shape.enter {
        edit = edit.return_key(None);
    }
    let edit = edit
        .id(field_id(field))
        .desired_width(f32::INFINITY)
        .font(font);
    let output = match field_marks {
        Some(_) => edit.layouter(&mut layouter).show(ui),
        None => edit.show(ui),
    };
    if let Some(fm) = field_marks {
        marks::paint_wavy(ui, &output.galley, output.galley_pos, &fm.misspelt_chars);
    }
    let text = output.galley.text();
    if let Some(m) = overlay.reveal.filter(|m| m.field == field)
        && let Some(before) = text.get(..m.range.start)
    {
        let at = egui::text::CCursor::new(before.chars().count());
        let rect = output
            .galley
            .pos_from_cursor(at)
            .translate(output.galley_pos.to_vec2())
            .expand(8.0);
        ui.scroll_to_rect(rect, Some(Align::Center));
    }
    let response = output.response.response;
    if let Some(fm) = field_marks
        && let Some(action) = spell_menu::attach(
            ui,
            &response,
            field,
            &output.galley,
            output.galley_pos,
            &fm.misspelt_chars,
            overlay.suggest,
        )
    {
        out.word = Some(action);
    }
    response
}

/// The field's label on the left and its counter text on the right. When
/// both do not fit on one row (a narrow column between the side panels), the
/// counter goes on its own row below the label and wraps there, so it is
/// always shown whole. Returns the label's id, to tie the editor to it as its
/// accessible name.
fn field_header(ui: &mut Ui, field: Field, counter: Option<RichText>) -> egui::Id {
    ui.add_space(4.0);
    let title = RichText::new(field.label()).strong();
    let Some(counter) = counter else {
        return ui.label(title).id;
    };
    let width = |ui: &Ui, text: &RichText| {
        egui::WidgetText::from(text.clone())
            .into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            )
            .size()
            .x
    };
    let needed = width(ui, &title) + ui.spacing().item_spacing.x * 2.0 + width(ui, &counter);
    if needed <= ui.available_width() {
        ui.horizontal(|ui| {
            let label = ui.label(title);
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                ui.label(counter);
            });
            label.id
        })
        .inner
    } else {
        let label = ui.label(title);
        ui.with_layout(Layout::top_down(Align::Max), |ui| {
            ui.add(egui::Label::new(counter).wrap());
        });
        label.id
    }
}

/// "23 / 64", or "71 / 64 · 7 over" in the error colour.
fn limit_counter(ui: &Ui, text: &str, limit: Option<usize>) -> Option<RichText> {
    let count = story::char_count(text);
    match limit {
        Some(limit) if count > limit => Some(
            RichText::new(format!("{count} / {limit} · {} over", count - limit))
                .color(theme::error_text(ui))
                .strong(),
        ),
        Some(limit) => Some(RichText::new(format!("{count} / {limit}")).weak()),
        None => None,
    }
}

/// The status picker, labelled "Status".
fn status_ui(ui: &mut Ui, status: &mut Status, out: &mut EditorOutput) {
    let label = ui.label(RichText::new("Status").strong());
    egui::ComboBox::from_id_salt("status")
        .selected_text(status.label())
        .width(150.0)
        .show_ui(ui, |ui| {
            for s in Status::ALL {
                if ui.selectable_value(status, s, s.label()).changed() {
                    out.changed = true;
                }
            }
        })
        .response
        .labelled_by(label.id);
}

/// How a one-line field is shown.
#[derive(Clone, Copy)]
enum Look {
    /// One line at this font size (slug, headline, byline, dateline).
    Line(f32),
    /// A paragraph that wraps over two rows, Enter adding nothing (subhead).
    Wrapped,
}

/// A field that holds one line of text, with its label and limit counter.
fn line_field(
    ui: &mut Ui,
    field: Field,
    fields: &mut Fields,
    limits: &Limits,
    look: Look,
    overlay: &Overlay<'_>,
    out: &mut EditorOutput,
) {
    let limit = limits.for_field(field);
    let counter = limit_counter(ui, fields.get(field), limit);
    let label = field_header(ui, field, counter);
    let text = fields.get_mut(field);
    let response = match look {
        Look::Line(size) => {
            let font = FontId::proportional(size);
            show_field(ui, field, text, Shape::LINE, font, overlay, out)
        }
        Look::Wrapped => {
            let font = FontId::proportional(16.0);
            let edit = Shape {
                rows: 2,
                hint: "",
                enter: false,
            };
            show_field(ui, field, text, edit, font, overlay, out)
        }
    }
    .labelled_by(label);
    if response.changed() {
        keep_single_line(text);
        out.changed = true;
    }
}

/// Pasted line breaks become spaces (the single-line text rule).
fn keep_single_line(text: &mut String) {
    if story::needs_single_line(text) {
        *text = story::single_line(text);
    }
}

/// 12345 → "12,345".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_separators() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1000), "1,000");
        assert_eq!(super::thousands(1234567), "1,234,567");
    }
}
