//! Story clustering on tiny team-written examples.

use jiff::civil::date;
use sitrep_cluster::story::{Doc, StoryClusterer, StoryConfig, StoryId};

/// Six invented headlines about two events, interleaved.
const HEADLINES: [(&str, &str); 6] = [
    ("a1", "Floods sweep through Marrow Bay after record rain"),
    ("b1", "Kestrel wins chess championship final in Oslo"),
    (
        "a2",
        "Marrow Bay floods: hundreds evacuated as river bursts banks",
    ),
    (
        "b2",
        "Chess: Kestrel claims championship title after tiebreak",
    ),
    ("a3", "Rescue teams reach flooded Marrow Bay villages"),
    ("b3", "Oslo crowd cheers Kestrel chess championship win"),
];

fn cluster(config: StoryConfig, docs: impl IntoIterator<Item = Doc>) -> Vec<StoryId> {
    let mut c = StoryClusterer::new(config);
    docs.into_iter().map(|d| c.add(d)).collect()
}

#[test]
fn six_headlines_make_two_stories() {
    let ids = cluster(
        StoryConfig::default(),
        HEADLINES.iter().map(|(id, t)| Doc::new(*id, *t)),
    );
    assert_eq!(
        ids,
        [0, 1, 0, 1, 0, 1].map(StoryId),
        "story ids count up in order of creation"
    );
}

#[test]
fn refinement_keeps_a_clean_split() {
    let mut c = StoryClusterer::default();
    for (id, t) in HEADLINES {
        c.add(Doc::new(id, t));
    }
    assert_eq!(c.refine(), 0);
    let stories: Vec<Vec<&str>> = c
        .stories()
        .map(|s| s.members.iter().map(|&m| c.doc_id(m).unwrap()).collect())
        .collect();
    assert_eq!(stories, [vec!["a1", "a2", "a3"], vec!["b1", "b2", "b3"]]);
}

#[test]
fn a_high_threshold_splits_everything() {
    let config = StoryConfig {
        threshold: 1.1,
        ..StoryConfig::default()
    };
    let ids = cluster(config, HEADLINES.iter().map(|(id, t)| Doc::new(*id, *t)));
    assert_eq!(ids, (0..6).map(StoryId).collect::<Vec<_>>());
}

#[test]
fn shared_features_join_documents_without_shared_words() {
    let features = || ["actor:UN".to_string(), "place:Geneva".to_string()];
    let docs = [
        Doc::new("x", "Talks resume after a long pause").with_features(features()),
        Doc::new("y", "Negotiators meet again").with_features(features()),
    ];
    assert_eq!(
        cluster(StoryConfig::default(), docs.clone()),
        [StoryId(0), StoryId(0)]
    );
    let plain = docs.map(|d| Doc {
        features: Vec::new(),
        ..d
    });
    assert_eq!(
        cluster(StoryConfig::default(), plain),
        [StoryId(0), StoryId(1)]
    );
}

#[test]
fn the_window_keeps_old_stories_apart() {
    let text = "Marrow Bay floods after record rain";
    let ids = cluster(
        StoryConfig::default(),
        [
            Doc::new("d1", text).with_date(date(2024, 3, 1)),
            Doc::new("d2", text).with_date(date(2024, 3, 4)),
            // 13 days after the story's last document: a new story.
            Doc::new("d3", text).with_date(date(2024, 3, 17)),
            // Undated: joins by words alone, the open story (a closed
            // one loses the full decay).
            Doc::new("d4", text),
        ],
    );
    assert_eq!(ids, [0, 0, 1, 1].map(StoryId));
}

#[test]
fn consolidating_a_batch_joins_it_to_the_stories_before_it() {
    let config = StoryConfig {
        threshold: 0.95,
        merge_cosine: 0.15,
        ..StoryConfig::default()
    };
    // The first four headlines, consolidated: a floods and a chess story.
    let mut c = StoryClusterer::new(config);
    for (id, t) in &HEADLINES[..4] {
        c.add(Doc::new(*id, *t));
    }
    c.consolidate();
    let before: Vec<StoryId> = c.assignments().map(|(_, s)| s).collect();
    assert_eq!(before[0], before[2], "{before:?}");
    assert_eq!(before[1], before[3], "{before:?}");
    assert_ne!(before[0], before[1], "{before:?}");
    // The last two come alone (the high threshold splits them off) and
    // the consolidation of that batch joins each to its story.
    for (id, t) in &HEADLINES[4..] {
        c.add(Doc::new(*id, *t));
    }
    assert!(c.consolidate_from(4) > 0);
    let after: Vec<StoryId> = c.assignments().map(|(_, s)| s).collect();
    assert_eq!(&after[..4], &before[..], "earlier documents stay");
    assert_eq!(after[4], after[0], "{after:?}");
    assert_eq!(after[5], after[1], "{after:?}");
}

#[test]
fn consolidation_leaves_closed_stories_alone() {
    let text = "Marrow Bay floods after record rain";
    let mut c = StoryClusterer::new(StoryConfig {
        merge_cosine: 0.1,
        ..StoryConfig::default()
    });
    for (id, day) in [("d1", 1), ("d2", 4), ("d3", 17)] {
        c.add(Doc::new(id, text).with_date(date(2024, 3, day)));
    }
    c.consolidate();
    let ids: Vec<StoryId> = c.assignments().map(|(_, s)| s).collect();
    // The same words, but the first story had closed when the third
    // report came: they stay two stories.
    assert_eq!(ids, [0, 0, 1].map(StoryId));
    // Within the window, the same texts split apart are merged.
    let mut open = StoryClusterer::new(StoryConfig {
        threshold: 1.1,
        merge_cosine: 0.1,
        ..StoryConfig::default()
    });
    for (id, day) in [("d1", 1), ("d2", 2), ("d3", 3)] {
        open.add(Doc::new(id, text).with_date(date(2024, 3, day)));
    }
    assert!(open.consolidate() > 0);
    let ids: Vec<StoryId> = open.assignments().map(|(_, s)| s).collect();
    assert_eq!(ids, [0, 0, 0].map(StoryId));
}

#[test]
fn a_late_report_of_the_same_event_joins_a_closed_story() {
    let event = "event:CONSULT:person:a|person:b".to_string();
    let ids = cluster(
        StoryConfig::default(),
        [
            Doc::new(
                "r1",
                "Leaders A and B spoke by phone about the harbour dispute",
            )
            .with_date(date(2024, 3, 1))
            .with_features([event.clone()]),
            Doc::new("o1", "Unrelated election news from Westland").with_date(date(2024, 3, 20)),
            // 25 days later: past the 7-day window, within the 30-day anchor window.
            Doc::new(
                "r2",
                "Weeks ago leaders A and B spoke by phone about the harbour",
            )
            .with_date(date(2024, 3, 26))
            .with_features([event.clone()]),
        ],
    );
    assert_eq!(ids[2], StoryId(0), "{ids:?}");
    // Without the event key the same late report starts a new story.
    let ids = cluster(
        StoryConfig::default(),
        [
            Doc::new(
                "r1",
                "Leaders A and B spoke by phone about the harbour dispute",
            )
            .with_date(date(2024, 3, 1)),
            Doc::new("o1", "Unrelated election news from Westland").with_date(date(2024, 3, 20)),
            Doc::new(
                "r2",
                "Weeks ago leaders A and B spoke by phone about the harbour",
            )
            .with_date(date(2024, 3, 26)),
        ],
    );
    assert_eq!(ids, [0, 1, 2].map(StoryId));
}

#[test]
fn the_people_gate_keeps_stories_of_other_people_apart() {
    let config = StoryConfig {
        gate_prefix: Some("person:".into()),
        ..StoryConfig::default()
    };
    let people = |a: &str, b: &str| vec![format!("person:{a}"), format!("person:{b}")];
    let docs = [
        Doc::new(
            "p1",
            "Diplomats met in the capital to discuss the war and a ceasefire",
        )
        .with_features(people("x", "y")),
        Doc::new(
            "p2",
            "Diplomats met in the capital to discuss the war and a truce",
        )
        .with_features(people("x", "z")),
        Doc::new(
            "p3",
            "Diplomats met in the capital to discuss the war and a ceasefire",
        )
        .with_features(people("u", "v")),
    ];
    assert_eq!(cluster(config, docs.clone()), [0, 0, 1].map(StoryId));
    assert_eq!(
        cluster(StoryConfig::default(), docs),
        [0, 0, 0].map(StoryId)
    );
}

#[test]
fn empty_documents_start_their_own_stories() {
    let ids = cluster(
        StoryConfig::default(),
        [
            Doc::new("e1", ""),
            Doc::new("e2", "the of and"),
            Doc::new("e3", ""),
        ],
    );
    assert_eq!(ids, [0, 1, 2].map(StoryId));
}

#[test]
fn a_reloaded_clusterer_continues_as_one_long_run() {
    let docs: Vec<Doc> = HEADLINES
        .iter()
        .enumerate()
        .map(|(i, (id, t))| Doc::new(*id, *t).with_date(date(2024, 5, 1 + 3 * i as i8)))
        .collect();
    let mut one = StoryClusterer::default();
    let all: Vec<StoryId> = docs.iter().map(|d| one.add(d.clone())).collect();

    let mut first = StoryClusterer::default();
    let mut ids: Vec<StoryId> = docs[..3].iter().map(|d| first.add(d.clone())).collect();
    let saved = serde_json::to_string(&first).unwrap();
    let mut second: StoryClusterer = serde_json::from_str(&saved).unwrap();
    ids.extend(docs[3..].iter().map(|d| second.add(d.clone())));
    assert_eq!(ids, all);
    assert_eq!(
        serde_json::to_string(&second).unwrap(),
        serde_json::to_string(&one).unwrap()
    );
}

#[test]
fn config_rejects_unknown_keys_and_fills_defaults() {
    let c: StoryConfig = serde_json::from_str(r#"{"threshold": 0.2}"#).unwrap();
    assert_eq!(c.threshold, 0.2);
    assert_eq!(c.window_days, StoryConfig::default().window_days);
    let err = serde_json::from_str::<StoryConfig>(r#"{"treshold": 0.2}"#).unwrap_err();
    assert!(err.to_string().contains("unknown field"), "{err}");
}

#[test]
fn state_round_trips_and_bad_state_is_an_error() {
    let mut c = StoryClusterer::default();
    for (id, t) in HEADLINES {
        c.add(Doc::new(id, t));
    }
    let json = c.to_json().unwrap();
    let back = StoryClusterer::from_json(&json).unwrap();
    assert_eq!(back.to_json().unwrap(), json);
    assert!(StoryClusterer::from_json("{").is_err());
    let broken = json.replacen("\"story\":0", "\"story\":99", 1);
    assert_ne!(broken, json);
    let err = StoryClusterer::from_json(&broken).unwrap_err();
    assert!(err.to_string().contains("inconsistent"), "{err}");
}

#[test]
fn consolidation_merges_stories_the_online_pass_split() {
    // A threshold too high for these texts splits every headline apart.
    let config = StoryConfig {
        threshold: 0.95,
        merge_cosine: 0.3,
        ..StoryConfig::default()
    };
    let mut c = StoryClusterer::new(config);
    let online: Vec<StoryId> = HEADLINES
        .iter()
        .map(|(id, t)| c.add(Doc::new(*id, *t)))
        .collect();
    let distinct: std::collections::BTreeSet<StoryId> = online.iter().copied().collect();
    assert!(distinct.len() > 2, "{online:?}");
    assert!(c.consolidate() > 0);
    let after: Vec<StoryId> = c.assignments().map(|(_, s)| s).collect();
    let groups: std::collections::BTreeSet<StoryId> = after.iter().copied().collect();
    assert!(groups.len() < distinct.len(), "{after:?}");
    // Every document still in exactly one non-empty story.
    assert_eq!(after.len(), HEADLINES.len());
}
