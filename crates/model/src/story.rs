//! Events (who did what to whom, when and where) and stories (articles that tell
//! the same story). Filled by the event coder and the fusion layer.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::{ActorId, DocId, Span};

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
    /// Ids of the story's fused events.
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

impl EventFlag {
    /// The flag's name as the JSON forms write it (`negated`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Negated => "negated",
            Self::Hypothetical => "hypothetical",
            Self::Future => "future",
            Self::Historical => "historical",
        }
    }
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
    /// An absolute time expression in the event's clause ("16 October 2023").
    Text,
    /// A time expression of the clause relative to the dateline ("on
    /// Monday", "yesterday"), resolved against it: only as good as the
    /// dateline is close to the event.
    Relative,
    /// The article's dateline (no date in the clause).
    Dateline,
    /// Fused events only: no report dates the event itself, but a report
    /// names it in one phrase with other acts of the same kind ("calls
    /// with A, B and C") whose reports do date them, all on this day.
    Listed,
}

impl DateBasis {
    /// The basis's name as the JSON forms write it (`text`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Relative => "relative",
            Self::Dateline => "dateline",
            Self::Listed => "listed",
        }
    }
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

    /// The event's flags by name, joined with `sep` (`""` when none).
    pub fn flags_joined(&self, sep: &str) -> String {
        self.flags
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join(sep)
    }
}

#[cfg(test)]
mod names {
    use super::*;

    #[test]
    fn names_are_the_json_names() {
        for f in [
            EventFlag::Negated,
            EventFlag::Hypothetical,
            EventFlag::Future,
            EventFlag::Historical,
        ] {
            assert_eq!(
                serde_json::to_string(&f).unwrap(),
                format!("\"{}\"", f.as_str())
            );
        }
        for b in [
            DateBasis::Text,
            DateBasis::Relative,
            DateBasis::Dateline,
            DateBasis::Listed,
        ] {
            assert_eq!(
                serde_json::to_string(&b).unwrap(),
                format!("\"{}\"", b.as_str())
            );
        }
    }
}
