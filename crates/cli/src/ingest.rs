//! `sitrep ingest`: readers on worker threads, one writer committing batches to
//! the store in input order, so the database is the same however the work is
//! scheduled and a killed run can simply be run again.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use sitrep_ingest::{collect_inputs, read_input, Article, Input, ReadEvent, ReadOptions};
use sitrep_store::{Outcome, Store};

/// Articles per store transaction.
const BATCH_ARTICLES: usize = 2048;
/// Text bytes per store transaction.
const BATCH_BYTES: usize = 32 << 20;

#[derive(Clone)]
pub struct Options {
    pub jobs: usize,
    pub progress: bool,
    pub read: ReadOptions,
    /// Print each rejection on standard error as it happens.
    pub report_rejections: bool,
}

impl Options {
    pub fn new(jobs: Option<usize>, progress: bool) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self {
            jobs: jobs.unwrap_or(cores).max(1),
            progress,
            read: ReadOptions::default(),
            report_rejections: true,
        }
    }
}

/// What an ingest did, counted.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Inputs (files, stdin, embedded files) read.
    pub inputs: usize,
    /// Bytes of input files (as stored on disk).
    pub input_bytes: u64,
    /// New articles stored.
    pub accepted: usize,
    /// Articles whose text was already stored from another source: stored once,
    /// this source added.
    pub duplicate: usize,
    /// Articles already stored from this very source (a re-run).
    pub already_stored: usize,
    /// Files or records rejected, with the reasons counted.
    pub rejected: usize,
    pub rejected_by_reason: BTreeMap<String, usize>,
    /// Records passed over by design (non-HTML WARC responses…).
    pub skipped: usize,
    pub skipped_by_reason: BTreeMap<String, usize>,
    /// Every rejection, one line each.
    pub rejections: Vec<String>,
    /// Articles and sources in the database afterwards.
    pub stored_articles: u64,
    pub stored_sources: u64,
    /// Stored articles the full-text index has yet to take in (the next
    /// `search` or `sitrep index` does it).
    pub unindexed: u64,
}

impl Summary {
    pub fn print_human(&self, db: &Path) -> anyhow::Result<()> {
        outln!(
            "{} input(s), {:.1} MB → {} new article(s), {} duplicate(s) stored once, {} already stored, {} rejected, {} skipped",
            self.inputs,
            self.input_bytes as f64 / 1e6,
            self.accepted,
            self.duplicate,
            self.already_stored,
            self.rejected,
            self.skipped
        );
        for (reason, n) in &self.rejected_by_reason {
            outln!("  rejected {reason}: {n}");
        }
        for (reason, n) in &self.skipped_by_reason {
            outln!("  skipped {reason}: {n}");
        }
        outln!(
            "{}: {} article(s), {} source(s){}",
            db.display(),
            self.stored_articles,
            self.stored_sources,
            if self.unindexed > 0 {
                format!(
                    "; {} to add to the full-text index (next search, or `sitrep index`)",
                    self.unindexed
                )
            } else {
                String::new()
            }
        );
        Ok(())
    }
}

/// Events of one input, sent in chunks; `done` on the last chunk of the input.
struct Message {
    input: usize,
    events: Vec<ReadEvent>,
    done: bool,
}

/// Events a reader sends at a time (one wake-up of the writer per chunk).
const CHUNK_EVENTS: usize = 64;

/// Reads every input named by `paths` into `store`.
pub fn run(store: &mut Store, paths: &[String], opts: Options) -> anyhow::Result<Summary> {
    let (inputs, errors) = collect_inputs(paths);
    let mut summary = Summary::default();
    for e in errors {
        summary.reject(&e, opts.report_rejections);
    }
    run_inputs(store, &inputs, &opts, &mut summary)?;
    summary.record_store(store)?;
    Ok(summary)
}

fn input_size(input: &Input) -> u64 {
    match input {
        Input::File { path, .. } => std::fs::metadata(path).map_or(0, |m| m.len()),
        Input::Bytes { bytes, .. } => bytes.len() as u64,
        Input::Stdin => 0,
    }
}

/// Reads `inputs` on `opts.jobs` threads (each takes the next input in order),
/// and writes their articles in input order from this thread.
pub fn run_inputs(
    store: &mut Store,
    inputs: &[Input],
    opts: &Options,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let sizes: Vec<u64> = inputs.iter().map(input_size).collect();
    summary.inputs += inputs.len();
    summary.input_bytes += sizes.iter().sum::<u64>();
    let (tx, rx) = crossbeam_channel::bounded::<Message>(4096);
    let bar = progress_bar(opts.progress, sizes.iter().sum());
    let mut writer = Writer::new(store, bar.clone());
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let sender = tx.clone();
        spawn_readers(scope, inputs, opts.jobs, move |i, input| {
            let mut events = Vec::new();
            read_input(input, &opts.read, &mut |event| {
                events.push(event);
                if events.len() >= CHUNK_EVENTS {
                    let events = std::mem::take(&mut events);
                    let _ = sender.send(Message {
                        input: i,
                        events,
                        done: false,
                    });
                }
            });
            sender
                .send(Message {
                    input: i,
                    events,
                    done: true,
                })
                .is_ok()
        });
        drop(tx);
        // Reorder: events of input `current` are handled at once, later inputs'
        // events wait until every earlier input is done.
        let mut current = 0usize;
        let mut waiting: HashMap<usize, Vec<ReadEvent>> = HashMap::new();
        let mut finished: HashMap<usize, bool> = HashMap::new();
        for Message {
            input,
            events,
            done,
        } in rx
        {
            if input == current {
                for event in events {
                    writer.handle(event, summary, opts)?;
                }
            } else {
                waiting.entry(input).or_default().extend(events);
            }
            if done {
                finished.insert(input, true);
            }
            while finished.remove(&current).is_some() {
                bar.inc(sizes.get(current).copied().unwrap_or(0));
                current += 1;
                for event in waiting.remove(&current).unwrap_or_default() {
                    writer.handle(event, summary, opts)?;
                }
            }
            bar.set_message(format!("{} articles", summary.accepted + summary.duplicate));
        }
        writer.flush(summary)?;
        Ok(())
    })?;
    bar.finish_and_clear();
    Ok(())
}

/// Starts `jobs` reader threads in `scope`. Each takes the next input in order
/// (so at most `jobs` inputs are in flight) and calls `work` on it; `work`
/// returning false stops that thread.
pub fn spawn_readers<'scope, 'env, F>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    inputs: &'env [Input],
    jobs: usize,
    work: F,
) where
    F: Fn(usize, &'env Input) -> bool + Send + Sync + 'scope,
{
    let next = Arc::new(AtomicUsize::new(0));
    let work = Arc::new(work);
    for _ in 0..jobs.min(inputs.len()).max(1) {
        let next = Arc::clone(&next);
        let work = Arc::clone(&work);
        scope.spawn(move || loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(input) = inputs.get(i) else { break };
            if !work(i, input) {
                break;
            }
        });
    }
}

fn progress_bar(show: bool, total: u64) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// Collects articles into batches and commits them.
struct Writer<'s> {
    store: &'s mut Store,
    batch: Vec<Article>,
    batch_bytes: usize,
    /// The progress bar rejections are printed above.
    bar: ProgressBar,
}

impl<'s> Writer<'s> {
    fn new(store: &'s mut Store, bar: ProgressBar) -> Self {
        Self {
            store,
            batch: Vec::new(),
            batch_bytes: 0,
            bar,
        }
    }

    fn handle(
        &mut self,
        event: ReadEvent,
        summary: &mut Summary,
        opts: &Options,
    ) -> anyhow::Result<()> {
        match event {
            ReadEvent::Article(article) => {
                self.batch_bytes += article.text.len();
                self.batch.push(*article);
                if self.batch.len() >= BATCH_ARTICLES || self.batch_bytes >= BATCH_BYTES {
                    self.flush(summary)?;
                }
            }
            ReadEvent::Rejected(e) => {
                if opts.report_rejections {
                    // Above the progress bar, not through it.
                    self.bar.suspend(|| eprintln!("rejected: {e}"));
                }
                summary.reject(&e, false);
            }
            ReadEvent::Skipped { reason, .. } => {
                summary.skipped += 1;
                *summary
                    .skipped_by_reason
                    .entry(reason.to_string())
                    .or_default() += 1;
            }
        }
        Ok(())
    }

    fn flush(&mut self, summary: &mut Summary) -> anyhow::Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let outcomes = self.store.insert_batch(&self.batch)?;
        for outcome in outcomes {
            match outcome {
                Outcome::New => summary.accepted += 1,
                Outcome::NewSource => summary.duplicate += 1,
                Outcome::AlreadyStored => summary.already_stored += 1,
            }
        }
        self.batch.clear();
        self.batch_bytes = 0;
        Ok(())
    }
}

impl Summary {
    /// Records what the database holds after the run.
    pub fn record_store(&mut self, store: &Store) -> anyhow::Result<()> {
        let counts = store.counts()?;
        self.stored_articles = counts.articles;
        self.stored_sources = counts.sources;
        self.unindexed = store.unindexed()?;
        Ok(())
    }

    fn reject(&mut self, e: &sitrep_ingest::Error, print: bool) {
        if print {
            eprintln!("rejected: {e}");
        }
        self.rejected += 1;
        *self
            .rejected_by_reason
            .entry(e.reason().to_string())
            .or_default() += 1;
        self.rejections.push(e.to_string());
    }
}
