//! NewsML-G2 text items (and NewsML 1.2 news items) into pieces.
//!
//! NewsML-G2: the first `newsItem` (alone or in a `newsMessage`);
//! `contentMeta/headline` → headline (a further headline whose role names a
//! sub-headline → subhead, others → note); `slugline` → slug; `by` → byline;
//! `dateline` → dateline; `creditline` and `description` → note (flagged);
//! `itemMeta/edNote` → note; the body from the first `contentSet/inlineXML`
//! (embedded NITF `body.content`, or an XHTML `body` without its
//! `header`/`footer`) or `inlineData` (plain text). Fields missing from
//! `contentMeta` are taken from an embedded NITF's own `body.head`.
//!
//! NewsML 1.2: `NewsLines` `HeadLine`, `SubHeadLine`, `ByLine`, `DateLine`,
//! `SlugLine` (and `CreditLine`/`CopyrightLine` → note); the body from the
//! first embedded NITF, else the first `DataContent`.

use super::nitf;
use super::pieces::{Piece, Role};
use super::xml::{self, Element, Mode};

/// Pieces of a NewsML document, and report lines about it. A message of
/// several items gives its first text item (the report says so).
pub fn read(text: &str) -> Result<(Vec<Piece>, Vec<String>), String> {
    let root = xml::parse(text, Mode::Xml)?;
    let items = all_named(&root, "newsItem");
    if !items.is_empty() {
        let text_item = items
            .iter()
            .position(|i| {
                i.path(&["itemMeta", "itemClass"])
                    .and_then(|c| c.attr("qcode"))
                    .is_some_and(|q| q.ends_with(":text"))
            })
            .unwrap_or(0);
        let mut report = Vec::new();
        if items.len() > 1 {
            report.push(format!(
                "the message holds {} news items: item {} (the first text item) imported",
                items.len(),
                text_item + 1
            ));
        }
        return Ok((g2(items[text_item]), report));
    }
    if let Some(item) = root.find("NewsItem") {
        return Ok((v1(item), Vec::new()));
    }
    // An excerpt (IPTC's listings show a lone contentMeta or contentSet).
    if root.find("contentMeta").is_some() || root.find("contentSet").is_some() {
        return Ok((g2(&root), Vec::new()));
    }
    Err("not a NewsML text item: no <newsItem> (NewsML-G2) or <NewsItem> (NewsML 1.2)".to_owned())
}

fn push_text(out: &mut Vec<Piece>, el: Option<&Element>, role: Role, why: &str) {
    if let Some(el) = el {
        let text = el.text();
        if !text.is_empty() {
            out.push(Piece::new(text, role, why));
        }
    }
}

fn g2(item: &Element) -> Vec<Piece> {
    let mut out = Vec::new();
    let meta = item
        .child("contentMeta")
        .or_else(|| item.find("contentMeta"));
    if let Some(meta) = meta {
        push_text(&mut out, meta.child("slugline"), Role::Slug, "<slugline>");
        let mut have_head = false;
        let mut have_sub = false;
        for h in meta.children_named("headline") {
            let text = h.text();
            if text.is_empty() {
                continue;
            }
            let role = h.attr("role").unwrap_or("").to_ascii_lowercase();
            let piece = if !have_head && !role.contains("sub") {
                have_head = true;
                Piece::new(text, Role::Headline, "<headline>")
            } else if !have_sub && role.contains("sub") {
                have_sub = true;
                Piece::new(text, Role::Subhead, "<headline> (sub-headline)")
            } else {
                Piece::new(text, Role::Note, "further <headline>")
            };
            out.push(piece);
        }
        for by in meta.children_named("by") {
            push_text(&mut out, Some(by), Role::Byline, "<by>");
        }
        push_text(
            &mut out,
            meta.child("dateline"),
            Role::Dateline,
            "<dateline>",
        );
        for credit in meta.children_named("creditline") {
            push_text(&mut out, Some(credit), Role::Note, "<creditline>");
        }
        for d in meta.children_named("description") {
            for para in xml::paragraphs(d, &[]) {
                out.push(Piece::new(para, Role::Note, "<description> (summary)"));
            }
        }
    }
    if let Some(item_meta) = item.child("itemMeta") {
        for note in item_meta.children_named("edNote") {
            push_text(&mut out, Some(note), Role::Note, "<edNote>");
        }
    }
    if let Some(set) = item.child("contentSet").or_else(|| item.find("contentSet")) {
        body(set, &mut out);
    }
    out
}

/// The body of a `contentSet`: the first inline content that has text.
fn body(set: &Element, out: &mut Vec<Piece>) {
    for content in set.elements() {
        let paragraphs = match content.name.as_str() {
            "inlineXML" => {
                if let Some(nitf) = content.find("nitf") {
                    let embedded = nitf::pieces(nitf);
                    merge_missing(out, embedded);
                    return;
                }
                let body = content.find("body").unwrap_or(content);
                xml::paragraphs(body, &["header", "footer"])
            }
            "inlineData" => plain_paragraphs(content),
            _ => continue,
        };
        if !paragraphs.is_empty() {
            for para in paragraphs {
                out.push(Piece::new(para, Role::Body, format!("<{}>", content.name)));
            }
            return;
        }
    }
}

/// Paragraphs of plain text held in an element: blank-line blocks, or every
/// line when the text has no blank lines. Text that is escaped HTML (`&lt;p&gt;…`,
/// or HTML in CDATA) is read as HTML.
fn plain_paragraphs(el: &Element) -> Vec<String> {
    let raw = el.text_raw();
    let trimmed = raw.trim_start();
    if trimmed.starts_with('<') && trimmed.contains('>') {
        return super::ninjs::text_paragraphs(&raw, true);
    }
    let raw = raw.replace("\r\n", "\n");
    let blocks: Vec<String> = if raw.contains("\n\n") {
        raw.split("\n\n").map(xml::collapse).collect()
    } else {
        raw.split('\n').map(xml::collapse).collect()
    };
    blocks.into_iter().filter(|b| !b.is_empty()).collect()
}

/// Add an embedded NITF's pieces: its body always; its head fields only
/// where the NewsML metadata gave none.
fn merge_missing(out: &mut Vec<Piece>, embedded: Vec<Piece>) {
    for piece in embedded {
        let single = matches!(
            piece.role,
            Role::Slug | Role::Headline | Role::Subhead | Role::Byline | Role::Dateline
        );
        if single && out.iter().any(|p| p.role == piece.role) {
            continue;
        }
        let why = format!("embedded NITF {}", piece.why);
        out.push(Piece { why, ..piece });
    }
}

fn v1(item: &Element) -> Vec<Piece> {
    let mut out = Vec::new();
    // The first NewsLines that holds a headline (an item may open with an
    // empty one for the whole package).
    let lines = all_named(item, "NewsLines")
        .into_iter()
        .find(|l| l.child("HeadLine").is_some_and(|h| !h.text().is_empty()))
        .or_else(|| item.find("NewsLines"));
    if let Some(lines) = lines {
        push_text(&mut out, lines.child("SlugLine"), Role::Slug, "<SlugLine>");
        push_text(
            &mut out,
            lines.child("HeadLine"),
            Role::Headline,
            "<HeadLine>",
        );
        push_text(
            &mut out,
            lines.child("SubHeadLine"),
            Role::Subhead,
            "<SubHeadLine>",
        );
        push_text(&mut out, lines.child("ByLine"), Role::Byline, "<ByLine>");
        push_text(
            &mut out,
            lines.child("DateLine"),
            Role::Dateline,
            "<DateLine>",
        );
        push_text(
            &mut out,
            lines.child("CreditLine"),
            Role::Note,
            "<CreditLine>",
        );
        push_text(
            &mut out,
            lines.child("CopyrightLine"),
            Role::Note,
            "<CopyrightLine>",
        );
    }
    if let Some(nitf) = item.find("nitf") {
        merge_missing(&mut out, nitf::pieces(nitf));
        return out;
    }
    // Components by role: the body from "Body"/"Main"; a "SubHeadLine"
    // component when NewsLines gave none; style sheets, logos and photos
    // are not copy.
    let components: Vec<(String, &Element)> = all_named(item, "NewsComponent")
        .into_iter()
        .filter_map(|c| {
            let data = c.child("ContentItem")?.child("DataContent")?;
            let role = c
                .child("Role")
                .and_then(|r| r.attr("FormalName"))
                .unwrap_or("")
                .to_ascii_lowercase();
            Some((role, data))
        })
        .collect();
    let paragraphs = |data: &Element| {
        if data.elements().next().is_some() {
            xml::paragraphs(data, &[])
        } else {
            plain_paragraphs(data)
        }
    };
    if !out.iter().any(|p| p.role == Role::Subhead)
        && let Some((_, data)) = components.iter().find(|(r, _)| r == "subheadline")
    {
        let text = xml::collapse(&paragraphs(data).join(" "));
        if !text.is_empty() {
            out.push(Piece::new(text, Role::Subhead, "SubHeadLine component"));
        }
    }
    let body = components
        .iter()
        .find(|(r, _)| matches!(r.as_str(), "body" | "main" | "text"))
        .or_else(|| {
            components.iter().find(|(r, _)| {
                !matches!(
                    r.as_str(),
                    "stylesheet"
                        | "logo"
                        | "photo"
                        | "picture"
                        | "caption"
                        | "subheadline"
                        | "headline"
                        | "contact"
                )
            })
        });
    if let Some((_, data)) = body {
        for para in paragraphs(data) {
            out.push(Piece::new(para, Role::Body, "<DataContent>"));
        }
    }
    out
}

/// Every element named `name` under `el`, in document order.
fn all_named<'a>(el: &'a Element, name: &str) -> Vec<&'a Element> {
    let mut found = Vec::new();
    fn walk<'a>(el: &'a Element, name: &str, found: &mut Vec<&'a Element>) {
        for child in el.elements() {
            if child.name == name {
                found.push(child);
            }
            walk(child, name, found);
        }
    }
    walk(el, name, &mut found);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::pieces::assemble;

    #[test]
    fn g2_text_item() {
        let doc = r#"<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/">
          <itemMeta><edNote>Embargo 10:00</edNote></itemMeta>
          <contentMeta><headline>Bridge reopens</headline><slugline>bridge</slugline>
            <by>Олена Коваленко</by><dateline>KYIV, Nov 23</dateline></contentMeta>
          <contentSet><inlineXML contenttype="application/xhtml+xml">
            <html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head>
            <body><header><h1>Bridge reopens</h1></header><p>First.</p><p>Second.</p></body></html>
          </inlineXML></contentSet></newsItem>"#;
        let f = assemble(&read(doc).unwrap().0);
        assert_eq!(f.headline, "Bridge reopens");
        assert_eq!(f.slug, "bridge");
        assert_eq!(f.byline, "Олена Коваленко");
        assert_eq!(f.dateline, "KYIV, Nov 23");
        assert_eq!(f.note, "Embargo 10:00");
        assert_eq!(f.body, "First.\n\nSecond.");
    }

    #[test]
    fn newsml_1_with_nitf() {
        let doc = "<NewsML><NewsItem><NewsComponent><NewsLines><HeadLine><![CDATA[Head]]></HeadLine>\
                   <SlugLine>S-1</SlugLine></NewsLines><ContentItem><DataContent><nitf><body>\
                   <body.head><hedline><hl1>Other</hl1></hedline><byline>By A</byline></body.head>\
                   <body.content><p>Para.</p></body.content></body></nitf></DataContent></ContentItem>\
                   </NewsComponent></NewsItem></NewsML>";
        let f = assemble(&read(doc).unwrap().0);
        assert_eq!(f.headline, "Head");
        assert_eq!(f.byline, "By A");
        assert_eq!(f.slug, "S-1");
        assert_eq!(f.body, "Para.");
    }
}
