//! What the editor marks, brought together once per frame: the find bar's
//! matches and the spelling underlines ([`SpellMarks`]), rebuilt into
//! [`Marks`] only when one of them or the text changed.

use crate::find::Match;
use crate::spell::{Speller, WordList};
use crate::story::Story;
use crate::ui::find_bar::FindBar;
use crate::ui::marks::Marks;
use crate::ui::spell_marks::SpellMarks;

/// What the marks were last built from.
#[derive(Clone, PartialEq)]
struct Stamp {
    generation: u64,
    spell: u64,
    find: u64,
    open: bool,
    current: Option<Match>,
}

/// The find bar and the spelling marks, and the editor marks made of them.
#[derive(Default)]
pub struct Marking {
    pub find: FindBar,
    pub spell: SpellMarks,
    marks: Marks,
    stamp: Option<Stamp>,
    /// The story's own words (byline, dateline, ignored) for a generation.
    also: Option<(u64, WordList)>,
    /// A match to bring into view in the next editor frame.
    pub reveal: Option<Match>,
}

impl Marking {
    pub fn new() -> Self {
        Self::default()
    }

    /// Bring the spelling marks and the editor marks up to date.
    pub fn update(
        &mut self,
        ctx: &egui::Context,
        story: &Story,
        generation: u64,
        speller: Option<&Speller>,
    ) {
        if self.also.as_ref().is_none_or(|(g, _)| *g != generation) {
            self.also = Some((generation, crate::ui::spelling::story_words(story)));
        }
        let also = self.also.as_ref().map(|(_, w)| w);
        let waker = ctx.clone();
        self.spell.update(
            &story.fields,
            generation,
            speller,
            also.unwrap_or(&WordList::new()),
            move || waker.request_repaint(),
        );
        let stamp = Stamp {
            generation,
            spell: self.spell.version(),
            find: self.find.version(),
            open: self.find.is_open(),
            current: self.find.current().cloned(),
        };
        if self.stamp.as_ref() != Some(&stamp) {
            self.marks = Marks::new(
                &story.fields,
                self.find.matches(),
                self.find.current(),
                self.spell.marks(),
            );
            self.stamp = Some(stamp);
        }
    }

    pub fn marks(&self) -> &Marks {
        &self.marks
    }
}
