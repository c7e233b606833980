//! Marks over the editor's text: find matches (the current one stronger)
//! as a background, misspelt words as a wavy underline. [`Marks`] holds them
//! per field; [`layout`] lays a field's text out with the backgrounds, and
//! [`paint_wavy`] draws the underlines over the laid-out text, only on the
//! rows in view, so a long story costs a frame little more than a short one.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Pos2, Stroke, Ui};

use crate::find::Match;
use crate::story::{Field, Fields};

/// One field's marks: byte ranges for the layout, char ranges for painting.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldMarks {
    pub found: Vec<Range<usize>>,
    pub current: Option<Range<usize>>,
    /// Misspelt words as char ranges (what the galley counts in), sorted.
    pub misspelt_chars: Vec<Range<usize>>,
}

impl FieldMarks {
    pub fn is_empty(&self) -> bool {
        self.found.is_empty() && self.current.is_none() && self.misspelt_chars.is_empty()
    }
}

/// Every field's marks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    fields: [FieldMarks; 7],
}

fn index(field: Field) -> usize {
    Field::ALL.iter().position(|f| *f == field).unwrap_or(0)
}

impl Marks {
    /// Marks for `fields` from find matches and misspelt words (byte
    /// ranges; ones that do not fit the text are left out).
    pub fn new(
        fields: &Fields,
        found: &[Match],
        current: Option<&Match>,
        misspelt: &[(Field, Range<usize>)],
    ) -> Self {
        let mut marks = Marks::default();
        for m in found {
            marks.fields[index(m.field)].found.push(m.range.clone());
        }
        if let Some(m) = current {
            marks.fields[index(m.field)].current = Some(m.range.clone());
        }
        for field in Field::ALL {
            let mut bytes: Vec<Range<usize>> = misspelt
                .iter()
                .filter(|(f, _)| *f == field)
                .map(|(_, r)| r.clone())
                .collect();
            if bytes.is_empty() {
                continue;
            }
            bytes.sort_by_key(|r| r.start);
            marks.fields[index(field)].misspelt_chars = to_chars(fields.get(field), &bytes);
        }
        marks
    }

    pub fn field(&self, field: Field) -> &FieldMarks {
        &self.fields[index(field)]
    }

    /// The misspelt char ranges of `field` (for tests and the word menu).
    pub fn misspelt(&self, field: Field) -> &[Range<usize>] {
        &self.fields[index(field)].misspelt_chars
    }
}

/// Sorted byte ranges of `text` as char ranges, in one pass. Ranges that do
/// not fit are dropped.
fn to_chars(text: &str, bytes: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(bytes.len());
    let (mut at_byte, mut at_char) = (0usize, 0usize);
    let advance = |to: usize, at_byte: &mut usize, at_char: &mut usize| {
        *at_char += text[*at_byte..to].chars().count();
        *at_byte = to;
    };
    for r in bytes {
        if r.start < at_byte
            || r.end > text.len()
            || r.start > r.end
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        advance(r.start, &mut at_byte, &mut at_char);
        let start = at_char;
        advance(r.end, &mut at_byte, &mut at_char);
        out.push(start..at_char);
    }
    out
}

/// The colours of the marks, readable in both themes.
pub struct Palette {
    pub found: Color32,
    pub current: Color32,
    pub wavy: Color32,
}

impl Palette {
    pub fn of(ui: &Ui) -> Self {
        if ui.visuals().dark_mode {
            Palette {
                found: Color32::from_rgb(80, 70, 20),
                current: Color32::from_rgb(150, 110, 0),
                wavy: Color32::from_rgb(255, 110, 100),
            }
        } else {
            Palette {
                found: Color32::from_rgb(255, 240, 160),
                current: Color32::from_rgb(255, 190, 60),
                wavy: Color32::from_rgb(210, 30, 30),
            }
        }
    }
}

/// Lay `text` out in `font`, with find matches as backgrounds.
pub fn layout(
    ui: &Ui,
    text: &str,
    font: FontId,
    wrap_width: f32,
    marks: &FieldMarks,
) -> Arc<Galley> {
    // The placeholder colour is painted in the editor's own text colour.
    let plain = TextFormat::simple(font.clone(), Color32::PLACEHOLDER);
    let mut job = LayoutJob {
        text: text.to_owned(),
        ..LayoutJob::default()
    };
    job.wrap.max_width = wrap_width;
    let palette = Palette::of(ui);
    let fits = |r: &Range<usize>| {
        r.start < r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    };
    let mut at = 0;
    let push = |job: &mut LayoutJob, range: Range<usize>, format: TextFormat| {
        if !range.is_empty() {
            job.sections.push(egui::text::LayoutSection {
                leading_space: 0.0,
                byte_range: range.start.into()..range.end.into(),
                format,
            });
        }
    };
    for r in marks.found.iter().filter(|r| fits(r)) {
        if r.start < at {
            continue;
        }
        push(&mut job, at..r.start, plain.clone());
        let background = if marks.current.as_ref() == Some(r) {
            palette.current
        } else {
            palette.found
        };
        push(
            &mut job,
            r.clone(),
            TextFormat {
                background,
                ..plain.clone()
            },
        );
        at = r.end;
    }
    push(&mut job, at..text.len(), plain);
    ui.ctx().fonts_mut(|f| f.layout_job(job))
}

/// Draw a wavy underline under each misspelt word (char ranges) of `galley`
/// painted at `origin`, on the rows inside the visible area only.
pub fn paint_wavy(ui: &Ui, galley: &Galley, origin: Pos2, misspelt: &[Range<usize>]) {
    if misspelt.is_empty() {
        return;
    }
    let clip = ui.clip_rect();
    let stroke = Stroke::new(1.2, Palette::of(ui).wavy);
    let painter = ui.painter();
    let mut next = 0; // first mark that may still be on this row or later
    let mut row_start = 0usize;
    for placed in &galley.rows {
        let glyphs = &placed.row.glyphs;
        let row_end = row_start + glyphs.len();
        let top = origin.y + placed.pos.y;
        let bottom = top + placed.row.size.y;
        if bottom >= clip.top() && top <= clip.bottom() {
            while next < misspelt.len() && misspelt[next].end <= row_start {
                next += 1;
            }
            let mut k = next;
            while k < misspelt.len() && misspelt[k].start < row_end {
                let r = &misspelt[k];
                let a = r.start.max(row_start) - row_start;
                let b = r.end.min(row_end) - row_start;
                if a < b {
                    let x0 = origin.x + placed.pos.x + glyphs[a].pos.x;
                    let x1 = origin.x + placed.pos.x + glyphs[b - 1].max_x();
                    wave(painter, x0, x1, bottom - 1.5, stroke);
                }
                k += 1;
            }
        } else if top > clip.bottom() {
            break;
        }
        row_start = row_end + usize::from(placed.ends_with_newline);
    }
}

/// A zigzag from `x0` to `x1` around `y`.
fn wave(painter: &egui::Painter, x0: f32, x1: f32, y: f32, stroke: Stroke) {
    const STEP: f32 = 2.0;
    const AMP: f32 = 1.3;
    let mut points = Vec::with_capacity(((x1 - x0) / STEP) as usize + 2);
    let mut x = x0;
    let mut up = false;
    while x < x1 {
        points.push(Pos2::new(x, if up { y - AMP } else { y + AMP }));
        x += STEP;
        up = !up;
    }
    points.push(Pos2::new(x1, if up { y - AMP } else { y + AMP }));
    painter.add(egui::Shape::line(points, stroke));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_ranges_become_char_ranges() {
        let text = "Київ recieve Ukraine’s goverment";
        let bytes: Vec<Range<usize>> = ["recieve", "goverment"]
            .iter()
            .map(|w| {
                let s = text.find(w).unwrap();
                s..s + w.len()
            })
            .collect();
        assert_eq!(to_chars(text, &bytes), [5..12, 23..32]);
        // A range off a char boundary is dropped.
        let off_boundary = vec![Range { start: 1, end: 3 }];
        assert_eq!(to_chars(text, &off_boundary), Vec::<Range<usize>>::new());
    }
}
