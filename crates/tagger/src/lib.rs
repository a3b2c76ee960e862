//! sitrep's statistical tagger: part of speech (Penn tags), chunks (IOB) and
//! named entities (PER, ORG, LOC, MISC), trained by this crate's own code.
//!
//! Three greedy left-to-right averaged perceptrons ([`perceptron`]) run one
//! after the other over a sentence: part of speech, then chunks (seeing the
//! tags), then entities (seeing both, plus gazetteer features from the actor
//! lexicon, [`gazetteer`]). Entities are learnt in BILOU form and given out as
//! IOB2. The model shipped in `model/tagger.bin.gz` is reproduced by
//! `sitrep train tagger --conll train.txt`; see [`train`].
//!
//! Main types: [`Tagger`] (load, tag), [`Tagged`] (one sentence's tags),
//! [`score::Scores`] (conlleval-style entity scores).

pub mod conll;
pub mod features;
pub mod gazetteer;
mod history;
mod io;
pub mod perceptron;
pub mod score;
pub mod train;

use features::{Feats, Sentence};
use gazetteer::Gazetteer;
use perceptron::Model;

/// Errors of the tagger.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{file}:{line}: {detail}")]
    Conll {
        file: String,
        line: usize,
        detail: String,
    },
    #[error("tagger model: {0}")]
    Model(String),
    #[error("tagger model: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Lexicon(#[from] sitrep_lexicon::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

/// The shipped model, gzip-compressed.
pub const SHIPPED_MODEL: &[u8] = include_bytes!("../model/tagger.bin.gz");

/// Tags of one sentence, one per token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged<'m> {
    pub pos: Vec<&'m str>,
    pub chunk: Vec<&'m str>,
    /// IOB2 entity tags (`B-PER`, `I-PER`, `O`, …).
    pub ner: Vec<&'m str>,
}

/// Reusable buffers for tagging.
#[derive(Default)]
pub struct Scratch {
    feats: Feats,
    scores: Vec<f32>,
    pos: Vec<u16>,
    chunk: Vec<u16>,
    ner: Vec<u16>,
    history: Vec<u64>,
}

/// The three models and the gazetteer they were trained with.
#[derive(Debug, Clone)]
pub struct Tagger {
    pub(crate) pos: Model,
    pub(crate) chunk: Model,
    pub(crate) ner: Model,
    /// The second entity pass, which also sees the first pass's decisions
    /// over the whole document.
    pub(crate) ner2: Model,
    pub(crate) gazetteer: Gazetteer,
    /// For each BILOU class, its IOB2 form at the start and inside of a span.
    ner_iob: Vec<(String, String)>,
    /// Allowed BILOU transitions: `allowed[prev * n + cur]`, prev == n for the start.
    allowed: Vec<bool>,
}

/// The part of a BILOU or IOB tag before the type: `B`, `I`, `L`, `U` or `O`.
fn prefix(tag: &str) -> char {
    tag.chars().next().unwrap_or('O')
}

fn entity_type(tag: &str) -> &str {
    tag.get(2..).unwrap_or("")
}

impl Tagger {
    pub(crate) fn new(
        pos: Model,
        chunk: Model,
        ner: Model,
        ner2: Model,
        gazetteer: Gazetteer,
    ) -> Self {
        let n = ner.n_classes();
        let mut allowed = vec![false; (n + 1) * n];
        for prev in 0..=n {
            for cur in 0..n {
                let c = &ner.classes[cur];
                let ok = if prev == n {
                    matches!(prefix(c), 'O' | 'B' | 'U')
                } else {
                    let p = &ner.classes[prev];
                    match prefix(p) {
                        'B' | 'I' => {
                            matches!(prefix(c), 'I' | 'L') && entity_type(c) == entity_type(p)
                        }
                        _ => matches!(prefix(c), 'O' | 'B' | 'U'),
                    }
                };
                allowed[prev * n + cur] = ok;
            }
        }
        let ner_iob = ner
            .classes
            .iter()
            .map(|c| match prefix(c) {
                'O' => ("O".to_string(), "O".to_string()),
                _ => {
                    let t = entity_type(c);
                    (format!("B-{t}"), format!("I-{t}"))
                }
            })
            .collect();
        Self {
            pos,
            chunk,
            ner,
            ner2,
            gazetteer,
            ner_iob,
            allowed,
        }
    }

    /// The shipped model with the shipped lexicon's gazetteer.
    pub fn shipped() -> Result<Self> {
        let lex = sitrep_lexicon::Lexicon::shipped()?;
        let gazetteer = Gazetteer::from_lexicon(&lex);
        Self::from_gzip(SHIPPED_MODEL, gazetteer)
    }

    /// A model from gzip-compressed bytes, with the gazetteer to use.
    pub fn from_gzip(bytes: &[u8], gazetteer: Gazetteer) -> Result<Self> {
        let (pos, chunk, ner, ner2, fingerprint) = io::read(bytes)?;
        if fingerprint != gazetteer.fingerprint() {
            tracing::warn!(
                "the tagger was trained with a different lexicon; retrain it with `sitrep train tagger`"
            );
        }
        Ok(Self::new(pos, chunk, ner, ner2, gazetteer))
    }

    /// The model as gzip-compressed bytes (deterministic).
    pub fn to_gzip(&self) -> Result<Vec<u8>> {
        io::write(
            [&self.pos, &self.chunk, &self.ner, &self.ner2],
            self.gazetteer.fingerprint(),
        )
    }

    /// Sizes: (part-of-speech, chunk, entity pass 1 + pass 2) features.
    pub fn n_features(&self) -> (usize, usize, usize) {
        (
            self.pos.n_features(),
            self.chunk.n_features(),
            self.ner.n_features() + self.ner2.n_features(),
        )
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Tags one sentence of tokens (a document of one sentence).
    pub fn tag<'m>(&'m self, words: &[&str]) -> Tagged<'m> {
        let mut scratch = Scratch::default();
        self.tag_with(words, &mut scratch)
    }

    /// Tags one sentence, reusing buffers.
    pub fn tag_with<'m>(&'m self, words: &[&str], scratch: &mut Scratch) -> Tagged<'m> {
        let words = [words.to_vec()];
        let mut out = self.tag_document_with(&words, scratch);
        out.pop().unwrap_or(Tagged {
            pos: vec![],
            chunk: vec![],
            ner: vec![],
        })
    }

    /// Tags the sentences of one document: capitalisation and first-pass
    /// entity decisions elsewhere in the document inform each sentence.
    pub fn tag_document<'m>(&'m self, sentences: &[Vec<&str>]) -> Vec<Tagged<'m>> {
        let mut scratch = Scratch::default();
        self.tag_document_with(sentences, &mut scratch)
    }

    /// [`Tagger::tag_document`] reusing buffers.
    pub fn tag_document_with<'m>(
        &'m self,
        sentences: &[Vec<&str>],
        scratch: &mut Scratch,
    ) -> Vec<Tagged<'m>> {
        let mut described: Vec<Sentence> = sentences
            .iter()
            .map(|w| Sentence::new(w, &self.gazetteer))
            .collect();
        features::doc_case(&mut described, sentences);
        let mut first: Vec<(Vec<u16>, Vec<u16>, Vec<u16>)> = Vec::with_capacity(sentences.len());
        for s in &described {
            scratch.history.clear();
            self.run(s, scratch, &self.ner);
            first.push((
                std::mem::take(&mut scratch.pos),
                std::mem::take(&mut scratch.chunk),
                std::mem::take(&mut scratch.ner),
            ));
        }
        let ner1: Vec<&[u16]> = first.iter().map(|f| f.2.as_slice()).collect();
        let hints = history::hints(sentences, &described, &ner1, &self.ner.classes);
        let mut out = Vec::with_capacity(sentences.len());
        for ((s, (pos, chunk, _)), h) in described.iter().zip(first).zip(hints) {
            scratch.pos = pos;
            scratch.chunk = chunk;
            scratch.history = h;
            self.entities(s, scratch, &self.ner2);
            out.push(self.tagged(scratch));
        }
        out
    }

    fn tagged(&self, scratch: &Scratch) -> Tagged<'_> {
        let pos = scratch
            .pos
            .iter()
            .map(|&t| self.pos.classes[t as usize].as_str())
            .collect();
        let chunk = scratch
            .chunk
            .iter()
            .map(|&t| self.chunk.classes[t as usize].as_str())
            .collect();
        let mut ner = Vec::with_capacity(scratch.ner.len());
        let mut inside = false;
        for &t in &scratch.ner {
            let c = &self.ner.classes[t as usize];
            let (b, i) = &self.ner_iob[t as usize];
            let p = prefix(c);
            ner.push(if (p == 'I' || p == 'L') && inside {
                i.as_str()
            } else {
                b.as_str()
            });
            inside = matches!(p, 'B' | 'I');
        }
        Tagged { pos, chunk, ner }
    }

    /// Runs part of speech, chunks and entities (with `ner`) over a
    /// described sentence into the scratch tags.
    pub(crate) fn run(&self, s: &Sentence, scratch: &mut Scratch, ner: &Model) {
        let n = s.len();
        let width = self
            .pos
            .n_classes()
            .max(self.chunk.n_classes())
            .max(self.ner.n_classes());
        scratch.scores.resize(width, 0.0);
        scratch.pos.clear();
        for i in 0..n {
            features::pos(&mut scratch.feats, s, i, &scratch.pos);
            self.pos.scores(&scratch.feats.out, &mut scratch.scores);
            let t = self.pos.best(&scratch.scores, |_| true);
            scratch.pos.push(t as u16);
        }
        scratch.chunk.clear();
        for i in 0..n {
            features::chunk(&mut scratch.feats, s, i, &scratch.pos, &scratch.chunk);
            self.chunk.scores(&scratch.feats.out, &mut scratch.scores);
            let t = self.chunk.best(&scratch.scores, |_| true);
            scratch.chunk.push(t as u16);
        }
        self.entities(s, scratch, ner);
    }

    /// Entity tags with `ner`, given the scratch's tags, chunks and history.
    pub(crate) fn entities(&self, s: &Sentence, scratch: &mut Scratch, ner: &Model) {
        scratch
            .scores
            .resize(ner.n_classes().max(scratch.scores.len()), 0.0);
        scratch.ner.clear();
        let k = ner.n_classes();
        for i in 0..s.len() {
            features::ner(
                &mut scratch.feats,
                s,
                i,
                &scratch.pos,
                &scratch.chunk,
                &scratch.ner,
                &scratch.history,
            );
            ner.scores(&scratch.feats.out, &mut scratch.scores);
            let prev = scratch.ner.last().map_or(k, |&t| t as usize);
            let allowed = &self.allowed[prev * k..prev * k + k];
            let t = ner.best(&scratch.scores, |c| allowed[c]);
            scratch.ner.push(t as u16);
        }
    }
}
