//! `sitrep code --verbs F --actors F --agents F [--discards F] "text"`:
//! coding with the user's own PETRARCH-format dictionaries.

use jiff::civil::Date;
use sitrep_petrarch::{DictCoder, Dictionaries, Outcome, Paths};

pub fn run(
    paths: &Paths,
    text: &str,
    date: Option<Date>,
    json: bool,
    explain: bool,
) -> anyhow::Result<()> {
    let dicts = Dictionaries::load(paths)?;
    for p in &dicts.problems {
        tracing::warn!(file = %p.file, line = p.line, "{}", p.message);
    }
    let coder = DictCoder::new(dicts)?;
    // Dated actor codes need a date; without one, the codes still in force
    // (open-ended ones, else the undated default) apply.
    let date = date.unwrap_or(Date::MAX);
    let results = coder.code_text(text, date);
    if json {
        for (span, outcome) in &results {
            let line = serde_json::json!({"sentence": [span.0, span.1], "result": outcome});
            outln!("{line}");
        }
        return Ok(());
    }
    for ((a, b), outcome) in &results {
        let sentence = &text[*a..*b];
        if explain {
            outln!("{}", coder.explain(sentence, date));
        }
        match outcome {
            Outcome::Discarded { level } => outln!("discarded ({level:?} discard phrase)"),
            Outcome::Dateline => outln!("not coded: the sentence opens with a dateline"),
            Outcome::Coded { events } if events.is_empty() => outln!("no event coded"),
            Outcome::Coded { events } => {
                for e in events {
                    outln!(
                        "{} {} → {}  \"{}\" ({}{})",
                        e.code,
                        e.source,
                        e.target,
                        &text[e.trigger.0..e.trigger.1],
                        e.verb,
                        e.pattern
                            .as_deref()
                            .map_or(String::new(), |p| format!(", pattern \"- {p}\""))
                    );
                }
            }
        }
    }
    Ok(())
}
