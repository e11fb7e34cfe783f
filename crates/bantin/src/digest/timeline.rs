//! Timelines: the dates a group of articles is about, each with one sentence and every
//! article that reports it.
//!
//! Dates are ranked the way news-tls's DATEWISE ranks them, by how often and how strongly
//! they are referred to, not listed because they appear: every reference to a day or a
//! month adds to its score, more when an event of the events stage happened on it or when
//! it sits in an article's lead, less when it is background (more than a year before the
//! article was published) or a plan (more than a month after). A date is kept when its
//! score reaches [`KEEP`]; at most [`max_dates`] are kept, the best first.

use super::text::sentences;
use super::{article_ref, cite, paragraph_at, story_id, Grouping, TimelineEntry};
use crate::record::Record;
use std::collections::BTreeMap;

/// The score a date needs to enter a timeline: one plain reference.
pub const KEEP: f64 = 1.0;

/// At most this many dates for a timeline over `articles` articles.
pub fn max_dates(articles: usize) -> usize {
    (8 + 2 * articles).min(60)
}

/// Day number of a TimeML day or month (a month counts as its 15th).
fn day_number(v: &str) -> Option<i64> {
    let mut it = v.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = it.next().map_or(Some(15), |d| d.parse().ok())?;
    Some(y * 372 + (m - 1) * 31 + d)
}

/// A day (`2023-07-26`) or a month (`2024-06`) with a known year.
fn timeline_date(v: &str) -> bool {
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

#[derive(Debug)]
struct Mention {
    article: usize,
    paragraph: usize,
    sentence: (usize, usize),
    strength: f64,
    /// Other dates told in the same sentence: a sentence about one date tells it best.
    others: usize,
}

impl Mention {
    fn fitness(&self) -> f64 {
        self.strength - 0.5 * self.others as f64
    }
}

fn sentence_at(text: &str, offset: usize) -> (usize, usize) {
    let ss = sentences(text);
    ss.iter()
        .copied()
        .find(|&(_, e)| offset < e)
        .or_else(|| ss.last().copied())
        .unwrap_or((0, text.len()))
}

/// Where in a paragraph's clean text a source span falls: the occurrence of `needle`
/// nearest the span's place (clean text and source bytes differ where markup was removed).
pub fn offset_in(para: &str, para_start: usize, span_start: usize, needle: &str) -> usize {
    let guess = span_start.saturating_sub(para_start).min(para.len());
    if needle.is_empty() {
        return guess;
    }
    para.match_indices(needle)
        .map(|(i, _)| i)
        .min_by_key(|&i| i.abs_diff(guess))
        .unwrap_or(guess)
}

/// Builds the timeline of a group of articles, oldest date first.
pub fn build(records: &[Record], g: &Grouping, arts: &[usize]) -> Vec<TimelineEntry> {
    let mut by_date: BTreeMap<String, Vec<Mention>> = BTreeMap::new();
    let canonical: Vec<usize> = arts
        .iter()
        .copied()
        .filter(|&a| g.copy_of[a] == a)
        .collect();
    let mut copies: rustc_hash::FxHashMap<usize, Vec<usize>> = Default::default();
    for &b in arts {
        copies.entry(g.copy_of[b]).or_default().push(b);
    }
    for &a in &canonical {
        let r = &records[a];
        let published = r
            .published
            .as_deref()
            .and_then(|p| p.get(..10))
            .and_then(day_number);
        let weigh = |value: &str, paragraph: usize| {
            let mut w = 1.0;
            if let (Some(p), Some(d)) = (published, day_number(value)) {
                if d < p - 365 {
                    w = 0.25; // background
                } else if d > p + 31 {
                    w = 0.5; // a plan
                }
            }
            if paragraph < 3 {
                w += 0.25;
            }
            w
        };
        let mut event_at: Vec<(String, usize, (usize, usize))> = Vec::new();
        for ev in &r.events {
            if !timeline_date(&ev.date) {
                continue;
            }
            for sp in &ev.spans {
                if let Some(p) = paragraph_at(r, *sp) {
                    let para = &r.paragraphs[p];
                    let off = offset_in(&para.text, para.span[0], sp[0], "");
                    event_at.push((ev.date.clone(), p, sentence_at(&para.text, off)));
                }
            }
        }
        let mut found: Vec<(String, usize, (usize, usize), f64)> = Vec::new();
        for t in &r.times {
            if !timeline_date(&t.value) {
                continue;
            }
            let Some(p) = paragraph_at(r, t.span) else {
                continue;
            };
            let para = &r.paragraphs[p];
            let off = offset_in(&para.text, para.span[0], t.span[0], &t.text);
            let sentence = sentence_at(&para.text, off);
            let mut strength = weigh(&t.value, p);
            if event_at
                .iter()
                .any(|(d, ep, es)| *d == t.value && *ep == p && *es == sentence)
            {
                strength += 1.0;
            }
            found.push((t.value.clone(), p, sentence, strength));
        }
        for (value, p, sentence, strength) in &found {
            let mut others: Vec<&str> = found
                .iter()
                .filter(|(v, q, s, _)| q == p && s == sentence && v != value)
                .map(|x| x.0.as_str())
                .collect();
            others.sort_unstable();
            others.dedup();
            by_date.entry(value.clone()).or_default().push(Mention {
                article: a,
                paragraph: *p,
                sentence: *sentence,
                strength: *strength,
                others: others.len(),
            });
        }
        // events dated without an expression of their own (from the publication date)
        for (date, p, sentence) in event_at {
            let list = by_date.entry(date.clone()).or_default();
            if !list.iter().any(|m| m.article == a && m.paragraph == p) {
                list.push(Mention {
                    article: a,
                    paragraph: p,
                    sentence,
                    strength: weigh(&date, p) + 0.5,
                    others: 0,
                });
            }
        }
    }
    let mut scored: Vec<(String, f64, Vec<Mention>)> = by_date
        .into_iter()
        .map(|(d, ms)| (d, ms.iter().map(|m| m.strength).sum(), ms))
        .filter(|(_, s, _)| *s >= KEEP)
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(max_dates(canonical.len()));
    scored.sort_by(|a, b| a.0.cmp(&b.0));
    scored
        .into_iter()
        .map(|(date, score, ms)| {
            let best = ms
                .iter()
                .max_by(|x, y| {
                    x.fitness()
                        .total_cmp(&y.fitness())
                        .then(y.article.cmp(&x.article))
                        .then(y.paragraph.cmp(&x.paragraph))
                })
                .expect("a kept date has a mention");
            let para = &records[best.article].paragraphs[best.paragraph];
            let mut articles: Vec<String> = Vec::new();
            for m in &ms {
                for &b in copies.get(&m.article).map_or(&[][..], |v| v.as_slice()) {
                    let r = article_ref(&records[b]);
                    if !articles.contains(&r) {
                        articles.push(r);
                    }
                }
            }
            TimelineEntry {
                date,
                text: para.text[best.sentence.0..best.sentence.1].to_string(),
                articles,
                source: cite(records, best.article, best.paragraph),
                score: (score * 100.0).round() / 100.0,
                story: story_id(g.story[best.article]),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_offsets() {
        assert!(timeline_date("2023-07-26"));
        assert!(timeline_date("2024-06"));
        assert!(!timeline_date("2024"));
        assert!(!timeline_date("XXXX-11-05"));
        assert!(!timeline_date("2023-W38"));
        assert!(!timeline_date("P3D"));
        assert!(day_number("2024-06").unwrap() > day_number("2024-05-31").unwrap());
        let p = "Hôm 3/5 mưa. Hôm 4/5 nắng.";
        assert_eq!(offset_in(p, 100, 117, "4/5"), p.find("4/5").unwrap());
        assert_eq!(sentence_at(p, p.find("4/5").unwrap()), (15, p.len()));
    }
}
