//! How copy detection and story clustering (`bantin::group_records`) scale: 10k, 30k and 100k
//! articles generated from the example pages with variations, timed in one run, with the
//! cost per article beside each so that growth can be read as a ratio (1.00 = linear). The
//! cost per article and the ratio are of CPU time (the thread's time on a core), wall-clock
//! time beside it.
//! Also times building the whole digest (timelines, summaries, topics) at each size.
//!
//! `cargo bench -p bantin --bench scale` (one thread; `BANTIN_SCALE=10000,30000` to choose
//! the sizes).

use bantin::{EntityRecord, EntityType, Record};
use std::path::Path;
use std::time::Instant;

/// The records of the example pages' articles.
fn fixtures() -> Vec<Record> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/pages");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let bytes = std::fs::read(&p).expect("example page");
        if let Ok(read) = bantin::read_page(&bytes) {
            for a in &read.articles {
                if a.paragraphs.len() >= 2 {
                    out.push(Record::new(&p.display().to_string(), a));
                }
            }
        }
    }
    out
}

mod common {
    pub mod xorshift;
}
use common::xorshift::Rng;

const WORDS: &[&str] = &[
    "tỉnh",
    "thành",
    "phố",
    "người",
    "dân",
    "cho",
    "biết",
    "năm",
    "nay",
    "dự",
    "án",
    "mới",
    "công",
    "trình",
    "đường",
    "sông",
    "cầu",
    "giá",
    "tăng",
    "giảm",
    "học",
    "sinh",
    "bệnh",
    "viện",
    "mưa",
    "lũ",
    "xe",
    "điện",
    "nhà",
    "máy",
    "lao",
    "động",
    "vốn",
    "đầu",
    "tư",
];

/// Article `i` of a generated run: a fixture with a share of its words replaced; one in ten
/// is a near copy of the article before it (another outlet running the same copy). Stories
/// have about 20 articles: two people each and dates a day apart.
fn generate(fx: &[Record], n: usize) -> Vec<Record> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out: Vec<Record> = Vec::with_capacity(n);
    for i in 0..n {
        let copy = i % 10 == 9;
        let (base, rate) = if copy {
            (out[i - 1].clone(), 2)
        } else {
            (fx[i % fx.len()].clone(), 35)
        };
        let mut r = base;
        r.source = format!("gen/{i}.txt");
        for p in r.paragraphs.iter_mut() {
            let words: Vec<String> = p
                .text
                .split(' ')
                .map(|w| {
                    if rng.next() % 100 < rate {
                        WORDS[(rng.next() % WORDS.len() as u64) as usize].to_string()
                    } else {
                        w.to_string()
                    }
                })
                .collect();
            p.text = words.join(" ");
        }
        let story = i / 20;
        r.entities = (0..2)
            .map(|k| EntityRecord {
                text: format!("Người {story}-{k}"),
                ty: EntityType::PER,
                span: [0, 0],
                id: format!("p{story}-{k}"),
            })
            .collect();
        let day = story % 336;
        r.published = Some(format!(
            "{}-{:02}-{:02}",
            2020 + story / 336,
            1 + day / 28,
            1 + day % 28
        ));
        out.push(r);
    }
    out
}

/// Time this thread has spent on a CPU, in seconds (from /proc/thread-self/schedstat, so a
/// machine shared with other work does not inflate it); `None` where it cannot be read.
fn cpu_time() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 * 1e-9)
}

/// Median wall-clock and CPU seconds of `runs` runs of `f` (CPU = wall when unknown), and
/// the last result.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, f64, T) {
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let (t, c) = (Instant::now(), cpu_time());
        last = Some(std::hint::black_box(f()));
        let wall = t.elapsed().as_secs_f64();
        walls.push(wall);
        cpus.push(match (c, cpu_time()) {
            (Some(a), Some(b)) => b - a,
            _ => wall,
        });
    }
    walls.sort_by(f64::total_cmp);
    cpus.sort_by(f64::total_cmp);
    (walls[runs / 2], cpus[runs / 2], last.expect("one run"))
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` runs this file as a test: be quick
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    let sizes: Vec<usize> = std::env::var("BANTIN_SCALE")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 30_000, 100_000]);
    let fx = fixtures();
    println!(
        "scale: copies and stories (group_records), then the whole digest (digest_with_words)"
    );
    println!(
        "{:>8} {:>8} {:>8} {:>12} {:>7} {:>8} {:>8} {:>8} {:>12}",
        "articles",
        "group s",
        "cpu s",
        "cpu µs/art",
        "ratio",
        "copies",
        "stories",
        "build s",
        "µs/article"
    );
    let mut first: Option<f64> = None;
    for n in sizes {
        let records = generate(&fx, n);
        let (secs, cpu, g) = time(3, || bantin::group_records(&records));
        let per = cpu * 1e6 / n as f64;
        let base = *first.get_or_insert(per);
        let copies = g
            .copy_of
            .iter()
            .enumerate()
            .filter(|(i, c)| i != *c)
            .count();
        let stories = g.story.iter().max().map_or(0, |m| m + 1);
        let (bsecs, _, _) = time(1, || {
            bantin::digest_with_words(&records, &g, bantin::DEFAULT_SUMMARY_WORDS)
                .stories
                .len()
        });
        println!(
            "{n:>8} {secs:>8.3} {cpu:>8.3} {per:>12.1} {:>7.2} {copies:>8} {stories:>8} {bsecs:>8.3} {:>12.1}",
            per / base,
            bsecs * 1e6 / n as f64
        );
    }
}
