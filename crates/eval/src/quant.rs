//! `sitrep eval quant`: quantities on NewsQuant sentences, scored like the
//! NewsQuant paper: a predicted quantity matches a gold one when the values
//! are equal as numbers; value F1, value+unit F1, change accuracy.

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sitrep_quant::{normalize_unit, quantities, Quantity};

use crate::{Error, Gate, Report, Result, Row};

/// Value F1 the issue asks for (CQE reports 92.0 on NewsQuant).
pub const F1_GATE: f64 = 92.0;

#[derive(Deserialize)]
struct GoldSentence {
    text: String,
    quantities: Vec<GoldQuantity>,
}

#[derive(Deserialize)]
struct GoldQuantity {
    change: String,
    value: String,
    unit: String,
    normalized_unit: String,
}

/// One line of `--predictions`.
#[derive(Serialize)]
struct Prediction {
    index: usize,
    quantities: Vec<PredictedQuantity>,
}

#[derive(Serialize)]
struct PredictedQuantity {
    value: String,
    unit: String,
    change: &'static str,
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A value as one number or a range: "275.0", "1-2", "-5.0", "1.99E-29", "212577-138285".
pub fn parse_value(s: &str) -> Option<(f64, Option<f64>)> {
    let s = s.trim();
    if let Ok(v) = s.parse::<f64>() {
        return Some((v, None));
    }
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate().skip(1) {
        let prev = bytes[i - 1];
        if b == b'-' && (prev.is_ascii_digit() || prev == b'.') {
            let a = s[..i].trim().parse::<f64>().ok()?;
            let c = s[i + 1..].trim().parse::<f64>().ok()?;
            return Some((a, Some(c)));
        }
    }
    None
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9_f64.max(a.abs().max(b.abs()) * 1e-6)
}

/// Equal as numbers; the ends of a range in either order.
pub fn values_match(a: (f64, Option<f64>), b: (f64, Option<f64>)) -> bool {
    match (a.1, b.1) {
        (None, None) => close(a.0, b.0),
        (Some(x), Some(y)) => (close(a.0, b.0) && close(x, y)) || (close(a.0, y) && close(x, b.0)),
        _ => false,
    }
}

/// The last word of a unit before any "of" ("barrels of oil" → "barrel").
fn head(norm: &str) -> &str {
    let before_of = norm.split(" of ").next().unwrap_or(norm);
    before_of.split(' ').next_back().unwrap_or(before_of)
}

fn contains_word(phrase: &str, word: &str) -> bool {
    !word.is_empty() && phrase.split(' ').any(|w| w == word)
}

/// Units match when their normal forms are equal or one contains the other's head noun.
pub fn units_match(pred: Option<&str>, gold_unit: &str, gold_norm: &str) -> bool {
    let none = |s: &str| s.trim().is_empty() || s.trim() == "-";
    let Some(p) = pred.filter(|p| !none(p)) else {
        return none(gold_unit);
    };
    let p = normalize_unit(p);
    [gold_unit, gold_norm]
        .iter()
        .filter(|g| !none(g))
        .map(|g| normalize_unit(g))
        .any(|g| p == g || contains_word(&p, head(&g)) || contains_word(&g, head(&p)))
}

/// Counts of one run.
#[derive(Debug, Default, Clone, Copy)]
pub struct Scores {
    pub gold: usize,
    pub predicted: usize,
    pub value_tp: usize,
    pub unit_tp: usize,
    pub change_right: usize,
}

fn f1(tp: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
    let p = if pred == 0 {
        0.0
    } else {
        tp as f64 / pred as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        tp as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (100.0 * p, 100.0 * r, 100.0 * f)
}

/// Scores one sentence's predictions against its gold quantities; returns
/// the gold indices left unmatched and the predictions left unmatched.
fn score_sentence(
    pred: &[Quantity],
    gold: &[GoldQuantity],
    s: &mut Scores,
) -> (Vec<usize>, Vec<usize>) {
    s.gold += gold.len();
    s.predicted += pred.len();
    let gold_values: Vec<Option<(f64, Option<f64>)>> =
        gold.iter().map(|g| parse_value(&g.value)).collect();
    let pred_values: Vec<(f64, Option<f64>)> = pred.iter().map(|q| (q.value, q.upper)).collect();
    let mut gold_used = vec![false; gold.len()];
    let mut pred_used = vec![false; pred.len()];
    // First pairs that agree on value and unit, then on value alone.
    for with_unit in [true, false] {
        for (pi, q) in pred.iter().enumerate() {
            if pred_used[pi] {
                continue;
            }
            for (gi, g) in gold.iter().enumerate() {
                if gold_used[gi] {
                    continue;
                }
                let Some(gv) = gold_values[gi] else { continue };
                if !values_match(pred_values[pi], gv) {
                    continue;
                }
                let unit_ok = units_match(q.unit.as_deref(), &g.unit, &g.normalized_unit);
                if with_unit && !unit_ok {
                    continue;
                }
                gold_used[gi] = true;
                pred_used[pi] = true;
                s.value_tp += 1;
                if unit_ok {
                    s.unit_tp += 1;
                }
                if q.change.as_str() == g.change.trim() {
                    s.change_right += 1;
                }
                break;
            }
        }
    }
    let missed = (0..gold.len()).filter(|&i| !gold_used[i]).collect();
    let spurious = (0..pred.len()).filter(|&i| !pred_used[i]).collect();
    (missed, spurious)
}

/// Runs the extractor over the NewsQuant sentences in `file` and scores it.
pub fn run(file: &Path, predictions: Option<&Path>) -> Result<Report> {
    if !file.exists() {
        return Err(Error::MissingData {
            path: file.to_path_buf(),
            hint: "NewsQuant.json (a list of {text, quantities}) such as ../shared/eval/newsquant/NewsQuant.json",
        });
    }
    let raw = std::fs::read_to_string(file).map_err(io_err(file))?;
    let gold: Vec<GoldSentence> = serde_json::from_str(&raw).map_err(|e| Error::Gold {
        path: file.display().to_string(),
        detail: e.to_string(),
    })?;
    let started = std::time::Instant::now();
    let predicted: Vec<Vec<Quantity>> = gold.iter().map(|g| quantities(&g.text)).collect();
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    let bytes: usize = gold.iter().map(|g| g.text.len()).sum();

    let mut scores = Scores::default();
    let mut notes = Vec::new();
    for (i, (g, p)) in gold.iter().zip(&predicted).enumerate() {
        let (missed, spurious) = score_sentence(p, &g.quantities, &mut scores);
        if missed.is_empty() && spurious.is_empty() {
            continue;
        }
        let mut line = format!("#{i}:");
        for m in missed {
            let q = &g.quantities[m];
            line.push_str(&format!(" missed {} {} [{}];", q.change, q.value, q.unit));
        }
        for s in spurious {
            let q = &p[s];
            line.push_str(&format!(" extra {:?} = {};", q.surface, q.value_text()));
        }
        notes.push(line);
    }

    if let Some(path) = predictions {
        let mut w = std::io::BufWriter::new(std::fs::File::create(path).map_err(io_err(path))?);
        for (index, p) in predicted.iter().enumerate() {
            let line = Prediction {
                index,
                quantities: p
                    .iter()
                    .map(|q| PredictedQuantity {
                        value: q.value_text(),
                        unit: q.unit.clone().unwrap_or_else(|| "-".into()),
                        change: q.change.as_str(),
                    })
                    .collect(),
            };
            serde_json::to_writer(&mut w, &line)?;
            w.write_all(b"\n").map_err(io_err(path))?;
        }
        w.flush().map_err(io_err(path))?;
    }

    let (vp, vr, vf) = f1(scores.value_tp, scores.predicted, scores.gold);
    let (_, _, uf) = f1(scores.unit_tp, scores.predicted, scores.gold);
    let change_acc = if scores.value_tp == 0 {
        0.0
    } else {
        100.0 * scores.change_right as f64 / scores.value_tp as f64
    };
    let row = |metric: &str, ours: String, reference: Option<&str>| Row {
        metric: metric.into(),
        ours,
        reference: reference.map(str::to_string),
    };
    let rows = vec![
        row(
            "value F1",
            format!("{vf:.2}"),
            Some("92.0 (CQE, NewsQuant paper)"),
        ),
        row("value precision", format!("{vp:.2}"), None),
        row("value recall", format!("{vr:.2}"), None),
        row("value+unit F1", format!("{uf:.2}"), None),
        row(
            "change accuracy (matched)",
            format!("{change_acc:.2}"),
            None,
        ),
        row(
            "sentences/s",
            format!("{:.0}", gold.len() as f64 / secs),
            None,
        ),
        row(
            "MB/s",
            format!("{:.1}", bytes as f64 / 1e6 / secs),
            Some("see `cargo bench -p sitrep-quant` for one-core speed"),
        ),
    ];
    let gates = vec![Gate {
        name: "value F1 on NewsQuant".into(),
        passed: vf >= F1_GATE,
        detail: format!("{vf:.2} ≥ {F1_GATE}"),
    }];
    let mut all_notes = vec![format!(
        "{} sentences, {} gold quantities, {} predicted, {} value matches",
        gold.len(),
        scores.gold,
        scores.predicted,
        scores.value_tp
    )];
    all_notes.extend(notes);
    Ok(Report {
        task: "quant".into(),
        dataset: file.display().to_string(),
        rows,
        gates,
        notes: all_notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_parse_as_numbers_and_ranges() {
        assert_eq!(parse_value("275.0"), Some((275.0, None)));
        assert_eq!(parse_value("-5.0"), Some((-5.0, None)));
        assert_eq!(parse_value("1-2"), Some((1.0, Some(2.0))));
        assert_eq!(parse_value("1.99E-29"), Some((1.99e-29, None)));
        assert!(values_match((275.0, None), parse_value("275.0").unwrap()));
        assert!(values_match((138.0, Some(212.0)), (212.0, Some(138.0))));
        assert!(values_match((1.0 / 3.0, None), (0.3333333333333333, None)));
    }

    #[test]
    fn units_fold_aliases_and_plurals() {
        assert!(units_match(Some("per cent"), "%", "percentage"));
        assert!(units_match(
            Some("heart transplants"),
            "heart transplants",
            "heart transplant"
        ));
        assert!(units_match(Some("barrels of oil"), "barrels", "barrel"));
        assert!(units_match(None, "-", "-"));
        assert!(!units_match(Some("people"), "$", "dollar"));
    }
}
