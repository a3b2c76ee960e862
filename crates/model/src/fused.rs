//! What the fusion layer makes of many reports: one event with every report
//! that tells it, and claims of many sources as series over time.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::{ClaimKind, DateBasis, DocId, EventActor, Figure, Phrase, Span};

/// One report of a fused event: which article said it, where, and what date
/// that report gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventReport {
    pub doc: DocId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The article's dateline day, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Date>,
    pub sentence: u32,
    pub sentence_span: Span,
    pub trigger: Phrase,
    /// The CAMEO code this report was coded with.
    pub cameo: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_basis: Option<DateBasis>,
    /// A relative date of a report published well after the story began:
    /// not trusted for the event's date.
    #[serde(default)]
    pub late: bool,
}

/// One date some reports give for a fused event, when they disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateClaim {
    pub date: Date,
    pub basis: DateBasis,
    pub docs: Vec<DocId>,
}

/// One real-world event and every report of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FusedEvent {
    /// Stable id: hash of the fused key (type, actors, date).
    pub id: String,
    /// The code most reports give (ties: the more specific, then the smaller).
    pub cameo: String,
    pub label: String,
    pub plover: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    pub source: EventActor,
    pub target: EventActor,
    /// Mutual acts (consulting, phoning, meeting, negotiating, signing an
    /// agreement) are fused whatever the direction each report gives.
    pub mutual: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_basis: Option<DateBasis>,
    /// The dates reports give, when more than one: kept and flagged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub date_conflicts: Vec<DateClaim>,
    /// Every report is background to later events.
    pub historical: bool,
    pub reports: Vec<EventReport>,
    /// Distinct outlets (an article without an outlet counts as its own).
    pub num_sources: usize,
    /// Distinct reports once near-duplicate copies are counted as one
    /// (a syndicated text carried by three outlets counts once).
    #[serde(default)]
    pub num_independent: usize,
    pub num_articles: usize,
    /// Earliest and latest dateline among the reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_report: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_report: Option<Date>,
}

/// One figure of a claim series, with who stated it where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourcedFigure {
    pub doc: DocId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    pub sentence: u32,
    pub figure: Figure,
    /// Who says so ("officials", "the Gaza health ministry"); none: the outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Phrase>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Phrase>,
}

/// The figures of one as-of date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesPoint {
    /// `None`: the reports give no date and have no dateline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    pub figures: Vec<SourcedFigure>,
    /// The conservative figure of the date (see the fusion crate's rule).
    pub conservative: f64,
    /// Figures of this date that cannot all be true together.
    pub conflict: bool,
}

/// Claims of one kind about one side and place, over time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimSeries {
    pub kind: ClaimKind,
    /// ISO alpha-3 of the side counted, when the claims name one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
    /// The place as first named (series without a place join the one
    /// series of their kind and side that has one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Oldest first; undated last.
    pub points: Vec<SeriesPoint>,
}
