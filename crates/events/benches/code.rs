//! Sentences per second through the language layer and the coder, one core:
//! `cargo bench -p sitrep-events --bench code`.
//!
//! Reads `SITREP_TEXT` (paragraphs separated by blank lines) if set, else
//! repeats a few paragraphs written for this bench; each paragraph is one
//! article dated 2024-03-14. Tokenising, tagging, resolving mentions, time
//! expressions and coding are all timed; loading the models is not.

use std::time::Instant;

use sitrep_events::{Coder, Input};
use sitrep_extract::Resolver;
use sitrep_model::{Article, Dateline, DatelineSource, InputFormat, Source};

const PARAGRAPHS: &[&str] = &[
    "Turkish President Recep Tayyip Erdogan spoke by phone with Russian President Vladimir Putin on Tuesday and urged him to return to the grain deal. The two leaders also discussed the fighting in Ukraine, the Kremlin said. Erdogan will visit Moscow next month, his office said.",
    "Israeli aircraft struck targets in southern Lebanon overnight after Hezbollah fired rockets at northern Israel, the military said. Lebanon's caretaker prime minister condemned the strikes and called on the United Nations to act.",
    "The European Union imposed new sanctions on Iran on Monday over its supply of drones to Russia. Tehran rejected the measures and accused Brussels of hypocrisy. Iranian Foreign Minister Hossein Amir-Abdollahian met his Qatari counterpart in Doha to discuss the talks.",
    "Police arrested dozens of protesters in Tbilisi after thousands rallied against the bill. Georgian Prime Minister Irakli Kobakhidze said the government would not withdraw it, and the opposition threatened to boycott parliament.",
    "Egyptian President Abdel Fattah el-Sisi hosted Jordan's King Abdullah in Cairo, where the two leaders demanded an immediate ceasefire in Gaza. Qatar and Egypt are mediating between Israel and Hamas.",
];

fn main() {
    let text = match std::env::var("SITREP_TEXT") {
        Ok(path) => match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("bench code: cannot read {path}: {e}");
                return;
            }
        },
        Err(_) => PARAGRAPHS.repeat(60).join("\n\n"),
    };
    let resolver = match Resolver::shipped() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("bench code: {e}");
            return;
        }
    };
    let coder = match Coder::shipped() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("bench code: {e}");
            return;
        }
    };
    let date = jiff::civil::date(2024, 3, 14);
    let articles: Vec<Article> = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let mut a = Article::new(p.to_string(), Source::new("bench", InputFormat::Text));
            a.dateline = Some(Dateline::day(date, DatelineSource::TextHeader));
            a
        })
        .collect();
    const RUNS: usize = 5;
    let mut rates = Vec::new();
    let (mut sentences, mut events) = (0usize, 0usize);
    for _ in 0..RUNS {
        sentences = 0;
        events = 0;
        let t = Instant::now();
        for a in &articles {
            let analysis = resolver.analyse(a);
            let timexes = sitrep_time::tag(&a.text, Some(date));
            sentences += analysis.segmented.sentences.len();
            events += coder
                .code(&Input {
                    article: a,
                    analysis: &analysis,
                    timexes: &timexes,
                })
                .len();
        }
        rates.push(sentences as f64 / t.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "code: {} articles, {sentences} sentences, {events} events per run; median {:.0} sentences/s on one core (min {:.0}, max {:.0})",
        articles.len(),
        rates[RUNS / 2],
        rates[0],
        rates[RUNS - 1]
    );
}
