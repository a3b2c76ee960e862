//! The evaluation harness: each task reads a data set from a path (by default
//! under `../shared/`), runs the matching pipeline stage, prints a table with
//! our figures beside published reference figures, checks its gates, and can
//! write its predictions to a file.
//!
//! Main types: [`Task`] (the `sitrep eval` subcommands), [`Report`] (rows and
//! gates of one run).

pub mod case;
pub mod cluster;
pub mod entities;
pub mod ingest;
pub mod ner;
pub mod petrarch;
pub mod plover;
pub mod quant;
mod report;
pub mod time;

use std::path::{Path, PathBuf};

pub use report::{Gate, Report, Row};

/// Errors of the harness.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("data set not found at {path}: {hint}")]
    MissingData { path: PathBuf, hint: &'static str },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: bad gold file: {detail}")]
    Gold { path: String, detail: String },
    #[error("writing predictions: {0}")]
    Json(#[from] serde_json::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

/// `sitrep eval <task>`.
#[derive(clap::Subcommand, Debug)]
pub enum Task {
    /// Ingestion of the seed reports: articles, datelines, outlets, titles,
    /// boilerplate lines removed.
    Ingest {
        /// Directory of seed reports.
        #[arg(long, default_value = "../shared/corpus/seeds")]
        seeds: PathBuf,
        /// Gold facts (TOML); default: the file shipped in crates/eval/data.
        #[arg(long)]
        gold: Option<PathBuf>,
        /// Write one JSON line per article read.
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
    /// Actor resolution on the seed reports: who each name must be.
    Entities {
        /// Directory of seed reports.
        #[arg(long, default_value = "../shared/corpus/seeds")]
        seeds: PathBuf,
        /// Write each article's mentions and actors as one JSON line.
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
    /// The temporal tagger on TimeML files (TempEval-3 scoring).
    Time {
        /// Directory of .tml files (searched recursively).
        #[arg(long, default_value = "../shared/eval/tempeval3/Training/TBAQ-cleaned")]
        timeml: PathBuf,
        /// Write one JSON line per document with the predicted expressions.
        #[arg(long)]
        predictions: Option<PathBuf>,
        /// Value F1 the gate asks for (the target, 85, by default; CI
        /// runs it as a regression floor at the figure reached).
        #[arg(long, default_value_t = time::GATE)]
        min_value_f1: f64,
    },
    /// The event coder on the PLOVER gold-standard records (type accuracy,
    /// actor-code accuracy).
    Plover {
        #[arg(long, default_value = "../shared/eval/plover/PLOVER_GSR_CAMEO.json")]
        gsr: PathBuf,
        /// Write one JSON line per record: id, event, source, target.
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
    /// ACLED sub-event types on the CASE 2021 task 2 snippets (weighted F1,
    /// macro F1, accuracy).
    Case {
        /// Tab-separated `id`, `EventSnippet`, `SubType` with a header.
        #[arg(long, default_value = "../shared/eval/case2021/events.tsv")]
        tsv: PathBuf,
        /// Write one JSON line per row: id, type.
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
    /// PETRARCH's unit-test records coded from their text with the
    /// dictionaries their `<Environment>` names (records coded exactly, per
    /// category).
    Petrarch {
        #[arg(
            long,
            default_value = "../shared/eval/petrarch/PETR.UnitTest.records.xml"
        )]
        records: PathBuf,
        /// Write one JSON line per record: id, events [{source, target, code}].
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
    /// Quantities on NewsQuant sentences (value F1, value+unit F1, change accuracy).
    Quant {
        /// NewsQuant.json: a list of `{text, quantities}`.
        #[arg(long, default_value = "../shared/eval/newsquant/NewsQuant.json")]
        newsquant: PathBuf,
        /// Write one JSON line per sentence with the predicted quantities.
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
    /// Online story clustering on a short-text stream set (NMI, ARI,
    /// B-cubed F1, clusters found).
    Cluster {
        /// JSON lines `{"Id", "clusterNo", "textCleaned"}`.
        #[arg(long, default_value = "../shared/eval/clustering/google-news.jsonl")]
        jsonl: PathBuf,
        /// Write one JSON line per document: Id, cluster (online result).
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
    /// The tagger's named entities on a CoNLL-2003 file (conlleval scoring).
    Ner {
        /// CoNLL-2003 file (`word POS chunk NER` per line).
        #[arg(long, default_value = "../shared/eval/conll2003/valid.txt")]
        conll: PathBuf,
        /// A model file to score instead of the shipped one.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Write `token gold predicted` lines (conlleval input).
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
}

/// The predictions file, created when one is asked for.
pub(crate) fn create_predictions(
    path: Option<&Path>,
) -> Result<Option<std::io::BufWriter<std::fs::File>>> {
    path.map(|p| {
        std::fs::File::create(p)
            .map(std::io::BufWriter::new)
            .map_err(|source| Error::Io {
                path: p.to_path_buf(),
                source,
            })
    })
    .transpose()
}

/// A shipped model or table (`what`: "resolver", "dictionary"…) that did not
/// load, as an error naming it.
pub(crate) fn shipped<T, E: std::fmt::Display>(
    what: &str,
    loaded: std::result::Result<T, E>,
) -> Result<T> {
    loaded.map_err(|e| Error::Gold {
        path: what.into(),
        detail: e.to_string(),
    })
}

/// Runs a task and returns its report (the caller prints it).
pub fn run(task: Task) -> Result<Report> {
    let report = match task {
        Task::Ingest {
            seeds,
            gold,
            predictions,
        } => ingest::run(&seeds, gold.as_deref(), predictions.as_deref())?,
        Task::Entities { seeds, predictions } => entities::run(&seeds, predictions.as_deref())?,
        Task::Time {
            timeml,
            predictions,
            min_value_f1,
        } => time::run(&timeml, predictions.as_deref(), min_value_f1)?,
        Task::Plover { gsr, predictions } => plover::run(&gsr, predictions.as_deref())?,
        Task::Petrarch {
            records,
            predictions,
        } => petrarch::run(&records, predictions.as_deref())?,
        Task::Case { tsv, predictions } => case::run(&tsv, predictions.as_deref())?,
        Task::Quant {
            newsquant,
            predictions,
        } => quant::run(&newsquant, predictions.as_deref())?,
        Task::Cluster { jsonl, predictions } => cluster::run(&jsonl, predictions.as_deref())?,
        Task::Ner {
            conll,
            model,
            predictions,
        } => ner::run(&conll, model.as_deref(), predictions.as_deref())?,
    };
    Ok(report)
}
