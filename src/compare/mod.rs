//! The compare engine: two versions of a story in, a field-aware list of changes
//! out, with paragraph alignment for side-by-side display, word/sentence/paragraph
//! granularity, stats, and the operations to apply or take back a change.
//!
//! Built on `similar` with a deadline, so a pathological input cannot hang: past
//! the deadline `similar` settles for a coarser (still correct) diff.
//!
//! # Ranges
//!
//! Every [`Change`] holds a byte range in the old text and one in the new text of
//! its field. Replacing each change's old range with its new range turns the old
//! text into the new one ([`apply`]); the reverse turns new back into old
//! ([`revert_all`], [`revert_change`]). A deleted or inserted paragraph's range
//! includes one line break, so the paragraphs around it stay separated.
//! Ranges always fall on character (indeed token) boundaries.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};
use unicode_segmentation::UnicodeSegmentation;

use crate::story::{self, Field, Fields};

pub mod plain;

/// The unit a change is measured in inside an edited paragraph.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Granularity {
    #[default]
    Word,
    Sentence,
    Paragraph,
}

impl Granularity {
    pub const ALL: [Granularity; 3] = [
        Granularity::Word,
        Granularity::Sentence,
        Granularity::Paragraph,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Granularity::Word => "Words",
            Granularity::Sentence => "Sentences",
            Granularity::Paragraph => "Paragraphs",
        }
    }
}

/// How to compare.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Options {
    pub granularity: Granularity,
    /// Treat runs of whitespace as equal whatever they hold.
    pub ignore_whitespace: bool,
    /// Treat curly and straight quotes and apostrophes as equal.
    pub ignore_quote_style: bool,
    /// After this long the diff settles for coarser (still correct) changes.
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            granularity: Granularity::Word,
            ignore_whitespace: false,
            ignore_quote_style: false,
            timeout: Duration::from_millis(800),
        }
    }
}

/// One change: a hunk of the old text replaced by a hunk of the new text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Unique within one [`StoryDiff`], in order of appearance.
    pub id: usize,
    pub field: Field,
    /// Byte range in the old text of the field (empty for a pure insertion).
    pub old: Range<usize>,
    /// Byte range in the new text of the field (empty for a pure deletion).
    pub new: Range<usize>,
}

impl Change {
    pub fn is_insertion(&self) -> bool {
        self.old.is_empty()
    }

    pub fn is_deletion(&self) -> bool {
        self.new.is_empty()
    }
}

/// One row of the side-by-side view of a field: paragraph indices on each side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// The same paragraph on both sides.
    Same { old: usize, new: usize },
    /// A paragraph edited in place; `changes` index [`FieldDiff::changes`].
    Edited {
        old: usize,
        new: usize,
        changes: Vec<usize>,
    },
    /// Only on the old side (a gap on the new side).
    Deleted { old: usize, change: usize },
    /// Only on the new side (a gap on the old side).
    Inserted { new: usize, change: usize },
}

/// The comparison of one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDiff {
    pub field: Field,
    /// Byte ranges of the paragraphs (lines) of the old text, without line breaks.
    pub old_paragraphs: Vec<Range<usize>>,
    /// Byte ranges of the paragraphs (lines) of the new text, without line breaks.
    pub new_paragraphs: Vec<Range<usize>>,
    pub rows: Vec<Row>,
    /// In text order (both old and new positions increase).
    pub changes: Vec<Change>,
}

impl FieldDiff {
    pub fn is_unchanged(&self) -> bool {
        self.changes.is_empty()
    }
}

/// What changed, in numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub changes: usize,
    pub words_added: usize,
    pub words_removed: usize,
    pub fields_changed: usize,
}

/// Whole-story numbers of both sides, for a compare's header (see
/// [`StoryDiff::totals`]; not computed by [`compare`] itself, which the command
/// line runs without a header).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub old_words: usize,
    pub new_words: usize,
    pub old_headline_chars: usize,
    pub new_headline_chars: usize,
}

/// The comparison of two versions of a story.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoryDiff {
    pub old: Fields,
    pub new: Fields,
    pub options: Options,
    /// One per field, in [`Field::ALL`] order.
    pub fields: Vec<FieldDiff>,
    pub stats: Stats,
    /// The deadline passed, so some changes may be coarser than they could be.
    pub timed_out: bool,
}

impl StoryDiff {
    pub fn field(&self, field: Field) -> &FieldDiff {
        // `fields` always holds every field in `Field::ALL` order.
        &self.fields[Field::ALL
            .iter()
            .position(|f| *f == field)
            .unwrap_or_default()]
    }

    /// Every change, in field order then text order.
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.fields.iter().flat_map(|f| f.changes.iter())
    }

    pub fn change(&self, id: usize) -> Option<&Change> {
        self.changes().find(|c| c.id == id)
    }

    pub fn is_identical(&self) -> bool {
        self.stats.changes == 0
    }

    /// Body words and headline characters of both sides.
    pub fn totals(&self) -> Totals {
        Totals {
            old_words: story::word_count(&self.old.body),
            new_words: story::word_count(&self.new.body),
            old_headline_chars: story::char_count(&self.old.headline),
            new_headline_chars: story::char_count(&self.new.headline),
        }
    }

    /// The removed and the added text of a change.
    pub fn change_text(&self, change: &Change) -> (&str, &str) {
        (
            &self.old.get(change.field)[change.old.clone()],
            &self.new.get(change.field)[change.new.clone()],
        )
    }
}

/// Compare two versions of a story's text, field by field.
pub fn compare(old: &Fields, new: &Fields, options: &Options) -> StoryDiff {
    let deadline = Instant::now() + options.timeout;
    let mut next_id = 0;
    let fields: Vec<FieldDiff> = Field::ALL
        .iter()
        .map(|&field| {
            diff_field(
                field,
                old.get(field),
                new.get(field),
                options,
                deadline,
                &mut next_id,
            )
        })
        .collect();
    let timed_out = Instant::now() > deadline;
    let mut stats = Stats::default();
    for fd in &fields {
        if !fd.is_unchanged() {
            stats.fields_changed += 1;
        }
        for change in &fd.changes {
            stats.changes += 1;
            stats.words_removed += story::word_count(&old.get(fd.field)[change.old.clone()]);
            stats.words_added += story::word_count(&new.get(fd.field)[change.new.clone()]);
        }
    }
    StoryDiff {
        old: old.clone(),
        new: new.clone(),
        options: options.clone(),
        fields,
        stats,
        timed_out,
    }
}

/// Byte ranges of the lines of `text`, without their line breaks. An empty text
/// has one empty line.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            out.push(start..i);
            start = i + 1;
        }
    }
    out.push(start..text.len());
    out
}

/// The comparison key of a piece of text under `options`.
fn key<'a>(text: &'a str, options: &Options) -> Cow<'a, str> {
    let quotes =
        options.ignore_quote_style && text.contains(['‘', '’', '‚', '‛', '“', '”', '„', '‟']);
    let spaces = options.ignore_whitespace && text.contains(char::is_whitespace);
    if !quotes && !spaces {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if spaces && c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        let c = if quotes {
            match c {
                '‘' | '’' | '‚' | '‛' => '\'',
                '“' | '”' | '„' | '‟' => '"',
                c => c,
            }
        } else {
            c
        };
        out.push(c);
    }
    if spaces {
        let trimmed = out.trim();
        if trimmed.len() != out.len() {
            return Cow::Owned(trimmed.to_owned());
        }
    }
    Cow::Owned(out)
}

/// Split a paragraph into the tokens compared at `granularity`.
fn tokens(text: &str, granularity: Granularity) -> Vec<&str> {
    match granularity {
        Granularity::Word => word_tokens(text),
        Granularity::Sentence => text.split_sentence_bounds().collect(),
        Granularity::Paragraph => {
            if text.is_empty() {
                Vec::new()
            } else {
                vec![text]
            }
        }
    }
}

fn diff_field(
    field: Field,
    old: &str,
    new: &str,
    options: &Options,
    deadline: Instant,
    next_id: &mut usize,
) -> FieldDiff {
    let old_paragraphs = paragraphs(old);
    let new_paragraphs = paragraphs(new);
    let mut fd = FieldDiff {
        field,
        rows: Vec::new(),
        changes: Vec::new(),
        old_paragraphs,
        new_paragraphs,
    };
    let op = &fd.old_paragraphs;
    let np = &fd.new_paragraphs;
    let old_keys: Vec<Cow<str>> = op.iter().map(|r| key(&old[r.clone()], options)).collect();
    let new_keys: Vec<Cow<str>> = np.iter().map(|r| key(&new[r.clone()], options)).collect();
    let ops = if old == new {
        vec![similar::DiffOp::Equal {
            old_index: 0,
            new_index: 0,
            len: op.len(),
        }]
    } else if edited_in_place(&old_keys, &new_keys) {
        // Same paragraphs in the same places, some edited: one block, paired
        // in place, without a paragraph-level diff.
        vec![similar::DiffOp::Replace {
            old_index: 0,
            old_len: op.len(),
            new_index: 0,
            new_len: np.len(),
        }]
    } else {
        capture_diff_slices_deadline(Algorithm::Myers, &old_keys, &new_keys, Some(deadline))
    };

    let mut rows = Vec::new();
    let mut changes = Vec::new();
    let mut new_change = |field, old: Range<usize>, new: Range<usize>| {
        let id = *next_id;
        *next_id += 1;
        changes.push(Change {
            id,
            field,
            old,
            new,
        });
        changes.len() - 1
    };
    for diff_op in ops {
        let (tag, o, n) = diff_op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                for (i, j) in o.zip(n) {
                    rows.push(Row::Same { old: i, new: j });
                }
            }
            DiffTag::Delete | DiffTag::Insert | DiffTag::Replace => {
                let pairs = pair_paragraphs(old, new, op, np, o.clone(), n.clone(), options);
                let (mut oi, mut nj) = (o.start, n.start);
                // Walk the pairs; between two pairs (and before the block's end)
                // lies a gap of unpaired paragraphs on one or both sides.
                for (pi, pj) in pairs.into_iter().chain(std::iter::once((o.end, n.end))) {
                    let (gap_old, gap_new) = (oi..pi, nj..pj);
                    if !gap_old.is_empty() || !gap_new.is_empty() {
                        // Is anything (on both sides) after this gap?
                        let at_end = pi == op.len();
                        let old_range =
                            run_range(op, gap_old.clone(), at_end).unwrap_or_else(|| {
                                let pos = op.get(pi).map_or(old.len(), |r| r.start);
                                pos..pos
                            });
                        let new_range =
                            run_range(np, gap_new.clone(), at_end).unwrap_or_else(|| {
                                let pos = np.get(pj).map_or(new.len(), |r| r.start);
                                pos..pos
                            });
                        let change = new_change(field, old_range, new_range);
                        for i in gap_old {
                            rows.push(Row::Deleted { old: i, change });
                        }
                        for j in gap_new {
                            rows.push(Row::Inserted { new: j, change });
                        }
                    }
                    if pi == o.end {
                        break;
                    }
                    let inline = inline_changes(
                        &old[op[pi].clone()],
                        &new[np[pj].clone()],
                        options,
                        deadline,
                    );
                    let ids = inline
                        .into_iter()
                        .map(|(a, b)| {
                            new_change(
                                field,
                                a.start + op[pi].start..a.end + op[pi].start,
                                b.start + np[pj].start..b.end + np[pj].start,
                            )
                        })
                        .collect::<Vec<_>>();
                    if ids.is_empty() {
                        rows.push(Row::Same { old: pi, new: pj });
                    } else {
                        rows.push(Row::Edited {
                            old: pi,
                            new: pj,
                            changes: ids,
                        });
                    }
                    oi = pi + 1;
                    nj = pj + 1;
                }
            }
        }
    }
    fd.rows = rows;
    fd.changes = changes;
    fd
}

/// The byte range of a run of whole paragraphs with one line break: the one
/// after the run, or — for a run at the end of the text — the one before it.
/// `None` for an empty run.
fn run_range(paragraphs: &[Range<usize>], run: Range<usize>, at_end: bool) -> Option<Range<usize>> {
    if run.is_empty() {
        return None;
    }
    let (first, last) = (&paragraphs[run.start], &paragraphs[run.end - 1]);
    Some(if at_end {
        first.start.saturating_sub(1)..last.end
    } else {
        first.start..last.end + 1
    })
}

/// Whether `new` is `old` with paragraphs edited in place: as many paragraphs,
/// each equal to or plainly an edit of the one in its place (half or more of it
/// shared as a common head and tail).
fn edited_in_place(old: &[Cow<str>], new: &[Cow<str>]) -> bool {
    old.len() == new.len()
        && old.iter().zip(new).all(|(a, b)| {
            if a == b {
                return true;
            }
            // An empty paragraph against a written one is not an edit in place.
            if a.is_empty() || b.is_empty() {
                return false;
            }
            let (head, tail) = common_ends(a, b);
            (head + tail) * 2 >= a.len().max(b.len())
        })
}

/// Below this similarity two paragraphs are shown as one deleted and one added
/// rather than as one edited paragraph.
const PAIR_SIMILARITY: f32 = 0.3;

/// How far from the diagonal (beyond the difference in paragraph counts) a
/// paragraph may be paired.
const PAIR_BAND: usize = 8;

/// Blocks larger than this (old × new paragraphs) are paired in order instead.
const PAIR_CELLS: usize = 250_000;

/// Pair up the changed paragraphs `o` (old) and `n` (new) of a block: a monotone
/// matching that maximises total word similarity, so an edited paragraph sits
/// beside its new version even when paragraphs were added or split around it.
fn pair_paragraphs(
    old: &str,
    new: &str,
    op: &[Range<usize>],
    np: &[Range<usize>],
    o: Range<usize>,
    n: Range<usize>,
    options: &Options,
) -> Vec<(usize, usize)> {
    let (rows, cols) = (o.len(), n.len());
    if rows == 0 || cols == 0 {
        return Vec::new();
    }
    if rows * cols > PAIR_CELLS || rows == 1 && cols == 1 {
        // One paragraph against one (a headline, say) is always an edit.
        return o.zip(n).collect();
    }
    if rows == cols {
        // The common case (words edited here and there): each paragraph keeps
        // most of its text in its own place. Shared head and tail bytes show
        // that without building word bags.
        let in_place = (0..rows).all(|k| {
            let (a, b) = (&old[op[o.start + k].clone()], &new[np[n.start + k].clone()]);
            let (head, tail) = common_ends(a, b);
            let longest = a.len().max(b.len()).max(1);
            (head + tail) * 2 >= longest
        });
        if in_place {
            return o.zip(n).collect();
        }
    }
    let bag = |text: &str| -> HashMap<String, u32> {
        let mut counts = HashMap::new();
        let key = key(text, options);
        for w in word_tokens(&key) {
            if w.chars().next().is_some_and(char::is_alphanumeric) {
                *counts.entry(w.to_lowercase()).or_insert(0) += 1;
            }
        }
        counts
    };
    let old_bags: Vec<_> = o.clone().map(|i| bag(&old[op[i].clone()])).collect();
    let new_bags: Vec<_> = n.clone().map(|j| bag(&new[np[j].clone()])).collect();
    let similarity = |a: &HashMap<String, u32>, b: &HashMap<String, u32>| -> f32 {
        let (sa, sb): (u32, u32) = (a.values().sum(), b.values().sum());
        if sa + sb == 0 {
            return 1.0;
        }
        let shared: u32 = a
            .iter()
            .map(|(w, c)| (*c).min(*b.get(w).unwrap_or(&0)))
            .sum();
        2.0 * shared as f32 / (sa + sb) as f32
    };
    if rows == cols {
        // The common case (words edited here and there): every paragraph is
        // still most like the one in its own place.
        let in_place = (0..rows).all(|k| similarity(&old_bags[k], &new_bags[k]) >= PAIR_SIMILARITY);
        if in_place {
            return o.zip(n).collect();
        }
    }
    // score[i][j]: best total similarity pairing the first i old with the first j new.
    let mut score = vec![0.0f32; (rows + 1) * (cols + 1)];
    let at = |i: usize, j: usize| i * (cols + 1) + j;
    // Similarity only near the diagonal: paragraphs are paired with others at
    // about the same place in the block (the band is wide enough for every
    // paragraph added or removed), which keeps this close to linear.
    let band = rows.abs_diff(cols) + PAIR_BAND;
    let mut sims = vec![0.0f32; rows * cols];
    for i in 0..rows {
        let center = i * cols / rows;
        for j in center.saturating_sub(band)..(center + band + 1).min(cols) {
            sims[i * cols + j] = similarity(&old_bags[i], &new_bags[j]);
        }
    }
    for i in 1..=rows {
        for j in 1..=cols {
            let sim = sims[(i - 1) * cols + (j - 1)];
            let mut best = score[at(i - 1, j)].max(score[at(i, j - 1)]);
            if sim >= PAIR_SIMILARITY {
                best = best.max(score[at(i - 1, j - 1)] + sim);
            }
            score[at(i, j)] = best;
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (rows, cols);
    while i > 0 && j > 0 {
        let sim = sims[(i - 1) * cols + (j - 1)];
        if sim >= PAIR_SIMILARITY && score[at(i, j)] == score[at(i - 1, j - 1)] + sim {
            pairs.push((o.start + i - 1, n.start + j - 1));
            i -= 1;
            j -= 1;
        } else if score[at(i, j)] == score[at(i - 1, j)] {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    pairs.reverse();
    pairs
}

/// Word (sentence, paragraph) changes between two paragraphs, as pairs of byte
/// ranges within them. Changes separated only by whitespace are merged, so
/// "a b c" → "x y z" is one change, not three.
fn inline_changes(
    old: &str,
    new: &str,
    options: &Options,
    deadline: Instant,
) -> Vec<(Range<usize>, Range<usize>)> {
    if key(old, options) == key(new, options) {
        return Vec::new();
    }
    // Words before the first difference and after the last cannot be part of a
    // change: compare only the middle, cut at word starts on both sides.
    let (head, tail) = if options.granularity == Granularity::Word {
        common_ends(old, new)
    } else {
        (0, 0)
    };
    let mut changes = inline_middle(
        &old[head..old.len() - tail],
        &new[head..new.len() - tail],
        options,
        deadline,
    );
    for (a, b) in &mut changes {
        *a = a.start + head..a.end + head;
        *b = b.start + head..b.end + head;
    }
    changes
}

/// The lengths of a common head and a common tail of `a` and `b` that do not
/// overlap and are cut at word starts: just after a space in both texts, so the
/// middle parts tokenise exactly as they would inside the whole paragraphs.
fn common_ends(a: &str, b: &str) -> (usize, usize) {
    let (ab, bb) = (a.as_bytes(), b.as_bytes());
    let mut head = ab.iter().zip(bb).take_while(|(x, y)| x == y).count();
    while head > 0 && ab[head - 1] != b' ' {
        head -= 1;
    }
    let max_tail = (ab.len() - head).min(bb.len() - head);
    let mut tail = ab
        .iter()
        .rev()
        .zip(bb.iter().rev())
        .take(max_tail)
        .take_while(|(x, y)| x == y)
        .count();
    let word_start = |bytes: &[u8], at: usize| at > 0 && bytes[at - 1] == b' ';
    while tail > 0 && !(word_start(ab, ab.len() - tail) && word_start(bb, bb.len() - tail)) {
        tail -= 1;
    }
    (head, tail)
}

/// [`inline_changes`] on the parts of two paragraphs that differ.
fn inline_middle(
    old: &str,
    new: &str,
    options: &Options,
    deadline: Instant,
) -> Vec<(Range<usize>, Range<usize>)> {
    let old_tokens = tokens(old, options.granularity);
    let new_tokens = tokens(new, options.granularity);
    let old_keys: Vec<Cow<str>> = old_tokens.iter().map(|t| key(t, options)).collect();
    let new_keys: Vec<Cow<str>> = new_tokens.iter().map(|t| key(t, options)).collect();
    let old_at = offsets(&old_tokens);
    let new_at = offsets(&new_tokens);
    // Short lists cannot take long; reading the clock would cost more.
    let deadline = (old_keys.len() + new_keys.len() > 4000).then_some(deadline);
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &old_keys, &new_keys, deadline);
    let mut out: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut gap_is_space = false;
    for diff_op in ops {
        let (tag, o, n) = diff_op.as_tag_tuple();
        let old_range = old_at[o.start]..old_at[o.end];
        let new_range = new_at[n.start]..new_at[n.end];
        if tag == DiffTag::Equal {
            gap_is_space = old_tokens[o.clone()]
                .iter()
                .all(|t| t.chars().all(char::is_whitespace))
                && old_tokens[o].iter().map(|t| t.len()).sum::<usize>() <= 2;
            continue;
        }
        match out.last_mut() {
            Some(last) if gap_is_space => {
                last.0.end = old_range.end;
                last.1.end = new_range.end;
            }
            _ => out.push((old_range, new_range)),
        }
        gap_is_space = false;
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TokenClass {
    Space,
    Word,
    /// A character that stands alone: punctuation, a symbol, an emoji, a CJK
    /// ideograph (those languages do not separate words with spaces).
    Single,
}

/// Characters that belong to the character before them: combining marks,
/// variation selectors, zero-width joiners, emoji skin-tone modifiers and tags.
/// A token never starts with one, so no user-perceived character is split.
fn is_extend(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C..=0x200D | 0x20D0..=0x20FF
        | 0x302A..=0x302F | 0x3099..=0x309A | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F
        | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0xE0100..=0xE01EF)
}

/// Scripts written without spaces between words: each character is a token.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0x3040..=0x30FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Words (letter and digit runs), runs of spaces, and single other characters.
/// Much faster than full Unicode word segmentation, and the same for copy in
/// spaced scripts; marks and joiners stay with the character they extend.
fn word_tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(text.len() / 3);
    let mut start = 0;
    let mut current: Option<TokenClass> = None;
    let mut previous = '\0';
    for (i, c) in text.char_indices() {
        let after = std::mem::replace(&mut previous, c);
        let regional = |c: char| matches!(c as u32, 0x1F1E6..=0x1F1FF);
        if current.is_some() && (after == '\u{200D}' || regional(c) && regional(after)) {
            continue; // an emoji sequence or a flag stays whole
        }
        let class = if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                TokenClass::Word
            } else if c.is_ascii_whitespace() {
                TokenClass::Space
            } else {
                TokenClass::Single
            }
        } else if is_extend(c) && current.is_some() {
            continue; // stays with the character before it
        } else if c.is_whitespace() {
            TokenClass::Space
        } else if c.is_alphanumeric() && !is_unspaced(c) {
            TokenClass::Word
        } else {
            TokenClass::Single
        };
        let joins = current == Some(class) && class != TokenClass::Single;
        if !joins {
            if i > start {
                out.push(&text[start..i]);
            }
            start = i;
            current = Some(class);
        }
    }
    if text.len() > start {
        out.push(&text[start..]);
    }
    out
}

/// Byte offsets of token starts, plus the end.
fn offsets(tokens: &[&str]) -> Vec<usize> {
    let mut at = Vec::with_capacity(tokens.len() + 1);
    let mut pos = 0;
    at.push(0);
    for t in tokens {
        pos += t.len();
        at.push(pos);
    }
    at
}

/// Apply `changes` (of one field, in text order) to `old`, taking the new side
/// of each from `new`. With all of a field's changes this gives `new` back.
pub fn apply<'a>(old: &str, new: &str, changes: impl IntoIterator<Item = &'a Change>) -> String {
    let mut out = String::with_capacity(new.len());
    let mut pos = 0;
    for c in changes {
        out.push_str(&old[pos..c.old.start]);
        out.push_str(&new[c.new.clone()]);
        pos = c.old.end;
    }
    out.push_str(&old[pos..]);
    out
}

/// Take back `changes` (of one field, in text order) in `new`, restoring the
/// old side of each from `old`. With all of a field's changes this gives `old`.
pub fn revert_all<'a>(
    old: &str,
    new: &str,
    changes: impl IntoIterator<Item = &'a Change>,
) -> String {
    let mut out = String::with_capacity(old.len());
    let mut pos = 0;
    for c in changes {
        out.push_str(&new[pos..c.new.start]);
        out.push_str(&old[c.old.clone()]);
        pos = c.new.end;
    }
    out.push_str(&new[pos..]);
    out
}

/// The new side of `diff` with one change taken back: that hunk gets its older
/// wording, everything else stays as it is. `None` when there is no such change.
pub fn revert_change(diff: &StoryDiff, id: usize) -> Option<Fields> {
    let change = diff.change(id)?;
    let mut fields = diff.new.clone();
    let text = fields.get_mut(change.field);
    let old = &diff.old.get(change.field)[change.old.clone()];
    text.replace_range(change.new.clone(), old);
    Some(fields)
}

/// The new side of `diff` with one whole field restored to its old text.
pub fn revert_field(diff: &StoryDiff, field: Field) -> Fields {
    let mut fields = diff.new.clone();
    *fields.get_mut(field) = diff.old.get(field).to_owned();
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Fields {
        Fields {
            body: text.into(),
            ..Fields::default()
        }
    }

    fn check_roundtrip(a: &str, b: &str) -> StoryDiff {
        let diff = compare(&body(a), &body(b), &Options::default());
        let fd = diff.field(Field::Body);
        assert_eq!(apply(a, b, &fd.changes), b, "apply {a:?} -> {b:?}: {fd:?}");
        assert_eq!(
            revert_all(a, b, &fd.changes),
            a,
            "revert {a:?} -> {b:?}: {fd:?}"
        );
        diff
    }

    #[test]
    fn common_ends_cut_at_word_starts() {
        assert_eq!(common_ends("the quick fox", "the slow fox"), (4, 3));
        assert_eq!(common_ends("same", "same"), (0, 0));
        assert_eq!(common_ends("one here. Two", "one there. Two"), (4, 3));
        assert_eq!(common_ends("a b c", "a b"), (2, 0));
        assert_eq!(common_ends("x y", "z y"), (0, 1));
        assert_eq!(common_ends("ab cd", "ab  cd"), (3, 2));
        assert_eq!(common_ends("Київ місто", "Київ село"), ("Київ ".len(), 0));
    }

    #[test]
    fn word_tokens_keep_characters_whole() {
        assert_eq!(
            word_tokens("Café e\u{301}t  — 10,000 U.S."),
            vec![
                "Café",
                " ",
                "e\u{301}t",
                "  ",
                "—",
                " ",
                "10",
                ",",
                "000",
                " ",
                "U",
                ".",
                "S",
                "."
            ]
        );
        assert_eq!(
            word_tokens("a👩\u{200d}👩\u{200d}👧b"),
            vec!["a", "👩\u{200d}👩\u{200d}👧", "b"]
        );
        assert_eq!(word_tokens("🇺🇦!"), vec!["🇺🇦", "!"]);
        assert_eq!(word_tokens("Київ 東京"), vec!["Київ", " ", "東", "京"]);
        assert_eq!(word_tokens("\u{301}x"), vec!["\u{301}", "x"]);
        assert!(word_tokens("").is_empty());
    }

    #[test]
    fn identical_has_no_changes() {
        let diff = check_roundtrip("One.\n\nTwo.", "One.\n\nTwo.");
        assert!(diff.is_identical());
        assert!(
            diff.field(Field::Body)
                .rows
                .iter()
                .all(|r| matches!(r, Row::Same { .. }))
        );
    }

    #[test]
    fn edited_paragraph_is_aligned_with_word_changes() {
        let diff = check_roundtrip(
            "Keep this.\nThe quick brown fox.\nKeep that.",
            "Keep this.\nThe slow brown fox.\nKeep that.",
        );
        let fd = diff.field(Field::Body);
        assert_eq!(fd.rows.len(), 3);
        assert!(matches!(fd.rows[1], Row::Edited { old: 1, new: 1, .. }));
        assert_eq!(diff.stats.changes, 1);
        let (removed, added) = diff.change_text(&fd.changes[0]);
        assert_eq!((removed, added), ("quick", "slow"));
    }

    #[test]
    fn inserted_and_deleted_paragraphs_leave_gaps() {
        let diff = check_roundtrip("A.\nB.\nC.", "A.\nC.\nD.");
        let fd = diff.field(Field::Body);
        assert!(
            fd.rows
                .iter()
                .any(|r| matches!(r, Row::Deleted { old: 1, .. }))
        );
        assert!(
            fd.rows
                .iter()
                .any(|r| matches!(r, Row::Inserted { new: 2, .. }))
        );
        check_roundtrip("", "A\nB\nC");
        check_roundtrip("A\nB\nC", "");
        check_roundtrip("A\nB\nC", "B");
        check_roundtrip("A\nB\nC", "X\nA\nY\nC\nZ");
        check_roundtrip("\n\n", "x\n\n\ny");
    }

    #[test]
    fn nearby_word_changes_merge() {
        let diff = check_roundtrip("say a b c now", "say x y z now");
        assert_eq!(diff.stats.changes, 1);
    }

    #[test]
    fn revert_one_change_keeps_the_rest() {
        let old = body("The council met on Monday.\nIt voted.");
        let new = body("The board met on Tuesday.\nIt voted.\nA new line.");
        let diff = compare(&old, &new, &Options::default());
        assert_eq!(diff.stats.changes, 3);
        let first = diff.field(Field::Body).changes[0].id;
        let reverted = revert_change(&diff, first).unwrap();
        assert_eq!(
            reverted.body,
            "The council met on Tuesday.\nIt voted.\nA new line."
        );
        let last = diff.field(Field::Body).changes[2].id;
        let reverted = revert_change(&diff, last).unwrap();
        assert_eq!(reverted.body, "The board met on Tuesday.\nIt voted.");
    }

    #[test]
    fn ignore_options() {
        let old = body("He said \"yes\" to it.");
        let new = body("He said “yes”  to it.");
        assert_eq!(compare(&old, &new, &Options::default()).stats.changes, 2);
        let lenient = Options {
            ignore_quote_style: true,
            ignore_whitespace: true,
            ..Options::default()
        };
        assert!(compare(&old, &new, &lenient).is_identical());
    }

    #[test]
    fn granularity_sentence_and_paragraph() {
        let a = "First sentence here. Second one stays.";
        let b = "First sentence there. Second one stays.";
        for (g, expected) in [
            (Granularity::Word, "here"),
            (Granularity::Sentence, "First sentence here. "),
            (Granularity::Paragraph, a),
        ] {
            let options = Options {
                granularity: g,
                ..Options::default()
            };
            let diff = compare(&body(a), &body(b), &options);
            let change = diff.changes().next().unwrap();
            assert_eq!(diff.change_text(change).0, expected, "{g:?}");
        }
    }

    #[test]
    fn stats_count_words_and_headline() {
        let old = Fields {
            headline: "Short".into(),
            body: "The cat sat.".into(),
            ..Fields::default()
        };
        let new = Fields {
            headline: "A longer headline".into(),
            body: "The dog sat quietly.".into(),
            ..Fields::default()
        };
        let diff = compare(&old, &new, &Options::default());
        assert_eq!(diff.stats.words_removed, 2); // "cat" and "Short"
        assert_eq!(diff.stats.words_added, 5); // "dog", "quietly" and "A longer headline"
        let totals = diff.totals();
        assert_eq!((totals.old_words, totals.new_words), (3, 4));
        assert_eq!(
            (totals.old_headline_chars, totals.new_headline_chars),
            (5, 17)
        );
        assert_eq!(diff.stats.fields_changed, 2);
    }
}
