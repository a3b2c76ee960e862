//! `sitrep demo`: ingest the example corpus compiled into the binary
//! (`examples/corpus/`) into a fresh database and summarise what it holds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use include_dir::{include_dir, Dir};
use sitrep_ingest::Input;
use sitrep_store::Store;

use crate::ingest::{self, Options, Summary};
use crate::show::clip;

static CORPUS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../examples/corpus");

/// The embedded corpus as inputs, sorted by path; `README.md` left out.
pub fn embedded_inputs() -> Vec<Input> {
    let mut files = Vec::new();
    collect(&CORPUS, &mut files);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
        .into_iter()
        .map(|(path, bytes)| Input::Bytes {
            origin: format!("examples/corpus/{path}"),
            bytes: Arc::from(bytes),
        })
        .collect()
}

fn collect(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if !path.ends_with(".md") {
            out.push((path, file.contents()));
        }
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}

pub fn run(db: Option<&Path>, tty: bool) -> anyhow::Result<(ExitCode, PathBuf)> {
    let path = match db {
        Some(p) => p.to_path_buf(),
        None => {
            let p = PathBuf::from("sitrep-demo.db");
            for suffix in ["", "-wal", "-shm"] {
                let f = PathBuf::from(format!("sitrep-demo.db{suffix}"));
                if f.exists() {
                    std::fs::remove_file(&f)?;
                }
            }
            p
        }
    };
    let mut store = Store::open(&path)?;
    let inputs = embedded_inputs();
    let mut summary = Summary::default();
    ingest::run_inputs(&mut store, &inputs, &Options::new(None, tty), &mut summary)?;
    store.update_index()?;
    summary.record_store(&store)?;
    print(&store, &summary, &path)?;
    outln!("\nstories (articles that tell the same story; events fused across them):");
    let models = sitrep_pipeline::Models::shipped()?;
    crate::stories::run(&mut store, &models, false)?;
    print_situation(&mut store, &models)?;
    outln!(
        "\nnext: sitrep --db {} report [--story ID] [--format md|html|json], or serve it: sitrep --db {0} serve",
        path.display()
    );
    let code = if summary.rejected == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    Ok((code, path))
}

/// The situation in brief: per story, the events most reports tell and the
/// latest conservative toll (the full report: `sitrep report`).
fn print_situation(store: &mut Store, models: &sitrep_pipeline::Models) -> anyhow::Result<()> {
    let reports = sitrep_pipeline::reports(store, models, None)?;
    outln!("\nsituation (each event once, with how many articles and outlets report it):");
    for r in &reports {
        outln!("{}  {}", r.story, crate::show::clip(&r.headline, 80));
        let mut events: Vec<&sitrep_model::FusedEvent> = r
            .events
            .iter()
            .filter(|e| e.plover != "NONE" && !e.historical)
            .collect();
        events.sort_by(|a, b| {
            (b.num_articles, b.num_sources)
                .cmp(&(a.num_articles, a.num_sources))
                .then(a.id.cmp(&b.id))
        });
        for e in events.iter().take(3) {
            outln!(
                "    {} {} {} {}: {} ({}) — {} article(s), {} outlet(s){}",
                e.date.map_or("undated".to_string(), |d| d.to_string()),
                e.source.name,
                if e.mutual { "↔" } else { "→" },
                e.target.name,
                e.label,
                e.cameo,
                e.num_articles,
                e.num_sources,
                if e.date_conflicts.is_empty() {
                    ""
                } else {
                    "; dates disagree"
                }
            );
        }
        for series in r
            .claims
            .iter()
            .filter(|c| c.kind == sitrep_model::ClaimKind::Killed)
            .take(1)
        {
            if let Some(p) = series.points.iter().rev().find(|p| p.as_of.is_some()) {
                outln!(
                    "    killed{}: conservative {} as of {} from {} figure(s){}",
                    series
                        .place
                        .as_deref()
                        .map_or(String::new(), |p| format!(" in {p}")),
                    p.conservative,
                    p.as_of.map_or("?".into(), |d| d.to_string()),
                    p.figures.len(),
                    if p.conflict { ", conflicting" } else { "" }
                );
            }
        }
    }
    Ok(())
}

/// The actors the corpus mentions most (lexicon identities only).
fn print_actors(articles: &[sitrep_model::Article]) -> anyhow::Result<()> {
    use rayon::prelude::*;
    let resolver = sitrep_extract::Resolver::shipped()?;
    let all: Vec<sitrep_extract::Entities> =
        articles.par_iter().map(|a| resolver.entities(a)).collect();
    let mut counts: BTreeMap<String, (usize, String)> = BTreeMap::new();
    let mut mentions = 0usize;
    for e in &all {
        mentions += e.mentions.len();
        for m in &e.mentions {
            let Some(actor) = m
                .actor
                .as_ref()
                .and_then(|id| e.actors.iter().find(|a| &a.id == id))
            else {
                continue;
            };
            if actor.id.0.contains(":~") || !actor.id.0.starts_with("person:") {
                continue;
            }
            let label = format!("{} ({})", actor.name, actor.cameo.as_deref().unwrap_or("-"));
            counts.entry(actor.id.0.clone()).or_insert((0, label)).0 += 1;
        }
    }
    let mut top: Vec<(usize, String)> = counts.into_values().collect();
    top.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let shown: Vec<String> = top
        .iter()
        .take(6)
        .map(|(n, l)| format!("{l} {n}"))
        .collect();
    outln!(
        "entities:  {mentions} mention(s); people most named: {}",
        shown.join(", ")
    );
    print_claims(articles, &all)
}

/// The figures the corpus states: how many of each kind, and the largest
/// casualty figures with who states them.
fn print_claims(
    articles: &[sitrep_model::Article],
    entities: &[sitrep_extract::Entities],
) -> anyhow::Result<()> {
    use rayon::prelude::*;
    let finder = sitrep_claims::Finder::shipped()?;
    let all: Vec<(usize, sitrep_model::Claim)> = articles
        .par_iter()
        .zip(entities)
        .enumerate()
        .map(|(i, (a, e))| {
            sitrep_pipeline::claims_of(&finder, a, e)
                .into_iter()
                .map(move |c| (i, c))
                .collect::<Vec<_>>()
        })
        .flatten()
        .collect();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, c) in &all {
        *kinds.entry(c.kind.as_str()).or_default() += 1;
    }
    let list: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    outln!("figures:   {} claim(s): {}", all.len(), list.join(", "));
    let mut tolls: Vec<&(usize, sitrep_model::Claim)> = all
        .iter()
        .filter(|(_, c)| c.kind == sitrep_model::ClaimKind::Killed && !c.figure.surface.is_empty())
        .collect();
    tolls.sort_by(|a, b| b.1.figure.value.total_cmp(&a.1.figure.value));
    for (i, c) in tolls.iter().take(3) {
        let a = &articles[*i];
        outln!(
            "  killed: {:<28} {} says {}",
            crate::show::clip(&c.figure.surface, 28),
            a.outlet.as_deref().unwrap_or("(unnamed outlet)"),
            c.attribution
                .as_ref()
                .map_or("it (own voice)".to_string(), |p| format!(
                    "\"{}\"",
                    p.surface
                ))
        );
    }
    Ok(())
}

fn print(store: &Store, summary: &Summary, path: &Path) -> anyhow::Result<()> {
    outln!(
        "sitrep demo: the embedded example corpus (invented events, written for testing) → {}",
        path.display()
    );
    summary.print_human(path)?;
    let list = store.articles()?;
    let mut formats: BTreeMap<&str, usize> = BTreeMap::new();
    let mut outlets: BTreeMap<String, usize> = BTreeMap::new();
    let mut languages: BTreeMap<String, usize> = BTreeMap::new();
    let mut removed = 0usize;
    let mut undated = 0usize;
    let mut duplicates = Vec::new();
    let mut articles = Vec::new();
    for summary in &list {
        let Some(article) = store.article(summary.id.as_str())? else {
            continue;
        };
        articles.push(article.clone());
        for s in &article.sources {
            *formats.entry(s.format.as_str()).or_default() += 1;
            *outlets
                .entry(s.outlet.clone().unwrap_or_else(|| "(unnamed)".into()))
                .or_default() += 1;
            removed += s.removed_lines.len();
        }
        *languages
            .entry(article.language.clone().unwrap_or_else(|| "?".into()))
            .or_default() += 1;
        if article.dateline.is_none() {
            undated += 1;
        }
        if article.sources.len() > 1 {
            duplicates.push(article);
        }
    }
    let join = |m: &BTreeMap<_, usize>| -> String {
        m.iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    outln!(
        "formats:   {}",
        join(&formats.iter().map(|(k, v)| (k.to_string(), *v)).collect())
    );
    outln!("outlets:   {} ({})", outlets.len(), join(&outlets));
    outln!("languages: {}", join(&languages));
    outln!(
        "undated:   {undated} article(s) with no dateline (their relative dates stay unresolved)"
    );
    outln!("cleaned:   {removed} boilerplate line(s) removed");
    print_actors(&articles)?;
    for a in &duplicates {
        let carriers: Vec<String> = a
            .sources
            .iter()
            .map(|s| format!("{} ({})", s.outlet.as_deref().unwrap_or("-"), s.origin))
            .collect();
        outln!(
            "duplicate: {} \"{}\" carried by {}",
            &a.id.as_str()[..12],
            clip(a.title.as_deref().unwrap_or("-"), 50),
            carriers.join(" and ")
        );
    }
    outln!();
    outln!("{:<12}  {:<10}  {:<22}  title", "id", "date", "outlet");
    for a in &list {
        outln!(
            "{:<12}  {:<10}  {:<22}  {}",
            &a.id.as_str()[..12],
            a.dateline
                .as_ref()
                .map_or("-".to_string(), |d| d.date.to_string()),
            clip(a.outlet.as_deref().unwrap_or("-"), 22),
            clip(a.title.as_deref().unwrap_or("(no title)"), 60)
        );
    }
    outln!();
    outln!(
        "next: sitrep --db {} articles | show ID | entities ID | search \"grain corridor\"",
        path.display()
    );
    Ok(())
}
