//! Stories: articles grouped by what they tell (online, going on from the
//! saved clusterer state), each story's events fused, near-duplicate
//! families, and the situation report of each story.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use sitrep_cluster::story::{Doc, StoryClusterer, StoryConfig};
use sitrep_cluster::{Dedup, DedupConfig, Signature};
use sitrep_fuse::framing::FramingInput;
use sitrep_fuse::Reported;
use sitrep_model::{Article, Claim, CodedEvent, DocId, TermUse};
use sitrep_report::{ArticleRef, StoryReport};
use sitrep_store::{EventQuery, Store, StoryRow};

use crate::{Error, Models, Result};

/// The story id stored for a clusterer story number.
fn story_name(n: u32) -> String {
    format!("story-{n:04}")
}

/// The clusterer's settings for news articles: the library's defaults
/// (threshold chosen on tweets.jsonl; on our example corpus every dated
/// article lands in its story from 0.08 up to 0.3), with the people of the
/// coded events as a gate — two reports each naming two or more people,
/// none shared, are different stories however alike their words.
fn news_config() -> StoryConfig {
    StoryConfig {
        gate_prefix: Some("person:".into()),
        ..StoryConfig::default()
    }
}

/// Version of a configuration (the clusterer's, the near-duplicate finder's):
/// state saved under another version is dropped and made again.
fn config_version(config: &impl serde::Serialize) -> Result<String> {
    let json = serde_json::to_string(config)?;
    Ok(format!(
        "{}+{}",
        env!("CARGO_PKG_VERSION"),
        &blake3::hash(json.as_bytes()).to_hex()[..12]
    ))
}

/// Stored events by article (asserted and flagged).
fn events_by_article(store: &Store) -> Result<HashMap<DocId, Vec<CodedEvent>>> {
    let all = store.events(&EventQuery {
        include_flagged: true,
        ..EventQuery::default()
    })?;
    let mut by: HashMap<DocId, Vec<CodedEvent>> = HashMap::new();
    for e in all {
        by.entry(e.doc.clone()).or_default().push(e);
    }
    Ok(by)
}

/// Signs the articles not yet signed and, when there were any, finds the
/// near-duplicate families of all of them again (families are
/// order-independent, so they are recomputed as a whole from the stored
/// signatures; with nothing new they stand). Returns the number of articles
/// newly signed.
pub fn near_duplicates(store: &mut Store) -> Result<usize> {
    let config = DedupConfig::default();
    let version = config_version(&config)?;
    let mut dedup: Dedup<String> = Dedup::new(config).map_err(|e| Error::Cluster(e.to_string()))?;
    let todo = store.unsigned_articles(&version)?;
    if todo.is_empty() {
        return Ok(0);
    }
    for chunk in todo.chunks(512) {
        let articles: Vec<Article> = chunk
            .iter()
            .filter_map(|d| store.article(d.as_str()).ok().flatten())
            .collect();
        let texts: Vec<String> = articles
            .iter()
            .map(|a| match &a.title {
                Some(t) => format!("{t}\n{}", a.text),
                None => a.text.clone(),
            })
            .collect();
        let sigs = dedup.signatures(&texts);
        let batch: Vec<(DocId, String)> = articles
            .iter()
            .zip(&sigs)
            .map(|(a, s)| Ok((a.id.clone(), serde_json::to_string(s)?)))
            .collect::<Result<_>>()?;
        store.put_signatures(&version, &batch)?;
    }
    for (doc, sig) in store.signatures(&version)? {
        let sig: Signature = serde_json::from_str(&sig)?;
        dedup
            .add(doc.as_str().to_string(), &sig)
            .map_err(|e| Error::Cluster(e.to_string()))?;
    }
    let members: Vec<(DocId, DocId)> = dedup
        .families()
        .into_iter()
        .filter(|f| f.members.len() > 1)
        .flat_map(|f| {
            let id = DocId::from_stored(f.id.clone());
            f.members
                .into_iter()
                .map(move |m| (DocId::from_stored(m), id.clone()))
        })
        .collect();
    store.put_families(&members)?;
    Ok(todo.len())
}

/// Codes new articles, clusters the articles not yet in a story (online,
/// then the batch consolidation over the open stories), and fuses the
/// events of every story that changed. Returns the number of articles
/// newly clustered.
pub fn update(store: &mut Store, models: &Models) -> Result<usize> {
    crate::code_new(store, models, false)?;
    let signed = near_duplicates(store)?;
    tracing::info!(signed, "near-duplicate signatures added");
    let config = news_config();
    let cfg_version = config_version(&config)?;
    let (mut clusterer, reset) = match store.cluster_state()? {
        Some((v, state)) if v == cfg_version => match StoryClusterer::from_json(&state) {
            Ok(c) => (c, false),
            Err(e) => {
                tracing::warn!(error = %e, "saved story state unreadable; clustering again");
                (StoryClusterer::new(config), true)
            }
        },
        _ => (StoryClusterer::new(config), true),
    };
    let todo: Vec<DocId> = if reset {
        // Everything, oldest first.
        let mut all: Vec<(Option<jiff::civil::Date>, DocId)> = store
            .articles()?
            .into_iter()
            .map(|s| (s.dateline.map(|d| d.date), s.id))
            .collect();
        all.sort_by(|a, b| (a.0.is_none(), a.0, &a.1).cmp(&(b.0.is_none(), b.0, &b.1)));
        all.into_iter().map(|(_, id)| id).collect()
    } else {
        store.unclustered_articles()?
    };
    if todo.is_empty() && !reset {
        return Ok(0);
    }
    let events = events_by_article(store)?;
    let first_new = clusterer.len();
    let mut added = 0;
    for id in &todo {
        let Some(a) = store.article(id.as_str())? else {
            continue;
        };
        let features: BTreeSet<String> = events
            .get(id)
            .into_iter()
            .flatten()
            .filter(|e| e.asserted())
            .flat_map(|e| {
                // People and events tie articles to one story; countries
                // and places are shared by every story about a region.
                let mut f: Vec<String> = [&e.source.actor.0, &e.target.actor.0]
                    .into_iter()
                    .filter(|a| a.starts_with("person:"))
                    .cloned()
                    .collect();
                if let Some(key) = event_key(e) {
                    f.push(key);
                }
                f
            })
            .collect();
        let text = match &a.title {
            Some(t) => format!("{t}\n{}", a.text),
            None => a.text.clone(),
        };
        let mut doc = Doc::new(id.as_str(), text).with_features(features);
        if let Some(d) = &a.dateline {
            doc = doc.with_date(d.date);
        }
        let (joined, best) = clusterer.add_explained(doc);
        tracing::debug!(
            article = %id,
            story = joined.0,
            best = ?best.map(|(s, score)| (s.0, (score * 1000.0).round() / 1000.0)),
            "clustered"
        );
        added += 1;
    }
    // The batch consolidation (what the cluster gate measures) around the
    // new articles' stories: merges the stories the online pass split and
    // places their articles once more, so articles stored earlier may move
    // and merged stories go.
    let started = std::time::Instant::now();
    let moved = clusterer.consolidate_from(first_new);
    let consolidation_ms = started.elapsed().as_millis() as u64;
    let earlier: HashMap<String, String> = if reset {
        HashMap::new()
    } else {
        store
            .story_assignments()?
            .into_iter()
            .map(|(doc, story)| (doc.as_str().to_string(), story))
            .collect()
    };
    let mut assignments = Vec::new();
    let mut touched = BTreeSet::new();
    for (doc, story) in clusterer.assignments() {
        let story = story_name(story.0);
        let old = earlier.get(doc);
        if old == Some(&story) {
            continue;
        }
        touched.extend(old.cloned());
        touched.insert(story.clone());
        assignments.push((DocId::from_stored(doc.to_string()), story));
    }
    // Summaries of the stories that changed, from every member.
    let mut members: BTreeMap<String, Vec<DocId>> = BTreeMap::new();
    for (doc, story) in clusterer.assignments() {
        let story = story_name(story.0);
        if touched.contains(&story) {
            members
                .entry(story)
                .or_default()
                .push(DocId::from_stored(doc.to_string()));
        }
    }
    let families = store.families()?;
    let mut rows = Vec::new();
    let mut fused = Vec::new();
    for (story, docs) in &members {
        let articles: Vec<Article> = docs
            .iter()
            .filter_map(|d| store.article(d.as_str()).ok().flatten())
            .collect();
        rows.push(summary(story, &articles));
        let reports: Vec<Reported<'_, CodedEvent>> = articles
            .iter()
            .flat_map(|a| {
                let family = families.get(&a.id).map(DocId::as_str);
                events
                    .get(&a.id)
                    .into_iter()
                    .flatten()
                    .map(move |e| Reported {
                        outlet: a.outlet.as_deref(),
                        dateline: a.dateline.as_ref().map(|d| d.date),
                        family,
                        item: e,
                    })
            })
            .collect();
        fused.push((story.clone(), sitrep_fuse::events::fuse(&reports)));
    }
    let state = clusterer
        .to_json()
        .map_err(|e| Error::Cluster(e.to_string()))?;
    store.put_stories(reset, &assignments, (&cfg_version, &state), &rows)?;
    for (story, events) in &fused {
        store.put_fused_events(story, events)?;
    }
    tracing::info!(
        clustered = added,
        moved,
        consolidation_ms,
        stories = rows.len(),
        "stories updated"
    );
    Ok(added)
}

/// The anchor feature of an event: its PLOVER type and actors (unordered
/// for mutual acts, as fusion keys them). Statements (no PLOVER type) name
/// no event worth anchoring a story on.
fn event_key(e: &CodedEvent) -> Option<String> {
    if e.plover == "NONE" || e.source.actor == e.target.actor {
        return None;
    }
    let (a, b) = (&e.source.actor.0, &e.target.actor.0);
    let (a, b) = if sitrep_fuse::events::is_mutual(&e.cameo) && b < a {
        (b, a)
    } else {
        (a, b)
    };
    Some(format!(
        "{}{}:{a}|{b}",
        sitrep_cluster::story::ANCHOR_PREFIX,
        e.plover
    ))
}

/// The headline: the title of the earliest dated article with one, else of
/// any, else the opening words of the earliest article.
fn headline(articles: &[Article]) -> String {
    let mut sorted: Vec<&Article> = articles.iter().collect();
    sorted.sort_by_key(|a| (a.dateline.is_none(), a.dateline.as_ref().map(|d| d.date)));
    sorted
        .iter()
        .find_map(|a| a.title.clone())
        .or_else(|| sorted.first().map(|a| clip(&a.text, 90)))
        .unwrap_or_default()
}

fn summary(story: &str, articles: &[Article]) -> StoryRow {
    let dates: Vec<jiff::civil::Date> = articles
        .iter()
        .filter_map(|a| a.dateline.as_ref().map(|d| d.date))
        .collect();
    let sources: BTreeSet<String> = articles
        .iter()
        .map(|a| {
            a.outlet
                .as_deref()
                .map_or_else(|| format!("doc:{}", a.id), str::to_lowercase)
        })
        .collect();
    StoryRow {
        id: story.to_string(),
        title: headline(articles),
        first_date: dates.iter().min().copied(),
        last_date: dates.iter().max().copied(),
        articles: articles.len() as u64,
        sources: sources.len() as u64,
    }
}

/// Brings the stories up to date ([`update`]), then builds the report of
/// each story (or of one).
pub fn reports(store: &mut Store, models: &Models, only: Option<&str>) -> Result<Vec<StoryReport>> {
    update(store, models)?;
    build_reports(store, models, only)
}

/// The report of each story as stored (or of one), without bringing the
/// stories up to date first (see [`update`]).
pub fn build_reports(
    store: &Store,
    models: &Models,
    only: Option<&str>,
) -> Result<Vec<StoryReport>> {
    let (resolver, finder, framing) = (&models.resolver, &models.finder, &models.framing);
    let mut out = Vec::new();
    for s in store.stories()? {
        if only.is_some_and(|o| o != s.id) {
            continue;
        }
        let articles: Vec<Article> = store
            .story_articles(&s.id)?
            .iter()
            .filter_map(|d| store.article(d.as_str()).ok().flatten())
            .collect();
        let analysed: Vec<(Vec<Claim>, Vec<TermUse>)> = articles
            .par_iter()
            .map(|a| {
                let entities = resolver.entities(a);
                let claims = crate::claims_of(finder, a, &entities);
                let uses = framing.uses(&FramingInput {
                    doc: &a.id,
                    outlet: a.outlet.as_deref(),
                    text: &a.text,
                    sentences: &[],
                    mentions: &entities.mentions,
                    actors: &entities.actors,
                });
                (claims, uses)
            })
            .collect();
        let claims: Vec<&Vec<Claim>> = analysed.iter().map(|(c, _)| c).collect();
        let uses: Vec<TermUse> = analysed.iter().flat_map(|(_, u)| u.clone()).collect();
        let reported: Vec<Reported<'_, Claim>> = articles
            .iter()
            .zip(claims)
            .flat_map(|(a, cs)| {
                cs.iter().map(move |c| Reported {
                    outlet: a.outlet.as_deref(),
                    dateline: a.dateline.as_ref().map(|d| d.date),
                    family: None,
                    item: c,
                })
            })
            .collect();
        out.push(StoryReport {
            story: s.id.clone(),
            headline: s.title.clone(),
            articles: articles
                .iter()
                .map(|a| {
                    Ok(ArticleRef {
                        doc: a.id.clone(),
                        outlet: a.outlet.clone(),
                        title: a.title.clone(),
                        dateline: a.dateline.as_ref().map(|d| d.date),
                        near_duplicates: store.near_duplicates_of(&a.id)?,
                    })
                })
                .collect::<Result<_>>()?,
            events: store.fused_events(&s.id)?,
            claims: sitrep_fuse::claims::series(&reported),
            framing: sitrep_fuse::framing::compare(&uses),
        });
    }
    if let Some(o) = only.filter(|_| out.is_empty()) {
        return Err(Error::NoStory(o.to_string()));
    }
    Ok(out)
}

/// At most `n` characters of `s`, an ellipsis marking a cut.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let cut: String = s.chars().take(n.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
