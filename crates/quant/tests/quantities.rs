//! Quantities in sentences written for these tests.

use proptest::prelude::*;
use sitrep_quant::{quantities, Change, Quantity};

fn one(text: &str) -> Quantity {
    let q = quantities(text);
    assert_eq!(q.len(), 1, "{text}: {q:#?}");
    q.into_iter().next().expect("one")
}

fn values(text: &str) -> Vec<f64> {
    quantities(text).iter().map(|q| q.value).collect()
}

#[test]
fn digits_with_commas_decimals_and_scales() {
    assert_eq!(values("The flood displaced 4,512 families."), [4512.0]);
    assert_eq!(values("Output reached 2.7 million barrels."), [2.7e6]);
    assert_eq!(
        values("The fund holds $6.4bn and 1.2m shares."),
        [6.4e9, 1.2e6]
    );
    assert_eq!(values("Imports were worth 8.8bn euros."), [8.8e9]);
}

#[test]
fn word_numbers() {
    assert_eq!(one("Thirty-seven soldiers were wounded.").value, 37.0);
    assert_eq!(one("About three million voters stayed home.").value, 3e6);
    assert_eq!(one("She bought a dozen eggs.").value, 12.0);
    assert_eq!(one("Only one ambulance arrived.").value, 1.0);
    let q = one("Roughly a quarter of the budget went to roads.");
    assert!((q.value - 0.25).abs() < 1e-9);
}

#[test]
fn hedges_give_changes() {
    assert_eq!(one("At least 41 people died.").change, Change::More);
    assert_eq!(one("More than 600 homes burned.").change, Change::More);
    assert_eq!(one("Some 250 villagers fled.").change, Change::Approx);
    assert_eq!(
        one("The grant is worth up to $3 million.").change,
        Change::Less
    );
    assert_eq!(one("Fewer than 90 buses ran.").change, Change::Less);
    assert_eq!(one("Exports rose 7.5% last quarter.").change, Change::Up);
    assert_eq!(one("The index fell by 2 per cent.").change, Change::Down);
    assert_eq!(one("Revenue rose to $4.1 billion.").change, Change::Equal);
}

#[test]
fn ranges() {
    let q = one("Between 35 and 45 patients were treated.");
    assert_eq!((q.value, q.upper), (35.0, Some(45.0)));
    let q = one("Prices climbed from 12 to 15 dollars.");
    assert_eq!((q.value, q.upper), (12.0, Some(15.0)));
    let q = one("The convoy carried 60-80 tonnes of flour.");
    assert_eq!((q.value, q.upper), (60.0, Some(80.0)));
    let q = one("There are six to seven thousand tents.");
    assert_eq!((q.value, q.upper), (6000.0, Some(7000.0)));
}

#[test]
fn breakdowns_keep_each_count() {
    let q = quantities("The toll rose to 5,120, including 1,844 children and 963 women.");
    let got: Vec<(f64, Option<&str>)> = q.iter().map(|q| (q.value, q.unit.as_deref())).collect();
    assert_eq!(
        got,
        [
            (5120.0, None),
            (1844.0, Some("children")),
            (963.0, Some("women"))
        ]
    );
}

#[test]
fn units_and_things_counted() {
    let q = one("The engine makes 310 pound-feet of torque.");
    assert_eq!(q.unit.as_deref(), Some("pound-feet of torque"));
    let q = one("Turnout was 64 per cent.");
    assert_eq!(q.normalized_unit.as_deref(), Some("percent"));
    let q = one("Tens of thousands of protesters marched.");
    assert_eq!((q.value, q.unit.as_deref()), (10000.0, Some("protesters")));
    assert!(q.vague);
    let q = one("Hundreds of families camped outside.");
    assert_eq!((q.value, q.change), (100.0, Change::More));
    let q = one("The rent is $1,450 a month.");
    assert_eq!(q.normalized_unit.as_deref(), Some("dollar per month"));
}

#[test]
fn years_dates_times_and_names_are_not_quantities() {
    assert!(quantities("The talks began in 2021 and ended in June.").is_empty());
    assert!(quantities("They met on Nov. 14 at 4 p.m. in Geneva.").is_empty());
    assert!(quantities("The 1990s saw the 3rd reform; it ran 09:30-11:00.").is_empty());
    assert!(quantities("He watched Match 4 of the Super 15 on his Galaxy S9.").is_empty());
    assert!(quantities("Call 555-0199 or visit 12 Harbour Road.").is_empty());
    assert_eq!(values("In 2019 the team won 11 games."), [11.0]);
}

#[test]
fn spans_slice_to_surfaces() {
    let text =
        "Nearly 9,300 people – about 40% of the town – left after 3 a.m.; over 2 million tonnes…";
    for q in quantities(text) {
        assert_eq!(&text[q.span.start as usize..q.span.end as usize], q.surface);
    }
}

proptest! {
    #[test]
    fn never_panics_and_spans_fit(s in "\\PC{0,80}") {
        for q in quantities(&s) {
            prop_assert_eq!(q.span.slice(&s).ok(), Some(q.surface.as_str()));
        }
    }

    #[test]
    fn numberish_text_never_panics(s in "[0-9a-z$%.,: -]{0,60}") {
        for q in quantities(&s) {
            prop_assert_eq!(q.span.slice(&s).ok(), Some(q.surface.as_str()));
        }
    }
}
