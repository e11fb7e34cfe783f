//! Fuzzes the page reader: no panic on any bytes, and every span it reports lies inside the
//! input on character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(read) = bantin::read_page(data) {
        for a in &read.articles {
            let spans = a.paragraphs.iter().map(|p| p.text.span()).chain(a.title.iter().map(|t| t.span()));
            for s in spans {
                assert!(s.start <= s.end && s.end <= data.len(), "span {s:?} outside {} bytes", data.len());
            }
        }
    }
});
