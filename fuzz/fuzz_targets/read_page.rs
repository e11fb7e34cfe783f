//! Fuzzes the page reader and every stage after it: no panic on any bytes, and every span
//! lies inside the input.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn recognizer() -> &'static bantin::entities::Recognizer {
    static R: OnceLock<bantin::entities::Recognizer> = OnceLock::new();
    R.get_or_init(|| bantin::entities::Recognizer::new(bantin::entities::kb::Kb::new(&[]).expect("aliases")))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(read) = bantin::read_page(data) {
        let mut placed = Vec::new();
        let mut records = Vec::new();
        for (i, a) in read.articles.iter().enumerate() {
            let spans = a.paragraphs.iter().map(|p| p.text.span()).chain(a.title.iter().map(|t| t.span()));
            for s in spans {
                assert!(s.start <= s.end && s.end <= data.len(), "span {s:?} outside {} bytes", data.len());
            }
            let found = bantin::entities::recognize_article(recognizer(), a, i);
            for p in &found {
                assert!(p.src.end <= data.len());
            }
            let _ = bantin::quotes::find(a, &found);
            let at = bantin::temporal::ArticleTimes::of(a);
            let _ = bantin::events::find(a, &found, &at);
            for t in bantin::record::times(a, &at) {
                assert!(t.span[1] <= data.len());
            }
            placed.extend(found);
            records.push(bantin::record::Record::with_times("fuzz", a, &at));
        }
        let _ = bantin::entities::Linker::link(recognizer().kb(), &mut placed);
        // the digest of the page's articles: copies, stories, timeline, summaries, report
        let g = bantin::digest::group(&records);
        let d = bantin::digest::build(&records, &g);
        let _ = bantin::digest::report::html(&d, &records, &g);
    }
});
