//! The real `copydesk` binary's `info` and `log` commands: output and exit codes.

use std::path::Path;
use std::process::{Command, Output};

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

fn write_story(dir: &Path) -> std::path::PathBuf {
    let mut story = Story::with_fields(Fields {
        slug: "harbour-footbridge-reopens-after-repair".into(),
        headline: "Міст відкрито — bridge reopens".into(),
        body: "One two three four five.".into(),
        note: "Check\nthe figure".into(),
        ..Fields::default()
    });
    story.record_draft(Some("Filed".into()), now());
    story.fields.body.push_str("\n\nSix seven eight.");
    story.record_draft(None, now());
    story.fields.body.push_str(" Nine ten.");
    let path = dir.join("story.ron");
    store::save(&path, &story).unwrap();
    path
}

#[test]
fn info_prints_fields_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_story(dir.path());
    let out = copydesk(&["info", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Headline:    Міст відкрито — bridge reopens (30/64 characters)"),
        "{text}"
    );
    // 39 characters against a 24 limit is reported as over.
    assert!(text.contains("(39/24 characters, 15 over)"), "{text}");
    assert!(text.contains("Body:        10 words"), "{text}");
    assert!(text.contains("2 paragraphs"), "{text}");
    assert!(
        text.contains("Reading:     1 min at 250 words per minute"),
        "{text}"
    );
    assert!(text.contains("Drafts:      2"), "{text}");
    assert!(text.contains("Note:        Check ⏎ the figure"), "{text}");
    assert!(
        text.contains("Subhead:     (empty) (0/160 characters)"),
        "{text}"
    );
}

#[test]
fn info_reading_speed_is_a_setting() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_story(dir.path());
    let out = copydesk(&["info", "--wpm", "3", path.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("Reading:     4 min at 3 words per minute"));
}

#[test]
fn log_lists_drafts_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_story(dir.path());
    let out = copydesk(&["log", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].contains("draft") && lines[0].contains("words"));
    let second: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(second[0], "2");
    assert_eq!(second[3], "8");
    assert_eq!(second[4], "+3");
    let first: Vec<&str> = lines[2].split_whitespace().collect();
    assert_eq!(first[0], "1");
    assert_eq!(first[3], "5");
    assert_eq!(first.last(), Some(&"Filed"));
}

#[test]
fn errors_exit_2_with_one_line_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.ron");
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(format: 1, id: ").unwrap();
    for (command, path) in [("info", &missing), ("log", &missing), ("info", &broken)] {
        let out = copydesk(&[command, path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{command} {}", path.display());
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(path.file_name().unwrap().to_str().unwrap()),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
    let out = copydesk(&["info", broken.to_str().unwrap()]);
    assert!(stderr(&out).contains("broken.ron:1:"), "{}", stderr(&out));
}

#[test]
fn bad_arguments_exit_2() {
    let out = copydesk(&["info"]);
    assert_eq!(out.status.code(), Some(2));
    let out = copydesk(&["log", "a.ron", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let out = copydesk(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("info"));
    // The window's switch for a session without dictionaries (memory.sh).
    assert!(stdout(&out).contains("--no-spelling"));
}

// ---- diff -------------------------------------------------------------------------

/// A story whose drafts say "quick", then "slow"; on disk the text says "slow".
fn drafts_story(dir: &Path) -> std::path::PathBuf {
    let mut story = Story::with_fields(Fields {
        headline: "Fox story".into(),
        body: "The quick brown fox.\n\nIt jumped.".into(),
        ..Fields::default()
    });
    story.record_draft(Some("Filed".into()), now());
    story.fields.body = "The slow brown fox.\n\nIt jumped.".into();
    story.record_draft(None, now());
    let path = dir.join("fox.ron");
    store::save(&path, &story).unwrap();
    path
}

#[test]
fn diff_defaults_to_latest_differing_draft_against_current() {
    let dir = tempfile::tempdir().unwrap();
    let path = drafts_story(dir.path());
    let p = path.to_str().unwrap();
    let out = copydesk(&["diff", p]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("(draft 1 · Filed)"), "{text}");
    assert!(text.contains("(current text)"), "{text}");
    assert!(
        text.contains("@@ body ¶1 @@\nThe [-quick-]{+slow+} brown fox.\n"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colour when piped: {text:?}");
}

#[test]
fn diff_between_drafts_and_identical_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = drafts_story(dir.path());
    let p = path.to_str().unwrap();
    let out = copydesk(&["diff", p, "--from", "2", "--to", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("The [-slow-]{+quick+} brown fox."));
    let out = copydesk(&["diff", p, "--from", "2"]);
    assert_eq!(out.status.code(), Some(0), "draft 2 is the current text");
    assert!(out.stdout.is_empty());
    let out = copydesk(&["diff", p, "--from", "1", "--color", "always"]);
    assert!(stdout(&out).contains("\x1b[31m[-quick-]\x1b[m"));
    let out = copydesk(&["diff", p, "--from", "1", "--by", "paragraph"]);
    assert!(stdout(&out).contains("[-The quick brown fox.-]{+The slow brown fox.+}"));
}

#[test]
fn diff_two_stories_compares_their_current_texts() {
    let dir = tempfile::tempdir().unwrap();
    let a = drafts_story(dir.path());
    let b = dir.path().join("other.ron");
    let mut other = store::load(&a).unwrap();
    other.fields.headline = "Fox story, updated".into();
    store::save(&b, &other).unwrap();
    let out = copydesk(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("@@ headline @@\nFox story{+, updated+}\n"),
        "{}",
        stdout(&out)
    );
    let out = copydesk(&["diff", a.to_str().unwrap(), a.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn diff_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = drafts_story(dir.path());
    let p = path.to_str().unwrap();
    let out = copydesk(&["diff", p, "--from", "9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("fox.ron: no draft 9"),
        "{}",
        stderr(&out)
    );
    let out = copydesk(&["diff", p, "--to", "latest"]);
    assert_eq!(out.status.code(), Some(2));
    let out = copydesk(&["diff", p, p, "--from", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let out = copydesk(&["diff", "missing.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.ron"));
}
