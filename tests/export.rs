//! Export: golden files per format for a fixed story, NITF and HTML parsed back
//! with quick-xml, ninjs parsed with serde_json, and hostile text that must stay
//! text in every format.
//!
//! Goldens live in `tests/golden/`; regenerate them with `UPDATE_GOLDEN=1 cargo
//! test --test export` and read the diff before committing it.

use std::path::PathBuf;

use copydesk::export::{self, Format, md};
use copydesk::import::{ImportKind, import};
use copydesk::story::{self, Draft, Fields, Status, Story};
use jiff::Timestamp;
use proptest::prelude::*;
use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::Value;

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// The story every golden file is made from: the bundled sample's text, plus a
/// paragraph full of characters that need escaping somewhere.
fn fixed_story() -> Story {
    let fields = Fields {
        slug: "harbour-footbridge".into(),
        headline: "Harbour footbridge reopens after two-year repair".into(),
        subhead: "Engineers replaced 140 oak planks and the 1911 iron railings; the café on the quay says trade is already back".into(),
        byline: "By Mira Holt and Олена Коваленко".into(),
        dateline: "PORT ELLEN, Nov. 23".into(),
        body: [
            "PORT ELLEN — The Victoria footbridge across the inner harbour reopened on Monday morning, two years after storm damage closed it.",
            "",
            "“We lost a third of our trade the winter it closed,” said owner Tomás Reyes. “This morning felt like the first day of summer.”",
            "",
            "The repair cost £2.4 million — about £600,000 more than the council’s first estimate.",
            "",
            "The contract went to Moss & Sons, whose bid was marked <confidential> and *final*; 3 < 4 > 2 [sic].",
            "",
            "Олена Коваленко, the structural engineer who led the work, said the new oak deck should last forty years. 🌉",
        ]
        .join("\n"),
        note: "Check the £2.4m figure against the council minutes.\nPhoto desk has pictures from 8am.".into(),
    };
    let mut first = fields.clone();
    first.headline = "Footbridge reopens".into();
    Story {
        id: "5b0f3c2e-8d1a-4c55-9e27-0a6f1d2b7c41".into(),
        created: ts("2026-11-23T07:42:00Z"),
        modified: ts("2026-11-23T09:15:00Z"),
        status: Status::Edited,
        fields: fields.clone(),
        drafts: vec![
            Draft {
                number: 1,
                saved: ts("2026-11-23T07:58:00Z"),
                label: Some("Filed".into()),
                fields: first,
                unknown: Default::default(),
            },
            Draft {
                number: 2,
                saved: ts("2026-11-23T09:15:00Z"),
                label: None,
                fields,
                unknown: Default::default(),
            },
        ],
        dismissed: Vec::new(),
        unknown: Default::default(),
        decisions: Vec::new(),
        proofing: Default::default(),
    }
}

fn golden_path(format: Format) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(if format.key() == format.extension() {
            format!("story.{}", format.extension())
        } else {
            format!("story.{}.{}", format.key(), format.extension())
        })
}

fn check_golden(format: Format) {
    let got = export::export(&fixed_story(), format).unwrap();
    let path = golden_path(format);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    assert_eq!(
        got,
        want,
        "{} differs from the golden file {} (UPDATE_GOLDEN=1 regenerates it)",
        format.label(),
        path.display()
    );
}

#[test]
fn golden_txt() {
    check_golden(Format::Txt);
}

#[test]
fn golden_md() {
    check_golden(Format::Md);
}

#[test]
fn golden_html() {
    check_golden(Format::Html);
}

#[test]
fn golden_nitf() {
    check_golden(Format::Nitf);
}

#[test]
fn golden_ninjs() {
    check_golden(Format::Ninjs);
}

// ---------------------------------------------------------------------------
// XML read back

/// One element of a parsed document: its path from the root, attributes
/// (unescaped) and text (unescaped, entity and character references resolved).
#[derive(Debug, Clone)]
struct Element {
    path: String,
    attrs: Vec<(String, String)>,
    text: String,
}

impl Element {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Parse XML (or our XHTML-style HTML) with quick-xml into a flat list of
/// elements in document order. Panics on anything malformed.
fn parse_xml(text: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<usize> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut out: Vec<Element> = Vec::new();
    let open =
        |e: &quick_xml::events::BytesStart<'_>, names: &mut Vec<String>, out: &mut Vec<Element>| {
            names.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
            let attrs = e
                .attributes()
                .map(|a| {
                    let a = a.expect("well-formed attribute");
                    (
                        String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                        // As an XML parser must: literal line breaks and tabs become
                        // spaces, character references stay what they stand for.
                        a.normalized_value(quick_xml::XmlVersion::default())
                            .expect("attribute value is well-formed")
                            .into_owned(),
                    )
                })
                .collect();
            out.push(Element {
                path: names.join("/"),
                attrs,
                text: String::new(),
            });
            out.len() - 1
        };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let i = open(&e, &mut names, &mut out);
                stack.push(i);
            }
            Event::Empty(e) => {
                open(&e, &mut names, &mut out);
                names.pop();
            }
            Event::End(_) => {
                stack.pop();
                names.pop();
            }
            Event::Text(t) => {
                if let Some(&i) = stack.last() {
                    out[i].text.push_str(&t.xml10_content().unwrap());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().expect("valid char ref") {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().unwrap();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .unwrap_or_else(|| panic!("unknown entity &{name};"))
                            .to_owned()
                    }
                };
                if let Some(&i) = stack.last() {
                    out[i].text.push_str(&resolved);
                }
            }
            Event::CData(c) => {
                if let Some(&i) = stack.last() {
                    out[i].text.push_str(&c.decode().unwrap());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements");
    out
}

fn find<'a>(elements: &'a [Element], path: &str) -> &'a Element {
    elements
        .iter()
        .find(|e| e.path == path)
        .unwrap_or_else(|| panic!("no <{path}> in {elements:#?}"))
}

fn all<'a>(elements: &'a [Element], path: &str) -> Vec<&'a Element> {
    elements.iter().filter(|e| e.path == path).collect()
}

fn paragraphs(body: &str) -> Vec<&str> {
    export::paragraphs(body).collect()
}

#[test]
fn nitf_has_the_nitf_structure() {
    let story = fixed_story();
    let text = export::export(&story, Format::Nitf).unwrap();
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nitf"));
    let xml = parse_xml(&text);
    let paths: Vec<&str> = xml.iter().map(|e| e.path.as_str()).collect();
    let expected_order = [
        "nitf",
        "nitf/head",
        "nitf/head/title",
        "nitf/head/docdata",
        "nitf/head/docdata/doc-id",
        "nitf/head/docdata/du-key",
        "nitf/head/docdata/date.issue",
        "nitf/head/docdata/ed-msg",
        "nitf/body",
        "nitf/body/body.head",
        "nitf/body/body.head/hedline",
        "nitf/body/body.head/hedline/hl1",
        "nitf/body/body.head/hedline/hl2",
        "nitf/body/body.head/byline",
        "nitf/body/body.head/dateline",
        "nitf/body/body.content",
    ];
    assert_eq!(&paths[..expected_order.len()], expected_order);
    assert_eq!(paths.last(), Some(&"nitf/body/body.end"));

    let f = &story.fields;
    assert_eq!(
        find(&xml, "nitf").attr("version"),
        Some("-//IPTC//DTD NITF 3.6//EN")
    );
    assert_eq!(find(&xml, "nitf/head/title").text, f.headline);
    assert_eq!(
        find(&xml, "nitf/head/docdata/doc-id").attr("id-string"),
        Some("urn:copydesk:story:5b0f3c2e-8d1a-4c55-9e27-0a6f1d2b7c41")
    );
    assert_eq!(
        find(&xml, "nitf/head/docdata/du-key").attr("key"),
        Some(f.slug.as_str())
    );
    assert_eq!(
        find(&xml, "nitf/head/docdata/date.issue").attr("norm"),
        Some("20261123T091500+0000")
    );
    assert_eq!(
        find(&xml, "nitf/head/docdata").attr("management-status"),
        Some("withheld")
    );
    // The note keeps its line break inside the attribute.
    assert_eq!(
        find(&xml, "nitf/head/docdata/ed-msg").attr("info"),
        Some(f.note.as_str())
    );
    assert_eq!(
        find(&xml, "nitf/body/body.head/hedline/hl1").text,
        f.headline
    );
    assert_eq!(
        find(&xml, "nitf/body/body.head/hedline/hl2").text,
        f.subhead
    );
    assert_eq!(find(&xml, "nitf/body/body.head/byline").text, f.byline);
    assert_eq!(find(&xml, "nitf/body/body.head/dateline").text, f.dateline);
    assert!(all(&xml, "nitf/body/body.head/abstract").is_empty());
    let ps: Vec<&str> = all(&xml, "nitf/body/body.content/p")
        .iter()
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(ps, paragraphs(&f.body));
    assert_eq!(ps.len(), 5);
}

#[test]
fn nitf_leaves_out_empty_fields_and_maps_status() {
    let mut story = Story::with_fields(Fields {
        headline: "Only a headline".into(),
        body: "One.".into(),
        ..Fields::default()
    });
    story.status = Status::Published;
    let xml = parse_xml(&export::export(&story, Format::Nitf).unwrap());
    for absent in [
        "nitf/head/docdata/du-key",
        "nitf/head/docdata/ed-msg",
        "nitf/body/body.head/hedline/hl2",
        "nitf/body/body.head/byline",
        "nitf/body/body.head/dateline",
    ] {
        assert!(all(&xml, absent).is_empty(), "{absent} should be absent");
    }
    assert_eq!(
        find(&xml, "nitf/head/docdata").attr("management-status"),
        Some("usable")
    );
    find(&xml, "nitf/body/body.end");
}

#[test]
fn html_is_a_standalone_page() {
    let story = fixed_story();
    let text = export::export(&story, Format::Html).unwrap();
    assert!(text.starts_with("<!doctype html>\n<html lang=\"en\">"));
    assert!(text.contains("<meta charset=\"utf-8\"/>"));
    assert!(text.contains("@media print"));
    assert!(!text.contains("<script"), "no scripts in the page");
    let html = parse_xml(&text);
    let f = &story.fields;
    assert_eq!(find(&html, "html/head/title").text, f.headline);
    assert_eq!(find(&html, "html/body/article/header/h1").text, f.headline);
    let ps: Vec<&str> = all(&html, "html/body/article/div/p")
        .iter()
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(ps, paragraphs(&f.body));
    let header: Vec<(Option<&str>, &str)> = all(&html, "html/body/article/header/p")
        .iter()
        .map(|e| (e.attr("class"), e.text.as_str()))
        .collect();
    assert_eq!(
        header,
        [
            (Some("subhead"), f.subhead.as_str()),
            (Some("byline"), f.byline.as_str()),
            (Some("dateline"), f.dateline.as_str()),
        ]
    );
    let note: Vec<&str> = all(&html, "html/body/article/aside/p")
        .iter()
        .skip(1)
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(note, f.note.lines().collect::<Vec<_>>());
}

#[test]
fn ninjs_has_required_fields_and_types() {
    let story = fixed_story();
    let text = export::export(&story, Format::Ninjs).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    let f = &story.fields;
    assert_eq!(
        json["uri"],
        "urn:copydesk:story:5b0f3c2e-8d1a-4c55-9e27-0a6f1d2b7c41"
    );
    assert_eq!(json["type"], "text");
    assert_eq!(json["version"], "2", "the current text is draft 2");
    assert_eq!(json["versioncreated"], "2026-11-23T09:15:00Z");
    assert_eq!(json["firstcreated"], "2026-11-23T07:42:00Z");
    json["versioncreated"]
        .as_str()
        .unwrap()
        .parse::<Timestamp>()
        .expect("versioncreated is an RFC 3339 timestamp");
    assert_eq!(json["pubstatus"], "withheld");
    assert_eq!(json["language"], "en");
    assert_eq!(json["slugline"], f.slug.as_str());
    assert_eq!(json["by"], f.byline.as_str());
    assert_eq!(json["located"], f.dateline.as_str());
    assert_eq!(json["ednote"], f.note.as_str());
    let headlines = json["headlines"].as_array().unwrap();
    assert_eq!(headlines.len(), 2);
    assert_eq!(headlines[0]["role"], "main");
    assert_eq!(headlines[0]["value"], f.headline.as_str());
    assert_eq!(headlines[1]["role"], "subhead");
    assert_eq!(headlines[1]["value"], f.subhead.as_str());
    let bodies = json["bodies"].as_array().unwrap();
    assert_eq!(bodies.len(), 1);
    let body = &bodies[0];
    assert_eq!(body["role"], "main");
    assert_eq!(body["contenttype"], "text/plain");
    assert_eq!(body["value"], f.body.as_str());
    assert!(body["charcount"].is_u64() && body["wordcount"].is_u64());
    assert_eq!(
        body["charcount"].as_u64(),
        Some(story::char_count(&f.body) as u64)
    );
    assert_eq!(
        body["wordcount"].as_u64(),
        Some(story::word_count(&f.body) as u64)
    );
}

#[test]
fn ninjs_status_and_version() {
    let mut story = fixed_story();
    story.status = Status::Published;
    story.fields.body.push_str("\n\nA late paragraph.");
    let json: Value =
        serde_json::from_str(&export::export(&story, Format::Ninjs).unwrap()).unwrap();
    assert_eq!(json["pubstatus"], "usable");
    assert_eq!(json["version"], "3", "unsaved text is the next draft");
    let mut empty = Story::new();
    empty.fields.headline = "Only this".into();
    let json: Value =
        serde_json::from_str(&export::export(&empty, Format::Ninjs).unwrap()).unwrap();
    assert_eq!(json["version"], "1");
    assert!(json.get("by").is_none() && json.get("ednote").is_none());
    assert_eq!(json["headlines"].as_array().unwrap().len(), 1);
    assert_eq!(json["bodies"][0]["wordcount"], 0);
}

// ---------------------------------------------------------------------------
// Hostile text

fn hostile_story() -> Story {
    Story::with_fields(Fields {
        slug: "x<y>&z\"'".into(),
        headline: "<script>alert(\"pwned\")</script> & ]]> ‘quotes’ “too”".into(),
        subhead: "]]> <![CDATA[ x ]]> &amp; &#x41; &lt;".into(),
        byline: "By O'Brien & \"Sons\" <b>".into(),
        dateline: "КИЇВ, <Україна>".into(),
        body: "<p>not a tag</p>\n\n  leading & trailing spaces  \n\u{1}bell\u{7} and ]]>\n\t<!-- comment -->\n🎉 *stars* _under_ `tick` [link](http://x) # hash"
            .into(),
        note: "line one & <two>\nline \"three\"\n\n\t tab".into(),
    })
}

#[test]
fn hostile_text_stays_text_in_xml_formats() {
    let story = hostile_story();
    let f = &story.fields;
    assert!(!f.body.contains('\u{1}'), "the text rule dropped controls");

    let nitf = parse_xml(&export::export(&story, Format::Nitf).unwrap());
    assert_eq!(find(&nitf, "nitf/head/title").text, f.headline);
    assert_eq!(
        find(&nitf, "nitf/body/body.head/hedline/hl1").text,
        f.headline
    );
    assert_eq!(
        find(&nitf, "nitf/body/body.head/hedline/hl2").text,
        f.subhead
    );
    assert_eq!(find(&nitf, "nitf/body/body.head/byline").text, f.byline);
    assert_eq!(find(&nitf, "nitf/body/body.head/dateline").text, f.dateline);
    assert_eq!(
        find(&nitf, "nitf/head/docdata/du-key").attr("key"),
        Some(f.slug.as_str())
    );
    assert_eq!(
        find(&nitf, "nitf/head/docdata/ed-msg").attr("info"),
        Some(f.note.as_str())
    );
    let ps: Vec<&str> = all(&nitf, "nitf/body/body.content/p")
        .iter()
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(ps, paragraphs(&f.body));

    let text = export::export(&story, Format::Html).unwrap();
    assert!(!text.contains("<script>"));
    let html = parse_xml(&text);
    assert_eq!(find(&html, "html/head/title").text, f.headline);
    assert_eq!(find(&html, "html/body/article/p").text, f.slug);
    let ps: Vec<&str> = all(&html, "html/body/article/div/p")
        .iter()
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(ps, paragraphs(&f.body));
}

#[test]
fn hostile_text_stays_text_in_json() {
    let story = hostile_story();
    let f = &story.fields;
    let json: Value =
        serde_json::from_str(&export::export(&story, Format::Ninjs).unwrap()).unwrap();
    assert_eq!(json["headlines"][0]["value"], f.headline.as_str());
    assert_eq!(json["headlines"][1]["value"], f.subhead.as_str());
    assert_eq!(json["by"], f.byline.as_str());
    assert_eq!(json["located"], f.dateline.as_str());
    assert_eq!(json["slugline"], f.slug.as_str());
    assert_eq!(json["ednote"], f.note.as_str());
    assert_eq!(json["bodies"][0]["value"], f.body.as_str());
}

#[test]
fn hostile_text_round_trips_through_markdown() {
    let story = hostile_story();
    let f = &story.fields;
    let text = export::export(&story, Format::Md).unwrap();
    let back = import(&text, ImportKind::Markdown);
    assert_eq!(
        back.fields.headline, f.headline,
        "{text}\n{:#?}",
        back.report
    );
    assert_eq!(back.fields.subhead, f.subhead);
    assert_eq!(back.fields.byline, f.byline);
    assert_eq!(back.fields.slug, f.slug);
    let want: Vec<&str> = paragraphs(&f.body).into_iter().map(str::trim).collect();
    let got: Vec<&str> = paragraphs(&back.fields.body);
    assert_eq!(got, want, "{text}");
}

#[test]
fn plain_text_is_written_as_typed() {
    let story = hostile_story();
    let text = export::export(&story, Format::Txt).unwrap();
    for paragraph in paragraphs(&story.fields.body) {
        assert!(text.contains(&format!("{paragraph}\n")), "{paragraph:?}");
    }
    assert!(text.contains(&story.fields.headline));
}

#[test]
fn every_format_ends_with_one_newline() {
    for format in Format::ALL {
        for story in [fixed_story(), Story::new(), hostile_story()] {
            let text = export::export(&story, format).unwrap();
            assert!(text.ends_with('\n'), "{format}");
            assert!(!text.ends_with("\n\n"), "{format}: {text:?}");
        }
    }
}

/// Text that survives the story's text rule unchanged and is not blank: any
/// characters except controls other than tab.
fn field_text(multiline: bool) -> impl Strategy<Value = String> {
    let chars = if multiline {
        "[^\\p{Cc}]|\n|\t"
    } else {
        "[^\\p{Cc}]|\t"
    };
    proptest::collection::vec(proptest::string::string_regex(chars).unwrap(), 0..40)
        .prop_map(|v| v.concat())
}

fn arbitrary_fields() -> impl Strategy<Value = Fields> {
    (
        field_text(false),
        field_text(false),
        field_text(false),
        field_text(true),
        field_text(true),
    )
        .prop_map(|(slug, headline, byline, body, note)| Fields {
            slug,
            headline,
            subhead: String::new(),
            byline,
            dateline: String::new(),
            body,
            note,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any text in any field: NITF, HTML and ninjs still parse and give every
    /// field back exactly.
    #[test]
    fn any_text_survives_xml_and_json(fields in arbitrary_fields()) {
        let story = Story::with_fields(fields);
        let f = &story.fields;
        // XML 1.0 cannot carry U+FFFE/U+FFFF: the exporter drops those two.
        let xml_safe = |s: &str| s.replace(['\u{FFFE}', '\u{FFFF}'], "");

        let nitf = parse_xml(&export::export(&story, Format::Nitf).unwrap());
        prop_assert_eq!(&find(&nitf, "nitf/body/body.head/hedline/hl1").text, &xml_safe(&f.headline));
        let ps: Vec<String> = all(&nitf, "nitf/body/body.content/p").iter().map(|e| e.text.clone()).collect();
        let want: Vec<String> = paragraphs(&f.body).into_iter().map(xml_safe).collect();
        prop_assert_eq!(&ps, &want);
        if !f.note.trim().is_empty() {
            let note = xml_safe(&f.note);
            prop_assert_eq!(find(&nitf, "nitf/head/docdata/ed-msg").attr("info"), Some(note.as_str()));
        }
        if !f.byline.trim().is_empty() {
            prop_assert_eq!(&find(&nitf, "nitf/body/body.head/byline").text, &xml_safe(&f.byline));
        }

        let html = parse_xml(&export::export(&story, Format::Html).unwrap());
        let ps: Vec<String> = all(&html, "html/body/article/div/p").iter().map(|e| e.text.clone()).collect();
        prop_assert_eq!(&ps, &want);

        let json: Value = serde_json::from_str(&export::export(&story, Format::Ninjs).unwrap()).unwrap();
        prop_assert_eq!(json["bodies"][0]["value"].as_str(), Some(f.body.as_str()));
        prop_assert_eq!(json["headlines"][0]["value"].as_str(), Some(f.headline.as_str()));
    }

    /// Markdown escaping: a paragraph read back by a CommonMark parser is the
    /// text typed (less the spaces at its ends).
    #[test]
    fn markdown_escaping_round_trips(text in field_text(false)) {
        let escaped = md::escape(&text, true);
        let mut back = String::new();
        for event in pulldown_cmark::Parser::new(&escaped) {
            match event {
                pulldown_cmark::Event::Text(t) => back.push_str(&t),
                pulldown_cmark::Event::SoftBreak | pulldown_cmark::Event::HardBreak => back.push('\n'),
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Paragraph)
                | pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Paragraph) => {}
                other => prop_assert!(false, "markup in escaped text {escaped:?}: {other:?}"),
            }
        }
        prop_assert_eq!(back.as_str(), text.trim(), "escaped: {:?}", escaped);
    }
}
