//! Plain-text articles: an optional header line `date YYYY-MM-DD (Outlet)` (the
//! body may go on after it on the same line), an optional title line (short, no
//! closing full stop, followed by a blank line), then the body.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use sitrep_model::{Article, DatelineSource, InputFormat, Source};

use crate::date::parse_dateline;
use crate::{clean, Result};

static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*date:?\s+(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)(?:[ \t]+\(([^()\n]{1,80})\))?(?:[ \t]*\r?\n|[ \t]+|$)",
    )
    .expect("valid regex")
});

/// Longest line taken as a title.
const MAX_TITLE_CHARS: usize = 200;

/// What the header and title lines of a text say.
#[derive(Debug, Default, PartialEq)]
pub struct TextHead<'a> {
    pub date: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub title: Option<&'a str>,
    /// The rest of the text: the body.
    pub body: &'a str,
}

/// Splits a text into header, title and body.
pub fn split_head(text: &str) -> TextHead<'_> {
    let text = text.trim_start_matches('\u{feff}');
    let mut head = TextHead {
        body: text,
        ..TextHead::default()
    };
    // The header is on the first line: match there, not across the whole text.
    let first_line = &text[..text.find('\n').map_or(text.len(), |i| i + 1)];
    if let Some(c) = HEADER.captures(first_line) {
        head.date = c.get(1).map(|m| m.as_str());
        head.outlet = c.get(2).map(|m| m.as_str().trim());
        let end = c.get(0).map_or(0, |m| m.end());
        let rest = &text[end..];
        // The body goes on on the header line itself: no title.
        let same_line = !text[..end].ends_with('\n') && !rest.trim().is_empty();
        head.body = rest;
        if same_line {
            return head;
        }
    }
    let body = head.body.trim_start_matches(['\r', '\n', ' ', '\t']);
    let mut lines = body.splitn(3, '\n');
    if let (Some(first), Some(second), Some(rest)) = (lines.next(), lines.next(), lines.next()) {
        let first_trim = first.trim();
        if is_title(first_trim) && second.trim().is_empty() && !rest.trim().is_empty() {
            head.title = Some(first_trim);
            head.body = rest;
            return head;
        }
    }
    head.body = body;
    head
}

fn is_title(line: &str) -> bool {
    !line.is_empty()
        && line.chars().count() <= MAX_TITLE_CHARS
        && !line.ends_with(['.', ',', ';', ':'])
}

/// Reads one plain-text article.
pub fn read(text: &str, origin: &str) -> Result<Article> {
    let head = split_head(text);
    let source = Source {
        origin: origin.to_string(),
        format: InputFormat::Text,
        outlet: head.outlet.map(str::to_string),
        url: None,
        title: head.title.map(str::to_string),
        dateline: head
            .date
            .and_then(|d| parse_dateline(d, DatelineSource::TextHeader)),
        removed_lines: Vec::new(),
    };
    clean::finish(head.body, source, BTreeMap::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn header_with_outlet_and_body_on_same_line() {
        let head =
            split_head(" date 2024-03-05 (Harbor Post) The ministers met on Monday.\n\nMore.");
        assert_eq!(head.date, Some("2024-03-05"));
        assert_eq!(head.outlet, Some("Harbor Post"));
        assert_eq!(head.title, None);
        assert!(head.body.starts_with("The ministers met"));
    }

    #[test]
    fn header_then_title_then_body() {
        let head = split_head("date 2024-03-05\nFloods hit the delta\n\nWater rose.\n");
        assert_eq!(head.date, Some("2024-03-05"));
        assert_eq!(head.outlet, None);
        assert_eq!(head.title, Some("Floods hit the delta"));
        assert_eq!(head.body.trim(), "Water rose.");
    }

    #[test]
    fn title_without_header() {
        let head = split_head("Floods hit the delta\r\n\r\nWater rose across the region.\r\n");
        assert_eq!(head.date, None);
        assert_eq!(head.title, Some("Floods hit the delta"));
    }

    #[test]
    fn long_first_paragraph_is_not_a_title() {
        let head = split_head("The water rose across the region overnight.\n\nRescuers worked.\n");
        assert_eq!(head.title, None);
        assert!(head.body.starts_with("The water rose"));
    }

    #[test]
    fn a_sentence_starting_with_date_is_not_a_header() {
        let head = split_head("Date palms were flattened by the storm.\n\nFarmers counted losses.");
        assert_eq!(head.date, None);
    }

    #[test]
    fn read_builds_article() {
        let a = read(
            "date 2024-03-05 (Harbor Post)\nFloods hit the delta\n\nAt least 12 people died when the river burst its banks on Monday, officials said.\n\nShare this article\n",
            "x.txt",
        )
        .unwrap();
        assert_eq!(a.outlet.as_deref(), Some("Harbor Post"));
        assert_eq!(a.title.as_deref(), Some("Floods hit the delta"));
        assert_eq!(a.dateline.as_ref().unwrap().date, date(2024, 3, 5));
        assert_eq!(
            a.text,
            "At least 12 people died when the river burst its banks on Monday, officials said."
        );
        assert_eq!(a.sources[0].removed_lines, ["Share this article"]);
    }
}
