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

/// An anchor without its year.
fn yearless(m: u32, d: u32) -> Option<Anchor> {
    Some(Anchor {
        year: None,
        month: m,
        day: d,
    })
}

/// Checks a table of (text, anchor, expected value of its one expression), telling every
/// miss at once.
fn check(cases: &[(&str, Option<Anchor>, &str)]) {
    let mut bad = Vec::new();
    for &(text, a, want) in cases {
        let got = values(text, a);
        if got.len() != 1 || got[0].1 != want {
            bad.push(format!("{text} @ {a:?}: {got:?}, want {want}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn days_before_and_after_a_day_without_its_year() {
    let (a, new_year) = (yearless(12, 28), yearless(1, 1));
    check(&[
        ("hôm qua", a, "XXXX-12-27"),
        ("hôm nay", a, "XXXX-12-28"),
        ("hôm qua", new_year, "XXXX-12-31"),
        ("ngày mai", new_year, "XXXX-01-02"),
        // the year and the month of such a day: told, unknown
        ("Mùa mưa năm nay đến sớm", a, "XXXX"),
        ("từ năm ngoái", new_year, "XXXX"),
        ("tháng trước", new_year, "XXXX-12"),
        ("tháng tới", a, "XXXX-01"),
    ]);
}

#[test]
fn day_words_in_brackets() {
    let a = at(2021, 3, 1);
    check(&[
        ("họp lớp (ngày 9.3) tại trường", a, "2021-03-09"),
        ("hạn nộp “ngày 12-4” như cũ", a, "2021-04-12"),
    ]);
}

#[test]
fn numeric_dates() {
    let a = at(2023, 7, 26);
    check(&[
        ("hôm 26/7", a, "2023-07-26"),
        ("ngày 5/11", at(2023, 11, 6), "2023-11-05"),
        ("tối 19/9", at(2023, 9, 20), "2023-09-19"),
        ("nửa đêm 26/7", a, "2023-07-26"),
        ("ký ngày 27/7/1953", a, "1953-07-27"),
        ("tháng 10/2020", a, "2020-10"),
        ("tháng 8/2024", a, "2024-08"),
        ("trước năm 2018", a, "2018"),
        ("ngày 5 tháng 11 năm 2024", a, "2024-11-05"),
        // year boundaries: a late December day read in early January is last year's
        ("hôm 28/12", at(2024, 1, 3), "2023-12-28"),
        ("ngày 2/1", at(2023, 12, 30), "2024-01-02"),
        ("hôm 26/7", None, "XXXX-07-26"),
        ("sáng 12/3", at(2024, 3, 12), "2024-03-12"),
        ("15/09/2023 04:04", at(2023, 9, 15), "2023-09-15T04:04"),
        ("2023-09-20 09:02:16", None, "2023-09-20T09:02"),
        ("vào 10h45 ngày 26/7", at(2023, 7, 20), "2023-07-26T10:45"),
        (
            "hôm 26/7 lúc 10h45 (GMT+7)",
            at(2023, 7, 27),
            "2023-07-26T10:45+07:00",
        ),
        // looking back over multi-byte letters stays on character boundaries
        (
            "Người dân ở đồng bằng Nghệ Tĩnh đã đến từ sáng sớm ngày 26/7",
            a,
            "2023-07-26",
        ),
        ("hôm 26/7", yearless(7, 27), "XXXX-07-26"),
    ]);
    // a clock time alone is no date
    assert!(values("cuộc họp bắt đầu lúc 10h45", a).is_empty());
}

#[test]
fn words() {
    let a = at(2023, 7, 26);
    check(&[
        ("hôm nay", a, "2023-07-26"),
        ("hôm qua", a, "2023-07-25"),
        ("hôm kia", a, "2023-07-24"),
        ("ngày mai", at(2023, 12, 31), "2024-01-01"),
        ("tuần trước", a, "2023-W29"),
        ("tuần tới", a, "2023-W31"),
        ("tháng trước", at(2025, 1, 10), "2024-12"),
        ("năm ngoái", a, "2022"),
        ("năm nay", a, "2023"),
        ("đầu năm nay", a, "2023"),
        ("trong năm nay", a, "2023"),
        ("tháng 6 năm ngoái", at(2025, 11, 6), "2024-06"),
        ("cuối tháng 4", at(2025, 7, 12), "2025-04"),
        // "hồi tháng 4": April of the same year in July, of the year before in February
        ("hồi tháng 4", at(2023, 7, 1), "2023-04"),
        ("hồi tháng 4", at(2023, 2, 1), "2022-04"),
        ("sẽ diễn ra vào tháng 4", at(2023, 7, 1), "2024-04"),
        ("hồi tháng 7", at(2023, 9, 20), "2023-07"),
        ("thứ Hai tuần trước", a, "2023-07-17"),
        ("hôm thứ 5", a, "2023-07-20"),
        ("hôm thứ Ba", a, "2023-07-25"),
        ("quý 3", a, "2023-Q3"),
        ("sáng nay", a, "2023-07-26"),
    ]);
    for t in [
        "là chuyến thăm thứ 2 kể từ",
        "lần giảm thứ ba liên tiếp",
        "đây là lần thứ ba",
    ] {
        assert!(values(t, a).is_empty(), "{t}");
    }
}

#[test]
fn durations_are_not_dates() {
    let a = at(2023, 7, 26);
    check(&[
        ("chuyến thăm kéo dài 3 ngày", a, "P3D"),
        ("kỷ niệm 70 năm", a, "P70Y"),
        ("vài thập kỷ, 2 thập kỷ", a, "P20Y"),
    ]);
    let v = values("tỷ lệ 1/2 số phiếu, tỷ số 3-1", a);
    assert!(v.is_empty(), "{v:?}");
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
    let cases: Vec<_> = cases
        .iter()
        .map(|&(text, (y, m, d), want)| (text, at(y, m, d), want))
        .collect();
    check(&cases);
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
