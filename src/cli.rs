//! The command line: `copydesk [FILE]` opens the window; `copydesk info`, `log`,
//! `diff`, `export`, `import` and `check` drive the same core without one;
//! `ls`, `search` and `new` work on a desk (see `cli/desk.rs`). Each
//! command is a few lines over the core.
//!
//! Exit codes: 0 success, 2 error (unreadable file, bad arguments) with one line
//! on stderr naming the file; 1 is kept for "differences found" / "checks failed".

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod check;
mod desk;
mod show;
mod transfer;

use check::{fix_style, run_check};
use show::{run_diff, write_info, write_log};
use transfer::{run_export, run_import};

use crate::checks::{self, Severity};
use crate::export::{self, ExportError, Format};
use crate::import::{self, Format as ImportFormat, ImportOptions, TrackedChanges};
use crate::store::{self, StoreError};
use crate::story::{self, Field, Fields, Limits, Story};

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

    /// Story file (.ron) to open in the window, or a folder to open as a desk;
    /// when omitted, the last desk (or the bundled sample story).
    pub file: Option<PathBuf>,

    /// Open the real window, render it, write a PNG of it to this path and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,

    /// Open the window without spelling for this session: no dictionary is
    /// loaded and nothing is marked (the setting is left as it is).
    #[arg(long)]
    pub no_spelling: bool,
}

/// What `check --fix` applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FixKind {
    /// The house-style rules marked safe (see docs/STYLE.md).
    Style,
}

/// When to colour the diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// When standard output is a terminal.
    Auto,
    Always,
    Never,
}

/// The unit `diff` measures changes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Word,
    Sentence,
    Paragraph,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Word diff of two versions, like `git diff --word-diff=plain`: drafts of one
    /// story, or the current texts of two stories. Exit 0 when identical, 1 when
    /// they differ, 2 on error.
    Diff {
        /// One story (compare its drafts), or two stories (compare their current texts).
        #[arg(num_args = 1..=2, required = true, value_name = "STORY.ron")]
        stories: Vec<PathBuf>,
        /// The older side: a draft number [default: the latest draft that differs from the current text].
        #[arg(long, value_name = "N")]
        from: Option<u32>,
        /// The newer side: a draft number or `current` (the text as last saved).
        #[arg(long, value_name = "M|current", default_value = "current")]
        to: String,
        /// Colour deletions red and insertions green.
        #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
        color: ColorWhen,
        /// Measure changes by word, sentence or paragraph.
        #[arg(long, value_enum, default_value_t = By::Word)]
        by: By,
        /// Treat runs of whitespace as equal.
        #[arg(long)]
        ignore_whitespace: bool,
        /// Treat curly and straight quotes as equal.
        #[arg(long)]
        ignore_quotes: bool,
    },
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
    /// Move a story's older drafts to its archive, `STORY.drafts.ron` beside it
    /// (an ordinary story file holding them; Copydesk opens it like any story),
    /// keeping the newest N in the story. For stories near the size limit.
    Archive {
        /// The story file.
        story: PathBuf,
        /// How many of the newest drafts stay in the story.
        #[arg(long, value_name = "N", default_value_t = 20)]
        keep: usize,
    },
    /// Export a story's current text as plain text, Markdown, HTML, NITF or ninjs.
    Export {
        /// The story file.
        story: PathBuf,
        /// The output format.
        #[arg(long, short = 'f', value_enum)]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(long, short = 'o', value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace OUT if it exists.
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// Import copy as a new story (-o) or as a new draft of a story (--into),
    /// printing what was recognised as what. Reads Markdown, plain text, NITF,
    /// NewsML-G2, ninjs, Word (.docx) and IPTC 7901/ANPA wire text; the format
    /// is recognised from the content.
    Import {
        /// The copy to import.
        input: PathBuf,
        /// Create this story file.
        #[arg(
            long,
            short = 'o',
            value_name = "STORY.ron",
            conflicts_with = "into",
            required_unless_present = "into"
        )]
        output: Option<PathBuf>,
        /// Add the text as a new draft of this existing story.
        #[arg(long, value_name = "STORY.ron")]
        into: Option<PathBuf>,
        /// Replace the -o file if it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// Read the input as this format (default: recognised from the
        /// content, then the extension; plain text when neither tells).
        #[arg(long, short = 'f', visible_alias = "kind", value_enum)]
        format: Option<ImportFormat>,
        /// In a Word document, reject tracked changes (read the text as it was
        /// before them) instead of accepting them.
        #[arg(long)]
        reject_changes: bool,
    },
    /// Run the copy-desk checks on a story's current text and list what they
    /// find (dismissed findings are left out). Exit 1 when any error-level
    /// finding remains, 0 otherwise, 2 on failure.
    Check {
        /// The story file.
        story: PathBuf,
        /// Output as text (one finding per line) or JSON.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// A word-count target for the body.
        #[arg(long, value_name = "WORDS")]
        target: Option<usize>,
        /// Report sentences longer than this many words.
        #[arg(
            long,
            value_name = "WORDS",
            default_value_t = checks::CheckSettings::default().long_sentence_words
        )]
        long_sentence: usize,
        /// House style: spell out one to nine.
        #[arg(long)]
        spell_out_numbers: bool,
        /// Leave spelling out of the report.
        #[arg(long)]
        no_spelling: bool,
        /// The dictionary to spell with [default: the story's language, else en_US].
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// Leave house style out of the report.
        #[arg(long)]
        no_style: bool,
        /// Apply every safe fix of this kind to the story file (the text before
        /// is kept as a draft), then report what is left.
        #[arg(long, value_enum, value_name = "WHAT")]
        fix: Option<FixKind>,
    },
    /// List the stories of a desk (a folder of stories; subfolders are sections).
    Ls(desk::LsArgs),
    /// Search every field of every story in a desk; matching words shown in context.
    Search(desk::SearchArgs),
    /// Create a new story in a desk from one of its templates (`templates/`).
    New(desk::NewArgs),
}

/// How `check` prints its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

/// A command-line failure: printed on stderr, exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Import(#[from] import::ImportError),
    #[error("cannot write output: {0}")]
    Output(#[from] io::Error),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error("{}: already exists; use --force to replace it", path.display())]
    Exists { path: PathBuf },
    #[error("{}: nothing to import (no text found)", path.display())]
    NothingToImport { path: PathBuf },
    #[error("{}: {message}", path.display())]
    Draft { path: PathBuf, message: String },
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Desk(#[from] crate::desk::DeskError),
    #[error(transparent)]
    Spell(#[from] crate::spell::SpellError),
    #[error(transparent)]
    Style(#[from] crate::checks::style::StyleError),
}

/// Run one command, writing its report to `out`. Everything a command prints
/// about a story (fields, labels, file names, findings) passes through
/// [`crate::terminal::safe`], so no escape sequence reaches the terminal; only
/// an export to standard output (the data itself) and the diff's own colours
/// are written as they are.
pub fn run(command: &Command, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let raw = matches!(
        command,
        Command::Diff { .. } | Command::Export { output: None, .. }
    );
    if raw {
        return run_command(command, out);
    }
    let mut buffer = Vec::new();
    let result = run_command(command, &mut buffer);
    out.write_all(crate::terminal::safe_bytes(&buffer).as_bytes())?;
    result
}

fn run_command(command: &Command, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    match command {
        Command::Diff {
            stories,
            from,
            to,
            color,
            by,
            ignore_whitespace,
            ignore_quotes,
        } => {
            let options = crate::compare::Options {
                granularity: match by {
                    By::Word => crate::compare::Granularity::Word,
                    By::Sentence => crate::compare::Granularity::Sentence,
                    By::Paragraph => crate::compare::Granularity::Paragraph,
                },
                ignore_whitespace: *ignore_whitespace,
                ignore_quote_style: *ignore_quotes,
                ..Default::default()
            };
            let color = match color {
                ColorWhen::Always => true,
                ColorWhen::Never => false,
                ColorWhen::Auto => {
                    use std::io::IsTerminal;
                    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            return run_diff(out, stories, *from, to, &options, color);
        }
        Command::Info { story, wpm } => {
            let loaded = store::load(story)?;
            write_info(out, &story.display().to_string(), &loaded, *wpm)?;
        }
        Command::Log { story } => {
            let loaded = store::load(story)?;
            write_log(out, &loaded)?;
            if let Some(archive) = store::load_archive(story)? {
                let path = store::archive_path(story);
                writeln!(
                    out,
                    "{} older drafts are in the archive {} (copydesk log {1})",
                    archive.drafts.len(),
                    path.display()
                )?;
            }
        }
        Command::Archive { story, keep } => {
            let done = store::archive_drafts(story, *keep)?;
            if done.moved == 0 {
                writeln!(
                    out,
                    "{}: nothing to archive (it has {keep} drafts or fewer)",
                    story.display()
                )?;
            } else {
                writeln!(
                    out,
                    "Moved {} drafts to {} (it holds {}); {} is now {:.1} MB",
                    done.moved,
                    done.archive.display(),
                    done.in_archive,
                    story.display(),
                    done.story_bytes as f64 / 1_048_576.0
                )?;
            }
        }
        Command::Export {
            story,
            format,
            output,
            force,
        } => run_export(out, story, *format, output.as_deref(), *force)?,
        Command::Import {
            input,
            output,
            into,
            force,
            format,
            reject_changes,
        } => run_import(
            out,
            input,
            output.as_deref(),
            into.as_deref(),
            *force,
            &ImportOptions {
                format: *format,
                tracked_changes: if *reject_changes {
                    TrackedChanges::Reject
                } else {
                    TrackedChanges::Accept
                },
            },
        )?,
        Command::Check {
            story,
            format,
            target,
            long_sentence,
            spell_out_numbers,
            no_spelling,
            lang,
            no_style,
            fix,
        } => {
            if let Some(FixKind::Style) = fix {
                fix_style(out, story)?;
            }
            let settings = checks::CheckSettings {
                word_target: *target,
                long_sentence_words: *long_sentence,
                spell_out_numbers: *spell_out_numbers,
                ..Default::default()
            };
            let spelling = (!*no_spelling).then_some(lang.as_deref());
            return run_check(out, story, *format, &settings, spelling, !*no_style);
        }
        Command::Ls(args) => desk::run_ls(out, args)?,
        Command::Search(args) => desk::run_search(out, args)?,
        Command::New(args) => desk::run_new(out, args)?,
    }
    Ok(ExitCode::SUCCESS)
}
