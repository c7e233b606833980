//! Plain-text rendering of a story diff, like `git diff --word-diff=plain`:
//! deletions as `[-…-]`, insertions as `{+…+}`, one `@@ field @@` section per
//! changed field (per changed paragraph of the body), optional ANSI colour.

use std::fmt::Write;

use super::{Row, StoryDiff};
use crate::story::Field;

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
        let multi = fd.field == Field::Body || fd.field == Field::Note;
        if !multi {
            style.header(&mut out, fd.field.key());
        }
        for row in &fd.rows {
            match row {
                Row::Same { .. } => {}
                Row::Edited {
                    new: j, changes, ..
                } => {
                    if multi {
                        style.header(&mut out, &format!("{} ¶{}", fd.field.key(), j + 1));
                    }
                    let new_par = fd.new_paragraphs[*j].clone();
                    let mut pos = new_par.start;
                    for &k in changes {
                        let c = &fd.changes[k];
                        out.push_str(&new[pos..c.new.start]);
                        style.deleted(&mut out, &old[c.old.clone()]);
                        style.inserted(&mut out, &new[c.new.clone()]);
                        pos = c.new.end;
                    }
                    out.push_str(&new[pos..new_par.end]);
                    out.push('\n');
                }
                Row::Deleted { old: i, .. } => {
                    if multi {
                        style.header(&mut out, &format!("{} ¶{} deleted", fd.field.key(), i + 1));
                    }
                    style.deleted(&mut out, &old[fd.old_paragraphs[*i].clone()]);
                    out.push('\n');
                }
                Row::Inserted { new: j, .. } => {
                    if multi {
                        style.header(&mut out, &format!("{} ¶{} added", fd.field.key(), j + 1));
                    }
                    style.inserted(&mut out, &new[fd.new_paragraphs[*j].clone()]);
                    out.push('\n');
                }
            }
        }
    }
    out
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
