//! Copy-desk checks on a long story: `copydesk::checks`, as the checks panel
//! runs them after an edit. Budget: all checks on a 10,000-word story in 5 ms.
//!
//! Cases:
//! - `checks/all_10k`: `check` with every rule on (house style and a word
//!   target included) on a clean 10,000-word story.
//! - `checks/summary_10k`: `summary` (counts, sentences, syllables, Flesch).
//! - `checks/panel_refresh_10k`: what the panel does when the text changed:
//!   `check_with_summary`, then `active` against dismissals.
//! - `checks/all_10k_messy`: `check` on the same story with hundreds of
//!   findings (double spaces, repeated words, spaces before commas, straight
//!   apostrophes among curly quotes).
//!
//! Run with `cargo bench --bench checks`.

use std::hint::black_box;

use copydesk::checks::{self, CheckSettings};
use copydesk::story::Dismissal;
use criterion::{Criterion, criterion_group, criterion_main};

mod common;

fn settings() -> CheckSettings {
    CheckSettings {
        spell_out_numbers: true,
        word_target: Some(8_000),
        ..CheckSettings::default()
    }
}

fn bench_checks(c: &mut Criterion) {
    let settings = settings();
    let story = common::story_with_words(10_000);
    let fields = &story.fields;
    let found = checks::check(fields, &settings);
    eprintln!(
        "checks: {} words, {} bytes, {} findings on the clean story",
        copydesk::story::word_count(&fields.body),
        fields.body.len(),
        found.len()
    );

    c.bench_function("checks/all_10k", |b| {
        b.iter(|| black_box(checks::check(black_box(fields), &settings)))
    });
    c.bench_function("checks/summary_10k", |b| {
        b.iter(|| black_box(checks::summary(black_box(fields), &settings)))
    });
    let dismissed: Vec<Dismissal> = found
        .iter()
        .take(3)
        .map(|f| checks::dismissal(f, fields))
        .collect();
    c.bench_function("checks/panel_refresh_10k", |b| {
        b.iter(|| {
            let (all, summary) = checks::check_with_summary(black_box(fields), &settings);
            black_box((checks::active(all, fields, &dismissed), summary))
        })
    });

    let mut messy = fields.clone();
    messy.body = messy
        .body
        .replacen(" the ", " the the ", 200)
        .replacen(". ", ".  ", 200)
        .replacen(", ", " , ", 100)
        .replacen("’s", "'s", 50);
    let found = checks::check(&messy, &settings);
    eprintln!("checks: {} findings on the messy story", found.len());
    c.bench_function("checks/all_10k_messy", |b| {
        b.iter(|| black_box(checks::check(black_box(&messy), &settings)))
    });
}

criterion_group!(benches, bench_checks);
criterion_main!(benches);
