//! `sitrep eval ingest`: the seed reports through the readers, compared with
//! the facts in a gold file (dateline, outlet, title line, boilerplate lines).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sitrep_ingest::{collect_inputs, read_input, Article, ReadEvent, ReadOptions};

use crate::{Error, Gate, Report, Result, Row};

const SHIPPED_GOLD: &str = include_str!("../data/seeds-ingest.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldFile {
    article: Vec<GoldArticle>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldArticle {
    file: String,
    dateline: String,
    outlet: String,
    title: bool,
    removed_lines: usize,
}

/// One line of `--predictions`.
#[derive(Serialize)]
struct Prediction<'a> {
    file: &'a str,
    id: &'a str,
    dateline: Option<String>,
    outlet: Option<&'a str>,
    title: Option<&'a str>,
    language: Option<&'a str>,
    removed_lines: &'a [String],
    chars: usize,
}

fn file_name(origin: &str) -> String {
    Path::new(origin)
        .file_name()
        .map_or_else(|| origin.to_string(), |f| f.to_string_lossy().into_owned())
}

/// Runs the task.
pub fn run(seeds: &Path, gold: Option<&Path>, predictions: Option<&Path>) -> Result<Report> {
    if !seeds.is_dir() {
        return Err(Error::MissingData {
            path: seeds.to_path_buf(),
            hint: "pass --seeds DIR (the seed reports live in ../shared/corpus/seeds)",
        });
    }
    let (gold_name, gold_text) = match gold {
        Some(p) => (
            p.display().to_string(),
            std::fs::read_to_string(p).map_err(|source| Error::Io {
                path: p.to_path_buf(),
                source,
            })?,
        ),
        None => (
            "crates/eval/data/seeds-ingest.toml".to_string(),
            SHIPPED_GOLD.to_string(),
        ),
    };
    let gold: GoldFile = toml::from_str(&gold_text).map_err(|e| Error::Gold {
        path: gold_name,
        detail: e.to_string(),
    })?;

    let (inputs, _) = collect_inputs(&[seeds.display().to_string()]);
    let mut articles: BTreeMap<String, Article> = BTreeMap::new();
    let mut rejected = Vec::new();
    for input in &inputs {
        read_input(input, &ReadOptions::default(), &mut |event| match event {
            ReadEvent::Article(a) => {
                articles.insert(file_name(&a.sources[0].origin), *a);
            }
            ReadEvent::Rejected(e) => rejected.push(e.to_string()),
            ReadEvent::Skipped { .. } => {}
        });
    }

    if let Some(path) = predictions {
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut out = std::io::BufWriter::new(std::fs::File::create(path).map_err(io)?);
        for (file, a) in &articles {
            let p = Prediction {
                file,
                id: a.id.as_str(),
                dateline: a.dateline.as_ref().map(|d| d.date.to_string()),
                outlet: a.outlet.as_deref(),
                title: a.title.as_deref(),
                language: a.language.as_deref(),
                removed_lines: &a.sources[0].removed_lines,
                chars: a.text.chars().count(),
            };
            writeln!(out, "{}", serde_json::to_string(&p)?).map_err(io)?;
        }
        out.flush().map_err(io)?;
    }

    let total = gold.article.len();
    let mut found = 0;
    let mut datelines = 0;
    let mut outlets = 0;
    let mut titles = 0;
    let mut removed = 0;
    let mut notes = Vec::new();
    for g in &gold.article {
        let Some(a) = articles.get(&g.file) else {
            notes.push(format!("{}: not read", g.file));
            continue;
        };
        found += 1;
        let date = a
            .dateline
            .as_ref()
            .map(|d| d.date.to_string())
            .unwrap_or_default();
        let outlet = a.outlet.clone().unwrap_or_default();
        let checks = [
            (
                "dateline",
                date == g.dateline,
                format!("{date:?} vs gold {:?}", g.dateline),
            ),
            (
                "outlet",
                outlet == g.outlet,
                format!("{outlet:?} vs gold {:?}", g.outlet),
            ),
            (
                "title",
                a.title.is_some() == g.title,
                format!("{:?} vs gold {}", a.title, g.title),
            ),
            (
                "boilerplate",
                a.sources[0].removed_lines.len() == g.removed_lines,
                format!(
                    "{} removed vs gold {}",
                    a.sources[0].removed_lines.len(),
                    g.removed_lines
                ),
            ),
        ];
        for (what, ok, detail) in &checks {
            if !ok {
                notes.push(format!("{}: {what} {detail}", g.file));
            }
        }
        datelines += usize::from(checks[0].1);
        outlets += usize::from(checks[1].1);
        titles += usize::from(checks[2].1);
        removed += usize::from(checks[3].1);
    }
    for r in &rejected {
        notes.push(format!("rejected: {r}"));
    }
    let frac = |n: usize| format!("{n}/{total}");
    let rows = vec![
        Row {
            metric: "articles read".into(),
            ours: frac(found),
            reference: None,
        },
        Row {
            metric: "datelines right (incl. none)".into(),
            ours: frac(datelines),
            reference: None,
        },
        Row {
            metric: "outlets right (incl. none)".into(),
            ours: frac(outlets),
            reference: None,
        },
        Row {
            metric: "title lines right".into(),
            ours: frac(titles),
            reference: None,
        },
        Row {
            metric: "boilerplate lines removed right".into(),
            ours: frac(removed),
            reference: None,
        },
    ];
    let all = found == total
        && datelines == total
        && outlets == total
        && titles == total
        && removed == total;
    Ok(Report {
        task: "ingest".into(),
        dataset: seeds.display().to_string(),
        rows,
        gates: vec![Gate {
            name: "seeds-ingest".into(),
            passed: all && rejected.is_empty(),
            detail: format!("every article, dateline, outlet, title and boilerplate count as in the gold ({total} files)"),
        }],
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_gold_parses() {
        let gold: GoldFile = toml::from_str(SHIPPED_GOLD).unwrap();
        assert_eq!(gold.article.len(), 5);
    }

    #[test]
    fn scores_a_directory_against_gold() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.txt"),
            "date 2024-02-01 (Harbor Post) The ministers met on Monday in the capital and agreed to meet again.\n\nSource link\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("b.txt"),
            "Floods in the delta\n\nThe river burst its banks on Tuesday, officials said.\n",
        )
        .unwrap();
        let other = tempfile::tempdir().unwrap();
        let gold = other.path().join("gold.toml");
        std::fs::write(
            &gold,
            "[[article]]\nfile = \"a.txt\"\ndateline = \"2024-02-01\"\noutlet = \"Harbor Post\"\ntitle = false\nremoved_lines = 1\n\n[[article]]\nfile = \"b.txt\"\ndateline = \"2024-02-02\"\noutlet = \"\"\ntitle = true\nremoved_lines = 0\n",
        )
        .unwrap();
        let preds = other.path().join("preds.jsonl");
        let report = run(dir.path(), Some(&gold), Some(&preds)).unwrap();
        assert_eq!(report.rows[0].ours, "2/2");
        assert_eq!(
            report.rows[1].ours, "1/2",
            "b.txt has no dateline but gold says one"
        );
        assert_eq!(report.rows[4].ours, "2/2");
        assert!(!report.passed());
        assert!(report
            .notes
            .iter()
            .any(|n| n.starts_with("b.txt: dateline")));
        let lines = std::fs::read_to_string(&preds).unwrap();
        assert_eq!(lines.lines().count(), 2);
        assert!(lines.contains("\"outlet\":\"Harbor Post\""));
    }
}
