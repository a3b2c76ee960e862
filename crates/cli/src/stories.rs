//! `sitrep stories` and `sitrep report`: articles grouped into stories (the
//! pipeline library's `update`), and the situation report of each.

use sitrep_model::DocId;
use sitrep_pipeline::Models;
use sitrep_report::Format;
use sitrep_store::Store;

/// `sitrep stories`.
pub fn run(store: &mut Store, models: &Models, json: bool) -> anyhow::Result<()> {
    sitrep_pipeline::update(store, models)?;
    for s in store.stories()? {
        if json {
            let line = serde_json::json!({
                "id": s.id,
                "title": s.title,
                "first_date": s.first_date.map(|d| d.to_string()),
                "last_date": s.last_date.map(|d| d.to_string()),
                "articles": store.story_articles(&s.id)?.iter().map(DocId::as_str).collect::<Vec<_>>(),
                "sources": s.sources,
                "events": store.fused_event_count(&s.id)?,
            });
            outln!("{line}");
        } else {
            let span = match (s.first_date, s.last_date) {
                (Some(a), Some(b)) if a == b => a.to_string(),
                (Some(a), Some(b)) => format!("{a} – {b}"),
                _ => "undated".to_string(),
            };
            outln!(
                "{}  {:>2} article(s), {:>2} source(s)  {:<23}  {}",
                s.id,
                s.articles,
                s.sources,
                span,
                crate::show::clip(&s.title, 70)
            );
        }
    }
    Ok(())
}

/// `sitrep report`.
pub fn report(
    store: &mut Store,
    models: &Models,
    only: Option<&str>,
    format: Format,
) -> anyhow::Result<()> {
    let reports = sitrep_pipeline::reports(store, models, only)?;
    outln!("{}", sitrep_report::render(&reports, format).trim_end());
    Ok(())
}
