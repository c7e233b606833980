//! The story editor: every newsroom field with a visible label that is also its
//! accessible name, and live counters against the newsroom limits. Over a limit
//! is shown in words and colour, never blocked.

use egui::{Align, FontId, Layout, RichText, TextEdit, Ui};

use crate::story::{self, BodyCounts, Field, Fields, Limits, Status};
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
}

/// Draw the editor for `fields`. `counts` are the body's counts, kept by the
/// caller and recomputed only when the body changes.
pub fn show(
    ui: &mut Ui,
    fields: &mut Fields,
    status: &mut Status,
    limits: &Limits,
    counts: &BodyCounts,
) -> EditorOutput {
    let mut out = EditorOutput::default();
    egui::ScrollArea::vertical()
        .id_salt("editor-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let width = ui.available_width().min(theme::COLUMN_WIDTH);
            let margin = ((ui.available_width() - width) / 2.0).max(0.0);
            ui.horizontal(|ui| {
                ui.add_space(margin);
                ui.vertical(|ui| {
                    ui.set_width(width);
                    ui.add_space(8.0);
                    fields_ui(ui, fields, status, limits, counts, &mut out);
                    ui.add_space(24.0);
                });
            });
        });
    out
}

fn fields_ui(
    ui: &mut Ui,
    fields: &mut Fields,
    status: &mut Status,
    limits: &Limits,
    counts: &BodyCounts,
    out: &mut EditorOutput,
) {
    // Slug and status on one row.
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.set_width((ui.available_width() - 180.0).max(200.0));
            line_field(ui, Field::Slug, fields, limits, Look::Line(14.0), out);
        });
        ui.vertical(|ui| {
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
        });
    });
    line_field(
        ui,
        Field::Headline,
        fields,
        limits,
        Look::Line(theme::HEADLINE_SIZE),
        out,
    );
    line_field(ui, Field::Subhead, fields, limits, Look::Wrapped, out);
    ui.columns(2, |cols| {
        line_field(
            &mut cols[0],
            Field::Byline,
            fields,
            limits,
            Look::Line(14.5),
            out,
        );
        line_field(
            &mut cols[1],
            Field::Dateline,
            fields,
            limits,
            Look::Line(14.5),
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
    let label = field_header(ui, Field::Body, |ui| {
        ui.label(RichText::new(summary).weak());
    });
    let response = ui
        .add(
            TextEdit::multiline(&mut fields.body)
                .id(field_id(Field::Body))
                .font(FontId::proportional(theme::BODY_SIZE))
                .desired_width(f32::INFINITY)
                .desired_rows(18)
                .hint_text("Write the story here. One paragraph per line."),
        )
        .labelled_by(label);
    if response.changed() {
        out.changed = true;
        out.body_changed = true;
    }

    let label = field_header(ui, Field::Note, |_| {});
    let response = ui
        .add(
            TextEdit::multiline(&mut fields.note)
                .id(field_id(Field::Note))
                .desired_width(f32::INFINITY)
                .desired_rows(3)
                .hint_text("For the desk, not for print"),
        )
        .labelled_by(label);
    out.changed |= response.changed();
}

/// The field's label on the left and `extra` (counters) on the right. Returns
/// the label's id, to tie the editor to it as its accessible name.
fn field_header(ui: &mut Ui, field: Field, extra: impl FnOnce(&mut Ui)) -> egui::Id {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let label = ui.label(RichText::new(field.label()).strong());
        ui.with_layout(Layout::right_to_left(Align::Center), extra);
        label.id
    })
    .inner
}

/// "23 / 64", or "71 / 64 · 7 over" in the error colour.
fn limit_counter(ui: &mut Ui, text: &str, limit: Option<usize>) {
    let count = story::char_count(text);
    match limit {
        Some(limit) if count > limit => {
            ui.label(
                RichText::new(format!("{count} / {limit} · {} over", count - limit))
                    .color(theme::error_text(ui))
                    .strong(),
            );
        }
        Some(limit) => {
            ui.label(RichText::new(format!("{count} / {limit}")).weak());
        }
        None => {}
    }
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
    out: &mut EditorOutput,
) {
    let limit = limits.for_field(field);
    let label = field_header(ui, field, |ui| limit_counter(ui, fields.get(field), limit));
    let text = fields.get_mut(field);
    let edit = match look {
        Look::Line(size) => TextEdit::singleline(text).font(FontId::proportional(size)),
        Look::Wrapped => TextEdit::multiline(text)
            .font(FontId::proportional(16.0))
            .desired_rows(2)
            .return_key(None),
    };
    let response = ui
        .add(edit.id(field_id(field)).desired_width(f32::INFINITY))
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
