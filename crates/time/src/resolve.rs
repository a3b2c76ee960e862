//! Calendar arithmetic against the dateline.

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;

/// Month number of a month name or abbreviation ("Sept.", "october").
pub fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let m = match w.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

pub fn weekday(word: &str) -> Option<Weekday> {
    let w = word.to_ascii_lowercase();
    Some(match w.get(..3)? {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

/// The day named by a weekday: the latest one on or before the dateline, or
/// with a future cue the first one on or after it.
pub fn weekday_date(dct: Date, day: Weekday, future: bool) -> Date {
    let mut d = dct;
    for _ in 0..7 {
        if d.weekday() == day {
            return d;
        }
        d = if future {
            d.tomorrow().unwrap_or(d)
        } else {
            d.yesterday().unwrap_or(d)
        };
    }
    dct
}

/// A month-and-day without a year: the year that puts it closest on or
/// before the dateline (after it with a future cue).
pub fn infer_year(dct: Date, month: i8, day: i8, future: bool) -> Option<Date> {
    let this = Date::new(dct.year(), month, day).ok()?;
    if future {
        if this >= dct {
            Some(this)
        } else {
            Date::new(dct.year() + 1, month, day).ok()
        }
    } else if this <= dct {
        Some(this)
    } else {
        Date::new(dct.year() - 1, month, day).ok()
    }
}

/// A month without a year, the same way.
pub fn infer_month_year(dct: Date, month: i8, future: bool) -> i16 {
    if future {
        if month >= dct.month() {
            dct.year()
        } else {
            dct.year() + 1
        }
    } else if month <= dct.month() {
        dct.year()
    } else {
        dct.year() - 1
    }
}

pub fn add_days(d: Date, n: i64) -> Date {
    d.checked_add(n.days()).unwrap_or(d)
}

pub fn add_months(d: Date, n: i64) -> Date {
    d.checked_add(n.months()).unwrap_or(d)
}

pub fn add_years(d: Date, n: i64) -> Date {
    d.checked_add(n.years()).unwrap_or(d)
}

/// ISO week value `2023-W42`.
pub fn week_value(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{}", w.year(), w.week())
}

pub fn quarter(d: Date) -> i8 {
    (d.month() - 1) / 3 + 1
}

/// First and last day of a month.
pub fn month_bounds(year: i16, month: i8) -> Option<(Date, Date)> {
    let first = Date::new(year, month, 1).ok()?;
    Some((first, first.last_of_month()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weekdays_look_back_unless_told_otherwise() {
        // 2023-10-17 was a Tuesday.
        let dct = date(2023, 10, 17);
        assert_eq!(
            weekday_date(dct, Weekday::Monday, false),
            date(2023, 10, 16)
        );
        assert_eq!(weekday_date(dct, Weekday::Tuesday, false), dct);
        assert_eq!(weekday_date(dct, Weekday::Monday, true), date(2023, 10, 23));
    }

    #[test]
    fn years_are_inferred_closest_before() {
        let dct = date(2023, 11, 12);
        assert_eq!(infer_year(dct, 10, 16, false), Some(date(2023, 10, 16)));
        assert_eq!(infer_year(dct, 12, 24, false), Some(date(2022, 12, 24)));
        assert_eq!(infer_year(dct, 12, 24, true), Some(date(2023, 12, 24)));
        assert_eq!(infer_month_year(dct, 12, false), 2022);
        assert_eq!(week_value(date(2023, 10, 16)), "2023-W42");
        assert_eq!(week_value(date(2023, 1, 4)), "2023-W1");
        assert_eq!(month_number("Sept."), Some(9));
    }
}
