//! Extractive summaries: whole sentences chosen by closeness to the centroid of a story's
//! sentences (TF-IDF over syllables and syllable pairs), with maximal marginal relevance so
//! that no two say the same, most informative first.

use super::text::{mix, sentences, syllable_hashes};
use super::{cite, Cite, Grouping, Summary};
use crate::page::Kind;
use crate::record::Record;
use rustc_hash::{FxHashMap, FxHashSet};

/// A summary stops growing past this many syllables...
pub const MIN_WORDS: usize = 100;
/// ...and never goes beyond this many.
pub const MAX_WORDS: usize = 150;
/// Weight of relevance against novelty in maximal marginal relevance.
const LAMBDA: f64 = 0.7;
/// A sentence this close to one already chosen says the same thing.
const SAME: f64 = 0.6;
/// Share of a paragraph's shingles shown before it that makes it a repeat.
pub const REPEATED: f64 = 0.75;
/// Sentences shorter or longer than this (syllables) are not summary material.
const SENTENCE_WORDS: (usize, usize) = (6, 70);

#[derive(Debug)]
struct Sent {
    article: usize,
    paragraph: usize,
    range: (usize, usize),
    words: usize,
    terms: Vec<u64>,
    /// Sentence key: the same words in the same order.
    key: u64,
}

/// The sentences of a run's articles, with term statistics, ready to summarise any group.
#[derive(Debug)]
pub struct Corpus<'a> {
    records: &'a [Record],
    copy_of: Vec<usize>,
    sents: Vec<Sent>,
    by_article: Vec<(usize, usize)>,
    idf: FxHashMap<u64, f32>,
}

fn terms(words: &[u64]) -> Vec<u64> {
    let mut t: Vec<u64> = words.to_vec();
    t.extend(words.windows(2).map(|w| mix(w[0] ^ mix(w[1]))));
    t
}

fn sentence_key(words: &[u64]) -> u64 {
    words.iter().fold(0u64, |h, &w| mix(h ^ w))
}

type Vector = Vec<(u64, f32)>;

fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0f64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += (a[i].1 * b[j].1) as f64;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

fn normalise(mut v: Vector) -> Vector {
    let n = v.iter().map(|x| (x.1 * x.1) as f64).sum::<f64>().sqrt() as f32;
    if n > 0.0 {
        v.iter_mut().for_each(|x| x.1 /= n);
    }
    v
}

impl<'a> Corpus<'a> {
    /// Splits the body paragraphs of every article into sentences and counts terms.
    pub fn new(records: &'a [Record], g: &Grouping) -> Corpus<'a> {
        let mut sents = Vec::new();
        let mut by_article = Vec::with_capacity(records.len());
        let mut df: FxHashMap<u64, u32> = FxHashMap::default();
        for (a, r) in records.iter().enumerate() {
            let first = sents.len();
            for (p, para) in r.paragraphs.iter().enumerate() {
                for (s, e) in sentences(&para.text) {
                    let words = syllable_hashes(&para.text[s..e]);
                    let mut t = terms(&words);
                    t.sort_unstable();
                    t.dedup();
                    if g.copy_of[a] == a {
                        for &x in &t {
                            *df.entry(x).or_default() += 1;
                        }
                    }
                    sents.push(Sent {
                        article: a,
                        paragraph: p,
                        range: (s, e),
                        words: words.len(),
                        key: sentence_key(&words),
                        terms: t,
                    });
                }
            }
            by_article.push((first, sents.len()));
        }
        let n = sents.len().max(1) as f32;
        let idf = df
            .into_iter()
            .map(|(t, d)| (t, (n / d as f32).ln() + 1.0))
            .collect();
        Corpus {
            records,
            copy_of: g.copy_of.clone(),
            sents,
            by_article,
            idf,
        }
    }

    fn vector(&self, s: &Sent) -> Vector {
        normalise(
            s.terms
                .iter()
                .map(|t| (*t, self.idf.get(t).copied().unwrap_or(1.0)))
                .collect(),
        )
    }

    fn text(&self, s: &Sent) -> &str {
        &self.records[s.article].paragraphs[s.paragraph].text[s.range.0..s.range.1]
    }

    /// Paragraphs of a story that repeat what it shows elsewhere (a caption repeating a body
    /// sentence, a paragraph told twice, with small edits): at least [`REPEATED`] of their
    /// 3-syllable shingles appear in paragraphs shown before them. Body paragraphs are
    /// read first, so a caption is the repeat of the body, not the other way round. Returns
    /// each repeat with the paragraph it repeats most.
    pub fn repeated_paragraphs(&self, arts: &[usize]) -> Vec<((usize, usize), (usize, usize))> {
        let mut first: FxHashMap<u64, (usize, usize)> = FxHashMap::default();
        let mut out = Vec::new();
        let shown: Vec<usize> = arts
            .iter()
            .copied()
            .filter(|&a| self.copy_of[a] == a)
            .collect();
        for kind in [Kind::Body, Kind::Caption] {
            for &a in &shown {
                for (p, para) in self.records[a].paragraphs.iter().enumerate() {
                    if para.kind != kind {
                        continue;
                    }
                    let words = syllable_hashes(&para.text);
                    let mut sh: Vec<u64> = super::text::shingles(&words, 3).collect();
                    sh.sort_unstable();
                    sh.dedup();
                    if sh.len() >= 5 {
                        let mut from: FxHashMap<(usize, usize), usize> = FxHashMap::default();
                        for x in &sh {
                            if let Some(&o) = first.get(x) {
                                *from.entry(o).or_default() += 1;
                            }
                        }
                        let hits: usize = from.values().sum();
                        if hits as f64 >= REPEATED * sh.len() as f64 {
                            if let Some((&o, _)) = from
                                .iter()
                                .max_by_key(|(o, n)| (**n, std::cmp::Reverse(**o)))
                            {
                                out.push(((a, p), o));
                                continue;
                            }
                        }
                    }
                    for x in sh {
                        first.entry(x).or_insert((a, p));
                    }
                }
            }
        }
        out
    }

    /// An extractive summary of a group of articles.
    pub fn summarize(&self, arts: &[usize]) -> Summary {
        let repeated: FxHashSet<(usize, usize)> = self
            .repeated_paragraphs(arts)
            .into_iter()
            .map(|x| x.0)
            .collect();
        let mut cands: Vec<(&Sent, Vector, f64)> = Vec::new();
        let mut centroid: FxHashMap<u64, f32> = FxHashMap::default();
        let mut seen_keys = FxHashSet::default();
        for &a in arts.iter().filter(|&&a| self.copy_of[a] == a) {
            let (lo, hi) = self.by_article[a];
            for (k, s) in self.sents[lo..hi].iter().enumerate() {
                let para = &self.records[a].paragraphs[s.paragraph];
                if para.kind != Kind::Body || repeated.contains(&(a, s.paragraph)) {
                    continue;
                }
                let v = self.vector(s);
                for (t, w) in &v {
                    *centroid.entry(*t).or_default() += w;
                }
                let text = self.text(s);
                let usable = (SENTENCE_WORDS.0..=SENTENCE_WORDS.1).contains(&s.words)
                    && !text.contains('?')
                    && seen_keys.insert(s.key);
                if usable {
                    // news puts the most important first: a lead bonus
                    let lead = match (s.paragraph, k) {
                        (0, 0) => 1.25,
                        (0..=1, _) => 1.1,
                        _ => 1.0,
                    };
                    cands.push((s, v, lead));
                }
            }
        }
        // cosine with the centroid, looked up term by term: a sentence's cost is its own
        // length, not the centroid's (which grows with the group)
        let norm = centroid
            .values()
            .map(|w| (*w as f64) * (*w as f64))
            .sum::<f64>()
            .sqrt()
            .max(f64::MIN_POSITIVE);
        let relevance: Vec<f64> = cands
            .iter()
            .map(|(_, v, lead)| {
                let dot: f64 = v
                    .iter()
                    .map(|(t, w)| *w as f64 * centroid.get(t).copied().unwrap_or(0.0) as f64)
                    .sum();
                dot / norm * lead
            })
            .collect();
        let mut chosen: Vec<usize> = Vec::new();
        let mut words = 0;
        let mut left: Vec<usize> = (0..cands.len()).collect();
        while words < MIN_WORDS && !left.is_empty() {
            let mut best: Option<(usize, f64)> = None;
            left.retain(|&i| {
                let red = chosen
                    .iter()
                    .map(|&c| cosine(&cands[i].1, &cands[c].1))
                    .fold(0.0, f64::max);
                let fits = words + cands[i].0.words <= MAX_WORDS || chosen.is_empty();
                if red >= SAME || !fits {
                    return false;
                }
                let m = LAMBDA * relevance[i] - (1.0 - LAMBDA) * red;
                if best.is_none_or(|(_, b)| m > b) {
                    best = Some((i, m));
                }
                true
            });
            let Some((i, _)) = best else { break };
            left.retain(|&x| x != i);
            words += cands[i].0.words;
            chosen.push(i);
        }
        let sentences: Vec<(String, Cite)> = chosen
            .iter()
            .map(|&i| {
                let s = cands[i].0;
                (
                    self.text(s).to_string(),
                    cite(self.records, s.article, s.paragraph),
                )
            })
            .collect();
        Summary {
            text: sentences
                .iter()
                .map(|s| s.0.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            sentences,
        }
    }
}
