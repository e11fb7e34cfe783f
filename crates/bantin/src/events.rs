//! Events a timeline needs: visits, meetings, signings, invitations, deployments and
//! returns, read sentence by sentence from a trigger word, the people (or bodies and
//! countries) around it, a place, and the date the sentence gives (else the article's, for
//! the lead). One event told in several sentences is one event with several spans.

use crate::entities::{EntityType, Placed};
use crate::page::{Article, Kind};
use crate::temporal::ArticleTimes;

/// The kinds of event, with their CAMEO codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[allow(clippy::upper_case_acronyms)]
#[non_exhaustive]
pub enum EventType {
    /// A party travels to a place (CAMEO 042/043).
    VISIT,
    /// Talks or a meeting (CAMEO 040/046).
    MEET,
    /// An agreement signed (CAMEO 057).
    SIGN,
    /// An invitation made or accepted (CAMEO 036/039).
    INVITE,
    /// Troops or workers sent (CAMEO 074/150).
    DEPLOY,
    /// Someone comes home (CAMEO 043).
    RETURN,
}

impl EventType {
    /// The CAMEO code it corresponds to.
    pub fn cameo(&self) -> &'static str {
        match self {
            EventType::VISIT => "042",
            EventType::MEET => "040",
            EventType::SIGN => "057",
            EventType::INVITE => "036",
            EventType::DEPLOY => "074",
            EventType::RETURN => "043",
        }
    }
}

/// An event found in an article.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Event {
    /// Its kind.
    pub ty: EventType,
    /// TimeML date.
    pub date: String,
    /// The actors: indices into the mentions given to [`find`].
    pub actors: Vec<usize>,
    /// The place: an index into the mentions.
    pub place: Option<usize>,
    /// (paragraph, start, end) of every sentence that tells it.
    pub spans: Vec<(usize, usize, usize)>,
}

/// Trigger words, longest first within a type.
const TRIGGERS: &[(EventType, &[&str])] = &[
    (
        EventType::RETURN,
        &["về đến", "về nước", "trở về", "quay về"],
    ),
    (
        EventType::INVITE,
        &["nhận lời mời", "lời mời", "đã mời", "mời"],
    ),
    (EventType::SIGN, &["ký kết", "lễ ký", "đã ký", "ký"]),
    (
        EventType::MEET,
        &[
            "hội đàm",
            "hội kiến",
            "cuộc gặp",
            "gặp thượng đỉnh",
            "thượng đỉnh",
            "gặp gỡ",
            "gặp",
            "tiếp",
            "bắt tay",
        ],
    ),
    (
        EventType::VISIT,
        &[
            "chuyến thăm",
            "đến thăm",
            "tới thăm",
            "sang thăm",
            "công du",
            "thăm",
            "đến",
            "tới",
            "sang",
        ],
    ),
    (
        EventType::DEPLOY,
        &["triển khai", "điều động", "đưa quân", "gửi quân", "cử"],
    ),
];

fn sentences(t: &str) -> Vec<(usize, usize)> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut s = 0;
    let mut i = 0;
    while i < b.len() {
        if matches!(b[i], b'.' | b'!' | b'?')
            && (i + 1 == b.len() || b[i + 1] == b' ')
            && !(i > 0
                && b[i - 1].is_ascii_digit()
                && b.get(i + 1).is_some_and(|c| c.is_ascii_digit()))
        {
            out.push((s, i + 1));
            s = i + 2;
        }
        i += 1;
    }
    if s < t.len() {
        out.push((s, t.len()));
    }
    out
}

/// A trigger word at `i` standing alone (not inside a longer word).
fn word_at(t: &str, i: usize, w: &str) -> bool {
    let before_ok = i == 0 || !t[..i].ends_with(|c: char| c.is_alphanumeric());
    let after_ok = !t[i + w.len()..].starts_with(|c: char| c.is_alphanumeric());
    before_ok && after_ok
}

fn matcher(words: &[&str]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::new(words).expect("word list")
}

/// Words of background: what used to happen, not a new event.
fn background() -> &'static aho_corasick::AhoCorasick {
    static M: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    M.get_or_init(|| matcher(&["từng", "trước đây", "nhiều lần", "thường xuyên"]))
}

/// What a deployment sends.
fn forces() -> &'static aho_corasick::AhoCorasick {
    static M: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        matcher(&[
            "binh sĩ",
            "quân",
            "lực lượng",
            "công binh",
            "chuyên gia",
            "lao động",
            "công nhân",
        ])
    })
}

fn trigger_matcher() -> &'static (aho_corasick::AhoCorasick, Vec<EventType>) {
    static M: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<EventType>)> =
        std::sync::OnceLock::new();
    M.get_or_init(|| {
        let mut words = Vec::new();
        let mut types = Vec::new();
        for (ty, ws) in TRIGGERS {
            for w in *ws {
                words.push(*w);
                types.push(*ty);
            }
        }
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&words)
            .expect("trigger words");
        (ac, types)
    })
}

/// The first trigger of each type in a sentence (lower case), standing as whole words.
fn find_triggers(lower: &str) -> Vec<(EventType, usize, usize)> {
    let (ac, types) = trigger_matcher();
    let mut out: Vec<(EventType, usize, usize)> = Vec::new();
    for m in ac.find_iter(lower) {
        let ty = types[m.pattern().as_usize()];
        if word_at(lower, m.start(), &lower[m.start()..m.end()]) && !out.iter().any(|x| x.0 == ty) {
            out.push((ty, m.start(), m.end()));
        }
    }
    out
}

/// Finds the events of an article; `mentions` are its names with their (linked or not)
/// types, `times` its date expressions.
pub fn find(a: &Article, mentions: &[Placed], times: &ArticleTimes) -> Vec<Event> {
    let article_date = a
        .published
        .as_ref()
        .map(|(s, _)| s.iso().split('T').next().unwrap_or("").to_string());
    let mut out: Vec<Event> = Vec::new();
    // the lead (the first two body paragraphs) is dated by the article
    let lead: Vec<usize> = a
        .paragraphs
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == Kind::Body)
        .map(|(i, _)| i)
        .take(2)
        .collect();
    let mut by_para: Vec<Vec<usize>> = vec![Vec::new(); a.paragraphs.len()];
    for (k, m) in mentions.iter().enumerate() {
        if let Some(p) = m.para.filter(|&p| p < by_para.len()) {
            by_para[p].push(k);
        }
    }
    for (pi, p) in a.paragraphs.iter().enumerate() {
        let t = &p.text.text;
        // triggers are lower-case words inside sentences: the text is searched as written
        let lower_para = t.as_str();
        if find_triggers(lower_para).is_empty() {
            continue;
        }
        for (s, e) in sentences(t) {
            let lower = &lower_para[s..e];
            let here: Vec<usize> = by_para[pi]
                .iter()
                .copied()
                .filter(|&k| mentions[k].mention.start >= s && mentions[k].mention.end <= e)
                .collect();
            let ty_of = |k: usize| mentions[k].mention.ty;
            let people: Vec<usize> = here
                .iter()
                .copied()
                .filter(|&k| ty_of(k) == Some(EntityType::PER))
                .collect();
            // background ("từng", "trước đây") tells no new event
            if background().is_match(lower) {
                continue;
            }
            let triggers = find_triggers(lower);
            let has = |t: EventType| triggers.iter().any(|x| x.0 == t);
            for &(ty, ts0, te0) in &triggers {
                let (ts, te) = (s + ts0, s + te0);
                // the two words before the trigger, in lower case
                let before_words: Vec<String> = lower[..ts0]
                    .split_whitespace()
                    .rev()
                    .take(2)
                    .map(str::to_lowercase)
                    .collect();
                let prev = before_words.first().map_or("", |w| w.as_str());
                let prev2 = before_words.get(1).map_or("", |w| w.as_str());
                // a meeting named as a reference point ("sau cuộc gặp", "kết quả cuộc gặp")
                if matches!(ty, EventType::MEET | EventType::SIGN)
                    && (matches!(prev, "sau" | "trước" | "khi")
                        || (prev2, prev) == ("kết", "quả")
                        || (prev2, prev) == ("sau", "khi"))
                {
                    continue;
                }
                // "theo lời mời" tells why someone came, not an invitation
                if ty == EventType::INVITE && (prev == "theo" || lower[..ts0].ends_with("theo ")) {
                    continue;
                }
                // a state, not an event ("đang có chuyến thăm"); a visit that is the object
                // of an invitation, or a homecoming told as travel
                if ty == EventType::VISIT
                    && (prev == "đang"
                        || prev2 == "đang"
                        || has(EventType::RETURN)
                        || has(EventType::INVITE))
                {
                    continue;
                }
                let places_after: Vec<usize> = here
                    .iter()
                    .copied()
                    .filter(|&k| {
                        ty_of(k) == Some(EntityType::LOC) && mentions[k].mention.start >= te
                    })
                    .collect();
                // "đến", "tới", "sang" travel only when a place follows closely
                let bare_motion = ty == EventType::VISIT
                    && matches!(&lower[ts - s..te - s], "đến" | "tới" | "sang");
                if bare_motion {
                    let place_close = places_after.first().is_some_and(|&k| {
                        t[te..mentions[k].mention.start].split_whitespace().count() <= 4
                    });
                    // the traveller is named just before the verb, in the same clause
                    let subject_close = people.iter().any(|&k| {
                        mentions[k].mention.end <= ts && {
                            let gap = &t[mentions[k].mention.end..ts];
                            gap.split_whitespace().count() <= 6 && !gap.contains(',')
                        }
                    });
                    if !place_close || !subject_close {
                        continue;
                    }
                }

                let (actors, place): (Vec<usize>, Option<usize>) = match ty {
                    EventType::VISIT | EventType::RETURN => {
                        // who travels: a person named before the verb, else the first; where: a place after it
                        let who = people.first();
                        let (Some(&who), Some(&to)) = (who, places_after.first()) else {
                            continue;
                        };
                        (vec![who], Some(to))
                    }
                    EventType::MEET | EventType::SIGN | EventType::INVITE => {
                        if people.len() < 2 {
                            continue;
                        }
                        let place = here.iter().copied().find(|&k| {
                            ty_of(k) == Some(EntityType::LOC) && {
                                let before = t[..mentions[k].mention.start].trim_end();
                                before.ends_with(" tại") || before.ends_with(" ở")
                            }
                        });
                        (people.iter().copied().take(3).collect(), place)
                    }
                    EventType::DEPLOY => {
                        // a country sends troops or workers: the country named last before the verb
                        if !forces().is_match(lower) {
                            continue;
                        }
                        let Some(&who) = here.iter().rev().find(|&&k| {
                            ty_of(k) == Some(EntityType::LOC) && mentions[k].mention.end <= ts
                        }) else {
                            continue;
                        };
                        (vec![who], places_after.iter().copied().find(|&k| k != who))
                    }
                };
                // the date nearest the trigger in the sentence (a day or a month), else the
                // article's for the lead
                let times = &times.paragraphs[pi];
                let date = times
                    .iter()
                    .filter(|x| {
                        x.start >= s
                            && x.end <= e
                            && !x.value.starts_with('P')
                            && x.value.len() >= 7
                            && !x.value.contains('W')
                            && !x.value.contains('Q')
                    })
                    .min_by_key(|x| {
                        if x.end <= ts {
                            ts - x.end
                        } else {
                            x.start.saturating_sub(te)
                        }
                    })
                    .map(|x| x.value.split('T').next().unwrap_or(&x.value).to_string())
                    .or_else(|| lead.contains(&pi).then(|| article_date.clone()).flatten());
                let Some(date) = date else { continue };
                // one event told twice is one event
                let same = out.iter_mut().find(|ev| {
                    ev.ty == ty
                        && ev.date == date
                        && ev.actors.iter().any(|&x| {
                            actors.iter().any(|&y| {
                                mentions[x].mention.surface == mentions[y].mention.surface || x == y
                            })
                        })
                });
                match same {
                    Some(ev) => ev.spans.push((pi, s, e)),
                    None => out.push(Event {
                        ty,
                        date,
                        actors,
                        place,
                        spans: vec![(pi, s, e)],
                    }),
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(page: &str) -> Vec<(EventType, String, Vec<String>, Option<String>)> {
        let (a, m) = crate::entities::first_article_names(page);
        let a = &a;
        find(a, &m, &ArticleTimes::of(a))
            .into_iter()
            .map(|e| {
                (
                    e.ty,
                    e.date,
                    e.actors
                        .iter()
                        .map(|&k| m[k].mention.surface.clone())
                        .collect(),
                    e.place.map(|k| m[k].mention.surface.clone()),
                )
            })
            .collect()
    }

    #[test]
    fn visit_meet_return_with_dates() {
        let page = "Thủ tướng Nhật Bản thăm Việt Nam\n\
            Thủ tướng Nhật Bản Kenji Sato đã đến Hà Nội hôm 3/5/2024, bắt đầu chuyến thăm chính thức ba ngày.\n\
            Ngày 4/5, ông Sato hội đàm với Thủ tướng Phạm Minh Chính tại Hà Nội.\n\
            Hai bên đã ký kết 5 văn kiện hợp tác. Sáng 6/5, ông Sato về đến Tokyo.\n";
        let ev = run(page);
        assert!(
            ev.iter().any(|e| e.0 == EventType::VISIT
                && e.1 == "2024-05-03"
                && e.2 == ["Kenji Sato"]
                && e.3.as_deref() == Some("Hà Nội")),
            "{ev:?}"
        );
        assert!(
            ev.iter().any(|e| e.0 == EventType::MEET
                && e.1 == "2024-05-04"
                && e.2.len() == 2
                && e.3.as_deref() == Some("Hà Nội")),
            "{ev:?}"
        );
        assert!(
            ev.iter().any(|e| e.0 == EventType::RETURN
                && e.1 == "2024-05-06"
                && e.3.as_deref() == Some("Tokyo")),
            "{ev:?}"
        );
        // the signing names no party: not an event
        assert!(!ev.iter().any(|e| e.0 == EventType::SIGN), "{ev:?}");
    }

    #[test]
    fn undated_background_is_not_an_event() {
        let page = "Quan hệ hai nước\n\
            Hôm 3/5/2024, hai bên thống nhất kế hoạch hợp tác mới.\n\
            Trước đây, ông Kenji Sato từng nhiều lần thăm Hà Nội và gặp ông Phạm Minh Chính.\n\
            Sau cuộc gặp, ông Sato cũng nhận lời mời thăm Tokyo của ông Phạm Minh Chính.\n";
        assert!(run(page).is_empty(), "{:?}", run(page));
    }
}
