//! Adding pages: read outside the writer lock, then one database transaction and one index
//! commit per batch; entities reconciled with those the store knows; pages read again with
//! new bytes replace their earlier version.

use super::*;

impl Store {
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
        self.ingest_around(pages, None, progress)
    }

    /// [`Store::ingest`], with a hint of when undated pages were written (`--around`): a
    /// date reasoned from a text that gives no year takes the hint's (`published_from`
    /// `hint`). Pages already stored are not read again.
    pub fn ingest_around(
        &self,
        pages: impl IntoIterator<Item = Page>,
        around: Option<&bantin::Around>,
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
            if let Err(e) = self.ingest_batch(&batch, around, &mut report) {
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
    pub(crate) fn stopped(&self, mut report: IngestReport, e: Error) -> Error {
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

    pub(crate) fn ingest_batch(
        &self,
        batch: &[Page],
        around: Option<&bantin::Around>,
        report: &mut IngestReport,
    ) -> Result<()> {
        let (fresh, doubled) = self.fresh_pages(batch, report)?;
        let (outcome, entities) = self.read_pages(&fresh, around);
        self.write_batch(&fresh, outcome, &entities, doubled, report)
    }

    /// The pages of a batch the store does not hold, with their hashes, and how many were
    /// dropped for a later version of the same name in the batch. Read without the lock.
    fn fresh_pages<'p>(
        &self,
        batch: &'p [Page],
        report: &mut IngestReport,
    ) -> Result<(Vec<(&'p Page, String)>, usize)> {
        // pages already stored, or twice in this batch, are left alone
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
        Ok((fresh, doubled))
    }

    /// Each fresh page's records (linked together), or why it could not be read; and the
    /// entities they name. Read without the lock, on every core.
    #[allow(clippy::type_complexity)]
    fn read_pages(
        &self,
        fresh: &[(&Page, String)],
        around: Option<&bantin::Around>,
    ) -> (
        Vec<std::result::Result<Vec<Record>, String>>,
        Vec<bantin::Entity>,
    ) {
        let engine = &self.engine;
        let analysed: Vec<std::result::Result<PageAnalysis, String>> = fresh
            .par_iter()
            .map(|(p, _)| {
                std::panic::catch_unwind(|| {
                    engine
                        .analyze_around(&p.name, &p.bytes, around)
                        .map_err(|e| e.to_string())
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
        let (records, entities) = engine.link_only(ok_pages);
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
        (outcome, entities)
    }

    /// The writer's turn for a batch read: one transaction, one index commit, then the lock
    /// goes.
    fn write_batch(
        &self,
        fresh: &[(&Page, String)],
        mut outcome: Vec<std::result::Result<Vec<Record>, String>>,
        entities: &[bantin::Entity],
        doubled: usize,
        report: &mut IngestReport,
    ) -> Result<()> {
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
            for (k, (_, h)) in keep.iter_mut().zip(fresh) {
                *k = !known.exists([h])?;
            }
        }
        let unchanged = keep.iter().filter(|k| !**k).count();
        let remap = reconcile(&tx, entities)?;
        for (o, k) in outcome.iter_mut().zip(&keep) {
            if let (Ok(recs), true) = (o, k) {
                recs.iter_mut().for_each(|r| remap_ids(r, &remap));
            }
        }
        // the database first: ids only grow, even when the newest articles are removed
        // below, so an id the index has seen never names another article
        let next_id = Self::meta_i64(&tx, "last_article")?.max(Self::max_article(&tx)?) + 1;
        // earlier versions of pages read again with new bytes go, articles and all
        let mut gone: Vec<i64> = Vec::new();
        let replaced = remove_older_versions(&tx, &replacing(fresh, &outcome, &keep), &mut gone)?;
        let (added, mut failed) = insert_rows(&tx, fresh, &outcome, &keep, next_id)?;
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
}

/// Maps the ids a batch gave its entities to the store's ids for the same entities: the
/// same spelling (of the same type) already stored, or a surname alone that only one stored
/// person bears.
pub(crate) fn reconcile(
    tx: &rusqlite::Transaction<'_>,
    entities: &[bantin::Entity],
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

pub(crate) fn remap_ids(r: &mut Record, map: &HashMap<String, String>) {
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
pub(crate) fn remove_older_versions(
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
pub(crate) fn upsert_entities(
    tx: &rusqlite::Transaction<'_>,
    records: &[&Record],
    sign: i64,
) -> Result<()> {
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

/// The rows of a batch's pages kept (`keep`): a page row for each, an article row and its
/// mentions for each record, ids from `next_id` on. Gives the articles added and the pages
/// that could not be read, with why.
#[allow(clippy::type_complexity)]
fn insert_rows<'r>(
    tx: &rusqlite::Transaction<'_>,
    fresh: &[(&Page, String)],
    outcome: &'r [std::result::Result<Vec<Record>, String>],
    keep: &[bool],
    next_id: i64,
) -> Result<(Vec<(i64, &'r Record)>, Vec<(String, String)>)> {
    let mut added: Vec<(i64, &Record)> = Vec::new();
    let mut failed = Vec::new();
    let mut next_id = next_id;
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
        for (((p, h), o), k) in fresh.iter().zip(outcome).zip(keep) {
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
    Ok((added, failed))
}

/// The pages of a batch that replace an earlier version of their name: those kept that hold
/// articles (a version with no article does not replace one that has some).
fn replacing<'a>(
    fresh: &'a [(&Page, String)],
    outcome: &[std::result::Result<Vec<Record>, String>],
    keep: &[bool],
) -> Vec<(&'a str, &'a str)> {
    fresh
        .iter()
        .zip(outcome.iter().zip(keep))
        .filter(|(_, (o, k))| **k && o.as_ref().is_ok_and(|r| !r.is_empty()))
        .map(|((p, h), _)| (p.name.as_str(), h.as_str()))
        .collect()
}
