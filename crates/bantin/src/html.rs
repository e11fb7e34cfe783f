//! A light DOM built from html5gum's tokens, keeping where every node came from.
//!
//! html5gum is a WHATWG-compliant tokenizer; the tree is built here with the parts of the
//! tree-construction rules that matter for reading articles: void elements, implied end
//! tags of `p`, `li`, `dt`/`dd`, table cells and rows, `option`, and recovery from
//! mis-nested end tags. Text nodes keep their range in the decoded page text (raw, with
//! character references), so every piece of cleaned text can be traced to its bytes.

use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{Span as GumSpan, Tokenizer};

/// Index of a node in [`Dom::nodes`].
pub type NodeId = usize;

/// What a node is.
#[derive(Clone, Debug)]
pub enum NodeKind {
    /// The document root.
    Root,
    /// An element, with its lower-case tag name and attributes.
    Element {
        /// Lower-case tag name.
        tag: String,
        /// Attributes as (lower-case name, value, value's range in the decoded text if found).
        attrs: Vec<(String, String)>,
        /// Range of the start tag in the decoded text.
        tag_range: (usize, usize),
    },
    /// A run of text: its range in the decoded text (character references not yet decoded).
    Text {
        /// Start in the decoded text.
        start: usize,
        /// End in the decoded text.
        end: usize,
    },
}

/// One node of the tree.
#[derive(Clone, Debug)]
pub struct Node {
    /// What it is.
    pub kind: NodeKind,
    /// Parent (the root is its own parent).
    pub parent: NodeId,
    /// Children in document order.
    pub children: Vec<NodeId>,
}

/// The tree of a page.
#[derive(Clone, Debug, Default)]
pub struct Dom {
    /// All nodes; 0 is the root.
    pub nodes: Vec<Node>,
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "isindex",
];

/// The attributes the reader looks at; the others are not kept.
const KEPT_ATTRS: &[&str] = &[
    "class",
    "id",
    "style",
    "hidden",
    "aria-hidden",
    "type",
    "property",
    "name",
    "itemprop",
    "content",
    "datetime",
    "charset",
    "href",
    "alt",
    "lang",
    "rel",
    "pubdate",
    "align",
];

/// Elements a `<head>` holds; any other start tag closes an unclosed head.
const HEAD_CONTENT: &[&str] = &[
    "head", "title", "meta", "link", "script", "style", "base", "noscript", "template", "object",
    "param",
];

/// Elements whose start closes an open `p`.
#[rustfmt::skip]
const CLOSES_P: &[&str] = &[
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul", "center",
    "dd", "dt", "li",
];

/// Block-level elements: text inside them is a paragraph of its own.
#[rustfmt::skip]
pub const BLOCK: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    "caption", "br", "noscript", "iframe", "video", "audio", "picture",
];

impl Dom {
    /// Parses `html` (already decoded to UTF-8).
    pub fn parse(html: &str) -> Dom {
        let mut emitter = CallbackEmitter::new(Lean::default());
        emitter.naively_switch_states(true);
        let tok = Tokenizer::new_with_emitter(html, emitter);
        let mut b = TreeBuilder {
            dom: Dom {
                nodes: vec![Node {
                    kind: NodeKind::Root,
                    parent: 0,
                    children: vec![],
                }],
            },
            stack: vec![0],
            open_tags: vec![String::new()],
        };
        for t in tok.flatten() {
            match t {
                Tok::Start {
                    name,
                    attrs,
                    start,
                    end,
                    self_closing,
                } => b.start_tag(name, attrs, (start, end), self_closing),
                Tok::End { name, start, end } => b.end_tag(&name, (start, end)),
                Tok::Text { start, end } => {
                    if start < end && end <= html.len() {
                        b.text(start, end);
                    }
                }
            }
        }
        let TreeBuilder {
            mut dom,
            stack,
            open_tags,
        } = b;
        unclosed_asides(&mut dom, &stack, &open_tags);
        dom
    }

    fn add(&mut self, parent: NodeId, kind: NodeKind) -> NodeId {
        let id = self.nodes.len();
        self.nodes.push(Node {
            kind,
            parent,
            children: vec![],
        });
        self.nodes[parent].children.push(id);
        id
    }

    /// The tag of an element node, or "" for the root and text.
    pub fn tag(&self, id: NodeId) -> &str {
        match &self.nodes[id].kind {
            NodeKind::Element { tag, .. } => tag,
            _ => "",
        }
    }

    /// An attribute of an element.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        match &self.nodes[id].kind {
            NodeKind::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// All descendants of `id` (itself first), in document order.
    pub fn descendants(&self, id: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            out.push(n);
            for &c in self.nodes[n].children.iter().rev() {
                stack.push(c);
            }
        }
        out
    }

    /// Elements with a tag, in document order.
    pub fn elements<'a>(&'a self, tag: &'a str) -> impl Iterator<Item = NodeId> + 'a {
        (0..self.nodes.len()).filter(move |&i| self.tag(i) == tag)
    }

    /// True when `a` is `b` or one of its ancestors.
    pub fn is_ancestor(&self, a: NodeId, mut b: NodeId) -> bool {
        loop {
            if a == b {
                return true;
            }
            if b == 0 {
                return false;
            }
            b = self.nodes[b].parent;
        }
    }

    /// The raw (undecoded) text under a node, concatenated, for metadata like JSON-LD.
    pub fn raw_text<'a>(&self, id: NodeId, html: &'a str) -> Vec<&'a str> {
        self.descendants(id)
            .into_iter()
            .filter_map(|n| match self.nodes[n].kind {
                NodeKind::Text { start, end } => html.get(start..end),
                _ => None,
            })
            .collect()
    }
}

/// An `<aside>` still open when the body ends was never closed: what follows its start is the
/// page, not a side note, so it is read as a `div`.
fn unclosed_asides(dom: &mut Dom, stack: &[NodeId], tags: &[String]) {
    for (&id, t) in stack.iter().zip(tags) {
        if t == "aside" {
            if let NodeKind::Element { tag, .. } = &mut dom.nodes[id].kind {
                *tag = "div".to_string();
            }
        }
    }
}

/// The tokens the tree is built from: only what the reader uses is kept.
enum Tok {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        start: usize,
        end: usize,
        self_closing: bool,
    },
    End {
        name: String,
        start: usize,
        end: usize,
    },
    Text {
        start: usize,
        end: usize,
    },
}

/// An html5gum callback that builds [`Tok`]s without a map of attributes per tag.
#[derive(Default)]
struct Lean {
    name: String,
    attrs: Vec<(String, String)>,
    start: usize,
    attr: Option<String>,
}

impl Callback<Tok, usize> for Lean {
    fn handle_event(&mut self, event: CallbackEvent<'_>, span: GumSpan<usize>) -> Option<Tok> {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.name = String::from_utf8_lossy(name).to_ascii_lowercase();
                self.attrs = Vec::new();
                self.start = span.start;
                self.attr = None;
                None
            }
            CallbackEvent::AttributeName { name } => {
                self.attr = KEPT_ATTRS
                    .iter()
                    .find(|a| name.eq_ignore_ascii_case(a.as_bytes()))
                    .map(|a| a.to_string());
                if let Some(a) = &self.attr {
                    // an attribute without a value still counts ("hidden")
                    if !self.attrs.iter().any(|(k, _)| k == a) {
                        self.attrs.push((a.clone(), String::new()));
                    }
                }
                None
            }
            CallbackEvent::AttributeValue { value } => {
                if let Some(a) = self.attr.take() {
                    if let Some(slot) = self.attrs.iter_mut().find(|(k, _)| *k == a) {
                        if slot.1.is_empty() {
                            slot.1 = String::from_utf8_lossy(value).into_owned();
                        }
                    }
                }
                None
            }
            CallbackEvent::CloseStartTag { self_closing } => Some(Tok::Start {
                name: std::mem::take(&mut self.name),
                attrs: std::mem::take(&mut self.attrs),
                start: self.start,
                end: span.end,
                self_closing,
            }),
            CallbackEvent::EndTag { name } => Some(Tok::End {
                name: String::from_utf8_lossy(name).to_ascii_lowercase(),
                start: span.start,
                end: span.end,
            }),
            CallbackEvent::String { .. } => Some(Tok::Text {
                start: span.start,
                end: span.end,
            }),
            _ => None,
        }
    }
}

/// The tree as it is built: the open elements (ids and tags, the root first).
struct TreeBuilder {
    dom: Dom,
    stack: Vec<NodeId>,
    open_tags: Vec<String>,
}

impl TreeBuilder {
    fn parent(&self) -> NodeId {
        *self.stack.last().unwrap_or(&0)
    }

    fn close_if_open(&mut self, tags: &[&str], scope: &[&str]) {
        close_if_open(&mut self.stack, &mut self.open_tags, tags, scope);
    }

    fn start_tag(
        &mut self,
        name: String,
        attrs: Vec<(String, String)>,
        range: (usize, usize),
        self_closing: bool,
    ) {
        // a page without `</head>`: the body, or any element that only a body holds, ends
        // the head (else the whole page would sit in the head)
        if !HEAD_CONTENT.contains(&name.as_str()) {
            if let Some(pos) = self.open_tags.iter().rposition(|t| t == "head") {
                let in_noscript = self.open_tags[pos..].iter().any(|t| t == "noscript");
                if pos > 0 && (name == "body" || !in_noscript) {
                    self.stack.truncate(pos);
                    self.open_tags.truncate(pos);
                }
            }
        }
        self.implied_ends(&name);
        let void = self_closing || VOID.contains(&name.as_str());
        let id = self.dom.add(
            self.parent(),
            NodeKind::Element {
                tag: name.clone(),
                attrs,
                tag_range: range,
            },
        );
        if !void {
            self.stack.push(id);
            self.open_tags.push(name);
        }
    }

    /// The end tags a start tag `name` implies.
    fn implied_ends(&mut self, name: &str) {
        if CLOSES_P.contains(&name) {
            self.close_if_open(
                &["p"],
                &[
                    "div",
                    "td",
                    "th",
                    "li",
                    "blockquote",
                    "section",
                    "article",
                    "body",
                    "table",
                ],
            );
        }
        match name {
            "li" => self.close_if_open(&["li"], &["ul", "ol", "menu", "table"]),
            "dt" | "dd" => self.close_if_open(&["dt", "dd"], &["dl", "table"]),
            "tr" => self.close_if_open(&["tr", "td", "th"], &["table", "tbody", "thead", "tfoot"]),
            "td" | "th" => self.close_if_open(&["td", "th"], &["tr", "table"]),
            "option" => self.close_if_open(&["option"], &["select"]),
            "a" => self.close_if_open(&["a"], &["div", "p", "li", "td", "body"]),
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &str, range: (usize, usize)) {
        if let Some(pos) = self.open_tags.iter().rposition(|t| t == name) {
            if matches!(name, "body" | "html") {
                unclosed_asides(&mut self.dom, &self.stack[pos..], &self.open_tags[pos..]);
            }
            if pos > 0 {
                self.stack.truncate(pos);
                self.open_tags.truncate(pos);
            }
        } else if name == "p" {
            // "</p>" without an open p makes an empty paragraph: a break
            self.dom.add(
                self.parent(),
                NodeKind::Element {
                    tag: "br".into(),
                    attrs: vec![],
                    tag_range: range,
                },
            );
        }
    }

    fn text(&mut self, start: usize, end: usize) {
        let parent = self.parent();
        // merge with a directly preceding text node
        if let Some(&last) = self.dom.nodes[parent].children.last() {
            if let NodeKind::Text { end: e, .. } = &mut self.dom.nodes[last].kind {
                if *e == start {
                    *e = end;
                    return;
                }
            }
        }
        self.dom.add(parent, NodeKind::Text { start, end });
    }
}

fn close_if_open(
    stack: &mut Vec<NodeId>,
    tags: &mut Vec<String>,
    closing: &[&str],
    scope: &[&str],
) {
    for i in (1..tags.len()).rev() {
        let t = tags[i].as_str();
        if closing.contains(&t) {
            stack.truncate(i);
            tags.truncate(i);
            return;
        }
        if scope.contains(&t) {
            return;
        }
    }
}

/// Finds the range of an attribute's value inside a start tag (`tag_range` of the decoded
/// text), for spans of metadata read from attributes such as `og:title`'s `content`.
pub fn attr_value_range(
    html: &str,
    tag_range: (usize, usize),
    name: &str,
) -> Option<(usize, usize)> {
    let tag = html.get(tag_range.0..tag_range.1)?;
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at > 0 && lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let mut j = lower.len() - rest.len() + 1;
        while j < lower.len() && lower.as_bytes()[j].is_ascii_whitespace() {
            j += 1;
        }
        let q = *lower.as_bytes().get(j)?;
        let (vs, ve) = if q == b'"' || q == b'\'' {
            let end = lower[j + 1..].find(q as char)? + j + 1;
            (j + 1, end)
        } else {
            let end = lower[j..]
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .map_or(lower.len(), |e| e + j);
            (j, end)
        };
        return Some((tag_range.0 + vs, tag_range.0 + ve));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_tree_with_implied_ends() {
        let h = "<html><body><p>one<p>two<ul><li>a<li>b</ul><div>x</span>y</div></body></html>";
        let d = Dom::parse(h);
        let ps: Vec<_> = d.elements("p").collect();
        assert_eq!(ps.len(), 2);
        assert!(!d.is_ancestor(ps[0], ps[1]));
        let lis: Vec<_> = d.elements("li").collect();
        assert_eq!(lis.len(), 2);
        assert!(!d.is_ancestor(lis[0], lis[1]));
    }

    #[test]
    fn text_ranges_point_into_source() {
        let h = "<p>Hà &amp; Nội</p>";
        let d = Dom::parse(h);
        let texts: Vec<_> = d
            .nodes
            .iter()
            .filter_map(|n| match n.kind {
                NodeKind::Text { start, end } => Some(&h[start..end]),
                _ => None,
            })
            .collect();
        assert_eq!(texts.concat(), "Hà &amp; Nội");
    }

    #[test]
    fn script_is_raw_text() {
        let d = Dom::parse("<script>if (a<b) {x='<p>'}</script><p>t</p>");
        assert_eq!(d.elements("p").count(), 1);
    }

    #[test]
    fn finds_attribute_value_range() {
        let h = r#"<meta property="og:title" content="Tin &amp; bài">"#;
        let r = attr_value_range(h, (0, h.len()), "content").unwrap();
        assert_eq!(&h[r.0..r.1], "Tin &amp; bài");
    }
}
