//! `sitrep code "a sentence"` and `sitrep events`: the event coder on a
//! sentence typed in, or over the stored articles. Coded events are kept in
//! the store: `sitrep events` codes only the articles the current coder
//! version has not coded, then answers from the store.

use std::collections::HashMap;

use jiff::civil::Date;
use sitrep_events::Coder;
use sitrep_extract::Resolver;
use sitrep_model::{Article, CodedEvent, Dateline, DatelineSource, DocId, InputFormat, Source};
use sitrep_pipeline::Models;
use sitrep_store::{EventQuery, Store};

/// `sitrep code`: one sentence (or paragraph) typed in.
pub fn code_text(text: &str, date: Option<Date>, json: bool) -> anyhow::Result<()> {
    let mut a = Article::new(text.to_string(), Source::new("-", InputFormat::Text));
    a.dateline = date.map(|d| Dateline::day(d, DatelineSource::TextHeader));
    let resolver = Resolver::shipped()?;
    let coder = Coder::shipped()?;
    let events = sitrep_pipeline::events_of(&resolver, &coder, &a);
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
            Some(sitrep_model::DateBasis::Listed) => " (listed with dated acts)",
            Some(sitrep_model::DateBasis::Relative) => " (relative to the dateline)",
            _ => "",
        },
        if e.flags.is_empty() {
            String::new()
        } else {
            format!("  [{}]", e.flags_joined(", "))
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

/// `sitrep events`: codes the stored articles the current coder has not coded
/// yet (see `sitrep_pipeline::coder_version`), then prints the stored events `query` selects.
pub fn run(
    store: &mut Store,
    models: &Models,
    query: &EventQuery,
    recode: bool,
    json: bool,
    csv: bool,
) -> anyhow::Result<()> {
    let version = &models.coder_version;
    let started = std::time::Instant::now();
    let coded = sitrep_pipeline::code_new(store, models, recode)?;
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
                e.date_basis.map_or("", sitrep_model::DateBasis::as_str),
                e.cameo,
                e.plover,
                e.mode.as_deref().unwrap_or(""),
                e.source.actor.0,
                q(&e.source.name),
                e.target.actor.0,
                q(&e.target.name),
                e.flags_joined(";"),
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
