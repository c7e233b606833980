//! Plain-text rendering of a story diff, like `git diff --word-diff=plain`:
//! deletions as `[-…-]`, insertions as `{+…+}`, one `@@ field @@` section per
//! changed field (per changed paragraph of the body), optional ANSI colour.

use std::fmt::Write;
use std::ops::Range;

use std::time::Instant;

use super::inline::inline_changes;
use super::tokens::{Interner, dice, word_tokens};
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
/// section per part; the old paragraph is compared with all its parts read
/// as one text: the part closest to it shows the old paragraph turned into
/// that part, the text that went on to the other parts removed, and each
/// other part only its own changed words), `¶N merged from ¶M and ¶M+1` (the
/// new paragraph as the old one closest to it turned into it, the text of the
/// others added) followed by `¶M+1 merged into ¶N` for each other old
/// paragraph (the text it became, only its changed words marked). Changes of
/// blank lines alone are not shown.
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
                    // text. The part it shares most words with shows the old
                    // paragraph turned into that part: its edits marked, the
                    // text that went on to the other parts struck out. The
                    // other parts show only their own word changes.
                    let from = fd.old_paragraphs[*i].clone();
                    let parts: Vec<Range<usize>> =
                        js.clone().map(|j| fd.new_paragraphs[j].clone()).collect();
                    let whole = parts[0].start..parts[parts.len() - 1].end;
                    let raw = word_marks(old, new, from.clone(), whole.clone(), diff);
                    let main = closest(&old[from.clone()], new, &parts);
                    let segs = segments(from, whole, &raw);
                    let marks = words_only(old, new, raw);
                    for (k, j) in js.clone().enumerate() {
                        head(&mut out, format!("¶{} split from ¶{}", j + 1, i + 1));
                        if k == main {
                            let pieces = split_main(old, new, &segs, parts[k].clone());
                            style.pieces(&mut out, &pieces);
                            continue;
                        }
                        let next = parts.get(k + 1).map_or(usize::MAX, |p| p.start);
                        let here = marks_in_part(&marks, parts[k].clone(), next, k == 0);
                        style.marked(&mut out, old, new, parts[k].clone(), here.into_iter());
                    }
                }
                Row::Merged {
                    old: is, new: j, ..
                } => {
                    // The new paragraph against all the old ones read as one
                    // text. Its section shows the old paragraph it shares most
                    // words with turned into it: its edits marked, the text of
                    // the other old paragraphs added. Each of those has a
                    // section of its own with only its word changes marked.
                    let into = fd.new_paragraphs[*j].clone();
                    let parts: Vec<Range<usize>> =
                        is.clone().map(|i| fd.old_paragraphs[i].clone()).collect();
                    let whole = parts[0].start..parts[parts.len() - 1].end;
                    let numbers: Vec<String> = is.clone().map(|i| format!("¶{}", i + 1)).collect();
                    head(
                        &mut out,
                        format!("¶{} merged from {}", j + 1, join(&numbers)),
                    );
                    let raw = word_marks(old, new, whole.clone(), into.clone(), diff);
                    let main = closest(&new[into.clone()], old, &parts);
                    let segs = segments(whole, into.clone(), &raw);
                    style.pieces(&mut out, &merge_main(old, new, &segs, parts[main].clone()));
                    for (k, i) in is.clone().enumerate() {
                        if k != main {
                            head(&mut out, format!("¶{} merged into ¶{}", i + 1, j + 1));
                            let pieces = merge_part(old, new, &segs, &parts, k);
                            style.pieces(&mut out, &pieces);
                        }
                    }
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

/// The part (of `parts`, ranges of `side`) that shares most words with
/// `text`: the first of the best.
fn closest(text: &str, side: &str, parts: &[Range<usize>]) -> usize {
    let mut interner = Interner::default();
    let bag = interner.bag(text);
    let mut best = (0, -1.0f32);
    for (k, p) in parts.iter().enumerate() {
        let d = dice(&bag, &interner.bag(&side[p.clone()]));
        if d > best.1 {
            best = (k, d);
        }
    }
    best.0
}

/// One run of a word diff: equal text, or a change (either side may be empty).
struct Seg {
    equal: bool,
    old: Range<usize>,
    new: Range<usize>,
}

/// The runs of the word diff of `old` and `new` (ranges of the field texts)
/// given its changes `marks`, in order: equal, changed, equal, …
fn segments(
    old: Range<usize>,
    new: Range<usize>,
    marks: &[(Range<usize>, Range<usize>)],
) -> Vec<Seg> {
    let mut out = Vec::with_capacity(2 * marks.len() + 1);
    let (mut o, mut n) = (old.start, new.start);
    for (a, b) in marks {
        if a.start > o || b.start > n {
            out.push(Seg {
                equal: true,
                old: o..a.start,
                new: n..b.start,
            });
        }
        out.push(Seg {
            equal: false,
            old: a.clone(),
            new: b.clone(),
        });
        (o, n) = (a.end, b.end);
    }
    if old.end > o || new.end > n {
        out.push(Seg {
            equal: true,
            old: o..old.end,
            new: n..new.end,
        });
    }
    out
}

/// The tokens of an equal run, paired (ranges of the field texts); `None`
/// when they do not pair one to one.
fn token_pairs(old: &str, new: &str, seg: &Seg) -> Option<Vec<(Range<usize>, Range<usize>)>> {
    let a = word_tokens(&old[seg.old.clone()]);
    let b = word_tokens(&new[seg.new.clone()]);
    if a.len() != b.len() {
        return None;
    }
    let (mut x, mut y) = (seg.old.start, seg.new.start);
    let mut out = Vec::with_capacity(a.len());
    for (s, t) in a.iter().zip(&b) {
        out.push((x..x + s.len(), y..y + t.len()));
        x += s.len();
        y += t.len();
    }
    Some(out)
}

fn within(r: &Range<usize>, part: &Range<usize>) -> bool {
    r.start >= part.start && r.end <= part.end
}

fn clamp(r: &Range<usize>, part: &Range<usize>) -> Range<usize> {
    let start = r.start.clamp(part.start, part.end);
    start..r.end.clamp(start, part.end)
}

/// A piece of one printed line: unmarked, removed or added text.
enum Piece<'a> {
    Plain(&'a str),
    Del(&'a str),
    Ins(&'a str),
}

/// The old paragraph of a split (the runs `segs` of its diff with all its
/// parts) as the part `part` of the new text: text kept in this part
/// unmarked, its word changes marked, and everything that went on to the
/// other parts removed — so the line reads as the old paragraph on its old
/// side and as this part on its new side.
fn split_main<'a>(old: &'a str, new: &'a str, segs: &[Seg], part: Range<usize>) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    for seg in segs {
        if !seg.equal {
            out.push(Piece::Del(&old[seg.old.clone()]));
            out.push(Piece::Ins(&new[clamp(&seg.new, &part)]));
        } else if within(&seg.new, &part) {
            out.push(Piece::Plain(&new[seg.new.clone()]));
        } else if clamp(&seg.new, &part).is_empty() {
            out.push(Piece::Del(&old[seg.old.clone()]));
        } else if let Some(pairs) = token_pairs(old, new, seg) {
            for (a, b) in pairs {
                if within(&b, &part) {
                    out.push(Piece::Plain(&new[b]));
                } else {
                    out.push(Piece::Del(&old[a]));
                }
            }
        } else {
            out.push(Piece::Del(&old[seg.old.clone()]));
            out.push(Piece::Ins(&new[clamp(&seg.new, &part)]));
        }
    }
    out
}

/// The new paragraph of a merge (the runs `segs` of its diff with all the old
/// paragraphs) against the old paragraph `part`: text kept from that
/// paragraph unmarked, its word changes marked, and the text that came from
/// the other old paragraphs added — so the line reads as that old paragraph
/// on its old side and as the new one on its new side.
fn merge_main<'a>(old: &'a str, new: &'a str, segs: &[Seg], part: Range<usize>) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    for seg in segs {
        if !seg.equal {
            out.push(Piece::Del(&old[clamp(&seg.old, &part)]));
            out.push(Piece::Ins(&new[seg.new.clone()]));
        } else if within(&seg.old, &part) {
            out.push(Piece::Plain(&new[seg.new.clone()]));
        } else if clamp(&seg.old, &part).is_empty() {
            out.push(Piece::Ins(&new[seg.new.clone()]));
        } else if let Some(pairs) = token_pairs(old, new, seg) {
            for (a, b) in pairs {
                if within(&a, &part) {
                    out.push(Piece::Plain(&new[b]));
                } else {
                    out.push(Piece::Ins(&new[b]));
                }
            }
        } else {
            out.push(Piece::Del(&old[clamp(&seg.old, &part)]));
            out.push(Piece::Ins(&new[seg.new.clone()]));
        }
    }
    out
}

/// Another old paragraph of a merge (`parts[k]`): the text it became in the
/// new paragraph, with only its own word changes marked. A change belongs to
/// the old paragraph where it begins (the first also takes what comes before
/// it).
fn merge_part<'a>(
    old: &'a str,
    new: &'a str,
    segs: &[Seg],
    parts: &[Range<usize>],
    k: usize,
) -> Vec<Piece<'a>> {
    let part = &parts[k];
    let from = if k == 0 { 0 } else { part.start };
    let until = parts.get(k + 1).map_or(usize::MAX, |p| p.start);
    let mut out = Vec::new();
    for seg in segs {
        if !seg.equal {
            let kept = clamp(&seg.old, part);
            if !kept.is_empty() || (seg.old.start >= from && seg.old.start < until) {
                out.push(Piece::Del(&old[kept]));
                out.push(Piece::Ins(&new[seg.new.clone()]));
            }
        } else if within(&seg.old, part) {
            out.push(Piece::Plain(&new[seg.new.clone()]));
        } else if !clamp(&seg.old, part).is_empty() {
            match token_pairs(old, new, seg) {
                Some(pairs) => out.extend(
                    pairs
                        .into_iter()
                        .filter(|(a, _)| within(a, part))
                        .map(|(_, b)| Piece::Plain(&new[b])),
                ),
                None => out.push(Piece::Plain(&new[seg.new.clone()])),
            }
        }
    }
    out
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
    /// One line of `pieces`: runs of removed and added text side by side
    /// printed as one removal then one addition, spaces at their ends left
    /// outside the marks, changes of spacing alone printed as plain space.
    fn pieces(&self, out: &mut String, pieces: &[Piece]) {
        let mut line = String::new();
        let (mut del, mut ins) = (String::new(), String::new());
        let plain = |line: &mut String, text: &str| {
            let text = text.replace('\n', " ");
            if text.trim().is_empty() && (line.is_empty() || line.ends_with(' ')) {
                return;
            }
            line.push_str(&text);
        };
        let flush = |line: &mut String, del: &mut String, ins: &mut String, end: bool| {
            if del.trim().is_empty() && ins.trim().is_empty() {
                let space = if ins.is_empty() { &*del } else { &*ins };
                plain(line, space);
            } else {
                let lead = |t: &str| t.len() - t.trim_start().len();
                let trail = |t: &str| t.len() - t.trim_end().len();
                // A side of spaces alone loses them at both ends: cut once.
                let cut = |t: &str, l: usize, r: usize| t[l..(t.len() - r).max(l)].to_owned();
                let (dl, il) = (lead(del), lead(ins));
                let (dt, it) = (trail(del), trail(ins));
                // Spaces at an end go outside the marks when every non-empty
                // side has them there, and always at an end of the line
                // (where they are not printed).
                let out_lead = line.is_empty()
                    || (del.trim().is_empty() || dl > 0) && (ins.trim().is_empty() || il > 0);
                let out_trail =
                    end || (del.trim().is_empty() || dt > 0) && (ins.trim().is_empty() || it > 0);
                let d = cut(
                    del,
                    if out_lead { dl } else { 0 },
                    if out_trail { dt } else { 0 },
                );
                let i = cut(
                    ins,
                    if out_lead { il } else { 0 },
                    if out_trail { it } else { 0 },
                );
                if out_lead {
                    plain(line, " ");
                }
                self.deleted(line, d.trim_matches('\n'));
                self.inserted(line, i.trim_matches('\n'));
                if out_trail {
                    plain(line, " ");
                }
            }
            del.clear();
            ins.clear();
        };
        for piece in pieces {
            match piece {
                Piece::Plain(t) => {
                    if !del.is_empty() || !ins.is_empty() {
                        flush(&mut line, &mut del, &mut ins, false);
                    }
                    plain(&mut line, t);
                }
                Piece::Del(t) => del.push_str(t),
                Piece::Ins(t) => ins.push_str(t),
            }
        }
        if !del.is_empty() || !ins.is_empty() {
            flush(&mut line, &mut del, &mut ins, true);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }

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
