//! `update` over a store: articles arriving one at a time (as through the
//! server) and all at once end in stories that hold together — every
//! article in one story, no story without articles, no fused events of a
//! story that is gone — and the consolidation makes the stream's stories
//! those of the batch.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use sitrep_model::Article;
use sitrep_pipeline::{update, Models};
use sitrep_store::Store;

fn example_corpus() -> Vec<Article> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    // Every file but the corpus's README, as `sitrep demo` reads it.
    let mut files: Vec<String> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_none_or(|x| x != "md"))
        .map(|e| e.path().display().to_string())
        .collect();
    files.sort();
    let articles = sitrep_ingest::read_articles(&files, &sitrep_ingest::ReadOptions::default());
    assert!(articles.len() > 20, "example corpus: {}", articles.len());
    articles
}

/// The stories as sets of article ids, checking that they hold together.
fn partition(store: &Store) -> BTreeSet<BTreeSet<String>> {
    let assigned = store.story_assignments().unwrap();
    let mut by_story: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (doc, story) in &assigned {
        by_story
            .entry(story.clone())
            .or_default()
            .insert(doc.as_str().to_string());
    }
    let articles = store.articles().unwrap();
    assert_eq!(assigned.len(), articles.len(), "every article in a story");
    let rows = store.stories().unwrap();
    let ids: BTreeSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let with_members: BTreeSet<&str> = by_story.keys().map(String::as_str).collect();
    assert_eq!(
        ids, with_members,
        "a story row for each story with articles, and only those"
    );
    for row in &rows {
        assert_eq!(row.articles as usize, by_story[&row.id].len(), "{}", row.id);
    }
    by_story.into_values().collect()
}

#[test]
fn one_at_a_time_ends_as_all_at_once() {
    let models = Models::shipped().unwrap();
    let articles = example_corpus();

    let mut batch = Store::open_in_memory().unwrap();
    batch.insert_batch(&articles).unwrap();
    update(&mut batch, &models).unwrap();
    let all_at_once = partition(&batch);

    let mut stream = Store::open_in_memory().unwrap();
    let mut story_ids = BTreeSet::new();
    let mut clustered = 0;
    for a in &articles {
        // (An article the store already holds, from another file of the
        // corpus, is not stored again and clusters nothing.)
        stream.insert_batch(std::slice::from_ref(a)).unwrap();
        clustered += update(&mut stream, &models).unwrap();
        partition(&stream);
        story_ids.extend(stream.stories().unwrap().into_iter().map(|s| s.id));
    }
    assert_eq!(clustered, stream.articles().unwrap().len());
    // Nothing new: nothing changes.
    assert_eq!(update(&mut stream, &models).unwrap(), 0);
    let one_at_a_time = partition(&stream);
    assert_eq!(one_at_a_time, all_at_once);
    // Fused events only for the stories that are left.
    let left: BTreeSet<String> = stream
        .stories()
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    for gone in story_ids.difference(&left) {
        assert_eq!(stream.fused_event_count(gone).unwrap(), 0, "{gone}");
    }
    for story in &left {
        assert!(stream.fused_event_count(story).unwrap() > 0, "{story}");
    }
}
