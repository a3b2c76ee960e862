//! RSS and Atom feeds (feed-rs): one article per item, from its content or, when
//! there is none, its summary; `pubDate`/`published` as the dateline.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use feed_rs::model::{Entry, FeedType};
use sitrep_model::{Dateline, DatelineSource, InputFormat, Source};

use crate::date::parse_dateline;
use crate::read::ReadEvent;
use crate::{clean, html, Error, Result};

/// Reads a whole feed document, emitting one event per item. A document that is
/// not a feed at all is an error for the whole file.
pub fn read(bytes: &[u8], origin: &str, emit: &mut dyn FnMut(ReadEvent)) -> Result<usize> {
    // feed-rs keeps timestamps only as UTC instants; the publisher's local date
    // is what "on Monday" in the text refers to. Our own parser sees every raw
    // timestamp first and remembers the local reading of each instant.
    let local: Arc<Mutex<HashMap<i64, Dateline>>> = Arc::default();
    let seen = Arc::clone(&local);
    let parser = feed_rs::parser::Builder::new()
        .timestamp_parser(move |raw| {
            let dateline = parse_dateline(raw, DatelineSource::FeedPublished)?;
            let instant = instant_of(&dateline)?;
            if let Ok(mut map) = seen.lock() {
                map.insert(instant.timestamp(), dateline);
            }
            Some(instant)
        })
        .build();
    let feed = parser.parse(bytes).map_err(|e| Error::Malformed {
        origin: origin.to_string(),
        format: "feed",
        detail: e.to_string(),
    })?;
    let format = match feed.feed_type {
        FeedType::Atom => InputFormat::Atom,
        _ => InputFormat::Rss,
    };
    let outlet = feed
        .title
        .map(|t| outlet_name(&html::fragment_to_text(&t.content)))
        .filter(|t| !t.is_empty());
    let count = feed.entries.len();
    for (i, entry) in feed.entries.into_iter().enumerate() {
        let record = format!("{origin}#item={}", i + 1);
        emit(
            match read_entry(entry, &record, format, outlet.clone(), &local) {
                Ok(article) => ReadEvent::Article(Box::new(article)),
                Err(e) => ReadEvent::Rejected(e),
            },
        );
    }
    Ok(count)
}

/// Section names feeds append to the outlet in their titles.
const SECTIONS: &[&str] = &[
    "world",
    "world news",
    "news",
    "latest",
    "latest news",
    "top stories",
    "headlines",
    "home",
    "politics",
    "international",
    "breaking news",
    "all",
    "all stories",
    "rss",
    "feed",
    "business",
    "middle east",
    "africa",
    "europe",
    "asia",
    "americas",
];

/// The outlet in a feed title: "The Record – World" → "The Record".
fn outlet_name(title: &str) -> String {
    let title = title.trim();
    for sep in [" – ", " — ", " | ", " - ", ": "] {
        if let Some((name, section)) = title.rsplit_once(sep) {
            if SECTIONS.contains(&section.trim().to_lowercase().as_str()) && !name.trim().is_empty()
            {
                return name.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// The UTC instant of a dateline (midnight UTC when it has no time of day).
fn instant_of(d: &Dateline) -> Option<chrono::DateTime<chrono::Utc>> {
    let time = d.time.unwrap_or(jiff::civil::Time::midnight());
    let offset = jiff::tz::Offset::from_seconds(d.utc_offset_minutes.unwrap_or(0) * 60).ok()?;
    let ts = offset.to_timestamp(d.date.to_datetime(time)).ok()?;
    chrono::DateTime::from_timestamp(ts.as_second(), 0)
}

fn read_entry(
    entry: Entry,
    origin: &str,
    format: InputFormat,
    outlet: Option<String>,
    local: &Mutex<HashMap<i64, Dateline>>,
) -> Result<sitrep_model::Article> {
    let body = entry
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .filter(|b| !b.trim().is_empty())
        .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
        .unwrap_or_default();
    let text = if html::looks_like_html(&body) || body.contains('&') {
        html::fragment_to_text(&body)
    } else {
        body
    };
    let dateline = entry
        .published
        .map(|d| (d, DatelineSource::FeedPublished))
        .or(entry.updated.map(|d| (d, DatelineSource::FeedUpdated)))
        .and_then(|(d, source)| {
            let known = local
                .lock()
                .ok()
                .and_then(|m| m.get(&d.timestamp()).cloned());
            known
                .map(|dateline| Dateline { source, ..dateline })
                .or_else(|| parse_dateline(&d.to_rfc3339(), source))
        });
    let title = entry
        .title
        .map(|t| html::fragment_to_text(&t.content))
        .filter(|t| !t.is_empty());
    let mut metadata = BTreeMap::new();
    if !entry.id.is_empty() {
        metadata.insert("guid".to_string(), serde_json::Value::String(entry.id));
    }
    let categories: Vec<serde_json::Value> = entry
        .categories
        .into_iter()
        .map(|c| serde_json::Value::String(c.label.unwrap_or(c.term)))
        .collect();
    if !categories.is_empty() {
        metadata.insert(
            "categories".to_string(),
            serde_json::Value::Array(categories),
        );
    }
    let authors: Vec<serde_json::Value> = entry
        .authors
        .into_iter()
        .filter_map(|p| p.name.map(serde_json::Value::String))
        .collect();
    if !authors.is_empty() {
        metadata.insert("authors".to_string(), serde_json::Value::Array(authors));
    }
    let source = Source {
        origin: origin.to_string(),
        format,
        outlet,
        url: entry.links.into_iter().next().map(|l| l.href),
        title,
        dateline,
        removed_lines: Vec::new(),
    };
    clean::finish(&text, source, metadata)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(bytes: &[u8]) -> (Result<usize>, Vec<ReadEvent>) {
        let mut events = Vec::new();
        let r = read(bytes, "f.rss", &mut |e| events.push(e));
        (r, events)
    }

    #[test]
    fn rss_items() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Gulf Observer</title>
<item><title>Ceasefire talks resume</title><link>https://gulf.example/1</link><guid>g1</guid><pubDate>Tue, 18 Jul 2023 10:15:00 +0000</pubDate>
<content:encoded><![CDATA[<p>Negotiators met in Doha on Monday.</p><p>No agreement was reached.</p>]]></content:encoded></item>
<item><title>Empty item</title><description></description></item>
</channel></rss>"#;
        let (r, events) = collect(rss);
        assert_eq!(r.unwrap(), 2);
        let ReadEvent::Article(a) = &events[0] else {
            panic!("{events:?}")
        };
        assert_eq!(a.outlet.as_deref(), Some("Gulf Observer"));
        assert_eq!(a.title.as_deref(), Some("Ceasefire talks resume"));
        assert_eq!(a.url.as_deref(), Some("https://gulf.example/1"));
        assert_eq!(a.sources[0].format, InputFormat::Rss);
        assert_eq!(a.sources[0].origin, "f.rss#item=1");
        assert_eq!(
            a.dateline.as_ref().unwrap().date,
            jiff::civil::date(2023, 7, 18)
        );
        assert_eq!(
            a.text,
            "Negotiators met in Doha on Monday.\n\nNo agreement was reached."
        );
        assert!(
            matches!(&events[1], ReadEvent::Rejected(e) if e.reason() == "no_text" && e.origin() == "f.rss#item=2")
        );
    }

    #[test]
    fn feed_dates_keep_the_publishers_local_date() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Late news</title><pubDate>Sun, 17 Sep 2023 23:05:00 -0500</pubDate><description>Police cleared the square late on Sunday evening.</description></item>
</channel></rss>"#;
        let (_, events) = collect(rss);
        let ReadEvent::Article(a) = &events[0] else {
            panic!("{events:?}")
        };
        let d = a.dateline.as_ref().unwrap();
        assert_eq!(d.date, jiff::civil::date(2023, 9, 17));
        assert_eq!(d.utc_offset_minutes, Some(-300));
        assert_eq!(d.source, DatelineSource::FeedPublished);
    }

    #[test]
    fn atom_entries() {
        let atom = br#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Steppe News</title><id>urn:x</id><updated>2023-07-19T00:00:00Z</updated>
<entry><title>Ministers meet</title><id>urn:e1</id><updated>2023-07-19T08:00:00Z</updated><summary>The foreign ministers met in Astana.</summary></entry></feed>"#;
        let (r, events) = collect(atom);
        assert_eq!(r.unwrap(), 1);
        let ReadEvent::Article(a) = &events[0] else {
            panic!("{events:?}")
        };
        assert_eq!(a.sources[0].format, InputFormat::Atom);
        assert_eq!(
            a.dateline.as_ref().unwrap().source,
            DatelineSource::FeedUpdated
        );
        assert_eq!(a.text, "The foreign ministers met in Astana.");
    }

    #[test]
    fn outlet_names_drop_section_suffixes() {
        assert_eq!(outlet_name("The Record – World"), "The Record");
        assert_eq!(outlet_name("Gulf Observer | Latest News"), "Gulf Observer");
        assert_eq!(outlet_name("Steppe News"), "Steppe News");
        assert_eq!(outlet_name("Peace - and War"), "Peace - and War");
    }

    #[test]
    fn not_a_feed() {
        let (r, events) = collect(b"<html><body>hi</body></html>");
        assert_eq!(r.unwrap_err().reason(), "malformed");
        assert!(events.is_empty());
    }
}
