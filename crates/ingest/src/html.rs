//! HTML pages: metadata from `<head>` (title, site name, canonical URL, dates
//! from `<meta>`, JSON-LD and `<time>`), main text by readability (dom_smoothie).

use std::collections::BTreeMap;

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use sitrep_model::{Article, Dateline, DatelineSource, InputFormat, Source};

use crate::date::parse_dateline;
use crate::{clean, Error, Result};

/// Fewer words than this in a page's main text is navigation, not an article.
const MIN_PAGE_WORDS: usize = 15;

/// `<meta>` tags that carry a publication date, most trusted first.
const DATE_META: &[&str] = &[
    r#"meta[property="article:published_time"]"#,
    r#"meta[name="article:published_time"]"#,
    r#"meta[itemprop="datePublished"]"#,
    r#"meta[name="pubdate"]"#,
    r#"meta[name="publishdate"]"#,
    r#"meta[name="publish-date"]"#,
    r#"meta[name="date"]"#,
    r#"meta[name="dc.date"]"#,
    r#"meta[name="DC.date.issued"]"#,
    r#"meta[name="dcterms.date"]"#,
    r#"meta[name="parsely-pub-date"]"#,
    r#"meta[name="sailthru.date"]"#,
    r#"meta[property="og:published_time"]"#,
];

/// Whether a string holds HTML markup rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let head = &text[..crate::decode::floor_char_boundary(text, 4096)];
    let lower = head.to_ascii_lowercase();
    [
        "<p>", "<p ", "</p>", "<br", "<div", "</a>", "<html", "<body",
    ]
    .iter()
    .any(|tag| lower.contains(tag))
}

/// Text of an HTML fragment (feed content, JSON `text` holding markup), with
/// block elements as paragraphs; scripts and styles dropped.
pub fn fragment_to_text(html: &str) -> String {
    let doc = Document::fragment(html);
    doc.select("script, style, noscript, template").remove();
    doc.formatted_text().to_string()
}

fn attr(doc: &Document, selector: &str, name: &str) -> Option<String> {
    doc.select_single(selector)
        .attr(name)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn text_of(doc: &Document, selector: &str) -> Option<String> {
    let text = doc.select_single(selector).text();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// The publication date: `<meta>` tags, then JSON-LD `datePublished`, then the
/// first `<time datetime>`.
fn find_dateline(doc: &Document) -> Option<Dateline> {
    for selector in DATE_META {
        if let Some(d) = attr(doc, selector, "content")
            .and_then(|v| parse_dateline(&v, DatelineSource::HtmlMeta))
        {
            return Some(d);
        }
    }
    for script in doc.select(r#"script[type="application/ld+json"]"#).iter() {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&script.text()) else {
            continue;
        };
        if let Some(d) = find_json_ld_date(&value, 0) {
            return Some(d);
        }
    }
    let time = doc.select("time[datetime]");
    time.iter()
        .filter_map(|t| t.attr("datetime"))
        .find_map(|v| parse_dateline(&v, DatelineSource::HtmlTime))
}

fn find_json_ld_date(value: &serde_json::Value, depth: usize) -> Option<Dateline> {
    if depth > 8 {
        return None;
    }
    match value {
        serde_json::Value::Object(map) => map
            .get("datePublished")
            .and_then(|v| v.as_str())
            .and_then(|v| parse_dateline(v, DatelineSource::JsonLd))
            .or_else(|| {
                map.values()
                    .filter(|v| v.is_array() || v.is_object())
                    .find_map(|v| find_json_ld_date(v, depth + 1))
            }),
        serde_json::Value::Array(items) => {
            items.iter().find_map(|v| find_json_ld_date(v, depth + 1))
        }
        _ => None,
    }
}

/// Reads one HTML page. `url` is where it was fetched from (WARC target URI),
/// used when the page names no canonical URL; `format` is the container's.
pub fn read(html: &str, origin: &str, url: Option<&str>, format: InputFormat) -> Result<Article> {
    let doc = Document::from(html);
    let title = attr(&doc, r#"meta[property="og:title"]"#, "content")
        .or_else(|| text_of(&doc, "head title"))
        .or_else(|| text_of(&doc, "h1"));
    let outlet = attr(&doc, r#"meta[property="og:site_name"]"#, "content")
        .or_else(|| attr(&doc, r#"meta[name="application-name"]"#, "content"))
        .or_else(|| attr(&doc, r#"meta[name="publisher"]"#, "content"));
    let canonical = attr(&doc, r#"link[rel="canonical"]"#, "href")
        .or_else(|| attr(&doc, r#"meta[property="og:url"]"#, "content"))
        .or_else(|| url.map(str::to_string));
    let dateline = find_dateline(&doc);
    let mut metadata = BTreeMap::new();
    if let Some(lang) = attr(&doc, "html", "lang") {
        metadata.insert("html_lang".to_string(), serde_json::Value::String(lang));
    }
    if let Some(author) = attr(&doc, r#"meta[name="author"]"#, "content") {
        metadata.insert("author".to_string(), serde_json::Value::String(author));
    }

    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let base = canonical
        .as_deref()
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let no_text = |detail: String| Error::NoText {
        origin: origin.to_string(),
        detail,
    };
    let mut readability = Readability::with_document(doc, base, Some(config.clone()))
        .or_else(|_| Readability::with_document(Document::from(html), None, Some(config)))
        .map_err(|e| no_text(e.to_string()))?;
    let extracted = readability
        .parse()
        .map_err(|e| no_text(format!("readability: {e}")))?;
    let words = extracted.text_content.split_whitespace().count();
    if words < MIN_PAGE_WORDS {
        return Err(no_text(format!(
            "main text has {words} word(s); a page needs at least {MIN_PAGE_WORDS}"
        )));
    }
    let source = Source {
        origin: origin.to_string(),
        format,
        outlet,
        url: canonical,
        title: title.or_else(|| Some(extracted.title.trim().to_string()).filter(|t| !t.is_empty())),
        dateline,
        removed_lines: Vec::new(),
    };
    clean::finish(&extracted.text_content, source, metadata)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Quake toll rises | Example Daily</title>
<meta property="og:site_name" content="Example Daily">
<meta property="og:title" content="Quake toll rises">
<meta property="article:published_time" content="2023-09-09T08:00:00+01:00">
<link rel="canonical" href="https://daily.example/quake">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Quake toll rises</h1>
<p>At least 2,000 people were killed when an earthquake struck the region late on Friday, the interior ministry said in a statement on Saturday morning.</p>
<p>Rescue teams from neighbouring countries arrived overnight and began searching collapsed buildings in mountain villages that remain cut off by landslides.</p>
<p>The toll could rise further as roads are cleared, officials warned, adding that hundreds of people were still unaccounted for.</p>
</article>
<footer>Share this article</footer></body></html>"#;

    #[test]
    fn page_metadata_and_text() {
        let a = read(PAGE, "p.html", None, InputFormat::Html).unwrap();
        assert_eq!(a.outlet.as_deref(), Some("Example Daily"));
        assert_eq!(a.title.as_deref(), Some("Quake toll rises"));
        assert_eq!(a.url.as_deref(), Some("https://daily.example/quake"));
        let d = a.dateline.unwrap();
        assert_eq!(d.date, jiff::civil::date(2023, 9, 9));
        assert_eq!(d.source, DatelineSource::HtmlMeta);
        assert!(a.text.starts_with("At least 2,000 people"), "{}", a.text);
        assert_eq!(a.text.matches("\n\n").count(), 2, "{}", a.text);
        assert!(!a.text.contains("Home"));
    }

    #[test]
    fn json_ld_and_time_dates() {
        let ld = PAGE.replace(
            r#"<meta property="article:published_time" content="2023-09-09T08:00:00+01:00">"#,
            r#"<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2023-09-10"}]}</script>"#,
        );
        let d = read(&ld, "p.html", None, InputFormat::Html)
            .unwrap()
            .dateline
            .unwrap();
        assert_eq!(
            (d.date, d.source),
            (jiff::civil::date(2023, 9, 10), DatelineSource::JsonLd)
        );
        let time = PAGE
            .replace(
                r#"<meta property="article:published_time" content="2023-09-09T08:00:00+01:00">"#,
                "",
            )
            .replace("<h1>", r#"<time datetime="2023-09-11">11 Sept</time><h1>"#);
        let d = read(&time, "p.html", None, InputFormat::Html)
            .unwrap()
            .dateline
            .unwrap();
        assert_eq!(
            (d.date, d.source),
            (jiff::civil::date(2023, 9, 11), DatelineSource::HtmlTime)
        );
    }

    #[test]
    fn page_without_text_is_rejected() {
        let err = read(
            "<html><head><title>Empty</title></head><body><nav>Home</nav></body></html>",
            "empty.html",
            None,
            InputFormat::Html,
        )
        .unwrap_err();
        assert_eq!(err.reason(), "no_text");
        assert!(err.to_string().starts_with("empty.html: "));
    }

    #[test]
    fn fragments() {
        assert_eq!(
            fragment_to_text("<p>One &amp; two.</p><script>x()</script><p>Three<br>four</p>"),
            "One & two.\n\nThree\nfour"
        );
        assert!(looks_like_html("<p>x</p>"));
        assert!(!looks_like_html("5 < 6 and 7 > 3"));
    }
}
