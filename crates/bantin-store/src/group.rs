//! Copies and stories over the whole store: each article's signatures, made from its
//! record once per process, grouped by the core's `bantin::group_signatures`.

use super::*;

/// What copy detection and story clustering read of an article.
#[derive(Clone)]
pub(crate) struct Grouped {
    pub(crate) minhash: Option<CopySignature>,
    pub(crate) story: bantin::StorySignature,
}

impl Grouped {
    pub(crate) fn of(r: &Record) -> Grouped {
        Grouped {
            minhash: CopySignature::of(&bantin::article_words(r)),
            story: r.signature(),
        }
    }
}

impl Store {
    /// The signatures of articles `ids`: those this process holds, the others made from
    /// their records (on every core) and kept; articles gone from the store are forgotten.
    /// A record that does not read is an error, never an empty signature that would
    /// quietly put its article in a story of its own.
    #[allow(clippy::type_complexity)]
    pub(crate) fn signatures(
        &self,
        c: &Connection,
        ids: &[i64],
    ) -> Result<(Vec<Option<CopySignature>>, Vec<bantin::StorySignature>)> {
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
        let g = bantin::group_signatures(&sigs, story_sigs);
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
}
