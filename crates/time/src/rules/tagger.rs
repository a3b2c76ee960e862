//! The tagging loop: each rule searched in the windows around its trigger
//! words, every match normalised with its sentence and tense, overlaps
//! resolved to the longest match, and the survivors built into
//! [`Timex`]es.

use std::sync::LazyLock;

use jiff::civil::Date;
use sitrep_model::Span;

use super::table::{normalise, RULES};
use super::{Ctx, Out};
use crate::tense::{self, Tense};
use crate::trigger;
use crate::Timex;

/// How far back in its sentence the tense of an expression is looked for.
const TENSE_REACH: usize = 200;

/// Whether byte `i` ends a sentence: `!`, `?`, a line break, or a full
/// stop followed by a space and a capital or quote, unless it closes an
/// abbreviation ("Jan. 14", "Mo.", "U.S.", "a.m.", "Mr.").
fn is_stop(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'!' | b'?' | b'\n' => true,
        b'.' => {
            let mut j = i + 1;
            while j < b.len() && b[j] == b' ' {
                j += 1;
            }
            if j == i + 1 && j < b.len() {
                return false; // "3.5", "U.S"
            }
            if j < b.len()
                && !(b[j].is_ascii_uppercase() || matches!(b[j], b'"' | b'`' | b'\'' | 0xE2))
            {
                return false;
            }
            // The word the stop ends.
            let mut k = i;
            while k > 0 && (b[k - 1].is_ascii_alphabetic() || b[k - 1] == b'.') {
                k -= 1;
            }
            let word = &b[k..i];
            let abbreviation = word.contains(&b'.')
                || word.len() <= 3 && word.first().is_some_and(u8::is_ascii_uppercase)
                || word.len() == 1;
            !abbreviation
        }
        _ => false,
    }
}

/// How far around an expression its sentence is looked for.
const SENTENCE_REACH: usize = 300;

/// The sentence around `start..end`, at most [`SENTENCE_REACH`] bytes
/// either side: the offsets just after the stop before it and of the stop
/// after it.
fn sentence_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let stop_byte = |c: &u8| matches!(c, b'.' | b'!' | b'?' | b'\n');
    let low = start.saturating_sub(SENTENCE_REACH);
    let mut s = low;
    let mut upto = start;
    while let Some(k) = b[low..upto].iter().rposition(stop_byte) {
        if is_stop(b, low + k) {
            s = low + k + 1;
            break;
        }
        upto = low + k;
    }
    let high = (end + SENTENCE_REACH).min(b.len());
    let mut e = end;
    loop {
        match b[e..high].iter().position(stop_byte) {
            Some(k) if is_stop(b, e + k) => {
                e += k;
                break;
            }
            Some(k) => e += k + 1,
            None => {
                e = high;
                break;
            }
        }
    }
    (
        text.ceil_char_boundary(s),
        text.floor_char_boundary(e).max(end),
    )
}

/// Compiles the rule bank now rather than on the first call to [`tag`]
/// (benchmarks call it so as not to time the compiling).
pub fn prepare() {
    LazyLock::force(&RULES);
}

/// Finds and normalises the time expressions of a text against the dateline.
pub fn tag(text: &str, dct: Option<Date>) -> Vec<Timex> {
    // (start, end, rule, normalised, length of the whole match)
    let mut found: Vec<(usize, usize, usize, Out, usize)> = Vec::new();
    let scan = trigger::scan(text);
    // A report on quarterly results: "a year ago" is that quarter a year before.
    let quarterly = scan.quarters >= 2;
    for (k, r) in RULES.iter().enumerate() {
        // Only around the rule's trigger words. A window ends between
        // words, so the cut haystack keeps every word boundary the whole
        // text has. Windows of two classes may overlap: a match found twice
        // is dropped with the overlaps below.
        for (from, to) in scan.windows_of(r.classes) {
            let hay = &text[..to];
            let mut at = from;
            while at <= hay.len() {
                // The fast search finds where; groups are taken only there.
                let Some(found_at) = r.re.find_at(hay, at) else {
                    break;
                };
                let Some(c) = r.re.captures_at(&hay[..found_at.end()], found_at.start()) else {
                    break;
                };
                let Some(m) = c.get(0) else { break };
                at = if m.end() > m.start() {
                    m.end()
                } else {
                    text.ceil_char_boundary(m.end() + 1)
                };
                let (sentence_start, sentence_end) = sentence_bounds(text, m.start(), m.end());
                let window_start = text
                    .floor_char_boundary(m.start().saturating_sub(80))
                    .max(sentence_start)
                    .min(m.start());
                let after_end = text
                    .floor_char_boundary((m.end() + 40).min(sentence_end))
                    .max(m.end());
                let tense = if dct.is_some() && r.rule.needs_tense() {
                    let from = text
                        .floor_char_boundary(m.start().saturating_sub(TENSE_REACH))
                        .max(sentence_start)
                        .min(m.start());
                    tense::around(&text[from..m.start()], &text[m.end()..after_end])
                } else {
                    Tense::None
                };
                let ctx = Ctx {
                    dct,
                    tense,
                    before: &text[window_start..m.start()],
                    rest: &text[m.end()..after_end],
                    sentence: &text[sentence_start.min(m.start())..sentence_end],
                    quarterly,
                };
                if let Some(out) = normalise(r.rule, &c, &ctx) {
                    let end = m.end().saturating_sub(out.cut).max(m.start());
                    let start = (m.start() + out.skip).min(end);
                    if text.is_char_boundary(start) && text.is_char_boundary(end) {
                        found.push((start, end, k, out, m.end() - m.start()));
                    }
                }
            }
        }
    }
    // Longest first, then the earlier rule; keep what does not overlap.
    found.sort_by_key(|(s, _, k, _, len)| (std::cmp::Reverse(*len), *s, *k));
    let mut kept: Vec<(usize, usize, usize, Out, usize)> = Vec::new();
    for f in found {
        if kept.iter().all(|k| f.1 <= k.0 || f.0 >= k.1) {
            kept.push(f);
        }
    }
    kept.sort_by_key(|(s, ..)| *s);
    // "the end of 1990", "the middle of October": the phrase is the expression.
    for k in &mut kept {
        let before = &text[..k.0];
        let lower_tail: String = before
            .chars()
            .rev()
            .take(20)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<String>()
            .to_ascii_lowercase();
        for p in [
            "the end of ",
            "the beginning of ",
            "the start of ",
            "the middle of ",
            "the rest of ",
        ] {
            if lower_tail.ends_with(p) {
                k.0 -= p.len();
                break;
            }
        }
    }
    kept.into_iter()
        .map(|(s, e, _, o, _)| Timex {
            span: Span::new(s, e),
            surface: text[s..e].to_string(),
            ttype: o.ttype,
            value: o.value,
            start: o.start,
            end: o.end,
            granularity: o.gran,
            relative: o.relative,
            resolved: o.resolved,
            estimated: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn values(text: &str, dct: Option<Date>) -> Vec<(String, String)> {
        tag(text, dct)
            .into_iter()
            .map(|t| (t.surface, t.value))
            .collect()
    }

    #[test]
    fn weekdays_and_dates_against_the_dateline() {
        let dct = Some(date(2023, 10, 17));
        assert_eq!(
            values("They spoke on Monday.", dct),
            [("Monday".into(), "2023-10-16".into())]
        );
        assert_eq!(
            values("Earlier on October 16 it rained.", dct),
            [("October 16".into(), "2023-10-16".into())]
        );
        assert_eq!(
            values("They will meet on Friday.", dct),
            [("Friday".into(), "2023-10-20".into())]
        );
        assert_eq!(
            values("since 7 October 2023", dct),
            [("7 October 2023".into(), "2023-10-07".into())]
        );
        assert_eq!(
            values("They spoke on Monday.", None),
            [("Monday".into(), "XXXX-WXX-1".into())]
        );
    }

    #[test]
    fn relative_units() {
        let dct = Some(date(1998, 8, 7));
        let v = values(
            "last year, this week, two weeks ago, the third quarter, now, three years",
            dct,
        );
        assert_eq!(
            v,
            [
                ("last year".to_string(), "1997".to_string()),
                ("this week".into(), "1998-W32".into()),
                ("two weeks ago".into(), "1998-W30".into()),
                ("the third quarter".into(), "1998-Q3".into()),
                ("now".into(), "PRESENT_REF".into()),
                ("three years".into(), "P3Y".into()),
            ]
        );
    }

    #[test]
    fn not_times() {
        assert!(tag("You may go. It costs $1990 and 1,998 people came.", None).is_empty());
    }
}
