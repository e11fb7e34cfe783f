//! What readers ask of a store: figures, searches, articles, entities and stories.

use super::*;

impl Store {
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

    pub(crate) fn count(&self) -> Result<Stats> {
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
        self.story_with_words(id, bantin::DEFAULT_SUMMARY_WORDS)
    }

    /// A story's digest with summaries of `words` syllables; only the default length is
    /// kept in the store.
    pub fn story_with_words(&self, id: &str, words: usize) -> Result<Option<StoryView>> {
        let recs = self.story_records(id)?;
        if words != bantin::DEFAULT_SUMMARY_WORDS && !recs.is_empty() {
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
                if let Ok(story) = serde_json::from_str::<bantin::Story>(&json) {
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

    pub(crate) fn digest_of(
        id: &str,
        recs: &[(i64, Record)],
        words: usize,
    ) -> Option<bantin::Story> {
        let records: Vec<Record> = recs.iter().map(|(_, r)| r.clone()).collect();
        let g = bantin::group_records(&records);
        // one story here by construction; keep the store's id
        let g = bantin::Grouping {
            story: vec![0; records.len()],
            ..g
        };
        let d = bantin::digest_with_words(&records, &g, words);
        d.stories.into_iter().next().map(|mut s| {
            s.id = id.to_string();
            s
        })
    }
}

pub(crate) fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleSummary> {
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
