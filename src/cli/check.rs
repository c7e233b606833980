//! `check` (and `check --fix style`): the copy-desk checks, spelling and house
//! style on a story, as text or JSON.

use super::show::one_line;
use super::*;

/// `check --fix style`: apply every safe house-style fix to the story file.
/// The text before is kept as a draft (a new one labelled "Before style
/// fixes" unless the latest draft already holds it); the file is written
/// atomically, and only when something changed.
pub(super) fn fix_style(out: &mut dyn Write, path: &std::path::Path) -> Result<(), CliError> {
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

pub(super) fn run_check(
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
