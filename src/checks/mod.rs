//! Copy-desk checks: pure functions from a story's text to [`Finding`]s — field
//! limits, empty required fields, long sentences, repeated words, spacing,
//! quotes and brackets, duplicated text, stray headings, optional house style —
//! and the body's readability [`Summary`]. No egui here: `copydesk check` and
//! the checks panel are two drivers of the same functions.
//!
//! Every finding points at a byte range of one field's text, always on char
//! boundaries. A [`Fix`] replaces exactly that range.
//!
//! **Where things live.** This file holds the shared types and the drivers
//! ([`check`], [`check_story`]); the rules are in submodules, re-exported
//! here: `limits` (field limits, required fields, word target), `spacing`,
//! `repeated` (repeated words), `sentences` (sentence ends, long sentences),
//! `quotes` (smart and straight quotes), `balance` (quotes and brackets),
//! `structure` (duplicates, headings in the body), `numbers` (spell out one
//! to nine), `readability` ([`Summary`], syllables), `fixes` (dismissals,
//! applying fixes), `position` (line and column), and the public [`spelling`]
//! and [`style`].
//!
//! # Decisions
//!
//! **Which fields.** Limits apply to slug, headline and subhead; "required"
//! applies to the fields in [`CheckSettings::required`]. The copy rules (spacing,
//! repeated words, quotes, brackets) read the printed fields: headline, subhead,
//! byline, dateline and body. Sentence, duplicate, heading and number rules read
//! the body. The slug and the editor's note are never proofread.
//!
//! **Paragraphs.** The body keeps one paragraph per line (see `story`), so a line
//! break ends a paragraph: repeated words are found across the editor's soft
//! wrap but not across a line break, and "the same line twice" is the
//! duplicate-paragraph rule. A repeated *sentence* is reported separately.
//!
//! **Sentences.** A sentence ends at `.`, `!`, `?`, `…` or `...` (with any closing
//! quotes or brackets after it) followed by a space and the next sentence, and
//! always at the end of a paragraph. Not at a decimal point or inside `U.S.`
//! (no space follows). After `!`, `?` or an ellipsis, only when the next word
//! does not start in lower case (`“Why?” he asked.` is one sentence). After a
//! full stop:
//! - a title-like abbreviation that stands before a name or number (`Mr.`,
//!   `Dr.`, `Gov.`, `Nov.`, `No. 3`, `p.`, `vs.` …) never ends a sentence inside
//!   a paragraph;
//! - an abbreviation that can end a sentence (`U.S.`, `Inc.`, `Jr.`, `etc.`,
//!   `a.m.`, `St.`, a capital initial `J.`, dotted letters `F.B.I.`) ends one only
//!   when the next word is a common sentence opener (`The`, `He`, `It`, `But`,
//!   `In` …): "in the U.S. The vote" splits, "the U.S. Senate" and
//!   "J. K. Rowling" do not;
//! - any other word ends a sentence unless the next word starts in lower case.
//!
//! **Quotes.** Straight quotes are reported only when the story's printed fields
//! hold more curly quotes and apostrophes (`“ ” ‘ ’ „`) than straight ones (`"`
//! and `'`): the majority is the house style. Guillemets `« »` count for neither
//! side and are never changed. See [`smart_quotes`] for how each quote is turned.
//!
//! **Dismissals.** A [`Dismissal`](crate::story::Dismissal) names the rule,
//! the field and the offending text widened to whole words within its line
//! (for a too-long field its whole text; for an empty required field or the
//! word target nothing), so it survives edits elsewhere and lapses when that
//! text changes. [`active`] leaves out the findings the story dismissed.
//!
//! **Syllables.** [`syllables`] is an estimate — vowel groups, a silent final
//! `e`, non-syllabic `-es`/`-ed`, a few two-vowel splits — not a dictionary
//! lookup; it is right for most common words and close on average, which is what
//! the Flesch formulas need. Cyrillic words count their vowels. Flesch reading
//! ease and Flesch–Kincaid grade are defined for English prose only.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::story::{Field, Fields, Limits, Story};

mod balance;
mod fixes;
mod limits;
mod numbers;
mod position;
mod quotes;
mod readability;
mod repeated;
mod sentences;
mod spacing;
pub mod spelling;
mod structure;
pub mod style;

pub use balance::unbalanced;
pub use fixes::{active, apply_fix, apply_fix_to, dismissal, fix_all_quotes, is_dismissed};
pub use limits::{field_limits, required_fields, word_target};
pub use numbers::spell_out_numbers;
pub use position::{LineIndex, line_column};
pub use quotes::{quote_counts, smart_quotes, straight_quotes};
pub use readability::{Summary, summary, syllables};
pub use repeated::repeated_words;
pub use sentences::{long_sentences, sentence_ranges};
pub use spacing::{double_spaces, space_before_punctuation};
pub use structure::{duplicates, heading_in_body, stray_headings};

use readability::summary_of;
use sentences::{Prose, long_sentences_in};
use structure::duplicates_in;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Must be fixed before the story runs (over a limit, empty field).
    Error,
    /// Probably wrong; look at it.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// "Error", "Warning", "Info": the word shown next to a finding.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
            Severity::Info => "Info",
        }
    }

    /// "error", "warning", "info": the key in command-line output.
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A check. Each has a stable key, used in dismissals and on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    SlugTooLong,
    HeadlineTooLong,
    SubheadTooLong,
    RequiredEmpty,
    WordTarget,
    LongSentence,
    RepeatedWord,
    DoubleSpace,
    SpaceBeforePunctuation,
    StraightQuotes,
    UnbalancedQuotes,
    UnbalancedBrackets,
    DuplicateParagraph,
    DuplicateSentence,
    HeadlineInBody,
    SubheadInBody,
    StrayHeading,
    SpellOutNumber,
    /// A word not in the story's dictionary (see `spelling`).
    Spelling,
    /// A house-style rule (see `style`); each finding carries its severity.
    Style,
}

impl Rule {
    pub const ALL: [Rule; 20] = [
        Rule::SlugTooLong,
        Rule::HeadlineTooLong,
        Rule::SubheadTooLong,
        Rule::RequiredEmpty,
        Rule::WordTarget,
        Rule::LongSentence,
        Rule::RepeatedWord,
        Rule::DoubleSpace,
        Rule::SpaceBeforePunctuation,
        Rule::StraightQuotes,
        Rule::UnbalancedQuotes,
        Rule::UnbalancedBrackets,
        Rule::DuplicateParagraph,
        Rule::DuplicateSentence,
        Rule::HeadlineInBody,
        Rule::SubheadInBody,
        Rule::StrayHeading,
        Rule::SpellOutNumber,
        Rule::Spelling,
        Rule::Style,
    ];

    /// The stable key, e.g. `"headline-too-long"`.
    pub fn key(self) -> &'static str {
        match self {
            Rule::SlugTooLong => "slug-too-long",
            Rule::HeadlineTooLong => "headline-too-long",
            Rule::SubheadTooLong => "subhead-too-long",
            Rule::RequiredEmpty => "required-empty",
            Rule::WordTarget => "word-target",
            Rule::LongSentence => "long-sentence",
            Rule::RepeatedWord => "repeated-word",
            Rule::DoubleSpace => "double-space",
            Rule::SpaceBeforePunctuation => "space-before-punctuation",
            Rule::StraightQuotes => "straight-quotes",
            Rule::UnbalancedQuotes => "unbalanced-quotes",
            Rule::UnbalancedBrackets => "unbalanced-brackets",
            Rule::DuplicateParagraph => "duplicate-paragraph",
            Rule::DuplicateSentence => "duplicate-sentence",
            Rule::HeadlineInBody => "headline-in-body",
            Rule::SubheadInBody => "subhead-in-body",
            Rule::StrayHeading => "stray-heading",
            Rule::SpellOutNumber => "spell-out-number",
            Rule::Spelling => "spelling",
            Rule::Style => "style",
        }
    }

    pub fn from_key(key: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.key() == key)
    }

    /// The severity every finding of this rule has.
    pub fn severity(self) -> Severity {
        match self {
            Rule::SlugTooLong | Rule::HeadlineTooLong | Rule::SubheadTooLong => Severity::Error,
            Rule::RequiredEmpty => Severity::Error,
            Rule::WordTarget | Rule::StrayHeading => Severity::Info,
            _ => Severity::Warning,
        }
    }

    fn order(self) -> usize {
        Rule::ALL.iter().position(|r| *r == self).unwrap_or(0)
    }
}

/// A safe quick fix: replace the finding's range with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the button says, e.g. "Collapse to one space".
    pub label: String,
    pub replacement: String,
}

/// One thing a check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub field: Field,
    /// Byte range in the field's text, on char boundaries (may be empty).
    pub range: Range<usize>,
    pub severity: Severity,
    pub message: String,
    pub fix: Option<Fix>,
}

impl Finding {
    fn new(rule: Rule, field: Field, range: Range<usize>, message: String) -> Self {
        Finding {
            rule,
            field,
            range,
            severity: rule.severity(),
            message,
            fix: None,
        }
    }

    fn with_fix(mut self, label: impl Into<String>, replacement: impl Into<String>) -> Self {
        self.fix = Some(Fix {
            label: label.into(),
            replacement: replacement.into(),
        });
        self
    }
}

/// What the checks measure against. Kept with the app's settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckSettings {
    /// Character limits and reading speed (shared with the editor's counters).
    pub limits: Limits,
    /// Fields that must not be empty (stored as field keys).
    #[serde(with = "field_keys")]
    pub required: Vec<Field>,
    /// A sentence with more words than this is reported.
    pub long_sentence_words: usize,
    /// The body's word-count target, if the desk set one.
    pub word_target: Option<usize>,
    /// House style: spell out one to nine ("3 cars" → "three cars"). Off by default.
    pub spell_out_numbers: bool,
}

impl Default for CheckSettings {
    fn default() -> Self {
        CheckSettings {
            limits: Limits::default(),
            required: vec![Field::Headline, Field::Body],
            long_sentence_words: 35,
            word_target: None,
            spell_out_numbers: false,
        }
    }
}

/// `Vec<Field>` as a list of field keys; unknown keys are skipped.
mod field_keys {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::story::Field;

    pub fn serialize<S: Serializer>(fields: &[Field], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(fields.iter().map(|f| f.key()))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Field>, D::Error> {
        let keys = Vec::<String>::deserialize(d)?;
        Ok(keys.iter().filter_map(|k| Field::from_key(k)).collect())
    }
}

/// The fields that get printed, and so are proofread.
pub const COPY_FIELDS: [Field; 5] = [
    Field::Headline,
    Field::Subhead,
    Field::Byline,
    Field::Dateline,
    Field::Body,
];

/// Every check on the story's text, sorted by field (in editor order), then
/// position. Dismissals are not applied: see [`active`] and [`check_story`].
pub fn check(fields: &Fields, settings: &CheckSettings) -> Vec<Finding> {
    check_prose(fields, settings, &Prose::new(&fields.body))
}

/// [`check`] and [`summary`] together, splitting the body into sentences once
/// (what the checks panel and `copydesk check` need).
pub fn check_with_summary(fields: &Fields, settings: &CheckSettings) -> (Vec<Finding>, Summary) {
    let prose = Prose::new(&fields.body);
    (
        check_prose(fields, settings, &prose),
        summary_of(&prose, fields, settings),
    )
}

fn check_prose(fields: &Fields, settings: &CheckSettings, prose: &Prose<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(field_limits(fields, &settings.limits));
    out.extend(required_fields(fields, &settings.required));
    out.extend(word_target(fields, settings.word_target));
    for field in COPY_FIELDS {
        let text = fields.get(field);
        if text.is_empty() {
            continue;
        }
        out.extend(double_spaces(field, text));
        out.extend(space_before_punctuation(field, text));
        out.extend(repeated_words(field, text));
        out.extend(unbalanced(field, text));
    }
    out.extend(straight_quotes(fields));
    long_sentences_in(Field::Body, prose, settings.long_sentence_words, &mut out);
    duplicates_in(Field::Body, prose, &mut out);
    out.extend(heading_in_body(fields));
    out.extend(stray_headings(fields));
    if settings.spell_out_numbers {
        out.extend(spell_out_numbers(Field::Body, &fields.body));
    }
    sort(&mut out);
    out
}

/// The story's findings that have not been dismissed.
pub fn check_story(story: &Story, settings: &CheckSettings) -> Vec<Finding> {
    active(
        check(&story.fields, settings),
        &story.fields,
        &story.dismissed,
    )
}

/// Sort findings by field order, then position, then rule.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by_key(|f| {
        (
            field_order(f.field),
            f.range.start,
            f.range.end,
            f.rule.order(),
        )
    });
}

fn field_order(field: Field) -> usize {
    Field::ALL.iter().position(|f| *f == field).unwrap_or(0)
}

// ---------------------------------------------------------------------------
// Helpers

/// The lines of `text` with their byte offsets (split at every `\n`).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n').scan(0, |pos, line| {
        let start = *pos;
        *pos += line.len() + 1;
        Some((start, line))
    })
}

/// The range of `line` (at `base`) without surrounding whitespace, if any is left.
fn trimmed(base: usize, line: &str) -> Option<Range<usize>> {
    let t = line.trim();
    if t.is_empty() {
        return None;
    }
    let start = base + (line.len() - line.trim_start().len());
    Some(start..start + t.len())
}

/// At most `max` characters of `s`, with "…" when cut.
fn excerpt(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// Case-insensitive equality (full Unicode lower-casing).
fn eq_ignore_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Opening quotes and brackets a sentence or quote may start with.
const OPENERS: &[char] = &['“', '‘', '"', '\'', '«', '„', '(', '['];
/// Closing quotes and brackets that may follow a sentence's final stop.
const CLOSERS: &[char] = &['”', '’', '"', '\'', '»', ')', ']', '“'];
