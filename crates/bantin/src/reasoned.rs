//! Publication dates reasoned from what an article's text says when its page prints none:
//! the days it names as today, yesterday or tomorrow, the latest day it tells in the past
//! tense (a plan, a deadline or the end of a range lies ahead), the weekday printed with a
//! day, and a year only where the text gives one or a weekday fixes it.

use crate::pubdate::{date_ref, reason_rolled, valid, DateRef, Stamp};

/// What a reasoned publication date rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// A day the text refers to ("sáng 27/1", "hôm nay (27/1)"); its year when the text
    /// prints it with the day.
    Day,
    /// A day whose year follows from the weekday printed with it ("thứ Hai, 27/1").
    Weekday,
    /// A day whose year is the only one in which a lunar date of the text falls on a solar
    /// day of it ("ngày 17/2 … sáng mùng 8 Tết").
    Lunar,
}

/// A day reference in the text of an article, with its context.
#[derive(Clone, Debug)]
struct DayRef {
    date: DateRef,
    weekday: Option<u32>,
    /// Said to lie ahead ("sẽ", "dự kiến", "đến 30/6", "ngày 5/3 tới").
    ahead: bool,
    /// Named as today ("hôm nay, 27/1"): 0; as yesterday: -1; as tomorrow: 1.
    today: Option<i64>,
}

fn prev_words(text: &str, start: usize, n: usize) -> Vec<String> {
    let head = &text[..start];
    let clause = head
        .rfind(['.', ';', '!', '?', '\n', '“', '"', ','])
        .map_or(head, |k| {
            let w = head[k..].chars().next().map_or(1, char::len_utf8);
            &head[k + w..]
        });
    clause
        .split_whitespace()
        .rev()
        .take(n)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect()
}

/// True when the words around a day say it lies ahead of the time of writing.
fn ahead(text: &str, start: usize, end: usize, yearless: bool) -> bool {
    const BEFORE: [&str; 12] = [
        "sẽ", "kiến", "sắp", "hạn", "đến", "tới", "trước", "nhất", "định", "hoạch", "đợi", "chờ",
    ];
    let before = prev_words(text, start, 8);
    if (yearless && range_end(text, start)) || sentence_future(text, start) {
        return true;
    }
    if before.iter().take(3).any(|w| BEFORE.contains(&w.as_str()))
        || before
            .iter()
            .any(|w| ["sẽ", "sắp", "kiến"].contains(&w.as_str()))
    {
        return true;
    }
    let after = text[end..].trim_start();
    if after.starts_with("tới") || after.starts_with("sắp tới") {
        return true;
    }
    // "Ngày 30/6, hội nghị sẽ khai mạc": the clause after speaks of the future before any
    // verb of saying
    let clause = after.split(['.', ';', '!', '?']).next().unwrap_or("");
    for w in clause.split_whitespace().take(8) {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if ["biết", "báo", "bố", "nói", "cho", "đã", "vừa", "đang"].contains(&w.as_str())
        {
            return false;
        }
        if ["sẽ", "sắp"].contains(&w.as_str()) {
            return true;
        }
    }
    false
}

/// The sentence before a day speaks of the future ("Ông sẽ đến Paris, rồi Berlin ngày
/// 5/3"): a word of the future anywhere in it, past the commas.
fn sentence_future(text: &str, start: usize) -> bool {
    let head = &text[..start];
    let sent = head
        .rfind(['.', ';', '!', '?', '\n', '“', '"'])
        .map_or(head, |k| {
            let w = head[k..].chars().next().map_or(1, char::len_utf8);
            &head[k + w..]
        });
    let words: Vec<String> = sent
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    words.iter().any(|w| w == "sẽ" || w == "sắp" || w == "kịp")
        || words.windows(2).any(|p| {
            matches!(
                (p[0].as_str(), p[1].as_str()),
                ("dự", "kiến")
                    | ("kế", "hoạch")
                    | ("ấn", "định")
                    | ("tới", "khi")
                    | ("thời", "hạn")
                    | ("hạn", "chót")
                    | ("hết", "hạn")
            )
        })
}

/// The day closes a range ("từ 7/2 đến 19/2", "11/9 - 16/9"): the end of a span of days,
/// which may lie ahead of the writing. (A range of years, "27/7/1953 – 27/7/2023", is an
/// anniversary's, its end the day of writing: only yearless ends are asked.)
fn range_end(text: &str, start: usize) -> bool {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"[0-9]{1,2}(?:/[0-9]{1,2})?\s*(?:đến|tới|-|–)\s*(?:hết\s+)?(?:ngày\s+)?$",
        )
        .expect("range end")
    });
    let mut a = start.saturating_sub(24);
    while !text.is_char_boundary(a) {
        a += 1;
    }
    re.is_match(&text[a..start])
}

/// Boilerplate of a page's foot ("Giấy phép số 548/GP-BTTTT ngày 24/08/2021"): a licence's
/// date is no news.
fn boilerplate(text: &str, start: usize) -> bool {
    let head = &text[..start];
    let mut a = head.len().saturating_sub(80);
    while !head.is_char_boundary(a) {
        a += 1;
    }
    let near = head[a..].to_lowercase();
    near.contains("giấy phép") || near.contains("/gp") || near.contains("tổng biên tập")
}

/// "hôm nay (27/1)", "hôm nay, ngày 27/1", "27/1 (hôm qua)": the day offset the text
/// gives a day by naming it so.
fn named_today(text: &str, start: usize, end: usize) -> Option<i64> {
    let near = |s: &str| -> Option<i64> {
        let s = s.to_lowercase();
        if s.contains("hôm nay") || s.contains("bữa nay") || s.contains("sáng nay") {
            Some(0)
        } else if s.contains("hôm qua") {
            Some(-1)
        } else if tomorrow_re().is_match(&s) {
            Some(1)
        } else {
            None
        }
    };
    let mut a = start.saturating_sub(16);
    while !text.is_char_boundary(a) {
        a += 1;
    }
    let mut b = (end + 14).min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    let before = &text[a..start];
    let after = &text[end..b];
    let before = before.rsplit(['.', ';']).next().unwrap_or("");
    let after = after.split(['.', ';', ',']).next().unwrap_or("");
    near(before).or_else(|| near(after).filter(|_| after.trim_start().starts_with('(')))
}

/// The words after a day give it the year of the one told before it: "cùng năm", "năm
/// đó", "năm ấy".
fn same_year(after: &str) -> bool {
    let a = after.trim_start().to_lowercase();
    ["cùng năm", "năm đó", "năm ấy"]
        .iter()
        .any(|w| a.starts_with(w))
}

/// "ngày mai", "từ mai", "sáng mai" ending a text.
fn tomorrow_re() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"(?:ngày|từ|sáng|trưa|chiều|tối|đêm|đến|tới)\s+mai\s*[(,]?\s*(?:ngày\s*)?$",
        )
        .expect("tomorrow")
    })
}

fn day_refs(texts: &[&str]) -> Vec<DayRef> {
    let mut out = Vec::new();
    for t in texts {
        for f in crate::temporal::scan(t, None) {
            if !f.date {
                continue;
            }
            let Some(date) = date_ref(&f.expr.value) else {
                continue;
            };
            let (s, e) = (f.expr.start, f.expr.end);
            if boilerplate(t, s) {
                continue;
            }
            // "ngày 18/3 cùng năm", "tháng 10 năm đó": a day of the year told before, a
            // story's past, not the time of writing
            if date.year.is_none() && same_year(&t[e..]) {
                continue;
            }
            out.push(DayRef {
                date,
                weekday: f.weekday,
                ahead: ahead(t, s, e, date.year.is_none()),
                today: named_today(t, s, e),
            });
        }
    }
    out
}

/// Reasons a publication date from an article's texts (title and paragraphs, in reading
/// order). The day is the one the text names as today, else the latest day it refers to
/// that does not lie ahead (a deadline "đến 30/6", a plan "sẽ … ngày 5/3" are not the day of
/// writing); yearless days are ordered by the years the text gives. The year is the one
/// printed with that day, or the one its printed weekday fixes among the years the text
/// names; otherwise it stays unknown, never guessed.
pub fn reason_text(texts: &[&str]) -> Option<(Stamp, Evidence)> {
    let refs = day_refs(texts);
    let years: Vec<i32> = refs
        .iter()
        .filter_map(|r| r.date.year)
        .filter(|y| (1900..=2100).contains(y))
        .collect();
    // a day named as today wins
    let (mut y, m, d, wd) = named_day(&refs).or_else(|| latest_past(&refs))?;
    let mut ev = Evidence::Day;
    if y.is_none() {
        if let Some(w) = wd {
            y = weekday_year(&years, m, d, w);
            if y.is_some() {
                ev = Evidence::Weekday;
            }
        }
    }
    if y.is_none() {
        if let Some(ly) = lunar_year(texts, &refs, m, d) {
            y = Some(ly);
            ev = Evidence::Lunar;
        }
    }
    Some((Stamp::day(y, m, d), ev))
}

/// A day picked for the writing: its year when kept, month, day and printed weekday.
type Pick = (Option<i32>, u32, u32, Option<u32>);

/// The first day the text names as today (or yesterday, tomorrow: moved to today).
fn named_day(refs: &[DayRef]) -> Option<Pick> {
    refs.iter()
        .find(|r| r.today.is_some() && r.date.day.is_some())
        .map(|r| {
            let (m, d) = (r.date.month.unwrap_or(1), r.date.day.unwrap_or(1));
            let off = r.today.unwrap_or(0);
            let (y, m, d) = if off == 0 {
                (r.date.year, m, d)
            } else {
                let base = crate::days::from_civil(r.date.year.unwrap_or(2001), m, d) - off;
                let (yy, mm, dd) = crate::days::to_civil(base);
                (r.date.year.map(|_| yy), mm, dd)
            };
            (y, m, d, r.weekday.filter(|_| off == 0))
        })
}

/// The latest day the text tells that does not lie ahead, with the weekday printed with
/// it; its year kept only where the text gives it to the writing.
fn latest_past(refs: &[DayRef]) -> Option<Pick> {
    let past: Vec<DateRef> = refs.iter().filter(|r| !r.ahead).map(|r| r.date).collect();
    let (best, rolled) = reason_rolled(&past, None)?;
    // a day of a year before one the text tells in the past ("17/2/1979" in a story
    // that speaks of "tháng 1/2024") is history: its year is not the writing's (its
    // day may be, an anniversary's)
    let last_year = past
        .iter()
        .filter_map(|r| r.year)
        .filter(|&y| y <= 2100)
        .max();
    let history = best.year.zip(last_year).is_some_and(|(b, l)| l > b);
    // "hội ngộ ngày 5/11 … sinh ngày 5/11/1987": a day told first without its year and
    // later with an older one is an anniversary's; a day told first with its year
    // and then repeated short ("Ngày 10/4/2025 … Cùng ngày 10/4") is one day
    let same_day =
        |r: &&DayRef| !r.ahead && r.date.month == Some(best.month) && r.date.day == Some(best.day);
    // the weekday printed with that day, when any reference of it prints one
    let wd = refs
        .iter()
        .filter(same_day)
        .filter(|r| r.date.year.is_none() || r.date.year == best.year)
        .find_map(|r| r.weekday);
    let explicit = refs
        .iter()
        .filter(same_day)
        .any(|r| r.date.year.is_some() && r.date.year == best.year);
    // a year the text does not print with the day is kept only when the order of
    // the telling moves the story on into the year after the last one printed
    // or when the day follows closely a day printed with its year ("hôm 3/5/2024 …
    // ngày 6/5")
    let near_dated = best.year.is_some_and(|by| {
        let b = crate::days::from_civil(by, best.month, best.day);
        past.iter().any(|r| match (r.year, r.month, r.day) {
            (Some(y), Some(m), Some(d)) => {
                (-2..=10).contains(&(b - crate::days::from_civil(y, m, d)))
            }
            _ => false,
        })
    });
    let anniversary = explicit
        && refs
            .iter()
            .find(same_day)
            .is_some_and(|r| r.date.year.is_none());
    let keep = (explicit || rolled || near_dated) && !history && !anniversary;
    Some((best.year.filter(|_| keep), best.month, best.day, wd))
}

/// The year a printed weekday fixes: among the years the text names and the one after
/// each (a story told in January of the year before's events), the only one in which
/// `(m, d)` falls on weekday `w`.
fn weekday_year(years: &[i32], m: u32, d: u32, w: u32) -> Option<i32> {
    let mut cands: Vec<i32> = years.iter().flat_map(|&y| [y, y + 1]).collect();
    cands.sort_unstable();
    cands.dedup();
    let fits: Vec<i32> = cands
        .into_iter()
        .filter(|&c| {
            valid(Some(c), m, d) && crate::days::weekday(crate::days::from_civil(c, m, d)) == w
        })
        .collect();
    (fits.len() == 1).then(|| fits[0])
}

/// The year of a yearless day `(m, d)` from a lunar date the text tells: the only year
/// the text names last in time (or the one after it) in which that lunar date falls on a yearless solar
/// day of the text, the day then put in the year that brings it within two months of it.
fn lunar_year(texts: &[&str], refs: &[DayRef], m: u32, d: u32) -> Option<i32> {
    let lunar: Vec<(u32, u32, bool)> = texts
        .iter()
        .flat_map(|t| crate::lunar::mentions(t))
        .collect();
    if lunar.is_empty() {
        return None;
    }
    let mut fits: Vec<(i32, u32, u32)> = Vec::new();
    for r in refs.iter().filter(|r| r.date.year.is_none()) {
        let (Some(rm), Some(rd)) = (r.date.month, r.date.day) else {
            continue;
        };
        for &(ld, lm, leap) in &lunar {
            for y in 1989..=2040 {
                if let Some((sy, sm, sd)) = crate::lunar::to_solar(ld, lm, y, leap) {
                    if (sm, sd) == (rm, rd) && (1990..=2040).contains(&sy) {
                        fits.push((sy, sm, sd));
                    }
                }
            }
        }
    }
    fits.sort_unstable();
    fits.dedup();
    // the lunar and solar calendars meet again every 11 or 19 years, and a lunar date
    // told of another day may meet a solar one by chance: the year must be one the text
    // names last in time (or the one after it): a story is not written before its latest
    // year, and an old year is the story's past
    let last = refs
        .iter()
        .filter(|r| !r.ahead)
        .filter_map(|r| r.date.year)
        .filter(|&y| y <= 2100)
        .max()?;
    fits.retain(|f| f.0 == last || f.0 == last + 1);
    let mut years: Vec<i32> = fits.iter().map(|f| f.0).collect();
    years.dedup();
    if years.len() != 1 {
        return None;
    }
    let (sy, sm, sd) = fits[0];
    let near = Stamp::day(Some(sy), sm, sd);
    crate::pubdate::year_near(&near, m, d, 62)
}

/// A user's hint of when undated pages were written (`--around 2024-02`, `2024-02-15`,
/// `2024`): it gives a year to a day reasoned from a text that prints none, never more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Around {
    /// The year.
    pub year: i32,
    /// The month, when given.
    pub month: Option<u32>,
    /// The day, when given.
    pub day: Option<u32>,
}

impl Around {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Around> {
        let mut it = s.trim().split('-');
        let y = it.next().filter(|y| y.len() == 4)?.parse::<i32>().ok()?;
        let m = match it.next() {
            Some(m) => Some(m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let d = match it.next() {
            Some(d) => Some(d.parse::<u32>().ok()?),
            None => None,
        };
        if it.next().is_some() || (d.is_some() && !valid(Some(y), m?, d?)) {
            return None;
        }
        (1000..=2999).contains(&y).then_some(Around {
            year: y,
            month: m,
            day: d,
        })
    }

    /// The year that puts a yearless day nearest the hint (its month's middle, or its
    /// year's when it gives no month): 28/12 around 2024-01 is in 2023.
    pub fn year_of(&self, month: u32, day: u32) -> Option<i32> {
        let (hm, hd) = match (self.month, self.day) {
            (Some(m), Some(d)) => (m, d),
            (Some(m), None) => (m, 15),
            _ => (7, 1),
        };
        let r = crate::days::from_civil(self.year, hm, hd);
        (self.year - 1..=self.year + 1)
            .filter(|&c| valid(Some(c), month, day))
            .min_by_key(|&c| (crate::days::from_civil(c, month, day) - r).abs())
    }
}

/// Gives the hint's year to the articles whose date was reasoned from their text without
/// one; the date is then marked as resting on the hint.
pub fn apply_around(articles: &mut [crate::Article], around: &Around) {
    use crate::page::DateSource;
    for a in articles {
        let Some((st, from)) = a.published.as_mut() else {
            continue;
        };
        if st.year.is_some() || !matches!(from, DateSource::Text | DateSource::Weekday) {
            continue;
        }
        if let Some(y) = around.year_of(st.month, st.day) {
            st.year = Some(y);
            *from = DateSource::Hint;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasoned(texts: &[&str]) -> (String, Evidence) {
        let (s, e) = reason_text(texts).expect("a date");
        (s.iso(), e)
    }

    #[test]
    fn reasons_from_the_evidence_of_the_text() {
        // a deadline and a plan are not the day of writing; no year is printed with the day
        let (d, e) = reasoned(&[
            "Hà Nội mở tuyến buýt mới",
            "Sáng 27/1, thành phố cho biết tuyến sẽ chạy thử.",
            "Dự án phải hoàn thành trước 30/6/2026, theo kế hoạch năm 2024.",
            "Thành phố sẽ khai trương tuyến vào ngày 5/3.",
        ]);
        assert_eq!((d.as_str(), e), ("XXXX-01-27", Evidence::Day));
        // a fraction is no date
        let (d, _) = reasoned(&["Ngày 4/2, giá điện giảm 1/3 so với năm 2023."]);
        assert_eq!(d, "XXXX-02-04");
        // the day named as today, or as yesterday
        assert_eq!(
            reasoned(&["Hôm nay (7/2), quân đội cho biết"]).0,
            "XXXX-02-07"
        );
        assert_eq!(reasoned(&["Hôm qua (28/2), ông nói"]).0, "XXXX-03-01");
        // the year printed with the day
        assert_eq!(reasoned(&["Ngày 27/1/2024, ông nói"]).0, "2024-01-27");
        // the weekday fixes the year among those the text names: 27/1 was a Monday in
        // 2025, a Saturday in 2024
        let (d, e) = reasoned(&["Thứ Hai, 27/1, ông nói về kết quả năm 2024."]);
        assert_eq!((d.as_str(), e), ("2025-01-27", Evidence::Weekday));
        // without a year in the text a weekday fixes none
        let (d, _) = reasoned(&["Thứ Hai, 27/1, ông nói."]);
        assert_eq!(d, "XXXX-01-27");
        // across the year end the latest day is the January one, days after a dated one
        let (d, _) = reasoned(&["Ngày 28/12/2023, ông đến. Ngày 2/1, ông về."]);
        assert_eq!(d, "2024-01-02");
        assert!(reason_text(&["Không có ngày nào."]).is_none());
    }

    #[test]
    fn a_day_told_before_and_after_an_older_date_stays_yearless() {
        // the older date is background: the day is not moved into the year after it
        let (d, _) = reasoned(&[
            "Sáng 9/3, một nhịp cầu sập.",
            "Cầu thông xe ngày 20/11/2019.",
            "Sau vụ sập cầu 9/3, giao thông chuyển hướng.",
        ]);
        assert_eq!(d, "XXXX-03-09");
    }

    #[test]
    fn plans_ranges_licences_and_history_are_no_day_of_writing() {
        // a word of the future earlier in the sentence, past a comma
        let (d, _) = reasoned(&[
            "Chiều 3/4, bộ cho biết đợt kiểm tra sẽ bắt đầu, kéo dài tới giữa tháng và kết thúc vào ngày 20/4.",
        ]);
        assert_eq!(d, "XXXX-04-03");
        // the yearless end of a range may lie ahead
        let (d, _) = reasoned(&["Ngày 8/5, hội chợ khai mạc, mở cửa từ 8/5 đến 19/5."]);
        assert_eq!(d, "XXXX-05-08");
        // a licence in the page's foot
        let (d, _) = reasoned(&[
            "Sáng 2/3, cầu được thông xe.",
            "Giấy phép số 123/GP-BTTTT ngày 14/09/2022. Tổng biên tập: Nguyễn Văn A",
        ]);
        assert_eq!(d, "XXXX-03-02");
        // "từ mai (19/2)": the day of writing is the one before
        assert_eq!(reasoned(&["Từ mai (19/2), trời ấm dần."]).0, "XXXX-02-18");
        // a day of the year told before is the story's past
        let (d, _) = reasoned(&["Quân rút ngày 4/6/1975 rồi trở lại ngày 21/8 cùng năm."]);
        assert_eq!(d, "1975-06-04");
        // a day of a year before one the text tells: history, its year not the writing's
        let (d, _) =
            reasoned(&["Chiều 12/3/1968, trận đánh nổ ra. Tháng 5/2023, đội tìm kiếm trở lại."]);
        assert_eq!(d, "XXXX-03-12");
        // a day told first without its year, then with an older one: an anniversary's
        let (d, _) = reasoned(&["Các cựu binh gặp nhau ngày 9/5. Họ nhớ trận đánh ngày 9/5/1954."]);
        assert_eq!(d, "XXXX-05-09");
        let (d, _) = reasoned(&["Ngày 10/4/2025, hai bên ký. Cùng ngày 10/4, ông mời khách."]);
        assert_eq!(d, "2025-04-10");
    }

    #[test]
    fn a_hint_gives_a_year_to_yearless_days_only() {
        let h = Around::parse("2024-01").unwrap();
        assert_eq!(h.year_of(12, 28), Some(2023));
        assert_eq!(h.year_of(1, 5), Some(2024));
        // 5/8/2023 lies 163 days before mid-January 2024, 5/8/2024 203 days after
        assert_eq!(h.year_of(8, 5), Some(2023));
        assert_eq!(Around::parse("2024").unwrap().year_of(2, 29), Some(2024));
        assert_eq!(Around::parse("2023").unwrap().year_of(2, 29), Some(2024));
        assert_eq!(Around::parse("2024-02-30"), None);
        assert_eq!(Around::parse("24-02"), None);
        assert_eq!(Around::parse("2024-13"), None);
        assert_eq!(
            Around::parse("2024-02-15"),
            Some(Around {
                year: 2024,
                month: Some(2),
                day: Some(15)
            })
        );
    }

    #[test]
    fn a_lunar_date_told_with_a_solar_day_fixes_the_year() {
        // mùng 8 Tết fell on 17/2 in 2013 and 2024; the text names 2023
        let (d, e) = reasoned(&[
            "Sáng mùng 8 Tết, làng mở hội. Lễ bắt đầu lúc 10h ngày 17/2, đông hơn năm 2023.",
        ]);
        assert_eq!((d.as_str(), e), ("2024-02-17", Evidence::Lunar));
        // rằm tháng Giêng fell on 24/2 in 2013 and 2024: without a year named, none
        let (d, _) = reasoned(&["Tối 24/2, tức rằm tháng Giêng, chùa đông khách."]);
        assert_eq!(d, "XXXX-02-24");
        // an old year named is the story's past: 10/2 was mùng 1 Tết in 2013, but the text
        // names 2020 last
        let (d, _) = reasoned(&[
            "Phim khởi chiếu ngày 10/2 (mùng 1 Tết). Họ chia tay cuối năm 2012, cưới tháng 10/2020.",
        ]);
        assert_eq!(d, "XXXX-02-10");
        // a match by chance (mùng 8 Tết was 20/2 in 2029) in a text naming no year: none
        let (d, _) = reasoned(&["Ngày 20/2, làng mở hội đầu xuân, như mọi năm vào mùng 8 Tết."]);
        assert_eq!(d, "XXXX-02-20");
    }
}
