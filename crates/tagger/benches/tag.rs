//! Tagging throughput on one core: `cargo bench -p sitrep-tagger --bench tag`.
//!
//! Tags the documents of a CoNLL file (default `../shared/eval/conll2003/valid.txt`,
//! or `SITREP_CONLL`) with the shipped model — part of speech, chunks and both
//! entity passes, document by document on one thread, with a fresh word cache
//! each run — eleven times, and prints the median tokens per second (shared
//! machines are noisy; the median of many runs is the figure to quote). Also
//! prints the model load time (lexicon, gazetteer and model).

use std::time::Instant;

use sitrep_tagger::{conll, Scratch, Tagger};

fn main() {
    let path = std::env::var("SITREP_CONLL")
        .unwrap_or_else(|_| "../../../shared/eval/conll2003/valid.txt".to_string());
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("bench tag: cannot read {path}: {e}; set SITREP_CONLL to a CoNLL file");
            return;
        }
    };
    let data = match conll::parse(&text, &path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("bench tag: {e}");
            return;
        }
    };
    let mut loads = Vec::new();
    let mut tagger = None;
    for _ in 0..5 {
        let t = Instant::now();
        tagger = Some(Tagger::shipped().expect("shipped model loads"));
        loads.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let tagger = tagger.expect("loaded");
    loads.sort_by(f64::total_cmp);
    // Documents as word lists.
    let mut docs: Vec<Vec<Vec<&str>>> = Vec::new();
    let mut last = usize::MAX;
    for s in &data {
        if s.doc != last {
            docs.push(Vec::new());
            last = s.doc;
        }
        if let Some(d) = docs.last_mut() {
            d.push(s.words());
        }
    }
    let tokens: usize = data.iter().map(|s| s.tokens.len()).sum();
    const RUNS: usize = 11;
    let mut rates = Vec::new();
    let mut entities = 0usize;
    for _ in 0..RUNS {
        let mut scratch = Scratch::default();
        let t = Instant::now();
        for d in &docs {
            let tagged = tagger.tag_document_with(d, &mut scratch);
            entities += tagged
                .iter()
                .map(|s| s.ner.iter().filter(|t| t.starts_with("B-")).count())
                .sum::<usize>();
        }
        rates.push(tokens as f64 / t.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "tagger: {} documents, {tokens} tokens; median {:.0} tokens/s on one core (min {:.0}, max {:.0}); {} entities per run",
        docs.len(),
        rates[RUNS / 2],
        rates[0],
        rates[RUNS - 1],
        entities / RUNS
    );
    println!(
        "model load: median {:.0} ms (min {:.0})",
        loads[2], loads[0]
    );
}
