//! MinHash signatures over hashed shingles.

use serde::{Deserialize, Serialize};

use super::shingle::Words;
use super::MinHashScheme;

/// The Mersenne prime 2³¹ − 1 the permutations work modulo.
const PRIME: u64 = (1 << 31) - 1;
/// Seed of the permutation coefficients (changing it changes every
/// signature).
const SEED: u64 = 0x5349_5452_4550_4d48; // "SITREPMH"

/// The MinHash signature of one text: for each permutation (or bin, see
/// [`MinHashScheme`]) the smallest hash of a shingle (each value below 2³¹).
/// Empty when the text has no words.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Signature(Vec<u32>);

impl Signature {
    /// The signature values, one per permutation (none for a text without
    /// words).
    pub fn values(&self) -> &[u32] {
        &self.0
    }

    /// True when the text had no words: such an article is a family of its
    /// own.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Estimated Jaccard similarity of the two shingle sets: the share of
    /// positions where the signatures agree (0 when either is empty or their
    /// lengths differ).
    pub fn jaccard(&self, other: &Signature) -> f64 {
        if self.0.is_empty() || self.0.len() != other.0.len() {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / self.0.len() as f64
    }
}

/// How the signature values are drawn (see [`MinHashScheme`]), and the
/// shingle length.
#[derive(Debug, Clone)]
pub(crate) struct MinHasher {
    shingle_words: usize,
    scheme: MinHashScheme,
    permutations: usize,
    /// `Permutations`: the coefficients of `(a·h + b) mod PRIME`.
    a: Vec<u32>,
    b: Vec<u32>,
    /// `OnePermutation`: for each bin, the bins an empty bin borrows from,
    /// in order of preference (a fixed random sequence per bin).
    donors: Vec<Vec<u16>>,
}

/// Bins tried, at most, for an empty bin before scanning them in order.
const DONOR_TRIES: usize = 64;

impl MinHasher {
    pub(crate) fn new(shingle_words: usize, permutations: usize, scheme: MinHashScheme) -> Self {
        let mut state = SEED;
        let mut draw = |lo: u64| loop {
            let x = splitmix64(&mut state) >> 33; // 31 bits
            if x >= lo && x < PRIME {
                return x;
            }
        };
        let (mut a, mut b, mut donors) = (Vec::new(), Vec::new(), Vec::new());
        match scheme {
            MinHashScheme::Permutations => {
                for _ in 0..permutations {
                    a.push(draw(1) as u32);
                    b.push(draw(0) as u32);
                }
            }
            MinHashScheme::OnePermutation => {
                for bin in 0..permutations {
                    let seq = (0..DONOR_TRIES)
                        .map(|_| fast_range(draw(0) as u32, permutations) as u16)
                        .filter(|&d| usize::from(d) != bin)
                        .collect();
                    donors.push(seq);
                }
            }
        }
        MinHasher {
            shingle_words,
            scheme,
            permutations,
            a,
            b,
            donors,
        }
    }

    /// The signature of `text`, using `words` as scratch space.
    pub(crate) fn signature(&self, text: &str, words: &mut Words) -> Signature {
        words.fill(text);
        let mut mins = vec![u32::MAX; self.permutations];
        let mut any = false;
        match self.scheme {
            MinHashScheme::Permutations => words.for_each_shingle(self.shingle_words, |h| {
                any = true;
                let h = h >> 33;
                // Written so that the compiler vectorises it: a 32×32→64-bit
                // multiply, one Mersenne fold and a branch-free subtraction.
                for ((m, &a), &b) in mins.iter_mut().zip(&self.a).zip(&self.b) {
                    *m = (*m).min(permute(a, b, h));
                }
            }),
            MinHashScheme::OnePermutation => {
                words.for_each_shingle(self.shingle_words, |h| {
                    any = true;
                    let bin = fast_range((h >> 32) as u32, self.permutations);
                    let m = &mut mins[bin];
                    *m = (*m).min((h as u32) >> 1);
                });
                if any {
                    self.densify(&mut mins);
                }
            }
        }
        if !any {
            mins.clear();
        }
        Signature(mins)
    }

    /// Optimal densification (Shrivastava 2017): an empty bin takes the
    /// value of the first non-empty bin in its fixed donor sequence, so two
    /// texts agree there with probability equal to their Jaccard similarity.
    fn densify(&self, mins: &mut [u32]) {
        let filled: Vec<bool> = mins.iter().map(|&m| m != u32::MAX).collect();
        for (bin, donors) in self.donors.iter().enumerate() {
            if filled[bin] {
                continue;
            }
            let k = mins.len();
            let donor = donors
                .iter()
                .map(|&d| usize::from(d))
                .find(|&d| filled[d])
                // Vanishingly rare: the next filled bin after this one.
                .or_else(|| (1..k).map(|i| (bin + i) % k).find(|&d| filled[d]));
            if let Some(d) = donor {
                mins[bin] = mins[d];
            }
        }
    }
}

/// `x · n / 2³²`: maps 32 random bits to `0..n` without a division.
fn fast_range(x: u32, n: usize) -> usize {
    ((u64::from(x) * n as u64) >> 32) as usize
}

/// `(a·h + b) mod (2³¹ − 1)` for `a, b < 2³¹ − 1` and `h < 2³¹`.
#[inline(always)]
fn permute(a: u32, b: u32, h: u64) -> u32 {
    // x ≤ 2⁶² − 2³², so the fold y is below 2·PRIME and fits 32 bits.
    let x = u64::from(a) * h + u64::from(b);
    let y = ((x & PRIME) + (x >> 31)) as u32;
    // y − PRIME when y ≥ PRIME; otherwise the subtraction wraps above y.
    y.min(y.wrapping_sub(PRIME as u32))
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permute_matches_remainder() {
        let (p32, h_max) = (PRIME as u32, (1u64 << 31) - 1);
        for (a, b, h) in [
            (1, 0, 0),
            (p32 - 1, p32 - 1, h_max),
            (p32 - 1, 0, h_max),
            (1, p32 - 1, 1),
            (12_345, 678, PRIME),
            (1 << 30, 1 << 30, 2),
        ] {
            let want = (u64::from(a) * h + u64::from(b)) % PRIME;
            assert_eq!(u64::from(permute(a, b, h)), want, "{a} {b} {h}");
        }
    }

    #[test]
    fn coefficients_are_fixed_and_in_range() {
        let m = MinHasher::new(5, 128, MinHashScheme::Permutations);
        assert!(m.a.iter().all(|&a| (1..PRIME).contains(&u64::from(a))));
        assert!(m.b.iter().all(|&b| u64::from(b) < PRIME));
        assert_eq!(m.a, MinHasher::new(3, 128, MinHashScheme::Permutations).a);
    }

    #[test]
    fn empty_text_has_empty_signature() {
        for scheme in [MinHashScheme::Permutations, MinHashScheme::OnePermutation] {
            let m = MinHasher::new(5, 16, scheme);
            let mut w = Words::default();
            assert!(m.signature("", &mut w).is_empty());
            assert!(m.signature(" -- ... ", &mut w).is_empty());
            let one = m.signature("one", &mut w);
            assert_eq!(one.values().len(), 16);
            if scheme == MinHashScheme::OnePermutation {
                // One shingle: every bin densified from the one filled bin.
                assert!(one.values().iter().all(|&v| v == one.values()[0]));
            }
        }
    }
}
