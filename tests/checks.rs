//! Copy-desk checks: what each rule must catch and what it must leave alone,
//! quick fixes, dismissals in the story file, `copydesk check`, and properties
//! (no panics, ranges on char boundaries, smart quotes idempotent).

use std::path::Path;
use std::process::{Command, Output};

use copydesk::checks::{
    self, CheckSettings, Finding, Rule, Severity, apply_fix, check, sentence_ranges, smart_quotes,
    summary, syllables,
};
use copydesk::store;
use copydesk::story::{Dismissal, Field, Fields, Story};
use proptest::prelude::*;

// ---------------------------------------------------------------------------
// Helpers

/// A story text with a headline (required) and this body.
fn with_body(body: &str) -> Fields {
    Fields {
        headline: "Council passes budget".into(),
        body: body.into(),
        ..Fields::default()
    }
}

fn run(fields: &Fields) -> Vec<Finding> {
    check(fields, &CheckSettings::default())
}

/// The offending texts `rule` found in the body.
fn found(body: &str, rule: Rule) -> Vec<String> {
    let fields = with_body(body);
    run(&fields)
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| fields.body[f.range].to_owned())
        .collect()
}

fn one(body: &str, rule: Rule) -> Finding {
    let fields = with_body(body);
    let mut all: Vec<Finding> = run(&fields)
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect();
    assert_eq!(all.len(), 1, "{body:?}: {all:#?}");
    all.remove(0)
}

/// The body after applying the one `rule` finding's fix.
fn fixed(body: &str, rule: Rule) -> String {
    let finding = one(body, rule);
    apply_fix(body, &finding).expect("the finding has a fix")
}

fn sentences(text: &str) -> Vec<&str> {
    sentence_ranges(text)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

// ---------------------------------------------------------------------------
// Limits, required fields, word target

#[test]
fn headline_over_the_limit_is_an_error_from_the_limit_on() {
    let headline = format!("{}{}", "a".repeat(64), "bcd");
    let fields = Fields {
        headline: headline.clone(),
        body: "Body.".into(),
        ..Fields::default()
    };
    let f: Vec<_> = run(&fields)
        .into_iter()
        .filter(|f| f.rule == Rule::HeadlineTooLong)
        .collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].field, Field::Headline);
    assert_eq!(&headline[f[0].range.clone()], "bcd");
    assert!(
        f[0].message.contains("67 characters, 3 over the 64 limit"),
        "{}",
        f[0].message
    );
    assert_eq!(Rule::HeadlineTooLong.key(), "headline-too-long");
}

#[test]
fn limits_count_characters_not_bytes() {
    // 64 Cyrillic letters are 128 bytes but within the limit.
    let fields = Fields {
        headline: "Ї".repeat(64),
        slug: "x".repeat(24),
        subhead: "é".repeat(160),
        body: "Body.".into(),
        ..Fields::default()
    };
    assert!(run(&fields).iter().all(|f| f.severity != Severity::Error));
    let over = Fields {
        slug: "x".repeat(25),
        subhead: "é".repeat(161),
        headline: "Ї".repeat(65),
        ..fields
    };
    let rules: Vec<Rule> = run(&over)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule)
        .collect();
    assert_eq!(
        rules,
        [
            Rule::SlugTooLong,
            Rule::HeadlineTooLong,
            Rule::SubheadTooLong
        ]
    );
}

#[test]
fn required_fields_must_not_be_empty() {
    let fields = Fields {
        headline: "   ".into(),
        ..Fields::default()
    };
    let errors: Vec<Field> = run(&fields)
        .into_iter()
        .filter(|f| f.rule == Rule::RequiredEmpty)
        .map(|f| f.field)
        .collect();
    assert_eq!(errors, [Field::Headline, Field::Body]);
    // Subhead, byline, note are not required by default; the set is a setting.
    let settings = CheckSettings {
        required: vec![Field::Byline],
        ..CheckSettings::default()
    };
    let errors: Vec<Field> = check(&fields, &settings)
        .into_iter()
        .filter(|f| f.rule == Rule::RequiredEmpty)
        .map(|f| f.field)
        .collect();
    assert_eq!(errors, [Field::Byline]);
}

#[test]
fn word_target_is_info_outside_ten_percent() {
    let body = "word ".repeat(100);
    let with_target = |t| {
        let settings = CheckSettings {
            word_target: Some(t),
            ..CheckSettings::default()
        };
        check(&with_body(&body), &settings)
            .into_iter()
            .filter(|f| f.rule == Rule::WordTarget)
            .collect::<Vec<_>>()
    };
    assert!(with_target(105).is_empty());
    assert!(with_target(95).is_empty());
    let short = with_target(200);
    assert_eq!(short.len(), 1);
    assert_eq!(short[0].severity, Severity::Info);
    assert!(
        short[0]
            .message
            .contains("100 words short of the 200-word target"),
        "{}",
        short[0].message
    );
    assert!(with_target(50)[0].message.contains("50 words over"));
    assert!(
        run(&with_body(&body))
            .iter()
            .all(|f| f.rule != Rule::WordTarget)
    );
}

// ---------------------------------------------------------------------------
// Readability

#[test]
fn flesch_scores_follow_the_formulas() {
    let s = summary(
        &with_body("The cat sat on the mat."),
        &CheckSettings::default(),
    );
    assert_eq!((s.words, s.sentences, s.syllables), (6, 1, 6));
    let ease = s.flesch_reading_ease.unwrap();
    let grade = s.flesch_kincaid_grade.unwrap();
    assert!(
        (ease - (206.835 - 1.015 * 6.0 - 84.6)).abs() < 1e-9,
        "{ease}"
    );
    assert!(
        (grade - (0.39 * 6.0 + 11.8 - 15.59)).abs() < 1e-9,
        "{grade}"
    );
    let empty = summary(&with_body(""), &CheckSettings::default());
    assert_eq!(empty.flesch_reading_ease, None);
    assert_eq!(empty.words, 0);
}

#[test]
fn summary_counts_words_reading_time_and_target() {
    let body = "One two three. Four five six!\n\nSeven eight nine ten?";
    let settings = CheckSettings {
        word_target: Some(20),
        ..CheckSettings::default()
    };
    let s = summary(&with_body(body), &settings);
    assert_eq!((s.words, s.sentences, s.paragraphs), (10, 3, 2));
    assert_eq!(s.reading_minutes, 1);
    assert_eq!(s.target_progress(), Some(0.5));
    let harder = summary(
        &with_body(
            "Notwithstanding considerable institutional opposition, the administration \
             unilaterally implemented comprehensive organizational restructuring.",
        ),
        &settings,
    );
    assert!(harder.flesch_reading_ease.unwrap() < s.flesch_reading_ease.unwrap());
    assert!(harder.flesch_kincaid_grade.unwrap() > 12.0);
}

#[test]
fn syllable_estimate_is_right_for_common_words() {
    let cases = [
        ("the", 1),
        ("cat", 1),
        ("make", 1),
        ("makes", 1),
        ("bridge", 1),
        ("table", 2),
        ("little", 2),
        ("budget", 2),
        ("council", 2),
        ("city", 2),
        ("river", 2),
        ("jumped", 1),
        ("wanted", 2),
        ("needed", 2),
        ("changes", 2),
        ("houses", 2),
        ("boxes", 2),
        ("hospital", 3),
        ("election", 3),
        ("government", 3),
        ("family", 3),
        ("families", 3),
        ("beautiful", 3),
        ("video", 3),
        ("stadium", 3),
        ("actual", 3),
        ("official", 3),
        ("reopened", 3),
        ("people", 2),
        ("three", 1),
        ("year", 1),
        ("because", 2),
        ("estimated", 4),
        ("readability", 5),
        ("Council’s", 2),
        ("“Hello,”", 2),
        ("Київ", 2),
        ("місто", 2),
        ("2024", 4),
        ("7", 1),
    ];
    let wrong: Vec<_> = cases
        .iter()
        .filter(|(w, n)| syllables(w) != *n)
        .map(|(w, n)| format!("{w}: {} (want {n})", syllables(w)))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert_eq!(syllables("—"), 0);
}

// ---------------------------------------------------------------------------
// Sentences

#[test]
fn sentences_split_at_stops_not_at_abbreviations() {
    assert_eq!(
        sentences("Mr. Smith went to Washington. He said hi."),
        ["Mr. Smith went to Washington.", "He said hi."]
    );
    assert_eq!(
        sentences("Dr. Okafor met Gov. Lee on Nov. 23 at St. Mary’s."),
        ["Dr. Okafor met Gov. Lee on Nov. 23 at St. Mary’s."]
    );
    assert_eq!(
        sentences("J. K. Rowling wrote it. She smiled."),
        ["J. K. Rowling wrote it.", "She smiled."]
    );
    // A lone lower-case letter is a word, not an initial.
    assert_eq!(
        sentences("They fixed a. “About time,” he said."),
        ["They fixed a.", "“About time,” he said."]
    );
    assert_eq!(
        sentences("No. 3 was best. No one argued."),
        ["No. 3 was best.", "No one argued."]
    );
}

#[test]
fn us_ends_a_sentence_only_before_a_sentence_opener() {
    assert_eq!(
        sentences("The U.S. Senate voted. It passed."),
        ["The U.S. Senate voted.", "It passed."]
    );
    assert_eq!(
        sentences("He moved to the U.S. The move was hard."),
        ["He moved to the U.S.", "The move was hard."]
    );
    // At the end of a paragraph it always ends the sentence.
    assert_eq!(
        sentences("It happened in the U.S."),
        ["It happened in the U.S."]
    );
    assert_eq!(
        sentences("Acme Inc. But nobody came."),
        ["Acme Inc.", "But nobody came."]
    );
    assert_eq!(
        sentences("Acme Inc. Chairman Ray spoke."),
        ["Acme Inc. Chairman Ray spoke."]
    );
}

#[test]
fn sentences_keep_decimals_ellipses_dashes_and_quoted_speech() {
    assert_eq!(
        sentences("Growth was 2.4 percent. Prices rose 0.5%."),
        ["Growth was 2.4 percent.", "Prices rose 0.5%."]
    );
    assert_eq!(
        sentences("He paused... Then he left."),
        ["He paused...", "Then he left."]
    );
    assert_eq!(
        sentences("He paused … and then left."),
        ["He paused … and then left."]
    );
    assert_eq!(sentences("Wait… What?"), ["Wait…", "What?"]);
    assert_eq!(
        sentences("“It’s over.” Then he left."),
        ["“It’s over.”", "Then he left."]
    );
    assert_eq!(sentences("\"Stop.\" She did."), ["\"Stop.\"", "She did."]);
    assert_eq!(
        sentences("“Why?” he asked. Nobody knew."),
        ["“Why?” he asked.", "Nobody knew."]
    );
    assert_eq!(
        sentences("The bridge — finally — opened. Crowds came."),
        ["The bridge — finally — opened.", "Crowds came."]
    );
    assert_eq!(
        sentences("It opened 🌉. Crowds came! 🎉 People cheered."),
        ["It opened 🌉.", "Crowds came!", "🎉 People cheered."]
    );
    assert_eq!(
        sentences("Міст відкрили. Люди раділи."),
        ["Міст відкрили.", "Люди раділи."]
    );
    assert_eq!(
        sentences("«Досить», — сказав він. «Так»."),
        ["«Досить», — сказав він.", "«Так»."]
    );
    assert_eq!(
        sentences("Visit example.com today."),
        ["Visit example.com today."]
    );
    assert!(sentences("   ").is_empty());
}

#[test]
fn long_sentences_are_warnings_over_the_threshold() {
    let long = format!("{}end.", "word ".repeat(40));
    let short = format!("Short {}end.", "word ".repeat(29));
    let body = format!("{long} {short}");
    let f = one(&body, Rule::LongSentence);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(&body[f.range.clone()], long);
    assert!(f.message.contains("41 words"), "{}", f.message);
    // Abbreviations do not hide a long sentence by splitting it.
    let us = format!("The U.S. {}end.", "word ".repeat(34));
    assert_eq!(found(&us, Rule::LongSentence).len(), 1);
    // The threshold is a setting.
    let settings = CheckSettings {
        long_sentence_words: 50,
        ..CheckSettings::default()
    };
    assert!(
        check(&with_body(&body), &settings)
            .iter()
            .all(|f| f.rule != Rule::LongSentence)
    );
}

// ---------------------------------------------------------------------------
// Repeated words

#[test]
fn repeated_words_are_caught_whatever_the_case() {
    assert_eq!(
        found("He saw the the bridge.", Rule::RepeatedWord),
        ["the the"]
    );
    assert_eq!(
        found("The the bridge opened.", Rule::RepeatedWord),
        ["The the"]
    );
    assert_eq!(
        fixed("He saw the the bridge.", Rule::RepeatedWord),
        "He saw the bridge."
    );
    assert_eq!(
        fixed("in the the the end", Rule::RepeatedWord),
        "in the end"
    );
    assert_eq!(
        fixed("Він сказав що що міст", Rule::RepeatedWord),
        "Він сказав що міст"
    );
    // Across the editor's soft wrap: a long paragraph is one line.
    let long = format!(
        "{} and and {}",
        "one two ".repeat(40),
        "one two ".repeat(40)
    );
    assert_eq!(found(&long, Rule::RepeatedWord), ["and and"]);
}

#[test]
fn repeated_words_leave_alone_paragraph_breaks_punctuation_and_names() {
    for body in [
        "It ended with the\nthe next day began.",
        "He had had enough.",
        "He said that that was wrong.",
        "No, no, no.",
        "They flew to Bora Bora last week.",
        "Scores were 10 10 and 9.",
        "the — the",
        "“Go.” “Go.”",
    ] {
        assert!(found(body, Rule::RepeatedWord).is_empty(), "{body:?}");
    }
}

// ---------------------------------------------------------------------------
// Spacing

#[test]
fn double_spaces_collapse() {
    assert_eq!(fixed("The  bridge.", Rule::DoubleSpace), "The bridge.");
    assert_eq!(
        fixed("The bridge.   It", Rule::DoubleSpace),
        "The bridge. It"
    );
    assert_eq!(
        fixed("Міст —  відкрито.", Rule::DoubleSpace),
        "Міст — відкрито."
    );
    assert_eq!(
        fixed("It opened 🌉  today.", Rule::DoubleSpace),
        "It opened 🌉 today."
    );
    let f = one("a  b", Rule::DoubleSpace);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.fix.as_ref().unwrap().replacement, " ");
}

#[test]
fn double_spaces_leave_indentation_trailing_and_other_spaces_alone() {
    for body in [
        "  Indented paragraph.",
        "Trailing spaces.  ",
        "One space.\n\nTwo paragraphs.",
        "No-break\u{a0}\u{a0}spaces",
        "Tab\t\tseparated",
    ] {
        assert!(found(body, Rule::DoubleSpace).is_empty(), "{body:?}");
    }
    // Spaces before punctuation are the other rule's, reported once.
    let fields = with_body("word  , next");
    let rules: Vec<Rule> = run(&fields).into_iter().map(|f| f.rule).collect();
    assert_eq!(rules, [Rule::SpaceBeforePunctuation]);
}

#[test]
fn space_before_punctuation_is_removed() {
    for (body, want) in [
        ("word , next", "word, next"),
        ("end .", "end."),
        ("list ; more", "list; more"),
        ("note : this", "note: this"),
        ("wow !", "wow!"),
        ("why ?", "why?"),
        ("два  , три", "два, три"),
        ("“Quote” .", "“Quote”."),
    ] {
        assert_eq!(fixed(body, Rule::SpaceBeforePunctuation), want, "{body:?}");
    }
}

#[test]
fn space_before_punctuation_leaves_alone_decimals_ellipses_and_french_spaces() {
    for body in [
        "It costs .5 cents",
        "Built on .NET today",
        "He paused ... then left.",
        "He paused . . . then left.",
        "Smile :) please",
        "Bonjour\u{a0}!",
        "Quoi\u{202f}?",
        " . starts the line",
    ] {
        assert!(
            found(body, Rule::SpaceBeforePunctuation).is_empty(),
            "{body:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// Quotes

#[test]
fn smart_quotes_turn_quotes_and_apostrophes() {
    for (plain, smart) in [
        ("\"Hello,\" she said.", "“Hello,” she said."),
        ("It's the council's call.", "It’s the council’s call."),
        ("In the '90s", "In the ’90s"),
        ("rock 'n' roll", "rock ’n’ roll"),
        ("'Tis the season", "’Tis the season"),
        ("He said 'no' twice", "He said ‘no’ twice"),
        ("(\"x\")", "(“x”)"),
        ("the students' books", "the students’ books"),
        ("\"'Quoted' inside\"", "“‘Quoted’ inside”"),
        ("— \"Yes\"", "— “Yes”"),
        ("м'ясо і п'ять", "м’ясо і п’ять"),
        ("«Привіт», — сказав він.", "«Привіт», — сказав він."),
        ("„Так“", "„Так“"),
        ("He said \"", "He said ”"),
        ("🎉\"party\"", "🎉”party”"),
    ] {
        assert_eq!(smart_quotes(plain), smart, "{plain:?}");
        assert_eq!(smart_quotes(smart), smart, "idempotent on {smart:?}");
        assert_eq!(smart.chars().count(), plain.chars().count());
    }
}

#[test]
fn straight_quotes_are_reported_when_the_story_mostly_uses_curly_ones() {
    let body = "“The bridge,” she said, “is open.” It's the council’s call.";
    let f = one(body, Rule::StraightQuotes);
    assert_eq!(&body[f.range.clone()], "'");
    let fix = f.fix.as_ref().unwrap();
    assert_eq!(
        (fix.label.as_str(), fix.replacement.as_str()),
        ("Smart quotes", "’")
    );
    assert_eq!(
        fixed(body, Rule::StraightQuotes),
        "“The bridge,” she said, “is open.” It’s the council’s call."
    );
    // The headline counts towards the majority and is checked too.
    let fields = Fields {
        headline: "Mayor's \"plan\" passes".into(),
        body: "“Yes,” he said. “No,” she said. It’s done.".into(),
        ..Fields::default()
    };
    let in_headline = run(&fields)
        .into_iter()
        .filter(|f| f.rule == Rule::StraightQuotes && f.field == Field::Headline)
        .count();
    assert_eq!(in_headline, 3);
}

#[test]
fn straight_quotes_are_the_house_style_when_most_are_straight() {
    for body in [
        "\"The bridge,\" she said. It's open. The council’s call.",
        "\"Tie\" and “tie”",
        "No quotes at all.",
        // Cyrillic copy with guillemets and straight apostrophes: «» count for neither side.
        "«Міст відкрили», — сказав він. М'ясо й п'ять.",
    ] {
        assert!(found(body, Rule::StraightQuotes).is_empty(), "{body:?}");
    }
    // Cyrillic copy with curly apostrophes: a straight one is flagged, «» are left alone.
    let body = "«Міст відкрили», — сказав він. М’ясо, п’ять і пам'ять.";
    let f = one(body, Rule::StraightQuotes);
    assert_eq!(
        apply_fix(body, &f).unwrap(),
        "«Міст відкрили», — сказав він. М’ясо, п’ять і пам’ять."
    );
}

#[test]
fn fix_all_quotes_changes_only_printed_fields() {
    let mut fields = Fields {
        slug: "mayor's-plan".into(),
        headline: "Mayor's \"plan\"".into(),
        body: "It's \"done\".".into(),
        note: "Check 'this'".into(),
        ..Fields::default()
    };
    assert!(checks::fix_all_quotes(&mut fields));
    assert_eq!(fields.headline, "Mayor’s “plan”");
    assert_eq!(fields.body, "It’s “done”.");
    assert_eq!(fields.slug, "mayor's-plan");
    assert_eq!(fields.note, "Check 'this'");
    assert!(!checks::fix_all_quotes(&mut fields));
}

// ---------------------------------------------------------------------------
// Balance

#[test]
fn unbalanced_quotes_and_brackets_are_caught() {
    assert_eq!(
        found("He said (quietly that", Rule::UnbalancedBrackets),
        ["("]
    );
    assert_eq!(
        found("Then it closed) early", Rule::UnbalancedBrackets),
        [")"]
    );
    assert_eq!(
        found("A [note (inside] here)", Rule::UnbalancedBrackets),
        ["(", ")"]
    );
    assert_eq!(
        found("“Never closed, he said.", Rule::UnbalancedQuotes),
        ["“"]
    );
    assert_eq!(found("Closed only” here", Rule::UnbalancedQuotes), ["”"]);
    assert_eq!(found("«Не закрито", Rule::UnbalancedQuotes), ["«"]);
    assert_eq!(found("Закрито» тут", Rule::UnbalancedQuotes), ["»"]);
    let f = one("(open", Rule::UnbalancedBrackets);
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn balance_leaves_alone_pairs_lists_smileys_and_running_quotes() {
    for body in [
        "He said (quietly) that [sic] it was “fine” and «так».",
        "“He said ‘no’ twice,” she said.",
        "„Так“, — сказав він.",
        "«Він сказав: „Так“», — пишуть.",
        "1) First point\n2) Second point",
        "a) one\nb) two",
        "Nice :) and ;-)",
        // A quotation over several paragraphs: no closing quote until the last.
        "“The first paragraph of the quote.\n\n“The second one ends it.”",
        "It’s the ’90s’ style.",
    ] {
        let fields = with_body(body);
        let unbalanced: Vec<_> = run(&fields)
            .into_iter()
            .filter(|f| matches!(f.rule, Rule::UnbalancedQuotes | Rule::UnbalancedBrackets))
            .collect();
        assert!(unbalanced.is_empty(), "{body:?}: {unbalanced:#?}");
    }
}

// ---------------------------------------------------------------------------
// Duplicates and headings

#[test]
fn duplicated_paragraphs_and_sentences_are_caught() {
    let body = "The bridge reopened on Monday.\n\nCrowds came.\n\nThe bridge reopened on Monday.";
    let f = one(body, Rule::DuplicateParagraph);
    assert_eq!(f.range.start, body.rfind("The bridge").unwrap());
    assert!(f.message.contains("paragraph 1"), "{}", f.message);
    // Without blank lines between paragraphs too.
    assert_eq!(
        found(
            "One two three.\nFour.\nOne two three.",
            Rule::DuplicateParagraph
        )
        .len(),
        1
    );
    // The same sentence twice, inside other paragraphs.
    let body = "The council voted on Tuesday. It was close.\nLater, they met. \
                The council voted on Tuesday.";
    let f = one(body, Rule::DuplicateSentence);
    assert_eq!(f.range.start, body.rfind("The council").unwrap());
    assert_eq!(
        found(body, Rule::DuplicateSentence),
        ["The council voted on Tuesday."]
    );
    let body = "The vote was very close. The vote was very close.";
    assert_eq!(
        found(body, Rule::DuplicateSentence),
        ["The vote was very close."]
    );
}

#[test]
fn duplicates_leave_alone_short_lines_and_changed_text() {
    for body in [
        "* * *\nText here.\n* * *",
        "Yes.\nNo.\nYes.",
        "Q: Why?\nA: Because.\nQ: Why?",
        "The bridge reopened.\n\nthe bridge reopened.",
        "The bridge reopened on Monday.\n\nThe bridge reopened on Tuesday.",
    ] {
        assert!(found(body, Rule::DuplicateParagraph).is_empty(), "{body:?}");
        assert!(found(body, Rule::DuplicateSentence).is_empty(), "{body:?}");
    }
}

#[test]
fn headline_or_subhead_repeated_in_the_body() {
    let fields = Fields {
        headline: "Council passes budget".into(),
        subhead: "Vote was close".into(),
        body: "# Council Passes Budget\n\nThe council voted.\n**Vote was close**".into(),
        ..Fields::default()
    };
    let got: Vec<(Rule, &str)> = run(&fields)
        .iter()
        .filter(|f| {
            matches!(
                f.rule,
                Rule::HeadlineInBody | Rule::SubheadInBody | Rule::StrayHeading
            )
        })
        .map(|f| (f.rule, &fields.body[f.range.clone()]))
        .collect();
    assert_eq!(
        got,
        [
            (Rule::HeadlineInBody, "# Council Passes Budget"),
            (Rule::SubheadInBody, "**Vote was close**")
        ]
    );
    // Inside a sentence, or a one-word headline: left alone.
    let fields = Fields {
        headline: "Council passes budget".into(),
        subhead: "Budget".into(),
        body: "The council passes budget votes rarely.\nBudget".into(),
        ..Fields::default()
    };
    assert!(
        run(&fields)
            .iter()
            .all(|f| !matches!(f.rule, Rule::HeadlineInBody | Rule::SubheadInBody))
    );
}

#[test]
fn stray_headings_are_info() {
    for (body, want) in [
        ("Text.\n## Background\nMore text.", "## Background"),
        (
            "Text.\n**Reaction from the council**\nMore.",
            "**Reaction from the council**",
        ),
        (
            "Text.\nCouncil Votes on the Budget\nMore text.",
            "Council Votes on the Budget",
        ),
        (
            "Текст.\nМіст Відкрили Після Ремонту\nЩе.",
            "Міст Відкрили Після Ремонту",
        ),
    ] {
        let f = one(body, Rule::StrayHeading);
        assert_eq!(f.severity, Severity::Info);
        assert_eq!(&body[f.range], want, "{body:?}");
    }
    for body in [
        "The council voted on Tuesday.",
        "The council voted on Tuesday",
        "Yes",
        "What Now?",
        "Photo by Reuters.",
        "PORT ELLEN — The bridge reopened.",
        "“Quote Here,” she said.",
    ] {
        assert!(found(body, Rule::StrayHeading).is_empty(), "{body:?}");
    }
}

// ---------------------------------------------------------------------------
// Numbers

fn numbers(body: &str) -> Vec<String> {
    let settings = CheckSettings {
        spell_out_numbers: true,
        ..CheckSettings::default()
    };
    let fields = with_body(body);
    check(&fields, &settings)
        .into_iter()
        .filter(|f| f.rule == Rule::SpellOutNumber)
        .map(|f| apply_fix(&fields.body, &f).unwrap())
        .collect()
}

#[test]
fn spell_out_one_to_nine_is_off_by_default() {
    assert!(found("He saw 3 cars.", Rule::SpellOutNumber).is_empty());
    assert!(!CheckSettings::default().spell_out_numbers);
}

#[test]
fn spell_out_one_to_nine_when_on() {
    assert_eq!(numbers("He saw 3 cars."), ["He saw three cars."]);
    assert_eq!(numbers("3 cars crashed."), ["Three cars crashed."]);
    assert_eq!(
        numbers("It ended. 7 people left."),
        ["It ended. Seven people left."]
    );
    assert_eq!(
        numbers("In 2 weeks, 9 (nine) came"),
        [
            "In two weeks, 9 (nine) came",
            "In 2 weeks, nine (nine) came"
        ]
    );
    assert_eq!(
        numbers("«Вони бачили 5 машин»"),
        ["«Вони бачили five машин»"]
    );
}

#[test]
fn spell_out_leaves_alone_figures_that_stay_figures() {
    for body in [
        "Up 3% on the year.",
        "Up 3 percent.",
        "It grew 3.5 times.",
        "About 3,000 came.",
        "On Nov. 3 it opened.",
        "On 3 March it opened.",
        "No. 3 won.",
        "See page 3 for more.",
        "A 3-year-old boy.",
        "The boy is 3 years old.",
        "It cost $3 each.",
        "It is 3 km long.",
        "At 3 p.m. it closed.",
        "At 3:30 it closed.",
        "Apollo 9 flew.",
        "He came 3rd.",
        "It ended 3-2.",
        "Ages 3–5 only.",
        "1. First point",
        "There were 10 cars.",
        "Rated 0 stars.",
    ] {
        assert!(numbers(body).is_empty(), "{body:?}: {:?}", numbers(body));
    }
}

// ---------------------------------------------------------------------------
// Fixes, ordering, positions

#[test]
fn findings_are_sorted_by_field_order_then_position() {
    let fields = Fields {
        slug: "a-very-long-slug-for-this-story-indeed".into(),
        headline: "The  the headline".into(),
        byline: "By  Ann".into(),
        body: "Body  text and and more.\n\nIt ends ,".into(),
        ..Fields::default()
    };
    let all = run(&fields);
    let keys: Vec<(usize, usize)> = all
        .iter()
        .map(|f| {
            (
                Field::ALL.iter().position(|x| *x == f.field).unwrap(),
                f.range.start,
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(all.first().map(|f| f.field), Some(Field::Slug));
    assert_eq!(all.last().map(|f| f.field), Some(Field::Body));
}

#[test]
fn applying_every_fix_until_none_is_left_gives_clean_copy() {
    let mut fields = Fields {
        headline: "Mayor's plan  passes".into(),
        body: "“The the plan,” she said , “is  done.” It's final .\nКиїв  , «так» і м'ясо.".into(),
        ..Fields::default()
    };
    let mut rounds = 0;
    while let Some(f) = run(&fields).into_iter().find(|f| f.fix.is_some()) {
        assert!(checks::apply_fix_to(&mut fields, &f), "{f:?}");
        rounds += 1;
        assert!(rounds < 50, "fixes do not converge: {fields:?}");
    }
    assert_eq!(fields.headline, "Mayor’s plan passes");
    assert_eq!(
        fields.body,
        "“The plan,” she said, “is done.” It’s final.\nКиїв, «так» і м’ясо."
    );
}

#[test]
fn a_fix_for_changed_text_is_refused() {
    let f = one("a  b", Rule::DoubleSpace);
    assert_eq!(apply_fix("a", &f), None);
    assert_eq!(
        apply_fix(
            "aé",
            &Finding {
                range: 2..3,
                ..f.clone()
            }
        ),
        None
    );
}

#[test]
fn line_and_column_are_one_based_in_characters() {
    let text = "Київ\n“Two”  lines";
    assert_eq!(checks::line_column(text, 0), (1, 1));
    let at = text.find("  ").unwrap();
    assert_eq!(checks::line_column(text, at), (2, 6));
    assert_eq!(checks::line_column(text, 9999), (2, 13));
    assert_eq!(checks::line_column(text, 1), (1, 1));
}

#[test]
fn rule_and_field_keys_round_trip() {
    for rule in Rule::ALL {
        assert_eq!(Rule::from_key(rule.key()), Some(rule));
    }
    for field in Field::ALL {
        assert_eq!(Field::from_key(field.key()), Some(field));
    }
    assert_eq!(Field::from_key("nope"), None);
}

#[test]
fn settings_serialise_fields_as_keys() {
    let settings = CheckSettings::default();
    let text = ron::to_string(&settings).unwrap();
    assert!(text.contains("required:[\"headline\",\"body\"]"), "{text}");
    let back: CheckSettings = ron::from_str(&text).unwrap();
    assert_eq!(back, settings);
    let partial: CheckSettings =
        ron::from_str("(required: [\"byline\", \"bogus\"], spell_out_numbers: true)").unwrap();
    assert_eq!(partial.required, [Field::Byline]);
    assert!(partial.spell_out_numbers);
    assert_eq!(partial.long_sentence_words, 35);
}

// ---------------------------------------------------------------------------
// Dismissals

#[test]
fn dismissed_findings_stay_dismissed_across_other_edits() {
    let mut story = Story::with_fields(with_body("The  bridge opened. A  crowd came."));
    let all = checks::check_story(&story, &CheckSettings::default());
    assert_eq!(all.len(), 2);
    story
        .dismissed
        .push(checks::dismissal(&all[0], &story.fields));
    assert_eq!(story.dismissed[0].rule, "double-space");
    assert_eq!(story.dismissed[0].field, "body");
    assert_eq!(story.dismissed[0].text, "The  bridge");
    let left = checks::check_story(&story, &CheckSettings::default());
    assert_eq!(left.len(), 1);
    assert_eq!(&story.fields.body[left[0].range.clone()], "  ");
    assert!(left[0].range.start > 10);
    // An edit elsewhere keeps the decision; changing the text itself ends it.
    story.fields.body.insert_str(0, "Monday. ");
    assert_eq!(
        checks::check_story(&story, &CheckSettings::default()).len(),
        1
    );
    story.fields.body = story.fields.body.replace("The  bridge", "The  span");
    assert_eq!(
        checks::check_story(&story, &CheckSettings::default()).len(),
        2
    );
}

#[test]
fn dismissals_are_kept_in_the_story_file() {
    let mut story = Story::with_fields(with_body("A  b."));
    let plain = store::to_ron_string(&story);
    assert!(
        !plain.contains("dismissed"),
        "no key when there are none:\n{plain}"
    );
    let finding = checks::check_story(&story, &CheckSettings::default()).remove(0);
    story
        .dismissed
        .push(checks::dismissal(&finding, &story.fields));
    let text = store::to_ron_string(&story);
    assert!(text.contains("dismissed: ["), "{text}");
    assert!(text.contains("rule: \"double-space\""), "{text}");
    let back = store::from_ron_str(&text, Path::new("x.ron")).unwrap();
    assert_eq!(back, story);
    assert!(checks::check_story(&back, &CheckSettings::default()).is_empty());
    // A file written before dismissals existed reads as none.
    let old = store::from_ron_str(&plain, Path::new("x.ron")).unwrap();
    assert!(old.dismissed.is_empty());
}

#[test]
fn a_too_long_headline_is_dismissed_for_that_headline_only() {
    let mut story = Story::with_fields(Fields {
        headline: "x".repeat(70),
        body: "Body.".into(),
        ..Fields::default()
    });
    let f = checks::check_story(&story, &CheckSettings::default()).remove(0);
    assert_eq!(f.rule, Rule::HeadlineTooLong);
    story.dismissed.push(checks::dismissal(&f, &story.fields));
    assert!(checks::check_story(&story, &CheckSettings::default()).is_empty());
    story.fields.headline.push('y');
    assert_eq!(
        checks::check_story(&story, &CheckSettings::default()).len(),
        1
    );
    assert!(checks::is_dismissed(
        &f,
        &Fields {
            headline: "x".repeat(70),
            ..Fields::default()
        },
        &story.dismissed
    ));
    let _: &Dismissal = &story.dismissed[0];
}

// ---------------------------------------------------------------------------
// The command line

fn copydesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .output()
        .expect("the copydesk binary runs")
}

fn save(dir: &Path, name: &str, story: &Story) -> String {
    let path = dir.join(name);
    store::save(&path, story).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn cli_check_lists_findings_and_exits_1_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    let story = Story::with_fields(Fields {
        headline: format!("Київ {}", "x".repeat(65)),
        body: "First line.\nThe  bridge opened.".into(),
        ..Fields::default()
    });
    let path = save(dir.path(), "s.ron", &story);
    let out = copydesk(&["check", &path, "--no-spelling"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("headline:1:65: error: Headline is 70 characters, 6 over the 64 limit [headline-too-long]"),
        "{text}"
    );
    assert!(
        text.contains(
            "body:2:4: warning: Double space [double-space] (fix: Collapse to one space)"
        ),
        "{text}"
    );
    assert!(text.contains("1 error, 1 warning, 0 info"), "{text}");
    assert!(text.contains("Flesch reading ease"), "{text}");
}

#[test]
fn cli_check_json_and_exit_0_without_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut story = Story::with_fields(with_body("The  bridge opened. It  was late."));
    let first = checks::check_story(&story, &CheckSettings::default()).remove(0);
    story
        .dismissed
        .push(checks::dismissal(&first, &story.fields));
    let path = save(dir.path(), "s.ron", &story);
    let out = copydesk(&["check", &path, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["counts"]["warning"], 1);
    assert_eq!(json["counts"]["dismissed"], 1);
    let finding = &json["findings"][0];
    assert_eq!(finding["rule"], "double-space");
    assert_eq!(finding["field"], "body");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(1), Some(23))
    );
    assert_eq!(finding["severity"], "warning");
    assert_eq!(finding["fix"]["replacement"], " ");
    assert_eq!(json["summary"]["words"], 6);
}

#[test]
fn cli_check_exits_2_on_a_missing_file() {
    let out = copydesk(&["check", "/nonexistent/story.ron"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("/nonexistent/story.ron"), "{err}");
}

#[test]
fn cli_check_options_set_target_and_house_style() {
    let dir = tempfile::tempdir().unwrap();
    let story = Story::with_fields(with_body("He saw 3 cars."));
    let path = save(dir.path(), "s.ron", &story);
    let out = copydesk(&["check", &path, "--target", "100", "--spell-out-numbers"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("[spell-out-number]"), "{text}");
    assert!(text.contains("[word-target]"), "{text}");
}

// ---------------------------------------------------------------------------
// Properties

/// Pieces of copy that meet the rules' edge cases.
const PIECES: &[&str] = &[
    "the",
    "The",
    "the",
    " ",
    "  ",
    "   ",
    "\n",
    "\n\n",
    ".",
    ",",
    " ,",
    " .",
    "!",
    "?",
    ";",
    ":",
    "\"",
    "'",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "(",
    ")",
    "[",
    "]",
    "U.S.",
    "Mr.",
    "No.",
    "Nov.",
    "J.",
    "2.4",
    "3",
    "9",
    "10",
    "…",
    "...",
    "—",
    "–",
    "-",
    "🎉",
    "👩‍👩‍👧",
    "e\u{301}",
    "Київ",
    "м'ясо",
    "ї",
    "#",
    "# ",
    "**",
    "Title Case Line",
    "word",
    "Word",
    "\t",
    "\u{a0}",
    "é",
    "%",
    "$",
];

fn copy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|p| p.concat())
}

fn assert_sound(fields: &Fields, findings: &[Finding]) {
    for f in findings {
        let text = fields.get(f.field);
        assert!(
            f.range.start <= f.range.end && f.range.end <= text.len(),
            "{f:?}"
        );
        assert!(text.is_char_boundary(f.range.start), "{f:?} in {text:?}");
        assert!(text.is_char_boundary(f.range.end), "{f:?} in {text:?}");
        if f.fix.is_some() {
            let fixed = apply_fix(text, f).expect("a fix applies to the text it was found in");
            assert!(fixed.len() <= text.len() + 8);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn check_never_panics_and_ranges_are_on_char_boundaries(
        headline in copy(), body in copy(), byline in copy(), spell in any::<bool>(),
    ) {
        let fields = Fields {
            headline: copydesk::story::single_line(&headline),
            byline: copydesk::story::single_line(&byline),
            body,
            ..Fields::default()
        };
        let settings = CheckSettings {
            spell_out_numbers: spell,
            word_target: Some(10),
            ..CheckSettings::default()
        };
        let findings = check(&fields, &settings);
        assert_sound(&fields, &findings);
        let _ = summary(&fields, &settings);
        // Dismissing everything leaves nothing.
        let dismissed: Vec<Dismissal> =
            findings.iter().map(|f| checks::dismissal(f, &fields)).collect();
        prop_assert!(checks::active(findings, &fields, &dismissed).is_empty());
    }

    #[test]
    fn arbitrary_text_never_panics(body in ".{0,300}") {
        let fields = with_body(&body);
        let settings = CheckSettings { spell_out_numbers: true, ..CheckSettings::default() };
        assert_sound(&fields, &check(&fields, &settings));
        for r in sentence_ranges(&body.replace('\n', " ")) {
            prop_assert!(r.start < r.end);
        }
    }

    #[test]
    fn smart_quotes_is_idempotent_and_keeps_everything_else(text in copy()) {
        let once = smart_quotes(&text);
        prop_assert_eq!(smart_quotes(&once), once.clone());
        prop_assert_eq!(once.chars().count(), text.chars().count());
        prop_assert!(!once.contains(['"', '\'']));
        for (a, b) in text.chars().zip(once.chars()) {
            if a != '"' && a != '\'' {
                prop_assert_eq!(a, b);
            }
        }
    }

    #[test]
    fn each_quote_fix_agrees_with_smart_quotes(body in copy()) {
        // With the majority curly, every straight quote is a finding whose fix
        // is what smart_quotes makes of it.
        let fields = Fields {
            headline: "““““““““““““““““““““““““““““““““““““““““““““““““““““““““““““““".into(),
            body,
            ..Fields::default()
        };
        let mut fixed = fields.body.clone();
        let mut findings: Vec<Finding> = check(&fields, &CheckSettings::default())
            .into_iter()
            .filter(|f| f.rule == Rule::StraightQuotes && f.field == Field::Body)
            .collect();
        if copydesk::checks::quote_counts(&fields).1 > copydesk::checks::quote_counts(&fields).0 {
            findings.reverse();
            for f in &findings {
                fixed = apply_fix(&fixed, f).unwrap();
            }
            prop_assert_eq!(fixed, smart_quotes(&fields.body));
        }
    }
}
