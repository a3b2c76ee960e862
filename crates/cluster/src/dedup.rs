//! Near-duplicate articles: syndicated and lightly edited copies of one
//! story are grouped into a [`Family`]; every copy (every outlet) is kept as a
//! member, none is dropped.
//!
//! # The algorithm
//!
//! 1. **Normalised words** ([`normalise`]). Letters and digits are kept and
//!    lower-cased; whitespace, dashes, slashes, brackets and the like end a
//!    word; apostrophes, dots, commas and every other character are dropped
//!    (`"U.S.-backed"` → `us backed`, `"Kyiv's"` → `kyivs`). The words are
//!    joined by one space.
//! 2. **Shingles.** Every run of [`DedupConfig::shingle_words`] consecutive
//!    words (k = 5 by default: long enough that two unrelated articles
//!    rarely share one, short enough that one changed word spoils only five)
//!    is hashed with xxh3-64 over its UTF-8 bytes (the words joined by one
//!    space). A text of fewer than k words (but at least one) is one
//!    shingle; a text without words has no shingles, and its article is
//!    always a family of its own.
//! 3. **MinHash** ([`Signature`], [`DedupConfig::permutations`] = 128
//!    values). By default ([`MinHashScheme::OnePermutation`]) each shingle
//!    hash falls in one of 128 bins and the signature keeps each bin's
//!    minimum; empty bins are filled by optimal densification. The classic
//!    scheme ([`MinHashScheme::Permutations`]) keeps the minimum of 128
//!    permutations `(a_i·h + b_i) mod (2³¹ − 1)`; it gives the same
//!    estimates, but its signatures take about four times as long. Both
//!    draw their constants with SplitMix64 from a fixed seed, so signatures
//!    are the same on every run and platform, and two signatures agree in a
//!    position with probability equal to the Jaccard similarity of the
//!    shingle sets.
//! 4. **LSH.** The first `bands × rows` values are cut into
//!    [`DedupConfig::bands`] bands of [`DedupConfig::rows`]; each band is
//!    hashed (xxh3, seeded by the band number) to a 32-bit tag. Two articles
//!    with the same tag are candidates (two different bands colliding on 32
//!    bits adds a few false candidates, which the check discards). A pair of Jaccard `s` becomes a
//!    candidate with probability `1 − (1 − s^r)^b`; with the defaults b = 25,
//!    r = 5 that is 0.06 at s = 0.3, 0.55 at 0.5, 0.87 at 0.6, 0.99 at 0.7
//!    and > 0.999 at 0.8. The knee of the S-curve, `(1/b)^(1/r)` ≈ 0.53, is
//!    put well below the threshold on purpose: the band step is only there
//!    to find pairs, and misses there are lost for good, whereas false
//!    candidates cost one cheap check each.
//! 5. **Check.** A candidate pair is linked when its estimated Jaccard (the
//!    share of agreeing signature positions, on all
//!    [`DedupConfig::permutations`]) reaches [`DedupConfig::threshold`]
//!    (0.7 by default: a copy that changed a headline, a few words and
//!    dropped or added a paragraph of a 300-word story stays above it; two
//!    articles on one event written apart stay far below). The index keeps
//!    16 bits of each signature value (b-bit MinHash, half the memory), which
//!    adds a chance agreement of 2⁻¹⁶·(1 − J) to the estimate: negligible,
//!    so it is not corrected for.
//! 6. **Families.** Linked articles are joined with union–find; a family is
//!    a connected component of the graph of linked pairs.
//!
//! **Order-independent.** Whether two articles are candidates, and whether a
//! candidate pair is linked, depends on the two signatures only, so the
//! families are the same sets whatever order articles are added in (a pair
//! already in one family is not checked again, which changes no component).
//! A family's id is its smallest member id.
//!
//! **Incremental.** The band tables, the signatures' fingerprints and the
//! union–find are kept, so articles added tomorrow join today's families;
//! the whole index is serde-serialisable.
//!
//! ```
//! use sitrep_cluster::dedup::{Dedup, DedupConfig};
//!
//! let mut dedup = Dedup::new(DedupConfig::default()).unwrap();
//! let wire = "Rescue teams worked through the night to reach villages cut off by the floods \
//!             in the north of the province, where the river burst its banks after the heaviest \
//!             rain recorded since 2011, officials said on Tuesday.";
//! let copy = wire.replace("officials said on Tuesday", "officials said on Tuesday evening");
//! for (id, text) in [(1u32, wire), (2, copy.as_str()), (3, "Prices rose again.")] {
//!     dedup.add(id, &dedup.signature(text)).unwrap();
//! }
//! let families = dedup.families();
//! assert_eq!(families.len(), 2);
//! assert_eq!(families[0].members, vec![1, 2]);
//! ```

mod index;
mod minhash;
mod shingle;

use serde::{Deserialize, Serialize};

pub use index::{Dedup, Family};
pub use minhash::Signature;
pub use shingle::normalise;

/// Errors of the near-duplicate stage.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DedupError {
    /// A setting is out of range; the message names it.
    #[error("dedup config: {0}")]
    Config(String),
    /// A signature made with other settings (another number of permutations).
    #[error("signature has {found} values, this index uses {expected}")]
    SignatureLength { expected: usize, found: usize },
    /// A stored index that does not hold together.
    #[error("dedup index state: {0}")]
    State(String),
}

pub type Result<T, E = DedupError> = std::result::Result<T, E>;

/// Settings of the near-duplicate stage. Unknown keys are an error; missing
/// keys take the defaults documented on each field. Changing any of them
/// changes the signatures: an index only takes signatures made with its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DedupConfig {
    /// Words per shingle, k (default 5, at least 1).
    pub shingle_words: usize,
    /// How the signature values are drawn (default `one-permutation`).
    pub scheme: MinHashScheme,
    /// MinHash permutations, the signature's length (default 128, 1–1024).
    pub permutations: usize,
    /// LSH bands, b (default 25). `bands × rows` must not exceed
    /// `permutations`; the rest only sharpen the Jaccard estimate.
    pub bands: usize,
    /// Signature values per band, r (default 5, 1–64).
    pub rows: usize,
    /// Estimated Jaccard similarity of the shingle sets at or above which
    /// two candidates are near-duplicates (default 0.7, in (0, 1]).
    pub threshold: f64,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            shingle_words: 5,
            scheme: MinHashScheme::OnePermutation,
            permutations: 128,
            bands: 25,
            rows: 5,
            threshold: 0.7,
        }
    }
}

/// How a signature's values are drawn. Both give values that agree between
/// two texts with probability equal to the Jaccard similarity of their
/// shingle sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MinHashScheme {
    /// One-permutation hashing (Li, Owen & Zhang 2012) with optimal
    /// densification (Shrivastava 2017): the shingle's xxh3 hash picks one
    /// of the `permutations` bins (its high 32 bits) and competes for that
    /// bin's minimum (its low 32 bits, halved); an empty bin copies the value
    /// of the first filled bin of a fixed random sequence of its own. One
    /// hash per shingle instead of one per shingle and permutation: about
    /// four times faster on 300-word articles, same estimates.
    OnePermutation,
    /// Classic MinHash: `permutations` independent permutations
    /// `(a_i·h + b_i) mod (2³¹ − 1)` of the top 31 bits of the shingle hash,
    /// the minimum of each.
    Permutations,
}

impl DedupConfig {
    /// Checks that the settings are in range.
    pub fn validate(&self) -> Result<()> {
        let fail = |m: String| Err(DedupError::Config(m));
        if self.shingle_words == 0 {
            return fail("shingle_words must be at least 1".into());
        }
        if !(1..=1024).contains(&self.permutations) {
            return fail(format!(
                "permutations must be 1–1024, not {}",
                self.permutations
            ));
        }
        if self.bands == 0 || !(1..=64).contains(&self.rows) {
            return fail(format!(
                "bands must be at least 1 and rows 1–64, not {} and {}",
                self.bands, self.rows
            ));
        }
        if self.bands.saturating_mul(self.rows) > self.permutations {
            return fail(format!(
                "bands × rows ({} × {}) exceeds permutations ({})",
                self.bands, self.rows, self.permutations
            ));
        }
        if !(self.threshold > 0.0 && self.threshold <= 1.0) {
            return fail(format!(
                "threshold must be in (0, 1], not {}",
                self.threshold
            ));
        }
        Ok(())
    }

    /// Probability that a pair of Jaccard similarity `s` shares at least one
    /// band (the LSH S-curve `1 − (1 − s^r)^b`).
    pub fn candidate_probability(&self, s: f64) -> f64 {
        1.0 - (1.0 - s.powi(self.rows as i32)).powi(self.bands as i32)
    }
}
