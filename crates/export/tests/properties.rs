//! Invariants on any input: every writer succeeds, GDELT rows keep their column
//! count whatever the text holds, and every format has one record per event.

mod common;

use proptest::prelude::*;
use sitrep_export::gdelt::{self, EVENT_COLUMNS, MENTION_COLUMNS};
use sitrep_export::{write_to, Format};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_codes_and_names_export(
        cameo in "\\PC{0,6}",
        name in "[a-z\t\n\r\u{0}\u{1f}é,\" ]{0,12}",
        outlet in proptest::option::of("[A-Za-z\t\n ]{0,8}"),
        day in proptest::option::of(1i8..=28),
    ) {
        let mut data = common::dataset();
        for (_, e) in &mut data.events {
            e.cameo = cameo.clone();
            e.source.name = name.clone();
            e.target.surface = name.clone();
            e.date = day.map(|d| jiff::civil::date(2031, 3, d));
            for r in &mut e.reports {
                r.outlet = outlet.clone();
            }
        }
        let mut events = Vec::new();
        prop_assert_eq!(gdelt::write_events(&data, &mut events, false).ok(), Some(2));
        let events = String::from_utf8(events).unwrap_or_default();
        prop_assert_eq!(events.lines().count(), 2);
        for line in events.lines() {
            prop_assert_eq!(line.split('\t').count(), EVENT_COLUMNS.len());
        }
        let mut mentions = Vec::new();
        prop_assert_eq!(gdelt::write_mentions(&data, &mut mentions, false).ok(), Some(3));
        let mentions = String::from_utf8(mentions).unwrap_or_default();
        prop_assert_eq!(mentions.lines().count(), 3);
        for line in mentions.lines() {
            prop_assert_eq!(line.split('\t').count(), MENTION_COLUMNS.len());
        }
        for format in [Format::Plover, Format::Csv, Format::Jsonl, Format::Parquet] {
            let mut out = Vec::new();
            prop_assert_eq!(write_to(format, &data, &mut out).ok(), Some(2));
        }
    }
}
