//! The seed reports (read from ../shared at test time, skipped when absent):
//! the outlet's own loaded vocabulary in one report, a loaded epithet quoted
//! from its speaker in another.

use std::path::Path;

use sitrep_extract::Resolver;
use sitrep_fuse::framing::{FramingInput, Lexicon};
use sitrep_ingest::{read_named_articles, Article, ReadOptions};
use sitrep_model::{Span, TermUse, Voice};

fn seeds() -> Option<Vec<(String, Article)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    if !dir.is_dir() {
        eprintln!("skipping: {} not found", dir.display());
        return None;
    }
    Some(read_named_articles(
        &[dir.display().to_string()],
        &ReadOptions::default(),
    ))
}

fn uses_of(a: &Article, resolver: &Resolver, lexicon: &Lexicon) -> Vec<TermUse> {
    let analysis = resolver.analyse(a);
    let sentences: Vec<Span> = analysis
        .segmented
        .sentences
        .iter()
        .map(|s| s.span)
        .collect();
    let uses = lexicon.uses(&FramingInput {
        doc: &a.id,
        outlet: a.outlet.as_deref(),
        text: &a.text,
        sentences: &sentences,
        mentions: &analysis.entities.mentions,
        actors: &analysis.entities.actors,
    });
    for u in &uses {
        assert_eq!(
            &a.text[u.span.start as usize..u.span.end as usize],
            u.surface
        );
    }
    uses
}

fn show(uses: &[TermUse]) -> String {
    uses.iter()
        .map(|u| {
            let voice = match &u.voice {
                Voice::Outlet => "outlet".to_string(),
                Voice::Quoted { speaker } => {
                    format!("quoted({})", speaker.as_ref().map_or("?", |s| s.label()))
                }
            };
            format!(
                "  {:?} [{}{}] {}\n",
                u.surface,
                u.referent,
                u.lean
                    .as_deref()
                    .map(|l| format!(", {l}"))
                    .unwrap_or_default(),
                voice
            )
        })
        .collect()
}

#[test]
fn loaded_terms_in_the_outlets_voice_and_an_epithet_quoted_from_its_speaker() {
    let Some(seeds) = seeds() else { return };
    let resolver = Resolver::shipped().unwrap();
    let lexicon = Lexicon::shipped().unwrap();
    let get = |prefix: &str| &seeds.iter().find(|(n, _)| n.starts_with(prefix)).unwrap().1;

    let u001 = uses_of(get("001"), &resolver, &lexicon);
    eprintln!("001:\n{}", show(&u001));
    assert!(
        u001.iter().any(|u| u.loaded
            && u.lean.as_deref().is_some_and(|l| l.starts_with("anti-"))
            && u.voice == Voice::Outlet),
        "001 has no loaded term in its own voice"
    );

    let u003 = uses_of(get("003"), &resolver, &lexicon);
    eprintln!("003:\n{}", show(&u003));
    let satan: Vec<&TermUse> = u003
        .iter()
        .filter(|u| u.surface.eq_ignore_ascii_case("Great Satan"))
        .collect();
    assert!(!satan.is_empty(), "003's \"Great Satan\" not found");
    for u in satan {
        match &u.voice {
            Voice::Quoted { speaker: Some(_) } => {}
            other => panic!("003's \"Great Satan\" is {other:?}, not quoted with a speaker"),
        }
    }

    // Every seed goes through without a span out of place.
    for (name, a) in &seeds {
        let u = uses_of(a, &resolver, &lexicon);
        eprintln!("{name}: {} uses\n{}", u.len(), show(&u));
    }
}
