//! Word (sentence, paragraph) changes between two pieces of text, followed by a
//! semantic cleanup: short equal runs between two edits are absorbed into one
//! change, so a rewritten sentence reads as one change rather than a soup of
//! tiny common words between edits.

use std::borrow::Cow;
use std::ops::Range;
use std::time::Instant;

use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};
use unicode_segmentation::UnicodeSegmentation;

use super::tokens::word_tokens;
use super::{Granularity, Options, key};

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

/// Changes between `old` and `new`, as pairs of byte ranges within them, in
/// text order.
pub fn inline_changes(
    old: &str,
    new: &str,
    options: &Options,
    deadline: Instant,
) -> Vec<(Range<usize>, Range<usize>)> {
    if key(old, options) == key(new, options) {
        return Vec::new();
    }
    if Instant::now() > deadline {
        return vec![(0..old.len(), 0..new.len())];
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
pub fn common_ends(a: &str, b: &str) -> (usize, usize) {
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

/// One run of the token diff: equal, or a change (either side may be empty).
#[derive(Clone, Debug)]
struct Run {
    equal: bool,
    old: Range<usize>,
    new: Range<usize>,
}

fn words_in(tokens: &[&str]) -> usize {
    tokens
        .iter()
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .count()
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
    // Token-index runs, changes coalesced.
    let mut runs: Vec<Run> = Vec::new();
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        let equal = tag == DiffTag::Equal;
        match runs.last_mut() {
            Some(last) if !last.equal && !equal => {
                last.old.end = o.end;
                last.new.end = n.end;
            }
            _ => runs.push(Run {
                equal,
                old: o,
                new: n,
            }),
        }
    }
    cleanup(&mut runs, &old_tokens, &new_tokens);
    runs.into_iter()
        .filter(|r| !r.equal)
        .map(|r| {
            (
                old_at[r.old.start]..old_at[r.old.end],
                new_at[r.new.start]..new_at[r.new.end],
            )
        })
        .collect()
}

/// Absorb an equal run lying between two changes into one change when it holds
/// no word (only spaces and punctuation), or when it is shorter than the edits
/// on either side of it: diff-match-patch's semantic cleanup, measured in
/// words (strictly shorter, so one kept word between two one-word edits stays
/// unmarked). Edits are measured as they were before this cleanup joined
/// anything, so joins do not cascade over a whole paragraph.
fn cleanup(runs: &mut Vec<Run>, old_tokens: &[&str], new_tokens: &[&str]) {
    let words = |r: &Run| {
        (
            words_in(&old_tokens[r.old.clone()]),
            words_in(&new_tokens[r.new.clone()]),
        )
    };
    // First join changes separated only by spaces and punctuation.
    join(runs, |runs, k| words(&runs[k]).0 == 0);
    // Then decide every remaining equal run on the edits beside it.
    let absorb: Vec<bool> = (0..runs.len())
        .map(|k| {
            if k == 0 || k + 1 >= runs.len() || !runs[k].equal {
                return false;
            }
            let size = |r: &Run| {
                let (a, b) = words(r);
                a.max(b)
            };
            let kept = words(&runs[k]).0;
            kept < size(&runs[k - 1]).min(size(&runs[k + 1]))
        })
        .collect();
    join(runs, |_, k| absorb[k]);
}

/// Join each equal run between two changes for which `absorb(runs, index)`
/// holds (indices as before any joining) with the changes around it.
fn join(runs: &mut Vec<Run>, absorb: impl Fn(&[Run], usize) -> bool) {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for k in 0..runs.len() {
        let run = runs[k].clone();
        let between = k > 0 && k + 1 < runs.len() && run.equal && !runs[k + 1].equal;
        let take = between && out.last().is_some_and(|l| !l.equal) && absorb(runs, k);
        match out.last_mut() {
            Some(last) if !last.equal && (take || !run.equal) => {
                last.old.end = run.old.end;
                last.new.end = run.new.end;
            }
            _ => out.push(run),
        }
    }
    *runs = out;
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn changes(a: &str, b: &str) -> Vec<(String, String)> {
        let deadline = Instant::now() + Duration::from_secs(1);
        inline_changes(a, b, &Options::default(), deadline)
            .into_iter()
            .map(|(o, n)| (a[o].to_owned(), b[n].to_owned()))
            .collect()
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
    fn a_changed_figure_is_one_whole_change() {
        assert_eq!(
            changes("It cost 1,000 pounds.", "It cost 1,200 pounds."),
            vec![("1,000".into(), "1,200".into())]
        );
        assert_eq!(
            changes("Up 3.5% in the U.S. today", "Up 4.5% in the U.K. today"),
            vec![
                ("3.5%".into(), "4.5%".into()),
                ("U.S.".into(), "U.K.".into())
            ]
        );
    }

    #[test]
    fn short_common_words_between_edits_are_absorbed() {
        // "of the" between two larger edits joins them.
        assert_eq!(
            changes(
                "He said the mayor of the city resigned on Monday",
                "He said three senior aides of the governor quit abruptly on Monday"
            ),
            vec![(
                "the mayor of the city resigned".into(),
                "three senior aides of the governor quit abruptly".into()
            )]
        );
        // A long equal run between two small edits stays unmarked.
        assert_eq!(
            changes(
                "The quick brown fox jumps over the lazy dog",
                "The slow brown fox jumps over the lazy cat"
            ),
            vec![
                ("quick".into(), "slow".into()),
                ("dog".into(), "cat".into())
            ]
        );
        // Only a comma and a space between edits: one change.
        assert_eq!(
            changes("say a, b now", "say x, y now"),
            vec![("a, b".into(), "x, y".into())]
        );
    }
}
