//! The period an article's titles fit. "Israeli Prime Minister Benjamin
//! Netanyahu" is true only during Netanyahu's terms as prime minister; "the
//! presidents of Syria, Iran, Egypt and Palestine Bashar al-Assad, Ebrahim
//! Raisi…" only while each held that office. The intersection over every
//! person named with the title of an office they held is a window the
//! article was written in — what an undated article can say about its own
//! date. Titles of offices the lexicon does not record for the person add
//! nothing (the lexicon may be incomplete); a contradiction gives no window.

use jiff::civil::Date;
use sitrep_lexicon::{Lexicon, Office, Person};

use crate::matcher::fold_token;
use crate::titles::{country_of, office_at, Title};

/// Days as closed intervals; `None` as an end means still open.
pub(crate) type Periods = Vec<(Date, Option<Date>)>;

/// A person named in a sentence: tokens `start..end`.
pub(crate) struct Named<'a> {
    pub start: usize,
    pub end: usize,
    pub person: &'a Person,
}

/// The periods in which `person` held `office` in one of `countries`.
fn terms(person: &Person, office: Office, countries: &[String]) -> Periods {
    person
        .roles
        .iter()
        .filter(|r| r.office == office)
        .filter(|r| {
            let c = r.country.as_deref().unwrap_or(&person.country);
            countries.iter().any(|x| x == c)
        })
        .map(|r| (r.start, r.end))
        .collect()
}

/// The constraints one sentence gives: the terms of each titled person.
pub(crate) fn constraints(
    lex: &Lexicon,
    words: &[&str],
    titles: &[Title],
    named: &[Named],
    out: &mut Vec<Periods>,
) {
    for n in named {
        // "Russian President Vladimir Putin".
        if let Some(t) = titles
            .iter()
            .find(|t| t.end == n.start && !t.plural && t.office.is_some())
        {
            if let Some(office) = t.office {
                let p = terms(n.person, office, std::slice::from_ref(&t.country));
                if !p.is_empty() {
                    out.push(p);
                }
            }
        }
    }
    // "the presidents of Syria, Iran, Egypt and Palestine Bashar al-Assad,
    // Ebrahim Raisi, Abdelfattah Sisi and Mahmoud Abbas".
    let mut i = 0;
    while i < words.len() {
        let Some((len, Some(office), true)) = office_at(words, i) else {
            i += 1;
            continue;
        };
        let mut j = i + len;
        if words.get(j).map(|w| fold_token(w)) != Some("of".to_string()) {
            i = j;
            continue;
        }
        j += 1;
        let mut countries = Vec::new();
        while j < words.len() {
            if let Some(c) = country_of(lex, words[j]) {
                countries.push(c);
            } else if !matches!(words[j], "," | "and") {
                break;
            }
            j += 1;
        }
        if countries.len() >= 2 {
            // The names that follow the list, separated only by commas and "and".
            let mut k = j;
            for n in named.iter().filter(|n| n.start >= j) {
                let between_ok = words[k..n.start].iter().all(|w| matches!(*w, "," | "and"));
                if !between_ok {
                    break;
                }
                let p = terms(n.person, office, &countries);
                if !p.is_empty() {
                    out.push(p);
                }
                k = n.end;
            }
        }
        i = j.max(i + 1);
    }
}

/// The intersection of all constraints, or `None` if there are none or they
/// contradict each other.
pub(crate) fn intersect(constraints: &[Periods]) -> Option<Periods> {
    let mut acc: Option<Periods> = None;
    for c in constraints {
        acc = Some(match acc {
            None => c.clone(),
            Some(a) => {
                let mut out = Vec::new();
                for &(s1, e1) in &a {
                    for &(s2, e2) in c {
                        let s = s1.max(s2);
                        let e = match (e1, e2) {
                            (Some(x), Some(y)) => Some(x.min(y)),
                            (Some(x), None) | (None, Some(x)) => Some(x),
                            (None, None) => None,
                        };
                        if e.is_none_or(|e| s <= e) {
                            out.push((s, e));
                        }
                    }
                }
                out.sort();
                out
            }
        });
        if acc.as_ref().is_some_and(Vec::is_empty) {
            return None;
        }
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn intersections() {
        let a = vec![
            (date(2000, 1, 1), Some(date(2008, 1, 1))),
            (date(2012, 1, 1), None),
        ];
        let b = vec![(date(2005, 1, 1), Some(date(2014, 1, 1)))];
        assert_eq!(
            intersect(&[a.clone(), b]),
            Some(vec![
                (date(2005, 1, 1), Some(date(2008, 1, 1))),
                (date(2012, 1, 1), Some(date(2014, 1, 1)))
            ])
        );
        let c = vec![(date(2009, 1, 1), Some(date(2010, 1, 1)))];
        assert_eq!(intersect(&[a, c]), None, "contradiction");
        assert_eq!(intersect(&[]), None);
    }
}
