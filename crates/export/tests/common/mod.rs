//! A small dataset written by the team (invented events): two fused events, in
//! two stories, told by three reports.

use std::collections::BTreeMap;

use jiff::civil::{date, Date};
use sitrep_export::{ArticleMeta, Dataset};
use sitrep_model::{
    ActorId, DateBasis, DateClaim, DocId, EventActor, EventReport, FusedEvent, Phrase, Span,
};

pub const DOC_A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
pub const DOC_B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
pub const DOC_C: &str = "cccccccccccccccccccccccccccccccc";

fn actor(id: &str, name: &str, start: u32, country: &str, sector: Option<&str>) -> EventActor {
    EventActor {
        actor: ActorId(id.into()),
        name: name.into(),
        span: Span {
            start,
            end: start + u32::try_from(name.len()).unwrap_or(0),
        },
        surface: name.into(),
        country: Some(country.into()),
        sector: sector.map(str::to_string),
        cameo: Some(format!("{country}{}", sector.unwrap_or_default())),
    }
}

fn report(
    doc: &str,
    dateline: Option<Date>,
    sentence: u32,
    span: (u32, u32),
    trigger: (&str, u32),
    cameo: &str,
    when: Option<(Date, DateBasis)>,
) -> EventReport {
    EventReport {
        doc: DocId::from_stored(doc),
        outlet: None,
        dateline,
        sentence,
        sentence_span: Span {
            start: span.0,
            end: span.1,
        },
        trigger: Phrase {
            span: Span {
                start: trigger.1,
                end: trigger.1 + u32::try_from(trigger.0.len()).unwrap_or(0),
            },
            surface: trigger.0.into(),
            actor: None,
        },
        cameo: cameo.into(),
        date: when.map(|w| w.0),
        date_basis: when.map(|w| w.1),
        late: false,
    }
}

/// Event 1 (story-0002, dated 2031-03-04): Xandria's government and Yorvik's
/// foreign minister meet (CAMEO 043, CONSULT), told by two articles of two
/// outlets that disagree on the date. Event 2 (story-0001, undated): Yorvik's
/// military attacks Xandria (190, ASSAULT), told by one article without a URL.
pub fn dataset() -> Dataset {
    let d1 = date(2031, 3, 4);
    let meet = FusedEvent {
        id: "1f2e3d4c5b6a7980".into(),
        cameo: "043".into(),
        label: "Make a visit".into(),
        plover: "CONSULT".into(),
        mode: Some("visit".into()),
        source: actor("government:XAN", "Xandria", 6, "XAN", Some("GOV")),
        target: actor("person:y-minister", "Vela\tMorn", 30, "YRV", Some("GOV")),
        mutual: true,
        date: Some(d1),
        date_basis: Some(DateBasis::Text),
        date_conflicts: vec![
            DateClaim {
                date: d1,
                basis: DateBasis::Text,
                docs: vec![DocId::from_stored(DOC_A)],
            },
            DateClaim {
                date: date(2031, 3, 3),
                basis: DateBasis::Relative,
                docs: vec![DocId::from_stored(DOC_B)],
            },
        ],
        historical: false,
        reports: vec![
            report(
                DOC_A,
                Some(d1),
                0,
                (0, 60),
                ("visited", 14),
                "043",
                Some((d1, DateBasis::Text)),
            ),
            report(
                DOC_B,
                Some(date(2031, 3, 5)),
                2,
                (120, 200),
                ("met", 140),
                "040",
                Some((date(2031, 3, 3), DateBasis::Relative)),
            ),
        ],
        num_sources: 2,
        // Two outlets carrying one syndicated text.
        num_independent: 1,
        num_articles: 2,
        first_report: Some(d1),
        last_report: Some(date(2031, 3, 5)),
    };
    let attack = FusedEvent {
        id: "0a0b0c0d0e0f1011".into(),
        cameo: "190".into(),
        label: "Use conventional military force".into(),
        plover: "ASSAULT".into(),
        mode: None,
        source: actor("org:yrv-army", "Yorvik Army", 10, "YRV", Some("MIL")),
        target: actor("country:XAN", "Xandria", 40, "XAN", None),
        mutual: false,
        date: None,
        date_basis: None,
        date_conflicts: Vec::new(),
        historical: true,
        reports: vec![report(
            DOC_C,
            None,
            4,
            (300, 380),
            ("shelled", 322),
            "190",
            None,
        )],
        num_sources: 1,
        num_independent: 1,
        num_articles: 1,
        first_report: None,
        last_report: None,
    };
    let mut articles = BTreeMap::new();
    articles.insert(
        DocId::from_stored(DOC_A),
        ArticleMeta {
            outlet: Some("Lantern\tWire".into()),
            url: Some("https://lantern.example/visit".into()),
            title: Some("Xandria hosts\nminister".into()),
            dateline: Some(d1),
        },
    );
    articles.insert(
        DocId::from_stored(DOC_B),
        ArticleMeta {
            outlet: Some("Savanna Signal".into()),
            url: Some("https://signal.example/talks".into()),
            title: None,
            dateline: Some(date(2031, 3, 5)),
        },
    );
    articles.insert(
        DocId::from_stored(DOC_C),
        ArticleMeta {
            outlet: Some("Harbour Post".into()),
            url: None,
            title: Some("Shelling".into()),
            dateline: None,
        },
    );
    // Undated event listed first: writers must sort.
    Dataset {
        events: vec![("story-0001".into(), attack), ("story-0002".into(), meet)],
        articles,
    }
}
