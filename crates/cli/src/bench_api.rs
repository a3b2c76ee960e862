//! `sitrep bench api`: event queries per second through the HTTP API on a
//! generated database. The database (synthetic articles, coded events and
//! stories written through the store's public API) is made once and reused;
//! the real server runs in-process on a loopback port with 2 worker threads,
//! and an own HTTP/1.1 keep-alive client drives it with a fixed number of
//! connections for a bounded time and number of requests.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use jiff::civil::Date;
use serde::Serialize;
use sitrep_model::{
    ActorId, Article, CodedEvent, DateBasis, Dateline, DatelineSource, EventActor, EventFlag,
    InputFormat, Phrase, Source, Span,
};
use sitrep_store::{Store, StoryRow};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::{sentence, Rng};

/// Flags of `sitrep bench api`.
#[derive(clap::Args, Debug)]
pub struct ApiArgs {
    /// Articles in the generated database (about 5 coded events each).
    #[arg(long, default_value_t = 100_000)]
    articles: usize,
    /// The database file [default: target/bench-api-<articles>.db]; made
    /// when missing, reused when it holds the right number of articles.
    #[arg(long)]
    db: Option<PathBuf>,
    /// Seconds of measured load (after the warm-up).
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Seconds of unmeasured load first (caches warm up).
    #[arg(long, default_value_t = 2)]
    warmup: u64,
    /// Concurrent keep-alive connections.
    #[arg(long, default_value_t = 16)]
    connections: usize,
    /// Stop after this many requests (warm-up included) even if time is left.
    #[arg(long, default_value_t = 2_000_000)]
    max_requests: u64,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

/// Coder version written with the generated events; also marks a database
/// as made by this benchmark (its cluster state version).
const CODER: &str = "bench-api";
/// Articles per story.
const STORY_SIZE: usize = 10;
/// Distinct actors.
const ACTORS: usize = 3_000;
/// First dateline day; datelines spread over two years from it.
const FIRST_DAY: (i16, i8, i8) = (2023, 1, 1);
const DAYS: i64 = 730;

pub fn run(args: ApiArgs) -> anyhow::Result<()> {
    let db = args
        .db
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("target/bench-api-{}.db", args.articles)));
    let world = World::new();
    let started = Instant::now();
    let generated = prepare(&db, args.articles, &world)?;
    let prepare_secs = started.elapsed().as_secs_f64();
    let db_bytes: u64 = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", db.display())).ok())
        .map(|m| m.len())
        .sum();
    if !args.json {
        outln!(
            "{} {} ({} articles, {:.1} MB) in {:.1} s",
            if generated { "generated" } else { "opened" },
            db.display(),
            args.articles,
            db_bytes as f64 / 1e6,
            prepare_secs
        );
    }

    let plan = Arc::new(Plan::new(&world, args.articles));
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("bench-server")
        .enable_all()
        .build()?;
    let mut config = sitrep_server::Config::new(db.clone());
    config.addr = SocketAddr::from(([127, 0, 0, 1], 0));
    let app = sitrep_server::App::new(config)?;
    let (tx, rx) = std::sync::mpsc::channel();
    server.spawn(async move {
        if let Err(e) = sitrep_server::serve(app, move |addr| {
            let _ = tx.send(addr);
        })
        .await
        {
            tracing::error!(error = %e, "bench server stopped");
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(10))
        .context("the server did not start")?;

    let client = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let load = Load {
        addr,
        warmup: Duration::from_secs(args.warmup),
        measure: Duration::from_secs(args.seconds),
        budget: Arc::new(AtomicU64::new(args.max_requests)),
    };
    let stats = client.block_on(drive(&load, &plan, args.connections))?;
    server.shutdown_timeout(Duration::from_secs(2));

    let report = Report::new(&stats, &args, &db, db_bytes, generated, prepare_secs);
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        report.print()?;
    }
    if report.errors > 0 {
        bail!("{} request(s) failed: {:?}", report.errors, stats.samples);
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// The generated world: actors, event codes, outlets.

/// A CAMEO code, its label, its PLOVER type and how often it is drawn.
const CODES: &[(&str, &str, &str, u32)] = &[
    ("010", "Make statement", "CONSULT", 6),
    ("020", "Appeal", "REQUEST", 5),
    ("0233", "Appeal for humanitarian aid", "REQUEST", 1),
    ("036", "Express intent to meet or negotiate", "CONSULT", 4),
    ("040", "Consult", "CONSULT", 10),
    ("041", "Discuss by telephone", "CONSULT", 5),
    ("042", "Make a visit", "CONSULT", 6),
    ("043", "Host a visit", "CONSULT", 5),
    ("046", "Engage in negotiation", "CONSULT", 6),
    ("051", "Praise or endorse", "SUPPORT", 3),
    ("057", "Sign formal agreement", "AGREE", 3),
    ("061", "Cooperate economically", "COOPERATE", 2),
    ("070", "Provide aid", "AID", 3),
    ("073", "Provide humanitarian aid", "AID", 3),
    ("081", "Ease administrative sanctions", "CONCEDE", 1),
    ("087", "De-escalate military engagement", "RETREAT", 1),
    ("0871", "Declare truce, ceasefire", "RETREAT", 1),
    ("090", "Investigate", "ACCUSE", 1),
    ("111", "Criticize or denounce", "ACCUSE", 8),
    ("112", "Accuse", "ACCUSE", 5),
    ("120", "Reject", "REJECT", 4),
    ("130", "Threaten", "THREATEN", 3),
    ("138", "Threaten with military force", "THREATEN", 2),
    ("141", "Demonstrate or rally", "PROTEST", 4),
    ("1411", "Demonstrate for leadership change", "PROTEST", 1),
    ("150", "Demonstrate military or police power", "MOBILIZE", 2),
    ("163", "Impose embargo, boycott or sanctions", "SANCTION", 2),
    ("173", "Arrest, detain", "COERCE", 4),
    ("175", "Use tactics of violent repression", "COERCE", 2),
    ("180", "Use unconventional violence", "ASSAULT", 3),
    ("183", "Conduct bombing", "ASSAULT", 2),
    ("190", "Use conventional military force", "ASSAULT", 6),
    (
        "193",
        "Fight with small arms and light weapons",
        "ASSAULT",
        4,
    ),
    ("195", "Employ aerial weapons", "ASSAULT", 5),
];

const ISO3: &[(&str, &str)] = &[
    ("RUS", "Russia"),
    ("UKR", "Ukraine"),
    ("TUR", "Turkey"),
    ("USA", "United States"),
    ("CHN", "China"),
    ("FRA", "France"),
    ("DEU", "Germany"),
    ("GBR", "United Kingdom"),
    ("ISR", "Israel"),
    ("PSE", "Palestine"),
    ("IRN", "Iran"),
    ("IRQ", "Iraq"),
    ("SYR", "Syria"),
    ("LBN", "Lebanon"),
    ("EGY", "Egypt"),
    ("SAU", "Saudi Arabia"),
    ("QAT", "Qatar"),
    ("AZE", "Azerbaijan"),
    ("ARM", "Armenia"),
    ("GEO", "Georgia"),
    ("KEN", "Kenya"),
    ("SOM", "Somalia"),
    ("ETH", "Ethiopia"),
    ("SDN", "Sudan"),
    ("NGA", "Nigeria"),
    ("BRA", "Brazil"),
    ("IND", "India"),
    ("PAK", "Pakistan"),
    ("AFG", "Afghanistan"),
    ("JPN", "Japan"),
];
const FIRST: &[&str] = &[
    "Amina", "Boris", "Carla", "Dmitri", "Elif", "Farid", "Grace", "Hassan", "Irina", "Jonas",
    "Kemal", "Leila", "Marek", "Nadia", "Oleg", "Priya", "Quentin", "Rania", "Sergei", "Tamar",
    "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zara", "Anton", "Bilal", "Chloe", "Davit",
];
const LAST: &[&str] = &[
    "Aliyev",
    "Brandt",
    "Costa",
    "Demir",
    "Egorov",
    "Farah",
    "Gashi",
    "Haddad",
    "Ivanova",
    "Jansen",
    "Kaya",
    "Lindqvist",
    "Mansour",
    "Novak",
    "Okafor",
    "Petrov",
    "Qureshi",
    "Rahimi",
    "Sokolov",
    "Tanaka",
    "Usman",
    "Varga",
    "Wojcik",
    "Yilmaz",
    "Zhou",
    "Abbasi",
    "Baranov",
    "Celik",
    "Dlamini",
    "Esposito",
    "Fischer",
    "Guerrero",
    "Hoxha",
    "Ilic",
    "Jaber",
    "Kovalenko",
    "Lopez",
    "Mwangi",
    "Nasser",
    "Orlov",
];
const SECTORS: &[&str] = &["GOV", "MIL", "REB", "OPP", "CVL", "BUS", "MED", "JUD"];
const OUTLET_A: &[&str] = &[
    "Harbor", "Meridian", "Steppe", "Gulf", "Caspian", "Northern", "Coastal", "Valley", "Highland",
];
const OUTLET_B: &[&str] = &["Post", "Wire", "Times", "Observer"];
const PLACES: &[&str] = &[
    "Ankara",
    "Kyiv",
    "Baku",
    "Tbilisi",
    "Mandera",
    "Gaza",
    "Aleppo",
    "Khartoum",
    "Mogadishu",
    "Brasília",
    "Lagos",
    "Kabul",
];

struct ActorDef {
    id: String,
    name: String,
    country: Option<String>,
    sector: Option<String>,
}

/// Everything the generator and the request plan share; a pure function of
/// nothing (fixed seed), so a reused database matches the plan.
struct World {
    /// By rank: the most frequently drawn first.
    actors: Vec<ActorDef>,
    outlets: Vec<String>,
    code_weights: u32,
}

impl World {
    fn new() -> World {
        let mut rng = Rng(0x5EED_A11A_C0DE_0001);
        let mut actors = Vec::with_capacity(ACTORS);
        for (iso, name) in ISO3 {
            actors.push(ActorDef {
                id: format!("country:{iso}"),
                name: name.to_string(),
                country: Some(iso.to_string()),
                sector: None,
            });
            actors.push(ActorDef {
                id: format!("government:{iso}"),
                name: format!("{name} government"),
                country: Some(iso.to_string()),
                sector: Some("GOV".to_string()),
            });
        }
        for i in 0..40 {
            let (iso, name) = ISO3[i % ISO3.len()];
            let what = ["army", "ministry of defence", "police", "parliament"][i / ISO3.len() % 4];
            actors.push(ActorDef {
                id: format!("org:{}-{}", iso.to_lowercase(), what.replace(' ', "-")),
                name: format!("{name} {what}"),
                country: Some(iso.to_string()),
                sector: Some(SECTORS[i % SECTORS.len()].to_string()),
            });
        }
        let mut n = 0usize;
        while actors.len() < ACTORS {
            let first = FIRST[n % FIRST.len()];
            let last = LAST[(n / FIRST.len()) % LAST.len()];
            let round = n / (FIRST.len() * LAST.len());
            let (iso, _) = ISO3[rng.below(ISO3.len())];
            let new_identity = n % 5 == 4;
            let slug = format!(
                "{}-{}{}",
                first.to_lowercase(),
                last.to_lowercase(),
                if round > 0 {
                    format!("-{round}")
                } else {
                    String::new()
                }
            );
            actors.push(ActorDef {
                id: if new_identity {
                    format!("person:~{slug}")
                } else {
                    format!("person:{slug}")
                },
                name: format!("{first} {last}"),
                country: Some(iso.to_string()),
                sector: Some(SECTORS[rng.below(SECTORS.len())].to_string()),
            });
            n += 1;
        }
        // Mix the kinds of actor over the ranks, countries a little ahead.
        for i in (1..actors.len()).rev() {
            let j = rng.below(i + 1);
            if !(actors[i].id.starts_with("country:") && rng.below(2) == 0) {
                actors.swap(i, j);
            }
        }
        let outlets = OUTLET_A
            .iter()
            .flat_map(|a| OUTLET_B.iter().map(move |b| format!("{a} {b}")))
            .collect();
        World {
            actors,
            outlets,
            code_weights: CODES.iter().map(|c| c.3).sum(),
        }
    }

    /// An actor rank drawn Zipf-like: P(rank k) ≈ 1/(k+1), by drawing the
    /// logarithm of the rank uniformly.
    fn actor_rank(&self, rng: &mut Rng) -> usize {
        let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
        let rank = ((self.actors.len() + 1) as f64).powf(u) as usize;
        rank.saturating_sub(1).min(self.actors.len() - 1)
    }

    fn code(&self, rng: &mut Rng) -> &'static (&'static str, &'static str, &'static str, u32) {
        let mut pick = (rng.next() % u64::from(self.code_weights)) as u32;
        for c in CODES {
            if pick < c.3 {
                return c;
            }
            pick -= c.3;
        }
        &CODES[0]
    }
}

fn first_day() -> Date {
    Date::new(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2).expect("a valid date")
}

fn day(offset: i64) -> Date {
    first_day()
        .checked_add(jiff::Span::new().days(offset))
        .unwrap_or_else(|_| first_day())
}

/// The dateline day of article `i` of `n`: stories (runs of [`STORY_SIZE`]
/// articles) stay within a few days; the whole spreads over [`DAYS`].
fn article_day(i: usize, n: usize, rng: &mut Rng) -> i64 {
    let story_start = (i / STORY_SIZE * STORY_SIZE) as i64 * DAYS / n.max(1) as i64;
    (story_start + rng.below(4) as i64).min(DAYS - 1)
}

fn story_id(k: usize) -> String {
    format!("bench-story-{k:06}")
}

// ---------------------------------------------------------------------------
// Generation.

/// Makes the database at `db` unless it already holds `n` generated
/// articles; returns whether it generated.
fn prepare(db: &Path, n: usize, world: &World) -> anyhow::Result<bool> {
    let stories = n.div_ceil(STORY_SIZE);
    if db.exists() {
        let store = Store::open(db)?;
        let ours = store
            .cluster_state()?
            .is_some_and(|(version, _)| version == CODER);
        if ours && store.counts()?.articles == n as u64 && store.stories()?.len() == stories {
            return Ok(false);
        }
        if !ours {
            bail!(
                "{} exists and was not made by `sitrep bench api`; remove it or pick another --db",
                db.display()
            );
        }
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    }
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut store = Store::open(db)?;
    let mut rng = Rng(0x5EED_A11A_C0DE_0002 ^ n as u64);
    let mut assignments = Vec::with_capacity(n);
    let mut rows: Vec<StoryRow> = Vec::with_capacity(stories);
    const BATCH: usize = 2_000;
    let mut i = 0;
    while i < n {
        let end = (i + BATCH).min(n);
        let mut articles = Vec::with_capacity(end - i);
        let mut coded = Vec::with_capacity(end - i);
        for k in i..end {
            let (article, events) = generate_article(k, n, world, &mut rng);
            let story = k / STORY_SIZE;
            assignments.push((article.id.clone(), story_id(story)));
            let date = article.dateline.as_ref().map(|d| d.date);
            if story == rows.len() {
                rows.push(StoryRow {
                    id: story_id(story),
                    title: article.title.clone().unwrap_or_default(),
                    first_date: date,
                    last_date: date,
                    articles: 0,
                    sources: 0,
                });
            }
            let row = rows.last_mut().expect("a story row");
            row.articles += 1;
            row.sources += 1;
            row.first_date = row.first_date.min(date).or(date);
            row.last_date = row.last_date.max(date);
            coded.push((article.id.clone(), events));
            articles.push(article);
        }
        store.insert_batch(&articles)?;
        store.put_events(CODER, &coded)?;
        i = end;
    }
    store.put_stories(true, &assignments, (CODER, "{}"), &rows)?;
    Ok(true)
}

fn generate_article(
    i: usize,
    n: usize,
    world: &World,
    rng: &mut Rng,
) -> (Article, Vec<CodedEvent>) {
    let date = day(article_day(i, n, rng));
    let outlet = world.outlets[rng.below(world.outlets.len())].clone();
    let mut title = String::new();
    sentence(rng, &mut title);
    let title = title.trim_end_matches('.').to_string();
    let mut text = String::new();
    for _ in 0..2 + rng.below(3) {
        if !text.is_empty() {
            text.push(' ');
        }
        sentence(rng, &mut text);
    }
    text.push_str(&format!(" (Bench report {i}.)"));
    let mut source = Source::new(format!("bench:{i:06}.txt"), InputFormat::Text);
    source.outlet = Some(outlet);
    source.title = Some(title);
    source.dateline = Some(Dateline::day(date, DatelineSource::TextHeader));
    let article = Article::new(text, source);
    let count = 3 + rng.below(5);
    let events = (0..count)
        .map(|k| generate_event(&article, date, k as u32, world, rng))
        .collect();
    (article, events)
}

fn side(world: &World, rng: &mut Rng, text: &str) -> EventActor {
    let a = &world.actors[world.actor_rank(rng)];
    let start = rng.below(text.len().saturating_sub(20).max(1));
    let start = (0..=start)
        .rev()
        .find(|&s| text.is_char_boundary(s))
        .unwrap_or(0);
    let end = (start + 12).min(text.len());
    let end = (end..=text.len())
        .find(|&e| text.is_char_boundary(e))
        .unwrap_or(text.len());
    EventActor {
        actor: ActorId(a.id.clone()),
        name: a.name.clone(),
        span: Span::new(start, end),
        surface: text[start..end].to_string(),
        country: a.country.clone(),
        sector: a.sector.clone(),
        cameo: match (&a.country, &a.sector) {
            (Some(c), Some(s)) => Some(format!("{c}{s}")),
            _ => None,
        },
    }
}

fn generate_event(
    a: &Article,
    dateline: Date,
    sentence: u32,
    world: &World,
    rng: &mut Rng,
) -> CodedEvent {
    let (cameo, label, plover, _) = *world.code(rng);
    let source = side(world, rng, &a.text);
    let mut target = side(world, rng, &a.text);
    if target.actor == source.actor {
        target = side(world, rng, &a.text);
    }
    let (date, basis) = match rng.below(20) {
        0 => (None, None),
        1..=3 => (
            Some(dateline.yesterday().unwrap_or(dateline)),
            Some(DateBasis::Relative),
        ),
        4 => (
            Some(day(rng.below(DAYS as usize) as i64)),
            Some(DateBasis::Text),
        ),
        _ => (Some(dateline), Some(DateBasis::Dateline)),
    };
    let flags = match rng.below(100) {
        0..=7 => vec![EventFlag::Future],
        8..=10 => vec![EventFlag::Negated],
        11..=12 => vec![EventFlag::Hypothetical],
        13..=17 => vec![EventFlag::Historical],
        _ => vec![],
    };
    let len = a.text.len() as u32;
    let phrase = |rng: &mut Rng, words: &str| Phrase {
        span: Span::new(rng.below(len as usize / 2), len as usize / 2 + words.len()),
        surface: words.to_string(),
        actor: None,
    };
    CodedEvent {
        doc: a.id.clone(),
        sentence,
        sentence_span: Span {
            start: 0,
            end: len.min(180),
        },
        trigger: phrase(rng, label),
        pattern: format!("~{} +", label.to_lowercase()),
        cameo: cameo.to_string(),
        label: label.to_string(),
        plover: plover.to_string(),
        mode: (rng.below(3) == 0).then(|| "visit".to_string()),
        context: if rng.below(2) == 0 {
            vec!["diplomatic".to_string()]
        } else {
            Vec::new()
        },
        source,
        target,
        date,
        date_basis: basis,
        place: (rng.below(5) < 2).then(|| {
            let place = PLACES[rng.below(PLACES.len())];
            phrase(rng, place)
        }),
        flags,
        claimant: (rng.below(5) == 0).then(|| phrase(rng, "officials said")),
        confidence: [0.4, 0.55, 0.7, 0.85][rng.below(4)],
    }
}

// ---------------------------------------------------------------------------
// The request mix.

/// Kinds of event query, with how often each is sent.
const KINDS: &[(&str, u32)] = &[
    ("first_page", 10),
    ("deep_page", 8),
    ("plover", 12),
    ("cameo", 12),
    ("actor_common", 12),
    ("actor_rare", 10),
    ("dates", 12),
    ("story", 12),
    ("combined", 12),
];

struct Plan {
    actors: Vec<String>,
    stories: usize,
    plovers: Vec<&'static str>,
    weights: u32,
}

impl Plan {
    fn new(world: &World, articles: usize) -> Plan {
        let mut plovers: Vec<&str> = CODES.iter().map(|c| c.2).collect();
        plovers.sort_unstable();
        plovers.dedup();
        Plan {
            actors: world.actors.iter().map(|a| a.id.clone()).collect(),
            stories: articles.div_ceil(STORY_SIZE),
            plovers,
            weights: KINDS.iter().map(|k| k.1).sum(),
        }
    }

    /// A request: its kind (index into [`KINDS`]) and path.
    fn request(&self, rng: &mut Rng) -> (usize, String) {
        let mut pick = (rng.next() % u64::from(self.weights)) as u32;
        let mut kind = 0;
        for (i, k) in KINDS.iter().enumerate() {
            if pick < k.1 {
                kind = i;
                break;
            }
            pick -= k.1;
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

struct Load {
    addr: SocketAddr,
    warmup: Duration,
    measure: Duration,
    /// Requests left (warm-up included).
    budget: Arc<AtomicU64>,
}

#[derive(Default)]
struct Stats {
    /// Latency in microseconds of each measured request, by kind.
    latencies: Vec<Vec<u32>>,
    errors: Vec<u64>,
    bytes: u64,
    warmup_requests: u64,
    /// Seconds the measured phase lasted.
    seconds: f64,
    /// A few failures, for the message.
    samples: Vec<String>,
}

impl Stats {
    fn new() -> Stats {
        Stats {
            latencies: vec![Vec::new(); KINDS.len()],
            errors: vec![0; KINDS.len()],
            ..Stats::default()
        }
    }

    fn merge(&mut self, other: Stats) {
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

async fn drive(load: &Load, plan: &Arc<Plan>, connections: usize) -> anyhow::Result<Stats> {
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
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

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
struct EventPage {
    limit: u64,
    #[allow(dead_code)]
    offset: u64,
    items: Vec<serde::de::IgnoredAny>,
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
struct KindReport {
    kind: &'static str,
    requests: u64,
    errors: u64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
}

#[derive(Serialize)]
struct Report {
    db: String,
    db_bytes: u64,
    articles: usize,
    generated: bool,
    prepare_seconds: f64,
    connections: usize,
    seconds: f64,
    requests: u64,
    requests_per_second: f64,
    errors: u64,
    p50_ms: f64,
    p90_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    megabytes_per_second: f64,
    kinds: Vec<KindReport>,
}

/// The `q` quantile of sorted latencies, in milliseconds.
fn quantile(sorted: &[u32], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1;
    f64::from(sorted[i]) / 1000.0
}

impl Report {
    fn new(
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

    fn print(&self) -> anyhow::Result<()> {
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// Per-kind counts of `n` requests.
    fn mix(plan: &Plan, n: usize) -> BTreeMap<&'static str, usize> {
        let mut rng = Rng(1);
        let mut out = BTreeMap::new();
        for _ in 0..n {
            *out.entry(KINDS[plan.request(&mut rng).0].0).or_default() += 1;
        }
        out
    }

    #[test]
    fn generation_is_deterministic_and_the_mix_covers_every_kind() {
        let world = World::new();
        let mut a = Rng(7);
        let mut b = Rng(7);
        let (x, ex) = generate_article(3, 100, &world, &mut a);
        let (y, ey) = generate_article(3, 100, &world, &mut b);
        assert_eq!(x.id, y.id);
        assert_eq!(ex, ey);
        assert!(ex.iter().all(|e| e.doc == x.id));
        let plan = Plan::new(&world, 100);
        assert_eq!(mix(&plan, 2_000).len(), KINDS.len());
    }
}
