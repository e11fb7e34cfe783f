//! Extractive summaries, built the way multi-document news summaries are: the syllable
//! pairs (bigrams) that several articles of a story share are its concepts, and whole
//! sentences are chosen, greedily, to cover as much concept weight per syllable as the
//! length allows (budgeted maximum coverage; a concept counts once, so no two sentences
//! say the same). A concept weighs as many articles as tell it. Sentences come from the
//! lead region of each article (the sapo and the first sentences, where Vietnamese news
//! puts what happened); past it their gain fades fast. Sentences that cannot be read
//! alone (a dangling "Theo đó", "Ông này"), questions, photo credits and link lists are
//! not candidates; an outlet tag ("TTO - ") and a photo credit glued before a sentence
//! are cut off.

use super::text::{mix, sentences, syllable_hashes};
use super::{cite, Cite, Grouping, Summary};
use crate::page::Kind;
use crate::record::Record;
use rustc_hash::{FxHashMap, FxHashSet};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// A summary's length when the user does not say (syllables): about what a reader takes
/// in at a glance, and what human summaries of a news story run to.
pub const DEFAULT_WORDS: usize = 150;
/// Share of a paragraph's shingles shown before it that makes it a repeat.
pub const REPEATED: f64 = 0.75;
/// Sentences shorter or longer than this (syllables) are not summary material.
const SENTENCE_WORDS: (usize, usize) = (6, 70);
/// A paragraph of one sentence shorter than this (syllables) is a caption or a heading
/// that the page's layout left among the body paragraphs.
const CAPTION_WORDS: usize = 12;
/// The lead region: an article's first sentences (its sapo and what follows) count in
/// full...
const LEAD_SENTENCES: usize = 4;
/// ...and each sentence past it counts this share of the one before it.
const PAST_LEAD: f64 = 0.368; // e^-1
/// A sentence's gain is divided by its length to this power: long sentences pay for their
/// length, a little less than in proportion (they carry more context).
const LENGTH_COST: f64 = 0.8;

/// Openings that refer back to what came before: a sentence starting with one does not
/// read alone.
const DANGLING: &[&str] = &[
    "theo đó",
    "trong khi đó",
    "tuy nhiên",
    "ngoài ra",
    "bên cạnh đó",
    "đồng thời",
    "do đó",
    "vì vậy",
    "vì thế",
    "sau đó",
    "trước đó",
    "cũng theo",
    "thậm chí",
    "mặt khác",
    "hơn nữa",
    "cụ thể",
    "ông này",
    "bà này",
    "người này",
    "anh này",
    "chị này",
    "điều này",
    "việc này",
    "vụ việc này",
    "đây là",
    "nhưng",
    "và",
    "còn",
    "tuy vậy",
    "dù vậy",
    "như vậy",
    "không chỉ vậy",
    "cũng trong",
    "trong đó",
];

/// Function syllables: a pair of two of them ("của các", "đã được") is no concept.
const FUNCTION: &[&str] = &[
    "của", "và", "là", "các", "những", "đã", "được", "trong", "cho", "với", "có", "không", "này",
    "đó", "một", "khi", "để", "từ", "đến", "theo", "về", "tại", "ra", "vào", "cũng", "như", "thì",
    "mà", "lại", "nhưng", "còn", "nên", "do", "bị", "sẽ", "đang", "rất", "nhiều", "hơn", "phải",
    "đây", "sau", "trên", "dưới", "ở", "vì", "nếu", "hay", "hoặc", "cả", "mới", "vẫn", "đều",
    "chỉ", "nhất", "thể", "việc", "người", "ông", "bà", "họ", "nó", "ta", "tôi", "chúng", "năm",
    "ngày", "tháng", "hiện", "nay", "rằng", "thế", "gì", "nào", "bởi", "qua", "lên", "xuống",
    "trước",
];

#[derive(Debug)]
struct Sent {
    article: usize,
    paragraph: usize,
    range: (usize, usize),
    words: usize,
    /// Its place among its article's body sentences.
    index: usize,
    /// Its concepts (syllable pairs), each once.
    concepts: Vec<u64>,
    /// Reads alone and is of a summary's length.
    usable: bool,
    /// Sentence key: the same words in the same order.
    key: u64,
}

/// The sentences of a run's articles, with their concepts, ready to summarise any group.
#[derive(Debug)]
pub struct Corpus<'a> {
    records: &'a [Record],
    copy_of: Vec<usize>,
    sents: Vec<Sent>,
    by_article: Vec<(usize, usize)>,
    words: usize,
}

fn sentence_key(words: &[u64]) -> u64 {
    words.iter().fold(0u64, |h, &w| mix(h ^ w))
}

fn concepts(words: &[u64], function: &FxHashSet<u64>) -> Vec<u64> {
    let mut c: Vec<u64> = words
        .windows(2)
        .filter(|w| !(function.contains(&w[0]) && function.contains(&w[1])))
        .map(|w| mix(w[0] ^ mix(w[1])))
        .collect();
    c.sort_unstable();
    c.dedup();
    c
}

/// Starts with one of `openings` (lower-cased), followed by a space or a comma.
fn opens_with(lower: &str, openings: &[&str]) -> bool {
    openings.iter().any(|o| {
        lower
            .strip_prefix(o)
            .is_some_and(|r| r.starts_with([' ', ',']))
    })
}

/// A photo credit ("Ảnh: AFP") or a list of links ("&gt;&gt; Tin liên quan"): page furniture.
fn furniture(s: &str) -> bool {
    static CREDIT: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let credit = CREDIT.get_or_init(|| {
        regex::Regex::new(r"(?:^|[\s(\-–—])[Ảả]nh(?:\s+\p{L}+){0,2}\s*:").expect("valid regex")
    });
    s.contains(">>") || credit.is_match(s)
}

/// Where a sentence's own text starts: past an outlet tag ("TTO - ", "(Dân trí) – ";
/// looked for in an article's first sentence, `first`) and past a caption closed by a photo credit in brackets ("… (Ảnh: X) Ngày 3/5, …").
fn own_start(s: &str, first: bool) -> usize {
    let mut at = 0;
    // an outlet tag: a bracketed name, or up to three capitalised words, then a dash
    for dash in [" - ", " – ", " — "].into_iter().filter(|_| first) {
        if let Some(i) = s.find(dash) {
            let tag = &s[..i];
            let bracketed = tag.starts_with('(') && tag.ends_with(')') && tag.len() <= 40;
            let words: Vec<&str> = tag.split_whitespace().collect();
            let capitals = !words.is_empty()
                && words.len() <= 3
                && words
                    .iter()
                    .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()));
            let upper = tag.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && tag
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| c.is_uppercase() || tag.contains('.'));
            if bracketed || (capitals && upper) {
                at = i + dash.len();
            }
            break;
        }
    }
    // a caption ended by a bracketed photo credit
    let rest = &s[at..];
    let head = rest.char_indices().nth(200).map_or(rest.len(), |(i, _)| i);
    for open in ["(Ảnh:", "(ảnh:", "(Ảnh :"] {
        if let Some(i) = rest[..head].find(open) {
            if let Some(j) = rest[i..].find(')') {
                let after = &rest[i + j + 1..];
                let next = after.trim_start();
                if next.chars().next().is_some_and(|c| c.is_uppercase()) {
                    at += i + j + 1 + (after.len() - next.len());
                }
            }
            break;
        }
    }
    at
}

/// A candidate in the greedy choice: its score when last computed.
struct Cand {
    score: f64,
    i: usize,
    /// How many sentences were chosen when the score was computed.
    round: usize,
}

impl PartialEq for Cand {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Cand {}
impl PartialOrd for Cand {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Cand {
    fn cmp(&self, o: &Self) -> Ordering {
        self.score
            .total_cmp(&o.score)
            .then_with(|| o.i.cmp(&self.i))
    }
}

impl<'a> Corpus<'a> {
    /// Splits the body paragraphs of every article into sentences, with their concepts;
    /// summaries run to about [`DEFAULT_WORDS`] syllables.
    pub fn new(records: &'a [Record], g: &Grouping) -> Corpus<'a> {
        Self::with_words(records, g, DEFAULT_WORDS)
    }

    /// The same, summaries of at most `words` syllables (at least one sentence).
    pub fn with_words(records: &'a [Record], g: &Grouping, words: usize) -> Corpus<'a> {
        let function: FxHashSet<u64> = FUNCTION
            .iter()
            .map(|w| super::text::syllable_hash(w))
            .collect();
        let mut sents = Vec::new();
        let mut by_article = Vec::with_capacity(records.len());
        for (a, r) in records.iter().enumerate() {
            let first = sents.len();
            let mut index = 0;
            for (p, para) in r.paragraphs.iter().enumerate() {
                if para.kind != Kind::Body {
                    continue;
                }
                let split = sentences(&para.text);
                let alone = split.len() == 1;
                for (s, e) in split {
                    let s = s + own_start(&para.text[s..e], index == 0);
                    let text = &para.text[s..e];
                    if furniture(text) {
                        // what a photo credit follows is the photo's caption
                        if let Some(prev) = sents[first..]
                            .last_mut()
                            .filter(|x: &&mut Sent| x.paragraph == p)
                        {
                            prev.usable = false;
                        }
                        continue;
                    }
                    let words = syllable_hashes(text);
                    let lower = text.to_lowercase();
                    // a short paragraph of one sentence is a caption or a heading
                    let usable = (SENTENCE_WORDS.0..=SENTENCE_WORDS.1).contains(&words.len())
                        && (!alone || words.len() >= CAPTION_WORDS)
                        && !text.contains('?')
                        && !opens_with(&lower, DANGLING);
                    sents.push(Sent {
                        article: a,
                        paragraph: p,
                        range: (s, e),
                        words: words.len(),
                        index,
                        concepts: concepts(&words, &function),
                        usable,
                        key: sentence_key(&words),
                    });
                    index += 1;
                }
            }
            by_article.push((first, sents.len()));
        }
        Corpus {
            records,
            copy_of: g.copy_of.clone(),
            sents,
            by_article,
            words: words.max(1),
        }
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

    /// The length summaries run to, in syllables.
    pub fn words(&self) -> usize {
        self.words
    }

    /// An extractive summary of a group of articles.
    pub fn summarize(&self, arts: &[usize]) -> Summary {
        let repeated: FxHashSet<(usize, usize)> = self
            .repeated_paragraphs(arts)
            .into_iter()
            .map(|x| x.0)
            .collect();
        let shown: Vec<usize> = arts
            .iter()
            .copied()
            .filter(|&a| self.copy_of[a] == a)
            .collect();
        let mut told: FxHashMap<u64, u32> = FxHashMap::default();
        let mut cands: Vec<(&Sent, f64)> = Vec::new();
        let mut seen_keys = FxHashSet::default();
        let mut mine = FxHashSet::default();
        for &a in &shown {
            let (lo, hi) = self.by_article[a];
            mine.clear();
            for s in &self.sents[lo..hi] {
                if repeated.contains(&(a, s.paragraph)) {
                    continue;
                }
                mine.extend(s.concepts.iter().copied());
                if s.usable && seen_keys.insert(s.key) {
                    let lead = PAST_LEAD.powi(s.index.saturating_sub(LEAD_SENTENCES - 1) as i32);
                    cands.push((s, lead));
                }
            }
            for &c in &mine {
                *told.entry(c).or_default() += 1;
            }
        }
        // a concept told by one article only is a story's core when it has one article
        // (or when its articles share none)
        let mut chosen = Vec::new();
        for min_told in [2, 1] {
            if chosen.is_empty() && (min_told == 1 || shown.len() > 1) {
                chosen = self.greedy(&cands, &told, min_told);
            }
        }
        // told in news order: the leads first, each article's sentences in their order
        chosen.sort_by_key(|&i| {
            let s = cands[i].0;
            (s.index, s.article, s.paragraph, s.range.0)
        });
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
        Summary::of(sentences)
    }

    /// Budgeted maximum coverage, greedily: the sentence adding the most weight of
    /// concepts not yet covered per syllable, while the budget allows. Returns indices
    /// into `cands`, in the order chosen.
    fn greedy(
        &self,
        cands: &[(&Sent, f64)],
        told: &FxHashMap<u64, u32>,
        min_told: u32,
    ) -> Vec<usize> {
        let weight = |c: &u64| told.get(c).copied().filter(|&n| n >= min_told).unwrap_or(0);
        let gain_of = |i: usize, covered: &FxHashSet<u64>| -> f64 {
            let (s, lead) = cands[i];
            let gain: u32 = s
                .concepts
                .iter()
                .filter(|c| !covered.contains(*c))
                .map(weight)
                .sum();
            gain as f64 * lead / (s.words as f64).powf(LENGTH_COST)
        };
        // lazy greedy: a sentence's gain only falls as concepts get covered, so a score
        // computed earlier bounds the score now
        let mut covered: FxHashSet<u64> = FxHashSet::default();
        let mut heap: BinaryHeap<Cand> = (0..cands.len())
            .map(|i| Cand {
                score: gain_of(i, &covered),
                i,
                round: 0,
            })
            .filter(|c| c.score > 0.0)
            .collect();
        let mut chosen: Vec<usize> = Vec::new();
        let mut words = 0;
        while let Some(top) = heap.pop() {
            let s = cands[top.i].0;
            if words + s.words > self.words && !chosen.is_empty() {
                continue; // does not fit, and never will
            }
            if top.round != chosen.len() {
                let score = gain_of(top.i, &covered);
                if score > 0.0 {
                    heap.push(Cand {
                        score,
                        i: top.i,
                        round: chosen.len(),
                    });
                }
                continue;
            }
            covered.extend(s.concepts.iter().copied());
            words += s.words;
            chosen.push(top.i);
            if words >= self.words {
                break;
            }
        }
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlet_tags_and_photo_credits_are_cut_off() {
        let s = "TTO - Ngày 3/5, cây cầu mới được thông xe.";
        assert_eq!(
            &s[own_start(s, true)..],
            "Ngày 3/5, cây cầu mới được thông xe."
        );
        let s = "(Báo Mới) – Sáng nay mưa lớn.";
        assert_eq!(&s[own_start(s, true)..], "Sáng nay mưa lớn.");
        // a dash later in the article is no tag
        assert_eq!(own_start("EU - Mỹ ký hiệp định.", false), 0);
        let s = "Cầu mới (Ảnh: Minh Anh) Sáng 3/5, cầu được thông xe.";
        assert_eq!(&s[own_start(s, true)..], "Sáng 3/5, cầu được thông xe.");
        assert_eq!(own_start("Hà Nội - Hải Phòng nối liền.", true), 0);
        assert!(furniture(">> Tin liên quan"));
        assert!(furniture("Cây cầu nhìn từ trên cao - Ảnh: AFP"));
        assert!(furniture("Ảnh tư liệu: AFP/TTXVN Thông báo nêu rõ."));
        assert!(!furniture("Bức ảnh gây tranh cãi được đăng hôm qua."));
    }

    #[test]
    fn dangling_openings_do_not_read_alone() {
        assert!(opens_with("theo đó, giá xăng tăng.", DANGLING));
        assert!(opens_with("ông này cho biết vậy.", DANGLING));
        assert!(!opens_with("theo bộ công thương, giá xăng tăng.", DANGLING));
        assert!(!opens_with("vào ngày 3/5 cầu thông xe.", DANGLING));
    }
}
