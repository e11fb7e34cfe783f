//! The event words of `data/events.tsv`, read once, matched on whole syllables: at each
//! syllable the longest phrase starting there wins, so a longer phrase that is no event
//! ("tiếp tục", "bầu cử", "thăm dò") hides the trigger inside it.

use super::EventType;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// What a phrase tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// A trigger of this type.
    Event(EventType),
    /// A phrase that is no event (hides shorter triggers inside it).
    Not,
    /// Negation.
    Neg,
    /// A plan or wish.
    Plan,
    /// Background: what used to happen.
    Bg,
    /// What a decision is about.
    Obj,
    /// What a deployment sends.
    Force,
    /// Someone dead, hurt or missing.
    Victim,
    /// A verb of saying.
    Say,
}

/// What a trigger needs around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Cond {
    /// Nothing.
    #[default]
    None,
    /// A place closely after and the traveller just before.
    Place,
    /// A decision word among the next syllables.
    Object,
    /// A force word in the sentence.
    Forces,
    /// Two parties named.
    Pair,
}

/// A phrase: its syllables after the first, and what it tells.
#[derive(Debug)]
pub(crate) struct Entry {
    rest: Vec<Vec<String>>,
    pub(crate) classes: Vec<(Class, Cond)>,
}

/// The phrases, by their first syllable (every tone-mark placement of it).
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    by_first: FxHashMap<String, Vec<usize>>,
    entries: Vec<Entry>,
}

/// A syllable of a sentence: byte range in the text, lower-cased form.
#[derive(Debug)]
pub(crate) struct Tok<'a> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) lower: Cow<'a, str>,
}

/// The syllables of `text[s..e]`, through the shared syllable splitter.
pub(crate) fn tokens(text: &str, s: usize, e: usize) -> Vec<Tok<'_>> {
    let base = text.as_ptr() as usize;
    crate::digest::text::syllables(&text[s..e])
        .map(|w| {
            let start = w.as_ptr() as usize - base;
            let upper = if w.is_ascii() {
                w.bytes().any(|b| b.is_ascii_uppercase())
            } else {
                w.chars().any(char::is_uppercase)
            };
            let lower = if upper {
                Cow::Owned(w.to_lowercase())
            } else {
                Cow::Borrowed(w)
            };
            Tok {
                start,
                end: start + w.len(),
                lower,
            }
        })
        .collect()
}

/// A phrase found: its classes and its syllables `[first, end)`.
#[derive(Clone, Debug)]
pub(crate) struct Hit<'l> {
    pub(crate) classes: &'l [(Class, Cond)],
    pub(crate) first: usize,
    pub(crate) end: usize,
}

impl Hit<'_> {
    pub(crate) fn is(&self, c: Class) -> bool {
        self.classes.iter().any(|x| x.0 == c)
    }
}

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// The spellings of a syllable under the old and new tone-mark placements ("hòa", "hoà";
/// "thủy", "thuỷ").
fn spellings(w: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    let nfd: Vec<char> = w.nfd().collect();
    let Some(tp) = nfd.iter().position(|c| TONES.contains(c)) else {
        return vec![w.nfc().collect()];
    };
    let tone = nfd[tp];
    let bare: Vec<char> = nfd.iter().copied().filter(|c| *c != tone).collect();
    // the pairs whose tone mark moves: o+a, o+e, u+y
    let mut out = vec![w.nfc().collect::<String>()];
    for i in 0..bare.len().saturating_sub(1) {
        let pair = (bare[i], bare[i + 1]);
        if matches!(pair, ('o', 'a') | ('o', 'e') | ('u', 'y')) {
            for at in [i, i + 1] {
                let mut v = bare.clone();
                v.insert(at + 1, tone);
                let s: String = v.into_iter().nfc().collect();
                if !out.contains(&s) {
                    out.push(s);
                }
            }
        }
    }
    out
}

impl Lexicon {
    /// The lexicon of `data/events.tsv`, read on first use.
    pub(crate) fn get() -> &'static Lexicon {
        static L: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        L.get_or_init(|| {
            Lexicon::parse(include_str!("../../data/events.tsv")).expect("data/events.tsv")
        })
    }

    /// Reads the tab-separated phrase list.
    pub(crate) fn parse(text: &str) -> Result<Lexicon, String> {
        let mut lex = Lexicon::default();
        let mut index: FxHashMap<String, usize> = FxHashMap::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(class), Some(phrase)) = (cols.next(), cols.next()) else {
                return Err(format!("line {}: CLASS<TAB>phrase expected", n + 1));
            };
            let class = match class {
                "-" => Class::Not,
                "NEG" => Class::Neg,
                "PLAN" => Class::Plan,
                "BG" => Class::Bg,
                "OBJ" => Class::Obj,
                "FORCE" => Class::Force,
                "VICTIM" => Class::Victim,
                "SAY" => Class::Say,
                t => Class::Event(
                    EventType::from_name(t)
                        .ok_or_else(|| format!("line {}: unknown class {t}", n + 1))?,
                ),
            };
            let cond = match cols.next() {
                None | Some("") => Cond::None,
                Some("place") => Cond::Place,
                Some("object") => Cond::Object,
                Some("forces") => Cond::Forces,
                Some("pair") => Cond::Pair,
                Some(c) => return Err(format!("line {}: unknown condition {c}", n + 1)),
            };
            let phrase = phrase.to_lowercase();
            let words: Vec<&str> = phrase.split(' ').filter(|w| !w.is_empty()).collect();
            if words.is_empty() {
                return Err(format!("line {}: empty phrase", n + 1));
            }
            let key = words.join(" ");
            let e = *index.entry(key).or_insert_with(|| {
                lex.entries.push(Entry {
                    rest: words[1..].iter().map(|w| spellings(w)).collect(),
                    classes: Vec::new(),
                });
                let e = lex.entries.len() - 1;
                for s in spellings(words[0]) {
                    lex.by_first.entry(s).or_default().push(e);
                }
                e
            });
            if !lex.entries[e].classes.contains(&(class, cond)) {
                lex.entries[e].classes.push((class, cond));
            }
        }
        // longest phrases first
        let entries = &lex.entries;
        for list in lex.by_first.values_mut() {
            list.sort_by_key(|&e| std::cmp::Reverse(entries[e].rest.len()));
        }
        Ok(lex)
    }

    /// Every phrase of the syllables, left to right, the longest at each place.
    pub(crate) fn scan(&self, toks: &[Tok]) -> Vec<Hit<'_>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let found = self.by_first.get(toks[i].lower.as_ref()).and_then(|list| {
                list.iter().map(|&e| &self.entries[e]).find(|en| {
                    i + en.rest.len() < toks.len() + 1
                        && en.rest.iter().enumerate().all(|(k, sp)| {
                            toks.get(i + 1 + k)
                                .is_some_and(|t| sp.iter().any(|s| s == t.lower.as_ref()))
                        })
                })
            });
            match found {
                Some(en) => {
                    let end = i + 1 + en.rest.len();
                    out.push(Hit {
                        classes: &en.classes,
                        first: i,
                        end,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(s: &str) -> Vec<(String, Vec<(Class, Cond)>)> {
        let toks = tokens(s, 0, s.len());
        Lexicon::get()
            .scan(&toks)
            .into_iter()
            .map(|h| {
                (
                    s[toks[h.first].start..toks[h.end - 1].end].to_string(),
                    h.classes.to_vec(),
                )
            })
            .collect()
    }

    #[test]
    fn whole_syllables_longest_first() {
        let hits = classes("Họ tiếp tục thăm dò ý kiến trước bầu cử, rồi thăm Huế.");
        let words: Vec<&str> = hits.iter().map(|h| h.0.as_str()).collect();
        assert_eq!(words, ["tiếp tục", "thăm dò", "bầu cử", "thăm"]);
        assert_eq!(hits[3].1, [(Class::Event(EventType::VISIT), Cond::None)]);
        assert!(hits[..3].iter().all(|h| h.1 == [(Class::Not, Cond::None)]));
        // inside a longer word nothing matches: "Thămx" is no syllable of the list
        assert!(classes("Thămx tiếpy").is_empty());
    }

    #[test]
    fn both_tone_placements() {
        assert!(spellings("hòa").contains(&"hoà".to_string()));
        assert!(spellings("thỏa").contains(&"thoả".to_string()));
        let a = classes("Hai bên ký thoả thuận.");
        let b = classes("Hai bên ký thỏa thuận.");
        assert_eq!(a[0].1, b[0].1);
        assert_eq!(a[0].0, "ký thoả thuận");
        assert_eq!(b[0].0, "ký thỏa thuận");
    }

    #[test]
    fn the_data_file_reads_and_errors_are_clear() {
        assert!(!Lexicon::get().entries.is_empty());
        assert!(Lexicon::parse("VISIT\tthăm\n# note\n").is_ok());
        assert!(Lexicon::parse("FLY\tbay\n")
            .unwrap_err()
            .contains("unknown class"));
        assert!(Lexicon::parse("VISIT\n").is_err());
        assert!(Lexicon::parse("VISIT\tthăm\tsoon\n").is_err());
    }
}
