//! The web pages: rendered on the server, plain HTML and one inline style sheet, no script
//! and nothing fetched, so they open fast and work anywhere. Search (tone marks optional),
//! stories with their timeline charts, and articles with entities, dates and quotes marked.

use crate::chart::stories_chart;
use crate::{blocking, params, ApiError, AppState, Words};
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use bantin::{report, Cite};
use bantin_store::Query;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as esc};
use std::collections::HashMap;
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
pub(crate) struct WebError(pub(crate) StatusCode, pub(crate) String);

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
pub(crate) fn type_vi(t: &str) -> &'static str {
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

pub(crate) fn page_head(title: &str) -> String {
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
pub(crate) fn story_title(st: &bantin_store::StoryInfo) -> String {
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
            bantin::labels::date_vi(d)
        ),
        None => format!("Tin không tiêu đề · {articles} bài, không rõ ngày"),
    }
}

/// Empty form fields mean no filter; dates typed in the form as the store wants them.
/// True when the query searches (words or a filter).
fn clean_form(q: &mut Query) -> Result<bool, WebError> {
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
    Ok(!q.text.trim().is_empty()
        || q.entity.is_some()
        || q.story.is_some()
        || q.outlet.is_some()
        || q.ty.is_some()
        || q.from.is_some()
        || q.to.is_some())
}

/// `/`: the search box, hits when there is a query or a filter, and the stories.
pub(crate) async fn home(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    let mut q: Query = params(raw)?;
    let searching = clean_form(&mut q)?;
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
                bantin::labels::canonical_name(e.variants.iter().map(|(v, c)| (v.as_str(), *c)))
                    .unwrap_or(&e.name)
                    .to_string()
            }),
            None => None,
        };
        Ok((r, s.stories(0, 100)?, s.stats()?, name))
    })
    .await?;
    let titles: HashMap<&str, String> = stories
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
        hits_html(&mut out, total, &hits, &titles);
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

/// The hits of a search: title, outlet and date, story, highlighted snippet.
fn hits_html(
    out: &mut String,
    total: usize,
    hits: &[bantin_store::Hit],
    titles: &HashMap<&str, String>,
) {
    let _ = writeln!(out, "<h2>{total} kết quả</h2><ol class=\"hits\">");
    for h in hits {
        let label = bantin::labels::source_label(
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
                esc(&bantin::text::shorten(t, 60))
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
        .map(|(i, r)| (*i, bantin::labels::article_ref(r)))
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
        .filter(|e| e.ty != bantin::EntityType::MISC)
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
            esc(&bantin::labels::record_label(r))
        );
    }
    out.push_str("</ul></body></html>\n");
    Ok(Html(out))
}
