//! One pass over the bytes: numbers, words and single punctuation characters
//! with byte offsets and whether white space came before them.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Digits with thousands commas and one decimal part: `8,796`, `2.3`, `.500`.
    Num,
    /// Letters, with inner apostrophes: `million`, `baker's`, `μm`.
    Word,
    /// Any other single character.
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// White space (or the start of the text) comes right before the token.
    pub gap: bool,
    /// The token is all ASCII.
    pub ascii: bool,
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic()
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Splits `text` into tokens, appending to `out` (cleared first).
pub(crate) fn tokenize(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    let mut gap = true;
    while i < n {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            gap = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        let mut ascii = true;
        let starts_decimal =
            b == b'.' && i + 1 < n && bytes[i + 1].is_ascii_digit() && (gap || i == 0);
        if b.is_ascii_digit() || starts_decimal {
            if starts_decimal {
                i += 1;
            }
            while i < n && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if !starts_decimal {
                // Thousands groups: ",ddd" not followed by another digit.
                while i + 4 <= n
                    && bytes[i] == b','
                    && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit)
                    && (i + 4 == n || !bytes[i + 4].is_ascii_digit())
                {
                    i += 4;
                }
                if i + 1 < n && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
                    i += 1;
                    while i < n && bytes[i].is_ascii_digit() {
                        i += 1;
                    }
                }
            }
            kind = Kind::Num;
        } else if b.is_ascii_alphabetic() || (b >= 0x80 && char_at(text, i).is_some_and(is_letter))
        {
            loop {
                // ASCII letters first; any other ASCII but the apostrophe ends the word.
                while i < n && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                if i < n && bytes[i] < 0x80 && bytes[i] != b'\'' {
                    break;
                }
                match char_at(text, i) {
                    Some(c) if is_letter(c) => {
                        ascii = false;
                        i += c.len_utf8();
                    }
                    Some(c @ ('\'' | '’')) => {
                        let after = i + c.len_utf8();
                        if char_at(text, after).is_some_and(is_letter) {
                            ascii &= c.is_ascii();
                            i = after;
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            kind = Kind::Word;
        } else {
            let len = char_at(text, i).map_or(1, char::len_utf8);
            if char_at(text, i).is_some_and(char::is_whitespace) {
                gap = true;
                i += len;
                continue;
            }
            i += len;
            kind = Kind::Punct;
            ascii = len == 1;
        }
        out.push(Tok {
            start,
            end: i,
            kind,
            gap,
            ascii,
        });
        gap = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, Kind, bool)> {
        let mut v = Vec::new();
        tokenize(text, &mut v);
        v.iter()
            .map(|t| (text[t.start..t.end].to_string(), t.kind, t.gap))
            .collect()
    }

    #[test]
    fn numbers_keep_commas_and_decimals() {
        let k = kinds("8,796 and 2.3m, .500 x1,0000 5.");
        let words: Vec<&str> = k.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(
            words,
            ["8,796", "and", "2.3", "m", ",", ".500", "x", "1", ",", "0000", "5", "."]
        );
        assert_eq!(k[0].1, Kind::Num);
        assert!(!k[3].2, "suffix is attached");
    }

    #[test]
    fn words_take_letters_and_apostrophes() {
        let k = kinds("baker’s μm don't°C");
        let words: Vec<&str> = k.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(words, ["baker’s", "μm", "don't", "°", "C"]);
    }

    #[test]
    fn ascii_marks_tokens_without_other_bytes() {
        let text = "don't baker’s μm Zürich °C 5";
        let mut v = Vec::new();
        tokenize(text, &mut v);
        let ascii: Vec<(&str, bool)> = v.iter().map(|t| (&text[t.start..t.end], t.ascii)).collect();
        assert_eq!(
            ascii,
            [
                ("don't", true),
                ("baker’s", false),
                ("μm", false),
                ("Zürich", false),
                ("°", false),
                ("C", true),
                ("5", true)
            ]
        );
    }
}
