//! Bad input: every case gives exactly the expected rejection, named after the
//! file (and record), never a panic, and the rest of the batch is still read.
//! (The 200 MB inputs are in `large_input.rs`, alone in their process so that
//! its peak memory is theirs.)

mod common;

use common::{fixture, only_rejection, read_with_good, summary, write, GOOD};
use sitrep_ingest::{Error, ReadEvent};

/// Deterministic pseudo-random bytes (xorshift).
fn junk(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

const REPORT: &str = "The minister’s convoy reached the Nardo border crossing on Tuesday morning, and the first of 40 aid lorries followed an hour later, officials said.\n\n\
Customs officers at the crossing said the lorries carried flour, medicine and water-purification tablets for about 12,000 people in villages cut off by the floods.\n\n\
“We expect the road to stay open,” said Aurélie Fontaine, who leads the relief mission. A second convoy is due on Friday if the weather holds.\n";

// ---- encodings and junk -----------------------------------------------------

#[test]
fn mostly_utf8_with_a_few_bad_bytes_is_decoded_as_utf8_with_replacements() {
    // A UTF-8 text damaged in three places: a stray 0xFF, a curly quote cut
    // short (E2 80 without its last byte), and a Latin-1 no-break space.
    let mut bytes = REPORT.as_bytes().to_vec();
    bytes.splice(20..20, [0xFF]);
    let at = REPORT.find("flour").unwrap() + 1;
    bytes.splice(at..at, [0xE2, 0x80]);
    let at = REPORT.find("A second convoy").unwrap() + 2;
    bytes.splice(at..at, [0xA0]);
    assert!(std::str::from_utf8(&bytes).is_err());

    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "damaged.txt", &bytes);
    let events = read_with_good(&[path]);
    let [ReadEvent::Article(a)] = &events[..] else {
        panic!("{:?}", summary(&events))
    };
    // decode.rs: more well-formed multi-byte characters than malformed
    // sequences means UTF-8 with U+FFFD replacements, not a legacy guess.
    assert_eq!(a.metadata.get("encoding"), None, "decoded as UTF-8");
    assert_eq!(a.text.matches('\u{FFFD}').count(), 3, "{}", a.text);
    assert!(a.text.contains("The minister’s"), "{}", a.text);
    assert!(a.text.contains("Aurélie Fontaine"), "{}", a.text);
    assert!(!a.text.contains("â€"), "mojibake: {}", a.text);
}

#[test]
fn half_invalid_bytes_are_rejected() {
    // Every other byte is a random byte in 0x80..=0xFF: never UTF-8, and as
    // a legacy encoding it is full of C1 control characters.
    let noise = junk(REPORT.len(), 0x5eed);
    let bytes: Vec<u8> = REPORT
        .bytes()
        .zip(noise)
        .flat_map(|(b, n)| [b, n | 0x80])
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "half-invalid.txt", &bytes);
    let events = read_with_good(std::slice::from_ref(&path));
    let [ReadEvent::Rejected(err)] = &events[..] else {
        panic!("{:?}", summary(&events))
    };
    assert!(matches!(err.reason(), "binary" | "encoding"), "{err}");
    assert_eq!(err.origin(), path);
    assert!(err.to_string().starts_with(&format!("{path}: ")), "{err}");
}

#[test]
fn binary_junk_is_rejected_as_binary() {
    let dir = tempfile::tempdir().unwrap();
    let mut with_nuls = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    with_nuls.extend(REPORT.as_bytes());
    let utf16_without_bom: Vec<u8> = REPORT.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let cases = [
        write(dir.path(), "random.txt", &junk(8192, 1)),
        write(dir.path(), "random.html", &junk(8192, 2)),
        write(dir.path(), "random.rss", &junk(8192, 3)),
        write(dir.path(), "random-no-extension", &junk(8192, 4)),
        write(dir.path(), "nuls.txt", &with_nuls),
        write(dir.path(), "nuls.html", &with_nuls),
        write(dir.path(), "utf16-without-bom.txt", &utf16_without_bom),
    ];
    for path in cases {
        let events = read_with_good(std::slice::from_ref(&path));
        only_rejection(&events, "binary", &path);
    }
}

#[test]
fn binary_junk_named_json_lines_is_rejected_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "random.jsonl", &junk(8192, 5));
    let events = read_with_good(std::slice::from_ref(&path));
    only_rejection(&events, "binary", &path);
}

// ---- truncated gzip ---------------------------------------------------------

#[test]
fn truncated_json_lines_gzip_keeps_the_records_before_the_cut() {
    let gz = std::fs::read(fixture("gz/records.jsonl.gz")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "cut.jsonl.gz", &gz[..gz.len() * 3 / 4]);
    let events = read_with_good(std::slice::from_ref(&path));
    let (last, before) = events.split_last().unwrap();
    let read = before.len();
    assert!((1..3).contains(&read), "{:?}", summary(&events));
    let expected: Vec<String> = (1..=read)
        .map(|n| format!("article {path}#line={n}"))
        .collect();
    assert_eq!(summary(before), expected);
    let err = only_rejection(std::slice::from_ref(last), "truncated_gzip", &path);
    assert!(
        matches!(err, Error::Gzip { records, .. } if *records == read),
        "{err}"
    );
    assert!(
        err.to_string().contains(&format!("after {read} record(s)")),
        "{err}"
    );
}

/// Byte offsets where the gzip members of a fixture start (the fixtures are
/// written with mtime 0 and level 9, so every member has the same header).
fn gzip_members(bytes: &[u8]) -> Vec<usize> {
    const HEADER: [u8; 9] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2];
    (0..bytes.len().saturating_sub(HEADER.len()))
        .filter(|&i| bytes[i..].starts_with(&HEADER))
        .collect()
}

#[test]
fn truncated_warc_gzip_keeps_the_records_before_the_cut() {
    let gz = std::fs::read(fixture("warc/two-pages.warc.gz")).unwrap();
    let members = gzip_members(&gz);
    assert_eq!(members.len(), 7);
    let dir = tempfile::tempdir().unwrap();
    // Cut in the middle of record 5 (the second page's response): records
    // 1-4 were read, record 3 was an article; record 5 is lost.
    let cut = (members[4] + members[5]) / 2;
    let path = write(dir.path(), "cut.warc.gz", &gz[..cut]);
    let events = read_with_good(std::slice::from_ref(&path));
    assert_eq!(
        summary(&events),
        [
            format!("article {path}#record=3"),
            format!("truncated_gzip {path}")
        ]
    );
    let err = only_rejection(&events[1..], "truncated_gzip", &path);
    assert!(matches!(err, Error::Gzip { records: 4, .. }), "{err}");
    assert!(err.to_string().contains("after 4 record(s)"), "{err}");

    // Cut inside the first page's response: no article, two records read.
    let cut = (members[2] + members[3]) / 2;
    let path = write(dir.path(), "cut-early.warc.gz", &gz[..cut]);
    let events = read_with_good(std::slice::from_ref(&path));
    let err = only_rejection(&events, "truncated_gzip", &path);
    assert!(matches!(err, Error::Gzip { records: 2, .. }), "{err}");
}

// ---- empty ------------------------------------------------------------------

#[test]
fn empty_and_whitespace_only_files_are_empty() {
    let dir = tempfile::tempdir().unwrap();
    let blank = b"  \n\t\r\n\n   \n";
    let cases = [
        write(dir.path(), "empty.txt", b""),
        write(dir.path(), "empty.jsonl", b""),
        write(dir.path(), "empty.warc.gz", b""),
        write(dir.path(), "blank.txt", blank),
        write(dir.path(), "blank.html", blank),
        write(dir.path(), "blank.rss", blank),
        write(dir.path(), "blank.jsonl", blank),
        write(dir.path(), "blank.warc", blank),
        write(dir.path(), "blank-no-extension", blank),
        write(
            dir.path(),
            "no-break-spaces.txt",
            "\u{a0} \u{2003}\n".as_bytes(),
        ),
    ];
    for path in cases {
        let events = read_with_good(std::slice::from_ref(&path));
        only_rejection(&events, "empty", &path);
    }
}

// ---- feeds ------------------------------------------------------------------

#[test]
fn malformed_feed_is_rejected() {
    let path = fixture("bad/unclosed-tags.rss");
    let events = read_with_good(std::slice::from_ref(&path));
    let err = only_rejection(&events, "malformed", &path);
    assert!(err.to_string().contains("malformed feed"), "{err}");
}

/// Hostile DTDs: whatever the reader makes of the feed, no entity is expanded
/// (no file contents, no exponential text) and the batch goes on.
fn assert_entities_not_expanded(rel: &str) {
    let path = fixture(rel);
    let events = read_with_good(std::slice::from_ref(&path));
    assert!(!events.is_empty());
    for event in &events {
        match event {
            ReadEvent::Article(a) => {
                let strings = [
                    Some(&a.text),
                    a.title.as_ref(),
                    a.outlet.as_ref(),
                    a.url.as_ref(),
                ];
                for s in strings.into_iter().flatten() {
                    assert!(s.len() < 1000, "{} bytes: {}", s.len(), &s[..200]);
                    assert!(!s.contains("root:"), "file contents leaked: {s}");
                    assert!(!s.contains("lollol"), "entity expanded: {s}");
                }
                assert!(a.sources[0].origin.starts_with(&format!("{path}#item=")));
            }
            ReadEvent::Rejected(err) => {
                assert!(err.origin().starts_with(&path), "{err}");
                assert!(err.to_string().len() < 2000, "{err}");
            }
            ReadEvent::Skipped { .. } => panic!("{:?}", summary(&events)),
        }
    }
}

#[test]
fn billion_laughs_feed_is_not_expanded() {
    assert_entities_not_expanded("bad/billion-laughs.rss");
}

#[test]
fn external_entity_feed_is_not_resolved() {
    assert_entities_not_expanded("bad/external-entity.rss");
}

// ---- HTML and WARC ----------------------------------------------------------

#[test]
fn html_without_body_text_is_no_text() {
    let path = fixture("bad/nav-and-footer-only.html");
    let events = read_with_good(std::slice::from_ref(&path));
    only_rejection(&events, "no_text", &path);
}

#[test]
fn warc_with_a_bad_version_line_is_malformed_at_its_record() {
    let path = fixture("bad/warc-bad-version-line.warc");
    let events = read_with_good(std::slice::from_ref(&path));
    let err = only_rejection(&events, "malformed", &format!("{path}#record=2"));
    assert!(err.to_string().contains("'WARC/' version line"), "{err}");
}

#[test]
fn warc_without_content_length_is_malformed_at_its_record() {
    let path = fixture("bad/warc-missing-content-length.warc");
    let events = read_with_good(std::slice::from_ref(&path));
    let err = only_rejection(&events, "malformed", &format!("{path}#record=2"));
    assert!(err.to_string().contains("Content-Length"), "{err}");
}

// ---- arguments --------------------------------------------------------------

#[test]
fn missing_paths_and_empty_globs_are_errors_and_the_rest_expands() {
    let missing = fixture("text/no-such-file.txt");
    let empty_glob = fixture("text/*.nothing");
    let (inputs, errors) =
        sitrep_ingest::collect_inputs(&[missing.clone(), fixture(GOOD), empty_glob.clone()]);
    assert_eq!(inputs.len(), 1);
    let found: Vec<(&str, &str)> = errors.iter().map(|e| (e.reason(), e.origin())).collect();
    assert_eq!(
        found,
        [
            ("not_found", missing.as_str()),
            ("not_found", empty_glob.as_str())
        ]
    );
}
