//! A small, safe element tree read with quick-xml, shared by the NITF,
//! NewsML, Word and HTML-body readers.
//!
//! Safety rules (documented in the README): a DOCTYPE naming an external DTD
//! is ignored — the DTD is never fetched; a DOCTYPE with an internal subset
//! that declares entities is refused (that is where "billion laughs" and
//! external-entity attacks live); only the five predefined entities and
//! character references are resolved — any other entity reference is an
//! error (in HTML mode, HTML's named entities are resolved from a fixed
//! table). Nesting deeper than [`MAX_DEPTH`] and documents with more than
//! [`MAX_NODES`] nodes are refused, so no input can exhaust memory or stack.

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesStart, Event};

/// Deepest element nesting accepted.
pub const MAX_DEPTH: usize = 256;
/// Most elements and text nodes accepted in one document.
pub const MAX_NODES: usize = 2_000_000;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Element {
    /// The local name (namespace prefix removed).
    pub name: String,
    /// Attributes by local name, values unescaped.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// How strictly to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Well-formed XML.
    Xml,
    /// An HTML fragment (a ninjs `body_html`): end tags need not match,
    /// void elements need no end tag, HTML entities are known.
    Html,
}

/// HTML elements that never have content.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Parse `text` into a tree under a nameless root element. Errors are
/// messages for the user, with the byte offset where it went wrong.
pub fn parse(text: &str, mode: Mode) -> Result<Element, String> {
    let mut reader = Reader::from_str(text);
    {
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        if mode == Mode::Html {
            config.check_end_names = false;
            config.allow_unmatched_ends = true;
            config.allow_dangling_amp = true;
        }
    }
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut nodes = 0usize;
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| format!("not well-formed XML at byte {at}: {e}"))?;
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(format!("more than {MAX_NODES} XML nodes"));
        }
        match event {
            Event::Start(start) => {
                let element = open(&start, mode)?;
                if mode == Mode::Html && VOID.contains(&element.name.as_str()) {
                    push_child(&mut stack, Node::Element(element));
                    continue;
                }
                if stack.len() > MAX_DEPTH {
                    return Err(format!(
                        "elements nested more than {MAX_DEPTH} deep at byte {at}"
                    ));
                }
                stack.push(element);
            }
            Event::End(end) => {
                let name = local(end.local_name().as_ref());
                if mode == Mode::Html && VOID.contains(&name.as_str()) {
                    continue;
                }
                if mode == Mode::Html && !stack.iter().skip(1).any(|e| e.name == name) {
                    continue; // a stray end tag
                }
                // Close up to and including the element this end tag names
                // (in XML quick-xml has already checked it is the last one).
                while stack.len() > 1 {
                    let done = stack.pop().expect("stack has a root");
                    let matched = done.name == name;
                    push_child(&mut stack, Node::Element(done));
                    if matched {
                        break;
                    }
                }
            }
            Event::Empty(_) => unreachable!("expand_empty_elements is on"),
            Event::Text(t) => {
                let text = t
                    .xml10_content()
                    .map_err(|e| format!("bad text at byte {at}: {e}"))?;
                push_text(&mut stack, &text);
            }
            Event::CData(c) => {
                let text = c
                    .decode()
                    .map_err(|e| format!("bad CDATA at byte {at}: {e}"))?;
                push_text(&mut stack, &text);
            }
            Event::GeneralRef(r) => {
                let name = r
                    .decode()
                    .map_err(|e| format!("bad reference at byte {at}: {e}"))?;
                if let Some(c) = r
                    .resolve_char_ref()
                    .map_err(|e| format!("bad character reference at byte {at}: {e}"))?
                {
                    push_text(&mut stack, c.encode_utf8(&mut [0; 4]));
                } else if let Some(value) = resolve_entity(&name, mode) {
                    push_text(&mut stack, value);
                } else {
                    return Err(format!(
                        "undefined entity &{name}; at byte {at} (entities are never expanded)"
                    ));
                }
            }
            Event::DocType(doctype) => {
                let body = doctype.decode().unwrap_or_default();
                if body.contains("<!ENTITY") || body.contains('[') && body.contains("ENTITY") {
                    return Err(format!(
                        "the DOCTYPE at byte {at} declares entities; refused (entities are never \
                         expanded and external files never read)"
                    ));
                }
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    while stack.len() > 1 {
        if mode == Mode::Xml {
            return Err("the document ends inside an element".to_owned());
        }
        let done = stack.pop().expect("stack has a root");
        push_child(&mut stack, Node::Element(done));
    }
    Ok(stack.pop().expect("stack has a root"))
}

fn resolve_entity(name: &str, mode: Mode) -> Option<&'static str> {
    resolve_xml_entity(name).or_else(|| match mode {
        Mode::Html => quick_xml::escape::resolve_html5_entity(name),
        Mode::Xml => None,
    })
}

fn local(name: &[u8]) -> String {
    String::from_utf8_lossy(name).into_owned()
}

fn open(start: &BytesStart<'_>, mode: Mode) -> Result<Element, String> {
    let mut element = Element {
        name: local(start.local_name().as_ref()),
        ..Element::default()
    };
    if mode == Mode::Html {
        element.name.make_ascii_lowercase();
    }
    for attr in start.attributes().with_checks(mode == Mode::Xml) {
        let Ok(attr) = attr else {
            if mode == Mode::Xml {
                return Err(format!("bad attribute in <{}>", element.name));
            }
            continue;
        };
        let key = local(attr.key.local_name().as_ref());
        let value = match mode {
            Mode::Xml => attr
                .normalized_value_with(XmlVersion::Implicit1_0, 1, resolve_xml_entity)
                .map_err(|e| format!("bad attribute {key} in <{}>: {e}", element.name))?
                .into_owned(),
            Mode::Html => attr
                .normalized_value_with(XmlVersion::Implicit1_0, 1, |n| resolve_entity(n, mode))
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&attr.value).into_owned()),
        };
        element.attrs.push((key, value));
    }
    Ok(element)
}

fn push_child(stack: &mut [Element], node: Node) {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(node);
    }
}

fn push_text(stack: &mut [Element], text: &str) {
    let Some(parent) = stack.last_mut() else {
        return;
    };
    if let Some(Node::Text(last)) = parent.children.last_mut() {
        last.push_str(text);
    } else {
        parent.children.push(Node::Text(text.to_owned()));
    }
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// Child elements named `name`.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.name == name)
    }

    /// The first element named `name` at any depth (depth-first, document
    /// order), this element included.
    pub fn find(&self, name: &str) -> Option<&Element> {
        if self.name == name {
            return Some(self);
        }
        self.elements().find_map(|e| e.find(name))
    }

    /// Follow a path of child names: `el.path(&["head", "docdata"])`.
    pub fn path(&self, names: &[&str]) -> Option<&Element> {
        names.iter().try_fold(self, |el, name| el.child(name))
    }

    /// All the text inside, whitespace runs collapsed to one space, trimmed.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out, &[]);
        collapse(&out)
    }

    /// All the text inside with a space at every element boundary (for
    /// fields such as a byline made of `<person>`, `<byttl>` pieces),
    /// leaving out elements named in `skip`.
    pub fn text_spaced(&self, skip: &[&str]) -> String {
        fn walk(el: &Element, skip: &[&str], out: &mut String) {
            for child in &el.children {
                match child {
                    Node::Text(t) => out.push_str(t),
                    Node::Element(e) if skip.contains(&e.name.as_str()) => out.push('\n'),
                    Node::Element(e) => {
                        out.push('\n');
                        walk(e, skip, out);
                        out.push('\n');
                    }
                }
            }
        }
        let mut out = String::new();
        walk(self, skip, &mut out);
        // No space is made before punctuation that follows an element:
        // `<location>PORT ELLEN</location>, <story.date>…` reads
        // "PORT ELLEN, Nov. 23", not "PORT ELLEN , Nov. 23".
        let mut tidy = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(at) = rest.find('\n') {
            tidy.push_str(&rest[..at]);
            let after = rest[at..].trim_start_matches('\n');
            if !after.starts_with([',', ';', ':', '.', ')', '!', '?']) {
                tidy.push('\n');
            }
            rest = after;
        }
        tidy.push_str(rest);
        collapse(&tidy)
    }

    /// The text of the direct text children, exactly as written.
    pub fn text_raw(&self) -> String {
        let mut out = String::new();
        for child in &self.children {
            if let Node::Text(t) = child {
                out.push_str(t);
            }
        }
        out
    }

    /// All the text inside, leaving out elements named in `skip`.
    pub fn text_without(&self, skip: &[&str]) -> String {
        let mut out = String::new();
        self.collect_text(&mut out, skip);
        collapse(&out)
    }

    fn collect_text(&self, out: &mut String, skip: &[&str]) {
        for child in &self.children {
            match child {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if skip.contains(&e.name.as_str()) => {}
                Node::Element(e) => {
                    let spaced = e.name == "br" || BLOCKS.contains(&e.name.as_str());
                    if spaced {
                        out.push('\n');
                    }
                    e.collect_text(out, skip);
                    if spaced {
                        out.push('\n');
                    }
                }
            }
        }
    }
}

/// Elements that start a new paragraph (HTML, XHTML, NITF).
const BLOCKS: [&str; 34] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "hl2",
    "block",
    "media",
    "media-caption",
    "nitf-table",
    "bq",
    "fn",
    "aside",
];

/// The text of `el` as paragraphs: every block element (`p`, `div`, `li`,
/// `h2`, table cells…) and every line break starts a new paragraph; inline
/// elements (`b`, `a`, `span`…) join the text around them. Lines of a `pre`
/// are paragraphs of their own. Elements named in `skip` are left out.
pub fn paragraphs(el: &Element, skip: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    walk_blocks(el, skip, false, &mut current, &mut out);
    flush(&mut current, &mut out);
    out
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    let text = collapse(current);
    if !text.is_empty() {
        out.push(text);
    }
    current.clear();
}

fn walk_blocks(
    el: &Element,
    skip: &[&str],
    pre: bool,
    current: &mut String,
    out: &mut Vec<String>,
) {
    for child in &el.children {
        match child {
            Node::Text(t) if pre => {
                let mut lines = t.split('\n');
                if let Some(first) = lines.next() {
                    current.push_str(first);
                }
                for line in lines {
                    flush(current, out);
                    current.push_str(line);
                }
            }
            Node::Text(t) => current.push_str(t),
            Node::Element(e) if skip.contains(&e.name.as_str()) => {}
            Node::Element(e) if matches!(e.name.as_str(), "script" | "style" | "head") => {}
            Node::Element(e) if e.name == "br" => flush(current, out),
            Node::Element(e) => {
                let block = BLOCKS.contains(&e.name.as_str());
                if block {
                    flush(current, out);
                }
                walk_blocks(e, skip, pre || e.name == "pre", current, out);
                if block {
                    flush(current, out);
                }
            }
        }
    }
}

/// Text as a field holds it: trimmed, and every run of whitespace that holds
/// a line break (the indentation of pretty-printed markup) made one space.
/// Other spacing — a tab, two spaces, a no-break space — is kept as typed.
pub fn collapse(text: &str) -> String {
    let text = text.trim();
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        if c.is_whitespace() {
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            if run.contains(['\n', '\r']) {
                out.push(' ');
            } else {
                out.push_str(&run);
            }
            run.clear();
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_tree() {
        let root = parse(
            "<?xml version=\"1.0\"?><a x=\"1 &amp; 2\"><b>Hi &lt;there&gt; &#x263A;</b><c/></a>",
            Mode::Xml,
        )
        .unwrap();
        let a = root.child("a").unwrap();
        assert_eq!(a.attr("x"), Some("1 & 2"));
        assert_eq!(a.child("b").unwrap().text(), "Hi <there> ☺");
        assert!(a.child("c").is_some());
    }

    #[test]
    fn refuses_entities() {
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">\
                      <!ENTITY lol2 \"&lol;&lol;\">]><lolz>&lol2;</lolz>";
        assert!(parse(laughs, Mode::Xml).unwrap_err().contains("DOCTYPE"));
        let undefined = "<a>&nbsp;</a>";
        assert!(
            parse(undefined, Mode::Xml)
                .unwrap_err()
                .contains("undefined entity")
        );
        // An external DTD is named, never fetched.
        let dtd = "<!DOCTYPE nitf SYSTEM \"nitf-3-0.dtd\"><nitf>ok</nitf>";
        assert_eq!(parse(dtd, Mode::Xml).unwrap().text(), "ok");
    }

    #[test]
    fn html_is_forgiving() {
        let root = parse(
            "<p>One&nbsp;two<br>three<p>Four <b>five</i></p><img src=x>",
            Mode::Html,
        )
        .unwrap();
        assert_eq!(root.text(), "One\u{a0}two three Four five");
        assert_eq!(
            paragraphs(&root, &[]),
            ["One\u{a0}two", "three", "Four five"]
        );
    }

    #[test]
    fn collapse_keeps_typed_spacing() {
        assert_eq!(
            collapse("  a\n    b\tc  d\u{a0}e \r\n "),
            "a b\tc  d\u{a0}e"
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = "<a>".repeat(10_000);
        assert!(parse(&deep, Mode::Xml).unwrap_err().contains("nested"));
    }
}
