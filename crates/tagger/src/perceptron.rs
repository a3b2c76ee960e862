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

/// A trained model: class names and one weight row per known feature.
#[derive(Debug, Clone)]
pub struct Model {
    pub classes: Vec<String>,
    pub(crate) index: FeatureMap,
    /// `index.len() * classes.len()` weights, row-major.
    pub(crate) weights: Vec<f32>,
}

impl Model {
    pub fn n_classes(&self) -> usize {
        self.classes.len()
    }

    pub fn n_features(&self) -> usize {
        self.index.len()
    }

    /// Adds each known feature's row into `scores` (which it first zeroes).
    #[inline]
    pub fn scores(&self, feats: &[u64], scores: &mut [f32]) {
        let n = self.classes.len();
        scores[..n].fill(0.0);
        for f in feats {
            if let Some(&row) = self.index.get(f) {
                let start = row as usize * n;
                let w = &self.weights[start..start + n];
                for (s, x) in scores[..n].iter_mut().zip(w) {
                    *s += x;
                }
            }
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
        let n = self.classes.len();
        let step = self.step.max(1) as f32;
        let mut keys: Vec<(u64, u32)> = self.index.into_iter().collect();
        keys.sort_unstable();
        let mut index = FeatureMap::default();
        let mut weights = Vec::with_capacity(keys.len() * n);
        for (f, row) in keys {
            let start = row as usize * n;
            let avg: Vec<f32> = (0..n)
                .map(|c| {
                    let i = start + c;
                    let total =
                        self.totals[i] + (self.step - self.stamps[i]) as f32 * self.weights[i];
                    total / step
                })
                .collect();
            if avg.iter().all(|w| w.abs() < 1e-4) {
                continue;
            }
            index.insert(f, (weights.len() / n) as u32);
            weights.extend(avg);
        }
        Model {
            classes: self.classes,
            index,
            weights,
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
    fn best_respects_the_allowed_set() {
        let m = Model {
            classes: vec!["a".into(), "b".into()],
            index: FeatureMap::default(),
            weights: vec![],
        };
        assert_eq!(m.best(&[5.0, 1.0], |c| c == 1), 1);
        assert_eq!(m.best(&[5.0, 1.0], |_| true), 0);
    }
}
