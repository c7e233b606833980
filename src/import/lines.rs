//! The input as lines grouped in blocks, the common ground of the plain-text
//! and Markdown readers: each line knows the block it belongs to (blocks are
//! separated by blank lines, or by Markdown structure), what kind of block that
//! is, and whether the whole line was set in bold or italic — and how the
//! copy is laid out: hard-wrapped at a width, or one paragraph per line.

use super::shapes::{all_caps, ends_sentence};

/// What kind of block a line came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
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

/// Whether a whole line was set in bold or italic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    Plain,
    Bold,
    Italic,
}

#[derive(Clone, Debug)]
pub(crate) struct Line {
    /// The words of the line, markup removed (for plain text: a wholly bold
    /// or italic line loses its `**`/`*` markers here).
    pub text: String,
    /// The line as it goes into the body: for plain text the literal line,
    /// for Markdown the same as `text`.
    pub literal: Option<String>,
    pub kind: Kind,
    pub style: Style,
    pub block: usize,
    /// 1-based line in the input.
    pub line_no: usize,
}

impl Line {
    /// The text for the body: the line as typed in plain text.
    pub fn body_text(&self) -> &str {
        self.literal.as_deref().unwrap_or(&self.text)
    }
}

/// Things read from Markdown that hold no line of their own.
#[derive(Default)]
pub(crate) struct Extras {
    /// (kind, text, address) of links and images whose address is not their text.
    pub links: Vec<(&'static str, String, String)>,
    pub inline_html: usize,
    pub rules: usize,
}

pub(crate) struct Doc {
    pub lines: Vec<Line>,
    pub extras: Extras,
}

/// Plain text: one line per input line, blocks separated by blank lines. A
/// line wholly wrapped in `**…**` or `__…__` counts as bold, in `*…*` or
/// `_…_` as italic (e-mail and chat conventions), so that the same shapes are
/// found as in Markdown; the body still gets the line as typed.
pub(crate) fn plain_lines(text: &str) -> Doc {
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
        let (style, inner) = wrapped_style(line);
        lines.push(Line {
            text: inner.to_owned(),
            literal: (style != Style::Plain).then(|| line.to_owned()),
            kind: Kind::Para,
            style,
            block,
            line_no: i + 1,
        });
    }
    Doc {
        lines,
        extras: Extras::default(),
    }
}

/// The style of a line wholly wrapped in emphasis markers, and its inside.
fn wrapped_style(line: &str) -> (Style, &str) {
    for (marker, style) in [
        ("**", Style::Bold),
        ("__", Style::Bold),
        ("*", Style::Italic),
        ("_", Style::Italic),
    ] {
        if let Some(inner) = line
            .strip_prefix(marker)
            .and_then(|rest| rest.strip_suffix(marker))
        {
            let inner_ok = !inner.contains(marker)
                && !inner.starts_with(['*', '_', ' '])
                && !inner.ends_with(['*', '_', ' '])
                && inner.chars().any(char::is_alphanumeric);
            if inner_ok {
                return (style, inner);
            }
        }
    }
    (Style::Plain, line)
}

/// The width plain copy is hard-wrapped at: the third-longest line (a URL
/// or two may overrun it), when at least a fifth of the lines in blocks of
/// several lines come within 15 characters of it and at least three such
/// lines break a sentence, the next line going on in lower case (the wrap,
/// not the end of a paragraph or a stack of head lines). `None` for
/// copy with one paragraph per line, Markdown structure, or too few lines
/// to tell.
pub(crate) fn wrap_width(lines: &[Line]) -> Option<usize> {
    let mut lengths: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| {
            l.kind == Kind::Para
                && (lines.get(i + 1).is_some_and(|n| n.block == l.block)
                    || i.checked_sub(1).is_some_and(|p| lines[p].block == l.block))
        })
        .map(|(_, l)| l.text.chars().count())
        .collect();
    if lengths.len() < 6 {
        return None;
    }
    lengths.sort_unstable_by(|a, b| b.cmp(a));
    let width = lengths[2];
    let near = lengths
        .iter()
        .filter(|&&n| n + 15 >= width && n <= width)
        .count();
    let wraps = lines
        .windows(2)
        .filter(|pair| {
            let n = pair[0].text.chars().count();
            pair[0].kind == Kind::Para
                && pair[1].block == pair[0].block
                && n + 15 >= width
                && n <= width
                && !ends_sentence(&pair[0].text)
                && !pair[0].text.ends_with([':', ';'])
                && pair[1].text.chars().next().is_some_and(char::is_lowercase)
        })
        .count();
    ((40..=100).contains(&width) && near * 5 >= lengths.len() && wraps >= 3).then_some(width)
}

/// Whether copy separates paragraphs by single line breaks: most line breaks
/// inside blocks follow the end of a sentence, or some line is longer than a
/// wrapped line would be (110 characters).
pub(crate) fn one_paragraph_per_line(body: &[Line]) -> bool {
    let mut breaks = 0usize;
    let mut sentence_breaks = 0usize;
    let mut long_lines = false;
    for pair in body.windows(2) {
        if pair[0].block != pair[1].block {
            continue;
        }
        breaks += 1;
        let text = &pair[0].text;
        if ends_sentence(text) || text.ends_with([':', ';', '”', '"']) || all_caps(text) {
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
    fn wrapped_lines() {
        assert_eq!(wrapped_style("**Storm hits**"), (Style::Bold, "Storm hits"));
        assert_eq!(wrapped_style("*A summary.*"), (Style::Italic, "A summary."));
        assert_eq!(wrapped_style("_Deck_"), (Style::Italic, "Deck"));
        assert_eq!(wrapped_style("*a* and *b*"), (Style::Plain, "*a* and *b*"));
        assert_eq!(wrapped_style("snake_case_"), (Style::Plain, "snake_case_"));
        assert_eq!(wrapped_style("***"), (Style::Plain, "***"));
    }
}
