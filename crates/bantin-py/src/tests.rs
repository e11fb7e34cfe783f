use super::*;
use std::io::Write;

fn example_pages() -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/pages");
    let mut pages: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("examples/pages")
        .map(|e| {
            let p = e.expect("entry").path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).expect("page"),
            )
        })
        .collect();
    pages.sort();
    pages
}

fn engine() -> Engine {
    Engine::new(&[], DEFAULT_MAX_SIZE_MB, Some(2)).expect("engine")
}

#[test]
fn the_split_run_gives_the_records_of_the_whole_run() {
    let e = engine();
    let mut pages = example_pages();
    // the same pages twice under other names: entities and stories across pages
    let again: Vec<(String, Vec<u8>)> = pages
        .iter()
        .map(|(n, d)| (format!("copy/{n}"), d.clone()))
        .collect();
    pages.extend(again);
    let (whole, failures) = e.analyze(&pages);
    assert!(failures.is_empty(), "{failures:?}");
    assert!(whole.len() >= pages.len());

    let (read, _) = e.read_ok(&pages);
    let mut records = Vec::new();
    let mut links = Vec::new();
    for page in read {
        for (r, l) in split(page) {
            // as it travels between machines
            let json = serde_json::to_string(&l).expect("links to JSON");
            links.push(serde_json::from_str::<ArticleLinks>(&json).expect("links back"));
            let json = serde_json::to_string(&r).expect("record to JSON");
            records.push(Record::from_json(&json).expect("record back"));
        }
    }
    let linked = e.link_signatures(links);
    let split_run: Vec<Record> = records
        .into_iter()
        .zip(linked)
        .map(|(r, l)| {
            let json = serde_json::to_string(&l).expect("linked to JSON");
            merge(r, serde_json::from_str(&json).expect("linked back"))
        })
        .collect();
    assert_eq!(split_run.len(), whole.len());
    for (a, b) in split_run.iter().zip(&whole) {
        assert_eq!(
            serde_json::to_string(a).unwrap(),
            serde_json::to_string(b).unwrap()
        );
    }
    // something was linked at all
    assert!(whole.iter().any(|r| !r.entities.is_empty()));
    assert!(whole.iter().all(|r| r.story.is_some()));
}

#[test]
fn bad_pages_are_skipped_with_the_command_lines_reasons() {
    let e = Engine::new(&[], 1, None).expect("engine");
    let big = vec![b'a'; (1 << 20) + 1];
    let pages: Vec<(&str, Vec<u8>)> = vec![
        ("empty", b"  \n ".to_vec()),
        ("bin", vec![0, 1, 2, 3, 0, 0, 7, 8]),
        ("big", big),
        ("gz", vec![0x1f, 0x8b, 1, 2, 3]),
    ];
    let (records, failures) = e.analyze(&pages);
    assert!(records.is_empty());
    let keys: Vec<&str> = failures.iter().map(|f| f.skip.reason_key()).collect();
    assert_eq!(keys, ["empty", "binary", "too large", "unreadable"]);
    assert_eq!(failures[1].skip.to_string(), "binary file, not text");
    assert!(failures[3]
        .skip
        .to_string()
        .starts_with("cannot read: bad gzip data"));
    assert_eq!(failures[2].position, 2);
}

#[test]
fn gzip_pages_are_read_like_files() {
    let e = engine();
    let (name, data) = example_pages().remove(0);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&data).unwrap();
    let gz = gz.finish().unwrap();
    let (a, _) = e.analyze(&[(name.as_str(), &data[..])]);
    let (b, _) = e.analyze(&[(name.as_str(), &gz[..])]);
    assert_eq!(a, b);
    // a bomb stops at the limit
    let small = Engine::new(&[], 1, None).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&vec![b'a'; 3 << 20]).unwrap();
    let gz = gz.finish().unwrap();
    assert!(matches!(small.read("x", &gz), Err(Skip::TooLarge(..))));
}

#[test]
fn alias_errors_say_which_file() {
    let e = Engine::new(
        &[AliasSource::Path("/no/such/aliases.toml".into())],
        64,
        None,
    );
    let msg = e.err().expect("an error");
    assert!(
        msg.starts_with("cannot read alias file /no/such/aliases.toml"),
        "{msg}"
    );
    let e = Engine::new(&[AliasSource::Text("[[entity]\nid=".into())], 64, None);
    assert!(e.err().expect("an error").starts_with("in alias text: "));
    let ok = Engine::new(
        &[AliasSource::Text(
            "[[entity]]\nid = \"x\"\nname = \"Nguyễn Văn Xê\"\ntype = \"PER\"\nvariants = []\n"
                .into(),
        )],
        64,
        None,
    );
    assert!(ok.is_ok());
}

#[test]
fn every_record_field_has_a_column() {
    let cols = arrow::record_columns();
    let names: Vec<&str> = cols.iter().map(|c| c.0).collect();
    for f in [
        "schema",
        "source",
        "index",
        "title",
        "paragraphs",
        "entities",
        "story",
    ] {
        assert!(names.contains(&f), "{f} in {names:?}");
    }
    let e = engine();
    let (records, _) = e.analyze(&example_pages());
    let mut rc = arrow::RecordColumns::new();
    for r in &records {
        rc.push(r).unwrap();
    }
    let i = names.iter().position(|&n| n == "source").unwrap();
    let arrow::Column::Str {
        offsets, data, len, ..
    } = &rc.columns[i]
    else {
        panic!("source is a string column")
    };
    assert_eq!(*len, records.len());
    let back = arrow::read_column(offsets, data, 0, *len, false).unwrap();
    for (b, r) in back.iter().zip(&records) {
        assert_eq!(*b, r.source.as_bytes());
    }
    // a slice of the column, and a broken one
    assert_eq!(
        arrow::read_column(offsets, data, 1, 1, false).unwrap()[0],
        records[1].source.as_bytes()
    );
    assert!(arrow::read_column(&offsets[..4], data, 0, 2, false).is_err());
}

#[test]
fn the_run_order_is_the_walk_order() {
    let mut v = vec![
        ("d/a.txt", 0),
        ("d/a/b.txt", 1),
        ("d/a/b.txt", 0),
        ("d/B", 0),
    ];
    v.sort_by(|a, b| run_order(*a, *b));
    assert_eq!(
        v,
        [
            ("d/B", 0),
            ("d/a/b.txt", 0),
            ("d/a/b.txt", 1),
            ("d/a.txt", 0)
        ]
    );
}

#[test]
fn around_gives_a_year_to_undated_pages_only() {
    let undated = "Hà Nội mở tuyến buýt điện mới\n\nSáng 28/12, thành phố đưa vào vận hành tuyến buýt điện nối trung tâm với sân bay.\n";
    let dated = "Hà Nội mở tuyến buýt điện mới\n\n03/05/2024 08:15\n\nSáng 3/5, thành phố đưa vào vận hành tuyến buýt điện nối trung tâm với sân bay.\n";
    let pages = [("undated.txt", undated), ("dated.txt", dated)];
    let plain = engine().analyze(&pages).0;
    let around = bantin::Around::parse("2024-01");
    assert!(around.is_some());
    let hinted = engine().with_around(around).analyze(&pages).0;
    assert_eq!(plain[0].published.as_deref(), Some("XXXX-12-28"));
    assert_eq!(hinted[0].published.as_deref(), Some("2023-12-28"));
    assert_eq!(
        hinted[1].published, plain[1].published,
        "a printed date stays"
    );
}
