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

    /// How the import report names the role: "headline", "editor's note",
    /// "left out".
    pub fn report_name(self) -> &'static str {
        match self {
            Role::Note => "editor's note",
            Role::Dropped => "left out",
            other => other.field().map_or("left out", Field::key),
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

    /// Mark the piece for the editor's attention (a guess that may be wrong,
    /// such as a summary found above the headline): the report and the window
    /// show it flagged.
    pub fn flagged(mut self) -> Self {
        if !self.is_flagged() {
            self.why.insert_str(0, FLAG);
        }
        self
    }

    pub fn is_flagged(&self) -> bool {
        self.why.starts_with(FLAG)
    }

    /// One line of the import report for this piece: `line 5: headline
    /// (heading): “Storm hits Miami”`.
    pub fn describe(&self) -> String {
        let at = match self.line {
            Some(n) => format!("line {n}: "),
            None => String::new(),
        };
        let role = self.role.report_name();
        let text = super::shapes::quote(&self.text);
        if self.why == role {
            format!("{at}{role}: {text}")
        } else {
            format!("{at}{role} ({}): {text}", self.why)
        }
    }
}

/// The mark a flagged piece's `why` starts with.
pub const FLAG: &str = "check: ";

/// The story fields a list of pieces makes: body and note pieces each become a
/// paragraph (joined with a blank line in the body, a line break in the note);
/// several pieces for a one-line field are joined with a space, in order —
/// except a byline over two lines, joined with a comma ("By JANE DOE,
/// Associated Press") unless the first line already ends with punctuation.
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
            let separator = match field {
                Field::Body => "\n\n",
                Field::Note => "\n",
                Field::Byline if !target.ends_with([',', ';', ':', '—', '–', '-']) => ", ",
                _ => " ",
            };
            target.push_str(separator);
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

    #[test]
    fn byline_lines_join_with_a_comma() {
        let fields = assemble(&[
            Piece::new("By JANE DOE and SAM ROE", Role::Byline, "byline"),
            Piece::new("Associated Press", Role::Byline, "byline, second line"),
        ]);
        assert_eq!(fields.byline, "By JANE DOE and SAM ROE, Associated Press");
    }

    #[test]
    fn flags_and_report_lines() {
        let piece = Piece::new("A summary.", Role::Note, "summary above the headline")
            .at_line(1)
            .flagged()
            .flagged();
        assert!(piece.is_flagged());
        assert_eq!(
            piece.describe(),
            "line 1: editor's note (check: summary above the headline): “A summary.”"
        );
        assert!(!Piece::new("x", Role::Body, "paragraph").is_flagged());
    }
}
