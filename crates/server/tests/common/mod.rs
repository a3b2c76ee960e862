//! A database for the API tests: articles read from files, stored, coded
//! and grouped into stories by the pipeline, and a router over it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use sitrep_server::{App, Config};
use sitrep_store::Store;
use tower::ServiceExt;

/// Ingests `paths` (files or directories) into a fresh database in `dir`
/// and brings its stories up to date.
pub fn database(dir: &Path, paths: &[PathBuf]) -> PathBuf {
    let db = dir.join("api.db");
    let mut store = Store::open(&db).unwrap();
    let args: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let articles = sitrep_ingest::read_articles(&args, &sitrep_ingest::ReadOptions::default());
    assert!(!articles.is_empty(), "no articles in {args:?}");
    store.insert_batch(&articles).unwrap();
    store.update_index().unwrap();
    let models = sitrep_pipeline::Models::shipped().unwrap();
    sitrep_pipeline::update(&mut store, &models).unwrap();
    db
}

/// The example corpus's plain-text articles.
pub fn example_texts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus/txt")
}

pub fn router(config: Config) -> Router {
    sitrep_server::router(App::new(config).unwrap())
}

/// Sends a request; the status, Content-Type and body.
pub async fn send(router: &Router, req: Request<Body>) -> (StatusCode, String, Vec<u8>) {
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let ctype = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, ctype, body)
}

pub async fn get(router: &Router, uri: &str) -> (StatusCode, String, Vec<u8>) {
    send(router, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// GETs JSON, asserting 200.
pub async fn get_json(router: &Router, uri: &str) -> serde_json::Value {
    let (status, ctype, body) = get(router, uri).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{uri}: {}",
        String::from_utf8_lossy(&body)
    );
    assert!(ctype.starts_with("application/json"), "{uri}: {ctype}");
    serde_json::from_slice(&body).unwrap()
}
