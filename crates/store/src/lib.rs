//! sitrep's embedded store: the ingested [`Article`]s and every [`Source`] that
//! carried them, in one SQLite file (WAL journal, versioned schema, FTS5 index).
//!
//! * [`Store`] — the open database: [`Store::insert_batch`] writes a batch of
//!   articles in one transaction; [`Store::article`], [`Store::articles`],
//!   [`Store::search`], [`Store::counts`] and [`Store::dump`] read them back;
//!   [`Store::check`] verifies the file and the full-text index;
//!   [`Store::update_index`] brings the full-text index up to date (search does
//!   so itself), a step of its own so that ingestion is not held back by it.
//! * [`Outcome`] — what a batch did with each article (new, new source, nothing).
//! * [`ArticleSummary`], [`SearchHit`], [`Counts`] — what the listing, search and
//!   count queries return.
//! * Imported actor and agent dictionaries: [`Store::import_dictionary`] stores
//!   one file's entries ([`DictActor`], [`DictAgent`]) in one transaction;
//!   [`Store::dictionary_actors`], [`Store::dictionary_agents`] and
//!   [`Store::dictionaries`] ([`DictFile`]) read them back.
//! * Coded events: [`Store::put_events`] stores the events of a batch of
//!   articles in one transaction, with the coder version that produced them;
//!   [`Store::uncoded_articles`] lists the articles that version has not coded;
//!   [`Store::events`] reads events back through an [`EventQuery`] (actor,
//!   type, dates, flags, story, paging); [`Store::events_json`] gives the
//!   same events as their stored JSON.
//! * [`Error`] / [`Result`] — the crate's error type.
//!
//! Nothing in the database depends on the wall clock: two ingests of the same input
//! in the same order give identical [`Store::dump`]s. The schema is described in
//! `schema.rs`; its version is [`SCHEMA_VERSION`].
//!
//! [`Article`]: sitrep_model::Article
//! [`Source`]: sitrep_model::Source

mod dictionary;
mod dups;
mod error;
mod events;
mod index;
mod read;
mod schema;
mod search;
mod stories;
mod write;

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use serde::Serialize;
use sitrep_model::{Dateline, DocId};

pub use dictionary::{
    DictActor, DictAgent, DictCode, DictFile, DictKind, ImportSummary, Placement,
};
pub use error::{Error, Result};
pub use events::{ActorCount, EventQuery};
pub use stories::StoryRow;

/// The schema version a database has once [`Store::open`] has migrated it.
pub const SCHEMA_VERSION: u32 = 8;

/// Most candidates listed in [`Error::AmbiguousId`].
pub const MAX_CANDIDATES: usize = 10;

/// How long a connection waits for a lock held by another connection.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open sitrep database.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
}

/// What [`Store::insert_batch`] did with one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The article was not stored before; it now is, with its sources.
    New,
    /// The article was stored; at least one of its sources was not and has been added.
    NewSource,
    /// The article and all of its sources were stored already.
    AlreadyStored,
}

/// One line of the article listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: DocId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Length of the text in characters (Unicode scalar values).
    pub chars: usize,
    /// Number of sources that carried the text.
    pub sources: usize,
}

/// One result of a full-text search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub id: DocId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
    /// A few words of the best-matching column around the match, matched terms
    /// between `«` and `»`, cuts marked with `…`.
    pub snippet: String,
    /// Relevance: the BM25 score (title weighted twice the text), higher is
    /// better. Only comparable between hits of one query.
    pub rank: f64,
}

/// How much the store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub articles: u64,
    pub sources: u64,
}

impl Store {
    /// Opens or creates the database at `path`: WAL journal, `synchronous=NORMAL`,
    /// `foreign_keys=ON`, a 5 s busy timeout, and migrations applied. Errors name
    /// the path.
    pub fn open(path: &Path) -> Result<Store> {
        let open_error = |source| Error::Open {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open(path).map_err(open_error)?;
        configure(&conn).map_err(open_error)?;
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
            .map_err(open_error)?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(path = %path.display(), mode, "database does not use a WAL journal");
        }
        Self::migrate(conn, path)
    }

    /// Opens a fresh database in memory (for tests and one-shot runs).
    pub fn open_in_memory() -> Result<Store> {
        let path = Path::new(":memory:");
        let open_error = |source| Error::Open {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open_in_memory().map_err(open_error)?;
        configure(&conn).map_err(open_error)?;
        Self::migrate(conn, path)
    }

    fn migrate(mut conn: Connection, path: &Path) -> Result<Store> {
        schema::MIGRATIONS
            .to_latest(&mut conn)
            .map_err(|source| Error::Migration {
                path: path.to_path_buf(),
                source,
            })?;
        let store = Store { conn };
        tracing::debug!(
            path = %path.display(),
            schema_version = store.schema_version()?,
            "opened store"
        );
        Ok(store)
    }

    /// The schema version of the database (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }
}

/// Page size of new databases, in bytes.
const PAGE_SIZE: i64 = 16384;

/// Connection settings every store uses (the journal mode is set for files only).
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Articles are kilobytes of text: larger pages mean fewer overflow pages to
    // write. Takes effect only when the file is created.
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // 64 MiB page cache (negative = KiB), temporary b-trees in memory.
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Checkpoint the WAL every 64 MiB of pages instead of every 4 MiB: bulk
    // ingest rewrites fewer pages (measured 3x faster without the FTS index),
    // and the WAL file is cut back to 64 MiB after a checkpoint.
    conn.pragma_update(None, "wal_autocheckpoint", 64 * 1024 * 1024 / PAGE_SIZE)?;
    conn.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
    conn.set_prepared_statement_cache_capacity(32);
    Ok(())
}
