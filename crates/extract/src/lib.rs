//! The extraction layer: from an article's text to typed items with spans.
//!
//! * [`Resolver`] — sentences and tokens ([`sitrep_text`]), the tagger's
//!   entities ([`sitrep_tagger`]) and lexicon matches ([`sitrep_lexicon`],
//!   Aho-Corasick over folded tokens, longest match) become [`Mention`]s
//!   linked to [`Actor`]s: names and spellings, surnames of people named
//!   earlier, transliterations by fuzzy match, titles by the article's date
//!   ("the Russian leader"), seats of power as governments ("the Kremlin"),
//!   pronouns where only one person fits, and new identities for people the
//!   lexicon does not know, with the country and sector their title gives.
//! * [`Entities`] — one article's mentions and the actors they resolve to.
//!
//! [`Mention`]: sitrep_model::Mention
//! [`Actor`]: sitrep_model::Actor

mod actors;
mod doc;
mod matcher;
mod titles;
mod window;

pub use actors::{Analysis, Entities, Resolver};

/// Errors of the extraction layer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Lexicon(#[from] sitrep_lexicon::Error),
    #[error(transparent)]
    Tagger(#[from] sitrep_tagger::Error),
    #[error("building the name matcher: {0}")]
    Matcher(String),
}

pub type Result<T> = std::result::Result<T, Error>;
