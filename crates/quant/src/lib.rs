//! Quantities in news text: numbers in digits and words ("8,796", "2.3
//! million", "twenty-five", "a dozen"), vague amounts ("dozens of"), ranges
//! ("between 50 and 70"), hedges ("more than", "about") and movements ("rose
//! 5%"), each with the unit or the thing counted and a byte span.
//!
//! Main entry: [`quantities`] → [`Quantity`]s with a [`Change`]. The rules run
//! in one pass over the tokens of [`scan`]; the word lists (number words,
//! scales, hedges, units, stop words) live in `data/*.toml`.
//! Years, dates, clock times, ordinals, model names ("iPhone 11", "FTSE 100")
//! and phone-like numbers are not quantities, nor are numbers too large for
//! an `f64`: every value is finite.

mod lexicon;
mod parse;
mod scan;
mod unit;

use serde::{Deserialize, Serialize};
use sitrep_model::Span;

pub use unit::normalize_unit;

/// Errors of the crate: only the shipped data can be wrong.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("data/{file}: {detail}")]
    Data { file: &'static str, detail: String },
}

pub type Result<T> = std::result::Result<T, Error>;

/// How the number relates to the amount it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Change {
    /// Exactly the number: `=`.
    #[serde(rename = "=")]
    Equal,
    /// About the number ("about", "some", "nearly"): `~`.
    #[serde(rename = "~")]
    Approx,
    /// More than the number ("more than", "at least", "over", vague amounts): `>`.
    #[serde(rename = ">")]
    More,
    /// Less than the number ("less than", "up to", "under"): `<`.
    #[serde(rename = "<")]
    Less,
    /// A rise by the number ("rose 5%").
    #[serde(rename = "up")]
    Up,
    /// A fall by the number ("fell by 3 per cent").
    #[serde(rename = "down")]
    Down,
}

impl Change {
    /// The short form used in data files and predictions.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Equal => "=",
            Self::Approx => "~",
            Self::More => ">",
            Self::Less => "<",
            Self::Up => "up",
            Self::Down => "down",
        }
    }

    /// Reads the short form.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "=" => Self::Equal,
            "~" => Self::Approx,
            ">" => Self::More,
            "<" => Self::Less,
            "up" => Self::Up,
            "down" => Self::Down,
            _ => return None,
        })
    }
}

/// One quantity found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// Bytes of the whole expression, from the hedge to the unit:
    /// `&text[span.start..span.end] == surface`.
    pub span: Span,
    pub surface: String,
    /// The number (the lower end of a range), scales applied: "2.3 million" → 2300000.
    pub value: f64,
    /// The upper end of a range ("between 50 and 70" → 70).
    pub upper: Option<f64>,
    pub change: Change,
    /// The unit or the thing counted as written: "%", "$", "people", "pound-feet of torque".
    pub unit: Option<String>,
    /// The unit's normalised name where known ("percent", "dollar", "kilometre"),
    /// else the written unit in lower case and singular.
    pub normalized_unit: Option<String>,
    /// A vague amount ("dozens", "thousands of", "several"): `value` is its lower bound.
    pub vague: bool,
}

impl Quantity {
    /// The value as text: `"275"`, or `"50-70"` for a range.
    pub fn value_text(&self) -> String {
        match self.upper {
            Some(u) => format!("{}-{}", self.value, u),
            None => format!("{}", self.value),
        }
    }
}

/// The quantities of `text` (a sentence or a whole article), in text order,
/// not overlapping.
pub fn quantities(text: &str) -> Vec<Quantity> {
    parse::Parser::new(text).run()
}
