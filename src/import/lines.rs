//! The input as lines grouped in blocks, the common ground of the plain-text
//! and Markdown readers: each line knows the block it belongs to (blocks are
//! separated by blank lines, or by Markdown structure), what kind of block that
//! is, and whether the whole line was set in bold or italic.

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
