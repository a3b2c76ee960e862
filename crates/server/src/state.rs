//! The server's shared state: read connections to the database (a small
//! pool; SQLite in WAL mode lets them read while one writer ingests), the
//! shipped models (loaded on first use), and caches of what is costly to
//! build — story reports and article annotations — dropped whenever an
//! ingest changes the data.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use sitrep_pipeline::{Annotation, Models};
use sitrep_store::Store;

use crate::error::ApiError;
use crate::Config;

/// Idle read connections kept for reuse.
const IDLE: usize = 16;
/// Cached article annotations before the cache is emptied.
const ANNOTATIONS_CACHED: usize = 2_000;

/// The state every request shares (cheap to clone).
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    idle: Mutex<Vec<Store>>,
    /// Held while ingesting: one writer at a time.
    writer: tokio::sync::Mutex<()>,
    models: OnceLock<std::result::Result<Arc<Models>, String>>,
    reports: Mutex<HashMap<String, Arc<sitrep_report::StoryReport>>>,
    annotations: Mutex<HashMap<String, Arc<Vec<Annotation>>>>,
}

impl App {
    /// State over `config.db`, which must exist and open (schema migrated).
    pub fn new(config: Config) -> crate::Result<Self> {
        let first = Store::open(&config.db)?;
        Ok(Self {
            inner: Arc::new(Inner {
                config,
                idle: Mutex::new(vec![first]),
                writer: tokio::sync::Mutex::new(()),
                models: OnceLock::new(),
                reports: Mutex::new(HashMap::new()),
                annotations: Mutex::new(HashMap::new()),
            }),
        })
    }

    /// Uses models the caller has loaded already (else they load on first
    /// use).
    pub fn with_models(self, models: Arc<Models>) -> Self {
        let _ = self.inner.models.set(Ok(models));
        self
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Runs `f` on a read connection in the blocking pool.
    pub async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&App, &Store) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let app = self.clone();
        tokio::task::spawn_blocking(move || {
            let store = app.checkout()?;
            let out = f(&app, &store);
            app.checkin(store);
            out
        })
        .await
        .map_err(|e| ApiError::internal(&e))?
    }

    fn checkout(&self) -> Result<Store, ApiError> {
        let idle = self.inner.idle.lock().ok().and_then(|mut v| v.pop());
        match idle {
            Some(s) => Ok(s),
            None => Store::open(&self.inner.config.db).map_err(ApiError::from),
        }
    }

    fn checkin(&self, store: Store) {
        if let Ok(mut v) = self.inner.idle.lock() {
            if v.len() < IDLE {
                v.push(store);
            }
        }
    }

    /// The shipped models, loaded once.
    pub fn models(&self) -> Result<Arc<Models>, ApiError> {
        self.inner
            .models
            .get_or_init(|| Models::shipped().map(Arc::new).map_err(|e| e.to_string()))
            .clone()
            .map_err(|e| ApiError::internal(&e))
    }

    pub(crate) async fn writer(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.inner.writer.lock().await
    }

    /// The report of a story, built once per data version.
    pub fn report(
        &self,
        store: &Store,
        story: &str,
    ) -> Result<Arc<sitrep_report::StoryReport>, ApiError> {
        if let Some(r) = self
            .inner
            .reports
            .lock()
            .ok()
            .and_then(|m| m.get(story).cloned())
        {
            return Ok(r);
        }
        let models = self.models()?;
        let built = sitrep_pipeline::build_reports(store, &models, Some(story))?;
        let report = built
            .into_iter()
            .next()
            .map(Arc::new)
            .ok_or_else(|| ApiError::not_found(format!("no story {story:?}")))?;
        if let Ok(mut m) = self.inner.reports.lock() {
            m.insert(story.to_string(), report.clone());
        }
        Ok(report)
    }

    /// The highlighted spans of an article, built once per data version.
    pub fn annotations(
        &self,
        store: &Store,
        article: &sitrep_model::Article,
    ) -> Result<Arc<Vec<Annotation>>, ApiError> {
        let key = article.id.as_str().to_string();
        if let Some(a) = self
            .inner
            .annotations
            .lock()
            .ok()
            .and_then(|m| m.get(&key).cloned())
        {
            return Ok(a);
        }
        let models = self.models()?;
        let built = Arc::new(sitrep_pipeline::annotations(store, &models, article)?);
        if let Ok(mut m) = self.inner.annotations.lock() {
            if m.len() >= ANNOTATIONS_CACHED {
                m.clear();
            }
            m.insert(key, built.clone());
        }
        Ok(built)
    }

    /// Builds, in a background thread, the reports of the `stories` latest
    /// stories and the annotations of their articles, so the first reader
    /// of a story page does not wait for them.
    pub fn warm(&self, stories: usize) {
        let app = self.clone();
        let spawned = std::thread::Builder::new()
            .name("warm-caches".into())
            .spawn(move || {
                let Ok(store) = app.checkout() else { return };
                let ids: Vec<String> = store
                    .stories()
                    .map(|v| v.into_iter().take(stories).map(|s| s.id).collect())
                    .unwrap_or_default();
                for id in ids {
                    let Ok(report) = app.report(&store, &id) else {
                        continue;
                    };
                    for a in &report.articles {
                        if let Ok(Some(article)) = store.article(a.doc.as_str()) {
                            let _ = app.annotations(&store, &article);
                        }
                    }
                }
                app.checkin(store);
                tracing::info!("caches warm");
            });
        if let Err(e) = spawned {
            tracing::warn!(error = %e, "caches not warmed");
        }
    }

    /// Drops every cached report and annotation (the data changed).
    pub(crate) fn invalidate(&self) {
        if let Ok(mut m) = self.inner.reports.lock() {
            m.clear();
        }
        if let Ok(mut m) = self.inner.annotations.lock() {
            m.clear();
        }
    }
}
