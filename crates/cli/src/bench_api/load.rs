//! The load of `sitrep bench api`: the request mix, the keep-alive client,
//! latency statistics and the report.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde::Serialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::*;

/// Kinds of event query, with how often each is sent.
pub(super) const KINDS: &[(&str, u32)] = &[
    ("first_page", 10),
    ("deep_page", 8),
    ("plover", 12),
    ("cameo", 12),
    ("actor_common", 12),
    ("actor_rare", 10),
    ("actor_name", 10),
    ("dates", 12),
    ("story", 12),
    ("combined", 12),
];

pub(super) struct Plan {
    pub(super) actors: Vec<String>,
    /// A word of each actor's name, lower-cased: names several actors share
    /// ("ivanova") and names of one.
    pub(super) names: Vec<String>,
    pub(super) stories: usize,
    pub(super) plovers: Vec<&'static str>,
    /// How often each kind of [`KINDS`] is sent (0: skipped).
    pub(super) kind_weights: Vec<u32>,
    pub(super) weights: u32,
}

impl Plan {
    /// The request plan; the kinds named in `skip` are not sent.
    pub(super) fn new(world: &World, articles: usize, skip: &[String]) -> anyhow::Result<Plan> {
        if let Some(bad) = skip.iter().find(|k| !KINDS.iter().any(|(n, _)| n == k)) {
            let known: Vec<&str> = KINDS.iter().map(|k| k.0).collect();
            bail!("no request kind {bad:?} (kinds: {})", known.join(", "));
        }
        let kind_weights: Vec<u32> = KINDS
            .iter()
            .map(|(n, w)| if skip.iter().any(|k| k == n) { 0 } else { *w })
            .collect();
        let weights: u32 = kind_weights.iter().sum();
        if weights == 0 {
            bail!("every request kind is skipped");
        }
        let mut plovers: Vec<&str> = CODES.iter().map(|c| c.2).collect();
        plovers.sort_unstable();
        plovers.dedup();
        Ok(Plan {
            actors: world.actors.iter().map(|a| a.id.clone()).collect(),
            names: world
                .actors
                .iter()
                .filter_map(|a| a.name.split_whitespace().last())
                .map(|w| w.to_lowercase())
                .filter(|w| w.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
                .collect(),
            stories: articles.div_ceil(STORY_SIZE),
            plovers,
            kind_weights,
            weights,
        })
    }

    /// A request: its kind (index into [`KINDS`]) and path.
    pub(super) fn request(&self, rng: &mut Rng) -> (usize, String) {
        let mut pick = (rng.next() % u64::from(self.weights)) as u32;
        let mut kind = 0;
        for (i, &w) in self.kind_weights.iter().enumerate() {
            if pick < w {
                kind = i;
                break;
            }
            pick -= w;
        }
        let mut q: Vec<String> = Vec::new();
        let common = |rng: &mut Rng| self.actors[rng.below(20)].clone();
        let range = |rng: &mut Rng, q: &mut Vec<String>| {
            let from = rng.below(DAYS as usize - 60) as i64;
            q.push(format!("since={}", day(from)));
            q.push(format!("until={}", day(from + 7 + rng.below(54) as i64)));
        };
        match KINDS[kind].0 {
            "first_page" => {}
            "deep_page" => q.push(format!("offset={}", 50 * (10 + rng.below(190)))),
            "plover" => q.push(format!(
                "type={}",
                self.plovers[rng.below(self.plovers.len())]
            )),
            "cameo" => {
                let code = CODES[rng.below(CODES.len())].0;
                let prefix = if rng.below(2) == 0 {
                    &code[..2]
                } else {
                    &code[..3]
                };
                q.push(format!("type={prefix}"));
            }
            "actor_common" => q.push(format!("actor={}", common(rng))),
            "actor_rare" => {
                let rank = 200 + rng.below(self.actors.len() - 200);
                q.push(format!("actor={}", self.actors[rank]));
            }
            "actor_name" => q.push(format!("actor={}", self.names[rng.below(self.names.len())])),
            "dates" => range(rng, &mut q),
            "story" => q.push(format!("story={}", story_id(rng.below(self.stories)))),
            _ => match rng.below(4) {
                0 => {
                    q.push(format!(
                        "type={}",
                        self.plovers[rng.below(self.plovers.len())]
                    ));
                    range(rng, &mut q);
                }
                1 => {
                    q.push(format!("actor={}", common(rng)));
                    q.push("type=CONSULT".to_string());
                }
                2 => {
                    q.push(format!("actor={}", common(rng)));
                    range(rng, &mut q);
                }
                _ => {
                    q.push(format!("type={}", &CODES[rng.below(CODES.len())].0[..2]));
                    q.push(format!("offset={}", 50 * rng.below(20)));
                    q.push("flagged=true".to_string());
                }
            },
        }
        if rng.below(10) < 3 {
            q.push("limit=20".to_string());
        }
        let path = if q.is_empty() {
            "/api/events".to_string()
        } else {
            format!("/api/events?{}", q.join("&"))
        };
        (kind, path)
    }
}

// ---------------------------------------------------------------------------
// The client.

pub(super) struct Load {
    pub(super) addr: SocketAddr,
    pub(super) warmup: Duration,
    pub(super) measure: Duration,
    /// Requests left (warm-up included).
    pub(super) budget: Arc<AtomicU64>,
}

#[derive(Default)]
pub(super) struct Stats {
    /// Latency in microseconds of each measured request, by kind.
    pub(super) latencies: Vec<Vec<u32>>,
    pub(super) errors: Vec<u64>,
    pub(super) bytes: u64,
    pub(super) warmup_requests: u64,
    /// Seconds the measured phase lasted.
    pub(super) seconds: f64,
    /// A few failures, for the message.
    pub(super) samples: Vec<String>,
}

impl Stats {
    pub(super) fn new() -> Stats {
        Stats {
            latencies: vec![Vec::new(); KINDS.len()],
            errors: vec![0; KINDS.len()],
            ..Stats::default()
        }
    }

    pub(super) fn merge(&mut self, other: Stats) {
        for (a, b) in self.latencies.iter_mut().zip(other.latencies) {
            a.extend(b);
        }
        for (a, b) in self.errors.iter_mut().zip(other.errors) {
            *a += b;
        }
        self.bytes += other.bytes;
        self.warmup_requests += other.warmup_requests;
        self.samples.extend(other.samples);
        self.samples.truncate(5);
    }
}

pub(super) async fn drive(
    load: &Load,
    plan: &Arc<Plan>,
    connections: usize,
) -> anyhow::Result<Stats> {
    let start = Instant::now();
    let measure_from = start + load.warmup;
    let deadline = measure_from + load.measure;
    let mut tasks = Vec::new();
    for c in 0..connections.max(1) {
        let plan = plan.clone();
        let budget = load.budget.clone();
        let addr = load.addr;
        tasks.push(tokio::spawn(async move {
            connection(addr, &plan, c as u64, measure_from, deadline, &budget).await
        }));
    }
    let mut stats = Stats::new();
    for t in tasks {
        stats.merge(t.await??);
    }
    stats.seconds = Instant::now()
        .min(deadline)
        .saturating_duration_since(measure_from)
        .as_secs_f64();
    Ok(stats)
}

/// Longest a request may take before it counts as failed.
pub(super) const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

async fn connection(
    addr: SocketAddr,
    plan: &Plan,
    seed: u64,
    measure_from: Instant,
    deadline: Instant,
    budget: &AtomicU64,
) -> anyhow::Result<Stats> {
    let mut stats = Stats::new();
    let mut rng = Rng(0xC11E_u64.wrapping_mul(seed + 1) ^ 0x9E37_79B9_7F4A_7C15);
    let mut stream = None;
    let mut buf = Vec::with_capacity(256 * 1024);
    loop {
        let now = Instant::now();
        if now >= deadline || budget.fetch_sub(1, Ordering::Relaxed) == 0 {
            budget.store(0, Ordering::Relaxed);
            break;
        }
        let (kind, path) = plan.request(&mut rng);
        if stream.is_none() {
            let s = tokio::net::TcpStream::connect(addr).await?;
            s.set_nodelay(true)?;
            stream = Some(s);
        }
        let s = stream.as_mut().expect("a connection");
        let sent = Instant::now();
        let outcome = tokio::time::timeout(REQUEST_TIMEOUT, exchange(s, &path, &mut buf)).await;
        let elapsed = sent.elapsed();
        let result = match outcome {
            Ok(r) => r,
            Err(_) => Err(anyhow::anyhow!("timed out")),
        };
        let measured = sent >= measure_from && sent < deadline;
        match result {
            Ok(bytes) => {
                if measured {
                    stats.latencies[kind]
                        .push(u32::try_from(elapsed.as_micros()).unwrap_or(u32::MAX));
                    stats.bytes += bytes;
                } else if sent < measure_from {
                    stats.warmup_requests += 1;
                }
            }
            Err(e) => {
                stats.errors[kind] += 1;
                if stats.samples.len() < 5 {
                    stats.samples.push(format!("{path}: {e:#}"));
                }
                stream = None;
            }
        }
    }
    Ok(stats)
}

/// The JSON an event page must parse as.
#[derive(serde::Deserialize)]
pub(super) struct EventPage {
    pub(super) limit: u64,
    #[allow(dead_code)]
    pub(super) offset: u64,
    pub(super) items: Vec<serde::de::IgnoredAny>,
}

/// Sends one GET and reads its answer; returns the bytes received. Fails
/// unless the status is 200, the length is given and the body parses as an
/// event page.
async fn exchange(
    s: &mut tokio::net::TcpStream,
    path: &str,
    buf: &mut Vec<u8>,
) -> anyhow::Result<u64> {
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n");
    s.write_all(request.as_bytes()).await?;
    buf.clear();
    let (head, status, length) = loop {
        let mut chunk = [0u8; 16 * 1024];
        let n = s.read(&mut chunk).await?;
        if n == 0 {
            bail!("connection closed before the answer's head");
        }
        buf.extend_from_slice(&chunk[..n]);
        let mut headers = [httparse::EMPTY_HEADER; 32];
        let mut response = httparse::Response::new(&mut headers);
        if let httparse::Status::Complete(head) = response.parse(buf)? {
            let status = response.code.unwrap_or(0);
            let mut length = None;
            for h in response.headers.iter() {
                if h.name.eq_ignore_ascii_case("content-length") {
                    length = Some(std::str::from_utf8(h.value)?.trim().parse::<usize>()?);
                } else if h.name.eq_ignore_ascii_case("transfer-encoding") {
                    bail!("unexpected transfer-encoding");
                }
            }
            let length = length.context("no content-length")?;
            break (head, status, length);
        }
        if buf.len() > 64 * 1024 {
            bail!("answer head too long");
        }
    };
    let total = head + length;
    if buf.len() < total {
        let have = buf.len();
        buf.resize(total, 0);
        s.read_exact(&mut buf[have..]).await?;
    } else if buf.len() > total {
        bail!("more bytes than the answer's length");
    }
    let body = &buf[head..total];
    if status != 200 {
        bail!(
            "status {status}: {}",
            String::from_utf8_lossy(&body[..body.len().min(200)])
        );
    }
    let page: EventPage = serde_json::from_slice(body).context("answer does not parse")?;
    if page.items.len() as u64 > page.limit {
        bail!("{} items on a page of {}", page.items.len(), page.limit);
    }
    Ok(total as u64)
}

// ---------------------------------------------------------------------------
// The report.

#[derive(Serialize)]
pub(super) struct KindReport {
    pub(super) kind: &'static str,
    pub(super) requests: u64,
    pub(super) errors: u64,
    pub(super) p50_ms: f64,
    pub(super) p99_ms: f64,
    pub(super) max_ms: f64,
}

#[derive(Serialize)]
pub(super) struct Report {
    pub(super) db: String,
    pub(super) db_bytes: u64,
    pub(super) articles: usize,
    pub(super) generated: bool,
    pub(super) prepare_seconds: f64,
    pub(super) connections: usize,
    pub(super) seconds: f64,
    pub(super) requests: u64,
    pub(super) requests_per_second: f64,
    pub(super) errors: u64,
    pub(super) p50_ms: f64,
    pub(super) p90_ms: f64,
    pub(super) p99_ms: f64,
    pub(super) max_ms: f64,
    pub(super) megabytes_per_second: f64,
    pub(super) kinds: Vec<KindReport>,
}

/// The `q` quantile of sorted latencies, in milliseconds.
pub(super) fn quantile(sorted: &[u32], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1;
    f64::from(sorted[i]) / 1000.0
}

impl Report {
    pub(super) fn new(
        stats: &Stats,
        args: &ApiArgs,
        db: &Path,
        db_bytes: u64,
        generated: bool,
        prepare_seconds: f64,
    ) -> Report {
        let mut all: Vec<u32> = stats.latencies.iter().flatten().copied().collect();
        all.sort_unstable();
        let kinds = KINDS
            .iter()
            .zip(&stats.latencies)
            .zip(&stats.errors)
            .map(|(((kind, _), lat), errors)| {
                let mut lat = lat.clone();
                lat.sort_unstable();
                KindReport {
                    kind,
                    requests: lat.len() as u64,
                    errors: *errors,
                    p50_ms: quantile(&lat, 0.5),
                    p99_ms: quantile(&lat, 0.99),
                    max_ms: quantile(&lat, 1.0),
                }
            })
            .collect();
        let secs = stats.seconds.max(1e-9);
        Report {
            db: db.display().to_string(),
            db_bytes,
            articles: args.articles,
            generated,
            prepare_seconds,
            connections: args.connections,
            seconds: stats.seconds,
            requests: all.len() as u64,
            requests_per_second: all.len() as f64 / secs,
            errors: stats.errors.iter().sum(),
            p50_ms: quantile(&all, 0.5),
            p90_ms: quantile(&all, 0.9),
            p99_ms: quantile(&all, 0.99),
            max_ms: quantile(&all, 1.0),
            megabytes_per_second: stats.bytes as f64 / 1e6 / secs,
            kinds,
        }
    }

    pub(super) fn print(&self) -> anyhow::Result<()> {
        outln!(
            "{} requests in {:.1} s on {} connections: {:.0} requests/s, {:.1} MB/s, {} error(s)",
            self.requests,
            self.seconds,
            self.connections,
            self.requests_per_second,
            self.megabytes_per_second,
            self.errors
        );
        outln!(
            "latency p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            self.p50_ms,
            self.p90_ms,
            self.p99_ms,
            self.max_ms
        );
        outln!(
            "{:<14} {:>9} {:>7} {:>9} {:>9} {:>9}",
            "kind",
            "requests",
            "errors",
            "p50 ms",
            "p99 ms",
            "max ms"
        );
        for k in &self.kinds {
            outln!(
                "{:<14} {:>9} {:>7} {:>9.2} {:>9.2} {:>9.2}",
                k.kind,
                k.requests,
                k.errors,
                k.p50_ms,
                k.p99_ms,
                k.max_ms
            );
        }
        Ok(())
    }
}
