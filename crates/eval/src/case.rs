//! `sitrep eval case`: fine-grained event classification on the CASE 2021
//! shared task (task 2) snippets. Each snippet is coded without a dateline
//! and mapped to one ACLED sub-event type by [`sitrep_events::AcledMapper`]
//! (its coded events, flagged ones too, and its actor-less dictionary
//! matches, as in `eval plover`); the score is the task's: F1 per class
//! weighted by gold support (scikit-learn's `average='weighted'`), with
//! macro F1 and accuracy beside it.
//!
//! The file is tab-separated with a header naming the columns `id`,
//! `EventSnippet` and `SubType`. A row with the wrong number of fields or an
//! empty snippet or label is skipped and listed in the notes with its line.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::Serialize;
use sitrep_events::{AcledMapper, Coder, Input};
use sitrep_extract::Resolver;
use sitrep_model::{Article, InputFormat, Source};

use crate::{Error, Report, Result, Row};

/// Weighted F1 of the best published system on the task (CASE 2021, task 2).
pub const REFERENCE_WEIGHTED_F1: f64 = 83.9;

/// One gold row.
#[derive(Debug, Clone, PartialEq)]
pub struct Snippet {
    pub id: String,
    pub text: String,
    pub gold: String,
}

/// The rows of a CASE TSV file and the rows skipped, each as
/// `path:line: reason`.
pub fn read_tsv(path: &Path, src: &str) -> (Vec<Snippet>, Vec<String>) {
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    let mut lines = src.lines().enumerate();
    let Some((_, header)) = lines.by_ref().find(|(_, l)| !l.trim().is_empty()) else {
        skipped.push(format!("{}: empty file", path.display()));
        return (rows, skipped);
    };
    let names: Vec<&str> = header
        .trim_end_matches('\r')
        .split('\t')
        .map(str::trim)
        .collect();
    let col = |name: &str| names.iter().position(|n| n.eq_ignore_ascii_case(name));
    let (Some(ci), Some(ct), Some(cl)) = (col("id"), col("EventSnippet"), col("SubType")) else {
        skipped.push(format!(
            "{}:1: header must name the columns id, EventSnippet, SubType (found {names:?})",
            path.display()
        ));
        return (rows, skipped);
    };
    for (i, line) in lines {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').map(unquote).collect();
        let at = format!("{}:{}", path.display(), i + 1);
        if fields.len() != names.len() {
            skipped.push(format!(
                "{at}: {} fields, the header has {}",
                fields.len(),
                names.len()
            ));
            continue;
        }
        let (id, text, gold) = (fields[ci].trim(), fields[ct].trim(), fields[cl].trim());
        if text.is_empty() || gold.is_empty() {
            skipped.push(format!("{at}: empty snippet or label"));
            continue;
        }
        rows.push(Snippet {
            id: id.to_string(),
            text: text.to_string(),
            gold: gold.to_string(),
        });
    }
    (rows, skipped)
}

/// A field in double quotes loses them.
fn unquote(f: &str) -> &str {
    f.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(f)
}

/// Precision, recall and F1 of one class.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassScore {
    pub label: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Gold rows of the class.
    pub support: usize,
    /// Rows predicted as the class.
    pub predicted: usize,
}

/// Scores over `(gold, predicted)` pairs, as scikit-learn computes them:
/// the classes are every label in gold or predictions; a class never
/// predicted has precision 0, one never in gold recall 0 and no weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    pub classes: Vec<ClassScore>,
    pub weighted_f1: f64,
    pub macro_f1: f64,
    pub accuracy: f64,
}

pub fn score<G: AsRef<str>, P: AsRef<str>>(pairs: &[(G, P)]) -> Scores {
    // label → (true positives, gold, predicted)
    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for (g, p) in pairs {
        let (g, p) = (g.as_ref(), p.as_ref());
        counts.entry(g).or_default().1 += 1;
        counts.entry(p).or_default().2 += 1;
        if g == p {
            counts.entry(g).or_default().0 += 1;
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let classes: Vec<ClassScore> = counts
        .iter()
        .map(|(&label, &(tp, support, predicted))| {
            let (precision, recall) = (ratio(tp, predicted), ratio(tp, support));
            let f1 = if precision + recall == 0.0 {
                0.0
            } else {
                2.0 * precision * recall / (precision + recall)
            };
            ClassScore {
                label: label.to_string(),
                precision,
                recall,
                f1,
                support,
                predicted,
            }
        })
        .collect();
    let n = pairs.len();
    let weighted = classes.iter().map(|c| c.f1 * c.support as f64).sum::<f64>();
    Scores {
        weighted_f1: if n == 0 { 0.0 } else { weighted / n as f64 },
        macro_f1: if classes.is_empty() {
            0.0
        } else {
            classes.iter().map(|c| c.f1).sum::<f64>() / classes.len() as f64
        },
        accuracy: ratio(
            pairs
                .iter()
                .filter(|(g, p)| g.as_ref() == p.as_ref())
                .count(),
            n,
        ),
        classes,
    }
}

#[derive(Serialize)]
struct Prediction<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
}

fn article(text: &str) -> Article {
    Article::new(text.to_string(), Source::new("case2021", InputFormat::Text))
}

pub fn run(path: &Path, predictions: Option<&Path>) -> Result<Report> {
    let src = std::fs::read_to_string(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => Error::MissingData {
            path: path.to_path_buf(),
            hint: "expected events.tsv (../shared/eval/case2021)",
        },
        _ => Error::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let (rows, skipped) = read_tsv(path, &src);
    if rows.is_empty() {
        return Err(Error::Gold {
            path: path.display().to_string(),
            detail: format!(
                "no rows to score ({})",
                skipped.first().map_or("no data lines", String::as_str)
            ),
        });
    }
    let resolver = crate::shipped("resolver", Resolver::shipped())?;
    let coder = crate::shipped("dictionary", Coder::shipped())?;
    let mapper = crate::shipped("acled rules", AcledMapper::shipped())?;
    let mut out = crate::create_predictions(predictions)?;
    let mut pairs: Vec<(&str, &'static str)> = Vec::with_capacity(rows.len());
    let mut notes = Vec::new();
    let started = std::time::Instant::now();
    for r in &rows {
        let a = article(&r.text);
        let analysis = resolver.analyse(&a);
        let timexes = sitrep_time::tag(&r.text, None);
        let input = Input {
            article: &a,
            analysis: &analysis,
            timexes: &timexes,
        };
        let events = coder.code(&input);
        let triggers = coder.triggers(&input);
        let d = mapper.decide(&r.text, &events, &triggers, coder.dictionary());
        let predicted = d.subtype.as_str();
        if predicted != r.gold {
            let rule = d
                .rule
                .map_or("default".into(), |i| format!("rule {}", i + 1));
            notes.push(format!(
                "{}: gold {} ours {predicted} ({rule})",
                r.id, r.gold
            ));
        }
        pairs.push((&r.gold, predicted));
        if let Some(w) = out.as_mut() {
            let line = serde_json::to_string(&Prediction {
                id: &r.id,
                kind: predicted,
            })?;
            writeln!(w, "{line}").map_err(|source| Error::Io {
                path: predictions.unwrap_or(path).to_path_buf(),
                source,
            })?;
        }
    }
    if let Some(mut w) = out {
        w.flush().map_err(|source| Error::Io {
            path: predictions.unwrap_or(path).to_path_buf(),
            source,
        })?;
    }
    let secs = started.elapsed().as_secs_f64();
    let s = score(&pairs);
    let labels = mapper.labels();
    let unreachable: Vec<&ClassScore> = s
        .classes
        .iter()
        .filter(|c| c.support > 0 && !labels.iter().any(|l| l.as_str() == c.label))
        .collect();
    let n = pairs.len();
    let correct = pairs.iter().filter(|(g, p)| g == p).count();
    let mut rows_out = vec![
        Row {
            metric: "weighted F1".into(),
            ours: format!("{:.1}", 100.0 * s.weighted_f1),
            reference: Some(format!(
                "{REFERENCE_WEIGHTED_F1} (best published system, CASE 2021 task 2)"
            )),
        },
        Row {
            metric: "macro F1".into(),
            ours: format!("{:.1}", 100.0 * s.macro_f1),
            reference: None,
        },
        Row {
            metric: "accuracy".into(),
            ours: format!("{:.1} ({correct}/{n})", 100.0 * s.accuracy),
            reference: None,
        },
        Row {
            metric: "rows skipped (bad)".into(),
            ours: skipped.len().to_string(),
            reference: None,
        },
        Row {
            metric: "gold labels no rule gives".into(),
            ours: format!(
                "{} rows ({})",
                unreachable.iter().map(|c| c.support).sum::<usize>(),
                unreachable
                    .iter()
                    .map(|c| c.label.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            reference: None,
        },
        Row {
            metric: "docs/s (resolver + coder + mapper)".into(),
            ours: format!("{:.0}", n as f64 / secs.max(1e-9)),
            reference: None,
        },
        Row {
            metric: "per class (P / R / F1, gold n, predicted n)".into(),
            ours: String::new(),
            reference: None,
        },
    ];
    for c in &s.classes {
        rows_out.push(Row {
            metric: format!("  {}", c.label),
            ours: format!(
                "{:5.1} {:5.1} {:5.1} {:>3} {:>3}",
                100.0 * c.precision,
                100.0 * c.recall,
                100.0 * c.f1,
                c.support,
                c.predicted
            ),
            reference: None,
        });
    }
    let mut all_notes = skipped;
    all_notes.append(&mut notes);
    Ok(Report {
        task: "case".into(),
        dataset: path.display().to_string(),
        rows: rows_out,
        gates: Vec::new(),
        notes: all_notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_and_names_bad_lines() {
        let src = "id\tEventSnippet\tSubType\r\n1\tTroops shelled a village.\tART_MISS_ATTACK\r\n2\tonly two\r\n\n3\t\"Quoted text.\"\tOTHER\n4\t \tOTHER\n";
        let (rows, skipped) = read_tsv(Path::new("x.tsv"), src);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].gold, "ART_MISS_ATTACK");
        assert_eq!(rows[1].text, "Quoted text.");
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        assert!(skipped[0].starts_with("x.tsv:3: 2 fields"), "{skipped:?}");
        assert!(skipped[1].starts_with("x.tsv:6: empty"), "{skipped:?}");
    }

    #[test]
    fn header_must_name_columns() {
        let (rows, skipped) = read_tsv(Path::new("x.tsv"), "a\tb\n1\t2\n");
        assert!(rows.is_empty());
        assert!(skipped[0].contains("x.tsv:1: header"), "{skipped:?}");
    }
}
