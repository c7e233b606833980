//! House style: rules from a TOML style file (substitutions, name casing,
//! banned words), each with a message and a severity, turned into
//! [`Finding`]s with one-click fixes. The format is described in
//! `docs/STYLE.md`; Copydesk's default set is `assets/style/house-style.toml`.
//!
//! **Which rules.** The default set, then the desk's file (`style.toml` beside
//! its stories): a desk rule with the id of a default rule replaces it, one
//! with `off = true` turns it off, `replace_defaults = true` at the top drops
//! the defaults. A story turns rules off by id (`story::Proofing::style_off`).
//!
//! **Matching** is `find`'s: a literal or a regular expression, whole words
//! by default, case-insensitive unless `match_case`. In the printed fields
//! (headline, subhead, byline, dateline, body).
//!
//! **Case of a fix.** Unless the rule matches case, a replacement follows the
//! text it replaces: "Per cent" becomes "Percent", "PER CENT" "PERCENT".

use std::path::Path;

use serde::Deserialize;

use super::{COPY_FIELDS, Finding, Rule, Severity};
use crate::find::{Finder, Query, Scope};
use crate::story::{Field, Fields, Story};

/// The desk's style file: this file in the story's folder.
pub const DESK_STYLE: &str = "style.toml";

/// Copydesk's default house style.
pub const DEFAULT_STYLE: &str = include_str!("../../assets/style/house-style.toml");

/// What a rule does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Replace `find` with `replace`.
    #[default]
    Substitute,
    /// Write each of `words` exactly as given.
    Case,
    /// Report `find`; there is no automatic fix.
    Ban,
}

/// One rule as written in a style file.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleRule {
    pub id: String,
    #[serde(default)]
    pub kind: Kind,
    /// The text (or pattern, with `regex`) to look for.
    #[serde(default)]
    pub find: String,
    #[serde(default)]
    pub replace: Option<String>,
    /// For `case` rules: the words as they must be written.
    #[serde(default)]
    pub words: Vec<String>,
    #[serde(default)]
    pub regex: bool,
    #[serde(default)]
    pub match_case: bool,
    #[serde(default = "yes")]
    pub whole_word: bool,
    #[serde(default)]
    pub message: String,
    #[serde(default = "warning")]
    pub severity: SeverityName,
    /// Whether `copydesk check --fix style` may apply the fix unseen.
    #[serde(default = "yes")]
    pub safe: bool,
    /// In a desk file: turn the default rule with this id off.
    #[serde(default)]
    pub off: bool,
}

fn yes() -> bool {
    true
}

fn warning() -> SeverityName {
    SeverityName::Warning
}

/// A severity as written in a style file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityName {
    Error,
    Warning,
    Info,
}

impl From<SeverityName> for Severity {
    fn from(s: SeverityName) -> Severity {
        match s {
            SeverityName::Error => Severity::Error,
            SeverityName::Warning => Severity::Warning,
            SeverityName::Info => Severity::Info,
        }
    }
}

/// A style file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleFile {
    #[serde(default)]
    replace_defaults: bool,
    #[serde(default)]
    rule: Vec<StyleRule>,
}

/// A style file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StyleError {
    #[error("{path}: {message}")]
    Parse { path: String, message: String },
    #[error("{path}: rule “{id}”: {message}")]
    Rule {
        path: String,
        id: String,
        message: String,
    },
    #[error("{path}: cannot read the style file: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
}

/// A rule ready to match.
#[derive(Clone, Debug)]
struct Compiled {
    rule: StyleRule,
    /// One finder, or for a case rule one per word (with the word).
    finders: Vec<(Finder, Option<String>)>,
}

/// A set of house-style rules, compiled.
#[derive(Clone, Debug, Default)]
pub struct StyleSet {
    rules: Vec<Compiled>,
}

impl PartialEq for StyleSet {
    fn eq(&self, other: &Self) -> bool {
        self.rules.len() == other.rules.len()
            && self
                .rules
                .iter()
                .zip(&other.rules)
                .all(|(a, b)| a.rule == b.rule)
    }
}

fn parse_file(text: &str, path: &str) -> Result<StyleFile, StyleError> {
    toml::from_str(text).map_err(|e| StyleError::Parse {
        path: path.to_owned(),
        message: e.to_string().trim().to_owned(),
    })
}

fn compile(rule: StyleRule, path: &str) -> Result<Compiled, StyleError> {
    let bad = |message: String| StyleError::Rule {
        path: path.to_owned(),
        id: rule.id.clone(),
        message,
    };
    let query = |text: &str, match_case: bool| Query {
        text: text.to_owned(),
        match_case,
        whole_word: rule.whole_word,
        regex: rule.regex,
        scope: Scope::All,
    };
    let finder = |q: Query| -> Result<Finder, StyleError> {
        Finder::new(&q)
            .map_err(|e| bad(e.to_string()))?
            .ok_or_else(|| bad("`find` is empty".into()))
    };
    let finders = match rule.kind {
        Kind::Case => {
            if rule.words.is_empty() {
                return Err(bad("a case rule needs `words`".into()));
            }
            rule.words
                .iter()
                .map(|w| {
                    let q = Query {
                        regex: false,
                        ..query(w, false)
                    };
                    Ok((finder(q)?, Some(w.clone())))
                })
                .collect::<Result<Vec<_>, StyleError>>()?
        }
        Kind::Substitute if rule.replace.is_none() => {
            return Err(bad("a substitution needs `replace`".into()));
        }
        _ => vec![(finder(query(&rule.find, rule.match_case))?, None)],
    };
    Ok(Compiled { rule, finders })
}

impl StyleSet {
    /// Copydesk's default rules.
    pub fn defaults() -> StyleSet {
        // The bundled file is checked by the tests; it cannot fail here.
        StyleSet::from_texts(DEFAULT_STYLE, None).unwrap_or_default()
    }

    /// The default rules overridden by a desk file's text (`path` names it
    /// in errors).
    pub fn from_texts(defaults: &str, desk: Option<(&str, &str)>) -> Result<StyleSet, StyleError> {
        let base = parse_file(defaults, "default house style")?;
        let mut rules = base.rule;
        if let Some((text, path)) = desk {
            let desk = parse_file(text, path)?;
            if desk.replace_defaults {
                rules.clear();
            }
            for rule in desk.rule {
                rules.retain(|r| r.id != rule.id);
                rules.push(rule);
            }
        }
        let path = desk.map_or("default house style", |(_, p)| p);
        let rules = rules
            .into_iter()
            .filter(|r| !r.off)
            .map(|r| compile(r, path))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(StyleSet { rules })
    }

    /// The defaults with the desk's style file for a story at `story_path`
    /// (when there is one).
    pub fn for_story(story_path: Option<&Path>) -> Result<StyleSet, StyleError> {
        let desk = story_path
            .and_then(Path::parent)
            .map(|dir| dir.join(DESK_STYLE));
        match desk {
            Some(path) if path.is_file() => {
                let text = std::fs::read_to_string(&path).map_err(|source| StyleError::Read {
                    path: path.display().to_string(),
                    source,
                })?;
                StyleSet::from_texts(DEFAULT_STYLE, Some((&text, &path.display().to_string())))
            }
            _ => Ok(StyleSet::defaults()),
        }
    }

    /// The rules, in file order.
    pub fn rules(&self) -> impl Iterator<Item = &StyleRule> {
        self.rules.iter().map(|c| &c.rule)
    }

    pub fn rule(&self, id: &str) -> Option<&StyleRule> {
        self.rules().find(|r| r.id == id)
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Every style finding in the printed fields, with the id of its rule,
    /// leaving out the rules in `off`. Sorted like all findings.
    pub fn check(&self, fields: &Fields, off: &[String]) -> Vec<(String, Finding)> {
        let mut out = Vec::new();
        for compiled in &self.rules {
            let rule = &compiled.rule;
            if off.contains(&rule.id) {
                continue;
            }
            for field in COPY_FIELDS {
                let text = fields.get(field);
                if text.is_empty() {
                    continue;
                }
                for (finder, word) in &compiled.finders {
                    for range in finder.in_text(text) {
                        let found = &text[range.clone()];
                        if let Some(f) =
                            finding(rule, finder, word.as_deref(), field, text, range, found)
                        {
                            out.push((rule.id.clone(), f));
                        }
                    }
                }
            }
        }
        out.sort_by(|a, b| {
            (super::field_order(a.1.field), a.1.range.start, &a.0).cmp(&(
                super::field_order(b.1.field),
                b.1.range.start,
                &b.0,
            ))
        });
        out
    }
}

/// The finding for one match of `rule`, or `None` when there is nothing to
/// say (a name already written right).
fn finding(
    rule: &StyleRule,
    finder: &Finder,
    word: Option<&str>,
    field: Field,
    text: &str,
    range: std::ops::Range<usize>,
    found: &str,
) -> Option<Finding> {
    let replacement = match rule.kind {
        Kind::Case => {
            let word = word?;
            if found == word {
                return None;
            }
            Some(word.to_owned())
        }
        Kind::Ban => None,
        Kind::Substitute => {
            let with = finder.replacement_at(text, &range, rule.replace.as_deref()?)?;
            Some(if rule.match_case {
                with
            } else {
                follow_case(found, &with)
            })
        }
    };
    if replacement.as_deref() == Some(found) {
        return None;
    }
    let message = if rule.message.is_empty() {
        match &replacement {
            Some(r) => format!("House style: “{r}”, not “{found}”"),
            None => format!("House style: avoid “{found}”"),
        }
    } else {
        rule.message.clone()
    };
    let mut f = Finding::new(Rule::Style, field, range, message);
    f.severity = rule.severity.into();
    if let Some(r) = replacement {
        f = f.with_fix(format!("Change to “{r}”"), r);
    }
    Some(f)
}

/// `with` in the case of `found`: all capitals when `found` is, a capital
/// first letter when `found` has one.
fn follow_case(found: &str, with: &str) -> String {
    let letters: Vec<char> = found.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return with.to_uppercase();
    }
    let first_upper = found.chars().next().is_some_and(char::is_uppercase);
    let mut chars = with.chars();
    match chars.next() {
        Some(c) if first_upper && c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => with.to_owned(),
    }
}

/// The story's style findings (its own switched-off rules left out).
pub fn style(story: &Story, set: &StyleSet) -> Vec<(String, Finding)> {
    set.check(&story.fields, &story.proofing.style_off)
}

/// Apply every fix of the findings (of one rule when `only` names it, and
/// only safe rules when `safe_only`), back to front so the ranges hold.
/// Returns how many were applied.
pub fn fix_all(
    fields: &mut Fields,
    set: &StyleSet,
    off: &[String],
    only: Option<&str>,
    safe_only: bool,
) -> usize {
    let mut findings: Vec<Finding> = set
        .check(fields, off)
        .into_iter()
        .filter(|(id, f)| {
            f.fix.is_some()
                && only.is_none_or(|o| o == id)
                && (!safe_only || set.rule(id).is_some_and(|r| r.safe))
        })
        .map(|(_, f)| f)
        .collect();
    findings.sort_by_key(|f| {
        (
            super::field_order(f.field),
            std::cmp::Reverse(f.range.start),
        )
    });
    let mut applied = 0;
    let mut last: Option<(Field, usize)> = None;
    for f in &findings {
        // Skip a fix that overlaps the one applied after it in the text.
        if let Some((field, start)) = last
            && field == f.field
            && f.range.end > start
        {
            continue;
        }
        if super::apply_fix_to(fields, f) {
            applied += 1;
            last = Some((f.field, f.range.start));
        }
    }
    applied
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_style_file_is_valid() {
        let set = StyleSet::from_texts(DEFAULT_STYLE, None).unwrap();
        assert!(set.len() >= 15, "{}", set.len());
    }

    #[test]
    fn case_follows_the_text() {
        assert_eq!(follow_case("Per cent", "percent"), "Percent");
        assert_eq!(follow_case("PER CENT", "percent"), "PERCENT");
        assert_eq!(follow_case("per cent", "percent"), "percent");
        assert_eq!(follow_case("The Ukraine", "Ukraine"), "Ukraine");
    }
}
