//! Repeated words ("the the").

use std::ops::Range;

use super::sentences::at_sentence_start;
use super::{Finding, Rule, eq_ignore_case, excerpt, lines};
use crate::story::Field;

/// Repeats that are often right ("he had had enough", "said that that was").
const ALLOWED_REPEATS: &[&str] = &["had", "that"];

/// Word tokens of a line: runs of letters and digits, with inner apostrophes
/// and hyphens (`it’s`, `e-mail`).
fn word_tokens(line: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = line.as_bytes();
    // The character at byte `i` (a char boundary) and its length; ASCII without decoding.
    let char_at = move |i: usize| -> (char, usize) {
        match bytes[i] {
            b if b < 0x80 => (char::from(b), 1),
            _ => {
                let c = line[i..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            }
        }
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        // Skip to the next letter or digit.
        loop {
            if i >= bytes.len() {
                return None;
            }
            let (c, n) = char_at(i);
            if c.is_alphanumeric() {
                break;
            }
            i += n;
        }
        let start = i;
        let mut joiner_at = None;
        while i < bytes.len() {
            let (c, n) = char_at(i);
            if c.is_alphanumeric() || is_combining(c) {
                joiner_at = None;
            } else if matches!(c, '\'' | '’' | '-' | '‐') && joiner_at.is_none() {
                joiner_at = Some(i);
            } else {
                break;
            }
            i += n;
        }
        Some(start..joiner_at.unwrap_or(i))
    })
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{200D}' | '\u{FE0F}')
}

/// The same word twice in a row, whatever the case ("the the", "The the"),
/// separated only by spaces (Warning; fix: keep one). Several in a row are one
/// finding. Left alone: "had had", "that that", anything with punctuation
/// between ("no, no"), and names written twice mid-sentence ("Bora Bora").
pub fn repeated_words(field: Field, text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    for (base, line) in lines(text) {
        let mut run: Option<(Range<usize>, Range<usize>, usize)> = None; // first, last, count
        let mut flush = |run: &mut Option<(Range<usize>, Range<usize>, usize)>| {
            if let Some((first, last, count)) = run.take()
                && count > 1
            {
                let word = &line[first.clone()];
                let range = base + first.start..base + last.end;
                out.push(
                    Finding::new(
                        Rule::RepeatedWord,
                        field,
                        range,
                        format!("Repeated word “{}”", excerpt(word, 40)),
                    )
                    .with_fix(format!("Keep one “{}”", excerpt(word, 40)), word),
                );
            }
        };
        for token in word_tokens(line) {
            let word = &line[token.clone()];
            let extends = match &run {
                Some((first, last, _)) => {
                    let gap = &line[last.end..token.start];
                    let prev = &line[first.clone()];
                    !gap.is_empty()
                        && gap.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}')
                        && eq_ignore_case(prev, word)
                        && word.chars().any(char::is_alphabetic)
                        && !ALLOWED_REPEATS.iter().any(|a| eq_ignore_case(a, word))
                        && !is_name_pair(line, first.start, prev, word)
                }
                None => false,
            };
            if extends {
                if let Some((_, last, count)) = &mut run {
                    *last = token;
                    *count += 1;
                }
            } else {
                flush(&mut run);
                run = Some((token.clone(), token, 1));
            }
        }
        flush(&mut run);
    }
    out
}

/// Two capitalised words (not all capitals) where the first does not start a
/// sentence: a name such as "Bora Bora" or "Sirhan Sirhan".
fn is_name_pair(line: &str, first_start: usize, a: &str, b: &str) -> bool {
    let title = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
    };
    title(a) && title(b) && !at_sentence_start(&line[..first_start])
}
