//! Publication dates: printed stamps ("15/09/2023 04:04", "2023-09-20 09:02:16",
//! "Thứ tư, 20/9/2023, 09:02 (GMT+7)"), metadata values (ISO 8601), and dates reasoned from
//! the day/month references of an article's text when the page prints none.

use regex::Regex;
use std::sync::OnceLock;

/// A calendar date whose year may be unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateRef {
    /// Year, when known.
    pub year: Option<i32>,
    /// Month 1..=12, when known.
    pub month: Option<u32>,
    /// Day 1..=31, when known.
    pub day: Option<u32>,
}

/// A publication date and time as printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// Year, when known.
    pub year: Option<i32>,
    /// Month.
    pub month: u32,
    /// Day.
    pub day: u32,
    /// Hour and minute.
    pub time: Option<(u32, u32)>,
    /// Offset from UTC in minutes, east positive.
    pub offset: Option<i32>,
}

impl Stamp {
    /// ISO 8601 form, `XXXX` for an unknown year.
    pub fn iso(&self) -> String {
        let y = self.year.map_or("XXXX".to_string(), |y| format!("{y:04}"));
        let mut s = format!("{y}-{:02}-{:02}", self.month, self.day);
        if let Some((h, m)) = self.time {
            s.push_str(&format!("T{h:02}:{m:02}"));
            if let Some(o) = self.offset {
                let sign = if o < 0 { '-' } else { '+' };
                s.push_str(&format!("{sign}{:02}:{:02}", o.abs() / 60, o.abs() % 60));
            }
        }
        s
    }
}

pub(crate) fn valid(y: Option<i32>, m: u32, d: u32) -> bool {
    if !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let dim = match m {
        2 => match y {
            Some(y) if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
            Some(_) => 28,
            None => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= dim && y.is_none_or(|y| (1000..=2999).contains(&y))
}

fn stamp_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?:
              (?P<iy>[0-9]{4})-(?P<im>[0-9]{1,2})-(?P<id>[0-9]{1,2})
            | (?P<d>[0-9]{1,2})[/.\-](?P<m>[0-9]{1,2})[/.\-](?P<y>[0-9]{4})
            )
            (?:[\sT,|\-–]*(?:lúc\s*)?(?P<h>[0-9]{1,2})(?:[:h](?P<mi>[0-9]{2}))(?::[0-9]{2}(?:\.[0-9]+)?)?\s*(?P<ampm>[AaPp][Mm])?)?
            (?:\s*\(?\s*(?:GMT|UTC)?\s*(?P<tz>Z|[+\-][0-9]{1,2}(?::?[0-9]{2})?)\)?)?",
        )
        .expect("stamp regex")
    })
}

/// Reads a date (and time) stamp at the start of `s`, or anywhere in it when `anywhere`.
pub fn parse_stamp(s: &str, anywhere: bool) -> Option<(Stamp, usize, usize)> {
    for c in stamp_re().captures_iter(s) {
        let m0 = c.get(0)?;
        if !anywhere && m0.start() > 40 {
            return None;
        }
        let num = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<i64>().ok());
        let (y, mo, d) = if let Some(y) = num("iy") {
            (y, num("im")?, num("id")?)
        } else {
            (num("y")?, num("m")?, num("d")?)
        };
        let (y, mo, d) = (y as i32, mo as u32, d as u32);
        if !valid(Some(y), mo, d) {
            continue;
        }
        let mut time = match (num("h"), num("mi")) {
            (Some(h), Some(mi)) if h < 24 && mi < 60 => Some((h as u32, mi as u32)),
            _ => None,
        };
        if let (Some((h, mi)), Some(ap)) = (time, c.name("ampm")) {
            let pm = ap.as_str().eq_ignore_ascii_case("pm");
            time = Some(((h % 12) + if pm { 12 } else { 0 }, mi));
        }
        let offset = c
            .name("tz")
            .filter(|_| time.is_some())
            .and_then(|t| parse_offset(t.as_str()));
        return Some((
            Stamp {
                year: Some(y),
                month: mo,
                day: d,
                time,
                offset,
            },
            m0.start(),
            m0.end(),
        ));
    }
    None
}

fn parse_offset(t: &str) -> Option<i32> {
    if t == "Z" {
        return Some(0);
    }
    let sign = if t.starts_with('-') { -1 } else { 1 };
    let digits: String = t[1..].chars().filter(|c| c.is_ascii_digit()).collect();
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 => (
            digits[..1].parse::<i32>().ok()?,
            digits[1..].parse::<i32>().ok()?,
        ),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    Some(sign * (h * 60 + m))
}

/// Reads an ISO 8601 metadata value ("2023-09-20T09:02:16+07:00"), keeping the page's own
/// local time and offset.
pub fn parse_iso(s: &str) -> Option<Stamp> {
    let (st, a, _) = parse_stamp(s.trim(), false)?;
    (a == 0).then_some(st)
}

/// A day/month/year reference found in running text, with its byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The date referred to.
    pub date: DateRef,
    /// Start in the text.
    pub start: usize,
    /// End in the text.
    pub end: usize,
}

fn mention_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
              (?-u:\b)(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})(?:/(?P<y>[0-9]{4}))?(?-u:\b)(?:/[0-9])?
            | (?-u:\b)[Tt]háng\s+(?P<m2>[0-9]{1,2})(?:\s*(?:/|[Nn]ăm)\s*(?P<y2>[0-9]{4}))?(?-u:\b)
            | (?-u:\b)[Nn]ăm\s+(?P<y3>(?:19|20)[0-9]{2})(?-u:\b)
            | (?-u:\b)(?P<iy>(?:19|20)[0-9]{2})-(?P<im>[0-9]{2})-(?P<id>[0-9]{2})(?-u:\b)",
        )
        .expect("mention regex")
    })
}

/// Finds day/month(/year), month(/year) and year references in a text.
pub fn mentions(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for c in mention_re().captures_iter(text) {
        let Some(m0) = c.get(0) else { continue };
        let num = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<i64>().ok());
        let date = if let Some(y) = num("iy") {
            let (mo, d) = (num("im").unwrap_or(0) as u32, num("id").unwrap_or(0) as u32);
            if !valid(Some(y as i32), mo, d) {
                continue;
            }
            DateRef {
                year: Some(y as i32),
                month: Some(mo),
                day: Some(d),
            }
        } else if let (Some(d), Some(m)) = (num("d"), num("m")) {
            // "1/2" fractions and scores are rare next to dates; keep only valid dates
            if m0.as_str().matches('/').count() > 2 {
                continue;
            }
            let y = num("y").map(|y| y as i32);
            if !valid(y, m as u32, d as u32) {
                continue;
            }
            DateRef {
                year: y,
                month: Some(m as u32),
                day: Some(d as u32),
            }
        } else if let Some(m) = num("m2") {
            if !(1..=12).contains(&m) {
                continue;
            }
            DateRef {
                year: num("y2").map(|y| y as i32),
                month: Some(m as u32),
                day: None,
            }
        } else if let Some(y) = num("y3") {
            DateRef {
                year: Some(y as i32),
                month: None,
                day: None,
            }
        } else {
            continue;
        };
        out.push(Mention {
            date,
            start: m0.start(),
            end: m0.end(),
        });
    }
    out
}

/// Reasons a publication date from the date references of an article. The latest
/// explicit year anchors them: a yearless day/month falls in the anchor's year when it is at
/// most two months before the anchor, else in the next year ("tháng 8/2024 … cuối tháng 4 …
/// hôm 12/7" is 2025-07-12; "27/7/2023 … hôm 25/6" stays in 2023). The result is the
/// latest day reached; its year is `None` when the text names none (and `fallback_year`
/// gives none).
pub fn reason(refs: &[DateRef], fallback_year: Option<i32>) -> Option<Stamp> {
    let anchor = refs
        .iter()
        .enumerate()
        .filter(|(_, r)| r.year.is_some_and(|y| y <= 2100))
        .max_by_key(|(i, r)| (r.year, r.month.unwrap_or(0), r.day.unwrap_or(0), *i));
    // days a yearless (month, day) lies before the anchor, within one year
    let back = |a: &DateRef, m: u32, d: u32| {
        (a.month.unwrap_or(1) as i32 - m as i32) * 31 + (a.day.unwrap_or(1) as i32 - d as i32)
    };
    // the story moved on into the next year when a yearless reference told after the
    // anchor lies well before it ("tháng 8/2024 … cuối tháng 4")
    let rolled = anchor.is_some_and(|(ai, a)| {
        refs[ai + 1..].iter().any(|r| {
            r.year.is_none() && r.month.is_some_and(|m| back(a, m, r.day.unwrap_or(1)) > 62)
        })
    });
    let year_of = |m: u32, d: u32| -> Option<i32> {
        match anchor {
            Some((_, a)) => {
                let y = a.year?;
                Some(if rolled || back(a, m, d) > 62 {
                    y + 1
                } else {
                    y
                })
            }
            None => fallback_year,
        }
    };
    let mut best: Option<(Option<i32>, u32, u32)> = None;
    for r in refs {
        let (Some(m), Some(d)) = (r.month, r.day) else {
            continue;
        };
        let y = r.year.or_else(|| year_of(m, d));
        let cand = (y, m, d);
        let key = |c: (Option<i32>, u32, u32)| (c.0.unwrap_or(i32::MIN), c.1, c.2);
        if best.is_none_or(|b| key(cand) > key(b)) {
            best = Some(cand);
        }
    }
    best.map(|(y, m, d)| Stamp {
        year: y,
        month: m,
        day: d,
        time: None,
        offset: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_in_their_printed_forms() {
        let (s, _, _) = parse_stamp("15/09/2023 04:04", false).unwrap();
        assert_eq!(s.iso(), "2023-09-15T04:04");
        let (s, _, _) = parse_stamp("2023-09-20 09:02:16 0 Bình luận", false).unwrap();
        assert_eq!(s.iso(), "2023-09-20T09:02");
        let (s, _, _) = parse_stamp("Thứ tư, 20/9/2023, 09:02 (GMT+7)", false).unwrap();
        assert_eq!(s.iso(), "2023-09-20T09:02+07:00");
        assert_eq!(
            parse_iso("2023-09-20T09:02:16+07:00").unwrap().iso(),
            "2023-09-20T09:02+07:00"
        );
        assert_eq!(parse_iso("2019-11-19").unwrap().iso(), "2019-11-19");
        assert!(parse_stamp("31/2/2023", false).is_none());
    }

    fn refs(text: &str) -> Vec<DateRef> {
        mentions(text).into_iter().map(|m| m.date).collect()
    }

    #[test]
    fn reasons_year_rollover_from_order() {
        let r = refs("hôm 12/7 … tháng 8/2024 … hồi cuối tháng 4 … ngày 30/6");
        assert_eq!(reason(&r, None).unwrap().iso(), "2025-07-12");
    }

    #[test]
    fn reasons_without_year() {
        let r = refs("ngày 6/11 đưa tin … đến Triều Tiên ngày 5/11");
        assert_eq!(reason(&r, None).unwrap().iso(), "XXXX-11-06");
        assert_eq!(reason(&r, Some(2025)).unwrap().iso(), "2025-11-06");
    }

    #[test]
    fn yearless_days_before_an_older_year_move_on() {
        let r = refs("Ngày 14/3, cầu được thông xe … khởi công từ tháng 9/2023");
        assert_eq!(reason(&r, None).unwrap().iso(), "2024-03-14");
    }

    #[test]
    fn explicit_year_anchors_day_months() {
        let r = refs("hôm 26/7 … (27/7/1953 – 27/7/2023) … hôm 25/6 … năm 2018 … tháng 10/2020");
        assert_eq!(reason(&r, None).unwrap().iso(), "2023-07-27");
    }
}
