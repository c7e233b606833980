//! A thin layer over quick-xml's event writer shared by the NITF and HTML
//! exporters: elements, attributes and text are written as quick-xml events, so
//! every `<`, `&`, quote and `]]>` in a story's text is escaped by the library,
//! and every character XML 1.0 forbids (C0 controls other than tab, newline and
//! carriage return; U+FFFE, U+FFFF) is dropped from every text and attribute
//! written here, whatever field it came from (the story id included).

use std::borrow::Cow;

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesEnd, BytesStart, BytesText};
use quick_xml::name::QName;

use super::{ExportError, xml_chars};

/// An indented XML (or XHTML-style HTML) document being written into memory.
pub(crate) struct XmlOut {
    writer: Writer<Vec<u8>>,
    format: &'static str,
}

impl XmlOut {
    pub(crate) fn new(format: &'static str, capacity: usize) -> Self {
        XmlOut {
            writer: Writer::new_with_indent(Vec::with_capacity(capacity), b' ', 2),
            format,
        }
    }

    fn err(&self, source: std::io::Error) -> ExportError {
        ExportError::Xml {
            format: self.format,
            source,
        }
    }

    /// Bytes written as they are (a prologue such as `<!doctype html>`).
    pub(crate) fn raw(&mut self, text: &str) {
        self.writer.get_mut().extend_from_slice(text.as_bytes());
    }

    pub(crate) fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> Result<(), ExportError> {
        let element = element(name, attrs);
        self.writer
            .write_event(quick_xml::events::Event::Start(element))
            .map_err(|e| self.err(e))
    }

    pub(crate) fn end(&mut self, name: &str) -> Result<(), ExportError> {
        self.writer
            .write_event(quick_xml::events::Event::End(BytesEnd::new(name)))
            .map_err(|e| self.err(e))
    }

    /// `<name attrs/>`.
    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> Result<(), ExportError> {
        let element = element(name, attrs);
        self.writer
            .write_event(quick_xml::events::Event::Empty(element))
            .map_err(|e| self.err(e))
    }

    /// `<name attrs>text</name>`, the text escaped by quick-xml.
    pub(crate) fn text_element(
        &mut self,
        name: &str,
        attrs: &[(&str, &str)],
        text: &str,
    ) -> Result<(), ExportError> {
        self.start(name, attrs)?;
        let text = xml_chars(text);
        self.writer
            .write_event(quick_xml::events::Event::Text(BytesText::new(&text)))
            .map_err(|e| self.err(e))?;
        self.end(name)
    }

    /// `<name attrs>text</name>` where `text` is trusted, already-escaped
    /// content (the exporter's own constant CSS).
    pub(crate) fn trusted_element(
        &mut self,
        name: &str,
        attrs: &[(&str, &str)],
        text: &str,
    ) -> Result<(), ExportError> {
        self.start(name, attrs)?;
        self.writer
            .write_event(quick_xml::events::Event::Text(BytesText::from_escaped(
                text,
            )))
            .map_err(|e| self.err(e))?;
        self.end(name)
    }

    /// The finished document, with a final newline.
    pub(crate) fn finish(self) -> Result<String, ExportError> {
        let format = self.format;
        let mut bytes = self.writer.into_inner();
        bytes.push(b'\n');
        String::from_utf8(bytes).map_err(|_| ExportError::NotUtf8 { format })
    }
}

fn element<'a>(name: &'a str, attrs: &[(&'a str, &'a str)]) -> BytesStart<'a> {
    let mut element = BytesStart::new(name);
    for (key, value) in attrs {
        element.push_attribute(Attribute {
            key: QName(key.as_bytes()),
            value: Cow::Owned(attribute_value(value).into_bytes()),
        });
    }
    element
}

/// An attribute value escaped by quick-xml, with tab, newline and carriage
/// return also written as character references: a parser would otherwise turn
/// them into spaces (attribute-value normalisation) and a multi-line editor's
/// note would lose its line breaks.
fn attribute_value(value: &str) -> String {
    let value = xml_chars(value);
    let escaped = quick_xml::escape::escape(value.as_ref());
    if !escaped.contains(['\n', '\t', '\r']) {
        return escaped.into_owned();
    }
    let mut out = String::with_capacity(escaped.len() + 16);
    for c in escaped.chars() {
        match c {
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_keeps_line_breaks() {
        assert_eq!(
            attribute_value("a \"b\" & <c>\nd\te"),
            "a &quot;b&quot; &amp; &lt;c&gt;&#10;d&#9;e"
        );
    }

    #[test]
    fn forbidden_characters_are_dropped() {
        assert_eq!(xml_chars("a\u{1b}[2Jb\u{7}\u{fffe}c\u{ffff}"), "a[2Jbc");
        assert_eq!(attribute_value("x\u{0}\u{b}y"), "xy");
        assert!(matches!(xml_chars("Київ — “ok” 🎉\t"), Cow::Borrowed(_)));
    }
}
