//! Plain-text rendering of a story diff, like `git diff --word-diff=plain`:
//! deletions as `[-…-]`, insertions as `{+…+}`, one `@@ field @@` section per
//! changed field (per changed paragraph of the body), optional ANSI colour.

use std::fmt::Write;
use std::ops::Range;

use std::time::Instant;

use super::inline::inline_changes;
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
/// section per part, each with only its changed words marked: the old
/// paragraph is compared with all its parts read as one text), `¶N merged
/// from ¶M and ¶M+1` (the new paragraph compared with the old ones read as one
/// text, only changed words marked). Changes of blank lines alone are not
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
                    // The old paragraph against all its parts read as one
                    // text: only real word changes are marked, never the text
                    // that went on to another part (it is shown there).
                    let from = fd.old_paragraphs[*i].clone();
                    let parts: Vec<Range<usize>> =
                        js.clone().map(|j| fd.new_paragraphs[j].clone()).collect();
                    let whole = parts[0].start..parts[parts.len() - 1].end;
                    let marks = words_only(old, new, word_marks(old, new, from, whole, diff));
                    for (k, j) in js.clone().enumerate() {
                        head(&mut out, format!("¶{} split from ¶{}", j + 1, i + 1));
                        let next = parts.get(k + 1).map_or(usize::MAX, |p| p.start);
                        let here = marks_in_part(&marks, parts[k].clone(), next, k == 0);
                        style.marked(&mut out, old, new, parts[k].clone(), here.into_iter());
                    }
                }
                Row::Merged {
                    old: is, new: j, ..
                } => {
                    // The new paragraph against all the old ones read as one
                    // text: only real word changes are marked.
                    let into = fd.new_paragraphs[*j].clone();
                    let parts: Vec<Range<usize>> =
                        is.clone().map(|i| fd.old_paragraphs[i].clone()).collect();
                    let whole = parts[0].start..parts[parts.len() - 1].end;
                    let numbers: Vec<String> = is.clone().map(|i| format!("¶{}", i + 1)).collect();
                    head(
                        &mut out,
                        format!("¶{} merged from {}", j + 1, join(&numbers)),
                    );
                    let marks =
                        words_only(old, new, word_marks(old, new, whole, into.clone(), diff));
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

/// `marks` without those that change only spaces and line breaks (where a
/// paragraph was split or two were joined).
fn words_only(
    old: &str,
    new: &str,
    marks: Vec<(Range<usize>, Range<usize>)>,
) -> Vec<(Range<usize>, Range<usize>)> {
    marks
        .into_iter()
        .filter(|(a, b)| !(old[a.clone()].trim().is_empty() && new[b.clone()].trim().is_empty()))
        .map(|(a, b)| trim_spaces(old, new, a, b))
        .collect()
}

/// A mark whose old and new text both begin (or both end) with spaces or line
/// breaks, without them: at a split or a join that is where the paragraph
/// break sits, which is not a word change.
fn trim_spaces(
    old: &str,
    new: &str,
    mut a: Range<usize>,
    mut b: Range<usize>,
) -> (Range<usize>, Range<usize>) {
    let lead = |t: &str| t.len() - t.trim_start().len();
    let trail = |t: &str| t.len() - t.trim_end().len();
    let (la, lb) = (lead(&old[a.clone()]), lead(&new[b.clone()]));
    if la > 0 && lb > 0 {
        a.start += la;
        b.start += lb;
    }
    let (ta, tb) = (trail(&old[a.clone()]), trail(&new[b.clone()]));
    if ta > 0 && tb > 0 {
        a.end -= ta;
        b.end -= tb;
    }
    (a, b)
}

/// The marks (made against all the parts of a split read as one text) that
/// belong to the part `part`: those whose new text falls in it (cut to it), and
/// removals placed in it or in the gap before the next part (`next`: its
/// start). Removed text is shown once, with the part where the mark begins
/// (`first`: this is the first part, which also takes marks before it).
fn marks_in_part(
    marks: &[(Range<usize>, Range<usize>)],
    part: Range<usize>,
    next: usize,
    first: bool,
) -> Vec<(Range<usize>, Range<usize>)> {
    let mut here = Vec::new();
    for (a, b) in marks {
        let begins_here = (first || b.start >= part.start) && b.start < next;
        let start = b.start.clamp(part.start, part.end);
        let end = b.end.clamp(part.start, part.end);
        if begins_here {
            here.push((a.clone(), start..end.max(start)));
        } else if start < end {
            here.push((a.start..a.start, start..end));
        }
    }
    here
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
