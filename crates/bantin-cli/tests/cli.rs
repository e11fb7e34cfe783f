//! The `bantin` binary on good and bad input: clear messages, the run goes on, exit status
//! non-zero only when nothing could be read.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

const PAGE: &str = "Hà Nội mở tuyến buýt điện mới\nNgày 3/5/2024, thành phố đưa vào vận hành tuyến buýt điện nối trung tâm với sân bay.\nTuyến có 20 xe, chạy 15 phút một chuyến.\n";

fn bantin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_bantin"));
    c.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("run bantin");
    if let Some(b) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(b)
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("bantin output")
}

/// `bantin search QUERY --store STORE --format jsonl EXTRA…`.
fn search_jsonl(store: &std::path::Path, query: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "search",
        query,
        "--store",
        store.to_str().unwrap(),
        "--format",
        "jsonl",
    ];
    args.extend_from_slice(extra);
    bantin(&args, None)
}

fn records(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("jsonl"))
        .collect()
}

#[test]
fn reads_a_directory_with_bad_files_and_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    std::fs::write(p.join("good.txt"), PAGE).unwrap();
    std::fs::write(p.join("empty.txt"), "").unwrap();
    std::fs::write(
        p.join("image.png"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    )
    .unwrap();
    let mut bad = PAGE.as_bytes().to_vec();
    bad.insert(10, 0xFF);
    std::fs::write(p.join("invalid.txt"), &bad).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(PAGE.as_bytes()).unwrap();
    std::fs::write(p.join("crawl.txt.gz"), gz.finish().unwrap()).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(p.join("missing"), p.join("dangling")).unwrap();

    let out = bantin(&["analyze", p.to_str().unwrap()], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let recs = records(&out);
    assert_eq!(recs.len(), 3, "{err}");
    assert!(recs.iter().all(|r| r["published"] == "2024-05-03"));
    assert!(err.contains("empty.txt: empty file"), "{err}");
    assert!(err.contains("image.png: binary file"), "{err}");
    assert!(
        err.contains("invalid.txt: 1 invalid byte sequences replaced"),
        "{err}"
    );
    assert!(err.contains("3 files read, 3 articles found"), "{err}");
    #[cfg(unix)]
    assert!(err.contains("dangling"), "{err}");
}

#[test]
fn stdin_and_formats() {
    let out = bantin(&["analyze", "-", "--format", "md"], Some(PAGE.as_bytes()));
    assert!(out.status.success());
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.starts_with("# Hà Nội mở tuyến buýt điện mới"), "{md}");
    let out = bantin(&["analyze", "-", "--format", "json"], Some(PAGE.as_bytes()));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json array");
    assert_eq!(v.as_array().map(|a| a.len()), Some(1));
}

#[test]
fn nothing_readable_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("empty.txt"), "  \n").unwrap();
    let out = bantin(&["analyze", dir.path().to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let out = bantin(&["analyze", "/no/such/path"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/path"));
}

#[test]
fn large_files_are_skipped_with_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = PAGE.repeat(1 + (2 << 20) / PAGE.len());
    std::fs::write(dir.path().join("big.txt"), big).unwrap();
    std::fs::write(dir.path().join("ok.txt"), PAGE).unwrap();
    let out = bantin(
        &[
            "analyze",
            dir.path().to_str().unwrap(),
            "--max-size-mb",
            "1",
        ],
        None,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success());
    assert!(err.contains("big.txt: too large"), "{err}");
    assert_eq!(records(&out).len(), 1);
}

#[test]
fn output_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("p.txt");
    std::fs::write(&page, PAGE).unwrap();
    let out_path = dir.path().join("out.jsonl");
    let out = bantin(
        &[
            "analyze",
            page.to_str().unwrap(),
            "-o",
            out_path.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success());
    let text = std::fs::read_to_string(out_path).unwrap();
    assert_eq!(text.lines().count(), 1);
}

#[test]
fn entities_command_and_alias_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = "Bộ trưởng Lê Minh Khoa thăm Mát-xcơ-va\nNgày 3/5/2024, Bộ trưởng Lê Minh Khoa tới Moskva. Ông Khoa gặp đại diện hãng tin Zeta.\n";
    std::fs::write(dir.path().join("a.txt"), page).unwrap();
    let aliases = dir.path().join("aliases.toml");
    std::fs::write(&aliases, "[[entity]]\nid = \"khoa\"\nname = \"Lê Minh Khoa\"\ntype = \"PER\"\nvariants = [\"Khoa\"]\n").unwrap();
    let out = bantin(
        &[
            "entities",
            dir.path().to_str().unwrap(),
            "--format",
            "jsonl",
            "--aliases",
            aliases.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = records(&out);
    let row = |id: &str| {
        rows.iter()
            .find(|r| r["id"] == id)
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(row("moskva")["type"], "LOC");
    assert_eq!(
        row("moskva")["variants"].as_array().map(|v| v.len()),
        Some(2),
        "{rows:?}"
    );
    assert_eq!(row("khoa")["name"], "Lê Minh Khoa");
    assert_eq!(row("khoa")["first"], "2024-05-03");
    // analyze carries the same ids, with spans into the file
    let out = bantin(
        &[
            "analyze",
            dir.path().to_str().unwrap(),
            "--aliases",
            aliases.to_str().unwrap(),
        ],
        None,
    );
    let recs = records(&out);
    let ents = recs[0]["entities"].as_array().unwrap();
    assert!(ents
        .iter()
        .any(|e| e["id"] == "khoa" && e["text"] == "Khoa"));
    for e in ents {
        let (s, t) = (
            e["span"][0].as_u64().unwrap() as usize,
            e["span"][1].as_u64().unwrap() as usize,
        );
        assert_eq!(&page[s..t], e["text"].as_str().unwrap());
    }
    // a bad alias file is a clear error
    std::fs::write(&aliases, "[[entity]]\nid = 1\n").unwrap();
    let out = bantin(
        &[
            "entities",
            dir.path().to_str().unwrap(),
            "--aliases",
            aliases.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("aliases.toml"));
}

#[test]
fn quotes_command_filters_by_speaker() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = "Hai bộ trưởng hội đàm tại Hà Nội\nNgày 3/5/2024, ông Trần Văn Nam hội đàm với ông Lê Văn Bình tại Hà Nội. “Chúng tôi tin tưởng rằng hợp tác giữa hai bên sẽ tiếp tục phát triển”, ông Nam nói.\n“Hai bộ sẽ cùng nhau thúc đẩy các dự án đã ký kết trong năm nay”, ông Bình nhấn mạnh.\n";
    std::fs::write(dir.path().join("a.txt"), page).unwrap();
    let out = bantin(
        &[
            "quotes",
            dir.path().to_str().unwrap(),
            "--format",
            "jsonl",
            "--speaker",
            "tran van nam",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = records(&out);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["speaker"], "Trần Văn Nam");
    assert_eq!(rows[0]["date"], "2024-05-03");
    // analyze has the times, quotes and events of the article
    let out = bantin(&["analyze", dir.path().to_str().unwrap()], None);
    let r = &records(&out)[0];
    assert_eq!(r["times"][0]["value"], "2024-05-03");
    assert_eq!(r["quotes"].as_array().map(|q| q.len()), Some(2));
    assert_eq!(r["events"][0]["type"], "MEET");
    assert_eq!(r["events"][0]["date"], "2024-05-03");
}

#[test]
fn digest_writes_html_markdown_and_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    std::fs::write(p.join("a.txt"), PAGE).unwrap();
    // the same copy on a second site
    std::fs::write(p.join("b.txt"), PAGE.replace("20 xe", "hai mươi xe")).unwrap();
    let (html, json) = (p.join("r.html"), p.join("s.json"));
    let out = bantin(
        &[
            "digest",
            p.to_str().unwrap(),
            "-o",
            html.to_str().unwrap(),
            "--json",
            json.to_str().unwrap(),
            "--markdown",
            "-",
        ],
        None,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("1 copies collapsed"), "{err}");
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("# Hà Nội mở tuyến buýt điện mới"), "{md}");
    assert!(md.contains("cũng đưa tin"), "{md}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<svg") && page.contains("</html>"));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(v["stories"].as_array().unwrap().len(), 1);
    assert_eq!(v["topic"]["timeline"][0]["date"], "2024-05-03");
    assert_eq!(v["stories"][0]["articles"].as_array().unwrap().len(), 2);
}

/// Pages different enough to be separate articles, each with its own date and person.
fn write_pages(dir: &std::path::Path, n: usize) {
    const THINGS: [&str; 5] = [
        "cây cầu",
        "bệnh viện",
        "trường học",
        "nhà máy nước",
        "tuyến buýt",
    ];
    for i in 0..n {
        let thing = THINGS[(i / 6) % THINGS.len()];
        let text = common::page(i, thing, "Nguyễn Văn An");
        std::fs::write(dir.join(format!("p{i:05}.txt")), text).unwrap();
    }
}

fn store_stats(store: &std::path::Path) -> serde_json::Value {
    let out = bantin(&["stats", "--store", store.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stats json")
}

#[test]
fn a_store_killed_mid_ingest_opens_consistent_and_resumes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pages = dir.path().join("pages");
    let store = dir.path().join("store");
    std::fs::create_dir(&pages).unwrap();
    let n = 4000;
    write_pages(&pages, n);
    let args = [
        "ingest",
        pages.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
        "-q",
    ];
    let mut kills = 0;
    for wait_ms in [400u64, 900, 1500] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bantin"))
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run bantin");
        std::thread::sleep(std::time::Duration::from_millis(wait_ms));
        // SIGKILL on Unix: no chance to clean up
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            kills += 1;
        }
        child.wait().unwrap();
        if !store.join("bantin.sqlite").exists() {
            continue;
        }
        // the store opens, and its index holds exactly the articles of its database
        let s = store_stats(&store);
        assert_eq!(
            s["articles"], s["indexed"],
            "after a kill at {wait_ms} ms: {s}"
        );
        assert_eq!(s["pages"], s["articles"], "{s}");
    }
    assert!(
        kills > 0,
        "the ingest finished before any kill: use more pages"
    );
    // resuming finishes the work, without doubles
    let out = bantin(&args, None);
    assert!(out.status.success());
    let s = store_stats(&store);
    assert_eq!(s["pages"], n, "{s}");
    assert_eq!(s["articles"], n, "{s}");
    assert_eq!(s["indexed"], n, "{s}");
    // and the search works on it, tone marks or not
    let out = search_jsonl(&store, "khanh thanh \"cay cau\"", &["--limit", "3"]);
    assert!(out.status.success());
    let hits = records(&out);
    assert_eq!(hits.len(), 3);
    assert!(hits[0]["title"].as_str().unwrap().contains("cây cầu"));
}

#[test]
fn around_gives_a_year_to_undated_pages_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    let undated = "Hà Nội mở tuyến buýt điện mới\n\nSáng 28/12, thành phố đưa vào vận hành tuyến buýt điện nối trung tâm với sân bay.\n";
    std::fs::write(p.join("undated.txt"), undated).unwrap();
    std::fs::write(p.join("dated.txt"), PAGE).unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["analyze", p.to_str().unwrap(), "-q"];
        args.extend_from_slice(extra);
        let out = bantin(&args, None);
        assert!(out.status.success(), "{out:?}");
        let mut r: Vec<(String, String, String)> = records(&out)
            .iter()
            .map(|r| {
                let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
                (s("source"), s("published"), s("published_from"))
            })
            .collect();
        r.sort();
        r
    };
    let plain = run(&[]);
    assert!(plain[1].0.ends_with("undated.txt"));
    assert_eq!(
        (plain[1].1.as_str(), plain[1].2.as_str()),
        ("XXXX-12-28", "text")
    );
    let hinted = run(&["--around", "2024-01"]);
    assert_eq!(hinted[0], plain[0], "a dated page is not touched");
    assert_eq!(
        (hinted[1].1.as_str(), hinted[1].2.as_str()),
        ("2023-12-28", "hint")
    );
    let bad = bantin(
        &["analyze", p.to_str().unwrap(), "--around", "tháng 2"],
        None,
    );
    assert!(!bad.status.success());
}

#[test]
fn ingest_reads_around_for_undated_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pages = dir.path().join("pages");
    let store = dir.path().join("store");
    std::fs::create_dir(&pages).unwrap();
    let undated = "Hà Nội mở tuyến buýt điện mới\n\nSáng 28/12, thành phố đưa vào vận hành tuyến buýt điện nối trung tâm với sân bay.\n";
    std::fs::write(pages.join("undated.txt"), undated).unwrap();
    let out = bantin(
        &[
            "ingest",
            pages.to_str().unwrap(),
            "--store",
            store.to_str().unwrap(),
            "--around",
            "2024-01",
            "-q",
        ],
        None,
    );
    assert!(out.status.success(), "{out:?}");
    let out = search_jsonl(&store, "buýt điện", &[]);
    assert!(out.status.success(), "{out:?}");
    let hits = records(&out);
    assert_eq!(hits.len(), 1);
    // the text gives no year ("XXXX-12-28" without the hint): the hint's nearest one
    assert_eq!(hits[0]["published"], "2023-12-28", "{}", hits[0]);
}
