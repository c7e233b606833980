//! Importing a user's file: read it with the store's checks, recognise its
//! format ([`detect`]), decode its text, and hand it to the reader for that
//! format. Every error names the file.
//!
//! Size limits: a file is read only up to the store's limit
//! ([`store::MAX_FILE_BYTES`], 32 MiB); copy that is text (Markdown, plain
//! text, wire text, NITF, NewsML, ninjs) may be at most [`MAX_TEXT_BYTES`]
//! (8 MiB — a long story is a few hundred kilobytes); inside a Word document
//! no part is decompressed beyond [`docx::MAX_PART_BYTES`] (see [`docx`]).

use std::path::{Path, PathBuf};

use super::detect::{self, Format};
use super::pieces::{Piece, Role};
use super::{Imported, docx, newsml, ninjs, nitf, wire};
use crate::store::{self, StoreError};

/// The most bytes of text-based copy imported (8 MiB).
pub const MAX_TEXT_BYTES: usize = 8 * 1024 * 1024;

/// What to do with tracked changes in a Word document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum TrackedChanges {
    /// Take the text as it reads with every change accepted.
    #[default]
    Accept,
    /// Take the text as it read before the changes.
    Reject,
}

/// Choices for an import.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Read the file as this format instead of recognising it.
    pub format: Option<Format>,
    pub tracked_changes: TrackedChanges,
}

/// Everything that can go wrong importing a file. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "{}: {size} bytes of {format} is more than the {limit}-byte limit for imported copy",
        path.display()
    )]
    TooLarge {
        path: PathBuf,
        format: &'static str,
        size: usize,
        limit: usize,
    },
    #[error("{}: cannot import as {format}: {message}", path.display())]
    Invalid {
        path: PathBuf,
        format: &'static str,
        message: String,
    },
}

impl ImportError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            ImportError::Store(e) => e.path(),
            ImportError::TooLarge { path, .. } | ImportError::Invalid { path, .. } => path,
        }
    }
}

/// Read `path` and import it (see the module docs). Returns the format used.
pub fn import_file(
    path: &Path,
    options: &ImportOptions,
) -> Result<(Format, Imported), ImportError> {
    let bytes = store::read_limited(path)?;
    import_bytes(path, &bytes, options)
}

/// Import `bytes`, the content of `path` (named in errors and used for its
/// extension when the content does not tell the format).
pub fn import_bytes(
    path: &Path,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<(Format, Imported), ImportError> {
    if bytes.is_empty() {
        return Err(StoreError::Empty {
            path: path.to_owned(),
        }
        .into());
    }
    let format = options.format.unwrap_or_else(|| detect::sniff(bytes, path));
    let invalid = |message: String| ImportError::Invalid {
        path: path.to_owned(),
        format: format.label(),
        message,
    };
    if format == Format::Docx {
        let (pieces, report) = docx::read(bytes, options.tracked_changes).map_err(invalid)?;
        return Ok((format, finish(pieces, report)));
    }
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_owned(),
            format: format.label(),
            size: bytes.len(),
            limit: MAX_TEXT_BYTES,
        });
    }
    // UTF-16 (with its byte-order mark) holds NUL bytes and is text.
    let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
    if (format == Format::Wire || format.text_kind().is_some()) && !utf16 && bytes.contains(&0) {
        return Err(invalid(
            "the file holds NUL bytes: it is binary, not text (Copydesk imports \
             Markdown, plain text, wire text, NITF, NewsML, ninjs and Word .docx)"
                .to_owned(),
        ));
    }
    if format == Format::Wire {
        let unframed = wire::read(bytes);
        let given = unframed
            .headline_line
            .map(|line_no| super::classify::GivenHeadline {
                line_no,
                why: "IPTC 7901 headline field (ended by “ =”)",
            });
        let imported = super::import_given(&unframed.text, super::ImportKind::PlainText, given);
        return Ok((format, with_wire_header(imported, unframed)));
    }
    let decoded = detect::decode(bytes);
    let mut report: Vec<String> = decoded.note.into_iter().collect();
    if let Some(kind) = format.text_kind() {
        let imported = super::import(&decoded.text, kind);
        return Ok((format, with_report(imported, report)));
    }
    let pieces = match format {
        Format::Nitf => nitf::read(&decoded.text),
        Format::NewsMl => newsml::read(&decoded.text).map(|(pieces, mut lines)| {
            report.append(&mut lines);
            pieces
        }),
        Format::Ninjs => ninjs::read(&decoded.text),
        _ => unreachable!("text, wire and docx are handled above"),
    }
    .map_err(invalid)?;
    Ok((format, finish(pieces, report)))
}

/// The top of a structured body: a first paragraph that repeats the
/// headline is dropped (and reported); when the markup gave no byline, a
/// byline-shaped paragraph among the first three (`By Joseph Ax`) is taken
/// as the byline.
fn tidy_body_top(pieces: &mut [Piece]) {
    let headline = pieces
        .iter()
        .find(|p| p.role == Role::Headline)
        .map(|p| p.text.clone());
    let has_byline = pieces.iter().any(|p| p.role == Role::Byline);
    let mut body = pieces
        .iter_mut()
        .filter(|p| p.role == Role::Body)
        .take(3)
        .collect::<Vec<_>>();
    if let (Some(first), Some(headline)) = (body.first_mut(), headline.as_ref())
        && first.text == *headline
    {
        first.role = Role::Dropped;
        first.why = format!("{} (from the body) repeats the headline", first.why);
    }
    if !has_byline && let Some(p) = body.into_iter().find(|p| byline_shaped(&p.text)) {
        p.role = Role::Byline;
        p.why = format!("{} (from the body): a byline", p.why);
    }
}

/// "By Name …": short, capitalised after "By", not a sentence.
fn byline_shaped(text: &str) -> bool {
    if !text.get(..3).is_some_and(|h| h.eq_ignore_ascii_case("by ")) {
        return false;
    }
    let after = text[3..].trim_start();
    after.chars().next().is_some_and(char::is_uppercase)
        && text.split_whitespace().count() <= 12
        && !text.ends_with('.')
}

/// The text importer's story with the wire header's slug and transmission
/// lines put in (as pieces when the importer gave pieces, else as fields).
fn with_wire_header(imported: Imported, unframed: wire::Unframed) -> Imported {
    let wire::Unframed {
        slug,
        byline,
        notes,
        mut report,
        ..
    } = unframed;
    report.push("copy read as plain text:".to_owned());
    if imported.pieces.is_empty() {
        let mut imported = with_report(imported, report);
        if let Some(slug) = slug {
            if !imported.fields.slug.is_empty() && imported.fields.slug != slug {
                notes_push(&mut imported.fields.note, &imported.fields.slug.clone());
            }
            imported.fields.slug = slug;
        }
        if let Some(byline) = byline {
            if !imported.fields.byline.is_empty() {
                notes_push(&mut imported.fields.note, &imported.fields.byline.clone());
            }
            imported.fields.byline = byline;
        }
        for line in &notes {
            notes_push(&mut imported.fields.note, line);
        }
        // The header's lines did not go through the text importer.
        imported.fields.normalize();
        return imported;
    }
    let mut pieces = imported.pieces;
    if let Some(slug) = slug {
        for piece in pieces.iter_mut().filter(|p| p.role == Role::Slug) {
            piece.role = Role::Note;
        }
        pieces.insert(0, Piece::new(slug, Role::Slug, "wire header keyword"));
    }
    if let Some(byline) = byline {
        for piece in pieces.iter_mut().filter(|p| p.role == Role::Byline) {
            piece.role = Role::Note;
        }
        let at = pieces
            .iter()
            .position(|p| p.role == Role::Body)
            .unwrap_or(pieces.len());
        pieces.insert(at, Piece::new(byline, Role::Byline, "ANPA byline line"));
    }
    for line in notes {
        pieces.push(Piece::new(line, Role::Note, "wire transmission line"));
    }
    report.extend(imported.report);
    Imported::from_pieces(pieces, report)
}

fn notes_push(note: &mut String, line: &str) {
    if !note.is_empty() {
        note.push('\n');
    }
    note.push_str(line);
}

/// A report-friendly rendering of some text: quoted, cut at 60 characters.
fn quote(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("“{head}…”")
    } else {
        format!("“{head}”")
    }
}

/// Report lines first, then the text importer's own.
fn with_report(mut imported: Imported, mut report: Vec<String>) -> Imported {
    report.append(&mut imported.report);
    imported.report = report;
    imported
}

/// The story made of a reader's pieces, with a report line for each piece
/// that did not simply go where its markup said (and a count of the body).
fn finish(mut pieces: Vec<Piece>, mut report: Vec<String>) -> Imported {
    tidy_body_top(&mut pieces);
    let mut body = 0;
    for piece in &pieces {
        if piece.role == Role::Body {
            body += 1;
            continue;
        }
        let target = match piece.role {
            Role::Dropped => "left out".to_owned(),
            role => role.label().to_lowercase(),
        };
        report.push(format!("{} → {target}: {}", piece.why, quote(&piece.text)));
    }
    if body > 0 {
        report.push(format!(
            "body: {body} paragraph{}",
            if body == 1 { "" } else { "s" }
        ));
    } else {
        report.push("no body text found".to_owned());
    }
    Imported::from_pieces(pieces, report)
}
