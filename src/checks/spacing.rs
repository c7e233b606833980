//! Spacing: double spaces between words, spaces before punctuation.

use super::{Finding, Rule, lines};
use crate::story::Field;

/// Whether the spaces ending at byte `end` of `line` are reported by
/// [`space_before_punctuation`] (so the double-space rule leaves them alone).
fn space_before_punct_at(line: &str, run_start: usize, end: usize) -> bool {
    let rest = &line[end..];
    let mut chars = rest.chars();
    let Some(p) = chars.next() else {
        return false;
    };
    if !matches!(p, ',' | '.' | ';' | ':' | '!' | '?') {
        return false;
    }
    // Something other than whitespace must come before the spaces.
    if line[..run_start].trim_end().is_empty() {
        return false;
    }
    match chars.next() {
        // " .5", " .NET", " ,000": not punctuation after a word.
        Some(n) if n.is_alphanumeric() => false,
        // An ellipsis, closed up or spaced: " ...", " . . .".
        Some('.') if p == '.' => false,
        Some(' ') if p == '.' && rest[1..].starts_with(" .") => false,
        // Emoticons " :)", " ;-)".
        Some(')' | '(' | '-' | 'D') if matches!(p, ':' | ';') => false,
        _ => true,
    }
}

/// Two or more spaces between words (Warning; fix: one space). Leading
/// indentation and trailing spaces are left alone, and so are spaces before
/// punctuation (reported by [`space_before_punctuation`]).
pub fn double_spaces(field: Field, text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    if !text.contains("  ") {
        return out;
    }
    for (base, line) in lines(text) {
        let bytes = line.as_bytes();
        // Where the line's content starts and ends, found once per line.
        let content_start = line.len() - line.trim_start().len();
        let content_end = line.trim_end().len();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b' ' {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i] == b' ' {
                i += 1;
            }
            let run = i - start;
            let leading = start <= content_start;
            let trailing = i >= content_end;
            if run < 2 || leading || trailing || space_before_punct_at(line, start, i) {
                continue;
            }
            let message = if run == 2 {
                "Double space".to_owned()
            } else {
                format!("{run} spaces in a row")
            };
            out.push(
                Finding::new(Rule::DoubleSpace, field, base + start..base + i, message)
                    .with_fix("Collapse to one space", " "),
            );
        }
    }
    out
}

/// Spaces before `, . ; : ! ?` (Warning; fix: remove them). Not before a
/// decimal or a name (" .5", " .NET"), a spaced ellipsis, or an emoticon.
/// Only ordinary spaces count: a no-break space before `:` or `!` (French
/// typography) is left alone.
pub fn space_before_punctuation(field: Field, text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    if !text.contains(' ') {
        return out;
    }
    for (base, line) in lines(text) {
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if !matches!(b, b',' | b'.' | b';' | b':' | b'!' | b'?')
                || i == 0
                || bytes[i - 1] != b' '
            {
                continue;
            }
            let mut s = i;
            while s > 0 && bytes[s - 1] == b' ' {
                s -= 1;
            }
            // For '.', the spaces must not follow another '.' (". . .").
            if b == b'.' && s > 0 && bytes[s - 1] == b'.' {
                continue;
            }
            if !space_before_punct_at(line, s, i) {
                continue;
            }
            let p = b as char;
            out.push(
                Finding::new(
                    Rule::SpaceBeforePunctuation,
                    field,
                    base + s..base + i + 1,
                    format!("Space before “{p}”"),
                )
                .with_fix(format!("Remove the space before “{p}”"), p.to_string()),
            );
        }
    }
    out
}
