//! The shipped people, organisation, agent and place tables: they load, their
//! references resolve, and dated roles answer "who held the office then".

use jiff::civil::Date;
use sitrep_lexicon::Lexicon;

fn lexicon() -> Lexicon {
    Lexicon::shipped().expect("shipped lexicon loads")
}

fn d(s: &str) -> Date {
    s.parse().expect("date")
}

#[test]
fn sizes_meet_the_issue() {
    let lex = lexicon();
    assert!(lex.people().len() >= 600, "{} people", lex.people().len());
    assert!(lex.orgs().len() >= 200, "{} orgs", lex.orgs().len());
    assert!(lex.places().len() >= 500, "{} places", lex.places().len());
    assert!(lex.agents().len() >= 20, "{} agents", lex.agents().len());
}

#[test]
fn references_resolve() {
    let lex = lexicon();
    assert!(lex.problems().is_empty(), "{:#?}", lex.problems());
}

#[test]
fn every_role_has_a_sane_period() {
    let lex = lexicon();
    for p in lex.people() {
        assert!(!p.roles.is_empty(), "{} has no role", p.id);
        for r in &p.roles {
            assert!(r.end.is_none_or(|e| e >= r.start), "{}: {}", p.id, r.title);
            assert!(
                r.end.is_none_or(|e| e >= d("2015-01-01")),
                "{}: {} ended before 2015",
                p.id,
                r.title
            );
        }
    }
}

#[test]
fn at_most_one_leader_per_country_and_day() {
    let lex = lexicon();
    // Sample the first day of each quarter from 2015 on.
    for year in 2015..=2025 {
        for month in [1, 4, 7, 10] {
            let day = Date::new(year, month, 1).expect("date");
            let mut seen = std::collections::HashMap::new();
            for p in lex.people() {
                for r in &p.roles {
                    // A handover day may have two.
                    let handover = r.start == day || r.end == Some(day);
                    if r.leader && r.org.is_none() && r.covers(day) && !handover {
                        let c = r.country.clone().unwrap_or_else(|| p.country.clone());
                        if let Some(other) = seen.insert(c.clone(), p.id.clone()) {
                            assert_eq!(other, p.id, "{c} on {day}: two leaders");
                        }
                    }
                }
            }
        }
    }
}
