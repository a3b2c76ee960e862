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

/// Version 3: imported actor and agent dictionaries (PETRARCH / Phoenix files),
/// written by [`Store::import_dictionary`](crate::Store::import_dictionary).
///
/// * `dict_files`: one row per imported file, keyed by its file name `name`
///   (importing a file of the same name again replaces its rows); `path` as given
///   on the command line, `hash` the BLAKE3 of its bytes (hex), `position` the
///   order of imports (the latest import of a name has the highest).
/// * `dict_actors`: one row per actor entry; `names` a JSON array (primary name
///   first), `codes` a JSON array of `{code, from, to}` (dates `YYYY-MM-DD` or null).
/// * `dict_actor_names`: each folded name (lower case, no diacritics) of an entry,
///   the key of lookups.
/// * `dict_agents`: one row per folded form (term, plural) of an agent term.
///
/// Rows are deleted explicitly, children first, when a file is replaced.
const V3: &str = r#"
CREATE TABLE dict_files (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,  -- file name without directories
    path     TEXT NOT NULL,         -- path as given when imported
    kind     TEXT NOT NULL CHECK (kind IN ('actors', 'agents')),
    hash     TEXT NOT NULL,         -- BLAKE3 of the file's bytes, hex
    entries  INTEGER NOT NULL,
    problems INTEGER NOT NULL,
    position INTEGER NOT NULL       -- import order, 0 = first
);

CREATE TABLE dict_actors (
    id      INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES dict_files(id),
    line    INTEGER NOT NULL,       -- 1-based line of the primary name
    name    TEXT NOT NULL,          -- primary name
    names   TEXT NOT NULL,          -- JSON array of strings
    codes   TEXT NOT NULL,          -- JSON array of {code, from, to}
    comment TEXT
);
CREATE INDEX dict_actors_by_file ON dict_actors(file_id);

CREATE TABLE dict_actor_names (
    folded   TEXT NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES dict_actors(id),
    file_id  INTEGER NOT NULL REFERENCES dict_files(id),
    PRIMARY KEY (folded, actor_id)
) WITHOUT ROWID;
CREATE INDEX dict_actor_names_by_file ON dict_actor_names(file_id);

CREATE TABLE dict_agents (
    folded    TEXT NOT NULL,        -- folded term or plural
    term      TEXT NOT NULL,        -- the term as written (singular)
    plural    TEXT,
    code      TEXT NOT NULL,        -- without its `~`
    placement TEXT NOT NULL CHECK (placement IN ('prefix', 'suffix')),
    file_id   INTEGER NOT NULL REFERENCES dict_files(id),
    line      INTEGER NOT NULL
);
CREATE INDEX dict_agents_by_folded ON dict_agents(folded);
CREATE INDEX dict_agents_by_file ON dict_agents(file_id);
"#;

/// Version 4: coded events, written by [`Store::put_events`](crate::Store::put_events)
/// and read back by [`Store::events`](crate::Store::events).
///
/// * `events`: one row per `CodedEvent`; `json` is the whole event as JSON and
///   the source of truth when reading back; the other columns copy fields for
///   filtering: `position` (0-based order of the event in its article's coding),
///   `cameo`, `plover`, `date` (`YYYY-MM-DD`, NULL when undated), the actor ids
///   and names of both sides, `actors` (the lower-cased ids and names joined by
///   U+001F, for case-insensitive substring search) and `asserted` (1 unless the
///   event is negated, hypothetical or future).
/// * `coded_articles`: one row per article the coder has been run on, with the
///   coder version (a string the caller chooses) and the number of events; an
///   article coded by another version is coded again, its rows replaced.
///
/// Rows of an article are deleted explicitly before it is coded again.
const V4: &str = r#"
CREATE TABLE coded_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    coder      TEXT NOT NULL,       -- coder version the events come from
    events     INTEGER NOT NULL     -- number of rows in events
) WITHOUT ROWID;
CREATE INDEX coded_articles_by_coder ON coded_articles(coder);

CREATE TABLE events (
    seq         INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES coded_articles(article_id),
    position    INTEGER NOT NULL,   -- 0-based order within the article
    cameo       TEXT NOT NULL,      -- CAMEO event code
    plover      TEXT NOT NULL,      -- PLOVER event type
    date        TEXT,               -- YYYY-MM-DD, NULL when undated
    source_id   TEXT NOT NULL,
    source_name TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    target_name TEXT NOT NULL,
    actors      TEXT NOT NULL,      -- lower-cased ids and names, U+001F between
    asserted    INTEGER NOT NULL CHECK (asserted IN (0, 1)),
    json        TEXT NOT NULL,      -- the CodedEvent as JSON
    UNIQUE (article_id, position)
);
CREATE INDEX events_by_date ON events(date, article_id, position);
CREATE INDEX events_by_plover ON events(plover COLLATE NOCASE, date);
CREATE INDEX events_by_cameo ON events(cameo, date);
CREATE INDEX events_by_source ON events(source_id);
CREATE INDEX events_by_target ON events(target_id);
"#;

/// Version 5: stories and what fusion made of them.
///
/// * `story_articles`: the story each article joined, and `position`, the
///   order the clusterer saw articles in (so a later run goes on from there).
/// * `stories`: one row per story: `title` (the headline chosen), first and
///   last dateline, article and source counts.
/// * `cluster_state`: the story clusterer's state (`state`, JSON) and the
///   version of its configuration (`version`); one row. A different version
///   makes the next run cluster every article again.
/// * `fused_events`: one row per fused event of a story (`json`: the
///   FusedEvent), replaced whenever the story changes.
const V5: &str = r#"
CREATE TABLE stories (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    first_date TEXT,                -- YYYY-MM-DD of the earliest dateline
    last_date  TEXT,
    articles   INTEGER NOT NULL,
    sources    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    story_id   TEXT NOT NULL,
    position   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX story_articles_by_story ON story_articles(story_id, position);

CREATE TABLE cluster_state (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version TEXT NOT NULL,
    state   TEXT NOT NULL
);

CREATE TABLE fused_events (
    id       TEXT NOT NULL,
    story_id TEXT NOT NULL,
    date     TEXT,
    plover   TEXT NOT NULL,
    cameo    TEXT NOT NULL,
    json     TEXT NOT NULL,
    PRIMARY KEY (story_id, id)
) WITHOUT ROWID;
CREATE INDEX fused_events_by_date ON fused_events(date);
"#;

/// Version 6: near-duplicate articles.
///
/// * `signatures`: each article's MinHash signature (`signature`, a JSON
///   array of numbers) under the near-duplicate settings of version
///   `config`; signatures of another version are made again.
/// * `near_duplicates`: the family of each article that has near-duplicates:
///   `family` is the smallest article id of the family. Replaced as a whole
///   on each run (families only grow, but a new article may join two).
const V6: &str = r#"
CREATE TABLE signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    config     TEXT NOT NULL,
    signature  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE near_duplicates (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    family     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX near_duplicates_by_family ON near_duplicates(family);
"#;

/// Version 7: event queries that page through an index in the order they
/// answer in (`date` with undated last, `article_id`, `position`) instead of
/// sorting every match.
///
/// * The indexes of `events` end in `date, article_id, position, asserted`:
///   `events_by_date`, `events_by_plover` (PLOVER type, any ASCII case),
///   `events_by_cameo2` and `events_by_cameo3` (the first 2 and 3 digits of
///   the CAMEO code: a root such as `19`, a code such as `042` and its
///   4-digit refinements). With `asserted` in the index, skipped rows of a
///   deep page and flagged events are passed over without reading the row.
///   The indexes by source and target id (no query used them) are dropped.
/// * `event_actors`: one row per event and actor id on either side (one row
///   when both sides are the same id): `actor_id` (the id ASCII-lower-cased),
///   `undated` (1 when the event has no date), `day` (`YYYY-MM-DD`, `''` when
///   undated), `article_id`, `position` (the event's key in `events`) and
///   `asserted`; its key is in answer order, so the events of one actor id
///   are read a page at a time. Kept by triggers on `events` (insert, delete,
///   update) and filled from the stored events by this migration.
const V7: &str = r#"
DROP INDEX events_by_date;
DROP INDEX events_by_plover;
DROP INDEX events_by_cameo;
DROP INDEX events_by_source;
DROP INDEX events_by_target;
CREATE INDEX events_by_date ON events(date, article_id, position, asserted);
CREATE INDEX events_by_plover ON events(plover COLLATE NOCASE, date, article_id, position, asserted);
CREATE INDEX events_by_cameo2 ON events(substr(cameo, 1, 2), date, article_id, position, asserted);
CREATE INDEX events_by_cameo3 ON events(substr(cameo, 1, 3), date, article_id, position, asserted);

CREATE TABLE event_actors (
    actor_id   TEXT NOT NULL,       -- lower(source_id) or lower(target_id)
    undated    INTEGER NOT NULL CHECK (undated IN (0, 1)),
    day        TEXT NOT NULL,       -- events.date, '' when undated
    article_id TEXT NOT NULL,
    position   INTEGER NOT NULL,
    asserted   INTEGER NOT NULL CHECK (asserted IN (0, 1)),
    PRIMARY KEY (actor_id, undated, day, article_id, position)
) WITHOUT ROWID;

INSERT OR IGNORE INTO event_actors (actor_id, undated, day, article_id, position, asserted)
SELECT actor_id, undated, day, article_id, position, asserted FROM (
    SELECT lower(source_id) AS actor_id, date IS NULL AS undated, coalesce(date, '') AS day,
           article_id, position, asserted FROM events
    UNION ALL
    SELECT lower(target_id), date IS NULL, coalesce(date, ''), article_id, position, asserted
    FROM events)
ORDER BY 1, 2, 3, 4, 5;

CREATE TRIGGER events_insert_actors AFTER INSERT ON events BEGIN
    INSERT OR IGNORE INTO event_actors (actor_id, undated, day, article_id, position, asserted)
    VALUES (lower(new.source_id), new.date IS NULL, coalesce(new.date, ''), new.article_id,
            new.position, new.asserted),
           (lower(new.target_id), new.date IS NULL, coalesce(new.date, ''), new.article_id,
            new.position, new.asserted);
END;

CREATE TRIGGER events_delete_actors AFTER DELETE ON events BEGIN
    DELETE FROM event_actors
    WHERE actor_id IN (lower(old.source_id), lower(old.target_id))
      AND undated = (old.date IS NULL) AND day = coalesce(old.date, '')
      AND article_id = old.article_id AND position = old.position;
END;

CREATE TRIGGER events_update_actors AFTER UPDATE ON events BEGIN
    DELETE FROM event_actors
    WHERE actor_id IN (lower(old.source_id), lower(old.target_id))
      AND undated = (old.date IS NULL) AND day = coalesce(old.date, '')
      AND article_id = old.article_id AND position = old.position;
    INSERT OR IGNORE INTO event_actors (actor_id, undated, day, article_id, position, asserted)
    VALUES (lower(new.source_id), new.date IS NULL, coalesce(new.date, ''), new.article_id,
            new.position, new.asserted),
           (lower(new.target_id), new.date IS NULL, coalesce(new.date, ''), new.article_id,
            new.position, new.asserted);
END;
"#;

/// Version 8: the actors of the stored events by id and name, so that a
/// name (`/api/events?actor=putin`, `/api/actors?q=`) is looked up among
/// the actors, not among every event.
///
/// * `actor_names`: one row per actor id (as stored) and name an event side
///   gave it, with `sides` (event sides naming it so) and `asserted` (those
///   of asserted events). Kept by triggers on `events` (insert, delete,
///   update; a row whose `sides` reaches 0 is deleted) and filled from the
///   stored events by this migration.
const V8: &str = r#"
CREATE TABLE actor_names (
    id       TEXT NOT NULL,
    name     TEXT NOT NULL,
    sides    INTEGER NOT NULL,
    asserted INTEGER NOT NULL,
    PRIMARY KEY (id, name)
) WITHOUT ROWID;

INSERT INTO actor_names (id, name, sides, asserted)
SELECT id, name, count(*), sum(asserted) FROM (
    SELECT source_id AS id, source_name AS name, asserted FROM events
    UNION ALL
    SELECT target_id, target_name, asserted FROM events)
GROUP BY id, name;

CREATE TRIGGER events_insert_names AFTER INSERT ON events BEGIN
    INSERT OR IGNORE INTO actor_names VALUES (new.source_id, new.source_name, 0, 0);
    UPDATE actor_names SET sides = sides + 1, asserted = asserted + new.asserted
    WHERE id = new.source_id AND name = new.source_name;
    INSERT OR IGNORE INTO actor_names VALUES (new.target_id, new.target_name, 0, 0);
    UPDATE actor_names SET sides = sides + 1, asserted = asserted + new.asserted
    WHERE id = new.target_id AND name = new.target_name;
END;

CREATE TRIGGER events_delete_names AFTER DELETE ON events BEGIN
    UPDATE actor_names SET sides = sides - 1, asserted = asserted - old.asserted
    WHERE id = old.source_id AND name = old.source_name;
    UPDATE actor_names SET sides = sides - 1, asserted = asserted - old.asserted
    WHERE id = old.target_id AND name = old.target_name;
    DELETE FROM actor_names
    WHERE sides <= 0 AND ((id = old.source_id AND name = old.source_name)
                          OR (id = old.target_id AND name = old.target_name));
END;

CREATE TRIGGER events_update_names AFTER UPDATE ON events BEGIN
    UPDATE actor_names SET sides = sides - 1, asserted = asserted - old.asserted
    WHERE id = old.source_id AND name = old.source_name;
    UPDATE actor_names SET sides = sides - 1, asserted = asserted - old.asserted
    WHERE id = old.target_id AND name = old.target_name;
    INSERT OR IGNORE INTO actor_names VALUES (new.source_id, new.source_name, 0, 0);
    UPDATE actor_names SET sides = sides + 1, asserted = asserted + new.asserted
    WHERE id = new.source_id AND name = new.source_name;
    INSERT OR IGNORE INTO actor_names VALUES (new.target_id, new.target_name, 0, 0);
    UPDATE actor_names SET sides = sides + 1, asserted = asserted + new.asserted
    WHERE id = new.target_id AND name = new.target_name;
    DELETE FROM actor_names
    WHERE sides <= 0 AND ((id = old.source_id AND name = old.source_name)
                          OR (id = old.target_id AND name = old.target_name));
END;
"#;

const ALL: &[M<'static>] = &[
    M::up(V1),
    M::up(V2),
    M::up(V3),
    M::up(V4),
    M::up(V5),
    M::up(V6),
    M::up(V7),
    M::up(V8),
];

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

    /// A database of version 3 (articles, no events) moves to the latest
    /// version keeping its articles, with every article still to be coded.
    #[test]
    fn version_3_migrates_keeping_articles() {
        use sitrep_model::{Article, InputFormat, Source};

        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        MIGRATIONS.to_version(&mut conn, 3).unwrap();
        let articles: Vec<Article> = ["The ferry to Portvale sailed at dawn.", "Millbrook voted."]
            .iter()
            .map(|t| Article::new(t.to_string(), Source::new("a.txt", InputFormat::Text)))
            .collect();
        crate::write::insert_all(&conn, &articles).unwrap();
        let store = crate::Store { conn };
        assert_eq!(store.schema_version().unwrap(), 3);
        let before = store.dump().unwrap();

        let crate::Store { mut conn } = store;
        MIGRATIONS.to_latest(&mut conn).unwrap();
        let store = crate::Store { conn };
        assert_eq!(store.schema_version().unwrap(), crate::SCHEMA_VERSION);
        assert_eq!(store.dump().unwrap(), before);
        let ids: Vec<_> = articles.iter().map(|a| a.id.clone()).collect();
        assert_eq!(store.uncoded_articles("v1").unwrap(), ids);
        assert_eq!(store.events(&crate::EventQuery::default()).unwrap(), vec![]);
    }

    /// A database at schema `version` holding one article coded with two
    /// events: Russia consults Turkey (dated, asserted), and an undated
    /// flagged assault whose sides are `second` (source id, name, target
    /// id, name).
    fn with_two_events(
        version: usize,
        second: (&str, &str, &str, &str),
    ) -> (rusqlite::Connection, sitrep_model::Article) {
        use sitrep_model::{Article, InputFormat, Source};

        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        MIGRATIONS.to_version(&mut conn, version).unwrap();
        let a = Article::new(
            "The ferry to Portvale sailed at dawn.".to_string(),
            Source::new("a.txt", InputFormat::Text),
        );
        crate::write::insert_all(&conn, std::slice::from_ref(&a)).unwrap();
        let (sid, sname, tid, tname) = second;
        conn.execute_batch(&format!(
            "INSERT INTO coded_articles VALUES ('{id}', 'v1', 2);
             INSERT INTO events (article_id, position, cameo, plover, date, source_id, source_name,
                 target_id, target_name, actors, asserted, json)
             VALUES ('{id}', 0, '042', 'CONSULT', '2024-03-01', 'country:RUS', 'Russia',
                     'country:TUR', 'Turkey', '', 1, '{{}}'),
                    ('{id}', 1, '190', 'ASSAULT', NULL, '{sid}', '{sname}',
                     '{tid}', '{tname}', '', 0, '{{}}');",
            id = a.id.as_str()
        ))
        .unwrap();
        (conn, a)
    }

    /// Events stored under version 6 are found by actor id after the move to
    /// version 7 (the migration fills `event_actors`), and coding again
    /// replaces their rows there.
    #[test]
    fn version_6_events_are_found_by_actor_id_after_migrating() {
        let (mut conn, a) = with_two_events(6, ("country:TUR", "Turkey", "country:TUR", "Turkey"));
        MIGRATIONS.to_latest(&mut conn).unwrap();
        let rows: Vec<(String, i64, String, i64, i64)> = conn
            .prepare("SELECT actor_id, undated, day, position, asserted FROM event_actors")
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            rows,
            vec![
                ("country:rus".to_string(), 0, "2024-03-01".to_string(), 0, 1),
                ("country:tur".to_string(), 0, "2024-03-01".to_string(), 0, 1),
                ("country:tur".to_string(), 1, String::new(), 1, 0),
            ]
        );
        let mut store = crate::Store { conn };
        store.put_events("v2", &[(a.id.clone(), vec![])]).unwrap();
        let left: i64 = store
            .conn
            .query_row("SELECT count(*) FROM event_actors", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0);
    }

    /// Events stored under version 7 are counted among the actors after
    /// the move to version 8 (the migration fills `actor_names`).
    #[test]
    fn version_7_events_have_their_actor_names_after_migrating() {
        let (mut conn, _) = with_two_events(7, ("country:TUR", "Türkiye", "country:RUS", "Russia"));
        MIGRATIONS.to_latest(&mut conn).unwrap();
        let store = crate::Store { conn };
        let actors: Vec<(String, String, u64)> = store
            .actors(None, 10, 0)
            .unwrap()
            .into_iter()
            .map(|a| (a.actor, a.name, a.events))
            .collect();
        assert_eq!(
            actors,
            vec![
                ("country:RUS".to_string(), "Russia".to_string(), 1),
                ("country:TUR".to_string(), "Turkey".to_string(), 1),
            ]
        );
        // A name given only by a flagged event finds nothing among actors
        // of asserted events; among events it finds the actor, and so both
        // of its events, whatever name each gave it.
        assert!(store.actors(Some("türk"), 10, 0).unwrap().is_empty());
        let found = store
            .events_json(&crate::EventQuery {
                actor: Some("TÜRKIYE".into()),
                include_flagged: true,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(found.len(), 2);
    }
}
