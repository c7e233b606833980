//! Dismissals (the desk's decision to let a finding stand, keyed on the
//! offending text) and applying quick fixes to a story's fields.

use std::collections::HashSet;
use std::ops::Range;

use super::quotes::smart_quotes;
use super::{COPY_FIELDS, Finding, Rule};
use crate::story::{Dismissal, Fields};

/// The dismissal that records `finding` as the desk's decision.
pub fn dismissal(finding: &Finding, fields: &Fields) -> Dismissal {
    Dismissal {
        rule: finding.rule.key().to_owned(),
        field: finding.field.key().to_owned(),
        text: dismissal_text(finding, fields.get(finding.field)),
    }
}

/// The text a dismissal keys on: for whole-field rules the field's text (a
/// too-long headline is dismissed for that headline only); for the word target
/// nothing (the target is dismissed for the story); otherwise the offending
/// text widened to whole words within its line, so that, say, one straight
/// quote is told from another.
fn dismissal_text(finding: &Finding, text: &str) -> String {
    match finding.rule {
        Rule::SlugTooLong | Rule::HeadlineTooLong | Rule::SubheadTooLong => text.to_owned(),
        Rule::RequiredEmpty | Rule::WordTarget => String::new(),
        _ => {
            let Some(range) = valid_range(text, &finding.range) else {
                return String::new();
            };
            // Widen over the non-space characters on either side only (a
            // newline is a space): the cost is the words', not the line's.
            let before = &text[..range.start];
            let start = before.trim_end_matches(|c: char| !c.is_whitespace()).len();
            let after = &text[range.end..];
            let end = range.end
                + (after.len() - after.trim_start_matches(|c: char| !c.is_whitespace()).len());
            text[start..end].to_owned()
        }
    }
}

/// Whether the desk dismissed this finding.
pub fn is_dismissed(finding: &Finding, fields: &Fields, dismissed: &[Dismissal]) -> bool {
    if dismissed.is_empty() {
        return false;
    }
    let d = dismissal(finding, fields);
    dismissed.contains(&d)
}

/// The findings that are not dismissed.
pub fn active(findings: Vec<Finding>, fields: &Fields, dismissed: &[Dismissal]) -> Vec<Finding> {
    if dismissed.is_empty() {
        return findings;
    }
    let set: HashSet<&Dismissal> = dismissed.iter().collect();
    findings
        .into_iter()
        .filter(|f| !set.contains(&dismissal(f, fields)))
        .collect()
}

/// `range` if it lies within `text` on char boundaries.
fn valid_range(text: &str, range: &Range<usize>) -> Option<Range<usize>> {
    (range.start <= range.end
        && range.end <= text.len()
        && text.is_char_boundary(range.start)
        && text.is_char_boundary(range.end))
    .then(|| range.clone())
}

/// `text` with the finding's fix applied, or `None` when it has no fix or its
/// range does not fit `text` (the text changed since the check).
pub fn apply_fix(text: &str, finding: &Finding) -> Option<String> {
    let fix = finding.fix.as_ref()?;
    let range = valid_range(text, &finding.range)?;
    let mut out = String::with_capacity(text.len() + fix.replacement.len());
    out.push_str(&text[..range.start]);
    out.push_str(&fix.replacement);
    out.push_str(&text[range.end..]);
    Some(out)
}

/// Apply the finding's fix to its field. Returns whether the text changed.
pub fn apply_fix_to(fields: &mut Fields, finding: &Finding) -> bool {
    let text = fields.get_mut(finding.field);
    match apply_fix(text, finding) {
        Some(fixed) if fixed != *text => {
            *text = fixed;
            true
        }
        _ => false,
    }
}

/// Turn every straight quote in the printed fields into a curly one
/// ([`smart_quotes`]). Returns whether anything changed.
pub fn fix_all_quotes(fields: &mut Fields) -> bool {
    let mut changed = false;
    for field in COPY_FIELDS {
        let text = fields.get_mut(field);
        if text.contains(['"', '\'']) {
            *text = smart_quotes(text);
            changed = true;
        }
    }
    changed
}
