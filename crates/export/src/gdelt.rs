//! The `gdelt` export: GDELT 2.0's event table (61 columns, [`EVENT_COLUMNS`])
//! and mentions table (16 columns, [`MENTION_COLUMNS`]), tab-separated, one line
//! per row ending in `\n`, no header row unless asked for (GDELT's own files have
//! none). Columns sitrep has nothing for are empty.
//!
//! Text cells never hold a tab or line break: tabs, carriage returns, line feeds
//! and other control characters are each replaced by one space.

use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use sitrep_model::{EventActor, FusedEvent};

use crate::table::source_url;
use crate::{cameo, doc_link, Dataset, Error, Result};

/// GDELT 2.0 event table columns, in file order.
pub const EVENT_COLUMNS: [&str; 61] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// GDELT 2.0 mentions table columns, in file order.
pub const MENTION_COLUMNS: [&str; 16] = [
    "GlobalEventID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];

/// Where the mentions table of an events file goes: the events path with its
/// last extension replaced by `.mentions.tsv` (`out/events.tsv` →
/// `out/events.mentions.tsv`; `gdelt` → `gdelt.mentions.tsv`).
pub fn mentions_path(events: &Path) -> Result<PathBuf> {
    let stem = events
        .file_stem()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Error::BadPath(events.to_path_buf()))?;
    let mut name = stem.to_os_string();
    name.push(".mentions.tsv");
    Ok(events.with_file_name(name))
}

/// GlobalEventID: a stable positive integer below 2^63 — the first 8 bytes of
/// the BLAKE3 hash of `<story>\x1f<event id>`, big-endian, top bit cleared.
pub fn global_event_id(story: &str, event_id: &str) -> u64 {
    let hash = blake3::hash(format!("{story}\u{1f}{event_id}").as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_be_bytes(bytes) & (u64::MAX >> 1)
}

/// Replaces tabs, line breaks and other control characters with one space each.
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// `YYYYMMDD`.
fn day(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// `YYYYMMDD000000`: GDELT's 14-digit timestamps, for a day.
fn timestamp(d: Option<Date>) -> String {
    d.map(|d| format!("{}000000", day(d))).unwrap_or_default()
}

/// GDELT's FractionDate: year + ((month − 1) × 30 + day) / 365, four decimals.
fn fraction_date(d: Date) -> String {
    let f = (f64::from(d.month() - 1) * 30.0 + f64::from(d.day())) / 365.0;
    format!("{:.4}", f64::from(d.year()) + f)
}

fn actor_cells(a: &EventActor, cells: &mut Vec<String>) {
    let code = a.cameo.as_deref().unwrap_or_default();
    cells.push(clean(code));
    cells.push(clean(&a.name));
    cells.push(clean(a.country.as_deref().unwrap_or_default()));
    // KnownGroup, Ethnic, Religion1, Religion2.
    cells.extend(std::iter::repeat_n(String::new(), 4));
    cells.push(clean(a.sector.as_deref().unwrap_or_default()));
    // Type2, Type3.
    cells.extend(std::iter::repeat_n(String::new(), 2));
}

/// The cells of one event row, [`EVENT_COLUMNS`] order.
pub fn event_cells(data: &Dataset, story: &str, e: &FusedEvent) -> Vec<String> {
    let mut c = Vec::with_capacity(EVENT_COLUMNS.len());
    c.push(global_event_id(story, &e.id).to_string());
    match e.date {
        Some(d) => c.extend([
            day(d),
            format!("{:04}{:02}", d.year(), d.month()),
            format!("{:04}", d.year()),
            fraction_date(d),
        ]),
        None => c.extend(std::iter::repeat_n(String::new(), 4)),
    }
    actor_cells(&e.source, &mut c);
    actor_cells(&e.target, &mut c);
    let root_event = e.reports.iter().any(|r| r.sentence == 0);
    c.push(u8::from(root_event).to_string());
    let valid = cameo::root_code(&e.cameo).is_some();
    c.push(if valid {
        clean(&e.cameo)
    } else {
        String::new()
    });
    c.push(cameo::base_code(&e.cameo).map(clean).unwrap_or_default());
    c.push(cameo::root_code(&e.cameo).map(clean).unwrap_or_default());
    c.push(
        cameo::quad_class(&e.cameo)
            .map(|q| q.number().to_string())
            .unwrap_or_default(),
    );
    c.push(
        cameo::goldstein(&e.cameo)
            .map(|g| format!("{g:.1}"))
            .unwrap_or_default(),
    );
    c.push(e.reports.len().to_string());
    c.push(e.num_sources.to_string());
    c.push(e.num_articles.to_string());
    // AvgTone, then 3 × 8 geo columns.
    c.extend(std::iter::repeat_n(String::new(), 1 + 24));
    c.push(timestamp(dateadded(data, e)));
    c.push(source_url(data, e).map(|u| clean(&u)).unwrap_or_default());
    c
}

/// DATEADDED: the latest dateline of the event's reports.
fn dateadded(data: &Dataset, e: &FusedEvent) -> Option<Date> {
    e.reports
        .iter()
        .filter_map(|r| data.dateline(r))
        .max()
        .or(e.last_report)
}

/// The cells of the mention rows of one event, [`MENTION_COLUMNS`] order.
pub fn mention_cells(data: &Dataset, story: &str, e: &FusedEvent) -> Vec<Vec<String>> {
    let id = global_event_id(story, &e.id).to_string();
    let event_time = timestamp(dateadded(data, e));
    e.reports
        .iter()
        .enumerate()
        .map(|(i, r)| {
            // The event's actors are those of its first report.
            let offset = |a: &EventActor| {
                if i == 0
                    && r.sentence_span.start <= a.span.start
                    && a.span.end <= r.sentence_span.end
                {
                    a.span.start.to_string()
                } else {
                    "-1".to_string()
                }
            };
            let identifier = data.url(r).map_or_else(|| doc_link(&r.doc), str::to_string);
            let mut c = vec![
                id.clone(),
                event_time.clone(),
                timestamp(data.dateline(r)),
                "1".to_string(),
                clean(data.outlet(r).unwrap_or_default()),
                clean(&identifier),
                (u64::from(r.sentence) + 1).to_string(),
                offset(&e.source),
                offset(&e.target),
                r.trigger.span.start.to_string(),
            ];
            // InRawText, Confidence, DocLen, DocTone, TranslationInfo, Extras.
            c.extend(std::iter::repeat_n(String::new(), 6));
            c
        })
        .collect()
}

fn write_line<W: Write>(w: &mut W, cells: &[impl AsRef<str>]) -> Result<()> {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            w.write_all(b"\t")?;
        }
        w.write_all(cell.as_ref().as_bytes())?;
    }
    w.write_all(b"\n")?;
    Ok(())
}

/// Writes the events table; returns the number of rows (header not counted).
pub fn write_events<W: Write>(data: &Dataset, mut w: W, header: bool) -> Result<usize> {
    cameo::check_table()?;
    if header {
        write_line(&mut w, &EVENT_COLUMNS)?;
    }
    let rows = data.sorted();
    for (story, e) in &rows {
        write_line(&mut w, &event_cells(data, story, e))?;
    }
    w.flush()?;
    Ok(rows.len())
}

/// Writes the mentions table, one row per report of every event in event
/// order; returns the number of rows (header not counted).
pub fn write_mentions<W: Write>(data: &Dataset, mut w: W, header: bool) -> Result<usize> {
    if header {
        write_line(&mut w, &MENTION_COLUMNS)?;
    }
    let mut n = 0;
    for (story, e) in data.sorted() {
        for cells in mention_cells(data, story, e) {
            write_line(&mut w, &cells)?;
            n += 1;
        }
    }
    w.flush()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_gdelt_forms() {
        let d = jiff::civil::date(2015, 2, 18);
        assert_eq!(day(d), "20150218");
        assert_eq!(fraction_date(d), "2015.1315");
        assert_eq!(timestamp(Some(d)), "20150218000000");
        assert_eq!(timestamp(None), "");
    }

    #[test]
    fn mentions_path_replaces_the_extension() {
        let p = mentions_path(Path::new("out/events.tsv")).expect("path");
        assert_eq!(p, Path::new("out/events.mentions.tsv"));
        let p = mentions_path(Path::new("gdelt")).expect("path");
        assert_eq!(p, Path::new("gdelt.mentions.tsv"));
        assert!(mentions_path(Path::new("/")).is_err());
    }

    #[test]
    fn ids_are_stable_and_positive() {
        let a = global_event_id("story-0001", "abc");
        assert_eq!(a, global_event_id("story-0001", "abc"));
        assert_ne!(a, global_event_id("story-0002", "abc"));
        assert!(i64::try_from(a).is_ok());
    }

    #[test]
    fn clean_removes_tabs_and_breaks() {
        assert_eq!(clean("a\tb\nc\r\nd"), "a b c  d");
    }
}
