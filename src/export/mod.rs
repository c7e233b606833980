//! Export: a story's current text as plain text, Markdown, a standalone HTML page,
//! NITF 3.6 XML or ninjs 2.x JSON. One module per format, all over the core
//! [`Story`]; nothing here knows about files or windows (the CLI and the GUI write
//! the returned string where the user asked).
//!
//! Every exporter applies the story's text rule first (see [`crate::story`]), so a
//! story built in code with stray control characters still exports cleanly.
//! Body paragraphs are the body's non-blank lines (see [`paragraphs`]).
//! XML and JSON are written with real serializers (quick-xml events, serde_json),
//! so hostile text (`<script>`, `&`, `]]>`, quotes) always stays text.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::story::{Fields, Story, normalize_text, single_line};

pub mod html;
pub mod md;
pub mod ninjs;
pub mod nitf;
pub mod txt;
mod xml;

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Plain text, wire style.
    Txt,
    /// Markdown (CommonMark), escaped so text round-trips.
    Md,
    /// A standalone, print-friendly HTML page.
    Html,
    /// NITF 3.6 XML.
    Nitf,
    /// ninjs 2.x JSON.
    Ninjs,
}

impl Format {
    /// Every format, in the order a menu lists them.
    pub const ALL: [Format; 5] = [
        Format::Txt,
        Format::Md,
        Format::Html,
        Format::Nitf,
        Format::Ninjs,
    ];

    /// The name used on the command line (`--format txt`).
    pub fn key(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Html => "html",
            Format::Nitf => "nitf",
            Format::Ninjs => "ninjs",
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Html => "html",
            Format::Nitf => "xml",
            Format::Ninjs => "json",
        }
    }

    /// The name an editor sees in a menu or dialog.
    pub fn label(self) -> &'static str {
        match self {
            Format::Txt => "Plain text",
            Format::Md => "Markdown",
            Format::Html => "HTML page",
            Format::Nitf => "NITF 3.6 XML",
            Format::Ninjs => "ninjs 2 JSON",
        }
    }

    /// The media type of the output (all output is UTF-8). NITF and ninjs have no
    /// registered media type of their own, so they go as generic XML and JSON.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Txt => "text/plain; charset=utf-8",
            Format::Md => "text/markdown; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
            Format::Nitf => "application/xml",
            Format::Ninjs => "application/json",
        }
    }

    /// A file name to suggest in a save dialog: the slug (or "story") made safe
    /// for a file name, plus the extension.
    pub fn suggested_file_name(self, story: &Story) -> String {
        format!("{}.{}", story.file_stem(), self.extension())
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Format {
    type Err = ExportError;

    /// Accepts the keys (`txt`, `md`, `html`, `nitf`, `ninjs`), common aliases
    /// (`text`, `markdown`, `htm`, `xml`, `json`) and a leading dot, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().trim_start_matches('.').to_ascii_lowercase();
        match key.as_str() {
            "txt" | "text" | "plain" => Ok(Format::Txt),
            "md" | "markdown" => Ok(Format::Md),
            "html" | "htm" => Ok(Format::Html),
            "nitf" | "xml" => Ok(Format::Nitf),
            "ninjs" | "json" => Ok(Format::Ninjs),
            _ => Err(ExportError::UnknownFormat { name: s.to_owned() }),
        }
    }
}

/// Everything that can go wrong exporting. Writing into memory cannot really
/// fail; these exist so that a serializer's error is reported, never unwrapped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("unknown export format “{name}” (expected txt, md, html, nitf or ninjs)")]
    UnknownFormat { name: String },
    #[error("cannot write {format}: {source}")]
    Xml {
        format: &'static str,
        source: std::io::Error,
    },
    #[error("cannot write ninjs JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{format} output is not UTF-8 (a bug in the exporter)")]
    NotUtf8 { format: &'static str },
}

/// Export the story's current text in `format`. The result ends with a newline.
pub fn export(story: &Story, format: Format) -> Result<String, ExportError> {
    let fields = prepared(&story.fields);
    match format {
        Format::Txt => Ok(txt::export(&fields)),
        Format::Md => Ok(md::export(&fields)),
        Format::Html => html::export(&fields),
        Format::Nitf => nitf::export(story, &fields),
        Format::Ninjs => ninjs::export(story, &fields),
    }
}

/// The body's paragraphs (or the editor's note's lines): the lines that hold
/// something other than whitespace, each exactly as typed (only the newline is
/// removed). Blank lines separate.
pub fn paragraphs(body: &str) -> impl Iterator<Item = &str> {
    body.split('\n').filter(|line| !line.trim().is_empty())
}

/// The fields with the story's text rule applied, borrowed when already clean
/// (the usual case: a loaded story is normalised on load).
pub(crate) fn prepared(fields: &Fields) -> Cow<'_, Fields> {
    let single = [
        &fields.slug,
        &fields.headline,
        &fields.subhead,
        &fields.byline,
        &fields.dateline,
    ];
    let multi = [&fields.body, &fields.note];
    let dirty = single.iter().any(|t| crate::story::needs_single_line(t))
        || multi
            .iter()
            .any(|t| t.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
    if !dirty {
        return Cow::Borrowed(fields);
    }
    Cow::Owned(Fields {
        slug: single_line(&fields.slug),
        headline: single_line(&fields.headline),
        subhead: single_line(&fields.subhead),
        byline: single_line(&fields.byline),
        dateline: single_line(&fields.dateline),
        body: normalize_text(&fields.body),
        note: normalize_text(&fields.note),
    })
}

/// `text` without the characters XML 1.0 forbids (its `Char` production: C0
/// controls other than tab, newline and carriage return; U+FFFE and U+FFFF;
/// Rust strings hold no surrogates). Every text and attribute the XML layer
/// (`xml::XmlOut`) writes passes through this, whatever field it came from.
pub(crate) fn xml_chars(text: &str) -> Cow<'_, str> {
    fn allowed(c: char) -> bool {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
    }
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_roundtrip() {
        for format in Format::ALL {
            assert_eq!(format.key().parse::<Format>().unwrap(), format);
            assert_eq!(format.to_string(), format.key());
            assert!(!format.label().is_empty());
            assert!(!format.mime().is_empty());
        }
        assert_eq!("Markdown".parse::<Format>().unwrap(), Format::Md);
        assert_eq!(".json".parse::<Format>().unwrap(), Format::Ninjs);
        assert!("docx".parse::<Format>().is_err());
    }

    #[test]
    fn paragraphs_skip_blank_lines_only() {
        let body = "One.\n\n  \n Two with space \n\tThree";
        let got: Vec<_> = paragraphs(body).collect();
        assert_eq!(got, ["One.", " Two with space ", "\tThree"]);
    }

    #[test]
    fn suggested_names() {
        let mut story = Story::new();
        assert_eq!(Format::Nitf.suggested_file_name(&story), "story.xml");
        story.fields.slug = "kyiv/bridge: update".into();
        assert_eq!(
            Format::Md.suggested_file_name(&story),
            "kyiv-bridge--update.md"
        );
        story.fields.slug = "київ-міст".into();
        assert_eq!(Format::Txt.suggested_file_name(&story), "київ-міст.txt");
    }

    #[test]
    fn dirty_fields_are_cleaned() {
        let fields = Fields {
            headline: "A\r\nB\u{7}".into(),
            body: "x\r\ny\u{0}".into(),
            ..Fields::default()
        };
        let clean = prepared(&fields);
        assert_eq!(clean.headline, "A B");
        assert_eq!(clean.body, "x\ny");
    }
}
