//! The fusion layer: what many reports say together.
//!
//! * [`events::fuse`]: the coded events of a story's articles become one
//!   [`FusedEvent`](sitrep_model::FusedEvent) per real-world event, with every
//!   report kept, source and article counts, and the dates reconciled (a date
//!   written out, or given relative to an on-time dateline, beats one
//!   resolved against a late dateline; disagreements are kept and flagged).
//! * [`claims::series`]: claims of one kind about one side and place form a
//!   series by as-of date; figures of one date that cannot all be true are
//!   flagged; a conservative figure is chosen by a documented rule.
//! * [`framing`]: how each outlet names the actors and acts of a story —
//!   loaded and neutral terms of a team-written lexicon, each in the
//!   outlet's own voice or quoted from a speaker — side by side per outlet.
//!
//! Both are order-insensitive: the same reports in any order give the same
//! output.

pub mod claims;
pub mod events;
pub mod framing;

use jiff::civil::Date;

/// An item as one article reports it, with what fusion needs of the article.
#[derive(Debug, Clone, Copy)]
pub struct Reported<'a, T> {
    pub outlet: Option<&'a str>,
    /// The article's dateline day.
    pub dateline: Option<Date>,
    /// The near-duplicate family of the article (syndicated or lightly
    /// edited copies of one text share it); `None` when it has no copy.
    pub family: Option<&'a str>,
    pub item: &'a T,
}
