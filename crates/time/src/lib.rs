//! sitrep's temporal tagger: time expressions found in news text and
//! normalised TimeML-style against the article's dateline.
//!
//! * [`tag`] finds [`Timex`]es with byte spans: dates ("October 16",
//!   "16 October 2023", "2023-10-16", "Friday", "last week", "a year ago",
//!   "the third quarter"), times ("3:30 p.m.", "Friday evening"), durations
//!   ("two weeks", "the past nine months") and sets ("daily", "every
//!   quarter"), with a TimeML `value` (`2023-10-16`, `2023-W42`, `2023-10`,
//!   `P1W`, `PAST_REF`…), an interval and a granularity.
//! * Resolution ([`resolve`]) is against the dateline, with a past bias for
//!   bare weekdays and dates without a year, and a future bias only where the
//!   sentence has a future cue ("will", "next", "upcoming"). Without a dateline
//!   relative expressions keep unresolved values (`XXXX-XX-XX`), never a guess.
//!
//! The rule bank is data-light on purpose: a handful of regular expressions
//! over the raw text (`rules.rs`), each with a normaliser.

mod resolve;
mod rules;

use jiff::civil::Date;
use serde::Serialize;
use sitrep_model::{Span, TimeType};

pub use rules::tag;

/// How fine a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Time,
    Day,
    Week,
    Month,
    Season,
    Quarter,
    Year,
    Decade,
    /// `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`, durations and sets.
    None,
}

/// A time expression.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timex {
    /// Byte span into the text given to [`tag`].
    pub span: Span,
    pub surface: String,
    #[serde(rename = "type")]
    pub ttype: TimeType,
    /// TimeML value.
    pub value: String,
    /// First and last day the value covers, when it is a resolved date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    pub granularity: Granularity,
    /// Relative to the dateline ("on Monday", "last week"), as opposed to
    /// absolute ("16 October 2023").
    pub relative: bool,
    /// The value is a full calendar value (false for `XXXX-…` and `*_REF`).
    pub resolved: bool,
}

/// Whether a TimeML type name is one of ours.
pub fn type_name(t: TimeType) -> &'static str {
    match t {
        TimeType::Date => "DATE",
        TimeType::Time => "TIME",
        TimeType::Duration => "DURATION",
        TimeType::Set => "SET",
    }
}
