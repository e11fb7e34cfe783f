//! The main content of an HTML page, found by the page's structure (text and link
//! density of its elements, readability-style scoring), and the metadata pages carry
//! (JSON-LD `NewsArticle`, `og:title`, `article:published_time`, `<time>`).

use crate::classify::{self, Class};
use crate::decode::Decoded;
use crate::html::{attr_value_range, Dom, NodeId, NodeKind, BLOCK};
use crate::offsets::TextBuilder;
use crate::page::{self, Article, Block, DateSource, Kind, Paragraph, Role, Text};
use crate::pubdate::{self, Stamp};
use regex::Regex;
use std::sync::OnceLock;

/// Inline elements: their text runs on within the paragraph around them.
const INLINE: &[&str] = &[
    "a", "b", "i", "em", "strong", "span", "font", "u", "sup", "sub", "small", "mark", "q", "cite",
    "abbr", "time", "code", "s", "del", "ins",
];

/// Tags whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "button", "select", "input", "textarea", "nav", "aside", "footer", "head", "title",
    "form", "dialog", "menu", "video", "audio", "map",
];

struct Res {
    negative: Regex,
    positive: Regex,
    strong_negative: Regex,
}

fn res() -> &'static Res {
    static R: OnceLock<Res> = OnceLock::new();
    R.get_or_init(|| Res {
        negative: Regex::new(
            r"(?i)(?:^|[\s_\-])(?:comment|comments|share|sharing|social|related|promo|newsletter|subscribe|subscription|sidebar|widget|advert|advertisement|ads?|adv|sponsor(?:ed)?|cookie|popup|modal|breadcrumbs?|tags?|tag-list|author-bio|footer|nav|navbar|navigation|menu|masthead|toolbar|pagination|pager|recommend(?:ed|ations)?|trending|popular|most-read|more-stories|read-?more|signup|paywall|outbrain|taboola|disqus|rating|print|skip|jump|hidden|banner|shoutbox|combx|tool|tools|meta|byline|dateline|caption-credit|inline-list|teaser|teasers|newsletter-signup|follow|video-player|playlist|gallery-thumbs|thumbs|box-comment|tin-lien-quan|lien-quan|tinlienquan|box-related)(?:$|[\s_\-])",
        )
        .expect("negative"),
        positive: Regex::new(r"(?i)article|body|content|entry|main|post|story|text|blog|detail|news-?content|chi-?tiet|noidung|fck_detail").expect("positive"),
        strong_negative: Regex::new(
            r"(?i)(?:^|[\s_\-])(?:comments?|comment-list|related|recommended|newsletter|social-share|share-buttons?|outbrain|taboola|disqus|cookie|popup|modal|most-read|trending|breadcrumbs?|sidebar|tin-lien-quan|box-related|advert|advertisement)(?:$|[\s_\-])",
        )
        .expect("strong negative"),
    })
}

/// Per-node statistics, computed bottom-up.
#[derive(Clone, Copy, Default, Debug)]
struct Stat {
    chars: u32,
    link_chars: u32,
    commas: u32,
    paras: u32,
    /// chars of paragraph text (p, pre, blockquote) outside links
    pchars: u32,
}

struct Ctx<'a> {
    dom: &'a Dom,
    html: &'a str,
    skip: Vec<bool>,
    stat: Vec<Stat>,
    /// elements that never hold visible text (scripts, head, hidden, nav, aside …)
    hard: Vec<bool>,
    /// statistics with only `hard` elements left out
    raw: Vec<Stat>,
}

fn class_id(dom: &Dom, id: NodeId) -> String {
    let mut s = String::new();
    if let Some(c) = dom.attr(id, "class") {
        s.push_str(c);
    }
    if let Some(c) = dom.attr(id, "id") {
        s.push(' ');
        s.push_str(c);
    }
    s
}

fn hidden(dom: &Dom, id: NodeId) -> bool {
    if dom.attr(id, "hidden").is_some() || dom.attr(id, "aria-hidden") == Some("true") {
        return true;
    }
    if let Some(st) = dom.attr(id, "style") {
        let st: String = st
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        return st.contains("display:none") || st.contains("visibility:hidden");
    }
    false
}

/// Class names as the unlikely-element rules read them: page builders call every block a
/// widget ("elementor-widget-text-editor"), so "widget" counts only where it opens a name.
fn unlikely_ci(ci: &str) -> std::borrow::Cow<'_, str> {
    if ci.contains("-widget") || ci.contains("_widget") {
        std::borrow::Cow::Owned(ci.replace("-widget", "-w").replace("_widget", "_w"))
    } else {
        std::borrow::Cow::Borrowed(ci)
    }
}

mod container;
mod meta;
mod parts;

use container::*;
pub use meta::Meta;
use meta::*;
use parts::*;

/// Reads an HTML page into its article.
pub fn read_html(dec: &Decoded) -> Vec<Article> {
    let a = read_markup(dec, &dec.text);
    let words = |a: &[Article]| -> usize {
        a.iter()
            .flat_map(|a| &a.paragraphs)
            .map(|p| p.text.text.split_whitespace().count())
            .sum()
    };
    // posts shown only in a <noscript> view: read its markup as the page's (the tag renamed
    // to one of the same length, so that every offset holds)
    if words(&a) < 60 && dec.text.contains("<noscript") {
        let alt = dec
            .text
            .replace("<noscript", "<nxscript")
            .replace("</noscript", "</nxscript");
        let b = read_markup(dec, &alt);
        if words(&b) > words(&a) * 2 + 30 {
            return b;
        }
    }
    a
}

/// Reads the markup `html` (the decoded text of `dec`, or a copy of the same length).
fn read_markup(dec: &Decoded, html: &str) -> Vec<Article> {
    let dom = Dom::parse(html);
    let meta = read_meta(&dom, html);
    let ctx = Ctx::new(&dom, html);
    let body = dom.elements("body").next().unwrap_or(0);
    let top = ctx.best_container();
    let roots = match top {
        Some(top) => ctx.with_siblings(top),
        None => vec![body],
    };
    let blocks = ctx.blocks(&roots, dec);
    let (title, title_id) = find_title(&dom, &ctx, dec, &meta, top);
    let title_text = title.as_ref().map(|t| t.text.clone()).unwrap_or_default();
    let (mut paragraphs, stamp, mut byline) = html_paragraphs(blocks, &title_text);
    // the lead printed apart from the body, between the headline and the body
    if let Some(t) = title_id {
        if let Some(lead) = ctx
            .lead_after(t, &roots, dec)
            .filter(|l| vietnamese(&l.text))
        {
            let dup = |p: &Paragraph| similar_para(&p.text.text, &lead.text);
            if !paragraphs.iter().take(3).any(dup) {
                paragraphs.insert(
                    0,
                    Paragraph {
                        text: lead,
                        kind: Kind::Body,
                    },
                );
            }
        }
    }
    let anchor = title_id.or(top).unwrap_or(body);
    let printed = ctx.page_stamp(anchor);
    let url = meta.url.clone();
    let published = match printed {
        // a printed date and time near the headline is what the reader sees
        Some((st, upd)) if st.time.is_some() && !(upd && meta.published.is_some()) => {
            Some((st, DateSource::Stamp))
        }
        p => meta
            .published
            .clone()
            .map(|s| (s, DateSource::Metadata))
            .or(p.map(|(s, _)| (s, DateSource::Stamp)))
            .or(stamp.map(|s| (s, DateSource::Stamp)))
            .or_else(|| {
                url.as_deref()
                    .and_then(pubdate::parse_url_date)
                    .map(|s| (s, DateSource::Url))
            }),
    };
    prune_link_lists(&mut paragraphs);
    if paragraphs.iter().all(|p| p.kind != Kind::Body) {
        return vec![];
    }
    if byline.is_none() {
        byline = meta_byline(dec, &meta, title.as_ref());
    }
    let outlet = meta
        .site_name
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| url.as_deref().and_then(page::url_host));
    let mut a = Article {
        index: 0,
        title,
        published,
        paragraphs,
        byline,
        outlet,
        url,
    };
    if a.published.is_none() {
        page::date_articles(std::slice::from_mut(&mut a));
    }
    vec![a]
}

/// A byline from the author metadata, its span where the name is printed after the
/// headline (else the metadata value).
fn meta_byline(dec: &Decoded, meta: &Meta, title: Option<&Text>) -> Option<page::Byline> {
    let names: Vec<&String> = meta
        .authors
        .iter()
        .filter(|a| {
            let n = a.split_whitespace().count();
            (1..=6).contains(&n) && a.chars().count() <= 60 && !a.contains('@')
        })
        .collect();
    let first = names.first()?;
    let author = names
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let from = title.map_or(0, |t| dec.map.src_end(0).min(t.span().end));
    let text = dec.text.as_str();
    let printed = text
        .get(from..)
        .and_then(|t| t.find(first.as_str()))
        .map(|i| (from + i, from + i + first.len()));
    let (s, e) = printed.or(meta.author_range)?;
    let span = dec.map.src_span(s, e);
    Some(page::Byline {
        author: Some(author),
        sources: vec![],
        span,
        author_span: Some(span),
    })
}

fn author_class(ci: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)author|byline|tac-?gia|writer|signature|nguoi-?viet")
            .expect("author class")
    })
    .is_match(ci)
}

/// Class names of a lead printed apart from the body.
fn lead_class(ci: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)sapo|lead|desc|summary|excerpt|intro|standfirst|chapeau|abstract|head|init|tomtat|subtitle|deck")
            .expect("lead class")
    })
    .is_match(ci)
}

/// True for Vietnamese text (letters only Vietnamese writes). Vietnamese outlets print the
/// lead (sapo) as the first paragraph of the story; elsewhere a standfirst is furniture.
fn vietnamese(t: &str) -> bool {
    const VI: &str = "đĐưƯơƠăĂạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";
    t.chars().filter(|c| VI.contains(*c)).take(3).count() >= 3
}

fn similar_para(a: &str, b: &str) -> bool {
    let (a, b) = (parts::alnum_lower(a), parts::alnum_lower(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let mut cut = short.len().min(60);
    while !short.is_char_boundary(cut) {
        cut -= 1;
    }
    long.contains(short.as_str()) && short.len() * 2 >= long.len()
        || long.starts_with(&short[..cut]) && short.len() >= 60
}

fn lower_head(bytes: &[u8], n: usize) -> Vec<u8> {
    bytes[..bytes.len().min(n)].to_ascii_lowercase()
}

/// Looks for a charset declared in the first bytes of an HTML page.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = lower_head(bytes, 4096);
    let i = memchr::memmem::find(&head, b"charset=")?;
    let rest = &head[i + 8..];
    let rest = &rest[rest
        .iter()
        .take_while(|&&b| matches!(b, b'"' | b'\'' | b' '))
        .count()..];
    let end = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| String::from_utf8_lossy(&rest[..end]).into_owned())
}

/// True when the bytes look like an HTML page.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    if memchr::memchr(b'<', &bytes[..bytes.len().min(2048)]).is_none() {
        return false;
    }
    let head = lower_head(bytes, 2048);
    let start = head
        .iter()
        .position(|&b| !b.is_ascii_whitespace() && b != 0xEF && b != 0xBB && b != 0xBF)
        .unwrap_or(head.len());
    let t = &head[start..];
    let has = |n: &[u8]| memchr::memmem::find(&head, n).is_some();
    t.starts_with(b"<!doctype html")
        || t.starts_with(b"<html")
        || has(b"<html")
        || has(b"<head")
        || has(b"<body")
        || (t.starts_with(b"<") && has(b"</p>"))
}

/// Debugging aid: the ancestor chain (tag.class, skipped?, chars, score inputs) of the first
/// text node containing `needle`, and the container chosen.
#[doc(hidden)]
pub fn debug_path(dec: &Decoded, needle: &str) -> Vec<String> {
    let html = dec.text.as_str();
    let dom = Dom::parse(html);
    let ctx = Ctx::new(&dom, html);
    let mut out = vec![];
    if let Some(top) = ctx.best_container() {
        out.push(format!(
            "container: {} {:?} chars {} paras {}",
            dom.tag(top),
            class_id(&dom, top),
            ctx.stat[top].chars,
            ctx.stat[top].paras
        ));
    }
    for id in 0..dom.nodes.len() {
        if let NodeKind::Text { start, end } = dom.nodes[id].kind {
            if html[start..end].contains(needle) && dom.tag(dom.nodes[id].parent) != "script" {
                let mut p = id;
                while p != 0 {
                    out.push(format!(
                        "{} {:?} skip={} chars={} links={} paras={}",
                        dom.tag(p),
                        class_id(&dom, p),
                        ctx.skip[p],
                        ctx.stat[p].chars,
                        ctx.stat[p].link_chars,
                        ctx.stat[p].paras
                    ));
                    p = dom.nodes[p].parent;
                }
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
