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

use features::{CaseTable, Feats, Sentence};
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

/// Reusable buffers for tagging, and a cache of each word type's share of
/// the scores (the features that depend on the word alone), which makes
/// repeated words cheap. The cache is bounded.
#[derive(Default)]
pub struct Scratch {
    feats: Feats,
    scores: Vec<f32>,
    pos: Vec<u16>,
    chunk: Vec<u16>,
    ner: Vec<u16>,
    history: Vec<u64>,
    words:
        std::collections::HashMap<u64, usize, std::hash::BuildHasherDefault<perceptron::IdHasher>>,
    sums: Vec<i32>,
    stride: usize,
    /// Offsets into `sums` for the tokens of the current sentence.
    offsets: Vec<usize>,
}

/// Word types kept in a [`Scratch`] cache before it starts afresh.
const WORD_CACHE: usize = 200_000;

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
    pub(crate) case: CaseTable,
    /// For each BILOU class, its IOB2 form at the start and inside of a span.
    ner_iob: Vec<(String, String)>,
    /// Allowed BILOU transitions: `allowed[prev * n + cur]`, prev == n for the start.
    allowed: Vec<bool>,
    /// Entity classes that leave an entity open (B, I).
    open: Vec<bool>,
    /// The `O` class.
    outside: u16,
}

/// The cache key of a token's word features: its exact form and its
/// corpus capitalisation bucket.
fn mix_word(t: &features::TokenInfo) -> u64 {
    features::mix(t.word, u64::from(t.corpus_case))
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
        case: CaseTable,
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
        let open = ner
            .classes
            .iter()
            .map(|c| matches!(prefix(c), 'B' | 'I'))
            .collect();
        let outside = ner.class_id("O").unwrap_or(0) as u16;
        Self {
            pos,
            chunk,
            ner,
            ner2,
            gazetteer,
            case,
            ner_iob,
            allowed,
            open,
            outside,
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
        let (pos, chunk, ner, ner2, case, fingerprint) = io::read(bytes)?;
        if fingerprint != gazetteer.fingerprint() {
            tracing::warn!(
                "the tagger was trained with a different lexicon; retrain it with `sitrep train tagger`"
            );
        }
        Ok(Self::new(pos, chunk, ner, ner2, gazetteer, case))
    }

    /// The model as gzip-compressed bytes (deterministic).
    pub fn to_gzip(&self) -> Result<Vec<u8>> {
        io::write(
            [&self.pos, &self.chunk, &self.ner, &self.ner2],
            &self.case,
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
            .map(|w| Sentence::new(w, &self.gazetteer, &self.case))
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
            self.word_sums(s, scratch);
            self.entities(s, scratch, &self.ner2, false);
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

    /// Tokens that cannot start a name — lower-case words and punctuation
    /// with no capital, digit, hyphen, apostrophe or gazetteer match — are
    /// tagged `O` without scoring when no entity is open (most tokens of
    /// running text; the same rule holds in training).
    pub(crate) fn forced_outside(&self, t: &features::TokenInfo, prev: usize) -> Option<u16> {
        use features::flag;
        const NAMELIKE: u16 = flag::INIT_CAP
            | flag::ALL_CAP
            | flag::MIXED_CAP
            | flag::HAS_DIGIT
            | flag::HAS_HYPHEN
            | flag::HAS_APOS
            | flag::HAS_PERIOD;
        let open = self.open.get(prev).copied().unwrap_or(false);
        (!open && t.gaz == 0 && t.flags & NAMELIKE == 0).then_some(self.outside)
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
        self.word_sums(s, scratch);
        let (np, nc) = (self.pos.n_classes(), self.chunk.n_classes());
        let mut acc = [0i32; perceptron::MAX_CLASSES];
        scratch.pos.clear();
        for i in 0..n {
            features::pos(&mut scratch.feats, s, i, &scratch.pos, false);
            let o = scratch.offsets[i];
            acc[..np].copy_from_slice(&scratch.sums[o..o + np]);
            self.pos.add_raw(&scratch.feats.out, &mut acc);
            self.pos.to_scores(&acc, &mut scratch.scores);
            let t = self.pos.best(&scratch.scores, |_| true);
            scratch.pos.push(t as u16);
        }
        scratch.chunk.clear();
        for i in 0..n {
            features::chunk(
                &mut scratch.feats,
                s,
                i,
                &scratch.pos,
                &scratch.chunk,
                false,
            );
            let o = scratch.offsets[i] + np;
            acc[..nc].copy_from_slice(&scratch.sums[o..o + nc]);
            self.chunk.add_raw(&scratch.feats.out, &mut acc);
            self.chunk.to_scores(&acc, &mut scratch.scores);
            let t = self.chunk.best(&scratch.scores, |_| true);
            scratch.chunk.push(t as u16);
        }
        self.entities(s, scratch, ner, true);
    }

    /// Fills `scratch.offsets` with each token's cached word-feature sums
    /// (part of speech, chunks, entities pass 1, entities pass 2), scoring
    /// word types not seen before.
    fn word_sums(&self, s: &Sentence, scratch: &mut Scratch) {
        let (np, nc, n1, n2) = (
            self.pos.n_classes(),
            self.chunk.n_classes(),
            self.ner.n_classes(),
            self.ner2.n_classes(),
        );
        let stride = np + nc + n1 + n2;
        if scratch.stride != stride || scratch.words.len() > WORD_CACHE {
            scratch.words.clear();
            scratch.sums.clear();
            scratch.stride = stride;
        }
        scratch.offsets.clear();
        for t in &s.tokens {
            let key = mix_word(t);
            let o = match scratch.words.get(&key) {
                Some(&o) => o,
                None => {
                    let o = scratch.sums.len();
                    scratch.sums.resize(o + stride, 0);
                    let parts = [
                        (&self.pos, features::Task::Pos, o, np),
                        (&self.chunk, features::Task::Chunk, o + np, nc),
                        (&self.ner, features::Task::Ner, o + np + nc, n1),
                        (&self.ner2, features::Task::Ner, o + np + nc + n1, n2),
                    ];
                    for (model, task, at, k) in parts {
                        scratch.feats.out.clear();
                        features::word_features(&mut scratch.feats, t, task);
                        model.add_raw(&scratch.feats.out, &mut scratch.sums[at..at + k]);
                    }
                    scratch.words.insert(key, o);
                    o
                }
            };
            scratch.offsets.push(o);
        }
    }

    /// Entity tags with `ner`, given the scratch's tags, chunks and history.
    pub(crate) fn entities(&self, s: &Sentence, scratch: &mut Scratch, ner: &Model, light: bool) {
        scratch
            .scores
            .resize(ner.n_classes().max(scratch.scores.len()), 0.0);
        scratch.ner.clear();
        let k = ner.n_classes();
        // Where this model's word sums sit in the cache.
        let shift = self.pos.n_classes()
            + self.chunk.n_classes()
            + if std::ptr::eq(ner, &self.ner2) {
                self.ner.n_classes()
            } else {
                0
            };
        let mut acc = [0i32; perceptron::MAX_CLASSES];
        for i in 0..s.len() {
            let prev = scratch.ner.last().map_or(k, |&t| t as usize);
            if let Some(t) = self.forced_outside(&s.tokens[i], prev) {
                scratch.ner.push(t);
                continue;
            }
            if light {
                features::ner_light(&mut scratch.feats, s, i, &scratch.pos, &scratch.ner, false);
            } else {
                features::ner(
                    &mut scratch.feats,
                    s,
                    i,
                    &scratch.pos,
                    &scratch.chunk,
                    &scratch.ner,
                    &scratch.history,
                    false,
                );
            }
            let o = scratch.offsets[i] + shift;
            acc[..k].copy_from_slice(&scratch.sums[o..o + k]);
            ner.add_raw(&scratch.feats.out, &mut acc);
            ner.to_scores(&acc, &mut scratch.scores);
            let allowed = &self.allowed[prev * k..prev * k + k];
            let t = ner.best(&scratch.scores, |c| allowed[c]);
            scratch.ner.push(t as u16);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tagger without the word cache: every feature scored every time.
    fn reference<'m>(t: &'m Tagger, sentences: &[Vec<&str>]) -> Vec<Vec<&'m str>> {
        let mut described: Vec<Sentence> = sentences
            .iter()
            .map(|w| Sentence::new(w, &t.gazetteer, &t.case))
            .collect();
        features::doc_case(&mut described, sentences);
        let mut f = Feats::new();
        let mut scores = vec![0.0f32; 64];
        let greedy = |m: &Model,
                      tokens: &[features::TokenInfo],
                      f: &mut Feats,
                      scores: &mut [f32],
                      feats: &mut dyn FnMut(&mut Feats, usize, &[u16]),
                      constrain: bool| {
            let k = m.n_classes();
            let mut tags: Vec<u16> = Vec::new();
            for (i, token) in tokens.iter().enumerate() {
                let prev = tags.last().map_or(k, |&x| x as usize);
                if constrain {
                    if let Some(x) = t.forced_outside(token, prev) {
                        tags.push(x);
                        continue;
                    }
                }
                feats(f, i, &tags);
                m.scores(&f.out, scores);
                let c = if constrain {
                    m.best(scores, |c| t.allowed[prev * k + c])
                } else {
                    m.best(scores, |_| true)
                };
                tags.push(c as u16);
            }
            tags
        };
        let mut first = Vec::new();
        for s in &described {
            let p = greedy(
                &t.pos,
                &s.tokens,
                &mut f,
                &mut scores,
                &mut |f, i, tags| features::pos(f, s, i, tags, true),
                false,
            );
            let c = greedy(
                &t.chunk,
                &s.tokens,
                &mut f,
                &mut scores,
                &mut |f, i, tags| features::chunk(f, s, i, &p, tags, true),
                false,
            );
            let n = greedy(
                &t.ner,
                &s.tokens,
                &mut f,
                &mut scores,
                &mut |f, i, tags| features::ner_light(f, s, i, &p, tags, true),
                true,
            );
            first.push((p, c, n));
        }
        let ner1: Vec<&[u16]> = first.iter().map(|x| x.2.as_slice()).collect();
        let hints = history::hints(sentences, &described, &ner1, &t.ner.classes);
        described
            .iter()
            .zip(&first)
            .zip(&hints)
            .map(|((s, (p, c, _)), h)| {
                greedy(
                    &t.ner2,
                    &s.tokens,
                    &mut f,
                    &mut scores,
                    &mut |f, i, tags| features::ner(f, s, i, p, c, tags, h, true),
                    true,
                )
                .into_iter()
                .map(|x| t.ner.classes[x as usize].as_str())
                .collect()
            })
            .collect()
    }

    #[test]
    fn cached_word_sums_change_nothing() {
        let tagger = Tagger::shipped().expect("shipped model");
        let doc: Vec<Vec<&str>> = vec![
            "Russian President Vladimir Putin spoke to Ebrahim Raisi on Monday ."
                .split(' ')
                .collect(),
            "Putin and Raisi discussed the Gaza Strip , the Kremlin said ."
                .split(' ')
                .collect(),
            "LEICESTER BEAT KENT AT GRACE ROAD".split(' ').collect(),
        ];
        let mut scratch = Scratch::default();
        let fast = tagger.tag_document_with(&doc, &mut scratch);
        let slow = reference(&tagger, &doc);
        for (a, b) in fast.iter().zip(&slow) {
            let a_bilou: Vec<String> = a.ner.iter().map(|s| s.to_string()).collect();
            let b_iob: Vec<String> = {
                let mut inside = false;
                b.iter()
                    .map(|c| {
                        let p = prefix(c);
                        let out = if c == &"O" {
                            "O".to_string()
                        } else if (p == 'I' || p == 'L') && inside {
                            format!("I-{}", entity_type(c))
                        } else {
                            format!("B-{}", entity_type(c))
                        };
                        inside = matches!(p, 'B' | 'I');
                        out
                    })
                    .collect()
            };
            assert_eq!(a_bilou, b_iob);
        }
        // A second run over a warm cache gives the same tags.
        let again = tagger.tag_document_with(&doc, &mut scratch);
        assert_eq!(fast, again);
    }
}
