//! Claims from sentences written for these tests: kinds, hedges as bounds,
//! breakdowns, sides, places, attribution, as-of dates, and the figures that
//! are not claims.

use std::sync::OnceLock;

use jiff::civil::{date, Date};
use sitrep_claims::{Finder, Input};
use sitrep_extract::Resolver;
use sitrep_model::{
    Article, AsOfBasis, Claim, ClaimKind, Dateline, DatelineSource, Hedge, InputFormat, Source,
};

fn resolver() -> &'static Resolver {
    static R: OnceLock<Resolver> = OnceLock::new();
    R.get_or_init(|| Resolver::shipped().expect("resolver"))
}

fn claims(text: &str, dct: Option<Date>) -> Vec<Claim> {
    let mut a = Article::new(text.to_string(), Source::new("test", InputFormat::Text));
    a.dateline = dct.map(|d| Dateline::day(d, DatelineSource::TextHeader));
    let entities = resolver().entities(&a);
    let timexes = sitrep_time::tag(text, dct);
    let finder = Finder::shipped().expect("finder");
    let out = finder.claims(&Input {
        doc: &a.id,
        text,
        dateline: dct,
        timexes: &timexes,
        mentions: &entities.mentions,
    });
    for c in &out {
        assert_eq!(
            &text[c.figure.span.start as usize..c.figure.span.end as usize],
            c.figure.surface
        );
        assert_eq!(
            &text[c.trigger.span.start as usize..c.trigger.span.end as usize],
            c.trigger.surface
        );
    }
    out
}

#[test]
fn a_toll_with_a_hedge_a_breakdown_and_a_source() {
    let c = claims(
        "Rescuers said at least 57 people were killed in the landslide, including 12 children and 9 women.",
        None,
    );
    assert_eq!(c.len(), 1, "{c:#?}");
    let k = &c[0];
    assert_eq!(k.kind, ClaimKind::Killed);
    assert_eq!(k.figure.value, 57.0);
    assert_eq!(k.figure.hedge, Hedge::AtLeast);
    assert_eq!((k.figure.lower, k.figure.upper), (Some(57.0), None));
    let parts: Vec<f64> = k.breakdown.iter().map(|p| p.value).collect();
    assert_eq!(parts, [12.0, 9.0]);
    assert_eq!(k.breakdown[0].unit.as_deref(), Some("children"));
    assert_eq!(
        k.attribution.as_ref().map(|a| a.surface.as_str()),
        Some("Rescuers")
    );
    assert_eq!(k.as_of, None, "no dateline, no date in the sentence");
}

#[test]
fn according_to_names_the_source_and_more_than_is_a_lower_bound() {
    let c = claims(
        "The floods have displaced more than 20,000 residents, according to the regional governor.",
        Some(date(2024, 4, 2)),
    );
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].kind, ClaimKind::Displaced);
    assert_eq!(c[0].figure.hedge, Hedge::MoreThan);
    assert_eq!(c[0].figure.lower, Some(20_000.0));
    assert_eq!(
        c[0].attribution.as_ref().map(|a| a.surface.as_str()),
        Some("the regional governor")
    );
    assert_eq!(c[0].as_of, Some(date(2024, 4, 2)));
    assert_eq!(c[0].as_of_basis, Some(AsOfBasis::Dateline));
}

#[test]
fn up_to_is_an_upper_bound_and_no_source_is_the_outlet() {
    let c = claims(
        "Up to 300 migrants are missing after the boat capsized.",
        None,
    );
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].kind, ClaimKind::Missing);
    assert_eq!(c[0].figure.hedge, Hedge::AtMost);
    assert_eq!((c[0].figure.lower, c[0].figure.upper), (None, Some(300.0)));
    assert!(c[0].attribution.is_none());
}

#[test]
fn possibilities_and_other_numbers_are_not_claims() {
    assert!(claims("Officials fear the toll could rise to 5,000.", None).is_empty());
    assert!(claims("If the dam fails, 40,000 people may be displaced.", None).is_empty());
    assert!(claims(
        "Shares rose 4% and the company hired 300 workers last year.",
        None
    )
    .is_empty());
    assert!(claims("The stadium holds 60,000 people.", None).is_empty());
}

#[test]
fn a_possibility_between_the_figure_and_its_trigger_is_not_a_claim() {
    let c = claims(
        "A relief agency said that as many as 260 villagers may have died in the mudslide.",
        None,
    );
    assert!(c.is_empty(), "{c:#?}");
    // The same figure asserted is one.
    let c = claims(
        "A relief agency said that 260 villagers have died in the mudslide.",
        None,
    );
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].kind, ClaimKind::Killed);
}

#[test]
fn a_toll_brought_by_its_verb_reaches_back_to_a_long_subject() {
    let c = claims(
        "The death toll from Sunday's mudslide in the hills above the northern port city rose to 64 on Tuesday, the governor said.",
        Some(date(2024, 5, 14)),
    );
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].kind, ClaimKind::Killed);
    assert_eq!(c[0].figure.value, 64.0);
    assert_eq!(c[0].trigger.surface, "death toll");
    // Without the verb the subject is too far for the figure.
    let c = claims(
        "The death toll from Sunday's mudslide in the hills above the northern port city was among 64 items on the agenda.",
        Some(date(2024, 5, 14)),
    );
    assert!(c.is_empty(), "{c:#?}");
}

#[test]
fn a_bounding_verb_continues_the_toll_for_each_side() {
    let c = claims(
        "The death toll in the fighting has exceeded 900 people: on the Sudanese side it has reached 600 people.",
        None,
    );
    assert_eq!(c.len(), 2, "{c:#?}");
    assert!(c.iter().all(|c| c.kind == ClaimKind::Killed));
    assert_eq!(c[0].figure.hedge, Hedge::MoreThan);
    assert_eq!(c[0].side, None);
    assert_eq!(c[1].figure.hedge, Hedge::Exact);
    assert_eq!(c[1].side.as_deref(), Some("SDN"));
}

#[test]
fn a_date_in_the_sentence_is_the_as_of_date_and_a_place_after_in() {
    // 13 May 2024 is a Monday: "on Saturday" is the 11th.
    let c = claims(
        "Police arrested 45 protesters in Tbilisi on Saturday.",
        Some(date(2024, 5, 13)),
    );
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].kind, ClaimKind::Detained);
    assert_eq!(c[0].figure.value, 45.0);
    assert_eq!(c[0].as_of, Some(date(2024, 5, 11)));
    assert_eq!(c[0].as_of_basis, Some(AsOfBasis::Text));
    assert_eq!(
        c[0].place.as_ref().map(|p| p.surface.as_str()),
        Some("Tbilisi")
    );
}

#[test]
fn since_opens_the_period_counted() {
    let c = claims(
        "Since March 3, 1,200 people have been wounded.",
        Some(date(2024, 4, 20)),
    );
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].kind, ClaimKind::Injured);
    assert_eq!(c[0].since, Some(date(2024, 3, 3)));
    assert_eq!(c[0].as_of, Some(date(2024, 4, 20)));
    assert_eq!(c[0].as_of_basis, Some(AsOfBasis::Dateline));
}

#[test]
fn vague_amounts_and_aid_units() {
    let c = claims("Thousands of people have fled their homes.", None);
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].kind, ClaimKind::Displaced);
    assert_eq!(c[0].figure.hedge, Hedge::Vague);
    let c = claims("Twenty-two aid trucks crossed into the enclave.", None);
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].kind, ClaimKind::AidDelivered);
    assert_eq!(c[0].figure.value, 22.0);
}

#[test]
fn a_reporting_verb_after_a_comma_names_its_subject_after_it() {
    let c = claims("Nine soldiers were wounded, said the army spokesman.", None);
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(
        c[0].attribution.as_ref().map(|a| a.surface.as_str()),
        Some("the army spokesman")
    );
}

#[test]
fn bad_tables_are_refused() {
    assert!(Finder::from_toml("people = []").is_err());
    let shipped = include_str!("../data/claims.toml");
    let broken = shipped.replacen("name = \"killed\"", "name = \"slain\"", 1);
    assert!(Finder::from_toml(&broken).is_err());
}

#[test]
fn each_clause_has_its_own_source_and_date() {
    // 14 March 2024 is a Thursday.
    let c = claims(
        "Regional officials had not yet updated their count on Thursday; the fire service had reported 23 deaths on Tuesday.",
        Some(date(2024, 3, 14)),
    );
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(
        c[0].attribution.as_ref().map(|a| a.surface.as_str()),
        Some("the fire service")
    );
    assert_eq!(c[0].as_of, Some(date(2024, 3, 12)));
    assert!(claims("Officials denied that 40 people were killed.", None).is_empty());
}

#[test]
fn the_named_person_is_the_source_not_the_country_adjective() {
    let c = claims(
        "Turkish Interior Minister Ali Yerlikaya said 12 people were missing.",
        Some(date(2023, 8, 9)),
    );
    assert_eq!(c.len(), 1, "{c:#?}");
    let a = c[0].attribution.as_ref().expect("a source");
    assert_eq!(
        a.actor.as_ref().map(|id| id.0.as_str()),
        Some("person:ali-yerlikaya")
    );
}
