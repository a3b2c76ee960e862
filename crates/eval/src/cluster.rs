//! `sitrep eval cluster`: online story clustering on short-text stream sets
//! (JSON lines `{"Id", "clusterNo", "textCleaned"}`, e.g. the Google News
//! and Tweets sets of the short-text stream clustering literature).
//!
//! The documents are clustered in file order by
//! [`sitrep_cluster::story::StoryClusterer`] with its default settings
//! (online), then consolidated once after the stream (`consolidate`: merge
//! alike stories, place every document again, merge again; its merge cosine
//! chosen on tweets.jsonl). Scores: NMI (arithmetic-mean
//! normalisation, scikit-learn's `normalized_mutual_info_score` default),
//! adjusted Rand index, B-cubed precision, recall and F1, clusters found
//! against gold, documents per second, for both. The gates (on a file whose
//! name contains `google-news` only) hold the consolidated result, which is
//! also what `--predictions` writes.
//!
//! A line that is not a JSON object with a string `Id`, an integer or string
//! `clusterNo` and a string `textCleaned` is skipped and listed in the notes
//! with its line number.

use std::collections::HashMap;
use std::hash::Hash;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sitrep_cluster::story::{Doc, StoryClusterer, StoryConfig, StoryId};

use crate::{Error, Gate, Report, Result, Row};

/// MStream's NMI on the Google News set (Yin et al., KDD 2018).
pub const REFERENCE_MSTREAM_NMI: f64 = 0.834;
/// The issue's targets on the Google News set.
pub const GATE_NMI: f64 = 0.88;
pub const GATE_BCUBED_F1: f64 = 0.80;

/// One gold line.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    pub gold: String,
    pub text: String,
}

#[derive(Deserialize)]
struct Line {
    #[serde(rename = "Id")]
    id: String,
    #[serde(rename = "clusterNo")]
    cluster: Label,
    #[serde(rename = "textCleaned")]
    text: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Label {
    Number(i64),
    Text(String),
}

/// The items of a JSONL file and the lines skipped, each as
/// `path:line: reason`.
pub fn read_jsonl(path: &Path, src: &str) -> (Vec<Item>, Vec<String>) {
    let mut items = Vec::new();
    let mut skipped = Vec::new();
    for (i, line) in src.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Line>(line) {
            Ok(l) => items.push(Item {
                id: l.id,
                gold: match l.cluster {
                    Label::Number(n) => n.to_string(),
                    Label::Text(s) => s,
                },
                text: l.text,
            }),
            Err(e) => skipped.push(format!("{}:{}: {e}", path.display(), i + 1)),
        }
    }
    (items, skipped)
}

/// Agreement of a predicted clustering with the gold one.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    pub nmi: f64,
    pub ari: f64,
    pub bcubed_precision: f64,
    pub bcubed_recall: f64,
    pub bcubed_f1: f64,
    pub gold_clusters: usize,
    pub predicted_clusters: usize,
}

/// Scores `(gold, predicted)` label pairs, one per document.
pub fn score<G: Eq + Hash, P: Eq + Hash>(pairs: &[(G, P)]) -> Scores {
    let n = pairs.len();
    let mut cells: HashMap<(&G, &P), usize> = HashMap::new();
    let mut gold: HashMap<&G, usize> = HashMap::new();
    let mut pred: HashMap<&P, usize> = HashMap::new();
    for (g, p) in pairs {
        *cells.entry((g, p)).or_default() += 1;
        *gold.entry(g).or_default() += 1;
        *pred.entry(p).or_default() += 1;
    }
    // Sorted counts, so that float sums do not depend on hash order.
    let sorted = |it: &mut dyn Iterator<Item = usize>| {
        let mut v: Vec<usize> = it.collect();
        v.sort_unstable();
        v
    };
    let gold_sizes = sorted(&mut gold.values().copied());
    let pred_sizes = sorted(&mut pred.values().copied());
    let nf = n as f64;
    let entropy = |sizes: &[usize]| -> f64 {
        sizes
            .iter()
            .map(|&c| {
                let p = c as f64 / nf;
                -p * p.ln()
            })
            .sum()
    };
    let (hg, hp) = (entropy(&gold_sizes), entropy(&pred_sizes));
    let mut cell_list: Vec<(usize, usize, usize)> = cells
        .iter()
        .map(|(&(g, p), &c)| (c, gold[g], pred[p]))
        .collect();
    cell_list.sort_unstable();
    let mi: f64 = cell_list
        .iter()
        .map(|&(c, a, b)| {
            let c = c as f64;
            c / nf * (nf * c / (a as f64 * b as f64)).ln()
        })
        .sum::<f64>()
        .max(0.0);
    let nmi = if n == 0 || (hg == 0.0 && hp == 0.0) {
        1.0
    } else {
        mi / ((hg + hp) / 2.0)
    };
    let pairs2 = |c: usize| (c * c.saturating_sub(1) / 2) as f64;
    let index: f64 = cell_list.iter().map(|&(c, _, _)| pairs2(c)).sum();
    let sum_a: f64 = gold_sizes.iter().map(|&c| pairs2(c)).sum();
    let sum_b: f64 = pred_sizes.iter().map(|&c| pairs2(c)).sum();
    let expected = if n < 2 {
        0.0
    } else {
        sum_a * sum_b / pairs2(n)
    };
    let max_index = (sum_a + sum_b) / 2.0;
    let ari = if max_index == expected {
        1.0
    } else {
        (index - expected) / (max_index - expected)
    };
    let (mut bp, mut br) = (0.0, 0.0);
    for &(c, a, b) in &cell_list {
        let c = c as f64;
        bp += c * c / b as f64;
        br += c * c / a as f64;
    }
    let (bp, br) = if n == 0 {
        (0.0, 0.0)
    } else {
        (bp / nf, br / nf)
    };
    Scores {
        nmi,
        ari,
        bcubed_precision: bp,
        bcubed_recall: br,
        bcubed_f1: if bp + br == 0.0 {
            0.0
        } else {
            2.0 * bp * br / (bp + br)
        },
        gold_clusters: gold_sizes.len(),
        predicted_clusters: pred_sizes.len(),
    }
}

#[derive(Serialize)]
struct Prediction<'a> {
    #[serde(rename = "Id")]
    id: &'a str,
    cluster: String,
}

fn rows(label: &str, s: &Scores, reference: bool) -> Vec<Row> {
    let row = |metric: &str, ours: String, reference: Option<String>| Row {
        metric: format!("{metric} ({label})"),
        ours,
        reference,
    };
    vec![
        row(
            "NMI",
            format!("{:.3}", s.nmi),
            reference.then(|| format!("{REFERENCE_MSTREAM_NMI} (MStream, Google News)")),
        ),
        row("ARI", format!("{:.3}", s.ari), None),
        row(
            "B-cubed P / R / F1",
            format!(
                "{:.3} / {:.3} / {:.3}",
                s.bcubed_precision, s.bcubed_recall, s.bcubed_f1
            ),
            None,
        ),
        row(
            "clusters found / gold",
            format!("{} / {}", s.predicted_clusters, s.gold_clusters),
            None,
        ),
    ]
}

pub fn run(path: &Path, predictions: Option<&Path>) -> Result<Report> {
    let src = std::fs::read_to_string(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => Error::MissingData {
            path: path.to_path_buf(),
            hint: "expected google-news.jsonl or tweets.jsonl (../shared/eval/clustering)",
        },
        _ => Error::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let (items, skipped) = read_jsonl(path, &src);
    if items.is_empty() {
        return Err(Error::Gold {
            path: path.display().to_string(),
            detail: format!(
                "no documents to cluster ({})",
                skipped.first().map_or("no data lines", String::as_str)
            ),
        });
    }
    let config = StoryConfig::default();
    let mut clusterer = StoryClusterer::new(config.clone());
    let started = std::time::Instant::now();
    let online: Vec<StoryId> = items
        .iter()
        .map(|it| clusterer.add(Doc::new(it.id.clone(), it.text.clone())))
        .collect();
    let secs = started.elapsed().as_secs_f64();
    let pairs: Vec<(&str, StoryId)> = items
        .iter()
        .map(|it| it.gold.as_str())
        .zip(online.iter().copied())
        .collect();
    let s_online = score(&pairs);
    let started_c = std::time::Instant::now();
    let moved = clusterer.consolidate();
    let secs_c = started_c.elapsed().as_secs_f64();
    let final_ids: Vec<StoryId> = clusterer.assignments().map(|(_, s)| s).collect();
    let consolidated: Vec<(&str, StoryId)> = items
        .iter()
        .map(|it| it.gold.as_str())
        .zip(final_ids.iter().copied())
        .collect();
    let s_refined = score(&consolidated);

    if let Some(p) = predictions {
        let io = |source| Error::Io {
            path: p.to_path_buf(),
            source,
        };
        let mut w = std::io::BufWriter::new(std::fs::File::create(p).map_err(io)?);
        for (it, s) in items.iter().zip(&final_ids) {
            let line = serde_json::to_string(&Prediction {
                id: &it.id,
                cluster: s.to_string(),
            })?;
            writeln!(w, "{line}").map_err(io)?;
        }
        w.flush().map_err(io)?;
    }

    let n = items.len();
    let is_google = path
        .file_name()
        .is_some_and(|f| f.to_string_lossy().contains("google-news"));
    let mut out = rows("online", &s_online, is_google);
    out.extend(rows("+ consolidation", &s_refined, false));
    out.push(Row {
        metric: "documents moved by the consolidation".into(),
        ours: moved.to_string(),
        reference: None,
    });
    out.push(Row {
        metric: "docs/s (online clustering)".into(),
        ours: format!("{:.0}", n as f64 / secs.max(1e-9)),
        reference: None,
    });
    out.push(Row {
        metric: "docs/s (online + consolidation)".into(),
        ours: format!("{:.0}", n as f64 / (secs + secs_c).max(1e-9)),
        reference: None,
    });
    out.push(Row {
        metric: "documents / lines skipped".into(),
        ours: format!("{n} / {}", skipped.len()),
        reference: None,
    });
    out.push(Row {
        metric: "threshold".into(),
        ours: config.threshold.to_string(),
        reference: None,
    });
    let mut gates = Vec::new();
    if is_google {
        gates.push(Gate {
            name: "cluster NMI".into(),
            passed: s_refined.nmi >= GATE_NMI,
            detail: format!("{:.3} (consolidated) vs {GATE_NMI}", s_refined.nmi),
        });
        gates.push(Gate {
            name: "cluster B-cubed F1".into(),
            passed: s_refined.bcubed_f1 >= GATE_BCUBED_F1,
            detail: format!(
                "{:.3} (consolidated) vs {GATE_BCUBED_F1}",
                s_refined.bcubed_f1
            ),
        });
    }
    Ok(Report {
        task: "cluster".into(),
        dataset: path.display().to_string(),
        rows: out,
        gates,
        notes: skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }

    #[test]
    fn one_gold_cluster_split_in_two() {
        // Gold {1,2} {3,4}; predicted {1,2} {3} {4}. By hand: MI = ln 2,
        // H(gold) = ln 2, H(pred) = 1.5 ln 2, NMI = 1 / 1.25 = 0.8; ARI =
        // (1 - 1/3) / (1.5 - 1/3) = 4/7; B-cubed P = 1, R = 3/4.
        let s = score(&[("a", 0), ("a", 0), ("b", 1), ("b", 2)]);
        assert!(close(s.nmi, 0.8), "{s:?}");
        assert!(close(s.ari, 4.0 / 7.0), "{s:?}");
        assert!(close(s.bcubed_precision, 1.0) && close(s.bcubed_recall, 0.75));
        assert!(close(s.bcubed_f1, 1.5 / 1.75), "{s:?}");
        assert_eq!((s.gold_clusters, s.predicted_clusters), (2, 3));
    }

    #[test]
    fn one_document_in_the_wrong_cluster() {
        // Gold {1,2,3} {4,5}; predicted {1,2} {3,4,5}. By hand: B-cubed P =
        // R = (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15; ARI = (2 - 1.6) / (4 -
        // 1.6) = 1/6; NMI = 0.291103 / 0.673012 = 0.43254.
        let s = score(&[("a", "x"), ("a", "x"), ("a", "y"), ("b", "y"), ("b", "y")]);
        assert!(close(s.bcubed_precision, 11.0 / 15.0), "{s:?}");
        assert!(close(s.bcubed_recall, 11.0 / 15.0), "{s:?}");
        assert!(close(s.ari, 1.0 / 6.0), "{s:?}");
        assert!(close(s.nmi, 0.43254), "{s:?}");
    }

    #[test]
    fn identical_and_relabelled_clusterings_score_one() {
        let s = score(&[(0, 7), (0, 7), (1, 3), (1, 3)]);
        assert!(close(s.nmi, 1.0) && close(s.ari, 1.0) && close(s.bcubed_f1, 1.0));
        let single = score(&[(0, 0), (0, 0)]);
        assert!(close(single.nmi, 1.0) && close(single.ari, 1.0));
    }

    #[test]
    fn bad_lines_are_named_and_skipped() {
        let src = concat!(
            r#"{"Id": "1", "clusterNo": 4, "textCleaned": "flood river"}"#,
            "\n\nnot json\n",
            r#"{"Id": "2", "clusterNo": "x", "textCleaned": "chess final"}"#,
            "\n",
            r#"{"Id": "3", "textCleaned": "no label"}"#,
            "\n"
        );
        let (items, skipped) = read_jsonl(Path::new("c.jsonl"), src);
        assert_eq!(items.len(), 2);
        assert_eq!((items[0].gold.as_str(), items[1].gold.as_str()), ("4", "x"));
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        assert!(skipped[0].starts_with("c.jsonl:3: "), "{skipped:?}");
        assert!(skipped[1].starts_with("c.jsonl:5: "), "{skipped:?}");
    }

    #[test]
    fn runs_on_a_small_file_and_writes_predictions() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("mini.jsonl");
        let lines = [
            (1, "marrow bay flood record rain"),
            (2, "kestrel chess championship oslo"),
            (1, "marrow bay flood evacuated"),
            (2, "kestrel chess championship title"),
        ];
        let src: String = lines
            .iter()
            .enumerate()
            .map(|(i, (c, t))| {
                format!("{{\"Id\": \"{i}\", \"clusterNo\": {c}, \"textCleaned\": \"{t}\"}}\n")
            })
            .collect();
        std::fs::write(&data, src).unwrap();
        let out = dir.path().join("pred.jsonl");
        let report = run(&data, Some(&out)).unwrap();
        assert!(report.gates.is_empty(), "no gate outside google-news");
        let nmi = report
            .rows
            .iter()
            .find(|r| r.metric == "NMI (online)")
            .unwrap();
        assert_eq!(nmi.ours, "1.000", "{}", report.render());
        let written = std::fs::read_to_string(&out).unwrap();
        assert_eq!(written.lines().count(), 4);
        assert!(
            written.starts_with(r#"{"Id":"0","cluster":"0"}"#),
            "{written}"
        );
    }
}
