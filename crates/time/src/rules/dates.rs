//! Dates and months: ISO and slashed dates, month and day ("October 16",
//! "16 October 2023"), months, years, decades and spelled years
//! ("nineteen ninety-six").

use jiff::civil::Date;
use regex::Captures;
use sitrep_model::TimeType;

use super::periods::season;
use super::table::Rule;
use super::{g, lower, Ctx, Out};
use crate::named;
use crate::resolve::{self, month_number};
use crate::tense::Tense;
use crate::Granularity;

/// `2023-10-16`.
pub(super) fn iso(c: &Captures) -> Option<Out> {
    let d = Date::new(
        g(c, 1)?.parse().ok()?,
        g(c, 2)?.parse().ok()?,
        g(c, 3)?.parse().ok()?,
    )
    .ok()?;
    Some(Out::day(d, false))
}

/// `10/16/2023`, `10/16/23`.
pub(super) fn slash(c: &Captures) -> Option<Out> {
    let y: i16 = g(c, 3)?.parse().ok()?;
    let y = if y < 100 {
        if y < 40 {
            2000 + y
        } else {
            1900 + y
        }
    } else {
        y
    };
    let d = Date::new(y, g(c, 1)?.parse().ok()?, g(c, 2)?.parse().ok()?).ok()?;
    Some(Out::day(d, false))
}

/// "October 16", "16 October 2023", "Friday, Oct. 20".
pub(super) fn day_of_month(rule: Rule, c: &Captures, ctx: &Ctx) -> Option<Out> {
    let Ctx { dct, tense, .. } = *ctx;
    let (mw, dw) = if matches!(rule, Rule::MonthDay | Rule::WeekdayDate) {
        (g(c, 1)?, g(c, 2)?)
    } else {
        (g(c, 2)?, g(c, 1)?)
    };
    if !mw.starts_with(|ch: char| ch.is_uppercase()) {
        return None;
    }
    let month = month_number(mw)?;
    let day: i8 = dw.parse().ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    if let Some(y) = g(c, 3) {
        let d = Date::new(y.parse().ok()?, month, day).ok()?;
        return Some(Out::day(d, false));
    }
    match dct {
        Some(dct) => {
            let d = resolve::infer_year(dct, month, day, tense)?;
            Some(Out {
                relative: false,
                ..Out::day(d, false)
            })
        }
        None => Some(Out::text(
            TimeType::Date,
            format!("XXXX-{month:02}-{day:02}"),
            Granularity::Day,
            false,
            false,
        )),
    }
}

/// "October 2023", "late March, 1998".
pub(super) fn month_year(c: &Captures) -> Option<Out> {
    let mw = g(c, 2)?;
    if !mw.starts_with(|ch: char| ch.is_uppercase()) {
        return None;
    }
    Some(Out::month(g(c, 3)?.parse().ok()?, month_number(mw)?, false))
}

/// "October", "next March", "January this year".
pub(super) fn month(c: &Captures, ctx: &Ctx) -> Option<Out> {
    let Ctx {
        dct, tense, before, ..
    } = *ctx;
    let mw = g(c, 2)?;
    if !mw.starts_with(|ch: char| ch.is_uppercase()) {
        return None;
    }
    // "May" and "March" at the start of a sentence are usually not months.
    let m = month_number(mw)?;
    let modifier = lower(c, 1);
    if (m == 5 || m == 3) && modifier.is_empty() && before.trim_end().ends_with(['.', '"', '“']) {
        return None;
    }
    let Some(dct) = dct else {
        return Some(Out::text(
            TimeType::Date,
            format!("XXXX-{m:02}"),
            Granularity::Month,
            true,
            false,
        ));
    };
    let y = match modifier.as_str() {
        "next" => resolve::infer_month_year(dct, m, Tense::Future),
        "last" => {
            if m < dct.month() {
                dct.year()
            } else {
                dct.year() - 1
            }
        }
        "this" => dct.year(),
        // "January this year", "March of last year".
        _ => match lower(c, 3).as_str() {
            "this" => dct.year(),
            "last" => dct.year() - 1,
            "next" => dct.year() + 1,
            _ => resolve::infer_month_year(dct, m, tense),
        },
    };
    Some(Out::month(y, m, true))
}

/// "the 1990s", "the early 1980s".
pub(super) fn decade(c: &Captures) -> Option<Out> {
    let y = g(c, 2)?;
    Some(Out::text(
        TimeType::Date,
        &y[..3],
        Granularity::Decade,
        false,
        true,
    ))
}

/// "1998", "fiscal 1989".
pub(super) fn year(c: &Captures, ctx: &Ctx) -> Option<Out> {
    let Ctx { before, .. } = *ctx;
    let y: i16 = g(c, 2)?.parse().ok()?;
    // Not a quantity or part of a longer number ("$1,990", "2023-24", "1998 people").
    let prev = before.chars().last();
    if matches!(prev, Some('$' | '£' | '€' | '#' | ',' | '.')) {
        return None;
    }
    // "fiscal 1989" is written as the year, like TimeBank does.
    Some(Out::year(y, false))
}

/// "nineteen ninety-six", "January nineteen ninety-seven", "the year two thousand".
pub(super) fn spelled_year(c: &Captures, ctx: &Ctx) -> Option<Out> {
    let Ctx { before, .. } = *ctx;
    let y = match g(c, 4) {
        Some(tens) => named::nineteen(tens, g(c, 5))?,
        None => {
            // "two thousand" is a year only where a year is expected.
            let prev = before
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_ascii_lowercase();
            let framed = g(c, 1).is_some() || g(c, 2).is_some() || g(c, 3).is_some();
            if !framed && !matches!(prev.as_str(), "in" | "since" | "until" | "by") {
                return None;
            }
            named::two_thousand(g(c, 6))?
        }
    };
    if let Some(mw) = g(c, 1) {
        if !mw.starts_with(|ch: char| ch.is_ascii_uppercase()) {
            return None;
        }
        return Some(Out::month(y, month_number(mw)?, false));
    }
    if let Some(sw) = g(c, 2) {
        let code = season(&sw.to_ascii_lowercase());
        return Some(Out::text(
            TimeType::Date,
            format!("{y:04}-{code}"),
            Granularity::Season,
            false,
            true,
        ));
    }
    Some(Out::year(y, false))
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::super::testing::{has, one, THU};

    #[test]
    fn dates_without_a_year_take_the_nearest_unless_the_tense_says_otherwise() {
        has(
            "The dividend is payable Jan. 14 to holders of record.",
            THU,
            "Jan. 14",
            "2000-01-14",
        );
        has(
            "Rescued on Nov. 25 by fishermen, the boy recovered.",
            THU,
            "Nov. 25",
            "1999-11-25",
        );
        has("The offer expires Feb. 10.", THU, "Feb. 10", "2000-02-10");
        // Past tense: on or before the dateline, however far.
        has(
            "The doctor was shot on Oct. 23 at his home.",
            date(1999, 5, 5),
            "Oct. 23",
            "1998-10-23",
        );
        has(
            "In the year ended March 31, sales rose.",
            date(1989, 11, 2),
            "March 31",
            "1989-03-31",
        );
        // A bare month the same way; "this year" after it decides alone.
        has(
            "Congress reconvenes in January.",
            date(1989, 11, 2),
            "January",
            "1990-01",
        );
        has(
            "He was arrested in January this year.",
            date(1998, 10, 25),
            "January this year",
            "1998-01",
        );
    }

    #[test]
    fn spelled_years() {
        has(
            "It began in nineteen ninety-six.",
            THU,
            "nineteen ninety-six",
            "1996",
        );
        has(
            "By January nineteen ninety-seven it was over.",
            THU,
            "January nineteen ninety-seven",
            "1997-01",
        );
        has(
            "Plans for the year two thousand.",
            THU,
            "the year two thousand",
            "2000",
        );
        assert!(one("Some two thousand people marched.", THU).is_empty());
    }
}
