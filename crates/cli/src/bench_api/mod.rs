//! `sitrep bench api`: event queries per second through the HTTP API on a
//! generated database. The database (synthetic articles, coded events and
//! stories written through the store's public API) is made once and reused;
//! the real server runs in-process on a loopback port with 2 worker threads,
//! and an own HTTP/1.1 keep-alive client drives it with a fixed number of
//! connections for a bounded time and number of requests.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

use super::{sentence, Rng};

mod load;
mod world;

use load::*;
use world::*;

/// Flags of `sitrep bench api`.
#[derive(clap::Args, Debug)]
pub struct ApiArgs {
    /// Articles in the generated database (about 5 coded events each).
    #[arg(long, default_value_t = 100_000)]
    articles: usize,
    /// The database file [default: target/bench-api-<articles>.db]; made
    /// when missing, reused when it holds the right number of articles.
    #[arg(long)]
    db: Option<PathBuf>,
    /// Seconds of measured load (after the warm-up).
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Seconds of unmeasured load first (caches warm up).
    #[arg(long, default_value_t = 2)]
    warmup: u64,
    /// Concurrent keep-alive connections.
    #[arg(long, default_value_t = 16)]
    connections: usize,
    /// Stop after this many requests (warm-up included) even if time is left.
    #[arg(long, default_value_t = 2_000_000)]
    max_requests: u64,
    /// Leave this kind of request out of the mix (repeatable), e.g.
    /// `--skip actor_name` for the mix of actor ids, types, dates and
    /// stories alone.
    #[arg(long, value_name = "KIND")]
    skip: Vec<String>,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

/// Coder version written with the generated events; also marks a database
/// as made by this benchmark (its cluster state version).
const CODER: &str = "bench-api";
/// Articles per story.
const STORY_SIZE: usize = 10;
/// Distinct actors.
const ACTORS: usize = 3_000;
/// First dateline day; datelines spread over two years from it.
const FIRST_DAY: (i16, i8, i8) = (2023, 1, 1);
const DAYS: i64 = 730;

pub fn run(args: ApiArgs) -> anyhow::Result<()> {
    let db = args
        .db
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("target/bench-api-{}.db", args.articles)));
    let world = World::new();
    let started = Instant::now();
    let generated = prepare(&db, args.articles, &world)?;
    let prepare_secs = started.elapsed().as_secs_f64();
    let db_bytes: u64 = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", db.display())).ok())
        .map(|m| m.len())
        .sum();
    if !args.json {
        outln!(
            "{} {} ({} articles, {:.1} MB) in {:.1} s",
            if generated { "generated" } else { "opened" },
            db.display(),
            args.articles,
            db_bytes as f64 / 1e6,
            prepare_secs
        );
    }

    let plan = Arc::new(Plan::new(&world, args.articles, &args.skip)?);
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("bench-server")
        .enable_all()
        .build()?;
    let mut config = sitrep_server::Config::new(db.clone());
    config.addr = SocketAddr::from(([127, 0, 0, 1], 0));
    let app = sitrep_server::App::new(config)?;
    let (tx, rx) = std::sync::mpsc::channel();
    server.spawn(async move {
        if let Err(e) = sitrep_server::serve(app, move |addr| {
            let _ = tx.send(addr);
        })
        .await
        {
            tracing::error!(error = %e, "bench server stopped");
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(10))
        .context("the server did not start")?;

    let client = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let load = Load {
        addr,
        warmup: Duration::from_secs(args.warmup),
        measure: Duration::from_secs(args.seconds),
        budget: Arc::new(AtomicU64::new(args.max_requests)),
    };
    let stats = client.block_on(drive(&load, &plan, args.connections))?;
    server.shutdown_timeout(Duration::from_secs(2));

    let report = Report::new(&stats, &args, &db, db_bytes, generated, prepare_secs);
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        report.print()?;
    }
    if report.errors > 0 {
        bail!("{} request(s) failed: {:?}", report.errors, stats.samples);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// Per-kind counts of `n` requests.
    fn mix(plan: &Plan, n: usize) -> BTreeMap<&'static str, usize> {
        let mut rng = Rng(1);
        let mut out = BTreeMap::new();
        for _ in 0..n {
            *out.entry(KINDS[plan.request(&mut rng).0].0).or_default() += 1;
        }
        out
    }

    #[test]
    fn generation_is_deterministic_and_the_mix_covers_every_kind() {
        let world = World::new();
        let mut a = Rng(7);
        let mut b = Rng(7);
        let (x, ex) = generate_article(3, 100, &world, &mut a);
        let (y, ey) = generate_article(3, 100, &world, &mut b);
        assert_eq!(x.id, y.id);
        assert_eq!(ex, ey);
        assert!(ex.iter().all(|e| e.doc == x.id));
        let plan = Plan::new(&world, 100, &[]).unwrap();
        assert_eq!(mix(&plan, 2_000).len(), KINDS.len());
        // A skipped kind is never sent; an unknown one is an error.
        let plan = Plan::new(&world, 100, &["actor_name".to_string()]).unwrap();
        let m = mix(&plan, 2_000);
        assert_eq!(m.len(), KINDS.len() - 1);
        assert!(!m.contains_key("actor_name"));
        assert!(Plan::new(&world, 100, &["nope".to_string()]).is_err());
    }
}
