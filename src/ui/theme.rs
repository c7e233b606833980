//! Text sizes and the few colours Copydesk adds to egui's themes. Every colour
//! here is paired with words (never colour alone) and readable in light and dark.

use egui::{Color32, FontFamily, FontId, TextStyle, Ui};

/// The body editor's font size: comfortable for long reading.
pub const BODY_SIZE: f32 = 16.0;
/// The headline editor's font size.
pub const HEADLINE_SIZE: f32 = 22.0;
/// The widest the text column grows, for a comfortable line length (≈75 characters).
pub const COLUMN_WIDTH: f32 = 760.0;

/// DejaVu Sans: a fallback for what egui's bundled fonts lack (arrows, prime
/// marks ′ ″, math and currency symbols, Greek, Armenian, Georgian, Hebrew …),
/// so any copy pasted in is drawn rather than shown as boxes.
const FALLBACK_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

pub fn apply(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "DejaVuSans".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(FALLBACK_FONT)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("DejaVuSans".to_owned());
    }
    ctx.set_fonts(fonts);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(20.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(14.5, FontFamily::Proportional)),
            (
                TextStyle::Monospace,
                FontId::new(13.0, FontFamily::Monospace),
            ),
            (
                TextStyle::Button,
                FontId::new(14.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(12.0, FontFamily::Proportional),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
    });
}

fn dark(ui: &Ui) -> bool {
    ui.visuals().dark_mode
}

pub fn error_text(ui: &Ui) -> Color32 {
    if dark(ui) {
        Color32::from_rgb(255, 140, 130)
    } else {
        Color32::from_rgb(170, 20, 20)
    }
}

pub fn warn_text(ui: &Ui) -> Color32 {
    if dark(ui) {
        Color32::from_rgb(240, 200, 110)
    } else {
        Color32::from_rgb(140, 80, 0)
    }
}

pub fn error_fill(ui: &Ui) -> Color32 {
    if dark(ui) {
        Color32::from_rgb(90, 30, 30)
    } else {
        Color32::from_rgb(253, 226, 224)
    }
}

pub fn info_fill(ui: &Ui) -> Color32 {
    if dark(ui) {
        Color32::from_rgb(30, 60, 45)
    } else {
        Color32::from_rgb(223, 242, 228)
    }
}

pub fn banner_text(ui: &Ui) -> Color32 {
    if dark(ui) {
        Color32::from_gray(235)
    } else {
        Color32::from_gray(20)
    }
}
