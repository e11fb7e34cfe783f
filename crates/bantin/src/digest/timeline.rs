//! Timelines: the dates a group of articles is about, each with one sentence and every
//! article that reports it.
//!
//! Dates are ranked the way news-tls's DATEWISE ranks them, by how often and how strongly
//! they are referred to, not listed because they appear: every reference to a day or a
//! month adds to its score, more when an event of the events stage happened on it or when
//! it sits in an article's lead, less when it is background (more than a year before the
//! article was published) or a plan (more than a month after). A date is kept when its
//! score reaches [`KEEP`]; at most [`max_dates`] are kept, the best first.
//!
//! An article whose page gives no year (`XXXX-11-06`) takes the year of its story: the
//! story linked it to a dated article within days of it, so the year that puts the two
//! nearest is the one it was written in, and its dates are read again in that year
//! ("tháng 6 năm ngoái" then becomes the June before). A group with no year at all (a
//! story of yearless pages) keeps its dates without a year rather than showing none.

use super::text::sentences;
use super::{article_ref, cite, paragraph_at, story_id, Grouping, TimelineEntry};
use crate::record::Record;
use crate::stories::{date_parts, day_number as day_of};
use crate::temporal::{self, Anchor};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// What an event of the events stage adds to the date it happened on: one reference, a
/// quarter more for each further sentence telling it (up to four), since an event the
/// articles come back to is what the story is about.
pub fn event_weight(ev: &crate::record::EventRecord) -> f64 {
    1.0 + 0.25 * ev.spans.len().saturating_sub(1).min(4) as f64
}

/// The score a date needs to enter a timeline: one plain reference.
pub const KEEP: f64 = 1.0;

/// At most this many dates for a timeline over `articles` articles.
pub fn max_dates(articles: usize) -> usize {
    (8 + 2 * articles).min(60)
}

/// Day number of a TimeML day or month (a month counts as its 15th).
fn day_number(v: &str) -> Option<i64> {
    let mut it = v.split('-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next().map_or(Some(15), |d| d.parse().ok())?;
    Some(day_of(y, m, d))
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

/// A day or a month without a year (`XXXX-11-05`, `XXXX-06`).
fn yearless_date(v: &str) -> bool {
    v.len() > 4 && v.starts_with("XXXX") && timeline_date(&format!("2000{}", &v[4..]))
}

/// The furthest apart (in days) a yearless article and a dated one of its story may be for
/// the first to take the second's year.
const YEAR_FROM_STORY_DAYS: i64 = 31;

/// The publication days of the dated articles among `arts`, by story, sorted; empty when
/// no article of `canonical` lacks its year (nothing to infer).
fn dated_by_story(
    records: &[Record],
    g: &Grouping,
    arts: &[usize],
    canonical: &[usize],
) -> FxHashMap<usize, Vec<i64>> {
    let yearless = |a: usize| {
        matches!(
            records[a].published.as_deref().and_then(date_parts),
            Some((None, _, _))
        )
    };
    let mut out: FxHashMap<usize, Vec<i64>> = FxHashMap::default();
    if !canonical.iter().any(|&a| yearless(a)) {
        return out;
    }
    for &b in arts {
        if let Some((Some(y), m, d)) = records[b].published.as_deref().and_then(date_parts) {
            out.entry(g.story[b]).or_default().push(day_of(y, m, d));
        }
    }
    for days in out.values_mut() {
        days.sort_unstable();
        days.dedup();
    }
    out
}

/// The year of a yearless article published on `(month, day)`, from the sorted publication
/// days of the dated articles of its story: the year that puts it nearest one of them.
fn inferred_year((m, d): (u32, u32), dated: &[i64]) -> Option<i32> {
    let mut years: Vec<i32> = dated.iter().map(|&x| crate::days::to_civil(x).0).collect();
    years.dedup();
    years
        .iter()
        .flat_map(|&y| y - 1..=y + 1)
        .filter_map(|c| {
            let target = day_of(c, m, d);
            let i = dated.partition_point(|&x| x < target);
            let near = [i.checked_sub(1), Some(i)]
                .into_iter()
                .flatten()
                .filter_map(|k| dated.get(k))
                .map(|&x| (x - target).abs())
                .min()?;
            Some((near, c))
        })
        .min()
        .filter(|(dist, _)| *dist <= YEAR_FROM_STORY_DAYS)
        .map(|(_, y)| y)
}

/// An article's dates and events with the year filled in where it was inferred: each date
/// expression of a paragraph read again against the publication day in that year.
fn with_year(r: &Record, year: i32) -> (Vec<String>, Vec<String>) {
    let anchor = r
        .published
        .as_deref()
        .and_then(date_parts)
        .map(|(_, month, day)| Anchor {
            year: Some(year),
            month,
            day,
        });
    let fill = |v: &str| match v.strip_prefix("XXXX") {
        Some(rest) => format!("{year}{rest}"),
        None => v.to_string(),
    };
    let mut reread: FxHashMap<usize, Vec<temporal::TimeExpr>> = FxHashMap::default();
    let mut renamed: FxHashMap<&str, String> = FxHashMap::default();
    let times = r
        .times
        .iter()
        .map(|t| {
            let again = paragraph_at(r, t.span).and_then(|p| {
                let para = &r.paragraphs[p];
                let off = offset_in(&para.text, para.span[0], t.span[0], &t.text);
                reread
                    .entry(p)
                    .or_insert_with(|| temporal::find(&para.text, anchor))
                    .iter()
                    .find(|e| e.start == off)
                    .map(|e| e.value.clone())
            });
            let v = again.unwrap_or_else(|| fill(&t.value));
            renamed.entry(t.value.as_str()).or_insert_with(|| v.clone());
            v
        })
        .collect();
    let events = r
        .events
        .iter()
        .map(|e| {
            renamed
                .get(e.date.as_str())
                .cloned()
                .unwrap_or_else(|| fill(&e.date))
        })
        .collect();
    (times, events)
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
    let mut copies: FxHashMap<usize, Vec<usize>> = Default::default();
    for &b in arts {
        copies.entry(g.copy_of[b]).or_default().push(b);
    }
    let values = year_filled(records, g, arts, &canonical);
    // a group where no article has a year keeps its dates without one
    let any_year = canonical.iter().zip(&values).any(|(&a, v)| {
        v.year.is_some()
            || records[a]
                .published
                .as_deref()
                .and_then(date_parts)
                .is_some_and(|(y, _, _)| y.is_some())
    });
    for (&a, v) in canonical.iter().zip(&values) {
        article_mentions(records, a, v, any_year, &mut by_date);
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
        .map(|(date, score, ms)| entry(records, g, &copies, date, score, &ms))
        .collect()
}

/// The values of an article's dates and events, years filled in where inferred.
struct Values {
    times: Vec<String>,
    events: Vec<String>,
    year: Option<i32>,
}

/// The values of each canonical article's dates and events; an undated year takes the one
/// its story infers.
fn year_filled(
    records: &[Record],
    g: &Grouping,
    arts: &[usize],
    canonical: &[usize],
) -> Vec<Values> {
    let dated = dated_by_story(records, g, arts, canonical);
    canonical
        .iter()
        .map(|&a| {
            let r = &records[a];
            let year = match r.published.as_deref().and_then(date_parts) {
                Some((None, m, d)) => dated
                    .get(&g.story[a])
                    .and_then(|days| inferred_year((m, d), days)),
                _ => None,
            };
            match year {
                Some(y) => {
                    let (times, events) = with_year(r, y);
                    Values {
                        times,
                        events,
                        year: Some(y),
                    }
                }
                None => Values {
                    times: r.times.iter().map(|t| t.value.clone()).collect(),
                    events: r.events.iter().map(|e| e.date.clone()).collect(),
                    year: None,
                },
            }
        })
        .collect()
}

/// A date found in an article: its value, paragraph, sentence and strength.
type Found = (String, usize, (usize, usize), f64);

/// The mentions of dates in article `a`, by date: its date expressions (stronger where an
/// event of the same sentence bears the date) and its events dated without one.
fn article_mentions(
    records: &[Record],
    a: usize,
    v: &Values,
    any_year: bool,
    by_date: &mut BTreeMap<String, Vec<Mention>>,
) {
    let r = &records[a];
    let usable = |v: &str| timeline_date(v) || (!any_year && yearless_date(v));
    let published = r
        .published
        .as_deref()
        .and_then(|p| p.get(..10))
        .and_then(|p| match (p.strip_prefix("XXXX"), v.year) {
            (Some(rest), Some(y)) => day_number(&format!("{y}{rest}")),
            _ => day_number(p),
        });
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
    let mut event_at: Vec<Found> = Vec::new();
    for (ev, date) in r.events.iter().zip(&v.events) {
        if !usable(date) {
            continue;
        }
        let w = event_weight(ev);
        for sp in &ev.spans {
            if let Some(p) = paragraph_at(r, *sp) {
                let para = &r.paragraphs[p];
                let off = offset_in(&para.text, para.span[0], sp[0], "");
                event_at.push((date.clone(), p, sentence_at(&para.text, off), w));
            }
        }
    }
    let mut found: Vec<Found> = Vec::new();
    for (t, value) in r.times.iter().zip(&v.times) {
        if !usable(value) {
            continue;
        }
        let Some(p) = paragraph_at(r, t.span) else {
            continue;
        };
        let para = &r.paragraphs[p];
        let off = offset_in(&para.text, para.span[0], t.span[0], &t.text);
        let sentence = sentence_at(&para.text, off);
        let mut strength = weigh(value, p);
        strength += event_at
            .iter()
            .filter(|(d, ep, es, _)| d == value && *ep == p && *es == sentence)
            .map(|x| x.3)
            .fold(0.0, f64::max);
        found.push((value.clone(), p, sentence, strength));
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
    for (date, p, sentence, _) in event_at {
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

/// The timeline entry of a kept date: the sentence of its fittest mention, the articles
/// (and their copies) that tell it.
fn entry(
    records: &[Record],
    g: &Grouping,
    copies: &FxHashMap<usize, Vec<usize>>,
    date: String,
    score: f64,
    ms: &[Mention],
) -> TimelineEntry {
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
    for m in ms {
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
