use super::*;

fn page(name: &str, text: &str) -> Page {
    Page {
        name: name.to_string(),
        bytes: text.as_bytes().to_vec(),
    }
}

const ROAD: &str = "Hà Nội mở rộng đường Vành đai 4\n\
    Ngày 3/5/2024, thành phố Hà Nội khởi công mở rộng đường Vành đai 4 qua huyện Đông Anh. \
    Ông Ivan Petrovsky, chuyên gia giao thông, cho biết tuyến đường sẽ giảm ùn tắc cho cửa ngõ phía bắc.\n\
    Dự án dự kiến hoàn thành vào cuối năm 2026.\n";

const SEA: &str = "Nhiệt độ Thái Bình Dương tăng kỷ lục\n\
    Ngày 4/5/2024, các nhà khoa học cho biết nhiệt độ bề mặt Thái Bình Dương đã tăng cao nhất trong 40 năm. \
    Hiện tượng này có thể làm mùa mưa bão năm nay đến sớm hơn ở khu vực Đông Nam Á.\n";

const ROAD_LATER: &str = "Vành đai 4 vượt tiến độ\n\
    Ngày 8/5/2024, chuyên gia Petrovsky đánh giá công trường Vành đai 4 ở Hà Nội đang vượt tiến độ nhờ thời tiết thuận lợi. \
    Các nhà thầu đã huy động thêm 500 công nhân làm việc ba ca mỗi ngày.\n";

/// Two articles of one story and one of another.
fn three_pages() -> Vec<Page> {
    vec![
        page("road.txt", ROAD),
        page("sea.txt", SEA),
        page("later.txt", ROAD_LATER),
    ]
}

fn open(dir: &Path) -> Store {
    Store::open(dir, &[]).expect("store opens")
}

fn quiet(_: Progress) {}

#[test]
fn ingest_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path());
    let r = s
        .ingest(
            vec![page("a.txt", ROAD), page("b.txt", SEA), page("c.txt", "")],
            &quiet,
        )
        .unwrap();
    assert_eq!(r.pages_added, 2);
    assert_eq!(r.articles_added, 2);
    assert_eq!(r.pages_failed.len(), 1);
    // the same bytes again, under any name: nothing changes
    let again = s
        .ingest(vec![page("a2.txt", ROAD), page("c.txt", "")], &quiet)
        .unwrap();
    assert_eq!(again.pages_added, 0);
    assert_eq!(again.pages_unchanged, 2);
    let st = s.stats().unwrap();
    assert_eq!((st.pages, st.articles, st.indexed), (3, 2, 2));
    drop(s);
    // and after opening again
    let s = open(dir.path());
    assert_eq!(s.stats().unwrap(), st);
}

#[test]
fn search_with_or_without_tone_marks_exact_first() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path());
    s.ingest(vec![page("road.txt", ROAD), page("sea.txt", SEA)], &quiet)
        .unwrap();
    let q = |text: &str| Query {
        text: text.to_string(),
        ..Query::default()
    };
    // "duong" finds đường and Dương
    let r = s.search(&q("duong")).unwrap();
    assert_eq!(r.total, 2);
    // the exact spelling ranks first
    assert_eq!(s.search(&q("đường")).unwrap().hits[0].source, "road.txt");
    assert_eq!(s.search(&q("Dương")).unwrap().hits[0].source, "sea.txt");
    // several words: all must match; phrases over syllables
    let r = s.search(&q("thai binh duong nhiet do")).unwrap();
    assert_eq!((r.total, r.hits[0].source.as_str()), (1, "sea.txt"));
    assert_eq!(s.search(&q("\"vanh dai 4\"")).unwrap().total, 1);
    assert_eq!(s.search(&q("\"dai vanh\"")).unwrap().total, 0);
    // snippets highlight the words as written
    let hit = &s.search(&q("vanh dai")).unwrap().hits[0];
    let words: Vec<&str> = hit
        .highlights
        .iter()
        .map(|h| &hit.snippet[h[0]..h[1]])
        .collect();
    assert!(
        words.contains(&"Vành") && words.contains(&"đai"),
        "{words:?}"
    );
}

#[test]
fn filters_and_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path());
    s.ingest(vec![page("road.txt", ROAD), page("sea.txt", SEA)], &quiet)
        .unwrap();
    let all = |f: Query| s.search(&f).unwrap().total;
    let from = Query {
        from: Some("2024-05-04".into()),
        ..Query::default()
    };
    assert_eq!(all(from), 1);
    let month = Query {
        from: Some("2024-05".into()),
        to: Some("2024-05".into()),
        ..Query::default()
    };
    assert_eq!(all(month), 2);
    let person = s.entities(Some("PER"), Some("petrovsky"), 0, 10).unwrap();
    assert_eq!(person.len(), 1, "{person:?}");
    let by_entity = Query {
        entity: Some(person[0].id.clone()),
        ..Query::default()
    };
    assert_eq!(all(by_entity), 1);
    let bad = Query {
        from: Some("3/5/2024".into()),
        ..Query::default()
    };
    assert!(matches!(s.search(&bad), Err(Error::Bad(_))));
    let bad_type = Query {
        ty: Some("PERSON".into()),
        ..Query::default()
    };
    assert!(matches!(s.search(&bad_type), Err(Error::Bad(_))));
    assert!(s.article(999).unwrap().is_none());
    assert!(s.entity("no-such-id").unwrap().is_none());
    assert!(s.story("story-999").unwrap().is_none());
}

#[test]
fn later_pages_join_stories_and_entities() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path());
    s.ingest(vec![page("road.txt", ROAD), page("sea.txt", SEA)], &quiet)
        .unwrap();
    let before = s.stories(0, 10).unwrap();
    assert_eq!(before.len(), 2);
    let first = s.article(1).unwrap().unwrap().0.story.unwrap();
    let (alone, _) = s.story(&first).unwrap().unwrap();
    assert_eq!(alone.articles.len(), 1);
    // a later batch names the expert by his surname only
    s.ingest(vec![page("later.txt", ROAD_LATER)], &quiet)
        .unwrap();
    let ents = s.entities(Some("PER"), Some("petrovsky"), 0, 10).unwrap();
    assert_eq!(ents.len(), 1, "{ents:?}");
    assert_eq!(ents[0].articles, 2);
    let stories = s.stories(0, 10).unwrap();
    assert_eq!(stories.len(), 2, "{stories:?}");
    let road = s.article(1).unwrap().unwrap().0.story;
    let later = s.article(3).unwrap().unwrap().0.story;
    assert_eq!(road, later);
    let (story, recs) = s.story(road.as_deref().unwrap()).unwrap().unwrap();
    assert_eq!(recs.len(), 2);
    assert!(!story.summary.is_empty());
    assert!(story.timeline.iter().any(|e| e.date == "2024-05-03"));
    assert_eq!(
        story.articles.len(),
        2,
        "a kept digest is made again when its story grows"
    );
    // kept, and given back the same
    let (again, _) = s.story(road.as_deref().unwrap()).unwrap().unwrap();
    assert_eq!(again, story);
}

#[test]
fn an_index_behind_the_database_catches_up_on_open() {
    let dir = tempfile::tempdir().unwrap();
    {
        let s = open(dir.path());
        s.ingest(vec![page("road.txt", ROAD), page("sea.txt", SEA)], &quiet)
            .unwrap();
    }
    // as if killed after the database commit and before the index commit
    std::fs::remove_dir_all(dir.path().join("index")).unwrap();
    let s = open(dir.path());
    let st = s.stats().unwrap();
    assert_eq!((st.articles, st.indexed), (2, 2));
    let q = Query {
        text: "duong".into(),
        ..Query::default()
    };
    assert_eq!(s.search(&q).unwrap().total, 2);
}

#[test]
fn kept_answers_follow_new_pages() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path());
    s.ingest(vec![page("road.txt", ROAD)], &quiet).unwrap();
    let q = Query {
        text: "vanh dai".into(),
        ..Query::default()
    };
    assert_eq!(s.search(&q).unwrap().total, 1);
    assert_eq!(s.search(&q).unwrap().total, 1);
    s.ingest(vec![page("later.txt", ROAD_LATER)], &quiet)
        .unwrap();
    let r = s.search(&q).unwrap();
    assert_eq!(r.total, 2);
    assert_eq!(r, s.search_uncached(&q).unwrap());
}

#[test]
fn the_users_alias_file_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let aliases = "[[entity]]\nid = \"ivan-petrovsky\"\nname = \"Ivan Petrovsky\"\ntype = \"PER\"\nvariants = [\"Chuyên gia Petrovsky\", \"Vanya Petrovsky\"]\n".to_string();
    drop(Store::open(dir.path(), &[aliases]).unwrap());
    // opened again without aliases: the kept ones link a variant only they know
    let s = open(dir.path());
    s.ingest(
        vec![page(
            "v.txt",
            "Chuyên gia giao thông lên tiếng\nNgày 9/5/2024, ông Vanya Petrovsky cho biết tuyến Vành đai 4 ở Hà Nội cần thêm 500 công nhân để kịp tiến độ.\n",
        )],
        &quiet,
    )
    .unwrap();
    let e = s.entity("ivan-petrovsky").unwrap();
    assert!(e.is_some(), "{:?}", s.entities(Some("PER"), None, 0, 10));
}

#[test]
fn a_page_read_again_with_new_bytes_replaces_its_earlier_version() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path());
    s.ingest(vec![page("road.txt", ROAD), page("sea.txt", SEA)], &quiet)
        .unwrap();
    let petrovsky = |s: &Store| {
        let e = s.entities(None, Some("petrovsky"), 0, 10).unwrap();
        assert_eq!(e.len(), 1, "{e:?}");
        (e[0].articles, e[0].mentions)
    };
    let before = petrovsky(&s);
    let road_id = |s: &Store| {
        let all = s.articles(0, 10).unwrap();
        all.iter().find(|a| a.source == "road.txt").map(|a| a.id)
    };
    let old_id = road_id(&s).unwrap();
    let total = |s: &Store, text: &str| {
        s.search(&Query {
            text: text.to_string(),
            ..Query::default()
        })
        .unwrap()
        .total
    };
    let edited = ROAD.replace("cuối năm 2026", "giữa năm 2027");
    let r = s.ingest(vec![page("road.txt", &edited)], &quiet).unwrap();
    assert_eq!(
        (r.pages_added, r.pages_replaced, r.articles_added),
        (1, 1, 1)
    );
    let st = s.stats().unwrap();
    assert_eq!((st.pages, st.articles, st.indexed), (2, 2, 2));
    assert_eq!((total(&s, "2027"), total(&s, "2026")), (1, 0));
    assert_eq!(petrovsky(&s), before);
    let listed: Vec<String> = s
        .articles(0, 10)
        .unwrap()
        .into_iter()
        .map(|a| a.source)
        .collect();
    assert_eq!(listed.iter().filter(|a| *a == "road.txt").count(), 1);
    // ids are never given twice, not even the newest one after it is removed
    assert!(road_id(&s).unwrap() > old_id.max(2));
    // a new version with no article in it does not replace one that has some
    let r = s.ingest(vec![page("road.txt", "")], &quiet).unwrap();
    assert_eq!((r.pages_failed.len(), r.pages_replaced), (1, 0));
    assert_eq!(total(&s, "2027"), 1);
    // one name twice in one batch: the last version wins
    let sea2 = SEA.replace("40 năm", "45 năm");
    let sea3 = SEA.replace("40 năm", "50 năm");
    let r = s
        .ingest(vec![page("sea.txt", &sea2), page("sea.txt", &sea3)], &quiet)
        .unwrap();
    assert_eq!((r.pages_added, r.pages_replaced), (1, 2));
    assert_eq!(
        (total(&s, "45"), total(&s, "50"), total(&s, "40")),
        (0, 1, 0)
    );
    let st = s.stats().unwrap();
    assert_eq!((st.articles, st.indexed), (2, 2));
    drop(s);
    let s = open(dir.path());
    assert_eq!(s.stats().unwrap().indexed, 2);
}

#[test]
fn replaced_articles_left_in_the_index_by_a_crash_are_removed_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path());
    s.ingest(vec![page("road.txt", ROAD), page("sea.txt", SEA)], &quiet)
        .unwrap();
    drop(s);
    // the database dropped the road article, the index was not told: as after a kill
    {
        let c = connect(dir.path()).unwrap();
        let id: i64 = c
            .query_row("SELECT id FROM articles WHERE source='road.txt'", [], |r| {
                r.get(0)
            })
            .unwrap();
        c.execute("INSERT INTO index_deletes(article) VALUES(?1)", [id])
            .unwrap();
        c.execute("DELETE FROM mentions WHERE article=?1", [id])
            .unwrap();
        c.execute("DELETE FROM articles WHERE id=?1", [id]).unwrap();
    }
    let s = open(dir.path());
    let st = s.stats().unwrap();
    assert_eq!((st.articles, st.indexed), (1, 1));
    let left: i64 = s
        .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM index_deletes", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(left, 0);
}

/// The story of every article of a store, by source.
fn stories_by_source(s: &Store) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = s
        .articles(0, 100)
        .unwrap()
        .into_iter()
        .map(|a| (a.source, a.story))
        .collect();
    out.sort();
    out
}

#[test]
fn batch_order_does_not_change_stories() {
    // grouping code (issue 14): the same pages in other batches and orders
    let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (s1, s2) = (open(d1.path()), open(d2.path()));
    s1.ingest(three_pages(), &quiet).unwrap();
    s2.ingest(vec![page("later.txt", ROAD_LATER)], &quiet)
        .unwrap();
    s2.ingest(vec![page("sea.txt", SEA), page("road.txt", ROAD)], &quiet)
        .unwrap();
    let (a, b) = (stories_by_source(&s1), stories_by_source(&s2));
    assert_eq!(a.len(), 3);
    // the same partition, and the same ids: they come from the articles, not positions
    assert_eq!(a, b);
    let road = a.iter().find(|x| x.0 == "road.txt").unwrap();
    let later = a.iter().find(|x| x.0 == "later.txt").unwrap();
    assert_eq!(road.1, later.1);
}

fn html_page(name: &str, site: &str, url: &str, title: &str, body: &str) -> Page {
    let html = format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta property=\"og:site_name\" content=\"{site}\">\
         <meta property=\"og:url\" content=\"{url}\"><title>{title}</title></head>\
         <body><article><h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>"
    );
    page(name, &html)
}

#[test]
fn filters_alone_find_an_outlet_by_name_or_host() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path());
    s.ingest(
        vec![
            html_page(
                "a.html",
                "Báo Sông Lam",
                "https://www.songlam.example.vn/tin/a-1.html",
                "Sông Lam mở rộng bến cảng",
                &ROAD.replace('\n', " "),
            ),
            html_page(
                "b.html",
                "Thời Báo Biển",
                "https://thoibaobien.example.com/b-2.html",
                "Nhiệt độ biển tăng",
                &SEA.replace('\n', " "),
            ),
        ],
        &quiet,
    )
    .unwrap();
    let by = |o: &str| {
        s.search(&Query {
            outlet: Some(o.to_string()),
            ..Query::default()
        })
        .unwrap()
    };
    for typed in ["Sông Lam", "song lam", "songlam.example.vn", "songlam"] {
        let r = by(typed);
        assert_eq!(r.total, 1, "{typed}");
        assert_eq!(r.hits[0].source, "a.html");
        assert_eq!(r.hits[0].outlet.as_deref(), Some("Báo Sông Lam"));
        assert!(r.hits[0].url.as_deref().unwrap().contains("songlam"));
    }
    assert_eq!(by("thoibaobien.example.com").hits[0].source, "b.html");
    assert_eq!(by("VnExpress").total, 0);
    // words and an outlet together
    let both = s
        .search(&Query {
            text: "nhiet do".into(),
            outlet: Some("Sông Lam".into()),
            ..Query::default()
        })
        .unwrap();
    assert_eq!(both.total, 0);
    assert!(matches!(
        s.search(&Query {
            outlet: Some(" - ".into()),
            ..Query::default()
        }),
        Err(Error::Bad(_))
    ));
}

#[test]
fn an_index_of_an_older_layout_is_made_again_from_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path());
    s.ingest(vec![page("road.txt", ROAD), page("sea.txt", SEA)], &quiet)
        .unwrap();
    drop(s);
    // an index with other fields, as an earlier bantin wrote it
    let at = dir.path().join("index");
    std::fs::remove_dir_all(&at).unwrap();
    std::fs::create_dir_all(&at).unwrap();
    let mut b = tantivy::schema::Schema::builder();
    b.add_u64_field("id", tantivy::schema::INDEXED);
    tantivy::Index::create_in_dir(&at, b.build()).unwrap();
    let s = open(dir.path());
    let st = s.stats().unwrap();
    assert_eq!((st.articles, st.indexed), (2, 2));
    let r = s
        .search(&Query {
            text: "duong".into(),
            ..Query::default()
        })
        .unwrap();
    assert_eq!(r.total, 2);
}

#[test]
fn a_store_of_schema_2_drops_its_signatures_and_groups_alike() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path());
    s.ingest(three_pages(), &quiet).unwrap();
    let before = s.stories(0, 10).unwrap();
    drop(s);
    // as schema 2 kept them: signatures beside the record
    {
        let c = Connection::open(db_path(dir.path())).unwrap();
        c.execute_batch(
            "ALTER TABLE articles ADD COLUMN signature TEXT NOT NULL DEFAULT '{}';
             ALTER TABLE articles ADD COLUMN minhash BLOB;
             UPDATE meta SET value='2' WHERE key='schema';",
        )
        .unwrap();
    }
    let s = open(dir.path());
    let c = Connection::open(db_path(dir.path())).unwrap();
    let schema: String = c
        .query_row("SELECT value FROM meta WHERE key='schema'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let columns: Vec<String> = c
        .prepare("SELECT name FROM pragma_table_info('articles')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(schema, SCHEMA);
    assert!(!columns.iter().any(|c| c == "signature" || c == "minhash"));
    // a new process groups from the records: the same stories
    s.regroup().unwrap();
    assert_eq!(s.stories(0, 10).unwrap(), before);
}

#[test]
fn a_damaged_record_stops_regrouping_with_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(dir.path());
    s.ingest(vec![page("road.txt", ROAD), page("sea.txt", SEA)], &quiet)
        .unwrap();
    drop(s);
    let c = Connection::open(db_path(dir.path())).unwrap();
    c.execute("UPDATE articles SET record=x'28b52ffd00' WHERE id=2", [])
        .unwrap();
    drop(c);
    let s = open(dir.path());
    match s.regroup() {
        Err(Error::Damaged(2, _)) => {}
        other => panic!("{other:?}"),
    }
}
