//! Date expressions of Vietnamese news, with their TimeML values resolved against the
//! article's publication date: numeric dates ("26/7", "hôm 26/7", "27/7/1953",
//! "tháng 10/2020", "năm 2018"), words ("hôm nay", "hôm qua", "tuần trước", "tháng 6 năm
//! ngoái", "đầu năm nay", "cuối tháng 4", "thứ Hai tuần trước", "quý 3") and durations
//! ("3 ngày" → P3D, "70 năm" → P70Y).

use crate::pubdate::{valid, Stamp};
use regex::Regex;
use std::sync::OnceLock;

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

fn re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?P<iso>(?-u:\b)(?P<isy>(?:19|20)[0-9]{2})-(?P<ism>[0-9]{2})-(?P<isd>[0-9]{2})(?-u:\b))
          | (?P<vd>[Nn]gày\s+(?P<vdd>[0-9]{1,2})\s+tháng\s+(?P<vdm>[0-9]{1,2})(?:\s+năm\s+(?P<vdy>[0-9]{4}))?)
          | (?P<dm>(?-u:\b)(?P<d>[0-9]{1,2})[/-](?P<m>[0-9]{1,2})(?:[/-](?P<y>[0-9]{4}))?(?-u:\b))
          | (?P<my>[Tt]háng\s+(?P<mym>[0-9]{1,2})\s*(?:/|năm)\s*(?P<myy>[0-9]{4}))
          | (?P<mrel>[Tt]háng\s+(?P<mrm>[0-9]{1,2})\s+năm\s+(?P<mrw>ngoái|nay|trước|sau|tới))
          | (?P<mo>[Tt]háng\s+(?P<mom>[0-9]{1,2})(?-u:\b)(?:\s+(?P<mofut>tới|sau|này))?)
          | (?P<yr>(?:[Nn]ăm|[Tt]ừ|[Đđ]ến|[Tt]rước|[Ss]au|[Cc]uối|[Đđ]ầu|[Gg]iữa)\s+(?:năm\s+)?(?P<yy>(?:19|20)[0-9]{2})(?-u:\b))
          | (?P<q>[Qq]uý\s+(?P<qn>[1-4]|I{1,3}|IV)(?:\s*(?:/|năm)\s*(?P<qy>[0-9]{4}))?)
          | (?P<wd>(?:[Tt]hứ\s+(?P<wdn>[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|[2-7])|[Cc]hủ\s+[Nn]hật)(?:\s+(?P<wdw>tuần\s+(?:trước|này|tới|sau|qua)))?)
          | (?P<rel>(?:[Hh]ôm\s+(?:nay|qua|kia)|[Nn]gày\s+(?:mai|kia)|[Tt]uần\s+(?:trước|này|tới|sau|qua)|[Tt]háng\s+(?:trước|này|tới|sau|qua)|(?:[Đđ]ầu|[Cc]uối|[Gg]iữa|[Tt]rong)?\s*năm\s+(?:ngoái|nay|trước|tới|sau)|[Nn]ăm\s+(?:ngoái|nay)|(?:[Ss]áng|[Tt]rưa|[Cc]hiều|[Tt]ối|[Đđ]êm)\s+(?:nay|qua|mai)))
          | (?P<dur>(?-u:\b)(?P<dn>[0-9]+)\s+(?P<du>ngày|tuần|tháng|năm|thập\s+kỷ|thế\s+kỷ))
            ",
        )
        .expect("time regex")
    })
}

fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

fn ymd(y: Option<i32>, m: u32, d: u32) -> String {
    match y {
        Some(y) => format!("{y:04}-{m:02}-{d:02}"),
        None => format!("XXXX-{m:02}-{d:02}"),
    }
}

fn ym(y: Option<i32>, m: u32) -> String {
    match y {
        Some(y) => format!("{y:04}-{m:02}"),
        None => format!("XXXX-{m:02}"),
    }
}

/// True when words around a span speak of the future ("sẽ", "tới", "dự kiến").
fn future(text: &str, start: usize, end: usize) -> bool {
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

/// The year of a yearless day and month: the one that puts it nearest the anchor.
fn year_near(a: &Anchor, m: u32, d: u32) -> Option<i32> {
    let y = a.year?;
    let r = days_from_civil(y, a.month, a.day);
    (y - 1..=y + 1)
        .filter(|&c| valid(Some(c), m, d))
        .min_by_key(|&c| (days_from_civil(c, m, d) - r).abs())
}

/// The year of a month named alone: the last such month up to the anchor, or the next one
/// when the text speaks of the future.
fn year_of_month(a: &Anchor, m: u32, fut: bool) -> Option<i32> {
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

fn weekday_num(w: &str) -> Option<i64> {
    // Monday = 0
    Some(match w.to_lowercase().as_str() {
        "hai" | "2" => 0,
        "ba" | "3" => 1,
        "tư" | "4" => 2,
        "năm" | "5" => 3,
        "sáu" | "6" => 4,
        "bảy" | "7" => 5,
        _ => return None,
    })
}

/// Finds the date expressions of a text and resolves them against `anchor` (the
/// publication date; its year may be unknown).
pub fn find(text: &str, anchor: Option<Anchor>) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    let a = anchor.unwrap_or(Anchor {
        year: None,
        month: 1,
        day: 1,
    });
    let known = anchor.is_some();
    for c in re().captures_iter(text) {
        let Some(m0) = c.get(0) else { continue };
        let (start, end) = (m0.start(), m0.end());
        let num = |k: &str| c.name(k).and_then(|x| x.as_str().parse::<i64>().ok());
        let value: Option<String> = if c.name("iso").is_some() {
            let (y, m, d) = (
                num("isy").unwrap_or(0) as i32,
                num("ism").unwrap_or(0) as u32,
                num("isd").unwrap_or(0) as u32,
            );
            valid(Some(y), m, d).then(|| ymd(Some(y), m, d))
        } else if c.name("vd").is_some() {
            let (d, m) = (
                num("vdd").unwrap_or(0) as u32,
                num("vdm").unwrap_or(0) as u32,
            );
            let y = num("vdy").map(|y| y as i32).or_else(|| year_near(&a, m, d));
            valid(y, m, d).then(|| ymd(y, m, d))
        } else if c.name("dm").is_some() {
            let (d, m) = (num("d").unwrap_or(0) as u32, num("m").unwrap_or(0) as u32);
            // "1/2" after a number is a fraction; a score "3-1" is not a date
            let prev = text[..start].trim_end();
            let prev_word = prev.rsplit(' ').next().unwrap_or("").to_lowercase();
            let quantity = ["lệ", "khoảng", "chiếm", "bằng", "gần", "hơn", "còn", "tới"]
                .contains(&prev_word.as_str())
                || text[end..].starts_with(" số");
            let fraction = prev.ends_with(|ch: char| ch.is_ascii_digit())
                || (num("y").is_none() && (text[end..].starts_with('%') || quantity));
            let y = num("y").map(|y| y as i32).or_else(|| year_near(&a, m, d));
            (valid(y, m, d) && !fraction && (m0.as_str().contains('/') || num("y").is_some()))
                .then(|| ymd(y, m, d))
        } else if c.name("my").is_some() {
            let m = num("mym").unwrap_or(0) as u32;
            (1..=12)
                .contains(&m)
                .then(|| ym(num("myy").map(|y| y as i32), m))
        } else if c.name("mrel").is_some() {
            let m = num("mrm").unwrap_or(0) as u32;
            let dy = match c.name("mrw").map(|x| x.as_str()) {
                Some("ngoái") | Some("trước") => -1,
                Some("sau") | Some("tới") => 1,
                _ => 0,
            };
            (1..=12).contains(&m).then(|| ym(a.year.map(|y| y + dy), m))
        } else if c.name("mo").is_some() {
            let m = num("mom").unwrap_or(0) as u32;
            let fut =
                c.name("mofut").is_some_and(|x| x.as_str() != "này") || future(text, start, end);
            (1..=12)
                .contains(&m)
                .then(|| ym(year_of_month(&a, m, fut), m))
        } else if c.name("yr").is_some() {
            num("yy").map(|y| format!("{y:04}"))
        } else if c.name("q").is_some() {
            let q = match c.name("qn").map(|x| x.as_str()) {
                Some("1") | Some("I") => 1,
                Some("2") | Some("II") => 2,
                Some("3") | Some("III") => 3,
                _ => 4,
            };
            let y = num("qy").map(|y| y as i32).or(a.year);
            Some(match y {
                Some(y) => format!("{y:04}-Q{q}"),
                None => format!("XXXX-Q{q}"),
            })
        } else if c.name("wd").is_some() {
            // "thứ 2" is also an ordinal ("lần thứ 2"): digits need a day word before them
            let digits = c
                .name("wdn")
                .is_some_and(|w| w.as_str().chars().all(|ch| ch.is_ascii_digit()));
            let prev_word = text[..start]
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
                || text[end..].trim_start().starts_with("liên tiếp");
            let capital = c
                .name("wdn")
                .is_some_and(|w| w.as_str().starts_with(char::is_uppercase))
                || m0.as_str().starts_with(['C', 'c']);
            let weekday_ok =
                !ordinal && (day_word || c.name("wdw").is_some() || (!digits && capital));
            if !known || a.year.is_none() || !weekday_ok {
                None
            } else {
                let y = a.year.unwrap_or(0);
                let r = days_from_civil(y, a.month, a.day);
                let wd_r = (r + 3).rem_euclid(7); // 1970-01-01 was a Thursday (3)
                let target = c
                    .name("wdn")
                    .and_then(|w| weekday_num(w.as_str()))
                    .unwrap_or(6);
                let week_shift = match c.name("wdw").map(|x| x.as_str()) {
                    Some(w) if w.contains("trước") || w.contains("qua") => -7,
                    Some(w) if w.contains("tới") || w.contains("sau") => 7,
                    _ => 0,
                };
                let mut dday = r - wd_r + target + week_shift;
                if week_shift == 0 && dday > r && !future(text, start, end) {
                    dday -= 7;
                }
                let (yy, mm, dd) = civil_from_days(dday);
                Some(ymd(Some(yy), mm, dd))
            }
        } else if c.name("rel").is_some() {
            let t = m0.as_str().to_lowercase();
            let t = t.trim();
            let base = a.year.map(|y| days_from_civil(y, a.month, a.day));
            let day = |delta: i64| -> Option<String> {
                match base {
                    Some(b) => {
                        let (y, m, d) = civil_from_days(b + delta);
                        Some(ymd(Some(y), m, d))
                    }
                    None if known => Some(ymd(None, a.month, a.day)),
                    None => None,
                }
            };
            let week = |delta: i64| -> Option<String> {
                let b = base? + delta * 7;
                // ISO week of the day
                let wd = (b + 3).rem_euclid(7);
                let thursday = b - wd + 3;
                let (ty, _, _) = civil_from_days(thursday);
                let jan1 = days_from_civil(ty, 1, 1);
                Some(format!("{ty:04}-W{:02}", (thursday - jan1) / 7 + 1))
            };
            let month = |delta: i32| -> Option<String> {
                let y = a.year?;
                let idx = y * 12 + a.month as i32 - 1 + delta;
                Some(ym(
                    Some(idx.div_euclid(12)),
                    (idx.rem_euclid(12) + 1) as u32,
                ))
            };
            if !known {
                None
            } else if t.ends_with("hôm nay") || t.ends_with(" nay") && !t.contains("năm") {
                day(0)
            } else if t.ends_with("hôm qua")
                || t.ends_with(" qua") && !t.contains("tuần") && !t.contains("tháng")
            {
                day(-1)
            } else if t.ends_with("hôm kia") {
                day(-2)
            } else if t.ends_with("ngày mai") || t.ends_with(" mai") {
                day(1)
            } else if t.ends_with("ngày kia") {
                day(2)
            } else if t.starts_with("tuần") {
                week(if t.ends_with("trước") || t.ends_with("qua") {
                    -1
                } else if t.ends_with("này") {
                    0
                } else {
                    1
                })
            } else if t.starts_with("tháng") {
                month(if t.ends_with("trước") || t.ends_with("qua") {
                    -1
                } else if t.ends_with("này") {
                    0
                } else {
                    1
                })
            } else if t.contains("năm") {
                let dy = if t.ends_with("ngoái") || t.ends_with("trước") {
                    -1
                } else if t.ends_with("tới") || t.ends_with("sau") {
                    1
                } else {
                    0
                };
                a.year.map(|y| format!("{:04}", y + dy))
            } else {
                None
            }
        } else if c.name("dur").is_some() {
            let n = num("dn").unwrap_or(0);
            let unit = c.name("du").map(|x| x.as_str()).unwrap_or("");
            // "năm 2018" is a year, not a duration; big numbers are counts of things
            let v = match unit {
                "ngày" => Some(format!("P{n}D")),
                "tuần" => Some(format!("P{n}W")),
                "tháng" => Some(format!("P{n}M")),
                "năm" => Some(format!("P{n}Y")),
                u if u.starts_with("thập") => Some(format!("P{}Y", n * 10)),
                u if u.starts_with("thế") => Some(format!("P{}Y", n * 100)),
                _ => None,
            };
            // the unit must end a word ("năm" not "nămxx")
            let word_ends = !text[end..].starts_with(|ch: char| ch.is_alphanumeric());
            v.filter(|_| {
                word_ends && n > 0 && n < 1000 && !text[..start].trim_end().ends_with(['/', '.'])
            })
        } else {
            None
        };
        if let Some(value) = value {
            let (start, end, value) = with_time_of_day(text, start, end, value);
            out.push(TimeExpr { start, end, value });
        }
    }
    out
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

fn clock_re() -> &'static (Regex, Regex) {
    static RE: OnceLock<(Regex, Regex)> = OnceLock::new();
    RE.get_or_init(|| {
        let clock = r"(?P<h>[0-9]{1,2})(?:h|:|\s*giờ\s*)(?P<mi>[0-9]{2})?(?:\s*phút)?(?:\s*\(?(?:GMT|UTC)\s*(?P<tz>[+-][0-9]{1,2})\)?)?";
        (
            // after a date: "26/7 lúc 10h45 (GMT+7)", "26/7, 10:45"
            Regex::new(&format!(r"^(?:,?\s*(?:lúc|vào lúc)?\s*){clock}")).expect("clock after"),
            // before a date: "10h45 ngày 26/7", "10 giờ sáng 26/7"
            Regex::new(&format!(r"{clock}(?:\s*(?:sáng|trưa|chiều|tối|đêm))?\s*(?:ngày|hôm)?\s*$")).expect("clock before"),
        )
    })
}

/// A time of day written against a full date joins it: "10h45 ngày 26/7" is
/// `2023-07-26T10:45`. A clock time alone is no date and is not reported.
fn with_time_of_day(text: &str, start: usize, end: usize, value: String) -> (usize, usize, String) {
    if value.len() != 10 || value.starts_with('P') {
        return (start, end, value);
    }
    let (after, before) = clock_re();
    let fmt = |c: &regex::Captures| -> Option<String> {
        let h: u32 = c.name("h")?.as_str().parse().ok()?;
        let mi: u32 = c.name("mi").map_or(Some(0), |m| m.as_str().parse().ok())?;
        (h < 24 && mi < 60).then(|| {
            let tz = c
                .name("tz")
                .and_then(|t| t.as_str().parse::<i32>().ok())
                .map(|t| format!("{}{:02}:00", if t < 0 { '-' } else { '+' }, t.abs()))
                .unwrap_or_default();
            format!("T{h:02}:{mi:02}{tz}")
        })
    };
    if let Some(c) = after.captures(&text[end..]) {
        // a clock needs "h", ":" or "giờ" (guarded by the pattern) and a number that is not a year
        if let (Some(m0), Some(t)) = (c.get(0), fmt(&c)) {
            if m0.as_str().contains(['h', ':', 'g']) {
                return (start, end + m0.end(), format!("{value}{t}"));
            }
        }
    }
    let mut head_start = start.saturating_sub(40);
    while !text.is_char_boundary(head_start) {
        head_start += 1;
    }
    if let Some(c) = before.captures(&text[head_start..start]) {
        if let (Some(m0), Some(t)) = (c.get(0), fmt(&c)) {
            let s = head_start + m0.start();
            let preceded_by_digit = text[..s].ends_with(|ch: char| ch.is_ascii_digit());
            if !preceded_by_digit && m0.as_str().contains(['h', ':', 'g']) {
                return (s, end, format!("{value}{t}"));
            }
        }
    }
    (start, end, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32) -> Option<Anchor> {
        Some(Anchor {
            year: Some(y),
            month: m,
            day: d,
        })
    }

    fn values(text: &str, a: Option<Anchor>) -> Vec<(String, String)> {
        find(text, a)
            .into_iter()
            .map(|t| (text[t.start..t.end].to_string(), t.value))
            .collect()
    }

    fn one(text: &str, a: Option<Anchor>) -> String {
        let v = values(text, a);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        v[0].1.clone()
    }

    #[test]
    fn numeric_dates() {
        let a = at(2023, 7, 26);
        assert_eq!(one("hôm 26/7", a), "2023-07-26");
        assert_eq!(one("ngày 5/11", at(2023, 11, 6)), "2023-11-05");
        assert_eq!(one("tối 19/9", at(2023, 9, 20)), "2023-09-19");
        assert_eq!(one("nửa đêm 26/7", a), "2023-07-26");
        assert_eq!(one("ký ngày 27/7/1953", a), "1953-07-27");
        assert_eq!(one("tháng 10/2020", a), "2020-10");
        assert_eq!(one("tháng 8/2024", a), "2024-08");
        assert_eq!(one("trước năm 2018", a), "2018");
        assert_eq!(one("ngày 5 tháng 11 năm 2024", a), "2024-11-05");
        // year boundaries: a late December day read in early January is last year's
        assert_eq!(one("hôm 28/12", at(2024, 1, 3)), "2023-12-28");
        assert_eq!(one("ngày 2/1", at(2023, 12, 30)), "2024-01-02");
        assert_eq!(one("hôm 26/7", None), "XXXX-07-26");
        assert_eq!(one("sáng 12/3", at(2024, 3, 12)), "2024-03-12");
        assert_eq!(one("15/09/2023 04:04", at(2023, 9, 15)), "2023-09-15T04:04");
        assert_eq!(one("2023-09-20 09:02:16", None), "2023-09-20T09:02");
        assert_eq!(
            one("vào 10h45 ngày 26/7", at(2023, 7, 20)),
            "2023-07-26T10:45"
        );
        assert_eq!(
            one("hôm 26/7 lúc 10h45 (GMT+7)", at(2023, 7, 27)),
            "2023-07-26T10:45+07:00"
        );
        // a clock time alone is no date
        assert!(values("cuộc họp bắt đầu lúc 10h45", at(2023, 7, 26)).is_empty());
        // looking back over multi-byte letters stays on character boundaries
        assert_eq!(
            one(
                "Người dân ở đồng bằng Nghệ Tĩnh đã đến từ sáng sớm ngày 26/7",
                at(2023, 7, 26)
            ),
            "2023-07-26"
        );
        assert_eq!(
            one(
                "hôm 26/7",
                Some(Anchor {
                    year: None,
                    month: 7,
                    day: 27
                })
            ),
            "XXXX-07-26"
        );
    }

    #[test]
    fn words() {
        let a = at(2023, 7, 26);
        assert_eq!(one("hôm nay", a), "2023-07-26");
        assert_eq!(one("hôm qua", a), "2023-07-25");
        assert_eq!(one("hôm kia", a), "2023-07-24");
        assert_eq!(one("ngày mai", at(2023, 12, 31)), "2024-01-01");
        assert_eq!(one("tuần trước", a), "2023-W29");
        assert_eq!(one("tuần tới", a), "2023-W31");
        assert_eq!(one("tháng trước", at(2025, 1, 10)), "2024-12");
        assert_eq!(one("năm ngoái", a), "2022");
        assert_eq!(one("năm nay", a), "2023");
        assert_eq!(one("đầu năm nay", a), "2023");
        assert_eq!(one("trong năm nay", a), "2023");
        assert_eq!(one("tháng 6 năm ngoái", at(2025, 11, 6)), "2024-06");
        assert_eq!(one("cuối tháng 4", at(2025, 7, 12)), "2025-04");
        // "hồi tháng 4": April of the same year in July, of the year before in February
        assert_eq!(one("hồi tháng 4", at(2023, 7, 1)), "2023-04");
        assert_eq!(one("hồi tháng 4", at(2023, 2, 1)), "2022-04");
        assert_eq!(one("sẽ diễn ra vào tháng 4", at(2023, 7, 1)), "2024-04");
        assert_eq!(one("hồi tháng 7", at(2023, 9, 20)), "2023-07");
        assert_eq!(one("thứ Hai tuần trước", at(2023, 7, 26)), "2023-07-17");
        assert_eq!(one("hôm thứ 5", at(2023, 7, 26)), "2023-07-20");
        assert!(values("là chuyến thăm thứ 2 kể từ", at(2023, 7, 26)).is_empty());
        assert!(values("lần giảm thứ ba liên tiếp", at(2023, 7, 26)).is_empty());
        assert!(values("đây là lần thứ ba", at(2023, 7, 26)).is_empty());
        assert_eq!(one("hôm thứ Ba", at(2023, 7, 26)), "2023-07-25");
        assert_eq!(one("quý 3", a), "2023-Q3");
        assert_eq!(one("sáng nay", a), "2023-07-26");
    }

    #[test]
    fn durations_are_not_dates() {
        let a = at(2023, 7, 26);
        assert_eq!(one("chuyến thăm kéo dài 3 ngày", a), "P3D");
        assert_eq!(one("kỷ niệm 70 năm", a), "P70Y");
        assert_eq!(one("vài thập kỷ, 2 thập kỷ", a), "P20Y");
        assert!(
            values("tỷ lệ 1/2 số phiếu, tỷ số 3-1", a).is_empty(),
            "{:?}",
            values("tỷ lệ 1/2 số phiếu, tỷ số 3-1", a)
        );
    }
}
