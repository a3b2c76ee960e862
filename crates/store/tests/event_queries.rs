//! The indexed shapes of event queries (schema version 8): actor ids matched
//! whole through `event_actors` and kept by re-coding, names looked up among
//! the actors (`actor_names`) or, when they are many, tested on each event, PLOVER types against
//! CAMEO prefixes of every length, stories driving the query, and the stored
//! JSON read back as it is. Each is checked against a plain filter of every
//! stored event in answer order.

use jiff::civil::{date, Date};
use sitrep_model::{
    ActorId, Article, CodedEvent, DocId, EventActor, EventFlag, InputFormat, Phrase, Source, Span,
};
use sitrep_store::{EventQuery, Store, StoryRow};

fn side(id: &str) -> EventActor {
    EventActor {
        actor: ActorId(id.to_string()),
        name: format!("Name of {id}"),
        span: Span { start: 0, end: 4 },
        surface: "Name".to_string(),
        country: None,
        sector: None,
        cameo: None,
    }
}

fn event(
    doc: &DocId,
    cameo: &str,
    plover: &str,
    ids: (&str, &str),
    day: Option<Date>,
    flags: Vec<EventFlag>,
) -> CodedEvent {
    CodedEvent {
        doc: doc.clone(),
        sentence: 0,
        sentence_span: Span { start: 0, end: 10 },
        trigger: Phrase {
            span: Span { start: 0, end: 4 },
            surface: "Name".to_string(),
            actor: None,
        },
        pattern: "~p +".to_string(),
        cameo: cameo.to_string(),
        label: format!("label {cameo}"),
        plover: plover.to_string(),
        mode: None,
        context: Vec::new(),
        source: side(ids.0),
        target: side(ids.1),
        date: day,
        date_basis: None,
        place: None,
        flags,
        claimant: None,
        confidence: 0.5,
    }
}

/// (cameo, plover, source, target, day of March 2024 or undated, future?)
type Spec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<i8>,
    bool,
);

/// Four articles, two stories (`s1`: articles 0 and 1, `s2`: 2 and 3).
const ARTICLES: [&[Spec]; 4] = [
    &[
        (
            "190",
            "ASSAULT",
            "country:RUS",
            "country:UKR",
            Some(5),
            false,
        ),
        (
            "042",
            "CONSULT",
            "person:ana",
            "country:rus",
            Some(5),
            false,
        ),
        (
            "0871",
            "RETREAT",
            "country:RUS",
            "country:RUS",
            Some(6),
            false,
        ),
    ],
    &[
        (
            "195",
            "ASSAULT",
            "country:RUSSIA",
            "person:ana",
            Some(2),
            false,
        ),
        ("0421", "CONSULT", "person:ana", "country:UKR", None, false),
        ("111", "ACCUSE", "person:bo", "country:RUS", Some(9), true),
    ],
    &[
        ("042", "CONSULT", "country:UKR", "person:bo", Some(7), false),
        ("19", "ASSAULT", "person:bo", "country:UKR", Some(1), false),
    ],
    &[
        ("020", "REQUEST", "person:ana", "person:bo", Some(3), false),
        ("173", "COERCE", "country:RUS", "person:bo", None, false),
    ],
];

fn store() -> (Store, Vec<DocId>, Vec<CodedEvent>) {
    let mut store = Store::open_in_memory().unwrap();
    let articles: Vec<Article> = (0..ARTICLES.len())
        .map(|i| {
            Article::new(
                format!("Article number {i} of the query tests."),
                Source::new(format!("{i}.txt"), InputFormat::Text),
            )
        })
        .collect();
    store.insert_batch(&articles).unwrap();
    let mut all = Vec::new();
    let batch: Vec<(DocId, Vec<CodedEvent>)> = articles
        .iter()
        .zip(ARTICLES)
        .map(|(a, specs)| {
            let events: Vec<CodedEvent> = specs
                .iter()
                .map(|&(cameo, plover, s, t, day, future)| {
                    event(
                        &a.id,
                        cameo,
                        plover,
                        (s, t),
                        day.map(|d| date(2024, 3, d)),
                        if future {
                            vec![EventFlag::Future]
                        } else {
                            Vec::new()
                        },
                    )
                })
                .collect();
            all.extend(events.clone());
            (a.id.clone(), events)
        })
        .collect();
    store.put_events("v1", &batch).unwrap();
    let ids: Vec<DocId> = articles.iter().map(|a| a.id.clone()).collect();
    let assignments: Vec<(DocId, String)> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.clone(), format!("s{}", 1 + i / 2)))
        .collect();
    let row = |id: &str| StoryRow {
        id: id.to_string(),
        title: id.to_string(),
        first_date: None,
        last_date: None,
        articles: 2,
        sources: 2,
    };
    store
        .put_stories(true, &assignments, ("v1", "{}"), &[row("s1"), row("s2")])
        .unwrap();
    (store, ids, all)
}

/// Every event in answer order: date (undated last), article id, position.
fn in_order(events: &[CodedEvent]) -> Vec<CodedEvent> {
    let position = |e: &CodedEvent| {
        ARTICLES
            .iter()
            .flat_map(|a| a.iter())
            .position(|s| s.0 == e.cameo && s.2 == e.source.actor.0)
            .unwrap()
    };
    let mut sorted = events.to_vec();
    sorted.sort_by_key(|e| (e.date.is_none(), e.date, e.doc.clone(), position(e)));
    sorted
}

fn cameos(events: &[CodedEvent]) -> Vec<&str> {
    events.iter().map(|e| e.cameo.as_str()).collect()
}

#[test]
fn an_actor_id_matches_whole_either_side_any_ascii_case() {
    let (store, _, all) = store();
    let by = |actor: &str, flagged: bool| {
        store
            .events(&EventQuery {
                actor: Some(actor.to_string()),
                include_flagged: flagged,
                ..EventQuery::default()
            })
            .unwrap()
    };
    let expected: Vec<CodedEvent> = in_order(&all)
        .into_iter()
        .filter(|e| {
            e.asserted()
                && [&e.source.actor.0, &e.target.actor.0]
                    .iter()
                    .any(|id| id.eq_ignore_ascii_case("country:rus"))
        })
        .collect();
    assert_eq!(cameos(&expected), ["190", "042", "0871", "173"]);
    assert_eq!(by("country:RUS", false), expected);
    assert_eq!(by("COUNTRY:rus", false), expected, "any ASCII case");
    // Not a prefix: country:RUSSIA is another actor, and the event with the
    // same id on both sides comes once.
    assert!(by("country:RU", false).is_empty());
    assert_eq!(cameos(&by("country:russia", false)), ["195"]);
    // The flagged accusation joins with include_flagged, in date order.
    assert_eq!(
        cameos(&by("country:rus", true)),
        ["190", "042", "0871", "111", "173"]
    );
    // A name (no ':') is still a substring of ids and names.
    assert_eq!(by("russia", false).len(), 1);
    assert_eq!(by("rus", false).len(), 5);
}

#[test]
fn an_actor_id_pages_and_combines_with_dates_kinds_and_stories() {
    let (store, _, _) = store();
    let q = |f: &dyn Fn(&mut EventQuery)| {
        let mut query = EventQuery {
            actor: Some("person:ana".to_string()),
            ..EventQuery::default()
        };
        f(&mut query);
        cameos(&store.events(&query).unwrap())
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(q(&|_| {}), ["195", "020", "042", "0421"]);
    assert_eq!(
        q(&|e| {
            e.limit = Some(2);
            e.offset = 1
        }),
        ["020", "042"]
    );
    assert_eq!(q(&|e| e.since = Some(date(2024, 3, 3))), ["020", "042"]);
    assert_eq!(q(&|e| e.until = Some(date(2024, 3, 3))), ["195", "020"]);
    assert_eq!(q(&|e| e.kind = Some("consult".into())), ["042", "0421"]);
    assert_eq!(q(&|e| e.kind = Some("042".into())), ["042", "0421"]);
    assert_eq!(q(&|e| e.kind = Some("0421".into())), ["0421"]);
    assert_eq!(q(&|e| e.story = Some("s1".into())), ["195", "042", "0421"]);
    assert_eq!(q(&|e| e.story = Some("s2".into())), ["020"]);
    assert_eq!(q(&|e| e.story = Some("nope".into())), Vec::<String>::new());
}

#[test]
fn recoding_replaces_the_actor_rows() {
    let (mut store, ids, _) = store();
    let by = |store: &Store, actor: &str| {
        store
            .events(&EventQuery {
                actor: Some(actor.to_string()),
                include_flagged: true,
                ..EventQuery::default()
            })
            .unwrap()
            .len()
    };
    assert_eq!(by(&store, "person:bo"), 5);
    // Article 3 is coded again without person:bo; article 2 with nothing.
    let again = event(
        &ids[3],
        "020",
        "REQUEST",
        ("person:ana", "person:cy"),
        Some(date(2024, 3, 3)),
        vec![],
    );
    store
        .put_events(
            "v2",
            &[(ids[3].clone(), vec![again]), (ids[2].clone(), vec![])],
        )
        .unwrap();
    assert_eq!(by(&store, "person:bo"), 1);
    assert_eq!(by(&store, "person:cy"), 1);
    assert_eq!(by(&store, "country:ukr"), 2);
}

#[test]
fn letters_are_a_plover_type_and_digits_a_cameo_prefix() {
    let (store, _, all) = store();
    let by = |kind: &str| {
        store
            .events(&EventQuery {
                kind: Some(kind.to_string()),
                include_flagged: true,
                ..EventQuery::default()
            })
            .unwrap()
    };
    let ordered = in_order(&all);
    let expect = |f: &dyn Fn(&CodedEvent) -> bool| -> Vec<CodedEvent> {
        ordered.iter().filter(|e| f(e)).cloned().collect()
    };
    assert_eq!(by("Assault"), expect(&|e| e.plover == "ASSAULT"));
    assert_eq!(cameos(&by("Assault")), ["19", "195", "190"]);
    for prefix in ["1", "19", "04", "042", "0421", "087", "0871", "2"] {
        assert_eq!(
            by(prefix),
            expect(&|e| e.cameo.starts_with(prefix)),
            "prefix {prefix}"
        );
    }
    assert_eq!(cameos(&by("042")), ["042", "042", "0421"]);
    assert!(by("ASS").is_empty(), "a PLOVER type matches whole");
    assert!(by("4a").is_empty(), "not all digits: a PLOVER type");
}

#[test]
fn a_story_drives_the_query_in_answer_order() {
    let (store, ids, all) = store();
    for (story, docs) in [("s1", &ids[..2]), ("s2", &ids[2..])] {
        let expected: Vec<CodedEvent> = in_order(&all)
            .into_iter()
            .filter(|e| e.asserted() && docs.contains(&e.doc))
            .collect();
        let query = EventQuery {
            story: Some(story.to_string()),
            ..EventQuery::default()
        };
        assert_eq!(store.events(&query).unwrap(), expected, "story {story}");
        let paged = store
            .events(&EventQuery {
                limit: Some(1),
                offset: 1,
                ..query.clone()
            })
            .unwrap();
        assert_eq!(paged, expected[1..2], "story {story}");
        let dated = store
            .events(&EventQuery {
                since: Some(date(2024, 3, 4)),
                kind: Some("assault".into()),
                ..query
            })
            .unwrap();
        assert!(dated
            .iter()
            .all(|e| e.plover == "ASSAULT" && e.date >= Some(date(2024, 3, 4))));
    }
}

#[test]
fn events_json_is_the_stored_json_of_the_same_events() {
    let (store, _, _) = store();
    for query in [
        EventQuery::default(),
        EventQuery {
            actor: Some("person:ana".into()),
            limit: Some(2),
            ..EventQuery::default()
        },
        EventQuery {
            story: Some("s2".into()),
            include_flagged: true,
            ..EventQuery::default()
        },
    ] {
        let events = store.events(&query).unwrap();
        let json = store.events_json(&query).unwrap();
        let back: Vec<CodedEvent> = json
            .iter()
            .map(|j| serde_json::from_str(j).unwrap())
            .collect();
        assert_eq!(back, events);
        for (j, e) in json.iter().zip(&events) {
            assert_eq!(*j, serde_json::to_string(e).unwrap());
        }
    }
}

/// Events whose actor id or name contains `name`, ignoring case, by a plain
/// filter of every event in answer order.
fn naming(all: &[CodedEvent], name: &str, flagged: bool) -> Vec<CodedEvent> {
    let name = name.to_lowercase();
    in_order(all)
        .into_iter()
        .filter(|e| flagged || e.asserted())
        .filter(|e| {
            [&e.source, &e.target].iter().any(|s| {
                s.actor.0.to_lowercase().contains(&name) || s.name.to_lowercase().contains(&name)
            })
        })
        .collect()
}

#[test]
fn a_name_is_looked_up_among_the_actors() {
    let (mut store, ids, all) = store();
    let by = |store: &Store, name: &str, flagged: bool| {
        store
            .events(&EventQuery {
                actor: Some(name.to_string()),
                include_flagged: flagged,
                ..EventQuery::default()
            })
            .unwrap()
    };
    for name in [
        "rus",
        "RUSSIA",
        "name of pers",
        "ana",
        "of country",
        "nobody",
    ] {
        for flagged in [false, true] {
            assert_eq!(
                by(&store, name, flagged),
                naming(&all, name, flagged),
                "{name}"
            );
        }
    }
    // The actors and their counts of asserted event sides.
    let actors = store.actors(Some("person:"), 100, 0).unwrap();
    let count = |id: &str, events: &[CodedEvent]| {
        events
            .iter()
            .filter(|e| e.asserted())
            .flat_map(|e| [&e.source.actor.0, &e.target.actor.0])
            .filter(|a| a.as_str() == id)
            .count() as u64
    };
    assert!(!actors.is_empty());
    for a in &actors {
        assert_eq!(a.events, count(&a.actor, &all), "{}", a.actor);
        assert_eq!(a.name, format!("Name of {}", a.actor));
    }
    // Coding article 3 again without person:bo keeps names and counts true.
    let again = event(
        &ids[3],
        "020",
        "REQUEST",
        ("person:ana", "person:zed"),
        Some(date(2024, 3, 3)),
        vec![],
    );
    store
        .put_events("v2", &[(ids[3].clone(), vec![again.clone()])])
        .unwrap();
    let now: Vec<CodedEvent> = all
        .iter()
        .filter(|e| e.doc != ids[3])
        .cloned()
        .chain([again])
        .collect();
    for name in ["bo", "zed", "ana"] {
        assert_eq!(by(&store, name, true), naming(&now, name, true), "{name}");
    }
    for a in store.actors(None, 100, 0).unwrap() {
        assert_eq!(a.events, count(&a.actor, &now), "{}", a.actor);
    }
    assert!(store.actors(Some("zed"), 10, 0).unwrap().len() == 1);
}

#[test]
fn a_name_many_actors_share_is_tested_on_each_event() {
    let mut store = Store::open_in_memory().unwrap();
    let a = Article::new(
        "Many actors.".to_string(),
        Source::new("many.txt", InputFormat::Text),
    );
    store.insert_batch(std::slice::from_ref(&a)).unwrap();
    // More actor ids with the name than are looked up one by one.
    let events: Vec<CodedEvent> = (0..250)
        .map(|i| {
            event(
                &a.id,
                "042",
                "CONSULT",
                (&format!("person:crowd-{i}"), "country:ABC"),
                Some(date(2024, 3, 1 + (i % 28) as i8)),
                vec![],
            )
        })
        .collect();
    store
        .put_events("v1", &[(a.id.clone(), events.clone())])
        .unwrap();
    let q = |name: &str| EventQuery {
        actor: Some(name.to_string()),
        limit: Some(10),
        offset: 3,
        ..EventQuery::default()
    };
    let mut sorted = events.clone();
    sorted.sort_by_key(|e| e.date);
    let want: Vec<String> = sorted[3..13]
        .iter()
        .map(|e| e.source.actor.0.clone())
        .collect();
    let got = |name: &str| -> Vec<String> {
        store
            .events(&q(name))
            .unwrap()
            .iter()
            .map(|e| e.source.actor.0.clone())
            .collect()
    };
    // "crowd" names 250 ids (tested on each event); "abc" one id naming
    // 250 events (looked up); both page the same events.
    assert_eq!(got("crowd").len(), 10);
    assert_eq!(got("abc").len(), 10);
    let dates = |name: &str| -> Vec<Option<Date>> {
        store
            .events(&q(name))
            .unwrap()
            .iter()
            .map(|e| e.date)
            .collect()
    };
    let want_dates: Vec<Option<Date>> = sorted[3..13].iter().map(|e| e.date).collect();
    assert_eq!(dates("crowd"), want_dates);
    assert_eq!(dates("abc"), want_dates);
    assert_eq!(want.len(), 10);
}
