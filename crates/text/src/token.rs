//! Tokens with byte spans.

use serde::{Deserialize, Serialize};
use sitrep_model::Span;

use crate::abbrev::classify;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    /// `%`, `$`, `€`, `&`, …
    Symbol,
    Url,
}

/// One token: its byte span in the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text).unwrap_or("")
    }
}

/// Characters split off the front of a word.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '“' | '‘' | '\'' | '«' | '‹' | '¿' | '¡' | '„'
    )
}

/// Characters split off the end of a word (the full stop is decided apart).
fn is_closing(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '"' | '”' | '’' | '\'' | '»' | '›' | ',' | ';' | ':' | '!' | '?' | '…'
    )
}

/// Characters that always stand alone, wherever they are.
fn is_breaking(c: char) -> bool {
    matches!(c, '—' | '–' | '…' | '|' | '•' | '·') || (c.is_control() && !c.is_whitespace())
}

fn is_symbol(c: char) -> bool {
    matches!(
        c,
        '%' | '$' | '€' | '£' | '¥' | '₽' | '&' | '+' | '=' | '#' | '@' | '*' | '/'
    )
}

/// Penn-style clitics split off the end of a word.
const CLITICS: &[&str] = &[
    "n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m",
];

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                chunk(text, s, i, &mut out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        chunk(text, s, text.len(), &mut out);
    }
    out
}

fn push(out: &mut Vec<Token>, start: usize, end: usize, kind: TokenKind) {
    if end > start {
        out.push(Token {
            span: Span::new(start, end),
            kind,
        });
    }
}

fn looks_like_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || (s.contains('@') && s.rfind('.') > s.find('@') && !s.starts_with('@'))
}

/// Tokenizes one run of non-space characters `text[start..end]`.
fn chunk(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    // Characters that always stand alone split the chunk into pieces.
    let mut piece_start = start;
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        if is_breaking(c) {
            piece(text, piece_start, at, out);
            // "..." and "…" as one token
            push(out, at, at + c.len_utf8(), TokenKind::Punct);
            piece_start = at + c.len_utf8();
        }
    }
    piece(text, piece_start, end, out);
}

fn piece(text: &str, mut start: usize, mut end: usize, out: &mut Vec<Token>) {
    if start >= end {
        return;
    }
    if looks_like_url(&text[start..end]) {
        // Trailing sentence punctuation is not part of a URL.
        let core = text[start..end].trim_end_matches(|c: char| is_closing(c) || c == '.');
        let url_end = start + core.len();
        push(out, start, url_end, TokenKind::Url);
        for (i, c) in text[url_end..end].char_indices() {
            push(
                out,
                url_end + i,
                url_end + i + c.len_utf8(),
                TokenKind::Punct,
            );
        }
        return;
    }
    // Opening punctuation and symbols in front.
    while let Some(c) = text[start..end].chars().next() {
        if is_opening(c) || (is_symbol(c) && c != '@' && c != '#') {
            let kind = if is_opening(c) {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            };
            push(out, start, start + c.len_utf8(), kind);
            start += c.len_utf8();
        } else {
            break;
        }
    }
    // Closing punctuation at the end (kept in order, pushed after the core).
    let mut tail: Vec<(usize, usize, TokenKind)> = Vec::new();
    while let Some(c) = text[start..end].chars().next_back() {
        let at = end - c.len_utf8();
        if c == '.' {
            let stem = &text[start..at];
            // "..." stays together
            if stem.ends_with("..") {
                let dots_start = start + stem.trim_end_matches('.').len();
                tail.push((dots_start, end, TokenKind::Punct));
                end = dots_start;
                continue;
            }
            if stem.is_empty() || classify(stem).is_none() {
                tail.push((at, end, TokenKind::Punct));
                end = at;
                continue;
            }
            break; // an abbreviation keeps its stop
        }
        let apostrophe_clitic = (c == '\'' || c == '’')
            && CLITICS
                .iter()
                .any(|cl| text[start..end].to_lowercase().ends_with(cl));
        if (is_closing(c) && !apostrophe_clitic) || c == '%' {
            let kind = if c == '%' {
                TokenKind::Symbol
            } else {
                TokenKind::Punct
            };
            tail.push((at, end, kind));
            end = at;
            continue;
        }
        break;
    }
    // Clitics.
    let core = &text[start..end];
    let lower = core.to_lowercase();
    let mut core_end = end;
    for cl in CLITICS {
        if lower.ends_with(cl) && lower.len() > cl.len() {
            let cut = end - cl.len();
            if text.is_char_boundary(cut) && text[start..cut].chars().any(char::is_alphabetic) {
                tail.push((cut, end, TokenKind::Word));
                core_end = cut;
            }
            break;
        }
    }
    if core_end > start {
        let core = &text[start..core_end];
        let kind = if core.chars().next().is_some_and(|c| c.is_ascii_digit())
            && core
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | ':' | '/'))
        {
            TokenKind::Number
        } else if core.chars().all(is_symbol) {
            TokenKind::Symbol
        } else {
            TokenKind::Word
        };
        push(out, start, core_end, kind);
    }
    for (s, e, kind) in tail.into_iter().rev() {
        push(out, s, e, kind);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn abbreviations_numbers_and_names_stay_whole() {
        assert_eq!(
            words(
                "Mr. Putin met U.S. envoys on Oct. 7 in el-Sisi's office; 1.1 million, 8,796 dead."
            ),
            [
                "Mr.", "Putin", "met", "U.S.", "envoys", "on", "Oct.", "7", "in", "el-Sisi", "'s",
                "office", ";", "1.1", "million", ",", "8,796", "dead", "."
            ]
        );
    }

    #[test]
    fn punctuation_quotes_and_clitics() {
        assert_eq!(
            words("“Such crimes,” he said, “can't go on.” (Israel’s offensive)..."),
            [
                "“",
                "Such",
                "crimes",
                ",",
                "”",
                "he",
                "said",
                ",",
                "“",
                "ca",
                "n't",
                "go",
                "on",
                ".",
                "”",
                "(",
                "Israel",
                "’s",
                "offensive",
                ")",
                "..."
            ]
        );
    }

    #[test]
    fn dashes_symbols_and_urls() {
        assert_eq!(
            words("hostilities—and 40% of $5 at https://news.example/a."),
            [
                "hostilities",
                "—",
                "and",
                "40",
                "%",
                "of",
                "$",
                "5",
                "at",
                "https://news.example/a",
                "."
            ]
        );
        let kinds: Vec<TokenKind> = tokenize("40% https://x.example")
            .iter()
            .map(|t| t.kind)
            .collect();
        assert_eq!(
            kinds,
            [TokenKind::Number, TokenKind::Symbol, TokenKind::Url]
        );
    }

    #[test]
    fn initials_and_sentence_final_stops() {
        assert_eq!(words("J. Biden spoke."), ["J.", "Biden", "spoke", "."]);
        assert_eq!(words("the end. Then"), ["the", "end", ".", "Then"]);
    }
}
