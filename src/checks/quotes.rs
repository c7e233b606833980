//! Quotes: turning straight quotes curly, and straight quotes in a story that
//! uses curly ones.

use super::sentences::first_word;
use super::{COPY_FIELDS, Finding, Rule, eq_ignore_case};
use crate::story::Fields;

/// After one of these (or at the start, or after a space) a quote opens.
fn opens_after(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => {
            p.is_whitespace()
                || matches!(
                    p,
                    '(' | '[' | '{' | '“' | '‘' | '«' | '„' | '—' | '–' | '-' | '/'
                )
        }
    }
}

/// Words that start with an apostrophe standing for dropped letters.
#[rustfmt::skip]
const ELISIONS: &[&str] = &[
    "tis", "twas", "til", "em", "n", "cause", "cos", "bout", "nuff",
];

/// The curly form of the straight quote `c` at a place with `prev` before it and
/// `rest` after it.
fn smart_quote(prev: Option<char>, c: char, rest: &str) -> char {
    let next = rest.chars().next();
    let opening = opens_after(prev);
    match c {
        '"' => {
            if opening && next.is_some_and(|n| !n.is_whitespace()) {
                '“'
            } else {
                '”'
            }
        }
        '\'' => {
            if prev.is_some_and(char::is_alphanumeric) || !opening {
                return '’';
            }
            match next {
                None => '’',
                Some(n) if n.is_whitespace() || n.is_ascii_digit() => '’',
                Some(_) => {
                    let word = first_word(rest);
                    if ELISIONS.iter().any(|e| eq_ignore_case(e, word)) {
                        '’'
                    } else {
                        '‘'
                    }
                }
            }
        }
        other => other,
    }
}

/// Straight quotes and apostrophes made curly: `"` opens (“) at the start, after
/// a space, an opening bracket or quote, or a dash, when something follows;
/// otherwise it closes (”). `'` is an apostrophe (’) after a letter or digit
/// (`it’s`, `students’`), before a digit (`’90s`) and in elisions (`’til`,
/// `rock ’n’ roll`); it opens (‘) where `"` would; otherwise it closes (’).
/// Every other character — guillemets `« »` and `„` included — is left as is,
/// so the result has the same number of characters and applying it twice
/// changes nothing.
pub fn smart_quotes(text: &str) -> String {
    if !text.contains(['"', '\'']) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut prev = None;
    for (i, c) in text.char_indices() {
        let c = match c {
            '"' | '\'' => smart_quote(prev, c, &text[i + 1..]),
            c => c,
        };
        out.push(c);
        prev = Some(c);
    }
    out
}

/// How many straight (`"` `'`) and curly (`“ ” ‘ ’ „`) quotes the printed fields hold.
pub fn quote_counts(fields: &Fields) -> (usize, usize) {
    let (mut straight, mut curly) = (0, 0);
    for field in COPY_FIELDS {
        for c in fields.get(field).chars() {
            match c {
                '"' | '\'' => straight += 1,
                '“' | '”' | '‘' | '’' | '„' => curly += 1,
                _ => {}
            }
        }
    }
    (straight, curly)
}

/// Straight quotes and apostrophes in a story whose printed fields mostly use
/// curly ones (Warning; fix: "Smart quotes", the curly form from [`smart_quotes`]).
pub fn straight_quotes(fields: &Fields) -> Vec<Finding> {
    let mut out = Vec::new();
    let (straight, curly) = quote_counts(fields);
    if straight == 0 || curly <= straight {
        return out;
    }
    for field in COPY_FIELDS {
        let text = fields.get(field);
        if !text.contains(['"', '\'']) {
            continue;
        }
        let mut prev = None;
        for (i, c) in text.char_indices() {
            let curly = match c {
                '"' | '\'' => smart_quote(prev, c, &text[i + 1..]),
                c => c,
            };
            if curly != c {
                let what = if c == '"' {
                    "Straight quote"
                } else {
                    "Straight apostrophe"
                };
                out.push(
                    Finding::new(
                        Rule::StraightQuotes,
                        field,
                        i..i + 1,
                        format!("{what} ({c}) where the story uses curly quotes: {curly}"),
                    )
                    .with_fix("Smart quotes", curly.to_string()),
                );
            }
            prev = Some(curly);
        }
    }
    out
}
