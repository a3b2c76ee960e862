//! sitrep's exports: the fused event table in the formats event-data users read.
//!
//! A [`Dataset`] is the fused events of every story (each with its story id) and
//! what is known of the articles that report them ([`ArticleMeta`]). [`write()`]
//! writes it in one [`Format`] to a path and says what it wrote ([`Written`]):
//!
//! * [`Format::Plover`] — PLOVER/POLECAT-style JSON Lines, one record per fused
//!   event ([`plover`]);
//! * [`Format::Gdelt`] — GDELT 2.0 event and mentions tables, tab-separated, no
//!   header by default ([`gdelt`]); the mentions file sits beside the events file
//!   ([`gdelt::mentions_path`]);
//! * [`Format::Csv`] — one flat row per fused event with a header row ([`table`]);
//! * [`Format::Jsonl`] — the `FusedEvent` JSON plus its `story`, one per line;
//! * [`Format::Parquet`] — the flat table of the CSV, typed ([`parquet`]).
//!
//! Every format holds one row or record per fused event in the same order: by
//! date (undated last), then story, then event id. Nothing depends on the clock,
//! so the same dataset always gives byte-identical files. Writer functions that
//! take any [`std::io::Write`] exist for every single-file format. The columns and
//! fields are documented in `docs/FORMAT.md` ("Exports"), version
//! [`EXPORT_VERSION`].
//!
//! The crate prints nothing and does no I/O beyond the files it is asked to write.

pub mod gdelt;
pub mod parquet;
pub mod plover;
pub mod table;

mod cameo;

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use jiff::civil::Date;
use serde::Serialize;
use sitrep_model::{DocId, EventReport, FusedEvent};

pub use cameo::{goldstein, quad_class, QuadClass};

/// Version of the export formats documented in `docs/FORMAT.md` ("Exports").
/// Bumped on any change a reader of old exports would notice.
pub const EXPORT_VERSION: u32 = 2;

/// What is known of one article beyond what its reports carry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleMeta {
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub dateline: Option<Date>,
}

/// The event table to export: fused events with their story ids, and the
/// articles that report them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    /// `(story id, fused event)`, in any order: writers sort.
    pub events: Vec<(String, FusedEvent)>,
    pub articles: BTreeMap<DocId, ArticleMeta>,
}

impl Dataset {
    /// The events in export order: date (undated last), story, event id.
    pub fn sorted(&self) -> Vec<(&str, &FusedEvent)> {
        let mut rows: Vec<(&str, &FusedEvent)> = self
            .events
            .iter()
            .map(|(story, event)| (story.as_str(), event))
            .collect();
        rows.sort_by(|a, b| {
            (a.1.date.is_none(), a.1.date, a.0, a.1.id.as_str()).cmp(&(
                b.1.date.is_none(),
                b.1.date,
                b.0,
                b.1.id.as_str(),
            ))
        });
        rows
    }

    /// The article of a report, when known.
    pub fn article(&self, doc: &DocId) -> Option<&ArticleMeta> {
        self.articles.get(doc)
    }

    /// A report's outlet: its own, else its article's.
    pub fn outlet<'a>(&'a self, report: &'a EventReport) -> Option<&'a str> {
        report
            .outlet
            .as_deref()
            .or_else(|| self.article(&report.doc)?.outlet.as_deref())
    }

    /// A report's dateline: its own, else its article's.
    pub fn dateline(&self, report: &EventReport) -> Option<Date> {
        report
            .dateline
            .or_else(|| self.article(&report.doc)?.dateline)
    }

    /// A report's article URL, when known.
    pub fn url(&self, report: &EventReport) -> Option<&str> {
        self.article(&report.doc)?.url.as_deref()
    }
}

/// The link of an article without a URL: `sitrep://doc/<id>`.
pub fn doc_link(doc: &DocId) -> String {
    format!("sitrep://doc/{}", doc.as_str())
}

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Plover,
    Gdelt,
    Csv,
    Jsonl,
    Parquet,
}

impl Format {
    /// Every format, in the order the command line lists them.
    pub const ALL: [Format; 5] = [
        Format::Plover,
        Format::Gdelt,
        Format::Csv,
        Format::Jsonl,
        Format::Parquet,
    ];

    /// The name used on the command line (`plover`, `gdelt`, `csv`, `jsonl`,
    /// `parquet`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Plover => "plover",
            Format::Gdelt => "gdelt",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Parquet => "parquet",
        }
    }

    /// Whether the format is one stream that [`write_to`] can write (all but
    /// GDELT, which is two files).
    pub fn is_stream(self) -> bool {
        self != Format::Gdelt
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = Error;

    /// Case-insensitive; `json-lines`/`ndjson` for `jsonl`, `tsv` for `gdelt`.
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "plover" => Ok(Format::Plover),
            "gdelt" | "tsv" => Ok(Format::Gdelt),
            "csv" => Ok(Format::Csv),
            "jsonl" | "json-lines" | "ndjson" => Ok(Format::Jsonl),
            "parquet" => Ok(Format::Parquet),
            _ => Err(Error::UnknownFormat(s.to_string())),
        }
    }
}

/// Choices that change an export's bytes; the defaults are what [`write()`] uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Write a header row of column names in the GDELT files (GDELT's own files
    /// have none). Default: no header.
    pub gdelt_header: bool,
}

/// One file an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenFile {
    pub path: PathBuf,
    /// Data rows or records (header rows not counted).
    pub rows: usize,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub format: Format,
    /// The main file first (GDELT: events, then mentions).
    pub files: Vec<WrittenFile>,
}

impl Written {
    /// Rows of the main file: the number of fused events exported.
    pub fn events(&self) -> usize {
        self.files.first().map_or(0, |f| f.rows)
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("unknown export format {0:?} (expected plover, gdelt, csv, jsonl or parquet)")]
    UnknownFormat(String),
    #[error("the {0} export is more than one file: give an output path")]
    NotAStream(Format),
    #[error("{}: not a file path", .0.display())]
    BadPath(PathBuf),
    #[error("{}: {source}", path.display())]
    File {
        path: PathBuf,
        #[source]
        source: Box<Error>,
    },
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("Arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    #[error("Parquet: {0}")]
    Parquet(#[from] ::parquet::errors::ParquetError),
    #[error("the crate's CAMEO table: {0}")]
    Table(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Writes `data` in `format` to `out` with the default [`Options`].
pub fn write(format: Format, data: &Dataset, out: &Path) -> Result<Written> {
    write_with(format, data, out, &Options::default())
}

/// Writes `data` in `format` to `out` (GDELT: also [`gdelt::mentions_path`]).
/// Each file is written to a temporary file beside it and renamed into place,
/// so a failed export leaves no half-written file.
pub fn write_with(
    format: Format,
    data: &Dataset,
    out: &Path,
    options: &Options,
) -> Result<Written> {
    let mut files = Vec::new();
    if format == Format::Gdelt {
        let mentions = gdelt::mentions_path(out)?;
        let rows = to_file(out, |w| gdelt::write_events(data, w, options.gdelt_header))?;
        files.push(WrittenFile {
            path: out.to_path_buf(),
            rows,
        });
        let rows = to_file(&mentions, |w| {
            gdelt::write_mentions(data, w, options.gdelt_header)
        })?;
        files.push(WrittenFile {
            path: mentions,
            rows,
        });
    } else {
        let rows = to_file(out, |w| write_to(format, data, w))?;
        files.push(WrittenFile {
            path: out.to_path_buf(),
            rows,
        });
    }
    Ok(Written { format, files })
}

/// Writes a single-stream format to `w` and returns the number of records.
/// GDELT is two files: use [`gdelt::write_events`] and [`gdelt::write_mentions`].
pub fn write_to<W: Write + Send>(format: Format, data: &Dataset, w: W) -> Result<usize> {
    match format {
        Format::Plover => plover::write_plover(data, w),
        Format::Gdelt => Err(Error::NotAStream(Format::Gdelt)),
        Format::Csv => table::write_csv(data, w),
        Format::Jsonl => write_jsonl(data, w),
        Format::Parquet => parquet::write_parquet(data, w),
    }
}

/// The `jsonl` export: each fused event's JSON (`docs/FORMAT.md`, FusedEvent)
/// with its `story` first, one per line.
pub fn write_jsonl<W: Write>(data: &Dataset, mut w: W) -> Result<usize> {
    #[derive(Serialize)]
    struct Line<'a> {
        story: &'a str,
        #[serde(flatten)]
        event: &'a FusedEvent,
    }
    let rows = data.sorted();
    for (story, event) in &rows {
        serde_json::to_writer(&mut w, &Line { story, event })?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    Ok(rows.len())
}

/// Runs `f` on a temporary file beside `path` (`.<name>.tmp`), then renames
/// it to `path`; on failure the temporary file is removed.
fn to_file(
    path: &Path,
    f: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<usize>,
) -> Result<usize> {
    let in_file = |source: Error| Error::File {
        path: path.to_path_buf(),
        source: Box::new(source),
    };
    let Some(name) = path.file_name() else {
        return Err(Error::BadPath(path.to_path_buf()));
    };
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(".tmp");
    let tmp = path.with_file_name(tmp_name);
    let result = (|| {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        let rows = f(&mut w)?;
        let file = w.into_inner().map_err(|e| Error::Io(e.into_error()))?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        Ok(rows)
    })();
    if result.is_err() {
        // Best effort: the error that matters is the one returned.
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(in_file)
}
