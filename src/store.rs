//! Story files: RON in, RON out, written atomically, with errors that name the
//! file and, for syntax errors, the line and column.
//!
//! The file format is documented in `docs/FORMAT.md`. In short: a pretty-printed
//! RON struct with a `format` number, the story's metadata, its current text
//! (`current`) and every saved draft (`drafts`), the body written as one string
//! per line so each paragraph sits on its own line of the file.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::story::{Dismissal, Draft, Fields, Status, Story};

/// The file format this build writes and the newest it reads.
pub const FORMAT: u32 = 1;

/// Story files larger than this are refused rather than read (a 200-draft story
/// of a 2,000-word article is about 2.5 MB).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Nesting deeper than this in a story file is refused (a story needs 4 levels).
const RECURSION_LIMIT: usize = 64;

/// Everything that can go wrong reading or writing a story file. Every message
/// names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}: not a regular file (a folder, pipe or device cannot be a story)", path.display())]
    NotAFile { path: PathBuf },
    #[error("{}: file is {size} bytes, more than the {limit}-byte limit for a story", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{}: file is empty", path.display())]
    Empty { path: PathBuf },
    #[error("{}: not a text file ({reason} at byte {offset})", path.display())]
    NotText {
        path: PathBuf,
        reason: &'static str,
        offset: usize,
    },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}:{line}:{column}: not a Copydesk story: {message}", path.display())]
    Shape {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: written by a newer Copydesk (format {found}; this version reads up to {supported})", path.display())]
    NewerFormat {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{}: cannot save: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
}

impl StoreError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            StoreError::Read { path, .. }
            | StoreError::NotAFile { path }
            | StoreError::TooLarge { path, .. }
            | StoreError::Empty { path }
            | StoreError::NotText { path, .. }
            | StoreError::Syntax { path, .. }
            | StoreError::Shape { path, .. }
            | StoreError::NewerFormat { path, .. }
            | StoreError::Write { path, .. } => path,
        }
    }
}

/// The file as written: borrowed from the story, so saving does not copy it.
#[derive(Serialize)]
#[serde(rename = "Story")]
struct FileOut<'a> {
    format: u32,
    id: &'a str,
    created: &'a Timestamp,
    modified: &'a Timestamp,
    status: Status,
    current: &'a Fields,
    /// Dismissed check findings; left out of the file when there are none.
    #[serde(skip_serializing_if = "no_dismissals")]
    dismissed: &'a [Dismissal],
    /// The story's dictionary, ignored words and rules turned off (see
    /// `story::Proofing`); each left out while unset.
    #[serde(skip_serializing_if = "no_language")]
    language: &'a Option<String>,
    #[serde(skip_serializing_if = "no_words")]
    ignored_words: &'a [String],
    #[serde(skip_serializing_if = "no_words")]
    style_off: &'a [String],
    drafts: &'a [Draft],
}

fn no_dismissals(dismissed: &&[Dismissal]) -> bool {
    dismissed.is_empty()
}

fn no_language(language: &&Option<String>) -> bool {
    language.is_none()
}

fn no_words(words: &&[String]) -> bool {
    words.is_empty()
}

/// The file as read.
#[derive(Deserialize)]
#[serde(rename = "Story")]
struct FileIn {
    format: u32,
    id: String,
    created: Timestamp,
    modified: Timestamp,
    #[serde(default)]
    status: Status,
    current: Fields,
    #[serde(default)]
    dismissed: Vec<Dismissal>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    ignored_words: Vec<String>,
    #[serde(default)]
    style_off: Vec<String>,
    #[serde(default)]
    drafts: Vec<Draft>,
}

/// Just the format number, to tell "newer than us" from "broken".
#[derive(Deserialize)]
#[serde(rename = "Story")]
struct FormatProbe {
    format: u32,
}

/// The story as RON text, exactly as [`save`] writes it.
pub fn to_ron_string(story: &Story) -> String {
    let out = FileOut {
        format: FORMAT,
        id: &story.id,
        created: &story.created,
        modified: &story.modified,
        status: story.status,
        current: &story.fields,
        dismissed: &story.dismissed,
        language: &story.proofing.language,
        ignored_words: &story.proofing.ignored_words,
        style_off: &story.proofing.style_off,
        drafts: &story.drafts,
    };
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(false);
    let mut text = String::from("// Copydesk story file. Format described in docs/FORMAT.md.\n");
    // Serialising plain strings, numbers and enums into a String cannot fail.
    text.push_str(
        &ron::ser::to_string_pretty(&out, config).unwrap_or_else(|e| {
            unreachable!("serialising a story to RON failed: {e}");
        }),
    );
    text.push('\n');
    text
}

/// Parse a story from RON text. `path` is only used to name the file in errors.
pub fn from_ron_str(text: &str, path: &Path) -> Result<Story, StoreError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(StoreError::Empty {
            path: path.to_owned(),
        });
    }
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    let file: FileIn = match options.from_str(text) {
        Ok(file) => file,
        Err(err) => {
            if let Ok(probe) = options.from_str::<FormatProbe>(text)
                && probe.format > FORMAT
            {
                return Err(newer(path, probe.format));
            }
            return Err(parse_error(path, err));
        }
    };
    if file.format > FORMAT {
        return Err(newer(path, file.format));
    }
    if file.format == 0 {
        return Err(StoreError::Shape {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: "format 0 is not a story format".into(),
        });
    }
    let mut drafts = file.drafts;
    for draft in &mut drafts {
        draft.fields.normalize();
    }
    Ok(Story {
        id: file.id,
        created: file.created,
        modified: file.modified,
        status: file.status,
        fields: file.current.normalized(),
        drafts,
        dismissed: file.dismissed,
        proofing: crate::story::Proofing {
            language: file.language,
            ignored_words: file.ignored_words,
            style_off: file.style_off,
        },
    })
}

fn newer(path: &Path, found: u32) -> StoreError {
    StoreError::NewerFormat {
        path: path.to_owned(),
        found,
        supported: FORMAT,
    }
}

fn parse_error(path: &Path, err: ron::error::SpannedError) -> StoreError {
    use ron::Error as E;
    let line = err.span.start.line;
    let column = err.span.start.col;
    let path = path.to_owned();
    match err.code {
        E::Eof => StoreError::Syntax {
            path,
            line,
            column,
            message: "the file ends too early (truncated?)".into(),
        },
        code @ (E::Message(_)
        | E::InvalidValueForType { .. }
        | E::ExpectedDifferentLength { .. }
        | E::NoSuchEnumVariant { .. }
        | E::NoSuchStructField { .. }
        | E::MissingStructField { .. }
        | E::DuplicateStructField { .. }
        | E::ExpectedStructLike
        | E::ExpectedNamedStructLike(_)
        | E::ExpectedDifferentStructName { .. }
        | E::ExpectedArray
        | E::ExpectedString
        | E::ExpectedInteger
        | E::ExpectedUnit
        | E::ExpectedOption) => StoreError::Shape {
            path,
            line,
            column,
            message: code.to_string(),
        },
        code => StoreError::Syntax {
            path,
            line,
            column,
            message: code.to_string(),
        },
    }
}

/// A fingerprint of a file's bytes, to notice when someone else changed it (a
/// second editor, a script) even when its modification time says otherwise.
pub fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// The fingerprint of the file at `path` as it is now; `None` when there is no
/// file there.
pub fn file_hash(path: &Path) -> Result<Option<u64>, StoreError> {
    match fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        _ => read_limited(path).map(|bytes| Some(content_hash(&bytes))),
    }
}

/// [`load`], also giving the fingerprint of the bytes read.
pub fn load_hashed(path: &Path) -> Result<(Story, u64), StoreError> {
    let bytes = read_limited(path)?;
    let text = as_text(path, &bytes)?;
    Ok((from_ron_str(text, path)?, content_hash(&bytes)))
}

/// [`save`], also giving the fingerprint of the bytes written.
pub fn save_hashed(path: &Path, story: &Story) -> Result<u64, StoreError> {
    let text = to_ron_string(story);
    write_atomic(path, text.as_bytes()).map_err(|source| StoreError::Write {
        path: path.to_owned(),
        source,
    })?;
    Ok(content_hash(text.as_bytes()))
}

/// Read and parse a story file. Never panics: every failure is a [`StoreError`]
/// naming the file. Refuses folders, pipes and devices (so a FIFO cannot hang
/// the app), files over [`MAX_FILE_BYTES`], and anything that is not UTF-8 text.
pub fn load(path: &Path) -> Result<Story, StoreError> {
    let bytes = read_limited(path)?;
    let text = as_text(path, &bytes)?;
    from_ron_str(text, path)
}

/// Read a user's file with the checks [`load`] makes (regular file, size limit).
pub fn read_limited(path: &Path) -> Result<Vec<u8>, StoreError> {
    let read_err = |source| StoreError::Read {
        path: path.to_owned(),
        source,
    };
    let meta = fs::metadata(path).map_err(read_err)?;
    if !meta.is_file() {
        return Err(StoreError::NotAFile {
            path: path.to_owned(),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_owned(),
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let file = File::open(path).map_err(read_err)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(bytes)
}

/// Check that bytes are UTF-8 text without NUL bytes.
pub fn as_text<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, StoreError> {
    if bytes.is_empty() {
        return Err(StoreError::Empty {
            path: path.to_owned(),
        });
    }
    // `contains` on bytes is a memchr; find the offset only when there is one.
    if bytes.contains(&0)
        && let Some(offset) = bytes.iter().position(|&b| b == 0)
    {
        return Err(StoreError::NotText {
            path: path.to_owned(),
            reason: "NUL byte",
            offset,
        });
    }
    std::str::from_utf8(bytes).map_err(|e| StoreError::NotText {
        path: path.to_owned(),
        reason: "invalid UTF-8",
        offset: e.valid_up_to(),
    })
}

/// Save a story to `path` atomically (see [`write_atomic`]).
pub fn save(path: &Path, story: &Story) -> Result<(), StoreError> {
    write_atomic(path, to_ron_string(story).as_bytes()).map_err(|source| StoreError::Write {
        path: path.to_owned(),
        source,
    })
}

/// Write `bytes` to `path` so that the file is either wholly old or wholly new:
/// write a temporary file in the same folder, flush and sync it, then rename it
/// over the target (and sync the folder). On any failure the old file is left
/// untouched and the temporary file is removed. A save that was killed leaves
/// its temporary file behind (`.{name}.XXXXXX.tmp`); the next successful save
/// of the same file removes those over a minute old. A symlink is followed, so the
/// file it points to is replaced and the link stays. An existing file keeps its
/// permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// [`write_atomic`] with the writing of the contents given as `write`: the
/// seam where tests put a failing disk (a full disk answers ENOSPC part-way).
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let target = match fs::canonicalize(path) {
        Ok(real) => real,
        Err(_) => path.to_owned(),
    };
    let existing = fs::metadata(&target).ok();
    if existing.as_ref().is_some_and(|m| m.is_dir()) {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "the path is a folder",
        ));
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "story".into());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        // A new file gets ordinary permissions (tempfile's default is owner-only).
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(&dir)?;
    // On any error from here on, dropping `tmp` deletes the temporary file.
    write(tmp.as_file_mut())?;
    tmp.flush()?;
    if let Some(meta) = &existing {
        // Best effort: keep the user's permissions on the replaced file.
        let _ = fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    // Make the rename itself durable. Not every platform can open a folder.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    remove_stale_temps(&dir, &prefix);
    Ok(())
}

/// A temporary file of [`write_atomic`] this old was left by a save that never
/// finished (a crash, a kill, a power cut); a save in progress is never this old.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// Remove the temporary files an interrupted [`write_atomic`] of the same file
/// left in `dir`: named `{prefix}XXXXXX.tmp` (six random letters or digits),
/// regular files, last modified over [`STALE_TEMP_AGE`] ago. Best effort: a
/// file that cannot be removed stays. Nothing else is touched.
fn remove_stale_temps(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(random) = name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix))
            .and_then(|n| n.strip_suffix(".tmp"))
        else {
            continue;
        };
        if random.len() != 6 || !random.bytes().all(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        // The entry's own metadata: a symlink is not followed, and not removed.
        let stale = entry.metadata().is_ok_and(|meta| {
            meta.is_file()
                && meta
                    .modified()
                    .ok()
                    .and_then(|at| at.elapsed().ok())
                    .is_some_and(|age| age > STALE_TEMP_AGE)
        });
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::now;

    fn sample() -> Story {
        let mut story = Story::with_fields(Fields {
            slug: "kyiv-bridge".into(),
            headline: "Bridge “reopens” — at last".into(),
            body: "First paragraph.\nSecond — with “quotes”.\n\nThird after blank.".into(),
            ..Fields::default()
        });
        story.record_draft(Some("Filed".into()), now());
        story
    }

    #[test]
    fn body_is_one_line_per_paragraph_in_the_file() {
        let text = to_ron_string(&sample());
        assert!(
            text.contains("\n            \"First paragraph.\",\n"),
            "{text}"
        );
        assert!(text.contains("\"Second — with “quotes”.\""), "{text}");
        assert!(text.contains("label: Some(\"Filed\")"), "{text}");
    }

    #[test]
    fn roundtrip_in_memory() {
        let story = sample();
        let back = from_ron_str(&to_ron_string(&story), Path::new("x.ron")).unwrap();
        assert_eq!(back, story);
    }

    #[test]
    fn body_accepts_plain_string() {
        let mut text = to_ron_string(&sample());
        let start = text.find("body: [").unwrap();
        let end = start + text[start..].find(']').unwrap() + 1;
        text.replace_range(start..end, "body: \"One\\nTwo\"");
        let story = from_ron_str(&text, Path::new("x.ron")).unwrap();
        assert_eq!(story.fields.body, "One\nTwo");
    }
}
