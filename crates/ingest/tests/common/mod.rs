//! Helpers shared by the integration tests: fixture paths and running inputs
//! through `collect_inputs` + `read_input`.

#![allow(dead_code)] // each test binary uses its own subset

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sitrep_ingest::{collect_inputs, read_input, Article, Error, Input, ReadEvent, ReadOptions};

/// Path of a file or directory under `tests/fixtures`.
pub fn fixture(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
        .display()
        .to_string()
}

/// Expands `args` (no argument may fail to expand) and reads every input with
/// the default options; events are grouped by input, in input order.
pub fn read_args(args: &[String]) -> Vec<(String, Vec<ReadEvent>)> {
    let (inputs, errors) = collect_inputs(args);
    assert!(errors.is_empty(), "{errors:?}");
    read_all(&inputs, &ReadOptions::default())
}

/// Reads every input; events grouped by input origin, in input order.
pub fn read_all(inputs: &[Input], opts: &ReadOptions) -> Vec<(String, Vec<ReadEvent>)> {
    inputs
        .iter()
        .map(|input| {
            let mut events = Vec::new();
            read_input(input, opts, &mut |e| events.push(e));
            (input.origin().to_string(), events)
        })
        .collect()
}

/// The events of one fixture file.
pub fn read_fixture(rel: &str) -> Vec<ReadEvent> {
    let mut batch = read_args(&[fixture(rel)]);
    assert_eq!(batch.len(), 1);
    batch.remove(0).1
}

/// The one article a single-article fixture gives.
pub fn one_article(rel: &str) -> Article {
    let events = read_fixture(rel);
    match <[ReadEvent; 1]>::try_from(events) {
        Ok([ReadEvent::Article(a)]) => *a,
        Ok([other]) => panic!("{rel}: expected one article, got {other:?}"),
        Err(events) => panic!("{rel}: expected one event, got {events:?}"),
    }
}

/// An in-memory input.
pub fn bytes_input(origin: &str, bytes: impl Into<Vec<u8>>) -> Input {
    Input::Bytes {
        origin: origin.to_string(),
        bytes: Arc::from(bytes.into()),
    }
}

pub fn articles(events: &[ReadEvent]) -> Vec<&Article> {
    events
        .iter()
        .filter_map(|e| match e {
            ReadEvent::Article(a) => Some(&**a),
            _ => None,
        })
        .collect()
}

pub fn rejections(events: &[ReadEvent]) -> Vec<&Error> {
    events
        .iter()
        .filter_map(|e| match e {
            ReadEvent::Rejected(e) => Some(e),
            _ => None,
        })
        .collect()
}

/// One line per event: `article <origin>`, `<reason> <origin>` or
/// `skipped:<reason> <origin>`.
pub fn summary(events: &[ReadEvent]) -> Vec<String> {
    events
        .iter()
        .map(|e| match e {
            ReadEvent::Article(a) => format!("article {}", a.sources[0].origin),
            ReadEvent::Rejected(e) => format!("{} {}", e.reason(), e.origin()),
            ReadEvent::Skipped { origin, reason } => format!("skipped:{reason} {origin}"),
        })
        .collect()
}

/// Checks what every article must satisfy: a 32-hex id that is the hash of
/// its text, non-empty trimmed text, one source naming the input.
pub fn assert_well_formed(article: &Article) {
    let id = article.id.as_str();
    assert_eq!(id.len(), 32, "{id}");
    assert!(
        id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')),
        "{id}"
    );
    assert_eq!(article.id, sitrep_model::DocId::of_text(&article.text));
    assert!(!article.text.trim().is_empty());
    assert_eq!(article.text, article.text.trim());
    assert!(!article.text.contains("\n\n\n"));
    assert!(!article.text.contains('\r'));
    assert!(!article.sources.is_empty());
}

/// Paragraphs of an article's text (separated by one blank line).
pub fn paragraphs(article: &Article) -> usize {
    article.text.split("\n\n").count()
}

/// A good input read after the bad one in every bad-input batch.
pub const GOOD: &str = "text/no-header.txt";

/// Reads `bad` (paths or patterns) followed by a good fixture in one batch,
/// checks that the good one still gives its article, and returns the events
/// of the bad inputs.
pub fn read_with_good(bad: &[String]) -> Vec<ReadEvent> {
    let mut args = bad.to_vec();
    args.push(fixture(GOOD));
    let mut batch = read_args(&args);
    let (origin, good) = batch.pop().unwrap();
    assert_eq!(origin, fixture(GOOD));
    assert_eq!(summary(&good), [format!("article {origin}")]);
    batch.into_iter().flat_map(|(_, events)| events).collect()
}

/// The single event of `events`, which must be a rejection for `origin` with
/// `reason`, whose message starts with the origin.
pub fn only_rejection<'e>(events: &'e [ReadEvent], reason: &str, origin: &str) -> &'e Error {
    let [ReadEvent::Rejected(err)] = events else {
        panic!("expected one rejection, got {:?}", summary(events));
    };
    assert_eq!(err.reason(), reason, "{err}");
    assert_eq!(err.origin(), origin, "{err}");
    assert!(err.to_string().starts_with(&format!("{origin}: ")), "{err}");
    err
}

/// Writes `bytes` to `dir/name`; returns the path as an argument.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}
