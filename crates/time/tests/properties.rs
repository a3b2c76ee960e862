//! Whatever the text and dateline, tagging does not panic and every span is
//! its surface.

use proptest::prelude::*;

const PIECES: &[&str] = &[
    "Monday",
    "on Friday night",
    "Oct. 7",
    "7 October 2023",
    "last week",
    "a year ago",
    "the third quarter",
    "two weeks",
    "daily",
    "3:30 p.m.",
    "now",
    "in 1998",
    "the 1990s",
    "next year",
    "May",
    "é",
    "—",
    "\n",
    "2023-10-16",
    "10/16/2023",
    "fiscal 1989",
    "44-year-old",
    "Sept.",
    "tonight",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn spans_are_surfaces(
        parts in proptest::collection::vec(
            prop_oneof![proptest::sample::select(PIECES).prop_map(str::to_string), "\\PC{0,12}"],
            0..30,
        ),
        day in 1u8..=28,
        month in 1u8..=12,
        year in 1900i16..2100,
        dated in any::<bool>(),
    ) {
        let text = parts.join(" ");
        let dct = dated.then(|| jiff::civil::Date::new(year, month as i8, day as i8).ok()).flatten();
        for t in sitrep_time::tag(&text, dct) {
            prop_assert_eq!(t.span.slice(&text).ok(), Some(t.surface.as_str()));
            prop_assert!(!t.value.is_empty());
            if dct.is_none() && t.relative {
                prop_assert!(!t.resolved, "{:?}", t);
            }
        }
    }
}
