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
    /// Events with this actor on either side. A value holding a `:` is an
    /// actor id (`country:RUS`, `person:…`) and matches an id whole, ignoring
    /// ASCII case; any other value matches the ids and names that contain it,
    /// ignoring case (a slower scan).
    pub actor: Option<String>,
    /// Digits: events whose CAMEO code starts with them (`19`, `042`);
    /// anything else: events of this PLOVER type, ignoring ASCII case
    /// (`ASSAULT`). A one-digit prefix matches too, more slowly.
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
        let mut events = Vec::new();
        self.event_rows(query, |row| {
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
            Ok(())
        })?;
        Ok(events)
    }

    /// The events of [`Store::events`], each as its stored JSON text (a
    /// serialised `CodedEvent`), for callers that pass them on as JSON
    /// without reading them.
    pub fn events_json(&self, query: &EventQuery) -> Result<Vec<String>> {
        let mut events = Vec::new();
        self.event_rows(query, |row| {
            events.push(row.get::<_, String>(2)?);
            Ok(())
        })?;
        Ok(events)
    }

    /// The lower-cased ids of the actors whose id or any name contains
    /// `name` (lower-cased), when reading those actors' events (whatever
    /// name each event gives them) through `event_actors` and sorting them
    /// costs less than reading all events in answer order and testing each
    /// until the page is full: `None` then. Sorting costs about the `m`
    /// matching event sides; the scan about `page / density = page × n / m`
    /// rows (`n` all event sides, `page` = offset + limit); the sort wins
    /// when `m² ≤ page × n` (and the ids are at most [`FEW_ACTORS`]).
    fn few_actor_ids(&self, name: &str, page: Option<u64>) -> Result<Option<Vec<String>>> {
        let all: i64 =
            self.conn
                .query_row("SELECT coalesce(sum(sides), 0) FROM actor_names", [], |r| {
                    r.get(0)
                })?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT lower(id), sum(sides) FROM actor_names \
             WHERE instr(lower(id), ?1) > 0 OR instr(lower(name), ?1) > 0 GROUP BY lower(id)",
        )?;
        let mut ids = Vec::new();
        let mut sides: i64 = 0;
        let mut rows = stmt.query([name])?;
        while let Some(row) = rows.next()? {
            ids.push(row.get::<_, String>(0)?);
            sides += row.get::<_, i64>(1)?;
        }
        let page = page.map_or(all, |p| i64::try_from(p).unwrap_or(i64::MAX));
        let sort = (sides as f64).powi(2) <= page as f64 * all as f64;
        Ok((ids.len() <= FEW_ACTORS && sort).then_some(ids))
    }

    /// Runs the query of `query` and calls `f` on each row (`article_id`,
    /// `position`, `json`), in answer order.
    fn event_rows(
        &self,
        query: &EventQuery,
        mut f: impl FnMut(&rusqlite::Row<'_>) -> Result<()>,
    ) -> Result<()> {
        let ids = match ActorFilter::of(query) {
            Some(ActorFilter::Substring(name)) if query.story.is_none() && query.doc.is_none() => {
                let page = query.limit.map(|l| l.saturating_add(query.offset));
                self.few_actor_ids(&name, page)?
            }
            _ => None,
        };
        let (sql, values) = event_sql(query, ids.as_deref());
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(values))?;
        while let Some(row) = rows.next()? {
            f(row)?;
        }
        Ok(())
    }
}

/// At most this many actor ids are looked up by id for a name (see
/// [`Store::few_actor_ids`]).
const FEW_ACTORS: usize = 200;

/// What an [`EventQuery`]'s `actor` asks for.
enum ActorFilter {
    /// An actor id (the value holds a `:`, as every id does): events with it
    /// on either side, ASCII-lower-cased, through `event_actors`.
    Id(String),
    /// Anything else: ids and names containing it, through `events.actors`.
    Substring(String),
}

impl ActorFilter {
    fn of(query: &EventQuery) -> Option<ActorFilter> {
        let actor = query.actor.as_deref().filter(|a| !a.is_empty())?;
        Some(if actor.contains(':') {
            ActorFilter::Id(actor.to_ascii_lowercase())
        } else {
            ActorFilter::Substring(actor.to_lowercase())
        })
    }
}

/// The SQL of `query` and its parameters. Each shape reads an index in
/// answer order, so a page costs about its own rows (plus those skipped):
///
/// * a story: its articles (`story_articles_by_story`), their events by the
///   `UNIQUE (article_id, position)` index, then a sort of those few;
/// * an article (`doc`): its events by the same index, sorted;
/// * an actor id: `event_actors`, whose key is (actor, answer order);
/// * otherwise SQLite's choice between `events_by_date`, `events_by_plover`,
///   `events_by_cameo2` and `events_by_cameo3`, each ending in the answer
///   order. A one-digit CAMEO prefix and the substring search of actor names
///   are filters on one of them (or a sort).
///
/// With `ids` (the few actor ids a name matches), a name is those ids'
/// events, read through `event_actors` and sorted.
fn event_sql(query: &EventQuery, ids: Option<&[String]>) -> (String, Vec<Value>) {
    let actor = ActorFilter::of(query);
    let mut values: Vec<Value> = Vec::new();
    let mut clauses: Vec<String> = Vec::new();
    let text = |s: &str| Value::Text(s.to_string());
    // Thousands of a name's matches are sorted: the query sorts their keys
    // (and dates), and the JSON of one page is read after.
    let sorts_many = ids.is_some() && matches!(actor, Some(ActorFilter::Substring(_)));
    let columns = if sorts_many { "e.date" } else { "e.json" };
    let mut sql = format!("SELECT e.article_id, e.position, {columns} FROM ");
    // Which rows drive the query, and the order they are read in.
    let by_actor = query.story.is_none() && query.doc.is_none();
    let order = match (&actor, by_actor) {
        (Some(ActorFilter::Id(id)), true) => {
            sql.push_str(
                "event_actors x CROSS JOIN events e \
                 ON e.article_id = x.article_id AND e.position = x.position",
            );
            clauses.push("x.actor_id = ?".into());
            values.push(text(id));
            if query.since.is_some() || query.until.is_some() {
                clauses.push("x.undated = 0".into());
            }
            if let Some(since) = query.since {
                clauses.push("x.day >= ?".into());
                values.push(Value::Text(since.to_string()));
            }
            if let Some(until) = query.until {
                clauses.push("x.day <= ?".into());
                values.push(Value::Text(until.to_string()));
            }
            if !query.include_flagged {
                clauses.push("x.asserted = 1".into());
            }
            "x.undated, x.day, x.article_id, x.position"
        }
        _ => {
            if let Some(story) = &query.story {
                sql.push_str("story_articles s CROSS JOIN events e ON e.article_id = s.article_id");
                clauses.push("s.story_id = ?".into());
                values.push(text(story));
            } else {
                sql.push_str("events e");
            }
            match (&actor, ids) {
                (Some(ActorFilter::Id(id)), _) => {
                    clauses.push("(lower(e.source_id) = ? OR lower(e.target_id) = ?)".into());
                    values.push(text(id));
                    values.push(text(id));
                }
                (Some(ActorFilter::Substring(_)), Some(ids)) => {
                    clauses.push(format!(
                        "(e.article_id, e.position) IN (SELECT article_id, position \
                         FROM event_actors WHERE actor_id IN ({}))",
                        vec!["?"; ids.len()].join(", ")
                    ));
                    values.extend(ids.iter().map(|id| text(id)));
                }
                (Some(ActorFilter::Substring(s)), None) => {
                    clauses.push("instr(e.actors, ?) > 0".into());
                    values.push(text(s));
                }
                (None, _) => {}
            }
            if let Some(since) = query.since {
                clauses.push("e.date >= ?".into());
                values.push(Value::Text(since.to_string()));
            }
            if let Some(until) = query.until {
                clauses.push("e.date <= ?".into());
                values.push(Value::Text(until.to_string()));
            }
            if !query.include_flagged {
                clauses.push("e.asserted = 1".into());
            }
            "e.date NULLS LAST, e.article_id, e.position"
        }
    };
    if let Some(doc) = &query.doc {
        clauses.push("e.article_id = ?".into());
        values.push(text(doc.as_str()));
    }
    if let Some(kind) = query.kind.as_deref().filter(|k| !k.is_empty()) {
        let digits = kind.bytes().all(|b| b.is_ascii_digit());
        if !digits {
            clauses.push("e.plover = ? COLLATE NOCASE".into());
            values.push(text(kind));
        } else {
            if kind.len() >= 2 {
                let n = kind.len().min(3);
                clauses.push(format!("substr(e.cameo, 1, {n}) = ?"));
                values.push(text(&kind[..n]));
            }
            if kind.len() != 2 && kind.len() != 3 {
                // Every code starting with `kind` sorts in [kind, kind + U+10FFFF).
                clauses.push("e.cameo >= ? AND e.cameo < ?".into());
                values.push(text(kind));
                values.push(Value::Text(format!("{kind}{}", char::MAX)));
            }
        }
    }
    if !clauses.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&clauses.join(" AND "));
    }
    sql.push_str(" ORDER BY ");
    sql.push_str(order);
    sql.push_str(" LIMIT ? OFFSET ?");
    values.push(Value::Integer(
        query
            .limit
            .map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX)),
    ));
    values.push(Value::Integer(
        i64::try_from(query.offset).unwrap_or(i64::MAX),
    ));
    if sorts_many {
        sql = format!(
            "SELECT e.article_id, e.position, e.json FROM ({sql}) k \
             CROSS JOIN events e ON e.article_id = k.article_id AND e.position = k.position \
             ORDER BY k.date NULLS LAST, k.article_id, k.position"
        );
    }
    (sql, values)
}

impl Store {
    /// The actors of the asserted stored events, most events first (then by
    /// id), with one name for each (the greatest of those stored); `filter` keeps
    /// those whose id or name contains it, ignoring case.
    pub fn actors(&self, filter: Option<&str>, limit: u64, offset: u64) -> Result<Vec<ActorCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, max(name), sum(asserted) AS n FROM actor_names \
             WHERE asserted > 0 AND (?1 IS NULL OR instr(lower(id), ?1) > 0 OR instr(lower(name), ?1) > 0) \
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The plan SQLite makes of `query`'s SQL, one line per step.
    fn plan(store: &Store, query: &EventQuery) -> String {
        let (sql, values) = event_sql(query, None);
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let rows = stmt
            .query_map(params_from_iter(values), |r| r.get::<_, String>(3))
            .unwrap();
        rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("\n")
    }

    /// Each common shape reads its index in answer order: no sort of every
    /// match before the first page can go out.
    #[test]
    fn common_queries_page_through_an_index_without_sorting() {
        let store = Store::open_in_memory().unwrap();
        let q = EventQuery::default;
        let since = Some(Date::constant(2024, 3, 1));
        let until = Some(Date::constant(2024, 3, 31));
        let cases = [
            (q(), "events_by_date"),
            (
                EventQuery {
                    offset: 5_000,
                    include_flagged: true,
                    ..q()
                },
                "events_by_date",
            ),
            (
                EventQuery {
                    since,
                    until,
                    ..q()
                },
                "events_by_date",
            ),
            (
                EventQuery {
                    kind: Some("assault".into()),
                    ..q()
                },
                "events_by_plover",
            ),
            (
                EventQuery {
                    kind: Some("19".into()),
                    since,
                    ..q()
                },
                "events_by_cameo2",
            ),
            (
                EventQuery {
                    kind: Some("042".into()),
                    ..q()
                },
                "events_by_cameo3",
            ),
            (
                EventQuery {
                    kind: Some("0871".into()),
                    ..q()
                },
                "events_by_cameo3",
            ),
            (
                EventQuery {
                    actor: Some("country:RUS".into()),
                    kind: Some("CONSULT".into()),
                    since,
                    until,
                    ..q()
                },
                "SEARCH x USING PRIMARY KEY (actor_id=? AND undated=? AND day>? AND day<?)",
            ),
        ];
        for (query, index) in cases {
            let plan = plan(&store, &query);
            assert!(plan.contains(index), "{query:?}:\n{plan}");
            assert!(!plan.contains("TEMP B-TREE"), "{query:?}:\n{plan}");
        }
        // A story drives from its articles; the few events are sorted.
        let plan = plan(
            &store,
            &EventQuery {
                story: Some("s".into()),
                actor: Some("country:rus".into()),
                ..q()
            },
        );
        assert!(plan.contains("story_articles_by_story"), "{plan}");
        assert!(plan.contains("sqlite_autoindex_events_1"), "{plan}");
    }
}
