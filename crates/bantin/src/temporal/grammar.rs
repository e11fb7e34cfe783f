//! The tokens of the grammar: month names, numbers in words, and the one regular
//! expression whose named groups are the forms the readers of `scan` take apart.

use regex::Regex;
use std::sync::OnceLock;

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

/// The date grammar: one alternative, named, per form.
pub(super) fn re() -> &'static Regex {
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

/// The weekday of a name or a digit ("Hai", "2"), Monday = 0.
pub(super) fn weekday_num(w: &str) -> Option<i64> {
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
