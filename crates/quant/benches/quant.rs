//! Extraction throughput on one core: `cargo bench -p sitrep-quant --bench quant`.
//!
//! Reads the text of `SITREP_TEXT` if set, else builds about 20 MB by repeating
//! a paragraph written for this bench, heavy in numbers; runs `quantities` over
//! it paragraph by paragraph seven times and prints the median MB/s.

use std::time::Instant;

const PARAGRAPH: &str = "Officials said at least 1,240 people were killed and about 3,500 \
injured after the floods, including 312 children and 95 women. The ministry asked for $2.5bn \
in aid, up from $900 million in March 2023, while the price of rice rose 14 per cent to 61 \
cents a kilo. Between 50 and 70 villages were cut off; roughly two million residents live in \
the valley, some 40km from the coast, and dozens of bridges were washed away. The central \
bank cut its rate by 0.25 percentage points to 4.5%, and shares fell 3.2% on Tuesday at 3 \
p.m. More than a dozen aid flights, each carrying up to 20 tonnes, landed in the past two \
weeks; nearly half of the 8,796 tents sent by donors were still in storage in Port 7.\n";

fn main() {
    let text = match std::env::var("SITREP_TEXT") {
        Ok(path) => match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("bench quant: cannot read {path}: {e}");
                return;
            }
        },
        Err(_) => PARAGRAPH.repeat(20_000_000 / PARAGRAPH.len() + 1),
    };
    let paragraphs: Vec<&str> = text.split('\n').filter(|p| !p.trim().is_empty()).collect();
    const RUNS: usize = 7;
    let mut rates = Vec::new();
    let mut found = 0usize;
    for _ in 0..RUNS {
        let t = Instant::now();
        found = 0;
        for p in &paragraphs {
            found += sitrep_quant::quantities(p).len();
        }
        rates.push(text.len() as f64 / 1e6 / t.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "quant: {:.1} MB of text, {found} quantities per run, median {:.1} MB/s on one core (min {:.1}, max {:.1})",
        text.len() as f64 / 1e6,
        rates[RUNS / 2],
        rates[0],
        rates[RUNS - 1]
    );
}
