//! The command line: `copydesk [FILE]` opens the window; `copydesk info|log`
//! drive the same core without one. Each command is a few lines over the core.
//!
//! Exit codes: 0 success, 2 error (unreadable file, bad arguments) with one line
//! on stderr naming the file; 1 is kept for "differences found" / "checks failed".

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::store::{self, StoreError};
use crate::story::{self, Field, Limits, Story};

#[derive(Debug, Parser)]
#[command(
    name = "copydesk",
    version,
    about = "A desktop newsroom editor. With no command, opens the story window.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Story file (.ron) to open in the window; the bundled sample story when omitted.
    pub file: Option<PathBuf>,

    /// Open the real window, render it, write a PNG of it to this path and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a story's fields and counts.
    Info {
        /// The story file.
        story: PathBuf,
        /// Reading speed for the reading time, in words per minute.
        #[arg(long, default_value_t = Limits::default().words_per_minute)]
        wpm: usize,
    },
    /// List the drafts saved in a story, newest first.
    Log {
        /// The story file.
        story: PathBuf,
    },
}

/// A command-line failure: printed on stderr, exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write output: {0}")]
    Output(#[from] io::Error),
}

/// Run one command, writing its report to `out`.
pub fn run(command: &Command, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    match command {
        Command::Info { story, wpm } => {
            let loaded = store::load(story)?;
            write_info(out, &story.display().to_string(), &loaded, *wpm)?;
        }
        Command::Log { story } => {
            let loaded = store::load(story)?;
            write_log(out, &loaded)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A one-line rendering of a field's text (newlines shown as ⏎).
fn one_line(text: &str) -> String {
    text.replace('\n', " ⏎ ")
}

fn write_info(out: &mut dyn Write, name: &str, story: &Story, wpm: usize) -> io::Result<()> {
    let limits = Limits {
        words_per_minute: wpm,
        ..Limits::default()
    };
    let fields = &story.fields;
    writeln!(out, "File:        {name}")?;
    writeln!(out, "Id:          {}", story.id)?;
    writeln!(out, "Status:      {}", story.status.label())?;
    writeln!(out, "Created:     {}", story.created)?;
    writeln!(out, "Modified:    {}", story.modified)?;
    writeln!(out, "Drafts:      {}", story.drafts.len())?;
    writeln!(out)?;
    for field in [
        Field::Slug,
        Field::Headline,
        Field::Subhead,
        Field::Byline,
        Field::Dateline,
    ] {
        let text = fields.get(field);
        let count = story::char_count(text);
        let measure = match limits.for_field(field) {
            Some(limit) if count > limit => {
                format!("{count}/{limit} characters, {} over", count - limit)
            }
            Some(limit) => format!("{count}/{limit} characters"),
            None => format!("{count} characters"),
        };
        let shown = if text.is_empty() { "(empty)" } else { text };
        writeln!(
            out,
            "{:<12} {shown} ({measure})",
            format!("{}:", field.label())
        )?;
    }
    let body = story::BodyCounts::of(&fields.body);
    writeln!(
        out,
        "Body:        {} words, {} characters, {} paragraphs",
        body.words, body.chars, body.paragraphs
    )?;
    writeln!(
        out,
        "Reading:     {} min at {} words per minute",
        story::reading_minutes(body.words, limits.words_per_minute),
        limits.words_per_minute
    )?;
    let note = if fields.note.is_empty() {
        "(empty)".to_owned()
    } else {
        one_line(&fields.note)
    };
    writeln!(out, "Note:        {note}")?;
    Ok(())
}

fn write_log(out: &mut dyn Write, story: &Story) -> io::Result<()> {
    if story.drafts.is_empty() {
        writeln!(out, "No drafts saved yet.")?;
        return Ok(());
    }
    writeln!(
        out,
        "{:>5}  {:<20}  {:>7}  {:>7}  label",
        "draft", "saved (UTC)", "words", "change"
    )?;
    let mut previous_words = None;
    let mut rows = Vec::with_capacity(story.drafts.len());
    for draft in &story.drafts {
        let words = story::word_count(&draft.fields.body);
        let change = match previous_words {
            Some(prev) => format!("{:+}", words as i64 - prev as i64),
            None => "new".to_owned(),
        };
        previous_words = Some(words);
        rows.push(format!(
            "{:>5}  {:<20}  {:>7}  {:>7}  {}",
            draft.number,
            draft.saved.strftime("%Y-%m-%d %H:%M:%S"),
            words,
            change,
            draft.label.as_deref().unwrap_or("")
        ));
    }
    for row in rows.iter().rev() {
        writeln!(out, "{}", row.trim_end())?;
    }
    Ok(())
}
