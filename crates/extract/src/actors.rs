//! Mentions and their actors for one article.
//!
//! Per sentence: the tagger's entities, lexicon matches and titles become
//! candidate mentions (overlaps go to the longest span); they are resolved
//! in text order, so later short forms can refer back to earlier full names.
//! Pronouns come last, each attached only when exactly one person fits.

use std::collections::HashMap;

use jiff::civil::Date;
use sitrep_lexicon::{fold, CountryMatch, Entry, Lexicon, Person};
use sitrep_model::{Actor, ActorKind, Article, DocId, Mention, MentionKind, Resolution, Span};
use sitrep_tagger::{score, Tagger};

use crate::doc::{Doc, GROUP_NOUNS};
use crate::matcher::{fold_token, Matcher};
use crate::titles::{self, Title};
use crate::window;
use crate::Result;

/// One article's mentions and the actors they resolve to.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Entities {
    pub doc: DocId,
    /// The date titles were resolved against (the dateline), if any.
    pub date: Option<Date>,
    /// In text order.
    pub mentions: Vec<Mention>,
    /// Every actor a mention resolves to, in order of first mention.
    pub actors: Vec<Actor>,
    /// The periods the article's titles fit ("Israeli Prime Minister
    /// Benjamin Netanyahu" → his terms), intersected over every titled
    /// person; `None` when no title constrains it or titles contradict. An
    /// open end is `null`. What an undated article says about its own date.
    pub window: Option<Vec<(Date, Option<Date>)>>,
}

/// An article read by the language layer: tokens and sentences, tags per
/// sentence (part of speech, chunks, entities), resolved mentions.
pub struct Analysis<'m> {
    pub segmented: sitrep_text::Segmented,
    pub tagged: Vec<sitrep_tagger::Tagged<'m>>,
    pub entities: Entities,
}

/// Finds and resolves mentions; holds the lexicon, the tagger and the
/// name matcher, built once.
pub struct Resolver {
    lexicon: Lexicon,
    tagger: Tagger,
    matcher: Matcher,
    /// Folded person names and aliases of two or more words, by the first
    /// letter of their last word, for fuzzy matching.
    fuzzy: HashMap<char, Vec<(String, usize)>>,
}

/// A candidate mention in a sentence: tokens `start..end`.
#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    /// Tagger entity type, if the tagger found it.
    tagged: Option<String>,
    /// Lexicon name key, if the lexicon matched exactly this span.
    key: Option<String>,
    title: Option<Title>,
}

fn is_pronoun(w: &str) -> bool {
    matches!(
        fold_token(w).as_str(),
        "he" | "him" | "his" | "himself" | "she" | "her" | "hers" | "herself"
    )
}

fn has_capital(words: &[&str]) -> bool {
    words.iter().any(|w| w.chars().any(char::is_uppercase))
}

fn is_verb(pos: &str) -> bool {
    pos.starts_with("VB") || pos == "MD"
}

impl Resolver {
    /// The shipped lexicon and tagger.
    pub fn shipped() -> Result<Self> {
        let lexicon = Lexicon::shipped()?;
        let tagger = Tagger::shipped()?;
        Self::new(lexicon, tagger)
    }

    pub fn new(lexicon: Lexicon, tagger: Tagger) -> Result<Self> {
        let matcher = Matcher::new(&lexicon)?;
        let mut fuzzy: HashMap<char, Vec<(String, usize)>> = HashMap::new();
        for (i, p) in lexicon.people().iter().enumerate() {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                let f = fold(n);
                if f.split_whitespace().count() < 2 {
                    continue;
                }
                if let Some(c) = f.split_whitespace().last().and_then(|l| l.chars().next()) {
                    fuzzy.entry(c).or_default().push((f, i));
                }
            }
        }
        Ok(Self {
            lexicon,
            tagger,
            matcher,
            fuzzy,
        })
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// The person a misspelt or differently transliterated full name is.
    fn fuzzy_person(&self, surface: &str) -> Option<usize> {
        let f = fold(surface);
        let words: Vec<&str> = f.split_whitespace().collect();
        if words.len() < 2 {
            return None;
        }
        let last = *words.last()?;
        let first = last.chars().next()?;
        let mut best: Option<(f64, usize)> = None;
        for (name, i) in self.fuzzy.get(&first).into_iter().flatten() {
            let score = strsim::jaro_winkler(&f, name);
            let name_last = name.split_whitespace().last().unwrap_or("");
            if score >= 0.9
                && strsim::jaro_winkler(last, name_last) >= 0.88
                && best.is_none_or(|(b, _)| score > b)
            {
                best = Some((score, *i));
            }
        }
        best.map(|(_, i)| i)
    }

    /// Country and sector that the words around an unknown name give it
    /// ("Deputy Chief of Staff … to Iran's President, Mohammad Jamshidi").
    fn title_context(
        &self,
        words: &[&str],
        pos: &[&str],
        start: usize,
        end: usize,
    ) -> (Option<String>, Option<String>) {
        let lex = &self.lexicon;
        let mut country = None;
        let mut sector = None;
        let mut look = |i: usize| {
            let w = words[i];
            for e in lex.entries(w) {
                match *e {
                    Entry::Country(c, _) if country.is_none() => {
                        country = Some(lex.country_at(c).iso3.clone());
                    }
                    Entry::Agent(a) if sector.is_none() => {
                        sector = Some(lex.agents()[a].code.clone());
                    }
                    _ => {}
                }
            }
        };
        // Before the name, back to a verb or the start of the clause.
        let mut i = start;
        let floor = start.saturating_sub(14);
        while i > floor {
            i -= 1;
            if is_verb(pos[i]) || matches!(words[i], "." | ";" | ":" | "(" | ")") {
                break;
            }
            look(i);
        }
        // An apposition after it: ", deputy foreign minister of Iran ,".
        if words.get(end) == Some(&",") {
            let mut j = end + 1;
            while j < words.len() && j < end + 14 && !matches!(words[j], "," | "." | ";") {
                if is_verb(pos[j]) {
                    break;
                }
                look(j);
                j += 1;
            }
        }
        (country, sector)
    }

    /// Finds and resolves the mentions of an article.
    pub fn entities(&self, article: &Article) -> Entities {
        self.analyse(article).entities
    }

    /// Sentences and tokens, the tagger's tags for each sentence, and the
    /// resolved mentions: what later layers (the event coder) read.
    pub fn analyse(&self, article: &Article) -> Analysis<'_> {
        let text = article.text.as_str();
        let seg = sitrep_text::segment(text);
        let lex = &self.lexicon;
        let mut doc = Doc {
            date: article.dateline.as_ref().map(|d| d.date),
            actors: Vec::new(),
            index: HashMap::new(),
            people: Vec::new(),
            lex,
        };
        let sentences: Vec<Vec<&str>> = seg
            .sentences
            .iter()
            .map(|s| {
                seg.tokens[s.tokens.clone()]
                    .iter()
                    .map(|t| t.text(text))
                    .collect()
            })
            .collect();
        let tagged = self.tagger.tag_document(&sentences);
        let mut mentions = Vec::new();
        let mut constraints = Vec::new();
        for (si, (words, tags)) in sentences.iter().zip(&tagged).enumerate() {
            let tokens = &seg.tokens[seg.sentences[si].tokens.clone()];
            let span_of = |a: usize, b: usize| Span {
                start: tokens[a].span.start,
                end: tokens[b - 1].span.end,
            };
            let known: Vec<String> = doc
                .people
                .iter()
                .flat_map(|p| p.short.iter().cloned())
                .collect();
            let candidates = self.candidates(words, &tags.pos, &tags.ner, &known);
            let mut named = Vec::new();
            for c in candidates {
                let span = span_of(c.start, c.end);
                let surface = span.slice(text).unwrap_or("").to_string();
                let (kind, resolved) = self.resolve(&mut doc, &c, words, &tags.pos, &surface);
                if resolved.is_none() && c.tagged.is_none() && c.title.is_none() {
                    // A lexicon word that names nobody here ("May" the month).
                    continue;
                }
                if let Some((a, r)) = resolved {
                    if doc.actors[a].kind == ActorKind::Person {
                        if let Some(s) = doc.people.iter_mut().find(|s| s.actor == a) {
                            s.sentence = si;
                        }
                        let by_name = matches!(
                            r,
                            Resolution::Name
                                | Resolution::Alias
                                | Resolution::Fuzzy
                                | Resolution::Coreference
                                | Resolution::Surname
                        );
                        let id = doc.actors[a].id.0.strip_prefix("person:");
                        if let (true, Some(id)) = (by_name, id) {
                            if let Some(person) = lex.people().iter().find(|p| p.id == id) {
                                named.push(window::Named {
                                    start: c.start,
                                    end: c.end,
                                    person,
                                });
                            }
                        }
                    }
                }
                mentions.push(Mention {
                    doc: article.id.clone(),
                    span,
                    surface,
                    kind,
                    actor: resolved.map(|(a, _)| doc.actors[a].id.clone()),
                    confidence: resolved.map(|(_, r)| confidence(r)),
                    resolution: resolved.map(|(_, r)| r),
                    sentence: si as u32,
                });
            }
            window::constraints(
                lex,
                words,
                &titles::find(lex, words),
                &named,
                &mut constraints,
            );
            // Definite descriptions of a place named before: "the
            // territory", "the enclave" → the last place; "the country" →
            // the last country.
            for i in 0..words.len().saturating_sub(1) {
                if fold_token(words[i]) != "the" {
                    continue;
                }
                let noun = fold_token(words[i + 1]);
                let want_country = match noun.as_str() {
                    "territory" | "enclave" | "strip" | "city" | "region" | "province" => false,
                    "country" => true,
                    _ => continue,
                };
                let start = tokens[i].span.start;
                if mentions
                    .iter()
                    .any(|m: &Mention| m.span.start <= start && start < m.span.end)
                {
                    continue;
                }
                let last = mentions
                    .iter()
                    .rev()
                    .filter(|m: &&Mention| m.span.end <= start && m.kind != MentionKind::Pronoun)
                    .filter_map(|m| m.actor.as_ref())
                    .filter_map(|id| doc.index.get(id).copied())
                    .find(|&a| {
                        let k = doc.actors[a].kind;
                        if want_country {
                            k == ActorKind::Country
                        } else {
                            k == ActorKind::Place
                        }
                    });
                if let Some(a) = last {
                    let span = span_of(i, i + 2);
                    mentions.push(Mention {
                        doc: article.id.clone(),
                        span,
                        surface: span.slice(text).unwrap_or("").to_string(),
                        kind: MentionKind::Location,
                        actor: Some(doc.actors[a].id.clone()),
                        confidence: Some(confidence(Resolution::Coreference) * 0.8),
                        resolution: Some(Resolution::Coreference),
                        sentence: si as u32,
                    });
                }
            }
            // Pronouns.
            for (i, w) in words.iter().enumerate() {
                let gender = match fold_token(w).as_str() {
                    "he" | "him" | "his" | "himself" => 'm',
                    "she" | "her" | "hers" | "herself" => 'f',
                    _ => continue,
                };
                let span = span_of(i, i + 1);
                let before = span.start;
                // People named earlier in this sentence; if none, in the previous one.
                let same = mentions.iter().any(|m| {
                    m.sentence as usize == si
                        && m.span.end <= before
                        && m.kind != MentionKind::Pronoun
                        && m.actor
                            .as_ref()
                            .and_then(|id| doc.index.get(id))
                            .is_some_and(|&a| doc.actors[a].kind == ActorKind::Person)
                });
                let window: Vec<usize> = {
                    let mut v: Vec<usize> = mentions
                        .iter()
                        .filter(|m: &&Mention| m.kind != MentionKind::Pronoun)
                        .filter(|m: &&Mention| {
                            if same {
                                m.sentence as usize == si && m.span.end <= before
                            } else {
                                m.sentence as usize + 1 == si
                            }
                        })
                        .filter_map(|m| m.actor.as_ref())
                        .filter_map(|id| doc.index.get(id).copied())
                        .filter(|&a| doc.actors[a].kind == ActorKind::Person)
                        .filter(|&a| {
                            doc.people
                                .iter()
                                .find(|s| s.actor == a)
                                .is_none_or(|s| s.gender.is_none_or(|g| g == gender))
                        })
                        .collect();
                    v.sort_unstable();
                    v.dedup();
                    v
                };
                let resolved = (window.len() == 1).then(|| window[0]);
                mentions.push(Mention {
                    doc: article.id.clone(),
                    span,
                    surface: w.to_string(),
                    kind: MentionKind::Pronoun,
                    actor: resolved.map(|a| doc.actors[a].id.clone()),
                    confidence: resolved.map(|_| confidence(Resolution::Pronoun)),
                    resolution: resolved.map(|_| Resolution::Pronoun),
                    sentence: si as u32,
                });
            }
        }
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        let entities = Entities {
            doc: article.id.clone(),
            date: doc.date,
            mentions,
            actors: doc.actors,
            window: window::intersect(&constraints),
        };
        Analysis {
            segmented: seg,
            tagged,
            entities,
        }
    }

    /// Candidate mentions of a sentence, overlaps settled for the longest.
    fn candidates(
        &self,
        words: &[&str],
        pos: &[&str],
        ner: &[&str],
        known: &[String],
    ) -> Vec<Candidate> {
        let lex = &self.lexicon;
        let tagged: Vec<(usize, usize, &str)> = score::chunks(ner);
        let matches: Vec<crate::matcher::NameMatch> = self
            .matcher
            .find(words)
            .into_iter()
            .filter(|m| has_capital(&words[m.start..m.end]))
            .collect();
        // A match naming a country, place, organisation or a person in full.
        let strong = |key: &str| {
            lex.entries(key).iter().any(|e| {
                matches!(
                    e,
                    Entry::Country(_, CountryMatch::Name)
                        | Entry::Place(_)
                        | Entry::Org(_)
                        | Entry::Person(_, false)
                )
            })
        };
        let mut all: Vec<Candidate> = Vec::new();
        let mut used = vec![false; matches.len()];
        for &(a, b, ty) in &tagged {
            // Pronouns are handled apart.
            if b - a == 1 && is_pronoun(words[a]) {
                continue;
            }
            // A lone sentence-initial word the tagger took for a name but
            // which is not a proper noun ("Furthermore", "Serious").
            if b - a == 1
                && a == 0
                && !pos[a].starts_with("NNP")
                && !matches.iter().any(|m| m.start == 0 && m.end == 1)
            {
                continue;
            }
            if let Some(k) = matches.iter().position(|m| m.start == a && m.end == b) {
                used[k] = true;
                all.push(Candidate {
                    start: a,
                    end: b,
                    tagged: Some(ty.to_string()),
                    key: Some(matches[k].key.clone()),
                    title: None,
                });
                continue;
            }
            // Names run together by the tagger ("Syria Alexander Lavrentiev"):
            // when strong lexicon matches cover it except for words that are
            // themselves names, the matches win.
            let inside: Vec<usize> = (0..matches.len())
                .filter(|&k| matches[k].start < b && matches[k].end > a)
                .collect();
            let covered = |i: usize| {
                inside
                    .iter()
                    .any(|&k| matches[k].start <= i && i < matches[k].end)
            };
            let splits = inside.iter().any(|&k| strong(&matches[k].key))
                && (a..b).all(|i| covered(i) || lex.is_given_name(words[i]))
                && words[a..b]
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase));
            if splits {
                continue;
            }
            for &k in &inside {
                // Matches inside the span give way to it; a longer one
                // reaching past it ("Tel Aviv regime") competes below.
                if matches[k].start >= a && matches[k].end <= b {
                    used[k] = true;
                }
            }
            all.push(Candidate {
                start: a,
                end: b,
                tagged: Some(ty.to_string()),
                key: None,
                title: None,
            });
        }
        for (k, m) in matches.into_iter().enumerate() {
            if !used[k] {
                all.push(Candidate {
                    start: m.start,
                    end: m.end,
                    tagged: None,
                    key: Some(m.key),
                    title: None,
                });
            }
        }
        // Short forms of people already named, wherever the tagger missed them.
        for (i, w) in words.iter().enumerate() {
            if w.chars().next().is_some_and(char::is_uppercase) && known.contains(&fold_token(w)) {
                all.push(Candidate {
                    start: i,
                    end: i + 1,
                    tagged: Some("PER".into()),
                    key: None,
                    title: None,
                });
            }
        }
        // Titles not followed by a name stand for a person themselves.
        for t in titles::find(lex, words) {
            let next = if words.get(t.end) == Some(&",") {
                t.end + 1
            } else {
                t.end
            };
            let named = all.iter().any(|c| {
                c.start == next
                    && (c.tagged.as_deref() == Some("PER")
                        || c.key.as_deref().is_some_and(|k| {
                            lex.entries(k)
                                .iter()
                                .any(|e| matches!(e, Entry::Person(..)))
                        }))
            });
            if named {
                continue;
            }
            all.push(Candidate {
                start: t.start,
                end: t.end,
                tagged: None,
                key: None,
                title: Some(t),
            });
        }
        // "the two leaders", "both sides": a group, never one person.
        for i in 0..words.len() {
            let w = fold_token(words[i]);
            let counted =
                matches!(w.as_str(), "two" | "three") && i > 0 && fold_token(words[i - 1]) == "the";
            if !(counted || w == "both") {
                continue;
            }
            if let Some(n) = words.get(i + 1) {
                if GROUP_NOUNS.contains(&fold_token(n).as_str()) {
                    let start = if counted { i - 1 } else { i };
                    all.push(Candidate {
                        start,
                        end: i + 2,
                        tagged: None,
                        key: None,
                        title: Some(Title {
                            start,
                            end: i + 2,
                            country: String::new(),
                            office: None,
                            plural: true,
                        }),
                    });
                }
            }
        }
        // Longest first; a candidate overlapping a kept one is dropped.
        all.sort_by_key(|c| (std::cmp::Reverse(c.end - c.start), c.start));
        let mut kept: Vec<Candidate> = Vec::new();
        for c in all {
            if kept.iter().all(|k| c.end <= k.start || c.start >= k.end) {
                kept.push(c);
            }
        }
        kept.sort_by_key(|c| c.start);
        kept
    }

    /// Resolves one candidate: its mention kind and, if found, the actor
    /// (index into `doc.actors`) and how.
    fn resolve(
        &self,
        doc: &mut Doc,
        c: &Candidate,
        words: &[&str],
        pos: &[&str],
        surface: &str,
    ) -> (MentionKind, Option<(usize, Resolution)>) {
        let lex = &self.lexicon;
        if let Some(t) = &c.title {
            if t.plural || t.country.is_empty() {
                return (MentionKind::Role, None);
            }
            // Someone already named who holds (or, undated, has held) the office.
            let fits = |p: &Person| {
                p.roles.iter().any(|r| {
                    r.org.is_none()
                        && r.country.as_deref().unwrap_or(&p.country) == t.country
                        && match t.office {
                            Some(o) => r.office == o,
                            None => r.leader,
                        }
                        && doc.date.is_none_or(|d| r.covers(d))
                })
            };
            let named: Vec<usize> = doc
                .people
                .iter()
                .rev()
                .filter_map(|s| {
                    let id = doc.actors[s.actor].id.0.strip_prefix("person:")?;
                    let p = lex.people().iter().find(|p| p.id == id)?;
                    fits(p).then_some(s.actor)
                })
                .collect();
            if let Some(&a) = named.first() {
                return (MentionKind::Role, Some((a, Resolution::Coreference)));
            }
            let found = doc.date.and_then(|d| match t.office {
                Some(o) => lex.holder(&t.country, o, d),
                None => lex.leader(&t.country, d),
            });
            let Some((p, _)) = found else {
                return (MentionKind::Role, None);
            };
            let i = lex.people().iter().position(|x| x.id == p.id).unwrap_or(0);
            return (MentionKind::Role, Some((doc.person(i), Resolution::Title)));
        }
        let tagged = c.tagged.as_deref();
        let kind = match tagged {
            Some("PER") => MentionKind::Person,
            Some("ORG") => MentionKind::Organisation,
            Some("LOC") => MentionKind::Location,
            _ => MentionKind::Misc,
        };
        let key = c.key.clone().unwrap_or_else(|| fold(surface));
        let single = c.end - c.start == 1;
        // A short form of someone named earlier in the document.
        if tagged.is_none_or(|t| t == "PER" || t == "MISC") {
            if let Some(a) = doc.earlier_person(&key) {
                if single || tagged == Some("PER") {
                    return (MentionKind::Person, Some((a, Resolution::Coreference)));
                }
            }
        }
        let entries = lex.entries(&key).to_vec();
        let rank = |e: &Entry| -> u8 {
            let pref = match (tagged, e) {
                (Some("PER"), Entry::Person(..)) => 0,
                (Some("LOC"), Entry::Country(_, CountryMatch::Name) | Entry::Place(_)) => 0,
                (Some("ORG"), Entry::Org(_)) => 0,
                (Some("MISC"), Entry::Country(_, CountryMatch::Demonym)) => 0,
                (_, Entry::Agent(_)) => 9,
                _ => 1,
            };
            pref * 4
                + match e {
                    Entry::Person(_, false) | Entry::Org(_) => 0,
                    Entry::Country(_, CountryMatch::Name) => 0,
                    Entry::Country(..) => 1,
                    Entry::Place(_) => 1,
                    Entry::Person(_, true) => 2,
                    Entry::Agent(_) => 3,
                }
        };
        // A seat of power or capital acting as a government goes first.
        if let Some(i) = entries.iter().find_map(|e| match e {
            Entry::Country(i, CountryMatch::Government) => Some(*i),
            _ => None,
        }) {
            let prev = if c.start > 0 {
                fold_token(words[c.start - 1])
            } else {
                String::new()
            };
            let next = words.get(c.end).map(|w| fold_token(w)).unwrap_or_default();
            // Acting ("Tehran said", "by Moscow", "Kyiv's"), or acted on
            // ("accused Washington", "talks with Moscow", "against Seoul").
            let acted_on = c.start > 0 && pos.get(c.start - 1).is_some_and(|p| is_verb(p))
                || matches!(prev.as_str(), "with" | "against");
            let acts = pos.get(c.end).is_some_and(|p| is_verb(p))
                || prev == "by"
                || next == "'s"
                || next == "’s"
                || acted_on;
            let capital = fold(&lex.country_at(i).capital) == key;
            let located = matches!(
                prev.as_str(),
                "in" | "at" | "inside" | "near" | "outside" | "from" | "to" | "of"
            );
            if acts || (!capital && !located) {
                return (
                    MentionKind::Organisation,
                    Some((doc.government(i), Resolution::Metonym)),
                );
            }
        }
        let mut ranked = entries.clone();
        ranked.sort_by_key(rank);
        for e in ranked {
            match e {
                Entry::Person(i, false) => {
                    let how = if fold(&lex.people()[i].name) == key {
                        Resolution::Name
                    } else {
                        Resolution::Alias
                    };
                    return (MentionKind::Person, Some((doc.person(i), how)));
                }
                Entry::Person(_, true) if tagged != Some("PER") => {}
                Entry::Person(_, true) => {
                    // A surname the tagger reads as a person: the one person
                    // of that name in office on the date.
                    let candidates: Vec<usize> = entries
                        .iter()
                        .filter_map(|e| match e {
                            Entry::Person(i, true) => Some(*i),
                            _ => None,
                        })
                        .filter(|&i| {
                            doc.date
                                .is_none_or(|d| lex.people()[i].roles.iter().any(|r| r.covers(d)))
                        })
                        .collect();
                    if candidates.len() == 1 {
                        return (
                            MentionKind::Person,
                            Some((doc.person(candidates[0]), Resolution::Surname)),
                        );
                    }
                    // Ambiguous: more than one person could be meant.
                    return (MentionKind::Person, None);
                }
                Entry::Country(i, CountryMatch::Name) => {
                    return (
                        MentionKind::Location,
                        Some((doc.country(i), Resolution::Name)),
                    );
                }
                Entry::Country(i, CountryMatch::Demonym) => {
                    return (MentionKind::Misc, Some((doc.country(i), Resolution::Alias)));
                }
                Entry::Country(_, CountryMatch::Government) => {}
                Entry::Org(i) => {
                    let how = if fold(&lex.orgs()[i].name) == key {
                        Resolution::Name
                    } else {
                        Resolution::Alias
                    };
                    return (MentionKind::Organisation, Some((doc.org(i), how)));
                }
                Entry::Place(i) => {
                    let how = if fold(&lex.places()[i].name) == key {
                        Resolution::Name
                    } else {
                        Resolution::Alias
                    };
                    return (MentionKind::Location, Some((doc.place(i), how)));
                }
                Entry::Agent(_) => {}
            }
        }
        // Not in the lexicon as written. One unknown word opening a sentence
        // and modifying a common noun ("Flash floods", "Storm damage") is
        // capitalised for its place, not a name.
        let opens = c.start == 0 || matches!(words[c.start - 1], "-" | "--" | "–" | "—" | ":");
        if opens
            && c.end == c.start + 1
            && common_noun_follows(words, pos, c.end)
            && !lex
                .entries(words[c.end])
                .iter()
                .any(|e| matches!(e, Entry::Agent(_)))
        {
            return (kind, None);
        }
        match tagged {
            Some("PER") => {
                if let Some(i) = self.fuzzy_person(surface) {
                    return (
                        MentionKind::Person,
                        Some((doc.person(i), Resolution::Fuzzy)),
                    );
                }
                let context = self.title_context(words, pos, c.start, c.end);
                let a = doc.new_actor(surface, ActorKind::Person, context);
                (MentionKind::Person, Some((a, Resolution::New)))
            }
            Some("ORG") => {
                let a = doc.new_actor(surface, ActorKind::Organisation, (None, None));
                (MentionKind::Organisation, Some((a, Resolution::New)))
            }
            Some("LOC") => {
                let a = doc.new_actor(surface, ActorKind::Place, (None, None));
                (MentionKind::Location, Some((a, Resolution::New)))
            }
            _ => (kind, None),
        }
    }
}

/// Whether the token at `i` is a lower-case common noun ("floods").
fn common_noun_follows(words: &[&str], pos: &[&str], i: usize) -> bool {
    let (Some(w), Some(p)) = (words.get(i), pos.get(i)) else {
        return false;
    };
    matches!(*p, "NN" | "NNS") && w.chars().next().is_some_and(char::is_lowercase)
}

fn confidence(r: Resolution) -> f32 {
    match r {
        Resolution::Name => 1.0,
        Resolution::Alias => 0.95,
        Resolution::Coreference => 0.9,
        Resolution::Title => 0.85,
        Resolution::Surname | Resolution::Metonym => 0.8,
        Resolution::Fuzzy => 0.75,
        Resolution::Pronoun => 0.6,
        Resolution::New => 0.5,
    }
}
