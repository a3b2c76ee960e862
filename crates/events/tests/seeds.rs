//! The seed reports (read from ../shared at test time, skipped when absent):
//! the five Putin phone calls as CONSULT/phone on 2023-10-16 where the
//! dateline allows, the Tehran consultations, the accusations, and the
//! hypothetical and negated statements kept out of the event record.

use std::path::Path;

use sitrep_events::{Coder, Input};
use sitrep_extract::Resolver;
use sitrep_ingest::{read_named_articles, Article, ReadOptions};
use sitrep_model::{CodedEvent, EventFlag};

fn seeds() -> Option<Vec<(String, Article)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    if !dir.is_dir() {
        eprintln!("skipping: {} not found", dir.display());
        return None;
    }
    Some(read_named_articles(
        &[dir.display().to_string()],
        &ReadOptions::default(),
    ))
}

fn code(a: &Article, resolver: &Resolver, coder: &Coder) -> Vec<CodedEvent> {
    let analysis = resolver.analyse(a);
    let dct = a.dateline.as_ref().map(|d| d.date);
    let mut timexes = sitrep_time::tag(&a.text, dct);
    if let (None, Some(w)) = (dct, &analysis.entities.window) {
        sitrep_time::anchor_years(&mut timexes, w);
    }
    coder.code(&Input {
        article: a,
        analysis: &analysis,
        timexes: &timexes,
    })
}

fn pair(e: &CodedEvent, a: &str, b: &str) -> bool {
    let (s, t) = (e.source.actor.0.as_str(), e.target.actor.0.as_str());
    (s == a && t == b) || (s == b && t == a)
}

#[test]
fn the_putin_calls_are_phone_consultations() {
    let Some(seeds) = seeds() else { return };
    let resolver = Resolver::shipped().unwrap();
    let coder = Coder::shipped().unwrap();
    let putin = "person:vladimir-putin";
    let mut all: Vec<(String, CodedEvent)> = Vec::new();
    for (name, a) in &seeds {
        for e in code(a, &resolver, &coder) {
            all.push((name.clone(), e));
        }
    }
    for e in &all {
        eprintln!(
            "{} {} {} → {} {:?} {:?} {:?} in {:?}",
            e.0,
            e.1.cameo,
            e.1.source.actor.0,
            e.1.target.actor.0,
            e.1.date,
            e.1.flags,
            e.1.pattern,
            e.1.place.as_ref().map(|p| &p.surface)
        );
    }
    for other in [
        "person:ebrahim-raisi",
        "person:benjamin-netanyahu",
        "person:mahmoud-abbas",
        "person:bashar-al-assad",
        "person:abdel-fattah-el-sisi",
    ] {
        let calls: Vec<&(String, CodedEvent)> = all
            .iter()
            .filter(|(_, e)| pair(e, putin, other) && e.cameo == "041" && e.asserted())
            .collect();
        assert!(!calls.is_empty(), "no Putin–{other} phone call");
        for (name, e) in &calls {
            assert_eq!(e.plover, "CONSULT");
            assert_eq!(e.mode.as_deref(), Some("phone"));
            // Dated to the day where the article's dateline allows it.
            if name.starts_with("000") || name.starts_with("002") {
                assert_eq!(
                    e.date,
                    Some(jiff::civil::date(2023, 10, 16)),
                    "{name}: {e:?}"
                );
            }
        }
    }
    let has = |file: &str, code: &str, a: &str, b: &str| {
        all.iter().any(|(n, e)| {
            n.starts_with(file) && e.cameo.starts_with(code) && pair(e, a, b) && e.asserted()
        })
    };
    let khaji = "person:ali-asghar-khaji";
    let lavrentiev = "person:alexander-lavrentiev";
    assert!(
        has("001", "04", khaji, lavrentiev),
        "Khaji–Lavrentiev consultation"
    );
    assert!(
        all.iter().any(|(n, e)| n.starts_with("001")
            && e.cameo.starts_with("04")
            && pair(e, khaji, lavrentiev)
            && e.place.as_ref().is_some_and(|p| p.surface == "Tehran")),
        "the Khaji–Lavrentiev meeting is placed in Tehran"
    );
    assert!(has("001", "04", lavrentiev, "person:ali-akbar-ahmadian"));
    assert!(
        has("001", "112", khaji, "country:USA"),
        "Khaji blames the United States"
    );
    assert!(
        has("001", "191", "country:ISR", "place:gaza-strip"),
        "the siege of Gaza as a blockade"
    );
    assert!(
        has("004", "03", "country:RUS", "org:un-security-council"),
        "the draft resolution"
    );
    // "no mention was made of Russia's proposed ceasefire resolution".
    assert!(all.iter().any(|(n, e)| n.starts_with("003")
        && e.source.actor.0 == "country:RUS"
        && e.flags.contains(&EventFlag::Negated)));
    assert!(!has("003", "03", "country:RUS", "org:un-security-council"));
    assert!(
        has("000", "1124", "person:ebrahim-raisi", "country:ISR"),
        "Raisi accuses Israel of war crimes"
    );
    // The 7 October attack, background to 004's story of later calls.
    assert!(all.iter().any(|(n, e)| n.starts_with("004")
        && e.source.actor.0 == "org:hamas"
        && e.target.actor.0 == "country:ISR"
        && e.cameo.starts_with("19")
        && e.flags.contains(&EventFlag::Historical)));
    // Hypotheticals and negations are never asserted events.
    assert!(all
        .iter()
        .filter(|(_, e)| e.flags.contains(&EventFlag::Hypothetical)
            || e.flags.contains(&EventFlag::Negated))
        .all(|(_, e)| !e.asserted()));
}
