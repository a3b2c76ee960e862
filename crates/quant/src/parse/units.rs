//! What follows a number: a unit from the tables ("5 km", "50mL", "per
//! cent", "barrels of oil"), a rate ("a month", "per share") or the thing
//! counted ("heart transplants", "thousands of people").

use std::borrow::Cow;

use super::{has_upper, lc, Parser};
use crate::scan::Kind;
use crate::unit::singular_into;

/// A unit found after a number.
#[derive(Debug, Clone)]
pub(super) struct Unit {
    /// Token range of the unit as written.
    pub start: usize,
    pub end: usize,
    pub norm: Cow<'static, str>,
    /// From the unit tables (not a guessed noun phrase).
    pub known: bool,
}

/// "a month" → "per month".
pub(super) fn rate_norm(rate: &str) -> String {
    let mut out = String::from("per");
    for w in rate.split_whitespace().skip(1) {
        out.push(' ');
        singular_into(&w.to_lowercase(), &mut out);
    }
    out
}

impl Parser<'_> {
    /// A unit from the tables at `i`, glued ("50mL", "6.1-inch") or spaced
    /// ("5 km", "per cent", "degrees Fahrenheit"): the longest of up to four tokens.
    pub(super) fn known_unit(&self, i: usize) -> Option<Unit> {
        let mut s = i;
        if self.is_punct(s, &["-"]) && self.attached(s) && self.attached(s + 1) {
            s += 1;
        }
        let first = self.toks.get(s)?;
        if first.kind == Kind::Num {
            return None;
        }
        // No key starts with this byte: no run of tokens from here is a unit.
        let head = &self.text[first.start..first.end];
        let mut b = String::new();
        if !self.lex.symbol_first.starts(head)
            && !self
                .lex
                .unit_word_first
                .starts(if first.kind == Kind::Word {
                    self.lw(s)
                } else {
                    lc(head, &mut b)
                })
        {
            return None;
        }
        let mut best: Option<Unit> = None;
        for k in 1..=4 {
            let e = s + k;
            if e > self.toks.len() {
                break;
            }
            if k > 1 && self.toks[e - 1].gap && self.toks[e - 1].start > self.toks[e - 2].end + 1 {
                break;
            }
            if self.kind(e - 1) == Some(Kind::Num) {
                break;
            }
            let raw = self.between(s, e);
            if raw.contains('\n') {
                break;
            }
            let mut b = String::new();
            let lower = if k == 1 && first.kind == Kind::Word {
                self.lw(s)
            } else {
                lc(raw, &mut b)
            };
            // No key starts so: no longer run of tokens is one either.
            if !self.lex.symbol_prefixes.contains(raw)
                && !self.lex.unit_word_prefixes.contains(lower)
            {
                break;
            }
            let norm = self
                .lex
                .symbols
                .get(raw)
                .or_else(|| self.lex.unit_words.get(lower));
            // A symbol must end at a word boundary ("5 m" but not "5 months").
            if let Some(n) = norm {
                best = Some(Unit {
                    start: s,
                    end: e,
                    norm: Cow::Borrowed(n.as_str()),
                    known: true,
                });
            }
        }
        let mut u = best?;
        // "barrels of oil", "pound-feet of torque"
        if u.end - u.start >= 1
            && self.kind(u.start) == Some(Kind::Word)
            && self.s(u.start).len() > 3
            && u.norm != "percent"
            && self.is_word(u.end, "of")
        {
            let mut e = u.end + 1;
            while e < u.end + 3 && self.plain_noun(e) {
                e += 1;
            }
            if e > u.end + 1 {
                u.end = e;
            }
        }
        Some(u)
    }

    /// A lower-case word that can be part of a noun phrase.
    fn plain_noun(&self, i: usize) -> bool {
        if self.kind(i) != Some(Kind::Word) {
            return false;
        }
        let w = self.s(i);
        if has_upper(w) {
            return false;
        }
        let excluded = self.lower_word_is(i, |x| x.stop || x.number.is_some() || x.scale.is_some())
            || (w.len() > 4 && w.ends_with("ly"));
        !excluded
    }

    /// "a month", "per share", "an ounce" after a unit: the token after it.
    pub(super) fn rate(&self, i: usize) -> usize {
        let lead = self.is_word(i, "a") || self.is_word(i, "an") || self.is_word(i, "per");
        if !lead || self.kind(i + 1) != Some(Kind::Word) {
            return i;
        }
        let timeish = matches!(
            self.lw(i + 1),
            "year"
                | "month"
                | "week"
                | "day"
                | "hour"
                | "minute"
                | "second"
                | "ounce"
                | "barrel"
                | "share"
                | "head"
                | "person"
                | "night"
                | "gallon"
                | "litre"
                | "liter"
                | "tonne"
                | "ton"
                | "kilogram"
                | "pound"
                | "mile"
                | "kilometre"
                | "kilometer"
        );
        if timeish || (self.is_word(i, "per") && self.plain_noun(i + 1)) {
            if self.is_word(i, "per")
                && self.is_word(i + 1, "square")
                && self.kind(i + 2) == Some(Kind::Word)
            {
                return i + 3;
            }
            i + 2
        } else {
            i
        }
    }

    /// The thing counted: up to three words after the number ("heart
    /// transplants", "first-team players"), stopping at prepositions, verbs
    /// and punctuation; "of" is skipped after a vague amount or before a
    /// determiner ("thousands of people", "one of the oldest ballparks").
    pub(super) fn noun_phrase(&self, i: usize, vague: bool) -> Option<Unit> {
        let mut s = i;
        if self.is_word(s, "of") {
            let det = matches!(
                self.lw(s + 1),
                "the" | "its" | "his" | "her" | "their" | "our" | "them" | "those" | "these"
            );
            if vague {
                s += 1;
                if det {
                    s += 1;
                }
            } else if det {
                s += 2;
            } else {
                return None;
            }
        }
        if self.is_word(s, "more") || self.is_word(s, "other") {
            s += 1;
        }
        let mut e = s;
        let mut words = 0;
        while words < 3 {
            if self.kind(e) != Some(Kind::Word) || (e > i && !self.toks[e].gap && e == s) {
                break;
            }
            if e == i && !self.toks[e].gap && !self.is_punct(e.wrapping_sub(1), &["-"]) {
                break;
            }
            let w = self.s(e);
            let lw = self.lw(e);
            let upper = has_upper(w);
            if self.word_is(e, |x| {
                x.stop
                    || x.number.is_some()
                    || x.scale.is_some()
                    || x.vague.is_some()
                    || (upper && x.month)
                    || x.clock
            }) || (lw.len() > 4 && lw.ends_with("ly"))
            {
                break;
            }
            // "protesters marched": a past tense after the noun ends the phrase.
            if words > 0 && lw.len() > 4 && lw.ends_with("ed") {
                break;
            }
            e += 1;
            // hyphenated compounds: "first-team", "coal-fired"
            while self.is_punct(e, &["-"])
                && self.attached(e)
                && self.attached(e + 1)
                && self.kind(e + 1) == Some(Kind::Word)
            {
                e += 2;
            }
            words += 1;
        }
        if e == s {
            return None;
        }
        Some(Unit {
            start: s,
            end: e,
            norm: Cow::Owned(crate::normalize_unit(self.between(s, e))),
            known: false,
        })
    }
}
