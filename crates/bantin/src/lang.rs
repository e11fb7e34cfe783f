//! Vietnamese text helpers: tone-mark placement keys ("hoà" = "hòa", "thuý" = "thúy") and
//! folding (tone marks removed, đ → d) for matching and search. Spans are never rewritten:
//! these give keys to compare words by, the text itself stays as read.

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// A key under which old and new tone-mark placements of a syllable are equal: the letters
/// without the tone mark, followed by the tone mark (if any), lower-cased.
pub fn tone_key(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    let mut tone = None;
    for c in word.chars() {
        for l in c.to_lowercase() {
            if l.is_ascii() {
                out.push(l);
                continue;
            }
            // split the tone mark off one character: base letter and other marks recomposed
            let mut base: Option<char> = None;
            let mut marks: [char; 3] = ['\0'; 3];
            let mut nm = 0;
            unicode_normalization::char::decompose_canonical(l, |d| {
                if TONES.contains(&d) {
                    tone = Some(d);
                } else if base.is_none() {
                    base = Some(d);
                } else if nm < 3 {
                    marks[nm] = d;
                    nm += 1;
                }
            });
            let mut b = base.unwrap_or(l);
            for &m in &marks[..nm] {
                b = unicode_normalization::char::compose(b, m).unwrap_or(b);
            }
            out.push(b);
        }
    }
    if let Some(t) = tone {
        out.push(t);
    }
    out
}

/// Folds a text for accent-insensitive matching: lower case, every diacritic removed,
/// đ → d.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if c == 'đ' || c == 'Đ' {
            out.push('d');
            continue;
        }
        // the base letter of the canonical decomposition, lower-cased
        let mut base = None;
        unicode_normalization::char::decompose_canonical(c, |d| {
            if base.is_none() && !('\u{300}'..='\u{36f}').contains(&d) {
                base = Some(d);
            }
        });
        if let Some(b) = base {
            out.extend(b.to_lowercase());
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
