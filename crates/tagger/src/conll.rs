//! CoNLL-2003 files: one token per line (`word POS chunk NER`), blank lines
//! between sentences, `-DOCSTART-` lines between documents.

use crate::{Error, Result};

/// One annotated token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConllToken {
    pub word: String,
    pub pos: String,
    pub chunk: String,
    pub ner: String,
}

/// One sentence with the document it belongs to (0-based, counted by `-DOCSTART-`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConllSentence {
    pub doc: usize,
    pub tokens: Vec<ConllToken>,
}

impl ConllSentence {
    pub fn words(&self) -> Vec<&str> {
        self.tokens.iter().map(|t| t.word.as_str()).collect()
    }
}

/// Parses a CoNLL-2003 file. `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<Vec<ConllSentence>> {
    let mut out = Vec::new();
    let mut doc = 0usize;
    let mut seen_doc = false;
    let mut cur: Vec<ConllToken> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(ConllSentence {
                    doc,
                    tokens: std::mem::take(&mut cur),
                });
            }
            continue;
        }
        if line.starts_with("-DOCSTART-") {
            if !cur.is_empty() {
                out.push(ConllSentence {
                    doc,
                    tokens: std::mem::take(&mut cur),
                });
            }
            if seen_doc {
                doc += 1;
            }
            seen_doc = true;
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() < 4 {
            return Err(Error::Conll {
                file: file.to_string(),
                line: n + 1,
                detail: format!("expected 4 columns, found {}", cols.len()),
            });
        }
        let ner = cols[cols.len() - 1];
        if !(ner == "O" || ner.starts_with("B-") || ner.starts_with("I-")) {
            return Err(Error::Conll {
                file: file.to_string(),
                line: n + 1,
                detail: format!("bad entity tag {ner:?}"),
            });
        }
        cur.push(ConllToken {
            word: cols[0].to_string(),
            pos: cols[1].to_string(),
            chunk: cols[2].to_string(),
            ner: ner.to_string(),
        });
    }
    if !cur.is_empty() {
        out.push(ConllSentence { doc, tokens: cur });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_documents_and_sentences() {
        let text = "-DOCSTART- -X- -X- O\n\nAnna NNP B-NP B-PER\nsang VBD B-VP O\n\nOslo NNP B-NP B-LOC\n\n-DOCSTART- -X- -X- O\n\nYes UH O O\n";
        let s = parse(text, "t").unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].doc, 0);
        assert_eq!(s[1].doc, 0);
        assert_eq!(s[2].doc, 1);
        assert_eq!(s[0].words(), ["Anna", "sang"]);
        assert_eq!(s[0].tokens[0].ner, "B-PER");
    }

    #[test]
    fn bad_lines_name_the_line() {
        let err = parse("Anna NNP\n", "x.txt").unwrap_err().to_string();
        assert!(err.contains("x.txt:1"), "{err}");
        let err = parse("Anna NNP B-NP PER\n", "x.txt")
            .unwrap_err()
            .to_string();
        assert!(err.contains("bad entity tag"), "{err}");
    }
}
