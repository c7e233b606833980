//! House style "spell out one to nine" (off by default).

use super::sentences::{SENTENCE_OPENERS, at_sentence_start};
use super::{Finding, OPENERS, Rule, eq_ignore_case, lines};
use crate::story::Field;

#[rustfmt::skip]
const NUMBER_WORDS: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

/// Words before a figure that make it a label, not a count ("No. 3", "Nov. 3").
#[rustfmt::skip]
const NUMBER_LABELS: &[&str] = &[
    "no", "nos", "number", "page", "p", "pp", "chapter", "ch", "room", "route", "rt", "article",
    "art", "section", "sec", "vol", "volume", "act", "scene", "grade", "level", "step", "phase",
    "gate", "platform", "line", "channel", "figure", "fig", "table", "item", "exhibit",
    "category", "class", "type", "size", "version", "game", "round", "stage", "day", "week",
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december",
];

/// Words after a figure that keep it a figure: units, percentages, times,
/// dates, and ages ("3 years old").
#[rustfmt::skip]
const NUMBER_UNITS: &[&str] = &[
    "percent", "per", "pct", "a.m", "p.m", "am", "pm", "o’clock", "o'clock", "million",
    "billion", "trillion", "km", "m", "cm", "mm", "kg", "g", "lb", "lbs", "mph", "kph", "ft",
    "in", "mi", "degrees", "c", "f", "kw", "mw", "gb", "mb", "x", "inches", "feet", "metres",
    "meters", "miles", "kilometres", "kilometers", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// House style "spell out one to nine" (Warning; fix: the word): a lone figure
/// 1–9 used as a count. Left alone: decimals and thousands ("3.5", "3,000"),
/// percentages and units ("3%", "3 km", "3 p.m."), ranges and scores ("3-2",
/// "3–4"), times ("3:30"), dates ("Nov. 3", "3 March"), labels ("No. 3",
/// "page 3", "Apollo 9"), ordinals ("3rd"), money ("$3"), list numbers at the
/// start of a line ("1. …"), and ages ("3 years old", "3-year-old").
pub fn spell_out_numbers(field: Field, text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    for (base, line) in lines(text) {
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if !(b'1'..=b'9').contains(&b) {
                continue;
            }
            let prev = line[..i].chars().next_back();
            let next = line[i + 1..].chars().next();
            let after_next = line[i + 1..].chars().nth(1);
            let prev_ok =
                prev.is_none_or(|p| p.is_whitespace() || matches!(p, '“' | '"' | '(' | '‘' | '«'));
            if !prev_ok {
                continue;
            }
            let next_ok = match next {
                None => true,
                Some(n) if n.is_whitespace() => true,
                Some('.' | ',' | ':') => !after_next.is_some_and(|c| c.is_ascii_digit()),
                Some(';' | '!' | '?' | ')' | '”' | '"' | '’' | '»') => true,
                _ => false,
            };
            if !next_ok {
                continue;
            }
            let before = &line[..i];
            if before.trim().trim_start_matches(OPENERS).is_empty()
                && matches!(next, Some('.' | ')'))
            {
                continue; // "1. First point", "1) First point"
            }
            // The word before.
            let prev_word = before
                .trim_end()
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or("")
                .trim_start_matches(OPENERS);
            let prev_bare = prev_word.trim_end_matches('.');
            if !prev_bare.is_empty() {
                if NUMBER_LABELS.iter().any(|l| eq_ignore_case(l, prev_bare))
                    || prev_bare.starts_with('$')
                    || prev_bare.starts_with('£')
                    || prev_bare.starts_with('€')
                {
                    continue;
                }
                let capitalised = prev_bare.chars().next().is_some_and(char::is_uppercase);
                let starts_sentence =
                    at_sentence_start(&before[..before.trim_end().len() - prev_word.len()]);
                let opener = SENTENCE_OPENERS
                    .iter()
                    .any(|o| eq_ignore_case(o, prev_bare));
                if capitalised
                    && !(starts_sentence && opener)
                    && !prev_word.ends_with([',', ';', ':'])
                {
                    continue; // "Apollo 9", "Windows 7", "Route 9"
                }
            }
            // The words after.
            let rest = line[i + 1..].trim_start();
            let mut after = rest.split_whitespace();
            let w1 = after
                .next()
                .unwrap_or("")
                .trim_end_matches([',', ';', ':', '!', '?', ')', '”', '"']);
            let w1 = w1.strip_suffix('.').unwrap_or(w1);
            let w2 = after.next().unwrap_or("");
            if NUMBER_UNITS.iter().any(|u| eq_ignore_case(u, w1))
                || w1.starts_with('%')
                || w1 == "°"
            {
                continue;
            }
            let age_word = [
                "year", "years", "month", "months", "week", "weeks", "day", "days",
            ]
            .iter()
            .any(|u| eq_ignore_case(u, w1));
            if age_word
                && w2
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .eq_ignore_ascii_case("old")
            {
                continue;
            }
            let digit = usize::from(b - b'0');
            let mut word = NUMBER_WORDS[digit].to_owned();
            if at_sentence_start(before) {
                word[..1].make_ascii_uppercase();
            }
            out.push(
                Finding::new(
                    Rule::SpellOutNumber,
                    field,
                    base + i..base + i + 1,
                    format!("House style spells out one to nine: “{word}”"),
                )
                .with_fix(format!("Spell out “{word}”"), word),
            );
        }
    }
    out
}
