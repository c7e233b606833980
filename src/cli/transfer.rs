//! `export` and `import`: a story out to another format, copy in as a new
//! story or a new draft of one.

use super::*;

/// Refuse to replace an existing file (or link, or folder) unless `force`.
fn check_overwrite(path: &std::path::Path, force: bool) -> Result<(), CliError> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(CliError::Exists {
            path: path.to_owned(),
        });
    }
    Ok(())
}

pub(super) fn run_export(
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

pub(super) fn run_import(
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
