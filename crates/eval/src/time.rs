//! `sitrep eval time`: the temporal tagger on TimeML files (TempEval-3
//! style). For each `.tml`: the text inside `<TEXT>` with every tag
//! stripped, the `<DCT>` value as dateline; predictions scored against the
//! gold `TIMEX3`s by character offsets: strict and relaxed span F1, type
//! accuracy and value F1 (a value counts when its span overlaps the gold).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sitrep_time::type_name;

use crate::{Error, Gate, Report, Result, Row};

/// Value and strict span F1 the issue asks for on TBAQ-cleaned.
pub const GATE: f64 = 85.0;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub ttype: String,
    pub value: String,
}

/// A TimeML document: stripped text, creation time, gold expressions.
pub struct Doc {
    pub name: String,
    pub dct: String,
    pub text: String,
    pub gold: Vec<Span>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let at = tag.find(&key)? + key.len();
    let end = tag[at..].find('"')? + at;
    Some(tag[at..end].to_string())
}

/// Parses one TimeML file.
pub fn parse_tml(name: &str, xml: &str) -> std::result::Result<Doc, String> {
    let dct = xml
        .find("<DCT>")
        .and_then(|i| attr(&xml[i..], "value"))
        .ok_or("no <DCT> value")?;
    let start = xml.find("<TEXT>").ok_or("no <TEXT>")? + "<TEXT>".len();
    let end = xml[start..].find("</TEXT>").ok_or("no </TEXT>")? + start;
    let body = &xml[start..end];
    let mut text = String::new();
    let mut chars = 0usize;
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        let piece = &rest[..lt];
        text.push_str(piece);
        chars += piece.chars().count();
        let gt = rest[lt..].find('>').ok_or("unclosed tag")? + lt;
        let tag = &rest[lt + 1..gt];
        if tag.starts_with("TIMEX3") {
            open = Some((
                chars,
                attr(tag, "type").unwrap_or_default(),
                attr(tag, "value").unwrap_or_default(),
            ));
        } else if tag.starts_with("/TIMEX3") {
            if let Some((s, ttype, value)) = open.take() {
                let surface: String = text.chars().skip(s).collect();
                gold.push(Span {
                    start: s,
                    end: chars,
                    text: surface,
                    ttype,
                    value,
                });
            }
        }
        rest = &rest[gt + 1..];
    }
    text.push_str(rest);
    Ok(Doc {
        name: name.to_string(),
        dct,
        text,
        gold,
    })
}

fn tml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "tml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Tags a document; spans in characters.
pub fn predict(doc: &Doc) -> Vec<Span> {
    let dct = doc
        .dct
        .get(..10)
        .and_then(|d| d.parse::<jiff::civil::Date>().ok());
    let found = sitrep_time::tag(&doc.text, dct);
    // Byte offsets to character offsets.
    let mut map = vec![0usize; doc.text.len() + 1];
    let mut c = 0;
    for (b, ch) in doc.text.char_indices() {
        for slot in map.iter_mut().skip(b).take(ch.len_utf8()) {
            *slot = c;
        }
        c += 1;
    }
    map[doc.text.len()] = c;
    found
        .into_iter()
        .map(|t| Span {
            start: map[t.span.start as usize],
            end: map[t.span.end as usize],
            text: t.surface,
            ttype: type_name(t.ttype).to_string(),
            value: t.value,
        })
        .collect()
}

fn f1(correct: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let p = if predicted == 0 {
        0.0
    } else {
        100.0 * correct as f64 / predicted as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        100.0 * correct as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// Runs the task over every `.tml` under `dir`.
pub fn run(dir: &Path, predictions: Option<&Path>, value_gate: f64) -> Result<Report> {
    let files = tml_files(dir);
    if files.is_empty() {
        return Err(Error::MissingData {
            path: dir.to_path_buf(),
            hint: "a directory of TimeML .tml files such as ../shared/eval/tempeval3/Training/TBAQ-cleaned",
        });
    }
    let mut out = crate::create_predictions(predictions)?;
    let (mut n_gold, mut n_pred, mut strict, mut relaxed, mut typed, mut valued) =
        (0, 0, 0, 0, 0, 0);
    let mut bytes = 0usize;
    let mut secs = 0.0;
    // The rule bank compiles once per process: not part of tagging speed.
    sitrep_time::prepare();
    let mut misses: Vec<String> = Vec::new();
    for f in &files {
        let xml = std::fs::read_to_string(f).map_err(|source| Error::Io {
            path: f.clone(),
            source,
        })?;
        let name = f
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let doc = parse_tml(&name, &xml).map_err(|detail| Error::Gold {
            path: f.display().to_string(),
            detail,
        })?;
        // Speed: the best of three runs per document, so that a busy
        // machine or the rules' first use does not decide the figure.
        let mut pred = Vec::new();
        let mut best = f64::INFINITY;
        for _ in 0..3 {
            let t = std::time::Instant::now();
            pred = predict(&doc);
            best = best.min(t.elapsed().as_secs_f64());
        }
        secs += best;
        bytes += doc.text.len();
        n_gold += doc.gold.len();
        n_pred += pred.len();
        for g in &doc.gold {
            let over = pred.iter().find(|p| p.start < g.end && p.end > g.start);
            match over {
                Some(p) => {
                    relaxed += 1;
                    strict += usize::from(p.start == g.start && p.end == g.end);
                    if (p.start != g.start || p.end != g.end) && misses.len() < 2000 {
                        misses.push(format!(
                            "boundary {name}: gold {:?} ours {:?}",
                            g.text, p.text
                        ));
                    }
                    typed += usize::from(p.ttype == g.ttype);
                    if p.value == g.value {
                        valued += 1;
                    } else if misses.len() < 2000 {
                        misses.push(format!(
                            "value {name}: {:?} gold {} {} ours {:?} {}",
                            g.text, g.ttype, g.value, p.text, p.value
                        ));
                    }
                }
                None => {
                    if misses.len() < 2000 {
                        misses.push(format!(
                            "missed {name}: {:?} {} {}",
                            g.text, g.ttype, g.value
                        ));
                    }
                }
            }
        }
        for p in &pred {
            if !doc.gold.iter().any(|g| p.start < g.end && p.end > g.start) && misses.len() < 2000 {
                misses.push(format!(
                    "spurious {name}: {:?} {} {}",
                    p.text, p.ttype, p.value
                ));
            }
        }
        if let Some(w) = out.as_mut() {
            #[derive(Serialize)]
            struct Line<'a> {
                doc: &'a str,
                dct: &'a str,
                timexes: &'a [Span],
            }
            serde_json::to_writer(
                &mut *w,
                &Line {
                    doc: &name,
                    dct: &doc.dct,
                    timexes: &pred,
                },
            )?;
            w.write_all(b"\n").map_err(|source| Error::Io {
                path: predictions.map(Path::to_path_buf).unwrap_or_default(),
                source,
            })?;
        }
    }
    if let (Some(mut w), Some(p)) = (out, predictions) {
        w.flush().map_err(|source| Error::Io {
            path: p.to_path_buf(),
            source,
        })?;
    }
    let (sp, sr, sf) = f1(strict, n_pred, n_gold);
    let (rp, rr, rf) = f1(relaxed, n_pred, n_gold);
    let (vp, vr, vf) = f1(valued, n_pred, n_gold);
    let type_acc = if relaxed == 0 {
        0.0
    } else {
        100.0 * typed as f64 / relaxed as f64
    };
    let rows = vec![
        Row {
            metric: "strict span F1 (P / R)".into(),
            ours: format!("{sf:.1} ({sp:.1} / {sr:.1})"),
            reference: Some("81.3 HeidelTime (TempEval-3 test)".into()),
        },
        Row {
            metric: "relaxed span F1 (P / R)".into(),
            ours: format!("{rf:.1} ({rp:.1} / {rr:.1})"),
            reference: Some("90.3 HeidelTime".into()),
        },
        Row {
            metric: "type accuracy (of relaxed matches)".into(),
            ours: format!("{type_acc:.1}"),
            reference: None,
        },
        Row {
            metric: "value F1 (P / R)".into(),
            ours: format!("{vf:.1} ({vp:.1} / {vr:.1})"),
            reference: Some("77.6 HeidelTime".into()),
        },
        Row {
            metric: "MB/s of text (tagging only, best of 3)".into(),
            ours: format!("{:.1}", bytes as f64 / 1e6 / secs.max(1e-9)),
            reference: None,
        },
    ];
    Ok(Report {
        task: "time".into(),
        dataset: dir.display().to_string(),
        rows,
        gates: vec![
            Gate {
                name: "value F1".into(),
                passed: vf >= value_gate,
                detail: format!("{vf:.1} ≥ {value_gate}"),
            },
            Gate {
                name: "strict span F1".into(),
                passed: sf >= GATE,
                detail: format!("{sf:.1} ≥ {GATE}"),
            },
        ],
        notes: vec![format!(
            "{} files, {n_gold} gold, {n_pred} predicted",
            files.len()
        )],
    }
    .with_misses(misses))
}

trait WithMisses {
    fn with_misses(self, misses: Vec<String>) -> Self;
}

impl WithMisses for Report {
    /// Misses are listed only when `SITREP_EVAL_VERBOSE` is set.
    fn with_misses(mut self, misses: Vec<String>) -> Self {
        if std::env::var_os("SITREP_EVAL_VERBOSE").is_some() {
            self.notes.extend(misses);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_counts_characters() {
        let xml = "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-08-07\">x</TIMEX3></DCT><TEXT>Café <EVENT>met</EVENT> <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-08-07\">Friday</TIMEX3>.</TEXT>";
        let d = parse_tml("a.tml", xml).unwrap();
        assert_eq!(d.text, "Café met Friday.");
        assert_eq!(d.dct, "1998-08-07");
        assert_eq!(d.gold.len(), 1);
        assert_eq!((d.gold[0].start, d.gold[0].end), (9, 15));
        assert_eq!(d.gold[0].text, "Friday");
        let p = predict(&d);
        assert_eq!(p.len(), 1);
        assert_eq!(
            (p[0].start, p[0].end, p[0].value.as_str()),
            (9, 15, "1998-08-07")
        );
    }
}
