//! The spelling check: misspelt words of the printed fields as [`Finding`]s
//! whose quick fix is the best suggestion (all suggestions kept in
//! [`Misspelling`]).
//!
//! Headline, subhead and body are checked. The byline and dateline are not:
//! they are names and places, and their words are accepted everywhere in the
//! story (the reporter's name in the body, the dateline's city). Slug and
//! note are never proofread. Words the story ignores
//! (`story::Proofing::ignored_words`) are accepted like list words.

use std::ops::Range;

use super::{Finding, Rule};
use crate::spell::{Speller, WordList};
use crate::story::{Field, Fields, Story};

/// The fields spelling reads.
pub const SPELLING_FIELDS: [Field; 3] = [Field::Headline, Field::Subhead, Field::Body];

/// One misspelt word and what might be meant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Misspelling {
    pub field: Field,
    /// Byte range of the word in the field's text.
    pub range: Range<usize>,
    pub word: String,
    /// Up to five corrections, best first (may be empty).
    pub suggestions: Vec<String>,
}

/// The words the story itself accepts: its ignored words and the words of
/// its byline and dateline.
pub fn story_words(fields: &Fields, ignored: &[String]) -> WordList {
    let mut list = WordList::new();
    for word in ignored {
        list.insert(word);
    }
    for field in [Field::Byline, Field::Dateline] {
        let text = fields.get(field);
        for token in crate::spell::tokens::words(text) {
            let word = &text[token.range];
            list.insert(word);
            // "By OLENA PETRENKO" and "KYIV" are names too, in any case.
            list.insert(&word.to_lowercase());
        }
    }
    list
}

/// Every misspelt word of the printed fields, without suggestions (the fast
/// part: what marks and counts need).
pub fn misspelt(fields: &Fields, speller: &Speller, also: &WordList) -> Vec<(Field, Range<usize>)> {
    let mut out = Vec::new();
    for field in SPELLING_FIELDS {
        let text = fields.get(field);
        out.extend(
            speller
                .misspelt(text, also)
                .into_iter()
                .map(|range| (field, range)),
        );
    }
    out
}

/// Every misspelt word of the story with its suggestions.
pub fn misspellings(story: &Story, speller: &Speller) -> Vec<Misspelling> {
    let also = story_words(&story.fields, &story.proofing.ignored_words);
    misspelt(&story.fields, speller, &also)
        .into_iter()
        .map(|(field, range)| {
            let word = story.fields.get(field)[range.clone()].to_owned();
            Misspelling {
                field,
                suggestions: speller.suggest(&word),
                range,
                word,
            }
        })
        .collect()
}

/// The misspelt words at `found` (field, byte range, as [`misspelt`] gives
/// them; ranges that no longer fit are skipped) with the suggestions
/// already known, and the words whose suggestions are not known yet: the
/// quick pass for the UI thread.
pub fn known(
    story: &Story,
    speller: &Speller,
    found: &[(Field, Range<usize>)],
) -> (Vec<Misspelling>, Vec<String>) {
    let mut unknown = Vec::new();
    let list = found
        .iter()
        .filter_map(|(field, range)| {
            let word = story.fields.get(*field).get(range.clone())?.to_owned();
            let suggestions = speller.cached_suggestions(&word).unwrap_or_else(|| {
                if !unknown.contains(&word) {
                    unknown.push(word.clone());
                }
                Vec::new()
            });
            Some(Misspelling {
                field: *field,
                range: range.clone(),
                word,
                suggestions,
            })
        })
        .collect();
    (list, unknown)
}

impl Misspelling {
    /// The finding the checks panel and `copydesk check` show.
    pub fn finding(&self, lang: &str) -> Finding {
        let message = match self.suggestions.as_slice() {
            [] => format!("“{}” is not in the {lang} dictionary", self.word),
            some => format!(
                "“{}” is not in the {lang} dictionary — did you mean {}?",
                self.word,
                some.join(", ")
            ),
        };
        let finding = Finding::new(Rule::Spelling, self.field, self.range.clone(), message);
        match self.suggestions.first() {
            Some(best) => finding.with_fix(format!("Change to “{best}”"), best.clone()),
            None => finding,
        }
    }
}

/// The spelling findings of a story.
pub fn spelling(story: &Story, speller: &Speller) -> Vec<Finding> {
    misspellings(story, speller)
        .iter()
        .map(|m| m.finding(&speller.lang))
        .collect()
}
