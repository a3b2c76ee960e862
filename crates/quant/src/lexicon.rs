//! The word lists behind the rules, read once from `data/*.toml`.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use serde::Deserialize;

use crate::{Change, Error, Result};

const NUMBERS: &str = include_str!("../data/numbers.toml");
const HEDGES: &str = include_str!("../data/hedges.toml");
const UNITS: &str = include_str!("../data/units.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersFile {
    words: HashMap<String, f64>,
    scales: HashMap<String, f64>,
    suffixes: HashMap<String, f64>,
    spaced_suffixes: HashMap<String, f64>,
    fractions: HashMap<String, f64>,
    vague: HashMap<String, f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HedgesFile {
    hedges: HashMap<String, String>,
    movement: Movement,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Movement {
    up: Vec<String>,
    down: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordList {
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsFile {
    currency_prefix: HashMap<String, String>,
    symbols: HashMap<String, String>,
    words: HashMap<String, String>,
    stop: WordList,
    months: WordList,
    clock: WordList,
    name_before: WordList,
    street: WordList,
}

/// FNV-1a: the keys are short words, for which SipHash costs more than the lookup.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub(crate) type Map<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;
pub(crate) type Set = HashSet<String, BuildHasherDefault<Fnv>>;

/// Every table the rules consult. Keys of word tables are lower case; symbol
/// and suffix tables are case-sensitive.
pub(crate) struct Lexicon {
    pub words: Map<f64>,
    pub scales: Map<f64>,
    pub suffixes: Map<f64>,
    pub spaced_suffixes: Map<f64>,
    pub fractions: Map<f64>,
    pub vague: Map<f64>,
    pub hedges: Map<Change>,
    pub hedge_words: usize,
    pub movement: Map<Change>,
    pub currency: Map<String>,
    pub symbols: Map<String>,
    pub unit_words: Map<String>,
    pub stop: Set,
    pub months: Set,
    pub clock: Set,
    pub name_before: Set,
    pub street: Set,
    /// Lower-case words that can start a number in words.
    pub starters: Set,
}

fn parse<'a, T: Deserialize<'a>>(file: &'static str, text: &'a str) -> Result<T> {
    toml::from_str(text).map_err(|e| Error::Data {
        file,
        detail: e.to_string(),
    })
}

fn set(list: WordList) -> Set {
    list.words.into_iter().map(|w| w.to_lowercase()).collect()
}

impl Lexicon {
    /// Reads and checks the shipped tables.
    pub fn load() -> Result<Self> {
        let n: NumbersFile = parse("numbers.toml", NUMBERS)?;
        let h: HedgesFile = parse("hedges.toml", HEDGES)?;
        let u: UnitsFile = parse("units.toml", UNITS)?;
        let mut hedges = Map::default();
        for (phrase, change) in h.hedges {
            let c = Change::parse(&change).ok_or_else(|| Error::Data {
                file: "hedges.toml",
                detail: format!("hedge {phrase:?}: unknown change {change:?}"),
            })?;
            hedges.insert(phrase.to_lowercase(), c);
        }
        let hedge_words = hedges
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(1);
        let mut movement = Map::default();
        for w in h.movement.up {
            movement.insert(w.to_lowercase(), Change::Up);
        }
        for w in h.movement.down {
            movement.insert(w.to_lowercase(), Change::Down);
        }
        let lower = |m: HashMap<String, f64>| -> Map<f64> {
            m.into_iter().map(|(k, v)| (k.to_lowercase(), v)).collect()
        };
        let words = lower(n.words);
        let vague = lower(n.vague);
        let starters = words
            .keys()
            .chain(vague.keys())
            .cloned()
            .chain(["a", "an"].map(String::from))
            .collect();
        Ok(Self {
            words,
            starters,
            scales: lower(n.scales),
            suffixes: n.suffixes.into_iter().collect(),
            spaced_suffixes: n.spaced_suffixes.into_iter().collect(),
            fractions: lower(n.fractions),
            vague,
            hedges,
            hedge_words,
            movement,
            currency: u.currency_prefix.into_iter().collect(),
            symbols: u.symbols.into_iter().collect(),
            unit_words: u
                .words
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
            stop: set(u.stop),
            months: set(u.months),
            clock: set(u.clock),
            name_before: set(u.name_before),
            street: set(u.street),
        })
    }
}

static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::load().expect("the shipped data files parse (tested)"));

/// The shipped tables (parsed on first use).
pub(crate) fn lexicon() -> &'static Lexicon {
    &LEXICON
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_data_loads() {
        let lex = Lexicon::load().expect("data parses");
        assert_eq!(lex.words["twenty"], 20.0);
        assert_eq!(lex.hedges["more than"], Change::More);
        assert_eq!(lex.movement["fell"], Change::Down);
        assert_eq!(lex.currency["$"], "dollar");
        assert!(lex.hedge_words >= 2);
    }
}
