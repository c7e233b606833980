//! A bare eframe window with an empty central panel, the same size as Copydesk's
//! first window. The baseline for `benches/memory.sh`: what any eframe window
//! costs in memory before an app adds anything.
//!
//! `cargo run --release --example bare_window`

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Bare window")
            .with_inner_size(copydesk::ui::INITIAL_SIZE),
        ..Default::default()
    };
    eframe::run_ui_native("Bare window", options, |ui, _frame| {
        egui::CentralPanel::default().show(ui, |_ui| {});
    })
}
