//! Words of a sentence the way PETRARCH dictionaries spell them: upper case,
//! punctuation apart, the possessive `'S` and the negation `N'T` split off as
//! in the Penn Treebank (`didn't` → `DID N'T`, `can't` → `CA N'T`), `_` as a
//! word break. Each word keeps its byte span in the sentence.

/// One word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// As written (with `_` inside a word split off).
    pub text: String,
    /// Upper case; typographic apostrophes made plain.
    pub key: String,
    pub start: usize,
    pub end: usize,
}

/// Splits a sentence into words.
pub fn split(s: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut i = 0;
    let b = s.as_bytes();
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if c.is_whitespace() || c == '_' {
            i += len;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let mut end = i;
            for (k, ch) in s[i..].char_indices() {
                let ok = ch.is_alphanumeric()
                    || ((ch == '-' || ch == '.' || ch == ',') && inner(s, i + k))
                    || ((ch == '\'' || ch == '’') && apostrophe_inside(s, i + k))
                    || (ch == '-' && k > 0 && next_is_space(s, i + k));
                if !ok {
                    break;
                }
                end = i + k + ch.len_utf8();
            }
            push_word(&mut out, s, start, end);
            i = end;
            continue;
        }
        // `'s` / `’s` possessive after a word already ended (e.g. "Gondor's").
        if (c == '\'' || c == '’') && i + len < s.len() && matches!(b[i + len], b's' | b'S') {
            let end = i + len + 1;
            if end == s.len() || !s[end..].starts_with(char::is_alphanumeric) {
                out.push(word(s, i, end));
                i = end;
                continue;
            }
        }
        // Multi-character quotes of the Treebank style.
        let two = s.get(i..i + 2).unwrap_or("");
        if two == "``" || two == "''" {
            out.push(word(s, i, i + 2));
            i += 2;
            continue;
        }
        out.push(word(s, i, i + len));
        i += len;
    }
    out
}

/// A `-`, `.` or `,` between two alphanumerics stays in the word
/// (`state-run`, `U.N`, `50,000`).
fn inner(s: &str, at: usize) -> bool {
    let before = s[..at].chars().next_back();
    let after = s[at + 1..].chars().next();
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    match &s[at..at + 1] {
        "," => {
            before.is_some_and(|c| c.is_ascii_digit()) && after.is_some_and(|c| c.is_ascii_digit())
        }
        "." => alnum(before) && (alnum(after) || is_abbrev_end(s, at)),
        _ => alnum(before) && alnum(after),
    }
}

/// "U.S." keeps its final period when the word is made of single letters and dots.
fn is_abbrev_end(s: &str, at: usize) -> bool {
    let start = s[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(p, c)| p + c.len_utf8());
    let w = &s[start..at];
    w.contains('.') && w.split('.').all(|p| p.chars().count() <= 1)
}

/// "anti- Gondor": a hyphen ending a prefix.
fn next_is_space(s: &str, at: usize) -> bool {
    s[at + 1..].starts_with(char::is_whitespace)
}

/// An apostrophe inside a word that is not a possessive or a negation
/// (`O'Neil`); those are split off by [`push_word`].
fn apostrophe_inside(s: &str, at: usize) -> bool {
    let after = &s[at..];
    let q = after.chars().next().map_or(1, char::len_utf8);
    let next = after[q..].chars().next();
    next.is_some_and(char::is_alphabetic)
}

fn push_word(out: &mut Vec<Word>, s: &str, start: usize, end: usize) {
    let w = &s[start..end];
    let upper = w.to_uppercase().replace('’', "'");
    // Possessive.
    if upper.len() > 2 && upper.ends_with("'S") {
        if let Some(q) = w.rfind(['\'', '’']) {
            out.push(word(s, start, start + q));
            out.push(word(s, start + q, end));
            return;
        }
    }
    // Negation: DIDN'T → DID N'T; CAN'T → CA N'T; WON'T → WO N'T.
    if upper.len() > 3 && upper.ends_with("N'T") {
        if let Some(q) = w.rfind(['\'', '’']).filter(|&q| q >= 2) {
            out.push(word(s, start, start + q - 1));
            out.push(word(s, start + q - 1, end));
            return;
        }
    }
    out.push(word(s, start, end));
}

fn word(s: &str, start: usize, end: usize) -> Word {
    let text = s[start..end].to_string();
    let key = text.to_uppercase().replace('’', "'");
    Word {
        text,
        key,
        start,
        end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        split(s).into_iter().map(|w| w.key).collect()
    }

    #[test]
    fn treebank_style() {
        assert_eq!(
            keys("Gondor's militia didn't go, U.S. said; can't."),
            [
                "GONDOR", "'S", "MILITIA", "DID", "N'T", "GO", ",", "U.S.", "SAID", ";", "CA",
                "N'T", "."
            ]
        );
        assert_eq!(
            keys("anti- Dol_Amroth state-run 50,000"),
            ["ANTI-", "DOL", "AMROTH", "STATE-RUN", "50,000"]
        );
        assert_eq!(keys("families' ideas"), ["FAMILIES", "'", "IDEAS"]);
    }

    #[test]
    fn spans_are_surfaces() {
        let s = "Ithilen’s president can’t “agree”.";
        for w in split(s) {
            assert_eq!(&s[w.start..w.end], w.text);
        }
    }
}
