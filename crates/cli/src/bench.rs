//! `sitrep bench ingest`: throughput of reading, of ingestion (read, clean,
//! store) and of building the full-text index, on a generated corpus of
//! plain-text articles and HTML pages; `sitrep bench api` (in `bench_api.rs`):
//! event queries per second through the HTTP server.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use sitrep_ingest::{collect_inputs, read_input, Input, ReadEvent, ReadOptions};

use crate::ingest::{self, Options};

#[path = "bench_api/mod.rs"]
mod api;

#[derive(clap::Subcommand, Debug)]
pub enum BenchCommand {
    /// Generate N text articles and N HTML pages, then time reading and ingesting them.
    Ingest {
        /// Articles per format.
        #[arg(long, default_value_t = 20_000)]
        articles: usize,
        /// Reader threads (default: number of cores).
        #[arg(long)]
        jobs: Option<usize>,
        /// Keep the generated corpus and databases in this directory.
        #[arg(long)]
        keep: Option<std::path::PathBuf>,
    },
    /// Event queries per second through the HTTP API on a generated database.
    Api(api::ApiArgs),
}

pub fn run(cmd: BenchCommand) -> anyhow::Result<()> {
    let (articles, jobs, keep) = match cmd {
        BenchCommand::Ingest {
            articles,
            jobs,
            keep,
        } => (articles, jobs, keep),
        BenchCommand::Api(args) => return api::run(args),
    };
    let temp = tempfile::tempdir()?;
    let root = keep.unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&root)?;
    let started = Instant::now();
    let txt_bytes = generate(&root.join("txt"), articles, Kind::Text)?;
    let html_bytes = generate(&root.join("html"), articles, Kind::Html)?;
    outln!(
        "generated {articles} text articles ({:.1} MB) and {articles} HTML pages ({:.1} MB) in {:.1} s",
        txt_bytes as f64 / 1e6,
        html_bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    let opts = Options {
        progress: false,
        report_rejections: false,
        ..Options::new(jobs, false)
    };
    outln!(
        "{:<28} {:<5} {:>9} {:>8} {:>8} {:>8} {:>11}",
        "stage",
        "fmt",
        "articles",
        "MB",
        "seconds",
        "MB/s",
        "articles/s"
    );
    for (name, bytes) in [("txt", txt_bytes), ("html", html_bytes)] {
        let dir = root.join(name).display().to_string();
        let (inputs, _) = collect_inputs(std::slice::from_ref(&dir));
        let t = Instant::now();
        let n = read_only(&inputs, &opts.read, opts.jobs);
        row(
            &format!("read+clean ({} jobs)", opts.jobs),
            name,
            n,
            bytes,
            t.elapsed().as_secs_f64(),
        )?;
        let db = root.join(format!("bench-{name}.db"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        let mut store = sitrep_store::Store::open(&db)?;
        let t = Instant::now();
        let summary = ingest::run(&mut store, &[dir], opts.clone())?;
        let ingest_secs = t.elapsed().as_secs_f64();
        row(
            "ingest into SQLite",
            name,
            summary.accepted,
            bytes,
            ingest_secs,
        )?;
        let t = Instant::now();
        let indexed = store.update_index()?;
        let index_secs = t.elapsed().as_secs_f64();
        row("then FTS5 index", name, indexed as usize, bytes, index_secs)?;
        row(
            "ingest + index",
            name,
            summary.accepted,
            bytes,
            ingest_secs + index_secs,
        )?;
    }
    Ok(())
}

fn row(stage: &str, fmt: &str, articles: usize, bytes: u64, secs: f64) -> anyhow::Result<()> {
    let mb = bytes as f64 / 1e6;
    outln!(
        "{stage:<28} {fmt:<5} {articles:>9} {mb:>8.1} {secs:>8.2} {:>8.1} {:>11.0}",
        mb / secs,
        articles as f64 / secs
    );
    Ok(())
}

/// Reads every input on `jobs` threads without storing; returns articles read.
fn read_only(inputs: &[Input], opts: &ReadOptions, jobs: usize) -> usize {
    let count = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        ingest::spawn_readers(scope, inputs, jobs, |_, input| {
            read_input(input, opts, &mut |e| {
                if matches!(e, ReadEvent::Article(_)) {
                    count.fetch_add(1, Ordering::Relaxed);
                }
            });
            true
        });
    });
    count.into_inner()
}

#[derive(Clone, Copy)]
enum Kind {
    Text,
    Html,
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Sentence templates with slots, so generated prose has the word mix of news
/// (function words, names, numbers), not a word salad.
const TEMPLATES: &[&str] = &[
    "{S} said on {D} that {n} people had been {K} in {P}, according to {A}.",
    "The {O} of {P} met {S} in the capital and agreed to resume talks on the {T} next week.",
    "At least {n} people were {K} when {S} attacked a {X} near {P} late on {D}, {A} said.",
    "{S} denied reports that the {T} had collapsed, but did not say when the talks would resume.",
    "“We will not accept a deal that ignores our farmers,” {S} told reporters in {P} – a line repeated all week.",
    "The {O}’s office said the call with Recep Tayyip Erdoğan lasted nearly an hour.",
    "Thousands of people gathered outside the parliament in {P} on {D} to protest against the {T}.",
    "In a statement issued on {D}, {A} said the {T} could be extended if both sides kept their promises.",
    "More than {n} families have been forced from their homes in {P} since the fighting began, {A} said.",
    "The {O} told reporters that there was no agreement yet on the {T}, and that the next round would be held in {P}.",
    "Rescue teams searched the {X} throughout the night, and officials said the toll was likely to rise.",
    "It was not clear who was behind the attack, and no group has claimed responsibility so far.",
];
const SUBJECTS: &[&str] = &[
    "the foreign minister",
    "the president",
    "the prime minister",
    "the army",
    "police",
    "the interior ministry",
    "rebel commanders",
    "the government",
    "the UN envoy",
    "protest leaders",
];
const ACTORS: &[&str] = &[
    "officials",
    "local authorities",
    "the health ministry",
    "the Red Crescent",
    "witnesses",
    "a government spokesman",
    "state media",
    "the United Nations",
];
const PLACES: &[&str] = &[
    "Ankara",
    "the border region",
    "Kyiv",
    "Baku",
    "the northern province",
    "Tbilisi",
    "Mandera",
    "the coastal city",
    "Brasília",
    "the capital",
];
const TOPICS: &[&str] = &[
    "ceasefire",
    "grain corridor",
    "aid convoy",
    "media law",
    "border agreement",
    "trade deal",
    "prisoner exchange",
    "humanitarian truce",
];
const OFFICES: &[&str] = &[
    "foreign minister",
    "defence minister",
    "president",
    "ambassador",
];
const PLACES_X: &[&str] = &[
    "market",
    "checkpoint",
    "village",
    "bridge",
    "hospital",
    "port",
];
const KILLED: &[&str] = &["killed", "wounded", "injured", "arrested", "displaced"];
const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const OUTLETS: &[&str] = &[
    "Harbor Post",
    "Meridian Wire",
    "Daily Ledger",
    "Steppe News",
    "Gulf Observer",
    "Caspian Times",
];

fn sentence(rng: &mut Rng, out: &mut String) {
    let template = rng.pick(TEMPLATES);
    let mut rest = template;
    let mut first = out.is_empty() || out.ends_with(' ');
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let slot = &rest[open + 1..open + 2];
        let value = match slot {
            "S" => rng.pick(SUBJECTS).to_string(),
            "A" => rng.pick(ACTORS).to_string(),
            "P" => rng.pick(PLACES).to_string(),
            "T" => rng.pick(TOPICS).to_string(),
            "O" => rng.pick(OFFICES).to_string(),
            "X" => rng.pick(PLACES_X).to_string(),
            "K" => rng.pick(KILLED).to_string(),
            "D" => rng.pick(DAYS).to_string(),
            _ => (2 + rng.below(5000)).to_string(),
        };
        if first && open == 0 {
            let mut c = value.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push_str(&value);
        }
        first = false;
        rest = &rest[open + 3..];
    }
    out.push_str(rest);
}

fn paragraphs(rng: &mut Rng) -> Vec<String> {
    (0..5 + rng.below(4))
        .map(|_| {
            let mut p = String::new();
            for s in 0..3 + rng.below(3) {
                if s > 0 {
                    p.push(' ');
                }
                sentence(rng, &mut p);
            }
            p
        })
        .collect()
}

/// Writes `n` articles of one kind under `dir` (1,000 per subdirectory);
/// returns the bytes written.
fn generate(dir: &Path, n: usize, kind: Kind) -> anyhow::Result<u64> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ n as u64 ^ matches!(kind, Kind::Html) as u64);
    let mut total = 0u64;
    for i in 0..n {
        let sub = dir.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub)?;
        }
        let outlet = rng.pick(OUTLETS);
        let date = format!("2023-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
        let mut title = String::new();
        sentence(&mut rng, &mut title);
        let title = title.trim_end_matches('.').to_string();
        let paras = paragraphs(&mut rng);
        let (name, body) = match kind {
            Kind::Text => (
                format!("{i:06}.txt"),
                format!(
                    "date {date} ({outlet})\n{title}\n\n{}\n\nShare this article\n",
                    paras.join("\n\n")
                ),
            ),
            Kind::Html => (
                format!("{i:06}.html"),
                html_page(outlet, &date, &title, &paras),
            ),
        };
        let mut f = std::io::BufWriter::new(std::fs::File::create(sub.join(name))?);
        f.write_all(body.as_bytes())?;
        total += body.len() as u64;
    }
    Ok(total)
}

fn html_page(outlet: &str, date: &str, title: &str, paras: &[String]) -> String {
    let nav: String = [
        "World", "Politics", "Business", "Sport", "Opinion", "Video", "Weather",
    ]
    .iter()
    .map(|s| format!("<li><a href=\"/{}\">{s}</a></li>", s.to_lowercase()))
    .collect();
    let body: String = paras.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r##"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}T09:00:00Z">
<link rel="canonical" href="https://news.example/{date}/story">
<script>window.dataLayer = window.dataLayer || []; function track(e) {{ dataLayer.push(e); }}</script>
<style>body {{ font-family: serif; }} .nav li {{ display: inline; }}</style></head>
<body><header><div class="logo">{outlet}</div><nav class="nav"><ul>{nav}</ul></nav></header>
<main><article><h1>{title}</h1><div class="byline">By Staff Reporter</div>
{body}</article>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Markets slide on rate fears</a></li><li><a href="/b">Storm warning for the coast</a></li></ul></aside></main>
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
<section class="comments"><h3>Leave a comment</h3><form><textarea></textarea></form></section>
<footer><p>© 2023 {outlet}. All rights reserved.</p><p>We use cookies to improve your experience.</p></footer>
</body></html>
"##
    )
}
