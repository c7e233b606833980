//! The window's modal prompts, each drawn by one function that returns what
//! the user asked for (or `None` while they have not answered). What an
//! answer does is the app's business (`ui::app::modals`): nothing here
//! saves, opens or discards anything. Escape answers as the safe choice
//! (Cancel, or keeping what is on screen).

use std::path::Path;

use egui::{Id, RichText};

use crate::ui::theme;

/// A row of buttons (label, tooltip or "", value): the value of the one
/// clicked this frame.
fn choices<T: Copy>(ui: &mut egui::Ui, buttons: &[(&str, &str, T)]) -> Option<T> {
    let mut picked = None;
    ui.horizontal(|ui| {
        for &(label, hover, value) in buttons {
            let mut button = ui.button(label);
            if !hover.is_empty() {
                button = button.on_hover_text(hover);
            }
            if button.clicked() {
                picked = Some(value);
            }
        }
    });
    picked
}

/// An answer to "Save your changes?" for one story or for several.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveAnswer {
    Save,
    Discard,
    Cancel,
}

/// Save, Discard, Cancel for the story called `name`.
pub fn unsaved(ctx: &egui::Context, name: &str) -> Option<SaveAnswer> {
    let mut answer = None;
    let response = egui::Modal::new(Id::unique("copydesk-unsaved")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading("Save your changes?");
        ui.label(format!(
            "“{name}” has changes that are not saved. Save them first?"
        ));
        ui.add_space(8.0);
        answer = choices(
            ui,
            &[
                ("Save", "", SaveAnswer::Save),
                ("Discard", "", SaveAnswer::Discard),
                ("Cancel", "", SaveAnswer::Cancel),
            ],
        );
    });
    answer.or(response.should_close().then_some(SaveAnswer::Cancel))
}

/// Save all, Discard all, Cancel for every story in `names`.
pub fn unsaved_all(ctx: &egui::Context, names: &[String]) -> Option<SaveAnswer> {
    let mut answer = None;
    let response = egui::Modal::new(Id::unique("copydesk-unsaved-all")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(format!("{} stories have unsaved changes", names.len()));
        for name in names {
            ui.label(format!("• {name}"));
        }
        ui.add_space(8.0);
        answer = choices(
            ui,
            &[
                (
                    "Save all",
                    "Save each story (a new one asks where), then close",
                    SaveAnswer::Save,
                ),
                (
                    "Discard all",
                    "Close without saving any of them",
                    SaveAnswer::Discard,
                ),
                ("Cancel", "", SaveAnswer::Cancel),
            ],
        );
    });
    answer.or(response.should_close().then_some(SaveAnswer::Cancel))
}

/// An answer to a prompt with a line of text (a path, a checkpoint name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextAnswer {
    /// The action button, or Enter in the field.
    Go,
    Cancel,
}

/// The path typed where no file dialog can be shown: `title` heads it,
/// `action` names its button. `confirm_replace` shows the warning that a file
/// is there (the caller sets it; typing clears it).
pub fn typed_path(
    ctx: &egui::Context,
    title: &str,
    action: &str,
    text: &mut String,
    confirm_replace: &mut bool,
) -> Option<TextAnswer> {
    let mut answer = None;
    let response = egui::Modal::new(Id::unique("copydesk-type-path")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(title);
        ui.label(
            "No file dialog could be shown on this desktop (no file-chooser portal \
             and no zenity). Type the file's path instead.",
        );
        let label = ui.label("Path");
        let edit = ui
            .add(
                egui::TextEdit::singleline(text)
                    .id_salt("typed-path")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if edit.changed() {
            *confirm_replace = false;
        }
        if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            answer = Some(TextAnswer::Go);
        }
        if *confirm_replace {
            ui.label(
                RichText::new("A file already exists there. Press Save again to replace it.")
                    .color(theme::warn_text(ui)),
            );
        }
        let buttons = [
            (action, "", TextAnswer::Go),
            ("Cancel", "", TextAnswer::Cancel),
        ];
        if let Some(clicked) = choices(ui, &buttons) {
            answer = Some(clicked);
        }
    });
    if response.should_close() {
        return Some(TextAnswer::Cancel);
    }
    answer
}

/// The name of a checkpoint. `Go` comes only with a name that is not blank.
pub fn checkpoint(ctx: &egui::Context, label: &mut String) -> Option<TextAnswer> {
    let mut answer = None;
    let response = egui::Modal::new(Id::unique("copydesk-checkpoint")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading("Save as checkpoint");
        ui.label("Name this draft so it is easy to find in the history.");
        let name = ui.label("Checkpoint name");
        let edit = ui
            .add(
                egui::TextEdit::singleline(label)
                    .id_salt("checkpoint-name")
                    .hint_text("Filed, Legal read, As published…")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(name.id);
        if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            answer = Some(TextAnswer::Go);
        }
        let buttons = [
            ("Save checkpoint", "", TextAnswer::Go),
            ("Cancel", "", TextAnswer::Cancel),
        ];
        if let Some(clicked) = choices(ui, &buttons) {
            answer = Some(clicked);
        }
    });
    if response.should_close() {
        return Some(TextAnswer::Cancel);
    }
    answer.filter(|a| *a == TextAnswer::Cancel || !label.trim().is_empty())
}

/// An answer to the offer of recovered text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoverAnswer {
    Restore,
    /// Restore it and compare it with the saved file.
    Compare,
    Discard,
}

/// Recovered text of `item`, with `more` recoveries waiting behind it. There
/// is no Escape here: the text is neither restored nor thrown away unasked.
pub fn recover(
    ctx: &egui::Context,
    item: &crate::recovery::Recovered,
    more: usize,
) -> Option<RecoverAnswer> {
    let mut answer = None;
    let tz = jiff::tz::TimeZone::system();
    egui::Modal::new(Id::unique("copydesk-recover")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading("Unsaved text was recovered");
        let name = match &item.meta.path {
            Some(p) => p.display().to_string(),
            None => "a story that was never saved".to_owned(),
        };
        let headline = item.story.fields.headline.trim();
        ui.label(format!(
            "Copydesk kept a copy of {name}{} at {}, and it was not saved before Copydesk closed.",
            if headline.is_empty() {
                String::new()
            } else {
                format!(" (“{headline}”)")
            },
            crate::ui::history::local_time(item.meta.written, &tz)
        ));
        ui.label(format!(
            "{} words in the recovered body.",
            crate::story::word_count(&item.story.fields.body)
        ));
        if more > 0 {
            ui.label(format!("{more} more recovered stories follow."));
        }
        ui.add_space(6.0);
        let mut buttons = vec![(
            "Restore",
            "Open the recovered text; Save keeps it",
            RecoverAnswer::Restore,
        )];
        if item.on_disk.is_some() {
            buttons.push((
                "Compare",
                "Restore it and compare it with the saved file",
                RecoverAnswer::Compare,
            ));
        }
        buttons.push((
            "Discard",
            "Delete the recovered copy",
            RecoverAnswer::Discard,
        ));
        answer = choices(ui, &buttons);
    });
    answer
}

/// An answer to "the file changed on disk" when there is unsaved text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictAnswer {
    /// Save mine; theirs is kept as a draft.
    SaveMine,
    SaveAsCopy,
    Compare,
    Cancel,
}

/// Someone else saved `path` since it was opened or saved here.
pub fn conflict(ctx: &egui::Context, path: &Path) -> Option<ConflictAnswer> {
    let mut answer = None;
    let response = egui::Modal::new(Id::unique("copydesk-conflict")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading("The file changed on disk");
        ui.label(format!(
            "{} was changed by someone else (another Copydesk window, an editor \
             or a script) since you opened or saved it.",
            path.display()
        ));
        answer = choices(
            ui,
            &[
                (
                    "Save mine, keep theirs as a draft",
                    "Your text becomes the story's text; theirs is kept in its drafts \
                     (History shows and compares it)",
                    ConflictAnswer::SaveMine,
                ),
                (
                    "Save as copy",
                    "Keep both: save yours to a new file",
                    ConflictAnswer::SaveAsCopy,
                ),
                (
                    "Compare",
                    "See their version beside yours",
                    ConflictAnswer::Compare,
                ),
                ("Cancel", "", ConflictAnswer::Cancel),
            ],
        );
    });
    answer.or(response.should_close().then_some(ConflictAnswer::Cancel))
}

/// Someone else saved `path` and nothing here is unsaved: `Some(true)` to
/// reload it, `Some(false)` to keep this version (Escape too).
pub fn reload(ctx: &egui::Context, path: &Path) -> Option<bool> {
    let mut answer = None;
    let response = egui::Modal::new(Id::unique("copydesk-reload")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading("The file changed on disk");
        ui.label(format!(
            "{} was changed by someone else. You have no unsaved changes.",
            path.display()
        ));
        answer = choices(
            ui,
            &[("Reload", "", true), ("Keep this version", "", false)],
        );
    });
    answer.or(response.should_close().then_some(false))
}
