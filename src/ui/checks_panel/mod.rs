//! The checks panel: counts by severity, the body's readability, and the
//! copy-desk findings grouped by field, each with its severity in words and
//! colour, a quick fix when there is a safe one, and Dismiss. Findings come from
//! `checks` and are cached until the text, the dismissals or the settings
//! change, so typing stays smooth. Like the other panels it only returns what
//! the user asked for ([`ChecksAction`]); the app carries it out.
//!
//! This module holds the panel's state, the cache and the panel's frame;
//! `checking` runs the checks, `worker` checks long stories and finds
//! spelling suggestions off the UI thread, `rows` draws the findings and
//! `summary` the readability lines.

use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::Instant;

use egui::{RichText, Ui};

use crate::checks::style::StyleSet;
use crate::checks::{CheckSettings, Finding, Summary};
use crate::spell::Speller;
use crate::story::{Field, Story};

mod checking;
mod rows;
mod summary;
mod worker;

use checking::{Checked, Input, Sources, check};
use rows::Row;
use worker::Worker;

/// What the user asked the checks panel for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChecksAction {
    /// Select this range of this field in the editor.
    Select { field: Field, range: Range<usize> },
    /// Apply the finding's fix (`checks::apply_fix_to`).
    Fix(Finding),
    /// Record the finding as dismissed (`checks::dismissal`) in the story.
    Dismiss(Finding),
    /// Make every straight quote curly (`checks::fix_all_quotes`).
    FixAllQuotes,
    /// Accept this word in this story (`story::Proofing::ignored_words`).
    IgnoreWord(String),
    /// Apply every fix of this house-style rule (`checks::style::fix_all`).
    FixAllStyle(String),
    /// Turn this house-style rule off for this story.
    StyleOff(String),
}

/// Misspelt words (field, byte range), as the editor's marks found them.
pub type Misspelt = std::sync::Arc<Vec<(Field, Range<usize>)>>;

/// The panel's state: the findings, cached until their input changes.
#[derive(Default)]
pub struct ChecksPanel {
    input: Option<Input>,
    rows: Vec<Row>,
    summary: Summary,
    counts: (usize, usize, usize),
    dismissed: usize,
    straight_quotes: usize,
    computed: u64,
    /// The check awaited from the worker: its number and input.
    pending: Option<(u64, Input)>,
    worker: Option<Worker>,
    jobs_sent: u64,
    /// Spelling joins the checks while this is set (see [`Self::set_speller`]).
    speller: Option<Speller>,
    misspelt: Misspelt,
    /// House style joins the checks while this is set.
    style: Option<Arc<StyleSet>>,
    /// Misspelt words still waiting for suggestions, and the thread finding
    /// them (the findings are redone when it is done).
    unsuggested: Vec<String>,
    suggesting: Option<Receiver<()>>,
    /// When the text last changed: suggestions wait for a pause in typing.
    edited: Option<Instant>,
}

impl ChecksPanel {
    pub fn new() -> Self {
        Self::default()
    }

    /// Let spelling join the checks: the misspelt words the editor's marks
    /// found with `speller` (`None`: leave spelling out, e.g. while the
    /// dictionary loads). The findings are recomputed when these change.
    pub fn set_speller(&mut self, speller: Option<Speller>, misspelt: Misspelt) {
        self.speller = speller;
        self.misspelt = misspelt;
    }

    /// Let house style join the checks (`None`: leave it out).
    pub fn set_style(&mut self, style: Option<Arc<StyleSet>>) {
        self.style = style;
    }

    /// What besides the story the checks read: spelling and house style.
    fn spelling(&self) -> Sources<'_> {
        ((&self.speller, &self.misspelt), &self.style)
    }

    fn is_current(&self, story: &Story, settings: &CheckSettings) -> bool {
        self.input
            .as_ref()
            .is_some_and(|i| i.matches(story, settings, self.spelling()))
    }

    /// Recompute the findings if the story's text, its dismissals or the
    /// settings changed since last time. Returns whether it recomputed.
    pub fn refresh(&mut self, story: &Story, settings: &CheckSettings) -> bool {
        if self.is_current(story, settings) {
            return false;
        }
        let input = Input::of(story, settings, self.spelling());
        let checked = check(&input);
        self.install(input, checked);
        // Whatever the worker is doing is older than this.
        self.pending = None;
        true
    }

    fn install(&mut self, input: Input, checked: Checked) {
        self.unsuggested = checked.unsuggested;
        self.rows = checked.rows;
        self.summary = checked.summary;
        self.counts = checked.counts;
        self.dismissed = checked.dismissed;
        self.straight_quotes = checked.straight_quotes;
        self.input = Some(input);
        self.computed += 1;
    }

    /// The active (not dismissed) findings, as last computed.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.rows.iter().map(|r| &r.finding)
    }

    /// (errors, warnings, infos) among the active findings, for the status line.
    pub fn severity_counts(&self) -> (usize, usize, usize) {
        self.counts
    }

    /// How many times the findings were computed (the cache is working when
    /// this stays put while nothing changes).
    pub fn computations(&self) -> u64 {
        self.computed
    }

    /// "1 error · 2 warnings · 0 info": the line at the top of the panel.
    pub fn counts_text(&self) -> String {
        let (e, w, i) = self.counts;
        format!(
            "{e} {} · {w} {} · {i} info",
            if e == 1 { "error" } else { "errors" },
            if w == 1 { "warning" } else { "warnings" },
        )
    }

    /// Draw the panel for `story`. Returns what the user clicked, if anything.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        story: &Story,
        settings: &CheckSettings,
    ) -> Option<ChecksAction> {
        self.refresh_in_background(ui.ctx(), story, settings);
        let mut action = None;
        ui.heading("Checks");
        ui.horizontal(|ui| {
            ui.label(RichText::new(self.counts_text()).strong());
            if self.is_updating() {
                ui.spinner();
                ui.label(RichText::new("Checking…").weak());
            }
        });
        if self.dismissed > 0 {
            ui.label(
                RichText::new(format!(
                    "{} dismissed (kept in the story file)",
                    self.dismissed
                ))
                .weak(),
            );
        }
        self.summary_ui(ui);
        if self.straight_quotes > 0
            && ui
                .button(format!("Smart quotes: fix all {}", self.straight_quotes))
                .on_hover_text("Turn every straight quote and apostrophe into a curly one")
                .clicked()
        {
            action = Some(ChecksAction::FixAllQuotes);
        }
        ui.separator();
        if let Some(a) = self.list_ui(ui) {
            action = Some(a);
        }
        action
    }
}
