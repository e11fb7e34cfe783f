//! Stories and topics: articles about the same real-world event, and stories that continue
//! one subject over weeks, grouped across files and outlets by what the articles say.
//!
//! Each article is a bag of terms ([`Signature::bag`]): the syllables and syllable pairs of
//! its title (counted twice), lead and body, and the ids of the people, places and
//! organisations it names. Over a run the terms are weighted by TF-IDF (sublinear term
//! frequency, smoothed inverse document frequency), so a name in every tenth article (a
//! country, a capital, a head of government) weighs little and never links two articles by
//! itself; two articles are as close as the cosine of their vectors, times a decay with the
//! days between their publication dates ([`Scale`]): no hard window, but an article two
//! months away must say nearly the same thing to join. An undated article is compared as
//! if it were [`Scale::undated`] days away, so undated articles link only when they tell
//! nearly the same thing and never chain a story across all time.
//!
//! Candidate pairs come from an inverted index over each article's most weighted rare
//! terms (bounded lists, the nearest in time kept); only the articles sharing the most
//! key weight are compared in full, and an article keeps a bounded number of edges, its
//! most similar (see the `candidates` module), so the cost grows with the run, not its
//! square, and no hub article pulls a crowd into its story. Stories are built by average-linkage agglomeration over the candidate pairs
//! (a pair not compared counts as 0), joined while two groups are on average at least
//! [`STORIES`]`.link` apart; topics continue the same agglomeration from the stories with
//! the longer time scale of [`TOPICS`], a lower threshold, and the similarity of the
//! articles' heads ([`Signature::head`]: title and lead, weighted the same way): a subject
//! followed over weeks is named in the headlines, while the bodies tell each its own event.
//!
//! The result does not depend on the order of the input: articles are put in a canonical
//! order (their stable keys, `source#index`) before anything else, and ties are broken by
//! that order. Story and topic ids are derived from the key of the earliest member, not from
//! positions, so a story keeps its id when other stories change.

mod candidates;
mod linkage;

use crate::union_find::{find, union_lower};
use linkage::average_linkage;
use rustc_hash::FxHashMap;

/// What clustering looks at in an article.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Signature {
    /// The article's stable key (`source#index`): its place in the canonical order and the
    /// seed of its story's id.
    #[serde(default)]
    pub key: String,
    /// Entity ids of the people named (title and body).
    pub people: Vec<String>,
    /// Entity ids of the places and organisations named.
    #[serde(default)]
    pub others: Vec<String>,
    /// Publication date: year (if known), month, day.
    pub date: Option<(Option<i32>, u32, u32)>,
    /// Terms (hashes of syllables, syllable pairs and entity ids) with their counts, sorted
    /// by term.
    #[serde(default)]
    pub bag: Vec<(u32, u16)>,
    /// The terms of the title and the lead alone ([`HEAD_SYLLABLES`] of the body): what a
    /// topic is about, without the background of the body; sorted by term.
    #[serde(default)]
    pub head: Vec<(u32, u16)>,
}

/// Syllables of the body read into an article's bag at most (the title and the lead carry
/// what a story is about; a long body adds mostly background).
pub const BODY_SYLLABLES: usize = 600;

/// Syllables of the body read into an article's head (its lead, about two sentences).
pub const HEAD_SYLLABLES: usize = 60;

fn term32(h: u64) -> u32 {
    (crate::digest::text::mix(h) >> 32) as u32
}

/// The bag of terms of texts: syllables and pairs of neighbouring syllables of each text,
/// `weight` times each, the first `limit` syllables in all.
fn add_text(bag: &mut FxHashMap<u32, u32>, text: &str, weight: u32, limit: &mut usize) {
    let mut prev: Option<u64> = None;
    for w in crate::digest::text::syllables(text) {
        if *limit == 0 {
            return;
        }
        *limit -= 1;
        let h = crate::digest::text::syllable_hash(w);
        *bag.entry(term32(h)).or_default() += weight;
        if let Some(p) = prev {
            *bag.entry(term32(p ^ h.rotate_left(17))).or_default() += weight;
        }
        prev = Some(h);
    }
}

/// The bag of an entity id.
fn entity_term(id: &str) -> u32 {
    term32(crate::digest::text::syllable_hash(id) ^ 0x5bd1_e995_0000_0001)
}

impl Signature {
    /// The signature of an article: its people, places and organisations, its date, and the
    /// bag of terms of its title, lead and body.
    pub fn of(
        key: String,
        title: Option<&str>,
        body: &[&str],
        entities: &[(crate::entities::EntityType, &str)],
        published: Option<&str>,
    ) -> Signature {
        use crate::entities::EntityType;
        let mut bag: FxHashMap<u32, u32> = FxHashMap::default();
        let mut head: FxHashMap<u32, u32> = FxHashMap::default();
        if let Some(t) = title {
            let mut all = usize::MAX;
            add_text(&mut bag, t, 2, &mut all);
            let mut all = usize::MAX;
            add_text(&mut head, t, 1, &mut all);
        }
        let mut limit = BODY_SYLLABLES;
        let mut lead = HEAD_SYLLABLES;
        for p in body {
            add_text(&mut bag, p, 1, &mut limit);
            add_text(&mut head, p, 1, &mut lead);
        }
        let mut people = Vec::new();
        let mut others = Vec::new();
        for &(ty, id) in entities {
            match ty {
                EntityType::PER => people.push(id.to_string()),
                EntityType::LOC | EntityType::ORG => others.push(id.to_string()),
                _ => continue,
            }
            *bag.entry(entity_term(id)).or_default() += 1;
        }
        for v in [&mut people, &mut others] {
            v.sort_unstable();
            v.dedup();
        }
        Signature {
            key,
            people,
            others,
            date: published.and_then(date_parts),
            bag: sorted_bag(bag),
            head: sorted_bag(head),
        }
    }
}

/// A bag as a sorted list of terms and counts.
fn sorted_bag(bag: FxHashMap<u32, u32>) -> Vec<(u32, u16)> {
    let mut bag: Vec<(u32, u16)> = bag
        .into_iter()
        .map(|(t, c)| (t, c.min(u16::MAX as u32) as u16))
        .collect();
    bag.sort_unstable();
    bag
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

/// Publication date: year (if known), month, day.
pub(crate) type Date = Option<(Option<i32>, u32, u32)>;

/// Days between two publication dates; a year unknown on one side compares month and day
/// (the nearest year), `None` when either is undated.
fn days_apart(a: Date, b: Date) -> Option<f64> {
    let ((ya, ma, da), (yb, mb, db)) = (a?, b?);
    Some(match (ya, yb) {
        (Some(ya), Some(yb)) => (day_number(ya, ma, da) - day_number(yb, mb, db)).abs() as f64,
        _ => {
            let diff =
                ((ma as i64 - 1) * 31 + da as i64 - ((mb as i64 - 1) * 31 + db as i64)).abs();
            diff.min(372 - diff) as f64
        }
    })
}

/// The time scale and threshold of one level of grouping.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// Average similarity from which two groups join.
    pub link: f64,
    /// Days apart that cost nothing (one event is reported over a few days).
    pub grace: f64,
    /// Beyond the grace, similarity decays as `exp(-days / tau)`.
    pub tau: f64,
    /// An undated article (or a year unknown on either side, for its extra penalty) is
    /// compared as if this many days beyond the grace.
    pub undated: f64,
}

impl Scale {
    /// What the time between two articles leaves of their similarity.
    pub fn decay(&self, a: Date, b: Date) -> f64 {
        let yearless = matches!((a, b), (Some((None, _, _)), _) | (_, Some((None, _, _))));
        let beyond = match days_apart(a, b) {
            Some(d) => (d - self.grace).max(0.0) + if yearless { self.tau * 0.25 } else { 0.0 },
            None => self.undated,
        };
        (-beyond / self.tau).exp()
    }
}

/// Stories: one event, reported over days. An undated article counts as four weeks from
/// any other (grace and 20 days): half of its similarity is left, so only a close retelling
/// joins.
pub const STORIES: Scale = Scale {
    link: 0.06,
    grace: 7.0,
    tau: 30.0,
    undated: 20.0,
};

/// Topics: one subject, continued over months and years. The link is low: a topic's
/// articles tell different events and most of their pairs are never compared (they count 0
/// in the average), so a topic of many articles joins on a few strong pairs per article.
pub const TOPICS: Scale = Scale {
    link: 0.017,
    grace: 30.0,
    tau: 3650.0,
    undated: 300.0,
};

/// How a run groups: for every article (in input order), its story and topic, numbered
/// from 0 in order of first appearance, and the stable id of every story and topic.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Clusters {
    /// Story number of every article.
    pub story: Vec<usize>,
    /// Topic number of every article (every article of a story shares its topic).
    pub topic: Vec<usize>,
    /// `story-…` id of every story number.
    pub story_ids: Vec<String>,
    /// `topic-…` id of every topic number.
    pub topic_ids: Vec<String>,
}

/// Groups articles into stories and topics. `joins` are pairs of articles that must share
/// a story (copies of one article). The result does not depend on the order of `sigs`
/// except for the numbering of stories and topics, which follows the input.
pub fn cluster(sigs: &[Signature], joins: &[(usize, usize)]) -> Clusters {
    let n = sigs.len();
    if n == 0 {
        return Clusters::default();
    }
    // the canonical order: by key, then by content for equal keys
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&sigs[a], &sigs[b]);
        x.key
            .cmp(&y.key)
            .then_with(|| x.date.cmp(&y.date))
            .then_with(|| x.bag.cmp(&y.bag))
            .then_with(|| x.people.cmp(&y.people))
            .then_with(|| x.others.cmp(&y.others))
    });
    let mut canon = vec![0usize; n];
    for (c, &i) in order.iter().enumerate() {
        canon[i] = c;
    }
    let s: Vec<&Signature> = order.iter().map(|&i| &sigs[i]).collect();

    // vectors, keys and the edges of candidate pairs
    let df = candidates::frequencies(&s);
    let vectors: Vec<candidates::Vector> = s
        .iter()
        .map(|x| candidates::vector(&x.bag, &df, n))
        .collect();
    let max_df = candidates::max_df(n);
    let heads: Vec<candidates::Vector> = s
        .iter()
        .map(|x| candidates::vector(&x.head, &df, n))
        .collect();
    let keys: Vec<Vec<(u32, f32)>> = vectors
        .iter()
        .map(|v| candidates::keys(v, &df, max_df))
        .collect();
    drop(df);
    let edges = candidates::edges(&s, &vectors, &heads, &keys);
    drop((vectors, heads));

    // stories: copies first, then average linkage with the stories' decay
    let mut init: Vec<usize> = (0..n).collect();
    for &(a, b) in joins {
        if a < n && b < n {
            union_lower(&mut init, canon[a], canon[b]);
        }
    }
    let init: Vec<usize> = (0..n).map(|i| find(&mut init, i)).collect();
    let story_edges: Vec<(u32, u32, f32)> = edges.iter().map(|e| (e.0, e.1, e.2)).collect();
    let story = average_linkage(&init, &story_edges, STORIES.link);
    let topic_edges: Vec<(u32, u32, f32)> = edges.iter().map(|e| (e.0, e.1, e.3)).collect();
    let topic = average_linkage(&story, &topic_edges, TOPICS.link);

    // back to input order, numbered by first appearance, with ids from the earliest member
    let earliest = |label: &[usize]| -> FxHashMap<usize, usize> {
        let mut best: FxHashMap<usize, usize> = FxHashMap::default();
        for c in 0..n {
            let e = best.entry(label[c]).or_insert(c);
            if earlier(s[c], s[*e]) {
                *e = c;
            }
        }
        best
    };
    let (se, te) = (earliest(&story), earliest(&topic));
    let mut out = Clusters::default();
    let mut snum: FxHashMap<usize, usize> = FxHashMap::default();
    let mut tnum: FxHashMap<usize, usize> = FxHashMap::default();
    for &c in canon.iter() {
        let next = snum.len();
        let sn = *snum.entry(story[c]).or_insert_with(|| {
            out.story_ids
                .push(stable_id("story", &s[se[&story[c]]].key, se[&story[c]]));
            next
        });
        let next = tnum.len();
        let tn = *tnum.entry(topic[c]).or_insert_with(|| {
            out.topic_ids
                .push(stable_id("topic", &s[te[&topic[c]]].key, te[&topic[c]]));
            next
        });
        out.story.push(sn);
        out.topic.push(tn);
    }
    out
}

/// Published earlier (undated last), then by key.
fn earlier(a: &Signature, b: &Signature) -> bool {
    let day = |x: &Signature| {
        x.date
            .map(|(y, m, d)| day_number(y.unwrap_or(i32::MAX / 400), m, d))
            .unwrap_or(i64::MAX)
    };
    (day(a), &a.key) < (day(b), &b.key)
}

/// `story-` and 12 hex digits of a hash of the earliest member's key (its canonical
/// position when it has no key).
fn stable_id(kind: &str, key: &str, fallback: usize) -> String {
    let h = if key.is_empty() {
        crate::digest::text::mix(fallback as u64 ^ 0x9e37_79b9_7f4a_7c15)
    } else {
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        for b in key.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        crate::digest::text::mix(h)
    };
    format!("{kind}-{:012x}", h >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityType;

    fn sig(
        key: &str,
        text: &str,
        people: &[&str],
        date: Option<(Option<i32>, u32, u32)>,
    ) -> Signature {
        let (title, body) = text.split_once(". ").unwrap_or((text, ""));
        let ents: Vec<(EntityType, &str)> = people.iter().map(|p| (EntityType::PER, *p)).collect();
        let mut s = Signature::of(key.to_string(), Some(title), &[body], &ents, None);
        s.date = date;
        s
    }

    const STORM_A: &str = "Bão số 3 đổ bộ vào Quảng Ninh và Hải Phòng. Gió giật cấp 15, hàng nghìn cây xanh bị đổ, nhiều tuyến đường ở Hạ Long ngập sâu sau bão";
    const STORM_B: &str = "Sau khi đổ bộ vào Quảng Ninh, bão số 3 quật đổ hàng nghìn cây xanh. Nhiều tuyến đường ở Hạ Long ngập sâu, gió giật cấp 15 làm tốc mái nhà dân";
    const FUEL_A: &str = "Giá xăng giảm lần thứ ba liên tiếp từ 15 giờ chiều nay. Xăng RON 95 giảm 320 đồng mỗi lít theo điều chỉnh của liên bộ Công Thương và Tài chính";
    const FUEL_B: &str = "Xăng RON 95 giảm 320 đồng mỗi lít từ chiều nay. Đây là lần thứ ba liên tiếp giá xăng giảm theo điều chỉnh của liên bộ Công Thương và Tài chính";
    const MATCH: &str = "Đội tuyển bóng đá nữ thắng Thái Lan 2-0 ở bán kết. Hai bàn thắng được ghi trong hiệp hai trên sân vận động quốc gia trước 20.000 khán giả";
    const FAIR: &str = "Quảng Ninh khai mạc hội chợ du lịch quốc tế tại Hạ Long. Hội chợ có 300 gian hàng của doanh nghiệp lữ hành trong và ngoài nước";

    fn day(m: u32, d: u32) -> Option<(Option<i32>, u32, u32)> {
        Some((Some(2024), m, d))
    }

    fn same_partition(a: &[usize], b: &[usize]) -> bool {
        let mut m1 = FxHashMap::default();
        let mut m2 = FxHashMap::default();
        a.iter()
            .zip(b)
            .all(|(x, y)| *m1.entry(*x).or_insert(*y) == *y && *m2.entry(*y).or_insert(*x) == *x)
    }

    fn corpus() -> Vec<Signature> {
        vec![
            sig("a#0", STORM_A, &[], day(9, 7)),
            sig("b#0", FUEL_A, &[], day(9, 7)),
            sig("c#0", STORM_B, &[], day(9, 8)),
            sig("d#0", FAIR, &[], day(9, 8)),
            sig("e#0", FUEL_B, &[], day(9, 7)),
        ]
    }

    #[test]
    fn the_same_event_told_in_other_words() {
        let c = cluster(&corpus(), &[]);
        let s = &c.story;
        // storm with storm, fuel with fuel, the fair with neither of the fuel reports
        assert_eq!(s[0], s[2]);
        assert_eq!(s[1], s[4]);
        assert_ne!(s[0], s[1]);
        assert_ne!(s[3], s[1]);
        assert!(c.story_ids[0].starts_with("story-"));
    }

    #[test]
    fn the_order_of_the_input_does_not_matter() {
        let sigs = corpus();
        let a = cluster(&sigs, &[]);
        let mut rev = sigs.clone();
        rev.reverse();
        let b = cluster(&rev, &[]);
        let mut b_story: Vec<usize> = b.story.clone();
        b_story.reverse();
        assert!(same_partition(&a.story, &b_story));
        // the ids follow the articles, not their places
        let ids_a: Vec<&str> = a.story.iter().map(|&s| a.story_ids[s].as_str()).collect();
        let mut ids_b: Vec<&str> = b.story.iter().map(|&s| b.story_ids[s].as_str()).collect();
        ids_b.reverse();
        assert_eq!(ids_a, ids_b);
    }

    #[test]
    fn far_apart_in_time_is_another_story_of_the_topic() {
        let sigs = vec![
            sig("a#0", STORM_A, &[], day(9, 7)),
            sig("c#0", STORM_B, &[], Some((Some(2024), 12, 20))),
        ];
        let c = cluster(&sigs, &[]);
        assert_ne!(c.story[0], c.story[1]);
        assert_eq!(c.topic[0], c.topic[1]);
    }

    #[test]
    fn a_subject_in_the_headlines_makes_a_topic() {
        // two reports on the metro line, months apart, each telling its own event, and two
        // reports on other subjects
        let sigs = vec![
            sig("a#0", "Tuyến metro số 1 chạy thử đoạn trên cao. Đoàn tàu đầu tiên lăn bánh qua ba nhà ga, kỹ sư kiểm tra hệ thống điện và tín hiệu suốt buổi sáng", &[], day(3, 2)),
            sig("b#0", "Tuyến metro số 1 lùi ngày vận hành thương mại. Ban quản lý cho biết còn chờ cấp chứng nhận an toàn, người dân phải đợi thêm vài tháng", &[], day(7, 20)),
            sig("c#0", FUEL_A, &[], day(5, 1)),
            sig("d#0", MATCH, &[], day(6, 1)),
        ];
        let c = cluster(&sigs, &[]);
        assert_ne!(c.story[0], c.story[1]);
        assert_eq!(c.topic[0], c.topic[1]);
        assert_ne!(c.topic[0], c.topic[2]);
        assert_ne!(c.topic[0], c.topic[3]);
    }

    #[test]
    fn one_common_name_alone_links_nothing() {
        // a name in every article, texts about other things
        let texts = [STORM_A, FUEL_A, MATCH];
        let sigs: Vec<Signature> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| sig(&format!("{i}#0"), t, &["pham-minh-chinh"], day(9, 7)))
            .collect();
        let c = cluster(&sigs, &[]);
        assert_eq!(c.story, vec![0, 1, 2]);
    }

    #[test]
    fn undated_articles_do_not_chain() {
        // undated, each sharing a little with the next: no chain
        let sigs = vec![
            sig("a#0", STORM_A, &[], None),
            sig("b#0", FAIR, &[], None),
            sig("c#0", FUEL_A, &[], None),
        ];
        let c = cluster(&sigs, &[]);
        assert_eq!(c.story, vec![0, 1, 2]);
        // the same text undated still joins
        let sigs = vec![
            sig("a#0", STORM_A, &[], None),
            sig("b#0", STORM_A, &[], None),
        ];
        assert_eq!(cluster(&sigs, &[]).story, vec![0, 0]);
    }

    #[test]
    fn copies_share_a_story() {
        let sigs = vec![
            sig("a#0", STORM_A, &[], day(9, 7)),
            sig("b#0", FUEL_A, &[], day(9, 7)),
        ];
        assert_eq!(cluster(&sigs, &[(0, 1)]).story, vec![0, 0]);
    }

    #[test]
    fn many_articles_stay_fast() {
        // many articles, pairs of neighbours sharing rare words
        let sigs: Vec<Signature> = (0..20_000)
            .map(|i| {
                let text = format!("tin số {} về chủ đề {}. nội dung {}", i / 2, i % 97, i / 2);
                sig(
                    &format!("{i:06}#0"),
                    &text,
                    &[],
                    day(1 + (i % 12) as u32, 1),
                )
            })
            .collect();
        let c = cluster(&sigs, &[]);
        assert_eq!(c.story[0], c.story[1]);
        assert_ne!(c.story[1], c.story[2]);
    }
}
