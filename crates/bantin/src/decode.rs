//! Bytes to text: encoding detection (UTF-8 with or without BOM, UTF-16 with BOM,
//! Windows-1258 and other legacy code pages), NFC, and the offset map back to the bytes.

use crate::offsets::OffsetMap;
use crate::ReadError;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The encoding a page was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark.
    Utf8Bom,
    /// UTF-16, little endian, with a byte order mark.
    Utf16Le,
    /// UTF-16, big endian, with a byte order mark.
    Utf16Be,
    /// A legacy single-byte code page, by its WHATWG name (windows-1258 for Vietnamese).
    Legacy(&'static str),
}

impl Encoding {
    /// A short name for messages.
    pub fn name(&self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8 (BOM)",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Legacy(n) => n,
        }
    }
}

/// A decoded, NFC-normalised text and the way back to its source bytes.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text, NFC.
    pub text: String,
    /// Text offsets to source offsets.
    pub map: OffsetMap,
    /// The encoding detected.
    pub encoding: Encoding,
    /// How many invalid byte sequences were replaced by U+FFFD.
    pub replaced: usize,
}

/// Decodes `bytes`. `declared` is a charset the page declares (an HTML `<meta charset>`),
/// used only when the bytes are not valid UTF-8.
///
/// # Errors
/// [`ReadError::Empty`] for a page with nothing but white space, [`ReadError::Binary`]
/// for bytes that are not text.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        check_binary(rest)?;
        let mut d = match std::str::from_utf8(rest) {
            Ok(s) => decode_str(s, 3),
            Err(_) => decode_utf8(rest, 3),
        };
        d.encoding = Encoding::Utf8Bom;
        return finish(d);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let le = bytes[0] == 0xFF;
        return finish(decode_utf16(&bytes[2..], 2, le));
    }
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        // NUL bytes: UTF-16 without a byte order mark, or not text at all
        if let Some(le) = sniff_utf16(bytes) {
            return finish(decode_utf16(bytes, 0, le));
        }
        return Err(ReadError::Binary);
    }
    check_binary(bytes)?;
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return finish(decode_str(s, 0));
    }
    // Not valid UTF-8: a declared legacy charset, else Windows-1258 when the bytes look
    // like a single-byte code page rather than UTF-8 with a few broken sequences.
    if let Some(enc) = declared.and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()))
    {
        if enc != encoding_rs::UTF_8 && enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE
        {
            return finish(decode_single(bytes, enc));
        }
    }
    let (valid_mb, invalid) = utf8_stats(bytes);
    if invalid > valid_mb {
        return finish(decode_single(bytes, encoding_rs::WINDOWS_1258));
    }
    finish(decode_utf8(bytes, 0))
}

fn finish(d: Decoded) -> Result<Decoded, ReadError> {
    if d.text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(d)
}

fn check_binary(bytes: &[u8]) -> Result<(), ReadError> {
    let head = &bytes[..bytes.len().min(8192)];
    let nul = memchr::memchr(0, head).is_some();
    let ctrl: usize = head
        .iter()
        .map(|&b| usize::from(b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x0B | 0x1B)))
        .sum();
    if nul || ctrl * 10 > head.len() {
        return Err(ReadError::Binary);
    }
    Ok(())
}

/// UTF-16 without a BOM shows as a NUL every other byte in ASCII-heavy text.
fn sniff_utf16(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd * 10 > pairs * 6 && even * 10 < pairs {
        Some(true)
    } else if even * 10 > pairs * 6 && odd * 10 < pairs {
        Some(false)
    } else {
        None
    }
}

fn utf8_stats(bytes: &[u8]) -> (usize, usize) {
    let (mut valid_mb, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_mb += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let good = &rest[..e.valid_up_to()];
                // SAFETY-free: valid_up_to guarantees a valid prefix
                valid_mb += std::str::from_utf8(good)
                    .map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                let skip = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                rest = &rest[e.valid_up_to() + skip..];
            }
        }
    }
    (valid_mb, invalid)
}

/// True when every character is one that is NFC whatever surrounds it: ASCII, Latin-1
/// and Latin Extended letters, Vietnamese precomposed letters (U+1E00..U+1EFF), general
/// punctuation. A text of these needs no normalisation (the common case, checked fast).
fn likely_nfc(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            i += 1;
            continue;
        }
        let ok = match x {
            0xC2..=0xCB => true,                               // U+0080..U+02FF
            0xE1 => matches!(b.get(i + 1), Some(0xB8..=0xBB)), // U+1E00..U+1EFF
            0xE2 => match b.get(i + 1) {
                Some(0x80) => matches!(b.get(i + 2), Some(0x90..=0xBF)), // U+2010..U+203F
                Some(0x81) => matches!(b.get(i + 2), Some(0x80..=0x9E)), // U+2040..U+205E
                Some(0x82) => true,                                      // U+2080..U+20BF
                _ => false,
            },
            _ => false,
        };
        if !ok {
            return false;
        }
        i += match x {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
    }
    true
}

/// Valid UTF-8: copied as is when already NFC (the common case), else normalised.
fn decode_str(s: &str, base: usize) -> Decoded {
    if likely_nfc(s) || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return Decoded {
            text: s.to_owned(),
            map: OffsetMap::identity(base, s.len()),
            encoding: Encoding::Utf8,
            replaced: 0,
        };
    }
    decode_utf8(s.as_bytes(), base)
}

/// UTF-8, normalised to NFC, invalid sequences replaced by U+FFFD (each mapped to the
/// bytes it replaces).
fn decode_utf8(bytes: &[u8], base: usize) -> Decoded {
    let mut n = Normalizer::with_capacity(bytes.len());
    let mut rest = bytes;
    let mut off = base;
    let mut replaced = 0;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                n.push_str(s, off);
                break;
            }
            Err(e) => {
                let v = e.valid_up_to();
                if let Ok(s) = std::str::from_utf8(&rest[..v]) {
                    n.push_str(s, off);
                }
                let skip = e.error_len().unwrap_or(rest.len() - v);
                n.push_char('\u{FFFD}', off + v, skip);
                replaced += 1;
                off += v + skip;
                rest = &rest[v + skip..];
            }
        }
    }
    let (text, map) = n.finish();
    Decoded {
        text,
        map,
        encoding: Encoding::Utf8,
        replaced,
    }
}

fn decode_utf16(bytes: &[u8], base: usize, le: bool) -> Decoded {
    let mut n = Normalizer::with_capacity(bytes.len());
    let units = bytes.len() / 2;
    let unit = |i: usize| {
        let (a, b) = (bytes[2 * i], bytes[2 * i + 1]);
        if le {
            u16::from_le_bytes([a, b])
        } else {
            u16::from_be_bytes([a, b])
        }
    };
    let mut replaced = 0;
    let mut i = 0;
    while i < units {
        let u = unit(i);
        if (0xD800..0xDC00).contains(&u) && i + 1 < units && (0xDC00..0xE000).contains(&unit(i + 1))
        {
            let c = 0x10000 + (((u as u32) - 0xD800) << 10) + ((unit(i + 1) as u32) - 0xDC00);
            n.push_char(char::from_u32(c).unwrap_or('\u{FFFD}'), base + 2 * i, 4);
            i += 2;
            continue;
        }
        let c = char::from_u32(u as u32).unwrap_or_else(|| {
            replaced += 1;
            '\u{FFFD}'
        });
        n.push_char(c, base + 2 * i, 2);
        i += 1;
    }
    if bytes.len() % 2 == 1 {
        n.push_char('\u{FFFD}', base + bytes.len() - 1, 1);
        replaced += 1;
    }
    let (text, map) = n.finish();
    Decoded {
        text,
        map,
        encoding: if le {
            Encoding::Utf16Le
        } else {
            Encoding::Utf16Be
        },
        replaced,
    }
}

fn decode_single(bytes: &[u8], enc: &'static encoding_rs::Encoding) -> Decoded {
    let mut n = Normalizer::with_capacity(bytes.len() * 2);
    let mut dec = enc.new_decoder_without_bom_handling();
    let mut buf = String::with_capacity(8);
    let mut replaced = 0;
    for (i, b) in bytes.iter().enumerate() {
        buf.clear();
        let (_, _, had) = dec.decode_to_string(std::slice::from_ref(b), &mut buf, false);
        replaced += had as usize;
        let mut chars = buf.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => n.push_char(c, i, 1),
            (None, _) => {}
            _ => {
                // a byte decoding to several chars: one atomic piece
                let s = buf.clone();
                for c in s.chars() {
                    n.push_char(c, i, 1);
                }
            }
        }
    }
    let (text, map) = n.finish();
    Decoded {
        text,
        map,
        encoding: Encoding::Legacy(enc.name()),
        replaced,
    }
}

/// Streams characters with their source ranges and composes them to NFC, one canonical
/// segment (a starter and the combining marks after it) at a time.
struct Normalizer {
    text: String,
    map: OffsetMap,
    seg: String,
    seg_src: (usize, usize),
}

impl Normalizer {
    fn with_capacity(n: usize) -> Self {
        Normalizer {
            text: String::with_capacity(n),
            map: OffsetMap::default(),
            seg: String::new(),
            seg_src: (0, 0),
        }
    }

    fn push_str(&mut self, s: &str, src: usize) {
        for (i, c) in s.char_indices() {
            self.push_char(c, src + i, c.len_utf8());
        }
    }

    fn push_char(&mut self, c: char, src: usize, src_len: usize) {
        // a new segment starts at a starter that cannot compose with what precedes it
        // (NFC_Quick_Check Maybe marks the ones that can)
        let starter = unicode_normalization::char::canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) != IsNormalized::Maybe;
        if starter && !self.seg.is_empty() {
            self.flush();
        }
        if self.seg.is_empty() {
            self.seg_src = (src, src + src_len);
        } else {
            self.seg_src.1 = src + src_len;
        }
        self.seg.push(c);
    }

    fn flush(&mut self) {
        if self.seg.is_empty() {
            return;
        }
        let (s, e) = self.seg_src;
        let before = self.text.len();
        if is_nfc_quick(self.seg.chars()) == IsNormalized::Yes {
            self.text.push_str(&self.seg);
        } else {
            self.text.extend(self.seg.nfc());
        }
        self.map.push(s, e - s, self.text.len() - before);
        self.seg.clear();
    }

    fn finish(mut self) -> (String, OffsetMap) {
        self.flush();
        (self.text, self.map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(bytes: &[u8], needle: &str) -> String {
        let d = decode(bytes, None).unwrap();
        let i = d.text.find(needle).expect("needle");
        let sp = d.map.src_span(i, i + needle.len());
        String::from_utf8_lossy(&bytes[sp.start..sp.end]).into_owned()
    }

    #[test]
    fn utf8_plain_and_bom() {
        assert_eq!(
            decode("Hà Nội".as_bytes(), None).unwrap().encoding,
            Encoding::Utf8
        );
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend("Hà Nội".as_bytes());
        let d = decode(&b, None).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8Bom);
        assert_eq!(d.text, "Hà Nội");
        assert_eq!(roundtrip(&b, "Nội"), "Nội");
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Bình Nhưỡng".encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        let d = decode(&b, None).unwrap();
        assert_eq!(d.encoding, Encoding::Utf16Le);
        assert_eq!(d.text, "Bình Nhưỡng");
        let i = d.text.find("Nhưỡng").unwrap();
        let sp = d.map.src_span(i, d.text.len());
        assert_eq!(sp.start, 2 + 2 * 5);
        assert_eq!(sp.end, b.len());
    }

    #[test]
    fn windows_1258_is_detected_and_composed() {
        // "Việt Nam" in windows-1258: V i (ê = 0xEA) (dot below = 0xF2) t
        let b = b"Vi\xEA\xF2t Nam v\xE0 H\xE0 N\xF4\xF2i";
        let d = decode(b, None).unwrap();
        assert_eq!(d.encoding, Encoding::Legacy("windows-1258"));
        assert_eq!(d.text, "Việt Nam và Hà Nội");
        let i = d.text.find("Việt").unwrap();
        let sp = d.map.src_span(i, i + "Việt".len());
        assert_eq!(sp, crate::Span::new(0, 5));
    }

    #[test]
    fn decomposed_utf8_becomes_nfc_with_spans_on_original() {
        let src = "Ha\u{300} No\u{302}\u{323}i";
        let d = decode(src.as_bytes(), None).unwrap();
        assert_eq!(d.text, "Hà Nội");
        assert_eq!(roundtrip(src.as_bytes(), "Nội"), "No\u{302}\u{323}i");
    }

    #[test]
    fn invalid_utf8_is_replaced_not_lost() {
        let b = "Xin chào \u{1ea1}n bè "
            .as_bytes()
            .iter()
            .copied()
            .chain([0xFF])
            .chain("hôm nay".bytes())
            .collect::<Vec<_>>();
        let d = decode(&b, None).unwrap();
        assert_eq!(d.replaced, 1);
        assert!(d.text.contains('\u{FFFD}'));
        assert!(d.text.ends_with("hôm nay"));
    }

    #[test]
    fn empty_and_binary() {
        assert!(matches!(decode(b"  \n ", None), Err(ReadError::Empty)));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None),
            Err(ReadError::Binary)
        ));
    }
}
