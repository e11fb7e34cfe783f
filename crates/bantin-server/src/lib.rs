//! # bantin-server
//!
//! The HTTP face of a store: a JSON API (documented at `/openapi.json`) and plain web pages
//! (search, stories with their timelines, articles with their entities, dates and quotes
//! marked), both served by one binary, with nothing fetched from the network. Requests
//! never name files: ids go to the store, uploads go through the same ingest as the CLI.

mod article;
mod chart;
mod openapi;
mod web;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bantin_store::{Page, Query, Store};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

/// Largest page accepted by `POST /api/pages`.
pub const MAX_UPLOAD: usize = 16 << 20;

/// An error answer: a status and a message, sent as `{"error": message}` (and the error's
/// id, for an internal error: the log has the details, the answer none of them).
#[derive(Debug)]
pub struct ApiError(StatusCode, String);

/// Seconds a client is told to wait when the store is busy with another writer.
pub const RETRY_AFTER: u64 = 2;

impl ApiError {
    fn bad(msg: impl Into<String>) -> ApiError {
        ApiError(StatusCode::BAD_REQUEST, msg.into())
    }
    fn not_found(what: impl Into<String>) -> ApiError {
        ApiError(StatusCode::NOT_FOUND, what.into())
    }
    /// An internal error: logged with a new id, answered with the id only.
    fn internal(what: &dyn std::fmt::Display) -> ApiError {
        static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let id = format!("{:08x}-{n:04x}", t as u32);
        tracing::error!(error_id = %id, error = %what, "internal error");
        ApiError(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("internal error {id}: the server's log has the details"),
        )
    }
}

impl From<bantin_store::Error> for ApiError {
    fn from(e: bantin_store::Error) -> ApiError {
        use bantin_store::ErrorKind as K;
        match e.kind() {
            K::BadInput => ApiError::bad(e.to_string()),
            K::NotFound => ApiError::not_found(e.to_string()),
            K::Busy => ApiError(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("{e}; retry after {RETRY_AFTER} s"),
            ),
            K::Internal => ApiError::internal(&e),
        }
    }
}

/// The headers an error answer carries: `Retry-After` when busy.
fn error_headers(status: StatusCode) -> Option<[(header::HeaderName, String); 1]> {
    (status == StatusCode::SERVICE_UNAVAILABLE)
        .then(|| [(header::RETRY_AFTER, RETRY_AFTER.to_string())])
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Json(json!({ "error": self.1 }));
        match error_headers(self.0) {
            Some(h) => (self.0, h, body).into_response(),
            None => (self.0, body).into_response(),
        }
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// Runs store work off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|e| Err(ApiError::internal(&e)))
}

/// Query parameters, with a clear 400 when they do not parse.
fn params<T: DeserializeOwned + Default>(q: Option<String>) -> ApiResult<T> {
    match q {
        None => Ok(T::default()),
        Some(q) => serde_urlencoded::from_str(&q)
            .map_err(|e| ApiError::bad(format!("bad query parameters: {e}"))),
    }
}

fn article_id(s: &str) -> ApiResult<i64> {
    s.parse::<i64>()
        .ok()
        .filter(|&n| n > 0)
        .ok_or_else(|| ApiError::bad(format!("bad article id {s:?}: ids are positive integers")))
}

#[derive(Deserialize, Default)]
struct Paging {
    offset: Option<usize>,
    limit: Option<usize>,
}

impl Paging {
    fn get(&self) -> (usize, usize) {
        (
            self.offset.unwrap_or(0),
            self.limit.unwrap_or(50).clamp(1, 1000),
        )
    }
}

#[derive(Deserialize, Default)]
struct EntityParams {
    #[serde(rename = "type")]
    ty: Option<String>,
    q: Option<String>,
    offset: Option<usize>,
    limit: Option<usize>,
}

#[derive(Deserialize, Default)]
struct UploadParams {
    name: Option<String>,
}

type AppState = Arc<Store>;

/// The application: API, OpenAPI document and web pages over a store.
pub fn app(store: Arc<Store>) -> Router {
    Router::new()
        .route("/", get(web::home))
        .route("/stories/{id}", get(web::story))
        .route("/articles/{id}", get(article::article))
        .route("/openapi.json", get(|| async { Json(openapi::document()) }))
        .route("/api/stats", get(stats))
        .route("/api/search", get(search))
        .route("/api/articles", get(articles))
        .route("/api/articles/{id}", get(article))
        .route("/api/entities", get(entities))
        .route("/api/entities/{id}", get(entity))
        .route("/api/stories", get(stories))
        .route("/api/stories/{id}", get(story))
        .route(
            "/api/pages",
            post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD)),
        )
        .fallback(|| async { ApiError::not_found("no such path") })
        .with_state(store)
}

/// Serves the app on `addr` until Ctrl-C.
pub async fn serve(store: Arc<Store>, addr: std::net::SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(%addr, "serving");
    axum::serve(listener, app(store))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

async fn stats(State(s): State<AppState>) -> ApiResult<Response> {
    let st = blocking(move || Ok(s.stats()?)).await?;
    Ok(Json(st).into_response())
}

async fn search(State(s): State<AppState>, RawQuery(q): RawQuery) -> ApiResult<Response> {
    let q: Query = params(q)?;
    let r = blocking(move || Ok(s.search(&q)?)).await?;
    Ok(Json(r).into_response())
}

async fn articles(State(s): State<AppState>, RawQuery(q): RawQuery) -> ApiResult<Response> {
    let (offset, limit) = params::<Paging>(q)?.get();
    let r = blocking(move || Ok(s.articles(offset, limit)?)).await?;
    Ok(Json(r).into_response())
}

async fn article(State(s): State<AppState>, Path(id): Path<String>) -> ApiResult<Response> {
    let id = article_id(&id)?;
    let r = blocking(move || Ok(s.article(id)?)).await?;
    match r {
        Some((summary, record)) => {
            Ok(Json(json!({ "article": summary, "record": record })).into_response())
        }
        None => Err(ApiError::not_found(format!("no article {id}"))),
    }
}

async fn entities(State(s): State<AppState>, RawQuery(q): RawQuery) -> ApiResult<Response> {
    let p: EntityParams = params(q)?;
    if let Some(t) = &p.ty {
        if !["PER", "LOC", "ORG", "MISC"].contains(&t.as_str()) {
            return Err(ApiError::bad(format!(
                "bad entity type {t:?}: use PER, LOC, ORG or MISC"
            )));
        }
    }
    let (offset, limit) = Paging {
        offset: p.offset,
        limit: p.limit,
    }
    .get();
    let mut r =
        blocking(move || Ok(s.entities(p.ty.as_deref(), p.q.as_deref(), offset, limit)?)).await?;
    r.iter_mut().for_each(full_name);
    Ok(Json(r).into_response())
}

async fn entity(State(s): State<AppState>, Path(id): Path<String>) -> ApiResult<Response> {
    let key = id.clone();
    let r = blocking(move || Ok(s.entity(&key)?)).await?;
    r.map(|mut e| {
        full_name(&mut e);
        Json(e).into_response()
    })
    .ok_or_else(|| ApiError::not_found(format!("no entity {id:?}")))
}

/// An entity named by its full form among its spellings, as the CLI names it.
fn full_name(e: &mut bantin_store::EntityInfo) {
    if let Some(n) =
        bantin::labels::canonical_name(e.variants.iter().map(|(v, c)| (v.as_str(), *c)))
    {
        if n.split_whitespace().count() > e.name.split_whitespace().count() {
            e.name = n.to_string();
        }
    }
}

async fn stories(State(s): State<AppState>, RawQuery(q): RawQuery) -> ApiResult<Response> {
    let (offset, limit) = params::<Paging>(q)?.get();
    let r = blocking(move || Ok(s.stories(offset, limit)?)).await?;
    Ok(Json(r).into_response())
}

/// `?words=N`: the length of a story's summary, in syllables.
#[derive(Deserialize, Default)]
pub(crate) struct Words {
    words: Option<usize>,
}

impl Words {
    pub(crate) fn get(&self) -> ApiResult<usize> {
        match self.words {
            None => Ok(bantin::DEFAULT_SUMMARY_WORDS),
            Some(n) if (10..=5000).contains(&n) => Ok(n),
            Some(n) => Err(ApiError::bad(format!(
                "bad words {n}: a summary runs to 10 to 5000 syllables"
            ))),
        }
    }
}

async fn story(
    State(s): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<Response> {
    let words = params::<Words>(q)?.get()?;
    let key = id.clone();
    let r = blocking(move || Ok(s.story_with_words(&key, words)?)).await?;
    match r {
        Some((story, recs)) => {
            let ids: Vec<serde_json::Value> = recs
                .iter()
                .map(|(aid, r)| json!({"id": aid, "ref": bantin::labels::article_ref(r)}))
                .collect();
            Ok(Json(json!({ "story": story, "article_ids": ids })).into_response())
        }
        None => Err(ApiError::not_found(format!("no story {id:?}"))),
    }
}

async fn upload(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> ApiResult<Response> {
    let p: UploadParams = params(q)?;
    if body.is_empty() {
        return Err(ApiError::bad("empty body: send the page's bytes"));
    }
    let name = p
        .name
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| format!("upload-{}", &blake3::hash(&body).to_hex()[..16]));
    if name.len() > 1024 || name.chars().any(char::is_control) {
        return Err(ApiError::bad(
            "bad name: at most 1024 characters, no control characters",
        ));
    }
    let report = blocking(move || {
        Ok(s.ingest(
            std::iter::once(Page {
                name,
                bytes: body.to_vec(),
            }),
            &|_| {},
        )?)
    })
    .await?;
    if let Some((_, why)) = report.pages_failed.first() {
        return Err(ApiError(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("the page could not be read: {why}"),
        ));
    }
    let status = if report.pages_added > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, [(header::CACHE_CONTROL, "no-store")], Json(report)).into_response())
}

#[cfg(test)]
mod tests;
