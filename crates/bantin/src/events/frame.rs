//! The frame of a trigger in its sentence: whether it tells an event, how (done, negated,
//! planned, background), who acts on whom and where.

use super::lexicon::{Class, Cond, Hit, Tok};
use super::{EventType, Sentence, Status};
use crate::entities::{EntityType, Placed};
/// Words before a name that make it a place, not a party.
const PLACE_WORDS: &[&str] = &[
    "tại", "ở", "từ", "đến", "tới", "sang", "về", "trên", "khắp", "vào", "qua", "quanh",
];

/// Syllables of the common nouns of places written between a word of place and a name
/// ("tại thủ đô Bucharest", "ở thị trấn X").
const PLACE_NOUNS: &[&str] = &[
    "thủ",
    "đô",
    "thành",
    "phố",
    "tỉnh",
    "huyện",
    "xã",
    "quận",
    "phường",
    "thị",
    "trấn",
    "làng",
    "bang",
    "vùng",
    "miền",
    "khu",
    "vực",
    "nước",
    "đảo",
    "thôn",
    "bản",
    "ấp",
];

/// Words before a name that make it a possessor or a companion, not the subject.
const OBLIQUE_WORDS: &[&str] = &["của", "cho", "với", "theo", "về"];

pub(super) struct Frame {
    pub(super) actors: Vec<usize>,
    pub(super) place: Option<usize>,
    pub(super) status: Status,
    /// Told as done: "đã" or "vừa" in its sentence.
    pub(super) past: bool,
}

/// The byte ranges inside “…” quotation marks of a paragraph, the outermost of nested
/// ones (“… “quân xanh” …” is one quotation).
pub(super) fn quoted_ranges(t: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut depth = 0usize;
    for (i, c) in t.char_indices() {
        match c {
            '“' => {
                if depth == 0 {
                    open = Some(i);
                }
                depth += 1;
            }
            '”' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    if let Some(o) = open.take() {
                        out.push((o, i));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The byte ranges of photo and video credits in a sentence ("(Ảnh: AFP/TTXVN)",
/// "Ảnh: Hoàng Hải/TTXVN"): the names in them are no parties.
pub(super) fn credit_ranges(text: &str, toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !matches!(t.lower.as_ref(), "ảnh" | "nguồn" | "video" | "clip" | "đồ") {
            continue;
        }
        if !text[t.end..].starts_with(':') {
            continue;
        }
        let paren = text[..t.start].trim_end().ends_with('(');
        let end = if paren {
            text[t.end..].find(')').map(|k| t.end + k + 1)
        } else {
            // up to the syllable after the last slash within the next six ("AFP/TTXVN")
            toks[i + 1..]
                .iter()
                .take(6)
                .filter(|x| text[..x.start].ends_with('/'))
                .map(|x| x.end)
                .next_back()
                .or_else(|| toks.get(i + 1).map(|x| x.end))
        };
        if let Some(end) = end {
            out.push((t.start, end));
        }
    }
    out
}

/// Words that make the trigger after them a noun: a mention of an event.
const NOMINAL: &[&str] = &["cuộc", "vụ", "chuyến", "lễ", "buổi", "sự", "trận", "việc"];

pub(super) struct Ctx<'a> {
    pub(super) mentions: &'a [Placed],
    pub(super) sen: &'a Sentence<'a>,
    pub(super) prev_people: &'a [usize],
    pub(super) victims: bool,
    pub(super) quoted: &'a [(usize, usize)],
}

impl Ctx<'_> {
    fn ty(&self, k: usize) -> Option<EntityType> {
        self.mentions[k].mention.ty
    }
    fn start(&self, k: usize) -> usize {
        self.mentions[k].mention.start
    }
    fn end(&self, k: usize) -> usize {
        self.mentions[k].mention.end
    }

    /// A name written after a word of place ("tại Hà Nội").
    fn is_place(&self, k: usize) -> bool {
        let w = self.sen.word_before(self.start(k), 1);
        if PLACE_WORDS.contains(&w) || matches!(w, "ảnh" | "nguồn" | "clip") {
            return true;
        }
        // a place noun between ("tại thủ đô Bucharest", "ở thành phố Huế")
        (1..=3)
            .take_while(|&b| PLACE_NOUNS.contains(&self.sen.word_before(self.start(k), b)))
            .last()
            .is_some_and(|b| PLACE_WORDS.contains(&self.sen.word_before(self.start(k), b + 1)))
    }

    /// A meeting or signing named as a reference point ("sau cuộc gặp", "kết quả cuộc
    /// gặp"): no other trigger of its kind in the sentence tells an event either.
    pub(super) fn is_reference(&self, hi: usize, ty: EventType) -> bool {
        let sen = self.sen;
        let ts = sen.toks[sen.hits[hi].first].start;
        let prev = sen.word_before(ts, 1);
        let prev2 = sen.word_before(ts, 2);
        let anchor = |w: &str| matches!(w, "sau" | "trước" | "khi");
        // any event named as a noun after "sau", "trước", "khi" ("sau trận thua …", "trước
        // vụ tấn công …") is the time of something else
        (matches!(ty, EventType::MEET | EventType::SIGN)
            && (anchor(prev) || (prev2, prev) == ("kết", "quả")))
            || (NOMINAL.contains(&prev) && anchor(prev2))
    }

    /// An event named as a noun after a verb of saying is what someone speaks of ("…
    /// nhấn mạnh chuyến thăm của đoàn …", "KCNA dẫn lời … cuộc hội đàm"): no other trigger
    /// of its kind after it in the sentence ("chuyến thăm đến …") tells one either.
    pub(super) fn is_spoken_of(&self, hi: usize) -> bool {
        let sen = self.sen;
        let h = &sen.hits[hi];
        let prev = sen.word_before(sen.toks[h.first].start, 1);
        let nominal =
            NOMINAL.contains(&prev) || NOMINAL.contains(&sen.toks[h.first].lower.as_ref());
        nominal && sen.hits[..hi].iter().any(|x| x.is(Class::Say))
    }

    /// The frame of the trigger `hits[hi]` read as `ty`, or `None` when it tells no event.
    pub(super) fn frame(&self, hi: usize, ty: EventType, cond: Cond) -> Option<Frame> {
        if self.tells_none(hi, ty, cond) {
            return None;
        }
        let status = self.status(hi);
        let (actors, place) = self.roles(hi, ty, cond)?;
        Some(Frame {
            actors,
            place,
            status,
            past: self
                .sen
                .toks
                .iter()
                .any(|t| matches!(t.lower.as_ref(), "đã" | "vừa")),
        })
    }

    /// Whether the trigger `hits[hi]` read as `ty` tells no event: part of a name, a
    /// reference, speech, a state, or without what its kind needs.
    fn tells_none(&self, hi: usize, ty: EventType, cond: Cond) -> bool {
        let sen = self.sen;
        let h = &sen.hits[hi];
        let (ts, te) = (sen.toks[h.first].start, sen.toks[h.end - 1].end);
        // a trigger inside a name ("Nguyễn Văn Thắng") is part of the name
        // (a lower-case trigger at the edge of a name is one the recognizer took in:
        // "Công an TP Cần Thơ bắt …")
        let capital = sen.text[ts..].starts_with(char::is_uppercase);
        if capital && sen.all_names.iter().any(|&(a, b)| a <= ts && te <= b) {
            return true;
        }
        let prev = sen.word_before(ts, 1);
        let prev2 = sen.word_before(ts, 2);
        let has_type = |t: EventType| {
            sen.hits
                .iter()
                .any(|x| x.classes.iter().any(|c| c.0 == Class::Event(t)))
        };
        // a reference, or an event named as the place of something ("tại hội thảo")
        if self.is_reference(hi, ty) || matches!(prev, "tại" | "ở") {
            return true;
        }
        // what someone says in quotation marks is speech, not the report of an event
        if self.quoted.iter().any(|&(a, b)| a < ts && te <= b) {
            return true;
        }
        if self.is_spoken_of(hi) {
            return true;
        }
        // "theo lời mời" tells why someone came, not an invitation
        if ty == EventType::INVITE && prev == "theo" {
            return true;
        }
        // a state, not an event ("đang có chuyến thăm"); a visit that is the object of an
        // invitation, or a homecoming told as travel
        if ty == EventType::VISIT
            && (prev == "đang"
                || prev2 == "đang"
                || has_type(EventType::RETURN)
                || has_type(EventType::INVITE))
        {
            return true;
        }
        match cond {
            Cond::Object => {
                let ok = sen.hits[hi + 1..]
                    .iter()
                    .take_while(|x| x.first < h.end + 4)
                    .any(|x| x.is(Class::Obj));
                if !ok {
                    return true;
                }
            }
            Cond::Forces if !sen.hits.iter().any(|x| x.is(Class::Force)) => return true,
            _ => {}
        }
        if ty == EventType::ACCIDENT && !self.victims {
            return true;
        }
        // a decision whose matter is another event ("công bố quyết định bổ nhiệm", "ra
        // quyết định khởi tố") is that event
        if ty == EventType::ADOPT
            && sen.hits[hi + 1..]
                .iter()
                .take_while(|x| x.first <= h.end + 1)
                .any(|x| {
                    x.classes
                        .iter()
                        .any(|c| matches!(c.0, Class::Event(t) if t != EventType::ADOPT))
                })
        {
            return true;
        }

        false
    }

    /// How the trigger `hits[hi]` is told.
    fn status(&self, hi: usize) -> Status {
        let sen = self.sen;
        let h = &sen.hits[hi];
        let ts = sen.toks[h.first].start;
        // how it is told: negation and plans close before the trigger in its clause,
        // background anywhere before it in the sentence
        let clause = sen.clause_start(ts);
        let ti = h.first;
        let mut status = Status::Actual;
        // cues inside names ("Cần Thơ") are names
        let in_name = |x: &Hit| {
            let a = sen.toks[x.first].start;
            sen.all_names.iter().any(|&(s, e)| s <= a && a < e)
        };
        for x in sen.hits[..hi].iter().filter(|x| !in_name(x)) {
            let x_start = sen.toks[x.first].start;
            let close = x_start >= clause && ti - x.end <= 4;
            if x.is(Class::Bg) {
                status = Status::Background;
            } else if x.is(Class::Neg) && close && status == Status::Actual {
                status = Status::Negated;
            } else if x.is(Class::Plan) && (close || x_start >= clause) && status == Status::Actual
            {
                status = Status::Planned;
            }
        }
        // a clause of time ("sau khi Ukraine tấn công …, Triều Tiên cử …") sets the scene
        let c0 = sen.tok_at(clause);
        let opener: Vec<&str> = sen.toks[c0..(c0 + 3).min(ti)]
            .iter()
            .map(|t| t.lower.as_ref())
            .collect();
        if status == Status::Actual
            && (opener.starts_with(&["sau", "khi"])
                || opener.starts_with(&["trước", "khi"])
                || opener.starts_with(&["từ", "khi"])
                || opener.starts_with(&["kể", "từ", "khi"]))
        {
            status = Status::Background;
        }
        // "trước đó" after the verb also tells background
        if sen.hits[hi + 1..]
            .iter()
            .any(|x| x.is(Class::Bg) && !in_name(x))
            && status == Status::Actual
        {
            status = Status::Background;
        }

        status
    }

    /// Who travels and where to: the person named before the verb (else the subject) and
    /// the first place after it; "đến", "tới", "sang" travel only when a place follows
    /// closely and the traveller is named just before the verb, in the same clause.
    fn traveller(
        &self,
        cond: Cond,
        (ts, te): (usize, usize),
        before: &[usize],
        subject: &[usize],
        locs_after: &[usize],
    ) -> Option<(usize, usize)> {
        let sen = self.sen;
        let person_before = before
            .iter()
            .rev()
            .copied()
            .find(|&k| self.ty(k) == Some(EntityType::PER));
        let who = person_before.or_else(|| subject.first().copied())?;
        let &to = locs_after.iter().find(|&&k| !subject.contains(&k))?;
        if cond == Cond::Place {
            let close = sen.text[te..self.start(to)].split_whitespace().count() <= 4;
            let gap = &sen.text[self.end(who).min(ts)..ts];
            let subject_close =
                self.end(who) <= ts && gap.split_whitespace().count() <= 6 && !gap.contains(',');
            if !close || !subject_close {
                return None;
            }
        }
        Some((who, to))
    }

    /// The doer and those acted on (doer first), and the place, of the trigger `hits[hi]`
    /// read as `ty`; `None` when the sentence does not name them.
    fn roles(&self, hi: usize, ty: EventType, cond: Cond) -> Option<(Vec<usize>, Option<usize>)> {
        let sen = self.sen;
        let h = &sen.hits[hi];
        let (ts, te) = (sen.toks[h.first].start, sen.toks[h.end - 1].end);
        let clause = sen.clause_start(ts);
        let names = &sen.names;
        let parties: Vec<usize> = names
            .iter()
            .copied()
            .filter(|&k| !self.is_place(k))
            .collect();
        let before: Vec<usize> = parties
            .iter()
            .copied()
            .filter(|&k| self.end(k) <= ts)
            .collect();
        let after: Vec<usize> = parties
            .iter()
            .copied()
            .filter(|&k| self.start(k) >= te)
            .collect();
        let locs_after: Vec<usize> = names
            .iter()
            .copied()
            .filter(|&k| self.ty(k) == Some(EntityType::LOC) && self.start(k) >= te)
            .collect();
        let place_marked = names.iter().copied().find(|&k| {
            self.ty(k) == Some(EntityType::LOC)
                && matches!(sen.word_before(self.start(k), 1), "tại" | "ở")
        });

        let (subject, agent, passive) = self.subject(ts, &before, &after);

        let mut actors: Vec<usize> = Vec::new();
        let mut place: Option<usize> = place_marked;
        match ty {
            EventType::VISIT | EventType::RETURN => {
                let (who, to) = self.traveller(cond, (ts, te), &before, &subject, &locs_after)?;
                actors.push(who);
                place = Some(to);
            }
            EventType::DEPLOY => {
                // a country sends troops or workers: the country named last before the verb
                let who = names
                    .iter()
                    .rev()
                    .copied()
                    .find(|&k| self.ty(k) == Some(EntityType::LOC) && self.end(k) <= ts)?;
                actors.push(who);
                place = locs_after.iter().copied().find(|&k| k != who);
            }
            EventType::ACCIDENT => {
                // the victims: the people of the sentence, else of the sentence before
                let here: Vec<usize> = names
                    .iter()
                    .copied()
                    .filter(|&k| self.ty(k) == Some(EntityType::PER))
                    .collect();
                actors = if here.is_empty() {
                    self.prev_people.to_vec()
                } else {
                    here
                };
                if actors.is_empty() {
                    actors = parties.clone();
                }
            }
            _ => {
                // doer first, then those acted on
                if passive {
                    actors.extend(agent.iter().copied());
                    actors.extend(subject.iter().copied());
                } else {
                    actors.extend(subject.iter().copied());
                }
                let symmetric = matches!(
                    ty,
                    EventType::MEET | EventType::SIGN | EventType::MATCH | EventType::DEAL
                );
                if symmetric {
                    self.co_parties(clause, &before, &mut actors);
                }
                self.acted_on(te, &after, place, &mut actors);
            }
        }
        let uniq = self.enough(actors, ty, cond)?;
        Some((uniq, place))
    }

    /// The subject before the trigger at `ts`, the agent of a passive, and whether it is
    /// one.
    fn subject(
        &self,
        ts: usize,
        before: &[usize],
        after: &[usize],
    ) -> (Vec<usize>, Vec<usize>, bool) {
        let sen = self.sen;
        // the passive: "A bị B bắt", "A được B bổ nhiệm", "A bị bắt bởi B"
        let passive_at = (1..=4).find_map(|back| {
            let w = sen.word_before(ts, back);
            matches!(w, "bị" | "được").then(|| {
                let i = sen.tok_at(ts) - back;
                sen.toks[i].start
            })
        });
        let agent_after_boi = after
            .iter()
            .copied()
            .find(|&k| sen.word_before(self.start(k), 1) == "bởi");

        // the subject: the first party before the verb (not a possessor or companion), with
        // the names glued to it ("Thành ủy TP.HCM Nguyễn Văn A": the person is the doer)
        let subject_limit = passive_at.unwrap_or(ts);
        let subj_cands: Vec<usize> = before
            .iter()
            .copied()
            .filter(|&k| self.end(k) <= subject_limit)
            .filter(|&k| !OBLIQUE_WORDS.contains(&sen.word_before(self.start(k), 1)))
            .filter(|&k| {
                let c = sen.clause_start(self.start(k));
                sen.toks
                    .get(sen.tok_at(c))
                    .is_none_or(|t| t.lower != "theo")
            })
            .collect();
        let mut subject: Vec<usize> = Vec::new();
        if let Some(&first) = subj_cands.first() {
            subject.push(first);
            let mut last_end = self.end(first);
            for &k in &subj_cands[1..] {
                let gap = &sen.text[last_end..self.start(k)];
                let glued = gap.trim().is_empty();
                let joined = matches!(gap.trim(), "và" | "cùng" | "cùng với" | "," | "với");
                if glued || joined {
                    subject.push(k);
                    last_end = self.end(k);
                } else {
                    break;
                }
            }
            // a person glued after an organisation or place heads the group
            if let Some(pos) = subject
                .iter()
                .position(|&k| self.ty(k) == Some(EntityType::PER))
            {
                let p = subject.remove(pos);
                subject.insert(0, p);
            }
        }
        let agent: Vec<usize> = match (passive_at, agent_after_boi) {
            (_, Some(k)) => vec![k],
            (Some(pa), None) => before
                .iter()
                .copied()
                .filter(|&k| self.start(k) >= pa)
                .collect(),
            _ => Vec::new(),
        };
        let passive = passive_at.is_some() || agent_after_boi.is_some();

        (subject, agent, passive)
    }

    /// The others of a meeting, signing, match or deal: named before the verb in its
    /// clause, or with "và", "với", "cùng".
    fn co_parties(&self, clause: usize, before: &[usize], actors: &mut Vec<usize>) {
        for &k in before {
            let w = self.sen.word_before(self.start(k), 1);
            let joined = matches!(w, "với" | "và" | "cùng")
                || (self.start(k) >= clause && !OBLIQUE_WORDS.contains(&w));
            if joined && !actors.contains(&k) {
                actors.push(k);
            }
        }
    }

    /// Those acted on: named after the verb (ending at `te`) in its clause, or anywhere
    /// after it when no doer is named.
    fn acted_on(&self, te: usize, after: &[usize], place: Option<usize>, actors: &mut Vec<usize>) {
        let sen = self.sen;
        let clause_end = sen.text[te..sen.e]
            .find([',', ';', '.', ':'])
            .map_or(sen.e, |k| te + k);
        let anywhere = actors.is_empty();
        for &k in after {
            if (anywhere || self.start(k) < clause_end) && !actors.contains(&k) && Some(k) != place
            {
                actors.push(k);
            }
        }
    }

    /// The actors without repeats, at most five; `None` when too few for the kind.
    fn enough(&self, mut actors: Vec<usize>, ty: EventType, cond: Cond) -> Option<Vec<usize>> {
        actors.dedup();
        let mut uniq: Vec<usize> = Vec::new();
        for k in actors {
            if !uniq.contains(&k) {
                uniq.push(k);
            }
        }
        uniq.truncate(5);
        let pair_needed = cond == Cond::Pair
            || matches!(
                ty,
                EventType::MEET | EventType::SIGN | EventType::INVITE | EventType::MATCH
            );
        let distinct = {
            let mut s: Vec<&str> = uniq
                .iter()
                .map(|&k| self.mentions[k].mention.surface.as_str())
                .collect();
            s.sort_unstable();
            s.dedup();
            s.len()
        };
        if uniq.is_empty() || (pair_needed && distinct < 2) {
            return None;
        }
        // a meeting, signing or invitation has a person or a body among its parties
        if matches!(ty, EventType::MEET | EventType::SIGN | EventType::INVITE)
            && !uniq
                .iter()
                .any(|&k| matches!(self.ty(k), Some(EntityType::PER) | Some(EntityType::ORG)))
        {
            return None;
        }
        Some(uniq)
    }
}
