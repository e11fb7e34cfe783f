//! Throughput of page reading, in MB/s per core (criterion runs on one thread), on corpora
//! generated from the example pages, each beside a baseline measured in the same run:
//! splitting lines (text) and tokenizing with html5gum (HTML). `events` times the events
//! stage alone, on articles read and with names and dates found beforehand (MB/s of the
//! pages they come from).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;

/// Pages made from the examples with variations (numbers and names shifted), about `target`
/// bytes in all.
fn corpus(ext: &str, target: usize) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/pages");
    let mut seeds: Vec<String> = std::fs::read_dir(dir)
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    seeds.sort();
    let names = ["Nghệ An", "Hà Tĩnh", "Quảng Bình", "Thanh Hóa", "Huế"];
    let mut out = Vec::new();
    let mut total = 0;
    let mut i = 0usize;
    while total < target {
        let s = &seeds[i % seeds.len()];
        let v = s
            .replace("14/3", &format!("{}/{}", 1 + i % 28, 1 + i % 12))
            .replace("Nghệ An", names[i % names.len()])
            .replace("1.500", &format!("{}.{:03}", 1 + i % 9, i % 1000));
        // longer pages, as real ones are: the body told a few times over
        let v = if ext == "txt" {
            format!("{v}\n{}", v.lines().skip(2).collect::<Vec<_>>().join("\n"))
        } else {
            v
        };
        total += v.len();
        out.push(v.into_bytes());
        i += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    for (ext, name) in [("txt", "text"), ("html", "html")] {
        let pages = corpus(ext, 4 << 20);
        let bytes: usize = pages.iter().map(|p| p.len()).sum();
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(bytes as u64));
        g.sample_size(10);
        g.bench_function("analyze", |b| {
            b.iter(|| {
                let mut n = 0;
                for p in &pages {
                    if let Ok(r) = bantin::read_page(black_box(p)) {
                        n += r.articles.len();
                    }
                }
                n
            })
        });
        let engine = bantin::Engine::builtin();
        let recognizer = engine.recognizer();
        g.bench_function("analyze_entities", |b| {
            b.iter(|| {
                let mut placed = Vec::new();
                let mut n = 0;
                for p in &pages {
                    if let Ok(r) = bantin::read_page(black_box(p)) {
                        for a in &r.articles {
                            placed.extend(bantin::stages::recognize_article(recognizer, a, n));
                            n += 1;
                        }
                    }
                }
                bantin::stages::Linker::link(recognizer.kb(), &mut placed)
                    .1
                    .len()
            })
        });
        g.bench_function("analyze_all_stages", |b| {
            b.iter(|| {
                let mut placed = Vec::new();
                let mut n = 0;
                let mut extra = 0;
                for p in &pages {
                    if let Ok(r) = bantin::read_page(black_box(p)) {
                        for a in &r.articles {
                            let found = bantin::stages::recognize_article(recognizer, a, n);
                            let at = bantin::stages::ArticleTimes::of(a);
                            extra += bantin::stages::quotes(a, &found).len();
                            extra += bantin::stages::events(a, &found, &at).len();
                            extra += bantin::stages::times(a, &at).len();
                            placed.extend(found);
                            n += 1;
                        }
                    }
                }
                extra
                    + bantin::stages::Linker::link(recognizer.kb(), &mut placed)
                        .1
                        .len()
            })
        });
        // events alone: the pages read, their names and dates found beforehand
        let read: Vec<_> = pages
            .iter()
            .filter_map(|p| bantin::read_page(p).ok())
            .flat_map(|r| r.articles)
            .enumerate()
            .map(|(n, a)| {
                let found = bantin::stages::recognize_article(recognizer, &a, n);
                let at = bantin::stages::ArticleTimes::of(&a);
                (a, found, at)
            })
            .collect();
        g.bench_function("events", |b| {
            b.iter(|| {
                read.iter()
                    .map(|(a, found, at)| bantin::stages::events(black_box(a), found, at).len())
                    .sum::<usize>()
            })
        });
        if ext == "txt" {
            g.bench_function("baseline_lines", |b| {
                b.iter(|| {
                    let mut n = 0;
                    for p in &pages {
                        let s = std::str::from_utf8(black_box(p)).unwrap_or("");
                        n += s.lines().filter(|l| !l.trim().is_empty()).count();
                    }
                    n
                })
            });
        } else {
            g.bench_function("baseline_tokenize", |b| {
                b.iter(|| {
                    let mut n = 0;
                    for p in &pages {
                        let s = std::str::from_utf8(black_box(p)).unwrap_or("");
                        n += html5gum::Tokenizer::new(s).flatten().count();
                    }
                    n
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
