//! Stories: which article joined which story (in the order the clusterer
//! saw them), the clusterer's saved state, one summary row per story, and
//! the fused events of each story. Clustering and fusion are the caller's
//! business; the store keeps their results so that the next run goes on
//! from them and readers (reports, the HTTP API) need not recompute.

use jiff::civil::Date;
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use sitrep_model::{DocId, FusedEvent};

use crate::read::json_column;
use crate::{Error, Result, Store};

/// One story's summary row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryRow {
    pub id: String,
    pub title: String,
    pub first_date: Option<Date>,
    pub last_date: Option<Date>,
    pub articles: u64,
    pub sources: u64,
}

fn date_col(s: Option<String>) -> Option<Date> {
    s.and_then(|d| d.parse().ok())
}

impl Store {
    /// The clusterer's saved state and its version, if any.
    pub fn cluster_state(&self) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT version, state FROM cluster_state WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Articles not yet in a story, oldest dateline first (undated last),
    /// then in storage order.
    pub fn unclustered_articles(&self) -> Result<Vec<DocId>> {
        let mut st = self.conn.prepare(
            "SELECT a.id FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id \
             WHERE s.article_id IS NULL ORDER BY a.date IS NULL, a.date, a.seq",
        )?;
        let ids = st
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(ids.into_iter().map(DocId::from_stored).collect())
    }

    /// Every (article, story) pair, in the order the clusterer saw them.
    pub fn story_assignments(&self) -> Result<Vec<(DocId, String)>> {
        let mut st = self
            .conn
            .prepare("SELECT article_id, story_id FROM story_articles ORDER BY position")?;
        let rows = st
            .query_map([], |r| {
                Ok((DocId::from_stored(r.get::<_, String>(0)?), r.get(1)?))
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Saves a clustering run in one transaction: the assignments (new ones
    /// after those already stored, in order; an article already stored moves
    /// to its new story and keeps its place), the clusterer's state, and the
    /// summaries of the stories given (replacing their rows). Stories left
    /// without articles are deleted with their fused events. With `reset`,
    /// earlier assignments, stories and fused events are deleted first.
    pub fn put_stories(
        &mut self,
        reset: bool,
        assignments: &[(DocId, String)],
        state: (&str, &str),
        stories: &[StoryRow],
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if reset {
            tx.execute_batch(
                "DELETE FROM story_articles; DELETE FROM stories; DELETE FROM fused_events;",
            )?;
        }
        {
            let next: i64 = tx.query_row(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM story_articles",
                [],
                |r| r.get(0),
            )?;
            let mut exists = tx.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
            // An article moved to another story keeps its position.
            let mut insert = tx.prepare_cached(
                "INSERT INTO story_articles (article_id, story_id, position) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id",
            )?;
            for (i, (doc, story)) in assignments.iter().enumerate() {
                if !exists.exists([doc.as_str()])? {
                    return Err(Error::UnknownArticle {
                        id: doc.as_str().to_string(),
                    });
                }
                insert.execute(params![doc.as_str(), story, next + i as i64])?;
            }
            tx.execute(
                "INSERT OR REPLACE INTO cluster_state (id, version, state) VALUES (1, ?1, ?2)",
                params![state.0, state.1],
            )?;
            let mut put = tx.prepare_cached(
                "INSERT OR REPLACE INTO stories (id, title, first_date, last_date, articles, sources) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for s in stories {
                put.execute(params![
                    s.id,
                    s.title,
                    s.first_date.map(|d| d.to_string()),
                    s.last_date.map(|d| d.to_string()),
                    s.articles as i64,
                    s.sources as i64
                ])?;
            }
            // A story whose articles all moved to others (merged) is gone,
            // with its fused events.
            tx.execute_batch(
                "DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles); \
                 DELETE FROM fused_events WHERE story_id NOT IN (SELECT story_id FROM story_articles);",
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Every story's summary, latest first.
    pub fn stories(&self) -> Result<Vec<StoryRow>> {
        let mut st = self.conn.prepare(
            "SELECT id, title, first_date, last_date, articles, sources FROM stories \
             ORDER BY last_date IS NULL, last_date DESC, articles DESC, id",
        )?;
        let rows = st
            .query_map([], |r| {
                Ok(StoryRow {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    first_date: date_col(r.get(2)?),
                    last_date: date_col(r.get(3)?),
                    articles: r.get::<_, i64>(4)? as u64,
                    sources: r.get::<_, i64>(5)? as u64,
                })
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The story an article is in, once stories were made.
    pub fn story_of(&self, doc: &DocId) -> Result<Option<String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT story_id FROM story_articles WHERE article_id = ?1")?;
        let mut rows = st.query([doc.as_str()])?;
        Ok(match rows.next()? {
            Some(r) => Some(r.get(0)?),
            None => None,
        })
    }

    /// The articles of a story, in the order they joined it.
    pub fn story_articles(&self, story: &str) -> Result<Vec<DocId>> {
        let mut st = self.conn.prepare(
            "SELECT article_id FROM story_articles WHERE story_id = ?1 ORDER BY position",
        )?;
        let ids = st
            .query_map([story], |r| r.get::<_, String>(0))?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(ids.into_iter().map(DocId::from_stored).collect())
    }

    /// Replaces the fused events of a story.
    pub fn put_fused_events(&mut self, story: &str, events: &[FusedEvent]) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM fused_events WHERE story_id = ?1", [story])?;
        {
            let mut put = tx.prepare_cached(
                "INSERT OR REPLACE INTO fused_events (id, story_id, date, plover, cameo, json) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for e in events {
                let json = serde_json::to_string(e).map_err(|source| Error::Encode {
                    id: story.to_string(),
                    what: "a fused event",
                    source,
                })?;
                put.execute(params![
                    e.id,
                    story,
                    e.date.map(|d| d.to_string()),
                    e.plover,
                    e.cameo,
                    json
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// How many fused events a story has (without reading them).
    pub fn fused_event_count(&self, story: &str) -> Result<u64> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM fused_events WHERE story_id = ?1",
            [story],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The fused events of a story, by date.
    pub fn fused_events(&self, story: &str) -> Result<Vec<FusedEvent>> {
        let mut st = self.conn.prepare(
            "SELECT json FROM fused_events WHERE story_id = ?1 ORDER BY date IS NULL, date, id",
        )?;
        let mut rows = st.query([story])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            if let Some(e) = json_column(row, 0, || format!("fused event of story {story}"))? {
                out.push(e);
            }
        }
        Ok(out)
    }
}
