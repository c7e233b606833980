//! `copydesk ls`, `search` and `new`: the desk from the command line, a few
//! lines each over `crate::desk`.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::desk::{self, Column, Desk, DeskSettings, Filter, Hit, Sort, StorySummary};
use crate::story::Status;

use super::CliError;

/// How `ls` and `search` print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DeskFormat {
    Text,
    Json,
}

/// A status on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    Draft,
    Edited,
    Ready,
    Published,
}

impl From<StatusArg> for Status {
    fn from(s: StatusArg) -> Status {
        match s {
            StatusArg::Draft => Status::Draft,
            StatusArg::Edited => Status::Edited,
            StatusArg::Ready => Status::Ready,
            StatusArg::Published => Status::Published,
        }
    }
}

/// A column to sort `ls` by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SortArg {
    Path,
    Slug,
    Headline,
    Status,
    Section,
    Byline,
    Words,
    Modified,
    Errors,
    Warnings,
}

impl From<SortArg> for Column {
    fn from(s: SortArg) -> Column {
        match s {
            SortArg::Path => Column::Path,
            SortArg::Slug => Column::Slug,
            SortArg::Headline => Column::Headline,
            SortArg::Status => Column::Status,
            SortArg::Section => Column::Section,
            SortArg::Byline => Column::Byline,
            SortArg::Words => Column::Words,
            SortArg::Modified => Column::Modified,
            SortArg::Errors => Column::Errors,
            SortArg::Warnings => Column::Warnings,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct LsArgs {
    /// The desk folder.
    pub dir: PathBuf,
    /// Only stories with this status.
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// Only stories in this section (a subfolder; includes its subsections).
    #[arg(long)]
    pub section: Option<String>,
    /// Order by this column.
    #[arg(long, value_enum, default_value_t = SortArg::Path)]
    pub sort: SortArg,
    /// Reverse the order.
    #[arg(long)]
    pub desc: bool,
    #[arg(long, value_enum, default_value_t = DeskFormat::Text)]
    pub format: DeskFormat,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The desk folder.
    pub dir: PathBuf,
    /// Words to find (each also as the start of a longer word), in any field.
    pub query: String,
    /// Only stories with this status.
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// Only stories in this section.
    #[arg(long)]
    pub section: Option<String>,
    /// At most this many results, best first.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = DeskFormat::Text)]
    pub format: DeskFormat,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The desk folder.
    pub dir: PathBuf,
    /// The template: a file name in the desk's templates/ folder, without .ron
    /// ("court-report" or "Court report").
    #[arg(long)]
    pub template: String,
    /// The slug (and file name) [default: proposed from the headline].
    #[arg(long)]
    pub slug: Option<String>,
    /// The headline [default: the template's].
    #[arg(long)]
    pub headline: Option<String>,
    /// The section (subfolder) to put it in [default: the top of the desk].
    #[arg(long, default_value = "")]
    pub section: String,
}

/// One story in JSON.
#[derive(Serialize)]
struct StoryJson<'a> {
    path: &'a str,
    slug: &'a str,
    headline: &'a str,
    status: &'static str,
    section: &'a str,
    byline: &'a str,
    words: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<usize>,
    modified: String,
    last_draft: Option<&'a str>,
    errors: usize,
    warnings: usize,
    open_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<String>,
}

impl<'a> StoryJson<'a> {
    fn new(s: &'a StorySummary) -> Self {
        StoryJson {
            path: &s.path,
            slug: &s.slug,
            headline: &s.headline,
            status: s.status.label(),
            section: &s.section,
            byline: &s.byline,
            words: s.words,
            target: s.target,
            modified: s.modified.to_string(),
            last_draft: s.last_label.as_deref(),
            errors: s.errors,
            warnings: s.warnings,
            open_by: s.lock.as_ref().map(|h| h.describe()),
            problem: s.problem.as_deref(),
            snippet: None,
        }
    }
}

fn open(dir: &std::path::Path) -> Result<Desk, CliError> {
    let (desk, refreshed) = Desk::open(dir, DeskSettings::default())?;
    for problem in &refreshed.problems {
        eprintln!("copydesk: {problem}");
    }
    Ok(desk)
}

fn filter(status: Option<StatusArg>, section: &Option<String>) -> Filter {
    Filter {
        status: status.map(Status::from),
        section: section.clone(),
    }
}

fn json_line(out: &mut dyn Write, value: &impl Serialize) -> Result<(), CliError> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::other)?;
    writeln!(out)?;
    Ok(())
}

/// Pad `text` to `width` characters (not bytes: Cyrillic lines up too).
fn pad(text: &str, width: usize) -> String {
    let n = text.chars().count();
    if n >= width {
        text.to_owned()
    } else {
        format!("{text}{}", " ".repeat(width - n))
    }
}

fn row_text(s: &StorySummary, section_width: usize, slug_width: usize) -> String {
    let words = match s.target {
        Some(t) => format!("{}/{t}", s.words),
        None => s.words.to_string(),
    };
    let mut line = format!(
        "{} {} {} {:>7} {} {}",
        pad(s.status.label(), 9),
        pad(
            if s.section.is_empty() {
                "-"
            } else {
                &s.section
            },
            section_width
        ),
        pad(&s.slug, slug_width),
        words,
        s.modified.strftime("%Y-%m-%d %H:%M"),
        s.headline,
    );
    if s.errors + s.warnings > 0 {
        line.push_str(&format!("  [{} errors, {} warnings]", s.errors, s.warnings));
    }
    if let Some(h) = &s.lock {
        line.push_str(&format!("  ({})", h.describe()));
    }
    if let Some(p) = &s.problem {
        line.push_str(&format!("  (unreadable: {p})"));
    }
    line
}

pub fn run_ls(out: &mut dyn Write, args: &LsArgs) -> Result<(), CliError> {
    let desk = open(&args.dir)?;
    let rows = desk.list(
        &filter(args.status, &args.section),
        Sort {
            column: args.sort.into(),
            descending: args.desc,
        },
    )?;
    match args.format {
        DeskFormat::Json => {
            let list: Vec<StoryJson> = rows.iter().map(StoryJson::new).collect();
            json_line(out, &list)?;
        }
        DeskFormat::Text => {
            let width = |f: fn(&StorySummary) -> usize| rows.iter().map(f).max().unwrap_or(0);
            let section_width = width(|r| r.section.chars().count()).clamp(1, 20);
            let slug_width = width(|r| r.slug.chars().count()).min(24);
            for row in &rows {
                writeln!(out, "{}", row_text(row, section_width, slug_width))?;
            }
            writeln!(out, "{} stories", rows.len())?;
        }
    }
    Ok(())
}

pub fn run_search(out: &mut dyn Write, args: &SearchArgs) -> Result<(), CliError> {
    let desk = open(&args.dir)?;
    let hits: Vec<Hit> =
        desk.search(&args.query, &filter(args.status, &args.section), args.limit)?;
    match args.format {
        DeskFormat::Json => {
            let list: Vec<StoryJson> = hits
                .iter()
                .map(|h| StoryJson {
                    snippet: Some(h.snippet_marked("[", "]")),
                    ..StoryJson::new(&h.story)
                })
                .collect();
            json_line(out, &list)?;
        }
        DeskFormat::Text => {
            for hit in &hits {
                let s = &hit.story;
                writeln!(out, "{}  {}  {}", s.path, s.status.label(), s.headline)?;
                writeln!(out, "    {}", hit.snippet_marked("[", "]"))?;
            }
            writeln!(
                out,
                "{} {}",
                hits.len(),
                if hits.len() == 1 { "story" } else { "stories" }
            )?;
        }
    }
    Ok(())
}

pub fn run_new(out: &mut dyn Write, args: &NewArgs) -> Result<(), CliError> {
    let meta = std::fs::metadata(&args.dir).map_err(|source| desk::DeskError::Read {
        path: args.dir.clone(),
        source,
    })?;
    if !meta.is_dir() {
        return Err(desk::DeskError::NotAFolder {
            path: args.dir.clone(),
        }
        .into());
    }
    let path = desk::template::new_story(
        &args.dir,
        &args.template,
        &args.section,
        args.headline.as_deref(),
        args.slug.as_deref(),
    )?;
    writeln!(out, "{}", path.display())?;
    Ok(())
}
