//! The event coder: who did what to whom, when and where, in CAMEO and
//! PLOVER, with flags and provenance.
//!
//! * [`Dictionary`] — CAMEO codes with their PLOVER type, mode and context,
//!   and the verb and noun patterns that code them (`data/cameo/*.toml`,
//!   written by the team; pattern language in `data/README.md`).
//! * [`Coder::code`] — over each tagged sentence of an article (part of
//!   speech from the tagger, resolved mentions from the extraction layer):
//!   patterns matched from their trigger word, skipping a few determiners,
//!   adjectives and adverbs between elements; the source is the `$` slot or
//!   the clause's subject (the nearest actor to the left, skipping
//!   parentheticals such as ", during talks with X,"), the target the `+`
//!   slot or the first actor after the match; passives ("was attacked by")
//!   swap them; coordinated actors ("Syria, Iran and Egypt") give one event
//!   per pair, and a country gives way to its person in the same group
//!   ("the presidents of Syria … Bashar al-Assad"). Flags: negated ("did not",
//!   "no"), hypothetical ("could", "if"), future ("will", "plans to"),
//!   historical (dated more than a week before the dateline). The date is
//!   the clause's resolved day, else the dateline (marked as such); "X said
//!   Y attacked Z" names X as claimant.

mod acled;
mod coder;
mod dictionary;

pub use acled::{AcledMapper, ActorKind, Decision, SubType};
pub use coder::{Input, Trigger};
pub use dictionary::{Code, Dictionary};

use sitrep_model::CodedEvent;

/// Errors of the crate: a dictionary file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{file}: {detail}")]
    Data { file: String, detail: String },
}

pub type Result<T> = std::result::Result<T, Error>;

/// The coder with its dictionary.
pub struct Coder {
    dict: Dictionary,
}

impl Coder {
    /// The coder with the shipped dictionary.
    pub fn shipped() -> Result<Self> {
        Ok(Self {
            dict: Dictionary::shipped()?,
        })
    }

    /// A coder with the given dictionary.
    pub fn new(dict: Dictionary) -> Self {
        Self { dict }
    }

    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    /// Every dictionary match of an article, with or without actors.
    pub fn triggers(&self, input: &Input) -> Vec<Trigger> {
        coder::triggers(&self.dict, input)
    }

    /// The events one article tells, sentence by sentence, in text order.
    pub fn code(&self, input: &Input) -> Vec<CodedEvent> {
        coder::code(&self.dict, input)
    }
}
