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
//! includes the blank line(s) that separated it, so the paragraphs around it
//! stay separated. Ranges always fall on character (indeed token) boundaries.
//!
//! # Paragraphs and moves
//!
//! Paragraphs are the written ones: lines holding text. Blank lines separate
//! them and are never compared as paragraphs (¶5 is the fifth written
//! paragraph). Paragraphs are aligned across the whole field ([`align`]): a
//! moved paragraph is two changes tied by [`Change::partner`] — taken from its
//! old place ([`ChangeKind::MovedAway`]) and put in its new place
//! ([`ChangeKind::MovedHere`]); taking back either takes back both.
//!
//! Parts: [`tokens`] (whole words and figures, word bags), [`align`]
//! (paragraph alignment), [`inline`] (word changes and their cleanup),
//! `build` (alignment to changes and rows), [`plain`] (the `diff` format).

use std::borrow::Cow;
use std::ops::Range;
use std::time::{Duration, Instant};

use crate::story::{self, Field, Fields};

pub mod align;
mod build;
pub mod inline;
pub mod plain;
pub mod tokens;

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
    pub kind: ChangeKind,
    /// For half of a move: the id of the other half.
    pub partner: Option<usize>,
}

/// What a change does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// Words changed inside a paragraph (edited, split or merged).
    Words,
    /// A whole paragraph removed.
    Removed,
    /// A whole paragraph added.
    Added,
    /// A paragraph taken from here to another place (with its old wording).
    MovedAway,
    /// A paragraph put here from another place (with its new wording).
    MovedHere,
    /// Only the blank lines or spaces between paragraphs changed.
    Spacing,
}

impl Change {
    pub fn is_insertion(&self) -> bool {
        self.old.is_empty()
    }

    pub fn is_deletion(&self) -> bool {
        self.new.is_empty()
    }
}

/// One row of the side-by-side view of a field: paragraph indices on each
/// side; `change`/`changes` index [`FieldDiff::changes`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// The same paragraph on both sides.
    Same { old: usize, new: usize },
    /// A paragraph edited in place.
    Edited {
        old: usize,
        new: usize,
        changes: Vec<usize>,
    },
    /// Only on the old side (a gap on the new side).
    Deleted { old: usize, change: usize },
    /// Only on the new side (a gap on the old side).
    Inserted { new: usize, change: usize },
    /// An old paragraph that moved to new paragraph `to`.
    MovedAway {
        old: usize,
        to: usize,
        change: usize,
    },
    /// A new paragraph moved here from old paragraph `from`; `words` are its
    /// word changes (byte ranges in the old and the new text of the field),
    /// shown for reading: taking back the move takes them back too.
    MovedHere {
        new: usize,
        from: usize,
        change: usize,
        words: Vec<(Range<usize>, Range<usize>)>,
    },
    /// One old paragraph split into the new paragraphs `new`.
    Split {
        old: usize,
        new: Range<usize>,
        changes: Vec<usize>,
    },
    /// The old paragraphs `old` merged into one new paragraph.
    Merged {
        old: Range<usize>,
        new: usize,
        changes: Vec<usize>,
    },
}

impl Row {
    /// The old paragraphs this row shows.
    pub fn old_paragraphs(&self) -> Range<usize> {
        match self {
            Row::Same { old, .. }
            | Row::Edited { old, .. }
            | Row::Deleted { old, .. }
            | Row::MovedAway { old, .. }
            | Row::Split { old, .. } => *old..old + 1,
            Row::Merged { old, .. } => old.clone(),
            Row::Inserted { .. } | Row::MovedHere { .. } => 0..0,
        }
    }

    /// The new paragraphs this row shows.
    pub fn new_paragraphs(&self) -> Range<usize> {
        match self {
            Row::Same { new, .. }
            | Row::Edited { new, .. }
            | Row::Inserted { new, .. }
            | Row::MovedHere { new, .. }
            | Row::Merged { new, .. } => *new..new + 1,
            Row::Split { new, .. } => new.clone(),
            Row::Deleted { .. } | Row::MovedAway { .. } => 0..0,
        }
    }

    /// The changes this row shows, as indices into [`FieldDiff::changes`].
    pub fn changes(&self) -> &[usize] {
        match self {
            Row::Same { .. } => &[],
            Row::Edited { changes, .. }
            | Row::Split { changes, .. }
            | Row::Merged { changes, .. } => changes,
            Row::Deleted { change, .. }
            | Row::Inserted { change, .. }
            | Row::MovedAway { change, .. }
            | Row::MovedHere { change, .. } => std::slice::from_ref(change),
        }
    }
}

/// The comparison of one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDiff {
    pub field: Field,
    /// Byte ranges of the written paragraphs of the old text, without line breaks.
    pub old_paragraphs: Vec<Range<usize>>,
    /// Byte ranges of the written paragraphs of the new text, without line breaks.
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
    /// Changes as a reader counts them: a move is one change.
    pub changes: usize,
    /// Paragraphs moved (with or without edits).
    pub moves: usize,
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
        self.fields.iter().all(FieldDiff::is_unchanged)
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
    let mut timed_out = false;
    let fields: Vec<FieldDiff> = Field::ALL
        .iter()
        .map(|&field| {
            let (fd, late) = build::diff_field(
                field,
                old.get(field),
                new.get(field),
                options,
                deadline,
                &mut next_id,
            );
            timed_out |= late;
            fd
        })
        .collect();
    let timed_out = timed_out || Instant::now() > deadline;
    let mut stats = Stats::default();
    for fd in &fields {
        let (old_text, new_text) = (old.get(fd.field), new.get(fd.field));
        if !fd.is_unchanged() {
            stats.fields_changed += 1;
        }
        for change in &fd.changes {
            match change.kind {
                ChangeKind::MovedAway => {}
                ChangeKind::MovedHere => {
                    stats.changes += 1;
                    stats.moves += 1;
                }
                _ => {
                    stats.changes += 1;
                    stats.words_removed += story::word_count(&old_text[change.old.clone()]);
                    stats.words_added += story::word_count(&new_text[change.new.clone()]);
                }
            }
        }
        for row in &fd.rows {
            if let Row::MovedHere { words, .. } = row {
                for (a, b) in words {
                    stats.words_removed += story::word_count(&old_text[a.clone()]);
                    stats.words_added += story::word_count(&new_text[b.clone()]);
                }
            }
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

/// Byte ranges of the written paragraphs of `text`: its lines that hold more
/// than whitespace, without their line breaks.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let end = start + line.len();
        if !line.trim().is_empty() {
            out.push(start..end);
        }
        start = end + 1;
    }
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
/// wording, everything else stays as it is. Taking back half of a move takes
/// back the whole move: the paragraph goes back to its old place with its old
/// wording. `None` when there is no such change.
pub fn revert_change(diff: &StoryDiff, id: usize) -> Option<Fields> {
    let change = diff.change(id)?;
    let field = change.field;
    let ids = [Some(id), change.partner];
    let mut fields = diff.new.clone();
    let chosen = diff
        .field(field)
        .changes
        .iter()
        .filter(|c| ids.contains(&Some(c.id)));
    *fields.get_mut(field) = revert_all(diff.old.get(field), diff.new.get(field), chosen);
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
        let diff = check_roundtrip(
            "They say a b c now, in the town hall meeting.",
            "They say x y z now, in the town hall meeting.",
        );
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
