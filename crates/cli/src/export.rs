//! `sitrep export`: the fused events of every story in the formats
//! event-data tools read (PLOVER JSON Lines, GDELT-style TSV with a
//! mentions file, CSV, JSON Lines, Parquet; see docs/FORMAT.md).

use std::collections::BTreeMap;
use std::path::Path;

use sitrep_export::{ArticleMeta, Dataset, Format};
use sitrep_pipeline::Models;
use sitrep_store::Store;

/// Every story's fused events with the articles they cite.
pub fn dataset(store: &Store) -> anyhow::Result<Dataset> {
    let mut data = Dataset::default();
    for s in store.stories()? {
        for e in store.fused_events(&s.id)? {
            data.events.push((s.id.clone(), e));
        }
    }
    let mut articles = BTreeMap::new();
    for (_, e) in &data.events {
        for r in &e.reports {
            if articles.contains_key(&r.doc) {
                continue;
            }
            if let Some(a) = store.article(r.doc.as_str())? {
                articles.insert(
                    r.doc.clone(),
                    ArticleMeta {
                        outlet: a.outlet,
                        url: a.url,
                        title: a.title,
                        dateline: a.dateline.map(|d| d.date),
                    },
                );
            }
        }
    }
    data.articles = articles;
    Ok(data)
}

pub fn run(store: &mut Store, format: &str, out: Option<&Path>) -> anyhow::Result<()> {
    let format: Format = format.parse()?;
    sitrep_pipeline::update(store, &Models::shipped()?)?;
    let data = dataset(store)?;
    match out {
        Some(path) => {
            let written = sitrep_export::write(format, &data, path)?;
            for f in &written.files {
                eprintln!("sitrep: wrote {} row(s) to {}", f.rows, f.path.display());
            }
        }
        None if format.is_stream() && format != Format::Parquet => {
            let out = std::io::BufWriter::new(std::io::stdout());
            sitrep_export::write_to(format, &data, out)?;
        }
        None => anyhow::bail!("--format {format} writes files: give --out PATH"),
    }
    Ok(())
}
