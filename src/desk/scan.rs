//! Walking a desk folder: which files are stories, which section each is in,
//! which are templates, and which of Copydesk's own files (temporary files,
//! locks, the index, recovery and archive copies) to leave alone.
//!
//! A story is a `.ron` file whose name and folders are not hidden. Subfolders
//! are sections (`politics/`, `sport/football/`); files at the top are in the
//! section "" (no section). The top-level `templates/` folder holds templates,
//! not stories.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::lock;

/// The folder of templates at the top of a desk.
pub const TEMPLATES: &str = "templates";

/// Folders Copydesk keeps its own copies in; never sections.
const OWN_FOLDERS: [&str; 3] = ["recovery", "archive", "trash"];

/// Deepest folder nesting followed under a desk (sections within sections).
const MAX_DEPTH: usize = 8;

/// One story file found on disk, with what `stat` says about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Relative to the desk, with `/` between folders (the same on every OS).
    pub rel: String,
    pub size: u64,
    /// Modification time, in nanoseconds since 1970.
    pub mtime_ns: i64,
}

/// What one walk of a desk found.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    /// Story files, sorted by relative path.
    pub stories: Vec<Found>,
    /// Relative paths of the stories that have a lock file beside them.
    pub locked: Vec<String>,
    /// Folders that could not be read, with why.
    pub problems: Vec<(PathBuf, String)>,
}

/// Whether a file name is one of Copydesk's own (or an editor's) side files
/// rather than a story: hidden files (temporary saves `.x.ron.123.tmp`, locks
/// `.x.ron.copydesk-lock`), recovery metadata `x.meta.ron`, backups `x.ron~`.
pub fn is_story_name(name: &str) -> bool {
    !name.starts_with('.')
        && name.ends_with(".ron")
        && !name.ends_with(".meta.ron")
        && name.len() > ".ron".len()
}

/// Whether a folder name can hold stories (not hidden, not Copydesk's own).
fn is_section_name(name: &str) -> bool {
    !name.starts_with('.') && !OWN_FOLDERS.contains(&name)
}

/// The section of a story at `rel`: its folder relative to the desk ("" at the top).
pub fn section_of(rel: &str) -> &str {
    rel.rsplit_once('/').map(|(dir, _)| dir).unwrap_or("")
}

/// Whether a path relative to the desk is a story (not a template, not a side
/// file, not in a hidden or own folder).
pub fn is_story_rel(rel: &str) -> bool {
    let mut parts: Vec<&str> = rel.split('/').collect();
    let Some(name) = parts.pop() else {
        return false;
    };
    if parts.first() == Some(&TEMPLATES) {
        return false;
    }
    parts.len() <= MAX_DEPTH && parts.iter().all(|p| is_section_name(p)) && is_story_name(name)
}

/// `path` relative to `root` with `/` separators, when it is inside it.
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    let parts = parts?;
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The file of a story at `rel` under `root`.
pub fn absolute(root: &Path, rel: &str) -> PathBuf {
    rel.split('/')
        .fold(root.to_path_buf(), |p, part| p.join(part))
}

/// Modification time in nanoseconds since 1970 (0 when the system cannot say).
pub fn mtime_ns(meta: &fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Walk the desk at `root`. Symbolic links to folders are not followed (a link
/// loop cannot hang the walk); unreadable folders are reported, not fatal.
pub fn scan(root: &Path) -> io::Result<Scan> {
    let mut out = Scan::default();
    // The desk itself must be readable: that is an error, not a problem.
    let entries = fs::read_dir(root)?;
    walk(root, root, entries, 0, &mut out);
    out.stories.sort_by(|a, b| a.rel.cmp(&b.rel));
    out.locked.sort();
    Ok(out)
}

fn walk(root: &Path, dir: &Path, entries: fs::ReadDir, depth: usize, out: &mut Scan) {
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                out.problems.push((dir.to_path_buf(), e.to_string()));
                continue;
            }
        };
        let Ok(name) = entry.file_name().into_string() else {
            continue; // Not UTF-8: cannot be named in the index or on the command line.
        };
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            if !is_section_name(&name) || (depth == 0 && name == TEMPLATES) || depth >= MAX_DEPTH {
                continue;
            }
            match fs::read_dir(&path) {
                Ok(sub) => walk(root, &path, sub, depth + 1, out),
                Err(e) => out.problems.push((path, e.to_string())),
            }
        } else if let Some(story) = lock::story_name_of_lock(&name) {
            if let Some(rel) = relative(root, &dir.join(story)) {
                out.locked.push(rel);
            }
        } else if is_story_name(&name) {
            // Follows a symbolic link to a file: a story may be linked in.
            let Ok(meta) = fs::metadata(&path) else {
                continue;
            };
            if !meta.is_file() {
                continue;
            }
            if let Some(rel) = relative(root, &path) {
                out.stories.push(Found {
                    rel,
                    size: meta.len(),
                    mtime_ns: mtime_ns(&meta),
                });
            }
        }
    }
}

/// The story files in the desk's `templates/` folder, sorted by name.
pub fn templates(root: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(root.join(TEMPLATES)) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_str().is_some_and(is_story_name))
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn story_names_leave_side_files_out() {
        assert!(is_story_name("harbour.ron"));
        assert!(is_story_name("міст.ron"));
        assert!(!is_story_name(".harbour.ron.a1b2.tmp"));
        assert!(!is_story_name(".harbour.ron.copydesk-lock"));
        assert!(!is_story_name("5b0f.meta.ron"));
        assert!(!is_story_name("harbour.ron~"));
        assert!(!is_story_name("notes.txt"));
        assert!(!is_story_name(".ron"));
    }

    #[test]
    fn relative_paths_use_slashes_and_sections_are_folders() {
        assert!(is_story_rel("politics/vote.ron"));
        assert!(is_story_rel("top.ron"));
        assert!(!is_story_rel("templates/court-report.ron"));
        assert!(
            is_story_rel("sport/templates/x.ron"),
            "only the top templates/ is special"
        );
        assert!(!is_story_rel(".copydesk/x.ron"));
        assert!(!is_story_rel("recovery/x.ron"));
        assert_eq!(section_of("sport/football/result.ron"), "sport/football");
        assert_eq!(section_of("top.ron"), "");
        let root = Path::new("/desk");
        assert_eq!(
            relative(root, Path::new("/desk/sport/a.ron")).as_deref(),
            Some("sport/a.ron")
        );
        assert_eq!(relative(root, Path::new("/elsewhere/a.ron")), None);
        assert_eq!(
            absolute(root, "sport/a.ron"),
            Path::new("/desk/sport/a.ron")
        );
    }
}
