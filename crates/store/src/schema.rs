//! Schema migrations. The schema version is kept in `PRAGMA user_version`; each
//! entry of [`MIGRATIONS`] moves it up by one. Never edit a released migration:
//! add a new one and bump [`SCHEMA_VERSION`](crate::SCHEMA_VERSION).

use rusqlite_migration::{Migrations, M};

/// Version 1: articles, their sources and the full-text index.
///
/// * `articles.seq` is an explicit `INTEGER PRIMARY KEY` so that rowids — which the
///   external-content FTS index refers to — survive `VACUUM`; `id` (the [`DocId`])
///   is `UNIQUE` and is what everything else refers to.
/// * `text` is the last column of `articles`, so listing summaries never reads the
///   overflow pages that hold long texts; `chars` saves counting them.
/// * `sources.position` keeps the order sources were first seen (0 = first).
///
/// [`DocId`]: sitrep_model::DocId
const V1: &str = r#"
CREATE TABLE articles (
    seq      INTEGER PRIMARY KEY,   -- row number, the key of articles_fts
    id       TEXT NOT NULL UNIQUE,  -- DocId: 32 lower-case hex digits
    outlet   TEXT,
    url      TEXT,
    title    TEXT,
    date     TEXT,                  -- dateline date YYYY-MM-DD, for sorting
    dateline TEXT,                  -- JSON of Dateline
    language TEXT,                  -- ISO 639-3
    chars    INTEGER NOT NULL,      -- length of text in characters
    metadata TEXT,                  -- JSON object, NULL when empty
    text     TEXT NOT NULL
);

CREATE TABLE sources (
    article_id    TEXT NOT NULL REFERENCES articles(id),
    origin        TEXT NOT NULL,
    position      INTEGER NOT NULL, -- 0 for the first source seen of the article
    format        TEXT NOT NULL,    -- InputFormat in snake_case
    outlet        TEXT,
    url           TEXT,
    title         TEXT,
    dateline      TEXT,             -- JSON of Dateline
    removed_lines TEXT,             -- JSON array of strings, NULL when empty
    PRIMARY KEY (article_id, origin)
) WITHOUT ROWID;

CREATE INDEX sources_by_origin ON sources(origin);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title,
    text,
    content = 'articles',
    content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Bulk-ingest tuning (measured: ~1.5x the default speed of indexing): a 16 MiB
-- in-memory term buffer (default 1 MiB) flushes fewer, larger segments, and
-- merging 8 segments at a time (default 4) rewrites the index less often.
INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 8);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('crisismerge', 64);
"#;

/// Version 2: the full-text index is brought up to date as its own step
/// ([`Store::update_index`](crate::Store::update_index)), not inside every ingest
/// batch. `fts_state.indexed_upto` is the highest `articles.seq` in the index;
/// databases of version 1 were indexed in step, so they start at their maximum.
const V2: &str = r#"
CREATE TABLE fts_state (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_upto INTEGER NOT NULL
);
INSERT INTO fts_state (id, indexed_upto) SELECT 1, COALESCE(MAX(seq), 0) FROM articles;
"#;

const ALL: &[M<'static>] = &[M::up(V1), M::up(V2)];

/// Every migration, oldest first.
pub(crate) const MIGRATIONS: Migrations<'static> = Migrations::from_slice(ALL);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert_eq!(MIGRATIONS.validate(), Ok(()));
    }

    #[test]
    fn schema_version_counts_migrations() {
        assert_eq!(ALL.len(), crate::SCHEMA_VERSION as usize);
    }
}
