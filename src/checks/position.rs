//! Line and column of a byte offset, for placing findings in a text.

/// 1-based line and column (in characters) of byte `at` in `text`. Scans
/// `text` up to `at`: for many positions in one text use [`LineIndex`].
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Where each line of a text starts, to turn byte offsets into line and
/// column without scanning the text from its start for each one: a binary
/// search finds the line; on an ASCII line the column is a subtraction, and on
/// any other line the characters are counted on from the previous position
/// asked for when it was earlier on the same line (findings come sorted). So
/// placing every finding of a text is linear overall, even 200,000 of them on
/// one line.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of each line (the first is 0).
    starts: Vec<usize>,
    /// Whether each line is all ASCII.
    ascii: Vec<bool>,
    /// The last position placed: (byte, line, column).
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        let mut ascii = Vec::new();
        let mut line_ascii = true;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
                ascii.push(line_ascii);
                line_ascii = true;
            } else if b >= 0x80 {
                line_ascii = false;
            }
        }
        ascii.push(line_ascii);
        LineIndex {
            text,
            starts,
            ascii,
            last: std::cell::Cell::new((0, 1, 1)),
        }
    }

    /// 1-based line and column (in characters) of byte `at`.
    pub fn line_column(&self, at: usize) -> (usize, usize) {
        let text = self.text;
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        // The last line start at or before `at`.
        let line = self.starts.partition_point(|&start| start <= at);
        let line_start = self.starts[line - 1];
        if self.ascii[line - 1] {
            return (line, at - line_start + 1);
        }
        let (last_at, last_line, last_column) = self.last.get();
        let column = if last_line == line && last_at <= at {
            last_column + text[last_at..at].chars().count()
        } else {
            text[line_start..at].chars().count() + 1
        };
        self.last.set((at, line, column));
        (line, column)
    }
}
