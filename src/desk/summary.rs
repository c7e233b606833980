//! A story as the desk lists it: one row per file, made from the story (or from
//! the reason it could not be read), plus the text the search indexes.

use jiff::Timestamp;

use crate::checks::{self, CheckSettings, Severity};
use crate::story::{Status, Story, word_count};

use super::lock::Holder;
use super::scan;

/// One row of the desk: what an editor sees about a story without opening it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorySummary {
    /// Relative to the desk, `/` between folders.
    pub path: String,
    pub slug: String,
    pub headline: String,
    pub status: Status,
    /// The folder it is in ("" at the top of the desk).
    pub section: String,
    pub byline: String,
    /// Words in the body.
    pub words: usize,
    /// The desk's word target for stories, when it sets one.
    pub target: Option<usize>,
    /// The story's own `modified` time (its file's time when it cannot be read).
    pub modified: Timestamp,
    /// The label of the newest labelled draft ("Filed", "Legal read").
    pub last_label: Option<String>,
    /// Check findings not dismissed, by severity.
    pub errors: usize,
    pub warnings: usize,
    /// Who has it open, from its lock file (filled in by the desk, not indexed).
    pub lock: Option<Holder>,
    /// Why the file could not be read as a story, if it could not.
    pub problem: Option<String>,
}

/// A summary and the searchable text of one file.
#[derive(Clone, Debug)]
pub struct Indexed {
    pub summary: StorySummary,
    /// Field texts for the full-text index, in [`SEARCH_COLUMNS`] order.
    pub text: [String; SEARCH_COLUMNS.len()],
}

/// The full-text columns: every field, the section, the status and the draft
/// labels, so a search finds a story by any of them.
pub const SEARCH_COLUMNS: [&str; 10] = [
    "slug", "headline", "subhead", "byline", "dateline", "body", "note", "section", "status",
    "labels",
];

/// Summarise `story` found at `rel`.
pub fn summarize(rel: &str, story: &Story, settings: &CheckSettings) -> Indexed {
    let findings = checks::check_story(story, settings);
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    let labels: Vec<&str> = story
        .drafts
        .iter()
        .filter_map(|d| d.label.as_deref())
        .collect();
    let f = &story.fields;
    let section = scan::section_of(rel).to_owned();
    let summary = StorySummary {
        path: rel.to_owned(),
        slug: f.slug.clone(),
        headline: f.headline.clone(),
        status: story.status,
        section: section.clone(),
        byline: f.byline.clone(),
        words: word_count(&f.body),
        target: settings.word_target,
        modified: story.modified,
        last_label: labels.last().map(|l| (*l).to_owned()),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        lock: None,
        problem: None,
    };
    let text = [
        f.slug.clone(),
        f.headline.clone(),
        f.subhead.clone(),
        f.byline.clone(),
        f.dateline.clone(),
        f.body.clone(),
        f.note.clone(),
        section,
        story.status.label().to_owned(),
        labels.join(" "),
    ];
    Indexed { summary, text }
}

/// The row for a file that is not a readable story: listed (so nobody wonders
/// where it went) with the reason, its file time and its name as the slug.
pub fn unreadable(rel: &str, problem: String, mtime_ns: i64) -> Indexed {
    let stem = rel
        .rsplit('/')
        .next()
        .unwrap_or(rel)
        .trim_end_matches(".ron")
        .to_owned();
    let section = scan::section_of(rel).to_owned();
    let summary = StorySummary {
        path: rel.to_owned(),
        slug: stem.clone(),
        headline: String::new(),
        status: Status::Draft,
        section: section.clone(),
        byline: String::new(),
        words: 0,
        target: None,
        modified: Timestamp::from_nanosecond(i128::from(mtime_ns)).unwrap_or_default(),
        last_label: None,
        errors: 0,
        warnings: 0,
        lock: None,
        problem: Some(problem),
    };
    let mut text: [String; SEARCH_COLUMNS.len()] = Default::default();
    text[0] = stem;
    text[7] = section;
    Indexed { summary, text }
}
