//! The JSON endpoints (see `openapi.json` for each one's parameters and
//! answer). Handlers parse and check their parameters, then run the
//! store's parameterised queries on a pooled connection off the async
//! workers.

use std::collections::BTreeMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use sitrep_model::{CodedEvent, DocId};
use sitrep_store::EventQuery;

use crate::error::ApiError;
use crate::state::App;

/// Default and largest page sizes.
const DEFAULT_LIMIT: u64 = 50;
const MAX_LIMIT: u64 = 500;

/// A JSON answer, serialised off the async workers.
pub(crate) fn json<T: Serialize>(value: &T) -> Result<Response, ApiError> {
    let body = serde_json::to_vec(value).map_err(|e| ApiError::internal(&e))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// Query parameters, with a 400 naming the problem when they don't parse.
fn params<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(t)| t)
        .map_err(|e| ApiError::bad_request(e.body_text()))
}

fn page(limit: Option<u64>, offset: Option<u64>) -> Result<(u64, u64), ApiError> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::bad_request(format!(
            "limit must be 1 to {MAX_LIMIT}, not {limit}"
        )));
    }
    Ok((limit, offset.unwrap_or(0)))
}

fn date(name: &str, value: Option<&str>) -> Result<Option<Date>, ApiError> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| {
            v.parse::<Date>()
                .map_err(|_| ApiError::bad_request(format!("{name}: not a date YYYY-MM-DD: {v:?}")))
        })
        .transpose()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageParams {
    limit: Option<u64>,
    offset: Option<u64>,
}

#[derive(Serialize)]
struct Paged<T> {
    total: u64,
    limit: u64,
    offset: u64,
    items: Vec<T>,
}

pub async fn no_route() -> ApiError {
    ApiError::not_found("no such route; see /api/openapi.json")
}

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::OPENAPI).into_response()
}

pub async fn status(State(app): State<App>) -> Result<Response, ApiError> {
    app.read(|app, store| {
        let counts = store.counts()?;
        json(&serde_json::json!({
            "version": env!("CARGO_PKG_VERSION"),
            "articles": counts.articles,
            "sources": counts.sources,
            "stories": store.stories()?.len(),
            "ingest": app.config().ingest_token.is_some(),
        }))
    })
    .await
}

#[derive(Serialize)]
struct StoryItem {
    id: String,
    title: String,
    first_date: Option<Date>,
    last_date: Option<Date>,
    articles: u64,
    sources: u64,
    events: u64,
}

pub async fn stories(
    State(app): State<App>,
    q: Result<Query<PageParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(q)?;
    let (limit, offset) = page(p.limit, p.offset)?;
    app.read(move |_, store| {
        let all = store.stories()?;
        let total = all.len() as u64;
        let items = all
            .into_iter()
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .map(|s| {
                Ok(StoryItem {
                    events: store.fused_event_count(&s.id)?,
                    id: s.id,
                    title: s.title,
                    first_date: s.first_date,
                    last_date: s.last_date,
                    articles: s.articles,
                    sources: s.sources,
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?;
        json(&Paged {
            total,
            limit,
            offset,
            items,
        })
    })
    .await
}

pub async fn story(State(app): State<App>, Path(id): Path<String>) -> Result<Response, ApiError> {
    app.read(move |app, store| json(&*app.report(store, &id)?))
        .await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportParams {
    format: Option<String>,
}

pub async fn story_report(
    State(app): State<App>,
    Path(id): Path<String>,
    q: Result<Query<ReportParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(q)?;
    let (format, mime) = match p.format.as_deref().unwrap_or("md") {
        "md" | "markdown" => (
            sitrep_report::Format::Markdown,
            "text/markdown; charset=utf-8",
        ),
        "html" => (sitrep_report::Format::Html, "text/html; charset=utf-8"),
        "json" => (sitrep_report::Format::Json, "application/json"),
        other => {
            return Err(ApiError::bad_request(format!(
                "format must be md, html or json, not {other:?}"
            )))
        }
    };
    app.read(move |app, store| {
        let report = app.report(store, &id)?;
        let text = sitrep_report::render(std::slice::from_ref(&*report), format);
        Ok(([(header::CONTENT_TYPE, mime)], text).into_response())
    })
    .await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventParams {
    actor: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    since: Option<String>,
    until: Option<String>,
    story: Option<String>,
    flagged: Option<bool>,
    limit: Option<u64>,
    offset: Option<u64>,
}

pub async fn events(
    State(app): State<App>,
    q: Result<Query<EventParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(q)?;
    let (limit, offset) = page(p.limit, p.offset)?;
    let query = EventQuery {
        actor: p.actor.filter(|a| !a.is_empty()),
        kind: p.kind.filter(|k| !k.is_empty()),
        since: date("since", p.since.as_deref())?,
        until: date("until", p.until.as_deref())?,
        include_flagged: p.flagged.unwrap_or(false),
        limit: Some(limit),
        offset,
        story: p.story.filter(|s| !s.is_empty()),
        doc: None,
    };
    app.read(move |_, store| {
        // The stored JSON of each event goes out as it is: reading it into
        // `CodedEvent`s to write it again was most of the cost of a page.
        let items = store.events_json(&query)?;
        let mut body = format!(r#"{{"limit":{limit},"offset":{offset},"items":["#);
        body.reserve(items.iter().map(|i| i.len() + 1).sum::<usize>() + 2);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                body.push(',');
            }
            body.push_str(item);
        }
        body.push_str("]}");
        Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
    })
    .await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorParams {
    q: Option<String>,
    limit: Option<u64>,
    offset: Option<u64>,
}

pub async fn actors(
    State(app): State<App>,
    q: Result<Query<ActorParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(q)?;
    let (limit, offset) = page(p.limit, p.offset)?;
    app.read(move |_, store| {
        let items = store.actors(p.q.as_deref(), limit, offset)?;
        json(&serde_json::json!({ "limit": limit, "offset": offset, "items": items }))
    })
    .await
}

#[derive(Serialize)]
struct DateCount {
    date: Option<Date>,
    count: u64,
}

#[derive(Serialize)]
struct Counterpart {
    actor: String,
    name: String,
    events: u64,
    dates: Vec<DateCount>,
}

/// Most events an actor page lists.
const ACTOR_EVENTS: u64 = 500;

pub async fn actor(
    State(app): State<App>,
    Path(actor): Path<String>,
) -> Result<Response, ApiError> {
    if !actor.contains(':') {
        return Err(ApiError::bad_request(
            "an actor id has a kind and a name, e.g. person:vladimir-putin",
        ));
    }
    app.read(move |_, store| {
        // An id (with its ':') matches source or target exactly.
        let events: Vec<CodedEvent> = store.events(&EventQuery {
            actor: Some(actor.clone()),
            limit: Some(ACTOR_EVENTS),
            ..EventQuery::default()
        })?;
        let Some(first) = events.first() else {
            return Err(ApiError::not_found(format!("no events of actor {actor:?}")));
        };
        let is = |a: &sitrep_model::EventActor| a.actor.0.eq_ignore_ascii_case(&actor);
        let name = if is(&first.source) {
            first.source.name.clone()
        } else {
            first.target.name.clone()
        };
        let mut by: BTreeMap<String, (String, BTreeMap<Option<Date>, u64>)> = BTreeMap::new();
        for e in &events {
            let other = if is(&e.source) { &e.target } else { &e.source };
            if is(other) {
                continue;
            }
            let entry = by
                .entry(other.actor.0.clone())
                .or_insert_with(|| (other.name.clone(), BTreeMap::new()));
            *entry.1.entry(e.date).or_default() += 1;
        }
        let mut counterparts: Vec<Counterpart> = by
            .into_iter()
            .map(|(id, (name, dates))| Counterpart {
                actor: id,
                name,
                events: dates.values().sum(),
                dates: dates
                    .into_iter()
                    .map(|(date, count)| DateCount { date, count })
                    .collect(),
            })
            .collect();
        counterparts.sort_by(|a, b| b.events.cmp(&a.events).then(a.actor.cmp(&b.actor)));
        json(&serde_json::json!({
            "actor": actor,
            "name": name,
            "events": events,
            "counterparts": counterparts,
        }))
    })
    .await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimParams {
    story: Option<String>,
}

pub async fn claims(
    State(app): State<App>,
    q: Result<Query<ClaimParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(q)?;
    app.read(move |app, store| {
        let ids: Vec<String> = match p.story.filter(|s| !s.is_empty()) {
            Some(s) => vec![s],
            None => store.stories()?.into_iter().map(|s| s.id).collect(),
        };
        let mut items = Vec::new();
        for id in ids {
            let report = app.report(store, &id)?;
            for series in &report.claims {
                items.push(serde_json::json!({ "story": id, "series": series }));
            }
        }
        json(&serde_json::json!({ "items": items }))
    })
    .await
}

pub async fn articles(
    State(app): State<App>,
    q: Result<Query<PageParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(q)?;
    let (limit, offset) = page(p.limit, p.offset)?;
    app.read(move |_, store| {
        let total = store.counts()?.articles;
        let items = store.articles_page(Some(limit), offset)?;
        json(&Paged {
            total,
            limit,
            offset,
            items,
        })
    })
    .await
}

pub async fn article(State(app): State<App>, Path(id): Path<String>) -> Result<Response, ApiError> {
    if id.len() < 6 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::bad_request(
            "an article id is 6 to 32 hex digits (a unique prefix will do)",
        ));
    }
    app.read(move |app, store| {
        let a = store
            .article(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no article {id:?}")))?;
        let annotations = app.annotations(store, &a)?;
        json(&serde_json::json!({
            "id": a.id,
            "outlet": a.outlet,
            "url": a.url,
            "title": a.title,
            "dateline": a.dateline.as_ref().map(|d| d.date),
            "language": a.language,
            "story": store.story_of(&a.id)?,
            "near_duplicates": store.near_duplicates_of(&a.id)?.iter().map(DocId::as_str).collect::<Vec<_>>(),
            "text": a.text,
            "annotations": &*annotations,
        }))
    })
    .await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    q: Option<String>,
    limit: Option<u64>,
}

pub async fn search(
    State(app): State<App>,
    q: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(q)?;
    let (limit, _) = page(p.limit, None)?;
    let text = p.q.unwrap_or_default();
    if text.trim().is_empty() {
        return Err(ApiError::bad_request("q: nothing to search for"));
    }
    if text.len() > 1_000 {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "q: at most 1,000 bytes",
        ));
    }
    app.read(move |_, store| {
        let items = store.search(&text, usize::try_from(limit).unwrap_or(50))?;
        json(&serde_json::json!({ "items": items }))
    })
    .await
}
