//! Events a timeline needs, of every kind of news: visits, meetings, signings, invitations,
//! deployments and returns; attacks, protests, arrests and sentences; appointments,
//! dismissals and decisions adopted; accidents, deals, launches and matches. Each is read
//! sentence by sentence from a trigger word of `data/events.tsv` (whole syllables), with its
//! frame taken from the sentence: who acts (the subject before the verb, or the agent of a
//! passive "bị/được … (bởi) X"), on whom, where ("tại/ở"), and when (the date expression
//! nearest the trigger, else the previous sentence's, else the article's for its lead).
//! Negated, planned and background events are kept apart ([`Status`]). One event told in
//! several sentences is one event with several spans.

mod lexicon;
pub mod vi;

use crate::entities::{EntityType, Placed};
use crate::page::{Article, DateSource, Kind};
use crate::temporal::ArticleTimes;
use lexicon::{Class, Cond, Hit, Lexicon, Tok};

/// The kinds of event, with their CAMEO codes where one exists.
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
    /// An armed attack, strike or shelling (CAMEO 190–195).
    ATTACK,
    /// A demonstration or strike by people (CAMEO 140).
    PROTEST,
    /// An arrest, detention or prosecution (CAMEO 173).
    ARREST,
    /// A court's verdict or sentence.
    SENTENCE,
    /// Someone elected or appointed to a post.
    APPOINT,
    /// Someone dismissed, resigned or retired from a post.
    DISMISS,
    /// A law, resolution, decision or plan adopted or issued by an authority.
    ADOPT,
    /// A crash, fire or disaster with victims.
    ACCIDENT,
    /// An acquisition, investment, contract, sale or delivery between organisations.
    DEAL,
    /// A product, service, route or work launched, opened or begun.
    LAUNCH,
    /// A sports match, the teams or players as actors.
    MATCH,
}

impl EventType {
    /// Every kind.
    pub const ALL: [EventType; 17] = [
        EventType::VISIT,
        EventType::MEET,
        EventType::SIGN,
        EventType::INVITE,
        EventType::DEPLOY,
        EventType::RETURN,
        EventType::ATTACK,
        EventType::PROTEST,
        EventType::ARREST,
        EventType::SENTENCE,
        EventType::APPOINT,
        EventType::DISMISS,
        EventType::ADOPT,
        EventType::ACCIDENT,
        EventType::DEAL,
        EventType::LAUNCH,
        EventType::MATCH,
    ];

    /// The CAMEO code it corresponds to, `""` for kinds CAMEO has no code for.
    pub fn cameo(&self) -> &'static str {
        match self {
            EventType::VISIT => "042",
            EventType::MEET => "040",
            EventType::SIGN => "057",
            EventType::INVITE => "036",
            EventType::DEPLOY => "074",
            EventType::RETURN => "043",
            EventType::ATTACK => "190",
            EventType::PROTEST => "140",
            EventType::ARREST => "173",
            _ => "",
        }
    }

    /// Its name as written in records ("VISIT").
    pub fn name(&self) -> &'static str {
        match self {
            EventType::VISIT => "VISIT",
            EventType::MEET => "MEET",
            EventType::SIGN => "SIGN",
            EventType::INVITE => "INVITE",
            EventType::DEPLOY => "DEPLOY",
            EventType::RETURN => "RETURN",
            EventType::ATTACK => "ATTACK",
            EventType::PROTEST => "PROTEST",
            EventType::ARREST => "ARREST",
            EventType::SENTENCE => "SENTENCE",
            EventType::APPOINT => "APPOINT",
            EventType::DISMISS => "DISMISS",
            EventType::ADOPT => "ADOPT",
            EventType::ACCIDENT => "ACCIDENT",
            EventType::DEAL => "DEAL",
            EventType::LAUNCH => "LAUNCH",
            EventType::MATCH => "MATCH",
        }
    }

    /// The kind of a name ("VISIT").
    pub fn from_name(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.name() == s)
    }
}

/// How a sentence tells an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Status {
    /// It happened.
    Actual,
    /// It did not happen ("không", "chưa", "bác bỏ", "hoãn").
    Negated,
    /// It is planned, wished or asked for ("sẽ", "dự kiến", "kế hoạch"), or dated after
    /// the article.
    Planned,
    /// It is history ("từng", "trước đó"), or dated more than a year before the article.
    Background,
}

/// An event found in an article.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Event {
    /// Its kind.
    pub ty: EventType,
    /// TimeML date.
    pub date: String,
    /// The actors, the doer first: indices into the mentions given to [`find`].
    pub actors: Vec<usize>,
    /// The place: an index into the mentions.
    pub place: Option<usize>,
    /// (paragraph, start, end) of every sentence that tells it.
    pub spans: Vec<(usize, usize, usize)>,
    /// Whether it happened.
    pub status: Status,
}

/// Finds the events of an article that happened; `mentions` are its names with their
/// (linked or not) types, `times` its date expressions.
pub fn find(a: &Article, mentions: &[Placed], times: &ArticleTimes) -> Vec<Event> {
    let mut all = find_all(a, mentions, times);
    all.retain(|e| e.status == Status::Actual);
    all
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The (year, month) of a day number.
fn month_of(z: i64) -> (i64, i64) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m)
}

/// The date an event can take from an expression's TimeML value: a day or a month as they
/// are; an ISO week as the month holding its Thursday; nothing for years, quarters,
/// durations.
fn event_date(value: &str) -> Option<String> {
    let v = value.split('T').next().unwrap_or(value);
    if v.starts_with('P') || v.contains('Q') || v.len() < 7 {
        return None;
    }
    if let Some((y, w)) = v.split_once("-W") {
        let (y, w): (i64, i64) = (y.parse().ok()?, w.get(..2)?.parse().ok()?);
        let jan4 = days(y, 1, 4);
        let monday1 = jan4 - (jan4 + 3).rem_euclid(7);
        let (yy, mm) = month_of(monday1 + (w - 1) * 7 + 3);
        return Some(format!("{yy:04}-{mm:02}"));
    }
    let b = v.as_bytes();
    let ok = b.len() >= 7
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && (b.len() == 7
            || (b.len() == 10 && b[7] == b'-' && b[8..].iter().all(u8::is_ascii_digit)));
    ok.then(|| v.to_string())
}

/// The first and last day a date (day or month) covers, `None` without a year.
fn day_range(v: &str) -> Option<(i64, i64)> {
    let y: i64 = v.get(..4)?.parse().ok()?;
    let m: i64 = v.get(5..7)?.parse().ok()?;
    match v.get(8..10).and_then(|d| d.parse::<i64>().ok()) {
        Some(d) => Some((days(y, m, d), days(y, m, d))),
        None => {
            let next = if m >= 12 {
                days(y + 1, 1, 1)
            } else {
                days(y, m + 1, 1)
            };
            Some((days(y, m, 1), next - 1))
        }
    }
}

/// Entity types that can act in an event.
fn party(t: Option<EntityType>) -> bool {
    matches!(
        t,
        Some(EntityType::PER) | Some(EntityType::ORG) | Some(EntityType::LOC)
    )
}

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

/// The frame of one sentence: its syllables and phrases, and its names.
struct Sentence<'a> {
    text: &'a str,
    s: usize,
    e: usize,
    toks: &'a [Tok<'a>],
    hits: Vec<Hit<'static>>,
    /// Names in it that can act (mention indices), in order.
    names: Vec<usize>,
    /// The spans of every name in it.
    all_names: Vec<(usize, usize)>,
}

impl Sentence<'_> {
    /// The lower-case syllable just before byte `at`, in the sentence.
    fn word_before(&self, at: usize, back: usize) -> &str {
        let i = self.toks.partition_point(|t| t.end <= at);
        if i < back {
            return "";
        }
        &self.toks[i - back].lower
    }

    /// The index of the syllable starting at or after `at`.
    fn tok_at(&self, at: usize) -> usize {
        self.toks.partition_point(|t| t.start < at)
    }

    /// The start of the clause holding byte `at`: after the last comma, semicolon, colon or
    /// dash before it.
    fn clause_start(&self, at: usize) -> usize {
        self.text[self.s..at]
            .rfind([',', ';', ':', '–', '('])
            .map_or(self.s, |k| self.s + k + 1)
    }
}

/// Finds the events of an article with how each is told (see [`Status`]).
pub fn find_all(a: &Article, mentions: &[Placed], times: &ArticleTimes) -> Vec<Event> {
    let lex = Lexicon::get();
    let article_date = a
        .published
        .as_ref()
        .map(|(s, _)| s.iso().split('T').next().unwrap_or("").to_string());
    let article_days = article_date.as_deref().and_then(day_range).map(|r| r.0);
    // an article's year reasoned from the days its text tells, when no date of the text
    // prints it, is a guess: a day told without its year takes none from it ("XXXX-02-18")
    let year_guessed = matches!(a.published, Some((_, DateSource::Text)))
        && article_date
            .as_deref()
            .and_then(|d| d.get(..4))
            .is_some_and(|y| !y.starts_with('X') && !year_printed(a, times, y));
    let unknown_year = |mut d: String| {
        if year_guessed && d.len() >= 4 {
            d.replace_range(..4, "XXXX");
        }
        d
    };
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
    for list in &mut by_para {
        list.sort_by_key(|&k| mentions[k].mention.start);
    }
    let ty_of = |k: usize| mentions[k].mention.ty;
    let m_start = |k: usize| mentions[k].mention.start;
    let m_end = |k: usize| mentions[k].mention.end;
    for (pi, p) in a.paragraphs.iter().enumerate() {
        let t = &p.text.text;
        let para_times = times.paragraphs.get(pi).map_or(&[][..], |v| &v[..]);
        let mut prev_people: Vec<usize> = Vec::new();
        let mut victims_here: Option<bool> = None;
        let quoted = quoted_ranges(t);
        let para_toks = lexicon::tokens(t, 0, t.len());
        for (si, (s, e)) in crate::digest::text::sentences(t).into_iter().enumerate() {
            let in_lead = lead.contains(&pi) && si < 3;
            let toks = &para_toks[para_toks.partition_point(|x| x.start < s)
                ..para_toks.partition_point(|x| x.end <= e)];
            let hits = lex.scan(toks);
            let in_sentence: Vec<usize> = by_para[pi]
                .iter()
                .copied()
                .filter(|&k| m_start(k) >= s && m_end(k) <= e)
                .collect();
            let all_names = in_sentence
                .iter()
                .map(|&k| (m_start(k), m_end(k)))
                .collect();
            let credits = credit_ranges(t, toks);
            let names: Vec<usize> = in_sentence
                .into_iter()
                .filter(|&k| party(ty_of(k)))
                .filter(|&k| {
                    !credits
                        .iter()
                        .any(|&(a, b)| a <= m_start(k) && m_start(k) < b)
                })
                .collect();
            // a year written alone in the sentence ("Năm 2017, … ngày 27/7") is the year of
            // its days written without one
            let year_here = para_times
                .iter()
                .find(|x| x.start >= s && x.end <= e && x.value.len() == 4)
                .map(|x| x.value.clone());
            let dates: Vec<(usize, usize, String)> = para_times
                .iter()
                .filter(|x| x.start >= s && x.end <= e)
                .filter_map(|x| {
                    let mut d = event_date(&x.value)?;
                    let written_year = t[x.start..x.end]
                        .split(|c: char| !c.is_ascii_digit())
                        .any(|n| n.len() == 4);
                    match year_here.as_ref().filter(|_| !written_year) {
                        Some(y) => d.replace_range(..4, y),
                        None if !written_year => d = unknown_year(d),
                        None => {}
                    }
                    Some((x.start, x.end, d))
                })
                .collect();
            let people: Vec<usize> = names
                .iter()
                .copied()
                .filter(|&k| ty_of(k) == Some(EntityType::PER))
                .collect();
            let sen = Sentence {
                text: t,
                s,
                e,
                toks,
                hits,
                names,
                all_names,
            };
            if sen
                .hits
                .iter()
                .any(|h| h.classes.iter().any(|c| matches!(c.0, Class::Event(_))))
            {
                let victims = *victims_here.get_or_insert_with(|| {
                    let hits = lex.scan(&para_toks);
                    // "không có thương vong", "không ai bị thương": no victims
                    hits.iter().enumerate().any(|(j, h)| {
                        h.is(Class::Victim)
                            && !hits[j.saturating_sub(2)..j]
                                .iter()
                                .any(|x| x.is(Class::Neg) && h.first - x.end <= 3)
                    })
                });
                let ctx = Ctx {
                    mentions,
                    sen: &sen,
                    prev_people: &prev_people,
                    victims,
                    quoted: &quoted,
                };
                let mut seen: Vec<EventType> = Vec::new();
                for (hi, h) in sen.hits.iter().enumerate() {
                    for &(class, cond) in h.classes {
                        let Class::Event(ty) = class else { continue };
                        if seen.contains(&ty) {
                            continue;
                        }
                        let frame = ctx.frame(hi, ty, cond);
                        let Some(frame) = frame else {
                            if ctx.is_reference(hi, ty) || ctx.is_spoken_of(hi) {
                                seen.push(ty);
                            }
                            continue;
                        };
                        seen.push(ty);
                        let (ts, te) = (sen.toks[h.first].start, sen.toks[h.end - 1].end);
                        // the date nearest the trigger, else one written "ngày 22-10",
                        // else the article's for the lead
                        let lead_date = in_lead
                            .then(|| article_date.clone().map(unknown_year))
                            .flatten();
                        let date = dates
                            .iter()
                            .min_by_key(|x| {
                                if x.1 <= ts {
                                    ts - x.1
                                } else {
                                    x.0.saturating_sub(te)
                                }
                            })
                            .map(|x| x.2.clone())
                            .or_else(|| dashed_day(&sen, article_date.as_deref()).map(unknown_year))
                            .or_else(|| lead_date.clone().filter(|_| year_here.is_none()));
                        let Some(mut date) = date else { continue };
                        let mut status = frame.status;
                        if status == Status::Actual {
                            if let (Some(pd), Some((first, last))) =
                                (article_days, day_range(&date))
                            {
                                if first > pd + 1 {
                                    // told as done ("đã", "vừa") but dated later: the
                                    // expression is no date of it (a score "6/1"); the
                                    // lead's date stands
                                    match lead_date.as_ref().filter(|_| frame.past) {
                                        Some(d) => date = d.clone(),
                                        None => status = Status::Planned,
                                    }
                                } else if last <= pd - 365 {
                                    status = Status::Background;
                                }
                            }
                        }
                        add(
                            &mut out,
                            mentions,
                            Event {
                                ty,
                                date,
                                actors: frame.actors,
                                place: frame.place,
                                spans: vec![(pi, s, e)],
                                status,
                            },
                        );
                    }
                }
            }
            if !people.is_empty() {
                prev_people = people;
            }
        }
    }
    out
}

/// Whether a date expression of the article prints the year `y` with a day or a month
/// ("26/7/2023", "tháng 7/2023").
fn year_printed(a: &Article, times: &ArticleTimes, y: &str) -> bool {
    let title = a.title.as_ref().map_or("", |t| t.text.as_str());
    let in_text = |text: &str, x: &crate::temporal::TimeExpr| {
        x.value.len() > 4
            && text
                .get(x.start..x.end)
                .is_some_and(|w| w.split(|c: char| !c.is_ascii_digit()).any(|n| n == y))
    };
    times.title.iter().any(|x| in_text(title, x))
        || times.paragraphs.iter().enumerate().any(|(pi, v)| {
            let text = a.paragraphs.get(pi).map_or("", |p| p.text.text.as_str());
            v.iter().any(|x| in_text(text, x))
        })
}

/// A day written "ngày 22-10" (day-word, day, dash, month), which the date expressions do
/// not read, in the article's year; `None` when there is none or it would fall after the
/// article.
fn dashed_day(sen: &Sentence, article_date: Option<&str>) -> Option<String> {
    let ad = article_date?;
    let year: i64 = ad.get(..4)?.parse().ok()?;
    let pd = day_range(ad)?.0;
    let toks = &sen.toks;
    (0..toks.len().saturating_sub(2)).find_map(|i| {
        let day_word = matches!(
            toks[i].lower.as_ref(),
            "ngày" | "hôm" | "sáng" | "chiều" | "tối" | "trưa" | "đêm"
        );
        let (d, m) = (&toks[i + 1], &toks[i + 2]);
        if !day_word || sen.text[d.end..m.start] != *"-" {
            return None;
        }
        let (dd, mm): (i64, i64) = (d.lower.parse().ok()?, m.lower.parse().ok()?);
        if !(1..=31).contains(&dd) || !(1..=12).contains(&mm) || days(year, mm, dd) > pd {
            return None;
        }
        Some(format!("{year:04}-{mm:02}-{dd:02}"))
    })
}

/// Adds an event, merged with one of the same kind, date and status sharing an actor.
fn add(out: &mut Vec<Event>, mentions: &[Placed], ev: Event) {
    let same_name =
        |x: usize, y: usize| x == y || mentions[x].mention.surface == mentions[y].mention.surface;
    // a day and its month are one date ("tuần qua" and "ngày 22/10" of one deal)
    let compatible = |a: &str, b: &str| a == b || a.starts_with(b) || b.starts_with(a);
    let same = out.iter_mut().find(|o| {
        o.ty == ev.ty
            && compatible(&o.date, &ev.date)
            && o.status == ev.status
            && o.actors
                .iter()
                .any(|&x| ev.actors.iter().any(|&y| same_name(x, y)))
    });
    match same {
        Some(o) => {
            if !o.spans.contains(&ev.spans[0]) {
                o.spans.push(ev.spans[0]);
            }
            for y in ev.actors {
                if !o.actors.iter().any(|&x| same_name(x, y)) {
                    o.actors.push(y);
                }
            }
            if o.place.is_none() {
                o.place = ev.place;
            }
        }
        None => out.push(ev),
    }
}

struct Frame {
    actors: Vec<usize>,
    place: Option<usize>,
    status: Status,
    /// Told as done: "đã" or "vừa" in its sentence.
    past: bool,
}

/// The byte ranges inside “…” quotation marks of a paragraph, the outermost of nested
/// ones (“… “quân xanh” …” is one quotation).
fn quoted_ranges(t: &str) -> Vec<(usize, usize)> {
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
fn credit_ranges(text: &str, toks: &[Tok]) -> Vec<(usize, usize)> {
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
                .last()
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

struct Ctx<'a> {
    mentions: &'a [Placed],
    sen: &'a Sentence<'a>,
    prev_people: &'a [usize],
    victims: bool,
    quoted: &'a [(usize, usize)],
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
    fn is_reference(&self, hi: usize, ty: EventType) -> bool {
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
    fn is_spoken_of(&self, hi: usize) -> bool {
        let sen = self.sen;
        let h = &sen.hits[hi];
        let prev = sen.word_before(sen.toks[h.first].start, 1);
        let nominal =
            NOMINAL.contains(&prev) || NOMINAL.contains(&sen.toks[h.first].lower.as_ref());
        nominal && sen.hits[..hi].iter().any(|x| x.is(Class::Say))
    }

    /// The frame of the trigger `hits[hi]` read as `ty`, or `None` when it tells no event.
    fn frame(&self, hi: usize, ty: EventType, cond: Cond) -> Option<Frame> {
        let sen = self.sen;
        let h = &sen.hits[hi];
        let (ts, te) = (sen.toks[h.first].start, sen.toks[h.end - 1].end);
        // a trigger inside a name ("Nguyễn Văn Thắng") is part of the name
        // (a lower-case trigger at the edge of a name is one the recognizer took in:
        // "Công an TP Cần Thơ bắt …")
        let capital = sen.text[ts..].starts_with(char::is_uppercase);
        if capital && sen.all_names.iter().any(|&(a, b)| a <= ts && te <= b) {
            return None;
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
            return None;
        }
        // what someone says in quotation marks is speech, not the report of an event
        if self.quoted.iter().any(|&(a, b)| a < ts && te <= b) {
            return None;
        }
        if self.is_spoken_of(hi) {
            return None;
        }
        // "theo lời mời" tells why someone came, not an invitation
        if ty == EventType::INVITE && prev == "theo" {
            return None;
        }
        // a state, not an event ("đang có chuyến thăm"); a visit that is the object of an
        // invitation, or a homecoming told as travel
        if ty == EventType::VISIT
            && (prev == "đang"
                || prev2 == "đang"
                || has_type(EventType::RETURN)
                || has_type(EventType::INVITE))
        {
            return None;
        }
        match cond {
            Cond::Object => {
                let ok = sen.hits[hi + 1..]
                    .iter()
                    .take_while(|x| x.first < h.end + 4)
                    .any(|x| x.is(Class::Obj));
                if !ok {
                    return None;
                }
            }
            Cond::Forces if !sen.hits.iter().any(|x| x.is(Class::Force)) => return None,
            _ => {}
        }
        if ty == EventType::ACCIDENT && !self.victims {
            return None;
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
            return None;
        }

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

        let mut actors: Vec<usize> = Vec::new();
        let mut place: Option<usize> = place_marked;
        match ty {
            EventType::VISIT | EventType::RETURN => {
                let person_before = before
                    .iter()
                    .rev()
                    .copied()
                    .find(|&k| self.ty(k) == Some(EntityType::PER));
                let who = person_before.or_else(|| subject.first().copied());
                let (Some(who), Some(&to)) =
                    (who, locs_after.iter().find(|&&k| !subject.contains(&k)))
                else {
                    return None;
                };
                // "đến", "tới", "sang" travel only when a place follows closely and the
                // traveller is named just before the verb, in the same clause
                if cond == Cond::Place {
                    let close = sen.text[te..self.start(to)].split_whitespace().count() <= 4;
                    let gap = &sen.text[self.end(who).min(ts)..ts];
                    let subject_close = self.end(who) <= ts
                        && gap.split_whitespace().count() <= 6
                        && !gap.contains(',');
                    if !close || !subject_close {
                        return None;
                    }
                }
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
                    // the others named before the verb in its clause, or with "và", "với",
                    // "cùng"
                    for &k in &before {
                        let w = sen.word_before(self.start(k), 1);
                        let joined = matches!(w, "với" | "và" | "cùng")
                            || (self.start(k) >= clause && !OBLIQUE_WORDS.contains(&w));
                        if joined && !actors.contains(&k) {
                            actors.push(k);
                        }
                    }
                }
                // those acted on: named after the verb in its clause
                let clause_end = sen.text[te..sen.e]
                    .find([',', ';', '.', ':'])
                    .map_or(sen.e, |k| te + k);
                let after_clause: Vec<usize> = after
                    .iter()
                    .copied()
                    .filter(|&k| self.start(k) < clause_end)
                    .collect();
                let take = if actors.is_empty() {
                    after.clone()
                } else {
                    after_clause
                };
                for k in take {
                    if !actors.contains(&k) && Some(k) != place {
                        actors.push(k);
                    }
                }
            }
        }
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
        Some(Frame {
            actors: uniq,
            place,
            status,
            past: sen
                .toks
                .iter()
                .any(|t| matches!(t.lower.as_ref(), "đã" | "vừa")),
        })
    }
}

#[cfg(test)]
mod tests;
