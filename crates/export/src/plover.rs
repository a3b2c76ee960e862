//! The `plover` export: one JSON object per line per fused event, with the
//! field names of the PLOVER/POLECAT event data (`event_id`, `event_date`,
//! `event_type`, `event_mode`, `event_text`, source and target actors,
//! `source_articles`) and sitrep's own fields after them. Every record has every
//! key, in the order of [`PloverRecord`]; an unknown value is `null`.

use std::io::Write;

use jiff::civil::Date;
use serde::Serialize;
use sitrep_model::{DateBasis, DateClaim, FusedEvent};

use crate::table::{mentions, source_url, ActorCols, Mention};
use crate::{cameo, Dataset, Result};

/// One side of an event: the same fields as the flat table's.
pub type PloverActor<'a> = ActorCols<'a>;

/// One line of the `plover` export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PloverRecord<'a> {
    /// The fused event's stable id.
    pub event_id: &'a str,
    /// The event's day, `YYYY-MM-DD`.
    pub event_date: Option<Date>,
    /// PLOVER event type (`CONSULT`, `ASSAULT`).
    pub event_type: &'a str,
    /// PLOVER mode of the type.
    pub event_mode: Option<&'a str>,
    /// The words of the first report that say what happened.
    pub event_text: Option<&'a str>,
    pub source_actor: PloverActor<'a>,
    pub target_actor: PloverActor<'a>,
    /// Always `null`: fused events carry no place yet.
    pub location: Option<&'a str>,
    /// Every report, first first.
    pub source_articles: Vec<Mention<'a>>,
    /// The first report's URL, else its `sitrep://doc/<id>` link.
    pub source_url: Option<String>,
    /// sitrep extras from here on.
    pub story: &'a str,
    pub cameo: &'a str,
    pub cameo_label: &'a str,
    pub quad_class: Option<u8>,
    pub goldstein: Option<f64>,
    pub mutual: bool,
    pub date_basis: Option<&'static str>,
    pub date_conflicts: &'a [DateClaim],
    pub historical: bool,
    pub num_mentions: usize,
    pub num_sources: usize,
    /// Reports once near-duplicate copies count as one.
    pub num_independent: usize,
    pub num_articles: usize,
    pub first_report: Option<Date>,
    pub last_report: Option<Date>,
}

/// The record of one fused event.
pub fn record<'a>(data: &'a Dataset, story: &'a str, e: &'a FusedEvent) -> PloverRecord<'a> {
    PloverRecord {
        event_id: &e.id,
        event_date: e.date,
        event_type: &e.plover,
        event_mode: e.mode.as_deref(),
        event_text: e.reports.first().map(|r| r.trigger.surface.as_str()),
        source_actor: PloverActor::of(&e.source),
        target_actor: PloverActor::of(&e.target),
        location: None,
        source_articles: mentions(data, e),
        source_url: source_url(data, e),
        story,
        cameo: &e.cameo,
        cameo_label: &e.label,
        quad_class: cameo::quad_class(&e.cameo).map(|q| q.number()),
        goldstein: cameo::goldstein(&e.cameo),
        mutual: e.mutual,
        date_basis: e.date_basis.map(DateBasis::as_str),
        date_conflicts: &e.date_conflicts,
        historical: e.historical,
        num_mentions: e.reports.len(),
        num_sources: e.num_sources,
        num_independent: e.num_independent,
        num_articles: e.num_articles,
        first_report: e.first_report,
        last_report: e.last_report,
    }
}

/// Writes one [`PloverRecord`] per line; returns the number of records.
pub fn write_plover<W: Write>(data: &Dataset, mut w: W) -> Result<usize> {
    cameo::check_table()?;
    let rows = data.sorted();
    for (story, e) in &rows {
        serde_json::to_writer(&mut w, &record(data, story, e))?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    Ok(rows.len())
}
