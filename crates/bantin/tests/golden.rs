//! Golden tests: every example page read into a readable summary, compared with a snapshot
//! (`cargo insta review` after an intended change).

use std::path::Path;

fn summary(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("example page");
    let read = bantin::read_page(&bytes).expect("example reads");
    let mut out = format!(
        "format {:?}, encoding {}\n",
        read.format,
        read.encoding.name()
    );
    for a in &read.articles {
        out.push_str(&format!("\n== article {}\n", a.index));
        if let Some(t) = &a.title {
            out.push_str(&format!("title {:?} {:?}\n", t.text, t.span()));
        }
        if let Some((d, how)) = &a.published {
            out.push_str(&format!("published {} ({how:?})\n", d.iso()));
        }
        if let Some(b) = &a.byline {
            out.push_str(&format!(
                "byline {:?} {:?} {:?}\n",
                b.author, b.sources, b.span
            ));
        }
        for p in &a.paragraphs {
            let sp = p.text.span();
            out.push_str(&format!(
                "{:?} [{}, {}] {}\n",
                p.kind, sp.start, sp.end, p.text.text
            ));
        }
    }
    out
}

#[test]
fn example_pages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/pages");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    assert!(paths.len() >= 5);
    for p in paths {
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("page")
            .replace('.', "_");
        insta::assert_snapshot!(name, summary(&p));
    }
}
