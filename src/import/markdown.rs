//! Markdown (CommonMark, read with pulldown-cmark) into [`Line`]s: inline
//! markup becomes plain text, each soft or hard line break starts a new line
//! (so copy with single line breaks keeps its lines), and every line records
//! whether it was wholly bold or italic. Raw HTML blocks, code blocks and front
//! matter are kept verbatim, line by line; link addresses, inline HTML tags
//! and rules are counted in [`Extras`].

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::lines::{Doc, Extras, Kind, Line, Style};

/// One line being assembled from inline events, with how much of its text was
/// bold or italic.
struct LineBuilder {
    text: String,
    line_no: usize,
    total: usize,
    strong: usize,
    emph: usize,
}

struct MdState<'t> {
    src: &'t str,
    line_starts: Vec<usize>,
    lines: Vec<Line>,
    extras: Extras,
    block: usize,
    block_kind: Kind,
    block_open: bool,
    cur: Option<LineBuilder>,
    strong: usize,
    emph: usize,
    quotes: usize,
    /// Open lists: the next item number (None for bullets).
    lists: Vec<Option<u64>>,
    item_prefix: Option<String>,
    /// Open links/images: (kind, address, byte length of the line's text at start).
    links: Vec<(&'static str, String, usize)>,
    /// Raw text of an HTML block, code block or front matter being read.
    raw: Option<(Kind, String, usize)>,
}

impl MdState<'_> {
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    fn context_kind(&self) -> Kind {
        if !self.lists.is_empty() {
            Kind::Item
        } else if self.quotes > 0 {
            Kind::Quote
        } else {
            Kind::Para
        }
    }

    fn begin_block(&mut self, kind: Kind) {
        self.end_block();
        self.block += 1;
        self.block_kind = kind;
        self.block_open = true;
    }

    fn end_block(&mut self) {
        self.end_line();
        self.block_open = false;
    }

    fn ensure_line(&mut self, offset: usize) {
        if !self.block_open {
            let kind = self.context_kind();
            self.begin_block(kind);
        }
        if self.cur.is_none() {
            let line_no = self.line_of(offset);
            let text = self.item_prefix.take().unwrap_or_default();
            self.cur = Some(LineBuilder {
                text,
                line_no,
                total: 0,
                strong: 0,
                emph: 0,
            });
        }
    }

    fn end_line(&mut self) {
        let Some(b) = self.cur.take() else { return };
        let text = b.text.trim();
        if text.is_empty() {
            return;
        }
        let style = if b.total > 0 && b.strong == b.total {
            Style::Bold
        } else if b.total > 0 && b.emph == b.total {
            Style::Italic
        } else {
            Style::Plain
        };
        self.lines.push(Line {
            text: text.to_owned(),
            literal: None,
            kind: self.block_kind,
            style,
            block: self.block,
            line_no: b.line_no,
        });
    }

    fn push_text(&mut self, text: &str, offset: usize) {
        self.ensure_line(offset);
        let (strong, emph) = (self.strong > 0, self.emph > 0);
        if let Some(b) = self.cur.as_mut() {
            b.text.push_str(text);
            let n = text.chars().filter(|c| !c.is_whitespace()).count();
            b.total += n;
            if strong {
                b.strong += n;
            } else if emph {
                b.emph += n;
            }
        }
    }

    fn line_break(&mut self, offset: usize) {
        if matches!(self.block_kind, Kind::Heading(_)) {
            // A setext heading may span lines: one heading, one line.
            self.push_text(" ", offset);
            return;
        }
        self.end_line();
        // The next line starts at the next event.
    }

    /// Lines of a raw block (code, HTML, front matter): kept verbatim apart
    /// from trimming; blank lines start a new block.
    fn push_raw(&mut self, kind: Kind, text: &str, first_line: usize) {
        self.end_block();
        let mut in_block = false;
        for (i, raw) in text.split('\n').enumerate() {
            let line = raw.trim();
            if line.is_empty() {
                in_block = false;
                continue;
            }
            if !in_block {
                self.block += 1;
                in_block = true;
            }
            self.lines.push(Line {
                text: line.to_owned(),
                literal: None,
                kind,
                style: Style::Plain,
                block: self.block,
                line_no: first_line + i,
            });
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if let Some((kind, buf, _)) = self.raw.as_mut() {
            match event {
                Event::Text(t) | Event::Html(t) => {
                    buf.push_str(&t);
                    return;
                }
                Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                    let kind = *kind;
                    if let Some((_, buf, line)) = self.raw.take() {
                        self.push_raw(kind, &buf, line);
                    }
                    return;
                }
                _ => {}
            }
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.push_text(&t, range.start),
            Event::Code(t) => self.push_text(&t, range.start),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.push_text(&t, range.start),
            Event::Html(t) => {
                // Only inside HTML blocks (handled above); keep it in any case.
                let line = self.line_of(range.start);
                self.push_raw(Kind::Html, &t, line);
            }
            Event::InlineHtml(_) => self.extras.inline_html += 1,
            Event::FootnoteReference(t) => {
                let text = format!("[^{t}]");
                self.push_text(&text, range.start);
            }
            Event::SoftBreak | Event::HardBreak => self.line_break(range.start),
            Event::Rule => {
                self.end_block();
                self.extras.rules += 1;
            }
            Event::TaskListMarker(done) => {
                self.push_text(if done { "[x] " } else { "[ ] " }, range.start);
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => {
                let kind = self.context_kind();
                self.begin_block(kind);
            }
            Tag::Heading { level, .. } => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                self.begin_block(Kind::Heading(level));
            }
            Tag::BlockQuote(_) => {
                self.end_block();
                self.quotes += 1;
            }
            Tag::List(first) => {
                self.end_block();
                self.lists.push(first);
            }
            Tag::Item => {
                self.begin_block(Kind::Item);
                // An ordered item keeps its number as typed ("1." three times
                // stays so); a bullet becomes "•".
                let typed = self.src.get(range.start..).and_then(|rest| {
                    let rest = rest.trim_start_matches([' ', '\t', '>']);
                    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                    let delim = rest.as_bytes().get(digits).copied();
                    (digits > 0 && matches!(delim, Some(b'.' | b')')))
                        .then(|| format!("{} ", &rest[..=digits]))
                });
                let prefix = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let counted = format!("{n}. ");
                        *n += 1;
                        typed.unwrap_or(counted)
                    }
                    _ => "• ".to_owned(),
                };
                self.item_prefix = Some(prefix);
            }
            Tag::CodeBlock(_) => {
                self.end_block();
                let line = self.line_of(range.start);
                // A fenced block's first source line is the fence itself.
                let first = if self.src[range.clone()].starts_with(['`', '~']) {
                    line + 1
                } else {
                    line
                };
                self.raw = Some((Kind::Code, String::new(), first));
            }
            Tag::HtmlBlock => {
                self.end_block();
                let line = self.line_of(range.start);
                self.raw = Some((Kind::Html, String::new(), line));
            }
            Tag::MetadataBlock(_) => {
                self.end_block();
                let line = self.line_of(range.start) + 1;
                self.raw = Some((Kind::Meta, String::new(), line));
            }
            Tag::Emphasis => self.emph += 1,
            Tag::Strong => self.strong += 1,
            Tag::Link { dest_url, .. } => {
                self.ensure_line(range.start);
                let at = self.cur.as_ref().map_or(0, |b| b.text.len());
                self.links.push(("Link", dest_url.to_string(), at));
            }
            Tag::Image { dest_url, .. } => {
                self.ensure_line(range.start);
                let at = self.cur.as_ref().map_or(0, |b| b.text.len());
                self.links.push(("Image", dest_url.to_string(), at));
            }
            // Not enabled in the parser options; their text still arrives as
            // Text events and is kept.
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.end_block(),
            TagEnd::Item => {
                self.end_block();
                self.item_prefix = None;
            }
            TagEnd::BlockQuote(_) => {
                self.end_block();
                self.quotes = self.quotes.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.end_block();
                self.lists.pop();
            }
            TagEnd::Emphasis => self.emph = self.emph.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Link | TagEnd::Image => {
                if let Some((kind, url, at)) = self.links.pop() {
                    let text = self
                        .cur
                        .as_ref()
                        .and_then(|b| b.text.get(at..))
                        .unwrap_or("")
                        .trim()
                        .to_owned();
                    let bare = url.strip_prefix("mailto:").unwrap_or(&url);
                    if !url.is_empty() && text != url && text != bare {
                        self.extras.links.push((kind, text, url));
                    }
                }
            }
            _ => {}
        }
    }
}

pub(crate) fn markdown_lines(text: &str) -> Doc {
    let mut line_starts = vec![0];
    line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let mut state = MdState {
        src: text,
        line_starts,
        lines: Vec::new(),
        extras: Extras::default(),
        block: 0,
        block_kind: Kind::Para,
        block_open: false,
        cur: None,
        strong: 0,
        emph: 0,
        quotes: 0,
        lists: Vec::new(),
        item_prefix: None,
        links: Vec::new(),
        raw: None,
    };
    let parser = Parser::new_ext(text, Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    for (event, range) in parser.into_offset_iter() {
        state.event(event, range);
    }
    if let Some((kind, buf, line)) = state.raw.take() {
        state.push_raw(kind, &buf, line);
    }
    state.end_block();
    Doc {
        lines: state.lines,
        extras: state.extras,
    }
}
