//! The insert path: one transaction per batch, cached statements, each value
//! serialised once.

use rusqlite::{params, CachedStatement, Connection, TransactionBehavior};
use sitrep_model::{Article, Source};

use crate::{Error, Outcome, Result, Store};

impl Store {
    /// Stores a batch in one transaction, so a crash leaves either all or none of
    /// it. For each article, in order: if its id is new, the article and its
    /// sources are inserted (the full-text index catches up in
    /// [`Store::update_index`]); if the id is stored,
    /// each source whose origin is not yet stored for it is added (the article's
    /// own fields stay those of the first source seen). Returns one [`Outcome`]
    /// per input article.
    pub fn insert_batch(&mut self, articles: &[Article]) -> Result<Vec<Outcome>> {
        // IMMEDIATE takes the write lock up front (waiting up to the busy
        // timeout), so a concurrent writer cannot make the lock upgrade fail
        // halfway through the batch.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let outcomes = insert_all(&tx, articles)?;
        tx.commit()?;
        let count = |o: Outcome| outcomes.iter().filter(|&&x| x == o).count();
        tracing::debug!(
            articles = articles.len(),
            new = count(Outcome::New),
            new_source = count(Outcome::NewSource),
            already_stored = count(Outcome::AlreadyStored),
            "stored batch"
        );
        Ok(outcomes)
    }
}

/// Inserts `articles` through `conn` without committing; the caller owns the
/// transaction.
pub(crate) fn insert_all(conn: &Connection, articles: &[Article]) -> Result<Vec<Outcome>> {
    let mut writer = Writer::new(conn)?;
    articles.iter().map(|a| writer.insert(a)).collect()
}

/// The cached statements of the insert path, prepared once per batch.
struct Writer<'c> {
    exists: CachedStatement<'c>,
    article: CachedStatement<'c>,
    source: CachedStatement<'c>,
    next_position: CachedStatement<'c>,
}

impl<'c> Writer<'c> {
    fn new(conn: &'c Connection) -> Result<Self> {
        Ok(Self {
            exists: conn.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?,
            article: conn.prepare_cached(
                "INSERT INTO articles \
                 (id, outlet, url, title, date, dateline, language, chars, metadata, text) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?,
            source: conn.prepare_cached(
                "INSERT INTO sources \
                 (article_id, origin, position, format, outlet, url, title, dateline, removed_lines) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
                 ON CONFLICT (article_id, origin) DO NOTHING",
            )?,
            next_position: conn.prepare_cached(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM sources WHERE article_id = ?1",
            )?,
        })
    }

    fn insert(&mut self, article: &Article) -> Result<Outcome> {
        let id = article.id.as_str();
        if self.exists.exists([id])? {
            let mut position: i64 = self.next_position.query_row([id], |row| row.get(0))?;
            let mut added = false;
            for source in &article.sources {
                if self.insert_source(id, position, source)? {
                    position += 1;
                    added = true;
                }
            }
            return Ok(if added {
                Outcome::NewSource
            } else {
                Outcome::AlreadyStored
            });
        }

        let dateline = article
            .dateline
            .as_ref()
            .map(|d| to_json(d, id, "dateline"))
            .transpose()?;
        let date = article.dateline.as_ref().map(|d| d.date.to_string());
        let metadata = if article.metadata.is_empty() {
            None
        } else {
            Some(to_json(&article.metadata, id, "metadata")?)
        };
        let chars = i64::try_from(article.text.chars().count()).unwrap_or(i64::MAX);
        self.article.execute(params![
            id,
            article.outlet,
            article.url,
            article.title,
            date,
            dateline,
            article.language,
            chars,
            metadata,
            article.text,
        ])?;
        let mut position = 0;
        for source in &article.sources {
            if self.insert_source(id, position, source)? {
                position += 1;
            }
        }
        Ok(Outcome::New)
    }

    /// Inserts one source unless its origin is stored for the article; true if
    /// it was inserted.
    fn insert_source(&mut self, id: &str, position: i64, source: &Source) -> Result<bool> {
        let dateline = source
            .dateline
            .as_ref()
            .map(|d| to_json(d, id, "source dateline"))
            .transpose()?;
        let removed_lines = if source.removed_lines.is_empty() {
            None
        } else {
            Some(to_json(&source.removed_lines, id, "removed lines")?)
        };
        let changed = self.source.execute(params![
            id,
            source.origin,
            position,
            source.format.as_str(),
            source.outlet,
            source.url,
            source.title,
            dateline,
            removed_lines,
        ])?;
        Ok(changed == 1)
    }
}

fn to_json<T: serde::Serialize + ?Sized>(
    value: &T,
    id: &str,
    what: &'static str,
) -> Result<String> {
    serde_json::to_string(value).map_err(|source| Error::Encode {
        id: id.to_string(),
        what,
        source,
    })
}

#[cfg(test)]
mod tests {
    use sitrep_model::InputFormat;

    use super::*;

    fn article(text: &str, title: &str) -> Article {
        Article::new(
            text.to_string(),
            Source {
                origin: format!("{title}.txt"),
                format: InputFormat::Text,
                outlet: None,
                url: None,
                title: Some(title.to_string()),
                dateline: None,
                removed_lines: Vec::new(),
            },
        )
    }

    fn batch() -> Vec<Article> {
        vec![
            article("Lighthouse keepers in Eastpoint counted 40 seals.", "seals"),
            article("The Eastpoint council approved a new pier.", "pier"),
        ]
    }

    fn assert_empty(store: &Store) {
        let counts = store.counts().unwrap();
        assert_eq!((counts.articles, counts.sources), (0, 0));
        assert_eq!(store.search("eastpoint", 10).unwrap(), vec![]);
        assert_eq!(store.dump().unwrap(), "");
        store.check().unwrap();
    }

    #[test]
    fn dropped_transaction_stores_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        {
            let tx = store.conn.transaction().unwrap();
            let outcomes = insert_all(&tx, &batch()).unwrap();
            assert_eq!(outcomes, vec![Outcome::New, Outcome::New]);
            let stored: i64 = tx
                .query_row("SELECT count(*) FROM articles", [], |row| row.get(0))
                .unwrap();
            assert_eq!(stored, 2);
            // Dropped without commit, as when the process dies mid-batch.
        }
        assert_empty(&store);
    }

    #[test]
    fn batch_failing_midway_stores_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .conn
            .execute_batch(
                "CREATE TEMP TRIGGER poison BEFORE INSERT ON articles \
                 WHEN NEW.title = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END;",
            )
            .unwrap();
        let mut articles = batch();
        articles.push(article("This one fails.", "poison"));
        let err = store.insert_batch(&articles).unwrap_err();
        assert!(err.to_string().contains("poisoned"), "{err}");
        assert_empty(&store);

        // The batch without the bad article goes in whole.
        articles.pop();
        assert_eq!(
            store.insert_batch(&articles).unwrap(),
            vec![Outcome::New, Outcome::New]
        );
        assert_eq!(store.counts().unwrap().articles, 2);
        store.check().unwrap();
    }

    #[test]
    fn sources_keep_first_seen_order() {
        let mut store = Store::open_in_memory().unwrap();
        let text = "Divers found a bronze bell off Eastpoint.";
        let mut first = article(text, "z-first");
        first.sources.push(Source {
            origin: "m-second.txt".to_string(),
            ..first.sources[0].clone()
        });
        store.insert_batch(&[first.clone()]).unwrap();
        store.insert_batch(&[article(text, "a-third")]).unwrap();
        let origins: Vec<String> = store
            .article(first.id.as_str())
            .unwrap()
            .unwrap()
            .sources
            .into_iter()
            .map(|s| s.origin)
            .collect();
        assert_eq!(origins, ["z-first.txt", "m-second.txt", "a-third.txt"]);
    }
}
