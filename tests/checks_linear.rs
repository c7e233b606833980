//! The linear-time parts of the checks (issue 11 item 4) give the same
//! answers as the simple definitions: `LineIndex` against `line_column` in any
//! order of queries, and the bracket and quote rule on inputs that used to
//! make it search the whole text again and again. (Speed is measured in
//! `benches/checks.rs`, `checks/pathological/*`.)

use copydesk::checks::{self, LineIndex, Rule};
use copydesk::story::Field;
use proptest::prelude::*;

proptest! {
    #[test]
    fn line_index_agrees_with_line_column(
        text in "[a-z \\n«»“”é👍]{0,80}",
        ats in proptest::collection::vec(0usize..100, 0..30),
    ) {
        let index = LineIndex::new(&text);
        for at in ats {
            prop_assert_eq!(index.line_column(at), checks::line_column(&text, at), "at {}", at);
        }
    }
}

#[test]
fn line_index_on_a_long_non_ascii_line() {
    let text = "«слово»  ".repeat(1000) + "\nкінець";
    let index = LineIndex::new(&text);
    for at in (0..text.len()).step_by(7).chain([text.len()]) {
        assert_eq!(
            index.line_column(at),
            checks::line_column(&text, at),
            "{at}"
        );
    }
    assert_eq!(index.line_column(text.len()), (2, 7));
}

#[test]
fn brackets_and_quotes_on_degenerate_input() {
    let count = |text: &str, rule: Rule| {
        checks::unbalanced(Field::Body, text)
            .iter()
            .filter(|f| f.rule == rule)
            .count()
    };
    // Every "(" open and every "]" unopened.
    let text = "(".repeat(500) + &"]".repeat(500);
    assert_eq!(count(&text, Rule::UnbalancedBrackets), 1000);
    // Balanced pairs: nothing.
    assert_eq!(count(&"(word) ".repeat(1000), Rule::UnbalancedBrackets), 0);
    // A quotation running over many paragraphs separated by blank lines.
    let text = "“Open\n\n\n\n“still open\n\n“closed”".to_owned();
    assert_eq!(count(&text, Rule::UnbalancedQuotes), 0);
    let text = "\n".repeat(1000) + "“never closed";
    assert_eq!(count(&text, Rule::UnbalancedQuotes), 1);
    // A list marker after long indentation is still a marker.
    let text = " ".repeat(100) + "1) first";
    assert_eq!(count(&text, Rule::UnbalancedBrackets), 0);
    // Many » with no « open.
    assert_eq!(count(&"»".repeat(300), Rule::UnbalancedQuotes), 300);
}

#[test]
fn dismissal_text_is_the_words_around_the_finding() {
    let fields = copydesk::story::Fields {
        body: "First line.\nThe  bridge reopened.".into(),
        ..Default::default()
    };
    let found = checks::double_spaces(Field::Body, &fields.body);
    assert_eq!(found.len(), 1);
    assert_eq!(checks::dismissal(&found[0], &fields).text, "The  bridge");
}
