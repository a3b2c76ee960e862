//! Normalising unit names for comparison.

use crate::lexicon::lexicon;

/// A unit in a comparable form: the normalised name from the unit tables
/// ("%", "per cent" and "percent" → "percent"; "$" → "dollar"; "km" →
/// "kilometre"), else lower case with each word made singular and
/// possessives and punctuation dropped ("Heart Transplants" → "heart transplant").
pub fn normalize_unit(unit: &str) -> String {
    let lex = lexicon();
    let trimmed = unit.trim();
    if let Some(n) = lex
        .symbols
        .get(trimmed)
        .or_else(|| lex.currency.get(trimmed))
    {
        return n.clone();
    }
    let lower = trimmed.to_lowercase();
    if let Some(n) = lex.unit_words.get(&lower) {
        return n.clone();
    }
    let mut out = String::new();
    for word in lower.split(|c: char| c.is_whitespace() || c == '-') {
        let word = word
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '$');
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        let mapped = lex
            .unit_words
            .get(word)
            .or_else(|| lex.symbols.get(word))
            .or_else(|| lex.currency.get(word));
        match mapped {
            Some(n) => out.push_str(n),
            None => out.push_str(&singular(word)),
        }
    }
    out
}

/// A plural noun made singular by the common English endings.
pub(crate) fn singular(word: &str) -> String {
    let irregular = [
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
    if let Some((_, s)) = irregular.iter().find(|(p, _)| *p == word) {
        return (*s).to_string();
    }
    if word.len() > 3 {
        if let Some(stem) = word.strip_suffix("ies") {
            return format!("{stem}y");
        }
        for end in ["ches", "shes", "sses", "xes"] {
            if word.ends_with(end) {
                return word[..word.len() - 2].to_string();
            }
        }
        if word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
            return word[..word.len() - 1].to_string();
        }
    }
    word.to_string()
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
}
