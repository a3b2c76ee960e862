//! Years spelled out in words, as broadcast transcripts write them
//! ("nineteen ninety-six", "the year two thousand"), and the holidays news
//! dates things by ("Thanksgiving", "Christmas Eve", "Election Day").

use jiff::civil::{Date, Weekday};

use crate::resolve::add_days;

/// The value of a number word from one to ninety ("seventy", "twelve").
fn small(word: &str) -> Option<i16> {
    Some(match word.to_ascii_lowercase().as_str() {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// "nineteen" + "ninety" + "six" is 1996.
pub fn nineteen(tens: &str, ones: Option<&str>) -> Option<i16> {
    let ones = ones.map_or(Some(0), small)?;
    Some(1900 + small(tens)? + ones)
}

/// "two thousand" + "one" is 2001.
pub fn two_thousand(ones: Option<&str>) -> Option<i16> {
    Some(2000 + ones.map_or(Some(0), small)?)
}

/// The `n`th `day` of a month (1-based).
fn nth_weekday(year: i16, month: i8, day: Weekday, n: i64) -> Option<Date> {
    let first = Date::new(year, month, 1).ok()?;
    let offset =
        (day.to_monday_zero_offset() - first.weekday().to_monday_zero_offset()).rem_euclid(7);
    Some(add_days(first, i64::from(offset) + 7 * (n - 1)))
}

/// Easter Sunday (the anonymous Gregorian computus).
fn easter(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The date of a holiday (its words lowercased, spaces single) in a year.
pub fn holiday(name: &str, year: i16) -> Option<Date> {
    let name = name.replace('’', "'");
    let d = |m, d| Date::new(year, m, d).ok();
    match name.as_str() {
        "thanksgiving" | "thanksgiving day" => nth_weekday(year, 11, Weekday::Thursday, 4),
        "christmas" | "christmas day" => d(12, 25),
        "christmas eve" => d(12, 24),
        "new year's day" => d(1, 1),
        "new year's eve" => d(12, 31),
        // The Tuesday after the first Monday of November.
        "election day" => nth_weekday(year, 11, Weekday::Monday, 1).map(|m| add_days(m, 1)),
        "easter" | "easter sunday" => easter(year),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn spelled_years() {
        assert_eq!(nineteen("ninety", Some("six")), Some(1996));
        assert_eq!(nineteen("seventy", Some("Nine")), Some(1979));
        assert_eq!(nineteen("fifty", None), Some(1950));
        assert_eq!(nineteen("twelve", None), Some(1912));
        assert_eq!(two_thousand(None), Some(2000));
        assert_eq!(two_thousand(Some("three")), Some(2003));
        assert_eq!(nineteen("many", None), None);
    }

    #[test]
    fn holidays() {
        assert_eq!(holiday("thanksgiving day", 1999), Some(date(1999, 11, 25)));
        assert_eq!(holiday("thanksgiving", 2023), Some(date(2023, 11, 23)));
        assert_eq!(holiday("election day", 1998), Some(date(1998, 11, 3)));
        assert_eq!(holiday("election day", 2022), Some(date(2022, 11, 8)));
        assert_eq!(holiday("easter", 2000), Some(date(2000, 4, 23)));
        assert_eq!(holiday("easter sunday", 2024), Some(date(2024, 3, 31)));
        assert_eq!(holiday("christmas eve", 2001), Some(date(2001, 12, 24)));
        assert_eq!(holiday("new year’s eve", 2001), Some(date(2001, 12, 31)));
        assert_eq!(holiday("labour day", 2001), None);
    }
}
