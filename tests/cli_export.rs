//! The real `copydesk` binary's `export` and `import` commands: output, refusal
//! to overwrite, new stories and new drafts, and exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use copydesk::export::{self, Format};
use copydesk::store;
use copydesk::story::{Fields, Story, now};

fn copydesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .output()
        .expect("the copydesk binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn write_story(dir: &Path) -> PathBuf {
    let mut story = Story::with_fields(Fields {
        slug: "kyiv-bridge".into(),
        headline: "Міст відкрито — bridge reopens".into(),
        byline: "By Олена Коваленко".into(),
        body: "KYIV — First <paragraph> & “quotes”.\n\nSecond paragraph.".into(),
        note: "Check the figure".into(),
        ..Fields::default()
    });
    story.record_draft(Some("Filed".into()), now());
    let path = dir.join("story.ron");
    store::save(&path, &story).unwrap();
    path
}

#[test]
fn export_to_stdout_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_story(dir.path());
    let story = store::load(&path).unwrap();
    for format in Format::ALL {
        let out = copydesk(&["export", s(&path), "--format", format.key()]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        assert_eq!(stdout(&out), export::export(&story, format).unwrap());
    }
}

#[test]
fn export_to_a_file_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_story(dir.path());
    let target = dir.path().join("story.xml");

    let out = copydesk(&["export", s(&path), "-f", "nitf", "-o", s(&target)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first = std::fs::read_to_string(&target).unwrap();
    assert!(first.contains("<hl1>Міст відкрито — bridge reopens</hl1>"));
    assert!(stdout(&out).contains("story.xml"));

    std::fs::write(&target, "keep me").unwrap();
    let out = copydesk(&["export", s(&path), "--format", "md", "-o", s(&target)]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("story.xml") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");

    let out = copydesk(&[
        "export",
        s(&path),
        "--format",
        "md",
        "-o",
        s(&target),
        "--force",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("kyiv-bridge\n")
    );
}

#[test]
fn export_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_story(dir.path());
    let missing = dir.path().join("missing.ron");
    let out = copydesk(&["export", s(&missing), "--format", "txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.ron"), "{}", stderr(&out));

    let out = copydesk(&["export", s(&path), "--format", "docx"]);
    assert_eq!(out.status.code(), Some(2));

    let out = copydesk(&["export", s(&path)]);
    assert_eq!(out.status.code(), Some(2), "--format is required");

    // Writing into a folder that does not exist names the file.
    let nowhere = dir.path().join("no/such/dir/out.txt");
    let out = copydesk(&["export", s(&path), "--format", "txt", "-o", s(&nowhere)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("out.txt"), "{}", stderr(&out));
}

const WIRE_MD: &str = "\u{feff}kyiv-bridge\r\n\r\n# Міст відкрито — bridge reopens\r\n\r\n**By Олена Коваленко**\r\n\r\nKYIV, Ukraine — The bridge *reopened* on Monday.  \r\n\r\n“It’s done,” said the mayor.\r\n";

#[test]
fn import_creates_a_story() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("wire.md");
    std::fs::write(&input, WIRE_MD).unwrap();
    let target = dir.path().join("new.ron");

    let out = copydesk(&["import", s(&input), "-o", s(&target)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    for expected in [
        "read as Markdown",
        "slug (slug line): “kyiv-bridge”",
        "headline (heading): “Міст відкрито — bridge reopens”",
        "byline: “By Олена Коваленко”",
        "dateline (dateline of the lede, which keeps it): “KYIV, Ukraine”",
        "Created",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in\n{report}"
        );
    }
    let story = store::load(&target).unwrap();
    assert_eq!(story.fields.headline, "Міст відкрито — bridge reopens");
    assert_eq!(story.fields.dateline, "KYIV, Ukraine");
    assert_eq!(
        story.fields.body,
        "KYIV, Ukraine — The bridge reopened on Monday.\n\n“It’s done,” said the mayor."
    );
    assert_eq!(story.drafts.len(), 1);
    assert_eq!(story.drafts[0].label.as_deref(), Some("Imported"));

    // A second import onto the same file is refused without --force.
    let before = std::fs::read(&target).unwrap();
    let out = copydesk(&["import", s(&input), "-o", s(&target)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("new.ron"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&target).unwrap(), before);
    let out = copydesk(&["import", s(&input), "-o", s(&target), "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn import_into_adds_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_story(dir.path());
    let input = dir.path().join("update.txt");
    std::fs::write(
        &input,
        "Bridge reopens to traffic\nBy Mira Holt\n\nThe bridge reopened to cars on Tuesday.\n",
    )
    .unwrap();

    let out = copydesk(&["import", s(&input), "--into", s(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("read as plain text"), "{report}");
    assert!(report.contains("Added draft 2 “Imported”"), "{report}");
    let story = store::load(&path).unwrap();
    assert_eq!(story.drafts.len(), 2);
    assert_eq!(story.drafts[1].label.as_deref(), Some("Imported"));
    assert_eq!(story.fields.headline, "Bridge reopens to traffic");
    assert_eq!(story.fields.byline, "By Mira Holt");
    assert_eq!(story.fields.body, "The bridge reopened to cars on Tuesday.");
    // The text had no slug: the story keeps its own.
    assert_eq!(story.fields.slug, "kyiv-bridge");
    assert_eq!(story.drafts[1].fields, story.fields);
    // The earlier draft is untouched.
    assert_eq!(
        story.drafts[0].fields.headline,
        "Міст відкрито — bridge reopens"
    );
}

#[test]
fn import_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_story(dir.path());

    let missing = dir.path().join("missing.md");
    let out = copydesk(&["import", s(&missing), "-o", s(&dir.path().join("x.ron"))]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.md"), "{}", stderr(&out));

    let binary = dir.path().join("photo.txt");
    // A PNG named .txt (a UTF-16 byte-order mark would be text, read as such).
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").unwrap();
    let out = copydesk(&["import", s(&binary), "-o", s(&dir.path().join("x.ron"))]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("photo.txt"), "{}", stderr(&out));
    assert!(stderr(&out).contains("binary"), "{}", stderr(&out));

    let blank = dir.path().join("blank.txt");
    std::fs::write(&blank, "  \n\n").unwrap();
    let out = copydesk(&["import", s(&blank), "-o", s(&dir.path().join("x.ron"))]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("blank.txt"), "{}", stderr(&out));
    assert!(!dir.path().join("x.ron").exists());

    // A folder is not a text file.
    let out = copydesk(&["import", s(dir.path()), "--into", s(&path)]);
    assert_eq!(out.status.code(), Some(2));

    // --into a story that does not exist names it.
    let input = dir.path().join("in.md");
    std::fs::write(&input, "# Headline\n\nBody.\n").unwrap();
    let nostory = dir.path().join("nostory.ron");
    let out = copydesk(&["import", s(&input), "--into", s(&nostory)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nostory.ron"), "{}", stderr(&out));

    // Exactly one of -o and --into.
    let out = copydesk(&["import", s(&input)]);
    assert_eq!(out.status.code(), Some(2));
    let out = copydesk(&["import", s(&input), "-o", "a.ron", "--into", s(&path)]);
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn import_refuses_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.md");
    let status = Command::new("mkfifo").arg(&fifo).status();
    if !status.is_ok_and(|s| s.success()) {
        return; // no mkfifo here
    }
    let out = copydesk(&["import", s(&fifo), "-o", s(&dir.path().join("x.ron"))]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("pipe.md"), "{}", stderr(&out));
}
