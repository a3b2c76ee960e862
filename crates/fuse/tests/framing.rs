//! Framing on team-written sentences (invented outlets and people): whose
//! voice a term is in, and how outlets compare side by side.

use proptest::prelude::*;
use sitrep_fuse::framing::{compare, FramingInput, Lexicon};
use sitrep_model::{DocId, FramingRow, Mention, MentionKind, Span, TermUse, Voice};

fn mention(text: &str, name: &str, kind: MentionKind) -> Mention {
    let start = text.find(name).expect("name in text");
    Mention {
        doc: DocId::of_text(text),
        span: Span::new(start, start + name.len()),
        surface: name.to_string(),
        kind,
        actor: None,
        confidence: None,
        resolution: None,
        sentence: 0,
    }
}

fn uses(outlet: &str, text: &str, people: &[&str]) -> Vec<TermUse> {
    let mentions: Vec<Mention> = people
        .iter()
        .map(|p| mention(text, p, MentionKind::Person))
        .collect();
    let doc = DocId::of_text(text);
    let out = Lexicon::shipped().unwrap().uses(&FramingInput {
        doc: &doc,
        outlet: Some(outlet),
        text,
        sentences: &[],
        mentions: &mentions,
        actors: &[],
    });
    for u in &out {
        assert_eq!(&text[u.span.start as usize..u.span.end as usize], u.surface);
    }
    out
}

fn one<'a>(uses: &'a [TermUse], term: &str) -> &'a TermUse {
    uses.iter()
        .find(|u| u.term == term)
        .unwrap_or_else(|| panic!("no {term:?} in {uses:#?}"))
}

fn speaker(u: &TermUse) -> Option<&str> {
    match &u.voice {
        Voice::Quoted { speaker } => speaker.as_ref().map(|s| s.surface.as_str()),
        Voice::Outlet => panic!("{:?} is in the outlet's voice", u.surface),
    }
}

#[test]
fn a_loaded_term_in_the_outlets_own_voice() {
    let u = uses(
        "Harbour Herald",
        "Shelling resumed overnight as the occupation army pushed into the northern camps.",
        &[],
    );
    let t = one(&u, "occupation army");
    assert!(t.loaded);
    assert_eq!(t.lean.as_deref(), Some("anti-israel"));
    assert_eq!(t.referent, "israel-military");
    assert_eq!(t.voice, Voice::Outlet);
}

#[test]
fn the_same_term_quoted_from_a_named_minister() {
    let text = "\u{201c}The occupation army will answer for this,\u{201d} Minister Rami Hadad said on Sunday. \
                Troops of the occupation army were seen near the crossing.";
    let u = uses("Harbour Herald", text, &["Rami Hadad"]);
    assert_eq!(speaker(&u[0]), Some("Rami Hadad"));
    assert_eq!(u[1].term, "occupation army");
    assert_eq!(
        u[1].voice,
        Voice::Outlet,
        "the second sentence is the outlet's"
    );
}

#[test]
fn straight_quotes_and_a_speaker_named_after_the_verb() {
    let text = "\"Kiev regime officials have fled,\" said Lev Arkadin, a regional governor.";
    let u = uses("Steppe Daily", text, &["Lev Arkadin"]);
    let t = one(&u, "Kiev regime");
    assert_eq!(t.lean.as_deref(), Some("anti-ukraine"));
    assert_eq!(speaker(t), Some("Lev Arkadin"));
}

#[test]
fn according_to_a_named_speaker_governs_the_clause() {
    let text =
        "According to Mara Veldt, the Hamas terror organization has regrouped in the south. \
                The Hamas terror organization denied it.";
    let u = uses("Coastline Times", text, &["Mara Veldt"]);
    assert_eq!(speaker(&u[0]), Some("Mara Veldt"));
    assert_eq!(u[1].voice, Voice::Outlet);

    let text = "The Zionist regime cut the power lines, according to Omar Saleh.";
    let u = uses("Coastline Times", text, &["Omar Saleh"]);
    assert_eq!(speaker(one(&u, "Zionist regime")), Some("Omar Saleh"));

    // A speaker who is not named leaves the words with the outlet.
    let u = uses(
        "Coastline Times",
        "The Zionist regime cut the power lines, according to officials.",
        &[],
    );
    assert_eq!(one(&u, "Zionist regime").voice, Voice::Outlet);
}

#[test]
fn reporting_verbs_with_the_speaker_before() {
    let text = "Ivo Marek described the strikes as Israeli war crimes. Ivo Marek called for calm in the besieged enclave.";
    let u = uses("Lakeside Post", text, &["Ivo Marek"]);
    assert_eq!(speaker(one(&u, "Israeli war crime")), Some("Ivo Marek"));
    // "called for" is a demand, not a naming: the enclave is the outlet's word.
    assert_eq!(one(&u, "besieged enclave").voice, Voice::Outlet);
}

#[test]
fn a_quote_spanning_two_sentences() {
    let text = "Nadia Korsun spoke at the rally. \u{201c}We are not afraid. The Putin regime will not last.\n\
                The Russian government did not reply.";
    let u = uses("Dnipro Courier", text, &["Nadia Korsun"]);
    let t = one(&u, "Putin regime");
    assert!(matches!(t.voice, Voice::Quoted { .. }), "{t:?}");
    // The line break closes the open quote.
    assert_eq!(one(&u, "Russian government").voice, Voice::Outlet);

    let text = "\u{201c}They shell us daily. Russian occupiers are everywhere,\u{201d} Olena Dovh told reporters.";
    let u = uses("Dnipro Courier", text, &["Olena Dovh"]);
    assert_eq!(speaker(one(&u, "Russian occupier")), Some("Olena Dovh"));
}

#[test]
fn a_quote_without_attribution_has_no_speaker() {
    let u = uses(
        "Harbour Herald",
        "The army imposed a \u{201c}total siege\u{201d} on the town.",
        &[],
    );
    assert_eq!(
        one(&u, "total siege").voice,
        Voice::Quoted { speaker: None }
    );
}

fn row<'a>(rows: &'a [FramingRow], referent: &str) -> &'a FramingRow {
    rows.iter().find(|r| r.referent == referent).unwrap()
}

#[test]
fn two_outlets_side_by_side() {
    let mut all = uses(
        "Harbour Herald",
        "The Tel Aviv regime rejected the proposal. Ana Lind said the Israeli government was wrong.",
        &["Ana Lind"],
    );
    all.extend(uses(
        "Meridian Wire",
        "The Israeli government rejected the proposal on Tuesday.",
        &[],
    ));
    let rows = compare(&all);
    let r = row(&rows, "israel-government");
    assert!(r.differs);
    let names: Vec<Option<&str>> = r.outlets.iter().map(|o| o.outlet.as_deref()).collect();
    assert_eq!(names, [Some("Harbour Herald"), Some("Meridian Wire")]);
    let herald = &r.outlets[0];
    assert_eq!(herald.own.len(), 1);
    assert_eq!(herald.own[0].term, "Tel Aviv regime");
    assert_eq!(herald.quoted[0].term, "Israeli government");
    assert_eq!(herald.quoted[0].speaker.as_deref(), Some("Ana Lind"));
    assert!(!r.outlets[1].own[0].loaded);

    // Order-insensitive.
    let mut reversed = all.clone();
    reversed.reverse();
    assert_eq!(compare(&reversed), rows);
}

#[test]
fn opposite_leans_differ_and_agreement_does_not() {
    let mut all = uses(
        "Steppe Daily",
        "The special military operation entered its third year.",
        &[],
    );
    all.extend(uses(
        "Dnipro Courier",
        "Putin's war entered its third year.",
        &[],
    ));
    assert!(row(&compare(&all), "russia-ukraine-war").differs);

    let mut all = uses(
        "Steppe Daily",
        "The war in Ukraine entered its third year.",
        &[],
    );
    all.extend(uses(
        "Dnipro Courier",
        "The full-scale invasion entered its third year.",
        &[],
    ));
    assert!(!row(&compare(&all), "russia-ukraine-war").differs);
}

proptest! {
    #[test]
    fn any_text_gives_valid_spans(
        parts in prop::collection::vec(prop::sample::select(vec![
            "Zionist regime", "US", "us", "\u{201c}", "\u{201d}", "\"", "\u{2018}", "\u{2019}",
            "said", "according to", "Minister", "Kiev regime", ".", ",", "\n", " ", "é", "日本",
            "settlers", "U.S.", "Hamas", "genocidal war", "s", "-",
        ]), 0..40),
        cut in 0usize..200,
        len in 0usize..30,
    ) {
        let text: String = parts.concat();
        // A mention anywhere, valid or not: bad spans are skipped.
        let start = cut.min(text.len());
        let m = Mention {
            doc: DocId::of_text(&text),
            span: Span::new(start, start + len),
            surface: String::new(),
            kind: MentionKind::Person,
            actor: None,
            confidence: None,
            resolution: None,
            sentence: 0,
        };
        let sentences = [Span::new(0, start), Span::new(start, text.len() + 3)];
        let doc = DocId::of_text(&text);
        let out = Lexicon::shipped().unwrap().uses(&FramingInput {
            doc: &doc,
            outlet: None,
            text: &text,
            sentences: &sentences,
            mentions: std::slice::from_ref(&m),
            actors: &[],
        });
        for u in &out {
            prop_assert_eq!(u.span.slice(&text).ok(), Some(u.surface.as_str()));
            if let Voice::Quoted { speaker: Some(s) } = &u.voice {
                prop_assert_eq!(s.span.slice(&text).ok(), Some(s.surface.as_str()));
            }
        }
        let _ = compare(&out);
    }
}
