//! The rule bank: regular expressions over the raw text, each with a
//! normaliser. Each rule runs in the windows around its trigger words
//! (`trigger.rs`); overlaps go to the longest match (then the earliest
//! rule).
//!
//! * `table.rs`: the patterns, the trigger classes each rule needs, and
//!   which normaliser a rule's matches go to.
//! * `tagger.rs`: [`tag`] itself: the matches in each rule's windows,
//!   their sentence and tense, the longest of overlapping matches, and the
//!   [`Timex`](crate::Timex)es built from them.
//! * The normalisers, by family: `dates.rs` (ISO and slashed dates, month
//!   and day, months, years, decades, spelled years), `days.rs` (weekdays,
//!   clock times, parts of the day, deictics such as "today" and "now",
//!   holidays), `durations.rs` (numbers, units, durations, sets) and
//!   `periods.rs` (counted back or forward: "two weeks ago", "last week",
//!   "the third quarter", "year-earlier").

mod dates;
mod days;
mod durations;
mod periods;
mod table;
mod tagger;

use jiff::civil::Date;
use regex::Captures;
use sitrep_model::TimeType;

use crate::resolve;
use crate::tense::Tense;
use crate::Granularity;

pub use tagger::{prepare, tag};

/// A normalised match: what becomes a [`Timex`](crate::Timex).
struct Out {
    /// Bytes of the match left out of the expression's span (a leading
    /// article or adverb the annotation convention does not include).
    skip: usize,
    /// Bytes of the match left out at its end ("three days" of "three days
    /// later").
    cut: usize,
    ttype: TimeType,
    value: String,
    start: Option<Date>,
    end: Option<Date>,
    gran: Granularity,
    relative: bool,
    resolved: bool,
}

impl Out {
    fn day(d: Date, relative: bool) -> Self {
        Out {
            skip: 0,
            cut: 0,
            ttype: TimeType::Date,
            value: d.to_string(),
            start: Some(d),
            end: Some(d),
            gran: Granularity::Day,
            relative,
            resolved: true,
        }
    }
    fn text(
        ttype: TimeType,
        value: impl Into<String>,
        gran: Granularity,
        relative: bool,
        resolved: bool,
    ) -> Self {
        Out {
            skip: 0,
            cut: 0,
            ttype,
            value: value.into(),
            start: None,
            end: None,
            gran,
            relative,
            resolved,
        }
    }
    fn month(y: i16, m: i8, relative: bool) -> Self {
        let bounds = resolve::month_bounds(y, m);
        Out {
            skip: 0,
            cut: 0,
            ttype: TimeType::Date,
            value: format!("{y:04}-{m:02}"),
            start: bounds.map(|b| b.0),
            end: bounds.map(|b| b.1),
            gran: Granularity::Month,
            relative,
            resolved: true,
        }
    }
    fn year(y: i16, relative: bool) -> Self {
        Out {
            skip: 0,
            cut: 0,
            ttype: TimeType::Date,
            value: format!("{y:04}"),
            start: Date::new(y, 1, 1).ok(),
            end: Date::new(y, 12, 31).ok(),
            gran: Granularity::Year,
            relative,
            resolved: true,
        }
    }
}

/// Capture group `i`, if it took part in the match.
fn g<'t>(c: &Captures<'t>, i: usize) -> Option<&'t str> {
    c.get(i).map(|m| m.as_str())
}

/// Capture group `i` lower-cased with its spaces collapsed (`""` if absent).
fn lower(c: &Captures, i: usize) -> String {
    g(c, i)
        .unwrap_or("")
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a normaliser sees around its match.
struct Ctx<'t> {
    dct: Option<Date>,
    /// The tense governing the match (only for rules that ask for it).
    tense: Tense,
    /// Up to 80 bytes of the sentence before the match.
    before: &'t str,
    /// Up to 40 bytes of the sentence after it.
    rest: &'t str,
    /// The sentence around it.
    sentence: &'t str,
    /// The text reports quarterly results.
    quarterly: bool,
}

#[cfg(test)]
mod testing {
    use jiff::civil::{date, Date};

    use super::tag;

    /// 2000-01-06 was a Thursday.
    pub const THU: Date = date(2000, 1, 6);

    /// Surface, type and value of each expression found.
    pub fn one(text: &str, dct: Date) -> Vec<(String, &'static str, String)> {
        tag(text, Some(dct))
            .into_iter()
            .map(|t| (t.surface, crate::type_name(t.ttype), t.value))
            .collect()
    }

    /// Asserts that `surface` is found in `text` with `value`.
    pub fn has(text: &str, dct: Date, surface: &str, value: &str) {
        let got = one(text, dct);
        assert!(
            got.iter().any(|(s, _, v)| s == surface && v == value),
            "{text:?}: want {surface:?} = {value}, got {got:?}"
        );
    }
}
