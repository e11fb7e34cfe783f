//! Events a timeline needs, of every kind of news: visits, meetings, signings, invitations,
//! deployments and returns; attacks, protests, arrests and sentences; appointments,
//! dismissals and decisions adopted; accidents, deals, launches and matches. Each is read
//! sentence by sentence from a trigger word of `data/events.tsv` (whole syllables), with its
//! frame taken from the sentence: who acts (the subject before the verb, or the agent of a
//! passive "bị/được … (bởi) X"), on whom, where ("tại/ở"), and when (the date expression
//! nearest the trigger, else the previous sentence's, else the article's for its lead).
//! Negated, planned and background events are kept apart ([`Status`]). One event told in
//! several sentences is one event with several spans.

mod frame;
mod lexicon;
pub mod vi;

use crate::entities::{EntityType, Placed};
use crate::page::{Article, DateSource, Kind};
use crate::temporal::ArticleTimes;
use frame::{credit_ranges, quoted_ranges, Ctx};
use lexicon::{Class, Hit, Lexicon, Tok};

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

/// Days since 1970-01-01 of a proleptic Gregorian date ([`crate::days`] in this module's
/// integer type).
fn days(y: i64, m: i64, d: i64) -> i64 {
    crate::days::from_civil(y as i32, m as u32, d as u32)
}

/// The (year, month) of a day number.
fn month_of(z: i64) -> (i64, i64) {
    let (y, m, _) = crate::days::to_civil(z);
    (i64::from(y), i64::from(m))
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
    let f = Finder::new(a, mentions, times);
    let mut out: Vec<Event> = Vec::new();
    for pi in 0..a.paragraphs.len() {
        f.paragraph(pi, &mut out);
    }
    out
}

/// What the events of one article are read with: its names by paragraph, its date and the
/// paragraphs of its lead.
struct Finder<'a> {
    a: &'a Article,
    mentions: &'a [Placed],
    times: &'a ArticleTimes,
    lex: &'static Lexicon,
    article_date: Option<String>,
    article_days: Option<i64>,
    /// The article's year was reasoned from the days its text tells while no date of the
    /// text prints it: a guess, so a day told without its year takes none from it
    /// ("XXXX-02-18").
    year_guessed: bool,
    /// The lead (the first two body paragraphs) is dated by the article.
    lead: Vec<usize>,
    /// Mention indices of each paragraph, in text order.
    by_para: Vec<Vec<usize>>,
}

impl<'a> Finder<'a> {
    fn new(a: &'a Article, mentions: &'a [Placed], times: &'a ArticleTimes) -> Self {
        let article_date = a
            .published
            .as_ref()
            .map(|(s, _)| s.iso().split('T').next().unwrap_or("").to_string());
        let article_days = article_date.as_deref().and_then(day_range).map(|r| r.0);
        let year_guessed = matches!(a.published, Some((_, DateSource::Text)))
            && article_date
                .as_deref()
                .and_then(|d| d.get(..4))
                .is_some_and(|y| !y.starts_with('X') && !year_printed(a, times, y));
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
        Finder {
            a,
            mentions,
            times,
            lex: Lexicon::get(),
            article_date,
            article_days,
            year_guessed,
            lead,
            by_para,
        }
    }

    fn unknown_year(&self, mut d: String) -> String {
        if self.year_guessed && d.len() >= 4 {
            d.replace_range(..4, "XXXX");
        }
        d
    }

    fn ty(&self, k: usize) -> Option<EntityType> {
        self.mentions[k].mention.ty
    }

    fn span(&self, k: usize) -> (usize, usize) {
        let m = &self.mentions[k].mention;
        (m.start, m.end)
    }

    /// The events of paragraph `pi`, sentence by sentence; the people of the last sentence
    /// that names any are the "he" and "she" of the next.
    fn paragraph(&self, pi: usize, out: &mut Vec<Event>) {
        let t = &self.a.paragraphs[pi].text.text;
        let para_times = self.times.paragraphs.get(pi).map_or(&[][..], |v| &v[..]);
        let mut prev_people: Vec<usize> = Vec::new();
        let mut victims_here: Option<bool> = None;
        let quoted = quoted_ranges(t);
        let para_toks = lexicon::tokens(t, 0, t.len());
        for (si, (s, e)) in crate::digest::text::sentences(t).into_iter().enumerate() {
            let toks = &para_toks[para_toks.partition_point(|x| x.start < s)
                ..para_toks.partition_point(|x| x.end <= e)];
            let sen = self.sentence(pi, t, (s, e), toks);
            let people: Vec<usize> = sen
                .names
                .iter()
                .copied()
                .filter(|&k| self.ty(k) == Some(EntityType::PER))
                .collect();
            if sen
                .hits
                .iter()
                .any(|h| h.classes.iter().any(|c| matches!(c.0, Class::Event(_))))
            {
                let victims =
                    *victims_here.get_or_insert_with(|| has_victims(&self.lex.scan(&para_toks)));
                let ctx = Ctx {
                    mentions: self.mentions,
                    sen: &sen,
                    prev_people: &prev_people,
                    victims,
                    quoted: &quoted,
                };
                let in_lead = self.lead.contains(&pi) && si < 3;
                let (year_here, dates) =
                    sentence_dates(t, para_times, (s, e), &|d| self.unknown_year(d));
                let dating = Dating {
                    in_lead,
                    year_here: year_here.is_some(),
                    dates: &dates,
                };
                self.sentence_events(pi, &ctx, &dating, out);
            }
            if !people.is_empty() {
                prev_people = people;
            }
        }
    }

    /// The frame of the sentence `t[s..e]`: its phrases and the names in it, photo credits
    /// left out of those that can act.
    fn sentence<'t>(
        &self,
        pi: usize,
        t: &'t str,
        (s, e): (usize, usize),
        toks: &'t [Tok<'t>],
    ) -> Sentence<'t> {
        let in_sentence: Vec<usize> = self.by_para[pi]
            .iter()
            .copied()
            .filter(|&k| self.span(k).0 >= s && self.span(k).1 <= e)
            .collect();
        let all_names = in_sentence.iter().map(|&k| self.span(k)).collect();
        let credits = credit_ranges(t, toks);
        let names: Vec<usize> = in_sentence
            .into_iter()
            .filter(|&k| party(self.ty(k)))
            .filter(|&k| {
                let at = self.span(k).0;
                !credits.iter().any(|&(a, b)| a <= at && at < b)
            })
            .collect();
        Sentence {
            text: t,
            s,
            e,
            toks,
            hits: self.lex.scan(toks),
            names,
            all_names,
        }
    }

    /// The events the triggers of one sentence tell (one of each type), each with its
    /// frame and date.
    fn sentence_events(&self, pi: usize, ctx: &Ctx, dating: &Dating, out: &mut Vec<Event>) {
        let sen = ctx.sen;
        let mut seen: Vec<EventType> = Vec::new();
        for (hi, h) in sen.hits.iter().enumerate() {
            for &(class, cond) in h.classes {
                let Class::Event(ty) = class else { continue };
                if seen.contains(&ty) {
                    continue;
                }
                let Some(frame) = ctx.frame(hi, ty, cond) else {
                    if ctx.is_reference(hi, ty) || ctx.is_spoken_of(hi) {
                        seen.push(ty);
                    }
                    continue;
                };
                seen.push(ty);
                let trigger = (sen.toks[h.first].start, sen.toks[h.end - 1].end);
                let lead_date = dating
                    .in_lead
                    .then(|| self.article_date.clone().map(|d| self.unknown_year(d)))
                    .flatten();
                let Some(date) = self.event_day(sen, dating, trigger, lead_date.clone()) else {
                    continue;
                };
                let (date, status) = against_article(
                    date,
                    frame.status,
                    self.article_days,
                    lead_date.filter(|_| frame.past),
                );
                let event = Event {
                    ty,
                    date,
                    actors: frame.actors,
                    place: frame.place,
                    spans: vec![(pi, sen.s, sen.e)],
                    status,
                };
                add(out, self.mentions, event);
            }
        }
    }

    /// The date nearest the trigger, else one written "ngày 22-10", else the article's for
    /// the lead.
    fn event_day(
        &self,
        sen: &Sentence,
        dating: &Dating,
        (ts, te): (usize, usize),
        lead_date: Option<String>,
    ) -> Option<String> {
        dating
            .dates
            .iter()
            .min_by_key(|x| {
                if x.1 <= ts {
                    ts - x.1
                } else {
                    x.0.saturating_sub(te)
                }
            })
            .map(|x| x.2.clone())
            .or_else(|| dashed_day(sen, self.article_date.as_deref()).map(|d| self.unknown_year(d)))
            .or_else(|| lead_date.filter(|_| !dating.year_here))
    }
}

/// The dates one sentence offers its events.
struct Dating<'d> {
    /// The sentence is one of the first three of the lead.
    in_lead: bool,
    /// The sentence writes a year alone.
    year_here: bool,
    /// Its dates with their byte ranges.
    dates: &'d [(usize, usize, String)],
}

/// The dates of the sentence `t[s..e]` an event can take, with their byte ranges, and the
/// year written alone in it: a year written alone ("Năm 2017, … ngày 27/7") is the year of
/// its days written without one; a day without any takes `unknown_year`'s.
fn sentence_dates(
    t: &str,
    para_times: &[crate::temporal::TimeExpr],
    (s, e): (usize, usize),
    unknown_year: &dyn Fn(String) -> String,
) -> (Option<String>, Vec<(usize, usize, String)>) {
    // a year written alone in the sentence ("Năm 2017, … ngày 27/7") is the year of
    // its days written without one
    let year_here = para_times
        .iter()
        .find(|x| {
            // a year: four digits (not a duration of four characters, "P30M")
            x.start >= s
                && x.end <= e
                && x.value.len() == 4
                && x.value.bytes().all(|b| b.is_ascii_digit())
        })
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
    (year_here, dates)
}

/// The date and status of an event told as `status` on `date`, against the article's day:
/// told as done but dated after the article, the expression is no date of it (a score
/// "6/1") and `done_date` (the lead's, when the sentence says "đã", "vừa") stands, else it
/// is planned; dated more than a year before, it is background.
fn against_article(
    date: String,
    status: Status,
    article_days: Option<i64>,
    done_date: Option<String>,
) -> (String, Status) {
    if status != Status::Actual {
        return (date, status);
    }
    match (article_days, day_range(&date)) {
        (Some(pd), Some((first, _))) if first > pd + 1 => match done_date {
            Some(d) => (d, status),
            None => (date, Status::Planned),
        },
        (Some(pd), Some((_, last))) if last <= pd - 365 => (date, Status::Background),
        _ => (date, status),
    }
}

/// Whether a paragraph's phrases tell of someone dead, hurt or missing, or of harm done,
/// not denied ("không có thương vong", "không ai bị thương").
fn has_victims(hits: &[Hit]) -> bool {
    hits.iter().enumerate().any(|(j, h)| {
        h.is(Class::Victim)
            && !hits[j.saturating_sub(2)..j]
                .iter()
                .any(|x| x.is(Class::Neg) && h.first - x.end <= 3)
    })
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
    // an accident whose victims go unnamed ("người đàn ông", "anh H.") is told by its
    // places: one of the same day is the same accident
    let named = |v: &[usize]| {
        v.iter()
            .any(|&k| mentions[k].mention.ty == Some(EntityType::PER))
    };
    // a day and its month are one date ("tuần qua" and "ngày 22/10" of one deal)
    let compatible = |a: &str, b: &str| a == b || a.starts_with(b) || b.starts_with(a);
    let same = out.iter_mut().find(|o| {
        o.ty == ev.ty
            && compatible(&o.date, &ev.date)
            && o.status == ev.status
            && (o
                .actors
                .iter()
                .any(|&x| ev.actors.iter().any(|&y| same_name(x, y)))
                || (ev.ty == EventType::ACCIDENT && (!named(&o.actors) || !named(&ev.actors))))
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

#[cfg(test)]
mod tests;
