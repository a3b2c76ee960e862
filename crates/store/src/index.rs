//! The full-text index as its own step: articles are indexed after they are
//! stored, in chunks, each chunk one transaction that also records how far the
//! index reaches (`fts_state.indexed_upto`). Ingestion runs at the speed of
//! storing; the index catches up when it is asked for, and a run killed while
//! indexing resumes where it stopped.

use rusqlite::{Transaction, TransactionBehavior};

use crate::{Result, Store};

/// Articles indexed per transaction.
const CHUNK: i64 = 4096;

impl Store {
    /// Number of stored articles not yet in the full-text index.
    pub fn unindexed(&self) -> Result<u64> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM articles WHERE seq > (SELECT indexed_upto FROM fts_state)",
            [],
            |row| row.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Adds every article stored since the last call to the full-text index;
    /// returns how many were added. [`Store::search`] and [`Store::check`] call
    /// it first, so results never miss a stored article.
    pub fn update_index(&self) -> Result<u64> {
        let mut total = 0u64;
        loop {
            // IMMEDIATE: take the write lock before reading the state, so two
            // processes cannot index the same rows.
            let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
            let upto: i64 = tx.query_row("SELECT indexed_upto FROM fts_state", [], |r| r.get(0))?;
            let (count, last): (i64, Option<i64>) = tx.query_row(
                "SELECT count(*), MAX(seq) FROM \
                 (SELECT seq FROM articles WHERE seq > ?1 ORDER BY seq LIMIT ?2)",
                [upto, CHUNK],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let Some(last) = last else {
                tx.commit()?;
                return Ok(total);
            };
            tx.execute(
                "INSERT INTO articles_fts (rowid, title, text) \
                 SELECT seq, title, text FROM articles WHERE seq > ?1 AND seq <= ?2",
                [upto, last],
            )?;
            tx.execute("UPDATE fts_state SET indexed_upto = ?1", [last])?;
            tx.commit()?;
            total += u64::try_from(count).unwrap_or(0);
            tracing::debug!(indexed = count, upto = last, "full-text index updated");
        }
    }
}
