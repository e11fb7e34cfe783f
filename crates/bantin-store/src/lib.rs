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
mod index;
mod lock;

use bantin::digest::{self, dedup};
use bantin::entities::kb::{AliasFile, Kb};
use bantin::entities::{EntityType, Recognizer};
use bantin::pipeline::{self, PageAnalysis};
use bantin::record::Record;
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
pub type StoryView = (digest::Story, Vec<(i64, Record)>);

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
    recognizer: Recognizer,
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

/// What copy detection and story clustering read of an article.
#[derive(Clone)]
struct Grouped {
    minhash: Option<dedup::Signature>,
    story: bantin::stories::Signature,
}

impl Grouped {
    fn of(r: &Record) -> Grouped {
        Grouped {
            minhash: dedup::Signature::of(&digest::article_words(r)),
            story: r.signature(),
        }
    }
}

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
        let version: Option<String> = writer
            .query_row("SELECT value FROM meta WHERE key='schema'", [], |r| {
                r.get(0)
            })
            .optional()?;
        match version.as_deref() {
            None if held.is_some() => {
                writer.execute(
                    "INSERT INTO meta(key, value) VALUES('schema', ?1)",
                    [SCHEMA],
                )?;
            }
            Some(SCHEMA) => {}
            Some("1") if held.is_some() => {
                Self::migrate_from_1(&writer)?;
                Self::migrate_from_2(&writer)?;
            }
            Some("2") if held.is_some() => Self::migrate_from_2(&writer)?,
            v => {
                return Err(Error::Incompatible(format!(
                    "{} holds a store of schema {}; this bantin reads schema {SCHEMA}",
                    dir.display(),
                    v.unwrap_or("(none)")
                )))
            }
        }
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
        let kb = Kb::new(&files).map_err(|e| Error::Aliases(e.to_string()))?;
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
            recognizer: Recognizer::new(kb),
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

    /// Adds pages. Pages already in the store (same bytes) are skipped; each batch of
    /// [`BATCH`] pages is committed on its own, so an interrupted ingest keeps what it did.
    ///
    /// Pages are read without the writer lock; each batch takes it for its two commits
    /// only, waiting for another writer at most the lock wait ([`Error::Busy`] after). A
    /// batch is kept whole or not at all. When a batch fails after others were committed,
    /// the error is [`Error::Interrupted`], with what was kept.
    pub fn ingest(
        &self,
        pages: impl IntoIterator<Item = Page>,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<IngestReport> {
        if self.read_only {
            return Err(Error::ReadOnly(
                self.dir.clone(),
                "opened for reading only".to_string(),
            ));
        }
        let mut report = IngestReport::default();
        let mut batch = Vec::with_capacity(BATCH);
        let mut done = Progress {
            pages: 0,
            articles: 0,
        };
        let mut it = pages.into_iter();
        loop {
            batch.clear();
            batch.extend(it.by_ref().take(BATCH));
            if batch.is_empty() {
                break;
            }
            if let Err(e) = self.ingest_batch(&batch, &mut report) {
                return Err(self.stopped(report, e));
            }
            done.pages += batch.len();
            done.articles = report.articles_added;
            progress(done);
        }
        if report.articles_added > 0 {
            let grouped = self.write_lock().and_then(|_held| self.regroup());
            if let Err(e) = grouped {
                return Err(self.stopped(report, e));
            }
        }
        let s = self.stats()?;
        report.articles = s.articles;
        report.stories = s.stories;
        Ok(report)
    }

    /// The error of an ingest stopped by `e`, saying what it kept.
    fn stopped(&self, mut report: IngestReport, e: Error) -> Error {
        if let Error::Interrupted { .. } = e {
            return e;
        }
        if report.pages_added == 0 && report.pages_replaced == 0 {
            return e;
        }
        if let Ok(s) = self.count() {
            report.articles = s.articles;
            report.stories = s.stories;
        }
        Error::Interrupted {
            kept: Box::new(report),
            cause: Box::new(e),
        }
    }

    fn ingest_batch(&self, batch: &[Page], report: &mut IngestReport) -> Result<()> {
        // read without the lock: pages already stored, or twice in this batch, are left alone
        let hashes: Vec<String> = batch
            .par_iter()
            .map(|p| blake3::hash(&p.bytes).to_hex().to_string())
            .collect();
        let mut seen = HashSet::new();
        let mut fresh: Vec<(&Page, String)> = Vec::new();
        self.read(|c| {
            let mut known = c.prepare_cached("SELECT 1 FROM pages WHERE hash=?1")?;
            for (p, h) in batch.iter().zip(hashes) {
                if !seen.insert(h.clone()) || known.exists([&h])? {
                    report.pages_unchanged += 1;
                    continue;
                }
                fresh.push((p, h));
            }
            Ok(())
        })?;
        // a name given twice with different bytes in one batch: the last version wins
        let mut last_of: HashMap<&str, usize> = HashMap::new();
        for (i, (p, _)) in fresh.iter().enumerate() {
            last_of.insert(p.name.as_str(), i);
        }
        let mut doubled = 0;
        if last_of.len() < fresh.len() {
            let before = fresh.len();
            let mut i = 0;
            fresh.retain(|(p, _)| {
                i += 1;
                last_of[p.name.as_str()] == i - 1
            });
            doubled = before - fresh.len();
        }
        let recognizer = &self.recognizer;
        let analysed: Vec<std::result::Result<PageAnalysis, String>> = fresh
            .par_iter()
            .map(|(p, _)| {
                std::panic::catch_unwind(|| {
                    pipeline::analyze_page(&p.name, &p.bytes, recognizer).map_err(|e| e.to_string())
                })
                .unwrap_or_else(|_| Err("internal error".to_string()))
            })
            .collect();
        let mut ok_pages = Vec::new();
        let mut errors: HashMap<usize, String> = HashMap::new();
        for (i, a) in analysed.into_iter().enumerate() {
            match a {
                Ok(pa) => ok_pages.push(pa),
                Err(e) => {
                    errors.insert(i, e);
                }
            }
        }
        let counts: Vec<usize> = ok_pages.iter().map(|p| p.records.len()).collect();
        let (records, entities) = pipeline::link(recognizer, ok_pages);
        // each fresh page: its records, or why it could not be read
        let mut outcome: Vec<std::result::Result<Vec<Record>, String>> =
            Vec::with_capacity(fresh.len());
        {
            let mut recs = records.into_iter();
            let mut per_page = counts.iter();
            for i in 0..fresh.len() {
                match errors.remove(&i) {
                    Some(e) => outcome.push(Err(e)),
                    None => {
                        let n = *per_page.next().unwrap_or(&0);
                        outcome.push(Ok(recs.by_ref().take(n).collect()));
                    }
                }
            }
        }

        // the writer's turn: one transaction, one index commit, then the lock goes
        let _held = self.write_lock()?;
        let mut c = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        // what a writer stopped before us left undone
        self.repair_index(&c)?;
        let tx = c.transaction()?;
        // pages another writer stored since they were looked up
        let mut keep = vec![true; fresh.len()];
        {
            let mut known = tx.prepare_cached("SELECT 1 FROM pages WHERE hash=?1")?;
            for (k, (_, h)) in keep.iter_mut().zip(&fresh) {
                *k = !known.exists([h])?;
            }
        }
        let unchanged = keep.iter().filter(|k| !**k).count();
        let remap = reconcile(&tx, &entities)?;
        for (o, k) in outcome.iter_mut().zip(&keep) {
            if let (Ok(recs), true) = (o, k) {
                recs.iter_mut().for_each(|r| remap_ids(r, &remap));
            }
        }
        // the database first: ids only grow, even when the newest articles are removed
        // below, so an id the index has seen never names another article
        let mut next_id = Self::meta_i64(&tx, "last_article")?.max(Self::max_article(&tx)?) + 1;
        // earlier versions of pages read again with new bytes go, articles and all
        let mut gone: Vec<i64> = Vec::new();
        let replaced = {
            let mut older = Vec::new();
            for ((p, h), (o, k)) in fresh.iter().zip(outcome.iter().zip(&keep)) {
                // a version with no article does not replace one that has some
                if let (Ok(recs), true) = (o, k) {
                    if !recs.is_empty() {
                        older.push((p.name.as_str(), h.as_str()));
                    }
                }
            }
            remove_older_versions(&tx, &older, &mut gone)?
        };
        let mut added: Vec<(i64, &Record)> = Vec::new();
        let mut failed = Vec::new();
        {
            let mut ins_page = tx.prepare_cached(
                "INSERT INTO pages(hash, source, bytes, articles, error) VALUES(?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut ins_art = tx.prepare_cached(
                "INSERT INTO articles(id, page, source, idx, title, published, record) \
                 VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let mut ins_mention =
                tx.prepare_cached("INSERT INTO mentions(article, entity) VALUES(?1, ?2)")?;
            for (((p, h), o), k) in fresh.iter().zip(&outcome).zip(&keep) {
                if !k {
                    continue;
                }
                let recs = match o {
                    Err(e) => {
                        ins_page.execute(params![h, p.name, p.bytes.len() as i64, 0, e])?;
                        failed.push((p.name.clone(), e.clone()));
                        continue;
                    }
                    Ok(recs) => recs,
                };
                ins_page.execute(params![
                    h,
                    p.name,
                    p.bytes.len() as i64,
                    recs.len() as i64,
                    None::<String>
                ])?;
                for r in recs {
                    let id = next_id;
                    next_id += 1;
                    ins_art.execute(params![
                        id,
                        h,
                        r.source,
                        r.index as i64,
                        r.title.as_ref().map(|t| t.text.as_str()),
                        r.published,
                        encode_record(r)?,
                    ])?;
                    let mut ids: Vec<&str> = r.entities.iter().map(|e| e.id.as_str()).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    for e in ids {
                        ins_mention.execute(params![id, e])?;
                    }
                    added.push((id, r));
                }
            }
        }
        let kept: Vec<&Record> = added.iter().map(|(_, r)| *r).collect();
        upsert_entities(&tx, &kept, 1)?;
        if let Some((last, _)) = added.last() {
            Self::set_meta(&tx, "last_article", &last.to_string())?;
        }
        let pages_added = keep.iter().filter(|k| **k).count() - failed.len();
        let mut count = |report: &mut IngestReport| {
            report.pages_unchanged += unchanged;
            report.pages_replaced += replaced + doubled;
            report.pages_added += pages_added;
            report.articles_added += added.len();
            report.pages_failed.append(&mut failed);
        };
        let Some(&(last, _)) = added.last() else {
            tx.commit()?;
            count(report);
            return Ok(());
        };
        // then the index: its segments are written before the database commits, so that a
        // full disk or a damaged index stops the batch with nothing kept; its commit, made
        // right after the database's, says which articles it holds
        let mut db_committed = false;
        let written = self.index.write(&added, &gone, None, last, || {
            tx.commit()?;
            db_committed = true;
            failpoint("between-commits");
            Ok(())
        });
        if db_committed {
            // kept for regrouping: ids are never given twice once committed
            let made: Vec<(i64, Grouped)> = added
                .par_iter()
                .map(|&(id, r)| (id, Grouped::of(r)))
                .collect();
            self.grouping
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend(made);
        }
        match written {
            Ok(()) => {
                count(report);
                if !gone.is_empty() {
                    c.execute("DELETE FROM index_deletes", [])?;
                }
                Ok(())
            }
            Err(e) if db_committed => {
                // the database holds the batch: the next writer, or the next open, indexes it
                count(report);
                Err(Error::Interrupted {
                    kept: Box::new(report.clone()),
                    cause: Box::new(Error::Incompatible(format!(
                        "the search index could not take the last {} articles ({e}); they are in the database and will be indexed when the store is next written to or opened",
                        added.len()
                    ))),
                })
            }
            Err(e) => Err(e),
        }
    }

    /// The signatures of articles `ids`: those this process holds, the others made from
    /// their records (on every core) and kept; articles gone from the store are forgotten.
    /// A record that does not read is an error, never an empty signature that would
    /// quietly put its article in a story of its own.
    #[allow(clippy::type_complexity)]
    fn signatures(
        &self,
        c: &Connection,
        ids: &[i64],
    ) -> Result<(
        Vec<Option<dedup::Signature>>,
        Vec<bantin::stories::Signature>,
    )> {
        let mut held = self.grouping.lock().unwrap_or_else(|e| e.into_inner());
        let missing: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|id| !held.contains_key(id))
            .collect();
        if !missing.is_empty() {
            let mut st = c.prepare_cached("SELECT record FROM articles WHERE id=?1")?;
            for chunk in missing.chunks(4096) {
                let bytes = chunk
                    .iter()
                    .map(|&id| Ok((id, st.query_row([id], |r| r.get::<_, Vec<u8>>(0))?)))
                    .collect::<Result<Vec<_>>>()?;
                let made = bytes
                    .par_iter()
                    .map(|(id, b)| Ok((*id, Grouped::of(&decode_record(*id, b)?))))
                    .collect::<Result<Vec<_>>>()?;
                held.extend(made);
            }
        }
        if held.len() > ids.len() {
            let present: HashSet<i64> = ids.iter().copied().collect();
            held.retain(|id, _| present.contains(id));
        }
        Ok(ids
            .iter()
            .map(|id| {
                let g = &held[id];
                (g.minhash.clone(), g.story.clone())
            })
            .unzip())
    }

    /// Computes copies and stories again over every article, from their signatures (made
    /// from the records the first time this process meets an article), and writes the
    /// changes. Articles keep their story ids unless a new article joins their
    /// story to an older one.
    pub fn regroup(&self) -> Result<()> {
        let mut c = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let mut ids = Vec::new();
        let mut current: Vec<(Option<String>, Option<i64>)> = Vec::new();
        let mut about: Vec<(Option<String>, Option<String>)> = Vec::new();
        {
            let mut st =
                c.prepare("SELECT id, story, copy_of, title, published FROM articles ORDER BY id")?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                ids.push(r.get::<_, i64>(0)?);
                current.push((r.get::<_, Option<String>>(1)?, r.get::<_, Option<i64>>(2)?));
                about.push((
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(3)?,
                ));
            }
        }
        let (sigs, story_sigs) = self.signatures(&c, &ids)?;
        let g = digest::group_signatures(&sigs, story_sigs);
        let tx = c.transaction()?;
        {
            let mut up =
                tx.prepare_cached("UPDATE articles SET story=?2, copy_of=?3 WHERE id=?1")?;
            for (k, &id) in ids.iter().enumerate() {
                let story = &g.story_ids[g.story[k]];
                let copy = (g.copy_of[k] != k).then(|| ids[g.copy_of[k]]);
                if current[k].0.as_deref() != Some(story.as_str()) || current[k].1 != copy {
                    up.execute(params![id, story, copy])?;
                }
            }
        }
        // the stories table: one row per story, for listing without scanning articles
        let mut rows: Vec<StoryRow> = Vec::new();
        for (k, &id) in ids.iter().enumerate() {
            let s = g.story[k];
            if s == rows.len() {
                rows.push(StoryRow {
                    articles: 0,
                    first_article: id,
                    first: None,
                    last: None,
                    title: None,
                });
            }
            let row = &mut rows[s];
            row.articles += 1;
            if let Some(p) = about[k].0.as_deref() {
                row.first = Some(row.first.map_or(p, |f| f.min(p)));
                row.last = Some(row.last.map_or(p, |l| l.max(p)));
            }
            if row.title.is_none() {
                row.title = about[k].1.as_deref();
            }
        }
        tx.execute("DELETE FROM stories", [])?;
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO stories(id, articles, first, last, title, first_article) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (s, r) in rows.iter().enumerate() {
                ins.execute(params![
                    g.story_ids[s],
                    r.articles as i64,
                    r.first,
                    r.last,
                    r.title,
                    r.first_article
                ])?;
            }
        }
        let max = ids.last().copied().unwrap_or(0);
        Self::set_meta(&tx, "grouped_upto", &max.to_string())?;
        tx.commit()?;
        drop(c);
        *self.stats_cache.lock().unwrap_or_else(|e| e.into_inner()) = None;
        self.regrouped.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// The store's figures (kept for a second: a busy server asks often).
    pub fn stats(&self) -> Result<Stats> {
        let mut cache = self.stats_cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((at, s)) = cache.as_ref() {
            if at.elapsed() < std::time::Duration::from_secs(1) {
                return Ok(s.clone());
            }
        }
        let s = self.count()?;
        *cache = Some((std::time::Instant::now(), s.clone()));
        Ok(s)
    }

    fn count(&self) -> Result<Stats> {
        let indexed = self.index.count()?;
        self.read(|c| {
            let n = |sql: &str| -> Result<usize> {
                Ok(c.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
            };
            Ok(Stats {
                pages: n("SELECT COUNT(*) FROM pages")?,
                articles: n("SELECT COUNT(*) FROM articles")?,
                entities: n("SELECT COUNT(*) FROM entities")?,
                stories: n("SELECT COUNT(*) FROM stories")?,
                indexed,
            })
        })
    }

    /// Searches the articles.
    ///
    /// Answers are kept (up to [`CACHED_SEARCHES`]) until the index or the stories change,
    /// so a popular query costs one lookup.
    pub fn search(&self, q: &Query) -> Result<Results> {
        let key = format!("{q:?}");
        let version = (
            self.index.generation(),
            self.regrouped.load(Ordering::Relaxed),
        );
        {
            let cache = self.searches.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((v, r)) = cache.get(&key) {
                if *v == version {
                    return Ok(r.clone());
                }
            }
        }
        let r = self.search_uncached(q)?;
        let mut cache = self.searches.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= CACHED_SEARCHES {
            cache.clear();
        }
        cache.insert(key, (version, r.clone()));
        Ok(r)
    }

    /// Searches without the cache.
    pub fn search_uncached(&self, q: &Query) -> Result<Results> {
        let story_ids = match &q.story {
            Some(s) => Some(self.read(|c| {
                let mut st = c.prepare_cached("SELECT id FROM articles WHERE story=?1")?;
                let ids = st
                    .query_map([s], |r| r.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(ids)
            })?),
            None => None,
        };
        let (total, scored) = self.index.search(q, story_ids.as_deref())?;
        if scored.is_empty() {
            return Ok(Results {
                total,
                hits: Vec::new(),
            });
        }
        let snippets = self.index.snippets(q)?;
        let hits = self.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT source, idx, title, published, story, record FROM articles WHERE id=?1",
            )?;
            let mut hits = Vec::with_capacity(scored.len());
            for (id, score) in &scored {
                let row = st
                    .query_row([id], |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, i64>(1)?,
                            r.get::<_, Option<String>>(2)?,
                            r.get::<_, Option<String>>(3)?,
                            r.get::<_, Option<String>>(4)?,
                            r.get::<_, Vec<u8>>(5)?,
                        ))
                    })
                    .optional()?;
                let Some((source, index, title, published, story, record)) = row else {
                    continue;
                };
                let rec = decode_record(*id, &record)?;
                let (snippet, highlights) = snippets.of(&search_text(&rec));
                hits.push(Hit {
                    id: *id,
                    source,
                    index: index as usize,
                    title,
                    outlet: rec.outlet,
                    url: rec.url,
                    published,
                    story,
                    score: *score,
                    snippet,
                    highlights,
                });
            }
            Ok(hits)
        })?;
        Ok(Results { total, hits })
    }

    /// Articles, newest id first.
    pub fn articles(&self, offset: usize, limit: usize) -> Result<Vec<ArticleSummary>> {
        self.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT id, source, idx, title, published, story, copy_of FROM articles \
                 ORDER BY id DESC LIMIT ?1 OFFSET ?2",
            )?;
            let rows = st.query_map(params![limit as i64, offset as i64], summary_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// One article's record, `None` when the id is unknown.
    pub fn article(&self, id: i64) -> Result<Option<(ArticleSummary, Record)>> {
        self.read(|c| {
            let row = c
                .query_row(
                    "SELECT id, source, idx, title, published, story, copy_of, record FROM articles WHERE id=?1",
                    [id],
                    |r| Ok((summary_row(r)?, r.get::<_, Vec<u8>>(7)?)),
                )
                .optional()?;
            match row {
                None => Ok(None),
                Some((s, bytes)) => {
                    let mut rec = decode_record(id, &bytes)?;
                    rec.story = s.story.clone();
                    Ok(Some((s, rec)))
                }
            }
        })
    }

    /// Entities, most articles first; `q` matches any spelling, tone marks optional.
    pub fn entities(
        &self,
        ty: Option<&str>,
        q: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<EntityInfo>> {
        let folded = q.map(|q| format!("%{}%", analyzer::terms(q, true).join(" ")));
        let ids: Vec<String> = self.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT e.id FROM entities e WHERE (?1 IS NULL OR e.type = ?1) \
                 AND (?2 IS NULL OR EXISTS (SELECT 1 FROM variants v WHERE v.entity = e.id AND v.folded LIKE ?2)) \
                 ORDER BY e.articles DESC, e.mentions DESC, e.id LIMIT ?3 OFFSET ?4",
            )?;
            let rows = st.query_map(
                params![ty, folded, limit as i64, offset as i64],
                |r| r.get::<_, String>(0),
            )?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })?;
        ids.iter()
            .filter_map(|id| self.entity(id).transpose())
            .collect()
    }

    /// One entity with its spellings.
    pub fn entity(&self, id: &str) -> Result<Option<EntityInfo>> {
        self.read(|c| {
            let row = c
                .query_row(
                    "SELECT id, type, mentions, articles FROM entities WHERE id=?1",
                    [id],
                    |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, i64>(2)?,
                            r.get::<_, i64>(3)?,
                        ))
                    },
                )
                .optional()?;
            let Some((id, ty, mentions, articles)) = row else {
                return Ok(None);
            };
            let mut st = c.prepare_cached(
                "SELECT text, count FROM variants WHERE entity=?1 ORDER BY count DESC, text",
            )?;
            let variants = st
                .query_map([&id], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(Some(EntityInfo {
                name: variants.first().map_or_else(|| id.clone(), |v| v.0.clone()),
                id,
                ty,
                mentions: mentions as usize,
                articles: articles as usize,
                variants,
            }))
        })
    }

    /// Stories, most articles first.
    pub fn stories(&self, offset: usize, limit: usize) -> Result<Vec<StoryInfo>> {
        self.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT id, title, articles, first, last FROM stories \
                 ORDER BY articles DESC, first_article LIMIT ?1 OFFSET ?2",
            )?;
            let rows = st.query_map(params![limit as i64, offset as i64], |r| {
                Ok(StoryInfo {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    articles: r.get::<_, i64>(2)? as usize,
                    first: r.get(3)?,
                    last: r.get(4)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// The records of a story's articles with their ids, oldest first; empty when unknown.
    pub fn story_records(&self, id: &str) -> Result<Vec<(i64, Record)>> {
        self.read(|c| {
            let mut st =
                c.prepare_cached("SELECT id, record FROM articles WHERE story=?1 ORDER BY id")?;
            let rows =
                st.query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
            let mut out = Vec::new();
            for row in rows {
                let (aid, bytes) = row?;
                let mut rec = decode_record(aid, &bytes)?;
                rec.story = Some(id.to_string());
                out.push((aid, rec));
            }
            Ok(out)
        })
    }

    /// A story's digest: its timeline, summary, entities and quotes; `None` when unknown.
    ///
    /// A digest is kept in the store once made, and made again only when the story's
    /// articles change.
    pub fn story(&self, id: &str) -> Result<Option<StoryView>> {
        self.story_with_words(id, digest::summary::DEFAULT_WORDS)
    }

    /// A story's digest with summaries of `words` syllables; only the default length is
    /// kept in the store.
    pub fn story_with_words(&self, id: &str, words: usize) -> Result<Option<StoryView>> {
        let recs = self.story_records(id)?;
        if words != digest::summary::DEFAULT_WORDS && !recs.is_empty() {
            return Ok(Self::digest_of(id, &recs, words).map(|s| (s, recs)));
        }
        if recs.is_empty() {
            return Ok(None);
        }
        let members = recs
            .iter()
            .map(|(i, _)| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let kept: Option<(String, String)> = self.read(|c| {
            Ok(c.query_row(
                "SELECT members, digest FROM story_digests WHERE id=?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
        })?;
        if let Some((m, json)) = kept {
            if m == members {
                if let Ok(story) = serde_json::from_str::<digest::Story>(&json) {
                    return Ok(Some((story, recs)));
                }
            }
        }
        let Some(story) = Self::digest_of(id, &recs, words) else {
            return Ok(None);
        };
        // keeping it is a convenience: a store busy with an ingest elsewhere is not an error
        if let Some(_held) = (!self.read_only).then(|| self.lock.try_take()).flatten() {
            if let Ok(c) = self.writer.try_lock() {
                let kept = serde_json::to_string(&story)
                    .map_err(|e| Error::Encode(id.to_string(), e))
                    .and_then(|json| {
                        Ok(c.execute(
                            "INSERT INTO story_digests(id, members, digest) VALUES(?1, ?2, ?3) \
                             ON CONFLICT(id) DO UPDATE SET members=excluded.members, digest=excluded.digest",
                            params![id, members, json],
                        )?)
                    });
                if let Err(e) = kept {
                    tracing::debug!(error = %e, "story digest not kept");
                }
            }
        }
        Ok(Some((story, recs)))
    }

    fn digest_of(id: &str, recs: &[(i64, Record)], words: usize) -> Option<digest::Story> {
        let records: Vec<Record> = recs.iter().map(|(_, r)| r.clone()).collect();
        let g = digest::group(&records);
        // one story here by construction; keep the store's id
        let g = digest::Grouping {
            story: vec![0; records.len()],
            ..g
        };
        let d = digest::build_with_words(&records, &g, words);
        d.stories.into_iter().next().map(|mut s| {
            s.id = id.to_string();
            s
        })
    }
}

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: r.get(0)?,
        source: r.get(1)?,
        index: r.get::<_, i64>(2)? as usize,
        title: r.get(3)?,
        published: r.get(4)?,
        story: r.get(5)?,
        copy_of: r.get(6)?,
    })
}

/// Maps the ids a batch gave its entities to the store's ids for the same entities: the
/// same spelling (of the same type) already stored, or a surname alone that only one stored
/// person bears.
fn reconcile(
    tx: &rusqlite::Transaction<'_>,
    entities: &[bantin::entities::Entity],
) -> Result<HashMap<String, String>> {
    let mut by_norm = tx.prepare_cached(
        "SELECT DISTINCT v.entity FROM variants v JOIN entities e ON e.id = v.entity \
         WHERE v.norm = ?1 AND e.type = ?2 LIMIT 2",
    )?;
    let mut by_last = tx.prepare_cached(
        "SELECT DISTINCT v.entity FROM variants v JOIN entities e ON e.id = v.entity \
         WHERE v.last = ?1 AND e.type = 'PER' LIMIT 2",
    )?;
    let mut exists = tx.prepare_cached("SELECT 1 FROM entities WHERE id=?1")?;
    let mut map = HashMap::new();
    for e in entities {
        if exists.exists([&e.id])? {
            continue;
        }
        let ty = e.ty.as_str();
        let mut found: HashSet<String> = HashSet::new();
        for (v, _) in &e.variants {
            let ids = by_norm
                .query_map(params![norm(v), ty], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            found.extend(ids);
        }
        if found.is_empty() && e.ty == EntityType::PER {
            let single: Vec<&String> = e
                .variants
                .iter()
                .map(|v| &v.0)
                .filter(|v| !v.contains(' '))
                .collect();
            if single.len() == e.variants.len() {
                for v in single {
                    let ids = by_last
                        .query_map([norm(v)], |r| r.get::<_, String>(0))?
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    found.extend(ids);
                }
            }
        }
        if found.len() == 1 {
            let to = found.into_iter().next().unwrap_or_default();
            if to != e.id {
                map.insert(e.id.clone(), to);
            }
        }
    }
    Ok(map)
}

fn remap_ids(r: &mut Record, map: &HashMap<String, String>) {
    if map.is_empty() {
        return;
    }
    let m = |id: &mut String| {
        if let Some(to) = map.get(id.as_str()) {
            *id = to.clone();
        }
    };
    r.entities.iter_mut().for_each(|e| m(&mut e.id));
    for q in r.quotes.iter_mut() {
        if let Some(s) = q.speaker.as_mut() {
            m(&mut s.id);
        }
    }
    for ev in r.events.iter_mut() {
        ev.actors.iter_mut().for_each(m);
        if let Some(p) = ev.place.as_mut() {
            m(p);
        }
    }
}

/// Removes the stored versions of pages `(name, hash)` that have another hash: their
/// articles, mentions and entity counts. The removed article ids are added to `gone` and
/// to the `index_deletes` table, which the index empties once it has dropped them too.
/// Returns how many pages were replaced.
fn remove_older_versions(
    tx: &rusqlite::Transaction<'_>,
    pages: &[(&str, &str)],
    gone: &mut Vec<i64>,
) -> Result<usize> {
    let mut older = tx.prepare_cached("SELECT hash FROM pages WHERE source=?1 AND hash<>?2")?;
    let mut arts = tx.prepare_cached("SELECT id, record FROM articles WHERE page=?1")?;
    let mut pending =
        tx.prepare_cached("INSERT OR IGNORE INTO index_deletes(article) VALUES(?1)")?;
    let mut replaced = 0;
    let mut records = Vec::new();
    for (name, hash) in pages {
        let hashes = older
            .query_map(params![name, hash], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for old in hashes {
            let rows = arts
                .query_map([&old], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (id, bytes) in rows {
                records.push(decode_record(id, &bytes)?);
                pending.execute([id])?;
                gone.push(id);
            }
            tx.execute(
                "DELETE FROM mentions WHERE article IN (SELECT id FROM articles WHERE page=?1)",
                [&old],
            )?;
            tx.execute("DELETE FROM articles WHERE page=?1", [&old])?;
            tx.execute("DELETE FROM pages WHERE hash=?1", [&old])?;
            replaced += 1;
        }
    }
    if !records.is_empty() {
        upsert_entities(tx, &records.iter().collect::<Vec<_>>(), -1)?;
        tx.execute("DELETE FROM variants WHERE count <= 0", [])?;
        tx.execute("DELETE FROM entities WHERE articles <= 0", [])?;
    }
    Ok(replaced)
}

/// Adds (`sign` 1) or takes away (`sign` -1) the mentions of `records` to their entities'
/// and spellings' counts.
fn upsert_entities(tx: &rusqlite::Transaction<'_>, records: &[&Record], sign: i64) -> Result<()> {
    let mut per: HashMap<&str, (EntityType, usize, usize)> = HashMap::new();
    let mut vars: HashMap<(&str, &str), usize> = HashMap::new();
    for r in records {
        let mut seen = HashSet::new();
        for e in &r.entities {
            let slot = per.entry(&e.id).or_insert((e.ty, 0, 0));
            slot.1 += 1;
            if seen.insert(&e.id) {
                slot.2 += 1;
            }
            *vars.entry((&e.id, &e.text)).or_default() += 1;
        }
    }
    let mut up_e = tx.prepare_cached(
        "INSERT INTO entities(id, type, mentions, articles) VALUES(?1, ?2, ?3, ?4) \
         ON CONFLICT(id) DO UPDATE SET mentions = mentions + excluded.mentions, \
         articles = articles + excluded.articles",
    )?;
    for (id, (ty, m, a)) in per {
        up_e.execute(params![id, ty.as_str(), sign * m as i64, sign * a as i64])?;
    }
    let mut up_v = tx.prepare_cached(
        "INSERT INTO variants(entity, text, norm, last, folded, count) VALUES(?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT(entity, text) DO UPDATE SET count = count + excluded.count",
    )?;
    for ((id, text), n) in vars {
        let words = analyzer::terms(text, false);
        let last = (words.len() >= 2).then(|| words[words.len() - 1].clone());
        up_v.execute(params![
            id,
            text,
            words.join(" "),
            last,
            analyzer::terms(text, true).join(" "),
            sign * n as i64
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod fault_tests;
#[cfg(test)]
mod tests;
