//! Ingest throughput of the store: `cargo bench -p sitrep-store --bench insert`.
//!
//! Writes synthetic articles (word salad with a Zipf-like vocabulary, ~3 KB each)
//! in batches into a fresh file database and prints MB/s of text. Set
//! `SITREP_BENCH_MB` to change the amount (default 100).

use std::time::Instant;

use sitrep_model::{Article, InputFormat, Source};
use sitrep_store::Store;

const BATCH: usize = 500;

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn vocabulary(rng: &mut Rng, size: usize) -> Vec<String> {
    const LETTERS: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";
    (0..size)
        .map(|_| {
            let len = 2 + (rng.next() % 9) as usize;
            (0..len)
                .map(|_| {
                    let r = (rng.next() % 1000) as f64 / 1000.0;
                    LETTERS[((r * r) * LETTERS.len() as f64) as usize] as char
                })
                .collect()
        })
        .collect()
}

fn text(rng: &mut Rng, words: &[String], bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 16);
    let mut sentence = 0;
    while out.len() < bytes {
        // Zipf-ish: small indices far more often.
        let r = (rng.next() % 1_000_000) as f64 / 1_000_000.0;
        let word = &words[((r * r * r) * words.len() as f64) as usize];
        out.push_str(word);
        sentence += 1;
        if sentence % 18 == 0 {
            out.push_str(".\n\n");
        } else {
            out.push(' ');
        }
    }
    out
}

fn main() {
    let megabytes: usize = std::env::var("SITREP_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let words = vocabulary(&mut rng, 50_000);
    let articles: Vec<Article> = (0..megabytes * 1_000_000 / 3_000)
        .map(|n| {
            Article::new(
                text(&mut rng, &words, 3_000),
                Source {
                    origin: format!("bench/feed-{}.jsonl#record={}", n / 1000, n % 1000 + 1),
                    format: InputFormat::JsonLines,
                    outlet: Some("Bench Wire".to_string()),
                    url: Some(format!("https://bench.example/{n}")),
                    title: Some(format!("Bench report {n}")),
                    dateline: None,
                    removed_lines: Vec::new(),
                },
            )
        })
        .collect();
    let total: usize = articles.iter().map(|a| a.text.len()).sum();

    let dir = tempfile::tempdir().expect("temporary directory");
    let mut store = Store::open(&dir.path().join("bench.db")).expect("open store");
    let start = Instant::now();
    for batch in articles.chunks(BATCH) {
        store.insert_batch(batch).expect("insert batch");
    }
    let elapsed = start.elapsed().as_secs_f64();
    let mb = total as f64 / 1e6;
    println!(
        "inserted {} articles, {mb:.1} MB of text in {elapsed:.2} s: {:.1} MB/s",
        articles.len(),
        mb / elapsed
    );

    let start = Instant::now();
    let again = store.insert_batch(&articles[..BATCH]).expect("re-insert");
    println!(
        "re-inserting a batch of {} stored articles: {:.1} ms ({:?})",
        again.len(),
        start.elapsed().as_secs_f64() * 1e3,
        again[0]
    );
    let start = Instant::now();
    let hits = store.search(&words[10], 10).expect("search");
    println!(
        "search for a common word: {} hits in {:.1} ms",
        hits.len(),
        start.elapsed().as_secs_f64() * 1e3
    );
    let start = Instant::now();
    let listed = store.articles().expect("list");
    println!(
        "listing {} articles: {:.1} ms",
        listed.len(),
        start.elapsed().as_secs_f64() * 1e3
    );
}
