//! Numbers that are no quantities: glued to other numbers or names (clock
//! times, dates, versions, codes, "49ers"), years, dates ("Oct. 31"), clock
//! times ("3 p.m."), names ("FTSE 100"), addresses and bare numbers in brackets.

use super::hedge::Before;
use super::number::Num;
use super::units::Unit;
use super::{has_upper, Parser};
use crate::scan::Kind;

impl Parser<'_> {
    /// Past the tokens glued to `i` (a name or identifier such as "9AB8").
    pub(super) fn skip_chain(&self, mut i: usize) -> usize {
        while i < self.toks.len() && self.attached(i) && self.kind(i) != Some(Kind::Punct) {
            i += 1;
        }
        i
    }

    /// The number glues to other numbers by ":", "/", "-" or "." on both
    /// sides (clock times, dates, versions, codes), or to a name before it.
    pub(super) fn chained(&self, n: &Num) -> bool {
        let first_digit = n.start + usize::from(n.currency.is_some()) + usize::from(n.sign != 0);
        let first_digit = first_digit.min(n.end.saturating_sub(1));
        if self.kind(first_digit) != Some(Kind::Num) {
            return false;
        }
        let p = first_digit;
        if p > 0 && self.attached(p) && n.currency.is_none() && n.sign == 0 {
            match self.kind(p - 1) {
                Some(Kind::Word) => return true,
                Some(Kind::Punct) => {
                    let c = self.s(p - 1);
                    if matches!(c, ":" | "/" | "." | "-")
                        && p >= 2
                        && self.attached(p - 1)
                        && matches!(self.kind(p - 2), Some(Kind::Num | Kind::Word))
                    {
                        if c == "-" && self.kind(p - 2) == Some(Kind::Word) {
                            return !matches!(self.lw(p - 2), "minus" | "sub" | "to" | "from");
                        }
                        return true;
                    }
                }
                _ => {}
            }
        }
        self.chained_after(n)
    }

    /// The number glues to a following number by ":" or "." ("10:30",
    /// "1.2.3"), or by "/" or "-" twice ("2019-09-01").
    pub(super) fn chained_after(&self, n: &Num) -> bool {
        let e = n.end;
        if self.attached(e) && self.kind(e) == Some(Kind::Punct) {
            let c = self.s(e);
            let next_num = self.attached(e + 1) && self.kind(e + 1) == Some(Kind::Num);
            if next_num {
                match c {
                    ":" | "." => return true,
                    "/" | "-" => {
                        let third = self.attached(e + 2)
                            && self.is_punct(e + 2, &[c])
                            && self.attached(e + 3)
                            && self.kind(e + 3) == Some(Kind::Num);
                        return third;
                    }
                    _ => {}
                }
            }
        }
        false
    }

    /// Years, dates, clock times, names with numbers, bare numbers in brackets.
    pub(super) fn not_a_quantity(
        &self,
        n1: &Num,
        n2: Option<&Num>,
        before: &Before,
        unit: Option<&Unit>,
    ) -> bool {
        let known_unit = unit.is_some_and(|u| u.known);
        let d = n1.start;
        let hedged = before.hedge.is_some();
        // Clock: "3 p.m.", "11 a.m.", "0401 GMT".
        let last_end = n2.map_or(n1.end, |m| m.end);
        if self.clock_at(last_end) {
            return true;
        }
        if n1.currency.is_some() || n1.sign != 0 || n1.vague || n1.digits == 0 {
            return false;
        }
        let year_like =
            |n: &Num| n.plain_int && n.digits == 4 && (1800.0..=2100.0).contains(&n.value);
        if year_like(n1) && !(known_unit || hedged) {
            return true;
        }
        if let Some(m) = n2 {
            if year_like(m) && !(known_unit || hedged) && n1.plain_int {
                return true;
            }
        }
        // Dates: "Oct. 31", "9 May", "March 9".
        if n1.plain_int && n1.digits <= 2 && (1.0..=31.0).contains(&n1.value) {
            let mut p = d;
            if p > 0 && self.is_punct(p - 1, &["."]) {
                p -= 1;
            }
            if p > 0 && self.month(p - 1) {
                return true;
            }
            let mut q = n1.end;
            if self.is_word(q, "of") {
                q += 1;
            }
            if self.month(q) {
                return true;
            }
        }
        if known_unit || hedged || before.movement.is_some() || n1.scale > 1.0 {
            return false;
        }
        // Names: "Euro 2020", "FTSE 100", "Game 6", "page 12".
        if d > 0 && self.kind(d - 1) == Some(Kind::Word) && self.toks[d].gap {
            if self.word_is(d - 1, |w| w.name_before) {
                return true;
            }
            let ordinary = self.word_is(d - 1, |w| {
                w.stop || w.movement.is_some() || w.number.is_some() || w.hedge
            });
            if !ordinary
                && self.s(d - 1).chars().any(char::is_uppercase)
                && !self.sentence_start(d - 1)
            {
                return true;
            }
        }
        // Addresses: "575 Elm Road", "9 E 71st St".
        if n1.plain_int && n2.is_none() {
            let mut q = n1.end;
            let mut seen = 0;
            while seen < 4 && self.kind(q) == Some(Kind::Word) && has_upper(self.s(q)) {
                if self.word_is(q, |w| w.street) {
                    return true;
                }
                q += 1;
                seen += 1;
                if self.kind(q) == Some(Kind::Num) && self.attached(q + 1) {
                    q += 2;
                }
            }
        }
        // "(4)"
        if d > 0 && self.is_punct(d - 1, &["("]) && self.is_punct(n1.end, &[")"]) && unit.is_none()
        {
            return true;
        }
        false
    }

    /// A month name with a capital ("Oct", "March").
    fn month(&self, i: usize) -> bool {
        has_upper(self.s(i)) && self.word_is(i, |w| w.month)
    }

    /// A clock word ("GMT") or "a.m." / "p.m." at `i`.
    fn clock_at(&self, i: usize) -> bool {
        if self.kind(i) != Some(Kind::Word) {
            return false;
        }
        if self.word_is(i, |w| w.clock) {
            return true;
        }
        (self.is_word(i, "a") || self.is_word(i, "p"))
            && self.is_punct(i + 1, &["."])
            && self.is_word(i + 2, "m")
    }
}
