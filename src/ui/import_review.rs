//! The import review: before an imported story is created, every line or
//! paragraph of the copy is listed with the field it goes to and why. One
//! click moves a piece to another field (headline, subhead, byline, dateline,
//! slug, note, body) or drops it; a live preview shows the fields that result.
//! The window returns what the user asked for ([`ReviewAction`]); the app
//! creates the story. Also here: recognising a paste of a whole story into an
//! empty story, which offers the same review.

use egui::{Color32, RichText, Ui};

use crate::import::pieces::{Piece, Role, assemble};
use crate::import::{ImportKind, Imported, import};
use crate::story::{Field, Fields, word_count};
use crate::ui::theme;

/// Where the copy under review came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A file, described for the user ("copy.md as Markdown").
    File(String),
    /// Text pasted into `field` of an empty story.
    Paste { text: String, field: Field },
}

/// What the user asked the review for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewAction {
    /// Make the story of these fields.
    Create(Fields),
    /// Paste the text as typed into the field, no import (paste only).
    PasteAsTyped { text: String, field: Field },
    /// Close without creating anything.
    Cancel,
}

/// The review window's state.
pub struct ImportReview {
    source: Source,
    pieces: Vec<Piece>,
    report: Vec<String>,
    preview: Fields,
}

/// The field buttons of a row, in the order an editor reads a story.
const CHOICES: [(Role, &str, &str); 8] = [
    (Role::Slug, "Slug", "Slug"),
    (Role::Headline, "Head", "Headline"),
    (Role::Subhead, "Sub", "Subhead"),
    (Role::Byline, "By", "Byline"),
    (Role::Dateline, "Date", "Dateline"),
    (Role::Body, "Body", "Body"),
    (Role::Note, "Note", "Editor's note"),
    (Role::Dropped, "Drop", "Drop"),
];

/// How many characters of a piece a row shows (all of it on hover).
const ROW_CHARS: usize = 140;

impl ImportReview {
    pub fn new(source: Source, imported: Imported) -> Self {
        ImportReview {
            source,
            preview: imported.fields,
            pieces: imported.pieces,
            report: imported.report,
        }
    }

    /// The review of `text` pasted into `field`, when it holds a whole story.
    pub fn of_paste(text: String, field: Field) -> Self {
        let imported = import(&text, ImportKind::PlainText);
        Self::new(Source::Paste { text, field }, imported)
    }

    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// The fields as they stand with the roles chosen so far.
    pub fn fields(&self) -> &Fields {
        &self.preview
    }

    /// Give piece `index` another role; the preview follows.
    pub fn set_role(&mut self, index: usize, role: Role) {
        if let Some(piece) = self.pieces.get_mut(index)
            && piece.role != role
        {
            piece.role = role;
            piece.why = "moved by the editor".to_owned();
            self.preview = assemble(&self.pieces);
        }
    }

    /// Where the copy came from (the window is done with).
    pub fn into_source(self) -> Source {
        self.source
    }

    /// Draw the window. Returns what the user asked for, if anything.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<ReviewAction> {
        let mut action = None;
        let mut open = true;
        egui::Window::new("Import: check where every line goes")
            .open(&mut open)
            .default_size([1000.0, 620.0])
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .collapsible(false)
            .show(ctx, |ui| action = self.ui(ui));
        if !open {
            action = Some(ReviewAction::Cancel);
        }
        action
    }

    fn ui(&mut self, ui: &mut Ui) -> Option<ReviewAction> {
        let mut action = None;
        let what = match &self.source {
            Source::File(what) => format!("Importing {what}."),
            Source::Paste { .. } => {
                "The pasted text looks like a whole story: import it into the fields?".to_owned()
            }
        };
        ui.label(RichText::new(what).strong());
        ui.label(
            "Each line or paragraph goes to the field marked beside it. Click another field \
             to move it there, or Drop to leave it out. Lines marked “check” are guesses.",
        );
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let create = ui.button(RichText::new("Create story").strong());
            if create.clicked() {
                action = Some(ReviewAction::Create(self.preview.clone()));
            }
            if let Source::Paste { text, field } = &self.source
                && ui
                    .button("Paste as typed")
                    .on_hover_text("Paste the text into the field as it is, without importing")
                    .clicked()
            {
                action = Some(ReviewAction::PasteAsTyped {
                    text: text.clone(),
                    field: *field,
                });
            }
            if ui.button("Cancel").clicked() {
                action = Some(ReviewAction::Cancel);
            }
        });
        ui.separator();
        let height = ui.available_height().max(200.0);
        ui.columns(2, |cols| {
            cols[0].label(RichText::new("Lines of the copy").strong());
            let mut moved = None;
            egui::ScrollArea::vertical()
                .id_salt("import-review-pieces")
                .max_height(height - 30.0)
                .auto_shrink([false, false])
                .show(&mut cols[0], |ui| {
                    for (index, piece) in self.pieces.iter().enumerate() {
                        if let Some(role) = piece_row(ui, index, piece) {
                            moved = Some((index, role));
                        }
                    }
                });
            if let Some((index, role)) = moved {
                self.set_role(index, role);
                // Drawn with the old role this frame: draw again.
                cols[0].ctx().request_repaint();
            }
            cols[1].label(RichText::new("The story it makes").strong());
            egui::ScrollArea::vertical()
                .id_salt("import-review-preview")
                .max_height(height - 30.0)
                .auto_shrink([false, false])
                .show(&mut cols[1], |ui| preview(ui, &self.preview, &self.report));
        });
        action
    }
}

/// One piece: its field buttons, its text and why it went there. Returns a
/// new role when a button was clicked.
fn piece_row(ui: &mut Ui, index: usize, piece: &Piece) -> Option<Role> {
    let mut chosen = None;
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 2.0;
        for (role, short, long) in CHOICES {
            let selected = piece.role == role;
            let name = format!("Move piece {} to {long}", index + 1);
            let response = ui
                .selectable_label(selected, RichText::new(short).small())
                .on_hover_text(&name);
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, selected, &name)
            });
            if response.clicked() && !selected {
                chosen = Some(role);
            }
        }
    });
    let mut text: String = piece.text.chars().take(ROW_CHARS).collect();
    if piece.text.chars().count() > ROW_CHARS {
        text.push('…');
    }
    let mut rich = RichText::new(text);
    if piece.role == Role::Dropped {
        rich = rich.strikethrough().weak();
    }
    ui.horizontal_wrapped(|ui| {
        if piece.is_flagged() {
            ui.label(RichText::new("check").strong().color(theme::warn_text(ui)));
        }
        ui.label(rich).on_hover_text(&piece.text);
    });
    let at = piece
        .line
        .map(|n| format!("line {n} · "))
        .unwrap_or_default();
    ui.label(
        RichText::new(format!("{at}{}: {}", piece.role.label(), piece.why))
            .small()
            .weak(),
    );
    ui.add_space(6.0);
    chosen
}

/// The fields as the story will have them, and the reader's notes.
fn preview(ui: &mut Ui, fields: &Fields, report: &[String]) {
    for field in Field::ALL {
        let value = fields.get(field);
        ui.label(RichText::new(field.label()).small().strong());
        if value.is_empty() {
            ui.label(RichText::new("(empty)").weak().italics());
        } else if field == Field::Body {
            let paragraphs: Vec<&str> = crate::export::paragraphs(value).collect();
            for p in paragraphs.iter().take(4) {
                ui.label(*p);
            }
            if paragraphs.len() > 4 {
                ui.label(
                    RichText::new(format!(
                        "… {} paragraphs, {} words in all",
                        paragraphs.len(),
                        word_count(value)
                    ))
                    .weak(),
                );
            }
        } else {
            ui.label(value);
        }
        ui.add_space(4.0);
    }
    let notes: Vec<&String> = report
        .iter()
        .filter(|line| !line.starts_with("line ") && !line.starts_with("editor's note ("))
        .collect();
    if !notes.is_empty() {
        ui.separator();
        ui.label(RichText::new("Also noticed").small().strong());
        for line in notes {
            ui.label(RichText::new(line).small().color(Color32::GRAY));
        }
    }
}

/// Whether pasted text holds a whole story rather than a phrase: several
/// paragraphs (blank-line blocks) or at least three lines.
pub fn is_whole_story(text: &str) -> bool {
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    let blocks = text
        .replace("\r\n", "\n")
        .split("\n\n")
        .filter(|b| !b.trim().is_empty())
        .count();
    lines >= 3 || blocks >= 2
}

/// A paste of a whole story into `field` this frame, taken out of the input
/// so the field does not receive it.
pub fn take_story_paste(ctx: &egui::Context) -> Option<String> {
    ctx.input_mut(|input| {
        let at = input
            .events
            .iter()
            .position(|e| matches!(e, egui::Event::Paste(text) if is_whole_story(text)))?;
        match input.events.remove(at) {
            egui::Event::Paste(text) => Some(text),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_story_or_phrase() {
        assert!(!is_whole_story("a phrase"));
        assert!(!is_whole_story("two\nlines"));
        assert!(is_whole_story("Headline\n\nBody."));
        assert!(is_whole_story("Headline\nBy Me\nBody."));
    }

    #[test]
    fn moving_a_piece_changes_the_preview() {
        let imported = import(
            "Storm hits\nRain all day\n\nThe storm hit.\n",
            ImportKind::PlainText,
        );
        let mut review = ImportReview::new(Source::File("x".into()), imported);
        assert_eq!(review.fields().subhead, "Rain all day");
        let i = review
            .pieces()
            .iter()
            .position(|p| p.text == "Rain all day")
            .unwrap();
        review.set_role(i, Role::Body);
        assert_eq!(review.fields().subhead, "");
        assert_eq!(review.fields().body, "Rain all day\n\nThe storm hit.");
        review.set_role(i, Role::Dropped);
        assert_eq!(review.fields().body, "The storm hit.");
        assert_eq!(
            review.pieces()[i].describe(),
            "line 2: left out (moved by the editor): “Rain all day”"
        );
    }
}
