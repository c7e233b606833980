//! Spelling a long story, as the checks and the editor's marks do it.
//! Budgets: a 10,000-word body cold in 20 ms; dictionary load is reported
//! (it runs on a background thread at start).
//!
//! Cases:
//! - `spelling/load_en_US`, `spelling/load_en_GB`: parse a bundled dictionary.
//! - `spelling/cold_10k`: every misspelt word of a 10,000-word story with a
//!   fresh speller (no caches): what the first pass after opening costs.
//! - `spelling/messy_10k_with_suggestions`: the same with 20 slips in it,
//!   suggestions included (fresh speller, so none cached).
//! - `spelling/suggest_one`: up to five suggestions for one slip.
//! - `reference/check_10k`: the existing copy checks on the same story, for
//!   a ratio measured in the same run.
//!
//! Run with `cargo bench --bench spelling`.

use std::hint::black_box;
use std::sync::Arc;

use copydesk::checks::{self, CheckSettings, spelling};
use copydesk::spell::{self, Speller, WordList};
use criterion::{Criterion, criterion_group, criterion_main};

mod common;

fn bench_spelling(c: &mut Criterion) {
    let mut group = c.benchmark_group("spelling");
    group.sample_size(10);
    for lang in ["en_US", "en_GB"] {
        group.bench_function(format!("load_{lang}"), |b| {
            b.iter(|| black_box(spell::load_bundled(lang).unwrap()))
        });
    }
    group.finish();

    let dict = Arc::new(spell::load_bundled("en_US").unwrap());
    let words = Arc::new(WordList::new());
    let story = common::story_with_words(10_000);
    let fresh = || Speller::new("en_US", Arc::clone(&dict), Arc::clone(&words));
    let also = spelling::story_words(&story.fields, &[]);
    let marks = spelling::misspelt(&story.fields, &fresh(), &also);
    eprintln!(
        "spelling: {} words, {} misspelt words in the clean story",
        copydesk::story::word_count(&story.fields.body),
        marks.len()
    );
    c.bench_function("spelling/cold_10k", |b| {
        b.iter(|| {
            black_box(spelling::misspelt(
                black_box(&story.fields),
                &fresh(),
                &also,
            ))
        })
    });

    let mut messy = story.clone();
    for (slip, right) in [
        ("recieve", "said"),
        ("goverment", "council"),
        ("definately", "ministry"),
        ("acommodate", "residents"),
    ] {
        messy.fields.body = messy.fields.body.replacen(right, slip, 5);
    }
    let found = spelling::misspellings(&messy, &fresh());
    eprintln!("spelling: {} misspellings in the messy story", found.len());
    c.bench_function("spelling/messy_10k_with_suggestions", |b| {
        b.iter(|| black_box(spelling::misspellings(black_box(&messy), &fresh())))
    });
    c.bench_function("spelling/suggest_one", |b| {
        b.iter(|| black_box(fresh().suggest(black_box("recieve"))))
    });
    let settings = CheckSettings::default();
    c.bench_function("reference/check_10k", |b| {
        b.iter(|| black_box(checks::check(black_box(&story.fields), &settings)))
    });
}

criterion_group!(benches, bench_spelling);
criterion_main!(benches);
