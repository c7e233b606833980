//! Saving over a file someone else changed keeps both texts: theirs (their
//! drafts, and their current text when no draft holds it) goes into the
//! story's drafts, and yours is saved on top. Nothing anyone saved is lost.

use crate::story::{Draft, DraftNumbersExhausted, Story};

/// The label of the draft that keeps their current text.
pub const THEIRS_LABEL: &str = "Their text, kept when saved over";

/// Take into `mine` everything of `theirs` (the file as it is on disk now)
/// that `mine` lacks: their drafts (yours renumbered after theirs where the
/// numbers clash), their current text as a draft when no draft holds it, and
/// their recorded decisions. Returns the number of the draft that keeps their
/// current text, if one was added.
pub fn keep_theirs(mine: &mut Story, theirs: &Story) -> Result<Option<u32>, DraftNumbersExhausted> {
    mine.drafts = crate::recovery::merged_drafts(&theirs.drafts, &mine.drafts);
    for decision in &theirs.decisions {
        if !mine.decisions.contains(decision) {
            mine.decisions.push(decision.clone());
        }
    }
    let held = theirs.fields.is_empty() || mine.drafts.iter().any(|d| d.fields == theirs.fields);
    if held {
        return Ok(None);
    }
    let last = mine.drafts.iter().map(|d| d.number).max().unwrap_or(0);
    let number = last.checked_add(1).ok_or(DraftNumbersExhausted { last })?;
    mine.drafts.push(Draft {
        number,
        saved: theirs.modified,
        label: Some(THEIRS_LABEL.to_owned()),
        fields: theirs.fields.clone(),
        unknown: Default::default(),
    });
    Ok(Some(number))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::{Fields, now};

    fn story(headline: &str) -> Story {
        Story::with_fields(Fields {
            headline: headline.into(),
            body: "One.".into(),
            ..Fields::default()
        })
    }

    #[test]
    fn their_unsaved_as_draft_text_and_drafts_are_kept() {
        let mut base = story("Base");
        base.record_draft(None, now());
        let mut theirs = base.clone();
        theirs.fields.headline = "Theirs, drafted".into();
        theirs.record_draft(None, now());
        // A script changed the current text without a draft.
        theirs.fields.headline = "Theirs, by a script".into();
        let mut mine = base.clone();
        mine.fields.headline = "Mine".into();
        mine.record_draft(Some("Mine".into()), now());

        let kept = keep_theirs(&mut mine, &theirs).unwrap();
        let heads: Vec<(u32, &str)> = mine
            .drafts
            .iter()
            .map(|d| (d.number, d.fields.headline.as_str()))
            .collect();
        assert_eq!(
            heads,
            [
                (1, "Base"),
                (2, "Theirs, drafted"),
                (3, "Mine"),
                (4, "Theirs, by a script")
            ]
        );
        assert_eq!(kept, Some(4));
        assert_eq!(mine.fields.headline, "Mine", "the current text stays mine");
    }

    #[test]
    fn their_text_already_in_a_draft_is_not_kept_twice() {
        let mut theirs = story("Theirs");
        theirs.record_draft(None, now());
        let mut mine = story("Mine");
        assert_eq!(keep_theirs(&mut mine, &theirs).unwrap(), None);
        assert_eq!(mine.drafts.len(), 1);
        assert_eq!(mine.drafts[0].fields.headline, "Theirs");
    }
}
