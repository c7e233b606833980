//! The desk core on a generated desk of 5,000 stories (300–1,000 words, 1–4
//! drafts each, in sections; see `common/desk.rs`), on a real file system.
//!
//! Cases and the targets:
//! - `desk/first_open_5000`: open with no index: scan, read and check every
//!   story, build the SQLite + FTS5 index (≤ 3 s).
//! - `desk/reopen_list_5000`: open with the index present and nothing changed,
//!   then the full list sorted by modified time (≤ 300 ms).
//! - `desk/search/<typed>`: one keystroke's search (≤ 30 ms): the best 50
//!   hits with snippets for each keystroke of "harbour foot" and a few others
//!   (Cyrillic, two words); `desk/search200/<typed>` the same with 200 hits.
//!
//! - `desk/watch_change_5000`: a story rewritten by another program, from
//!   the write until the full list shows its new headline: the watcher's
//!   event, the desk re-reading that one file, and the list again (the desk
//!   view does the last two on the frame the watcher wakes it for): ≤ 1 s.
//!
//! References measured in the same run, to give ratios against:
//! - `desk/ref_load_all_5000`: `store::load` of every story, one after another
//!   (the reading and parsing a first open cannot avoid, without checks or index).
//! - `desk/ref_scan_5000`: the folder walk alone (what a reopen cannot avoid).
//!
//! Run with `cargo bench --bench desk` (a filter such as `-- desk/search` runs a part).

use std::hint::black_box;
use std::time::Duration;

use copydesk::desk::{Desk, DeskSettings, Filter, Sort, scan};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

mod common;
#[path = "common/desk.rs"]
mod desk_gen;

const STORIES: usize = 5_000;

fn desk_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("desk");
    let bytes = desk_gen::make_desk(&root, STORIES).expect("generate the desk");
    eprintln!(
        "desk: {STORIES} stories, {:.1} MB of story files",
        bytes as f64 / 1e6
    );
    let index_dir = root.join(".copydesk");

    let mut slow = c.benchmark_group("desk");
    slow.sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .warm_up_time(Duration::from_secs(1));
    slow.bench_function("first_open_5000", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_dir_all(&index_dir);
            },
            |()| {
                let (desk, refreshed) = Desk::open(&root, DeskSettings::default()).expect("open");
                assert_eq!(refreshed.added, STORIES);
                black_box(desk)
            },
            BatchSize::PerIteration,
        )
    });
    slow.bench_function("ref_load_all_5000", |b| {
        let files = scan::scan(&root).expect("scan").stories;
        b.iter(|| {
            for f in &files {
                black_box(copydesk::store::load(&scan::absolute(&root, &f.rel)).expect("load"));
            }
        })
    });
    slow.finish();

    // The index is now present and up to date.
    let (mut desk, _) = Desk::open(&root, DeskSettings::default()).expect("open");
    let mut group = c.benchmark_group("desk");
    group.sample_size(20);
    group.bench_function("reopen_list_5000", |b| {
        b.iter(|| {
            let (desk, refreshed) = Desk::open(&root, DeskSettings::default()).expect("reopen");
            assert_eq!(refreshed.unchanged, STORIES);
            let rows = desk
                .list(&Filter::default(), Sort::default())
                .expect("list");
            assert_eq!(rows.len(), STORIES);
            black_box(rows)
        })
    });
    group.bench_function("ref_scan_5000", |b| {
        b.iter(|| black_box(scan::scan(&root).expect("scan")))
    });
    let watcher = copydesk::desk::watch::watch(desk.root()).expect("watch the desk");
    let files = scan::scan(&root).expect("scan").stories;
    let target = scan::absolute(&root, &files[files.len() / 2].rel);
    let mut story = copydesk::store::load(&target).expect("load");
    let mut n = 0u64;
    group.bench_function("watch_change_5000", |b| {
        b.iter(|| {
            n += 1;
            story.fields.headline = format!("Changed by another program {n}");
            copydesk::store::save(&target, &story).expect("save");
            loop {
                let changed = watcher.wait(Duration::from_secs(5), Duration::ZERO);
                assert!(!changed.is_empty(), "no change reported within 5 s");
                desk.update_paths(&changed).expect("update");
                let rows = desk
                    .list(&Filter::default(), Sort::default())
                    .expect("list");
                if rows.iter().any(|r| r.headline == story.fields.headline) {
                    break black_box(rows);
                }
            }
        })
    });
    group.finish();

    // Each keystroke of "harbour foot", and a few others, as the desk view
    // asks: the best 50 (more than a screenful), with snippets.
    let mut search = c.benchmark_group("desk/search");
    search.sample_size(30);
    let typing = "harbour foot";
    let mut typed: Vec<&str> = typing
        .char_indices()
        .skip(1)
        .map(|(i, _)| &typing[..i])
        .chain([typing])
        .filter(|t| !t.ends_with(' '))
        .collect();
    typed.extend(["к", "ремонт", "budget 2027"]);
    for typed in &typed {
        bench_search(&mut search, &desk, typed, 50);
    }
    search.finish();
    // The same with 200 results, for comparison.
    let mut search = c.benchmark_group("desk/search200");
    search.sample_size(20);
    for typed in ["h", "ha", "harb", "harbour foot"] {
        bench_search(&mut search, &desk, typed, 200);
    }
    search.finish();
}

fn bench_search(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    desk: &Desk,
    typed: &str,
    limit: usize,
) {
    let hits = desk
        .search(typed, &Filter::default(), limit)
        .expect("search");
    assert!(!hits.is_empty(), "{typed}: no hits");
    group.bench_function(typed, |b| {
        b.iter(|| {
            black_box(
                desk.search(black_box(typed), &Filter::default(), limit)
                    .expect("search"),
            )
        })
    });
}

criterion_group!(benches, desk_benches);
criterion_main!(benches);
