//! `sitrep times ID|--all`: the time expressions of stored articles,
//! normalised against each article's dateline.

use sitrep_model::Article;
use sitrep_store::Store;

pub fn run(store: &Store, id: Option<&str>, json: bool) -> anyhow::Result<()> {
    let articles: Vec<Article> = crate::show::load(store, id)?;
    // Undated articles: the period their titles fit may give a year to
    // dates written without one.
    let resolver = if articles.iter().any(|a| a.dateline.is_none()) {
        Some(sitrep_extract::Resolver::shipped()?)
    } else {
        None
    };
    for a in &articles {
        let dct = a.dateline.as_ref().map(|d| d.date);
        let window = match (dct, &resolver) {
            (None, Some(r)) => r.entities(a).window,
            _ => None,
        };
        let timexes = sitrep_pipeline::times_of(a, window.as_deref());
        if json {
            outln!(
                "{}",
                serde_json::json!({ "doc": a.id, "dateline": dct, "window": window, "timexes": timexes })
            );
            continue;
        }
        outln!(
            "{}  dateline {}  {}",
            a.id,
            dct.map_or(
                "none (relative expressions stay unresolved)".to_string(),
                |d| d.to_string()
            ),
            crate::show::clip(a.title.as_deref().unwrap_or("-"), 60)
        );
        for t in &timexes {
            outln!(
                "  {:>6}-{:<6} {:<30} {:<8} {:<14} {}{}",
                t.span.start,
                t.span.end,
                crate::show::clip(&t.surface, 30),
                sitrep_time::type_name(t.ttype),
                t.value,
                if t.relative { "relative" } else { "absolute" },
                if !t.resolved {
                    ", unresolved"
                } else if t.estimated {
                    ", year from the titles' period"
                } else {
                    ""
                }
            );
        }
    }
    Ok(())
}
