//! The number grammar: a currency prefix, a sign, digits ("8,796", "2.3",
//! "1/2", "1.99×10−30") with suffixes and scales ("$5bn", "2.3 million"), or
//! number words ("twenty-eight thousand", "a dozen", "two thirds") and vague
//! amounts ("dozens", "tens of thousands").

use super::{has_upper, Parser};
use crate::scan::Kind;

/// A number read at some token (its value is finite).
#[derive(Debug, Clone, Copy)]
pub(super) struct Num {
    /// First token (currency, sign or the number itself).
    pub start: usize,
    /// One past the last token of the number and its scales.
    pub end: usize,
    pub value: f64,
    /// The product of the scales applied ("2.3 million" → 1e6).
    pub scale: f64,
    /// Token range of a currency prefix.
    pub currency: Option<(usize, usize)>,
    /// Digits only: no comma, decimal point, sign or scale.
    pub plain_int: bool,
    pub digits: usize,
    pub sign: i8,
    pub vague: bool,
}

/// Digits with thousands commas and a decimal part, as a number.
fn parse_digits(raw: &str) -> Option<f64> {
    if !raw.contains(',') {
        return raw.parse().ok();
    }
    let mut buf = [0u8; 64];
    let mut n = 0;
    for b in raw.bytes().filter(|b| *b != b',') {
        if n == buf.len() {
            let clean: String = raw.chars().filter(|c| *c != ',').collect();
            return clean.parse().ok();
        }
        buf[n] = b;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()?.parse().ok()
}

impl Parser<'_> {
    /// A currency prefix of one to three tokens at `i`: its length.
    fn currency_at(&self, i: usize) -> Option<usize> {
        let t = self.toks.get(i)?;
        let plausible = match t.kind {
            Kind::Punct => true,
            Kind::Word => has_upper(self.s(i)) && self.s(i).len() <= 3,
            Kind::Num => false,
        };
        if !plausible || !self.lex.currency_first.starts(self.s(i)) {
            return None;
        }
        // The most tokens that still begin some currency: no longer run can be one.
        let mut longest = 0;
        for k in 1..=3 {
            if i + k > self.toks.len()
                || !self.lex.currency_prefixes.contains(self.between(i, i + k))
            {
                break;
            }
            longest = k;
        }
        for k in (1..=longest).rev() {
            let raw = self.between(i, i + k);
            if raw.as_bytes().windows(2).any(|w| w == b"  ") || raw.contains('\n') {
                continue;
            }
            if self.lex.currency.contains_key(raw) {
                let next = i + k;
                let num_next = matches!(self.kind(next), Some(Kind::Num))
                    || (self.is_punct(next, &["-"]) && self.kind(next + 1) == Some(Kind::Num));
                if num_next {
                    return Some(k);
                }
            }
        }
        None
    }

    /// A number at `i`: currency, sign, digits or words, scales.
    pub(super) fn number(&self, i: usize) -> Option<Num> {
        let mut j = i;
        let currency = self.currency_at(j).map(|k| {
            j += k;
            (i, i + k)
        });
        let mut sign = 0i8;
        if self.is_punct(j, &["-", "−", "+"])
            && self.kind(j + 1) == Some(Kind::Num)
            && self.attached(j + 1)
            && (self.toks[j].gap || currency.is_some() || self.is_punct(j.wrapping_sub(1), &["("]))
        {
            sign = if self.s(j) == "+" { 1 } else { -1 };
            j += 1;
        } else if self.is_word(j, "minus") {
            let k = if self.is_punct(j + 1, &["-"]) {
                j + 2
            } else {
                j + 1
            };
            if self.kind(k) == Some(Kind::Num) {
                sign = -1;
                j = k;
            }
        }
        let n = match self.kind(j)? {
            Kind::Num => self.digits(i, j, currency, sign),
            Kind::Word if currency.is_none() && sign == 0 => self.words(i),
            _ => None,
        }?;
        // Too large for an f64 ("1" and 400 zeros, "0×10400"): no quantity.
        n.value.is_finite().then_some(n)
    }

    fn digits(
        &self,
        start: usize,
        j: usize,
        currency: Option<(usize, usize)>,
        sign: i8,
    ) -> Option<Num> {
        let raw = self.s(j);
        let mut value = parse_digits(raw)?;
        if sign < 0 {
            value = -value;
        }
        let plain_int = sign == 0 && raw.bytes().all(|b| b.is_ascii_digit());
        let digits = raw.bytes().filter(u8::is_ascii_digit).count();
        let mut end = j + 1;
        let mut scale = 1.0;
        // "1/2": a small fraction.
        if self.is_punct(end, &["/"])
            && self.attached(end)
            && self.kind(end + 1) == Some(Kind::Num)
            && self.attached(end + 1)
            && plain_int
            && digits <= 2
            && self.s(end + 1).len() <= 2
            && !(self.is_punct(end + 2, &["/"]) && self.attached(end + 2))
        {
            let den: f64 = self.s(end + 1).parse().ok()?;
            if den > 0.0 {
                value /= den;
                end += 2;
            }
        }
        // "1.99×10−30": times a power of ten.
        if self.is_punct(end, &["×"])
            && self.attached(end)
            && self.s(end + 1) == "10"
            && self.attached(end + 1)
        {
            let mut e = end + 2;
            let mut neg = false;
            if self.is_punct(e, &["−", "-"]) && self.attached(e) {
                neg = true;
                e += 1;
            }
            if self.kind(e) == Some(Kind::Num) && self.attached(e) {
                let exp: i32 = self.s(e).parse().unwrap_or(0);
                value *= 10f64.powi(if neg { -exp } else { exp });
                end = e + 1;
            }
        }
        // A suffix glued to the digits.
        if self.kind(end) == Some(Kind::Word) && self.attached(end) {
            let w = self.s(end);
            if matches!(self.lw(end), "st" | "nd" | "rd" | "th" | "s" | "am" | "pm") {
                return None;
            }
            if let Some(&s) = self.lex.suffixes.get(w) {
                let metre =
                    matches!(w, "m" | "M") && currency.is_none() && !self.million_follows(end + 1);
                if !metre {
                    value *= s;
                    scale *= s;
                    end += 1;
                }
            }
        }
        // Scale words after a space: "2.3 million", "4 hundred million", "8 B people".
        loop {
            if self.kind(end) != Some(Kind::Word) || !self.toks[end].gap {
                break;
            }
            let s = self.info(end).and_then(|w| w.scale).or_else(|| {
                self.lex
                    .spaced_suffixes
                    .get(self.s(end))
                    .copied()
                    .filter(|_| self.kind(end + 1) == Some(Kind::Word))
            });
            match s {
                Some(s) => {
                    value *= s;
                    scale *= s;
                    end += 1;
                }
                None => break,
            }
        }
        Some(Num {
            start,
            end,
            value,
            scale,
            currency,
            plain_int: plain_int && scale == 1.0,
            digits,
            sign,
            vague: false,
        })
    }

    /// After "37m" / "2.7m": a word (not a stop word, or "of") makes the m a million.
    fn million_follows(&self, i: usize) -> bool {
        if self.kind(i) != Some(Kind::Word) || !self.toks[i].gap {
            return false;
        }
        self.lw(i) == "of" || !self.word_is(i, |w| w.stop)
    }

    /// Number words: "twenty-eight thousand six hundred", "a dozen", "two
    /// thirds", "one", and vague amounts ("dozens", "tens of thousands").
    fn words(&self, i: usize) -> Option<Num> {
        let first = self.lw(i);
        if !self.lex.starter_sig.may_contain(first) {
            return None;
        }
        let info = self.info(i).filter(|w| w.starter)?;
        let num = |end, value, scale, vague| Num {
            start: i,
            end,
            value,
            scale,
            currency: None,
            plain_int: false,
            digits: 0,
            sign: 0,
            vague,
        };
        if let Some(v) = info.vague {
            let needs_of = matches!(first, "scores" | "tens");
            let of_next = self.is_word(i + 1, "of");
            if needs_of && !of_next {
                return None;
            }
            let mut value = v;
            let mut end = i + 1;
            // "tens of thousands", "hundreds of millions"
            while self.is_word(end, "of") {
                match self.info(end + 1).and_then(|w| w.vague) {
                    Some(m) if m >= 100.0 => {
                        value *= m;
                        end += 2;
                    }
                    _ => break,
                }
            }
            return Some(num(end, value, 1.0, true));
        }
        if first == "dozen" {
            return None;
        }
        let mut k = i;
        let mut total = 0.0;
        let mut current = 0.0;
        let mut any = false;
        let mut scale = 1.0;
        if first == "a" || first == "an" {
            let next_ok = self.word_is(i + 1, |w| w.scale.is_some())
                || self.is_word(i + 1, "dozen")
                || self.word_is(i + 1, |w| w.fraction.is_some());
            if !next_ok {
                return None;
            }
            current = 1.0;
            any = true;
            k = i + 1;
        }
        loop {
            match self.kind(k) {
                Some(Kind::Word) => {
                    let w = self.info(k);
                    if let Some(v) = w.and_then(|w| w.number) {
                        if self.lw(k) == "dozen" {
                            current = if current == 0.0 { 12.0 } else { current * 12.0 };
                        } else {
                            current += v;
                        }
                        any = true;
                        k += 1;
                    } else if let (Some(s), true) = (w.and_then(|w| w.scale), any) {
                        if s < 1000.0 {
                            current = current.max(1.0) * s;
                        } else {
                            total += current.max(1.0) * s;
                            current = 0.0;
                        }
                        scale *= s;
                        k += 1;
                    } else if let (Some(f), true) = (w.and_then(|w| w.fraction), any) {
                        // "a third-party" is no fraction
                        if self.is_punct(k + 1, &["-"]) && self.attached(k + 1) {
                            return None;
                        }
                        let value = (total + current) * f;
                        return Some(num(k + 1, value, 1.0, false));
                    } else if self.lw(k) == "and"
                        && any
                        && self.word_is(k + 1, |w| w.number.is_some())
                        && k > i
                    {
                        k += 1;
                    } else {
                        break;
                    }
                }
                Some(Kind::Punct)
                    if any
                        && self.s(k) == "-"
                        && self.attached(k)
                        && self.attached(k + 1)
                        && self.word_is(k + 1, |w| w.number.is_some() || w.fraction.is_some()) =>
                {
                    k += 1;
                }
                _ => break,
            }
        }
        if !any || k == i {
            return None;
        }
        // "a three-bed flat", "a five-year deal": an adjective, not a count;
        // "one 52,000-tonne ship": the digits are the count.
        if (self.is_punct(k, &["-"]) && self.attached(k) && self.attached(k + 1))
            || self.kind(k) == Some(Kind::Num)
        {
            return None;
        }
        // "one" as a pronoun: "no one", "this one", "one another".
        if first == "one" && k == i + 1 {
            let prev_pronoun = i > 0
                && matches!(
                    self.lw(i - 1),
                    "no" | "any" | "every" | "some" | "this" | "that" | "the" | "which" | "each"
                );
            if prev_pronoun
                || self.is_word(i + 1, "another")
                || has_upper(self.s(i)) && i > 0 && !self.sentence_start(i)
            {
                return None;
            }
        }
        Some(num(k, total + current, scale, false))
    }
}

#[cfg(test)]
mod tests {
    use super::parse_digits;
    use crate::quantities;

    #[test]
    fn digits_drop_thousands_commas() {
        assert_eq!(parse_digits("8,796"), Some(8796.0));
        assert_eq!(parse_digits("1,234,567.5"), Some(1_234_567.5));
        assert_eq!(parse_digits(".5"), Some(0.5));
        let long = format!("1{}", ",000".repeat(30));
        assert_eq!(parse_digits(&long), Some(1e90));
    }

    #[test]
    fn numbers_too_large_for_f64_are_no_quantities() {
        let huge = format!("{} people", "9".repeat(400));
        assert!(quantities(&huge).is_empty());
        // Scales in a row add up ("a million million" is two million).
        let scales = format!("a{} people", " million".repeat(400));
        assert_eq!(quantities(&scales)[0].value, 4e8);
        let q = quantities("It weighs 1.99×10−30 kg.");
        assert!((q[0].value - 1.99e-30).abs() < 1e-40, "{q:?}");
    }

    #[test]
    fn a_times_sign_at_the_end_is_no_exponent() {
        let q = quantities("They counted 1,234×");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].value, 1234.0);
    }
}
