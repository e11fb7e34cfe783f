//! Stories: articles about the same real-world event, grouped across files and outlets.
//!
//! Two articles tell the same story when they name the same person, name something else in
//! common (another person, a place, an organisation) and were published within
//! [`WINDOW_DAYS`] of each other (a year unknown on one side compares month and day);
//! undated articles need two people in common. One shared name alone is not enough: common
//! names ("Nguyễn Văn Hùng") would chain unrelated stories into one. Candidate pairs come
//! from an inverted index over people, so the cost grows with the number of articles
//! sharing a name, not with the square of the run.

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
}

fn shared(a: &[String], b: &[String]) -> usize {
    a.iter().filter(|x| b.contains(x)).count()
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

fn day_number(y: i32, m: u32, d: u32) -> i64 {
    // days since a fixed epoch; exactness within a few days is all that matters here
    y as i64 * 372 + (m as i64 - 1) * 31 + d as i64
}

fn close(a: &Signature, b: &Signature) -> Option<bool> {
    let ((ya, ma, da), (yb, mb, db)) = (a.date?, b.date?);
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
    sigs: Vec<Signature>,
    parent: Vec<usize>,
    by_person: HashMap<String, Vec<usize>>,
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

    /// Adds an article; returns its number (the order of addition).
    pub fn add(&mut self, sig: Signature) -> usize {
        let i = self.sigs.len();
        self.parent.push(i);
        let mut people: Vec<&str> = sig.people.iter().map(|p| p.as_str()).collect();
        people.sort_unstable();
        people.dedup();
        let n = i + 1;
        for p in people {
            let list = self.by_person.entry(p.to_string()).or_default();
            let common = list.len() > COMMON_PERSON && list.len() * 4 > n;
            if !common {
                for &j in list.iter() {
                    if find(&mut self.parent, i) == find(&mut self.parent, j) {
                        continue;
                    }
                    let sj = &self.sigs[j];
                    let people = shared(&sig.people, &sj.people);
                    let linked = match close(&sig, sj) {
                        Some(c) => c && (people >= 2 || shared(&sig.others, &sj.others) >= 1),
                        None => people >= 2,
                    };
                    if linked {
                        union(&mut self.parent, i, j);
                    }
                }
            }
            list.push(i);
        }
        self.sigs.push(sig);
        i
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
        }
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
