//! The shapes copy really arrives in — a CMS export with a standfirst above a
//! repeated bold headline, AP and Reuters wire text, web pages — each in
//! several variants (plain text and Markdown, single and double line breaks,
//! other agencies and places), landing in the right fields, with every line
//! accounted for in the pieces and the report.

use std::collections::BTreeMap;

use copydesk::import::{ImportKind, Imported, Role, import};

/// Runs of letters and digits, counted; an editor's-note label ("Eds:",
/// "EDITOR’S NOTE —") is markup: the note keeps what follows it.
fn words(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let lower = line.to_lowercase();
        let line = [
            "eds:",
            "editor’s note —",
            "editor's note:",
            "editor's note _",
        ]
        .iter()
        .find(|label| lower.starts_with(*label))
        .map_or(line, |label| &line[label.len()..]);
        for w in line.split(|c: char| !c.is_alphanumeric()) {
            if !w.is_empty() {
                *out.entry(w.to_owned()).or_insert(0) += 1;
            }
        }
    }
    out
}

/// Every word of the input is in some piece (dropped pieces included, so a
/// left-out line is still shown), every piece outside the body is in the
/// report, and every line of the report names a role.
fn assert_accounted(input: &str, got: &Imported) {
    let all: String = got
        .pieces
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let have = words(&all);
    for (word, count) in words(input) {
        let found = have.get(&word).copied().unwrap_or(0);
        assert!(
            found >= count,
            "{word:?}: {count} in the input, {found} in the pieces\n{input}\n{:#?}",
            got.pieces
        );
    }
    let report = got.report.join("\n");
    for piece in got.pieces.iter().filter(|p| p.role != Role::Body) {
        assert!(
            report.contains(&piece.describe()),
            "{piece:?} not in the report:\n{report}"
        );
    }
}

fn check(input: &str, kind: ImportKind) -> Imported {
    let got = import(input, kind);
    assert_accounted(input, &got);
    got
}

fn paragraphs(body: &str) -> Vec<&str> {
    body.split("\n\n").collect()
}

// ---- CMS export: standfirst above a repeated bold headline ------------------

const SUMMARY: &str = "Six weeks of talks ended on Tuesday night with a deal that keeps the ferry running through the winter and a promise of a new pier by 2028, island leaders said.";

fn cms_story(sep: &str) -> String {
    [
        format!("*{SUMMARY}*"),
        "**Ferry deal keeps island link open**".into(),
        "**Ferry deal keeps island link open**".into(),
        "*Council and operator split the cost of a winter timetable*".into(),
        "The island’s only ferry will keep sailing all winter after the council and the operator agreed to share the cost.".into(),
        "The deal, worth £1.2m, was signed late on Tuesday.".into(),
        "“It is the lifeline of this place,” said councillor Aileen MacLeod.".into(),
        "The operator had threatened to stop sailings in November.".into(),
        "Passenger numbers fell by a fifth during the pandemic and have not recovered.".into(),
        "A new pier is due to open in 2028.".into(),
    ]
    .join(sep)
}

fn assert_cms(got: &Imported) {
    let f = &got.fields;
    assert_eq!(
        f.headline, "Ferry deal keeps island link open",
        "{:#?}",
        got.report
    );
    assert_eq!(
        f.subhead,
        "Council and operator split the cost of a winter timetable"
    );
    assert_eq!(f.note, SUMMARY, "the summary goes to the editor's note");
    let body = paragraphs(&f.body);
    assert_eq!(body.len(), 6, "{body:#?}");
    assert!(body[0].starts_with("The island’s only ferry"));
    assert_eq!(body[5], "A new pier is due to open in 2028.");
    assert!(
        !f.body.contains("Ferry deal keeps"),
        "headline out of the body"
    );
    let summary = got
        .pieces
        .iter()
        .find(|p| p.text == SUMMARY)
        .expect("the summary is a piece");
    assert_eq!(summary.role, Role::Note);
    assert!(summary.is_flagged(), "{summary:?}");
    let report = got.report.join("\n");
    assert!(report.contains("summary above the headline"), "{report}");
    assert!(
        report.contains("left out (headline repeated verbatim)"),
        "{report}"
    );
}

#[test]
fn cms_export_single_line_breaks_markdown() {
    let text = cms_story("\n");
    let got = check(&text, ImportKind::Markdown);
    assert_cms(&got);
    assert!(got.report.join("\n").contains("one per line"));
}

#[test]
fn cms_export_double_line_breaks_markdown() {
    let got = check(&cms_story("\n\n"), ImportKind::Markdown);
    assert_cms(&got);
}

#[test]
fn cms_export_in_plain_text_with_emphasis_marks() {
    for sep in ["\n", "\n\n", "\r\n"] {
        let got = check(&cms_story(sep), ImportKind::PlainText);
        assert_cms(&got);
    }
}

#[test]
fn cms_export_with_underscores_and_a_heading() {
    let text = format!(
        "_{SUMMARY}_\n\n# Ferry deal keeps island link open\n\n## Council and operator split the cost of a winter timetable\n\n\
         The island’s only ferry will keep sailing all winter after the council and the operator agreed to share the cost.\n\n\
         The deal, worth £1.2m, was signed late on Tuesday.\n\n\
         “It is the lifeline of this place,” said councillor Aileen MacLeod.\n\n\
         The operator had threatened to stop sailings in November.\n\n\
         Passenger numbers fell by a fifth during the pandemic and have not recovered.\n\n\
         A new pier is due to open in 2028.\n"
    );
    let got = check(&text, ImportKind::Markdown);
    let f = &got.fields;
    assert_eq!(f.headline, "Ferry deal keeps island link open");
    assert_eq!(f.note, SUMMARY);
    assert_eq!(paragraphs(&f.body).len(), 6);
}

#[test]
fn cms_export_cyrillic_summary_short_body() {
    let text = "*Після шести тижнів переговорів сторони погодили угоду, яка зберігає поромне сполучення взимку.*\n\
                **Пором працюватиме всю зиму**\n\
                **Пором працюватиме всю зиму**\n\
                *Рада й оператор поділять витрати*\n\
                Угоду підписали у вівторок увечері.\n\
                «Це життєва артерія острова», — сказала депутатка.\n";
    let got = check(text, ImportKind::Markdown);
    let f = &got.fields;
    assert_eq!(f.headline, "Пором працюватиме всю зиму");
    assert_eq!(f.subhead, "Рада й оператор поділять витрати");
    assert!(f.note.starts_with("Після шести тижнів"));
    assert_eq!(
        f.body,
        "Угоду підписали у вівторок увечері.\n\n«Це життєва артерія острова», — сказала депутатка."
    );
}

// ---- AP-style wire text -------------------------------------------------------

const AP: &str = "BC-US--Storm-Damage,3rd Ld-Writethru
Storm tears roofs off homes across South Florida
Eds: Updates with power outage figures. With AP Photos.
By JANE DOE and SAM ROE
Associated Press
MIAMI (AP) — A fast-moving storm tore roofs off dozens of homes across South Florida on Tuesday, officials said.
More than 200,000 customers lost power, Florida Power & Light said.
“We heard a roar and then the ceiling was gone,” said resident Maria Lopez.
The National Weather Service said a tornado may have touched down near Hialeah.
Copyright 2026 The Associated Press. All rights reserved.
";

fn assert_ap(got: &Imported) {
    let f = &got.fields;
    assert_eq!(f.slug, "BC-US--Storm-Damage", "{:#?}", got.report);
    assert_eq!(
        f.headline,
        "Storm tears roofs off homes across South Florida"
    );
    assert_eq!(f.subhead, "");
    // The agency under the name is an agency line: the note keeps it.
    assert_eq!(f.byline, "By JANE DOE and SAM ROE");
    assert_eq!(f.dateline, "MIAMI");
    let body = paragraphs(&f.body);
    assert_eq!(body.len(), 4, "{body:#?}");
    assert!(
        body[0].starts_with("MIAMI (AP) — A fast-moving storm"),
        "the lede keeps its dateline: {}",
        body[0]
    );
    assert!(!f.body.contains("Associated Press"), "{}", f.body);
    assert!(!f.body.contains("Copyright"), "{}", f.body);
    for line in [
        "3rd Ld-Writethru",
        "Associated Press",
        "Updates with power outage figures. With AP Photos.",
        "Copyright 2026 The Associated Press. All rights reserved.",
    ] {
        assert!(
            f.note.contains(line),
            "{line:?} not in the note: {}",
            f.note
        );
    }
}

#[test]
fn ap_wire_single_line_breaks() {
    assert_ap(&check(AP, ImportKind::PlainText));
    assert_ap(&check(AP, ImportKind::Markdown));
}

#[test]
fn ap_wire_blank_lines_between_everything() {
    let spaced = AP.replace('\n', "\n\n");
    assert_ap(&check(&spaced, ImportKind::PlainText));
    assert_ap(&check(&spaced, ImportKind::Markdown));
}

#[test]
fn ap_wire_one_reporter_with_a_job_title_and_anpa_dash() {
    let text = "BC-EU--Ukraine-Bridge,1st Ld\n\
        Kyiv reopens bridge damaged in strike\n\
        By ОЛЕНА КОВАЛЕНКО\n\
        AP Science Writer\n\
        \n\
        KYIV, Ukraine (AP) _ Ukraine reopened a bridge over the Dnipro on Monday, two months after a missile strike.\n\
        \n\
        Traffic was limited to cars.\n";
    let got = check(text, ImportKind::PlainText);
    let f = &got.fields;
    assert_eq!(f.slug, "BC-EU--Ukraine-Bridge");
    assert_eq!(f.headline, "Kyiv reopens bridge damaged in strike");
    assert_eq!(f.byline, "By ОЛЕНА КОВАЛЕНКО, AP Science Writer");
    assert_eq!(f.dateline, "KYIV, Ukraine");
    assert_eq!(f.note, "1st Ld");
    assert!(f.body.starts_with("KYIV, Ukraine (AP) _ Ukraine reopened"));
    assert_eq!(paragraphs(&f.body).len(), 2);
}

#[test]
fn ap_wire_without_keyword_line_or_byline() {
    let text = "Wildfire forces evacuations near Athens\n\
        ATHENS, Greece (AP) — Firefighters battled a wildfire north of Athens on Sunday as strong winds pushed the flames toward homes.\n\
        Several villages were evacuated.\n\
        ___\n\
        Associated Press writer Derek Gatopoulos contributed.\n";
    let got = check(text, ImportKind::PlainText);
    let f = &got.fields;
    assert_eq!(f.headline, "Wildfire forces evacuations near Athens");
    assert_eq!(f.dateline, "ATHENS, Greece");
    assert_eq!(f.slug, "");
    assert!(f.body.starts_with("ATHENS, Greece (AP) — Firefighters"));
    assert!(
        f.body
            .contains("Associated Press writer Derek Gatopoulos contributed.")
    );
}

// ---- Reuters-style wire text --------------------------------------------------

const REUTERS: &str = "UPDATE 1-Rail strike halts trains across Britain
(Adds union statement in paragraph 6)
By Kate Holton
LONDON, March 3 (Reuters) - Train drivers across Britain walked out on Tuesday, halting most services in a dispute over pay.
Network Rail said only one in five trains would run.
The strike is the third this year.
Commuters crowded onto buses in London and Manchester.
Talks are due to resume on Friday.
“We have no choice,” the union said in a statement.
(Reporting by Kate Holton; Editing by Alex Richardson)
";

fn assert_reuters(got: &Imported) {
    let f = &got.fields;
    assert_eq!(
        f.headline, "Rail strike halts trains across Britain",
        "{:#?}",
        got.report
    );
    assert_eq!(f.subhead, "", "the update note is not the subhead");
    assert_eq!(f.byline, "By Kate Holton");
    assert_eq!(f.dateline, "LONDON, March 3");
    let body = paragraphs(&f.body);
    assert_eq!(body.len(), 6, "{body:#?}");
    assert!(body[0].starts_with("LONDON, March 3 (Reuters) - Train drivers"));
    assert!(!f.body.contains("Reporting by"), "{}", f.body);
    for line in [
        "UPDATE 1",
        "(Adds union statement in paragraph 6)",
        "(Reporting by Kate Holton; Editing by Alex Richardson)",
    ] {
        assert!(
            f.note.contains(line),
            "{line:?} not in the note: {}",
            f.note
        );
    }
}

#[test]
fn reuters_wire_single_and_double_line_breaks() {
    assert_reuters(&check(REUTERS, ImportKind::PlainText));
    assert_reuters(&check(
        &REUTERS.replace('\n', "\n\n"),
        ImportKind::PlainText,
    ));
    assert_reuters(&check(REUTERS, ImportKind::Markdown));
}

#[test]
fn reuters_wire_without_byline_chained_designator_and_country() {
    let text = "CORRECTED-UPDATE 2-Kenya raises fuel prices as shilling slides\n\
        (Corrects day in paragraph 2)\n\
        \n\
        NAIROBI, Kenya, Nov 23 (Reuters) - Kenya's energy regulator raised fuel prices on Saturday.\n\
        \n\
        The shilling has lost a tenth of its value this year.\n\
        \n\
        (Reporting by Duncan Miriri\n\
        Writing by George Obulutsa; Editing by Ed Osmond)\n";
    let got = check(text, ImportKind::PlainText);
    let f = &got.fields;
    assert_eq!(f.headline, "Kenya raises fuel prices as shilling slides");
    assert_eq!(f.dateline, "NAIROBI, Kenya, Nov 23");
    assert!(f.note.contains("CORRECTED-UPDATE 2"), "{}", f.note);
    assert!(f.note.contains("(Corrects day in paragraph 2)"));
    assert_eq!(paragraphs(&f.body).len(), 2, "{}", f.body);
    assert!(f.note.contains("Reporting by Duncan Miriri"), "{}", f.note);
}

#[test]
fn reuters_refile_with_blank_lines() {
    let text = "REFILE-Oil prices climb on supply worries\n\n\
        (Refiles to fix typo in headline)\n\n\
        By Ahmad Ghaddar\n\n\
        LONDON, Jan 5 (Reuters) - Oil prices rose on Monday.\n\n\
        Brent crude futures were up 1%.\n\n\
        (Reporting by Ahmad Ghaddar; Editing by Jan Harvey)\n";
    let got = check(text, ImportKind::Markdown);
    let f = &got.fields;
    assert_eq!(f.headline, "Oil prices climb on supply worries");
    assert_eq!(f.byline, "By Ahmad Ghaddar");
    assert_eq!(f.dateline, "LONDON, Jan 5");
    assert_eq!(
        f.body,
        "LONDON, Jan 5 (Reuters) - Oil prices rose on Monday.\n\nBrent crude futures were up 1%."
    );
    assert_eq!(
        f.note,
        "REFILE\n(Refiles to fix typo in headline)\n(Reporting by Ahmad Ghaddar; Editing by Jan Harvey)"
    );
}

// ---- Web copy -----------------------------------------------------------------

const WEB: &str = "Leeds tram plan approved after decade of delays
Ministers back £2bn line linking the city centre with Bradford
By Priya Shah
Updated 14 March 2026, 09:12
LEEDS — The government has approved a £2bn tram line for West Yorkshire, ending a decade of delays.
Work is due to start next year.
Photo: Leeds City Council
";

fn assert_web(got: &Imported) {
    let f = &got.fields;
    assert_eq!(
        f.headline, "Leeds tram plan approved after decade of delays",
        "{:#?}",
        got.report
    );
    assert_eq!(
        f.subhead,
        "Ministers back £2bn line linking the city centre with Bradford"
    );
    assert_eq!(f.byline, "By Priya Shah");
    assert_eq!(f.dateline, "LEEDS");
    assert_eq!(
        f.body,
        "LEEDS — The government has approved a £2bn tram line for West Yorkshire, ending a decade of delays.\n\nWork is due to start next year."
    );
    assert_eq!(
        f.note,
        "Updated 14 March 2026, 09:12\nPhoto: Leeds City Council"
    );
}

#[test]
fn web_copy_plain_and_markdown() {
    assert_web(&check(WEB, ImportKind::PlainText));
    assert_web(&check(&WEB.replace('\n', "\n\n"), ImportKind::PlainText));
    assert_web(&check(WEB, ImportKind::Markdown));
}

#[test]
fn web_copy_markdown_heading_and_published_line() {
    let text = "# Leeds tram plan approved after decade of delays\n\n\
        Ministers back £2bn line linking the city centre with Bradford\n\n\
        By Priya Shah\n\n\
        Published: 13 March 2026\n\n\
        Updated 14 March 2026, 09:12\n\n\
        LEEDS — The government has approved a £2bn tram line for West Yorkshire, ending a decade of delays.\n\n\
        Work is due to start next year.\n\n\
        © 2026 Yorkshire Daily. All rights reserved.\n";
    let got = check(text, ImportKind::Markdown);
    let f = &got.fields;
    assert_eq!(
        f.headline,
        "Leeds tram plan approved after decade of delays"
    );
    assert_eq!(
        f.subhead,
        "Ministers back £2bn line linking the city centre with Bradford"
    );
    assert_eq!(f.dateline, "LEEDS");
    assert_eq!(
        f.note,
        "Published: 13 March 2026\nUpdated 14 March 2026, 09:12\n© 2026 Yorkshire Daily. All rights reserved."
    );
    assert_eq!(paragraphs(&f.body).len(), 2);
}

#[test]
fn web_copy_without_deck_with_cyrillic_dateline() {
    let text = "Київ відкрив новий міст\n\
        Автор: Олена Коваленко\n\
        Оновлено 14 березня 2026, 09:12\n\
        КИЇВ — Новий міст через Дніпро відкрили в понеділок.\n\
        Рух поки обмежений.\n";
    let got = check(text, ImportKind::PlainText);
    let f = &got.fields;
    assert_eq!(f.headline, "Київ відкрив новий міст");
    assert_eq!(f.byline, "Автор: Олена Коваленко");
    assert_eq!(f.subhead, "");
    assert_eq!(f.note, "Оновлено 14 березня 2026, 09:12");
    assert_eq!(f.dateline, "КИЇВ");
    assert!(f.body.starts_with("КИЇВ — Новий міст"));
}

// ---- The report ---------------------------------------------------------------

#[test]
fn every_line_has_a_piece_with_a_role_and_a_reason() {
    for (text, kind) in [
        (AP, ImportKind::PlainText),
        (REUTERS, ImportKind::PlainText),
        (WEB, ImportKind::Markdown),
    ] {
        let got = import(text, kind);
        let lines: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, _)| i + 1)
            .collect();
        for n in lines {
            assert!(
                got.pieces.iter().any(|p| p.line == Some(n)),
                "line {n} has no piece:\n{text}\n{:#?}",
                got.pieces
            );
        }
        assert!(got.pieces.iter().all(|p| !p.why.is_empty()));
    }
}

// ---- More variants of each shape ----------------------------------------------

#[test]
fn cms_export_without_any_markup_repeated_headline_finds_it() {
    // Pasted from a CMS as plain text: emphasis lost, the repeat is the clue.
    let text = cms_story("\n").replace(['*'], "");
    let got = check(&text, ImportKind::PlainText);
    assert_cms(&got);
    let spaced = cms_story("\n\n").replace(['*'], "");
    assert_cms(&check(&spaced, ImportKind::PlainText));
}

#[test]
fn long_summary_sentence_above_a_plain_headline() {
    let text = format!(
        "{SUMMARY}\nFerry deal keeps island link open\n\nThe island’s only ferry will keep sailing all winter.\n\nThe deal was signed late on Tuesday.\n"
    );
    let got = check(&text, ImportKind::PlainText);
    let f = &got.fields;
    assert_eq!(f.headline, "Ferry deal keeps island link open");
    assert_eq!(f.note, SUMMARY);
    assert!(got.pieces.iter().any(|p| p.is_flagged()));
    assert_eq!(paragraphs(&f.body).len(), 2);
}

#[test]
fn ap_wire_with_editors_note_caption_and_end_mark() {
    let text = "AP-US-WILDFIRES\n\
        EDITOR’S NOTE — This story contains strong language.\n\
        Wildfires force thousands from homes in California\n\
        By SAM ROE and JANE DOE\n\
        The Associated Press\n\
        \n\
        LOS ANGELES (AP) — Wildfires driven by strong winds forced thousands of people from their homes on Wednesday.\n\
        \n\
        Firefighters said the blazes were out of control.\n\
        \n\
        (AP Photo/Noah Berger)\n\
        \n\
        (END)\n";
    let got = check(text, ImportKind::PlainText);
    let f = &got.fields;
    assert_eq!(f.slug, "AP-US-WILDFIRES");
    assert_eq!(
        f.headline,
        "Wildfires force thousands from homes in California"
    );
    assert_eq!(f.byline, "By SAM ROE and JANE DOE");
    assert_eq!(f.dateline, "LOS ANGELES");
    assert_eq!(
        f.note,
        "This story contains strong language.\nThe Associated Press\n(AP Photo/Noah Berger)\n(END)"
    );
    assert_eq!(paragraphs(&f.body).len(), 2);
}

#[test]
fn reuters_wire_with_repeat_designator_and_trust_trailer() {
    let text = "RPT-UPDATE 2-Rail strike halts trains across Britain\n\
        (Repeats with no changes to text)\n\
        By Kate Holton and Sarah Young\n\
        LONDON/MANCHESTER, March 3 (Reuters) - Train drivers walked out on Tuesday.\n\
        Commuters crowded onto buses.\n\
        (Reporting by Kate Holton in London and Sarah Young in Manchester; Editing by Alex Richardson)\n\
        Our Standards: The Thomson Reuters Trust Principles.\n";
    let got = check(text, ImportKind::PlainText);
    let f = &got.fields;
    assert_eq!(f.headline, "Rail strike halts trains across Britain");
    assert_eq!(f.byline, "By Kate Holton and Sarah Young");
    assert_eq!(f.dateline, "LONDON/MANCHESTER, March 3");
    assert_eq!(
        f.body,
        "LONDON/MANCHESTER, March 3 (Reuters) - Train drivers walked out on Tuesday.\n\nCommuters crowded onto buses."
    );
    assert_eq!(f.note.lines().count(), 4, "{}", f.note);
    assert!(f.note.starts_with("RPT-UPDATE 2\n"));
}

#[test]
fn web_copy_with_reading_time_job_title_and_guardian_timestamp() {
    let text = "Leeds tram plan approved after decade of delays\n\
        Ministers back £2bn line linking the city centre with Bradford. Work starts next year.\n\
        By Priya Shah\n\
        Transport Correspondent\n\
        Last modified on Thu 14 Mar 2026 09.12 GMT\n\
        5 min read\n\
        LEEDS — The government has approved a £2bn tram line for West Yorkshire.\n\
        Work is due to start next year.\n\
        Image: Leeds City Council\n";
    let got = check(text, ImportKind::PlainText);
    let f = &got.fields;
    assert_eq!(
        f.headline,
        "Leeds tram plan approved after decade of delays"
    );
    assert_eq!(
        f.subhead,
        "Ministers back £2bn line linking the city centre with Bradford. Work starts next year."
    );
    assert_eq!(f.byline, "By Priya Shah, Transport Correspondent");
    assert_eq!(f.dateline, "LEEDS");
    assert_eq!(
        f.note,
        "Last modified on Thu 14 Mar 2026 09.12 GMT\n5 min read\nImage: Leeds City Council"
    );
    assert_eq!(paragraphs(&f.body).len(), 2);
}

#[test]
fn agency_wire_with_version_lines_above_the_headline() {
    let text = "REFILE\n\
        2ND LEAD\n\
        Austria joins countries resisting migration pact\n\
        By dpa correspondents\n\
        \n\
        Vienna (dpa) - Austria will not sign a UN migration pact, the\n\
        government said on Wednesday, joining a growing number of countries\n\
        that reject it.\n\
        \n\
        The decision drew criticism.\n";
    let got = check(text, ImportKind::PlainText);
    let f = &got.fields;
    assert_eq!(
        f.headline,
        "Austria joins countries resisting migration pact"
    );
    assert_eq!(f.byline, "By dpa correspondents");
    assert_eq!(f.subhead, "");
    assert_eq!(f.dateline, "Vienna");
    assert_eq!(f.note, "REFILE\n2ND LEAD");
    // Hard-wrapped paragraphs are joined.
    assert_eq!(paragraphs(&f.body).len(), 2);
    assert!(
        f.body.starts_with(
            "Vienna (dpa) - Austria will not sign a UN migration pact, the government"
        )
    );
}

#[test]
fn anpa_style_editors_note_with_underscore_and_schedule_lines_stay_in_body() {
    let text = "BC-US--Farm-Grassland,1st Ld-Writethru,1140\n\
        Prairies shrink as farmers plant more corn\n\
        EDITOR'S NOTE _ This is part of a series on the costs of green energy.\n\
        By JACK ROE\n\
        Associated Press\n\
        \n\
        \tPIERRE, South Dakota (AP) _ Farmers ploughed up prairie as corn prices rose.\n\
        \n\
        \tGames on Sunday: Minnesota at Detroit, 1:08 p.m.\n";
    let got = check(text, ImportKind::PlainText);
    let f = &got.fields;
    assert_eq!(f.slug, "BC-US--Farm-Grassland");
    assert_eq!(f.headline, "Prairies shrink as farmers plant more corn");
    assert_eq!(f.subhead, "");
    assert_eq!(f.byline, "By JACK ROE");
    assert_eq!(f.dateline, "PIERRE, South Dakota");
    assert_eq!(
        f.note,
        "1st Ld-Writethru,1140\nThis is part of a series on the costs of green energy.\nAssociated Press"
    );
    assert!(
        f.body
            .ends_with("Games on Sunday: Minnesota at Detroit, 1:08 p.m.")
    );
}

#[test]
fn web_copy_with_the_timestamp_on_the_byline_line() {
    for byline_line in [
        "By Priya Shah | Updated 14 March 2026, 09:12",
        "By Priya Shah · 14 March 2026",
        "By Priya Shah, March 14, 2026",
    ] {
        let text = format!(
            "# Leeds tram plan approved\n\n{byline_line}\n\n\
             LEEDS — The government has approved a £2bn tram line.\n\n\
             Work is due to start next year.\n"
        );
        let got = check(&text, ImportKind::Markdown);
        let f = &got.fields;
        assert_eq!(f.byline, "By Priya Shah", "{byline_line}");
        assert!(f.note.contains("2026"), "{byline_line}: {}", f.note);
        assert_eq!(f.dateline, "LEEDS");
        assert_eq!(paragraphs(&f.body).len(), 2);
    }
}

// ---- Press releases: source and release-header lines, a wrapped headline ---

fn press_release(header: &str, head: &str) -> String {
    format!(
        "Source: Orkney Harbour Trust\n\
         {header}\n\
         {head}\n\
         \n\
         KIRKWALL, Scotland, March 3, 2026 /Harbour Newswire/ --\n\
         \n\
         The Orkney Harbour Trust today opened a new tidal berth at Hatston pier,\n\
         ending two years of building work that kept larger ferries at anchor in\n\
         the bay and sent cruise passengers ashore by tender in all weathers.\n\
         \n\
         The berth, built with help from the Scottish government, can take ships\n\
         of up to 300 metres and will be open to ferries from next week, the trust\n\
         said in a statement issued on Tuesday morning in Kirkwall, Orkney.\n\
         \n\
         Photo - https://example.org/media/hatston-berth.jpg\n\
         \n\
         SOURCE Orkney Harbour Trust\n"
    )
}

#[test]
fn press_release_with_source_header_and_a_headline_wrapped_over_two_lines() {
    let text = press_release(
        "MEDIA RELEASE HT2026-014",
        "Orkney Harbour Trust Opens Tidal Berth for Ferries and Cruise Ships After\n\
         Two-Year Rebuild",
    );
    let got = check(&text, ImportKind::PlainText);
    let f = &got.fields;
    assert_eq!(
        f.headline,
        "Orkney Harbour Trust Opens Tidal Berth for Ferries and Cruise Ships After Two-Year Rebuild"
    );
    assert_eq!(f.subhead, "");
    assert_eq!(f.dateline, "KIRKWALL, Scotland, March 3, 2026");
    assert_eq!(
        f.note,
        "Source: Orkney Harbour Trust\nMEDIA RELEASE HT2026-014\n/Harbour Newswire/\n\
         Photo - https://example.org/media/hatston-berth.jpg"
    );
    assert!(f.body.starts_with("The Orkney Harbour Trust today opened"));
    assert_eq!(paragraphs(&f.body).len(), 3);
}

#[test]
fn press_release_with_a_short_headline_keeps_its_deck_as_the_subhead() {
    // The headline is far shorter than the wrap width: the line under it
    // is a deck, not the rest of the headline.
    let text = press_release(
        "PRESS RELEASE",
        "Tidal berth opens at Hatston\nShips of up to 300 metres can now come alongside",
    );
    let got = check(&text, ImportKind::PlainText);
    let f = &got.fields;
    assert_eq!(f.headline, "Tidal berth opens at Hatston");
    assert_eq!(
        f.subhead,
        "Ships of up to 300 metres can now come alongside"
    );
    assert_eq!(f.dateline, "KIRKWALL, Scotland, March 3, 2026");
    assert!(
        f.note
            .starts_with("Source: Orkney Harbour Trust\nPRESS RELEASE")
    );
}

#[test]
fn a_lede_opening_with_a_dateline_is_never_the_subhead() {
    let text = "CRICKET: Sheffield Shield round 6 preview\n\
        HOBART, March 3 AAP - Preview of Sheffield Shield round 6 matches (all times AEDT):\n\
        \n\
        FRIDAY, March 6\n\
        Tasmania v Victoria at Bellerive Oval 10.30am\n\
        Tip: Tasmania by 40 runs\n";
    let got = check(text, ImportKind::PlainText);
    let f = &got.fields;
    assert_eq!(f.headline, "CRICKET: Sheffield Shield round 6 preview");
    assert_eq!(f.subhead, "");
    assert_eq!(f.dateline, "HOBART, March 3");
    assert!(
        f.body
            .starts_with("HOBART, March 3 AAP - Preview of Sheffield Shield"),
        "{}",
        f.body
    );
    assert!(f.body.contains("FRIDAY, March 6"));
}
