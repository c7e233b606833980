//! Recovery copies (issue 11): private files in a private folder, one copy per
//! open document, restored without dropping anyone's drafts.

use std::fs;

use std::time::{Duration, Instant};

use copydesk::recovery::{self, Writer};
use copydesk::store;
use copydesk::story::{Fields, Story, now};
use copydesk::ui::Document;

fn story(body: &str) -> Story {
    Story::with_fields(Fields {
        headline: "Private — «Київ»".into(),
        body: body.into(),
        ..Fields::default()
    })
}

/// Item 2: the recovery folder is 0700 and every copy 0600, whatever the
/// umask or the folder's mode before.
#[cfg(unix)]
#[test]
fn recovery_folder_and_copies_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    recovery::write(&rec, "a", &story("Unsaved text."), None, None).unwrap();
    assert_eq!(mode(&rec), 0o700, "new recovery folder");
    // A folder left readable by an older version is made private again.
    fs::set_permissions(&rec, fs::Permissions::from_mode(0o755)).unwrap();
    recovery::write(&rec, "b", &story("More unsaved text."), None, None).unwrap();
    assert_eq!(mode(&rec), 0o700, "existing recovery folder");
    let mut copies = 0;
    for entry in fs::read_dir(&rec).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
        copies += 1;
    }
    assert!(copies >= 2);
}

/// Item 2 with a umask of 000, in a child process (the umask is per process).
#[cfg(unix)]
#[test]
fn recovery_files_are_private_under_umask_000() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 000 && \"$0\" --exact write_recovery_child --ignored --nocapture >/dev/null && stat -c '%a %n' \"$1\" \"$1\"/*")
        .arg(std::env::current_exe().unwrap())
        .arg(&rec)
        .env("COPYDESK_TEST_RECOVERY_DIR", &rec)
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{listing}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let modes: Vec<&str> = listing
        .lines()
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(modes.len(), 3, "{listing}");
    assert_eq!(modes[0], "700", "{listing}");
    assert!(modes[1..].iter().all(|m| *m == "600"), "{listing}");
}

/// The child of the test above: writes one recovery copy.
#[test]
#[ignore = "run by recovery_files_are_private_under_umask_000"]
fn write_recovery_child() {
    let Some(dir) = std::env::var_os("COPYDESK_TEST_RECOVERY_DIR") else {
        return;
    };
    recovery::write(
        std::path::Path::new(&dir),
        "k",
        &story("Typed."),
        None,
        None,
    )
    .unwrap();
}

/// Saving in one place must not need the other: a story saved to disk and
/// its copy stay apart (sanity for the tests above).
#[test]
fn a_copy_is_an_ordinary_story_file() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let s = story("Text.");
    recovery::write(&rec, "k", &s, None, None).unwrap();
    let found = recovery::pending(&rec);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].story.fields, s.fields);
    let _ = store::to_ron_string(&found[0].story);
}

/// Item 11: two documents of the same story (two windows, or a Save as copy,
/// which keeps the id) each have their own copy: neither overwrites the
/// other's, and a clean save of one leaves the other's.
#[test]
fn each_open_document_has_its_own_copy() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let file = dir.path().join("story.ron");
    let s = story("Saved.");
    store::save(&file, &s).unwrap();
    let mut one = Document::from_file(s.clone(), file.clone());
    let mut two = Document::from_file(s.clone(), file.clone());
    assert_ne!(one.recovery_key, two.recovery_key);
    one.story.fields.body = "Typed in window one.".into();
    two.story.fields.body = "Typed in window two.".into();
    let mut writer_one = Writer::new(rec.clone());
    let mut writer_two = Writer::new(rec.clone());
    for (writer, doc) in [(&mut writer_one, &one), (&mut writer_two, &two)] {
        assert!(writer.write(
            &doc.recovery_key,
            1,
            doc.story.clone(),
            Some(file.clone()),
            None
        ));
        assert_eq!(wait_done(writer).2, Ok(true));
    }
    let bodies = |found: Vec<recovery::Recovered>| {
        let mut b: Vec<String> = found.into_iter().map(|r| r.story.fields.body).collect();
        b.sort();
        b
    };
    assert_eq!(
        bodies(recovery::pending(&rec)),
        ["Typed in window one.", "Typed in window two."]
    );
    // Window one saves cleanly: its copy goes, window two's stays.
    writer_one.clear(&one.recovery_key).unwrap();
    assert_eq!(bodies(recovery::pending(&rec)), ["Typed in window two."]);
}

fn wait_done(writer: &Writer) -> (String, u64, Result<bool, String>) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(done) = writer.try_done() {
            return done;
        }
        assert!(Instant::now() < deadline, "the writer never answered");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Item 12: clearing the copy after a clean save while a write of it is
/// queued or under way leaves no copy behind to be offered at the next start.
#[test]
fn a_copy_cleared_during_a_write_does_not_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    // A large story, so its write takes a while.
    let mut big = story(&"A long unsaved body — «Київ». ".repeat(20_000));
    for _ in 0..20 {
        big.fields.body.push('x');
        big.record_draft(None, now());
    }
    let mut writer = Writer::new(rec.clone());
    for round in 0..5u64 {
        assert!(writer.write("doc", round, big.clone(), None, None));
        // Give the write a moment to start on some rounds, none on others.
        std::thread::sleep(Duration::from_millis(round * 3));
        writer.clear("doc").unwrap();
        let (key, generation, result) = wait_done(&writer);
        assert_eq!((key.as_str(), generation), ("doc", round));
        assert!(result.is_ok());
        assert!(
            recovery::pending(&rec).is_empty(),
            "round {round}: a cleared copy came back"
        );
    }
    // A write queued after the clear is written.
    assert!(writer.write("doc", 9, big.clone(), None, None));
    assert_eq!(wait_done(&writer).2, Ok(true));
    assert_eq!(recovery::pending(&rec).len(), 1);
}

/// Item 12: a copy whose text equals its file but whose drafts or dismissals
/// differ (a restore keeps the text on screen as a draft) is still offered.
#[test]
fn a_copy_with_only_new_drafts_is_still_offered() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let file = dir.path().join("story.ron");
    let mut s = story("Filed text.");
    s.record_draft(Some("Filed".into()), now());
    store::save(&file, &s).unwrap();
    let mut copy = s.clone();
    copy.fields.body = "Edited.".into();
    copy.record_draft(Some("Before restoring draft 1".into()), now());
    copy.fields.body = "Filed text.".into();
    recovery::write(&rec, "k", &copy, Some(&file), None).unwrap();
    let found = recovery::pending(&rec);
    assert_eq!(found.len(), 1, "the kept draft would be lost");
    assert_eq!(found[0].story.drafts.len(), 2);
    // Dismissals too.
    let mut copy = s.clone();
    copy.dismissed.push(copydesk::story::Dismissal {
        rule: "double-space".into(),
        field: "body".into(),
        text: "x".into(),
    });
    recovery::write(&rec, "k", &copy, Some(&file), None).unwrap();
    assert_eq!(recovery::pending(&rec).len(), 1);
}

/// Item 10: restoring a copy keeps the drafts others saved to the file since
/// the copy was made, and checks conflicts against the file the copy was
/// based on, so the next Save does not silently write over theirs.
#[test]
fn restoring_keeps_drafts_saved_since_and_notices_the_change() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let file = dir.path().join("story.ron");
    let mut s = story("Draft one.");
    s.record_draft(None, now());
    store::save(&file, &s).unwrap();
    let (opened, based_on) = store::load_hashed(&file).unwrap();
    // We type; the copy is written against the file as we opened it.
    let mut ours = opened.clone();
    ours.fields.body = "Our unsaved text.".into();
    recovery::write(&rec, "k", &ours, Some(&file), Some(based_on)).unwrap();
    // Meanwhile a colleague saves draft 2.
    let mut theirs = opened;
    theirs.fields.body = "Their draft two.".into();
    theirs.record_draft(Some("Legal read".into()), now());
    store::save(&file, &theirs).unwrap();
    // We crash, restart and restore.
    let found = recovery::pending(&rec);
    assert_eq!(found.len(), 1);
    let doc = Document::recovered(found.into_iter().next().unwrap());
    assert_eq!(doc.story.fields.body, "Our unsaved text.");
    assert!(
        doc.story
            .drafts
            .iter()
            .any(|d| d.fields.body == "Their draft two."),
        "their draft was dropped: {:#?}",
        doc.story.drafts
    );
    assert_eq!(
        doc.disk_hash,
        Some(based_on),
        "conflicts checked against the copy's base"
    );
    assert_ne!(store::file_hash(&file).unwrap(), Some(based_on));
    assert_eq!(doc.recovery_key, "k");
}

#[test]
fn merged_drafts_renumber_only_what_collides() {
    let t = now();
    let draft = |n: u32, body: &str| copydesk::story::Draft {
        number: n,
        saved: t,
        label: None,
        fields: Fields {
            body: body.into(),
            ..Fields::default()
        },
        unknown: Default::default(),
    };
    let file = [draft(1, "a"), draft(2, "theirs")];
    let copy = [draft(1, "a"), draft(2, "ours")];
    let merged = recovery::merged_drafts(&file, &copy);
    let got: Vec<(u32, &str)> = merged
        .iter()
        .map(|d| (d.number, d.fields.body.as_str()))
        .collect();
    assert_eq!(got, [(1, "a"), (2, "theirs"), (3, "ours")]);
}
