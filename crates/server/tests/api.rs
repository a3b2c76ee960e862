//! The API over a database of the example corpus: every documented route is
//! served and answers what its document promises; parameters are checked;
//! ingest needs the token; bodies over the limit are refused.

mod common;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{get, get_json, send};
use serde_json::Value;
use sitrep_server::{Config, OPENAPI, ROUTES};

fn openapi() -> Value {
    serde_json::from_str(OPENAPI).unwrap()
}

/// (method, path) of every operation of the OpenAPI document.
fn documented() -> BTreeSet<(String, String)> {
    let doc = openapi();
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            out.insert((method.clone(), path.clone()));
        }
    }
    out
}

#[test]
fn the_document_lists_exactly_the_routes() {
    let routes: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(documented(), routes);
}

/// The schema a 200 answer of `method path` promises, `$ref`s resolved.
fn promised(method: &str, path: &str) -> Option<Value> {
    let doc = openapi();
    let schema = doc["paths"][path][method]["responses"]["200"]["content"]["application/json"]
        ["schema"]
        .clone();
    if schema.is_null() {
        return None;
    }
    Some(resolve(&doc, &schema))
}

fn resolve(doc: &Value, schema: &Value) -> Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap();
            doc["components"]["schemas"][name].clone()
        }
        None => schema.clone(),
    }
}

/// Checks `value` against the required properties and JSON types of
/// `schema`, down through objects and arrays.
fn conforms(doc: &Value, schema: &Value, value: &Value, at: &str) {
    let schema = resolve(doc, schema);
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let ok = types.contains(&actual) || (actual == "integer" && types.contains(&"number"));
        assert!(ok, "{at}: {actual}, documented {types:?}");
    }
    if let (Some(required), Some(obj)) = (schema.get("required"), value.as_object()) {
        for key in required.as_array().unwrap() {
            let key = key.as_str().unwrap();
            assert!(obj.contains_key(key), "{at}: no {key:?}");
        }
    }
    if let (Some(props), Some(obj)) = (schema.get("properties"), value.as_object()) {
        for (key, sub) in props.as_object().unwrap() {
            if let Some(v) = obj.get(key) {
                conforms(doc, sub, v, &format!("{at}.{key}"));
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), value.as_array()) {
        for (i, v) in arr.iter().take(20).enumerate() {
            conforms(doc, items, v, &format!("{at}[{i}]"));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_answers_as_documented() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::database(dir.path(), &[common::example_texts()]);
    let router = common::router(Config::new(db));
    let doc = openapi();

    // Real ids to fill the paths with.
    let stories = get_json(&router, "/api/stories").await;
    let story = stories["items"][0]["id"].as_str().unwrap().to_string();
    let actors = get_json(&router, "/api/actors?limit=1").await;
    let actor = actors["items"][0]["actor"].as_str().unwrap().to_string();
    let articles = get_json(&router, "/api/articles?limit=1").await;
    let article = articles["items"][0]["id"].as_str().unwrap().to_string();

    for (method, path) in ROUTES {
        let uri = path
            .replace(
                "{id}",
                if path.contains("stories") {
                    &story
                } else {
                    &article
                },
            )
            .replace("{actor}", &actor.replace(':', "%3A"));
        let uri = if *path == "/api/search" {
            format!("{uri}?q=president")
        } else {
            uri
        };
        let req = Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(&uri)
            .body(Body::empty())
            .unwrap();
        let (status, ctype, body) = send(&router, req).await;
        if *method == "post" {
            // Read-only server: ingest is refused, not missing.
            assert_eq!(status, StatusCode::FORBIDDEN, "{uri}");
            continue;
        }
        assert_eq!(
            status,
            StatusCode::OK,
            "{uri}: {}",
            String::from_utf8_lossy(&body)
        );
        if let Some(schema) =
            promised(method, path).filter(|_| ctype.starts_with("application/json"))
        {
            let value: Value = serde_json::from_slice(&body).unwrap();
            conforms(&doc, &schema, &value, &uri);
        }
    }
    // An undocumented path is the API's own 404.
    let (status, _, body) = get(&router, "/api/nothing-here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(String::from_utf8_lossy(&body).contains("openapi"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parameters_are_checked_and_filters_filter() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::database(dir.path(), &[common::example_texts()]);
    let router = common::router(Config::new(db));
    for bad in [
        "/api/events?limit=0",
        "/api/events?limit=100000",
        "/api/events?since=last%20week",
        "/api/events?colour=red",
        "/api/events?flagged=maybe",
        "/api/stories?offset=-1",
        "/api/search?q=",
        "/api/articles/'%3B%20DROP%20TABLE%20articles%3B--",
        "/api/stories/story-0000/report?format=pdf",
    ] {
        let (status, ctype, body) = get(&router, bad).await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "{bad}: {}",
            String::from_utf8_lossy(&body)
        );
        assert!(ctype.starts_with("application/json"), "{bad}");
        let v: Value = serde_json::from_slice(&body).unwrap();
        assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "{bad}");
    }
    // Hostile text is data, not SQL: the tables are still there after it.
    for q in ["\"a\" OR 1=1", "x'); DROP TABLE events;--", "NEAR(", "*"] {
        let uri = format!("/api/events?actor={}", urlencode(q));
        get_json(&router, &uri).await;
        let (status, _, _) = get(&router, &format!("/api/search?q={}", urlencode(q))).await;
        assert!(
            status == StatusCode::OK || status == StatusCode::BAD_REQUEST,
            "{q}: {status}"
        );
    }
    let all = get_json(&router, "/api/events?limit=500").await;
    assert!(all["items"].as_array().unwrap().len() > 10);

    // Filters: a date range holds only its days, a type only its type.
    let ranged = get_json(
        &router,
        "/api/events?since=2023-07-24&until=2023-07-25&limit=500",
    )
    .await;
    let items = ranged["items"].as_array().unwrap();
    assert!(!items.is_empty());
    for e in items {
        let d = e["date"].as_str().unwrap();
        assert!(("2023-07-24"..="2023-07-25").contains(&d), "{d}");
    }
    let consult = get_json(&router, "/api/events?type=CONSULT&limit=500").await;
    let items = consult["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|e| e["plover"] == "CONSULT"));
    // Pages do not overlap.
    let p1 = get_json(&router, "/api/events?limit=5").await;
    let p2 = get_json(&router, "/api/events?limit=5&offset=5").await;
    assert_ne!(p1["items"][0], p2["items"][0]);
    assert_eq!(p1["items"][4 + 1 - 1], all["items"][4]);
    assert_eq!(p2["items"][0], all["items"][5]);
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ingest_needs_the_token_and_bodies_have_a_limit() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::database(
        dir.path(),
        &[common::example_texts().join("pampas-2023-07-20-brasilia-talks.txt")],
    );
    let mut config = Config::new(db);
    config.ingest_token = Some("a-long-random-token".into());
    config.max_body = 4096;
    let router = common::router(config);
    let before = get_json(&router, "/api/status").await["articles"]
        .as_u64()
        .unwrap();

    let article = serde_json::json!({
        "title": "Harbour authority reopens the northern quay after storm repairs",
        "outlet": "Test Gazette",
        "date": "2024-03-02",
        "text": "The harbour authority of Port Vell reopened the northern quay on Saturday after two weeks of repairs, its director said. Ferries will use it again from Monday."
    })
    .to_string();
    let post = |auth: Option<&str>, body: String| {
        let mut b = Request::post("/api/articles").header(header::CONTENT_TYPE, "application/json");
        if let Some(a) = auth {
            b = b.header(header::AUTHORIZATION, a);
        }
        b.body(Body::from(body)).unwrap()
    };
    for auth in [
        None,
        Some("Bearer wrong-token"),
        Some("a-long-random-token"),
        Some("Basic a-long-random-token"),
    ] {
        let (status, _, _) = send(&router, post(auth, article.clone())).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{auth:?}");
    }
    assert_eq!(
        get_json(&router, "/api/status").await["articles"]
            .as_u64()
            .unwrap(),
        before
    );

    let (status, _, body) = send(
        &router,
        post(Some("Bearer a-long-random-token"), article.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["stored"], 1, "{v}");
    assert_eq!(
        get_json(&router, "/api/status").await["articles"]
            .as_u64()
            .unwrap(),
        before + 1
    );
    // The same body again stores nothing new.
    let (_, _, body) = send(
        &router,
        post(Some("Bearer a-long-random-token"), article.clone()),
    )
    .await;
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["stored"], 0, "{v}");
    // It is searchable and in a story.
    let hits = get_json(&router, "/api/search?q=quay").await;
    assert_eq!(hits["items"].as_array().unwrap().len(), 1);

    // Over the limit: refused before it is read, nothing stored.
    let big = "x".repeat(5000);
    let (status, _, _) = send(&router, post(Some("Bearer a-long-random-token"), big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    // Garbage inside the limit: an error naming the input, nothing stored.
    let (status, _, body) = send(
        &router,
        post(Some("Bearer a-long-random-token"), "{\"text\": ".into()),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        String::from_utf8_lossy(&body)
    );
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert!(
        v["rejected"][0]["origin"]
            .as_str()
            .unwrap()
            .starts_with("api:post/"),
        "{v}"
    );
    assert_eq!(
        get_json(&router, "/api/status").await["articles"]
            .as_u64()
            .unwrap(),
        before + 1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_is_served_and_files_outside_it_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::database(
        dir.path(),
        &[common::example_texts().join("pampas-2023-07-20-brasilia-talks.txt")],
    );
    let router = common::router(Config::new(db));
    let (status, ctype, body) = get(&router, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("text/html"));
    assert!(String::from_utf8_lossy(&body).contains("/assets/js/app.js"));
    let (status, ctype, _) = get(&router, "/assets/js/app.js").await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("text/javascript"));
    for path in [
        "/assets/../Cargo.toml",
        "/assets/..%2F..%2FCargo.toml",
        "/assets/%2e%2e/src/lib.rs",
        "/assets//etc/passwd",
        "/assets/vendor/../../Cargo.toml",
    ] {
        let (status, _, body) = get(&router, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            !String::from_utf8_lossy(&body).contains("[package]"),
            "{path}"
        );
    }
}
