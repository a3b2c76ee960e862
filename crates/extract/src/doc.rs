//! The state of one article's resolution: the actors found so far, the
//! people named (for short forms and pronouns), and how each kind of actor
//! is built from the lexicon.

use std::collections::HashMap;

use jiff::civil::Date;
use sitrep_lexicon::{fold, Lexicon, Person};
use sitrep_model::{Actor, ActorId, ActorKind};

/// A person mentioned so far in the document.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    pub(crate) actor: usize,
    /// Folded short forms that may refer back to it.
    pub(crate) short: Vec<String>,
    pub(crate) gender: Option<char>,
    pub(crate) sentence: usize,
}

/// State of one document's resolution.
pub(crate) struct Doc<'a> {
    pub(crate) date: Option<Date>,
    pub(crate) actors: Vec<Actor>,
    pub(crate) index: HashMap<ActorId, usize>,
    pub(crate) people: Vec<Seen>,
    pub(crate) lex: &'a Lexicon,
}

pub(crate) const GROUP_NOUNS: [&str; 8] = [
    "leaders",
    "presidents",
    "ministers",
    "sides",
    "diplomats",
    "officials",
    "men",
    "women",
];

pub(crate) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

impl<'a> Doc<'a> {
    pub(crate) fn add(&mut self, actor: Actor) -> usize {
        if let Some(&i) = self.index.get(&actor.id) {
            return i;
        }
        self.index.insert(actor.id.clone(), self.actors.len());
        self.actors.push(actor);
        self.actors.len() - 1
    }

    pub(crate) fn person(&mut self, i: usize) -> usize {
        let lex = self.lex;
        let p = &lex.people()[i];
        let role = match self.date {
            Some(d) => lex.role_on(p, d),
            // Undated: the person's main role — the latest leading one, else the latest.
            None => p
                .roles
                .iter()
                .filter(|r| r.leader)
                .max_by_key(|r| r.start)
                .or_else(|| p.roles.iter().max_by_key(|r| r.start)),
        };
        let actor = Actor {
            id: ActorId(format!("person:{}", p.id)),
            name: p.name.clone(),
            kind: ActorKind::Person,
            country: Some(
                role.and_then(|r| r.country.clone())
                    .unwrap_or_else(|| p.country.clone()),
            ),
            cameo: role.map(|r| lex.role_code(p, r)),
            aliases: Vec::new(),
            role: role.map(|r| r.title.clone()),
            sector: role.map(|r| r.sector.clone()),
            lat: None,
            lon: None,
        };
        let a = self.add(actor);
        self.remember_person(
            a,
            short_forms(p),
            p.gender.as_deref().and_then(|g| g.chars().next()),
        );
        a
    }

    pub(crate) fn remember_person(
        &mut self,
        actor: usize,
        short: Vec<String>,
        gender: Option<char>,
    ) {
        if !self.people.iter().any(|s| s.actor == actor) {
            self.people.push(Seen {
                actor,
                short,
                gender,
                sentence: 0,
            });
        }
    }

    pub(crate) fn country(&mut self, i: usize) -> usize {
        let c = self.lex.country_at(i);
        self.add(Actor {
            id: ActorId(format!("country:{}", c.iso3)),
            name: c.name.clone(),
            kind: ActorKind::Country,
            country: Some(c.iso3.clone()),
            cameo: Some(c.cameo.clone()),
            aliases: Vec::new(),
            role: None,
            sector: None,
            lat: Some(c.lat),
            lon: Some(c.lon),
        })
    }

    pub(crate) fn government(&mut self, i: usize) -> usize {
        let c = self.lex.country_at(i);
        self.add(Actor {
            id: ActorId(format!("government:{}", c.iso3)),
            name: format!("Government of {}", c.name),
            kind: ActorKind::Organisation,
            country: Some(c.iso3.clone()),
            cameo: Some(format!("{}GOV", c.cameo)),
            aliases: Vec::new(),
            role: None,
            sector: Some("GOV".into()),
            lat: None,
            lon: None,
        })
    }

    pub(crate) fn org(&mut self, i: usize) -> usize {
        let o = &self.lex.orgs()[i];
        self.add(Actor {
            id: ActorId(format!("org:{}", o.id)),
            name: o.name.clone(),
            kind: if o.kind == "armed_group" {
                ActorKind::ArmedGroup
            } else {
                ActorKind::Organisation
            },
            country: o.country.clone(),
            cameo: Some(o.cameo.clone()),
            aliases: Vec::new(),
            role: None,
            sector: Some(o.sector.clone()),
            lat: None,
            lon: None,
        })
    }

    pub(crate) fn place(&mut self, i: usize) -> usize {
        let p = &self.lex.places()[i];
        self.add(Actor {
            id: ActorId(format!("place:{}", p.id)),
            name: p.name.clone(),
            kind: ActorKind::Place,
            country: p.country.clone(),
            cameo: None,
            aliases: Vec::new(),
            role: None,
            sector: None,
            lat: Some(p.lat),
            lon: Some(p.lon),
        })
    }

    /// A document-level identity for a name the lexicon does not know.
    pub(crate) fn new_actor(
        &mut self,
        surface: &str,
        kind: ActorKind,
        context: (Option<String>, Option<String>),
    ) -> usize {
        let (country, sector) = context;
        // One unknown name is one identity in a document, whatever the
        // tagger called it each time.
        let tail = format!(":~{}", slug(surface));
        if let Some(i) = self.actors.iter().position(|a| a.id.0.ends_with(&tail)) {
            return i;
        }
        let prefix = match kind {
            ActorKind::Person => "person",
            ActorKind::Place => "place",
            _ => "org",
        };
        let cameo = match (&country, &sector) {
            (Some(c), Some(s)) => {
                let code = self.lex.by_iso3(c).map_or(c.clone(), |x| x.cameo.clone());
                Some(format!("{code}{s}"))
            }
            (Some(c), None) => Some(self.lex.by_iso3(c).map_or(c.clone(), |x| x.cameo.clone())),
            _ => None,
        };
        let a = self.add(Actor {
            id: ActorId(format!("{prefix}:~{}", slug(surface))),
            name: surface.to_string(),
            kind,
            country,
            cameo,
            aliases: Vec::new(),
            role: None,
            sector,
            lat: None,
            lon: None,
        });
        if kind == ActorKind::Person {
            let last = surface.split_whitespace().last().unwrap_or(surface);
            self.remember_person(a, vec![fold(last)], None);
        }
        a
    }

    /// An earlier person whose short form is `key`.
    pub(crate) fn earlier_person(&self, key: &str) -> Option<usize> {
        self.people
            .iter()
            .rev()
            .find(|s| s.short.iter().any(|k| k == key))
            .map(|s| s.actor)
    }
}

/// Folded surnames and last words of a person's names.
pub(crate) fn short_forms(p: &Person) -> Vec<String> {
    let mut v: Vec<String> = p.surnames.iter().map(|s| fold(s)).collect();
    for n in std::iter::once(&p.name).chain(&p.aliases) {
        if let Some(last) = n.split_whitespace().last() {
            v.push(fold(last));
        }
    }
    v.sort();
    v.dedup();
    v
}
