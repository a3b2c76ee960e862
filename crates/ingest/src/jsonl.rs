//! JSON Lines: one article per line, `{"id", "url", "source", "date", "title",
//! "text"}` (with common synonyms); unknown fields are kept as metadata. Read as
//! a stream, so files of any size pass through in bounded memory.

use std::collections::BTreeMap;
use std::io::BufRead;

use serde_json::{Map, Value};
use sitrep_model::{Article, DatePrecision, Dateline, DatelineSource, InputFormat, Source};

use crate::date::parse_dateline;
use crate::read::{ReadEvent, ReadOptions};
use crate::{clean, html, Error, Result};

const TEXT_KEYS: &[&str] = &["text", "body", "content", "article", "maintext"];
const TITLE_KEYS: &[&str] = &["title", "headline"];
const OUTLET_KEYS: &[&str] = &[
    "source",
    "outlet",
    "site",
    "site_name",
    "publisher",
    "source_domain",
];
const URL_KEYS: &[&str] = &["url", "link", "canonical_url"];
const DATE_KEYS: &[&str] = &[
    "date",
    "published",
    "published_at",
    "pubDate",
    "datePublished",
    "date_publish",
    "publish_date",
];

/// How one line came out of the reader.
enum Line {
    Eof,
    Text,
    /// Over the limit: the whole line was consumed, its length is given.
    TooLong(u64),
}

/// Reads up to and including the next `\n`, keeping at most `limit` bytes; a
/// longer line is consumed and reported, not kept.
fn read_line_limited(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: u64,
) -> std::io::Result<Line> {
    buf.clear();
    let mut total: u64 = 0;
    let mut too_long = false;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(match (total, too_long) {
                (0, _) => Line::Eof,
                (n, true) => Line::TooLong(n),
                _ => Line::Text,
            });
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        total += take as u64;
        if total > limit {
            too_long = true;
            buf.clear();
        } else {
            buf.extend_from_slice(&chunk[..take]);
        }
        reader.consume(take);
        if done {
            return Ok(if too_long {
                Line::TooLong(total)
            } else {
                Line::Text
            });
        }
    }
}

/// Streams records from `reader`, emitting one event per non-blank line.
/// Returns the number of lines read, or the I/O error that stopped the stream
/// with the count so far.
pub fn read_stream(
    reader: &mut dyn BufRead,
    origin: &str,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(ReadEvent),
) -> std::result::Result<usize, (std::io::Error, usize)> {
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    loop {
        let line =
            read_line_limited(reader, &mut buf, opts.max_record_bytes).map_err(|e| (e, line_no))?;
        line_no += 1;
        let record = format!("{origin}#line={line_no}");
        match line {
            Line::Eof => return Ok(line_no - 1),
            Line::TooLong(size) => emit(ReadEvent::Rejected(Error::TooLarge {
                origin: record,
                size,
                limit: opts.max_record_bytes,
                what: "JSON Lines record",
            })),
            Line::Text => {
                let bytes = buf.trim_ascii();
                if bytes.is_empty() {
                    continue;
                }
                emit(match read_record(bytes, &record) {
                    Ok(article) => ReadEvent::Article(Box::new(article)),
                    Err(e) => ReadEvent::Rejected(e),
                });
            }
        }
    }
}

/// Reads one JSON document: an object is one article, an array holds one per
/// element (`#record=N`).
pub fn read_document(bytes: &[u8], origin: &str, emit: &mut dyn FnMut(ReadEvent)) -> Result<usize> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| Error::Malformed {
        origin: origin.to_string(),
        format: "JSON",
        detail: e.to_string(),
    })?;
    let to_event = |result: Result<Article>| match result {
        Ok(article) => ReadEvent::Article(Box::new(article)),
        Err(e) => ReadEvent::Rejected(e),
    };
    match value {
        Value::Array(items) => {
            let n = items.len();
            for (i, item) in items.into_iter().enumerate() {
                emit(to_event(read_value(
                    item,
                    &format!("{origin}#record={}", i + 1),
                )));
            }
            Ok(n)
        }
        other => {
            emit(to_event(read_value(other, origin)));
            Ok(1)
        }
    }
}

/// Parses one JSON Lines record into an article.
pub fn read_record(bytes: &[u8], origin: &str) -> Result<Article> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| Error::Malformed {
        origin: origin.to_string(),
        format: "JSON Lines record",
        detail: e.to_string(),
    })?;
    read_value(value, origin)
}

/// One JSON object (a record) into an article.
fn read_value(value: Value, origin: &str) -> Result<Article> {
    let malformed = |detail: String| Error::Malformed {
        origin: origin.to_string(),
        format: "JSON record",
        detail,
    };
    let Value::Object(mut map) = value else {
        return Err(malformed("a record must be a JSON object".into()));
    };
    let text = take_string(&mut map, TEXT_KEYS).ok_or_else(|| Error::NoText {
        origin: origin.to_string(),
        detail: format!("no string field among {}", TEXT_KEYS.join(", ")),
    })?;
    let title = take_string(&mut map, TITLE_KEYS);
    let outlet = take_outlet(&mut map);
    let url = take_string(&mut map, URL_KEYS);
    let dateline = take_date(&mut map);
    let body = if html::looks_like_html(&text) {
        html::fragment_to_text(&text)
    } else {
        text
    };
    let source = Source {
        origin: origin.to_string(),
        format: InputFormat::JsonLines,
        outlet,
        url,
        title,
        dateline,
        removed_lines: Vec::new(),
    };
    let metadata: BTreeMap<String, Value> = map.into_iter().collect();
    clean::finish(&body, source, metadata)
}

fn take_string(map: &mut Map<String, Value>, keys: &[&str]) -> Option<String> {
    for key in keys {
        if let Some(Value::String(s)) = map.get(*key) {
            if !s.trim().is_empty() {
                let s = s.trim().to_string();
                map.remove(*key);
                return Some(s);
            }
        }
    }
    None
}

fn take_outlet(map: &mut Map<String, Value>) -> Option<String> {
    for key in OUTLET_KEYS {
        let name = match map.get(*key) {
            Some(Value::String(s)) => s.trim().to_string(),
            Some(Value::Object(o)) => match o.get("name").or_else(|| o.get("title")) {
                Some(Value::String(s)) => s.trim().to_string(),
                _ => continue,
            },
            _ => continue,
        };
        if !name.is_empty() {
            map.remove(*key);
            return Some(name);
        }
    }
    None
}

fn take_date(map: &mut Map<String, Value>) -> Option<Dateline> {
    for key in DATE_KEYS {
        let dateline = match map.get(*key) {
            Some(Value::String(s)) => parse_dateline(s, DatelineSource::JsonField),
            Some(Value::Number(n)) => n.as_i64().and_then(epoch_dateline),
            _ => None,
        };
        if dateline.is_some() {
            map.remove(*key);
            return dateline;
        }
    }
    None
}

/// Unix seconds (or milliseconds, if implausibly large) to a UTC dateline.
fn epoch_dateline(n: i64) -> Option<Dateline> {
    let seconds = if n.abs() > 100_000_000_000 {
        n / 1000
    } else {
        n
    };
    let ts = jiff::Timestamp::from_second(seconds).ok()?;
    let dt = jiff::tz::TimeZone::UTC.to_datetime(ts);
    Some(Dateline {
        date: dt.date(),
        time: Some(dt.time()),
        utc_offset_minutes: Some(0),
        precision: DatePrecision::Second,
        source: DatelineSource::JsonField,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str, limit: u64) -> Vec<ReadEvent> {
        let mut events = Vec::new();
        let opts = ReadOptions {
            max_record_bytes: limit,
            ..ReadOptions::default()
        };
        read_stream(&mut input.as_bytes(), "f.jsonl", &opts, &mut |e| {
            events.push(e)
        })
        .unwrap();
        events
    }

    #[test]
    fn record_fields_and_metadata() {
        let a = read_record(
            br#"{"id": "w-1", "url": "https://x.example/a", "source": "Meridian Wire", "date": "2023-07-18T09:30:00Z", "title": "Talks", "text": "The two ministers met in Baku on Tuesday.\n\nNo agreement was reached.", "section": "world", "tags": ["a", "b"]}"#,
            "f.jsonl#line=1",
        )
        .unwrap();
        assert_eq!(a.outlet.as_deref(), Some("Meridian Wire"));
        assert_eq!(a.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(a.title.as_deref(), Some("Talks"));
        assert_eq!(a.dateline.unwrap().date, jiff::civil::date(2023, 7, 18));
        assert_eq!(
            a.text,
            "The two ministers met in Baku on Tuesday.\n\nNo agreement was reached."
        );
        let keys: Vec<&str> = a.metadata.keys().map(String::as_str).collect();
        assert_eq!(keys, ["id", "section", "tags"]);
    }

    #[test]
    fn bad_lines_are_rejected_and_the_rest_read() {
        let input = "{\"text\": \"First report of the storm.\"}\nnot json\n\n[1,2]\n{\"title\": \"no text\"}\n{\"text\": \"Second report of the storm.\"}";
        let events = run(input, 1 << 20);
        let summary: Vec<String> = events
            .iter()
            .map(|e| match e {
                ReadEvent::Article(a) => format!("ok {}", a.sources[0].origin),
                ReadEvent::Rejected(e) => format!("{} {}", e.reason(), e.origin()),
                ReadEvent::Skipped { origin, .. } => format!("skip {origin}"),
            })
            .collect();
        assert_eq!(
            summary,
            [
                "ok f.jsonl#line=1",
                "malformed f.jsonl#line=2",
                "malformed f.jsonl#line=4",
                "no_text f.jsonl#line=5",
                "ok f.jsonl#line=6"
            ]
        );
    }

    #[test]
    fn overlong_lines_are_skipped_whole() {
        let long = format!("{{\"text\": \"{}\"}}\n", "a".repeat(5000));
        let input = format!("{long}{{\"text\": \"Short report.\"}}\n");
        let events = run(&input, 1000);
        assert!(matches!(
            &events[0],
            ReadEvent::Rejected(Error::TooLarge { size: 5013, .. })
        ));
        assert!(matches!(&events[1], ReadEvent::Article(a) if a.text == "Short report."));
    }

    #[test]
    fn json_documents_object_or_array() {
        let mut events = Vec::new();
        let n = read_document(
            br#"[{"text": "First report of the storm."}, 7, {"maintext": "Second report.", "date_publish": "2023-07-18 09:30:00"}]"#,
            "a.json",
            &mut |e| events.push(e),
        )
        .unwrap();
        assert_eq!(n, 3);
        assert!(
            matches!(&events[0], ReadEvent::Article(a) if a.sources[0].origin == "a.json#record=1")
        );
        assert!(
            matches!(&events[1], ReadEvent::Rejected(e) if e.reason() == "malformed" && e.origin() == "a.json#record=2")
        );
        let ReadEvent::Article(a) = &events[2] else {
            panic!("{events:?}")
        };
        assert_eq!(
            a.dateline.as_ref().unwrap().date,
            jiff::civil::date(2023, 7, 18)
        );
        let mut one = Vec::new();
        read_document(
            b"{\n  \"title\": \"T\",\n  \"text\": \"Pretty printed.\"\n}\n",
            "b.json",
            &mut |e| one.push(e),
        )
        .unwrap();
        assert!(matches!(&one[0], ReadEvent::Article(a) if a.title.as_deref() == Some("T")));
    }

    #[test]
    fn html_text_and_epoch_dates() {
        let a = read_record(
            br#"{"text": "<p>First paragraph.</p><p>Second &amp; last.</p>", "published": 1689672600}"#,
            "r",
        )
        .unwrap();
        assert_eq!(a.text, "First paragraph.\n\nSecond & last.");
        assert_eq!(a.dateline.unwrap().date, jiff::civil::date(2023, 7, 18));
    }
}
