//! Export and import speed: `copydesk::export::export` of a 10,000-word story in
//! every format, and `copydesk::import::import` of the same story as a
//! 10,000-word Markdown file (and as plain text).
//!
//! Budgets: each export ≤ 5 ms, the Markdown import ≤ 10 ms.
//!
//! Cases: `export/txt_10k`, `export/md_10k`, `export/html_10k`,
//! `export/nitf_10k`, `export/ninjs_10k`, `import/md_10k`, `import/txt_10k`.
//!
//! Run with `cargo bench --bench export`.

use std::hint::black_box;

use copydesk::export::{self, Format};
use copydesk::import::{self, ImportKind};
use criterion::{Criterion, criterion_group, criterion_main};

mod common;

fn bench_export(c: &mut Criterion) {
    let story = common::story_with_words(10_000);
    let words = copydesk::story::word_count(&story.fields.body);
    for format in Format::ALL {
        let text = export::export(&story, format).expect("export");
        eprintln!(
            "export/{}_10k: {words} words in, {} bytes out",
            format.key(),
            text.len()
        );
        c.bench_function(&format!("export/{}_10k", format.key()), |b| {
            b.iter(|| black_box(export::export(black_box(&story), format).expect("export")))
        });
    }
}

fn bench_import(c: &mut Criterion) {
    let story = common::story_with_words(10_000);
    for (format, kind) in [
        (Format::Md, ImportKind::Markdown),
        (Format::Txt, ImportKind::PlainText),
    ] {
        let text = export::export(&story, format).expect("export");
        let back = import::import(&text, kind);
        assert_eq!(
            back.fields, story.fields,
            "{format}: the story did not survive export and import"
        );
        eprintln!(
            "import/{}_10k: {} bytes, {} words",
            format.key(),
            text.len(),
            copydesk::story::word_count(&back.fields.body)
        );
        c.bench_function(&format!("import/{}_10k", format.key()), |b| {
            b.iter(|| black_box(import::import(black_box(&text), kind)))
        });
    }
}

criterion_group!(benches, bench_export, bench_import);
criterion_main!(benches);
