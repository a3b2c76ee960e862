//! One article through the language layer: its time expressions, claims
//! and coded events; coding every stored article the current coder has not
//! coded; and the spans a reader sees highlighted.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use sitrep_claims::Finder;
use sitrep_events::{Coder, Input};
use sitrep_extract::{Entities, Resolver};
use sitrep_model::{Article, Claim, CodedEvent, DocId};
use sitrep_store::{EventQuery, Store};
use sitrep_time::Timex;

use crate::{Models, Result};

/// The time expressions of an article, resolved against its dateline; an
/// undated article's dates without a year take the one year the period its
/// titles fit allows (`window`, from `Entities::window`).
pub fn times_of(
    a: &Article,
    window: Option<&[(jiff::civil::Date, Option<jiff::civil::Date>)]>,
) -> Vec<Timex> {
    let dct = a.dateline.as_ref().map(|d| d.date);
    let mut timexes = sitrep_time::tag(&a.text, dct);
    if let (None, Some(w)) = (dct, window) {
        sitrep_time::anchor_years(&mut timexes, w);
    }
    timexes
}

/// The claims of one article whose mentions are already resolved.
pub fn claims_of(finder: &Finder, a: &Article, entities: &Entities) -> Vec<Claim> {
    let timexes = times_of(a, entities.window.as_deref());
    claims_with(finder, a, entities, &timexes)
}

/// [`claims_of`] with the article's time expressions already tagged.
fn claims_with(finder: &Finder, a: &Article, entities: &Entities, timexes: &[Timex]) -> Vec<Claim> {
    finder.claims(&sitrep_claims::Input {
        doc: &a.id,
        text: &a.text,
        dateline: a.dateline.as_ref().map(|d| d.date),
        timexes,
        mentions: &entities.mentions,
    })
}

/// The coded events of one article (times resolved against its dateline,
/// or against the period its titles fit when it has none).
pub fn events_of(resolver: &Resolver, coder: &Coder, a: &Article) -> Vec<CodedEvent> {
    let analysis = resolver.analyse(a);
    let timexes = times_of(a, analysis.entities.window.as_deref());
    coder.code(&Input {
        article: a,
        analysis: &analysis,
        timexes: &timexes,
    })
}

/// Articles coded per batch: coded in parallel, then written in one
/// transaction, so an interrupted run keeps every finished batch.
const BATCH: usize = 512;

/// The coder version stored with each coded article: the crate version, the
/// number of CAMEO codes and patterns, and a BLAKE3 hash (first 12 hex digits)
/// of the codes' table (code, label, PLOVER type, mode, contexts), e.g.
/// `0.1.0+203c/1794p.663c338c7fd8`. Articles coded by another version are coded
/// again. Pattern texts, the lexicon and the tagger are not part of the hash
/// (the dictionary does not expose its patterns): after changing them without
/// a version bump, run `sitrep events --recode`.
pub fn coder_version(coder: &Coder) -> String {
    let dict = coder.dictionary();
    let mut hasher = blake3::Hasher::new();
    for c in dict.codes() {
        for field in [&c.code, &c.label, &c.plover]
            .into_iter()
            .chain(c.mode.as_ref())
            .chain(&c.context)
        {
            hasher.update(field.as_bytes());
            hasher.update(b"\x1f");
        }
        hasher.update(b"\x1e");
    }
    let (codes, patterns) = dict.size();
    format!(
        "{}+{codes}c/{patterns}p.{}",
        env!("CARGO_PKG_VERSION"),
        &hasher.finalize().to_hex()[..12]
    )
}

/// Codes the stored articles the models' coder has not coded (all of them
/// with `recode`) and stores their events. Returns the number of articles
/// coded.
pub fn code_new(store: &mut Store, models: &Models, recode: bool) -> Result<usize> {
    let ids: Vec<DocId> = if recode {
        store.articles()?.into_iter().map(|s| s.id).collect()
    } else {
        store.uncoded_articles(&models.coder_version)?
    };
    let mut coded = 0;
    for chunk in ids.chunks(BATCH) {
        let mut articles = Vec::with_capacity(chunk.len());
        for id in chunk {
            match store.article(id.as_str())? {
                Some(a) => articles.push(a),
                None => tracing::warn!(%id, reason = "no longer stored", "article not coded"),
            }
        }
        let batch: Vec<(DocId, Vec<CodedEvent>)> = articles
            .par_iter()
            .map(|a| (a.id.clone(), events_of(&models.resolver, &models.coder, a)))
            .collect();
        let events = store.put_events(&models.coder_version, &batch)?;
        coded += batch.len();
        tracing::debug!(articles = batch.len(), events, "coded batch");
    }
    Ok(coded)
}

/// What a highlighted span of an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnotationKind {
    Actor,
    Event,
    Time,
    Figure,
}

/// A span of an article's text to highlight, with what it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annotation {
    /// Byte offsets into the article's text, half-open.
    pub start: u32,
    pub end: u32,
    pub kind: AnnotationKind,
    /// What a reader sees on hover: the actor's name, the event's label and
    /// sides, the normalised time, the figure with its hedge.
    pub label: String,
}

/// The spans of an article a reader sees highlighted: resolved actor
/// mentions, the triggers of its stored events (asserted or flagged), its
/// time expressions and its figures. Sorted by start, then longest first.
pub fn annotations(store: &Store, models: &Models, a: &Article) -> Result<Vec<Annotation>> {
    let entities = models.resolver.entities(a);
    let names: HashMap<&str, &str> = entities
        .actors
        .iter()
        .map(|x| (x.id.0.as_str(), x.name.as_str()))
        .collect();
    let mut out = Vec::new();
    for m in &entities.mentions {
        if let Some(actor) = &m.actor {
            out.push(Annotation {
                start: m.span.start,
                end: m.span.end,
                kind: AnnotationKind::Actor,
                label: names
                    .get(actor.0.as_str())
                    .map_or_else(|| actor.0.clone(), |n| (*n).to_string()),
            });
        }
    }
    let timexes = times_of(a, entities.window.as_deref());
    for t in &timexes {
        out.push(Annotation {
            start: t.span.start,
            end: t.span.end,
            kind: AnnotationKind::Time,
            label: t.value.clone(),
        });
    }
    for c in claims_with(&models.finder, a, &entities, &timexes) {
        out.push(Annotation {
            start: c.figure.span.start,
            end: c.figure.span.end,
            kind: AnnotationKind::Figure,
            label: format!("{:?}: {} ({:?})", c.kind, c.figure.value, c.figure.hedge)
                .to_lowercase(),
        });
    }
    let events = store.events(&EventQuery {
        include_flagged: true,
        doc: Some(a.id.clone()),
        ..EventQuery::default()
    })?;
    for e in events {
        let flags = if e.flags.is_empty() {
            String::new()
        } else {
            format!(" [{}]", e.flags_joined(", "))
        };
        out.push(Annotation {
            start: e.trigger.span.start,
            end: e.trigger.span.end,
            kind: AnnotationKind::Event,
            label: format!(
                "{} {}: {} → {}{flags}",
                e.cameo, e.label, e.source.name, e.target.name
            ),
        });
    }
    out.retain(|x| {
        x.start < x.end
            && a.text.is_char_boundary(x.start as usize)
            && a.text.is_char_boundary(x.end as usize)
            && (x.end as usize) <= a.text.len()
    });
    out.sort_by(|x, y| {
        (x.start, std::cmp::Reverse(x.end), x.kind).cmp(&(
            y.start,
            std::cmp::Reverse(y.end),
            y.kind,
        ))
    });
    out.dedup();
    Ok(out)
}
