//! Inputs far over the size limits (200 MB), created in a temporary directory
//! at test time: rejected as `too_large` without being read into memory, and
//! the batch goes on. Alone in this test binary because peak memory is
//! measured for the whole process.

mod common;

use std::fs::File;
use std::io::Write;

use common::{articles, only_rejection, read_with_good, summary};
use sitrep_ingest::Error;

const HUGE: u64 = 200_000_000;

/// Peak resident memory of this process, where the OS reports it.
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[test]
fn a_200_mb_text_file_is_too_large_and_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    File::create(&path).unwrap().set_len(HUGE).unwrap(); // sparse
    let path = path.display().to_string();
    let events = read_with_good(std::slice::from_ref(&path));
    let err = only_rejection(&events, "too_large", &path);
    // The exact file size (not the limit + 1 a bounded read would see) shows
    // the size came from the file's metadata, before any byte was read.
    assert!(
        matches!(
            err,
            Error::TooLarge {
                size: HUGE,
                what: "document",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_200_mb_json_line_is_rejected_and_the_next_record_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("giant-line.jsonl");
    let mut file = File::create(&path).unwrap();
    file.write_all(br#"{"text": ""#).unwrap();
    // The rest of the line: 200 MB of words, written a megabyte at a time.
    let chunk = "rain ".repeat(1 << 18).into_bytes()[..1 << 20].to_vec();
    let mut written = 10u64;
    while written + (1 << 20) <= HUGE {
        file.write_all(&chunk).unwrap();
        written += 1 << 20;
    }
    file.write_all(&chunk[..(HUGE - written) as usize]).unwrap();
    file.write_all(b"\"}\n").unwrap();
    file.write_all(br#"{"title": "Small record", "text": "The ferry to the islands ran on time on Monday, the operator said."}"#)
        .unwrap();
    file.write_all(b"\n").unwrap();
    drop(file);
    let path = path.display().to_string();

    let events = read_with_good(std::slice::from_ref(&path));
    assert_eq!(
        summary(&events),
        [
            format!("too_large {path}#line=1"),
            format!("article {path}#line=2")
        ]
    );
    let err = only_rejection(&events[..1], "too_large", &format!("{path}#line=1"));
    assert!(
        matches!(err, Error::TooLarge { size, what: "JSON Lines record", .. } if *size == HUGE + 3),
        "{err}"
    );
    assert_eq!(articles(&events)[0].title.as_deref(), Some("Small record"));
    // Streamed: the giant line was never held in memory whole.
    if let Some(peak) = peak_rss_bytes() {
        assert!(peak < HUGE * 3 / 4, "peak resident memory {peak} bytes");
    }
}
