//! The seed reports (read from ../shared at test time, skipped when absent):
//! the casualty figures of the two reports that state them, with hedges,
//! breakdowns, sides and attribution.

use std::path::Path;

use sitrep_claims::{Finder, Input};
use sitrep_extract::Resolver;
use sitrep_ingest::{read_named_articles, Article, ReadOptions};
use sitrep_model::{Claim, ClaimKind, Hedge};

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

fn claims_of(a: &Article, resolver: &Resolver) -> Vec<Claim> {
    let dct = a.dateline.as_ref().map(|d| d.date);
    let timexes = sitrep_time::tag(&a.text, dct);
    let entities = resolver.entities(a);
    Finder::shipped().unwrap().claims(&Input {
        doc: &a.id,
        text: &a.text,
        dateline: dct,
        timexes: &timexes,
        mentions: &entities.mentions,
    })
}

fn find(claims: &[Claim], kind: ClaimKind, value: f64) -> &Claim {
    claims
        .iter()
        .find(|c| c.kind == kind && c.figure.value == value)
        .unwrap_or_else(|| panic!("no {kind:?} claim of {value} in {claims:#?}"))
}

#[test]
fn tolls_with_hedges_breakdowns_and_sources() {
    let Some(seeds) = seeds() else { return };
    let resolver = Resolver::shipped().unwrap();
    let get = |prefix: &str| &seeds.iter().find(|(n, _)| n.starts_with(prefix)).unwrap().1;

    let c = claims_of(get("001"), &resolver);
    let killed = find(&c, ClaimKind::Killed, 8796.0);
    assert_eq!(killed.figure.hedge, Hedge::AtLeast);
    let parts: Vec<(f64, Option<&str>)> = killed
        .breakdown
        .iter()
        .map(|p| (p.value, p.unit.as_deref()))
        .collect();
    assert_eq!(parts, [(3648.0, Some("children")), (2290.0, Some("women"))]);
    assert_eq!(
        killed.attribution.as_ref().map(|a| a.surface.as_str()),
        Some("officials")
    );
    let missing = find(&c, ClaimKind::Missing, 2000.0);
    assert_eq!(missing.figure.hedge, Hedge::About);
    assert_eq!(
        missing
            .breakdown
            .iter()
            .map(|p| p.value)
            .collect::<Vec<_>>(),
        [1100.0]
    );
    assert_eq!(
        find(&c, ClaimKind::Injured, 22219.0).figure.hedge,
        Hedge::AtLeast
    );
    assert!(c.iter().all(|c| c.as_of.is_none()), "001 has no dateline");

    let c = claims_of(get("004"), &resolver);
    let total = find(&c, ClaimKind::Killed, 4000.0);
    assert_eq!(total.figure.hedge, Hedge::MoreThan);
    let isr = find(&c, ClaimKind::Killed, 1400.0);
    assert_eq!(isr.side.as_deref(), Some("ISR"));
    let pse = find(&c, ClaimKind::Killed, 2670.0);
    assert_eq!(pse.side.as_deref(), Some("PSE"));
    assert_eq!(pse.figure.hedge, Hedge::MoreThan);

    // The population of a territory is not a claim.
    assert!(!claims_of(get("001"), &resolver)
        .iter()
        .any(|c| c.figure.value >= 1_000_000.0));
}

#[test]
fn an_undated_report_takes_its_year_from_its_titles() {
    let Some(seeds) = seeds() else { return };
    let resolver = Resolver::shipped().unwrap();
    let get = |prefix: &str| &seeds.iter().find(|(n, _)| n.starts_with(prefix)).unwrap().1;
    // 004 has no dateline; its titled people fit one period only.
    let a = get("004");
    assert!(a.dateline.is_none());
    let window = resolver.entities(a).window.expect("titles bound 004");
    let mut timexes = sitrep_time::tag(&a.text, None);
    sitrep_time::anchor_years(&mut timexes, &window);
    let oct16: Vec<&sitrep_time::Timex> = timexes
        .iter()
        .filter(|t| t.surface.ends_with("October 16"))
        .collect();
    assert!(!oct16.is_empty());
    assert!(oct16.iter().all(|t| t.value == "2023-10-16" && t.estimated));
    // 001 is undated too, but its titles leave the period open: its
    // weekday and its dates without a year stay unresolved.
    let a = get("001");
    let mut timexes = sitrep_time::tag(&a.text, None);
    if let Some(w) = resolver.entities(a).window {
        sitrep_time::anchor_years(&mut timexes, &w);
    }
    assert!(timexes
        .iter()
        .filter(|t| t.surface.contains("Wednesday"))
        .all(|t| !t.resolved));
}
