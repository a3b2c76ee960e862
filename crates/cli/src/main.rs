//! `sitrep`: the command-line front of the pipeline. Glue only: parsing flags,
//! wiring readers to the store, printing results.

/// `println!` that returns the write error instead of panicking (a closed pipe,
/// as in `sitrep articles | head`, ends the command quietly).
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*)?
    }};
}

mod bench;
mod claims;
mod demo;
mod dictcode;
mod entities;
mod events;
mod export;
mod ingest;
mod lexicon;
mod serve;
mod show;
mod stories;
mod times;
mod train;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

/// sitrep: news articles in, a situation picture out.
#[derive(Parser, Debug)]
#[command(name = "sitrep", version, about, long_about = None)]
struct Cli {
    /// SQLite database to use [default: sitrep.db; for `demo`, a fresh sitrep-demo.db].
    #[arg(long, global = true, env = "SITREP_DB")]
    db: Option<PathBuf>,
    /// Log level for diagnostics on standard error (error, warn, info, debug).
    #[arg(long, global = true, default_value = "warn", env = "SITREP_LOG")]
    log: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read articles from files, directories, globs or `-` (stdin) into the database.
    Ingest {
        /// Inputs: .txt, .jsonl, .html, .rss/.atom/.xml, .warc (any of them .gz).
        #[arg(required = true)]
        paths: Vec<String>,
        /// Print the summary as JSON (the default when stdout is not a terminal).
        #[arg(long)]
        json: bool,
        /// Reader threads (default: number of cores).
        #[arg(long)]
        jobs: Option<usize>,
    },
    /// List stored articles.
    Articles {
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Show one article (full id or a unique prefix) with its sources.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Bring the full-text index up to date (search also does this itself).
    Index,
    /// People, countries, organisations and places each article mentions,
    /// resolved to one actor each.
    Entities {
        /// An article id or unique prefix.
        #[arg(required_unless_present = "all")]
        id: Option<String>,
        /// Every stored article.
        #[arg(long, conflicts_with = "id")]
        all: bool,
        /// One JSON object per article.
        #[arg(long)]
        json: bool,
    },
    /// Time expressions of an article (or all), normalised against its dateline.
    Times {
        /// An article id or unique prefix.
        #[arg(required_unless_present = "all")]
        id: Option<String>,
        /// Every stored article.
        #[arg(long, conflicts_with = "id")]
        all: bool,
        /// One JSON object per article.
        #[arg(long)]
        json: bool,
    },
    /// Figures each article states (killed, injured, missing, displaced…) with
    /// hedges, breakdowns, sides, places, who says so and as of when.
    Claims {
        /// An article id or unique prefix.
        #[arg(required_unless_present = "all")]
        id: Option<String>,
        /// Every stored article.
        #[arg(long, conflicts_with = "id")]
        all: bool,
        /// One JSON object per article.
        #[arg(long)]
        json: bool,
    },
    /// Code one sentence (or paragraph) into events, showing the pattern that matched.
    Code {
        text: String,
        /// The dateline to resolve its dates against (YYYY-MM-DD).
        #[arg(long)]
        date: Option<jiff::civil::Date>,
        #[arg(long)]
        json: bool,
        /// Code with your own PETRARCH-format dictionaries instead of sitrep's
        /// (with --actors and --agents; --discards optional).
        #[arg(long, requires_all = ["actors", "agents"])]
        verbs: Option<PathBuf>,
        #[arg(long, requires = "verbs")]
        actors: Option<PathBuf>,
        #[arg(long, requires = "verbs")]
        agents: Option<PathBuf>,
        #[arg(long, requires = "verbs")]
        discards: Option<PathBuf>,
        /// With --verbs: also print each word's tag and the actor groups found.
        #[arg(long, requires = "verbs")]
        explain: bool,
    },
    /// The events the stored articles tell: who did what to whom, when.
    Events {
        /// Actors whose id or name contains this (either side).
        #[arg(long)]
        actor: Option<String>,
        /// PLOVER type (CONSULT) or CAMEO code prefix (04).
        #[arg(long = "type")]
        kind: Option<String>,
        #[arg(long)]
        since: Option<jiff::civil::Date>,
        #[arg(long)]
        until: Option<jiff::civil::Date>,
        /// Also negated, hypothetical and future events (flagged).
        #[arg(long)]
        all: bool,
        /// Print at most N events.
        #[arg(long, value_name = "N")]
        limit: Option<u64>,
        /// Skip the first N events (with --limit: pages).
        #[arg(long, value_name = "N", default_value_t = 0)]
        offset: u64,
        /// Code every stored article again, not only those the current coder
        /// version has not coded (after changing patterns, lexicon or tagger).
        #[arg(long)]
        recode: bool,
        /// Only the events of this story's articles (`sitrep stories` lists them).
        #[arg(long)]
        story: Option<String>,
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[arg(long)]
        csv: bool,
    },
    /// Stories: stored articles grouped by what they tell (new articles join
    /// the stories found so far), with source counts and dates.
    Stories {
        /// One JSON object per story.
        #[arg(long)]
        json: bool,
    },
    /// The situation report of every story (or of one): who did what to whom
    /// with source counts, timeline, figures with sources and conflicts.
    Report {
        /// A story id (`sitrep stories` lists them).
        #[arg(long)]
        story: Option<String>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
    },
    /// Ingest files, then print the situation report: ingest + analyse + report.
    Run {
        #[arg(required = true)]
        paths: Vec<String>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
    },
    /// Full-text search over stored articles.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Ingest the embedded example corpus into a fresh database and summarise it.
    Demo {
        /// Then serve the demo database (API and web page) until Ctrl-C.
        #[arg(long)]
        serve: bool,
        #[command(flatten)]
        server: serve::ServeArgs,
    },
    /// Serve the API and the web page over the database: stories, events,
    /// actors, claims, articles, search, situation reports.
    Serve {
        #[command(flatten)]
        server: serve::ServeArgs,
    },
    /// Write every story's fused events as PLOVER JSON Lines, GDELT-style TSV
    /// (+ mentions), CSV, JSON Lines or Parquet (docs/FORMAT.md).
    Export {
        /// plover, gdelt, csv, jsonl or parquet.
        #[arg(long)]
        format: String,
        /// Output file (standard output for plover, csv and jsonl when left out).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Evaluate a pipeline stage against a data set; prints our figures beside published ones.
    Eval {
        #[command(subcommand)]
        task: sitrep_eval::Task,
    },
    /// Import PETRARCH / Phoenix dictionaries; look a name up on a date.
    Lexicon {
        #[command(subcommand)]
        what: lexicon::LexiconCommand,
    },
    /// Train a model from annotated data.
    Train {
        #[command(subcommand)]
        what: train::TrainCommand,
    },
    /// Measure throughput on a generated corpus.
    Bench {
        #[command(subcommand)]
        what: bench::BenchCommand,
    },
}

/// Formats of `sitrep report`.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum ReportFormat {
    Md,
    Html,
    Json,
}

impl From<ReportFormat> for sitrep_report::Format {
    fn from(f: ReportFormat) -> Self {
        match f {
            ReportFormat::Md => sitrep_report::Format::Markdown,
            ReportFormat::Html => sitrep_report::Format::Html,
            ReportFormat::Json => sitrep_report::Format::Json,
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_new(&cli.log)
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    match run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sitrep: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let tty = std::io::stdout().is_terminal();
    let db = cli.db.clone().unwrap_or_else(|| PathBuf::from("sitrep.db"));
    match cli.command {
        Command::Ingest { paths, json, jobs } => {
            let mut store = sitrep_store::Store::open(&db)?;
            let summary = ingest::run(&mut store, &paths, ingest::Options::new(jobs, tty))?;
            if json || !tty {
                outln!("{}", serde_json::to_string(&summary)?);
            } else {
                summary.print_human(&db)?;
            }
            Ok(exit_for(&summary))
        }
        Command::Articles { json } => {
            let store = sitrep_store::Store::open(&db)?;
            show::articles(&store, json, tty)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id, json } => {
            let store = sitrep_store::Store::open(&db)?;
            let article = store
                .article(&id)?
                .with_context(|| format!("no article with id {id:?} in {}", db.display()))?;
            show::article(&article, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Entities { id, all: _, json } => {
            let store = sitrep_store::Store::open(&db)?;
            entities::run(&store, id.as_deref(), json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Times { id, all: _, json } => {
            let store = sitrep_store::Store::open(&db)?;
            times::run(&store, id.as_deref(), json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Claims { id, all: _, json } => {
            let store = sitrep_store::Store::open(&db)?;
            claims::run(&store, id.as_deref(), json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Code {
            text,
            date,
            json,
            verbs,
            actors,
            agents,
            discards,
            explain,
        } => {
            match (verbs, actors, agents) {
                (Some(verbs), Some(actors), Some(agents)) => {
                    let paths = sitrep_petrarch::Paths {
                        verbs,
                        actors,
                        agents,
                        discards,
                    };
                    dictcode::run(&paths, &text, date, json, explain)?;
                }
                _ => events::code_text(&text, date, json)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Events {
            actor,
            kind,
            since,
            until,
            all,
            limit,
            offset,
            recode,
            story,
            json,
            csv,
        } => {
            let mut store = sitrep_store::Store::open(&db)?;
            let query = sitrep_store::EventQuery {
                actor,
                kind,
                since,
                until,
                include_flagged: all,
                limit,
                offset,
                story: story.clone(),
                doc: None,
            };
            let models = sitrep_pipeline::Models::shipped()?;
            if story.is_some() {
                // Stories must exist (and be up to date) to filter by one.
                sitrep_pipeline::update(&mut store, &models)?;
            }
            events::run(&mut store, &models, &query, recode, json, csv)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Index => {
            let store = sitrep_store::Store::open(&db)?;
            let started = std::time::Instant::now();
            let n = store.update_index()?;
            outln!(
                "indexed {n} article(s) in {:.2} s; {} article(s) in {}",
                started.elapsed().as_secs_f64(),
                store.counts()?.articles,
                db.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Stories { json } => {
            let mut store = sitrep_store::Store::open(&db)?;
            stories::run(&mut store, &sitrep_pipeline::Models::shipped()?, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Report { story, format } => {
            let mut store = sitrep_store::Store::open(&db)?;
            let models = sitrep_pipeline::Models::shipped()?;
            stories::report(&mut store, &models, story.as_deref(), format.into())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Run { paths, format } => {
            let mut store = sitrep_store::Store::open(&db)?;
            let summary = ingest::run(&mut store, &paths, ingest::Options::new(None, false))?;
            if summary.rejected > 0 {
                eprintln!(
                    "sitrep: {} input(s) rejected (see above); the rest goes on",
                    summary.rejected
                );
            }
            let models = sitrep_pipeline::Models::shipped()?;
            stories::report(&mut store, &models, None, format.into())?;
            Ok(exit_for(&summary))
        }
        Command::Search { query, limit, json } => {
            let store = sitrep_store::Store::open(&db)?;
            show::search(&store, &query, limit, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { serve, server } => {
            let (code, path) = demo::run(cli.db.as_deref(), tty)?;
            if serve {
                serve::run(&path, &server)?;
            }
            Ok(code)
        }
        Command::Serve { server } => {
            anyhow::ensure!(
                db.exists(),
                "no database at {}: ingest articles first (`sitrep ingest`) or run `sitrep demo --serve`",
                db.display()
            );
            serve::run(&db, &server)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { format, out } => {
            let mut store = sitrep_store::Store::open(&db)?;
            export::run(&mut store, &format, out.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { task } => {
            let report = sitrep_eval::run(task)?;
            outln!("{}", report.render().trim_end());
            Ok(if report.passed() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Lexicon { what } => lexicon::run(what, &db),
        Command::Train { what } => {
            train::run(what)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench { what } => {
            bench::run(what)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Whether an error is standard output closed by its reader.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// 0 when every input was read, 1 when some were rejected.
fn exit_for(summary: &ingest::Summary) -> ExitCode {
    if summary.rejected == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
