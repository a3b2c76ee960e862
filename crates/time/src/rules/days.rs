//! Days: weekdays ("Friday", "last Monday"), clock times ("3:30 p.m.",
//! "noon Saturday"), parts of the day ("Friday evening" = `…TEV`),
//! deictics ("today", "now", "tonight", "recently") and holidays
//! ("Thanksgiving", "last Christmas", from `named.rs`).

use regex::Captures;
use sitrep_model::TimeType;

use super::durations::unit_code;
use super::{g, lower, Ctx, Out};
use crate::named;
use crate::resolve::{self, add_days, month_number};
use crate::tense::Tense;
use crate::Granularity;

/// TimeML's code for a part of the day ("night" = `TNI`).
fn part_of_day(p: &str) -> &'static str {
    match p {
        "morning" => "TMO",
        "afternoon" => "TAF",
        "evening" => "TEV",
        _ => "TNI",
    }
}

/// "Monday", "last Friday", "Thursday morning".
pub(super) fn weekday(c: &Captures, ctx: &Ctx) -> Option<Out> {
    let Ctx {
        dct, tense, rest, ..
    } = *ctx;
    let day = resolve::weekday(g(c, 2)?)?;
    if !g(c, 2)?.starts_with(|ch: char| ch.is_uppercase()) {
        return None;
    }
    let modifier = lower(c, 1);
    // "Thursday morning", "Sunday night": a time of that day, valued
    // TimeML's way (`2000-01-05TNI`).
    let part = g(c, 3).map(|p| part_of_day(&p.to_ascii_lowercase()));
    let Some(dct) = dct else {
        let n = day.to_monday_one_offset();
        let value = format!("XXXX-WXX-{n}{}", part.unwrap_or(""));
        let t = if part.is_some() {
            TimeType::Time
        } else {
            TimeType::Date
        };
        return Some(Out::text(t, value, Granularity::Day, true, false));
    };
    let d = match modifier.as_str() {
        "last" | "the previous" => resolve::weekday_date(add_days(dct, -1), day, false),
        "next" | "coming" | "the following" => resolve::weekday_date(add_days(dct, 1), day, true),
        // "Friday's ruling": a day already past.
        _ if rest.starts_with(['\'', '’']) => resolve::weekday_date(dct, day, false),
        _ => resolve::weekday_date(dct, day, tense == Tense::Future),
    };
    Some(match part {
        Some(p) => Out {
            ttype: TimeType::Time,
            value: format!("{d}{p}"),
            gran: Granularity::Time,
            ..Out::day(d, true)
        },
        None => Out::day(d, true),
    })
}

/// "3:30 p.m.", "noon Saturday", "8 p.m. EST Jan. 14".
pub(super) fn clock(c: &Captures, ctx: &Ctx) -> Option<Out> {
    let Ctx { dct, tense, .. } = *ctx;
    let (h, mi) = if let Some(w) = g(c, 4) {
        if w.eq_ignore_ascii_case("noon") {
            (12, 0)
        } else {
            (0, 0)
        }
    } else {
        let mut h: i8 = g(c, 1)?.parse().ok()?;
        let mi: i8 = g(c, 2).map_or(Some(0), |m| m.parse().ok())?;
        let pm = g(c, 3)?.to_ascii_lowercase().starts_with('p');
        if !(1..=12).contains(&h) || mi > 59 {
            return None;
        }
        if pm && h < 12 {
            h += 12;
        } else if !pm && h == 12 {
            h = 0;
        }
        (h, mi)
    };
    // The day named after the time, else the dateline's.
    let named = match (g(c, 5), g(c, 6), g(c, 7)) {
        (Some(w), ..) if w.starts_with(|ch: char| ch.is_ascii_uppercase()) => {
            let wd = resolve::weekday(w)?;
            Some(match dct {
                Some(dct) => resolve::weekday_date(dct, wd, tense == Tense::Future).to_string(),
                None => format!("XXXX-WXX-{}", wd.to_monday_one_offset()),
            })
        }
        (Some(_), ..) => return None,
        (None, Some(mw), Some(dw)) => {
            let month = month_number(mw)?;
            let d: i8 = dw.parse().ok()?;
            Some(match dct {
                Some(dct) => resolve::infer_year(dct, month, d, tense)?.to_string(),
                None => format!("XXXX-{month:02}-{d:02}"),
            })
        }
        _ => None,
    };
    let day = named
        .or_else(|| dct.map(|d| d.to_string()))
        .unwrap_or_else(|| "XXXX-XX-XX".to_string());
    Some(Out::text(
        TimeType::Time,
        format!("{day}T{h:02}:{mi:02}"),
        Granularity::Time,
        true,
        dct.is_some(),
    ))
}

/// "today", "now", "last night", "recently", "year-end".
pub(super) fn deictic(c: &Captures, ctx: &Ctx) -> Option<Out> {
    let Ctx { dct, .. } = *ctx;
    let w = lower(c, 1);
    let refs = |v: &str| Some(Out::text(TimeType::Date, v, Granularity::None, true, false));
    match w.as_str() {
        "now" | "nowadays" | "currently" | "current" | "these days" => return refs("PRESENT_REF"),
        "year-end" | "year end" | "year's end" => {
            return Some(match dct {
                Some(d) => Out::year(d.year(), true),
                None => Out::text(TimeType::Date, "XXXX", Granularity::Year, true, false),
            })
        }
        "recently" | "the past" => return refs("PAST_REF"),
        // "in recent years": an unknown number of them.
        "recent years" | "recent months" | "recent weeks" | "recent days" => {
            let (code, _, _) = unit_code(&w["recent ".len()..]);
            return Some(Out::text(
                TimeType::Duration,
                format!("PX{code}"),
                Granularity::None,
                false,
                true,
            ));
        }
        "the future" => return refs("FUTURE_REF"),
        _ => {}
    }
    let (first, part) = match w.split_once(' ') {
        Some((a, b)) => (a.to_string(), Some(part_of_day(b))),
        None => (w.clone(), None),
    };
    let shift = match first.as_str() {
        "yesterday" | "last" => -1,
        "tomorrow" => 1,
        _ => 0,
    };
    let part = if first == "tonight" {
        Some("TNI")
    } else {
        part
    };
    let Some(dct) = dct else {
        let t = if part.is_some() {
            TimeType::Time
        } else {
            TimeType::Date
        };
        return Some(Out::text(
            t,
            format!("XXXX-XX-XX{}", part.unwrap_or("")),
            Granularity::Day,
            true,
            false,
        ));
    };
    let d = add_days(dct, shift);
    match part {
        Some(p) => Some(Out {
            ttype: TimeType::Time,
            value: format!("{d}{p}"),
            gran: Granularity::Time,
            ..Out::day(d, true)
        }),
        None => Some(Out::day(d, true)),
    }
}

/// "Thanksgiving", "last Christmas", "Election Day".
pub(super) fn holiday(c: &Captures, ctx: &Ctx) -> Option<Out> {
    let Ctx { dct, tense, .. } = *ctx;
    let name = g(c, 2)?;
    if !name.starts_with(|ch: char| ch.is_ascii_uppercase()) {
        return None;
    }
    let name = name
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let Some(dct) = dct else {
        return Some(Out::text(
            TimeType::Date,
            "XXXX-XX-XX",
            Granularity::Day,
            true,
            false,
        ));
    };
    let at = |y| named::holiday(&name, y);
    let d = match lower(c, 1).as_str() {
        "last" => resolve::pick_year(add_days(dct, -1), Tense::Past, at)?,
        "next" => resolve::pick_year(add_days(dct, 1), Tense::Future, at)?,
        "this" => at(dct.year())?,
        _ => resolve::pick_year(dct, tense, at)?,
    };
    Some(Out::day(d, true))
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::super::testing::{has, one, THU};

    #[test]
    fn weekdays_look_forward_only_under_a_future_cue() {
        has(
            "Officials said Wednesday that talks will resume.",
            THU,
            "Wednesday",
            "2000-01-05",
        );
        has(
            "The council will meet on Wednesday.",
            THU,
            "Wednesday",
            "2000-01-12",
        );
        has(
            "The team planned to leave on Saturday.",
            THU,
            "Saturday",
            "2000-01-08",
        );
        // A future cue in another clause does not reach the weekday.
        has(
            "He will appeal, his lawyer said Monday.",
            THU,
            "Monday",
            "2000-01-03",
        );
        has(
            "They vowed to fight Tuesday's ruling, which will stand.",
            THU,
            "Tuesday",
            "2000-01-04",
        );
    }

    #[test]
    fn times_of_a_named_day() {
        let got = one("Fighting resumed Wednesday night.", THU);
        assert_eq!(
            got,
            [("Wednesday night".into(), "TIME", "2000-01-05TNI".into())]
        );
        has(
            "Troops must leave by noon Saturday.",
            THU,
            "noon Saturday",
            "2000-01-08T12:00",
        );
        has(
            "Polls close at 8 p.m. EST Jan. 14.",
            THU,
            "8 p.m. EST Jan. 14",
            "2000-01-14T20:00",
        );
        has(
            "Shots were heard last night.",
            THU,
            "last night",
            "2000-01-05TNI",
        );
    }

    #[test]
    fn holidays() {
        has(
            "He arrived on Thanksgiving Day.",
            THU,
            "Thanksgiving Day",
            "1999-11-25",
        );
        has(
            "Voters go to the polls on Election Day.",
            date(1998, 10, 26),
            "Election Day",
            "1998-11-03",
        );
        has(
            "They met last Christmas.",
            THU,
            "last Christmas",
            "1999-12-25",
        );
    }
}
