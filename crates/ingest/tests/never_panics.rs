//! Property tests: every reader, fed arbitrary bytes or a fixture with random
//! damage, returns (no panic), and every article it emits has text and a
//! 32-hex id. The fuzz targets in `fuzz/` push the same readers much further.

mod common;

use std::io::Read;
use std::sync::LazyLock;

use common::{bytes_input, fixture};
use proptest::collection::vec;
use proptest::prelude::*;
use sitrep_ingest::{
    date, decode, feed, html, jsonl, read_input, text, warc, Article, Error, ReadEvent, ReadOptions,
};
use sitrep_model::{DatelineSource, InputFormat};

/// Names that steer `read_input` to each reader (the last one is sniffed).
const NAMES: &[&str] = &[
    "in.txt",
    "in.jsonl",
    "in.html",
    "in.rss",
    "in.atom",
    "in.warc",
    "in.jsonl.gz",
    "in.warc.gz",
    "in",
];

/// Small limits, so that the size checks are exercised too.
fn small_limits() -> ReadOptions {
    ReadOptions {
        max_document_bytes: 64 << 10,
        max_record_bytes: 16 << 10,
    }
}

fn check_article(a: &Article) -> Result<(), TestCaseError> {
    prop_assert!(!a.text.trim().is_empty(), "empty text from {:?}", a.sources);
    let id = a.id.as_str();
    prop_assert_eq!(id.len(), 32);
    prop_assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{}", id);
    Ok(())
}

/// Runs `read_input` on in-memory bytes; checks every article.
fn read_bytes(origin: &str, bytes: Vec<u8>, opts: &ReadOptions) -> Result<(), TestCaseError> {
    let mut articles = Vec::new();
    read_input(&bytes_input(origin, bytes), opts, &mut |event| {
        if let ReadEvent::Article(a) = event {
            articles.push(a);
        }
    });
    for a in &articles {
        check_article(a)?;
    }
    Ok(())
}

/// Every valid fixture, with the name it is read under; compressed fixtures
/// also decompressed, so that damage hits the records and not only the CRC.
static FIXTURES: LazyLock<Vec<(String, Vec<u8>)>> = LazyLock::new(|| {
    let files = [
        "text/header-outlet-title.txt",
        "text/header-body-same-line.txt",
        "text/crlf.txt",
        "text/windows-1252.txt",
        "text/boilerplate-tail.txt",
        "jsonl/records-with-extras.jsonl",
        "jsonl/synonym-keys.jsonl",
        "jsonl/html-in-text.jsonl",
        "html/meta-published-time.html",
        "html/json-ld-date.html",
        "html/declared-windows-1252.html",
        "feeds/rss2-content-encoded.rss",
        "feeds/atom-summary.atom",
        "bad/billion-laughs.rss",
        "warc/two-pages.warc.gz",
        "gz/records.jsonl.gz",
    ];
    let mut out = Vec::new();
    for rel in files {
        let bytes = std::fs::read(fixture(rel)).unwrap();
        let name = format!("in.{}", rel.split_once('.').unwrap().1);
        if let Some(plain) = name.strip_suffix(".gz") {
            let mut inflated = Vec::new();
            flate2::read::MultiGzDecoder::new(&bytes[..])
                .read_to_end(&mut inflated)
                .unwrap();
            out.push((plain.to_string(), inflated));
        }
        out.push((name, bytes));
    }
    out
});

/// One random edit of a byte string; positions are taken modulo its length.
#[derive(Debug, Clone)]
enum Mutation {
    Set(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Truncate(usize),
}

/// Byte strings that matter to the parsers.
const TOKENS: &[&[u8]] = &[
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"&#xD800;",
    b"\"",
    b"{",
    b"}",
    b"\n",
    b"\r\n",
    b"\r\n\r\n",
    b"\0",
    b"\xff\xfe",
    b"\xe2\x80",
    "’".as_bytes(),
    b"]]>",
    b"<![CDATA[",
    b"<!ENTITY a \"&a;&a;\">",
    b"</item>",
    b"<item>",
    b"<entry>",
    b"<p>",
    b"<script>",
    b"WARC/1.0\r\n",
    b"Content-Length: 18446744073709551615\r\n",
    b"Content-Length: 5\r\n",
    b"Transfer-Encoding: chunked\r\n",
    b"Content-Encoding: gzip\r\n",
    b"HTTP/1.1 200 OK\r\n",
    b"\x1f\x8b\x08\x00",
    b"date 2024-02-30 (X)\n",
    b"\"date\": 99999999999999999,",
    b"charset=",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    let insert = prop_oneof![
        prop::sample::select(TOKENS).prop_map(<[u8]>::to_vec),
        vec(any::<u8>(), 1..16),
    ];
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Set(at, b)),
        (any::<usize>(), insert).prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        (any::<usize>(), 1..64usize).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<usize>(), 1..256usize).prop_map(|(at, n)| Mutation::Duplicate(at, n)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len();
        let at = |i: usize| if len == 0 { 0 } else { i % (len + 1) };
        match m {
            Mutation::Set(i, b) if len > 0 => bytes[i % len] = *b,
            Mutation::Set(..) => {}
            Mutation::Insert(i, new) => {
                let i = at(*i);
                bytes.splice(i..i, new.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let i = at(*i);
                bytes.drain(i..(i + n).min(len));
            }
            Mutation::Duplicate(i, n) => {
                let i = at(*i);
                let copy = bytes[i..(i + n).min(len)].to_vec();
                bytes.splice(i..i, copy);
            }
            Mutation::Truncate(i) => bytes.truncate(at(*i)),
        }
    }
    bytes
}

// 256 cases each by default; set PROPTEST_CASES for a longer run.
proptest! {
    #[test]
    fn read_input_survives_arbitrary_bytes(
        bytes in vec(any::<u8>(), 0..4096),
        name in prop::sample::select(NAMES),
    ) {
        read_bytes(name, bytes, &ReadOptions::default())?;
    }

    #[test]
    fn read_input_survives_damaged_fixtures(
        which in 0..FIXTURES.len(),
        mutations in vec(mutation(), 1..8),
        rename in prop::option::weighted(0.2, prop::sample::select(NAMES)),
        small in any::<bool>(),
    ) {
        let (name, bytes) = &FIXTURES[which];
        let name = rename.unwrap_or(name);
        let opts = if small { small_limits() } else { ReadOptions::default() };
        read_bytes(name, apply(bytes.clone(), &mutations), &opts)?;
    }

    #[test]
    fn text_reader_survives_arbitrary_text(s in "\\PC{0,600}", header in "(date:? [0-9T:+ -]{0,30}( \\([^()\n]{0,20}\\))?\r?\n)?") {
        let input = format!("{header}{s}");
        let _ = text::split_head(&input);
        if let Ok(a) = text::read(&input, "in.txt") {
            check_article(&a)?;
        }
    }

    #[test]
    fn json_record_reader_survives_arbitrary_objects(
        fields in vec((prop::sample::select(&[
            "text", "body", "content", "title", "headline", "source", "outlet", "publisher",
            "url", "link", "date", "published", "pubDate", "datePublished", "extra",
        ][..]), json_value()), 0..8),
    ) {
        let object: serde_json::Map<String, serde_json::Value> =
            fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let bytes = serde_json::to_vec(&object).unwrap();
        if let Ok(a) = jsonl::read_record(&bytes, "in.jsonl#line=1") {
            check_article(&a)?;
        }
    }

    #[test]
    fn html_reader_survives_arbitrary_markup(s in "(<[a-z/!?][^<>]{0,20}>|[^<>]{0,40}|&[a-z#0-9]{0,6};?){0,80}") {
        let _ = html::fragment_to_text(&s);
        let _ = html::looks_like_html(&s);
        if let Ok(a) = html::read(&s, "in.html", Some("https://x.example/"), InputFormat::Html) {
            check_article(&a)?;
        }
    }

    #[test]
    fn feed_reader_survives_arbitrary_bytes(bytes in vec(any::<u8>(), 0..2048)) {
        let mut articles = Vec::new();
        let _ = feed::read(&bytes, "in.rss", &mut |e| if let ReadEvent::Article(a) = e {
            articles.push(a);
        });
        for a in &articles {
            check_article(a)?;
        }
    }

    #[test]
    fn warc_reader_survives_arbitrary_records(
        records in vec((vec(prop::sample::select(&[
            "WARC-Type: response", "WARC-Type: request", "Content-Type: application/http",
            "WARC-Target-URI: https://x.example/", "Content-Length: 0", "X: \u{00ff}",
        ][..]), 0..5), vec(any::<u8>(), 0..512), any::<bool>()), 0..6),
    ) {
        let mut data = Vec::new();
        for (headers, block, with_length) in records {
            data.extend_from_slice(b"WARC/1.0\r\n");
            for h in headers {
                data.extend_from_slice(h.as_bytes());
                data.extend_from_slice(b"\r\n");
            }
            if with_length {
                data.extend_from_slice(format!("Content-Length: {}\r\n", block.len()).as_bytes());
            }
            data.extend_from_slice(b"\r\n");
            data.extend_from_slice(&block);
            data.extend_from_slice(b"\r\n\r\n");
        }
        let mut articles = Vec::new();
        let io_error = |e: std::io::Error, _records: usize| Error::Io { origin: "in.warc".into(), source: e };
        let _ = warc::read_stream(
            &mut &data[..],
            "in.warc",
            &ReadOptions::default(),
            &mut |e| if let ReadEvent::Article(a) = e { articles.push(a) },
            &io_error,
        );
        for a in &articles {
            check_article(a)?;
        }
    }

    #[test]
    fn decoder_survives_arbitrary_bytes(
        bytes in vec(any::<u8>(), 0..2048),
        label in prop::option::of("[a-zA-Z0-9_:.-]{0,16}"),
    ) {
        if let Ok(d) = decode::decode(&bytes, label.as_deref(), "in") {
            prop_assert!(!d.text.contains('\0'));
        }
        let _ = decode::html_declared_charset(&bytes);
        let _ = decode::content_type_charset(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn dateline_parser_survives_near_dates(
        s in "[ A-Za-z,.]{0,12}[0-9]{0,5}[-/. ]?[0-9A-Za-z]{0,9}[-/. ,]?[0-9]{0,5}([T ][0-9]{0,3}:[0-9]{0,3}(:[0-9]{0,3}([.,][0-9]{0,4})?)?)?[ ]?(Z|UTC|GMT|[+-][0-9]{0,5}:?[0-9]{0,3})?",
    ) {
        if let Some(d) = date::parse_dateline(&s, DatelineSource::HtmlMeta) {
            prop_assert_eq!(d.source, DatelineSource::HtmlMeta);
        }
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{json, Value};
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        "\\PC{0,200}".prop_map(Value::String),
        "(<p>[^<>]{0,40}</p>|[^<>]{0,40}|\n\n){0,6}".prop_map(Value::String),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}Z)?".prop_map(Value::String),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            vec(("(name|title|x)", inner), 0..3)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}
