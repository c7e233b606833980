//! The compare: engine, view, and the `copydesk diff` process.
//!
//! - `compare/10k_3pct`, `compare/50k_3pct`: `compare::compare` of two drafts of a
//!   10,000- / 50,000-word story with about 3% of words edited, inline word
//!   highlights included.
//! - `compare_view/scroll_10k`: one headless frame of the window showing the
//!   compare of a 10,000-word story while the mouse wheel scrolls it.
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
    group.finish();
}

fn view(c: &mut Criterion) {
    let (old, new) = pair(10_000);
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
    let wheel = |dy: f32| Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: vec2(0.0, dy),
        phase: TouchPhase::Move,
        source: MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    };
    let mut step = 0u32;
    c.bench_function("compare_view/scroll_10k", |b| {
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
