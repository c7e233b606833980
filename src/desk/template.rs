//! Templates and new stories. A template is an ordinary story file in the
//! desk's `templates/` folder ("court-report.ron", "obituary.ron"); a new story
//! starts as a copy of its current text, with a fresh id, no drafts, status
//! Draft, and a slug proposed from its headline by [`slugify`].

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::store::{self, StoreError};
use crate::story::{Fields, Story};

use super::{DeskError, scan};

/// The longest slug [`slugify`] proposes (the default slug limit).
pub const SLUG_MAX: usize = 24;

/// A slug from a headline: lower case, letters and digits of any script kept
/// (Cyrillic stays Cyrillic), apostrophes dropped ("O’Brien’s" → "obriens"),
/// anything else one hyphen; at most [`SLUG_MAX`] characters, cut at a hyphen
/// when a whole word fits.
pub fn slugify(headline: &str) -> String {
    let mut slug = String::new();
    let mut pending_hyphen = false;
    for c in headline.chars() {
        if matches!(c, '\'' | '’' | 'ʼ' | '`') {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    let count = slug.chars().count();
    if count <= SLUG_MAX {
        return slug;
    }
    let cut: String = slug.chars().take(SLUG_MAX).collect();
    // Cut at the last hyphen when the next character starts a new word or
    // when there is one in the second half; otherwise keep the hard cut.
    let next = slug.chars().nth(SLUG_MAX);
    if next == Some('-') {
        return cut;
    }
    match cut.rfind('-') {
        Some(at) if cut[..at].chars().count() >= SLUG_MAX / 2 => cut[..at].to_owned(),
        _ => cut.trim_end_matches('-').to_owned(),
    }
}

/// A template in the desk: its name (the file name without `.ron`) and file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub name: String,
    pub path: PathBuf,
}

/// The desk's templates, sorted by name.
pub fn templates(root: &Path) -> Vec<Template> {
    scan::templates(root)
        .into_iter()
        .map(|path| Template {
            name: path
                .file_stem()
                .map(|s| s.to_string_lossy().trim_end_matches(".ron").to_owned())
                .unwrap_or_default(),
            path,
        })
        .collect()
}

/// The template called `name`: matched ignoring case, spaces and hyphens, so
/// "Court report" finds `court-report.ron`.
pub fn find(root: &Path, name: &str) -> Result<Template, DeskError> {
    let all = templates(root);
    let want = slugify(name);
    all.iter()
        .find(|t| slugify(&t.name) == want)
        .cloned()
        .ok_or_else(|| DeskError::NoTemplate {
            path: root.join(scan::TEMPLATES),
            name: name.to_owned(),
            available: if all.is_empty() {
                "none".to_owned()
            } else {
                all.iter()
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        })
}

/// A new story from `template`: its text with `headline` and `slug` when given;
/// the slug otherwise proposed from the headline.
pub fn story_from(template: &Story, headline: Option<&str>, slug: Option<&str>) -> Story {
    let mut fields: Fields = template.fields.clone();
    if let Some(h) = headline {
        fields.headline = h.to_owned();
    }
    fields.slug = match slug {
        Some(s) => s.to_owned(),
        None if !fields.headline.trim().is_empty() => slugify(&fields.headline),
        None => fields.slug,
    };
    Story::with_fields(fields)
}

/// Create a new story in the desk at `root` (in `section`, "" for the top) from
/// the template `name`. The file is named after the slug; an existing file is
/// never replaced (`-2`, `-3`… are tried). Returns the new file.
pub fn new_story(
    root: &Path,
    name: &str,
    section: &str,
    headline: Option<&str>,
    slug: Option<&str>,
) -> Result<PathBuf, DeskError> {
    let template = find(root, name)?;
    let story = story_from(&store::load(&template.path)?, headline, slug);
    let dir = scan::absolute(root, section.trim_matches('/'));
    if !section.trim_matches('/').is_empty() {
        std::fs::create_dir_all(&dir).map_err(|source| {
            DeskError::Store(StoreError::Write {
                path: dir.clone(),
                source,
            })
        })?;
    }
    let stem = story.file_stem();
    let text = store::to_ron_string(&story);
    for n in 1..1000 {
        let file = if n == 1 {
            format!("{stem}.ron")
        } else {
            format!("{stem}-{n}.ron")
        };
        let path = dir.join(file);
        match write_new(&path, text.as_bytes()) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(source) => return Err(DeskError::Store(StoreError::Write { path, source })),
        }
    }
    Err(DeskError::Refused {
        path: dir.join(format!("{stem}.ron")),
        message: "a thousand stories already have this name".to_owned(),
    })
}

/// Write a file that must not exist yet, atomically: a temporary file, synced,
/// then linked in only if nothing is there.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.exists() {
        return Err(std::io::ErrorKind::AlreadyExists.into());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".copydesk-new.")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644));
    }
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_headlines() {
        assert_eq!(slugify("Footbridge reopens"), "footbridge-reopens");
        assert_eq!(slugify("  O’Brien’s “last” stand!  "), "obriens-last-stand");
        assert_eq!(slugify("Міст відкрито — знову"), "міст-відкрито-знову");
        assert_eq!(slugify("Café owner wins €2m"), "café-owner-wins-2m");
        assert_eq!(
            slugify("Harbour footbridge reopens after repair"),
            "harbour-footbridge"
        );
        assert_eq!(slugify("🌉 — …"), "");
        let long = slugify("Supercalifragilisticexpialidocious words");
        assert_eq!(long.chars().count(), SLUG_MAX);
        for h in [
            "Міст відкрито після ремонту через рік",
            "a b c d e f g h i j k l m n",
        ] {
            let s = slugify(h);
            assert!(s.chars().count() <= SLUG_MAX, "{s}");
            assert!(!s.ends_with('-') && !s.starts_with('-'), "{s}");
        }
    }
}
