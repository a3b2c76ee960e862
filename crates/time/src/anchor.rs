//! Years for dates that an undated article writes without one. With no
//! dateline, "Earlier on October 16" stays `XXXX-10-16`; but the article's
//! titles may bound when it was written ("Israeli Prime Minister Benjamin
//! Netanyahu" only fits his terms — the extraction layer computes that
//! window). When exactly one year puts the date inside the window, the date
//! takes it, marked `estimated`; when none or several do, it stays
//! unresolved. Weekdays and other relative expressions are left alone: a
//! window of months does not say which Monday.

use jiff::civil::Date;

use crate::Timex;

/// The years `month`/`day` (or the whole month when `day` is `None`) fall
/// inside one of `window`'s periods; `None` when a period is open-ended.
fn fitting_years(month: i8, day: Option<i8>, window: &[(Date, Option<Date>)]) -> Option<Vec<i16>> {
    let mut years = Vec::new();
    for &(start, end) in window {
        let end = end?;
        for y in start.year()..=end.year() {
            let (first, last) = match day {
                Some(d) => {
                    let Ok(date) = Date::new(y, month, d) else {
                        continue;
                    };
                    (date, date)
                }
                None => {
                    let Ok(first) = Date::new(y, month, 1) else {
                        continue;
                    };
                    (first, first.last_of_month())
                }
            };
            if first <= end && last >= start && !years.contains(&y) {
                years.push(y);
            }
        }
    }
    Some(years)
}

/// Gives each `XXXX-MM-DD` or `XXXX-MM` date the one year that puts it in
/// `window`; returns how many it resolved.
pub fn anchor_years(timexes: &mut [Timex], window: &[(Date, Option<Date>)]) -> usize {
    let mut n = 0;
    for t in timexes.iter_mut() {
        let Some(rest) = t.value.strip_prefix("XXXX-") else {
            continue;
        };
        let mut parts = rest.split('-');
        let month = parts.next().and_then(|m| m.parse::<i8>().ok());
        let day = parts.next().map(|d| d.parse::<i8>().ok());
        let (Some(month), None | Some(Some(_))) = (month, day) else {
            continue;
        };
        if rest.len() != 2 && rest.len() != 5 {
            continue;
        }
        let day = day.flatten();
        let Some(years) = fitting_years(month, day, window) else {
            continue;
        };
        let [year] = years[..] else {
            continue;
        };
        let (start, end) = match day {
            Some(d) => match Date::new(year, month, d) {
                Ok(date) => (date, date),
                Err(_) => continue,
            },
            None => match Date::new(year, month, 1) {
                Ok(first) => (first, first.last_of_month()),
                Err(_) => continue,
            },
        };
        t.value = format!("{year:04}-{rest}");
        t.start = Some(start);
        t.end = Some(end);
        t.resolved = true;
        t.estimated = true;
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn one_fitting_year_resolves_several_do_not() {
        let w = [(date(2022, 12, 29), Some(date(2024, 5, 19)))];
        let mut t = crate::tag(
            "Earlier on October 16, the envoy spoke. In March talks began.",
            None,
        );
        assert_eq!(t[0].value, "XXXX-10-16");
        let n = anchor_years(&mut t, &w);
        assert_eq!(t[0].value, "2023-10-16");
        assert!(t[0].estimated && t[0].resolved);
        // March fits both 2023 and 2024.
        let march = t.iter().find(|t| t.surface == "March").unwrap();
        assert_eq!(march.value, "XXXX-03");
        assert_eq!(n, 1);
        // An open-ended window bounds nothing.
        let mut t = crate::tag("on October 16", None);
        assert_eq!(anchor_years(&mut t, &[(date(2022, 12, 29), None)]), 0);
        assert_eq!(t[0].value, "XXXX-10-16");
    }

    #[test]
    fn weekdays_stay_unresolved() {
        let mut t = crate::tag("The talks ended on Wednesday.", None);
        anchor_years(&mut t, &[(date(2023, 10, 1), Some(date(2023, 10, 31)))]);
        assert!(t.iter().all(|t| !t.resolved));
    }
}
