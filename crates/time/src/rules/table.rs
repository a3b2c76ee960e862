//! The rules: each one's pattern, the trigger classes that call for it,
//! and the normaliser its matches go to. Between overlapping matches of
//! the same length and start the rule earlier in `RULES` wins.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::{dates, days, durations, periods, Ctx, Out};
use crate::trigger::{Class, Mask};

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
pub(super) enum Rule {
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

pub(super) struct Compiled {
    pub(super) rule: Rule,
    /// The trigger classes that call for the rule.
    pub(super) classes: Mask,
    pub(super) re: Regex,
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
pub(super) static RULES: LazyLock<Vec<Compiled>> = LazyLock::new(|| {
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

impl Rule {
    /// The trigger words each rule's pattern contains one of.
    pub(super) fn classes(self) -> Mask {
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
    pub(super) fn needs_tense(self) -> bool {
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

/// Normalises one match; `None` rejects it.
pub(super) fn normalise(rule: Rule, c: &Captures, ctx: &Ctx) -> Option<Out> {
    match rule {
        Rule::Iso => dates::iso(c),
        Rule::Slash => dates::slash(c),
        Rule::MonthDay | Rule::DayMonth | Rule::WeekdayDate => dates::day_of_month(rule, c, ctx),
        Rule::MonthYear => dates::month_year(c),
        Rule::Month => dates::month(c, ctx),
        Rule::Decade => dates::decade(c),
        Rule::Year => dates::year(c, ctx),
        Rule::SpelledYear => dates::spelled_year(c, ctx),
        Rule::Weekday => days::weekday(c, ctx),
        Rule::Clock => days::clock(c, ctx),
        Rule::Deictic => days::deictic(c, ctx),
        Rule::Holiday => days::holiday(c, ctx),
        Rule::Duration => durations::duration(c, ctx),
        Rule::Plural => durations::plural(c),
        Rule::Set => durations::set(c),
        Rule::Ago => periods::ago(c, ctx),
        Rule::Relative => periods::relative(c, ctx),
        Rule::QuarterAdj => periods::quarter_adj(c, ctx),
    }
}
