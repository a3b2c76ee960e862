//! Training and evaluation on CoNLL-2003 data.
//!
//! Order: the part-of-speech model first; then the training sentences are
//! tagged by it (so the later models learn from the tags they will see, not
//! gold ones); the chunk model; then the entity model (BILOU classes) on
//! predicted tags and chunks. Each model is a greedy averaged perceptron
//! trained for `epochs` passes over the sentences in a seeded shuffled order,
//! so a run is deterministic.

use crate::conll::ConllSentence;
use crate::features::{self, CaseTable, Feats, Sentence};
use crate::gazetteer::Gazetteer;
use crate::perceptron::{Model, Trainer};
use crate::score::Scores;
use crate::Tagger;

/// Training settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Passes over the data for each model.
    pub epochs: usize,
    /// Seed of the shuffle.
    pub seed: u64,
    /// Features whose averaged weights all stay below this are dropped from
    /// the model (smaller and faster, nearly as good).
    pub prune: f32,
    /// Features seen fewer times than this in training are dropped.
    pub min_count: u32,
    /// Models in the second entity pass's ensemble.
    pub ensemble: usize,
}

impl Default for Options {
    /// The settings of the shipped model.
    fn default() -> Self {
        Self {
            epochs: 12,
            seed: 0x0517_35e9,
            prune: 0.1,
            min_count: 4,
            ensemble: 3,
        }
    }
}

/// IOB2 entity tags to BILOU.
pub fn to_bilou(tags: &[&str]) -> Vec<String> {
    let mut out = Vec::with_capacity(tags.len());
    for (i, t) in tags.iter().enumerate() {
        let Some((p, ty)) = t.split_once('-') else {
            out.push("O".to_string());
            continue;
        };
        let starts = p == "B" || i == 0 || tags[i - 1].split_once('-').map(|x| x.1) != Some(ty);
        let next_continues = tags
            .get(i + 1)
            .and_then(|n| n.split_once('-'))
            .is_some_and(|(np, nt)| np == "I" && nt == ty);
        let q = match (starts, next_continues) {
            (true, true) => "B",
            (true, false) => "U",
            (false, true) => "I",
            (false, false) => "L",
        };
        out.push(format!("{q}-{ty}"));
    }
    out
}

struct Shuffle(u64);

impl Shuffle {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn order(&mut self, n: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
        v
    }
}

fn classes<'a>(tags: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut v: Vec<String> = tags.map(str::to_string).collect();
    v.sort();
    v.dedup();
    v
}

fn ids(classes: &[String], tags: &[&str]) -> Vec<u16> {
    tags.iter()
        .map(|t| classes.iter().position(|c| c == t).unwrap_or(0) as u16)
        .collect()
}

/// One task's training data: gold class ids per sentence.
struct Task {
    gold: Vec<Vec<u16>>,
}

/// Trains one greedy model; `feats` fills the features of token `i` given
/// the sentence index and the tags decided so far.
#[allow(clippy::too_many_arguments)]
fn train_model(
    classes: Vec<String>,
    task: &Task,
    subset: &[usize],
    opts: &Options,
    mut feats: impl FnMut(&mut Feats, usize, usize, &[u16]),
    allowed: impl Fn(usize, usize) -> bool,
    forced: impl Fn(usize, usize, usize) -> Option<u16>,
    log: &mut dyn FnMut(String),
    name: &str,
) -> crate::perceptron::Model {
    let n = classes.len();
    let mut trainer = Trainer::new(classes);
    let mut shuffle = Shuffle(opts.seed | 1);
    let mut f = Feats::new();
    let mut scores = vec![0.0f32; n];
    let mut tags: Vec<u16> = Vec::new();
    // Count features once with gold history; rare ones are left out of
    // training altogether (a smaller model, and one that generalises).
    let mut counts = crate::perceptron::FeatureMap::default();
    if opts.min_count > 1 {
        for &si in subset {
            let gold = &task.gold[si];
            for i in 0..gold.len() {
                feats(&mut f, si, i, &gold[..i]);
                for &h in &f.out {
                    *counts.entry(h).or_insert(0u32) += 1;
                }
            }
        }
    }
    let keep = |h: &u64| opts.min_count <= 1 || counts.get(h).is_some_and(|&c| c >= opts.min_count);
    for epoch in 0..opts.epochs {
        let (mut right, mut total) = (0usize, 0usize);
        for k in shuffle.order(subset.len()) {
            let si = subset[k];
            let gold = &task.gold[si];
            tags.clear();
            for (i, &g) in gold.iter().enumerate() {
                let prev = tags.last().map_or(n, |&t| t as usize);
                if let Some(t) = forced(si, i, prev) {
                    tags.push(t);
                    continue;
                }
                feats(&mut f, si, i, &tags);
                f.out.retain(keep);
                trainer.tick();
                trainer.scores(&f.out, &mut scores);
                let prev = tags.last().map_or(n, |&t| t as usize);
                let mut best = 0;
                let mut best_score = f32::NEG_INFINITY;
                for (c, &s) in scores.iter().enumerate() {
                    if s > best_score && allowed(prev, c) {
                        best = c;
                        best_score = s;
                    }
                }
                trainer.update(&f.out, g as usize, best);
                right += usize::from(best == g as usize);
                total += 1;
                tags.push(best as u16);
            }
        }
        log(format!(
            "{name}: epoch {}/{}: training accuracy {:.2}%",
            epoch + 1,
            opts.epochs,
            100.0 * right as f64 / total.max(1) as f64
        ));
    }
    trainer.finish_pruned(opts.prune)
}

/// Folds for the second entity pass's training hints.
const FOLDS: usize = 5;

/// Trains the models.
pub fn train(
    data: &[ConllSentence],
    gazetteer: Gazetteer,
    opts: &Options,
    log: &mut dyn FnMut(String),
) -> Tagger {
    let words: Vec<Vec<&str>> = data.iter().map(|s| s.words()).collect();
    let case = CaseTable::build(words.iter().map(Vec::as_slice));
    log(format!("case table: {} words", case.len()));
    let mut described: Vec<Sentence> = words
        .iter()
        .map(|w| Sentence::new(w, &gazetteer, &case))
        .collect();
    // Documents: runs of sentences with the same document number.
    let mut docs: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    for i in 1..=data.len() {
        if i == data.len() || data[i].doc != data[start].doc {
            docs.push(start..i);
            start = i;
        }
    }
    for d in &docs {
        features::doc_case(&mut described[d.clone()], &words[d.clone()]);
    }
    let all: Vec<usize> = (0..data.len()).collect();

    // Part of speech.
    let pos_classes = classes(
        data.iter()
            .flat_map(|s| s.tokens.iter().map(|t| t.pos.as_str())),
    );
    let task = Task {
        gold: data
            .iter()
            .map(|s| {
                ids(
                    &pos_classes,
                    &s.tokens.iter().map(|t| t.pos.as_str()).collect::<Vec<_>>(),
                )
            })
            .collect(),
    };
    let pos = train_model(
        pos_classes,
        &task,
        &all,
        opts,
        |f, si, i, tags| features::pos(f, &described[si], i, tags, true),
        |_, _| true,
        |_, _, _| None,
        log,
        "pos",
    );
    let predicted_pos: Vec<Vec<u16>> = described
        .iter()
        .map(|s| {
            greedy(&pos, s.len(), |f, i, tags| {
                features::pos(f, s, i, tags, true)
            })
        })
        .collect();

    // Chunks.
    let chunk_classes = classes(
        data.iter()
            .flat_map(|s| s.tokens.iter().map(|t| t.chunk.as_str())),
    );
    let task = Task {
        gold: data
            .iter()
            .map(|s| {
                ids(
                    &chunk_classes,
                    &s.tokens
                        .iter()
                        .map(|t| t.chunk.as_str())
                        .collect::<Vec<_>>(),
                )
            })
            .collect(),
    };
    let chunk = train_model(
        chunk_classes,
        &task,
        &all,
        opts,
        |f, si, i, tags| features::chunk(f, &described[si], i, &predicted_pos[si], tags, true),
        |_, _| true,
        |_, _, _| None,
        log,
        "chunk",
    );
    let predicted_chunk: Vec<Vec<u16>> = described
        .iter()
        .zip(&predicted_pos)
        .map(|(s, p)| {
            greedy(&chunk, s.len(), |f, i, tags| {
                features::chunk(f, s, i, p, tags, true)
            })
        })
        .collect();

    // Entities, in BILOU form.
    let bilou: Vec<Vec<String>> = data
        .iter()
        .map(|s| to_bilou(&s.tokens.iter().map(|t| t.ner.as_str()).collect::<Vec<_>>()))
        .collect();
    let ner_classes = classes(bilou.iter().flatten().map(String::as_str));
    let empty = || Trainer::new(ner_classes.clone()).finish();
    let shape = Tagger::new(
        pos.clone(),
        chunk.clone(),
        empty(),
        empty(),
        Gazetteer::default(),
        CaseTable::default(),
    );
    let k = ner_classes.len();
    let task = Task {
        gold: bilou
            .iter()
            .map(|b| {
                ids(
                    &ner_classes,
                    &b.iter().map(String::as_str).collect::<Vec<_>>(),
                )
            })
            .collect(),
    };
    let no_history: Vec<u64> = Vec::new();
    // The first pass (no history) uses the light feature set.
    let train_ner_with = |opts: &Options,
                          subset: &[usize],
                          history: &[Vec<u64>],
                          log: &mut dyn FnMut(String),
                          name: &str| {
        let light = history.is_empty();
        train_model(
            ner_classes.clone(),
            &task,
            subset,
            opts,
            |f, si, i, tags| {
                if light {
                    return features::ner_light(
                        f,
                        &described[si],
                        i,
                        &predicted_pos[si],
                        tags,
                        true,
                    );
                }
                features::ner(
                    f,
                    &described[si],
                    i,
                    &predicted_pos[si],
                    &predicted_chunk[si],
                    tags,
                    history.get(si).unwrap_or(&no_history),
                    true,
                )
            },
            |prev, c| shape.allowed[prev * k + c],
            |si, i, prev| shape.forced_outside(&described[si].tokens[i], prev),
            log,
            name,
        )
    };
    let train_ner =
        |subset: &[usize], history: &[Vec<u64>], log: &mut dyn FnMut(String), name: &str| {
            train_ner_with(opts, subset, history, log, name)
        };
    let ner = train_ner(&all, &[], log, "entities pass 1");

    // Hints for the second pass come from first-pass models that did not
    // see the document (folds by document), so they are as wrong as they
    // will be on new text.
    let mut history: Vec<Vec<u64>> = vec![Vec::new(); data.len()];
    for fold in 0..FOLDS {
        let (held, train_docs): (Vec<_>, Vec<_>) = docs
            .iter()
            .enumerate()
            .partition(|(d, _)| d % FOLDS == fold);
        let subset: Vec<usize> = train_docs.iter().flat_map(|(_, r)| (*r).clone()).collect();
        let model = train_ner(&subset, &[], &mut |_| {}, "fold");
        for (_, r) in held {
            let tags: Vec<Vec<u16>> = r
                .clone()
                .map(|si| {
                    let mut tags: Vec<u16> = Vec::new();
                    let mut f = Feats::new();
                    let mut scores = vec![0.0f32; k];
                    for i in 0..described[si].len() {
                        let prev = tags.last().map_or(k, |&t| t as usize);
                        if let Some(t) = shape.forced_outside(&described[si].tokens[i], prev) {
                            tags.push(t);
                            continue;
                        }
                        features::ner_light(
                            &mut f,
                            &described[si],
                            i,
                            &predicted_pos[si],
                            &tags,
                            true,
                        );
                        model.scores(&f.out, &mut scores);
                        tags.push(model.best(&scores, |c| shape.allowed[prev * k + c]) as u16);
                    }
                    tags
                })
                .collect();
            let refs: Vec<&[u16]> = tags.iter().map(Vec::as_slice).collect();
            let hints = crate::history::hints(
                &words[r.clone()],
                &described[r.clone()],
                &refs,
                &ner_classes,
            );
            for (si, h) in r.clone().zip(hints) {
                history[si] = h;
            }
        }
        log(format!("entities: hints for fold {}/{FOLDS}", fold + 1));
    }
    // The second pass is an ensemble of models trained in different orders,
    // folded into one (steadier than any single order).
    let members: Vec<Model> = (0..opts.ensemble.max(1))
        .map(|k| {
            let o = Options {
                seed: opts.seed.wrapping_add(k as u64 * 0x9E37),
                ..opts.clone()
            };
            train_ner_with(
                &o,
                &all,
                &history,
                log,
                &format!("entities pass 2 ({})", k + 1),
            )
        })
        .collect();
    let ner2 = Model::average(&members);
    Tagger::new(pos, chunk, ner, ner2, gazetteer, case)
}

/// Greedy decoding of one sentence with a model.
fn greedy(model: &Model, n: usize, feats: impl FnMut(&mut Feats, usize, &[u16])) -> Vec<u16> {
    greedy_allowed(model, n, &[], feats)
}

/// Greedy decoding with a transition table (empty = all allowed).
fn greedy_allowed(
    model: &Model,
    n: usize,
    allowed: &[bool],
    mut feats: impl FnMut(&mut Feats, usize, &[u16]),
) -> Vec<u16> {
    let k = model.n_classes();
    let mut f = Feats::new();
    let mut scores = vec![0.0f32; k];
    let mut tags = Vec::with_capacity(n);
    for i in 0..n {
        feats(&mut f, i, &tags);
        model.scores(&f.out, &mut scores);
        let prev = tags.last().map_or(k, |&t: &u16| t as usize);
        let t = if allowed.is_empty() {
            model.best(&scores, |_| true)
        } else {
            model.best(&scores, |c| allowed[prev * k + c])
        };
        tags.push(t as u16);
    }
    tags
}

/// Scores of a tagger on annotated sentences.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub ner: Scores,
    pub pos: Scores,
    pub chunk: Scores,
}

/// Tags each document and scores it; `each` sees every sentence's predicted
/// entity tags (for writing predictions), in input order.
pub fn evaluate(
    tagger: &Tagger,
    data: &[ConllSentence],
    mut each: impl FnMut(&ConllSentence, &[&str]),
) -> Evaluation {
    let mut ev = Evaluation::default();
    let mut scratch = crate::Scratch::default();
    let mut start = 0;
    while start < data.len() {
        let mut end = start + 1;
        while end < data.len() && data[end].doc == data[start].doc {
            end += 1;
        }
        let doc = &data[start..end];
        let words: Vec<Vec<&str>> = doc.iter().map(|s| s.words()).collect();
        let tagged = tagger.tag_document_with(&words, &mut scratch);
        for (s, t) in doc.iter().zip(&tagged) {
            let gold_ner: Vec<&str> = s.tokens.iter().map(|t| t.ner.as_str()).collect();
            let gold_pos: Vec<&str> = s.tokens.iter().map(|t| t.pos.as_str()).collect();
            let gold_chunk: Vec<&str> = s.tokens.iter().map(|t| t.chunk.as_str()).collect();
            ev.ner.add(&gold_ner, &t.ner);
            ev.pos.add(&gold_pos, &t.pos);
            ev.chunk.add(&gold_chunk, &t.chunk);
            each(s, &t.ner);
        }
        start = end;
    }
    ev
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_conversion() {
        assert_eq!(
            to_bilou(&["B-PER", "I-PER", "I-PER", "O", "B-LOC", "I-ORG", "B-ORG"]),
            ["B-PER", "I-PER", "L-PER", "O", "U-LOC", "U-ORG", "U-ORG"]
        );
        assert_eq!(to_bilou(&["I-LOC", "I-LOC"]), ["B-LOC", "L-LOC"]);
    }
}
