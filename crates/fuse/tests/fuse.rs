//! Fusion of events and claims: team-written reports of invented calls and
//! tolls, and order-insensitivity as a property.

use jiff::civil::{date, Date};
use proptest::prelude::*;
use sitrep_fuse::{claims, events, Reported};
use sitrep_model::{
    ActorId, Claim, ClaimKind, CodedEvent, DateBasis, DocId, EventActor, EventFlag, Figure, Hedge,
    Phrase, Span,
};

fn doc(n: u8) -> DocId {
    DocId::from_stored(format!("{n:032x}"))
}

fn side(id: &str) -> EventActor {
    EventActor {
        actor: ActorId(id.to_string()),
        name: id.to_string(),
        span: Span { start: 0, end: 1 },
        surface: id.to_string(),
        country: None,
        sector: None,
        cameo: None,
    }
}

fn call(d: u8, from: &str, to: &str, cameo: &str, when: Option<(Date, DateBasis)>) -> CodedEvent {
    CodedEvent {
        doc: doc(d),
        sentence: 0,
        sentence_span: Span { start: 0, end: 10 },
        trigger: Phrase {
            span: Span { start: 0, end: 4 },
            surface: "call".into(),
            actor: None,
        },
        pattern: "call".into(),
        cameo: cameo.into(),
        label: "Consult".into(),
        plover: "CONSULT".into(),
        mode: None,
        context: vec![],
        source: side(from),
        target: side(to),
        date: when.map(|w| w.0),
        date_basis: when.map(|w| w.1),
        place: None,
        flags: vec![],
        claimant: None,
        confidence: 0.5,
    }
}

fn rep<'a, T>(outlet: &'a str, dateline: Option<Date>, item: &'a T) -> Reported<'a, T> {
    Reported {
        outlet: Some(outlet),
        dateline,
        family: None,
        item,
    }
}

#[test]
fn one_call_many_reports_late_relative_date_loses() {
    let d = date(2024, 3, 4);
    let a = call(
        1,
        "leader-a",
        "leader-b",
        "041",
        Some((d, DateBasis::Relative)),
    );
    // The same call told the other way round, coded less specifically.
    let b = call(
        2,
        "leader-b",
        "leader-a",
        "040",
        Some((d, DateBasis::Relative)),
    );
    // A report three weeks later: "on Monday" resolves to the wrong Monday.
    let c = call(
        3,
        "leader-a",
        "leader-b",
        "041",
        Some((date(2024, 3, 25), DateBasis::Relative)),
    );
    let reports = [
        rep("Outlet One", Some(d), &a),
        rep("Outlet Two", Some(date(2024, 3, 5)), &b),
        rep("Outlet Three", Some(date(2024, 3, 28)), &c),
    ];
    let fused = events::fuse(&reports);
    assert_eq!(fused.len(), 1, "{fused:#?}");
    let e = &fused[0];
    assert_eq!(e.date, Some(d));
    assert_eq!((e.num_articles, e.num_sources), (3, 3));
    assert_eq!(e.cameo, "041");
    assert!(e.mutual);
    assert_eq!(e.date_conflicts.len(), 2, "both dates kept");
    assert!(e.reports.iter().any(|r| r.late));
    assert_eq!(e.first_report, Some(d));
    assert_eq!(e.last_report, Some(date(2024, 3, 28)));
}

#[test]
fn firm_dates_apart_are_two_events_and_flagged_reports_are_not_events() {
    let a = call(
        1,
        "x",
        "y",
        "041",
        Some((date(2024, 1, 2), DateBasis::Text)),
    );
    let b = call(
        2,
        "x",
        "y",
        "041",
        Some((date(2024, 1, 20), DateBasis::Text)),
    );
    let mut c = call(
        3,
        "x",
        "y",
        "041",
        Some((date(2024, 1, 2), DateBasis::Text)),
    );
    c.flags.push(EventFlag::Negated);
    let reports = [
        rep("A", Some(date(2024, 1, 2)), &a),
        rep("A", Some(date(2024, 1, 20)), &b),
        rep("B", Some(date(2024, 1, 3)), &c),
    ];
    let fused = events::fuse(&reports);
    assert_eq!(fused.len(), 2);
    assert!(fused.iter().all(|e| e.num_articles == 1));
}

#[test]
fn calls_listed_in_one_phrase_share_the_date_of_those_dated() {
    let monday = date(2024, 5, 6);
    let tuesday = date(2024, 5, 7);
    // Article 1 (dateline Tuesday) dates the call with B ("on Monday").
    let b1 = call(
        1,
        "leader-a",
        "leader-b",
        "041",
        Some((monday, DateBasis::Relative)),
    );
    // Article 2 lists calls with B, C and D in one phrase: one trigger,
    // no date but its dateline.
    let b2 = call(
        2,
        "leader-a",
        "leader-b",
        "041",
        Some((tuesday, DateBasis::Dateline)),
    );
    let c2 = call(
        2,
        "leader-a",
        "leader-c",
        "041",
        Some((tuesday, DateBasis::Dateline)),
    );
    let mut d2 = call(
        2,
        "leader-a",
        "leader-d",
        "041",
        Some((tuesday, DateBasis::Dateline)),
    );
    // A call told in another phrase of article 2 is not listed with them.
    let mut e2 = call(
        2,
        "leader-a",
        "leader-e",
        "041",
        Some((tuesday, DateBasis::Dateline)),
    );
    e2.trigger.span = Span { start: 20, end: 24 };
    // A different kind of act in the same phrase takes nothing either.
    d2.plover = "AID".into();
    let reports = [
        rep("One", Some(tuesday), &b1),
        rep("Two", Some(tuesday), &b2),
        rep("Two", Some(tuesday), &c2),
        rep("Two", Some(tuesday), &d2),
        rep("Two", Some(tuesday), &e2),
    ];
    let fused = events::fuse(&reports);
    let with = |who: &str| {
        fused
            .iter()
            .find(|e| e.target.actor.0 == who)
            .unwrap_or_else(|| panic!("{who}: {fused:#?}"))
    };
    assert_eq!(with("leader-b").date, Some(monday));
    let c = with("leader-c");
    assert_eq!(
        (c.date, c.date_basis),
        (Some(monday), Some(DateBasis::Listed))
    );
    // Its own report's date is kept beside it.
    assert!(c
        .date_conflicts
        .iter()
        .any(|k| k.date == tuesday && k.basis == DateBasis::Dateline));
    assert_eq!(with("leader-d").date, Some(tuesday));
    assert_eq!(with("leader-e").date, Some(tuesday));
}

fn toll(d: u8, value: f64, hedge: Hedge, as_of: Option<Date>, place: Option<&str>) -> Claim {
    Claim {
        doc: doc(d),
        sentence: 0,
        kind: ClaimKind::Killed,
        trigger: Phrase {
            span: Span { start: 0, end: 6 },
            surface: "killed".into(),
            actor: None,
        },
        figure: Figure {
            span: Span { start: 7, end: 10 },
            surface: format!("{value}"),
            value,
            hedge,
            lower: matches!(hedge, Hedge::AtLeast | Hedge::MoreThan | Hedge::Exact)
                .then_some(value),
            upper: matches!(hedge, Hedge::AtMost | Hedge::LessThan | Hedge::Exact).then_some(value),
            unit: Some("people".into()),
        },
        breakdown: vec![],
        side: None,
        place: place.map(|p| Phrase {
            span: Span { start: 11, end: 12 },
            surface: p.into(),
            actor: None,
        }),
        attribution: None,
        as_of,
        as_of_basis: None,
        since: None,
    }
}

#[test]
fn tolls_form_a_series_with_conflicts_and_a_conservative_figure() {
    let (d1, d2) = (date(2024, 5, 1), date(2024, 5, 3));
    let a = toll(1, 40.0, Hedge::AtLeast, Some(d1), Some("Northport"));
    let b = toll(2, 35.0, Hedge::Exact, Some(d1), None);
    let c = toll(3, 61.0, Hedge::Exact, Some(d2), Some("northport"));
    let v = toll(4, 1000.0, Hedge::Vague, Some(d2), None);
    let reports = [
        rep("A", Some(d1), &a),
        rep("B", Some(d1), &b),
        rep("C", Some(d2), &c),
        rep("D", Some(d2), &v),
    ];
    let s = claims::series(&reports);
    assert_eq!(s.len(), 1, "{s:#?}");
    let p = &s[0].points;
    assert_eq!(p.len(), 2);
    assert_eq!((p[0].as_of, p[0].figures.len()), (Some(d1), 2));
    assert!(p[0].conflict, "at least 40 and exactly 35 cannot both hold");
    assert_eq!(p[0].conservative, 35.0);
    assert!(!p[1].conflict, "vague figures never conflict");
    assert_eq!(p[1].conservative, 61.0);
}

proptest! {
    #[test]
    fn fusion_ignores_order_and_keeps_every_report(
        picks in proptest::collection::vec((0u8..6, 0usize..3, 0u8..3, 0i8..20, any::<bool>()), 1..24),
        seed in any::<u64>(),
    ) {
        let actors = ["a", "b", "c"];
        let evs: Vec<CodedEvent> = picks
            .iter()
            .enumerate()
            .map(|(i, &(d, x, y, day, rel))| {
                let mut e = call(d, actors[x], actors[(x + 1 + y as usize % 2) % 3], if rel { "041" } else { "040" },
                    Some((date(2024, 2, 1 + day), if rel { DateBasis::Relative } else { DateBasis::Text })));
                e.sentence = i as u32;
                e
            })
            .collect();
        let reports: Vec<Reported<'_, CodedEvent>> = evs
            .iter()
            .map(|e| rep("O", Some(date(2024, 2, 1 + (e.sentence % 25) as i8)), e))
            .collect();
        let mut shuffled = reports.clone();
        // Deterministic shuffle from the seed.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let a = events::fuse(&reports);
        let b = events::fuse(&shuffled);
        prop_assert_eq!(&a, &b);
        let total: usize = a.iter().map(|e| e.reports.len()).sum();
        prop_assert_eq!(total, reports.len());
    }
}
