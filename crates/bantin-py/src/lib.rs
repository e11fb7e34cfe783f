//! The Rust side of bantin's Python package.
//!
//! Everything here is plain Rust over the `bantin` library, so `cargo test` checks it
//! without a Python interpreter; the `python` feature (turned on by maturin) adds the
//! module itself (`py`, built with the `python` feature).
//!
//! Two ways through a run, giving the same records:
//! - [`Engine::analyze`]: every page read in parallel, then linked and grouped at once
//!   ([`bantin::Engine::link`], exactly what `bantin analyze` does);
//! - split, for corpora spread over machines: [`Engine::read`] and [`split`] turn each page
//!   into its articles' unlinked records and [`ArticleLinks`] (what the run-level step
//!   needs: mentions, speakers, events, the two grouping signatures, no text);
//!   [`Engine::link_signatures`] links those and groups the stories on one machine, and
//!   [`merge`] puts the result back into each record where it is.

pub mod arrow;
#[cfg(feature = "python")]
mod py;

use bantin::{
    CopySignature, EntityRecord, EventRecord, PageAnalysis, PageEvent, PageQuote, Placed,
    QuoteRecord, Record, SpeakerRecord, COPY_SIGNATURE_BINS,
};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// The command line's default `--max-size-mb`.
pub const DEFAULT_MAX_SIZE_MB: usize = 64;

/// An alias file: a path to read, or its TOML text.
#[derive(Clone, Debug)]
pub enum AliasSource {
    /// A file, read as the command line reads `--aliases FILE`.
    Path(std::path::PathBuf),
    /// The TOML text itself.
    Text(String),
}

pub use bantin::{unpack, Skip};

/// A page that was skipped: its place in the input, its name and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// Its place among the pages given.
    pub position: usize,
    /// Its name.
    pub name: String,
    /// Why.
    pub skip: Skip,
}

/// The recognizer (built-in aliases and the user's), the size limit and the threads: built
/// once, shared by every call.
pub struct Engine {
    config: bantin::Config,
    engine: bantin::Engine,
    limit: usize,
    pool: Option<rayon::ThreadPool>,
}

impl Engine {
    /// An engine with these alias files layered over the built-in one (later files win),
    /// pages larger than `max_size_mb` skipped, and `threads` worker threads (`None`: one
    /// per core).
    ///
    /// # Errors
    /// The command line's message when an alias file cannot be read or parsed.
    pub fn new(
        aliases: &[AliasSource],
        max_size_mb: usize,
        threads: Option<usize>,
    ) -> Result<Engine, String> {
        let mut config = bantin::Config::new();
        for a in aliases {
            let (text, label) = match a {
                AliasSource::Path(p) => (
                    std::fs::read_to_string(p)
                        .map_err(|e| format!("cannot read alias file {}: {e}", p.display()))?,
                    p.display().to_string(),
                ),
                AliasSource::Text(t) => (t.clone(), "alias text".to_string()),
            };
            config = config
                .alias_text(&text)
                .map_err(|e| format!("in {label}: {e}"))?;
        }
        let engine = config.clone().build().map_err(|e| e.to_string())?;
        let pool = match threads {
            None => None,
            Some(n) => Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n.max(1))
                    .build()
                    .map_err(|e| format!("cannot start {n} threads: {e}"))?,
            ),
        };
        Ok(Engine {
            config,
            engine,
            limit: max_size_mb.saturating_mul(1 << 20),
            pool,
        })
    }

    /// The engine, with a hint of when undated pages were written (the command line's
    /// `--around`): a date reasoned from a text that gives no year takes the hint's nearest
    /// year (`published_from: "hint"`); printed dates are not touched.
    pub fn with_around(mut self, around: Option<bantin::Around>) -> Engine {
        self.config = self.config.around(around);
        self.engine = self
            .config
            .clone()
            .build()
            .expect("the resources were valid when the engine was built");
        self
    }

    /// Runs `f` on the engine's threads.
    pub fn install<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        match &self.pool {
            Some(p) => p.install(f),
            None => f(),
        }
    }

    /// Reads one page through every stage but linking, as the command line reads a file:
    /// gzip data is decompressed, pages over the limit are skipped, a bug is caught.
    ///
    /// # Errors
    /// Why the page holds nothing.
    pub fn read(&self, name: &str, data: &[u8]) -> Result<PageAnalysis, Skip> {
        let bytes = unpack(data, self.limit)?;
        self.engine.analyze_guarded(name, &bytes)
    }

    /// Reads pages in parallel (each on its own), in input order.
    pub fn read_all<N, D>(&self, pages: &[(N, D)]) -> Vec<Result<PageAnalysis, Skip>>
    where
        N: AsRef<str> + Sync,
        D: AsRef<[u8]> + Sync,
    {
        self.install(|| {
            pages
                .par_iter()
                .map(|(n, d)| self.read(n.as_ref(), d.as_ref()))
                .collect()
        })
    }

    /// The command line's run: pages read in parallel, then linked and grouped at once.
    /// Returns the records in input order and the pages skipped.
    pub fn analyze<N, D>(&self, pages: &[(N, D)]) -> (Vec<Record>, Vec<Failure>)
    where
        N: AsRef<str> + Sync,
        D: AsRef<[u8]> + Sync,
    {
        let (read, failures) = self.read_ok(pages);
        (self.link_pages(read), failures)
    }

    /// Pages read, and the ones skipped.
    pub fn read_ok<N, D>(&self, pages: &[(N, D)]) -> (Vec<PageAnalysis>, Vec<Failure>)
    where
        N: AsRef<str> + Sync,
        D: AsRef<[u8]> + Sync,
    {
        let mut read = Vec::new();
        let mut failures = Vec::new();
        for (position, (r, (n, _))) in self.read_all(pages).into_iter().zip(pages).enumerate() {
            match r {
                Ok(p) => read.push(p),
                Err(skip) => failures.push(Failure {
                    position,
                    name: n.as_ref().to_string(),
                    skip,
                }),
            }
        }
        (read, failures)
    }

    /// Links pages read by [`Engine::read`] and groups their stories, as the command line.
    pub fn link_pages(&self, pages: Vec<PageAnalysis>) -> Vec<Record> {
        self.engine.link(pages).records
    }

    /// The run-level step on the articles' [`ArticleLinks`], in run order: entity ids across
    /// the run, speakers, events (one event told in several articles of a file kept once),
    /// copies and stories. Gives for each article what [`merge`] puts into its record.
    pub fn link_signatures(&self, articles: Vec<ArticleLinks>) -> Vec<Linked> {
        let mut copies = Vec::with_capacity(articles.len());
        let mut terms = Vec::with_capacity(articles.len());
        let mut pages = Vec::with_capacity(articles.len());
        for a in articles {
            copies.push(
                a.copy
                    .and_then(|c| <[u32; COPY_SIGNATURE_BINS]>::try_from(c).ok())
                    .map(CopySignature),
            );
            terms.push((a.terms, a.head_terms));
            let quotes = a
                .speakers
                .into_iter()
                .map(|speaker| PageQuote {
                    article: 0,
                    record: QuoteRecord {
                        text: String::new(),
                        span: [0, 0],
                        speaker: None,
                    },
                    speaker,
                })
                .collect();
            pages.push(PageAnalysis {
                records: vec![a.skeleton],
                mentions: a.mentions,
                quotes,
                events: a.events,
                replaced: 0,
                encoding: bantin::Encoding::Utf8,
            });
        }
        let (records, _) = self.engine.link_only(pages);
        let stories = records.iter().zip(terms).map(|(r, (terms, head))| {
            let mut s = r.signature();
            s.bag = add_bags(&s.bag, &terms);
            s.head = add_bags(&s.head, &head);
            s
        });
        let grouping = bantin::group_signatures(&copies, stories);
        records
            .into_iter()
            .zip(grouping.story.iter().zip(&grouping.topic))
            .map(|(r, (&n, &t))| Linked {
                entities: r.entities,
                speakers: r.quotes.into_iter().map(|q| q.speaker).collect(),
                events: r.events,
                story: Some(grouping.story_ids[n].clone()),
                topic: Some(grouping.topic_ids[t].clone()),
            })
            .collect()
    }
}

/// Two sorted bags of terms added term by term.
fn add_bags(a: &[(u32, u16)], b: &[(u32, u16)]) -> Vec<(u32, u16)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.0 == y.0 => {
                out.push((x.0, x.1.saturating_add(y.1)));
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x.0 < y.0 => {
                out.push(*x);
                i += 1;
            }
            (Some(x), None) => {
                out.push(*x);
                i += 1;
            }
            (_, Some(y)) => {
                out.push(*y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

/// What the run-level step needs of one article: its record without its text (source,
/// index, date, outlet…), its mentions, the speakers of its quotes, its events, and the
/// two signatures stories are grouped by (MinHash of its shingles, word pairs of its title
/// and lead). Mention indices are the article's own.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ArticleLinks {
    /// The record with its text taken out (title, paragraphs, byline, times, quotes).
    pub skeleton: Record,
    /// The names found in it.
    pub mentions: Vec<Placed>,
    /// For each quote, its speaker as an index into `mentions`.
    pub speakers: Vec<Option<usize>>,
    /// Its events, actors and place as indices into `mentions`.
    pub events: Vec<PageEvent>,
    /// The MinHash signature copies are found by (`None`: too short to compare).
    pub copy: Option<Vec<u32>>,
    /// The story terms of its title, lead and body (syllables and syllable pairs, hashed,
    /// with their counts): what a text-less record cannot give again. The entity terms are
    /// added when the names are linked.
    pub terms: Vec<(u32, u16)>,
    /// The same terms of its title and lead alone (what topics compare).
    #[serde(default)]
    pub head_terms: Vec<(u32, u16)>,
}

/// What the run-level step gives an article.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Linked {
    /// Its entities, with the run's ids.
    pub entities: Vec<EntityRecord>,
    /// The speaker of each of its quotes.
    pub speakers: Vec<Option<SpeakerRecord>>,
    /// Its events.
    pub events: Vec<EventRecord>,
    /// Its story.
    pub story: Option<String>,
    /// Its story's topic.
    #[serde(default)]
    pub topic: Option<String>,
}

/// Splits a page read by [`Engine::read`] into its articles: each one's record (quotes
/// without speakers, no entities, events or story yet) and its [`ArticleLinks`].
pub fn split(page: PageAnalysis) -> Vec<(Record, ArticleLinks)> {
    let n = page.records.len();
    // the page's mentions run article by article: where each article's start
    let mut base = vec![0usize; n + 1];
    for m in &page.mentions {
        if m.article < n {
            base[m.article + 1] += 1;
        }
    }
    for i in 0..n {
        base[i + 1] += base[i];
    }
    let mut mentions: Vec<Vec<Placed>> = vec![Vec::new(); n];
    for mut m in page.mentions {
        if m.article < n {
            let a = m.article;
            m.article = 0;
            mentions[a].push(m);
        }
    }
    let local = |a: usize, k: usize| {
        k.checked_sub(base[a])
            .filter(|&k| k < base[a + 1] - base[a])
    };
    let mut speakers: Vec<Vec<Option<usize>>> = vec![Vec::new(); n];
    let mut quotes: Vec<Vec<QuoteRecord>> = vec![Vec::new(); n];
    for q in page.quotes {
        if q.article < n {
            speakers[q.article].push(q.speaker.and_then(|k| local(q.article, k)));
            quotes[q.article].push(q.record);
        }
    }
    let mut events: Vec<Vec<PageEvent>> = vec![Vec::new(); n];
    for mut ev in page.events {
        let a = ev.article;
        if a >= n {
            continue;
        }
        let Some(actors) = ev
            .event
            .actors
            .iter()
            .map(|&k| local(a, k))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        ev.event.actors = actors;
        ev.event.place = ev.event.place.and_then(|k| local(a, k));
        ev.article = 0;
        events[a].push(ev);
    }
    page.records
        .into_iter()
        .zip(mentions)
        .zip(speakers.into_iter().zip(quotes))
        .zip(events)
        .map(|(((mut record, mentions), (speakers, quotes)), events)| {
            record.quotes = quotes;
            let copy = CopySignature::of(&bantin::article_words(&record)).map(|s| s.0.to_vec());
            let text_sig = record.signature();
            let skeleton = Record {
                title: None,
                paragraphs: Vec::new(),
                byline: None,
                times: Vec::new(),
                quotes: Vec::new(),
                ..record.clone()
            };
            let links = ArticleLinks {
                skeleton,
                mentions,
                speakers,
                events,
                copy,
                terms: text_sig.bag,
                head_terms: text_sig.head,
            };
            (record, links)
        })
        .collect()
}

/// Puts what the run-level step found into an article's record.
pub fn merge(mut record: Record, linked: Linked) -> Record {
    record.entities = linked.entities;
    for (q, s) in record.quotes.iter_mut().zip(linked.speakers) {
        q.speaker = s;
    }
    record.events = linked.events;
    for e in &mut record.events {
        e.cameo = e.ty.cameo();
    }
    record.story = linked.story;
    record.topic = linked.topic;
    record
}

/// The order `bantin analyze DIR` walks a folder in: path components compared one by one
/// (a folder's files in name order), then the article's place in its file.
pub fn run_order(a: (&str, usize), b: (&str, usize)) -> std::cmp::Ordering {
    a.0.split('/')
        .cmp(b.0.split('/'))
        .then_with(|| a.1.cmp(&b.1))
}

#[cfg(test)]
mod tests;
