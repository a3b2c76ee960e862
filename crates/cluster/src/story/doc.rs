//! What goes in (a [`Doc`]) and what comes out (a [`StoryId`]).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// One document to cluster.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Doc {
    pub id: String,
    /// Publication date, if known.
    pub date: Option<Date>,
    /// Title and body, or just text.
    pub text: String,
    /// Resolved actor ids, places, event keys: anything two articles of one
    /// story tend to share. Compared as exact strings.
    pub features: Vec<String>,
}

impl Doc {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Doc {
            id: id.into(),
            text: text.into(),
            ..Doc::default()
        }
    }

    pub fn with_date(mut self, date: Date) -> Self {
        self.date = Some(date);
        self
    }

    pub fn with_features(mut self, features: impl IntoIterator<Item = String>) -> Self {
        self.features = features.into_iter().collect();
        self
    }
}

/// A story's id: stories are numbered from 0 in the order they start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StoryId(pub u32);

impl std::fmt::Display for StoryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}
