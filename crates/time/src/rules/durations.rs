//! Durations and sets: numbers and units ("two weeks", "5 1/2 hours" =
//! `PT5H30M`, "the past nine months"), unspecified counts ("for years" =
//! `PXY`) and sets ("daily", "every quarter").

use regex::Captures;
use sitrep_model::TimeType;

use super::{g, lower, Ctx, Out};
use crate::Granularity;

/// The number a count is written with ("5", "5 1/2" = `5.5`, "twenty-one",
/// "a couple of"); `X` for a vague one ("a few", "several", "many").
pub(super) fn number_value(s: &str) -> Option<String> {
    let w = s
        .trim()
        .to_ascii_lowercase()
        .replace(['-', '\n', '\t'], " ");
    let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Ok(n) = w.parse::<f64>() {
        return Some(if n.fract() == 0.0 {
            format!("{}", n as i64)
        } else {
            format!("{n}")
        });
    }
    let words = [
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
        ("hundred", 100),
        ("couple", 2),
        ("a", 1),
        ("an", 1),
    ];
    // "a hundred", "a couple of".
    let w = w.strip_prefix("a ").unwrap_or(&w).trim_end_matches(" of");
    // "5 1/2"
    if let Some(whole) = w.strip_suffix(" 1/2") {
        return whole.parse::<i64>().ok().map(|n| format!("{n}.5"));
    }
    let mut total = 0;
    for part in w.split(' ') {
        match words.iter().find(|(k, _)| *k == part) {
            Some((_, v)) => total += v,
            None => return Some("X".to_string()),
        }
    }
    Some(total.to_string())
}

pub(super) fn unit_code(unit: &str) -> (&'static str, bool, Granularity) {
    let u = unit.to_ascii_lowercase();
    let u = u.trim_end_matches('s');
    match u {
        "second" => ("S", true, Granularity::Time),
        "minute" => ("M", true, Granularity::Time),
        "hour" => ("H", true, Granularity::Time),
        "day" => ("D", false, Granularity::Day),
        "week" => ("W", false, Granularity::Week),
        "month" => ("M", false, Granularity::Month),
        "quarter" => ("Q", false, Granularity::Quarter),
        "decade" => ("DE", false, Granularity::Decade),
        "century" | "centurie" => ("CE", false, Granularity::Decade),
        _ => ("Y", false, Granularity::Year),
    }
}

pub(super) fn duration_value(n: &str, unit: &str) -> String {
    let (code, time, _) = unit_code(unit);
    // "5 1/2 hours" is PT5H30M: the half in the next smaller unit.
    if let Some(whole) = n.strip_suffix(".5") {
        let half = match (code, time) {
            ("Y", _) => Some("6M"),
            ("M", false) => Some("15D"),
            ("D", _) => Some("T12H"),
            ("H", true) => Some("30M"),
            ("M", true) => Some("30S"),
            _ => None,
        };
        if let Some(h) = half {
            let t = if time { "T" } else { "" };
            return format!("P{t}{whole}{code}{h}");
        }
    }
    // TimeML writes decades and centuries in years.
    if let ("DE" | "CE", Ok(k)) = (code, n.parse::<i64>()) {
        return format!("P{}Y", k * if code == "DE" { 10 } else { 100 });
    }
    if time {
        format!("PT{n}{code}")
    } else {
        format!("P{n}{code}")
    }
}

/// "two weeks", "the past nine months", "5 1/2 hours".
pub(super) fn duration(c: &Captures, ctx: &Ctx) -> Option<Out> {
    let Ctx { before, .. } = *ctx;
    let whole = c.get(0)?.as_str();
    if g(c, 6).is_some() {
        return None; // an age: "a 44-year-old"
    }
    let num = g(c, 4)?;
    // Four-digit numbers are years ("the 1988 second quarter").
    if num.len() >= 4 && num.chars().all(|ch| ch.is_ascii_digit()) {
        return None;
    }
    // "a day" after a number or price is a rate, and "a second time" an ordinal.
    let n = number_value(num)?;
    let unit = g(c, 5)?;
    let u = unit.to_ascii_lowercase();
    if (u == "second" || u == "seconds") && n == "1" {
        return None;
    }
    // "three-quarters", "a quarter of": fractions.
    if u.starts_with("quarter")
        && (num.eq_ignore_ascii_case("a")
            || whole.contains('-')
            || n != "X" && !whole.to_ascii_lowercase().starts_with("the"))
    {
        return None;
    }
    let det = lower(c, 1);
    if (num.eq_ignore_ascii_case("a") || num.eq_ignore_ascii_case("an"))
        && det.is_empty()
        && g(c, 3).is_none()
    {
        // "a year" alone is too often a rate ("$5 a year") or vague.
        let prev_word = before
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_ascii_lowercase();
        if !matches!(
            prev_word.as_str(),
            "for"
                | "as"
                | "barely"
                | "in"
                | "within"
                | "over"
                | "than"
                | "about"
                | "nearly"
                | "almost"
                | "after"
        ) {
            return None;
        }
    }
    // "the two-week strike", "the two days": the article is not
    // part of it; "the past two weeks" keeps it.
    let skip = if g(c, 1).is_some() && g(c, 2).is_none() {
        c.get(3).or(c.get(4))?.start() - c.get(0)?.start()
    } else {
        0
    };
    Some(Out {
        skip,
        ..Out::text(
            TimeType::Duration,
            duration_value(&n, unit),
            Granularity::None,
            false,
            true,
        )
    })
}

/// "for years", "over decades".
pub(super) fn plural(c: &Captures) -> Option<Out> {
    // "for years": an unspecified number of them; the preposition is not part of it.
    let unit = lower(c, 2);
    let (code, _, _) = unit_code(&unit);
    let value = match code {
        "DE" => "PXDE".to_string(),
        "CE" => "PXCE".to_string(),
        _ => format!("PX{code}"),
    };
    Some(Out {
        skip: g(c, 1).map_or(0, str::len) + 1,
        ..Out::text(TimeType::Duration, value, Granularity::None, false, true)
    })
}

/// "daily", "every quarter", "each week".
pub(super) fn set(c: &Captures) -> Option<Out> {
    let whole = c.get(0)?.as_str();
    let w = whole.to_ascii_lowercase();
    let v = if w.contains("day")
        && !w.contains("mon")
        && !w.contains("tue")
        && !w.contains("wed")
        && !w.contains("thu")
        && !w.contains("fri")
        && !w.contains("sat")
        && !w.contains("sun")
        || w == "daily"
    {
        "P1D"
    } else if w.contains("week") {
        "P1W"
    } else if w.contains("month") {
        "P1M"
    } else if w.contains("quarter") {
        "P1Q"
    } else if w.contains("year") || w.contains("annual") {
        "P1Y"
    } else if w.contains("hour") {
        "PT1H"
    } else if w.contains("night") || w.contains("morning") {
        "P1D"
    } else {
        "P1W"
    };
    Some(Out::text(TimeType::Set, v, Granularity::None, false, true))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{has, one, THU};

    #[test]
    fn durations() {
        has(
            "The flight takes 5 1/2 hours.",
            THU,
            "5 1/2 hours",
            "PT5H30M",
        );
        has("He served 2 1/2 years.", THU, "2 1/2 years", "P2Y6M");
        has(
            "It stood for almost a hundred years.",
            THU,
            "almost a hundred years",
            "P100Y",
        );
        has(
            "The strike may last as long as a month.",
            THU,
            "a month",
            "P1M",
        );
        has(
            "Talks ended in the past decade.",
            THU,
            "the past decade",
            "P10Y",
        );
        has(
            "Crime has fallen in recent years.",
            THU,
            "recent years",
            "PXY",
        );
        // Counted from an event of the story: the signal word stays out.
        let got = one("Three days later, the army withdrew.", THU);
        assert_eq!(got, [("Three days".into(), "DURATION", "P3D".into())]);
        // An adjective leaves the article out.
        has("The union began the 14-day strike.", THU, "14-day", "P14D");
    }
}
