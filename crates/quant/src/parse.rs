//! The rules: a number (digits, words, scales, currency), what comes before it
//! (hedge, movement, "between"/"from"), a range partner, the unit after it,
//! and the contexts that make a number not a quantity.

use sitrep_model::Span;

use crate::lexicon::{lexicon, Lexicon, Map, Set};
use crate::scan::{tokenize, Kind, Tok};
use crate::unit::singular;
use crate::{Change, Quantity};

/// A number read at some token.
#[derive(Debug, Clone, Copy)]
struct Num {
    /// First token (currency, sign or the number itself).
    start: usize,
    /// One past the last token of the number and its scales.
    end: usize,
    value: f64,
    /// The product of the scales applied ("2.3 million" → 1e6).
    scale: f64,
    /// Token range of a currency prefix.
    currency: Option<(usize, usize)>,
    /// Digits only: no comma, decimal point, sign or scale.
    plain_int: bool,
    digits: usize,
    sign: i8,
    vague: bool,
}

/// A unit found after a number.
#[derive(Debug, Clone)]
struct Unit {
    /// Token range of the unit as written.
    start: usize,
    end: usize,
    norm: String,
    /// From the unit tables (not a guessed noun phrase).
    known: bool,
}

/// What stands before a number.
#[derive(Debug, Clone, Copy, Default)]
struct Before {
    /// First token of the hedge (or of "between"/"from").
    start: Option<usize>,
    hedge: Option<Change>,
    movement: Option<Change>,
    /// "between" or "from" right before the number (after any hedge).
    range_word: Option<usize>,
    /// "to" right before: the number is a level reached.
    level: bool,
}

pub(crate) struct Parser<'t> {
    text: &'t str,
    toks: Vec<Tok>,
    lex: &'static Lexicon,
}

/// `s` in lower case, borrowed when it already is.
fn lc<'a>(s: &'a str, buf: &'a mut String) -> &'a str {
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_uppercase()) {
        return s;
    }
    buf.clear();
    buf.extend(s.chars().flat_map(char::to_lowercase));
    buf
}

fn has_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

impl<'t> Parser<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut toks = Vec::with_capacity(text.len() / 5 + 1);
        tokenize(text, &mut toks);
        Self {
            text,
            toks,
            lex: lexicon(),
        }
    }

    pub fn run(self) -> Vec<Quantity> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            i = match self.at(i, &mut out) {
                Some(next) if next > i => next,
                _ => i + 1,
            };
        }
        out
    }

    fn s(&self, i: usize) -> &'t str {
        let t = self.toks[i];
        &self.text[t.start..t.end]
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn is_punct(&self, i: usize, chars: &[&str]) -> bool {
        self.kind(i) == Some(Kind::Punct) && chars.contains(&self.s(i))
    }

    /// Token `i` is a word whose lower case is `w`.
    fn is_word(&self, i: usize, w: &str) -> bool {
        self.kind(i) == Some(Kind::Word) && self.s(i).eq_ignore_ascii_case(w)
    }

    /// Token `i` touches the token before it.
    fn attached(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.gap)
    }

    fn word_in(&self, i: usize, set: &Set) -> bool {
        if self.kind(i) != Some(Kind::Word) {
            return false;
        }
        let mut b = String::new();
        set.contains(lc(self.s(i), &mut b))
    }

    fn word_value(&self, i: usize, map: &Map<f64>) -> Option<f64> {
        if self.kind(i) != Some(Kind::Word) {
            return None;
        }
        let mut b = String::new();
        map.get(lc(self.s(i), &mut b)).copied()
    }

    /// Tries a quantity whose number starts at token `i`; returns the token
    /// after what it consumed (a rejected number is consumed too).
    fn at(&self, i: usize, out: &mut Vec<Quantity>) -> Option<usize> {
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
                    let year = |n: &Num| {
                        n.plain_int && n.digits == 4 && (1800.0..=2100.0).contains(&n.value)
                    };
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
            let raw = &self.text[self.toks[cs].start..self.toks[ce - 1].end];
            let norm = self
                .lex
                .currency
                .get(raw)
                .or_else(|| self.lex.currency.get(lc(raw, &mut b)))
                .cloned()
                .unwrap_or_else(|| raw.to_string());
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
                    .or(u1.clone())
            } else {
                u1.clone().or_else(|| self.noun_phrase(n1.end, n1.vague))
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
        let (unit_text, unit_norm, span_end) = match &unit {
            Some((u, rate_end)) => {
                let ut = &self.text[self.toks[u.start].start..self.toks[u.end - 1].end];
                let mut text = ut.to_string();
                let mut norm = u.norm.clone();
                let mut end = u.end.max(last.end);
                if u.start < last.end && *rate_end > last.end {
                    // currency before the number, rate after it
                    let rate = &self.text[self.toks[last.end].start..self.toks[rate_end - 1].end];
                    text = format!("{ut} {rate}");
                    norm = format!("{norm} {}", rate_norm(rate));
                    end = *rate_end;
                } else if u.start >= last.end {
                    let r = self.rate(u.end);
                    if r > u.end {
                        let rate = &self.text[self.toks[u.end].start..self.toks[r - 1].end];
                        text = format!("{ut} {rate}");
                        norm = format!("{norm} {}", rate_norm(rate));
                        end = r;
                    }
                }
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

    /// Past the tokens glued to `i` (a name or identifier such as "9AB8").
    fn skip_chain(&self, mut i: usize) -> usize {
        while i < self.toks.len() && self.attached(i) && self.kind(i) != Some(Kind::Punct) {
            i += 1;
        }
        i
    }

    /// The number glues to other numbers by ":", "/", "-" or "." on both
    /// sides (clock times, dates, versions, codes), or to a name before it.
    fn chained(&self, n: &Num) -> bool {
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
                            let mut b = String::new();
                            let w = lc(self.s(p - 2), &mut b);
                            return !matches!(w, "minus" | "sub" | "to" | "from");
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
    fn chained_after(&self, n: &Num) -> bool {
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

    /// A currency prefix of one to three tokens at `i`: its length.
    fn currency_at(&self, i: usize) -> Option<usize> {
        let t = self.toks.get(i)?;
        let plausible = match t.kind {
            Kind::Punct => true,
            Kind::Word => has_upper(self.s(i)) && self.s(i).len() <= 3,
            Kind::Num => false,
        };
        if !plausible {
            return None;
        }
        for k in (1..=3).rev() {
            if i + k > self.toks.len() {
                continue;
            }
            let raw = &self.text[t.start..self.toks[i + k - 1].end];
            if raw.contains("  ") || raw.contains('\n') {
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
    fn number(&self, i: usize) -> Option<Num> {
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
        match self.kind(j)? {
            Kind::Num => self.digits(i, j, currency, sign),
            Kind::Word if currency.is_none() && sign == 0 => self.words(i),
            _ => None,
        }
    }

    fn digits(
        &self,
        start: usize,
        j: usize,
        currency: Option<(usize, usize)>,
        sign: i8,
    ) -> Option<Num> {
        let raw = self.s(j);
        let clean: String = raw.chars().filter(|c| *c != ',').collect();
        let mut value: f64 = clean.parse().ok()?;
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
            let mut b = String::new();
            let lw = lc(w, &mut b);
            if matches!(lw, "st" | "nd" | "rd" | "th" | "s" | "am" | "pm") {
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
            let s = self.word_value(end, &self.lex.scales).or_else(|| {
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
        let mut b = String::new();
        let w = lc(self.s(i), &mut b);
        w == "of" || !self.lex.stop.contains(w)
    }

    /// Number words: "twenty-eight thousand six hundred", "a dozen", "two
    /// thirds", "one", and vague amounts ("dozens", "tens of thousands").
    fn words(&self, i: usize) -> Option<Num> {
        let lex = self.lex;
        let mut fb = String::new();
        let first = lc(self.s(i), &mut fb);
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
        if !lex.starters.contains(first) {
            return None;
        }
        if let Some(&v) = lex.vague.get(first) {
            let needs_of = matches!(first, "scores" | "tens");
            let of_next = self.is_word(i + 1, "of");
            if needs_of && !of_next {
                return None;
            }
            let mut value = v;
            let mut end = i + 1;
            // "tens of thousands", "hundreds of millions"
            while self.is_word(end, "of") {
                match self.word_value(end + 1, &lex.vague) {
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
            let next_ok = self.word_value(i + 1, &lex.scales).is_some()
                || self.is_word(i + 1, "dozen")
                || self.word_value(i + 1, &lex.fractions).is_some();
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
                    let mut b = String::new();
                    let w = lc(self.s(k), &mut b);
                    if let Some(&v) = lex.words.get(w) {
                        if w == "dozen" {
                            current = if current == 0.0 { 12.0 } else { current * 12.0 };
                        } else {
                            current += v;
                        }
                        any = true;
                        k += 1;
                    } else if let (Some(&s), true) = (lex.scales.get(w), any) {
                        if s < 1000.0 {
                            current = current.max(1.0) * s;
                        } else {
                            total += current.max(1.0) * s;
                            current = 0.0;
                        }
                        scale *= s;
                        k += 1;
                    } else if let (Some(&f), true) = (lex.fractions.get(w), any) {
                        // "a third-party" is no fraction
                        if self.is_punct(k + 1, &["-"]) && self.attached(k + 1) {
                            return None;
                        }
                        let value = (total + current) * f;
                        return Some(num(k + 1, value, 1.0, false));
                    } else if w == "and"
                        && any
                        && self.word_value(k + 1, &lex.words).is_some()
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
                        && (self.word_value(k + 1, &lex.words).is_some()
                            || self.word_value(k + 1, &lex.fractions).is_some()) =>
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
            let prev_pronoun = i > 0 && {
                let mut b = String::new();
                matches!(
                    lc(self.s(i - 1), &mut b),
                    "no" | "any" | "every" | "some" | "this" | "that" | "the" | "which" | "each"
                )
            };
            if prev_pronoun
                || self.is_word(i + 1, "another")
                || has_upper(self.s(i)) && i > 0 && !self.sentence_start(i)
            {
                return None;
            }
        }
        Some(num(k, total + current, scale, false))
    }

    /// Token `i` starts a sentence (first token, or after . ! ? : or a quote).
    fn sentence_start(&self, i: usize) -> bool {
        i == 0 || self.is_punct(i - 1, &[".", "!", "?", "\"", "“", "(", "-", "—", "–"])
    }

    /// Hedge, movement and range words before token `s`.
    fn before(&self, s: usize) -> Before {
        let mut out = Before::default();
        let mut k = s;
        // "sub-300"
        if k >= 2 && self.is_punct(k - 1, &["-"]) && self.attached(k) && self.is_word(k - 2, "sub")
        {
            out.hedge = Some(Change::Less);
            out.start = Some(k - 2);
            k -= 2;
        } else {
            for w in (1..=self.lex.hedge_words.min(k)).rev() {
                let mut phrase = String::new();
                let mut ok = true;
                for t in k - w..k {
                    match self.kind(t) {
                        Some(Kind::Word) => {
                            if !phrase.is_empty() {
                                phrase.push(' ');
                            }
                            phrase.extend(self.s(t).chars().flat_map(char::to_lowercase));
                        }
                        Some(Kind::Punct) if matches!(self.s(t), "~" | "≈" | ".") => {
                            phrase.push_str(self.s(t));
                        }
                        _ => {
                            ok = false;
                            break;
                        }
                    }
                }
                if !ok {
                    continue;
                }
                if let Some(&c) = self.lex.hedges.get(&phrase) {
                    out.hedge = Some(c);
                    out.start = Some(k - w);
                    k -= w;
                    break;
                }
            }
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
        if k > 0 && self.kind(k - 1) == Some(Kind::Word) {
            let mut b = String::new();
            if let Some(&m) = self.lex.movement.get(lc(self.s(k - 1), &mut b)) {
                out.movement = Some(m);
            }
        }
        out
    }

    /// A range connector at `i` ("-", "–", "to", "-to-", "and" after
    /// "between"): the token after it.
    fn connector(&self, i: usize, between: bool) -> Option<usize> {
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

    /// A unit from the tables at `i`, glued ("50mL", "6.1-inch") or spaced
    /// ("5 km", "per cent", "degrees Fahrenheit"): the longest of up to four tokens.
    fn known_unit(&self, i: usize) -> Option<Unit> {
        let mut s = i;
        if self.is_punct(s, &["-"]) && self.attached(s) && self.attached(s + 1) {
            s += 1;
        }
        let first = self.toks.get(s)?;
        if first.kind == Kind::Num {
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
            let raw = &self.text[first.start..self.toks[e - 1].end];
            if raw.contains('\n') {
                break;
            }
            let norm = self.lex.symbols.get(raw).or_else(|| {
                let mut b = String::new();
                self.lex.unit_words.get(lc(raw, &mut b))
            });
            // A symbol must end at a word boundary ("5 m" but not "5 months").
            if let Some(n) = norm {
                best = Some(Unit {
                    start: s,
                    end: e,
                    norm: n.clone(),
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
        let excluded = self.lex.stop.contains(w)
            || self.lex.words.contains_key(w)
            || self.lex.scales.contains_key(w)
            || (w.len() > 4 && w.ends_with("ly"));
        !excluded
    }

    /// "a month", "per share", "an ounce" after a unit: the token after it.
    fn rate(&self, i: usize) -> usize {
        let lead = self.is_word(i, "a") || self.is_word(i, "an") || self.is_word(i, "per");
        if !lead || self.kind(i + 1) != Some(Kind::Word) {
            return i;
        }
        let mut b = String::new();
        let w = lc(self.s(i + 1), &mut b);
        let timeish = matches!(
            w,
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
    fn noun_phrase(&self, i: usize, vague: bool) -> Option<Unit> {
        let mut s = i;
        if self.is_word(s, "of") {
            let det = matches!(self.kind(s + 1), Some(Kind::Word)) && {
                let mut b = String::new();
                matches!(
                    lc(self.s(s + 1), &mut b),
                    "the" | "its" | "his" | "her" | "their" | "our" | "them" | "those" | "these"
                )
            };
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
            let mut b = String::new();
            let lw = lc(w, &mut b);
            if self.lex.stop.contains(lw)
                || self.lex.words.contains_key(lw)
                || self.lex.scales.contains_key(lw)
                || self.lex.vague.contains_key(lw)
                || (has_upper(w) && self.lex.months.contains(lw))
                || (lw.len() > 4 && lw.ends_with("ly"))
                || self.lex.clock.contains(lw)
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
        let raw = &self.text[self.toks[s].start..self.toks[e - 1].end];
        Some(Unit {
            start: s,
            end: e,
            norm: crate::normalize_unit(raw),
            known: false,
        })
    }

    /// Years, dates, clock times, names with numbers, bare numbers in brackets.
    fn not_a_quantity(
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
            let w = self.s(d - 1);
            let mut b = String::new();
            let lw = lc(w, &mut b);
            if self.lex.name_before.contains(lw) {
                return true;
            }
            let ordinary = self.lex.stop.contains(lw)
                || self.lex.movement.contains_key(lw)
                || self.lex.words.contains_key(lw)
                || self.lex.hedges.contains_key(lw);
            if !ordinary && w.chars().any(char::is_uppercase) && !self.sentence_start(d - 1) {
                return true;
            }
        }
        // Addresses: "575 Elm Road", "9 E 71st St".
        if n1.plain_int && n2.is_none() {
            let mut q = n1.end;
            let mut seen = 0;
            while seen < 4 && self.kind(q) == Some(Kind::Word) && has_upper(self.s(q)) {
                if self.word_in(q, &self.lex.street) {
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

    fn month(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
            && has_upper(self.s(i))
            && self.word_in(i, &self.lex.months)
    }

    fn clock_at(&self, i: usize) -> bool {
        if self.kind(i) != Some(Kind::Word) {
            return false;
        }
        if self.word_in(i, &self.lex.clock) {
            return true;
        }
        // "a.m." / "p.m."
        (self.is_word(i, "a") || self.is_word(i, "p"))
            && self.is_punct(i + 1, &["."])
            && self.is_word(i + 2, "m")
    }
}

/// "a month" → "per month".
fn rate_norm(rate: &str) -> String {
    let mut words = rate.split_whitespace();
    let _lead = words.next();
    let rest: Vec<String> = words.map(|w| singular(&w.to_lowercase())).collect();
    format!("per {}", rest.join(" "))
}
