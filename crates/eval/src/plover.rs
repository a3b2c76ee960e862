//! `sitrep eval plover`: the PLOVER gold-standard records (one sentence
//! each, coded by hand): each record's `text` is coded without a dateline;
//! the predicted type is the PLOVER type of the first asserted event coded
//! from it, else of the first dictionary match (a sentence whose actors the
//! coder cannot resolve still has a type); actor-code accuracy compares the
//! event's source and target countries with the gold actor codes.
//!
//! The records were coded in PLOVER 0.5 (2016); our dictionary follows the
//! 2021 CAMEO→PLOVER table, which renamed DEMAND to REQUEST and DISAPPROVE
//! to ACCUSE and folded FIGHT (CAMEO 19, conventional military force) into
//! ASSAULT, and INVESTIGATE (CAMEO 09) into ACCUSE. [`gsr_type`] maps our
//! types back by those renames before comparing. Statements (CAMEO 01, no PLOVER type) are skipped when the
//! sentence also codes something else.

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sitrep_events::{Coder, Input};
use sitrep_extract::Resolver;
use sitrep_model::{Article, InputFormat, Source};

use crate::{Error, Gate, Report, Result, Row};

/// Type accuracy the issue asks for.
pub const GATE: f64 = 80.0;

#[derive(Deserialize)]
struct Record {
    id: String,
    event: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default, deserialize_with = "actors")]
    source: Vec<GoldActor>,
    #[serde(default, deserialize_with = "actors")]
    target: Vec<GoldActor>,
}

/// Actors are a list, or `""` / `null` for none.
fn actors<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Vec<GoldActor>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        List(Vec<GoldActor>),
        Other(serde::de::IgnoredAny),
    }
    Ok(match Either::deserialize(d)? {
        Either::List(v) => v,
        Either::Other(_) => Vec::new(),
    })
}

#[derive(Deserialize)]
struct GoldActor {
    #[serde(default)]
    code: String,
}

#[derive(Serialize)]
struct Prediction<'a> {
    id: &'a str,
    event: String,
    source: Vec<String>,
    target: Vec<String>,
}

/// Our PLOVER 2021 type as the PLOVER 0.5 records name it.
pub fn gsr_type(cameo: &str, plover: &str) -> String {
    match plover {
        "REQUEST" => "DEMAND".into(),
        "ACCUSE" if cameo.starts_with("09") => "INVESTIGATE".into(),
        "ACCUSE" => "DISAPPROVE".into(),
        "ASSAULT" if cameo.starts_with("19") => "FIGHT".into(),
        other => other.to_string(),
    }
}

fn article(text: &str) -> Article {
    Article::new(
        text.to_string(),
        Source::new("plover-gsr", InputFormat::Text),
    )
}

pub fn run(path: &Path, predictions: Option<&Path>) -> Result<Report> {
    let src = std::fs::read_to_string(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => Error::MissingData {
            path: path.to_path_buf(),
            hint: "expected PLOVER_GSR_CAMEO.json (../shared/eval/plover)",
        },
        _ => Error::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let records: Vec<Record> = serde_json::from_str(&src).map_err(|e| Error::Gold {
        path: path.display().to_string(),
        detail: e.to_string(),
    })?;
    let resolver = crate::shipped("resolver", Resolver::shipped())?;
    let coder = crate::shipped("dictionary", Coder::shipped())?;
    let mut out = crate::create_predictions(predictions)?;
    let (mut n, mut typed, mut with_event) = (0usize, 0usize, 0usize);
    let (mut src_n, mut src_ok, mut tgt_n, mut tgt_ok) = (0usize, 0usize, 0usize, 0usize);
    let mut per_type: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let mut notes = Vec::new();
    let started = std::time::Instant::now();
    for r in &records {
        let Some(text) = r.text.as_deref().filter(|_| r.event != "DOCUMENT") else {
            continue;
        };
        n += 1;
        let a = article(text);
        let analysis = resolver.analyse(&a);
        let timexes = sitrep_time::tag(text, None);
        let input = Input {
            article: &a,
            analysis: &analysis,
            timexes: &timexes,
        };
        let events = coder.code(&input);
        // A typed event (asserted first), else a typed dictionary match
        // whose actors were not found, else a statement.
        let typed_event = |e: &&sitrep_model::CodedEvent| e.plover != "NONE";
        let event = events
            .iter()
            .filter(typed_event)
            .find(|e| e.asserted())
            .or(events.iter().find(typed_event));
        let codes = coder.dictionary().codes();
        let triggers = coder.triggers(&input);
        let typed_trigger = triggers.iter().find(|t| codes[t.code].plover != "NONE");
        let predicted = match (event, typed_trigger) {
            (Some(e), _) => gsr_type(&e.cameo, &e.plover),
            (None, Some(t)) => gsr_type(&codes[t.code].code, &codes[t.code].plover),
            (None, None) => events
                .first()
                .map(|e| gsr_type(&e.cameo, &e.plover))
                .unwrap_or_default(),
        };
        let event = event.or(events.first());
        if event.is_some() {
            with_event += 1;
        }
        let entry = per_type.entry(r.event.clone()).or_default();
        entry.1 += 1;
        if predicted == r.event {
            typed += 1;
            entry.0 += 1;
        } else {
            notes.push(format!("{}: gold {} ours {:?}", r.id, r.event, predicted));
        }
        let codes = |e: &sitrep_model::EventActor| {
            e.country
                .clone()
                .or_else(|| e.cameo.clone())
                .unwrap_or_default()
        };
        let (ps, pt) = match event {
            Some(e) => (vec![codes(&e.source)], vec![codes(&e.target)]),
            None => (Vec::new(), Vec::new()),
        };
        if !r.source.is_empty() {
            src_n += 1;
            if ps
                .iter()
                .any(|p| r.source.iter().any(|g| !g.code.is_empty() && g.code == *p))
            {
                src_ok += 1;
            }
        }
        if !r.target.is_empty() {
            tgt_n += 1;
            if pt
                .iter()
                .any(|p| r.target.iter().any(|g| !g.code.is_empty() && g.code == *p))
            {
                tgt_ok += 1;
            }
        }
        if let Some(w) = out.as_mut() {
            let line = serde_json::to_string(&Prediction {
                id: &r.id,
                event: predicted,
                source: ps,
                target: pt,
            })?;
            writeln!(w, "{line}").map_err(|source| Error::Io {
                path: predictions.unwrap_or(path).to_path_buf(),
                source,
            })?;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    let type_acc = pct(typed, n);
    let mut rows = vec![
        Row {
            metric: "type accuracy".into(),
            ours: format!("{type_acc:.1} ({typed}/{n})"),
            reference: None,
        },
        Row {
            metric: "records with a coded event (actors found)".into(),
            ours: format!("{with_event}/{n}"),
            reference: None,
        },
        Row {
            metric: "source actor-code accuracy".into(),
            ours: format!("{:.1} ({src_ok}/{src_n})", pct(src_ok, src_n)),
            reference: None,
        },
        Row {
            metric: "target actor-code accuracy".into(),
            ours: format!("{:.1} ({tgt_ok}/{tgt_n})", pct(tgt_ok, tgt_n)),
            reference: None,
        },
        Row {
            metric: "sentences/s (resolver + coder)".into(),
            ours: format!("{:.0}", n as f64 / secs.max(1e-9)),
            reference: None,
        },
    ];
    for (t, (ok, all)) in &per_type {
        rows.push(Row {
            metric: format!("  {t}"),
            ours: format!("{ok}/{all}"),
            reference: None,
        });
    }
    Ok(Report {
        task: "plover".into(),
        dataset: path.display().to_string(),
        rows,
        gates: vec![Gate {
            name: "PLOVER type accuracy".into(),
            passed: type_acc >= GATE,
            detail: format!("{type_acc:.1} ≥ {GATE}"),
        }],
        notes,
    })
}
