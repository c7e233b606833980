//! Standalone HTML export: one UTF-8 page with its own print-friendly CSS, no
//! scripts and no outside resources, readable on screen and on paper.
//!
//! Elements and text are written with quick-xml's event writer, so every field
//! is escaped (`<script>` in a headline shows as text). The markup is
//! XHTML-compatible HTML5: void elements are self-closed (`<meta … />`) and
//! nothing else is. Paragraphs keep their spaces as typed (`white-space:
//! pre-wrap`). The editor's note, when there is one, is shown in a marked box
//! above the headline, as wire services put "Eds:" notes above the story.

use crate::story::Fields;

use super::ExportError;
use super::xml::XmlOut;

/// The page's style sheet. Written as-is (it holds no `<` or `&`).
pub const CSS: &str = "
      :root { color-scheme: light; }
      body { margin: 0; background: #fff; color: #111;
        font: 1.0625rem/1.6 Georgia, 'Times New Roman', serif; }
      article { max-width: 38rem; margin: 2.5rem auto; padding: 0 1.25rem; }
      .slug { margin: 0 0 1rem; color: #555;
        font: 0.8rem/1.4 ui-monospace, Menlo, Consolas, monospace; }
      .note { margin: 0 0 1.5rem; padding: 0.5rem 0.75rem; border: 1px solid #b8860b;
        background: #fff8dc; font: 0.9rem/1.45 system-ui, sans-serif; }
      .note p { margin: 0.2rem 0; white-space: pre-wrap; }
      .note .label { font-weight: 600; }
      header { margin: 0 0 1.5rem; }
      h1 { margin: 0 0 0.5rem; font-size: 2rem; line-height: 1.2; }
      .subhead { margin: 0 0 0.75rem; color: #333; font-size: 1.2rem; line-height: 1.4; }
      .byline, .dateline { margin: 0; font: 0.9rem/1.5 system-ui, sans-serif; }
      .byline { font-weight: 600; }
      .dateline { color: #444; }
      .body p { margin: 0 0 1em; white-space: pre-wrap; overflow-wrap: break-word; }
      @media print {
        body { font-size: 11pt; }
        article { max-width: none; margin: 0; padding: 0; }
        .note { background: none; }
        h1, .subhead, header { break-after: avoid; }
        .body p { orphans: 3; widows: 3; }
      }
    ";

/// The HTML page for `fields` (already normalised).
pub fn export(fields: &Fields) -> Result<String, ExportError> {
    let mut html = XmlOut::new("HTML", fields.body.len() + fields.body.len() / 8 + 4096);
    html.raw("<!doctype html>\n");
    html.start("html", &[("lang", "en")])?;

    html.start("head", &[])?;
    html.empty("meta", &[("charset", "utf-8")])?;
    html.empty(
        "meta",
        &[
            ("name", "viewport"),
            ("content", "width=device-width, initial-scale=1"),
        ],
    )?;
    html.empty("meta", &[("name", "generator"), ("content", "Copydesk")])?;
    let title = [&fields.headline, &fields.slug]
        .into_iter()
        .map(|t| t.trim())
        .find(|t| !t.is_empty())
        .unwrap_or("Untitled story");
    html.text_element("title", &[], title)?;
    html.trusted_element("style", &[], CSS)?;
    html.end("head")?;

    html.start("body", &[])?;
    html.start("article", &[])?;
    if !fields.slug.trim().is_empty() {
        html.text_element("p", &[("class", "slug")], &fields.slug)?;
    }
    let note: Vec<&str> = super::paragraphs(&fields.note).collect();
    if !note.is_empty() {
        html.start(
            "aside",
            &[("class", "note"), ("aria-label", "Editor’s note")],
        )?;
        html.text_element("p", &[("class", "label")], "Editor’s note")?;
        for line in note {
            html.text_element("p", &[], line)?;
        }
        html.end("aside")?;
    }
    html.start("header", &[])?;
    html.text_element("h1", &[], &fields.headline)?;
    for (class, text) in [
        ("subhead", &fields.subhead),
        ("byline", &fields.byline),
        ("dateline", &fields.dateline),
    ] {
        if !text.trim().is_empty() {
            html.text_element("p", &[("class", class)], text)?;
        }
    }
    html.end("header")?;
    html.start("div", &[("class", "body")])?;
    for paragraph in super::paragraphs(&fields.body) {
        html.text_element("p", &[], paragraph)?;
    }
    html.end("div")?;
    html.end("article")?;
    html.end("body")?;

    html.end("html")?;
    html.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_needs_no_escaping() {
        assert!(!CSS.contains(['<', '&', '>']));
    }
}
