//! Faults: a full disk, a read-only store, a damaged index, two writers, a power cut
//! between the two commits. Each test names the promise it checks. A fault that stops a
//! process (a file-size limit, a failpoint) runs in a child: this test binary again, told
//! by `BANTIN_FAULT_CHILD` which part to play.

use super::*;
use std::process::Command;

fn page(name: &str, text: &str) -> Page {
    Page {
        name: name.to_string(),
        bytes: text.as_bytes().to_vec(),
    }
}

/// `n` pages, each its own article with its own date, place and person.
fn pages(tag: &str, n: usize) -> Vec<Page> {
    const PLACES: [&str; 5] = ["Hà Nội", "Huế", "Đà Nẵng", "Cần Thơ", "Hải Phòng"];
    (0..n)
        .map(|i| {
            let place = PLACES[i % PLACES.len()];
            page(
                &format!("{tag}-{i}.txt"),
                &format!(
                    "{place} khởi công công trình {tag} số {i}\n\
                     Ngày {}/{}/2024, {place} khởi công công trình {tag} số {i} với tổng vốn {} tỷ đồng. \
                     Ông Trần Văn Bình{i} cho biết công trình phục vụ khoảng {} nghìn người dân trong vùng.\n\
                     Theo kế hoạch, công trình hoàn thành trong năm {}.\n",
                    1 + i % 28,
                    1 + i % 12,
                    100 + i,
                    10 + i % 90,
                    2025 + i % 3
                ),
            )
        })
        .collect()
}

fn quiet(_: Progress) {}

fn search_total(s: &Store, text: &str) -> usize {
    s.search_uncached(&Query {
        text: text.to_string(),
        ..Query::default()
    })
    .unwrap()
    .total
}

/// Pages, articles and indexed documents agree: every page with articles has them all,
/// the index holds exactly the database's articles.
fn assert_consistent(s: &Store) -> Stats {
    let st = s.count().unwrap();
    assert_eq!(st.articles, st.indexed, "{st:?}");
    let (listed, counted): (i64, i64) = s
        .read(|c| {
            Ok(c.query_row(
                "SELECT (SELECT COALESCE(SUM(articles), 0) FROM pages), (SELECT COUNT(*) FROM articles)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    assert_eq!(listed, counted, "pages' articles and articles differ");
    st
}

/// Runs this test again in a child process, as `part`, on `dir`; `limit` is a file-size
/// limit in bytes (RLIMIT_FSIZE, with SIGXFSZ ignored so that writes fail with EFBIG).
fn child(test: &str, part: &str, dir: &Path, limit: Option<u64>, env: &[(&str, &str)]) -> String {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env("BANTIN_FAULT_CHILD", part)
        .env("BANTIN_FAULT_DIR", dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    if let Some(bytes) = limit {
        // SAFETY: only async-signal-safe calls between fork and exec
        unsafe {
            cmd.pre_exec(move || {
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                let lim = libc::rlimit {
                    rlim_cur: bytes,
                    rlim_max: bytes,
                };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let out = cmd.output().unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The part this process plays, when it is a child.
fn playing() -> Option<(String, PathBuf)> {
    let part = std::env::var("BANTIN_FAULT_CHILD").ok()?;
    let dir = std::env::var_os("BANTIN_FAULT_DIR")?;
    Some((part, PathBuf::from(dir)))
}

fn largest_file(dir: &Path) -> u64 {
    let mut max = 0;
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let m = e.metadata().unwrap();
        max = max.max(if m.is_dir() {
            largest_file(&e.path())
        } else {
            m.len()
        });
    }
    max
}

#[test]
fn a_full_disk_stops_a_batch_whole_and_keeps_the_store_consistent() {
    if let Some((part, dir)) = playing() {
        if part == "full-disk" {
            let s = Store::open(&dir, &[]).expect("opens under the limit");
            match s.ingest(pages("full", 400), &quiet) {
                Ok(r) => println!("CHILD OK {r:?}"),
                Err(e) => println!("CHILD ERR {:?}: {e}", e.kind()),
            }
        }
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    {
        let s = Store::open(dir, &[]).unwrap();
        s.ingest(pages("first", 20), &quiet).unwrap();
    }
    // no file may grow much past the largest one there is: the batch's writes fail
    let limit = largest_file(dir) + 32 * 1024;
    let out = child(
        "fault_tests::a_full_disk_stops_a_batch_whole_and_keeps_the_store_consistent",
        "full-disk",
        dir,
        Some(limit),
        &[],
    );
    assert!(out.contains("CHILD ERR Internal"), "{out}");
    assert!(!out.contains("panicked"), "{out}");
    let s = Store::open(dir, &[]).unwrap();
    let st = assert_consistent(&s);
    // the failed batch left nothing: not a page, not an article
    assert_eq!((st.pages, st.articles), (20, 20), "{out}");
    assert_eq!(search_total(&s, "first"), 20);
    assert_eq!(search_total(&s, "full"), 0);
    // with room again, the same pages go in whole
    let r = s.ingest(pages("full", 400), &quiet).unwrap();
    assert_eq!(r.pages_added, 400);
    assert_eq!(assert_consistent(&s).articles, 420);
}

#[test]
fn a_power_cut_between_the_database_and_index_commits_loses_nothing() {
    if let Some((part, dir)) = playing() {
        if part == "cut" {
            let s = Store::open(&dir, &[]).unwrap();
            let _ = s.ingest(pages("cut", 30), &quiet);
            println!("CHILD SURVIVED");
        }
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    {
        let s = Store::open(dir, &[]).unwrap();
        s.ingest(pages("before", 10), &quiet).unwrap();
    }
    let out = child(
        "fault_tests::a_power_cut_between_the_database_and_index_commits_loses_nothing",
        "cut",
        dir,
        None,
        &[("BANTIN_FAILPOINT", "between-commits")],
    );
    assert!(out.contains("failpoint between-commits"), "{out}");
    assert!(!out.contains("CHILD SURVIVED"), "{out}");
    // the database took the batch, the index did not: opening indexes it
    let s = Store::open(dir, &[]).unwrap();
    let st = assert_consistent(&s);
    assert_eq!(st.articles, 40);
    assert_eq!(search_total(&s, "cut"), 30);
    assert_eq!(
        s.stories(0, 100)
            .unwrap()
            .iter()
            .map(|x| x.articles)
            .sum::<usize>(),
        40
    );
}

#[test]
fn an_index_ahead_of_its_database_drops_what_the_database_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    {
        let s = Store::open(dir, &[]).unwrap();
        s.ingest(pages("kept", 5), &quiet).unwrap();
        s.ingest(pages("lost", 3), &quiet).unwrap();
    }
    // as if the database's last commit never reached the disk, the index's did
    {
        let c = connect(dir).unwrap();
        c.execute_batch(
            "DELETE FROM mentions WHERE article > 5; DELETE FROM articles WHERE id > 5;
             DELETE FROM pages WHERE source LIKE 'lost-%';
             UPDATE meta SET value='5' WHERE key='last_article';",
        )
        .unwrap();
    }
    let s = Store::open(dir, &[]).unwrap();
    let st = assert_consistent(&s);
    assert_eq!(st.articles, 5);
    assert_eq!(search_total(&s, "lost"), 0);
    // and the lost pages can come again
    s.ingest(pages("lost", 3), &quiet).unwrap();
    assert_eq!(assert_consistent(&s).articles, 8);
    assert_eq!(search_total(&s, "lost"), 3);
}

#[test]
fn a_damaged_index_folder_is_rebuilt_from_the_database() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    {
        let s = Store::open(dir, &[]).unwrap();
        s.ingest(pages("road", 12), &quiet).unwrap();
    }
    // garbage in the index's meta file
    std::fs::write(dir.join("index/meta.json"), b"{ not json").unwrap();
    {
        let s = Store::open(dir, &[]).unwrap();
        assert_eq!(assert_consistent(&s).articles, 12);
        assert_eq!(search_total(&s, "road"), 12);
    }
    // a segment file gone
    let seg = std::fs::read_dir(dir.join("index"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "idx"))
        .expect("a segment");
    std::fs::remove_file(seg).unwrap();
    let s = Store::open(dir, &[]).unwrap();
    assert_eq!(assert_consistent(&s).articles, 12);
    assert_eq!(search_total(&s, "road"), 12);
}

#[test]
fn two_writers_at_once_take_turns_and_lose_or_double_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    drop(Store::open(dir, &[]).unwrap());
    // two stores on one directory lock as two processes do (one open file each)
    let a = Store::open(dir, &[]).unwrap();
    let b = Store::open(dir, &[]).unwrap();
    let shared = pages("both", 30);
    std::thread::scope(|sc| {
        let ra = sc.spawn(|| {
            let mut ps = pages("alpha", 120);
            ps.extend(shared.iter().cloned());
            a.ingest(ps, &quiet).unwrap()
        });
        let rb = sc.spawn(|| {
            let mut ps = shared.clone();
            ps.extend(pages("beta", 120));
            b.ingest(ps, &quiet).unwrap()
        });
        let (ra, rb) = (ra.join().unwrap(), rb.join().unwrap());
        // each shared page was added by exactly one of them
        assert_eq!(ra.pages_added + rb.pages_added, 270, "{ra:?} {rb:?}");
        assert_eq!(ra.pages_unchanged + rb.pages_unchanged, 30);
    });
    drop((a, b));
    let s = Store::open(dir, &[]).unwrap();
    let st = assert_consistent(&s);
    assert_eq!((st.pages, st.articles), (270, 270));
    assert_eq!(search_total(&s, "both"), 30);
}

#[test]
fn a_writer_kept_waiting_too_long_gets_a_busy_error_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let a = Store::open(dir, &[]).unwrap();
    let b = Store::open(dir, &[]).unwrap();
    b.set_lock_wait(std::time::Duration::from_millis(200));
    let held = a.write_lock().unwrap();
    let e = b.ingest(pages("late", 3), &quiet).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Busy, "{e}");
    assert!(e.to_string().contains("try again"), "{e}");
    drop(held);
    assert_eq!(b.count().unwrap().pages, 0);
    // once the lock is free, the same call goes through
    assert_eq!(b.ingest(pages("late", 3), &quiet).unwrap().pages_added, 3);
    assert_consistent(&b);
}

/// Makes `dir` read-only: permissions, or (when they do not bind, as for root) a read-only
/// bind mount at `ro`. `None` when neither can be had here.
fn read_only_view(dir: &Path, ro: &Path) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let set = |mode: u32| {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    set(0o555);
    let probe = dir.join("probe");
    if std::fs::write(&probe, b"x").is_err() {
        return Some(dir.to_path_buf());
    }
    let _ = std::fs::remove_file(&probe);
    set(0o755);
    std::fs::create_dir_all(ro).unwrap();
    let ok = |args: &[&str]| {
        Command::new("mount")
            .args(args)
            .status()
            .is_ok_and(|s| s.success())
    };
    let (d, r) = (dir.to_str()?, ro.to_str()?);
    if ok(&["--bind", d, r]) {
        if ok(&["-o", "remount,ro,bind", r]) {
            return Some(ro.to_path_buf());
        }
        ok(&["-l", "-f", r]);
    }
    None
}

#[test]
fn a_read_only_store_answers_reads_and_refuses_writes_without_damage() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    {
        let s = Store::open(&dir, &[]).unwrap();
        s.ingest(pages("dam", 8), &quiet).unwrap();
    }
    let Some(view) = read_only_view(&dir, &tmp.path().join("ro")) else {
        eprintln!("skipped: no way to make a read-only directory here");
        return;
    };
    let result = std::panic::catch_unwind(|| {
        let s = Store::open(&view, &[]).expect("a read-only store opens");
        assert!(s.is_read_only());
        let st = s.stats().unwrap();
        assert_eq!((st.articles, st.indexed), (8, 8));
        assert_eq!(search_total(&s, "dam"), 8);
        let (_, rec) = s.article(1).unwrap().unwrap();
        assert!(rec.title.is_some());
        let story = s.stories(0, 1).unwrap()[0].id.clone();
        assert!(s.story(&story).unwrap().is_some());
        let e = s.ingest(pages("more", 2), &quiet).unwrap_err();
        assert!(matches!(e, Error::ReadOnly(..)), "{e}");
        assert!(e.to_string().contains("read-only"), "{e}");
    });
    if view != dir {
        let _ = Command::new("umount").arg(&view).status();
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    result.unwrap();
    let s = Store::open(&dir, &[]).unwrap();
    assert_eq!(assert_consistent(&s).articles, 8);
}

#[test]
fn records_are_kept_compressed_and_read_back_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Store::open(tmp.path(), &[]).unwrap();
    s.ingest(pages("zip", 3), &quiet).unwrap();
    let (plain, packed): (i64, i64) = s
        .read(|c| {
            let mut st = c.prepare("SELECT id, record FROM articles")?;
            let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
            let mut t = (0, 0);
            for row in rows {
                let (id, b) = row?;
                let rec = decode_record(id, &b)?;
                t.0 += serde_json::to_vec(&rec).unwrap().len() as i64;
                t.1 += b.len() as i64;
            }
            Ok(t)
        })
        .unwrap();
    assert!(packed * 3 < plain * 2, "{packed} of {plain}");
    // a damaged record is an error that names it, not an empty record
    connect(tmp.path())
        .unwrap()
        .execute("UPDATE articles SET record=x'28b52ffd00' WHERE id=2", [])
        .unwrap();
    match s.article(2) {
        Err(Error::Damaged(2, _)) => {}
        other => panic!("{other:?}"),
    }
}
