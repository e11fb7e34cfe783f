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
    /// A day without a time of day (the year when known).
    pub fn day(year: Option<i32>, month: u32, day: u32) -> Stamp {
        Stamp {
            year,
            month,
            day,
            time: None,
            offset: None,
        }
    }

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
            | (?P<d2>[0-9]{1,2})/(?P<m2>[0-9]{1,2})/(?P<y2>[0-9]{2})
            )
            (?:[\sT,|\-–]*(?:lúc\s*)?(?P<h>[0-9]{1,2})(?:[:h](?P<mi>[0-9]{2}))(?::[0-9]{2}(?:\.[0-9]+)?)?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?(?:\s*(?P<part>sáng|trưa|chiều|tối|đêm))?)?
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
        let mut time = match (num("h"), num("mi")) {
            (Some(h), Some(mi)) if h < 24 && mi < 60 => Some((h as u32, mi as u32)),
            _ => None,
        };
        let (y, mo, d) = if let Some(y) = num("iy") {
            (y, num("im")?, num("id")?)
        } else if let Some(y) = num("y") {
            (y, num("m")?, num("d")?)
        } else {
            // a two-digit year only in a stamp with a time ("24/12/12 11:05")
            if time.is_none() || s[m0.end()..].starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            (2000 + num("y2")?, num("m2")?, num("d2")?)
        };
        let (y, mut mo, mut d) = (y as i32, mo as u32, d as u32);
        // month first where the page writes English ("Published on 03-08-2011"), or where
        // the second number cannot be a month
        if num("iy").is_none() && d <= 12 && (mo > 12 || us_context(&s[..m0.start()])) {
            std::mem::swap(&mut mo, &mut d);
        }
        if !valid(Some(y), mo, d) {
            continue;
        }
        if let (Some((h, mi)), Some(ap)) = (time, c.name("ampm")) {
            let pm = ap.as_str().to_ascii_lowercase().starts_with('p');
            if h <= 12 {
                time = Some(((h % 12) + if pm { 12 } else { 0 }, mi));
            }
        }
        if let (Some((h, mi)), Some(part)) = (time, c.name("part")) {
            // "04:00 chiều" is 16:00, "11:05 tối" 23:05, "1:30 trưa" 13:30
            let pm = match part.as_str() {
                "chiều" | "tối" => h < 12,
                "đêm" => (6..12).contains(&h),
                "trưa" => h < 5,
                _ => false,
            };
            if pm {
                time = Some((h + 12, mi));
            }
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

/// True when the words just before a numeric date are English ones that US-made templates
/// print before a month-first date ("Published on 03-08-2011", "Posted 12/24/2012").
fn us_context(before: &str) -> bool {
    let b = before.trim_end().trim_end_matches([':', ',']).trim_end();
    let low = b.to_ascii_lowercase();
    [
        "published on",
        "posted on",
        "updated on",
        "published",
        "posted",
        "updated",
        "date:",
    ]
    .iter()
    .any(|w| low.ends_with(w))
}

/// Reads a date from a page's own address: `/2012/12/24/`, `/20150323/`, `/2015-03-23/`, or an
/// article id that opens with a timestamp (`…-20121225102525545.htm`, `/20121224150720142/`).
pub fn parse_url_date(url: &str) -> Option<Stamp> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?x)
              /(?P<y>(?:19|20)[0-9]{2})/(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})(?:/|$)
            | [/\-_](?P<y2>(?:19|20)[0-9]{2})-(?P<m2>[0-9]{2})-(?P<d2>[0-9]{2})(?:[/\-_.]|$)
            | [/\-_a-z](?P<ts>(?:19|20)[0-9]{6}(?:[0-9]{4,11})?)(?:[/\-_.a-z]|$)",
        )
        .expect("url date")
    });
    let path = url.split(['?', '#']).next().unwrap_or(url);
    // leave the host out: its digits are no date
    let path = match path.find("://") {
        Some(i) => path[i + 3..].find('/').map_or("", |j| &path[i + 3 + j..]),
        None => path,
    };
    for c in re.captures_iter(path) {
        let num = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<u32>().ok());
        let (y, m, d, time) = if let Some(y) = num("y") {
            (y, num("m")?, num("d")?, None)
        } else if let Some(y) = num("y2") {
            (y, num("m2")?, num("d2")?, None)
        } else {
            // the id's clock part is when the item was filed, not always when it was
            // published: only its day is taken
            let ts = c.name("ts")?.as_str();
            let n = |a: usize, b: usize| ts.get(a..b).and_then(|x| x.parse::<u32>().ok());
            (n(0, 4)?, n(4, 6)?, n(6, 8)?, None)
        };
        if !valid(Some(y as i32), m, d) || y > 2100 {
            continue;
        }
        return Some(Stamp {
            year: Some(y as i32),
            month: m,
            day: d,
            time,
            offset: None,
        });
    }
    None
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

/// The reference of a TimeML value with a year, month or day: `2023-07-26`, `XXXX-11-05`,
/// `2024-06`, `2018`.
pub(crate) fn date_ref(v: &str) -> Option<DateRef> {
    let v = v.get(..10.min(v.len()))?;
    let mut it = v.split('-');
    let y = it.next()?;
    let year = if y == "XXXX" {
        None
    } else if y.len() == 4 {
        Some(y.parse::<i32>().ok()?)
    } else {
        return None;
    };
    let month = match it.next() {
        Some(m) if m.len() == 2 => Some(m.parse::<u32>().ok()?),
        Some(_) => return None,
        None => None,
    };
    let day = match it.next() {
        Some(d) if d.len() == 2 => Some(d.parse::<u32>().ok()?),
        Some(_) => return None,
        None => None,
    };
    (year.is_some() || month.is_some()).then_some(DateRef { year, month, day })
}

// the reasoning from a text lives in its own module
pub use crate::reasoned::{reason_text, Evidence};

/// Finds day/month(/year), month(/year) and year references in a text: the expressions of
/// the engine's one date grammar (`temporal::scan`) read without an anchor.
pub fn mentions(text: &str) -> Vec<Mention> {
    crate::temporal::scan(text, None)
        .into_iter()
        .filter(|f| f.date)
        .filter_map(|f| {
            Some(Mention {
                date: date_ref(&f.expr.value)?,
                start: f.expr.start,
                end: f.expr.end,
            })
        })
        .collect()
}

/// The year that puts a yearless day within `days` of a dated stamp, if one does.
pub fn year_near(near: &Stamp, month: u32, day: u32, days: i64) -> Option<i32> {
    let y = near.year?;
    let r = crate::days::from_civil(y, near.month, near.day);
    (y - 1..=y + 1)
        .filter(|&c| valid(Some(c), month, day))
        .map(|c| ((crate::days::from_civil(c, month, day) - r).abs(), c))
        .min()
        .filter(|(dist, _)| *dist <= days)
        .map(|(_, c)| c)
}

/// Reasons a publication date from the date references of an article. The latest
/// explicit year anchors them: a yearless day/month falls in the anchor's year when it is at
/// most two months before the anchor, else in the next year ("tháng 8/2024 … cuối tháng 4 …
/// hôm 12/7" is 2025-07-12; "27/7/2023 … hôm 25/6" stays in 2023). The result is the
/// latest day reached; its year is `None` when the text names none (and `fallback_year`
/// gives none).
pub fn reason(refs: &[DateRef], fallback_year: Option<i32>) -> Option<Stamp> {
    reason_rolled(refs, fallback_year).map(|(s, _)| s)
}

/// [`reason`], and whether its year moved on past the last one printed because a yearless
/// reference told after it lies well before it ("tháng 8/2024 … hồi cuối tháng 4").
pub(crate) fn reason_rolled(refs: &[DateRef], fallback_year: Option<i32>) -> Option<(Stamp, bool)> {
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
    // (a yearless day told before the anchor too is the story's own day, the anchor a
    // background fact: "sáng 18/2 … khánh thành ngày 31/12/2022 … vụ tai nạn 18/2")
    let rolled = anchor.is_some_and(|(ai, a)| {
        let told_before = |r: &DateRef| {
            refs[..ai]
                .iter()
                .any(|p| p.year.is_none() && (p.month, p.day) == (r.month, r.day))
        };
        refs[ai + 1..].iter().any(|r| {
            r.year.is_none()
                && r.month.is_some_and(|m| back(a, m, r.day.unwrap_or(1)) > 62)
                && !told_before(r)
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
    best.map(|(y, m, d)| {
        let moved = rolled
            && anchor
                .and_then(|(_, a)| a.year)
                .is_some_and(|ay| y == Some(ay + 1));
        (Stamp::day(y, m, d), moved)
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
        // in a page's stamp line, the forms of other sites
        for (text, want) in [
            ("Thứ Sáu, 07/03/2026 - 08:07", Some("2026-03-07T08:07")),
            ("07/03/2026 08:07 GMT+7", Some("2026-03-07T08:07+07:00")),
            ("Cập nhật: 20.12.2012 9:15", Some("2012-12-20T09:15")),
            (
                "Cập nhật thứ ba, ngày 4/6/19 10:05 tối",
                Some("2019-06-04T22:05"),
            ),
            ("ngày 9/5/19 04:30 chiều", Some("2019-05-09T16:30")),
            ("Published on 04-07-2015 09:30 PM", Some("2015-04-07T21:30")),
            ("12/24/2015", Some("2015-12-24")),
            ("tỷ số 3/4/12", None),
        ] {
            let got = parse_stamp(text, true).map(|x| x.0.iso());
            assert_eq!(got.as_deref(), want, "{text}");
        }
    }

    #[test]
    fn dates_in_addresses() {
        for (url, want) in [
            (
                "https://bao.vn/the-gioi/2015/03/23/tin-moi.html",
                Some("2015-03-23"),
            ),
            (
                "http://bao.vn/pages/20150323/tin-moi.aspx",
                Some("2015-03-23"),
            ),
            (
                "https://bao.vn/tin-moi-20260307080054340.htm",
                Some("2026-03-07"),
            ),
            ("https://bao.vn/blog/2015-03-23-tin-moi", Some("2015-03-23")),
            ("https://bao.vn/tin-moi-3882669.html", None),
            ("https://bao.vn/gl/2012/12/tin-moi/", None),
            ("https://20150323.vn/tin", None),
        ] {
            let got = parse_url_date(url).map(|s| s.iso());
            assert_eq!(got.as_deref(), want, "{url}");
        }
    }

    /// The day reasoned from the dates of a text, its year known or not.
    fn reasoned(text: &str, year: Option<i32>) -> String {
        let r: Vec<DateRef> = mentions(text).into_iter().map(|m| m.date).collect();
        reason(&r, year).map(|s| s.iso()).unwrap_or_default()
    }

    #[test]
    fn reasons_from_the_order_of_the_dates() {
        let cases = [
            // the year rolls over with the order of the telling
            (
                "hôm 12/7 … tháng 8/2024 … hồi cuối tháng 4 … ngày 30/6",
                None,
                "2025-07-12",
            ),
            // without a year
            (
                "ngày 6/11 đưa tin … đến Triều Tiên ngày 5/11",
                None,
                "XXXX-11-06",
            ),
            (
                "ngày 6/11 đưa tin … đến Triều Tiên ngày 5/11",
                Some(2025),
                "2025-11-06",
            ),
            // yearless days told before an older year move on
            (
                "Ngày 14/3, cầu được thông xe … khởi công từ tháng 9/2023",
                None,
                "2024-03-14",
            ),
            // an explicit year anchors the days and months
            (
                "hôm 26/7 … (27/7/1953 – 27/7/2023) … hôm 25/6 … năm 2018 … tháng 10/2020",
                None,
                "2023-07-27",
            ),
        ];
        for (text, year, want) in cases {
            assert_eq!(reasoned(text, year), want, "{text}");
        }
    }

    #[test]
    fn mentions_share_the_grammar_of_times() {
        let m = mentions("giảm 1/3, ngày mồng 3 tháng 3 năm 2017, tháng giêng, 3/9/91");
        let d: Vec<DateRef> = m.into_iter().map(|m| m.date).collect();
        assert_eq!(
            d,
            [
                DateRef {
                    year: Some(2017),
                    month: Some(3),
                    day: Some(3)
                },
                DateRef {
                    year: None,
                    month: Some(1),
                    day: None
                },
                DateRef {
                    year: Some(1991),
                    month: Some(9),
                    day: Some(3)
                },
            ]
        );
    }
}
