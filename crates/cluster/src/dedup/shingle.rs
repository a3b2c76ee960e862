//! Normalised words and hashed word shingles.

use xxhash_rust::xxh3::xxh3_64;

/// Reusable buffers for one text: the normalised words joined by one space
/// (UTF-8 bytes), and each word's byte range in it.
#[derive(Debug, Default)]
pub(crate) struct Words {
    pub(crate) text: Vec<u8>,
    /// `(start, end)` of each word in `text`.
    pub(crate) spans: Vec<(u32, u32)>,
}

/// What an ASCII byte does: part of a word, ends a word, or is dropped.
#[derive(Clone, Copy, PartialEq)]
enum Class {
    Word,
    Separator,
    Dropped,
}

const ASCII: [Class; 128] = {
    let mut table = [Class::Dropped; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8 as char;
        table[b] = if c.is_ascii_alphanumeric() {
            Class::Word
        } else if is_separator(c) {
            Class::Separator
        } else {
            Class::Dropped
        };
        b += 1;
    }
    table
};

impl Words {
    /// Fills the buffers with the normalised words of `text`.
    pub(crate) fn fill(&mut self, text: &str) {
        self.text.clear();
        self.spans.clear();
        self.text.reserve(text.len());
        let bytes = text.as_bytes();
        let mut start: Option<usize> = None;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (class, c) = if b < 0x80 {
                i += 1;
                (ASCII[usize::from(b)], b as char)
            } else {
                // `i` is always on a character boundary.
                let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                    break;
                };
                i += c.len_utf8();
                let class = if c.is_alphanumeric() {
                    Class::Word
                } else if is_separator(c) {
                    Class::Separator
                } else {
                    Class::Dropped
                };
                (class, c)
            };
            match class {
                Class::Word => {
                    if start.is_none() {
                        if !self.text.is_empty() {
                            self.text.push(b' ');
                        }
                        start = Some(self.text.len());
                    }
                    if c.is_ascii() {
                        self.text.push(c.to_ascii_lowercase() as u8);
                    } else {
                        for l in c.to_lowercase() {
                            let mut buf = [0; 4];
                            self.text
                                .extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
                        }
                    }
                }
                Class::Separator => {
                    if let Some(s) = start.take() {
                        self.spans.push((s as u32, self.text.len() as u32));
                    }
                }
                // Apostrophes, dots, commas, marks, symbols: dropped, the
                // word goes on.
                Class::Dropped => {}
            }
        }
        if let Some(s) = start {
            self.spans.push((s as u32, self.text.len() as u32));
        }
    }

    /// Calls `f` with the hash of every `k`-word shingle: xxh3-64 of the
    /// shingle's text. Fewer than `k` words (but at least one)
    /// make one shingle of all of them; no words, no shingles.
    pub(crate) fn for_each_shingle(&self, k: usize, mut f: impl FnMut(u64)) {
        let n = self.spans.len();
        if n == 0 {
            return;
        }
        let k = k.clamp(1, n);
        for i in 0..=n - k {
            let start = self.spans[i].0 as usize;
            let end = self.spans[i + k - 1].1 as usize;
            f(xxh3_64(&self.text[start..end]));
        }
    }
}

/// Characters that end a word: whitespace, dashes, slashes, brackets,
/// quotation marks and sentence punctuation other than dots and commas.
const fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '‐'
                | '‑'
                | '‒'
                | '–'
                | '—'
                | '―'
                | '/'
                | '\\'
                | '|'
                | '_'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '<'
                | '>'
                | '"'
                | '“'
                | '”'
                | '«'
                | '»'
                | ':'
                | ';'
                | '!'
                | '?'
                | '…'
                | '&'
                | '+'
                | '='
                | '*'
                | '#'
                | '@'
                | '•'
                | '·'
        )
}

/// The normalised form of `text` the shingles are cut from: lower-cased
/// words of letters and digits joined by one space (see the module
/// documentation for what separates and what is dropped).
pub fn normalise(text: &str) -> String {
    let mut words = Words::default();
    words.fill(text);
    // Built from whole characters, so always valid UTF-8.
    String::from_utf8_lossy(&words.text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_punctuation_and_spaces() {
        assert_eq!(
            normalise("  The U.S.-backed plan, Kyiv's “final” offer:\n\n  7.5 tonnes!  "),
            "the us backed plan kyivs final offer 75 tonnes"
        );
        assert_eq!(normalise("ÉTÉ à Paris"), "été à paris");
        assert_eq!(normalise(""), "");
        assert_eq!(normalise(" ,.;— "), "");
    }

    fn shingles(text: &str, k: usize) -> Vec<u64> {
        let mut w = Words::default();
        w.fill(text);
        let mut out = Vec::new();
        w.for_each_shingle(k, |h| out.push(h));
        out
    }

    #[test]
    fn shingle_counts() {
        assert_eq!(shingles("a b c d e f g", 5).len(), 3);
        assert_eq!(shingles("a b c", 5).len(), 1);
        assert!(shingles("", 5).is_empty());
        assert!(shingles("—", 5).is_empty());
        // Formatting does not change the shingles.
        assert_eq!(shingles("A b, c\n\nd E f", 3), shingles("a b c d e f", 3));
    }

    #[test]
    fn hashes_are_stable() {
        // xxh3-64 of "a b c d e": fixed across runs and platforms.
        assert_eq!(shingles("A b c, d e", 5), vec![xxh3_64(b"a b c d e")]);
    }
}
