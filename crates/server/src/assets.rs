//! The web page's files, compiled into the binary. Paths are looked up in
//! the embedded tree only: nothing on disk is ever read, so `..` and
//! absolute paths simply find nothing.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use include_dir::{include_dir, Dir};

static ASSETS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets");

/// The Content-Type of a file by its extension.
fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, e)| e) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("md" | "txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Vendored libraries change only with their file names' versions in
/// LICENSES.md, so browsers keep them a week; the page's own files are
/// checked on every load.
fn cache_control(path: &str) -> &'static str {
    if path.starts_with("vendor/") {
        "public, max-age=604800"
    } else {
        "no-cache"
    }
}

fn file(path: &str) -> Response {
    let clean = !path.is_empty()
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains('\\'));
    match ASSETS.get_file(path).filter(|_| clean) {
        Some(f) => (
            [
                (header::CONTENT_TYPE, content_type(path)),
                (header::CACHE_CONTROL, cache_control(path)),
            ],
            f.contents(),
        )
            .into_response(),
        None => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "not found",
        )
            .into_response(),
    }
}

pub async fn index() -> Response {
    file("index.html")
}

pub async fn asset(Path(path): Path<String>) -> Response {
    file(&path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_and_its_scripts_are_embedded() {
        assert!(ASSETS.get_file("index.html").is_some());
        assert!(ASSETS.get_file("js/app.js").is_some());
        assert_eq!(content_type("js/app.js"), "text/javascript; charset=utf-8");
    }

    #[test]
    fn traversal_finds_nothing() {
        for p in [
            "../Cargo.toml",
            "js/../index.html",
            "/etc/passwd",
            "",
            "js//app.js",
        ] {
            assert_eq!(file(p).status(), StatusCode::NOT_FOUND, "{p}");
        }
    }
}
