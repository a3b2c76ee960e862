//! The rule bank: regular expressions over the raw text, each with a
//! normaliser. Each rule runs in the windows around its trigger words
//! (`trigger.rs`); overlaps go to the longest match (then the earliest
//! rule).

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::{Captures, Regex};
use sitrep_model::{Span, TimeType};

use crate::named;
use crate::resolve::{
    self, add_days, add_months, add_years, month_number, quarter, week_value, weekday,
};
use crate::tense::{self, Tense};
use crate::trigger::{self, Class, Mask};
use crate::{Granularity, Timex};

const MONTH_FULL: &str =
    "january|february|march|april|may|june|july|august|september|october|november|december";
const MONTH_ABBR: &str =
    r"jan\.?|feb\.?|mar\.|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?";
const WEEKDAY: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const NUM: &str = r"(?:\d+\s+1/2|\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|hundred|a\s+few|few|several|a\s+couple\s+of|couple\s+of|many|a|an)";
/// Hedges TimeBank keeps inside a duration's span ("nearly two years").
const HEDGE: &str = r"nearly|almost|about|around|roughly|approximately|some|more\s+than|less\s+than|fewer\s+than|no\s+more\s+than|at\s+least|at\s+most|up\s+to|over|under";
const TENS: &str = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
const ONES: &str = "one|two|three|four|five|six|seven|eight|nine";
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
    SpelledYear,
    Holiday,
}

struct Compiled {
    rule: Rule,
    /// The trigger classes that call for the rule.
    classes: Mask,
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
            format!(r"\b(?:(early|mid|late|last|this|next)[\s-]+)?({MONTH_FULL})\b(?:,?\s+(?:of\s+)?(this|last|next)\s+year\b)?"),
        ),
        (
            Rule::Decade,
            r"\b(?:the\s+)?(?:(early|mid|late)[\s-]+)?(1[6-9]\d0|20\d0)'?s\b".to_string(),
        ),
        (Rule::Year, r"\b(?:(fiscal|calendar)\s+|(?:early|mid|late)[\s-]+)?(1[6-9]\d\d|20\d\d)\b".to_string()),
        (
            Rule::Weekday,
            format!(r"\b(?:(last|this|next|coming|the\s+previous|the\s+following)\s+)?({WEEKDAY})(?:\s+(morning|afternoon|evening|night))?\b"),
        ),
        (
            Rule::Clock,
            // "10 p.m.", "noon", and the day they fall on: "9 a.m. EDT Tuesday", "5 p.m. Nov. 9".
            format!(r"\b(?:(\d{{1,2}})(?::(\d{{2}}))?\s*(a\.m\.|p\.m\.|am\b|pm\b)|(noon|midnight)\b)(?:\s+(?:[ecmp][sd]t|gmt|utc)\b)?(?:,?\s+(?:on\s+)?(?:({WEEKDAY})|({m})\s+(\d{{1,2}}))\b)?"),
        ),
        (
            Rule::Deictic,
            r"\b(?:(?:early|late)\s+)?(today|yesterday|tomorrow|tonight|now|nowadays|currently|recently|the\s+past|the\s+future|these\s+days|recent\s+(?:years|months|weeks|days)|current|year[\s-]end|year's\s+end|(?:this|yesterday|tomorrow)\s+(?:morning|afternoon|evening|night)|last\s+night)\b".to_string(),
        ),
        (
            Rule::Ago,
            format!(r"\b(?:({HEDGE})\s+)?({NUM})[\s-]+({UNIT})\s+(ago|earlier|before|later|after|from\s+now|hence)\b"),
        ),
        (
            Rule::Duration,
            format!(r"\b(?:(the)\s+)?(?:(past|last|next|first|coming|previous|final|remaining|latest)\s+)?((?:{HEDGE})\s+)?({NUM})[\s-]+({UNIT})(?:-long)?(?:\s+or\s+so)?\b(-old|\s+old)?"),
        ),
        (
            Rule::Relative,
            r"\b((?:earlier|later)\s+)?(?:(early|late)\s+)?(this\s+past|last|this|next|past|previous|coming|current|the\s+latest|latest|the\s+current|the\s+past|the\s+last|the\s+previous|the\s+same|the\s+full|the\s+fiscal|the\s+first|the\s+second|the\s+third|the\s+fourth|the)\s+(week|weekend|month|quarter|year|decade|summer|fall|autumn|winter|spring|period|half)(?:\s+or\s+so)?\b".to_string(),
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
            Rule::SpelledYear,
            // "nineteen ninety-six", "January nineteen ninety-seven", "the
            // winter of nineteen ninety-four", "the year two thousand".
            format!(r"\b(?:({MONTH_FULL})\s+|the\s+(winter|summer|spring|fall|autumn)\s+of\s+|(the\s+year\s+))?(?:nineteen[\s-]+({TENS})(?:[\s-]+({ONES}))?|two\s+thousand(?:\s+(?:and\s+)?({ONES}))?)\b"),
        ),
        (
            Rule::Holiday,
            r"\b(?:(last|this|next)\s+)?(thanksgiving(?:\s+day)?|christmas(?:\s+(?:day|eve))?|new\s+year(?:'|’)s\s+(?:day|eve)|election\s+day|easter(?:\s+sunday)?)\b".to_string(),
        ),
        (
            Rule::Plural,
            r"\b(for|over|in|within|after|since)\s+(years|months|weeks|decades|centuries)\b".to_string(),
        ),
    ];
    list.into_iter()
        .map(|(rule, s)| Compiled {
            rule,
            classes: rule.classes(),
            re: rx(&s),
        })
        .collect()
});

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

struct Out {
    /// Bytes of the match left out of the expression's span (a leading
    /// article or adverb the annotation convention does not include).
    skip: usize,
    /// Bytes of the match left out at its end ("three days" of "three days
    /// later").
    cut: usize,
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
            cut: 0,
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
            cut: 0,
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
            cut: 0,
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
            cut: 0,
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

/// What a normaliser sees around its match.
struct Ctx<'t> {
    dct: Option<Date>,
    /// The tense governing the match (only for rules that ask for it).
    tense: Tense,
    /// Up to 80 bytes of the sentence before the match.
    before: &'t str,
    /// Up to 40 bytes of the sentence after it.
    rest: &'t str,
    /// The sentence around it.
    sentence: &'t str,
    /// The text reports quarterly results.
    quarterly: bool,
}

/// Normalises one match; `None` rejects it.
fn normalise(rule: Rule, c: &Captures, ctx: &Ctx) -> Option<Out> {
    let Ctx {
        dct,
        tense,
        before,
        rest,
        sentence,
        quarterly,
    } = *ctx;
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
                "next" | "coming" | "the following" => {
                    resolve::weekday_date(add_days(dct, 1), day, true)
                }
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
            // The day named after the time, else the dateline's.
            let named = match (g(c, 5), g(c, 6), g(c, 7)) {
                (Some(w), ..) if w.starts_with(|ch: char| ch.is_ascii_uppercase()) => {
                    let wd = weekday(w)?;
                    Some(match dct {
                        Some(dct) => {
                            resolve::weekday_date(dct, wd, tense == Tense::Future).to_string()
                        }
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
        Rule::Ago => {
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
                // "a decade ago" names a year, not the decade it fell in.
                "DE" => Out::year(add_years(dct, 10 * k).year(), true),
                "CE" => Out::year(add_years(dct, 100 * k).year(), true),
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
        Rule::SpelledYear => {
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
        Rule::Holiday => {
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

/// How far back in its sentence the tense of an expression is looked for.
const TENSE_REACH: usize = 200;

impl Rule {
    /// The trigger words each rule's pattern contains one of.
    fn classes(self) -> Mask {
        use Class::*;
        match self {
            Rule::Iso | Rule::Slash | Rule::Decade | Rule::Year => Digit as Mask,
            Rule::Clock => Digit as Mask | Deictic as Mask,
            Rule::MonthDay | Rule::DayMonth | Rule::MonthYear | Rule::Month | Rule::WeekdayDate => {
                Month as Mask
            }
            Rule::Weekday => Weekday as Mask,
            Rule::Deictic => Deictic as Mask | Unit as Mask,
            Rule::Ago | Rule::Duration | Rule::Plural => Unit as Mask,
            Rule::Relative | Rule::QuarterAdj => Unit as Mask | Season as Mask,
            Rule::Set => Set as Mask,
            Rule::SpelledYear => Spelled as Mask,
            Rule::Holiday => Holiday as Mask | Unit as Mask,
        }
    }

    /// Rules whose value depends on the tense of the clause.
    fn needs_tense(self) -> bool {
        matches!(
            self,
            Rule::MonthDay
                | Rule::DayMonth
                | Rule::WeekdayDate
                | Rule::Month
                | Rule::Weekday
                | Rule::Clock
                | Rule::Holiday
        )
    }
}

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

#[cfg(test)]
mod rule_tests {
    use super::*;
    use jiff::civil::date;

    fn one(text: &str, dct: Date) -> Vec<(String, &'static str, String)> {
        tag(text, Some(dct))
            .into_iter()
            .map(|t| (t.surface, crate::type_name(t.ttype), t.value))
            .collect()
    }

    fn has(text: &str, dct: Date, surface: &str, value: &str) {
        let got = one(text, dct);
        assert!(
            got.iter().any(|(s, _, v)| s == surface && v == value),
            "{text:?}: want {surface:?} = {value}, got {got:?}"
        );
    }

    // 2000-01-06 was a Thursday.
    const THU: Date = date(2000, 1, 6);

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
    fn spelled_years_and_holidays() {
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

    #[test]
    fn quarterly_reports() {
        let text =
            "Third-quarter profit rose 5%. The year-earlier quarter was weak, and year-earlier \
                    sales were flat.";
        has(text, date(1989, 10, 26), "year-earlier", "1988-Q3");
    }
}
