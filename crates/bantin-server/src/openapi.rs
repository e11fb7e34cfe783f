//! The OpenAPI 3.1 document of the API, served at `/openapi.json`.

use serde_json::{json, Value};

fn param(name: &str, place: &str, ty: &str, desc: &str) -> Value {
    json!({"name": name, "in": place, "required": place == "path",
           "schema": {"type": ty}, "description": desc})
}

fn paging() -> Vec<Value> {
    vec![
        param("offset", "query", "integer", "Items to skip (default 0)."),
        param(
            "limit",
            "query",
            "integer",
            "Items to return (default 50, at most 1000).",
        ),
    ]
}

fn ok(desc: &str, schema: Value) -> Value {
    json!({
        "200": {"description": desc, "content": {"application/json": {"schema": schema}}},
        "400": {"$ref": "#/components/responses/Bad"}
    })
}

fn with_404(mut v: Value) -> Value {
    v["404"] = json!({"$ref": "#/components/responses/NotFound"});
    v
}

/// The parameters of `/api/search`.
fn search_params() -> Vec<Value> {
    let mut search_params = vec![
        param("q", "query", "string", "Words and \"quoted phrases\"; tone marks optional (\"duong\" finds đường, dương); exact spellings rank first."),
        param("entity", "query", "string", "Only articles naming this entity id."),
        param("type", "query", "string", "Only articles naming an entity of this type: PER, LOC, ORG or MISC."),
        param("story", "query", "string", "Only articles of this story (story-<hex>)."),
        param("outlet", "query", "string", "Only articles of this outlet: its name (Dân trí, VnExpress; tone marks optional) or its host (vnexpress.net)."),
        param("from", "query", "string", "Published on or after: YYYY-MM-DD, YYYY-MM or YYYY."),
        param("to", "query", "string", "Published on or before: YYYY-MM-DD, YYYY-MM or YYYY."),
    ];
    search_params.push(param(
        "limit",
        "query",
        "integer",
        "Hits to return (default 10, at most 1000).",
    ));
    search_params.push(param("offset", "query", "integer", "Hits to skip."));
    search_params
}

/// The responses and schemas the paths refer to.
fn components(r: &dyn Fn(&str) -> Value, list: &dyn Fn(&str) -> Value) -> Value {
    json!({
        "responses": {
            "Bad": {"description": "Bad input", "content": {"application/json": {"schema": r("Error")}}},
            "NotFound": {"description": "Unknown id", "content": {"application/json": {"schema": r("Error")}}},
            "Unreadable": {"description": "The page holds no article", "content": {"application/json": {"schema": r("Error")}}}
        },
        "schemas": {
            "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
            "Stats": {"type": "object", "properties": {
                "pages": {"type": "integer"}, "articles": {"type": "integer"}, "entities": {"type": "integer"},
                "stories": {"type": "integer"}, "indexed": {"type": "integer"}}},
            "Hit": {"type": "object", "properties": {
                "id": {"type": "integer"}, "source": {"type": "string"}, "index": {"type": "integer"},
                "title": {"type": ["string", "null"]}, "outlet": {"type": ["string", "null"]},
                "url": {"type": ["string", "null"]}, "published": {"type": ["string", "null"]},
                "story": {"type": ["string", "null"]}, "score": {"type": "number"},
                "snippet": {"type": "string"},
                "highlights": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}}}},
            "Results": {"type": "object", "properties": {"total": {"type": "integer"}, "hits": list("Hit")}},
            "ArticleSummary": {"type": "object", "properties": {
                "id": {"type": "integer"}, "source": {"type": "string"}, "index": {"type": "integer"},
                "title": {"type": ["string", "null"]}, "published": {"type": ["string", "null"]},
                "story": {"type": ["string", "null"]}, "copy_of": {"type": ["integer", "null"]}}},
            "Entity": {"type": "object", "properties": {
                "id": {"type": "string"}, "type": {"type": "string"}, "name": {"type": "string"},
                "mentions": {"type": "integer"}, "articles": {"type": "integer"},
                "variants": {"type": "array", "items": {"type": "array"}}}},
            "StoryInfo": {"type": "object", "properties": {
                "id": {"type": "string"}, "title": {"type": ["string", "null"]}, "articles": {"type": "integer"},
                "first": {"type": ["string", "null"]}, "last": {"type": ["string", "null"]}}},
            "IngestReport": {"type": "object", "properties": {
                "pages_added": {"type": "integer"}, "pages_unchanged": {"type": "integer"},
                "pages_replaced": {"type": "integer", "description": "added pages that replaced an earlier version of the same name"},
                "pages_failed": {"type": "array"}, "articles_added": {"type": "integer"},
                "articles": {"type": "integer"}, "stories": {"type": "integer"}}}
        }
    })
}

/// The document.
pub fn document() -> Value {
    let r = |name: &str| json!({"$ref": format!("#/components/schemas/{name}")});
    let list = |name: &str| json!({"type": "array", "items": r(name)});
    let search_params = search_params();
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "bantin",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Vietnamese news turned into articles, entities, dates, quotes, events and stories, searchable with or without tone marks."
        },
        "paths": {
            "/api/stats": {"get": {"summary": "Figures of the store", "responses": ok("The figures", r("Stats"))}},
            "/api/search": {"get": {"summary": "Search articles", "parameters": search_params,
                "responses": ok("Hits, best first", r("Results"))}},
            "/api/articles": {"get": {"summary": "List articles, newest first", "parameters": paging(),
                "responses": ok("Articles", list("ArticleSummary"))}},
            "/api/articles/{id}": {"get": {"summary": "One article with its entities, dates, quotes and events",
                "parameters": [param("id", "path", "integer", "Article id")],
                "responses": with_404(ok("The article and its record (../shared/eval/FORMAT.md)", json!({"type": "object",
                    "properties": {"article": r("ArticleSummary"), "record": {"type": "object"}}})))}},
            "/api/entities": {"get": {"summary": "List entities, most articles first",
                "parameters": [param("type", "query", "string", "PER, LOC, ORG or MISC"),
                               param("q", "query", "string", "Part of any spelling, tone marks optional"),
                               paging()[0].clone(), paging()[1].clone()],
                "responses": ok("Entities", list("Entity"))}},
            "/api/entities/{id}": {"get": {"summary": "One entity with every spelling seen",
                "parameters": [param("id", "path", "string", "Entity id")],
                "responses": with_404(ok("The entity", r("Entity")))}},
            "/api/stories": {"get": {"summary": "List stories, most articles first", "parameters": paging(),
                "responses": ok("Stories", list("StoryInfo"))}},
            "/api/stories/{id}": {"get": {"summary": "One story: timeline, summary, entities, quotes, articles",
                "parameters": [param("id", "path", "string", "Story id (story-<hex>)"),
                    param("words", "query", "integer", "Length of the summary in syllables (default 150, 10 to 5000).")],
                "responses": with_404(ok("The story", json!({"type": "object",
                    "properties": {"story": {"type": "object"}, "article_ids": {"type": "array"}}})))}},
            "/api/pages": {"post": {"summary": "Ingest a page (text or HTML, any common encoding)",
                "parameters": [param("name", "query", "string", "The page's name, kept as the records' source; a page sent again under the same name with other bytes replaces the earlier version")],
                "requestBody": {"required": true, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
                                                               "text/plain": {"schema": {"type": "string"}},
                                                               "text/html": {"schema": {"type": "string"}}}},
                "responses": {
                    "201": {"description": "Added", "content": {"application/json": {"schema": r("IngestReport")}}},
                    "200": {"description": "Already in the store (same bytes)", "content": {"application/json": {"schema": r("IngestReport")}}},
                    "400": {"$ref": "#/components/responses/Bad"},
                    "413": {"description": "Larger than 16 MiB"},
                    "422": {"$ref": "#/components/responses/Unreadable"}
                }}}
        },
        "components": components(&r, &list)
    })
}
