//! Claims of many sources as series.
//!
//! * **Series**: claims of one kind (killed, injured, displaced…) about one
//!   side (ISO alpha-3 or none) and one place (as written, case-folded)
//!   form a series. Claims that name no place join the single series of
//!   their kind and side that names one, when there is exactly one.
//! * **Points**: one per as-of date (undated claims together, last), with
//!   every figure and who stated it.
//! * **Conflict**: two figures of one date conflict when the ranges they
//!   allow do not overlap: exact `[v, v]`; "at least"/"more than" `[v, ∞)`;
//!   "at most"/"less than" `[0, v]`; "about" `[0.9v, 1.1v]`; a range its
//!   bounds; vague figures ("thousands") are never in conflict.
//! * **Conservative figure** (ACLED's rule for fatalities: when reports
//!   differ, code the lowest credible figure): the lowest lower bound among
//!   the date's figures that are not vague — a lower bound is the figure
//!   itself unless it is an upper bound ("at most", "less than"), whose
//!   lower bound is unknown and which is skipped; if every figure is vague,
//!   the lowest of them.

use std::collections::BTreeMap;

use jiff::civil::Date;
use sitrep_model::{Claim, ClaimKind, ClaimSeries, Hedge, SeriesPoint, SourcedFigure};

use crate::Reported;

type Key = (ClaimKind, Option<String>, Option<String>);

/// Series of the given claims, sorted by kind, side and place.
pub fn series(claims: &[Reported<'_, Claim>]) -> Vec<ClaimSeries> {
    let mut sorted: Vec<&Reported<'_, Claim>> = claims.iter().collect();
    sorted.sort_by(|a, b| {
        let k = |r: &Reported<'_, Claim>| {
            (
                r.item.doc.as_str().to_string(),
                r.item.sentence,
                r.item.figure.span.start,
            )
        };
        k(a).cmp(&k(b))
    });
    let mut groups: BTreeMap<Key, Vec<&Reported<'_, Claim>>> = BTreeMap::new();
    for r in sorted {
        let place = r.item.place.as_ref().map(|p| p.surface.to_lowercase());
        groups
            .entry((r.item.kind, r.item.side.clone(), place))
            .or_default()
            .push(r);
    }
    // Placeless claims join the one placed series of their kind and side.
    let placeless: Vec<Key> = groups.keys().filter(|k| k.2.is_none()).cloned().collect();
    for key in placeless {
        let placed: Vec<Key> = groups
            .keys()
            .filter(|k| k.0 == key.0 && k.1 == key.1 && k.2.is_some())
            .cloned()
            .collect();
        if let [only] = placed.as_slice() {
            if let Some(moved) = groups.remove(&key) {
                if let Some(g) = groups.get_mut(only) {
                    g.extend(moved);
                }
            }
        }
    }
    groups
        .into_iter()
        .map(|((kind, side, _), members)| build(kind, side, &members))
        .collect()
}

fn build(kind: ClaimKind, side: Option<String>, members: &[&Reported<'_, Claim>]) -> ClaimSeries {
    let place = members
        .iter()
        .find_map(|r| r.item.place.as_ref().map(|p| p.surface.clone()));
    let mut by_date: BTreeMap<(bool, Option<Date>), Vec<SourcedFigure>> = BTreeMap::new();
    for r in members {
        let c = r.item;
        by_date
            .entry((c.as_of.is_none(), c.as_of))
            .or_default()
            .push(SourcedFigure {
                doc: c.doc.clone(),
                outlet: r.outlet.map(str::to_string),
                sentence: c.sentence,
                figure: c.figure.clone(),
                attribution: c.attribution.clone(),
                place: c.place.clone(),
            });
    }
    let points = by_date
        .into_iter()
        .map(|((_, as_of), figures)| SeriesPoint {
            as_of,
            conservative: conservative(&figures),
            conflict: conflict(&figures),
            figures,
        })
        .collect();
    ClaimSeries {
        kind,
        side,
        place,
        points,
    }
}

fn interval(f: &sitrep_model::Figure) -> Option<(f64, f64)> {
    let v = f.value;
    match f.hedge {
        Hedge::Exact => Some((v, v)),
        Hedge::AtLeast | Hedge::MoreThan => Some((v, f64::INFINITY)),
        Hedge::AtMost | Hedge::LessThan => Some((0.0, v)),
        Hedge::About => Some((0.9 * v, 1.1 * v)),
        Hedge::Range => Some((f.lower.unwrap_or(v), f.upper.unwrap_or(v))),
        Hedge::Vague => None,
    }
}

fn conflict(figures: &[SourcedFigure]) -> bool {
    let ranges: Vec<(f64, f64)> = figures.iter().filter_map(|f| interval(&f.figure)).collect();
    ranges
        .iter()
        .enumerate()
        .any(|(i, a)| ranges[i + 1..].iter().any(|b| a.1 < b.0 || b.1 < a.0))
}

fn conservative(figures: &[SourcedFigure]) -> f64 {
    let lows = figures.iter().filter_map(|f| match f.figure.hedge {
        Hedge::Vague | Hedge::AtMost | Hedge::LessThan => None,
        _ => Some(f.figure.lower.unwrap_or(f.figure.value)),
    });
    let min = lows.fold(f64::INFINITY, f64::min);
    if min.is_finite() {
        min
    } else {
        figures
            .iter()
            .map(|f| f.figure.value)
            .fold(f64::INFINITY, f64::min)
    }
}
