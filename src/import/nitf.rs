//! NITF 3.x (IPTC's News Industry Text Format) into pieces.
//!
//! Mapping, from the markup only: `hedline/hl1` → headline (else
//! `head/title`); the first `hl2` → subhead (dropped, and said so, when it
//! repeats the headline, as AP's "originalHeadline" does; further `hl2`s go
//! to the note); `body.head/byline` → byline (a `byttl` title goes to the
//! note); `dateline` → dateline; `docdata/du-key@key`, else a `meta` whose
//! name says keyword or slug (`anpa-keyword`) → slug; `ed-msg@info` →
//! editor's note (one line per line); `abstract` → note (flagged);
//! `body.content` → body paragraphs (see [`super::xml::paragraphs`]), a
//! `media` block's caption and credit → note;
//! `body.end` taglines → note. Everything else (identifiers, dates,
//! subjects) is metadata the story has no field for.

use super::pieces::{Piece, Role};
use super::xml::{self, Element, Mode, Node};

/// Pieces of a NITF document (already decoded to text).
pub fn read(text: &str) -> Result<Vec<Piece>, String> {
    let root = xml::parse(text, Mode::Xml)?;
    let nitf = root
        .child("nitf")
        .ok_or_else(|| match root.elements().next() {
            Some(other) => format!(
                "not a NITF or NewsML document: the root element is <{}>",
                other.name
            ),
            None => "not a NITF document: no root element".to_owned(),
        })?;
    Ok(pieces(nitf))
}

/// Pieces of a `<nitf>` element (also used for NITF inside NewsML).
pub fn pieces(nitf: &Element) -> Vec<Piece> {
    let mut out = Vec::new();
    let head = nitf.child("head");
    let body = nitf.child("body");
    let body_head = body.and_then(|b| b.child("body.head"));

    if let Some(slug) = head.and_then(slug_of) {
        out.push(slug);
    }

    let hedline = body_head.and_then(|h| h.child("hedline"));
    let hl1 = hedline.and_then(|h| h.child("hl1")).map(Element::text);
    let headline = match hl1.filter(|t| !t.is_empty()) {
        Some(text) => Some(Piece::new(text, Role::Headline, "<hl1>")),
        None => head
            .and_then(|h| h.child("title"))
            .map(Element::text)
            .filter(|t| !t.is_empty())
            .map(|t| Piece::new(t, Role::Headline, "<title> (no <hl1>)")),
    };
    let headline_text = headline.as_ref().map(|p| p.text.clone());
    out.extend(headline);
    if let Some(hedline) = hedline {
        for (i, hl2) in hedline.children_named("hl2").enumerate() {
            let text = hl2.text();
            if text.is_empty() {
                continue;
            }
            out.push(if Some(&text) == headline_text.as_ref() {
                Piece::new(text, Role::Dropped, "<hl2> repeats the headline")
            } else if i == 0 {
                Piece::new(text, Role::Subhead, "<hl2>")
            } else {
                Piece::new(text, Role::Note, "further <hl2>")
            });
        }
    }

    if let Some(body_head) = body_head {
        for byline in body_head.children_named("byline") {
            let text = byline.text_spaced(&["byttl"]);
            if !text.is_empty() {
                out.push(Piece::new(text, Role::Byline, "<byline>"));
            }
            for title in byline.children_named("byttl") {
                let text = title.text();
                if !text.is_empty() {
                    out.push(Piece::new(text, Role::Note, "<byttl> (byline title)"));
                }
            }
        }
        if let Some(dateline) = body_head.child("dateline") {
            let text = dateline.text_spaced(&[]);
            if !text.is_empty() {
                out.push(Piece::new(text, Role::Dateline, "<dateline>"));
            }
        }
        for abstract_ in body_head.children_named("abstract") {
            for para in xml::paragraphs(abstract_, &[]) {
                out.push(Piece::new(para, Role::Note, "<abstract> (summary)"));
            }
        }
    }

    if let Some(docdata) = head.and_then(|h| h.child("docdata")) {
        for msg in docdata.children_named("ed-msg") {
            let info = msg.attr("info").unwrap_or_default();
            for line in info.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
                out.push(Piece::new(line, Role::Note, "<ed-msg>"));
            }
        }
    }

    if let Some(content) = body.and_then(|b| b.child("body.content")) {
        body_content(content, &mut out);
    }
    if let Some(end) = body.and_then(|b| b.child("body.end")) {
        for para in xml::paragraphs(end, &[]) {
            out.push(Piece::new(para, Role::Note, "<body.end> (tagline)"));
        }
    }
    out
}

/// The paragraphs of `body.content` in order, with each `<media>` block's
/// caption and credit going to the editor's note where it stood (a caption is
/// not a paragraph of the story; nothing of it is dropped).
fn body_content(el: &Element, out: &mut Vec<Piece>) {
    for child in &el.children {
        match child {
            Node::Text(t) => {
                let text = xml::collapse(t);
                if !text.is_empty() {
                    out.push(Piece::new(text, Role::Body, "<body.content>"));
                }
            }
            Node::Element(e) if e.name == "media" => media(e, out),
            Node::Element(e) if e.name == "block" => body_content(e, out),
            Node::Element(e) => {
                for para in xml::paragraphs(e, &["media"]) {
                    out.push(Piece::new(para, Role::Body, "<body.content>"));
                }
                for inner in e.elements().filter(|m| m.name == "media") {
                    media(inner, out);
                }
            }
        }
    }
}

fn media(el: &Element, out: &mut Vec<Piece>) {
    for part in el.elements() {
        let what = match part.name.as_str() {
            "media-caption" => "caption",
            "media-producer" => "credit",
            _ => continue,
        };
        let text = part.text();
        if !text.is_empty() {
            out.push(Piece::new(
                text,
                Role::Note,
                format!("<media> {what} (from the body)"),
            ));
        }
    }
}

/// The slug: `docdata/du-key@key`, else a `<meta>` whose name says keyword
/// or slug (`anpa-keyword`, `slugline`, NTB's `NTBStikkord`).
fn slug_of(head: &Element) -> Option<Piece> {
    let du_key = head
        .child("docdata")
        .and_then(|d| d.child("du-key"))
        .and_then(|k| k.attr("key"))
        .map(str::trim)
        .filter(|k| !k.is_empty());
    if let Some(key) = du_key {
        return Some(Piece::new(key, Role::Slug, "<du-key>"));
    }
    head.children_named("meta").find_map(|meta| {
        let name = meta.attr("name")?.to_ascii_lowercase();
        let content = meta.attr("content")?.trim();
        let slugish =
            name.contains("keyword") || name.contains("slug") || name.contains("stikkord");
        (slugish && !content.is_empty())
            .then(|| Piece::new(content, Role::Slug, format!("<meta name=\"{name}\">")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::pieces::assemble;

    #[test]
    fn a_dateline_in_parts_reads_as_written() {
        let doc = r#"<nitf><body><body.head><hedline><hl1>H</hl1></hedline>
  <dateline><location>PORT ELLEN</location>, <story.date>Nov. 23</story.date></dateline>
  </body.head><body.content><p>Text.</p></body.content></body></nitf>"#;
        assert_eq!(
            assemble(&read(doc).unwrap()).dateline,
            "PORT ELLEN, Nov. 23"
        );
        let doc = r#"<nitf><body><body.head><hedline><hl1>H</hl1></hedline>
  <dateline><location>MIAMI</location><story.date>Nov. 23</story.date></dateline>
  </body.head><body.content><p>Text.</p></body.content></body></nitf>"#;
        assert_eq!(assemble(&read(doc).unwrap()).dateline, "MIAMI Nov. 23");
    }

    #[test]
    fn maps_the_markup() {
        let doc = r#"<?xml version="1.0" encoding="UTF-8"?>
<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">
 <head><title>T</title>
  <meta name="anpa-keyword" content="Storm-Miami"/>
  <docdata><ed-msg info="Eds: one&#10;two"/></docdata></head>
 <body><body.head>
  <hedline><hl1>Storm &amp; “surge” hit Miami</hl1><hl2>Thousands flee</hl2></hedline>
  <byline>By JANE DOE<byttl>AP Writer</byttl></byline>
  <dateline><location>MIAMI</location></dateline>
  <abstract><p>Summary here.</p></abstract>
 </body.head>
 <body.content><p>MIAMI (AP) — First <b>bold</b> para.</p><media><media-caption>Flood.</media-caption>
  <media-producer>AP Photo</media-producer></media><p>Second<br/>third.</p></body.content>
 <body.end><tagline>Copyright AP</tagline></body.end>
 </body></nitf>"#;
        let fields = assemble(&read(doc).unwrap());
        assert_eq!(fields.slug, "Storm-Miami");
        assert_eq!(fields.headline, "Storm & “surge” hit Miami");
        assert_eq!(fields.subhead, "Thousands flee");
        assert_eq!(fields.byline, "By JANE DOE");
        assert_eq!(fields.dateline, "MIAMI");
        assert_eq!(
            fields.body,
            "MIAMI (AP) — First bold para.\n\nSecond\n\nthird."
        );
        assert_eq!(
            fields.note,
            "AP Writer\nSummary here.\nEds: one\ntwo\nFlood.\nAP Photo\nCopyright AP"
        );
    }

    #[test]
    fn repeated_hl2_is_dropped_and_title_stands_in() {
        let doc = "<nitf><head><title>Only title</title></head><body><body.head><hedline>\
                   <hl2>Only title</hl2></hedline></body.head></body></nitf>";
        let pieces = read(doc).unwrap();
        assert_eq!(pieces[0].role, Role::Headline);
        assert_eq!(pieces[1].role, Role::Dropped);
        assert!(
            read("<rss/>")
                .unwrap_err()
                .contains("root element is <rss>")
        );
    }
}
