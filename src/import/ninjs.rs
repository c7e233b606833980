//! ninjs (IPTC's news in JSON), versions 1.x and 2.x, into pieces.
//!
//! Read with serde_json, whose recursion limit (128 levels) refuses deeply
//! nested input with an error instead of exhausting the stack.
//!
//! Mapping: 2.x `headlines` (role `main`, else the first → headline; a role
//! naming a sub-headline → subhead; others → note) or 1.x `headline`;
//! `slugline` → slug; `by` (2.x) or `byline` (1.x) → byline; `located` →
//! dateline; `ednote` → note; 2.x `descriptions` / 1.x `description_text` →
//! note (flagged as a summary); the body from 2.x `bodies` (role `main`, else
//! the first) or 1.x `body_html5`, `body_html`, `body_xhtml`, `body_text`:
//! HTML is read with the forgiving HTML mode of [`super::xml`] (a real
//! tokenizer), each block a paragraph; plain text makes a paragraph of every
//! non-blank line. Documents wrapped in an API envelope (`data.item`,
//! `item[…]`, `items[…]`) are unwrapped to the first text item.

use serde_json::Value;

use super::pieces::{Piece, Role};
use super::xml::{self, Mode};

/// Keys that make an object a news item rather than an envelope.
const CONTENT_KEYS: [&str; 8] = [
    "headlines",
    "headline",
    "bodies",
    "body_html",
    "body_html5",
    "body_text",
    "body_xhtml",
    "slugline",
];

/// Pieces of a ninjs document.
pub fn read(text: &str) -> Result<Vec<Piece>, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let item = news_item(&doc, 0)
        .ok_or("not a ninjs document: no headline, headlines, bodies or body_* in a JSON object")?;
    pieces(item)
}

/// The news item in `doc`: `doc` itself, or the first text item in an
/// envelope (`data`, `item`, `items`), looked for a few levels deep.
fn news_item(doc: &Value, depth: usize) -> Option<&Value> {
    let object = doc.as_object()?;
    if CONTENT_KEYS.iter().any(|k| object.contains_key(*k)) {
        return Some(doc);
    }
    if depth >= 3 {
        return None;
    }
    let mut candidates = Vec::new();
    for key in ["data", "item", "items"] {
        match object.get(key) {
            Some(Value::Array(list)) => candidates.extend(list.iter()),
            Some(value @ Value::Object(_)) => candidates.push(value),
            _ => {}
        }
    }
    let found: Vec<&Value> = candidates
        .into_iter()
        .filter_map(|c| news_item(c, depth + 1))
        .collect();
    found
        .iter()
        .find(|item| matches!(str_of(item, "type"), Some("text" | "story")))
        .or_else(|| found.first())
        .copied()
}

fn str_of<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// A string field, or the `name`/`value` of an object field (some feeds send
/// `located` as an object).
fn text_of(value: &Value, key: &str) -> Option<String> {
    let field = value.get(key)?;
    let text = match field {
        Value::String(s) => s.clone(),
        Value::Object(o) => o
            .get("name")
            .or_else(|| o.get("value"))
            .and_then(Value::as_str)?
            .to_owned(),
        _ => return None,
    };
    let text = xml::collapse(&text);
    (!text.is_empty()).then_some(text)
}

fn pieces(item: &Value) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    if let Some(slug) = text_of(item, "slugline") {
        out.push(Piece::new(slug, Role::Slug, "slugline"));
    }
    headlines(item, &mut out);
    if let Some(text) = text_of(item, "by") {
        out.push(Piece::new(text, Role::Byline, "by"));
    } else if let Some(text) = text_of(item, "byline") {
        out.push(Piece::new(text, Role::Byline, "byline"));
    }
    if let Some(text) = text_of(item, "located") {
        out.push(Piece::new(text, Role::Dateline, "located"));
    }
    if let Some(note) = str_of(item, "ednote") {
        for line in note.lines().map(str::trim).filter(|l| !l.is_empty()) {
            out.push(Piece::new(line, Role::Note, "ednote"));
        }
    }
    descriptions(item, &mut out);
    body(item, &mut out);
    Ok(out)
}

fn headlines(item: &Value, out: &mut Vec<Piece>) {
    if let Some(list) = item.get("headlines").and_then(Value::as_array) {
        let value = |h: &Value| str_of(h, "value").map(xml::collapse);
        let main = list
            .iter()
            .position(|h| str_of(h, "role") == Some("main"))
            .unwrap_or(0);
        let mut have_subhead = false;
        for (i, h) in list.iter().enumerate() {
            let Some(text) = value(h).filter(|t| !t.is_empty()) else {
                continue;
            };
            let role = str_of(h, "role").unwrap_or("");
            let lower = role.to_ascii_lowercase();
            out.push(if i == main {
                Piece::new(text, Role::Headline, "headlines (main)")
            } else if !have_subhead && lower.starts_with("sub") {
                have_subhead = true;
                Piece::new(text, Role::Subhead, format!("headlines ({role})"))
            } else {
                Piece::new(text, Role::Note, format!("headlines ({role})"))
            });
        }
    } else if let Some(text) = text_of(item, "headline") {
        out.push(Piece::new(text, Role::Headline, "headline"));
    }
}

fn descriptions(item: &Value, out: &mut Vec<Piece>) {
    if let Some(list) = item.get("descriptions").and_then(Value::as_array) {
        for d in list {
            let Some(value) = str_of(d, "value") else {
                continue;
            };
            let html = str_of(d, "contenttype").is_some_and(|c| c.contains("html"));
            for para in text_paragraphs(value, html) {
                out.push(Piece::new(para, Role::Note, "descriptions (summary)"));
            }
        }
    } else if let Some(value) = str_of(item, "description_text") {
        for para in text_paragraphs(value, false) {
            out.push(Piece::new(para, Role::Note, "description_text (summary)"));
        }
    } else if let Some(value) = str_of(item, "description_html") {
        for para in text_paragraphs(value, true) {
            out.push(Piece::new(para, Role::Note, "description_html (summary)"));
        }
    }
}

fn body(item: &Value, out: &mut Vec<Piece>) {
    if let Some(list) = item.get("bodies").and_then(Value::as_array) {
        let chosen = list
            .iter()
            .find(|b| str_of(b, "role") == Some("main"))
            .or_else(|| list.first());
        if let Some(b) = chosen
            && let Some(value) = str_of(b, "value")
        {
            let kind = str_of(b, "contenttype").unwrap_or("");
            let html = kind.contains("html") || kind.contains("xml") || looks_like_markup(value);
            for para in text_paragraphs(value, html) {
                out.push(Piece::new(para, Role::Body, "bodies"));
            }
        }
        return;
    }
    for (key, html) in [
        ("body_html5", true),
        ("body_html", true),
        ("body_xhtml", true),
        ("body_text", false),
    ] {
        if let Some(value) = str_of(item, key).filter(|v| !v.trim().is_empty()) {
            for para in text_paragraphs(value, html) {
                out.push(Piece::new(para, Role::Body, key));
            }
            return;
        }
    }
}

/// Whether plain-looking text is in fact HTML (starts with a tag).
fn looks_like_markup(value: &str) -> bool {
    let v = value.trim_start();
    v.starts_with('<') && v.contains('>')
}

/// Paragraphs of an HTML fragment (read with the HTML tokenizer) or of plain
/// text (every non-blank line).
pub(crate) fn text_paragraphs(value: &str, html: bool) -> Vec<String> {
    if html && let Ok(root) = xml::parse(value, Mode::Html) {
        return xml::paragraphs(&root, &[]);
    }
    value
        .split('\n')
        .map(xml::collapse)
        .filter(|l| !l.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::pieces::assemble;

    #[test]
    fn ninjs_2() {
        let doc = r#"{"uri":"x","headlines":[{"role":"main","value":"Main <b>head</b>"},
            {"role":"subhead","value":"Sub"}],"by":"Jane Doe","located":"KYIV",
            "slugline":"kyiv-bridge","ednote":"Check \"this\"\nand that",
            "descriptions":[{"role":"summary","value":"Short."}],
            "bodies":[{"role":"main","contenttype":"text/html",
            "value":"<p>One&nbsp;&amp; two</p><p>Три 🎉</p>"}]}"#;
        let f = assemble(&read(doc).unwrap());
        assert_eq!(f.headline, "Main <b>head</b>");
        assert_eq!(f.subhead, "Sub");
        assert_eq!(f.byline, "Jane Doe");
        assert_eq!(f.dateline, "KYIV");
        assert_eq!(f.slug, "kyiv-bridge");
        assert_eq!(f.note, "Check \"this\"\nand that\nShort.");
        assert_eq!(f.body, "One\u{a0}& two\n\nТри 🎉");
    }

    #[test]
    fn ninjs_1_in_an_envelope() {
        let doc = r#"{"total":1,"item":[{"type":"picture","headline":"Pic"},
            {"type":"text","headline":"Words","byline":"By X","body_text":"A\n\nB"}]}"#;
        let f = assemble(&read(doc).unwrap());
        assert_eq!(f.headline, "Words");
        assert_eq!(f.byline, "By X");
        assert_eq!(f.body, "A\n\nB");
        assert!(read("[1,2]").unwrap_err().contains("not a ninjs"));
        let deep = "[".repeat(10_000);
        assert!(read(&deep).unwrap_err().contains("recursion limit"));
    }
}
