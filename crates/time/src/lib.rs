//! sitrep's temporal tagger: time expressions found in news text and
//! normalised TimeML-style against the article's dateline.
//!
//! * [`tag`] finds [`Timex`]es with byte spans: dates ("October 16",
//!   "16 October 2023", "2023-10-16", "Friday", "last week", "a year ago",
//!   "the third quarter", "Thanksgiving", "nineteen ninety-six"), times
//!   ("3:30 p.m.", "noon Saturday", "Friday evening" = `…TEV`), durations
//!   ("two weeks", "the past nine months", "5 1/2 hours" = `PT5H30M`) and
//!   sets ("daily", "every quarter"), with a TimeML `value` (`2023-10-16`,
//!   `2023-W02`, `2023-10`, `P1W`, `PAST_REF`…), an interval and a
//!   granularity.
//! * Resolution is against the dateline and the tense of the clause
//!   (`tense.rs`: the cue nearest the expression governs it, so "said
//!   Wednesday that he will go" is past and "will meet on Wednesday"
//!   future). Bare weekdays are the latest one on or before the dateline
//!   unless a future cue governs them. Dates without a year
//!   (`resolve::infer_year`) take the year that keeps them closest before
//!   the dateline in a past-tense clause, the first reading on or after it
//!   under a future cue, and otherwise the reading nearest the dateline on
//!   either side ("payable Dec. 15", "the record date is Nov. 9": news
//!   names coming terms without any future cue). Without a dateline
//!   relative expressions keep unresolved values (`XXXX-XX-XX`), never a
//!   guess.
//!
//! The rule bank is data-light on purpose: a handful of regular expressions
//! over the raw text, each with a normaliser, run only around the words
//! they need (`trigger.rs`: one pass over the words of the text finds
//! digits, month and weekday names, units, deictics; each rule then
//! searches only windows around its own trigger words). [`prepare`]
//! compiles the bank ahead of the first call. The files:
//!
//! * `rules/table.rs`: the patterns, each rule's trigger classes and
//!   normaliser; `rules/tagger.rs`: [`tag`] itself (matches in the
//!   windows, their sentence and tense, the longest of overlapping
//!   matches, the [`Timex`]es built); `rules/mod.rs`: what a normaliser
//!   sees and returns.
//! * The normalisers by family: `rules/dates.rs` (ISO and slashed dates,
//!   month and day, months, years, decades, spelled years), `rules/days.rs`
//!   (weekdays, clock times, parts of the day, deictics, holidays),
//!   `rules/durations.rs` (numbers, units, durations, sets) and
//!   `rules/periods.rs` ("ago", last/this/next, quarters and halves,
//!   "year-earlier").
//! * `resolve.rs` (calendar arithmetic against the dateline), `tense.rs`
//!   (the tense governing an expression), `named.rs` (holiday dates and
//!   spelled years), `anchor.rs` ([`anchor_years`]: years for the dates of
//!   an undated article) and `trigger.rs` (the trigger words and windows).

mod anchor;
mod named;
mod resolve;
mod rules;
mod tense;
mod trigger;

use jiff::civil::Date;
use serde::Serialize;
use sitrep_model::{Span, TimeType};

pub use anchor::anchor_years;
pub use rules::{prepare, tag};

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
    /// The year comes from the period the article's titles fit
    /// ([`anchor_years`]), not from a dateline.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub estimated: bool,
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
