//! Invariants of story clustering on random streams of short documents.

use std::collections::BTreeSet;

use proptest::prelude::*;
use sitrep_cluster::story::{Doc, StoryClusterer, StoryId};

/// Documents of 0-8 words from a small vocabulary, so stories do form.
fn docs() -> impl Strategy<Value = Vec<(String, Option<u8>)>> {
    let word = prop::sample::select(vec![
        "flood", "river", "rain", "chess", "final", "oslo", "vote", "senate", "budget", "storm",
        "court", "ruling",
    ]);
    let text = prop::collection::vec(word, 0..8).prop_map(|w| w.join(" "));
    prop::collection::vec((text, prop::option::of(0u8..40)), 0..60)
}

fn run(input: &[(String, Option<u8>)], refine: bool) -> (Vec<StoryId>, StoryClusterer) {
    let mut c = StoryClusterer::default();
    let ids = input
        .iter()
        .enumerate()
        .map(|(i, (t, day))| {
            let mut d = Doc::new(format!("d{i}"), t.clone());
            if let Some(day) = day {
                d = d.with_date(
                    jiff::civil::date(2024, 1, 1)
                        .checked_add(jiff::Span::new().days(i64::from(*day)))
                        .unwrap(),
                );
            }
            c.add(d)
        })
        .collect();
    if refine {
        c.refine();
    }
    (ids, c)
}

proptest! {
    #[test]
    fn deterministic_for_a_given_order(input in docs(), refine in any::<bool>()) {
        let (a, ca) = run(&input, refine);
        let (b, cb) = run(&input, refine);
        prop_assert_eq!(a, b);
        let (sa, sb): (Vec<_>, Vec<_>) = (ca.assignments().collect(), cb.assignments().collect());
        prop_assert_eq!(sa, sb);
    }

    #[test]
    fn every_doc_in_exactly_one_story_and_no_story_empty(input in docs(), refine in any::<bool>()) {
        let (ids, c) = run(&input, refine);
        prop_assert_eq!(ids.len(), input.len());
        let mut seen = BTreeSet::new();
        for s in c.stories() {
            prop_assert!(!s.members.is_empty());
            for &m in &s.members {
                prop_assert!(seen.insert(m), "doc {} in two stories", m);
                prop_assert_eq!(c.assignments().nth(m as usize).unwrap().1, s.id);
            }
        }
        prop_assert_eq!(seen.len(), input.len());
        if !refine {
            let assigned: Vec<StoryId> = c.assignments().map(|(_, s)| s).collect();
            prop_assert_eq!(assigned, ids);
        }
    }
}
