//! sitrep's pipeline as a library, shared by the command line and the HTTP
//! server: code the stored articles into events ([`code_new`]), group them
//! into stories and fuse each story's events ([`update`]), and build the
//! situation report of a story ([`reports`]) or the annotations of one
//! article ([`annotations`]).
//!
//! Main types: [`Models`] (the shipped models, loaded once), [`Annotation`]
//! and [`Error`]. Everything reads and writes through `sitrep_store::Store`.

mod analyse;
mod stories;

pub use analyse::{
    annotations, claims_of, code_new, coder_version, events_of, times_of, Annotation,
    AnnotationKind,
};
pub use stories::{build_reports, near_duplicates, reports, update};

use sitrep_claims::Finder;
use sitrep_events::Coder;
use sitrep_extract::Resolver;
use sitrep_fuse::framing::Lexicon;

/// Errors of the pipeline: those of the store and of loading a model.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] sitrep_store::Error),
    #[error("loading the shipped models: {0}")]
    Model(String),
    #[error("story state: {0}")]
    Cluster(String),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error("no story {0:?}; `sitrep stories` lists them")]
    NoStory(String),
}

pub type Result<T> = std::result::Result<T, Error>;

/// The shipped models every stage needs, loaded once.
pub struct Models {
    pub resolver: Resolver,
    pub coder: Coder,
    pub finder: Finder,
    pub framing: Lexicon,
    /// Version string of the coder (see [`coder_version`]).
    pub coder_version: String,
}

impl Models {
    /// Loads the models compiled into the binary.
    pub fn shipped() -> Result<Self> {
        let m = |e: &dyn std::fmt::Display| Error::Model(e.to_string());
        let coder = Coder::shipped().map_err(|e| m(&e))?;
        let coder_version = coder_version(&coder);
        Ok(Self {
            resolver: Resolver::shipped().map_err(|e| m(&e))?,
            coder,
            finder: Finder::shipped().map_err(|e| m(&e))?,
            framing: Lexicon::shipped().map_err(|e| m(&e))?,
            coder_version,
        })
    }
}
