//! The ingestion error: one line naming the file (and record) and what is wrong.

/// Why an input, or one record of it, was rejected.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{origin}: no such file, directory or glob match")]
    NotFound { origin: String },
    #[error("{origin}: cannot read: {source}")]
    Io {
        origin: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{origin}: empty input (no text)")]
    Empty { origin: String },
    #[error("{origin}: {size} bytes is over the limit of {limit} bytes for one {what}")]
    TooLarge {
        origin: String,
        size: u64,
        limit: u64,
        what: &'static str,
    },
    #[error("{origin}: binary data, not text ({detail})")]
    Binary { origin: String, detail: String },
    #[error("{origin}: undecodable text: {detail}")]
    Encoding { origin: String, detail: String },
    #[error("{origin}: truncated or corrupt gzip stream after {records} record(s): {detail}")]
    Gzip {
        origin: String,
        records: usize,
        detail: String,
    },
    #[error("{origin}: malformed {format}: {detail}")]
    Malformed {
        origin: String,
        format: &'static str,
        detail: String,
    },
    #[error("{origin}: no article text found ({detail})")]
    NoText { origin: String, detail: String },
}

impl Error {
    /// A short, stable reason code for counting rejections.
    pub fn reason(&self) -> &'static str {
        match self {
            Self::NotFound { .. } => "not_found",
            Self::Io { .. } => "io",
            Self::Empty { .. } => "empty",
            Self::TooLarge { .. } => "too_large",
            Self::Binary { .. } => "binary",
            Self::Encoding { .. } => "encoding",
            Self::Gzip { .. } => "truncated_gzip",
            Self::Malformed { .. } => "malformed",
            Self::NoText { .. } => "no_text",
        }
    }

    /// The file or record the error is about.
    pub fn origin(&self) -> &str {
        match self {
            Self::NotFound { origin }
            | Self::Io { origin, .. }
            | Self::Empty { origin }
            | Self::TooLarge { origin, .. }
            | Self::Binary { origin, .. }
            | Self::Encoding { origin, .. }
            | Self::Gzip { origin, .. }
            | Self::Malformed { origin, .. }
            | Self::NoText { origin, .. } => origin,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
