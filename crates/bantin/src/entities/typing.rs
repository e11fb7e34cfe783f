//! The type of a name found in a run: from the knowledge base, from the words before it,
//! from its shape.

use super::tokens::Words;
use super::{name_key, EntityType, Evidence, Recognizer};

/// The `len` lower-case words before token `s`, joined by spaces, when nothing but plain
/// spaces separates them from each other and from `s`.
fn words_before(w: Words, s: usize, len: usize) -> Option<String> {
    let (toks, lower) = (w.toks, w.lower);
    (s >= len && (s + 1 - len..=s).all(|x| !toks[x].gap || x == s + 1 - len))
        .then(|| (s - len..s).map(|x| lower[x]).collect::<Vec<_>>().join(" "))
}

impl Recognizer {
    /// The type of the name `s..=e` and how it was found; `trig` when a title stands
    /// before it.
    pub(super) fn type_of(
        &self,
        w: Words,
        s: usize,
        e: usize,
        trig: bool,
    ) -> (Option<EntityType>, Evidence) {
        if let Some(t) = self.kb_type(w, s, e) {
            return (Some(t), Evidence::Known);
        }
        if trig {
            return (Some(EntityType::PER), Evidence::Trigger);
        }
        let prev_ok = s >= 1 && !w.toks[s].gap;
        if prev_ok {
            if let Some(t) = self.trigger_type(w, s) {
                return (Some(t), Evidence::Trigger);
            }
        }
        if let Some(t) = self
            .acronym_shape(w, s, e)
            .or_else(|| self.name_shape(w, s, e))
        {
            return (Some(t), Evidence::Shape);
        }
        if prev_ok {
            if let Some(b) = words_before(w, s, 1) {
                if self.loc_preps.contains(b.as_str()) {
                    return (Some(EntityType::LOC), Evidence::Trigger);
                }
            }
        }
        (None, Evidence::Default)
    }

    /// The type the knowledge base gives the name `s..=e`.
    fn kb_type(&self, w: Words, s: usize, e: usize) -> Option<EntityType> {
        if self.kb.typed.is_empty() {
            return None;
        }
        let words: Vec<&str> = (s..=e).map(|k| w.lower[k]).collect();
        self.kb.typed.get(&name_key(&words.join(" "))).copied()
    }

    /// The type a place or organisation word right before token `s` gives.
    fn trigger_type(&self, w: Words, s: usize) -> Option<EntityType> {
        for len in [4, 3, 2, 1] {
            if let Some(b) = words_before(w, s, len) {
                if self.loc_triggers.contains(b.as_str()) {
                    return Some(EntityType::LOC);
                }
                if self.org_triggers.contains(b.as_str()) {
                    return Some(EntityType::ORG);
                }
            }
        }
        None
    }

    /// The type of a name `s..=e` made of an acronym, or of an acronym with Latin words.
    fn acronym_shape(&self, w: Words, s: usize, e: usize) -> Option<EntityType> {
        let toks = w.toks;
        let count = e - s + 1;
        let first = w.word(s);
        if count == 1 && toks[s].acronym {
            // "KCNA" names a body; "HL-93", "Su-35", "UAV" name things
            // an acronym followed by a number ("RON 95", "F 16") is a grade or a model
            let numbered = w.text[toks[e].end..]
                .trim_start_matches(' ')
                .starts_with(|c: char| c.is_ascii_digit());
            let thing = first.chars().any(|c| c.is_ascii_digit())
                || self.thing_acronyms.contains(first)
                || numbered;
            return Some(if thing {
                EntityType::MISC
            } else {
                EntityType::ORG
            });
        }
        // an acronym with Latin words: "NK News", "ST Analytics"
        if count >= 2 && (s..=e).any(|k| toks[k].acronym) && (s..=e).all(|k| !toks[k].viet) {
            // with a code such as "E5" it names a thing
            let code = (s..=e).any(|k| w.word(k).chars().any(|c| c.is_ascii_digit()));
            return Some(if code {
                EntityType::MISC
            } else {
                EntityType::ORG
            });
        }
        None
    }

    /// The type the shape of a name `s..=e` of words tells: family names, Slavic
    /// endings, a foreign last word that tells its type, foreign names of two or three
    /// words.
    fn name_shape(&self, w: Words, s: usize, e: usize) -> Option<EntityType> {
        let (toks, lower) = (w.toks, w.lower);
        let count = e - s + 1;
        let first = w.word(s);
        if count == 1
            && !toks[s].viet
            && lower[s].len() > 4
            && self
                .slavic_endings
                .iter()
                .any(|x| lower[s].ends_with(x.as_str()))
        {
            return Some(EntityType::PER);
        }
        if (2..=4).contains(&count)
            && self.vn_family.contains(first)
            && (s..=e).all(|k| toks[k].cap && !toks[k].acronym)
        {
            return Some(EntityType::PER);
        }
        let foreign = (s..=e).all(|k| !toks[k].viet && !toks[k].acronym);
        // "Manchester United", "Monte Carlo Masters": the last word tells the type
        if count >= 2 && (s..=e).all(|k| !toks[k].viet) {
            if let Some(&t) = self.foreign_cues.get(w.word(e)) {
                return Some(t);
            }
        }
        if foreign
            && self.korean_family.contains(first)
            && (count == 3 || (count == 2 && w.word(e).contains('-')))
        {
            return Some(EntityType::PER);
        }
        if foreign && (2..=3).contains(&count) && (s..=e).all(|k| toks[k].cap) {
            return Some(EntityType::PER);
        }
        None
    }
}
