//! `POST /api/articles`: articles sent in the body (a JSON article or array
//! of them, JSON Lines, an RSS/Atom feed, an HTML page or plain text, told
//! by Content-Type or sniffed), read by the same readers as `sitrep ingest`,
//! stored, then coded and clustered. Served only with an ingest token, and
//! only to requests bearing it.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use serde::Serialize;
use sitrep_ingest::{Input, ReadEvent, ReadOptions};
use sitrep_store::{Outcome, Store};

use crate::api::json;
use crate::error::ApiError;
use crate::state::App;

/// Whether `headers` carry `Authorization: Bearer <token>`, compared in
/// time independent of where they differ.
fn authorised(headers: &HeaderMap, token: &str) -> bool {
    let Some(given) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    let (a, b) = (given.as_bytes(), token.as_bytes());
    let mut diff = a.len() ^ b.len();
    for (i, x) in b.iter().enumerate() {
        diff |= usize::from(a.get(i).copied().unwrap_or(0) ^ x);
    }
    diff == 0
}

/// The file extension that tells the ingest readers the body's format.
fn extension(headers: &HeaderMap) -> &'static str {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match ct.as_str() {
        "application/json" => "json",
        "application/x-ndjson" | "application/jsonl" | "application/jsonlines" => "jsonl",
        "text/html" | "application/xhtml+xml" => "html",
        "application/rss+xml" | "application/atom+xml" | "application/xml" | "text/xml" => "xml",
        "text/plain" => "txt",
        _ => "body",
    }
}

#[derive(Debug, Serialize)]
struct Rejection {
    origin: String,
    error: String,
}

#[derive(Debug, Serialize, Default)]
struct Ingested {
    stored: usize,
    new_sources: usize,
    already_stored: usize,
    rejected: Vec<Rejection>,
    skipped: usize,
    clustered: usize,
}

pub async fn post_articles(
    State(app): State<App>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let Some(token) = app.config().ingest_token.clone() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "ingest is off: start the server with --ingest-token",
        ));
    };
    if !authorised(&headers, &token) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "ingest needs Authorization: Bearer <token>",
        ));
    }
    if body.is_empty() {
        return Err(ApiError::bad_request("empty body"));
    }
    let origin = format!(
        "api:post/{}.{}",
        &blake3::hash(&body).to_hex()[..16],
        extension(&headers)
    );
    let _writer = app.writer().await;
    let app2 = app.clone();
    let result = tokio::task::spawn_blocking(move || ingest(&app2, origin, body))
        .await
        .map_err(|e| ApiError::internal(&e))??;
    app.invalidate();
    let status = if result.stored + result.new_sources + result.already_stored == 0 {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut response = json(&result)?;
    *response.status_mut() = status;
    Ok(response)
}

fn ingest(app: &App, origin: String, body: Bytes) -> Result<Ingested, ApiError> {
    let input = Input::Bytes {
        origin,
        bytes: Arc::from(body.as_ref()),
    };
    let mut out = Ingested::default();
    let mut articles = Vec::new();
    sitrep_ingest::read_input(&input, &ReadOptions::default(), &mut |e| match e {
        ReadEvent::Article(a) => articles.push(*a),
        ReadEvent::Rejected(e) => out.rejected.push(Rejection {
            origin: input.origin().to_string(),
            error: e.to_string(),
        }),
        ReadEvent::Skipped { .. } => out.skipped += 1,
    });
    let mut store = Store::open(&app.config().db)?;
    for outcome in store.insert_batch(&articles)? {
        match outcome {
            Outcome::New => out.stored += 1,
            Outcome::NewSource => out.new_sources += 1,
            Outcome::AlreadyStored => out.already_stored += 1,
        }
    }
    if out.stored > 0 {
        store.update_index()?;
        let models = app.models()?;
        out.clustered = sitrep_pipeline::update(&mut store, &models)?;
    }
    tracing::info!(
        stored = out.stored,
        rejected = out.rejected.len(),
        "ingested by POST"
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn bearer_token_must_match_exactly() {
        let mut h = HeaderMap::new();
        assert!(!authorised(&h, "s3cret"));
        for (given, ok) in [
            ("Bearer s3cret", true),
            ("Bearer s3cre", false),
            ("Bearer s3cret2", false),
            ("bearer s3cret", false),
            ("s3cret", false),
        ] {
            h.insert(header::AUTHORIZATION, HeaderValue::from_static(given));
            assert_eq!(authorised(&h, "s3cret"), ok, "{given}");
        }
    }

    #[test]
    fn content_type_picks_the_reader() {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        assert_eq!(extension(&h), "json");
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/rss+xml"),
        );
        assert_eq!(extension(&h), "xml");
    }
}
