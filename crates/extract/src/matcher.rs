//! Lexicon names found in a sentence: every name is tokenized like the text,
//! each token folded (case, diacritics), and the token sequences matched with
//! one Aho-Corasick automaton, leftmost-longest, on token boundaries only.

use aho_corasick::{AhoCorasick, MatchKind};
use sitrep_lexicon::{fold, Lexicon};

use crate::{Error, Result};

/// A match: tokens `start..end` of the sentence, and the folded name to look
/// up in the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMatch {
    pub start: usize,
    pub end: usize,
    pub key: String,
}

pub struct Matcher {
    automaton: AhoCorasick,
    keys: Vec<String>,
}

/// Folded form of one token.
pub fn fold_token(t: &str) -> String {
    let f = fold(t);
    // `fold` drops a leading "the " of a phrase; a lone token keeps its text.
    if f.is_empty() {
        t.to_lowercase()
    } else {
        f
    }
}

/// The folded tokens of a phrase, each framed by spaces (" a  b ").
fn framed<'a>(tokens: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::from(" ");
    for t in tokens {
        out.push_str(&fold_token(t).replace(' ', "_"));
        out.push_str("  ");
    }
    out.pop();
    out
}

impl Matcher {
    pub fn new(lexicon: &Lexicon) -> Result<Self> {
        let mut patterns = Vec::new();
        let mut keys = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for name in lexicon.surface_names() {
            let toks = sitrep_text::tokenize(name);
            let pattern = framed(toks.iter().map(|t| t.text(name)));
            if pattern.trim().is_empty() || !seen.insert(pattern.clone()) {
                continue;
            }
            patterns.push(pattern);
            keys.push(fold(name));
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| Error::Matcher(e.to_string()))?;
        Ok(Self { automaton, keys })
    }

    /// Lexicon names among the words of a sentence.
    pub fn find(&self, words: &[&str]) -> Vec<NameMatch> {
        let mut text = String::from(" ");
        let mut starts = Vec::with_capacity(words.len());
        for w in words {
            starts.push(text.len() - 1);
            text.push_str(&fold_token(w).replace(' ', "_"));
            text.push_str("  ");
        }
        text.pop();
        let token_at = |byte: usize| starts.binary_search(&byte).ok();
        let mut out = Vec::new();
        for m in self.automaton.find_iter(&text) {
            let (Some(start), Some(last)) = (
                token_at(m.start()),
                starts.iter().rposition(|&s| s < m.end().saturating_sub(1)),
            ) else {
                continue;
            };
            out.push(NameMatch {
                start,
                end: last + 1,
                key: self.keys[m.pattern().as_usize()].clone(),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_boundaries_and_longest_match() {
        let lex = Lexicon::shipped().unwrap();
        let m = Matcher::new(&lex).unwrap();
        let words = ["The", "Gaza", "Strip", "and", "Iranians", "in", "Tehran"];
        let found = m.find(&words);
        let spans: Vec<(usize, usize)> = found.iter().map(|x| (x.start, x.end)).collect();
        // "the Gaza Strip" is itself a listed name.
        assert!(
            found.iter().any(|x| x.end == 3 && x.key == "gaza strip"),
            "{found:?}"
        );
        assert!(spans.contains(&(4, 5)), "{found:?}");
        assert!(spans.contains(&(6, 7)), "{found:?}");
        // "Iran" inside "Iranians" is not a match of its own.
        assert!(!found.iter().any(|x| x.key == "iran"), "{found:?}");
    }
}
