//! The period an article's titles fit, from sentences written for this test.

use jiff::civil::{date, Date};
use sitrep_extract::Resolver;
use sitrep_model::{Article, InputFormat, Source};

fn window(text: &str) -> Option<Vec<(Date, Option<Date>)>> {
    let a = Article::new(text.to_string(), Source::new("test", InputFormat::Text));
    Resolver::shipped().unwrap().entities(&a).window
}

fn covers(w: &[(Date, Option<Date>)], d: Date) -> bool {
    w.iter().any(|&(s, e)| s <= d && e.is_none_or(|e| d <= e))
}

#[test]
fn titles_bound_an_undated_article() {
    let w = window("Israeli Prime Minister Benjamin Netanyahu spoke to Russian President Vladimir Putin by phone.")
        .expect("two titled people");
    assert!(covers(&w, date(2015, 6, 1)));
    assert!(covers(&w, date(2023, 6, 1)));
    assert!(
        !covers(&w, date(2010, 6, 1)),
        "Putin was prime minister then: {w:?}"
    );
    assert!(
        !covers(&w, date(2022, 6, 1)),
        "Netanyahu was out of office then: {w:?}"
    );

    // A plural title over a list of countries and a list of names.
    let w = window(
        "He met the presidents of Iran and Syria, Ebrahim Raisi and Bashar al-Assad, in Tehran.",
    )
    .expect("a plural title");
    assert!(covers(&w, date(2022, 1, 1)));
    assert!(!covers(&w, date(2020, 1, 1)), "before Raisi's term: {w:?}");
    assert!(!covers(&w, date(2024, 6, 1)), "after Raisi's term: {w:?}");
}

#[test]
fn untitled_names_say_nothing_about_the_date() {
    assert_eq!(
        window("Vladimir Putin and Benjamin Netanyahu spoke by phone."),
        None
    );
}
