//! The story model: the newsroom fields, drafts kept inside the story, workflow
//! status, and the counts an editor watches (words, characters, reading time).
//!
//! Nothing here knows about files or windows. `store` turns a [`Story`] into a RON
//! file and back; the GUI and the CLI only call into this module.
//!
//! # The text rule
//!
//! Text is kept exactly as typed, with one normalisation applied wherever text
//! enters a story ([`normalize_text`]): CRLF and lone CR become LF, and control
//! characters other than tab and newline are removed. Single-line fields (slug,
//! headline, subhead, byline, dateline) additionally turn any newline into a
//! space. Everything else — Cyrillic, curly quotes, dashes, accents, emoji, tabs,
//! leading and trailing spaces — survives save and load byte for byte.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// The editable text of a story: every newsroom field.
///
/// The body is one string; paragraphs are separated by newlines (blank lines
/// between paragraphs are allowed and kept). In the file the body is written as a
/// list with one line of the body per entry, so that each paragraph sits on its own
/// line of the file and a story diffs cleanly in git.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fields {
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub headline: String,
    #[serde(default)]
    pub subhead: String,
    #[serde(default)]
    pub byline: String,
    #[serde(default)]
    pub dateline: String,
    #[serde(default, with = "body_lines")]
    pub body: String,
    #[serde(default)]
    pub note: String,
}

/// One field of a story, in the order an editor reads them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Slug,
    Headline,
    Subhead,
    Byline,
    Dateline,
    Body,
    Note,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Slug,
        Field::Headline,
        Field::Subhead,
        Field::Byline,
        Field::Dateline,
        Field::Body,
        Field::Note,
    ];

    /// The label an editor sees (also the accessible name of the field's editor).
    pub fn label(self) -> &'static str {
        match self {
            Field::Slug => "Slug",
            Field::Headline => "Headline",
            Field::Subhead => "Subhead",
            Field::Byline => "Byline",
            Field::Dateline => "Dateline",
            Field::Body => "Body",
            Field::Note => "Editor's note",
        }
    }

    /// The key used in files and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Field::Slug => "slug",
            Field::Headline => "headline",
            Field::Subhead => "subhead",
            Field::Byline => "byline",
            Field::Dateline => "dateline",
            Field::Body => "body",
            Field::Note => "note",
        }
    }

    /// The field with this [`key`](Field::key), if any.
    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Body and editor's note may hold several lines; the rest are one line.
    pub fn is_multiline(self) -> bool {
        matches!(self, Field::Body | Field::Note)
    }
}

impl Fields {
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::Slug => &self.slug,
            Field::Headline => &self.headline,
            Field::Subhead => &self.subhead,
            Field::Byline => &self.byline,
            Field::Dateline => &self.dateline,
            Field::Body => &self.body,
            Field::Note => &self.note,
        }
    }

    pub fn get_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::Slug => &mut self.slug,
            Field::Headline => &mut self.headline,
            Field::Subhead => &mut self.subhead,
            Field::Byline => &mut self.byline,
            Field::Dateline => &mut self.dateline,
            Field::Body => &mut self.body,
            Field::Note => &mut self.note,
        }
    }

    /// Apply the text rule (see the module docs) to every field, in place.
    pub fn normalize(&mut self) {
        for field in Field::ALL {
            let text = self.get_mut(field);
            if needs_normalizing(text, field.is_multiline()) {
                *text = normalize_field(text, field.is_multiline());
            }
        }
    }

    /// The same fields with the text rule applied.
    pub fn normalized(mut self) -> Self {
        self.normalize();
        self
    }

    pub fn is_empty(&self) -> bool {
        Field::ALL.iter().all(|f| self.get(*f).is_empty())
    }
}

fn needs_normalizing(text: &str, multiline: bool) -> bool {
    // Control characters are C0 (bytes below 0x20), DEL, and C1 (U+0080–U+009F,
    // encoded as 0xC2 0x80–0x9F): a byte scan finds them without decoding.
    let bytes = text.as_bytes();
    // A branch-free pass first (it vectorises): most text has none of these.
    let suspicious = bytes.iter().fold(false, |found, &b| {
        found | ((b < 0x20 && b != b'\t' && (b != b'\n' || !multiline)) || b == 0x7F || b == 0xC2)
    });
    if !suspicious {
        return false;
    }
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\t' => false,
        b'\n' => !multiline,
        0x00..=0x1F | 0x7F => true,
        0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
        _ => false,
    })
}

/// The single-line text rule: line breaks become spaces, control characters
/// other than tab are dropped.
pub fn single_line(text: &str) -> String {
    normalize_field(text, false)
}

/// Whether `text` breaks the single-line text rule (see [`single_line`]).
pub fn needs_single_line(text: &str) -> bool {
    needs_normalizing(text, false)
}

/// Normalise newlines (CRLF and CR to LF) and drop control characters other than
/// tab and newline.
pub fn normalize_text(text: &str) -> String {
    normalize_field(text, true)
}

fn normalize_field(text: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(if multiline { '\n' } else { ' ' });
            }
            '\n' => out.push(if multiline { '\n' } else { ' ' }),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Where a story is in the newsroom's workflow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    #[default]
    Draft,
    Edited,
    Ready,
    Published,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Draft,
        Status::Edited,
        Status::Ready,
        Status::Published,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::Edited => "Edited",
            Status::Ready => "Ready",
            Status::Published => "Published",
        }
    }
}

/// A saved version of the story's text, kept inside the story file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// 1 for the first save, then counting up; never reused.
    pub number: u32,
    /// When this draft was saved.
    pub saved: Timestamp,
    /// An optional checkpoint name ("Filed", "Legal read", "As published").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub fields: Fields,
    /// Keys of this draft (and of its `fields`) that this version does not
    /// know, kept so a save does not drop what a later version wrote.
    #[serde(skip)]
    pub unknown: crate::store::UnknownKeys,
}

/// A story: its current text, metadata, and every draft saved so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Story {
    pub id: String,
    pub created: Timestamp,
    pub modified: Timestamp,
    pub status: Status,
    /// The current text (what the editor sees).
    pub fields: Fields,
    /// Saved drafts, oldest first. Drafts are only ever appended.
    pub drafts: Vec<Draft>,
    /// Check findings the desk decided to keep (see `checks`), saved with the
    /// story so the next editor sees the decision.
    pub dismissed: Vec<Dismissal>,
    /// Keys of the story file (top level and `current`) that this version does
    /// not know, kept through load and save (see `store::UnknownKeys`).
    pub unknown: crate::store::UnknownKeys,
    /// Desk decisions recorded in the file (taking over a lock, sending a
    /// story to Ready despite errors): who, when, what and why.
    pub decisions: Vec<Decision>,
    /// Spelling and house-style choices for this story (see [`Proofing`]).
    pub proofing: Proofing,
}

/// A story's own proofing choices, kept in the story file; each is left out
/// of the file while unset.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proofing {
    /// The dictionary for this story (`"en_GB"`); the app's setting when `None`.
    pub language: Option<String>,
    /// Words spelling accepts in this story only (Ignore).
    pub ignored_words: Vec<String>,
    /// House-style rules (by id) turned off for this story.
    pub style_off: Vec<String>,
}

/// A desk decision kept in the story file, e.g. `action: "take-over"` with
/// `why: "took over from Mira on desk-3"`, or `action: "ready-override"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub at: Timestamp,
    /// Who decided: the editor's name (from settings) and host.
    pub who: String,
    /// A stable key: `"take-over"` or `"ready-override"`.
    pub action: String,
    #[serde(default)]
    pub why: String,
}

/// Draft numbers are `u32`; a story whose newest draft is numbered
/// `u32::MAX` cannot take another (numbers are never reused).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no draft number left after draft {last}: archive or copy the story to go on")]
pub struct DraftNumbersExhausted {
    pub last: u32,
}

/// Why a story id is refused (see [`check_id`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadId {
    #[error("the story id is empty")]
    Empty,
    #[error("the story id is longer than {MAX_ID_CHARS} characters")]
    TooLong,
    #[error(
        "the story id holds {0} at character {1}; ids are letters, digits and punctuation without spaces or control characters"
    )]
    BadChar(String, usize),
}

/// Longest story id accepted ([`check_id`]); Copydesk's own are 36.
pub const MAX_ID_CHARS: usize = 128;

/// Check a story id read from a file: 1 to [`MAX_ID_CHARS`] characters, none of
/// them whitespace, control or formatting characters (escape sequences and
/// bidirectional overrides could otherwise reach a terminal or an export), nor
/// a noncharacter (which XML forbids).
pub fn check_id(id: &str) -> Result<(), BadId> {
    if id.is_empty() {
        return Err(BadId::Empty);
    }
    for (i, c) in id.chars().enumerate() {
        if i >= MAX_ID_CHARS {
            return Err(BadId::TooLong);
        }
        let bad = c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
            || (c as u32 & 0xFFFE) == 0xFFFE
            || ('\u{FDD0}'..='\u{FDEF}').contains(&c);
        if bad {
            return Err(BadId::BadChar(format!("U+{:04X}", c as u32), i + 1));
        }
    }
    Ok(())
}
/// A dismissed check finding: which rule, in which field, about which text.
/// Keyed by the offending text rather than a position, so the decision
/// survives edits elsewhere in the story (and lapses when that text changes).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Dismissal {
    /// The rule's stable key, e.g. `"double-space"`.
    pub rule: String,
    /// The field's key ([`Field::key`]), e.g. `"body"`.
    pub field: String,
    /// The offending text (with a little context), as `checks` records it.
    #[serde(default)]
    pub text: String,
}

impl Default for Story {
    fn default() -> Self {
        Self::new()
    }
}

/// The current time, to the second (drafts and stories are stamped with it).
pub fn now() -> Timestamp {
    let now = Timestamp::now();
    Timestamp::from_second(now.as_second()).unwrap_or(now)
}

impl Story {
    /// A new, empty story with a fresh id.
    pub fn new() -> Self {
        let now = now();
        Story {
            id: uuid::Uuid::new_v4().to_string(),
            created: now,
            modified: now,
            status: Status::Draft,
            fields: Fields::default(),
            drafts: Vec::new(),
            dismissed: Vec::new(),
            unknown: Default::default(),
            decisions: Vec::new(),
            proofing: Proofing::default(),
        }
    }

    /// A new story holding the given text (normalised).
    pub fn with_fields(fields: Fields) -> Self {
        Story {
            fields: fields.normalized(),
            ..Story::new()
        }
    }

    /// A file name stem for the story: its slug made safe for file names
    /// (letters, digits, `-` and `_`; anything else becomes `-`), or "story".
    pub fn file_stem(&self) -> String {
        let safe: String = self
            .fields
            .slug
            .trim()
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let safe = safe.trim_matches('-');
        if safe.is_empty() {
            "story".to_owned()
        } else {
            safe.to_owned()
        }
    }

    pub fn latest_draft(&self) -> Option<&Draft> {
        self.drafts.last()
    }

    pub fn draft(&self, number: u32) -> Option<&Draft> {
        self.drafts.iter().find(|d| d.number == number)
    }

    /// Whether the current text differs from the latest saved draft.
    pub fn differs_from_latest_draft(&self) -> bool {
        self.latest_draft()
            .is_none_or(|draft| draft.fields != self.fields)
    }

    /// Prepare the story for saving at `at`: when the current text differs from
    /// the latest draft (or there is none yet), or a checkpoint `label` is given,
    /// append a new draft holding the current text. Returns the number of the draft
    /// appended, if any. Drafts are never removed or rewritten.
    ///
    /// When no draft number is left (the newest is `u32::MAX`) nothing is
    /// appended and `None` is returned: callers that tell the user use
    /// [`Story::try_record_draft`].
    pub fn record_draft(&mut self, label: Option<String>, at: Timestamp) -> Option<u32> {
        self.try_record_draft(label, at).ok().flatten()
    }

    /// [`Story::record_draft`], failing with a clear error (and changing
    /// nothing) when the draft numbers are used up.
    pub fn try_record_draft(
        &mut self,
        label: Option<String>,
        at: Timestamp,
    ) -> Result<Option<u32>, DraftNumbersExhausted> {
        let label = label.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty());
        if !self.differs_from_latest_draft() && label.is_none() {
            self.modified = at;
            return Ok(None);
        }
        let last = self.drafts.iter().map(|d| d.number).max().unwrap_or(0);
        let number = last.checked_add(1).ok_or(DraftNumbersExhausted { last })?;
        self.modified = at;
        self.drafts.push(Draft {
            number,
            saved: at,
            label,
            fields: self.fields.clone(),
            unknown: Default::default(),
        });
        Ok(Some(number))
    }
}

/// Newsroom limits and reading speed: the numbers the counters measure against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Limits {
    pub slug: usize,
    pub headline: usize,
    pub subhead: usize,
    /// Words per minute for reading time.
    pub words_per_minute: usize,
}

impl Default for Limits {
    /// Superdesk's defaults (slug 24, headline 64, abstract 160) and 250 wpm.
    fn default() -> Self {
        Limits {
            slug: 24,
            headline: 64,
            subhead: 160,
            words_per_minute: 250,
        }
    }
}

impl Limits {
    /// The character limit for a field, if it has one.
    pub fn for_field(&self, field: Field) -> Option<usize> {
        match field {
            Field::Slug => Some(self.slug),
            Field::Headline => Some(self.headline),
            Field::Subhead => Some(self.subhead),
            _ => None,
        }
    }
}

/// Counts a word as a run of non-space characters holding at least one letter or
/// digit ("U.S.", "e-mail", "10,000" are one word each; a lone dash is none).
pub fn word_count(text: &str) -> usize {
    // One pass over the bytes; only non-ASCII characters are decoded. A word is
    // counted at its first letter or digit.
    let bytes = text.as_bytes();
    let (mut count, mut counted) = (0, false);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b == b' ' || (0x09..=0x0D).contains(&b) {
                counted = false;
            } else if !counted && b.is_ascii_alphanumeric() {
                count += 1;
                counted = true;
            }
            i += 1;
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                counted = false;
            } else if !counted && c.is_alphanumeric() {
                count += 1;
                counted = true;
            }
            i += c.len_utf8();
        }
    }
    count
}

/// Characters as a reader sees them (grapheme clusters: "é" written with a
/// combining accent and a family emoji each count as one).
pub fn char_count(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    // Grapheme segmentation is slow (it was most of a keystroke's cost in a long
    // body). Text made only of characters that never join a neighbour into one
    // grapheme — as newsroom prose with curly quotes, dashes and accented or
    // Cyrillic letters usually is — has one grapheme per character.
    let mut count = 0;
    for c in text.chars() {
        if !stands_alone(c) {
            return text.graphemes(true).count();
        }
        count += 1;
    }
    count
}

/// Whether `c` is always a grapheme of its own, whatever is next to it: its
/// grapheme break property is Other, Control or LF (not CR, which joins a
/// following LF; not Extend, ZWJ, SpacingMark, Prepend, Regional Indicator or
/// Hangul). Conservative: only a few blocks are listed; every other character
/// sends [`char_count`] to full grapheme segmentation.
fn stands_alone(c: char) -> bool {
    matches!(c,
        // Controls (not CR), Latin, Latin-1, Latin Extended-A/B, IPA, spacing
        // modifier letters; U+0300.. are combining marks.
        '\0'..='\u{0C}' | '\u{0E}'..='\u{02FF}'
        // Greek and Coptic.
        | '\u{0370}'..='\u{03FF}'
        // Cyrillic and Cyrillic Supplement, without the combining U+0483..=U+0489.
        | '\u{0400}'..='\u{0482}' | '\u{048A}'..='\u{052F}'
        // General Punctuation from the dashes on (U+200C ZWNJ and U+200D ZWJ
        // come before), up to U+205E; currency signs.
        | '\u{2010}'..='\u{205E}' | '\u{20A0}'..='\u{20C0}')
}

/// Non-empty paragraphs (lines holding something other than spaces).
pub fn paragraph_count(text: &str) -> usize {
    text.lines().filter(|l| !l.trim().is_empty()).count()
}

/// Whole minutes to read `words` at `words_per_minute`, rounded up; 0 for no words.
pub fn reading_minutes(words: usize, words_per_minute: usize) -> usize {
    if words == 0 {
        0
    } else {
        words.div_ceil(words_per_minute.max(1))
    }
}

/// The counts shown for a story's body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BodyCounts {
    pub words: usize,
    pub chars: usize,
    pub paragraphs: usize,
}

impl BodyCounts {
    pub fn of(text: &str) -> Self {
        BodyCounts {
            words: word_count(text),
            chars: char_count(text),
            paragraphs: paragraph_count(text),
        }
    }
}

/// (De)serialises the body as a list of its lines, so each paragraph sits on its
/// own line of the file. Also accepts a plain string, for hand-written files.
pub(crate) mod body_lines {
    use serde::de::{self, SeqAccess, Visitor};
    use serde::ser::SerializeSeq;
    use serde::{Deserializer, Serializer};
    use std::fmt;

    pub fn serialize<S: Serializer>(body: &str, serializer: S) -> Result<S::Ok, S::Error> {
        if body.is_empty() {
            return serializer.serialize_seq(Some(0))?.end();
        }
        let lines = body.split('\n');
        let mut seq = serializer.serialize_seq(Some(lines.clone().count()))?;
        for line in lines {
            seq.serialize_element(line)?;
        }
        seq.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
        struct LinesVisitor;
        impl<'de> Visitor<'de> for LinesVisitor {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of body lines or a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
                Ok(v.to_owned())
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
                Ok(v)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
                let mut body = String::new();
                let mut first = true;
                while let Some(line) = seq.next_element::<std::borrow::Cow<'de, str>>()? {
                    if !first {
                        body.push('\n');
                    }
                    first = false;
                    body.push_str(&line);
                }
                Ok(body)
            }
        }
        deserializer.deserialize_any(LinesVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_count_matches_the_definition() {
        for text in [
            "",
            " ",
            "a",
            " a b\tc\nd ",
            "— – …",
            "Київ, «міст» — 2024!",
            "a\u{a0}b",
            "x\u{2003}y",
            "e\u{301}t",
            "👩‍👩‍👧 family",
            "\u{b}v\u{c}f\r",
            "10,000 U.S. e-mail",
        ] {
            let expected = text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            assert_eq!(word_count(text), expected, "{text:?}");
        }
    }

    #[test]
    fn control_characters_are_found_by_the_byte_scan() {
        for c in (0u32..0x300).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            let expected = c.is_control() && c != '\t' && c != '\n';
            assert_eq!(needs_normalizing(&text, true), expected, "{c:?}");
        }
        assert!(needs_normalizing("a\nb", false));
    }

    #[test]
    fn words_ignore_lone_punctuation() {
        assert_eq!(word_count("Kyiv — the U.S. said 10,000 e-mails"), 6);
        assert_eq!(word_count("  \n\t "), 0);
        assert_eq!(word_count("Привіт, світе!"), 2);
    }

    #[test]
    fn chars_count_graphemes() {
        assert_eq!(char_count("Café"), 4);
        assert_eq!(char_count("Cafe\u{301}"), 4);
        assert_eq!(char_count("👨‍👩‍👧"), 1);
        assert_eq!(char_count("Київ"), 4);
        assert_eq!(char_count("“Київ” — 10 €\r\n"), 14);
        assert_eq!(char_count("Ї\u{0308}"), 1);
    }

    /// The fast path of `char_count` agrees with grapheme segmentation: no
    /// character it lets through joins the character before or after it.
    #[test]
    fn standalone_chars_never_join() {
        let mut checked = 0;
        for c in (0..=0x2FFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| stands_alone(c))
        {
            for text in [format!("a{c}"), format!("{c}a"), format!("{c}{c}")] {
                assert_eq!(text.graphemes(true).count(), 2, "U+{:04X}", c as u32);
            }
            checked += 1;
        }
        assert!(checked > 1000);
        assert!(!stands_alone('\r') && !stands_alone('\u{200D}') && !stands_alone('\u{0301}'));
    }

    #[test]
    fn reading_time_rounds_up() {
        assert_eq!(reading_minutes(0, 250), 0);
        assert_eq!(reading_minutes(1, 250), 1);
        assert_eq!(reading_minutes(250, 250), 1);
        assert_eq!(reading_minutes(251, 250), 2);
        assert_eq!(reading_minutes(500, 0), 500);
    }

    #[test]
    fn normalize_rules() {
        assert_eq!(normalize_text("a\r\nb\rc\nd\t\u{0}e"), "a\nb\nc\nd\te");
        let f = Fields {
            headline: "Two\r\nlines".into(),
            body: "P1\r\n\r\nP2".into(),
            ..Fields::default()
        }
        .normalized();
        assert_eq!(f.headline, "Two lines");
        assert_eq!(f.body, "P1\n\nP2");
    }

    #[test]
    fn drafts_append_only_on_change_or_label() {
        let mut story = Story::with_fields(Fields {
            headline: "First".into(),
            ..Fields::default()
        });
        let t = now();
        assert_eq!(story.record_draft(None, t), Some(1));
        assert_eq!(story.record_draft(None, t), None);
        story.fields.headline = "Second".into();
        assert_eq!(story.record_draft(None, t), Some(2));
        assert_eq!(story.record_draft(Some("Filed".into()), t), Some(3));
        assert_eq!(story.record_draft(Some("   ".into()), t), None);
        assert_eq!(story.drafts.len(), 3);
        assert_eq!(story.draft(3).unwrap().label.as_deref(), Some("Filed"));
        assert_eq!(story.draft(1).unwrap().fields.headline, "First");
    }

    /// Issue 11 item 8: after draft u32::MAX the next is not "draft 0".
    #[test]
    fn draft_numbers_do_not_wrap() {
        let mut story = Story::with_fields(Fields {
            headline: "First".into(),
            ..Fields::default()
        });
        let t = now();
        story.record_draft(None, t);
        story.drafts[0].number = u32::MAX;
        story.fields.headline = "Second".into();
        let err = story.try_record_draft(None, t).unwrap_err();
        assert_eq!(err.last, u32::MAX);
        assert!(err.to_string().contains("4294967295"), "{err}");
        assert_eq!(story.drafts.len(), 1);
        assert_eq!(story.record_draft(Some("Filed".into()), t), None);
        assert!(story.drafts.iter().all(|d| d.number != 0));
    }

    #[test]
    fn ids_with_escapes_are_refused() {
        assert!(check_id("5b0f3c2e-8d1a-4c55-9e27-0a6f1d2b7c41").is_ok());
        assert!(check_id("urn:newsml:example.com:2024:story.1").is_ok());
        assert!(check_id("Київ-1").is_ok());
        assert_eq!(check_id(""), Err(BadId::Empty));
        let err = check_id("x\u{1b}]0;owned\u{7}\u{1b}[2J").unwrap_err();
        assert!(err.to_string().contains("U+001B at character 2"), "{err}");
        assert!(check_id("a b").is_err());
        assert!(check_id("a\u{9b}b").is_err());
        assert!(check_id("a\u{202e}b").is_err());
        assert!(check_id("a\u{ffff}").is_err());
        assert_eq!(check_id(&"a".repeat(129)), Err(BadId::TooLong));
    }
}
