//! A generated desk: thousands of realistic stories in sections, with drafts,
//! labels, statuses, bylines and a few check errors, for `benches/desk.rs` and
//! `examples/make_desk.rs` (both include this file and `common/mod.rs` by path).
#![allow(dead_code)]

use std::path::Path;

use copydesk::story::{Status, Story};
use jiff::{SignedDuration, Timestamp};

use crate::common::{Rng, edit, fields, prose};

const SECTIONS: &[&str] = &[
    "politics",
    "business",
    "world/europe",
    "world/americas",
    "sport/football",
    "sport/tennis",
    "culture",
    "local",
    "",
];

const SUBJECTS: &[&str] = &[
    "Council",
    "Harbour footbridge",
    "Mayor",
    "Ministry",
    "Київська рада",
    "Café owners",
    "Striker",
    "Orchestra",
    "Court",
    "Rail union",
    "Hospital trust",
    "Школа №5",
];

const VERBS: &[&str] = &[
    "approves",
    "rejects",
    "reopens",
    "delays",
    "wins",
    "loses",
    "questions",
    "backs",
    "схвалює",
    "cuts",
];

const OBJECTS: &[&str] = &[
    "budget for 2027",
    "new tram line",
    "final after extra time",
    "plan to close the library",
    "£2.4m repair bill",
    "ремонт мосту",
    "winter opening hours",
    "talks with ministers",
    "“fair” pay offer",
    "season’s first concert",
];

const BYLINES: &[&str] = &[
    "By Mira Holt",
    "By Olena Kovalenko",
    "By Diego Martínez",
    "By Amara Okafor",
    "By Олег Шевченко",
    "Staff reporter",
];

const LABELS: &[&str] = &["Filed", "Legal read", "Subbed", "As published"];

/// Story number `i` of a generated desk: 300–1,000 words, 1–4 drafts.
pub fn desk_story(i: usize) -> (String, Story) {
    let mut rng = Rng::new(0xDE5C ^ (i as u64).wrapping_mul(0x9E37_79B9));
    let section = rng.pick(SECTIONS);
    let headline = format!(
        "{} {} {}",
        rng.pick(SUBJECTS),
        rng.pick(VERBS),
        rng.pick(OBJECTS)
    );
    let words = 300 + rng.below(700);
    let mut f = fields(prose(words, rng.next()));
    f.headline = headline;
    f.slug = format!("story-{i:05}");
    f.byline = rng.pick(BYLINES).to_owned();
    f.dateline = rng
        .pick(&["KYIV", "LONDON", "MADRID", "LAGOS", ""])
        .to_owned();
    f.note = format!("Desk note {i}: check the figures.");
    if rng.below(25) == 0 {
        f.headline.clear(); // An empty required field: a check error.
    }
    let mut story = Story::with_fields(f);
    let base = Timestamp::from_second(1_795_000_000).unwrap_or_default();
    let at = base + SignedDuration::from_mins(rng.below(60 * 24 * 30) as i64);
    for d in 0..1 + rng.below(4) {
        if d > 0 {
            story.fields.body = edit(&story.fields.body, &mut rng);
        }
        let label = (rng.below(2) == 0).then(|| rng.pick(LABELS).to_owned());
        story.record_draft(label, at + SignedDuration::from_mins(d as i64 * 7));
    }
    story.created = at;
    story.modified = at + SignedDuration::from_mins(30);
    story.status = Status::ALL[rng.below(Status::ALL.len())];
    let rel = if section.is_empty() {
        format!("story-{i:05}.ron")
    } else {
        format!("{section}/story-{i:05}.ron")
    };
    (rel, story)
}

/// Write a desk of `count` stories under `root`, plus two templates. Returns
/// the bytes written.
pub fn make_desk(root: &Path, count: usize) -> std::io::Result<u64> {
    let mut bytes = 0;
    for i in 0..count {
        let (rel, story) = desk_story(i);
        let path = root.join(&rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = copydesk::store::to_ron_string(&story);
        bytes += text.len() as u64;
        // Plain writes: a generated desk needs no fsync per file.
        std::fs::write(&path, text)?;
    }
    let templates = root.join("templates");
    std::fs::create_dir_all(&templates)?;
    for (name, headline) in [("court-report", "Court report"), ("obituary", "Obituary")] {
        let mut f = fields(prose(120, 7));
        f.headline = headline.to_owned();
        f.slug = name.to_owned();
        let text = copydesk::store::to_ron_string(&Story::with_fields(f));
        std::fs::write(templates.join(format!("{name}.ron")), text)?;
    }
    Ok(bytes)
}
