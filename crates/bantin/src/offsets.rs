//! Offset maps: from byte offsets in a cleaned text back to byte offsets in the source file.
//!
//! Cleaning (decoding, NFC, entity decoding, white-space tidying) never loses the way back:
//! every cleaned text carries an [`OffsetMap`] made of segments. A segment whose text and
//! source lengths agree maps byte for byte ("linear"); any other segment is atomic: a
//! position inside it maps to the segment's start (for a span start) or end (for a span end).

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A new span; `end` is clamped to be at least `start`.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

impl From<Span> for [usize; 2] {
    fn from(s: Span) -> Self {
        [s.start, s.end]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Seg {
    t: u32,
    s: u32,
    tl: u32,
    sl: u32,
}

/// Maps byte offsets of a cleaned text to byte offsets of its source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    segs: Vec<Seg>,
}

impl OffsetMap {
    /// The identity map of a text of `len` bytes that starts at `src_start` in the source.
    pub fn identity(src_start: usize, len: usize) -> Self {
        let mut m = OffsetMap::default();
        m.push(src_start, len, len);
        m
    }

    /// Appends a piece of `text_len` text bytes that came from `src_len` source bytes at
    /// `src_start`. Linear pieces that continue the previous one are merged.
    pub fn push(&mut self, src_start: usize, src_len: usize, text_len: usize) {
        if text_len == 0 {
            return;
        }
        let t = self.text_len() as u32;
        let (s, sl, tl) = (src_start as u32, src_len as u32, text_len as u32);
        if let Some(last) = self.segs.last_mut() {
            if last.tl == last.sl && tl == sl && last.s + last.sl == s {
                last.tl += tl;
                last.sl += sl;
                return;
            }
        }
        self.segs.push(Seg { t, s, tl, sl });
    }

    /// Length of the text this map covers.
    pub fn text_len(&self) -> usize {
        self.segs.last().map_or(0, |l| (l.t + l.tl) as usize)
    }

    /// Number of segments (1 for a text copied verbatim from its source).
    pub fn segments(&self) -> usize {
        self.segs.len()
    }

    fn find(&self, t: u32) -> Option<&Seg> {
        if self.segs.is_empty() {
            return None;
        }
        let i = self.segs.partition_point(|g| g.t <= t);
        Some(&self.segs[i.saturating_sub(1)])
    }

    /// Source offset of a text offset taken as the start of a span.
    pub fn src_start(&self, t: usize) -> usize {
        let t = t as u32;
        match self.find(t) {
            None => 0,
            Some(g) if t >= g.t + g.tl => (g.s + g.sl) as usize,
            Some(g) if g.tl == g.sl => (g.s + (t - g.t)) as usize,
            Some(g) => g.s as usize,
        }
    }

    /// Source offset of a text offset taken as the end of a span.
    pub fn src_end(&self, t: usize) -> usize {
        let t = t as u32;
        if t == 0 {
            return self.segs.first().map_or(0, |g| g.s as usize);
        }
        // the segment holding the byte just before t
        match self.find(t - 1) {
            None => 0,
            Some(g) if t >= g.t + g.tl => (g.s + g.sl) as usize,
            Some(g) if g.tl == g.sl => (g.s + (t - g.t)) as usize,
            Some(g) => (g.s + g.sl) as usize,
        }
    }

    /// The source span of a text range.
    pub fn src_span(&self, start: usize, end: usize) -> Span {
        if start >= end {
            let s = self.src_start(start);
            return Span::new(s, s);
        }
        Span::new(self.src_start(start), self.src_end(end))
    }

    /// Calls `f(text_range, src_start, src_len, linear)` for every segment overlapping
    /// `[start, end)` of the text, clipped to it.
    pub fn for_each_piece(
        &self,
        start: usize,
        end: usize,
        mut f: impl FnMut(usize, usize, usize, usize, bool),
    ) {
        let (start, end) = (start as u32, end as u32);
        let i0 = self.segs.partition_point(|g| g.t + g.tl <= start);
        for g in &self.segs[i0..] {
            if g.t >= end {
                break;
            }
            let a = start.max(g.t);
            let b = end.min(g.t + g.tl);
            if g.tl == g.sl {
                f(
                    a as usize,
                    b as usize,
                    (g.s + (a - g.t)) as usize,
                    (b - a) as usize,
                    true,
                );
            } else {
                f(a as usize, b as usize, g.s as usize, g.sl as usize, false);
            }
        }
    }
}

/// Builds a tidy text (NFC pieces, runs of white space as one space, trimmed) together with
/// its offset map. Pieces come in as "verbatim" runs, whose bytes are the source's own, or
/// as atomic replacements of a source range.
#[derive(Debug, Default, Clone)]
pub struct TextBuilder {
    text: String,
    map: OffsetMap,
    pending_space: Option<(usize, usize)>,
}

/// Bytes that may start white space or an invisible character.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b' ' as usize] = true;
    t[b'\t' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[0x0B] = true;
    t[0x0C] = true;
    t[0xC2] = true; // U+00A0, U+00AD (and other U+0080..U+00BF, checked)
    t[0xE2] = true; // U+2000..U+2FFF
    t[0xE3] = true; // U+3000
    t[0xEF] = true; // U+FEFF
    t
};

/// True for characters tidied into a single space.
#[inline]
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{A0}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// True for characters dropped altogether (zero-width, soft hyphen, BOM).
#[inline]
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
    )
}

impl TextBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends text whose bytes are exactly the source bytes at `src_start..`.
    pub fn push_verbatim(&mut self, s: &str, src_start: usize) {
        let bytes = s.as_bytes();
        let n = bytes.len();
        let mut run_start = 0usize; // start of the current verbatim run in s
        let mut i = 0usize;
        while i < n {
            // skip plain bytes fast: everything but ASCII white space and the lead bytes of
            // Unicode spaces and invisible characters
            while i < n && !SPECIAL[bytes[i] as usize] {
                i += 1;
            }
            if i >= n {
                break;
            }
            let b = bytes[i];
            if b == b' ' && i > run_start && i + 1 < n && !SPECIAL[bytes[i + 1] as usize] {
                // a single space between words stays in the run
                i += 1;
                continue;
            }
            if b < 0x80 {
                // ASCII white space
                self.flush_run(s, run_start, i, src_start);
                self.space(src_start + i, 1);
                i += 1;
                run_start = i;
                continue;
            }
            let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
            let len = c.len_utf8();
            if is_space(c) {
                self.flush_run(s, run_start, i, src_start);
                self.space(src_start + i, len);
                run_start = i + len;
            } else if is_invisible(c) {
                self.flush_run(s, run_start, i, src_start);
                run_start = i + len;
            }
            i += len;
        }
        self.flush_run(s, run_start, n, src_start);
    }

    fn flush_run(&mut self, s: &str, a: usize, b: usize, src_start: usize) {
        if a >= b {
            return;
        }
        self.emit_pending();
        self.text.push_str(&s[a..b]);
        self.map.push(src_start + a, b - a, b - a);
    }

    fn space(&mut self, src: usize, len: usize) {
        match &mut self.pending_space {
            Some((_, e)) => *e = src + len,
            None => self.pending_space = Some((src, src + len)),
        }
    }

    fn emit_pending(&mut self) {
        if let Some((s, e)) = self.pending_space.take() {
            if !self.text.is_empty() {
                self.text.push(' ');
                self.map.push(s, e - s, 1);
            }
        }
    }

    /// Appends `s` as the replacement of source bytes `src_start..src_end` (an entity, a
    /// decoded or normalised piece). White space inside `s` is tidied too.
    pub fn push_atomic(&mut self, s: &str, src_start: usize, src_end: usize) {
        let trimmed = s.trim_matches(|c: char| is_space(c) || is_invisible(c));
        if trimmed.is_empty() {
            if s.chars().any(is_space) {
                self.space(src_start, src_end - src_start);
            }
            return;
        }
        if trimmed.len() != s.len() && s.starts_with(|c: char| is_space(c)) {
            self.space(src_start, 0);
        }
        self.emit_pending();
        let mut last_space = false;
        let before = self.text.len();
        for c in trimmed.chars() {
            if is_space(c) {
                if !last_space {
                    self.text.push(' ');
                }
                last_space = true;
            } else if !is_invisible(c) {
                self.text.push(c);
                last_space = false;
            }
        }
        self.map
            .push(src_start, src_end - src_start, self.text.len() - before);
        if trimmed.len() != s.len() && s.ends_with(|c: char| is_space(c)) {
            self.space(src_end, 0);
        }
    }

    /// Appends a hard break (between blocks of inline text), tidied like a space.
    pub fn push_break(&mut self, src: usize) {
        self.space(src, 0);
    }

    /// Current text length.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// True when nothing but white space was pushed.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text built so far.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Ends the text (trailing space dropped).
    pub fn finish(self) -> (String, OffsetMap) {
        (self.text, self.map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_byte_for_byte() {
        let m = OffsetMap::identity(10, 5);
        assert_eq!(m.src_span(1, 3), Span::new(11, 13));
        assert_eq!(m.src_span(0, 5), Span::new(10, 15));
    }

    #[test]
    fn builder_collapses_space_and_keeps_spans() {
        let src = "  Xin   chào\n\tbạn  ";
        let mut b = TextBuilder::new();
        b.push_verbatim(src, 0);
        let (t, m) = b.finish();
        assert_eq!(t, "Xin chào bạn");
        let i = t.find("chào").unwrap();
        let sp = m.src_span(i, i + "chào".len());
        assert_eq!(&src[sp.start..sp.end], "chào");
        let all = m.src_span(0, t.len());
        assert_eq!(&src[all.start..all.end], "Xin   chào\n\tbạn");
    }

    #[test]
    fn atomic_pieces_map_to_whole_source_range() {
        let src = "a&amp;b";
        let mut b = TextBuilder::new();
        b.push_verbatim("a", 0);
        b.push_atomic("&", 1, 6);
        b.push_verbatim("b", 6);
        let (t, m) = b.finish();
        assert_eq!(t, "a&b");
        assert_eq!(m.src_span(1, 2), Span::new(1, 6));
        assert_eq!(m.src_span(0, 3), Span::new(0, 7));
        assert_eq!(&src[m.src_span(2, 3).start..m.src_span(2, 3).end], "b");
    }

    #[test]
    fn nbsp_is_a_space() {
        let src = "a\u{a0}\u{a0}b\u{200b}c";
        let mut b = TextBuilder::new();
        b.push_verbatim(src, 0);
        let (t, _) = b.finish();
        assert_eq!(t, "a bc");
    }
}
