//! The desk: a folder of story files seen as one newsroom desk — every story
//! with its status, section, counts, checks and who has it open; sorted,
//! filtered and searched through an index that is only a cache of the files.
//! No egui here: `copydesk ls`/`search`/`new` and the desk view drive it.
//!
//! - [`scan`] walks the folder (subfolders are sections, `templates/` holds
//!   templates), [`summary`] makes a row from a story, [`index`] keeps the rows
//!   and the full-text index in `.copydesk/index.sqlite`.
//! - [`watch`] reports files changed by anyone, for [`Desk::update_paths`].
//! - [`lock`] is who has a story open; [`template`] makes new stories;
//!   [`status`] changes status with the Ready gate.

pub mod index;
pub mod lock;
pub mod scan;
pub mod status;
pub mod summary;
pub mod template;
pub mod watch;

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use jiff::SignedDuration;

use crate::checks::CheckSettings;
use crate::store::{self, StoreError};

pub use index::{Filter, Hit, Rebuilt};
pub use lock::{Holder, LockError};
pub use summary::StorySummary;

use index::{Index, Known};
use summary::Indexed;

/// What the desk needs from the app's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeskSettings {
    /// The editor's name, written in locks and decisions.
    pub user: String,
    /// A lock older than this is stale whoever holds it.
    pub stale_after: SignedDuration,
    /// The checks whose errors and warnings the desk counts.
    pub checks: CheckSettings,
}

impl Default for DeskSettings {
    fn default() -> Self {
        DeskSettings {
            user: std::env::var("USER")
                .or_else(|_| std::env::var("USERNAME"))
                .unwrap_or_default(),
            stale_after: SignedDuration::from_hours(12),
            checks: CheckSettings::default(),
        }
    }
}

/// Everything that can go wrong with a desk. Every message names the path.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error("{}: cannot read the desk: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}: not a folder (a desk is a folder of stories)", path.display())]
    NotAFolder { path: PathBuf },
    #[error("{}: the desk's index failed: {source}", path.display())]
    Index {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("{}: no template called “{name}” (templates: {available})", path.display())]
    NoTemplate {
        path: PathBuf,
        name: String,
        available: String,
    },
    #[error("{}: cannot watch the desk: {message}", path.display())]
    Watch { path: PathBuf, message: String },
    #[error("{}: {message}", path.display())]
    Refused { path: PathBuf, message: String },
}

/// What a refresh did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Refreshed {
    /// Why the index was built from nothing, when it was.
    pub rebuilt: Option<Rebuilt>,
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Files and folders that could not be read, with why (they are listed
    /// with their problem where they are stories).
    pub problems: Vec<String>,
}

/// A column of the desk table, to sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Slug,
    Headline,
    Status,
    Section,
    Byline,
    Words,
    Modified,
    LastDraft,
    Errors,
    Warnings,
    OpenBy,
    Path,
}

impl Column {
    pub const ALL: [Column; 12] = [
        Column::Slug,
        Column::Headline,
        Column::Status,
        Column::Section,
        Column::Byline,
        Column::Words,
        Column::Modified,
        Column::LastDraft,
        Column::Errors,
        Column::Warnings,
        Column::OpenBy,
        Column::Path,
    ];

    /// The column's heading (also its accessible name).
    pub fn label(self) -> &'static str {
        match self {
            Column::Slug => "Slug",
            Column::Headline => "Headline",
            Column::Status => "Status",
            Column::Section => "Section",
            Column::Byline => "Byline",
            Column::Words => "Words",
            Column::Modified => "Modified",
            Column::LastDraft => "Last draft",
            Column::Errors => "Errors",
            Column::Warnings => "Warnings",
            Column::OpenBy => "Open by",
            Column::Path => "Path",
        }
    }
}

/// How to order the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            column: Column::Modified,
            descending: true,
        }
    }
}

/// Sort rows by a column (text ignoring case; status in workflow order;
/// ties in path order, so the order is stable whatever the column).
pub fn sort_stories(rows: &mut [StorySummary], sort: Sort) {
    fn text(s: &str) -> String {
        s.to_lowercase()
    }
    rows.sort_by(|a, b| a.path.cmp(&b.path));
    // Stable sorts from here on: ties keep the path order.
    match sort.column {
        Column::Slug => rows.sort_by_cached_key(|r| text(&r.slug)),
        Column::Headline => rows.sort_by_cached_key(|r| text(&r.headline)),
        Column::Byline => rows.sort_by_cached_key(|r| text(&r.byline)),
        Column::Section => rows.sort_by(|a, b| a.section.cmp(&b.section)),
        Column::Status => rows.sort_by_key(|r| index_of(r.status)),
        Column::Words => rows.sort_by_key(|r| r.words),
        Column::Modified => rows.sort_by_key(|r| r.modified),
        Column::LastDraft => rows.sort_by_cached_key(|r| r.last_label.as_deref().map(text)),
        Column::Errors => rows.sort_by_key(|r| r.errors),
        Column::Warnings => rows.sort_by_key(|r| r.warnings),
        Column::OpenBy => rows.sort_by_cached_key(|r| r.lock.as_ref().map(|h| text(&h.who()))),
        Column::Path => {}
    }
    if sort.descending {
        rows.reverse();
    }
}

fn index_of(status: crate::story::Status) -> usize {
    crate::story::Status::ALL
        .iter()
        .position(|s| *s == status)
        .unwrap_or(0)
}

/// An open desk.
pub struct Desk {
    root: PathBuf,
    settings: DeskSettings,
    index: Index,
    /// Lock files seen, by the story's relative path.
    locks: HashMap<String, Holder>,
}

/// A file to (re)read: where it is, what `stat` said, what the index knew.
struct Job {
    found: scan::Found,
    known: Option<Known>,
}

/// What reading one file came to.
enum Outcome {
    Put(Box<Indexed>, Known),
    Touch(String, Known),
    Gone(String),
}

impl Desk {
    /// Open the desk at `root`: open (or rebuild) its index and bring it up to
    /// date with the files.
    pub fn open(root: &Path, settings: DeskSettings) -> Result<(Desk, Refreshed), DeskError> {
        Self::open_with_progress(root, settings, &mut |_, _| {})
    }

    /// [`open`](Desk::open), calling `progress(done, total)` as files are read.
    pub fn open_with_progress(
        root: &Path,
        settings: DeskSettings,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(Desk, Refreshed), DeskError> {
        let meta = std::fs::metadata(root).map_err(|source| DeskError::Read {
            path: root.to_owned(),
            source,
        })?;
        if !meta.is_dir() {
            return Err(DeskError::NotAFolder {
                path: root.to_owned(),
            });
        }
        let root = std::fs::canonicalize(root).map_err(|source| DeskError::Read {
            path: root.to_owned(),
            source,
        })?;
        let fingerprint = ron::to_string(&settings.checks).unwrap_or_default();
        let (index, rebuilt) = Index::open(&root, &fingerprint);
        let mut desk = Desk {
            root,
            settings,
            index,
            locks: HashMap::new(),
        };
        let mut refreshed = desk.refresh_with_progress(progress)?;
        refreshed.rebuilt = rebuilt;
        Ok((desk, refreshed))
    }

    /// The desk folder (absolute).
    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn settings(&self) -> &DeskSettings {
        &self.settings
    }

    /// The index file (`None` when the desk cannot hold one and it is in memory).
    pub fn index_path(&self) -> Option<&Path> {
        self.index.path()
    }

    /// The file of the story at `rel`.
    pub fn story_path(&self, rel: &str) -> PathBuf {
        scan::absolute(&self.root, rel)
    }

    fn index_error(&self, source: rusqlite::Error) -> DeskError {
        DeskError::Index {
            path: self
                .index
                .path()
                .map(Path::to_owned)
                .unwrap_or_else(|| self.root.clone()),
            source,
        }
    }

    /// Bring the index up to date with every file in the desk.
    pub fn refresh(&mut self) -> Result<Refreshed, DeskError> {
        self.refresh_with_progress(&mut |_, _| {})
    }

    /// [`refresh`](Desk::refresh) with progress.
    pub fn refresh_with_progress(
        &mut self,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Refreshed, DeskError> {
        let scanned = scan::scan(&self.root).map_err(|source| DeskError::Read {
            path: self.root.clone(),
            source,
        })?;
        let mut known = self.index.known().map_err(|e| self.index_error(e))?;
        let mut out = Refreshed {
            problems: scanned
                .problems
                .iter()
                .map(|(p, e)| format!("{}: {e}", p.display()))
                .collect(),
            ..Refreshed::default()
        };
        let mut jobs = Vec::new();
        for found in scanned.stories {
            let was = known.remove(&found.rel);
            match was {
                Some(k) if k.mtime_ns == found.mtime_ns && k.size == found.size => {
                    out.unchanged += 1
                }
                _ => jobs.push(Job { found, known: was }),
            }
        }
        let removed: Vec<String> = known.into_keys().collect();
        self.locks = self.read_locks(&scanned.locked);
        self.run_jobs(jobs, removed, &mut out, progress)?;
        Ok(out)
    }

    fn read_locks(&self, locked: &[String]) -> HashMap<String, Holder> {
        locked
            .iter()
            .filter_map(|rel| {
                let holder = lock::read(&self.story_path(rel)).ok().flatten()?;
                Some((rel.clone(), holder))
            })
            .collect()
    }

    /// Read `jobs` on worker threads while this thread writes each result into
    /// the index as it comes (one transaction), then drop `removed`.
    fn run_jobs(
        &mut self,
        jobs: Vec<Job>,
        removed: Vec<String>,
        out: &mut Refreshed,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(), DeskError> {
        if jobs.is_empty() && removed.is_empty() {
            return Ok(());
        }
        let total = jobs.len();
        if total > 0 {
            progress(0, total);
        }
        let workers = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(8)
            .min(total.max(1));
        let next = AtomicUsize::new(0);
        let (tx, rx) = mpsc::sync_channel(256);
        let Desk {
            root,
            settings,
            index,
            ..
        } = self;
        let (root, checks) = (&*root, &settings.checks);
        let result = std::thread::scope(|scope| -> rusqlite::Result<()> {
            for _ in 0..workers {
                let tx = tx.clone();
                let (jobs, next) = (&jobs, &next);
                scope.spawn(move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break };
                        if tx
                            .send((job.known.is_some(), read_one(root, job, checks)))
                            .is_err()
                        {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            // Moved in: on an error, returning drops `rx`, which stops the
            // workers at their next send (and lets the scope end).
            let rx = rx;
            let writer = index.writer()?;
            for path in &removed {
                writer.remove(path)?;
            }
            out.removed += removed.len();
            for (done, (was_known, outcome)) in rx.iter().enumerate() {
                match outcome {
                    Outcome::Put(indexed, k) => {
                        if let Some(p) = &indexed.summary.problem {
                            out.problems.push(p.clone());
                        }
                        writer.put(&indexed, k)?;
                        if was_known {
                            out.updated += 1;
                        } else {
                            out.added += 1;
                        }
                    }
                    Outcome::Touch(rel, k) => {
                        writer.touch(&rel, k)?;
                        out.unchanged += 1;
                    }
                    Outcome::Gone(rel) => {
                        writer.remove(&rel)?;
                        out.removed += 1;
                    }
                }
                if (done + 1) % 64 == 0 || done + 1 == total {
                    progress(done + 1, total);
                }
            }
            writer.commit()
        });
        result.map_err(|e| self.index_error(e))
    }

    /// Update the index for these paths (absolute, as a watcher reports them):
    /// stories are re-read or dropped, locks re-read. A folder that appeared or
    /// went away means a full [`refresh`](Desk::refresh).
    pub fn update_paths(&mut self, paths: &[PathBuf]) -> Result<Refreshed, DeskError> {
        let mut jobs: Vec<Job> = Vec::new();
        let mut removed = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let known = self.index.known().map_err(|e| self.index_error(e))?;
        for path in paths {
            let Some(rel) = scan::relative(&self.root, path) else {
                continue;
            };
            let name = rel.rsplit('/').next().unwrap_or(&rel);
            if let Some(story) = lock::story_name_of_lock(name) {
                let dir = scan::section_of(&rel);
                let story_rel = if dir.is_empty() {
                    story.to_owned()
                } else {
                    format!("{dir}/{story}")
                };
                match lock::read(&self.story_path(&story_rel)) {
                    Ok(Some(holder)) => {
                        self.locks.insert(story_rel, holder);
                    }
                    _ => {
                        self.locks.remove(&story_rel);
                    }
                }
                continue;
            }
            if !seen.insert(rel.clone()) {
                continue;
            }
            if scan::is_story_rel(&rel) {
                match std::fs::metadata(path) {
                    Ok(meta) if meta.is_file() => jobs.push(Job {
                        found: scan::Found {
                            rel: rel.clone(),
                            size: meta.len(),
                            mtime_ns: scan::mtime_ns(&meta),
                        },
                        known: known.get(&rel).copied(),
                    }),
                    _ if known.contains_key(&rel) => removed.push(rel),
                    _ => {}
                }
            } else if path.is_dir() || is_gone_folder(&rel, &known) {
                return self.refresh();
            }
        }
        let mut out = Refreshed::default();
        self.run_jobs(jobs, removed, &mut out, &mut |_, _| {})?;
        Ok(out)
    }

    /// Every story passing `filter`, sorted, with who has it open.
    pub fn list(&self, filter: &Filter, sort: Sort) -> Result<Vec<StorySummary>, DeskError> {
        let mut rows = self.index.list(filter).map_err(|e| self.index_error(e))?;
        self.attach_locks(rows.iter_mut());
        sort_stories(&mut rows, sort);
        Ok(rows)
    }

    /// Stories matching what was typed, best first (at most `limit`), each with
    /// its matching words in context.
    pub fn search(
        &self,
        query: &str,
        filter: &Filter,
        limit: usize,
    ) -> Result<Vec<Hit>, DeskError> {
        let mut hits = self
            .index
            .search(query, filter, limit)
            .map_err(|e| self.index_error(e))?;
        self.attach_locks(hits.iter_mut().map(|h| &mut h.story));
        Ok(hits)
    }

    /// Every section holding a story ("" is the top of the desk).
    pub fn sections(&self) -> Result<Vec<String>, DeskError> {
        self.index.sections().map_err(|e| self.index_error(e))
    }

    fn attach_locks<'a>(&self, rows: impl Iterator<Item = &'a mut StorySummary>) {
        if self.locks.is_empty() {
            return;
        }
        for row in rows {
            row.lock = self.locks.get(&row.path).cloned();
        }
    }
}

/// Whether `rel` names a folder the index holds stories under (it was removed
/// or renamed away).
fn is_gone_folder(rel: &str, known: &HashMap<String, Known>) -> bool {
    let prefix = format!("{rel}/");
    known.keys().any(|k| k.starts_with(&prefix))
}

/// Read one file: unchanged bytes only need a new time; anything else is
/// parsed and summarised (or listed with its problem).
fn read_one(root: &Path, job: &Job, checks: &CheckSettings) -> Outcome {
    let rel = &job.found.rel;
    let path = scan::absolute(root, rel);
    let bytes = match store::read_limited(&path) {
        Ok(b) => b,
        Err(StoreError::Read { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            return Outcome::Gone(rel.clone());
        }
        Err(e) => {
            let k = Known {
                mtime_ns: job.found.mtime_ns,
                size: job.found.size,
                hash: 0,
            };
            return Outcome::Put(
                Box::new(summary::unreadable(rel, e.to_string(), job.found.mtime_ns)),
                k,
            );
        }
    };
    let known = Known {
        mtime_ns: job.found.mtime_ns,
        size: bytes.len() as u64,
        hash: store::content_hash(&bytes),
    };
    if job
        .known
        .is_some_and(|k| k.hash == known.hash && k.size == known.size)
    {
        return Outcome::Touch(rel.clone(), known);
    }
    let parsed = store::as_text(&path, &bytes).and_then(|text| store::from_ron_str(text, &path));
    let indexed = match parsed {
        Ok(story) => summary::summarize(rel, &story, checks),
        Err(e) => summary::unreadable(rel, e.to_string(), job.found.mtime_ns),
    };
    Outcome::Put(Box::new(indexed), known)
}
