//! Every user command in one list: its label, its shortcut and its menu. Menus
//! and keyboard shortcuts are generated from this list, so they cannot drift
//! apart, and the app executes queued commands once per frame.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

/// A command the user can give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    New,
    Open,
    /// Open a folder of stories as a desk.
    OpenDesk,
    /// Show the open desk's table (or go back to the story).
    Desk,
    Save,
    SaveAs,
    /// Save with a checkpoint name ("Filed", "Legal read").
    Checkpoint,
    /// Show or hide the drafts kept in the story.
    History,
    /// Compare the latest draft with the text on screen.
    Compare,
    /// In the compare view: jump to the next change.
    NextChange,
    /// In the compare view: jump to the previous change.
    PreviousChange,
    /// Export finished copy (text, Markdown, HTML, NITF, ninjs).
    Export,
    /// Import copy (Markdown, text, NITF, NewsML, ninjs, Word, wire) as a new story.
    Import,
    Quit,
    /// Open a file already chosen (recent files, a dropped file).
    OpenPath(PathBuf),
    /// Forget the list of recent files.
    ClearRecent,
    /// Show or hide the settings window.
    Settings,
    /// Show or hide the copy-desk checks beside the editor.
    Checks,
    /// Take back the last quick fix, take-back or restore.
    UndoFix,
    /// Open the find bar (and focus its query).
    Find,
    /// Open the find bar with its replace row.
    Replace,
    /// Take over a story someone else has open (it is read-only until then).
    TakeOver,
    /// Close the story on screen (its tab), asking first if it is unsaved.
    CloseTab,
    /// Show the next open story.
    NextTab,
    /// Show the previous open story.
    PreviousTab,
}

/// Which top-level menu a command lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    Drafts,
    View,
}

impl Command {
    /// The commands that appear in menus, in menu order.
    pub const MENU: [Command; 22] = [
        Command::New,
        Command::Open,
        Command::OpenDesk,
        Command::Save,
        Command::SaveAs,
        Command::Checkpoint,
        Command::Import,
        Command::Export,
        Command::CloseTab,
        Command::Quit,
        Command::Find,
        Command::Replace,
        Command::History,
        Command::Compare,
        Command::NextChange,
        Command::PreviousChange,
        Command::Desk,
        Command::NextTab,
        Command::PreviousTab,
        Command::Checks,
        Command::UndoFix,
        Command::Settings,
    ];

    pub fn label(&self) -> String {
        match self {
            Command::New => "New".into(),
            Command::Open => "Open…".into(),
            Command::OpenDesk => "Open Desk…".into(),
            Command::Desk => "Desk".into(),
            Command::Save => "Save".into(),
            Command::SaveAs => "Save As…".into(),
            Command::Checkpoint => "Save as Checkpoint…".into(),
            Command::History => "History".into(),
            Command::Compare => "Compare with Latest Draft".into(),
            Command::NextChange => "Next Change".into(),
            Command::PreviousChange => "Previous Change".into(),
            Command::Export => "Export…".into(),
            Command::Import => "Import…".into(),
            Command::Quit => "Quit".into(),
            Command::OpenPath(path) => path.display().to_string(),
            Command::ClearRecent => "Clear recent files".into(),
            Command::Settings => "Settings…".into(),
            Command::Checks => "Checks".into(),
            Command::UndoFix => "Undo Last Fix".into(),
            Command::Find => "Find…".into(),
            Command::Replace => "Replace…".into(),
            Command::TakeOver => "Take over".into(),
            Command::CloseTab => "Close Story".into(),
            Command::NextTab => "Next Story".into(),
            Command::PreviousTab => "Previous Story".into(),
        }
    }

    pub fn tooltip(&self) -> &'static str {
        match self {
            Command::New => "Start a new, empty story",
            Command::Open => "Open a story file (.ron)",
            Command::OpenDesk => {
                "Open a folder of stories as a desk: every story in a table, searched as you type"
            }
            Command::Desk => "Show the open desk's stories, or go back to the story",
            Command::Save => "Save the story; a changed text is kept as a new draft",
            Command::SaveAs => "Save the story to a new file",
            Command::Checkpoint => "Save and name this draft (\"Filed\", \"Legal read\")",
            Command::History => "Show the drafts kept in this story",
            Command::Compare => "Compare the text on screen with the latest draft that differs",
            Command::NextChange => "Jump to the next change in the compare",
            Command::PreviousChange => "Jump to the previous change in the compare",
            Command::Export => "Export finished copy: text, Markdown, HTML, NITF, ninjs",
            Command::Import => {
                "Import copy as a new story: Markdown, text, NITF, NewsML, ninjs, Word, wire"
            }
            Command::Quit => "Close Copydesk",
            Command::OpenPath(_) => "Open this story",
            Command::ClearRecent => "Forget the recent files",
            Command::Settings => "Field limits and reading speed",
            Command::Checks => "Show or hide the copy-desk checks beside the editor",
            Command::UndoFix => "Take back the last quick fix, take-back or restore",
            Command::Find => "Find text in the story: match case, whole word, regular expression",
            Command::Replace => {
                "Find and replace; Replace all is one edit Undo Last Fix takes back"
            }
            Command::TakeOver => {
                "Edit this story though someone else has it open; recorded in the story file"
            }
            Command::CloseTab => "Close the story on screen (its tab); asks first if unsaved",
            Command::NextTab => "Show the next open story",
            Command::PreviousTab => "Show the previous open story",
        }
    }

    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let key = match self {
            Command::New => Key::N,
            Command::Open => Key::O,
            Command::OpenDesk => {
                return Some(KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::O));
            }
            Command::Desk => return Some(KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::D)),
            Command::Save => Key::S,
            Command::SaveAs => return Some(KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::S)),
            Command::Checkpoint => {
                return Some(KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::K));
            }
            Command::History => {
                return Some(KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::H));
            }
            Command::Find => Key::F,
            Command::Replace => Key::H,
            Command::Compare => Key::D,
            Command::NextChange => {
                return Some(KeyboardShortcut::new(Modifiers::ALT, Key::ArrowDown));
            }
            Command::PreviousChange => {
                return Some(KeyboardShortcut::new(Modifiers::ALT, Key::ArrowUp));
            }
            Command::Export => Key::E,
            Command::CloseTab => Key::W,
            Command::NextTab => Key::Tab,
            Command::PreviousTab => {
                return Some(KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::Tab));
            }
            Command::Import => Key::I,
            Command::Quit => Key::Q,
            Command::Settings => Key::Comma,
            Command::Checks => return Some(KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::C)),
            Command::UndoFix => return Some(KeyboardShortcut::new(cmd | Modifiers::ALT, Key::Z)),
            Command::OpenPath(_) | Command::ClearRecent | Command::TakeOver => return None,
        };
        Some(KeyboardShortcut::new(cmd, key))
    }

    pub fn menu(&self) -> Menu {
        match self {
            Command::Settings
            | Command::Checks
            | Command::UndoFix
            | Command::Desk
            | Command::NextTab
            | Command::PreviousTab => Menu::View,
            Command::Find | Command::Replace => Menu::Edit,
            Command::History
            | Command::Compare
            | Command::NextChange
            | Command::PreviousChange
            | Command::Checkpoint => Menu::Drafts,
            _ => Menu::File,
        }
    }

    /// The command whose shortcut was pressed this frame, if any (consumed from
    /// the input so no widget also acts on it). Shortcuts with more modifiers are
    /// tried first, so Ctrl+Shift+S is Save As and not Save.
    pub fn from_shortcuts(ctx: &egui::Context) -> Option<Command> {
        let mut commands: Vec<(Command, KeyboardShortcut)> = Self::MENU
            .iter()
            .filter_map(|c| c.shortcut().map(|s| (c.clone(), s)))
            .collect();
        commands.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        ctx.input_mut(|input| {
            commands
                .into_iter()
                .find(|(_, shortcut)| input.consume_shortcut(shortcut))
                .map(|(c, _)| c)
        })
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    m.alt as u8 + m.shift as u8 + (m.ctrl || m.command || m.mac_cmd) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_unique() {
        let shortcuts: Vec<_> = Command::MENU.iter().filter_map(|c| c.shortcut()).collect();
        for (i, a) in shortcuts.iter().enumerate() {
            for b in &shortcuts[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
