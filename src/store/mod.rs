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

use serde::Deserialize;

use crate::story::Story;

mod archive;
mod atomic;
mod shape;

pub use archive::{Archived, archive_drafts, archive_path, load_archive};

pub use atomic::{ChangedOnDisk, WriteOptions, write_atomic, write_atomic_with, write_with};

pub use shape::UnknownKeys;
use shape::{FileIn, FileOut};

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
    #[error("{}: not saved: the story would be {size} bytes, more than the {limit}-byte limit a story file may hold ({drafts} drafts); move older drafts to the archive first (copydesk archive STORY.ron --keep N)", path.display())]
    TooLargeToSave {
        path: PathBuf,
        size: u64,
        limit: u64,
        drafts: usize,
    },
    #[error("{}: not saved: the file was changed by someone else since it was opened", path.display())]
    Changed { path: PathBuf },
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
            | StoreError::Write { path, .. }
            | StoreError::TooLargeToSave { path, .. }
            | StoreError::Changed { path } => path,
        }
    }
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
        story,
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
    if let Err(bad) = crate::story::check_id(&file.id) {
        let (line, column) = key_position(text, "id");
        return Err(StoreError::Shape {
            path: path.to_owned(),
            line,
            column,
            message: bad.to_string(),
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
        decisions: file.decisions,
        unknown: file.unknown,
        proofing: crate::story::Proofing {
            language: file.language,
            ignored_words: file.ignored_words,
            style_off: file.style_off,
        },
    })
}

/// Line and column (1-based) of the first line that starts with `key:` (the
/// story's own keys are the first of their name in a file Copydesk wrote); the
/// start of the file when there is none.
fn key_position(text: &str, key: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
        {
            return (i + 1, line.len() - trimmed.len() + 1);
        }
    }
    (1, 1)
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
    save_checked(path, story, None)
}

/// [`save_hashed`], replacing the file only if its fingerprint is still
/// `expected` (when given): checked under a lock just before the rename, so a
/// save someone else made since the story was opened is never overwritten
/// ([`StoreError::Changed`]; nothing is written).
pub fn save_checked(path: &Path, story: &Story, expected: Option<u64>) -> Result<u64, StoreError> {
    let options = WriteOptions {
        expect_hash: expected,
        ..WriteOptions::default()
    };
    save_with(path, story, &options)
}

/// Save with [`WriteOptions`], giving the fingerprint of the bytes written.
pub fn save_with(path: &Path, story: &Story, options: &WriteOptions) -> Result<u64, StoreError> {
    let text = story_text(path, story)?;
    write_with(path, options, |file| file.write_all(text.as_bytes())).map_err(|source| {
        if ChangedOnDisk::is(&source) {
            StoreError::Changed {
                path: path.to_owned(),
            }
        } else {
            StoreError::Write {
                path: path.to_owned(),
                source,
            }
        }
    })?;
    Ok(content_hash(text.as_bytes()))
}

/// The story as the text [`save`] writes, refused when it would be larger than
/// [`load`] reads back ([`MAX_FILE_BYTES`]): never write what cannot be read.
pub fn story_text(path: &Path, story: &Story) -> Result<String, StoreError> {
    let text = to_ron_string(story);
    let size = text.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(StoreError::TooLargeToSave {
            path: path.to_owned(),
            size,
            limit: MAX_FILE_BYTES,
            drafts: story.drafts.len(),
        });
    }
    Ok(text)
}

/// Story files past this size get a warning (three quarters of [`MAX_FILE_BYTES`]).
pub const WARN_FILE_BYTES: u64 = MAX_FILE_BYTES / 4 * 3;

/// A warning for a story file of `size` bytes when it is past
/// [`WARN_FILE_BYTES`]: how close it is to the limit and what to do.
pub fn size_warning(path: &Path, size: u64) -> Option<String> {
    (size > WARN_FILE_BYTES).then(|| {
        format!(
            "{}: the story file is {:.1} MB, {}% of the {} MB a story may hold; move older drafts to the archive (copydesk archive {} --keep 20, or History → Archive older drafts)",
            path.display(),
            size as f64 / 1_048_576.0,
            (size * 100 + MAX_FILE_BYTES / 2) / MAX_FILE_BYTES,
            MAX_FILE_BYTES / 1_048_576,
            path.display(),
        )
    })
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

/// Save a story to `path` atomically (see [`write_atomic`]); refused, writing
/// nothing, when the file would be too large to read back.
pub fn save(path: &Path, story: &Story) -> Result<(), StoreError> {
    save_checked(path, story, None).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::{Fields, now};

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
