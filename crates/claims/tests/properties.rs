//! Any text and dateline: no panic; every claim's spans are its surfaces and
//! lie in one sentence; bounds agree with hedges.

use jiff::civil::Date;
use proptest::prelude::*;
use sitrep_claims::{Finder, Input};
use sitrep_model::{DocId, Hedge};

fn words() -> impl Strategy<Value = String> {
    let vocab = prop::sample::select(vec![
        "at least",
        "more than",
        "about",
        "up to",
        "nearly",
        "12",
        "8,796",
        "two million",
        "dozens of",
        "people",
        "children",
        "were",
        "killed",
        "wounded",
        "missing",
        "including",
        "and",
        ",",
        ".",
        "according to",
        "officials",
        "said",
        "could",
        "since",
        "Monday",
        "October 7",
        "the",
        "toll",
        "has exceeded",
        "on the",
        "side",
        "it",
        "reached",
        "fled",
        "aid trucks",
        "between 5 and 9",
        ":",
        "“",
        "”",
        "é",
        "\n",
    ]);
    prop::collection::vec(vocab, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #[test]
    fn spans_are_surfaces_and_bounds_fit_hedges(text in words(), day in 0i32..3000, dated: bool) {
        let finder = Finder::shipped().unwrap();
        let dct = dated.then(|| Date::constant(2020, 1, 1).checked_add(jiff::Span::new().days(day)).unwrap());
        let timexes = sitrep_time::tag(&text, dct);
        let doc = DocId::of_text(&text);
        let claims = finder.claims(&Input { doc: &doc, text: &text, dateline: dct, timexes: &timexes, mentions: &[] });
        for c in &claims {
            for f in std::iter::once(&c.figure).chain(&c.breakdown) {
                prop_assert_eq!(&text[f.span.start as usize..f.span.end as usize], f.surface.as_str());
                prop_assert!(f.value.is_finite());
                match f.hedge {
                    Hedge::AtLeast | Hedge::MoreThan | Hedge::Vague => prop_assert_eq!(f.lower, Some(f.value)),
                    Hedge::AtMost | Hedge::LessThan => prop_assert_eq!(f.upper, Some(f.value)),
                    Hedge::Exact => prop_assert_eq!((f.lower, f.upper), (Some(f.value), Some(f.value))),
                    Hedge::About => prop_assert_eq!((f.lower, f.upper), (None, None)),
                    Hedge::Range => prop_assert!(f.upper.is_some()),
                }
            }
            prop_assert_eq!(&text[c.trigger.span.start as usize..c.trigger.span.end as usize], c.trigger.surface.as_str());
            if dct.is_none() {
                prop_assert!(c.as_of_basis != Some(sitrep_model::AsOfBasis::Dateline));
            }
        }
    }

    #[test]
    fn any_bytes_no_panic(text in "\\PC{0,200}") {
        let finder = Finder::shipped().unwrap();
        let doc = DocId::of_text(&text);
        let _ = finder.claims(&Input { doc: &doc, text: &text, dateline: None, timexes: &[], mentions: &[] });
    }
}
