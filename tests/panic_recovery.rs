//! A panic anywhere in the app writes the recovery copy of the unsaved text
//! before the process ends (its own test binary: the panic hook is process-wide).

use copydesk::ui::autosave;
use copydesk::ui::{CopydeskApp, Document, Settings};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

#[test]
fn a_panic_writes_the_recovery_copy() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let folder = recovery.clone();
    // Time stands almost still, so the regular autosave (after a 1 s pause)
    // has not run when the panic comes.
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 820.0))
        .with_step_dt(0.001)
        .build_eframe(move |cc| {
            CopydeskApp::new(&cc.egui_ctx, Document::untitled(), Settings::default())
                .with_recovery(folder)
        });
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Headline")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Headline")
        .type_text("Written just before the crash — Київ");
    harness.run();
    assert!(
        copydesk::recovery::pending(&recovery).is_empty(),
        "no recovery copy yet"
    );

    autosave::install_panic_hook();
    let outcome = std::panic::catch_unwind(|| panic!("a bug somewhere in the app"));
    assert!(outcome.is_err());

    let found = copydesk::recovery::pending(&recovery);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].story.fields.headline,
        "Written just before the crash — Київ"
    );
}
