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
//! - `frame/type_10k_marked` (issue 12; budget 2 ms): the typing frame in a
//!   10,000-word story with about 100 slips, spelling on and its wavy
//!   underlines showing. The cursor moves on one place after every keystroke
//!   (untimed), so each keystroke makes a paragraph the spelling thread has
//!   not seen and it is sent there, as in real typing.
//!   The editor changes the text after the marks were brought up to date,
//!   so two more frames belong to each keystroke:
//! - `frame/following_10k_marked`: the frame right after, in which the marks
//!   catch up and the changed paragraph goes to the spelling thread;
//! - `frame/answer_10k_marked`: the frame the spelling thread's answer asks
//!   for (it takes the changed paragraph's marks in).
//! - `frame/idle_10k_marked`: a frame with no input in the same window.
//! - `frame/type_10k_unmarked`, `frame/following_10k_unmarked`: the same
//!   keystrokes on the same story with spelling off: the references.
//!
//! The keystroke cases also print the median UI-thread CPU time of the timed
//! frame (`CLOCK_THREAD_CPUTIME_ID`): on a shared machine wall time includes
//! the time other processes had the core.
//!
//! Run with `cargo bench --bench frame`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use copydesk::BodyCounts;
use copydesk::spell::{self, Library};
use copydesk::story::{Field, Story};
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
    /// Announcements from the spelling thread (its repaint requests).
    spelt: Receiver<()>,
    spelling: bool,
}

impl Window {
    fn new(words: usize) -> Self {
        Self::open(common::story_with_words(words), None)
    }

    /// The window on a story with slips, spelling it with en_US, every
    /// paragraph spelt and marked before it returns.
    fn marked(words: usize) -> Self {
        let dict = Arc::new(spell::load_bundled("en_US").unwrap());
        let library = Library::from_loaded(vec![("en_US".to_owned(), dict)]);
        let mut window = Self::open(common::story_with_slips(words), Some(library));
        window.settle_spelling();
        let marked = window.app.marking.marks().misspelt(Field::Body).len();
        eprintln!("frame: {marked} words marked in the body");
        assert!(marked > 0, "no marks: the bench would measure nothing");
        window
    }

    fn open(story: Story, library: Option<Arc<Library>>) -> Self {
        let ctx = Context::default();
        let (tx, spelt) = channel();
        ctx.set_repaint_observer(Box::new(move |_| {
            if std::thread::current().name() == Some("copydesk-spelling") {
                let _ = tx.send(());
            }
        }));
        let doc = Document::from_file(story, PathBuf::from("bench.ron"));
        let mut app = CopydeskApp::new(&ctx, doc, Settings::default());
        let spelling = library.is_some();
        if let Some(library) = library {
            app = app.with_spelling(library);
        }
        let mut window = Window {
            ctx,
            app,
            time: 0.0,
            spelt,
            spelling,
        };
        // Let fonts, layout and the scroll area settle.
        for _ in 0..3 {
            window.frame(Vec::new());
        }
        window
    }

    /// Run frames until every paragraph is spelt and marked.
    fn settle_spelling(&mut self) {
        if !self.spelling {
            return;
        }
        let spell = |w: &Self| {
            (
                w.app.marking.spell.is_pending(),
                w.app.marking.spell.is_complete(),
            )
        };
        while spell(self) != (false, true) {
            self.wait_for_spelling();
            self.frame(Vec::new());
        }
    }

    /// Wait for the spelling thread to announce an answer.
    fn wait_for_spelling(&self) {
        self.spelt
            .recv_timeout(Duration::from_secs(10))
            .expect("the spelling thread never answered");
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

fn press(key: Key) -> Event {
    Event::Key {
        key,
        physical_key: Some(key),
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    }
}

fn backspace() -> Event {
    press(Key::Backspace)
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

/// Which frame of a keystroke with spelling marks to time.
#[derive(Clone, Copy, PartialEq)]
enum Timed {
    /// The frame that types the letter (the editor changes the text after
    /// the marks were brought up to date, so they catch up next frame).
    Typing,
    /// The frame after it: the marks catch up with the text and the changed
    /// paragraph goes to the spelling thread.
    Following,
    /// The frame the spelling thread's answer asks for.
    Answer,
}

/// A keystroke in a marked window: type "x" (a paragraph the spelling
/// thread has not seen), the frame after, the frame that takes the answer
/// in, then Backspace and move the cursor on one place (untimed). Only the
/// `timed` frame counts.
fn bench_typing_marked(c: &mut Criterion, name: &str, words: usize, timed: Timed) {
    bench_keystroke_frames(c, name, Window::marked(words), timed);
}

/// The same keystrokes with spelling off, on the same story (the reference).
fn bench_typing_unmarked(c: &mut Criterion, name: &str, words: usize, timed: Timed) {
    let window = Window::open(common::story_with_slips(words), None);
    bench_keystroke_frames(c, name, window, timed);
}

fn bench_keystroke_frames(c: &mut Criterion, name: &str, mut window: Window, timed: Timed) {
    window.focus_body();
    // Off the place `focus_body` typed at, whose paragraph is spelt already.
    window.frame(vec![press(Key::ArrowRight)]);
    window.settle_spelling();
    let len = window.body_len();
    let (mut answered, mut iterations) = (0u64, 0u64);
    let mut cpu_times = Vec::new();
    let mut switches = (0u64, 0u64);
    let mut group = c.benchmark_group("frame");
    group.sample_size(30);
    group.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            let mut timed_frame = |window: &mut Window, events: Vec<Event>, which: Timed| {
                let (start, cpu) = (Instant::now(), common::thread_cpu());
                let before = common::thread_switches();
                black_box(window.frame(events));
                if which == timed {
                    total += start.elapsed();
                    if let (Some(a), Some(b)) = (cpu, common::thread_cpu()) {
                        cpu_times.push(b.saturating_sub(a));
                    }
                    if let (Some(a), Some(b)) = (before, common::thread_switches()) {
                        switches.0 += b.0 - a.0;
                        switches.1 += b.1 - a.1;
                    }
                }
            };
            for _ in 0..iters {
                iterations += 1;
                while window.spelt.try_recv().is_ok() {}
                timed_frame(&mut window, vec![typed_x()], Timed::Typing);
                timed_frame(&mut window, Vec::new(), Timed::Following);
                if window.app.marking.spell.is_pending() {
                    window.wait_for_spelling();
                    answered += 1;
                }
                timed_frame(&mut window, Vec::new(), Timed::Answer);
                window.frame(vec![backspace(), press(Key::ArrowRight)]);
                window.frame(Vec::new());
            }
            total
        });
    });
    group.finish();
    assert_eq!(window.body_len(), len, "the body drifted during the bench");
    eprintln!("frame/{name}: {answered} of {iterations} keystrokes went to the spelling thread");
    if let Some(cpu) = common::median(&mut cpu_times) {
        eprintln!(
            "frame/{name}: UI-thread CPU time per frame, median {:.3} ms of {} frames",
            cpu.as_secs_f64() * 1000.0,
            cpu_times.len()
        );
        eprintln!(
            "frame/{name}: in those frames the UI thread waited {} times (locks, channels) \
             and lost its core {} times",
            switches.0, switches.1
        );
    }
}

fn bench_idle(c: &mut Criterion, name: &str, words: usize, focused: bool) {
    let mut window = Window::new(words);
    if focused {
        window.focus_body();
    }
    c.bench_function(name, |b| b.iter(|| black_box(window.frame(Vec::new()))));
}

fn bench_idle_marked(c: &mut Criterion, name: &str, words: usize) {
    let mut window = Window::marked(words);
    window.focus_body();
    window.settle_spelling();
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
    bench_typing_unmarked(c, "type_10k_unmarked", 10_000, Timed::Typing);
    bench_typing_unmarked(c, "following_10k_unmarked", 10_000, Timed::Following);
    bench_typing_marked(c, "type_10k_marked", 10_000, Timed::Typing);
    bench_typing_marked(c, "following_10k_marked", 10_000, Timed::Following);
    bench_typing_marked(c, "answer_10k_marked", 10_000, Timed::Answer);
    bench_idle_marked(c, "frame/idle_10k_marked", 10_000);
}

criterion_group!(benches, frame_benches);
criterion_main!(benches);
