//! Sentences and syllables: the units that summaries, timelines and duplicate detection
//! work on.

use rustc_hash::FxHasher;
use std::hash::Hasher;

/// Words that end in a full stop without ending a sentence ("TP. Hồ Chí Minh", "Th.S").
const ABBREVIATIONS: &[&str] = &[
    "tp", "tt", "ts", "ths", "pgs", "gs", "bs", "ks", "mr", "mrs", "ms", "dr", "st", "q", "p",
    "tx", "vd", "co", "inc", "ltd", "corp", "jr",
];

/// Open quotation marks in the text read so far.
#[derive(Default)]
struct Quotes {
    curly: i32,
    straight: bool,
    guillemets: i32,
}

impl Quotes {
    fn see(&mut self, c: char) {
        match c {
            '“' => self.curly += 1,
            // a quotation opened with a straight mark and closed with a curly one
            // ("… ” typed in two hands) is closed
            '”' if self.curly == 0 && self.straight => self.straight = false,
            '”' => self.curly = (self.curly - 1).max(0),
            '"' => self.straight = !self.straight,
            '«' => self.guillemets += 1,
            '»' => self.guillemets = (self.guillemets - 1).max(0),
            _ => {}
        }
    }

    /// Inside a quotation that is closed later in `rest`.
    fn open_until(&self, rest: &str) -> bool {
        (self.curly > 0 && rest.contains('”'))
            || (self.straight && rest.contains('"'))
            || (self.guillemets > 0 && rest.contains('»'))
    }
}

/// The sentences of a paragraph, as byte ranges of it, white space trimmed. A full stop
/// inside a quotation closed later in the paragraph does not end the sentence (“A. B”,
/// ông X nói. is one sentence).
pub fn sentences(p: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let mut quotes = Quotes::default();
    while let Some(c) = p[i..].chars().next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            quotes.see(c);
            i += c.len_utf8();
            continue;
        }
        let mut j = i + c.len_utf8();
        // closing quotes and brackets stay with their sentence
        while let Some(ch) = p[j..].chars().next() {
            if matches!(
                ch,
                '"' | '”' | '’' | '\'' | ')' | '»' | '.' | '!' | '?' | '…'
            ) {
                quotes.see(ch);
                j += ch.len_utf8();
            } else {
                break;
            }
        }
        let boundary = match p[j..].chars().next() {
            None => true,
            Some(n) if n.is_whitespace() => {
                let after = p[j..].trim_start().chars().next();
                after.is_some_and(|a| {
                    a.is_uppercase() || a.is_ascii_digit() || "\"“‘'(«-–—".contains(a)
                }) && !(c == '.' && abbreviation_before(&p[start..i]))
                    && !quotes.open_until(&p[j..])
            }
            _ => false,
        };
        if boundary {
            push_trimmed(p, start, j, &mut out);
            start = j;
            quotes = Quotes::default();
        }
        i = j;
    }
    push_trimmed(p, start, p.len(), &mut out);
    out
}

fn abbreviation_before(s: &str) -> bool {
    let word = s
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true; // an initial: "V. Putin"
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn push_trimmed(p: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &p[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push((start + lead, start + lead + t.len()));
    }
}

/// The syllables (words between spaces and punctuation) of a text.
pub fn syllables(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !word_char(c)).filter(|w| !w.is_empty())
}

/// `char::is_alphanumeric`, answered without the Unicode tables for the Latin letters
/// Vietnamese is written in (Latin-1 and Extended-A/B but for × and ÷, and Latin Extended
/// Additional, all letters).
fn word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7f => c.is_ascii_alphanumeric(),
        0xc0..=0x24f => c != '×' && c != '÷',
        0x1e00..=0x1eff => true,
        _ => c.is_alphanumeric(),
    }
}

/// A hash of a syllable, case-insensitive.
pub fn syllable_hash(w: &str) -> u64 {
    let mut h = FxHasher::default();
    for c in w.chars() {
        for l in c.to_lowercase() {
            h.write_u32(l as u32);
        }
    }
    h.finish()
}

/// Hashes of the syllables of a text, lower-cased.
pub fn syllable_hashes(s: &str) -> Vec<u64> {
    syllables(s).map(syllable_hash).collect()
}

/// Mixes a 64-bit value (splitmix64's finaliser), so that nearby inputs spread out.
pub fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hashes of the `k`-syllable shingles of a sequence of syllable hashes (the whole
/// sequence when it is shorter).
pub fn shingles(words: &[u64], k: usize) -> impl Iterator<Item = u64> + '_ {
    let k = k.max(1).min(words.len().max(1));
    words.windows(k).map(|w| {
        let mut h = 0u64;
        for &x in w {
            h = mix(h ^ x);
        }
        h
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(p: &str) -> Vec<&str> {
        sentences(p).into_iter().map(|(a, b)| &p[a..b]).collect()
    }

    #[test]
    fn sentences_of_a_paragraph() {
        assert_eq!(
            split("Ông A đến TP. Hồ Chí Minh hôm 3/5. Giá xăng tăng 1.000 đồng! “Tốt.” Hết"),
            vec![
                "Ông A đến TP. Hồ Chí Minh hôm 3/5.",
                "Giá xăng tăng 1.000 đồng!",
                "“Tốt.”",
                "Hết"
            ]
        );
        assert_eq!(
            split("Ông V. Putin nói vậy."),
            vec!["Ông V. Putin nói vậy."]
        );
        assert_eq!(split("Chờ xem… Rồi sao?"), vec!["Chờ xem…", "Rồi sao?"]);
        // a quotation of several sentences stays with its speaker
        assert_eq!(
            split("“Chúng tôi sẵn sàng. Kế hoạch đã xong”, ông A nói. Ông B im lặng."),
            vec![
                "“Chúng tôi sẵn sàng. Kế hoạch đã xong”, ông A nói.",
                "Ông B im lặng."
            ]
        );
        // an unclosed quotation does not swallow the paragraph
        assert_eq!(
            split("Ông A nói “Tốt. Rồi đi."),
            vec!["Ông A nói “Tốt.", "Rồi đi."]
        );
        // a quotation opened straight and closed curly is closed: the next one, written
        // straight, does not hold the sentences between
        assert_eq!(
            split("Bác sĩ nói anh bị \"hai vết thương” ở tay. Ông C đến. Ông D gọi đó là \"tai nạn\"."),
            vec![
                "Bác sĩ nói anh bị \"hai vết thương” ở tay.",
                "Ông C đến.",
                "Ông D gọi đó là \"tai nạn\"."
            ]
        );
        assert!(sentences("   ").is_empty());
    }

    #[test]
    fn word_chars_as_unicode_says() {
        for c in (0..0x2000u32).filter_map(char::from_u32) {
            assert_eq!(word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn syllables_and_hashes() {
        assert_eq!(
            syllables("Hà Nội, 3/5: mưa").collect::<Vec<_>>(),
            vec!["Hà", "Nội", "3", "5", "mưa"]
        );
        assert_eq!(syllable_hash("Hà"), syllable_hash("hà"));
        assert_ne!(syllable_hash("hà"), syllable_hash("ha"));
        let w = syllable_hashes("một hai ba bốn");
        assert_eq!(shingles(&w, 3).count(), 2);
        assert_eq!(shingles(&w[..2], 3).count(), 1);
    }
}
