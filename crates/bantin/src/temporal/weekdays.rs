//! Weekdays: "thứ Hai tuần trước", "thứ ba tới", "hôm thứ 5", "Chủ nhật"; a weekday printed
//! with its date ("thứ Hai, 27/1") is one expression with it.

use super::grammar::weekday_num;
use super::values::{future, ymd};
use super::{Ctx, Found, Match, Reading, TimeExpr};
use crate::days::{from_civil as days_from_civil, to_civil as civil_from_days};

/// Reads a weekday; `None` when the match is of another family.
pub(super) fn read(s: &Ctx, m: &Match) -> Option<Reading> {
    if !m.has("wd") {
        return None;
    }
    let named = is_weekday(s, m);
    let weekday = named.then(|| m.str("wdn").and_then(weekday_num).unwrap_or(6) as u32);
    let value = if !s.known || s.a.year.is_none() || !named {
        None
    } else {
        resolve(s, m)
    };
    Some(Reading {
        value,
        weekday,
        end: None,
    })
}

/// True when "thứ 2", "thứ Ba" names a weekday: "thứ 2" is also an ordinal ("lần thứ 2"),
/// so digits need a day word before them or a date after them.
fn is_weekday(s: &Ctx, m: &Match) -> bool {
    let text = s.text;
    let digits = m
        .str("wdn")
        .is_some_and(|w| w.chars().all(|ch| ch.is_ascii_digit()));
    let prev_word = text[..m.start]
        .trim_end()
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .to_lowercase();
    let day_word = [
        "hôm", "ngày", "sáng", "trưa", "chiều", "tối", "đêm", "vào", "từ", "đến",
    ]
    .contains(&prev_word.as_str());
    // "lần thứ ba", "giảm thứ ba liên tiếp": an ordinal, not a weekday; a weekday
    // written in words is capitalised ("thứ Ba"), follows a day word or names its week
    let ordinal = [
        "lần", "kỳ", "hạng", "đứng", "giảm", "tăng", "vòng", "trận", "người", "nước",
    ]
    .contains(&prev_word.as_str())
        || text[m.end..].trim_start().starts_with("liên tiếp");
    let capital = m
        .str("wdn")
        .is_some_and(|w| w.starts_with(char::is_uppercase))
        || m.all.starts_with(['C', 'c']);
    !ordinal
        && (day_word
            || m.has("wdw")
            || m.has("wdr")
            || (!digits && capital)
            || (digits && date_follows(&text[m.end..])))
}

/// The day of a weekday: of the anchor's week, or of the week it names ("tuần trước"),
/// the next one ("tới") or the last one ("vừa rồi", "qua"); alone, the last one unless
/// the text speaks of the future.
fn resolve(s: &Ctx, m: &Match) -> Option<String> {
    let a = &s.a;
    let r = days_from_civil(a.year?, a.month, a.day);
    let wd_r = (r + 3).rem_euclid(7); // 1970-01-01 was a Thursday (3)
    let target = m.str("wdn").and_then(weekday_num).unwrap_or(6);
    let week_shift = match m.str("wdw") {
        Some(w) if w.contains("trước") || w.contains("qua") || w.contains("rồi") => -7,
        Some(w) if w.contains("này") => 0,
        Some(_) => 7,
        None => 0,
    };
    let mut dday = r - wd_r + target + week_shift;
    match m.str("wdr") {
        // "thứ Ba tới": the next one after today
        Some("tới") => {
            if dday <= r {
                dday += 7;
            }
        }
        Some("này") => {}
        // "thứ Ba vừa rồi", "thứ Hai qua": the last one before today
        Some(_) => {
            if dday >= r {
                dday -= 7;
            }
        }
        None => {
            if !m.has("wdw") && dday > r && !future(s.text, m.start, m.end) {
                dday -= 7;
            }
        }
    }
    let (yy, mm, dd) = civil_from_days(dday);
    Some(ymd(Some(yy), mm, dd))
}

/// A weekday printed with its date ("thứ Hai, 27/1", "thứ 2 mồng 6 tháng 2", "Chủ nhật
/// (5/3)") is one expression: the date's value, the weekday kept; a weekday left without a
/// value is dropped.
pub(super) fn merge(text: &str, found: Vec<Found>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        if let Some(prev) = out.last() {
            let gap = &text[prev.expr.end..f.expr.start.max(prev.expr.end)];
            let g = gap.trim_matches(|ch: char| ch.is_whitespace() || ch == ',' || ch == '(');
            let g = g.strip_prefix("ngày").unwrap_or(g).trim();
            let joined = prev.weekday.is_some()
                && f.weekday.is_none()
                && f.date
                && f.expr.value.len() >= 10
                && g.is_empty()
                && gap.chars().count() <= 8;
            if joined {
                let p = out.pop().unwrap_or_else(|| f.clone());
                out.push(Found {
                    expr: TimeExpr {
                        start: p.expr.start,
                        end: f.expr.end,
                        value: f.expr.value,
                        lunar: f.expr.lunar,
                    },
                    weekday: p.weekday,
                    date: true,
                });
                continue;
            }
        }
        out.push(f);
    }
    out.retain(|f| f.date);
    out
}

/// True when a date follows a weekday in digits ("thứ 2, 27/1", "thứ 2 mồng 6 tháng 2").
fn date_follows(rest: &str) -> bool {
    let r = rest.trim_start_matches([' ', ',', '(']);
    let r = r.strip_prefix("ngày").unwrap_or(r).trim_start();
    let r = r
        .strip_prefix("mồng")
        .or_else(|| r.strip_prefix("mùng"))
        .unwrap_or(r)
        .trim_start();
    let digits = r.chars().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&digits)
        && (r[digits..].starts_with('/') || r[digits..].trim_start().starts_with("tháng"))
}
