//! The checks panel checks a long story on one worker thread, newest edit
//! wins (issue 11 item 4): a burst of edits does not start a thread per edit,
//! and what is finally shown is the check of the last edit. Its own test
//! binary, so the process's thread count is this test's alone.

use std::time::{Duration, Instant};

use copydesk::checks::CheckSettings;
use copydesk::story::{Fields, Story};
use copydesk::ui::checks_panel::ChecksPanel;

fn threads() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("Threads:")
                    .map(|n| n.trim().parse().unwrap_or(0))
            })
        })
        .unwrap_or(0)
}

#[test]
fn a_burst_of_edits_uses_one_checking_thread_and_shows_the_last() {
    if threads() == 0 {
        eprintln!("skipped: no /proc/self/status on this system");
        return;
    }
    let ctx = egui::Context::default();
    let settings = CheckSettings::default();
    let mut panel = ChecksPanel::new();
    // A long story (checked in the background): 200,000 double-spaced words.
    let mut story = Story::with_fields(Fields {
        body: "word  ".repeat(40_000),
        ..Fields::default()
    });
    let before = threads();
    let mut most = before;
    for i in 0..40 {
        story.fields.body.push_str(&format!("edit{i}  x"));
        panel.refresh_in_background(&ctx, &story, &settings);
        most = most.max(threads());
    }
    assert!(
        most <= before + 1,
        "{} threads during 40 edits (from {before})",
        most
    );
    // The last edit's check arrives and is what the panel shows.
    let deadline = Instant::now() + Duration::from_secs(120);
    while panel.is_updating() {
        assert!(Instant::now() < deadline, "the check never arrived");
        std::thread::sleep(Duration::from_millis(20));
        panel.refresh_in_background(&ctx, &story, &settings);
    }
    let last = panel.findings().map(|f| f.range.end).max().unwrap_or(0);
    assert!(
        last > story.fields.body.len() - 20,
        "findings are of an older text: last ends at {last} of {}",
        story.fields.body.len()
    );
    assert_eq!(panel.jobs_sent(), 40);
}
