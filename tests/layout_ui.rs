//! The window's layout and Escape, driven as a user would: with History and
//! Checks open at the sizes editors use, every field and counter is shown
//! whole, and Escape closes whatever dialog or window is on top.

use std::path::PathBuf;

use copydesk::story::{Fields, Limits, char_count};
use copydesk::ui::dialogs::{FileDialogs, Picked, Request};
use copydesk::ui::{CopydeskApp, Document, Settings};
use egui::accesskit::Role;
use egui::{Key, Modifiers, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Open dialogs that always pick one file.
struct PickOne(PathBuf);

impl FileDialogs for PickOne {
    fn pick_open(&mut self, _request: &Request) -> Picked {
        Picked::Path(self.0.clone())
    }
    fn pick_save(&mut self, _request: &Request) -> Picked {
        Picked::Cancelled
    }
}

fn harness(size: [f32; 2], doc: Document, pick: Option<PathBuf>) -> Harness<'static, CopydeskApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(size[0], size[1]))
        .build_eframe(move |cc| {
            let app = CopydeskApp::new(&cc.egui_ctx, doc, Settings::default());
            match pick {
                Some(path) => app.with_dialogs(Box::new(PickOne(path))),
                None => app,
            }
        });
    harness.run();
    harness
}

/// A story whose slug, headline and subhead are all over their limits (the
/// longest counters), whose body has findings for the checks panel, and which
/// has a draft for History (at a fixed time, so the snapshots are stable).
fn overlong() -> Document {
    let mut doc = Document::imported(Fields {
        slug: "harbour-footbridge-reopens-after-repair".into(),
        headline: "Harbour footbridge across the inner harbour reopens after a two-year repair that cost £2.4 million".into(),
        subhead: "Engineers replaced 140 oak planks and the 1911 iron railings; the café on the quay says trade is already back, and the ferry company says the shuttle bus will keep running until the end of the month".into(),
        byline: "By Mira Holt and Олена Коваленко".into(),
        dateline: "PORT ELLEN, Nov. 23".into(),
        body: "The  bridge opened on Monday. \"It is back,\" said Tomás Reyes.\n\nThe council said it cost £2.4m -- more than planned.".into(),
        ..Fields::default()
    });
    let filed: jiff::Timestamp = "2026-11-23T09:15:00Z".parse().unwrap();
    doc.story.record_draft(Some("Filed".into()), filed);
    doc
}

/// History (Ctrl+Shift+H) and Checks (open by default) beside the editor.
fn with_panels(size: [f32; 2], doc: Document) -> Harness<'static, CopydeskApp> {
    let mut harness = harness(size, doc, None);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::H);
    harness.run();
    harness.get_by_label("History");
    harness.get_by_label("Checks");
    harness
}

#[test]
fn snapshot_history_and_checks_1100() {
    let mut harness = with_panels([1100.0, 800.0], overlong());
    harness.snapshot("panels_1100x800");
}

#[test]
fn snapshot_history_and_checks_1400() {
    let mut harness = with_panels([1400.0, 900.0], overlong());
    harness.snapshot("panels_1400x900");
}

/// The counter text the editor shows for `text` against `limit`.
fn counter(text: &str, limit: usize) -> String {
    let n = char_count(text);
    if n > limit {
        format!("{n} / {limit} · {} over", n - limit)
    } else {
        format!("{n} / {limit}")
    }
}

/// Every field's editor and counter lies inside the window, between History
/// and Checks, and every counter is drawn whole: as wide as its text, or
/// wrapped onto more rows, never cut short.
fn assert_fields_and_counters_whole(size: [f32; 2], doc: Document) {
    let harness = with_panels(size, doc);
    assert_whole(&harness, size, false);
}

/// [`assert_fields_and_counters_whole`] on a window already set up.
fn assert_whole(harness: &Harness<'_, CopydeskApp>, size: [f32; 2], scrolls: bool) {
    let fields = harness.state().doc.story.fields.clone();
    let scroll = harness.ctx.global_style().spacing.scroll;
    let scroll_bar = scroll.bar_width + scroll.bar_inner_margin + scroll.bar_outer_margin;
    let window = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(size[0], size[1]));
    let checks_left = harness.get_by_label("Checks").rect().min.x;
    let history_right = harness
        .get_all_by_label("Compare")
        .map(|n| n.rect().max.x)
        .fold(0.0, f32::max);
    assert!(history_right > 0.0, "History lists a draft to compare");

    let mut column: Option<Rect> = None;
    for (label, role) in [
        ("Slug", Role::TextInput),
        ("Headline", Role::TextInput),
        ("Subhead", Role::MultilineTextInput),
        ("Byline", Role::TextInput),
        ("Dateline", Role::TextInput),
        ("Body", Role::MultilineTextInput),
    ] {
        let rect = harness.get_by_role_and_label(role, label).rect();
        // Fields taller than the window scroll: across, each is inside it.
        let inside = if scrolls {
            rect.min.x >= window.min.x && rect.max.x <= window.max.x
        } else {
            window.contains_rect(rect)
        };
        assert!(inside, "{label} {rect:?} outside {window:?}");
        assert!(
            rect.min.x > history_right && rect.max.x < checks_left,
            "{label} {rect:?} under a panel (history ends {history_right}, checks start {checks_left})"
        );
        // Checks' heading sits 8 px (the side panel's margin) inside the
        // panel's edge, which is the editor's right edge.
        assert!(
            rect.max.x + scroll_bar + 8.0 <= checks_left,
            "{label} {rect:?} runs under the editor's scroll bar (checks start {checks_left})"
        );
        column = Some(column.map_or(rect, |c| c.union(rect)));
    }
    let column = column.unwrap();
    harness.get_by_role_and_label(Role::ComboBox, "Status");

    let limits = Limits::default();
    let body_font = harness.ctx.global_style().text_styles[&egui::TextStyle::Body].clone();
    let row_height = harness.ctx.fonts_mut(|f| f.row_height(&body_font));
    for (name, text, limit) in [
        ("slug", &fields.slug, limits.slug),
        ("headline", &fields.headline, limits.headline),
        ("subhead", &fields.subhead, limits.subhead),
    ] {
        let expected = counter(text, limit);
        assert!(
            expected.contains("over"),
            "the test story is over on {name}"
        );
        let node = harness.get_by_label(&expected);
        let rect = node.rect();
        assert!(
            window.contains_rect(rect),
            "{name} counter {rect:?} outside the window"
        );
        assert!(
            rect.min.x >= column.min.x - 1.0 && rect.max.x <= column.max.x + 1.0,
            "{name} counter {rect:?} outside the editor column {column:?}"
        );
        assert!(rect.max.x < checks_left, "{name} counter under Checks");
        let full = harness.ctx.fonts_mut(|f| {
            f.layout_no_wrap(expected.clone(), body_font.clone(), egui::Color32::WHITE)
                .size()
                .x
        });
        let wrapped = rect.height() > row_height * 1.5;
        assert!(
            rect.width() + 1.0 >= full || wrapped,
            "{name} counter “{expected}” cut short: {} of {full} px",
            rect.width()
        );
    }
}

#[test]
fn every_field_and_counter_is_whole_at_1100x800() {
    assert_fields_and_counters_whole([1100.0, 800.0], overlong());
}

#[test]
fn every_field_and_counter_is_whole_at_1400x900() {
    assert_fields_and_counters_whole([1400.0, 900.0], overlong());
}

// ---- Escape -----------------------------------------------------------------

fn escape(harness: &mut Harness<'_, CopydeskApp>) {
    harness.key_press(Key::Escape);
    harness.run();
}

#[test]
fn escape_closes_export() {
    let mut harness = harness([1100.0, 800.0], Document::sample(), None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    harness.get_by_role_and_label(Role::MultilineTextInput, "Preview");
    escape(&mut harness);
    assert!(
        harness.query_by_label("Preview").is_none(),
        "Export still open"
    );
    // The panels beside the editor stay: one Escape closes one thing.
    harness.get_by_label("Checks");
}

#[test]
fn escape_closes_import_review() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("copy.md");
    std::fs::write(&md, "# Міст відкрито\n\nBy Mira Holt\n\nFirst paragraph.\n").unwrap();
    let mut harness = harness([1100.0, 800.0], Document::untitled(), Some(md));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run();
    harness.get_by_label("Create story");
    escape(&mut harness);
    assert!(harness.query_by_label("Create story").is_none());
    assert!(
        harness.state().doc.story.fields.is_empty(),
        "nothing imported"
    );
}

#[test]
fn escape_closes_settings() {
    let mut harness = harness([1100.0, 800.0], Document::sample(), None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    harness.run();
    harness.get_by_label("Slug limit (characters)");
    escape(&mut harness);
    assert!(harness.query_by_label("Slug limit (characters)").is_none());
}

#[test]
fn escape_closes_history_then_checks() {
    let mut harness = with_panels([1100.0, 800.0], Document::sample());
    escape(&mut harness);
    assert!(
        harness.query_by_label("History").is_none(),
        "History still open"
    );
    harness.get_by_label("Checks");
    escape(&mut harness);
    assert!(
        harness.query_by_label("Checks").is_none(),
        "Checks still open"
    );
}

#[test]
fn escape_closes_find() {
    let mut harness = harness([1100.0, 800.0], Document::sample(), None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Find");
    // In the query, Escape closes the bar (the field has the keyboard).
    escape(&mut harness);
    assert!(harness.query_by_label("Find").is_none(), "Find still open");
    // Open again and leave the query: Escape still closes it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_label("Checks").click();
    harness.run();
    escape(&mut harness);
    assert!(harness.query_by_label("Find").is_none());
    harness.get_by_label("Checks");
}

#[test]
fn escape_leaves_a_text_field_before_closing_anything() {
    let mut harness = harness([1100.0, 800.0], Document::sample(), None);
    harness
        .get_by_role_and_label(Role::TextInput, "Headline")
        .focus();
    harness.run();
    escape(&mut harness);
    harness.get_by_label("Checks");
    escape(&mut harness);
    assert!(harness.query_by_label("Checks").is_none());
}

#[test]
fn escape_closes_the_compare_view() {
    let mut harness = harness([1100.0, 800.0], Document::sample(), None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::D);
    harness.run();
    assert!(matches!(
        harness.state().view,
        copydesk::ui::View::Compare(_)
    ));
    escape(&mut harness);
    assert!(matches!(harness.state().view, copydesk::ui::View::Editor));
}

/// Two stories open (the tab strip), the second read-only under its bar with
/// a message showing: the fields are taller than the window and scroll, and
/// still every field and counter is whole, clear of the scroll bar.
#[test]
fn every_field_and_counter_is_whole_with_tabs_and_a_read_only_bar() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("overlong.ron");
    let mut story = overlong().story.clone();
    story.drafts.clear();
    story.record_draft(None, copydesk::story::now());
    copydesk::store::save(&path, &story).unwrap();
    let mira = copydesk::desk::Holder {
        name: "Mira".into(),
        host: "desk-3".into(),
        pid: 4242,
        since: jiff::Timestamp::now(),
    };
    std::fs::write(
        copydesk::desk::lock::lock_path(&path),
        ron::ser::to_string(&mira).unwrap(),
    )
    .unwrap();
    let size = [1100.0, 800.0];
    let mut harness = harness(size, overlong(), Some(path));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    harness.get_by_label_contains("Read-only: open by Mira");
    assert_eq!(harness.state().tab_count(), 2);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::H);
    harness.run();
    assert_whole(&harness, size, true);
}
