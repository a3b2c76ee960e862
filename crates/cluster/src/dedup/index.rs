//! The incremental index: band tags, signature fingerprints, union–find.

use std::collections::HashMap;
use std::hash::Hash;

use rayon::prelude::*;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::minhash::{MinHasher, Signature};
use super::shingle::Words;
use super::{DedupConfig, DedupError, Result};

/// A group of near-duplicate articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Family<Id> {
    /// The smallest member id.
    pub id: Id,
    /// Every member id, ascending (a family of one holds just `id`).
    pub members: Vec<Id>,
}

/// Near-duplicate index over articles identified by `Id` (a `DocId`, a row
/// number…); see the [module documentation](super).
///
/// Add articles with [`Dedup::add`] (signatures from [`Dedup::signature`], or
/// many at once, in parallel, from [`Dedup::signatures`]); read the families
/// with [`Dedup::families`] or [`Dedup::family_of`] at any time and keep
/// adding.
#[derive(Debug, Clone)]
pub struct Dedup<Id> {
    state: State<Id>,
    hasher: MinHasher,
    /// Agreeing signature positions needed to link a candidate pair.
    min_matches: usize,
    /// Union by size: members under each root (roots only).
    size: Vec<u32>,
    /// Index of the smallest id under each root (roots only).
    least: Vec<u32>,
    lookup: HashMap<Id, u32>,
    candidates: Vec<u32>,
}

/// What is stored of an index; the rest is rebuilt on loading.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct State<Id> {
    config: DedupConfig,
    /// Article ids in the order they were added; an article's index is its
    /// position here.
    ids: Vec<Id>,
    /// Low 16 bits of each signature value, `permutations` per article (all
    /// zero for an article without words).
    fingerprints: Vec<u16>,
    tags: TagTable,
    /// Union–find parents.
    parent: Vec<u32>,
}

impl<Id: Clone + Ord + Hash> Dedup<Id> {
    pub fn new(config: DedupConfig) -> Result<Self> {
        config.validate()?;
        Ok(Self::build(State {
            config,
            ids: Vec::new(),
            fingerprints: Vec::new(),
            tags: TagTable::new(),
            parent: Vec::new(),
        }))
    }

    fn build(state: State<Id>) -> Self {
        let c = &state.config;
        let hasher = MinHasher::new(c.shingle_words, c.permutations, c.scheme);
        let min_matches = ((c.threshold * c.permutations as f64) - 1e-9)
            .ceil()
            .max(1.0) as usize;
        let mut dedup = Dedup {
            hasher,
            min_matches,
            size: vec![1; state.ids.len()],
            least: (0..state.ids.len() as u32).collect(),
            lookup: state
                .ids
                .iter()
                .enumerate()
                .map(|(i, id)| (id.clone(), i as u32))
                .collect(),
            candidates: Vec::new(),
            state,
        };
        for i in 0..dedup.state.ids.len() as u32 {
            let root = dedup.find(i);
            if root != i {
                dedup.size[root as usize] += 1;
                if dedup.state.ids[i as usize]
                    < dedup.state.ids[dedup.least[root as usize] as usize]
                {
                    dedup.least[root as usize] = i;
                }
            }
        }
        dedup
    }

    pub fn config(&self) -> &DedupConfig {
        &self.state.config
    }

    /// Articles added.
    pub fn len(&self) -> usize {
        self.state.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.state.ids.is_empty()
    }

    /// Makes room for `articles` more articles.
    pub fn reserve(&mut self, articles: usize) {
        let k = self.state.config.permutations;
        self.state.ids.reserve(articles);
        self.state.fingerprints.reserve(articles * k);
        self.state.parent.reserve(articles);
        self.size.reserve(articles);
        self.least.reserve(articles);
        self.lookup.reserve(articles);
        self.state.tags.reserve(articles * self.state.config.bands);
    }

    /// The signature of one text.
    pub fn signature(&self, text: &str) -> Signature {
        self.hasher.signature(text, &mut Words::default())
    }

    /// The signatures of many texts, computed in parallel (rayon), in the
    /// order of `texts`.
    pub fn signatures<T: AsRef<str> + Sync>(&self, texts: &[T]) -> Vec<Signature> {
        let hasher = &self.hasher;
        texts
            .par_iter()
            .map_init(Words::default, |words, t| {
                hasher.signature(t.as_ref(), words)
            })
            .collect()
    }

    /// Adds an article and links it to the near-duplicates already added.
    /// Returns `false`, changing nothing, when `id` was added before. An
    /// empty signature (no words) makes a family of one.
    pub fn add(&mut self, id: Id, signature: &Signature) -> Result<bool> {
        let k = self.state.config.permutations;
        let values = signature.values();
        if !values.is_empty() && values.len() != k {
            return Err(DedupError::SignatureLength {
                expected: k,
                found: values.len(),
            });
        }
        if self.lookup.contains_key(&id) {
            return Ok(false);
        }
        if self.state.ids.len() >= (u32::MAX - 1) as usize {
            return Err(DedupError::State("more than 2³² − 2 articles".into()));
        }
        let me = self.state.ids.len() as u32;
        self.lookup.insert(id.clone(), me);
        self.state.ids.push(id);
        self.state.parent.push(me);
        self.size.push(1);
        self.least.push(me);
        if values.is_empty() {
            self.state
                .fingerprints
                .resize(self.state.fingerprints.len() + k, 0);
            return Ok(true);
        }
        self.state
            .fingerprints
            .extend(values.iter().map(|&v| v as u16));

        let (bands, rows) = (self.state.config.bands, self.state.config.rows);
        let mut bytes = [0u8; 256];
        let mut tags = [0u32; 64];
        let mut tags_heap = Vec::new();
        let tags: &mut [u32] = if bands <= tags.len() {
            &mut tags[..bands]
        } else {
            tags_heap.resize(bands, 0);
            &mut tags_heap
        };
        let mut candidates = std::mem::take(&mut self.candidates);
        candidates.clear();
        for (band, tag) in tags.iter_mut().enumerate() {
            let row = &values[band * rows..(band + 1) * rows];
            for (chunk, v) in bytes.chunks_exact_mut(4).zip(row) {
                chunk.copy_from_slice(&v.to_le_bytes());
            }
            *tag = (xxh3_64_with_seed(&bytes[..rows * 4], band as u64) >> 32) as u32;
            self.state.tags.candidates(*tag, &mut candidates);
        }
        candidates.sort_unstable();
        candidates.dedup();
        for &other in &candidates {
            if self.find(other) != self.find(me) && self.matches(other, me) >= self.min_matches {
                self.union(other, me);
            }
        }
        self.candidates = candidates;
        for &tag in tags.iter() {
            self.state.tags.insert(tag, me);
        }
        Ok(true)
    }

    /// The id of the family `id` belongs to (its smallest member), if `id`
    /// was added.
    pub fn family_of(&self, id: &Id) -> Option<&Id> {
        let &i = self.lookup.get(id)?;
        let root = self.root(i);
        Some(&self.state.ids[self.least[root as usize] as usize])
    }

    /// Every family, by id; each article is in exactly one.
    pub fn families(&self) -> Vec<Family<Id>> {
        let n = self.state.ids.len();
        let roots: Vec<u32> = (0..n as u32).map(|i| self.root(i)).collect();
        // Members grouped by root (counting sort).
        let mut start = vec![0u32; n + 1];
        for &r in &roots {
            start[r as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut next = start.clone();
        let mut order = vec![0u32; n];
        for (i, &r) in roots.iter().enumerate() {
            order[next[r as usize] as usize] = i as u32;
            next[r as usize] += 1;
        }
        let mut families: Vec<Family<Id>> = (0..n)
            .filter(|&r| start[r + 1] > start[r])
            .map(|r| {
                let mut members: Vec<Id> = order[start[r] as usize..start[r + 1] as usize]
                    .iter()
                    .map(|&i| self.state.ids[i as usize].clone())
                    .collect();
                members.sort_unstable();
                Family {
                    id: members[0].clone(),
                    members,
                }
            })
            .collect();
        families.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        families
    }

    /// Agreeing fingerprint positions of two articles.
    fn matches(&self, a: u32, b: u32) -> usize {
        let k = self.state.config.permutations;
        let fa = &self.state.fingerprints[a as usize * k..][..k];
        let fb = &self.state.fingerprints[b as usize * k..][..k];
        fa.iter().zip(fb).filter(|(x, y)| x == y).count()
    }

    fn root(&self, mut i: u32) -> u32 {
        let parent = &self.state.parent;
        while parent[i as usize] != i {
            i = parent[i as usize];
        }
        i
    }

    fn find(&mut self, mut i: u32) -> u32 {
        let parent = &mut self.state.parent;
        while parent[i as usize] != i {
            let grand = parent[parent[i as usize] as usize];
            parent[i as usize] = grand;
            i = grand;
        }
        i
    }

    fn union(&mut self, a: u32, b: u32) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a as usize] < self.size[b as usize] {
            std::mem::swap(&mut a, &mut b);
        }
        self.state.parent[b as usize] = a;
        self.size[a as usize] += self.size[b as usize];
        let (la, lb) = (self.least[a as usize], self.least[b as usize]);
        if self.state.ids[lb as usize] < self.state.ids[la as usize] {
            self.least[a as usize] = lb;
        }
    }
}

impl<Id: Serialize> Serialize for Dedup<Id> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.state.serialize(serializer)
    }
}

impl<'de, Id: Deserialize<'de> + Clone + Ord + Hash> Deserialize<'de> for Dedup<Id> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let state = State::<Id>::deserialize(deserializer)?;
        state.check().map_err(serde::de::Error::custom)?;
        Ok(Dedup::build(state))
    }
}

impl<Id: Clone + Ord + Hash> State<Id> {
    /// Checks that a loaded state holds together (so nothing indexes out of
    /// range or probes forever later).
    fn check(&self) -> Result<()> {
        self.config.validate()?;
        let n = self.ids.len();
        let bad = |m: &str| Err(DedupError::State(m.into()));
        if self.parent.len() != n || self.fingerprints.len() != n * self.config.permutations {
            return bad("ids, parents and fingerprints differ in length");
        }
        if self.parent.iter().any(|&p| p as usize >= n) {
            return bad("a parent is out of range");
        }
        let mut seen = std::collections::HashSet::with_capacity(n);
        if !self.ids.iter().all(|id| seen.insert(id)) {
            return bad("an id occurs twice");
        }
        // Parent chains must end in a root.
        let mut ends_in_root = vec![false; n];
        let mut path = Vec::new();
        for i in 0..n {
            let mut j = i;
            path.clear();
            while !ends_in_root[j] && self.parent[j] as usize != j {
                path.push(j);
                if path.len() > n {
                    return bad("a parent chain loops");
                }
                j = self.parent[j] as usize;
            }
            ends_in_root[j] = true;
            for &p in &path {
                ends_in_root[p] = true;
            }
        }
        self.tags.check(n)
    }
}

/// Band tags of every article in one open-addressing table (linear probing,
/// at most 7/8 full). A slot holds `tag << 32 | (index + 1)`, 0 when empty.
/// Every entry of a tag sits in the probe run starting at the tag's home
/// slot, so a lookup finds all articles with that tag, whatever order they
/// came in.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TagTable {
    slots: Vec<u64>,
    len: usize,
}

impl TagTable {
    const MIN_SLOTS: usize = 1024;

    fn new() -> Self {
        TagTable {
            slots: vec![0; Self::MIN_SLOTS],
            len: 0,
        }
    }

    fn home(&self, tag: u32) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (u64::from(tag).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    /// Appends the index of every article holding `tag`.
    fn candidates(&self, tag: u32, out: &mut Vec<u32>) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(tag);
        loop {
            let s = self.slots[i];
            if s == 0 {
                return;
            }
            if (s >> 32) as u32 == tag {
                out.push(s as u32 - 1);
            }
            i = (i + 1) & mask;
        }
    }

    fn insert(&mut self, tag: u32, index: u32) {
        if (self.len + 1) * 8 > self.slots.len() * 7 {
            self.rehash(self.slots.len() * 2);
        }
        self.put(u64::from(tag) << 32 | u64::from(index + 1));
        self.len += 1;
    }

    fn put(&mut self, entry: u64) {
        let mask = self.slots.len() - 1;
        let mut i = self.home((entry >> 32) as u32);
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = entry;
    }

    fn reserve(&mut self, more: usize) {
        let mut cap = self.slots.len();
        while (self.len + more) * 8 > cap * 7 {
            cap *= 2;
        }
        if cap > self.slots.len() {
            self.rehash(cap);
        }
    }

    fn rehash(&mut self, cap: usize) {
        let old = std::mem::replace(&mut self.slots, vec![0; cap]);
        for entry in old.into_iter().filter(|&s| s != 0) {
            self.put(entry);
        }
    }

    fn check(&self, articles: usize) -> Result<()> {
        let bad = |m: &str| Err(DedupError::State(m.into()));
        let cap = self.slots.len();
        if cap < 2 || !cap.is_power_of_two() {
            return bad("tag table size is not a power of two");
        }
        let used = self.slots.iter().filter(|&&s| s != 0).count();
        if used != self.len || used * 8 > cap * 7 {
            return bad("tag table count is wrong or the table is too full");
        }
        if self
            .slots
            .iter()
            .any(|&s| s != 0 && (s as u32 == 0 || (s as u32 - 1) as usize >= articles))
        {
            return bad("a tag entry points past the articles");
        }
        Ok(())
    }
}
