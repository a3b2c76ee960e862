//! The shipped country table: complete, well-formed, and resolving the names,
//! demonyms and government metonyms news uses.

use sitrep_lexicon::{CountryMatch, Lexicon};

fn lexicon() -> Lexicon {
    Lexicon::shipped().expect("shipped lexicon loads")
}

#[test]
fn every_un_member_and_observer_is_there() {
    let lex = lexicon();
    assert!(
        lex.countries().len() >= 195,
        "{} countries",
        lex.countries().len()
    );
    for c in lex.countries() {
        assert!(
            c.iso3.len() == 3 && c.iso3.chars().all(|ch| ch.is_ascii_uppercase()),
            "{}",
            c.iso3
        );
        assert!(
            (-90.0..=90.0).contains(&c.lat) && (-180.0..=180.0).contains(&c.lon),
            "{}",
            c.iso3
        );
        assert!(!c.name.is_empty() && !c.capital.is_empty(), "{}", c.iso3);
    }
    for iso in [
        "RUS", "IRN", "ISR", "PSE", "SYR", "EGY", "VAT", "USA", "CHN", "TUR", "UKR",
    ] {
        assert!(lex.by_iso3(iso).is_some(), "{iso} missing");
    }
}

#[test]
fn names_demonyms_and_metonyms_resolve() {
    let lex = lexicon();
    let iso = |name: &str| lex.country(name).map(|(c, how)| (c.iso3.as_str(), how));
    assert_eq!(iso("Iran"), Some(("IRN", CountryMatch::Name)));
    assert_eq!(iso("Iranian"), Some(("IRN", CountryMatch::Demonym)));
    assert_eq!(iso("russian"), Some(("RUS", CountryMatch::Demonym)));
    assert_eq!(iso("the Kremlin"), Some(("RUS", CountryMatch::Government)));
    assert_eq!(iso("Tehran"), Some(("IRN", CountryMatch::Government)));
    assert_eq!(iso("Turkey").map(|x| x.0), Some("TUR"));
    assert_eq!(iso("Turkiye").map(|x| x.0), Some("TUR"));
    assert_eq!(iso("Egyptian").map(|x| x.0), Some("EGY"));
    assert_eq!(iso("Syrian").map(|x| x.0), Some("SYR"));
    assert_eq!(iso("Palestinian").map(|x| x.0), Some("PSE"));
    assert_eq!(iso("Tel Aviv regime").map(|x| x.0), Some("ISR"));
    assert_eq!(iso("Gaza Strip"), None, "a place, not a country");
}
