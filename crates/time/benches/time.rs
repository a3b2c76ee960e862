//! Tagging throughput on one core: `cargo bench -p sitrep-time --bench time`.
//!
//! Reads the text of `SITREP_TEXT` if set, else builds about 20 MB by repeating
//! paragraphs written for this bench, with about the density of time
//! expressions of ordinary wire copy (one in some 250 bytes: weekdays, "a
//! year ago", "next week", a year, durations) and its share of numbers and
//! words that only look like them ("may", "second", "7.5 tonnes"); tags it
//! paragraph by paragraph against a dateline seven times and prints the
//! median MB/s.

use std::time::Instant;

use jiff::civil::date;

const PARAGRAPHS: &str = "The regional council voted on Tuesday to extend the curfew in the \
old port district, officials said, after clashes that left at least 14 people injured and \
damaged dozens of shops along the waterfront. The mayor, a former teacher who won the second \
round of the election by a narrow margin, said the decision had not been taken lightly and \
that residents who may have lost property could apply for compensation at the town hall.
Prices at the port have risen for the fourth month in a row, according to figures published by \
the statistics office, and fuel now costs 12 percent more than it did a year ago. Traders said \
deliveries from the interior that used to arrive in a day can take much longer, because the \
main road is still closed to lorries heavier than 7.5 tonnes and the railway line has not been \
repaired. Several warehouse owners said they were considering moving their business inland.
Negotiators from the two unions and the employers' federation met in the capital without \
reaching a deal. A spokesman for the federation said the talks would resume next week and that \
both sides still hoped to sign an agreement covering some 40,000 workers in the textile, \
leather and shoe industries, where wages have lagged behind those in the rest of the economy.
Rescue teams worked through the night to reach villages cut off by the floods in the north of \
the province, where the river burst its banks after the heaviest rain recorded since 2011. \
Aid agencies said about 3,000 families had been moved to schools and sports halls, and that \
clean water, blankets and medicine were the most urgent needs. Forecasters warned that more \
rain could fall on the hills over the coming days, and the army has sent boats and helicopters.
";

fn main() {
    let text = match std::env::var("SITREP_TEXT") {
        Ok(path) => match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("bench time: cannot read {path}: {e}");
                return;
            }
        },
        Err(_) => PARAGRAPHS.repeat(20_000_000 / PARAGRAPHS.len() + 1),
    };
    let paragraphs: Vec<&str> = text.split('\n').filter(|p| !p.trim().is_empty()).collect();
    let dct = Some(date(2023, 10, 18));
    const RUNS: usize = 7;
    let mut rates = Vec::new();
    let mut found = 0usize;
    for _ in 0..RUNS {
        let t = Instant::now();
        found = 0;
        for p in &paragraphs {
            found += sitrep_time::tag(p, dct).len();
        }
        rates.push(text.len() as f64 / 1e6 / t.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "time: {:.1} MB of text, {found} expressions per run, median {:.1} MB/s on one core (min {:.1}, max {:.1})",
        text.len() as f64 / 1e6,
        rates[RUNS / 2],
        rates[0],
        rates[RUNS - 1]
    );
}
