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
//! - `spelling/keystroke_10k`: the UI thread's share of one keystroke in the
//!   body of a 10,000-word story with about 100 slips marked (issue 12's
//!   budget: 0.5 ms). That is the editor's `Marking::update` in the typing
//!   frame (hash the paragraphs, look them up, send the changed one to the
//!   spelling thread, rebuild the marks) plus the update in the frame that
//!   takes the spelling thread's answer in. The spelling itself runs on the
//!   worker, untimed; each keystroke types a letter no earlier one typed at
//!   that place, so no answer is remembered from before. An untimed undo
//!   keeps the body the same length.
//! - `reference/check_10k`: the existing copy checks on the same story, for
//!   a ratio measured in the same run.
//!
//! Run with `cargo bench --bench spelling`.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use copydesk::checks::{self, CheckSettings, spelling};
use copydesk::spell::{self, Speller, WordList};
use copydesk::story::{Field, Story};
use copydesk::ui::marking::Marking;
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

/// The editor's marks over a story, driven as the window drives them: one
/// `Marking::update` per frame, the spelling thread's answers announced
/// through the context's repaint requests.
struct Marked {
    ctx: egui::Context,
    woken: Receiver<()>,
    marking: Marking,
    story: Story,
    generation: u64,
    speller: Speller,
}

impl Marked {
    fn new(story: Story, speller: Speller) -> Self {
        let ctx = egui::Context::default();
        let (tx, woken) = channel();
        ctx.set_repaint_observer(Box::new(move |_| {
            let _ = tx.send(());
        }));
        let mut marked = Marked {
            ctx,
            woken,
            marking: Marking::new(),
            story,
            generation: 0,
            speller,
        };
        marked.update();
        while marked.marking.spell.is_pending() {
            marked.wait();
            marked.update();
        }
        assert!(marked.marking.spell.is_complete());
        marked
    }

    fn update(&mut self) {
        self.marking
            .update(&self.ctx, &self.story, self.generation, Some(&self.speller));
    }

    /// Wait for the spelling thread to announce an answer.
    fn wait(&self) {
        self.woken
            .recv_timeout(Duration::from_secs(10))
            .expect("the spelling thread never answered");
    }

    /// Forget announcements already taken in.
    fn drain(&self) {
        while self.woken.try_recv().is_ok() {}
    }

    fn marked(&self) -> usize {
        self.marking.marks().misspelt(Field::Body).len()
    }
}

fn bench_keystroke(c: &mut Criterion) {
    let dict = Arc::new(spell::load_bundled("en_US").unwrap());
    let speller = Speller::new("en_US", dict, Arc::new(WordList::new()));
    let story = common::story_with_slips(10_000);
    let mut m = Marked::new(story, speller);
    let marked = m.marked();
    eprintln!(
        "spelling/keystroke_10k: {} words, {} paragraphs, {marked} words marked",
        copydesk::story::word_count(&m.story.fields.body),
        m.story.fields.body.split("\n\n").count(),
    );
    // Where to type: before each space of the body, in turn.
    let places: Vec<usize> = m
        .story
        .fields
        .body
        .match_indices(' ')
        .map(|(i, _)| i)
        .collect();
    let mut typed = 0usize;
    let mut cpu_times = Vec::new();
    c.bench_function("spelling/keystroke_10k", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let at = places[typed % places.len()];
                let letter = char::from(b'a' + (typed / places.len() % 26) as u8);
                typed += 1;
                m.story.fields.body.insert(at, letter);
                m.generation += 1;
                m.drain();
                let (start, cpu) = (Instant::now(), common::thread_cpu());
                m.update();
                total += start.elapsed();
                let mut used = common::thread_cpu().zip(cpu).map(|(b, a)| b - a);
                // The frame the spelling thread's answer asks for.
                if m.marking.spell.is_pending() {
                    m.wait();
                    let (start, cpu) = (Instant::now(), common::thread_cpu());
                    m.update();
                    total += start.elapsed();
                    used = used
                        .zip(common::thread_cpu().zip(cpu))
                        .map(|(u, (b, a))| u + (b - a));
                }
                cpu_times.extend(used);
                m.story.fields.body.remove(at);
                m.generation += 1;
                m.update();
            }
            total
        })
    });
    assert_eq!(m.marked(), marked, "the marks drifted during the bench");
    if let Some(cpu) = common::median(&mut cpu_times) {
        eprintln!(
            "spelling/keystroke_10k: UI-thread CPU time per keystroke, median {:.1} µs of {}",
            cpu.as_secs_f64() * 1e6,
            cpu_times.len()
        );
    }
}

criterion_group!(benches, bench_spelling, bench_keystroke);
criterion_main!(benches);
