//! The seed reports (read from ../shared at test time, skipped when absent):
//! "on Monday" resolves against each article's own dateline, and an article
//! without one keeps its weekday unresolved.

use std::path::Path;

use sitrep_ingest::{read_named_articles, Article, ReadOptions};

fn seeds() -> Option<Vec<(String, Article)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    if !dir.is_dir() {
        eprintln!("skipping: {} not found", dir.display());
        return None;
    }
    Some(read_named_articles(
        &[dir.display().to_string()],
        &ReadOptions::default(),
    ))
}

fn weekday_values(a: &Article, day: &str) -> Vec<(String, bool, bool)> {
    sitrep_time::tag(&a.text, a.dateline.as_ref().map(|d| d.date))
        .into_iter()
        .filter(|t| t.surface == day)
        .map(|t| (t.value, t.relative, t.resolved))
        .collect()
}

#[test]
fn weekdays_resolve_against_each_dateline() {
    let Some(seeds) = seeds() else { return };
    let get = |prefix: &str| {
        &seeds
            .iter()
            .find(|(n, _)| n.starts_with(prefix))
            .expect("seed file")
            .1
    };
    for p in ["000", "002"] {
        let v = weekday_values(get(p), "Monday");
        assert!(!v.is_empty(), "{p}");
        assert!(
            v.iter().all(|x| x.0 == "2023-10-16" && x.1 && x.2),
            "{p}: {v:?}"
        );
    }
    // Dated 2023-11-12: its "Monday" is that week's, marked relative.
    let v = weekday_values(get("003"), "Monday");
    assert_eq!(v, [("2023-11-06".to_string(), true, true)]);
    // No dateline: no guess.
    let v = weekday_values(get("001"), "Wednesday");
    assert_eq!(v, [("XXXX-WXX-3".to_string(), true, false)]);
}
