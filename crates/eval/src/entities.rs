//! `sitrep eval entities`: the seed reports through ingestion and actor
//! resolution, checked against who the gold file says each name is.

use std::io::Write;
use std::path::Path;

use serde::Deserialize;
use sitrep_extract::{Entities, Resolver};
use sitrep_ingest::{read_articles, Article, ReadOptions};
use sitrep_model::ActorKind;

use crate::{Error, Gate, Report, Result, Row};

const SHIPPED_GOLD: &str = include_str!("../data/seeds-entities.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldFile {
    expect: Vec<Expect>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    #[serde(rename = "match")]
    patterns: Vec<String>,
    #[serde(default)]
    actor: Option<String>,
    #[serde(default)]
    any_id: bool,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    kinds: Vec<String>,
    #[serde(default)]
    some: bool,
    /// Match whole mentions only (not mentions containing the word).
    #[serde(default)]
    exact: bool,
}

fn kind_name(k: ActorKind) -> &'static str {
    match k {
        ActorKind::Person => "person",
        ActorKind::Country => "country",
        ActorKind::Organisation => "organisation",
        ActorKind::ArmedGroup => "armed_group",
        ActorKind::Place => "place",
        ActorKind::Agent => "agent",
    }
}

/// Runs the task.
pub fn run(seeds: &Path, predictions: Option<&Path>) -> Result<Report> {
    if !seeds.is_dir() {
        return Err(Error::MissingData {
            path: seeds.to_path_buf(),
            hint: "pass --seeds DIR (the seed reports live in ../shared/corpus/seeds)",
        });
    }
    let gold: GoldFile = toml::from_str(SHIPPED_GOLD).map_err(|e| Error::Gold {
        path: "crates/eval/data/seeds-entities.toml".into(),
        detail: e.to_string(),
    })?;
    let articles: Vec<Article> =
        read_articles(&[seeds.display().to_string()], &ReadOptions::default());
    let started = std::time::Instant::now();
    let resolver = crate::shipped("resolver", Resolver::shipped())?;
    let load_ms = started.elapsed().as_secs_f64() * 1000.0;
    let started = std::time::Instant::now();
    let results: Vec<Entities> = articles.iter().map(|a| resolver.entities(a)).collect();
    let run_ms = started.elapsed().as_secs_f64() * 1000.0;
    if let Some(p) = predictions {
        let io = |source| Error::Io {
            path: p.to_path_buf(),
            source,
        };
        let mut w = std::io::BufWriter::new(std::fs::File::create(p).map_err(io)?);
        for e in &results {
            serde_json::to_writer(&mut w, e)?;
            w.write_all(b"\n").map_err(io)?;
        }
        w.flush().map_err(io)?;
    }

    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut passed_all = true;
    let (mut total, mut right) = (0usize, 0usize);
    for ex in &gold.expect {
        let label = ex.patterns.join("|");
        let mut seen = 0usize;
        let mut ok = 0usize;
        let mut hit_actor = false;
        for (a, e) in articles.iter().zip(&results) {
            for m in &e.mentions {
                let surface = m.surface.to_lowercase();
                let matched = ex.patterns.iter().any(|p| {
                    if ex.exact {
                        surface == *p
                    } else {
                        surface.contains(p.as_str())
                    }
                });
                if !matched {
                    continue;
                }
                seen += 1;
                let actor = m
                    .actor
                    .as_ref()
                    .and_then(|id| e.actors.iter().find(|x| &x.id == id));
                let good = actor.is_some_and(|x| {
                    let id_ok = ex.any_id
                        || ex.some
                        || ex.actor.as_deref().is_none_or(|want| x.id.0 == want);
                    let country_ok = ex.country.is_none() || x.country == ex.country;
                    let kind_ok =
                        ex.kinds.is_empty() || ex.kinds.iter().any(|k| k == kind_name(x.kind));
                    if ex.actor.as_deref() == Some(x.id.0.as_str()) {
                        hit_actor = true;
                    }
                    id_ok && country_ok && kind_ok
                });
                if good {
                    ok += 1;
                } else {
                    notes.push(format!(
                        "MISS {label}: {:?} at {}..{} in {} → {}",
                        m.surface,
                        m.span.start,
                        m.span.end,
                        a.id,
                        m.actor.as_ref().map_or("unresolved", |x| x.0.as_str())
                    ));
                }
            }
        }
        let pass = seen > 0 && ok == seen && (!ex.some || hit_actor);
        passed_all &= pass;
        total += seen;
        right += ok;
        rows.push(Row {
            metric: format!("{label} → {}", ex.actor.as_deref().unwrap_or("(new)")),
            ours: format!("{ok}/{seen}"),
            reference: None,
        });
    }
    rows.push(Row {
        metric: "mentions resolved as expected".into(),
        ours: format!("{right}/{total}"),
        reference: None,
    });
    rows.push(Row {
        metric: "resolver load ms / resolve ms (all seeds)".into(),
        ours: format!("{load_ms:.0} / {run_ms:.0}"),
        reference: None,
    });
    Ok(Report {
        task: "entities".into(),
        dataset: seeds.display().to_string(),
        rows,
        gates: vec![Gate {
            name: "every named actor of the seeds resolves".into(),
            passed: passed_all,
            detail: format!("{right}/{total} mentions"),
        }],
        notes,
    })
}
