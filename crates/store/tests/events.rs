//! Coded events in the store: round trips, filters, paging, re-coding with a
//! new coder version, and bad input.

use jiff::civil::{date, Date};
use sitrep_model::{
    ActorId, Article, CodedEvent, DateBasis, DocId, EventActor, EventFlag, InputFormat, Phrase,
    Source, Span,
};
use sitrep_store::{Error, EventQuery, Store};

const TALKS: &str = "Vladimir Putin spoke by telephone with Recep Tayyip Erdogan on Monday.";
const STRIKE: &str = "Israeli aircraft struck targets in Gaza; Hamas fired rockets at Ashkelon.";
const VISIT: &str = "Emmanuel Macron will visit Beijing next week, the Elysee said.";

fn article(text: &str) -> Article {
    Article::new(text.to_string(), Source::new("t.txt", InputFormat::Text))
}

fn side(id: &str, name: &str, text: &str) -> EventActor {
    let start = text.find(name.split(' ').next().unwrap()).unwrap_or(0);
    let end = start + name.len().min(text.len() - start);
    EventActor {
        actor: ActorId(id.to_string()),
        name: name.to_string(),
        span: Span {
            start: start as u32,
            end: end as u32,
        },
        surface: text[start..end].to_string(),
        country: Some(id[..3].to_uppercase()),
        sector: Some("GOV".to_string()),
        cameo: None,
    }
}

/// A coded event of `a` (only the fields the store looks at vary).
#[allow(clippy::too_many_arguments)]
fn event(
    a: &Article,
    sentence: u32,
    cameo: &str,
    plover: &str,
    source: (&str, &str),
    target: (&str, &str),
    date: Option<Date>,
    flags: Vec<EventFlag>,
) -> CodedEvent {
    let text = &a.text;
    CodedEvent {
        doc: a.id.clone(),
        sentence,
        sentence_span: Span {
            start: 0,
            end: text.len() as u32,
        },
        trigger: Phrase {
            span: Span { start: 0, end: 4 },
            surface: text[..4].to_string(),
            actor: None,
        },
        pattern: "~speak by telephone with +".to_string(),
        cameo: cameo.to_string(),
        label: "Discuss by telephone".to_string(),
        plover: plover.to_string(),
        mode: Some("telephone".to_string()),
        context: vec!["diplomatic".to_string()],
        source: side(source.0, source.1, text),
        target: side(target.0, target.1, text),
        date,
        date_basis: date.map(|_| DateBasis::Text),
        place: None,
        flags,
        claimant: None,
        confidence: 0.7,
    }
}

/// Three articles stored and coded by `v1`: talks (2 events), strikes (2
/// events, one undated), a future visit (1 flagged event).
fn coded_store() -> (Store, [Article; 3], Vec<CodedEvent>) {
    let mut store = Store::open_in_memory().unwrap();
    let [talks, strike, visit] = [article(TALKS), article(STRIKE), article(VISIT)];
    store
        .insert_batch(&[talks.clone(), strike.clone(), visit.clone()])
        .unwrap();
    let putin = ("rus-putin", "Vladimir Putin");
    let erdogan = ("tur-erdogan", "Recep Tayyip Erdoğan");
    let events = vec![
        event(
            &talks,
            0,
            "041",
            "CONSULT",
            putin,
            erdogan,
            Some(date(2024, 3, 4)),
            vec![],
        ),
        event(
            &talks,
            0,
            "041",
            "CONSULT",
            erdogan,
            putin,
            Some(date(2024, 3, 4)),
            vec![],
        ),
        event(
            &strike,
            0,
            "195",
            "ASSAULT",
            ("isr-military", "Israel Defense Forces"),
            ("pse-gaza", "Gaza"),
            Some(date(2024, 3, 2)),
            vec![],
        ),
        event(
            &strike,
            0,
            "190",
            "ASSAULT",
            ("hamas", "Hamas"),
            ("isr-ashkelon", "Ashkelon"),
            None,
            vec![EventFlag::Historical],
        ),
        event(
            &visit,
            0,
            "042",
            "CONSULT",
            ("fra-macron", "Emmanuel Macron"),
            ("chn", "China"),
            Some(date(2024, 3, 11)),
            vec![EventFlag::Future],
        ),
    ];
    let batch: Vec<(DocId, Vec<CodedEvent>)> = [&talks, &strike, &visit]
        .iter()
        .map(|a| {
            let mine = events.iter().filter(|e| e.doc == a.id).cloned().collect();
            (a.id.clone(), mine)
        })
        .collect();
    assert_eq!(store.put_events("v1", &batch).unwrap(), 5);
    (store, [talks, strike, visit], events)
}

fn query() -> EventQuery {
    EventQuery::default()
}

/// The cameo codes and source ids of `events`, in order, for short asserts.
fn codes(events: &[CodedEvent]) -> Vec<(String, String)> {
    events
        .iter()
        .map(|e| (e.cameo.clone(), e.source.actor.0.clone()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn events_round_trip_as_json() {
    let (store, _, events) = coded_store();
    let all = store
        .events(&EventQuery {
            include_flagged: true,
            ..query()
        })
        .unwrap();
    assert_eq!(all.len(), events.len());
    for e in &events {
        let back = all
            .iter()
            .find(|b| *b == e)
            .expect("stored event read back");
        assert_eq!(
            serde_json::to_value(back).unwrap(),
            serde_json::to_value(e).unwrap()
        );
    }
}

#[test]
fn order_is_date_then_article_then_position_undated_last() {
    let (store, _, _) = coded_store();
    let all = store
        .events(&EventQuery {
            include_flagged: true,
            ..query()
        })
        .unwrap();
    assert_eq!(
        codes(&all),
        pairs(&[
            ("195", "isr-military"),
            ("041", "rus-putin"),
            ("041", "tur-erdogan"),
            ("042", "fra-macron"),
            ("190", "hamas"),
        ])
    );
}

#[test]
fn flagged_events_are_left_out_by_default() {
    let (store, _, _) = coded_store();
    let asserted = store.events(&query()).unwrap();
    assert_eq!(asserted.len(), 4, "the future visit is flagged");
    assert!(asserted.iter().all(CodedEvent::asserted));
    // Historical is a flag but the event still counts as asserted.
    assert!(asserted.iter().any(|e| e.cameo == "190"));
}

#[test]
fn actor_filter_matches_ids_and_names_either_side_ignoring_case() {
    let (store, _, _) = coded_store();
    let by = |actor: &str| {
        codes(
            &store
                .events(&EventQuery {
                    actor: Some(actor.to_string()),
                    ..query()
                })
                .unwrap(),
        )
    };
    let talks = pairs(&[("041", "rus-putin"), ("041", "tur-erdogan")]);
    assert_eq!(by("PUTIN"), talks, "name, either side, any case");
    assert_eq!(by("tur-erd"), talks, "id");
    assert_eq!(by("ERDOĞAN"), talks, "non-ASCII case folding");
    assert_eq!(by("ashkelon"), pairs(&[("190", "hamas")]), "target only");
    assert_eq!(by("macron"), vec![], "flagged events stay out");
    assert_eq!(by("putinrecep"), vec![], "no match across fields");
    assert_eq!(by("").len(), 4, "an empty actor filters nothing");
}

#[test]
fn kind_filter_is_a_plover_type_or_a_cameo_prefix() {
    let (store, _, _) = coded_store();
    let by = |kind: &str| {
        codes(
            &store
                .events(&EventQuery {
                    kind: Some(kind.to_string()),
                    include_flagged: true,
                    ..query()
                })
                .unwrap(),
        )
    };
    assert_eq!(
        by("consult"),
        pairs(&[
            ("041", "rus-putin"),
            ("041", "tur-erdogan"),
            ("042", "fra-macron")
        ])
    );
    assert_eq!(by("04"), by("CONSULT"));
    assert_eq!(by("042"), pairs(&[("042", "fra-macron")]));
    assert_eq!(
        by("19"),
        pairs(&[("195", "isr-military"), ("190", "hamas")])
    );
    assert_eq!(by("1"), by("19"));
    assert_eq!(by("CONS"), vec![], "a PLOVER type matches whole");
    assert_eq!(by("2"), vec![]);
}

#[test]
fn date_bounds_are_inclusive_and_leave_undated_events_out() {
    let (store, _, _) = coded_store();
    let by = |since: Option<Date>, until: Option<Date>| {
        codes(
            &store
                .events(&EventQuery {
                    since,
                    until,
                    include_flagged: true,
                    ..query()
                })
                .unwrap(),
        )
    };
    assert_eq!(
        by(Some(date(2024, 3, 4)), None),
        pairs(&[
            ("041", "rus-putin"),
            ("041", "tur-erdogan"),
            ("042", "fra-macron")
        ])
    );
    assert_eq!(
        by(None, Some(date(2024, 3, 4))),
        pairs(&[
            ("195", "isr-military"),
            ("041", "rus-putin"),
            ("041", "tur-erdogan")
        ])
    );
    assert_eq!(
        by(Some(date(2024, 3, 3)), Some(date(2024, 3, 10))),
        pairs(&[("041", "rus-putin"), ("041", "tur-erdogan")])
    );
    assert_eq!(by(Some(date(2024, 4, 1)), None), vec![]);
}

#[test]
fn limit_and_offset_page_through_the_order() {
    let (store, _, _) = coded_store();
    let all = store
        .events(&EventQuery {
            include_flagged: true,
            ..query()
        })
        .unwrap();
    let mut paged = Vec::new();
    for page in 0..3 {
        paged.extend(
            store
                .events(&EventQuery {
                    include_flagged: true,
                    limit: Some(2),
                    offset: page * 2,
                    ..query()
                })
                .unwrap(),
        );
    }
    assert_eq!(paged, all);
    let none = EventQuery {
        limit: Some(0),
        ..query()
    };
    assert_eq!(store.events(&none).unwrap(), vec![]);
    let past_end = EventQuery {
        offset: 100,
        ..query()
    };
    assert_eq!(store.events(&past_end).unwrap(), vec![]);
}

#[test]
fn only_articles_not_coded_by_the_version_are_uncoded() {
    let (mut store, [talks, strike, visit], _) = coded_store();
    assert_eq!(store.uncoded_articles("v1").unwrap(), vec![]);
    assert_eq!(
        store.uncoded_articles("v2").unwrap(),
        vec![talks.id.clone(), strike.id.clone(), visit.id.clone()],
        "in the order stored"
    );
    let later = article("Protesters gathered in Portvale on Sunday.");
    store.insert_batch(std::slice::from_ref(&later)).unwrap();
    assert_eq!(
        store.uncoded_articles("v1").unwrap(),
        vec![later.id.clone()]
    );
    // An article without events is coded all the same.
    store.put_events("v1", &[(later.id, Vec::new())]).unwrap();
    assert_eq!(store.uncoded_articles("v1").unwrap(), vec![]);
}

#[test]
fn coding_again_with_a_new_version_replaces_the_rows() {
    let (mut store, [talks, strike, _], _) = coded_store();
    let everything = EventQuery {
        include_flagged: true,
        ..query()
    };
    // v2 codes the talks as one event only.
    let one = event(
        &talks,
        0,
        "040",
        "CONSULT",
        ("rus-putin", "Vladimir Putin"),
        ("tur-erdogan", "Recep Tayyip Erdoğan"),
        Some(date(2024, 3, 4)),
        vec![],
    );
    store
        .put_events("v2", &[(talks.id.clone(), vec![one.clone()])])
        .unwrap();
    let all = store.events(&everything).unwrap();
    assert_eq!(all.len(), 4, "2 talks events replaced by 1");
    assert_eq!(all.iter().filter(|e| e.doc == talks.id).count(), 1);
    assert!(all.contains(&one));
    assert_eq!(
        store.uncoded_articles("v2").unwrap().len(),
        2,
        "the others are still v1"
    );
    // Coding again with the same version also replaces, never duplicates.
    store
        .put_events("v2", &[(talks.id.clone(), vec![one.clone()])])
        .unwrap();
    assert_eq!(store.events(&everything).unwrap().len(), 4);
    // A version that finds nothing leaves the article coded and empty.
    store
        .put_events("v3", &[(strike.id.clone(), vec![])])
        .unwrap();
    let all = store.events(&everything).unwrap();
    assert_eq!(all.len(), 2);
    assert!(all.iter().all(|e| e.doc != strike.id));
}

#[test]
fn events_of_unknown_or_other_articles_are_errors_and_write_nothing() {
    let (mut store, [talks, strike, _], _) = coded_store();
    let before = store
        .events(&EventQuery {
            include_flagged: true,
            ..query()
        })
        .unwrap();
    let stranger = article("Nobody stored this text.");
    let err = store
        .put_events(
            "v2",
            &[(talks.id.clone(), vec![]), (stranger.id.clone(), vec![])],
        )
        .unwrap_err();
    assert!(matches!(err, Error::UnknownArticle { .. }), "{err:?}");
    assert!(err.to_string().contains(stranger.id.as_str()), "{err}");

    let misfiled = event(
        &strike,
        0,
        "195",
        "ASSAULT",
        ("hamas", "Hamas"),
        ("isr", "Israel"),
        None,
        vec![],
    );
    let err = store
        .put_events("v2", &[(talks.id.clone(), vec![misfiled])])
        .unwrap_err();
    assert!(matches!(err, Error::EventArticle { .. }), "{err:?}");

    let after = store
        .events(&EventQuery {
            include_flagged: true,
            ..query()
        })
        .unwrap();
    assert_eq!(after, before, "a failed batch writes nothing");
    assert_eq!(store.uncoded_articles("v1").unwrap(), vec![]);
}

#[test]
fn events_survive_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.db");
    let a = article(TALKS);
    let e = event(
        &a,
        0,
        "041",
        "CONSULT",
        ("rus-putin", "Vladimir Putin"),
        ("tur-erdogan", "Recep Tayyip Erdoğan"),
        Some(date(2024, 3, 4)),
        vec![],
    );
    {
        let mut store = Store::open(&path).unwrap();
        store.insert_batch(std::slice::from_ref(&a)).unwrap();
        store
            .put_events("v1", &[(a.id.clone(), vec![e.clone()])])
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.events(&query()).unwrap(), vec![e]);
    assert_eq!(store.uncoded_articles("v1").unwrap(), vec![]);
    store.check().unwrap();
}
