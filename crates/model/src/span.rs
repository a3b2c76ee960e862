//! Byte spans into an article's text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's text.
///
/// Offsets are bytes (not characters) and always fall on UTF-8 boundaries of the
/// text they were taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

/// Why a span does not fit a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpanError {
    /// `start > end`.
    Reversed { start: u32, end: u32 },
    /// The span reaches past the end of the text.
    OutOfBounds { end: u32, len: usize },
    /// An offset falls inside a multi-byte character.
    NotCharBoundary { offset: u32 },
}

impl std::fmt::Display for SpanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Reversed { start, end } => write!(f, "span start {start} is after end {end}"),
            Self::OutOfBounds { end, len } => write!(f, "span end {end} is past text length {len}"),
            Self::NotCharBoundary { offset } => {
                write!(f, "span offset {offset} is not on a character boundary")
            }
        }
    }
}

impl std::error::Error for SpanError {}

impl Span {
    /// A span from `start` to `end` (byte offsets).
    ///
    /// # Panics
    /// Never; offsets past `u32::MAX` saturate (articles are far smaller).
    pub fn new(start: usize, end: usize) -> Self {
        let clamp = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Self {
            start: clamp(start),
            end: clamp(end),
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start) as usize
    }

    /// True for an empty span.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The same span moved `by` bytes to the right.
    pub fn shifted(&self, by: usize) -> Self {
        Self::new(self.start as usize + by, self.end as usize + by)
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: &Span) -> Self {
        Self {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The text under the span, checked.
    pub fn slice<'t>(&self, text: &'t str) -> Result<&'t str, SpanError> {
        if self.start > self.end {
            return Err(SpanError::Reversed {
                start: self.start,
                end: self.end,
            });
        }
        if self.end as usize > text.len() {
            return Err(SpanError::OutOfBounds {
                end: self.end,
                len: text.len(),
            });
        }
        for offset in [self.start, self.end] {
            if !text.is_char_boundary(offset as usize) {
                return Err(SpanError::NotCharBoundary { offset });
            }
        }
        Ok(&text[self.start as usize..self.end as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_returns_surface() {
        let text = "Putin spoke to Raisi.";
        let span = Span::new(15, 20);
        assert_eq!(span.slice(text), Ok("Raisi"));
        assert_eq!(span.len(), 5);
    }

    #[test]
    fn slice_rejects_bad_spans() {
        let text = "Erdoğan";
        assert!(matches!(
            Span::new(0, 99).slice(text),
            Err(SpanError::OutOfBounds { .. })
        ));
        assert!(matches!(
            Span::new(5, 6).slice(text),
            Err(SpanError::NotCharBoundary { offset: 5 })
        ));
        assert!(matches!(
            Span { start: 3, end: 1 }.slice(text),
            Err(SpanError::Reversed { .. })
        ));
    }

    #[test]
    fn cover_and_shift() {
        let a = Span::new(2, 4);
        let b = Span::new(8, 9);
        assert_eq!(a.cover(&b), Span::new(2, 9));
        assert_eq!(a.shifted(10), Span::new(12, 14));
    }

    #[test]
    fn json_form_is_start_end() {
        let json = serde_json::to_string(&Span::new(1, 3)).unwrap();
        assert_eq!(json, r#"{"start":1,"end":3}"#);
    }
}
