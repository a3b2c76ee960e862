//! Imported actor and agent dictionaries (the field's PETRARCH / Phoenix files):
//! plain rows, written one file per transaction and read back by folded name.
//! Parsing the files and folding names is the caller's business (the lexicon
//! crate); the store only keeps what it is given.

use std::path::Path;

use jiff::civil::Date;
use rusqlite::{params, OptionalExtension, Row, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::read::json_column;
use crate::{Error, Result, Store};

/// What an imported file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DictKind {
    Actors,
    Agents,
}

impl DictKind {
    /// `actors` or `agents`, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            DictKind::Actors => "actors",
            DictKind::Agents => "agents",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        match s {
            "actors" => Ok(DictKind::Actors),
            "agents" => Ok(DictKind::Agents),
            _ => Err(Error::Corrupt {
                what: format!("dictionary kind `{s}`"),
            }),
        }
    }
}

/// Where an agent code goes relative to an actor code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// `[NGO~]`: in front (`USA` → `NGOUSA`).
    Prefix,
    /// `[~GOV]`: appended (`USA` → `USAGOV`).
    Suffix,
}

impl Placement {
    /// `prefix` or `suffix`, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Placement::Prefix => "prefix",
            Placement::Suffix => "suffix",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        match s {
            "prefix" => Ok(Placement::Prefix),
            "suffix" => Ok(Placement::Suffix),
            _ => Err(Error::Corrupt {
                what: format!("agent placement `{s}`"),
            }),
        }
    }
}

/// One imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DictFile {
    /// The file name without directories: the key of re-imports.
    pub name: String,
    /// The path as given when it was imported.
    pub path: String,
    pub kind: DictKind,
    /// BLAKE3 of the file's bytes, hex.
    pub hash: String,
    /// Entries stored (actor entries, or agent terms).
    pub entries: u64,
    /// Problems met while parsing (lines skipped).
    pub problems: u64,
    /// Import order, 0 = first.
    pub position: u64,
}

/// A code valid between two dates (inclusive; `None` = open on that side).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DictCode {
    pub code: String,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// One actor entry of an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DictActor {
    /// 1-based line of the primary name.
    pub line: u64,
    /// Primary name first, then synonyms.
    pub names: Vec<String>,
    /// In file order.
    pub codes: Vec<DictCode>,
    pub comment: Option<String>,
}

/// One agent term of an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DictAgent {
    /// 1-based line of the term.
    pub line: u64,
    pub term: String,
    pub plural: Option<String>,
    /// The code without its `~`.
    pub code: String,
    pub placement: Placement,
}

/// What [`Store::import_dictionary`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub file: DictFile,
    /// Folded names (actors) or forms (agents) stored for lookup.
    pub names: u64,
    /// A file of the same name was imported before and has been replaced.
    pub replaced: bool,
    /// The replaced import had the same content hash.
    pub unchanged: bool,
}

impl Store {
    /// Stores one dictionary file in one transaction. `path` is the path as
    /// given; its file name is the key: an earlier import of a file with that
    /// name is deleted first, so importing the same file twice gives the same
    /// rows. `actors` and `agents` come with their folded names (duplicates are
    /// stored once); `problems` is the number of problems met while parsing.
    pub fn import_dictionary(
        &mut self,
        path: &str,
        kind: DictKind,
        hash: &str,
        actors: &[(DictActor, Vec<String>)],
        agents: &[(DictAgent, Vec<String>)],
        problems: u64,
    ) -> Result<ImportSummary> {
        let name = Path::new(path)
            .file_name()
            .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned());
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, hash FROM dict_files WHERE name = ?1",
                [&name],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        if let Some((id, _)) = &old {
            for sql in [
                "DELETE FROM dict_actor_names WHERE file_id = ?1",
                "DELETE FROM dict_actors WHERE file_id = ?1",
                "DELETE FROM dict_agents WHERE file_id = ?1",
                "DELETE FROM dict_files WHERE id = ?1",
            ] {
                tx.execute(sql, [id])?;
            }
        }
        let position: i64 = tx.query_row(
            "SELECT COALESCE(MAX(position) + 1, 0) FROM dict_files",
            [],
            |row| row.get(0),
        )?;
        let entries = (actors.len() + agents.len()) as u64;
        tx.execute(
            "INSERT INTO dict_files (name, path, kind, hash, entries, problems, position) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                name,
                path,
                kind.as_str(),
                hash,
                entries as i64,
                problems as i64,
                position
            ],
        )?;
        let file_id = tx.last_insert_rowid();
        let mut names = 0u64;
        {
            let mut actor = tx.prepare_cached(
                "INSERT INTO dict_actors (file_id, line, name, names, codes, comment) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut folded_name = tx.prepare_cached(
                "INSERT OR IGNORE INTO dict_actor_names (folded, actor_id, file_id) \
                 VALUES (?1, ?2, ?3)",
            )?;
            for (a, folded) in actors {
                let encode = |what, e| Error::Corrupt {
                    what: format!("cannot encode {what} of {name} line {}: {e}", a.line),
                };
                let names_json = serde_json::to_string(&a.names).map_err(|e| encode("names", e))?;
                let codes_json = serde_json::to_string(&a.codes).map_err(|e| encode("codes", e))?;
                actor.execute(params![
                    file_id,
                    a.line as i64,
                    a.names.first().map_or("", String::as_str),
                    names_json,
                    codes_json,
                    a.comment
                ])?;
                let actor_id = tx.last_insert_rowid();
                for f in folded {
                    names += folded_name.execute(params![f, actor_id, file_id])? as u64;
                }
            }
            let mut agent = tx.prepare_cached(
                "INSERT INTO dict_agents (folded, term, plural, code, placement, file_id, line) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for (a, folded) in agents {
                let mut seen: Vec<&str> = Vec::with_capacity(folded.len());
                for f in folded {
                    if seen.contains(&f.as_str()) {
                        continue;
                    }
                    seen.push(f);
                    agent.execute(params![
                        f,
                        a.term,
                        a.plural,
                        a.code,
                        a.placement.as_str(),
                        file_id,
                        a.line as i64
                    ])?;
                    names += 1;
                }
            }
        }
        tx.commit()?;
        tracing::debug!(file = %name, entries, names, problems, "imported dictionary");
        Ok(ImportSummary {
            file: DictFile {
                name,
                path: path.to_string(),
                kind,
                hash: hash.to_string(),
                entries,
                problems,
                position: position as u64,
            },
            names,
            replaced: old.is_some(),
            unchanged: old.is_some_and(|(_, h)| h == hash),
        })
    }

    /// The actor entries with the folded name `folded`, in import order, then
    /// line order.
    pub fn dictionary_actors(&self, folded: &str) -> Result<Vec<(DictFile, DictActor)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.name, f.path, f.kind, f.hash, f.entries, f.problems, f.position, \
                    a.line, a.names, a.codes, a.comment \
             FROM dict_actor_names n \
             JOIN dict_actors a ON a.id = n.actor_id \
             JOIN dict_files f ON f.id = a.file_id \
             WHERE n.folded = ?1 \
             ORDER BY f.position, a.line",
        )?;
        let mut rows = stmt.query([folded])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let file = read_file(row)?;
            let line: i64 = row.get(7)?;
            let what = |col: &str| format!("dict_actors.{col} of {} line {line}", file.name);
            let actor = DictActor {
                line: line as u64,
                names: json_column(row, 8, || what("names"))?.unwrap_or_default(),
                codes: json_column(row, 9, || what("codes"))?.unwrap_or_default(),
                comment: row.get(10)?,
            };
            out.push((file, actor));
        }
        Ok(out)
    }

    /// The agent terms whose folded term or plural is `folded`, in import
    /// order, then line order.
    pub fn dictionary_agents(&self, folded: &str) -> Result<Vec<(DictFile, DictAgent)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.name, f.path, f.kind, f.hash, f.entries, f.problems, f.position, \
                    g.line, g.term, g.plural, g.code, g.placement \
             FROM dict_agents g \
             JOIN dict_files f ON f.id = g.file_id \
             WHERE g.folded = ?1 \
             ORDER BY f.position, g.line, g.term",
        )?;
        let mut rows = stmt.query([folded])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let file = read_file(row)?;
            let line: i64 = row.get(7)?;
            let placement: String = row.get(11)?;
            let agent = DictAgent {
                line: line as u64,
                term: row.get(8)?,
                plural: row.get(9)?,
                code: row.get(10)?,
                placement: Placement::parse(&placement)?,
            };
            out.push((file, agent));
        }
        Ok(out)
    }

    /// Every imported file, in import order.
    pub fn dictionaries(&self) -> Result<Vec<DictFile>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, path, kind, hash, entries, problems, position \
             FROM dict_files ORDER BY position",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(read_file(row)?);
        }
        Ok(out)
    }
}

/// A [`DictFile`] from columns 0–6 of a row.
fn read_file(row: &Row<'_>) -> Result<DictFile> {
    let kind: String = row.get(2)?;
    let count = |i| -> Result<u64> { Ok(row.get::<_, i64>(i)?.max(0) as u64) };
    Ok(DictFile {
        name: row.get(0)?,
        path: row.get(1)?,
        kind: DictKind::parse(&kind)?,
        hash: row.get(3)?,
        entries: count(4)?,
        problems: count(5)?,
        position: count(6)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn person() -> (DictActor, Vec<String>) {
        (
            DictActor {
                line: 3,
                names: vec!["Ana Marek".into(), "President Marek".into()],
                codes: vec![
                    DictCode {
                        code: "XYZGOV".into(),
                        from: Some(date(2005, 1, 1)),
                        to: Some(date(2010, 12, 31)),
                    },
                    DictCode {
                        code: "XYZELI".into(),
                        from: None,
                        to: None,
                    },
                ],
                comment: Some("invented".into()),
            },
            vec![
                "ana marek".into(),
                "president marek".into(),
                "ana marek".into(),
            ],
        )
    }

    fn agent() -> (DictAgent, Vec<String>) {
        (
            DictAgent {
                line: 1,
                term: "TAX COLLECTOR".into(),
                plural: Some("TAX COLLECTORS".into()),
                code: "GOV".into(),
                placement: Placement::Suffix,
            },
            vec!["tax collector".into(), "tax collectors".into()],
        )
    }

    #[test]
    fn import_stores_entries_and_finds_them_by_folded_name() {
        let mut store = Store::open_in_memory().unwrap();
        let s = store
            .import_dictionary(
                "dir/x.actors.txt",
                DictKind::Actors,
                "abc",
                &[person()],
                &[],
                2,
            )
            .unwrap();
        assert_eq!(s.file.name, "x.actors.txt");
        assert_eq!(s.file.entries, 1);
        assert_eq!(s.file.problems, 2);
        assert_eq!(s.names, 2, "a repeated folded name is stored once");
        assert!(!s.replaced);

        let found = store.dictionary_actors("president marek").unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0.path, "dir/x.actors.txt");
        assert_eq!(found[0].1, person().0);
        assert!(store.dictionary_actors("marek").unwrap().is_empty());
    }

    #[test]
    fn reimporting_a_file_name_replaces_its_entries() {
        let mut store = Store::open_in_memory().unwrap();
        let first = store
            .import_dictionary(
                "a/x.actors.txt",
                DictKind::Actors,
                "h1",
                &[person()],
                &[],
                0,
            )
            .unwrap();
        let second = store
            .import_dictionary(
                "a/x.actors.txt",
                DictKind::Actors,
                "h1",
                &[person()],
                &[],
                0,
            )
            .unwrap();
        assert!(second.replaced && second.unchanged);
        assert_eq!(first.names, second.names);
        assert_eq!(store.dictionary_actors("ana marek").unwrap().len(), 1);

        // Same file name from another directory, new content: replaces too.
        let mut other = person();
        other.0.codes.truncate(1);
        other.1 = vec!["someone else".into()];
        let third = store
            .import_dictionary("b/x.actors.txt", DictKind::Actors, "h2", &[other], &[], 0)
            .unwrap();
        assert!(third.replaced && !third.unchanged);
        assert!(store.dictionary_actors("ana marek").unwrap().is_empty());
        assert_eq!(store.dictionary_actors("someone else").unwrap().len(), 1);
        let files = store.dictionaries().unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, "b/x.actors.txt");
        assert_eq!(files[0].hash, "h2");
    }

    #[test]
    fn agents_are_found_by_term_and_plural() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .import_dictionary("x.actors.txt", DictKind::Actors, "h", &[person()], &[], 0)
            .unwrap();
        let s = store
            .import_dictionary("y.agents.txt", DictKind::Agents, "h", &[], &[agent()], 1)
            .unwrap();
        assert_eq!(s.names, 2);
        assert_eq!(s.file.position, 1);
        for form in ["tax collector", "tax collectors"] {
            let found = store.dictionary_agents(form).unwrap();
            assert_eq!(found.len(), 1, "{form}");
            assert_eq!(found[0].1, agent().0);
            assert_eq!(found[0].0.kind, DictKind::Agents);
        }
        let names: Vec<_> = store
            .dictionaries()
            .unwrap()
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(names, ["x.actors.txt", "y.agents.txt"]);
    }
}
