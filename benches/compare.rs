//! The compare: engine, view, and the `copydesk diff` process.
//!
//! - `compare/10k_3pct`, `compare/50k_3pct`: `compare::compare` of two drafts of a
//!   10,000- / 50,000-word story with about 3% of words edited, inline word
//!   highlights included.
//! - `compare/10k_revised`, `compare/50k_revised`: the same stories revised as
//!   a desk revises: ~5% of paragraphs moved, ~5% split or merged, ~5% added or
//!   removed, ~3% of words changed (targets: 5 ms and 25 ms).
//! - `compare/50k_shuffled`: every paragraph of the 50,000-word story in a new
//!   place (target 100 ms); set up to check that a short deadline is honoured.
//! - `compare/corpus_83_pairs`: every revision pair of
//!   `../shared/corpus/revisions` through the engine, one after the other
//!   (target 300 ms; skipped with a message when the corpus is absent).
//! - `compare_view/scroll_10k_moves`: one headless frame of the window showing
//!   the compare of the revised 10,000-word story (moves included) while the
//!   mouse wheel scrolls it (target 3 ms).
//! - `diff_process/copydesk` against `diff_process/git`: `copydesk diff A.ron
//!   B.ron` on two 10,000-word stories, as a whole process, against `git diff
//!   --no-index --word-diff=plain` on the same two bodies as text files, measured
//!   in the same run (the ratio is copydesk / git).
//!
//! Run with `cargo bench --bench compare`.

use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use copydesk::compare::{self, Options};
use copydesk::story::{Fields, now};
use copydesk::ui::compare_view::{CompareView, Side};
use copydesk::ui::{CopydeskApp, Document, Settings, View};
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{
    Context, Event, Modifiers, MouseWheelSource, MouseWheelUnit, Pos2, RawInput, Rect, TouchPhase,
    vec2,
};

mod common;

/// Replace about `percent`% of the words of `body` (never its line breaks).
fn edit_words(body: &str, percent: usize, seed: u64) -> String {
    let mut rng = common::Rng::new(seed);
    body.split(' ')
        .map(|w| {
            if !w.contains('\n') && rng.below(100) < percent {
                "redacted".to_owned()
            } else {
                w.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn pair(words: usize) -> (Fields, Fields) {
    let old = common::fields(common::prose(words, 0xC0FFEE));
    let mut new = old.clone();
    new.body = edit_words(&old.body, 3, 7);
    (old, new)
}

/// Words a reviser puts in.
const NEW_WORDS: &[&str] = &[
    "council",
    "officials",
    "Tuesday",
    "1,200",
    "£3.1m",
    "residents",
    "proposal",
    "quickly",
    "later",
    "spokeswoman",
    "figures",
    "reported",
];

/// `body` revised as a desk revises a long story: about 5% of paragraphs moved
/// elsewhere, 5% split or merged, 5% added or removed, and 3% of words changed.
fn revise(body: &str, seed: u64) -> String {
    let mut rng = common::Rng::new(seed);
    let mut ps: Vec<String> = body.split("\n\n").map(str::to_owned).collect();
    let share = |percent: usize, n: usize| (n * percent).div_ceil(100);
    // Words changed.
    for p in &mut ps {
        *p = p
            .split(' ')
            .map(|w| {
                if rng.below(100) < 3 {
                    rng.pick(NEW_WORDS).to_owned()
                } else {
                    w.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    // Removed and added.
    for _ in 0..share(5, ps.len()) / 2 {
        let at = rng.below(ps.len());
        ps.remove(at);
        let at = rng.below(ps.len() + 1);
        ps.insert(at, common::paragraph(&mut rng));
    }
    // Split and merged.
    for k in 0..share(5, ps.len()) {
        let at = rng.below(ps.len() - 1);
        if k % 2 == 0 {
            if let Some(cut) = ps[at].find(". ") {
                let tail = ps[at].split_off(cut + 1);
                ps.insert(at + 1, tail.trim_start().to_owned());
            }
        } else {
            let next = ps.remove(at + 1);
            ps[at].push(' ');
            ps[at].push_str(&next);
        }
    }
    // Moved.
    for _ in 0..share(5, ps.len()) {
        let from = rng.below(ps.len());
        let p = ps.remove(from);
        let to = rng.below(ps.len() + 1);
        ps.insert(to, p);
    }
    ps.join("\n\n")
}

fn revised_pair(words: usize) -> (Fields, Fields) {
    let old = common::fields(common::prose(words, 0xC0FFEE));
    let mut new = old.clone();
    new.body = revise(&old.body, 11);
    (old, new)
}

/// Every paragraph of `body` in a new place.
fn shuffle(body: &str, seed: u64) -> String {
    let mut rng = common::Rng::new(seed);
    let mut ps: Vec<&str> = body.split("\n\n").collect();
    for k in (1..ps.len()).rev() {
        let j = rng.below(k + 1);
        ps.swap(k, j);
    }
    ps.join("\n\n")
}

/// The revision pairs of the corpus, read as the scorer reads them: paragraphs
/// separated by blank lines, runs of whitespace collapsed.
fn corpus_pairs() -> Option<Vec<(Fields, Fields)>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/revisions");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix("-old.txt").map(str::to_owned))
        .collect();
    names.sort();
    let body = |path: PathBuf| -> Option<String> {
        let text = std::fs::read_to_string(path).ok()?;
        let paragraphs: Vec<String> = text
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect();
        Some(paragraphs.join("\n\n"))
    };
    let pairs: Vec<(Fields, Fields)> = names
        .iter()
        .filter_map(|n| {
            let old = body(dir.join(format!("{n}-old.txt")))?;
            let new = body(dir.join(format!("{n}-new.txt")))?;
            Some((common::fields(old), common::fields(new)))
        })
        .collect();
    (!pairs.is_empty()).then_some(pairs)
}

fn engine(c: &mut Criterion) {
    let mut group = c.benchmark_group("compare");
    for (name, words) in [("10k_3pct", 10_000), ("50k_3pct", 50_000)] {
        let (old, new) = pair(words);
        let diff = compare::compare(&old, &new, &Options::default());
        assert!(
            diff.stats.changes > words / 100,
            "the edit must show: {}",
            diff.stats.changes
        );
        assert!(!diff.timed_out, "the deadline must not cut the diff short");
        group.bench_function(name, |b| {
            b.iter(|| {
                black_box(compare::compare(
                    black_box(&old),
                    black_box(&new),
                    &Options::default(),
                ))
            })
        });
    }
    for (name, words) in [("10k_revised", 10_000), ("50k_revised", 50_000)] {
        let (old, new) = revised_pair(words);
        let diff = compare::compare(&old, &new, &Options::default());
        assert!(diff.stats.moves > 0, "the revision must move paragraphs");
        assert!(!diff.timed_out, "the deadline must not cut the diff short");
        let fd = diff.field(copydesk::story::Field::Body);
        assert_eq!(compare::apply(&old.body, &new.body, &fd.changes), new.body);
        group.bench_function(name, |b| {
            b.iter(|| {
                black_box(compare::compare(
                    black_box(&old),
                    black_box(&new),
                    &Options::default(),
                ))
            })
        });
    }
    {
        let old = common::fields(common::prose(50_000, 0xC0FFEE));
        let mut new = old.clone();
        new.body = shuffle(&old.body, 5);
        // With a deadline far too short, the compare stops near it and is
        // still exact (coarser, flagged as timed out).
        let tight = Options {
            timeout: Duration::from_millis(5),
            ..Options::default()
        };
        let started = std::time::Instant::now();
        let diff = compare::compare(&old, &new, &tight);
        let took = started.elapsed();
        assert!(
            took < Duration::from_millis(60),
            "deadline not honoured: {took:?}"
        );
        let fd = diff.field(copydesk::story::Field::Body);
        assert_eq!(compare::apply(&old.body, &new.body, &fd.changes), new.body);
        let diff = compare::compare(&old, &new, &Options::default());
        assert!(diff.stats.moves > 100, "moves: {}", diff.stats.moves);
        group.bench_function("50k_shuffled", |b| {
            b.iter(|| {
                black_box(compare::compare(
                    black_box(&old),
                    black_box(&new),
                    &Options::default(),
                ))
            })
        });
    }
    match corpus_pairs() {
        None => eprintln!(
            "compare/corpus_83_pairs skipped: ../shared/corpus/revisions not found next to the repository"
        ),
        Some(pairs) => {
            group.bench_function("corpus_83_pairs", |b| {
                b.iter(|| {
                    for (old, new) in &pairs {
                        black_box(compare::compare(
                            black_box(old),
                            black_box(new),
                            &Options::default(),
                        ));
                    }
                })
            });
        }
    }
    group.finish();
}

fn view(c: &mut Criterion) {
    let (old, new) = revised_pair(10_000);
    let mut story = copydesk::Story::with_fields(old);
    story.record_draft(None, now());
    story.fields = new;
    let ctx = Context::default();
    let mut app = CopydeskApp::new(
        &ctx,
        Document::from_file(story, PathBuf::from("bench.ron")),
        Settings::default(),
    );
    app.view = View::Compare(Box::new(CompareView::new(Side::Draft(1), Side::Current)));
    let mut time = 0.0;
    let mut frame = |app: &mut CopydeskApp, events: Vec<Event>| {
        time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1100.0, 820.0))),
            time: Some(time),
            predicted_dt: 1.0 / 60.0,
            focused: true,
            events,
            ..RawInput::default()
        };
        let out = ctx.run_ui(input, |ui| app.frame_ui(ui));
        ctx.tessellate(out.shapes, out.pixels_per_point)
    };
    let hover = Event::PointerMoved(Pos2::new(700.0, 500.0));
    // A 10,000-word compare runs off the UI thread: wait for it, so that the
    // frames measured are real compare frames, not "Comparing…".
    let ready = |app: &CopydeskApp| match &app.view {
        View::Compare(view) => !view.is_computing() && view.diff().is_some(),
        _ => false,
    };
    let started = std::time::Instant::now();
    loop {
        frame(&mut app, vec![hover.clone()]);
        if ready(&app) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the compare never finished"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    for _ in 0..3 {
        frame(&mut app, vec![hover.clone()]);
    }
    if let View::Compare(view) = &app.view {
        let moves = view.diff().map_or(0, |d| d.stats.moves);
        assert!(moves > 0, "the compare on screen must show moves");
    }
    let wheel = |dy: f32| Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: vec2(0.0, dy),
        phase: TouchPhase::Move,
        source: MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    };
    let mut step = 0u32;
    c.bench_function("compare_view/scroll_10k_moves", |b| {
        b.iter(|| {
            // Scroll down through the story, then back up, a notch per frame.
            step += 1;
            let dy = if (step / 200).is_multiple_of(2) {
                -60.0
            } else {
                60.0
            };
            black_box(frame(&mut app, vec![hover.clone(), wheel(dy)]))
        })
    });
}

fn process(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (old, new) = pair(10_000);
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    copydesk::store::save(&a, &copydesk::Story::with_fields(old.clone())).expect("save a");
    copydesk::store::save(&b, &copydesk::Story::with_fields(new.clone())).expect("save b");
    let at = dir.path().join("a.txt");
    let bt = dir.path().join("b.txt");
    std::fs::write(&at, &old.body).expect("write a.txt");
    std::fs::write(&bt, &new.body).expect("write b.txt");

    let copydesk_diff = || {
        Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["diff", "--color", "never"])
            .arg(&a)
            .arg(&b)
            .output()
            .expect("copydesk runs")
    };
    let git_diff = || {
        Command::new("git")
            .args(["diff", "--no-index", "--no-color", "--word-diff=plain"])
            .arg(&at)
            .arg(&bt)
            .output()
            .expect("git runs")
    };
    let out = copydesk_diff();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.len() > 1000);
    let out = git_diff();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut group = c.benchmark_group("diff_process");
    group.bench_function("copydesk", |b| b.iter(|| black_box(copydesk_diff())));
    group.bench_function("git", |b| b.iter(|| black_box(git_diff())));
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(4)).warm_up_time(Duration::from_secs(1));
    targets = engine, view, process
}
criterion_main!(benches);
