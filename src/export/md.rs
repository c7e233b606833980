//! Markdown (CommonMark) export. The layout follows the plain-text export, with
//! the headline as `# Heading` and the subhead as `## Heading`, and every field
//! on its own block:
//!
//! ```text
//! harbour-footbridge
//!
//! Eds: Check the figure before this moves.
//!
//! # Harbour footbridge reopens
//!
//! ## Engineers replaced 140 oak planks
//!
//! By Mira Holt
//!
//! PORT ELLEN, Nov. 23
//!
//! First paragraph.
//! ```
//!
//! Text is escaped ([`escape`]) so that a Markdown reader gets back exactly the
//! characters typed: `*`, `_`, `` ` ``, `[`, `]`, `<`, `\` and `~` anywhere, entity-like
//! `&name;`, and block markers at the start of a line (`#`, `>`, `-`, `+`, `=`,
//! `1.`). The only loss is whitespace at the very start or end of a paragraph,
//! which Markdown cannot carry; it is trimmed.

use crate::story::Fields;

/// The Markdown rendering of `fields` (already normalised).
pub fn export(fields: &Fields) -> String {
    let mut out = String::with_capacity(fields.body.len() + fields.body.len() / 16 + 512);
    let block = |out: &mut String, text: &str| {
        out.push_str(text);
        out.push_str("\n\n");
    };
    if !fields.slug.trim().is_empty() {
        block(&mut out, &escape(&fields.slug, true));
    }
    let note: Vec<&str> = super::paragraphs(&fields.note).collect();
    if !note.is_empty() {
        // One "Eds:" line per line of the note (soft line breaks in one block).
        let mut text = String::new();
        for (i, line) in note.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            text.push_str("Eds: ");
            text.push_str(&escape(line, false));
        }
        block(&mut out, &text);
    }
    if !fields.headline.trim().is_empty() {
        block(&mut out, &format!("# {}", escape_heading(&fields.headline)));
    }
    if !fields.subhead.trim().is_empty() {
        block(&mut out, &format!("## {}", escape_heading(&fields.subhead)));
    }
    for text in [&fields.byline, &fields.dateline] {
        if !text.trim().is_empty() {
            block(&mut out, &escape(text, true));
        }
    }
    for paragraph in super::paragraphs(&fields.body) {
        escape_into(&mut out, paragraph, true);
        out.push_str("\n\n");
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    if out.is_empty() {
        out.push('\n');
    }
    out
}

/// Escape one line of text for a Markdown paragraph. `line_start`: the text
/// begins a line of the output (so block markers must be neutralised).
pub fn escape(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text, line_start);
    out
}

/// Escape text for an ATX heading: as [`escape`], plus every `#` (a trailing
/// run of `#` would otherwise be taken as the heading's closing sequence).
pub fn escape_heading(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_with(&mut out, text, false, true);
    out
}

fn escape_into(out: &mut String, text: &str, line_start: bool) {
    escape_with(out, text, line_start, false);
}

fn escape_with(out: &mut String, text: &str, line_start: bool, heading: bool) {
    let text = text.trim();
    let bytes = text.as_bytes();
    let mut start = 0;
    if line_start {
        start = escape_line_start(out, text);
    }
    let mut i = start;
    let mut flushed = start;
    while i < bytes.len() {
        let b = bytes[i];
        let escape = match b {
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'~' => true,
            b'&' => looks_like_entity(&bytes[i + 1..]),
            b'#' => heading,
            _ => false,
        };
        if escape {
            out.push_str(&text[flushed..i]);
            out.push('\\');
            flushed = i;
        }
        i += 1;
    }
    out.push_str(&text[flushed..]);
}

/// Neutralise a block marker at the start of a line; returns how many bytes of
/// `text` were written.
fn escape_line_start(out: &mut String, text: &str) -> usize {
    let bytes = text.as_bytes();
    match bytes.first() {
        Some(b'#' | b'>' | b'-' | b'+' | b'=') => {
            out.push('\\');
            out.push(bytes[0] as char);
            1
        }
        Some(b'0'..=b'9') => {
            // An ordered-list marker: up to 9 digits then `.` or `)`.
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits <= 9 && matches!(bytes.get(digits), Some(b'.' | b')')) {
                out.push_str(&text[..digits]);
                out.push('\\');
                out.push(bytes[digits] as char);
                digits + 1
            } else {
                0
            }
        }
        _ => 0,
    }
}

/// Whether the bytes after an `&` would read as an entity (`amp;`, `#32;`).
fn looks_like_entity(rest: &[u8]) -> bool {
    let run = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
        .count();
    run > 0 && rest.get(run) == Some(&b';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a *b* _c_ `d`", true), r"a \*b\* \_c\_ \`d\`");
        assert_eq!(escape("# not a heading", true), r"\# not a heading");
        assert_eq!(escape("- not a list", true), r"\- not a list");
        assert_eq!(escape("1984. A year", true), r"1984\. A year");
        assert_eq!(escape("AT&T &amp; co", true), r"AT&T \&amp; co");
        assert_eq!(escape("<script>", true), r"\<script>");
        assert_eq!(escape("> quote", true), r"\> quote");
        assert_eq!(escape("a > b", true), "a > b");
        assert_eq!(escape("Київ — “так”", true), "Київ — “так”");
    }

    #[test]
    fn heading_hashes() {
        assert_eq!(escape_heading("Vote #1 ##"), r"Vote \#1 \#\#");
        assert_eq!(escape_heading(r"back\slash #"), r"back\\slash \#");
    }
}
