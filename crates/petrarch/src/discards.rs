//! The discards file: phrases that mark a sentence (or, with a leading `+`,
//! the whole story) as not political news — sports, weather.

/// Sentence- and story-level discard phrases, upper-cased words.
#[derive(Debug, Clone, Default)]
pub struct Discards {
    pub sentence: Vec<Vec<String>>,
    pub story: Vec<Vec<String>>,
}

/// What a discard phrase hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Discarded {
    Sentence,
    Story,
}

impl Discards {
    pub fn parse(text: &str) -> Discards {
        let mut d = Discards::default();
        for (_, line) in sitrep_lexicon::phoenix::comment_free_lines(text) {
            let line = line.trim();
            let (story, phrase) = match line.strip_prefix('+') {
                Some(p) => (true, p),
                None => (false, line),
            };
            let words: Vec<String> = phrase
                .split(|c: char| c.is_whitespace() || c == '_')
                .filter(|w| !w.is_empty())
                .map(str::to_uppercase)
                .collect();
            if words.is_empty() {
                continue;
            }
            if story {
                d.story.push(words);
            } else {
                d.sentence.push(words);
            }
        }
        d
    }

    /// Whether the upper-cased words contain a discard phrase (story level first).
    pub fn check(&self, words: &[&str]) -> Option<Discarded> {
        let has = |p: &Vec<String>| {
            words
                .windows(p.len())
                .any(|w| w.iter().zip(p).all(|(a, b)| *a == b.as_str()))
        };
        if self.story.iter().any(has) {
            Some(Discarded::Story)
        } else if self.sentence.iter().any(has) {
            Some(Discarded::Sentence)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn story_and_sentence_phrases() {
        let d = Discards::parse("# c\nCUP FINAL\n+HURRICANE  # x\n");
        assert_eq!(d.check(&["THE", "CUP", "FINAL"]), Some(Discarded::Sentence));
        assert_eq!(d.check(&["A", "HURRICANE"]), Some(Discarded::Story));
        assert_eq!(d.check(&["CUP", "TIES"]), None);
    }
}
