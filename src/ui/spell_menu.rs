//! The right-click menu of a misspelt word in the editor: up to five
//! suggestions, Ignore (this story), Add to the desk's word list, Add to my
//! word list. It only returns what the user chose ([`WordAction`]); the app
//! carries it out.

use std::ops::Range;

use egui::{Galley, Pos2, Response, RichText, Ui};

use crate::story::Field;

/// Suggestions for a word (asked for when its menu opens).
pub type Suggest<'a> = &'a dyn Fn(&str) -> Vec<String>;

/// What the user chose for a misspelt word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WordAction {
    /// Replace the word (at these chars of the field, if it is still there).
    Replace {
        field: Field,
        chars: Range<usize>,
        word: String,
        with: String,
    },
    /// Accept the word in this story.
    Ignore(String),
    /// Add the word to the desk's word list (beside the story).
    AddToDesk(String),
    /// Add the word to the user's word list.
    AddToMine(String),
}

/// The word a menu is open for.
#[derive(Clone)]
struct Open {
    field: Field,
    chars: Range<usize>,
    word: String,
    suggestions: Vec<String>,
}

fn menu_id() -> egui::Id {
    egui::Id::unique("copydesk-spell-menu")
}

/// The misspelt word (char range) at char `at`, if any.
fn word_at(misspelt: &[Range<usize>], at: usize) -> Option<Range<usize>> {
    let i = misspelt.partition_point(|r| r.end < at);
    misspelt
        .get(i)
        .filter(|r| r.start <= at && at <= r.end)
        .cloned()
}

/// Offer the menu on `response` (a field's editor) when a misspelt word is
/// right-clicked. Returns the user's choice.
pub fn attach(
    ui: &Ui,
    response: &Response,
    field: Field,
    galley: &Galley,
    galley_pos: Pos2,
    misspelt: &[Range<usize>],
    suggest: Option<Suggest<'_>>,
) -> Option<WordAction> {
    if response.secondary_clicked() {
        let opened = response.interact_pointer_pos().and_then(|pos| {
            let at = galley.cursor_from_pos(pos - galley_pos).index.0;
            let chars = word_at(misspelt, at)?;
            let word: String = galley
                .text()
                .chars()
                .skip(chars.start)
                .take(chars.len())
                .collect();
            let suggestions = suggest.map(|s| s(&word)).unwrap_or_default();
            Some(Open {
                field,
                chars,
                word,
                suggestions,
            })
        });
        ui.data_mut(|d| match opened {
            Some(open) => {
                d.insert_temp(menu_id(), open);
            }
            None => d.remove::<Open>(menu_id()),
        });
    }
    let open = ui
        .data(|d| d.get_temp::<Open>(menu_id()))
        .filter(|o| o.field == field)?;
    let mut action = None;
    response.context_menu(|ui| {
        action = menu_ui(ui, &open);
        if action.is_some() {
            ui.close();
        }
    });
    action
}

fn menu_ui(ui: &mut Ui, open: &Open) -> Option<WordAction> {
    let mut action = None;
    ui.label(RichText::new(format!("“{}”", open.word)).strong());
    if open.suggestions.is_empty() {
        ui.label(RichText::new("No suggestions").weak());
    }
    for with in open.suggestions.iter().take(crate::spell::MAX_SUGGESTIONS) {
        if ui.button(with).clicked() {
            action = Some(WordAction::Replace {
                field: open.field,
                chars: open.chars.clone(),
                word: open.word.clone(),
                with: with.clone(),
            });
        }
    }
    ui.separator();
    if ui
        .button("Ignore in this story")
        .on_hover_text("Accept this word in this story (kept in the story file)")
        .clicked()
    {
        action = Some(WordAction::Ignore(open.word.clone()));
    }
    if ui
        .button("Add to desk's word list")
        .on_hover_text(format!(
            "{} beside the story: shared by everyone on the desk",
            crate::spell::DESK_WORDS
        ))
        .clicked()
    {
        action = Some(WordAction::AddToDesk(open.word.clone()));
    }
    if ui
        .button("Add to my word list")
        .on_hover_text("Your word list in Copydesk's config folder")
        .clicked()
    {
        action = Some(WordAction::AddToMine(open.word.clone()));
    }
    action
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_word_under_the_pointer() {
        let marks = [3..8, 12..20];
        assert_eq!(super::word_at(&marks, 5), Some(3..8));
        assert_eq!(super::word_at(&marks, 8), Some(3..8));
        assert_eq!(super::word_at(&marks, 10), None);
        assert_eq!(super::word_at(&marks, 12), Some(12..20));
        assert_eq!(super::word_at(&marks, 25), None);
    }
}
