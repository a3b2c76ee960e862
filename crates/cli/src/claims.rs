//! `sitrep claims ID|--all`: the figures each article states about the
//! situation, with hedges, breakdowns, sides, places, attribution and
//! as-of dates.

use rayon::prelude::*;
use sitrep_claims::Finder;
use sitrep_extract::Resolver;
use sitrep_model::{Article, Claim, Figure, Hedge};
use sitrep_store::Store;

pub fn run(store: &Store, id: Option<&str>, json: bool) -> anyhow::Result<()> {
    let articles: Vec<Article> = crate::show::load(store, id)?;
    let resolver = Resolver::shipped()?;
    let finder = Finder::shipped()?;
    let results: Vec<Vec<Claim>> = articles
        .par_iter()
        .map(|a| sitrep_pipeline::claims_of(&finder, a, &resolver.entities(a)))
        .collect();
    for (a, claims) in articles.iter().zip(&results) {
        if json {
            outln!(
                "{}",
                serde_json::json!({
                    "doc": a.id,
                    "outlet": a.outlet,
                    "dateline": a.dateline.as_ref().map(|d| d.date),
                    "claims": claims,
                })
            );
            continue;
        }
        outln!(
            "{}  {}  {}  {}",
            a.id,
            a.dateline
                .as_ref()
                .map_or("undated".to_string(), |d| d.date.to_string()),
            a.outlet.as_deref().unwrap_or("-"),
            crate::show::clip(a.title.as_deref().unwrap_or("-"), 60)
        );
        for c in claims {
            outln!(
                "  {:<14} {:<24} {}{}",
                c.kind.as_str(),
                bounds(&c.figure),
                crate::show::clip(&c.figure.surface, 40),
                c.side
                    .as_ref()
                    .map_or(String::new(), |s| format!("  side {s}"))
            );
            for part in &c.breakdown {
                outln!(
                    "  {:<14} {:<24} {}",
                    "  of which",
                    bounds(part),
                    crate::show::clip(&part.surface, 40)
                );
            }
            let who = c.attribution.as_ref().map_or_else(
                || format!("the outlet ({})", a.outlet.as_deref().unwrap_or("unnamed")),
                |p| match &p.actor {
                    Some(id) => format!("{} [{}]", p.surface, id.0),
                    None => p.surface.clone(),
                },
            );
            let when = match (c.as_of, c.as_of_basis) {
                (Some(d), Some(b)) => format!("{d} (from the {})", basis(b)),
                _ => "unknown".to_string(),
            };
            outln!(
                "  {:<14} says: {}; as of: {}{}{}",
                "",
                who,
                when,
                c.since.map_or(String::new(), |d| format!("; since {d}")),
                c.place
                    .as_ref()
                    .map_or(String::new(), |p| format!("; in {}", p.surface))
            );
        }
    }
    Ok(())
}

fn basis(b: sitrep_model::AsOfBasis) -> &'static str {
    match b {
        sitrep_model::AsOfBasis::Text => "text",
        sitrep_model::AsOfBasis::Dateline => "dateline",
    }
}

/// "≥ 8796", "> 4000", "≈ 2000", "50–70", "= 12".
fn bounds(f: &Figure) -> String {
    let n = |v: f64| format!("{v}");
    match f.hedge {
        Hedge::Exact => format!("= {}", n(f.value)),
        Hedge::AtLeast => format!("≥ {}", n(f.value)),
        Hedge::MoreThan => format!("> {}", n(f.value)),
        Hedge::AtMost => format!("≤ {}", n(f.value)),
        Hedge::LessThan => format!("< {}", n(f.value)),
        Hedge::About => format!("≈ {}", n(f.value)),
        Hedge::Range => format!("{}–{}", n(f.value), f.upper.map_or(String::new(), n)),
        Hedge::Vague => format!("≥ {} (vague)", n(f.value)),
    }
}
