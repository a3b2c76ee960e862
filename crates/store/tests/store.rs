//! The store through its public API: round trips, duplicates, id lookup, search,
//! migrations and the file format.

use jiff::civil::{date, time};
use serde_json::json;
use sitrep_model::{Article, DatePrecision, Dateline, DatelineSource, InputFormat, Source};
use sitrep_store::{Counts, Error, Outcome, Store, SCHEMA_VERSION};

fn source(origin: &str, outlet: &str, title: &str) -> Source {
    Source {
        origin: origin.to_string(),
        format: InputFormat::Text,
        outlet: Some(outlet.to_string()),
        url: None,
        title: Some(title.to_string()),
        dateline: Some(Dateline::day(date(2024, 3, 5), DatelineSource::TextHeader)),
        removed_lines: Vec::new(),
    }
}

fn article(text: &str, origin: &str) -> Article {
    titled(text, origin, "Ferry strike")
}

fn titled(text: &str, origin: &str, title: &str) -> Article {
    Article::new(text.to_string(), source(origin, "Harbour Gazette", title))
}

const FERRY: &str = "Ferry crews in Portvale walked out on Tuesday.\n\nThe harbour \
                     authority said 14 sailings were cancelled.";
const BRIDGE: &str = "The old bridge at Millbrook reopened after repairs.";
const MINISTER: &str = "Foreign minister Erdoğan Kaya met harbour officials in Portvale.";

#[test]
fn article_round_trips_with_sources_metadata_and_dateline() {
    let mut store = Store::open_in_memory().unwrap();
    let mut a = Article::new(
        FERRY.to_string(),
        Source {
            origin: "feeds/harbour.jsonl#record=3".to_string(),
            format: InputFormat::JsonLines,
            outlet: Some("Harbour Gazette".to_string()),
            url: Some("https://gazette.example/ferry".to_string()),
            title: Some("Ferry crews strike".to_string()),
            dateline: Some(Dateline {
                date: date(2024, 3, 5),
                time: Some(time(14, 30, 0, 0)),
                utc_offset_minutes: Some(-300),
                precision: DatePrecision::Minute,
                source: DatelineSource::JsonField,
            }),
            removed_lines: vec!["Share this article".to_string()],
        },
    );
    a.language = Some("eng".to_string());
    a.metadata
        .insert("tags".to_string(), json!(["strike", "ferry"]));
    a.metadata.insert("wordcount".to_string(), json!(17));
    a.sources.push(Source {
        origin: "pages/ferry.html".to_string(),
        format: InputFormat::Html,
        outlet: Some("Coast Daily".to_string()),
        url: None,
        title: None,
        dateline: None,
        removed_lines: Vec::new(),
    });

    assert_eq!(
        store.insert_batch(&[a.clone()]).unwrap(),
        vec![Outcome::New]
    );
    let back = store
        .article(a.id.as_str())
        .unwrap()
        .expect("stored article");
    assert_eq!(back, a);
    assert_eq!(
        store.counts().unwrap(),
        Counts {
            articles: 1,
            sources: 2
        }
    );
    store.check().unwrap();
}

#[test]
fn duplicates_add_sources_once() {
    let mut store = Store::open_in_memory().unwrap();
    let first = article(FERRY, "a.txt");
    // Same report, other carrier, typography and spacing changed.
    let copy = article(&FERRY.replace("  ", " ").to_uppercase(), "b.txt");
    assert_eq!(first.id, copy.id);

    let outcomes = store
        .insert_batch(&[first.clone(), article(BRIDGE, "c.txt")])
        .unwrap();
    assert_eq!(outcomes, vec![Outcome::New, Outcome::New]);
    let dump = store.dump().unwrap();

    assert_eq!(
        store.insert_batch(std::slice::from_ref(&copy)).unwrap(),
        vec![Outcome::NewSource]
    );
    let stored = store.article(first.id.as_str()).unwrap().unwrap();
    let origins: Vec<_> = stored.sources.iter().map(|s| s.origin.as_str()).collect();
    assert_eq!(origins, ["a.txt", "b.txt"]);
    // The article keeps the text of the first source seen.
    assert_eq!(stored.text, FERRY);
    let counts = store.counts().unwrap();
    assert_eq!(
        counts,
        Counts {
            articles: 2,
            sources: 3
        }
    );

    assert_eq!(
        store.insert_batch(&[copy]).unwrap(),
        vec![Outcome::AlreadyStored]
    );
    assert_eq!(store.counts().unwrap(), counts);

    // Re-inserting the first batch changes nothing.
    let after_copy = store.dump().unwrap();
    assert_ne!(after_copy, dump);
    let again = store
        .insert_batch(&[first, article(BRIDGE, "c.txt")])
        .unwrap();
    assert_eq!(again, vec![Outcome::AlreadyStored, Outcome::AlreadyStored]);
    assert_eq!(store.dump().unwrap(), after_copy);
    store.check().unwrap();
}

#[test]
fn duplicate_within_one_batch_is_a_new_source() {
    let mut store = Store::open_in_memory().unwrap();
    let outcomes = store
        .insert_batch(&[article(BRIDGE, "x.txt"), article(BRIDGE, "y.txt")])
        .unwrap();
    assert_eq!(outcomes, vec![Outcome::New, Outcome::NewSource]);
    assert_eq!(store.counts().unwrap().sources, 2);
}

#[test]
fn two_ingests_of_the_same_input_dump_identically() {
    let batch = [
        article(FERRY, "a.txt"),
        article(BRIDGE, "b.txt"),
        article(FERRY, "c.txt"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let dumps: Vec<String> = ["one.db", "two.db"]
        .iter()
        .map(|name| {
            let mut store = Store::open(&dir.path().join(name)).unwrap();
            store.insert_batch(&batch).unwrap();
            store.dump().unwrap()
        })
        .collect();
    assert_eq!(dumps[0], dumps[1]);
    assert_eq!(dumps[0].lines().count(), 2 + 3);
    assert!(dumps[0]
        .lines()
        .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()));
}

#[test]
fn lookup_by_prefix() {
    let mut store = Store::open_in_memory().unwrap();
    // Find two texts whose ids share their first 4 hex digits.
    let mut by_prefix = std::collections::HashMap::new();
    let (a, b) = (0..)
        .map(|n| article(&format!("Report number {n} from Portvale."), "p.txt"))
        .find_map(|a| {
            let key = a.id.as_str()[..4].to_string();
            by_prefix.insert(key, a.clone()).map(|earlier| (earlier, a))
        })
        .unwrap();
    store.insert_batch(&[a.clone(), b.clone()]).unwrap();

    let prefix = &a.id.as_str()[..4];
    match store.article(prefix) {
        Err(Error::AmbiguousId {
            prefix: p,
            candidates,
        }) => {
            assert_eq!(p, prefix);
            let mut expected = vec![a.id.to_string(), b.id.to_string()];
            expected.sort();
            assert_eq!(candidates, expected);
        }
        other => panic!("expected an ambiguous id, got {other:?}"),
    }

    // The shortest unique prefix, upper case, finds each.
    for x in [&a, &b] {
        let unique = (5..=32)
            .map(|n| &x.id.as_str()[..n])
            .find(|p| !(a.id.as_str().starts_with(p) && b.id.as_str().starts_with(p)))
            .unwrap();
        let found = store.article(&unique.to_uppercase()).unwrap().unwrap();
        assert_eq!(found.id, x.id);
        assert_eq!(store.article(x.id.as_str()).unwrap().unwrap().text, x.text);
    }

    // A well-formed id nobody has.
    let missing = "0123456789abcdef0123456789abcdef";
    assert!(![&a, &b].iter().any(|x| x.id.as_str() == missing));
    assert_eq!(store.article(missing).unwrap(), None);

    for bad in ["abc", "xyz123", "", &format!("{}0", a.id)] {
        assert!(
            matches!(store.article(bad), Err(Error::InvalidId { .. })),
            "{bad:?} should be rejected"
        );
    }
}

#[test]
fn listing_sorts_by_date_then_outlet_then_id() {
    let mut store = Store::open_in_memory().unwrap();
    let dated = |text: &str, outlet: &str, day: Option<i8>| {
        let mut s = source("l.txt", outlet, "t");
        s.dateline = day.map(|d| Dateline::day(date(2024, 3, d), DatelineSource::TextHeader));
        Article::new(text.to_string(), s)
    };
    let undated = dated("Undated note.", "Alpha", None);
    let late = dated("Late report.", "Alpha", Some(9));
    let early_b = dated("Early report, Beta.", "Beta", Some(2));
    let early_a = dated("Early report, Alpha.", "Alpha", Some(2));
    let mut extra = dated(FERRY, "Alpha", Some(9));
    extra.sources.push(source("second.txt", "Beta", "t"));
    store
        .insert_batch(&[
            undated.clone(),
            late.clone(),
            early_b.clone(),
            early_a.clone(),
            extra.clone(),
        ])
        .unwrap();

    let list = store.articles().unwrap();
    let mut late_pair = [late.id.clone(), extra.id.clone()];
    late_pair.sort();
    let expected = [
        early_a.id.clone(),
        early_b.id.clone(),
        late_pair[0].clone(),
        late_pair[1].clone(),
        undated.id.clone(),
    ];
    let ids: Vec<_> = list.iter().map(|s| s.id.clone()).collect();
    assert_eq!(ids, expected);
    // Pages are slices of the same order.
    let page: Vec<_> = store
        .articles_page(Some(2), 2)
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(page, expected[2..4]);
    assert_eq!(store.articles_page(Some(10), 4).unwrap().len(), 1);

    let summary = list.iter().find(|s| s.id == extra.id).unwrap();
    assert_eq!(summary.sources, 2);
    assert_eq!(summary.chars, FERRY.chars().count());
    assert_eq!(summary.outlet.as_deref(), Some("Alpha"));
    assert_eq!(summary.dateline.as_ref().unwrap().date, date(2024, 3, 9));
    let minister = Article::new(MINISTER.to_string(), source("m.txt", "Alpha", "t"));
    store.insert_batch(std::slice::from_ref(&minister)).unwrap();
    let m = store
        .articles()
        .unwrap()
        .into_iter()
        .find(|s| s.id == minister.id)
        .unwrap();
    // Characters, not bytes: "ğ" is two bytes.
    assert_eq!(m.chars, MINISTER.len() - 1);
}

#[test]
fn search_finds_ranks_and_folds_diacritics() {
    let mut store = Store::open_in_memory().unwrap();
    let ferry = titled(FERRY, "a.txt", "Ferry strike");
    let bridge = titled(BRIDGE, "b.txt", "Bridge reopens");
    let minister = titled(MINISTER, "c.txt", "Minister visits");
    let harbour_title = Article::new(
        "Officials from the harbour met on Monday.".to_string(),
        source("d.txt", "Coast Daily", "Harbour harbour talks"),
    );
    store
        .insert_batch(&[
            ferry.clone(),
            bridge.clone(),
            minister.clone(),
            harbour_title.clone(),
        ])
        .unwrap();

    let hits = store.search("bridge", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, bridge.id);
    assert!(
        hits[0].snippet.to_lowercase().contains("«bridge»"),
        "{}",
        hits[0].snippet
    );
    assert_eq!(hits[0].outlet.as_deref(), Some("Harbour Gazette"));

    // "harbour" is in three articles; the one with it twice in the title ranks first.
    let hits = store.search("harbour", 10).unwrap();
    assert_eq!(hits.len(), 3);
    assert_eq!(hits[0].id, harbour_title.id);
    assert!(hits.windows(2).all(|w| w[0].rank >= w[1].rank));
    assert_eq!(store.search("harbour", 2).unwrap().len(), 2);

    // Diacritics and case fold both ways.
    let hits = store.search("erdogan", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, minister.id);
    assert!(hits[0].snippet.contains("«Erdoğan»"), "{}", hits[0].snippet);
    assert_eq!(store.search("PORTVALE", 10).unwrap().len(), 2);

    // FTS5 syntax works.
    let hits = store.search("portvale NOT ferry", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, minister.id);
    assert_eq!(store.search("\"harbour authority\"", 10).unwrap().len(), 1);

    // Broken syntax is searched as plain words.
    assert_eq!(store.search("\"unbalanced", 10).unwrap(), vec![]);
    assert_eq!(store.search("AND OR (", 10).unwrap(), vec![]);
    let hits = store.search("\"bridge (", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, bridge.id);
    assert_eq!(store.search("nosuchcolumn:bridge", 10).unwrap().len(), 0);
    assert_eq!(store.search("", 10).unwrap(), vec![]);
    assert_eq!(store.search("( )", 10).unwrap(), vec![]);
}

#[test]
fn the_index_catches_up_after_ingest_and_on_search() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sitrep.db");
    let mut store = Store::open(&path).unwrap();
    store.insert_batch(&[article(FERRY, "a.txt")]).unwrap();
    assert_eq!(store.unindexed().unwrap(), 1, "storing does not index");
    assert_eq!(store.update_index().unwrap(), 1);
    assert_eq!(store.update_index().unwrap(), 0, "nothing left to index");
    let later = "Volunteers in Harwick rebuilt the footbridge over the canal on Saturday.";
    store.insert_batch(&[article(later, "b.txt")]).unwrap();
    assert_eq!(store.unindexed().unwrap(), 1);
    drop(store);
    // Another process (here: a reopened store) searches: the index catches up.
    let store = Store::open(&path).unwrap();
    let hits = store.search("footbridge", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(store.unindexed().unwrap(), 0);
    store.check().unwrap();
}

#[test]
fn reopening_keeps_data_and_uses_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sitrep.db");
    {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(SCHEMA_VERSION, 8);
        store.insert_batch(&[article(FERRY, "a.txt")]).unwrap();
    }
    let dump = {
        let store = Store::open(&path).unwrap();
        assert_eq!(store.counts().unwrap().articles, 1);
        store.dump().unwrap()
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.dump().unwrap(), dump);
    assert_eq!(store.search("ferry", 5).unwrap().len(), 1);

    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn open_errors_name_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_db = dir.path().join("notes.txt");
    std::fs::write(
        &not_a_db,
        "these are not the pages you are looking for, ".repeat(100),
    )
    .unwrap();
    let err = Store::open(&not_a_db).unwrap_err();
    assert!(matches!(err, Error::Open { .. }), "{err:?}");
    assert!(err.to_string().contains("notes.txt"), "{err}");

    let missing_dir = dir.path().join("no/such/dir/sitrep.db");
    let err = Store::open(&missing_dir).unwrap_err();
    assert!(err.to_string().contains("no/such/dir"), "{err}");
}

#[test]
fn newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(Store::open(&path).unwrap());
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::Migration { .. }), "{err:?}");
    assert!(err.to_string().contains("future.db"), "{err}");
}

#[test]
fn two_writers_on_one_file_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    drop(Store::open(&path).unwrap());
    std::thread::scope(|s| {
        for writer in 0..2 {
            let path = &path;
            s.spawn(move || {
                let mut store = Store::open(path).unwrap();
                for n in 0..25 {
                    let text = format!("Writer {writer} filed dispatch {n} from Portvale.");
                    let outcomes = store
                        .insert_batch(&[article(&text, &format!("w{writer}.txt"))])
                        .unwrap();
                    assert_eq!(outcomes, vec![Outcome::New]);
                }
            });
        }
    });
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.counts().unwrap(),
        Counts {
            articles: 50,
            sources: 50
        }
    );
    store.check().unwrap();
}
