//! `sitrep events` end to end: articles are coded once, on the first call
//! after ingest, and later calls answer from the store.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sitrep(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    cmd.arg("--db").arg(db).env_remove("SITREP_LOG");
    cmd
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/events")
        .join(name)
}

fn ok(out: Output) -> Output {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn count(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn events_json(db: &Path, extra: &[&str]) -> (Vec<serde_json::Value>, String) {
    let out = ok(sitrep(db)
        .args(["--log", "info", "events", "--json"])
        .args(extra)
        .output()
        .unwrap());
    let events = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (events, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn events_are_coded_once_and_then_read_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("events.db");
    ok(sitrep(&db)
        .arg("ingest")
        .arg(fixture("phone_call_two_leaders.txt"))
        .output()
        .unwrap());
    assert_eq!(count(&db, "coded_articles"), 0, "ingest does not code");

    let (first, log) = events_json(&db, &[]);
    assert!(log.contains("coded 1 new article(s)"), "{log}");
    assert_eq!(count(&db, "coded_articles"), 1);
    let call = first
        .iter()
        .find(|e| e["cameo"] == "041")
        .unwrap_or_else(|| panic!("no telephone call in {first:#?}"));
    assert_eq!(call["source"]["name"], "Emmanuel Macron");
    assert_eq!(call["target"]["name"], "Olaf Scholz");
    assert_eq!(call["date"], "2023-06-13", "Tuesday before the dateline");

    let (second, log) = events_json(&db, &[]);
    assert!(log.contains("coded 0 new article(s)"), "{log}");
    assert_eq!(second, first);

    // Paging walks the same order.
    let (page, _) = events_json(&db, &["--limit", "1", "--offset", "1"]);
    assert_eq!(page, first[1..2]);
    // Filters are answered by the store.
    let (consult, _) = events_json(&db, &["--type", "consult", "--actor", "SCHOLZ"]);
    assert_eq!(consult, vec![call.clone()]);

    // --recode codes every article again and gives the same events.
    let (again, log) = events_json(&db, &["--recode"]);
    assert!(log.contains("coded 1 article(s)"), "{log}");
    assert_eq!(again, first);
    assert_eq!(count(&db, "coded_articles"), 1);
}
