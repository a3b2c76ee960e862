//! Periods counted from the dateline: "two weeks ago", "a decade ago",
//! "last week", "this year", "next summer", quarters and halves ("the
//! third quarter", "second-half"), and the same period a year before
//! ("year-earlier", "the year-ago quarter").

use regex::Captures;
use sitrep_model::TimeType;

use super::durations::{duration_value, number_value, unit_code};
use super::{g, lower, Ctx, Out};
use crate::resolve::{add_days, add_months, add_years, quarter, week_value};
use crate::Granularity;

/// TimeML's code for a season ("fall" = `FA`).
pub(super) fn season(word: &str) -> &'static str {
    match word {
        "summer" => "SU",
        "winter" => "WI",
        "spring" => "SP",
        _ => "FA",
    }
}

/// "two weeks ago", "a decade ago", "three days later".
pub(super) fn ago(c: &Captures, ctx: &Ctx) -> Option<Out> {
    let Ctx {
        dct,
        sentence,
        quarterly,
        ..
    } = *ctx;
    let n = number_value(g(c, 2)?)?;
    let unit = g(c, 3)?;
    let (code, time, gran) = unit_code(unit);
    // "three days later", "a week before the vote": counted from an
    // event of the story, not the dateline; TimeBank marks the
    // duration and leaves the signal word out.
    if matches!(lower(c, 4).as_str(), "later" | "before" | "after") {
        let unit_end = c.get(3)?.end();
        return Some(Out {
            cut: c.get(0)?.end() - unit_end,
            ..Out::text(
                TimeType::Duration,
                duration_value(&n, unit),
                Granularity::None,
                false,
                true,
            )
        });
    }
    let dir = match lower(c, 4).as_str() {
        "later" | "from now" | "hence" | "after" => 1,
        _ => -1,
    };
    let Some(dct) = dct else {
        return Some(Out::text(TimeType::Date, "XXXX-XX-XX", gran, true, false));
    };
    if time {
        return Some(Out::text(
            TimeType::Date,
            dct.to_string(),
            Granularity::Day,
            true,
            true,
        ));
    }
    let Ok(k) = n.parse::<i64>() else {
        // "a few years ago": the decade, else the unit unknown.
        let v = match code {
            "Y" => format!("{}X", dct.year() / 10),
            "M" => format!("{:04}-XX", dct.year()),
            "W" => format!("{:04}-WXX", dct.year()),
            _ => "PAST_REF".to_string(),
        };
        return Some(Out::text(TimeType::Date, v, gran, true, false));
    };
    let k = k * dir;
    // "a year ago" in a sentence about quarterly results: that quarter a year before.
    if code == "Y" && k == -1 && (sentence.to_ascii_lowercase().contains("quarter") || quarterly) {
        let d = add_months(dct, -3);
        return Some(Out::text(
            TimeType::Date,
            format!("{:04}-Q{}", d.year() - 1, quarter(d)),
            Granularity::Quarter,
            true,
            true,
        ));
    }
    Some(match code {
        "D" => Out::day(add_days(dct, k), true),
        "W" => {
            let d = add_days(dct, 7 * k);
            Out::text(TimeType::Date, week_value(d), Granularity::Week, true, true)
        }
        "M" => {
            let d = add_months(dct, k);
            Out::month(d.year(), d.month(), true)
        }
        "Q" => {
            let d = add_months(dct, 3 * k);
            Out::text(
                TimeType::Date,
                format!("{:04}-Q{}", d.year(), quarter(d)),
                Granularity::Quarter,
                true,
                true,
            )
        }
        // "a decade ago" names a year, not the decade it fell in.
        "DE" => Out::year(add_years(dct, 10 * k).year(), true),
        "CE" => Out::year(add_years(dct, 100 * k).year(), true),
        _ => Out::year(add_years(dct, k).year(), true),
    })
}

/// "last week", "this year", "the quarter", "next summer".
pub(super) fn relative(c: &Captures, ctx: &Ctx) -> Option<Out> {
    let Ctx { dct, before, .. } = *ctx;
    let which = lower(c, 3);
    let unit = lower(c, 4);
    let prev_word = before
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_ascii_lowercase();
    // "for the year", "during the quarter": how long, not when.
    if which == "the" && matches!(prev_word.as_str(), "for" | "during" | "over" | "throughout") {
        let (code, _, _) = unit_code(&unit);
        if matches!(unit.as_str(), "year" | "month" | "week") {
            return Some(Out::text(
                TimeType::Duration,
                format!("P1{code}"),
                Granularity::None,
                false,
                true,
            ));
        }
    }
    let Some(dct) = dct else {
        return Some(Out::text(
            TimeType::Date,
            "XXXX",
            Granularity::None,
            true,
            false,
        ));
    };
    let step: i64 = match which.as_str() {
        "last" | "past" | "previous" | "the past" | "the previous" | "the last" | "this past" => -1,
        "next" | "coming" => 1,
        _ => 0,
    };
    let ordinal = match which.as_str() {
        "the first" => Some(1),
        "the second" => Some(2),
        "the third" => Some(3),
        "the fourth" => Some(4),
        _ => None,
    };
    let out = match unit.as_str() {
        // "the past decade": the ten years up to now; "this decade"
        // the calendar one.
        "decade" => match step {
            0 => Out::text(
                TimeType::Date,
                format!("{}", dct.year() / 10),
                Granularity::Decade,
                true,
                true,
            ),
            -1 => Out::text(TimeType::Duration, "P10Y", Granularity::None, false, true),
            _ => Out::text(
                TimeType::Date,
                format!("{}", dct.year() / 10 + 1),
                Granularity::Decade,
                true,
                true,
            ),
        },
        "week" => Out::text(
            TimeType::Date,
            week_value(add_days(dct, 7 * step)),
            Granularity::Week,
            true,
            true,
        ),
        "weekend" => Out::text(
            TimeType::Date,
            format!("{}-WE", week_value(add_days(dct, 7 * step))),
            Granularity::Week,
            true,
            true,
        ),
        "month" => {
            let d = add_months(dct, step);
            Out::month(d.year(), d.month(), true)
        }
        "year" => Out::year(dct.year() + step as i16, true),
        "quarter" | "period" => {
            let (y, q) = match ordinal {
                Some(q) if q <= 4 => {
                    let y = if q > quarter(dct) {
                        dct.year() - 1
                    } else {
                        dct.year()
                    };
                    (y, q)
                }
                _ => {
                    // "the quarter", "the latest quarter": the last one completed;
                    // "this"/"current": the present one.
                    let base = match which.as_str() {
                        "this" | "current" | "the current" => 0,
                        "next" | "coming" => 1,
                        "last" | "previous" | "the previous" | "past" | "the past" => -2,
                        _ => -1,
                    };
                    let d = add_months(dct, 3 * base);
                    (d.year(), quarter(d))
                }
            };
            Out::text(
                TimeType::Date,
                format!("{y:04}-Q{q}"),
                Granularity::Quarter,
                true,
                true,
            )
        }
        "half" => {
            let h = match ordinal {
                Some(1) => 1,
                Some(2) => 2,
                _ => {
                    if dct.month() <= 6 {
                        1
                    } else {
                        2
                    }
                }
            };
            Out::text(
                TimeType::Date,
                format!("{:04}-H{h}", dct.year()),
                Granularity::Season,
                true,
                true,
            )
        }
        s => {
            let code = season(s);
            let y = match which.as_str() {
                "last" | "past" | "previous" | "the past" | "the previous" => dct.year() - 1,
                "next" | "coming" => dct.year() + 1,
                _ => dct.year(),
            };
            Out::text(
                TimeType::Date,
                format!("{y:04}-{code}"),
                Granularity::Season,
                true,
                true,
            )
        }
    };
    // "earlier this month/year" is one expression; "earlier this week" is not.
    let skip = if matches!(unit.as_str(), "month" | "year") {
        0
    } else {
        g(c, 1).map_or(0, str::len)
    };
    Some(Out { skip, ..out })
}

/// "the third quarter", "second-half", "the year-ago quarter", "the 1988 period".
pub(super) fn quarter_adj(c: &Captures, ctx: &Ctx) -> Option<Out> {
    let Ctx {
        dct,
        sentence,
        quarterly,
        ..
    } = *ctx;
    let whole = c.get(0)?.as_str();
    let Some(dct) = dct else {
        return Some(Out::text(
            TimeType::Date,
            "XXXX",
            Granularity::Quarter,
            true,
            false,
        ));
    };
    let ordinal = |i: usize| match lower(c, i).trim() {
        "first" => Some(1),
        "second" => Some(2),
        "third" => Some(3),
        "fourth" => Some(4),
        _ => None,
    };
    // "the 1988 third quarter", "the 1989 period"
    if let Some(y) = g(c, 11) {
        return Some(match ordinal(12) {
            Some(q) => Out::text(
                TimeType::Date,
                format!("{y}-Q{q}"),
                Granularity::Quarter,
                false,
                true,
            ),
            None if lower(c, 13) == "quarter" => Out::text(
                TimeType::Date,
                format!("{y}-Q{}", quarter(add_months(dct, -3))),
                Granularity::Quarter,
                false,
                true,
            ),
            None => Out::year(y.parse().ok()?, false),
        });
    }
    if g(c, 7).is_some() {
        // "year-earlier", "the year-ago quarter": the same period a year before.
        let period = lower(c, 10);
        // In a report on quarterly results the bare adjective
        // ("year-earlier profit") means that quarter a year before,
        // as "a year ago" does.
        let in_quarters = quarterly || sentence.to_ascii_lowercase().contains("quarter");
        let mut out = match period.as_str() {
            "" if in_quarters => {
                let d = add_months(dct, -3);
                Out::text(
                    TimeType::Date,
                    format!("{:04}-Q{}", d.year() - 1, quarter(d)),
                    Granularity::Quarter,
                    true,
                    true,
                )
            }
            "quarter" | "period" => {
                let (y, q) = match ordinal(9) {
                    Some(q) => (dct.year() - 1, q),
                    None => {
                        let d = add_months(dct, -3);
                        (d.year() - 1, quarter(d))
                    }
                };
                Out::text(
                    TimeType::Date,
                    format!("{y:04}-Q{q}"),
                    Granularity::Quarter,
                    true,
                    true,
                )
            }
            _ => Out::year(dct.year() - 1, true),
        };
        // A bare adjective ("the year-earlier figure") leaves its article out.
        if period.is_empty() {
            out.skip = g(c, 6).map_or(0, str::len);
        }
        return Some(out);
    }
    let n = ordinal(2)?;
    let hyphen = g(c, 3).is_some_and(|x| x.contains('-'));
    let skip = if hyphen {
        g(c, 1).map_or(0, str::len)
    } else {
        0
    };
    let code = if lower(c, 4) == "half" { "H" } else { "Q" };
    if let Some(y) = g(c, 5) {
        return Some(Out {
            skip,
            ..Out::text(
                TimeType::Date,
                format!("{y}-{code}{n}"),
                Granularity::Quarter,
                false,
                true,
            )
        });
    }
    let whole_l = whole.to_ascii_lowercase();
    let y = if whole_l.starts_with("last year") {
        dct.year() - 1
    } else if whole_l.starts_with("this year") || code == "H" || n <= quarter(dct) {
        dct.year()
    } else {
        dct.year() - 1
    };
    Some(Out {
        skip,
        ..Out::text(
            TimeType::Date,
            format!("{y:04}-{code}{n}"),
            Granularity::Quarter,
            true,
            true,
        )
    })
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::super::tag;
    use super::super::testing::has;

    #[test]
    fn dates_counted_back_and_weeks() {
        has(
            "A decade ago, the wall fell.",
            date(1999, 3, 12),
            "A decade ago",
            "1989",
        );
        has(
            "Prices rose last week.",
            date(1998, 2, 27),
            "last week",
            "1998-W08",
        );
    }

    #[test]
    fn quarterly_reports() {
        let text =
            "Third-quarter profit rose 5%. The year-earlier quarter was weak, and year-earlier \
                    sales were flat.";
        has(text, date(1989, 10, 26), "year-earlier", "1988-Q3");
    }

    #[test]
    fn a_year_ago_in_quarterly_reports() {
        let t = tag("Third-quarter profit rose. The quarter was good. Sales were flat in the quarter, against $5 a year ago.", Some(date(1989, 10, 26)));
        let v: Vec<_> = t
            .iter()
            .map(|x| (x.surface.clone(), x.value.clone()))
            .collect();
        assert!(
            v.contains(&("a year ago".to_string(), "1988-Q3".to_string())),
            "{v:?}"
        );
    }
}
