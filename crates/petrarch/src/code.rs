//! The dictionary coder over one tagged sentence.
//!
//! For each verb of the verbs dictionary (tagged as a verb, longest phrasal
//! form first):
//! * **subject**: walking left from the verb over auxiliaries, modals,
//!   negations, adverbs, `to` and day names ("Arnor on Thursday signed"),
//!   the first actor group met, also through a noun phrase it owns
//!   ("Eriador's death toll has risen"). A pronoun takes the last subject
//!   (else the first group) before it; a verb after `and` takes the subject
//!   of the verb before ("condemned … and promised"); a verb reached through
//!   `to` ("vowed … to wage") takes the subject of that verb, and is not
//!   coded when that verb coded an event.
//! * **passive**: a past participle after a form of *be*, with `by` and an
//!   actor after it: that actor is the source, the subject the target.
//! * **patterns** of the verb's block: upper part matched leftwards from
//!   the verb, lower part rightwards (open gaps unless joined by `_`,
//!   bounded by the sentence for the upper part and by the clause for the
//!   lower), `+`/`$`/`%`/`^` binding or skipping actor groups, synsets by
//!   any of their phrases. The match covering the most words wins (then the
//!   first in the file); none → the verb's own code.
//! * **target**: the pattern's `+` (or `%` after the verb), else the first
//!   group after the verb before a subordinate clause (after, when, who…).
//!   A compound subject with no target codes its members with one another
//!   ("Gondor and Osgiliath have renewed ties").
//!
//! No source, no target, a null code or a null actor: no event.

use crate::nouns::{Group, NULL};
use crate::verbs::{Code, Elem, Form, Pattern, Step, Verbs};

/// One coded event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DictEvent {
    pub source: String,
    pub target: String,
    pub code: String,
    /// The verb block that matched.
    pub verb: String,
    /// Byte span of the verb phrase in the sentence.
    pub trigger: (usize, usize),
    /// The pattern as written in the dictionary, `None` for the verb's own code.
    pub pattern: Option<String>,
}

/// A sentence ready for coding.
pub struct Sentence<'a> {
    pub keys: Vec<&'a str>,
    pub tags: Vec<&'a str>,
    pub spans: Vec<(usize, usize)>,
    pub groups: Vec<Group>,
    /// Index of the group covering each word.
    pub group_at: Vec<Option<usize>>,
}

impl<'a> Sentence<'a> {
    pub fn new(
        keys: Vec<&'a str>,
        tags: Vec<&'a str>,
        spans: Vec<(usize, usize)>,
        groups: Vec<Group>,
    ) -> Self {
        let mut group_at = vec![None; keys.len()];
        for (gi, g) in groups.iter().enumerate() {
            for slot in group_at.iter_mut().take(g.end).skip(g.start) {
                *slot = Some(gi);
            }
        }
        Sentence {
            keys,
            tags,
            spans,
            groups,
            group_at,
        }
    }
}

/// A verb found in the sentence.
#[derive(Debug, Clone)]
struct VerbHit<'v> {
    start: usize,
    end: usize,
    /// Word index of the verb word itself.
    at: usize,
    form: &'v Form,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    Group(usize),
    /// Reached another verb through `to` / auxiliaries.
    Chain(usize),
    Pronoun(usize),
    Coordinated,
    None,
}

const BE: &[&str] = &["IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM"];
const SKIP: &[&str] = &[
    "HAS",
    "HAVE",
    "HAD",
    "HAVING",
    "WILL",
    "WOULD",
    "SHALL",
    "SHOULD",
    "CAN",
    "CA",
    "COULD",
    "MAY",
    "MIGHT",
    "MUST",
    "DO",
    "DOES",
    "DID",
    "WO",
    "N'T",
    "NOT",
    "NEVER",
    "TO",
    "ABOUT",
    "ALSO",
    "AGAIN",
    "JUST",
    "EVER",
    "EVEN",
    "STILL",
    "NOW",
    "ALREADY",
    "RECENTLY",
    "TODAY",
    "YESTERDAY",
    "TONIGHT",
    "LATE",
    "EARLY",
    "ON",
];
const DAYS: &[&str] = &[
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
];
const PRONOUNS: &[&str] = &["IT", "HE", "SHE", "THEY", "WE", "I"];
const STOPS: &[&str] = &[
    "AFTER", "BEFORE", "WHEN", "WHILE", "BECAUSE", "UNTIL", "SINCE", "ALTHOUGH", "THOUGH", "IF",
    "WHERE", "WHOSE", "WHO", "WHICH", ";", ":", ".",
];

/// Codes one sentence.
pub fn code(verbs: &Verbs, s: &Sentence) -> Vec<DictEvent> {
    let hits = find_verbs(verbs, s);
    let mut out: Vec<DictEvent> = Vec::new();
    // Per verb: its resolved source group and whether it coded an event.
    let mut resolved: Vec<(usize, Option<usize>, bool)> = Vec::new();
    for hit in &hits {
        let (subject, chained_under) = subject(s, hit.start, &resolved, &hits);
        if chained_under.is_some_and(|v| resolved.iter().any(|&(w, _, coded)| w == v && coded)) {
            // Part of the event above; verbs under this one are too.
            resolved.push((hit.at, subject, true));
            continue;
        }
        let block = &verbs.blocks[hit.form.block];
        let best = block
            .patterns
            .iter()
            .filter_map(|p| match_pattern(verbs, s, hit, p).map(|m| (m, p)))
            .max_by_key(|(m, p)| (m.words, std::cmp::Reverse(p.line)));
        let (code, bind, pattern) = match &best {
            Some((m, p)) => (p.code.clone(), m.clone(), Some(p.text.clone())),
            None => (hit.form.code.clone(), Binding::default(), None),
        };
        // Passive with an agent: "X was opposed by Y".
        let passive_by = if bind.source.is_none() && bind.target.is_none() {
            passive_agent(s, hit)
        } else {
            None
        };
        let source = bind.source.or(passive_by).or(subject);
        let target = bind.target.or_else(|| {
            if passive_by.is_some() {
                subject
            } else {
                first_group_after(s, hit.end, &bind.skipped, source)
            }
        });
        let before = out.len();
        if let Some(src) = source {
            emit(
                s,
                &code,
                src,
                target,
                hit,
                block.name.as_str(),
                pattern,
                &mut out,
            );
        }
        let coded = out.len() > before || !matches!(code, Code::Null) && source.is_some();
        resolved.push((hit.at, source, coded));
    }
    let mut seen = Vec::new();
    out.retain(|e| {
        let key = (e.source.clone(), e.target.clone(), e.code.clone());
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    out
}

#[allow(clippy::too_many_arguments)]
fn emit(
    s: &Sentence,
    code: &Code,
    source: usize,
    target: Option<usize>,
    hit: &VerbHit,
    verb: &str,
    pattern: Option<String>,
    out: &mut Vec<DictEvent>,
) {
    let src = &s.groups[source];
    let pairs: Vec<(&str, &str)> = match target.map(|t| &s.groups[t]) {
        Some(tgt) if target != Some(source) => src
            .codes
            .iter()
            .flat_map(|a| tgt.codes.iter().map(move |b| (a.as_str(), b.as_str())))
            .collect(),
        _ if src.is_compound() => src
            .codes
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                src.codes
                    .iter()
                    .enumerate()
                    .filter(move |(j, _)| *j != i)
                    .map(move |(_, b)| (a.as_str(), b.as_str()))
            })
            .collect(),
        _ => Vec::new(),
    };
    let trigger = (s.spans[hit.start].0, s.spans[hit.end - 1].1);
    let mut push = |a: &str, b: &str, c: &str| {
        if a == b || a == NULL || b == NULL {
            return;
        }
        out.push(DictEvent {
            source: a.to_string(),
            target: b.to_string(),
            code: c.to_string(),
            verb: verb.to_string(),
            trigger,
            pattern: pattern.clone(),
        });
    };
    for (a, b) in pairs {
        match code {
            Code::Null => {}
            Code::One(c) => push(a, b, c),
            Code::Pair(c1, c2) => {
                push(a, b, c1);
                push(b, a, c2);
            }
        }
    }
}

/// Dictionary verbs of the sentence, left to right, longest form first.
fn find_verbs<'v>(verbs: &'v Verbs, s: &Sentence) -> Vec<VerbHit<'v>> {
    let mut out = Vec::new();
    let mut taken = 0;
    for i in 0..s.keys.len() {
        if s.group_at[i].is_some() {
            continue;
        }
        let Some(forms) = verbs.forms.get(s.keys[i]) else {
            continue;
        };
        let tag = s.tags[i];
        let verbish = tag.starts_with("VB") || after_auxiliary(s, i);
        if !verbish {
            continue;
        }
        let best = forms
            .iter()
            .filter(|f| {
                let start = i.checked_sub(f.verb);
                start.is_some_and(|st| {
                    st >= taken
                        && st + f.words.len() <= s.keys.len()
                        && f.words.iter().zip(&s.keys[st..]).all(|(a, b)| a == b)
                })
            })
            .max_by_key(|f| f.words.len());
        if let Some(f) = best {
            let start = i - f.verb;
            out.push(VerbHit {
                start,
                end: start + f.words.len(),
                at: i,
                form: f,
            });
            taken = start + f.words.len();
        }
    }
    out
}

/// A word right after a modal, `to` or *do* (adverbs and negations
/// between): "can't ever clash", "to accord".
fn after_auxiliary(s: &Sentence, i: usize) -> bool {
    let mut k = i;
    while k > 0 {
        k -= 1;
        let (key, tag) = (s.keys[k], s.tags[k]);
        if tag.starts_with("RB") || matches!(key, "N'T" | "NOT") {
            continue;
        }
        return tag == "MD"
            || matches!(
                key,
                "TO" | "DID"
                    | "DO"
                    | "DOES"
                    | "WILL"
                    | "WOULD"
                    | "CAN"
                    | "CA"
                    | "COULD"
                    | "SHOULD"
                    | "MAY"
                    | "MIGHT"
                    | "MUST"
                    | "SHALL"
                    | "WO"
            );
    }
    false
}

/// The subject of the verb starting at `v`, and the verb it is chained
/// under (whose event, if any, makes this one a complement not coded apart).
fn subject(
    s: &Sentence,
    v: usize,
    resolved: &[(usize, Option<usize>, bool)],
    hits: &[VerbHit],
) -> (Option<usize>, Option<usize>) {
    let (raw, passed_to) = raw_subject(s, v);
    match raw {
        Subject::Group(g) => {
            // "called on Gondor … to be allowed to leave": an infinitive
            // whose subject is the object of a verb before it.
            let under = passed_to
                .then(|| {
                    hits.iter()
                        .filter(|h| h.end <= s.groups[g].start)
                        .map(|h| h.at)
                        .next_back()
                })
                .flatten();
            (Some(g), under)
        }
        Subject::Pronoun(k) => (subject(s, k + 1, resolved, hits).0, None),
        Subject::Coordinated => (resolved.last().and_then(|&(_, g, _)| g), None),
        Subject::Chain(k) => {
            // The verb reached: a dictionary verb already resolved, or any
            // other verb whose own subject we look up.
            let upper = hits
                .iter()
                .find(|h| h.start <= k && k < h.end)
                .map(|h| h.at);
            let known = upper.and_then(|u| resolved.iter().find(|&&(w, _, _)| w == u));
            match known {
                Some(&(_, g, _)) => (g, upper),
                None => (subject(s, k, resolved, hits).0, upper),
            }
        }
        Subject::None => (None, None),
    }
}

/// The subject word-order gives, and whether the walk crossed `to` (an
/// infinitive).
fn raw_subject(s: &Sentence, v: usize) -> (Subject, bool) {
    let mut j = v;
    let mut passed_to = false;
    while j > 0 {
        j -= 1;
        let key = s.keys[j];
        let tag = s.tags[j];
        if let Some(g) = s.group_at[j] {
            return (Subject::Group(g), passed_to);
        }
        if key == "TO" {
            passed_to = true;
            continue;
        }
        if BE.contains(&key) || SKIP.contains(&key) || DAYS.contains(&key) {
            continue;
        }
        if tag.starts_with("RB") || tag == "MD" {
            continue;
        }
        if PRONOUNS.contains(&key) {
            // "indicated it would act": the subject of the verb before.
            let verb_before = j > 0 && s.tags[j - 1].starts_with("VB");
            return if verb_before {
                (Subject::Pronoun(j - 1), passed_to)
            } else {
                (Subject::None, passed_to)
            };
        }
        if matches!(key, "AND" | "BUT") {
            return (Subject::Coordinated, passed_to);
        }
        if tag.starts_with("VB") {
            return (Subject::Chain(j), passed_to);
        }
        if matches!(key, "WHO" | "WHICH" | "THAT") {
            // The noun the relative clause hangs on.
            let mut k = j;
            while k > 0 && j - k < 3 {
                k -= 1;
                if let Some(g) = s.group_at[k] {
                    return (Subject::Group(g), passed_to);
                }
            }
            return (Subject::None, passed_to);
        }
        if is_np(key, tag) {
            // Walk the noun phrase: an actor owning it ("Eriador's death
            // toll"), or, after `to`, the verb it complements ("inching
            // nearer to accord").
            let mut k = j;
            while k > 0 {
                k -= 1;
                if let Some(g) = s.group_at[k] {
                    return (Subject::Group(g), passed_to);
                }
                if passed_to && s.tags[k].starts_with("VB") {
                    return (Subject::Chain(k), passed_to);
                }
                if !is_np(s.keys[k], s.tags[k]) {
                    break;
                }
            }
            return (Subject::None, passed_to);
        }
        return (Subject::None, passed_to);
    }
    (Subject::None, passed_to)
}

fn is_np(key: &str, tag: &str) -> bool {
    key == "'S"
        || tag.starts_with("NN")
        || tag.starts_with("JJ")
        || matches!(tag, "DT" | "POS" | "CD" | "PRP$" | "HYPH")
}

/// "was opposed (earlier) by Osgiliath": the group after `by`.
fn passive_agent(s: &Sentence, hit: &VerbHit) -> Option<usize> {
    let tag = s.tags[hit.at];
    let after_be = (0..hit.start)
        .rev()
        .take_while(|&k| {
            BE.contains(&s.keys[k])
                || s.tags[k].starts_with("RB")
                || s.keys[k] == "N'T"
                || s.keys[k] == "NOT"
        })
        .any(|k| BE.contains(&s.keys[k]));
    let participle = tag == "VBN" || s.keys[hit.at].ends_with("ED");
    if !(after_be && participle) {
        return None;
    }
    let mut k = hit.end;
    while k < s.keys.len() && k < hit.end + 3 && s.tags[k].starts_with("RB") {
        k += 1;
    }
    if s.keys.get(k) == Some(&"BY") {
        return s.group_at.get(k + 1).copied().flatten();
    }
    None
}

/// The first group after `from`, before a subordinate clause, skipping
/// `skipped` groups and the source itself.
fn first_group_after(
    s: &Sentence,
    from: usize,
    skipped: &[usize],
    source: Option<usize>,
) -> Option<usize> {
    for k in from..s.keys.len() {
        if let Some(g) = s.group_at[k] {
            if skipped.contains(&g) || Some(g) == source {
                continue;
            }
            return Some(g);
        }
        if STOPS.contains(&s.keys[k]) || (s.keys[k] == "," && opens_clause(s, k)) {
            return None;
        }
    }
    None
}

/// A comma followed by a clause with its own subject: an actor group and,
/// right after it, a verb (", a senior official said").
fn opens_clause(s: &Sentence, comma: usize) -> bool {
    let Some(g) = (comma + 1..(comma + 6).min(s.keys.len())).find_map(|k| s.group_at[k]) else {
        return false;
    };
    let end = s.groups[g].end;
    (end..(end + 2).min(s.keys.len())).any(|k| s.tags[k].starts_with("VB") && s.tags[k] != "VBG")
}

/// Groups a pattern bound, and the words it covered.
#[derive(Debug, Clone, Default)]
struct Binding {
    source: Option<usize>,
    target: Option<usize>,
    skipped: Vec<usize>,
    words: usize,
}

fn match_pattern(verbs: &Verbs, s: &Sentence, hit: &VerbHit, p: &Pattern) -> Option<Binding> {
    let mut b = Binding::default();
    // Upper part, leftwards.
    let mut pos = hit.start; // exclusive right edge
    for step in &p.upper {
        let (start, _, n) = find_left(verbs, s, pos, step)?;
        if let Some(g) = s.group_at.get(start).copied().flatten() {
            bind(&mut b, &step.elem, g, true, s)?;
        }
        b.words += n;
        pos = start;
    }
    // Lower part, rightwards, within the clause.
    let clause_end = (hit.end..s.keys.len())
        .find(|&k| s.group_at[k].is_none() && (s.keys[k] == "," || STOPS.contains(&s.keys[k])))
        .unwrap_or(s.keys.len());
    let mut pos = hit.end;
    for step in &p.lower {
        let (start, end, n) = find_right(verbs, s, pos, clause_end, step)?;
        if let Some(g) = s.group_at.get(start).copied().flatten() {
            bind(&mut b, &step.elem, g, false, s)?;
        }
        b.words += n;
        pos = end;
    }
    Some(b)
}

fn bind(b: &mut Binding, elem: &Elem, g: usize, upper: bool, s: &Sentence) -> Option<()> {
    match elem {
        Elem::Target => b.target = Some(g),
        Elem::Source => b.source = Some(g),
        Elem::Compound => {
            if !s.groups[g].is_compound() {
                return None;
            }
            if upper {
                b.source = Some(g);
            } else {
                b.target = Some(g);
            }
        }
        Elem::Skip => b.skipped.push(g),
        Elem::Word(_) | Elem::Synset(_) => {}
    }
    Some(())
}

/// Where `step` matches ending at or before `pos` (exclusive): (start, end,
/// words matched).
fn find_left(
    verbs: &Verbs,
    s: &Sentence,
    pos: usize,
    step: &Step,
) -> Option<(usize, usize, usize)> {
    let mut right = pos;
    loop {
        if let Some(found) = match_ending_at(verbs, s, right, &step.elem) {
            return Some(found);
        }
        if step.tight || right == 0 {
            return None;
        }
        right -= 1;
    }
}

/// Where `step` matches starting at or after `pos`, before `limit`.
fn find_right(
    verbs: &Verbs,
    s: &Sentence,
    pos: usize,
    limit: usize,
    step: &Step,
) -> Option<(usize, usize, usize)> {
    let mut left = pos;
    while left < limit {
        if let Some((end, n)) = match_starting_at(verbs, s, left, &step.elem, 0) {
            return Some((left, end, n));
        }
        if step.tight {
            return None;
        }
        left += 1;
    }
    None
}

fn match_ending_at(
    verbs: &Verbs,
    s: &Sentence,
    end: usize,
    elem: &Elem,
) -> Option<(usize, usize, usize)> {
    if end == 0 {
        return None;
    }
    match elem {
        Elem::Word(w) => (s.keys[end - 1] == w).then_some((end - 1, end, 1)),
        Elem::Skip if s.group_at[end - 1].is_none() => {
            let start = (0..end)
                .rev()
                .take_while(|&k| is_np(s.keys[k], s.tags[k]) && s.group_at[k].is_none())
                .last()?;
            Some((start, end, 1))
        }
        Elem::Synset(_) => (0..end).rev().find_map(|st| {
            match_starting_at(verbs, s, st, elem, 0)
                .filter(|&(e, _)| e == end)
                .map(|(e, n)| (st, e, n))
        }),
        _ => {
            let g = s.group_at[end - 1]?;
            let grp = &s.groups[g];
            (grp.end == end).then_some((grp.start, grp.end, 1))
        }
    }
}

/// The end of `elem` matched at `start`, and the words it matched.
fn match_starting_at(
    verbs: &Verbs,
    s: &Sentence,
    start: usize,
    elem: &Elem,
    depth: usize,
) -> Option<(usize, usize)> {
    if start >= s.keys.len() || depth > 8 {
        return None;
    }
    match elem {
        Elem::Word(w) => (s.keys[start] == w).then_some((start + 1, 1)),
        Elem::Synset(name) => {
            let phrases = verbs.synsets.get(name)?;
            phrases
                .iter()
                .filter_map(|ph| match_phrase(verbs, s, start, ph, depth + 1))
                .max_by_key(|&(end, words)| (words, end))
        }
        Elem::Skip => match s.group_at[start] {
            Some(g) => (s.groups[g].start == start).then_some((s.groups[g].end, 1)),
            // `^` also skips a noun phrase with no actor in it.
            None => {
                let mut end = (start..s.keys.len())
                    .find(|&k| !is_np(s.keys[k], s.tags[k]) || s.group_at[k].is_some())
                    .unwrap_or(s.keys.len());
                // The noun phrase may end in an actor: "the Gondor".
                if let Some(g) = s.group_at.get(end).copied().flatten() {
                    end = s.groups[g].end;
                }
                (end > start).then_some((end, 1))
            }
        },
        _ => {
            let g = s.group_at[start]?;
            let grp = &s.groups[g];
            (grp.start == start).then_some((grp.end, 1))
        }
    }
}

/// A synset phrase at `start`: its first word there, later words next to the
/// one before when joined, anywhere within four words when apart.
fn match_phrase(
    verbs: &Verbs,
    s: &Sentence,
    start: usize,
    ph: &[Step],
    depth: usize,
) -> Option<(usize, usize)> {
    let mut pos = start;
    let mut words = 0;
    for (i, step) in ph.iter().enumerate() {
        let (end, n) = if i == 0 || step.tight {
            match_starting_at(verbs, s, pos, &step.elem, depth)?
        } else {
            (pos..(pos + 4).min(s.keys.len()))
                .find_map(|k| match_starting_at(verbs, s, k, &step.elem, depth))?
        };
        pos = end;
        words += n;
    }
    Some((pos, words))
}
