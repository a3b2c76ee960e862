//! Saving and loading the clusterer's state (JSON), so that a later run
//! goes on where this one stopped.

use super::StoryClusterer;

/// Errors of the story clusterer (saving and loading its state).
#[derive(Debug, thiserror::Error)]
pub enum StoryError {
    #[error("story clusterer state: {0}")]
    Json(#[from] serde_json::Error),
    #[error("story clusterer state is inconsistent: {0}")]
    Inconsistent(&'static str),
}

impl StoryClusterer {
    /// The whole state as JSON, to be loaded again with [`Self::from_json`].
    pub fn to_json(&self) -> Result<String, StoryError> {
        Ok(serde_json::to_string(self)?)
    }

    /// A clusterer saved by [`Self::to_json`]; a state that does not hold
    /// together (ids out of range, repeated terms) is an error, not a panic
    /// later.
    pub fn from_json(json: &str) -> Result<Self, StoryError> {
        let mut c: StoryClusterer = serde_json::from_str(json)?;
        if c.retired.len() != c.closed.len() {
            c.retired = vec![false; c.closed.len()];
        }
        c.check()?;
        Ok(c)
    }

    fn check(&self) -> Result<(), StoryError> {
        let bad = StoryError::Inconsistent;
        let terms = self.vocab.len();
        if self.df.len() != terms || self.closed.len() != self.stories.len() {
            return Err(bad("table lengths differ"));
        }
        let distinct: std::collections::HashSet<&String> = self.vocab.iter().collect();
        if distinct.len() != terms {
            return Err(bad("a term is listed twice"));
        }
        for (i, s) in self.stories.iter().enumerate() {
            if s.id.0 as usize != i {
                return Err(bad("story ids out of order"));
            }
            if s.terms.keys().any(|&t| t as usize >= terms) {
                return Err(bad("a story holds an unknown term"));
            }
            for &m in &s.members {
                if self.docs.get(m as usize).is_none_or(|d| d.story != s.id) {
                    return Err(bad("a story lists a document it does not hold"));
                }
            }
        }
        for d in &self.docs {
            if d.story.0 as usize >= self.stories.len()
                || d.words
                    .iter()
                    .map(|w| w.0)
                    .chain(d.features.iter().copied())
                    .any(|t| t as usize >= terms)
            {
                return Err(bad("a document refers to an unknown story or term"));
            }
        }
        Ok(())
    }
}
