//! Import of Markdown and plain text: the usual newsroom shapes, messy input
//! (CRLF, BOM, trailing spaces, smart quotes, Cyrillic, a repeated headline,
//! stray lines above the headline) and the rule that no word is lost.

use std::collections::BTreeMap;

use copydesk::export::{self, Format};
use copydesk::import::{ImportKind, Imported, import};
use copydesk::story::{Fields, Story};
use proptest::prelude::*;

/// Words as a multiset, ignoring Markdown punctuation: markup characters are
/// removed, then every run of letters and digits counts ("U.S." is "U" and
/// "S"), so `**Monday**,` and `Monday,` hold the same word. The wire's "Eds:" label is markup too: the importer files
/// what follows it as the editor's note, and the exporters write the label back.
fn words(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for token in text.split_whitespace() {
        let token = match token.get(..4) {
            Some(label) if label.eq_ignore_ascii_case("eds:") => &token[4..],
            _ => token,
        };
        // Markup characters go (so `a*b a*b`, which Markdown reads as
        // "a<em>b a</em>b", gives "ab ab" either way), then runs count.
        let token: String = token
            .chars()
            .filter(|c| !"*_`#>[]()\\!~|".contains(*c))
            .collect();
        for w in token.split(|c: char| !c.is_alphanumeric()) {
            if !w.is_empty() {
                *out.entry(w.to_owned()).or_insert(0) += 1;
            }
        }
    }
    out
}

fn all_fields(fields: &Fields) -> String {
    [
        &fields.slug,
        &fields.headline,
        &fields.subhead,
        &fields.byline,
        &fields.dateline,
        &fields.body,
        &fields.note,
    ]
    .map(String::as_str)
    .join("\n")
}

/// Every word of `input` is in the imported fields as often as in the input,
/// except that a headline repeated verbatim is left out. The only words the
/// fields may add are a dateline copied from the first paragraph and the
/// labels of listed link addresses.
fn assert_keeps_every_word(input: &str, got: &Imported) {
    let have = words(&all_fields(&got.fields));
    let want = words(input);
    // Repeats are recognised ignoring case.
    let headline: BTreeMap<String, usize> = words(&got.fields.headline.to_lowercase());
    for (word, &count) in &want {
        let found = have.get(word).copied().unwrap_or(0);
        let allowed_missing = if headline.contains_key(&word.to_lowercase()) {
            count - 1
        } else {
            0
        };
        assert!(
            found + allowed_missing >= count,
            "word {word:?}: {count} in the input, {found} imported\ninput:\n{input}\nfields: {:#?}\nreport: {:#?}",
            got.fields,
            got.report
        );
    }
    // Nothing invented either: extra words come only from the dateline copy.
    let dateline = words(&got.fields.dateline);
    for (word, &count) in &have {
        let in_input = want.get(word).copied().unwrap_or(0);
        assert!(
            count <= in_input + dateline.get(word).copied().unwrap_or(0)
                || ["Link", "Image"].contains(&word.as_str()),
            "word {word:?} appears {count} times, {in_input} in the input\nfields: {:#?}",
            got.fields
        );
    }
}

fn sample_fields() -> Fields {
    copydesk::sample_story().fields
}

#[test]
fn sample_story_round_trips_through_markdown_and_text() {
    let story = copydesk::sample_story();
    for (format, kind) in [
        (Format::Md, ImportKind::Markdown),
        (Format::Txt, ImportKind::PlainText),
    ] {
        let text = export::export(&story, format).unwrap();
        let got = import(&text, kind);
        assert_eq!(
            got.fields,
            sample_fields(),
            "{format}:\n{text}\n{:#?}",
            got.report
        );
    }
}

#[test]
fn report_says_what_was_recognised() {
    let text = export::export(&copydesk::sample_story(), Format::Md).unwrap();
    let got = import(&text, ImportKind::Markdown);
    let report = got.report.join("\n");
    for expected in [
        "line 1: slug (slug line): “harbour-footbridge”",
        "line 3: editor's note (Eds: note): “Check the £2.4m",
        "line 5: headline (heading): “Harbour footbridge reopens after two-year repair”",
        "line 7: subhead (heading under the headline): “Engineers replaced",
        "line 9: byline: “By Mira Holt and Олена Коваленко”",
        "line 11: dateline (dateline line): “PORT ELLEN, Nov. 23”",
        "body, 6 paragraphs (one per blank-line block)",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in\n{report}"
        );
    }
}

const MESSY_MD: &str = "\u{feff}Posted 23 Nov 2026 08:14  \r\n\
Share this article\r\n\
\r\n\
# Київ: “Міст” відкрито — bridge reopens   \r\n\
\r\n\
*Engineers replaced the deck’s oak planks*\r\n\
\r\n\
**By Олена Коваленко**  \r\n\
\r\n\
Київ: “Міст” відкрито — bridge reopens\r\n\
\r\n\
KYIV, Ukraine — The footbridge reopened on **Monday**, officials said.   \r\n\
\r\n\
“It’s _finally_ done,” said Тарас Шевченко, who crosses it daily.\r\n\
\r\n\
The repair cost 2.4 million hryvnias.   \r\n";

#[test]
fn messy_markdown() {
    let got = import(MESSY_MD, ImportKind::Markdown);
    let f = &got.fields;
    assert_eq!(f.headline, "Київ: “Міст” відкрито — bridge reopens");
    assert_eq!(f.subhead, "Engineers replaced the deck’s oak planks");
    assert_eq!(f.byline, "By Олена Коваленко");
    assert_eq!(f.dateline, "KYIV, Ukraine");
    assert_eq!(
        f.body,
        "KYIV, Ukraine — The footbridge reopened on Monday, officials said.\n\n\
         “It’s finally done,” said Тарас Шевченко, who crosses it daily.\n\n\
         The repair cost 2.4 million hryvnias."
    );
    // Stray lines above the headline are kept, in the editor's note.
    assert_eq!(f.note, "Posted 23 Nov 2026 08:14\nShare this article");
    let report = got.report.join("\n");
    assert!(report.contains("byte-order mark removed"), "{report}");
    assert!(report.contains("CRLF"), "{report}");
    assert!(
        report.contains("line 10: left out (headline repeated verbatim)"),
        "{report}"
    );
    assert!(report.contains("stray line above the headline"), "{report}");
    assert!(
        report
            .contains("line 12: dateline (dateline of the lede, which keeps it): “KYIV, Ukraine”"),
        "{report}"
    );
    assert_keeps_every_word(MESSY_MD, &got);
}

const MESSY_TXT: &str = "\u{feff}BC-EU--Ukraine-Bridge\r\n\
Updated: 08:14 GMT\r\n\
\r\n\
Київ: міст відкрито   \r\n\
By Олена Коваленко\r\n\
\r\n\
Київ: міст відкрито\r\n\
ISTANBUL (AP) — Ferries stopped on Monday as a storm crossed the Bosporus, the port said.  \r\n\
“We’ve never seen waves like this,” said captain Mehmet Yılmaz.\r\n\
Officials said services would resume on Tuesday.\r\n";

#[test]
fn messy_plain_text_with_single_line_paragraphs() {
    let got = import(MESSY_TXT, ImportKind::PlainText);
    let f = &got.fields;
    assert_eq!(f.slug, "BC-EU--Ukraine-Bridge");
    assert_eq!(f.headline, "Київ: міст відкрито");
    assert_eq!(f.byline, "By Олена Коваленко");
    assert_eq!(f.subhead, "");
    // The dateline without the agency credit; the lede keeps both.
    assert_eq!(f.dateline, "ISTANBUL");
    assert_eq!(
        f.body,
        "ISTANBUL (AP) — Ferries stopped on Monday as a storm crossed the Bosporus, the port said.\n\n\
         “We’ve never seen waves like this,” said captain Mehmet Yılmaz.\n\n\
         Officials said services would resume on Tuesday."
    );
    assert_eq!(f.note, "Updated: 08:14 GMT");
    let report = got.report.join("\n");
    assert!(report.contains("one per line"), "{report}");
    assert!(report.contains("headline repeated verbatim"), "{report}");
    assert_keeps_every_word(MESSY_TXT, &got);
}

#[test]
fn eds_lines_anywhere_in_the_header() {
    let text = "Bridge reopens\nEds: Moves with photos.\nBy Mira Holt\nKYIV — The bridge reopened.\nTraffic returned on Tuesday.\n";
    let got = import(text, ImportKind::PlainText);
    let f = &got.fields;
    assert_eq!(f.headline, "Bridge reopens");
    assert_eq!(f.note, "Moves with photos.");
    assert_eq!(f.byline, "By Mira Holt");
    assert_eq!(f.dateline, "KYIV");
    assert_eq!(
        f.body,
        "KYIV — The bridge reopened.\n\nTraffic returned on Tuesday."
    );
    assert_keeps_every_word(text, &got);
}

#[test]
fn hard_wrapped_plain_text_joins_lines() {
    let text = "Council approves budget\n\n\
        The city council approved the budget on\n\
        Tuesday after a long debate about the\n\
        harbour.\n\n\
        The vote was 7 to 2, with two members\n\
        absent.\n";
    let got = import(text, ImportKind::PlainText);
    assert_eq!(got.fields.headline, "Council approves budget");
    assert_eq!(
        got.fields.body,
        "The city council approved the budget on Tuesday after a long debate about the harbour.\n\n\
         The vote was 7 to 2, with two members absent."
    );
    assert!(got.report.join("\n").contains("one per blank-line block"));
    assert_keeps_every_word(text, &got);
}

#[test]
fn bold_headline_and_italic_subhead() {
    let text = "**Bridge reopens after repair**\n*Two years and £2.4m later*\n\nBy Mira Holt\n\nThe bridge reopened.\n";
    let got = import(text, ImportKind::Markdown);
    assert_eq!(got.fields.headline, "Bridge reopens after repair");
    assert_eq!(got.fields.subhead, "Two years and £2.4m later");
    assert_eq!(got.fields.byline, "By Mira Holt");
    assert_eq!(got.fields.body, "The bridge reopened.");
    assert!(got.report.join("\n").contains("headline (bold line)"));
}

#[test]
fn plain_text_subhead_under_headline() {
    let text = "Bridge reopens after repair\nTwo years and £2.4m later\n\nThe bridge reopened.\n";
    let got = import(text, ImportKind::PlainText);
    assert_eq!(got.fields.headline, "Bridge reopens after repair");
    assert_eq!(got.fields.subhead, "Two years and £2.4m later");
    assert_eq!(got.fields.body, "The bridge reopened.");

    // A full sentence under the headline is the lede, not a subhead.
    let text = "Bridge reopens\n\nThe bridge reopened on Monday.\n\nMore later.\n";
    let got = import(text, ImportKind::PlainText);
    assert_eq!(got.fields.subhead, "");
    assert_eq!(
        got.fields.body,
        "The bridge reopened on Monday.\n\nMore later."
    );
}

#[test]
fn markdown_extras_go_to_note_and_report() {
    let text = "# Headline\n\nSee [the minutes](https://council.example/minutes) and ![a photo](p.jpg).\n\n<div class=\"ad\">Advert</div>\n\n---\n\n- first point\n- second point\n\n1. one\n2. two\n\n> A quoted line\n\n    indented code\n";
    let got = import(text, ImportKind::Markdown);
    let f = &got.fields;
    assert_eq!(f.headline, "Headline");
    assert_eq!(
        f.body,
        "See the minutes and a photo.\n\n• first point\n\n• second point\n\n1. one\n\n2. two\n\nA quoted line\n\nindented code"
    );
    assert_eq!(
        f.note,
        "<div class=\"ad\">Advert</div>\nLink: the minutes → https://council.example/minutes\nImage: a photo → p.jpg"
    );
    let report = got.report.join("\n");
    for expected in [
        "editor's note (raw HTML)",
        "2 link or image addresses",
        "1 horizontal rule ignored",
        "4 list items",
        "1 block quote kept",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in\n{report}"
        );
    }
}

#[test]
fn hostile_markdown_stays_text() {
    let text = "# <script>alert(1)</script> & co\n\nBody with <b>tags</b> & &amp; entities.\n";
    let got = import(text, ImportKind::Markdown);
    assert_eq!(got.fields.headline, "alert(1) & co");
    assert_eq!(got.fields.body, "Body with tags & & entities.");
    assert!(got.report.join("\n").contains("inline HTML tags removed"));
}

#[test]
fn plain_text_is_literal() {
    let text = "# Not *markdown*\n\nA line with **stars** and <tags>.\n";
    let got = import(text, ImportKind::PlainText);
    assert_eq!(got.fields.headline, "# Not *markdown*");
    assert_eq!(got.fields.body, "A line with **stars** and <tags>.");
}

#[test]
fn empty_and_blank_input() {
    for text in ["", "   \n\n\t\n", "\u{feff}"] {
        for kind in ImportKind::ALL {
            let got = import(text, kind);
            assert!(got.fields.is_empty(), "{text:?}");
            assert!(!got.report.is_empty());
        }
    }
}

#[test]
fn kind_from_extension() {
    use std::path::Path;
    assert_eq!(
        ImportKind::from_path(Path::new("a/story.MD")),
        Some(ImportKind::Markdown)
    );
    assert_eq!(
        ImportKind::from_path(Path::new("wire.txt")),
        Some(ImportKind::PlainText)
    );
    assert_eq!(ImportKind::from_path(Path::new("story.docx")), None);
    assert_eq!(ImportKind::from_path(Path::new("README")), None);
}

// ---------------------------------------------------------------------------
// Properties

/// Words from a newsroom-ish alphabet, with Markdown emphasis sprinkled in.
fn md_word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z]{1,8}",
        1 => "[A-Z][a-z]{1,8}",
        1 => "[A-Z]{2,6},?",
        1 => "[а-яіїє]{1,8}",
        1 => prop::sample::select(vec![
            "“quoted”", "it’s", "—", "–", "U.S.", "10,000", "e-mail", "£2.4m", "🌉",
            "AT&T", "a*b", "snake_case", "#1", "50%", "(AP)", "By", "KYIV", "Eds:",
        ])
        .prop_map(str::to_owned),
        1 => "[a-z]{1,8}".prop_map(|w| format!("*{w}*")),
        1 => "[a-z]{1,8}".prop_map(|w| format!("**{w}**")),
        1 => "[a-z]{1,8}".prop_map(|w| format!("`{w}`")),
    ]
}

fn md_line() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", "", "", "# ", "## ", "- ", "> ", "1. "]),
        prop::collection::vec(md_word(), 1..12),
        prop::sample::select(vec!["", "", ".", "  ", "\r"]),
    )
        .prop_map(|(prefix, words, end)| format!("{prefix}{}{end}", words.join(" ")))
}

fn md_document() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (md_line(), prop::sample::select(vec!["\n", "\n\n", "\n\n"])),
        1..14,
    )
    .prop_map(|lines| lines.into_iter().map(|(l, sep)| l + sep).collect())
}

/// Ordinary story text: words, no leading or trailing spaces.
fn plain_field(max_words: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => "[a-z]{1,8}",
            1 => "[A-Z][a-z]{1,8}",
            1 => "[а-яії]{1,8}",
            1 => prop::sample::select(vec![
                "“quoted”", "it’s", "—", "U.S.", "10,000", "*", "_", "#", "<b>", "&amp;",
                "[x]", "1.", "-", "`", "\\", "🎉",
            ])
            .prop_map(str::to_owned),
        ],
        1..max_words,
    )
    .prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Markdown → story → Markdown keeps every word.
    #[test]
    fn markdown_story_markdown_keeps_every_word(doc in md_document()) {
        let first = import(&doc, ImportKind::Markdown);
        assert_keeps_every_word(&doc, &first);
        let story = Story::with_fields(first.fields.clone());
        let again = export::export(&story, Format::Md).unwrap();
        let second = import(&again, ImportKind::Markdown);
        // The second pass finds the same words as the first (plus, at most, a
        // dateline copied from a first paragraph that now reads as a lede).
        let w1 = words(&all_fields(&first.fields));
        let w2 = words(&all_fields(&second.fields));
        let copied = words(&second.fields.dateline);
        for (word, count) in &w1 {
            prop_assert!(w2.get(word).copied().unwrap_or(0) >= *count,
                "{word:?} lost in the second pass:\n{doc}\n---\n{again}\n{:#?}", second.report);
        }
        for (word, count) in &w2 {
            prop_assert!(*count <= w1.get(word).copied().unwrap_or(0) + copied.get(word).copied().unwrap_or(0),
                "{word:?} added in the second pass:\n{doc}\n---\n{again}\n{:#?}", second.report);
        }
        // And the Markdown written out holds every word of the story.
        let out = words(&again);
        for (word, count) in &w1 {
            prop_assert!(out.get(word).copied().unwrap_or(0) >= *count, "{word:?} lost in\n{again}");
        }
    }

    /// A story with the usual fields survives Markdown and plain text exactly.
    #[test]
    fn ordinary_story_round_trips(
        headline in plain_field(12),
        byline in "[A-Z][a-z]{1,8} [A-Z][a-z]{1,10}",
        paragraphs in prop::collection::vec(plain_field(40), 1..8),
        note in prop::collection::vec(plain_field(10), 1..4),
    ) {
        let fields = Fields {
            slug: "the-slug".into(),
            headline: format!("Bridge {headline}"),
            subhead: String::new(),
            byline: format!("By {byline}"),
            dateline: "KYIV, Ukraine".into(),
            body: paragraphs
                .iter()
                .map(|p| format!("Text {p}."))
                .collect::<Vec<_>>()
                .join("\n\n"),
            note: note
                .iter()
                .map(|line| format!("Check {line}"))
                .collect::<Vec<_>>()
                .join("\n"),
        };
        let story = Story::with_fields(fields.clone());
        let md = export::export(&story, Format::Md).unwrap();
        let back = import(&md, ImportKind::Markdown);
        prop_assert_eq!(&back.fields, &fields, "{}\n{:#?}", md, back.report);
        let txt = export::export(&story, Format::Txt).unwrap();
        let back = import(&txt, ImportKind::PlainText);
        prop_assert_eq!(&back.fields, &fields, "{}\n{:#?}", txt, back.report);
    }
}
