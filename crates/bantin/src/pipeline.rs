//! Every stage over pages, as callers (the command line, the store) run them: each page is
//! read on its own ([`analyze_page`], parallel-friendly), then a run's pages are linked
//! together ([`link`]) so that one real-world entity has one id across them, and quotes and
//! events get their entity ids.

use crate::entities::{Entity, Linker, Placed, Recognizer};
use crate::record::{EntityRecord, EventRecord, QuoteRecord, Record, SpeakerRecord};
use crate::temporal::ArticleTimes;
use crate::ReadError;
use std::collections::HashMap;

/// A quote found in a page: its article (in the page), its record without speaker, and the
/// speaker as an index into the page's mentions.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct PageQuote {
    /// The article's place in the page.
    pub article: usize,
    /// The quote, speaker not yet linked.
    pub record: QuoteRecord,
    /// The speaker, an index into the page's mentions.
    pub speaker: Option<usize>,
}

/// An event found in a page: its article, and actors and place as indices into the page's
/// mentions.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct PageEvent {
    /// The article's place in the page.
    pub article: usize,
    /// The event.
    pub event: crate::events::Event,
    /// `[start, end)` of every sentence telling it, in source bytes.
    pub spans: Vec<[usize; 2]>,
}

/// One page read through every stage but linking.
#[derive(Clone, Debug)]
pub struct PageAnalysis {
    /// The records of its articles (entities, quotes and events still empty).
    pub records: Vec<Record>,
    /// The names found, placed with the article's index within this page.
    pub mentions: Vec<Placed>,
    /// Quotes, speakers as mention indices.
    pub quotes: Vec<PageQuote>,
    /// Events, actors as mention indices.
    pub events: Vec<PageEvent>,
    /// Invalid byte sequences replaced while decoding.
    pub replaced: usize,
    /// The encoding detected.
    pub encoding: crate::decode::Encoding,
}

/// Reads a page and runs every per-article stage on it.
///
/// # Errors
/// [`ReadError`] when the bytes are empty, binary, or hold no article.
pub fn analyze_page(
    source: &str,
    bytes: &[u8],
    recognizer: &Recognizer,
) -> Result<PageAnalysis, ReadError> {
    analyze_page_around(source, bytes, recognizer, None)
}

/// [`analyze_page`], with a hint of when undated articles were written: a date reasoned
/// from a text that gives no year takes the hint's (`DateSource::Hint`).
///
/// # Errors
/// [`ReadError`] when the bytes are empty, binary, or hold no article.
pub fn analyze_page_around(
    source: &str,
    bytes: &[u8],
    recognizer: &Recognizer,
    around: Option<&crate::reasoned::Around>,
) -> Result<PageAnalysis, ReadError> {
    let mut read = crate::read_page(bytes)?;
    if let Some(h) = around {
        crate::reasoned::apply_around(&mut read.articles, h);
    }
    let mut mentions: Vec<Placed> = Vec::new();
    let mut quotes = Vec::new();
    let mut events = Vec::new();
    // dates are read once, for the records and for the events
    let times: Vec<ArticleTimes> = read.articles.iter().map(ArticleTimes::of).collect();
    for (i, a) in read.articles.iter().enumerate() {
        let base = mentions.len();
        let found = crate::entities::recognize_article(recognizer, a, i);
        for q in crate::quotes::find(a, &found) {
            let t = &a.paragraphs[q.para].text;
            let span = t.sub_span(q.start, q.end);
            quotes.push(PageQuote {
                article: i,
                record: QuoteRecord {
                    text: t.text[q.start..q.end].to_string(),
                    span: [span.start, span.end],
                    speaker: None,
                },
                speaker: q.speaker.map(|k| base + k),
            });
        }
        for mut ev in crate::events::find(a, &found, &times[i]) {
            let spans = ev
                .spans
                .iter()
                .map(|&(p, s, e)| {
                    let sp = a.paragraphs[p].text.sub_span(s, e);
                    [sp.start, sp.end]
                })
                .collect();
            ev.actors.iter_mut().for_each(|k| *k += base);
            ev.place = ev.place.map(|k| k + base);
            events.push(PageEvent {
                article: i,
                event: ev,
                spans,
            });
        }
        mentions.extend(found);
    }
    let records = read
        .articles
        .iter()
        .zip(&times)
        .map(|(a, t)| Record::with_times(source, a, t))
        .collect();
    Ok(PageAnalysis {
        records,
        mentions,
        quotes,
        events,
        replaced: read.replaced,
        encoding: read.encoding,
    })
}

/// Adds the run's events to their records: one event told in several articles of a file
/// (same kind and date, an actor in common) is one event, kept where first told. `id` gives
/// the entity id of a mention.
fn merge_events(records: &mut [Record], events: Vec<PageEvent>, id: &dyn Fn(usize) -> String) {
    let mut seen_events: HashMap<(String, crate::events::EventType, String), Vec<(usize, usize)>> =
        HashMap::new();
    for ev in events {
        let mut actors: Vec<String> = Vec::new();
        for a in ev.event.actors.iter().map(|&k| id(k)) {
            if !actors.contains(&a) {
                actors.push(a);
            }
        }
        let key = (
            records[ev.article].source.clone(),
            ev.event.ty,
            ev.event.date.clone(),
        );
        let told = seen_events.entry(key).or_default();
        if let Some(&(art, i)) = told.iter().find(|&&(art, i)| {
            records[art].events[i]
                .actors
                .iter()
                .any(|a| actors.contains(a))
        }) {
            let known = &mut records[art].events[i];
            for sp in ev.spans {
                if !known.spans.contains(&sp) {
                    known.spans.push(sp);
                }
            }
            for a in actors {
                if !known.actors.contains(&a) {
                    known.actors.push(a);
                }
            }
            if known.place.is_none() {
                known.place = ev.event.place.map(id);
            }
            continue;
        }
        told.push((ev.article, records[ev.article].events.len()));
        records[ev.article].events.push(EventRecord {
            ty: ev.event.ty,
            cameo: ev.event.ty.cameo(),
            date: ev.event.date.clone(),
            actors,
            place: ev.event.place.map(id),
            span: ev.spans[0],
            spans: ev.spans,
        });
    }
}

/// Links the pages of a run: one id per real-world entity across them. Returns the records
/// in page order, with entities, quotes and events filled in, and the run's entities.
pub fn link(recognizer: &Recognizer, pages: Vec<PageAnalysis>) -> (Vec<Record>, Vec<Entity>) {
    let mut records: Vec<Record> = Vec::new();
    let mut placed = Vec::new();
    let mut quotes: Vec<PageQuote> = Vec::new();
    let mut events: Vec<PageEvent> = Vec::new();
    for page in pages {
        let base = records.len();
        let mbase = placed.len();
        placed.extend(page.mentions.into_iter().map(|mut m| {
            m.article += base;
            m
        }));
        events.extend(page.events.into_iter().map(|mut ev| {
            ev.article += base;
            ev.event.actors.iter_mut().for_each(|k| *k += mbase);
            ev.event.place = ev.event.place.map(|k| k + mbase);
            ev
        }));
        quotes.extend(page.quotes.into_iter().map(|mut q| {
            q.article += base;
            q.speaker = q.speaker.map(|k| k + mbase);
            q
        }));
        records.extend(page.records);
    }
    let (linked, entities) = Linker::link(recognizer.kb(), &mut placed);
    let linked_ids: Vec<usize> = linked.iter().map(|(_, e)| *e).collect();
    for (p, (ty, e)) in placed.iter().zip(linked) {
        records[p.article].entities.push(EntityRecord {
            text: p.mention.surface.clone(),
            ty,
            span: [p.src.start, p.src.end],
            id: entities[e].id.clone(),
        });
    }
    let id = |k: usize| entities[linked_ids[k]].id.clone();
    merge_events(&mut records, events, &id);
    for q in quotes {
        let mut rec = q.record;
        rec.speaker = q.speaker.map(|k| {
            let p = &placed[k];
            SpeakerRecord {
                text: p.mention.surface.clone(),
                span: [p.src.start, p.src.end],
                id: entities[linked_ids[k]].id.clone(),
            }
        });
        records[q.article].quotes.push(rec);
    }
    for r in records.iter_mut() {
        r.entities.sort_by_key(|e| e.span);
    }
    (records, entities)
}

/// A run linked and grouped: what `bantin analyze` writes.
pub struct Linked {
    /// The records in page order, with entity ids and story ids.
    pub records: Vec<Record>,
    /// The run's entities.
    pub entities: Vec<Entity>,
    /// Copies and stories.
    pub grouping: crate::digest::Grouping,
}

/// Links a run's pages ([`link`]) and groups its articles into copies and stories
/// ([`crate::digest::group`]), every record taking its story id: the command line's run,
/// shared by the other callers (the Python package) so that they write the same records.
pub fn link_run(recognizer: &Recognizer, pages: Vec<PageAnalysis>) -> Linked {
    let (mut records, entities) = link(recognizer, pages);
    let grouping = crate::digest::group(&records);
    for (i, r) in records.iter_mut().enumerate() {
        r.story = Some(grouping.story_ids[grouping.story[i]].clone());
        r.topic = Some(grouping.topic_ids[grouping.topic[i]].clone());
    }
    Linked {
        records,
        entities,
        grouping,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::kb::Kb;

    const PAGE: &str = "Thủ tướng thăm Nhật Bản\n\
        Ngày 3/5/2024, Thủ tướng Phạm Minh Chính tới Tokyo, bắt đầu chuyến thăm chính thức Nhật Bản. \
        Ông Chính hội đàm với Thủ tướng Kishida Fumio hôm 4/5.\n\
        “Quan hệ hai nước đang ở giai đoạn tốt nhất”, ông Kishida nói.\n";

    #[test]
    fn a_page_through_every_stage_and_back_from_json() {
        let r = Recognizer::new(Kb::new(&[]).expect("aliases"));
        let page = analyze_page("a.txt", PAGE.as_bytes(), &r).expect("reads");
        let (records, entities) = link(&r, vec![page.clone(), page]);
        assert_eq!(records.len(), 2);
        // one id for the same person in both pages
        let ids: Vec<&str> = records
            .iter()
            .flat_map(|r| r.entities.iter())
            .filter(|e| e.text.contains("Chính"))
            .map(|e| e.id.as_str())
            .collect();
        assert!(
            ids.len() >= 2 && ids.iter().all(|i| *i == ids[0]),
            "{ids:?}"
        );
        assert!(entities.iter().any(|e| e.id == ids[0]));
        assert!(!records[0].events.is_empty());
        assert_eq!(records[0].quotes.len(), 1);
        for rec in &records {
            let json = serde_json::to_string(rec).unwrap();
            assert_eq!(&Record::from_json(&json).unwrap(), rec);
        }
        assert!(analyze_page("b.txt", b"", &r).is_err());
    }
}
