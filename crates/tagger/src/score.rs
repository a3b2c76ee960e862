//! conlleval-style scores: entities are maximal runs of `B-X I-X…` (an `I-X`
//! after anything but `X` starts a new entity); an entity counts as found only
//! with exactly the gold type and boundaries.

use std::collections::BTreeMap;

/// Counts for one entity type or overall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Accumulated scores over sentences.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub overall: Counts,
    pub by_type: BTreeMap<String, Counts>,
    pub tokens: usize,
    pub tokens_correct: usize,
}

impl Scores {
    /// Token accuracy in percent.
    pub fn accuracy(&self) -> f64 {
        ratio(self.tokens_correct, self.tokens)
    }

    /// Adds one sentence of gold and predicted tags (same length).
    pub fn add(&mut self, gold: &[&str], predicted: &[&str]) {
        let g = chunks(gold);
        let p = chunks(predicted);
        self.tokens += gold.len();
        self.tokens_correct += gold.iter().zip(predicted).filter(|(a, b)| a == b).count();
        for c in &g {
            self.overall.gold += 1;
            self.by_type.entry(c.2.to_string()).or_default().gold += 1;
        }
        for c in &p {
            self.overall.predicted += 1;
            let e = self.by_type.entry(c.2.to_string()).or_default();
            e.predicted += 1;
            if g.contains(c) {
                self.overall.correct += 1;
                e.correct += 1;
            }
        }
    }
}

/// Entity spans `(start, end exclusive, type)` of an IOB1/IOB2 sequence.
pub fn chunks<'a>(tags: &[&'a str]) -> Vec<(usize, usize, &'a str)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, &str)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (p, ty) = match t.split_once('-') {
            Some((p, ty)) => (p, ty),
            None => ("O", ""),
        };
        let continues = p == "I" && cur.is_some_and(|(_, c)| c == ty);
        if !continues {
            if let Some((s, c)) = cur.take() {
                out.push((s, i, c));
            }
            if p == "B" || p == "I" {
                cur = Some((i, ty));
            }
        }
    }
    if let Some((s, c)) = cur {
        out.push((s, tags.len(), c));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_follow_conlleval() {
        let t = ["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"];
        assert_eq!(
            chunks(&t),
            vec![(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "ORG")]
        );
    }

    #[test]
    fn exact_match_only() {
        let mut s = Scores::default();
        s.add(&["B-PER", "I-PER", "O"], &["B-PER", "O", "O"]);
        assert_eq!(s.overall.gold, 1);
        assert_eq!(s.overall.predicted, 1);
        assert_eq!(s.overall.correct, 0);
        s.add(&["B-LOC"], &["B-LOC"]);
        assert!((s.overall.f1() - 50.0).abs() < 1e-9);
        assert_eq!(s.tokens, 4);
        assert_eq!(s.tokens_correct, 3);
    }
}
