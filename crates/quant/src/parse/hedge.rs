//! What stands before a number: a hedge ("more than", "about", "sub-"), a
//! verb of movement ("rose", "fell by"), "to" before a level, "between" or
//! "from" opening a range; and the connectors of a range ("-", "to", "and").

use super::Parser;
use crate::scan::Kind;
use crate::Change;

/// What stands before a number.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Before {
    /// First token of the hedge (or of "between"/"from").
    pub start: Option<usize>,
    pub hedge: Option<Change>,
    pub movement: Option<Change>,
    /// "between" or "from" right before the number (after any hedge).
    pub range_word: Option<usize>,
    /// "to" right before: the number is a level reached.
    pub level: bool,
}

impl Parser<'_> {
    /// Token `t` as part of a hedge phrase: a word in lower case, or "~",
    /// "≈" or ".".
    fn hedge_piece(&self, t: usize) -> Option<&str> {
        match self.kind(t)? {
            Kind::Word => Some(self.lw(t)),
            Kind::Punct if matches!(self.s(t), "~" | "≈" | ".") => Some(self.s(t)),
            _ => None,
        }
    }

    /// The longest hedge of the tables that ends right before token `k`: its
    /// length in tokens and its change.
    fn hedge_before(&self, k: usize) -> Option<(usize, Change)> {
        let most = self.lex.hedge_words.min(k);
        // Only runs of words and hedge punctuation can be hedges.
        let mut run = 0;
        while run < most && self.hedge_piece(k - 1 - run).is_some() {
            run += 1;
        }
        if run == 0 || !self.lex.hedge_tails.contains(self.hedge_piece(k - 1)?) {
            return None;
        }
        let mut phrase = String::new();
        for w in (1..=run).rev() {
            phrase.clear();
            for t in k - w..k {
                if self.kind(t) == Some(Kind::Word) && !phrase.is_empty() {
                    phrase.push(' ');
                }
                phrase.push_str(self.hedge_piece(t)?);
            }
            if let Some(&c) = self.lex.hedges.get(phrase.as_str()) {
                return Some((w, c));
            }
        }
        None
    }

    /// Hedge, movement and range words before token `s`.
    pub(super) fn before(&self, s: usize) -> Before {
        let mut out = Before::default();
        let mut k = s;
        // "sub-300"
        if k >= 2 && self.is_punct(k - 1, &["-"]) && self.attached(k) && self.is_word(k - 2, "sub")
        {
            out.hedge = Some(Change::Less);
            out.start = Some(k - 2);
            k -= 2;
        } else if let Some((w, c)) = self.hedge_before(k) {
            out.hedge = Some(c);
            out.start = Some(k - w);
            k -= w;
        }
        if k > 0 && (self.is_word(k - 1, "between") || self.is_word(k - 1, "from")) {
            out.range_word = Some(k - 1);
            k -= 1;
        }
        if out.range_word.is_some() {
            return out;
        }
        if k > 0 && self.is_word(k - 1, "to") && out.hedge.is_none() {
            out.level = true;
            return out;
        }
        if k > 0 && self.is_word(k - 1, "by") {
            k -= 1;
        }
        if k > 0 {
            out.movement = self.info(k - 1).and_then(|w| w.movement);
        }
        out
    }

    /// A range connector at `i` ("-", "–", "to", "-to-", "and" after
    /// "between"): the token after it.
    pub(super) fn connector(&self, i: usize, between: bool) -> Option<usize> {
        let t = self.toks.get(i)?;
        match t.kind {
            Kind::Punct if matches!(self.s(i), "-" | "–" | "—") => {
                let next_gap = self.toks.get(i + 1)?.gap;
                if self.is_word(i + 1, "to") && self.is_punct(i + 2, &["-"]) {
                    return Some(i + 3);
                }
                (t.gap == next_gap && self.kind(i + 1) != Some(Kind::Word)).then_some(i + 1)
            }
            Kind::Word if self.is_word(i, "to") => {
                if self.is_punct(i + 1, &["-"]) && self.attached(i + 1) {
                    Some(i + 2)
                } else {
                    Some(i + 1)
                }
            }
            Kind::Word if between && self.is_word(i, "and") => Some(i + 1),
            _ => None,
        }
    }
}
