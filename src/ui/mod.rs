//! The window: egui only. Draws the core's story and sends the user's commands
//! back to the core; computes nothing of its own.

pub mod app;
pub mod autosave;
pub mod checks_panel;
pub mod commands;
pub mod compare_view;
pub mod desk_cells;
pub mod desk_view;
pub mod dialogs;
pub mod editor;
pub mod export_dialog;
pub mod find_bar;
pub mod history;
pub mod house_style;
pub mod import_review;
pub mod lock_bar;
pub mod marking;
pub mod marks;
pub mod new_story;
pub mod prompts;
pub mod ready_gate;
pub mod settings_window;
pub mod spell_marks;
pub mod spell_menu;
pub mod spelling;
pub mod theme;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use app::{CopydeskApp, Document, Settings, View};

/// How the window was asked to start.
#[derive(Debug, Default)]
pub struct Launch {
    /// The story to open; the bundled sample story when `None`.
    pub file: Option<PathBuf>,
    /// Write a PNG of the window here, then exit.
    pub screenshot: Option<PathBuf>,
    /// No spelling this session: no dictionary loaded, nothing marked.
    pub no_spelling: bool,
}

/// The window size on first start.
pub const INITIAL_SIZE: [f32; 2] = [1100.0, 820.0];

/// Open the window and run until it closes.
pub fn run(launch: Launch) -> ExitCode {
    let exit = Arc::new(AtomicU8::new(0));
    let screenshot = launch.screenshot.clone();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Copydesk")
            .with_app_id("copydesk")
            .with_inner_size(INITIAL_SIZE)
            .with_min_inner_size([560.0, 400.0])
            .with_drag_and_drop(true),
        persist_window: screenshot.is_none(),
        ..Default::default()
    };
    if screenshot.is_some() {
        // Never hang a script: give up if no picture arrives in time.
        std::thread::spawn(|| {
            std::thread::sleep(Duration::from_secs(90));
            eprintln!("copydesk: --screenshot: no frame was rendered within 90 seconds");
            std::process::exit(2);
        });
    }
    let exit_in_app = exit.clone();
    let result = eframe::run_native(
        "Copydesk",
        options,
        Box::new(move |cc| {
            let settings = match (&screenshot, cc.storage) {
                (None, Some(storage)) => {
                    eframe::get_value(storage, app::SETTINGS_KEY).unwrap_or_default()
                }
                _ => Settings::default(),
            };
            // Dictionaries load on their own thread: the default language at
            // start (unless spelling is off), a story's own when it is opened.
            let preload = if settings.spelling.enabled {
                vec![settings.spelling.language.clone()]
            } else {
                Vec::new()
            };
            let mut app =
                CopydeskApp::open_at_start(&cc.egui_ctx, launch.file.as_deref(), settings);
            if !launch.no_spelling {
                app = app.with_spelling(crate::spell::Library::load_in_background(preload));
            }
            if let Some(out) = screenshot {
                app.persist = false;
                app.screenshot = Some(ScreenshotJob::new(out, exit_in_app));
            } else if let Some(dir) = autosave::default_dir() {
                autosave::install_panic_hook();
                app = app.with_recovery(dir);
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::from(exit.load(Ordering::SeqCst)),
        Err(err) => {
            eprintln!("copydesk: cannot open the window: {err}");
            ExitCode::from(2)
        }
    }
}

/// `--screenshot`: render a few frames, capture the window, write a PNG, close.
pub(crate) struct ScreenshotJob {
    out: PathBuf,
    frames: u32,
    requested: bool,
    result: Arc<Mutex<Option<Result<(), String>>>>,
    exit: Arc<AtomicU8>,
}

/// Frames to render before capturing, so layout and fonts have settled.
const SETTLE_FRAMES: u32 = 5;

impl ScreenshotJob {
    fn new(out: PathBuf, exit: Arc<AtomicU8>) -> Self {
        ScreenshotJob {
            out,
            frames: 0,
            requested: false,
            result: Arc::default(),
            exit,
        }
    }

    /// One frame's worth of progress. Returns true once the window may close.
    pub(crate) fn step(&mut self, ctx: &egui::Context) -> bool {
        self.frames += 1;
        ctx.request_repaint();
        if !self.requested && self.frames >= SETTLE_FRAMES {
            self.requested = true;
            let out = self.out.clone();
            let result = self.result.clone();
            ctx.request_screenshot(move |image| {
                let written = write_png(&out, &image);
                if let Ok(mut slot) = result.lock() {
                    *slot = Some(written);
                }
            });
        }
        let done = self.result.lock().ok().and_then(|mut slot| slot.take());
        match done {
            None => false,
            Some(Ok(())) => {
                println!("{}", self.out.display());
                true
            }
            Some(Err(err)) => {
                eprintln!(
                    "copydesk: {}: cannot write screenshot: {err}",
                    self.out.display()
                );
                self.exit.store(2, Ordering::SeqCst);
                true
            }
        }
    }
}

/// Encode an egui image as PNG and write it atomically.
pub fn write_png(path: &Path, image: &egui::ColorImage) -> Result<(), String> {
    use image::ImageEncoder;
    let [width, height] = image.size;
    let rgba: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(
            &rgba,
            width as u32,
            height as u32,
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|e| e.to_string())?;
    crate::store::write_atomic(path, &png).map_err(|e| e.to_string())
}
