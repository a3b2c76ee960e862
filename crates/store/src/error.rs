//! The store's error type.

use std::path::PathBuf;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database file could not be opened or configured (WAL, pragmas).
    #[error("cannot open database {}", path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// The schema could not be brought to [`SCHEMA_VERSION`](crate::SCHEMA_VERSION),
    /// for example because the file was written by a newer sitrep.
    #[error("cannot migrate database {} to schema version {}", path.display(), crate::SCHEMA_VERSION)]
    Migration {
        path: PathBuf,
        #[source]
        source: rusqlite_migration::Error,
    },
    /// Any other SQLite failure.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// An id prefix that matches more than one article. `candidates` holds up to
    /// [`MAX_CANDIDATES`](crate::MAX_CANDIDATES) of the matching ids, sorted.
    #[error("article id prefix `{prefix}` is ambiguous: it matches {}", candidates.join(", "))]
    AmbiguousId {
        prefix: String,
        candidates: Vec<String>,
    },
    /// Neither a full article id (32 hex digits) nor a prefix of at least 4.
    #[error("`{input}` is not an article id (32 hex digits) or a prefix of one (at least 4)")]
    InvalidId { input: String },
    /// A value of an article that cannot be written as JSON (cannot happen with
    /// the model's types; kept so that it is an error, not a panic).
    #[error("cannot encode {what} of article {id} as JSON")]
    Encode {
        id: String,
        what: &'static str,
        #[source]
        source: serde_json::Error,
    },
    /// Events given for an article the store does not hold.
    #[error("cannot store events of article {id}: no such article")]
    UnknownArticle { id: String },
    /// An event given as one of `article` whose `doc` names another article.
    #[error("cannot store events of article {article}: one of them is an event of article {doc}")]
    EventArticle { article: String, doc: String },
    /// A stored value that does not parse (bad JSON in a column, unknown format name).
    #[error("corrupt database: {what}")]
    Corrupt { what: String },
}

/// The store's result type.
pub type Result<T> = std::result::Result<T, Error>;
