//! Classification: the lines of the copy, in order, each given a [`Role`] and
//! a reason from its shape ([`super::shapes`], [`super::wire`]) and its
//! position — above the headline, the headline itself, the head under it
//! (subhead, byline, dateline, wire notes), and the body with its trailers.
//! See the module docs of [`crate::import`] for the rules.

use super::furniture::{
    eds_prefix, headline_designator, is_agency, is_asset_link, is_bracketed, is_copyright,
    is_credit, is_end_mark, is_labelled_timestamp, is_photo_credit, is_release_line,
    is_source_line, is_timestamp, keyword_line,
};
use super::lines::{Extras, Kind, Line, Style, one_paragraph_per_line, wrap_width};
use super::pieces::{Piece, Role};
use super::shapes::{
    dateline_line, ends_sentence, ends_with_stop, is_byline, is_byline_tail,
    is_standalone_dateline, is_stray, is_titlecase_dateline, lede_dateline, plural, split_byline,
};
use crate::story::word_count;

/// How far down the copy a headline is looked for (in lines).
const HEAD_WINDOW: usize = 12;
/// A plain line this long that ends a sentence is a lede, not a headline.
const LEDE_WORDS: usize = 15;

/// How the headline was found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Heading,
    Bold,
    FirstLine,
    /// The reader of the format knows which line it is ([`GivenHeadline`]).
    Given,
}

/// The headline's line when the format marks it (IPTC 7901 ends its headline
/// field with ` =`): its 1-based line number in the text, and why.
#[derive(Clone, Copy, Debug)]
pub(crate) struct GivenHeadline {
    pub line_no: usize,
    pub why: &'static str,
}

/// The pieces of `lines` and the report: `report` (what the reader noticed)
/// followed by one line per piece outside the body and a summary of the body.
pub(crate) fn classify(
    lines: Vec<Line>,
    extras: Extras,
    report: Vec<String>,
    given: Option<GivenHeadline>,
) -> (Vec<Piece>, Vec<String>) {
    let mut c = Classifier {
        given,
        lines,
        pieces: Vec::new(),
        report: Vec::new(),
        headline: None,
        slug_seen: false,
        wrap_width: None,
    };
    c.wrap_width = wrap_width(&c.lines);
    c.run();
    c.extras(&extras);
    let mut full = report;
    let body_summary = std::mem::take(&mut c.report);
    for piece in &c.pieces {
        if piece.role != Role::Body || piece.why == "crosshead" {
            full.push(piece.describe());
        }
    }
    full.extend(body_summary);
    (c.pieces, full)
}

struct Classifier {
    given: Option<GivenHeadline>,
    lines: Vec<Line>,
    pieces: Vec<Piece>,
    /// Report lines that are not about one piece.
    report: Vec<String>,
    /// The headline's line, as found (to recognise repeats).
    headline: Option<String>,
    slug_seen: bool,
    /// The width the copy is hard-wrapped at, if it is ([`wrap_width`]).
    wrap_width: Option<usize>,
}

impl Classifier {
    fn run(&mut self) {
        if self.lines.is_empty() {
            self.report.push("no text found".to_owned());
            return;
        }
        let Some((h, mark)) = self.find_headline() else {
            self.report
                .push("no headline found: every line kept in the editor's note".to_owned());
            self.above(self.lines.len());
            return;
        };
        let end = self.headline_end(h, mark);
        let text = self.lines[h..=end]
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        self.headline = Some(text.clone());
        self.above(h);
        self.take_headline(h, end, text, mark);
        let start = self.under(h, end, mark);
        self.body(start);
    }

    /// The last line of a headline hard-wrapped over several lines of its
    /// block: while the next word would not have fitted on the line within
    /// the copy's wrap width ([`wrap_width`]), the next line continues it.
    fn headline_end(&self, h: usize, mark: Mark) -> usize {
        let Some(width) = self.wrap_width else {
            return h;
        };
        let plain = |l: &Line| l.kind == Kind::Para && l.style == Style::Plain;
        let mut end = h;
        while mark == Mark::FirstLine
            && let (Some(line), Some(next)) = (self.lines.get(end), self.lines.get(end + 1))
            && plain(line)
            && plain(next)
            && line.text.split_whitespace().nth(1).is_some()
            && next.block == line.block
            && repeat_key(&next.text) != repeat_key(&line.text)
            && !ends_with_stop(&line.text)
            && !self.never_headline(end + 1, false)
            && !is_byline(&next.text)
            && dateline_line(&next.text).is_none()
            && word_count(&next.text)
                + (h..=end)
                    .map(|i| word_count(&self.lines[i].text))
                    .sum::<usize>()
                <= 30
        {
            let first_word = next.text.split_whitespace().next().unwrap_or("");
            if line.text.chars().count() + 1 + first_word.chars().count() <= width {
                break;
            }
            end += 1;
        }
        end
    }

    fn has(&self, role: Role) -> bool {
        self.pieces.iter().any(|p| p.role == role)
    }

    fn push(&mut self, line: &Line, text: impl Into<String>, role: Role, why: &str) {
        self.pieces
            .push(Piece::new(text, role, why).at_line(line.line_no));
    }

    /// Whether `line` repeats the headline: the same words, ignoring case,
    /// spacing, quote style, a wire designator and end punctuation.
    fn is_repeat(&self, line: &Line) -> bool {
        let Some(headline) = self.headline.as_deref() else {
            return false;
        };
        // Cheap first: a repeat is about as long as the headline.
        if line.text.len() > 2 * headline.len() + 8 {
            return false;
        }
        let key = repeat_key(&line.text);
        key == repeat_key(headline)
            || headline_designator(headline).is_some_and(|(_, h)| key == repeat_key(h))
    }

    /// A line that is never the headline: notes, wire furniture, stray lines.
    fn never_headline(&self, i: usize, keyword_allowed: bool) -> bool {
        let line = &self.lines[i];
        let text = line.text.as_str();
        let last = i + 1 == self.lines.len();
        matches!(line.kind, Kind::Html | Kind::Meta)
            || eds_prefix(text).is_some()
            || (keyword_allowed && !last && keyword_line(text).is_some())
            || (!last && is_stray(text))
            || is_bracketed(text)
            || is_credit(text)
            || is_copyright(text)
            || is_photo_credit(text)
            || is_asset_link(text)
            || is_agency(text)
            || is_release_line(text)
            || is_source_line(text)
    }

    /// The index of the headline line and how it was marked: the first
    /// heading or bold line near the top; else the first line that is not a
    /// note, wire furniture or a wholly italic summary.
    fn find_headline(&self) -> Option<(usize, Mark)> {
        let lines = &self.lines;
        if let Some(given) = self.given
            && let Some(i) = lines.iter().position(|l| l.line_no == given.line_no)
        {
            return Some((i, Mark::Given));
        }
        let mut candidates = Vec::new();
        let mut keyword_allowed = true;
        let mut lede_first = false;
        for (i, line) in lines.iter().enumerate().take(HEAD_WINDOW) {
            if self.never_headline(i, keyword_allowed) {
                if eds_prefix(&line.text).is_none() {
                    keyword_allowed = false;
                }
                continue;
            }
            keyword_allowed = false;
            let lede = line.kind == Kind::Para
                && line.style == Style::Plain
                && word_count(&line.text) > LEDE_WORDS;
            if lede && !candidates.is_empty() {
                break;
            }
            candidates.push(i);
            if lede {
                lede_first = true;
                break;
            }
        }
        let marked = candidates
            .iter()
            .find_map(|&i| match (lines[i].kind, lines[i].style) {
                (Kind::Heading(_), _) => Some((i, Mark::Heading)),
                (Kind::Para, Style::Bold) => Some((i, Mark::Bold)),
                _ => None,
            });
        if marked.is_some() {
            return marked;
        }
        // A line repeated right under itself: CMS exports repeat the title,
        // at the top (a label repeated further down, "Photo -", is not one).
        let repeated = candidates.iter().copied().take(3).find(|&i| {
            word_count(&lines[i].text) >= 2 && {
                let key = repeat_key(&lines[i].text);
                lines[i + 1..]
                    .iter()
                    .take(3)
                    .any(|l| repeat_key(&l.text) == key)
            }
        });
        if let Some(i) = repeated {
            return Some((i, Mark::FirstLine));
        }
        // A long sentence, then a short line that is not one, then more copy:
        // a summary above the headline.
        if lede_first
            && let [first] = candidates[..]
            && ends_sentence(&lines[first].text)
            && lines.len() > first + 2
            && self.title_like(first + 1)
        {
            return Some((first + 1, Mark::FirstLine));
        }
        let plain = candidates
            .iter()
            .copied()
            .find(|&i| lines[i].style != Style::Italic && lines[i].kind == Kind::Para)
            .or_else(|| candidates.first().copied());
        if let Some(i) = plain {
            return Some((i, Mark::FirstLine));
        }
        // Nothing near the top: the first line that can be a headline at all.
        (0..lines.len())
            .find(|&i| !self.never_headline(i, i == 0))
            .map(|i| (i, Mark::FirstLine))
    }

    /// A line shaped like a headline: a few words, capitalised, no full stop.
    fn title_like(&self, i: usize) -> bool {
        let line = &self.lines[i];
        let words = word_count(&line.text);
        line.kind == Kind::Para
            && line.style != Style::Italic
            && (2..=14).contains(&words)
            && !ends_with_stop(&line.text)
            && !line.text.ends_with([',', ';', ':'])
            && line
                .text
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && !self.never_headline(i, false)
            && !is_byline(&line.text)
    }

    /// Lines above the headline (or every line, when there is none).
    fn above(&mut self, h: usize) {
        for i in 0..h {
            let line = self.lines[i].clone();
            let text = line.text.as_str();
            let words = word_count(text);
            if self.is_repeat(&line) {
                self.push(&line, text, Role::Dropped, "headline repeated verbatim");
            } else if let Some(why) = self.common_note(&line) {
                self.note(&line, why);
            } else if !self.slug_seen
                && self.pieces.iter().all(|p| p.why == "Eds: note")
                && matches!(line.kind, Kind::Para | Kind::Heading(_))
                && i + 1 < self.lines.len()
                && let Some((slug, version)) = keyword_line(text)
            {
                self.slug_seen = true;
                let why = if version.is_some() || text.contains("--") {
                    "keyword line"
                } else {
                    "slug line"
                };
                self.push(&line, slug, Role::Slug, why);
                if let Some(version) = version {
                    self.push(&line, version, Role::Note, "version on the keyword line");
                }
            } else if is_stray(text) {
                self.push(&line, text, Role::Note, "stray line above the headline");
            } else if self.headline.is_some() && (line.style == Style::Italic || words >= 6) {
                let piece = Piece::new(text, Role::Note, "summary above the headline")
                    .at_line(line.line_no)
                    .flagged();
                self.pieces.push(piece);
            } else {
                self.push(&line, text, Role::Note, "stray line above the headline");
            }
        }
    }

    /// The reason a line anywhere in the head goes to the editor's note, if it
    /// is one of the wire's notes, credits or trailers.
    fn common_note(&self, line: &Line) -> Option<&'static str> {
        let text = line.text.as_str();
        Some(match line.kind {
            Kind::Html => "raw HTML",
            Kind::Meta => "front matter",
            _ if eds_prefix(text).is_some() => "Eds: note",
            _ if is_release_line(text) => "press release header",
            _ if is_source_line(text) => "source line",
            _ if is_credit(text) => "reporting credit",
            _ if is_copyright(text) => "copyright trailer",
            _ if is_photo_credit(text) => "photo credit",
            _ if is_asset_link(text) => "picture or logo link",
            _ if is_bracketed(text) => "wire note",
            _ if is_timestamp(text) => "timestamp",
            _ if is_agency(text) => "agency line",
            _ if is_end_mark(text) => "end mark",
            _ => return None,
        })
    }

    /// A line of the editor's note; an "Eds:" line loses its label.
    fn note(&mut self, line: &Line, why: &str) {
        match eds_prefix(&line.text) {
            // A label with nothing after it ("Eds", "Advisory", or a lone
            // word that reads like one) stays in the note as typed: no word
            // of the copy is ever lost.
            Some("") => self.push(line, line.text.clone(), Role::Note, "label alone"),
            Some(rest) if why == "Eds: note" => {
                let rest = rest.to_owned();
                self.push(line, rest, Role::Note, why)
            }
            _ => self.push(line, line.text.clone(), Role::Note, why),
        }
    }

    /// The headline, `text` being lines `h..=end` joined.
    fn take_headline(&mut self, h: usize, end: usize, text: String, mark: Mark) {
        let line = self.lines[h].clone();
        let why = match mark {
            Mark::Heading => "heading",
            Mark::Bold => "bold line",
            Mark::FirstLine if end > h => "first lines of copy (a headline wrapped over lines)",
            Mark::FirstLine => "first line of copy",
            Mark::Given => self.given.map_or("headline", |g| g.why),
        };
        let designated =
            headline_designator(&text).map(|(d, rest)| (d.to_owned(), rest.to_owned()));
        match designated {
            Some((designator, headline)) => {
                self.push(
                    &line,
                    designator,
                    Role::Note,
                    "version note on the headline",
                );
                self.push(&line, headline, Role::Headline, why);
            }
            None => self.push(&line, text, Role::Headline, why),
        }
    }

    /// Subhead, byline, dateline and notes under the headline; returns where
    /// the body starts.
    fn under(&mut self, h: usize, end: usize, mark: Mark) -> usize {
        let n = self.lines.len();
        let mut i = end + 1;
        let mut subhead_allowed = true;
        while i < n {
            let line = self.lines[i].clone();
            let text = line.text.as_str();
            if self.is_repeat(&line) {
                self.push(&line, text, Role::Dropped, "headline repeated verbatim");
            } else if let Some(why) = self.common_note(&line) {
                self.note(&line, why);
            } else if !self.has(Role::Byline) && is_byline(text) {
                match split_byline(text) {
                    Some((name, stamp)) => {
                        self.push(&line, name, Role::Byline, "byline");
                        self.push(&line, stamp, Role::Note, "timestamp on the byline line");
                    }
                    None => self.push(&line, text, Role::Byline, "byline"),
                }
                subhead_allowed = false;
                if let Some(next) = self.lines.get(i + 1)
                    && (next.block == line.block || is_agency(&next.text))
                    && is_byline_tail(&next.text)
                {
                    // The agency goes to the note, as wire systems file it;
                    // a job title stays with the name.
                    let next = next.clone();
                    let (role, why) = if is_agency(&next.text) {
                        (Role::Note, "agency line under the byline")
                    } else {
                        (Role::Byline, "byline, second line")
                    };
                    self.push(&next, next.text.clone(), role, why);
                    i += 1;
                }
            } else if !self.has(Role::Dateline)
                && !matches!(line.kind, Kind::Item | Kind::Code)
                && let Some((place, credit)) = dateline_line(text)
            {
                self.push(&line, place, Role::Dateline, "dateline line");
                if !credit.is_empty() {
                    self.push(
                        &line,
                        credit,
                        Role::Note,
                        "agency credit on the dateline line",
                    );
                }
                subhead_allowed = false;
            } else if !self.has(Role::Dateline) && self.dateline_after_byline(i) {
                self.push(
                    &line,
                    text,
                    Role::Dateline,
                    "short line closing the byline's block",
                );
                subhead_allowed = false;
            } else if subhead_allowed && let Some(why) = self.subhead(h, i, mark) {
                self.push(&line, text, Role::Subhead, why);
                subhead_allowed = false;
            } else {
                break;
            }
            i += 1;
        }
        i
    }

    /// A dateline not in capitals: a short line that is not a sentence and
    /// ends its block, right under the byline ("Leeds") or shaped as place
    /// and country or date ("Kyiv, Ukraine", "Port Ellen, Nov. 23").
    fn dateline_after_byline(&self, i: usize) -> bool {
        let line = &self.lines[i];
        let Some(prev) = i.checked_sub(1).map(|p| &self.lines[p]) else {
            return false;
        };
        let after_byline = self
            .pieces
            .last()
            .is_some_and(|p| p.role == Role::Byline && p.line == Some(prev.line_no));
        // It ends its block (in Markdown every field is a block of its own).
        let closes = self.lines.get(i + 1).is_none_or(|n| n.block != line.block);
        let place_date = is_titlecase_dateline(&line.text);
        // A bare place ("Leeds") carries no full stop; "Washington, D.C."
        // is a place and state.
        (place_date || (after_byline && !ends_with_stop(&line.text)))
            && closes
            && line.kind == Kind::Para
            && line.style == Style::Plain
            && word_count(&line.text) <= 6
            && line.text.chars().count() <= 50
            && line.text.chars().next().is_some_and(char::is_uppercase)
            && !ends_sentence(&line.text)
            && !line.text.ends_with(':')
    }

    /// Whether line `i` is the subhead, and why.
    fn subhead(&self, h: usize, i: usize, mark: Mark) -> Option<&'static str> {
        let line = &self.lines[i];
        if matches!(line.kind, Kind::Item | Kind::Code | Kind::Quote) {
            return None;
        }
        let words = word_count(&line.text);
        if matches!(line.kind, Kind::Heading(_)) {
            return Some("heading under the headline");
        }
        // A line opening with a dateline (`MELBOURNE, March 3 AAP - …`) is
        // the lede.
        if line.kind == Kind::Para && lede_dateline(&line.text).is_some() {
            return None;
        }
        if line.style == Style::Italic && words <= 60 {
            return Some("italic line under the headline");
        }
        if line.style == Style::Bold || words == 0 || words > 60 {
            return None;
        }
        let next = self.lines.get(i + 1)?;
        // A deck right before the byline, dateline or timestamp (web copy).
        if words <= 40
            && (is_byline(&next.text)
                || is_standalone_dateline(&next.text)
                || is_titlecase_dateline(&next.text)
                || is_timestamp(&next.text))
        {
            return Some("line before the byline");
        }
        if mark != Mark::FirstLine {
            // Marked-up copy marks its subhead too.
            return None;
        }
        let headline_block = self.lines[h].block;
        let closes_block = next.block != line.block;
        if line.block == headline_block && closes_block {
            return Some("line closing the headline's block");
        }
        // A subhead has no full stop, even after an abbreviation ("U.S.").
        if words > 40 || ends_with_stop(&line.text) {
            return None;
        }
        let alone = self.lines[i - 1].block != line.block && closes_block;
        if alone {
            return Some("short line standing alone");
        }
        // Copy with one paragraph per line: a line that is not a sentence,
        // above lines that are.
        let rest: Vec<Line> = self.lines[i + 1..]
            .iter()
            .take_while(|l| l.block == line.block)
            .take(12)
            .cloned()
            .collect();
        (line.block == headline_block && rest.len() >= 2 && one_paragraph_per_line(&rest))
            .then_some("line under the headline, not a sentence")
    }

    fn body(&mut self, start: usize) {
        let rest = self.lines.split_off(start.min(self.lines.len()));
        if rest.is_empty() {
            self.report.push("no body text found".to_owned());
            return;
        }
        // First what each line is; then paragraphs of the body lines.
        let mut roles: Vec<Option<(Role, &'static str)>> = Vec::with_capacity(rest.len());
        for line in &rest {
            let role = if self.is_repeat(line) {
                Some((Role::Dropped, "headline repeated verbatim"))
            } else if matches!(
                line.kind,
                Kind::Para | Kind::Quote | Kind::Html | Kind::Meta
            ) {
                self.body_note(line).map(|why| (Role::Note, why))
            } else {
                None
            };
            roles.push(role);
        }
        let body_lines: Vec<Line> = rest
            .iter()
            .zip(&roles)
            .filter(|(_, r)| r.is_none())
            .map(|(l, _)| l.clone())
            .collect();
        if body_lines.is_empty() {
            self.report.push("no body text found".to_owned());
        }
        let per_line = one_paragraph_per_line(&body_lines);

        let mut paragraphs = 0;
        let mut words = 0;
        let mut open: Option<(usize, Piece)> = None;
        let mut lede_seen = false;
        let flush =
            |c: &mut Classifier, open: &mut Option<(usize, Piece)>, lede_seen: &mut bool| {
                if let Some((_, piece)) = open.take() {
                    if !*lede_seen {
                        *lede_seen = true;
                        c.lede_dateline(&piece);
                    }
                    c.pieces.push(piece);
                }
            };
        for (line, role) in rest.iter().zip(&roles) {
            match role {
                Some((role, why)) => {
                    flush(self, &mut open, &mut lede_seen);
                    if *role == Role::Note {
                        self.note(line, why);
                    } else {
                        self.push(line, line.text.clone(), *role, why);
                    }
                }
                None => {
                    let text = line.body_text();
                    words += word_count(text);
                    let joins =
                        !per_line && open.as_ref().is_some_and(|(block, _)| *block == line.block);
                    if joins && let Some((_, piece)) = open.as_mut() {
                        piece.text.push(' ');
                        piece.text.push_str(text);
                        continue;
                    }
                    flush(self, &mut open, &mut lede_seen);
                    paragraphs += 1;
                    let why = match line.kind {
                        Kind::Heading(_) => "crosshead",
                        Kind::Quote => "block quote",
                        Kind::Item => "list item",
                        Kind::Code => "code block",
                        _ => "paragraph",
                    };
                    let piece = Piece::new(text, Role::Body, why).at_line(line.line_no);
                    open = Some((line.block, piece));
                }
            }
        }
        flush(self, &mut open, &mut lede_seen);
        if body_lines.is_empty() {
            return;
        }
        let first = body_lines.first().map_or(0, |l| l.line_no);
        let last = body_lines.last().map_or(0, |l| l.line_no);
        let how = if per_line {
            "one per line: the copy separates paragraphs by single line breaks"
        } else {
            "one per blank-line block"
        };
        let span = if first == last {
            format!("line {first}")
        } else {
            format!("lines {first}–{last}")
        };
        self.report.push(format!(
            "{span}: body, {} ({how}), {}",
            plural(paragraphs, "paragraph"),
            plural(words, "word")
        ));
        for (kind, what) in [
            (Kind::Quote, "block quote"),
            (Kind::Item, "list item"),
            (Kind::Code, "code-block line"),
        ] {
            let count = body_lines.iter().filter(|l| l.kind == kind).count();
            if count > 0 {
                self.report.push(format!(
                    "{} kept in the body as plain paragraphs",
                    plural(count, what)
                ));
            }
        }
    }

    /// Why a body line goes to the editor's note: credits, trailers, captions,
    /// wire notes, timestamps and lone agency lines.
    fn body_note(&self, line: &Line) -> Option<&'static str> {
        let text = line.text.as_str();
        Some(match line.kind {
            Kind::Html => "raw HTML",
            Kind::Meta => "front matter",
            _ if eds_prefix(text).is_some() => "Eds: note",
            _ if is_credit(text) => "reporting credit",
            _ if is_copyright(text) => "copyright trailer",
            _ if is_photo_credit(text) => "photo credit",
            _ if is_asset_link(text) => "picture or logo link",
            _ if is_agency(text) => "agency line",
            _ if is_end_mark(text) => "end mark",
            _ if is_labelled_timestamp(text) => "timestamp",
            _ => return None,
        })
    }

    /// The dateline at the start of the lede, when the head had none: a copy
    /// of it goes to the dateline (without the agency credit); the lede keeps
    /// its text.
    fn lede_dateline(&mut self, lede: &Piece) {
        if lede.why != "paragraph" || self.has(Role::Dateline) {
            return;
        }
        let Some((prefix, place)) = lede_dateline(&lede.text) else {
            return;
        };
        let why = if prefix == place {
            "dateline of the lede, which keeps it"
        } else {
            "dateline of the lede without the agency credit; the lede keeps it"
        };
        let mut piece = Piece::new(place, Role::Dateline, why);
        piece.line = lede.line;
        self.pieces.push(piece);
    }

    fn extras(&mut self, extras: &Extras) {
        for (kind, text, url) in &extras.links {
            let label = if text.is_empty() {
                format!("{kind}: {url}")
            } else {
                format!("{kind}: {text} → {url}")
            };
            self.pieces
                .push(Piece::new(label, Role::Note, "link address"));
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
    }
}

/// A headline's text for comparing repeats.
fn repeat_key(text: &str) -> String {
    let text = text.trim_end_matches(['.', '!', '?', ':', ';', ',', ' ']);
    let mut key = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            key.push(match c {
                '“' | '”' | '„' | '«' | '»' => '"',
                '‘' | '’' => '\'',
                c => c,
            });
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::super::shapes::quote;

    #[test]
    fn quote_cuts_long_text() {
        let long = "x".repeat(80);
        assert!(quote(&long).ends_with("…”"));
    }
}
