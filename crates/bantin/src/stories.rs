//! Stories: articles about the same real-world event, grouped across files and outlets.
//!
//! Two articles tell the same story when they name the same person and were published
//! within [`WINDOW_DAYS`] of each other (a year unknown on one side compares month and
//! day); undated articles need two people in common. Candidate pairs come from an inverted
//! index over people, so the cost grows with the number of articles sharing a name, not
//! with the square of the run.

use std::collections::HashMap;

/// How far apart two articles of one story may be published.
pub const WINDOW_DAYS: i64 = 10;

/// What clustering looks at in an article.
#[derive(Clone, Debug, Default)]
pub struct Signature {
    /// Entity ids of the people named (title and body).
    pub people: Vec<String>,
    /// Publication date: year (if known), month, day.
    pub date: Option<(Option<i32>, u32, u32)>,
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

/// Groups articles into stories: the story number of every article, numbered in order of
/// first appearance.
pub fn cluster(sigs: &[Signature]) -> Vec<usize> {
    let n = sigs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut by_person: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in sigs.iter().enumerate() {
        let mut seen: Vec<&str> = s.people.iter().map(|p| p.as_str()).collect();
        seen.sort_unstable();
        seen.dedup();
        for p in seen {
            by_person.entry(p).or_default().push(i);
        }
    }
    for list in by_person.values() {
        // a person named in a great share of a large run (a head of state) links nothing
        if list.len() > 64 && list.len() * 4 > n {
            continue;
        }
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                if find(&mut parent, i) == find(&mut parent, j) {
                    continue;
                }
                let linked = match close(&sigs[i], &sigs[j]) {
                    Some(c) => c,
                    None => {
                        sigs[i]
                            .people
                            .iter()
                            .filter(|p| sigs[j].people.contains(p))
                            .count()
                            >= 2
                    }
                };
                if linked {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut number: HashMap<usize, usize> = HashMap::new();
    (0..n)
        .map(|i| {
            let r = find(&mut parent, i);
            let next = number.len();
            *number.entry(r).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(people: &[&str], date: Option<(Option<i32>, u32, u32)>) -> Signature {
        Signature {
            people: people.iter().map(|s| s.to_string()).collect(),
            date,
        }
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
}
