//! The checks behind Copydesk's fuzz targets, one function per target. Each
//! takes the fuzzer's bytes and panics — which the fuzzer records as a crash —
//! when the core breaks one of its promises. The AFL++ binaries in `src/bin/`
//! feed these functions; `tests/fuzz_regressions.rs` in the main package
//! includes this file to run the same checks on the saved crash inputs and the
//! seed corpus under plain `cargo test`. It depends on nothing but `copydesk`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use copydesk::compare::{self, Granularity, Options, Row};
use copydesk::export::{self, Format};
use copydesk::import::{self, ImportError, ImportKind, ImportOptions, TrackedChanges};
use copydesk::store::{self, StoreError};
use copydesk::story::{Field, Fields, Story, normalize_text};

/// The name the fuzzed story "file" is given in errors.
const NAME: &str = "fuzz.ron";

/// At most this many changes are each taken back on their own (the check is
/// quadratic in the number of changes).
const MAX_SINGLE_REVERTS: usize = 64;

/// Bytes read as a story file, the way `store::load` reads one (`as_text`, then
/// `from_ron_str`). Loading never panics; an error names the file, and a syntax
/// or shape error gives a line and column from 1. A story that loads follows
/// the text rule, and saving it gives text that loads back as the same story
/// and saves again to the same bytes.
pub fn store_load(data: &[u8]) {
    let path = Path::new(NAME);
    match store::as_text(path, data).and_then(|text| store::from_ron_str(text, path)) {
        Err(err) => {
            let message = err.to_string();
            assert_eq!(err.path(), path, "{message}");
            assert!(message.starts_with(NAME), "unnamed file: {message}");
            if let StoreError::Syntax { line, column, .. }
            | StoreError::Shape { line, column, .. } = &err
            {
                assert!(*line >= 1 && *column >= 1, "no position: {message}");
            }
        }
        Ok(story) => {
            assert_follows_text_rule(&story.fields);
            for draft in &story.drafts {
                assert_follows_text_rule(&draft.fields);
            }
            assert_saves_and_loads_back(&story);
        }
    }
}

/// The first byte picks the kind (its low bit: Markdown or plain text), the
/// rest is the text (invalid UTF-8 replaced). Importing never panics, the
/// fields follow the text rule (single-line fields hold no line break), and
/// the story saves and loads back unchanged. For plain text, nothing is dropped
/// silently: every line of the copy is in some field word for word, or the
/// report names its line number (slug label, "Eds:" label, repeated headline).
/// And the fields exported as Markdown and imported again keep every word.
pub fn import(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let kind = if first & 1 == 0 {
        ImportKind::Markdown
    } else {
        ImportKind::PlainText
    };
    let text = String::from_utf8_lossy(rest);
    let imported = import::import(&text, kind);
    let fields = &imported.fields;
    assert_follows_text_rule(fields);
    for field in Field::ALL.into_iter().filter(|f| !f.is_multiline()) {
        assert!(!fields.get(field).contains('\n'), "{field:?}: {fields:#?}");
    }
    assert_saves_and_loads_back(&Story::with_fields(fields.clone()));
    assert_markdown_round_trip_keeps_words(fields);
    if kind == ImportKind::PlainText {
        let all = all_fields(fields);
        let text = normalize_text(text.strip_prefix('\u{feff}').unwrap_or(&text));
        for (i, line) in text.split('\n').enumerate() {
            let line = line.trim();
            let reported = format!("line {}:", i + 1);
            assert!(
                line.is_empty()
                    || all.contains(line)
                    || imported.report.iter().any(|r| r.starts_with(&reported)),
                "line {} dropped silently: {line:?}\nfields: {fields:#?}\nreport: {:#?}",
                i + 1,
                imported.report
            );
        }
    }
}

/// File names whose extensions [`import_file`] gives the bytes: the readers
/// are picked by content first, the extension only when it says nothing.
const IMPORT_NAMES: [&str; 8] = [
    "in.xml", "in.nitf", "in.json", "in.docx", "in.txt", "in.md", "in.anpa", "in",
];

/// Bytes imported the way `copydesk import` reads a file, through every
/// reader (NITF, NewsML, ninjs, DOCX, wire text, Markdown, plain text). The
/// first byte picks the file name (low three bits, [`IMPORT_NAMES`]) and
/// whether tracked changes are rejected (bit 3); the rest is the file.
/// The checks are those of [`check_import`].
pub fn import_file(data: &[u8]) {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let name = IMPORT_NAMES[usize::from(first & 7)];
    check_import(
        Path::new(name),
        bytes,
        None,
        tracked_changes(first & 8 != 0),
    );
}

/// Bytes read as NITF, whatever they look like (the reader is forced, as
/// `copydesk import --format nitf` does); the checks of [`check_import`].
pub fn import_nitf(data: &[u8]) {
    check_import(
        Path::new("in.nitf"),
        data,
        Some(import::Format::Nitf),
        TrackedChanges::Accept,
    );
}

/// Bytes read as NewsML (G2 or 1.2), the reader forced.
pub fn import_newsml(data: &[u8]) {
    check_import(
        Path::new("in.xml"),
        data,
        Some(import::Format::NewsMl),
        TrackedChanges::Accept,
    );
}

/// Bytes read as ninjs JSON, the reader forced.
pub fn import_ninjs(data: &[u8]) {
    check_import(
        Path::new("in.json"),
        data,
        Some(import::Format::Ninjs),
        TrackedChanges::Accept,
    );
}

/// Bytes read as wire text (IPTC 7901, ANPA-1312, ZCZC), the reader forced.
pub fn import_wire(data: &[u8]) {
    check_import(
        Path::new("in.anpa"),
        data,
        Some(import::Format::Wire),
        TrackedChanges::Accept,
    );
}

/// The parts of a Word document that [`import_docx`] fills, in order.
pub const DOCX_PARTS: [&str; 5] = [
    "word/document.xml",
    "word/styles.xml",
    "word/footnotes.xml",
    "word/endnotes.xml",
    "word/comments.xml",
];

/// A Word document built around the bytes and read with the DOCX reader
/// forced. Mutated bytes of a whole .docx rarely get past the ZIP checksums
/// (that is [`import_file`]'s job), so here the fuzzer writes the XML parts:
/// the first byte's low bit rejects tracked changes; the rest, split at 0xFF
/// bytes (never part of UTF-8), fills [`DOCX_PARTS`] in order (stored, not
/// compressed); missing parts are left out. The checks of [`check_import`].
pub fn import_docx(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, part) in DOCX_PARTS.iter().zip(rest.split(|&b| b == 0xFF)) {
        zip.start_file(*name, stored).expect("a zip entry");
        zip.write_all(part).expect("writing to memory");
    }
    let bytes = zip.finish().expect("a zip archive").into_inner();
    check_import(
        Path::new("in.docx"),
        &bytes,
        Some(import::Format::Docx),
        tracked_changes(first & 1 != 0),
    );
}

fn tracked_changes(reject: bool) -> TrackedChanges {
    if reject {
        TrackedChanges::Reject
    } else {
        TrackedChanges::Accept
    }
}

/// `bytes` imported as the file `path`, as `format` or (`None`) the format
/// recognised. Importing never panics. An error names the file (and, for a
/// forced reader that refuses the bytes, that reader's format). An import
/// is in the forced format, follows the text rule (single-line fields hold
/// no line break) and saves and loads back as the same story.
fn check_import(
    path: &Path,
    bytes: &[u8],
    format: Option<import::Format>,
    changes: TrackedChanges,
) {
    let options = ImportOptions {
        format,
        tracked_changes: changes,
    };
    match import::import_bytes(path, bytes, &options) {
        Err(err) => {
            let message = err.to_string();
            assert_eq!(err.path(), path, "{message}");
            let name = path.display().to_string();
            assert!(message.starts_with(&name), "unnamed file: {message}");
            if let (Some(format), ImportError::Invalid { format: label, .. }) = (format, &err) {
                assert_eq!(*label, format.label(), "{message}");
            }
        }
        Ok((used, imported)) => {
            if let Some(format) = format {
                assert_eq!(used, format, "the reader asked for was not used");
            }
            let fields = &imported.fields;
            assert_follows_text_rule(fields);
            for field in Field::ALL.into_iter().filter(|f| !f.is_multiline()) {
                assert!(!fields.get(field).contains('\n'), "{field:?}: {fields:#?}");
            }
            assert_saves_and_loads_back(&Story::with_fields(fields.clone()));
        }
    }
}

/// The first byte picks the options (bits 0–1 granularity, bit 2 ignore
/// whitespace, bit 3 ignore quote style, bit 4 a zero deadline, so the engine
/// takes its coarse fallback); the rest is two texts split at the first 0xFF
/// byte (never part of UTF-8; invalid UTF-8 replaced). The texts are compared
/// as body and, swapped, as editor's note. In every field: ranges fall on
/// character boundaries inside the texts, in order, none empty on both sides;
/// rows list each paragraph of each side once, in order. Without ignore
/// options, applying every change to the old text gives the new one, taking
/// them all back gives the old one, taking one back equals applying the others,
/// and "identical" means equal. With them, the same holds up to whitespace and
/// quote style.
pub fn compare(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let granularity = match first & 3 {
        1 => Granularity::Sentence,
        2 => Granularity::Paragraph,
        _ => Granularity::Word,
    };
    let options = Options {
        granularity,
        ignore_whitespace: first & 4 != 0,
        ignore_quote_style: first & 8 != 0,
        timeout: if first & 16 != 0 {
            Duration::ZERO
        } else {
            Options::default().timeout
        },
    };
    let (a, b) = match rest.iter().position(|&b| b == 0xFF) {
        Some(at) => (&rest[..at], &rest[at + 1..]),
        None => (rest, &[][..]),
    };
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    let old = Fields {
        body: a.to_string(),
        note: b.to_string(),
        ..Fields::default()
    };
    let new = Fields {
        body: b.to_string(),
        note: a.to_string(),
        ..Fields::default()
    };
    let diff = compare::compare(&old, &new, &options);
    let exact = !options.ignore_whitespace && !options.ignore_quote_style;
    let mut count = 0;
    for fd in &diff.fields {
        let (old_text, new_text) = (old.get(fd.field), new.get(fd.field));
        let mut last: Option<&compare::Change> = None;
        for c in &fd.changes {
            assert_eq!(c.field, fd.field);
            assert!(
                c.old.start <= c.old.end && c.old.end <= old_text.len(),
                "{c:?}"
            );
            assert!(
                c.new.start <= c.new.end && c.new.end <= new_text.len(),
                "{c:?}"
            );
            assert!(
                old_text.is_char_boundary(c.old.start) && old_text.is_char_boundary(c.old.end),
                "{c:?} splits a character of {old_text:?}"
            );
            assert!(
                new_text.is_char_boundary(c.new.start) && new_text.is_char_boundary(c.new.end),
                "{c:?} splits a character of {new_text:?}"
            );
            assert!(
                !(c.old.is_empty() && c.new.is_empty()),
                "empty change {c:?}"
            );
            if let Some(p) = last {
                assert!(
                    p.old.end <= c.old.start && p.new.end <= c.new.start && p.id < c.id,
                    "changes out of order: {p:?} then {c:?}"
                );
            }
            last = Some(c);
        }
        // A move is two changes (its two places) but one for the reader.
        count += fd
            .changes
            .iter()
            .filter(|c| c.kind != compare::ChangeKind::MovedAway)
            .count();
        let olds: Vec<usize> = fd.rows.iter().flat_map(Row::old_paragraphs).collect();
        let news: Vec<usize> = fd.rows.iter().flat_map(Row::new_paragraphs).collect();
        assert_eq!(olds, (0..fd.old_paragraphs.len()).collect::<Vec<_>>());
        assert_eq!(news, (0..fd.new_paragraphs.len()).collect::<Vec<_>>());
        let applied = compare::apply(old_text, new_text, &fd.changes);
        let reverted = compare::revert_all(old_text, new_text, &fd.changes);
        if exact {
            assert_eq!(applied, new_text, "apply does not give the new text");
            assert_eq!(reverted, old_text, "revert_all does not give the old text");
            for change in fd.changes.iter().take(MAX_SINGLE_REVERTS) {
                let one = compare::revert_change(&diff, change.id).expect("a listed change");
                let taken = [Some(change.id), change.partner];
                let others = fd.changes.iter().filter(|c| !taken.contains(&Some(c.id)));
                let expected = compare::apply(old_text, new_text, others);
                assert_eq!(one.get(fd.field), expected, "taking back {change:?}");
            }
        } else {
            assert_eq!(
                loose(&applied),
                loose(new_text),
                "apply, ignoring {options:?}"
            );
            assert_eq!(
                loose(&reverted),
                loose(old_text),
                "revert, ignoring {options:?}"
            );
        }
    }
    assert_eq!(diff.stats.changes, count);
    if exact {
        assert_eq!(diff.is_identical(), old == new);
    } else if old == new {
        assert!(diff.is_identical());
    }
}

/// Story → Markdown → story keeps every word of the fields, as often. The
/// only words that may go: those of a line that repeats the headline (left
/// out, and reported, by the importer) and those of an editor's-note label
/// ("Eds:", "Editor's note:"), which the importer removes.
fn assert_markdown_round_trip_keeps_words(first: &Fields) {
    let markdown = export::export(&Story::with_fields(first.clone()), Format::Md)
        .unwrap_or_else(|e| panic!("Markdown export failed: {e}"));
    let second = import::import(&markdown, ImportKind::Markdown);
    let before = words(&all_fields(first));
    let after = words(&all_fields(&second.fields));
    let repeats = second
        .report
        .iter()
        .filter(|r| r.contains("headline repeated verbatim"))
        .count();
    // Repeats are recognised ignoring case.
    let headline = words(&second.fields.headline.to_lowercase());
    const LABEL_WORDS: [&str; 7] = ["ed", "eds", "editor", "editors", "note", "to", "advisory"];
    for (word, &count) in &before {
        let found = after.get(word).copied().unwrap_or(0);
        let may_go = repeats * headline.get(&word.to_lowercase()).copied().unwrap_or(0);
        let label = LABEL_WORDS.contains(&word.to_lowercase().as_str()) || word == "s";
        assert!(
            label || found + may_go >= count,
            "{word:?}: {count} in the story, {found} after Markdown and back\n\
             markdown:\n{markdown}\nfirst: {first:#?}\nsecond: {:#?}\nreport: {:#?}",
            second.fields,
            second.report
        );
    }
}

/// Words as the import tests count them: markup characters dropped, then runs
/// of letters and digits.
fn words(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for token in text.split_whitespace() {
        let token: String = token
            .chars()
            .filter(|c| !"*_`#>[]()\\!~|".contains(*c))
            .collect();
        for w in token.split(|c: char| !c.is_alphanumeric()) {
            if !w.is_empty() {
                *out.entry(w.to_owned()).or_insert(0) += 1;
            }
        }
    }
    out
}

fn all_fields(fields: &Fields) -> String {
    Field::ALL.map(|f| fields.get(f)).join("\n")
}

/// Text with all whitespace removed and curly quotes made straight: coarser
/// than what the ignore options treat as equal.
fn loose(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '‘' | '’' | '‚' | '‛' => '\'',
            '“' | '”' | '„' | '‟' => '"',
            c => c,
        })
        .collect()
}

fn assert_follows_text_rule(fields: &Fields) {
    assert_eq!(
        &fields.clone().normalized(),
        fields,
        "fields break the text rule"
    );
}

/// Saving `story` gives text that loads back as the same story, and saving
/// that again gives the same text.
fn assert_saves_and_loads_back(story: &Story) {
    let path = Path::new(NAME);
    let text = store::to_ron_string(story);
    let back = store::from_ron_str(&text, path)
        .unwrap_or_else(|e| panic!("a saved story does not load: {e}\n{text}"));
    assert_eq!(
        &back, story,
        "the story changed through save and load\n{text}"
    );
    assert_eq!(
        store::to_ron_string(&back),
        text,
        "saving again changed the file"
    );
}
