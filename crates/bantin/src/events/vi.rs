//! Events told in Vietnamese: a verb for each kind, and one sentence for an event
//! ("Công an TP Cần Thơ bắt Nguyễn Văn A, 29/7/2026") given a way to name its entities.

use super::EventType;
use crate::record::EventRecord;

impl EventType {
    /// The Vietnamese verb of the kind: VISIT "thăm", MEET "gặp", ARREST "bắt", …
    pub fn verb_vi(&self) -> &'static str {
        match self {
            EventType::VISIT => "thăm",
            EventType::MEET => "gặp",
            EventType::SIGN => "ký kết với",
            EventType::INVITE => "mời",
            EventType::DEPLOY => "điều lực lượng tới",
            EventType::RETURN => "trở về",
            EventType::ATTACK => "tấn công",
            EventType::PROTEST => "biểu tình",
            EventType::ARREST => "bắt",
            EventType::SENTENCE => "tuyên án",
            EventType::APPOINT => "bổ nhiệm",
            EventType::DISMISS => "miễn nhiệm",
            EventType::ADOPT => "thông qua",
            EventType::ACCIDENT => "gặp tai nạn",
            EventType::DEAL => "giao dịch với",
            EventType::LAUNCH => "ra mắt",
            EventType::MATCH => "thi đấu với",
        }
    }

    /// The Vietnamese name of the kind, as a noun ("chuyến thăm", "vụ bắt giữ").
    pub fn label_vi(&self) -> &'static str {
        match self {
            EventType::VISIT => "chuyến thăm",
            EventType::MEET => "cuộc gặp",
            EventType::SIGN => "lễ ký kết",
            EventType::INVITE => "lời mời",
            EventType::DEPLOY => "điều động lực lượng",
            EventType::RETURN => "trở về",
            EventType::ATTACK => "vụ tấn công",
            EventType::PROTEST => "cuộc biểu tình",
            EventType::ARREST => "vụ bắt giữ",
            EventType::SENTENCE => "bản án",
            EventType::APPOINT => "bổ nhiệm",
            EventType::DISMISS => "miễn nhiệm",
            EventType::ADOPT => "thông qua",
            EventType::ACCIDENT => "tai nạn",
            EventType::DEAL => "giao dịch",
            EventType::LAUNCH => "ra mắt",
            EventType::MATCH => "trận đấu",
        }
    }
}

/// A TimeML date the Vietnamese way: "29/7/2026", "tháng 7/2026", "5/3 (không rõ năm)",
/// "năm 2026" (the one formatter of [`crate::display::date_vi`]).
pub fn date_vi(value: &str) -> String {
    crate::display::date_vi(value)
}

fn join(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} và {last}", init.join(", ")),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// An event as one Vietnamese sentence, its actors and place named through `name` (an
/// entity id to its name; an id it does not know is left out): "Công an TP Cần Thơ bắt
/// Nguyễn Văn A, 29/7/2026"; "Kim Jong-un thăm Nga, 12/9/2023"; "Tai nạn: Nguyễn Văn B
/// tại Huế, 18/2/2024".
pub fn sentence(ev: &EventRecord, name: &dyn Fn(&str) -> Option<String>) -> String {
    let actors: Vec<String> = ev.actors.iter().filter_map(|id| name(id)).collect();
    let place = ev.place.as_deref().and_then(name);
    let ty = ev.ty;
    let verb = ty.verb_vi();
    let mut out = match (ty, actors.as_slice()) {
        (_, []) => capitalize(ty.label_vi()),
        // travel: the place is the object
        (EventType::VISIT | EventType::RETURN | EventType::DEPLOY, [who, ..]) => match &place {
            Some(p) => format!("{who} {verb} {p}"),
            None => format!("{who} {}", ty.label_vi()),
        },
        // the victims of an accident
        (EventType::ACCIDENT, all) => format!("Tai nạn: {}", join(all)),
        // a doer and no one acted on
        (EventType::SIGN | EventType::DEAL | EventType::MATCH, [who]) => {
            format!("{who} {}", verb.trim_end_matches(" với"))
        }
        (EventType::PROTEST | EventType::ADOPT | EventType::LAUNCH, [who, rest @ ..]) => {
            if rest.is_empty() || ty == EventType::PROTEST {
                format!("{who} {verb}")
            } else {
                format!("{who} {verb} ({})", join(rest))
            }
        }
        (_, [who]) => match ty {
            EventType::APPOINT | EventType::DISMISS | EventType::ARREST | EventType::SENTENCE => {
                format!("{who} bị {verb}").replace("bị bổ nhiệm", "được bổ nhiệm")
            }
            _ => format!("{who} {verb}"),
        },
        (_, [who, rest @ ..]) => format!("{who} {verb} {}", join(rest)),
    };
    let travel = matches!(ty, EventType::VISIT | EventType::RETURN | EventType::DEPLOY);
    if let Some(p) = place.filter(|_| !travel && !actors.is_empty()) {
        out.push_str(&format!(" tại {p}"));
    }
    if !ev.date.is_empty() {
        out.push_str(", ");
        out.push_str(&date_vi(&ev.date));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(ty: EventType, date: &str, actors: &[&str], place: Option<&str>) -> EventRecord {
        EventRecord {
            ty,
            cameo: ty.cameo(),
            date: date.to_string(),
            actors: actors.iter().map(|s| s.to_string()).collect(),
            place: place.map(str::to_string),
            span: [0, 0],
            spans: vec![[0, 0]],
        }
    }

    fn names(id: &str) -> Option<String> {
        match id {
            "ca" => Some("Công an TP Cần Thơ".into()),
            "a" => Some("Nguyễn Văn A".into()),
            "b" => Some("Trần Thị B".into()),
            "hn" => Some("Hà Nội".into()),
            _ => None,
        }
    }

    #[test]
    fn every_kind_has_a_verb_and_a_label() {
        for t in EventType::ALL {
            assert!(!t.verb_vi().is_empty() && !t.label_vi().is_empty());
            assert_eq!(EventType::from_name(t.name()), Some(t));
        }
        assert_eq!(EventType::VISIT.verb_vi(), "thăm");
        assert_eq!(EventType::ARREST.verb_vi(), "bắt");
    }

    #[test]
    fn sentences_in_vietnamese() {
        let s = |r: &EventRecord| sentence(r, &names);
        assert_eq!(
            s(&rec(EventType::ARREST, "2026-07-29", &["ca", "a"], None)),
            "Công an TP Cần Thơ bắt Nguyễn Văn A, 29/7/2026"
        );
        assert_eq!(
            s(&rec(EventType::VISIT, "2026-07", &["a"], Some("hn"))),
            "Nguyễn Văn A thăm Hà Nội, tháng 7/2026"
        );
        assert_eq!(
            s(&rec(EventType::MEET, "XXXX-03-05", &["a", "b"], Some("hn"))),
            "Nguyễn Văn A gặp Trần Thị B tại Hà Nội, 5/3 (không rõ năm)"
        );
        assert_eq!(
            s(&rec(EventType::ARREST, "2026-07-29", &["a"], None)),
            "Nguyễn Văn A bị bắt, 29/7/2026"
        );
        assert_eq!(
            s(&rec(EventType::APPOINT, "2026", &["a"], None)),
            "Nguyễn Văn A được bổ nhiệm, năm 2026"
        );
        // an id without a name is left out
        assert_eq!(
            s(&rec(
                EventType::ACCIDENT,
                "2026-02-18",
                &["x", "a", "b"],
                Some("hn")
            )),
            "Tai nạn: Nguyễn Văn A và Trần Thị B tại Hà Nội, 18/2/2026"
        );
        assert_eq!(
            s(&rec(EventType::PROTEST, "", &["x"], None)),
            "Cuộc biểu tình"
        );
    }
}
