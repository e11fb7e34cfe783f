//! Names opened by an organisation or place head: "Bộ Quốc phòng Nga", "Hãng thông tấn
//! Trung ương Triều Tiên", "UBND TP.HCM", "Lữ đoàn 551".

use super::recognize::KnownAt;
use super::tokens::Words;
use super::{EntityType, Evidence, Mention, Recognizer};
use rustc_hash::FxHashMap as HashMap;

/// The reading of a name after its head, token by token.
struct HeadScan {
    /// The head's first token.
    i: usize,
    /// The head's length in tokens.
    hl: usize,
    /// The head names one body by itself ("Quốc hội").
    standalone: bool,
    /// The next token to take.
    j: usize,
    /// The last token taken.
    last: Option<usize>,
    /// Lower-case words were taken after the head.
    described: bool,
}

impl Recognizer {
    /// Step 2 of recognition: the names opened by heads, marked in `used`.
    pub(super) fn find_heads(
        &self,
        w: Words,
        known_at: &KnownAt,
        used: &mut [bool],
        out: &mut Vec<Mention>,
    ) {
        let (text, toks) = (w.text, w.toks);
        let n = toks.len();
        // a known name of several words covering a token wins over a head found there
        // ("Thành phố Hồ Chí Minh" is not the lake head "Hồ")
        let mut in_known = vec![false; n];
        for (&a, &(z, _)) in known_at {
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
            if let Some((z, ty, hl)) = self.head_name(w, i).filter(|&(_, ty, _)| {
                // "Chủ tịch Hồ Chí Minh": a family name after a title is a person's
                ty != EntityType::LOC
                    || !self.vn_family.contains(w.word(i))
                    || !self.per_trigger_before(w, i)
            }) {
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
    }

    /// An organisation or place name opened by a capitalised head at token `i`: the last
    /// token, the type and the head's length.
    pub(super) fn head_name(&self, w: Words, i: usize) -> Option<(usize, EntityType, usize)> {
        let (toks, lower) = (w.toks, w.lower);
        let n = toks.len();
        let (hl, ty) = self.head_len(w, i)?;
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
        let mut st = HeadScan {
            i,
            hl,
            standalone,
            j: i + hl,
            last: None,
            described: false,
        };
        while st.j < n && (!toks[st.j].gap || self.joined_by_dash(w, st.j, st.last)) {
            let more = if toks[st.j].cap || toks[st.j].acronym {
                self.take_cap(w, &mut st)
            } else {
                self.take_lower(w, &mut st)
            };
            if !more {
                break;
            }
        }
        let Some(last) = st.last else {
            // "Quốc hội", "Chính phủ": heads that name one body by themselves
            return standalone.then_some((i + hl - 1, ty, hl));
        };
        // "Hãng thông tấn chính thức Triều Tiên KCNA": a description before a name
        if st.described && toks[last].acronym {
            return None;
        }
        Some((last, ty, hl))
    }

    /// The head at token `i`, if one starts there: its length in tokens and the type it
    /// gives.
    fn head_len(&self, w: Words, i: usize) -> Option<(usize, EntityType)> {
        let (toks, lower) = (w.toks, w.lower);
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
        if toks[i].acronym {
            // "UBND TP.HCM", "CLB Hà Nội", "TP Hạ Long"
            let ty = *self.acronym_heads.get(w.word(i))?;
            if !w.cap_joined(i + 1) {
                return None;
            }
            return Some((1, ty));
        }
        match (matches(&self.org_heads), matches(&self.loc_heads)) {
            (Some(h), _) => Some((h, EntityType::ORG)),
            (None, Some(h)) => Some((h, EntityType::LOC)),
            _ => None,
        }
    }

    /// A capitalised token at `st.j`: takes it (with its lower-case second syllable), or
    /// false where the name ends before it.
    fn take_cap(&self, w: Words, st: &mut HeadScan) -> bool {
        let (toks, lower) = (w.toks, w.lower);
        let j = st.j;
        // a person's name after the body's name ("Bộ Xây dựng Trần Thu Hà") is not
        // part of it, nor is a foreign name after Vietnamese words
        let next_cap = w.cap_joined(j + 1);
        let after_admin = self.admin_words.contains(lower[j - 1])
            || (j >= 2 && self.admin_pairs.contains(&(lower[j - 2], lower[j - 1])));
        if (st.last.is_some() || st.standalone)
            && next_cap
            && !toks[j + 1].acronym
            && !after_admin
            && self.vn_family.contains(w.word(j))
        {
            return false;
        }
        if st.last.is_some_and(|l: usize| toks[l].viet)
            && !toks[j].viet
            && !toks[j].acronym
            && next_cap
            && !toks[j + 1].viet
        {
            return false;
        }
        st.last = Some(j);
        st.j += 1;
        self.take_second_syllable(w, st);
        true
    }

    /// The lower-case second syllable of the word just taken ("Quốc phòng", "Bầu cử
    /// Trung ương").
    fn take_second_syllable(&self, w: Words, st: &mut HeadScan) {
        let (toks, lower) = (w.toks, w.lower);
        let n = toks.len();
        let j = st.j;
        if j < n && !toks[j].gap && !toks[j].cap && !toks[j].acronym {
            // a word of the dictionary whose second syllable does not start the
            // next word ("Quân đội", but not "Bình thường xuyên")
            let starts_next = j + 1 < n
                && !toks[j + 1].gap
                && !toks[j + 1].cap
                && self.dict_pairs.contains(&(lower[j], lower[j + 1]));
            let in_dict = !starts_next && self.dict_pairs.contains(&(lower[j - 1], lower[j]));
            let pair = in_dict || self.name_words.contains(&(lower[j - 1], lower[j]));
            let continues = w.cap_joined(j + 1)
                && toks[j - 1].viet == toks[j].viet
                && !self.function_words.contains(lower[j]);
            if pair || continues {
                st.last = Some(j);
                st.j += 1;
            }
        }
    }

    /// A lower-case token at `st.j`: takes the lower-case words inside the name when a
    /// capitalised word follows them, or false where the name ends.
    fn take_lower(&self, w: Words, st: &mut HeadScan) -> bool {
        let toks = w.toks;
        let n = toks.len();
        let j = st.j;
        let take = self.inner_words(w, j, st.standalone);
        if take > 0
            && j + take < n
            && !toks[j + take].gap
            && toks[j + take].cap
            && (1..take).all(|k| !toks[j + k].gap)
        {
            st.j += take;
            return true;
        }
        // a lower-case name word right after the head ("Sân bay vũ trụ Vostochny")
        if st.last.is_none() && take > 0 && j + take < n && toks[j + take].cap {
            st.j += take;
            return true;
        }
        if st.last.is_none() && j == st.i + st.hl {
            if let Some(k) = self.description_end(w, st) {
                st.j = k;
                st.described = true;
                return true;
            }
        }
        false
    }

    /// How many lower-case words at token `j` may stand inside a name (0, 1 or 2).
    fn inner_words(&self, w: Words, j: usize, standalone: bool) -> usize {
        let lower = w.lower;
        let two = (j + 1 < w.toks.len()).then(|| (lower[j], lower[j + 1]));
        if two.is_some_and(|p| {
            self.name_words.contains(&p)
                || self.name_inner_pairs.contains(&p)
                || (!standalone && self.admin_pairs.contains(&p))
        }) {
            2
        } else if lower[j] == "và" && self.head_at(w, j + 1) {
            // "Đảng Cộng sản Pháp và Đảng Cộng sản Việt Nam": two names
            0
        } else if self.name_inner.contains(lower[j])
            || (!standalone && self.admin_words.contains(lower[j]))
        {
            1
        } else {
            0
        }
    }

    /// Up to two lower-case words of the dictionary right after the head, before a
    /// capitalised name ("Liên đoàn bóng đá Việt Nam", "Sở giao thông vận tải Hà Nội"):
    /// the token of that name.
    fn description_end(&self, w: Words, st: &HeadScan) -> Option<usize> {
        let (toks, lower) = (w.toks, w.lower);
        let n = toks.len();
        let word_at = |k: usize| {
            k + 1 < n
                && !toks[k].cap
                && !toks[k + 1].cap
                && !toks[k + 1].gap
                && !self.function_words.contains(lower[k])
                && self.dict_pairs.contains(&(lower[k], lower[k + 1]))
        };
        let j = st.j;
        let mut k = j;
        while k < st.i + st.hl + 4 && word_at(k) {
            k += 2;
        }
        (k > j && k < n && !toks[k].gap && toks[k].cap && !toks[k].initial).then_some(k)
    }

    /// True when an organisation or place head starts at token `k`.
    fn head_at(&self, w: Words, k: usize) -> bool {
        k < w.toks.len()
            && w.toks[k].cap
            && (self.org_heads.contains_key(w.lower[k])
                || self.loc_heads.contains_key(w.lower[k])
                || self.acronym_heads.contains_key(w.word(k)))
    }

    /// True when token `j` follows the name so far across " - " and starts a capitalised
    /// word ("Trường Đại học Kinh doanh - Công nghệ Hà Nội").
    fn joined_by_dash(&self, w: Words, j: usize, last: Option<usize>) -> bool {
        let toks = w.toks;
        let Some(l) = last else { return false };
        l + 1 == j
            && toks[j].cap
            && !toks[j].acronym
            && matches!(&w.text[toks[l].end..toks[j].start], " - " | " – ")
            && j + 1 < toks.len()
            && !toks[j + 1].gap
    }
}
