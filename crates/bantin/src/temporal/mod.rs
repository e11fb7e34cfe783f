//! Date expressions of Vietnamese news, with their TimeML values resolved against the
//! article's publication date: numeric dates ("26/7", "hôm 26/7", "27/7/1953",
//! "tháng 10/2020", "năm 2018"), words ("hôm nay", "hôm qua", "tuần trước", "tháng 6 năm
//! ngoái", "đầu năm nay", "cuối tháng 4", "thứ Hai tuần trước", "quý 3") and durations
//! ("3 ngày" → P3D, "70 năm" → P70Y).
//!
//! The grammar is one regular expression (`grammar`); [`scan`] reads each of its matches
//! with the reader of its form family: days with their month (`days`), months, years,
//! quarters and seasons (`months`), weekdays (`weekdays`), words relative to the anchor
//! (`relative`), durations (`durations`); a clock time joins a full date (`clock`).

mod clock;
mod days;
mod durations;
mod grammar;
mod months;
mod relative;
mod values;
mod weekdays;

#[cfg(test)]
mod tests;

pub(crate) use grammar::{count_num, month_num, MONTH_WORDS};

use crate::pubdate::Stamp;
use regex::Captures;

/// A date expression found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeExpr {
    /// Start in the text.
    pub start: usize,
    /// End in the text.
    pub end: usize,
    /// TimeML value: `2023-07-26`, `2024-06`, `2018`, `2023-W29`, `2023-Q3`, `P3D`,
    /// `XXXX-11-05` when the year cannot be known.
    pub value: String,
    /// For a date told in the lunar calendar ("rằm tháng Giêng"), that date (`2024-01-15`,
    /// `2023-02-01 nhuận`); `value` is then the solar day.
    pub lunar: Option<String>,
}

/// The date a text is read against: the article's publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// Year, when known.
    pub year: Option<i32>,
    /// Month.
    pub month: u32,
    /// Day.
    pub day: u32,
}

impl Anchor {
    /// The anchor of a publication stamp.
    pub fn of(st: &Stamp) -> Anchor {
        Anchor {
            year: st.year,
            month: st.month,
            day: st.day,
        }
    }
}

/// Finds the date expressions of a text and resolves them against `anchor` (the
/// publication date; its year may be unknown).
pub fn find(text: &str, anchor: Option<Anchor>) -> Vec<TimeExpr> {
    scan(text, anchor).into_iter().map(|f| f.expr).collect()
}

/// A date expression with what the grammar saw around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The expression (its value empty for a weekday whose date cannot be known).
    pub expr: TimeExpr,
    /// The weekday it names, Monday = 0 ("thứ Hai, 27/1" names Monday 27/1).
    pub weekday: Option<u32>,
    /// False for a weekday left without a value.
    pub date: bool,
}

/// What a text is read against: the anchor (1 January of an unknown year when there is
/// none) and whether there is one.
struct Ctx<'t> {
    text: &'t str,
    a: Anchor,
    known: bool,
}

/// One match of the grammar.
struct Match<'t, 'c> {
    c: &'c Captures<'t>,
    /// The matched text.
    all: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Match<'t, '_> {
    /// True when the group `k` took part in the match.
    fn has(&self, k: &str) -> bool {
        self.c.name(k).is_some()
    }

    /// The text of the group `k`.
    fn str(&self, k: &str) -> Option<&'t str> {
        self.c.name(k).map(|x| x.as_str())
    }

    /// The number in digits of the group `k`.
    fn num(&self, k: &str) -> Option<i64> {
        self.str(k).and_then(|x| x.parse::<i64>().ok())
    }

    /// The month (in digits or words) of the group `k`, 0 when there is none.
    fn month(&self, k: &str) -> u32 {
        self.str(k).and_then(month_num).unwrap_or(0)
    }

    /// The count (in digits or words) of the group `k`, 0 when there is none.
    fn count(&self, k: &str) -> i64 {
        self.str(k).and_then(count_num).unwrap_or(0)
    }

    /// Where the group `k` ends.
    fn end_of(&self, k: &str) -> Option<usize> {
        self.c.name(k).map(|x| x.end())
    }
}

/// What a form family made of a match: its value, the weekday it names and, when the
/// expression stops short of the match, where it ends.
#[derive(Default)]
struct Reading {
    value: Option<String>,
    weekday: Option<u32>,
    end: Option<usize>,
}

impl From<Option<String>> for Reading {
    fn from(value: Option<String>) -> Reading {
        Reading {
            value,
            ..Reading::default()
        }
    }
}

/// The grammar of the engine: every date expression of a text with its weekday, resolved
/// against `anchor`. [`find`] and `pubdate::mentions` read it.
pub fn scan(text: &str, anchor: Option<Anchor>) -> Vec<Found> {
    let ctx = Ctx {
        text,
        a: anchor.unwrap_or(Anchor {
            year: None,
            month: 1,
            day: 1,
        }),
        known: anchor.is_some(),
    };
    let mut out: Vec<Found> = Vec::new();
    for c in grammar::re().captures_iter(text) {
        let Some(m0) = c.get(0) else { continue };
        let m = Match {
            c: &c,
            all: m0.as_str(),
            start: m0.start(),
            end: m0.end(),
        };
        let r = days::read(&ctx, &m)
            .or_else(|| months::read(&ctx, &m))
            .or_else(|| relative::read(&ctx, &m, &out))
            .or_else(|| weekdays::read(&ctx, &m))
            .or_else(|| durations::read(&ctx, &m))
            .unwrap_or_default();
        push(text, &mut out, &m, r);
    }
    crate::lunar::overlay(text, anchor, weekdays::merge(text, out))
}

/// Adds a reading to the expressions found: a value with the clock time written against
/// it, or a weekday without its value (it may still name a date that follows it).
fn push(text: &str, out: &mut Vec<Found>, m: &Match, r: Reading) {
    let (start, end) = (m.start, r.end.unwrap_or(m.end));
    let (start, end, value, date) = match r.value {
        Some(value) => {
            let (start, end, value) = clock::with_time_of_day(text, start, end, value);
            (start, end, value, true)
        }
        None if r.weekday.is_some() => (start, end, String::new(), false),
        None => return,
    };
    out.push(Found {
        expr: TimeExpr {
            start,
            end,
            value,
            lunar: None,
        },
        weekday: r.weekday,
        date,
    });
}

/// The date expressions of an article, read once: its title's and each paragraph's,
/// resolved against its publication date.
#[derive(Clone, Debug, Default)]
pub struct ArticleTimes {
    /// In the title.
    pub title: Vec<TimeExpr>,
    /// In each paragraph, by paragraph index.
    pub paragraphs: Vec<Vec<TimeExpr>>,
}

impl ArticleTimes {
    /// Finds the date expressions of an article.
    pub fn of(a: &crate::Article) -> ArticleTimes {
        let anchor = a.published.as_ref().map(|(s, _)| Anchor::of(s));
        ArticleTimes {
            title: a
                .title
                .as_ref()
                .map(|t| find(&t.text, anchor))
                .unwrap_or_default(),
            paragraphs: a
                .paragraphs
                .iter()
                .map(|p| find(&p.text.text, anchor))
                .collect(),
        }
    }
}
