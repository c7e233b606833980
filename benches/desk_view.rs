//! CPU time of one headless frame of the desk view while scrolling, measured
//! as `benches/frame.rs` measures the editor: the whole window's UI in an
//! `egui::Context`, then tessellation (no GPU, no window).
//!
//! Cases and the target:
//! - `desk_view/scroll_5000`: a frame with one wheel step over the table of a
//!   generated desk of 5,000 stories (`common/desk.rs`) — ≤ 2 ms.
//! - `desk_view/scroll_50` (reference, same run): the same on a desk of 50
//!   stories. The table draws only the rows in view, so the ratio between the
//!   two should stay near 1.
//!
//! Run with `cargo bench --bench desk_view`.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use copydesk::ui::{CopydeskApp, Settings, View};
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{
    ClippedPrimitive, Context, Event, FullOutput, Modifiers, MouseWheelSource, MouseWheelUnit,
    Pos2, RawInput, Rect, TouchPhase, vec2,
};

mod common;
#[path = "common/desk.rs"]
mod desk_gen;

/// The window size on first start (`copydesk::ui::INITIAL_SIZE`).
const SCREEN: [f32; 2] = [1100.0, 820.0];
const FRAME_DT: f64 = 1.0 / 60.0;
/// A point over the table's rows.
const TABLE_POINT: Pos2 = Pos2::new(500.0, 450.0);

struct Window {
    ctx: Context,
    app: CopydeskApp,
    time: f64,
    frames: u64,
}

impl Window {
    /// The window with the desk at `root` open (`copydesk DIR`), once its
    /// index is ready.
    fn open(root: &Path) -> Self {
        let ctx = Context::default();
        let app = CopydeskApp::open_at_start(&ctx, Some(root), Settings::default());
        let mut window = Window {
            ctx,
            app,
            time: 0.0,
            frames: 0,
        };
        let started = Instant::now();
        while window.app.desk.as_ref().is_some_and(|d| d.is_opening()) {
            assert!(
                started.elapsed() < Duration::from_secs(300),
                "desk never opened"
            );
            window.frame(Vec::new());
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(matches!(window.app.view, View::Desk), "not the desk view");
        let still = (0..3)
            .map(|_| window.frame(vec![Event::PointerMoved(TABLE_POINT)]))
            .last()
            .map(|p| heights(&p));
        // A bench that scrolls nothing measures nothing: the rows must move.
        let moved = (0..10)
            .map(|_| window.scroll_frame())
            .last()
            .map(|p| heights(&p));
        assert_ne!(still, moved, "the wheel did not scroll the table");
        window
    }

    /// One whole frame: the app's UI, then tessellation.
    fn frame(&mut self, events: Vec<Event>) -> Vec<ClippedPrimitive> {
        self.time += FRAME_DT;
        self.frames += 1;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(SCREEN[0], SCREEN[1]))),
            time: Some(self.time),
            predicted_dt: FRAME_DT as f32,
            focused: true,
            events,
            ..RawInput::default()
        };
        let app = &mut self.app;
        let FullOutput {
            shapes,
            pixels_per_point,
            mut textures_delta,
            ..
        } = self.ctx.run_ui(input, |ui| app.frame_ui(ui));
        let primitives = self.ctx.tessellate(shapes, pixels_per_point);
        textures_delta.clear();
        primitives
    }

    /// A frame with one wheel step: down for a while, then back up, so the
    /// table keeps moving through the whole desk.
    fn scroll_frame(&mut self) -> Vec<ClippedPrimitive> {
        let down = (self.frames / 2_000).is_multiple_of(2);
        let wheel = Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, if down { -60.0 } else { 60.0 }),
            phase: TouchPhase::Move,
            source: MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        };
        self.frame(vec![Event::PointerMoved(TABLE_POINT), wheel])
    }
}

/// Where everything painted sits, vertically (to see that the rows moved).
fn heights(primitives: &[ClippedPrimitive]) -> i64 {
    primitives
        .iter()
        .filter_map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(mesh) => {
                Some(mesh.vertices.iter().map(|v| v.pos.y as i64).sum::<i64>())
            }
            _ => None,
        })
        .sum()
}

fn bench_scroll(c: &mut Criterion, name: &str, stories: usize) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("desk");
    desk_gen::make_desk(&root, stories).expect("generate the desk");
    let mut window = Window::open(&root);
    c.bench_function(name, |b| b.iter(|| black_box(window.scroll_frame())));
}

fn desk_view_benches(c: &mut Criterion) {
    bench_scroll(c, "desk_view/scroll_5000", 5_000);
    bench_scroll(c, "desk_view/scroll_50", 50);
}

criterion_group!(benches, desk_view_benches);
criterion_main!(benches);
