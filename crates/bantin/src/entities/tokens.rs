//! Tokens of a text: words with their case, script and place in the sentence, and the
//! letter classes they are cut by.

#[derive(Clone, Copy, Debug)]
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) cap: bool,
    pub(super) acronym: bool,
    pub(super) viet: bool,
    /// first token of a sentence (or after an opening quote or bracket)
    pub(super) initial: bool,
    /// something other than one plain space separates it from the previous token
    pub(super) gap: bool,
}

/// One text cut into tokens, with each token in lower case.
#[derive(Clone, Copy)]
pub(super) struct Words<'a> {
    pub(super) text: &'a str,
    pub(super) toks: &'a [Tok],
    pub(super) lower: &'a [&'a str],
}

impl<'a> Words<'a> {
    /// Token `k` as written.
    pub(super) fn word(&self, k: usize) -> &'a str {
        &self.text[self.toks[k].start..self.toks[k].end]
    }

    /// True when token `k` exists, is capitalised and joins the one before it.
    pub(super) fn cap_joined(&self, k: usize) -> bool {
        k < self.toks.len() && !self.toks[k].gap && self.toks[k].cap
    }
}

/// True for letters written with Vietnamese diacritics (and other Latin letters with
/// marks): Latin-1 and Latin Extended-A/B letters up to ư (U+00C0..U+01B0), the Vietnamese
/// block U+1EA0..U+1EF9, and combining marks.
pub(super) fn is_viet_letter(c: char) -> bool {
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

/// Whether a sentence starts after the non-word character `c` at byte `i`, given
/// whether one had started before it.
fn sentence_after(text: &str, i: usize, c: char, sentence_start: bool) -> bool {
    if !matches!(
        c,
        '.' | '!' | '?' | ':' | ';' | '“' | '"' | '(' | '[' | '«' | '‘' | '—' | '–' | '…' | '\n'
    ) {
        return sentence_start;
    }
    // a full stop after a number keeps the sentence going
    sentence_start || c != '.' || !text[..i].ends_with(|p: char| p.is_ascii_digit())
}

/// True when the joiner `c` at byte `j` stays inside the word that started at `start`:
/// only between letters or digits; a hyphen between two capitalised Vietnamese names
/// ("Nga-Triều Tiên") separates them.
fn joins(text: &str, start: usize, j: usize, c: char) -> bool {
    let rest = &text[j + c.len_utf8()..];
    let n = rest.chars().next();
    let pair = c == '-'
        && n.is_some_and(|n| n.is_uppercase())
        && (text[start..j].chars().any(is_viet_letter)
            || rest
                .chars()
                .take_while(|c| is_word_char(*c))
                .any(is_viet_letter));
    n.is_some_and(is_word_char)
        && !pair
        && !(c == '.' && rest.starts_with(|n: char| n.is_lowercase()))
}

/// The end of the word that starts at byte `start`.
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut j = start;
    while j < text.len() {
        let c = text[j..].chars().next().unwrap_or(' ');
        if is_word_char(c) {
            j += c.len_utf8();
            end = j;
        } else if matches!(c, '-' | '\'' | '’' | '.' | '&') && joins(text, start, j, c) {
            j += c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// True for a capitalised word (or a number followed by a capital: "3D", "5G").
fn is_cap(word: &str) -> bool {
    let first = word.chars().next().unwrap_or('a');
    if first.is_ascii() {
        first.is_ascii_uppercase()
            || (first.is_ascii_digit()
                && word
                    .chars()
                    .find(|c| !c.is_ascii_digit() && is_word_char(*c))
                    .is_some_and(|c| c.is_uppercase()))
    } else {
        first.is_uppercase()
    }
}

/// An acronym: two letters or more, all capitals.
fn is_acronym(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    letters.next().is_some_and(|c| c.is_uppercase()) && {
        let mut rest = letters.peekable();
        rest.peek().is_some() && rest.all(|c| c.is_uppercase())
    }
}

/// The tokens of a text, in order.
pub(super) fn tokens(text: &str) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(text.len() / 5);
    let b = text.as_bytes();
    let mut i = 0;
    let mut last_end = 0;
    let mut sentence_start = true;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        if !is_word_char(c) {
            sentence_start = sentence_after(text, i, c, sentence_start);
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let end = word_end(text, start);
        let word = &text[start..end];
        let cap = is_cap(word);
        let gap = out.is_empty() || !(start == last_end + 1 && b[last_end] == b' ');
        out.push(Tok {
            start,
            end,
            cap,
            acronym: cap && is_acronym(word),
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

/// Each token in lower case: a token without capitals is its own lower case; the others
/// are lower-cased into `buf`.
pub(super) fn lowered<'a>(text: &'a str, toks: &[Tok], buf: &'a mut String) -> Vec<&'a str> {
    let mut at: Vec<Option<(usize, usize)>> = Vec::with_capacity(toks.len());
    for t in toks {
        let w = &text[t.start..t.end];
        if t.cap || t.acronym || w.bytes().any(|b| b.is_ascii_uppercase()) {
            let a = buf.len();
            buf.extend(w.chars().flat_map(char::to_lowercase));
            at.push(Some((a, buf.len())));
        } else {
            at.push(None);
        }
    }
    let buf: &'a str = buf;
    toks.iter()
        .zip(&at)
        .map(|(t, r)| match r {
            Some((a, b)) => &buf[*a..*b],
            None => &text[t.start..t.end],
        })
        .collect()
}
