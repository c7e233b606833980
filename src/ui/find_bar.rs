//! The find bar (Ctrl+F) and its replace row (Ctrl+H): query, match case,
//! whole word, regular expression, all fields or one; the count ("3 of 17"),
//! Enter / Shift+Enter to step, Replace and Replace all. Matches come from
//! `find` and are recomputed only when the query or the text changes. Like
//! the other panels it returns what the user asked for ([`FindAction`]); the
//! app carries it out (a replace is one edit that Undo Last Fix takes back).

use egui::{Key, RichText, TextEdit, Ui};

use crate::find::{self, FindError, Finder, Match, Query, Scope};
use crate::story::{Field, Fields};
use crate::ui::theme;

/// What the user asked the find bar for.
#[derive(Clone, Debug)]
pub enum FindAction {
    /// Bring this match into view (it is the current one).
    Show(Match),
    /// Replace this match.
    ReplaceOne {
        finder: Finder,
        at: Match,
        with: String,
    },
    /// Replace every match, as one edit.
    ReplaceAll { finder: Finder, with: String },
}

/// The find bar's state.
#[derive(Default)]
pub struct FindBar {
    open: bool,
    replace: bool,
    pub query: Query,
    pub replacement: String,
    /// Index of the current match in `matches`.
    current: Option<usize>,
    matches: Vec<Match>,
    finder: Option<Finder>,
    error: Option<FindError>,
    /// The query and text generation the matches are for.
    computed: Option<(Query, u64)>,
    /// Give the query field the keyboard focus next frame.
    focus: bool,
    /// Counts recomputations of the matches.
    version: u64,
    /// After a replace: the next current match is the first from here.
    resume: Option<(Field, usize)>,
}

/// The id of the query field (for focus).
fn query_id() -> egui::Id {
    egui::Id::unique("copydesk-find-query")
}

impl FindBar {
    pub fn new() -> Self {
        Self::default()
    }

    /// Open the bar (with the replace row when `replace`) and focus the query.
    pub fn open(&mut self, replace: bool) {
        self.open = true;
        self.replace |= replace;
        self.focus = true;
    }

    pub fn close(&mut self) {
        self.open = false;
        self.replace = false;
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Counts recomputations of the matches (they may have changed).
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The matches to highlight (none while the bar is closed).
    pub fn matches(&self) -> &[Match] {
        if self.open { &self.matches } else { &[] }
    }

    /// The current match, if one is chosen.
    pub fn current(&self) -> Option<&Match> {
        if !self.open {
            return None;
        }
        self.current.and_then(|i| self.matches.get(i))
    }

    /// "3 of 17", "17 matches", "No matches" (empty for an empty query).
    pub fn count_text(&self) -> String {
        if self.query.text.is_empty() {
            return String::new();
        }
        find::count_text(self.current, self.matches.len())
    }

    /// Recompute the matches if the query or the text (its `generation`)
    /// changed. The current match stays the one at or after where it was.
    pub fn refresh(&mut self, fields: &Fields, generation: u64) {
        if self
            .computed
            .as_ref()
            .is_some_and(|(q, g)| *q == self.query && *g == generation)
        {
            return;
        }
        let from = self
            .resume
            .take()
            .or_else(|| self.current().map(|m| (m.field, m.range.start)));
        self.version += 1;
        self.computed = Some((self.query.clone(), generation));
        self.error = None;
        self.finder = None;
        self.matches.clear();
        match Finder::new(&self.query) {
            Ok(Some(finder)) => {
                self.matches = finder.find_all(fields);
                self.finder = Some(finder);
            }
            Ok(None) => {}
            Err(err) => self.error = Some(err),
        }
        self.current = from.and_then(|(field, at)| {
            let from = (field_order(field), at);
            self.matches
                .iter()
                .position(|m| (field_order(m.field), m.range.start) >= from)
        });
    }

    /// A match was replaced and the replacement ends at `at` in `field`: the
    /// current match becomes the first after it.
    pub fn resume_after(&mut self, field: Field, at: usize) {
        self.resume = Some((field, at));
        self.computed = None;
    }

    /// Step to the next (or previous) match, wrapping around.
    pub fn step(&mut self, forward: bool) -> Option<FindAction> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        let next = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.current = Some(next);
        Some(FindAction::Show(self.matches[next].clone()))
    }

    /// Draw the bar. `generation` counts text changes (see `Document`).
    pub fn ui(&mut self, ui: &mut Ui, fields: &Fields, generation: u64) -> Option<FindAction> {
        self.refresh(fields, generation);
        let mut action = None;
        ui.add_space(2.0);
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            let response = ui
                .add(
                    TextEdit::singleline(&mut self.query.text)
                        .id(query_id())
                        .desired_width(220.0)
                        .hint_text("Text or pattern"),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus) {
                response.request_focus();
            }
            if response.lost_focus() {
                let (enter, shift, escape) = ui.input(|i| {
                    (
                        i.key_pressed(Key::Enter),
                        i.modifiers.shift,
                        i.key_pressed(Key::Escape),
                    )
                });
                if enter {
                    // Step with the matches of what was just typed.
                    self.refresh(fields, generation);
                    action = self.step(!shift);
                    response.request_focus();
                } else if escape {
                    self.close();
                }
            }
            let count = self.count_text();
            if !count.is_empty() {
                ui.label(RichText::new(count).strong());
            }
            if ui
                .small_button("Previous")
                .on_hover_text("Previous match (Shift+Enter)")
                .clicked()
            {
                action = self.step(false);
            }
            if ui
                .small_button("Next")
                .on_hover_text("Next match (Enter)")
                .clicked()
            {
                action = self.step(true);
            }
            ui.checkbox(&mut self.query.match_case, "Match case");
            ui.checkbox(&mut self.query.whole_word, "Whole word");
            ui.checkbox(&mut self.query.regex, "Regular expression")
                .on_hover_text("The regex crate's syntax; $1 in the replacement names a group");
            scope_ui(ui, &mut self.query.scope);
            if !self.replace && ui.small_button("Replace…").clicked() {
                self.replace = true;
            }
            if ui
                .small_button("Close")
                .on_hover_text("Close the find bar (Esc)")
                .clicked()
            {
                self.close();
            }
        });
        if let Some(err) = &self.error {
            ui.label(RichText::new(err.to_string()).color(theme::error_text(ui)));
        }
        if self.replace {
            ui.horizontal(|ui| {
                let label = ui.label("Replace with");
                ui.add(
                    TextEdit::singleline(&mut self.replacement)
                        .desired_width(220.0)
                        .hint_text("Replacement"),
                )
                .labelled_by(label.id);
                let any = !self.matches.is_empty();
                if ui
                    .add_enabled(any, egui::Button::new("Replace").small())
                    .on_hover_text("Replace the current match and go to the next")
                    .clicked()
                {
                    action = match (self.current().cloned(), &self.finder) {
                        (Some(at), Some(finder)) => Some(FindAction::ReplaceOne {
                            finder: finder.clone(),
                            at,
                            with: self.replacement.clone(),
                        }),
                        _ => self.step(true),
                    };
                }
                if ui
                    .add_enabled(any, egui::Button::new("Replace all").small())
                    .on_hover_text("Replace every match: one edit, Undo Last Fix takes it back")
                    .clicked()
                    && let Some(finder) = &self.finder
                {
                    action = Some(FindAction::ReplaceAll {
                        finder: finder.clone(),
                        with: self.replacement.clone(),
                    });
                }
            });
        }
        ui.add_space(2.0);
        if self.open { action } else { None }
    }
}

fn field_order(field: Field) -> usize {
    Field::ALL.iter().position(|f| *f == field).unwrap_or(0)
}

fn scope_ui(ui: &mut Ui, scope: &mut Scope) {
    let shown = match scope {
        Scope::All => "All fields".to_owned(),
        Scope::Field(f) => f.label().to_owned(),
    };
    let label = ui.label("In");
    egui::ComboBox::from_id_salt("find-scope")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(scope, Scope::All, "All fields");
            for field in Field::ALL {
                ui.selectable_value(scope, Scope::Field(field), field.label());
            }
        })
        .response
        .labelled_by(label.id);
}
