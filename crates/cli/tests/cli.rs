//! End-to-end tests of the `sitrep` binary: idempotent re-ingest, a killed
//! ingest resumed, bad input in a batch, exit codes, stdin, show and search.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn sitrep(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    cmd.arg("--db").arg(db);
    cmd
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}

fn summary(out: &Output) -> serde_json::Value {
    let stdout = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn dump(db: &Path) -> String {
    sitrep_store::Store::open(db).unwrap().dump().unwrap()
}

#[test]
fn ingesting_the_examples_twice_stores_nothing_new() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let first = sitrep(&db).arg("ingest").arg(examples()).output().unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let s1 = summary(&first);
    let read = s1["accepted"].as_u64().unwrap() + s1["duplicate"].as_u64().unwrap();
    assert!(s1["accepted"].as_u64().unwrap() >= 30);
    assert!(
        s1["duplicate"].as_u64().unwrap() >= 1,
        "the corpus holds a syndicated copy"
    );
    assert_eq!(s1["stored_articles"], s1["accepted"]);
    let before = dump(&db);

    let second = sitrep(&db).arg("ingest").arg(examples()).output().unwrap();
    assert!(second.status.success());
    let s2 = summary(&second);
    assert_eq!(s2["accepted"], 0);
    assert_eq!(s2["duplicate"], 0);
    assert_eq!(s2["already_stored"].as_u64().unwrap(), read);
    assert_eq!(dump(&db), before);
}

/// Writes `n` distinct small articles as text files.
fn write_corpus(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let text = format!(
            "date 2023-03-{:02} (Test Wire)\nReport number {i}\n\nInspectors counted {i} trucks at the crossing on Monday, officials said. The convoy number {} carried flour and medicine.\n",
            1 + i % 28,
            i * 7
        );
        std::fs::write(dir.join(format!("{i:05}.txt")), text).unwrap();
    }
}

fn count_articles(db: &Path) -> i64 {
    let Ok(conn) =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return 0;
    };
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap_or(0)
}

#[test]
fn a_killed_ingest_resumed_equals_one_clean_run() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let total = 6000;
    write_corpus(&corpus, total);

    let clean = dir.path().join("clean.db");
    let out = sitrep(&clean).arg("ingest").arg(&corpus).output().unwrap();
    assert!(out.status.success());
    assert_eq!(count_articles(&clean), total as i64);

    let killed = dir.path().join("killed.db");
    let mut child = sitrep(&killed)
        .args(["ingest", "--jobs", "1"])
        .arg(&corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = 0;
    while Instant::now() < deadline {
        seen = count_articles(&killed);
        if seen > 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let at_kill = count_articles(&killed);
    assert!(seen > 0, "the ingest committed nothing before the deadline");
    assert!(
        (at_kill as usize) < total,
        "the ingest finished before it could be killed ({at_kill} of {total})"
    );

    let resumed = sitrep(&killed).arg("ingest").arg(&corpus).output().unwrap();
    assert!(resumed.status.success());
    let s = summary(&resumed);
    assert_eq!(s["accepted"].as_i64().unwrap(), total as i64 - at_kill);
    assert_eq!(dump(&killed), dump(&clean));
}

#[test]
fn bad_inputs_are_listed_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(
        inputs.join("good.txt"),
        "date 2023-05-02 (Test Wire)\nGood report\n\nThe ministers met in Vienna on Tuesday and agreed to talk again.\n",
    )
    .unwrap();
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    std::fs::write(inputs.join("blank.txt"), "  \n\n \t\n").unwrap();
    std::fs::write(
        inputs.join("junk.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 254].repeat(50),
    )
    .unwrap();
    std::fs::write(
        inputs.join("nav-only.html"),
        "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
    )
    .unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..200 {
        writeln!(gz, "{{\"text\": \"Record {i}: rescuers reached the village on foot after the bridge collapsed.\"}}").unwrap();
    }
    let bytes = gz.finish().unwrap();
    std::fs::write(inputs.join("cut.jsonl.gz"), &bytes[..bytes.len() / 2]).unwrap();

    let db = dir.path().join("x.db");
    let out = sitrep(&db).arg("ingest").arg(&inputs).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "some inputs were rejected");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for name in [
        "empty.txt",
        "blank.txt",
        "junk.txt",
        "nav-only.html",
        "cut.jsonl.gz",
    ] {
        assert_eq!(
            stderr
                .lines()
                .filter(|l| l.starts_with("rejected: ") && l.contains(name))
                .count(),
            1,
            "one line for {name}:\n{stderr}"
        );
    }
    let s = summary(&out);
    assert_eq!(s["rejected"], 5);
    assert_eq!(s["rejected_by_reason"]["empty"], 2);
    assert_eq!(s["rejected_by_reason"]["no_text"], 1);
    assert_eq!(s["rejected_by_reason"]["truncated_gzip"], 1);
    let accepted = s["accepted"].as_u64().unwrap();
    assert!(
        accepted > 1 && accepted < 201,
        "good.txt plus the records before the cut: {accepted}"
    );
    assert_eq!(count_articles(&db) as u64, accepted);
}

#[test]
fn usage_errors_exit_with_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    assert_eq!(
        sitrep(&db)
            .arg("frobnicate")
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        sitrep(&db).arg("ingest").output().unwrap().status.code(),
        Some(2)
    );
    assert_eq!(
        sitrep(&db).arg("--help").output().unwrap().status.code(),
        Some(0)
    );
}

#[test]
fn stdin_show_and_search() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let mut child = sitrep(&db)
        .args(["ingest", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"source\": \"Test Wire\", \"date\": \"2023-06-01\", \"title\": \"Harbour reopens\", \"text\": \"The harbour at Tartus reopened on Thursday after a week of storms, port officials said.\"}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(summary(&out)["accepted"], 1);

    let list = sitrep(&db).args(["articles", "--json"]).output().unwrap();
    let line = String::from_utf8_lossy(&list.stdout);
    let row: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    let id = row["id"].as_str().unwrap().to_string();
    assert_eq!(row["outlet"], "Test Wire");

    let shown = sitrep(&db)
        .args(["show", &id[..8], "--json"])
        .output()
        .unwrap();
    assert!(shown.status.success());
    let article: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(article["id"], id.as_str());
    assert_eq!(article["sources"][0]["origin"], "-#line=1");

    let hits = sitrep(&db)
        .args(["search", "Tartus", "--json"])
        .output()
        .unwrap();
    let hit: serde_json::Value = serde_json::from_slice(&hits.stdout).unwrap();
    assert_eq!(hit["id"], id.as_str());
    let none = sitrep(&db)
        .args(["search", "Reykjavik", "--json"])
        .output()
        .unwrap();
    assert!(none.stdout.is_empty());
    let missing = sitrep(&db).args(["show", "ffffffff"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    assert!(sitrep(&db)
        .arg("ingest")
        .arg(examples())
        .output()
        .unwrap()
        .status
        .success());
    let mut child = sitrep(&db)
        .arg("articles")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before the listing is written
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}
