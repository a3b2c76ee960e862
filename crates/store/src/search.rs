//! Full-text search over titles and texts (FTS5, BM25 ranking).

use rusqlite::ffi;
use sitrep_model::DocId;

use crate::read::json_column;
use crate::{Error, Result, SearchHit, Store};

/// BM25 with the title weighted twice the text.
const RANKING: &str = "bm25(2.0, 1.0)";

/// The search: `?1` query, `?2` ranking, `?3` limit, `?4` snippet tokens.
/// `ORDER BY rank` with the ranking given by `rank MATCH` lets FTS5 return rows
/// best first, so snippets are made for the returned rows only.
const SEARCH_SQL: &str = "\
    SELECT a.id, a.title, a.outlet, a.dateline, \
           snippet(articles_fts, -1, '«', '»', '…', ?4), articles_fts.rank \
    FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid \
    WHERE articles_fts MATCH ?1 AND articles_fts.rank MATCH ?2 \
    ORDER BY articles_fts.rank \
    LIMIT ?3";

/// Tokens of context a snippet shows.
const SNIPPET_TOKENS: i64 = 16;

impl Store {
    /// Full-text search over title and text, best match first, at most `limit`
    /// hits, each with a snippet (matched terms between `«` and `»`).
    ///
    /// `query` uses FTS5 syntax (`putin AND raisi`, `"at least"`, `kill*`,
    /// `title:ceasefire`). Matching ignores case and diacritics (`Erdogan` finds
    /// `Erdoğan`). A query that is not valid FTS5 (`"unbalanced`, `AND OR (`) is
    /// not an error: it is searched as its plain words, all required. A query with
    /// no words finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        if query.trim().is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        self.update_index()?;
        match self.run_search(query, limit) {
            Err(Error::Sqlite(e)) if is_query_error(&e) => {
                let words = quote_words(query);
                tracing::debug!(query, words, error = %e, "not an FTS5 query; searching its words");
                if words.is_empty() {
                    return Ok(Vec::new());
                }
                self.run_search(&words, limit)
            }
            result => result,
        }
    }

    fn run_search(&self, fts_query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let mut stmt = self.conn.prepare_cached(SEARCH_SQL)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut rows = stmt.query(rusqlite::params![fts_query, RANKING, limit, SNIPPET_TOKENS])?;
        let mut hits = Vec::new();
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let dateline = json_column(row, 3, || format!("dateline of article {id}"))?;
            let bm25: f64 = row.get(5)?;
            hits.push(SearchHit {
                title: row.get(1)?,
                outlet: row.get(2)?,
                dateline,
                snippet: row.get(4)?,
                // FTS5's bm25() is lower for better matches; flip it so that
                // higher is better.
                rank: -bm25,
                id: DocId::from_stored(id),
            });
        }
        Ok(hits)
    }
}

/// True for the plain `SQLITE_ERROR` FTS5 gives for a malformed query (syntax
/// error, unknown column filter, …), as opposed to I/O, locking or corruption.
fn is_query_error(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(err, _) if err.extended_code == ffi::SQLITE_ERROR)
}

/// The words of `query` as FTS5 strings, all required: `"AND OR (` becomes
/// `"AND" "OR"`. Pieces without a letter or digit are dropped.
fn quote_words(query: &str) -> String {
    query
        .split_whitespace()
        .map(|word| word.replace('"', ""))
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .map(|word| format!("\"{word}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_words_drops_operators_punctuation_and_quotes() {
        assert_eq!(quote_words("\"unbalanced"), "\"unbalanced\"");
        assert_eq!(quote_words("AND OR ("), "\"AND\" \"OR\"");
        assert_eq!(quote_words("say \"hi\" ( )"), "\"say\" \"hi\"");
        assert_eq!(quote_words(" ( ) "), "");
    }

    /// FTS5 must hand rows over best first so that only the returned rows get a
    /// snippet: no separate sort in the plan.
    #[test]
    fn search_is_not_sorted_outside_fts() {
        let store = Store::open_in_memory().unwrap();
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {SEARCH_SQL}"))
            .unwrap();
        let plan: Vec<String> = stmt
            .query_map(rusqlite::params!["x", RANKING, 10, 16], |row| row.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            plan.iter().any(|step| step.contains("VIRTUAL TABLE")),
            "{plan:?}"
        );
        assert!(
            !plan.iter().any(|step| step.contains("TEMP B-TREE")),
            "{plan:?}"
        );
    }
}
