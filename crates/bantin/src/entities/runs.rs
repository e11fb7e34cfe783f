//! Runs of capitalised tokens: split at known names, stripped of titles and sentence
//! words, then typed.

use super::recognize::KnownAt;
use super::tokens::Words;
use super::{Evidence, Mention, Recognizer};

impl Recognizer {
    /// Step 4 of recognition: the runs of capitalised tokens not used yet.
    pub(super) fn find_runs(
        &self,
        w: Words,
        known_at: &KnownAt,
        used: &[bool],
        out: &mut Vec<Mention>,
    ) {
        let toks = w.toks;
        let n = toks.len();
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
            self.run(w, i, z, known_at, out);
            i = z + 1;
        }
    }

    /// The names in the run of capitalised tokens `a..=z`.
    fn run(&self, w: Words, a: usize, z: usize, known_at: &KnownAt, out: &mut Vec<Mention>) {
        if let Some(m) = self.foreign_cued(w, a, z) {
            out.push(m);
            return;
        }
        for (s, e, ent) in self.pieces(w, a, z, known_at) {
            if let Some(ent) = ent {
                out.push(self.known_mention(w.text, w.toks[s].start, w.toks[e].end, ent));
                continue;
            }
            out.extend(self.piece_name(w, a, s, e));
        }
    }

    /// "Vietnam Airlines", "Leeds United": a foreign run whose last word tells its type
    /// is one name, whatever names it holds.
    fn foreign_cued(&self, w: Words, a: usize, z: usize) -> Option<Mention> {
        let toks = w.toks;
        if !(z > a && (a..=z).all(|k| !toks[k].viet && !toks[k].acronym)) {
            return None;
        }
        let &ty = self.foreign_cues.get(w.word(z))?;
        Some(Mention {
            start: toks[a].start,
            end: toks[z].end,
            surface: w.text[toks[a].start..toks[z].end].to_string(),
            ty: Some(ty),
            evidence: Evidence::Shape,
            known: None,
            acronym: None,
        })
    }

    /// The pieces of a run: known names split off (with their entity), the rest between
    /// them.
    fn pieces(
        &self,
        w: Words,
        a: usize,
        z: usize,
        known_at: &KnownAt,
    ) -> Vec<(usize, usize, Option<usize>)> {
        let toks = w.toks;
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
        pieces
    }

    /// The name in the piece `s..=e` of the run that starts at `a`, if it holds one.
    fn piece_name(&self, w: Words, a: usize, s: usize, e: usize) -> Option<Mention> {
        let toks = w.toks;
        let (s, titled) = self.trim_front(w, a, s, e);
        let e = self.trim_back(w, s, e);
        if s > e {
            return None;
        }
        let single = s == e;
        if single && toks[s].acronym {
            // "HLV", "DN", "TP" alone: common nouns, not names
            let word = w.word(s);
            if self.common_acronyms.contains(word) || self.role_acronyms.contains(word) {
                return None;
            }
        }
        let trig = titled || self.per_trigger_before(w, s);
        if single && !toks[s].acronym && self.common_single(w, s, trig) {
            return None;
        }
        let (st, en) = (toks[s].start, toks[e].end);
        let surface = w.text[st..en].to_string();
        let (ty, evidence) = self.type_of(w, s, e, trig);
        let known = None;
        Some(Mention {
            start: st,
            end: en,
            surface,
            ty,
            evidence,
            known,
            acronym: None,
        })
    }

    /// Drops capitalised titles and sentence words in front of the piece `s..=e`: its
    /// new start, and whether a title was dropped.
    fn trim_front(&self, w: Words, a: usize, mut s: usize, e: usize) -> (usize, bool) {
        let toks = w.toks;
        let mut titled = false;
        while s <= e {
            let word = w.word(s);
            if self.cap_titles.contains(word) || (s < e && self.role_acronyms.contains(word)) {
                titled = true;
                s += 1;
            } else if self.sentence_words.contains(w.lower[s])
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
        (s, titled)
    }

    /// Drops a last word that belongs with the lower-case word after it ("Phó Tổng cục
    /// trưởng", "Bộ trưởng"): the piece's new end.
    fn trim_back(&self, w: Words, s: usize, mut e: usize) -> usize {
        let (toks, lower) = (w.toks, w.lower);
        while e > s && e + 1 < toks.len() && !toks[e + 1].gap && !toks[e + 1].cap && toks[e].viet {
            let (cur, nx) = (&lower[e], &lower[e + 1]);
            let bound = self.name_words.contains(&(*cur, *nx))
                || self
                    .org_heads
                    .get(*cur)
                    .is_some_and(|hs| hs.iter().any(|h| h.len() >= 2 && h[1] == *nx))
                || self
                    .per_triggers
                    .iter()
                    .any(|h| h.len() >= 2 && h[0] == *cur && h[1] == *nx);
            if bound {
                e -= 1;
            } else {
                break;
            }
        }
        e
    }

    /// True when the one token `s` (not an acronym) is a capitalised common word ("Bộ
    /// trưởng", "Quốc phòng"), a head without its name ("Sở", "Ban"), a sentence opener
    /// or too short to name anything.
    fn common_single(&self, w: Words, s: usize, trig: bool) -> bool {
        let (toks, lower) = (w.toks, w.lower);
        let e = s;
        let next_lower = toks
            .get(e + 1)
            .is_some_and(|t| !t.gap && !t.cap && !t.acronym);
        let word = lower[s];
        let listed = self.sentence_words.contains(word) || self.head_words.contains(word);
        let compound = next_lower && self.name_words.contains(&(word, lower[e + 1]));
        compound
            || self.head_words.contains(word)
            || (listed && next_lower)
            || (toks[s].viet && !trig)
            || (toks[s].initial && self.sentence_words.contains(word))
            || word.chars().count() < 2
            || word.chars().all(|c| c.is_ascii_digit())
    }

    /// A title or honorific in the few words before token `s` (names and place words may
    /// sit between: "Bộ trưởng Quốc phòng Nga Sergei Shoigu").
    pub(super) fn per_trigger_before(&self, w: Words, s: usize) -> bool {
        let (toks, lower) = (w.toks, w.lower);
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
}
