//! The parts of an article found around its container: the lead, the printed stamp,
//! the paragraphs and the title.

use super::*;

impl Ctx<'_> {
    /// Text of an element, leaving out what is never visible.
    pub(super) fn visible_text(&self, dec: &Decoded, id: NodeId) -> Option<Text> {
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

    pub(super) fn inside(&self, id: NodeId, tags: &[&str]) -> bool {
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
    pub(super) fn lead_after(
        &self,
        title: NodeId,
        roots: &[NodeId],
        dec: &Decoded,
    ) -> Option<Text> {
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
    pub(super) fn page_stamp(&self, anchor: NodeId) -> Option<(Stamp, bool)> {
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
    pub(super) fn listed(&self, id: NodeId, chars: u32) -> bool {
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

pub(super) struct HtmlRules {
    furniture: Regex,
    stamp_line: Regex,
    caption_tail: Regex,
    link_only: Regex,
}

pub(super) fn html_rules() -> &'static HtmlRules {
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

pub(super) fn mostly_upper(t: &str) -> bool {
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
pub(super) fn html_paragraphs(
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
        if is_furniture(hr, &b, t, chars) {
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
            if let Some(bl) = signed_byline(&b, t) {
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

/// A block of links, a short furniture line (share, stamp, link-only) or a shouted promo.
fn is_furniture(hr: &HtmlRules, b: &Block, t: &str, chars: usize) -> bool {
    if b.link_bytes * 2 > t.len() && !(chars > 200 && b.link_bytes * 10 < t.len() * 7) {
        return true;
    }
    if chars <= 80
        && (hr.furniture.is_match(t) || hr.stamp_line.is_match(t) || hr.link_only.is_match(t))
    {
        return true;
    }
    mostly_upper(t)
}

/// The byline of a short block the page marks as its signature ("Theo Sầm Hoa
/// (Vietnamnet/Reuters)": the writer, then the sources), if it reads as one.
fn signed_byline(b: &Block, t: &str) -> Option<page::Byline> {
    let words = t.split_whitespace().count();
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
    if !(named || plain) {
        return None;
    }
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
    Some(bl)
}

/// Letters and digits of `s`, lower-cased (for comparing texts that differ in punctuation).
pub(super) fn alnum_lower(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// Drops trailing runs of very short body lines (lists of links after the story).
pub(super) fn prune_link_lists(ps: &mut Vec<Paragraph>) {
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

pub(super) fn text_of(ctx: &Ctx, dec: &Decoded, id: NodeId) -> Option<Text> {
    let mut tb = TextBuilder::new();
    for n in ctx.dom.descendants(id) {
        if let NodeKind::Text { start, end } = ctx.dom.nodes[n].kind {
            push_with_entities(&mut tb, dec, start, end);
        }
    }
    let (text, map) = tb.finish();
    (!text.is_empty()).then_some(Text { text, map })
}

pub(super) fn similar(a: &str, b: &str) -> bool {
    let (a, b) = (alnum_lower(a), alnum_lower(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

pub(super) fn find_title(
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
