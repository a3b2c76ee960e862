//! One quantity from the parts the rules find at a token: the number, a range
//! partner, the unit (currency, unit, rate or thing counted), the change, the span.

use std::borrow::Cow;

use sitrep_model::Span;

use super::number::Num;
use super::units::{rate_norm, Unit};
use super::{lc, Parser};
use crate::scan::Kind;
use crate::{Change, Quantity};

/// A plain four-digit number that reads as a year.
fn year(n: &Num) -> bool {
    n.plain_int && n.digits == 4 && (1800.0..=2100.0).contains(&n.value)
}

impl Parser<'_> {
    /// Tries a quantity whose number starts at token `i`; returns the token
    /// after what it consumed (a rejected number is consumed too).
    pub(super) fn at(&self, i: usize, out: &mut Vec<Quantity>) -> Option<usize> {
        let n1 = self.number(i)?;
        if self.chained(&n1) {
            return Some(self.skip_chain(n1.end));
        }
        let before = self.before(n1.start);
        let u1 = self.known_unit(n1.end);
        let after1 = u1.as_ref().map_or(n1.end, |u| u.end);
        let mut n2 = None;
        if before.movement.is_none() && !n1.vague {
            if let Some(c) = self.connector(after1, before.range_word.is_some()) {
                if let Some(m) = self
                    .number(c)
                    .filter(|m| !m.vague && !self.chained_after(m))
                {
                    let u2 = self.known_unit(m.end);
                    let units_agree = match (&u1, &u2) {
                        (Some(a), Some(b)) => a.norm == b.norm,
                        (Some(a), None) => a.norm == "percent" || before.range_word.is_some(),
                        _ => true,
                    };
                    let phone = self.is_punct(after1, &["-"])
                        && n1.plain_int
                        && m.plain_int
                        && n1.digits == 3
                        && m.digits == 4;
                    if phone {
                        return Some(m.end);
                    }
                    // "2008 to 29 mpg", "in 2018 to 3.9 million": a year, then a level.
                    let year_then_less =
                        year(&n1) && !year(&m) && (m.value < n1.value || m.scale > 1.0);
                    if units_agree && !year_then_less {
                        n2 = Some(m);
                    }
                }
            }
        }
        let last = n2.unwrap_or(n1);
        let unit = if last.currency.is_some() || n1.currency.is_some() {
            let (cs, ce) = last.currency.or(n1.currency).unwrap_or((0, 0));
            let mut b = String::new();
            let raw = self.between(cs, ce);
            let norm = match self
                .lex
                .currency
                .get(raw)
                .or_else(|| self.lex.currency.get(lc(raw, &mut b)))
            {
                Some(n) => Cow::Borrowed(n.as_str()),
                None => Cow::Owned(raw.to_string()),
            };
            // "$3500 a month": the rate joins the currency; the span still ends at it.
            let rate_end = self.rate(last.end);
            let unit = Unit {
                start: cs,
                end: ce,
                norm,
                known: true,
            };
            Some((unit, rate_end))
        } else {
            let u = if n2.is_some() {
                self.known_unit(last.end)
                    .or_else(|| self.noun_phrase(last.end, last.vague))
                    .or(u1)
            } else {
                u1.or_else(|| self.noun_phrase(n1.end, n1.vague))
            };
            u.map(|u| {
                let e = u.end;
                (u, e)
            })
        };
        // An unknown word glued to the digits ("49ers", "3D", "9AB8") makes a name.
        if last.end < self.toks.len()
            && self.kind(last.end) == Some(Kind::Word)
            && self.attached(last.end)
            && unit.as_ref().is_none_or(|(u, _)| u.start != last.end)
        {
            return Some(self.skip_chain(last.end));
        }
        if self.not_a_quantity(&n1, n2.as_ref(), &before, unit.as_ref().map(|(u, _)| u)) {
            return Some(last.end.max(unit.as_ref().map_or(0, |(_, e)| *e)));
        }
        // "$3500 a month" keeps the rate in the unit text.
        let (unit_text, unit_norm, span_end) = match unit {
            Some((u, rate_end)) => {
                let ut = self.between(u.start, u.end);
                let mut end = u.end.max(last.end);
                // currency before the number and a rate after it, or a rate after the unit
                let rate = if u.start < last.end && rate_end > last.end {
                    Some((last.end, rate_end))
                } else if u.start >= last.end {
                    let r = self.rate(u.end);
                    (r > u.end).then_some((u.end, r))
                } else {
                    None
                };
                let (text, norm) = match rate {
                    Some((rs, re)) => {
                        let rate = self.between(rs, re);
                        end = re;
                        (
                            format!("{ut} {rate}"),
                            format!("{} {}", u.norm, rate_norm(rate)),
                        )
                    }
                    None => (ut.to_string(), u.norm.into_owned()),
                };
                (Some(text), Some(norm), end)
            }
            None => (None, None, last.end),
        };
        let mut start = n1.start;
        if let Some(h) = before.start {
            start = h;
        }
        if n2.is_some() {
            if let Some(r) = before.range_word {
                start = start.min(r);
            }
        }
        let unit_is_percent = unit_norm.as_deref() == Some("percent");
        let change = if let Some(m) = before.movement {
            m
        } else if before.level {
            Change::Equal
        } else if let Some(h) = before.hedge {
            h
        } else if n1.sign < 0 && unit_is_percent {
            Change::Down
        } else if n1.sign > 0 && unit_is_percent {
            Change::Up
        } else if n1.vague {
            Change::More
        } else {
            Change::Equal
        };
        let (value, upper) = match n2 {
            Some(m) => {
                let mut v1 = n1.value;
                if n1.scale == 1.0 && m.scale > 1.0 && n1.value * m.scale <= m.value {
                    v1 *= m.scale;
                }
                (v1, Some(m.value))
            }
            None => (n1.value, None),
        };
        let span = Span::new(self.toks[start].start, self.toks[span_end - 1].end);
        out.push(Quantity {
            surface: self.text[span.start as usize..span.end as usize].to_string(),
            span,
            value,
            upper,
            change,
            unit: unit_text,
            normalized_unit: unit_norm,
            vague: n1.vague,
        });
        Some(span_end)
    }
}
