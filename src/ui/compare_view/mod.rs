//! The side-by-side compare: two versions of the story, field by field, the body
//! aligned paragraph by paragraph, word-level highlights, and buttons to take
//! back one change or restore a field.
//!
//! The diff itself is the core's (`compare`); this view only chooses the sides,
//! runs the diff off the UI thread for long texts, caches it until a side or an
//! option changes, and draws it. Row layouts are cached per diff and width, and
//! each frame paints only the rows in view.
//!
//! This module holds the view's state, the diff cache and the stepping from
//! change to change; `header` draws the toolbar and the summary, `layout` lays
//! out the rows, `rows` paints them, `take_back` makes the take-back buttons
//! and `text` the rows' text.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use egui::Ui;

use crate::compare::{self, Options, StoryDiff, Totals};
use crate::story::{Field, Fields, Limits, Story};

mod header;
mod layout;
mod rows;
mod take_back;
mod text;

use layout::Laid;

/// One side of a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The text on screen, unsaved edits included.
    Current,
    Draft(u32),
    /// The story file as someone else changed it on disk (a save conflict).
    OnDisk,
}

impl Side {
    pub fn label(self, story: &Story) -> String {
        match self {
            Side::Current => "Text on screen".to_owned(),
            Side::OnDisk => "File on disk".to_owned(),
            Side::Draft(n) => match story.draft(n).and_then(|d| d.label.as_deref()) {
                Some(label) => format!("Draft {n} · {label}"),
                None => format!("Draft {n}"),
            },
        }
    }

    fn fields<'a>(self, story: &'a Story, on_disk: Option<&'a Fields>) -> Option<&'a Fields> {
        match self {
            Side::Current => Some(&story.fields),
            Side::Draft(n) => story.draft(n).map(|d| &d.fields),
            Side::OnDisk => on_disk,
        }
    }
}

/// What the user asked the compare view for.
#[derive(Clone, Debug)]
pub enum CompareAction {
    /// Take back one change in the text on screen (the diff's new side).
    RevertChange(Arc<StoryDiff>, usize),
    /// Restore a whole field of the text on screen to the old side.
    RevertField(Arc<StoryDiff>, Field),
    Close,
}

/// Texts larger than this (both sides, in bytes) are compared off the UI thread.
const BACKGROUND_BYTES: usize = 40_000;

#[derive(Clone, PartialEq)]
struct Input {
    old: Fields,
    new: Fields,
    options: Options,
}

enum DiffState {
    Empty,
    Ready(Input, Arc<StoryDiff>),
    Pending {
        input: Input,
        rx: Receiver<StoryDiff>,
        previous: Option<Arc<StoryDiff>>,
    },
}

/// The compare view's state.
pub struct CompareView {
    pub left: Side,
    pub right: Side,
    pub options: Options,
    state: DiffState,
    laid: Option<Laid>,
    /// Index (in `diff.changes()` order) of the change last jumped to.
    pub current_change: Option<usize>,
    scroll_to_line: Option<usize>,
    /// Whole-story numbers for the header, computed once per diff.
    totals: Option<(Arc<StoryDiff>, Totals)>,
    /// The file's text as found on disk, for [`Side::OnDisk`].
    on_disk: Option<Fields>,
}

impl CompareView {
    pub fn new(left: Side, right: Side) -> Self {
        CompareView {
            left,
            right,
            options: Options::default(),
            state: DiffState::Empty,
            laid: None,
            current_change: None,
            scroll_to_line: None,
            totals: None,
            on_disk: None,
        }
    }

    /// Offer the file's text on disk as a side ([`Side::OnDisk`]).
    pub fn with_on_disk(mut self, fields: Fields) -> Self {
        self.on_disk = Some(fields);
        self
    }

    pub fn swap(&mut self) {
        std::mem::swap(&mut self.left, &mut self.right);
        self.current_change = None;
    }

    /// The diff on show, if one is ready.
    pub fn diff(&self) -> Option<&Arc<StoryDiff>> {
        match &self.state {
            DiffState::Ready(_, diff) => Some(diff),
            DiffState::Pending { previous, .. } => previous.as_ref(),
            DiffState::Empty => None,
        }
    }

    pub fn is_computing(&self) -> bool {
        matches!(self.state, DiffState::Pending { .. })
    }

    /// Make the diff match the sides and options: reuse the cached one, collect
    /// a finished background one, or start a new computation.
    pub fn update(&mut self, story: &Story, ctx: &egui::Context) {
        let on_disk = self.on_disk.as_ref();
        let (Some(old), Some(new)) = (
            self.left.fields(story, on_disk),
            self.right.fields(story, on_disk),
        ) else {
            self.state = DiffState::Empty;
            return;
        };
        let same_input =
            |input: &Input| input.options == self.options && input.old == *old && input.new == *new;
        match &mut self.state {
            DiffState::Ready(input, _) if same_input(input) => return,
            DiffState::Pending { input, rx, .. } if same_input(input) => {
                match rx.try_recv() {
                    Ok(diff) => {
                        let input = input.clone();
                        self.state = DiffState::Ready(input, Arc::new(diff));
                    }
                    Err(TryRecvError::Empty) => ctx.request_repaint_after_secs(0.05),
                    Err(TryRecvError::Disconnected) => self.state = DiffState::Empty,
                }
                return;
            }
            _ => {}
        }
        let input = Input {
            old: old.clone(),
            new: new.clone(),
            options: self.options.clone(),
        };
        let size: usize = Field::ALL
            .iter()
            .map(|f| old.get(*f).len() + new.get(*f).len())
            .sum();
        if size < BACKGROUND_BYTES {
            let diff = compare::compare(&input.old, &input.new, &input.options);
            self.state = DiffState::Ready(input, Arc::new(diff));
        } else {
            let previous = self.diff().cloned();
            let (tx, rx) = std::sync::mpsc::channel();
            let job = input.clone();
            let waker = ctx.clone();
            std::thread::spawn(move || {
                let diff = compare::compare(&job.old, &job.new, &job.options);
                let _ = tx.send(diff);
                waker.request_repaint();
            });
            self.state = DiffState::Pending {
                input,
                rx,
                previous,
            };
            ctx.request_repaint_after_secs(0.05);
        }
    }

    /// Move to the next (`forward`) or previous change and scroll to it.
    pub fn step_change(&mut self, forward: bool) {
        let Some(total) = self.laid.as_ref().map(|l| l.change_line.len()) else {
            return;
        };
        if total == 0 {
            return;
        }
        let next = match (self.current_change, forward) {
            (None, true) => 0,
            (None, false) => total - 1,
            (Some(i), true) => (i + 1) % total,
            (Some(i), false) => (i + total - 1) % total,
        };
        self.current_change = Some(next);
        if let Some(laid) = &self.laid {
            self.scroll_to_line = laid.change_line.get(next).copied();
        }
    }

    /// Draw the whole view. Returns what the user asked for.
    pub fn ui(&mut self, ui: &mut Ui, story: &Story, limits: &Limits) -> Option<CompareAction> {
        self.update(story, ui.ctx());
        let mut action = None;
        self.toolbar(ui, story, &mut action);
        let Some(diff) = self.diff().cloned() else {
            ui.label("Pick two versions to compare.");
            return action;
        };
        self.summary(ui, &diff, limits);
        ui.separator();
        let revertible = self.right == Side::Current && self.left != Side::Current;
        self.rows(ui, &diff, revertible, &mut action);
        action
    }
}
