//! Events (who did what to whom, when and where) and stories (articles that tell
//! the same story). Filled by the event coder and the fusion layer.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::{ActorId, DocId, Span};

/// Whether an event is asserted as having happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Asserted,
    /// "could escalate", "threatened to".
    Hypothetical,
    /// "did not", "no mention was made".
    Negated,
}

/// One report of an event: the article and the words that tell it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventMention {
    pub doc: DocId,
    pub span: Span,
    pub surface: String,
}

/// A coded event: one per real-world happening, with every report as a mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: hash of the coded fields.
    pub id: String,
    /// CAMEO event code (`040`, `042`, …).
    pub cameo: String,
    /// PLOVER event type (`CONSULT`, `ASSAULT`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ActorId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<ActorId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<ActorId>,
    pub modality: Modality,
    pub mentions: Vec<EventMention>,
}

/// Stable id of a story.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StoryId(pub String);

/// Articles that tell the same story, and the events they report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: StoryId,
    pub title: String,
    pub articles: Vec<DocId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    /// Span of the title in its article, when taken from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_span: Option<(DocId, Span)>,
}
