//! The prefilter: one pass over the words of a text finds the words some
//! rule cannot match without (a digit, a month or weekday name, a unit such
//! as "week", a deictic such as "today"), and the rule bank then runs only
//! the rules those words call for, only in windows around them.
//!
//! Every rule's pattern contains at least one trigger word, and no match
//! reaches further than [`REACH`] bytes from it, so tagging with the
//! prefilter finds what running every rule over the whole text would.

/// Which rules a trigger word calls for: bits of [`Class`] values.
pub type Mask = u16;

/// Groups of rules that share their trigger words.
#[derive(Debug, Clone, Copy)]
#[repr(u16)]
pub enum Class {
    /// A number: ISO and slashed dates, years, decades, clock times.
    Digit = 1,
    /// A month name or abbreviation.
    Month = 1 << 1,
    /// A weekday name.
    Weekday = 1 << 2,
    /// A unit of time ("days", "year", "quarter"): durations, "ago",
    /// "last week", "year-earlier".
    Unit = 1 << 3,
    /// A season or part of a year ("summer", "half", "period").
    Season = 1 << 4,
    /// A deictic ("today", "now", "recently", "noon", "tonight").
    Deictic = 1 << 5,
    /// A set ("daily", "every", "each").
    Set = 1 << 6,
    /// A spelled number that may be a year ("nineteen", "two thousand").
    Spelled = 1 << 7,
    /// A holiday ("Thanksgiving", "Christmas").
    Holiday = 1 << 8,
}

/// How many classes there are.
pub const CLASSES: usize = 9;

/// How far before and after its trigger word a match of each class's rules
/// may reach, in bytes (with room to spare): "the past no more than
/// twenty-five years" reaches 40 bytes back from "years", "Sept. 30th,
/// 2023" 12 forward from "Sept".
const REACH: [(usize, usize); CLASSES] = [
    (16, 40), // Digit: "the early 1990s", "9 a.m. EDT, on Wednesday"
    (16, 24), // Month: "Wednesday, Sept. 30", "January of next year"
    (20, 16), // Weekday: "the following Thursday afternoon"
    (48, 32), // Unit: "the past no more than twenty-five years", "year-earlier second quarter"
    (32, 16), // Season: "this year's fiscal first half of 1990"
    (16, 32), // Deictic: "early tomorrow morning", "noon EST, on Friday"
    (8, 20),  // Set: "every other Wednesday"
    (20, 32), // Spelled: "the winter of nineteen ninety-four"
    (20, 24), // Holiday: "last Thanksgiving Day"
];

/// The trigger words, lowercase and sorted, with their classes.
const WORDS: &[(&[u8], Mask)] = {
    use Class::*;
    const MONTH: Mask = Month as Mask;
    const WEEKDAY: Mask = Weekday as Mask;
    const UNIT: Mask = Unit as Mask;
    const UNIT_SET: Mask = Unit as Mask | Set as Mask;
    const SET: Mask = Set as Mask;
    const SEASON: Mask = Season as Mask;
    const DEICTIC: Mask = Deictic as Mask;
    const SPELLED: Mask = Spelled as Mask;
    const HOLIDAY: Mask = Holiday as Mask;
    &[
        (b"afternoon", DEICTIC),
        (b"annually", UNIT_SET),
        (b"apr", MONTH),
        (b"april", MONTH),
        (b"aug", MONTH),
        (b"august", MONTH),
        (b"autumn", SEASON),
        (b"centuries", UNIT),
        (b"century", UNIT),
        (b"christmas", HOLIDAY),
        (b"coming", DEICTIC),
        (b"current", DEICTIC),
        (b"currently", DEICTIC),
        (b"daily", SET),
        (b"day", UNIT),
        (b"days", UNIT),
        (b"dec", MONTH),
        (b"decade", UNIT),
        (b"decades", UNIT),
        (b"december", MONTH),
        (b"each", SET),
        (b"easter", HOLIDAY),
        (b"election", HOLIDAY),
        (b"evening", DEICTIC),
        (b"every", SET),
        (b"fall", SEASON),
        (b"feb", MONTH),
        (b"february", MONTH),
        (b"friday", WEEKDAY),
        (b"future", DEICTIC),
        (b"half", SEASON),
        (b"hour", UNIT),
        (b"hourly", UNIT_SET),
        (b"hours", UNIT),
        (b"jan", MONTH),
        (b"january", MONTH),
        (b"jul", MONTH),
        (b"july", MONTH),
        (b"jun", MONTH),
        (b"june", MONTH),
        (b"mar", MONTH),
        (b"march", MONTH),
        (b"may", MONTH),
        (b"midnight", DEICTIC),
        (b"minute", UNIT),
        (b"minutes", UNIT),
        (b"monday", WEEKDAY),
        (b"month", UNIT),
        (b"monthly", UNIT_SET),
        (b"months", UNIT),
        (b"morning", DEICTIC),
        (b"night", DEICTIC),
        (b"nightly", SET),
        (b"nineteen", SPELLED),
        (b"noon", DEICTIC),
        (b"nov", MONTH),
        (b"november", MONTH),
        (b"now", DEICTIC),
        (b"nowadays", DEICTIC),
        (b"oct", MONTH),
        (b"october", MONTH),
        (b"past", DEICTIC),
        (b"period", SEASON),
        (b"quarter", UNIT),
        (b"quarterly", UNIT_SET),
        (b"quarters", UNIT),
        (b"recent", DEICTIC),
        (b"recently", DEICTIC),
        (b"saturday", WEEKDAY),
        (b"second", UNIT),
        (b"seconds", UNIT),
        (b"sep", MONTH),
        (b"sept", MONTH),
        (b"september", MONTH),
        (b"spring", SEASON),
        (b"summer", SEASON),
        (b"sunday", WEEKDAY),
        (b"thanksgiving", HOLIDAY),
        (b"thousand", SPELLED),
        (b"thursday", WEEKDAY),
        (b"today", DEICTIC),
        (b"tomorrow", DEICTIC),
        (b"tonight", DEICTIC),
        (b"tuesday", WEEKDAY),
        (b"wednesday", WEEKDAY),
        (b"week", UNIT),
        (b"weekend", UNIT),
        (b"weekly", UNIT_SET),
        (b"weeks", UNIT),
        (b"winter", SEASON),
        (b"year", UNIT),
        (b"yearly", UNIT_SET),
        (b"years", UNIT),
        (b"yesterday", DEICTIC),
    ]
};

/// For each first letter, the lengths (bits) of the trigger words that
/// start with it: most words are ruled out by this alone.
const FILTER: [u16; 26] = {
    let mut f = [0u16; 26];
    let mut k = 0;
    while k < WORDS.len() {
        let w = WORDS[k].0;
        f[(w[0] - b'a') as usize] |= 1 << w.len();
        k += 1;
    }
    f
};

/// Where the words of each first letter start in [`WORDS`] (and, for
/// `z`+1, where they end).
const FIRST: [usize; 27] = {
    let mut f = [0usize; 27];
    let mut letter = 0;
    while letter < 26 {
        let mut k = 0;
        while k < WORDS.len() && WORDS[k].0[0] < b'a' + letter as u8 {
            k += 1;
        }
        f[letter] = k;
        letter += 1;
    }
    f[26] = WORDS.len();
    f
};

/// The longest trigger word.
const LONGEST: usize = 12;

/// The trigger classes of a lowercase ASCII word, or 0.
fn classify(w: &[u8]) -> Mask {
    let Some(&first) = w.first() else { return 0 };
    if !first.is_ascii_lowercase() || w.len() > LONGEST {
        return 0;
    }
    if FILTER[(first - b'a') as usize] & (1 << w.len()) == 0 {
        return 0;
    }
    let letter = (first - b'a') as usize;
    WORDS[FIRST[letter]..FIRST[letter + 1]]
        .iter()
        .find(|(word, _)| word.len() == w.len() && *word == w)
        .map_or(0, |&(_, mask)| mask)
}

/// What the pass found.
#[derive(Debug, Default)]
pub struct Scan {
    /// For each class, the windows of the text around its trigger words,
    /// in text order and not overlapping; the rules of that class need only
    /// run there.
    pub windows: [Vec<(usize, usize)>; CLASSES],
    /// How many words start with "quarter" (a report on quarterly results
    /// has several).
    pub quarters: usize,
}

impl Scan {
    /// The windows of the classes in `mask`.
    pub fn windows_of(&self, mask: Mask) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..CLASSES)
            .filter(move |k| mask & (1 << k) != 0)
            .flat_map(|k| self.windows[k].iter().copied())
    }
}

/// Finds the trigger words of a text.
pub fn scan(text: &str) -> Scan {
    let b = text.as_bytes();
    let mut out = Scan::default();
    let mut i = 0;
    let mut lower = [0u8; LONGEST];
    while i < b.len() {
        let c = b[i];
        if !c.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let n = i - start;
        let mask = if c.is_ascii_digit() {
            Class::Digit as Mask
        } else if n <= LONGEST {
            let first = c.to_ascii_lowercase();
            if first.is_ascii_lowercase() && FILTER[(first - b'a') as usize] & (1 << n) == 0 {
                continue;
            }
            for (l, &x) in lower.iter_mut().zip(&b[start..i]) {
                *l = x.to_ascii_lowercase();
            }
            if lower[..n].starts_with(b"quarter") {
                out.quarters += 1;
            }
            classify(&lower[..n])
        } else {
            0
        };
        if mask == 0 {
            continue;
        }
        for (k, &(pre, post)) in REACH.iter().enumerate() {
            if mask & (1 << k) == 0 {
                continue;
            }
            let from = floor_boundary(text, start.saturating_sub(pre));
            let to = word_end(b, (i + post).min(b.len()));
            let list = &mut out.windows[k];
            match list.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => list.push((from, to)),
            }
        }
    }
    out
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The first offset at or after `i` that does not split a word or a
/// character: a haystack cut there keeps its word boundaries.
fn word_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] >= 0x80) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_cover_trigger_words_only() {
        let pad = "word ".repeat(40);
        let text = format!("{pad}on Friday {pad}");
        let found = scan(&text);
        let w: Vec<_> = found.windows_of(Class::Weekday as Mask).collect();
        assert_eq!(w.len(), 1);
        let (a, b) = w[0];
        assert!(text[a..b].contains("on Friday"));
        assert!(b - a < 60);
        assert_eq!(found.windows_of(Class::Month as Mask).count(), 0);
        let none = scan(&"nothing to see here ".repeat(20));
        assert!(none.windows.iter().all(Vec::is_empty));
        // Near triggers of a class share a window.
        let found = scan("two weeks and three days later, in March 2023");
        assert_eq!(found.windows_of(Class::Unit as Mask).count(), 1);
        assert_eq!(found.windows_of(Class::Digit as Mask).count(), 1);
        assert_eq!(found.windows_of(Class::Month as Mask).count(), 1);
    }

    #[test]
    fn trigger_words_are_found() {
        assert_eq!(classify(b"sept"), Class::Month as Mask);
        assert_eq!(
            classify(b"weekly"),
            Class::Unit as Mask | Class::Set as Mask
        );
        assert_eq!(classify(b"thanksgiving"), Class::Holiday as Mask);
        assert_eq!(classify(b"yesterday"), Class::Deictic as Mask);
        assert_eq!(classify(b"said"), 0);
        assert_eq!(classify(b"septet"), 0);
        assert!(WORDS.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
    }

    #[test]
    fn windows_end_between_words() {
        let text = format!("Friday {}", "é".repeat(100));
        for k in 0..CLASSES {
            for &(a, b) in &scan(&text).windows[k] {
                assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
            }
        }
    }
}
