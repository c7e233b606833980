//! The desk core (`copydesk::desk`) and `copydesk ls`/`search`/`new`, on real
//! folders: scanning and sections, the index (rebuilt when missing, corrupt or
//! of an older version; updated incrementally), search with snippets, sort and
//! filter, locks, templates, the Ready gate and the file watcher.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use copydesk::checks::Severity;
use copydesk::desk::lock::{self, Holder, LockState, Opened, Stale};
use copydesk::desk::status::{self, Change, Override};
use copydesk::desk::{
    Column, Desk, DeskError, DeskSettings, Filter, Rebuilt, Sort, template, watch,
};
use copydesk::store;
use copydesk::story::{Fields, Status, Story};
use jiff::{SignedDuration, Timestamp};

fn story(slug: &str, headline: &str, body: &str) -> Story {
    Story::with_fields(Fields {
        slug: slug.into(),
        headline: headline.into(),
        byline: "By Mira Holt".into(),
        body: body.into(),
        ..Fields::default()
    })
}

fn put(root: &Path, rel: &str, story: &Story) -> PathBuf {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    store::save(&path, story).unwrap();
    path
}

/// A small desk: three sections, a template, and Copydesk's side files.
fn small_desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    put(
        root,
        "top.ron",
        &story(
            "top",
            "Harbour footbridge reopens",
            "The bridge is open again.",
        ),
    );
    let mut vote = story(
        "council-vote",
        "council votes on the budget",
        "Councillors voted 7–5 for the café tax. “It is fair,” said the mayor.",
    );
    vote.status = Status::Ready;
    put(root, "politics/vote.ron", &vote);
    put(
        root,
        "sport/football/result.ron",
        &story(
            "міст",
            "Міст відкрито — знову",
            "Харків переміг у фіналі. Вболівальники святкували до ранку, one two three four five six.",
        ),
    );
    put(
        root,
        "templates/court-report.ron",
        &story("court", "Court report", "The court heard…"),
    );
    // Side files that are not stories.
    std::fs::write(root.join(".top.ron.a1b2.tmp"), "half a save").unwrap();
    std::fs::write(root.join("5b0f.meta.ron"), "(path: None)").unwrap();
    std::fs::create_dir_all(root.join("recovery")).unwrap();
    put(root, "recovery/lost.ron", &story("lost", "Lost", "x"));
    std::fs::write(root.join("top.ron~"), "backup").unwrap();
    dir
}

fn open(root: &Path) -> Desk {
    Desk::open(root, DeskSettings::default()).unwrap().0
}

fn paths(rows: &[copydesk::desk::StorySummary]) -> Vec<&str> {
    rows.iter().map(|r| r.path.as_str()).collect()
}

#[test]
fn scanning_finds_stories_and_sections_and_leaves_side_files() {
    let dir = small_desk();
    let desk = open(dir.path());
    let rows = desk
        .list(
            &Filter::default(),
            Sort {
                column: Column::Path,
                descending: false,
            },
        )
        .unwrap();
    assert_eq!(
        paths(&rows),
        ["politics/vote.ron", "sport/football/result.ron", "top.ron"]
    );
    assert_eq!(desk.sections().unwrap(), ["", "politics", "sport/football"]);
    let result = &rows[1];
    assert_eq!(result.section, "sport/football");
    assert_eq!(result.headline, "Міст відкрито — знову");
    assert_eq!(result.words, 14);
    assert_eq!(result.byline, "By Mira Holt");
    // A section includes its subsections.
    let sport = desk
        .list(
            &Filter {
                section: Some("sport".into()),
                ..Filter::default()
            },
            Sort::default(),
        )
        .unwrap();
    assert_eq!(paths(&sport), ["sport/football/result.ron"]);
    let ready = desk
        .list(
            &Filter {
                status: Some(Status::Ready),
                ..Filter::default()
            },
            Sort::default(),
        )
        .unwrap();
    assert_eq!(paths(&ready), ["politics/vote.ron"]);
    assert_eq!(
        desk.index_path().unwrap(),
        desk.root().join(".copydesk").join("index.sqlite")
    );
}

#[test]
fn unreadable_files_are_listed_with_their_problem() {
    let dir = small_desk();
    std::fs::write(dir.path().join("broken.ron"), "(format: 1, id: ").unwrap();
    let (desk, refreshed) = Desk::open(dir.path(), DeskSettings::default()).unwrap();
    assert_eq!(refreshed.problems.len(), 1, "{:?}", refreshed.problems);
    assert!(refreshed.problems[0].contains("broken.ron"));
    let rows = desk.list(&Filter::default(), Sort::default()).unwrap();
    let broken = rows.iter().find(|r| r.path == "broken.ron").unwrap();
    assert!(broken.problem.as_deref().unwrap().contains("broken.ron"));
    assert_eq!(broken.slug, "broken");
}

#[test]
fn index_is_rebuilt_when_missing_corrupt_or_old_and_reused_otherwise() {
    let dir = small_desk();
    let root = dir.path();
    let (_, first) = Desk::open(root, DeskSettings::default()).unwrap();
    assert_eq!(first.rebuilt, Some(Rebuilt::Missing));
    assert_eq!(first.added, 3);

    let (_, again) = Desk::open(root, DeskSettings::default()).unwrap();
    assert_eq!(again.rebuilt, None);
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 3));

    let index = root.join(".copydesk/index.sqlite");
    std::fs::write(
        &index,
        b"this is not an SQLite database at all, just junk bytes......",
    )
    .unwrap();
    let (desk, corrupt) = Desk::open(root, DeskSettings::default()).unwrap();
    assert!(
        matches!(corrupt.rebuilt, Some(Rebuilt::Corrupt(_))),
        "{corrupt:?}"
    );
    assert_eq!(
        desk.list(&Filter::default(), Sort::default())
            .unwrap()
            .len(),
        3
    );
    drop(desk);

    let conn = rusqlite::Connection::open(&index).unwrap();
    conn.pragma_update(None, "user_version", 0).unwrap();
    drop(conn);
    let (desk, old) = Desk::open(root, DeskSettings::default()).unwrap();
    assert_eq!(old.rebuilt, Some(Rebuilt::OtherVersion(0)));
    assert_eq!(old.added, 3);
    drop(desk);

    // Other check settings count other errors: the counts are redone.
    let mut settings = DeskSettings::default();
    settings.checks.word_target = Some(400);
    let (desk, other) = Desk::open(root, settings).unwrap();
    assert_eq!(other.rebuilt, Some(Rebuilt::OtherSettings));
    let rows = desk.list(&Filter::default(), Sort::default()).unwrap();
    assert!(rows.iter().all(|r| r.target == Some(400)));
}

#[test]
fn two_copydesks_opening_a_new_desk_at_once_share_one_index() {
    let dir = small_desk();
    let root = dir.path();
    let opened: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| Desk::open(root, DeskSettings::default())))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for result in opened {
        let (desk, refreshed) = result.unwrap();
        assert!(
            !matches!(refreshed.rebuilt, Some(Rebuilt::InMemory(_))),
            "{refreshed:?}"
        );
        assert_eq!(
            desk.index_path(),
            Some(&*desk.root().join(".copydesk/index.sqlite"))
        );
        assert_eq!(
            desk.list(&Filter::default(), Sort::default())
                .unwrap()
                .len(),
            3
        );
    }
}

#[test]
fn refresh_reads_only_what_changed() {
    let dir = small_desk();
    let root = dir.path();
    let mut desk = open(root);
    let top = root.join("top.ron");

    // Same bytes, new time: nothing re-indexed.
    let bytes = std::fs::read(&top).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&top, &bytes).unwrap();
    let r = desk.refresh().unwrap();
    assert_eq!((r.added, r.updated, r.removed, r.unchanged), (0, 0, 0, 3));

    // New text: that one story re-indexed.
    let mut s = store::load(&top).unwrap();
    s.fields.headline = "Footbridge shut again".into();
    store::save(&top, &s).unwrap();
    let r = desk.refresh().unwrap();
    assert_eq!((r.updated, r.unchanged), (1, 2));
    let hits = desk.search("shut", &Filter::default(), 10).unwrap();
    assert_eq!(hits.len(), 1);

    // Added and removed.
    put(root, "politics/new.ron", &story("new", "New one", "Text."));
    std::fs::remove_file(root.join("politics/vote.ron")).unwrap();
    let r = desk.refresh().unwrap();
    assert_eq!((r.added, r.removed), (1, 1));
    assert!(
        desk.search("budget", &Filter::default(), 10)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn search_finds_any_field_by_prefix_with_the_words_in_context() {
    let dir = small_desk();
    let desk = open(dir.path());
    let all = Filter::default();

    // As typed: a prefix of a Cyrillic word in the body.
    let hits = desk.search("Харк", &all, 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].story.path, "sport/football/result.ron");
    let matched: Vec<&str> = hits[0]
        .snippet
        .iter()
        .filter(|(_, hit)| *hit)
        .map(|(t, _)| t.as_str())
        .collect();
    assert_eq!(matched, ["Харків"]);
    assert!(
        hits[0]
            .snippet_marked("[", "]")
            .contains("[Харків] переміг")
    );

    // Accents do not matter; every word must match.
    assert_eq!(desk.search("cafe tax", &all, 10).unwrap().len(), 1);
    assert!(desk.search("cafe footbridge", &all, 10).unwrap().is_empty());
    // Byline, section and status are searchable too.
    assert_eq!(desk.search("mira", &all, 10).unwrap().len(), 3);
    assert_eq!(desk.search("football", &all, 10).unwrap().len(), 1);
    assert_eq!(desk.search("ready", &all, 10).unwrap().len(), 1);
    // FTS5 syntax typed by an editor is just words.
    assert!(desk.search("NEAR( \"OR\" * -", &all, 10).is_ok());
    assert!(desk.search("  — ", &all, 10).unwrap().is_empty());
    // Filters apply to search.
    let ready = Filter {
        status: Some(Status::Ready),
        ..Filter::default()
    };
    assert!(desk.search("Харк", &ready, 10).unwrap().is_empty());
    assert_eq!(desk.search("mira", &all, 2).unwrap().len(), 2, "limit");
}

#[test]
fn while_one_or_two_letters_are_typed_the_newest_come_first() {
    let dir = small_desk();
    let mut old = story("old", "Budget talks", "Budget budget budget budget.");
    old.modified = "2020-01-01T00:00:00Z".parse().unwrap();
    put(dir.path(), "old.ron", &old);
    let mut new = story("new", "Bridge", "A bridge.");
    new.modified = "2030-01-01T00:00:00Z".parse().unwrap();
    put(dir.path(), "new.ron", &new);
    let desk = open(dir.path());
    let all = Filter::default();
    let short = desk.search("b", &all, 10).unwrap();
    assert_eq!(short.first().unwrap().story.path, "new.ron");
    assert_eq!(short.last().unwrap().story.path, "old.ron");
    assert!(
        short
            .windows(2)
            .all(|w| w[0].story.modified >= w[1].story.modified)
    );
    // From three letters on, relevance: the story full of "budget" leads.
    let ranked = desk.search("bud", &all, 10).unwrap();
    assert_eq!(ranked.first().unwrap().story.path, "old.ron");
}

#[test]
fn sorting_by_columns() {
    let dir = small_desk();
    let desk = open(dir.path());
    let by = |column, descending| {
        let rows = desk
            .list(&Filter::default(), Sort { column, descending })
            .unwrap();
        rows.into_iter().map(|r| r.path).collect::<Vec<_>>()
    };
    // Ignoring case: "council" sorts between "Harbour" and "Міст" either way.
    assert_eq!(
        by(Column::Headline, false),
        ["politics/vote.ron", "top.ron", "sport/football/result.ron"]
    );
    assert_eq!(
        by(Column::Words, true),
        ["sport/football/result.ron", "politics/vote.ron", "top.ron"]
    );
    // Status in workflow order: Draft before Ready.
    assert_eq!(
        by(Column::Status, false).last().unwrap(),
        "politics/vote.ron"
    );
    assert_eq!(
        by(Column::Status, true).first().unwrap(),
        "politics/vote.ron"
    );
    for column in Column::ALL {
        assert_eq!(by(column, false).len(), 3, "{column:?}");
    }
}

fn write_lock(story: &Path, holder: &Holder) {
    std::fs::write(lock::lock_path(story), ron::to_string(holder).unwrap()).unwrap();
}

fn other_host(name: &str, since: Timestamp) -> Holder {
    Holder {
        name: name.into(),
        host: "desk-3-not-this-machine".into(),
        pid: 4242,
        since,
    }
}

#[test]
fn locks_held_stale_and_taken_over() {
    let dir = small_desk();
    let root = dir.path();
    let top = root.join("top.ron");
    let hour = SignedDuration::from_hours(1);

    // Free: this process takes it, and lets it go.
    assert_eq!(
        lock::acquire(&top, "Oleh", hour).unwrap(),
        Opened::Editable { cleared: None }
    );
    assert!(matches!(
        lock::state(&top, hour, Timestamp::now()),
        LockState::Mine(_)
    ));
    lock::release(&top).unwrap();
    assert!(!lock::lock_path(&top).exists());

    // Another host, recent: read-only, and the desk lists who has it.
    let mira = other_host("Mira", Timestamp::now());
    write_lock(&top, &mira);
    assert_eq!(
        lock::acquire(&top, "Oleh", hour).unwrap(),
        Opened::ReadOnly(mira.clone())
    );
    let desk = open(root);
    let rows = desk
        .list(
            &Filter::default(),
            Sort {
                column: Column::OpenBy,
                descending: true,
            },
        )
        .unwrap();
    assert_eq!(rows[0].path, "top.ron");
    assert!(
        rows[0]
            .lock
            .as_ref()
            .unwrap()
            .describe()
            .starts_with("Open by Mira on desk-3-not-this-machine since "),
    );

    // Take over: the lock is ours, and the decision names whom it was taken from.
    let decision = lock::take_over(&top, "Oleh").unwrap();
    assert_eq!(decision.action, "take-over");
    assert!(
        decision.why.contains("Mira on desk-3-not-this-machine"),
        "{}",
        decision.why
    );
    assert!(decision.who.starts_with("Oleh on "));
    assert!(lock::read(&top).unwrap().unwrap().is_this_process());
    let mut s = store::load(&top).unwrap();
    s.decisions.push(decision.clone());
    store::save(&top, &s).unwrap();
    assert_eq!(store::load(&top).unwrap().decisions, [decision]);
    // A story without decisions has no such key in its file.
    let vote = std::fs::read_to_string(root.join("politics/vote.ron")).unwrap();
    assert!(!vote.contains("decisions"));
    lock::release(&top).unwrap();

    // Another host, older than the setting: stale, cleared with a message.
    write_lock(
        &top,
        &other_host("Mira", Timestamp::now() - SignedDuration::from_hours(3)),
    );
    match lock::acquire(&top, "Oleh", hour).unwrap() {
        Opened::Editable {
            cleared: Some(message),
        } => {
            assert!(
                message.contains("Mira on desk-3-not-this-machine"),
                "{message}"
            );
            assert!(message.contains("older than"), "{message}");
        }
        other => panic!("expected a cleared stale lock, got {other:?}"),
    }
    lock::release(&top).unwrap();

    // This host, live process: held. Once the process is gone: stale.
    let mut child = Command::new("sleep").arg("30").spawn().unwrap();
    let live = Holder {
        name: "Mira".into(),
        host: lock::this_host(),
        pid: child.id(),
        since: Timestamp::now(),
    };
    write_lock(&top, &live);
    assert!(matches!(
        lock::state(&top, hour, Timestamp::now()),
        LockState::HeldBy(_)
    ));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(matches!(
        lock::state(&top, hour, Timestamp::now()),
        LockState::Stale(_, Stale::ProcessGone)
    ));
    match lock::acquire(&top, "Oleh", hour).unwrap() {
        Opened::Editable {
            cleared: Some(message),
        } => {
            assert!(message.contains("no longer running"), "{message}")
        }
        other => panic!("expected a cleared stale lock, got {other:?}"),
    }
    lock::release(&top).unwrap();

    // An unreadable lock is stale too.
    std::fs::write(lock::lock_path(&top), "not ron (").unwrap();
    assert!(matches!(
        lock::state(&top, hour, Timestamp::now()),
        LockState::Stale(None, Stale::Unreadable(_))
    ));
}

#[test]
fn new_story_from_a_template() {
    let dir = small_desk();
    let root = dir.path();
    let path = template::new_story(
        root,
        "Court report",
        "courts",
        Some("Міст: суд відкрито"),
        None,
    )
    .unwrap();
    assert_eq!(path, root.join("courts/міст-суд-відкрито.ron"));
    let made = store::load(&path).unwrap();
    assert_eq!(made.fields.headline, "Міст: суд відкрито");
    assert_eq!(made.fields.body, "The court heard…");
    assert_eq!(made.status, Status::Draft);
    assert!(made.drafts.is_empty());
    let template_story = store::load(&root.join("templates/court-report.ron")).unwrap();
    assert_ne!(made.id, template_story.id);

    // The same slug again never replaces the first.
    let second = template::new_story(
        root,
        "court-report",
        "courts",
        Some("Міст: суд відкрито"),
        None,
    )
    .unwrap();
    assert_eq!(second, root.join("courts/міст-суд-відкрито-2.ron"));
    let slugged = template::new_story(root, "COURT REPORT", "", None, Some("my-slug")).unwrap();
    assert_eq!(slugged, root.join("my-slug.ron"));

    // Templates are not stories of the desk.
    let desk = open(root);
    let rows = desk.list(&Filter::default(), Sort::default()).unwrap();
    assert!(rows.iter().all(|r| !r.path.starts_with("templates/")));
    assert_eq!(rows.len(), 6);

    let err = template::new_story(root, "Obituary", "", None, None).unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, DeskError::NoTemplate { .. }));
    assert!(message.contains("templates"), "{message}");
    assert!(
        message.contains("“Obituary”") && message.contains("court-report"),
        "{message}"
    );
}

#[test]
fn ready_gate_shows_errors_first_and_records_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let settings = DeskSettings::default();
    // No headline (an error) and a double space (a warning).
    let mut s = story("no-head", "", "The  bridge reopened today.");
    s.fields.body = "The  bridge reopened today.".into();
    let path = put(dir.path(), "s.ron", &s);

    let Change::Blocked(findings) =
        status::change_status(&mut s, Status::Ready, &settings.checks, None)
    else {
        panic!("Ready with an error must be refused");
    };
    assert_eq!(findings[0].severity, Severity::Error);
    assert!(findings.iter().any(|f| f.severity == Severity::Warning));
    assert!(findings.is_sorted_by_key(|f| f.severity));
    assert_eq!(s.status, Status::Draft);

    // An override needs a reason.
    let blank = Override {
        who: "Mira".into(),
        why: "  ".into(),
    };
    assert!(matches!(
        status::change_status(&mut s, Status::Ready, &settings.checks, Some(&blank)),
        Change::Blocked(_)
    ));
    // Moving to anything else is not gated.
    assert_eq!(
        status::change_status(&mut s, Status::Edited, &settings.checks, None),
        Change::Done
    );

    // In the file: overriding saves the status and who and why.
    let over = Override {
        who: "Mira on desk-3".into(),
        why: "Headline comes from the web desk".into(),
    };
    let change =
        status::change_status_in_file(&path, Status::Ready, &settings, Some(&over)).unwrap();
    assert_eq!(change, Change::Done);
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.status, Status::Ready);
    assert_eq!(saved.decisions.len(), 1);
    assert_eq!(saved.decisions[0].action, "ready-override");
    assert_eq!(saved.decisions[0].who, "Mira on desk-3");
    assert!(
        saved.decisions[0]
            .why
            .starts_with("Headline comes from the web desk")
    );

    // A story another editor has open is not changed under them.
    write_lock(&path, &other_host("Mira", Timestamp::now()));
    let err = status::change_status_in_file(&path, Status::Edited, &settings, None).unwrap_err();
    assert!(err.to_string().contains("Open by Mira"), "{err}");
    assert_eq!(store::load(&path).unwrap().status, Status::Ready);
}

#[test]
fn watcher_reports_a_story_written_by_another_process_within_a_second() {
    let dir = small_desk();
    let root = dir.path();
    let mut desk = open(root);
    let watcher = watch::watch(desk.root()).unwrap();
    // A story written elsewhere, then copied in by another program.
    let outside = tempfile::tempdir().unwrap();
    let source = put(
        outside.path(),
        "x.ron",
        &story("wire", "Wire copy arrives", "Agency text."),
    );
    let target = desk.root().join("politics/wire.ron");

    let start = Instant::now();
    let status = Command::new("cp")
        .arg(&source)
        .arg(&target)
        .status()
        .unwrap();
    assert!(status.success());
    let mut found = false;
    while start.elapsed() < Duration::from_secs(1) {
        let changed = watcher.wait(Duration::from_millis(200), Duration::from_millis(20));
        if changed.is_empty() {
            continue;
        }
        desk.update_paths(&changed).unwrap();
        if !desk
            .search("wire", &Filter::default(), 10)
            .unwrap()
            .is_empty()
        {
            found = true;
            break;
        }
    }
    let took = start.elapsed();
    assert!(found, "the copied story did not show within 1 s");
    assert!(took < Duration::from_secs(1), "{took:?}");

    // Removing it, and a lock appearing, are seen too.
    std::fs::remove_file(&target).unwrap();
    write_lock(&root.join("top.ron"), &other_host("Mira", Timestamp::now()));
    let deadline = Instant::now() + Duration::from_secs(2);
    let mut gone_and_locked = false;
    while Instant::now() < deadline && !gone_and_locked {
        let changed = watcher.wait(Duration::from_millis(200), Duration::from_millis(20));
        desk.update_paths(&changed).unwrap();
        let rows = desk.list(&Filter::default(), Sort::default()).unwrap();
        gone_and_locked = rows.iter().all(|r| r.path != "politics/wire.ron")
            && rows.iter().any(|r| r.path == "top.ron" && r.lock.is_some());
    }
    assert!(gone_and_locked);
}

fn copydesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .output()
        .expect("the copydesk binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn cli_ls_text_and_json_with_filters() {
    let dir = small_desk();
    let root = dir.path().to_str().unwrap();
    let out = copydesk(&["ls", root]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listing = text(&out.stdout);
    assert!(listing.contains("Міст відкрито — знову"), "{listing}");
    assert!(listing.contains("sport/football"), "{listing}");
    assert!(listing.trim_end().ends_with("3 stories"), "{listing}");

    let out = copydesk(&["ls", root, "--status", "ready", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), 1);
    let one = &list[0];
    for key in [
        "path", "slug", "headline", "status", "section", "words", "modified",
    ] {
        assert!(one.get(key).is_some(), "{key} missing in {one}");
    }
    assert_eq!(one["path"], "politics/vote.ron");
    assert_eq!(one["status"], "Ready");
    assert_eq!(one["section"], "politics");
    assert_eq!(one["words"], 13);
    assert!(
        one["modified"]
            .as_str()
            .unwrap()
            .parse::<Timestamp>()
            .is_ok()
    );

    let out = copydesk(&["ls", root, "--section", "sport", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["headline"], "Міст відкрито — знову");
    assert_eq!(json.as_array().unwrap().len(), 1);
}

#[test]
fn cli_search_text_and_json() {
    let dir = small_desk();
    let root = dir.path().to_str().unwrap();
    let out = copydesk(&["search", root, "харк"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let found = text(&out.stdout);
    assert!(found.contains("sport/football/result.ron"), "{found}");
    assert!(found.contains("[Харків] переміг"), "{found}");
    assert!(found.trim_end().ends_with("1 story"), "{found}");

    let out = copydesk(&["search", root, "bridge", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["path"], "top.ron");
    assert!(
        json[0]["snippet"].as_str().unwrap().contains("[bridge]"),
        "{json}"
    );
}

#[test]
fn cli_new_and_errors_name_the_path() {
    let dir = small_desk();
    let root = dir.path().to_str().unwrap();
    let out = copydesk(&[
        "new",
        root,
        "--template",
        "Court report",
        "--headline",
        "Judge frees 3 in £2m case",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let made = PathBuf::from(text(&out.stdout).trim());
    assert_eq!(made, dir.path().join("judge-frees-3-in-2m-case.ron"));
    assert_eq!(
        store::load(&made).unwrap().fields.headline,
        "Judge frees 3 in £2m case"
    );

    let out = copydesk(&["new", root, "--template", "Obituary"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("templates"),
        "{}",
        text(&out.stderr)
    );

    let missing = dir.path().join("no-such-desk");
    for args in [
        vec!["ls", missing.to_str().unwrap()],
        vec!["search", missing.to_str().unwrap(), "x"],
        vec!["new", missing.to_str().unwrap(), "--template", "x"],
    ] {
        let out = copydesk(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains("no-such-desk"), "{args:?}: {err}");
    }
    let file = dir.path().join("top.ron");
    let out = copydesk(&["ls", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not a folder"));
}

#[test]
fn a_desk_can_be_opened_off_the_window_thread() {
    // The window opens a big desk on a worker thread and shows progress.
    fn send<T: Send>() {}
    send::<Desk>();
    let dir = small_desk();
    let mut calls = Vec::new();
    let (_, refreshed) = std::thread::scope(|s| {
        s.spawn(|| {
            Desk::open_with_progress(dir.path(), DeskSettings::default(), &mut |done, total| {
                calls.push((done, total))
            })
        })
        .join()
        .unwrap()
    })
    .unwrap();
    assert_eq!(refreshed.added, 3);
    assert_eq!(calls.first(), Some(&(0, 3)));
    assert_eq!(calls.last(), Some(&(3, 3)));
}
