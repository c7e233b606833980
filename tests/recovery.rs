//! Recovery copies (issue 11): private files in a private folder, one copy per
//! open document, restored without dropping anyone's drafts.

use std::fs;

use copydesk::recovery;
use copydesk::store;
use copydesk::story::{Fields, Story};

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
    recovery::write(&rec, &story("Unsaved text."), None).unwrap();
    assert_eq!(mode(&rec), 0o700, "new recovery folder");
    // A folder left readable by an older version is made private again.
    fs::set_permissions(&rec, fs::Permissions::from_mode(0o755)).unwrap();
    recovery::write(&rec, &story("More unsaved text."), None).unwrap();
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
    recovery::write(std::path::Path::new(&dir), &story("Typed."), None).unwrap();
}

/// Saving in one place must not need the other: a story saved to disk and
/// its copy stay apart (sanity for the tests above).
#[test]
fn a_copy_is_an_ordinary_story_file() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    let s = story("Text.");
    recovery::write(&rec, &s, None).unwrap();
    let found = recovery::pending(&rec);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].story.fields, s.fields);
    let _ = store::to_ron_string(&found[0].story);
}
