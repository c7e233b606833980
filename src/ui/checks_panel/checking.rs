//! Running the checks: what the findings are computed from (the cache's key),
//! every check on it, spelling and house style included, and the rows the
//! panel shows, each finding placed by line and column. Runs on the UI thread
//! for short stories and on the worker for long ones.

use std::ops::Range;
use std::sync::Arc;

use super::Misspelt;
use super::rows::{Row, excerpt_for};
use crate::checks::style::StyleSet;
use crate::checks::{self, CheckSettings, Finding, Rule, Severity, Summary, spelling};
use crate::spell::Speller;
use crate::story::{Dismissal, Field, Fields, Proofing, Story};

/// What the findings were computed from.
#[derive(Clone, PartialEq)]
pub(super) struct Input {
    pub(super) fields: Fields,
    dismissed: Vec<Dismissal>,
    settings: CheckSettings,
    proofing: Proofing,
    speller: Option<Speller>,
    misspelt: Misspelt,
    style: Option<Arc<StyleSet>>,
}

/// What besides the story the checks read: the speller and the misspelt
/// words its marks found, and the house style.
pub(super) type Sources<'a> = (
    (&'a Option<Speller>, &'a Misspelt),
    &'a Option<Arc<StyleSet>>,
);

/// Suggestions for each misspelt word, by field and start.
type Suggestions = std::collections::HashMap<(Field, usize), Vec<String>>;

/// The house-style rule of each style finding, by field and range.
type StyleIds = std::collections::HashMap<(Field, Range<usize>), String>;

impl Input {
    pub(super) fn of(story: &Story, settings: &CheckSettings, (spelling, style): Sources) -> Self {
        Input {
            fields: story.fields.clone(),
            dismissed: story.dismissed.clone(),
            settings: settings.clone(),
            proofing: story.proofing.clone(),
            speller: spelling.0.clone(),
            misspelt: spelling.1.clone(),
            style: style.clone(),
        }
    }

    pub(super) fn matches(
        &self,
        story: &Story,
        settings: &CheckSettings,
        ((speller, misspelt), style): Sources,
    ) -> bool {
        self.fields == story.fields
            && self.dismissed == story.dismissed
            && self.settings == *settings
            && self.proofing == story.proofing
            && self.speller == *speller
            && (Arc::ptr_eq(&self.misspelt, misspelt) || self.misspelt == *misspelt)
            && match (&self.style, style) {
                (None, None) => true,
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                _ => false,
            }
    }

    /// Every check, spelling included when there is a speller: the findings,
    /// the summary, suggestions per misspelt word and the words still without.
    fn check_all(&self) -> (Vec<Finding>, Summary, Suggestions, Vec<String>, StyleIds) {
        let (mut all, summary) = checks::check_with_summary(&self.fields, &self.settings);
        let mut suggestions = Suggestions::new();
        let mut unknown = Vec::new();
        if let Some(speller) = &self.speller {
            let story = Story {
                fields: self.fields.clone(),
                proofing: self.proofing.clone(),
                ..Story::new()
            };
            let (found, words) = spelling::known(&story, speller, &self.misspelt);
            unknown = words;
            for m in found {
                all.push(m.finding(&speller.lang));
                suggestions.insert((m.field, m.range.start), m.suggestions);
            }
        }
        let mut style_ids = StyleIds::new();
        if let Some(set) = &self.style {
            for (id, f) in set.check(&self.fields, &self.proofing.style_off) {
                style_ids.insert((f.field, f.range.clone()), id);
                all.push(f);
            }
        }
        checks::sort(&mut all);
        (all, summary, suggestions, unknown, style_ids)
    }
}

/// What a check produces for the panel: the rows (line and column placed),
/// the counts and the summary. Built on the checking thread.
pub(super) struct Checked {
    pub(super) rows: Vec<Row>,
    pub(super) summary: Summary,
    pub(super) counts: (usize, usize, usize),
    pub(super) dismissed: usize,
    pub(super) straight_quotes: usize,
    /// Misspelt words whose suggestions are still to be found (on another
    /// thread: it can be slow).
    pub(super) unsuggested: Vec<String>,
}

/// Every check on `input` and the rows the panel shows (one line index per
/// field, so placing every finding is linear in the text).
pub(super) fn check(input: &Input) -> Checked {
    let fields = &input.fields;
    let (all, summary, mut suggestions, unsuggested, style_ids) = input.check_all();
    let total = all.len();
    let findings = checks::active(all, fields, &input.dismissed);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let counts = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let straight_quotes = findings
        .iter()
        .filter(|f| f.rule == Rule::StraightQuotes)
        .count();
    let dismissed = total - findings.len();
    let mut per_rule: std::collections::HashMap<&str, usize> = Default::default();
    for f in findings
        .iter()
        .filter(|f| f.rule == Rule::Style && f.fix.is_some())
    {
        if let Some(id) = style_ids.get(&(f.field, f.range.clone())) {
            *per_rule.entry(id.as_str()).or_default() += 1;
        }
    }
    let style_of = |f: &Finding| {
        let id = style_ids
            .get(&(f.field, f.range.clone()))
            .filter(|_| f.rule == Rule::Style)?;
        Some((id.clone(), per_rule.get(id.as_str()).copied().unwrap_or(0)))
    };
    let indexes: Vec<checks::LineIndex> = Field::ALL
        .iter()
        .map(|f| checks::LineIndex::new(fields.get(*f)))
        .collect();
    let rows = findings
        .into_iter()
        .map(|finding| {
            let at = Field::ALL
                .iter()
                .position(|f| *f == finding.field)
                .unwrap_or(0);
            let text = fields.get(finding.field);
            let (line, column) = indexes[at].line_column(finding.range.start);
            let location = if finding.field.is_multiline() {
                format!("line {line}, column {column}")
            } else {
                format!("column {column}")
            };
            let excerpt = excerpt_for(&finding, text);
            let more = suggestions
                .remove(&(finding.field, finding.range.start))
                .filter(|_| finding.rule == Rule::Spelling)
                .map(|s| s.into_iter().skip(1).collect())
                .unwrap_or_default();
            let finding_text = text.get(finding.range.clone()).map(str::to_owned);
            let style = style_of(&finding);
            Row {
                finding,
                location,
                excerpt,
                more,
                finding_text,
                style,
            }
        })
        .collect();
    Checked {
        rows,
        summary,
        counts,
        dismissed,
        straight_quotes,
        unsuggested,
    }
}
