//! Printing stored articles: lists, one article, search hits.

use sitrep_ingest::Article;
use sitrep_store::Store;

/// One article (id or unique prefix) or, with `None`, every stored article.
pub fn load(store: &Store, id: Option<&str>) -> anyhow::Result<Vec<sitrep_model::Article>> {
    Ok(match id {
        Some(id) => vec![store
            .article(id)?
            .ok_or_else(|| anyhow::anyhow!("no article with id {id:?}"))?],
        None => store
            .articles()?
            .iter()
            .filter_map(|s| store.article(s.id.as_str()).transpose())
            .collect::<Result<_, _>>()?,
    })
}

/// Dateline as `2023-10-17` or `-`.
fn date_of(d: Option<&sitrep_model::Dateline>) -> String {
    d.map_or_else(|| "-".to_string(), |d| d.date.to_string())
}

/// At most `n` characters of `s`, with an ellipsis when cut.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let cut: String = s.chars().take(n.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

pub fn articles(store: &Store, json: bool, tty: bool) -> anyhow::Result<()> {
    let list = store.articles()?;
    if json {
        for a in &list {
            outln!("{}", serde_json::to_string(a)?);
        }
        return Ok(());
    }
    if !tty {
        for a in &list {
            outln!(
                "{}\t{}\t{}\t{}\t{}",
                a.id,
                date_of(a.dateline.as_ref()),
                a.outlet.as_deref().unwrap_or("-"),
                a.sources,
                a.title.as_deref().unwrap_or("-")
            );
        }
        return Ok(());
    }
    outln!(
        "{:<12}  {:<10}  {:<22}  {:>3}  title",
        "id",
        "date",
        "outlet",
        "src"
    );
    for a in &list {
        outln!(
            "{:<12}  {:<10}  {:<22}  {:>3}  {}",
            &a.id.as_str()[..12.min(a.id.as_str().len())],
            date_of(a.dateline.as_ref()),
            clip(a.outlet.as_deref().unwrap_or("-"), 22),
            a.sources,
            clip(a.title.as_deref().unwrap_or("(no title)"), 70)
        );
    }
    outln!("{} article(s)", list.len());
    Ok(())
}

pub fn article(a: &Article, json: bool) -> anyhow::Result<()> {
    if json {
        outln!("{}", serde_json::to_string_pretty(a)?);
        return Ok(());
    }
    outln!("id        {}", a.id);
    outln!("title     {}", a.title.as_deref().unwrap_or("-"));
    outln!("outlet    {}", a.outlet.as_deref().unwrap_or("-"));
    outln!("url       {}", a.url.as_deref().unwrap_or("-"));
    match &a.dateline {
        Some(d) => outln!(
            "dateline  {} ({:?} precision, from {:?})",
            d.date,
            d.precision,
            d.source
        ),
        None => outln!("dateline  - (none found: relative dates stay unresolved)"),
    }
    outln!("language  {}", a.language.as_deref().unwrap_or("-"));
    for (k, v) in &a.metadata {
        outln!("meta      {k} = {v}");
    }
    outln!("sources   {}", a.sources.len());
    for s in &a.sources {
        outln!(
            "  - {} [{}] {} {}{}",
            s.origin,
            s.format.as_str(),
            s.outlet.as_deref().unwrap_or("-"),
            date_of(s.dateline.as_ref()),
            if s.removed_lines.is_empty() {
                String::new()
            } else {
                format!(", {} boilerplate line(s) removed", s.removed_lines.len())
            }
        );
    }
    outln!();
    outln!("{}", a.text);
    Ok(())
}

pub fn search(store: &Store, query: &str, limit: usize, json: bool) -> anyhow::Result<()> {
    let hits = store.search(query, limit)?;
    for h in &hits {
        if json {
            outln!("{}", serde_json::to_string(h)?);
        } else {
            outln!(
                "{}  {}  {}  {}\n    {}",
                &h.id.as_str()[..12.min(h.id.as_str().len())],
                date_of(h.dateline.as_ref()),
                h.outlet.as_deref().unwrap_or("-"),
                h.title.as_deref().unwrap_or("(no title)"),
                h.snippet.replace('\n', " ")
            );
        }
    }
    if !json {
        outln!("{} hit(s)", hits.len());
    }
    Ok(())
}
