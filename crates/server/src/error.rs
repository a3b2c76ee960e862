//! Errors: those of starting the server, and those a request is answered
//! with (`{"error": "..."}` and a status).

use std::net::SocketAddr;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Errors of setting the server up.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot serve on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
    #[error(transparent)]
    Store(#[from] sitrep_store::Error),
    #[error(transparent)]
    Pipeline(#[from] sitrep_pipeline::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

/// A request's error: its status and a message for the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    /// A server-side failure: logged in full, answered in general terms.
    pub fn internal(e: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %e, "request failed");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("internal error: {e}"),
        )
    }
}

impl From<sitrep_store::Error> for ApiError {
    fn from(e: sitrep_store::Error) -> Self {
        Self::internal(&e)
    }
}

impl From<sitrep_pipeline::Error> for ApiError {
    fn from(e: sitrep_pipeline::Error) -> Self {
        match e {
            sitrep_pipeline::Error::NoStory(s) => Self::not_found(format!("no story {s:?}")),
            e => Self::internal(&e),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message }).to_string();
        (
            self.status,
            [(axum::http::header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response()
    }
}
