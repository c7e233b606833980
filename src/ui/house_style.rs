//! The window's house style: the default rules with the desk's `style.toml`
//! beside the story, read again when the story's folder changes or the file
//! changes on disk (checked at most once a second).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use crate::checks::style::{DESK_STYLE, StyleSet};

/// The rules for the story on screen.
pub struct HouseStyle {
    set: Arc<StyleSet>,
    /// The story folder the rules are for, the desk file's modification
    /// time then, and when that was last looked at.
    key: Option<(Option<PathBuf>, Option<SystemTime>)>,
    looked: Option<Instant>,
}

impl Default for HouseStyle {
    fn default() -> Self {
        HouseStyle {
            set: Arc::new(StyleSet::defaults()),
            key: None,
            looked: None,
        }
    }
}

impl HouseStyle {
    pub fn new() -> Self {
        Self::default()
    }

    /// The rules for a story saved at `path`, and an error to show when the
    /// desk's style file is broken (the defaults are used then).
    pub fn for_story(&mut self, path: Option<&Path>) -> (Arc<StyleSet>, Option<String>) {
        let dir = path.and_then(Path::parent).map(Path::to_owned);
        let same_dir = self.key.as_ref().is_some_and(|(d, _)| *d == dir);
        let fresh = self
            .looked
            .is_some_and(|t| t.elapsed() < Duration::from_secs(1));
        if same_dir && fresh {
            return (Arc::clone(&self.set), None);
        }
        self.looked = Some(Instant::now());
        let modified = dir
            .as_ref()
            .and_then(|d| std::fs::metadata(d.join(DESK_STYLE)).ok())
            .and_then(|m| m.modified().ok());
        let key = (dir, modified);
        if self.key.as_ref() == Some(&key) {
            return (Arc::clone(&self.set), None);
        }
        self.key = Some(key);
        let (set, error) = match StyleSet::for_story(path) {
            Ok(set) => (set, None),
            Err(err) => (
                StyleSet::defaults(),
                Some(format!("{err} — using the default house style")),
            ),
        };
        self.set = Arc::new(set);
        (Arc::clone(&self.set), error)
    }
}
