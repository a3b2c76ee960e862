//! Sentences and tokens with byte spans: the first step of sitrep's language layer.
//!
//! * [`tokenize`] splits a text into [`Token`]s (words, numbers, punctuation,
//!   symbols, URLs) in the Penn Treebank manner: punctuation and clitics (`'s`,
//!   `n't`) apart, abbreviations ("Mr.", "Oct.", "U.S."), initials, numbers
//!   ("8,796", "1.1") and hyphenated names ("el-Sisi") whole.
//! * [`segment`] groups the tokens into sentences ([`Segmented`]); paragraph and
//!   line breaks always end one, abbreviations end one only where the next word
//!   says so.
//!
//! Every span is a byte range into the text given, so `&text[span]` is the token.
//! Abbreviation lists are data: `data/abbreviations.toml`.

mod abbrev;
mod sentence;
mod token;

pub use sentence::{segment, Segmented, SentenceSpan};
pub use token::{tokenize, Token, TokenKind};
