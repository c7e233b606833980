//! The desk table's cells: column widths, a cell of fixed width, the
//! sorting headings, and how counts, sections and search snippets are shown.

use egui::text::LayoutJob;
use egui::{Align, Layout, RichText, TextFormat, Ui};

use crate::desk::{Column, Hit, Sort, StorySummary};
use crate::ui::editor::thousands;

/// The headline column's width (a longer one is shortened; whole on hover).
pub const HEADLINE_WIDTH: f32 = 320.0;

/// A column's width in the table.
pub fn width(column: Column) -> f32 {
    match column {
        Column::Slug => 200.0,
        Column::Headline => HEADLINE_WIDTH,
        Column::Status => 112.0,
        Column::Section => 100.0,
        Column::Byline => 170.0,
        Column::Words => 80.0,
        Column::Modified => 140.0,
        Column::LastDraft => 100.0,
        Column::Errors => 56.0,
        Column::Warnings => 76.0,
        Column::OpenBy => 230.0,
        Column::Path => 240.0,
    }
}

/// One cell of the table: `column`'s width, text shortened to fit (the
/// whole of it on hover where it matters).
pub fn cell<R>(ui: &mut Ui, column: Column, height: f32, add: impl FnOnce(&mut Ui) -> R) -> R {
    let size = egui::vec2(width(column), height);
    ui.allocate_ui_with_layout(size, Layout::left_to_right(Align::Center), |ui| {
        ui.set_min_size(size);
        ui.set_max_width(width(column));
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        add(ui)
    })
    .inner
}

/// A column heading: a button that sorts by the column (again: the other way).
pub fn header(ui: &mut Ui, column: Column, sort: &mut Sort) {
    ui.horizontal(|ui| {
        let button = egui::Button::new(RichText::new(column.label()).strong()).frame(false);
        if ui
            .add(button)
            .on_hover_text(format!("Sort by {}", column.label().to_lowercase()))
            .clicked()
        {
            *sort = if sort.column == column {
                Sort {
                    column,
                    descending: !sort.descending,
                }
            } else {
                Sort {
                    column,
                    // Numbers and times read best largest or newest first.
                    descending: matches!(
                        column,
                        Column::Words | Column::Modified | Column::Errors | Column::Warnings
                    ),
                }
            };
        }
        if sort.column == column {
            ui.label(if sort.descending { "↓" } else { "↑" });
        }
    });
}

/// "820 words", or "820 / 600" against the desk's target.
pub fn words(row: &StorySummary) -> String {
    match row.target {
        Some(target) => format!("{} / {}", thousands(row.words), thousands(target)),
        None => thousands(row.words),
    }
}

pub fn count_cell(ui: &mut Ui, n: usize, colour: egui::Color32) {
    if n == 0 {
        ui.label(RichText::new("0").weak());
    } else {
        ui.label(RichText::new(n.to_string()).color(colour).strong());
    }
}

/// A section's name as shown ("" is the top of the desk).
pub fn section_name(section: &str) -> &str {
    if section.is_empty() { "(top)" } else { section }
}

/// The matching passage with the matches highlighted.
pub fn snippet(ui: &Ui, hit: &Hit, highlight: egui::Color32) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let colour = ui.visuals().text_color();
    let mut job = LayoutJob::default();
    for (text, matched) in &hit.snippet {
        let text = text.replace('\n', " ");
        let format = if *matched {
            TextFormat {
                font_id: font.clone(),
                color: ui.visuals().strong_text_color(),
                background: highlight,
                ..Default::default()
            }
        } else {
            TextFormat::simple(font.clone(), colour)
        };
        job.append(&text, 0.0, format);
    }
    job
}
