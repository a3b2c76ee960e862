//! The PETRARCH-format coder on team-written dictionaries (invented
//! countries) and sentences, one behaviour per test.

use std::path::PathBuf;

use jiff::civil::Date;
use proptest::prelude::*;
use sitrep_petrarch::{DictCoder, Dictionaries, Discarded, Outcome, Paths};

/// Loaded once: the tagger takes a moment.
fn coder() -> &'static DictCoder {
    static CODER: std::sync::OnceLock<DictCoder> = std::sync::OnceLock::new();
    CODER.get_or_init(load)
}

fn load() -> DictCoder {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let paths = Paths {
        verbs: dir.join("test.verbs.txt"),
        actors: dir.join("test.actors.txt"),
        agents: dir.join("test.agents.txt"),
        discards: Some(dir.join("test.discards.txt")),
    };
    let dicts = Dictionaries::load(&paths).expect("fixtures load");
    assert!(dicts.problems.is_empty(), "{:?}", dicts.problems);
    DictCoder::new(dicts).expect("tagger")
}

fn triples(c: &DictCoder, s: &str) -> Vec<String> {
    let mut v: Vec<String> = c
        .code_sentence(s, Date::constant(2010, 5, 1))
        .events()
        .iter()
        .map(|e| format!("{}>{}:{}", e.source, e.target, e.code))
        .collect();
    v.sort();
    v
}

#[test]
fn active_verb_with_its_default_code() {
    let c = coder();
    assert_eq!(
        triples(c, "Ruritania condemned Graustark on Tuesday."),
        ["RUR>GRK:122"]
    );
    assert_eq!(triples(c, "Ruritania decried Graustark."), ["RUR>GRK:123"]);
}

#[test]
fn upper_pattern_and_agents() {
    let c = coder();
    assert_eq!(
        triples(
            c,
            "The Ruritanian government strongly condemned Graustark police."
        ),
        ["RURGOV>GRKCOP:1221"]
    );
    assert_eq!(
        triples(c, "The foreign minister of Borduria condemned Syldavia."),
        ["BORGOV>SYL:122"]
    );
    assert_eq!(
        triples(c, "Relief agency Ruritania condemned Syldavia."),
        ["NGORUR>SYL:122"]
    );
}

#[test]
fn synsets_open_and_joined_words() {
    let c = coder();
    assert_eq!(
        triples(c, "Borduria sent rifles to Syldavia."),
        ["BOR>SYL:0741"]
    );
    // FIELD GUNS is open in the synset: "field artillery guns" matches it,
    // the joined FIELD_GUNS pattern does not; on a tie the first pattern wins.
    assert_eq!(
        triples(c, "Borduria sent field artillery guns to Syldavia."),
        ["BOR>SYL:0741"]
    );
    assert_eq!(
        triples(c, "Borduria sent field guns to Syldavia."),
        ["BOR>SYL:0742"]
    );
    assert_eq!(
        triples(c, "Borduria sent money to Syldavia."),
        ["BOR>SYL:070"]
    );
}

#[test]
fn compounds_code_one_event_per_pair() {
    let c = coder();
    assert_eq!(
        triples(c, "Ruritania and Borduria condemned Graustark."),
        ["BOR>GRK:122", "RUR>GRK:122"]
    );
    assert_eq!(
        triples(c, "Ruritania and Graustark have resumed ties."),
        ["GRK>RUR:0641", "RUR>GRK:0641"]
    );
    assert_eq!(
        triples(c, "Lawmakers in Ruritania and Borduria condemned Syldavia."),
        ["BORLEG>SYL:122", "RURLEG>SYL:122"]
    );
}

#[test]
fn paired_codes() {
    let c = coder();
    assert_eq!(
        triples(c, "Ruritania met Syldavia."),
        ["RUR>SYL:040", "SYL>RUR:040"]
    );
}

#[test]
fn passives() {
    let c = coder();
    assert_eq!(
        triples(c, "Ruritania was condemned by Graustark."),
        ["GRK>RUR:122"]
    );
    assert_eq!(
        triples(c, "Ruritania was accused by Graustark."),
        ["GRK>RUR:1121"]
    );
}

#[test]
fn null_codes_code_nothing_unless_a_pattern_matches() {
    let c = coder();
    assert!(triples(c, "Ruritania ignored Graustark.").is_empty());
    assert_eq!(
        triples(c, "Ruritania ignored pleas from Graustark."),
        ["RUR>GRK:120"]
    );
}

#[test]
fn no_actor_no_event_and_subordinate_clauses_bound_targets() {
    let c = coder();
    assert!(triples(c, "Crowds condemned Graustark.").is_empty());
    assert!(triples(c, "Ruritania condemned the move after Graustark left.").is_empty());
}

#[test]
fn infinitive_under_a_coded_verb_is_not_coded_apart() {
    let c = coder();
    assert_eq!(
        triples(c, "Ruritania pledged to condemn Graustark."),
        ["RUR>GRK:050"]
    );
}

#[test]
fn dated_codes_and_open_actor_names() {
    let c = coder();
    let on = |d: Date| {
        c.code_sentence("King Rudolf condemned Borduria.", d)
            .events()
            .iter()
            .map(|e| e.source.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(on(Date::constant(1999, 1, 1)), ["RURELI"]);
    assert_eq!(on(Date::constant(2005, 1, 1)), ["RURGOV"]);
    assert_eq!(
        triples(c, "Strelsau state-run television condemned Borduria."),
        ["RURTV>BOR:122"]
    );
}

#[test]
fn discards_and_datelines() {
    let c = coder();
    let d = Date::constant(2010, 1, 1);
    assert_eq!(
        c.code_sentence("Ruritania condemned Graustark after the football final.", d),
        Outcome::Discarded {
            level: Discarded::Sentence
        }
    );
    assert_eq!(
        c.code_sentence("Ruritania condemned Graustark as a hurricane hit.", d),
        Outcome::Discarded {
            level: Discarded::Story
        }
    );
    assert_eq!(
        c.code_sentence("STRELSAU: -- Ruritania condemned Graustark.", d),
        Outcome::Dateline
    );
}

#[test]
fn trigger_spans_are_the_verb() {
    let c = coder();
    let text = "Ruritania strongly condemned Graustark. Borduria met Syldavia.";
    let all = c.code_text(text, Date::constant(2010, 1, 1));
    assert_eq!(all.len(), 2);
    let verbs: Vec<&str> = all
        .iter()
        .flat_map(|(_, o)| o.events().iter().map(|e| &text[e.trigger.0..e.trigger.1]))
        .collect();
    assert_eq!(verbs, ["condemned", "met", "met"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_text_codes_without_panic(s in "\\PC{0,160}") {
        let c = coder();
        for ((a, b), o) in c.code_text(&s, Date::constant(2010, 1, 1)) {
            prop_assert!(a <= b && b <= s.len());
            for e in o.events() {
                prop_assert!(s.get(e.trigger.0..e.trigger.1).is_some());
            }
        }
    }
}
