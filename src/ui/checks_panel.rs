//! The checks panel: counts by severity, the body's readability, and the
//! copy-desk findings grouped by field, each with its severity in words and
//! colour, a quick fix when there is a safe one, and Dismiss. Findings come from
//! `checks` and are cached until the text, the dismissals or the settings
//! change, so typing stays smooth. Like the other panels it only returns what
//! the user asked for ([`ChecksAction`]); the app carries it out.

use std::ops::Range;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

use egui::{Color32, ProgressBar, RichText, Sense, Ui};

use std::sync::Arc;

use crate::checks::style::StyleSet;
use crate::checks::{self, CheckSettings, Finding, Rule, Severity, Summary, spelling};
use crate::spell::Speller;
use crate::story::{Dismissal, Field, Fields, Proofing, Story};
use crate::ui::editor::thousands;
use crate::ui::theme;

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

/// One finding with what the list shows for it, computed once per refresh.
struct Row {
    finding: Finding,
    /// "line 3, column 12" (body and note) or "column 12".
    location: String,
    /// The offending text with a little context, or empty.
    excerpt: String,
    /// For a misspelt word: every suggestion after the first (the fix).
    more: Vec<String>,
    /// The finding's own text (for Ignore).
    finding_text: Option<String>,
    /// For a house-style finding: its rule, and how many fixable findings
    /// that rule has.
    style: Option<(String, usize)>,
}

/// Suggestions for misspelt words are looked for once the text has not
/// changed for this long (each costs tens of milliseconds of CPU).
const SUGGEST_AFTER: Duration = Duration::from_millis(300);

/// Texts larger than this (all fields, in bytes) are checked off the UI thread.
const BACKGROUND_BYTES: usize = 16_000;

/// What a check produces for the panel: the rows (line and column placed),
/// the counts and the summary. Built on the checking thread.
struct Checked {
    rows: Vec<Row>,
    summary: Summary,
    counts: (usize, usize, usize),
    dismissed: usize,
    straight_quotes: usize,
    /// Misspelt words whose suggestions are still to be found (on another
    /// thread: it can be slow).
    unsuggested: Vec<String>,
}

/// Suggestions for each misspelt word, by field and start.
type Suggestions = std::collections::HashMap<(Field, usize), Vec<String>>;

/// The house-style rule of each style finding, by field and range.
type StyleIds = std::collections::HashMap<(Field, Range<usize>), String>;

/// A check for the worker: the input, numbered so a stale answer is told
/// from the one awaited.
struct Job {
    number: u64,
    input: Input,
    waker: egui::Context,
}

/// The one thread that checks long stories. Edits made while it works only
/// replace the job waiting (newest wins): no thread per keystroke, and a check
/// overtaken by a newer edit is thrown away without being shown.
struct Worker {
    jobs: Sender<Job>,
    done: Receiver<(u64, Checked)>,
}

impl Worker {
    fn start() -> Option<Self> {
        let (jobs, rx) = channel::<Job>();
        let (tx, done) = channel();
        std::thread::Builder::new()
            .name("copydesk-checks".into())
            .spawn(move || {
                let Ok(mut job) = rx.recv() else { return };
                loop {
                    while let Ok(newer) = rx.try_recv() {
                        job = newer;
                    }
                    let checked = check(&job.input);
                    // Superseded while checking: start on the newest at once.
                    if let Ok(newer) = rx.try_recv() {
                        job = newer;
                        continue;
                    }
                    if tx.send((job.number, checked)).is_err() {
                        return;
                    }
                    job.waker.request_repaint();
                    match rx.recv() {
                        Ok(next) => job = next,
                        Err(_) => return,
                    }
                }
            })
            .ok()?;
        Some(Worker { jobs, done })
    }
}

/// Every check on `input` and the rows the panel shows (one line index per
/// field, so placing every finding is linear in the text).
fn check(input: &Input) -> Checked {
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

/// What the findings were computed from.
#[derive(Clone, PartialEq)]
struct Input {
    fields: Fields,
    dismissed: Vec<Dismissal>,
    settings: CheckSettings,
    proofing: Proofing,
    speller: Option<Speller>,
    misspelt: Misspelt,
    style: Option<Arc<StyleSet>>,
}

/// What besides the story the checks read: the speller and the misspelt
/// words its marks found, and the house style.
type Sources<'a> = (
    (&'a Option<Speller>, &'a Misspelt),
    &'a Option<Arc<StyleSet>>,
);

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

impl Input {
    fn of(story: &Story, settings: &CheckSettings, (spelling, style): Sources) -> Self {
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

    fn matches(
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

    /// Like [`Self::refresh`], but a long story is checked on another thread:
    /// the panel shows the previous findings (marked as being updated) until
    /// the new ones arrive, so typing never waits for the checks.
    pub fn refresh_in_background(
        &mut self,
        ctx: &egui::Context,
        story: &Story,
        settings: &CheckSettings,
    ) {
        self.suggest_in_background(ctx);
        let mut answers = Vec::new();
        if let Some(worker) = &self.worker {
            loop {
                match worker.done.try_recv() {
                    Ok(answer) => answers.push(answer),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        self.worker = None;
                        self.pending = None;
                        break;
                    }
                }
            }
        }
        for (number, checked) in answers {
            if self.pending.as_ref().is_some_and(|(n, _)| *n == number)
                && let Some((_, input)) = self.pending.take()
            {
                self.install(input, checked);
            }
        }
        if self.is_current(story, settings)
            || self
                .pending
                .as_ref()
                .is_some_and(|(_, i)| i.matches(story, settings, self.spelling()))
        {
            return;
        }
        if self
            .input
            .as_ref()
            .is_some_and(|i| i.fields != story.fields)
        {
            self.edited = Some(Instant::now());
        }
        let size: usize = Field::ALL.iter().map(|f| story.fields.get(*f).len()).sum();
        if size < BACKGROUND_BYTES {
            self.refresh(story, settings);
            return;
        }
        if self.worker.is_none() {
            self.worker = Worker::start();
        }
        let input = Input::of(story, settings, self.spelling());
        self.jobs_sent += 1;
        let job = Job {
            number: self.jobs_sent,
            input: input.clone(),
            waker: ctx.clone(),
        };
        match &self.worker {
            Some(worker) if worker.jobs.send(job).is_ok() => {
                self.pending = Some((self.jobs_sent, input));
            }
            // No thread to be had: check here rather than not at all.
            _ => {
                self.worker = None;
                self.refresh(story, settings);
            }
        }
    }

    /// How many checks were handed to the checking thread (one thread, however
    /// many edits).
    pub fn jobs_sent(&self) -> u64 {
        self.jobs_sent
    }

    /// Whether newer findings are being computed.
    pub fn is_updating(&self) -> bool {
        self.pending.is_some()
    }

    /// Find the suggestions still missing on another thread; when they are
    /// in, the findings are redone (now with their fixes).
    fn suggest_in_background(&mut self, ctx: &egui::Context) {
        if let Some(rx) = &self.suggesting {
            match rx.try_recv() {
                Ok(()) | Err(TryRecvError::Disconnected) => {
                    self.suggesting = None;
                    self.input = None;
                }
                Err(TryRecvError::Empty) => return,
            }
        }
        let Some(speller) = self.speller.clone() else {
            return;
        };
        if self.unsuggested.is_empty() {
            return;
        }
        // While the user types, each keystroke makes a new "misspelt" word
        // (the word half typed): suggest only once typing pauses.
        let typing = self
            .edited
            .map(|at| SUGGEST_AFTER.saturating_sub(at.elapsed()));
        if let Some(wait) = typing.filter(|w| !w.is_zero()) {
            ctx.request_repaint_after(wait);
            return;
        }
        let words = std::mem::take(&mut self.unsuggested);
        let (tx, rx) = channel();
        let waker = ctx.clone();
        std::thread::spawn(move || {
            for word in words {
                speller.suggest(&word);
            }
            let _ = tx.send(());
            waker.request_repaint();
        });
        self.suggesting = Some(rx);
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

    fn summary_ui(&self, ui: &mut Ui) {
        let s = &self.summary;
        ui.label(format!(
            "{} · {} · {} min read",
            counted(s.words, "word", "words"),
            counted(s.sentences, "sentence", "sentences"),
            s.reading_minutes
        ));
        if let (Some(target), Some(progress)) = (s.word_target, s.target_progress()) {
            let percent = (progress * 100.0).round() as i64;
            ui.add(
                ProgressBar::new(progress.clamp(0.0, 1.0))
                    .desired_width(ui.available_width().min(260.0))
                    .text(format!(
                        "{} of {} words ({percent}%)",
                        thousands(s.words),
                        thousands(target)
                    )),
            );
        }
        match (s.flesch_reading_ease, s.flesch_kincaid_grade) {
            (Some(ease), Some(grade)) => {
                ui.label(format!(
                    "Reading ease (Flesch): {ease:.0}, {}",
                    ease_band(ease)
                ))
                .on_hover_text(
                    "0–100, higher is easier; news copy usually scores 50–70. \
                         Syllables are estimated, for English prose.",
                );
                ui.label(format!("Grade (Flesch–Kincaid): {grade:.1}"))
                    .on_hover_text("The US school grade that can read the body (an estimate).");
            }
            _ => {
                ui.label(RichText::new("Readability: no body text yet").weak());
            }
        }
    }

    /// The findings, in rows of one height, so that only the rows in view are
    /// laid out and drawn: a story with hundreds of findings costs a frame no
    /// more than one with ten.
    fn list_ui(&self, ui: &mut Ui) -> Option<ChecksAction> {
        if self.rows.is_empty() {
            ui.label("No findings.");
            return None;
        }
        let line = ui
            .text_style_height(&egui::TextStyle::Body)
            .max(ui.spacing().interact_size.y);
        let row_height = line * 3.0 + ui.spacing().item_spacing.y * 2.0 + 6.0;
        let mut action = None;
        egui::ScrollArea::vertical()
            .id_salt("checks-list")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, self.rows.len(), |ui, range| {
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                for index in range {
                    ui.push_id(index, |ui| {
                        ui.allocate_ui_with_layout(
                            egui::vec2(ui.available_width(), row_height),
                            egui::Layout::top_down(egui::Align::Min),
                            |ui| {
                                ui.set_min_height(row_height);
                                ui.set_max_height(row_height);
                                if let Some(a) = row_ui(ui, &self.rows[index]) {
                                    action = Some(a);
                                }
                            },
                        );
                    });
                }
            });
        action
    }
}

/// One finding in three lines: severity, field and place; the message; the
/// quick fix, Dismiss and the offending text. Clicking the message or the text
/// selects it in the editor.
fn row_ui(ui: &mut Ui, row: &Row) -> Option<ChecksAction> {
    let finding = &row.finding;
    let mut action = None;
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(finding.severity.label())
                .color(severity_colour(ui, finding.severity))
                .strong(),
        );
        ui.label(RichText::new(finding.field.label()).strong());
        ui.label(RichText::new(&row.location).weak());
    });
    let select = || ChecksAction::Select {
        field: finding.field,
        range: finding.range.clone(),
    };
    let message = ui
        .add(egui::Label::new(&finding.message).sense(Sense::click()))
        .on_hover_text(format!(
            "{}\nClick to select it in the editor",
            finding.message
        ));
    if message.clicked() {
        action = Some(select());
    }
    ui.horizontal(|ui| {
        if let Some(fix) = &finding.fix
            && ui
                .small_button(format!("Fix: {}", fix.label))
                .on_hover_text(format!("Replace with “{}”", visible(&fix.replacement)))
                .clicked()
        {
            action = Some(ChecksAction::Fix(finding.clone()));
        }
        if !row.more.is_empty() {
            ui.menu_button("More…", |ui| {
                for word in &row.more {
                    if ui
                        .button(word)
                        .on_hover_text(format!("Change to “{word}”"))
                        .clicked()
                    {
                        let mut other = finding.clone();
                        other.fix = Some(checks::Fix {
                            label: format!("Change to “{word}”"),
                            replacement: word.clone(),
                        });
                        action = Some(ChecksAction::Fix(other));
                    }
                }
            })
            .response
            .on_hover_text("More suggestions");
        }
        if let Some((id, fixable)) = &row.style {
            if *fixable > 1
                && ui
                    .small_button(format!("Fix all {fixable}"))
                    .on_hover_text(format!("Apply every fix of the house-style rule “{id}”"))
                    .clicked()
            {
                action = Some(ChecksAction::FixAllStyle(id.clone()));
            }
            if ui
                .small_button("Off for this story")
                .on_hover_text(format!(
                    "Turn the house-style rule “{id}” off for this story (kept in the story file)"
                ))
                .clicked()
            {
                action = Some(ChecksAction::StyleOff(id.clone()));
            }
        }
        if finding.rule == Rule::Spelling
            && let Some(text) = row.finding_text.as_deref()
            && ui
                .small_button("Ignore")
                .on_hover_text(format!(
                    "Accept “{text}” in this story (kept in the story file)"
                ))
                .clicked()
        {
            action = Some(ChecksAction::IgnoreWord(text.to_owned()));
        }
        if ui
            .small_button("Dismiss")
            .on_hover_text("Keep this as it is; the decision is saved in the story file")
            .clicked()
        {
            action = Some(ChecksAction::Dismiss(finding.clone()));
        }
        if !row.excerpt.is_empty() {
            let excerpt = ui
                .add(
                    egui::Label::new(RichText::new(&row.excerpt).weak().italics())
                        .sense(Sense::click()),
                )
                .on_hover_text("Select this in the editor");
            if excerpt.clicked() {
                action = Some(select());
            }
        }
    });
    action
}

fn severity_colour(ui: &Ui, severity: Severity) -> Color32 {
    match severity {
        Severity::Error => theme::error_text(ui),
        Severity::Warning => theme::warn_text(ui),
        Severity::Info => {
            if ui.visuals().dark_mode {
                Color32::from_rgb(140, 190, 255)
            } else {
                Color32::from_rgb(20, 80, 160)
            }
        }
    }
}

/// Flesch reading ease in words.
fn ease_band(ease: f64) -> &'static str {
    match ease {
        e if e >= 90.0 => "very easy",
        e if e >= 80.0 => "easy",
        e if e >= 70.0 => "fairly easy",
        e if e >= 60.0 => "plain",
        e if e >= 50.0 => "fairly difficult",
        e if e >= 30.0 => "difficult",
        _ => "very difficult",
    }
}

/// "1 word", "1,234 words".
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// Spaces shown as `·` so a double space can be seen.
fn visible(text: &str) -> String {
    text.replace(' ', "·")
}

/// The offending text with the words around it, spaces made visible for the
/// spacing rules; empty for whole-field findings.
fn excerpt_for(finding: &Finding, text: &str) -> String {
    let range = finding.range.clone();
    if range.start > range.end
        || range.end > text.len()
        || !text.is_char_boundary(range.start)
        || !text.is_char_boundary(range.end)
    {
        return String::new();
    }
    match finding.rule {
        Rule::SlugTooLong | Rule::HeadlineTooLong | Rule::SubheadTooLong => {
            return format!("…{}", short(&text[range], 60));
        }
        Rule::RequiredEmpty | Rule::WordTarget | Rule::LongSentence => return String::new(),
        Rule::DuplicateParagraph | Rule::DuplicateSentence | Rule::StrayHeading => {
            return short(&text[range], 80);
        }
        _ => {}
    }
    // A few characters either side, within the line (looking no further than
    // that: a finding on a 200,000-character line costs no more than any).
    let before: String = {
        let mut from = range.start;
        for (i, c) in text[..range.start].char_indices().rev().take(21) {
            if c == '\n' {
                break;
            }
            from = i;
        }
        text[from..range.start].to_owned()
    };
    let after: String = text[range.end..]
        .chars()
        .take_while(|&c| c != '\n')
        .take(20)
        .collect();
    let middle = &text[range];
    let middle = match finding.rule {
        Rule::DoubleSpace | Rule::SpaceBeforePunctuation => visible(middle),
        _ => middle.to_owned(),
    };
    format!("…{before}{middle}{after}…")
}

/// At most `max` characters, with "…" when cut.
fn short(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}
