//! `sitrep lexicon import FILE...` stores PETRARCH / Phoenix actor and agent
//! dictionaries in the database; `sitrep lexicon lookup NAME` says what the
//! shipped lexicon and the imported dictionaries know about a name on a date,
//! and which code answers.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use jiff::civil::Date;
use serde::Serialize;
use sitrep_lexicon::phoenix::{self, ActorEntry, AgentEntry, AgentPlacement, DatedCode};
use sitrep_lexicon::{fold, Found, Lexicon};
use sitrep_store::{DictActor, DictAgent, DictCode, DictKind, ImportSummary, Placement, Store};

/// Problems printed per file; the rest are counted.
const SHOWN_PROBLEMS: usize = 5;

#[derive(clap::Subcommand, Debug)]
pub enum LexiconCommand {
    /// Import PETRARCH / Phoenix dictionaries (`*.actors.txt`, `*.agents.txt`) into
    /// the database; a file imported before under the same file name is replaced.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Read every file as this kind [default: `agents` when the file name
        /// contains "agents", else `actors`].
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        /// Print the summary as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// What the shipped lexicon and the imported dictionaries say about a name
    /// on a date, and the code that answers.
    Lookup {
        name: String,
        /// The date (YYYY-MM-DD) [default: today].
        #[arg(long)]
        date: Option<Date>,
        #[arg(long)]
        json: bool,
    },
}

/// The kind of a dictionary file.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Actors,
    Agents,
}

pub fn run(cmd: LexiconCommand, db: &Path) -> anyhow::Result<ExitCode> {
    match cmd {
        LexiconCommand::Import { files, kind, json } => import(db, &files, kind, json),
        LexiconCommand::Lookup { name, date, json } => {
            lookup(db, &name, date, json)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

// ------------------------------------------------------------------ import

/// One file's line of the import summary.
#[derive(Debug, Serialize)]
struct FileReport {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    imported: Option<ImportSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct ImportReport {
    files: Vec<FileReport>,
    imported: usize,
    failed: usize,
    entries: u64,
    problems: u64,
}

fn import(
    db: &Path,
    files: &[PathBuf],
    kind: Option<Kind>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let mut store = Store::open(db)?;
    let mut reports = Vec::with_capacity(files.len());
    for path in files {
        let label = path.display().to_string();
        let kind = kind.unwrap_or_else(|| guess_kind(path));
        let started = std::time::Instant::now();
        match import_one(&mut store, path, &label, kind) {
            Ok(summary) => {
                if !json {
                    outln!(
                        "{label}: {} {}, {} names, {} problem(s){} in {:.2} s",
                        summary.file.entries,
                        match summary.file.kind {
                            DictKind::Actors => "actor entries",
                            DictKind::Agents => "agent terms",
                        },
                        summary.names,
                        summary.file.problems,
                        match (summary.replaced, summary.unchanged) {
                            (true, true) => "; replaced the earlier import (same content)",
                            (true, false) => "; replaced the earlier import",
                            _ => "",
                        },
                        started.elapsed().as_secs_f64()
                    );
                }
                reports.push(FileReport {
                    path: label,
                    imported: Some(summary),
                    error: None,
                });
            }
            Err(ImportError::Read(e)) => {
                eprintln!("sitrep: cannot read {label}: {e}");
                reports.push(FileReport {
                    path: label,
                    imported: None,
                    error: Some(e.to_string()),
                });
            }
            Err(ImportError::Store(e)) => {
                return Err(e).with_context(|| format!("storing {label} in {}", db.display()))
            }
        }
    }
    let done: Vec<&ImportSummary> = reports.iter().filter_map(|r| r.imported.as_ref()).collect();
    let (imported, entries, problems) = (
        done.len(),
        done.iter().map(|s| s.file.entries).sum(),
        done.iter().map(|s| s.file.problems).sum(),
    );
    let report = ImportReport {
        failed: reports.len() - imported,
        files: reports,
        imported,
        entries,
        problems,
    };
    if json {
        outln!("{}", serde_json::to_string(&report)?);
    } else {
        outln!(
            "imported {} file(s), {} entries, {} problem(s) (lines skipped){} into {}",
            report.imported,
            report.entries,
            report.problems,
            if report.failed > 0 {
                format!("; {} file(s) could not be read", report.failed)
            } else {
                String::new()
            },
            db.display()
        );
    }
    Ok(if report.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn guess_kind(path: &Path) -> Kind {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name.contains("agents") {
        Kind::Agents
    } else {
        Kind::Actors
    }
}

enum ImportError {
    Read(std::io::Error),
    Store(sitrep_store::Error),
}

fn import_one(
    store: &mut Store,
    path: &Path,
    label: &str,
    kind: Kind,
) -> Result<ImportSummary, ImportError> {
    let bytes = std::fs::read(path).map_err(ImportError::Read)?;
    let hash = blake3::hash(&bytes).to_hex().to_string();
    drop(bytes);
    let (actors, agents, problems) = match kind {
        Kind::Actors => {
            let parsed = phoenix::load_actors(path).map_err(ImportError::Read)?;
            let actors: Vec<_> = parsed.entries.iter().map(to_dict_actor).collect();
            (actors, Vec::new(), parsed.problems)
        }
        Kind::Agents => {
            let parsed = phoenix::load_agents(path).map_err(ImportError::Read)?;
            let agents: Vec<_> = parsed.entries.iter().map(to_dict_agent).collect();
            (Vec::new(), agents, parsed.problems)
        }
    };
    for p in problems.iter().take(SHOWN_PROBLEMS) {
        eprintln!("{p}");
    }
    if problems.len() > SHOWN_PROBLEMS {
        eprintln!(
            "{label}: {} more problem(s) not shown",
            problems.len() - SHOWN_PROBLEMS
        );
    }
    let dict_kind = match kind {
        Kind::Actors => DictKind::Actors,
        Kind::Agents => DictKind::Agents,
    };
    store
        .import_dictionary(
            label,
            dict_kind,
            &hash,
            &actors,
            &agents,
            problems.len() as u64,
        )
        .map_err(ImportError::Store)
}

fn to_dict_actor(e: &ActorEntry) -> (DictActor, Vec<String>) {
    let actor = DictActor {
        line: e.line as u64,
        names: e.names.clone(),
        codes: e
            .codes
            .iter()
            .map(|c| DictCode {
                code: c.code.clone(),
                from: c.from,
                to: c.to,
            })
            .collect(),
        comment: e.comment.clone(),
    };
    let folded = e.names.iter().map(|n| fold(n)).collect();
    (actor, folded)
}

fn to_dict_agent(e: &AgentEntry) -> (DictAgent, Vec<String>) {
    let agent = DictAgent {
        line: e.line as u64,
        term: e.term.clone(),
        plural: e.plural.clone(),
        code: e.code.clone(),
        placement: match e.placement {
            AgentPlacement::Prefix => Placement::Prefix,
            AgentPlacement::Suffix => Placement::Suffix,
        },
    };
    let folded = std::iter::once(&e.term)
        .chain(e.plural.as_ref())
        .map(|t| fold(t))
        .collect();
    (agent, folded)
}

/// The code of an imported actor on `date`, by the importer's rule
/// ([`ActorEntry::code_on`]: the shortest dated interval covering the date,
/// else the undated default).
fn code_on(actor: &DictActor, date: Date) -> Option<String> {
    let entry = ActorEntry {
        names: actor.names.clone(),
        codes: actor
            .codes
            .iter()
            .map(|c| DatedCode {
                code: c.code.clone(),
                from: c.from,
                to: c.to,
            })
            .collect(),
        comment: actor.comment.clone(),
        line: actor.line as usize,
    };
    entry.code_on(date).map(str::to_string)
}

// ------------------------------------------------------------------ lookup

/// One imported entry matching the name.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Imported {
    Actor {
        file: String,
        path: String,
        #[serde(flatten)]
        actor: DictActor,
        /// The code on the date (the undated default when no dated code covers it).
        code_on_date: Option<String>,
    },
    Agent {
        file: String,
        path: String,
        #[serde(flatten)]
        agent: DictAgent,
    },
}

/// Where the answer comes from.
#[derive(Debug, Serialize)]
#[serde(tag = "from", rename_all = "snake_case")]
enum Source {
    /// The shipped lexicon: the kind and id of its entry.
    Shipped { kind: &'static str, id: String },
    /// An imported dictionary file (file name, path as imported, line).
    Imported {
        file: String,
        path: String,
        line: u64,
    },
}

#[derive(Debug, Serialize)]
struct Answer {
    code: Option<String>,
    description: Option<String>,
    source: Option<Source>,
}

#[derive(Debug, Serialize)]
struct LookupReport {
    name: String,
    date: Date,
    /// No `--date` was given: the date is today's.
    date_is_today: bool,
    shipped: Vec<Found>,
    imported: Vec<Imported>,
    answer: Answer,
}

fn lookup(db: &Path, name: &str, date: Option<Date>, json: bool) -> anyhow::Result<()> {
    let date_is_today = date.is_none();
    let date = date.unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let lex = Lexicon::shipped().context("loading the shipped lexicon")?;
    let shipped = lex.lookup(name, Some(date));

    let folded = fold(name);
    let mut imported = Vec::new();
    // Looking a name up should not create a database.
    if db.exists() {
        let store = Store::open(db)?;
        for (file, actor) in store.dictionary_actors(&folded)? {
            imported.push(Imported::Actor {
                code_on_date: code_on(&actor, date),
                file: file.name,
                path: file.path,
                actor,
            });
        }
        for (file, agent) in store.dictionary_agents(&folded)? {
            imported.push(Imported::Agent {
                file: file.name,
                path: file.path,
                agent,
            });
        }
    }

    let from_shipped = shipped.iter().find_map(|f| {
        f.cameo.clone().map(|code| {
            (
                code,
                Source::Shipped {
                    kind: f.kind,
                    id: f.id.clone(),
                },
            )
        })
    });
    let from_imported = || {
        imported.iter().find_map(|i| {
            let (file, path, line, code) = match i {
                Imported::Actor {
                    file,
                    path,
                    actor,
                    code_on_date,
                } => (file, path, actor.line, code_on_date.clone()?),
                Imported::Agent { file, path, agent } => {
                    (file, path, agent.line, agent.code.clone())
                }
            };
            Some((
                code,
                Source::Imported {
                    file: file.clone(),
                    path: path.clone(),
                    line,
                },
            ))
        })
    };
    let answer = match from_shipped.or_else(from_imported) {
        Some((code, source)) => Answer {
            description: Some(describe(&lex, &code)),
            code: Some(code),
            source: Some(source),
        },
        None => Answer {
            code: None,
            description: None,
            source: None,
        },
    };
    let report = LookupReport {
        name: name.to_string(),
        date,
        date_is_today,
        shipped,
        imported,
        answer,
    };
    if json {
        outln!("{}", serde_json::to_string(&report)?);
    } else {
        print_human(&report, db)?;
    }
    Ok(())
}

/// A CAMEO code in words: the first three letters a country's code → its name,
/// each three-letter group an agent code → its label, other groups as they are
/// (`RUSGOV` → "Russia, government"). A code that is not made of three-letter
/// groups, or of which no group is known, is returned as is.
fn describe(lex: &Lexicon, code: &str) -> String {
    if code.is_empty()
        || !code.as_bytes().chunks_exact(3).remainder().is_empty()
        || !code.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return code.to_string();
    }
    let countries: HashMap<&str, &str> = lex
        .countries()
        .iter()
        .rev() // the first country listed with a code wins
        .map(|c| (c.cameo.as_str(), c.name.as_str()))
        .collect();
    let agents: HashMap<&str, &str> = lex
        .agents()
        .iter()
        .rev()
        .map(|a| (a.code.as_str(), a.label.as_str()))
        .collect();
    let mut known = false;
    let parts: Vec<&str> = (0..code.len())
        .step_by(3)
        .map(|i| {
            let group = &code[i..i + 3];
            let word = if i == 0 {
                countries.get(group).or_else(|| agents.get(group))
            } else {
                agents.get(group)
            };
            known |= word.is_some();
            word.copied().unwrap_or(group)
        })
        .collect();
    if known {
        parts.join(", ")
    } else {
        code.to_string()
    }
}

fn print_human(r: &LookupReport, db: &Path) -> anyhow::Result<()> {
    let when = if r.date_is_today {
        format!("{} (today; choose another with --date)", r.date)
    } else {
        r.date.to_string()
    };
    outln!("{} on {when}", r.name);
    outln!("shipped lexicon:");
    if r.shipped.is_empty() {
        outln!("  nothing");
    }
    for f in &r.shipped {
        let mut line = format!("  {} {} \"{}\" (by {})", f.kind, f.id, f.name, f.matched_as);
        if let Some(role) = &f.role {
            let end = f.role_end.map_or("".to_string(), |d| d.to_string());
            let start = f.role_start.map_or("".to_string(), |d| d.to_string());
            line.push_str(&format!(", {role} {start}–{end}"));
        }
        match &f.cameo {
            Some(c) => line.push_str(&format!(": {c}")),
            None if f.kind == "person" => line.push_str(": no role on this date"),
            None => line.push_str(": no code"),
        }
        outln!("{line}");
    }
    outln!("imported dictionaries ({}):", db.display());
    if r.imported.is_empty() {
        outln!("  nothing");
    }
    for i in &r.imported {
        match i {
            Imported::Actor {
                file,
                actor,
                code_on_date,
                ..
            } => {
                let codes: Vec<String> = actor.codes.iter().map(code_block).collect();
                outln!(
                    "  {file}:{} \"{}\" {}: {}",
                    actor.line,
                    actor.names.first().map_or("", String::as_str),
                    codes.join(" "),
                    code_on_date.as_deref().unwrap_or("no code on this date")
                );
            }
            Imported::Agent { file, agent, .. } => {
                let code = match agent.placement {
                    Placement::Suffix => format!("~{}", agent.code),
                    Placement::Prefix => format!("{}~", agent.code),
                };
                outln!("  {file}:{} agent \"{}\": [{code}]", agent.line, agent.term);
            }
        }
    }
    match (&r.answer.code, &r.answer.source) {
        (Some(code), Some(source)) => {
            let from = match source {
                Source::Shipped { kind, id } => format!("the shipped lexicon ({kind} {id})"),
                Source::Imported { file, line, .. } => format!("{file} line {line}"),
            };
            outln!(
                "answer: {code} ({}) from {from}",
                r.answer.description.as_deref().unwrap_or(code)
            );
        }
        _ => outln!("answer: none"),
    }
    Ok(())
}

/// A dated code as the dictionaries write it, with full dates: `[RUSGOV 2000-05-07..2008-05-07]`.
fn code_block(c: &DictCode) -> String {
    match (c.from, c.to) {
        (None, None) => format!("[{}]", c.code),
        (Some(f), None) => format!("[{} >{f}]", c.code),
        (None, Some(t)) => format!("[{} <={t}]", c.code),
        (Some(f), Some(t)) => format!("[{} {f}..{t}]", c.code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_described_in_words() {
        let lex = Lexicon::shipped().unwrap();
        assert_eq!(describe(&lex, "RUSGOV"), "Russia, government");
        assert_eq!(describe(&lex, "USA"), "United States");
        assert_eq!(describe(&lex, "XQZ"), "XQZ");
        assert_eq!(describe(&lex, "RUSGOVXQZ"), "Russia, government, XQZ");
        assert_eq!(describe(&lex, "AAA/BBB"), "AAA/BBB");
    }
}
