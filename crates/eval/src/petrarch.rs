//! `sitrep eval petrarch`: PETRARCH's unit-test records coded from their
//! `<Text>` (never their `<Parse>`, which real news does not come with) with
//! the dictionaries the file's `<Environment>` names, looked up beside it.
//!
//! A record is coded exactly when the set of (source, target, code) triples
//! we code equals the set its `<EventCoding>`s give; a record with
//! `noevents`, an `error` (discards, datelines) or no coding at all expects
//! no event. Records whose `error` concerns the gold parse itself
//! (`bad_input_parse`) say nothing about coding from text: they are listed
//! and left out of the rate.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use jiff::civil::Date;
use serde::Serialize;
use sitrep_petrarch::{DictCoder, Dictionaries, Paths};

use crate::{Error, Gate, Report, Result, Row};

/// The target: share of records coded exactly.
pub const TARGET: f64 = 85.0;

type Triple = (String, String, String);

struct Record {
    id: String,
    category: String,
    date: Date,
    text: String,
    expected: BTreeSet<Triple>,
    /// `error="..."` of the record, if any.
    error: Option<String>,
}

#[derive(Serialize)]
struct Prediction<'a> {
    id: &'a str,
    events: Vec<PredEvent<'a>>,
}

#[derive(Serialize)]
struct PredEvent<'a> {
    source: &'a str,
    target: &'a str,
    code: &'a str,
}

fn gold(path: &Path, detail: impl Into<String>) -> Error {
    Error::Gold {
        path: path.display().to_string(),
        detail: detail.into(),
    }
}

/// Reads the records file: the dictionary paths and the records.
fn read(path: &Path) -> Result<(Paths, Vec<Record>)> {
    let src = std::fs::read_to_string(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => Error::MissingData {
            path: path.to_path_buf(),
            hint: "expected PETR.UnitTest.records.xml (../shared/eval/petrarch)",
        },
        _ => Error::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let doc = roxmltree::Document::parse(&src).map_err(|e| gold(path, e.to_string()))?;
    let root = doc.root_element();
    let dir = path.parent().unwrap_or(Path::new("."));
    let env = root
        .children()
        .find(|n| n.has_tag_name("Environment"))
        .ok_or_else(|| gold(path, "no <Environment>"))?;
    let file = |tag: &str| {
        env.children()
            .find(|n| n.has_tag_name(tag))
            .and_then(|n| n.text())
            .map(|t| dir.join(t.trim()))
    };
    let paths = Paths {
        verbs: file("Verbfile").ok_or_else(|| gold(path, "no <Verbfile>"))?,
        actors: file("Actorfile").ok_or_else(|| gold(path, "no <Actorfile>"))?,
        agents: file("Agentfile").ok_or_else(|| gold(path, "no <Agentfile>"))?,
        discards: file("Discardfile"),
    };
    let mut records = Vec::new();
    for s in root.descendants().filter(|n| n.has_tag_name("Sentence")) {
        let id = s.attribute("id").unwrap_or("").to_string();
        let line = doc.text_pos_at(s.range().start).row;
        let where_ = |what: &str| gold(path, format!("line {line}: record {id:?}: {what}"));
        let date = s
            .attribute("date")
            .and_then(|d| {
                let d = d.trim();
                let n = |a: usize, b: usize| d.get(a..b).and_then(|x| x.parse::<i16>().ok());
                Date::new(n(0, 4)?, n(4, 6)? as i8, n(6, 8)? as i8).ok()
            })
            .ok_or_else(|| where_("bad or missing date"))?;
        let text = s
            .children()
            .find(|n| n.has_tag_name("Text"))
            .and_then(|n| n.text())
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .ok_or_else(|| where_("no <Text>"))?;
        let mut expected = BTreeSet::new();
        let mut error = None;
        for c in s.children().filter(|n| n.has_tag_name("EventCoding")) {
            if let Some(e) = c.attribute("error") {
                error = Some(e.to_string());
            }
            if let (Some(a), Some(b), Some(code)) = (
                c.attribute("sourcecode"),
                c.attribute("targetcode"),
                c.attribute("eventcode"),
            ) {
                expected.insert((a.to_string(), b.to_string(), code.to_string()));
            }
        }
        records.push(Record {
            id,
            category: s.attribute("category").unwrap_or("-").to_string(),
            date,
            text,
            expected,
            error,
        });
    }
    Ok((paths, records))
}

pub fn run(path: &Path, predictions: Option<&Path>) -> Result<Report> {
    let (paths, records) = read(path)?;
    let dicts = Dictionaries::load(&paths).map_err(|e| gold(path, e.to_string()))?;
    let problems = dicts.problems.len();
    let coder = DictCoder::new(dicts).map_err(|e| gold(path, e.to_string()))?;
    let mut out = crate::create_predictions(predictions)?;
    let mut per_cat: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut n, mut ok, mut skipped) = (0usize, 0usize, Vec::new());
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut notes = Vec::new();
    let started = std::time::Instant::now();
    for r in &records {
        let outcome = coder.code_sentence(&r.text, r.date);
        let got: BTreeSet<Triple> = outcome
            .events()
            .iter()
            .map(|e| (e.source.clone(), e.target.clone(), e.code.clone()))
            .collect();
        if let Some(w) = out.as_mut() {
            let line = serde_json::to_string(&Prediction {
                id: &r.id,
                events: got
                    .iter()
                    .map(|(s, t, c)| PredEvent {
                        source: s,
                        target: t,
                        code: c,
                    })
                    .collect(),
            })?;
            writeln!(w, "{line}").map_err(|source| Error::Io {
                path: predictions.unwrap_or(path).to_path_buf(),
                source,
            })?;
        }
        if r.error.as_deref() == Some("bad_input_parse") {
            skipped.push(r.id.clone());
            continue;
        }
        n += 1;
        let entry = per_cat.entry(r.category.clone()).or_default();
        entry.1 += 1;
        tp += got.intersection(&r.expected).count();
        fp += got.difference(&r.expected).count();
        fn_ += r.expected.difference(&got).count();
        if got == r.expected {
            ok += 1;
            entry.0 += 1;
        } else {
            let show = |s: &BTreeSet<Triple>| {
                s.iter()
                    .map(|(a, b, c)| format!("{a}>{b}:{c}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            notes.push(format!(
                "{} [{}]: gold {{{}}} ours {{{}}}",
                r.id,
                r.category,
                show(&r.expected),
                show(&got)
            ));
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    let rate = pct(ok, n);
    let p = pct(tp, tp + fp);
    let rc = pct(tp, tp + fn_);
    let mut rows = vec![
        Row {
            metric: "records coded exactly".into(),
            ours: format!("{rate:.1} ({ok}/{n})"),
            reference: Some(format!(
                "{TARGET} (issue target); PETRARCH 100 with gold parses"
            )),
        },
        Row {
            metric: "event triples P / R / F1".into(),
            ours: format!(
                "{p:.1} / {rc:.1} / {:.1}",
                2.0 * p * rc / (p + rc).max(1e-9)
            ),
            reference: None,
        },
        Row {
            metric: "records about the gold parse (left out)".into(),
            ours: format!("{}", skipped.len()),
            reference: None,
        },
        Row {
            metric: "dictionary lines skipped".into(),
            ours: format!("{problems}"),
            reference: None,
        },
        Row {
            metric: "sentences/s (tagging + coding)".into(),
            ours: format!("{:.0}", records.len() as f64 / secs.max(1e-9)),
            reference: Some("PETRARCH2 ~150 after a 2–5/s parser".into()),
        },
    ];
    for (c, (good, all)) in &per_cat {
        rows.push(Row {
            metric: format!("  {c}"),
            ours: format!("{good}/{all}"),
            reference: None,
        });
    }
    Ok(Report {
        task: "petrarch".into(),
        dataset: path.display().to_string(),
        rows,
        gates: vec![Gate {
            name: "PETRARCH records coded exactly".into(),
            passed: n > 0 && rate >= TARGET,
            detail: format!("{rate:.1} ≥ {TARGET} over {n} records"),
        }],
        notes,
    })
}
