//! Reading articles back: by id or prefix, as a sorted listing, as counts and as
//! a deterministic dump.

use std::fmt::Write as _;

use rusqlite::Row;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use sitrep_model::{Article, DocId, InputFormat, Source};

use crate::{ArticleSummary, Counts, Error, Result, Store, MAX_CANDIDATES};

/// Length of a full [`DocId`] in hex digits.
const ID_LEN: usize = 32;
/// Shortest prefix [`Store::article`] accepts.
const MIN_PREFIX: usize = 4;

impl Store {
    /// The article with id `id_or_prefix`, or with an id starting with it (at
    /// least 4 hex digits, case-insensitive): all of its fields and all of its
    /// sources, first seen first. `None` when no id matches;
    /// [`Error::AmbiguousId`] when several do; [`Error::InvalidId`] when the input
    /// is not hex or too short.
    pub fn article(&self, id_or_prefix: &str) -> Result<Option<Article>> {
        let Some(id) = self.resolve_id(id_or_prefix)? else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, outlet, url, title, dateline, language, metadata, text \
             FROM articles WHERE id = ?1",
        )?;
        let mut rows = stmt.query([&id])?;
        let Some(row) = rows.next()? else {
            return Ok(None);
        };
        let mut article = read_article(row)?;
        drop(rows);
        let mut stmt = self.conn.prepare_cached(
            "SELECT origin, format, outlet, url, title, dateline, removed_lines \
             FROM sources WHERE article_id = ?1 ORDER BY position, origin",
        )?;
        let mut rows = stmt.query([&id])?;
        while let Some(row) = rows.next()? {
            article.sources.push(read_source(&id, row)?);
        }
        Ok(Some(article))
    }

    /// The full id an id or prefix stands for, if one article has it.
    fn resolve_id(&self, id_or_prefix: &str) -> Result<Option<String>> {
        let prefix = id_or_prefix.trim().to_ascii_lowercase();
        if prefix.len() < MIN_PREFIX
            || prefix.len() > ID_LEN
            || !prefix.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return Err(Error::InvalidId {
                input: id_or_prefix.to_string(),
            });
        }
        // Every id starting with the prefix sorts in [prefix, prefix + "g"): 'g'
        // follows every hex digit.
        let upper = format!("{prefix}g");
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM articles WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3",
        )?;
        let limit = i64::try_from(MAX_CANDIDATES).unwrap_or(i64::MAX);
        let mut ids = stmt
            .query_map(rusqlite::params![prefix, upper, limit], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        match ids.len() {
            0 => Ok(None),
            1 => Ok(ids.pop()),
            _ => Err(Error::AmbiguousId {
                prefix,
                candidates: ids,
            }),
        }
    }

    /// All articles as summaries, ordered by dateline date (undated last), then
    /// outlet (none last), then id.
    pub fn articles(&self) -> Result<Vec<ArticleSummary>> {
        self.articles_page(None, 0)
    }

    /// A page of [`Store::articles`]: at most `limit` (all with `None`)
    /// after skipping `offset`.
    pub fn articles_page(&self, limit: Option<u64>, offset: u64) -> Result<Vec<ArticleSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.outlet, a.title, a.dateline, a.language, a.chars, \
                    (SELECT count(*) FROM sources s WHERE s.article_id = a.id) \
             FROM articles a \
             ORDER BY a.date IS NULL, a.date, a.outlet IS NULL, a.outlet, a.id \
             LIMIT ?1 OFFSET ?2",
        )?;
        let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        let mut rows = stmt.query(rusqlite::params![limit, offset])?;
        let mut summaries = Vec::new();
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let dateline = json_column(row, 3, || format!("dateline of article {id}"))?;
            let chars: i64 = row.get(5)?;
            let sources: i64 = row.get(6)?;
            summaries.push(ArticleSummary {
                outlet: row.get(1)?,
                title: row.get(2)?,
                dateline,
                language: row.get(4)?,
                chars: usize::try_from(chars).unwrap_or(0),
                sources: usize::try_from(sources).unwrap_or(0),
                id: DocId::from_stored(id),
            });
        }
        Ok(summaries)
    }

    /// How many articles and sources are stored.
    pub fn counts(&self) -> Result<Counts> {
        let count = |table: &str| -> Result<u64> {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                        row.get(0)
                    })?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        Ok(Counts {
            articles: count("articles")?,
            sources: count("sources")?,
        })
    }

    /// Verifies the database: SQLite's `quick_check`, foreign keys, and the
    /// full-text index against the stored articles. [`Error::Corrupt`] lists what
    /// is wrong.
    pub fn check(&self) -> Result<()> {
        self.update_index()?;
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA quick_check")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let line: String = row.get(0)?;
            if line != "ok" {
                problems.push(line);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let table: String = row.get(0)?;
            let parent: String = row.get(2)?;
            problems.push(format!(
                "a row of {table} refers to a missing row of {parent}"
            ));
        }
        if let Err(e) = self.conn.execute(
            "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)",
            [],
        ) {
            problems.push(format!("full-text index: {e}"));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Corrupt {
                what: problems.join("; "),
            })
        }
    }

    /// A deterministic text dump of everything stored, for comparing two
    /// databases: one JSON object per line, first `{"article":…}` for every
    /// article sorted by id, then `{"source":…}` for every source sorted by
    /// article id and origin. Keys are column names; JSON columns are embedded as
    /// JSON. Row numbers (which depend on insertion order) are left out.
    pub fn dump(&self) -> Result<String> {
        let mut out = String::new();
        let mut stmt = self.conn.prepare(
            "SELECT id, outlet, url, title, date, dateline, language, chars, metadata, text \
             FROM articles ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let line = ArticleRow {
                outlet: row.get(1)?,
                url: row.get(2)?,
                title: row.get(3)?,
                date: row.get(4)?,
                dateline: json_column(row, 5, || format!("dateline of article {id}"))?,
                language: row.get(6)?,
                chars: row.get(7)?,
                metadata: json_column(row, 8, || format!("metadata of article {id}"))?,
                text: row.get(9)?,
                id,
            };
            push_line(&mut out, "article", &line)?;
        }
        let mut stmt = self.conn.prepare(
            "SELECT article_id, origin, position, format, outlet, url, title, dateline, \
                    removed_lines \
             FROM sources ORDER BY article_id, origin",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let article_id: String = row.get(0)?;
            let origin: String = row.get(1)?;
            let what =
                |column: &str| format!("{column} of source {origin} of article {article_id}");
            let line = SourceRow {
                position: row.get(2)?,
                format: row.get(3)?,
                outlet: row.get(4)?,
                url: row.get(5)?,
                title: row.get(6)?,
                dateline: json_column(row, 7, || what("dateline"))?,
                removed_lines: json_column(row, 8, || what("removed lines"))?,
                article_id: article_id.clone(),
                origin: origin.clone(),
            };
            push_line(&mut out, "source", &line)?;
        }
        Ok(out)
    }
}

/// An article as stored, for [`Store::dump`].
#[derive(Serialize)]
struct ArticleRow {
    id: String,
    outlet: Option<String>,
    url: Option<String>,
    title: Option<String>,
    date: Option<String>,
    dateline: Option<Value>,
    language: Option<String>,
    chars: i64,
    metadata: Option<Value>,
    text: String,
}

/// A source as stored, for [`Store::dump`].
#[derive(Serialize)]
struct SourceRow {
    article_id: String,
    origin: String,
    position: i64,
    format: String,
    outlet: Option<String>,
    url: Option<String>,
    title: Option<String>,
    dateline: Option<Value>,
    removed_lines: Option<Value>,
}

fn push_line<T: Serialize>(out: &mut String, kind: &str, row: &T) -> Result<()> {
    let json = serde_json::to_string(row).map_err(|e| Error::Corrupt {
        what: format!("{kind} row does not serialise: {e}"),
    })?;
    // Writing to a String cannot fail.
    let _ = writeln!(out, "{{\"{kind}\":{json}}}");
    Ok(())
}

/// Reads `id, outlet, url, title, dateline, language, metadata, text`; sources
/// are added by the caller.
fn read_article(row: &Row<'_>) -> Result<Article> {
    let id: String = row.get(0)?;
    let dateline = json_column(row, 4, || format!("dateline of article {id}"))?;
    let metadata = json_column(row, 6, || format!("metadata of article {id}"))?;
    Ok(Article {
        outlet: row.get(1)?,
        url: row.get(2)?,
        title: row.get(3)?,
        dateline,
        language: row.get(5)?,
        text: row.get(7)?,
        metadata: metadata.unwrap_or_default(),
        sources: Vec::new(),
        id: DocId::from_stored(id),
    })
}

/// Reads `origin, format, outlet, url, title, dateline, removed_lines`.
fn read_source(id: &str, row: &Row<'_>) -> Result<Source> {
    let origin: String = row.get(0)?;
    let what = |column: &str| format!("{column} of source {origin} of article {id}");
    let format = parse_format(&row.get::<_, String>(1)?, || what("format"))?;
    let dateline = json_column(row, 5, || what("dateline"))?;
    let removed = json_column(row, 6, || what("removed lines"))?;
    Ok(Source {
        format,
        outlet: row.get(2)?,
        url: row.get(3)?,
        title: row.get(4)?,
        dateline,
        removed_lines: removed.unwrap_or_default(),
        origin,
    })
}

/// Parses the nullable JSON text in column `idx`; `what` names the value for the
/// error.
pub(crate) fn json_column<T: DeserializeOwned>(
    row: &Row<'_>,
    idx: usize,
    what: impl FnOnce() -> String,
) -> Result<Option<T>> {
    let parsed = match row.get_ref(idx)?.as_str_or_null() {
        Ok(None) => return Ok(None),
        Ok(Some(json)) => serde_json::from_str(json).map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    parsed.map(Some).map_err(|e| Error::Corrupt {
        what: format!("{}: {e}", what()),
    })
}

/// Parses a stored [`InputFormat`] name (`json_lines`, …).
fn parse_format(name: &str, what: impl FnOnce() -> String) -> Result<InputFormat> {
    serde_json::from_value(Value::String(name.to_string())).map_err(|_| Error::Corrupt {
        what: format!("{}: unknown input format `{name}`", what()),
    })
}
