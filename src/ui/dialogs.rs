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

/// A named group of file extensions for a dialog's file-type list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Filter {
    pub name: &'static str,
    pub extensions: &'static [&'static str],
}

/// Story files.
pub const STORY: Filter = Filter {
    name: "Copydesk story",
    extensions: &["ron"],
};

/// What a dialog is for: its title, where it starts, which files it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub title: String,
    pub start_dir: Option<PathBuf>,
    pub filter: Filter,
    /// For a save dialog: the suggested file name.
    pub file_name: Option<String>,
}

/// The file dialogs the app uses. Tests substitute their own.
pub trait FileDialogs {
    fn pick_open(&mut self, request: &Request) -> Picked;
    fn pick_save(&mut self, request: &Request) -> Picked;
    /// Choose a folder (a desk). Dialogs that cannot say it is unavailable,
    /// and the app asks for a typed path.
    fn pick_folder(&mut self, _request: &Request) -> Picked {
        Picked::Unavailable
    }
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

    fn dialog(request: &Request) -> rfd::FileDialog {
        let mut dialog = rfd::FileDialog::new()
            .set_title(&request.title)
            .add_filter(request.filter.name, request.filter.extensions);
        if let Some(dir) = &request.start_dir {
            dialog = dialog.set_directory(dir);
        }
        if let Some(name) = &request.file_name {
            dialog = dialog.set_file_name(name);
        }
        dialog
    }
}

impl FileDialogs for NativeDialogs {
    fn pick_open(&mut self, request: &Request) -> Picked {
        Self::run(|| Self::dialog(request).pick_file())
    }

    fn pick_save(&mut self, request: &Request) -> Picked {
        Self::run(|| Self::dialog(request).save_file())
    }

    fn pick_folder(&mut self, request: &Request) -> Picked {
        Self::run(|| {
            let mut dialog = rfd::FileDialog::new().set_title(&request.title);
            if let Some(dir) = &request.start_dir {
                dialog = dialog.set_directory(dir);
            }
            dialog.pick_folder()
        })
    }
}

/// Add `extension` to a chosen save path that has none.
pub fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension(extension)
    } else {
        path
    }
}

/// The folder a dialog should start in: the one holding `path`, if any.
pub fn folder_of(path: Option<&Path>) -> Option<PathBuf> {
    path.and_then(|p| p.parent())
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_owned)
}
