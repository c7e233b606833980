//! Copy-desk checks: pure functions from a story's text to [`Finding`]s — field
//! limits, empty required fields, long sentences, repeated words, spacing,
//! quotes and brackets, duplicated text, stray headings, optional house style —
//! and the body's readability [`Summary`]. No egui here: `copydesk check` and
//! the checks panel are two drivers of the same functions.
//!
//! Every finding points at a byte range of one field's text, always on char
//! boundaries. A [`Fix`] replaces exactly that range.
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
//! **Dismissals.** A [`Dismissal`] names the rule, the field and the offending
//! text widened to whole words within its line (for a too-long field its whole
//! text; for an empty required field or the word target nothing), so it survives
//! edits elsewhere and lapses when that text changes. [`active`] leaves out the
//! findings the story dismissed.
//!
//! **Syllables.** [`syllables`] is an estimate — vowel groups, a silent final
//! `e`, non-syllabic `-es`/`-ed`, a few two-vowel splits — not a dictionary
//! lookup; it is right for most common words and close on average, which is what
//! the Flesch formulas need. Cyrillic words count their vowels. Flesch reading
//! ease and Flesch–Kincaid grade are defined for English prose only.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::story::{self, Dismissal, Field, Fields, Limits, Story};

pub mod spelling;
pub mod style;

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
// Dismissals

/// The dismissal that records `finding` as the desk's decision.
pub fn dismissal(finding: &Finding, fields: &Fields) -> Dismissal {
    Dismissal {
        rule: finding.rule.key().to_owned(),
        field: finding.field.key().to_owned(),
        text: dismissal_text(finding, fields.get(finding.field)),
    }
}

/// The text a dismissal keys on: for whole-field rules the field's text (a
/// too-long headline is dismissed for that headline only); for the word target
/// nothing (the target is dismissed for the story); otherwise the offending
/// text widened to whole words within its line, so that, say, one straight
/// quote is told from another.
fn dismissal_text(finding: &Finding, text: &str) -> String {
    match finding.rule {
        Rule::SlugTooLong | Rule::HeadlineTooLong | Rule::SubheadTooLong => text.to_owned(),
        Rule::RequiredEmpty | Rule::WordTarget => String::new(),
        _ => {
            let Some(range) = valid_range(text, &finding.range) else {
                return String::new();
            };
            // Widen over the non-space characters on either side only (a
            // newline is a space): the cost is the words', not the line's.
            let before = &text[..range.start];
            let start = before.trim_end_matches(|c: char| !c.is_whitespace()).len();
            let after = &text[range.end..];
            let end = range.end
                + (after.len() - after.trim_start_matches(|c: char| !c.is_whitespace()).len());
            text[start..end].to_owned()
        }
    }
}

/// Whether the desk dismissed this finding.
pub fn is_dismissed(finding: &Finding, fields: &Fields, dismissed: &[Dismissal]) -> bool {
    if dismissed.is_empty() {
        return false;
    }
    let d = dismissal(finding, fields);
    dismissed.contains(&d)
}

/// The findings that are not dismissed.
pub fn active(findings: Vec<Finding>, fields: &Fields, dismissed: &[Dismissal]) -> Vec<Finding> {
    if dismissed.is_empty() {
        return findings;
    }
    let set: HashSet<&Dismissal> = dismissed.iter().collect();
    findings
        .into_iter()
        .filter(|f| !set.contains(&dismissal(f, fields)))
        .collect()
}

// ---------------------------------------------------------------------------
// Applying fixes

/// `range` if it lies within `text` on char boundaries.
fn valid_range(text: &str, range: &Range<usize>) -> Option<Range<usize>> {
    (range.start <= range.end
        && range.end <= text.len()
        && text.is_char_boundary(range.start)
        && text.is_char_boundary(range.end))
    .then(|| range.clone())
}

/// `text` with the finding's fix applied, or `None` when it has no fix or its
/// range does not fit `text` (the text changed since the check).
pub fn apply_fix(text: &str, finding: &Finding) -> Option<String> {
    let fix = finding.fix.as_ref()?;
    let range = valid_range(text, &finding.range)?;
    let mut out = String::with_capacity(text.len() + fix.replacement.len());
    out.push_str(&text[..range.start]);
    out.push_str(&fix.replacement);
    out.push_str(&text[range.end..]);
    Some(out)
}

/// Apply the finding's fix to its field. Returns whether the text changed.
pub fn apply_fix_to(fields: &mut Fields, finding: &Finding) -> bool {
    let text = fields.get_mut(finding.field);
    match apply_fix(text, finding) {
        Some(fixed) if fixed != *text => {
            *text = fixed;
            true
        }
        _ => false,
    }
}

/// Turn every straight quote in the printed fields into a curly one
/// ([`smart_quotes`]). Returns whether anything changed.
pub fn fix_all_quotes(fields: &mut Fields) -> bool {
    let mut changed = false;
    for field in COPY_FIELDS {
        let text = fields.get_mut(field);
        if text.contains(['"', '\'']) {
            *text = smart_quotes(text);
            changed = true;
        }
    }
    changed
}

/// 1-based line and column (in characters) of byte `at` in `text`. Scans
/// `text` up to `at`: for many positions in one text use [`LineIndex`].
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Where each line of a text starts, to turn byte offsets into line and
/// column without scanning the text from its start for each one: a binary
/// search finds the line; on an ASCII line the column is a subtraction, and on
/// any other line the characters are counted on from the previous position
/// asked for when it was earlier on the same line (findings come sorted). So
/// placing every finding of a text is linear overall, even 200,000 of them on
/// one line.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of each line (the first is 0).
    starts: Vec<usize>,
    /// Whether each line is all ASCII.
    ascii: Vec<bool>,
    /// The last position placed: (byte, line, column).
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        let mut ascii = Vec::new();
        let mut line_ascii = true;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
                ascii.push(line_ascii);
                line_ascii = true;
            } else if b >= 0x80 {
                line_ascii = false;
            }
        }
        ascii.push(line_ascii);
        LineIndex {
            text,
            starts,
            ascii,
            last: std::cell::Cell::new((0, 1, 1)),
        }
    }

    /// 1-based line and column (in characters) of byte `at`.
    pub fn line_column(&self, at: usize) -> (usize, usize) {
        let text = self.text;
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        // The last line start at or before `at`.
        let line = self.starts.partition_point(|&start| start <= at);
        let line_start = self.starts[line - 1];
        if self.ascii[line - 1] {
            return (line, at - line_start + 1);
        }
        let (last_at, last_line, last_column) = self.last.get();
        let column = if last_line == line && last_at <= at {
            last_column + text[last_at..at].chars().count()
        } else {
            text[line_start..at].chars().count() + 1
        };
        self.last.set((at, line, column));
        (line, column)
    }
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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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

// ---------------------------------------------------------------------------
// Limits, required fields, word target

/// Slug, headline and subhead over their character limits (Error). The range
/// is the part past the limit.
pub fn field_limits(fields: &Fields, limits: &Limits) -> Vec<Finding> {
    let mut out = Vec::new();
    for (field, rule) in [
        (Field::Slug, Rule::SlugTooLong),
        (Field::Headline, Rule::HeadlineTooLong),
        (Field::Subhead, Rule::SubheadTooLong),
    ] {
        let Some(limit) = limits.for_field(field) else {
            continue;
        };
        let text = fields.get(field);
        let count = story::char_count(text);
        if count <= limit {
            continue;
        }
        let start = text
            .grapheme_indices(true)
            .nth(limit)
            .map_or(text.len(), |(i, _)| i);
        out.push(Finding::new(
            rule,
            field,
            start..text.len(),
            format!(
                "{} is {count} characters, {} over the {limit} limit",
                field.label(),
                count - limit
            ),
        ));
    }
    out
}

/// Required fields that are empty or only spaces (Error).
pub fn required_fields(fields: &Fields, required: &[Field]) -> Vec<Finding> {
    let mut out = Vec::new();
    for field in Field::ALL {
        if !required.contains(&field) {
            continue;
        }
        let text = fields.get(field);
        if text.trim().is_empty() {
            out.push(Finding::new(
                Rule::RequiredEmpty,
                field,
                0..text.len(),
                format!("{} is empty", field.label()),
            ));
        }
    }
    out
}

/// Info when a target is set and the body is more than 10% short of it or
/// over it. The range is empty, at the start of the body.
pub fn word_target(fields: &Fields, target: Option<usize>) -> Vec<Finding> {
    let Some(target) = target.filter(|t| *t > 0) else {
        return Vec::new();
    };
    let words = story::word_count(&fields.body);
    let percent = words * 100 / target;
    let message = if words * 10 < target * 9 {
        format!(
            "{} short of the {target}-word target ({words} words, {percent}%)",
            plural(target - words, "word", "words")
        )
    } else if words * 10 > target * 11 {
        format!(
            "{} over the {target}-word target ({words} words, {percent}%)",
            plural(words - target, "word", "words")
        )
    } else {
        return Vec::new();
    };
    vec![Finding::new(Rule::WordTarget, Field::Body, 0..0, message)]
}

// ---------------------------------------------------------------------------
// Spacing

/// Whether the spaces ending at byte `end` of `line` are reported by
/// [`space_before_punctuation`] (so the double-space rule leaves them alone).
fn space_before_punct_at(line: &str, run_start: usize, end: usize) -> bool {
    let rest = &line[end..];
    let mut chars = rest.chars();
    let Some(p) = chars.next() else {
        return false;
    };
    if !matches!(p, ',' | '.' | ';' | ':' | '!' | '?') {
        return false;
    }
    // Something other than whitespace must come before the spaces.
    if line[..run_start].trim_end().is_empty() {
        return false;
    }
    match chars.next() {
        // " .5", " .NET", " ,000": not punctuation after a word.
        Some(n) if n.is_alphanumeric() => false,
        // An ellipsis, closed up or spaced: " ...", " . . .".
        Some('.') if p == '.' => false,
        Some(' ') if p == '.' && rest[1..].starts_with(" .") => false,
        // Emoticons " :)", " ;-)".
        Some(')' | '(' | '-' | 'D') if matches!(p, ':' | ';') => false,
        _ => true,
    }
}

/// Two or more spaces between words (Warning; fix: one space). Leading
/// indentation and trailing spaces are left alone, and so are spaces before
/// punctuation (reported by [`space_before_punctuation`]).
pub fn double_spaces(field: Field, text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    if !text.contains("  ") {
        return out;
    }
    for (base, line) in lines(text) {
        let bytes = line.as_bytes();
        // Where the line's content starts and ends, found once per line.
        let content_start = line.len() - line.trim_start().len();
        let content_end = line.trim_end().len();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b' ' {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i] == b' ' {
                i += 1;
            }
            let run = i - start;
            let leading = start <= content_start;
            let trailing = i >= content_end;
            if run < 2 || leading || trailing || space_before_punct_at(line, start, i) {
                continue;
            }
            let message = if run == 2 {
                "Double space".to_owned()
            } else {
                format!("{run} spaces in a row")
            };
            out.push(
                Finding::new(Rule::DoubleSpace, field, base + start..base + i, message)
                    .with_fix("Collapse to one space", " "),
            );
        }
    }
    out
}

/// Spaces before `, . ; : ! ?` (Warning; fix: remove them). Not before a
/// decimal or a name (" .5", " .NET"), a spaced ellipsis, or an emoticon.
/// Only ordinary spaces count: a no-break space before `:` or `!` (French
/// typography) is left alone.
pub fn space_before_punctuation(field: Field, text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    if !text.contains(' ') {
        return out;
    }
    for (base, line) in lines(text) {
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if !matches!(b, b',' | b'.' | b';' | b':' | b'!' | b'?')
                || i == 0
                || bytes[i - 1] != b' '
            {
                continue;
            }
            let mut s = i;
            while s > 0 && bytes[s - 1] == b' ' {
                s -= 1;
            }
            // For '.', the spaces must not follow another '.' (". . .").
            if b == b'.' && s > 0 && bytes[s - 1] == b'.' {
                continue;
            }
            if !space_before_punct_at(line, s, i) {
                continue;
            }
            let p = b as char;
            out.push(
                Finding::new(
                    Rule::SpaceBeforePunctuation,
                    field,
                    base + s..base + i + 1,
                    format!("Space before “{p}”"),
                )
                .with_fix(format!("Remove the space before “{p}”"), p.to_string()),
            );
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Repeated words

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

/// Whether text that ends with `before` is at the start of a sentence.
fn at_sentence_start(before: &str) -> bool {
    let b = before.trim_end().trim_end_matches(OPENERS).trim_end();
    let b = b.trim_end_matches(|c| CLOSERS.contains(&c));
    b.is_empty() || b.ends_with(['.', '!', '?', '…'])
}

// ---------------------------------------------------------------------------
// Sentences

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
const SENTENCE_OPENERS: &[&str] = &[
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
fn first_word(next: &str) -> &str {
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

/// The sentences of one paragraph (text without line breaks), as byte ranges
/// without surrounding spaces. See the module docs for the rule.
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
struct Prose<'a> {
    text: &'a str,
    paragraphs: Vec<Paragraph>,
}

struct Paragraph {
    /// The line, as a byte range of the text.
    range: Range<usize>,
    words: usize,
    /// Sentences as byte ranges of the text, with their word counts.
    sentences: Vec<(Range<usize>, usize)>,
}

impl<'a> Prose<'a> {
    fn new(text: &'a str) -> Self {
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

fn long_sentences_in(field: Field, prose: &Prose<'_>, max_words: usize, out: &mut Vec<Finding>) {
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

// ---------------------------------------------------------------------------
// Quotes

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

// ---------------------------------------------------------------------------
// Balance

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

// ---------------------------------------------------------------------------
// Duplicates, headings

/// Paragraphs and sentences repeated word for word in the body (Warning): a
/// paragraph of three words or more that repeats an earlier one, and, outside
/// such paragraphs, a sentence of four words or more that repeats an earlier one.
pub fn duplicates(field: Field, text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    duplicates_in(field, &Prose::new(text), &mut out);
    out
}

fn duplicates_in(field: Field, prose: &Prose<'_>, out: &mut Vec<Finding>) {
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

// ---------------------------------------------------------------------------
// Numbers (house style, off by default)

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

// ---------------------------------------------------------------------------
// Readability

/// The body's counts and readability, for the summary at the top of the panel.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    pub words: usize,
    pub sentences: usize,
    /// Estimated (see [`syllables`]).
    pub syllables: usize,
    pub paragraphs: usize,
    pub reading_minutes: usize,
    pub words_per_minute: usize,
    pub word_target: Option<usize>,
    /// 206.835 − 1.015·(words/sentences) − 84.6·(syllables/words); higher is
    /// easier. `None` for an empty body.
    pub flesch_reading_ease: Option<f64>,
    /// 0.39·(words/sentences) + 11.8·(syllables/words) − 15.59: a US school
    /// grade. `None` for an empty body.
    pub flesch_kincaid_grade: Option<f64>,
}

impl Summary {
    /// Words as a share of the target (1.0 = on target), if a target is set.
    pub fn target_progress(&self) -> Option<f32> {
        self.word_target
            .filter(|t| *t > 0)
            .map(|t| self.words as f32 / t as f32)
    }
}

/// Counts and readability of the body.
pub fn summary(fields: &Fields, settings: &CheckSettings) -> Summary {
    summary_of(&Prose::new(&fields.body), fields, settings)
}

fn summary_of(prose: &Prose<'_>, fields: &Fields, settings: &CheckSettings) -> Summary {
    let words: usize = prose.paragraphs.iter().map(|p| p.words).sum();
    let sentences = prose
        .paragraphs
        .iter()
        .flat_map(|p| &p.sentences)
        .filter(|(_, words)| *words > 0)
        .count();
    // `syllables` is 0 exactly for the tokens `word_count` does not count.
    let syllables: usize = fields.body.split_whitespace().map(syllables).sum();
    let (fre, fk) = if words > 0 && sentences > 0 {
        let wps = words as f64 / sentences as f64;
        let spw = syllables as f64 / words as f64;
        (
            Some(206.835 - 1.015 * wps - 84.6 * spw),
            Some(0.39 * wps + 11.8 * spw - 15.59),
        )
    } else {
        (None, None)
    };
    Summary {
        words,
        sentences,
        syllables,
        paragraphs: prose.paragraphs.len(),
        reading_minutes: story::reading_minutes(words, settings.limits.words_per_minute),
        words_per_minute: settings.limits.words_per_minute,
        word_target: settings.word_target,
        flesch_reading_ease: fre,
        flesch_kincaid_grade: fk,
    }
}

fn is_vowel(c: char) -> bool {
    match c {
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' => true,
        c if c.is_ascii() => false,
        c => "áàâäãåæéèêëíìîïóòôöõøœúùûüýÿ".contains(c),
    }
}

fn is_cyrillic_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'е' | 'є' | 'и' | 'і' | 'ї' | 'о' | 'у' | 'ю' | 'я' | 'ы' | 'э' | 'ё'
    )
}

/// An estimate of the syllables in one word (a token as `word_count` counts
/// it; punctuation is ignored). English: vowel groups (a e i o u, and y after
/// the first letter), less a silent final `e` (not in `-le` after a consonant)
/// and a non-syllabic `-es` or `-ed` (syllabic after s x z ch sh c g, resp. t d),
/// plus one for vowel pairs usually said as two (`ia`, `io`, `iu`, `ua`, `uo`
/// outside `-tion`/`-sion`, `qu`, `gu`, `-cial`), at least one. Cyrillic: the
/// vowels. Figures: one per digit, at most four. An estimate, not a dictionary.
pub fn syllables(word: &str) -> usize {
    const MAX: usize = 48;
    let mut buf = ['\0'; MAX];
    let mut n = 0;
    let mut digits = 0;
    let mut cyrillic = 0;
    if word.is_ascii() {
        for &b in word.as_bytes() {
            if b.is_ascii_alphabetic() {
                if n < MAX {
                    buf[n] = char::from(b.to_ascii_lowercase());
                    n += 1;
                }
            } else if b.is_ascii_digit() {
                digits += 1;
            }
        }
    } else {
        for c in word.chars() {
            if c.is_numeric() {
                digits += 1;
            } else if c.is_alphabetic() {
                for l in c.to_lowercase() {
                    if is_cyrillic_vowel(l) {
                        cyrillic += 1;
                    }
                    if n < MAX {
                        buf[n] = l;
                        n += 1;
                    }
                }
            }
        }
    }
    if n == 0 {
        return if digits == 0 { 0 } else { digits.min(4) };
    }
    if cyrillic > 0 {
        return cyrillic;
    }
    let w = &buf[..n];
    if n <= 3 {
        return 1;
    }
    let ends = |suffix: &[char]| n >= suffix.len() && w[n - suffix.len()..] == *suffix;
    let is_cons = |c: char| c.is_alphabetic() && !is_vowel(c);
    let mut end = n;
    if ends(&['e', 's']) && n > 4 {
        let c3 = w[n - 3];
        let syllabic = matches!(c3, 's' | 'x' | 'z' | 'c' | 'g')
            || (c3 == 'h' && matches!(w[n - 4], 'c' | 's'));
        if !syllabic {
            end = n - 2;
        }
    } else if ends(&['e', 'd']) && n > 4 {
        if !matches!(w[n - 3], 't' | 'd') {
            end = n - 2;
        }
    } else if ends(&['e']) && !ends(&['e', 'e']) && !ends(&['y', 'e']) {
        let le = ends(&['l', 'e']) && is_cons(w[n - 3]);
        if !le {
            end = n - 1;
        }
    }
    let w = &w[..end];
    let mut count = 0;
    let mut in_group = false;
    for (i, &c) in w.iter().enumerate() {
        let vowel = is_vowel(c) && !(c == 'y' && i == 0);
        if vowel && !in_group {
            count += 1;
        }
        in_group = vowel;
    }
    // Vowel pairs usually said as two syllables.
    for i in 1..w.len() {
        let (a, b) = (w[i - 1], w[i]);
        let before = if i >= 2 { w[i - 2] } else { ' ' };
        let after = w.get(i + 1).copied().unwrap_or(' ');
        let split = match (a, b) {
            ('i', 'a') => !matches!(before, 'c' | 't' | 's' | 'g'),
            ('i', 'o') => !(matches!(before, 't' | 's' | 'c' | 'g' | 'x') && after == 'n'),
            ('i', 'u') => !matches!(before, 'c' | 't'),
            ('u', 'a') | ('u', 'o') => !matches!(before, 'q' | 'g'),
            ('e', 'o') => before == ' ' || matches!(before, 'd' | 'l' | 'n' | 'r' | 'v'),
            _ => false,
        };
        if split {
            count += 1;
        }
    }
    count.max(1)
}
