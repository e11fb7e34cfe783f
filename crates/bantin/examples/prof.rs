//! Profiling aid: every stage over every file of a directory, N times, linked as one run.
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
    let engine = bantin::Engine::builtin();
    let r = engine.recognizer();
    let (mut k, mut extra) = (0, 0);
    let mut placed = Vec::new();
    let (mut t_read, mut t_rec, mut t_q, mut t_e, mut t_t) = (0f64, 0f64, 0f64, 0f64, 0f64);
    for _ in 0..n {
        for p in &pages {
            let t0 = std::time::Instant::now();
            let Ok(read) = bantin::read_page(p) else {
                continue;
            };
            t_read += t0.elapsed().as_secs_f64();
            for a in &read.articles {
                let t1 = std::time::Instant::now();
                let found = bantin::stages::recognize_article(r, a, k);
                let at = bantin::stages::ArticleTimes::of(a);
                t_rec += t1.elapsed().as_secs_f64();
                let t2 = std::time::Instant::now();
                extra += bantin::stages::quotes(a, &found).len();
                t_q += t2.elapsed().as_secs_f64();
                let t3 = std::time::Instant::now();
                extra += bantin::stages::events(a, &found, &at).len();
                t_e += t3.elapsed().as_secs_f64();
                let t4 = std::time::Instant::now();
                extra += bantin::stages::times(a, &at).len();
                t_t += t4.elapsed().as_secs_f64();
                placed.extend(found);
                k += 1;
            }
        }
    }
    let t5 = std::time::Instant::now();
    let ents = bantin::stages::Linker::link(r.kb(), &mut placed).1.len();
    eprintln!("read {t_read:.3}s recognize {t_rec:.3}s quotes {t_q:.3}s events {t_e:.3}s times {t_t:.3}s link {:.3}s ({ents} entities, {extra})", t5.elapsed().as_secs_f64());
}
