//! The article page: the text with entities, dates and quotes marked, and its events.

use crate::web::{page_head, type_vi, WebError};
use crate::{article_id, blocking, AppState};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Html;
use bantin::Record;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as esc};
use std::fmt::Write;

/// A mark to draw over a paragraph's text.
struct Mark {
    start: usize,
    end: usize,
    open: String,
    close: &'static str,
}

/// The marks of one paragraph: quotes (outer), then entities and dates (inner, never
/// crossing a quote's edge or each other).
fn marks(
    r: &Record,
    k: usize,
    names: &std::collections::BTreeMap<String, String>,
) -> (Vec<Mark>, Vec<Mark>) {
    let p = &r.paragraphs[k];
    let inside = |sp: [usize; 2]| p.span[0] <= sp[0] && sp[1] <= p.span[1];
    let place = |sp: [usize; 2], text: &str| {
        let at = bantin::text::offset_in(&p.text, p.span[0], sp[0], text);
        let end = at + text.len();
        (end <= p.text.len() && p.text.get(at..end) == Some(text)).then_some((at, end))
    };
    let mut outer = Vec::new();
    for q in r.quotes.iter().filter(|q| inside(q.span)) {
        if let Some((s, e)) = place(q.span, &q.text) {
            let who = q.speaker.as_ref().map_or("", |s| {
                names.get(&s.id).map_or(s.text.as_str(), String::as_str)
            });
            outer.push(Mark {
                start: s,
                end: e,
                open: format!("<q class=\"quote\" title=\"{}\">", attr(who)),
                close: "</q>",
            });
        }
    }
    let mut inner: Vec<Mark> = Vec::new();
    let ents = r
        .entities
        .iter()
        .filter(|e| inside(e.span))
        .filter_map(|e| {
            place(e.span, &e.text).map(|(s, x)| Mark {
                start: s,
                end: x,
                open: format!(
                    "<a class=\"entity\" href=\"/?entity={}\"><mark class=\"{}\" title=\"{}: {}\">",
                    attr(&e.id),
                    e.ty.as_str(),
                    type_vi(e.ty.as_str()),
                    attr(names.get(&e.id).map_or(e.text.as_str(), String::as_str))
                ),
                close: "</mark></a>",
            })
        });
    let times = r.times.iter().filter(|t| inside(t.span)).filter_map(|t| {
        place(t.span, &t.text).map(|(s, x)| Mark {
            start: s,
            end: x,
            open: format!(
                "<mark class=\"TIME\" title=\"{}\">",
                attr(&bantin::labels::date_vi(&t.value))
            ),
            close: "</mark>",
        })
    });
    for m in ents.chain(times) {
        let crosses_quote = outer
            .iter()
            .any(|q| (m.start < q.start && m.end > q.start) || (m.start < q.end && m.end > q.end));
        let overlaps = inner.iter().any(|o| m.start < o.end && o.start < m.end);
        if !crosses_quote && !overlaps {
            inner.push(m);
        }
    }
    outer.sort_by_key(|m| m.start);
    // quotes that overlap each other: keep the first
    let mut kept: Vec<Mark> = Vec::new();
    for m in outer {
        if kept.last().is_none_or(|l| m.start >= l.end) {
            kept.push(m);
        }
    }
    inner.sort_by_key(|m| m.start);
    (kept, inner)
}

fn render_paragraph(text: &str, outer: &[Mark], inner: &[Mark]) -> String {
    // boundaries: (position, order, tag); closes before opens at one position
    let mut events: Vec<(usize, u8, &str)> = Vec::new();
    for m in outer {
        events.push((m.start, 1, &m.open));
        events.push((m.end, 0, m.close));
    }
    for m in inner {
        events.push((m.start, 2, &m.open));
        events.push((m.end, 0, m.close));
    }
    events.sort_by_key(|e| (e.0, e.1));
    let mut out = String::with_capacity(text.len() * 2);
    let mut at = 0;
    for (pos, _, tag) in events {
        if pos > at {
            out.push_str(&esc(&text[at..pos]));
            at = pos;
        }
        out.push_str(tag);
    }
    out.push_str(&esc(&text[at..]));
    out
}

/// `/articles/{id}`: the article with entities, dates and quotes marked.
pub(crate) async fn article(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    let id = article_id(&id)?;
    let found = blocking(move || Ok(s.article(id)?)).await?;
    let Some((summary, r)) = found else {
        return Err(WebError(
            StatusCode::NOT_FOUND,
            "Không có bài này.".to_string(),
        ));
    };
    let title = r
        .title
        .as_ref()
        .map_or("(không tiêu đề)", |t| t.text.as_str());
    let names = bantin::labels::names(&r);
    let mut out = page_head(title);
    let who = bantin::labels::outlet(r.outlet.as_deref(), r.url.as_deref(), &summary.source);
    let _ = write!(
        out,
        "<article class=\"article\"><h1>{}</h1><p class=\"meta\">",
        esc(title)
    );
    match r.url.as_deref().filter(|u| u.starts_with("http")) {
        Some(u) => {
            let _ = write!(
                out,
                "<a class=\"source\" href=\"{}\" rel=\"noopener\">{}</a>",
                attr(u),
                esc(who)
            );
        }
        None => {
            let _ = write!(out, "<span class=\"source\">{}</span>", esc(who));
        }
    }
    let _ = write!(
        out,
        " · {}",
        esc(&r
            .published
            .as_deref()
            .map_or_else(|| "không rõ ngày".to_string(), bantin::labels::date_vi))
    );
    if let Some(st) = &summary.story {
        let _ = write!(
            out,
            " · <a class=\"story\" href=\"/stories/{}\">Cả câu chuyện</a>",
            attr(st)
        );
    }
    if let Some(b) = &r.byline {
        let _ = write!(out, " · {}", esc(b.author.as_deref().unwrap_or("")));
    }
    out.push_str("</p>\n<p class=\"legend meta\"><mark class=\"PER\">người</mark><mark class=\"LOC\">nơi chốn</mark><mark class=\"ORG\">tổ chức</mark><mark class=\"TIME\">thời gian</mark><q class=\"quote\">trích dẫn</q></p>\n");
    for (k, p) in r.paragraphs.iter().enumerate() {
        let (outer, inner) = marks(&r, k, &names);
        let class = if p.kind == bantin::Kind::Caption {
            " class=\"caption\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<p id=\"p{k}\"{class}>{}</p>",
            render_paragraph(&p.text, &outer, &inner)
        );
    }
    out.push_str("</article>\n");
    if !r.events.is_empty() {
        out.push_str("<h2>Sự kiện</h2><ul class=\"events\">");
        let name = |id: &str| {
            names
                .get(id)
                .cloned()
                .unwrap_or_else(|| bantin::labels::id_as_name(id))
        };
        for e in &r.events {
            let link = bantin::paragraph_at(&r, e.span)
                .map(|p| format!("#p{p}"))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<li><a href=\"{}\">{}</a></li>",
                attr(&link),
                esc(&bantin::labels::event_sentence(e, &name))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body></html>\n");
    Ok(Html(out))
}
