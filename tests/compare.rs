//! Properties of the compare engine over arbitrary Unicode text: applying the
//! changes to the old text gives the new text, reverting every change gives the
//! old text back, a version compared with itself has no changes, and no range
//! ever splits a character — also when paragraphs move, split and merge, where
//! taking back one half of a move takes back the whole move.

use copydesk::compare::{self, Granularity, Options, Row, plain};
use copydesk::story::{Field, Fields};
use proptest::prelude::*;

/// Text with words from several scripts, punctuation, quotes, emoji, combining
/// marks, spaces and newlines (so paragraphs come and go).
fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            6 => proptest::sample::select(vec![
                "the", "council", "bridge", "Київ", "міст", "café", "e\u{301}", "👩‍👩‍👧", "🎉",
                "“quoted”", "it’s", "—", "U.S.", "10,000", "said", "Monday", "a", "b",
            ]).prop_map(str::to_owned),
            3 => proptest::sample::select(vec![" ", " ", "  ", "\t", ". ", ", "]).prop_map(str::to_owned),
            1 => proptest::sample::select(vec!["\n", "\n\n"]).prop_map(str::to_owned),
            1 => any::<char>().prop_filter("no CR", |c| *c != '\r').prop_map(String::from),
        ],
        0..max,
    )
    .prop_map(|parts| parts.concat())
}

/// An edited version of `base`: some pieces dropped, replaced or added.
fn edited(base: String) -> impl Strategy<Value = (String, String)> {
    let words: Vec<String> = base
        .split_inclusive([' ', '\n'])
        .map(str::to_owned)
        .collect();
    let n = words.len();
    (proptest::collection::vec(0..4u8, n), text(12), text(12)).prop_map(
        move |(actions, extra_a, extra_b)| {
            let mut out = String::new();
            for (word, action) in words.iter().zip(&actions) {
                match action {
                    0 => {}
                    1 => out.push_str(&extra_a),
                    _ => out.push_str(word),
                }
            }
            out.push_str(&extra_b);
            (base.clone(), out)
        },
    )
}

fn fields_pair() -> impl Strategy<Value = (Fields, Fields)> {
    (text(300).prop_flat_map(edited), text(20), text(20)).prop_map(
        |((old_body, new_body), old_head, new_head)| {
            let old = Fields {
                headline: old_head.replace('\n', " "),
                body: old_body,
                ..Fields::default()
            };
            let new = Fields {
                headline: new_head.replace('\n', " "),
                body: new_body,
                ..Fields::default()
            };
            (old, new)
        },
    )
}

/// A body of paragraphs and a later version with paragraphs moved, split,
/// merged, dropped and edited.
fn reordered_pair() -> impl Strategy<Value = (Fields, Fields)> {
    proptest::collection::vec(text(40), 1..12).prop_flat_map(|paragraphs| {
        let n = paragraphs.len();
        (
            Just(paragraphs),
            Just(()).prop_perturb(move |_, mut rng| {
                let mut order: Vec<usize> = (0..n).collect();
                for k in (1..n).rev() {
                    if rng.random_bool(0.4) {
                        order.swap(k, rng.random_range(0..=k));
                    }
                }
                order
            }),
            proptest::collection::vec(0..6u8, n),
            text(20),
        )
            .prop_map(|(paragraphs, order, actions, extra)| {
                let mut new: Vec<String> = Vec::new();
                for &k in &order {
                    let p = paragraphs[k].replace('\n', " ");
                    match actions[k] {
                        0 => {}
                        1 => new.push(format!("{p} {extra}")),
                        2 => {
                            let cut = p
                                .char_indices()
                                .nth(p.chars().count() / 2)
                                .map_or(0, |c| c.0);
                            new.push(p[..cut].to_owned());
                            new.push(p[cut..].to_owned());
                        }
                        3 => match new.last_mut() {
                            Some(last) => {
                                last.push(' ');
                                last.push_str(&p);
                            }
                            None => new.push(p),
                        },
                        _ => new.push(p),
                    }
                }
                let old_body: Vec<String> =
                    paragraphs.iter().map(|p| p.replace('\n', " ")).collect();
                let old = Fields {
                    body: old_body.join("\n\n"),
                    ..Fields::default()
                };
                let new = Fields {
                    body: new.join("\n\n"),
                    ..Fields::default()
                };
                (old, new)
            })
    })
}

fn granularity() -> impl Strategy<Value = Granularity> {
    proptest::sample::select(Granularity::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn apply_gives_new_and_revert_gives_old((old, new) in fields_pair(), g in granularity()) {
        let options = Options { granularity: g, ..Options::default() };
        let diff = compare::compare(&old, &new, &options);
        for fd in &diff.fields {
            let (a, b) = (old.get(fd.field), new.get(fd.field));
            for c in &fd.changes {
                prop_assert!(a.is_char_boundary(c.old.start) && a.is_char_boundary(c.old.end));
                prop_assert!(b.is_char_boundary(c.new.start) && b.is_char_boundary(c.new.end));
                let empty = c.old.is_empty() && c.new.is_empty();
                prop_assert!(!empty, "empty change {:?}", c);
            }
            prop_assert_eq!(compare::apply(a, b, &fd.changes), b);
            prop_assert_eq!(compare::revert_all(a, b, &fd.changes), a);
            // Every paragraph of each side appears in exactly one row, in order.
            let olds: Vec<usize> = fd.rows.iter().flat_map(Row::old_paragraphs).collect();
            let news: Vec<usize> = fd.rows.iter().flat_map(Row::new_paragraphs).collect();
            prop_assert_eq!(olds, (0..fd.old_paragraphs.len()).collect::<Vec<_>>());
            prop_assert_eq!(news, (0..fd.new_paragraphs.len()).collect::<Vec<_>>());
            // The two halves of a move point at each other.
            for c in &fd.changes {
                if let Some(p) = c.partner {
                    let other = diff.change(p).unwrap();
                    prop_assert_eq!(other.partner, Some(c.id));
                }
            }
        }
        prop_assert_eq!(diff.is_identical(), old == new);
    }

    #[test]
    fn reverting_one_change_is_applying_all_the_others((old, new) in fields_pair()) {
        let diff = compare::compare(&old, &new, &Options::default());
        for change in diff.changes() {
            let reverted = compare::revert_change(&diff, change.id).unwrap();
            let fd = diff.field(change.field);
            // Taking back half of a move takes back the whole move.
            let taken = [Some(change.id), change.partner];
            let others = fd.changes.iter().filter(|c| !taken.contains(&Some(c.id)));
            let expected = compare::apply(old.get(change.field), new.get(change.field), others);
            prop_assert_eq!(reverted.get(change.field), expected.as_str());
            for field in Field::ALL.into_iter().filter(|f| *f != change.field) {
                prop_assert_eq!(reverted.get(field), new.get(field));
            }
        }
    }

    #[test]
    fn moves_splits_and_merges_keep_apply_and_take_back_exact((old, new) in reordered_pair()) {
        let diff = compare::compare(&old, &new, &Options::default());
        let fd = diff.field(Field::Body);
        prop_assert_eq!(compare::apply(&old.body, &new.body, &fd.changes), new.body.clone());
        prop_assert_eq!(compare::revert_all(&old.body, &new.body, &fd.changes), old.body.clone());
        let olds: Vec<usize> = fd.rows.iter().flat_map(Row::old_paragraphs).collect();
        prop_assert_eq!(olds, (0..fd.old_paragraphs.len()).collect::<Vec<_>>());
        for change in &fd.changes {
            let taken = [Some(change.id), change.partner];
            let others = fd.changes.iter().filter(|c| !taken.contains(&Some(c.id)));
            let expected = compare::apply(&old.body, &new.body, others);
            let reverted = compare::revert_change(&diff, change.id).unwrap();
            prop_assert_eq!(reverted.body, expected);
        }
    }

    #[test]
    fn split_and_merge_pairs_read_as_an_edit_in_the_diff_text((old, new) in reordered_pair()) {
        let marks = ['[', ']', '{', '}'];
        prop_assume!(!old.body.contains(marks) && !new.body.contains(marks));
        let diff = compare::compare(&old, &new, &Options::default());
        let out = plain::word_diff(&diff, "a", "b", false);
        let lines: Vec<(String, String)> = out
            .split('\n')
            .filter(|l| !l.starts_with("@@ ") && !l.starts_with("--- ") && !l.starts_with("+++ "))
            .map(sides)
            .collect();
        let fd = diff.field(Field::Body);
        let para = |text: &str, r: &std::ops::Range<usize>| norm(&text[r.clone()]);
        for row in &fd.rows {
            let (olds, news) = (row.old_paragraphs(), row.new_paragraphs());
            if !matches!(row, Row::Split { .. } | Row::Merged { .. }) {
                continue;
            }
            let found = olds.clone().any(|i| news.clone().any(|j| {
                let pair = (para(&old.body, &fd.old_paragraphs[i]), para(&new.body, &fd.new_paragraphs[j]));
                lines.contains(&pair)
            }));
            prop_assert!(found, "{:?} has no line pairing an old paragraph with a new one:\n{}", row, out);
        }
    }

    #[test]
    fn a_version_compared_with_itself_has_no_changes((old, _new) in fields_pair(), g in granularity()) {
        let options = Options { granularity: g, ignore_whitespace: true, ignore_quote_style: true, ..Options::default() };
        let diff = compare::compare(&old, &old, &options);
        prop_assert!(diff.is_identical());
        let all_same = diff.fields.iter().all(|f| f.rows.iter().all(|r| matches!(r, Row::Same { .. })));
        prop_assert!(all_same, "rows not all Same");
    }

    #[test]
    fn arbitrary_texts_never_panic(a in ".{0,200}", b in ".{0,200}") {
        let old = Fields { body: a.clone(), note: b.clone(), ..Fields::default() };
        let new = Fields { body: b, note: a, ..Fields::default() };
        let diff = compare::compare(&old, &new, &Options::default());
        let fd = diff.field(Field::Body);
        prop_assert_eq!(compare::apply(&old.body, &new.body, &fd.changes), new.body.clone());
    }
}

/// Whitespace runs as one space, no space at the ends.
fn norm(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The old side (text outside the marks and inside `[-…-]`) and the new side
/// (outside the marks and inside `{+…+}`) of one line of `diff` text.
fn sides(line: &str) -> (String, String) {
    let (mut old, mut new) = (String::new(), String::new());
    let mut rest = line;
    loop {
        let next = [("[-", "-]"), ("{+", "+}")]
            .into_iter()
            .filter_map(|(open, close)| rest.find(open).map(|at| (at, open, close)))
            .min();
        let Some((at, open, close)) = next else { break };
        old.push_str(&rest[..at]);
        new.push_str(&rest[..at]);
        let inner = &rest[at + open.len()..];
        let end = inner.find(close).unwrap_or(inner.len());
        if open == "[-" {
            old.push_str(&inner[..end]);
        } else {
            new.push_str(&inner[..end]);
        }
        rest = &inner[(end + close.len()).min(inner.len())..];
    }
    old.push_str(rest);
    new.push_str(rest);
    (norm(&old), norm(&new))
}

/// The reordering strategy really produces moves, splits and merges, so the
/// property above covers them.
#[test]
fn reordered_pairs_exercise_moves_splits_and_merges() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut moves, mut splits, mut merges) = (0, 0, 0);
    for _ in 0..200 {
        let (old, new) = reordered_pair().new_tree(&mut runner).unwrap().current();
        let diff = compare::compare(&old, &new, &Options::default());
        moves += diff.stats.moves;
        for row in &diff.field(Field::Body).rows {
            match row {
                Row::Split { .. } => splits += 1,
                Row::Merged { .. } => merges += 1,
                _ => {}
            }
        }
    }
    assert!(
        moves > 20 && splits > 5 && merges > 5,
        "{moves} moves, {splits} splits, {merges} merges"
    );
}
