//! The text of the compare's rows: layout jobs with removed and added words
//! marked, the colours, the notes above moved, split and merged paragraphs,
//! and the labels of take-back buttons.

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Stroke, Ui};

use crate::compare::Row;

/// The note above a row's text: where a moved paragraph went or came from
/// (a link to the other place), or what a split or merge joined.
pub(super) struct Note {
    pub text: String,
    pub on_left: bool,
    pub jumps: bool,
}

pub(super) fn paragraph_list(range: Range<usize>) -> String {
    let parts: Vec<String> = range.map(|k| format!("¶{}", k + 1)).collect();
    match parts.as_slice() {
        [rest @ .., last] if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => parts.concat(),
    }
}

pub(super) fn row_note(row: &Row) -> Option<Note> {
    match row {
        Row::MovedAway { to, .. } => Some(Note {
            text: format!("Moved to ¶{} ↓", to + 1),
            on_left: false,
            jumps: true,
        }),
        Row::MovedHere { from, .. } => Some(Note {
            text: format!("Moved from ¶{} ↑", from + 1),
            on_left: true,
            jumps: true,
        }),
        Row::Split { new, .. } => Some(Note {
            text: format!("Split into {}", paragraph_list(new.clone())),
            on_left: true,
            jumps: false,
        }),
        Row::Merged { old, .. } => Some(Note {
            text: format!("Merged from {}", paragraph_list(old.clone())),
            on_left: false,
            jumps: false,
        }),
        _ => None,
    }
}

/// The start of `s`, shortened for a button.
pub(super) fn short(s: &str) -> String {
    let s = s.trim();
    let mut out: String = s.chars().take(24).collect();
    if s.chars().count() > 24 {
        out.push('…');
    }
    out
}

/// "“quick” → “slow”", shortened for a button.
pub(super) fn describe(removed: &str, added: &str) -> String {
    match (removed.trim().is_empty(), added.trim().is_empty()) {
        (true, true) if added.contains('\n') => "added blank line".to_owned(),
        (true, true) if removed.contains('\n') => "removed blank line".to_owned(),
        (true, true) => "spacing change".to_owned(),
        (true, _) => format!("added “{}”", short(added)),
        (_, true) => format!("removed “{}”", short(removed)),
        _ => format!("“{}” → “{}”", short(removed), short(added)),
    }
}

pub(super) fn accessible(galley: &Galley, side: &str) -> String {
    format!("{side}: {}", galley.text())
}

#[derive(Clone, Copy)]
pub(super) enum Mark {
    Removed,
    Added,
}

pub(super) struct Colors {
    pub text: Color32,
    pub removed_bg: Color32,
    pub added_bg: Color32,
    pub removed_text: Color32,
    pub added_text: Color32,
    pub gap: Color32,
    pub moved_bg: Color32,
    pub moved_text: Color32,
}

impl Colors {
    pub fn new(ui: &Ui) -> Self {
        let dark = ui.visuals().dark_mode;
        if dark {
            Colors {
                text: ui.visuals().text_color(),
                removed_bg: Color32::from_rgb(100, 30, 36),
                added_bg: Color32::from_rgb(24, 82, 44),
                removed_text: Color32::from_rgb(255, 205, 205),
                added_text: Color32::from_rgb(205, 255, 215),
                gap: Color32::from_white_alpha(8),
                moved_bg: Color32::from_rgba_unmultiplied(90, 120, 220, 28),
                moved_text: Color32::from_rgb(190, 205, 255),
            }
        } else {
            Colors {
                text: ui.visuals().text_color(),
                removed_bg: Color32::from_rgb(255, 215, 215),
                added_bg: Color32::from_rgb(205, 240, 210),
                removed_text: Color32::from_rgb(120, 0, 0),
                added_text: Color32::from_rgb(0, 80, 20),
                gap: Color32::from_black_alpha(10),
                moved_bg: Color32::from_rgba_unmultiplied(60, 90, 200, 22),
                moved_text: Color32::from_rgb(30, 50, 130),
            }
        }
    }
}

pub(super) fn font() -> FontId {
    FontId::proportional(15.0)
}

pub(super) fn plain_job(text: &str, colors: &Colors, width: f32) -> LayoutJob {
    let mut job = LayoutJob::simple(text.to_owned(), font(), colors.text, width);
    job.wrap.max_width = width;
    job
}

/// A paragraph shown at the place it moved away from.
pub(super) fn moved_job(text: &str, colors: &Colors, width: f32) -> LayoutJob {
    let mut job = LayoutJob::simple(text.to_owned(), font(), colors.moved_text, width);
    job.wrap.max_width = width;
    job
}

pub(super) fn gap_job(colors: &Colors, width: f32) -> LayoutJob {
    plain_job("", colors, width)
}

/// A paragraph (`within` of `text`) with `marks` highlighted: removed text struck
/// through on red, added text underlined on green — never colour alone.
pub(super) fn marked_job(
    text: &str,
    within: Range<usize>,
    marks: &[Range<usize>],
    mark: Mark,
    colors: &Colors,
    width: f32,
) -> LayoutJob {
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping {
            max_width: width,
            ..Default::default()
        },
        ..Default::default()
    };
    let normal = TextFormat {
        font_id: font(),
        color: colors.text,
        ..Default::default()
    };
    let marked = match mark {
        Mark::Removed => TextFormat {
            font_id: font(),
            color: colors.removed_text,
            background: colors.removed_bg,
            strikethrough: Stroke::new(1.0, colors.removed_text),
            ..Default::default()
        },
        Mark::Added => TextFormat {
            font_id: font(),
            color: colors.added_text,
            background: colors.added_bg,
            underline: Stroke::new(1.0, colors.added_text),
            ..Default::default()
        },
    };
    let mut pos = within.start;
    for m in marks {
        let start = m.start.clamp(within.start, within.end);
        let end = m.end.clamp(within.start, within.end);
        if start > pos {
            job.append(&text[pos..start], 0.0, normal.clone());
        }
        if end > start {
            job.append(&text[start..end], 0.0, marked.clone());
        }
        pos = pos.max(end);
    }
    if within.end > pos {
        job.append(&text[pos..within.end], 0.0, normal);
    }
    job
}
