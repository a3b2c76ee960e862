//! Sentences: tokens grouped at sentence-final punctuation, abbreviations and
//! line breaks.

use std::ops::Range;

use sitrep_model::{DocId, Sentence, Span};

use crate::abbrev::{classify, Abbrev};
use crate::token::{tokenize, Token, TokenKind};

/// One sentence: its span and the range of its tokens in [`Segmented::tokens`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceSpan {
    pub span: Span,
    pub tokens: Range<usize>,
}

/// A text split into tokens and sentences.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Segmented {
    pub tokens: Vec<Token>,
    pub sentences: Vec<SentenceSpan>,
}

impl Segmented {
    /// The sentences as model values of document `doc`.
    pub fn to_model(&self, doc: &DocId) -> Vec<Sentence> {
        self.sentences
            .iter()
            .enumerate()
            .map(|(i, s)| Sentence {
                doc: doc.clone(),
                span: s.span,
                index: u32::try_from(i).unwrap_or(u32::MAX),
            })
            .collect()
    }
}

/// Words that start sentences, after which an abbreviation like "U.S." ends one.
const STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "In",
    "On",
    "At",
    "But",
    "And",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "As",
    "After",
    "Before",
    "When",
    "While",
    "However",
    "Meanwhile",
    "According",
    "Earlier",
    "Later",
    "Since",
    "If",
    "Some",
    "Many",
    "Most",
    "No",
    "Both",
    "All",
    "Officials",
    "Police",
];

fn is_final(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | "..." | "…" | "?!" | "!?")
}

fn is_closer(t: &str) -> bool {
    matches!(t, "”" | "’" | "\"" | "'" | ")" | "]" | "»")
}

fn starts_upper_or_digit(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Tokenizes `text` and splits it into sentences.
pub fn segment(text: &str) -> Segmented {
    let tokens = tokenize(text);
    let mut sentences = Vec::new();
    let mut first = 0usize;
    let tok = |i: usize| tokens[i].text(text);
    let mut i = 0usize;
    while i < tokens.len() {
        let here = tok(i);
        let next = tokens.get(i + 1);
        let mut end_here = false;
        if let Some(next_token) = next {
            let gap = &text[tokens[i].span.end as usize..next_token.span.start as usize];
            if gap.contains('\n') {
                end_here = true;
            } else if is_final(here) {
                // Closing quotes and brackets belong to the sentence they close.
                let mut j = i + 1;
                while j < tokens.len() && is_closer(tok(j)) {
                    j += 1;
                }
                let after = tokens.get(j).map(|_| tok(j));
                let opener_then_upper = after
                    .is_some_and(|a| matches!(a, "“" | "\"" | "(" | "‘" | "'"))
                    && tokens
                        .get(j + 1)
                        .is_some_and(|_| starts_upper_or_digit(tok(j + 1)));
                if after.is_none_or(|a| starts_upper_or_digit(a) || opener_then_upper) {
                    i = j - 1;
                    end_here = true;
                }
            } else if tokens[i].kind == TokenKind::Word && here.ends_with('.') {
                let stem = &here[..here.len() - 1];
                let next_text = tok(i + 1);
                end_here = match classify(stem) {
                    Some(Abbrev::Title) | None => false,
                    Some(Abbrev::Initial) if stem.chars().count() == 1 => false,
                    Some(Abbrev::Month) => {
                        !next_text.starts_with(|c: char| c.is_ascii_digit())
                            && STARTERS.contains(&next_text)
                    }
                    Some(Abbrev::Initial | Abbrev::Other) => STARTERS.contains(&next_text),
                };
            }
        }
        if end_here || i + 1 == tokens.len() {
            let span = tokens[first].span.cover(&tokens[i].span);
            sentences.push(SentenceSpan {
                span,
                tokens: first..i + 1,
            });
            first = i + 1;
        }
        i += 1;
    }
    Segmented { tokens, sentences }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        segment(text)
            .sentences
            .iter()
            .map(|s| s.span.slice(text).unwrap())
            .collect()
    }

    #[test]
    fn splits_at_final_punctuation() {
        assert_eq!(
            sentences("Putin spoke to Raisi on Monday. They discussed Gaza! Was it useful? Yes."),
            [
                "Putin spoke to Raisi on Monday.",
                "They discussed Gaza!",
                "Was it useful?",
                "Yes."
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_split_unless_a_sentence_starts() {
        assert_eq!(
            sentences("Mr. Putin met U.S. officials on Oct. 7 at 10 a.m. local time. Talks went on in the U.S. The envoy left."),
            [
                "Mr. Putin met U.S. officials on Oct. 7 at 10 a.m. local time.",
                "Talks went on in the U.S.",
                "The envoy left."
            ]
        );
        assert_eq!(
            sentences("U.S. President Joe Biden and J. Smith spoke."),
            ["U.S. President Joe Biden and J. Smith spoke."]
        );
    }

    #[test]
    fn quotes_close_their_sentence_and_lines_break() {
        assert_eq!(
            sentences("“It is over,” he said. “We will see.” Then he left.\n\nA new paragraph"),
            [
                "“It is over,” he said.",
                "“We will see.”",
                "Then he left.",
                "A new paragraph"
            ]
        );
        assert_eq!(
            sentences("no stop here\nnext line"),
            ["no stop here", "next line"]
        );
        assert_eq!(
            sentences("lower case after. stop"),
            ["lower case after. stop"]
        );
    }

    #[test]
    fn model_sentences_are_numbered() {
        let doc = DocId::of_text("x");
        let s = segment("One. Two.").to_model(&doc);
        assert_eq!(s.len(), 2);
        assert_eq!((s[1].index, s[1].span), (1, Span::new(5, 9)));
    }

    proptest::proptest! {
        #[test]
        fn spans_are_in_order_and_slice_cleanly(text in "(\\PC|[ .,!?\\n“”'’])*") {
            let seg = segment(&text);
            let mut last = 0u32;
            for t in &seg.tokens {
                let surface = t.span.slice(&text).unwrap();
                proptest::prop_assert!(!surface.is_empty());
                proptest::prop_assert!(!surface.chars().any(char::is_whitespace));
                proptest::prop_assert!(t.span.start >= last);
                last = t.span.end;
            }
            let covered: usize = seg.sentences.iter().map(|s| s.tokens.len()).sum();
            proptest::prop_assert_eq!(covered, seg.tokens.len());
            for s in &seg.sentences {
                proptest::prop_assert!(s.span.slice(&text).is_ok());
            }
        }
    }
}
