//! Sentences: where a paragraph's sentences end (abbreviations, initials,
//! quotes), the body split once into paragraphs and sentences ([`Prose`]),
//! and long sentences.

use std::ops::Range;

use super::{CLOSERS, Finding, OPENERS, Rule, eq_ignore_case, lines, trimmed};
use crate::story::{self, Field};

/// Abbreviations that stand before a name or a number: never the end of a
/// sentence inside a paragraph (lower case, without the final full stop).
#[rustfmt::skip]
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "gov", "sen", "rep", "gen", "col", "lt", "sgt",
    "capt", "cmdr", "adm", "maj", "rev", "fr", "hon", "pres", "supt", "det", "insp", "atty",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig",
    "figs", "vol", "vols", "pp", "p", "approx", "ca", "cf", "vs", "v", "e.g", "i.e", "viz",
    "mt", "вул", "просп", "ім", "св", "проф", "див", "ул", "им",
];

/// Abbreviations that may also end a sentence.
#[rustfmt::skip]
const TERMINAL_ABBREVIATIONS: &[&str] = &[
    "inc", "ltd", "co", "corp", "llc", "plc", "jr", "sr", "etc", "st", "ave", "rd", "blvd",
    "bros", "dept", "univ", "govt", "esq", "al", "ft", "a.m", "p.m", "u.s", "u.k", "u.n", "e.u",
    "d.c", "ph.d", "calif", "colo", "conn", "fla", "ariz", "mich", "minn", "tenn", "okla",
    "wis", "nev", "neb", "kan", "ky", "md", "va", "vt", "тис", "млн", "млрд", "грн", "рр",
    "т.д", "т.п", "тыс", "руб", "г",
];

/// Words that commonly open a sentence (lower case): after an abbreviation
/// that can end a sentence, one of these means it did.
#[rustfmt::skip]
pub(super) const SENTENCE_OPENERS: &[&str] = &[
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "or", "so",
    "yet", "in", "on", "at", "as", "this", "that", "these", "those", "there", "then", "his",
    "her", "their", "its", "our", "my", "some", "many", "most", "when", "while", "if", "after",
    "before", "however", "meanwhile", "still", "also", "what", "why", "how", "who", "where",
    "both", "last", "since", "although", "because", "він", "вона", "воно", "вони", "це", "але",
    "та", "і", "й", "у", "в", "на", "за", "як", "що", "он", "она", "оно", "они", "это", "но",
    "и",
];

/// How a word with a full stop after it behaves at a sentence boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Abbrev {
    Title,
    Terminal,
}

fn abbreviation_kind(token: &str, next: &str) -> Option<Abbrev> {
    if token.is_empty() || token.chars().count() > 8 {
        return None;
    }
    let lower = token.to_lowercase();
    let lower = lower.as_str();
    if lower == "no" || lower == "nos" || lower == "nr" || lower == "№" {
        return next
            .starts_with(|c: char| c.is_ascii_digit())
            .then_some(Abbrev::Title);
    }
    if TITLE_ABBREVIATIONS.contains(&lower) {
        return Some(Abbrev::Title);
    }
    if TERMINAL_ABBREVIATIONS.contains(&lower) {
        return Some(Abbrev::Terminal);
    }
    // Initials: a capital letter ("J"), or single letters joined by full
    // stops ("U.S", "F.B.I"). A lone lower-case letter is a word ("a.").
    let single = |part: &str| {
        let mut cs = part.chars();
        cs.next().is_some_and(char::is_alphabetic) && cs.next().is_none()
    };
    let initials = if token.contains('.') {
        token.split('.').all(single)
    } else {
        single(token) && token.chars().all(char::is_uppercase)
    };
    if initials {
        return Some(Abbrev::Terminal);
    }
    None
}

/// The first word of `next` (after opening quotes and brackets).
pub(super) fn first_word(next: &str) -> &str {
    let n = next.trim_start_matches(OPENERS);
    let end = n
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(n.len(), |(i, _)| i);
    &n[..end]
}

fn starts_lowercase(next: &str) -> bool {
    first_word(next)
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

fn starts_uppercase(next: &str) -> bool {
    let n = next.trim_start_matches(OPENERS);
    n.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn ends_sentence(text: &str, term_start: usize, term: &str, next: &str) -> bool {
    if term.contains(['!', '?']) {
        return !starts_lowercase(next);
    }
    if term.contains('…') || term.len() > 1 {
        return starts_uppercase(next);
    }
    // A single full stop: look at the word before it.
    let before = &text[..term_start];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token = before[word_start..].trim_start_matches(|c: char| !c.is_alphanumeric());
    match abbreviation_kind(token, next) {
        Some(Abbrev::Title) => false,
        Some(Abbrev::Terminal) => {
            let word = first_word(next);
            word.chars().next().is_some_and(char::is_uppercase)
                && SENTENCE_OPENERS.iter().any(|o| eq_ignore_case(o, word))
        }
        None => !starts_lowercase(next),
    }
}

/// Whether text that ends with `before` is at the start of a sentence.
pub(super) fn at_sentence_start(before: &str) -> bool {
    let b = before.trim_end().trim_end_matches(OPENERS).trim_end();
    let b = b.trim_end_matches(|c| CLOSERS.contains(&c));
    b.is_empty() || b.ends_with(['.', '!', '?', '…'])
}

/// The sentences of one paragraph (text without line breaks), as byte ranges
/// without surrounding spaces. See the [`checks`](super) module docs for the rule.
pub fn sentence_ranges(paragraph: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = paragraph.as_bytes();
    let mut start = 0;
    let mut i = 0;
    let is_term = |j: usize| -> usize {
        match bytes.get(j) {
            Some(b'.' | b'!' | b'?') => 1,
            Some(0xE2) if bytes.get(j + 1) == Some(&0x80) && bytes.get(j + 2) == Some(&0xA6) => 3,
            _ => 0,
        }
    };
    while i < bytes.len() {
        if is_term(i) == 0 {
            i += 1;
            continue;
        }
        let term_start = i;
        let mut j = i;
        loop {
            let n = is_term(j);
            if n == 0 {
                break;
            }
            j += n;
        }
        let term_end = j;
        let rest = &paragraph[term_end..];
        let closers = rest.len() - rest.trim_start_matches(CLOSERS).len();
        let end = term_end + closers;
        let after = &paragraph[end..];
        if !after.starts_with(char::is_whitespace) {
            i = term_end;
            continue;
        }
        let next = after.trim_start();
        if next.is_empty() {
            break;
        }
        let next_start = paragraph.len() - next.len();
        if ends_sentence(
            paragraph,
            term_start,
            &paragraph[term_start..term_end],
            next,
        ) {
            if let Some(r) = trimmed(start, &paragraph[start..end]) {
                out.push(r);
            }
            start = next_start;
        }
        i = next_start;
    }
    if let Some(r) = trimmed(start, &paragraph[start..]) {
        out.push(r);
    }
    out
}

/// A text split once into paragraphs (lines with text) and sentences, with
/// word counts: shared by the rules that read sentences and by the summary.
pub(super) struct Prose<'a> {
    pub(super) text: &'a str,
    pub(super) paragraphs: Vec<Paragraph>,
}

pub(super) struct Paragraph {
    /// The line, as a byte range of the text.
    pub(super) range: Range<usize>,
    pub(super) words: usize,
    /// Sentences as byte ranges of the text, with their word counts.
    pub(super) sentences: Vec<(Range<usize>, usize)>,
}

impl<'a> Prose<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let paragraphs = lines(text)
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(base, line)| {
                let sentences: Vec<(Range<usize>, usize)> = sentence_ranges(line)
                    .into_iter()
                    .map(|r| {
                        let words = story::word_count(&line[r.clone()]);
                        (base + r.start..base + r.end, words)
                    })
                    .collect();
                Paragraph {
                    range: base..base + line.len(),
                    words: sentences.iter().map(|(_, w)| w).sum(),
                    sentences,
                }
            })
            .collect();
        Prose { text, paragraphs }
    }
}

/// Sentences with more than `max_words` words (Warning); 0 turns the rule off.
pub fn long_sentences(field: Field, text: &str, max_words: usize) -> Vec<Finding> {
    let mut out = Vec::new();
    long_sentences_in(field, &Prose::new(text), max_words, &mut out);
    out
}

pub(super) fn long_sentences_in(
    field: Field,
    prose: &Prose<'_>,
    max_words: usize,
    out: &mut Vec<Finding>,
) {
    if max_words == 0 {
        return;
    }
    for paragraph in prose.paragraphs.iter().filter(|p| p.words > max_words) {
        for (range, words) in &paragraph.sentences {
            if *words > max_words {
                out.push(Finding::new(
                    Rule::LongSentence,
                    field,
                    range.clone(),
                    format!("Long sentence: {words} words (more than {max_words})"),
                ));
            }
        }
    }
}
