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

/// Month names in words, after "tháng" ("tháng giêng", "tháng mười một", "tháng chạp").
pub(crate) const MONTH_WORDS: &str =
    r"(?i:giêng|chạp|mười\s+một|mười\s+hai|mười|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín)";
/// Month names that stand alone without a day or a year: the unambiguous ones and the
/// capitalised ones ("tháng Tư"); "mỗi tháng hai lần" is no February.
const MONTH_WORDS_ALONE: &str = r"(?:[Gg]iêng|[Cc]hạp|[Mm]ười\s+[Mm]ột|[Mm]ười\s+[Hh]ai|[Mm]ười|Một|Hai|Ba|Tư|Bốn|Năm|Sáu|Bảy|Tám|Chín)";
/// Small numbers in words ("ba ngày trước", "cách đây hai năm").
const NUMBER_WORDS: &str = r"(?:một|hai|ba|bốn|sáu|bảy|tám|chín|mười)";

/// The month of a number or a month name.
pub(crate) fn month_num(w: &str) -> Option<u32> {
    let w = w.to_lowercase();
    let w: Vec<&str> = w.split_whitespace().collect();
    Some(match w.as_slice() {
        ["giêng"] | ["một"] => 1,
        ["hai"] => 2,
        ["ba"] => 3,
        ["tư"] | ["bốn"] => 4,
        ["năm"] => 5,
        ["sáu"] => 6,
        ["bảy"] => 7,
        ["tám"] => 8,
        ["chín"] => 9,
        ["mười"] => 10,
        ["mười", "một"] => 11,
        ["mười", "hai"] | ["chạp"] => 12,
        [n] => n.parse().ok().filter(|m| (1..=12).contains(m))?,
        _ => return None,
    })
}

/// A count in digits or in words.
pub(crate) fn count_num(w: &str) -> Option<i64> {
    Some(match w {
        "một" => 1,
        "hai" => 2,
        "ba" => 3,
        "bốn" => 4,
        "sáu" => 6,
        "bảy" => 7,
        "tám" => 8,
        "chín" => 9,
        "mười" => 10,
        n => n.parse().ok()?,
    })
}

/// The century of a two-digit year: the one that puts it at most ten years after the
/// anchor's year (or after 2025 when no year is known): "3/3/17" is 2017, "3/9/91" is 1991.
fn full_year(yy: i32, anchor_year: Option<i32>) -> i32 {
    let pivot = anchor_year.unwrap_or(2025) + 10;
    let c = pivot - pivot.rem_euclid(100) + yy;
    if c > pivot {
        c - 100
    } else {
        c
    }
}

fn re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"(?x)
            (?P<iso>(?-u:\b)(?P<isy>(?:19|20)[0-9]{{2}})-(?P<ism>[0-9]{{2}})-(?P<isd>[0-9]{{2}})(?-u:\b))
          | (?P<vd>(?:[Nn]gày\s+(?:[Mm][ồù]ng\s+)?|[Mm][ồù]ng\s+)(?P<vdd>[0-9]{{1,2}})\s+tháng\s+(?P<vdm>[0-9]{{1,2}}|{mw})(?:\s*(?:năm\s+|/\s*)(?P<vdy>[0-9]{{4}}))?)
          | (?P<vy>(?-u:\b)(?P<vyd>[0-9]{{1,2}})\s+tháng\s+(?P<vym>[0-9]{{1,2}}|{mw})\s*(?:năm\s+|/\s*)(?P<vyy>[0-9]{{4}}))
          | (?P<dm>(?:[Mm][ồù]ng\s+)?(?-u:\b)(?P<d>[0-9]{{1,2}})(?P<sep>[/.-])(?P<m>[0-9]{{1,2}})(?:[/.-](?P<y>[0-9]{{4}})|/(?P<y2>[0-9]{{2}}))?(?-u:\b))
          | (?P<dd>[Nn]gày\s+(?P<ddn>[0-9]{{1,2}})(?:[^0-9/.\-]|\.(?:[^0-9]|$)|$))
          | (?P<my>[Tt]háng\s+(?P<mym>[0-9]{{1,2}}|{mw})\s*(?:/|năm)\s*(?P<myy>[0-9]{{4}}))
          | (?P<mrel>[Tt]háng\s+(?P<mrm>[0-9]{{1,2}}|{mw})\s+năm\s+(?P<mrw>ngoái|nay|trước|sau|tới|kế\s+tiếp|tiếp\s+theo))
          | (?P<mo>[Tt]háng\s+(?P<mom>[0-9]{{1,2}}(?-u:\b)|{mws})(?:\s+(?P<mofut>tới|sau|này))?)
          | (?P<yr>(?:[Nn]ăm|[Tt]ừ|[Đđ]ến|[Tt]rước|[Ss]au|[Cc]uối|[Đđ]ầu|[Gg]iữa|SN|[Mm]ùa\s+(?:giải|bóng))\s+(?:năm\s+)?(?P<yy>(?:19|20)[0-9]{{2}})(?-u:\b))
          | (?P<q>[Qq]uý\s+(?P<qn>[1-4]|I{{1,3}}|IV)(?:\s*(?:/|năm)\s*(?P<qy>[0-9]{{4}}))?)
          | (?P<dec>(?:[Tt]hập\s+(?:niên|kỷ)|[Nn]hững\s+năm)\s+(?P<decy>(?:19|20)?[0-9]0)(?-u:\b))
          | (?P<season>[Mm]ùa\s+(?P<sn>xuân|hè|hạ|thu|đông)\s+(?:năm\s+(?P<sy>[0-9]{{4}})|(?P<sy2>[0-9]{{4}})|năm\s+(?P<srel>nay|ngoái|tới|sau)|(?P<sthis>này|tới)))
          | (?P<wd>(?:[Tt]hứ\s+(?P<wdn>[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|[2-7])|[Cc]hủ\s+[Nn]hật)(?:\s+(?:của\s+)?(?:(?P<wdw>tuần\s+(?:trước|này|tới|sau|qua|rồi|kế\s+tiếp|tiếp\s+theo))|(?P<wdr>tới|này|vừa\s+rồi|vừa\s+qua|qua|trước|rồi)))?)
          | (?P<rel>(?:[Hh]ôm\s+(?:nay|qua|kia)|[Bb]ữa\s+(?:nay|qua|kia)|[Nn]gày\s+(?:mai|kia)|(?:(?:[Đđ]ầu|[Cc]uối|[Gg]iữa|[Tt]rong)\s+)?(?:[Tt]uần|[Tt]háng)\s+(?:trước|này|tới|sau|qua|kế\s+tiếp|tiếp\s+theo)|(?:[Đđ]ầu|[Cc]uối|[Gg]iữa|[Tt]rong)?\s*năm\s+(?:ngoái|nay|trước|tới|sau|kế\s+tiếp|tiếp\s+theo)|[Nn]ăm\s+(?:ngoái|nay|kế\s+tiếp|tiếp\s+theo)|(?:[Ss]áng|[Tt]rưa|[Cc]hiều|[Tt]ối|[Đđ]êm)\s+(?:nay|qua|mai)))
          | (?P<same>[Cc]ùng\s+ngày|(?:[Nn]gày\s+)?[Hh]ôm\s+sau|[Nn]gày\s+sau\s+đó)
          | (?P<part>(?:[Đđ]ầu|[Cc]uối|[Gg]iữa)\s+(?P<pu>tháng|năm)(?:\s*[^\s0-9]|$))
          | (?P<ago>[Cc]ách\s+đây\s+(?P<agn>[0-9]+|{num})\s+(?P<agu>ngày|tuần|tháng|năm))
          | (?P<dur>(?-u:\b)(?P<dn>[0-9]+|{num})\s+(?P<du>ngày|tuần|tháng|năm|thập\s+kỷ|thế\s+kỷ)(?P<back>\s+(?:trước|về\s+trước))?)
            ",
            mw = MONTH_WORDS,
            mws = MONTH_WORDS_ALONE,
            num = NUMBER_WORDS,
        ))
        .expect("time regex")
    })
}

use crate::days::{from_civil as days_from_civil, to_civil as civil_from_days};

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

/// A weekday printed with its date ("thứ Hai, 27/1", "thứ 2 mồng 6 tháng 2", "Chủ nhật
/// (5/3)") is one expression: the date's value, the weekday kept; a weekday left without a
/// value is dropped.
fn merge_weekdays(text: &str, found: Vec<Found>) -> Vec<Found> {
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

/// A day value (`2023-07-26`, `XXXX-07-26`) moved by `n` days.
fn shift_day(v: &str, n: i64) -> Option<String> {
    let y = v.get(..4)?;
    let m: u32 = v.get(5..7)?.parse().ok()?;
    let d: u32 = v.get(8..10)?.parse().ok()?;
    // a yearless day moves within a leap year, so 28/2 + 1 is 29/2 and 29/2 exists
    let year = y.parse::<i32>().ok();
    let (yy, mm, dd) = civil_from_days(days_from_civil(year.unwrap_or(2000), m, d) + n);
    Some(ymd(year.map(|_| yy), mm, dd))
}

/// Words before a day that make "22-10", "5.11" dates.
const DAY_WORDS: [&str; 17] = [
    "ngày", "hôm", "sáng", "trưa", "chiều", "tối", "đêm", "từ", "đến", "tới", "vào", "trước",
    "sau", "cuối", "đầu", "giữa", "rạng",
];

/// The month (and year) of the date that closes a range after a day alone: "ngày 15 đến
/// ngày 30.11.2013" → November 2013.
fn range_end(rest: &str) -> Option<(Option<i32>, u32)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^\s*(?:đến|tới|-|–)\s*(?:ngày\s+)?[0-9]{1,2}\s*(?:[/.-]\s*|\s+tháng\s+)(?P<m>[0-9]{1,2})(?:\s*(?:[/.-]|năm)\s*(?P<y>[0-9]{4}))?")
            .expect("range regex")
    });
    let c = re.captures(rest)?;
    let m: u32 = c.name("m")?.as_str().parse().ok()?;
    let y = c.name("y").and_then(|y| y.as_str().parse().ok());
    (1..=12).contains(&m).then_some((y, m))
}

/// "1/3" read as a part of something: after a word of quantity or change ("giảm 1/3",
/// "chiếm 2/3", "có 8/11"), before "số", "dân số", "%", or before a word that counts or
/// measures ("1/2 thìa", "8/11 nhóm hàng", "3-4 tiếng", "1/2.3 inch").
fn fraction_context(prev_word: &str, after: &str) -> bool {
    const BEFORE: [&str; 19] = [
        "lệ", "khoảng", "chiếm", "bằng", "gần", "hơn", "còn", "giảm", "tăng", "mất", "đạt", "chỉ",
        "thêm", "phần", "tổng", "nhất", "xuống", "có", "lấy",
    ];
    /// Words that count or measure what a fraction is a part of.
    const MEASURES: [&str; 30] = [
        "số",
        "dân",
        "diện",
        "lượng",
        "tổng",
        "trong số",
        "các",
        "những",
        "giá",
        "nhóm",
        "quả",
        "thìa",
        "muỗng",
        "bát",
        "chén",
        "xô",
        "cốc",
        "ly",
        "củ",
        "kg",
        "lít",
        "gói",
        "trái",
        "miếng",
        "tiếng",
        "giờ",
        "phút",
        "người",
        "inch",
        "chặng",
    ];
    let a = after.trim_start();
    let word = a
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    BEFORE.contains(&prev_word)
        || after.starts_with('%')
        || (after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit()))
        || (after.starts_with(' ')
            && MEASURES
                .iter()
                .any(|w| word == *w || (w.contains(' ') && a.starts_with(w))))
}

/// The date `n` units before the anchor ("3 ngày trước" → its day, "2 năm trước" → its
/// year, "5 tháng trước" → its month, "2 tuần trước" → its ISO week).
fn back_from(a: &Anchor, known: bool, n: i64, unit: &str) -> Option<String> {
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

/// The grammar of the engine: every date expression of a text with its weekday, resolved
/// against `anchor`. [`find`] and `pubdate::mentions` read it.
pub fn scan(text: &str, anchor: Option<Anchor>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let a = anchor.unwrap_or(Anchor {
        year: None,
        month: 1,
        day: 1,
    });
    let known = anchor.is_some();
    for c in re().captures_iter(text) {
        let Some(m0) = c.get(0) else { continue };
        let (start, end) = (m0.start(), m0.end());
        let mut weekday: Option<u32> = None;
        let mut part_end: Option<usize> = None;
        let mut dur_end: Option<usize> = None;
        let num = |k: &str| c.name(k).and_then(|x| x.as_str().parse::<i64>().ok());
        let value: Option<String> = if c.name("iso").is_some() {
            let (y, m, d) = (
                num("isy").unwrap_or(0) as i32,
                num("ism").unwrap_or(0) as u32,
                num("isd").unwrap_or(0) as u32,
            );
            valid(Some(y), m, d).then(|| ymd(Some(y), m, d))
        } else if c.name("vd").is_some() {
            let d = num("vdd").unwrap_or(0) as u32;
            let m = c
                .name("vdm")
                .and_then(|x| month_num(x.as_str()))
                .unwrap_or(0);
            let y = num("vdy").map(|y| y as i32).or_else(|| year_near(&a, m, d));
            valid(y, m, d).then(|| ymd(y, m, d))
        } else if c.name("vy").is_some() {
            let d = num("vyd").unwrap_or(0) as u32;
            let m = c
                .name("vym")
                .and_then(|x| month_num(x.as_str()))
                .unwrap_or(0);
            let y = num("vyy").map(|y| y as i32);
            valid(y, m, d).then(|| ymd(y, m, d))
        } else if c.name("dm").is_some() {
            let (d, m) = (num("d").unwrap_or(0) as u32, num("m").unwrap_or(0) as u32);
            // "1/2" after a number is a fraction; a score "3-1" is not a date
            let prev = text[..start].trim_end();
            // the word before, out of its brackets or quotes ("(ngày 6.11)")
            let prev_word = prev
                .rsplit(' ')
                .next()
                .unwrap_or("")
                .trim_start_matches(['(', '[', '“', '"', '‘', '\''])
                .to_lowercase();
            let yearless = num("y").is_none() && num("y2").is_none();
            let fraction = prev.ends_with(|ch: char| ch.is_ascii_digit() || ch == '/')
                || text[end..].starts_with(|ch: char| {
                    ch == '/'
                        || ch == ',' && text[end + 1..].starts_with(|c: char| c.is_ascii_digit())
                })
                || (yearless && fraction_context(&prev_word, &text[end..]));
            let y = num("y")
                .map(|y| y as i32)
                .or_else(|| num("y2").map(|y| full_year(y as i32, a.year)))
                .or_else(|| year_near(&a, m, d));
            let sep = c.name("sep").map_or("", |x| x.as_str());
            // "5.11", "22-10" are dates after a day word ("ngày 5.11", "từ 20-10 đến 31-10")
            // … or in a list of such dates ("ngày 5.11, 6.11")
            let listed = {
                let w = prev_word.trim_end_matches([',', ';']);
                w.split(sep).count() >= 2
                    && w.split(sep).all(|x| {
                        !x.is_empty() && x.len() <= 4 && x.bytes().all(|b| b.is_ascii_digit())
                    })
            };
            let day_word = DAY_WORDS.contains(&prev_word.as_str()) || listed;
            let rest = &text[end..];
            let dotted_number = sep == "."
                && (rest.starts_with(|ch: char| ch.is_ascii_digit())
                    || (rest.starts_with(['.', ','])
                        && rest[1..].starts_with(|ch: char| ch.is_ascii_digit())));
            let form_ok = sep == "/" || num("y").is_some() || day_word;
            (valid(y, m, d) && !fraction && !dotted_number && form_ok).then(|| ymd(y, m, d))
        } else if c.name("dd").is_some() {
            // "ngày 15" alone: a day of the anchor's month (of the month before when it would
            // lie ahead of a past-tense text), or of the month of the date closing its range
            let d = num("ddn").unwrap_or(0) as u32;
            let dend = c.name("ddn").map_or(end, |x| x.end());
            part_end = Some(dend);
            let rest = &text[dend..];
            let bad_next = rest
                .starts_with(|ch: char| ch.is_alphanumeric() || ch == '/' || ch == '-')
                || (rest.starts_with([',', '.'])
                    && rest[1..].starts_with(|c: char| c.is_ascii_digit()))
                || rest.trim_start().starts_with("tháng");
            if bad_next || !(1..=31).contains(&d) {
                None
            } else if let Some((ry, rm)) = range_end(rest) {
                let y = ry.or(year_near(&a, rm, d));
                valid(y, rm, d).then(|| ymd(y, rm, d))
            } else if !known {
                None
            } else {
                let fut = future(text, start, end);
                let (y, m) = match a.year {
                    Some(y) if d > a.day && !fut => crate::days::add_months(y, a.month, -1),
                    Some(y) if d < a.day && fut => crate::days::add_months(y, a.month, 1),
                    Some(y) => (y, a.month),
                    None => (0, a.month),
                };
                let y = a.year.map(|_| y);
                valid(y, m, d).then(|| ymd(y, m, d))
            }
        } else if c.name("my").is_some() {
            let m = c
                .name("mym")
                .and_then(|x| month_num(x.as_str()))
                .unwrap_or(0);
            (1..=12)
                .contains(&m)
                .then(|| ym(num("myy").map(|y| y as i32), m))
        } else if c.name("mrel").is_some() {
            let m = c
                .name("mrm")
                .and_then(|x| month_num(x.as_str()))
                .unwrap_or(0);
            let dy = match c.name("mrw").map(|x| x.as_str()) {
                Some("ngoái") | Some("trước") => -1,
                Some("nay") => 0,
                _ => 1,
            };
            (1..=12).contains(&m).then(|| ym(a.year.map(|y| y + dy), m))
        } else if c.name("mo").is_some() {
            let m = c
                .name("mom")
                .and_then(|x| month_num(x.as_str()))
                .unwrap_or(0);
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
        } else if c.name("dec").is_some() {
            let v = c.name("decy").map(|x| x.as_str()).unwrap_or("");
            let y: i32 = if v.len() == 2 {
                full_year(v.parse().unwrap_or(0), a.year)
            } else {
                v.parse().unwrap_or(0)
            };
            Some(format!("{:03}", y / 10))
        } else if c.name("season").is_some() {
            let code = match c.name("sn").map(|x| x.as_str()) {
                Some("xuân") => "SP",
                Some("hè") | Some("hạ") => "SU",
                Some("thu") => "FA",
                _ => "WI",
            };
            let y = num("sy").or(num("sy2")).map(|y| y as i32).or_else(|| {
                let dy = match c.name("srel").map(|x| x.as_str()) {
                    Some("ngoái") => -1,
                    Some("tới") | Some("sau") => 1,
                    _ => i32::from(c.name("sthis").is_some_and(|x| x.as_str() == "tới")),
                };
                a.year.map(|y| y + dy)
            });
            (known || y.is_some()).then(|| match y {
                Some(y) => format!("{y:04}-{code}"),
                None => format!("XXXX-{code}"),
            })
        } else if c.name("same").is_some() {
            // "cùng ngày": the day last named; "hôm sau": the day after it
            let next = !m0.as_str().to_lowercase().starts_with("cùng");
            let last = out
                .iter()
                .rev()
                .find(|f| f.date && f.expr.value.len() >= 10 && !f.expr.value.starts_with('P'))
                .map(|f| f.expr.value[..10].to_string());
            match last {
                Some(v) if !next => Some(v),
                Some(v) => shift_day(&v, 1),
                None if !next && known => Some(ymd(a.year, a.month, a.day)),
                None => None,
            }
        } else if c.name("part").is_some() {
            // "cuối năm", "đầu tháng" alone: the anchor's year or month
            let unit = c.name("pu").map(|x| x.as_str()).unwrap_or("");
            part_end = Some(c.name("pu").map_or(end, |x| x.end()));
            if !known {
                None
            } else if unit == "năm" {
                a.year.map(|y| format!("{y:04}"))
            } else {
                Some(ym(a.year, a.month))
            }
        } else if c.name("ago").is_some() {
            let n = c
                .name("agn")
                .and_then(|x| count_num(x.as_str()))
                .unwrap_or(0);
            let unit = c.name("agu").map(|x| x.as_str()).unwrap_or("");
            back_from(&a, known, n, unit)
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
            let weekday_ok = !ordinal
                && (day_word
                    || c.name("wdw").is_some()
                    || c.name("wdr").is_some()
                    || (!digits && capital)
                    || (digits && date_follows(&text[end..])));
            if weekday_ok {
                weekday = c
                    .name("wdn")
                    .and_then(|w| weekday_num(w.as_str()))
                    .or(Some(6))
                    .map(|w| w as u32);
            }
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
                    Some(w) if w.contains("trước") || w.contains("qua") || w.contains("rồi") => {
                        -7
                    }
                    Some(w) if w.contains("này") => 0,
                    Some(_) => 7,
                    None => 0,
                };
                let mut dday = r - wd_r + target + week_shift;
                match c.name("wdr").map(|x| x.as_str()) {
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
                        if c.name("wdw").is_none() && dday > r && !future(text, start, end) {
                            dday -= 7;
                        }
                    }
                }
                let (yy, mm, dd) = civil_from_days(dday);
                Some(ymd(Some(yy), mm, dd))
            }
        } else if c.name("rel").is_some() {
            let t = m0.as_str().to_lowercase();
            let t = t.trim();
            // "cuối tháng này", "đầu tuần tới": the month or the week
            let t = ["đầu ", "cuối ", "giữa ", "trong "]
                .iter()
                .find_map(|p| t.strip_prefix(p))
                .filter(|r| !r.starts_with("năm"))
                .unwrap_or(t)
                .trim();
            let base = a.year.map(|y| days_from_civil(y, a.month, a.day));
            let day = |delta: i64| -> Option<String> {
                match base {
                    Some(b) => {
                        let (y, m, d) = civil_from_days(b + delta);
                        Some(ymd(Some(y), m, d))
                    }
                    // a day without its year moves all the same ("hôm qua" of 28/12 is
                    // 27/12), counted in a common year (a leap one for 29/2)
                    None if known => {
                        let y = if (a.month, a.day) == (2, 29) {
                            2024
                        } else {
                            2023
                        };
                        let (_, m, d) = civil_from_days(days_from_civil(y, a.month, a.day) + delta);
                        Some(ymd(None, m, d))
                    }
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
            // "tháng trước" of a day without its year: the month all the same, yearless
            let month = |delta: i32| -> Option<String> {
                let idx = a.year.unwrap_or(2001) * 12 + a.month as i32 - 1 + delta;
                Some(ym(
                    a.year.map(|_| idx.div_euclid(12)),
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
        } else if c.name("dur").is_some() {
            let n = c
                .name("dn")
                .and_then(|x| count_num(x.as_str()))
                .unwrap_or(0);
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
            let ok =
                word_ends && n > 0 && n < 1000 && !text[..start].trim_end().ends_with(['/', '.']);
            // "3 ngày trước", "2 năm về trước": counted back from the anchor, unless from
            // another event ("3 ngày trước khi", "trước đó", "trước ngày")
            let back = c.name("back").is_some()
                && !{
                    let rest = text[end..].trim_start();
                    ["khi", "đó", "ngày", "thời", "lễ", "cuộc", "kỳ", "hạn"]
                        .iter()
                        .any(|w| rest.starts_with(w))
                };
            if !ok {
                None
            } else if back {
                back_from(&a, known, n, unit)
            } else {
                if c.name("back").is_some() {
                    dur_end = c.name("du").map(|x| x.end());
                }
                v
            }
        } else {
            None
        };
        let end = part_end.or(dur_end).unwrap_or(end);
        match value {
            Some(value) => {
                let (start, end, value) = with_time_of_day(text, start, end, value);
                out.push(Found {
                    expr: TimeExpr {
                        start,
                        end,
                        value,
                        lunar: None,
                    },
                    weekday,
                    date: true,
                });
            }
            // a weekday whose date cannot be known may still name a date that follows it
            None if weekday.is_some() => out.push(Found {
                expr: TimeExpr {
                    start,
                    end,
                    value: String::new(),
                    lunar: None,
                },
                weekday,
                date: false,
            }),
            None => {}
        }
    }
    crate::lunar::overlay(text, anchor, merge_weekdays(text, out))
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
    fn days_before_and_after_a_day_without_its_year() {
        let a = Some(Anchor {
            year: None,
            month: 12,
            day: 28,
        });
        assert_eq!(one("hôm qua", a), "XXXX-12-27");
        assert_eq!(one("hôm nay", a), "XXXX-12-28");
        let new_year = Some(Anchor {
            year: None,
            month: 1,
            day: 1,
        });
        assert_eq!(one("hôm qua", new_year), "XXXX-12-31");
        assert_eq!(one("ngày mai", new_year), "XXXX-01-02");
        // the year and the month of such a day: told, unknown
        assert_eq!(one("Mùa mưa năm nay đến sớm", a), "XXXX");
        assert_eq!(one("từ năm ngoái", new_year), "XXXX");
        assert_eq!(one("tháng trước", new_year), "XXXX-12");
        assert_eq!(one("tháng tới", a), "XXXX-01");
    }

    #[test]
    fn day_words_in_brackets() {
        let a = at(2021, 3, 1);
        assert_eq!(one("họp lớp (ngày 9.3) tại trường", a), "2021-03-09");
        assert_eq!(one("hạn nộp “ngày 12-4” như cũ", a), "2021-04-12");
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

    /// Every form of the grammar, read against reference dates across week, month and year
    /// boundaries and leap days: (text, anchor, expected value of its one expression).
    #[test]
    fn forms_table() {
        let cases: &[(&str, (i32, u32, u32), &str)] = &[
            // weekdays relative to the week (2024-01-03 is a Wednesday)
            ("thứ sáu tuần này", (2024, 1, 3), "2024-01-05"),
            ("thứ 6 của tuần này", (2024, 1, 3), "2024-01-05"),
            ("thứ tư của tuần tới", (2024, 1, 3), "2024-01-10"),
            ("thứ Bảy tuần sau", (2024, 1, 3), "2024-01-13"),
            ("thứ ba tới", (2024, 1, 3), "2024-01-09"),
            ("thứ hai tới", (2024, 1, 3), "2024-01-08"),
            ("thứ năm tới", (2024, 1, 3), "2024-01-04"),
            ("thứ ba vừa rồi", (2024, 1, 3), "2024-01-02"),
            ("thứ Hai vừa qua", (2024, 1, 3), "2024-01-01"),
            ("thứ sáu vừa qua", (2024, 1, 3), "2023-12-29"),
            ("thứ Hai tuần trước", (2024, 1, 3), "2023-12-25"),
            ("chủ nhật tuần trước", (2024, 1, 3), "2023-12-31"),
            ("thứ 2 tuần trước", (2024, 3, 1), "2024-02-19"),
            ("hôm thứ Năm", (2024, 3, 1), "2024-02-29"),
            // a weekday printed with its day is one expression
            ("thứ 2 mồng 6 tháng 2", (2023, 2, 1), "2023-02-06"),
            ("thứ Hai, 27/1", (2025, 1, 28), "2025-01-27"),
            ("Chủ nhật (5/3)", (2023, 3, 6), "2023-03-05"),
            // counted back
            ("3 ngày trước", (2024, 3, 1), "2024-02-27"),
            ("2 ngày trước", (2024, 3, 1), "2024-02-28"),
            ("3 ngày trước", (2023, 3, 1), "2023-02-26"),
            ("2 năm trước", (2024, 2, 29), "2022"),
            ("5 tháng trước", (2024, 3, 31), "2023-10"),
            ("2 tuần trước", (2024, 1, 3), "2023-W51"),
            ("ba ngày trước", (2024, 1, 2), "2023-12-30"),
            ("cách đây 3 ngày", (2024, 1, 1), "2023-12-29"),
            ("cách đây hai năm", (2024, 5, 1), "2022"),
            ("10 năm về trước", (2024, 5, 1), "2014"),
            ("năm tiếp theo", (2024, 12, 31), "2025"),
            ("năm kế tiếp", (2024, 2, 29), "2025"),
            ("tháng tiếp theo", (2024, 12, 15), "2025-01"),
            ("tuần kế tiếp", (2024, 12, 30), "2025-W02"),
            // "mồng", "mùng"
            ("ngày mồng 3 tháng 3 năm 2017", (2024, 1, 1), "2017-03-03"),
            ("mùng 2/9", (2024, 9, 5), "2024-09-02"),
            ("mùng 1 tháng 6", (2024, 5, 30), "2024-06-01"),
            ("12 tháng 10 năm 2017", (2024, 1, 1), "2017-10-12"),
            ("ngày 29 tháng 2 năm 2024", (2024, 3, 1), "2024-02-29"),
            // month names in words
            ("tháng mười năm 2017", (2024, 1, 1), "2017-10"),
            ("tháng giêng", (2024, 3, 10), "2024-01"),
            ("tháng chạp", (2024, 3, 10), "2023-12"),
            ("tháng Tư", (2024, 3, 10), "2023-04"),
            ("tháng mười một năm ngoái", (2024, 3, 10), "2023-11"),
            ("ngày 5 tháng mười hai", (2024, 1, 2), "2023-12-05"),
            // two-digit years
            ("3/3/17", (2024, 1, 1), "2017-03-03"),
            ("3/9/91", (2024, 1, 1), "1991-09-03"),
            ("29/2/24", (2024, 3, 1), "2024-02-29"),
            // today, tomorrow across the month and year ends and the leap day
            ("bữa nay", (2024, 2, 29), "2024-02-29"),
            ("hôm nay", (2024, 12, 31), "2024-12-31"),
            ("ngày mai", (2024, 2, 28), "2024-02-29"),
            ("ngày mai", (2023, 2, 28), "2023-03-01"),
            ("hôm qua", (2024, 3, 1), "2024-02-29"),
            ("hôm qua", (2024, 1, 1), "2023-12-31"),
            ("tối qua", (2025, 1, 1), "2024-12-31"),
            ("hôm kia", (2024, 3, 1), "2024-02-28"),
            // yearless days across the year end
            ("hôm 31/12", (2024, 1, 1), "2023-12-31"),
            ("ngày 1/1", (2023, 12, 31), "2024-01-01"),
            ("ngày 29/2", (2024, 3, 2), "2024-02-29"),
            // dots and dashes after a day word, a day alone
            ("ngày 30.11.2013", (2013, 10, 31), "2013-11-30"),
            ("ngày 5.11", (2013, 10, 31), "2013-11-05"),
            ("đến ngày 8.11.", (2013, 10, 31), "2013-11-08"),
            ("ông A (SN 1952)", (2024, 1, 1), "1952"),
            ("Ngày 22-10, tại Hà Nội", (2013, 10, 23), "2013-10-22"),
            ("sẽ họp vào ngày 15", (2024, 3, 10), "2024-03-15"),
            ("ngày 28, ông nói", (2024, 3, 2), "2024-02-28"),
            // parts of months and years, seasons, quarters, decades
            ("cuối năm", (2013, 10, 23), "2013"),
            ("đầu tháng", (2024, 1, 20), "2024-01"),
            ("cuối tháng này", (2024, 1, 20), "2024-01"),
            ("đầu tuần tới", (2024, 12, 25), "2025-W01"),
            ("cuối tháng 4", (2025, 7, 12), "2025-04"),
            ("mùa hè năm 2020", (2024, 1, 1), "2020-SU"),
            ("mùa đông năm ngoái", (2024, 1, 1), "2023-WI"),
            ("quý 4/2023", (2024, 1, 1), "2023-Q4"),
            ("quý I", (2024, 1, 1), "2024-Q1"),
            ("thập niên 1990", (2024, 1, 1), "199"),
            ("những năm 90", (2024, 1, 1), "199"),
            ("những năm 2000", (2024, 1, 1), "200"),
        ];
        let mut bad = Vec::new();
        for &(text, (y, m, d), want) in cases {
            let got = values(text, at(y, m, d));
            if got.len() != 1 || got[0].1 != want {
                bad.push(format!("{text} @ {y}-{m}-{d}: {got:?}, want {want}"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn days_told_against_the_last_one() {
        let a = at(2023, 12, 13);
        let v = values("hôm 12/12, ông nói. Cùng ngày, bà nói", a);
        assert_eq!(v[1].1, "2023-12-12");
        let v = values("ngày 16/2/1979 … hôm sau", a);
        assert_eq!(v[1].1, "1979-02-17");
        let v = values("ngày 5.11, 6.11 và 7.11", at(2013, 10, 31));
        assert_eq!(v.len(), 2, "{v:?}");
        let v = values("từ ngày 15 đến ngày 30.11.2013", at(2013, 10, 31));
        assert_eq!(
            v.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(),
            ["2013-11-15", "2013-11-30"]
        );
    }

    #[test]
    fn not_dates() {
        let a = at(2024, 3, 1);
        for t in [
            "giảm 1/3 so với",
            "chiếm 2/3 số ghế",
            "tăng 1/2",
            "khoảng 1/4 dân số",
            "mỗi tháng hai lần",
            "lần thứ ba",
            "tỷ số 3-1",
            "giá 5.500 đồng",
            "con số 1/2/3",
            "thêm 1/2 thìa đường",
            "có 8/11 nhóm hàng tăng",
            "từ 3-4 tiếng mỗi ngày",
            "cảm biến 1/2.3 inch",
        ] {
            let v = values(t, a);
            assert!(v.iter().all(|x| x.1.starts_with('P')), "{t}: {v:?}");
        }
        // counted back from another event is a duration
        assert_eq!(one("3 ngày trước khi bầu cử", a), "P3D");
    }
}
