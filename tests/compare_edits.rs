//! The compare on realistic edits of a wire story: each test makes one kind of
//! edit a copy desk makes and checks the pairing of paragraphs, the changes,
//! the `diff` text and that taking a change back restores the older wording.

use copydesk::compare::{self, ChangeKind, Options, Row, StoryDiff, plain};
use copydesk::story::{Field, Fields};

const P1: &str = "PORT ELLEN, Nov. 23 (Wire) — The Victoria footbridge across the inner harbour reopened on Monday after two years of repairs, the Islay council said.";
const P2: &str = "Engineers replaced 140 oak planks and the iron railings, which had rusted through in places, at a cost of £2.4m, about 20% over the first estimate.";
const P3: &str = "The council’s harbour master, Ewan MacLeod, said the bridge would carry 1,000 people a day by summer. “We’re delighted to have it back,” he said.";
const P4: &str = "Shopkeepers on the quay said trade had fallen by a third while the bridge was closed. Some had cut their opening hours to four days a week.";
const P5: &str = "The bridge was built in 1911 by the Glasgow firm Arrol & Co. and is listed as a category B structure by Historic Environment Scotland.";
const P6: &str = "A ceremony is planned for 10:30 on Saturday, when the island’s pipe band will lead the first official crossing.";

fn story(paragraphs: &[&str]) -> Fields {
    Fields {
        headline: "Footbridge reopens after repairs".into(),
        body: paragraphs.join("\n\n"),
        ..Fields::default()
    }
}

fn original() -> Fields {
    story(&[P1, P2, P3, P4, P5, P6])
}

fn diff(old: &Fields, new: &Fields) -> StoryDiff {
    let diff = compare::compare(old, new, &Options::default());
    for fd in &diff.fields {
        let (a, b) = (old.get(fd.field), new.get(fd.field));
        assert_eq!(compare::apply(a, b, &fd.changes), b, "apply {:?}", fd.field);
        assert_eq!(
            compare::revert_all(a, b, &fd.changes),
            a,
            "revert {:?}",
            fd.field
        );
    }
    diff
}

/// The body's rows other than unchanged paragraphs.
fn changed_rows(diff: &StoryDiff) -> Vec<Row> {
    diff.field(Field::Body)
        .rows
        .iter()
        .filter(|r| !matches!(r, Row::Same { .. }))
        .cloned()
        .collect()
}

/// The `diff` text without its two name lines.
fn text(diff: &StoryDiff) -> String {
    let out = plain::word_diff(diff, "a", "b", false);
    out.lines().skip(2).map(|l| format!("{l}\n")).collect()
}

fn removed_and_added(diff: &StoryDiff) -> Vec<(String, String)> {
    let fd = diff.field(Field::Body);
    fd.changes
        .iter()
        .map(|c| {
            let (a, b) = diff.change_text(c);
            (a.to_owned(), b.to_owned())
        })
        .collect()
}

#[test]
fn blank_lines_are_not_paragraphs() {
    let old = original();
    let new = story(&[P1, P2, P3, P4, P5, P6]);
    let mut new_spaced = new.clone();
    new_spaced.body = new.body.replace("\n\n", "\n\n\n");
    let d = diff(&old, &new_spaced);
    let fd = d.field(Field::Body);
    assert_eq!(fd.old_paragraphs.len(), 6);
    assert_eq!(fd.new_paragraphs.len(), 6);
    assert!(fd.rows.iter().all(|r| matches!(r, Row::Same { .. })));
    // The extra blank lines are a change of spacing only, never shown.
    assert!(fd.changes.iter().all(|c| c.kind == ChangeKind::Spacing));
    assert_eq!(text(&d), "");
}

#[test]
fn split_paragraph_is_shown_as_a_split() {
    let (a, b) = P4.split_at(P4.find(" Some").unwrap());
    let new = story(&[P1, P2, P3, a, b.trim_start(), P5, P6]);
    let d = diff(&original(), &new);
    let rows = changed_rows(&d);
    assert!(
        matches!(&rows[..], [Row::Split { old: 3, new, .. }] if *new == (3..5)),
        "{rows:?}"
    );
    // The part closest to the old paragraph shows it with the text that went
    // on to the next part struck out, so that line reads as the old
    // paragraph on its old side and as the part on its new side; the other
    // part has nothing marked: no word changed.
    let out = text(&d);
    let b = b.trim_start();
    assert_eq!(
        out,
        format!("@@ body ¶4 split from ¶4 @@\n{a} [-{b}-]\n@@ body ¶5 split from ¶4 @@\n{b}\n")
    );
}

#[test]
fn split_and_edited_paragraph_marks_only_the_edit() {
    let (a, b) = P4.split_at(P4.find(" Some").unwrap());
    let b = b.trim_start();
    let edited = b.replacen("Some", "Several", 1);
    let new = story(&[P1, P2, P3, a, &edited, P5, P6]);
    let d = diff(&original(), &new);
    let rows = changed_rows(&d);
    assert!(
        matches!(&rows[..], [Row::Split { old: 3, new, .. }] if *new == (3..5)),
        "{rows:?}"
    );
    let out = text(&d);
    let marked = b.replacen("Some", "[-Some-]{+Several+}", 1);
    assert_eq!(
        out,
        format!(
            "@@ body ¶4 split from ¶4 @@\n{a} [-{b}-]\n@@ body ¶5 split from ¶4 @@\n{marked}\n"
        )
    );
}

#[test]
fn merged_paragraphs_are_shown_as_a_merge() {
    let joined = format!("{P4} {P5}");
    let new = story(&[P1, P2, P3, &joined, P6]);
    let d = diff(&original(), &new);
    let rows = changed_rows(&d);
    assert!(
        matches!(&rows[..], [Row::Merged { old, new: 3, .. }] if *old == (3..5)),
        "{rows:?}"
    );
    // The merged paragraph reads as the old paragraph closest to it with the
    // other one added; that one has a section of its own, nothing marked.
    let out = text(&d);
    assert_eq!(
        out,
        format!(
            "@@ body ¶4 merged from ¶4 and ¶5 @@\n{P4} {{+{P5}+}}\n\
             @@ body ¶5 merged into ¶4 @@\n{P5}\n"
        )
    );
}

/// Each obvious pair of a split or a merge — the old paragraph and the part
/// closest to it — is one printed line that reads as the old paragraph on its
/// old side (text outside the marks and `[-…-]`) and as the new one on its new
/// side (text outside the marks and `{+…+}`), wherever the closest part lies.
#[test]
fn split_and_merge_lines_read_as_the_old_and_the_new_paragraph() {
    fn sides(line: &str) -> (String, String) {
        let (mut old, mut new) = (String::new(), String::new());
        let mut rest = line;
        while let Some(at) = rest.find(['[', '{']) {
            let (open, close) = if rest[at..].starts_with("[-") {
                ("[-", "-]")
            } else if rest[at..].starts_with("{+") {
                ("{+", "+}")
            } else {
                old.push_str(&rest[..=at]);
                new.push_str(&rest[..=at]);
                rest = &rest[at + 1..];
                continue;
            };
            old.push_str(&rest[..at]);
            new.push_str(&rest[..at]);
            let end = rest[at..].find(close).unwrap() + at;
            let inner = &rest[at + open.len()..end];
            if open == "[-" {
                old.push_str(inner);
            } else {
                new.push_str(inner);
            }
            rest = &rest[end + close.len()..];
        }
        old.push_str(rest);
        new.push_str(rest);
        let norm = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
        (norm(old), norm(new))
    }
    // A short first sentence split off (the closest part is the second), with
    // an edit in each part.
    let (lead, rest) = P2.split_at(P2.find(" at a cost").unwrap());
    let lead = lead.replace("140", "160");
    let rest = format!("The work{}", rest.replace("about 20%", "some 20%"));
    let new = story(&[P1, &lead, &rest, P3, P4, P5, P6]);
    let d = diff(&original(), &new);
    assert!(
        matches!(&changed_rows(&d)[..], [Row::Split { old: 1, new, .. }] if *new == (1..3)),
        "{:?}",
        changed_rows(&d)
    );
    let out = text(&d);
    let lines: Vec<&str> = out.lines().filter(|l| !l.starts_with("@@")).collect();
    let paired: Vec<(String, String)> = lines.iter().map(|l| sides(l)).collect();
    assert!(
        paired.contains(&(P2.to_owned(), lead.clone()))
            || paired.contains(&(P2.to_owned(), rest.clone())),
        "{out}"
    );
    // The other part shows only its own word changes.
    assert_eq!(out.matches("[-140-]{+160+}").count(), 1, "{out}");
    assert_eq!(out.matches("[-about-]{+some+}").count(), 1, "{out}");

    // Two paragraphs merged with an edit in each.
    let joined = format!(
        "{} {}",
        P4.replace("a third", "a quarter"),
        P5.replace("1911", "1912")
    );
    let new = story(&[P1, P2, P3, &joined, P6]);
    let d = diff(&original(), &new);
    let out = text(&d);
    let lines: Vec<&str> = out.lines().filter(|l| !l.starts_with("@@")).collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(sides(lines[0]), (P4.to_owned(), joined.clone()), "{out}");
    assert!(out.contains("@@ body ¶5 merged into ¶4 @@\n"), "{out}");
    assert!(lines[1].contains("[-1911-]{+1912+}"), "{out}");
}

/// A paragraph's last sentence carried on to a new paragraph written around
/// it is a split: the sentence is shown struck out once and the new words
/// once, not the sentence removed, then a whole paragraph added.
#[test]
fn sentence_carried_into_a_new_paragraph_is_a_split() {
    let (said, quote) = P3.split_at(P3.find(" “We’re").unwrap());
    let next =
        format!("Crowds gathered on the quay as the first walkers crossed in the rain.{quote}");
    let new = story(&[P1, P2, said, &next, P4, P5, P6]);
    let d = diff(&original(), &new);
    let rows = changed_rows(&d);
    assert!(
        matches!(&rows[..], [Row::Split { old: 2, new, .. }] if *new == (2..4)),
        "{rows:?}"
    );
    let quote = quote.trim_start();
    assert_eq!(
        text(&d),
        format!(
            "@@ body ¶3 split from ¶3 @@\n{said} [-{quote}-]\n\
             @@ body ¶4 split from ¶3 @@\n\
             {{+Crowds gathered on the quay as the first walkers crossed in the rain.+}} {quote}\n"
        )
    );
}

#[test]
fn moved_paragraph_costs_nothing_but_its_place() {
    let new = story(&[P1, P5, P2, P3, P4, P6]);
    let d = diff(&original(), &new);
    let rows = changed_rows(&d);
    assert!(
        matches!(&rows[..], [Row::MovedHere { new: 1, from: 4, words, .. }, Row::MovedAway { old: 4, to: 1, .. }] if words.is_empty()),
        "{rows:?}"
    );
    assert_eq!((d.stats.moves, d.stats.changes), (1, 1));
    assert_eq!((d.stats.words_added, d.stats.words_removed), (0, 0));
    assert_eq!(
        text(&d),
        format!("@@ body ¶2 moved from ¶5 @@\n{P5}\n@@ body ¶5 moved to ¶2 @@\n")
    );
    // Taking back either half puts the paragraph back where it was.
    for c in &d.field(Field::Body).changes {
        assert!(c.partner.is_some());
        assert_eq!(
            compare::revert_change(&d, c.id).unwrap().body,
            original().body
        );
    }
}

#[test]
fn moved_and_edited_paragraph_shows_only_its_edits() {
    let edited = P5
        .replace("1911", "1912")
        .replace("category B", "category A");
    let new = story(&[P1, P2, P3, P4, P6, &edited]);
    let d = diff(&original(), &new);
    let rows = changed_rows(&d);
    let words = match &rows[..] {
        [
            Row::MovedAway { old: 4, to: 5, .. },
            Row::MovedHere {
                new: 5,
                from: 4,
                words,
                ..
            },
        ] => words,
        _ => panic!("{rows:?}"),
    };
    let pairs: Vec<(&str, &str)> = words
        .iter()
        .map(|(a, b)| (&d.old.body[a.clone()], &d.new.body[b.clone()]))
        .collect();
    assert_eq!(pairs, vec![("1911", "1912"), ("B", "A")]);
    assert_eq!((d.stats.words_added, d.stats.words_removed), (2, 2));
    let out = text(&d);
    assert!(
        out.contains("@@ body ¶5 moved to ¶6 @@\n@@ body ¶6 moved from ¶5 @@\n"),
        "{out}"
    );
    assert!(out.contains("built in [-1911-]{+1912+} by"), "{out}");
    let moved_here = d
        .changes()
        .find(|c| c.kind == ChangeKind::MovedHere)
        .unwrap();
    assert_eq!(
        compare::revert_change(&d, moved_here.id).unwrap().body,
        original().body
    );
}

#[test]
fn sentence_cut_is_one_deletion_in_its_paragraph() {
    let cut = P3.split(" “We’re").next().unwrap();
    let new = story(&[P1, P2, cut, P4, P5, P6]);
    let d = diff(&original(), &new);
    assert!(matches!(
        &changed_rows(&d)[..],
        [Row::Edited { old: 2, new: 2, .. }]
    ));
    assert_eq!(
        removed_and_added(&d),
        vec![(
            " “We’re delighted to have it back,” he said.".to_owned(),
            String::new()
        )]
    );
}

#[test]
fn changed_figure_is_one_whole_word() {
    let new = story(&[P1, P2, &P3.replace("1,000", "1,200"), P4, P5, P6]);
    let d = diff(&original(), &new);
    assert_eq!(
        removed_and_added(&d),
        vec![("1,000".into(), "1,200".into())]
    );
    assert!(text(&d).contains("carry [-1,000-]{+1,200+} people"));
    let new = story(&[
        P1,
        &P2.replace("£2.4m", "£2.6m").replace("20%", "30%"),
        P3,
        P4,
        P5,
        P6,
    ]);
    let d = diff(&original(), &new);
    assert_eq!(
        removed_and_added(&d),
        vec![
            ("£2.4m".into(), "£2.6m".into()),
            ("20%".into(), "30%".into())
        ]
    );
}

#[test]
fn paragraph_inserted_at_the_top() {
    let top = "Islanders crowded onto the footbridge at first light to be the first across.";
    let new = story(&[top, P1, P2, P3, P4, P5, P6]);
    let d = diff(&original(), &new);
    assert!(matches!(
        &changed_rows(&d)[..],
        [Row::Inserted { new: 0, .. }]
    ));
    assert_eq!(text(&d), format!("@@ body ¶1 added @@\n{{+{top}+}}\n"));
    // Taking it back leaves the old text exactly, blank line included.
    let id = d.field(Field::Body).changes[0].id;
    assert_eq!(
        compare::revert_change(&d, id).unwrap().body,
        original().body
    );
}

#[test]
fn paragraph_deleted_in_the_middle() {
    let new = story(&[P1, P2, P4, P5, P6]);
    let d = diff(&original(), &new);
    assert!(matches!(
        &changed_rows(&d)[..],
        [Row::Deleted { old: 2, .. }]
    ));
    assert_eq!(text(&d), format!("@@ body ¶3 deleted @@\n[-{P3}-]\n"));
    let id = d.field(Field::Body).changes[0].id;
    assert_eq!(
        compare::revert_change(&d, id).unwrap().body,
        original().body
    );
}

#[test]
fn headline_rewritten_or_edited() {
    let old = original();
    let mut new = old.clone();
    new.headline = "Islay harbour crossing back in use after £2.4m refit".into();
    let d = diff(&old, &new);
    let fd = d.field(Field::Headline);
    assert!(
        matches!(
            &fd.rows[..],
            [Row::Deleted { old: 0, .. }, Row::Inserted { new: 0, .. }]
        ),
        "{:?}",
        fd.rows
    );
    assert_eq!(
        text(&d),
        "@@ headline @@\n[-Footbridge reopens after repairs-]\n{+Islay harbour crossing back in use after £2.4m refit+}\n"
    );
    new.headline = "Footbridge reopens after two-year repairs".into();
    let d = diff(&old, &new);
    assert_eq!(
        text(&d),
        "@@ headline @@\nFootbridge reopens after {+two-year +}repairs\n"
    );
}

#[test]
fn many_small_edits_stay_in_place() {
    let new = story(&[
        &P1.replace("Monday", "Tuesday"),
        P2,
        &P3.replace("by summer", "by the summer"),
        &P4.replace("a third", "a quarter")
            .replace("four days", "three days"),
        P5,
        &P6.replace("pipe band", "brass band"),
    ]);
    let d = diff(&original(), &new);
    let rows = changed_rows(&d);
    let edited: Vec<(usize, usize)> = rows
        .iter()
        .map(|r| match r {
            Row::Edited { old, new, .. } => (*old, *new),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(edited, vec![(0, 0), (2, 2), (3, 3), (5, 5)]);
    assert_eq!(
        removed_and_added(&d),
        vec![
            ("Monday".into(), "Tuesday".into()),
            (String::new(), "the ".into()),
            ("third".into(), "quarter".into()),
            ("four".into(), "three".into()),
            ("pipe".into(), "brass".into()),
        ]
    );
}

/// The issue's own example: commas around a name in apposition removed, five
/// words added to the next paragraph, a sentence cut from an earlier one and a
/// closing paragraph added — about 30 words changed, all paired in place.
#[test]
fn second_draft_of_a_wire_story() {
    let new = story(&[
        P1,
        P2.split(", which had rusted")
            .next()
            .unwrap()
            .to_owned()
            .as_str(),
        &P3.replace("master, Ewan MacLeod, said", "master Ewan MacLeod said"),
        &P4.replace(
            "four days a week.",
            "four days a week over the winter months.",
        ),
        P5,
        P6,
        "Tickets for the ceremony are free from the council office on Main Street.",
    ]);
    let d = diff(&original(), &new);
    let rows = changed_rows(&d);
    assert!(
        matches!(
            &rows[..],
            [
                Row::Edited { old: 1, new: 1, .. },
                Row::Edited { old: 2, new: 2, .. },
                Row::Edited { old: 3, new: 3, .. },
                Row::Inserted { new: 6, .. }
            ]
        ),
        "{rows:?}"
    );
    assert!(d.stats.words_added <= 20, "{:?}", d.stats);
    assert!(d.stats.words_removed <= 20, "{:?}", d.stats);
    let out = text(&d);
    assert!(
        out.contains("harbour master[-,-] Ewan MacLeod[-,-] said"),
        "{out}"
    );
    assert!(
        out.contains("four days a week{+ over the winter months+}."),
        "{out}"
    );
}

#[test]
fn unrelated_paragraphs_are_removed_and_added_not_a_word_soup() {
    let other =
        "Ferry timetables for the winter are published on the operator’s website from Friday.";
    let new = story(&[P1, P2, P3, other, P5, P6]);
    let d = diff(&original(), &new);
    assert!(
        matches!(
            &changed_rows(&d)[..],
            [Row::Deleted { old: 3, .. }, Row::Inserted { new: 3, .. }]
        ),
        "{:?}",
        changed_rows(&d)
    );
}
