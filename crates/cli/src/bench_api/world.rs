//! The generated world of `sitrep bench api`: actors, event codes, outlets,
//! and the database of articles, events and stories made from them.

use std::path::Path;

use anyhow::bail;
use jiff::civil::Date;
use sitrep_model::{
    ActorId, Article, CodedEvent, DateBasis, Dateline, DatelineSource, EventActor, EventFlag,
    InputFormat, Phrase, Source, Span,
};
use sitrep_store::{Store, StoryRow};

use super::*;

// ---------------------------------------------------------------------------
// The generated world: actors, event codes, outlets.

/// A CAMEO code, its label, its PLOVER type and how often it is drawn.
pub(super) const CODES: &[(&str, &str, &str, u32)] = &[
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

pub(super) const ISO3: &[(&str, &str)] = &[
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
pub(super) const FIRST: &[&str] = &[
    "Amina", "Boris", "Carla", "Dmitri", "Elif", "Farid", "Grace", "Hassan", "Irina", "Jonas",
    "Kemal", "Leila", "Marek", "Nadia", "Oleg", "Priya", "Quentin", "Rania", "Sergei", "Tamar",
    "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zara", "Anton", "Bilal", "Chloe", "Davit",
];
pub(super) const LAST: &[&str] = &[
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
pub(super) const SECTORS: &[&str] = &["GOV", "MIL", "REB", "OPP", "CVL", "BUS", "MED", "JUD"];
pub(super) const OUTLET_A: &[&str] = &[
    "Harbor", "Meridian", "Steppe", "Gulf", "Caspian", "Northern", "Coastal", "Valley", "Highland",
];
pub(super) const OUTLET_B: &[&str] = &["Post", "Wire", "Times", "Observer"];
pub(super) const PLACES: &[&str] = &[
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

pub(super) struct ActorDef {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) country: Option<String>,
    pub(super) sector: Option<String>,
}

/// Everything the generator and the request plan share; a pure function of
/// nothing (fixed seed), so a reused database matches the plan.
pub(super) struct World {
    /// By rank: the most frequently drawn first.
    pub(super) actors: Vec<ActorDef>,
    pub(super) outlets: Vec<String>,
    pub(super) code_weights: u32,
}

impl World {
    pub(super) fn new() -> World {
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
    pub(super) fn actor_rank(&self, rng: &mut Rng) -> usize {
        let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
        let rank = ((self.actors.len() + 1) as f64).powf(u) as usize;
        rank.saturating_sub(1).min(self.actors.len() - 1)
    }

    pub(super) fn code(
        &self,
        rng: &mut Rng,
    ) -> &'static (&'static str, &'static str, &'static str, u32) {
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

pub(super) fn first_day() -> Date {
    Date::new(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2).expect("a valid date")
}

pub(super) fn day(offset: i64) -> Date {
    first_day()
        .checked_add(jiff::Span::new().days(offset))
        .unwrap_or_else(|_| first_day())
}

/// The dateline day of article `i` of `n`: stories (runs of [`STORY_SIZE`]
/// articles) stay within a few days; the whole spreads over [`DAYS`].
pub(super) fn article_day(i: usize, n: usize, rng: &mut Rng) -> i64 {
    let story_start = (i / STORY_SIZE * STORY_SIZE) as i64 * DAYS / n.max(1) as i64;
    (story_start + rng.below(4) as i64).min(DAYS - 1)
}

pub(super) fn story_id(k: usize) -> String {
    format!("bench-story-{k:06}")
}

// ---------------------------------------------------------------------------
// Generation.

/// Makes the database at `db` unless it already holds `n` generated
/// articles; returns whether it generated.
pub(super) fn prepare(db: &Path, n: usize, world: &World) -> anyhow::Result<bool> {
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

pub(super) fn generate_article(
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

pub(super) fn side(world: &World, rng: &mut Rng, text: &str) -> EventActor {
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

pub(super) fn generate_event(
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
