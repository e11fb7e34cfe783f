//! Days with their month: ISO dates ("2023-09-20"), words ("ngày 5 tháng 11 năm 2024",
//! "mồng 3 tháng 3"), digits ("26/7", "27/7/1953", "ngày 5.11", "3/9/91") and a day alone
//! ("ngày 15").

use super::values::{full_year, future, year_near, ymd};
use super::{Ctx, Match, Reading};
use crate::pubdate::valid;
use regex::Regex;
use std::sync::OnceLock;

/// Reads the forms of a day with its month; `None` when the match is of another family.
pub(super) fn read(s: &Ctx, m: &Match) -> Option<Reading> {
    Some(if m.has("iso") {
        iso(m).into()
    } else if m.has("vd") {
        words(s, m).into()
    } else if m.has("vy") {
        let d = m.num("vyd").unwrap_or(0) as u32;
        let mo = m.month("vym");
        let y = m.num("vyy").map(|y| y as i32);
        valid(y, mo, d).then(|| ymd(y, mo, d)).into()
    } else if m.has("dm") {
        digits(s, m).into()
    } else if m.has("dd") {
        alone(s, m)
    } else {
        return None;
    })
}

/// "2023-09-20".
fn iso(m: &Match) -> Option<String> {
    let (y, mo, d) = (
        m.num("isy").unwrap_or(0) as i32,
        m.num("ism").unwrap_or(0) as u32,
        m.num("isd").unwrap_or(0) as u32,
    );
    valid(Some(y), mo, d).then(|| ymd(Some(y), mo, d))
}

/// "ngày 5 tháng 11 (năm 2024)", "mồng 3 tháng 3": without its year, the year that puts
/// it nearest the anchor.
fn words(s: &Ctx, m: &Match) -> Option<String> {
    let d = m.num("vdd").unwrap_or(0) as u32;
    let mo = m.month("vdm");
    let y = m
        .num("vdy")
        .map(|y| y as i32)
        .or_else(|| year_near(&s.a, mo, d));
    valid(y, mo, d).then(|| ymd(y, mo, d))
}

/// "26/7", "27/7/1953", "3/9/91", "ngày 5.11", "từ 20-10": a date unless it is a fraction
/// ("giảm 1/3"), a score ("3-1") or a number ("5.500").
fn digits(s: &Ctx, m: &Match) -> Option<String> {
    let (text, start, end) = (s.text, m.start, m.end);
    let (d, mo) = (
        m.num("d").unwrap_or(0) as u32,
        m.num("m").unwrap_or(0) as u32,
    );
    // "1/2" after a number is a fraction; a score "3-1" is not a date
    let prev = text[..start].trim_end();
    // the word before, out of its brackets or quotes ("(ngày 6.11)")
    let prev_word = prev
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .trim_start_matches(['(', '[', '“', '"', '‘', '\''])
        .to_lowercase();
    let yearless = m.num("y").is_none() && m.num("y2").is_none();
    let fraction = prev.ends_with(|ch: char| ch.is_ascii_digit() || ch == '/')
        || text[end..].starts_with(|ch: char| {
            ch == '/' || ch == ',' && text[end + 1..].starts_with(|c: char| c.is_ascii_digit())
        })
        || (yearless && fraction_context(&prev_word, &text[end..]));
    let y = m
        .num("y")
        .map(|y| y as i32)
        .or_else(|| m.num("y2").map(|y| full_year(y as i32, s.a.year)))
        .or_else(|| year_near(&s.a, mo, d));
    let sep = m.str("sep").unwrap_or("");
    let day_word = DAY_WORDS.contains(&prev_word.as_str()) || listed(&prev_word, sep);
    let rest = &text[end..];
    let dotted_number = sep == "."
        && (rest.starts_with(|ch: char| ch.is_ascii_digit())
            || (rest.starts_with(['.', ','])
                && rest[1..].starts_with(|ch: char| ch.is_ascii_digit())));
    let form_ok = sep == "/" || m.num("y").is_some() || day_word;
    (valid(y, mo, d) && !fraction && !dotted_number && form_ok).then(|| ymd(y, mo, d))
}

/// "5.11", "22-10" are dates after a day word ("ngày 5.11", "từ 20-10 đến 31-10") … or in
/// a list of such dates ("ngày 5.11, 6.11"): true when the word before is one of them.
fn listed(prev_word: &str, sep: &str) -> bool {
    let w = prev_word.trim_end_matches([',', ';']);
    w.split(sep).count() >= 2
        && w.split(sep)
            .all(|x| !x.is_empty() && x.len() <= 4 && x.bytes().all(|b| b.is_ascii_digit()))
}

/// "ngày 15" alone: a day of the anchor's month (of the month before when it would lie
/// ahead of a past-tense text), or of the month of the date closing its range.
fn alone(s: &Ctx, m: &Match) -> Reading {
    let (text, a) = (s.text, &s.a);
    let d = m.num("ddn").unwrap_or(0) as u32;
    let dend = m.end_of("ddn").unwrap_or(m.end);
    let rest = &text[dend..];
    let bad_next = rest.starts_with(|ch: char| ch.is_alphanumeric() || ch == '/' || ch == '-')
        || (rest.starts_with([',', '.']) && rest[1..].starts_with(|c: char| c.is_ascii_digit()))
        || rest.trim_start().starts_with("tháng");
    let value = if bad_next || !(1..=31).contains(&d) {
        None
    } else if let Some((ry, rm)) = range_end(rest) {
        let y = ry.or(year_near(a, rm, d));
        valid(y, rm, d).then(|| ymd(y, rm, d))
    } else if !s.known {
        None
    } else {
        let fut = future(text, m.start, m.end);
        let (y, mo) = match a.year {
            Some(y) if d > a.day && !fut => crate::days::add_months(y, a.month, -1),
            Some(y) if d < a.day && fut => crate::days::add_months(y, a.month, 1),
            Some(y) => (y, a.month),
            None => (0, a.month),
        };
        let y = a.year.map(|_| y);
        valid(y, mo, d).then(|| ymd(y, mo, d))
    };
    Reading {
        value,
        weekday: None,
        end: Some(dend),
    }
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
