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

/// What the word tables say of one lower-case word: the parser looks each
/// word token up once, here, instead of once per table and rule.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct WordInfo {
    /// A number word ("twenty", "dozen").
    pub number: Option<f64>,
    /// A scale ("million", "hundred").
    pub scale: Option<f64>,
    /// A fraction ("third", "quarters").
    pub fraction: Option<f64>,
    /// A vague amount ("dozens", "several").
    pub vague: Option<f64>,
    pub movement: Option<Change>,
    /// A hedge of one word ("about", "over").
    pub hedge: bool,
    /// Can start a number in words (a number word, a vague amount, "a", "an").
    pub starter: bool,
    pub stop: bool,
    pub month: bool,
    pub clock: bool,
    pub name_before: bool,
    pub street: bool,
}

impl WordInfo {
    /// A word in no table.
    pub const NONE: Self = Self {
        number: None,
        scale: None,
        fraction: None,
        vague: None,
        movement: None,
        hedge: false,
        starter: false,
        stop: false,
        month: false,
        clock: false,
        name_before: false,
        street: false,
    };
}

/// The names a text has in the unit tables, so one lookup answers all three.
#[derive(Debug, Clone, Default)]
pub(crate) struct UnitNames {
    pub symbol: Option<String>,
    pub currency: Option<String>,
    pub word: Option<String>,
}

/// A quick filter over a word list by the length and the first and last
/// bytes of a word: `false` is sure, `true` needs the lookup.
pub(crate) struct Sig(Box<[u64; 64]>);

impl Sig {
    fn bit(w: &[u8]) -> usize {
        let (Some(&a), Some(&z)) = (w.first(), w.last()) else {
            return 0;
        };
        (w.len().wrapping_mul(0x9e5) ^ usize::from(a).wrapping_mul(131) ^ (usize::from(z) * 31))
            & 4095
    }

    fn new<'a>(words: impl Iterator<Item = &'a String>) -> Self {
        let mut bits = Box::new([0u64; 64]);
        for w in words {
            let b = Self::bit(w.as_bytes());
            bits[b / 64] |= 1 << (b % 64);
        }
        Self(bits)
    }

    pub fn may_contain(&self, w: &str) -> bool {
        let b = Self::bit(w.as_bytes());
        self.0[b / 64] & (1 << (b % 64)) != 0
    }
}

/// The first bytes of a list of keys.
pub(crate) struct FirstBytes([bool; 256]);

impl FirstBytes {
    fn new<'a>(keys: impl Iterator<Item = &'a String>) -> Self {
        let mut set = [false; 256];
        for k in keys {
            if let Some(&b) = k.as_bytes().first() {
                set[usize::from(b)] = true;
            }
        }
        Self(set)
    }

    /// Some key starts with the first byte of `s`.
    pub fn starts(&self, s: &str) -> bool {
        s.as_bytes()
            .first()
            .is_some_and(|&b| self.0[usize::from(b)])
    }
}

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
    /// Every lower-case word of the word tables and what it is.
    pub index: Map<WordInfo>,
    /// Every prefix of a currency, symbol or unit-word key: a text that is no
    /// prefix cannot grow into a key, so the longest-match loops stop early.
    pub currency_prefixes: Set,
    pub symbol_prefixes: Set,
    pub unit_word_prefixes: Set,
    /// Every ending of a hedge phrase: a word before a number that ends no
    /// hedge needs no phrase built.
    pub hedge_tails: Set,
    pub currency_first: FirstBytes,
    pub symbol_first: FirstBytes,
    pub unit_word_first: FirstBytes,
    /// A quick filter on `starters`.
    pub starter_sig: Sig,
    /// The symbol, currency and unit-word tables by key.
    pub units: Map<UnitNames>,
}

/// The prefixes of the keys (the keys included), at character boundaries.
fn prefixes<'a>(keys: impl Iterator<Item = &'a String>) -> Set {
    let mut out = Set::default();
    for k in keys {
        for (i, c) in k.char_indices() {
            out.insert(k[..i + c.len_utf8()].to_string());
        }
    }
    out
}

/// The endings of the keys (the keys included), at character boundaries.
fn tails<'a>(keys: impl Iterator<Item = &'a String>) -> Set {
    let mut out = Set::default();
    for k in keys {
        for (i, _) in k.char_indices() {
            out.insert(k[i..].to_string());
        }
    }
    out
}

/// The word index over the tables of `lex` (its `index` is left as is).
fn index(lex: &Lexicon) -> Map<WordInfo> {
    fn entry<'a>(index: &'a mut Map<WordInfo>, k: &str) -> &'a mut WordInfo {
        index.entry(k.to_string()).or_default()
    }
    let mut index: Map<WordInfo> = Map::default();
    for (k, &v) in &lex.words {
        entry(&mut index, k).number = Some(v);
    }
    for (k, &v) in &lex.scales {
        entry(&mut index, k).scale = Some(v);
    }
    for (k, &v) in &lex.fractions {
        entry(&mut index, k).fraction = Some(v);
    }
    for (k, &v) in &lex.vague {
        entry(&mut index, k).vague = Some(v);
    }
    for (k, &v) in &lex.movement {
        entry(&mut index, k).movement = Some(v);
    }
    for k in lex.hedges.keys() {
        entry(&mut index, k).hedge = true;
    }
    type Mark = fn(&mut WordInfo);
    let flags: [(&Set, Mark); 6] = [
        (&lex.starters, |w| w.starter = true),
        (&lex.stop, |w| w.stop = true),
        (&lex.months, |w| w.month = true),
        (&lex.clock, |w| w.clock = true),
        (&lex.name_before, |w| w.name_before = true),
        (&lex.street, |w| w.street = true),
    ];
    for (set, mark) in flags {
        for k in set {
            mark(entry(&mut index, k));
        }
    }
    index
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
        let mut lex = Self {
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
            index: Map::default(),
            currency_prefixes: Set::default(),
            symbol_prefixes: Set::default(),
            unit_word_prefixes: Set::default(),
            hedge_tails: Set::default(),
            currency_first: FirstBytes::new(std::iter::empty()),
            symbol_first: FirstBytes::new(std::iter::empty()),
            unit_word_first: FirstBytes::new(std::iter::empty()),
            starter_sig: Sig::new(std::iter::empty()),
            units: Map::default(),
        };
        lex.index = index(&lex);
        lex.currency_prefixes = prefixes(lex.currency.keys());
        lex.symbol_prefixes = prefixes(lex.symbols.keys());
        lex.unit_word_prefixes = prefixes(lex.unit_words.keys());
        lex.hedge_tails = tails(lex.hedges.keys());
        lex.currency_first = FirstBytes::new(lex.currency.keys());
        lex.symbol_first = FirstBytes::new(lex.symbols.keys());
        lex.unit_word_first = FirstBytes::new(lex.unit_words.keys());
        lex.starter_sig = Sig::new(lex.starters.iter());
        for (k, v) in &lex.symbols {
            lex.units.entry(k.clone()).or_default().symbol = Some(v.clone());
        }
        for (k, v) in &lex.currency {
            lex.units.entry(k.clone()).or_default().currency = Some(v.clone());
        }
        for (k, v) in &lex.unit_words {
            lex.units.entry(k.clone()).or_default().word = Some(v.clone());
        }
        Ok(lex)
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
        assert_eq!(lex.index["twenty"].number, Some(20.0));
        assert_eq!(lex.index["fell"].movement, Some(Change::Down));
        assert!(lex.index["about"].hedge && lex.index["a"].starter);
        assert!(lex.currency_prefixes.contains("US") && lex.currency_prefixes.contains("US$"));
        assert!(lex.hedge_tails.contains("than") && lex.hedge_tails.contains(" than"));
        assert!(lex.currency_first.starts("$5") && !lex.currency_first.starts("x"));
        for w in &lex.starters {
            assert!(lex.starter_sig.may_contain(w), "{w}");
        }
        let misses = ["the", "people", "killed", "said", "were", "and", "of", "in"];
        assert!(
            misses
                .iter()
                .filter(|w| lex.starter_sig.may_contain(w))
                .count()
                <= 2
        );
        assert_eq!(lex.units["km"].symbol.as_deref(), Some("kilometre"));
        assert_eq!(lex.units["$"].currency.as_deref(), Some("dollar"));
    }

    /// The parser reads a word's entry by its lower case, and tests "written
    /// in lower case" by comparing the word with it: both need every key to
    /// be its own lower case.
    #[test]
    fn index_keys_are_lower_case() {
        let lex = Lexicon::load().expect("data parses");
        for k in lex.index.keys() {
            let lower: String = k.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(&lower, k);
        }
    }
}
