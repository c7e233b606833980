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

mod desk;

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

/// One side of a diff: its text and how it is named in the output.
fn diff_side(
    path: &std::path::Path,
    story: &Story,
    which: Option<u32>,
) -> Result<(Fields, String), CliError> {
    let name = crate::terminal::safe(&path.display().to_string()).into_owned();
    match which {
        None => Ok((story.fields.clone(), format!("{name} (current text)"))),
        Some(n) => {
            let draft = story.draft(n).ok_or_else(|| CliError::Draft {
                path: path.to_owned(),
                message: format!(
                    "no draft {n} (the story has drafts {})",
                    draft_numbers(story)
                ),
            })?;
            let label = draft
                .label
                .as_deref()
                .map(|l| format!(" · {}", crate::terminal::safe(l)))
                .unwrap_or_default();
            Ok((draft.fields.clone(), format!("{name} (draft {n}{label})")))
        }
    }
}

fn draft_numbers(story: &Story) -> String {
    match (story.drafts.first(), story.drafts.last()) {
        (Some(first), Some(last)) => format!("{}–{}", first.number, last.number),
        _ => "none".to_owned(),
    }
}

fn run_diff(
    out: &mut dyn Write,
    stories: &[PathBuf],
    from: Option<u32>,
    to: &str,
    options: &crate::compare::Options,
    color: bool,
) -> Result<ExitCode, CliError> {
    let ((old, old_name), (new, new_name)) = match stories {
        [a, b] => {
            if from.is_some() || to != "current" {
                return Err(CliError::Usage(
                    "--from and --to choose drafts of one story; with two stories their current texts are compared".into(),
                ));
            }
            let (sa, sb) = (store::load(a)?, store::load(b)?);
            (diff_side(a, &sa, None)?, diff_side(b, &sb, None)?)
        }
        [path] => {
            let story = store::load(path)?;
            let to = match to {
                "current" => None,
                n => Some(n.parse::<u32>().map_err(|_| {
                    CliError::Usage(format!("--to takes a draft number or `current`, not `{n}`"))
                })?),
            };
            let newer = diff_side(path, &story, to)?;
            let from = match from {
                Some(n) => n,
                None => story
                    .drafts
                    .iter()
                    .rev()
                    .find(|d| d.fields != newer.0)
                    .map(|d| d.number)
                    .ok_or_else(|| CliError::Draft {
                        path: path.clone(),
                        message: "no earlier draft differs from this text".into(),
                    })
                    .or_else(|err| story.drafts.last().map(|d| d.number).ok_or(err))?,
            };
            (diff_side(path, &story, Some(from))?, newer)
        }
        _ => return Err(CliError::Usage("diff takes one or two story files".into())),
    };
    let diff = crate::compare::compare(&old, &new, options);
    out.write_all(crate::compare::plain::word_diff(&diff, &old_name, &new_name, color).as_bytes())?;
    Ok(if diff.is_identical() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
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

/// Refuse to replace an existing file (or link, or folder) unless `force`.
fn check_overwrite(path: &std::path::Path, force: bool) -> Result<(), CliError> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(CliError::Exists {
            path: path.to_owned(),
        });
    }
    Ok(())
}

fn run_export(
    out: &mut dyn Write,
    story: &std::path::Path,
    format: Format,
    output: Option<&std::path::Path>,
    force: bool,
) -> Result<(), CliError> {
    if let Some(path) = output {
        check_overwrite(path, force)?;
    }
    let loaded = store::load(story)?;
    let text = export::export(&loaded, format)?;
    match output {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            // A link at OUT is replaced by the file, never written through:
            // what it points to is not the export's to change.
            let options = store::WriteOptions {
                replace_link: true,
                ..Default::default()
            };
            store::write_with(path, &options, |file| file.write_all(text.as_bytes())).map_err(
                |source| StoreError::Write {
                    path: path.to_owned(),
                    source,
                },
            )?;
            writeln!(
                out,
                "Exported {} as {} to {}",
                story.display(),
                format.label(),
                path.display()
            )?;
        }
    }
    Ok(())
}

fn run_import(
    out: &mut dyn Write,
    input: &std::path::Path,
    output: Option<&std::path::Path>,
    into: Option<&std::path::Path>,
    force: bool,
    options: &ImportOptions,
) -> Result<(), CliError> {
    // Every refusal comes before any work: the target first, then the input.
    let target = match (output, into) {
        (Some(path), _) => {
            check_overwrite(path, force)?;
            ImportTarget::New(path, force)
        }
        (None, Some(path)) => ImportTarget::Draft(path, Box::new(store::load(path)?)),
        (None, None) => {
            // clap requires one of -o and --into; keep a message if it ever does not.
            return Err(CliError::Output(io::Error::new(
                io::ErrorKind::InvalidInput,
                "give -o STORY.ron or --into STORY.ron",
            )));
        }
    };
    let (format, imported) = import::import_file(input, options)?;
    if imported.fields.is_empty() {
        return Err(CliError::NothingToImport {
            path: input.to_owned(),
        });
    }
    writeln!(out, "{}: read as {}", input.display(), format.label())?;
    for line in &imported.report {
        writeln!(out, "  {line}")?;
    }
    let label = Some("Imported".to_owned());
    match target {
        ImportTarget::Draft(path, mut story) => {
            let mut fields = imported.fields;
            if fields.slug.is_empty() && !story.fields.slug.is_empty() {
                writeln!(
                    out,
                    "  no slug in the text: the story keeps its slug “{}”",
                    story.fields.slug
                )?;
                fields.slug = story.fields.slug.clone();
            }
            // A current text no draft holds (a hand edit, a recovered text)
            // is kept as a draft first, as restoring a draft does.
            let kept = if story.differs_from_latest_draft() && !story.fields.is_empty() {
                story
                    .try_record_draft(Some("Before import".into()), story::now())
                    .map_err(numbers_left(path))?
            } else {
                None
            };
            story.fields = fields;
            let number = story
                .try_record_draft(label, story::now())
                .map_err(numbers_left(path))?;
            store::save(path, &story)?;
            if let Some(k) = kept {
                writeln!(
                    out,
                    "Kept the story's unsaved current text as draft {k} “Before import”"
                )?;
            }
            match number {
                Some(n) => writeln!(out, "Added draft {n} “Imported” to {}", path.display())?,
                None => writeln!(out, "{}: unchanged", path.display())?,
            }
            warn_size(out, path)?;
        }
        ImportTarget::New(path, force) => {
            let mut story = Story::with_fields(imported.fields);
            let number = story
                .try_record_draft(label, story::now())
                .map_err(numbers_left(path))?
                .unwrap_or(1);
            let options = store::WriteOptions {
                replace_link: force,
                ..Default::default()
            };
            store::save_with(path, &story, &options)?;
            writeln!(
                out,
                "Created {} (draft {number} “Imported”)",
                path.display()
            )?;
            warn_size(out, path)?;
        }
    }
    Ok(())
}

/// The error for a story whose draft numbers are used up.
fn numbers_left(path: &std::path::Path) -> impl Fn(story::DraftNumbersExhausted) -> CliError + '_ {
    move |e| CliError::Draft {
        path: path.to_owned(),
        message: e.to_string(),
    }
}

/// Print [`store::size_warning`] for the story file at `path`, if it has one.
fn warn_size(out: &mut dyn Write, path: &std::path::Path) -> io::Result<()> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if let Some(warning) = store::size_warning(path, size) {
        writeln!(out, "Warning: {warning}")?;
    }
    Ok(())
}

/// Where `import` puts the text: a new story file, or a new draft of a story.
enum ImportTarget<'a> {
    /// A new story file; `true` when `--force` lets it replace what is there
    /// (a link is replaced itself, not written through).
    New(&'a std::path::Path, bool),
    Draft(&'a std::path::Path, Box<Story>),
}

/// `check --fix style`: apply every safe house-style fix to the story file.
/// The text before is kept as a draft (a new one labelled "Before style
/// fixes" unless the latest draft already holds it); the file is written
/// atomically, and only when something changed.
fn fix_style(out: &mut dyn Write, path: &std::path::Path) -> Result<(), CliError> {
    use crate::checks::style::{self, StyleSet};
    let mut story = store::load(path)?;
    let set = StyleSet::for_story(Some(path))?;
    let mut fields = story.fields.clone();
    let applied = style::fix_all(&mut fields, &set, &story.proofing.style_off, None, true);
    if applied == 0 {
        writeln!(out, "{}: no safe style fixes to apply", path.display())?;
        return Ok(());
    }
    let kept = if story.differs_from_latest_draft() {
        story.record_draft(Some("Before style fixes".into()), story::now())
    } else {
        story.latest_draft().map(|d| d.number)
    };
    story.fields = fields;
    story.modified = story::now();
    store::save(path, &story)?;
    writeln!(
        out,
        "{}: applied {applied} style {}; the text before is draft {}",
        path.display(),
        if applied == 1 { "fix" } else { "fixes" },
        kept.map_or_else(|| "?".to_owned(), |n| n.to_string())
    )?;
    Ok(())
}

/// The speller `check` uses: `lang`, else the story's language, else
/// en_US; with the desk's and the user's word lists. Unreadable lists are
/// noted on stderr.
fn cli_speller(
    path: &std::path::Path,
    story: &Story,
    lang: Option<&str>,
) -> Result<crate::spell::Speller, CliError> {
    use crate::spell;
    let lang = lang
        .or(story.proofing.language.as_deref())
        .unwrap_or(spell::DEFAULT_LANGUAGE);
    let dict = spell::load(lang, &spell::system_folders())?;
    let (words, problems) = spell::lists_for(Some(path));
    for problem in problems {
        eprintln!("{problem}");
    }
    Ok(spell::Speller::new(
        lang,
        std::sync::Arc::new(dict),
        std::sync::Arc::new(words),
    ))
}

/// One finding as `check --format json` prints it.
#[derive(serde::Serialize)]
struct JsonFinding<'a> {
    /// The rule's key; `style:ID` for a house-style rule.
    rule: String,
    field: &'static str,
    line: usize,
    column: usize,
    /// Byte range in the field's text.
    start: usize,
    end: usize,
    severity: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
}

#[derive(serde::Serialize)]
struct JsonFix<'a> {
    label: &'a str,
    replacement: &'a str,
}

#[derive(serde::Serialize)]
struct JsonCounts {
    error: usize,
    warning: usize,
    info: usize,
    dismissed: usize,
}

#[derive(serde::Serialize)]
struct JsonReport<'a> {
    file: String,
    counts: JsonCounts,
    findings: Vec<JsonFinding<'a>>,
    summary: &'a checks::Summary,
}

fn run_check(
    out: &mut dyn Write,
    path: &std::path::Path,
    format: CheckFormat,
    settings: &checks::CheckSettings,
    spelling: Option<Option<&str>>,
    style: bool,
) -> Result<ExitCode, CliError> {
    let story = store::load(path)?;
    let (mut all, summary) = checks::check_with_summary(&story.fields, settings);
    if let Some(lang) = spelling {
        let speller = cli_speller(path, &story, lang)?;
        all.extend(checks::spelling::spelling(&story, &speller));
    }
    // Which style rule each style finding came from.
    let mut style_ids = std::collections::HashMap::new();
    if style {
        let set = checks::style::StyleSet::for_story(Some(path))?;
        for (id, f) in checks::style::style(&story, &set) {
            style_ids.insert((f.field, f.range.clone()), id);
            all.push(f);
        }
    }
    checks::sort(&mut all);
    let rule_name = |f: &checks::Finding| match style_ids.get(&(f.field, f.range.clone())) {
        Some(id) if f.rule == checks::Rule::Style => format!("style:{id}"),
        _ => f.rule.key().to_owned(),
    };
    let total = all.len();
    let findings = checks::active(all, &story.fields, &story.dismissed);
    let dismissed = total - findings.len();
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    // One line index per field: placing every finding stays linear.
    let indexes: Vec<checks::LineIndex> = Field::ALL
        .iter()
        .map(|f| checks::LineIndex::new(story.fields.get(*f)))
        .collect();
    let position = |f: &checks::Finding| {
        let at = Field::ALL.iter().position(|x| *x == f.field).unwrap_or(0);
        indexes[at].line_column(f.range.start)
    };
    match format {
        CheckFormat::Json => {
            let report = JsonReport {
                file: path.display().to_string(),
                counts: JsonCounts {
                    error: errors,
                    warning: warnings,
                    info: infos,
                    dismissed,
                },
                findings: findings
                    .iter()
                    .map(|f| {
                        let (line, column) = position(f);
                        JsonFinding {
                            rule: rule_name(f),
                            field: f.field.key(),
                            line,
                            column,
                            start: f.range.start,
                            end: f.range.end,
                            severity: f.severity.key(),
                            message: &f.message,
                            fix: f.fix.as_ref().map(|x| JsonFix {
                                label: &x.label,
                                replacement: &x.replacement,
                            }),
                        }
                    })
                    .collect(),
                summary: &summary,
            };
            let text = serde_json::to_string_pretty(&report)
                .map_err(|e| CliError::Output(io::Error::other(e)))?;
            writeln!(out, "{text}")?;
        }
        CheckFormat::Text => {
            for f in &findings {
                let (line, column) = position(f);
                let fix = f
                    .fix
                    .as_ref()
                    .map(|x| format!(" (fix: {})", x.label))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{}:{line}:{column}: {}: {} [{}]{fix}",
                    f.field.key(),
                    f.severity.key(),
                    one_line(&f.message),
                    rule_name(f),
                )?;
            }
            let plural = |n: usize, word: &str| {
                if n == 1 {
                    format!("{n} {word}")
                } else {
                    format!("{n} {word}s")
                }
            };
            let dismissed_note = if dismissed > 0 {
                format!(", {dismissed} dismissed")
            } else {
                String::new()
            };
            writeln!(
                out,
                "{}: {}, {}, {} info{dismissed_note}",
                path.display(),
                plural(errors, "error"),
                plural(warnings, "warning"),
                infos
            )?;
            let mut reading = format!(
                "Body: {} words, {} min read",
                summary.words, summary.reading_minutes
            );
            if let Some(target) = summary.word_target {
                reading.push_str(&format!(", target {target}"));
            }
            if let (Some(fre), Some(fk)) =
                (summary.flesch_reading_ease, summary.flesch_kincaid_grade)
            {
                reading.push_str(&format!(
                    ", Flesch reading ease {fre:.1}, Flesch–Kincaid grade {fk:.1}"
                ));
            }
            writeln!(out, "{reading}")?;
        }
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
