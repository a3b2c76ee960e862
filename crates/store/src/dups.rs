//! Near-duplicate articles: each article's MinHash signature (so an index
//! can be rebuilt without hashing texts again) and the families found.
//! Computing signatures and families is the caller's business (the cluster
//! crate).

use rusqlite::{params, TransactionBehavior};
use sitrep_model::DocId;

use crate::{Error, Result, Store};

impl Store {
    /// Articles without a signature of settings version `config`, in storage
    /// order.
    pub fn unsigned_articles(&self, config: &str) -> Result<Vec<DocId>> {
        let mut st = self.conn.prepare(
            "SELECT a.id FROM articles a LEFT JOIN signatures s \
             ON s.article_id = a.id AND s.config = ?1 WHERE s.article_id IS NULL ORDER BY a.seq",
        )?;
        let ids = st
            .query_map([config], |r| r.get::<_, String>(0))?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(ids.into_iter().map(DocId::from_stored).collect())
    }

    /// Stores signatures (JSON text) of settings version `config`, replacing
    /// older ones, in one transaction.
    pub fn put_signatures(&mut self, config: &str, batch: &[(DocId, String)]) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut exists = tx.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
            let mut put = tx.prepare_cached(
                "INSERT OR REPLACE INTO signatures (article_id, config, signature) VALUES (?1, ?2, ?3)",
            )?;
            for (doc, sig) in batch {
                if !exists.exists([doc.as_str()])? {
                    return Err(Error::UnknownArticle {
                        id: doc.as_str().to_string(),
                    });
                }
                put.execute(params![doc.as_str(), config, sig])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every stored signature of settings version `config`, in storage order
    /// of the articles.
    pub fn signatures(&self, config: &str) -> Result<Vec<(DocId, String)>> {
        let mut st = self.conn.prepare(
            "SELECT s.article_id, s.signature FROM signatures s JOIN articles a ON a.id = s.article_id \
             WHERE s.config = ?1 ORDER BY a.seq",
        )?;
        let rows = st
            .query_map([config], |r| {
                Ok((DocId::from_stored(r.get::<_, String>(0)?), r.get(1)?))
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Replaces the near-duplicate families: (article, family id) for every
    /// article of a family of two or more.
    pub fn put_families(&mut self, members: &[(DocId, DocId)]) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM near_duplicates", [])?;
        {
            let mut put = tx.prepare_cached(
                "INSERT INTO near_duplicates (article_id, family) VALUES (?1, ?2)",
            )?;
            for (doc, family) in members {
                put.execute(params![doc.as_str(), family.as_str()])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every article in a near-duplicate family, with the family's id.
    pub fn families(&self) -> Result<std::collections::HashMap<DocId, DocId>> {
        let mut st = self
            .conn
            .prepare("SELECT article_id, family FROM near_duplicates")?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(rows
            .into_iter()
            .map(|(a, f)| (DocId::from_stored(a), DocId::from_stored(f)))
            .collect())
    }

    /// The other members of an article's near-duplicate family (empty when
    /// it has none), in id order.
    pub fn near_duplicates_of(&self, doc: &DocId) -> Result<Vec<DocId>> {
        let mut st = self.conn.prepare(
            "SELECT b.article_id FROM near_duplicates a JOIN near_duplicates b ON a.family = b.family \
             WHERE a.article_id = ?1 AND b.article_id <> ?1 ORDER BY b.article_id",
        )?;
        let ids = st
            .query_map([doc.as_str()], |r| r.get::<_, String>(0))?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(ids.into_iter().map(DocId::from_stored).collect())
    }
}
