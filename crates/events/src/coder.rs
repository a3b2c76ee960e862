//! Coding one article: dictionary patterns matched over each tagged
//! sentence, sources and targets from the resolved mentions around them,
//! one event per source–target pair, flags from the words around the
//! trigger, dates from the clause's time expressions.

use jiff::civil::Date;
use sitrep_extract::Analysis;
use sitrep_model::{
    Actor, ActorKind, Article, CodedEvent, DateBasis, EventActor, EventFlag, Mention, MentionKind,
    Phrase, Span, TimeType,
};
use sitrep_time::Timex;

use crate::dictionary::{Dictionary, Elem};

/// What the coder reads of one article.
pub struct Input<'a> {
    pub article: &'a Article,
    pub analysis: &'a Analysis<'a>,
    /// The article's time expressions, resolved against its dateline.
    pub timexes: &'a [Timex],
}

/// How many filler tokens (determiners, adjectives, adverbs, possessives,
/// numbers) may sit between two pattern elements.
const FILLERS: usize = 2;

/// Events dated more than this many days before the dateline are background.
const HISTORICAL_DAYS: i32 = 7;

/// An actor named in a sentence: tokens `a..b`.
#[derive(Debug, Clone)]
struct Named<'a> {
    a: usize,
    b: usize,
    mention: &'a Mention,
    actor: &'a Actor,
}

/// One sentence being coded.
struct Sent<'a> {
    text: &'a str,
    words: Vec<String>,
    pos: &'a [&'a str],
    spans: Vec<Span>,
    named: Vec<Named<'a>>,
}

impl Sent<'_> {
    fn len(&self) -> usize {
        self.words.len()
    }

    fn is_filler(&self, i: usize) -> bool {
        matches!(
            self.pos[i],
            "DT" | "JJ" | "JJR" | "JJS" | "RB" | "RBR" | "RBS" | "PRP$" | "CD" | "POS" | "PDT"
        ) || matches!(
            self.words[i].as_str(),
            "'s" | "’s" | "“" | "”" | "\"" | "‘" | "’" | "``" | "''"
        )
    }

    fn is_boundary(&self, i: usize) -> bool {
        matches!(
            self.words[i].as_str(),
            ";" | ":" | "." | "?" | "!" | "\"" | "“" | "”" | "(" | ")"
        )
    }

    fn span(&self, a: usize, b: usize) -> Span {
        Span {
            start: self.spans[a].start,
            end: self.spans[b - 1].end,
        }
    }

    fn phrase(&self, a: usize, b: usize) -> Phrase {
        let span = self.span(a, b);
        Phrase {
            span,
            surface: span.slice(self.text).unwrap_or("").to_string(),
            actor: None,
        }
    }

    /// The named actor starting at or after `j` before a verb or boundary,
    /// within a few tokens (titles, determiners).
    fn named_from(&self, j: usize) -> Option<usize> {
        let mut k = j;
        let mut limit = j + 6;
        while k < self.len() && (k < limit || self.words[k] == "including") {
            // "a cadre of regional leaders, including X, Y and Z": the
            // actors are the ones the group is made of.
            if self.words[k] == "including" {
                limit = k + 6;
                k += 1;
                continue;
            }
            if let Some(n) = self.named.iter().position(|n| n.a <= k && k < n.b) {
                // A place is a target only where an object stands ("visit
                // to Tehran", "besieged Gaza"), not after "in" or "at".
                if self.named[n].actor.kind == ActorKind::Place
                    && (j..self.named[n].a).any(|i| self.pos[i] == "IN")
                {
                    k = self.named[n].b;
                    continue;
                }
                return Some(self.head(n));
            }
            if self.is_boundary(k) || self.pos[k].starts_with("VB") {
                return None;
            }
            k += 1;
        }
        None
    }

    /// The person a noun phrase is about when `named[n]` only qualifies
    /// them: "EU foreign policy chief Josep Borrell", "Hezbollah leader
    /// Hassan Nasrallah", "Italian Prime Minister Giorgia Meloni".
    fn head(&self, n: usize) -> usize {
        let kind = self.named[n].actor.kind;
        if kind == ActorKind::Person {
            return n;
        }
        // The next named actor other than a repeat of this one ("the
        // Supreme National Security Council (SNSC) Ali-Akbar Ahmadian").
        let mut m = n + 1;
        while m < self.named.len() && self.named[m].actor.id == self.named[n].actor.id {
            m += 1;
        }
        let Some(next) = self.named.get(m) else {
            return n;
        };
        let between = self.named[n].b..next.a;
        // An apposition may hold one comma: "his Russian counterpart,
        // President Vladimir Putin".
        let commas = between.clone().filter(|&k| self.words[k] == ",").count();
        let title_words = between.len() <= 8
            && commas <= 1
            && between.clone().all(|k| {
                matches!(self.words[k].as_str(), "(" | ")")
                    || self.named[n + 1..m].iter().any(|x| x.a <= k && k < x.b)
                    || (!self.is_boundary(k)
                        && !self.pos[k].starts_with("VB")
                        && !matches!(self.pos[k], "IN" | "TO" | "CC" | "WDT" | "WP"))
            });
        // A person is the head of any qualifier; an organisation or armed
        // group heads a country adjective ("the Palestinian group Hamas").
        let heads = match next.actor.kind {
            ActorKind::Person => true,
            ActorKind::Organisation | ActorKind::ArmedGroup => kind == ActorKind::Country,
            _ => false,
        };
        if title_words && heads {
            self.head(m)
        } else {
            n
        }
    }

    /// "X, a senior aide to …, and Y": the person who opens the clause,
    /// when an "and" stands between them and `named[n]`'s phrase.
    fn apposed_partner(&self, n: usize) -> Option<usize> {
        let start = self.named[self.np_start(n)].a;
        let lo = start.saturating_sub(20);
        let and = (lo..start).rev().find(|&k| self.words[k] == "and")?;
        if (and..start).any(|k| self.is_boundary(k)) {
            return None;
        }
        // The clause's first named actor, a person, before a comma.
        let first = self
            .named
            .iter()
            .position(|x| x.b <= and && x.actor.kind == ActorKind::Person)?;
        let opens = (0..self.named[first].a).all(|k| !self.pos[k].starts_with("VB"));
        let comma = (self.named[first].b..and).any(|k| self.words[k] == ",");
        (opens && comma && first != n).then_some(first)
    }

    /// The first named actor of the noun phrase whose head is `named[n]`
    /// (its qualifiers: "Jordan 's Ayman Safadi" → "Jordan").
    fn np_start(&self, n: usize) -> usize {
        let mut m = n;
        while m > 0 && self.head(m - 1) == n {
            m -= 1;
        }
        m
    }

    fn separators_only(&self, a: usize, b: usize, words: &[&str]) -> bool {
        a <= b && b - a <= 3 && self.words[a..b].iter().all(|w| words.contains(&w.as_str()))
    }

    /// The group of named actors coordinated with `named[n]` going forward
    /// ("Syria, Iran, Egypt and Palestine"), as indexes into `named`.
    fn group_forward(&self, n: usize) -> Vec<usize> {
        const SEP: &[&str] = &[",", "and", "&", "as", "well", "the", "respectively"];
        let mut out = vec![n];
        let mut last = n;
        while last + 1 < self.named.len() {
            let next = last + 1;
            if !self.separators_only(self.named[last].b, self.named[next].a, SEP) {
                break;
            }
            last = self.head(next);
            out.push(last);
        }
        self.closed_list(&mut out);
        self.head_only(out)
    }

    /// A list joined by commas alone is not a list ("with Netanyahu,
    /// Putin said"): it needs an "and" (or "&") between its members.
    fn closed_list(&self, group: &mut Vec<usize>) {
        if group.len() < 2 {
            return;
        }
        let (first, last) = (group[0], group[group.len() - 1]);
        let closed = (self.named[first].b..self.named[last].a)
            .any(|k| matches!(self.words[k].as_str(), "and" | "&"));
        if !closed {
            group.truncate(1);
        }
    }

    /// The group ending at `named[n]` going backward.
    fn group_backward(&self, n: usize) -> Vec<usize> {
        const SEP: &[&str] = &[",", "and", "&", "the"];
        let mut out = vec![n];
        let mut first = self.np_start(n);
        while first > 0 {
            let prev = first - 1;
            if !self.separators_only(self.named[prev].b, self.named[first].a, SEP) {
                break;
            }
            out.push(prev);
            first = self.np_start(prev);
        }
        out.reverse();
        if out.len() >= 2 {
            let closed = (self.named[out[0]].b..self.named[n].a)
                .any(|k| matches!(self.words[k].as_str(), "and" | "&"));
            if !closed {
                out = vec![n];
            }
        }
        self.head_only(out)
    }

    /// Within a group, a country adjective right before a person of that
    /// country ("Russian President Vladimir Putin") and a country whose
    /// person the group also names ("the presidents of Syria … Bashar
    /// al-Assad") give way to the person.
    fn head_only(&self, group: Vec<usize>) -> Vec<usize> {
        let people: Vec<&str> = group
            .iter()
            .filter(|&&i| self.named[i].actor.kind == ActorKind::Person)
            .filter_map(|&i| self.named[i].actor.country.as_deref())
            .collect();
        group
            .into_iter()
            .filter(|&i| {
                let a = self.named[i].actor;
                !(matches!(a.kind, ActorKind::Country)
                    && a.country.as_deref().is_some_and(|c| people.contains(&c)))
            })
            .collect()
    }

    /// The comma opening the parenthetical that the comma at `close` ends:
    /// the nearest earlier comma in the clause followed by a preposition,
    /// participle, adverb, determiner, possessive or relative pronoun.
    /// The parenthetical may hold commas of its own (", during calls with
    /// the leaders of A and B, C and D, respectively," is one).
    fn parenthetical_open(&self, close: usize) -> Option<usize> {
        (0..close)
            .rev()
            .take_while(|&i| !self.is_boundary(i))
            .filter(|&open| self.words[open] == "," && open + 1 < close)
            .find(|&open| {
                // ", respectively," closes the list before it; it opens nothing.
                self.words[open + 1] != "respectively"
                    && matches!(
                        self.pos[open + 1],
                        "IN" | "VBG" | "VBN" | "RB" | "DT" | "PRP$" | "WP" | "WDT"
                    )
            })
    }

    /// The subject before token `t`: the nearest named actor to the left in
    /// the clause, skipping comma-delimited parentheticals that open with a
    /// preposition or participle ("Putin, during talks with X, said").
    fn subject(&self, t: usize) -> Option<Vec<usize>> {
        // "informed Netanyahu about his recent discussions with X": a
        // possessive pronoun owns the act — the subject of the verb before
        // it, not the nearest name.
        let mut p = t;
        while p > 0 && t - p < 3 && (self.pos[p - 1].starts_with("JJ") || self.pos[p - 1] == "RB") {
            p -= 1;
        }
        if p > 0 && matches!(self.words[p - 1].as_str(), "his" | "her" | "their") {
            if let Some(v) = (0..p - 1).rev().find(|&i| self.pos[i].starts_with("VB")) {
                if !(v..p - 1).any(|i| self.is_boundary(i)) {
                    return self.subject(v);
                }
            }
        }
        let mut k = t;
        while k > 0 {
            k -= 1;
            // Quotation marks do not end the clause ("what he called
            // “ongoing war crimes”").
            if self.is_boundary(k) && !matches!(self.words[k].as_str(), "“" | "”" | "\"") {
                return None;
            }
            // A complement clause ("emphasized that the incursion …") has
            // its own subject or none.
            if matches!(self.words[k].as_str(), "that" | "whether")
                && k > 0
                && self.pos[k - 1].starts_with("VB")
            {
                return None;
            }
            if self.words[k] == "," {
                // A parenthetical (", during talks with X,") or an
                // apposition (", the head of the IAEA,") between subject
                // and verb. It may hold a list of its own (", during calls
                // with A, B and C, respectively,"): the nearest opening
                // comma with no finite verb after it, in this clause.
                if let Some(open) = self.parenthetical_open(k) {
                    k = open;
                }
                continue;
            }
            // "X met Y and will hold talks with Z": the subject of the verb
            // before the "and".
            if self.words[k] == "and"
                && (k + 1..t).all(|i| {
                    matches!(self.pos[i], "MD" | "RB" | "TO") || self.pos[i].starts_with("VB")
                })
            {
                if let Some(v) = (0..k).rev().find(|&i| self.pos[i].starts_with("VB")) {
                    return self.subject(v);
                }
            }
            if let Some(n) = self.named.iter().rposition(|n| n.a <= k && k < n.b) {
                // Places are where things happen, not who acts.
                if self.named[n].actor.kind == ActorKind::Place {
                    continue;
                }
                return Some(self.group_backward(n));
            }
        }
        None
    }
}

/// Words before a trigger that deny it.
const NEGATION: &[&str] = &[
    "not", "n't", "never", "no", "denied", "denies", "deny", "without",
];
/// Modal and conditional words that make it a possibility.
const HYPOTHETICAL: &[&str] = &[
    "could",
    "might",
    "may",
    "would",
    "should",
    "can",
    "if",
    "unless",
    "whether",
    "potentially",
    "possibly",
    "threatened",
    "threatens",
    "threaten",
    "risk",
    "risks",
];
/// Words before a trigger that make it intended, not done.
const FUTURE: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "plans",
    "plan",
    "planned",
    "intends",
    "intend",
    "scheduled",
    "expected",
    "set",
    "going",
    "aims",
    "hopes",
    "wants",
    "upcoming",
    "next",
    "due",
];
/// Words before a cooperative act that express the intent to do it
/// ("ready to meet", "agreed to allow", "will visit"): CAMEO codes the
/// expression as 03x ("express intent to…").
const INTENT: &[&str] = &[
    "ready",
    "willing",
    "prepared",
    "committed",
    "pledged",
    "pledges",
    "promised",
    "promises",
    "vowed",
    "vows",
    "offered",
    "offers",
    "agreed",
    "agrees",
    "intends",
    "plans",
    "will",
    "would",
    "'ll",
];

/// The code for stating the intent to do an act: 03x for cooperative
/// roots ("will visit" → 036), 13x for hostile ones ("will boycott",
/// "plans to impose sanctions" → a threat, 130).
fn intent_code(cameo: &str) -> Option<&'static str> {
    Some(match cameo.get(..2)? {
        "04" => "036",
        "05" => "032",
        "06" => "030",
        "07" => "033",
        "08" => "035",
        "12" | "14" | "15" | "16" | "17" | "18" | "19" | "20" => "130",
        _ => return None,
    })
}

/// Verbs that report what others did.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "reported",
    "reports",
    "announced",
    "stated",
    "claimed",
    "added",
    "noted",
    "alleged",
    "accused",
];

/// Codes one article.
pub fn code(dict: &Dictionary, input: &Input) -> Vec<CodedEvent> {
    let article = input.article;
    let text = article.text.as_str();
    let seg = &input.analysis.segmented;
    let ent = &input.analysis.entities;
    let dateline = article.dateline.as_ref().map(|d| d.date);
    // The date the article was written by: its dateline, else the latest
    // date it resolves (it cannot be earlier) — for the historical flag.
    let reference = dateline.or_else(|| {
        input
            .timexes
            .iter()
            .filter(|t| t.resolved && t.ttype == TimeType::Date)
            .filter_map(|t| t.end)
            .max()
    });
    let mut out = Vec::new();
    for (si, s) in seg.sentences.iter().enumerate() {
        let Some(tags) = input.analysis.tagged.get(si) else {
            continue;
        };
        let tokens = &seg.tokens[s.tokens.clone()];
        if tokens.is_empty() || tags.pos.len() != tokens.len() {
            continue;
        }
        let spans: Vec<Span> = tokens.iter().map(|t| t.span).collect();
        let token_at = |at: u32| spans.partition_point(|sp| sp.end <= at);
        let named: Vec<Named> = ent
            .mentions
            .iter()
            .filter(|m| m.sentence as usize == si)
            .filter_map(|m| {
                let id = m.actor.as_ref()?;
                let actor = ent.actors.iter().find(|a| &a.id == id)?;
                if m.kind == MentionKind::Misc && actor.kind != ActorKind::Country {
                    return None;
                }
                // A possessive ("his counterpart") qualifies; it is not a party.
                if m.kind == MentionKind::Pronoun
                    && matches!(
                        m.surface.to_lowercase().as_str(),
                        "his" | "her" | "hers" | "its" | "their"
                    )
                {
                    return None;
                }
                let a = token_at(m.span.start);
                let b = token_at(m.span.end.saturating_sub(1)) + 1;
                (a < b && b <= spans.len()).then_some(Named {
                    a,
                    b,
                    mention: m,
                    actor,
                })
            })
            .collect();
        if named.len() < 2 {
            continue;
        }
        let sent = Sent {
            text,
            words: tokens.iter().map(|t| t.text(text).to_lowercase()).collect(),
            pos: &tags.pos,
            spans,
            named,
        };
        code_sentence(
            dict, &sent, si, s.span, input, dateline, reference, &mut out,
        );
    }
    out
}

/// A dictionary match whether or not it found its actors: sentence, code,
/// trigger span.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub sentence: usize,
    pub code: usize,
    pub span: Span,
}

/// Every pattern match of an article, actors or not (what the dictionary
/// recognises), in text order.
pub fn triggers(dict: &Dictionary, input: &Input) -> Vec<Trigger> {
    let text = input.article.text.as_str();
    let seg = &input.analysis.segmented;
    let mut out = Vec::new();
    for (si, s) in seg.sentences.iter().enumerate() {
        let Some(tags) = input.analysis.tagged.get(si) else {
            continue;
        };
        let tokens = &seg.tokens[s.tokens.clone()];
        if tokens.is_empty() || tags.pos.len() != tokens.len() {
            continue;
        }
        let sent = Sent {
            text,
            words: tokens.iter().map(|t| t.text(text).to_lowercase()).collect(),
            pos: &tags.pos,
            spans: tokens.iter().map(|t| t.span).collect(),
            named: Vec::new(),
        };
        let mut covered_to = 0;
        for i in 0..sent.len() {
            let Some(cands) = dict.index.get(&sent.words[i]) else {
                continue;
            };
            if i < covered_to {
                continue;
            }
            // Slots cannot fill without actors: match the words only.
            let best = cands
                .iter()
                .filter_map(|&p| try_match_words(dict, &sent, p, i).map(|end| (p, end)))
                .max_by_key(|&(p, end)| (dict.patterns[p].elems.len(), end));
            if let Some((p, end)) = best {
                covered_to = end;
                out.push(Trigger {
                    sentence: si,
                    code: dict.patterns[p].code,
                    span: sent.span(i, end.max(i + 1)),
                });
            }
        }
    }
    out
}

/// The words of pattern `p` from token `start`, slots skipped: the end.
fn try_match_words(dict: &Dictionary, sent: &Sent, p: usize, start: usize) -> Option<usize> {
    let mut j = start;
    let t = dict.patterns[p].trigger();
    for (ei, e) in dict.patterns[p].elems.iter().enumerate().skip(t) {
        let ei = ei - t;
        let Elem::Alts(alts) = e else {
            // A slot: the rest must follow within a short noun phrase.
            j = (j + 1).min(sent.len());
            continue;
        };
        let limit = if ei == 0 { j } else { j + FILLERS + 3 };
        let k = (j..=limit.min(sent.len().saturating_sub(1)))
            .find(|&k| alts.iter().any(|a| dict.matches(a, &sent.words[k])))?;
        if ei == 0 && k != start {
            return None;
        }
        j = k + 1;
    }
    Some(j)
}

/// A pattern matched at tokens `start..end`, with its slots.
struct Match {
    pattern: usize,
    start: usize,
    end: usize,
    source: Option<Vec<usize>>,
    target: Option<Vec<usize>>,
}

fn try_match(dict: &Dictionary, sent: &Sent, p: usize, start: usize) -> Option<Match> {
    let pattern = &dict.patterns[p];
    let mut j = start;
    let mut m = Match {
        pattern: p,
        start,
        end: start,
        source: None,
        target: None,
    };
    // A final "with +" (or "at/on/to/into +") may be missing: "X and Y
    // exchanged views" has its partner in the subject, "fired a volley of
    // rockets at X" its target past the fillers. Prepositions that carry
    // the meaning ("rule against +", "withdraw from +") stay required.
    let optional_tail = match pattern.elems.as_slice() {
        [.., Elem::Alts(p), Elem::Target] if p.iter().all(|a| {
            matches!(a, crate::dictionary::Alt::Word(w) if matches!(w.as_str(), "with" | "at" | "on" | "to" | "into"))
        }) => Some(pattern.elems.len() - 2),
        _ => None,
    };
    // A slot before the trigger ("+ war crime"): the actor named just
    // before it, past a few fillers ("ongoing Zionist war crimes").
    let t = pattern.trigger();
    if t == 1 {
        let mut k = start;
        let mut found = None;
        while k > 0 && start - k < 3 {
            k -= 1;
            if let Some(n) = sent.named.iter().position(|n| n.b == k + 1) {
                found = Some(n);
                break;
            }
            if !sent.is_filler(k) {
                break;
            }
        }
        let n = found?;
        if matches!(pattern.elems[0], Elem::Target) {
            m.target = Some(vec![n]);
        } else {
            m.source = Some(vec![n]);
        }
        m.start = sent.named[n].a;
    }
    for (ei, e) in pattern.elems.iter().enumerate().skip(t) {
        let ei = ei - t;
        if Some(ei + t) == optional_tail {
            let rest_ok = try_tail(dict, sent, &pattern.elems[ei + t..], j);
            match rest_ok {
                Some((end, group)) => {
                    m.target = Some(group);
                    m.end = end;
                }
                None => m.end = j,
            }
            return Some(m);
        }
        match e {
            Elem::Alts(alts) => {
                let mut k = j;
                let mut limit = if ei == 0 { j } else { j + FILLERS };
                loop {
                    if k >= sent.len() || k > limit {
                        return None;
                    }
                    if alts.iter().any(|a| dict.matches(a, &sent.words[k])) {
                        // "the visiting envoy": a verb form after a
                        // determiner is an adjective, not the verb.
                        // A verb trigger must be a verb: not a noun ("aid"),
                        // not a name ("United States"), not an adjective
                        // after a determiner ("the visiting envoy").
                        let verb_only = ei == 0
                            && alts
                                .iter()
                                .all(|a| matches!(a, crate::dictionary::Alt::Lemma(_)));
                        let not_a_verb = !sent.pos[k].starts_with("VB")
                            || (k > 0 && matches!(sent.pos[k - 1], "DT" | "PRP$"))
                            || sent.named.iter().any(|n| n.a <= k && k < n.b);
                        if verb_only && not_a_verb {
                            return None;
                        }
                        break;
                    }
                    if ei == 0 || !sent.is_filler(k) {
                        return None;
                    }
                    // Quotation marks do not count against the fillers.
                    if matches!(
                        sent.words[k].as_str(),
                        "“" | "”" | "\"" | "‘" | "’" | "``" | "''"
                    ) {
                        limit += 1;
                    }
                    k += 1;
                }
                j = k + 1;
            }
            Elem::Target | Elem::Source => {
                let n = sent.named_from(j)?;
                if matches!(e, Elem::Source) && sent.named[n].actor.kind == ActorKind::Place {
                    return None;
                }
                // A slot followed by more words ("between $ and +") takes
                // one actor; a final slot takes the coordinated group.
                let group = if ei + t + 1 < pattern.elems.len() {
                    vec![n]
                } else {
                    sent.group_forward(n)
                };
                let last = *group.last()?;
                j = sent.named[last].b;
                if matches!(e, Elem::Target) {
                    m.target = Some(group);
                } else {
                    m.source = Some(group);
                }
            }
        }
    }
    m.end = j;
    Some(m)
}

/// A preposition and a final target slot from token `j`: the end and the
/// target group.
fn try_tail(
    dict: &Dictionary,
    sent: &Sent,
    tail: &[Elem],
    j: usize,
) -> Option<(usize, Vec<usize>)> {
    let [Elem::Alts(alts), Elem::Target] = tail else {
        return None;
    };
    let k = (j..=(j + FILLERS).min(sent.len().checked_sub(1)?))
        .find(|&k| alts.iter().any(|a| dict.matches(a, &sent.words[k])))?;
    if (j..k).any(|i| !sent.is_filler(i)) {
        return None;
    }
    let n = sent.named_from(k + 1)?;
    let group = sent.group_forward(n);
    let last = *group.last()?;
    Some((sent.named[last].b, group))
}

fn event_actor(n: &Named) -> EventActor {
    EventActor {
        actor: n.actor.id.clone(),
        name: n.actor.name.clone(),
        span: n.mention.span,
        surface: n.mention.surface.clone(),
        country: n.actor.country.clone(),
        sector: n.actor.sector.clone(),
        cameo: n.actor.cameo.clone(),
    }
}

#[allow(clippy::too_many_arguments)]
fn code_sentence(
    dict: &Dictionary,
    sent: &Sent,
    si: usize,
    sentence_span: Span,
    input: &Input,
    dateline: Option<Date>,
    reference: Option<Date>,
    out: &mut Vec<CodedEvent>,
) {
    // Matches: at each token, the longest pattern (most elements) wins.
    let mut matches: Vec<Match> = Vec::new();
    let mut covered_to = 0;
    for i in 0..sent.len() {
        let Some(cands) = dict.index.get(&sent.words[i]) else {
            continue;
        };
        if i < covered_to {
            continue;
        }
        let best = cands
            .iter()
            .filter_map(|&p| try_match(dict, sent, p, i))
            .max_by_key(|m| (dict.patterns[m.pattern].elems.len(), m.end));
        if let Some(m) = best {
            covered_to = m.end;
            matches.push(m);
        }
    }
    for m in matches {
        let pattern = &dict.patterns[m.pattern];
        let code = &dict.codes[pattern.code];
        // Passive: "X was attacked by Y".
        let passive = m.source.is_none()
            && sent.pos[m.start] == "VBN"
            && (m.start.saturating_sub(3)..m.start).any(|k| {
                matches!(
                    sent.words[k].as_str(),
                    "is" | "are" | "was" | "were" | "been" | "being" | "be"
                )
            });
        let (source, target) = if passive {
            // The agent: a target slot that opened with "by", else a "by"
            // phrase after the match.
            let by_slot = m.target.clone().filter(|g| {
                g.first()
                    .is_some_and(|&n| (m.start..sent.named[n].a).any(|k| sent.words[k] == "by"))
            });
            let agent = by_slot.or_else(|| {
                (m.end..sent.len())
                    .take_while(|&k| !sent.is_boundary(k))
                    .find(|&k| sent.words[k] == "by")
                    .and_then(|k| sent.named_from(k + 1))
                    .map(|n| sent.group_forward(n))
            });
            (agent, sent.subject(m.start))
        } else {
            // "In a conversation with X, Putin …": the subject after the
            // opening phrase.
            let source = m
                .source
                .clone()
                .or_else(|| sent.subject(m.start))
                .or_else(|| {
                    // Only for a phrase that opens the sentence.
                    (m.end..if m.start <= 3 { sent.len() } else { m.end })
                        .take_while(|&k| !sent.is_boundary(k))
                        .find(|&k| sent.words[k] == ",")
                        .and_then(|k| sent.named_from(k + 1))
                        .map(|n| vec![n])
                });
            let target = m
                .target
                .clone()
                .or_else(|| sent.named_from(m.end).map(|n| sent.group_forward(n)));
            (source, target)
        };
        // "X and Y met": no target, a coordinated subject → each pair.
        let (source, target, mutual) = match (source, target) {
            (Some(s), Some(t)) => (s, t, false),
            (Some(s), None) if s.len() >= 2 => (s.clone(), s, true),
            // "X, an aide to …, and Y exchanged views": the clause's first
            // actor, joined by an "and" across an apposition.
            (Some(s), None) => match sent.apposed_partner(s[0]) {
                Some(p) => {
                    let g = vec![p, s[0]];
                    (g.clone(), g, true)
                }
                None => continue,
            },
            _ => continue,
        };
        let flags = flags(sent, &m);
        let (date, date_basis) = match date_of(sent, &m, input.timexes) {
            Some((d, true)) => (Some(d), Some(DateBasis::Relative)),
            Some((d, false)) => (Some(d), Some(DateBasis::Text)),
            None => (dateline, dateline.map(|_| DateBasis::Dateline)),
        };
        let mut flags = flags;
        if let (Some(end), Some(dl)) = (period_end(sent, &m, input.timexes), reference) {
            if (dl - end).get_days() > HISTORICAL_DAYS {
                flags.push(EventFlag::Historical);
            }
        }
        let claimant = claimant(sent, &m, &source);
        let place = place_of(sent, &m);
        // "will visit", "ready to meet": the expressed intent is an event of
        // its own (03x), the act itself stays flagged as future.
        let intent = if intent_cue(sent, &m) {
            intent_code(&code.code).and_then(|c| dict.codes.iter().find(|x| x.code == c))
        } else {
            None
        };
        let trigger = sent.phrase(m.start, m.end.max(m.start + 1).min(sent.len()));
        let mut seen = Vec::new();
        for (si_, &s) in source.iter().enumerate() {
            for (ti_, &t) in target.iter().enumerate() {
                let (sa, ta) = (&sent.named[s], &sent.named[t]);
                if sa.actor.id == ta.actor.id || (mutual && ti_ <= si_) {
                    continue;
                }
                let key = (sa.actor.id.clone(), ta.actor.id.clone());
                if seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                let event = CodedEvent {
                    doc: input.article.id.clone(),
                    sentence: si as u32,
                    sentence_span,
                    trigger: trigger.clone(),
                    pattern: pattern.text.clone(),
                    cameo: code.code.clone(),
                    label: code.label.clone(),
                    plover: code.plover.clone(),
                    mode: code.mode.clone(),
                    context: code.context.clone(),
                    source: event_actor(sa),
                    target: event_actor(ta),
                    date,
                    date_basis,
                    place: place.clone(),
                    flags: flags.clone(),
                    claimant: claimant.clone(),
                    confidence: if passive { 0.7 } else { 0.8 },
                };
                // The stated intention, an asserted event of its own.
                if let Some(ic) = intent {
                    out.push(CodedEvent {
                        cameo: ic.code.clone(),
                        label: ic.label.clone(),
                        plover: ic.plover.clone(),
                        mode: ic.mode.clone(),
                        context: ic.context.clone(),
                        flags: flags
                            .iter()
                            .copied()
                            .filter(|f| *f != EventFlag::Future)
                            .collect(),
                        confidence: 0.6,
                        ..event.clone()
                    });
                }
                out.push(event);
            }
        }
    }
}

/// Negation, possibility and intention cues in the few words before the
/// trigger (back to the subject or a clause boundary).
fn flags(sent: &Sent, m: &Match) -> Vec<EventFlag> {
    let mut out = Vec::new();
    let mut lo = m.start.saturating_sub(6);
    let mut k = m.start;
    let mut words: Vec<&str> = Vec::new();
    while k > lo {
        k -= 1;
        if sent.is_boundary(k) {
            break;
        }
        if let Some(n) = sent.named.iter().find(|n| n.a <= k && k < n.b) {
            // A possessor ("no mention was made of Russia's proposed
            // resolution") belongs to the trigger's phrase: read past it.
            let possessive = sent
                .words
                .get(n.b)
                .is_some_and(|w| matches!(w.as_str(), "'s" | "’s"));
            if !possessive {
                break;
            }
            lo = lo.saturating_sub(n.b - n.a);
            k = n.a;
            continue;
        }
        words.push(sent.words[k].as_str());
    }
    if words.iter().any(|w| NEGATION.contains(w)) {
        out.push(EventFlag::Negated);
    }
    // Conditionals open the clause: look back to the sentence start.
    let clause_opens_with_if = (0..m.start)
        .rev()
        .take_while(|&k| !sent.is_boundary(k))
        .any(|k| matches!(sent.words[k].as_str(), "if" | "unless"));
    if words.iter().any(|w| HYPOTHETICAL.contains(w)) || clause_opens_with_if {
        out.push(EventFlag::Hypothetical);
    }
    if words.iter().any(|w| FUTURE.contains(w)) {
        out.push(EventFlag::Future);
    }
    out
}

/// Whether an intent word governs the trigger ("ready to meet", "will
/// visit"), within the few words before it.
fn intent_cue(sent: &Sent, m: &Match) -> bool {
    let lo = m.start.saturating_sub(4);
    (lo..m.start)
        .rev()
        .take_while(|&k| !sent.is_boundary(k))
        .any(|k| {
            INTENT.contains(&sent.words[k].as_str())
                && !sent.named.iter().any(|n| n.a <= k && k < n.b)
        })
}

/// The resolved day of the time expression nearest the trigger in its
/// clause.
/// The date of the clause's nearest resolved day, and whether it was
/// relative to the dateline.
fn date_of(sent: &Sent, m: &Match, timexes: &[Timex]) -> Option<(Date, bool)> {
    let (lo, hi) = clause(sent, m);
    if lo >= hi {
        return None;
    }
    let span = sent.span(lo, hi);
    let at = sent.spans[m.start].start;
    timexes
        .iter()
        .filter(|t| t.span.start >= span.start && t.span.end <= span.end)
        .filter(|t| t.ttype == TimeType::Date || t.ttype == TimeType::Time)
        .filter_map(|t| match (t.start, t.end) {
            (Some(s), Some(e)) if s == e => Some((t.span.start.abs_diff(at), s, t.relative)),
            _ => None,
        })
        .min_by_key(|(d, _, _)| *d)
        .map(|(_, d, relative)| (d, relative))
}

/// Where it happened: the first place named after "in" or "at" in the
/// clause ("during a meeting in the Iranian capital city of Tehran").
fn place_of(sent: &Sent, m: &Match) -> Option<Phrase> {
    let (lo, hi) = clause(sent, m);
    let places: Vec<&Named> = sent
        .named
        .iter()
        .filter(|n| n.a >= lo && n.b <= hi && n.actor.kind == ActorKind::Place)
        .filter(|n| {
            (n.a.saturating_sub(7)..n.a)
                .any(|k| matches!(sent.words[k].as_str(), "in" | "at" | "near" | "inside"))
        })
        .collect();
    // A place in a country (a city) over a region ("developments in West
    // Asia during a meeting in Tehran").
    places
        .iter()
        .find(|n| n.actor.country.is_some())
        .or(places.first())
        .map(|n| Phrase {
            span: n.mention.span,
            surface: n.mention.surface.clone(),
            actor: Some(n.actor.id.clone()),
        })
}

/// The last day of the period the clause's nearest resolved date covers
/// ("in February 2022" → 2022-02-28): for the historical flag.
fn period_end(sent: &Sent, m: &Match, timexes: &[Timex]) -> Option<Date> {
    let (lo, hi) = clause(sent, m);
    if lo >= hi {
        return None;
    }
    let span = sent.span(lo, hi);
    let at = sent.spans[m.start].start;
    timexes
        .iter()
        .filter(|t| t.span.start >= span.start && t.span.end <= span.end)
        .filter(|t| t.ttype == TimeType::Date || t.ttype == TimeType::Time)
        .filter_map(|t| t.end.map(|e| (t.span.start.abs_diff(at), e)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

/// The clause around a match: tokens between `;` or `:` marks.
fn clause(sent: &Sent, m: &Match) -> (usize, usize) {
    let lo = (0..m.start)
        .rev()
        .find(|&k| matches!(sent.words[k].as_str(), ";" | ":"))
        .map_or(0, |k| k + 1);
    let hi = (m.end.min(sent.len())..sent.len())
        .find(|&k| matches!(sent.words[k].as_str(), ";" | ":"))
        .unwrap_or(sent.len());
    (lo, hi)
}

/// "X said Y attacked Z": the subject of a reporting verb before the
/// event's source, when it is someone else.
fn claimant(sent: &Sent, m: &Match, source: &[usize]) -> Option<Phrase> {
    let first_source = source.iter().map(|&s| sent.named[s].a).min()?;
    let before = first_source.min(m.start);
    for k in (0..before).rev() {
        if sent.is_boundary(k) {
            break;
        }
        if REPORTING.contains(&sent.words[k].as_str()) {
            let subject = sent.subject(k)?;
            let n = &sent.named[*subject.first()?];
            if source.iter().any(|&s| sent.named[s].actor.id == n.actor.id) {
                return None;
            }
            return Some(Phrase {
                span: n.mention.span,
                surface: n.mention.surface.clone(),
                actor: Some(n.actor.id.clone()),
            });
        }
    }
    // "according to X" anywhere in the sentence.
    let k = (0..sent.len().saturating_sub(1))
        .find(|&k| sent.words[k] == "according" && sent.words[k + 1] == "to")?;
    let n = sent.named_from(k + 2)?;
    let n = &sent.named[n];
    Some(Phrase {
        span: n.mention.span,
        surface: n.mention.surface.clone(),
        actor: Some(n.actor.id.clone()),
    })
}
