//! Field limits, empty required fields and the body's word target.

use unicode_segmentation::UnicodeSegmentation;

use super::{Finding, Rule};
use crate::story::{self, Field, Fields, Limits};

/// Slug, headline and subhead over their character limits (Error). The range
/// is the part past the limit.
pub fn field_limits(fields: &Fields, limits: &Limits) -> Vec<Finding> {
    let mut out = Vec::new();
    for (field, rule) in [
        (Field::Slug, Rule::SlugTooLong),
        (Field::Headline, Rule::HeadlineTooLong),
        (Field::Subhead, Rule::SubheadTooLong),
    ] {
        let Some(limit) = limits.for_field(field) else {
            continue;
        };
        let text = fields.get(field);
        let count = story::char_count(text);
        if count <= limit {
            continue;
        }
        let start = text
            .grapheme_indices(true)
            .nth(limit)
            .map_or(text.len(), |(i, _)| i);
        out.push(Finding::new(
            rule,
            field,
            start..text.len(),
            format!(
                "{} is {count} characters, {} over the {limit} limit",
                field.label(),
                count - limit
            ),
        ));
    }
    out
}

/// Required fields that are empty or only spaces (Error).
pub fn required_fields(fields: &Fields, required: &[Field]) -> Vec<Finding> {
    let mut out = Vec::new();
    for field in Field::ALL {
        if !required.contains(&field) {
            continue;
        }
        let text = fields.get(field);
        if text.trim().is_empty() {
            out.push(Finding::new(
                Rule::RequiredEmpty,
                field,
                0..text.len(),
                format!("{} is empty", field.label()),
            ));
        }
    }
    out
}

/// Info when a target is set and the body is more than 10% short of it or
/// over it. The range is empty, at the start of the body.
pub fn word_target(fields: &Fields, target: Option<usize>) -> Vec<Finding> {
    let Some(target) = target.filter(|t| *t > 0) else {
        return Vec::new();
    };
    let words = story::word_count(&fields.body);
    let percent = words * 100 / target;
    let message = if words * 10 < target * 9 {
        format!(
            "{} short of the {target}-word target ({words} words, {percent}%)",
            plural(target - words, "word", "words")
        )
    } else if words * 10 > target * 11 {
        format!(
            "{} over the {target}-word target ({words} words, {percent}%)",
            plural(words - target, "word", "words")
        )
    } else {
        return Vec::new();
    };
    vec![Finding::new(Rule::WordTarget, Field::Body, 0..0, message)]
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
