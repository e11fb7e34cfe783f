//! Clock times written against a full date ("10h45 ngày 26/7", "26/7 lúc 10h45 (GMT+7)").

use regex::Regex;
use std::sync::OnceLock;

/// The clock patterns: after a date and before one.
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
pub(super) fn with_time_of_day(
    text: &str,
    start: usize,
    end: usize,
    value: String,
) -> (usize, usize, String) {
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
