//! Profiling aid: reads every file of a directory N times with entities, linked as one run.
fn main() {
    let dir = std::env::args().nth(1).expect("dir");
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    let pages: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| std::fs::read(e.ok()?.path()).ok())
        .collect();
    let r = bantin::entities::Recognizer::new(bantin::entities::kb::Kb::new(&[]).expect("aliases"));
    let mut k = 0;
    let mut placed = Vec::new();
    let tr = std::time::Instant::now();
    let mut arts = 0;
    for _ in 0..n {
        for p in &pages {
            if let Ok(read) = bantin::read_page(p) {
                arts += read.articles.len();
            }
        }
    }
    eprintln!("read only {:?} ({arts} articles)", tr.elapsed());
    let t0 = std::time::Instant::now();
    for _ in 0..n {
        for p in &pages {
            if let Ok(read) = bantin::read_page(p) {
                for a in &read.articles {
                    placed.extend(bantin::entities::recognize_article(&r, a, k));
                    k += 1;
                }
            }
        }
    }
    let t1 = std::time::Instant::now();
    let ents = bantin::entities::Linker::link(r.kb(), &mut placed).1.len();
    let t2 = std::time::Instant::now();
    eprintln!(
        "recognize {:?} link {:?} ({} mentions, {ents} entities)",
        t1 - t0,
        t2 - t1,
        placed.len()
    );
}
