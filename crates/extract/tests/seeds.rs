//! The seed reports (read from ../shared at test time, skipped when absent):
//! every mention of the people they name resolves to one actor each, and
//! mentions' spans are their text. `sitrep eval entities` checks the same
//! facts name by name from its gold file.

use std::path::Path;

use sitrep_extract::Resolver;
use sitrep_ingest::{read_articles, Article, ReadOptions};

fn seeds() -> Option<Vec<Article>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    if !dir.is_dir() {
        eprintln!("skipping: {} not found", dir.display());
        return None;
    }
    Some(read_articles(
        &[dir.display().to_string()],
        &ReadOptions::default(),
    ))
}

#[test]
fn named_people_resolve_to_one_actor_each() {
    let Some(articles) = seeds() else { return };
    assert_eq!(articles.len(), 5);
    let resolver = Resolver::shipped().expect("resolver");
    let people = [
        ("putin", "person:vladimir-putin"),
        ("raisi", "person:ebrahim-raisi"),
        ("netanyahu", "person:benjamin-netanyahu"),
        ("abbas", "person:mahmoud-abbas"),
        ("assad", "person:bashar-al-assad"),
        ("sisi", "person:abdel-fattah-el-sisi"),
        ("khaji", "person:ali-asghar-khaji"),
        ("lavrentiev", "person:alexander-lavrentiev"),
        ("ahmadian", "person:ali-akbar-ahmadian"),
        ("ushakov", "person:yuri-ushakov"),
    ];
    let mut counts = vec![0usize; people.len()];
    for a in &articles {
        let e = resolver.entities(a);
        for m in &e.mentions {
            assert_eq!(m.span.slice(&a.text).ok(), Some(m.surface.as_str()));
            let lower = m.surface.to_lowercase();
            for (k, (name, id)) in people.iter().enumerate() {
                if lower.contains(name) {
                    counts[k] += 1;
                    assert_eq!(
                        m.actor.as_ref().map(|x| x.0.as_str()),
                        Some(*id),
                        "{:?} in {}",
                        m.surface,
                        a.id
                    );
                }
            }
            if lower.contains("jamshidi") {
                let actor = e.actors.iter().find(|x| Some(&x.id) == m.actor.as_ref());
                assert_eq!(actor.and_then(|x| x.country.as_deref()), Some("IRN"));
            }
        }
    }
    assert!(counts.iter().all(|&c| c > 0), "{counts:?}");
}
