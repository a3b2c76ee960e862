//! The actor lexicon: readable data files written by the team from public
//! facts, loaded into typed tables, plus an importer for the field's
//! PETRARCH/Phoenix dictionaries ([`phoenix`]).
//!
//! * [`Country`] — `data/countries.toml`: ISO 3166 alpha-3 and CAMEO codes,
//!   names, aliases, demonyms, capital, government metonyms ("the Kremlin"),
//!   region and capital coordinates.
//! * [`Person`] with dated [`Role`]s — `data/people/*.toml`.
//! * [`Org`] — `data/orgs.toml`; [`Agent`] (CAMEO sector terms) —
//!   `data/agents.toml`; [`Place`] — `data/places.toml`; given names —
//!   `data/given_names.txt`.
//! * [`Lexicon`] — the loaded tables with one name index over all of them
//!   ([`Lexicon::lookup`], [`Lexicon::entries`]), case- and
//!   diacritics-insensitive, and office holders by date
//!   ([`Lexicon::holder`], [`Lexicon::leader`]).

pub mod phoenix;
mod tables;

pub use tables::{plural, Agent, Office, Org, Person, Place, Role};

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

/// One country or territory.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub iso3: String,
    pub cameo: String,
    pub name: String,
    pub official: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
    pub capital: String,
    #[serde(default)]
    pub government: Vec<String>,
    pub region: String,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryFile {
    country: Vec<Country>,
}

/// Errors in lexicon data.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{file}: {source}")]
    Toml {
        file: &'static str,
        #[source]
        source: toml::de::Error,
    },
    #[error("{file}: {detail}")]
    Invalid { file: &'static str, detail: String },
}

pub type Result<T> = std::result::Result<T, Error>;

/// How a name matched a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryMatch {
    /// The country's name, official name or an alias.
    Name,
    /// A demonym or adjective ("Iranian").
    Demonym,
    /// A metonym for its government ("the Kremlin", "Tehran").
    Government,
}

/// What a gazetteer phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PhraseKind {
    Person,
    Surname,
    GivenName,
    Org,
    Place,
}

/// One thing a name can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Country(usize, CountryMatch),
    /// A person by full name or alias (`false`) or by surname alone (`true`).
    Person(usize, bool),
    Org(usize),
    Place(usize),
    /// A CAMEO agent term.
    Agent(usize),
}

/// The loaded lexicon.
#[derive(Debug, Default)]
pub struct Lexicon {
    countries: Vec<Country>,
    people: Vec<Person>,
    orgs: Vec<Org>,
    agents: Vec<Agent>,
    places: Vec<Place>,
    given_names: HashSet<String>,
    index: HashMap<String, Vec<Entry>>,
    /// References that do not resolve (role org ids, place countries…).
    problems: Vec<String>,
}

/// The shipped people files.
const PEOPLE: [(&str, &str); 3] = [
    (
        "people/europe_americas.toml",
        include_str!("../data/people/europe_americas.toml"),
    ),
    (
        "people/middle_east_africa.toml",
        include_str!("../data/people/middle_east_africa.toml"),
    ),
    (
        "people/asia_oceania_igo.toml",
        include_str!("../data/people/asia_oceania_igo.toml"),
    ),
];

fn parse<T: serde::de::DeserializeOwned>(file: &'static str, src: &str) -> Result<T> {
    toml::from_str(src).map_err(|source| Error::Toml { file, source })
}

/// One person listed in two files (a national leader who later headed an
/// international body, say) is one person: names and roles are merged into
/// the first listing.
fn merge_people(people: Vec<Person>) -> Vec<Person> {
    let mut out: Vec<Person> = Vec::with_capacity(people.len());
    let mut at: HashMap<String, usize> = HashMap::new();
    for p in people {
        match at.get(&p.id) {
            Some(&i) => {
                let first = &mut out[i];
                for a in p.aliases {
                    if !first.aliases.contains(&a) && a != first.name {
                        first.aliases.push(a);
                    }
                }
                for s in p.surnames {
                    if !first.surnames.contains(&s) {
                        first.surnames.push(s);
                    }
                }
                for r in p.roles {
                    if !first.roles.contains(&r) {
                        first.roles.push(r);
                    }
                }
            }
            None => {
                at.insert(p.id.clone(), out.len());
                out.push(p);
            }
        }
    }
    out
}

/// What [`Lexicon::lookup`] found for a name on a date.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Found {
    /// `country`, `person`, `org`, `place` or `agent`.
    pub kind: &'static str,
    pub id: String,
    pub name: String,
    /// How the name matched: `name`, `alias`, `surname`, `demonym`, `government`, `term`.
    pub matched_as: &'static str,
    /// ISO alpha-3 country, where there is one.
    pub country: Option<String>,
    /// CAMEO actor code on the date (`RUSGOV`), where the lexicon knows it.
    pub cameo: Option<String>,
    /// The role held on the date, for people.
    pub role: Option<String>,
    pub role_start: Option<Date>,
    pub role_end: Option<Date>,
}

/// Lower case, diacritics removed, white space collapsed, a leading "the " dropped.
pub fn fold(name: &str) -> String {
    let stripped: String = name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect();
    let collapsed = stripped.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .strip_prefix("the ")
        .map_or(collapsed.clone(), str::to_string)
}

impl Lexicon {
    /// The lexicon shipped in `data/`.
    pub fn shipped() -> Result<Self> {
        let mut lex = Self::from_countries_toml(include_str!("../data/countries.toml"))?;
        for (file, src) in PEOPLE {
            let f: tables::PeopleFile = parse(file, src)?;
            lex.people.extend(f.person);
        }
        lex.people = merge_people(std::mem::take(&mut lex.people));
        let orgs: tables::OrgFile = parse("orgs.toml", include_str!("../data/orgs.toml"))?;
        lex.orgs = orgs.org;
        let agents: tables::AgentFile = parse("agents.toml", include_str!("../data/agents.toml"))?;
        lex.agents = agents.agent;
        let places: tables::PlaceFile = parse("places.toml", include_str!("../data/places.toml"))?;
        lex.places = places.place;
        lex.given_names = include_str!("../data/given_names.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(fold)
            .collect();
        lex.build()?;
        Ok(lex)
    }

    /// Checks ids and builds the name index.
    fn build(&mut self) -> Result<()> {
        let unique = |file: &'static str, ids: Vec<&str>| -> Result<()> {
            let mut seen = HashSet::new();
            for id in ids {
                if !seen.insert(id) {
                    return Err(Error::Invalid {
                        file,
                        detail: format!("id {id} appears twice"),
                    });
                }
            }
            Ok(())
        };
        unique(
            "people/*.toml",
            self.people.iter().map(|p| p.id.as_str()).collect(),
        )?;
        unique(
            "orgs.toml",
            self.orgs.iter().map(|o| o.id.as_str()).collect(),
        )?;
        unique(
            "places.toml",
            self.places.iter().map(|p| p.id.as_str()).collect(),
        )?;
        let orgs: HashSet<&str> = self.orgs.iter().map(|o| o.id.as_str()).collect();
        let countries: HashSet<&str> = self.countries.iter().map(|c| c.iso3.as_str()).collect();
        let mut problems = Vec::new();
        for p in &self.people {
            if !countries.contains(p.country.as_str()) {
                problems.push(format!("person {}: unknown country {}", p.id, p.country));
            }
            for r in &p.roles {
                if let Some(o) = &r.org {
                    if !orgs.contains(o.as_str()) {
                        problems.push(format!("person {}: unknown org {o}", p.id));
                    }
                }
                if let Some(c) = &r.country {
                    if !countries.contains(c.as_str()) {
                        problems.push(format!("person {}: unknown country {c}", p.id));
                    }
                }
                if r.end.is_some_and(|e| e < r.start) {
                    problems.push(format!(
                        "person {}: role {} ends before it starts",
                        p.id, r.title
                    ));
                }
            }
        }
        for o in &self.orgs {
            if let Some(par) = &o.parent {
                if !orgs.contains(par.as_str()) {
                    problems.push(format!("org {}: unknown parent {par}", o.id));
                }
            }
        }
        for pl in &self.places {
            if let Some(c) = &pl.country {
                if !countries.contains(c.as_str()) {
                    problems.push(format!("place {}: unknown country {c}", pl.id));
                }
            }
        }
        self.problems = problems;

        let mut index: HashMap<String, Vec<Entry>> = HashMap::new();
        let mut put = |name: &str, e: Entry| {
            let v = index.entry(fold(name)).or_default();
            if !v.contains(&e) {
                v.push(e);
            }
        };
        for (i, c) in self.countries.iter().enumerate() {
            for n in std::iter::once(&c.name)
                .chain([&c.official])
                .chain(&c.aliases)
            {
                put(n, Entry::Country(i, CountryMatch::Name));
            }
            for n in &c.demonyms {
                put(n, Entry::Country(i, CountryMatch::Demonym));
            }
            for n in &c.government {
                put(n, Entry::Country(i, CountryMatch::Government));
            }
        }
        for (i, p) in self.people.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                put(n, Entry::Person(i, false));
            }
            for n in &p.surnames {
                put(n, Entry::Person(i, true));
            }
        }
        for (i, o) in self.orgs.iter().enumerate() {
            for n in std::iter::once(&o.name).chain(&o.aliases) {
                put(n, Entry::Org(i));
            }
        }
        for (i, p) in self.places.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                put(n, Entry::Place(i));
            }
        }
        for (i, a) in self.agents.iter().enumerate() {
            for t in &a.terms {
                put(t, Entry::Agent(i));
                if !t.ends_with('s') {
                    put(&plural(t), Entry::Agent(i));
                }
            }
        }
        self.index = index;
        Ok(())
    }

    /// Everything a name can refer to (full names before surnames).
    pub fn entries(&self, name: &str) -> &[Entry] {
        self.index.get(&fold(name)).map_or(&[], Vec::as_slice)
    }

    /// Every name as written in the data (countries, demonyms, seats of
    /// power, people and their surnames, organisations, places), for
    /// building matchers; agent terms are not included.
    pub fn surface_names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in &self.countries {
            out.push(&c.name);
            out.push(&c.official);
            out.extend(c.aliases.iter().map(String::as_str));
            out.extend(c.demonyms.iter().map(String::as_str));
            out.extend(c.government.iter().map(String::as_str));
        }
        for p in &self.people {
            out.push(&p.name);
            out.extend(p.aliases.iter().map(String::as_str));
            out.extend(p.surnames.iter().map(String::as_str));
        }
        for o in &self.orgs {
            out.push(&o.name);
            out.extend(o.aliases.iter().map(String::as_str));
        }
        for p in &self.places {
            out.push(&p.name);
            out.extend(p.aliases.iter().map(String::as_str));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    pub fn country_at(&self, i: usize) -> &Country {
        &self.countries[i]
    }

    /// All indexed names (folded), for building matchers.
    pub fn names(&self) -> impl Iterator<Item = (&str, &[Entry])> {
        self.index.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Whether a word is a known given name (folded comparison).
    pub fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains(&fold(word))
    }

    pub fn people(&self) -> &[Person] {
        &self.people
    }

    pub fn orgs(&self) -> &[Org] {
        &self.orgs
    }

    pub fn agents(&self) -> &[Agent] {
        &self.agents
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// References in the data that do not resolve.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    pub fn org_by_id(&self, id: &str) -> Option<&Org> {
        self.orgs.iter().find(|o| o.id == id)
    }

    /// The role a person held on a date: a leader role first, then any other.
    pub fn role_on<'a>(&self, person: &'a Person, date: Date) -> Option<&'a Role> {
        let mut covering = person.roles.iter().filter(|r| r.covers(date));
        let all: Vec<&Role> = covering.by_ref().collect();
        all.iter()
            .find(|r| r.leader)
            .or_else(|| all.first())
            .copied()
    }

    /// The CAMEO actor code of a role: the org's code, or country + sector.
    pub fn role_code(&self, person: &Person, role: &Role) -> String {
        if let Some(org) = role.org.as_deref().and_then(|o| self.org_by_id(o)) {
            return org.cameo.clone();
        }
        let country = role.country.as_deref().unwrap_or(&person.country);
        let cameo = self
            .by_iso3(country)
            .map_or(country.to_string(), |c| c.cameo.clone());
        format!("{cameo}{}", role.sector)
    }

    /// Who held an office in a country on a date.
    pub fn holder(&self, country: &str, office: Office, date: Date) -> Option<(&Person, &Role)> {
        self.people.iter().find_map(|p| {
            p.roles
                .iter()
                .find(|r| {
                    r.office == office
                        && r.org.is_none()
                        && r.country.as_deref().unwrap_or(&p.country) == country
                        && r.covers(date)
                })
                .map(|r| (p, r))
        })
    }

    /// The country's leader on a date (the role marked `leader`).
    pub fn leader(&self, country: &str, date: Date) -> Option<(&Person, &Role)> {
        self.people.iter().find_map(|p| {
            p.roles
                .iter()
                .find(|r| {
                    r.leader
                        && r.org.is_none()
                        && r.country.as_deref().unwrap_or(&p.country) == country
                        && r.covers(date)
                })
                .map(|r| (p, r))
        })
    }

    /// Everything the shipped lexicon says about a name on a date, best first.
    pub fn lookup(&self, name: &str, date: Option<Date>) -> Vec<Found> {
        let mut out = Vec::new();
        for e in self.entries(name) {
            out.push(match *e {
                Entry::Country(i, how) => {
                    let c = &self.countries[i];
                    let (matched_as, cameo) = match how {
                        CountryMatch::Name => ("name", c.cameo.clone()),
                        CountryMatch::Demonym => ("demonym", c.cameo.clone()),
                        CountryMatch::Government => ("government", format!("{}GOV", c.cameo)),
                    };
                    Found {
                        kind: "country",
                        id: c.iso3.clone(),
                        name: c.name.clone(),
                        matched_as,
                        country: Some(c.iso3.clone()),
                        cameo: Some(cameo),
                        role: None,
                        role_start: None,
                        role_end: None,
                    }
                }
                Entry::Person(i, surname) => {
                    let p = &self.people[i];
                    let role = date.and_then(|d| self.role_on(p, d));
                    Found {
                        kind: "person",
                        id: p.id.clone(),
                        name: p.name.clone(),
                        matched_as: if surname {
                            "surname"
                        } else if fold(&p.name) == fold(name) {
                            "name"
                        } else {
                            "alias"
                        },
                        country: Some(p.country.clone()),
                        cameo: role.map(|r| self.role_code(p, r)),
                        role: role.map(|r| r.title.clone()),
                        role_start: role.map(|r| r.start),
                        role_end: role.and_then(|r| r.end),
                    }
                }
                Entry::Org(i) => {
                    let o = &self.orgs[i];
                    Found {
                        kind: "org",
                        id: o.id.clone(),
                        name: o.name.clone(),
                        matched_as: if fold(&o.name) == fold(name) {
                            "name"
                        } else {
                            "alias"
                        },
                        country: o.country.clone(),
                        cameo: Some(o.cameo.clone()),
                        role: None,
                        role_start: None,
                        role_end: None,
                    }
                }
                Entry::Place(i) => {
                    let p = &self.places[i];
                    Found {
                        kind: "place",
                        id: p.id.clone(),
                        name: p.name.clone(),
                        matched_as: if fold(&p.name) == fold(name) {
                            "name"
                        } else {
                            "alias"
                        },
                        country: p.country.clone(),
                        cameo: None,
                        role: None,
                        role_start: None,
                        role_end: None,
                    }
                }
                Entry::Agent(i) => {
                    let a = &self.agents[i];
                    Found {
                        kind: "agent",
                        id: a.code.clone(),
                        name: a.label.clone(),
                        matched_as: "term",
                        country: None,
                        cameo: Some(a.code.clone()),
                        role: None,
                        role_start: None,
                        role_end: None,
                    }
                }
            });
        }
        out
    }

    /// A lexicon from a countries file of the shipped form.
    pub fn from_countries_toml(src: &str) -> Result<Self> {
        const FILE: &str = "countries.toml";
        let file: CountryFile =
            toml::from_str(src).map_err(|source| Error::Toml { file: FILE, source })?;
        let mut seen = std::collections::HashSet::new();
        for c in &file.country {
            if !seen.insert(c.iso3.clone()) {
                return Err(Error::Invalid {
                    file: FILE,
                    detail: format!("iso3 {} appears twice", c.iso3),
                });
            }
        }
        let mut lex = Self {
            countries: file.country,
            ..Default::default()
        };
        lex.build()?;
        Ok(lex)
    }

    /// All countries, sorted by ISO code.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The country a name, demonym or government metonym refers to (the
    /// first country listed that claims it, from the one name index).
    pub fn country(&self, name: &str) -> Option<(&Country, CountryMatch)> {
        self.entries(name).iter().find_map(|e| match *e {
            Entry::Country(i, how) => Some((&self.countries[i], how)),
            _ => None,
        })
    }

    /// Names for gazetteer features beyond the country table: people (full
    /// names and surnames), organisations and places.
    pub fn gazetteer_phrases(&self) -> Vec<(&str, PhraseKind)> {
        let mut out = Vec::new();
        for p in &self.people {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                out.push((n.as_str(), PhraseKind::Person));
            }
            for n in &p.surnames {
                out.push((n.as_str(), PhraseKind::Surname));
            }
        }
        for o in &self.orgs {
            for n in std::iter::once(&o.name).chain(&o.aliases) {
                out.push((n.as_str(), PhraseKind::Org));
            }
        }
        for p in &self.places {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                out.push((n.as_str(), PhraseKind::Place));
            }
        }
        for g in &self.given_names {
            out.push((g.as_str(), PhraseKind::GivenName));
        }
        out.sort_unstable();
        out
    }

    /// The country with an ISO 3166 alpha-3 code.
    pub fn by_iso3(&self, iso3: &str) -> Option<&Country> {
        self.countries
            .iter()
            .find(|c| c.iso3.eq_ignore_ascii_case(iso3))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("The  Kremlin"), "kremlin");
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
    }

    #[test]
    fn duplicate_codes_are_rejected() {
        let one = "[[country]]\niso3 = \"AAA\"\ncameo = \"AAA\"\nname = \"A\"\nofficial = \"A\"\ncapital = \"X\"\nregion = \"Europe\"\nlat = 0.0\nlon = 0.0\n";
        assert!(Lexicon::from_countries_toml(one).is_ok());
        let two = format!("{one}\n{one}");
        assert!(matches!(
            Lexicon::from_countries_toml(&two),
            Err(Error::Invalid { .. })
        ));
        assert!(matches!(
            Lexicon::from_countries_toml("x = 1"),
            Err(Error::Toml { .. })
        ));
    }
}
