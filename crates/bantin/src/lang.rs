//! Vietnamese text helpers: tone-mark placement keys ("hoà" = "hòa", "thuý" = "thúy") and
//! folding (tone marks removed, đ → d) for matching and search. Spans are never rewritten:
//! these give keys to compare words by, the text itself stays as read.

use unicode_normalization::UnicodeNormalization;

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// A key under which old and new tone-mark placements of a syllable are equal: the letters
/// without the tone mark, followed by the tone mark (if any), lower-cased.
pub fn tone_key(word: &str) -> String {
    let mut base = String::with_capacity(word.len());
    let mut tone = None;
    for c in word.nfd() {
        if TONES.contains(&c) {
            tone = Some(c);
        } else {
            base.extend(c.to_lowercase());
        }
    }
    let mut out: String = base.nfc().collect();
    if let Some(t) = tone {
        out.push(t);
    }
    out
}

/// Folds a text for accent-insensitive matching: lower case, every diacritic removed,
/// đ → d.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        match c {
            '\u{300}'..='\u{36f}' => {}
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_and_new_tone_placement_match() {
        assert_eq!(tone_key("hoà"), tone_key("hòa"));
        assert_eq!(tone_key("Thuý"), tone_key("thúy"));
        assert_ne!(tone_key("hòa"), tone_key("hóa"));
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Đường Bình Nhưỡng"), "duong binh nhuong");
    }
}
