//! Framing: how each outlet names the same actors and acts, and whose voice
//! each name is in.
//!
//! * **Lexicon** (`data/framing.toml`, written by the team; its format and
//!   matching rules are documented at its top): referents (`israel-government`,
//!   `gaza-war`, `russia-ukraine-war`…), each with neutral terms and loaded
//!   terms tagged with a lean (`anti-israel`, `pro-russia`…).
//! * **Uses** ([`Lexicon::uses`]): every term found in an article, with its
//!   byte span and whose voice it is in:
//!   - [`Voice::Quoted`] inside quotation marks (straight or typographic,
//!     also a quote opened earlier in the paragraph and not yet closed); the
//!     speaker is the one a reporting verb or "according to" in the quote's
//!     sentence names, else `None`;
//!   - [`Voice::Quoted`] in a clause governed by a reporting verb whose
//!     speaker is a named mention: "X said (that) …", "X described … as",
//!     "X accused … of", "…, X said.", "…, said X.", "according to X, …",
//!     "…, according to X." (a speaker that is not a named mention, such as
//!     "officials", leaves the outlet's voice);
//!   - [`Voice::Outlet`] otherwise.
//! * **Side by side** ([`compare`]): per referent, per outlet, the terms an
//!   outlet uses in its own voice and those it quotes, flagged when outlets'
//!   own-voice choices differ.
//!
//! The speaker of a reporting verb is the first named mention of the nearest
//! clause before the verb (clauses end at `, ; : ( ) —` and quotation
//! marks; "Russia supports X and has accused Y" → Russia), or the mention
//! right after the verb in the inverted ", said X". Mentions that can speak:
//! people, roles, organisations, and places or pronouns resolved to a
//! country, organisation, group or person.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Deserialize;
use sitrep_model::{
    Actor, ActorId, ActorKind, DocId, FramingRow, Mention, MentionKind, OutletFraming, QuotedTerm,
    Span, Speaker, TermCount, TermUse, Voice,
};

const SHIPPED: &str = include_str!("../data/framing.toml");

/// Why the framing lexicon cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum FramingError {
    #[error("framing lexicon: {0}")]
    Parse(String),
    #[error("framing lexicon, {entry}: {message}")]
    Entry { entry: String, message: String },
}

pub type Result<T> = std::result::Result<T, FramingError>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    voice: VoiceFile,
    referent: Vec<ReferentFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VoiceFile {
    reporting_verbs: Vec<String>,
    not_reporting: Vec<String>,
    according: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferentFile {
    id: String,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
    #[serde(default)]
    neutral: Vec<String>,
    #[serde(default)]
    loaded: BTreeMap<String, Vec<String>>,
}

/// A word of a term: matched case-insensitively, or exactly when written in
/// capitals in the lexicon ("US", "IDF").
#[derive(Debug, Clone)]
struct Word {
    folded: String,
    exact: Option<String>,
}

#[derive(Debug, Clone)]
struct Term {
    referent: String,
    text: String,
    words: Vec<Word>,
    loaded: bool,
    lean: Option<String>,
}

/// The framing lexicon: terms by referent, and the words that mark reported
/// speech.
#[derive(Debug, Clone)]
pub struct Lexicon {
    terms: Vec<Term>,
    /// Folded first word → terms starting with it.
    first: HashMap<String, Vec<usize>>,
    verbs: HashSet<String>,
    /// (verb, next word) pairs that are not reporting ("called for").
    not_reporting: HashSet<(String, String)>,
    according: Vec<Vec<String>>,
}

/// What [`Lexicon::uses`] reads of one article. Fill it from sitrep's
/// language layer: `sentences` from the segmenter's sentence spans,
/// `mentions` and `actors` from the resolver's entities.
#[derive(Debug, Clone, Copy)]
pub struct FramingInput<'a> {
    pub doc: &'a DocId,
    pub outlet: Option<&'a str>,
    pub text: &'a str,
    /// Sentence spans in text order; when empty, the text is split here at
    /// `. ! ?` before a space and at line breaks.
    pub sentences: &'a [Span],
    /// Resolved mentions (people, organisations, countries…), any order.
    pub mentions: &'a [Mention],
    /// The actors the mentions resolve to: names and kinds of speakers.
    pub actors: &'a [Actor],
}

impl Lexicon {
    /// The lexicon shipped in `data/framing.toml`.
    pub fn shipped() -> Result<Self> {
        Self::from_toml(SHIPPED)
    }

    /// A lexicon from TOML text in the format of `data/framing.toml`.
    pub fn from_toml(src: &str) -> Result<Self> {
        let file: File = toml::from_str(src).map_err(|e| FramingError::Parse(e.to_string()))?;
        let mut lex = Lexicon {
            terms: Vec::new(),
            first: HashMap::new(),
            verbs: file.voice.reporting_verbs.iter().map(|v| fold(v)).collect(),
            not_reporting: HashSet::new(),
            according: Vec::new(),
        };
        for phrase in &file.voice.not_reporting {
            match words_of(phrase).as_slice() {
                [verb, next] => {
                    lex.not_reporting.insert((fold(verb), fold(next)));
                }
                _ => {
                    return Err(entry_error(
                        "voice.not_reporting",
                        format!("{phrase:?} is not two words"),
                    ))
                }
            }
        }
        for phrase in &file.voice.according {
            let words: Vec<String> = words_of(phrase).iter().map(|w| fold(w)).collect();
            if words.is_empty() {
                return Err(entry_error(
                    "voice.according",
                    format!("empty phrase {phrase:?}"),
                ));
            }
            lex.according.push(words);
        }
        let mut seen_ids = HashSet::new();
        let mut seen_terms: HashMap<Vec<String>, String> = HashMap::new();
        for r in file.referent {
            let name = format!("referent {:?}", r.id);
            if r.id.is_empty()
                || !r
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(entry_error(
                    &name,
                    "id must be lower case letters, digits and hyphens",
                ));
            }
            if !seen_ids.insert(r.id.clone()) {
                return Err(entry_error(&name, "id appears twice"));
            }
            if r.neutral.is_empty() && r.loaded.is_empty() {
                return Err(entry_error(&name, "has no terms"));
            }
            let mut add = |text: &str, lean: Option<&str>| -> Result<()> {
                let words = compile(text);
                if words.is_empty() {
                    return Err(entry_error(&name, format!("term {text:?} has no words")));
                }
                let key: Vec<String> = words.iter().map(|w| w.folded.clone()).collect();
                if let Some(other) = seen_terms.insert(key, r.id.clone()) {
                    return Err(entry_error(
                        &name,
                        format!("term {text:?} is already listed under {other:?}"),
                    ));
                }
                let index = lex.terms.len();
                lex.first
                    .entry(words[0].folded.clone())
                    .or_default()
                    .push(index);
                lex.terms.push(Term {
                    referent: r.id.clone(),
                    text: text.to_string(),
                    words,
                    loaded: lean.is_some(),
                    lean: lean.map(str::to_string),
                });
                Ok(())
            };
            for t in &r.neutral {
                add(t, None)?;
            }
            for (lean, terms) in &r.loaded {
                if !valid_lean(lean) {
                    return Err(entry_error(
                        &name,
                        format!("lean {lean:?} is not pro-X, anti-X, emotive or euphemism"),
                    ));
                }
                if terms.is_empty() {
                    return Err(entry_error(&name, format!("lean {lean:?} has no terms")));
                }
                for t in terms {
                    add(t, Some(lean))?;
                }
            }
        }
        if lex.terms.is_empty() {
            return Err(FramingError::Parse("no referents".into()));
        }
        Ok(lex)
    }

    /// Number of referents and of terms.
    pub fn size(&self) -> (usize, usize) {
        let referents: HashSet<&str> = self.terms.iter().map(|t| t.referent.as_str()).collect();
        (referents.len(), self.terms.len())
    }

    /// Every lexicon term the article uses, in text order, with its voice.
    pub fn uses(&self, input: &FramingInput<'_>) -> Vec<TermUse> {
        let text = input.text;
        let toks = tokenize(text);
        let sentences = sentence_spans(text, input.sentences);
        let quotes = quotes(text);
        let doc = Doc {
            text,
            toks: &toks,
            sentences: &sentences,
            quotes: &quotes,
            speakers: speakers(input, &quotes),
        };
        let cues = self.cues(&doc);
        let quote_speakers: Vec<Option<Speaker>> =
            quotes.iter().map(|q| doc.quote_speaker(q, &cues)).collect();

        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let Some((term, n)) = self.match_at(text, &toks, i) else {
                i += 1;
                continue;
            };
            let (start, end) = (toks[i].start, toks[i + n - 1].end);
            let voice = if let Some(q) = quotes
                .iter()
                .position(|q| q.inner.0 <= start && end <= q.inner.1)
            {
                Voice::Quoted {
                    speaker: quote_speakers[q].clone(),
                }
            } else if let Some(c) = cues
                .iter()
                .find(|c| c.speaker.is_some() && c.scope.0 <= start && end <= c.scope.1)
            {
                Voice::Quoted {
                    speaker: c.speaker.clone(),
                }
            } else {
                Voice::Outlet
            };
            let term = &self.terms[term];
            out.push(TermUse {
                doc: input.doc.clone(),
                outlet: input.outlet.map(str::to_string),
                sentence: u32::try_from(doc.sentence_of(start)).unwrap_or(u32::MAX),
                span: Span::new(start, end),
                surface: text[start..end].to_string(),
                referent: term.referent.clone(),
                term: term.text.clone(),
                loaded: term.loaded,
                lean: term.lean.clone(),
                voice,
            });
            i += n;
        }
        out
    }

    /// The longest term matching at token `i`: (term index, words).
    fn match_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
        let t = &toks[i];
        let mut keys = vec![t.folded.clone()];
        keys.extend(stems(&t.folded));
        let mut best: Option<(usize, usize)> = None;
        let mut tried = HashSet::new();
        for key in &keys {
            for &ti in self.first.get(key).into_iter().flatten() {
                if !tried.insert(ti) {
                    continue;
                }
                let words = &self.terms[ti].words;
                if i + words.len() > toks.len() {
                    continue;
                }
                let ok = words.iter().enumerate().all(|(k, w)| {
                    let tok = &toks[i + k];
                    (k == 0 || gap_ok(text, &toks[i + k - 1], tok))
                        && word_matches(w, tok, text, k + 1 == words.len())
                });
                if ok && best.is_none_or(|(_, n)| words.len() > n) {
                    best = Some((ti, words.len()));
                }
            }
        }
        best
    }

    /// Reporting verbs and "according to" phrases, with their speakers and
    /// the stretch of text they govern.
    fn cues(&self, doc: &Doc<'_>) -> Vec<Cue> {
        let toks = doc.toks;
        let mut cues = Vec::new();
        for (s, sent) in doc.sentences.iter().enumerate() {
            let (t0, t1) = doc.tokens_in(*sent);
            let mut i = t0;
            while i < t1 {
                if doc.in_quote(toks[i].start) {
                    i += 1;
                    continue;
                }
                if let Some(n) = self.according_at(toks, i, t1) {
                    cues.push(doc.according_cue(s, *sent, i, n, t0));
                    i += n;
                    continue;
                }
                let excluded = i + 1 < t1
                    && self
                        .not_reporting
                        .contains(&(toks[i].folded.clone(), toks[i + 1].folded.clone()));
                if self.verbs.contains(&toks[i].folded) && !excluded {
                    cues.push(doc.verb_cue(s, *sent, i));
                }
                i += 1;
            }
        }
        cues
    }

    fn according_at(&self, toks: &[Tok], i: usize, end: usize) -> Option<usize> {
        self.according
            .iter()
            .filter(|p| {
                i + p.len() <= end && p.iter().enumerate().all(|(k, w)| toks[i + k].folded == *w)
            })
            .map(Vec::len)
            .max()
    }
}

fn entry_error(entry: &str, message: impl Into<String>) -> FramingError {
    FramingError::Entry {
        entry: entry.to_string(),
        message: message.into(),
    }
}

fn valid_lean(lean: &str) -> bool {
    let side = lean
        .strip_prefix("pro-")
        .or_else(|| lean.strip_prefix("anti-"));
    match side {
        Some(s) => !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
        None => lean == "emotive" || lean == "euphemism",
    }
}

/// Two leans are opposite when one is `pro-X` and the other `anti-X`.
pub fn opposite(a: &str, b: &str) -> bool {
    let side = |l: &str| {
        l.strip_prefix("pro-")
            .map(|s| (true, s.to_string()))
            .or_else(|| l.strip_prefix("anti-").map(|s| (false, s.to_string())))
    };
    matches!((side(a), side(b)), (Some((pa, xa)), Some((pb, xb))) if pa != pb && xa == xb)
}

fn fold(s: &str) -> String {
    s.to_lowercase()
}

/// Runs of letters and digits.
fn words_of(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

fn compile(term: &str) -> Vec<Word> {
    words_of(term)
        .into_iter()
        .map(|w| {
            let caps = w.chars().any(char::is_alphabetic)
                && w.chars().all(|c| !c.is_lowercase())
                && w.chars().any(char::is_uppercase);
            Word {
                folded: fold(w),
                exact: caps.then(|| w.to_string()),
            }
        })
        .collect()
}

/// The forms a text word may have come from by the plural rule.
fn stems(w: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(s) = w.strip_suffix("ies") {
        out.push(format!("{s}y"));
    }
    if let Some(s) = w.strip_suffix("es") {
        out.push(s.to_string());
    }
    if let Some(s) = w.strip_suffix('s') {
        out.push(s.to_string());
    }
    out
}

fn word_matches(w: &Word, tok: &Tok, text: &str, last: bool) -> bool {
    if let Some(exact) = &w.exact {
        return &text[tok.start..tok.end] == exact;
    }
    tok.folded == w.folded || (last && stems(&tok.folded).contains(&w.folded))
}

/// What may stand between two words of one term.
fn gap_ok(text: &str, prev: &Tok, next: &Tok) -> bool {
    let gap = &text[prev.end..next.start];
    let one_letter = text[prev.start..prev.end].chars().count() == 1;
    gap.chars().count() <= 3
        && gap.chars().all(|c| {
            matches!(
                c,
                ' ' | '\t'
                    | '\u{a0}'
                    | '-'
                    | '\u{2010}'
                    | '\u{2011}'
                    | '\u{2013}'
                    | '\''
                    | '\u{2019}'
            ) || (c == '.' && one_letter)
        })
}

#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    folded: String,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                toks.push(Tok {
                    start: s,
                    end: i,
                    folded: fold(&text[s..i]),
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        toks.push(Tok {
            start: s,
            end: text.len(),
            folded: fold(&text[s..]),
        });
    }
    toks
}

/// The caller's sentence spans when valid, else a simple split.
fn sentence_spans(text: &str, given: &[Span]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = given
        .iter()
        .filter(|s| s.slice(text).is_ok())
        .map(|s| (s.start as usize, s.end as usize))
        .collect();
    out.sort_unstable();
    if !out.is_empty() {
        return out;
    }
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let end = if c == '\n' {
            Some(i)
        } else if matches!(c, '.' | '!' | '?') {
            // Closing quotes and brackets stay with the sentence.
            let mut j = k + 1;
            while let Some(&(_, n)) = chars.get(j) {
                if matches!(n, '"' | '\u{201d}' | '\u{2019}' | ')' | '\u{bb}') {
                    j += 1;
                } else {
                    break;
                }
            }
            match chars.get(j) {
                Some(&(p, n)) if n.is_whitespace() => Some(p),
                None => Some(text.len()),
                _ => None,
            }
            .filter(|_| next.is_some_and(|n| !n.is_alphanumeric()) || next.is_none())
        } else {
            None
        };
        if let Some(e) = end {
            if e > start && !text[start..e].trim().is_empty() {
                out.push((start, e));
            }
            start = e;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    out
}

/// A quotation: `outer` includes the marks, `inner` does not.
#[derive(Debug, Clone)]
struct Quote {
    outer: (usize, usize),
    inner: (usize, usize),
}

/// Quotations, paragraph by paragraph (a line break ends an open quote).
fn quotes(text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut para_start = 0;
    for line in text.split_inclusive('\n') {
        quotes_in(text, para_start, para_start + line.len(), &mut out);
        para_start += line.len();
    }
    out
}

fn quotes_in(text: &str, from: usize, to: usize, out: &mut Vec<Quote>) {
    #[derive(PartialEq)]
    enum Open {
        Double,
        Single,
    }
    let para = &text[from..to];
    let chars: Vec<(usize, char)> = para.char_indices().map(|(i, c)| (from + i, c)).collect();
    let mut open: Option<(Open, usize, usize)> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev_alnum = k > 0 && chars[k - 1].1.is_alphanumeric();
        let next_alnum = chars.get(k + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
        let after = i + c.len_utf8();
        match (&open, c) {
            (None, '"' | '\u{201c}' | '\u{201e}' | '\u{ab}') => {
                open = Some((Open::Double, i, after))
            }
            (None, '\u{201d}') if !prev_alnum && next_alnum => {
                open = Some((Open::Double, i, after))
            }
            (None, '\u{2018}') if !prev_alnum => open = Some((Open::Single, i, after)),
            (Some((Open::Double, o, inner)), '"' | '\u{201d}' | '\u{bb}')
            | (Some((Open::Single, o, inner)), '\u{2019}')
                if !(c == '\u{2019}' && next_alnum) =>
            {
                out.push(Quote {
                    outer: (*o, after),
                    inner: (*inner, i),
                });
                open = None;
            }
            _ => {}
        }
    }
    if let Some((_, o, inner)) = open {
        let end = from + para.trim_end().len();
        out.push(Quote {
            outer: (o, end.max(inner)),
            inner: (inner, end.max(inner)),
        });
    }
}

/// A mention that can speak, with its speaker value.
struct Candidate {
    start: usize,
    end: usize,
    speaker: Speaker,
}

fn speakers(input: &FramingInput<'_>, quotes: &[Quote]) -> Vec<Candidate> {
    let text = input.text;
    let mut out: Vec<Candidate> = input
        .mentions
        .iter()
        .filter(|m| m.span.slice(text).is_ok() && !m.span.is_empty())
        .filter(|m| {
            let s = m.span.start as usize;
            !quotes.iter().any(|q| q.inner.0 <= s && s < q.inner.1)
        })
        .filter_map(|m| {
            let actor = m
                .actor
                .as_ref()
                .and_then(|id| input.actors.iter().find(|a| &a.id == id));
            can_speak(m, actor).then(|| Candidate {
                start: m.span.start as usize,
                end: m.span.end as usize,
                speaker: Speaker {
                    span: m.span,
                    surface: text[m.span.start as usize..m.span.end as usize].to_string(),
                    actor: m.actor.clone(),
                    name: actor.map(|a| a.name.clone()),
                },
            })
        })
        .collect();
    out.sort_by_key(|c| (c.start, c.end));
    out
}

fn can_speak(m: &Mention, actor: Option<&Actor>) -> bool {
    let speaking_actor = |a: Option<&Actor>| {
        a.is_some_and(|a| {
            matches!(
                a.kind,
                ActorKind::Person
                    | ActorKind::Country
                    | ActorKind::Organisation
                    | ActorKind::ArmedGroup
            )
        })
    };
    match m.kind {
        MentionKind::Person | MentionKind::Role | MentionKind::Organisation => {
            actor.is_none_or(|a| a.kind != ActorKind::Place)
        }
        MentionKind::Pronoun | MentionKind::Location | MentionKind::Misc => {
            speaking_actor(actor)
                || (actor.is_none()
                    && m.actor
                        .as_ref()
                        .is_some_and(|id| id.0.starts_with("country:")))
        }
    }
}

/// A reporting verb or "according to": its speaker and the text it governs.
struct Cue {
    sentence: usize,
    at: (usize, usize),
    speaker: Option<Speaker>,
    scope: (usize, usize),
}

struct Doc<'a> {
    text: &'a str,
    toks: &'a [Tok],
    sentences: &'a [(usize, usize)],
    quotes: &'a [Quote],
    speakers: Vec<Candidate>,
}

impl Doc<'_> {
    fn sentence_of(&self, pos: usize) -> usize {
        self.sentences
            .partition_point(|s| s.0 <= pos)
            .saturating_sub(1)
    }

    fn tokens_in(&self, (s, e): (usize, usize)) -> (usize, usize) {
        let a = self.toks.partition_point(|t| t.start < s);
        let b = self.toks.partition_point(|t| t.start < e);
        (a, b.max(a))
    }

    fn in_quote(&self, pos: usize) -> bool {
        self.quotes
            .iter()
            .any(|q| q.outer.0 <= pos && pos < q.outer.1)
    }

    /// Word tokens in `[from, to)` outside quotes.
    fn words_between(&self, from: usize, to: usize) -> usize {
        self.toks
            .iter()
            .filter(|t| t.start >= from && t.end <= to && !self.in_quote(t.start))
            .count()
    }

    /// Clause boundaries of `[from, to)`: byte offsets just after each.
    fn boundaries(&self, from: usize, to: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self.text[from..to]
            .char_indices()
            .filter(|&(_, c)| {
                matches!(
                    c,
                    ',' | ';'
                        | ':'
                        | '('
                        | ')'
                        | '\u{2014}'
                        | '"'
                        | '\u{201c}'
                        | '\u{201d}'
                        | '\u{ab}'
                        | '\u{bb}'
                )
            })
            .map(|(i, c)| from + i + c.len_utf8())
            .collect();
        // A quotation is one boundary: its inside is not a clause of ours.
        out.retain(|&b| {
            !self
                .quotes
                .iter()
                .any(|q| q.outer.0 < b - 1 && b < q.outer.1)
        });
        out
    }

    fn first_speaker_in(&self, from: usize, to: usize) -> Option<&Candidate> {
        self.speakers
            .iter()
            .find(|c| c.start >= from && c.end <= to)
    }

    fn verb_cue(&self, s: usize, sent: (usize, usize), v: usize) -> Cue {
        let verb = &self.toks[v];
        let (vs, ve) = (verb.start, verb.end);
        let after = self.words_between(ve, sent.1);
        let preceded_by_break = {
            let before = self.text[sent.0..vs].trim_end();
            before.ends_with([',', '"', '\u{201d}', '\u{2014}'])
        };
        // ", said Minister X." — the speaker right after the verb.
        if preceded_by_break {
            if let Some(c) = self
                .speakers
                .iter()
                .find(|c| c.start >= ve && self.words_between(ve, c.start) <= 3 && c.end <= sent.1)
            {
                if self.words_between(c.end, sent.1) <= 4 {
                    return Cue {
                        sentence: s,
                        at: (vs, ve),
                        speaker: Some(c.speaker.clone()),
                        scope: (sent.0, vs),
                    };
                }
            }
        }
        // The first speaker of the nearest clause before the verb that has one.
        let bounds = self.boundaries(sent.0, vs);
        let mut ends = vs;
        let mut starts: Vec<usize> = bounds.clone();
        starts.insert(0, sent.0);
        for (k, &from) in starts.iter().enumerate().rev() {
            if let Some(c) = self.first_speaker_in(from, ends) {
                // ", X said." closes the sentence: it governs what came before.
                let immediate = k + 1 == starts.len();
                let scope = if immediate && k > 0 && after <= 4 {
                    (sent.0, from)
                } else {
                    (ve, sent.1)
                };
                return Cue {
                    sentence: s,
                    at: (vs, ve),
                    speaker: Some(c.speaker.clone()),
                    scope,
                };
            }
            ends = from;
        }
        // "said the ministry" without a comma.
        let speaker = self
            .speakers
            .iter()
            .find(|c| c.start >= ve && c.end <= sent.1 && self.words_between(ve, c.start) <= 3);
        Cue {
            sentence: s,
            at: (vs, ve),
            speaker: speaker.map(|c| c.speaker.clone()),
            scope: if after <= 6 {
                (sent.0, vs)
            } else {
                (ve, sent.1)
            },
        }
    }

    fn according_cue(&self, s: usize, sent: (usize, usize), i: usize, n: usize, t0: usize) -> Cue {
        let (ps, pe) = (self.toks[i].start, self.toks[i + n - 1].end);
        let speaker = self
            .speakers
            .iter()
            .find(|c| c.start >= pe && c.end <= sent.1 && self.words_between(pe, c.start) <= 4);
        let at_start = i.saturating_sub(t0) <= 1;
        let scope = match speaker {
            Some(c) if at_start => (c.end, sent.1),
            _ if at_start => (pe, sent.1),
            _ => (sent.0, ps),
        };
        Cue {
            sentence: s,
            at: (ps, pe),
            speaker: speaker.map(|c| c.speaker.clone()),
            scope,
        }
    }

    /// Who a quotation belongs to: the speaker of the nearest cue with one
    /// in the sentences where it opens and closes; else a speaker right
    /// before a colon that opens it.
    fn quote_speaker(&self, q: &Quote, cues: &[Cue]) -> Option<Speaker> {
        let first = self.sentence_of(q.outer.0);
        let last = self.sentence_of(q.outer.1.saturating_sub(1));
        let distance = |c: &Cue| {
            if c.at.1 <= q.outer.0 {
                q.outer.0 - c.at.1
            } else {
                c.at.0.saturating_sub(q.outer.1)
            }
        };
        let best = cues
            .iter()
            .filter(|c| c.speaker.is_some() && (c.sentence == first || c.sentence == last))
            .filter(|c| !(q.outer.0 <= c.at.0 && c.at.1 <= q.outer.1))
            .min_by_key(|c| (distance(c), c.at.0));
        if let Some(c) = best {
            return c.speaker.clone();
        }
        let before = self.text[..q.outer.0].trim_end();
        if before.ends_with(':') {
            let colon = before.len() - 1;
            let sent = self.sentences.get(first).copied().unwrap_or((0, q.outer.0));
            return self
                .speakers
                .iter()
                .rev()
                .find(|c| c.end <= colon && c.start >= sent.0.min(colon))
                .map(|c| c.speaker.clone());
        }
        None
    }
}

/// A term as [`compare`] counts it: term, loaded, lean.
type TermKey = (String, bool, Option<String>);

/// How one outlet names one referent: the column [`compare`] builds.
#[derive(Default)]
struct Column {
    docs: BTreeSet<DocId>,
    own: BTreeMap<TermKey, u32>,
    /// By term and speaker (label, actor).
    quoted: BTreeMap<(TermKey, Option<String>, Option<ActorId>), u32>,
}

/// Side by side for one story: per referent (sorted by id), per outlet
/// (sorted; articles of unknown outlet last, each its own column, by
/// document id), the terms in the outlet's own voice and those it quotes,
/// with counts. `differs` is set when one outlet uses a loaded term in its
/// own voice for the referent and another only neutral ones, or two
/// outlets' own-voice loaded terms have opposite leans (`pro-X` against
/// `anti-X`). The result does not depend on the order of `uses`.
pub fn compare(uses: &[TermUse]) -> Vec<FramingRow> {
    type Key = (bool, String);
    let mut rows: BTreeMap<&str, BTreeMap<Key, Column>> = BTreeMap::new();
    for u in uses {
        let key = match &u.outlet {
            Some(o) => (false, o.clone()),
            None => (true, u.doc.as_str().to_string()),
        };
        let col = rows
            .entry(u.referent.as_str())
            .or_default()
            .entry(key)
            .or_default();
        col.docs.insert(u.doc.clone());
        match &u.voice {
            Voice::Outlet => {
                *col.own
                    .entry((u.term.clone(), u.loaded, u.lean.clone()))
                    .or_default() += 1;
            }
            Voice::Quoted { speaker } => {
                let label = speaker.as_ref().map(|s| s.label().to_string());
                let actor = speaker.as_ref().and_then(|s| s.actor.clone());
                *col.quoted
                    .entry(((u.term.clone(), u.loaded, u.lean.clone()), label, actor))
                    .or_default() += 1;
            }
        }
    }
    rows.into_iter()
        .map(|(referent, cols)| {
            let outlets: Vec<OutletFraming> = cols
                .into_iter()
                .map(|((unknown, name), c)| OutletFraming {
                    outlet: (!unknown).then_some(name),
                    docs: c.docs.into_iter().collect(),
                    own: c
                        .own
                        .into_iter()
                        .map(|((term, loaded, lean), count)| TermCount {
                            term,
                            loaded,
                            lean,
                            count,
                        })
                        .collect(),
                    quoted: c
                        .quoted
                        .into_iter()
                        .map(
                            |(((term, loaded, lean), speaker, actor), count)| QuotedTerm {
                                term,
                                loaded,
                                lean,
                                speaker,
                                actor,
                                count,
                            },
                        )
                        .collect(),
                })
                .collect();
            let differs = differs(&outlets);
            FramingRow {
                referent: referent.to_string(),
                outlets,
                differs,
            }
        })
        .collect()
}

fn differs(outlets: &[OutletFraming]) -> bool {
    let loaded_only = |o: &OutletFraming| o.own.iter().any(|t| t.loaded);
    let neutral_only = |o: &OutletFraming| !o.own.is_empty() && o.own.iter().all(|t| !t.loaded);
    let leans = |o: &OutletFraming| -> Vec<String> {
        o.own.iter().filter_map(|t| t.lean.clone()).collect()
    };
    for (i, a) in outlets.iter().enumerate() {
        for b in &outlets[i + 1..] {
            if (loaded_only(a) && neutral_only(b)) || (neutral_only(a) && loaded_only(b)) {
                return true;
            }
            let (la, lb) = (leans(a), leans(b));
            if la.iter().any(|x| lb.iter().any(|y| opposite(x, y))) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uses_of(text: &str, mentions: &[Mention]) -> Vec<TermUse> {
        let doc = DocId::of_text(text);
        Lexicon::shipped().unwrap().uses(&FramingInput {
            doc: &doc,
            outlet: Some("Test Wire"),
            text,
            sentences: &[],
            mentions,
            actors: &[],
        })
    }

    fn person(text: &str, name: &str) -> Mention {
        let start = text.find(name).unwrap();
        Mention {
            doc: DocId::of_text(text),
            span: Span::new(start, start + name.len()),
            surface: name.to_string(),
            kind: MentionKind::Person,
            actor: None,
            confidence: None,
            resolution: None,
            sentence: 0,
        }
    }

    #[test]
    fn shipped_lexicon_loads_and_is_broad() {
        let (referents, terms) = Lexicon::shipped().unwrap().size();
        assert!(referents >= 40, "{referents} referents");
        assert!(terms >= 400, "{terms} terms");
    }

    #[test]
    fn errors_name_the_entry() {
        let src = "[voice]\nreporting_verbs=[]\nnot_reporting=[]\naccording=[]\n\
                   [[referent]]\nid=\"a\"\nneutral=[\"x\"]\n[[referent]]\nid=\"b\"\nneutral=[\"X\"]\n";
        let err = Lexicon::from_toml(src).unwrap_err().to_string();
        assert!(
            err.contains("referent \"b\"") && err.contains("\"a\""),
            "{err}"
        );
        let src = "[voice]\nreporting_verbs=[]\nnot_reporting=[]\naccording=[]\n\
                   [[referent]]\nid=\"c\"\nloaded.sideways=[\"y\"]\n";
        let err = Lexicon::from_toml(src).unwrap_err().to_string();
        assert!(
            err.contains("referent \"c\"") && err.contains("sideways"),
            "{err}"
        );
    }

    #[test]
    fn matching_is_case_insensitive_with_plurals_and_capital_words_exact() {
        let u = uses_of(
            "THE ZIONIST REGIME and us, then the US and Israeli settlers.",
            &[],
        );
        let got: Vec<(&str, &str)> = u
            .iter()
            .map(|u| (u.surface.as_str(), u.term.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("ZIONIST REGIME", "Zionist regime"),
                ("US", "US"),
                ("Israeli settlers", "Israeli settler")
            ]
        );
    }

    #[test]
    fn longest_term_wins_and_spans_are_surfaces() {
        let text = "Israeli occupation forces entered; U.S. imperialism, he wrote.";
        let u = uses_of(text, &[]);
        assert_eq!(u[0].term, "Israeli occupation forces");
        assert_eq!(u[1].term, "U.S. imperialism");
        for x in &u {
            assert_eq!(&text[x.span.start as usize..x.span.end as usize], x.surface);
        }
    }

    #[test]
    fn a_loaded_term_in_the_outlets_voice() {
        let u = uses_of(
            "The Tel Aviv regime pressed on with its genocidal war.",
            &[],
        );
        assert_eq!(u.len(), 2);
        assert!(u.iter().all(|u| u.loaded && u.voice == Voice::Outlet));
        assert_eq!(u[0].lean.as_deref(), Some("anti-israel"));
    }

    #[test]
    fn a_quote_opened_in_an_earlier_sentence_is_still_quoted() {
        let text = "Minister Dana Orel spoke. \"We will not stop. The Zionist regime will fall.\nThe Israeli government met.";
        let u = uses_of(text, &[person(text, "Dana Orel")]);
        assert!(matches!(u[0].voice, Voice::Quoted { .. }), "{u:?}");
        assert_eq!(u[1].voice, Voice::Outlet);
    }

    #[test]
    fn opposite_leans() {
        assert!(opposite("pro-russia", "anti-russia"));
        assert!(!opposite("pro-russia", "anti-ukraine"));
        assert!(!opposite("emotive", "emotive"));
    }
}
