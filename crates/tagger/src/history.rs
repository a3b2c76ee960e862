//! Document-level hints for the second entity pass: for each capitalised
//! word, the entity types the first pass gave the same word anywhere in the
//! document (so "Simmons" alone is read in the light of "Phil Simmons").

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::gazetteer::word_hash;
use crate::perceptron::IdHasher;

use crate::features::{flag, Sentence};

/// The type index of a BILOU class name (`B-PER` → PER's bit), or none for `O`.
fn type_bit(class: &str, types: &mut Vec<String>) -> Option<u64> {
    let ty = class.get(2..)?;
    let i = match types.iter().position(|t| t == ty) {
        Some(i) => i,
        None => {
            types.push(ty.to_string());
            types.len() - 1
        }
    };
    Some(1 << i.min(15))
}

/// One hint per token of each sentence (0 = none).
pub(crate) fn hints(
    words: &[Vec<&str>],
    described: &[Sentence],
    ner: &[&[u16]],
    classes: &[String],
) -> Vec<Vec<u64>> {
    let mut types = Vec::new();
    let bits: Vec<Option<u64>> = classes.iter().map(|c| type_bit(c, &mut types)).collect();
    // Word → (types seen, count per type bit position).
    let mut seen: HashMap<u64, (u64, [u16; 8]), BuildHasherDefault<IdHasher>> = HashMap::default();
    for (w, tags) in words.iter().zip(ner) {
        for (word, &t) in w.iter().zip(tags.iter()) {
            if let Some(Some(b)) = bits.get(t as usize) {
                let e = seen.entry(word_hash(word)).or_default();
                e.0 |= b;
                let k = b.trailing_zeros() as usize;
                if k < 8 {
                    e.1[k] = e.1[k].saturating_add(1);
                }
            }
        }
    }
    words
        .iter()
        .zip(described)
        .map(|(w, s)| {
            w.iter()
                .zip(&s.tokens)
                .map(|(word, t)| {
                    if t.flags & (flag::INIT_CAP | flag::ALL_CAP) == 0 {
                        return 0;
                    }
                    match seen.get(&word_hash(word)) {
                        Some((mask, counts)) => {
                            let majority = counts
                                .iter()
                                .enumerate()
                                .max_by_key(|(_, c)| **c)
                                .map_or(0, |(i, _)| i as u64);
                            (1 << 20) | (majority << 16) | mask
                        }
                        None => 1 << 21,
                    }
                })
                .collect()
        })
        .collect()
}
