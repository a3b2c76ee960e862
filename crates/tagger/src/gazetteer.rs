//! Gazetteer features: which tokens fall inside a known name, of which kind,
//! and where in it (Begin, Inside, Last, Unit). Phrases come from the shipped
//! actor lexicon; matching is case-insensitive and needs a capital on the
//! first word.

use std::collections::{HashMap, HashSet};

use crate::features::mix;
use crate::perceptron::IdHasher;
use std::hash::BuildHasherDefault;

/// Kinds of gazetteer phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Person = 0,
    Org = 1,
    Location = 2,
    Misc = 3,
    /// A person's surname used alone.
    Surname = 4,
    /// A given name.
    GivenName = 5,
}

const MAX_LEN: usize = 8;

type Set = HashSet<u64, BuildHasherDefault<IdHasher>>;
type Map = HashMap<u64, u8, BuildHasherDefault<IdHasher>>;

/// Phrases by kind.
#[derive(Debug, Default, Clone)]
pub struct Gazetteer {
    phrases: Map,
    prefixes: Set,
    count: usize,
}

pub(crate) fn word_hash(w: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for c in w.chars().flat_map(char::to_lowercase) {
        let c = if c == '’' { '\'' } else { c };
        h = (h ^ c as u64).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Gazetteer {
    /// Adds a phrase (split at white space).
    pub fn add(&mut self, phrase: &str, cat: Category) {
        let words: Vec<&str> = phrase.split_whitespace().collect();
        if words.is_empty() || words.len() > MAX_LEN {
            return;
        }
        let mut h = 7u64;
        for (k, w) in words.iter().enumerate() {
            h = mix(h, word_hash(w));
            if k + 1 < words.len() {
                self.prefixes.insert(h);
            }
        }
        let bits = self.phrases.entry(h).or_insert(0);
        if *bits & (1 << cat as u8) == 0 {
            self.count += 1;
        }
        *bits |= 1 << cat as u8;
    }

    /// Number of (phrase, kind) pairs.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// One bit set per (kind, position) for each token: bit `kind * 4 + pos`,
    /// pos 0 = Begin, 1 = Inside, 2 = Last, 3 = Unit.
    pub fn annotate(&self, words: &[&str]) -> Vec<u32> {
        let mut bits = vec![0u32; words.len()];
        if self.phrases.is_empty() {
            return bits;
        }
        let hashes: Vec<u64> = words.iter().map(|w| word_hash(w)).collect();
        for start in 0..words.len() {
            if !words[start].chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let mut h = 7u64;
            for end in start..words.len().min(start + MAX_LEN) {
                h = mix(h, hashes[end]);
                if let Some(&cats) = self.phrases.get(&h) {
                    for cat in 0..6u32 {
                        if cats & (1 << cat) == 0 {
                            continue;
                        }
                        if start == end {
                            bits[start] |= 1 << (cat * 4 + 3);
                        } else {
                            bits[start] |= 1 << (cat * 4);
                            for b in &mut bits[start + 1..end] {
                                *b |= 1 << (cat * 4 + 1);
                            }
                            bits[end] |= 1 << (cat * 4 + 2);
                        }
                    }
                }
                if !self.prefixes.contains(&h) {
                    break;
                }
            }
        }
        bits
    }

    /// A fingerprint of the contents, recorded in trained models.
    pub fn fingerprint(&self) -> u64 {
        let mut items: Vec<(u64, u8)> = self.phrases.iter().map(|(&k, &v)| (k, v)).collect();
        items.sort_unstable();
        items
            .into_iter()
            .fold(11u64, |h, (k, v)| mix(mix(h, k), u64::from(v)))
    }

    /// The phrases of the shipped lexicon.
    pub fn from_lexicon(lex: &sitrep_lexicon::Lexicon) -> Self {
        let mut g = Self::default();
        for c in lex.countries() {
            for n in std::iter::once(&c.name)
                .chain(std::iter::once(&c.official))
                .chain(&c.aliases)
                .chain(std::iter::once(&c.capital))
            {
                g.add(n, Category::Location);
            }
            for d in &c.demonyms {
                g.add(d, Category::Misc);
            }
        }
        for (phrase, kind) in lex.gazetteer_phrases() {
            let cat = match kind {
                sitrep_lexicon::PhraseKind::Person => Category::Person,
                sitrep_lexicon::PhraseKind::Surname => Category::Surname,
                sitrep_lexicon::PhraseKind::GivenName => Category::GivenName,
                sitrep_lexicon::PhraseKind::Org => Category::Org,
                sitrep_lexicon::PhraseKind::Place => Category::Location,
            };
            g.add(phrase, cat);
        }
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_positions_and_kinds() {
        let mut g = Gazetteer::default();
        g.add("Gaza Strip", Category::Location);
        g.add("Gaza", Category::Location);
        g.add("Hamas", Category::Org);
        let bits = g.annotate(&["the", "Gaza", "Strip", "and", "hamas", "Hamas"]);
        assert_eq!(bits[0], 0);
        let loc = Category::Location as u32 * 4;
        assert!(bits[1] & (1 << loc) != 0, "B");
        assert!(bits[1] & (1 << (loc + 3)) != 0, "U for Gaza alone");
        assert!(bits[2] & (1 << (loc + 2)) != 0, "L");
        assert_eq!(bits[4], 0, "lower-case first word does not match");
        assert!(bits[5] & (1 << (Category::Org as u32 * 4 + 3)) != 0);
        assert_eq!(g.len(), 3);
    }
}
