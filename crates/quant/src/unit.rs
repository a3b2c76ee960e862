//! Normalising unit names for comparison.

use crate::lexicon::lexicon;

/// A unit in a comparable form: the normalised name from the unit tables
/// ("%", "per cent" and "percent" → "percent"; "$" → "dollar"; "km" →
/// "kilometre"), else lower case with each word made singular and
/// possessives and punctuation dropped ("Heart Transplants" → "heart transplant").
pub fn normalize_unit(unit: &str) -> String {
    let lex = lexicon();
    let trimmed = unit.trim();
    let names = |key: &str| lex.units.get(key);
    if let Some(n) = names(trimmed).and_then(|u| u.symbol.as_ref().or(u.currency.as_ref())) {
        return n.clone();
    }
    let owned;
    let lower = if trimmed
        .bytes()
        .any(|b| !b.is_ascii() || b.is_ascii_uppercase())
    {
        owned = trimmed.to_lowercase();
        owned.as_str()
    } else {
        trimmed
    };
    if let Some(n) = names(lower).and_then(|u| u.word.as_ref()) {
        return n.clone();
    }
    let mut out = String::with_capacity(lower.len());
    for word in lower.split(|c: char| c.is_whitespace() || c == '-') {
        let word = trim_end_all(trim_end_all(word, "'s"), "’s")
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '$');
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        let mapped = names(word).and_then(|u| {
            u.word
                .as_ref()
                .or(u.symbol.as_ref())
                .or(u.currency.as_ref())
        });
        match mapped {
            Some(n) => out.push_str(n),
            None => singular_into(word, &mut out),
        }
    }
    out
}

/// `s` without any repeats of `end` at its end (`str::trim_end_matches`
/// without building a substring searcher).
fn trim_end_all<'a>(mut s: &'a str, end: &str) -> &'a str {
    while let Some(rest) = s.strip_suffix(end) {
        s = rest;
    }
    s
}

/// A plural noun made singular by the common English endings.
#[cfg(test)]
fn singular(word: &str) -> String {
    let mut out = String::new();
    singular_into(word, &mut out);
    out
}

/// Appends `word` made singular by the common English endings to `out`.
pub(crate) fn singular_into(word: &str, out: &mut String) {
    const IRREGULAR: [(&str, &str); 9] = [
        ("people", "people"),
        ("men", "man"),
        ("women", "woman"),
        ("children", "child"),
        ("feet", "foot"),
        ("teeth", "tooth"),
        ("mice", "mouse"),
        ("fishermen", "fisherman"),
        ("staff", "staff"),
    ];
    if let Some((_, s)) = IRREGULAR.iter().find(|(p, _)| *p == word) {
        out.push_str(s);
        return;
    }
    if word.len() > 3 {
        if let Some(stem) = word.strip_suffix("ies") {
            out.push_str(stem);
            out.push('y');
            return;
        }
        for end in ["ches", "shes", "sses", "xes"] {
            if word.ends_with(end) {
                out.push_str(&word[..word.len() - 2]);
                return;
            }
        }
        if word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
            out.push_str(&word[..word.len() - 1]);
            return;
        }
    }
    out.push_str(word);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_share_a_name() {
        assert_eq!(normalize_unit("%"), "percent");
        assert_eq!(normalize_unit("per cent"), "percent");
        assert_eq!(normalize_unit("Percent"), "percent");
        assert_eq!(normalize_unit("$"), "dollar");
        assert_eq!(normalize_unit("km"), "kilometre");
    }

    #[test]
    fn plurals_fold() {
        assert_eq!(normalize_unit("Heart Transplants"), "heart transplant");
        assert_eq!(normalize_unit("companies"), "company");
        assert_eq!(normalize_unit("children"), "child");
        assert_eq!(normalize_unit("bosses"), "boss");
    }

    #[test]
    fn possessives_and_punctuation_drop() {
        assert_eq!(normalize_unit("baker's's"), "baker");
        assert_eq!(normalize_unit("nurses’s"), "nurse");
        assert_eq!(normalize_unit("(voters)"), "voter");
    }

    #[test]
    fn singular_endings() {
        assert_eq!(singular("boxes"), "box");
        assert_eq!(singular("churches"), "church");
        assert_eq!(singular("bus"), "bus");
        assert_eq!(singular("census"), "census");
        assert_eq!(singular("glass"), "glass");
        assert_eq!(singular("fishermen"), "fisherman");
        assert_eq!(singular("tonnes"), "tonne");
    }
}
