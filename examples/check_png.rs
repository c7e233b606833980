//! CI helper: fail unless a PNG is a real picture of the window — the expected
//! size, not blank, with enough distinct colours to hold text.
//!
//! `cargo run --example check_png -- FILE.png MIN_WIDTH MIN_HEIGHT`

use std::collections::HashSet;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, min_w, min_h] = args.as_slice() else {
        eprintln!("usage: check_png FILE.png MIN_WIDTH MIN_HEIGHT");
        return ExitCode::from(2);
    };
    let (min_w, min_h): (u32, u32) = match (min_w.parse(), min_h.parse()) {
        (Ok(w), Ok(h)) => (w, h),
        _ => {
            eprintln!("check_png: sizes must be whole numbers");
            return ExitCode::from(2);
        }
    };
    let image = match image::open(path) {
        Ok(image) => image.to_rgba8(),
        Err(err) => {
            eprintln!("check_png: {path}: {err}");
            return ExitCode::from(1);
        }
    };
    let (w, h) = image.dimensions();
    let colours: HashSet<[u8; 4]> = image.pixels().map(|p| p.0).collect();
    let background = image.get_pixel(w / 2, h - 1).0;
    let differing = image.pixels().filter(|p| p.0 != background).count();
    let share = differing as f64 / (w as f64 * h as f64);
    println!(
        "{path}: {w}x{h}, {} distinct colours, {:.1}% of pixels differ from the background",
        colours.len(),
        share * 100.0
    );
    if w < min_w || h < min_h {
        eprintln!("check_png: {path}: {w}x{h} is smaller than {min_w}x{min_h}");
        return ExitCode::from(1);
    }
    if colours.len() < 16 || share < 0.02 {
        eprintln!("check_png: {path}: looks blank");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
