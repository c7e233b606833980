//! File dialogs. Native dialogs come through rfd; when none can be shown (no
//! desktop portal and no zenity, where rfd answers "nothing" exactly as if the
//! user had cancelled), the app is told so and offers a typed path instead.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a file dialog gave back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    Path(PathBuf),
    Cancelled,
    /// No dialog could be shown: ask for a typed path instead.
    Unavailable,
}

/// The file dialogs the app uses. Tests substitute their own.
pub trait FileDialogs {
    fn open_story(&mut self, start_dir: Option<&Path>) -> Picked;
    fn save_story(&mut self, start_dir: Option<&Path>, file_name: &str) -> Picked;
}

/// rfd's native dialogs, with detection of "no dialog could be shown".
#[derive(Default)]
pub struct NativeDialogs;

/// A dialog that returns faster than this with nothing was not seen by a person.
const TOO_FAST_FOR_A_PERSON: Duration = Duration::from_millis(250);

impl NativeDialogs {
    fn available() -> bool {
        if cfg!(target_os = "linux") {
            let portal = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
            let zenity = std::env::var_os("PATH").is_some_and(|paths| {
                std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file())
            });
            portal || zenity
        } else {
            true
        }
    }

    fn run(show: impl FnOnce() -> Option<PathBuf>) -> Picked {
        if !Self::available() {
            return Picked::Unavailable;
        }
        let started = Instant::now();
        match show() {
            Some(path) => Picked::Path(path),
            None if started.elapsed() < TOO_FAST_FOR_A_PERSON => Picked::Unavailable,
            None => Picked::Cancelled,
        }
    }

    fn dialog(start_dir: Option<&Path>) -> rfd::FileDialog {
        let dialog = rfd::FileDialog::new().add_filter("Copydesk story", &["ron"]);
        match start_dir {
            Some(dir) => dialog.set_directory(dir),
            None => dialog,
        }
    }
}

impl FileDialogs for NativeDialogs {
    fn open_story(&mut self, start_dir: Option<&Path>) -> Picked {
        Self::run(|| Self::dialog(start_dir).set_title("Open story").pick_file())
    }

    fn save_story(&mut self, start_dir: Option<&Path>, file_name: &str) -> Picked {
        Self::run(|| {
            Self::dialog(start_dir)
                .set_title("Save story")
                .set_file_name(file_name)
                .save_file()
        })
    }
}

/// Add `.ron` to a chosen save path that has no extension.
pub fn with_story_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension("ron")
    } else {
        path
    }
}

/// A file name for a story: its slug (made safe), or "story".
pub fn suggested_file_name(slug: &str) -> String {
    let safe: String = slug
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let safe = safe.trim_matches('-');
    if safe.is_empty() {
        "story.ron".into()
    } else {
        format!("{safe}.ron")
    }
}
