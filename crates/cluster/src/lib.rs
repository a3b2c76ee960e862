//! The story layer: which articles are copies of one another
//! ([`dedup`]: MinHash over word shingles, LSH bands) and which tell the
//! same story ([`story`]: online clustering of articles into stories).

pub mod dedup;
pub mod story;

pub use dedup::{Dedup, DedupConfig, DedupError, Family, Signature};
