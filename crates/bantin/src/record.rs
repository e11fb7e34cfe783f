//! Article records: the JSON form of `docs/FORMAT.md`, one object per article.

use crate::page::{Article, Kind};
use crate::Span;
use serde::{Deserialize, Serialize};

/// Version of the record schema.
pub const SCHEMA_VERSION: u32 = 1;

/// A text with its source span.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct SpanText {
    /// The text.
    pub text: String,
    /// `[start, end)` in source bytes.
    pub span: [usize; 2],
}

/// A paragraph in a record.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ParagraphRecord {
    /// The clean text.
    pub text: String,
    /// `[start, end)` in source bytes.
    pub span: [usize; 2],
    /// body or caption.
    pub kind: Kind,
}

/// A byline in a record.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct BylineRecord {
    /// The author's name.
    pub author: Option<String>,
    /// The sources named.
    pub sources: Vec<String>,
    /// `[start, end)` of the byline.
    pub span: [usize; 2],
}

/// One article record.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Record {
    /// Schema version.
    pub schema: u32,
    /// The path as given.
    pub source: String,
    /// The article's place in its file.
    pub index: usize,
    /// The title, null when none.
    pub title: Option<SpanText>,
    /// ISO 8601 date (and time), `XXXX-MM-DD` when the year is unknown.
    pub published: Option<String>,
    /// How the date was found.
    pub published_from: Option<crate::page::DateSource>,
    /// Paragraphs.
    pub paragraphs: Vec<ParagraphRecord>,
    /// The byline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<BylineRecord>,
    /// People, places and organisations named, with their entity ids.
    pub entities: Vec<EntityRecord>,
    /// Date expressions with their TimeML values.
    pub times: Vec<TimeRecord>,
    /// Direct speech with its speaker.
    pub quotes: Vec<QuoteRecord>,
    /// Visits, meetings, signings, invitations, deployments, returns.
    pub events: Vec<EventRecord>,
    /// The story the article belongs to, shared with the articles about the same event.
    #[serde(default)]
    pub story: Option<String>,
    /// The topic the article's story belongs to: stories that continue one subject over weeks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// The outlet that published the article, when the page says it (`og:site_name`, a
    /// "Theo …" line, the host of its URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The article's own address, when the page gives it (canonical link, `og:url`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// An event in a record.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct EventRecord {
    /// VISIT, MEET, SIGN, INVITE, DEPLOY, RETURN, ATTACK, PROTEST, ARREST, SENTENCE,
    /// APPOINT, DISMISS, ADOPT, ACCIDENT, DEAL, LAUNCH or MATCH.
    #[serde(rename = "type")]
    pub ty: crate::events::EventType,
    /// The CAMEO code it corresponds to, left out for kinds CAMEO has none for (derived
    /// from the type when read back).
    #[serde(skip_deserializing, skip_serializing_if = "str::is_empty")]
    pub cameo: &'static str,
    /// TimeML date.
    pub date: String,
    /// Entity ids of the actors, the doer first.
    pub actors: Vec<String>,
    /// Entity id of the place.
    pub place: Option<String>,
    /// `[start, end)` of the first sentence that tells it.
    pub span: [usize; 2],
    /// Every sentence that tells it.
    pub spans: Vec<[usize; 2]>,
}

/// A date expression in a record.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct TimeRecord {
    /// The expression as written.
    pub text: String,
    /// `[start, end)` in source bytes.
    pub span: [usize; 2],
    /// TimeML value (`2023-07-26`, `2024-06`, `P3D`, `XXXX-11-05`).
    pub value: String,
    /// For a date told in the lunar calendar, that lunar date (`2024-01-15`, `2023-02-01
    /// nhuận`); `value` is its solar day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lunar: Option<String>,
}

/// A quote in a record.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct QuoteRecord {
    /// The quoted words.
    pub text: String,
    /// `[start, end)` of the quoted words in source bytes.
    pub span: [usize; 2],
    /// Who said it, when known.
    pub speaker: Option<SpeakerRecord>,
}

/// The speaker of a quote: a mention and its entity id.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct SpeakerRecord {
    /// The mention as written.
    pub text: String,
    /// `[start, end)` in source bytes.
    pub span: [usize; 2],
    /// The entity's id.
    pub id: String,
}

/// A named entity mention in a record.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct EntityRecord {
    /// The name as written.
    pub text: String,
    /// PER, LOC, ORG or MISC.
    #[serde(rename = "type")]
    pub ty: crate::entities::EntityType,
    /// `[start, end)` in source bytes.
    pub span: [usize; 2],
    /// The entity's id, the same for every spelling across the run.
    pub id: String,
}

fn arr(s: Span) -> [usize; 2] {
    [s.start, s.end]
}

impl Record {
    /// The record of an article read from `source`.
    pub fn new(source: &str, a: &Article) -> Record {
        Record::with_times(source, a, &crate::temporal::ArticleTimes::of(a))
    }

    /// The record of an article whose date expressions were already found.
    pub fn with_times(source: &str, a: &Article, at: &crate::temporal::ArticleTimes) -> Record {
        Record {
            schema: SCHEMA_VERSION,
            source: source.to_string(),
            index: a.index,
            title: a.title.as_ref().map(|t| SpanText {
                text: t.text.clone(),
                span: arr(t.span()),
            }),
            published: a.published.as_ref().map(|(s, _)| s.iso()),
            published_from: a.published.as_ref().map(|(_, f)| *f),
            paragraphs: a
                .paragraphs
                .iter()
                .map(|p| ParagraphRecord {
                    text: p.text.text.clone(),
                    span: arr(p.text.span()),
                    kind: p.kind,
                })
                .collect(),
            byline: a.byline.as_ref().map(|b| BylineRecord {
                author: b.author.clone(),
                sources: b.sources.clone(),
                span: arr(b.span),
            }),
            entities: Vec::new(),
            times: times(a, at),
            quotes: Vec::new(),
            events: Vec::new(),
            story: None,
            topic: None,
            outlet: a.outlet.clone(),
            url: a.url.clone(),
        }
    }
}

impl Record {
    /// Reads a record back from its JSON form.
    ///
    /// # Errors
    /// When the JSON is not a record.
    pub fn from_json(json: &str) -> serde_json::Result<Record> {
        let mut r: Record = serde_json::from_str(json)?;
        for e in &mut r.events {
            e.cameo = e.ty.cameo();
        }
        Ok(r)
    }

    /// What story clustering looks at: the people, places and organisations named and the
    /// publication date.
    pub fn signature(&self) -> crate::stories::Signature {
        let body: Vec<&str> = self
            .paragraphs
            .iter()
            .filter(|p| p.kind == crate::page::Kind::Body)
            .map(|p| p.text.as_str())
            .collect();
        let entities: Vec<(crate::entities::EntityType, &str)> = self
            .entities
            .iter()
            .map(|e| (e.ty, e.id.as_str()))
            .collect();
        crate::stories::Signature::of(
            format!("{}#{}", self.source, self.index),
            self.title.as_ref().map(|t| t.text.as_str()),
            &body,
            &entities,
            self.published.as_deref(),
        )
    }
}

/// The date expressions of an article (title and paragraphs) as records, with their spans.
pub fn times(a: &Article, at: &crate::temporal::ArticleTimes) -> Vec<TimeRecord> {
    let texts = a.title.iter().map(|t| (t, &at.title)).chain(
        a.paragraphs
            .iter()
            .zip(&at.paragraphs)
            .map(|(p, x)| (&p.text, x)),
    );
    let mut out = Vec::new();
    for (t, xs) in texts {
        for x in xs {
            out.push(TimeRecord {
                text: t.text[x.start..x.end].to_string(),
                span: arr(t.sub_span(x.start, x.end)),
                value: x.value.clone(),
                lunar: x.lunar.clone(),
            });
        }
    }
    out
}
