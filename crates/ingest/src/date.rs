//! Publication dates as feeds, pages and headers write them, to [`Dateline`]s
//! that keep the publisher's local date, time and offset.

use std::sync::LazyLock;

use jiff::civil::{Date, Time};
use regex::Regex;
use sitrep_model::{DatePrecision, Dateline, DatelineSource};

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{4})-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$",
    )
    .expect("valid regex")
});
static SLASHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$").expect("valid regex"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{4})$").expect("valid regex"));
static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:[a-z]+,?\s+)?(?:(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})|([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))$",
    )
    .expect("valid regex")
});

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(name: &str) -> Option<i8> {
    let lower = name.to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    MONTHS
        .iter()
        .position(|m| *m == prefix)
        .and_then(|i| i8::try_from(i + 1).ok())
}

/// Parses a date as publishers write it: ISO 8601 / RFC 3339 (`2023-10-17`,
/// `2023-10-17T08:00:00+03:00`, `2023-10`), RFC 2822 (`Tue, 17 Oct 2023 10:15:00
/// +0000`), `2023/10/17`, `17 October 2023`, `October 17, 2023`, or a bare year.
/// Returns `None` for anything else or an impossible date.
pub fn parse_dateline(raw: &str, source: DatelineSource) -> Option<Dateline> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Some(c) = ISO.captures(s) {
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i32>().ok());
        let year = i16::try_from(num(1)?).ok()?;
        let month = i8::try_from(num(2)?).ok()?;
        let Some(day) = num(3) else {
            return Some(Dateline {
                date: Date::new(year, month, 1).ok()?,
                time: None,
                utc_offset_minutes: None,
                precision: DatePrecision::Month,
                source,
            });
        };
        let date = Date::new(year, month, i8::try_from(day).ok()?).ok()?;
        let mut dateline = Dateline::day(date, source);
        if let (Some(h), Some(m)) = (num(4), num(5)) {
            let sec = num(6);
            dateline.time = Some(
                Time::new(
                    i8::try_from(h).ok()?,
                    i8::try_from(m).ok()?,
                    i8::try_from(sec.unwrap_or(0)).ok()?,
                    0,
                )
                .ok()?,
            );
            dateline.precision = if sec.is_some() {
                DatePrecision::Second
            } else {
                DatePrecision::Minute
            };
            dateline.utc_offset_minutes = c.get(7).and_then(|m| parse_offset(m.as_str()));
        }
        return Some(dateline);
    }
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(s) {
        let dt = zoned.datetime();
        return Some(Dateline {
            date: dt.date(),
            time: Some(dt.time()),
            utc_offset_minutes: Some(zoned.offset().seconds() / 60),
            precision: DatePrecision::Second,
            source,
        });
    }
    if let Some(c) = SLASHED.captures(s) {
        let date = Date::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?).ok()?;
        return Some(Dateline::day(date, source));
    }
    if let Some(c) = WRITTEN.captures(s) {
        let (day, month, year) = match (c.get(1), c.get(2), c.get(3)) {
            (Some(d), Some(m), Some(y)) => (d.as_str(), m.as_str(), y.as_str()),
            _ => (c.get(5)?.as_str(), c.get(4)?.as_str(), c.get(6)?.as_str()),
        };
        let date = Date::new(year.parse().ok()?, month_number(month)?, day.parse().ok()?).ok()?;
        return Some(Dateline::day(date, source));
    }
    if let Some(c) = YEAR.captures(s) {
        return Some(Dateline {
            date: Date::new(c[1].parse().ok()?, 1, 1).ok()?,
            time: None,
            utc_offset_minutes: None,
            precision: DatePrecision::Year,
            source,
        });
    }
    None
}

fn parse_offset(s: &str) -> Option<i32> {
    match s {
        "Z" | "z" | "UTC" | "GMT" => Some(0),
        _ => {
            let sign = if s.starts_with('-') { -1 } else { 1 };
            let digits: String = s[1..].chars().filter(char::is_ascii_digit).collect();
            let hours: i32 = digits.get(..2)?.parse().ok()?;
            let minutes: i32 = digits.get(2..4).map_or(Some(0), |m| m.parse().ok())?;
            Some(sign * (hours * 60 + minutes))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const SRC: DatelineSource = DatelineSource::HtmlMeta;

    #[test]
    fn iso_forms() {
        let d = parse_dateline("2023-10-17", SRC).unwrap();
        assert_eq!(
            (d.date, d.precision),
            (date(2023, 10, 17), DatePrecision::Day)
        );
        let d = parse_dateline("2023-07-18T08:00:00+03:00", SRC).unwrap();
        assert_eq!(d.date, date(2023, 7, 18));
        assert_eq!(d.time, Some(jiff::civil::time(8, 0, 0, 0)));
        assert_eq!(d.utc_offset_minutes, Some(180));
        assert_eq!(d.precision, DatePrecision::Second);
        let d = parse_dateline("2023-07-18T23:30Z", SRC).unwrap();
        assert_eq!(
            (d.utc_offset_minutes, d.precision),
            (Some(0), DatePrecision::Minute)
        );
        let d = parse_dateline("2023-10", SRC).unwrap();
        assert_eq!(
            (d.date, d.precision),
            (date(2023, 10, 1), DatePrecision::Month)
        );
    }

    #[test]
    fn rfc2822_keeps_local_date() {
        let d = parse_dateline("Tue, 18 Jul 2023 23:15:00 -0500", SRC).unwrap();
        assert_eq!(d.date, date(2023, 7, 18));
        assert_eq!(d.utc_offset_minutes, Some(-300));
    }

    #[test]
    fn written_forms() {
        assert_eq!(
            parse_dateline("17 October 2023", SRC).unwrap().date,
            date(2023, 10, 17)
        );
        assert_eq!(
            parse_dateline("Oct. 17, 2023", SRC).unwrap().date,
            date(2023, 10, 17)
        );
        assert_eq!(
            parse_dateline("Monday, October 16th, 2023", SRC)
                .unwrap()
                .date,
            date(2023, 10, 16)
        );
        assert_eq!(
            parse_dateline("2023/10/17", SRC).unwrap().date,
            date(2023, 10, 17)
        );
        assert_eq!(
            parse_dateline("2023", SRC).unwrap().precision,
            DatePrecision::Year
        );
    }

    #[test]
    fn impossible_or_junk_dates() {
        assert!(parse_dateline("2023-02-30", SRC).is_none());
        assert!(parse_dateline("2023-13-01", SRC).is_none());
        assert!(parse_dateline("yesterday", SRC).is_none());
        assert!(parse_dateline("", SRC).is_none());
        assert!(parse_dateline("31 Smarch 2023", SRC).is_none());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = parse_dateline(&s, SRC);
        }
    }
}
