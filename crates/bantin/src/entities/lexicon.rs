//! The word lists the recogniser reads names with, as data: one file a list under
//! `crates/bantin/data/lexicon/` (one entry a line, `#` comments), built into the library and
//! replaceable by the user list by list ([`Lexicon::replace`], the command line's
//! `--lexicon DIR`). The lists were written for bantin from general knowledge of Vietnamese
//! (titles, honorifics, organisation heads, common words that open a sentence, family
//! names); the dictionary is pyvi's (MIT). Nothing in them is drawn from any set of pages.

use super::EntityType;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::io::Read;

macro_rules! lists {
    ($($name:literal => $path:literal,)*) => {
        /// The lists of a lexicon: (name, built-in text).
        const BUILTIN: &[(&str, &str)] = &[$(($name, include_str!($path)),)*];
    };
}

lists! {
    "per_triggers" => "../../data/lexicon/per_triggers.txt",
    "admin_units" => "../../data/lexicon/admin_units.txt",
    "loc_triggers" => "../../data/lexicon/loc_triggers.txt",
    "loc_prepositions" => "../../data/lexicon/loc_prepositions.txt",
    "loc_heads" => "../../data/lexicon/loc_heads.txt",
    "org_triggers" => "../../data/lexicon/org_triggers.txt",
    "org_heads" => "../../data/lexicon/org_heads.txt",
    "standalone_orgs" => "../../data/lexicon/standalone_orgs.txt",
    "numbered_heads" => "../../data/lexicon/numbered_heads.txt",
    "name_words" => "../../data/lexicon/name_words.txt",
    "name_inner" => "../../data/lexicon/name_inner.txt",
    "sentence_words" => "../../data/lexicon/sentence_words.txt",
    "function_words" => "../../data/lexicon/function_words.txt",
    "cap_titles" => "../../data/lexicon/cap_titles.txt",
    "vn_family" => "../../data/lexicon/vn_family.txt",
    "korean_family" => "../../data/lexicon/korean_family.txt",
    "slavic_endings" => "../../data/lexicon/slavic_endings.txt",
    "thing_acronyms" => "../../data/lexicon/thing_acronyms.txt",
    "acronyms_common" => "../../data/lexicon/acronyms_common.txt",
    "acronyms_role" => "../../data/lexicon/acronyms_role.txt",
    "acronym_heads" => "../../data/lexicon/acronym_heads.txt",
    "foreign_cues" => "../../data/lexicon/foreign_cues.txt",
    "words" => "../../data/pyvi/words.txt",
}

/// Why a user's list could not be taken.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LexiconError {
    /// No list of that name (the names are [`Lexicon::names`]).
    #[error("no word list named {0:?} (known: {known})", known = Lexicon::names().collect::<Vec<_>>().join(", "))]
    Unknown(String),
    /// The list could not be read.
    #[error("cannot read word list {name:?}: {source}")]
    Io {
        /// The list.
        name: String,
        /// What went wrong.
        #[source]
        source: std::io::Error,
    },
    /// A line of a typed list does not end in PER, LOC, ORG or MISC.
    #[error("word list {name:?}, line {line}: expected `WORDS TYPE` (PER, LOC, ORG or MISC)")]
    Typed {
        /// The list.
        name: String,
        /// The line, from 1.
        line: usize,
    },
}

/// The lists whose lines are `WORDS TYPE`.
const TYPED: &[&str] = &["acronym_heads", "foreign_cues"];

/// The word lists of the recogniser, by name.
#[derive(Clone, Debug)]
pub struct Lexicon {
    lists: HashMap<&'static str, Vec<String>>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::builtin()
    }
}

impl Lexicon {
    /// The lists built into the library.
    pub fn builtin() -> Lexicon {
        Lexicon {
            lists: BUILTIN
                .iter()
                .map(|&(name, text)| (name, entries(text).map(String::from).collect()))
                .collect(),
        }
    }

    /// The names of the lists (the file stems of `data/lexicon`; `words` is the dictionary).
    pub fn names() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|&(n, _)| n)
    }

    /// Replaces the list `name` by the one read from `r` (one entry a line, `#` comments).
    ///
    /// # Errors
    /// [`LexiconError`] when no list has that name, `r` fails, or a typed list has a line
    /// without its type.
    pub fn replace(&mut self, name: &str, mut r: impl Read) -> Result<(), LexiconError> {
        let key = Lexicon::names()
            .find(|n| *n == name)
            .ok_or_else(|| LexiconError::Unknown(name.to_string()))?;
        let mut text = String::new();
        r.read_to_string(&mut text)
            .map_err(|source| LexiconError::Io {
                name: name.to_string(),
                source,
            })?;
        let list: Vec<String> = entries(&text).map(String::from).collect();
        if TYPED.contains(&key) {
            if let Some(line) = text
                .lines()
                .enumerate()
                .find(|(_, l)| !entry(l).is_empty() && typed(entry(l)).is_none())
                .map(|(i, _)| i + 1)
            {
                return Err(LexiconError::Typed {
                    name: name.to_string(),
                    line,
                });
            }
        }
        self.lists.insert(key, list);
        Ok(())
    }

    /// The entries of a list (empty for an unknown name).
    pub fn list(&self, name: &str) -> impl Iterator<Item = &str> {
        self.lists
            .get(name)
            .into_iter()
            .flat_map(|v| v.iter().map(String::as_str))
    }

    /// The one-word entries of a list, as a set.
    pub(crate) fn words(&self, name: &str) -> HashSet<String> {
        self.list(name)
            .filter(|w| !w.contains(' '))
            .map(String::from)
            .collect()
    }

    /// Every entry of a list, as a set.
    pub(crate) fn set(&self, name: &str) -> HashSet<String> {
        self.list(name).map(String::from).collect()
    }

    /// The two-word entries of a list.
    pub(crate) fn pairs(&self, name: &str) -> Pairs {
        Pairs::of(self.list(name))
    }

    /// The entries of a typed list (`WORDS TYPE`).
    pub(crate) fn typed(&self, name: &str) -> HashMap<String, EntityType> {
        self.list(name)
            .filter_map(typed)
            .map(|(w, t)| (w.to_string(), t))
            .collect()
    }
}

/// A set of two-word entries, looked up without allocating.
#[derive(Clone, Debug, Default)]
pub(crate) struct Pairs(HashMap<String, HashSet<String>>);

impl Pairs {
    /// The two-word entries among `list`.
    pub(crate) fn of<'a>(list: impl Iterator<Item = &'a str>) -> Pairs {
        let mut p = Pairs::default();
        for (a, b) in list.filter_map(|w| w.split_once(' ')) {
            if !b.contains(' ') {
                p.0.entry(a.to_string()).or_default().insert(b.to_string());
            }
        }
        p
    }

    /// Whether `a b` is an entry.
    pub(crate) fn contains(&self, &(a, b): &(&str, &str)) -> bool {
        self.0.get(a).is_some_and(|s| s.contains(b))
    }
}

/// A line without its comment, trimmed.
fn entry(l: &str) -> &str {
    l.split('#').next().unwrap_or("").trim()
}

/// The entries of a list file: one a line, `#` comments and blank lines skipped.
fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(entry).filter(|l| !l.is_empty())
}

/// `WORDS TYPE` split.
fn typed(l: &str) -> Option<(&str, EntityType)> {
    let (a, t) = l.rsplit_once(' ')?;
    let ty = match t.trim() {
        "PER" => EntityType::PER,
        "ORG" => EntityType::ORG,
        "LOC" => EntityType::LOC,
        "MISC" => EntityType::MISC,
        _ => return None,
    };
    Some((a.trim(), ty))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_list_has_entries_without_duplicates() {
        let lx = Lexicon::builtin();
        for name in Lexicon::names() {
            let v: Vec<&str> = lx.list(name).collect();
            assert!(!v.is_empty(), "{name} is empty");
            if name != "words" {
                let set: HashSet<&str> = v.iter().copied().collect();
                assert_eq!(set.len(), v.len(), "{name} repeats an entry");
            }
        }
    }

    #[test]
    fn a_user_list_replaces_the_builtin_one() {
        let mut lx = Lexicon::builtin();
        lx.replace(
            "vn_family",
            "# mine\nnguyễn\n\ntrần # a comment\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(lx.list("vn_family").collect::<Vec<_>>(), ["nguyễn", "trần"]);
        assert!(matches!(
            lx.replace("nope", "".as_bytes()),
            Err(LexiconError::Unknown(_))
        ));
        let e = lx.replace("foreign_cues", "United ORG\nAirport\n".as_bytes());
        assert!(matches!(e, Err(LexiconError::Typed { line: 2, .. })));
        // a list that fails keeps the one it had
        assert!(!lx.typed("foreign_cues").is_empty());
    }

    #[test]
    fn pairs_are_looked_up_by_their_two_words() {
        let mut lx = Lexicon::builtin();
        lx.replace("name_words", "hoà bình\nxuân\n".as_bytes())
            .unwrap();
        let p = lx.pairs("name_words");
        assert!(p.contains(&("hoà", "bình")));
        assert!(!p.contains(&("xuân", "")));
    }
}
