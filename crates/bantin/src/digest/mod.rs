//! Digest: from article records to stories a reader opens. Near-duplicate articles are
//! collapsed ("also reported by"), articles are grouped into stories and stories into
//! topics, and each story and topic gets a dated timeline and an extractive summary, every
//! line of them citing the paragraph it comes from.
//!
//! Everything here works on [`Record`]s, so a digest can be built from a run's records or
//! from a store's, and the output is plain data (serialised as JSON, or rendered by
//! [`report`]).

pub mod dedup;
pub mod report;
pub mod summary;
pub mod text;
pub mod timeline;

use crate::entities::EntityType;
use crate::record::Record;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Articles at least this similar (estimated Jaccard of 3-syllable shingles) are copies.
pub const DUPLICATE_THRESHOLD: f64 = 0.6;

/// How the articles of a run group: copies, stories and topics.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Grouping {
    /// For every article, the article it is a copy of (itself when it is the first copy).
    pub copy_of: Vec<usize>,
    /// For every article, its story number (from 0, in order of first appearance).
    pub story: Vec<usize>,
    /// For every article, its topic number (from 0, in order of first appearance); the
    /// articles of a story share their topic.
    pub topic: Vec<usize>,
    /// The stable id of every story number (`story-…`, from its earliest article's key:
    /// what records and stores carry).
    pub story_ids: Vec<String>,
    /// The stable id of every topic number (`topic-…`).
    pub topic_ids: Vec<String>,
}

/// The syllable hashes of an article's title and body, what duplicate detection compares.
pub fn article_words(r: &Record) -> Vec<u64> {
    let mut w = Vec::new();
    if let Some(t) = &r.title {
        w.extend(text::syllable_hashes(&t.text));
    }
    for p in &r.paragraphs {
        w.extend(text::syllable_hashes(&p.text));
    }
    w
}

/// Finds copies and stories. Copies always share a story.
pub fn group(records: &[Record]) -> Grouping {
    let sigs: Vec<Option<dedup::Signature>> = records
        .iter()
        .map(|r| dedup::Signature::of(&article_words(r)))
        .collect();
    group_signatures(&sigs, records.iter().map(Record::signature))
}

/// Finds copies and stories from what [`group`] looks at, kept from an earlier run (a
/// store keeps both signatures of every article).
pub fn group_signatures(
    copies: &[Option<dedup::Signature>],
    stories: impl IntoIterator<Item = crate::stories::Signature>,
) -> Grouping {
    let copy_of = dedup::groups(copies, DUPLICATE_THRESHOLD);
    let sigs: Vec<crate::stories::Signature> = stories.into_iter().collect();
    let joins: Vec<(usize, usize)> = copy_of
        .iter()
        .enumerate()
        .filter(|(i, c)| i != *c)
        .map(|(i, &c)| (i, c))
        .collect();
    let c = crate::stories::cluster(&sigs, &joins);
    Grouping {
        copy_of,
        story: c.story,
        topic: c.topic,
        story_ids: c.story_ids,
        topic_ids: c.topic_ids,
    }
}

/// The reference of an article: `source#index`.
pub fn article_ref(r: &Record) -> String {
    format!("{}#{}", r.source, r.index)
}

/// Where a line of a digest comes from: an article's paragraph.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Cite {
    /// `source#index` of the article.
    pub article: String,
    /// The paragraph's number in the article record.
    pub paragraph: usize,
    /// `[start, end)` of the paragraph in the source file's bytes.
    pub span: [usize; 2],
}

/// One date of a timeline.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    /// TimeML date: a day (`2023-07-26`) or a month (`2024-06`).
    pub date: String,
    /// One sentence telling what happened.
    pub text: String,
    /// Every article that refers to the date (`source#index`), copies included.
    pub articles: Vec<String>,
    /// The paragraph the sentence comes from.
    pub source: Cite,
    /// How often and how strongly the date is referred to.
    pub score: f64,
    /// The story of the sentence's article.
    pub story: String,
}

/// A summary: whole sentences, in news order (the leads of its articles first).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// The sentences joined.
    pub text: String,
    /// Each sentence with the paragraph it comes from.
    pub sentences: Vec<(String, Cite)>,
}

impl Summary {
    /// The summary of these sentences, in this order.
    pub fn of(sentences: Vec<(String, Cite)>) -> Summary {
        let text = sentences
            .iter()
            .map(|s| s.0.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        Summary { text, sentences }
    }
}

/// A person, place or organisation of a story, with every spelling seen.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct EntitySummary {
    /// Entity id.
    pub id: String,
    /// The most frequent spelling.
    pub name: String,
    /// PER, LOC, ORG or MISC.
    #[serde(rename = "type")]
    pub ty: EntityType,
    /// Mentions in the story.
    pub mentions: usize,
    /// Spellings with their counts, most frequent first.
    pub variants: Vec<(String, usize)>,
}

/// The quotes of one speaker in a story.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct SpeakerQuotes {
    /// Entity id of the speaker (empty when unknown).
    pub id: String,
    /// The speaker's name as most often written.
    pub name: String,
    /// The quotes with their paragraphs.
    pub quotes: Vec<(String, Cite)>,
}

/// An article and its copies.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ArticleEntry {
    /// `source#index`.
    pub article: String,
    /// The article's title.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// The other copies of this article (`source#index`).
    pub also_reported_by: Vec<String>,
    /// Paragraphs shown elsewhere in the story (their numbers, with the paragraph they
    /// repeat).
    pub repeated_paragraphs: Vec<(usize, Cite)>,
}

/// A story: articles about one real-world event.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Story {
    /// `story-N`.
    pub id: String,
    /// A title: that of the story's fullest article.
    pub title: String,
    /// The topic the story belongs to.
    pub topic: String,
    /// Every article of the story (`source#index`), copies included.
    pub articles: Vec<String>,
    /// The articles shown, each with its copies.
    pub reports: Vec<ArticleEntry>,
    /// Earliest and latest publication dates.
    pub dates: Option<(String, String)>,
    /// Extractive summary.
    pub summary: String,
    /// Summary sentences with their paragraphs.
    pub summary_sources: Vec<(String, Cite)>,
    /// Dated timeline, oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// People, places and organisations, most mentioned first.
    pub entities: Vec<EntitySummary>,
    /// Quotes by speaker, most quoted first.
    pub quotes: Vec<SpeakerQuotes>,
}

/// A topic: stories that share their main actors.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Topic {
    /// `topic-N`.
    pub id: String,
    /// A title: the names the stories share, or the story's title.
    pub title: String,
    /// Extractive summary over all the topic's stories.
    pub summary: String,
    /// Summary sentences with their paragraphs.
    pub summary_sources: Vec<(String, Cite)>,
    /// Dated timeline over all the topic's stories, oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// Story ids, most articles first.
    pub stories: Vec<String>,
}

/// A digest of a run.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Digest {
    /// A summary of every article of the run, whatever its topics.
    pub summary: String,
    /// Its sentences with their paragraphs.
    pub summary_sources: Vec<(String, Cite)>,
    /// The largest topic (most articles), what a reader sees first.
    pub topic: Option<Topic>,
    /// Every topic, largest first.
    pub topics: Vec<Topic>,
    /// Every story, by topic then size.
    pub stories: Vec<Story>,
}

/// Story ids as records carry them: `story-N`, numbered from 1.
pub fn story_id(n: usize) -> String {
    format!("story-{}", n + 1)
}

/// Builds the digest of records grouped by [`group`], summaries of
/// [`summary::DEFAULT_WORDS`] syllables.
pub fn build(records: &[Record], g: &Grouping) -> Digest {
    build_with_words(records, g, summary::DEFAULT_WORDS)
}

/// The same, summaries of at most `words` syllables (at least one sentence).
pub fn build_with_words(records: &[Record], g: &Grouping, words: usize) -> Digest {
    let corpus = summary::Corpus::with_words(records, g, words);
    let n_stories = g.story.iter().copied().max().map_or(0, |m| m + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_stories];
    for (i, &s) in g.story.iter().enumerate() {
        members[s].push(i);
    }
    // a story's topic: that of its first article (all its articles share it)
    let mut topic_of: Vec<usize> = members
        .iter()
        .map(|m| {
            m.first()
                .and_then(|&a| g.topic.get(a))
                .copied()
                .unwrap_or(0)
        })
        .collect();
    // topics numbered from 0 in order of their first story
    let mut renumber: FxHashMap<usize, usize> = FxHashMap::default();
    for t in topic_of.iter_mut() {
        let next = renumber.len();
        *t = *renumber.entry(*t).or_insert(next);
    }
    let n_topics = topic_of.iter().copied().max().map_or(0, |m| m + 1);

    let mut stories: Vec<Story> = members
        .iter()
        .enumerate()
        .map(|(s, arts)| story(records, g, &corpus, s, arts, &topic_of))
        .collect();

    let mut topics_out = Vec::new();
    for t in 0..n_topics {
        let story_ids: Vec<usize> = (0..n_stories).filter(|&s| topic_of[s] == t).collect();
        let arts: Vec<usize> = story_ids
            .iter()
            .flat_map(|&s| members[s].iter().copied())
            .collect();
        let sm = corpus.summarize(&arts);
        let mut ids = story_ids.clone();
        ids.sort_by_key(|&s| std::cmp::Reverse(members[s].len()));
        // a topic reads as a headline: its largest story's title
        let title = ids
            .first()
            .map(|&s| stories[s].title.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| topic_title(records, &arts));
        topics_out.push((
            arts.len(),
            Topic {
                id: format!("topic-{}", t + 1),
                title,
                summary: sm.text,
                summary_sources: sm.sentences,
                timeline: timeline::build(records, g, &arts),
                stories: ids.iter().map(|&s| story_id(s)).collect(),
            },
        ));
    }
    topics_out.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    let topics_out: Vec<Topic> = topics_out.into_iter().map(|(_, t)| t).collect();
    let rank: FxHashMap<&str, usize> = topics_out
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    stories.sort_by(|a, b| {
        rank.get(a.topic.as_str())
            .cmp(&rank.get(b.topic.as_str()))
            .then(b.articles.len().cmp(&a.articles.len()))
            .then(a.dates.cmp(&b.dates))
    });
    let all: Vec<usize> = (0..records.len()).collect();
    let sm = run_summary(corpus.summarize(&all), &stories, corpus.words());
    Digest {
        summary: sm.text,
        summary_sources: sm.sentences,
        topic: topics_out.first().cloned(),
        topics: topics_out,
        stories,
    }
}

fn story(
    records: &[Record],
    g: &Grouping,
    corpus: &summary::Corpus,
    s: usize,
    arts: &[usize],
    topic_of: &[usize],
) -> Story {
    // the first article with a title names the story: what the store lists it by too
    let title = arts
        .iter()
        .find_map(|&a| records[a].title.as_ref())
        .map(|t| t.text.clone())
        .unwrap_or_default();
    let mut dates: Vec<&str> = arts
        .iter()
        .filter_map(|&a| records[a].published.as_deref())
        .collect();
    dates.sort_unstable();
    let repeated = corpus.repeated_paragraphs(arts);
    let mut copies: FxHashMap<usize, Vec<String>> = FxHashMap::default();
    for &b in arts {
        if g.copy_of[b] != b {
            copies
                .entry(g.copy_of[b])
                .or_default()
                .push(article_ref(&records[b]));
        }
    }
    let reports = arts
        .iter()
        .filter(|&&a| g.copy_of[a] == a)
        .map(|&a| ArticleEntry {
            article: article_ref(&records[a]),
            title: records[a].title.as_ref().map(|t| t.text.clone()),
            published: records[a].published.clone(),
            also_reported_by: copies.get(&a).cloned().unwrap_or_default(),
            repeated_paragraphs: repeated
                .iter()
                .filter(|((art, _), _)| *art == a)
                .map(|((_, p), (oa, op))| (*p, cite(records, *oa, *op)))
                .collect(),
        })
        .collect();
    let sm = corpus.summarize(arts);
    // untitled articles only: the story's most informative sentence, shortened
    let title = if title.is_empty() {
        sm.sentences
            .first()
            .map(|(x, _)| headline(x))
            .unwrap_or_else(|| story_id(s))
    } else {
        title
    };
    let entities = entities_of(records, arts);
    Story {
        id: story_id(s),
        title,
        topic: format!("topic-{}", topic_of[s] + 1),
        articles: arts.iter().map(|&a| article_ref(&records[a])).collect(),
        reports,
        dates: dates
            .first()
            .zip(dates.last())
            .map(|(a, b)| (a.to_string(), b.to_string())),
        summary: sm.text,
        summary_sources: sm.sentences,
        timeline: timeline::build(records, g, arts),
        quotes: named_quotes(quotes_of(records, arts), &entities),
        entities,
    }
}

/// A sentence made a title: quote marks dropped, cut after a clause when it is long.
fn headline(s: &str) -> String {
    let t = s
        .trim()
        .trim_matches(|c: char| "“”\"«»‘’'".contains(c))
        .trim_end_matches(['.', ' '])
        .trim();
    if t.chars().count() <= 90 {
        return t.to_string();
    }
    let head: String = t.chars().take(90).collect();
    match head.rfind([',', ';', ':']) {
        Some(i) if head[..i].chars().count() >= 30 => head[..i].trim().to_string(),
        _ => shorten(t, 90),
    }
}

/// Cuts a text at a word boundary near `max` characters, adding an ellipsis.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

/// The paragraph of an article as a citation.
pub fn cite(records: &[Record], a: usize, p: usize) -> Cite {
    Cite {
        article: article_ref(&records[a]),
        paragraph: p,
        span: records[a].paragraphs.get(p).map_or([0, 0], |x| x.span),
    }
}

/// The paragraph of an article holding a source span.
pub fn paragraph_at(r: &Record, span: [usize; 2]) -> Option<usize> {
    r.paragraphs
        .iter()
        .position(|p| p.span[0] <= span[0] && span[1] <= p.span[1])
}

fn entities_of(records: &[Record], arts: &[usize]) -> Vec<EntitySummary> {
    let mut by_id: BTreeMap<&str, (EntityType, BTreeMap<&str, usize>)> = BTreeMap::new();
    for &a in arts {
        for e in &records[a].entities {
            if photo_credit(&records[a], e) {
                continue;
            }
            let slot = by_id.entry(&e.id).or_insert((e.ty, BTreeMap::new()));
            *slot.1.entry(&e.text).or_default() += 1;
        }
    }
    let mut out: Vec<EntitySummary> = by_id
        .into_iter()
        .map(|(id, (ty, vars))| {
            let mut variants: Vec<(String, usize)> =
                vars.into_iter().map(|(v, c)| (v.to_string(), c)).collect();
            variants.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            EntitySummary {
                id: id.to_string(),
                name: crate::display::canonical_name(
                    variants.iter().map(|(v, c)| (v.as_str(), *c)),
                )
                .unwrap_or_default()
                .to_string(),
                ty,
                mentions: variants.iter().map(|v| v.1).sum(),
                variants,
            }
        })
        .collect();
    out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.id.cmp(&b.id)));
    out
}

/// A name that only credits a photo ("… Ảnh: Hoàng Anh" in a caption): not a person of
/// the story, nor of the article.
pub fn photo_credit(r: &Record, e: &crate::record::EntityRecord) -> bool {
    let Some(p) = paragraph_at(r, e.span).and_then(|k| r.paragraphs.get(k)) else {
        return false;
    };
    p.kind == crate::page::Kind::Caption
        && ["Ảnh: ", "Ảnh : ", "Ảnh:", "Photo: "]
            .iter()
            .any(|c| p.text.contains(&format!("{c}{}", e.text)))
}

/// Speakers by the full name their entity bears in the story.
fn named_quotes(mut qs: Vec<SpeakerQuotes>, ents: &[EntitySummary]) -> Vec<SpeakerQuotes> {
    for q in &mut qs {
        if let Some(e) = ents.iter().find(|e| e.id == q.id) {
            if e.name.split_whitespace().count() >= q.name.split_whitespace().count() {
                q.name = e.name.clone();
            }
        }
    }
    qs
}

/// A speaker's names with counts, and quotes with their paragraphs.
type QuotesOf = (BTreeMap<String, usize>, Vec<(String, Cite)>);

fn quotes_of(records: &[Record], arts: &[usize]) -> Vec<SpeakerQuotes> {
    let mut by: BTreeMap<String, QuotesOf> = BTreeMap::new();
    let mut seen = FxHashSet::default();
    for &a in arts {
        let r = &records[a];
        for q in &r.quotes {
            // the same words quoted by several copies are shown once
            if !seen.insert(text::syllable_hashes(&q.text)) {
                continue;
            }
            let id = q.speaker.as_ref().map_or(String::new(), |s| s.id.clone());
            let slot = by.entry(id).or_default();
            if let Some(s) = &q.speaker {
                *slot.0.entry(s.text.clone()).or_default() += 1;
            }
            let p = paragraph_at(r, q.span).unwrap_or(0);
            slot.1.push((q.text.clone(), cite(records, a, p)));
        }
    }
    let mut out: Vec<SpeakerQuotes> = by
        .into_iter()
        .map(|(id, (names, quotes))| SpeakerQuotes {
            name: crate::display::canonical_name(names.iter().map(|(n, c)| (n.as_str(), *c)))
                .map_or_else(|| "(không rõ)".to_string(), str::to_string),
            id,
            quotes,
        })
        .collect();
    out.sort_by(|a, b| {
        a.id.is_empty()
            .cmp(&b.id.is_empty())
            .then(b.quotes.len().cmp(&a.quotes.len()))
            .then(a.id.cmp(&b.id))
    });
    out
}

/// The most mentioned entities of a set of articles (ids with counts), excluding MISC.
fn salient(records: &[Record], arts: &[usize], k: usize) -> Vec<(String, usize)> {
    let mut c: FxHashMap<&str, usize> = FxHashMap::default();
    for &a in arts {
        for e in &records[a].entities {
            if e.ty != EntityType::MISC {
                *c.entry(&e.id).or_default() += 1;
            }
        }
    }
    let mut v: Vec<(String, usize)> = c.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(k);
    v
}

fn topic_title(records: &[Record], arts: &[usize]) -> String {
    let ents = entities_of(records, arts);
    let names: Vec<String> = salient(records, arts, 2)
        .into_iter()
        .filter_map(|(id, _)| ents.iter().find(|e| e.id == id).map(|e| e.name.clone()))
        .collect();
    names.join(" – ")
}

#[cfg(test)]
mod tests;

/// The summary of a run of several stories: the first sentence of each story's summary
/// (the largest stories first) while twice the length allows, so that every story of a run
/// of a few is named, then the sentences of the run's own summary while the length allows;
/// one story's run is its summary.
fn run_summary(own: Summary, stories: &[Story], words: usize) -> Summary {
    if stories.len() < 2 {
        return own;
    }
    let mut by_size: Vec<&Story> = stories.iter().collect();
    by_size.sort_by_key(|st| std::cmp::Reverse(st.articles.len()));
    let len = |t: &str| text::syllables(t).count();
    let mut sentences: Vec<(String, Cite)> = Vec::new();
    let mut used = 0;
    let firsts = by_size.iter().filter_map(|st| st.summary_sources.first());
    let phases = firsts
        .map(|s| (s, 2 * words))
        .chain(own.sentences.iter().map(|s| (s, words)));
    for (s, budget) in phases {
        let n = len(&s.0);
        if sentences.iter().any(|(t, _)| *t == s.0) || (used + n > budget && !sentences.is_empty())
        {
            continue;
        }
        used += n;
        sentences.push(s.clone());
    }
    Summary::of(sentences)
}
