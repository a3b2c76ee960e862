//! The abbreviation lists (`data/abbreviations.toml`).

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    titles: Vec<String>,
    months: Vec<String>,
    other: Vec<String>,
}

/// What kind of abbreviation a token (without its final stop) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abbrev {
    /// Precedes a name: never ends a sentence.
    Title,
    /// A month: ends a sentence only when no number follows.
    Month,
    /// Ends a sentence when a sentence starter follows.
    Other,
    /// A single capital letter ("J.") or a dotted initialism ("U.S.", "a.m.").
    Initial,
}

struct Lists {
    titles: HashSet<String>,
    months: HashSet<String>,
    other: HashSet<String>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let file: File = toml::from_str(include_str!("../data/abbreviations.toml"))
        .expect("shipped abbreviations.toml is valid (tested)");
    Lists {
        titles: file.titles.into_iter().collect(),
        months: file.months.into_iter().collect(),
        other: file.other.into_iter().collect(),
    }
});

/// Classifies `stem`, a word without its final full stop.
pub fn classify(stem: &str) -> Option<Abbrev> {
    let lists = &*LISTS;
    if lists.titles.contains(stem) {
        Some(Abbrev::Title)
    } else if lists.months.contains(stem) {
        Some(Abbrev::Month)
    } else if lists.other.contains(stem) {
        Some(Abbrev::Other)
    } else if is_initialism(stem) {
        Some(Abbrev::Initial)
    } else {
        None
    }
}

/// "J", "U.S", "a.m", "U.N": single letters separated by stops.
fn is_initialism(stem: &str) -> bool {
    let mut chars = stem.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_alphabetic() {
        return false;
    }
    if stem.chars().count() == 1 {
        return first.is_uppercase();
    }
    // letter (. letter)+
    let mut expect_letter = false;
    for c in chars {
        if expect_letter {
            if !c.is_alphabetic() {
                return false;
            }
        } else if c != '.' {
            return false;
        }
        expect_letter = !expect_letter;
    }
    // Ended on a letter, after at least one stop.
    !expect_letter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_rules() {
        assert_eq!(classify("Mr"), Some(Abbrev::Title));
        assert_eq!(classify("Oct"), Some(Abbrev::Month));
        assert_eq!(classify("Inc"), Some(Abbrev::Other));
        assert_eq!(classify("U.S"), Some(Abbrev::Initial));
        assert_eq!(classify("a.m"), Some(Abbrev::Initial));
        assert_eq!(classify("J"), Some(Abbrev::Initial));
        assert_eq!(classify("j"), None);
        assert_eq!(classify("Gaza"), None);
        assert_eq!(classify("U.S."), None);
        assert_eq!(classify("1.1"), None);
    }
}
