//! The body's structure: repeated paragraphs and sentences, the headline or
//! subhead pasted into the body, and stray headings.

use std::collections::HashMap;

use super::sentences::Prose;
use super::{Finding, OPENERS, Rule, eq_ignore_case, excerpt, lines, trimmed};
use crate::story::{self, Field, Fields};

/// Paragraphs and sentences repeated word for word in the body (Warning): a
/// paragraph of three words or more that repeats an earlier one, and, outside
/// such paragraphs, a sentence of four words or more that repeats an earlier one.
pub fn duplicates(field: Field, text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    duplicates_in(field, &Prose::new(text), &mut out);
    out
}

pub(super) fn duplicates_in(field: Field, prose: &Prose<'_>, out: &mut Vec<Finding>) {
    let mut paragraphs: HashMap<&str, usize> = HashMap::new();
    let mut sentences: HashMap<&str, usize> = HashMap::new();
    for (index, paragraph) in prose.paragraphs.iter().enumerate() {
        let number = index + 1;
        let Some(r) = trimmed(paragraph.range.start, &prose.text[paragraph.range.clone()]) else {
            continue;
        };
        let para = &prose.text[r.clone()];
        if paragraph.words >= 3 {
            if let Some(first) = paragraphs.get(para) {
                out.push(Finding::new(
                    Rule::DuplicateParagraph,
                    field,
                    r,
                    format!("This paragraph repeats paragraph {first}"),
                ));
                continue;
            }
            paragraphs.insert(para, number);
        }
        for (range, words) in &paragraph.sentences {
            if *words < 4 {
                continue;
            }
            let sentence = &prose.text[range.clone()];
            match sentences.get(sentence) {
                Some(first) => out.push(Finding::new(
                    Rule::DuplicateSentence,
                    field,
                    range.clone(),
                    if *first == number {
                        "This sentence repeats one earlier in the paragraph".to_owned()
                    } else {
                        format!("This sentence repeats one in paragraph {first}")
                    },
                )),
                None => {
                    sentences.insert(sentence, number);
                }
            }
        }
    }
}

/// A line as a heading: trimmed, without a Markdown `#` marker or `**` / `__`
/// around it.
fn heading_text(line: &str) -> &str {
    let mut t = line.trim();
    let hashes = t.len() - t.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(char::is_whitespace) {
        t = t[hashes..].trim();
    }
    for mark in ["**", "__"] {
        if t.len() > 2 * mark.len() && t.starts_with(mark) && t.ends_with(mark) {
            t = t[mark.len()..t.len() - mark.len()].trim();
        }
    }
    t
}

/// A body line that repeats the headline or subhead (Warning), as a headline
/// pasted into the copy: the same text, whatever the case and Markdown marks.
pub fn heading_in_body(fields: &Fields) -> Vec<Finding> {
    let mut out = Vec::new();
    for (field, rule) in [
        (Field::Headline, Rule::HeadlineInBody),
        (Field::Subhead, Rule::SubheadInBody),
    ] {
        let heading = heading_text(fields.get(field));
        if story::word_count(heading) < 2 {
            continue;
        }
        for (base, line) in lines(&fields.body) {
            let Some(r) = trimmed(base, line) else {
                continue;
            };
            let candidate = heading_text(line);
            // Case folding changes a text's length in bytes by far less than half.
            if candidate.len() > heading.len() * 2 || heading.len() > candidate.len() * 2 {
                continue;
            }
            if eq_ignore_case(candidate, heading) {
                out.push(Finding::new(
                    rule,
                    Field::Body,
                    r,
                    format!(
                        "The {} is repeated in the body",
                        field.label().to_lowercase()
                    ),
                ));
            }
        }
    }
    out
}

/// Short words a Title Case line may leave in lower case.
#[rustfmt::skip]
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "of", "on", "in", "at", "to", "by",
    "with", "from", "as", "vs", "up", "off", "out", "over", "into", "per", "via", "after", "і",
    "й", "та", "в", "у", "на", "з", "за", "до", "від", "про", "по", "для", "и", "о", "об", "с",
];

/// Whether a body line looks like a headline: 2–12 words, no final
/// punctuation, every word capitalised except small words.
fn looks_like_title(line: &str) -> bool {
    if line.len() > 400 || !line.chars().next_back().is_some_and(char::is_alphanumeric) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if !(2..=12).contains(&words.len()) || line.chars().count() > 90 {
        return false;
    }
    let mut capitals = 0;
    for (n, word) in words.iter().enumerate() {
        let w = word.trim_start_matches(OPENERS);
        let Some(first) = w.chars().next() else {
            continue;
        };
        if !first.is_alphabetic() {
            continue;
        }
        if first.is_uppercase() {
            capitals += 1;
        } else if n == 0
            || !SMALL_WORDS
                .iter()
                .any(|s| eq_ignore_case(s, w.trim_end_matches(|c: char| !c.is_alphanumeric())))
        {
            return false;
        }
    }
    capitals >= 2
}

/// Body lines that look like a headline or subhead left in the copy (Info): a
/// Markdown heading (`# …`, `**…**`) from an import, or a short Title Case line
/// with no final punctuation. Lines that repeat the headline or subhead are
/// reported by [`heading_in_body`] instead.
pub fn stray_headings(fields: &Fields) -> Vec<Finding> {
    let mut out = Vec::new();
    let headline = heading_text(&fields.headline);
    let subhead = heading_text(&fields.subhead);
    for (base, line) in lines(&fields.body) {
        let Some(r) = trimmed(base, line) else {
            continue;
        };
        let t = &fields.body[r.clone()];
        let h = heading_text(t);
        if h.is_empty()
            || (story::word_count(headline) >= 2 && eq_ignore_case(h, headline))
            || (story::word_count(subhead) >= 2 && eq_ignore_case(h, subhead))
        {
            continue;
        }
        let message = if h.len() != t.len() {
            format!(
                "“{}” looks like a heading left from an import",
                excerpt(t, 40)
            )
        } else if looks_like_title(t) {
            format!(
                "“{}” looks like a stray headline or subhead",
                excerpt(t, 40)
            )
        } else {
            continue;
        };
        out.push(Finding::new(Rule::StrayHeading, Field::Body, r, message));
    }
    out
}
