//! The history panel: the drafts kept in the story, newest first, with number,
//! time, label, words and the change in words against the previous draft; then
//! the older drafts moved to the story's archive (`STORY.drafts.ron`), which
//! opens as a story of its own to view and compare them.
//! Panels return what the user asked for; the app carries it out.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use crate::store;
use crate::story::{self, Story};

/// Stories with more drafts than this are offered to move the older ones to
/// the archive (the newest this many stay).
pub const ARCHIVE_KEEP: usize = 20;

/// What the user asked the history panel for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HistoryAction {
    /// Show this draft read-only.
    View(u32),
    /// Compare this draft with the text on screen.
    CompareWithCurrent(u32),
    /// Open the story's draft archive (a story file of its own).
    OpenArchive(PathBuf),
    /// Move all but the newest [`ARCHIVE_KEEP`] drafts to the archive.
    ArchiveOlder,
}

/// The archive beside the story, as last read.
struct ArchiveList {
    path: PathBuf,
    /// (number, label) of each archived draft, oldest first.
    drafts: Vec<(u32, Option<String>)>,
}

/// One draft's line in the list, computed once per draft (drafts never change).
struct Entry {
    number: u32,
    when: String,
    label: Option<String>,
    words: usize,
    delta: Option<i64>,
}

/// The panel's state: the list, cached until the story's drafts change.
#[derive(Default)]
pub struct History {
    entries: Vec<Entry>,
    cached_for: Option<(String, usize)>,
    archive: Option<ArchiveList>,
    /// What the archive list was read for: the story file and its archive's
    /// modification time.
    archive_for: Option<(PathBuf, Option<std::time::SystemTime>)>,
}

/// A draft's time as the editor reads it: local date and time.
pub fn local_time(ts: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    ts.to_zoned(tz.clone())
        .strftime("%d %b %Y %H:%M")
        .to_string()
}

impl History {
    fn refresh(&mut self, story: &Story) {
        let key = (story.id.clone(), story.drafts.len());
        if self.cached_for.as_ref() == Some(&key) {
            return;
        }
        let tz = jiff::tz::TimeZone::system();
        let mut previous = None;
        self.entries = story
            .drafts
            .iter()
            .map(|d| {
                let words = story::word_count(&d.fields.body);
                let delta = previous.map(|p: usize| words as i64 - p as i64);
                previous = Some(words);
                Entry {
                    number: d.number,
                    when: local_time(d.saved, &tz),
                    label: d.label.clone(),
                    words,
                    delta,
                }
            })
            .collect();
        self.cached_for = Some(key);
    }

    /// Read the archive beside the story file at `path` when it changed.
    fn refresh_archive(&mut self, path: Option<&Path>) {
        let Some(path) = path else {
            self.archive = None;
            self.archive_for = None;
            return;
        };
        let archive_path = store::archive_path(path);
        let modified = std::fs::metadata(&archive_path)
            .and_then(|m| m.modified())
            .ok();
        let key = (path.to_owned(), modified);
        if self.archive_for.as_ref() == Some(&key) {
            return;
        }
        self.archive = match store::load_archive(path) {
            Ok(Some(archive)) => Some(ArchiveList {
                path: archive_path,
                drafts: archive
                    .drafts
                    .iter()
                    .map(|d| (d.number, d.label.clone()))
                    .collect(),
            }),
            _ => None,
        };
        self.archive_for = Some(key);
    }

    /// The archive's part of the panel: how many drafts it holds, a button to
    /// open it, and their numbers and labels; and the offer to archive.
    fn archive_ui(&self, ui: &mut Ui, story: &Story, action: &mut Option<HistoryAction>) {
        if story.drafts.len() > ARCHIVE_KEEP
            && ui
                .small_button("Archive older drafts")
                .on_hover_text(format!(
                    "Move all but the newest {ARCHIVE_KEEP} drafts to the archive file beside the story"
                ))
                .clicked()
        {
            *action = Some(HistoryAction::ArchiveOlder);
        }
        let Some(archive) = &self.archive else {
            return;
        };
        let name = archive
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("{} older drafts in {name}", archive.drafts.len())).weak(),
            );
            if ui
                .small_button("Open archive")
                .on_hover_text("Open the archived drafts to view and compare them")
                .clicked()
            {
                *action = Some(HistoryAction::OpenArchive(archive.path.clone()));
            }
        });
        egui::CollapsingHeader::new("Archived drafts")
            .id_salt("history-archived")
            .show(ui, |ui| {
                for (number, label) in archive.drafts.iter().rev().take(200) {
                    match label {
                        Some(label) => ui.label(format!("Draft {number} · {label}")),
                        None => ui.label(format!("Draft {number}")),
                    };
                }
            });
    }

    /// Draw the list. `path` is the story's file (for its archive); `selected`
    /// is the draft being viewed, if any.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        story: &Story,
        path: Option<&Path>,
        selected: Option<u32>,
    ) -> Option<HistoryAction> {
        self.refresh(story);
        self.refresh_archive(path);
        let mut action = None;
        ui.heading("History");
        self.archive_ui(ui, story, &mut action);
        if self.entries.is_empty() {
            ui.label("No drafts yet. Every save that changes the text keeps a draft.");
            return action;
        }
        ui.label(RichText::new(format!("{} drafts, newest first", self.entries.len())).weak());
        ui.separator();
        let row_height = ui.text_style_height(&egui::TextStyle::Body) * 2.0 + 14.0;
        let count = self.entries.len();
        egui::ScrollArea::vertical()
            .id_salt("history-list")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, count, |ui, range| {
                for index in range {
                    let entry = &self.entries[count - 1 - index];
                    let title = match &entry.label {
                        Some(label) => format!("Draft {} · {label}", entry.number),
                        None => format!("Draft {}", entry.number),
                    };
                    let delta = match entry.delta {
                        Some(d) => format!(" ({d:+})"),
                        None => String::new(),
                    };
                    let detail = format!("{} · {} words{delta}", entry.when, entry.words);
                    // The title and Compare on one row, the details on the
                    // whole width below: nothing overlaps in a narrow panel.
                    let is_selected = selected == Some(entry.number);
                    ui.vertical(|ui| {
                        ui.set_height(row_height - 6.0);
                        ui.horizontal(|ui| {
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    if ui
                                        .small_button("Compare")
                                        .on_hover_text(format!(
                                            "Compare draft {} with the text on screen",
                                            entry.number
                                        ))
                                        .clicked()
                                    {
                                        action =
                                            Some(HistoryAction::CompareWithCurrent(entry.number));
                                    }
                                    ui.with_layout(
                                        egui::Layout::left_to_right(egui::Align::Center),
                                        |ui| {
                                            if ui.selectable_label(is_selected, title).clicked() {
                                                action = Some(HistoryAction::View(entry.number));
                                            }
                                        },
                                    );
                                },
                            );
                        });
                        if ui
                            .add(
                                egui::Label::new(RichText::new(detail).weak())
                                    .wrap()
                                    .sense(egui::Sense::click()),
                            )
                            .clicked()
                        {
                            action = Some(HistoryAction::View(entry.number));
                        }
                    });
                }
            });
        action
    }
}

/// What the user asked the read-only draft view for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftAction {
    Back,
    Compare,
    /// Restore the whole draft (`None`) or one field of it.
    Restore(Option<crate::story::Field>),
}

/// A saved draft, read-only, with what can be done with it.
pub fn draft_ui(ui: &mut Ui, story: &Story, number: u32) -> Option<DraftAction> {
    let mut action = None;
    let Some(draft) = story.draft(number) else {
        ui.label(format!("Draft {number} is not in this story."));
        if ui.button("Back to editor").clicked() {
            action = Some(DraftAction::Back);
        }
        return action;
    };
    ui.horizontal_wrapped(|ui| {
        let title = match &draft.label {
            Some(label) => format!("Draft {number} · {label}"),
            None => format!("Draft {number}"),
        };
        ui.heading(title);
        ui.label(
            RichText::new(format!(
                "saved {} · read-only",
                local_time(draft.saved, &jiff::tz::TimeZone::system())
            ))
            .weak(),
        );
    });
    ui.horizontal_wrapped(|ui| {
        if ui.button("Back to editor").clicked() {
            action = Some(DraftAction::Back);
        }
        if ui.button("Compare with text on screen").clicked() {
            action = Some(DraftAction::Compare);
        }
        if ui
            .button("Restore this draft")
            .on_hover_text(
                "Put this draft's text on screen; the current text is kept as a draft first",
            )
            .clicked()
        {
            action = Some(DraftAction::Restore(None));
        }
        ui.menu_button("Restore one field", |ui| {
            for field in crate::story::Field::ALL {
                if ui.button(field.label()).clicked() {
                    action = Some(DraftAction::Restore(Some(field)));
                }
            }
        });
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("draft-view")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.set_max_width(crate::ui::theme::COLUMN_WIDTH);
            for field in crate::story::Field::ALL {
                let text = draft.fields.get(field);
                ui.label(RichText::new(field.label()).strong());
                if text.is_empty() {
                    ui.label(RichText::new("(empty)").weak());
                } else {
                    ui.add(egui::Label::new(RichText::new(text).size(15.0)).wrap());
                }
                ui.add_space(6.0);
            }
        });
    action
}
