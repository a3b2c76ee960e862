//! What every fuzz target checks: reading arbitrary bytes returns, and every
//! article it emits has non-empty text and a 32-hex id that is the hash of
//! that text. A panic anywhere is a finding.

use std::sync::Arc;

use sitrep_ingest::{read_input, Article, Input, ReadEvent, ReadOptions};
use sitrep_model::DocId;

/// Reads `data` as an in-memory input named `origin` (its extension picks the
/// reader) with the default limits, checking every article.
pub fn read_as(origin: &str, data: &[u8]) {
    let input = Input::Bytes {
        origin: origin.to_string(),
        bytes: Arc::from(data),
    };
    read_input(&input, &ReadOptions::default(), &mut check_event);
}

/// Checks one event: articles must be well formed, errors must name the input.
pub fn check_event(event: ReadEvent) {
    match event {
        ReadEvent::Article(article) => check_article(&article),
        ReadEvent::Rejected(error) => {
            assert!(!error.origin().is_empty());
            assert!(error.to_string().starts_with(error.origin()));
        }
        ReadEvent::Skipped { origin, .. } => assert!(!origin.is_empty()),
    }
}

/// The invariants of an emitted article.
pub fn check_article(article: &Article) {
    assert!(!article.text.trim().is_empty(), "empty text: {article:?}");
    let id = article.id.as_str();
    assert_eq!(id.len(), 32, "{id}");
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    assert_eq!(article.id, DocId::of_text(&article.text));
    assert!(!article.sources.is_empty());
}
