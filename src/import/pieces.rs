//! The shape every importer produces: the copy as a list of [`Piece`]s, each a
//! line or paragraph of the input with the [`Role`] it was given and why.
//!
//! Readers of every format (plain text, Markdown, wire text, NITF, NewsML,
//! ninjs, Word) classify their input into pieces; [`assemble`] maps pieces to a
//! story's fields. The import report is this list, so it says where every line
//! went, and the window can give any piece another role and assemble again.

use crate::story::{Field, Fields};

/// Where a piece of imported copy goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Slug,
    Headline,
    Subhead,
    Byline,
    Dateline,
    /// A paragraph of the body.
    Body,
    /// A line of the editor's note (wire notes, credits, trailers, summaries
    /// above the headline, anything an editor must see but not print).
    Note,
    /// Left out of the story (a repeated headline, markup with no words); the
    /// report still shows it, and the editor can give it a role again.
    Dropped,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Slug,
        Role::Headline,
        Role::Subhead,
        Role::Byline,
        Role::Dateline,
        Role::Body,
        Role::Note,
        Role::Dropped,
    ];

    /// The field this role fills; `None` for [`Role::Dropped`].
    pub fn field(self) -> Option<Field> {
        Some(match self {
            Role::Slug => Field::Slug,
            Role::Headline => Field::Headline,
            Role::Subhead => Field::Subhead,
            Role::Byline => Field::Byline,
            Role::Dateline => Field::Dateline,
            Role::Body => Field::Body,
            Role::Note => Field::Note,
            Role::Dropped => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self.field() {
            Some(field) => field.label(),
            None => "Dropped",
        }
    }
}

/// One line or paragraph of the input and where it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The text as it will appear in the story (markup removed).
    pub text: String,
    pub role: Role,
    /// What the line was recognised as, for the report: "keyword line",
    /// "repeated headline", "agency line", "<hl1>".
    pub why: String,
    /// 1-based line of the input it came from, when the input has lines.
    pub line: Option<usize>,
}

impl Piece {
    pub fn new(text: impl Into<String>, role: Role, why: impl Into<String>) -> Self {
        Piece {
            text: text.into(),
            role,
            why: why.into(),
            line: None,
        }
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }
}

/// The story fields a list of pieces makes: body and note pieces each become a
/// paragraph (joined with a blank line in the body, a line break in the note);
/// several pieces for a one-line field are joined with a space, in order.
pub fn assemble(pieces: &[Piece]) -> Fields {
    let mut fields = Fields::default();
    for piece in pieces {
        let Some(field) = piece.role.field() else {
            continue;
        };
        let text = piece.text.trim();
        if text.is_empty() {
            continue;
        }
        let target = fields.get_mut(field);
        if !target.is_empty() {
            target.push_str(match field {
                Field::Body => "\n\n",
                Field::Note => "\n",
                _ => " ",
            });
        }
        target.push_str(text);
    }
    fields.normalized()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_fill_their_fields() {
        let pieces = vec![
            Piece::new("BC-US--Storm", Role::Slug, "keyword line"),
            Piece::new("Storm hits Miami", Role::Headline, "headline"),
            Piece::new("Storm hits Miami", Role::Dropped, "repeated headline"),
            Piece::new("By JANE DOE", Role::Byline, "byline"),
            Piece::new("First “para” — Київ.", Role::Body, "paragraph"),
            Piece::new("Second para.", Role::Body, "paragraph"),
            Piece::new("Eds: note one", Role::Note, "Eds: note"),
            Piece::new("Photo: AP", Role::Note, "photo credit"),
        ];
        let fields = assemble(&pieces);
        assert_eq!(fields.slug, "BC-US--Storm");
        assert_eq!(fields.headline, "Storm hits Miami");
        assert_eq!(fields.byline, "By JANE DOE");
        assert_eq!(fields.body, "First “para” — Київ.\n\nSecond para.");
        assert_eq!(fields.note, "Eds: note one\nPhoto: AP");
        assert!(fields.subhead.is_empty());
    }
}
