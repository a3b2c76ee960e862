//! Items extracted from one article: sentences, mentions, actors, time
//! expressions and quantity claims. Filled by the language, time and number
//! layers; every item carries its document id and byte span.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::{DocId, Span};

/// A sentence of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub doc: DocId,
    pub span: Span,
    /// 0-based position in the article.
    pub index: u32,
}

/// What kind of thing a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    Person,
    Organisation,
    Location,
    Misc,
    /// A title or role standing for a person ("the Russian leader").
    Role,
    /// A personal pronoun ("he", "his").
    Pronoun,
}

/// How a mention was linked to its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The lexicon's name for the actor.
    Name,
    /// One of the lexicon's other names or spellings.
    Alias,
    /// A short form (surname) of a person named earlier in the document.
    Coreference,
    /// A surname alone, matched to the one person of that name in office.
    Surname,
    /// A spelling close to a lexicon name (transliteration variants).
    Fuzzy,
    /// A title resolved by the article's date ("Russian President").
    Title,
    /// A place name or seat of power standing for a government ("the Kremlin").
    Metonym,
    /// A pronoun attached to the one person it can refer to.
    Pronoun,
    /// A name the lexicon does not know: a new identity for this document,
    /// with what its title tells (country, sector).
    New,
}

/// Stable id of an actor in the lexicon (`person:vladimir-putin`, `country:RUS`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActorId(pub String);

/// A stretch of text naming an actor, place or thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub doc: DocId,
    pub span: Span,
    /// `&text[span]`, kept for readability of the output.
    pub surface: String,
    pub kind: MentionKind,
    /// The actor the mention resolves to, when resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<ActorId>,
    /// Confidence of the resolution in `[0, 1]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    /// How the actor was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<Resolution>,
    /// 0-based sentence of the article the mention is in.
    #[serde(default)]
    pub sentence: u32,
}

/// The kind of an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Person,
    Country,
    Organisation,
    ArmedGroup,
    Place,
    /// A sector or agent ("police", "protesters").
    Agent,
}

/// One identity that mentions resolve to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
    /// ISO 3166 alpha-3 code of the actor's country, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// CAMEO actor code (`RUSGOV`, `IRNGOV`, `PSEREB`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The role held on the article's date ("President of Russia").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// CAMEO sector of that role (GOV, MIL, REB…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// Coordinates, for places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

/// TimeML type of a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimeType {
    Date,
    Time,
    Duration,
    Set,
}

/// A time expression and its normalised value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpr {
    pub doc: DocId,
    pub span: Span,
    pub surface: String,
    #[serde(rename = "type")]
    pub kind: TimeType,
    /// TimeML value: `2023-10-16`, `2023-W42`, `P1W`, `PAST_REF`, or an
    /// unresolved relative value such as `XXXX-XX-XX` when there is no dateline.
    pub value: String,
    /// First and last day covered, when the value is a resolved date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
}

/// How a stated quantity is hedged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hedge {
    Exact,
    /// "at least 8,796": the figure is a lower bound it may equal.
    AtLeast,
    /// "more than", "over", "has exceeded": a lower bound it exceeds.
    MoreThan,
    /// "up to", "at most": an upper bound it may equal.
    AtMost,
    /// "less than", "fewer than", "under", "nearly", "almost": an upper bound.
    LessThan,
    /// "about", "around", "some", "roughly".
    About,
    /// "between 50 and 70": `lower` and `upper` both set.
    Range,
    /// Vague amounts: "dozens", "hundreds", "thousands of".
    Vague,
}

/// A phrase of the text, with the actor it names when known: who a claim is
/// attributed to ("according to officials"), or where it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phrase {
    pub span: Span,
    pub surface: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<ActorId>,
}

/// Who a claim is attributed to; `None` on a claim means the outlet's own voice.
pub type Attribution = Phrase;

/// What a claim counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    Killed,
    Injured,
    /// Killed and injured together ("casualties").
    Casualties,
    Missing,
    Displaced,
    Detained,
    Hostages,
    Evacuated,
    AidDelivered,
    TroopsDeployed,
}

impl ClaimKind {
    /// The snake_case name used in JSON and data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Killed => "killed",
            Self::Injured => "injured",
            Self::Casualties => "casualties",
            Self::Missing => "missing",
            Self::Displaced => "displaced",
            Self::Detained => "detained",
            Self::Hostages => "hostages",
            Self::Evacuated => "evacuated",
            Self::AidDelivered => "aid_delivered",
            Self::TroopsDeployed => "troops_deployed",
        }
    }

    /// Reads the snake_case name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "killed" => Self::Killed,
            "injured" => Self::Injured,
            "casualties" => Self::Casualties,
            "missing" => Self::Missing,
            "displaced" => Self::Displaced,
            "detained" => Self::Detained,
            "hostages" => Self::Hostages,
            "evacuated" => Self::Evacuated,
            "aid_delivered" => Self::AidDelivered,
            "troops_deployed" => Self::TroopsDeployed,
            _ => return None,
        })
    }
}

/// A figure with its hedge: the value as stated and the bounds it implies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The quantity as written, hedge included ("at least 8,796 people").
    pub span: Span,
    pub surface: String,
    /// The number as stated (the lower end of a range).
    pub value: f64,
    pub hedge: Hedge,
    /// Bounds the hedge implies: "at least 8,796" → lower 8,796; "up to 20" →
    /// upper 20; exact → both; "about" → neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lower: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    /// What is counted as written ("people", "children").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// Where a claim's as-of date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AsOfBasis {
    /// A time expression in the claim's sentence.
    Text,
    /// The article's dateline (the figure is as of publication).
    Dateline,
}

/// A figure stated about the situation: "at least 8,796 people killed,
/// including 3,648 children, according to officials".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub doc: DocId,
    /// 0-based sentence of the article the claim is in.
    pub sentence: u32,
    pub kind: ClaimKind,
    /// The word or phrase that says what is counted ("killing", "wounded", "death toll").
    pub trigger: Phrase,
    /// The headline figure.
    pub figure: Figure,
    /// Parts of the figure ("including 3,648 children and 2,290 women").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breakdown: Vec<Figure>,
    /// Country (ISO alpha-3) of the people counted, when the text says
    /// ("on the Israeli side", "1,400 Israelis").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Phrase>,
    /// Who asserts it; `None`: the outlet itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Attribution>,
    /// The date the figure holds for, resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of_basis: Option<AsOfBasis>,
    /// Start of the period counted ("since October 7"), when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Date>,
}
