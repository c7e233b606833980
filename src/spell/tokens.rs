//! Which stretches of copy are words to spell-check, as byte ranges.
//!
//! The text is cut at whitespace into chunks. A chunk that is a web address, an
//! e-mail address, a domain name or a path (`https://…`, `www.…`, `a@b.com`,
//! `example.org`, `C:\…`, `/usr/…`) is never checked. Inside the other chunks a
//! word is a run of letters (with combining marks) joined by an apostrophe
//! (`'` or `’`) or a hyphen between letters: `Ukraine’s`, `we’re`,
//! `well-known`. Digits break no run, they spoil it: a run touching a digit
//! (`1990s`, `3.5%`, `1,200`, `G7`) is a number and is skipped.
//!
//! [`Token::skip`] then tells the words the checker leaves alone: words written
//! all in capitals (slugs and acronyms such as `NATO`, `UKRAINE-WAR`), single
//! letters, and words in a script other than Latin (a Cyrillic or Greek name
//! in English copy is not a misspelling of an English word).

use std::ops::Range;

/// One word found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text given to [`words`].
    pub range: Range<usize>,
}

/// Why a word is not checked (see the module docs), or `None` to check it.
pub fn skip_reason(word: &str) -> Option<&'static str> {
    let mut letters = 0;
    let mut upper = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            if !is_latin(c) {
                return Some("another script");
            }
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
        }
    }
    if letters < 2 {
        return Some("single letter");
    }
    if upper == letters {
        return Some("all capitals");
    }
    None
}

/// Latin letters: Basic Latin, Latin-1, Latin Extended A/B, IPA, Latin
/// Extended Additional, and the fullwidth forms.
fn is_latin(c: char) -> bool {
    matches!(c,
        'A'..='Z' | 'a'..='z' | '\u{00AA}' | '\u{00BA}' | '\u{00C0}'..='\u{024F}'
        | '\u{0250}'..='\u{02AF}' | '\u{1E00}'..='\u{1EFF}' | '\u{FF21}'..='\u{FF3A}'
        | '\u{FF41}'..='\u{FF5A}')
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{200D}' | '\u{FE0F}')
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '‑')
}

/// Whether a whitespace-free chunk is an address or a path, not prose.
pub fn is_address(chunk: &str) -> bool {
    let chunk = chunk.trim_matches(|c: char| {
        matches!(
            c,
            '(' | ')'
                | '['
                | ']'
                | '<'
                | '>'
                | '"'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '\''
                | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '.'
                | '«'
                | '»'
        )
    });
    if chunk.contains("://") || chunk.contains('@') || chunk.contains('\\') {
        return true;
    }
    let lower = chunk.to_ascii_lowercase();
    if lower.starts_with("www.") || lower.starts_with('/') {
        return true;
    }
    if chunk.contains('/') && chunk.contains('.') {
        return true;
    }
    looks_like_domain(chunk)
}

/// `example.org`, `bbc.co.uk`: dot-separated labels of ASCII letters, digits
/// and hyphens, ending in a lower-case top-level domain of 2 to 6 letters. A
/// sentence run on without a space (`end.Next`) has a capital after the dot
/// and so does not count.
fn looks_like_domain(chunk: &str) -> bool {
    let mut labels = chunk.split('.');
    let Some(tld) = chunk.rsplit('.').next() else {
        return false;
    };
    if !chunk.contains('.') || !(2..=6).contains(&tld.len()) {
        return false;
    }
    if !tld.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    labels.all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// The words of `text` to look up, in order: every run of letters outside
/// addresses and numbers (see the module docs), skipped words included — call
/// [`skip_reason`] to leave those out.
pub fn words(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chunk_start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(start) = chunk_start.take() {
                chunk_words(text, start, i, &mut out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    out
}

fn chunk_words(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let chunk = &text[start..end];
    if is_address(chunk) {
        return;
    }
    let chars: Vec<(usize, char)> = chunk.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if !c.is_alphanumeric() {
            i += 1;
            continue;
        }
        // A run of letters, digits and joiners between letters.
        let run_start = at;
        let mut digit = false;
        let mut j = i;
        while j < chars.len() {
            let c = chars[j].1;
            if c.is_alphanumeric() || is_combining(c) {
                digit |= c.is_numeric();
                j += 1;
            } else if is_joiner(c)
                && j + 1 < chars.len()
                && chars[j + 1].1.is_alphanumeric()
                && j > i
            {
                j += 1;
            } else {
                break;
            }
        }
        let run_end = chars.get(j).map_or(chunk.len(), |(at, _)| *at);
        // A number glued to a decimal point or separator (3.5, 1,200) is a
        // number throughout.
        let glued_digit = |k: Option<usize>| {
            k.and_then(|k| chars.get(k))
                .is_some_and(|(_, c)| c.is_numeric())
        };
        let before_sep =
            i >= 2 && matches!(chars[i - 1].1, '.' | ',' | '/' | ':') && glued_digit(Some(i - 2));
        let after_sep = j + 1 < chars.len()
            && matches!(chars[j].1, '.' | ',' | '/' | ':' | '%')
            && glued_digit(Some(j + 1));
        if !digit && !before_sep && !after_sep {
            out.push(Token {
                range: start + run_start..start + run_end,
            });
        }
        i = j.max(i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|t| &text[t.range]).collect()
    }

    #[test]
    fn apostrophes_and_hyphens_join_words() {
        assert_eq!(
            listed("Ukraine’s well-known “ally” we're"),
            ["Ukraine’s", "well-known", "ally", "we're"]
        );
        assert_eq!(listed("rock 'n' roll"), ["rock", "n", "roll"]);
        assert_eq!(listed("end-- then"), ["end", "then"]);
    }

    #[test]
    fn numbers_and_addresses_are_not_words() {
        assert_eq!(
            listed(
                "1,200 people, 3.5% and 1990s G7 at https://x.org/a or news@bbc.co.uk, example.com."
            ),
            ["people", "and", "at", "or"]
        );
        assert_eq!(listed("www.copydesk.test/path"), Vec::<&str>::new());
        assert_eq!(listed("the end.Next"), ["the", "end", "Next"]);
    }

    #[test]
    fn skipped_words() {
        assert_eq!(skip_reason("NATO"), Some("all capitals"));
        assert_eq!(skip_reason("UKRAINE-WAR"), Some("all capitals"));
        assert_eq!(skip_reason("Зеленський"), Some("another script"));
        assert_eq!(skip_reason("a"), Some("single letter"));
        assert_eq!(skip_reason("Zürich"), None);
        assert_eq!(skip_reason("Nato"), None);
    }
}
