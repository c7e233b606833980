//! Story files: save → load is the identity (Unicode, long bodies, drafts), every
//! kind of bad file gives an error naming the file without changing its bytes,
//! and a failed save leaves the old file untouched.

use std::fs;
use std::path::Path;

use copydesk::store::{self, StoreError};
use copydesk::story::{Fields, Status, Story, now};
use proptest::prelude::*;

fn story_with(body: &str) -> Story {
    let mut story = Story::with_fields(Fields {
        slug: "test-slug".into(),
        headline: "Київ: «міст» відкрито — finally 🎉".into(),
        subhead: "Curly “quotes”, ‘single’, dashes – —, accents é ñ ü".into(),
        byline: "By Олена Коваленко".into(),
        dateline: "KYIV, Nov. 24".into(),
        body: body.into(),
        note: "Tabs\tkept.\nTwo lines.".into(),
    });
    story.status = Status::Ready;
    story
}

fn save_and_load(story: &Story) -> Story {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.ron");
    store::save(&path, story).unwrap();
    store::load(&path).unwrap()
}

#[test]
fn unicode_story_survives_byte_for_byte() {
    let mut story = story_with(
        "Перший абзац — з «лапками».\n\nSecond 👨‍👩‍👧 paragraph\twith tab.\n  Leading spaces kept  ",
    );
    story.record_draft(Some("Filed".into()), now());
    story.fields.body.push_str("\nA later line.");
    story.record_draft(None, now());
    let back = save_and_load(&story);
    assert_eq!(back, story);
    assert_eq!(back.fields.body.as_bytes(), story.fields.body.as_bytes());
    assert_eq!(back.drafts.len(), 2);
}

#[test]
fn each_body_line_is_its_own_line_of_the_file() {
    let story = story_with("First paragraph.\n\nSecond paragraph.");
    let text = store::to_ron_string(&story);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert!(lines.contains(&"\"First paragraph.\","), "{text}");
    assert!(lines.contains(&"\"\","), "{text}");
    assert!(lines.contains(&"\"Second paragraph.\","), "{text}");
}

#[test]
fn crlf_and_control_characters_follow_the_text_rule() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crlf.ron");
    let mut story = story_with("");
    story.fields.body = "One\r\nTwo\rThree\u{7}".into();
    // Write the raw text as a hand-edited file would hold it.
    fs::write(&path, store::to_ron_string(&story)).unwrap();
    let back = store::load(&path).unwrap();
    assert_eq!(back.fields.body, "One\nTwo\nThree");
}

#[test]
fn a_very_long_body_round_trips() {
    let paragraph = "The council said the bridge — built in 1911 — would reopen “soon”. ";
    let body: Vec<String> = (0..2000)
        .map(|i| format!("{i}: {}", paragraph.repeat(3)))
        .collect();
    let story = story_with(&body.join("\n\n"));
    assert!(copydesk::story::word_count(&story.fields.body) > 50_000);
    assert_eq!(save_and_load(&story), story);
}

// ---- bad files ----------------------------------------------------------------

/// Write `bytes` as a story file, try to load it, and check the file is unchanged.
fn load_bad(name: &str, bytes: &[u8]) -> StoreError {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    let err = store::load(&path).expect_err("a bad file must not load");
    assert_eq!(fs::read(&path).unwrap(), bytes, "loading changed the file");
    assert_eq!(err.path(), path);
    assert!(
        err.to_string().contains(name),
        "the message must name the file: {err}"
    );
    err
}

#[test]
fn empty_file() {
    assert!(matches!(
        load_bad("empty.ron", b""),
        StoreError::Empty { .. }
    ));
    assert!(matches!(
        load_bad("blank.ron", b"  \n\t\n"),
        StoreError::Empty { .. }
    ));
}

#[test]
fn truncated_file_names_line_and_column() {
    let full = store::to_ron_string(&story_with("Some body text.\nMore."));
    let cut = &full[..full.len() / 2];
    let err = load_bad("truncated.ron", cut.as_bytes());
    match &err {
        StoreError::Syntax { line, column, .. } | StoreError::Shape { line, column, .. } => {
            assert!(*line > 1 && *column >= 1, "{err}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    assert!(err.to_string().contains(":"), "{err}");
}

#[test]
fn garbage_text() {
    let err = load_bad("garbage.ron", b"this is not ( a story }}}");
    let (StoreError::Syntax { line, .. } | StoreError::Shape { line, .. }) = err else {
        panic!("expected a syntax error, got {err:?}");
    };
    assert_eq!(line, 1);
    assert!(err.to_string().contains("garbage.ron:1:1:"), "{err}");
    assert!(!err.to_string().contains("FileIn"), "{err}");
    let err = load_bad("garbage2.ron", b"(format: 1,\n  id: \"x\" created ]");
    let StoreError::Syntax { line, column, .. } = err else {
        panic!("expected a syntax error, got {err:?}");
    };
    assert_eq!((line, column), (2, 11), "{err}");
}

#[test]
fn binary_file() {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&[0, 0, 0, 13, 0xff, 0xfe]);
    let err = load_bad("picture.ron", &bytes);
    assert!(matches!(err, StoreError::NotText { .. }), "{err:?}");
    let err = load_bad("latin1.ron", b"(format: 1, headline: \"caf\xe9\")");
    assert!(
        matches!(err, StoreError::NotText { offset: 26, .. }),
        "{err:?}"
    );
}

#[test]
fn wrong_shape() {
    let err = load_bad("list.ron", b"[1, 2, 3]");
    assert!(matches!(err, StoreError::Shape { .. }), "{err:?}");
    let err = load_bad("missing.ron", b"(format: 1, id: \"x\")");
    assert!(
        matches!(err, StoreError::Shape { .. }) && err.to_string().contains("created"),
        "{err}"
    );
    let err = load_bad(
        "status.ron",
        store::to_ron_string(&story_with("x"))
            .replace("status: Ready", "status: Lost")
            .as_bytes(),
    );
    assert!(matches!(err, StoreError::Shape { .. }), "{err:?}");
}

#[test]
fn newer_format() {
    let text = store::to_ron_string(&story_with("Body."));
    let newer = text.replace("format: 1,", "format: 99,");
    let err = load_bad("newer.ron", newer.as_bytes());
    assert!(
        matches!(err, StoreError::NewerFormat { found: 99, .. }),
        "{err:?}"
    );
    // A newer file whose shape also changed is still reported as newer.
    let reshaped = newer.replace("current:", "text:");
    let err = load_bad("newer2.ron", reshaped.as_bytes());
    assert!(
        matches!(err, StoreError::NewerFormat { found: 99, .. }),
        "{err:?}"
    );
}

#[test]
fn deeply_nested_input_is_refused_without_overflow() {
    let deep = "[".repeat(100_000);
    let err = load_bad("deep.ron", deep.as_bytes());
    assert!(
        matches!(err, StoreError::Syntax { .. } | StoreError::Shape { .. }),
        "{err:?}"
    );
}

#[test]
fn folders_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let err = store::load(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::NotAFile { .. }), "{err:?}");
    let missing = dir.path().join("nope.ron");
    let err = store::load(&missing).unwrap_err();
    assert!(
        matches!(err, StoreError::Read { .. }) && err.to_string().contains("nope.ron"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn fifo_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.ron");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let err = store::load(&fifo).unwrap_err();
    assert!(matches!(err, StoreError::NotAFile { .. }), "{err:?}");
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    std::os::unix::fs::symlink(&a, &b).unwrap();
    std::os::unix::fs::symlink(&b, &a).unwrap();
    let err = store::load(&a).unwrap_err();
    assert!(matches!(err, StoreError::Read { .. }), "{err:?}");
}

#[test]
fn oversized_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let file = fs::File::create(&path).unwrap();
    file.set_len(store::MAX_FILE_BYTES + 1).unwrap();
    let err = store::load(&path).unwrap_err();
    assert!(matches!(err, StoreError::TooLarge { .. }), "{err:?}");
}

/// A 100 MB file (sparse: it takes no disk) is refused from its size alone,
/// at once, by `load` and by import, with a message giving size and limit.
#[test]
fn a_100_mb_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hundred.ron");
    fs::File::create(&path)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let started = std::time::Instant::now();
    let err = store::load(&path).unwrap_err();
    let StoreError::TooLarge { size, limit, .. } = err else {
        panic!("expected TooLarge, got {err:?}");
    };
    assert_eq!((size, limit), (100 * 1024 * 1024, store::MAX_FILE_BYTES));
    let message = err.to_string();
    assert!(
        message.contains("hundred.ron")
            && message.contains("104857600")
            && message.contains("33554432"),
        "{message}"
    );
    let err = copydesk::import::import_file(&path, &copydesk::import::ImportOptions::default())
        .unwrap_err();
    assert!(
        matches!(
            err,
            copydesk::import::ImportError::Store(StoreError::TooLarge { .. })
        ),
        "{err:?}"
    );
    // Nothing was read: even a slow machine answers well within this.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

/// Deep nesting where a story's values go (a body, a draft label, a struct) is
/// refused as an error, like the bare `[[[…` above, without a stack overflow.
#[test]
fn deep_nesting_inside_a_story_is_refused() {
    let head = "(format: 1, id: \"x\", created: \"2026-11-23T07:42:00Z\", \
                modified: \"2026-11-23T07:42:00Z\", ";
    for (name, tail) in [
        (
            "body.ron",
            format!("current: (body: {}", "[".repeat(100_000)),
        ),
        (
            "label.ron",
            format!(
                "current: (), drafts: [(number: 1, saved: \"2026-11-23T07:42:00Z\", fields: (), label: {}",
                "Some(".repeat(100_000)
            ),
        ),
        ("struct.ron", format!("current: {}", "(".repeat(100_000))),
    ] {
        let err = load_bad(name, format!("{head}{tail}").as_bytes());
        assert!(
            matches!(err, StoreError::Syntax { .. } | StoreError::Shape { .. }),
            "{name}: {err:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn devices_are_refused() {
    for device in ["/dev/null", "/dev/zero", "/dev/urandom"] {
        let path = Path::new(device);
        if !path.exists() {
            continue;
        }
        let err = store::load(path).unwrap_err();
        assert!(
            matches!(err, StoreError::NotAFile { .. }),
            "{device}: {err:?}"
        );
        assert!(err.to_string().contains(device), "{err}");
    }
}

// ---- saving ---------------------------------------------------------------------

#[test]
fn save_replaces_atomically_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.ron");
    let mut story = story_with("First.");
    store::save(&path, &story).unwrap();
    story.fields.body = "Second.".into();
    store::save(&path, &story).unwrap();
    assert_eq!(store::load(&path).unwrap().fields.body, "Second.");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("story.ron")]);
}

/// A save that was killed leaves its temporary file; the next save of the same
/// file removes those over a minute old, and nothing else.
#[test]
fn save_removes_stale_temp_files_of_the_same_story() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.ron");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(120);
    let make = |name: &str, aged: bool| {
        let file = fs::File::create(dir.path().join(name)).unwrap();
        if aged {
            file.set_modified(old).unwrap();
        }
    };
    make(".story.ron.a1B2c3.copydesk.tmp", true); // ours, stale: removed
    make(".story.ron.d4E5f6.copydesk.tmp", false); // ours, fresh (a save in progress): kept
    make(".story.ron.toolong.copydesk.tmp", true); // not a name we give: kept
    make(".story.ron.a1B2c3.tmp", true); // no Copydesk marker: kept
    make(".other.ron.a1B2c3.copydesk.tmp", true); // another story's: kept
    make("story.ron.a1B2c3.copydesk.tmp", true); // not ours: kept
    store::save(&path, &story_with("Body.")).unwrap();
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".other.ron.a1B2c3.copydesk.tmp",
            ".story.ron.a1B2c3.tmp",
            ".story.ron.d4E5f6.copydesk.tmp",
            ".story.ron.toolong.copydesk.tmp",
            "story.ron",
            "story.ron.a1B2c3.copydesk.tmp"
        ]
    );
}

#[test]
fn save_onto_a_folder_fails_and_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folder.ron");
    fs::create_dir(&folder).unwrap();
    let err = store::save(&folder, &story_with("x")).unwrap_err();
    assert!(matches!(err, StoreError::Write { .. }), "{err:?}");
    assert!(err.to_string().contains("folder.ron"), "{err}");
    assert!(folder.is_dir());
}

#[test]
fn save_into_a_missing_folder_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("story.ron");
    let err = store::save(&path, &story_with("x")).unwrap_err();
    assert!(err.to_string().contains("story.ron"), "{err}");
    assert!(!path.exists());
}

#[cfg(unix)]
#[test]
fn save_into_a_read_only_folder_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.ron");
    store::save(&path, &story_with("Old text.")).unwrap();
    let before = fs::read(&path).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let result = store::save(&path, &story_with("New text."));
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    // Root may write anywhere; the check that matters is that the file is whole.
    match result {
        Err(err) => {
            assert!(err.to_string().contains("story.ron"), "{err}");
            assert_eq!(fs::read(&path).unwrap(), before);
        }
        Ok(()) => assert_eq!(store::load(&path).unwrap().fields.body, "New text."),
    }
}

#[cfg(unix)]
#[test]
fn save_through_a_symlink_replaces_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.ron");
    let link = dir.path().join("link.ron");
    store::save(&real, &story_with("Old.")).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    store::save(&link, &story_with("New.")).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(store::load(&real).unwrap().fields.body, "New.");
}

#[test]
fn sample_story_loads_and_has_drafts() {
    let story = copydesk::sample_story();
    assert!(!story.fields.headline.is_empty());
    assert!(story.drafts.len() >= 2);
    assert!(story.fields.byline.contains("Олена"));
    // The bundled file is exactly what this build writes.
    assert_eq!(store::to_ron_string(&story), copydesk::SAMPLE_STORY);
    let _ = Path::new(copydesk::SAMPLE_NAME);
}

// ---- properties -------------------------------------------------------------------

/// Text as editors type it: letters from several scripts, quotes, dashes, emoji,
/// tabs, spaces, RON-significant characters and newlines.
fn typed_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => proptest::char::range('a', 'z'),
            2 => proptest::char::range('А', 'я'),
            1 => prop_oneof![
                Just('“'), Just('”'), Just('‘'), Just('’'), Just('—'), Just('–'),
                Just('é'), Just('\u{301}'), Just('🎉'), Just('👩'), Just('\u{200d}'),
                Just('"'), Just('\\'), Just('('), Just(')'), Just(','), Just('#'),
                Just('\t'), Just(' '), Just('\n'), Just('\r'), Just('\u{0}'), Just('\u{7f}'),
            ],
            1 => any::<char>(),
        ],
        0..max,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn fields_strategy() -> impl Strategy<Value = Fields> {
    (
        typed_text(30),
        typed_text(80),
        typed_text(200),
        typed_text(40),
        typed_text(40),
        typed_text(3000),
        typed_text(200),
    )
        .prop_map(
            |(slug, headline, subhead, byline, dateline, body, note)| Fields {
                slug,
                headline,
                subhead,
                byline,
                dateline,
                body,
                note,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn save_then_load_is_identity(fields in fields_strategy(), earlier in fields_strategy()) {
        let mut story = Story::with_fields(earlier);
        story.record_draft(Some("Filed".into()), now());
        story.fields = fields.normalized();
        story.record_draft(None, now());
        let text = store::to_ron_string(&story);
        let back = store::from_ron_str(&text, Path::new("prop.ron")).unwrap();
        prop_assert_eq!(&back, &story);
        // And the text rule is stable: normalising twice changes nothing.
        prop_assert_eq!(back.fields.clone().normalized(), back.fields);
    }

    #[test]
    fn loading_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = store::as_text(Path::new("x.ron"), &bytes)
            .and_then(|text| store::from_ron_str(text, Path::new("x.ron")));
    }

    #[test]
    fn loading_mangled_story_files_never_panics(cut in 0usize..2000, junk in "[(){}\\[\\]\",:a-z0-9 ]{0,8}") {
        let text = store::to_ron_string(&story_with("Body line one.\nLine two."));
        let cut = cut.min(text.len());
        let cut = (0..=cut).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        let mangled = format!("{}{}{}", &text[..cut], junk, &text[cut..]);
        let _ = store::from_ron_str(&mangled, Path::new("x.ron"));
    }
}

/// A full disk: the writer fails part-way with ENOSPC (injected at the seam
/// `write_atomic_with`). The old file is untouched, no temporary file is left,
/// and the error says what happened.
#[test]
fn a_full_disk_leaves_the_old_file_whole() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.ron");
    store::save(&path, &story_with("Old text.")).unwrap();
    let before = fs::read(&path).unwrap();
    let new = store::to_ron_string(&story_with("New text that will not fit."));
    let err = store::write_atomic_with(&path, |file| {
        file.write_all(&new.as_bytes()[..new.len() / 2])?;
        Err(std::io::Error::from_raw_os_error(28)) // ENOSPC
    })
    .unwrap_err();
    assert_eq!(err.raw_os_error(), Some(28));
    assert!(err.to_string().contains("No space left"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before, "the old file is whole");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("story.ron")],
        "no temp file left"
    );
    // The error a save reports names the file.
    let message = store::StoreError::Write {
        path: path.clone(),
        source: err,
    }
    .to_string();
    assert!(
        message.contains("story.ron") && message.contains("No space left"),
        "{message}"
    );
}

// ---- issue 11: readable writes, private saves, unknown keys ---------------------

/// Item 1: a save never writes what a load refuses; the old file stays.
#[test]
fn a_story_too_large_to_read_back_is_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let mut story = story_with("Small.");
    store::save(&path, &story).unwrap();
    let before = fs::read(&path).unwrap();
    // 33 drafts of a 1 MiB body: over the 32 MiB read limit.
    story.fields.body = "word ".repeat(200_000);
    for i in 0..33 {
        story.fields.body.push_str(&format!("{i}"));
        story.record_draft(None, now());
    }
    let err = store::save(&path, &story).unwrap_err();
    assert!(err.to_string().contains("big.ron"), "{err}");
    assert!(err.to_string().contains("limit"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(store::load(&path).is_ok());
}

#[test]
fn a_story_past_three_quarters_of_the_limit_is_warned_about() {
    let path = Path::new("s.ron");
    assert!(store::size_warning(path, store::MAX_FILE_BYTES / 2).is_none());
    let warning = store::size_warning(path, store::MAX_FILE_BYTES / 10 * 8).unwrap();
    assert!(warning.contains("80%"), "{warning}");
    assert!(warning.contains("archive"), "{warning}");
}

/// Item 2: the temporary file of a save of a private (0600) story is never
/// readable by others, not even before its mode is set.
#[cfg(unix)]
#[test]
fn saving_a_private_story_never_exposes_its_text() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("private.ron");
    store::save(&path, &story_with("Secret.")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    let text = store::to_ron_string(&story_with("Still secret."));
    let mut seen = None;
    store::write_atomic_with(&path, |file| {
        seen = Some(file.metadata()?.permissions().mode() & 0o777);
        std::io::Write::write_all(file, text.as_bytes())
    })
    .unwrap();
    assert_eq!(
        seen,
        Some(0o600),
        "temp file mode while the text is written"
    );
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // A new file gets ordinary permissions, set before writing too.
    let fresh = dir.path().join("fresh.ron");
    let mut seen = None;
    store::write_atomic_with(&fresh, |file| {
        seen = Some(file.metadata()?.permissions().mode() & 0o777);
        Ok(())
    })
    .unwrap();
    assert_eq!(seen, Some(0o644));
}

/// Item 5: cleaning up after a killed save removes only Copydesk's own
/// temporary files, never a user's file that merely looks like one.
#[test]
fn cleaning_stale_temps_never_deletes_user_files() {
    let dir = tempfile::tempdir().unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
    for name in [".report.txt.backup.tmp", ".report.txt.draft2.tmp"] {
        let file = fs::File::create(dir.path().join(name)).unwrap();
        file.set_modified(old).unwrap();
    }
    store::write_atomic(&dir.path().join("report.txt"), b"text").unwrap();
    assert!(dir.path().join(".report.txt.backup.tmp").exists());
    assert!(dir.path().join(".report.txt.draft2.tmp").exists());
}

/// Item 7: a story id that carries terminal escapes is refused on load, with
/// a message naming the file and the character.
#[test]
fn a_story_id_with_escapes_is_refused_on_load() {
    let mut text = store::to_ron_string(&story_with("Body."));
    let start = text.find("id: \"").unwrap() + 5;
    let end = start + text[start..].find('"').unwrap();
    text.replace_range(start..end, "x\\u{1b}]0;owned\\u{7}\\u{1b}[2J");
    let err = load_bad("escape-id.ron", text.as_bytes());
    let message = err.to_string();
    assert!(message.contains("escape-id.ron"), "{message}");
    assert!(message.contains("U+001B"), "{message}");
    assert!(!message.contains('\u{1b}'), "{message:?}");
}

/// Item 9: keys a later version adds (top level, current, drafts, a draft's
/// fields) survive a load and a save by this one.
#[test]
fn unknown_keys_survive_load_and_save() {
    let mut story = story_with("Line one.\nLine two.");
    story.record_draft(Some("Filed".into()), now());
    let text = store::to_ron_string(&story);
    let text = text
        .replacen(
            "    current: (",
            "    future_key: \"keep me\",\n    current: (\n        lang: Some(\"uk\"),",
            1,
        )
        .replacen(
            "            label: Some(\"Filed\"),",
            "            label: Some(\"Filed\"),\n            reviewed_by: [\"Olena\", \"Sam\"],",
            1,
        )
        .replacen(
            "            fields: (",
            "            fields: (\n                kicker: (text: \"Exclusive\", size: 2),",
            1,
        );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.ron");
    fs::write(&path, &text).unwrap();
    let mut loaded = store::load(&path).unwrap();
    assert_eq!(loaded.fields.body, "Line one.\nLine two.");
    loaded.fields.body.push_str("\nLine three.");
    loaded.record_draft(None, now());
    store::save(&path, &loaded).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    for kept in [
        "future_key: \"keep me\"",
        "lang: Some(\"uk\")",
        "reviewed_by: [\"Olena\", \"Sam\"]",
        "kicker: (text: \"Exclusive\", size: 2)",
    ] {
        assert_eq!(saved.matches(kept).count(), 1, "{kept} in\n{saved}");
    }
    // Still one body line per file line, and it loads again the same.
    assert!(
        saved.contains("\n            \"Line three.\",\n"),
        "{saved}"
    );
    let again = store::load(&path).unwrap();
    assert_eq!(again, loaded);
    assert_eq!(store::to_ron_string(&again), saved);
}

/// Item 13: a save made by someone else between reading the fingerprint and
/// the rename is never overwritten: the fingerprint is checked again, under a
/// lock, just before the rename.
#[test]
fn a_save_racing_ours_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.ron");
    let (_, opened) = {
        store::save(&path, &story_with("Opened.")).unwrap();
        store::load_hashed(&path).unwrap()
    };
    let theirs = store::to_ron_string(&story_with("Their save, made while ours was written."));
    let ours = store::to_ron_string(&story_with("Ours."));
    let options = store::WriteOptions {
        expect_hash: Some(opened),
        ..Default::default()
    };
    let err = store::write_with(&path, &options, |file| {
        // Someone else saves while our temporary file is being written.
        store::write_atomic(&path, theirs.as_bytes())?;
        std::io::Write::write_all(file, ours.as_bytes())
    })
    .unwrap_err();
    assert!(store::ChangedOnDisk::is(&err), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    // No temporary file is left behind either.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    // save_checked says so by name.
    let err = store::save_checked(&path, &story_with("Ours."), Some(opened)).unwrap_err();
    assert!(matches!(err, StoreError::Changed { .. }), "{err:?}");
    assert!(err.to_string().contains("story.ron"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    // With the right fingerprint it saves.
    let now = store::file_hash(&path).unwrap().unwrap();
    store::save_checked(&path, &story_with("Ours."), Some(now)).unwrap();
}
