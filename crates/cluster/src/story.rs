//! Online story clustering: each new article joins an existing story or
//! starts one.
//!
//! # The algorithm (one pass, in input order)
//!
//! Every document is a bag of words ([`tokenize`]) plus optional typed
//! `features` (resolved actor ids, places, event keys). For each new
//! document:
//!
//! 1. **Online IDF.** The corpus counts are updated first: `N += 1` and the
//!    document frequency of each distinct word `+= 1`. A word's weight is
//!    `idf(t) = ln((N + 1) / (df(t) + 1)) + 1` (scikit-learn's smoothed IDF)
//!    at the moment it is used, so weights sharpen as the stream grows and
//!    nothing is recomputed.
//! 2. **Candidates.** An inverted index maps each word and feature to the
//!    open stories holding it. Words found in more than
//!    [`StoryConfig::candidate_max_df`] of all documents open no candidates
//!    (they still count in the score). The stories reached are ranked by the
//!    summed IDF of what they share with the document and the best
//!    [`StoryConfig::max_candidates`] are scored, so the cost per document
//!    depends on the length of its posting lists, not on the number of
//!    stories.
//! 3. **Score.** `cosine(doc, story) + feature_weight * shared_features -
//!    decay_weight * gap_days / window_days`, where the cosine is between the
//!    TF-IDF vector of the document and that of the story's centroid (the
//!    summed word counts of its documents, weighted by the current IDF; the
//!    centroid's norm is cached and refreshed when the story changes or `N`
//!    has grown by 5 %), `shared_features` is the share of the document's
//!    features the story has seen, and `gap_days` the days between the
//!    document and the story's nearest date.
//! 4. **Decision.** The best-scoring story (ties: the older story) is joined
//!    if its score reaches [`StoryConfig::threshold`]; otherwise the document
//!    starts a new story. Story ids count up in order of creation.
//!
//! **Time.** When dates exist, a story whose last document is more than
//! [`StoryConfig::window_days`] before the newest date seen is *closed*: it
//! leaves the index and can no longer grow. Documents without a date are
//! never kept out of a story by time.
//!
//! **Incremental and deterministic.** The clusterer's whole state
//! (vocabulary, document frequencies, stories, documents) is serde-
//! serialisable; tomorrow's documents added to a reloaded clusterer land
//! exactly where they would have in one long run. For a given input order the
//! result is always the same: no hash-map iteration order reaches a score.
//!
//! **Optional batch refinement** ([`StoryClusterer::refine`]): one more pass
//! over the documents of the open stories, in input order, taking each out of
//! its story and putting it in the best one by the same rule (as MStreamF's
//! extra iterations do). It may move documents already reported; the online
//! result is what [`StoryClusterer::add`] returns.

mod config;
mod doc;
mod state;
mod tokens;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub use config::StoryConfig;
pub use doc::{Doc, StoryId};
pub use state::StoryError;
pub use tokens::{is_stopword, tokenize};

/// A story: the documents that joined it and their summed word counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: StoryId,
    /// Indexes of its documents in input order.
    pub members: Vec<u32>,
    /// Term id → summed count over the members (words and features).
    terms: BTreeMap<u32, u32>,
    pub first_date: Option<Date>,
    pub last_date: Option<Date>,
    /// Cached norm of the TF-IDF centroid and the `N` it was computed at
    /// (0: stale).
    norm: f64,
    norm_at: u32,
}

/// A document as kept by the clusterer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct DocRecord {
    id: String,
    date: Option<Date>,
    /// Word id and count, by id.
    words: Vec<(u32, u32)>,
    /// Feature term ids, sorted, distinct.
    features: Vec<u32>,
    story: StoryId,
}

/// The online clusterer; see the module documentation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoryClusterer {
    config: StoryConfig,
    /// Term strings by id; features are stored as `feature:<value>`, which no
    /// word can be.
    vocab: Vec<String>,
    /// Document frequency by term id.
    df: Vec<u32>,
    n_docs: u32,
    stories: Vec<Story>,
    docs: Vec<DocRecord>,
    /// Newest date seen.
    latest: Option<Date>,
    /// Stories closed by the window, by id: dated documents reach them only
    /// through an anchor.
    closed: Vec<bool>,
    /// Stories closed for longer than the anchor window, by id: dated
    /// documents no longer reach them at all.
    #[serde(default)]
    retired: Vec<bool>,
    /// Term string → id; rebuilt from `vocab` after loading.
    #[serde(skip)]
    lookup: HashMap<String, u32>,
    /// Term id → open stories holding it; rebuilt after loading.
    #[serde(skip)]
    postings: Vec<Vec<u32>>,
}

const FEATURE_PREFIX: &str = "feature:";

/// The gate of [`StoryConfig::gate_prefix`] applies when the document and
/// the story each have at least this many gated features (one name is too
/// little to tell a story by).
const GATE_MIN: usize = 2;

/// Features naming one real-world event: see [`StoryConfig::anchor_window_days`].
pub const ANCHOR_PREFIX: &str = "event:";
/// Early in a stream every word is "frequent": below this many documents a
/// word always opens candidates.
const MIN_CANDIDATE_DF: f64 = 50.0;

impl StoryClusterer {
    pub fn new(config: StoryConfig) -> Self {
        StoryClusterer {
            config,
            vocab: Vec::new(),
            df: Vec::new(),
            n_docs: 0,
            stories: Vec::new(),
            docs: Vec::new(),
            latest: None,
            closed: Vec::new(),
            retired: Vec::new(),
            lookup: HashMap::new(),
            postings: Vec::new(),
        }
    }

    pub fn config(&self) -> &StoryConfig {
        &self.config
    }

    /// Adds one document and returns the story it joined or started.
    pub fn add(&mut self, doc: Doc) -> StoryId {
        self.add_explained(doc).0
    }

    /// [`add`](Self::add), also returning the best existing story and its
    /// score (joined or not), to explain a decision.
    pub fn add_explained(&mut self, doc: Doc) -> (StoryId, Option<(StoryId, f64)>) {
        self.rebuild_indexes();
        let mut counts: BTreeMap<u32, u32> = BTreeMap::new();
        for w in tokenize(&doc.text) {
            *counts.entry(self.term_id(w)).or_default() += 1;
        }
        let mut features: Vec<u32> = doc
            .features
            .iter()
            .map(|f| self.term_id(format!("{FEATURE_PREFIX}{f}")))
            .collect();
        features.sort_unstable();
        features.dedup();
        self.n_docs += 1;
        for &t in counts.keys().chain(&features) {
            self.df[t as usize] += 1;
        }
        if let Some(d) = doc.date {
            if self.latest.is_none_or(|l| d > l) {
                self.latest = Some(d);
                self.close_old_stories();
            }
        }
        let index = self.docs.len() as u32;
        self.docs.push(DocRecord {
            id: doc.id,
            date: doc.date,
            words: counts.into_iter().collect(),
            features,
            story: StoryId(u32::MAX),
        });
        let best = self.best_story(index);
        (self.place_with(index, None, best), best)
    }

    /// The optional batch refinement: every document of an open story, in
    /// input order, is taken out of its story and placed again by the same
    /// rule (it returns to its story, moves to a better one, or starts a new
    /// one). Returns how many documents moved.
    pub fn refine(&mut self) -> usize {
        self.refine_from(0)
    }

    /// [`refine`](Self::refine) for the documents added from the
    /// `first`-th on.
    fn refine_from(&mut self, first: usize) -> usize {
        self.rebuild_indexes();
        let mut moved = 0;
        for index in first.min(self.docs.len()) as u32..self.docs.len() as u32 {
            let old = self.docs[index as usize].story;
            if self.closed[old.0 as usize] {
                continue;
            }
            self.remove_from_story(index);
            if self.place(index, Some(old)) != old {
                moved += 1;
            }
        }
        moved
    }

    /// Every document's story, in input order.
    pub fn assignments(&self) -> impl Iterator<Item = (&str, StoryId)> + '_ {
        self.docs.iter().map(|d| (d.id.as_str(), d.story))
    }

    /// The stories that hold at least one document, by id.
    pub fn stories(&self) -> impl Iterator<Item = &Story> + '_ {
        self.stories.iter().filter(|s| !s.members.is_empty())
    }

    /// The id of the `index`-th document added.
    pub fn doc_id(&self, index: u32) -> Option<&str> {
        self.docs.get(index as usize).map(|d| d.id.as_str())
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    fn term_id(&mut self, term: String) -> u32 {
        if let Some(&id) = self.lookup.get(&term) {
            return id;
        }
        let id = self.vocab.len() as u32;
        self.lookup.insert(term.clone(), id);
        self.vocab.push(term);
        self.df.push(0);
        self.postings.push(Vec::new());
        id
    }

    /// After deserialising, the lookup and the postings are rebuilt from the
    /// stored state (no-op otherwise).
    fn rebuild_indexes(&mut self) {
        if self.lookup.len() == self.vocab.len() && self.postings.len() == self.vocab.len() {
            return;
        }
        self.lookup = self
            .vocab
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        self.postings = vec![Vec::new(); self.vocab.len()];
        for s in &self.stories {
            for &t in s.terms.keys() {
                self.postings[t as usize].push(s.id.0);
            }
        }
    }

    fn idf(&self, term: u32) -> f64 {
        let n = f64::from(self.n_docs);
        ((n + 1.0) / (f64::from(self.df[term as usize]) + 1.0)).ln() + 1.0
    }

    /// Closes the stories the window has passed, and retires those the
    /// anchor window has passed too.
    fn close_old_stories(&mut self) {
        let Some(latest) = self.latest else { return };
        let mut newly = Vec::new();
        for s in &self.stories {
            if !self.closed[s.id.0 as usize]
                && s.last_date
                    .is_some_and(|d| days_between(d, latest) > f64::from(self.config.window_days))
            {
                newly.push(s.id.0);
            }
        }
        for id in newly {
            // Closed: dated documents reach it only through an anchor (a
            // late report); undated ones still may. Its postings stay until
            // it is retired below.
            self.closed[id as usize] = true;
        }
        let retire_after = f64::from(self.config.anchor_window_days.max(self.config.window_days));
        let mut retired = Vec::new();
        for s in &self.stories {
            if self.closed[s.id.0 as usize]
                && !self.retired[s.id.0 as usize]
                && s.last_date
                    .is_some_and(|d| days_between(d, latest) > retire_after)
            {
                retired.push(s.id.0);
            }
        }
        for id in retired {
            self.retired[id as usize] = true;
        }
    }

    /// Puts document `index` (in no story) in the best story, or in a new
    /// one; `old` is the story it was taken out of, restored rather than
    /// replaced by a new story if it is now empty.
    fn place(&mut self, index: u32, old: Option<StoryId>) -> StoryId {
        let best = self.best_story(index);
        self.place_with(index, old, best)
    }

    fn place_with(
        &mut self,
        index: u32,
        old: Option<StoryId>,
        best: Option<(StoryId, f64)>,
    ) -> StoryId {
        let story = match best {
            Some((s, score)) if score >= self.config.threshold => s,
            _ => match old {
                Some(o) if self.stories[o.0 as usize].members.is_empty() => o,
                _ => self.new_story(),
            },
        };
        self.add_to_story(index, story);
        story
    }

    fn new_story(&mut self) -> StoryId {
        let id = StoryId(self.stories.len() as u32);
        self.stories.push(Story {
            id,
            members: Vec::new(),
            terms: BTreeMap::new(),
            first_date: None,
            last_date: None,
            norm: 0.0,
            norm_at: 0,
        });
        self.closed.push(false);
        self.retired.push(false);
        id
    }

    /// The best open story for document `index` and its score.
    fn best_story(&mut self, index: u32) -> Option<(StoryId, f64)> {
        let doc = &self.docs[index as usize];
        let max_df = self.config.candidate_max_df * f64::from(self.n_docs);
        // Story → summed IDF of the terms it shares with the document.
        let mut reach: HashMap<u32, f64> = HashMap::new();
        let terms = doc
            .words
            .iter()
            .map(|&(t, _)| t)
            .chain(doc.features.iter().copied());
        for t in terms {
            if f64::from(self.df[t as usize]) > max_df.max(MIN_CANDIDATE_DF) {
                continue;
            }
            let idf = self.idf(t);
            // Retired stories: only undated documents may still join them.
            let dated = doc.date.is_some();
            for &s in &self.postings[t as usize] {
                if dated && self.retired[s as usize] {
                    continue;
                }
                *reach.entry(s).or_default() += idf;
            }
        }
        let mut candidates: Vec<(u32, f64)> = reach.into_iter().collect();
        candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(self.config.max_candidates);
        let mut best: Option<(StoryId, f64)> = None;
        for (s, _) in candidates {
            self.refresh_norm(s);
            let score = self.score(index, s);
            if best.is_none_or(|(b, bs)| score > bs || (score == bs && s < b.0)) {
                best = Some((StoryId(s), score));
            }
        }
        best
    }

    /// The batch consolidation after a stream (or a batch of it): stories
    /// whose centroids are alike are merged ([`merge_similar`] at
    /// [`StoryConfig::merge_cosine`]), every document is placed once more
    /// ([`refine`]), and alike stories are merged again — the online pass
    /// over-splits (a short text rarely reaches a big story's centroid), and
    /// this recovers the splits. Returns how many documents moved; moves
    /// documents already reported, so ids of merged stories disappear.
    ///
    /// [`merge_similar`]: Self::merge_similar
    /// [`refine`]: Self::refine
    pub fn consolidate(&mut self) -> usize {
        self.consolidate_from(0)
    }

    /// The consolidation after the documents added from the `first`-th on
    /// (0-based, in input order): the stories now holding them are merged
    /// with alike open stories, those documents are placed once more, and
    /// their stories merged again — so that consolidating after each batch
    /// of a long stream costs in proportion to the batch, not to the
    /// stream. `consolidate_from(0)` is [`consolidate`](Self::consolidate).
    pub fn consolidate_from(&mut self, first: usize) -> usize {
        let m = self.config.merge_cosine;
        let scope = |c: &Self| -> Option<BTreeSet<u32>> {
            (first > 0).then(|| {
                c.docs[first.min(c.docs.len())..]
                    .iter()
                    .map(|d| d.story.0)
                    .collect()
            })
        };
        let mut moved = self.merge_in(m, scope(self).as_ref());
        moved += self.refine_from(first);
        moved + self.merge_in(m, scope(self).as_ref())
    }

    /// The optional merge step: open stories (not closed by the window)
    /// whose TF-IDF centroids have a
    /// cosine of at least `min_cosine` are merged (single linkage over the
    /// centroids as they stand, candidates from the inverted index; the
    /// older story keeps its id, the other is left empty). Returns how many
    /// documents moved. Like [`refine`](Self::refine), a batch step after
    /// the stream.
    pub fn merge_similar(&mut self, min_cosine: f64) -> usize {
        self.merge_in(min_cosine, None)
    }

    /// [`merge_similar`](Self::merge_similar) for the stories in `scope`
    /// with any open story (every pair of open stories with `None`).
    fn merge_in(&mut self, min_cosine: f64, scope: Option<&BTreeSet<u32>>) -> usize {
        self.rebuild_indexes();
        let n = self.stories.len();
        for s in 0..n as u32 {
            if !self.closed[s as usize] {
                self.refresh_norm(s);
            }
        }
        // Centroid weights (words only) of the open stories: a story the
        // window has closed is finished, as in `refine`.
        let weights: Vec<Vec<(u32, f64)>> = self
            .stories
            .iter()
            .enumerate()
            .map(|(s, st)| {
                if self.closed[s] {
                    return Vec::new();
                }
                st.terms
                    .iter()
                    .filter(|(t, _)| !self.vocab[**t as usize].starts_with(FEATURE_PREFIX))
                    .map(|(&t, &c)| (t, f64::from(c) * self.idf(t)))
                    .collect()
            })
            .collect();
        let mut parent: Vec<u32> = (0..n as u32).collect();
        fn root(p: &mut [u32], mut x: u32) -> u32 {
            while p[x as usize] != x {
                p[x as usize] = p[p[x as usize] as usize];
                x = p[x as usize];
            }
            x
        }
        let max_df = self.config.candidate_max_df * f64::from(self.n_docs);
        for a in 0..n {
            if self.stories[a].members.is_empty() || scope.is_some_and(|s| !s.contains(&(a as u32)))
            {
                continue;
            }
            let mut near: BTreeSet<u32> = BTreeSet::new();
            for &(t, _) in &weights[a] {
                if f64::from(self.df[t as usize]) > max_df.max(MIN_CANDIDATE_DF) {
                    continue;
                }
                for &b in &self.postings[t as usize] {
                    // Each pair once; in a scope, any other story.
                    if (b as usize) > a || (scope.is_some() && b as usize != a) {
                        near.insert(b);
                    }
                }
            }
            for &b in &near {
                let wb = &weights[b as usize];
                if wb.is_empty() {
                    continue;
                }
                let (mut i, mut j, mut dot) = (0, 0, 0.0);
                let wa = &weights[a];
                while i < wa.len() && j < wb.len() {
                    match wa[i].0.cmp(&wb[j].0) {
                        std::cmp::Ordering::Less => i += 1,
                        std::cmp::Ordering::Greater => j += 1,
                        std::cmp::Ordering::Equal => {
                            dot += wa[i].1 * wb[j].1;
                            i += 1;
                            j += 1;
                        }
                    }
                }
                let denom = self.stories[a].norm * self.stories[b as usize].norm;
                if denom > 0.0 && dot / denom >= min_cosine {
                    let (ra, rb) = (root(&mut parent, a as u32), root(&mut parent, b));
                    if ra != rb {
                        parent[ra.max(rb) as usize] = ra.min(rb);
                    }
                }
            }
        }
        let mut moved = 0;
        for index in 0..self.docs.len() as u32 {
            let from = self.docs[index as usize].story;
            let to = StoryId(root(&mut parent, from.0));
            if to != from {
                self.remove_from_story(index);
                self.add_to_story(index, to);
                moved += 1;
            }
        }
        moved
    }

    fn refresh_norm(&mut self, s: u32) {
        let story = &self.stories[s as usize];
        if story.norm_at != 0 && f64::from(self.n_docs) <= f64::from(story.norm_at) * 1.05 {
            return;
        }
        let norm = story
            .terms
            .iter()
            .filter(|(t, _)| !self.vocab[**t as usize].starts_with(FEATURE_PREFIX))
            .map(|(&t, &c)| (f64::from(c) * self.idf(t)).powi(2))
            .sum::<f64>()
            .sqrt();
        let n = self.n_docs;
        let story = &mut self.stories[s as usize];
        story.norm = norm;
        story.norm_at = n;
    }

    /// Whether term `t` is an anchor feature (`event:…`).
    fn is_anchor(&self, t: u32) -> bool {
        self.vocab
            .get(t as usize)
            .and_then(|v| v.strip_prefix(FEATURE_PREFIX))
            .is_some_and(|f| f.starts_with(ANCHOR_PREFIX))
    }

    fn score(&self, index: u32, s: u32) -> f64 {
        let doc = &self.docs[index as usize];
        let story = &self.stories[s as usize];
        let anchored = doc
            .features
            .iter()
            .any(|&t| self.is_anchor(t) && story.terms.contains_key(&t));
        if self.closed[s as usize] && !anchored && doc.date.is_some() {
            return f64::NEG_INFINITY;
        }
        // An undated document may join a closed story, but is likelier to
        // be about a current one: the full decay is taken off.
        let undated_penalty = if self.closed[s as usize] && doc.date.is_none() {
            self.config.decay_weight
        } else {
            0.0
        };
        if let Some(prefix) = &self.config.gate_prefix {
            let gated = |t: &u32| {
                self.vocab[*t as usize]
                    .strip_prefix(FEATURE_PREFIX)
                    .is_some_and(|f| f.starts_with(prefix.as_str()))
            };
            let mine: Vec<u32> = doc.features.iter().copied().filter(|t| gated(t)).collect();
            let theirs = story
                .terms
                .keys()
                .filter(|t| gated(t))
                .take(GATE_MIN)
                .count();
            if !anchored
                && mine.len() >= GATE_MIN
                && theirs >= GATE_MIN
                && !mine.iter().any(|t| story.terms.contains_key(t))
            {
                return f64::NEG_INFINITY;
            }
        }
        let (mut dot, mut norm) = (0.0, 0.0);
        for &(t, c) in &doc.words {
            let idf = self.idf(t);
            let w = f64::from(c) * idf;
            norm += w * w;
            if let Some(&sc) = story.terms.get(&t) {
                dot += w * f64::from(sc) * idf;
            }
        }
        let mut score = if dot > 0.0 {
            dot / (norm.sqrt() * story.norm)
        } else {
            0.0
        } - undated_penalty;
        if !doc.features.is_empty() {
            let shared = doc
                .features
                .iter()
                .filter(|t| story.terms.contains_key(t))
                .count();
            score += self.config.feature_weight * shared as f64 / doc.features.len() as f64;
        }
        if let (Some(d), Some(first), Some(last)) = (doc.date, story.first_date, story.last_date) {
            let gap = if d < first {
                days_between(d, first)
            } else if d > last {
                days_between(last, d)
            } else {
                0.0
            };
            let window = f64::from(self.config.window_days.max(1));
            let limit = if anchored {
                window.max(f64::from(self.config.anchor_window_days))
            } else {
                window
            };
            if gap > limit {
                return f64::NEG_INFINITY;
            }
            score -= self.config.decay_weight * gap.min(window) / window;
        }
        score
    }

    fn add_to_story(&mut self, index: u32, id: StoryId) {
        let doc = &mut self.docs[index as usize];
        doc.story = id;
        let story = &mut self.stories[id.0 as usize];
        story.members.push(index);
        story.members.sort_unstable();
        let terms = doc
            .words
            .iter()
            .copied()
            .chain(doc.features.iter().map(|&f| (f, 1)));
        for (t, c) in terms {
            let e = story.terms.entry(t).or_default();
            if *e == 0 {
                self.postings[t as usize].push(id.0);
            }
            *e += c;
        }
        if let Some(d) = doc.date {
            story.first_date = Some(story.first_date.map_or(d, |f| f.min(d)));
            story.last_date = Some(story.last_date.map_or(d, |l| l.max(d)));
        }
        story.norm_at = 0;
        self.sync_closed(id.0);
    }

    /// After a closed story took a late report: open again when its last
    /// date is back inside the window.
    fn sync_closed(&mut self, id: u32) {
        if !self.closed[id as usize] {
            return;
        }
        let window = f64::from(self.config.window_days);
        let story = &self.stories[id as usize];
        if let (Some(d), Some(l)) = (story.last_date, self.latest) {
            if days_between(d, l) <= window {
                self.closed[id as usize] = false;
            }
        }
    }

    fn remove_from_story(&mut self, index: u32) {
        let doc = &self.docs[index as usize];
        let id = doc.story;
        let story = &mut self.stories[id.0 as usize];
        story.members.retain(|&m| m != index);
        let terms = doc
            .words
            .iter()
            .copied()
            .chain(doc.features.iter().map(|&f| (f, 1)));
        for (t, c) in terms {
            if let Some(e) = story.terms.get_mut(&t) {
                *e = e.saturating_sub(c);
                if *e == 0 {
                    story.terms.remove(&t);
                    self.postings[t as usize].retain(|&s| s != id.0);
                }
            }
        }
        let dates = story
            .members
            .iter()
            .filter_map(|&m| self.docs[m as usize].date);
        story.first_date = dates.clone().min();
        story.last_date = dates.max();
        story.norm_at = 0;
    }
}

impl Default for StoryClusterer {
    fn default() -> Self {
        StoryClusterer::new(StoryConfig::default())
    }
}

fn days_between(a: Date, b: Date) -> f64 {
    (b - a).get_days() as f64
}
