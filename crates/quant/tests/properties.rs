//! Properties of `quantities` over generated text: it never panics, its spans
//! always fit the text, and numbers and hedges built from the shipped tables
//! read back as written.

use std::collections::BTreeMap;

use proptest::prelude::*;
use sitrep_quant::{quantities, Change, Quantity};

/// The invariants of every result: spans on character boundaries, inside the
/// text, slicing to the surface, in text order and not overlapping; values finite.
fn check_spans(text: &str, found: &[Quantity]) -> Result<(), TestCaseError> {
    let mut prev_end = 0usize;
    for q in found {
        let (start, end) = (q.span.start as usize, q.span.end as usize);
        prop_assert!(start < end && end <= text.len(), "{q:?} in {text:?}");
        prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        prop_assert_eq!(&text[start..end], q.surface.as_str());
        prop_assert!(
            start >= prev_end,
            "{:?} overlaps the one before in {:?}",
            q,
            text
        );
        prev_end = end;
        prop_assert!(q.value.is_finite(), "{q:?}");
        prop_assert!(q.upper.is_none_or(f64::is_finite), "{q:?}");
    }
    Ok(())
}

/// `n` with a comma between groups of three digits: 1234567 → "1,234,567".
fn with_commas(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[derive(serde::Deserialize)]
struct HedgesFile {
    hedges: BTreeMap<String, String>,
    movement: Movement,
}

#[derive(serde::Deserialize)]
struct Movement {
    up: Vec<String>,
    down: Vec<String>,
}

fn hedges_file() -> HedgesFile {
    toml::from_str(include_str!("../data/hedges.toml")).expect("hedges.toml parses")
}

/// Every hedge phrase of the shipped table with its change.
fn hedge_table() -> Vec<(String, Change)> {
    hedges_file()
        .hedges
        .into_iter()
        .map(|(phrase, c)| (phrase, Change::parse(&c).expect("a known change")))
        .collect()
}

/// Every verb of movement of the shipped table with its change.
fn movement_table() -> Vec<(String, Change)> {
    let m = hedges_file().movement;
    let up = m.up.into_iter().map(|w| (w, Change::Up));
    up.chain(m.down.into_iter().map(|w| (w, Change::Down)))
        .collect()
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[test]
fn thousands_separators_are_written_as_expected() {
    assert_eq!(with_commas(7), "7");
    assert_eq!(with_commas(1234), "1,234");
    assert_eq!(with_commas(123_456), "123,456");
    assert_eq!(with_commas(1_234_567), "1,234,567");
}

#[test]
fn the_tables_read_by_the_tests_are_not_empty() {
    assert!(hedge_table().len() >= 20);
    assert!(movement_table().iter().any(|(_, c)| *c == Change::Up));
    assert!(movement_table().iter().any(|(_, c)| *c == Change::Down));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_gives_valid_spans(s in any::<String>()) {
        check_spans(&s, &quantities(&s))?;
    }

    #[test]
    fn numberish_text_gives_valid_spans(
        s in "([0-9]{1,4}|[,.:/×−+~≈$£€%-]|[ \n]|million|bn|m|k|a|dozen|of|to|and|between|p\\.m\\.|km|μm|’s|Ünits|\u{0301}){0,40}"
    ) {
        check_spans(&s, &quantities(&s))?;
    }

    #[test]
    fn text_may_end_inside_a_number(
        lead in "[A-Za-z ]{0,12}",
        num in "[$€]?[0-9]{1,6}",
        tail in "[×/:.,~−-]{0,2}(10)?[×/:.,~−-]{0,2}",
    ) {
        let s = format!("{lead} {num}{tail}");
        check_spans(&s, &quantities(&s))?;
    }

    #[test]
    fn long_digit_runs_give_finite_values(digits in "[1-9][0-9]{300,400}", scale in "( million| bn|)") {
        let s = format!("About {digits}{scale} people and 12 dogs.");
        let found = quantities(&s);
        check_spans(&s, &found)?;
        prop_assert_eq!(found.last().map(|q| q.value), Some(12.0), "{:?}", found);
    }

    #[test]
    fn counts_with_thousands_separators_read_back(
        n in 1u64..1_000_000_000_000_000,
        lead in prop::sample::select(vec!["Officials said", "The agency counted", "In all,", "Police say that"]),
    ) {
        let written = with_commas(n);
        let s = format!("{lead} {written} people were evacuated on Friday.");
        let found = quantities(&s);
        check_spans(&s, &found)?;
        prop_assert_eq!(found.len(), 1, "{}: {:?}", s, found);
        let q = &found[0];
        prop_assert_eq!(q.value, n as f64);
        prop_assert_eq!(q.surface.as_str(), format!("{written} people"));
        prop_assert_eq!(q.unit.as_deref(), Some("people"));
        prop_assert_eq!(q.change, Change::Equal);
    }

    #[test]
    fn hedges_from_the_table_give_their_change(
        (phrase, change) in prop::sample::select(hedge_table()),
        n in 2u64..100_000_000,
        at_start in any::<bool>(),
    ) {
        let written = with_commas(n);
        let s = if at_start {
            format!("{} {written} people were evacuated.", capitalized(&phrase))
        } else {
            format!("Officials said {phrase} {written} people were evacuated.")
        };
        let found = quantities(&s);
        check_spans(&s, &found)?;
        prop_assert_eq!(found.len(), 1, "{}: {:?}", s, found);
        let q = &found[0];
        prop_assert_eq!(q.change, change, "{}: {:?}", s, q);
        prop_assert_eq!(q.value, n as f64);
        // The span opens at the hedge.
        prop_assert_eq!(q.surface.to_lowercase(), format!("{phrase} {written} people"));
    }

    #[test]
    fn movements_from_the_table_give_their_change(
        (verb, change) in prop::sample::select(movement_table()),
        whole in 1u32..1000,
        tenths in 0u32..10,
        by in any::<bool>(),
    ) {
        let by = if by { " by" } else { "" };
        let s = format!("The index {verb}{by} {whole}.{tenths} per cent on Tuesday.");
        let found = quantities(&s);
        check_spans(&s, &found)?;
        prop_assert_eq!(found.len(), 1, "{}: {:?}", s, found);
        let q = &found[0];
        prop_assert_eq!(q.change, change, "{}: {:?}", s, q);
        prop_assert_eq!(q.value, format!("{whole}.{tenths}").parse::<f64>().unwrap());
        prop_assert_eq!(q.normalized_unit.as_deref(), Some("percent"));
    }
}
