//! The seed reports (read from ../shared at test time; skipped when absent)
//! through the API: the story of Putin's calls holds the five phone calls of
//! one day with their sources, Putin at the centre of its actor graph, and
//! the casualty figures.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use sitrep_server::Config;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_calls_story_page_has_the_calls_the_graph_and_the_tolls() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: {} not found", seeds.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = common::database(dir.path(), &[seeds]);
    let router = common::router(Config::new(db));
    let stories = common::get_json(&router, "/api/stories").await;
    // The story with the most phone calls.
    let mut best: Option<(usize, serde_json::Value)> = None;
    for s in stories["items"].as_array().unwrap() {
        let id = s["id"].as_str().unwrap();
        let report = common::get_json(&router, &format!("/api/stories/{id}")).await;
        let calls = report["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["cameo"] == "041")
            .count();
        if best.as_ref().is_none_or(|(n, _)| calls > *n) {
            best = Some((calls, report));
        }
    }
    let (_, report) = best.unwrap();
    let events = report["events"].as_array().unwrap();

    // Five calls on 16 October 2023, each with its sources.
    let calls: Vec<&serde_json::Value> = events
        .iter()
        .filter(|e| e["cameo"] == "041" && e["date"] == "2023-10-16")
        .collect();
    let callee: BTreeSet<&str> = calls
        .iter()
        .flat_map(|e| {
            [
                e["source"]["name"].as_str().unwrap(),
                e["target"]["name"].as_str().unwrap(),
            ]
        })
        .filter(|n| *n != "Vladimir Putin")
        .collect();
    assert_eq!(callee.len(), 5, "{callee:?}");
    for e in &calls {
        assert!(e["reports"].as_array().unwrap().len() >= 2, "{e}");
        assert!(e["num_sources"].as_u64().unwrap() >= 2, "{e}");
    }

    // The actor graph the page draws: Putin has the most counterparts.
    let mut degree: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for e in events.iter().filter(|e| e["historical"] == false) {
        let (a, b) = (
            e["source"]["actor"].as_str().unwrap(),
            e["target"]["actor"].as_str().unwrap(),
        );
        if a != b {
            degree.entry(a).or_default().insert(b);
            degree.entry(b).or_default().insert(a);
        }
    }
    let centre = degree.iter().max_by_key(|(_, n)| n.len()).unwrap().0;
    assert_eq!(*centre, "person:vladimir-putin", "{degree:?}");

    // The casualty series: people killed, with a hedged figure.
    let killed: Vec<&serde_json::Value> = report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "killed")
        .collect();
    assert!(!killed.is_empty());
    let hedged = killed
        .iter()
        .flat_map(|s| s["points"].as_array().unwrap())
        .flat_map(|p| p["figures"].as_array().unwrap())
        .any(|f| f["figure"]["hedge"] != "exact");
    assert!(hedged);
}
