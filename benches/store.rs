//! Loading and saving story files: `copydesk::store::load` and
//! `copydesk::store::save` (atomic: temporary file, fsync, rename, fsync of the
//! folder), on a real file system in a temporary folder.
//!
//! Cases:
//! - `store/load_10k`, `store/save_10k`: a story with a 10,000-word body.
//! - `store/load_200_drafts`, `store/save_200_drafts`: a 2,000-word article
//!   saved 200 times, each draft slightly edited from the one before.
//!
//! For each, `store/parse_*` and `store/serialize_*` time the RON work alone
//! (`from_ron_str`, `to_ron_string`), without the file system.
//!
//! Run with `cargo bench --bench store`.

use std::hint::black_box;
use std::path::Path;

use copydesk::Story;
use copydesk::store;
use criterion::{Criterion, criterion_group, criterion_main};

mod common;

fn bench_story(c: &mut Criterion, name: &str, story: &Story, dir: &Path) {
    let path = dir.join(format!("{name}.ron"));
    store::save(&path, story).expect("first save");
    let back = store::load(&path).expect("load back");
    assert_eq!(
        &back, story,
        "{name}: the story did not survive save and load"
    );
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "store/{name}: {} drafts, file {size} bytes ({:.2} MB)",
        story.drafts.len(),
        size as f64 / 1e6
    );

    c.bench_function(&format!("store/load_{name}"), |b| {
        b.iter(|| black_box(store::load(black_box(&path)).expect("load")))
    });
    c.bench_function(&format!("store/save_{name}"), |b| {
        b.iter(|| store::save(black_box(&path), black_box(story)).expect("save"))
    });

    // The same work without the file system, to tell RON from I/O and fsync.
    let text = store::to_ron_string(story);
    c.bench_function(&format!("store/parse_{name}"), |b| {
        b.iter(|| black_box(store::from_ron_str(black_box(&text), &path).expect("parse")))
    });
    c.bench_function(&format!("store/serialize_{name}"), |b| {
        b.iter(|| black_box(store::to_ron_string(black_box(story))))
    });
}

fn store_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");

    let story = common::story_with_words(10_000);
    assert!(copydesk::story::word_count(&story.fields.body) >= 10_000);
    bench_story(c, "10k", &story, dir.path());

    let story = common::drafted_story(200, 2_000);
    assert_eq!(story.drafts.len(), 200);
    bench_story(c, "200_drafts", &story, dir.path());
}

criterion_group!(benches, store_benches);
criterion_main!(benches);
