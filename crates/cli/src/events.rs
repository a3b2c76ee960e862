//! `sitrep code "a sentence"` and `sitrep events`: the event coder on a
//! sentence typed in, or over the stored articles. Coded events are kept in
//! the store: `sitrep events` codes only the articles the current coder
//! version has not coded, then answers from the store.

use std::collections::HashMap;

use jiff::civil::Date;
use rayon::prelude::*;
use sitrep_events::{Coder, Input};
use sitrep_extract::Resolver;
use sitrep_model::{Article, CodedEvent, Dateline, DatelineSource, DocId, InputFormat, Source};
use sitrep_store::{EventQuery, Store};

/// The coded events of one article (times resolved against its dateline,
/// or against the period its titles fit when it has none).
pub fn of_article(resolver: &Resolver, coder: &Coder, a: &Article) -> Vec<CodedEvent> {
    let analysis = resolver.analyse(a);
    let timexes = crate::times::of_article(a, analysis.entities.window.as_deref());
    coder.code(&Input {
        article: a,
        analysis: &analysis,
        timexes: &timexes,
    })
}

/// `sitrep code`: one sentence (or paragraph) typed in.
pub fn code_text(text: &str, date: Option<Date>, json: bool) -> anyhow::Result<()> {
    let mut a = Article::new(text.to_string(), Source::new("-", InputFormat::Text));
    a.dateline = date.map(|d| Dateline::day(d, DatelineSource::TextHeader));
    let resolver = Resolver::shipped()?;
    let coder = Coder::shipped()?;
    let events = of_article(&resolver, &coder, &a);
    if json {
        for e in &events {
            outln!("{}", serde_json::to_string(e)?);
        }
        return Ok(());
    }
    if events.is_empty() {
        outln!("no event coded");
    }
    for e in &events {
        print_event(e)?;
    }
    Ok(())
}

fn print_event(e: &CodedEvent) -> anyhow::Result<()> {
    outln!(
        "{} {:<10} {} → {}  {}{}{}",
        e.cameo,
        format!(
            "{}{}",
            e.plover,
            e.mode.as_deref().map_or(String::new(), |m| format!("/{m}"))
        ),
        e.source.name,
        e.target.name,
        e.date.map_or("undated".to_string(), |d| d.to_string()),
        match e.date_basis {
            Some(sitrep_model::DateBasis::Dateline) => " (dateline)",
            Some(sitrep_model::DateBasis::Relative) => " (relative to the dateline)",
            _ => "",
        },
        if e.flags.is_empty() {
            String::new()
        } else {
            format!(
                "  [{}]",
                e.flags
                    .iter()
                    .map(|f| format!("{f:?}").to_lowercase())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    );
    outln!(
        "    {} — \"{}\" matched \"{}\"{}",
        e.label,
        e.trigger.surface,
        e.pattern,
        e.claimant
            .as_ref()
            .map_or(String::new(), |c| format!("; claimed by {}", c.surface))
    );
    Ok(())
}

/// Articles coded per batch: coded in parallel, then written in one
/// transaction, so an interrupted run keeps every finished batch.
const BATCH: usize = 512;

/// The coder version stored with each coded article: the crate version, the
/// number of CAMEO codes and patterns, and a BLAKE3 hash (first 12 hex digits)
/// of the codes' table (code, label, PLOVER type, mode, contexts), e.g.
/// `0.1.0+203c/1794p.663c338c7fd8`. Articles coded by another version are coded
/// again. Pattern texts, the lexicon and the tagger are not part of the hash
/// (the dictionary does not expose its patterns): after changing them without
/// a version bump, run `sitrep events --recode`.
pub fn coder_version(coder: &Coder) -> String {
    let dict = coder.dictionary();
    let mut hasher = blake3::Hasher::new();
    for c in dict.codes() {
        for field in [&c.code, &c.label, &c.plover]
            .into_iter()
            .chain(c.mode.as_ref())
            .chain(&c.context)
        {
            hasher.update(field.as_bytes());
            hasher.update(b"\x1f");
        }
        hasher.update(b"\x1e");
    }
    let (codes, patterns) = dict.size();
    format!(
        "{}+{codes}c/{patterns}p.{}",
        env!("CARGO_PKG_VERSION"),
        &hasher.finalize().to_hex()[..12]
    )
}

/// Codes the stored articles `version` has not coded (all of them with
/// `recode`) and stores their events. Returns the number of articles coded.
pub fn code_new(
    store: &mut Store,
    coder: &Coder,
    version: &str,
    recode: bool,
) -> anyhow::Result<usize> {
    let ids: Vec<DocId> = if recode {
        store.articles()?.into_iter().map(|s| s.id).collect()
    } else {
        store.uncoded_articles(version)?
    };
    if ids.is_empty() {
        return Ok(0);
    }
    let resolver = Resolver::shipped()?;
    let mut coded = 0;
    for chunk in ids.chunks(BATCH) {
        let mut articles = Vec::with_capacity(chunk.len());
        for id in chunk {
            match store.article(id.as_str())? {
                Some(a) => articles.push(a),
                None => tracing::warn!(%id, reason = "no longer stored", "article not coded"),
            }
        }
        let batch: Vec<(DocId, Vec<CodedEvent>)> = articles
            .par_iter()
            .map(|a| (a.id.clone(), of_article(&resolver, coder, a)))
            .collect();
        let events = store.put_events(version, &batch)?;
        coded += batch.len();
        tracing::debug!(articles = batch.len(), events, "coded batch");
    }
    Ok(coded)
}

/// `sitrep events`: codes the stored articles the current coder has not coded
/// yet (see [`coder_version`]), then prints the stored events `query` selects.
pub fn run(
    store: &mut Store,
    query: &EventQuery,
    recode: bool,
    json: bool,
    csv: bool,
) -> anyhow::Result<()> {
    let coder = Coder::shipped()?;
    let version = coder_version(&coder);
    let started = std::time::Instant::now();
    let coded = code_new(store, &coder, &version, recode)?;
    tracing::info!(
        coded,
        coder = %version,
        seconds = started.elapsed().as_secs_f64(),
        "coded {coded} {}article(s)",
        if recode { "" } else { "new " }
    );
    let events = store.events(query)?;
    if csv {
        outln!("doc,sentence,date,date_basis,cameo,plover,mode,source,source_name,target,target_name,flags,trigger,pattern");
    }
    // Outlets of the articles printed (human output only).
    let mut outlets: HashMap<DocId, Option<String>> = HashMap::new();
    for e in &events {
        if json {
            outln!("{}", serde_json::to_string(e)?);
        } else if csv {
            let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
            outln!(
                "{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                e.doc,
                e.sentence,
                e.date.map_or(String::new(), |d| d.to_string()),
                match e.date_basis {
                    Some(sitrep_model::DateBasis::Text) => "text",
                    Some(sitrep_model::DateBasis::Relative) => "relative",
                    Some(sitrep_model::DateBasis::Dateline) => "dateline",
                    None => "",
                },
                e.cameo,
                e.plover,
                e.mode.as_deref().unwrap_or(""),
                e.source.actor.0,
                q(&e.source.name),
                e.target.actor.0,
                q(&e.target.name),
                e.flags
                    .iter()
                    .map(|f| format!("{f:?}").to_lowercase())
                    .collect::<Vec<_>>()
                    .join(";"),
                q(&e.trigger.surface),
                q(&e.pattern)
            );
        } else {
            let outlet = match outlets.get(&e.doc) {
                Some(o) => o.clone(),
                None => {
                    let o = store.article(e.doc.as_str())?.and_then(|a| a.outlet);
                    outlets.insert(e.doc.clone(), o.clone());
                    o
                }
            };
            let id = e.doc.as_str();
            outln!(
                "{}  {}",
                &id[..12.min(id.len())],
                outlet.as_deref().unwrap_or("-")
            );
            print_event(e)?;
        }
    }
    Ok(())
}
