//! The web pages: rendered on the server, plain HTML and one inline style sheet, no script
//! and nothing fetched, so they open fast and work anywhere. Search (tone marks optional),
//! stories with their timeline charts, and articles with entities, dates and quotes marked.

use crate::{article_id, blocking, params, ApiError, AppState, Words};
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use bantin::digest::{self, report, Cite};
use bantin::display;
use bantin::record::Record;
use bantin_store::Query;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as esc};
use std::fmt::Write;

const EXTRA_STYLE: &str = "
header{display:flex;gap:1rem;align-items:center;border-bottom:2px solid #dde3ea;padding-bottom:.6rem}
header a.home{font-weight:700;font-size:1.3rem;color:#1d2430}
form.search{display:flex;gap:.5rem;flex-wrap:wrap;margin:1rem 0}
form.search label{display:flex;flex-direction:column;font-size:.8rem;color:#5b6775;gap:.1rem}
form.search label.words{flex:1;min-width:16rem}form.search input,form.search select{font-size:1rem;padding:.4rem .5rem;border:1px solid #b8c2cc;border-radius:.3rem;color:#1d2430}
form.search input.date{width:8.5rem}form.search button{align-self:flex-end}.filter{margin:.2rem 0 .6rem}
ul.stories li{margin:.25rem 0}svg .nodate{fill:#8a94a0}svg .sep{stroke:#dde3ea}ul.events li{margin:.3rem 0}
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
        WebError(e.0, vi_error(e.0, &e.1))
    }
}

/// An API error (English, for programs) said in Vietnamese for the web pages.
fn vi_error(status: StatusCode, msg: &str) -> String {
    let m = msg.to_lowercase();
    if status == StatusCode::NOT_FOUND {
        "Không tìm thấy trang này.".to_string()
    } else if m.contains("range ends before") {
        "Khoảng ngày không hợp lệ: ngày kết thúc đứng trước ngày bắt đầu.".to_string()
    } else if m.contains("bad date") {
        "Ngày không hợp lệ: hãy viết ngày/tháng/năm (28/1/2024), tháng/năm (1/2024) hoặc năm (2024).".to_string()
    } else if m.contains("entity type") {
        "Loại không hợp lệ: chọn người, nơi chốn, tổ chức hoặc khác.".to_string()
    } else if m.contains("article id") {
        "Mã bài không hợp lệ.".to_string()
    } else if status.is_client_error() {
        "Yêu cầu không hợp lệ: hãy kiểm tra các ô tìm kiếm.".to_string()
    } else {
        // the id the server's log has the details under, never the details
        match msg
            .strip_prefix("internal error ")
            .and_then(|r| r.split(':').next())
        {
            Some(id) => format!("Máy chủ gặp lỗi khi trả lời (mã lỗi {id}); hãy thử lại sau."),
            None => "Máy chủ gặp lỗi khi trả lời; hãy thử lại sau.".to_string(),
        }
    }
}

/// A date typed in the form, Vietnamese style (`28/1/2024`, `1/2024`, `2024`) or ISO, as
/// the store's query wants it (`2024-01-28`, `2024-01`, `2024`).
fn form_date(v: &str) -> Result<String, WebError> {
    let v = v.trim();
    let bad = || {
        WebError(
            StatusCode::BAD_REQUEST,
            format!("Ngày không hợp lệ: “{v}”. Hãy viết ngày/tháng/năm (28/1/2024), tháng/năm (1/2024) hoặc năm (2024)."),
        )
    };
    if v.contains('-') {
        return Ok(v.to_string());
    }
    let parts: Vec<&str> = v.split(['/', '.']).map(str::trim).collect();
    let n = |x: &str| x.parse::<u32>().ok();
    match parts.as_slice() {
        [y] => n(y).filter(|y| *y >= 1000).map(|y| format!("{y}")),
        [m, y] => n(m)
            .zip(n(y))
            .filter(|(m, y)| (1..=12).contains(m) && *y >= 1000)
            .map(|(m, y)| format!("{y}-{m:02}")),
        [d, m, y] => match (n(d), n(m), n(y)) {
            (Some(d), Some(m), Some(y))
                if (1..=31).contains(&d) && (1..=12).contains(&m) && y >= 1000 =>
            {
                Some(format!("{y}-{m:02}-{d:02}"))
            }
            _ => None,
        },
        _ => None,
    }
    .ok_or_else(bad)
}

/// A store date (`2024-01-28`, `2024-01`) as the form shows it (`28/1/2024`, `1/2024`).
fn form_value(v: &str) -> String {
    let p: Vec<&str> = v.split('-').collect();
    let n = |x: &str| {
        x.parse::<u32>()
            .map_or_else(|_| x.to_string(), |v| v.to_string())
    };
    match p.as_slice() {
        [y, m, d] => format!("{}/{}/{y}", n(d), n(m)),
        [y, m] => format!("{}/{y}", n(m)),
        _ => v.to_string(),
    }
}

/// Entity types as the web pages name them.
fn type_vi(t: &str) -> &'static str {
    match t {
        "PER" => "người",
        "LOC" => "nơi chốn",
        "ORG" => "tổ chức",
        _ => "khác",
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let mut out = page_head("Lỗi");
        let _ = write!(
            out,
            "<h1>{}</h1><p class=\"error\">{}</p><p><a href=\"/\">Về trang tìm kiếm</a></p>",
            match self.0 {
                StatusCode::NOT_FOUND => "Không tìm thấy",
                s if s.is_client_error() => "Yêu cầu không hợp lệ",
                _ => "Lỗi máy chủ",
            },
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

fn search_form(out: &mut String, q: &Query, entity_name: Option<&str>) {
    let _ = write!(
        out,
        "<form class=\"search\" action=\"/\" method=\"get\" role=\"search\">\
         <label class=\"words\">Từ khóa (có hoặc không dấu)<input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"shoigu binh nhuong\" autofocus></label>\
         <label>Loại thực thể<select name=\"type\">",
        attr(&q.text)
    );
    for (v, l) in [
        ("", "tất cả"),
        ("PER", "người"),
        ("LOC", "nơi chốn"),
        ("ORG", "tổ chức"),
        ("MISC", "khác"),
    ] {
        let sel = if q.ty.as_deref().unwrap_or("") == v {
            " selected"
        } else {
            ""
        };
        let _ = write!(out, "<option value=\"{v}\"{sel}>{l}</option>");
    }
    let _ = write!(
        out,
        "</select></label>\
         <label>Báo, trang<input type=\"text\" name=\"outlet\" value=\"{}\" placeholder=\"VnExpress, dantri.com.vn\"></label>\
         <label>Từ ngày<input class=\"date\" type=\"text\" name=\"from\" value=\"{}\" placeholder=\"ngày/tháng/năm\" inputmode=\"numeric\" title=\"28/1/2024, 1/2024 hoặc 2024\"></label>\
         <label>Đến ngày<input class=\"date\" type=\"text\" name=\"to\" value=\"{}\" placeholder=\"ngày/tháng/năm\" inputmode=\"numeric\" title=\"28/1/2024, 1/2024 hoặc 2024\"></label>",
        attr(q.outlet.as_deref().unwrap_or_default()),
        attr(&q.from.as_deref().map(form_value).unwrap_or_default()),
        attr(&q.to.as_deref().map(form_value).unwrap_or_default())
    );
    if let Some(e) = &q.entity {
        let _ = write!(
            out,
            "<input type=\"hidden\" name=\"entity\" value=\"{}\">",
            attr(e)
        );
    }
    if let Some(st) = &q.story {
        let _ = write!(
            out,
            "<input type=\"hidden\" name=\"story\" value=\"{}\">",
            attr(st)
        );
    }
    out.push_str("<button type=\"submit\">Tìm</button></form>\n");
    if q.entity.is_some() {
        let _ = writeln!(
            out,
            "<p class=\"filter meta\">Chỉ các bài nhắc đến <b>{}</b> · <a href=\"/\">bỏ lọc</a></p>",
            esc(entity_name.unwrap_or("thực thể đã chọn"))
        );
    }
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

/// A story's title as pages show it: its own, else a readable stand-in (never its id).
fn story_title(st: &bantin_store::StoryInfo) -> String {
    match st.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => t.to_string(),
        None => untitled(st.first.as_deref(), st.articles),
    }
}

fn untitled(first: Option<&str>, articles: usize) -> String {
    match first {
        Some(d) => format!(
            "Tin không tiêu đề · {} bài từ {}",
            articles,
            display::date_vi(d)
        ),
        None => format!("Tin không tiêu đề · {articles} bài, không rõ ngày"),
    }
}

/// `/`: the search box, hits when there is a query or a filter, and the stories.
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
        &mut q.outlet,
    ] {
        if f.as_deref().is_some_and(|v| v.trim().is_empty()) {
            *f = None;
        }
    }
    q.from = q.from.as_deref().map(form_date).transpose()?;
    q.to = q.to.as_deref().map(form_date).transpose()?;
    let searching = !q.text.trim().is_empty()
        || q.entity.is_some()
        || q.story.is_some()
        || q.outlet.is_some()
        || q.ty.is_some()
        || q.from.is_some()
        || q.to.is_some();
    let q2 = q.clone();
    let (results, stories, stats, entity_name) = blocking(move || {
        let r = if searching {
            let r = s.search(&Query {
                limit: Some(q2.limit.unwrap_or(20)),
                ..q2.clone()
            })?;
            Some((r.total, r.hits))
        } else {
            None
        };
        let name = match &q2.entity {
            Some(e) => s.entity(e)?.map(|e| {
                display::canonical_name(e.variants.iter().map(|(v, c)| (v.as_str(), *c)))
                    .unwrap_or(&e.name)
                    .to_string()
            }),
            None => None,
        };
        Ok((r, s.stories(0, 100)?, s.stats()?, name))
    })
    .await?;
    let titles: std::collections::HashMap<&str, String> = stories
        .iter()
        .map(|st| (st.id.as_str(), story_title(st)))
        .collect();
    let mut out = page_head(if searching {
        if q.text.trim().is_empty() {
            "Lọc bài"
        } else {
            &q.text
        }
    } else {
        "Tìm kiếm"
    });
    search_form(&mut out, &q, entity_name.as_deref());
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} bài · {} câu chuyện · {} thực thể</p>",
        stats.articles, stats.stories, stats.entities
    );
    if let Some((total, hits)) = results {
        let _ = writeln!(out, "<h2>{total} kết quả</h2><ol class=\"hits\">");
        for h in &hits {
            let label = display::source_label(
                h.outlet.as_deref(),
                h.url.as_deref(),
                &h.source,
                h.published.as_deref(),
            );
            let _ = write!(
                out,
                "<li><a class=\"hit\" href=\"/articles/{}\">{}</a> <span class=\"meta\">{}",
                h.id,
                esc(h.title.as_deref().unwrap_or("(không tiêu đề)")),
                esc(&label)
            );
            if let Some(st) = &h.story {
                let t = titles
                    .get(st.as_str())
                    .map_or("Cả câu chuyện", String::as_str);
                let _ = write!(
                    out,
                    " · <a href=\"/stories/{}\">Câu chuyện: {}</a>",
                    attr(st),
                    esc(&digest::shorten(t, 60))
                );
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
    stories_chart(&mut out, &stories, &titles);
    out.push_str("<ul class=\"stories\">\n");
    for st in &stories {
        let dates = match (st.first.as_deref(), st.last.as_deref()) {
            (Some(a), Some(b)) => report::date_range(a, b),
            _ => "không rõ ngày".to_string(),
        };
        let _ = writeln!(
            out,
            "<li><a class=\"story\" href=\"/stories/{}\">{}</a> <span class=\"meta\">{} bài · {}</span></li>",
            attr(&st.id),
            esc(&titles[st.id.as_str()]),
            st.articles,
            esc(&dates)
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

/// Month and day of a yearless date (`XXXX-11-05`) as a day of a year.
fn yearless_day(d: &str) -> Option<f64> {
    let rest = d.strip_prefix("XXXX-")?;
    let mut it = rest.get(..5)?.split('-');
    let m: f64 = it.next()?.parse().ok()?;
    let dd: f64 = it.next()?.parse().ok()?;
    Some((m - 1.0) * 30.44 + dd)
}

/// Every story drawn over time, one row each, in the order of the list below it: a bar
/// from first to last report; stories whose year is unknown on their own rows under the
/// dated ones, placed by day and month and marked; stories with no date at all listed.
fn stories_chart(
    out: &mut String,
    stories: &[bantin_store::StoryInfo],
    titles: &std::collections::HashMap<&str, String>,
) {
    if stories.is_empty() {
        return;
    }
    enum Span {
        Dated(f64, f64),
        Yearless(f64, f64),
        None,
    }
    let span = |s: &bantin_store::StoryInfo| {
        let (a, b) = (s.first.as_deref(), s.last.as_deref());
        match (a.and_then(day), b.and_then(day)) {
            (Some(x), Some(y)) => Span::Dated(x, y),
            (Some(x), None) => Span::Dated(x, x),
            _ => match (a.and_then(yearless_day), b.and_then(yearless_day)) {
                (Some(x), Some(y)) => Span::Yearless(x.min(y), x.max(y)),
                (Some(x), None) | (None, Some(x)) => Span::Yearless(x, x),
                _ => Span::None,
            },
        }
    };
    let spans: Vec<Span> = stories.iter().map(span).collect();
    let dated: Vec<(f64, f64)> = spans
        .iter()
        .filter_map(|s| match s {
            Span::Dated(a, b) => Some((*a, *b)),
            _ => None,
        })
        .collect();
    let lo = dated.iter().map(|b| b.0).fold(f64::MAX, f64::min);
    let hi = dated.iter().map(|b| b.1).fold(f64::MIN, f64::max);
    let (w, left, right, row) = (1000.0, 300.0, 20.0, 22.0);
    let n_yearless = spans
        .iter()
        .filter(|s| !matches!(s, Span::Dated(..)))
        .count();
    let gap = if n_yearless > 0 && !dated.is_empty() {
        26.0
    } else {
        0.0
    };
    let h = row * stories.len() as f64 + gap + 24.0;
    let x = |d: f64, lo: f64, hi: f64| {
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
    // dated rows first, then yearless and undated ones, each group in list order
    let order: Vec<usize> = (0..stories.len())
        .filter(|&i| matches!(spans[i], Span::Dated(..)))
        .chain((0..stories.len()).filter(|&i| !matches!(spans[i], Span::Dated(..))))
        .collect();
    let mut y = 20.0;
    let mut separated = false;
    for &i in &order {
        let st = &stories[i];
        if !separated && !matches!(spans[i], Span::Dated(..)) {
            separated = true;
            if gap > 0.0 {
                let _ = write!(
                    out,
                    "<line class=\"sep\" x1=\"0\" x2=\"{w}\" y1=\"{0}\" y2=\"{0}\"/>\
                     <text class=\"nodate\" x=\"{left}\" y=\"{1}\">Không rõ năm: xếp theo ngày và tháng</text>",
                    y + 4.0,
                    y + 18.0
                );
                y += gap;
            }
        }
        let title = titles
            .get(st.id.as_str())
            .cloned()
            .unwrap_or_else(|| story_title(st));
        let dates = match (st.first.as_deref(), st.last.as_deref()) {
            (Some(a), Some(b)) => report::date_range(a, b),
            _ => "không rõ ngày".to_string(),
        };
        let (bar, mark) = match spans[i] {
            Span::Dated(a, b) => (Some((x(a, lo, hi), x(b, lo, hi), "#0b5cad")), ""),
            Span::Yearless(a, b) => (
                Some((x(a, 1.0, 366.0), x(b, 1.0, 366.0), "#b7950b")),
                " (không rõ năm)",
            ),
            Span::None => (None, " (không rõ ngày)"),
        };
        let _ = write!(
            out,
            "<a class=\"row\" href=\"/stories/{}\"><text x=\"4\" y=\"{}\">{}{}</text>",
            attr(&st.id),
            y + 13.0,
            esc(&digest::shorten(
                &title,
                if mark.is_empty() { 44 } else { 30 }
            )),
            mark
        );
        if let Some((x0, x1, colour)) = bar {
            let _ = write!(
                out,
                "<rect x=\"{x0:.1}\" y=\"{y}\" width=\"{:.1}\" height=\"{}\" rx=\"4\" fill=\"{colour}\" fill-opacity=\"0.75\">\
                 <title>{} · {} bài · {}</title></rect>",
                (x1 - x0).max(8.0),
                row - 8.0,
                esc(&title),
                st.articles,
                esc(&dates)
            );
        }
        out.push_str("</a>");
        y += row;
    }
    if !dated.is_empty() {
        let axis = 12.0;
        let first = stories
            .iter()
            .filter_map(|s| s.first.as_deref())
            .filter(|d| day(d).is_some())
            .min();
        let last = stories
            .iter()
            .filter_map(|s| s.last.as_deref())
            .filter(|d| day(d).is_some())
            .max();
        let _ = write!(
            out,
            "<text class=\"nodate\" x=\"{left}\" y=\"{axis}\">{}</text><text class=\"nodate\" x=\"{}\" y=\"{axis}\" text-anchor=\"end\">{}</text>",
            esc(&first.map(|d| display::date_vi(&d[..10.min(d.len())])).unwrap_or_default()),
            w - right,
            esc(&last.map(|d| display::date_vi(&d[..10.min(d.len())])).unwrap_or_default())
        );
    }
    out.push_str("</svg>\n");
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
    RawQuery(q): RawQuery,
) -> Result<Html<String>, WebError> {
    let words = params::<Words>(q)?.get()?;
    let key = id.clone();
    let found = blocking(move || Ok(s.story_with_words(&key, words)?)).await?;
    let Some((st, recs)) = found else {
        return Err(WebError(
            StatusCode::NOT_FOUND,
            "Không có câu chuyện này.".to_string(),
        ));
    };
    let ids: Vec<(i64, String)> = recs
        .iter()
        .map(|(i, r)| (*i, digest::article_ref(r)))
        .collect();
    let link = |c: &Cite| article_link(&ids, c);
    // as the home page lists it: the title of its first article with one, else a stand-in
    let title = if recs.iter().all(|(_, r)| r.title.is_none()) || st.title.trim().is_empty() {
        untitled(st.dates.as_ref().map(|d| d.0.as_str()), st.articles.len())
    } else {
        st.title.clone()
    };
    let mut out = page_head(&title);
    let _ = write!(
        out,
        "<h1>{}</h1><p class=\"meta\">{} bài",
        esc(&title),
        st.articles.len()
    );
    if let Some((a, b)) = &st.dates {
        let _ = write!(out, " · {}", esc(&report::date_range(a, b)));
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
            &[(st.id.as_str(), title.as_str())],
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
                "<a class=\"chip {}\" href=\"/?entity={}\" title=\"{}\">{} <small>{} · {} lần</small></a>",
                e.ty.as_str(),
                attr(&e.id),
                attr(&vars.join(", ")),
                esc(&e.name),
                type_vi(e.ty.as_str()),
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
            "<li><a class=\"article\" href=\"/articles/{aid}\">{}</a> <span class=\"meta\">{}</span></li>",
            esc(r.title.as_ref().map_or("(không tiêu đề)", |t| t.text.as_str())),
            esc(&display::record_label(r))
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
fn marks(
    r: &Record,
    k: usize,
    names: &std::collections::BTreeMap<String, String>,
) -> (Vec<Mark>, Vec<Mark>) {
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
                attr(&display::date_vi(&t.value))
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
    let names = display::names(&r);
    let mut out = page_head(title);
    let who = display::outlet(r.outlet.as_deref(), r.url.as_deref(), &summary.source);
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
            .map_or_else(|| "không rõ ngày".to_string(), display::date_vi))
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
                .unwrap_or_else(|| display::id_as_name(id))
        };
        for e in &r.events {
            let link = digest::paragraph_at(&r, e.span)
                .map(|p| format!("#p{p}"))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<li><a href=\"{}\">{}</a></li>",
                attr(&link),
                esc(&display::event_sentence(e, &name))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body></html>\n");
    Ok(Html(out))
}
