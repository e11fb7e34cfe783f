//! What a reader sees: dates in Vietnamese style ("28/1/2024 17:28", "5/11 (không rõ năm)"),
//! sources as the outlet or the file's name (never a machine path), entities by their full
//! name and events as sentences ("Sergei Shoigu gặp Kang Sun Nam tại Bình Nhưỡng,
//! 26/7/2023"). Pure text: the web pages, the report and the CLI share it; JSON keeps ISO.

use crate::record::{EventRecord, Record};
use std::collections::BTreeMap;

/// What a yearless date says after its day and month.
pub const NO_YEAR: &str = "không rõ năm";

fn num(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// A date (ISO 8601 or TimeML) the Vietnamese way: `2024-01-28` → "28/1/2024",
/// `2024-01-28T17:28+07:00` → "28/1/2024 17:28", `XXXX-11-05` → "5/11 (không rõ năm)",
/// `2024-06` → "tháng 6/2024", `XXXX-06` → "tháng 6 (không rõ năm)", `2024` → "năm 2024".
/// Anything else (durations, seasons) is returned as it is.
pub fn date_vi(v: &str) -> String {
    let v = v.trim();
    let (date, time) = match v.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (v, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let year = match parts.first() {
        Some(&"XXXX") => None,
        Some(y) => match num(y) {
            Some(y) if y >= 1000 => Some(y),
            _ => return v.to_string(),
        },
        None => return v.to_string(),
    };
    let clock = time.and_then(|t| {
        let hm = t.get(..5)?;
        let (h, m) = hm.split_once(':')?;
        (num(h)? < 24 && num(m)? < 60).then(|| hm.to_string())
    });
    let label = match (&parts[1..], year) {
        ([], Some(y)) => format!("năm {y}"),
        ([m], y) => match (num(m).filter(|m| (1..=12).contains(m)), y) {
            (Some(m), Some(y)) => format!("tháng {m}/{y}"),
            (Some(m), None) => format!("tháng {m} ({NO_YEAR})"),
            _ => return v.to_string(),
        },
        ([m, d], y) => match (
            num(m).filter(|m| (1..=12).contains(m)),
            num(d).filter(|d| (1..=31).contains(d)),
            y,
        ) {
            (Some(m), Some(d), Some(y)) => format!("{d}/{m}/{y}"),
            (Some(m), Some(d), None) => format!("{d}/{m} ({NO_YEAR})"),
            _ => return v.to_string(),
        },
        _ => return v.to_string(),
    };
    match clock {
        Some(c) if year.is_some() && parts.len() == 3 => format!("{label} {c}"),
        _ => label,
    }
}

/// A date in English for the CLI's tables: ISO as printed, but yearless dates spelled
/// out (`XXXX-11-05` → "11-05 (year unknown)").
pub fn date_en(v: &str) -> String {
    match v.strip_prefix("XXXX-") {
        Some(rest) => format!("{rest} (year unknown)"),
        None => v.to_string(),
    }
}

/// Sort key of a date: dated ones in order, yearless ones after every dated one.
pub fn date_key(v: &str) -> (bool, &str) {
    (v.starts_with("XXXX"), v)
}

/// The last part of a path as given (`/x/y/000_ab.txt` → `000_ab.txt`), never the
/// directories: what a reader is shown of a page that names no outlet.
pub fn file_name(source: &str) -> &str {
    let s = source.trim_end_matches(['/', '\\']);
    s.rsplit(['/', '\\']).next().unwrap_or(s)
}

/// The host of a URL without `www.` (`https://www.vnexpress.net/a.html` → `vnexpress.net`).
pub fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (host.contains('.') && !host.is_empty()).then_some(host)
}

/// Who published an article, as a reader names it: the outlet, else the host of its URL,
/// else the file's name.
pub fn outlet<'a>(outlet: Option<&'a str>, url: Option<&'a str>, source: &'a str) -> &'a str {
    outlet
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .or_else(|| url.and_then(host))
        .unwrap_or_else(|| file_name(source))
}

/// Words an outlet's name carries that do not tell it apart (`Báo Tuổi Trẻ` is Tuổi Trẻ),
/// folded.
const OUTLET_GENERIC: &[&str] = &["bao", "tap", "chi", "dien", "tu", "online", "trang", "tin"];

/// The keys an outlet is found by, folded: its name run together (`Dân trí` → `dantri`),
/// the name without the words every outlet's name has (`Báo Tuổi Trẻ` → `tuoitre`), and
/// for a URL or a host its host (`vnexpress.net`) and the host's first label
/// (`vnexpress`). The same keys are made from what a user types and from what an article
/// says, so `VnExpress`, `vnexpress.net` and `https://vnexpress.net/x` find each other.
pub fn outlet_keys(s: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let s = s.trim();
    if let Some(h) = host(s).filter(|_| !s.contains(char::is_whitespace)) {
        let h = h.to_ascii_lowercase();
        if let Some(first) = h.split('.').next().filter(|f| !f.is_empty()) {
            keys.push(first.to_string());
        }
        keys.push(h);
    } else {
        let folded = crate::lang::fold(s);
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        keys.push(words.concat());
        let start = words
            .iter()
            .position(|w| !OUTLET_GENERIC.contains(w))
            .unwrap_or(words.len());
        let end = words
            .iter()
            .rposition(|w| !OUTLET_GENERIC.contains(w))
            .map_or(start, |e| e + 1);
        if start < end {
            keys.push(words[start..end].concat());
        }
    }
    keys.retain(|k| !k.is_empty());
    keys.sort();
    keys.dedup();
    keys
}

/// The outlet keys of an article (see [`outlet_keys`]): of its outlet's name and of its URL.
pub fn record_outlet_keys(r: &Record) -> Vec<String> {
    let mut keys: Vec<String> = r
        .outlet
        .iter()
        .chain(r.url.iter())
        .flat_map(|s| outlet_keys(s))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// "VnExpress · 28/1/2024 17:28": the outlet (or file name) and the date, Vietnamese style.
pub fn source_label(
    outlet_name: Option<&str>,
    url: Option<&str>,
    source: &str,
    published: Option<&str>,
) -> String {
    let who = outlet(outlet_name, url, source);
    match published {
        Some(p) => format!("{who} · {}", date_vi(p)),
        None => who.to_string(),
    }
}

/// The source label of a record (see [`source_label`]).
pub fn record_label(r: &Record) -> String {
    source_label(
        r.outlet.as_deref(),
        r.url.as_deref(),
        &r.source,
        r.published.as_deref(),
    )
}

/// The full name of an entity among its spellings: the spelling with the most words,
/// then the most used (the name the linker gives an entity it does not know).
pub fn canonical_name<'a, I>(variants: I) -> Option<&'a str>
where
    I: IntoIterator<Item = (&'a str, usize)>,
{
    variants
        .into_iter()
        .max_by_key(|(v, c)| (v.split_whitespace().count(), *c, *v))
        .map(|(v, _)| v)
}

/// Every entity id of a record with its full name among the record's spellings.
pub fn names(r: &Record) -> BTreeMap<String, String> {
    let mut spellings: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for e in &r.entities {
        *spellings
            .entry(&e.id)
            .or_default()
            .entry(&e.text)
            .or_default() += 1;
    }
    for s in r.quotes.iter().filter_map(|q| q.speaker.as_ref()) {
        spellings
            .entry(&s.id)
            .or_default()
            .entry(&s.text)
            .or_default();
    }
    spellings
        .into_iter()
        .filter_map(|(id, v)| canonical_name(v).map(|n| (id.to_string(), n.to_string())))
        .collect()
}

/// An id as a reader could read it when no spelling is known: `kang-sun-nam` → "Kang Sun
/// Nam" (tone marks cannot come back; used only as a last resort).
pub fn id_as_name(id: &str) -> String {
    id.split('-')
        .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An event as a Vietnamese sentence: "Sergei Shoigu gặp Kang Sun Nam tại Bình Nhưỡng,
/// 26/7/2023". `name` turns an entity id into the name to show.
pub fn event_sentence(e: &EventRecord, name: &dyn Fn(&str) -> String) -> String {
    crate::events::vi::sentence(e, &|id: &str| Some(name(id)))
}

/// How the publication date was found, in English for the CLI.
pub fn date_source_en(f: Option<crate::page::DateSource>) -> &'static str {
    use crate::page::DateSource;
    match f {
        Some(DateSource::Metadata) => "from the page's metadata",
        Some(DateSource::Stamp) => "printed on the page",
        Some(DateSource::Text) => "reasoned from the text",
        Some(DateSource::Url) => "read from the page's address",
        Some(DateSource::Weekday) => "reasoned from the text (the year from the weekday)",
        Some(DateSource::Neighbour) => "reasoned from the text (the year from another article)",
        Some(DateSource::Hint) => "reasoned from the text (the year from the user's hint)",
        Some(DateSource::Lunar) => {
            "reasoned from the text (the year from a lunar date told with a solar one)"
        }
        None => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::EventType;

    #[test]
    fn outlet_keys_meet_whatever_the_user_types() {
        let of = |s: &str| outlet_keys(s);
        assert_eq!(of("Dân trí"), vec!["dantri"]);
        assert_eq!(of("Báo Tuổi Trẻ"), vec!["baotuoitre", "tuoitre"]);
        assert_eq!(
            of("https://www.vnexpress.net/a-b-123.html"),
            vec!["vnexpress", "vnexpress.net"]
        );
        // what a user types meets what a page says
        let page = of("VnExpress");
        assert!(of("vnexpress.net").iter().any(|k| page.contains(k)));
        assert!(of("Tuổi Trẻ")
            .iter()
            .any(|k| of("Báo Tuổi Trẻ Online").contains(k)));
        assert!(of("  ").is_empty());
        assert_eq!(of("Báo"), vec!["bao"]);
    }

    #[test]
    fn dates_read_the_vietnamese_way() {
        assert_eq!(date_vi("2024-01-28"), "28/1/2024");
        assert_eq!(date_vi("2024-01-28T17:28+07:00"), "28/1/2024 17:28");
        assert_eq!(date_vi("2024-01-28T07:05:09"), "28/1/2024 07:05");
        assert_eq!(date_vi("XXXX-11-05"), "5/11 (không rõ năm)");
        assert_eq!(date_vi("2024-06"), "tháng 6/2024");
        assert_eq!(date_vi("XXXX-06"), "tháng 6 (không rõ năm)");
        assert_eq!(date_vi("2024"), "năm 2024");
        assert_eq!(date_vi("P3D"), "P3D");
        assert_eq!(date_vi("2024-W05"), "2024-W05");
        assert_eq!(date_vi("2024-13-01"), "2024-13-01");
        assert_eq!(date_vi(""), "");
    }

    #[test]
    fn yearless_dates_sort_last() {
        let mut v = vec!["XXXX-12-31", "2024-01-02", "2023-05-01"];
        v.sort_by_key(|d| date_key(d));
        assert_eq!(v, ["2023-05-01", "2024-01-02", "XXXX-12-31"]);
        assert_eq!(date_en("XXXX-11-05"), "11-05 (year unknown)");
    }

    #[test]
    fn sources_never_show_a_path() {
        assert_eq!(file_name("/home/x/data/001_ab.txt"), "001_ab.txt");
        assert_eq!(file_name("C:\\pages\\a.html"), "a.html");
        assert_eq!(file_name("-"), "-");
        assert_eq!(
            host("https://www.example.vn/thoi-su/a-1.html?x=1"),
            Some("example.vn")
        );
        assert_eq!(host("nonsense"), None);
        assert_eq!(
            source_label(
                Some("Báo Mẫu"),
                None,
                "/a/b.txt",
                Some("2024-01-28T17:28+07:00")
            ),
            "Báo Mẫu · 28/1/2024 17:28"
        );
        assert_eq!(
            source_label(None, Some("https://tin.example.vn/a"), "/a/b.txt", None),
            "tin.example.vn"
        );
        assert_eq!(
            source_label(None, None, "/srv/x/b.txt", Some("XXXX-03-13")),
            "b.txt · 13/3 (không rõ năm)"
        );
    }

    #[test]
    fn the_full_name_wins() {
        let v = [("Khoa", 5), ("Lê Minh Khoa", 2), ("ông Khoa", 1)];
        assert_eq!(canonical_name(v.iter().copied()), Some("Lê Minh Khoa"));
        assert_eq!(id_as_name("kang-sun-nam"), "Kang Sun Nam");
        assert_eq!(id_as_name("ha-noi-2"), "Ha Noi");
    }

    #[test]
    fn events_read_as_sentences() {
        let e = EventRecord {
            ty: EventType::MEET,
            cameo: "040",
            date: "2023-07-26".into(),
            actors: vec!["a-b".into(), "c-d".into()],
            place: Some("p-q".into()),
            span: [0, 0],
            spans: vec![],
        };
        let name = |id: &str| match id {
            "a-b" => "Trần Văn An".to_string(),
            "c-d" => "Jane Roe".to_string(),
            _ => "Hải Phòng".to_string(),
        };
        assert_eq!(
            event_sentence(&e, &name),
            "Trần Văn An gặp Jane Roe tại Hải Phòng, 26/7/2023"
        );
        let v = EventRecord {
            ty: EventType::VISIT,
            date: "XXXX-07-26".into(),
            actors: vec!["a-b".into()],
            ..e.clone()
        };
        assert_eq!(
            event_sentence(&v, &name),
            "Trần Văn An thăm Hải Phòng, 26/7 (không rõ năm)"
        );
    }
}
