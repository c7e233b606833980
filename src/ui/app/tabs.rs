//! Many stories open at once: the window's tabs. The story on screen lives in
//! the app's own fields; every other open story is parked here as a [`Tab`]
//! with everything that belongs to it (its document — unsaved text, lock and
//! recovery key — its undo, view, history, checks and find state). Switching
//! tabs parks one and brings another back, so the rest of the app only ever
//! deals with the story on screen.

use std::path::{Path, PathBuf};

use egui::RichText;

use egui::text_edit::TextEditState;

use super::{CopydeskApp, Document, Modal, Then, View};
use crate::story::{Field, Fields};
use crate::ui::checks_panel::ChecksPanel;
use crate::ui::editor;
use crate::ui::history::History;

/// A story open in a tab that is not on screen.
pub(super) struct Tab {
    doc: Document,
    undo: Vec<Fields>,
    view: View,
    history: History,
    pending_select: Option<(crate::story::Field, std::ops::Range<usize>)>,
    marking: crate::ui::marking::Marking,
    checks: ChecksPanel,
    house_style: crate::ui::house_style::HouseStyle,
    /// Each field editor's cursor and its own undo history: kept per story,
    /// so Ctrl+Z in one story never brings back another's text.
    editors: Vec<(Field, Option<TextEditState>)>,
}

/// The parked tabs and where the story on screen sits among them.
#[derive(Default)]
pub(super) struct Tabs {
    /// The other open stories, in tab order without the one on screen.
    parked: Vec<Tab>,
    /// The position of the story on screen in the tab order.
    active: usize,
}

/// What the tab bar was asked for.
enum TabClick {
    Switch(usize),
    Close(usize),
}

impl CopydeskApp {
    /// How many stories are open.
    pub fn tab_count(&self) -> usize {
        self.tabs.parked.len() + 1
    }

    /// The position of the story on screen among the tabs.
    pub fn active_tab(&self) -> usize {
        self.tabs.active
    }

    /// The open stories in tab order: (name, unsaved) each.
    pub fn tab_names(&self) -> Vec<(String, bool)> {
        let mut names: Vec<(String, bool)> = self
            .tabs
            .parked
            .iter()
            .map(|t| (t.doc.display_name(), t.doc.is_dirty()))
            .collect();
        names.insert(
            self.tabs.active,
            (self.doc.display_name(), self.doc.is_dirty()),
        );
        names
    }

    /// Take the story on screen (and all that goes with it) off the screen,
    /// leaving an untitled placeholder that the caller replaces at once.
    fn park(&mut self) -> Tab {
        // Its recovery copy is written now: the autosave follows the story on
        // screen, and a parked story's text does not change until it is back.
        if let Some(autosave) = &mut self.autosave {
            autosave.park(&self.doc);
        }
        let view = match std::mem::replace(&mut self.view, View::Editor) {
            View::Desk => View::Editor,
            other => other,
        };
        let editors = Field::ALL
            .into_iter()
            .map(|field| {
                let id = editor::field_id(field);
                let state = TextEditState::load(&self.ctx, id);
                self.ctx.data_mut(|d| d.remove::<TextEditState>(id));
                (field, state)
            })
            .collect();
        Tab {
            editors,
            doc: std::mem::replace(&mut self.doc, Document::untitled()),
            undo: std::mem::take(&mut self.undo),
            view,
            history: std::mem::take(&mut self.history),
            pending_select: self.pending_select.take(),
            marking: std::mem::take(&mut self.marking),
            checks: std::mem::take(&mut self.checks),
            house_style: std::mem::take(&mut self.house_style),
        }
    }

    /// Put a parked tab on screen (the one there must be parked already).
    fn unpark(&mut self, tab: Tab) {
        for field in Field::ALL {
            let id = editor::field_id(field);
            self.ctx.data_mut(|d| d.remove::<TextEditState>(id));
        }
        for (field, state) in tab.editors {
            if let Some(state) = state {
                state.store(&self.ctx, editor::field_id(field));
            }
        }
        self.doc = tab.doc;
        self.undo = tab.undo;
        self.view = tab.view;
        self.history = tab.history;
        self.pending_select = tab.pending_select;
        self.marking = tab.marking;
        self.checks = tab.checks;
        self.house_style = tab.house_style;
        self.title.clear();
    }

    /// Show tab `index` (in tab order).
    pub(super) fn switch_tab(&mut self, index: usize) {
        if index == self.tabs.active || index >= self.tab_count() {
            return;
        }
        let current = self.park();
        self.tabs.parked.insert(self.tabs.active, current);
        let tab = self.tabs.parked.remove(index);
        self.tabs.active = index;
        self.unpark(tab);
    }

    /// The next tab (or the previous one), wrapping round.
    pub(super) fn step_tab(&mut self, forward: bool) {
        let n = self.tab_count();
        if n < 2 {
            return;
        }
        let next = if forward {
            (self.tabs.active + 1) % n
        } else {
            (self.tabs.active + n - 1) % n
        };
        self.switch_tab(next);
    }

    /// Whether the story on screen can simply give way to another: an
    /// untouched story with no file (the sample, a new untitled story).
    fn replaceable(&self) -> bool {
        self.doc.path.is_none() && !self.doc.is_dirty() && self.undo.is_empty()
    }

    /// Show `doc` in a tab of its own (or in place of an untouched untitled
    /// story), in the editor.
    pub(super) fn open_in_tab(&mut self, doc: Document) {
        if !self.replaceable() {
            let current = self.park();
            self.tabs.parked.insert(self.tabs.active, current);
            self.tabs.active = self.tabs.parked.len();
        }
        self.unpark(Tab {
            doc,
            undo: Vec::new(),
            view: View::Editor,
            history: History::default(),
            pending_select: None,
            marking: Default::default(),
            checks: ChecksPanel::new(),
            house_style: Default::default(),
            editors: Vec::new(),
        });
    }

    /// The tab holding the story file `path`, if it is open.
    pub(super) fn tab_of(&self, path: &Path) -> Option<usize> {
        let same = |p: &Path| {
            p == path
                || std::fs::canonicalize(p)
                    .ok()
                    .is_some_and(|c| Some(c) == std::fs::canonicalize(path).ok())
        };
        if self.doc.path.as_deref().is_some_and(same) {
            return Some(self.tabs.active);
        }
        let i = self
            .tabs
            .parked
            .iter()
            .position(|t| t.doc.path.as_deref().is_some_and(same))?;
        Some(if i >= self.tabs.active { i + 1 } else { i })
    }

    /// Close the story on screen (its unsaved changes already dealt with):
    /// the tab after it (or before) comes on screen, or an untitled story
    /// when it was the last. Its lock is let go.
    pub(super) fn close_tab_now(&mut self) {
        if self.tabs.parked.is_empty() {
            for field in Field::ALL {
                let id = editor::field_id(field);
                self.ctx.data_mut(|d| d.remove::<TextEditState>(id));
            }
            self.doc = Document::untitled();
            self.undo.clear();
            self.view = View::Editor;
            self.history = History::default();
            self.pending_select = None;
            self.checks = ChecksPanel::new();
            return;
        }
        let index = self.tabs.active.min(self.tabs.parked.len() - 1);
        let tab = self.tabs.parked.remove(index);
        self.tabs.active = index;
        // Replacing the document drops the closed one, which lets its lock go.
        self.unpark(tab);
    }

    /// Close tab `index`, asking first when it has unsaved changes.
    fn close_tab(&mut self, index: usize) {
        self.switch_tab(index);
        self.guard(Then::CloseTab);
    }

    /// The story files of every open story with unsaved changes.
    pub(super) fn unsaved_paths(&self) -> Vec<PathBuf> {
        std::iter::once(&self.doc)
            .chain(self.tabs.parked.iter().map(|t| &t.doc))
            .filter(|d| d.is_dirty())
            .filter_map(|d| d.path.clone())
            .collect()
    }

    /// The names of the open stories with unsaved changes, in tab order.
    pub(super) fn unsaved_names(&self) -> Vec<String> {
        self.tab_names()
            .into_iter()
            .filter(|(_, dirty)| *dirty)
            .map(|(name, _)| name)
            .collect()
    }

    /// The first tab other than the one on screen with unsaved changes.
    pub(super) fn other_unsaved_tab(&self) -> Option<usize> {
        let i = self.tabs.parked.iter().position(|t| t.doc.is_dirty())?;
        Some(if i >= self.tabs.active { i + 1 } else { i })
    }

    /// Forget every open story's unsaved changes (Discard all): their
    /// recovery copies are removed.
    pub(super) fn discard_all(&mut self) {
        if let Some(autosave) = &mut self.autosave {
            for doc in std::iter::once(&self.doc).chain(self.tabs.parked.iter().map(|t| &t.doc)) {
                if doc.is_dirty() {
                    let _ = autosave.clear(&doc.recovery_key);
                }
            }
        }
    }

    /// Let every open story's lock go (the window closes).
    pub(super) fn release_all_locks(&mut self) {
        self.doc.release_lock();
        for tab in &mut self.tabs.parked {
            tab.doc.release_lock();
        }
    }

    /// The strip of tabs, shown when more than one story is open.
    pub(super) fn tab_bar(&mut self, ui: &mut egui::Ui) {
        if self.tab_count() < 2 {
            return;
        }
        let mut click = None;
        egui::Panel::top("copydesk-tabs").show(ui, |ui| {
            egui::ScrollArea::horizontal().show(ui, |ui| {
                ui.horizontal(|ui| {
                    for (i, (name, dirty)) in self.tab_names().into_iter().enumerate() {
                        let active = i == self.tabs.active;
                        let text = if dirty {
                            format!("● {name}")
                        } else {
                            name.clone()
                        };
                        let text = if active {
                            RichText::new(text).strong()
                        } else {
                            RichText::new(text)
                        };
                        let tab = ui
                            .push_id(("copydesk-tab", i), |ui| ui.selectable_label(active, text))
                            .inner
                            .on_hover_text(if dirty { "Unsaved changes" } else { "Saved" });
                        if tab.clicked() {
                            click = Some(TabClick::Switch(i));
                        }
                        let close = ui.small_button("×").on_hover_text(format!("Close {name}"));
                        close.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::Button,
                                true,
                                format!("Close {name}"),
                            )
                        });
                        if close.clicked() {
                            click = Some(TabClick::Close(i));
                        }
                        ui.separator();
                    }
                });
            });
        });
        match click {
            _ if self.modal.is_some() => {}
            Some(TabClick::Switch(i)) => self.switch_tab(i),
            Some(TabClick::Close(i)) => self.close_tab(i),
            None => {}
        }
    }

    /// Closing the window: one prompt listing every unsaved story when more
    /// than one has changes; the single-story prompt when one has.
    pub(super) fn guard_quit(&mut self) {
        match self.unsaved_names().len() {
            0 => self.proceed(Then::Quit),
            1 => {
                if let Some(i) = self.other_unsaved_tab() {
                    self.switch_tab(i);
                }
                self.modal = Some(Modal::Unsaved { then: Then::Quit });
            }
            _ => self.modal = Some(Modal::UnsavedAll),
        }
    }

    /// The prompt listing every unsaved story: Save all, Discard all, Cancel.
    pub(super) fn unsaved_all_modal(&mut self, ctx: &egui::Context) -> Option<Modal> {
        use crate::ui::prompts::SaveAnswer;
        match crate::ui::prompts::unsaved_all(ctx, &self.unsaved_names()) {
            None => Some(Modal::UnsavedAll),
            Some(SaveAnswer::Cancel) => None,
            Some(SaveAnswer::Discard) => {
                self.discard_all();
                self.allow_close = true;
                self.proceed(Then::Quit);
                self.modal.take()
            }
            Some(SaveAnswer::Save) => {
                self.saving_all = true;
                self.save_next_for_quit();
                self.modal.take()
            }
        }
    }

    /// Save all, one story at a time: the next unsaved story comes on screen
    /// and is saved; once it is, [`Then::Quit`] comes back here. A save that
    /// stops (a conflict, a cancelled dialog) stops the closing.
    pub(super) fn save_next_for_quit(&mut self) {
        if !self.doc.is_dirty()
            && let Some(i) = self.other_unsaved_tab()
        {
            self.switch_tab(i);
        }
        if self.doc.is_dirty() {
            self.save(Some(Then::Quit), None);
        } else {
            self.saving_all = false;
            self.allow_close = true;
            self.proceed(Then::Quit);
        }
    }
}
