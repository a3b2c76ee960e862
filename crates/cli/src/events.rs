//! `sitrep code "a sentence"` and `sitrep events`: the event coder on a
//! sentence typed in, or over the stored articles.

use jiff::civil::Date;
use rayon::prelude::*;
use sitrep_events::{Coder, Input};
use sitrep_extract::Resolver;
use sitrep_model::{Article, CodedEvent, Dateline, DatelineSource, InputFormat, Source};
use sitrep_store::Store;

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

/// Filters of `sitrep events`.
pub struct Filter {
    pub actor: Option<String>,
    pub plover: Option<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub all: bool,
}

impl Filter {
    fn keep(&self, e: &CodedEvent) -> bool {
        if !self.all && !e.asserted() {
            return false;
        }
        if let Some(a) = &self.actor {
            let a = a.to_lowercase();
            let hit = |x: &sitrep_model::EventActor| {
                x.actor.0.to_lowercase().contains(&a) || x.name.to_lowercase().contains(&a)
            };
            if !hit(&e.source) && !hit(&e.target) {
                return false;
            }
        }
        if let Some(t) = &self.plover {
            if !e.plover.eq_ignore_ascii_case(t) && !e.cameo.starts_with(t.as_str()) {
                return false;
            }
        }
        if let Some(s) = self.since {
            if e.date.is_none_or(|d| d < s) {
                return false;
            }
        }
        if let Some(u) = self.until {
            if e.date.is_none_or(|d| d > u) {
                return false;
            }
        }
        true
    }
}

/// `sitrep events`: every stored article coded, filtered.
pub fn run(store: &Store, filter: &Filter, json: bool, csv: bool) -> anyhow::Result<()> {
    let articles: Vec<Article> = crate::show::load(store, None)?;
    let resolver = Resolver::shipped()?;
    let coder = Coder::shipped()?;
    let all: Vec<Vec<CodedEvent>> = articles
        .par_iter()
        .map(|a| of_article(&resolver, &coder, a))
        .collect();
    if csv {
        outln!("doc,sentence,date,date_basis,cameo,plover,mode,source,source_name,target,target_name,flags,trigger,pattern");
    }
    for (a, events) in articles.iter().zip(&all) {
        for e in events.iter().filter(|e| filter.keep(e)) {
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
                outln!(
                    "{}  {}",
                    &a.id.as_str()[..12.min(a.id.as_str().len())],
                    a.outlet.as_deref().unwrap_or("-")
                );
                print_event(e)?;
            }
        }
    }
    Ok(())
}
