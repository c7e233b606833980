//! Find and replace over a story's fields: literal text or a regular
//! expression (the `regex` crate's syntax), with match case and whole word,
//! in every field or one. No egui here: the window's find bar drives it.
//!
//! **Matches** are byte ranges of one field's text, never empty (a pattern
//! that can match nothing, such as `x*`, only reports its non-empty matches),
//! listed field by field in editor order.
//!
//! **Whole word** means the match neither starts right after nor ends right
//! before a letter, digit or `_` (Unicode-aware), so "ban" finds "ban" but not
//! "banned" and "Київ" is found as a word.
//!
//! **Replacing.** In regex mode the replacement may name groups (`$1`,
//! `${name}`; `$$` for a dollar sign); a literal search replaces literally. A
//! one-line field stays one line: line breaks in its replacement become
//! spaces.

use std::ops::Range;

use regex::{Regex, RegexBuilder};

use crate::story::{self, Field, Fields};

/// Where to look.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// Every field, slug to note.
    #[default]
    All,
    /// One field only.
    Field(Field),
}

impl Scope {
    pub fn fields(self) -> Vec<Field> {
        match self {
            Scope::All => Field::ALL.to_vec(),
            Scope::Field(field) => vec![field],
        }
    }
}

/// What to look for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub match_case: bool,
    pub whole_word: bool,
    /// `text` is a regular expression.
    pub regex: bool,
    pub scope: Scope,
}

/// One match.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Match {
    pub field: Field,
    /// Byte range in the field's text.
    pub range: Range<usize>,
}

/// A query that cannot be searched for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FindError {
    #[error("Bad regular expression “{pattern}”: {message}")]
    BadPattern { pattern: String, message: String },
}

/// A compiled query.
#[derive(Clone, Debug)]
pub struct Finder {
    regex: Regex,
    literal: bool,
    scope: Scope,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Finder {
    /// Compile `query`. An empty query finds nothing (`Ok(None)`).
    pub fn new(query: &Query) -> Result<Option<Finder>, FindError> {
        if query.text.is_empty() {
            return Ok(None);
        }
        let core = if query.regex {
            format!("(?:{})", query.text)
        } else {
            regex::escape(&query.text)
        };
        let pattern = if query.whole_word {
            let starts_word = query.regex || query.text.chars().next().is_some_and(is_word_char);
            let ends_word = query.regex || query.text.chars().last().is_some_and(is_word_char);
            format!(
                "{}{core}{}",
                if starts_word { r"\b" } else { "" },
                if ends_word { r"\b" } else { "" }
            )
        } else {
            core
        };
        let regex = RegexBuilder::new(&pattern)
            .case_insensitive(!query.match_case)
            .multi_line(true)
            .size_limit(1 << 22)
            .build()
            .map_err(|err| FindError::BadPattern {
                pattern: query.text.clone(),
                message: short_error(&err),
            })?;
        Ok(Some(Finder {
            regex,
            literal: !query.regex,
            scope: query.scope,
        }))
    }

    /// Every non-empty match in `text`.
    pub fn in_text<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.regex
            .find_iter(text)
            .filter(|m| !m.is_empty())
            .map(|m| m.range())
    }

    /// Every match in the query's fields, field by field.
    pub fn find_all(&self, fields: &Fields) -> Vec<Match> {
        let mut out = Vec::new();
        for field in self.scope.fields() {
            out.extend(
                self.in_text(fields.get(field))
                    .map(|range| Match { field, range }),
            );
        }
        out
    }

    /// What `replacement` turns the match at `range` of `text` into (groups
    /// expanded in regex mode), or `None` when the query no longer matches
    /// exactly there (the text changed).
    pub fn replacement_at(
        &self,
        text: &str,
        range: &Range<usize>,
        replacement: &str,
    ) -> Option<String> {
        if range.end > text.len() || !text.is_char_boundary(range.start) {
            return None;
        }
        let caps = self.regex.captures_at(text, range.start)?;
        let whole = caps.get(0)?;
        if whole.range() != *range {
            return None;
        }
        if self.literal {
            return Some(replacement.to_owned());
        }
        let mut out = String::new();
        caps.expand(replacement, &mut out);
        Some(out)
    }

    /// Replace the match `m` with `replacement`. Returns where the
    /// replacement now stands in the field, or `None` when nothing changed
    /// (the match is stale, or the replacement is the same text).
    pub fn replace_one(
        &self,
        fields: &mut Fields,
        m: &Match,
        replacement: &str,
    ) -> Option<Range<usize>> {
        let text = fields.get(m.field);
        let with = self.replacement_at(text, &m.range, replacement)?;
        let mut new = String::with_capacity(text.len() + with.len());
        new.push_str(&text[..m.range.start]);
        new.push_str(&with);
        new.push_str(&text[m.range.end..]);
        let end = m.range.start + with.len();
        // A one-line field may have had a line break turned into a space
        // (same length), so the range still holds.
        set(fields, m.field, new).then_some(m.range.start..end)
    }

    /// Replace every match in the query's fields. Returns how many were
    /// replaced.
    pub fn replace_all(&self, fields: &mut Fields, replacement: &str) -> usize {
        let mut count = 0;
        for field in self.scope.fields() {
            let text = fields.get(field);
            let mut n = 0;
            let mut out = String::with_capacity(text.len());
            let mut last = 0;
            for caps in self.regex.captures_iter(text) {
                let Some(whole) = caps.get(0) else { continue };
                if whole.is_empty() {
                    continue;
                }
                out.push_str(&text[last..whole.start()]);
                if self.literal {
                    out.push_str(replacement);
                } else {
                    caps.expand(replacement, &mut out);
                }
                last = whole.end();
                n += 1;
            }
            if n == 0 {
                continue;
            }
            out.push_str(&text[last..]);
            set(fields, field, out);
            count += n;
        }
        count
    }
}

/// Put `text` in `field`, one line for a one-line field. Returns whether it
/// changed.
fn set(fields: &mut Fields, field: Field, mut text: String) -> bool {
    if !field.is_multiline() && story::needs_single_line(&text) {
        text = story::single_line(&text);
    }
    let slot = fields.get_mut(field);
    if *slot == text {
        return false;
    }
    *slot = text;
    true
}

/// The regex crate's message without its drawing of the pattern: its last
/// line ("error: unclosed group" → "unclosed group").
fn short_error(err: &regex::Error) -> String {
    let text = err.to_string();
    let last = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(&text);
    last.trim().trim_start_matches("error: ").to_owned()
}

/// "3 of 17", "17 matches", "No matches": the count the find bar shows.
/// `current` is 0-based.
pub fn count_text(current: Option<usize>, total: usize) -> String {
    match (current, total) {
        (_, 0) => "No matches".to_owned(),
        (Some(i), n) if i < n => format!("{} of {n}", i + 1),
        (_, 1) => "1 match".to_owned(),
        (_, n) => format!("{n} matches"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Fields {
        Fields {
            headline: "Kiev talks: Kiev mayor speaks".into(),
            body: "The ban in Kiev was banned.\nKIEV said: ban the ban?".into(),
            note: "check kiev spelling".into(),
            ..Fields::default()
        }
    }

    fn finder(text: &str, f: impl FnOnce(&mut Query)) -> Finder {
        let mut q = Query {
            text: text.into(),
            ..Query::default()
        };
        f(&mut q);
        Finder::new(&q).unwrap().unwrap()
    }

    fn found(finder: &Finder, fields: &Fields) -> Vec<(Field, String)> {
        finder
            .find_all(fields)
            .into_iter()
            .map(|m| (m.field, fields.get(m.field)[m.range].to_owned()))
            .collect()
    }

    #[test]
    fn literal_case_and_whole_word() {
        let f = fields();
        assert_eq!(finder("kiev", |_| {}).find_all(&f).len(), 5);
        assert_eq!(
            finder("Kiev", |q| q.match_case = true).find_all(&f).len(),
            3
        );
        let ban = finder("ban", |q| q.whole_word = true);
        assert_eq!(found(&ban, &f).len(), 3);
        assert_eq!(finder("ban", |_| {}).find_all(&f).len(), 4);
        let body_only = finder("kiev", |q| q.scope = Scope::Field(Field::Body));
        assert_eq!(body_only.find_all(&f).len(), 2);
        // Punctuation in a literal is literal; whole word still works at its ends.
        assert_eq!(
            finder("ban?", |q| q.whole_word = true).find_all(&f).len(),
            1
        );
        assert_eq!(finder("a.", |_| {}).find_all(&f).len(), 0);
    }

    #[test]
    fn regex_with_groups_and_a_bad_pattern() {
        let mut f = fields();
        let re = finder(r"(\w+) mayor", |q| q.regex = true);
        assert_eq!(re.replace_all(&mut f, "mayor of $1"), 1);
        assert_eq!(f.headline, "Kiev talks: mayor of Kiev speaks");
        let err = Finder::new(&Query {
            text: "(unclosed".into(),
            regex: true,
            ..Query::default()
        })
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "Bad regular expression “(unclosed”: unclosed group"
        );
        // A pattern that matches nothing reports no empty matches.
        assert!(finder("x*", |q| q.regex = true).find_all(&f).is_empty());
        assert!(Finder::new(&Query::default()).unwrap().is_none());
    }

    #[test]
    fn replace_one_and_all() {
        let mut f = fields();
        let kiev = finder("Kiev", |q| q.whole_word = true);
        let all = kiev.find_all(&f);
        assert_eq!(kiev.replace_one(&mut f, &all[1], "Kyiv"), Some(12..16));
        assert_eq!(f.headline, "Kiev talks: Kyiv mayor speaks");
        // A match already replaced is stale: nothing happens.
        assert_eq!(kiev.replace_one(&mut f, &all[1], "Kyiv"), None);
        assert_eq!(kiev.replace_all(&mut f, "Kyiv"), 4);
        assert_eq!(
            f.body,
            "The ban in Kyiv was banned.\nKyiv said: ban the ban?"
        );
        assert_eq!(f.note, "check Kyiv spelling");
        // A literal replacement is literal, even with `$`.
        assert_eq!(
            finder("ban", |q| q.whole_word = true).replace_all(&mut f, "$1"),
            3
        );
        assert_eq!(f.body, "The $1 in Kyiv was banned.\nKyiv said: $1 the $1?");
        // A one-line field stays one line.
        let mut f = fields();
        finder("talks", |_| {}).replace_all(&mut f, "talks\nend");
        assert_eq!(f.headline, "Kiev talks end: Kiev mayor speaks");
    }

    #[test]
    fn unicode_survives() {
        let mut f = Fields {
            body: "Київ — «Київ», Kyiv’s 🤓 Київська".into(),
            ..Fields::default()
        };
        let k = finder("київ", |q| q.whole_word = true);
        assert_eq!(k.find_all(&f).len(), 2);
        assert_eq!(k.replace_all(&mut f, "Kyiv"), 2);
        assert_eq!(f.body, "Kyiv — «Kyiv», Kyiv’s 🤓 Київська");
    }

    #[test]
    fn count_texts() {
        assert_eq!(count_text(Some(2), 17), "3 of 17");
        assert_eq!(count_text(None, 17), "17 matches");
        assert_eq!(count_text(None, 1), "1 match");
        assert_eq!(count_text(Some(0), 0), "No matches");
    }
}
