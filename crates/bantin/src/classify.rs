//! What a block of a news page is: body, caption, title candidate, boilerplate, a related
//! article teaser, a printed stamp, a byline. Rules on the block's own text, written for
//! Vietnamese news sites in general (no site, no seed page in mind).

use crate::pubdate::{self, Stamp};
use regex::Regex;
use std::sync::OnceLock;

/// The class of a block.
#[derive(Clone, Debug, PartialEq)]
pub enum Class {
    /// Site furniture: widgets, prompts, counters, footers, image debris.
    Boiler,
    /// A heading that opens a list of other articles or the comments ("Tin cũ hơn").
    ListHeader,
    /// A printed publication stamp (nothing but a date, a time and counters).
    Stamp(Stamp),
    /// A photo caption or image alt line.
    Caption,
    /// The same title printed twice on one line (related-article lists).
    Doubled,
    /// A truncated teaser of another article, ending in an ellipsis.
    Teaser,
    /// A short line without final punctuation: a title or a sub-heading.
    Short,
    /// Running text.
    Body,
}

struct Rules {
    boiler: Regex,
    list_header: Regex,
    caption: Regex,
    footer: Vec<memchr::memmem::Finder<'static>>,
    stamp_rest: Regex,
}

fn rules() -> &'static Rules {
    static R: OnceLock<Rules> = OnceLock::new();
    R.get_or_init(|| Rules {
        // whole-line furniture of Vietnamese news sites
        boiler: Regex::new(
            r"(?xi)^(?:
              (?:nhỏ|vừa|bình\s+thường|lớn|cỡ\s+chữ|a\-|a\+|aa|\s)+
            | video\s+đang\s+hot | video\s+hot | xem\s+video.* | xem\s+thêm | đọc\s+thêm | đọc\s+tiếp
            | ý\s+kiến\s+của\s+bạn | gửi\s+bình\s+luận | viết\s+bình\s+luận | bình\s+luận\s*\(?[0-9]*\)? | [0-9]+\s+bình\s+luận
            | đang\s+tải\s*(?:\.\.\.|…)? | loading\s*(?:\.\.\.|…)?
            | chia\s+sẻ(?:\s+bài\s+viết)?:? | share | tweet | in\s+bài(?:\s+viết)? | lưu\s+bài | theo\s+dõi(?:\s+.*trên\s+google\s+news)?
            | quảng\s+cáo | advertisement | tin\s+tức | trang\s+chủ | mới\s+nhất | đọc\s+nhiều(?:\s+nhất)?
            | từ\s+khóa:.* | từ\s+khoá:.* | tags?:.* | chủ\s+đề:.*
            | !\[[^\]]*\]\([^)]*\)\s*\|?\s* | \|?\s*\|\s* | [\-–—=_*·•|\s]+
            | [0-9]{1,6} | \(?[0-9]+\)?\s*(?:lượt\s+xem|views?|likes?|thích)
            | ©.* | bản\s+quyền.* | copyright.*
            | trở\s+về\s+đầu\s+trang | lên\s+đầu\s+trang | về\s+trang\s+trước
            )$",
        )
        .expect("boiler"),
        list_header: Regex::new(
            r"(?xi)^(?:
              tin\s+cũ\s+hơn | tin\s+mới\s+hơn | tin\s+liên\s+quan | bài\s+liên\s+quan | bài\s+viết\s+liên\s+quan
            | tin\s+cùng\s+chuyên\s+mục | tin\s+khác | các\s+tin\s+khác | tin\s+mới\s+nhất | tin\s+nổi\s+bật | tin\s+xem\s+nhiều
            | có\s+thể\s+bạn\s+quan\s+tâm | bạn\s+có\s+thể\s+quan\s+tâm | đừng\s+bỏ\s+lỡ | xem\s+nhiều(?:\s+nhất)?
            | ý\s+kiến\s+độc\s+giả | ý\s+kiến\s+bạn\s+đọc | bình\s+luận | bạn\s+đọc\s+bình\s+luận | tin\s+tức\s+liên\s+quan
            | cùng\s+chuyên\s+mục | tin\s+đọc\s+nhiều | đọc\s+nhiều\s+nhất | bài\s+đọc\s+nhiều
            )\s*:?$",
        )
        .expect("list header"),
        caption: Regex::new(
            r"(?xi)
              (?:^|[\s.(\-–—|])(?:ảnh|nguồn|photo|đồ\s+họa|đồ\s+hoạ|clip|video)(?:\s+(?:tư\s+liệu|minh\s+họa|minh\s+hoạ|chụp\s+màn\s+hình))?\s*:\s*[^.:]{1,80}?[.)]?\s*\)?\s*\|?\s*$
            | (?:^|\s)[\-–—]\s*ảnh\s+[0-9]+\.?\s*\|?\s*$
            | ^\(?ảnh\s+(?:minh\s+họa|minh\s+hoạ|tư\s+liệu)\)?\.?\s*\|?\s*$
            ",
        )
        .expect("caption"),
        // site self-descriptions and legal lines, by words that follow their first word (so
        // that the first word's case does not matter)
        footer: [
            "ngôn luận", "phép hoạt động", "phép xuất bản", "phép số", "trách nhiệm xuất bản", "trách nhiệm nội dung",
            "biên tập:", "oà soạn:", "òa soạn:", "dây nóng", "otline:", "quyền thuộc", "rõ nguồn", "được sao chép",
        ]
        .iter()
        .map(|p| memchr::memmem::Finder::new(p.as_bytes()).into_owned())
        .collect(),
        stamp_rest: Regex::new(
            r"(?xi)^[\s,|\-–—:()]*(?:
              (?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật|cập\s+nhật|đăng\s+lúc|đăng\s+ngày|ngày\s+đăng|lúc|ngày|gmt\s*[+\-]\s*[0-9]+|utc|[0-9]+\s+bình\s+luận|[0-9]+\s+lượt\s+xem|bình\s+luận|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?|sáng|chiều|tối|am|pm|[0-9]+)
              [\s,|\-–—:()]*)*$",
        )
        .expect("stamp rest"),
    })
}

/// Classifies one block of text.
pub fn classify(text: &str) -> Class {
    let r = rules();
    let t = text.trim();
    if t.is_empty() {
        return Class::Boiler;
    }
    // characters, counted as the bytes that start one
    let chars = t.bytes().filter(|&b| (b & 0xC0) != 0x80).count();
    if chars <= 50 && r.list_header.is_match(t) {
        return Class::ListHeader;
    }
    if chars <= 60 && r.boiler.is_match(t) {
        return Class::Boiler;
    }
    if chars <= 120 && t.bytes().any(|b| b.is_ascii_digit()) {
        if let Some((st, a, b)) = pubdate::parse_stamp(t, true) {
            let rest = format!("{} {}", &t[..a], &t[b..]);
            if r.stamp_rest.is_match(&rest) {
                return Class::Stamp(st);
            }
        }
    }
    if is_doubled(t) {
        return Class::Doubled;
    }
    // captions are told by their last words: look at the tail only
    let end = tail(t, 160);
    let maybe_caption = end.contains(':')
        || end.contains("Ảnh")
        || end.contains("ảnh")
        || end.contains("minh họa")
        || end.contains("minh hoạ");
    if t.len() <= 1200 && maybe_caption && r.caption.is_match(end) {
        return Class::Caption;
    }
    if t.len() <= 1500 && r.footer.iter().any(|f| f.find(t.as_bytes()).is_some()) {
        return Class::Boiler;
    }
    let ends_ellipsis = t.ends_with("...") || t.ends_with('…');
    if ends_ellipsis && chars <= 200 {
        return Class::Teaser;
    }
    let last = t
        .trim_end_matches(['"', '”', '’', '\'', ')', '»', ' '])
        .chars()
        .last()
        .unwrap_or('.');
    let terminal = matches!(last, '.' | ':' | ';' | ',' | '…');
    let first_lower = t.chars().next().is_some_and(|c| c.is_lowercase());
    if !terminal && !first_lower && chars <= 250 && t.split_whitespace().count() <= 35 {
        return Class::Short;
    }
    Class::Body
}

/// The last `n` bytes (or a little more, to a character boundary) of a text.
fn tail(t: &str, n: usize) -> &str {
    if t.len() <= n {
        return t;
    }
    let mut i = t.len() - n;
    while !t.is_char_boundary(i) {
        i -= 1;
    }
    &t[i..]
}

/// True for a line holding the same text twice ("Tiêu đề Tiêu đề").
pub fn is_doubled(t: &str) -> bool {
    let n = t.len();
    if n < 20 {
        return false;
    }
    // the split point is a space near the middle
    let mid = n / 2;
    for delta in 0..=2usize {
        for cand in [mid.saturating_sub(delta), mid + delta] {
            if cand < n && t.is_char_boundary(cand) && t.as_bytes()[cand] == b' ' {
                let (a, b) = (&t[..cand], &t[cand + 1..]);
                if a == b {
                    return true;
                }
            }
        }
    }
    false
}

/// A byline: "Phạm Giang (Theo TASS, Reuters)", "Theo Reuters", "Nguồn: VnExpress".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BylineParts {
    /// The author's name and its byte range in the text.
    pub author: Option<(String, usize, usize)>,
    /// The sources named.
    pub sources: Vec<String>,
}

/// True for 2..=5 capitalised words of letters: a person's name.
fn name_ok(a: &str) -> bool {
    let n = a.split_whitespace().count();
    (2..=5).contains(&n)
        && a.split_whitespace().all(|x| {
            x.starts_with(|c: char| c.is_uppercase())
                && x.chars().all(|c| c.is_alphabetic() || c == '.' || c == '-')
        })
}

/// "Theo TASS, Reuters" → ["TASS", "Reuters"].
fn sources_of(s: &str) -> Option<Vec<String>> {
    let s = s.trim().trim_end_matches(['.', ')']);
    let s = [
        "Theo ",
        "theo ",
        "Nguồn:",
        "Nguồn ",
        "Tổng hợp từ ",
        "Tổng hợp ",
        "Lược dịch từ ",
        "Dịch từ ",
    ]
    .iter()
    .find_map(|p| s.strip_prefix(p))
    .unwrap_or(s);
    let v: Vec<String> = s
        .split([',', ';', '/'])
        .map(|x| x.trim().trim_end_matches('.').to_string())
        .filter(|x| !x.is_empty())
        .collect();
    let ok = !v.is_empty()
        && v.iter().all(|x| {
            x.split_whitespace().count() <= 6
                && x.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        });
    ok.then_some(v)
}

/// Reads a byline line ("Phạm Giang (Theo TASS, Reuters)", "Theo Reuters", "Nguồn: X",
/// "Minh An - Theo VnExpress"); `None` when the line is not one.
pub fn byline(t: &str) -> Option<BylineParts> {
    let t = t.trim();
    if t.is_empty() || t.len() > 200 || t.chars().count() > 90 || t.contains(". ") {
        return None;
    }
    if ["Theo ", "Nguồn:", "Nguồn "]
        .iter()
        .any(|p| t.starts_with(p))
    {
        return Some(BylineParts {
            author: None,
            sources: sources_of(t)?,
        });
    }
    let body = t.trim_end_matches('.');
    let (name, rest) = match body.find('(') {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => match body.find(" - ").or_else(|| body.find(" – ")) {
            Some(i) => (
                &body[..i],
                Some(body[i..].trim_start_matches([' ', '-', '–'])),
            ),
            None => (body, None),
        },
    };
    let name = [
        "PV:",
        "Bài và ảnh:",
        "Bài, ảnh:",
        "Bài:",
        "Tác giả:",
        "Nhóm PV:",
        "Tin, ảnh:",
        "Tin và ảnh:",
        "Tin:",
        "Ảnh và bài:",
        "Thực hiện:",
        "Nhóm thực hiện:",
        "Người viết:",
    ]
    .iter()
    .find_map(|p| name.trim().strip_prefix(p))
    .unwrap_or(name)
    .trim();
    if !name_ok(name) {
        return None;
    }
    let start = t.find(name).unwrap_or(0);
    // co-authors: "Quang Phong - Tùng Nguyên"
    if let Some(r) =
        rest.filter(|r| !body.contains('(') && name_ok(r.trim()) && !r.starts_with("Theo"))
    {
        let end = t.find(r.trim()).map_or(t.len(), |i| i + r.trim().len());
        return Some(BylineParts {
            author: Some((t[start..end].to_string(), start, end)),
            sources: vec![],
        });
    }
    let sources = match rest {
        Some(r) => sources_of(r)?,
        None => vec![],
    };
    Some(BylineParts {
        author: Some((name.to_string(), start, start + name.len())),
        sources,
    })
}

/// Words that open a news lead and never sit inside a proper name: where one follows a
/// capitalised run without punctuation, a title is glued to its body.
const LEAD_OPENERS: &[&str] = &[
    "Theo", "Ngày", "Hôm", "Sáng", "Chiều", "Tối", "Trưa", "Đêm", "Rạng", "Trong", "Tại", "Sau",
    "Trước", "Khi", "Các", "Những", "Với", "Từ", "Vào", "Hiện", "Nhiều", "Đây", "Cùng", "Tuy",
    "Nhưng", "Bên", "Qua", "Để",
];

/// Where a title glued to the start of its body ends: the byte offset of the body's first
/// word, when the line reads "Title words Theo phóng viên ... , ngày 25/7, ...".
pub fn glued_title_split(t: &str) -> Option<usize> {
    if t.len() < 200 || t.starts_with(['"', '“', '\'', '‘', '«']) {
        return None;
    }
    let mut prev_end = 0;
    let starts = t.split(' ').scan(0usize, |pos, w| {
        let start = *pos;
        *pos += w.len() + 1;
        Some((start, w))
    });
    for (words, (i, w)) in starts.enumerate() {
        if words >= 30 {
            return None;
        }
        let prev = &t[..prev_end];
        if words >= 4 && w.starts_with(|c: char| c.is_uppercase()) && LEAD_OPENERS.contains(&w) {
            let next = t[i + w.len()..].trim_start();
            let next_ok = next.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit());
            let prev_ok = !prev.ends_with([',', ':', ';', '.', '-', '–']) && !prev.contains(". ");
            if next_ok && prev_ok {
                return Some(i);
            }
        }
        if w.ends_with(['.', '!', '?']) && words > 0 {
            return None;
        }
        prev_end = i + w.len();
    }
    None
}

/// True when a paragraph reads like the lead of a news story: a date or a source named in
/// its first sentence, or a dateline.
pub fn is_lead(t: &str) -> bool {
    let mut cut = t.len().min(400);
    while !t.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &t[..cut];
    let first = head.split(". ").next().unwrap_or(head);
    if first.starts_with("Theo ") || first.contains("(TTXVN)") {
        return true;
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)(?-u:\b)[0-9]{1,2}/[0-9]{1,2}(?-u:\b)|(?-u:\b)hôm (?:nay|qua)(?-u:\b)|(?-u:\b)(?:sáng|trưa|chiều|tối|đêm) (?:nay|qua)(?-u:\b)|^[\p{Lu}\s.]{2,30}\s*[(\-–—]").expect("lead")
    });
    re.is_match(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture() {
        for t in [
            "Nhỏ Bình thường Lớn",
            "Video đang HOT",
            "Ý kiến của bạn",
            "Đang tải...",
            "![]() |",
            "0",
            "12 Bình luận",
        ] {
            assert_eq!(classify(t), Class::Boiler, "{t}");
        }
        for t in ["Tin cũ hơn", "Ý kiến độc giả", "Tin liên quan"] {
            assert_eq!(classify(t), Class::ListHeader, "{t}");
        }
        assert_eq!(classify("Tạp chí điện tử X, cơ quan ngôn luận của Hội Y, liên tục cập nhật thông tin về kinh tế."), Class::Boiler);
    }

    #[test]
    fn stamps() {
        assert!(matches!(classify("15/09/2023 04:04"), Class::Stamp(_)));
        assert!(matches!(
            classify("2023-09-20 09:02:16 0 Bình luận"),
            Class::Stamp(_)
        ));
        assert!(matches!(
            classify("Thứ tư, 20/9/2023, 09:02 (GMT+7)"),
            Class::Stamp(_)
        ));
        assert_eq!(classify("Ngày 20/9/2023, đoàn đại biểu đã tới thăm Hà Nội và làm việc với lãnh đạo thành phố."), Class::Body);
    }

    #[test]
    fn captions() {
        for t in [
            "Ông A (trái) và ông B (phải) tại buổi gặp. Ảnh: TTXVN",
            "Đoàn đại biểu tới sân bay ngày 5/11. (Nguồn: KCNA)",
            "Quang cảnh buổi lễ - Ảnh 1.",
            "Binh sĩ diễn tập hôm 4/4. Ảnh: KCNA |",
            "Ảnh minh họa",
            "Lãnh đạo hai nước bắt tay. Ảnh: Reuters/KCNA",
        ] {
            assert_eq!(classify(t), Class::Caption, "{t}");
        }
    }

    #[test]
    fn titles_teasers_doubles() {
        assert_eq!(
            classify("Nga khẳng định hợp tác toàn diện với Triều Tiên"),
            Class::Short
        );
        assert_eq!(
            classify("Mỹ bội thu nhờ thuế quan Mỹ bội thu nhờ thuế quan"),
            Class::Doubled
        );
        assert_eq!(
            classify(
                "Đoàn đại biểu cấp cao do Chủ tịch dẫn đầu đã bắt đầu chuyến thăm chính thức ..."
            ),
            Class::Teaser
        );
        assert_eq!(classify("Hai bên đã thảo luận nhiều vấn đề."), Class::Body);
    }

    #[test]
    fn bylines() {
        let b = byline("Phạm Giang (Theo TASS, Reuters)").unwrap();
        assert_eq!(b.author.as_ref().unwrap().0, "Phạm Giang");
        assert_eq!(b.sources, vec!["TASS", "Reuters"]);
        let b = byline("Theo Reuters").unwrap();
        assert!(b.author.is_none());
        assert_eq!(b.sources, vec!["Reuters"]);
        assert!(byline("Hai bên đã thảo luận nhiều vấn đề quan trọng của khu vực.").is_none());
        let b = byline("Tin, ảnh: Lê Minh Tâm").unwrap();
        assert_eq!(b.author.unwrap().0, "Lê Minh Tâm");
        let b = byline("Hồng Nhung - Thanh Bình").unwrap();
        assert_eq!(b.author.unwrap().0, "Hồng Nhung - Thanh Bình");
    }

    #[test]
    fn glued_titles() {
        let t = "Đoàn công tác thăm và làm việc tại Đà Nẵng Theo phóng viên thường trú tại miền Trung, ngày 5/3, đoàn công tác của bộ đã tới thành phố và làm việc với lãnh đạo địa phương về kế hoạch phát triển du lịch biển trong năm nay cùng nhiều nội dung khác.";
        let i = glued_title_split(t).unwrap();
        assert_eq!(&t[..i], "Đoàn công tác thăm và làm việc tại Đà Nẵng ");
        assert!(glued_title_split("Theo phóng viên tại Hà Nội, ngày 5/3, đoàn công tác của bộ đã tới thành phố và làm việc với lãnh đạo địa phương về kế hoạch phát triển du lịch biển trong năm nay cùng nhiều nội dung khác nữa.").is_none());
    }

    #[test]
    fn leads() {
        assert!(is_lead(
            "Theo hãng tin TASS, ngày 26/7, bộ trưởng đã hội đàm."
        ));
        assert!(is_lead(
            "Bộ trưởng đã tới Hà Nội hôm 26/7 để dự lễ kỷ niệm."
        ));
        assert!(!is_lead("Hai bên đã thảo luận nhiều vấn đề quan trọng."));
    }
}
