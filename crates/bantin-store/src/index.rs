//! The search index: tantivy, each article's title and text under both forms of the
//! Vietnamese analyzer, its entity ids and types as filters, its publication day as a range.
//!
//! A query is whole syllables: every word (or quoted phrase) must match, in the exact form
//! or the folded one. The exact form weighs twice the folded one, so "đường" ranks articles
//! with đường above those with only dương, and a query typed without tone marks still finds
//! every spelling.

use crate::analyzer::{self, Vietnamese, EXACT, FOLDED};
use crate::{Error, Result};
use bantin::Record;
use serde::{Deserialize, Serialize};
use std::ops::Bound;
use std::path::Path;
use std::sync::Arc;
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query as TQuery, RangeQuery, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED,
    STRING,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// A search.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Query {
    /// Words and "quoted phrases", tone marks optional.
    #[serde(default, alias = "q")]
    pub text: String,
    /// Only articles naming this entity id.
    pub entity: Option<String>,
    /// Only articles naming an entity of this type (PER, LOC, ORG, MISC).
    #[serde(rename = "type")]
    pub ty: Option<String>,
    /// Only articles of this story.
    pub story: Option<String>,
    /// Only articles of this outlet: its name (`Dân trí`, `VnExpress`, tone marks optional)
    /// or its host (`vnexpress.net`).
    pub outlet: Option<String>,
    /// Published on or after (`2023-07-01`, `2023-07`, `2023`).
    pub from: Option<String>,
    /// Published on or before.
    pub to: Option<String>,
    /// Hits to return (default 10, at most 1000).
    pub limit: Option<usize>,
    /// Hits to skip.
    pub offset: Option<usize>,
}

/// One hit.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Hit {
    /// The store's id of the article.
    pub id: i64,
    /// The page it came from.
    pub source: String,
    /// Its place in the page.
    pub index: usize,
    /// Its title.
    pub title: Option<String>,
    /// The outlet that published it, when the page says.
    pub outlet: Option<String>,
    /// Its address on the web, when the page says.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Its story.
    pub story: Option<String>,
    /// Relevance.
    pub score: f32,
    /// A passage of the text around the words found.
    pub snippet: String,
    /// `[start, end)` of the words found in the snippet, in bytes.
    pub highlights: Vec<[usize; 2]>,
}

/// The answer to a search.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Results {
    /// Articles matching in all.
    pub total: usize,
    /// The hits asked for, best first.
    pub hits: Vec<Hit>,
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    title: Field,
    title_f: Field,
    body: Field,
    body_f: Field,
    entity: Field,
    etype: Field,
    day: Field,
    outlet: Field,
}

/// Field weights: exact title, exact body, folded title, folded body.
const BOOSTS: [f32; 4] = [4.0, 2.0, 2.0, 1.0];

pub(crate) struct SearchIndex {
    index: Index,
    reader: IndexReader,
    f: Fields,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |name: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(name)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let f = Fields {
        id: b.add_u64_field("id", INDEXED | FAST | STORED),
        title: b.add_text_field("title", text(EXACT)),
        title_f: b.add_text_field("title_f", text(FOLDED)),
        body: b.add_text_field("body", text(EXACT)),
        body_f: b.add_text_field("body_f", text(FOLDED)),
        entity: b.add_text_field("entity", STRING),
        etype: b.add_text_field("etype", STRING),
        day: b.add_i64_field("day", INDEXED | FAST),
        outlet: b.add_text_field("outlet", STRING),
    };
    (b.build(), f)
}

/// The fields of an index made by [`schema`], or an error when it was made with another
/// layout (an index written by an earlier bantin: derived data, made again).
fn fields_of(index: &Index) -> Result<Fields> {
    let (expected, f) = schema();
    let held = index.schema();
    if held != expected {
        let names: Vec<&str> = held.fields().map(|(_, e)| e.name()).collect();
        return Err(Error::Index(tantivy::TantivyError::SchemaError(format!(
            "the index has the fields of another bantin ({}); this one needs another layout",
            names.join(", ")
        ))));
    }
    Ok(f)
}

/// `2023-07-26…` as 20230726; `None` when the year is unknown.
pub(crate) fn day_of(published: &str) -> Option<i64> {
    let (y, m, d) = bantin::date_parts(published)?;
    Some(y? as i64 * 10_000 + m as i64 * 100 + d as i64)
}

/// A date bound typed by a user: a day, a month or a year; the first or last day it covers.
pub(crate) fn bound(s: &str, last: bool) -> Result<i64> {
    let bad = || Error::Bad(format!("bad date {s:?}: use YYYY-MM-DD, YYYY-MM or YYYY"));
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str, len: usize| -> Result<i64> {
        if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        p.parse().map_err(|_| bad())
    };
    let y = num(parts[0], 4)?;
    let (m, d) = match parts.len() {
        1 => (if last { 12 } else { 1 }, if last { 31 } else { 1 }),
        2 => (num(parts[1], 2)?, if last { 31 } else { 1 }),
        3 => (num(parts[1], 2)?, num(parts[2], 2)?),
        _ => return Err(bad()),
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(bad());
    }
    Ok(y * 10_000 + m * 100 + d)
}

/// The units of a query: words and quoted phrases, each as its syllables.
fn units(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, part) in text.split('"').enumerate() {
        if i % 2 == 1 {
            if !part.trim().is_empty() {
                out.push(part.to_string());
            }
        } else {
            out.extend(part.split_whitespace().map(str::to_string));
        }
    }
    out
}

fn field_query(field: Field, terms: &[String]) -> Box<dyn TQuery> {
    let t: Vec<Term> = terms
        .iter()
        .map(|w| Term::from_field_text(field, w))
        .collect();
    if t.len() == 1 {
        Box::new(TermQuery::new(
            t.into_iter().next().expect("one term"),
            IndexRecordOption::WithFreqs,
        ))
    } else {
        Box::new(PhraseQuery::new(t))
    }
}

/// The index of a store whose files cannot be written: no locks (nobody writes), no
/// clean-up, no writes.
#[derive(Clone, Debug)]
struct ReadOnlyDir(MmapDirectory);

impl Directory for ReadOnlyDir {
    fn get_file_handle(&self, p: &Path) -> std::result::Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(p)
    }
    fn delete(&self, _: &Path) -> std::result::Result<(), DeleteError> {
        Ok(())
    }
    fn exists(&self, p: &Path) -> std::result::Result<bool, OpenReadError> {
        self.0.exists(p)
    }
    fn open_write(&self, p: &Path) -> std::result::Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::wrap_io_error(
            std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem),
            p.to_path_buf(),
        ))
    }
    fn atomic_read(&self, p: &Path) -> std::result::Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(p)
    }
    fn atomic_write(&self, _: &Path, _: &[u8]) -> std::io::Result<()> {
        Err(std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem))
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        Ok(())
    }
    fn acquire_lock(&self, _: &Lock) -> std::result::Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }
    fn watch(&self, cb: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(cb)
    }
}

impl SearchIndex {
    pub(crate) fn open(dir: &Path, read_only: bool) -> Result<SearchIndex> {
        let (schema, _) = schema();
        let index = if read_only {
            Index::open(ReadOnlyDir(
                MmapDirectory::open(dir).map_err(tantivy::TantivyError::from)?,
            ))?
        } else {
            std::fs::create_dir_all(dir)?;
            if dir.join("meta.json").exists() {
                Index::open_in_dir(dir)?
            } else {
                Index::create_in_dir(dir, schema)?
            }
        };
        let f = fields_of(&index)?;
        index
            .tokenizers()
            .register(EXACT, TextAnalyzer::from(Vietnamese { fold: false }));
        index
            .tokenizers()
            .register(FOLDED, TextAnalyzer::from(Vietnamese { fold: true }));
        // commits by another process (an ingest while a server runs) are picked up
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(SearchIndex { index, reader, f })
    }

    /// The last article id the committed index holds.
    pub(crate) fn indexed_upto(&self) -> i64 {
        self.index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| p.parse().ok())
            .unwrap_or(0)
    }

    /// Changes whenever the searcher sees new commits.
    pub(crate) fn generation(&self) -> u64 {
        self.reader.searcher().generation().generation_id()
    }

    pub(crate) fn count(&self) -> Result<usize> {
        Ok(self.reader.searcher().num_docs() as usize)
    }

    /// One writer's turn: removes articles `gone` (and every article from `drop_from` on),
    /// adds `docs`, writes the segments, then runs `before_commit` (the database's commit)
    /// and commits, recording `last` as the last article held. When `before_commit` fails,
    /// nothing is committed. The index writer is made for this turn and dropped after it,
    /// so the index's lock is held no longer than the store's writer lock.
    pub(crate) fn write(
        &self,
        docs: &[(i64, &Record)],
        gone: &[i64],
        drop_from: Option<i64>,
        last: i64,
        before_commit: impl FnOnce() -> Result<()>,
    ) -> Result<()> {
        let threads = if docs.len() < 500 {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
        };
        let mut w: IndexWriter = self
            .index
            .writer_with_num_threads(threads, (48usize << 20) * threads)?;
        let f = self.f;
        for &id in gone {
            w.delete_term(Term::from_field_u64(f.id, id as u64));
        }
        if let Some(from) = drop_from {
            w.delete_query(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_u64(f.id, from.max(0) as u64)),
                Bound::Unbounded,
            )))?;
        }
        for &(id, r) in docs {
            let text = crate::search_text(r);
            let mut doc = TantivyDocument::default();
            doc.add_u64(f.id, id as u64);
            if let Some(t) = &r.title {
                doc.add_text(f.title, &t.text);
                doc.add_text(f.title_f, &t.text);
            }
            doc.add_text(f.body, &text);
            doc.add_text(f.body_f, &text);
            let mut ids: Vec<&str> = r.entities.iter().map(|e| e.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            for e in ids {
                doc.add_text(f.entity, e);
            }
            let mut types: Vec<&str> = r.entities.iter().map(|e| e.ty.as_str()).collect();
            types.sort_unstable();
            types.dedup();
            for t in types {
                doc.add_text(f.etype, t);
            }
            if let Some(d) = r.published.as_deref().and_then(day_of) {
                doc.add_i64(f.day, d);
            }
            for k in bantin::labels::record_outlet_keys(r) {
                doc.add_text(f.outlet, &k);
            }
            w.add_document(doc)?;
        }
        let mut c = w.prepare_commit()?;
        c.set_payload(&last.to_string());
        if let Err(e) = before_commit() {
            c.abort()?;
            return Err(e);
        }
        c.commit()?;
        // merges started by this commit end before the lock goes, or segments pile up
        w.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(())
    }

    fn text_query(&self, text: &str) -> Option<Box<dyn TQuery>> {
        let f = self.f;
        let mut must: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for u in units(text) {
            let exact = analyzer::terms(&u, false);
            let folded = analyzer::terms(&u, true);
            if exact.is_empty() {
                continue;
            }
            let alts: Vec<(Occur, Box<dyn TQuery>)> = [
                (f.title, &exact, BOOSTS[0]),
                (f.body, &exact, BOOSTS[1]),
                (f.title_f, &folded, BOOSTS[2]),
                (f.body_f, &folded, BOOSTS[3]),
            ]
            .into_iter()
            .map(|(field, terms, boost)| {
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(field_query(field, terms), boost)) as Box<dyn TQuery>,
                )
            })
            .collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(alts))));
        }
        (!must.is_empty()).then(|| Box::new(BooleanQuery::new(must)) as Box<dyn TQuery>)
    }

    /// The days of publication a query keeps (`from` to `to`, both included), if it
    /// bounds them.
    fn date_filter(&self, q: &Query) -> Result<Option<Box<dyn TQuery>>> {
        let from = q.from.as_deref().map(|s| bound(s, false)).transpose()?;
        let to = q.to.as_deref().map(|s| bound(s, true)).transpose()?;
        if from.is_none() && to.is_none() {
            return Ok(None);
        }
        if let (Some(a), Some(b)) = (from, to) {
            if a > b {
                return Err(Error::Bad(format!(
                    "the date range ends before it starts ({a} > {b})"
                )));
            }
        }
        let term = |d: i64| Term::from_field_i64(self.f.day, d);
        Ok(Some(Box::new(RangeQuery::new(
            from.map_or(Bound::Unbounded, |d| Bound::Included(term(d))),
            to.map_or(Bound::Unbounded, |d| Bound::Included(term(d))),
        ))))
    }

    /// Total matches and the hits asked for: article ids with scores, best first.
    pub(crate) fn search(
        &self,
        q: &Query,
        story: Option<&[i64]>,
    ) -> Result<(usize, Vec<(i64, f32)>)> {
        let f = self.f;
        let mut parts: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        if let Some(t) = self.text_query(&q.text) {
            parts.push((Occur::Must, t));
        }
        if let Some(e) = &q.entity {
            parts.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.entity, e),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if let Some(t) = &q.ty {
            let t = t.to_uppercase();
            if !["PER", "LOC", "ORG", "MISC"].contains(&t.as_str()) {
                return Err(Error::Bad(format!(
                    "bad entity type {t:?}: use PER, LOC, ORG or MISC"
                )));
            }
            parts.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.etype, &t),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if let Some(o) = q.outlet.as_deref() {
            let keys = bantin::labels::outlet_keys(o);
            if keys.is_empty() {
                return Err(Error::Bad(format!(
                    "bad outlet {o:?}: give its name (Dân trí) or its host (dantri.com.vn)"
                )));
            }
            parts.push((
                Occur::Must,
                Box::new(TermSetQuery::new(
                    keys.iter().map(|k| Term::from_field_text(f.outlet, k)),
                )),
            ));
        }
        if let Some(ids) = story {
            parts.push((
                Occur::Must,
                Box::new(TermSetQuery::new(
                    ids.iter().map(|&i| Term::from_field_u64(f.id, i as u64)),
                )),
            ));
        }
        if let Some(range) = self.date_filter(q)? {
            parts.push((Occur::Must, range));
        }
        let query: Box<dyn TQuery> = if parts.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(parts))
        };
        let limit = q.limit.unwrap_or(10).clamp(1, 1000);
        let offset = q.offset.unwrap_or(0);
        let searcher = self.reader.searcher();
        let (top, total) = searcher.search(
            &query,
            &(
                TopDocs::with_limit(limit)
                    .and_offset(offset)
                    .order_by_score(),
                Count,
            ),
        )?;
        let mut out = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr)?;
            if let Some(id) = doc.get_first(f.id).and_then(|v| v.as_u64()) {
                out.push((id as i64, score));
            }
        }
        Ok((total, out))
    }

    /// What makes snippets for a query's hits.
    pub(crate) fn snippets(&self, q: &Query) -> Result<Snippets> {
        let f = self.f;
        let folded: Vec<String> = units(&q.text)
            .iter()
            .flat_map(|u| analyzer::terms(u, true))
            .collect();
        if folded.is_empty() {
            return Ok(Snippets(None));
        }
        let query = BooleanQuery::new(
            folded
                .iter()
                .map(|t| {
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(
                            Term::from_field_text(f.body_f, t),
                            IndexRecordOption::Basic,
                        )) as Box<dyn TQuery>,
                    )
                })
                .collect(),
        );
        let mut g = SnippetGenerator::create(&self.reader.searcher(), &query, f.body_f)?;
        g.set_max_num_chars(220);
        Ok(Snippets(Some(g)))
    }
}

/// Makes snippets: the passage with most of the query's words, and where they are.
pub(crate) struct Snippets(Option<SnippetGenerator>);

impl Snippets {
    pub(crate) fn of(&self, text: &str) -> (String, Vec<[usize; 2]>) {
        let lead = || {
            let t: String = text.chars().take(200).collect();
            (t.replace('\n', " "), Vec::new())
        };
        let Some(g) = &self.0 else { return lead() };
        let s = g.snippet(text);
        if s.is_empty() {
            return lead();
        }
        (
            s.fragment().replace('\n', " "),
            s.highlighted().iter().map(|r| [r.start, r.end]).collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_bounds() {
        assert_eq!(bound("2023-07-01", false).unwrap(), 20230701);
        assert_eq!(bound("2023-07", true).unwrap(), 20230731);
        assert_eq!(bound("2023", false).unwrap(), 20230101);
        assert!(bound("2023-13", false).is_err());
        assert!(bound("23-07-01", false).is_err());
        assert!(bound("hôm qua", false).is_err());
        assert_eq!(day_of("2023-07-26T09:00"), Some(20230726));
        assert_eq!(day_of("XXXX-11-06"), None);
    }

    #[test]
    fn query_units() {
        assert_eq!(
            units("shoigu \"binh nhuong\"  kim"),
            vec!["shoigu", "binh nhuong", "kim"]
        );
    }
}
