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
//! - `style/all_rules_10k` (issue 12; budget 5 ms): every rule of the
//!   default house style (`StyleSet::defaults`) on the 10,000-word story
//!   with some wire-style slips written in ("per cent", "Kiev", "e-mail",
//!   "web site", ...), as the checks panel runs them after an edit.
//!   `checks/all_10k` is the reference in the same run.
//!
//! - `checks/pathological/*` (issue 11): everything `copydesk check` does —
//!   `check_with_summary`, then line and column of every finding — on three
//!   small files that used to take seconds: 200,000 blank lines, `(word)` ×
//!   200,000, and 200,000 double-spaced words on one line (200,000 findings).
//!   Budget: 200 ms each. `checks/pathological/reference_10k` is the clean
//!   10,000-word story through the same path, for the ratios.
//!
//! Run with `cargo bench --bench checks`.

use std::hint::black_box;

use copydesk::checks::style::StyleSet;
use copydesk::checks::{self, CheckSettings};
use copydesk::story::{Dismissal, Fields};
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

/// Every rule of the default house style on 10,000 words of copy that breaks
/// some of them.
fn bench_style(c: &mut Criterion) {
    let set = StyleSet::defaults();
    let mut fields = common::story_with_words(10_000).fields;
    for (from, to, n) in [
        ("the city", "the city of Kiev", 10),
        ("about", "about 3 per cent", 10),
        ("the report", "the report on the web site", 5),
        ("the election", "the Ukraine election", 5),
        ("national", "on-line", 5),
    ] {
        fields.body = fields.body.replacen(from, to, n);
    }
    let found = set.check(&fields, &[]);
    eprintln!(
        "style: {} rules, {} findings on {} words",
        set.len(),
        found.len(),
        copydesk::story::word_count(&fields.body)
    );
    c.bench_function("style/all_rules_10k", |b| {
        b.iter(|| black_box(set.check(black_box(&fields), &[])))
    });
}

/// What `copydesk check` does with a text: every check, then the position of
/// every finding.
fn check_and_place(fields: &Fields, settings: &CheckSettings) -> usize {
    let (all, summary) = checks::check_with_summary(fields, settings);
    let index = checks::LineIndex::new(&fields.body);
    let placed: usize = all.iter().map(|f| index.line_column(f.range.start).1).sum();
    placed + summary.words
}

fn bench_pathological(c: &mut Criterion) {
    let settings = settings();
    let reference = common::story_with_words(10_000).fields;
    let cases = [
        ("blank_lines_200k", "\n".repeat(200_000)),
        ("parenthesised_words_200k", "(word) ".repeat(200_000)),
        ("double_spaced_words_200k", "word  ".repeat(200_000)),
    ];
    let mut group = c.benchmark_group("checks/pathological");
    group.sample_size(10);
    group.bench_function("reference_10k", |b| {
        b.iter(|| black_box(check_and_place(black_box(&reference), &settings)))
    });
    for (name, body) in cases {
        let fields = Fields {
            body,
            ..Fields::default()
        };
        eprintln!(
            "checks/pathological/{name}: {} bytes, {} findings",
            fields.body.len(),
            checks::check(&fields, &settings).len()
        );
        group.bench_function(name, |b| {
            b.iter(|| black_box(check_and_place(black_box(&fields), &settings)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_checks, bench_style, bench_pathological);
criterion_main!(benches);
