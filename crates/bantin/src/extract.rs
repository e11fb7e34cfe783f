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

impl<'a> Ctx<'a> {
    fn new(dom: &'a Dom, html: &'a str) -> Self {
        let n = dom.nodes.len();
        let r = res();
        // 1. tags that never hold article text, and hidden elements
        let mut skip = vec![false; n];
        for id in 1..n {
            let parent = dom.nodes[id].parent;
            let tag = dom.tag(id);
            if skip[parent]
                || (!tag.is_empty() && tag != "form" && (SKIP.contains(&tag) || hidden(dom, id)))
            {
                skip[id] = true;
            }
        }
        let hard = skip.clone();
        let raw = Self::stats(dom, html, &skip);
        // 2. unlikely elements by class and id (and forms), unless they hold most of the
        //    page's paragraph text: a content wrapper misnamed "ad-margins" or "sidebar"
        let total = raw[0].pchars.max(1);
        for id in 1..n {
            let parent = dom.nodes[id].parent;
            if skip[parent] {
                skip[id] = true;
                continue;
            }
            let tag = dom.tag(id);
            if tag.is_empty() || skip[id] || matches!(tag, "body" | "html" | "article" | "main") {
                continue;
            }
            let st = raw[id];
            let holds_most = st.pchars * 2 >= total;
            let ld = if st.chars == 0 {
                0.0
            } else {
                st.link_chars as f32 / st.chars as f32
            };
            let ci = class_id(dom, id);
            let ci = unlikely_ci(&ci);
            let kill = if tag == "form" {
                !holds_most
            } else if ci.is_empty() {
                false
            } else if r.strong_negative.is_match(&ci) {
                !holds_most
            } else if r.negative.is_match(&ci) && !r.positive.is_match(&ci) {
                !(holds_most || st.paras >= 3 && ld < 0.3)
            } else {
                false
            };
            if kill {
                skip[id] = true;
            }
        }
        let stat = Self::stats(dom, html, &skip);
        Ctx {
            dom,
            html,
            skip,
            stat,
            hard,
            raw,
        }
    }

    fn stats(dom: &Dom, html: &str, skip: &[bool]) -> Vec<Stat> {
        let n = dom.nodes.len();
        let mut stat = vec![Stat::default(); n];
        for id in (1..n).rev() {
            if skip[id] {
                continue;
            }
            if let NodeKind::Text { start, end } = dom.nodes[id].kind {
                // characters that are not ASCII white space (UTF-8 continuation bytes
                // left out); commas, including CJK ones
                let t = &html.as_bytes()[start..end];
                stat[id].chars = t
                    .iter()
                    .filter(|&&b| !b.is_ascii_whitespace() && (b & 0xC0) != 0x80)
                    .count() as u32;
                let mut commas = memchr::memchr_iter(b',', t).count();
                if memchr::memchr2(0xEF, 0xE3, t).is_some() {
                    commas += memchr::memmem::find_iter(t, "，".as_bytes()).count()
                        + memchr::memmem::find_iter(t, "、".as_bytes()).count();
                }
                stat[id].commas = commas as u32;
            }
            match dom.tag(id) {
                "a" => stat[id].link_chars = stat[id].chars,
                "p" | "pre" | "blockquote" => {
                    if stat[id].chars >= 20 {
                        stat[id].paras += 1;
                    }
                    stat[id].pchars = stat[id].chars - stat[id].link_chars;
                }
                "div" | "section" | "article" | "main" | "font" | "td" => {
                    // text written straight into a container counts as a paragraph
                    let mut direct = 0;
                    for &ch in &dom.nodes[id].children {
                        let inline = matches!(dom.nodes[ch].kind, NodeKind::Text { .. })
                            || INLINE.contains(&dom.tag(ch));
                        if inline && !skip[ch] {
                            direct += stat[ch].chars - stat[ch].link_chars;
                        }
                    }
                    if direct >= 40 {
                        stat[id].paras += 1;
                        stat[id].pchars += direct;
                    }
                }
                _ => {}
            }
            let p = dom.nodes[id].parent;
            let s = stat[id];
            let ps = &mut stat[p];
            ps.chars += s.chars;
            ps.link_chars += s.link_chars;
            ps.commas += s.commas;
            ps.paras += s.paras;
            ps.pchars += s.pchars;
        }
        stat
    }

    fn link_density(&self, id: NodeId) -> f32 {
        let s = self.stat[id];
        if s.chars == 0 {
            return 0.0;
        }
        s.link_chars as f32 / s.chars as f32
    }

    /// Readability-style scoring: every paragraph-like element hands its score to its
    /// ancestors; the best container wins.
    fn best_container(&self) -> Option<NodeId> {
        let dom = self.dom;
        let n = dom.nodes.len();
        let mut score = vec![0f32; n];
        let mut seen = vec![false; n];
        let r = res();
        let init = |id: NodeId| -> f32 {
            let mut s = match dom.tag(id) {
                "div" | "article" | "main" | "section" => 5.0,
                "pre" | "td" | "blockquote" => 3.0,
                "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
                _ => 0.0,
            };
            let ci = class_id(dom, id);
            let ci = unlikely_ci(&ci);
            if r.positive.is_match(&ci) {
                s += 25.0;
            }
            if r.negative.is_match(&ci) {
                s -= 25.0;
            }
            if dom.tag(id) == "article" {
                s += 10.0;
            }
            s
        };
        for id in 1..n {
            if self.skip[id] {
                continue;
            }
            let tag = dom.tag(id);
            let (chars, commas, first) = if matches!(tag, "p" | "pre" | "td" | "blockquote") {
                (
                    self.stat[id].chars,
                    self.stat[id].commas,
                    dom.nodes[id].parent,
                )
            } else if matches!(
                tag,
                "div" | "section" | "span" | "font" | "article" | "main"
            ) {
                // text written straight into a container, lines split by <br>: the
                // container is its own paragraph and a candidate itself
                let (c, k) = self.direct_text(id);
                (c, k, id)
            } else {
                continue;
            };
            if chars < 25 {
                continue;
            }
            let content = 1.0 + commas as f32 + (chars as f32 / 100.0).floor().min(3.0);
            let mut anc = first;
            let mut level = 0;
            while anc != 0 && level < 5 {
                if !seen[anc] {
                    seen[anc] = true;
                    score[anc] = init(anc);
                }
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                score[anc] += content / div;
                anc = dom.nodes[anc].parent;
                level += 1;
            }
        }
        let mut best: Option<(NodeId, f32)> = None;
        for id in 1..n {
            if !seen[id] || self.skip[id] {
                continue;
            }
            let s = score[id] * (1.0 - self.link_density(id));
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((id, s));
            }
        }
        let (mut top, _) = best?;
        // climb to an ancestor (up to four levels) that holds clearly more of the article's
        // paragraphs: articles split in chunks, or a lead outside the body container
        let mut anc = top;
        for _ in 0..4 {
            anc = dom.nodes[anc].parent;
            if anc == 0 || self.skip[anc] || matches!(dom.tag(anc), "body" | "html") {
                break;
            }
            let (a, t) = (self.stat[anc], self.stat[top]);
            // a paragraph-like ancestor counts its own text minus links, which may be less
            // than what it holds: saturate
            let extra = a.pchars.saturating_sub(t.pchars) / a.paras.saturating_sub(t.paras).max(1);
            if a.paras >= t.paras + 2
                && a.pchars * 10 >= t.pchars * 13
                && extra >= 60
                && self.link_density(anc) < 0.25
            {
                top = anc;
            }
        }
        Some(top)
    }

    /// Characters and commas of the text directly inside a container (not inside its block
    /// children).
    fn direct_text(&self, id: NodeId) -> (u32, u32) {
        let (mut c, mut k) = (0u32, 0u32);
        for &ch in &self.dom.nodes[id].children {
            if self.skip[ch] {
                continue;
            }
            let inline = matches!(self.dom.nodes[ch].kind, NodeKind::Text { .. })
                || INLINE.contains(&self.dom.tag(ch));
            if inline {
                c += self.stat[ch].chars - self.stat[ch].link_chars;
                k += self.stat[ch].commas;
            }
        }
        (c, k)
    }

    /// Siblings of the container that belong to the article too.
    fn with_siblings(&self, top: NodeId) -> Vec<NodeId> {
        let dom = self.dom;
        let parent = dom.nodes[top].parent;
        if parent == 0 {
            return vec![top];
        }
        let top_chars = self.stat[top].chars as f32;
        let mut out = Vec::new();
        for &sib in &dom.nodes[parent].children {
            if sib == top {
                out.push(sib);
                continue;
            }
            if self.skip[sib] {
                continue;
            }
            let st = self.stat[sib];
            let ld = self.link_density(sib);
            let keep = match dom.tag(sib) {
                "p" => {
                    (st.chars > 80 && ld < 0.25)
                        || (st.chars > 0 && ld == 0.0 && self.ends_sentence(sib))
                }
                "" => false,
                _ => st.paras >= 1 && st.chars as f32 >= top_chars * 0.2 && ld < 0.25,
            };
            if keep {
                out.push(sib);
            }
        }
        out
    }

    fn ends_sentence(&self, id: NodeId) -> bool {
        let raw = self.dom.raw_text(id, self.html).concat();
        let t = raw.trim_end();
        t.ends_with('.') || t.ends_with(".\u{201d}") || t.ends_with(".\"")
    }

    /// The blocks of text under `roots`, in document order.
    fn blocks(&self, roots: &[NodeId], dec: &Decoded) -> Vec<Block> {
        let mut w = Walker {
            tb: TextBuilder::new(),
            role: Role::Para,
            links: 0,
            in_link: 0,
            signed: false,
            out: Vec::new(),
        };
        for &r in roots {
            self.walk(r, dec, &mut w, false);
            w.flush();
        }
        w.out
    }

    fn walk(&self, id: NodeId, dec: &Decoded, w: &mut Walker, in_fig: bool) {
        if self.skip[id] {
            return;
        }
        match self.dom.nodes[id].kind {
            NodeKind::Text { start, end } => {
                let before = w.tb.len();
                push_with_entities(&mut w.tb, dec, start, end);
                if w.in_link > 0 {
                    w.links += w.tb.len() - before;
                }
            }
            NodeKind::Element { ref tag, .. } => {
                let tag = tag.as_str();
                if tag == "br" {
                    w.flush();
                    return;
                }
                let block = BLOCK.contains(&tag);
                if block {
                    w.flush();
                }
                // a quotation set in a figure is text, not a caption
                let fig = (in_fig || tag == "figure") && tag != "blockquote";
                let my_role = match tag {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        Some(Role::Heading(tag.as_bytes()[1] - b'0'))
                    }
                    "li" | "dt" | "dd" => Some(Role::Item),
                    "figcaption" | "caption" => Some(Role::Caption),
                    "pre" => Some(Role::Pre),
                    _ if block && fig => Some(Role::Caption),
                    _ if block => Some(Role::Para),
                    _ => None,
                };
                if let Some(r) = my_role {
                    w.role = r;
                }
                if block {
                    w.signed = self.signed(id);
                }
                let link = tag == "a";
                if link {
                    w.in_link += 1;
                }
                for &c in &self.dom.nodes[id].children {
                    self.walk(c, dec, w, fig);
                }
                if link {
                    w.in_link -= 1;
                }
                if block {
                    w.flush();
                    w.signed = false;
                    if let Some(p) = self.parent_role(id) {
                        w.role = p;
                    }
                }
            }
            NodeKind::Root => {
                for &c in &self.dom.nodes[id].children {
                    self.walk(c, dec, w, in_fig);
                }
            }
        }
    }

    /// A block set out like a signature: right-aligned, marked as the author, or holding
    /// nothing but one bold run.
    fn signed(&self, id: NodeId) -> bool {
        let dom = self.dom;
        if dom
            .attr(id, "align")
            .is_some_and(|a| a.eq_ignore_ascii_case("right"))
        {
            return true;
        }
        if let Some(st) = dom.attr(id, "style") {
            let st: String = st.chars().filter(|c| !c.is_whitespace()).collect();
            if st.to_ascii_lowercase().contains("text-align:right") {
                return true;
            }
        }
        if author_class(&class_id(dom, id)) {
            return true;
        }
        false
    }

    fn parent_role(&self, id: NodeId) -> Option<Role> {
        let mut p = self.dom.nodes[id].parent;
        while p != 0 {
            match self.dom.tag(p) {
                "li" | "dt" | "dd" => return Some(Role::Item),
                "figure" | "figcaption" => return Some(Role::Caption),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    return Some(Role::Heading(self.dom.tag(p).as_bytes()[1] - b'0'))
                }
                "blockquote" | "p" | "div" | "section" | "article" | "main" | "td" => {
                    return Some(Role::Para)
                }
                _ => {}
            }
            p = self.dom.nodes[p].parent;
        }
        Some(Role::Para)
    }
}

struct Walker {
    tb: TextBuilder,
    role: Role,
    links: usize,
    in_link: usize,
    signed: bool,
    out: Vec<Block>,
}

impl Walker {
    fn flush(&mut self) {
        let links = std::mem::take(&mut self.links);
        if self.tb.is_empty() {
            self.tb = TextBuilder::new();
            return;
        }
        let (text, map) = std::mem::take(&mut self.tb).finish();
        self.out.push(Block {
            text: Text { text, map },
            role: self.role,
            link_bytes: links,
            signed: self.signed,
        });
    }
}

/// Appends decoded text with its character references decoded, each one mapped to the
/// bytes of the reference.
fn push_with_entities(tb: &mut TextBuilder, dec: &Decoded, start: usize, end: usize) {
    let s = &dec.text[start..end];
    let mut last = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'&', &bytes[i..]) {
        let amp = i + k;
        // a reference ends at ';' within 32 bytes, or is a known legacy name
        let tail = &bytes[amp..s.len().min(amp + 34)];
        let semi = memchr::memchr(b';', tail);
        let cand_end = match semi {
            Some(j) if j > 1 => amp + j + 1,
            _ => {
                i = amp + 1;
                continue;
            }
        };
        let decoded = html_escape::decode_html_entities(&s[amp..cand_end]);
        if decoded.as_ref() == &s[amp..cand_end] {
            i = amp + 1;
            continue;
        }
        if last < amp {
            page::push_decoded(tb, dec, start + last, start + amp);
        }
        let src_s = dec.map.src_start(start + amp);
        let src_e = dec.map.src_end(start + cand_end);
        let d: String = decoded
            .chars()
            .map(|c| if c == '\u{A0}' { ' ' } else { c })
            .collect();
        tb.push_atomic(&d, src_s, src_e);
        last = cand_end;
        i = cand_end;
    }
    if last < s.len() {
        page::push_decoded(tb, dec, start + last, end);
    }
}

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

fn read_meta(dom: &Dom, html: &str) -> Meta {
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

fn ld_article(v: &serde_json::Value, m: &mut Meta, depth: usize) {
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
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(|c| c.to_lowercase())
            .collect::<String>()
    };
    let (a, b) = (norm(a), norm(b));
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

impl Ctx<'_> {
    /// Text of an element, leaving out what is never visible.
    fn visible_text(&self, dec: &Decoded, id: NodeId) -> Option<Text> {
        let mut tb = TextBuilder::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            if self.hard[n] {
                continue;
            }
            match self.dom.nodes[n].kind {
                NodeKind::Text { start, end } => push_with_entities(&mut tb, dec, start, end),
                _ => {
                    if let NodeKind::Element {
                        ref tag, tag_range, ..
                    } = self.dom.nodes[n].kind
                    {
                        if tag == "br" {
                            tb.push_atomic(" ", tag_range.0, tag_range.1);
                        }
                    }
                    stack.extend(self.dom.nodes[n].children.iter().rev());
                }
            }
        }
        let (text, map) = tb.finish();
        (!text.is_empty()).then_some(Text { text, map })
    }

    fn inside(&self, id: NodeId, tags: &[&str]) -> bool {
        let mut p = self.dom.nodes[id].parent;
        while p != 0 {
            if tags.contains(&self.dom.tag(p)) {
                return true;
            }
            p = self.dom.nodes[p].parent;
        }
        false
    }

    /// The lead printed between the headline `title` and the body: the first element after
    /// the headline that reads as a sentence or two (not a link, not a list item, not a
    /// caption or a stamp), before the body's own blocks start.
    fn lead_after(&self, title: NodeId, roots: &[NodeId], dec: &Decoded) -> Option<Text> {
        let dom = self.dom;
        let n = dom.nodes.len();
        let in_roots = |id: NodeId| roots.iter().any(|&r| dom.is_ancestor(r, id));
        let title_end = dom.descendants(title).last().copied().unwrap_or(title);
        let mut id = title_end + 1;
        let mut steps = 0;
        while id < n && steps < 400 {
            steps += 1;
            if self.hard[id] || !matches!(dom.nodes[id].kind, NodeKind::Element { .. }) {
                id += 1;
                continue;
            }
            if in_roots(id) {
                return None;
            }
            let tag = dom.tag(id);
            let st = self.raw[id];
            let ld = if st.chars == 0 {
                0.0
            } else {
                st.link_chars as f32 / st.chars as f32
            };
            let blockish = matches!(
                tag,
                "p" | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "div"
                    | "section"
                    | "strong"
                    | "b"
                    | "span"
                    | "em"
            );
            if blockish && (40..=1500).contains(&st.chars) && ld < 0.2 {
                // the innermost element holding all of this text
                let holds_child = dom.nodes[id].children.iter().any(|&c| {
                    self.raw[c].chars * 10 >= st.chars * 9
                        && matches!(dom.nodes[c].kind, NodeKind::Element { .. })
                        && !matches!(
                            dom.tag(c),
                            "a" | "span" | "strong" | "b" | "em" | "i" | "font"
                        )
                });
                let hinted = lead_class(&class_id(dom, id)) || tag.starts_with('h');
                if !holds_child && !self.inside(id, &["li", "figure", "a", "table", "ul", "ol"]) {
                    if let Some(t) = self.visible_text(dec, id) {
                        let words = t.text.split_whitespace().count();
                        let class = classify::classify(&t.text);
                        let ok = words >= 8
                            && matches!(class, Class::Body | Class::Short | Class::Teaser)
                            && (hinted || class == Class::Body);
                        if ok {
                            return Some(t);
                        }
                    }
                }
                // a big block that is not a lead: the body is near
                if st.chars > 400 && !holds_child {
                    return None;
                }
            }
            id += 1;
        }
        None
    }

    /// The publication stamp printed near the headline (`anchor`): short elements holding a
    /// date (and time), not inside a link with a title or a list of other articles; the
    /// nearest one after the anchor wins, one with a time over one without. Also tells
    /// whether the stamp says it is an update.
    fn page_stamp(&self, anchor: NodeId) -> Option<(Stamp, bool)> {
        let dom = self.dom;
        let n = dom.nodes.len();
        let mut best: Option<(usize, Stamp, bool)> = None;
        let mut id = 1;
        while id < n {
            if self.hard[id] {
                id += 1;
                continue;
            }
            let st = self.raw[id];
            let elem = matches!(dom.nodes[id].kind, NodeKind::Element { .. });
            if !elem || !(6..=90).contains(&st.chars) {
                id += 1;
                continue;
            }
            // an element holding a titled link: look inside it
            if st.link_chars > 12 {
                id += 1;
                continue;
            }
            // the element is small: read it whole and go past it
            let last = dom.descendants(id).last().copied().unwrap_or(id);
            let raw = dom.raw_text(id, self.html).concat();
            if let Some((stamp, _, _)) = pubdate::parse_stamp(&raw, true) {
                if !self.listed(id, st.chars) {
                    let low = raw.to_lowercase();
                    let upd = low.contains("updated")
                        || low.contains("modified")
                        || low.contains("cập nhật");
                    let dist = if id >= anchor {
                        id - anchor
                    } else {
                        (anchor - id) * 3
                    } + if stamp.time.is_some() { 0 } else { 5000 };
                    if best.as_ref().is_none_or(|(d, _, _)| dist < *d) {
                        best = Some((dist, stamp, upd));
                    }
                }
            }
            id = last + 1;
        }
        best.map(|(_, s, u)| (s, u))
    }

    /// True for a short element that sits in a link with a title or in an item of a list
    /// of other articles.
    fn listed(&self, id: NodeId, chars: u32) -> bool {
        let dom = self.dom;
        let mut p = id;
        for _ in 0..5 {
            p = dom.nodes[p].parent;
            if p == 0 {
                return false;
            }
            let st = self.raw[p];
            if dom.tag(p) == "a" && st.chars > chars + 12 {
                return true;
            }
            if st.chars > 400 {
                return false;
            }
            // a link with a title beside it (share and print links are a word or two)
            let titled = dom
                .descendants(p)
                .into_iter()
                .any(|d| dom.tag(d) == "a" && self.raw[d].chars >= 20 && !dom.is_ancestor(d, id));
            if titled {
                return true;
            }
        }
        false
    }
}

struct HtmlRules {
    furniture: Regex,
    stamp_line: Regex,
    caption_tail: Regex,
    link_only: Regex,
}

fn html_rules() -> &'static HtmlRules {
    static R: OnceLock<HtmlRules> = OnceLock::new();
    R.get_or_init(|| HtmlRules {
        furniture: Regex::new(
            r"(?xi)^[\s\-–—•|»›>]*(?:
              close | caption | advertisement | advertising | sponsored | share | share\s+this(?:\s+\w+)? | print | email | e-mail | comments? | reply
            | next | previous | menu | search | subscribe | sign\s+up | log\s*in | read\s+more | see\s+more.* | continue\s+reading
            | click\s+here.* | .*(?-u:\b)by\s+clicking\s+here | get\s+the\s+.*(?-u:\b)app | don'?t\s+miss | related(?:\s+(?:articles?|stories|posts|content|news))?
            | you\s+(?:may|might)\s+also\s+like.* | more\s+from.* | recommended.* | trending.* | most\s+(?:read|popular|viewed).* | also\s+read.*
            | (?:next|previous)\s+(?:article|post|story|auto\s+news).* | \[?[0-9]+\]? | image\s+[0-9]+\s+of\s+[0-9]+ | [0-9]+\s*/\s*[0-9]+
            | tags?:.* | filed\s+under:?.* | topics?:.* | categories:.* | posted\s+in:?.* | leia\s+também.* | veja\s+também.* | você\s+pode\s+gostar.*
            | читайте\s+также.* | похожие.* | 関連.*
            )[\s.:…|]*$",
        )
        .expect("furniture"),
        stamp_line: Regex::new(r"(?i)^(?:updated|published|posted|last\s+updated|first\s+published|cập\s+nhật)(?-u:\b).{0,60}$|^by\s+\S+(?:\s+\S+){0,6}$").expect("stamp line"),
        caption_tail: Regex::new(
            r"(?i)\((?:image|photo|picture|credit|pic|foto|ảnh|nguồn)s?\s*:[^)]*\)\s*$|\((?:ap|reuters|afp|getty|epa|ap\s+photo|photo\s+by)(?-u:\b)[^)]*\)\s*$|^(?:photo|image|credit|foto)s?\s*:",
        )
        .expect("caption tail"),
        link_only: Regex::new(r"(?i)^(?:\S+@\S+\.\w+|(?:https?://|www\.|twitter\.com/|facebook\.com/|instagram\.com/)\S+)$").expect("link only"),
    })
}

fn mostly_upper(t: &str) -> bool {
    // a few lower-case ASCII letters early on settle it
    if t.bytes()
        .take(40)
        .filter(|b| b.is_ascii_lowercase())
        .count()
        >= 4
    {
        return false;
    }
    let (mut up, mut letters) = (0, 0);
    for c in t.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                up += 1;
            }
        }
    }
    letters >= 12 && up * 10 >= letters * 8 && t.split_whitespace().count() >= 3
}

/// The paragraphs of an HTML article from its blocks: furniture, link lists, repeated
/// blocks (galleries, share bars) and stamps dropped, captions marked, the byline read.
fn html_paragraphs(
    blocks: Vec<Block>,
    title_text: &str,
) -> (Vec<Paragraph>, Option<Stamp>, Option<page::Byline>) {
    let hr = html_rules();
    let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for b in &blocks {
        *count.entry(b.text.text.as_str()).or_default() += 1;
    }
    // a block printed three times or more is furniture (share bars, gallery captions); a
    // block printed twice keeps its first copy
    let repeated: std::collections::HashSet<String> = count
        .iter()
        .filter(|(_, c)| **c > 2)
        .map(|(t, _)| t.to_string())
        .collect();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut paragraphs = Vec::new();
    let mut stamp = None;
    let mut byline = None;
    let n = blocks.len();
    for (k, b) in blocks.into_iter().enumerate() {
        let t = b.text.text.as_str();
        if t == title_text || repeated.contains(t) || !seen.insert(t.to_string()) {
            continue;
        }
        let chars = t.chars().count();
        if b.link_bytes * 2 > t.len() && !(chars > 200 && b.link_bytes * 10 < t.len() * 7) {
            continue;
        }
        if chars <= 80
            && (hr.furniture.is_match(t) || hr.stamp_line.is_match(t) || hr.link_only.is_match(t))
        {
            continue;
        }
        if mostly_upper(t) {
            continue;
        }
        // a meta line: author, date and time ("Thu Trang Thứ bảy, 14/3/2026, 16:40 (GMT+7)")
        if chars <= 100 {
            if let Some((st, _, _)) = pubdate::parse_stamp(t, true) {
                if st.time.is_some() {
                    stamp.get_or_insert(st);
                    continue;
                }
            }
        }
        let class = classify::classify(t);
        match class {
            Class::Boiler | Class::ListHeader | Class::Doubled => continue,
            Class::Stamp(st) => {
                stamp.get_or_insert(st);
                continue;
            }
            _ => {}
        }
        if b.signed && byline.is_none() && chars <= 60 {
            let words = t.split_whitespace().count();
            // "Theo Sầm Hoa (Vietnamnet/Reuters)": the writer, then the sources
            let full = t;
            let t = t.strip_prefix("Theo ").unwrap_or(t);
            let off = full.len() - t.len();
            let parts = classify::byline(t).map(|mut p| {
                if let Some(a) = p.author.as_mut() {
                    a.1 += off;
                    a.2 += off;
                }
                p
            });
            let named = parts.as_ref().is_some_and(|p| p.author.is_some());
            let plain = words <= 7
                && off == 0
                && t.starts_with(|c: char| c.is_uppercase())
                && !t.chars().any(|c| c.is_ascii_digit())
                && !t.ends_with(':');
            if named || plain {
                let mut bl = page::Byline {
                    author: Some(t.trim_end_matches(['.', ' ']).to_string()),
                    sources: vec![],
                    span: b.text.span(),
                    author_span: Some(b.text.span()),
                };
                if let Some(p) = parts.filter(|p| p.author.is_some()) {
                    bl = page::make_byline(&b.text, p);
                }
                if bl
                    .author
                    .as_deref()
                    .is_some_and(|a| a.ends_with(char::is_uppercase))
                {
                    // initials keep their dot ("H.V.")
                    if t.trim_end().ends_with('.') {
                        bl.author = Some(t.trim().to_string());
                    }
                }
                byline = Some(bl);
                continue;
            }
        }
        if k + 3 >= n && byline.is_none() {
            if let Some(bl) = classify::byline(t) {
                if bl.author.is_some() || t.starts_with("Theo") || t.starts_with("Nguồn") {
                    byline = Some(page::make_byline(&b.text, bl));
                    continue;
                }
            }
        }
        let caption = b.role == Role::Caption
            || class == Class::Caption
            || (chars <= 400 && hr.caption_tail.is_match(t));
        let kind = if caption { Kind::Caption } else { Kind::Body };
        if kind == Kind::Body && matches!(b.role, Role::Heading(_)) && chars < 12 {
            continue;
        }
        paragraphs.push(Paragraph { text: b.text, kind });
    }
    (paragraphs, stamp, byline)
}

/// Drops trailing runs of very short body lines (lists of links after the story).
fn prune_link_lists(ps: &mut Vec<Paragraph>) {
    while ps.len() > 3 {
        let tail = &ps[ps.len() - 1];
        if tail.kind == Kind::Body
            && tail.text.text.chars().count() < 25
            && !tail.text.text.ends_with('.')
        {
            ps.pop();
        } else {
            break;
        }
    }
}

fn text_of(ctx: &Ctx, dec: &Decoded, id: NodeId) -> Option<Text> {
    let mut tb = TextBuilder::new();
    for n in ctx.dom.descendants(id) {
        if let NodeKind::Text { start, end } = ctx.dom.nodes[n].kind {
            push_with_entities(&mut tb, dec, start, end);
        }
    }
    let (text, map) = tb.finish();
    (!text.is_empty()).then_some(Text { text, map })
}

fn similar(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(|c| c.to_lowercase())
            .collect::<String>()
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

fn find_title(
    dom: &Dom,
    ctx: &Ctx,
    dec: &Decoded,
    meta: &Meta,
    top: Option<NodeId>,
) -> (Option<Text>, Option<NodeId>) {
    let h1s: Vec<(NodeId, Text)> = dom
        .elements("h1")
        .filter(|&id| !ctx.hard[id])
        .filter_map(|id| ctx.visible_text(dec, id).map(|t| (id, t)))
        .filter(|(_, t)| t.text.chars().count() > 10)
        .collect();
    let title_tag = meta
        .title_node
        .and_then(|id| text_of(ctx, dec, id))
        .map(|t| t.text);
    let refs: Vec<&str> = [meta.headline.as_deref(), title_tag.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    for r in &refs {
        if let Some((id, t)) = h1s.iter().find(|(_, t)| similar(&t.text, r)) {
            return (Some(t.clone()), Some(*id));
        }
    }
    if !h1s.is_empty() {
        // the headline of the article: the h1 in or just before the main container
        let pick = top
            .and_then(|top| {
                let end = dom.descendants(top).last().copied().unwrap_or(top);
                h1s.iter().rev().find(|(id, _)| *id <= end)
            })
            .unwrap_or(&h1s[0]);
        return (Some(pick.1.clone()), Some(pick.0));
    }
    // no h1: a heading (or an element called a title) whose text the headline metadata or
    // the <title> holds
    for id in 1..dom.nodes.len() {
        if ctx.hard[id] {
            continue;
        }
        let tag = dom.tag(id);
        let heading = matches!(tag, "h2" | "h3" | "h4");
        let titled = !heading
            && matches!(tag, "div" | "p" | "span" | "strong" | "b")
            && class_id(dom, id).to_ascii_lowercase().contains("title");
        if !(heading || titled) || !(10..=250).contains(&ctx.raw[id].chars) {
            continue;
        }
        if let Some(t) = ctx.visible_text(dec, id) {
            if refs
                .iter()
                .any(|r| similar(&t.text, r) && t.text.len() * 3 >= r.len())
            {
                return (Some(t), Some(id));
            }
        }
    }
    if let Some((_, (s, e))) = &meta.og_title {
        let mut tb = TextBuilder::new();
        push_with_entities(&mut tb, dec, *s, *e);
        let (text, map) = tb.finish();
        if !text.is_empty() {
            return (Some(Text { text, map }), None);
        }
    }
    let Some(t) = meta.title_node.and_then(|id| text_of(ctx, dec, id)) else {
        return (None, None);
    };
    // drop a " - Site name" suffix
    let cut = [" - ", " | ", " – ", " — "]
        .iter()
        .filter_map(|sep| t.text.rfind(sep))
        .max();
    match cut {
        Some(c) if c > 10 => {
            let mut tb = TextBuilder::new();
            t.map.for_each_piece(0, c, |x, y, s, sl, lin| {
                page::push_piece(&mut tb, &t.text[x..y], s, sl, lin)
            });
            let (text, map) = tb.finish();
            (Some(Text { text, map }), None)
        }
        _ => (Some(t), None),
    }
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
mod tests {
    use super::*;
    use crate::decode::decode;

    const PAGE: &str = r#"<!doctype html><html><head><title>Lũ lớn ở miền Trung - Báo Mẫu</title>
<meta property="og:title" content="Lũ lớn ở miền Trung">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Lũ lớn ở miền Trung","datePublished":"2024-10-28T07:30:00+07:00","author":{"@type":"Person","name":"Lan Anh"}}</script>
</head><body>
<nav><a href="/">Trang chủ</a> <a href="/xa-hoi">Xã hội</a></nav>
<div class="main"><article class="article-detail">
<h1 class="title">Lũ lớn ở miền Trung</h1>
<p class="sapo">Mưa lớn kéo dài từ ngày 26/10 khiến nhiều tỉnh miền Trung ngập sâu, hàng nghìn hộ dân phải sơ tán.</p>
<div class="content">
<p>Theo Ban chỉ huy phòng chống thiên tai, mực nước trên các sông dâng cao, vượt mức báo động 3.</p>
<figure><img src="a.jpg" alt=""><figcaption>Nước lũ tràn vào khu dân cư. Ảnh: Minh Hà</figcaption></figure>
<p>Chính quyền địa phương đã huy động lực lượng, phương tiện hỗ trợ người dân di chuyển đồ đạc &amp; tài sản.</p>
<p>Các trường học được cho học sinh nghỉ học để bảo đảm an toàn trong những ngày tới.</p>
</div>
<div class="box-related"><h3>Tin liên quan</h3><ul><li><a href="/1">Bài một về mưa lũ</a></li><li><a href="/2">Bài hai về mưa lũ</a></li></ul></div>
</article></div>
<footer>© Báo Mẫu. Giấy phép số 123.</footer>
</body></html>"#;

    #[test]
    fn reads_article_from_html() {
        let d = decode(PAGE.as_bytes(), None).unwrap();
        let a = read_html(&d);
        assert_eq!(a.len(), 1);
        let a = &a[0];
        let t = a.title.as_ref().unwrap();
        assert_eq!(t.text, "Lũ lớn ở miền Trung");
        let sp = t.span();
        assert_eq!(&PAGE[sp.start..sp.end], "Lũ lớn ở miền Trung");
        assert_eq!(
            a.published.as_ref().unwrap().0.iso(),
            "2024-10-28T07:30+07:00"
        );
        let body: Vec<_> = a
            .paragraphs
            .iter()
            .filter(|p| p.kind == Kind::Body)
            .map(|p| p.text.text.as_str())
            .collect();
        assert_eq!(body.len(), 4, "{body:?}");
        assert!(body[2].contains("đồ đạc & tài sản"));
        let caps: Vec<_> = a
            .paragraphs
            .iter()
            .filter(|p| p.kind == Kind::Caption)
            .collect();
        assert_eq!(caps.len(), 1);
        for p in &a.paragraphs {
            let sp = p.text.span();
            assert!(PAGE.is_char_boundary(sp.start) && PAGE.is_char_boundary(sp.end));
        }
        let p = &a
            .paragraphs
            .iter()
            .find(|p| p.text.text.contains("đồ đạc"))
            .unwrap();
        let sp = p.text.span();
        assert!(PAGE[sp.start..sp.end].contains("&amp;"));
    }

    #[test]
    fn nested_paragraphs_with_links_do_not_underflow() {
        // found by fuzzing: a <pre> (paragraph-like) holding many links and a block of
        // paragraphs, so that its own text minus links is less than its paragraphs' text
        let link = format!("<a href=\"/x\">{}</a>", "liên kết dài ".repeat(40));
        let para = "<p>Đoạn văn đủ dài để được tính là một đoạn của bài viết, có dấu phẩy, và nhiều chữ.</p>".repeat(4);
        let html = format!("<html><body><article><pre>{link}<div><div>{para}</div></div>{link}</pre></article></body></html>");
        let d = decode(html.as_bytes(), None).unwrap();
        let _ = read_html(&d);
    }

    const VI_PAGE: &str = r#"<html><head><title>Trang chủ - Báo Thử</title>
<link rel="canonical" href="https://baothu.vn/xa-hoi/cau-moi-thong-xe-20240314081500123.htm">
<meta property="og:site_name" content="Báo Thử">
</head><body>
<div class="menu"><a href="/">Trang chủ</a> <a href="/xh">Xã hội</a></div>
<ul class="list"><li><a href="/a">Một bài khác được nhắc ở đây</a> <span>13/03/2024 10:00</span></li></ul>
<div class="detail">
<h1 class="title-detail">Cầu mới thông xe trước kế hoạch hai tháng</h1>
<div class="info"><span class="date">Thứ năm, 14/3/2024, 08:15 (GMT+7)</span></div>
<h2 class="sapo">(BT) - Cây cầu nối hai bờ sông được thông xe sáng nay, sớm hơn kế hoạch hai tháng nhờ thi công ba ca liên tục.</h2>
<div class="noi-dung">
<p>Công trình dài 1,2 km, có bốn làn xe, tổng vốn đầu tư hơn 900 tỷ đồng từ ngân sách thành phố.</p>
<p>Theo ban quản lý dự án, trong những ngày đầu, lưu lượng xe qua cầu được theo dõi để điều chỉnh đèn tín hiệu.</p>
<p>Người dân hai bên bờ cho biết quãng đường đi làm rút ngắn gần nửa giờ mỗi ngày, nhất là vào giờ cao điểm.</p>
<p align="right"><strong>Lê Văn An</strong></p>
</div></div>
</body></html>"#;

    #[test]
    fn vietnamese_page_title_stamp_lead_author_address() {
        let d = decode(VI_PAGE.as_bytes(), None).unwrap();
        let a = read_html(&d);
        assert_eq!(a.len(), 1);
        let a = &a[0];
        assert_eq!(
            a.title.as_ref().unwrap().text,
            "Cầu mới thông xe trước kế hoạch hai tháng"
        );
        let (st, from) = a.published.as_ref().unwrap();
        assert_eq!(st.iso(), "2024-03-14T08:15+07:00");
        assert_eq!(*from, DateSource::Stamp);
        let body: Vec<_> = a
            .paragraphs
            .iter()
            .filter(|p| p.kind == Kind::Body)
            .map(|p| p.text.text.as_str())
            .collect();
        assert!(body[0].starts_with("(BT) - Cây cầu"), "{body:?}");
        assert_eq!(body.len(), 4, "{body:?}");
        let b = a.byline.as_ref().unwrap();
        assert_eq!(b.author.as_deref(), Some("Lê Văn An"));
        let sp = b.author_span.unwrap();
        assert_eq!(&VI_PAGE[sp.start..sp.end], "Lê Văn An");
        assert_eq!(a.outlet.as_deref(), Some("Báo Thử"));
        assert!(a.url.as_deref().unwrap().starts_with("https://baothu.vn/"));
    }

    #[test]
    fn date_from_the_address_when_nothing_is_printed() {
        let page = VI_PAGE.replace("Thứ năm, 14/3/2024, 08:15 (GMT+7)", "");
        let d = decode(page.as_bytes(), None).unwrap();
        let a = &read_html(&d)[0];
        let (st, from) = a.published.as_ref().unwrap();
        assert_eq!((st.iso().as_str(), *from), ("2024-03-14", DateSource::Url));
    }

    #[test]
    fn generic_html_faults() {
        let body: String = (1..=4)
            .map(|i| format!("<p>Paragraph {i} of the story is long enough to count, with commas, clauses, and a full stop at its end.</p>"))
            .collect();
        // no </head>: the body must not be swallowed by the head
        let html = format!("<html><head><title>A story</title><meta charset=utf-8><body><article>{body}</article></body></html>");
        let d = decode(html.as_bytes(), None).unwrap();
        assert_eq!(read_html(&d)[0].paragraphs.len(), 4);
        // page-builder class names are not widgets to drop
        let html = format!("<html><body><div class=\"elementor-widget-container\">{body}</div><div class=\"widget\"><p>Side widget text that should not be read as the story, at all.</p></div></body></html>");
        let d = decode(html.as_bytes(), None).unwrap();
        let a = read_html(&d);
        assert_eq!(a[0].paragraphs.len(), 4);
        // an <aside> never closed holds the rest of the page
        let html = format!("<html><body><aside><p>Note</p><article>{body}</article></body></html>");
        let d = decode(html.as_bytes(), None).unwrap();
        assert_eq!(read_html(&d)[0].paragraphs.len(), 4);
        // a quotation in a figure is text
        let html = format!("<html><body><article>{body}<figure><blockquote><p>A quoted passage that belongs to the story, long enough to count.</p></blockquote></figure></article></body></html>");
        let d = decode(html.as_bytes(), None).unwrap();
        let a = read_html(&d);
        assert!(a[0].paragraphs.iter().all(|p| p.kind == Kind::Body));
        // posts only in a <noscript> view
        let html = format!("<html><body><div id=app></div><noscript><article>{body}</article></noscript></body></html>");
        let d = decode(html.as_bytes(), None).unwrap();
        assert_eq!(read_html(&d)[0].paragraphs.len(), 4);
    }

    #[test]
    fn charset_sniffing() {
        assert_eq!(
            declared_charset(b"<meta charset=\"windows-1258\">").as_deref(),
            Some("windows-1258")
        );
        assert!(looks_like_html(b"<!DOCTYPE html><html>"));
        assert!(!looks_like_html("Tin tức hôm nay".as_bytes()));
    }
}
