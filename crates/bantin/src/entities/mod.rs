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
//!
//! The steps live in their own files: `tokens` (words and letter classes), `recognize`
//! (the steps of recognition in one text), `heads` (names opened by a head), `runs` (runs
//! of capitalised words), `typing` (the type of a name from its context and shape) and
//! `linker` (linking across a run).

mod heads;
pub mod kb;
pub mod lexicon;
mod linker;
mod recognize;
mod runs;
mod tokens;
mod typing;

use lexicon::Pairs;
pub use lexicon::{Lexicon, LexiconError};
pub use linker::Linker;

use crate::lang;
use kb::Kb;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};
use tokens::is_viet_letter;
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
