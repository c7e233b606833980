//! The `copydesk` binary on hostile or oversized input (issue 11): terminal
//! output carries no escapes, imports keep unsaved text and refuse what could
//! not be read back, `--force` replaces a link rather than what it points to.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use copydesk::store;
use copydesk::story::{Fields, Story, now};

fn copydesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .output()
        .expect("the copydesk binary runs")
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn write_story(dir: &Path, story: &Story) -> PathBuf {
    let path = dir.join("story.ron");
    store::save(&path, story).unwrap();
    path
}

fn has_escape(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

/// Item 7: what the CLI prints (info, log, diff headers, check) holds no
/// control characters, whatever the story's labels, dismissals or file name.
#[test]
fn nothing_printed_carries_terminal_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let mut story = Story::with_fields(Fields {
        headline: "Bridge reopens".into(),
        body: "One  two.".into(),
        ..Fields::default()
    });
    story.record_draft(Some("Filed\u{1b}]0;owned\u{7}\u{1b}[2J".into()), now());
    story.fields.body.push_str(" Three.");
    story.record_draft(Some("Legal\u{9b}31m read".into()), now());
    let path = write_story(dir.path(), &story);
    let odd = dir.path().join("odd\u{1b}[31mname.ron");
    story.fields.body.push_str(" Four.");
    store::save(&odd, &story).unwrap();
    for args in [
        vec!["info", s(&odd)],
        vec!["log", s(&path)],
        vec![
            "diff",
            s(&path),
            "--from",
            "1",
            "--to",
            "2",
            "--color",
            "never",
        ],
        vec!["diff", s(&odd), s(&path), "--color", "never"],
        vec!["check", s(&odd)],
        vec!["info", s(&dir.path().join("missing\u{1b}[2J.ron"))],
    ] {
        let out = copydesk(&args);
        let printed = text(&out);
        assert!(!printed.is_empty(), "{args:?}");
        assert!(!has_escape(&printed), "{args:?} printed {printed:?}");
    }
    let log = text(&copydesk(&["log", s(&path)]));
    assert!(log.contains("Filed"), "{log}");
    assert!(log.contains("Legal"), "{log}");
}

/// Item 3: `import --into` keeps an unsaved current text (one that differs
/// from the newest draft) as a draft before adding the import.
#[test]
fn import_into_keeps_an_unsaved_current_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut story = Story::with_fields(Fields {
        headline: "Filed".into(),
        body: "As filed.".into(),
        ..Fields::default()
    });
    story.record_draft(Some("Filed".into()), now());
    story.fields.body = "Hand edit nobody saved as a draft.".into();
    let path = write_story(dir.path(), &story);
    let input = dir.path().join("wire.txt");
    fs::write(&input, "Wire headline\n\nWire body text.\n").unwrap();
    let out = copydesk(&["import", s(&input), "--into", s(&path)]);
    assert!(out.status.success(), "{}", text(&out));
    let after = store::load(&path).unwrap();
    assert!(
        after
            .drafts
            .iter()
            .any(|d| d.fields.body == "Hand edit nobody saved as a draft."),
        "the unsaved text is gone: {:#?}",
        after.drafts
    );
    assert!(after.fields.body.contains("Wire body text."));
    assert_eq!(
        after.drafts.last().unwrap().label.as_deref(),
        Some("Imported")
    );
}

/// Item 1: an import whose result would be too large to read back is refused
/// with a clear message, and the story is left as it was (and still loads).
#[test]
fn an_import_too_large_for_a_story_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // A story near the limit: 28 drafts of a 1 MB body, about 29 MB.
    let mut story = Story::with_fields(Fields {
        headline: "Big".into(),
        ..Fields::default()
    });
    for n in 0..28 {
        story.fields.body = format!("{n} {}", "word ".repeat(200_000));
        story.record_draft(None, now());
    }
    let path = write_story(dir.path(), &story);
    let before = fs::read(&path).unwrap();
    // 4 MB of copy: the story would hold it twice (current text and draft).
    let input = dir.path().join("wire.txt");
    fs::write(&input, "Wire copy. ".repeat(380_000)).unwrap();
    let out = copydesk(&["import", s(&input), "--into", s(&path)]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let message = text(&out);
    assert!(message.contains("story.ron"), "{message}");
    assert!(message.contains("limit"), "{message}");
    assert!(message.contains("archive"), "{message}");
    assert_eq!(fs::read(&path).unwrap(), before);
    // Copy past the importer's own limit is refused before any story is made.
    let huge = dir.path().join("huge.txt");
    fs::write(&huge, "word ".repeat(3_400_000)).unwrap();
    let new = dir.path().join("new.ron");
    let out = copydesk(&["import", s(&huge), "-o", s(&new)]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("limit"), "{}", text(&out));
    assert!(!new.exists());
    // Every later command still reads the story.
    assert!(copydesk(&["info", s(&path)]).status.success());
}

/// Item 6: `export -o LINK --force` replaces the link itself, never the file
/// the link points to.
#[cfg(unix)]
#[test]
fn export_force_replaces_a_link_not_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_story(
        dir.path(),
        &Story::with_fields(Fields {
            headline: "Bridge".into(),
            ..Fields::default()
        }),
    );
    let precious = dir.path().join("precious.txt");
    fs::write(&precious, "do not touch").unwrap();
    let link = dir.path().join("out.txt");
    std::os::unix::fs::symlink(&precious, &link).unwrap();
    let out = copydesk(&["export", s(&path), "-f", "txt", "-o", s(&link), "--force"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(fs::read_to_string(&precious).unwrap(), "do not touch");
    assert!(
        !fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&link).unwrap().contains("Bridge"));
    // import -o --force likewise.
    let input = dir.path().join("in.txt");
    fs::write(&input, "Headline\n\nBody.").unwrap();
    let link2 = dir.path().join("story-link.ron");
    std::os::unix::fs::symlink(&precious, &link2).unwrap();
    let out = copydesk(&["import", s(&input), "-o", s(&link2), "--force"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(fs::read_to_string(&precious).unwrap(), "do not touch");
}

/// Item 7: no character XML 1.0 forbids reaches an XML export, from any
/// field (the id included), and the result is well-formed.
#[test]
fn xml_exports_hold_no_forbidden_characters() {
    let mut story = Story::with_fields(Fields {
        headline: "Bridge".into(),
        body: "Body.".into(),
        ..Fields::default()
    });
    story.id = "x\u{1b}]0;owned\u{7}\u{1b}[2J".into();
    // Fields bypassing the text rule (a struct built in code).
    story.fields.byline = "By \u{1}Olena\u{fffe}".into();
    story.fields.note = "note \u{b}\u{c}\u{ffff} end".into();
    for format in [
        copydesk::export::Format::Nitf,
        copydesk::export::Format::Html,
    ] {
        let xml = copydesk::export::export(&story, format).unwrap();
        let bad: Vec<char> = xml
            .chars()
            .filter(|&c| {
                !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
            })
            .collect();
        assert!(bad.is_empty(), "{format:?}: {bad:?}");
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{format:?} not well-formed: {e}\n{xml}"),
            }
        }
        assert!(xml.contains("Olena"), "{xml}");
    }
}

/// Item 1: older drafts move to an archive beside the story that Copydesk
/// reads back; the story shrinks; nothing is lost; a second run adds to it.
#[test]
fn archive_moves_older_drafts_beside_the_story() {
    let dir = tempfile::tempdir().unwrap();
    let mut story = Story::with_fields(Fields {
        headline: "Bridge".into(),
        body: "Draft body 0 — «Київ».".into(),
        ..Fields::default()
    });
    for n in 1..=30 {
        story.fields.body = format!("Draft body {n} — «Київ».");
        story.record_draft(None, now());
    }
    let path = write_story(dir.path(), &story);
    let before = fs::metadata(&path).unwrap().len();
    let out = copydesk(&["archive", s(&path), "--keep", "5"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Moved 25 drafts"), "{}", text(&out));
    let archive = dir.path().join("story.drafts.ron");
    let kept = store::load(&path).unwrap();
    let archived = store::load(&archive).unwrap();
    assert_eq!(kept.drafts.len(), 5);
    assert_eq!(kept.drafts[0].number, 26);
    assert_eq!(kept.fields, story.fields);
    assert_eq!(archived.id, story.id);
    assert_eq!(archived.drafts.len(), 25);
    assert_eq!(archived.drafts[0].fields.body, "Draft body 1 — «Київ».");
    assert!(fs::metadata(&path).unwrap().len() < before);
    // The log says where the rest are; a second run adds to the archive.
    assert!(text(&copydesk(&["log", s(&path)])).contains("25 older drafts are in the archive"));
    let out = copydesk(&["archive", s(&path), "--keep", "2"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(store::load(&archive).unwrap().drafts.len(), 28);
    assert_eq!(store::load(&path).unwrap().drafts.len(), 2);
    // Every draft is in one file or the other, exactly once.
    let mut numbers: Vec<u32> = store::load(&archive)
        .unwrap()
        .drafts
        .iter()
        .chain(store::load(&path).unwrap().drafts.iter())
        .map(|d| d.number)
        .collect();
    numbers.sort();
    assert_eq!(numbers, (1..=30).collect::<Vec<u32>>());
}
