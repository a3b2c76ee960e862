//! The rules, in one pass over the tokens of [`crate::scan`]: at each token
//! the number grammar ([`number`]) tries to read a number; the context rules
//! then look around it — hedges, movements and range words before it
//! ([`hedge`]), its unit or the thing counted after it ([`units`]), and the
//! contexts that make it no quantity ([`exclude`]) — and [`assemble`] builds
//! the [`Quantity`].
//!
//! The word tokens are put in lower case once, when the parser is made, and
//! each is looked up in the word index of the lexicon at most once, when a rule
//! first asks; the rules then read flags.

mod assemble;
mod exclude;
mod hedge;
mod number;
mod units;

use std::cell::Cell;

use crate::lexicon::{lexicon, Lexicon, WordInfo};
use crate::scan::{tokenize, Kind, Tok};
use crate::Quantity;

/// The entry of a word in no table.
static NO_WORD: WordInfo = WordInfo::NONE;

pub(crate) struct Parser<'t> {
    text: &'t str,
    toks: Vec<Tok>,
    /// The text with ASCII letters in lower case (same byte offsets): the
    /// lower case of the ASCII word tokens.
    lower: String,
    /// The lower case of the other word tokens: token index and byte range
    /// in `lower_other`, in token order.
    others: Vec<(usize, usize, usize)>,
    lower_other: String,
    /// The entry of each word token, looked up on first use ([`NO_WORD`] if none).
    info: Vec<Cell<Option<&'static WordInfo>>>,
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
        let mut others = Vec::new();
        let mut lower_other = String::new();
        for (i, t) in toks.iter().enumerate() {
            if t.kind == Kind::Word && !t.ascii {
                let start = lower_other.len();
                lower_other.extend(text[t.start..t.end].chars().flat_map(char::to_lowercase));
                others.push((i, start, lower_other.len()));
            }
        }
        Self {
            text,
            lower: text.to_ascii_lowercase(),
            others,
            lower_other,
            info: vec![Cell::new(None); toks.len()],
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

    /// The text of token `i` ("" past the end).
    #[inline]
    fn s(&self, i: usize) -> &'t str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    /// The text from the start of token `a` to the end of token `b - 1`.
    #[inline]
    fn between(&self, a: usize, b: usize) -> &'t str {
        &self.text[self.toks[a].start..self.toks[b - 1].end]
    }

    /// Token `i` in lower case if it is a word, else "".
    #[inline]
    fn lw(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Word => {
                if t.ascii {
                    &self.lower[t.start..t.end]
                } else {
                    self.others
                        .binary_search_by_key(&i, |o| o.0)
                        .map_or("", |k| {
                            &self.lower_other[self.others[k].1..self.others[k].2]
                        })
                }
            }
            _ => "",
        }
    }

    /// What the word tables say of token `i` (`None` for other tokens; an
    /// empty entry for a word in no table).
    #[inline]
    fn info(&self, i: usize) -> Option<&'static WordInfo> {
        if self.kind(i) != Some(Kind::Word) {
            return None;
        }
        let cache = &self.info[i];
        if let Some(w) = cache.get() {
            return Some(w);
        }
        let w = self.lex.index.get(self.lw(i)).unwrap_or(&NO_WORD);
        cache.set(Some(w));
        Some(w)
    }

    /// Token `i` is a word whose entry passes `f`.
    #[inline]
    fn word_is(&self, i: usize, f: impl Fn(&WordInfo) -> bool) -> bool {
        self.info(i).is_some_and(f)
    }

    /// Token `i` is a word written in lower case whose entry passes `f`
    /// (the tables looked up with the word as written).
    fn lower_word_is(&self, i: usize, f: impl Fn(&WordInfo) -> bool) -> bool {
        self.lw(i) == self.s(i) && self.word_is(i, f)
    }

    #[inline]
    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    #[inline]
    fn is_punct(&self, i: usize, chars: &[&str]) -> bool {
        self.kind(i) == Some(Kind::Punct) && chars.contains(&self.s(i))
    }

    /// Token `i` is a word whose lower case is `w`.
    #[inline]
    fn is_word(&self, i: usize, w: &str) -> bool {
        self.kind(i) == Some(Kind::Word) && self.s(i).eq_ignore_ascii_case(w)
    }

    /// Token `i` touches the token before it.
    #[inline]
    fn attached(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.gap)
    }

    /// Token `i` starts a sentence (first token, or after . ! ? : or a quote).
    fn sentence_start(&self, i: usize) -> bool {
        i == 0 || self.is_punct(i - 1, &[".", "!", "?", "\"", "“", "(", "-", "—", "–"])
    }
}
