//! Stories in the store: assignments in order, the clusterer state, summaries,
//! fused events, going on from a saved run and starting again.

use jiff::civil::date;
use sitrep_model::{Article, DatePrecision, Dateline, DatelineSource, DocId, InputFormat, Source};
use sitrep_store::{Error, Store, StoryRow};

fn article(text: &str, day: i8) -> Article {
    let mut a = Article::new(text.to_string(), Source::new("t.txt", InputFormat::Text));
    a.dateline = Some(Dateline {
        date: date(2024, 6, day),
        time: None,
        utc_offset_minutes: None,
        precision: DatePrecision::Day,
        source: DatelineSource::TextHeader,
    });
    a
}

fn row(id: &str, n: u64) -> StoryRow {
    StoryRow {
        id: id.into(),
        title: format!("title of {id}"),
        first_date: Some(date(2024, 6, 1)),
        last_date: Some(date(2024, 6, 3)),
        articles: n,
        sources: 1,
    }
}

#[test]
fn stories_go_on_from_a_saved_run() {
    let mut store = Store::open_in_memory().unwrap();
    let [a, b, c] = [
        article("Harbour strike in Portvale enters third day.", 3),
        article("Portvale harbour strike: talks resume.", 1),
        article("Millbrook bridge reopens.", 2),
    ];
    store
        .insert_batch(&[a.clone(), b.clone(), c.clone()])
        .unwrap();
    // Oldest dateline first.
    assert_eq!(
        store.unclustered_articles().unwrap(),
        [b.id.clone(), c.id.clone(), a.id.clone()]
    );
    store
        .put_stories(
            false,
            &[(b.id.clone(), "s1".into()), (c.id.clone(), "s2".into())],
            ("v1", "{}"),
            &[row("s1", 1), row("s2", 1)],
        )
        .unwrap();
    assert_eq!(
        store.unclustered_articles().unwrap(),
        std::slice::from_ref(&a.id)
    );
    assert_eq!(
        store.cluster_state().unwrap(),
        Some(("v1".into(), "{}".into()))
    );
    store
        .put_stories(
            false,
            &[(a.id.clone(), "s1".into())],
            ("v1", "{\"n\":3}"),
            &[row("s1", 2)],
        )
        .unwrap();
    assert_eq!(
        store.story_articles("s1").unwrap(),
        [b.id.clone(), a.id.clone()]
    );
    let stories = store.stories().unwrap();
    assert_eq!(stories.len(), 2);
    assert_eq!(stories.iter().find(|s| s.id == "s1").unwrap().articles, 2);
    // Starting again drops everything first.
    store
        .put_stories(
            true,
            &[(c.id.clone(), "t1".into())],
            ("v2", "{}"),
            &[row("t1", 1)],
        )
        .unwrap();
    assert_eq!(store.stories().unwrap().len(), 1);
    assert_eq!(
        store.story_assignments().unwrap(),
        [(c.id.clone(), "t1".to_string())]
    );
}

#[test]
fn unknown_articles_are_errors_and_write_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let a = article("Harbour strike in Portvale.", 1);
    store.insert_batch(std::slice::from_ref(&a)).unwrap();
    let ghost = article("Never stored.", 1);
    let err = store
        .put_stories(
            false,
            &[(a.id.clone(), "s1".into()), (ghost.id.clone(), "s1".into())],
            ("v", "{}"),
            &[row("s1", 2)],
        )
        .unwrap_err();
    assert!(matches!(err, Error::UnknownArticle { .. }), "{err}");
    assert!(store.story_assignments().unwrap().is_empty());
    assert!(store.stories().unwrap().is_empty());
    assert!(store.cluster_state().unwrap().is_none());
}

#[test]
fn events_filter_by_story() {
    let mut store = Store::open_in_memory().unwrap();
    let a = article("Harbour strike in Portvale.", 1);
    store.insert_batch(std::slice::from_ref(&a)).unwrap();
    store
        .put_events("v", &[(a.id.clone(), Vec::new())])
        .unwrap();
    store
        .put_stories(
            false,
            &[(a.id.clone(), "s1".into())],
            ("v", "{}"),
            &[row("s1", 1)],
        )
        .unwrap();
    let q = |story: &str| sitrep_store::EventQuery {
        story: Some(story.into()),
        include_flagged: true,
        ..Default::default()
    };
    // No events coded: both empty, but the unknown story must not error.
    assert!(store.events(&q("s1")).unwrap().is_empty());
    assert!(store.events(&q("nope")).unwrap().is_empty());
}

#[test]
fn fused_events_are_replaced_per_story() {
    let mut store = Store::open_in_memory().unwrap();
    assert!(store.fused_events("s1").unwrap().is_empty());
    store.put_fused_events("s1", &[]).unwrap();
    assert!(store.fused_events("s1").unwrap().is_empty());

    let event = |id: &str| -> sitrep_model::FusedEvent {
        let side = serde_json::json!({"actor": "country:ABC", "name": "Abc",
            "span": {"start": 0, "end": 3}, "surface": "Abc"});
        serde_json::from_value(serde_json::json!({
            "id": id, "cameo": "040", "label": "Consult", "plover": "CONSULT",
            "source": side, "target": side, "mutual": true, "historical": false,
            "reports": [], "num_sources": 1, "num_articles": 1
        }))
        .unwrap()
    };
    store
        .put_fused_events("s1", &[event("a"), event("b")])
        .unwrap();
    store.put_fused_events("s2", &[event("c")]).unwrap();
    for (story, n) in [("s1", 2), ("s2", 1), ("s3", 0)] {
        assert_eq!(store.fused_event_count(story).unwrap(), n, "{story}");
        assert_eq!(
            store.fused_events(story).unwrap().len() as u64,
            n,
            "{story}"
        );
    }
}

#[test]
fn a_merged_story_goes_and_moved_articles_keep_their_place() {
    let mut store = Store::open_in_memory().unwrap();
    let [a, b, c] = [
        article("Harbour strike in Portvale enters third day.", 1),
        article("Millbrook bridge reopens.", 2),
        article("Portvale harbour strike: talks resume.", 3),
    ];
    store
        .insert_batch(&[a.clone(), b.clone(), c.clone()])
        .unwrap();
    store
        .put_stories(
            false,
            &[
                (a.id.clone(), "s1".into()),
                (b.id.clone(), "s2".into()),
                (c.id.clone(), "s3".into()),
            ],
            ("v1", "{}"),
            &[row("s1", 1), row("s2", 1), row("s3", 1)],
        )
        .unwrap();
    let side = serde_json::json!({"actor": "country:ABC", "name": "Abc",
        "span": {"start": 0, "end": 3}, "surface": "Abc"});
    let fused: sitrep_model::FusedEvent = serde_json::from_value(serde_json::json!({
        "id": "e", "cameo": "040", "label": "Consult", "plover": "CONSULT",
        "source": side, "target": side, "mutual": true, "historical": false,
        "reports": [], "num_sources": 1, "num_articles": 1
    }))
    .unwrap();
    store
        .put_fused_events("s3", std::slice::from_ref(&fused))
        .unwrap();
    store
        .put_fused_events("s2", std::slice::from_ref(&fused))
        .unwrap();
    // The consolidation merges s3 into s1: c moves, s3 is left empty.
    store
        .put_stories(
            false,
            &[(c.id.clone(), "s1".into())],
            ("v1", "{\"n\":3}"),
            &[row("s1", 2)],
        )
        .unwrap();
    let ids: Vec<String> = store.stories().unwrap().into_iter().map(|s| s.id).collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(!ids.contains(&"s3".to_string()), "{ids:?}");
    assert_eq!(store.fused_event_count("s3").unwrap(), 0);
    assert_eq!(store.fused_event_count("s2").unwrap(), 1, "s2 untouched");
    assert_eq!(
        store.story_articles("s1").unwrap(),
        [a.id.clone(), c.id.clone()]
    );
    // c kept its place in the clustering order (after b).
    let order: Vec<DocId> = store
        .story_assignments()
        .unwrap()
        .into_iter()
        .map(|(d, _)| d)
        .collect();
    assert_eq!(order, [a.id.clone(), b.id.clone(), c.id.clone()]);
}

#[test]
fn signatures_and_near_duplicate_families() {
    let mut store = Store::open_in_memory().unwrap();
    let [a, b, c] = [
        article("Harbour strike in Portvale enters third day.", 1),
        article("Harbour strike in Portvale enters its third day.", 1),
        article("Millbrook bridge reopens.", 2),
    ];
    store
        .insert_batch(&[a.clone(), b.clone(), c.clone()])
        .unwrap();
    assert_eq!(store.unsigned_articles("v1").unwrap().len(), 3);
    store
        .put_signatures(
            "v1",
            &[
                (a.id.clone(), "[1,2]".into()),
                (b.id.clone(), "[1,3]".into()),
            ],
        )
        .unwrap();
    assert_eq!(
        store.unsigned_articles("v1").unwrap(),
        std::slice::from_ref(&c.id)
    );
    assert_eq!(
        store.unsigned_articles("v2").unwrap().len(),
        3,
        "another version signs again"
    );
    assert_eq!(store.signatures("v1").unwrap().len(), 2);
    let family = a.id.clone().min(b.id.clone());
    store
        .put_families(&[(a.id.clone(), family.clone()), (b.id.clone(), family)])
        .unwrap();
    assert_eq!(
        store.near_duplicates_of(&a.id).unwrap(),
        std::slice::from_ref(&b.id)
    );
    assert!(store.near_duplicates_of(&c.id).unwrap().is_empty());
    let ghost = article("Never stored.", 1);
    assert!(store
        .put_signatures("v1", &[(ghost.id, "[]".into())])
        .is_err());
}
