//! People, places and organisations: recognition in each text, then linking of every
//! spelling of one entity to one id across the whole run.
//!
//! Recognition works the way the Europe Media Monitor finds names without a trained model,
//! fitted to Vietnamese, where every syllable of a proper name is capitalised: runs of
//! capitalised syllables and Latin-script names are the candidates; organisation names are
//! read from their heads ("Bộ Quốc phòng Nga", "Hãng thông tấn Trung ương Triều Tiên");
//! known names come from the knowledge base (`kb`); types come from the words before a
//! name (titles, place and organisation words), from the knowledge base and from the shape
//! of the name (Korean and Vietnamese family names, foreign names, acronyms).
//! Linking (`Linker`) folds spellings (tone marks, hyphens, transliteration pairs such as
//! ei/ey and sh/s), ties a surname to the one full name that bears it, an acronym to the
//! long form written beside it, and follows the alias files.

pub mod kb;
pub mod lexicon;

use lexicon::Pairs;
pub use lexicon::{Lexicon, LexiconError};

use crate::lang;
use kb::Kb;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// The type of an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[allow(clippy::upper_case_acronyms)]
pub enum EntityType {
    /// A person.
    PER,
    /// A place: country, city, region, geographic feature.
    LOC,
    /// An organisation: government body, ministry, party, news agency, company.
    ORG,
    /// Anything else named (wars, events, weapons, products).
    MISC,
}

impl EntityType {
    /// "PER", "LOC", "ORG" or "MISC".
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityType::PER => "PER",
            EntityType::LOC => "LOC",
            EntityType::ORG => "ORG",
            EntityType::MISC => "MISC",
        }
    }
}

pub(crate) fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// The key spellings of one name share. Names written with Vietnamese letters keep their
/// tone marks (so "Ảnh" never meets "Anh") with old and new tone placements unified
/// ("Thanh Hoá" = "Thanh Hóa"); other names are folded further: case, hyphens as spaces,
/// and transliteration pairs unified (sh/s, kh/h, ph/f, final ey/ay/iy/oy as ei/ai/i/oi),
/// so "Sergey Shoigu" = "Sergei Shoigu" and "Soigu" = "Shoigu".
pub fn name_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s
        .split(|c: char| c.is_whitespace() || c == '-' || c == '‐' || c == '–')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        // word by word, so that a syllable keys the same alone and inside a full name
        if w.chars().any(is_viet_letter) {
            out.push_str(&lang::tone_key(w));
            continue;
        }
        // sh → s, kh → h, ph → f in one pass
        let f = lang::fold(w);
        let fb = f.as_bytes();
        let mut t = String::with_capacity(f.len());
        let mut i = 0;
        while i < fb.len() {
            match (fb[i], fb.get(i + 1)) {
                (b's', Some(b'h')) => {
                    t.push('s');
                    i += 2;
                }
                (b'k', Some(b'h')) => {
                    t.push('h');
                    i += 2;
                }
                (b'p', Some(b'h')) => {
                    t.push('f');
                    i += 2;
                }
                _ => {
                    let c = f[i..].chars().next().unwrap_or(' ');
                    t.push(c);
                    i += c.len_utf8();
                }
            }
        }
        for (a, b) in [
            ("ey", "ei"),
            ("ay", "ai"),
            ("iy", "i"),
            ("oy", "oi"),
            ("yy", "i"),
        ] {
            if t.ends_with(a) {
                t.truncate(t.len() - a.len());
                t.push_str(b);
            }
        }
        out.push_str(&t);
    }
    out
}

/// How a mention's type was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    /// The knowledge base knows the name.
    Known,
    /// An organisation or place head starts the name.
    Head,
    /// A title, place or organisation word before it.
    Trigger,
    /// The shape of the name.
    Shape,
    /// Another mention of the same name in the document or run.
    Propagated,
    /// Nothing: a default.
    Default,
}

/// A name found in a text: byte range in that text, type (if known yet), and the known
/// entity it names (if any).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Start in the text.
    pub start: usize,
    /// End in the text.
    pub end: usize,
    /// The name as written.
    pub surface: String,
    /// Its type, `None` until propagation decides.
    pub ty: Option<EntityType>,
    /// How the type was found.
    pub evidence: Evidence,
    /// The known entity (index in [`Kb::known`]).
    pub known: Option<usize>,
    /// Acronym written after it in brackets: "Hãng … (KCNA)" gives the long form the
    /// acronym's surface.
    pub acronym: Option<String>,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    end: usize,
    cap: bool,
    acronym: bool,
    viet: bool,
    /// first token of a sentence (or after an opening quote or bracket)
    initial: bool,
    /// something other than one plain space separates it from the previous token
    gap: bool,
}

/// True for letters written with Vietnamese diacritics (and other Latin letters with
/// marks): Latin-1 and Latin Extended-A/B letters up to ư (U+00C0..U+01B0), the Vietnamese
/// block U+1EA0..U+1EF9, and combining marks.
fn is_viet_letter(c: char) -> bool {
    let u = c as u32;
    (0xC0..=0x1B0).contains(&u) && u != 0xD7 && u != 0xF7
        || (0x1EA0..=0x1EF9).contains(&u)
        || (0x300..=0x323).contains(&u)
}

/// Letters and digits, with a fast path for ASCII and the Latin and Vietnamese blocks.
#[inline]
fn is_word_char(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return c.is_ascii_alphanumeric();
    }
    if (0xC0..=0x24F).contains(&u) {
        return u != 0xD7 && u != 0xF7;
    }
    if (0x1E00..=0x1EFF).contains(&u) {
        return true;
    }
    // combining marks stay with their letter
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

fn tokens(text: &str) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(text.len() / 5);
    let b = text.as_bytes();
    let mut i = 0;
    let mut last_end = 0;
    let mut sentence_start = true;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        if !is_word_char(c) {
            if matches!(
                c,
                '.' | '!'
                    | '?'
                    | ':'
                    | ';'
                    | '“'
                    | '"'
                    | '('
                    | '['
                    | '«'
                    | '‘'
                    | '—'
                    | '–'
                    | '…'
                    | '\n'
            ) {
                // a full stop after a number keeps the sentence going
                sentence_start = sentence_start
                    || c != '.'
                    || !text[..i].ends_with(|p: char| p.is_ascii_digit());
            }
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i;
        let mut j = i;
        while j < text.len() {
            let c = text[j..].chars().next().unwrap_or(' ');
            if is_word_char(c) {
                j += c.len_utf8();
                end = j;
            } else if matches!(c, '-' | '\'' | '’' | '.' | '&') {
                // inner joiner only between letters or digits; a hyphen between two
                // capitalised Vietnamese names ("Nga-Triều Tiên") separates them
                let rest = &text[j + c.len_utf8()..];
                let n = rest.chars().next();
                let pair = c == '-'
                    && n.is_some_and(|n| n.is_uppercase())
                    && (text[start..j].chars().any(is_viet_letter)
                        || rest
                            .chars()
                            .take_while(|c| is_word_char(*c))
                            .any(is_viet_letter));
                if n.is_some_and(is_word_char)
                    && !pair
                    && !(c == '.' && rest.starts_with(|n: char| n.is_lowercase()))
                {
                    j += c.len_utf8();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        let word = &text[start..end];
        let first = word.chars().next().unwrap_or('a');
        let cap = if first.is_ascii() {
            first.is_ascii_uppercase()
                || (first.is_ascii_digit()
                    && word
                        .chars()
                        .find(|c| !c.is_ascii_digit() && is_word_char(*c))
                        .is_some_and(|c| c.is_uppercase()))
        } else {
            first.is_uppercase()
        };
        // an acronym: two letters or more, all capitals
        let acronym = cap && {
            let mut letters = word.chars().filter(|c| c.is_alphabetic());
            letters.next().is_some_and(|c| c.is_uppercase()) && {
                let mut rest = letters.peekable();
                rest.peek().is_some() && rest.all(|c| c.is_uppercase())
            }
        };

        let gap = out.is_empty() || !(start == last_end + 1 && b[last_end] == b' ');
        out.push(Tok {
            start,
            end,
            cap,
            acronym,
            viet: word.chars().any(is_viet_letter),
            initial: sentence_start,
            gap,
        });
        sentence_start = false;
        last_end = end;
        i = end;
    }
    out
}

/// Recognises names in texts. Built once, shared by reference.
#[derive(Debug)]
pub struct Recognizer {
    kb: Kb,
    per_triggers: Vec<Vec<String>>,
    per_by_last: HashMap<String, Vec<Vec<String>>>,
    loc_triggers: HashSet<String>,
    loc_preps: HashSet<String>,
    org_triggers: HashSet<String>,
    org_heads: HashMap<String, Vec<Vec<String>>>,
    loc_heads: HashMap<String, Vec<Vec<String>>>,
    name_words: Pairs,
    name_inner: HashSet<String>,
    name_inner_pairs: Pairs,
    sentence_words: HashSet<String>,
    function_words: HashSet<String>,
    head_words: HashSet<String>,
    vn_family: HashSet<String>,
    korean_family: HashSet<String>,
    cap_titles: HashSet<String>,
    thing_acronyms: HashSet<String>,
    slavic_endings: Vec<String>,
    common_acronyms: HashSet<String>,
    role_acronyms: HashSet<String>,
    acronym_heads: HashMap<String, EntityType>,
    /// two-syllable words of the dictionary, lower case
    dict_pairs: Pairs,
    admin_words: HashSet<String>,
    admin_pairs: Pairs,
    numbered_heads: HashSet<String>,
    foreign_cues: HashMap<String, EntityType>,
    standalone: HashSet<String>,
}

fn phrases<'a>(list: impl Iterator<Item = &'a str>) -> Vec<Vec<String>> {
    let mut v: Vec<Vec<String>> = list
        .map(|p| p.split(' ').map(String::from).collect())
        .collect();
    v.sort_by_key(|p| std::cmp::Reverse(p.len()));
    v
}

/// Phrases grouped by their first word, longest first.
fn by_first<'a>(list: impl Iterator<Item = &'a str>) -> HashMap<String, Vec<Vec<String>>> {
    let mut m: HashMap<String, Vec<Vec<String>>> = HashMap::default();
    for p in phrases(list) {
        m.entry(p[0].clone()).or_default().push(p);
    }
    m
}

impl Recognizer {
    /// A recognizer over a knowledge base, with the built-in word lists.
    pub fn new(kb: Kb) -> Recognizer {
        Recognizer::with_lexicon(kb, &Lexicon::builtin())
    }

    /// A recognizer over a knowledge base and word lists.
    pub fn with_lexicon(kb: Kb, lx: &Lexicon) -> Recognizer {
        let per_triggers = phrases(lx.list("per_triggers"));
        let mut per_by_last: HashMap<String, Vec<Vec<String>>> = HashMap::default();
        for p in &per_triggers {
            let last = p.last().cloned().unwrap_or_default();
            per_by_last.entry(last).or_default().push(p.clone());
        }
        // a lower-case syllable inside a name: the dictionary's lower-case words
        let dict_pairs = Pairs::of(
            lx.list("words")
                .filter(|w| !w.chars().any(char::is_uppercase)),
        );
        Recognizer {
            kb,
            per_triggers,
            per_by_last,
            loc_triggers: lx
                .list("loc_triggers")
                .chain(lx.list("admin_units"))
                .map(String::from)
                .collect(),
            loc_preps: lx.set("loc_prepositions"),
            org_triggers: lx.set("org_triggers"),
            org_heads: by_first(lx.list("org_heads")),
            loc_heads: by_first(lx.list("loc_heads")),
            name_words: lx.pairs("name_words"),
            name_inner: lx.words("name_inner"),
            name_inner_pairs: lx.pairs("name_inner"),
            sentence_words: lx.set("sentence_words"),
            function_words: lx.set("function_words"),
            head_words: lx
                .list("org_heads")
                .chain(lx.list("loc_heads"))
                .map(|h| h.split(' ').next().unwrap_or(h).to_string())
                .collect(),
            vn_family: lx.set("vn_family"),
            korean_family: lx.set("korean_family"),
            cap_titles: lx.set("cap_titles"),
            thing_acronyms: lx.set("thing_acronyms"),
            slavic_endings: lx.list("slavic_endings").map(String::from).collect(),
            common_acronyms: lx.set("acronyms_common"),
            role_acronyms: lx.set("acronyms_role"),
            acronym_heads: lx.typed("acronym_heads"),
            dict_pairs,
            admin_words: lx.words("admin_units"),
            admin_pairs: lx.pairs("admin_units"),
            numbered_heads: lx.set("numbered_heads"),
            foreign_cues: lx.typed("foreign_cues"),
            standalone: lx.set("standalone_orgs"),
        }
    }

    /// The knowledge base.
    pub fn kb(&self) -> &Kb {
        &self.kb
    }

    /// A mention of a known entity at `start..end` of the text.
    fn known_mention(&self, text: &str, start: usize, end: usize, ent: usize) -> Mention {
        Mention {
            start,
            end,
            surface: text[start..end].to_string(),
            ty: Some(self.kb.known[ent].ty),
            evidence: Evidence::Known,
            known: Some(ent),
            acronym: None,
        }
    }

    /// The names in one text, typed where the text itself tells.
    pub fn recognize(&self, text: &str) -> Vec<Mention> {
        self.recognize_with_breaks(text, &[])
    }

    /// The names in one text, where `breaks` (sorted byte offsets of spaces) may not be
    /// crossed by a name.
    pub fn recognize_with_breaks(&self, text: &str, breaks: &[usize]) -> Vec<Mention> {
        let mut toks = tokens(text);
        for t in toks.iter_mut() {
            if t.start > 0 && breaks.binary_search(&(t.start - 1)).is_ok() {
                t.gap = true;
            }
        }
        let toks = toks;
        let n = toks.len();
        // lower case: a token without capitals is its own lower case; the others are
        // lower-cased into one buffer
        let mut buf = String::new();
        let mut at: Vec<Option<(usize, usize)>> = Vec::with_capacity(n);
        for t in &toks {
            let w = &text[t.start..t.end];
            if t.cap || t.acronym || w.bytes().any(|b| b.is_ascii_uppercase()) {
                let a = buf.len();
                buf.extend(w.chars().flat_map(char::to_lowercase));
                at.push(Some((a, buf.len())));
            } else {
                at.push(None);
            }
        }
        let lower: Vec<&str> = toks
            .iter()
            .zip(&at)
            .map(|(t, r)| match r {
                Some((a, b)) => &buf[*a..*b],
                None => &text[t.start..t.end],
            })
            .collect();
        let lower = &lower[..];
        let mut used = vec![false; n];
        let mut out: Vec<Mention> = Vec::new();

        // 1. known names, aligned to whole tokens
        let mut known_at: HashMap<usize, (usize, usize)> = HashMap::default(); // first token -> (last token, entity)
        let tok_starting = |at: usize| toks.binary_search_by_key(&at, |t| t.start).ok();
        let tok_ending = |at: usize| toks.binary_search_by_key(&at, |t| t.end).ok();
        for m in self.kb.matcher.find_iter(text) {
            if let (Some(a), Some(z)) = (tok_starting(m.start()), tok_ending(m.end())) {
                let ent = self.kb.surfaces[m.pattern().as_usize()].1;
                // a known name must be capitalised as written in the knowledge base
                known_at.insert(a, (z, ent));
            }
        }

        // 2. organisation and place heads
        // a known name of several words covering a token wins over a head found there
        // ("Thành phố Hồ Chí Minh" is not the lake head "Hồ")
        let mut in_known = vec![false; n];
        for (&a, &(z, _)) in &known_at {
            if z > a {
                for k in in_known.iter_mut().take(z + 1).skip(a) {
                    *k = true;
                }
            }
        }
        let mut i = 0;
        while i < n {
            if in_known[i] && known_at.get(&i).is_none_or(|&(z, _)| z != i) {
                i += 1;
                continue;
            }
            if let Some((z, ty, hl)) =
                self.head_name(text, &toks, lower, i).filter(|&(_, ty, _)| {
                    // "Chủ tịch Hồ Chí Minh": a family name after a title is a person's
                    ty != EntityType::LOC
                        || !self.vn_family.contains(&text[toks[i].start..toks[i].end])
                        || !self.per_trigger_before(&toks, lower, i)
                })
            {
                // "Hãng thông tấn TASS": a head before an acronym or a known body describes it
                let name_only = ty == EntityType::ORG
                    && !toks[i].acronym
                    && ((z == i + hl && toks[z].acronym)
                        || known_at.get(&(i + hl)).is_some_and(|&(kz, ent)| {
                            kz == z && self.kb.known[ent].ty == EntityType::ORG
                        }));
                let from = if name_only { i + hl } else { i };
                let (s, e) = (toks[from].start, toks[z].end);
                let surface = text[s..e].to_string();
                // spellings folded like the knowledge base's are found by the linker
                let known = None;
                out.push(Mention {
                    start: s,
                    end: e,
                    surface,
                    ty: Some(ty),
                    evidence: Evidence::Head,
                    known,
                    acronym: None,
                });
                for u in used.iter_mut().take(z + 1).skip(i) {
                    *u = true;
                }
                i = z + 1;
                continue;
            }
            i += 1;
        }

        // 3. known names of several words, lower-case ones included ("châu Âu",
        //    "Cộng hòa Dân chủ Nhân dân Triều Tiên")
        let mut firsts: Vec<usize> = known_at.keys().copied().collect();
        firsts.sort_unstable();
        for a in firsts {
            let (z, ent) = known_at[&a];
            if z == a || (a..=z).any(|k| used[k]) || (a + 1..=z).any(|k| toks[k].gap) {
                continue;
            }
            out.push(self.known_mention(text, toks[a].start, toks[z].end, ent));
            for u in used.iter_mut().take(z + 1).skip(a) {
                *u = true;
            }
        }

        // 4. runs of capitalised tokens, split at known names
        let mut i = 0;
        while i < n {
            if used[i] || !(toks[i].cap || toks[i].acronym) {
                i += 1;
                continue;
            }
            let mut z = i;
            while z + 1 < n
                && !used[z + 1]
                && (toks[z + 1].cap || toks[z + 1].acronym)
                && !toks[z + 1].gap
            {
                z += 1;
            }
            self.run(text, &toks, lower, i, z, &known_at, &mut out);
            i = z + 1;
        }
        out.sort_by_key(|m| m.start);
        // 5. "Long Name (ACR)": the acronym names the same entity
        for k in 0..out.len() {
            if let Some(next) = out.get(k + 1) {
                let between = &text[out[k].end..next.start];
                // a person is not spelt with an acronym ("Nguyễn Văn A (SLNA)" names his
                // club), and a short name does not stand for a longer acronym ("… Việt
                // Nam (VAMC)" where only the country was found of the long form)
                let words = out[k].surface.split_whitespace().count();
                let letters = next.surface.chars().filter(|c| c.is_alphabetic()).count();
                let fits = out[k].ty != Some(EntityType::PER)
                    && (out[k].known.is_none() || letters <= words + 1);
                if fits
                    && between.trim() == "("
                    && text[next.end..].starts_with(')')
                    && next
                        .surface
                        .chars()
                        .all(|c| c.is_uppercase() || c.is_ascii_digit())
                {
                    let acr = next.surface.clone();
                    out[k].acronym = Some(acr);
                }
            }
        }
        out
    }

    /// An organisation or place name opened by a capitalised head at token `i`: the last
    /// token and the type.
    fn head_name(
        &self,
        text: &str,
        toks: &[Tok],
        lower: &[&str],
        i: usize,
    ) -> Option<(usize, EntityType, usize)> {
        if !toks[i].cap {
            return None;
        }
        let n = toks.len();
        let matches = |heads: &HashMap<String, Vec<Vec<String>>>| -> Option<usize> {
            heads.get(lower[i])?.iter().find_map(|h| {
                let ok = h.len() + i <= n
                    && h.iter()
                        .enumerate()
                        .all(|(k, w)| lower[i + k] == *w && (k == 0 || !toks[i + k].gap));
                ok.then_some(h.len())
            })
        };
        let (hl, ty) = if toks[i].acronym {
            // "UBND TP.HCM", "CLB Hà Nội", "TP Hạ Long"
            let w = &text[toks[i].start..toks[i].end];
            let ty = *self.acronym_heads.get(w)?;
            let next_cap = i + 1 < n && !toks[i + 1].gap && toks[i + 1].cap;
            if !next_cap {
                return None;
            }
            (1, ty)
        } else {
            match (matches(&self.org_heads), matches(&self.loc_heads)) {
                (Some(h), _) => (h, EntityType::ORG),
                (None, Some(h)) => (h, EntityType::LOC),
                _ => return None,
            }
        };
        // "Lữ đoàn 551", "Đồn 209": a unit named by its number
        let head: String = (i..i + hl).map(|k| lower[k]).collect::<Vec<_>>().join(" ");
        if self.numbered_heads.contains(head.as_str())
            && i + hl < n
            && !toks[i + hl].gap
            && lower[i + hl].bytes().all(|b| b.is_ascii_digit())
        {
            return Some((i + hl, ty, hl));
        }
        // a standalone body's name ends before a person's name or a place it serves
        // ("đại biểu Quốc hội Nguyễn Văn A", "Quốc hội tỉnh Quảng Ninh")
        let standalone = ty == EntityType::ORG && self.standalone.contains(head.as_str());
        let mut j = i + hl; // next token to take
        let mut last: Option<usize> = None;
        // lower-case words were taken after the head
        let mut described = false;
        while j < n && (!toks[j].gap || self.joined_by_dash(text, toks, j, last)) {
            if toks[j].cap || toks[j].acronym {
                // a person's name after the body's name ("Bộ Xây dựng Trần Thu Hà") is not
                // part of it, nor is a foreign name after Vietnamese words
                let word = &text[toks[j].start..toks[j].end];
                let next_cap = j + 1 < n && !toks[j + 1].gap && toks[j + 1].cap;
                let after_admin = self.admin_words.contains(lower[j - 1])
                    || (j >= 2 && self.admin_pairs.contains(&(lower[j - 2], lower[j - 1])));
                if (last.is_some() || standalone)
                    && next_cap
                    && !toks[j + 1].acronym
                    && !after_admin
                    && self.vn_family.contains(word)
                {
                    break;
                }
                if last.is_some_and(|l: usize| toks[l].viet)
                    && !toks[j].viet
                    && !toks[j].acronym
                    && next_cap
                    && !toks[j + 1].viet
                {
                    break;
                }
                last = Some(j);
                j += 1;
                // its lower-case second syllable ("Quốc phòng", "Bầu cử Trung ương")
                if j < n && !toks[j].gap && !toks[j].cap && !toks[j].acronym {
                    // a word of the dictionary whose second syllable does not start the
                    // next word ("Quân đội", but not "Bình thường xuyên")
                    let starts_next = j + 1 < n
                        && !toks[j + 1].gap
                        && !toks[j + 1].cap
                        && self.dict_pairs.contains(&(lower[j], lower[j + 1]));
                    let in_dict =
                        !starts_next && self.dict_pairs.contains(&(lower[j - 1], lower[j]));
                    let pair = in_dict || self.name_words.contains(&(lower[j - 1], lower[j]));
                    let continues = j + 1 < n
                        && !toks[j + 1].gap
                        && toks[j + 1].cap
                        && toks[j - 1].viet == toks[j].viet
                        && !self.function_words.contains(lower[j]);
                    if pair || continues {
                        last = Some(j);
                        j += 1;
                    }
                }
                continue;
            }
            // lower-case words inside the name, when a capitalised word follows
            let two = (j + 1 < n).then(|| (lower[j], lower[j + 1]));
            let take = if two.is_some_and(|w| {
                self.name_words.contains(&w)
                    || self.name_inner_pairs.contains(&w)
                    || (!standalone && self.admin_pairs.contains(&w))
            }) {
                2
            } else if lower[j] == "và" && self.head_at(text, toks, lower, j + 1) {
                // "Đảng Cộng sản Pháp và Đảng Cộng sản Việt Nam": two names
                0
            } else if self.name_inner.contains(lower[j])
                || (!standalone && self.admin_words.contains(lower[j]))
            {
                1
            } else {
                0
            };
            if take > 0
                && j + take < n
                && !toks[j + take].gap
                && toks[j + take].cap
                && (1..take).all(|k| !toks[j + k].gap)
            {
                j += take;
                continue;
            }
            // a lower-case name word right after the head ("Sân bay vũ trụ Vostochny")
            if last.is_none() && take > 0 && j + take < n && toks[j + take].cap {
                j += take;
                continue;
            }
            // up to two lower-case words of the dictionary right after the head, before a
            // capitalised name ("Liên đoàn bóng đá Việt Nam", "Sở giao thông vận tải Hà Nội")
            if last.is_none() && j == i + hl {
                let word_at = |k: usize| {
                    k + 1 < n
                        && !toks[k].cap
                        && !toks[k + 1].cap
                        && !toks[k + 1].gap
                        && !self.function_words.contains(lower[k])
                        && self.dict_pairs.contains(&(lower[k], lower[k + 1]))
                };
                let mut k = j;
                while k < i + hl + 4 && word_at(k) {
                    k += 2;
                }
                if k > j && k < n && !toks[k].gap && toks[k].cap && !toks[k].initial {
                    j = k;
                    described = true;
                    continue;
                }
            }
            break;
        }
        let Some(last) = last else {
            // "Quốc hội", "Chính phủ": heads that name one body by themselves
            return standalone.then_some((i + hl - 1, ty, hl));
        };
        // "Hãng thông tấn chính thức Triều Tiên KCNA": a description before a name
        if described && toks[last].acronym {
            return None;
        }
        Some((last, ty, hl))
    }

    /// True when an organisation or place head starts at token `k`.
    fn head_at(&self, text: &str, toks: &[Tok], lower: &[&str], k: usize) -> bool {
        k < toks.len()
            && toks[k].cap
            && (self.org_heads.contains_key(lower[k])
                || self.loc_heads.contains_key(lower[k])
                || self
                    .acronym_heads
                    .contains_key(&text[toks[k].start..toks[k].end]))
    }

    /// True when token `j` follows the name so far across " - " and starts a capitalised
    /// word ("Trường Đại học Kinh doanh - Công nghệ Hà Nội").
    fn joined_by_dash(&self, text: &str, toks: &[Tok], j: usize, last: Option<usize>) -> bool {
        let Some(l) = last else { return false };
        l + 1 == j
            && toks[j].cap
            && !toks[j].acronym
            && matches!(&text[toks[l].end..toks[j].start], " - " | " – ")
            && j + 1 < toks.len()
            && !toks[j + 1].gap
    }

    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        text: &str,
        toks: &[Tok],
        lower: &[&str],
        a: usize,
        z: usize,
        known_at: &HashMap<usize, (usize, usize)>,
        out: &mut Vec<Mention>,
    ) {
        // "Vietnam Airlines", "Leeds United": a foreign run whose last word tells its type
        // is one name, whatever names it holds
        if z > a && (a..=z).all(|k| !toks[k].viet && !toks[k].acronym) {
            if let Some(&ty) = self.foreign_cues.get(&text[toks[z].start..toks[z].end]) {
                out.push(Mention {
                    start: toks[a].start,
                    end: toks[z].end,
                    surface: text[toks[a].start..toks[z].end].to_string(),
                    ty: Some(ty),
                    evidence: Evidence::Shape,
                    known: None,
                    acronym: None,
                });
                return;
            }
        }
        // pieces: known names split off; the rest between them
        let mut pieces: Vec<(usize, usize, Option<usize>)> = Vec::new();
        let mut k = a;
        let mut free = a;
        while k <= z {
            if let Some(&(e, ent)) = known_at.get(&k) {
                if e <= z {
                    let multi = e > k;
                    let at_start = k == free;
                    // a one-syllable known name inside a run belongs to a personal name
                    // ("Minh Anh"), unless it opens the run
                    let remainder_is_name =
                        k == a && e < z && (e + 1..=z).all(|x| toks[x].viet) && z == e + 1;
                    if (multi || at_start) && !remainder_is_name {
                        if free < k {
                            pieces.push((free, k - 1, None));
                        }
                        pieces.push((k, e, Some(ent)));
                        k = e + 1;
                        free = k;
                        continue;
                    }
                }
            }
            k += 1;
        }
        if free <= z {
            pieces.push((free, z, None));
        }
        for (mut s, e, ent) in pieces {
            if let Some(ent) = ent {
                out.push(self.known_mention(text, toks[s].start, toks[e].end, ent));
                continue;
            }
            // drop capitalised titles and sentence words in front
            let mut titled = false;
            while s <= e {
                let w = &text[toks[s].start..toks[s].end];
                if self.cap_titles.contains(w) || (s < e && self.role_acronyms.contains(w)) {
                    titled = true;
                    s += 1;
                } else if self.sentence_words.contains(lower[s])
                    && ((toks[s].viet && (s < e || toks[s].initial || s > a))
                        || (toks[s].initial && !toks[s].acronym))
                {
                    // a common word in front: a title word before a name, or the word
                    // that opens the sentence
                    s += 1;
                } else {
                    break;
                }
            }
            // a last word that belongs with the lower-case word after it ("Phó Tổng cục
            // trưởng", "Bộ trưởng")
            let mut e = e;
            while e > s
                && e + 1 < toks.len()
                && !toks[e + 1].gap
                && !toks[e + 1].cap
                && toks[e].viet
            {
                let (w, nx) = (&lower[e], &lower[e + 1]);
                let bound = self.name_words.contains(&(*w, *nx))
                    || self
                        .org_heads
                        .get(*w)
                        .is_some_and(|hs| hs.iter().any(|h| h.len() >= 2 && h[1] == *nx))
                    || self
                        .per_triggers
                        .iter()
                        .any(|h| h.len() >= 2 && h[0] == *w && h[1] == *nx);
                if bound {
                    e -= 1;
                } else {
                    break;
                }
            }
            if s > e {
                continue;
            }
            let single = s == e;
            if single && toks[s].acronym {
                // "HLV", "DN", "TP" alone: common nouns, not names
                let w = &text[toks[s].start..toks[s].end];
                if self.common_acronyms.contains(w) || self.role_acronyms.contains(w) {
                    continue;
                }
            }
            let next_lower = toks
                .get(e + 1)
                .is_some_and(|t| !t.gap && !t.cap && !t.acronym);
            let trig = titled || self.per_trigger_before(toks, lower, s);
            if single && !toks[s].acronym {
                let w = lower[s];
                let listed = self.sentence_words.contains(w) || self.head_words.contains(w);
                // a capitalised common word ("Bộ trưởng", "Quốc phòng"), a head without its
                // name ("Sở", "Ban"), or a sentence opener
                let compound = next_lower && self.name_words.contains(&(w, lower[e + 1]));
                if compound
                    || self.head_words.contains(w)
                    || (listed && next_lower)
                    || (toks[s].viet && !trig)
                {
                    continue;
                }
                if toks[s].initial && self.sentence_words.contains(w) {
                    continue;
                }
                if w.chars().count() < 2 || w.chars().all(|c| c.is_ascii_digit()) {
                    continue;
                }
            }
            let (st, en) = (toks[s].start, toks[e].end);
            let surface = text[st..en].to_string();
            let (ty, evidence) = self.type_of(text, toks, lower, s, e, trig);
            let known = None;
            out.push(Mention {
                start: st,
                end: en,
                surface,
                ty,
                evidence,
                known,
                acronym: None,
            });
        }
    }

    /// A title or honorific in the few words before token `s` (names and place words may
    /// sit between: "Bộ trưởng Quốc phòng Nga Sergei Shoigu").
    fn per_trigger_before(&self, toks: &[Tok], lower: &[&str], s: usize) -> bool {
        // walk back over the title's own words: capitalised ones and the lower-case second
        // syllables of name words ("Bộ trưởng Quốc phòng Nga Sergei Shoigu")
        let ends_here = |k: usize| {
            self.per_by_last.get(lower[k]).is_some_and(|ps| {
                ps.iter().any(|p| {
                    p.len() <= k + 1 && {
                        let from = k + 1 - p.len();
                        (0..p.len()).all(|x| lower[from + x] == p[x])
                            && (from + 1..=k).all(|x| !toks[x].gap)
                    }
                })
            })
        };
        let mut k = s;
        let mut steps = 0;
        while k > 0 && steps < 6 {
            if toks[k].gap {
                return false;
            }
            k -= 1;
            steps += 1;
            if ends_here(k) {
                return true;
            }
            if toks[k].cap {
                continue;
            }
            if k >= 1
                && toks[k - 1].cap
                && !toks[k].gap
                && self.name_words.contains(&(lower[k - 1], lower[k]))
            {
                continue;
            }
            return false;
        }
        false
    }

    fn type_of(
        &self,
        text: &str,
        toks: &[Tok],
        lower: &[&str],
        s: usize,
        e: usize,
        trig: bool,
    ) -> (Option<EntityType>, Evidence) {
        if !self.kb.typed.is_empty() {
            let words: Vec<&str> = (s..=e).map(|k| lower[k]).collect();
            if let Some(&t) = self.kb.typed.get(&name_key(&words.join(" "))) {
                return (Some(t), Evidence::Known);
            }
        }
        if trig {
            return (Some(EntityType::PER), Evidence::Trigger);
        }
        let before = |len: usize| -> Option<String> {
            (s >= len && (s + 1 - len..=s).all(|x| !toks[x].gap || x == s + 1 - len))
                .then(|| (s - len..s).map(|x| lower[x]).collect::<Vec<_>>().join(" "))
        };
        let prev_ok = s >= 1 && !toks[s].gap;
        if prev_ok {
            for len in [4, 3, 2, 1] {
                if let Some(b) = before(len) {
                    if self.loc_triggers.contains(b.as_str()) {
                        return (Some(EntityType::LOC), Evidence::Trigger);
                    }
                    if self.org_triggers.contains(b.as_str()) {
                        return (Some(EntityType::ORG), Evidence::Trigger);
                    }
                }
            }
        }
        // shape
        let count = e - s + 1;
        let first = &text[toks[s].start..toks[s].end];
        if count == 1 && toks[s].acronym {
            // "KCNA" names a body; "HL-93", "Su-35", "UAV" name things
            // an acronym followed by a number ("RON 95", "F 16") is a grade or a model
            let numbered = text[toks[e].end..]
                .trim_start_matches(' ')
                .starts_with(|c: char| c.is_ascii_digit());
            let thing = first.chars().any(|c| c.is_ascii_digit())
                || self.thing_acronyms.contains(first)
                || numbered;
            return (
                Some(if thing {
                    EntityType::MISC
                } else {
                    EntityType::ORG
                }),
                Evidence::Shape,
            );
        }
        // an acronym with Latin words: "NK News", "ST Analytics"
        if count >= 2 && (s..=e).any(|k| toks[k].acronym) && (s..=e).all(|k| !toks[k].viet) {
            // with a code such as "E5" it names a thing
            let code = (s..=e).any(|k| {
                text[toks[k].start..toks[k].end]
                    .chars()
                    .any(|c| c.is_ascii_digit())
            });
            return (
                Some(if code {
                    EntityType::MISC
                } else {
                    EntityType::ORG
                }),
                Evidence::Shape,
            );
        }
        if count == 1
            && !toks[s].viet
            && lower[s].len() > 4
            && self
                .slavic_endings
                .iter()
                .any(|x| lower[s].ends_with(x.as_str()))
        {
            return (Some(EntityType::PER), Evidence::Shape);
        }
        if (2..=4).contains(&count)
            && self.vn_family.contains(first)
            && (s..=e).all(|k| toks[k].cap && !toks[k].acronym)
        {
            return (Some(EntityType::PER), Evidence::Shape);
        }
        let foreign = (s..=e).all(|k| !toks[k].viet && !toks[k].acronym);
        // "Manchester United", "Monte Carlo Masters": the last word tells the type
        if count >= 2 && (s..=e).all(|k| !toks[k].viet) {
            let last = &text[toks[e].start..toks[e].end];
            if let Some(&t) = self.foreign_cues.get(last) {
                return (Some(t), Evidence::Shape);
            }
        }
        if foreign
            && self.korean_family.contains(first)
            && (count == 3 || (count == 2 && text[toks[e].start..toks[e].end].contains('-')))
        {
            return (Some(EntityType::PER), Evidence::Shape);
        }
        if foreign && (2..=3).contains(&count) && (s..=e).all(|k| toks[k].cap) {
            return (Some(EntityType::PER), Evidence::Shape);
        }
        if prev_ok {
            if let Some(b) = before(1) {
                if self.loc_preps.contains(b.as_str()) {
                    return (Some(EntityType::LOC), Evidence::Trigger);
                }
            }
        }
        (None, Evidence::Default)
    }
}

/// A mention placed in the run: which article, which text of it (`None` for the title).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Placed {
    /// Index of the article in the run.
    pub article: usize,
    /// Paragraph index, `None` for the title.
    pub para: Option<usize>,
    /// The mention.
    pub mention: Mention,
    /// Its span in the source file.
    pub src: crate::Span,
}

/// The mentions of one article (title and every paragraph), placed as article `index`.
pub fn recognize_article(r: &Recognizer, a: &crate::Article, index: usize) -> Vec<Placed> {
    let mut out = Vec::new();
    let texts = a.title.iter().map(|t| (None, t)).chain(
        a.paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| (Some(i), &p.text)),
    );
    for (para, t) in texts {
        // spaces that stand for more than one space in the source (tidied runs of white
        // space): names do not run across them, so that every span slices to its name
        // (an ASCII character is one byte in UTF-8 and single-byte code pages, two in
        // UTF-16: an ASCII letter of the text tells)
        let mut spaces: Vec<(usize, usize)> = Vec::new();
        let mut unit = 1;
        t.map
            .for_each_piece(0, t.text.len(), |a, b, _s, sl, linear| {
                let piece = &t.text[a..b];
                if !linear && piece == " " {
                    spaces.push((a, sl));
                } else if !linear && piece.len() == 1 && piece.as_bytes()[0].is_ascii_alphanumeric()
                {
                    unit = sl;
                }
            });
        let hard: Vec<usize> = spaces.iter().filter(|x| x.1 > unit).map(|x| x.0).collect();
        for m in r.recognize_with_breaks(&t.text, &hard) {
            let src = t.sub_span(m.start, m.end);
            out.push(Placed {
                article: index,
                para,
                mention: m,
                src,
            });
        }
    }
    out
}

/// A linked entity of the run.
#[derive(Clone, Debug, Serialize)]
pub struct Entity {
    /// Its id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub ty: EntityType,
    /// Every spelling seen, with counts.
    pub variants: Vec<(String, usize)>,
    /// Articles mentioning it.
    pub articles: Vec<usize>,
}

/// What a mention is linked to: a known entity, or the key of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Cluster<'a> {
    Known(usize),
    Name(&'a str),
}

/// Links mentions across a run: gives every mention its type and entity id.
#[derive(Debug, Default)]
pub struct Linker;

fn slug(s: &str) -> String {
    let f = lang::fold(s);
    let mut out = String::new();
    for c in f.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

impl Linker {
    /// Types and links all mentions of a run. Returns, for each placed mention, its final
    /// type and the index of its entity in the returned list.
    pub fn link(kb: &Kb, placed: &mut [Placed]) -> (Vec<(EntityType, usize)>, Vec<Entity>) {
        // keys
        let keys: Vec<String> = placed
            .iter()
            .map(|p| name_key(&p.mention.surface))
            .collect();
        // type propagation: by key within the article, then within the run (counts per
        // type, in the order of `EntityType`)
        let slot = |t: EntityType| t as usize;
        let mut doc_types: HashMap<(usize, &str), [u32; 4]> = HashMap::default();
        let mut run_types: HashMap<&str, [u32; 4]> = HashMap::default();
        for (p, k) in placed.iter().zip(&keys) {
            if let Some(t) = p.mention.ty {
                doc_types.entry((p.article, k.as_str())).or_default()[slot(t)] += 1;
                run_types.entry(k.as_str()).or_default()[slot(t)] += 1;
            }
        }
        const ORDER: [EntityType; 4] = [
            EntityType::PER,
            EntityType::LOC,
            EntityType::ORG,
            EntityType::MISC,
        ];
        let best = |m: &[u32; 4]| -> Option<EntityType> {
            let (i, c) = m
                .iter()
                .enumerate()
                .max_by_key(|(i, c)| (**c, std::cmp::Reverse(*i)))?;
            (*c > 0).then_some(ORDER[i])
        };

        // full names (two tokens or more) of people, per article and in the run, by their
        // first and last tokens
        let mut doc_full: HashMap<(usize, &str), HashSet<&str>> = HashMap::default();
        let mut run_full: HashMap<&str, HashSet<&str>> = HashMap::default();
        for (p, k) in placed.iter().zip(&keys) {
            if !k.contains(' ') || p.mention.known.is_some() {
                continue;
            }
            let is_per = p.mention.ty == Some(EntityType::PER)
                || doc_types.get(&(p.article, k.as_str())).and_then(best) == Some(EntityType::PER);
            if !is_per {
                continue;
            }
            let first = k.split(' ').next().unwrap_or(k);
            let last = k.rsplit(' ').next().unwrap_or(k);
            // "Tấn Tài" of "Lê Tấn Tài": the given names without the family name
            let words = k.matches(' ').count() + 1;
            let tail = (words >= 3)
                .then(|| k.char_indices().filter(|(_, c)| *c == ' ').nth(words - 3))
                .flatten()
                .map(|(i, _)| &k[i + 1..]);
            for w in [Some(first), Some(last), tail].into_iter().flatten() {
                doc_full
                    .entry((p.article, w))
                    .or_default()
                    .insert(k.as_str());
                run_full.entry(w).or_default().insert(k.as_str());
            }
        }
        // acronyms defined beside a long form
        let mut acr: HashMap<String, &str> = HashMap::default();
        for (p, k) in placed.iter().zip(&keys) {
            if let Some(a) = &p.mention.acronym {
                acr.insert(name_key(a), k.as_str());
            }
        }

        // the cluster of every mention: a known entity or a name key
        let mut cluster: Vec<Cluster> = Vec::with_capacity(placed.len());
        let mut types: Vec<EntityType> = Vec::with_capacity(placed.len());
        for (p, k) in placed.iter().zip(&keys) {
            let m = &p.mention;
            let mut ty =
                m.ty.or_else(|| doc_types.get(&(p.article, k.as_str())).and_then(best))
                    .or_else(|| run_types.get(k.as_str()).and_then(best));
            let key = if let Some(ent) = m.known.or_else(|| kb.by_key.get(k).copied()) {
                ty = ty.or(Some(kb.known[ent].ty));
                Cluster::Known(ent)
            } else if let Some(&long) = acr.get(k) {
                match kb.by_key.get(long) {
                    Some(&ent) => Cluster::Known(ent),
                    None => Cluster::Name(long),
                }
            } else if k.matches(' ').count() <= 1
                && ty.is_none_or(|t| t == EntityType::PER)
                && (!k.contains(' ') || doc_full.contains_key(&(p.article, k.as_str())))
            {
                // a lone surname or given name: the one full name in the article, else in the run
                let pick = match doc_full.get(&(p.article, k.as_str())) {
                    Some(s) if s.len() == 1 => s.iter().next().copied(),
                    Some(_) => None,
                    None => run_full
                        .get(k.as_str())
                        .filter(|s| s.len() == 1)
                        .and_then(|s| s.iter().next().copied()),
                };
                match pick {
                    Some(full) if !kb.are_distinct(full, k) => {
                        ty = Some(EntityType::PER);
                        Cluster::Name(full)
                    }
                    _ => Cluster::Name(k.as_str()),
                }
            } else {
                Cluster::Name(k.as_str())
            };
            cluster.push(key);
            types.push(ty.unwrap_or(EntityType::MISC));
        }

        // entities
        let mut index: HashMap<Cluster, usize> = HashMap::default();
        let mut cluster_of: Vec<Cluster> = Vec::new();
        let mut ents: Vec<Entity> = Vec::new();
        let mut variant_counts: Vec<HashMap<&str, usize>> = Vec::new();
        let mut type_counts: Vec<[u32; 4]> = Vec::new();
        let mut out = Vec::with_capacity(placed.len());
        for (i, p) in placed.iter().enumerate() {
            let e = *index.entry(cluster[i]).or_insert_with(|| {
                ents.push(Entity {
                    id: String::new(),
                    name: String::new(),
                    ty: types[i],
                    variants: vec![],
                    articles: vec![],
                });
                variant_counts.push(HashMap::default());
                type_counts.push([0; 4]);
                cluster_of.push(cluster[i]);
                ents.len() - 1
            });
            *variant_counts[e]
                .entry(p.mention.surface.as_str())
                .or_default() += 1;
            type_counts[e][slot(types[i])] += 1;
            if ents[e].articles.last() != Some(&p.article) && !ents[e].articles.contains(&p.article)
            {
                ents[e].articles.push(p.article);
            }
            out.push((types[i], e));
        }
        let mut used_ids: HashSet<String> = HashSet::default();
        for (e, ent) in ents.iter_mut().enumerate() {
            let key = &cluster_of[e];
            let mut vars: Vec<(String, usize)> = variant_counts[e]
                .iter()
                .map(|(k, v)| (k.to_string(), *v))
                .collect();
            vars.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            // the most frequent scored type (MISC only when nothing else)
            let mut counts = type_counts[e];
            counts[3] = 0;
            ent.ty = best(&counts).unwrap_or(EntityType::MISC);
            if let Cluster::Known(i) = key {
                let k = &kb.known[*i];
                ent.id = k.id.clone();
                ent.name = k.name.clone();
                ent.ty = k.ty;
            } else {
                // the longest spelling among the most used full forms names it
                let name =
                    crate::display::canonical_name(vars.iter().map(|(v, c)| (v.as_str(), *c)))
                        .unwrap_or_default()
                        .to_string();
                let mut id = slug(&name);
                let base = id.clone();
                let mut n = 2;
                while used_ids.contains(&id) || kb.by_id.contains_key(&id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                ent.id = id;
                ent.name = name;
            }
            used_ids.insert(ent.id.clone());
            ent.variants = vars;
        }
        // mentions whose own type was unknown take their entity's type
        for (t, e) in out.iter_mut() {
            if *t == EntityType::MISC && ents[*e].ty != EntityType::MISC {
                *t = ents[*e].ty;
            }
        }
        (out, ents)
    }
}

/// For tests of later stages: the first article of a page and its names.
#[cfg(test)]
pub(crate) fn first_article_names(page: &str) -> (crate::Article, Vec<Placed>) {
    let read = crate::read_page(page.as_bytes()).expect("test page reads");
    let a = read.articles.into_iter().next().expect("an article");
    let r = Recognizer::new(Kb::new(&[]).expect("default aliases"));
    let m = recognize_article(&r, &a, 0);
    (a, m)
}

#[cfg(test)]
mod tests;
