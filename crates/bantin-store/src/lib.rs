//! # bantin-store
//!
//! A corpus that grows as pages arrive and that people query: an embedded SQLite database
//! (records, entities and their spellings, pages by content hash) beside a tantivy index
//! with a Vietnamese analyzer (exact and folded forms, so queries work with or without tone
//! marks). Nothing to install: both live in one directory.
//!
//! SQLite is the source of truth. An ingest commits pages in batches: first the database
//! (one transaction per batch), then the index, whose commit records the last article it
//! holds. A store killed at any point opens consistent: articles the index is missing are
//! indexed again from the database, and copies and stories, derived data, are computed again
//! when the last ingest did not finish them. Ingesting the same bytes again changes nothing.

pub mod analyzer;
mod codec;
mod error;
mod group;
mod index;
mod ingest;
mod lock;
mod query;

use bantin::{AliasFile, CopySignature, Engine, EntityType, PageAnalysis, Record};
use rayon::prelude::*;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use codec::{decode_record, encode_record};
pub use error::{Error, ErrorKind};
pub use index::{Hit, Query, Results};

/// Result of store operations.
pub type Result<T> = std::result::Result<T, Error>;

/// Pages per batch: one database transaction and one index commit each.
pub const BATCH: usize = 2000;

/// Schema version, kept in the database.
const SCHEMA: &str = "3";

/// Schema 1 kept each article's search text and its record as plain JSON; schema 2 makes
/// the text from the record when needed and keeps the record compressed.
const FROM_SCHEMA_1: &str = "ALTER TABLE articles DROP COLUMN text;";

/// Schema 2 kept each article's signatures (its story signature as JSON, its minhash), most
/// of a store's size for short articles; schema 3 makes them from the record when needed.
const FROM_SCHEMA_2: &str = "ALTER TABLE articles DROP COLUMN signature;
ALTER TABLE articles DROP COLUMN minhash;";

/// One page to ingest.
#[derive(Clone, Debug)]
pub struct Page {
    /// Its name (a path, a URL, an upload's name): the records' `source`.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What an ingest did.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct IngestReport {
    /// Pages read and added.
    pub pages_added: usize,
    /// Pages already in the store (same bytes), left alone.
    pub pages_unchanged: usize,
    /// Pages added that replaced an earlier version of the same name (counted in
    /// `pages_added` too): the earlier version's articles are gone from the store.
    pub pages_replaced: usize,
    /// Pages that could not be read, with the reason (kept, so that they are not read again).
    pub pages_failed: Vec<(String, String)>,
    /// Articles added.
    pub articles_added: usize,
    /// Articles in the store now.
    pub articles: usize,
    /// Stories in the store now.
    pub stories: usize,
}

/// A short view of an article.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ArticleSummary {
    /// The store's id of the article.
    pub id: i64,
    /// The page it came from.
    pub source: String,
    /// Its place in the page.
    pub index: usize,
    /// Its title.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Its story.
    pub story: Option<String>,
    /// The article it is a copy of, when it is one.
    pub copy_of: Option<i64>,
}

/// An entity of the store.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct EntityInfo {
    /// Its id.
    pub id: String,
    /// PER, LOC, ORG or MISC.
    #[serde(rename = "type")]
    pub ty: String,
    /// Its most frequent spelling.
    pub name: String,
    /// Mentions in the store.
    pub mentions: usize,
    /// Articles naming it.
    pub articles: usize,
    /// Spellings with counts, most frequent first.
    pub variants: Vec<(String, usize)>,
}

/// A row of the stories table, as regrouping builds it.
struct StoryRow<'a> {
    articles: usize,
    first_article: i64,
    first: Option<&'a str>,
    last: Option<&'a str>,
    title: Option<&'a str>,
}

/// A story's digest with its articles (ids and records).
pub type StoryView = (bantin::Story, Vec<(i64, Record)>);

/// A story of the store.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct StoryInfo {
    /// `story-<hex>`, stable while the story keeps its first article.
    pub id: String,
    /// Title of its first article with one.
    pub title: Option<String>,
    /// Articles.
    pub articles: usize,
    /// Earliest publication date.
    pub first: Option<String>,
    /// Latest publication date.
    pub last: Option<String>,
}

/// The figures of a store.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Stats {
    /// Pages ingested (read or not).
    pub pages: usize,
    /// Articles.
    pub articles: usize,
    /// Entities.
    pub entities: usize,
    /// Stories.
    pub stories: usize,
    /// Documents in the search index (equal to articles in a consistent store).
    pub indexed: usize,
}

/// Progress of an ingest, for a bar.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    /// Pages handled so far.
    pub pages: usize,
    /// Articles added so far.
    pub articles: usize,
}

/// A store in a directory.
pub struct Store {
    dir: PathBuf,
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
    index: index::SearchIndex,
    engine: Engine,
    stats_cache: Mutex<Option<(std::time::Instant, Stats)>>,
    searches: Mutex<HashMap<String, (SearchVersion, Results)>>,
    /// What grouping reads of each article, made from its record once per process: the
    /// articles this process added, and those it read at its first regrouping.
    grouping: Mutex<HashMap<i64, Grouped>>,
    regrouped: std::sync::atomic::AtomicU64,
    /// One writer at a time, across processes, for one batch at a time.
    lock: lock::WriteLock,
    /// How long a write waits for the lock before it answers [`Error::Busy`], in ms.
    lock_wait_ms: std::sync::atomic::AtomicU64,
    /// Opened on files that cannot be written: reads only.
    read_only: bool,
}

use group::Grouped;

/// What a kept search answer depends on: the index's generation and the stories' version.
type SearchVersion = (u64, u64);

/// Search answers kept at most (the cache is emptied when full).
pub const CACHED_SEARCHES: usize = 4096;

/// How long a write waits for another writer by default.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

fn db_path(dir: &Path) -> PathBuf {
    dir.join("bantin.sqlite")
}

fn connect(dir: &Path) -> Result<Connection> {
    let c = Connection::open(db_path(dir))?;
    c.busy_timeout(std::time::Duration::from_secs(30))?;
    // a new database only: rows of 1-5 KB (a compressed record) fill large pages better
    // than 4 KB ones, one row and a hole each
    c.pragma_update(None, "page_size", 16384)?;
    c.pragma_update(None, "journal_mode", "WAL")?;
    // durable at each commit: the index commits after the database, and must never hold
    // an article a power cut took from the database
    c.pragma_update(None, "synchronous", "FULL")?;
    c.pragma_update(None, "foreign_keys", "ON")?;
    Ok(c)
}

/// A connection to a store whose files cannot be written (a read-only mount, a copy on a
/// disc): nobody can change it, so SQLite is told it is immutable.
fn connect_read_only(dir: &Path) -> Result<Connection> {
    use rusqlite::OpenFlags;
    let path = db_path(dir);
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let mut uri = String::from("file:");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'%' | b'?' | b'#' => uri.push_str(&format!("%{b:02X}")),
            _ => uri.push(b as char),
        }
    }
    uri.push_str("?immutable=1");
    Ok(Connection::open_with_flags(uri, flags)?)
}

/// A test hook, as a power cut: the process stops at once where `BANTIN_FAILPOINT` names.
fn failpoint(name: &str) {
    if std::env::var_os("BANTIN_FAILPOINT").is_some_and(|v| v == name) {
        eprintln!("bantin-store: failpoint {name}: stopping");
        std::process::abort();
    }
}

const TABLES: &str = "
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages(
  hash TEXT PRIMARY KEY, source TEXT NOT NULL, bytes INTEGER NOT NULL,
  articles INTEGER NOT NULL, error TEXT);
CREATE TABLE IF NOT EXISTS articles(
  id INTEGER PRIMARY KEY, page TEXT NOT NULL REFERENCES pages(hash), source TEXT NOT NULL,
  idx INTEGER NOT NULL, title TEXT, published TEXT, story TEXT, copy_of INTEGER,
  record BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story);
CREATE TABLE IF NOT EXISTS stories(
  id TEXT PRIMARY KEY, articles INTEGER NOT NULL, first TEXT, last TEXT, title TEXT,
  first_article INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS stories_size ON stories(articles DESC, first_article);
CREATE TABLE IF NOT EXISTS story_digests(
  id TEXT PRIMARY KEY, members TEXT NOT NULL, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mentions(article INTEGER NOT NULL REFERENCES articles(id), entity TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity);
CREATE TABLE IF NOT EXISTS entities(
  id TEXT PRIMARY KEY, type TEXT NOT NULL, mentions INTEGER NOT NULL, articles INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS variants(
  entity TEXT NOT NULL, text TEXT NOT NULL, norm TEXT NOT NULL, last TEXT, folded TEXT NOT NULL,
  count INTEGER NOT NULL, PRIMARY KEY(entity, text));
CREATE INDEX IF NOT EXISTS variants_norm ON variants(norm);
CREATE INDEX IF NOT EXISTS variants_last ON variants(last);
CREATE INDEX IF NOT EXISTS variants_folded ON variants(folded);
CREATE INDEX IF NOT EXISTS pages_source ON pages(source);
CREATE TABLE IF NOT EXISTS index_deletes(article INTEGER PRIMARY KEY);
";

/// A spelling compared by: lower case, one tone-mark placement, words joined by one space.
fn norm(name: &str) -> String {
    analyzer::terms(name, false).join(" ")
}

/// The text searched and shown in snippets: title, then paragraphs, one a line.
fn search_text(r: &Record) -> String {
    let mut t = String::new();
    if let Some(x) = &r.title {
        t.push_str(&x.text);
        t.push('\n');
    }
    for p in &r.paragraphs {
        t.push_str(&p.text);
        t.push('\n');
    }
    t
}

impl Store {
    /// Opens the store in `dir`, creating it when missing, and brings it to a consistent
    /// state if an ingest was interrupted. `aliases` are the user's alias files (TOML text).
    ///
    /// The alias files given are kept in the store and used again whenever it is opened
    /// without any; giving new ones replaces them (for pages ingested from then on).
    ///
    /// A store whose files cannot be written opens for reading only; a store another
    /// process is writing to opens at once, and that writer brings it to a consistent state.
    pub fn open(dir: &Path, aliases: &[String]) -> Result<Store> {
        if !dir.exists() {
            std::fs::create_dir_all(dir)?;
        }
        // the lock while opening; the store's own is made with the store
        let opening = lock::WriteLock::new(dir);
        let exists = db_path(dir).exists();
        let mut read_only = false;
        let held = match opening.take(LOCK_WAIT.min(std::time::Duration::from_secs(2))) {
            Ok(h) => Some(h),
            Err(Error::ReadOnly(..)) if exists => {
                read_only = true;
                None
            }
            Err(Error::Busy(_)) if exists => None,
            Err(Error::ReadOnly(_, why)) => return Err(Error::ReadOnly(dir.to_path_buf(), why)),
            Err(e) => return Err(e),
        };
        let writer = if read_only {
            connect_read_only(dir)?
        } else {
            connect(dir)?
        };
        if held.is_some() {
            writer.execute_batch(TABLES)?;
        }
        Self::check_schema(&writer, held.is_some(), dir)?;
        let kept: Option<String> = writer
            .query_row("SELECT value FROM meta WHERE key='aliases'", [], |r| {
                r.get::<_, String>(0)
            })
            .optional()?;
        let aliases: Vec<String> = if aliases.is_empty() {
            match kept {
                None => Vec::new(),
                Some(j) => serde_json::from_str(&j).map_err(|e| {
                    Error::Incompatible(format!("the store's alias files do not read: {e}"))
                })?,
            }
        } else {
            aliases.to_vec()
        };
        let files = aliases
            .iter()
            .map(|t| AliasFile::parse(t).map_err(|e| Error::Aliases(e.to_string())))
            .collect::<Result<Vec<_>>>()?;
        let engine = files
            .into_iter()
            .fold(bantin::Config::new(), bantin::Config::alias_file)
            .build()
            .map_err(|e| Error::Aliases(e.to_string()))?;
        if !aliases.is_empty() && held.is_some() {
            let json = serde_json::to_string(&aliases)
                .map_err(|e| Error::Encode("alias files".to_string(), e))?;
            Self::set_meta(&writer, "aliases", &json)?;
        }
        let readers = (0..4)
            .map(|_| {
                if read_only {
                    connect_read_only(dir)
                } else {
                    connect(dir)
                }
                .map(Mutex::new)
            })
            .collect::<Result<Vec<_>>>()?;
        let at = dir.join("index");
        let index = match index::SearchIndex::open(&at, read_only) {
            Ok(i) => i,
            // derived data: a damaged index is made again from the database
            Err(Error::Index(e)) if held.is_some() => {
                tracing::warn!(error = %e, "the search index is damaged: rebuilding it from the database");
                std::fs::remove_dir_all(&at)?;
                index::SearchIndex::open(&at, false)?
            }
            Err(e) => return Err(e),
        };
        let store = Store {
            dir: dir.to_path_buf(),
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
            index,
            engine,
            stats_cache: Mutex::new(None),
            grouping: Mutex::new(HashMap::new()),
            searches: Mutex::new(HashMap::new()),
            regrouped: std::sync::atomic::AtomicU64::new(0),
            lock: lock::WriteLock::new(dir),
            lock_wait_ms: std::sync::atomic::AtomicU64::new(LOCK_WAIT.as_millis() as u64),
            read_only,
        };
        if held.is_some() {
            store.recover()?;
        }
        drop(held);
        Ok(store)
    }

    /// Brings a store of an earlier schema to this one (when it can be written), or says
    /// why it cannot be read.
    fn check_schema(writer: &Connection, writable: bool, dir: &Path) -> Result<()> {
        let version: Option<String> = writer
            .query_row("SELECT value FROM meta WHERE key='schema'", [], |r| {
                r.get(0)
            })
            .optional()?;
        match version.as_deref() {
            None if writable => {
                writer.execute(
                    "INSERT INTO meta(key, value) VALUES('schema', ?1)",
                    [SCHEMA],
                )?;
            }
            Some(SCHEMA) => {}
            Some("1") if writable => {
                Self::migrate_from_1(writer)?;
                Self::migrate_from_2(writer)?;
            }
            Some("2") if writable => Self::migrate_from_2(writer)?,
            v => {
                return Err(Error::Incompatible(format!(
                    "{} holds a store of schema {}; this bantin reads schema {SCHEMA}",
                    dir.display(),
                    v.unwrap_or("(none)")
                )))
            }
        }
        Ok(())
    }

    /// Schema 1 to 2: records compressed, search text no longer kept.
    fn migrate_from_1(c: &Connection) -> Result<()> {
        tracing::info!("moving the store to schema 2");
        let tx = c.unchecked_transaction()?;
        {
            let mut st = tx.prepare("SELECT id, record FROM articles ORDER BY id")?;
            let mut up = tx.prepare("UPDATE articles SET record=?2 WHERE id=?1")?;
            let rows = st
                .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (id, json) in rows {
                let rec = decode_record(id, json.as_bytes())?;
                up.execute(params![id, encode_record(&rec)?])?;
            }
        }
        tx.execute_batch(FROM_SCHEMA_1)?;
        Self::set_meta(&tx, "schema", "2")?;
        tx.commit()?;
        Ok(())
    }

    /// Schema 2 to 3: signatures no longer kept (the space they held is reused by later
    /// writes; `VACUUM` gives it back to the file system).
    fn migrate_from_2(c: &Connection) -> Result<()> {
        tracing::info!("moving the store to schema {SCHEMA}");
        let tx = c.unchecked_transaction()?;
        tx.execute_batch(FROM_SCHEMA_2)?;
        Self::set_meta(&tx, "schema", SCHEMA)?;
        tx.commit()?;
        Ok(())
    }

    /// Opened for reading only (the store's files cannot be written).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// How long a write waits for another writer before it gives up with [`Error::Busy`]
    /// (default [`LOCK_WAIT`]).
    pub fn set_lock_wait(&self, wait: std::time::Duration) {
        self.lock_wait_ms
            .store(wait.as_millis() as u64, Ordering::Relaxed);
    }

    /// Takes the writer lock for one batch.
    fn write_lock(&self) -> Result<lock::Held<'_>> {
        if self.read_only {
            return Err(Error::ReadOnly(
                self.dir.clone(),
                "opened for reading only".to_string(),
            ));
        }
        let wait = std::time::Duration::from_millis(self.lock_wait_ms.load(Ordering::Relaxed));
        self.lock.take(wait).map_err(|e| match e {
            Error::ReadOnly(_, why) => Error::ReadOnly(self.dir.clone(), why),
            e => e,
        })
    }

    /// The store's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let n = self.next_reader.fetch_add(1, Ordering::Relaxed);
        for k in 0..self.readers.len() {
            if let Ok(c) = self.readers[(n + k) % self.readers.len()].try_lock() {
                return f(&c);
            }
        }
        let c = self.readers[n % self.readers.len()]
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        f(&c)
    }

    fn max_article(c: &Connection) -> Result<i64> {
        Ok(
            c.query_row("SELECT COALESCE(MAX(id), 0) FROM articles", [], |r| {
                r.get(0)
            })?,
        )
    }

    fn meta_i64(c: &Connection, key: &str) -> Result<i64> {
        Ok(
            c.query_row("SELECT value FROM meta WHERE key=?1", [key], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
        )
    }

    fn set_meta(c: &Connection, key: &str, value: &str) -> Result<()> {
        c.execute(
            "INSERT INTO meta(key, value) VALUES(?1, ?2) \
             ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    fn index_deletes(c: &Connection) -> Result<Vec<i64>> {
        let mut st = c.prepare_cached("SELECT article FROM index_deletes ORDER BY article")?;
        let ids = st
            .query_map([], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ids)
    }

    /// After an interrupted ingest (the writer lock held): index what the index is missing,
    /// group again.
    fn recover(&self) -> Result<()> {
        let c = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        self.repair_index(&c)?;
        let max = Self::max_article(&c)?;
        let listed: i64 = c.query_row("SELECT COUNT(*) FROM stories", [], |r| r.get(0))?;
        if Self::meta_i64(&c, "grouped_upto")? < max || (listed == 0 && max > 0) {
            drop(c);
            self.regroup()?;
        }
        Ok(())
    }

    /// Brings the index to the database (the writer lock held): what a writer stopped
    /// between the two commits left undone. The database is the truth: articles it holds
    /// and the index misses are indexed, articles it dropped (replaced pages, or commits a
    /// power cut took) leave the index.
    fn repair_index(&self, c: &Connection) -> Result<()> {
        let last = Self::meta_i64(c, "last_article")?.max(Self::max_article(c)?);
        let indexed = self.index.indexed_upto();
        let gone = Self::index_deletes(c)?;
        if indexed > last {
            tracing::warn!(
                indexed,
                last,
                "the index holds articles the database lost: removing them"
            );
            self.index
                .write(&[], &gone, Some(last + 1), last, || Ok(()))?;
        } else if !gone.is_empty() {
            tracing::info!(
                articles = gone.len(),
                "removing replaced articles from the index"
            );
            self.index.write(&[], &gone, None, indexed, || Ok(()))?;
        }
        if !gone.is_empty() {
            c.execute("DELETE FROM index_deletes", [])?;
        }
        let indexed = self.index.indexed_upto();
        if indexed < last {
            tracing::info!(
                from = indexed + 1,
                to = last,
                "indexing articles the index misses"
            );
            let mut st =
                c.prepare("SELECT id, record FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2")?;
            let mut from = indexed;
            loop {
                let rows = st
                    .query_map(params![from, 5000], |r| {
                        Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                let Some(&(end, _)) = rows.last() else { break };
                let docs = rows
                    .iter()
                    .map(|(id, b)| Ok((*id, decode_record(*id, b)?)))
                    .collect::<Result<Vec<_>>>()?;
                let refs: Vec<(i64, &Record)> = docs.iter().map(|(i, r)| (*i, r)).collect();
                self.index.write(&refs, &[], None, end, || Ok(()))?;
                from = end;
            }
            if self.index.indexed_upto() < last {
                // the newest articles were removed since: say the index holds them all
                self.index.write(&[], &[], None, last, || Ok(()))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod fault_tests;
#[cfg(test)]
mod tests;
