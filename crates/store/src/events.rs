//! Coded events: written article by article with the version of the coder
//! that produced them, read back through [`EventQuery`] filters. Coding is the
//! caller's business (the events crate); the store keeps each event as JSON
//! beside the few fields the filters need.

use jiff::civil::Date;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, TransactionBehavior};
use sitrep_model::{CodedEvent, DocId};

use crate::read::json_column;
use crate::{Error, Result, Store};

/// Joins the lower-cased actor ids and names in `events.actors`: a character
/// no name holds, so a substring never runs from one field into the next.
const FIELD_SEPARATOR: char = '\u{1f}';

/// Which stored events [`Store::events`] returns. The default is every
/// asserted event, all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventQuery {
    /// Events whose source or target has an actor id or name containing this,
    /// ignoring case.
    pub actor: Option<String>,
    /// Events of this PLOVER type (ignoring ASCII case) or whose CAMEO code
    /// starts with this.
    pub kind: Option<String>,
    /// Events dated on or after this day. Undated events are left out when
    /// either bound is set.
    pub since: Option<Date>,
    /// Events dated on or before this day.
    pub until: Option<Date>,
    /// Also the events that are negated, hypothetical or future (see
    /// `CodedEvent::asserted`); by default only asserted ones.
    pub include_flagged: bool,
    /// At most this many events (`None`: all).
    pub limit: Option<u64>,
    /// Skip this many events first (for paging).
    pub offset: u64,
    /// Events of the articles of this story (see `Store::story_articles`).
    pub story: Option<String>,
    /// Events of this article.
    pub doc: Option<DocId>,
}

/// One actor of the stored events with how many asserted events name it as
/// source or target.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ActorCount {
    pub actor: String,
    pub name: String,
    pub events: u64,
}

impl Store {
    /// Stores the coded events of a batch of articles in one transaction and
    /// records each article as coded by `coder` (a version string the caller
    /// chooses: events from another version are replaced when the article is
    /// coded again). Any events stored earlier for an article of the batch are
    /// deleted first; an article with no events is recorded as coded all the
    /// same. Every article must be stored ([`Error::UnknownArticle`]) and each
    /// of its events must name it as `doc` ([`Error::EventArticle`]); on an
    /// error nothing of the batch is written. Returns the number of events
    /// written.
    pub fn put_events(&mut self, coder: &str, batch: &[(DocId, Vec<CodedEvent>)]) -> Result<u64> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut written = 0u64;
        {
            let mut exists = tx.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
            let mut delete = tx.prepare_cached("DELETE FROM events WHERE article_id = ?1")?;
            let mut coded = tx.prepare_cached(
                "INSERT INTO coded_articles (article_id, coder, events) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (article_id) DO UPDATE SET coder = excluded.coder, events = excluded.events",
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO events (article_id, position, cameo, plover, date, source_id, \
                 source_name, target_id, target_name, actors, asserted, json) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            for (article, events) in batch {
                let id = article.as_str();
                if !exists.exists([id])? {
                    return Err(Error::UnknownArticle { id: id.to_string() });
                }
                delete.execute([id])?;
                coded.execute(params![id, coder, events.len() as i64])?;
                for (position, e) in events.iter().enumerate() {
                    if e.doc != *article {
                        return Err(Error::EventArticle {
                            article: id.to_string(),
                            doc: e.doc.to_string(),
                        });
                    }
                    let json = serde_json::to_string(e).map_err(|source| Error::Encode {
                        id: id.to_string(),
                        what: "a coded event",
                        source,
                    })?;
                    insert.execute(params![
                        id,
                        position as i64,
                        e.cameo,
                        e.plover,
                        e.date.map(|d| d.to_string()),
                        e.source.actor.0,
                        e.source.name,
                        e.target.actor.0,
                        e.target.name,
                        actors_key(e),
                        e.asserted(),
                        json,
                    ])?;
                    written += 1;
                }
            }
        }
        tx.commit()?;
        tracing::debug!(
            articles = batch.len(),
            events = written,
            coder,
            "stored events"
        );
        Ok(written)
    }

    /// The stored articles not coded by `coder`: never coded, or coded by
    /// another version. In the order they were stored.
    pub fn uncoded_articles(&self, coder: &str) -> Result<Vec<DocId>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id FROM articles a LEFT JOIN coded_articles c ON c.article_id = a.id \
             WHERE c.coder IS NULL OR c.coder <> ?1 ORDER BY a.seq",
        )?;
        let ids = stmt
            .query_map([coder], |row| row.get::<_, String>(0))?
            .map(|id| id.map(DocId::from_stored))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ids)
    }

    /// The stored events `query` selects, by date (undated last), then article
    /// id, then order within the article.
    pub fn events(&self, query: &EventQuery) -> Result<Vec<CodedEvent>> {
        let mut sql = String::from("SELECT article_id, position, json FROM events WHERE 1");
        let mut values: Vec<Value> = Vec::new();
        let mut bind = |sql: &mut String, clause: &str, vals: Vec<Value>| {
            sql.push_str(" AND ");
            sql.push_str(clause);
            values.extend(vals);
        };
        if let Some(actor) = query.actor.as_deref().filter(|a| !a.is_empty()) {
            bind(
                &mut sql,
                "instr(actors, ?) > 0",
                vec![Value::Text(actor.to_lowercase())],
            );
        }
        if let Some(kind) = &query.kind {
            // Every code starting with `kind` sorts in [kind, kind + U+10FFFF).
            bind(
                &mut sql,
                "(plover = ? COLLATE NOCASE OR (cameo >= ? AND cameo < ?))",
                vec![
                    Value::Text(kind.clone()),
                    Value::Text(kind.clone()),
                    Value::Text(format!("{kind}{}", char::MAX)),
                ],
            );
        }
        if let Some(since) = query.since {
            bind(&mut sql, "date >= ?", vec![Value::Text(since.to_string())]);
        }
        if let Some(until) = query.until {
            bind(&mut sql, "date <= ?", vec![Value::Text(until.to_string())]);
        }
        if !query.include_flagged {
            bind(&mut sql, "asserted = 1", Vec::new());
        }
        if let Some(story) = &query.story {
            bind(
                &mut sql,
                "article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)",
                vec![Value::Text(story.clone())],
            );
        }
        if let Some(doc) = &query.doc {
            bind(
                &mut sql,
                "article_id = ?",
                vec![Value::Text(doc.as_str().to_string())],
            );
        }
        // The order of index `events_by_date`: a page of an unfiltered query
        // reads only that page's rows, no sort.
        sql.push_str(" ORDER BY date NULLS LAST, article_id, position LIMIT ? OFFSET ?");
        values.push(Value::Integer(
            query
                .limit
                .map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX)),
        ));
        values.push(Value::Integer(
            i64::try_from(query.offset).unwrap_or(i64::MAX),
        ));

        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(values))?;
        let mut events = Vec::new();
        while let Some(row) = rows.next()? {
            let what = || {
                let id: String = row.get(0).unwrap_or_default();
                let position: i64 = row.get(1).unwrap_or_default();
                format!("event {position} of article {id}")
            };
            match json_column::<CodedEvent>(row, 2, what)? {
                Some(e) => events.push(e),
                None => {
                    return Err(Error::Corrupt {
                        what: format!("{}: no JSON", what()),
                    })
                }
            }
        }
        Ok(events)
    }
}

impl Store {
    /// The actors of the asserted stored events, most events first (then by
    /// id), with one name for each (the greatest of those stored); `filter` keeps
    /// those whose id or name contains it, ignoring case.
    pub fn actors(&self, filter: Option<&str>, limit: u64, offset: u64) -> Result<Vec<ActorCount>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH sides(id, name) AS ( \
                 SELECT source_id, source_name FROM events WHERE asserted = 1 \
                 UNION ALL SELECT target_id, target_name FROM events WHERE asserted = 1) \
             SELECT id, max(name), count(*) AS n FROM sides \
             WHERE ?1 IS NULL OR instr(lower(id), ?1) > 0 OR instr(lower(name), ?1) > 0 \
             GROUP BY id ORDER BY n DESC, id LIMIT ?2 OFFSET ?3",
        )?;
        let filter = filter.filter(|f| !f.is_empty()).map(str::to_lowercase);
        let rows = stmt
            .query_map(
                params![
                    filter,
                    i64::try_from(limit).unwrap_or(i64::MAX),
                    i64::try_from(offset).unwrap_or(i64::MAX)
                ],
                |row| {
                    Ok(ActorCount {
                        actor: row.get(0)?,
                        name: row.get(1)?,
                        events: row.get::<_, i64>(2)?.try_into().unwrap_or(0),
                    })
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

/// The lower-cased actor ids and names of both sides, for `events.actors`.
fn actors_key(e: &CodedEvent) -> String {
    [
        &e.source.actor.0,
        &e.source.name,
        &e.target.actor.0,
        &e.target.name,
    ]
    .map(|s| s.to_lowercase())
    .join(&FIELD_SEPARATOR.to_string())
}
