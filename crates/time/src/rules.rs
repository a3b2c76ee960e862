//! The rule bank: regular expressions over the raw text, each with a
//! normaliser. All rules run; overlaps go to the longest match (then the
//! earliest rule).

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::{Captures, Regex};
use sitrep_model::{Span, TimeType};

use crate::resolve::{
    self, add_days, add_months, add_years, month_number, quarter, week_value, weekday,
};
use crate::{Granularity, Timex};

const MONTH_FULL: &str =
    "january|february|march|april|may|june|july|august|september|october|november|december";
const MONTH_ABBR: &str =
    r"jan\.?|feb\.?|mar\.|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?";
const WEEKDAY: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const NUM: &str = r"(?:\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|hundred|a\s+few|few|several|a\s+couple\s+of|couple\s+of|many|a|an)";
const UNIT: &str = r"(?:second|minute|hour|day|week|month|quarter|year|decade|centur(?:y|ie))s?";

#[derive(Debug, Clone, Copy)]
enum Rule {
    Iso,
    Slash,
    MonthDay,
    DayMonth,
    MonthYear,
    Month,
    Decade,
    Year,
    Weekday,
    Clock,
    Deictic,
    Ago,
    Duration,
    Relative,
    QuarterAdj,
    Set,
    Plural,
    WeekdayDate,
}

struct Compiled {
    rule: Rule,
    re: Regex,
}

fn rx(s: &str) -> Regex {
    // ASCII word boundaries keep the fast automaton on any text.
    let s = s.replace(r"\b", r"(?-u:\b)");
    match Regex::new(&format!("(?i-u){s}")) {
        Ok(r) => r,
        // The patterns are constants; a bad one is a programming error caught by tests.
        Err(e) => panic!("bad time pattern {s}: {e}"),
    }
}

static RULES: LazyLock<Vec<Compiled>> = LazyLock::new(|| {
    let m = format!("(?:{MONTH_FULL}|{MONTH_ABBR})");
    let list: Vec<(Rule, String)> = vec![
        (Rule::Iso, r"\b(\d{4})-(\d{2})-(\d{2})\b".to_string()),
        (Rule::Slash, r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b".to_string()),
        (
            Rule::MonthDay,
            format!(r"\b({m})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?"),
        ),
        (
            Rule::DayMonth,
            format!(r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({m})(?:,?\s+(\d{{4}})\b)?"),
        ),
        (
            Rule::MonthYear,
            format!(r"\b(?:(early|mid|late)[\s-]+)?({MONTH_FULL}|{MONTH_ABBR})(?:\s+of)?,?\s+(\d{{4}})\b"),
        ),
        (
            Rule::Month,
            format!(r"\b(?:(early|mid|late|last|this|next)[\s-]+)?({MONTH_FULL})\b"),
        ),
        (
            Rule::Decade,
            r"\b(?:the\s+)?(?:(early|mid|late)[\s-]+)?(1[6-9]\d0|20\d0)'?s\b".to_string(),
        ),
        (Rule::Year, r"\b(?:(fiscal|calendar)\s+)?(1[6-9]\d\d|20\d\d)\b".to_string()),
        (
            Rule::Weekday,
            format!(r"\b(?:(last|this|next|coming|the\s+previous|the\s+following)\s+)?({WEEKDAY})(?:\s+(morning|afternoon|evening|night))?\b"),
        ),
        (
            Rule::Clock,
            r"\b(\d{1,2})(?::(\d{2}))?\s*(a\.m\.|p\.m\.|am\b|pm\b)|\b(noon|midnight)\b".to_string(),
        ),
        (
            Rule::Deictic,
            r"\b(?:(?:early|late)\s+)?(today|yesterday|tomorrow|tonight|now|nowadays|currently|recently|the\s+past|the\s+future|these\s+days|recent\s+(?:years|months|weeks|days)|current|year[\s-]end|year's\s+end|(?:this|yesterday|tomorrow)\s+(?:morning|afternoon|evening|night))\b".to_string(),
        ),
        (
            Rule::Ago,
            format!(r"\b(?:(nearly|almost|about|some|more\s+than|less\s+than)\s+)?({NUM})[\s-]+({UNIT})\s+(ago|earlier|before|later|from\s+now|hence)\b"),
        ),
        (
            Rule::Duration,
            format!(r"\b(?:(the)\s+)?(?:(past|last|next|first|coming|previous|final|remaining|latest)\s+)?()({NUM})[\s-]+({UNIT})(?:-long)?(?:\s+or\s+so)?\b(-old|\s+old)?"),
        ),
        (
            Rule::Relative,
            r"\b((?:earlier|later)\s+)?(?:(early|late)\s+)?(this\s+past|last|this|next|past|previous|coming|current|the\s+latest|latest|the\s+current|the\s+past|the\s+last|the\s+previous|the\s+same|the\s+full|the\s+fiscal|the\s+first|the\s+second|the\s+third|the\s+fourth|the)\s+(week|weekend|month|quarter|year|summer|fall|autumn|winter|spring|period|half)(?:\s+or\s+so)?\b".to_string(),
        ),
        (
            Rule::QuarterAdj,
            r"\b((?:the|this\s+year's|last\s+year's)\s+(?:fiscal[\s-]+)?)?(first|second|third|fourth)([\s-]+)(quarter|half)(?:\s+of\s+(\d{4}))?\b|\b((?:the\s+)?(?:comparable\s+)?)(year)[\s-]+(earlier|ago)(?:\s+((?:first|second|third|fourth)\s+)?(quarter|period|nine\s+months|six\s+months))?\b|\bthe\s+(\d{4})\s+(?:(first|second|third|fourth)\s+)?(quarter|period)\b".to_string(),
        ),
        (
            Rule::Set,
            r"\b(daily|weekly|monthly|yearly|hourly|nightly|every\s+(?:other\s+)?(?:day|week|month|year|quarter|morning|night|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|each\s+(?:day|week|month|year|quarter))\b".to_string(),
        ),
        (
            Rule::WeekdayDate,
            format!(r"\b(?:{WEEKDAY}),?\s+({m})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?"),
        ),
        (
            Rule::Plural,
            r"\b(for|over|in|within|after|since)\s+(years|months|weeks|decades|centuries)\b".to_string(),
        ),
    ];
    list.into_iter()
        .map(|(rule, s)| Compiled { rule, re: rx(&s) })
        .collect()
});

/// Future cues in the words just before an expression.
static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"\b(will|'ll|shall|next|upcoming|scheduled|plans?\s+to|is\s+to|are\s+to|expected\s+to|set\s+to|due\s+to|would)\b",
    )
});

static QUARTER: LazyLock<Regex> = LazyLock::new(|| rx(r"\bquarter"));

/// Words that make a preceding duration a set ("five days a week").
fn number_value(s: &str) -> Option<String> {
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
        ("a hundred", 100),
        ("a", 1),
        ("an", 1),
    ];
    let mut total = 0;
    for part in w.split(' ') {
        match words.iter().find(|(k, _)| *k == part) {
            Some((_, v)) => total += v,
            None => return Some("X".to_string()),
        }
    }
    Some(total.to_string())
}

fn unit_code(unit: &str) -> (&'static str, bool, Granularity) {
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

fn duration_value(n: &str, unit: &str) -> String {
    let (code, time, _) = unit_code(unit);
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

struct Out {
    /// Bytes of the match left out of the expression's span (a leading
    /// article or adverb the annotation convention does not include).
    skip: usize,
    ttype: TimeType,
    value: String,
    start: Option<Date>,
    end: Option<Date>,
    gran: Granularity,
    relative: bool,
    resolved: bool,
}

impl Out {
    fn day(d: Date, relative: bool) -> Self {
        Out {
            skip: 0,
            ttype: TimeType::Date,
            value: d.to_string(),
            start: Some(d),
            end: Some(d),
            gran: Granularity::Day,
            relative,
            resolved: true,
        }
    }
    fn text(
        ttype: TimeType,
        value: impl Into<String>,
        gran: Granularity,
        relative: bool,
        resolved: bool,
    ) -> Self {
        Out {
            skip: 0,
            ttype,
            value: value.into(),
            start: None,
            end: None,
            gran,
            relative,
            resolved,
        }
    }
    fn month(y: i16, m: i8, relative: bool) -> Self {
        let bounds = resolve::month_bounds(y, m);
        Out {
            skip: 0,
            ttype: TimeType::Date,
            value: format!("{y:04}-{m:02}"),
            start: bounds.map(|b| b.0),
            end: bounds.map(|b| b.1),
            gran: Granularity::Month,
            relative,
            resolved: true,
        }
    }
    fn year(y: i16, relative: bool) -> Self {
        Out {
            skip: 0,
            ttype: TimeType::Date,
            value: format!("{y:04}"),
            start: Date::new(y, 1, 1).ok(),
            end: Date::new(y, 12, 31).ok(),
            gran: Granularity::Year,
            relative,
            resolved: true,
        }
    }
}

fn g<'t>(c: &Captures<'t>, i: usize) -> Option<&'t str> {
    c.get(i).map(|m| m.as_str())
}

fn lower(c: &Captures, i: usize) -> String {
    g(c, i)
        .unwrap_or("")
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn part_of_day(p: &str) -> &'static str {
    match p {
        "morning" => "TMO",
        "afternoon" => "TAF",
        "evening" => "TEV",
        _ => "TNI",
    }
}

fn season(word: &str) -> &'static str {
    match word {
        "summer" => "SU",
        "winter" => "WI",
        "spring" => "SP",
        _ => "FA",
    }
}

/// Normalises one match; `None` rejects it.
fn normalise(
    rule: Rule,
    c: &Captures,
    dct: Option<Date>,
    future: bool,
    before: &str,
    sentence: &str,
    quarterly: bool,
) -> Option<Out> {
    let whole = c.get(0)?.as_str();
    match rule {
        Rule::Iso => {
            let d = Date::new(
                g(c, 1)?.parse().ok()?,
                g(c, 2)?.parse().ok()?,
                g(c, 3)?.parse().ok()?,
            )
            .ok()?;
            Some(Out::day(d, false))
        }
        Rule::Slash => {
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
        Rule::MonthDay | Rule::DayMonth | Rule::WeekdayDate => {
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
                    let d = resolve::infer_year(dct, month, day, future)?;
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
        Rule::MonthYear => {
            let mw = g(c, 2)?;
            if !mw.starts_with(|ch: char| ch.is_uppercase()) {
                return None;
            }
            Some(Out::month(g(c, 3)?.parse().ok()?, month_number(mw)?, false))
        }
        Rule::Month => {
            let mw = g(c, 2)?;
            if !mw.starts_with(|ch: char| ch.is_uppercase()) {
                return None;
            }
            // "May" and "March" at the start of a sentence are usually not months.
            let m = month_number(mw)?;
            let modifier = lower(c, 1);
            if (m == 5 || m == 3)
                && modifier.is_empty()
                && before.trim_end().ends_with(['.', '"', '“'])
            {
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
                "next" => resolve::infer_month_year(dct, m, true),
                "last" => {
                    if m < dct.month() {
                        dct.year()
                    } else {
                        dct.year() - 1
                    }
                }
                "this" => dct.year(),
                _ => resolve::infer_month_year(dct, m, future),
            };
            Some(Out::month(y, m, true))
        }
        Rule::Decade => {
            let y = g(c, 2)?;
            Some(Out::text(
                TimeType::Date,
                &y[..3],
                Granularity::Decade,
                false,
                true,
            ))
        }
        Rule::Year => {
            let y: i16 = g(c, 2)?.parse().ok()?;
            // Not a quantity or part of a longer number ("$1,990", "2023-24", "1998 people").
            let prev = before.chars().last();
            if matches!(prev, Some('$' | '£' | '€' | '#' | ',' | '.')) {
                return None;
            }
            // "fiscal 1989" is written as the year, like TimeBank does.
            Some(Out::year(y, false))
        }
        Rule::Weekday => {
            let day = weekday(g(c, 2)?)?;
            if !g(c, 2)?.starts_with(|ch: char| ch.is_uppercase()) {
                return None;
            }
            let modifier = lower(c, 1);
            // "Thursday morning", "Sunday night" name the day: the part of it
            // stays in the span, as TimeBank draws it, not in the value.
            let Some(dct) = dct else {
                let n = day.to_monday_one_offset();
                return Some(Out::text(
                    TimeType::Date,
                    format!("XXXX-WXX-{n}"),
                    Granularity::Day,
                    true,
                    false,
                ));
            };
            let d = match modifier.as_str() {
                "last" | "the previous" => resolve::weekday_date(add_days(dct, -1), day, false),
                "next" | "coming" | "the following" => {
                    resolve::weekday_date(add_days(dct, 1), day, true)
                }
                _ => resolve::weekday_date(dct, day, future),
            };
            Some(Out::day(d, true))
        }
        Rule::Clock => {
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
            let day = dct.map_or("XXXX-XX-XX".to_string(), |d| d.to_string());
            Some(Out::text(
                TimeType::Time,
                format!("{day}T{h:02}:{mi:02}"),
                Granularity::Time,
                true,
                dct.is_some(),
            ))
        }
        Rule::Deictic => {
            let w = lower(c, 1);
            let refs = |v: &str| Some(Out::text(TimeType::Date, v, Granularity::None, true, false));
            match w.as_str() {
                "now" | "nowadays" | "currently" | "current" | "these days" => {
                    return refs("PRESENT_REF")
                }
                "year-end" | "year end" | "year's end" => {
                    return Some(match dct {
                        Some(d) => Out::year(d.year(), true),
                        None => Out::text(TimeType::Date, "XXXX", Granularity::Year, true, false),
                    })
                }
                "recently" | "the past" | "recent years" | "recent months" | "recent weeks"
                | "recent days" => return refs("PAST_REF"),
                "the future" => return refs("FUTURE_REF"),
                _ => {}
            }
            let (first, part) = match w.split_once(' ') {
                Some((a, b)) => (a.to_string(), Some(part_of_day(b))),
                None => (w.clone(), None),
            };
            let shift = match first.as_str() {
                "yesterday" => -1,
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
        Rule::Ago => {
            let n = number_value(g(c, 2)?)?;
            let unit = g(c, 3)?;
            let (code, time, gran) = unit_code(unit);
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
            if code == "Y"
                && k == -1
                && (sentence.to_ascii_lowercase().contains("quarter") || quarterly)
            {
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
                "DE" => Out::text(
                    TimeType::Date,
                    format!("{}", (dct.year() as i64 + 10 * k) / 10),
                    Granularity::Decade,
                    true,
                    true,
                ),
                _ => Out::year(add_years(dct, k).year(), true),
            })
        }
        Rule::Duration => {
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
            if (num.eq_ignore_ascii_case("a") || num.eq_ignore_ascii_case("an")) && det.is_empty() {
                // "a year" alone is too often a rate ("$5 a year") or vague.
                let prev_word = before
                    .split_whitespace()
                    .last()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if !matches!(
                    prev_word.as_str(),
                    "for"
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
            Some(Out::text(
                TimeType::Duration,
                duration_value(&n, unit),
                Granularity::None,
                false,
                true,
            ))
        }
        Rule::Relative => {
            let which = lower(c, 3);
            let unit = lower(c, 4);
            let prev_word = before
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_ascii_lowercase();
            // "for the year", "during the quarter": how long, not when.
            if which == "the"
                && matches!(prev_word.as_str(), "for" | "during" | "over" | "throughout")
            {
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
                "last" | "past" | "previous" | "the past" | "the previous" | "the last"
                | "this past" => -1,
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
                        "last" | "past" | "previous" | "the past" | "the previous" => {
                            dct.year() - 1
                        }
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
        Rule::QuarterAdj => {
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
                let mut out = match period.as_str() {
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
        Rule::Plural => {
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
        Rule::Set => {
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
    }
}

/// Finds and normalises the time expressions of a text against the dateline.
pub fn tag(text: &str, dct: Option<Date>) -> Vec<Timex> {
    // (start, end, rule, normalised, length of the whole match)
    let mut found: Vec<(usize, usize, usize, Out, usize)> = Vec::new();
    // A report on quarterly results: "a year ago" is that quarter a year before.
    let quarterly = QUARTER.find_iter(text).take(2).count() >= 2;
    // Sentence-ish boundaries, found once.
    let stops: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'.' | b'\n' | b'!' | b'?'))
        .map(|(i, _)| i)
        .collect();
    for (k, r) in RULES.iter().enumerate() {
        // The fast search finds where; captures are taken only there.
        for found_at in r.re.find_iter(text) {
            let Some(c) = r.re.captures_at(text, found_at.start()) else {
                continue;
            };
            let Some(m) = c.get(0) else { continue };
            let at = stops.partition_point(|&i| i < m.start());
            let sentence_start = if at == 0 { 0 } else { stops[at - 1] + 1 };
            let window_start = text
                .floor_char_boundary(m.start().saturating_sub(80))
                .max(sentence_start);
            let before = &text[window_start..m.start()];
            let after = stops.partition_point(|&i| i < m.end());
            let sentence_end = stops.get(after).copied().unwrap_or(text.len());
            let after_end = text
                .floor_char_boundary((m.end() + 40).min(sentence_end))
                .max(m.end());
            let future = FUTURE.is_match(before) || FUTURE.is_match(&text[m.end()..after_end]);
            let sentence = &text[sentence_start.min(m.start())..sentence_end];
            if let Some(out) = normalise(r.rule, &c, dct, future, before, sentence, quarterly) {
                let start = (m.start() + out.skip).min(m.end());
                if text.is_char_boundary(start) {
                    found.push((start, m.end(), k, out, m.end() - m.start()));
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

#[cfg(test)]
mod report_tests {
    use super::*;
    use jiff::civil::date;

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
