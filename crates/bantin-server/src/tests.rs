use super::*;
use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use tower::ServiceExt;

const PAGE: &str = "Hà Nội mở rộng đường Vành đai 4\n\
    Ngày 3/5/2024, thành phố Hà Nội khởi công mở rộng đường Vành đai 4 qua huyện Đông Anh. \
    Ông Ivan Petrovsky, chuyên gia giao thông, nói: “Tuyến đường sẽ giảm ùn tắc cho cửa ngõ phía bắc”.\n\
    Dự án dự kiến hoàn thành vào cuối năm 2026.\n";

fn store() -> (tempfile::TempDir, Arc<Store>) {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(dir.path(), &[]).unwrap();
    (dir, Arc::new(s))
}

async fn call(app: &Router, method: &str, uri: &str, body: &[u8]) -> (StatusCode, String) {
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .body(Body::from(body.to_vec()))
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"))
}

#[tokio::test]
async fn upload_then_query_everything() {
    let (_d, s) = store();
    let app = app(s);
    let (st, body) = call(
        &app,
        "POST",
        "/api/pages?name=vanh-dai.txt",
        PAGE.as_bytes(),
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{body}");
    assert_eq!(json(&body)["articles_added"], 1);
    // the same bytes again: nothing new
    let (st, body) = call(&app, "POST", "/api/pages?name=again.txt", PAGE.as_bytes()).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(json(&body)["pages_unchanged"], 1);
    // other bytes under the first name: the new version replaces the old one
    let edited = PAGE.replace("cuối năm 2026", "giữa năm 2027");
    let (st, body) = call(
        &app,
        "POST",
        "/api/pages?name=vanh-dai.txt",
        edited.as_bytes(),
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{body}");
    assert_eq!(json(&body)["pages_replaced"], 1);
    assert_eq!(json(&body)["articles"], 1);
    let (_, body) = call(&app, "GET", "/api/search?q=2026", b"").await;
    assert_eq!(json(&body)["total"], 0);

    let (st, body) = call(&app, "GET", "/api/search?q=vanh%20dai&from=2024-05", b"").await;
    assert_eq!(st, StatusCode::OK);
    let r = json(&body);
    assert_eq!(r["total"], 1);
    let hit = &r["hits"][0];
    for k in ["source", "index", "title", "published", "score", "snippet"] {
        assert!(!hit[k].is_null(), "{k} missing in {hit}");
    }
    let (st, body) = call(&app, "GET", "/api/articles/2", b"").await;
    assert_eq!(st, StatusCode::OK);
    let a = json(&body);
    assert!(a["record"]["entities"].as_array().unwrap().len() >= 2);
    assert_eq!(a["record"]["quotes"].as_array().unwrap().len(), 1);
    let story = a["article"]["story"].as_str().unwrap().to_string();
    let (st, body) = call(&app, "GET", &format!("/api/stories/{story}"), b"").await;
    assert_eq!(st, StatusCode::OK);
    assert!(json(&body)["story"]["timeline"].is_array());
    let (st, body) = call(&app, "GET", "/api/entities?type=PER&q=petrovsky", b"").await;
    assert_eq!(st, StatusCode::OK);
    let id = json(&body)[0]["id"].as_str().unwrap().to_string();
    let (st, body) = call(&app, "GET", &format!("/api/entities/{id}"), b"").await;
    assert_eq!(st, StatusCode::OK, "{body}");
    assert_eq!(
        call(&app, "GET", "/api/stories", b"").await.0,
        StatusCode::OK
    );
    assert_eq!(call(&app, "GET", "/api/stats", b"").await.0, StatusCode::OK);

    // the web pages
    let (st, page) = call(&app, "GET", "/?q=duong", b"").await;
    assert_eq!(st, StatusCode::OK);
    assert!(
        page.contains("class=\"hit\"") && page.contains("<b>đường</b>"),
        "{page}"
    );
    let (st, page) = call(&app, "GET", &format!("/stories/{story}"), b"").await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains("<svg") && page.contains("/articles/2"));
    let (st, page) = call(&app, "GET", "/articles/2", b"").await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains("<mark class=\"PER\""), "{page}");
    assert!(
        page.contains("<a class=\"entity\" href=\"/?entity="),
        "{page}"
    );
    assert!(page.contains("<mark class=\"TIME\""));
    assert!(page.contains("<q class=\"quote\""));
    // dates the Vietnamese way; the source by its file's name, never an id
    assert!(page.contains("vanh-dai.txt"), "{page}");
    assert!(!page.contains("2024-05-03"), "{page}");
    assert!(!page.contains(">story-"), "{page}");

    // filters alone, Vietnamese dates in the form
    let (st, page) = call(&app, "GET", "/?q=&type=PER&from=1%2F5%2F2024&to=2024", b"").await;
    assert_eq!(st, StatusCode::OK, "{page}");
    assert!(page.contains("class=\"hit\""), "{page}");
    assert!(page.contains("value=\"1/5/2024\""), "{page}");
    let (st, page) = call(&app, "GET", "/?from=9%2F5%2F2024&to=1%2F5%2F2024", b"").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert!(page.contains("Khoảng ngày không hợp lệ"), "{page}");
    let (st, page) = call(&app, "GET", "/?from=h%C3%B4m+qua", b"").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert!(page.contains("Ngày không hợp lệ"), "{page}");
    // one chart row per listed story
    let (_, page) = call(&app, "GET", "/", b"").await;
    assert_eq!(
        page.matches("<a class=\"row\"").count(),
        page.matches("<a class=\"story\"").count()
    );
}

#[tokio::test]
async fn bad_input_gets_clear_errors() {
    let (_d, s) = store();
    let app = app(s);
    // a GET with no body
    let get = |uri: &'static str, want| ("GET", uri, &b""[..], want);
    for (method, uri, body, want) in [
        get("/api/search?from=3/5/2024", StatusCode::BAD_REQUEST),
        get(
            "/api/search?from=2024-05-09&to=2024-05-01",
            StatusCode::BAD_REQUEST,
        ),
        get("/api/search?limit=many", StatusCode::BAD_REQUEST),
        get("/api/search?type=PERSON", StatusCode::BAD_REQUEST),
        get("/api/articles/abc", StatusCode::BAD_REQUEST),
        get("/api/articles/-1", StatusCode::BAD_REQUEST),
        get("/api/articles/42", StatusCode::NOT_FOUND),
        get("/api/entities/nobody", StatusCode::NOT_FOUND),
        get("/api/entities?type=PEOPLE", StatusCode::BAD_REQUEST),
        get("/api/stories/story-9", StatusCode::NOT_FOUND),
        get("/api/../../etc/passwd", StatusCode::NOT_FOUND),
        get("/stories/..%2F..%2Fetc%2Fpasswd", StatusCode::NOT_FOUND),
        ("POST", "/api/pages", &b""[..], StatusCode::BAD_REQUEST),
        (
            "POST",
            "/api/pages?name=x.bin",
            &b"\x00\x01\x02\x03binary"[..],
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let (st, text) = call(&app, method, uri, body).await;
        assert_eq!(st, want, "{method} {uri}: {text}");
        if uri.starts_with("/api") {
            assert!(json(&text)["error"].is_string(), "{uri}: {text}");
        }
    }
    let big = vec![b'a'; MAX_UPLOAD + 1];
    let (st, _) = call(&app, "POST", "/api/pages?name=big.txt", &big).await;
    assert_eq!(st, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn openapi_names_every_route() {
    let (_d, s) = store();
    let app = app(s);
    let (st, body) = call(&app, "GET", "/openapi.json", b"").await;
    assert_eq!(st, StatusCode::OK);
    let doc = json(&body);
    assert_eq!(doc["openapi"], "3.1.0");
    for p in [
        "/api/search",
        "/api/articles",
        "/api/articles/{id}",
        "/api/entities",
        "/api/entities/{id}",
        "/api/stories",
        "/api/stories/{id}",
        "/api/pages",
        "/api/stats",
    ] {
        assert!(doc["paths"][p].is_object(), "{p} not documented");
    }
}

#[tokio::test]
async fn a_busy_store_answers_503_with_retry_after() {
    let (dir, s) = store();
    s.set_lock_wait(std::time::Duration::from_millis(100));
    let app = app(s);
    // another process holds the writer lock
    let other = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.path().join("write.lock"))
        .unwrap();
    other.lock().unwrap();
    let req = Request::builder()
        .method("POST")
        .uri("/api/pages?name=road.txt")
        .body(Body::from(PAGE.as_bytes().to_vec()))
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        res.headers().get(header::RETRY_AFTER).unwrap(),
        &RETRY_AFTER.to_string()
    );
    let body = res.into_body().collect().await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&body).contains("try again"));
    // reads go on meanwhile; once the lock is free the upload goes through
    assert_eq!(call(&app, "GET", "/api/stats", b"").await.0, StatusCode::OK);
    other.unlock().unwrap();
    let (st, body) = call(&app, "POST", "/api/pages?name=road.txt", PAGE.as_bytes()).await;
    assert_eq!(st, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn an_internal_error_has_an_id_and_no_internals_in_the_body() {
    let (dir, s) = store();
    let app = app(s);
    let (st, _) = call(&app, "POST", "/api/pages?name=road.txt", PAGE.as_bytes()).await;
    assert_eq!(st, StatusCode::CREATED);
    // the stored record is damaged behind the server's back
    rusqlite::Connection::open(dir.path().join("bantin.sqlite"))
        .unwrap()
        .execute("UPDATE articles SET record=x'28b52ffd00'", [])
        .unwrap();
    for path in ["/api/articles/1", "/articles/1"] {
        let (st, body) = call(&app, "GET", path, b"").await;
        assert_eq!(st, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
        // the API says it in English, the web page in Vietnamese: both give the log's id
        assert!(
            body.contains("internal error ") || body.contains("mã lỗi "),
            "{body}"
        );
        for inside in ["record", "damaged", "zstd", "sqlite", "bantin.sqlite"] {
            assert!(!body.to_lowercase().contains(inside), "{inside}: {body}");
        }
    }
}
