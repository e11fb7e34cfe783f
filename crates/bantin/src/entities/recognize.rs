//! The steps of recognition in one text: known names, heads, known names of several
//! words, runs of capitalised tokens, acronyms written after their long form.

use super::tokens::{lowered, tokens, Tok, Words};
use super::{EntityType, Mention, Recognizer};
use rustc_hash::FxHashMap as HashMap;

/// Known names aligned to whole tokens: first token → (last token, entity).
pub(super) type KnownAt = HashMap<usize, (usize, usize)>;

impl Recognizer {
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
        let mut buf = String::new();
        let lower = lowered(text, &toks, &mut buf);
        let w = Words {
            text,
            toks: &toks,
            lower: &lower,
        };
        let mut used = vec![false; toks.len()];
        let mut out: Vec<Mention> = Vec::new();
        // 1. known names, aligned to whole tokens
        let known_at = self.known_at(text, &toks);
        // 2. organisation and place heads
        self.find_heads(w, &known_at, &mut used, &mut out);
        // 3. known names of several words, lower-case ones included ("châu Âu",
        //    "Cộng hòa Dân chủ Nhân dân Triều Tiên")
        self.find_known(w, &known_at, &mut used, &mut out);
        // 4. runs of capitalised tokens, split at known names
        self.find_runs(w, &known_at, &used, &mut out);
        out.sort_by_key(|m| m.start);
        // 5. "Long Name (ACR)": the acronym names the same entity
        mark_acronyms(text, &mut out);
        out
    }

    /// The known names of the text that start and end on token boundaries.
    fn known_at(&self, text: &str, toks: &[Tok]) -> KnownAt {
        let mut known_at: KnownAt = HashMap::default();
        let tok_starting = |at: usize| toks.binary_search_by_key(&at, |t| t.start).ok();
        let tok_ending = |at: usize| toks.binary_search_by_key(&at, |t| t.end).ok();
        for m in self.kb.matcher.find_iter(text) {
            if let (Some(a), Some(z)) = (tok_starting(m.start()), tok_ending(m.end())) {
                let ent = self.kb.surfaces[m.pattern().as_usize()].1;
                // a known name must be capitalised as written in the knowledge base
                known_at.insert(a, (z, ent));
            }
        }
        known_at
    }

    /// Step 3 of recognition: the known names of several words not used yet.
    fn find_known(&self, w: Words, known_at: &KnownAt, used: &mut [bool], out: &mut Vec<Mention>) {
        let toks = w.toks;
        let mut firsts: Vec<usize> = known_at.keys().copied().collect();
        firsts.sort_unstable();
        for a in firsts {
            let (z, ent) = known_at[&a];
            if z == a || (a..=z).any(|k| used[k]) || (a + 1..=z).any(|k| toks[k].gap) {
                continue;
            }
            out.push(self.known_mention(w.text, toks[a].start, toks[z].end, ent));
            for u in used.iter_mut().take(z + 1).skip(a) {
                *u = true;
            }
        }
    }
}

/// "Long Name (ACR)": gives the long form the acronym written after it in brackets.
fn mark_acronyms(text: &str, out: &mut [Mention]) {
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
}
