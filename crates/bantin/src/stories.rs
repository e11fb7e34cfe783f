//! Stories: articles about the same real-world event, grouped across files and outlets.
//!
//! Two articles tell the same story when they name the same person, name something else in
//! common (another person, a place, an organisation) and were published within
//! [`WINDOW_DAYS`] of each other (a year unknown on one side compares month and day);
//! undated articles need two people in common. One shared name alone is not enough: common
//! names ("Nguyễn Văn Hùng") would chain unrelated stories into one. Articles naming no
//! person in common still join when they were published within the window, name something
//! in common, and tell the same thing: the rare word pairs of their titles and leads
//! overlap by at least [`CONTENT_LINK`] (weighted by rarity in the run). Candidate pairs come
//! from inverted indexes over people and rare word pairs, so the cost grows with the number
//! of articles sharing a name, not with the square of the run.

use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// How far apart two articles of one story may be published.
pub const WINDOW_DAYS: i64 = 10;

/// What clustering looks at in an article.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Signature {
    /// Entity ids of the people named (title and body).
    pub people: Vec<String>,
    /// Entity ids of the places and organisations named.
    #[serde(default)]
    pub others: Vec<String>,
    /// Publication date: year (if known), month, day.
    pub date: Option<(Option<i32>, u32, u32)>,
    /// Hashes of the syllable pairs of the title and lead, sorted, without repeats.
    #[serde(default)]
    pub terms: Vec<u64>,
}

/// Weighted overlap of title and lead word pairs from which two articles tell one story.
pub const CONTENT_LINK: f64 = 0.3;
/// The rarest word pairs of an article looked up for candidates...
const RARE_TERMS: usize = 8;
/// ...each among the articles that used it last.
const RECENT: usize = 32;

/// The word pairs an article is compared by: syllable pairs of its title and lead.
pub fn terms_of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<u64> {
    let mut out = Vec::new();
    for t in texts {
        let w = crate::digest::text::syllable_hashes(t);
        out.extend(
            w.windows(2)
                .map(|p| crate::digest::text::mix(p[0] ^ p[1].rotate_left(17))),
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// How many ids two sorted lists share.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Publication date: year (if known), month, day.
type Date = Option<(Option<i32>, u32, u32)>;

/// An article as the index keeps it: entity ids interned, sorted.
#[derive(Clone, Debug)]
struct Art {
    people: Vec<u32>,
    others: Vec<u32>,
    date: Date,
    terms: Vec<u64>,
}

/// Year (when known), month and day of a publication date (`2023-07-26`, `XXXX-11-06`,
/// with or without a time); `None` for a month or a year alone.
pub fn date_parts(published: &str) -> Option<(Option<i32>, u32, u32)> {
    let mut it = published.get(..10)?.split('-');
    let y = it.next()?.parse::<i32>().ok();
    let m = it.next()?.parse::<u32>().ok()?;
    let d = it.next()?.parse::<u32>().ok()?;
    Some((y, m, d))
}

pub(crate) fn day_number(y: i32, m: u32, d: u32) -> i64 {
    crate::days::from_civil(y, m, d)
}

fn close(a: Date, b: Date) -> Option<bool> {
    let ((ya, ma, da), (yb, mb, db)) = (a?, b?);
    Some(match (ya, yb) {
        (Some(ya), Some(yb)) => {
            (day_number(ya, ma, da) - day_number(yb, mb, db)).abs() <= WINDOW_DAYS
        }
        // a year unknown on one side: month and day within the window, any year
        _ => {
            let diff =
                ((ma as i64 - 1) * 31 + da as i64 - ((mb as i64 - 1) * 31 + db as i64)).abs();
            diff.min(372 - diff) <= WINDOW_DAYS
        }
    })
}

fn find(parent: &mut [usize], x: usize) -> usize {
    let mut r = x;
    while parent[r] != r {
        parent[r] = parent[parent[r]];
        r = parent[r];
    }
    r
}

/// A person named in more than this many articles, and in more than a quarter of them
/// (a head of state), links nothing by itself.
const COMMON_PERSON: usize = 64;

/// Stories built article by article: adding an article places it into the stories already
/// there (joining two of them when it links both), without starting over.
#[derive(Clone, Debug, Default)]
pub struct StoryIndex {
    sigs: Vec<Art>,
    parent: Vec<usize>,
    ids: FxHashMap<String, u32>,
    by_person: FxHashMap<u32, Vec<usize>>,
    by_term: FxHashMap<u64, Vec<u32>>,
    /// The rarity of each article's word pairs in all, as it was when the article came.
    weight: Vec<f64>,
}

impl StoryIndex {
    /// An empty index.
    pub fn new() -> StoryIndex {
        StoryIndex::default()
    }

    /// How many articles were added.
    pub fn len(&self) -> usize {
        self.sigs.len()
    }

    /// True when no article was added.
    pub fn is_empty(&self) -> bool {
        self.sigs.is_empty()
    }

    fn intern(&mut self, names: &[String]) -> Vec<u32> {
        let mut out: Vec<u32> = names
            .iter()
            .map(|n| {
                let next = self.ids.len() as u32;
                *self.ids.entry(n.clone()).or_insert(next)
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Adds an article; returns its number (the order of addition).
    pub fn add(&mut self, sig: Signature) -> usize {
        let i = self.sigs.len();
        self.parent.push(i);
        let art = Art {
            people: self.intern(&sig.people),
            others: self.intern(&sig.others),
            date: sig.date,
            terms: sig.terms,
        };
        let n = i + 1;
        for &p in &art.people {
            let list = self.by_person.entry(p).or_default();
            let common = list.len() > COMMON_PERSON && list.len() * 4 > n;
            if !common {
                for &j in list.iter() {
                    if find(&mut self.parent, i) == find(&mut self.parent, j) {
                        continue;
                    }
                    let sj = &self.sigs[j];
                    let people = shared(&art.people, &sj.people);
                    let linked = match close(art.date, sj.date) {
                        Some(c) => c && (people >= 2 || shared(&art.others, &sj.others) >= 1),
                        None => people >= 2,
                    };
                    if linked {
                        union(&mut self.parent, i, j);
                    }
                }
            }
            list.push(i);
        }
        let w = self.link_by_content(i, &art);
        self.weight.push(w);
        for &t in &art.terms {
            self.by_term.entry(t).or_default().push(i as u32);
        }
        self.sigs.push(art);
        i
    }

    fn idf(&self, t: u64, n: usize) -> f64 {
        let df = self.by_term.get(&t).map_or(0, |l| l.len());
        ((n + 1) as f64 / (df + 1) as f64).ln()
    }

    /// The rarity of the word pairs two articles share.
    fn shared_weight(&self, a: &[u64], b: &[u64], n: usize) -> f64 {
        let (mut i, mut j, mut both) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    both += self.idf(a[i], n);
                    i += 1;
                    j += 1;
                }
            }
        }
        both
    }

    /// Links an article to earlier ones telling the same thing; returns the rarity of its
    /// word pairs in all.
    fn link_by_content(&mut self, i: usize, sig: &Art) -> f64 {
        let n = i + 1;
        let weight: f64 = sig.terms.iter().map(|&t| self.idf(t, n)).sum();
        if sig.terms.is_empty() || (sig.people.is_empty() && sig.others.is_empty()) {
            return weight;
        }
        let mut rare: Vec<(usize, u64)> = sig
            .terms
            .iter()
            .filter_map(|t| self.by_term.get(t).map(|l| (l.len(), *t)))
            .collect();
        rare.sort_unstable();
        let mut candidates: Vec<usize> = Vec::new();
        for &(df, t) in rare.iter().take(RARE_TERMS) {
            // a pair in a fifth of the run says nothing
            if df * 5 > n.max(20) {
                break;
            }
            candidates.extend(
                self.by_term[&t]
                    .iter()
                    .rev()
                    .take(RECENT)
                    .map(|&j| j as usize),
            );
        }
        candidates.sort_unstable();
        candidates.dedup();
        for j in candidates {
            let sj = &self.sigs[j];
            if close(sig.date, sj.date) != Some(true) {
                continue;
            }
            let named = shared(&sig.people, &sj.people) + shared(&sig.others, &sj.others);
            if named == 0 {
                continue;
            }
            if find(&mut self.parent, i) == find(&mut self.parent, j) {
                continue;
            }
            let least = weight.min(self.weight[j]);
            let sj = &self.sigs[j];
            if least > 0.0 && self.shared_weight(&sig.terms, &sj.terms, n) / least >= CONTENT_LINK {
                union(&mut self.parent, i, j);
            }
        }
        weight
    }

    /// Puts two articles in one story (near-duplicates, a user's decision).
    pub fn join(&mut self, a: usize, b: usize) {
        if a < self.parent.len() && b < self.parent.len() {
            union(&mut self.parent, a, b);
        }
    }

    /// The story of every article, numbered from 0 in order of first appearance; an
    /// article keeps the number of the oldest article of its story.
    pub fn stories(&mut self) -> Vec<usize> {
        let mut number: HashMap<usize, usize> = HashMap::new();
        (0..self.parent.len())
            .map(|i| {
                let r = find(&mut self.parent, i);
                let next = number.len();
                *number.entry(r).or_insert(next)
            })
            .collect()
    }
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    // the root is the oldest article, so a story keeps its first article's number
    parent[a.max(b)] = a.min(b);
}

/// Groups articles into stories: the story number of every article, numbered in order of
/// first appearance.
pub fn cluster(sigs: &[Signature]) -> Vec<usize> {
    let mut idx = StoryIndex::new();
    for s in sigs {
        idx.add(s.clone());
    }
    idx.stories()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(people: &[&str], date: Option<(Option<i32>, u32, u32)>) -> Signature {
        Signature {
            people: people.iter().map(|s| s.to_string()).collect(),
            others: vec!["place".to_string()],
            date,
            terms: Vec::new(),
        }
    }

    fn told(text: &str, others: &[&str], date: (u32, u32)) -> Signature {
        Signature {
            people: Vec::new(),
            others: others.iter().map(|s| s.to_string()).collect(),
            date: Some((Some(2024), date.0, date.1)),
            terms: terms_of([text]),
        }
    }

    #[test]
    fn the_same_event_told_in_other_words_without_people() {
        let s = cluster(&[
            told(
                "Bão số 3 đổ bộ vào Quảng Ninh và Hải Phòng, gió giật cấp 15, hàng nghìn cây xanh bị đổ",
                &["quang-ninh", "hai-phong"],
                (9, 7),
            ),
            told(
                "Giá xăng giảm lần thứ ba liên tiếp từ 15 giờ chiều nay, xăng RON 95 giảm 320 đồng",
                &["bo-cong-thuong"],
                (9, 7),
            ),
            told(
                "Sau khi đổ bộ vào Quảng Ninh, bão số 3 làm hàng nghìn cây xanh bị đổ ở Hạ Long",
                &["quang-ninh", "ha-long"],
                (9, 8),
            ),
            told(
                "Quảng Ninh khai mạc hội chợ du lịch quốc tế tại Hạ Long với 300 gian hàng",
                &["quang-ninh", "ha-long"],
                (9, 8),
            ),
        ]);
        assert_eq!(s, vec![0, 1, 0, 2]);
    }

    #[test]
    fn one_common_name_alone_links_nothing() {
        let mut a = sig(&["nguyen-van-hung"], Some((Some(2024), 3, 1)));
        let mut b = sig(&["nguyen-van-hung"], Some((Some(2024), 3, 2)));
        a.others = vec!["ha-noi".into()];
        b.others = vec!["ca-mau".into()];
        assert_eq!(cluster(&[a.clone(), b.clone()]), vec![0, 1]);
        b.others.push("ha-noi".into());
        assert_eq!(cluster(&[a, b]), vec![0, 0]);
    }

    #[test]
    fn shared_people_and_close_dates_make_a_story() {
        let s = cluster(&[
            sig(&["shoigu", "kang"], Some((Some(2023), 7, 26))),
            sig(&["shoigu"], Some((Some(2023), 7, 27))),
            sig(&["putin", "kim"], Some((Some(2023), 9, 15))),
            sig(&["kim", "shoigu"], Some((Some(2023), 9, 20))),
            sig(&["lavrov", "kim"], Some((Some(2025), 7, 12))),
            sig(&["goremykin"], Some((None, 11, 6))),
        ]);
        assert_eq!(s, vec![0, 0, 1, 1, 2, 3]);
    }

    #[test]
    fn undated_articles_need_two_people() {
        let s = cluster(&[
            sig(&["a", "b"], None),
            sig(&["a", "b", "c"], None),
            sig(&["a"], None),
        ]);
        assert_eq!(s, vec![0, 0, 1]);
    }

    #[test]
    fn pairs_of_neighbours() {
        // many articles, each pair of neighbours sharing a person
        let sigs: Vec<Signature> = (0..20_000)
            .map(|i| sig(&[&format!("p{}", i / 2)], Some((Some(2024), 1, 1))))
            .collect();
        let s = cluster(&sigs);
        assert_eq!(s[0], s[1]);
        assert_ne!(s[1], s[2]);
    }

    #[test]
    fn articles_added_later_join_existing_stories() {
        let mut idx = StoryIndex::new();
        idx.add(sig(&["a"], Some((Some(2024), 3, 1))));
        idx.add(sig(&["b"], Some((Some(2024), 3, 2))));
        assert_eq!(idx.stories(), vec![0, 1]);
        // a later article naming both people joins the two stories into one
        idx.add(sig(&["a", "b"], Some((Some(2024), 3, 3))));
        idx.add(sig(&["c"], Some((Some(2024), 3, 3))));
        assert_eq!(idx.stories(), vec![0, 0, 0, 1]);
        idx.join(3, 0);
        assert_eq!(idx.stories(), vec![0, 0, 0, 0]);
    }
}
