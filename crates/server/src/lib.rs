//! sitrep's HTTP server: a JSON API over the store (stories, events,
//! actors, claims, articles, full-text search, situation reports, an
//! OpenAPI document) and the web page analysts read it with, its assets
//! compiled into the binary.
//!
//! Main types: [`Config`] (address, database, limits, ingest token),
//! [`App`] (the shared state: a pool of read connections, the loaded models,
//! caches) and [`router`], which tests drive without a socket. [`serve`]
//! binds and runs until Ctrl-C. Read-only unless started with an ingest
//! token; every query is parameterised SQL in the store crate.

mod api;
mod assets;
mod error;
mod ingest;
mod state;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use error::{ApiError, Error, Result};
pub use state::App;

/// How the server runs. Defaults: `127.0.0.1:8080`, read-only, 8 MiB
/// request bodies, 30 s per request.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// `POST /api/articles` is served only when set, and then only to
    /// requests with `Authorization: Bearer <token>`.
    pub ingest_token: Option<String>,
    /// Largest request body accepted, in bytes.
    pub max_body: usize,
    /// Longest a request may take before it is answered 408.
    pub timeout: Duration,
}

impl Config {
    pub fn new(db: PathBuf) -> Self {
        Self {
            db,
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            ingest_token: None,
            max_body: 8 << 20,
            timeout: Duration::from_secs(30),
        }
    }
}

/// Every route the router serves, as (method, path) in the OpenAPI
/// document's spelling; a test holds the document and the router to it.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/status"),
    ("get", "/api/stories"),
    ("get", "/api/stories/{id}"),
    ("get", "/api/stories/{id}/report"),
    ("get", "/api/events"),
    ("get", "/api/actors"),
    ("get", "/api/actors/{actor}"),
    ("get", "/api/claims"),
    ("get", "/api/articles"),
    ("post", "/api/articles"),
    ("get", "/api/articles/{id}"),
    ("get", "/api/search"),
    ("get", "/api/openapi.json"),
];

/// The OpenAPI 3.1 document of the API.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// The API and the web page over `app`.
pub fn router(app: App) -> Router {
    let config = app.config().clone();
    let api = Router::new()
        .route("/api/status", get(api::status))
        .route("/api/stories", get(api::stories))
        .route("/api/stories/{id}", get(api::story))
        .route("/api/stories/{id}/report", get(api::story_report))
        .route("/api/events", get(api::events))
        .route("/api/actors", get(api::actors))
        .route("/api/actors/{actor}", get(api::actor))
        .route("/api/claims", get(api::claims))
        .route(
            "/api/articles",
            get(api::articles).post(ingest::post_articles),
        )
        .route("/api/articles/{id}", get(api::article))
        .route("/api/search", get(api::search))
        .route("/api/openapi.json", get(api::openapi))
        .fallback(api::no_route);
    Router::new()
        .route("/", get(assets::index))
        .route("/assets/{*path}", get(assets::asset))
        .merge(api)
        .layer(DefaultBodyLimit::max(config.max_body))
        .layer(RequestBodyLimitLayer::new(config.max_body))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            config.timeout,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
            ),
        ))
        .with_state(app)
}

/// Binds `config.addr` and serves until Ctrl-C; `ready` is called with the
/// bound address (port 0 picks a free one).
pub async fn serve(app: App, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let addr = app.config().addr;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Error::Bind(addr, e))?;
    let bound = listener.local_addr().map_err(|e| Error::Bind(addr, e))?;
    ready(bound);
    axum::serve(listener, router(app))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| Error::Bind(bound, e))
}
