//! `sitrep entities`: the people, countries, organisations and places each
//! article mentions, every mention with its span and resolved actor.

use rayon::prelude::*;
use sitrep_extract::{Entities, Resolver};
use sitrep_model::Article;
use sitrep_store::Store;

pub fn run(store: &Store, id: Option<&str>, json: bool) -> anyhow::Result<()> {
    let articles: Vec<Article> = crate::show::load(store, id)?;
    let resolver = Resolver::shipped()?;
    let results: Vec<Entities> = articles.par_iter().map(|a| resolver.entities(a)).collect();
    for (a, e) in articles.iter().zip(&results) {
        if json {
            outln!("{}", serde_json::to_string(e)?);
        } else {
            print_human(a, e)?;
        }
    }
    Ok(())
}

fn print_human(a: &Article, e: &Entities) -> anyhow::Result<()> {
    outln!(
        "{}  {}  {}  {}",
        a.id,
        e.date.map_or("undated".to_string(), |d| d.to_string()),
        a.outlet.as_deref().unwrap_or("-"),
        crate::show::clip(a.title.as_deref().unwrap_or("-"), 70)
    );
    if let Some(w) = &e.window {
        let periods: Vec<String> = w
            .iter()
            .map(|(s, e)| format!("{s}..{}", e.map_or(String::new(), |e| e.to_string())))
            .collect();
        outln!("  titles fit: {}", periods.join(", "));
    }
    for m in &e.mentions {
        let how = m
            .resolution
            .map(|r| format!("{r:?}").to_lowercase())
            .unwrap_or_else(|| "unresolved".into());
        outln!(
            "  {:>6}-{:<6} {:<34} {:<12} {:<34} {}",
            m.span.start,
            m.span.end,
            crate::show::clip(&m.surface, 34),
            format!("{:?}", m.kind).to_lowercase(),
            m.actor.as_ref().map_or("-", |id| id.0.as_str()),
            how
        );
    }
    outln!("  actors:");
    for actor in &e.actors {
        let n = e
            .mentions
            .iter()
            .filter(|m| m.actor.as_ref() == Some(&actor.id))
            .count();
        outln!(
            "    {:<36} {:<28} {:<4} {:<10} {:>2} mention(s)  {}",
            actor.id.0,
            crate::show::clip(&actor.name, 28),
            actor.country.as_deref().unwrap_or("-"),
            actor.cameo.as_deref().unwrap_or("-"),
            n,
            actor.role.as_deref().unwrap_or("")
        );
    }
    Ok(())
}
