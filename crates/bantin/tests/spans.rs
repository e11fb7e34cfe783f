//! Property tests: no panic on any input, and every span slices its source to its text.

use bantin::text::{is_invisible, is_space};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// What a span of a text page holds, tidied the way paragraph text is.
fn tidy(src: &str) -> String {
    let nfc: String = src.nfc().collect();
    let mut out = String::new();
    let mut space = false;
    for c in nfc.chars() {
        if is_space(c) {
            space = !out.is_empty();
        } else if !is_invisible(c) {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

fn recognizer() -> &'static bantin::Recognizer {
    static E: std::sync::OnceLock<bantin::Engine> = std::sync::OnceLock::new();
    E.get_or_init(bantin::Engine::builtin).recognizer()
}

fn words() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("Hà Nội".to_string()),
        Just("ngày 26/7".to_string()),
        Just("Bộ trưởng".to_string()),
        Just("Sergei Shoigu".to_string()),
        Just("Bộ Quốc phòng Nga".to_string()),
        Just("ông Kim".to_string()),
        Just("Nga-Triều Tiên".to_string()),
        Just("(KCNA)".to_string()),
        Just("hoà".to_string()),
        Just("Ha\u{300}".to_string()),
        Just("“trích dẫn”".to_string()),
        Just("Ảnh: TTXVN".to_string()),
        Just("15/09/2023 04:04".to_string()),
        Just("...".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{200b}".to_string()),
        "[a-zA-ZđĐàáạảãâầấậẩẫăằắặẳẵ]{1,8}",
        "[0-9/:.,-]{1,6}",
        any::<String>(),
    ];
    prop::collection::vec(word, 1..12).prop_map(|w| w.join(" "))
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(words(), 1..15).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn text_spans_slice_to_their_text(src in page()) {
        if let Ok(read) = bantin::read_page(src.as_bytes()) {
            if read.format == bantin::Format::Text {
                for a in &read.articles {
                    for p in a.paragraphs.iter().map(|p| &p.text).chain(a.title.iter()) {
                        let sp = p.span();
                        prop_assert!(src.is_char_boundary(sp.start) && src.is_char_boundary(sp.end));
                        prop_assert_eq!(tidy(&src[sp.start..sp.end]), p.text.clone());
                        // every word maps back to itself
                        let mut off = 0;
                        for w in p.text.split(' ') {
                            let ws = p.sub_span(off, off + w.len());
                            prop_assert_eq!(tidy(&src[ws.start..ws.end]), w.nfc().collect::<String>());
                            off += w.len() + 1;
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn html_spans_stay_in_bounds(body in page(), title in words()) {
        let html = format!("<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{}</p></article></body></html>", body.replace('\n', "</p><p>"));
        if let Ok(read) = bantin::read_page(html.as_bytes()) {
            for a in &read.articles {
                for p in a.paragraphs.iter().map(|p| &p.text).chain(a.title.iter()) {
                    let sp = p.span();
                    prop_assert!(sp.end <= html.len());
                    prop_assert!(html.is_char_boundary(sp.start) && html.is_char_boundary(sp.end));
                }
            }
        }
    }

    #[test]
    fn entity_spans_slice_to_their_names(src in page()) {
        let r = recognizer();
        if let Ok(read) = bantin::read_page(src.as_bytes()) {
            if read.format == bantin::Format::Text && read.encoding == bantin::Encoding::Utf8 {
                for (i, a) in read.articles.iter().enumerate() {
                    for p in bantin::stages::recognize_article(r, a, i) {
                        let got: String = src[p.src.start..p.src.end].nfc().collect();
                        prop_assert_eq!(got, p.mention.surface.clone());
                    }
                }
            }
        }
    }

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let _ = bantin::read_page(&bytes);
    }
}
