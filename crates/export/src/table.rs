//! The flat event table shared by the CSV and Parquet exports: one [`Row`] per
//! fused event, the columns in [`COLUMNS`] order.

use std::io::Write;

use jiff::civil::Date;
use serde::Serialize;
use sitrep_model::{DateBasis, EventActor, FusedEvent};

use crate::{cameo, doc_link, Dataset, Result};

/// The table's columns, in file order.
pub const COLUMNS: [&str; 34] = [
    "event_id",
    "story",
    "date",
    "date_basis",
    "event_type",
    "event_mode",
    "cameo",
    "cameo_label",
    "cameo_root",
    "quad_class",
    "goldstein",
    "source_actor_id",
    "source_name",
    "source_text",
    "source_country",
    "source_sector",
    "source_cameo",
    "target_actor_id",
    "target_name",
    "target_text",
    "target_country",
    "target_sector",
    "target_cameo",
    "mutual",
    "historical",
    "num_mentions",
    "num_sources",
    "num_independent",
    "num_articles",
    "first_report",
    "last_report",
    "source_url",
    "date_conflicts",
    "mentions",
];

/// One side of an event, flat: the table's `source_*`/`target_*` columns
/// and the PLOVER record's actor objects (keys in this order).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorCols<'a> {
    /// The actor's name in the lexicon, or as written for a new identity.
    pub name: &'a str,
    /// sitrep's actor id (`country:RUS`, `person:…`).
    pub actor_id: &'a str,
    /// The words that name it in the first report.
    pub text: &'a str,
    /// ISO alpha-3 of the actor's country.
    pub country: Option<&'a str>,
    /// CAMEO sector or agent (`GOV`, `MIL`).
    pub sector: Option<&'a str>,
    /// CAMEO actor code (`RUSGOV`).
    pub cameo: Option<&'a str>,
}

impl<'a> ActorCols<'a> {
    pub(crate) fn of(a: &'a EventActor) -> Self {
        Self {
            name: &a.name,
            actor_id: a.actor.0.as_str(),
            text: &a.surface,
            country: a.country.as_deref(),
            sector: a.sector.as_deref(),
            cameo: a.cameo.as_deref(),
        }
    }
}

/// One row of the table: a fused event.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    pub event_id: &'a str,
    pub story: &'a str,
    pub date: Option<Date>,
    pub date_basis: Option<&'static str>,
    pub event_type: &'a str,
    pub event_mode: Option<&'a str>,
    pub cameo: &'a str,
    pub cameo_label: &'a str,
    pub cameo_root: Option<&'a str>,
    pub quad_class: Option<u8>,
    pub goldstein: Option<f64>,
    pub source: ActorCols<'a>,
    pub target: ActorCols<'a>,
    pub mutual: bool,
    pub historical: bool,
    pub num_mentions: usize,
    pub num_sources: usize,
    /// Distinct reports once near-duplicate copies count as one.
    pub num_independent: usize,
    pub num_articles: usize,
    pub first_report: Option<Date>,
    pub last_report: Option<Date>,
    pub source_url: Option<String>,
    /// JSON array of the dates reports disagree on; `None` when they agree.
    pub date_conflicts: Option<String>,
    /// JSON array of the reports ([`Mention`]).
    pub mentions: String,
}

/// One report of an event in the `mentions` column (and PLOVER's
/// `source_articles`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention<'a> {
    pub doc_id: &'a str,
    pub outlet: Option<&'a str>,
    pub url: Option<&'a str>,
    /// The article's URL, else `sitrep://doc/<id>#<start>-<end>` (the sentence).
    pub link: String,
    pub title: Option<&'a str>,
    pub dateline: Option<Date>,
    /// 0-based sentence of the article.
    pub sentence: u32,
    /// Byte span of the sentence in the article's text.
    pub sentence_start: u32,
    pub sentence_end: u32,
    /// The words that say what happened, and their byte span.
    pub event_text: &'a str,
    pub event_text_start: u32,
    pub event_text_end: u32,
    pub cameo: &'a str,
    pub date: Option<Date>,
    pub date_basis: Option<&'static str>,
    /// A relative date in a late report: not trusted for the event's date.
    pub late: bool,
}

/// The reports of an event as [`Mention`]s, in the event's report order.
pub fn mentions<'a>(data: &'a Dataset, event: &'a FusedEvent) -> Vec<Mention<'a>> {
    event
        .reports
        .iter()
        .map(|r| {
            let url = data.url(r);
            Mention {
                doc_id: r.doc.as_str(),
                outlet: data.outlet(r),
                url,
                link: url.map_or_else(
                    || {
                        format!(
                            "{}#{}-{}",
                            doc_link(&r.doc),
                            r.sentence_span.start,
                            r.sentence_span.end
                        )
                    },
                    str::to_string,
                ),
                title: data.article(&r.doc).and_then(|a| a.title.as_deref()),
                dateline: data.dateline(r),
                sentence: r.sentence,
                sentence_start: r.sentence_span.start,
                sentence_end: r.sentence_span.end,
                event_text: &r.trigger.surface,
                event_text_start: r.trigger.span.start,
                event_text_end: r.trigger.span.end,
                cameo: &r.cameo,
                date: r.date,
                date_basis: r.date_basis.map(DateBasis::as_str),
                late: r.late,
            }
        })
        .collect()
}

/// The first report's article URL, else its `sitrep://doc/<id>` link.
pub(crate) fn source_url(data: &Dataset, event: &FusedEvent) -> Option<String> {
    let first = event.reports.first()?;
    Some(
        data.url(first)
            .map_or_else(|| doc_link(&first.doc), str::to_string),
    )
}

/// The rows of the table, in export order.
pub fn rows(data: &Dataset) -> Result<Vec<Row<'_>>> {
    cameo::check_table()?;
    data.sorted()
        .into_iter()
        .map(|(story, e)| {
            let date_conflicts = if e.date_conflicts.is_empty() {
                None
            } else {
                Some(serde_json::to_string(&e.date_conflicts)?)
            };
            Ok(Row {
                event_id: &e.id,
                story,
                date: e.date,
                date_basis: e.date_basis.map(DateBasis::as_str),
                event_type: &e.plover,
                event_mode: e.mode.as_deref(),
                cameo: &e.cameo,
                cameo_label: &e.label,
                cameo_root: cameo::root_code(&e.cameo),
                quad_class: cameo::quad_class(&e.cameo).map(|q| q.number()),
                goldstein: cameo::goldstein(&e.cameo),
                source: ActorCols::of(&e.source),
                target: ActorCols::of(&e.target),
                mutual: e.mutual,
                historical: e.historical,
                num_mentions: e.reports.len(),
                num_sources: e.num_sources,
                num_independent: e.num_independent,
                num_articles: e.num_articles,
                first_report: e.first_report,
                last_report: e.last_report,
                source_url: source_url(data, e),
                date_conflicts,
                mentions: serde_json::to_string(&mentions(data, e))?,
            })
        })
        .collect()
}

/// The `csv` export: a header row ([`COLUMNS`]), then one row per fused
/// event. Empty cells are absent values; dates `YYYY-MM-DD`; booleans
/// `true`/`false`; fields quoted when they hold a comma, quote or line break.
pub fn write_csv<W: Write>(data: &Dataset, w: W) -> Result<usize> {
    let rows = rows(data)?;
    let mut out = csv::Writer::from_writer(w);
    out.write_record(COLUMNS)?;
    for r in &rows {
        out.write_record(csv_cells(r))?;
    }
    out.flush()?;
    Ok(rows.len())
}

fn csv_cells(r: &Row<'_>) -> Vec<String> {
    let opt = |s: Option<&str>| s.unwrap_or_default().to_string();
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut cells = vec![
        r.event_id.to_string(),
        r.story.to_string(),
        date(r.date),
        opt(r.date_basis),
        r.event_type.to_string(),
        opt(r.event_mode),
        r.cameo.to_string(),
        r.cameo_label.to_string(),
        opt(r.cameo_root),
        r.quad_class.map(|q| q.to_string()).unwrap_or_default(),
        r.goldstein.map(|g| g.to_string()).unwrap_or_default(),
    ];
    for a in [&r.source, &r.target] {
        cells.extend([
            a.actor_id.to_string(),
            a.name.to_string(),
            a.text.to_string(),
            opt(a.country),
            opt(a.sector),
            opt(a.cameo),
        ]);
    }
    cells.extend([
        r.mutual.to_string(),
        r.historical.to_string(),
        r.num_mentions.to_string(),
        r.num_sources.to_string(),
        r.num_independent.to_string(),
        r.num_articles.to_string(),
        date(r.first_report),
        date(r.last_report),
        opt(r.source_url.as_deref()),
        opt(r.date_conflicts.as_deref()),
        r.mentions.clone(),
    ]);
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_every_column() {
        let data = Dataset::default();
        assert!(rows(&data).expect("rows").is_empty());
        let a = EventActor {
            actor: sitrep_model::ActorId("country:XAN".into()),
            name: "Xandria".into(),
            span: sitrep_model::Span { start: 0, end: 7 },
            surface: "Xandria".into(),
            country: None,
            sector: None,
            cameo: None,
        };
        let row = Row {
            event_id: "e",
            story: "s",
            date: None,
            date_basis: None,
            event_type: "CONSULT",
            event_mode: None,
            cameo: "040",
            cameo_label: "Consult",
            cameo_root: Some("04"),
            quad_class: Some(1),
            goldstein: Some(1.0),
            source: ActorCols::of(&a),
            target: ActorCols::of(&a),
            mutual: true,
            historical: false,
            num_mentions: 0,
            num_sources: 0,
            num_independent: 0,
            num_articles: 0,
            first_report: None,
            last_report: None,
            source_url: None,
            date_conflicts: None,
            mentions: "[]".into(),
        };
        let cells = csv_cells(&row);
        assert_eq!(cells.len(), COLUMNS.len());
        assert_eq!(
            cells[COLUMNS.iter().position(|c| *c == "goldstein").unwrap_or(0)],
            "1"
        );
        assert_eq!(
            cells[COLUMNS.iter().position(|c| *c == "mutual").unwrap_or(0)],
            "true"
        );
    }
}
