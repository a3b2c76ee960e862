//! Every input format, read from team-written fixtures under `tests/fixtures/`
//! through `collect_inputs` + `read_input`: the fields each reader must fill.

mod common;

use std::path::Path;

use common::{
    articles, assert_well_formed, bytes_input, fixture, one_article, paragraphs, read_all,
    read_args, read_fixture, summary,
};
use jiff::civil::{date, time};
use sitrep_ingest::{ReadEvent, ReadOptions};
use sitrep_model::{Article, DatePrecision, Dateline, DatelineSource, InputFormat};

fn dateline(article: &Article) -> &Dateline {
    article
        .dateline
        .as_ref()
        .unwrap_or_else(|| panic!("no dateline: {article:?}"))
}

fn assert_source(article: &Article, origin: &str, format: InputFormat) {
    assert_well_formed(article);
    assert_eq!(article.sources.len(), 1);
    assert_eq!(article.sources[0].origin, origin);
    assert_eq!(article.sources[0].format, format);
}

// ---- plain text -------------------------------------------------------------

#[test]
fn text_header_outlet_title() {
    let a = one_article("text/header-outlet-title.txt");
    assert_source(
        &a,
        &fixture("text/header-outlet-title.txt"),
        InputFormat::Text,
    );
    assert_eq!(a.outlet.as_deref(), Some("Harbor Post"));
    assert_eq!(
        a.title.as_deref(),
        Some("Floodgates opened on the Veld river")
    );
    assert_eq!(a.url, None);
    let d = dateline(&a);
    assert_eq!(
        (d.date, d.time, d.precision, d.source),
        (
            date(2024, 3, 5),
            None,
            DatePrecision::Day,
            DatelineSource::TextHeader
        )
    );
    assert_eq!(a.language.as_deref(), Some("eng"));
    assert!(
        a.text.starts_with("Engineers opened three floodgates"),
        "{}",
        a.text
    );
    assert!(a.text.ends_with("by at least half a metre."), "{}", a.text);
    assert_eq!(paragraphs(&a), 3);
    assert!(a.sources[0].removed_lines.is_empty());
    assert!(a.metadata.is_empty(), "UTF-8 input records no encoding");
}

#[test]
fn text_header_body_same_line() {
    let a = one_article("text/header-body-same-line.txt");
    assert_eq!(a.outlet.as_deref(), Some("Coastline Daily"));
    assert_eq!(a.title, None, "body on the header line leaves no title");
    assert_eq!(dateline(&a).date, date(2024, 4, 11));
    assert_eq!(dateline(&a).source, DatelineSource::TextHeader);
    assert!(a.text.starts_with("Fishermen in the port of Marrow Bay"));
    assert!(a.text.ends_with("ready to hold talks next week."));
    assert_eq!(paragraphs(&a), 2);
    assert_eq!(a.language.as_deref(), Some("eng"));
}

#[test]
fn text_header_datetime_offset() {
    let a = one_article("text/header-datetime-offset.txt");
    assert_eq!(a.outlet.as_deref(), Some("Alpine Ledger"));
    assert_eq!(a.title.as_deref(), Some("Cable car halted after power cut"));
    let d = dateline(&a);
    assert_eq!(d.date, date(2024, 5, 2));
    assert_eq!(d.time, Some(time(14, 30, 0, 0)));
    assert_eq!(d.utc_offset_minutes, Some(120));
    assert_eq!(d.precision, DatePrecision::Minute);
    assert_eq!(paragraphs(&a), 2);
}

#[test]
fn text_no_header() {
    let a = one_article("text/no-header.txt");
    assert_source(&a, &fixture("text/no-header.txt"), InputFormat::Text);
    assert_eq!((&a.outlet, &a.title, &a.dateline), (&None, &None, &None));
    assert!(a.text.starts_with("The city library in Oskarsted"));
    assert!(a.text.ends_with("during the works."));
    assert_eq!(paragraphs(&a), 2);
    assert_eq!(a.language.as_deref(), Some("eng"));
}

#[test]
fn text_crlf() {
    let raw = std::fs::read(fixture("text/crlf.txt")).unwrap();
    assert!(
        raw.windows(2).any(|w| w == b"\r\n"),
        "fixture must use CRLF"
    );
    let a = one_article("text/crlf.txt");
    assert_eq!(a.outlet.as_deref(), Some("Prairie Sentinel"));
    assert_eq!(a.title.as_deref(), Some("Grain silo fire put out"));
    assert_eq!(dateline(&a).date, date(2024, 6, 18));
    assert!(!a.text.contains('\r'));
    assert!(a.text.starts_with("Firefighters put out a fire"));
    assert!(a.text.ends_with("Nobody was hurt."));
    assert_eq!(paragraphs(&a), 2);
}

#[test]
fn text_windows_1252() {
    let raw = std::fs::read(fixture("text/windows-1252.txt")).unwrap();
    assert!(
        std::str::from_utf8(&raw).is_err(),
        "fixture must not be UTF-8"
    );
    let a = one_article("text/windows-1252.txt");
    assert_eq!(a.metadata.get("encoding"), Some(&"windows-1252".into()));
    assert_eq!(a.outlet.as_deref(), Some("Río Verde Tribune"));
    assert_eq!(
        a.title.as_deref(),
        Some("Café owners protest “terrace tax”")
    );
    assert_eq!(dateline(&a).date, date(2024, 9, 3));
    assert!(a.text.contains("40 cafés in the old town of Santa Lucía"));
    assert!(a.text.contains("€12 per table – a charge"));
    assert!(a
        .text
        .ends_with("“open to discussion” before the council’s vote in October."));
    assert_eq!(paragraphs(&a), 2);
    assert_eq!(a.language.as_deref(), Some("eng"));
}

#[test]
fn text_boilerplate_tail() {
    let a = one_article("text/boilerplate-tail.txt");
    assert_eq!(
        a.sources[0].removed_lines,
        [
            "Share this article",
            "Leave a reply",
            "Your email address will not be published. Required fields are marked *",
            "Related posts",
            "© 2024 Harbor Post. All rights reserved.",
        ]
    );
    assert!(
        a.text.ends_with("would run as normal from Wednesday."),
        "{}",
        a.text
    );
    assert_eq!(paragraphs(&a), 2);
    assert_eq!(a.language.as_deref(), Some("eng"));
}

#[test]
fn text_hard_wrapped_lines_are_joined() {
    let a = one_article("text/hard-wrapped.txt");
    assert_eq!(a.title.as_deref(), Some("Bridge inspection finds cracks"));
    assert_eq!(paragraphs(&a), 2);
    assert!(a
        .text
        .contains("piers of the Tollgate bridge during a routine check"));
    assert!(a.text.contains("traffic on the bridge to cars"));
    assert!(!a.text.replace("\n\n", "").contains('\n'), "{}", a.text);
}

// ---- JSON Lines -------------------------------------------------------------

#[test]
fn jsonl_records_with_extras() {
    let path = fixture("jsonl/records-with-extras.jsonl");
    let events = read_fixture("jsonl/records-with-extras.jsonl");
    // Line 2 is blank: no event, but line numbers count it.
    assert_eq!(
        summary(&events),
        [
            format!("article {path}#line=1"),
            format!("article {path}#line=3")
        ]
    );
    let all = articles(&events);
    for a in &all {
        assert_well_formed(a);
        assert_eq!(a.sources[0].format, InputFormat::JsonLines);
        assert_eq!(a.outlet.as_deref(), Some("Plains Wire"));
        assert_eq!(a.language.as_deref(), Some("eng"));
        assert_eq!(paragraphs(a), 2);
    }
    let (first, second) = (all[0], all[1]);
    assert_eq!(first.title.as_deref(), Some("Dam passes safety inspection"));
    assert_eq!(
        first.url.as_deref(),
        Some("https://plainswire.example/2024/03/dam-inspection")
    );
    let d = dateline(first);
    assert_eq!(
        (d.date, d.precision, d.source),
        (
            date(2024, 3, 21),
            DatePrecision::Day,
            DatelineSource::JsonField
        )
    );
    assert!(first.text.starts_with("The Redwater dam passed"));
    assert!(first.text.ends_with("before the spring floods."));
    // Unknown fields are kept, sorted; known ones are not repeated.
    let keys: Vec<&str> = first.metadata.keys().map(String::as_str).collect();
    assert_eq!(keys, ["id", "section", "tags", "word_count"]);
    assert_eq!(
        first.metadata["tags"],
        serde_json::json!(["water", "infrastructure"])
    );

    let d = dateline(second);
    assert_eq!(d.date, date(2024, 3, 22));
    assert_eq!(d.time, Some(time(16, 40, 0, 0)));
    assert_eq!(d.utc_offset_minutes, Some(-300));
    assert_eq!(d.precision, DatePrecision::Second);
    assert_eq!(second.metadata["section"], "business");
}

#[test]
fn jsonl_synonym_keys() {
    let a = one_article("jsonl/synonym-keys.jsonl");
    assert_eq!(
        a.title.as_deref(),
        Some("Lighthouse keeper retires after 40 years")
    );
    assert_eq!(a.outlet.as_deref(), Some("Islands Echo"), "publisher.name");
    assert_eq!(
        a.url.as_deref(),
        Some("https://islands-echo.example/people/keeper-retires")
    );
    let d = dateline(&a);
    assert_eq!(
        (d.date, d.time, d.utc_offset_minutes, d.precision),
        (
            date(2024, 6, 16),
            Some(time(14, 0, 0, 0)),
            Some(0),
            DatePrecision::Second
        ),
        "epoch seconds are read as UTC"
    );
    assert!(a.text.starts_with("The last resident keeper"));
    assert!(a.metadata.is_empty(), "{:?}", a.metadata);
}

#[test]
fn jsonl_html_in_text() {
    let a = one_article("jsonl/html-in-text.jsonl");
    assert_eq!(a.outlet.as_deref(), Some("Old Town Bulletin"));
    assert_eq!(dateline(&a).date, date(2024, 6, 12));
    assert_eq!(
        a.text,
        "The 19th-century market hall will be restored over the next two years, the town council decided on Wednesday.\n\nTraders will move to a temporary hall on Station Square while the work goes on."
    );
}

// ---- HTML -------------------------------------------------------------------

#[test]
fn html_meta_published_time() {
    let a = one_article("html/meta-published-time.html");
    assert_source(
        &a,
        &fixture("html/meta-published-time.html"),
        InputFormat::Html,
    );
    assert_eq!(a.outlet.as_deref(), Some("Northbay Chronicle"));
    assert_eq!(
        a.title.as_deref(),
        Some("Tram line to the airport approved")
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://northbay.example/city/tram-airport-approved")
    );
    let d = dateline(&a);
    assert_eq!(d.date, date(2024, 2, 13));
    assert_eq!(d.time, Some(time(18, 45, 10, 0)));
    assert_eq!(d.utc_offset_minutes, Some(60));
    assert_eq!(d.precision, DatePrecision::Second);
    assert_eq!(d.source, DatelineSource::HtmlMeta);
    assert_eq!(a.language.as_deref(), Some("eng"));
    assert!(a
        .text
        .starts_with("The city council approved a new tram line"));
    assert!(a.text.ends_with("for far less money."));
    assert_eq!(paragraphs(&a), 3);
    for nav in ["Home", "Sport", "Leave a reply", "Back to top"] {
        assert!(!a.text.contains(nav), "{nav} leaked into {}", a.text);
    }
    assert_eq!(a.metadata["author"], "Ines Halvorsen");
    assert_eq!(a.metadata["html_lang"], "en");
}

#[test]
fn html_json_ld_date() {
    let a = one_article("html/json-ld-date.html");
    assert_eq!(a.outlet.as_deref(), Some("Valley Farmer"));
    assert_eq!(
        a.title.as_deref(),
        Some("Orchard growers count frost damage")
    );
    let d = dateline(&a);
    assert_eq!(
        (d.date, d.time, d.utc_offset_minutes, d.precision, d.source),
        (
            date(2024, 4, 24),
            Some(time(6, 15, 0, 0)),
            Some(0),
            DatePrecision::Second,
            DatelineSource::JsonLd
        ),
        "datePublished, not dateModified"
    );
    assert!(a.text.starts_with("Apple and pear growers"));
    assert_eq!(paragraphs(&a), 3);
}

#[test]
fn html_time_element() {
    let a = one_article("html/time-element.html");
    let d = dateline(&a);
    assert_eq!(
        (d.date, d.precision, d.source),
        (
            date(2024, 11, 7),
            DatePrecision::Day,
            DatelineSource::HtmlTime
        )
    );
    assert_eq!(a.outlet, None);
    assert_eq!(a.url, None);
    assert!(
        a.text.ends_with("due to be finished next spring."),
        "{}",
        a.text
    );
}

#[test]
fn html_declared_windows_1252() {
    let raw = std::fs::read(fixture("html/declared-windows-1252.html")).unwrap();
    assert!(
        std::str::from_utf8(&raw).is_err(),
        "fixture must not be UTF-8"
    );
    let a = one_article("html/declared-windows-1252.html");
    assert_eq!(a.metadata.get("encoding"), Some(&"windows-1252".into()));
    assert_eq!(a.outlet.as_deref(), Some("Gironde Courier"));
    assert_eq!(a.title.as_deref(), Some("Glassworks reopens in Mérignac"));
    let d = dateline(&a);
    assert_eq!(
        (d.date, d.utc_offset_minutes),
        (date(2024, 10, 14), Some(120))
    );
    assert!(a.text.contains("the factory’s last furnace"));
    assert!(a.text.contains("€2.4 million"));
    assert!(a.text.contains("Hélène Darrieux"));
    assert_eq!(paragraphs(&a), 3);
}

// ---- feeds ------------------------------------------------------------------

#[test]
fn rss2_content_encoded() {
    let path = fixture("feeds/rss2-content-encoded.rss");
    let events = read_fixture("feeds/rss2-content-encoded.rss");
    assert_eq!(
        summary(&events),
        [
            format!("article {path}#item=1"),
            format!("article {path}#item=2")
        ]
    );
    let all = articles(&events);
    for a in &all {
        assert_well_formed(a);
        assert_eq!(a.sources[0].format, InputFormat::Rss);
        assert_eq!(a.outlet.as_deref(), Some("Delta Observer"), "channel title");
        assert_eq!(a.language.as_deref(), Some("eng"));
        assert_eq!(dateline(a).source, DatelineSource::FeedPublished);
        assert_eq!(dateline(a).precision, DatePrecision::Second);
    }
    let first = all[0];
    assert_eq!(first.title.as_deref(), Some("Rice harvest begins early"));
    assert_eq!(
        first.url.as_deref(),
        Some("https://delta-observer.example/farming/rice-harvest-early")
    );
    let d = dateline(first);
    assert_eq!(
        (d.date, d.time, d.utc_offset_minutes),
        (date(2024, 9, 16), Some(time(7, 20, 0, 0)), Some(0))
    );
    // content:encoded wins over description, and its markup becomes paragraphs.
    assert!(first
        .text
        .starts_with("Rice farmers across the lower delta"));
    assert!(first.text.ends_with("since July."));
    assert_eq!(paragraphs(first), 2);
    assert_eq!(first.metadata["guid"], "delta-observer-4411");
    assert_eq!(
        first.metadata["categories"],
        serde_json::json!(["Farming", "Weather"])
    );
    assert_eq!(first.metadata["authors"], serde_json::json!(["Tran Minh"]));

    let second = all[1];
    assert_eq!(dateline(second).date, date(2024, 9, 17));
    assert!(
        second.text.starts_with("The city's night market"),
        "description"
    );
    assert_eq!(paragraphs(second), 1);
}

#[test]
fn atom_summary() {
    let path = fixture("feeds/atom-summary.atom");
    let events = read_fixture("feeds/atom-summary.atom");
    assert_eq!(
        summary(&events),
        [
            format!("article {path}#item=1"),
            format!("article {path}#item=2")
        ]
    );
    let all = articles(&events);
    for a in &all {
        assert_well_formed(a);
        assert_eq!(a.sources[0].format, InputFormat::Atom);
        assert_eq!(a.outlet.as_deref(), Some("Highland Weekly"));
        assert_eq!(a.language.as_deref(), Some("eng"));
    }
    let first = all[0];
    assert_eq!(first.title.as_deref(), Some("Snow closes mountain pass"));
    assert_eq!(
        first.url.as_deref(),
        Some("https://highland-weekly.example/roads/pass-closed")
    );
    let d = dateline(first);
    assert_eq!(
        (d.date, d.time, d.source),
        (
            date(2024, 10, 1),
            Some(time(5, 30, 0, 0)),
            DatelineSource::FeedPublished
        ),
        "published wins over updated"
    );
    assert!(first.text.starts_with("Early snow closed the Kessock pass"));
    assert_eq!(
        first.metadata["authors"],
        serde_json::json!(["Morag Lennox"])
    );

    // No <published>: the dateline comes from <updated>; an HTML summary is
    // unescaped and its markup dropped.
    let second = all[1];
    let d = dateline(second);
    assert_eq!(
        (d.date, d.source),
        (date(2024, 10, 2), DatelineSource::FeedUpdated)
    );
    assert_eq!(
        second.text,
        "Repairs to the storm-damaged roof of Glenmore primary school were finished on Wednesday, and pupils will return to their classrooms next week."
    );
}

// ---- WARC and gzip ----------------------------------------------------------

#[test]
fn warc_two_pages() {
    let path = fixture("warc/two-pages.warc.gz");
    let events = read_fixture("warc/two-pages.warc.gz");
    // warcinfo (1) and requests (2, 4, 6) give no event; robots.txt (7) is
    // text/plain and is skipped with a reason.
    assert_eq!(
        summary(&events),
        [
            format!("article {path}#record=3"),
            format!("article {path}#record=5"),
            format!("skipped:not_html {path}#record=7"),
        ]
    );
    let all = articles(&events);
    for a in &all {
        assert_well_formed(a);
        assert_eq!(a.sources[0].format, InputFormat::Warc);
        assert_eq!(a.language.as_deref(), Some("eng"));
        assert_eq!(paragraphs(a), 3);
    }
    let first = all[0];
    assert_eq!(first.outlet.as_deref(), Some("Eastport Mercury"));
    assert_eq!(
        first.title.as_deref(),
        Some("Port strike ends after pay deal")
    );
    assert_eq!(
        first.url.as_deref(),
        Some("https://eastport-mercury.example/business/port-strike-ends"),
        "the canonical link wins over the target URI"
    );
    let d = dateline(first);
    assert_eq!(
        (d.date, d.utc_offset_minutes, d.source),
        (date(2024, 6, 3), Some(180), DatelineSource::HtmlMeta)
    );
    assert!(first.text.starts_with("Dock workers at Eastport"));
    assert!(!first.text.contains("Share this article"));

    // Chunked transfer encoding; no canonical link, so the target URI.
    let second = all[1];
    assert_eq!(
        second.title.as_deref(),
        Some("Night trains return to the coast line")
    );
    assert_eq!(
        second.url.as_deref(),
        Some("https://railway-review.example/travel/night-trains-return")
    );
    assert_eq!(dateline(second).date, date(2024, 6, 4));
    assert!(second.text.contains("a café carriage"));
    assert!(second.text.ends_with("if demand was strong."));
}

#[test]
fn gzip_json_lines() {
    let path = fixture("gz/records.jsonl.gz");
    let events = read_fixture("gz/records.jsonl.gz");
    assert_eq!(
        summary(&events),
        [1, 2, 3].map(|n| format!("article {path}#line={n}"))
    );
    let all = articles(&events);
    let titles: Vec<_> = all.iter().map(|a| a.title.as_deref().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Quarry expansion rejected",
            "Bus routes cut in rural areas",
            "New footbridge opens over the Calder"
        ]
    );
    for a in &all {
        assert_well_formed(a);
        assert_eq!(a.sources[0].format, InputFormat::JsonLines);
        assert_eq!(a.outlet.as_deref(), Some("Quarry Valley News"));
        assert_eq!(a.language.as_deref(), Some("eng"));
    }
    assert_eq!(dateline(all[2]).date, date(2024, 1, 10));
}

// ---- across formats ---------------------------------------------------------

#[test]
fn duplicate_texts_share_a_doc_id() {
    let batch = read_args(&[fixture("duplicates")]);
    let names: Vec<_> = batch
        .iter()
        .map(|(origin, _)| Path::new(origin).file_name().unwrap().to_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "wire-copy-rewrapped.txt",
            "wire-copy.jsonl",
            "wire-copy.txt"
        ]
    );
    let all: Vec<&Article> = batch.iter().flat_map(|(_, ev)| articles(ev)).collect();
    assert_eq!(all.len(), 3);
    // The text file and the JSON record carry exactly the same text.
    let txt = all[2];
    let jsonl = all[1];
    assert_eq!(txt.text, jsonl.text);
    assert_eq!(txt.id, jsonl.id);
    assert_ne!(txt.outlet, jsonl.outlet, "only the carriers differ");
    // Re-wrapped lines and a non-breaking hyphen normalise to the same id.
    let rewrapped = all[0];
    assert_ne!(rewrapped.text, txt.text);
    assert_eq!(rewrapped.id, txt.id);
    // A different report has a different id.
    assert_ne!(one_article("text/no-header.txt").id, txt.id);
}

#[test]
fn directories_are_walked_recursively_sorted_and_hidden_files_skipped() {
    let batch = read_args(&[fixture("nested")]);
    let origins: Vec<&str> = batch.iter().map(|(o, _)| o.as_str()).collect();
    assert_eq!(
        origins,
        [
            fixture("nested/deeper/inner.txt"),
            fixture("nested/top.txt")
        ]
    );
    for (origin, events) in &batch {
        assert_eq!(summary(events), [format!("article {origin}")]);
    }
}

#[test]
fn globs_expand_sorted_and_name_the_files() {
    let pattern = fixture("text/header-*.txt");
    let batch = read_args(&[pattern, fixture("feeds/*.atom")]);
    let origins: Vec<&str> = batch.iter().map(|(o, _)| o.as_str()).collect();
    assert_eq!(
        origins,
        [
            fixture("text/header-body-same-line.txt"),
            fixture("text/header-datetime-offset.txt"),
            fixture("text/header-outlet-title.txt"),
            fixture("feeds/atom-summary.atom"),
        ]
    );
    let outlets: Vec<_> = batch
        .iter()
        .flat_map(|(_, ev)| articles(ev))
        .map(|a| a.outlet.clone().unwrap())
        .collect();
    assert_eq!(
        outlets,
        [
            "Coastline Daily",
            "Alpine Ledger",
            "Harbor Post",
            "Highland Weekly",
            "Highland Weekly"
        ]
    );
}

#[test]
fn glob_matching_a_directory_walks_it() {
    let batch = read_args(&[fixture("nest*")]);
    assert_eq!(batch.len(), 2);
}

#[test]
fn formats_are_sniffed_when_the_name_does_not_say() {
    // Same bytes, names without an extension: the content decides, gzip by its
    // magic number.
    let cases = [
        ("html/meta-published-time.html", InputFormat::Html, 1),
        ("feeds/atom-summary.atom", InputFormat::Atom, 2),
        ("jsonl/records-with-extras.jsonl", InputFormat::JsonLines, 2),
        ("warc/two-pages.warc.gz", InputFormat::Warc, 2),
        ("text/no-header.txt", InputFormat::Text, 1),
    ];
    for (rel, format, count) in cases {
        let bytes = std::fs::read(fixture(rel)).unwrap();
        let input = bytes_input("unnamed-input", bytes);
        let batch = read_all(&[input], &ReadOptions::default());
        let all = articles(&batch[0].1);
        assert_eq!(all.len(), count, "{rel}: {:?}", summary(&batch[0].1));
        for a in all {
            assert_eq!(a.sources[0].format, format, "{rel}");
            assert!(a.sources[0].origin.starts_with("unnamed-input"));
        }
    }
}

#[test]
fn every_fixture_article_is_well_formed() {
    for dir in [
        "text",
        "jsonl",
        "html",
        "feeds",
        "warc/two-pages.warc.gz",
        "gz/records.jsonl.gz",
    ] {
        for (origin, events) in read_args(&[fixture(dir)]) {
            if origin.ends_with(".py") {
                continue; // generator scripts live next to their fixtures
            }
            assert!(!events.is_empty(), "{origin}");
            for event in &events {
                match event {
                    ReadEvent::Article(a) => assert_well_formed(a),
                    ReadEvent::Skipped { .. } => {}
                    ReadEvent::Rejected(e) => panic!("{origin}: {e}"),
                }
            }
        }
    }
}
