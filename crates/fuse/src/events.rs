//! One event from many reports.
//!
//! Reports of asserted events (negated, hypothetical and future ones are
//! not events) are keyed by PLOVER type and actors — for mutual acts
//! (consult, phone, meet, negotiate, sign an agreement: [`is_mutual`]) the
//! unordered pair, else source then target.
//! Within a key, dates decide how many events there are:
//! * a report's date is **firm** when written out in the clause, or relative
//!   ("on Monday") in a report on time — its dateline at most
//!   [`LATE_AFTER_DAYS`] after the first dateline of the reports fused
//!   together; a relative date in a **late** report, or a date that is only
//!   the dateline, is **loose**;
//! * firm dates more than a day apart are different events; each loose
//!   report joins the event whose date is nearest its own (else the one most
//!   reports support);
//! * the event's date is its firm date most reports give (ties: the
//!   earliest); with no firm date, the loose date of the earliest report.
//!   When reports give more than one date, every date is kept in
//!   `date_conflicts` with the articles that give it;
//! * an event no report dates firmly takes the date of the firmly dated
//!   events of its type listed in one phrase with it ("calls with A, B and
//!   C"), when they agree (`date_basis: listed`).
//!
//! The fused code is the one most reports support, a generic code (`040`)
//! supporting its refinements (`041`) (ties: the longer, more specific code,
//! then the smaller). Output is sorted by date then id and is
//! the same for any order of the input.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use sitrep_model::{CodedEvent, DateBasis, DateClaim, DocId, EventFlag, EventReport, FusedEvent};

use crate::Reported;

/// A relative date in a report published more than this many days after the
/// first report is not trusted.
pub const LATE_AFTER_DAYS: i64 = 3;

/// CAMEO codes whose two sides act together: consult, discuss by
/// telephone, meet at a third location, negotiate, sign a formal agreement.
/// (A visit, a hosted visit, an intention or a mediation has a direction.)
const MUTUAL: &[&str] = &["040", "041", "044", "046", "057"];

/// The part of a CAMEO code its refinements share: a code ending in 0 at
/// the third digit is the family's generic code (`040` → `04`), else the
/// code itself.
fn refined_by(code: &str) -> &str {
    if code.len() == 3 && code.ends_with('0') {
        &code[..2]
    } else {
        code
    }
}

/// Whether a CAMEO code is a mutual act (its actors are fused unordered).
pub fn is_mutual(cameo: &str) -> bool {
    MUTUAL.contains(&cameo)
}

fn days(a: Date, b: Date) -> i64 {
    a.until(b).map_or(0, |s| i64::from(s.get_days()))
}

/// Fuses the reports of one story (or of any set of articles).
pub fn fuse(reports: &[Reported<'_, CodedEvent>]) -> Vec<FusedEvent> {
    let mut sorted: Vec<&Reported<'_, CodedEvent>> = reports
        .iter()
        .filter(|r| r.item.asserted() && r.item.source.actor != r.item.target.actor)
        .collect();
    sorted.sort_by_key(|r| order_key(r));
    let first_dateline = sorted.iter().filter_map(|r| r.dateline).min();
    type Key = (String, bool, String, String);
    let mut keyed: BTreeMap<Key, Vec<&Reported<'_, CodedEvent>>> = BTreeMap::new();
    for r in sorted {
        let e = r.item;
        let (a, b) = (e.source.actor.0.clone(), e.target.actor.0.clone());
        let mutual = is_mutual(&e.cameo);
        let pair = if mutual && b < a { (b, a) } else { (a, b) };
        keyed
            .entry((e.plover.clone(), mutual, pair.0, pair.1))
            .or_default()
            .push(r);
    }
    let mut out = Vec::new();
    for ((plover, mutual, _, _), group) in keyed {
        let late = |r: &Reported<'_, CodedEvent>| match (r.dateline, first_dateline) {
            (Some(d), Some(f)) => days(f, d) > LATE_AFTER_DAYS,
            _ => false,
        };
        let firm = |r: &Reported<'_, CodedEvent>| match r.item.date_basis {
            Some(DateBasis::Text) => r.item.date,
            Some(DateBasis::Relative) if !late(r) => r.item.date,
            _ => None,
        };
        // Anchors: firm dates, those within a day of each other merged.
        let mut support: BTreeMap<Date, usize> = BTreeMap::new();
        for r in &group {
            if let Some(d) = firm(r) {
                *support.entry(d).or_default() += 1;
            }
        }
        let mut anchors: Vec<Date> = Vec::new();
        for &d in support.keys() {
            match anchors.last_mut() {
                Some(last) if days(*last, d) <= 1 => {
                    if support[&d] > support[last] {
                        *last = d;
                    }
                }
                _ => anchors.push(d),
            }
        }
        let mut buckets: Vec<Vec<&Reported<'_, CodedEvent>>> =
            vec![Vec::new(); anchors.len().max(1)];
        for r in &group {
            let i = if anchors.is_empty() {
                0
            } else {
                let date = firm(r).or(r.item.date);
                match date {
                    Some(d) => (0..anchors.len())
                        .min_by_key(|&i| (days(anchors[i], d).abs(), i))
                        .unwrap_or(0),
                    None => (0..anchors.len())
                        .max_by_key(|&i| (support_near(&support, anchors[i]), std::cmp::Reverse(i)))
                        .unwrap_or(0),
                }
            };
            buckets[i].push(r);
        }
        for (i, bucket) in buckets.into_iter().enumerate() {
            if bucket.is_empty() {
                continue;
            }
            let anchor = anchors.get(i).copied();
            out.push(build(&plover, mutual, anchor, &bucket, &late));
        }
    }
    date_listed(&mut out);
    out.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    out
}

/// How directly a basis dates an event: the text itself first.
fn rank(b: DateBasis) -> u8 {
    match b {
        DateBasis::Text => 0,
        DateBasis::Relative => 1,
        DateBasis::Dateline => 2,
        DateBasis::Listed => 3,
    }
}

/// Whether an event's date was written in a report (not only a dateline).
fn firmly_dated(e: &FusedEvent) -> bool {
    matches!(e.date_basis, Some(DateBasis::Text | DateBasis::Relative))
}

/// Acts one phrase lists together share its date: an event no report
/// dates takes the date of the firmly dated events of the same kind whose
/// reports share a trigger with one of its own ("telephone conversations
/// with A, B and C": one trigger, an event per counterpart), when they all
/// give one date. The dates its own reports gave stay in `date_conflicts`.
fn date_listed(events: &mut [FusedEvent]) {
    // Trigger (article, span) → the firm dates of the events it reports.
    let mut firm: BTreeMap<(&DocId, u32, u32, &str), BTreeSet<Date>> = BTreeMap::new();
    for e in events.iter().filter(|e| firmly_dated(e)) {
        for r in &e.reports {
            if let Some(d) = e.date {
                firm.entry((
                    &r.doc,
                    r.trigger.span.start,
                    r.trigger.span.end,
                    e.plover.as_str(),
                ))
                .or_default()
                .insert(d);
            }
        }
    }
    let mut listed: Vec<(usize, Date, BTreeSet<DocId>)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        if firmly_dated(e) || e.historical {
            continue;
        }
        let mut dates = BTreeSet::new();
        let mut docs = BTreeSet::new();
        for r in &e.reports {
            let key = (
                &r.doc,
                r.trigger.span.start,
                r.trigger.span.end,
                e.plover.as_str(),
            );
            if let Some(ds) = firm.get(&key) {
                dates.extend(ds.iter().copied());
                docs.insert(r.doc.clone());
            }
        }
        if let (1, Some(&d)) = (dates.len(), dates.first()) {
            listed.push((i, d, docs));
        }
    }
    for (i, d, docs) in listed {
        let e = &mut events[i];
        if e.date != Some(d) {
            let mut claims = std::mem::take(&mut e.date_conflicts);
            if claims.is_empty() {
                if let (Some(own), Some(basis)) = (e.date, e.date_basis) {
                    claims.push(DateClaim {
                        date: own,
                        basis,
                        docs: e
                            .reports
                            .iter()
                            .map(|r| r.doc.clone())
                            .collect::<BTreeSet<_>>()
                            .into_iter()
                            .collect(),
                    });
                }
            }
            claims.push(DateClaim {
                date: d,
                basis: DateBasis::Listed,
                docs: docs.into_iter().collect(),
            });
            claims.sort_by_key(|c| c.date);
            e.date_conflicts = claims;
        }
        e.date = Some(d);
        e.date_basis = Some(DateBasis::Listed);
    }
}

fn support_near(support: &BTreeMap<Date, usize>, d: Date) -> usize {
    support
        .iter()
        .filter(|(k, _)| days(**k, d).abs() <= 1)
        .map(|(_, n)| n)
        .sum()
}

fn order_key(r: &Reported<'_, CodedEvent>) -> (String, u32, u32, String, String) {
    let e = r.item;
    (
        e.doc.as_str().to_string(),
        e.sentence,
        e.trigger.span.start,
        e.source.actor.0.clone(),
        e.target.actor.0.clone(),
    )
}

fn build(
    plover: &str,
    mutual: bool,
    anchor: Option<Date>,
    bucket: &[&Reported<'_, CodedEvent>],
    late: &dyn Fn(&Reported<'_, CodedEvent>) -> bool,
) -> FusedEvent {
    let first = bucket[0].item;
    // The code most reports support — a report supports its own code and
    // every refinement of it (040 "consult" supports 041 "by telephone") —
    // ties: longer, then smaller.
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in bucket {
        *counts.entry(r.item.cameo.as_str()).or_default() += 1;
    }
    let support = |c: &str| {
        counts
            .iter()
            .filter(|(k, _)| c.starts_with(refined_by(k)))
            .map(|(_, n)| n)
            .sum::<usize>()
    };
    let cameo = counts
        .keys()
        .max_by_key(|c| (support(c), c.len(), std::cmp::Reverse(**c)))
        .map(|c| c.to_string())
        .unwrap_or_default();
    let label_of = bucket
        .iter()
        .find(|r| r.item.cameo == cameo)
        .map_or(first, |r| r.item);
    let (date, date_basis) = match anchor {
        Some(d) => {
            let basis = bucket
                .iter()
                .filter(|r| r.item.date == Some(d))
                .filter_map(|r| r.item.date_basis)
                .min_by_key(|b| rank(*b));
            (Some(d), basis.or(Some(DateBasis::Text)))
        }
        None => {
            let earliest = bucket
                .iter()
                .filter(|r| r.item.date.is_some())
                .min_by_key(|r| (r.dateline.is_none(), r.dateline));
            (
                earliest.and_then(|r| r.item.date),
                earliest.and_then(|r| r.item.date_basis),
            )
        }
    };
    let mut by_date: BTreeMap<(Date, u8), (DateBasis, BTreeSet<DocId>)> = BTreeMap::new();
    for r in bucket {
        if let (Some(d), Some(b)) = (r.item.date, r.item.date_basis) {
            by_date
                .entry((d, rank(b)))
                .or_insert((b, BTreeSet::new()))
                .1
                .insert(r.item.doc.clone());
        }
    }
    let distinct: BTreeSet<Date> = by_date.keys().map(|(d, _)| *d).collect();
    let date_conflicts = if distinct.len() > 1 {
        by_date
            .into_iter()
            .map(|((date, _), (basis, docs))| DateClaim {
                date,
                basis,
                docs: docs.into_iter().collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let reports: Vec<EventReport> = bucket
        .iter()
        .map(|r| EventReport {
            doc: r.item.doc.clone(),
            outlet: r.outlet.map(str::to_string),
            dateline: r.dateline,
            sentence: r.item.sentence,
            sentence_span: r.item.sentence_span,
            trigger: r.item.trigger.clone(),
            cameo: r.item.cameo.clone(),
            date: r.item.date,
            date_basis: r.item.date_basis,
            late: r.item.date_basis == Some(DateBasis::Relative) && late(r),
        })
        .collect();
    let sources: BTreeSet<String> = bucket
        .iter()
        .map(|r| {
            r.outlet
                .map_or_else(|| format!("doc:{}", r.item.doc.as_str()), str::to_lowercase)
        })
        .collect();
    let articles: BTreeSet<&DocId> = bucket.iter().map(|r| &r.item.doc).collect();
    // Copies of one text count once, whichever outlets carried them.
    let independent: BTreeSet<String> = bucket
        .iter()
        .map(|r| match r.family {
            Some(f) => format!("family:{f}"),
            None => r
                .outlet
                .map_or_else(|| format!("doc:{}", r.item.doc.as_str()), str::to_lowercase),
        })
        .collect();
    let (a, b) = (&first.source.actor.0, &first.target.actor.0);
    let (ka, kb) = if mutual && b < a { (b, a) } else { (a, b) };
    let id = blake3::hash(
        format!(
            "{plover}\u{1f}{ka}\u{1f}{kb}\u{1f}{}",
            date.map_or(String::new(), |d| d.to_string())
        )
        .as_bytes(),
    )
    .to_hex()[..16]
        .to_string();
    FusedEvent {
        id,
        cameo,
        label: label_of.label.clone(),
        plover: plover.to_string(),
        mode: label_of.mode.clone(),
        source: first.source.clone(),
        target: first.target.clone(),
        mutual,
        date,
        date_basis,
        date_conflicts,
        historical: bucket
            .iter()
            .all(|r| r.item.flags.contains(&EventFlag::Historical)),
        reports,
        num_sources: sources.len(),
        num_independent: independent.len(),
        num_articles: articles.len(),
        first_report: bucket.iter().filter_map(|r| r.dateline).min(),
        last_report: bucket.iter().filter_map(|r| r.dateline).max(),
    }
}
