//! Civil-day arithmetic, the one used everywhere in the engine: a proleptic Gregorian date
//! as a count of days since 1970-01-01, and back.

/// Days since 1970-01-01 of a Gregorian date (negative before it). Exact for every year.
pub fn from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The Gregorian date of a day count from [`from_civil`].
pub fn to_civil(z: i64) -> (i32, u32, u32) {
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

/// Day of the week of a day count, Monday = 0 … Sunday = 6.
pub fn weekday(z: i64) -> u32 {
    (z + 3).rem_euclid(7) as u32 // 1970-01-01 was a Thursday
}

/// True for a leap year.
pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in a month; February has 29 when the year is unknown.
pub fn days_in_month(y: Option<i32>, m: u32) -> u32 {
    match m {
        2 => match y {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A year and month shifted by whole months (`(2024, 1)` − 1 → `(2023, 12)`).
pub fn add_months(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let idx = y * 12 + m as i32 - 1 + delta;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

/// ISO 8601 week (`2023-W29`) of a day count.
pub fn iso_week(z: i64) -> String {
    let thursday = z - weekday(z) as i64 + 3;
    let (ty, _, _) = to_civil(thursday);
    let jan1 = from_civil(ty, 1, 1);
    format!("{ty:04}-W{:02}", (thursday - jan1) / 7 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_known_days() {
        assert_eq!(from_civil(1970, 1, 1), 0);
        assert_eq!(from_civil(2000, 3, 1) - from_civil(2000, 2, 28), 2);
        assert_eq!(from_civil(1900, 3, 1) - from_civil(1900, 2, 28), 1);
        assert_eq!(to_civil(from_civil(2024, 2, 29)), (2024, 2, 29));
        for z in -800_000..800_000i64 {
            if z % 997 == 0 {
                let (y, m, d) = to_civil(z);
                assert_eq!(from_civil(y, m, d), z);
            }
        }
        assert_eq!(weekday(from_civil(2024, 1, 1)), 0); // a Monday
        assert_eq!(weekday(from_civil(2023, 7, 26)), 2); // a Wednesday
        assert_eq!(iso_week(from_civil(2021, 1, 3)), "2020-W53");
        assert_eq!(iso_week(from_civil(2024, 12, 30)), "2025-W01");
        assert_eq!(days_in_month(Some(2023), 2), 28);
        assert_eq!(days_in_month(Some(2024), 2), 29);
        assert_eq!(days_in_month(None, 2), 29);
        assert_eq!(add_months(2024, 1, -1), (2023, 12));
        assert_eq!(add_months(2024, 12, 1), (2025, 1));
    }
}
