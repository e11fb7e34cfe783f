//! Where an HTML page keeps its article: the element whose text scores best (text and
//! link density, readability-style), its blocks walked in order.

use super::*;

impl<'a> Ctx<'a> {
    pub(super) fn new(dom: &'a Dom, html: &'a str) -> Self {
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

    pub(super) fn stats(dom: &Dom, html: &str, skip: &[bool]) -> Vec<Stat> {
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

    pub(super) fn link_density(&self, id: NodeId) -> f32 {
        let s = self.stat[id];
        if s.chars == 0 {
            return 0.0;
        }
        s.link_chars as f32 / s.chars as f32
    }

    /// The starting score of a candidate container: its tag and its class names.
    fn initial_score(&self, id: NodeId) -> f32 {
        let dom = self.dom;
        let r = res();
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
    }

    /// A paragraph-like element: its characters, its commas and the first ancestor it
    /// hands its score to (itself for text written straight into a container, lines split
    /// by `<br>`).
    fn paragraph_like(&self, id: NodeId) -> Option<(u32, u32, NodeId)> {
        let tag = self.dom.tag(id);
        if matches!(tag, "p" | "pre" | "td" | "blockquote") {
            let s = self.stat[id];
            Some((s.chars, s.commas, self.dom.nodes[id].parent))
        } else if matches!(
            tag,
            "div" | "section" | "span" | "font" | "article" | "main"
        ) {
            let (c, k) = self.direct_text(id);
            Some((c, k, id))
        } else {
            None
        }
    }

    /// Readability-style scoring: every paragraph-like element hands its score to its
    /// ancestors; the best container wins.
    pub(super) fn best_container(&self) -> Option<NodeId> {
        let dom = self.dom;
        let n = dom.nodes.len();
        let mut score: Vec<Option<f32>> = vec![None; n];
        for id in 1..n {
            if self.skip[id] {
                continue;
            }
            let Some((chars, commas, first)) = self.paragraph_like(id) else {
                continue;
            };
            if chars < 25 {
                continue;
            }
            let content = 1.0 + commas as f32 + (chars as f32 / 100.0).floor().min(3.0);
            let mut anc = first;
            let mut level = 0;
            while anc != 0 && level < 5 {
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                *score[anc].get_or_insert_with(|| self.initial_score(anc)) += content / div;
                anc = dom.nodes[anc].parent;
                level += 1;
            }
        }
        let mut best: Option<(NodeId, f32)> = None;
        for (id, sc) in score.iter().enumerate().skip(1) {
            let Some(sc) = sc.filter(|_| !self.skip[id]) else {
                continue;
            };
            let s = sc * (1.0 - self.link_density(id));
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((id, s));
            }
        }
        best.map(|(top, _)| self.climb(top))
    }

    /// Climbs from the best container to an ancestor (up to four levels) that holds clearly
    /// more of the article's paragraphs: articles split in chunks, or a lead outside the body
    /// container.
    fn climb(&self, mut top: NodeId) -> NodeId {
        let dom = self.dom;
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
        top
    }

    /// Characters and commas of the text directly inside a container (not inside its block
    /// children).
    pub(super) fn direct_text(&self, id: NodeId) -> (u32, u32) {
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
    pub(super) fn with_siblings(&self, top: NodeId) -> Vec<NodeId> {
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

    pub(super) fn ends_sentence(&self, id: NodeId) -> bool {
        let raw = self.dom.raw_text(id, self.html).concat();
        let t = raw.trim_end();
        t.ends_with('.') || t.ends_with(".\u{201d}") || t.ends_with(".\"")
    }

    /// The blocks of text under `roots`, in document order.
    pub(super) fn blocks(&self, roots: &[NodeId], dec: &Decoded) -> Vec<Block> {
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

    pub(super) fn walk(&self, id: NodeId, dec: &Decoded, w: &mut Walker, in_fig: bool) {
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
    pub(super) fn signed(&self, id: NodeId) -> bool {
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

    pub(super) fn parent_role(&self, id: NodeId) -> Option<Role> {
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

pub(super) struct Walker {
    tb: TextBuilder,
    role: Role,
    links: usize,
    in_link: usize,
    signed: bool,
    out: Vec<Block>,
}

impl Walker {
    pub(super) fn flush(&mut self) {
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
pub(super) fn push_with_entities(tb: &mut TextBuilder, dec: &Decoded, start: usize, end: usize) {
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
