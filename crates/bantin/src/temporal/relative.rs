//! Words relative to the anchor: "hôm nay", "hôm qua", "tuần trước", "cuối tháng này",
//! "năm ngoái", "sáng mai"; "cùng ngày", "hôm sau" of the day last named; "đầu tháng",
//! "cuối năm" alone; counted back ("cách đây 3 ngày", "3 ngày trước").

use super::values::{shift_day, ym, ymd};
use super::{Anchor, Ctx, Found, Match, Reading};
use crate::days::{from_civil as days_from_civil, to_civil as civil_from_days};

/// Reads the forms relative to the anchor or to the day last named (in `out`); `None` when
/// the match is of another family.
pub(super) fn read(s: &Ctx, m: &Match, out: &[Found]) -> Option<Reading> {
    Some(if m.has("same") {
        same(s, m, out).into()
    } else if m.has("part") {
        // "cuối năm", "đầu tháng" alone: the anchor's year or month
        let unit = m.str("pu").unwrap_or("");
        let value = if !s.known {
            None
        } else if unit == "năm" {
            s.a.year.map(|y| format!("{y:04}"))
        } else {
            Some(ym(s.a.year, s.a.month))
        };
        Reading {
            value,
            weekday: None,
            end: Some(m.end_of("pu").unwrap_or(m.end)),
        }
    } else if m.has("ago") {
        back_from(&s.a, s.known, m.count("agn"), m.str("agu").unwrap_or("")).into()
    } else if m.has("rel") {
        words(s, m).into()
    } else {
        return None;
    })
}

/// "cùng ngày": the day last named; "hôm sau": the day after it.
fn same(s: &Ctx, m: &Match, out: &[Found]) -> Option<String> {
    let next = !m.all.to_lowercase().starts_with("cùng");
    let last = out
        .iter()
        .rev()
        .find(|f| f.date && f.expr.value.len() >= 10 && !f.expr.value.starts_with('P'))
        .map(|f| f.expr.value[..10].to_string());
    match last {
        Some(v) if !next => Some(v),
        Some(v) => shift_day(&v, 1),
        None if !next && s.known => Some(ymd(s.a.year, s.a.month, s.a.day)),
        None => None,
    }
}

/// "hôm nay", "hôm qua", "ngày mai", "tuần trước", "cuối tháng này", "đầu tuần tới",
/// "năm ngoái", "tối qua": a day, a week, a month or a year from the anchor.
fn words(s: &Ctx, m: &Match) -> Option<String> {
    if !s.known {
        return None;
    }
    let a = &s.a;
    let t = m.all.to_lowercase();
    let t = t.trim();
    // "cuối tháng này", "đầu tuần tới": the month or the week
    let t = ["đầu ", "cuối ", "giữa ", "trong "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .filter(|r| !r.starts_with("năm"))
        .unwrap_or(t)
        .trim();
    if t.ends_with("hôm nay") || t.ends_with(" nay") && !t.contains("năm") {
        day(a, 0)
    } else if t.ends_with("hôm qua")
        || t.ends_with(" qua") && !t.contains("tuần") && !t.contains("tháng")
    {
        day(a, -1)
    } else if t.ends_with("hôm kia") {
        day(a, -2)
    } else if t.ends_with("ngày mai") || t.ends_with(" mai") {
        day(a, 1)
    } else if t.ends_with("ngày kia") {
        day(a, 2)
    } else if t.starts_with("tuần") {
        week(a, step(t))
    } else if t.starts_with("tháng") {
        Some(month(a, step(t) as i32))
    } else if t.contains("năm") {
        let dy = if t.ends_with("ngoái") || t.ends_with("trước") {
            -1
        } else if t.ends_with("tới")
            || t.ends_with("sau")
            || t.ends_with("theo")
            || t.ends_with("tiếp")
        {
            1
        } else {
            0
        };
        // "năm nay" of a day without its year: a year, unknown
        Some(
            a.year
                .map_or("XXXX".to_string(), |y| format!("{:04}", y + dy)),
        )
    } else {
        None
    }
}

/// The step of "tuần trước" (-1), "tuần này" (0), "tuần tới" (1) and the like.
fn step(t: &str) -> i64 {
    if t.ends_with("trước") || t.ends_with("qua") {
        -1
    } else if t.ends_with("này") {
        0
    } else {
        1
    }
}

/// The day `delta` days from the anchor.
fn day(a: &Anchor, delta: i64) -> Option<String> {
    match a.year {
        Some(y) => {
            let (y, m, d) = civil_from_days(days_from_civil(y, a.month, a.day) + delta);
            Some(ymd(Some(y), m, d))
        }
        // a day without its year moves all the same ("hôm qua" of 28/12 is 27/12),
        // counted in a common year (a leap one for 29/2)
        None => {
            let y = if (a.month, a.day) == (2, 29) {
                2024
            } else {
                2023
            };
            let (_, m, d) = civil_from_days(days_from_civil(y, a.month, a.day) + delta);
            Some(ymd(None, m, d))
        }
    }
}

/// The ISO week `delta` weeks from the anchor's.
fn week(a: &Anchor, delta: i64) -> Option<String> {
    let b = days_from_civil(a.year?, a.month, a.day) + delta * 7;
    // ISO week of the day
    let wd = (b + 3).rem_euclid(7);
    let thursday = b - wd + 3;
    let (ty, _, _) = civil_from_days(thursday);
    let jan1 = days_from_civil(ty, 1, 1);
    Some(format!("{ty:04}-W{:02}", (thursday - jan1) / 7 + 1))
}

/// The month `delta` months from the anchor's; of a day without its year, the month all
/// the same, yearless ("tháng trước").
fn month(a: &Anchor, delta: i32) -> String {
    let idx = a.year.unwrap_or(2001) * 12 + a.month as i32 - 1 + delta;
    ym(
        a.year.map(|_| idx.div_euclid(12)),
        (idx.rem_euclid(12) + 1) as u32,
    )
}

/// The date `n` units before the anchor ("3 ngày trước" → its day, "2 năm trước" → its
/// year, "5 tháng trước" → its month, "2 tuần trước" → its ISO week).
pub(super) fn back_from(a: &Anchor, known: bool, n: i64, unit: &str) -> Option<String> {
    if !known || n <= 0 || n >= 1000 {
        return None;
    }
    match unit {
        "năm" => a.year.map(|y| format!("{:04}", y - n as i32)),
        "tháng" => {
            let y = a.year?;
            let (y, m) = crate::days::add_months(y, a.month, -(n as i32));
            Some(ym(Some(y), m))
        }
        "tuần" => {
            let y = a.year?;
            Some(crate::days::iso_week(
                days_from_civil(y, a.month, a.day) - 7 * n,
            ))
        }
        "ngày" => {
            let y = a.year?;
            let (y, m, d) = civil_from_days(days_from_civil(y, a.month, a.day) - n);
            Some(ymd(Some(y), m, d))
        }
        _ => None,
    }
}
