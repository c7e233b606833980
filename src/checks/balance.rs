//! Quotes and brackets that do not pair up within a paragraph.

use super::{Finding, Rule, lines};
use crate::story::Field;

/// Quotes (“ ” „ « ») and brackets (( ) [ ]) that do not pair up within a
/// paragraph (Warning). `„…“` pairs as in Ukrainian or German copy. An open
/// quote left open at the end of a paragraph is fine when the next paragraph
/// opens with a quote again (a quotation running over several paragraphs).
/// A closing bracket after a list number ("1)") or in an emoticon (":)") is
/// not counted.
pub fn unbalanced(field: Field, text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let paragraphs: Vec<(usize, &str)> = lines(text).collect();
    // Whether the next non-blank paragraph after each one opens with a quote,
    // found in one pass from the end (not a search ahead from every line).
    let mut continues = vec![false; paragraphs.len()];
    let mut next_opens = false;
    for (n, (_, line)) in paragraphs.iter().enumerate().rev() {
        continues[n] = next_opens;
        let t = line.trim_start();
        if !t.is_empty() {
            next_opens = t.starts_with(['“', '„', '«', '"']);
        }
    }
    for (n, &(base, line)) in paragraphs.iter().enumerate() {
        balance_line(field, base, line, continues[n], &mut out);
    }
    out
}

fn balance_line(field: Field, base: usize, line: &str, continues: bool, out: &mut Vec<Finding>) {
    let mut brackets: Vec<(usize, char)> = Vec::new();
    let mut quotes: Vec<(usize, char)> = Vec::new();
    let unclosed = |out: &mut Vec<Finding>, rule: Rule, at: usize, c: char| {
        out.push(Finding::new(
            rule,
            field,
            base + at..base + at + c.len_utf8(),
            format!("{c} is never closed"),
        ));
    };
    let unopened = |out: &mut Vec<Finding>, rule: Rule, at: usize, c: char| {
        out.push(Finding::new(
            rule,
            field,
            base + at..base + at + c.len_utf8(),
            format!("{c} closes something never opened"),
        ));
    };
    // How many of each opener are on the stacks: a closer with none open is
    // reported without searching the stack (which stays linear overall).
    let open_count = |c: char, delta: isize, counts: &mut [usize; 5]| {
        let k = match c {
            '(' => 0,
            '[' => 1,
            '«' => 2,
            '“' => 3,
            _ => 4, // '„'
        };
        counts[k] = counts[k].saturating_add_signed(delta);
    };
    let mut counts = [0usize; 5];
    let content_start = line.len() - line.trim_start().len();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Only brackets and the quotes tracked here matter: find them by their
        // bytes (a UTF-8 lead byte never appears inside another character).
        let (c, len) = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b @ (b'(' | b')' | b'[' | b']'), _, _) => (char::from(b), 1),
            (0xC2, Some(0xAB), _) => ('«', 2),
            (0xC2, Some(0xBB), _) => ('»', 2),
            (0xE2, Some(0x80), Some(0x9C)) => ('“', 3),
            (0xE2, Some(0x80), Some(0x9D)) => ('”', 3),
            (0xE2, Some(0x80), Some(0x9E)) => ('„', 3),
            _ => {
                i += 1;
                continue;
            }
        };
        match c {
            '(' | '[' => {
                brackets.push((i, c));
                open_count(c, 1, &mut counts);
            }
            ')' | ']' => {
                let open = if c == ')' { '(' } else { '[' };
                let marker = {
                    // At most 3 characters of 4 bytes: never count a long head.
                    let head = &line[content_start.min(i)..i];
                    !head.is_empty()
                        && head.len() <= 12
                        && head.chars().count() <= 3
                        && head.chars().all(char::is_alphanumeric)
                };
                let smiley = line[..i].trim_end_matches('-').ends_with([':', ';', '=']);
                let found = if counts[usize::from(open == '[')] == 0 {
                    None
                } else {
                    brackets.iter().rposition(|&(_, o)| o == open)
                };
                match found {
                    Some(pos) => {
                        for &(at, o) in &brackets[pos + 1..] {
                            unclosed(out, Rule::UnbalancedBrackets, at, o);
                        }
                        for &(_, o) in &brackets[pos..] {
                            open_count(o, -1, &mut counts);
                        }
                        brackets.truncate(pos);
                    }
                    None if marker || smiley => {}
                    None => unopened(out, Rule::UnbalancedBrackets, i, c),
                }
            }
            '„' | '«' => {
                quotes.push((i, c));
                open_count(c, 1, &mut counts);
            }
            '“' => {
                let closes_low = quotes.last().is_some_and(|q| q.1 == '„')
                    && line[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|p| !p.is_whitespace());
                if closes_low {
                    if let Some((_, o)) = quotes.pop() {
                        open_count(o, -1, &mut counts);
                    }
                } else {
                    quotes.push((i, c));
                    open_count(c, 1, &mut counts);
                }
            }
            '”' | '»' => {
                let matches_open = |o: char| {
                    if c == '»' {
                        o == '«'
                    } else {
                        o == '“' || o == '„'
                    }
                };
                let any_open = if c == '»' {
                    counts[2] > 0
                } else {
                    counts[3] + counts[4] > 0
                };
                let found = if any_open {
                    quotes.iter().rposition(|&(_, o)| matches_open(o))
                } else {
                    None
                };
                match found {
                    Some(pos) => {
                        for &(at, o) in &quotes[pos + 1..] {
                            unclosed(out, Rule::UnbalancedQuotes, at, o);
                        }
                        for &(_, o) in &quotes[pos..] {
                            open_count(o, -1, &mut counts);
                        }
                        quotes.truncate(pos);
                    }
                    None => unopened(out, Rule::UnbalancedQuotes, i, c),
                }
            }
            _ => {}
        }
        i += len;
    }
    for (at, o) in brackets {
        unclosed(out, Rule::UnbalancedBrackets, at, o);
    }
    if !continues {
        for (at, o) in quotes {
            unclosed(out, Rule::UnbalancedQuotes, at, o);
        }
    }
}
