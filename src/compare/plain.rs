//! Plain-text rendering of a story diff, like `git diff --word-diff=plain`:
//! deletions as `[-…-]`, insertions as `{+…+}`, one `@@ field @@` section per
//! changed field (per changed paragraph of the body), optional ANSI colour.

use std::fmt::Write;
use std::ops::Range;

use std::time::Instant;

use super::inline::inline_changes;
use super::tokens::{Interner, shared};
use super::{Row, StoryDiff};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[m";

struct Style {
    color: bool,
}

impl Style {
    fn wrap(&self, out: &mut String, code: &str, open: &str, text: &str, close: &str) {
        if self.color {
            let _ = write!(out, "{code}{open}{text}{close}{RESET}");
        } else {
            let _ = write!(out, "{open}{text}{close}");
        }
    }
    fn deleted(&self, out: &mut String, text: &str) {
        if !text.is_empty() {
            self.wrap(out, RED, "[-", text, "-]");
        }
    }
    fn inserted(&self, out: &mut String, text: &str) {
        if !text.is_empty() {
            self.wrap(out, GREEN, "{+", text, "+}");
        }
    }
    fn header(&self, out: &mut String, text: &str) {
        self.wrap(out, CYAN, "@@ ", text, " @@");
        out.push('\n');
    }
}

/// Render `diff` as a word diff. `old_name` and `new_name` head the output.
/// Returns an empty string when nothing changed.
///
/// Body and note get one section per changed paragraph, numbered by written
/// paragraph (¶5 is the fifth): `¶N` (edited), `¶N added`, `¶N deleted`,
/// `¶N moved from ¶M` (the paragraph at its new place, only its changed words
/// marked), `¶M moved to ¶N` (its old place, no text), `¶N split from ¶M` (one
/// section per part; the part that kept most of the old paragraph shows it as
/// an edit, what went to the other parts marked removed), `¶N merged from ¶M
/// and ¶M+1` (as an edit of the old paragraph it kept most of, the text that
/// came from the others marked added). Changes of blank lines alone are not
/// shown.
pub fn word_diff(diff: &StoryDiff, old_name: &str, new_name: &str, color: bool) -> String {
    let style = Style { color };
    let mut out = String::new();
    if diff.is_identical() {
        return out;
    }
    if color {
        let _ = writeln!(
            out,
            "{BOLD}--- {old_name}{RESET}\n{BOLD}+++ {new_name}{RESET}"
        );
    } else {
        let _ = writeln!(out, "--- {old_name}\n+++ {new_name}");
    }
    for fd in diff.fields.iter().filter(|f| !f.is_unchanged()) {
        let old = diff.old.get(fd.field);
        let new = diff.new.get(fd.field);
        let key = fd.field.key();
        let multi = fd.field.is_multiline();
        let shows = fd.rows.iter().any(|r| !matches!(r, Row::Same { .. }));
        if !multi && shows {
            style.header(&mut out, key);
        }
        let head = |out: &mut String, text: String| {
            if multi {
                style.header(out, &format!("{key} {text}"));
            }
        };
        for row in &fd.rows {
            match row {
                Row::Same { .. } => {}
                Row::Edited {
                    new: j, changes, ..
                } => {
                    head(&mut out, format!("¶{}", j + 1));
                    let marks = changes.iter().map(|&k| {
                        let c = &fd.changes[k];
                        (c.old.clone(), c.new.clone())
                    });
                    style.marked(&mut out, old, new, fd.new_paragraphs[*j].clone(), marks);
                }
                Row::Split {
                    old: i, new: js, ..
                } => {
                    // Each part as an edit of the old paragraph: the part that
                    // kept most of it shows every change (what went to the
                    // other parts is marked removed there); the others mark
                    // only their new words.
                    let from = fd.old_paragraphs[*i].clone();
                    let parts: Vec<Range<usize>> =
                        js.clone().map(|j| fd.new_paragraphs[j].clone()).collect();
                    let main = dominant(&old[from.clone()], parts.iter().map(|r| &new[r.clone()]));
                    for (k, j) in js.clone().enumerate() {
                        head(&mut out, format!("¶{} split from ¶{}", j + 1, i + 1));
                        let marks = word_marks(old, new, from.clone(), parts[k].clone(), diff);
                        if k == main {
                            style.marked(&mut out, old, new, parts[k].clone(), marks.into_iter());
                        } else {
                            let added = marks.into_iter().map(|(a, b)| (a.start..a.start, b));
                            style.marked(&mut out, old, new, parts[k].clone(), added);
                        }
                    }
                }
                Row::Merged {
                    old: is, new: j, ..
                } => {
                    // The new paragraph as an edit of the old one it kept most
                    // of; the text of the others marked added.
                    let into = fd.new_paragraphs[*j].clone();
                    let parts: Vec<Range<usize>> =
                        is.clone().map(|i| fd.old_paragraphs[i].clone()).collect();
                    let main = dominant(&new[into.clone()], parts.iter().map(|r| &old[r.clone()]));
                    let numbers: Vec<String> = is.clone().map(|i| format!("¶{}", i + 1)).collect();
                    head(
                        &mut out,
                        format!("¶{} merged from {}", j + 1, join(&numbers)),
                    );
                    let marks = word_marks(old, new, parts[main].clone(), into.clone(), diff);
                    style.marked(&mut out, old, new, into, marks.into_iter());
                }
                Row::Deleted { old: i, .. } => {
                    head(&mut out, format!("¶{} deleted", i + 1));
                    style.deleted(&mut out, &old[fd.old_paragraphs[*i].clone()]);
                    out.push('\n');
                }
                Row::Inserted { new: j, .. } => {
                    head(&mut out, format!("¶{} added", j + 1));
                    style.inserted(&mut out, &new[fd.new_paragraphs[*j].clone()]);
                    out.push('\n');
                }
                Row::MovedAway { old: i, to, .. } => {
                    head(&mut out, format!("¶{} moved to ¶{}", i + 1, to + 1));
                }
                Row::MovedHere {
                    new: j,
                    from,
                    words,
                    ..
                } => {
                    head(&mut out, format!("¶{} moved from ¶{}", j + 1, from + 1));
                    let marks = words.iter().cloned();
                    style.marked(&mut out, old, new, fd.new_paragraphs[*j].clone(), marks);
                }
            }
        }
    }
    out
}

/// Word changes between `old[from]` and `new[to]`, as ranges of the field texts.
fn word_marks(
    old: &str,
    new: &str,
    from: Range<usize>,
    to: Range<usize>,
    diff: &StoryDiff,
) -> Vec<(Range<usize>, Range<usize>)> {
    let deadline = Instant::now() + diff.options.timeout;
    inline_changes(
        &old[from.clone()],
        &new[to.clone()],
        &diff.options,
        deadline,
    )
    .into_iter()
    .map(|(a, b)| {
        (
            a.start + from.start..a.end + from.start,
            b.start + to.start..b.end + to.start,
        )
    })
    .collect()
}

/// Which of `parts` shares the most words with `whole`.
fn dominant<'a>(whole: &str, parts: impl Iterator<Item = &'a str>) -> usize {
    let mut interner = Interner::default();
    let bag = interner.bag(whole);
    let mut best = (0, 0);
    for (k, part) in parts.enumerate() {
        let n = shared(&bag, &interner.bag(part));
        if n > best.1 {
            best = (k, n);
        }
    }
    best.0
}

/// "¶4 and ¶5", "¶4, ¶5 and ¶6".
fn join(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl Style {
    /// The new text `span` with `marks` (old range, new range) shown as
    /// deletions and insertions, one written paragraph per line. Marked text
    /// never spans a line: a paragraph break inside a change is printed as a
    /// line break outside the markers (added) or left out (removed).
    fn marked(
        &self,
        out: &mut String,
        old: &str,
        new: &str,
        span: Range<usize>,
        marks: impl Iterator<Item = (Range<usize>, Range<usize>)>,
    ) {
        let mut pos = span.start;
        for (a, b) in marks {
            plain_text(out, &new[pos..b.start]);
            let (removed, added) = (&old[a], &new[b.clone()]);
            if removed.contains('\n') {
                let mut first = true;
                for piece in removed.split('\n').filter(|p| !p.trim().is_empty()) {
                    if !first {
                        out.push(' ');
                    }
                    self.deleted(out, piece);
                    first = false;
                }
            } else {
                self.deleted(out, removed);
            }
            if added.contains('\n') {
                let mut first = true;
                for line in added.split('\n') {
                    if !first && !out.ends_with('\n') {
                        out.push('\n');
                    }
                    if !line.trim().is_empty() {
                        self.inserted(out, line);
                    }
                    first = false;
                }
            } else {
                self.inserted(out, added);
            }
            pos = b.end;
        }
        plain_text(out, &new[pos..span.end]);
        out.push('\n');
    }
}

/// Unmarked text, blank lines between paragraphs printed as one line break.
fn plain_text(out: &mut String, text: &str) {
    let mut first = true;
    for line in text.split('\n') {
        if !first && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(line);
        first = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{Options, compare};
    use crate::story::Fields;

    #[test]
    fn renders_like_git_word_diff() {
        let old = Fields {
            headline: "Bridge reopens".into(),
            body: "Same.\nThe quick fox.\nGone.".into(),
            ..Fields::default()
        };
        let new = Fields {
            headline: "Footbridge reopens".into(),
            body: "Same.\nThe slow fox.\nNew.".into(),
            ..Fields::default()
        };
        let diff = compare(&old, &new, &Options::default());
        let text = word_diff(&diff, "a", "b", false);
        assert_eq!(
            text,
            "--- a\n+++ b\n@@ headline @@\n[-Bridge-]{+Footbridge+} reopens\n\
             @@ body ¶2 @@\nThe [-quick-]{+slow+} fox.\n\
             @@ body ¶3 deleted @@\n[-Gone.-]\n@@ body ¶3 added @@\n{+New.+}\n"
        );
        let colored = word_diff(&diff, "a", "b", true);
        assert!(colored.contains("\x1b[31m[-quick-]\x1b[m"));
        assert!(word_diff(&compare(&old, &old, &Options::default()), "a", "b", false).is_empty());
    }
}
