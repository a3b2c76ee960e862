//! The shipped tagger: loads, tags names in plain sentences, keeps one tag
//! per token whatever the input, and its model file round-trips.

use proptest::prelude::*;
use sitrep_tagger::{score, Tagger};

fn tagger() -> &'static Tagger {
    static TAGGER: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();
    TAGGER.get_or_init(|| Tagger::shipped().expect("the shipped model loads"))
}

fn entities(words: &[&str], tags: &[&str]) -> Vec<(String, String)> {
    score::chunks(tags)
        .into_iter()
        .map(|(a, b, ty)| (words[a..b].join(" "), ty.to_string()))
        .collect()
}

#[test]
fn finds_people_places_and_organisations() {
    let t = tagger();
    let words: Vec<&str> =
        "Norwegian Prime Minister Jonas Gahr Store met the head of the World Health Organization in Geneva on Tuesday ."
            .split(' ')
            .collect();
    let tagged = t.tag(&words);
    assert_eq!(tagged.ner.len(), words.len());
    assert_eq!(tagged.pos.len(), words.len());
    let found = entities(&words, &tagged.ner);
    assert!(
        found.contains(&("Jonas Gahr Store".into(), "PER".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("Geneva".into(), "LOC".into())),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(n, ty)| n.contains("World Health Organization") && ty == "ORG"),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(n, ty)| n == "Norwegian" && ty == "MISC"),
        "{found:?}"
    );
    // Part of speech on a few unambiguous words.
    assert_eq!(
        tagged.pos[words.iter().position(|w| *w == "met").unwrap()],
        "VBD"
    );
    assert_eq!(
        tagged.pos[words.iter().position(|w| *w == "the").unwrap()],
        "DT"
    );
}

#[test]
fn a_later_surname_follows_the_full_name_in_the_document() {
    let t = tagger();
    let doc: Vec<Vec<&str>> = vec![
        "Ugandan opposition leader Bobi Wine addressed supporters in Kampala ."
            .split(' ')
            .collect(),
        "Wine said the vote had been stolen .".split(' ').collect(),
    ];
    let tagged = t.tag_document(&doc);
    assert_eq!(tagged[1].ner[0], "B-PER", "{:?}", tagged[1].ner);
}

#[test]
fn model_bytes_round_trip() {
    let t = tagger();
    let bytes = t.to_gzip().expect("serialises");
    let again = Tagger::from_gzip(&bytes, t.gazetteer().clone()).expect("loads");
    let words: Vec<&str> = "Fighting resumed near Khartoum , the army said ."
        .split(' ')
        .collect();
    assert_eq!(t.tag(&words), again.tag(&words));
    assert_eq!(t.n_features(), again.n_features());
}

#[test]
fn bad_model_bytes_are_an_error() {
    let t = tagger();
    let g = t.gazetteer().clone();
    assert!(Tagger::from_gzip(b"not a model", g.clone()).is_err());
    let bytes = t.to_gzip().expect("serialises");
    // A truncated gzip stream.
    assert!(Tagger::from_gzip(&bytes[..bytes.len() / 2], g).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_tokens_get_one_tag_each(words in proptest::collection::vec("\\PC{0,12}", 0..40)) {
        let t = tagger();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let tagged = t.tag_document(&[refs.clone(), refs.clone()]);
        prop_assert_eq!(tagged.len(), 2);
        for s in &tagged {
            prop_assert_eq!(s.ner.len(), refs.len());
            prop_assert_eq!(s.pos.len(), refs.len());
            prop_assert_eq!(s.chunk.len(), refs.len());
            // IOB2: an I- tag continues an entity of the same type.
            for (i, tag) in s.ner.iter().enumerate() {
                if let Some(ty) = tag.strip_prefix("I-") {
                    prop_assert!(i > 0 && s.ner[i - 1].ends_with(ty), "{:?}", s.ner);
                }
            }
        }
    }
}
