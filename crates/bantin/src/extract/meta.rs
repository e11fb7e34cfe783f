//! What a page says of itself: JSON-LD `NewsArticle`, Open Graph and `<meta>` tags.

use super::*;

/// Metadata a page carries.
#[derive(Default, Debug, Clone)]
pub struct Meta {
    /// JSON-LD `headline`, or `og:title`.
    pub headline: Option<String>,
    /// Publication date.
    pub published: Option<Stamp>,
    /// Authors named.
    pub authors: Vec<String>,
    /// `og:title` with the range of its value in the decoded text.
    pub og_title: Option<(String, (usize, usize))>,
    /// `<title>` node.
    pub title_node: Option<NodeId>,
    /// The page's own address: canonical link, `og:url`, JSON-LD `url`.
    pub url: Option<String>,
    /// `og:site_name`, JSON-LD publisher.
    pub site_name: Option<String>,
    /// Whether the date came from a weak source (a bare `date` meta, `<time>`).
    pub weak_date: bool,
    /// The author meta tag's value range, for the byline's span.
    pub author_range: Option<(usize, usize)>,
}

pub(super) fn read_meta(dom: &Dom, html: &str) -> Meta {
    let mut m = Meta::default();
    let mut meta_date: Option<Stamp> = None;
    let mut canonical: Option<String> = None;
    for id in 0..dom.nodes.len() {
        match dom.tag(id) {
            "script" if dom.attr(id, "type").is_some_and(|t| t.contains("ld+json")) => {
                let raw = dom.raw_text(id, html).concat();
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(raw.trim()) {
                    ld_article(&v, &mut m, 0);
                }
            }
            "meta" => {
                let key = dom
                    .attr(id, "property")
                    .or(dom.attr(id, "name"))
                    .or(dom.attr(id, "itemprop"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let Some(content) = dom.attr(id, "content") else {
                    continue;
                };
                match key.as_str() {
                    "og:title" if m.og_title.is_none() => {
                        if let NodeKind::Element { tag_range, .. } = dom.nodes[id].kind {
                            if let Some(r) = attr_value_range(html, tag_range, "content") {
                                m.og_title = Some((content.to_string(), r));
                            }
                        }
                    }
                    "article:published_time"
                    | "datepublished"
                    | "pubdate"
                    | "publishdate"
                    | "dc.date"
                    | "dc.date.issued"
                    | "date"
                    | "og:published_time"
                    | "article.published"
                    | "publish-date"
                    | "sailthru.date"
                    | "parsely-pub-date"
                        if meta_date.is_none() =>
                    {
                        meta_date = pubdate::parse_iso(content)
                            .or_else(|| pubdate::parse_stamp(content, false).map(|x| x.0));
                    }
                    "author" | "article:author" | "dc.creator" | "byl"
                        if !content.starts_with("http") && !content.trim().is_empty() =>
                    {
                        if m.author_range.is_none() {
                            if let NodeKind::Element { tag_range, .. } = dom.nodes[id].kind {
                                m.author_range = attr_value_range(html, tag_range, "content");
                            }
                        }
                        m.authors.push(content.trim().to_string())
                    }
                    "og:url" if m.url.is_none() && content.contains("://") => {
                        m.url = Some(content.trim().to_string())
                    }
                    "og:site_name" if m.site_name.is_none() && !content.contains("://") => {
                        m.site_name = Some(content.trim().to_string())
                    }
                    _ => {}
                }
            }
            "time" if meta_date.is_none() && m.published.is_none() => {
                if let Some(dt) = dom.attr(id, "datetime") {
                    meta_date = pubdate::parse_iso(dt);
                }
            }
            "title" if m.title_node.is_none() => m.title_node = Some(id),
            "link"
                if dom
                    .attr(id, "rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                if let Some(h) = dom.attr(id, "href").filter(|h| h.contains("://")) {
                    canonical.get_or_insert_with(|| h.trim().to_string());
                }
            }
            _ => {}
        }
    }
    if m.published.is_none() {
        m.published = meta_date;
    }
    if canonical.is_some() {
        m.url = canonical;
    }
    if m.headline.is_none() {
        m.headline = m.og_title.as_ref().map(|(t, _)| t.clone());
    }
    m
}

pub(super) fn ld_article(v: &serde_json::Value, m: &mut Meta, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        serde_json::Value::Array(a) => a.iter().for_each(|x| ld_article(x, m, depth + 1)),
        serde_json::Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                ld_article(g, m, depth + 1);
            }
            let ty = o.get("@type").map(|t| t.to_string()).unwrap_or_default();
            if ty.contains("Article") || ty.contains("BlogPosting") || ty.contains("Report") {
                if m.headline.is_none() {
                    m.headline = o
                        .get("headline")
                        .and_then(|h| h.as_str())
                        .map(|s| html_escape::decode_html_entities(s).into_owned());
                }
                if m.published.is_none() {
                    m.published = o
                        .get("datePublished")
                        .and_then(|d| d.as_str())
                        .and_then(pubdate::parse_iso);
                }
                if m.url.is_none() {
                    m.url = o
                        .get("url")
                        .and_then(|u| u.as_str())
                        .filter(|u| u.contains("://"))
                        .map(String::from);
                }
                if m.site_name.is_none() {
                    m.site_name = o
                        .get("publisher")
                        .and_then(|p| p.get("name"))
                        .and_then(|n| n.as_str())
                        .map(String::from);
                }
                if m.authors.is_empty() {
                    let names = |a: &serde_json::Value| -> Option<String> {
                        a.get("name")
                            .and_then(|n| n.as_str())
                            .map(String::from)
                            .or_else(|| a.as_str().map(String::from))
                    };
                    match o.get("author") {
                        Some(serde_json::Value::Array(xs)) => {
                            m.authors.extend(xs.iter().filter_map(names))
                        }
                        Some(a) => m.authors.extend(names(a)),
                        None => {}
                    }
                }
            }
        }
        _ => {}
    }
}
