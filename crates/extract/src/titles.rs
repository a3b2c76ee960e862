//! Titles and roles: "Russian President", "Iran's President", "the Egyptian
//! leader", "the Russian Foreign Minister" — a country reference followed by
//! an office noun. Resolved by the article's date to whoever held the office.

use sitrep_lexicon::{Entry, Lexicon, Office};

use crate::matcher::fold_token;

/// A title found in a sentence: tokens `start..end`, the country (ISO) and
/// the office, or `None` for "leader".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub start: usize,
    pub end: usize,
    pub country: String,
    pub office: Option<Office>,
    /// Plural ("presidents", "the two leaders"): never resolved to one person.
    pub plural: bool,
}

/// Office nouns of up to three words, longest first.
pub(crate) fn office_at(words: &[&str], i: usize) -> Option<(usize, Option<Office>, bool)> {
    for len in (1..=3).rev() {
        if i + len > words.len() {
            continue;
        }
        let phrase: Vec<String> = words[i..i + len].iter().map(|w| fold_token(w)).collect();
        let phrase = phrase.join(" ");
        if phrase == "leader" {
            return Some((len, None, false));
        }
        if phrase == "leaders" {
            return Some((len, None, true));
        }
        if let Some(o) = Office::from_title(&phrase) {
            return Some((len, Some(o), false));
        }
        if let Some(stem) = phrase.strip_suffix('s') {
            if let Some(o) = Office::from_title(stem) {
                return Some((len, Some(o), true));
            }
        }
    }
    None
}

/// The country a token (a demonym, a name, or a name with `'s` following)
/// refers to.
pub(crate) fn country_of(lex: &Lexicon, word: &str) -> Option<String> {
    lex.entries(word).iter().find_map(|e| match *e {
        Entry::Country(i, _) => Some(lex.country_at(i).iso3.clone()),
        _ => None,
    })
}

/// Titles in a sentence.
pub fn find(lex: &Lexicon, words: &[&str]) -> Vec<Title> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // "Russian President" / "Iranian Foreign Minister"
        let country = country_of(lex, words[i]);
        let (country, next) = match country {
            Some(c) if words.get(i + 1).is_some_and(|w| *w == "'s" || *w == "’s") => {
                (Some(c), i + 2)
            }
            Some(c) => (Some(c), i + 1),
            None => (None, i + 1),
        };
        if let Some(country) = country {
            if let Some((len, office, plural)) = office_at(words, next) {
                let start = if i > 0 && fold_token(words[i - 1]) == "the" {
                    i - 1
                } else {
                    i
                };
                out.push(Title {
                    start,
                    end: next + len,
                    country,
                    office,
                    plural,
                });
                i = next + len;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_titles() {
        let lex = Lexicon::shipped().unwrap();
        let w: Vec<&str> =
            "the Russian leader met Iran 's President and the Egyptian foreign minister"
                .split(' ')
                .collect();
        let t = find(&lex, &w);
        assert_eq!(t.len(), 3, "{t:?}");
        assert_eq!(
            (t[0].start, t[0].end, t[0].country.as_str(), t[0].office),
            (0, 3, "RUS", None)
        );
        assert_eq!(t[1].country, "IRN");
        assert_eq!(t[1].office, Some(Office::President));
        assert_eq!(t[2].office, Some(Office::ForeignMinister));
        let w: Vec<&str> = "the Arab presidents".split(' ').collect();
        assert!(find(&lex, &w).iter().all(|t| t.plural || t.country != "x"));
    }
}
