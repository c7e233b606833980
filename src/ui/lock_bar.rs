//! The bar above a read-only story: who has it open, and Take over.

use crate::desk::Holder;

/// Show the bar; returns whether Take over was clicked.
pub fn show(ui: &mut egui::Ui, holder: &Holder) -> bool {
    let mut take = false;
    egui::Frame::new()
        .fill(ui.visuals().warn_fg_color.gamma_multiply(0.15))
        .inner_margin(egui::Margin::symmetric(8, 4))
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let since = holder
                    .since
                    .to_zoned(jiff::tz::TimeZone::system())
                    .strftime("%H:%M");
                ui.label(
                    egui::RichText::new(format!(
                        "Read-only: open by {} since {since}.",
                        holder.who()
                    ))
                    .strong(),
                );
                ui.label("Your copy here cannot be changed until you take it over.");
                take = ui
                    .button("Take over")
                    .on_hover_text(
                        "Edit this story here; the other editor is told at their next look, \
                         and the take-over is recorded in the story file",
                    )
                    .clicked();
            });
        });
    ui.add_space(4.0);
    take
}
