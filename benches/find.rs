//! Find over a long story: `copydesk::find`, as the find bar runs it on each
//! keystroke in its query or in the text (compile the query, list every
//! match in every field). Budget (issue 12): find all of a word in 50,000
//! words in 5 ms.
//!
//! Cases, on a 50,000-word story with slips (`common::story_with_slips`):
//! - `find/word_50k`: "budget", the find bar's defaults (any case, any part
//!   of a word).
//! - `find/whole_word_50k`: the same with Whole word.
//! - `find/match_case_50k`: the same with Match case.
//! - `find/regex_50k`: the regular expression `budg[ei]t\w*`, whole word.
//! - `find/rare_word_50k`: "Lindqvist" (one name among many), defaults.
//! - `reference/match_indices_50k`: `str::match_indices("budget")` over every
//!   field, the plainest scan there is, for a ratio in the same run.
//!
//! Run with `cargo bench --bench find`.

use std::hint::black_box;

use copydesk::find::{Finder, Query};
use copydesk::story::{Field, Fields};
use criterion::{Criterion, criterion_group, criterion_main};

mod common;

fn find_all(query: &Query, fields: &Fields) -> usize {
    match Finder::new(query) {
        Ok(Some(finder)) => finder.find_all(fields).len(),
        _ => 0,
    }
}

fn bench_find(c: &mut Criterion) {
    let story = common::story_with_slips(50_000);
    let fields = &story.fields;
    let word = |text: &str| Query {
        text: text.to_owned(),
        ..Query::default()
    };
    let cases = [
        ("find/word_50k", word("budget")),
        (
            "find/whole_word_50k",
            Query {
                whole_word: true,
                ..word("budget")
            },
        ),
        (
            "find/match_case_50k",
            Query {
                match_case: true,
                ..word("budget")
            },
        ),
        (
            "find/regex_50k",
            Query {
                regex: true,
                whole_word: true,
                ..word(r"budg[ei]t\w*")
            },
        ),
        ("find/rare_word_50k", word("Lindqvist")),
    ];
    eprintln!(
        "find: {} words, {} bytes",
        copydesk::story::word_count(&fields.body),
        fields.body.len()
    );
    for (name, query) in &cases {
        eprintln!("{name}: {} matches", find_all(query, fields));
        c.bench_function(name, |b| {
            b.iter(|| black_box(find_all(black_box(query), black_box(fields))))
        });
    }
    let plain = |fields: &Fields| -> usize {
        Field::ALL
            .iter()
            .map(|f| fields.get(*f).match_indices("budget").count())
            .sum()
    };
    eprintln!("reference/match_indices_50k: {} matches", plain(fields));
    c.bench_function("reference/match_indices_50k", |b| {
        b.iter(|| black_box(plain(black_box(fields))))
    });
}

criterion_group!(benches, bench_find);
criterion_main!(benches);
