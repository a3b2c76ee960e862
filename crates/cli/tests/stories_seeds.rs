//! Stories, fusion and the report on the seed reports (read from ../shared
//! at test time; skipped when absent): the acceptance facts of the stories
//! layer, checked through the binary as a user runs it.

use std::path::Path;
use std::process::Command;

fn sitrep(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    cmd.arg("--db").arg(db).env_remove("SITREP_LOG");
    cmd
}

#[test]
fn seeds_make_two_stories_and_each_call_once() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: {} not found", seeds.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db");
    let out = sitrep(&db)
        .args(["run", "--format", "json"])
        .arg(&seeds)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reports: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Two stories: the four reports of Putin's calls, and the Tehran meeting.
    let mut sizes: Vec<usize> = reports
        .iter()
        .map(|r| r["articles"].as_array().unwrap().len())
        .collect();
    sizes.sort_unstable();
    assert_eq!(sizes, [1, 4], "{reports:#?}");
    let calls = reports
        .iter()
        .find(|r| r["articles"].as_array().unwrap().len() == 4)
        .unwrap();
    let events = calls["events"].as_array().unwrap();
    let pair = |e: &serde_json::Value| {
        let mut p = [
            e["source"]["actor"].as_str().unwrap().to_string(),
            e["target"]["actor"].as_str().unwrap().to_string(),
        ];
        p.sort();
        p
    };
    for other in [
        "ebrahim-raisi",
        "benjamin-netanyahu",
        "mahmoud-abbas",
        "bashar-al-assad",
        "abdel-fattah-el-sisi",
    ] {
        let phone: Vec<&serde_json::Value> = events
            .iter()
            .filter(|e| e["cameo"] == "041")
            .filter(|e| {
                let p = pair(e);
                p.contains(&"person:vladimir-putin".to_string())
                    && p.contains(&format!("person:{other}"))
            })
            .collect();
        assert_eq!(phone.len(), 1, "Putin–{other}: {phone:#?}");
        assert!(phone[0]["num_articles"].as_u64().unwrap() >= 2, "{other}");
        if matches!(other, "bashar-al-assad" | "abdel-fattah-el-sisi") {
            // Reported by 002, 003 and 004.
            assert_eq!(
                phone[0]["num_articles"], 3,
                "{other}: {:#?}",
                phone[0]["reports"]
            );
        }
    }
    let netanyahu = events
        .iter()
        .find(|e| e["cameo"] == "041" && pair(e).contains(&"person:benjamin-netanyahu".to_string()))
        .unwrap();
    // 003 (dated 2023-11-12) says "on Monday": the on-time reports win.
    assert_eq!(netanyahu["date"], "2023-10-16");
    assert!(!netanyahu["date_conflicts"].as_array().unwrap().is_empty());

    // `events --story` keeps to the story's articles.
    let tehran = reports
        .iter()
        .find(|r| r["articles"].as_array().unwrap().len() == 1)
        .unwrap();
    let doc = tehran["articles"][0]["doc"].as_str().unwrap();
    let out = sitrep(&db)
        .args([
            "events",
            "--json",
            "--story",
            tehran["story"].as_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(!docs.is_empty());
    assert!(docs.iter().all(|d| d == doc), "{docs:?}");
}
