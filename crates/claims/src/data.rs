//! The word lists of `data/claims.toml`, loaded into phrase tables.

use std::collections::HashMap;

use serde::Deserialize;
use sitrep_model::ClaimKind;

use crate::{Error, Result};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    kind: Vec<KindEntry>,
    people: Vec<String>,
    breakdown: Vec<String>,
    bound_verbs: BoundVerbs,
    hedges: Hedges,
    according: Vec<String>,
    reporting_verbs: Vec<String>,
    hypothetical: Vec<String>,
    negation: Vec<String>,
    subject_openers: Vec<String>,
    auxiliaries: Vec<String>,
    since: Vec<String>,
    locative: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KindEntry {
    name: String,
    triggers: Vec<String>,
    #[serde(default)]
    units: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BoundVerbs {
    more_than: Vec<String>,
    exact: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Hedges {
    at_least: Vec<String>,
    at_most: Vec<String>,
    less_than: Vec<String>,
}

/// A set of phrases (word sequences) with a value each, indexed by first word.
#[derive(Debug)]
pub(crate) struct Phrases<T> {
    by_first: HashMap<String, Vec<(Vec<String>, T)>>,
}

impl<T: Copy> Phrases<T> {
    fn add(&mut self, phrase: &str, value: T) {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        if let Some(first) = words.first().cloned() {
            let list = self.by_first.entry(first).or_default();
            list.push((words, value));
            // Longest first, so a match is the longest phrase at a position.
            list.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        }
    }

    fn of(list: &[String], value: T) -> Self {
        let mut p = Self {
            by_first: HashMap::new(),
        };
        for s in list {
            p.add(s, value);
        }
        p
    }

    /// The longest phrase starting at word `i`: its length and value.
    pub(crate) fn at(&self, words: &[String], i: usize) -> Option<(usize, T)> {
        let list = self.by_first.get(words.get(i)?)?;
        list.iter()
            .find(|(p, _)| words.len() >= i + p.len() && words[i..i + p.len()] == p[..])
            .map(|(p, v)| (p.len(), *v))
    }

    /// The longest phrase ending just before word `end`: its length and value.
    pub(crate) fn ending_at(&self, words: &[String], end: usize) -> Option<(usize, T)> {
        (1..=end.min(6))
            .rev()
            .filter_map(|n| self.at(words, end - n).filter(|(len, _)| *len == n))
            .next()
    }
}

/// The bound a hedge or verb gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bound {
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    Exact,
}

/// The loaded tables.
pub(crate) struct Data {
    pub triggers: Phrases<ClaimKind>,
    /// Things a kind may count, for kinds that do not count people.
    pub units: HashMap<ClaimKind, Vec<String>>,
    pub people: Phrases<()>,
    pub breakdown: Phrases<()>,
    pub bound_verbs: Phrases<Bound>,
    pub hedges: Phrases<Bound>,
    pub according: Phrases<()>,
    pub reporting: Phrases<()>,
    pub hypothetical: Phrases<()>,
    pub negation: Phrases<()>,
    pub subject_openers: Phrases<()>,
    pub auxiliaries: Phrases<()>,
    pub since: Phrases<()>,
    pub locative: Phrases<()>,
}

impl Data {
    pub(crate) fn parse(src: &str) -> Result<Self> {
        let f: File = toml::from_str(src).map_err(|e| Error::Data(e.to_string()))?;
        let mut triggers = Phrases {
            by_first: HashMap::new(),
        };
        let mut units = HashMap::new();
        for k in &f.kind {
            let kind = ClaimKind::parse(&k.name)
                .ok_or_else(|| Error::Data(format!("unknown claim kind {:?}", k.name)))?;
            if k.triggers.is_empty() {
                return Err(Error::Data(format!("kind {:?} has no triggers", k.name)));
            }
            for t in &k.triggers {
                triggers.add(t, kind);
            }
            if !k.units.is_empty() {
                units.insert(kind, k.units.iter().map(|u| u.to_lowercase()).collect());
            }
        }
        let mut bound_verbs = Phrases::of(&f.bound_verbs.more_than, Bound::MoreThan);
        for v in &f.bound_verbs.exact {
            bound_verbs.add(v, Bound::Exact);
        }
        let mut hedges = Phrases::of(&f.hedges.at_least, Bound::AtLeast);
        for h in &f.hedges.at_most {
            hedges.add(h, Bound::AtMost);
        }
        for h in &f.hedges.less_than {
            hedges.add(h, Bound::LessThan);
        }
        Ok(Self {
            triggers,
            units,
            people: Phrases::of(&f.people, ()),
            breakdown: Phrases::of(&f.breakdown, ()),
            bound_verbs,
            hedges,
            according: Phrases::of(&f.according, ()),
            reporting: Phrases::of(&f.reporting_verbs, ()),
            hypothetical: Phrases::of(&f.hypothetical, ()),
            negation: Phrases::of(&f.negation, ()),
            subject_openers: Phrases::of(&f.subject_openers, ()),
            auxiliaries: Phrases::of(&f.auxiliaries, ()),
            since: Phrases::of(&f.since, ()),
            locative: Phrases::of(&f.locative, ()),
        })
    }
}
