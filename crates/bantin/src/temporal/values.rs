//! Values and years: TimeML strings of days and months, the century of a two-digit
//! year, the year of a yearless day or month, days moved, future tense.

use super::Anchor;
use crate::days::{from_civil as days_from_civil, to_civil as civil_from_days};
use crate::pubdate::valid;

/// The century of a two-digit year: the one that puts it at most ten years after the
/// anchor's year (or after 2025 when no year is known): "3/3/17" is 2017, "3/9/91" is 1991.
pub(super) fn full_year(yy: i32, anchor_year: Option<i32>) -> i32 {
    let pivot = anchor_year.unwrap_or(2025) + 10;
    let c = pivot - pivot.rem_euclid(100) + yy;
    if c > pivot {
        c - 100
    } else {
        c
    }
}

/// A day value: `2023-07-26`, `XXXX-07-26` without its year.
pub(super) fn ymd(y: Option<i32>, m: u32, d: u32) -> String {
    match y {
        Some(y) => format!("{y:04}-{m:02}-{d:02}"),
        None => format!("XXXX-{m:02}-{d:02}"),
    }
}

/// A month value: `2023-07`, `XXXX-07` without its year.
pub(super) fn ym(y: Option<i32>, m: u32) -> String {
    match y {
        Some(y) => format!("{y:04}-{m:02}"),
        None => format!("XXXX-{m:02}"),
    }
}

/// True when words around a span speak of the future ("sẽ", "tới", "dự kiến").
pub(super) fn future(text: &str, start: usize, end: usize) -> bool {
    let before: String = text[..start]
        .chars()
        .rev()
        .take(24)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[end..].chars().take(10).collect();
    ["sẽ ", "dự kiến", "sắp", "kế hoạch"]
        .iter()
        .any(|w| before.contains(w))
        || after.trim_start().starts_with("tới")
        || after.trim_start().starts_with("sắp tới")
}

/// A day value (`2023-07-26`, `XXXX-07-26`) moved by `n` days.
pub(super) fn shift_day(v: &str, n: i64) -> Option<String> {
    let y = v.get(..4)?;
    let m: u32 = v.get(5..7)?.parse().ok()?;
    let d: u32 = v.get(8..10)?.parse().ok()?;
    // a yearless day moves within a leap year, so 28/2 + 1 is 29/2 and 29/2 exists
    let year = y.parse::<i32>().ok();
    let (yy, mm, dd) = civil_from_days(days_from_civil(year.unwrap_or(2000), m, d) + n);
    Some(ymd(year.map(|_| yy), mm, dd))
}

/// The year of a yearless day and month: the one that puts it nearest the anchor.
pub(super) fn year_near(a: &Anchor, m: u32, d: u32) -> Option<i32> {
    let y = a.year?;
    let r = days_from_civil(y, a.month, a.day);
    (y - 1..=y + 1)
        .filter(|&c| valid(Some(c), m, d))
        .min_by_key(|&c| (days_from_civil(c, m, d) - r).abs())
}

/// The year of a month named alone: the last such month up to the anchor, or the next one
/// when the text speaks of the future.
pub(super) fn year_of_month(a: &Anchor, m: u32, fut: bool) -> Option<i32> {
    let y = a.year?;
    Some(if fut {
        if m >= a.month {
            y
        } else {
            y + 1
        }
    } else if m <= a.month {
        y
    } else {
        y - 1
    })
}
