//! The desk's index: an SQLite file (`.copydesk/index.sqlite` in the desk) that
//! caches one row per story file and an FTS5 full-text table over every field.
//! It is only a cache: the story files are the truth, and the index is thrown
//! away and rebuilt from them whenever it is missing, unreadable, of another
//! schema version, or was built with other check settings.
//!
//! Each row remembers its file's modification time, size and content hash, so
//! a refresh re-reads only files whose time or size changed, and re-indexes
//! only those whose bytes did.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, params};

use crate::story::Status;

use super::summary::{Indexed, StorySummary};

/// Bump when the tables change: an index of another version is rebuilt.
pub const SCHEMA_VERSION: i32 = 1;

/// The index file, relative to the desk.
pub const INDEX_DIR: &str = ".copydesk";
pub const INDEX_FILE: &str = "index.sqlite";

/// Marks around the matching words in a snippet (private-use characters, which
/// story text is very unlikely to hold; they are removed from the text).
const HIT_START: char = '\u{E000}';
const HIT_END: char = '\u{E001}';

/// Why the index was (re)built from the files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rebuilt {
    Missing,
    Corrupt(String),
    OtherVersion(i32),
    OtherSettings,
    /// The desk folder cannot hold an index (read-only), or another Copydesk
    /// kept it busy past the wait: this session indexes in memory.
    InMemory(String),
}

/// Where a stored file stands: what the index knows about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Known {
    pub mtime_ns: i64,
    pub size: u64,
    pub hash: u64,
}

/// One search result: the story and the matching words in context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub story: StorySummary,
    /// The best-matching passage, as runs of text; `true` runs are matches.
    pub snippet: Vec<(String, bool)>,
}

impl Hit {
    /// The snippet as one line with the matches between `open` and `close`.
    pub fn snippet_marked(&self, open: &str, close: &str) -> String {
        let mut out = String::new();
        for (text, hit) in &self.snippet {
            if *hit {
                out.push_str(open);
                out.push_str(text);
                out.push_str(close);
            } else {
                out.push_str(text);
            }
        }
        out.replace('\n', " ")
    }
}

/// Which stories to list: by status and by section (a section includes the
/// sections inside it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub status: Option<Status>,
    pub section: Option<String>,
}

/// The open index.
pub struct Index {
    conn: Connection,
    path: Option<PathBuf>,
}

fn status_code(status: Status) -> i64 {
    Status::ALL.iter().position(|s| *s == status).unwrap_or(0) as i64
}

fn status_from(code: i64) -> Status {
    usize::try_from(code)
        .ok()
        .and_then(|i| Status::ALL.get(i).copied())
        .unwrap_or_default()
}

const SCHEMA: &str = "
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE stories(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    mtime INTEGER NOT NULL,
    size INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    slug TEXT NOT NULL,
    headline TEXT NOT NULL,
    status INTEGER NOT NULL,
    section TEXT NOT NULL,
    byline TEXT NOT NULL,
    words INTEGER NOT NULL,
    target INTEGER,
    modified INTEGER NOT NULL,
    last_label TEXT,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    problem TEXT
);
CREATE VIRTUAL TABLE fts USING fts5(
    slug, headline, subhead, byline, dateline, body, note, section, status, labels,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
";

const COLUMNS: &str = "s.path, s.slug, s.headline, s.status, s.section, s.byline, s.words, \
     s.target, s.modified, s.last_label, s.errors, s.warnings, s.problem";

fn row_summary(row: &rusqlite::Row<'_>) -> rusqlite::Result<StorySummary> {
    let modified: i64 = row.get(8)?;
    Ok(StorySummary {
        path: row.get(0)?,
        slug: row.get(1)?,
        headline: row.get(2)?,
        status: status_from(row.get(3)?),
        section: row.get(4)?,
        byline: row.get(5)?,
        words: usize::try_from(row.get::<_, i64>(6)?).unwrap_or(0),
        target: row
            .get::<_, Option<i64>>(7)?
            .and_then(|t| usize::try_from(t).ok()),
        modified: Timestamp::from_nanosecond(i128::from(modified)).unwrap_or_default(),
        last_label: row.get(9)?,
        errors: usize::try_from(row.get::<_, i64>(10)?).unwrap_or(0),
        warnings: usize::try_from(row.get::<_, i64>(11)?).unwrap_or(0),
        lock: None,
        problem: row.get(12)?,
    })
}

impl Index {
    /// Open the index of the desk at `root`, built for check settings whose
    /// fingerprint is `settings`. Returns why it starts empty when it does
    /// (then every story must be indexed).
    pub fn open(root: &Path, settings: &str) -> (Index, Option<Rebuilt>) {
        let dir = root.join(INDEX_DIR);
        let path = dir.join(INDEX_FILE);
        let existed = path.exists();
        if existed {
            match Self::open_existing(&path, settings) {
                Ok(index) => return (index, None),
                // Busy for longer than the wait: another Copydesk is building
                // it. Never delete it under them; work from memory this time.
                Err(why @ Rebuilt::InMemory(_)) => {
                    return (Self::in_memory(settings), Some(why));
                }
                Err(why) => {
                    remove_index_files(&path);
                    match Self::create(&dir, &path, settings) {
                        Ok(index) => return (index, Some(why)),
                        Err(e) => return (Self::in_memory(settings), Some(Rebuilt::InMemory(e))),
                    }
                }
            }
        }
        match Self::create(&dir, &path, settings) {
            Ok(index) => (index, Some(Rebuilt::Missing)),
            Err(e) => (Self::in_memory(settings), Some(Rebuilt::InMemory(e))),
        }
    }

    fn open_existing(path: &Path, settings: &str) -> Result<Index, Rebuilt> {
        let corrupt = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Rebuilt::InMemory(format!("{}: {e}", path.display()))
            }
            _ => Rebuilt::Corrupt(e.to_string()),
        };
        let conn = Connection::open(path).map_err(corrupt)?;
        configure(&conn).map_err(corrupt)?;
        // An empty file: another Copydesk is creating this index right now
        // (or was stopped before it could); finish or wait for it.
        if table_count(&conn).map_err(corrupt)? == 0 {
            init(&conn, settings).map_err(corrupt)?;
        }
        let version: i32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(corrupt)?;
        if version != SCHEMA_VERSION {
            return Err(Rebuilt::OtherVersion(version));
        }
        let built_for: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'settings'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(corrupt)?;
        if built_for.as_deref() != Some(settings) {
            return Err(Rebuilt::OtherSettings);
        }
        // Touch both tables, so a damaged file is found now, not mid-search.
        conn.query_row("SELECT count(*) FROM stories", [], |r| r.get::<_, i64>(0))
            .map_err(corrupt)?;
        conn.query_row("SELECT count(*) FROM fts", [], |r| r.get::<_, i64>(0))
            .map_err(corrupt)?;
        Ok(Index {
            conn,
            path: Some(path.to_owned()),
        })
    }

    fn create(dir: &Path, path: &Path, settings: &str) -> Result<Index, String> {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let conn = Connection::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        init(&conn, settings).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Index {
            conn,
            path: Some(path.to_owned()),
        })
    }

    fn in_memory(settings: &str) -> Index {
        // An in-memory database with the bundled SQLite cannot fail to open
        // short of running out of memory.
        let conn = Connection::open_in_memory()
            .unwrap_or_else(|e| panic!("SQLite cannot open an in-memory database: {e}"));
        if let Err(e) = init(&conn, settings) {
            panic!("SQLite cannot create the index tables in memory: {e}");
        }
        Index { conn, path: None }
    }

    /// The index file (`None` when kept in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// What the index knows about every file in it, by relative path.
    pub fn known(&self) -> rusqlite::Result<HashMap<String, Known>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT path, mtime, size, hash FROM stories")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Known {
                    mtime_ns: r.get(1)?,
                    size: r.get::<_, i64>(2)? as u64,
                    hash: r.get::<_, i64>(3)? as u64,
                },
            ))
        })?;
        rows.collect()
    }

    /// Start a batch of changes, written in one transaction when committed
    /// (dropped uncommitted, nothing changes).
    pub fn writer(&mut self) -> rusqlite::Result<Writer<'_>> {
        // Immediate: take the write lock now, waiting for another Copydesk's
        // write to finish (a deferred transaction that read first would be
        // refused at once rather than wait).
        Ok(Writer {
            tx: self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?,
        })
    }

    /// Apply a batch of changes in one transaction: `put` (re)indexes stories,
    /// `touch` records a new time and size for unchanged bytes, `remove` drops
    /// files that are gone.
    pub fn apply(
        &mut self,
        put: &[(Indexed, Known)],
        touch: &[(String, Known)],
        remove: &[String],
    ) -> rusqlite::Result<()> {
        let writer = self.writer()?;
        for path in remove {
            writer.remove(path)?;
        }
        for (indexed, known) in put {
            writer.put(indexed, *known)?;
        }
        for (path, known) in touch {
            writer.touch(path, *known)?;
        }
        writer.commit()
    }

    /// Every story passing `filter`, in path order.
    pub fn list(&self, filter: &Filter) -> rusqlite::Result<Vec<StorySummary>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM stories s WHERE {} ORDER BY s.path",
            FILTER_SQL
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(filter_params(filter), row_summary)?;
        rows.collect()
    }

    /// Stories matching `query` (every word, each as a prefix, in any field),
    /// best first, at most `limit`, each with its best passage.
    ///
    /// "Best" is FTS5's relevance (bm25), except while every word typed is one
    /// or two letters long: such prefixes match nearly every story, relevance
    /// means nothing yet, and the newest stories come first (and fast).
    pub fn search(&self, query: &str, filter: &Filter, limit: usize) -> rusqlite::Result<Vec<Hit>> {
        let Some(fts) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let order = if is_short(query) {
            "-s.modified"
        } else {
            "fts.rank"
        };
        // Order everything that matches, but make snippets for the best only.
        let sql = format!(
            "WITH top AS (
                SELECT fts.rowid AS id, {order} AS r FROM fts JOIN stories s ON s.id = fts.rowid
                WHERE fts MATCH ?4 AND {FILTER_SQL} ORDER BY r LIMIT ?5)
             SELECT {COLUMNS}, snippet(fts, -1, char(57344), char(57345), '…', 16)
             FROM top JOIN fts ON fts.rowid = top.id JOIN stories s ON s.id = top.id
             WHERE fts MATCH ?4 ORDER BY top.r"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let (status, section, prefix) = filter_params(filter);
        let rows = stmt.query_map(params![status, section, prefix, fts, limit as i64], |row| {
            let story = row_summary(row)?;
            let snippet: String = row.get(13)?;
            Ok(Hit {
                story,
                snippet: split_snippet(&snippet),
            })
        })?;
        rows.collect()
    }

    /// Every section that holds a story, sorted.
    pub fn sections(&self) -> rusqlite::Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT section FROM stories ORDER BY section")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect()
    }
}

/// Changes to the index inside one transaction (see [`Index::writer`]).
pub struct Writer<'a> {
    tx: rusqlite::Transaction<'a>,
}

impl Writer<'_> {
    /// Drop the file at `path` from the index (nothing when it is not there).
    pub fn remove(&self, path: &str) -> rusqlite::Result<()> {
        let id = self
            .tx
            .prepare_cached("SELECT id FROM stories WHERE path = ?1")?
            .query_row([path], |r| r.get::<_, i64>(0))
            .optional()?;
        if let Some(id) = id {
            self.tx
                .prepare_cached("DELETE FROM stories WHERE id = ?1")?
                .execute([id])?;
            self.tx
                .prepare_cached("DELETE FROM fts WHERE rowid = ?1")?
                .execute([id])?;
        }
        Ok(())
    }

    /// Index a story, replacing what was known of its file.
    pub fn put(&self, indexed: &Indexed, known: Known) -> rusqlite::Result<()> {
        let s = &indexed.summary;
        self.remove(&s.path)?;
        self.tx
            .prepare_cached(
                "INSERT INTO stories(path, mtime, size, hash, slug, headline, status, section, \
                 byline, words, target, modified, last_label, errors, warnings, problem) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )?
            .execute(params![
                s.path,
                known.mtime_ns,
                known.size as i64,
                known.hash as i64,
                s.slug,
                s.headline,
                status_code(s.status),
                s.section,
                s.byline,
                s.words as i64,
                s.target.map(|t| t as i64),
                i64::try_from(s.modified.as_nanosecond()).unwrap_or(0),
                s.last_label,
                s.errors as i64,
                s.warnings as i64,
                s.problem,
            ])?;
        let id = self.tx.last_insert_rowid();
        let t = &indexed.text;
        self.tx
            .prepare_cached(
                "INSERT INTO fts(rowid, slug, headline, subhead, byline, dateline, body, note, \
                 section, status, labels) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                id, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9]
            ])?;
        Ok(())
    }

    /// Record a new time and size for a file whose bytes did not change.
    pub fn touch(&self, path: &str, known: Known) -> rusqlite::Result<()> {
        self.tx
            .prepare_cached("UPDATE stories SET mtime = ?2, size = ?3 WHERE path = ?1")?
            .execute(params![path, known.mtime_ns, known.size as i64])?;
        Ok(())
    }

    pub fn commit(self) -> rusqlite::Result<()> {
        self.tx.commit()
    }
}

const FILTER_SQL: &str = "(?1 IS NULL OR s.status = ?1) AND (?2 IS NULL OR s.section = ?2 \
     OR substr(s.section, 1, length(?3)) = ?3)";

fn filter_params(filter: &Filter) -> (Option<i64>, Option<String>, Option<String>) {
    let section = filter
        .section
        .as_ref()
        .map(|s| s.trim_matches('/').to_owned());
    (
        filter.status.map(status_code),
        section.clone(),
        section.map(|s| format!("{s}/")),
    )
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    // A cache on a folder other machines may share: the classic rollback
    // journal (WAL needs shared memory, which network file systems lack), and
    // a wait rather than an error when another Copydesk is writing.
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// Create the tables in an empty database. Idempotent and safe when two
/// Copydesks create the same desk's index at once: the first to take the write
/// lock creates them, the other finds them there.
fn init(conn: &Connection, settings: &str) -> rusqlite::Result<()> {
    configure(conn)?;
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let created = (|| {
        if table_count(conn)? > 0 {
            return Ok(());
        }
        conn.execute_batch(SCHEMA)?;
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('settings', ?1)",
            [settings],
        )?;
        // Bigger in-memory batches before FTS5 writes a segment: fewer merges
        // while a whole desk is indexed.
        conn.execute(
            "INSERT INTO fts(fts, rank) VALUES ('hashsize', 16777216)",
            [],
        )?;
        conn.pragma_update(None, "user_version", SCHEMA_VERSION)
    })();
    match created {
        Ok(()) => conn.execute_batch("COMMIT"),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

fn table_count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
}

fn remove_index_files(path: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = fs::remove_file(PathBuf::from(p));
    }
}

/// The FTS5 query for what the editor typed: every word must appear, each as
/// a prefix (so results come as they type). Words are quoted, so no character
/// typed can be read as FTS5 syntax.
pub fn fts_query(typed: &str) -> Option<String> {
    let terms: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// Whether every word typed is at most two letters (see [`Index::search`]).
fn is_short(typed: &str) -> bool {
    typed
        .split(|c: char| !c.is_alphanumeric())
        .all(|w| w.chars().count() <= 2)
}

fn split_snippet(snippet: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut current = String::new();
    let mut in_hit = false;
    for c in snippet.chars() {
        match c {
            HIT_START | HIT_END => {
                if !current.is_empty() {
                    out.push((std::mem::take(&mut current), in_hit));
                }
                in_hit = c == HIT_START;
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push((current, in_hit));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_words_become_quoted_prefixes() {
        assert_eq!(
            fts_query("harb foot").as_deref(),
            Some("\"harb\"* \"foot\"*")
        );
        assert_eq!(
            fts_query("Міст \"OR\" NEAR(").as_deref(),
            Some("\"Міст\"* \"OR\"* \"NEAR\"*")
        );
        assert_eq!(fts_query("  — … "), None);
    }

    #[test]
    fn snippets_split_into_runs() {
        let s = format!("the {HIT_START}harbour{HIT_END} bridge");
        assert_eq!(
            split_snippet(&s),
            vec![
                ("the ".to_owned(), false),
                ("harbour".to_owned(), true),
                (" bridge".to_owned(), false)
            ]
        );
        assert_eq!(super::super::summary::SEARCH_COLUMNS.len(), 10);
    }
}
