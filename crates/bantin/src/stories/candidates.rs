//! Which articles are compared, and how similar they are: TF-IDF vectors, and candidate
//! pairs from an inverted index over each article's most weighted rare terms.
//!
//! The cost is bounded per article: an article looks up [`KEYS`] terms, each in a window of
//! [`POSTING`] articles (the nearest in time), adds up what it shares with each of them
//! there, and compares in full only the [`CANDIDATES`] that share the most. Of the pairs
//! found, an article keeps its [`DEGREE`] most similar; a pair is an edge when both of its
//! articles keep it, so no article (a hub that resembles everything a little) gathers
//! more than [`DEGREE`] edges, and the grouping that follows stays linear.

use super::{Date, Signature, STORIES, TOPICS};
use rustc_hash::FxHashMap;

/// Terms of an article looked up for candidates (its most weighted ones of those that
/// some other article shares)...
pub const KEYS: usize = 40;
/// ...each among this many articles at most, the nearest in time.
pub const POSTING: usize = 64;
/// A term in more than this share of the run is no key (it says nothing about a story).
pub const KEY_SHARE: f64 = 0.05;
/// Articles compared in full with an article: those sharing the most key weight with it.
pub const CANDIDATES: usize = 32;
/// Edges an article keeps at most: its most similar pairs.
pub const DEGREE: usize = 32;
/// Terms kept in a vector for comparison, the most weighted (the norm counts them all).
pub const VECTOR: usize = 256;
/// Pairs less similar than this are not kept (they count as 0 in the averages; low, since
/// topics join on averages over many pairs).
pub const FLOOR: f64 = 0.01;

/// A vector of an article: weighted terms, sorted by term, unit length.
pub struct Vector {
    pub terms: Vec<(u32, f32)>,
}

/// The cosine of two unit vectors (a merge of the sorted terms without branches on their
/// order, which a processor cannot predict).
pub fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        s += if x.0 == y.0 { x.1 * y.1 } else { 0.0 };
        i += (x.0 <= y.0) as usize;
        j += (y.0 <= x.0) as usize;
    }
    s as f64
}

/// Document frequencies of the terms of a run.
pub fn frequencies(s: &[&Signature]) -> FxHashMap<u32, u32> {
    let mut df: FxHashMap<u32, u32> = FxHashMap::default();
    for x in s {
        for &(t, _) in &x.bag {
            *df.entry(t).or_default() += 1;
        }
    }
    df
}

/// The TF-IDF vector of a bag (sublinear term frequency, smoothed idf over `n` articles),
/// its [`VECTOR`] most weighted terms, scaled by the norm of all.
pub fn vector(bag: &[(u32, u16)], df: &FxHashMap<u32, u32>, n: usize) -> Vector {
    let nf = n as f64;
    let idf = |t: u32| ((nf + 1.0) / (df.get(&t).copied().unwrap_or(0) as f64 + 1.0)).ln() + 1.0;
    let mut w: Vec<(u32, f32)> = bag
        .iter()
        .map(|&(t, c)| (t, ((1.0 + (c as f64).ln()) * idf(t)) as f32))
        .collect();
    let norm = w
        .iter()
        .map(|(_, v)| (*v as f64) * (*v as f64))
        .sum::<f64>()
        .sqrt();
    if w.len() > VECTOR {
        w.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        w.truncate(VECTOR);
        w.sort_unstable_by_key(|p| p.0);
    }
    if norm > 0.0 {
        for p in w.iter_mut() {
            p.1 = (p.1 as f64 / norm) as f32;
        }
    }
    Vector { terms: w }
}

/// The keys of a vector: its most weighted terms that some other article shares, not too
/// common, with their weights.
pub fn keys(v: &Vector, df: &FxHashMap<u32, u32>, max_df: u32) -> Vec<(u32, f32)> {
    let mut k: Vec<(u32, f32)> = v
        .terms
        .iter()
        .filter(|(t, _)| {
            let d = df.get(t).copied().unwrap_or(0);
            d >= 2 && d <= max_df
        })
        .copied()
        .collect();
    k.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    k.truncate(KEYS);
    k
}

/// The most a key's document frequency may be in a run of `n` articles.
pub fn max_df(n: usize) -> u32 {
    ((n as f64 * KEY_SHARE) as u32).max(3)
}

/// A day on one line for every dated article (yearless ones on the line of no year, kept
/// apart), for finding the nearest in time; undated ones last.
pub fn timeline_day(d: Date) -> i64 {
    match d {
        Some((Some(y), m, dd)) => super::day_number(y, m, dd),
        Some((None, m, dd)) => super::day_number(0, m, dd),
        None => i64::MAX,
    }
}

/// An inverted index: per key, the articles holding it (by their rank in time: day, then
/// canonical order) with its weight there, and a cursor for articles looked up in that
/// order, so that finding the nearest in time never searches.
pub struct Index {
    postings: FxHashMap<u32, (Vec<(u32, f32)>, usize)>,
}

impl Index {
    /// The index of the keys of every article, `rank` the place of each in time.
    pub fn new(keys: &[Vec<(u32, f32)>], rank: &[u32]) -> Index {
        let mut postings: FxHashMap<u32, (Vec<(u32, f32)>, usize)> = FxHashMap::default();
        for (i, k) in keys.iter().enumerate() {
            for &(t, w) in k {
                postings.entry(t).or_default().0.push((rank[i], w));
            }
        }
        for (list, _) in postings.values_mut() {
            list.sort_unstable_by_key(|p| p.0);
        }
        Index { postings }
    }

    /// The articles of a key nearest in time to the one of rank `r` (at most [`POSTING`]);
    /// `r` must not decrease from one call to the next.
    fn window(&mut self, t: u32, r: u32) -> &[(u32, f32)] {
        let Some((list, at)) = self.postings.get_mut(&t) else {
            return &[];
        };
        if list.len() <= POSTING {
            return list;
        }
        while *at < list.len() && list[*at].0 < r {
            *at += 1;
        }
        let lo = at.saturating_sub(POSTING / 2);
        let hi = (lo + POSTING).min(list.len());
        &list[hi.saturating_sub(POSTING)..hi]
    }
}

/// Scratch space for adding up shared key weight (by rank), reset in the time it was used.
struct Scores {
    score: Vec<f32>,
    touched: Vec<u32>,
}

/// The candidates of the article of rank `r`: the [`CANDIDATES`] articles sharing the most
/// key weight with it (ties by rank), as ranks.
fn candidates(r: u32, keys: &[(u32, f32)], index: &mut Index, sc: &mut Scores) -> Vec<u32> {
    for &(t, w) in keys {
        for &(j, wj) in index.window(t, r) {
            if j == r {
                continue;
            }
            let s = &mut sc.score[j as usize];
            if *s == 0.0 {
                sc.touched.push(j);
            }
            *s += w * wj;
        }
    }
    let mut c: Vec<(f32, u32)> = sc
        .touched
        .drain(..)
        .map(|j| (std::mem::take(&mut sc.score[j as usize]), j))
        .collect();
    let by = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    if c.len() > CANDIDATES {
        c.select_nth_unstable_by(CANDIDATES - 1, by);
        c.truncate(CANDIDATES);
    }
    c.into_iter().map(|(_, j)| j).collect()
}

/// An edge between two articles (`a < b`): the similarity for stories and for topics.
pub type Edge = (u32, u32, f32, f32);

/// The edges of a run (articles in canonical order), each at most once, sorted.
pub fn edges(
    s: &[&Signature],
    vectors: &[Vector],
    heads: &[Vector],
    keys: &[Vec<(u32, f32)>],
) -> Vec<Edge> {
    let n = s.len();
    // articles in order of time
    let mut by_rank: Vec<u32> = (0..n as u32).collect();
    by_rank.sort_by_key(|&i| (timeline_day(s[i as usize].date), i));
    let mut rank = vec![0u32; n];
    for (r, &i) in by_rank.iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    let mut index = Index::new(keys, &rank);
    let mut sc = Scores {
        score: vec![0.0; n],
        touched: Vec::new(),
    };
    let mut found: Vec<Edge> = Vec::new();
    for (r, &i) in by_rank.iter().enumerate() {
        let i = i as usize;
        for j in candidates(r as u32, &keys[i], &mut index, &mut sc) {
            let j = by_rank[j as usize] as usize;
            let (a, b) = (i.min(j), i.max(j));
            if let Some(e) = edge(s, vectors, heads, a, b) {
                found.push(e);
            }
        }
    }
    found.sort_unstable_by_key(|e| (e.0, e.1));
    found.dedup_by_key(|e| (e.0, e.1));
    keep_nearest(n, found)
}

/// The edge of two articles, when they are similar enough to count: the cosine of their
/// vectors for stories, of their heads for topics, each with its level's decay.
fn edge(
    s: &[&Signature],
    vectors: &[Vector],
    heads: &[Vector],
    a: usize,
    b: usize,
) -> Option<Edge> {
    let cos = dot(&vectors[a].terms, &vectors[b].terms);
    if cos < FLOOR {
        return None;
    }
    // stories by all an article says, topics by what its title and lead say
    let head = dot(&heads[a].terms, &heads[b].terms);
    let (st, tp) = (
        cos * STORIES.decay(s[a].date, s[b].date),
        head * TOPICS.decay(s[a].date, s[b].date),
    );
    (tp >= FLOOR).then_some((a as u32, b as u32, st as f32, tp as f32))
}

/// The edges both of whose articles count them among their [`DEGREE`] most similar (by the
/// topics' similarity, of the heads).
fn keep_nearest(n: usize, edges: Vec<Edge>) -> Vec<Edge> {
    let mut incident: Vec<Vec<(f32, u32)>> = vec![Vec::new(); n];
    for (k, e) in edges.iter().enumerate() {
        incident[e.0 as usize].push((e.3, k as u32));
        incident[e.1 as usize].push((e.3, k as u32));
    }
    let mut votes = vec![0u8; edges.len()];
    for list in incident.iter_mut() {
        if list.len() > DEGREE {
            list.select_nth_unstable_by(DEGREE - 1, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            list.truncate(DEGREE);
        }
        for &(_, k) in list.iter() {
            votes[k as usize] += 1;
        }
    }
    edges
        .into_iter()
        .zip(votes)
        .filter(|(_, v)| *v == 2)
        .map(|(e, _)| e)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hub_keeps_only_its_nearest_edges() {
        // article 0 resembles every other a little, each of them resembles one neighbour more
        let mut edges: Vec<Edge> = (1..=100u32)
            .map(|j| (0, j, 0.1, 0.1 + j as f32 * 1e-4))
            .collect();
        edges.extend((1..100u32).step_by(2).map(|j| (j, j + 1, 0.5, 0.5)));
        edges.sort_unstable_by_key(|e| (e.0, e.1));
        let kept = keep_nearest(101, edges);
        let hub = kept.iter().filter(|e| e.0 == 0).count();
        assert_eq!(hub, DEGREE);
        // the hub keeps its most similar; the neighbour pairs all stay
        assert!(kept.iter().any(|e| e.0 == 0 && e.1 == 100));
        assert!(!kept.iter().any(|e| e.0 == 0 && e.1 == 1));
        assert_eq!(kept.iter().filter(|e| e.0 != 0).count(), 50);
    }

    #[test]
    fn the_cosine_of_sparse_vectors() {
        let a = [(1, 0.6), (3, 0.8)];
        let b = [(2, 1.0)];
        let c = [(1, 0.6), (2, 0.0), (3, 0.8)];
        assert_eq!(dot(&a, &b), 0.0);
        assert!((dot(&a, &c) - 1.0).abs() < 1e-6);
        assert_eq!(dot(&a, &[]), 0.0);
    }
}
