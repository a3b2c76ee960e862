//! The CASE 2021 scorer: weighted and macro F1 on a small confusion worked
//! out by hand, and a whole run on a team-written TSV.

use sitrep_eval::case;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn weighted_f1_weights_by_gold_support() {
    // gold A A A B B C, predicted A A B B C C, and one row of gold A
    // predicted D (a label gold never has).
    let pairs = [
        ("A", "A"),
        ("A", "A"),
        ("A", "B"),
        ("B", "B"),
        ("B", "C"),
        ("C", "C"),
        ("A", "D"),
    ];
    let s = case::score(&pairs);
    // A: P 2/2, R 2/4, F1 2/3.  B: P 1/2, R 1/2, F1 1/2.
    // C: P 1/2, R 1/1, F1 2/3.  D: P 0, R 0 (no gold), F1 0.
    let f1 = |l: &str| s.classes.iter().find(|c| c.label == l).unwrap().f1;
    assert!(close(f1("A"), 2.0 / 3.0));
    assert!(close(f1("B"), 0.5));
    assert!(close(f1("C"), 2.0 / 3.0));
    assert!(close(f1("D"), 0.0));
    // Weighted by support 4, 2, 1, 0 over 7 rows: (8/3 + 1 + 2/3) / 7 = 13/21.
    assert!(close(s.weighted_f1, 13.0 / 21.0), "{}", s.weighted_f1);
    // Macro over the four labels in gold or predictions: (2/3 + 1/2 + 2/3 + 0) / 4.
    assert!(close(s.macro_f1, 11.0 / 24.0), "{}", s.macro_f1);
    assert!(close(s.accuracy, 4.0 / 7.0));
    let d = s.classes.iter().find(|c| c.label == "D").unwrap();
    assert_eq!((d.support, d.predicted), (0, 1));
}

#[test]
fn perfect_and_empty() {
    let s = case::score(&[("X", "X"), ("Y", "Y")]);
    assert!(close(s.weighted_f1, 1.0) && close(s.macro_f1, 1.0) && close(s.accuracy, 1.0));
    let none: [(&str, &str); 0] = [];
    let s = case::score(&none);
    assert!(close(s.weighted_f1, 0.0) && s.classes.is_empty());
}

#[test]
fn run_writes_one_prediction_per_row_and_skips_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = dir.path().join("events.tsv");
    std::fs::write(
        &tsv,
        "id\tEventSnippet\tSubType\n\
         a1\tA roadside bomb struck a minibus on the highway, killing three passengers.\tREM_EXPLOS\n\
         a2\tthis row has no label\n\
         a3\tHundreds of nurses marched peacefully to the ministry to demand back pay.\tPEACE_PROTEST\n",
    )
    .unwrap();
    let out = dir.path().join("pred.jsonl");
    let report = case::run(&tsv, Some(&out)).unwrap();
    assert!(report.passed());
    let row = |m: &str| {
        report
            .rows
            .iter()
            .find(|r| r.metric == m)
            .unwrap()
            .ours
            .clone()
    };
    assert_eq!(row("accuracy"), "100.0 (2/2)");
    assert_eq!(row("rows skipped (bad)"), "1");
    assert!(report
        .notes
        .iter()
        .any(|n| n.ends_with("events.tsv:3: 2 fields, the header has 3")));
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a1");
    assert_eq!(lines[0]["type"], "REM_EXPLOS");
    assert_eq!(lines[1]["type"], "PEACE_PROTEST");
}

#[test]
fn missing_file_is_a_clear_error() {
    let err = case::run(std::path::Path::new("/nonexistent/events.tsv"), None).unwrap_err();
    assert!(err.to_string().contains("events.tsv"), "{err}");
}
