//! Which way the clause around an expression points: the tense cue that
//! governs it.
//!
//! No part-of-speech tagger sits below this crate, so tense is read from
//! words: the cue nearest the expression before it in the sentence decides
//! ("officials said Friday" is past; "will resume Friday" future; "the
//! record date is Nov. 9" present), and only when there is none there, the
//! first cue a few words after it ("Friday, an official said"). A cue in
//! another clause is shadowed by a nearer one, so "He said Tuesday that he
//! will go" reads "Tuesday" as past: a future cue counts only when it is the
//! nearest, which keeps it to the clause it governs.

/// The tense cue governing an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
    /// No cue found.
    None,
}

/// How many words after the expression are looked at when none before it
/// is a cue.
const AFTER_WORDS: usize = 6;

/// Irregular past forms common in news (regular ones end in "-ed").
const IRREGULAR_PAST: &[&str] = &[
    "said",
    "told",
    "was",
    "were",
    "had",
    "did",
    "been",
    "took",
    "made",
    "came",
    "went",
    "gave",
    "left",
    "began",
    "found",
    "held",
    "brought",
    "sent",
    "rose",
    "fell",
    "won",
    "lost",
    "saw",
    "spoke",
    "wrote",
    "met",
    "struck",
    "shot",
    "became",
    "got",
    "thought",
    "knew",
    "led",
    "paid",
    "sold",
    "bought",
    "built",
    "broke",
    "chose",
    "drove",
    "fought",
    "flew",
    "kept",
    "ran",
    "sat",
    "stood",
    "spent",
    "taught",
    "threw",
    "wore",
    "ago",
    "last",
    "overnight",
    "since",
];

/// Words that make the clause present ("is", "says").
const PRESENT: &[&str] = &["is", "are", "am", "says", "say", "remains", "remain"];

/// Future cues: modals, and words that put what follows ahead of the
/// dateline ("scheduled", "postponed until", "due").
const FUTURE: &[&str] = &[
    "will",
    "shall",
    "won't",
    "must",
    "scheduled",
    "upcoming",
    "due",
    "soon",
    "until",
    "till",
    "postponed",
    "delayed",
    "deadline",
    "would",
];

/// Future cues only when they govern a verb or the expression ("plans to",
/// "planned for", "expected Monday"), not as nouns ("vacation plans").
const INTENT: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "planning",
    "expect",
    "expects",
    "expected",
    "expecting",
    "intend",
    "intends",
    "intended",
    "hope",
    "hopes",
    "hoped",
];

/// Words right before a date that make it a term or deadline ("payable
/// Dec. 15", "of record Nov. 17", "by Jan. 14", "through Nov. 17",
/// "extended to Nov. 20", "set to expire Nov. 6"): such dates sit on
/// either side of the dateline whatever the past tense of the verb, so they
/// count as present (the nearest reading) unless a future cue governs them.
const TERM: &[&str] = &[
    "payable",
    "record",
    "by",
    "through",
    "to",
    "expire",
    "expires",
    "expiring",
    "effective",
];

/// Words that make a following "plan" or "hope" a noun ("a plan", "its
/// plans").
const DETERMINER: &[&str] = &[
    "a", "an", "the", "its", "their", "his", "her", "our", "my", "your", "this", "that", "new",
    "vacation", "such",
];

/// Words that open another clause: the scan back from an expression stops
/// there ("…hoped she would produce aid where the Aug. 7 blasts killed…").
const CLAUSE: &[&str] = &[
    "where", "which", "who", "whom", "whose", "while", "because", "although", "though", "whereas",
    "but",
];

fn classify(words: &[&str], i: usize) -> Option<Tense> {
    let w = words[i];
    let next = words.get(i + 1).copied().unwrap_or("");
    if FUTURE.contains(&w) {
        return Some(Tense::Future);
    }
    if INTENT.contains(&w) {
        if i > 0 && DETERMINER.contains(&words[i - 1]) {
            return None;
        }
        return Some(Tense::Future);
    }
    // "is to resume", "set to expire", "going to", "set for Monday".
    if matches!(w, "is" | "are" | "was" | "were" | "going" | "set") && next == "to"
        || w == "set" && next == "for"
    {
        return Some(Tense::Future);
    }
    // "as early as Tuesday".
    if w == "early" && i > 0 && words[i - 1] == "as" && next == "as" {
        return Some(Tense::Future);
    }
    // A participle after "be" ("will not be repatriated") takes its tense
    // from the auxiliary further back.
    if i > 0
        && matches!(words[i - 1], "be" | "being" | "to")
        && (is_regular_past(w) || IRREGULAR_PAST.contains(&w))
    {
        return None;
    }
    if PRESENT.contains(&w) {
        return Some(Tense::Present);
    }
    if IRREGULAR_PAST.contains(&w) || is_regular_past(w) {
        return Some(Tense::Past);
    }
    None
}

/// "condemned", "reported"; not "need", "hundred", proper names ("United"
/// never gets here: only lowercase words are cues).
fn is_regular_past(w: &str) -> bool {
    w.len() >= 5 && w.ends_with("ed") && !w.ends_with("eed") && w != "hundred"
}

/// At most how many words on either side are looked at.
const MAX_WORDS: usize = 48;

/// The lowercase words (with inner apostrophes) of a piece of text, the
/// last [`MAX_WORDS`] of them when `tail` is set, else the first; without
/// allocating. Capitalised words are names or sentence openers, never cues:
/// they stay as empty placeholders.
struct Words<'t> {
    list: [&'t str; MAX_WORDS],
    len: usize,
}

impl<'t> Words<'t> {
    fn of(s: &'t str, tail: bool) -> Self {
        let mut list = [""; MAX_WORDS];
        let mut len = 0;
        let pieces = s
            .split(|c: char| !(c.is_ascii_alphabetic() || c == '\'' || c == '’'))
            .map(|w| {
                let w = w.trim_matches(['\'', '’']);
                let w = w.strip_suffix("'s").unwrap_or(w);
                if w.ends_with("'ll") || w.ends_with("’ll") {
                    "will" // "We'll", "it'll"
                } else if w.starts_with(|c: char| c.is_ascii_uppercase()) {
                    "-"
                } else {
                    w
                }
            })
            .filter(|w| !w.is_empty());
        for w in pieces {
            if len == MAX_WORDS {
                if !tail {
                    break;
                }
                list.copy_within(1.., 0);
                len -= 1;
            }
            list[len] = if w == "-" { "" } else { w };
            len += 1;
        }
        Words { list, len }
    }

    fn as_slice(&self) -> &[&'t str] {
        &self.list[..self.len]
    }
}

/// The tense governing an expression, given the sentence text before it
/// and after it. A quotation mark or a word opening another clause ends the
/// scan back; after the expression only tense-bearing verbs count, not the
/// weaker cues of intent or deadline.
pub fn around(before: &str, after: &str) -> Tense {
    let quote = before
        .rfind(['"', '“', '”', '`'])
        .max(before.rfind("''"))
        .map_or(0, |q| q + 1);
    let before = before.get(quote..).unwrap_or(before);
    let b = Words::of(before, true);
    let b = b.as_slice();
    // A term or deadline keeps a future cue but not a past one.
    let term = b.last().is_some_and(|w| TERM.contains(w));
    for i in (0..b.len()).rev() {
        if b[i].is_empty() {
            continue;
        }
        if CLAUSE.contains(&b[i]) {
            break;
        }
        match classify(b, i) {
            Some(Tense::Future) => return Tense::Future,
            Some(_) if term => return Tense::Present,
            Some(t) => return t,
            None => {}
        }
    }
    if term {
        return Tense::Present;
    }
    let a = Words::of(after, false);
    let a = a.as_slice();
    for i in 0..a.len().min(AFTER_WORDS) {
        let w = a[i];
        if w.is_empty() || CLAUSE.contains(&w) {
            continue;
        }
        let strong = w == "will" || w == "shall" || !FUTURE.contains(&w);
        if !strong || INTENT.contains(&w) {
            continue;
        }
        if let Some(t) = classify(a, i) {
            return t;
        }
    }
    Tense::None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_cue_governs() {
        assert_eq!(around("The council will meet on ", "."), Tense::Future);
        assert_eq!(around("He said ", " that he will go."), Tense::Past);
        assert_eq!(
            around("He said the council will meet on ", "."),
            Tense::Future
        );
        assert_eq!(
            around("She will resign, the minister who was sworn in ", "."),
            Tense::Past
        );
        assert_eq!(around("The record date is ", "."), Tense::Present);
        assert_eq!(around("", ", an official said."), Tense::Past);
        assert_eq!(around("Trading is to resume ", "."), Tense::Future);
        assert_eq!(around("The United States ", "."), Tense::None);
        assert_eq!(around("Talks could start as early as ", "."), Tense::Future);
        assert_eq!(around("We'll see on ", "."), Tense::Future);
        // Another clause, another speaker, a noun "plan": no cue.
        assert_eq!(
            around("Aid would come, where the ", " blasts killed 200."),
            Tense::Past
        );
        assert_eq!(around("\"We will win,\" he said ", "."), Tense::Past);
        // "a plan" is a noun: the verb before it decides.
        assert_eq!(around("They signed a plan ", "."), Tense::Past);
        assert_eq!(
            around("The dividend was declared, payable ", "."),
            Tense::Present
        );
        assert_eq!(around("It will be paid ", "."), Tense::Future);
        assert_eq!(around("They expect the sale to close ", "."), Tense::Future);
        assert_eq!(around("They planned to leave on ", "."), Tense::Future);
        assert_eq!(around("", ", the government planned to pay."), Tense::None);
    }
}
