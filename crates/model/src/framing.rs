//! Framing: how an outlet names the actors and acts of a story, and whose
//! voice each loaded or neutral term is in.

use serde::{Deserialize, Serialize};

use crate::{ActorId, DocId, Span};

/// Who a quoted or reported term belongs to: the mention nearest the
/// reporting verb or the quote's attribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The mention's span in the article (`&text[span] == surface`).
    pub span: Span,
    pub surface: String,
    /// The actor the mention resolves to, when resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<ActorId>,
    /// The actor's name, when resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Speaker {
    /// The actor's name if resolved, else the text as written.
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.surface)
    }
}

/// Whose words a term is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "voice", rename_all = "snake_case")]
pub enum Voice {
    /// The outlet's own words.
    Outlet,
    /// Inside quotation marks, or in a clause governed by a reporting verb
    /// with a named speaker ("X said", "according to X"). `speaker` is
    /// `None` when a quote has no attribution the text makes clear.
    Quoted {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        speaker: Option<Speaker>,
    },
}

/// One use of a lexicon term in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermUse {
    pub doc: DocId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// 0-based sentence of the article the term is in.
    pub sentence: u32,
    /// Byte span of the term in the article's text.
    pub span: Span,
    /// `&text[span]`: the term as written ("Tel Aviv regime's").
    pub surface: String,
    /// What the term names (`israel-government`, `gaza-war`…).
    pub referent: String,
    /// The lexicon's form of the term ("Tel Aviv regime").
    pub term: String,
    /// A loaded term, not a neutral one.
    pub loaded: bool,
    /// Whose side a loaded term leans to (`anti-israel`, `pro-russia`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lean: Option<String>,
    pub voice: Voice,
}

/// A term as one outlet uses it in its own voice, with how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermCount {
    pub term: String,
    pub loaded: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lean: Option<String>,
    pub count: u32,
}

/// A term one outlet quotes, with who says it and how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotedTerm {
    pub term: String,
    pub loaded: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lean: Option<String>,
    /// The speaker's name, else the speaker as written; `None` when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<ActorId>,
    pub count: u32,
}

/// How one outlet names a referent: in its own voice and in others'.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutletFraming {
    /// The outlet; `None` for an article whose outlet is unknown (each such
    /// article is its own column).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The outlet's articles that use a term for the referent, sorted.
    pub docs: Vec<DocId>,
    /// Own-voice terms, sorted by term.
    pub own: Vec<TermCount>,
    /// Quoted terms, sorted by term and speaker.
    pub quoted: Vec<QuotedTerm>,
}

/// One referent of a story, side by side across outlets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FramingRow {
    pub referent: String,
    /// One column per outlet, sorted by outlet (unknown outlets last, by
    /// document).
    pub outlets: Vec<OutletFraming>,
    /// The outlets' own-voice choices differ: one uses a loaded term where
    /// another uses only neutral ones, or two use terms of opposite leans.
    pub differs: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voice_json_is_tagged() {
        let outlet = serde_json::to_string(&Voice::Outlet).unwrap();
        assert_eq!(outlet, r#"{"voice":"outlet"}"#);
        let quoted = Voice::Quoted {
            speaker: Some(Speaker {
                span: Span::new(0, 4),
                surface: "Lind".into(),
                actor: None,
                name: None,
            }),
        };
        let json = serde_json::to_string(&quoted).unwrap();
        assert_eq!(
            json,
            r#"{"voice":"quoted","speaker":{"span":{"start":0,"end":4},"surface":"Lind"}}"#
        );
        assert_eq!(serde_json::from_str::<Voice>(&json).unwrap(), quoted);
    }
}
