//! The web pages: rendered on the server, plain HTML and one inline style sheet, no script
//! and nothing fetched, so they open fast and work anywhere. Search (tone marks optional),
//! stories with their timeline charts, and articles with entities, dates and quotes marked.

use crate::{article_id, blocking, params, ApiError, AppState};
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use bantin::digest::{self, report, Cite};
use bantin::record::Record;
use bantin_store::Query;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as esc};
use std::fmt::Write;

const EXTRA_STYLE: &str = "
header{display:flex;gap:1rem;align-items:center;border-bottom:2px solid #dde3ea;padding-bottom:.6rem}
header a.home{font-weight:700;font-size:1.3rem;color:#1d2430}
form.search{display:flex;gap:.5rem;flex-wrap:wrap;margin:1rem 0}
form.search input[type=search]{flex:1;min-width:16rem;font-size:1.05rem;padding:.45rem .6rem;border:1px solid #b8c2cc;border-radius:.3rem}
form.search input[type=date]{padding:.35rem}
form.search button{font-size:1rem;padding:.45rem 1rem;background:#0b5cad;color:#fff;border:0;border-radius:.3rem}
ol.hits li{margin:.7rem 0}.snippet{color:#3b4654}.snippet b{background:#fff1a8;font-weight:600}
mark{background:none;border-bottom:2px solid;padding:0 .05rem}mark.PER{border-color:#c0392b}mark.LOC{border-color:#16a085}
mark.ORG{border-color:#8e44ad}mark.MISC{border-color:#95a5a6}mark.TIME{border-color:#d35400;background:#fdf2e9}
q.quote{background:#eef5fc;quotes:none}a.entity{color:inherit;text-decoration:none}.legend mark{margin-right:.6rem}
";

/// An error page.
pub(crate) struct WebError(StatusCode, String);

impl From<ApiError> for WebError {
    fn from(e: ApiError) -> WebError {
        WebError(e.0, e.1)
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let mut out = page_head("Lỗi");
        let _ = write!(
            out,
            "<h1>{}</h1><p>{}</p><p><a href=\"/\">Về trang tìm kiếm</a></p>",
            self.0.as_u16(),
            esc(&self.1)
        );
        out.push_str("</body></html>");
        match crate::error_headers(self.0) {
            Some(h) => (self.0, h, Html(out)).into_response(),
            None => (self.0, Html(out)).into_response(),
        }
    }
}

fn page_head(title: &str) -> String {
    let mut out = String::with_capacity(32 * 1024);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{} · bantin</title><style>{}{EXTRA_STYLE}</style></head><body>\
         <header><a class=\"home\" href=\"/\">bantin</a><span class=\"meta\">tin tức tiếng Việt: bài, nhân vật, dòng thời gian</span></header>\n",
        esc(title),
        report::STYLE
    );
    out
}

fn search_form(out: &mut String, q: &Query) {
    let _ = write!(
        out,
        "<form class=\"search\" action=\"/\" method=\"get\" role=\"search\">\
         <input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"Tìm (có hoặc không dấu): shoigu binh nhuong\" aria-label=\"Tìm kiếm\" autofocus>\
         <input type=\"date\" name=\"from\" value=\"{}\" aria-label=\"Từ ngày\">\
         <input type=\"date\" name=\"to\" value=\"{}\" aria-label=\"Đến ngày\">",
        attr(&q.text),
        attr(q.from.as_deref().unwrap_or("")),
        attr(q.to.as_deref().unwrap_or(""))
    );
    if let Some(e) = &q.entity {
        let _ = write!(
            out,
            "<input type=\"hidden\" name=\"entity\" value=\"{}\">",
            attr(e)
        );
    }
    out.push_str("<button type=\"submit\">Tìm</button></form>\n");
}

fn highlighted(snippet: &str, hl: &[[usize; 2]]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for h in hl {
        let (s, e) = (h[0].min(snippet.len()), h[1].min(snippet.len()));
        if s < at || !snippet.is_char_boundary(s) || !snippet.is_char_boundary(e) {
            continue;
        }
        out.push_str(&esc(&snippet[at..s]));
        out.push_str("<b>");
        out.push_str(&esc(&snippet[s..e]));
        out.push_str("</b>");
        at = e;
    }
    out.push_str(&esc(&snippet[at..]));
    out
}

/// `/`: the search box, hits when there is a query, and the stories.
pub(crate) async fn home(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    let mut q: Query = params(raw)?;
    // empty form fields mean no filter
    for f in [
        &mut q.from,
        &mut q.to,
        &mut q.entity,
        &mut q.ty,
        &mut q.story,
    ] {
        if f.as_deref().is_some_and(|v| v.trim().is_empty()) {
            *f = None;
        }
    }
    let searching = !q.text.trim().is_empty() || q.entity.is_some() || q.story.is_some();
    let q2 = q.clone();
    let (results, stories, stats) = blocking(move || {
        let r = if searching {
            Some(s.search(&Query {
                limit: Some(q2.limit.unwrap_or(20)),
                ..q2
            })?)
        } else {
            None
        };
        Ok((r, s.stories(0, 100)?, s.stats()?))
    })
    .await?;
    let mut out = page_head(if searching { &q.text } else { "Tìm kiếm" });
    search_form(&mut out, &q);
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} bài · {} câu chuyện · {} thực thể</p>",
        stats.articles, stats.stories, stats.entities
    );
    if let Some(r) = results {
        let _ = writeln!(out, "<h2>{} kết quả</h2><ol class=\"hits\">", r.total);
        for h in &r.hits {
            let _ = write!(
                out,
                "<li><a class=\"hit\" href=\"/articles/{}\">{}</a> <span class=\"meta\">{} · {}",
                h.id,
                esc(h.title.as_deref().unwrap_or("(không tiêu đề)")),
                esc(h.published.as_deref().unwrap_or("không rõ ngày")),
                esc(&h.source)
            );
            if let Some(st) = &h.story {
                let _ = write!(out, " · <a href=\"/stories/{}\">{}</a>", attr(st), esc(st));
            }
            let _ = writeln!(
                out,
                "</span><br><span class=\"snippet\">{}</span></li>",
                highlighted(&h.snippet, &h.highlights)
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("<h2>Các câu chuyện</h2>\n");
    stories_chart(&mut out, &stories);
    out.push_str("<ul class=\"stories\">\n");
    for st in &stories {
        let _ = writeln!(
            out,
            "<li><a class=\"story\" href=\"/stories/{}\">{}</a> <span class=\"meta\">{} bài · {} → {}</span></li>",
            attr(&st.id),
            esc(st.title.as_deref().unwrap_or(&st.id)),
            st.articles,
            esc(st.first.as_deref().unwrap_or("?")),
            esc(st.last.as_deref().unwrap_or("?"))
        );
    }
    out.push_str("</ul></body></html>\n");
    Ok(Html(out))
}

/// Day number of a date's first ten characters (`2023-07-26`), `None` when the year is
/// unknown.
fn day(d: &str) -> Option<f64> {
    let mut it = d.get(..10)?.split('-');
    let y: f64 = it.next()?.parse().ok()?;
    let m: f64 = it.next()?.parse().ok()?;
    let dd: f64 = it.next()?.parse().ok()?;
    Some(y * 365.25 + (m - 1.0) * 30.44 + dd)
}

/// The largest stories drawn over time: a bar from first to last report, linking to the
/// story.
fn stories_chart(out: &mut String, stories: &[bantin_store::StoryInfo]) {
    let bars: Vec<(&bantin_store::StoryInfo, f64, f64)> = stories
        .iter()
        .filter_map(|s| Some((s, day(s.first.as_deref()?)?, day(s.last.as_deref()?)?)))
        .take(12)
        .collect();
    if bars.is_empty() {
        return;
    }
    let lo = bars.iter().map(|b| b.1).fold(f64::MAX, f64::min);
    let hi = bars.iter().map(|b| b.2).fold(f64::MIN, f64::max);
    let (w, left, right, row) = (1000.0, 260.0, 20.0, 26.0);
    let h = row * bars.len() as f64 + 30.0;
    let x = |d: f64| {
        if hi > lo {
            left + (d - lo) / (hi - lo) * (w - left - right)
        } else {
            left
        }
    };
    let _ = write!(
        out,
        "<svg class=\"stories-chart\" role=\"img\" aria-label=\"Các câu chuyện theo thời gian\" viewBox=\"0 0 {w} {h}\" width=\"100%\">"
    );
    for (i, (s, a, b)) in bars.iter().enumerate() {
        let y = row * i as f64 + 4.0;
        let (x0, x1) = (x(*a), x(*b));
        let _ = write!(
            out,
            "<a href=\"/stories/{}\"><text x=\"4\" y=\"{}\">{}</text>\
             <rect x=\"{x0:.1}\" y=\"{y}\" width=\"{:.1}\" height=\"{}\" rx=\"4\" fill=\"#0b5cad\" fill-opacity=\"0.75\">\
             <title>{} · {} bài · {} → {}</title></rect></a>",
            attr(&s.id),
            y + 14.0,
            esc(&digest::shorten(s.title.as_deref().unwrap_or(&s.id), 38)),
            (x1 - x0).max(8.0),
            row - 8.0,
            esc(s.title.as_deref().unwrap_or(&s.id)),
            s.articles,
            esc(s.first.as_deref().unwrap_or("")),
            esc(s.last.as_deref().unwrap_or(""))
        );
    }
    let axis = row * bars.len() as f64 + 18.0;
    let lo_s = stories_date(&bars, true);
    let hi_s = stories_date(&bars, false);
    let _ = writeln!(
        out,
        "<text x=\"{left}\" y=\"{axis}\">{}</text><text x=\"{}\" y=\"{axis}\" text-anchor=\"end\">{}</text></svg>",
        esc(&lo_s),
        w - right,
        esc(&hi_s)
    );
}

fn stories_date(bars: &[(&bantin_store::StoryInfo, f64, f64)], first: bool) -> String {
    let dates = bars.iter().filter_map(|(s, _, _)| {
        if first {
            s.first.as_deref()
        } else {
            s.last.as_deref()
        }
    });
    let pick = if first { dates.min() } else { dates.max() };
    pick.map(|d| d.chars().take(10).collect())
        .unwrap_or_default()
}

fn article_link(ids: &[(i64, String)], c: &Cite) -> String {
    ids.iter()
        .find(|(_, r)| *r == c.article)
        .map_or_else(String::new, |(id, _)| {
            format!("/articles/{id}#p{}", c.paragraph)
        })
}

/// `/stories/{id}`: timeline chart and table, summary, people, quotes, articles.
pub(crate) async fn story(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    let key = id.clone();
    let found = blocking(move || Ok(s.story(&key)?)).await?;
    let Some((st, recs)) = found else {
        return Err(WebError(
            StatusCode::NOT_FOUND,
            format!("Không có câu chuyện {id}"),
        ));
    };
    let ids: Vec<(i64, String)> = recs
        .iter()
        .map(|(i, r)| (*i, digest::article_ref(r)))
        .collect();
    let link = |c: &Cite| article_link(&ids, c);
    let mut out = page_head(&st.title);
    let _ = write!(
        out,
        "<h1>{}</h1><p class=\"meta\">{} · {} bài",
        esc(&st.title),
        esc(&st.id),
        st.articles.len()
    );
    if let Some((a, b)) = &st.dates {
        let _ = write!(out, " · {} → {}", esc(a), esc(b));
    }
    out.push_str("</p>\n");
    if !st.summary_sources.is_empty() {
        out.push_str("<h2>Tóm tắt</h2>");
        report::summary_html(&mut out, &st.summary_sources, &link);
    }
    if !st.timeline.is_empty() {
        out.push_str("<h2>Dòng thời gian</h2>\n");
        report::chart(
            &mut out,
            &st.timeline,
            &[(st.id.as_str(), st.title.as_str())],
            &link,
        );
        out.push_str("<table class=\"timeline\">\n");
        for e in &st.timeline {
            let _ = writeln!(
                out,
                "<tr><td class=\"date\">{}</td><td><a href=\"{}\">{}</a></td></tr>",
                esc(&report::date_label(&e.date)),
                attr(&link(&e.source)),
                esc(&e.text)
            );
        }
        out.push_str("</table>\n");
    }
    let people: Vec<_> = st
        .entities
        .iter()
        .filter(|e| e.ty != bantin::entities::EntityType::MISC)
        .take(40)
        .collect();
    if !people.is_empty() {
        out.push_str("<h2>Nhân vật, tổ chức, địa danh</h2><p>");
        for e in people {
            let vars: Vec<&str> = e.variants.iter().map(|v| v.0.as_str()).collect();
            let _ = write!(
                out,
                "<a class=\"chip\" href=\"/?entity={}\" title=\"{}\">{} <small>{} · {}</small></a>",
                attr(&e.id),
                attr(&vars.join(", ")),
                esc(&e.name),
                e.ty.as_str(),
                e.mentions
            );
        }
        out.push_str("</p>\n");
    }
    if !st.quotes.is_empty() {
        out.push_str("<h2>Trích dẫn</h2>\n");
        report::quotes_html(&mut out, &st.quotes, &link);
    }
    out.push_str("<h2>Bài viết</h2><ul>\n");
    for (aid, r) in &recs {
        let _ = writeln!(
            out,
            "<li><a class=\"article\" href=\"/articles/{aid}\">{}</a> <span class=\"meta\">{} · {}</span></li>",
            esc(r.title.as_ref().map_or("(không tiêu đề)", |t| t.text.as_str())),
            esc(r.published.as_deref().unwrap_or("không rõ ngày")),
            esc(&r.source)
        );
    }
    out.push_str("</ul></body></html>\n");
    Ok(Html(out))
}

/// A mark to draw over a paragraph's text.
struct Mark {
    start: usize,
    end: usize,
    open: String,
    close: &'static str,
}

/// The marks of one paragraph: quotes (outer), then entities and dates (inner, never
/// crossing a quote's edge or each other).
fn marks(r: &Record, k: usize) -> (Vec<Mark>, Vec<Mark>) {
    let p = &r.paragraphs[k];
    let inside = |sp: [usize; 2]| p.span[0] <= sp[0] && sp[1] <= p.span[1];
    let place = |sp: [usize; 2], text: &str| {
        let at = digest::timeline::offset_in(&p.text, p.span[0], sp[0], text);
        let end = at + text.len();
        (end <= p.text.len() && p.text.get(at..end) == Some(text)).then_some((at, end))
    };
    let mut outer = Vec::new();
    for q in r.quotes.iter().filter(|q| inside(q.span)) {
        if let Some((s, e)) = place(q.span, &q.text) {
            let who = q.speaker.as_ref().map_or("", |s| s.text.as_str());
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
                    "<a class=\"entity\" href=\"/?entity={}\"><mark class=\"{}\" title=\"{} · {}\">",
                    attr(&e.id),
                    e.ty.as_str(),
                    e.ty.as_str(),
                    attr(&e.id)
                ),
                close: "</mark></a>",
            })
        });
    let times = r.times.iter().filter(|t| inside(t.span)).filter_map(|t| {
        place(t.span, &t.text).map(|(s, x)| Mark {
            start: s,
            end: x,
            open: format!("<mark class=\"TIME\" title=\"{}\">", attr(&t.value)),
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
            format!("Không có bài {id}"),
        ));
    };
    let title = r
        .title
        .as_ref()
        .map_or("(không tiêu đề)", |t| t.text.as_str());
    let mut out = page_head(title);
    let _ = write!(
        out,
        "<article class=\"article\"><h1>{}</h1><p class=\"meta\">{} · {}",
        esc(title),
        esc(r.published.as_deref().unwrap_or("không rõ ngày")),
        esc(&summary.source)
    );
    if let Some(st) = &summary.story {
        let _ = write!(
            out,
            " · <a class=\"story\" href=\"/stories/{}\">{}</a>",
            attr(st),
            esc(st)
        );
    }
    if let Some(b) = &r.byline {
        let _ = write!(out, " · {}", esc(b.author.as_deref().unwrap_or("")));
    }
    out.push_str("</p>\n<p class=\"legend meta\"><mark class=\"PER\">người</mark><mark class=\"LOC\">nơi chốn</mark><mark class=\"ORG\">tổ chức</mark><mark class=\"TIME\">thời gian</mark><q class=\"quote\">trích dẫn</q></p>\n");
    for (k, p) in r.paragraphs.iter().enumerate() {
        let (outer, inner) = marks(&r, k);
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
        out.push_str("<h2>Sự kiện</h2><ul>");
        for e in &r.events {
            let _ = write!(
                out,
                "<li>{} · {:?} · {}{}</li>",
                esc(&report::date_label(&e.date)),
                e.ty,
                esc(&e.actors.join(", ")),
                e.place
                    .as_deref()
                    .map(|p| format!(" @ {}", esc(p)))
                    .unwrap_or_default()
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body></html>\n");
    Ok(Html(out))
}
