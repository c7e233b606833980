//! Plain-text export, wire style:
//!
//! ```text
//! harbour-footbridge                          slug line
//! Eds: Check the figure before this moves.    editor's note, if any (every
//! Eds: Photo desk has pictures.               line of it labelled)
//!
//! Harbour footbridge reopens                  headline
//! Engineers replaced 140 oak planks           subhead
//! By Mira Holt                                byline
//! PORT ELLEN, Nov. 23                         dateline
//!
//! First paragraph.                            body, one paragraph per line,
//!                                             blank line between paragraphs
//! Second paragraph.
//! ```
//!
//! Empty fields are left out (with their line). Text is written exactly as typed;
//! [`crate::import`] reads this layout back into the same fields.

use crate::story::Fields;

/// The plain-text rendering of `fields` (already normalised).
pub fn export(fields: &Fields) -> String {
    let mut out = String::with_capacity(fields.body.len() + 512);
    let mut top: Vec<String> = Vec::new();
    if !fields.slug.trim().is_empty() {
        top.push(fields.slug.clone());
    }
    // Every line of the note carries the label, so no line of it can be taken
    // for a headline when the text is read back.
    for line in super::paragraphs(&fields.note) {
        top.push(format!("Eds: {line}"));
    }
    let head: Vec<&str> = [
        &fields.headline,
        &fields.subhead,
        &fields.byline,
        &fields.dateline,
    ]
    .into_iter()
    .map(String::as_str)
    .filter(|t| !t.trim().is_empty())
    .collect();

    let top: Vec<&str> = top.iter().map(String::as_str).collect();
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    if !top.is_empty() {
        blocks.push(top);
    }
    if !head.is_empty() {
        blocks.push(head);
    }
    for block in &blocks {
        for line in block {
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    for paragraph in super::paragraphs(&fields.body) {
        out.push_str(paragraph);
        out.push_str("\n\n");
    }
    // One newline at the end, not a blank line.
    while out.ends_with("\n\n") {
        out.pop();
    }
    if out.is_empty() {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout() {
        let fields = Fields {
            slug: "kyiv-bridge".into(),
            headline: "Bridge reopens".into(),
            byline: "By Олена Коваленко".into(),
            body: "One.\n\nTwo.\nThree.".into(),
            note: "Check names.\nPhotos at 8.".into(),
            ..Fields::default()
        };
        assert_eq!(
            export(&fields),
            "kyiv-bridge\nEds: Check names.\nEds: Photos at 8.\n\nBridge reopens\nBy Олена Коваленко\n\nOne.\n\nTwo.\n\nThree.\n"
        );
    }

    #[test]
    fn empty_story_is_one_newline() {
        assert_eq!(export(&Fields::default()), "\n");
    }
}
