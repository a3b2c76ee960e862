//! Words of a document as the story clusterer sees them: lower-case runs of
//! letters and digits, at least two characters long, minus the stop words of
//! `data/stopwords.txt`. No stemming.

use std::collections::HashSet;
use std::sync::OnceLock;

const STOPWORDS: &str = include_str!("../../data/stopwords.txt");

fn stopwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        STOPWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether `word` (lower case) is on the stop-word list.
pub fn is_stopword(word: &str) -> bool {
    stopwords().contains(word)
}

/// The words of `text` in order, lower-cased, stop words and one-character
/// words left out.
pub fn tokenize(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some())
        .map(str::to_lowercase)
        .filter(|w| !is_stopword(w))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_cases_and_drops_stop_words() {
        assert_eq!(
            tokenize("The Flood in Porto-Velho: 3 dead, a bridge GONE."),
            ["flood", "porto", "velho", "dead", "bridge", "gone"]
        );
    }

    #[test]
    fn list_is_lower_case_and_has_no_blanks() {
        for w in stopwords() {
            assert_eq!(*w, w.to_lowercase());
            assert!(!w.contains(char::is_whitespace), "{w:?}");
        }
        assert!(is_stopword("the") && !is_stopword("flood"));
    }
}
