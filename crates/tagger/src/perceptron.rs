//! A multi-class averaged perceptron over hashed sparse features.
//!
//! Features are 64-bit hashes (see [`crate::features`]); a [`Model`] maps each
//! feature it knows to one row of per-class weights. The [`Trainer`] only adds
//! a row when a feature takes part in an update, so features that never helped
//! tell classes apart cost nothing; weights are averaged over every training
//! step (lazily, with time stamps) as in Collins (2002).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are already good 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type FeatureMap = HashMap<u64, u32, BuildHasherDefault<IdHasher>>;

/// Feature rows in an open-addressing table (linear probing, at most half
/// full). Each slot holds the feature's 64-bit key followed by its row of
/// 16-bit weights, so a lookup that finds its feature usually reads one
/// cache line.
#[derive(Debug, Clone)]
pub struct Table {
    n: usize,
    /// Slot width in i16s: 4 for the key, then the row, padded to 4.
    stride: usize,
    mask: usize,
    data: Vec<i16>,
    len: usize,
    /// A Bloom filter of the keys (two probes, 8 bits per key): small enough
    /// to stay in the core's cache, it answers most lookups of features the
    /// model does not have without touching the table.
    filter: Vec<u64>,
    filter_mask: u64,
}

#[inline]
fn key_parts(key: u64) -> [i16; 4] {
    [
        key as u16 as i16,
        (key >> 16) as u16 as i16,
        (key >> 32) as u16 as i16,
        (key >> 48) as u16 as i16,
    ]
}

#[inline]
fn key_of(p: &[i16]) -> u64 {
    u64::from(p[0] as u16)
        | u64::from(p[1] as u16) << 16
        | u64::from(p[2] as u16) << 32
        | u64::from(p[3] as u16) << 48
}

impl Table {
    /// An empty table for `capacity` rows of `n` weights.
    pub fn new(n: usize, capacity: usize) -> Self {
        let slots = (capacity.max(1) * 2).next_power_of_two();
        let stride = 4 + n.div_ceil(4) * 4;
        let bits = (capacity.max(1) * 8).next_power_of_two().max(64);
        Self {
            n,
            stride,
            mask: slots - 1,
            data: vec![0; slots * stride],
            len: 0,
            filter: vec![0; bits / 64],
            filter_mask: bits as u64 - 1,
        }
    }

    #[inline]
    fn filter_bits(&self, key: u64) -> (u64, u64) {
        (
            key & self.filter_mask,
            (key >> 32).rotate_left(7) & self.filter_mask,
        )
    }

    /// Whether the table may hold a key (false: it certainly does not).
    #[inline]
    fn may_hold(&self, key: u64) -> bool {
        let (a, b) = self.filter_bits(key);
        (self.filter[(a >> 6) as usize] >> (a & 63)) & 1 == 1
            && (self.filter[(b >> 6) as usize] >> (b & 63)) & 1 == 1
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        // The keys are already well-mixed hashes.
        (key ^ (key >> 29)) as usize & self.mask
    }

    #[inline]
    fn key_at(&self, slot: usize) -> u64 {
        let b = slot * self.stride;
        key_of(&self.data[b..b + 4])
    }

    /// Adds a row (a key given twice keeps its first row).
    pub fn insert(&mut self, key: u64, row: &[i16]) {
        let key = key.max(1);
        let mut i = self.slot(key);
        loop {
            let k = self.key_at(i);
            if k == key {
                return;
            }
            if k == 0 {
                let (fa, fb) = self.filter_bits(key);
                self.filter[(fa >> 6) as usize] |= 1 << (fa & 63);
                self.filter[(fb >> 6) as usize] |= 1 << (fb & 63);
                let b = i * self.stride;
                self.data[b..b + 4].copy_from_slice(&key_parts(key));
                self.data[b + 4..b + 4 + self.n].copy_from_slice(&row[..self.n]);
                self.len += 1;
                return;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The row of a feature.
    #[inline]
    pub fn get(&self, key: u64) -> Option<&[i16]> {
        let key = key.max(1);
        if !self.may_hold(key) {
            return None;
        }
        let mut i = self.slot(key);
        loop {
            let b = i * self.stride;
            let slot = &self.data[b..b + self.stride];
            let k = key_of(slot);
            if k == key {
                return Some(&slot[4..4 + self.n]);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// All (key, row) pairs sorted by key.
    pub fn sorted(&self) -> Vec<(u64, &[i16])> {
        let mut out: Vec<(u64, &[i16])> = (0..=self.mask)
            .filter_map(|i| {
                let k = self.key_at(i);
                let b = i * self.stride + 4;
                (k != 0).then(|| (k, &self.data[b..b + self.n]))
            })
            .collect();
        out.sort_unstable_by_key(|(k, _)| *k);
        out
    }
}

/// A trained model: class names and one weight row per known feature.
/// Weights are 16-bit integers times `scale` (half the memory of floats,
/// which is what tagging speed depends on).
#[derive(Debug, Clone)]
pub struct Model {
    pub classes: Vec<String>,
    pub(crate) table: Table,
    pub(crate) scale: f32,
}

/// Most classes a model may have.
pub const MAX_CLASSES: usize = 64;

impl Model {
    pub fn n_classes(&self) -> usize {
        self.classes.len()
    }

    pub fn n_features(&self) -> usize {
        self.table.len()
    }

    /// Adds each known feature's row into `scores` (which it first zeroes).
    #[inline]
    pub fn scores(&self, feats: &[u64], scores: &mut [f32]) {
        let mut acc = [0i32; MAX_CLASSES];
        self.add_raw(feats, &mut acc);
        self.to_scores(&acc, scores);
    }

    /// Adds the features' rows, unscaled, into `acc`.
    #[inline]
    pub fn add_raw(&self, feats: &[u64], acc: &mut [i32]) {
        let n = self.classes.len().min(MAX_CLASSES).min(acc.len());
        let acc = &mut acc[..n];
        for &f in feats {
            if let Some(w) = self.table.get(f) {
                for (s, &x) in acc.iter_mut().zip(w) {
                    *s += i32::from(x);
                }
            }
        }
    }

    /// Scales raw sums into scores.
    #[inline]
    pub fn to_scores(&self, acc: &[i32], scores: &mut [f32]) {
        let n = self.classes.len().min(MAX_CLASSES);
        for (s, &a) in scores[..n].iter_mut().zip(acc.iter()) {
            *s = a as f32 * self.scale;
        }
    }

    /// The best class among those `allowed` (all when it returns true for all).
    #[inline]
    pub fn best(&self, scores: &[f32], allowed: impl Fn(usize) -> bool) -> usize {
        let mut best = usize::MAX;
        let mut best_score = f32::NEG_INFINITY;
        for (c, &s) in scores[..self.classes.len()].iter().enumerate() {
            if (s > best_score || best == usize::MAX) && allowed(c) {
                best = c;
                best_score = s;
            }
        }
        if best == usize::MAX {
            0
        } else {
            best
        }
    }

    /// The average of models with the same classes (an ensemble folded into
    /// one model: scores are linear, so averaging weights averages scores).
    pub fn average(models: &[Model]) -> Model {
        let Some(first) = models.first() else {
            return Model {
                classes: Vec::new(),
                table: Table::new(1, 0),
                scale: 1.0,
            };
        };
        let n = first.n_classes();
        let mut sums: std::collections::BTreeMap<u64, Vec<f32>> = std::collections::BTreeMap::new();
        for m in models {
            for (k, row) in m.table.sorted() {
                let e = sums.entry(k).or_insert_with(|| vec![0.0; n]);
                for (a, &w) in e.iter_mut().zip(row) {
                    *a += f32::from(w) * m.scale / models.len() as f32;
                }
            }
        }
        let max = sums.values().flatten().fold(0f32, |a, w| a.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut table = Table::new(n, sums.len());
        let mut row = vec![0i16; n];
        for (k, w) in &sums {
            for (q, x) in row.iter_mut().zip(w) {
                *q = (x / scale).round().clamp(-32767.0, 32767.0) as i16;
            }
            table.insert(*k, &row);
        }
        Model {
            classes: first.classes.clone(),
            table,
            scale,
        }
    }

    pub fn class_id(&self, name: &str) -> Option<usize> {
        self.classes.iter().position(|c| c == name)
    }
}

/// Trains a [`Model`].
pub struct Trainer {
    classes: Vec<String>,
    index: FeatureMap,
    weights: Vec<f32>,
    totals: Vec<f32>,
    stamps: Vec<u32>,
    step: u32,
}

impl Trainer {
    pub fn new(classes: Vec<String>) -> Self {
        Self {
            classes,
            index: FeatureMap::default(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            step: 0,
        }
    }

    /// The current (not averaged) weights, for predicting during training.
    pub fn scores(&self, feats: &[u64], scores: &mut [f32]) {
        let n = self.classes.len();
        scores[..n].fill(0.0);
        for f in feats {
            if let Some(&row) = self.index.get(f) {
                let start = row as usize * n;
                for (s, x) in scores[..n].iter_mut().zip(&self.weights[start..start + n]) {
                    *s += x;
                }
            }
        }
    }

    /// Counts one training instance; call once per instance, before `update`.
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Moves weight from the predicted class to the gold class.
    pub fn update(&mut self, feats: &[u64], gold: usize, predicted: usize) {
        if gold == predicted {
            return;
        }
        let n = self.classes.len();
        for &f in feats {
            let next = self.index.len() as u32;
            let row = *self.index.entry(f).or_insert_with(|| next);
            if row == next {
                self.weights.resize(self.weights.len() + n, 0.0);
                self.totals.resize(self.totals.len() + n, 0.0);
                self.stamps.resize(self.stamps.len() + n, 0);
            }
            let start = row as usize * n;
            for (c, delta) in [(gold, 1.0f32), (predicted, -1.0f32)] {
                let i = start + c;
                self.totals[i] += (self.step - self.stamps[i]) as f32 * self.weights[i];
                self.stamps[i] = self.step;
                self.weights[i] += delta;
            }
        }
    }

    /// The averaged model; rows whose weights all round to zero are dropped.
    pub fn finish(self) -> Model {
        self.finish_pruned(0.0)
    }

    /// [`Trainer::finish`], also dropping rows whose weights all stay below
    /// `prune` (in averaged update units).
    pub fn finish_pruned(self, prune: f32) -> Model {
        let n = self.classes.len();
        let step = self.step.max(1) as f32;
        let mut keys: Vec<(u64, u32)> = self.index.into_iter().collect();
        keys.sort_unstable();
        let averaged: Vec<f32> = (0..self.weights.len())
            .map(|i| {
                (self.totals[i] + (self.step - self.stamps[i]) as f32 * self.weights[i]) / step
            })
            .collect();
        let max = averaged.iter().fold(0f32, |a, w| a.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let floor = prune.max(scale);
        let mut kept: Vec<(u64, Vec<i16>)> = Vec::new();
        for (f, row) in keys {
            let start = row as usize * n;
            let avg = &averaged[start..start + n];
            if avg.iter().all(|w| w.abs() < floor) {
                continue;
            }
            kept.push((
                f,
                avg.iter()
                    .map(|w| (w / scale).round().clamp(-32767.0, 32767.0) as i16)
                    .collect(),
            ));
        }
        let mut table = Table::new(n, kept.len());
        for (f, row) in &kept {
            table.insert(*f, row);
        }
        Model {
            classes: self.classes,
            table,
            scale,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem() {
        let mut t = Trainer::new(vec!["a".into(), "b".into()]);
        let data = [(vec![1u64, 10], 0usize), (vec![2u64, 10], 1usize)];
        let mut scores = [0.0f32; 2];
        for _ in 0..5 {
            for (f, gold) in &data {
                t.tick();
                t.scores(f, &mut scores);
                let p = if scores[1] > scores[0] { 1 } else { 0 };
                t.update(f, *gold, p);
            }
        }
        let m = t.finish();
        for (f, gold) in &data {
            m.scores(f, &mut scores);
            assert_eq!(m.best(&scores, |_| true), *gold);
        }
        // The shared feature 10 never separates the classes on its own.
        assert!(m.n_features() >= 2);
    }

    #[test]
    fn table_finds_what_it_holds() {
        let mut t = Table::new(3, 100);
        for k in 0..100u64 {
            let key = k.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            t.insert(key, &[k as i16, 1, 2]);
        }
        assert_eq!(t.len(), 100);
        for k in 0..100u64 {
            let key = k.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            assert_eq!(t.get(key).map(|r| r[0]), Some(k as i16));
        }
        assert!(t.get(12345).is_none());
        let sorted = t.sorted();
        assert!(sorted.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn best_respects_the_allowed_set() {
        let m = Model {
            classes: vec!["a".into(), "b".into()],
            table: Table::new(2, 0),
            scale: 1.0,
        };
        assert_eq!(m.best(&[5.0, 1.0], |c| c == 1), 1);
        assert_eq!(m.best(&[5.0, 1.0], |_| true), 0);
    }
}
