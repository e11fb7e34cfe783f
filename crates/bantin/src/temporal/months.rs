//! Months, years, quarters, decades and seasons: "tháng 10/2020", "tháng 6 năm ngoái",
//! "hồi tháng 4", "năm 2018", "quý 3", "thập niên 1990", "mùa hè năm 2020".

use super::values::{full_year, future, year_of_month, ym};
use super::{Ctx, Match, Reading};

/// Reads the forms of a month or a longer span; `None` when the match is of another family.
pub(super) fn read(s: &Ctx, m: &Match) -> Option<Reading> {
    let value = if m.has("my") {
        let mo = m.month("mym");
        (1..=12)
            .contains(&mo)
            .then(|| ym(m.num("myy").map(|y| y as i32), mo))
    } else if m.has("mrel") {
        let mo = m.month("mrm");
        let dy = match m.str("mrw") {
            Some("ngoái") | Some("trước") => -1,
            Some("nay") => 0,
            _ => 1,
        };
        (1..=12)
            .contains(&mo)
            .then(|| ym(s.a.year.map(|y| y + dy), mo))
    } else if m.has("mo") {
        let mo = m.month("mom");
        let fut = m.str("mofut").is_some_and(|x| x != "này") || future(s.text, m.start, m.end);
        (1..=12)
            .contains(&mo)
            .then(|| ym(year_of_month(&s.a, mo, fut), mo))
    } else if m.has("yr") {
        m.num("yy").map(|y| format!("{y:04}"))
    } else if m.has("q") {
        quarter(s, m)
    } else if m.has("dec") {
        decade(s, m)
    } else if m.has("season") {
        season(s, m)
    } else {
        return None;
    };
    Some(value.into())
}

/// "quý 3", "quý IV/2023": of the anchor's year when none is told.
fn quarter(s: &Ctx, m: &Match) -> Option<String> {
    let q = match m.str("qn") {
        Some("1") | Some("I") => 1,
        Some("2") | Some("II") => 2,
        Some("3") | Some("III") => 3,
        _ => 4,
    };
    let y = m.num("qy").map(|y| y as i32).or(s.a.year);
    Some(match y {
        Some(y) => format!("{y:04}-Q{q}"),
        None => format!("XXXX-Q{q}"),
    })
}

/// "thập niên 1990", "những năm 90": the decade `199`.
fn decade(s: &Ctx, m: &Match) -> Option<String> {
    let v = m.str("decy").unwrap_or("");
    let y: i32 = if v.len() == 2 {
        full_year(v.parse().unwrap_or(0), s.a.year)
    } else {
        v.parse().unwrap_or(0)
    };
    Some(format!("{:03}", y / 10))
}

/// "mùa hè năm 2020", "mùa đông năm ngoái", "mùa thu này": `2020-SU`.
fn season(s: &Ctx, m: &Match) -> Option<String> {
    let code = match m.str("sn") {
        Some("xuân") => "SP",
        Some("hè") | Some("hạ") => "SU",
        Some("thu") => "FA",
        _ => "WI",
    };
    let y = m.num("sy").or(m.num("sy2")).map(|y| y as i32).or_else(|| {
        let dy = match m.str("srel") {
            Some("ngoái") => -1,
            Some("tới") | Some("sau") => 1,
            _ => i32::from(m.str("sthis") == Some("tới")),
        };
        s.a.year.map(|y| y + dy)
    });
    (s.known || y.is_some()).then(|| match y {
        Some(y) => format!("{y:04}-{code}"),
        None => format!("XXXX-{code}"),
    })
}
