//! Actor resolution, one behaviour per fixture (texts written for these
//! tests): titles resolved by the article's date, transliterations,
//! coreference that must and must not resolve, new people given an identity
//! from their title, seats of power as governments.

use jiff::civil::Date;
use sitrep_extract::{Entities, Resolver};
use sitrep_model::{
    Article, Dateline, DatelineSource, InputFormat, MentionKind, Resolution, Source,
};

fn resolver() -> &'static Resolver {
    static R: std::sync::OnceLock<Resolver> = std::sync::OnceLock::new();
    R.get_or_init(|| Resolver::shipped().expect("shipped resolver"))
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn article(text: &str, date: Option<&str>) -> Article {
    Article::new(
        text.to_string(),
        Source {
            origin: "fixture".into(),
            format: InputFormat::Text,
            outlet: None,
            url: None,
            title: None,
            dateline: date.map(|d| {
                Dateline::day(d.parse::<Date>().expect("date"), DatelineSource::TextHeader)
            }),
            removed_lines: Vec::new(),
        },
    )
}

fn run(name: &str, date: Option<&str>) -> (String, Entities) {
    let text = fixture(name);
    let e = resolver().entities(&article(&text, date));
    (text, e)
}

/// The actor id of the mention with this surface (the first one from `from`).
fn actor_of(e: &Entities, surface: &str, from: usize) -> Option<String> {
    e.mentions
        .iter()
        .find(|m| m.surface == surface && m.span.start as usize >= from)
        .unwrap_or_else(|| panic!("no mention {surface:?} in {:#?}", e.mentions))
        .actor
        .as_ref()
        .map(|a| a.0.clone())
}

#[test]
fn titles_resolve_by_the_article_date() {
    let (_, e) = run("date_bounded_titles.txt", Some("2023-10-16"));
    assert_eq!(
        actor_of(&e, "Iran's President", 0).as_deref(),
        Some("person:ebrahim-raisi")
    );
    let (_, e) = run("date_bounded_titles.txt", Some("2024-09-01"));
    assert_eq!(
        actor_of(&e, "Iran's President", 0).as_deref(),
        Some("person:masoud-pezeshkian")
    );
    // "The Iranian leader" is not the president: the Supreme Leader holds the leading role.
    let leader = actor_of(&e, "The Iranian leader", 0);
    assert!(leader.is_some(), "{:#?}", e.mentions);
    // Undated: no guess.
    let (_, e) = run("date_bounded_titles.txt", None);
    assert_eq!(actor_of(&e, "Iran's President", 0), None);
}

#[test]
fn transliterations_meet_one_identity() {
    let (text, e) = run("transliterations.txt", Some("2023-10-20"));
    assert_eq!(
        actor_of(&e, "Ebrahim Raeesi", 0).as_deref(),
        Some("person:ebrahim-raisi")
    );
    assert_eq!(
        actor_of(&e, "Abdel-Fattah al-Sisi", 0).as_deref(),
        Some("person:abdel-fattah-el-sisi")
    );
    assert_eq!(
        actor_of(&e, "Bashar Assad", 0).as_deref(),
        Some("person:bashar-al-assad")
    );
    assert_eq!(
        actor_of(&e, "Volodymyr Zelenskiy", 0).as_deref(),
        Some("person:volodymyr-zelensky")
    );
    let later = text.find("Later").expect("fixture");
    assert_eq!(
        actor_of(&e, "Raeesi", later).as_deref(),
        Some("person:ebrahim-raisi")
    );
    assert_eq!(
        actor_of(&e, "Sisi", later).as_deref(),
        Some("person:abdel-fattah-el-sisi")
    );
    for a in &e.actors {
        if a.id.0 == "person:ebrahim-raisi" {
            assert_eq!(a.country.as_deref(), Some("IRN"));
            assert_eq!(a.cameo.as_deref(), Some("IRNGOV"));
        }
    }
}

#[test]
fn coreference_that_must_resolve() {
    let (text, e) = run("coreference_must.txt", Some("2024-05-02"));
    let ruto = Some("person:william-ruto".to_string());
    assert_eq!(actor_of(&e, "William Ruto", 0), ruto);
    let m = e
        .mentions
        .iter()
        .find(|m| m.surface == "Ruto")
        .expect("short form");
    assert_eq!(m.actor.as_ref().map(|a| a.0.clone()), ruto);
    assert_eq!(m.resolution, Some(Resolution::Coreference));
    let he = e
        .mentions
        .iter()
        .find(|m| m.surface == "he")
        .expect("pronoun");
    assert_eq!(he.kind, MentionKind::Pronoun);
    assert_eq!(he.actor.as_ref().map(|a| a.0.clone()), ruto);
    let leader_at = text.find("The Kenyan leader").expect("fixture");
    assert_eq!(actor_of(&e, "The Kenyan leader", leader_at), ruto);
    assert_eq!(
        actor_of(&e, "Addis Ababa", 0).as_deref(),
        Some("place:addis-ababa")
    );
}

#[test]
fn coreference_that_must_not_resolve() {
    let (_, e) = run("coreference_must_not.txt", Some("2022-01-10"));
    // A surname shared by two people in office that day (a prime minister
    // and a prosecutor), with no full name earlier: no guess.
    let khan = e.mentions.iter().find(|m| m.surface == "Khan");
    assert!(khan.is_none_or(|m| m.actor.is_none()), "{khan:?}");
    assert_eq!(
        actor_of(&e, "Emmanuel Macron", 0).as_deref(),
        Some("person:emmanuel-macron")
    );
    // "he" after two men in the same sentence: unresolved.
    let he = e
        .mentions
        .iter()
        .find(|m| m.surface == "he")
        .expect("pronoun");
    assert_eq!(he.actor, None, "{he:?}");
    // A group is never one person.
    let two = e
        .mentions
        .iter()
        .find(|m| m.surface == "The two leaders")
        .expect("group");
    assert_eq!(two.actor, None);
    assert_eq!(two.kind, MentionKind::Role);
}

#[test]
fn unknown_people_get_an_identity_from_their_title() {
    let (text, e) = run("unknown_person_title.txt", Some("2024-02-01"));
    let id = actor_of(&e, "Adaeze Okonkwo-Bellamy", 0).expect("a new identity");
    let actor = e.actors.iter().find(|a| a.id.0 == id).expect("actor");
    assert_eq!(actor.country.as_deref(), Some("NGA"));
    assert_eq!(actor.sector.as_deref(), Some("GOV"));
    assert_eq!(actor.cameo.as_deref(), Some("NGAGOV"));
    let second = text.rfind("Okonkwo-Bellamy").expect("fixture");
    assert_eq!(actor_of(&e, "Okonkwo-Bellamy", second), Some(id));
}

#[test]
fn a_capitalised_word_before_a_common_noun_is_no_person() {
    let (_, e) = run("capitalised_common_words.txt", Some("2024-04-02"));
    for word in ["Flash", "Landslide", "Torrential"] {
        assert!(
            !e.mentions
                .iter()
                .any(|m| m.surface == word && m.actor.is_some()),
            "{word}: {:#?}",
            e.mentions
        );
    }
    // A real unknown name in the same text still gets its identity.
    let id = actor_of(&e, "Venla Haarakoski", 0).expect("a new identity");
    assert!(id.starts_with("person:"), "{id}");
}

#[test]
fn seats_of_power_stand_for_governments() {
    let (text, e) = run("metonyms.txt", Some("2024-01-10"));
    assert_eq!(
        actor_of(&e, "The Kremlin", 0).as_deref(),
        Some("government:RUS")
    );
    assert_eq!(actor_of(&e, "Tehran", 0).as_deref(), Some("government:IRN"));
    let in_tehran = text.rfind("Tehran").expect("fixture");
    assert_eq!(
        actor_of(&e, "Tehran", in_tehran).as_deref(),
        Some("place:tehran")
    );
}

#[test]
fn every_span_is_its_surface() {
    for name in [
        "date_bounded_titles.txt",
        "transliterations.txt",
        "coreference_must.txt",
        "coreference_must_not.txt",
        "unknown_person_title.txt",
        "metonyms.txt",
    ] {
        let (text, e) = run(name, Some("2024-01-10"));
        for m in &e.mentions {
            assert_eq!(m.span.slice(&text).ok(), Some(m.surface.as_str()), "{name}");
        }
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "Vladimir Putin",
        "Putin",
        "he",
        "the Russian leader",
        "Iran's President",
        "Gaza Strip",
        "the Kremlin",
        "Tehran",
        "said",
        "and",
        ",",
        ".",
        "\n\n",
        "al-Assad",
        "Hamas",
        "Zoë",
        "O'Neill",
        "U.S.",
        "—",
        "“",
        "”",
        "8,796",
        "the two leaders",
        "İstanbul",
        "ﬁnance",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Whatever the text, resolution does not panic, every mention's span
        /// is its surface, and every mention's actor is among the actors.
        #[test]
        fn spans_are_surfaces(parts in proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(PIECES).prop_map(str::to_string),
                "\\PC{0,10}",
            ],
            0..40,
        ), dated in any::<bool>()) {
            let text = parts.join(" ");
            let a = article(&text, dated.then_some("2023-10-16"));
            let e = resolver().entities(&a);
            for m in &e.mentions {
                prop_assert_eq!(m.span.slice(&a.text).ok(), Some(m.surface.as_str()));
                if let Some(id) = &m.actor {
                    prop_assert!(e.actors.iter().any(|x| &x.id == id));
                }
            }
        }
    }
}
