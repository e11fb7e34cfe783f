//! The Vietnamese analyzer for tantivy: syllables (runs of letters and digits), each under
//! one of two forms. The exact form puts tone marks in one place ("hoà" = "hòa") and lower
//! cases; the folded form also drops every diacritic and maps đ to d, so "duong" finds
//! đường, dương and đương. Offsets point into the original text, so snippets highlight the
//! words as written whichever form matched.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name of the exact analyzer in the index.
pub const EXACT: &str = "vi_exact";
/// Name of the folded analyzer in the index.
pub const FOLDED: &str = "vi_folded";

/// The syllable tokenizer, exact or folded.
#[derive(Clone, Copy, Debug)]
pub struct Vietnamese {
    /// Drop diacritics (the folded form).
    pub fold: bool,
}

fn in_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Vietnamese letters first (Latin-1, Latin Extended-A/B, Latin Extended Additional),
    // without the general Unicode table lookup
    match c {
        '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' | '\u{300}'..='\u{36f}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// The form of one syllable under the analyzer.
pub fn term(word: &str, fold: bool) -> String {
    if fold {
        bantin::text::fold(word)
    } else {
        bantin::text::tone_key(word)
    }
}

/// The terms of a text (what a query is turned into).
pub fn terms(text: &str, fold: bool) -> Vec<String> {
    let mut t = Vietnamese { fold };
    let mut s = t.token_stream(text);
    let mut out = Vec::new();
    while s.advance() {
        out.push(s.token().text.clone());
    }
    out
}

/// The tokens of a text.
pub struct Stream<'a> {
    text: &'a str,
    at: usize,
    fold: bool,
    token: Token,
}

impl Tokenizer for Vietnamese {
    type TokenStream<'a> = Stream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Stream<'a> {
        Stream {
            text,
            at: 0,
            fold: self.fold,
            token: Token {
                position: usize::MAX,
                ..Token::default()
            },
        }
    }
}

impl TokenStream for Stream<'_> {
    fn advance(&mut self) -> bool {
        let rest = &self.text[self.at..];
        let Some(start) = rest.find(in_word) else {
            self.at = self.text.len();
            return false;
        };
        let word = &rest[start..];
        let len = word.find(|c: char| !in_word(c)).unwrap_or(word.len());
        let from = self.at + start;
        self.at = from + len;
        self.token.offset_from = from;
        self.token.offset_to = from + len;
        self.token.position = self.token.position.wrapping_add(1);
        self.token.position_length = 1;
        self.token.text = term(&self.text[from..from + len], self.fold);
        true
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_and_folded_forms() {
        assert_eq!(
            terms("Đường HOÀ bình", false),
            terms("đường hòa Bình", false)
        );
        assert_eq!(terms("Đường hoà bình", true), vec!["duong", "hoa", "binh"]);
        assert_ne!(terms("đường", false), terms("dương", false));
        assert_eq!(terms("đường", true), terms("dương", true));
        assert_eq!(
            terms("Kim Jong-un, 2024!", true),
            vec!["kim", "jong", "un", "2024"]
        );
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "Ở Bình Nhưỡng";
        let mut t = Vietnamese { fold: true };
        let mut s = t.token_stream(text);
        let mut got = Vec::new();
        while s.advance() {
            let tok = s.token();
            got.push((
                &text[tok.offset_from..tok.offset_to],
                tok.text.clone(),
                tok.position,
            ));
        }
        assert_eq!(
            got,
            vec![
                ("Ở", "o".to_string(), 0),
                ("Bình", "binh".to_string(), 1),
                ("Nhưỡng", "nhuong".to_string(), 2)
            ]
        );
    }
}
