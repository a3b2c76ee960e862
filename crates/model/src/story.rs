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

/// A flag on a coded event (PLOVER defines them; events that are negated or
/// hypothetical are kept but never counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventFlag {
    /// "did not meet", "no mention was made of".
    Negated,
    /// "could escalate into", "if X attacks".
    Hypothetical,
    /// "will visit", "plans to meet".
    Future,
    /// Background: an event dated well before the article ("on October 7
    /// Hamas attacked…" in a story about later diplomacy).
    Historical,
}

/// One side of a coded event: the identity and the words that name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    pub actor: ActorId,
    /// The actor's name in the lexicon (or as written for new identities).
    pub name: String,
    pub span: Span,
    pub surface: String,
    /// ISO alpha-3 of the actor's country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// CAMEO sector (GOV, MIL, REB…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// CAMEO actor code (`RUSGOV`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
}

/// Where a coded event's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// A time expression in the event's clause.
    Text,
    /// The article's dateline (no date in the clause).
    Dateline,
}

/// An event as one sentence of one article tells it: who did what to whom,
/// when and where, with the pattern that matched and every span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodedEvent {
    pub doc: DocId,
    /// 0-based sentence of the article.
    pub sentence: u32,
    pub sentence_span: Span,
    /// The words that say what happened ("held a telephone conversation with").
    pub trigger: crate::Phrase,
    /// The dictionary pattern that matched, as written in the dictionary.
    pub pattern: String,
    /// CAMEO event code (`041`).
    pub cameo: String,
    /// The code's name ("Discuss by telephone").
    pub label: String,
    /// PLOVER event type, mode and contexts.
    pub plover: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<String>,
    pub source: EventActor,
    pub target: EventActor,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_basis: Option<DateBasis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<crate::Phrase>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<EventFlag>,
    /// Who reports the event when the sentence attributes it ("X said Y
    /// attacked Z": X).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimant: Option<crate::Phrase>,
    /// In `[0, 1]`.
    pub confidence: f32,
}

impl CodedEvent {
    /// Whether the event counts as having happened (not negated, not
    /// hypothetical, not merely intended).
    pub fn asserted(&self) -> bool {
        !self.flags.iter().any(|f| {
            matches!(
                f,
                EventFlag::Negated | EventFlag::Hypothetical | EventFlag::Future
            )
        })
    }
}
