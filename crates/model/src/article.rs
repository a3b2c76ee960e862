//! Articles, their ids, datelines and the sources that carried them.

use std::collections::BTreeMap;

use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// Stable article id: the first 128 bits of the BLAKE3 hash of the normalised
/// text ([`normalize_for_id`]), as 32 lower-case hex digits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(String);

impl DocId {
    /// The id of a text: hash of its normalised form.
    pub fn of_text(text: &str) -> Self {
        let hash = blake3::hash(normalize_for_id(text).as_bytes());
        let hex = hash.to_hex();
        Self(hex.as_str()[..32].to_string())
    }

    /// Wraps an id read back from storage (no check).
    pub fn from_stored(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The normal form two copies of one report share: Unicode NFKC, lower case,
/// typographic quotes and dashes folded to ASCII, runs of white space collapsed
/// to one space, trimmed.
pub fn normalize_for_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    // One pass over the bytes: ASCII folds byte by byte; any other character is
    // checked to be in NFKC already (quick-check property and combining-class
    // order), which news text almost always is. Otherwise start again with the
    // full normalisation.
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut last_class = 0u8;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            push_folded(
                char::from(b.to_ascii_lowercase()),
                &mut out,
                &mut pending_space,
            );
            last_class = 0;
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let class = unicode_normalization::char::canonical_combining_class(c);
        let quick = unicode_normalization::is_nfkc_quick(std::iter::once(c));
        if quick != unicode_normalization::IsNormalized::Yes || (class != 0 && class < last_class) {
            return normalize_slow(text);
        }
        last_class = class;
        for lower in c.to_lowercase() {
            push_folded(lower, &mut out, &mut pending_space);
        }
        i += c.len_utf8();
    }
    out
}

/// [`normalize_for_id`] through a full NFKC pass.
fn normalize_slow(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkc() {
        for lower in c.to_lowercase() {
            push_folded(lower, &mut out, &mut pending_space);
        }
    }
    out
}

/// Pushes one lower-cased character, folding typography and white space.
#[inline(always)]
fn push_folded(c: char, out: &mut String, pending_space: &mut bool) {
    let c = match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c => c,
    };
    if c.is_whitespace() {
        *pending_space = !out.is_empty();
        return;
    }
    if *pending_space {
        out.push(' ');
        *pending_space = false;
    }
    out.push(c);
}

/// How precise a dateline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Year,
    Month,
    Day,
    Minute,
    Second,
}

/// Where in the input a dateline was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatelineSource {
    /// The `date YYYY-MM-DD (Outlet)` header of a plain-text article.
    TextHeader,
    /// The `date` field of a JSON Lines record.
    JsonField,
    /// An HTML `<meta>` tag (`article:published_time`, `date`, `pubdate`, …).
    HtmlMeta,
    /// An HTML `<time datetime=…>` element.
    HtmlTime,
    /// `datePublished` in an HTML page's JSON-LD.
    JsonLd,
    /// An RSS `pubDate` or Atom `published`.
    FeedPublished,
    /// An Atom `updated` (used only when no `published` is given).
    FeedUpdated,
}

/// The publication date of a report, in the publisher's local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// Local calendar date (`2023-10-17`). For month or year precision the first
    /// day of the period.
    pub date: Date,
    /// Local time of day, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<Time>,
    /// Offset from UTC in minutes of the local time, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset_minutes: Option<i32>,
    pub precision: DatePrecision,
    pub source: DatelineSource,
}

impl Dateline {
    /// A day-precision dateline.
    pub fn day(date: Date, source: DatelineSource) -> Self {
        Self {
            date,
            time: None,
            utc_offset_minutes: None,
            precision: DatePrecision::Day,
            source,
        }
    }
}

/// The input format a source was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    Text,
    JsonLines,
    Html,
    Rss,
    Atom,
    Warc,
}

impl InputFormat {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::JsonLines => "json_lines",
            Self::Html => "html",
            Self::Rss => "rss",
            Self::Atom => "atom",
            Self::Warc => "warc",
        }
    }
}

/// One carrier of an article's text: the file (and record in it) it came from and
/// what that carrier said about it. Exact duplicates keep one [`Article`] with a
/// source for every carrier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// File path, `-` for standard input, `embedded:…` for the demo corpus; with
    /// `#record=N` (1-based) for files holding many articles.
    pub origin: String,
    pub format: InputFormat,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
    /// Lines removed as boilerplate ("Share this article", cookie notices, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_lines: Vec<String>,
}

impl Source {
    /// A source that says nothing about the text but where it came from.
    pub fn new(origin: impl Into<String>, format: InputFormat) -> Self {
        Self {
            origin: origin.into(),
            format,
            outlet: None,
            url: None,
            title: None,
            dateline: None,
            removed_lines: Vec::new(),
        }
    }
}

/// One news report after ingestion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Hash of the normalised text ([`DocId::of_text`]).
    pub id: DocId,
    /// Outlet, URL, title and dateline are those of the first source seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
    /// ISO 639-3 code of the identified language (`eng`), if identification was
    /// reliable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Cleaned body text: paragraphs separated by one blank line, boilerplate
    /// removed. Spans index into this string.
    pub text: String,
    /// Fields of the input the model has no place for (JSON Lines extras, feed
    /// categories, …), sorted by key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, serde_json::Value>,
    /// Every carrier of this text, first seen first.
    pub sources: Vec<Source>,
}

impl Article {
    /// An article for `text` as carried by `source`; id, outlet, url, title and
    /// dateline follow from them.
    pub fn new(text: String, source: Source) -> Self {
        Self {
            id: DocId::of_text(&text),
            outlet: source.outlet.clone(),
            url: source.url.clone(),
            title: source.title.clone(),
            dateline: source.dateline.clone(),
            language: None,
            text,
            metadata: BTreeMap::new(),
            sources: vec![source],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_ignores_case_space_and_typography() {
        let a = DocId::of_text("Putin’s call —  on Monday\n\nwith Raisi.");
        let b = DocId::of_text("putin's call - on monday with raisi.");
        assert_eq!(a, b);
        assert_eq!(a.as_str().len(), 32);
        assert!(a.as_str().chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn id_changes_with_words() {
        assert_ne!(
            DocId::of_text("at least 12 killed"),
            DocId::of_text("at least 13 killed")
        );
    }

    #[test]
    fn dateline_json_form() {
        let d = Dateline::day(jiff::civil::date(2023, 10, 17), DatelineSource::TextHeader);
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(
            json,
            r#"{"date":"2023-10-17","precision":"day","source":"text_header"}"#
        );
    }

    #[test]
    fn ascii_and_unicode_paths_agree() {
        let ascii = "Putin's call - on  Monday\twith RAISI.";
        let unicode = "Putin’s call – on  Monday\twith RAISI.";
        assert_eq!(
            normalize_for_id(ascii),
            "putin's call - on monday with raisi."
        );
        assert_eq!(normalize_for_id(ascii), normalize_for_id(unicode));
    }

    proptest::proptest! {
        #[test]
        fn fast_path_equals_full_normalisation(s in "(\\PC|[\u{300}-\u{36f}\u{2018}-\u{201f}\u{a0}é]){0,60}") {
            proptest::prop_assert_eq!(normalize_for_id(&s), normalize_slow(&s));
        }

        #[test]
        fn normalisation_is_idempotent(s in "\\PC{0,80}") {
            let once = normalize_for_id(&s);
            proptest::prop_assert_eq!(normalize_for_id(&once), once.clone());
        }
    }
}
