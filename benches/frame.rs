//! CPU time of one headless frame of the real Copydesk window, measured the way
//! egui's own `egui_demo_lib` benches do: run the app's UI in an `egui::Context`
//! and tessellate the shapes it paints (no GPU, no window).
//!
//! Cases:
//! - `frame/type_10k`, `frame/type_50k`: the frame right after typing one
//!   character into the focused body of a 10,000- / 50,000-word story. Only the
//!   typing frame is timed; an untimed Backspace frame after it keeps the body
//!   the same length from one iteration to the next.
//! - `frame/idle_10k`: a frame with no input, the body focused (the frames a
//!   blinking cursor asks for).
//! - `frame/idle_10k_unfocused`: a frame with no input and nothing focused.
//! - `counts/body_10k`, `counts/body_50k`: `BodyCounts::of` alone, the
//!   recount of the body that every keystroke in the body triggers.
//!
//! Run with `cargo bench --bench frame`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use copydesk::BodyCounts;
use copydesk::ui::{CopydeskApp, Document, Settings};
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{
    ClippedPrimitive, Context, Event, FullOutput, Key, Modifiers, PointerButton, Pos2, RawInput,
    Rect, vec2,
};

mod common;

/// The window size on first start (`copydesk::ui::INITIAL_SIZE`).
const SCREEN: [f32; 2] = [1100.0, 820.0];
/// Frames are 1/60 s apart.
const FRAME_DT: f64 = 1.0 / 60.0;
/// A point well inside the body editor: below the slug, headline, subhead,
/// byline/dateline rows and the body's header, above the status line. With a
/// body of thousands of words the editor fills the column from there down.
const BODY_POINT: Pos2 = Pos2::new(550.0, 620.0);

struct Window {
    ctx: Context,
    app: CopydeskApp,
    time: f64,
}

impl Window {
    fn new(words: usize) -> Self {
        let ctx = Context::default();
        let story = common::story_with_words(words);
        let doc = Document::from_file(story, PathBuf::from("bench.ron"));
        let app = CopydeskApp::new(&ctx, doc, Settings::default());
        let mut window = Window {
            ctx,
            app,
            time: 0.0,
        };
        // Let fonts, layout and the scroll area settle.
        for _ in 0..3 {
            window.frame(Vec::new());
        }
        window
    }

    fn input(&mut self, events: Vec<Event>) -> RawInput {
        self.time += FRAME_DT;
        RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(SCREEN[0], SCREEN[1]))),
            time: Some(self.time),
            predicted_dt: FRAME_DT as f32,
            focused: true,
            events,
            ..RawInput::default()
        }
    }

    /// One whole frame: the app's UI, then tessellation.
    fn frame(&mut self, events: Vec<Event>) -> Vec<ClippedPrimitive> {
        let input = self.input(events);
        let app = &mut self.app;
        let FullOutput {
            shapes,
            pixels_per_point,
            mut textures_delta,
            ..
        } = self.ctx.run_ui(input, |ui| app.frame_ui(ui));
        let primitives = self.ctx.tessellate(shapes, pixels_per_point);
        // There is no GPU to upload the font atlas to.
        textures_delta.clear();
        primitives
    }

    fn body_len(&self) -> usize {
        self.app.doc.story.fields.body.len()
    }

    /// Click into the body editor, as a user would, and check that typing
    /// reaches it: a bench that types into nothing measures nothing.
    fn focus_body(&mut self) {
        let button = |pressed| Event::PointerButton {
            pos: BODY_POINT,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        };
        self.frame(vec![Event::PointerMoved(BODY_POINT)]);
        self.frame(vec![button(true)]);
        self.frame(vec![button(false)]);
        self.frame(Vec::new());
        assert!(
            self.ctx.memory(|m| m.focused()).is_some(),
            "clicking at {BODY_POINT:?} focused no widget"
        );

        let before = self.body_len();
        let note = self.app.doc.story.fields.note.clone();
        self.frame(vec![typed_x()]);
        assert_eq!(
            self.body_len(),
            before + 1,
            "typing did not reach the body editor"
        );
        assert_eq!(self.app.doc.story.fields.note, note);
        assert!(self.app.doc.is_dirty());
        self.frame(vec![backspace()]);
        assert_eq!(self.body_len(), before, "Backspace did not reach the body");
    }
}

fn typed_x() -> Event {
    Event::Text("x".into())
}

fn backspace() -> Event {
    Event::Key {
        key: Key::Backspace,
        physical_key: Some(Key::Backspace),
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    }
}

/// Time only the frame that types "x"; delete it again in an untimed frame.
fn bench_typing(c: &mut Criterion, name: &str, words: usize) {
    let mut window = Window::new(words);
    window.focus_body();
    let len = window.body_len();
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                black_box(window.frame(vec![typed_x()]));
                total += start.elapsed();
                window.frame(vec![backspace()]);
            }
            total
        });
    });
    assert_eq!(window.body_len(), len, "the body drifted during the bench");
}

fn bench_idle(c: &mut Criterion, name: &str, words: usize, focused: bool) {
    let mut window = Window::new(words);
    if focused {
        window.focus_body();
    }
    c.bench_function(name, |b| b.iter(|| black_box(window.frame(Vec::new()))));
}

/// The part of a typing frame that is Copydesk's own: recounting the body.
fn bench_counts(c: &mut Criterion, name: &str, words: usize) {
    let body = common::prose(words, 0x5EED);
    c.bench_function(name, |b| {
        b.iter(|| black_box(BodyCounts::of(black_box(&body))))
    });
}

fn frame_benches(c: &mut Criterion) {
    bench_typing(c, "frame/type_10k", 10_000);
    bench_typing(c, "frame/type_50k", 50_000);
    bench_idle(c, "frame/idle_10k", 10_000, true);
    bench_idle(c, "frame/idle_10k_unfocused", 10_000, false);
    bench_counts(c, "counts/body_10k", 10_000);
    bench_counts(c, "counts/body_50k", 50_000);
}

criterion_group!(benches, frame_benches);
criterion_main!(benches);
