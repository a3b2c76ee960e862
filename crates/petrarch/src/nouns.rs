//! Actors in a sentence from the users' actor and agent dictionaries.
//!
//! Three steps:
//! 1. **Mentions**: at each word the longest actor name or agent term (or
//!    its plural) that starts there.
//! 2. **Units**: an actor with the agents that qualify it — after it in its
//!    noun phrase ("Gondor's main opposition groups", "Arnor cleric",
//!    "Danish media and government"), or before it through of/in/from
//!    ("the government of Gondor", "lawmakers and officials in Fornost and
//!    Gondor", one unit per actor) — or, with a prefix code (`[NGO~]`),
//!    right before it ("MSF Arnor"). An agent with no actor is the anonymous
//!    actor `---` with that agent. Codes are dated by the sentence's date;
//!    an agent code an actor code already ends with is not added again;
//!    codes written `A/B` are several actors.
//! 3. **Groups**: units joined by commas and conjunctions (with determiners and
//!    adjectives between) form one compound group ("Mordor, the Shire,
//!    Fornost and Bree"); a second actor in the same noun phrase with no
//!    conjunction ("the evil Arnor awful Gondor") is absorbed by the first.

use std::collections::HashMap;

use jiff::civil::Date;
use sitrep_lexicon::phoenix::{ActorEntry, AgentEntry, AgentPlacement};

/// One dictionary phrase: its words and whether other words may come
/// between them (written with spaces rather than `_`).
#[derive(Debug, Clone)]
struct Phrase {
    words: Vec<String>,
    open: bool,
    entry: usize,
}

/// Phrases by their first word, longest first.
#[derive(Debug, Clone, Default)]
struct PhraseIndex {
    by_first: HashMap<String, Vec<Phrase>>,
}

impl PhraseIndex {
    fn add(&mut self, phrase: &str, open: bool, entry: usize) {
        let words: Vec<String> = phrase
            .split(|c: char| c.is_whitespace() || c == '_')
            .filter(|w| !w.is_empty())
            .map(|w| w.to_uppercase())
            .collect();
        let Some(first) = words.first().cloned() else {
            return;
        };
        let list = self.by_first.entry(first).or_default();
        if !list.iter().any(|p| p.words == words) {
            list.push(Phrase { words, open, entry });
            list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        }
    }

    /// The longest phrase starting at `i`: (words covered, entry). An open
    /// phrase lets up to two modifiers of the noun phrase (adjectives,
    /// nouns) stand between its words ("Ithilen state-run television").
    fn longest(&self, keys: &[&str], tags: &[&str], i: usize) -> Option<(usize, usize)> {
        let list = self.by_first.get(keys[i])?;
        list.iter().find_map(|p| {
            let mut k = i + 1;
            for w in &p.words[1..] {
                let mut skipped = 0;
                while p.open
                    && skipped < 2
                    && k < keys.len()
                    && keys[k] != w.as_str()
                    && tags
                        .get(k)
                        .is_some_and(|t| t.starts_with("JJ") || t.starts_with("NN"))
                {
                    k += 1;
                    skipped += 1;
                }
                if k >= keys.len() || keys[k] != w.as_str() {
                    return None;
                }
                k += 1;
            }
            Some((k - i, p.entry))
        })
    }
}

/// The actor and agent dictionaries, indexed for matching.
#[derive(Debug, Clone, Default)]
pub struct Nouns {
    actors: Vec<ActorEntry>,
    agents: Vec<AgentEntry>,
    actor_index: PhraseIndex,
    agent_index: PhraseIndex,
}

/// A compound of actors: one side of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Word range.
    pub start: usize,
    pub end: usize,
    /// Final codes (actor with agents), one per member, in order.
    pub codes: Vec<String>,
}

impl Group {
    pub fn is_compound(&self) -> bool {
        self.codes.len() > 1
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Actor(usize),
    Agent(usize),
}

#[derive(Debug, Clone, Copy)]
struct Mention {
    start: usize,
    end: usize,
    kind: Kind,
}

/// The null actor code.
pub const NULL: &str = "---";

impl Nouns {
    /// `open` holds the actor names (upper case, words apart by one space)
    /// that the file wrote with spaces rather than `_`: their words may have
    /// modifiers between them.
    pub fn new(
        actors: Vec<ActorEntry>,
        agents: Vec<AgentEntry>,
        open: &std::collections::HashSet<String>,
    ) -> Nouns {
        let mut actor_index = PhraseIndex::default();
        for (i, a) in actors.iter().enumerate() {
            for n in &a.names {
                actor_index.add(n, open.contains(&n.to_uppercase()), i);
            }
        }
        let mut agent_index = PhraseIndex::default();
        for (i, a) in agents.iter().enumerate() {
            agent_index.add(&a.term, false, i);
            if let Some(p) = &a.plural {
                agent_index.add(p, false, i);
            }
        }
        Nouns {
            actors,
            agents,
            actor_index,
            agent_index,
        }
    }

    pub fn n_actors(&self) -> usize {
        self.actors.len()
    }

    pub fn n_agents(&self) -> usize {
        self.agents.len()
    }

    fn mentions(&self, keys: &[&str], tags: &[&str]) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < keys.len() {
            let actor = self.actor_index.longest(keys, tags, i);
            let agent = self.agent_index.longest(keys, tags, i);
            let pick = match (actor, agent) {
                (Some(a), Some(g)) if g.0 > a.0 => Some((g.0, Kind::Agent(g.1))),
                (Some(a), _) => Some((a.0, Kind::Actor(a.1))),
                (None, Some(g)) => Some((g.0, Kind::Agent(g.1))),
                (None, None) => None,
            };
            match pick {
                Some((len, kind)) => {
                    out.push(Mention {
                        start: i,
                        end: i + len,
                        kind,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    fn actor_codes(&self, entry: usize, date: Date) -> Vec<String> {
        let code = self.actors[entry].code_on(date).unwrap_or(NULL);
        if code == NULL {
            return vec![NULL.to_string()];
        }
        code.split('/')
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect()
    }

    fn apply(&self, actor: &str, agent: usize) -> String {
        let a = &self.agents[agent];
        let already = match a.placement {
            AgentPlacement::Suffix => actor.ends_with(&a.code),
            AgentPlacement::Prefix => actor.starts_with(&a.code),
        };
        if already && actor != NULL {
            actor.to_string()
        } else {
            a.apply(actor)
        }
    }

    /// The groups of a sentence. `keys` are upper-cased words, `tags` their
    /// Penn tags.
    pub fn groups(&self, keys: &[&str], tags: &[&str], date: Date) -> Vec<Group> {
        let mentions = self.mentions(keys, tags);
        let units = self.units(&mentions, keys, tags, date);
        join(units, keys, tags)
    }

    fn units(&self, m: &[Mention], keys: &[&str], tags: &[&str], date: Date) -> Vec<Group> {
        let mut units = Vec::new();
        let mut used = vec![false; m.len()];
        let mut i = 0;
        while i < m.len() {
            if used[i] {
                i += 1;
                continue;
            }
            match m[i].kind {
                Kind::Actor(a) => {
                    used[i] = true;
                    let mut end = m[i].end;
                    let mut agents = Vec::new();
                    // Agents after the actor in its noun phrase.
                    let mut k = i + 1;
                    let mut pos = end;
                    while k < m.len() {
                        let Kind::Agent(g) = m[k].kind else { break };
                        if !np_gap(keys, tags, pos, m[k].start, agents.is_empty()) {
                            break;
                        }
                        agents.push(g);
                        used[k] = true;
                        pos = m[k].end;
                        end = pos;
                        k += 1;
                    }
                    let codes = self.actor_codes(a, date);
                    let codes = if agents.is_empty() {
                        codes
                    } else {
                        codes
                            .iter()
                            .flat_map(|c| agents.iter().map(|&g| self.apply(c, g)))
                            .collect()
                    };
                    units.push(Group {
                        start: m[i].start,
                        end,
                        codes,
                    });
                    i += 1;
                }
                Kind::Agent(g) => {
                    // Agent list: "lawmakers and officials".
                    let mut agents = vec![g];
                    used[i] = true;
                    let mut k = i + 1;
                    let mut pos = m[i].end;
                    while k < m.len()
                        && matches!(m[k].kind, Kind::Agent(_))
                        && list_gap(keys, pos, m[k].start)
                    {
                        if let Kind::Agent(g2) = m[k].kind {
                            agents.push(g2);
                        }
                        used[k] = true;
                        pos = m[k].end;
                        k += 1;
                    }
                    let start = m[i].start;
                    // Prefix agent right before an actor: "MSF Arnor".
                    if agents.len() == 1
                        && self.agents[g].placement == AgentPlacement::Prefix
                        && k < m.len()
                        && m[k].start == pos
                    {
                        if let Kind::Actor(a) = m[k].kind {
                            used[k] = true;
                            let codes = self
                                .actor_codes(a, date)
                                .iter()
                                .map(|c| self.apply(c, g))
                                .collect();
                            units.push(Group {
                                start,
                                end: m[k].end,
                                codes,
                            });
                            i = k + 1;
                            continue;
                        }
                    }
                    // "... of / in / from (the) Actor, Actor and Actor".
                    let mut q = pos;
                    if q < keys.len() && matches!(keys[q], "OF" | "IN" | "FROM" | "FOR") {
                        q += 1;
                        if q < keys.len() && matches!(keys[q], "THE" | "A" | "AN") {
                            q += 1;
                        }
                        let mut actors = Vec::new();
                        let mut j = k;
                        let mut at = q;
                        while j < m.len() {
                            let Kind::Actor(a) = m[j].kind else { break };
                            let ok = if actors.is_empty() {
                                m[j].start == at
                            } else {
                                list_gap(keys, at, m[j].start)
                            };
                            if !ok {
                                break;
                            }
                            actors.push((j, a));
                            at = m[j].end;
                            j += 1;
                        }
                        if !actors.is_empty() {
                            for &(j, a) in &actors {
                                used[j] = true;
                                let codes = self
                                    .actor_codes(a, date)
                                    .iter()
                                    .flat_map(|c| agents.iter().map(|&g| self.apply(c, g)))
                                    .collect::<Vec<_>>();
                                units.push(Group {
                                    start: if j == actors[0].0 { start } else { m[j].start },
                                    end: m[j].end,
                                    codes,
                                });
                            }
                            i = j;
                            continue;
                        }
                    }
                    units.push(Group {
                        start,
                        end: pos,
                        codes: agents.iter().map(|&g| self.apply(NULL, g)).collect(),
                    });
                    i = k;
                }
            }
        }
        units
    }
}

/// Words between an actor (or a previous agent) and an agent of the same
/// noun phrase: a possessive, adjectives, nouns, numbers; for a second agent
/// also a conjunction ("media and government").
fn np_gap(keys: &[&str], tags: &[&str], from: usize, to: usize, first: bool) -> bool {
    if to < from || to - from > 4 {
        return false;
    }
    (from..to).all(|k| {
        let t = tags.get(k).copied().unwrap_or("");
        let possessive = (from..k).any(|q| keys[q] == "'S");
        keys[k] == "'S"
            || (first && (t.starts_with("JJ") || t.starts_with("NN") || t == "CD"))
            || (first && possessive && matches!(keys[k], "AND" | ","))
            || (!first && matches!(keys[k], "AND" | "," | "OR"))
    })
}

/// Words allowed between members of a list: commas, conjunctions,
/// determiners ("Fornost and the evil Gondor" also passes through
/// adjectives in [`join`]).
fn list_gap(keys: &[&str], from: usize, to: usize) -> bool {
    to >= from
        && to - from <= 3
        && (from..to).any(|k| is_conj(keys[k]))
        && (from..to).all(|k| is_conj(keys[k]) || matches!(keys[k], "THE" | "A" | "AN"))
}

fn is_conj(k: &str) -> bool {
    matches!(k, "," | "AND" | "OR" | "NOR" | "&")
}

/// Units joined into groups.
fn join(units: Vec<Group>, keys: &[&str], tags: &[&str]) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for u in units {
        if let Some(last) = out.last_mut() {
            let gap = last.end..u.start;
            let conj = gap.clone().any(|k| is_conj(keys[k]));
            let joinable = gap.clone().all(|k| {
                let t = tags.get(k).copied().unwrap_or("");
                is_conj(keys[k])
                    || matches!(keys[k], "THE" | "A" | "AN" | "BOTH" | "EITHER" | "NEITHER")
                    || t.starts_with("JJ")
                    || t == "RB"
                    // "and the evil Arnor": a tagger may call a lower-case
                    // adjective a noun; with a conjunction it is still a list.
                    || (conj && t.starts_with("NN") && keys[k].len() > 1)
            });
            if joinable && u.start >= last.end && gap.len() <= 5 {
                if conj {
                    last.end = u.end;
                    last.codes.extend(u.codes);
                } else {
                    // Same noun phrase, no conjunction: the first actor stands.
                    last.end = u.end;
                }
                continue;
            }
        }
        out.push(u);
    }
    for g in &mut out {
        let mut seen = Vec::new();
        g.codes.retain(|c| {
            let new = !seen.contains(c);
            seen.push(c.clone());
            new
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_lexicon::phoenix::{parse_actors, parse_agents};

    fn nouns() -> Nouns {
        let actors = parse_actors(
            "RURITANIA [RUR]\n+RURITANIAN\nSTRELSAU [RURCAP]\nGRAUSTARK TELEVISION [GRKTV]\nGRAUSTARK [GRK]\nTHE_ISLES [ISA/ISB]\nOLD_KING [--- <19990101] [RURELI]\n",
            "t",
        );
        let agents = parse_agents(
            "GOVERNMENT [~GOV]\nPOLICE {} [~COP]\nMAIN_OPPOSITION_GROUP [~MOP]\nRELIEF_AGENCY [NGO~]\nLAWMAKER [~LEG]\nOFFICIAL [~GOV]\n",
            "t",
        );
        let open = ["GRAUSTARK TELEVISION".to_string()].into_iter().collect();
        Nouns::new(actors.entries, agents.entries, &open)
    }

    fn groups(s: &str) -> Vec<Vec<String>> {
        let words = crate::words::split(s);
        let keys: Vec<&str> = words.iter().map(|w| w.key.as_str()).collect();
        // Adjectives and nouns tagged by hand for the test.
        let tags: Vec<&str> = keys
            .iter()
            .map(|k| match *k {
                "EVIL" | "MAIN" | "OLD" => "JJ",
                "MET" => "VBD",
                "'S" => "POS",
                _ => "NN",
            })
            .collect();
        let d = Date::constant(2005, 1, 1);
        nouns()
            .groups(&keys, &tags, d)
            .into_iter()
            .map(|g| g.codes)
            .collect()
    }

    #[test]
    fn agents_attach_to_actors() {
        assert_eq!(groups("Ruritania's main opposition groups"), [["RURMOP"]]);
        assert_eq!(groups("the government of Graustark"), [["GRKGOV"]]);
        assert_eq!(groups("Relief agency Graustark"), [["NGOGRK"]]);
        assert_eq!(
            groups("lawmakers and officials in Ruritania and Graustark"),
            [["RURLEG", "RURGOV", "GRKLEG", "GRKGOV"]]
        );
        assert_eq!(groups("police"), [["---COP"]]);
        assert_eq!(groups("Strelsau officials"), [["RURCAPGOV"]]);
    }

    #[test]
    fn compounds_and_multi_codes() {
        assert_eq!(
            groups("Ruritania, the Isles and evil Graustark"),
            [["RUR", "ISA", "ISB", "GRK"]]
        );
        assert_eq!(groups("the evil Ruritania evil Graustark"), [["RUR"]]);
        assert_eq!(groups("Ruritania met Graustark"), [["RUR"], ["GRK"]]);
    }

    #[test]
    fn open_names_allow_modifiers() {
        assert_eq!(groups("Graustark state television"), [["GRKTV"]]);
        assert_eq!(groups("Graustark met television"), [["GRK"]]);
    }

    #[test]
    fn dated_null_code() {
        assert_eq!(groups("old king"), [["RURELI"]]);
    }
}
