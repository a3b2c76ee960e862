//! Users' own dictionaries in PETRARCH format, and a coder that uses them.
//!
//! Event-data users keep years of work in TABARI / PETRARCH dictionaries:
//! verbs with their patterns and synsets, actors with dated codes, agents,
//! discards. This crate reads all four (actors and agents through
//! [`sitrep_lexicon::phoenix`], verbs in [`verbs`], discards in
//! [`discards`]) and codes sentences with them: the sentence is split into
//! words the way the dictionaries spell them ([`words`]), tagged by sitrep's
//! tagger (part of speech only), its actors found and grouped ([`nouns`]) and
//! its verbs coded ([`code`]). There is no parser: subjects, objects,
//! passives and compounds come from word order and tags.
//!
//! Main types: [`Dictionaries`] (the four files), [`DictCoder`] (dictionaries
//! plus tagger), [`Outcome`] (events of a sentence, or why none).

pub mod code;
pub mod discards;
pub mod nouns;
pub mod verbs;
pub mod words;

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use sitrep_lexicon::phoenix;

pub use code::DictEvent;
pub use discards::{Discarded, Discards};
pub use nouns::Nouns;
pub use sitrep_lexicon::phoenix::Problem;
pub use verbs::Verbs;

/// Errors of loading dictionaries.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Tagger(#[from] sitrep_tagger::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

/// Paths of the four dictionary files (discards optional).
#[derive(Debug, Clone)]
pub struct Paths {
    pub verbs: PathBuf,
    pub actors: PathBuf,
    pub agents: PathBuf,
    pub discards: Option<PathBuf>,
}

/// The dictionaries, parsed.
#[derive(Debug, Clone)]
pub struct Dictionaries {
    pub verbs: Verbs,
    pub nouns: Nouns,
    pub discards: Discards,
    /// Lines skipped while reading, with file and line.
    pub problems: Vec<Problem>,
}

fn read(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

impl Dictionaries {
    /// Reads the files; bad lines are collected in `problems`, a missing
    /// file is an error naming it.
    pub fn load(paths: &Paths) -> Result<Dictionaries> {
        fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
            move |source| Error::Io {
                path: path.to_path_buf(),
                source,
            }
        }
        let (verbs, mut problems) =
            verbs::parse(&read(&paths.verbs)?, &paths.verbs.display().to_string());
        let actors = phoenix::load_actors(&paths.actors).map_err(io(&paths.actors))?;
        let agents = phoenix::load_agents(&paths.agents).map_err(io(&paths.agents))?;
        problems.extend(actors.problems);
        problems.extend(agents.problems);
        let discards = match &paths.discards {
            Some(p) => Discards::parse(&read(p)?),
            None => Discards::default(),
        };
        let open = open_names(&read(&paths.actors)?);
        Ok(Dictionaries {
            verbs,
            nouns: Nouns::new(actors.entries, agents.entries, &open),
            discards,
            problems,
        })
    }
}

/// Actor names written with spaces between their words (`ITHILEN
/// TELEVISION`, not `ITHILEN_TELEVISION`): in TABARI and PETRARCH such words
/// need not be next to each other. Upper case, one space apart.
fn open_names(text: &str) -> std::collections::HashSet<String> {
    phoenix::comment_free_lines(text)
        .into_iter()
        .filter_map(|(_, line)| {
            let name = line.split('[').next()?.trim();
            let name = name.strip_prefix('+').unwrap_or(name).trim();
            let words: Vec<&str> = name.split_whitespace().collect();
            (words.len() > 1 && !name.contains('_')).then(|| words.join(" ").to_uppercase())
        })
        .collect()
}

/// What coding a sentence gave.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    Coded {
        events: Vec<DictEvent>,
    },
    /// A discard phrase matched.
    Discarded {
        level: Discarded,
    },
    /// The sentence opens with a dateline ("CITY: --"), not news text.
    Dateline,
}

impl Outcome {
    pub fn events(&self) -> &[DictEvent] {
        match self {
            Outcome::Coded { events } => events,
            _ => &[],
        }
    }
}

/// Dictionaries and the tagger that gives parts of speech.
pub struct DictCoder {
    pub dicts: Dictionaries,
    tagger: sitrep_tagger::Tagger,
}

impl DictCoder {
    pub fn new(dicts: Dictionaries) -> Result<DictCoder> {
        Ok(DictCoder {
            dicts,
            tagger: sitrep_tagger::Tagger::shipped()?,
        })
    }

    /// Codes one sentence as of `date` (for dated actor codes).
    pub fn code_sentence(&self, sentence: &str, date: Date) -> Outcome {
        let words = words::split(sentence);
        let keys: Vec<&str> = words.iter().map(|w| w.key.as_str()).collect();
        if keys.is_empty() {
            return Outcome::Coded { events: Vec::new() };
        }
        if opens_with_dateline(&words) {
            return Outcome::Dateline;
        }
        if let Some(level) = self.dicts.discards.check(&keys) {
            return Outcome::Discarded { level };
        }
        let s = self.prepare(&words, date);
        Outcome::Coded {
            events: code::code(&self.dicts.verbs, &s),
        }
    }

    /// The words of a sentence with their tags, and its actor groups (for
    /// checking why a sentence coded what it did).
    pub fn explain(&self, sentence: &str, date: Date) -> String {
        let words = words::split(sentence);
        let s = self.prepare(&words, date);
        let mut out: Vec<String> = s
            .keys
            .iter()
            .zip(&s.tags)
            .map(|(k, t)| format!("{k}/{t}"))
            .collect();
        for g in &s.groups {
            out.push(format!("[{}..{} {}]", g.start, g.end, g.codes.join(" ")));
        }
        out.join(" ")
    }

    /// A split sentence tagged, its actors grouped: what the coder reads.
    fn prepare<'a>(&'a self, words: &'a [words::Word], date: Date) -> code::Sentence<'a> {
        let keys: Vec<&str> = words.iter().map(|w| w.key.as_str()).collect();
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        let tags = self.tagger.tag(&texts).pos;
        let groups = self.dicts.nouns.groups(&keys, &tags, date);
        let spans = words.iter().map(|w| (w.start, w.end)).collect();
        code::Sentence::new(keys, tags, spans, groups)
    }

    /// Codes each sentence of a text: (byte span of the sentence, outcome).
    pub fn code_text(&self, text: &str, date: Date) -> Vec<((usize, usize), Outcome)> {
        let seg = sitrep_text::segment(text);
        seg.sentences
            .iter()
            .map(|s| {
                let (a, b) = (s.span.start as usize, s.span.end as usize);
                let mut o = self.code_sentence(&text[a..b], date);
                if let Outcome::Coded { events } = &mut o {
                    for e in events {
                        e.trigger = (e.trigger.0 + a, e.trigger.1 + a);
                    }
                }
                ((a, b), o)
            })
            .collect()
    }
}

/// "CEBU CITY: -- ..." — upper-case words, a colon, then dashes.
fn opens_with_dateline(words: &[words::Word]) -> bool {
    let caps = words
        .iter()
        .take_while(|w| {
            w.text.chars().any(char::is_alphabetic) && w.text.chars().all(|c| !c.is_lowercase())
        })
        .count();
    caps > 0
        && words.get(caps).is_some_and(|w| w.text == ":")
        && words.get(caps + 1).is_some_and(|w| w.text.starts_with('-'))
}
