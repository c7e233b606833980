//! Import: Markdown or plain text into a story's fields, recognising the shapes
//! newsroom copy usually comes in, and reporting what was taken as what.
//!
//! The text is first split into lines grouped in blocks (for Markdown with
//! pulldown-cmark, inline markup turned into plain text; for plain text, blocks
//! are separated by blank lines). Then, in order:
//!
//! 1. **Headline**: in Markdown, the first `# Heading` (any level) or line that
//!    is wholly `**bold**`, if it comes within the first few short lines;
//!    otherwise (and always in plain text) the first line that is not a stray
//!    line (slug, "Eds:" note, timestamp, URL, rule, short all-caps label).
//! 2. **Above the headline**: the first line, if it is a single slug-like token
//!    (`harbour-footbridge`, `BC-EU--Bridge`) or `Slug: …`, is the slug; each
//!    "Eds:" / "Editor's note:" line is a line of the editor's note (label
//!    removed); anything else there is a stray line and goes to the note.
//! 3. **Under the headline**, in any order: a subhead (Markdown: the next
//!    `## Heading` or wholly `*italic*` line; plain text: the line right under
//!    the headline when it closes the headline's block, or stands alone without
//!    a full stop, or comes right before the byline or dateline), a `By …`
//!    byline, a standalone dateline line (`PORT ELLEN, Nov. 23`: the part before
//!    the first comma in capitals), and "Eds:" notes.
//! 4. **Body**: everything after. When no standalone dateline was found and the
//!    first paragraph opens with one (`KYIV, Ukraine — …`, `ISTANBUL (AP) —`),
//!    that text is copied into the dateline field **and stays in the body**:
//!    wire ledes read that way, the bundled sample story keeps it so, and no
//!    word can be lost by a wrong guess.
//!
//! **Paragraphs.** A paragraph is one blank-line block, its lines joined with
//! a space (hard-wrapped copy) — unless the copy separates paragraphs by single
//! line breaks, as wire and CMS exports often do. That is detected from the
//! line breaks inside blocks: if most of them follow the end of a sentence, or
//! any such line is longer than a wrapped line would be (110 characters), every
//! line is a paragraph. Paragraphs are joined with a blank line between them.
//!
//! **Nothing is dropped silently.** A headline line repeated verbatim (CMS
//! exports often repeat the title) is left out and reported. Raw HTML blocks
//! and front matter go to the editor's note; link and image addresses are
//! listed in the note (their text stays in the body); inline HTML tags and
//! horizontal rules (which hold no words) are removed and counted in the
//! report. Crossheads (a later `## Heading`), block quotes, list items (with a
//! `•` or their number as typed) and code blocks stay in the body as plain
//! paragraphs, and the report counts them. Every other line lands in a field.
//!
//! Text is kept as typed — Cyrillic, curly quotes, dashes, emoji — after the
//! story's text rule: a BOM is dropped, CRLF becomes LF, control characters go,
//! and lines lose their leading and trailing spaces.

pub mod detect;
pub mod docx;
mod file;
pub mod newsml;
pub mod ninjs;
pub mod nitf;
pub mod pieces;
pub mod wire;
mod xml;

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::story::{Field, Fields, normalize_text, word_count};
pub use detect::Format;
pub use file::{
    ImportError, ImportOptions, MAX_TEXT_BYTES, TrackedChanges, import_bytes, import_file,
};
pub use pieces::{Piece, Role};

/// What the imported text is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ImportKind {
    /// Markdown (CommonMark): `# headline`, `**bold**`, `*italic*`, lists, links.
    #[value(name = "md", alias = "markdown")]
    Markdown,
    /// Plain text: taken literally, line by line.
    #[value(name = "txt", alias = "text")]
    PlainText,
}

impl ImportKind {
    pub const ALL: [ImportKind; 2] = [ImportKind::Markdown, ImportKind::PlainText];

    /// The kind a file extension (without the dot, any case) stands for:
    /// `md`, `markdown`, `mdown`, `mkd` → Markdown; `txt`, `text` → plain text.
    pub fn from_extension(extension: &str) -> Option<ImportKind> {
        match extension.to_ascii_lowercase().as_str() {
            "md" | "markdown" | "mdown" | "mkd" | "mkdn" => Some(ImportKind::Markdown),
            "txt" | "text" => Some(ImportKind::PlainText),
            _ => None,
        }
    }

    /// The kind a file's extension stands for (see [`ImportKind::from_extension`]).
    pub fn from_path(path: &Path) -> Option<ImportKind> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(ImportKind::from_extension)
    }

    pub fn label(self) -> &'static str {
        match self {
            ImportKind::Markdown => "Markdown",
            ImportKind::PlainText => "plain text",
        }
    }
}

/// The result of an import: the story's fields and, one line per finding, what
/// was recognised as what (for the user to check).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub fields: Fields,
    pub report: Vec<String>,
    /// Every line or paragraph of the input with the role it was given (see
    /// [`pieces`]); `fields` is [`pieces::assemble`] of these.
    pub pieces: Vec<Piece>,
}

impl Imported {
    /// The story made of `pieces`, with `report` lines for the user.
    pub fn from_pieces(pieces: Vec<Piece>, report: Vec<String>) -> Imported {
        Imported {
            fields: pieces::assemble(&pieces),
            report,
            pieces,
        }
    }
}

/// Read `text` as `kind` into story fields. Never fails: text that fits no
/// shape ends up in the body or the editor's note, and the report says so.
pub fn import(text: &str, kind: ImportKind) -> Imported {
    let mut report = Vec::new();
    let had_bom = text.starts_with('\u{feff}');
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if had_bom {
        report.push("byte-order mark removed".to_owned());
    }
    if text.contains('\r') {
        report.push("Windows (CRLF) or old Mac (CR) line endings read as line breaks".to_owned());
    }
    let text = normalize_text(text);
    let doc = match kind {
        ImportKind::Markdown => markdown_lines(&text),
        ImportKind::PlainText => plain_lines(&text),
    };
    let mut importer = Importer {
        lines: doc.lines,
        fields: Fields::default(),
        notes: Vec::new(),
        report,
    };
    importer.run(kind);
    importer.finish(doc.extras)
}

// ---------------------------------------------------------------------------
// Lines and blocks

/// What kind of block a line came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Para,
    Heading(u8),
    Quote,
    Item,
    Code,
    /// Raw HTML block: goes to the editor's note.
    Html,
    /// Front matter: goes to the editor's note.
    Meta,
}

/// Whether a whole line was set in bold or italic (Markdown only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Plain,
    Bold,
    Italic,
}

#[derive(Clone, Debug)]
struct Line {
    text: String,
    kind: Kind,
    style: Style,
    block: usize,
    /// 1-based line in the input.
    line_no: usize,
}

#[derive(Default)]
struct Extras {
    /// (kind, text, address) of links and images whose address is not their text.
    links: Vec<(&'static str, String, String)>,
    inline_html: usize,
    rules: usize,
}

struct Doc {
    lines: Vec<Line>,
    extras: Extras,
}

fn plain_lines(text: &str) -> Doc {
    let mut lines = Vec::new();
    let mut block = 0;
    let mut in_block = false;
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            in_block = false;
            continue;
        }
        if !in_block {
            block += 1;
            in_block = true;
        }
        lines.push(Line {
            text: line.to_owned(),
            kind: Kind::Para,
            style: Style::Plain,
            block,
            line_no: i + 1,
        });
    }
    Doc {
        lines,
        extras: Extras::default(),
    }
}

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

fn markdown_lines(text: &str) -> Doc {
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

// ---------------------------------------------------------------------------
// Recognising the shapes

struct Importer {
    lines: Vec<Line>,
    fields: Fields,
    notes: Vec<String>,
    report: Vec<String>,
}

/// How the headline was found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum HeadlineMark {
    Heading,
    Bold,
    FirstLine,
}

impl Importer {
    fn run(&mut self, kind: ImportKind) {
        if self.lines.is_empty() {
            self.report.push("no text found".to_owned());
            return;
        }
        let Some((h, mark)) = self.find_headline(kind) else {
            self.report
                .push("no headline found: every line kept in the editor's note".to_owned());
            self.above_headline(self.lines.len());
            return;
        };
        let line = self.lines[h].clone();
        self.fields.headline = line.text.clone();
        self.above_headline(h);
        let how = match mark {
            HeadlineMark::Heading => "heading",
            HeadlineMark::Bold => "bold line",
            HeadlineMark::FirstLine => "first line of copy",
        };
        self.report.push(format!(
            "line {}: headline ({how}): {}",
            line.line_no,
            quote(&line.text)
        ));
        let body_start = self.under_headline(h, mark);
        self.body(body_start);
    }

    /// The index of the headline line and how it was marked.
    fn find_headline(&self, kind: ImportKind) -> Option<(usize, HeadlineMark)> {
        if kind == ImportKind::Markdown {
            // A marked headline, if it comes within the first few short lines.
            for (i, line) in self.lines.iter().enumerate().take(6) {
                if matches!(line.kind, Kind::Heading(_)) {
                    return Some((i, HeadlineMark::Heading));
                }
                if line.style == Style::Bold && line.kind == Kind::Para {
                    return Some((i, HeadlineMark::Bold));
                }
                if word_count(&line.text) > 15 {
                    break;
                }
            }
        }
        let mut i = 0;
        while i < self.lines.len() {
            let line = &self.lines[i];
            if eds_prefix(&line.text).is_some() {
                i += 1;
                continue;
            }
            let last = i + 1 == self.lines.len();
            let stray = matches!(line.kind, Kind::Html | Kind::Meta)
                || (i == 0 && !last && slug_text(&line.text).is_some())
                || (!last && is_stray(&line.text));
            if !stray {
                let mark = match (line.kind, line.style) {
                    (Kind::Heading(_), _) => HeadlineMark::Heading,
                    (_, Style::Bold) => HeadlineMark::Bold,
                    _ => HeadlineMark::FirstLine,
                };
                return Some((i, mark));
            }
            i += 1;
        }
        None
    }

    /// Lines above the headline: slug, notes, repeats and stray lines.
    fn above_headline(&mut self, h: usize) {
        let mut i = 0;
        while i < h {
            let line = self.lines[i].clone();
            if !self.fields.headline.is_empty() && line.text == self.fields.headline {
                self.repeat(&line);
                i += 1;
                continue;
            }
            if let Some(rest) = eds_prefix(&line.text) {
                self.take_note(&line, rest);
                i += 1;
                continue;
            }
            if i == 0
                && self.fields.slug.is_empty()
                && matches!(line.kind, Kind::Para | Kind::Heading(_))
                && let Some(slug) = slug_text(&line.text)
            {
                self.fields.slug = slug.to_owned();
                self.report
                    .push(format!("line {}: slug: {}", line.line_no, quote(slug)));
                i += 1;
                continue;
            }
            self.note_line(&line, "stray line above the headline");
            i += 1;
        }
    }

    /// Subhead, byline, dateline and notes under the headline; returns where the
    /// body starts.
    fn under_headline(&mut self, h: usize, mark: HeadlineMark) -> usize {
        let n = self.lines.len();
        let mut i = h + 1;
        let mut subhead_allowed = true;
        while i < n {
            let line = self.lines[i].clone();
            if line.text == self.fields.headline {
                self.repeat(&line);
                i += 1;
                continue;
            }
            if matches!(line.kind, Kind::Html | Kind::Meta) {
                self.note_line(&line, kind_name(line.kind));
                i += 1;
                continue;
            }
            if let Some(rest) = eds_prefix(&line.text) {
                self.take_note(&line, rest);
                i += 1;
                continue;
            }
            if self.fields.byline.is_empty() && is_byline(&line.text) {
                self.take_line(Field::Byline, &line);
                subhead_allowed = false;
                i += 1;
                continue;
            }
            if self.fields.dateline.is_empty()
                && !matches!(line.kind, Kind::Item | Kind::Code)
                && is_standalone_dateline(&line.text)
            {
                self.take_line(Field::Dateline, &line);
                subhead_allowed = false;
                i += 1;
                continue;
            }
            if subhead_allowed && self.is_subhead(h, i, mark) {
                self.take_line(Field::Subhead, &line);
                subhead_allowed = false;
                i += 1;
                continue;
            }
            break;
        }
        i
    }

    fn is_subhead(&self, h: usize, i: usize, mark: HeadlineMark) -> bool {
        let line = &self.lines[i];
        if matches!(line.kind, Kind::Item | Kind::Code | Kind::Quote) {
            return false;
        }
        if matches!(line.kind, Kind::Heading(_)) || line.style == Style::Italic {
            return true;
        }
        if mark != HeadlineMark::FirstLine || line.style == Style::Bold {
            // Marked-up copy marks its subhead too.
            return false;
        }
        let words = word_count(&line.text);
        let Some(next) = self.lines.get(i + 1) else {
            return false;
        };
        if words == 0 || words > 60 {
            return false;
        }
        // Right before the byline or a standalone dateline.
        if is_byline(&next.text) || is_standalone_dateline(&next.text) {
            return true;
        }
        let headline_block = self.lines[h].block;
        let closes_block = next.block != line.block;
        // Closes the headline's own block ("Headline\nSubhead\n\nBody").
        if line.block == headline_block && closes_block {
            return true;
        }
        // Stands alone, short, and not a sentence.
        let alone = self.lines[i - 1].block != line.block && closes_block;
        alone && words <= 40 && !ends_sentence(&line.text)
    }

    fn body(&mut self, start: usize) {
        let mut body: Vec<Line> = Vec::new();
        // The last step: the remaining lines are moved, not copied.
        let rest = self.lines.split_off(start.min(self.lines.len()));
        for line in rest {
            if !self.fields.headline.is_empty() && line.text == self.fields.headline {
                self.repeat(&line);
            } else if matches!(line.kind, Kind::Html | Kind::Meta) {
                self.note_line(&line, kind_name(line.kind));
            } else {
                body.push(line);
            }
        }
        if body.is_empty() {
            self.report.push("no body text found".to_owned());
            return;
        }
        let per_line = one_paragraph_per_line(&body);
        let mut paragraphs: Vec<String> = Vec::new();
        let mut last_block = None;
        for line in &body {
            match paragraphs.last_mut() {
                Some(p) if !per_line && last_block == Some(line.block) => {
                    p.push(' ');
                    p.push_str(&line.text);
                }
                _ => paragraphs.push(line.text.clone()),
            }
            last_block = Some(line.block);
        }
        self.fields.body = paragraphs.join("\n\n");
        let first = body.first().map_or(0, |l| l.line_no);
        let last = body.last().map_or(0, |l| l.line_no);
        let how = if per_line {
            "one per line: the copy separates paragraphs by single line breaks"
        } else {
            "one per blank-line block"
        };
        let lines = if first == last {
            format!("line {first}")
        } else {
            format!("lines {first}–{last}")
        };
        self.report.push(format!(
            "{lines}: body, {} ({how}), {}",
            plural(paragraphs.len(), "paragraph"),
            plural(word_count(&self.fields.body), "word")
        ));
        for (kind, what) in [
            (Kind::Quote, "block quote"),
            (Kind::Item, "list item"),
            (Kind::Code, "code-block line"),
        ] {
            let count = body.iter().filter(|l| l.kind == kind).count();
            if count > 0 {
                self.report.push(format!(
                    "{} kept in the body as plain paragraphs",
                    plural(count, what)
                ));
            }
        }
        for line in body.iter().filter(|l| matches!(l.kind, Kind::Heading(_))) {
            self.report.push(format!(
                "line {}: crosshead kept in the body: {}",
                line.line_no,
                quote(&line.text)
            ));
        }
        if self.fields.dateline.is_empty()
            && body[0].kind == Kind::Para
            && let Some(dateline) = lede_dateline(&paragraphs[0])
        {
            self.fields.dateline = dateline.to_owned();
            self.report.push(format!(
                "line {}: dateline {} taken from the first paragraph (which keeps it)",
                body[0].line_no,
                quote(dateline)
            ));
        }
    }

    fn repeat(&mut self, line: &Line) {
        self.report.push(format!(
            "line {}: headline repeated verbatim, left out: {}",
            line.line_no,
            quote(&line.text)
        ));
    }

    fn note_line(&mut self, line: &Line, why: &str) {
        self.notes.push(line.text.clone());
        self.report.push(format!(
            "line {}: {why} → editor's note: {}",
            line.line_no,
            quote(&line.text)
        ));
    }

    /// An "Eds:" line: its text, without the label, is a line of the note.
    /// Take a whole line as `field` (byline, dateline, subhead) and report it.
    fn take_line(&mut self, field: Field, line: &Line) {
        *self.fields.get_mut(field) = line.text.clone();
        self.report.push(format!(
            "line {}: {}: {}",
            line.line_no,
            field.key(),
            quote(&line.text)
        ));
    }

    fn take_note(&mut self, line: &Line, text: &str) {
        self.report.push(format!(
            "line {}: editor's note: {}",
            line.line_no,
            quote(text)
        ));
        if !text.is_empty() {
            self.notes.push(text.to_owned());
        }
    }

    fn finish(mut self, extras: Extras) -> Imported {
        for (kind, text, url) in &extras.links {
            let label = if text.is_empty() {
                format!("{kind}: {url}")
            } else {
                format!("{kind}: {text} → {url}")
            };
            self.notes.push(label);
        }
        if !extras.links.is_empty() {
            self.report.push(format!(
                "{} listed in the editor's note (the text stays in place)",
                plural(extras.links.len(), "link or image address")
            ));
        }
        if extras.inline_html > 0 {
            self.report.push(format!(
                "{} removed (the text inside kept)",
                plural(extras.inline_html, "inline HTML tag")
            ));
        }
        if extras.rules > 0 {
            self.report.push(format!(
                "{} ignored",
                plural(extras.rules, "horizontal rule")
            ));
        }
        self.fields.note = self.notes.join("\n");
        Imported {
            fields: self.fields.normalized(),
            report: self.report,
            pieces: Vec::new(),
        }
    }
}

/// "1 paragraph", "2 paragraphs".
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else if noun.ends_with('s') {
        format!("{n} {noun}es")
    } else {
        format!("{n} {noun}s")
    }
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Html => "raw HTML",
        Kind::Meta => "front matter",
        _ => "line",
    }
}

// ---------------------------------------------------------------------------
// Line shapes

/// A report-friendly rendering of some text: quoted, cut at 60 characters.
fn quote(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("“{head}…”")
    } else {
        format!("“{head}”")
    }
}

/// The text after an editor's-note label ("Eds:", "Editor's note:").
fn eds_prefix(text: &str) -> Option<&str> {
    const LABELS: [&str; 9] = [
        "eds:",
        "ed:",
        "editor's note:",
        "editor’s note:",
        "editors' note:",
        "editors’ note:",
        "editor note:",
        "editors note:",
        "note to editors:",
    ];
    for label in LABELS {
        if let Some(head) = text.get(..label.len())
            && head.to_lowercase() == label
        {
            return Some(text[label.len()..].trim());
        }
    }
    None
}

/// The slug, if the line is a slug line: `Slug: x`, or a single token that
/// looks like one (holds a hyphen, underscore or digit, or is all lower case).
fn slug_text(text: &str) -> Option<&str> {
    let text = text.trim();
    let token = match text.get(..5) {
        Some(head) if head.eq_ignore_ascii_case("slug:") => text[5..].trim(),
        _ => {
            let looks = text.contains(['-', '_'])
                || text.chars().any(|c| c.is_ascii_digit())
                || !text.chars().any(char::is_uppercase);
            if !looks {
                return None;
            }
            text
        }
    };
    let ok = !token.is_empty()
        && token.chars().count() <= 64
        && !token.contains(char::is_whitespace)
        && token.chars().any(char::is_alphabetic)
        && !token.contains("://");
    ok.then_some(token)
}

/// A stray line above a headline: no words, a web address, a timestamp, or a
/// short all-capitals label ("ADVERTISEMENT", "FOR IMMEDIATE RELEASE").
fn is_stray(text: &str) -> bool {
    let lower = text.to_lowercase();
    if !text.chars().any(char::is_alphabetic) {
        return true;
    }
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return true;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let has_time = text
        .as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    if words.len() <= 8 && has_time {
        return true;
    }
    let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    let first = first.trim_end_matches(':');
    if words.len() <= 8 && matches!(first, "updated" | "posted" | "published" | "filed") {
        return true;
    }
    if words.len() <= 6 && words.iter().all(|w| is_date_word(w)) {
        return true;
    }
    words.len() <= 3 && all_caps(text)
}

/// A word of a written date: a number, a month or a weekday ("23", "Nov.",
/// "2026,", "Monday").
fn is_date_word(word: &str) -> bool {
    const NAMES: [&str; 26] = [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "mon",
        "monday",
    ];
    const DAYS: [&str; 12] = [
        "tue",
        "tuesday",
        "wed",
        "wednesday",
        "thu",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
    ];
    let w = word
        .trim_matches(|c: char| matches!(c, ',' | '.' | '/' | '-'))
        .to_lowercase();
    !w.is_empty()
        && (w
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
            || NAMES.contains(&w.as_str())
            || DAYS.contains(&w.as_str()))
}

/// Every letter upper case, and at least two letters.
fn all_caps(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// Whether text ends like a sentence (., ! or ?, perhaps inside a closing
/// quote or bracket) rather than with an abbreviation such as "Jr." or "D.C.".
fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '”', '’', '\'', ')', '»', ']']);
    let Some(last) = trimmed.chars().last() else {
        return false;
    };
    if last == '!' || last == '?' || last == '…' {
        return true;
    }
    if last != '.' {
        return false;
    }
    let word = trimmed.split_whitespace().last().unwrap_or("");
    let inner_dot = word[..word.len() - 1].contains('.');
    !(inner_dot || word.chars().count() <= 3)
}

/// A byline: "By Name …", short, not a sentence.
fn is_byline(text: &str) -> bool {
    let Some(head) = text.get(..3) else {
        return false;
    };
    if !head.eq_ignore_ascii_case("by ") {
        return false;
    }
    let rest = text[3..].trim_start();
    rest.chars().next().is_some_and(char::is_uppercase)
        && word_count(text) <= 15
        && text.chars().count() <= 120
        && !ends_sentence(text)
}

/// The place part of a dateline (before the first comma or bracket) is all
/// capitals: "PORT ELLEN", "KYIV", "КИЇВ".
fn place_in_capitals(text: &str) -> bool {
    let place = text.split([',', '(']).next().unwrap_or("");
    text.chars().next().is_some_and(char::is_uppercase)
        && all_caps(place)
        && place.split_whitespace().count() <= 4
}

/// A dateline standing on its own line: "PORT ELLEN, Nov. 23", "KYIV, Ukraine".
fn is_standalone_dateline(text: &str) -> bool {
    text.split_whitespace().count() <= 8
        && text.chars().count() <= 60
        && place_in_capitals(text)
        && !ends_sentence(text)
        && !text.ends_with(':')
        && !text.contains(['—', '–'])
}

/// The dateline opening a lede, if any: "KYIV, Ukraine — …" gives "KYIV,
/// Ukraine"; "ISTANBUL (AP) — …" gives "ISTANBUL (AP)".
fn lede_dateline(text: &str) -> Option<&str> {
    let mut dash = None;
    for sep in ["—", "–", " -- ", " - "] {
        if let Some(at) = text.find(sep)
            && dash.is_none_or(|(d, _)| at < d)
        {
            dash = Some((at, sep.len()));
        }
    }
    let (at, len) = dash?;
    let prefix = text[..at].trim().trim_end_matches(',').trim();
    let rest = text[at + len..].trim();
    let ok = !prefix.is_empty()
        && rest.chars().any(char::is_alphabetic)
        && prefix.chars().count() <= 60
        && prefix.split_whitespace().count() <= 8
        && place_in_capitals(prefix);
    ok.then_some(prefix)
}

/// Whether the body's paragraphs are single lines (see the module docs).
fn one_paragraph_per_line(body: &[Line]) -> bool {
    let mut breaks = 0usize;
    let mut sentence_breaks = 0usize;
    let mut long_lines = false;
    for pair in body.windows(2) {
        if pair[0].block != pair[1].block {
            continue;
        }
        breaks += 1;
        if ends_sentence(&pair[0].text) || pair[0].text.ends_with([':', ';', '”', '"']) {
            sentence_breaks += 1;
        }
        if pair[0].text.chars().count() > 110 || pair[1].text.chars().count() > 110 {
            long_lines = true;
        }
    }
    breaks > 0 && (long_lines || sentence_breaks * 2 >= breaks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(is_byline("By Mira Holt and Олена Коваленко"));
        assert!(is_byline("BY MIRA HOLT"));
        assert!(is_byline("By John Smith Jr."));
        assert!(!is_byline("By Tuesday, the bridge was open."));
        assert!(!is_byline("By the time it opened"));
        assert!(is_standalone_dateline("PORT ELLEN, Nov. 23"));
        assert!(is_standalone_dateline("КИЇВ, Україна"));
        assert!(!is_standalone_dateline("NATO and EU agree on sanctions"));
        assert_eq!(
            lede_dateline("KYIV, Ukraine — Air raid sirens sounded."),
            Some("KYIV, Ukraine")
        );
        assert_eq!(
            lede_dateline("ISTANBUL (AP) — Turkey said"),
            Some("ISTANBUL (AP)")
        );
        assert_eq!(lede_dateline("The mayor — who said"), None);
        assert_eq!(slug_text("harbour-footbridge"), Some("harbour-footbridge"));
        assert_eq!(slug_text("Slug: Bridge"), Some("Bridge"));
        assert_eq!(slug_text("Headline"), None);
        assert_eq!(eds_prefix("Editor’s note: check"), Some("check"));
        assert!(is_stray("Updated 08:14 GMT"));
        assert!(is_stray("ADVERTISEMENT"));
        assert!(!is_stray("Bridge reopens after repair"));
        assert!(is_stray("Monday, Nov. 23, 2026"));
        assert!(!is_stray("Trump may visit in 2026"));
        assert!(!is_stray("Marathon record falls in 2026"));
        assert!(ends_sentence("He said “yes.”"));
        assert!(!ends_sentence("Washington, D.C."));
    }

    #[test]
    fn markdown_inline_becomes_plain() {
        let got = import(
            "# The *real* story\n\nA [link](http://x.test) and `code` and <b>bold</b>.\n",
            ImportKind::Markdown,
        );
        assert_eq!(got.fields.headline, "The real story");
        assert_eq!(got.fields.body, "A link and code and bold.");
        assert_eq!(got.fields.note, "Link: link → http://x.test");
    }
}
