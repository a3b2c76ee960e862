//! End-to-end tests of `sitrep lexicon import` and `sitrep lexicon lookup`: an
//! invented dictionary imported twice, dated codes, the shipped lexicon's
//! precedence, an unreadable file in a batch, and (when present) the Phoenix files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn sitrep(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    cmd.arg("--db").arg(db);
    cmd
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dictionaries")
}

fn json(out: &Output) -> Value {
    let stdout = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!(
            "{e}: {stdout}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn import(db: &Path, files: &[PathBuf]) -> Output {
    sitrep(db)
        .args(["lexicon", "import", "--json"])
        .args(files)
        .output()
        .unwrap()
}

fn lookup(db: &Path, name: &str, date: Option<&str>) -> Value {
    let mut cmd = sitrep(db);
    cmd.args(["lexicon", "lookup", name, "--json"]);
    if let Some(d) = date {
        cmd.args(["--date", d]);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
}

fn invented() -> Vec<PathBuf> {
    vec![
        fixtures().join("invented.actors.txt"),
        fixtures().join("invented.agents.txt"),
    ]
}

/// (entries, names, problems) of each file in an import report.
fn counts(report: &Value) -> Vec<(u64, u64, u64)> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = &f["imported"];
            (
                s["file"]["entries"].as_u64().unwrap(),
                s["names"].as_u64().unwrap(),
                s["file"]["problems"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn importing_twice_gives_the_same_counts_and_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let first = import(&db, &invented());
    assert!(first.status.success());
    let r1 = json(&first);
    // Two actors (one code-less name dropped as a problem), two agent terms.
    assert_eq!(counts(&r1), [(2, 4, 1), (2, 4, 0)]);
    assert_eq!(r1["failed"], 0);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(
        stderr.contains("invented.actors.txt:10:"),
        "problems are printed as file:line: {stderr}"
    );

    let second = import(&db, &invented());
    assert!(second.status.success());
    let r2 = json(&second);
    assert_eq!(counts(&r2), counts(&r1));
    assert_eq!(r2["files"][0]["imported"]["replaced"], true);
    assert_eq!(r2["files"][0]["imported"]["unchanged"], true);

    let store = sitrep_store::Store::open(&db).unwrap();
    assert_eq!(store.dictionaries().unwrap().len(), 2);
    assert_eq!(store.dictionary_actors("zoran velkovic").unwrap().len(), 1);
    assert_eq!(store.dictionary_agents("harbour wardens").unwrap().len(), 1);
}

#[test]
fn imported_codes_follow_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    assert!(import(&db, &invented()).status.success());
    for (date, code) in [
        ("2005-01-01", "XYZGOV"), // first day of the closed interval
        ("2010-12-31", "XYZGOV"), // last day
        ("2011-01-01", "XYZOPP"), // `>110101` includes its day
        ("2030-06-01", "XYZOPP"),
        ("2004-12-31", "XYZELI"), // before every interval: the undated default
    ] {
        // Diacritics and case do not matter; a synonym finds the entry too.
        for name in ["Zoran Velković", "president velkovic"] {
            let r = lookup(&db, name, Some(date));
            assert_eq!(r["date"], date);
            assert_eq!(r["shipped"].as_array().unwrap().len(), 0, "{name}");
            assert_eq!(r["imported"][0]["code_on_date"], code, "{name} {date}");
            assert_eq!(r["answer"]["code"], code, "{name} {date}");
            let source = &r["answer"]["source"];
            assert_eq!(source["from"], "imported");
            assert_eq!(source["file"], "invented.actors.txt");
            assert_eq!(source["line"], 2);
        }
    }
    let r = lookup(&db, "Zoran Velkovic", Some("2007-06-01"));
    assert_eq!(r["answer"]["description"], "XYZ, government");

    let r = lookup(&db, "harbour wardens", Some("2020-01-01"));
    assert_eq!(r["imported"][0]["kind"], "agent");
    assert_eq!(r["answer"]["code"], "COP");
    assert_eq!(r["answer"]["description"], "police");
}

#[test]
fn lookup_without_a_date_uses_today_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    assert!(import(&db, &invented()).status.success());
    let r = lookup(&db, "Zoran Velkovic", None);
    assert_eq!(r["date_is_today"], true);
    // Today is after 2011-01-01.
    assert_eq!(r["answer"]["code"], "XYZOPP");
    let out = sitrep(&db)
        .args(["lexicon", "lookup", "Zoran Velkovic"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("(today;"), "{stdout}");
    assert!(stdout.contains("answer: XYZOPP"), "{stdout}");
}

#[test]
fn shipped_lexicon_answers_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let r = lookup(&db, "Vladimir Putin", Some("2023-10-16"));
    assert_eq!(r["answer"]["code"], "RUSGOV");
    assert_eq!(r["answer"]["description"], "Russia, government");
    assert_eq!(r["answer"]["source"]["from"], "shipped");
    assert_eq!(r["answer"]["source"]["id"], "vladimir-putin");
    assert!(!db.exists(), "a lookup does not create a database");

    let r = lookup(&db, "Nobody Anywhere Xyzzy", Some("2023-10-16"));
    assert_eq!(r["answer"]["code"], Value::Null);
    assert_eq!(r["answer"]["source"], Value::Null);
}

#[test]
fn an_unreadable_file_fails_the_run_but_not_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let missing = dir.path().join("missing.actors.txt");
    let out = import(
        &db,
        &[missing.clone(), fixtures().join("invented.actors.txt")],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&missing.display().to_string()),
        "the message names the file: {stderr}"
    );
    let r = json(&out);
    assert_eq!(r["imported"], 1);
    assert_eq!(r["failed"], 1);
    assert!(r["files"][0]["error"].is_string());
    let r = lookup(&db, "Zoran Velkovic", Some("2007-06-01"));
    assert_eq!(r["answer"]["code"], "XYZGOV");
}

#[test]
fn kind_can_be_forced() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let copy = dir.path().join("terms.txt");
    std::fs::copy(fixtures().join("invented.agents.txt"), &copy).unwrap();
    let out = sitrep(&db)
        .args(["lexicon", "import", "--json", "--kind", "agents"])
        .arg(&copy)
        .output()
        .unwrap();
    assert!(out.status.success());
    let r = json(&out);
    assert_eq!(r["files"][0]["imported"]["file"]["kind"], "agents");
    assert_eq!(
        lookup(&db, "lighthouse keeper", Some("2020-01-01"))["answer"]["code"],
        "LHK"
    );
}

/// The Phoenix dictionaries, when the shared data set is on this machine.
fn phoenix() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/dictionaries/phoenix"
    ));
    dir.join("Phoenix.Countries.actors.txt")
        .exists()
        .then_some(dir)
}

#[test]
fn phoenix_dictionaries_answer_where_the_shipped_lexicon_does_not() {
    let Some(dir) = phoenix() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("x.db");
    let out = import(
        &db,
        &[
            dir.join("Phoenix.Countries.actors.txt"),
            dir.join("Phoenix.agents.txt"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = json(&out);
    assert!(
        r["files"][0]["imported"]["file"]["entries"]
            .as_u64()
            .unwrap()
            > 10_000
    );
    assert!(
        r["files"][1]["imported"]["file"]["entries"]
            .as_u64()
            .unwrap()
            > 1_000
    );

    // 2005: the shipped lexicon has no role for him then; Phoenix does.
    let r = lookup(&db, "Vladimir Putin", Some("2005-01-01"));
    assert_eq!(r["answer"]["code"], "RUSGOV");
    assert_eq!(r["answer"]["source"]["from"], "imported");
    assert_eq!(
        r["answer"]["source"]["file"],
        "Phoenix.Countries.actors.txt"
    );

    let r = lookup(&db, "Vladimir Putin", Some("2023-10-16"));
    assert_eq!(r["answer"]["code"], "RUSGOV");
    assert_eq!(r["answer"]["source"]["from"], "shipped");
    assert!(!r["imported"].as_array().unwrap().is_empty());
}
