//! The PETRARCH verbs dictionary: synsets, verb blocks, verb forms and
//! patterns.
//!
//! ```text
//! &MONEY                          a synset: its phrases follow, one per `+` line
//! +DOLLARS
//! +SWISS FRANCS                   words apart (space): other words may come between
//! +GOLD_COINS                     words joined (`_`): next to each other
//! +&OTHERSYNSET                   a synset inside a synset
//!
//! --- GIVE  [070] ---             a verb block: its name and default code
//! GIVE {GAVE GIVEN}               the primary verb and its irregular forms
//! DONATE [073]                    a synonym with its own default code
//! +HAND_OVER {+HANDED_OVER}       a phrasal verb; `+` marks the verb word
//! WIRE_+TAP                       words before the verb word
//! - * &MONEY [071]                a pattern: `*` is the verb
//! - + WAS_ * TO $ [072]           `+` target, `$` source, `%` a compound actor,
//!                                 `^` skips one actor, `_` joins, space opens
//! ```
//!
//! Codes: `[064]`, `[174K]`, paired `[032:033]` (source→target, then
//! target→source), and null codes (`[---]`, or anything not made of digits
//! with an optional letter) which code nothing. Regular forms (-S, -ED, -ING,
//! with the E and Y rules) are made for every verb word; forms given in
//! braces are added. `#` and `<!-- -->` are comments. Bad lines are reported
//! as problems and skipped.

use std::collections::HashMap;

use crate::Problem;

/// An event code of the dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    /// Codes nothing (`---` and other non-numeric codes).
    Null,
    /// One event, source → target.
    One(String),
    /// Two events: source → target with the first, target → source with the second.
    Pair(String, String),
}

impl Code {
    /// Reads the inside of `[...]`.
    pub fn parse(s: &str) -> Code {
        let s = s.trim();
        let valid = |c: &str| {
            let digits = c.chars().take_while(|ch| ch.is_ascii_digit()).count();
            (2..=4).contains(&digits)
                && c.len() - digits <= 1
                && c[digits..].chars().all(|ch| ch.is_ascii_alphabetic())
        };
        match s.split_once(':') {
            Some((a, b)) if valid(a.trim()) && valid(b.trim()) => {
                Code::Pair(a.trim().to_string(), b.trim().to_string())
            }
            Some(_) => Code::Null,
            None if valid(s) => Code::One(s.to_string()),
            None => Code::Null,
        }
    }
}

/// One element of a pattern or synset phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elem {
    Word(String),
    Synset(String),
    /// `+`: the target actor.
    Target,
    /// `$`: the source actor.
    Source,
    /// `%`: a compound actor (two or more).
    Compound,
    /// `^`: one actor skipped.
    Skip,
}

/// An element and whether it must touch its neighbour on the verb's side
/// (for the upper part: the element to its right or the verb; for the lower
/// part: the element to its left or the verb).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub elem: Elem,
    pub tight: bool,
}

/// `- upper * lower [code]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// Nearest the verb first.
    pub upper: Vec<Step>,
    /// Nearest the verb first.
    pub lower: Vec<Step>,
    pub code: Code,
    pub line: usize,
    /// The pattern as written (for provenance).
    pub text: String,
}

/// One form of a verb: its words, the index of the verb word among them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub words: Vec<String>,
    pub verb: usize,
    /// The block it belongs to.
    pub block: usize,
    /// The entry's own code (a synonym's `[...]`), else the block's.
    pub code: Code,
}

/// `--- NAME [code] ---` with its verbs and patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub name: String,
    pub code: Code,
    pub patterns: Vec<Pattern>,
    pub line: usize,
}

/// A synset phrase: words with their joins (`tight` = touches the word before).
pub type Phrase = Vec<Step>;

/// The parsed verbs file.
#[derive(Debug, Clone, Default)]
pub struct Verbs {
    pub blocks: Vec<Block>,
    pub synsets: HashMap<String, Vec<Phrase>>,
    /// Verb word form → the forms that have it as their verb word.
    pub forms: HashMap<String, Vec<Form>>,
}

impl Verbs {
    /// Number of verb word forms known.
    pub fn n_forms(&self) -> usize {
        self.forms.values().map(Vec::len).sum()
    }
}

/// Parses the text of a verbs file; `file` names it in problems.
pub fn parse(text: &str, file: &str) -> (Verbs, Vec<Problem>) {
    let mut v = Verbs::default();
    let mut problems = Vec::new();
    let mut synset: Option<String> = None;
    let mut in_block = false;
    for (n, raw) in sitrep_lexicon::phoenix::comment_free_lines(text) {
        let line = raw.trim();
        if line.is_empty() {
            synset = None;
            continue;
        }
        let problem = |m: String| Problem {
            file: file.to_string(),
            line: n,
            message: m,
        };
        if let Some(rest) = line.strip_prefix("---") {
            synset = None;
            let rest = rest.trim_end_matches('-').trim();
            let name = rest.split_whitespace().next().unwrap_or("");
            if name.is_empty() {
                problems.push(problem("verb block without a name".into()));
                in_block = false;
                continue;
            }
            let code = bracket(rest).map_or(Code::Null, Code::parse);
            v.blocks.push(Block {
                name: name.trim_end_matches('_').to_uppercase(),
                code,
                patterns: Vec::new(),
                line: n,
            });
            in_block = true;
        } else if let Some(name) = line.strip_prefix('&') {
            let name = name.split_whitespace().next().unwrap_or("");
            let name = name.trim_end_matches('_').to_uppercase();
            if name.is_empty() {
                problems.push(problem("synset without a name".into()));
                continue;
            }
            v.synsets.entry(name.clone()).or_default();
            synset = Some(name);
            in_block = false;
        } else if let Some(s) = synset.as_ref().filter(|_| line.starts_with('+')) {
            let phrase = steps(&line[1..]);
            if phrase.is_empty() {
                problems.push(problem("empty synset phrase".into()));
            } else if let Some(list) = v.synsets.get_mut(s) {
                list.push(phrase);
            }
        } else if !in_block {
            problems.push(problem(format!(
                "outside any verb block or synset: {line:?}"
            )));
        } else if let Some(p) = line.strip_prefix('-') {
            match pattern(p, n) {
                Ok(p) => {
                    if let Some(b) = v.blocks.last_mut() {
                        b.patterns.push(p);
                    }
                }
                Err(m) => problems.push(problem(m)),
            }
        } else {
            let block = v.blocks.len() - 1;
            match verb_entry(line, block, &v.blocks[block].code) {
                Ok(forms) => {
                    for f in forms {
                        let key = f.words[f.verb].clone();
                        let list = v.forms.entry(key).or_default();
                        if !list.contains(&f) {
                            list.push(f);
                        }
                    }
                }
                Err(m) => problems.push(problem(m)),
            }
        }
    }
    (v, problems)
}

/// The inside of the first `[...]` of a line.
fn bracket(s: &str) -> Option<&str> {
    let open = s.find('[')?;
    let close = s[open..].find(']')? + open;
    Some(&s[open + 1..close])
}

/// Words of a pattern part or phrase: space = open, `_` = joined.
fn steps(s: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for chunk in s.split_whitespace() {
        let mut first = true;
        for part in chunk.split('_') {
            if part.is_empty() {
                first = false;
                continue;
            }
            let elem = match part {
                "+" => Elem::Target,
                "$" => Elem::Source,
                "%" => Elem::Compound,
                "^" => Elem::Skip,
                p if p.starts_with('&') && p.len() > 1 => Elem::Synset(p[1..].to_uppercase()),
                p => Elem::Word(p.to_uppercase()),
            };
            out.push(Step {
                elem,
                tight: !first,
            });
            first = false;
        }
    }
    out
}

fn pattern(p: &str, line: usize) -> Result<Pattern, String> {
    let text = p.trim().to_string();
    let open = p
        .rfind('[')
        .ok_or_else(|| format!("pattern without a code: {text:?}"))?;
    let code = bracket(&p[open..]).map_or(Code::Null, Code::parse);
    let body = &p[..open];
    // `*` may be joined to its neighbours: IN_*, *_OUT.
    let star = body
        .find('*')
        .ok_or_else(|| format!("pattern without `*`: {text:?}"))?;
    let (left, right) = (&body[..star], &body[star + 1..]);
    // `WAS_ *` and `WAS_*` both join WAS to the verb.
    let left_tight = left.trim_end().ends_with('_');
    let right_tight = right.trim_start().starts_with('_');
    let mut upper = steps(left);
    // Upper steps are stored nearest the verb first; `tight` means touching
    // the neighbour on the verb's side, i.e. the next one to the right.
    let n = upper.len();
    let mut ups = Vec::with_capacity(n);
    for i in (0..n).rev() {
        let tight = if i + 1 == n {
            left_tight
        } else {
            upper[i + 1].tight
        };
        ups.push(Step {
            elem: std::mem::replace(&mut upper[i].elem, Elem::Skip),
            tight,
        });
    }
    let mut lower = steps(right);
    if let Some(first) = lower.first_mut() {
        first.tight = right_tight;
    }
    Ok(Pattern {
        upper: ups,
        lower,
        code,
        line,
        text,
    })
}

/// One verb line: words (with `+` on the verb word of a phrase), an optional
/// code and optional `{forms}`.
fn verb_entry(line: &str, block: usize, block_code: &Code) -> Result<Vec<Form>, String> {
    let (head, forms_text) = match (line.find('{'), line.find('}')) {
        (Some(a), Some(b)) if a < b => (
            format!("{} {}", &line[..a], &line[b + 1..]),
            Some(&line[a + 1..b]),
        ),
        (Some(_), _) => return Err(format!("unclosed `{{` in {line:?}")),
        _ => (line.to_string(), None),
    };
    let code = bracket(&head).map_or_else(|| block_code.clone(), Code::parse);
    let words_text = head.split('[').next().unwrap_or("").trim();
    let words_text = words_text.split_whitespace().next().unwrap_or("");
    if words_text.is_empty() {
        return Err(format!("verb line without a verb: {line:?}"));
    }
    let base = phrase_words(words_text);
    let mut out = Vec::new();
    let (words, verb) = base.ok_or_else(|| format!("bad verb phrase {words_text:?}"))?;
    for form in regular_forms(&words[verb]) {
        let mut w = words.clone();
        w[verb] = form;
        out.push(Form {
            words: w,
            verb,
            block,
            code: code.clone(),
        });
    }
    for f in forms_text.into_iter().flat_map(str::split_whitespace) {
        if let Some((w, v)) = phrase_words(f) {
            out.push(Form {
                words: w,
                verb: v,
                block,
                code: code.clone(),
            });
        }
    }
    Ok(out)
}

/// `WIRE_+TAP` → (["WIRE", "TAP"], 1); `+BREAK_DOWN` → (["BREAK", "DOWN"], 0);
/// `ARM_` → (["ARM"], 0).
fn phrase_words(s: &str) -> Option<(Vec<String>, usize)> {
    let mut words = Vec::new();
    let mut verb = None;
    for part in s.split('_').filter(|p| !p.is_empty()) {
        if let Some(p) = part.strip_prefix('+') {
            verb = Some(words.len());
            words.push(p.to_uppercase());
        } else {
            words.push(part.to_uppercase());
        }
    }
    if words.is_empty() || words.iter().any(String::is_empty) {
        return None;
    }
    Some((words, verb.unwrap_or(0)))
}

/// The word and its regular -S, -ED and -ING forms.
pub fn regular_forms(w: &str) -> Vec<String> {
    let mut out = vec![w.to_string()];
    let last = w.chars().last().unwrap_or(' ');
    let before_last = w.chars().rev().nth(1).unwrap_or(' ');
    let vowel = |c: char| "AEIOU".contains(c);
    if last == 'Y' && !vowel(before_last) && w.len() > 1 {
        let stem = &w[..w.len() - 1];
        out.push(format!("{stem}IES"));
        out.push(format!("{stem}IED"));
        out.push(format!("{w}ING"));
    } else if last == 'E' {
        out.push(format!("{w}S"));
        out.push(format!("{w}D"));
        if w.ends_with("EE") {
            out.push(format!("{w}ING"));
        } else {
            out.push(format!("{}ING", &w[..w.len() - 1]));
        }
    } else {
        let es = ["S", "X", "Z", "CH", "SH"].iter().any(|e| w.ends_with(e));
        out.push(format!("{w}{}", if es { "ES" } else { "S" }));
        out.push(format!("{w}ED"));
        out.push(format!("{w}ING"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
<!-- a comment -->
&MONEY
+DOLLARS
+SWISS FRANCS
+GOLD_COINS

--- GIVE  [070] ---
GIVE {GAVE GIVEN}  # note
DONATE [073]
+HAND_OVER {+HANDED_OVER}
WIRE_+TAP
- * &MONEY [071]
- + WAS_ * TO $ [072]
- SAID * [---]
- * BACK [032:033]
";

    #[test]
    fn reads_blocks_forms_patterns_and_synsets() {
        let (v, problems) = parse(SAMPLE, "t.verbs");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(v.blocks.len(), 1);
        assert_eq!(v.blocks[0].code, Code::One("070".into()));
        assert_eq!(v.synsets["MONEY"].len(), 3);
        assert!(v.synsets["MONEY"][2][1].tight);
        assert!(!v.synsets["MONEY"][1][1].tight);
        for w in [
            "GIVE", "GIVES", "GAVE", "GIVEN", "GIVING", "DONATED", "HANDED", "TAPS",
        ] {
            assert!(v.forms.contains_key(w), "{w}");
        }
        // No consonant doubling is guessed: irregular spellings go in braces.
        assert!(!v.forms.contains_key("TAPPED"));
        assert_eq!(v.forms["DONATED"][0].code, Code::One("073".into()));
        let hand = &v.forms["HANDED"][0];
        assert_eq!(
            (hand.words.clone(), hand.verb),
            (vec!["HANDED".to_string(), "OVER".to_string()], 0)
        );
        let tap = &v.forms["TAP"][0];
        assert_eq!(tap.verb, 1);
        let p = &v.blocks[0].patterns;
        assert_eq!(p.len(), 4);
        assert_eq!(
            p[1].upper[0],
            Step {
                elem: Elem::Word("WAS".into()),
                tight: true
            }
        );
        assert_eq!(
            p[1].upper[1],
            Step {
                elem: Elem::Target,
                tight: false
            }
        );
        assert_eq!(p[1].lower[1].elem, Elem::Source);
        assert_eq!(p[2].code, Code::Null);
        assert_eq!(p[3].code, Code::Pair("032".into(), "033".into()));
    }

    #[test]
    fn codes() {
        assert_eq!(Code::parse("174K"), Code::One("174K".into()));
        assert_eq!(Code::parse("+++"), Code::Null);
        assert_eq!(Code::parse("xxy"), Code::Null);
        assert_eq!(
            Code::parse(" 030:030 "),
            Code::Pair("030".into(), "030".into())
        );
    }

    #[test]
    fn bad_lines_are_problems_not_panics() {
        let (_, problems) = parse(
            "- * X [01]\n--- \n--- A [01] ---\nA {B\n- no star [01]\n",
            "bad",
        );
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().all(|p| p.file == "bad" && p.line > 0));
    }
}
