//! sitrep's data model: the typed values that flow one way through the pipeline.
//!
//! * [`Article`] — one news report after ingestion: stable [`DocId`] (hash of the
//!   normalised text), outlet, URL, title, [`Dateline`] with its precision, language,
//!   cleaned text and every [`Source`] that carried the same text.
//! * [`Span`] — a byte range into an article's text; every extracted item carries
//!   the document id and a span, so `&article.text[span]` is the surface form.
//! * Items later layers fill: [`Sentence`], [`Mention`], [`Actor`], [`TimeExpr`],
//!   [`Claim`], [`Event`] and [`Story`].
//!
//! This crate does no I/O. Its JSON forms are documented in `docs/FORMAT.md`; the
//! version of that format is [`FORMAT_VERSION`].

mod article;
mod extract;
mod framing;
mod fused;
mod span;
mod story;

pub use article::{
    normalize_for_id, Article, DatePrecision, Dateline, DatelineSource, DocId, InputFormat, Source,
};
pub use extract::{
    Actor, ActorId, ActorKind, AsOfBasis, Attribution, Claim, ClaimKind, Figure, Hedge, Mention,
    MentionKind, Phrase, Resolution, Sentence, TimeExpr, TimeType,
};
pub use framing::{FramingRow, OutletFraming, QuotedTerm, Speaker, TermCount, TermUse, Voice};
pub use fused::{ClaimSeries, DateClaim, EventReport, FusedEvent, SeriesPoint, SourcedFigure};
pub use span::{Span, SpanError};
pub use story::{CodedEvent, DateBasis, EventActor, EventFlag, Story, StoryId};

/// Version of the JSON formats documented in `docs/FORMAT.md`. Bumped on any
/// change that a reader of old output would notice.
pub const FORMAT_VERSION: u32 = 1;
