//! The Vietnamese lunar calendar, computed: new moons and the sun's longitude by the
//! standard astronomical series (Meeus' low-precision terms, as in Hồ Ngọc Đức's published
//! algorithm), at UTC+7. A lunar month starts on the local day of its new moon; month 11
//! holds the winter solstice; a year of 13 months repeats the first month holding no
//! major solar term. Dates told in the lunar calendar ("mùng 1 Tết", "rằm tháng Bảy",
//! "15 tháng Giêng âm lịch") are converted to solar ones with it.

use std::f64::consts::PI;

/// Vietnam's offset from UTC in hours.
const TZ: f64 = 7.0;

/// Julian day number of a Gregorian date.
fn jdn(y: i32, m: u32, d: u32) -> i64 {
    crate::days::from_civil(y, m, d) + 2_440_588
}

/// The Julian day (UT) of the `k`-th new moon after the one of 1900-01-01.
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let (t2, t3) = (t * t, t * t * t);
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let s = |x: f64| (x * dr).sin();
    let mut c1 = (0.1734 - 0.000_393 * t) * s(m) + 0.0021 * s(2.0 * m);
    c1 = c1 - 0.4068 * s(mpr) + 0.0161 * s(2.0 * mpr);
    c1 -= 0.0004 * s(3.0 * mpr);
    c1 = c1 + 0.0104 * s(2.0 * f) - 0.0051 * s(m + mpr);
    c1 = c1 - 0.0074 * s(m - mpr) + 0.0004 * s(2.0 * f + m);
    c1 = c1 - 0.0004 * s(2.0 * f - m) - 0.0006 * s(2.0 * f + mpr);
    c1 = c1 + 0.0010 * s(2.0 * f - mpr) + 0.0005 * s(2.0 * mpr + m);
    let deltat = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    jd1 + c1 - deltat
}

/// The local day (Julian day number) of the `k`-th new moon.
fn new_moon_day(k: i64) -> i64 {
    (new_moon(k) + 0.5 + TZ / 24.0).floor() as i64
}

/// The sun's longitude in radians at Julian day `jd` (UT).
fn sun_longitude(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin();
    dl += (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin() + 0.000_290 * (dr * 3.0 * m).sin();
    let l = (l0 + dl) * dr;
    l - 2.0 * PI * (l / (2.0 * PI)).floor()
}

/// The major solar term (0..=11, thirty degrees each) at the start of a local day.
fn solar_term(day: i64) -> i64 {
    (sun_longitude(day as f64 - 0.5 - TZ / 24.0) / PI * 6.0).floor() as i64
}

/// The first day of the lunar month 11 (the one holding the winter solstice) of `y`.
fn month11(y: i32) -> i64 {
    let off = jdn(y, 12, 31) - 2_415_021;
    let k = (off as f64 / 29.530_588_853).floor() as i64;
    let nm = new_moon_day(k);
    if solar_term(nm) >= 9 {
        new_moon_day(k - 1)
    } else {
        nm
    }
}

/// In a year of 13 months that starts at month 11 `a11`, how many months after it the
/// leap month comes.
fn leap_offset(a11: i64) -> i64 {
    let k = ((a11 as f64 - 2_415_021.076_998_695) / 29.530_588_853 + 0.5).floor() as i64;
    let mut i = 1;
    let mut arc = solar_term(new_moon_day(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = solar_term(new_moon_day(k + i));
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

/// The solar date `(year, month, day)` of a lunar day of the lunar year `year` (the one
/// whose first month starts near the solar new year); `leap` for a day of the leap month.
/// `None` when the day or the leap month does not exist.
pub fn to_solar(day: u32, month: u32, year: i32, leap: bool) -> Option<(i32, u32, u32)> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) || !(1000..=2999).contains(&year) {
        return None;
    }
    let (a11, b11) = if month < 11 {
        (month11(year - 1), month11(year))
    } else {
        (month11(year), month11(year + 1))
    };
    let k = (0.5 + (a11 as f64 - 2_415_021.076_998_695) / 29.530_588_853).floor() as i64;
    let mut off = (month as i64 - 11).rem_euclid(12);
    if b11 - a11 > 365 {
        let lo = leap_offset(a11);
        let leap_month = (lo - 2).rem_euclid(12);
        if leap && month as i64 != leap_month {
            return None;
        }
        if leap || off >= lo {
            off += 1;
        }
    } else if leap {
        return None;
    }
    let start = new_moon_day(k + off);
    let next = new_moon_day(k + off + 1);
    let jd = start + day as i64 - 1;
    if jd >= next {
        return None; // day 30 of a 29-day month
    }
    Some(crate::days::to_civil(jd - 2_440_588))
}

/// The lunar year a solar day falls in (the year whose first month began on or before
/// it): what a yearless lunar date told around that day refers to.
pub fn lunar_year_at(y: i32, m: u32, d: u32) -> i32 {
    match to_solar(1, 1, y, false) {
        Some(t) if (y, m, d) < t => y - 1,
        _ => y,
    }
}

fn lunar_re() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        let mw = crate::temporal::MONTH_WORDS;
        let dw = r"[0-9]{1,2}|(?i:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)";
        regex::Regex::new(&format!(
            r"(?x)
              (?P<tet>[Mm][ồù]ng\s+(?P<td>{dw})\s+(?:[Tt]ết)(?:\s+(?:[Nn]guyên\s+[Đđ]án))?)
            | (?P<ram>[Rr]ằm\s+tháng\s+(?P<rm>[0-9]{{1,2}}|{mw})(?P<rl>\s+nhuận)?)
            | (?P<al>(?:[Nn]gày\s+)?(?:[Mm][ồù]ng\s+)?(?P<ad>[0-9]{{1,2}})(?:\s+tháng\s+|/)(?P<am>[0-9]{{1,2}}|{mw})(?P<aleap>\s+nhuận)?(?:\s*(?:năm\s+|/)(?P<ay>[0-9]{{4}}))?\s*(?:,\s*)?\(?\s*(?:âm\s+lịch|ÂL|AL)(?-u:\b)\)?)
            | (?P<gieng>(?:[Nn]gày\s+)?(?:[Mm][ồù]ng\s+)?(?P<gd>[0-9]{{1,2}})\s+tháng\s+(?P<gm>[Gg]iêng|[Cc]hạp)(?:\s+năm\s+(?P<can>Giáp|Ất|Bính|Đinh|Mậu|Kỷ|Canh|Tân|Nhâm|Quý)\s+\p{{Lu}}\p{{Ll}}+))"
        ))
        .expect("lunar regex")
    })
}

/// The lunar dates `(day, month, leap)` a text tells, with or without a year.
pub fn mentions(text: &str) -> Vec<(u32, u32, bool)> {
    lunar_re()
        .captures_iter(text)
        .filter_map(|c| {
            let (d, m, leap, _) = read_lunar(&c);
            ((1..=30).contains(&d) && (1..=12).contains(&m)).then_some((d, m, leap))
        })
        .collect()
}

/// The day, month, leap flag and year of a lunar date the regex matched.
fn read_lunar(c: &regex::Captures) -> (u32, u32, bool, Option<i32>) {
    use crate::temporal::{count_num, month_num};
    let word = |k: &str| c.name(k).map(|x| x.as_str().to_lowercase());
    if c.name("tet").is_some() {
        let d = word("td").and_then(|w| count_num(&w)).unwrap_or(0);
        (d as u32, 1, false, None)
    } else if c.name("ram").is_some() {
        let m = word("rm").and_then(|w| month_num(&w)).unwrap_or(0);
        (15, m, c.name("rl").is_some(), None)
    } else if c.name("al").is_some() {
        let d = word("ad").and_then(|w| w.parse().ok()).unwrap_or(0);
        let m = word("am").and_then(|w| month_num(&w)).unwrap_or(0);
        let y = word("ay").and_then(|w| w.parse::<i32>().ok());
        (d, m, c.name("aleap").is_some(), y)
    } else {
        let d = word("gd").and_then(|w| w.parse().ok()).unwrap_or(0);
        let m = word("gm").and_then(|w| month_num(&w)).unwrap_or(0);
        (d, m, false, None)
    }
}

/// Reads the dates told in the lunar calendar ("mùng 1 Tết", "rằm tháng Bảy", "15 tháng
/// Giêng âm lịch", "3/1 âm lịch", "mùng 5 tháng Giêng năm Giáp Thìn") over the grammar's
/// finds: each replaces what it overlaps, its value the solar day in the lunar year the
/// text gives, else the one nearest `anchor` (`lunar` keeps the lunar date). Without a
/// year to read it in, such a date has no solar day and is left out.
pub(crate) fn overlay(
    text: &str,
    anchor: Option<crate::temporal::Anchor>,
    mut found: Vec<crate::temporal::Found>,
) -> Vec<crate::temporal::Found> {
    use crate::temporal::{Found, TimeExpr};
    for c in lunar_re().captures_iter(text) {
        let Some(m0) = c.get(0) else { continue };
        let (day, month, leap, year) = read_lunar(&c);
        let (start, end) = (m0.start(), m0.end());
        found.retain(|f| f.expr.end <= start || f.expr.start >= end);
        // the year the text gives, else the lunar year that puts the day nearest the anchor
        let pick = match (year, anchor.and_then(|a| a.year.map(|y| (y, a)))) {
            (Some(y), _) => to_solar(day, month, y, leap).map(|s| (y, s)),
            (None, Some((ay, a))) => {
                let at = crate::days::from_civil(ay, a.month, a.day);
                let ly = lunar_year_at(ay, a.month, a.day);
                (ly - 1..=ly + 1)
                    .filter_map(|y| to_solar(day, month, y, leap).map(|s| (y, s)))
                    .min_by_key(|(_, (sy, sm, sd))| {
                        (crate::days::from_civil(*sy, *sm, *sd) - at).abs()
                    })
            }
            (None, None) => None,
        };
        let Some((y, (sy, sm, sd))) = pick else {
            continue;
        };
        let lunar = format!(
            "{y:04}-{month:02}-{day:02}{}",
            if leap { " nhuận" } else { "" }
        );
        found.push(Found {
            expr: TimeExpr {
                start,
                end,
                value: format!("{sy:04}-{sm:02}-{sd:02}"),
                lunar: Some(lunar),
            },
            weekday: None,
            date: true,
        });
    }
    found.sort_by_key(|f| f.expr.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tet_and_full_moons_fall_on_their_known_days() {
        assert_eq!(to_solar(1, 1, 2024, false), Some((2024, 2, 10)));
        assert_eq!(to_solar(1, 1, 2025, false), Some((2025, 1, 29)));
        assert_eq!(to_solar(1, 1, 2026, false), Some((2026, 2, 17)));
        assert_eq!(to_solar(1, 1, 2023, false), Some((2023, 1, 22)));
        assert_eq!(to_solar(1, 1, 2020, false), Some((2020, 1, 25)));
        // Tết Trung thu 2024 and the full moon of the seventh month 2024
        assert_eq!(to_solar(15, 8, 2024, false), Some((2024, 9, 17)));
        assert_eq!(to_solar(15, 7, 2024, false), Some((2024, 8, 18)));
        // Giỗ Tổ Hùng Vương (10/3) 2024
        assert_eq!(to_solar(10, 3, 2024, false), Some((2024, 4, 18)));
    }

    #[test]
    fn leap_months_and_days_that_do_not_exist() {
        // 2023 had a leap second month: 1/2 nhuận was 2023-03-22
        assert_eq!(to_solar(1, 2, 2023, true), Some((2023, 3, 22)));
        assert_eq!(to_solar(1, 3, 2023, false), Some((2023, 4, 20)));
        assert_eq!(to_solar(1, 5, 2023, true), None);
        assert_eq!(to_solar(1, 1, 2024, true), None);
        assert_eq!(to_solar(31, 1, 2024, false), None);
        assert_eq!(lunar_year_at(2024, 2, 9), 2023);
        assert_eq!(lunar_year_at(2024, 2, 10), 2024);
    }

    fn lunar_values(text: &str, y: i32, m: u32, d: u32) -> Vec<(String, String)> {
        let a = crate::temporal::Anchor {
            year: Some(y),
            month: m,
            day: d,
        };
        crate::temporal::scan(text, Some(a))
            .into_iter()
            .filter_map(|f| Some((f.expr.value, f.expr.lunar?)))
            .collect()
    }

    #[test]
    fn lunar_dates_in_the_text_read_as_solar_days() {
        let v = lunar_values("Sáng mùng 1 Tết, người dân đi lễ chùa.", 2024, 2, 12);
        assert_eq!(v, [("2024-02-10".to_string(), "2024-01-01".to_string())]);
        // the occurrence nearest the day of writing: days before Tết 2025 the coming one
        let v = lunar_values("Lễ hội diễn ra vào rằm tháng Giêng.", 2025, 1, 20);
        assert_eq!(v[0].0, "2025-02-12");
        let v = lunar_values("Lễ hội diễn ra vào rằm tháng Giêng.", 2025, 3, 20);
        assert_eq!(v[0].0, "2025-02-12");
        let v = lunar_values("Đêm rằm tháng Bảy, phố đông người.", 2024, 8, 20);
        assert_eq!(v[0].0, "2024-08-18");
        let v = lunar_values("Ngày 10 tháng 3 âm lịch là Giỗ Tổ.", 2024, 4, 1);
        assert_eq!(v[0], ("2024-04-18".to_string(), "2024-03-10".to_string()));
        let v = lunar_values("Lễ cúng ngày 3/1 (âm lịch) hằng năm.", 2026, 2, 1);
        assert_eq!(v[0].0, "2026-02-19");
        let v = lunar_values("mồng 5 tháng Giêng năm Giáp Thìn", 2024, 3, 1);
        assert_eq!(v[0].0, "2024-02-14");
        // a solar date is left alone; without a year a lunar date has no solar day
        assert!(lunar_values("Ngày 10/3, trời mưa.", 2024, 4, 1).is_empty());
        assert!(crate::temporal::scan("mùng 1 Tết", None).is_empty());
    }
}
