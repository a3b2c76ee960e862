//! Claims: the figures an article states about the situation — how many were
//! killed, injured, missing, displaced, detained, taken hostage, evacuated,
//! how much aid arrived, how many troops were sent — each with its hedge as
//! bounds, its breakdown, the side and place it concerns, who asserts it and
//! the date it holds for.
//!
//! [`Finder::claims`] works sentence by sentence on what earlier layers found:
//! the quantities of [`sitrep_quant`], the time expressions of
//! [`sitrep_time`] and the resolved mentions of the extraction layer.
//!
//! * **Kind**: a trigger from `data/claims.toml` ("killing", "wounded", "death
//!   toll", "missing") in the same clause as the figure, the nearest one
//!   before or after it; no clause boundary (`, ; : ( )`) or other figure in
//!   between; twice as far back when a bounding verb brings the figure
//!   ("the death toll from … rose to 121"). A figure brought by a bounding verb and no trigger of its own
//!   ("on the Israeli side it has reached 1,400") continues the kind of the
//!   claim before it in the sentence. Casualty kinds count people (no unit,
//!   a word for people, or a capitalised plural such as "Palestinians");
//!   aid and troops count their own units.
//! * **Breakdown**: figures after "including", "among them"… (and the ones
//!   listed after them with "and" or commas) are parts of the claim before.
//! * **Hedge and bounds**: "at least" → lower bound; "more than", "over",
//!   "has exceeded" → lower bound, exceeded; "up to" → upper bound; "nearly",
//!   "fewer than" → upper bound; "about" → no bound; ranges → both;
//!   "thousands" → vague, its lower bound as the number grammar reads it.
//! * **Modality**: a figure whose clause holds a possibility cue ("could",
//!   "may", "fears", "if") before it, or between it and its trigger ("150
//!   people may have died"), is not a claim: claims are what is asserted.
//! * **Side**: "on the Israeli side", or a nationality in the figure itself
//!   ("1,400 Israelis") → the country's ISO code.
//! * **Place**: a place or country named after a locative preposition in the
//!   sentence ("in Gaza").
//! * **Attribution**: "according to X", "citing X", or the subject of a
//!   reporting verb ("the Health Ministry said", ", said the ministry");
//!   none means the outlet's own voice.
//! * **As of**: a resolved date in the sentence, unless it opens the period
//!   counted ("since October 7", "began on October 7" → `since`); else the
//!   dateline; else unknown.

mod data;

use jiff::civil::Date;
use sitrep_model::{
    AsOfBasis, Claim, ClaimKind, DocId, Figure, Hedge, Mention, MentionKind, Phrase, Span, TimeType,
};
use sitrep_quant::{Change, Quantity};
use sitrep_text::Token;
use sitrep_time::Timex;

use data::{Bound, Data};

/// Errors of the crate: only the shipped data can be wrong.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("data/claims.toml: {0}")]
    Data(String),
}

pub type Result<T> = std::result::Result<T, Error>;

/// What the claim finder reads of one article.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub doc: &'a DocId,
    pub text: &'a str,
    pub dateline: Option<Date>,
    /// The article's time expressions ([`sitrep_time::tag`]).
    pub timexes: &'a [Timex],
    /// The article's resolved mentions, in text order.
    pub mentions: &'a [Mention],
}

/// Finds claims; holds the word tables.
pub struct Finder {
    data: Data,
}

/// How far from a figure a trigger may be, in tokens.
const BEFORE: usize = 10;
const AFTER: usize = 5;

/// One sentence being read.
struct Sent<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// Lower-cased token texts.
    words: Vec<String>,
    index: u32,
}

impl Sent<'_> {
    fn is_boundary(&self, i: usize) -> bool {
        matches!(
            self.words[i].as_str(),
            "," | ";"
                | ":"
                | "("
                | ")"
                | "—"
                | "–"
                | "--"
                | "-"
                | "\""
                | "“"
                | "”"
                | "."
                | "?"
                | "!"
        )
    }

    /// The clause of token `at`: tokens between `;` or `:` marks.
    fn clause(&self, at: usize) -> (usize, usize) {
        let is_mark = |w: &String| matches!(w.as_str(), ";" | ":");
        let lo = self.words[..at.min(self.words.len())]
            .iter()
            .rposition(is_mark)
            .map_or(0, |i| i + 1);
        let hi = self.words[at.min(self.words.len())..]
            .iter()
            .position(is_mark)
            .map_or(self.words.len(), |i| at + i);
        (lo, hi.max(lo + 1).min(self.words.len()))
    }

    fn phrase(&self, a: usize, b: usize, mentions: &[&Mention]) -> Phrase {
        let span = Span {
            start: self.tokens[a].span.start,
            end: self.tokens[b - 1].span.end,
        };
        // The person or body named rather than a country adjective:
        // "Turkish Interior Minister Ali Yerlikaya" is Yerlikaya.
        let rank = |k: MentionKind| match k {
            MentionKind::Person => 0,
            MentionKind::Organisation => 1,
            MentionKind::Role => 2,
            MentionKind::Pronoun => 3,
            _ => 4,
        };
        let actor = mentions
            .iter()
            .filter(|m| m.span.start >= span.start && m.span.end <= span.end && m.actor.is_some())
            .min_by_key(|m| (rank(m.kind), m.span.start))
            .and_then(|m| m.actor.clone());
        Phrase {
            span,
            surface: span.slice(self.text).unwrap_or("").to_string(),
            actor,
        }
    }

    /// The token at byte offset `at` (the first token ending after it).
    fn token_at(&self, at: u32) -> usize {
        self.tokens.partition_point(|t| t.span.end <= at)
    }
}

/// A figure found in a sentence with its tokens `a..b`.
struct Found {
    q: Quantity,
    a: usize,
    b: usize,
}

impl Finder {
    /// The finder with the shipped tables.
    pub fn shipped() -> Result<Self> {
        Self::from_toml(include_str!("../data/claims.toml"))
    }

    /// A finder with tables in the format of `data/claims.toml`.
    pub fn from_toml(src: &str) -> Result<Self> {
        Ok(Self {
            data: Data::parse(src)?,
        })
    }

    /// The claims of one article, in text order.
    pub fn claims(&self, input: &Input) -> Vec<Claim> {
        let text = input.text;
        let seg = sitrep_text::segment(text);
        let quantities = sitrep_quant::quantities(text);
        let mut out = Vec::new();
        let mut qi = 0;
        for (si, s) in seg.sentences.iter().enumerate() {
            let tokens = &seg.tokens[s.tokens.clone()];
            if tokens.is_empty() {
                continue;
            }
            let sent = Sent {
                text,
                tokens,
                words: tokens.iter().map(|t| t.text(text).to_lowercase()).collect(),
                index: u32::try_from(si).unwrap_or(u32::MAX),
            };
            let mut found = Vec::new();
            while qi < quantities.len() && quantities[qi].span.start < s.span.end {
                let q = &quantities[qi];
                qi += 1;
                if q.span.start < s.span.start {
                    continue;
                }
                let a = sent.token_at(q.span.start);
                let b = sent.token_at(q.span.end.saturating_sub(1)) + 1;
                if a < b && b <= tokens.len() {
                    found.push(Found { q: q.clone(), a, b });
                }
            }
            if found.is_empty() {
                continue;
            }
            let mentions: Vec<&Mention> = input
                .mentions
                .iter()
                .filter(|m| m.span.start >= s.span.start && m.span.end <= s.span.end)
                .collect();
            self.sentence(input, &sent, &found, &mentions, &mut out);
        }
        out
    }

    fn sentence(
        &self,
        input: &Input,
        sent: &Sent,
        found: &[Found],
        mentions: &[&Mention],
        out: &mut Vec<Claim>,
    ) {
        let first = out.len();
        // Token index after the last breakdown part, while a list goes on.
        let mut list_end: Option<usize> = None;
        for (fi, f) in found.iter().enumerate() {
            if matches!(f.q.change, Change::Up | Change::Down) {
                list_end = None;
                continue;
            }
            let figure = self.figure(sent, f);
            // A part of the claim before it.
            if out.len() > first && self.counts_people(&figure) {
                let cue = self.data.breakdown.ending_at(&sent.words, f.a).is_some();
                let listed = list_end.is_some_and(|e| {
                    e <= f.a
                        && sent.words[e..f.a]
                            .iter()
                            .all(|w| matches!(w.as_str(), "," | "and" | "as" | "well"))
                });
                if cue || listed {
                    if let Some(last) = out.last_mut() {
                        last.breakdown.push(figure);
                    }
                    list_end = Some(f.b);
                    continue;
                }
            }
            list_end = None;
            let prev_b = if fi > 0 { found[fi - 1].b } else { 0 };
            let next_a = found.get(fi + 1).map_or(sent.words.len(), |n| n.a);
            let Some((kind, trigger, t_at)) =
                self.kind(sent, f, &figure, prev_b, next_a, out, first)
            else {
                continue;
            };
            // A possibility before the figure ("could rise to 5,000") or
            // between it and its trigger ("150 people may have died").
            let between = (f.b..t_at).any(|i| {
                self.data.hypothetical.at(&sent.words, i).is_some()
                    || self.data.negation.at(&sent.words, i).is_some()
            });
            if between || self.hypothetical(sent, f.a.min(t_at), prev_b) {
                continue;
            }
            let mut figure = figure;
            // "has exceeded 4,000": the verb bounds an otherwise exact figure.
            if figure.hedge == Hedge::Exact {
                let verb = (f.a.saturating_sub(3).max(prev_b)..f.a)
                    .rev()
                    .find_map(|i| {
                        self.data
                            .bound_verbs
                            .at(&sent.words, i)
                            .filter(|(n, _)| i + n <= f.a)
                    });
                if let Some((_, Bound::MoreThan)) = verb {
                    figure.hedge = Hedge::MoreThan;
                    figure.upper = None;
                }
            }
            let side = self.side(sent, f, prev_b, mentions);
            let (as_of, as_of_basis, since) = self.dates(input, sent, f.a);
            out.push(Claim {
                doc: input.doc.clone(),
                sentence: sent.index,
                kind,
                trigger,
                figure,
                breakdown: Vec::new(),
                side,
                place: self.place(sent, mentions),
                attribution: self.attribution(sent, f.a, mentions),
                as_of,
                as_of_basis,
                since,
            });
        }
    }

    /// The figure of a quantity, its hedge read as bounds.
    fn figure(&self, sent: &Sent, f: &Found) -> Figure {
        let q = &f.q;
        let hedge_word = self.data.hedges.at(&sent.words, f.a).map(|(_, b)| b);
        let (hedge, lower, upper) = if let Some(u) = q.upper {
            (Hedge::Range, Some(q.value), Some(u))
        } else if q.vague {
            (Hedge::Vague, Some(q.value), None)
        } else {
            match (q.change, hedge_word) {
                (_, Some(Bound::AtLeast)) => (Hedge::AtLeast, Some(q.value), None),
                (_, Some(Bound::AtMost)) => (Hedge::AtMost, None, Some(q.value)),
                (_, Some(Bound::LessThan)) => (Hedge::LessThan, None, Some(q.value)),
                (Change::More, _) => (Hedge::MoreThan, Some(q.value), None),
                (Change::Less, _) => (Hedge::LessThan, None, Some(q.value)),
                (Change::Approx, _) => (Hedge::About, None, None),
                _ => (Hedge::Exact, Some(q.value), Some(q.value)),
            }
        };
        Figure {
            span: q.span,
            surface: q.surface.clone(),
            value: q.value,
            hedge,
            lower,
            upper,
            unit: q.unit.clone(),
        }
    }

    /// Whether a figure counts people: no unit, a word for people, or a
    /// capitalised plural ("Palestinians").
    fn counts_people(&self, fig: &Figure) -> bool {
        let Some(unit) = &fig.unit else {
            return true;
        };
        let words: Vec<String> = unit.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            return true;
        }
        if self.data.people.at(&words, 0).is_some() {
            return true;
        }
        let first = unit.split_whitespace().next().unwrap_or("");
        first.chars().next().is_some_and(char::is_uppercase) && first.ends_with('s')
    }

    /// Whether a figure may be counted by `kind`.
    fn fits(&self, kind: ClaimKind, fig: &Figure) -> bool {
        match self.data.units.get(&kind) {
            Some(units) => fig.unit.as_ref().is_some_and(|u| {
                let u = u.to_lowercase();
                units
                    .iter()
                    .any(|x| u == *x || u.starts_with(&format!("{x} ")))
            }),
            None => self.counts_people(fig),
        }
    }

    /// The kind of a figure: the nearest trigger in its clause, or the kind
    /// of the claim before it when a bounding verb brings it. Returns the
    /// kind, the trigger phrase and the trigger's first token.
    #[allow(clippy::too_many_arguments)]
    fn kind(
        &self,
        sent: &Sent,
        f: &Found,
        fig: &Figure,
        prev_b: usize,
        next_a: usize,
        out: &[Claim],
        first: usize,
    ) -> Option<(ClaimKind, Phrase, usize)> {
        let no_mentions: [&Mention; 0] = [];
        // A trigger inside the figure's own unit ("4,000 deaths").
        for i in f.a..f.b {
            if let Some((n, kind)) = self.data.triggers.at(&sent.words, i) {
                if i + n <= f.b && (self.fits(kind, fig) || i > f.a) {
                    return Some((kind, sent.phrase(i, i + n, &no_mentions), i));
                }
            }
        }
        // A bounding verb right before the figure ("the death toll from …
        // rose to 121") brings it from its subject, which may be a long
        // noun phrase away.
        let bound = (f.a.saturating_sub(3).max(prev_b)..f.a).any(|i| {
            self.data
                .bound_verbs
                .at(&sent.words, i)
                .is_some_and(|(n, _)| i + n <= f.a)
        });
        let mut best: Option<(usize, ClaimKind, usize, usize)> = None; // distance, kind, a, b
                                                                       // Before the figure.
        let reach = if bound { 2 * BEFORE } else { BEFORE };
        let lo = f.a.saturating_sub(reach).max(prev_b);
        let mut i = f.a;
        while i > lo {
            i -= 1;
            if sent.is_boundary(i) {
                break;
            }
            if let Some((n, kind)) = self.data.triggers.at(&sent.words, i) {
                if i + n <= f.a && self.fits(kind, fig) {
                    // The longest trigger ending there ("death toll", not
                    // "toll").
                    let start = (i.saturating_sub(2).max(lo)..i)
                        .find(|&j| {
                            self.data
                                .triggers
                                .at(&sent.words, j)
                                .is_some_and(|(m, k)| j + m == i + n && k == kind)
                        })
                        .unwrap_or(i);
                    best = Some((f.a - (i + n), kind, start, i + n));
                    break;
                }
            }
        }
        // After it.
        let hi = (f.b + AFTER).min(next_a).min(sent.words.len());
        for i in f.b..hi {
            if sent.is_boundary(i) {
                break;
            }
            if let Some((n, kind)) = self.data.triggers.at(&sent.words, i) {
                if self.fits(kind, fig) && best.is_none_or(|(d, ..)| i - f.b <= d) {
                    best = Some((i - f.b, kind, i, i + n));
                }
                break;
            }
        }
        if let Some((_, kind, a, b)) = best {
            return Some((kind, sent.phrase(a, b, &no_mentions), a));
        }
        // "…: on the Israeli side it has reached 1,400 people".
        if out.len() > first {
            let last = &out[out.len() - 1];
            if bound && self.fits(last.kind, fig) {
                return Some((last.kind, last.trigger.clone(), f.a));
            }
        }
        None
    }

    /// Whether the clause before token `at` holds a possibility cue.
    fn hypothetical(&self, sent: &Sent, at: usize, prev_b: usize) -> bool {
        let mut i = at;
        let lo = at.saturating_sub(8).max(prev_b);
        while i > lo {
            i -= 1;
            if sent.is_boundary(i) && sent.words[i] != "," {
                break;
            }
            if self.data.hypothetical.at(&sent.words, i).is_some()
                || self.data.negation.at(&sent.words, i).is_some()
            {
                return true;
            }
        }
        false
    }

    /// The country of the people counted: "on the Israeli side" in the
    /// clause before, or a nationality inside the figure ("1,400 Israelis").
    fn side(&self, sent: &Sent, f: &Found, prev_b: usize, mentions: &[&Mention]) -> Option<String> {
        let country = |m: &Mention| {
            m.actor
                .as_ref()
                .and_then(|a| a.0.strip_prefix("country:"))
                .map(str::to_string)
        };
        if let Some(c) = mentions
            .iter()
            .filter(|m| m.span.start >= f.q.span.start && m.span.end <= f.q.span.end)
            .find_map(|m| country(m))
        {
            return Some(c);
        }
        let mut i = f.a;
        let lo = f.a.saturating_sub(BEFORE).max(prev_b);
        while i > lo {
            i -= 1;
            if matches!(sent.words[i].as_str(), ";" | "." | ",") {
                break;
            }
            if sent.words[i] == "side" && i > 0 {
                let before = sent.tokens[i - 1].span;
                return mentions
                    .iter()
                    .filter(|m| m.span.end == before.end)
                    .find_map(|m| country(m));
            }
        }
        None
    }

    /// The first place or country named after a locative preposition.
    fn place(&self, sent: &Sent, mentions: &[&Mention]) -> Option<Phrase> {
        mentions.iter().find_map(|m| {
            let actor = m.actor.as_ref()?;
            let placeish = m.kind == MentionKind::Location
                && (actor.0.starts_with("place:") || actor.0.starts_with("country:"));
            if !placeish {
                return None;
            }
            let i = sent.token_at(m.span.start);
            let mut j = i;
            // Skip a leading article: "in the Gaza Strip".
            if j > 0 && sent.words[j - 1] == "the" {
                j -= 1;
            }
            (j > 0 && self.data.locative.at(&sent.words, j - 1).is_some()).then(|| Phrase {
                span: m.span,
                surface: m.surface.clone(),
                actor: Some(actor.clone()),
            })
        })
    }

    /// Who says the figure at token `at` comes from: "according to X" or
    /// the reporting verb nearest the figure in its clause (`;` and `:`
    /// bound clauses), else the same anywhere in the sentence.
    fn attribution(&self, sent: &Sent, at: usize, mentions: &[&Mention]) -> Option<Phrase> {
        let (lo, hi) = sent.clause(at);
        self.attribution_in(sent, lo, hi, at, mentions)
            .or_else(|| self.attribution_in(sent, 0, sent.words.len(), at, mentions))
    }

    fn attribution_in(
        &self,
        sent: &Sent,
        lo: usize,
        hi: usize,
        at: usize,
        mentions: &[&Mention],
    ) -> Option<Phrase> {
        let w = &sent.words;
        // "according to officials", "citing the ministry".
        for i in lo..hi {
            if let Some((n, ())) = self.data.according.at(w, i) {
                let a = i + n;
                let mut b = a;
                while b < hi && b < a + 12 && !sent.is_boundary(b) {
                    b += 1;
                }
                if b > a {
                    return Some(sent.phrase(a, b, mentions));
                }
            }
        }
        // Reporting verbs of the range, nearest the figure first.
        let mut verbs: Vec<(usize, usize)> = (lo..hi)
            .filter_map(|v| self.data.reporting.at(w, v).map(|(n, ())| (v, n)))
            .filter(|&(v, _)| {
                // A verb, not a name or a noun: "United States", "the reports".
                let capital = sent.tokens[v]
                    .text(sent.text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
                let noun = v > 0
                    && matches!(
                        w[v - 1].as_str(),
                        "the"
                            | "a"
                            | "an"
                            | "these"
                            | "those"
                            | "his"
                            | "her"
                            | "their"
                            | "its"
                            | "such"
                    );
                !capital && !noun
            })
            .collect();
        verbs.sort_by_key(|&(v, _)| (v > at, v.abs_diff(at)));
        for (v, n) in verbs {
            if w[v] == "saying" {
                // "Khaji blamed …, saying …": the sentence's first actor.
                if let Some(m) = mentions.iter().find(|m| {
                    m.actor.is_some()
                        && m.span.end <= sent.tokens[v].span.start
                        && matches!(
                            m.kind,
                            MentionKind::Person | MentionKind::Organisation | MentionKind::Role
                        )
                }) {
                    return Some(Phrase {
                        span: m.span,
                        surface: m.surface.clone(),
                        actor: m.actor.clone(),
                    });
                }
                continue;
            }
            // The subject before the verb, back to a clause boundary.
            let mut a = v;
            while a > lo && v - a < 8 && !sent.is_boundary(a - 1) && w[a - 1] != "that" {
                a -= 1;
            }
            while a < v && self.data.subject_openers.at(w, a).is_some() {
                a += 1;
            }
            let mut end = v;
            while end > a && self.data.auxiliaries.at(w, end - 1).is_some() {
                end -= 1;
            }
            if end > a && end - a <= 7 && !has_verb(&w[a..end]) {
                return Some(sent.phrase(a, end, mentions));
            }
            if end > a {
                // A clause, not a subject ("some were released … said").
                continue;
            }
            // ", said the ministry".
            let start = v + n;
            let mut b = start;
            while b < hi && b < start + 10 && !sent.is_boundary(b) && w[b] != "that" {
                b += 1;
            }
            if b > start && b - start <= 7 && !has_verb(&w[start..b]) {
                return Some(sent.phrase(start, b, mentions));
            }
        }
        None
    }

    /// As-of date (and its basis) and the start of the period counted.
    fn dates(
        &self,
        input: &Input,
        sent: &Sent,
        at: usize,
    ) -> (Option<Date>, Option<AsOfBasis>, Option<Date>) {
        let (first, last) = sent.clause(at);
        let lo = sent.tokens[first].span.start;
        let hi = sent.tokens[last - 1].span.end;
        let mut as_of = None;
        let mut since = None;
        for t in input.timexes {
            if t.span.start < lo || t.span.end > hi || t.ttype != TimeType::Date {
                continue;
            }
            let (Some(start), Some(end)) = (t.start, t.end) else {
                continue;
            };
            let i = sent.token_at(t.span.start);
            let opens =
                (i.saturating_sub(3)..i).any(|j| self.data.since.at(&sent.words, j).is_some());
            if opens {
                since = since.or(Some(start));
            } else {
                as_of = as_of.or(Some(end));
            }
        }
        match (as_of, input.dateline) {
            (Some(d), _) => (Some(d), Some(AsOfBasis::Text), since),
            (None, Some(d)) => (Some(d), Some(AsOfBasis::Dateline), since),
            (None, None) => (None, None, since),
        }
    }
}

/// Whether a would-be subject holds a past-tense verb or participle
/// ("called the rally", "its volunteers had served"): lower-case words in
/// "-ed" other than a few adjectives.
fn has_verb(words: &[String]) -> bool {
    const ADJECTIVES: [&str; 12] = [
        "armed",
        "united",
        "red",
        "unnamed",
        "elected",
        "affected",
        "concerned",
        "based",
        "related",
        "interested",
        "unidentified",
        "detained",
    ];
    words.iter().any(|w| {
        w.len() > 4 && w.ends_with("ed") && !w.contains('-') && !ADJECTIVES.contains(&w.as_str())
    })
}
