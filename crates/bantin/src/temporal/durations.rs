//! Durations: "3 ngày" → `P3D`, "70 năm" → `P70Y`, "2 thập kỷ" → `P20Y`; counted back from
//! the anchor when told so ("3 ngày trước", "2 năm về trước").

use super::relative::back_from;
use super::{Ctx, Match, Reading};

/// Reads a duration; `None` when the match is of another family.
pub(super) fn read(s: &Ctx, m: &Match) -> Option<Reading> {
    if !m.has("dur") {
        return None;
    }
    let (text, start, end) = (s.text, m.start, m.end);
    let n = m.count("dn");
    let unit = m.str("du").unwrap_or("");
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
    let ok = word_ends && n > 0 && n < 1000 && !text[..start].trim_end().ends_with(['/', '.']);
    // "3 ngày trước", "2 năm về trước": counted back from the anchor, unless from
    // another event ("3 ngày trước khi", "trước đó", "trước ngày")
    let back = m.has("back")
        && !{
            let rest = text[end..].trim_start();
            ["khi", "đó", "ngày", "thời", "lễ", "cuộc", "kỳ", "hạn"]
                .iter()
                .any(|w| rest.starts_with(w))
        };
    Some(if !ok {
        Reading::default()
    } else if back {
        back_from(&s.a, s.known, n, unit).into()
    } else {
        Reading {
            value: v,
            weekday: None,
            // a duration before another event ends at its unit
            end: m.has("back").then(|| m.end_of("du")).flatten(),
        }
    })
}
