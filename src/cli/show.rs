//! `info`, `log` and `diff`: what a story file holds and how two of its
//! drafts (or two stories) differ.

use super::*;

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

pub(super) fn run_diff(
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
pub(super) fn one_line(text: &str) -> String {
    text.replace('\n', " ⏎ ")
}

pub(super) fn write_info(
    out: &mut dyn Write,
    name: &str,
    story: &Story,
    wpm: usize,
) -> io::Result<()> {
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

pub(super) fn write_log(out: &mut dyn Write, story: &Story) -> io::Result<()> {
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
