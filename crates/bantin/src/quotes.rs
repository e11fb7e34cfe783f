//! Direct speech: text in “…”, "…" or «…» told as someone's words, with its speaker.
//!
//! A quoted stretch is speech when it is long enough to be a statement (scare quotes and
//! titles are short) and a verb of saying, a colon or a source frames it. The speaker is
//! the person named right after the quote ("…”, ông Shoigu nói"), through an outlet ("TASS
//! dẫn lời ông Shoigu"), or before it in the same sentence ("Ông Rudenko nhấn mạnh …
//! “…”"); a pronoun or description ("ông", "vị Bộ trưởng") is the person last named, also
//! in the paragraph before.

use crate::entities::{EntityType, Placed};
use crate::page::{Article, Kind};

/// A quote found in an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Paragraph index.
    pub para: usize,
    /// Start of the quoted words in the paragraph text (after the opening mark).
    pub start: usize,
    /// End of the quoted words (before the closing mark).
    pub end: usize,
    /// The speaker: index into the mentions given to [`find`].
    pub speaker: Option<usize>,
}

const VERBS: &[&str] = &[
    "nói",
    "cho biết",
    "nhấn mạnh",
    "khẳng định",
    "tuyên bố",
    "cho hay",
    "chia sẻ",
    "phát biểu",
    "bày tỏ",
    "dẫn lời",
    "nêu rõ",
    "viết",
    "kêu gọi",
    "cảnh báo",
    "lưu ý",
    "thông báo",
    "đưa tin",
    "nhận định",
    "trả lời",
    "giải thích",
    "tiết lộ",
    "thừa nhận",
    "cam kết",
    "đề nghị",
    "yêu cầu",
    "kết luận",
    "nhắc lại",
    "khẳng định rằng",
    "nói rằng",
    "cho rằng",
    "bình luận",
    "phát biểu rằng",
    "tuyên bố rằng",
    "chỉ rõ",
    "nhận xét",
    "đánh giá",
    "mô tả",
    "trích lời",
    "nhắn nhủ",
    "hỏi",
    "đáp",
    "than",
    "thốt lên",
    "quả quyết",
    "lên tiếng",
    "để lại thông điệp",
];

/// Words that refer back to a person named before.
const BACK: &[&str] = &[
    "ông",
    "bà",
    "vị",
    "nhà lãnh đạo",
    "người đứng đầu",
    "lãnh đạo",
    "anh",
    "chị",
    "ngài",
];

fn has_verb(s: &str) -> bool {
    static AC: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let ac = AC.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(VERBS.iter().flat_map(|v| {
                // the verb as written, and capitalised at the start of a sentence
                let mut c = v.chars();
                let cap: String = c
                    .next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default();
                [v.to_string(), cap]
            }))
            .expect("verbs")
    });
    ac.is_match(s)
}

fn syllables(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Quoted stretches of a paragraph: (start, end) of the words between the marks.
fn quoted(t: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let rest = &t[i..];
        let Some(c) = rest.chars().next() else { break };
        let close = match c {
            '“' => Some('”'),
            '«' => Some('»'),
            '"' => Some('"'),
            _ => None,
        };
        if let Some(cl) = close {
            let from = i + c.len_utf8();
            if let Some(k) = t[from..].find(cl) {
                out.push((from, from + k));
                i = from + k + cl.len_utf8();
                continue;
            }
        }
        i += c.len_utf8();
    }
    out
}

/// End of the sentence that starts at `from` (at a full stop followed by a space, or the end).
fn sentence_end(t: &str, from: usize) -> usize {
    let b = t.as_bytes();
    let mut i = from;
    while i < t.len() {
        if matches!(b[i], b'.' | b'!' | b'?') && (i + 1 >= t.len() || b[i + 1] == b' ') {
            return i;
        }
        i += 1;
    }
    t.len()
}

fn sentence_start(t: &str, before: usize) -> usize {
    let b = t.as_bytes();
    let mut i = before;
    while i > 0 {
        if matches!(b[i - 1], b'.' | b'!' | b'?') && i < t.len() && b[i] == b' ' {
            return i + 1;
        }
        i -= 1;
    }
    0
}

fn is_speaker_type(m: &Placed) -> bool {
    matches!(m.mention.ty, Some(EntityType::PER) | None)
}

/// Finds the quotes of an article; `mentions` are the article's names (from
/// [`crate::entities::recognize_article`]).
pub fn find(a: &Article, mentions: &[Placed]) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    // the person last named, as (para, mention index)
    let mut last_person: Option<usize> = None;
    for (pi, p) in a.paragraphs.iter().enumerate() {
        if p.kind != Kind::Body {
            continue;
        }
        let para = Para {
            t: &p.text.text,
            mentions,
            here: (0..mentions.len())
                .filter(|&k| mentions[k].para == Some(pi))
                .collect(),
        };
        let mut prev_in_para: Option<usize> = None;
        for (qs, qe) in quoted(para.t) {
            let Some(q) = para.frame(qs, qe, prev_in_para.is_some()) else {
                continue;
            };
            let speaker = para
                .speaker_after(&q, last_person)
                .or_else(|| para.speaker_before(&q))
                // the person named last: earlier in the paragraph, else before it
                .or_else(|| {
                    prev_in_para
                        .or_else(|| para.persons_before(qs))
                        .or(last_person)
                });
            prev_in_para = speaker.or(prev_in_para);
            out.push(Quote {
                para: pi,
                start: qs,
                end: qe,
                speaker,
            });
        }
        if let Some(k) = para.persons_before(usize::MAX) {
            last_person = Some(k);
        }
    }
    out
}

/// A quotation and the sentence around it.
struct Framed {
    qs: usize,
    /// Start of the sentence holding the quote.
    s0: usize,
    /// Just after the closing quotation mark.
    after_from: usize,
    /// End of the sentence.
    s1: usize,
}

/// A paragraph with its names (mention indices).
struct Para<'a> {
    t: &'a str,
    mentions: &'a [Placed],
    here: Vec<usize>,
}

impl Para<'_> {
    fn start(&self, k: usize) -> usize {
        self.mentions[k].mention.start
    }

    fn end(&self, k: usize) -> usize {
        self.mentions[k].mention.end
    }

    fn ty(&self, k: usize) -> Option<EntityType> {
        self.mentions[k].mention.ty
    }

    /// The last person named before byte `pos`.
    fn persons_before(&self, pos: usize) -> Option<usize> {
        self.here
            .iter()
            .rev()
            .copied()
            .find(|&k| self.end(k) <= pos && self.ty(k) == Some(EntityType::PER))
    }

    /// The names inside `[from, to)`.
    fn names_in(&self, from: usize, to: usize) -> Vec<usize> {
        self.here
            .iter()
            .copied()
            .filter(|&k| self.start(k) >= from && self.end(k) <= to)
            .collect()
    }

    /// "dẫn lời X" in `[from, to)`: X speaks.
    fn dan_loi(&self, from: usize, to: usize) -> Option<usize> {
        let i = self.t[from..to].find("dẫn lời")? + from;
        self.here
            .iter()
            .copied()
            .find(|&k| self.start(k) > i && self.end(k) <= to && is_speaker_type(&self.mentions[k]))
    }

    /// The quote `t[qs..qe]` when it is speech: long enough, framed by a verb of saying or a
    /// colon, a paragraph of its own, or speech that goes on (a sentence of its own after
    /// another quote, or one framed by the verb of the sentence before: "X nhấn mạnh: …
    /// Quan hệ … “…”").
    fn frame(&self, qs: usize, qe: usize, quote_before: bool) -> Option<Framed> {
        let t = self.t;
        let words = &t[qs..qe];
        let n = syllables(words);
        let ends_statement = words.trim_end().ends_with(['.', '!', '?', '…']);
        if n < 8 && !(ends_statement && n >= 4) {
            return None;
        }
        let s0 = sentence_start(t, qs);
        let close_len = t[qe..].chars().next().map_or(0, |c| c.len_utf8());
        let after_from = qe + close_len;
        let s1 = sentence_end(t, after_from);
        let before = &t[s0..qs];
        let after = &t[after_from..s1.min(t.len())];
        let framed = has_verb(before)
            || has_verb(after)
            || before.trim_end().ends_with(':')
            || before.trim_start().starts_with("Theo ");
        let whole =
            t[..qs].trim().chars().count() <= 1 && t[after_from..].trim().chars().count() <= 1;
        let own_sentence = before.trim().chars().count() <= 1;
        let prev_sentence = &t[sentence_start(t, s0.saturating_sub(2))..s0];
        let continued = (own_sentence && quote_before)
            || (n >= 8 && has_verb(prev_sentence) && prev_sentence.contains(':'));
        (framed || whole || continued).then_some(Framed {
            qs,
            s0,
            after_from,
            s1,
        })
    }

    /// The speaker after the quote, in its sentence: "dẫn lời X", a person or an outlet
    /// ("…”, KCNA đưa tin") followed by a verb of saying, or "…”, ông nói." (the person
    /// named before, else `last_person`, the one named last before the paragraph).
    fn speaker_after(&self, q: &Framed, last_person: Option<usize>) -> Option<usize> {
        let t = self.t;
        let (after_from, s1) = (q.after_from, q.s1);
        let after = &t[after_from..s1.min(t.len())];
        let found = self.dan_loi(after_from, s1).or_else(|| {
            self.names_in(after_from, s1).into_iter().find(|&k| {
                (is_speaker_type(&self.mentions[k]) || self.ty(k) == Some(EntityType::ORG))
                    && has_verb(&t[self.end(k)..s1])
            })
        });
        if found.is_some() || after.trim().is_empty() {
            return found;
        }
        // "…”, ông nói." or "…”, vị Bộ trưởng nhấn mạnh."
        let l = after.trim_start_matches([',', ' ']).to_lowercase();
        if BACK.iter().any(|b| l.starts_with(b)) && has_verb(after) {
            return self.persons_before(q.qs).or(last_person);
        }
        None
    }

    /// The speaker before the quote, in its sentence: "TASS dẫn lời ông X", "Ông X nhấn
    /// mạnh … “", or the source of "Theo KCNA, “…”".
    fn speaker_before(&self, q: &Framed) -> Option<usize> {
        let before = &self.t[q.s0..q.qs];
        self.dan_loi(q.s0, q.qs).or_else(|| {
            let names = self.names_in(q.s0, q.qs);
            names
                .iter()
                .copied()
                .find(|&k| self.ty(k) == Some(EntityType::PER))
                .or_else(|| {
                    names.first().copied().filter(|&k| {
                        before.trim_start().starts_with("Theo ")
                            && self.ty(k) == Some(EntityType::ORG)
                    })
                })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(page: &str) -> Vec<(String, Option<String>)> {
        let (a, m) = crate::entities::first_article_names(page);
        let a = &a;
        find(a, &m)
            .into_iter()
            .map(|q| {
                (
                    a.paragraphs[q.para].text.text[q.start..q.end].to_string(),
                    q.speaker.map(|k| m[k].mention.surface.clone()),
                )
            })
            .collect()
    }

    #[test]
    fn speaker_after_before_and_through_an_outlet() {
        let page = "Hai bên hội đàm tại Hà Nội\n\
            Phát biểu tại buổi lễ, ông Trần Văn Nam nói về hợp tác. “Tôi tin tưởng rằng các cuộc đàm phán hôm nay sẽ giúp tăng cường hợp tác”, TTXVN dẫn lời ông Nam cho hay.\n\
            “Các chuyến thăm chính thức đều góp phần duy trì hòa bình và ổn định trong khu vực”, ông Nam nhấn mạnh.\n\
            Ông Lê Văn Bình nhấn mạnh hiệp định “rõ ràng đáp ứng được những nhu cầu đang thay đổi trong nhiều năm qua”.\n\
            Theo KCNA, “tại cuộc gặp, hai bên đã thảo luận các biện pháp nhằm tăng cường hợp tác”.\n";
        let q = run(page);
        assert_eq!(q.len(), 4, "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("Nam"));
        assert_eq!(q[1].1.as_deref(), Some("Nam"));
        assert_eq!(q[2].1.as_deref(), Some("Lê Văn Bình"));
        assert_eq!(q[3].1.as_deref(), Some("KCNA"));
    }

    #[test]
    fn scare_quotes_and_descriptions_are_not_speech() {
        let page = "Đoàn đại biểu thăm Huế\n\
            Hai bên hội đàm trong “bầu không khí hữu nghị” và gọi đây là 'bước ngoặt' của quan hệ song phương giữa hai nước.\n\
            Ông Nam được tặng một chiếc áo “nhẹ hơn nhiều so với phiên bản trước đây của nhà máy”.\n";
        assert!(run(page).is_empty());
    }

    #[test]
    fn a_quote_paragraph_takes_the_speaker_named_before() {
        let page = "Lãnh đạo hai nước gặp nhau\n\
            Theo nhà lãnh đạo Nguyễn Văn An, chuyến thăm cho thấy nước này đang ưu tiên quan hệ với đối tác truyền thống.\n\
            “Chúng tôi đã đi đến kết luận rằng hai nước cần tăng cường hơn nữa hợp tác chiến lược.”\n";
        let q = run(page);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("Nguyễn Văn An"));
    }
}
