//! Paragraph alignment across a whole field, in the manner of MediaWiki's
//! wikidiff2:
//!
//! 1. unchanged paragraphs anchor (patience diff over the paragraph texts);
//! 2. every paragraph left over is paired with its most similar counterpart
//!    (word-bag Dice ≥ [`PAIR_DICE`]), best pairs first, wherever it is;
//! 3. between two anchors, the pairs that keep their order (the heaviest
//!    increasing chain) are edits in place; the other pairs are **moves**;
//! 4. a paragraph in place next to a leftover neighbour that holds the rest of
//!    its words is a **split** (one old, several new) or a **merge**;
//! 5. what is left is removed or added.
//!
//! The result is a list of [`Item`]s in text order on both sides.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::time::Instant;

use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};

use super::Options;
use super::inline::inline_changes;
use super::tokens::{Interner, dice, shared, union, word_tokens};

/// Two paragraphs with at least this word-bag similarity are one edited
/// paragraph wherever they are (a move when out of order); below it they are
/// one removed and one added.
pub const PAIR_DICE: f32 = 0.5;

/// Between the same two unchanged paragraphs and in order, this similarity is
/// enough to read as an edit of the paragraph in that place.
pub const IN_PLACE_DICE: f32 = 0.5;

/// A paragraph joins a split (merge) when at least this share of its words
/// are words of the other side not yet accounted for.
const PART_CONTAINED: f32 = 0.5;

/// A paragraph also joins a split (merge) when it holds at least
/// [`REST_TAKEN`] of the words of the other side still unaccounted for, those
/// are at least [`REST_SHARE`] of its words, and at least [`PART_HOLDS`] of
/// the paragraph's own words are theirs: the rest of a paragraph that went on,
/// with new text around it, to the next one.
const REST_TAKEN: f32 = 0.8;
const REST_SHARE: f32 = 0.3;
const PART_HOLDS: f32 = 0.3;

/// Above this many candidate comparisons, pairs are looked for through an
/// index of rarer words instead of comparing every paragraph with every other.
const ALL_PAIRS_LIMIT: usize = 2_500;

/// Leftover paragraphs with less word-bag similarity than this are not
/// compared word by word.
const LEFTOVER_DICE: f32 = 0.3;

/// A leftover pair is an edit when at least this share of the words of both
/// stays unmarked in their word diff (after the cleanup).
const KEPT_RATIO: f32 = 0.3;

/// Gaps with more leftover pairs than this are not searched for edits.
const LEFTOVER_CELLS: usize = 400;

/// A paragraph this similar to the one in its place is not looked for
/// elsewhere.
const SETTLED_DICE: f32 = 0.8;

/// How many candidates per paragraph are compared exactly.
const CANDIDATES: usize = 4;

/// One step of the alignment, in text order on both sides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// The same or an edited paragraph, in place.
    Pair { old: usize, new: usize },
    /// One old paragraph became the new paragraphs `new`.
    Split { old: usize, new: Range<usize> },
    /// The old paragraphs `old` became one new paragraph.
    Merge { old: Range<usize>, new: usize },
    /// An old paragraph not in place: removed, or moved to new paragraph `moved_to`.
    Deleted { old: usize, moved_to: Option<usize> },
    /// A new paragraph not in place: added, or moved from old paragraph `moved_from`.
    Inserted {
        new: usize,
        moved_from: Option<usize>,
    },
}

/// Align the paragraphs `old` and `new` (their comparison keys). Returns the
/// items and whether the deadline passed (then the alignment is coarser).
pub fn align(
    old: &[&str],
    new: &[&str],
    options: &Options,
    deadline: Instant,
) -> (Vec<Item>, bool) {
    let (no, nn) = (old.len(), new.len());
    // 1. Anchors: identical paragraphs in order.
    let mut old_to: Vec<Option<usize>> = vec![None; no];
    let mut new_from: Vec<Option<usize>> = vec![None; nn];
    for op in capture_diff_slices_deadline(Algorithm::Patience, old, new, Some(deadline)) {
        if op.tag() == DiffTag::Equal {
            let (_, o, n) = op.as_tag_tuple();
            for (i, j) in o.zip(n) {
                old_to[i] = Some(j);
                new_from[j] = Some(i);
            }
        }
    }
    let anchored_old = old_to.clone();
    let left_old: Vec<usize> = (0..no).filter(|&i| old_to[i].is_none()).collect();
    let left_new: Vec<usize> = (0..nn).filter(|&j| new_from[j].is_none()).collect();
    let mut timed_out = Instant::now() > deadline;

    // 2. Pairs by similarity among the leftovers, best first.
    let mut interner = Interner::default();
    let mut old_bags: HashMap<usize, Vec<u32>> = HashMap::default();
    let mut new_bags: HashMap<usize, Vec<u32>> = HashMap::default();
    let mut matched: Vec<(usize, usize, f32)> = Vec::new();
    if !timed_out && !left_old.is_empty() && !left_new.is_empty() {
        let gap_of_old = gap_index(&old_to, no);
        let gap_of_new = gap_index(&new_from, nn);
        let place = |i: usize, j: usize| (i as f32 / no as f32 - j as f32 / nn as f32).abs();
        let mut take = |mut candidates: Vec<(f32, usize, usize)>,
                        old_to: &mut Vec<Option<usize>>,
                        new_from: &mut Vec<Option<usize>>| {
            // Best first; among equals, the pair closest to the same place.
            candidates.sort_by(|x, y| {
                y.0.total_cmp(&x.0)
                    .then(place(x.1, x.2).total_cmp(&place(y.1, y.2)))
                    .then((x.1, x.2).cmp(&(y.1, y.2)))
            });
            for (d, i, j) in candidates {
                let close_enough = d >= PAIR_DICE || gap_of_old[i] == gap_of_new[j];
                if close_enough && old_to[i].is_none() && new_from[j].is_none() {
                    old_to[i] = Some(j);
                    new_from[j] = Some(i);
                    matched.push((i, j, d));
                }
            }
        };
        // Identical paragraphs out of order first: moves without an edit.
        let mut by_text: HashMap<&str, Vec<usize>> = HashMap::default();
        for &i in &left_old {
            by_text.entry(old[i]).or_default().push(i);
        }
        let mut identical = Vec::new();
        for &j in &left_new {
            if let Some(list) = by_text.get(new[j]) {
                let mut list = list.clone();
                list.sort_by(|a, b| place(*a, j).total_cmp(&place(*b, j)));
                identical.extend(list.into_iter().take(CANDIDATES).map(|i| (1.0, i, j)));
            }
        }
        take(identical, &mut old_to, &mut new_from);
        let rest_old: Vec<usize> = left_old
            .iter()
            .copied()
            .filter(|&i| old_to[i].is_none())
            .collect();
        let rest_new: Vec<usize> = left_new
            .iter()
            .copied()
            .filter(|&j| new_from[j].is_none())
            .collect();
        for &i in &left_old {
            old_bags.insert(i, interner.bag(old[i]));
        }
        for &j in &left_new {
            new_bags.insert(j, interner.bag(new[j]));
        }
        let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
        // The paragraph in the same place between the same anchors, and its
        // neighbours: edits in place are found whatever the vocabulary.
        let mut gaps: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::default();
        for &i in &rest_old {
            gaps.entry(gap_of_old[i]).or_default().0.push(i);
        }
        for &j in &rest_new {
            gaps.entry(gap_of_new[j]).or_default().1.push(j);
        }
        for (lo, ln) in gaps.values() {
            if lo.is_empty() {
                continue;
            }
            for (b, &j) in ln.iter().enumerate() {
                let a = b * lo.len() / ln.len();
                for &i in &lo[a.saturating_sub(1)..(a + 2).min(lo.len())] {
                    let d = dice(&old_bags[&i], &new_bags[&j]);
                    if d >= IN_PLACE_DICE.min(PAIR_DICE) {
                        candidates.push((d, i, j));
                    }
                }
            }
        }
        // Anywhere else, through an index of the rarer words — for every
        // paragraph without a near-certain counterpart in its place.
        let mut settled_old = vec![false; no];
        let mut settled_new = vec![false; nn];
        for &(d, i, j) in &candidates {
            if d >= SETTLED_DICE {
                settled_old[i] = true;
                settled_new[j] = true;
            }
        }
        let rest_old: Vec<usize> = rest_old.into_iter().filter(|&i| !settled_old[i]).collect();
        let rest_new: Vec<usize> = rest_new.into_iter().filter(|&j| !settled_new[j]).collect();
        let ob: Vec<&[u32]> = rest_old.iter().map(|i| old_bags[i].as_slice()).collect();
        let nb: Vec<&[u32]> = rest_new.iter().map(|j| new_bags[j].as_slice()).collect();
        for (a, b, d) in similar_pairs(&nb, &ob) {
            candidates.push((d, rest_old[b], rest_new[a]));
        }
        for (a, b, d) in similar_pairs(&ob, &nb) {
            candidates.push((d, rest_old[a], rest_new[b]));
        }
        take(candidates, &mut old_to, &mut new_from);
        timed_out = Instant::now() > deadline;
    }

    // 3. In place or moved: per gap between anchors, the heaviest chain of
    // pairs in order stays in place.
    let gap_of_old = gap_index(&anchored_old, no);
    let mut anchored_new = vec![None; nn];
    for (i, j) in anchored_old.iter().enumerate() {
        if let Some(j) = j {
            anchored_new[*j] = Some(i);
        }
    }
    let gap_of_new = gap_index(&anchored_new, nn);
    let mut by_gap: HashMap<usize, Vec<(usize, usize, f32)>> = HashMap::default();
    let mut moved: Vec<(usize, usize)> = Vec::new();
    for &(i, j, d) in &matched {
        if gap_of_old[i] == gap_of_new[j] {
            let weight = d * (old_bags[&i].len() + new_bags[&j].len()) as f32 + 1.0;
            by_gap
                .entry(gap_of_old[i])
                .or_default()
                .push((i, j, weight));
        } else {
            moved.push((i, j));
        }
    }
    let dice_of: HashMap<(usize, usize), f32> =
        matched.iter().map(|&(i, j, d)| ((i, j), d)).collect();
    let mut in_place: Vec<(usize, usize)> = Vec::new();
    for (_, mut pairs) in by_gap {
        pairs.sort_by_key(|p| (p.0, p.1));
        let keep = heaviest_chain(&pairs);
        for (k, p) in pairs.iter().enumerate() {
            if keep[k] {
                in_place.push((p.0, p.1));
            } else if dice_of[&(p.0, p.1)] >= PAIR_DICE {
                moved.push((p.0, p.1));
            }
        }
    }
    in_place.sort_unstable();

    // 4. Splits and merges: an in-place pair takes in leftover neighbours.
    let mut old_used = vec![false; no];
    let mut new_used = vec![false; nn];
    for (i, j) in anchored_old.iter().enumerate() {
        if let Some(j) = j {
            old_used[i] = true;
            new_used[*j] = true;
        }
    }
    for &(i, j) in in_place.iter().chain(&moved) {
        old_used[i] = true;
        new_used[j] = true;
    }
    let mut anchors: Vec<Item> = Vec::new();
    for (i, j) in anchored_old.iter().enumerate() {
        if let Some(j) = j {
            anchors.push(Item::Pair { old: i, new: *j });
        }
    }
    for &(i, j) in &in_place {
        let mut bag = |side_old: bool, k: usize| -> Vec<u32> {
            let cache = if side_old {
                &mut old_bags
            } else {
                &mut new_bags
            };
            cache
                .entry(k)
                .or_insert_with(|| interner.bag(if side_old { old[k] } else { new[k] }))
                .clone()
        };
        let whole_old = bag(true, i);
        let whole_new = bag(false, j);
        // Split: more new paragraphs around j against old i.
        let grow = |target: &[u32],
                    first: Vec<u32>,
                    at: usize,
                    len: usize,
                    used: &mut Vec<bool>,
                    bag: &mut dyn FnMut(usize) -> Vec<u32>| {
            let mut range = at..at + 1;
            let mut acc = first;
            loop {
                let mut grown = false;
                for next in [range.end, range.start.wrapping_sub(1)] {
                    if next >= len || used[next] {
                        continue;
                    }
                    let part = bag(next);
                    if part.is_empty() {
                        continue;
                    }
                    let joined = union(&acc, &part);
                    let had = shared(target, &acc);
                    let gain = shared(target, &joined) - had;
                    let left = target.len() - had;
                    let contained = gain as f32 >= PART_CONTAINED * part.len() as f32
                        && dice(target, &joined) > dice(target, &acc);
                    let rest = left as f32 >= REST_SHARE * target.len() as f32
                        && gain as f32 >= REST_TAKEN * left as f32
                        && gain as f32 >= PART_HOLDS * part.len() as f32
                        && dice(target, &joined) >= PAIR_DICE;
                    if contained || rest {
                        used[next] = true;
                        acc = joined;
                        if next == range.end {
                            range.end += 1;
                        } else {
                            range.start = next;
                        }
                        grown = true;
                        break;
                    }
                }
                if !grown {
                    return range;
                }
            }
        };
        let split = grow(
            &whole_old,
            whole_new.clone(),
            j,
            nn,
            &mut new_used,
            &mut |k| bag(false, k),
        );
        if split.len() > 1 {
            anchors.push(Item::Split { old: i, new: split });
            continue;
        }
        let merge = grow(&whole_new, whole_old, i, no, &mut old_used, &mut |k| {
            bag(true, k)
        });
        if merge.len() > 1 {
            anchors.push(Item::Merge { old: merge, new: j });
        } else {
            anchors.push(Item::Pair { old: i, new: j });
        }
    }
    let span = |item: &Item| match item {
        Item::Pair { old, new } => (*old..old + 1, *new..new + 1),
        Item::Split { old, new } => (*old..old + 1, new.clone()),
        Item::Merge { old, new } => (old.clone(), *new..new + 1),
        _ => (0..0, 0..0),
    };
    anchors.sort_by_key(|a| span(a).0.start);

    // 4b. Between two of those, a leftover paragraph that still reads as an
    // edit of a leftover on the other side — most of its words kept in long
    // runs, though the word bags differ more than [`PAIR_DICE`] allows (a
    // sentence cut and another written) — is paired in place.
    if !timed_out && Instant::now() < deadline {
        let mut extra = Vec::new();
        let (mut oi, mut nj) = (0, 0);
        let ends = anchors
            .iter()
            .map(&span)
            .chain(std::iter::once((no..no, nn..nn)));
        for (o, n) in ends {
            let lo: Vec<usize> = (oi..o.start).filter(|&i| !old_used[i]).collect();
            let ln: Vec<usize> = (nj..n.start).filter(|&j| !new_used[j]).collect();
            if !lo.is_empty() && !ln.is_empty() && lo.len() * ln.len() <= LEFTOVER_CELLS {
                let score = |i: usize, j: usize| -> f32 {
                    let (Some(a), Some(b)) = (old_bags.get(&i), new_bags.get(&j)) else {
                        return 0.0;
                    };
                    if dice(a, b) < LEFTOVER_DICE {
                        return 0.0;
                    }
                    let r = kept_ratio(old[i], new[j], options, deadline);
                    if r >= KEPT_RATIO { r } else { 0.0 }
                };
                extra.extend(best_monotone(&lo, &ln, score));
            }
            oi = o.end;
            nj = n.end;
        }
        for &(i, j) in &extra {
            old_used[i] = true;
            new_used[j] = true;
            anchors.push(Item::Pair { old: i, new: j });
        }
        anchors.sort_by_key(|a| span(a).0.start);
    }

    // 5. Walk the anchors; between two, the removed and added paragraphs.
    let mut moved_to = vec![None; no];
    let mut moved_from = vec![None; nn];
    for &(i, j) in &moved {
        moved_to[i] = Some(j);
        moved_from[j] = Some(i);
    }
    let mut items = Vec::with_capacity(no.max(nn));
    let (mut oi, mut nj) = (0, 0);
    let push_gap = |items: &mut Vec<Item>, o: Range<usize>, n: Range<usize>| {
        for i in o {
            items.push(Item::Deleted {
                old: i,
                moved_to: moved_to[i],
            });
        }
        for j in n {
            items.push(Item::Inserted {
                new: j,
                moved_from: moved_from[j],
            });
        }
    };
    for anchor in anchors {
        let (o, n) = span(&anchor);
        push_gap(&mut items, oi..o.start, nj..n.start);
        items.push(anchor);
        oi = o.end;
        nj = n.end;
    }
    push_gap(&mut items, oi..no, nj..nn);
    (items, timed_out)
}

/// The share of the words of `a` and `b` left unmarked by their word diff.
fn kept_ratio(a: &str, b: &str, options: &Options, deadline: Instant) -> f32 {
    let words = |t: &str| {
        word_tokens(t)
            .iter()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    let (wa, wb) = (words(a), words(b));
    if wa + wb == 0 {
        return 0.0;
    }
    let mut marked = 0;
    for (x, y) in inline_changes(a, b, options, deadline) {
        marked += words(&a[x]) + words(&b[y]);
    }
    (wa + wb).saturating_sub(marked) as f32 / (wa + wb) as f32
}

/// The pairs (one of `olds`, one of `news`, both in order) with the largest
/// total `score`; pairs scoring 0 are never taken.
fn best_monotone(
    olds: &[usize],
    news: &[usize],
    score: impl Fn(usize, usize) -> f32,
) -> Vec<(usize, usize)> {
    let (r, c) = (olds.len(), news.len());
    let mut sims = vec![0.0f32; r * c];
    for (a, &i) in olds.iter().enumerate() {
        for (b, &j) in news.iter().enumerate() {
            sims[a * c + b] = score(i, j);
        }
    }
    let at = |a: usize, b: usize| a * (c + 1) + b;
    let mut best = vec![0.0f32; (r + 1) * (c + 1)];
    for a in 1..=r {
        for b in 1..=c {
            let s = sims[(a - 1) * c + (b - 1)];
            let mut v = best[at(a - 1, b)].max(best[at(a, b - 1)]);
            if s > 0.0 {
                v = v.max(best[at(a - 1, b - 1)] + s);
            }
            best[at(a, b)] = v;
        }
    }
    let mut out = Vec::new();
    let (mut a, mut b) = (r, c);
    while a > 0 && b > 0 {
        let s = sims[(a - 1) * c + (b - 1)];
        if s > 0.0 && best[at(a, b)] == best[at(a - 1, b - 1)] + s {
            out.push((olds[a - 1], news[b - 1]));
            a -= 1;
            b -= 1;
        } else if best[at(a, b)] == best[at(a - 1, b)] {
            a -= 1;
        } else {
            b -= 1;
        }
    }
    out.reverse();
    out
}

/// For each paragraph, how many anchors come before it.
fn gap_index(anchored: &[Option<usize>], len: usize) -> Vec<usize> {
    let mut out = Vec::with_capacity(len);
    let mut count = 0;
    for a in anchored {
        if a.is_some() {
            count += 1;
        }
        out.push(count);
    }
    out
}

/// For each bag in `from`, its most similar bags in `to` with Dice ≥
/// [`PAIR_DICE`]: (from index, to index, Dice).
fn similar_pairs(from: &[&[u32]], to: &[&[u32]]) -> Vec<(usize, usize, f32)> {
    let low = IN_PLACE_DICE.min(PAIR_DICE);
    let mut out = Vec::new();
    if from.len() * to.len() <= ALL_PAIRS_LIMIT {
        for (a, fa) in from.iter().enumerate() {
            let mut best: Vec<(f32, usize)> = to
                .iter()
                .enumerate()
                .map(|(b, tb)| (dice(fa, tb), b))
                .filter(|(d, _)| *d >= low)
                .collect();
            best.sort_by(|x, y| y.0.total_cmp(&x.0));
            out.extend(best.into_iter().take(CANDIDATES).map(|(d, b)| (a, b, d)));
        }
        return out;
    }
    // An index of the words of `to`, leaving out words too common to tell
    // paragraphs apart (they still count in the exact comparison).
    let mut postings: HashMap<u32, Vec<u32>> = HashMap::default();
    for (b, tb) in to.iter().enumerate() {
        let mut last = None;
        for &w in tb.iter() {
            if last != Some(w) {
                postings.entry(w).or_default().push(b as u32);
                last = Some(w);
            }
        }
    }
    let cap = 8 + 4 * (to.len() as f32).sqrt() as usize;
    let mut counts = vec![0u32; to.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (a, fa) in from.iter().enumerate() {
        let mut last = None;
        for &w in fa.iter() {
            if last == Some(w) {
                continue;
            }
            last = Some(w);
            if let Some(list) = postings.get(&w).filter(|l| l.len() <= cap) {
                for &b in list {
                    if counts[b as usize] == 0 {
                        touched.push(b);
                    }
                    counts[b as usize] += 1;
                }
            }
        }
        touched.sort_by(|x, y| counts[*y as usize].cmp(&counts[*x as usize]).then(x.cmp(y)));
        for &b in touched.iter().take(CANDIDATES) {
            let d = dice(fa, to[b as usize]);
            if d >= low {
                out.push((a, b as usize, d));
            }
        }
        for &b in &touched {
            counts[b as usize] = 0;
        }
        touched.clear();
    }
    out
}

/// Of `pairs` (sorted by old index), which form the heaviest chain increasing
/// on both sides. O(n log n) with a prefix-maximum tree over the new index.
fn heaviest_chain(pairs: &[(usize, usize, f32)]) -> Vec<bool> {
    let n = pairs.len();
    let mut keep = vec![false; n];
    if n == 0 {
        return keep;
    }
    let mut js: Vec<usize> = pairs.iter().map(|p| p.1).collect();
    js.sort_unstable();
    js.dedup();
    let rank = |j: usize| js.partition_point(|&x| x < j);
    // Fenwick tree of (best total, pair index) over new ranks.
    let mut tree: Vec<(f32, usize)> = vec![(0.0, usize::MAX); js.len() + 1];
    let mut best = vec![0.0f32; n];
    let mut prev = vec![usize::MAX; n];
    // Pairs with the same old index must not chain: process each old index's
    // pairs against the tree before inserting any of them.
    let mut k = 0;
    while k < n {
        let mut end = k;
        while end < n && pairs[end].0 == pairs[k].0 {
            end += 1;
        }
        for m in k..end {
            let r = rank(pairs[m].1);
            let (mut q, mut acc) = (r, (0.0f32, usize::MAX));
            while q > 0 {
                if tree[q].0 > acc.0 {
                    acc = tree[q];
                }
                q &= q - 1;
            }
            best[m] = acc.0 + pairs[m].2;
            prev[m] = acc.1;
        }
        for m in k..end {
            let mut q = rank(pairs[m].1) + 1;
            while q < tree.len() {
                if best[m] > tree[q].0 {
                    tree[q] = (best[m], m);
                }
                q += q & q.wrapping_neg();
            }
        }
        k = end;
    }
    let mut at = (0..n).max_by(|a, b| best[*a].total_cmp(&best[*b]));
    while let Some(m) = at.filter(|m| *m != usize::MAX) {
        keep[m] = true;
        at = Some(prev[m]);
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn run(old: &[&str], new: &[&str]) -> Vec<Item> {
        align(
            old,
            new,
            &Options::default(),
            Instant::now() + Duration::from_secs(5),
        )
        .0
    }

    #[test]
    fn heaviest_chain_prefers_weight() {
        let pairs = [(0, 2, 1.0), (1, 0, 1.0), (2, 1, 1.0), (3, 3, 1.0)];
        assert_eq!(heaviest_chain(&pairs), vec![false, true, true, true]);
        let pairs = [(0, 2, 10.0), (1, 0, 1.0), (2, 1, 1.0), (3, 3, 1.0)];
        assert_eq!(heaviest_chain(&pairs), vec![true, false, false, true]);
    }

    #[test]
    fn move_is_found_across_the_field() {
        let old = [
            "alpha one two",
            "beta three four",
            "gamma five six",
            "delta seven eight",
        ];
        let new = [
            "beta three four",
            "gamma five six",
            "delta seven eight",
            "alpha one two",
        ];
        let items = run(&old, &new);
        assert!(items.contains(&Item::Deleted {
            old: 0,
            moved_to: Some(3)
        }));
        assert!(items.contains(&Item::Inserted {
            new: 3,
            moved_from: Some(0)
        }));
    }

    #[test]
    fn unrelated_paragraphs_are_not_paired() {
        let items = run(
            &["the cat sat on the mat"],
            &["markets fell sharply in Tokyo"],
        );
        assert_eq!(
            items,
            vec![
                Item::Deleted {
                    old: 0,
                    moved_to: None
                },
                Item::Inserted {
                    new: 0,
                    moved_from: None
                }
            ]
        );
    }
}
