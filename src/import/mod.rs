//! Import: Markdown or plain text into a story's fields, recognising the shapes
//! newsroom copy comes in — web pages, agency wire text (AP, Reuters), CMS
//! exports — and reporting where every line went.
//!
//! The copy is read as a sequence of lines grouped in blocks ([`lines`]; for
//! Markdown with pulldown-cmark in [`markdown`], inline markup turned into
//! plain text). [`classify`] gives every line a [`Role`] and a reason from its
//! shape ([`shapes`], [`furniture`]) and its position; the result is a list of [`Piece`]s,
//! and the fields are [`pieces::assemble`] of them. The import report is that
//! list (one line per piece outside the body, and a summary of the body), and
//! the import window lets the editor give any piece another role.
//!
//! In order, the classifier finds:
//!
//! 1. **The headline**: among the first lines (up to the lede), the first
//!    `# Heading` or wholly **bold** line; otherwise the first line that is not
//!    a note, wire furniture or a wholly *italic* line (an italic line above
//!    the headline is a summary). A headline hard-wrapped over two lines
//!    (the next word would not have fitted within the copy's wrap width) is
//!    joined. IPTC 7901 wire text marks its headline (the field ended by
//!    ` =`), and that line is taken. Reuters designators (`UPDATE 1-`,
//!    `REFILE-`, `CORRECTED-UPDATE 2-`) are taken off the headline and kept
//!    in the editor's note as a version note.
//! 2. **Above the headline**: a keyword line (`BC-US--Storm-Damage,3rd
//!    Ld-Writethru`: the slug is the keyword, the version after the comma a
//!    note), `Slug: …`, or a slug token (`harbour-footbridge`) → slug; a
//!    wholly italic line or one of six words or more is a **summary above
//!    the headline** → editor's note, flagged for the editor to check (never
//!    headline, subhead or body); any other line → editor's note.
//! 3. **Under the headline**, in any order: a `By …` byline, over two lines
//!    when a job title stands under the name (`AP Science Writer`,
//!    `Transport Correspondent`; joined with a comma) — an agency under the
//!    name (`Associated Press`) is an agency line and goes to the editor's
//!    note, as wire systems file it; a
//!    standalone dateline line (`PORT ELLEN, Nov. 23`); a subhead (a `##`
//!    heading or wholly italic line, a deck right before the byline, or in
//!    plain copy a line that closes the headline's block or is not a sentence
//!    above lines that are); and notes.
//! 4. **The body**: every remaining line, as paragraphs.
//!
//! **Notes, never dropped.** In the head, a press release's header lines
//! (`MEDIA RELEASE PR67276`, `FOR IMMEDIATE RELEASE`) and its `Source: …`
//! line; anywhere in the copy, `Eds:` / `Editor's note:`
//! lines (label removed), bracketed wire notes (`(Adds union statement in
//! paragraph 6)`), reporting and editing credits (`(Reporting by …; Editing
//! by …)`), copyright trailers (`© 2026 …`, `Copyright 2026 …`), photo
//! credits (`Photo: …`, `(AP Photo/…)`), `Published`/`Updated` timestamps,
//! reading times, wire end marks (`(END)`, `-30-`) and lone agency lines
//! (`Associated Press`) go to the editor's note, one line each. Raw HTML
//! blocks and front matter go there too; link and image addresses are listed
//! in the note (their text stays in the body). A headline repeated verbatim
//! is left out and the report says so. Inline HTML tags and horizontal rules
//! (which hold no words) are removed and counted in the report. Crossheads (a
//! later `## Heading`), block quotes, list items (with a `•` or their number
//! as typed) and code blocks stay in the body as plain paragraphs.
//!
//! **Datelines.** When the head has no dateline line and the lede opens with
//! one (`LEEDS — The…`, `MIAMI (AP) — …`, `LONDON, March 3 (Reuters) - …`,
//! `Berlin (dpa) - …`), the dateline field gets that place and date
//! **without the agency credit** (`MIAMI`, `LONDON, March 3`), and **the
//! lede keeps its text unchanged**, credit and all: that is how wire ledes
//! read, and no word is lost by a wrong guess. A dateline standing on its own
//! line is taken as typed, less the agency credit and the dash a
//! press-release wire sets after it (`AUSTIN, Texas, Feb. 1, 2017
//! /PRNewswire/ --` → `AUSTIN, Texas, Feb. 1, 2017`, the credit to the
//! note). A line opening with a dateline is the lede, never a subhead.
//!
//! **Paragraphs.** A paragraph is one blank-line block, its lines joined with
//! a space (hard-wrapped copy) — unless the copy separates paragraphs by
//! single line breaks, as wire and CMS exports often do. That is detected from
//! the line breaks inside blocks: if most of them follow the end of a
//! sentence, or any such line is longer than a wrapped line would be (110
//! characters), every line is a paragraph.
//!
//! **Plain text** is taken literally, except that a line wholly wrapped in
//! `**…**` or `*…*` counts as bold or italic for finding the headline,
//! subhead and summary (which lose the markers); body lines stay as typed.
//! Text is kept as typed — Cyrillic, curly quotes, dashes, emoji — after the
//! story's text rule: a BOM is dropped, CRLF becomes LF, control characters
//! go, and lines lose their leading and trailing spaces.

mod classify;
pub mod detect;
pub mod docx;
mod file;
mod furniture;
mod lines;
mod markdown;
pub mod newsml;
pub mod ninjs;
pub mod nitf;
pub mod pieces;
mod shapes;
pub mod wire;
mod xml;

use std::path::Path;

pub use pieces::{Piece, Role};

pub use detect::Format;
pub use file::{
    ImportError, ImportOptions, MAX_TEXT_BYTES, TrackedChanges, import_bytes, import_file,
};

use crate::story::{Fields, normalize_text};

/// What the imported text is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ImportKind {
    /// Markdown (CommonMark): `# headline`, `**bold**`, `*italic*`, lists, links.
    #[value(name = "md", alias = "markdown")]
    Markdown,
    /// Plain text: taken literally, line by line.
    #[value(name = "txt", alias = "text")]
    PlainText,
}

impl ImportKind {
    pub const ALL: [ImportKind; 2] = [ImportKind::Markdown, ImportKind::PlainText];

    /// The kind a file extension (without the dot, any case) stands for:
    /// `md`, `markdown`, `mdown`, `mkd` → Markdown; `txt`, `text` → plain text.
    pub fn from_extension(extension: &str) -> Option<ImportKind> {
        match extension.to_ascii_lowercase().as_str() {
            "md" | "markdown" | "mdown" | "mkd" | "mkdn" => Some(ImportKind::Markdown),
            "txt" | "text" => Some(ImportKind::PlainText),
            _ => None,
        }
    }

    /// The kind a file's extension stands for (see [`ImportKind::from_extension`]).
    pub fn from_path(path: &Path) -> Option<ImportKind> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(ImportKind::from_extension)
    }

    pub fn label(self) -> &'static str {
        match self {
            ImportKind::Markdown => "Markdown",
            ImportKind::PlainText => "plain text",
        }
    }
}

/// The result of an import: the story's fields and, one line per finding, what
/// was recognised as what (for the user to check).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub fields: Fields,
    pub report: Vec<String>,
    /// Every line or paragraph of the input with the role it was given (see
    /// [`pieces`]); `fields` is [`pieces::assemble`] of these.
    pub pieces: Vec<Piece>,
}

impl Imported {
    /// The story made of `pieces`, with `report` lines for the user.
    pub fn from_pieces(pieces: Vec<Piece>, report: Vec<String>) -> Imported {
        Imported {
            fields: pieces::assemble(&pieces),
            report,
            pieces,
        }
    }
}

/// Read `text` as `kind` into pieces and story fields. Never fails: text that
/// fits no shape ends up in the body or the editor's note, and the report says
/// so.
pub fn import(text: &str, kind: ImportKind) -> Imported {
    import_given(text, kind, None)
}

/// [`import`], with the headline's line given by the format's reader.
fn import_given(text: &str, kind: ImportKind, given: Option<classify::GivenHeadline>) -> Imported {
    let mut report = Vec::new();
    let had_bom = text.starts_with('\u{feff}');
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if had_bom {
        report.push("byte-order mark removed".to_owned());
    }
    if text.contains('\r') {
        report.push("Windows (CRLF) or old Mac (CR) line endings read as line breaks".to_owned());
    }
    let text = normalize_text(text);
    let doc = match kind {
        ImportKind::Markdown => markdown::markdown_lines(&text),
        ImportKind::PlainText => lines::plain_lines(&text),
    };
    let (pieces, report) = classify::classify(doc.lines, doc.extras, report, given);
    Imported::from_pieces(pieces, report)
}
