//! The verb-pattern dictionary: CAMEO codes with their PLOVER type, mode and
//! context, and the patterns that code them (`data/cameo/*.toml`, pattern
//! language in `data/README.md`), indexed by the word forms that can start
//! a match.

use std::collections::HashMap;

use serde::Deserialize;

use crate::{Error, Result};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    event: Vec<EntryToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryToml {
    code: String,
    label: String,
    plover: String,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    context: Vec<String>,
    patterns: Vec<String>,
}

/// One CAMEO code and what it means in PLOVER.
#[derive(Debug, Clone)]
pub struct Code {
    pub code: String,
    pub label: String,
    pub plover: String,
    pub mode: Option<String>,
    pub context: Vec<String>,
}

/// One alternative of a pattern element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Alt {
    /// A verb lemma: any inflection matches.
    Lemma(String),
    /// A word, or its plural.
    Word(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Elem {
    Alts(Vec<Alt>),
    /// `+`: the target's noun phrase.
    Target,
    /// `$`: the source's noun phrase.
    Source,
}

#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub code: usize,
    pub elems: Vec<Elem>,
    pub text: String,
}

impl Pattern {
    /// Index of the trigger word: 0, or 1 after a leading slot.
    pub(crate) fn trigger(&self) -> usize {
        usize::from(!matches!(self.elems.first(), Some(Elem::Alts(_))))
    }
}

/// The loaded dictionary.
#[derive(Debug, Default)]
pub struct Dictionary {
    pub(crate) codes: Vec<Code>,
    pub(crate) patterns: Vec<Pattern>,
    /// Word form → patterns whose first element it can match.
    pub(crate) index: HashMap<String, Vec<usize>>,
    /// Word form → verb lemmas it is a form of.
    pub(crate) lemmas: HashMap<String, Vec<String>>,
    /// Irregular verbs: lemma → past and participle forms.
    irregular: HashMap<String, Vec<String>>,
}

/// The shipped dictionary files, compiled in.
const SHIPPED: &[(&str, &str)] = &[
    (
        "01_statement.toml",
        include_str!("../data/cameo/01_statement.toml"),
    ),
    (
        "02_appeal.toml",
        include_str!("../data/cameo/02_appeal.toml"),
    ),
    (
        "03_intent.toml",
        include_str!("../data/cameo/03_intent.toml"),
    ),
    (
        "04_consult.toml",
        include_str!("../data/cameo/04_consult.toml"),
    ),
    (
        "05_cooperate_diplomatic.toml",
        include_str!("../data/cameo/05_cooperate_diplomatic.toml"),
    ),
    (
        "06_cooperate_material.toml",
        include_str!("../data/cameo/06_cooperate_material.toml"),
    ),
    ("07_aid.toml", include_str!("../data/cameo/07_aid.toml")),
    ("08_yield.toml", include_str!("../data/cameo/08_yield.toml")),
    (
        "09_investigate.toml",
        include_str!("../data/cameo/09_investigate.toml"),
    ),
    (
        "10_demand.toml",
        include_str!("../data/cameo/10_demand.toml"),
    ),
    (
        "11_disapprove.toml",
        include_str!("../data/cameo/11_disapprove.toml"),
    ),
    (
        "12_reject.toml",
        include_str!("../data/cameo/12_reject.toml"),
    ),
    (
        "13_threaten.toml",
        include_str!("../data/cameo/13_threaten.toml"),
    ),
    (
        "14_protest.toml",
        include_str!("../data/cameo/14_protest.toml"),
    ),
    (
        "15_force_posture.toml",
        include_str!("../data/cameo/15_force_posture.toml"),
    ),
    (
        "16_reduce_relations.toml",
        include_str!("../data/cameo/16_reduce_relations.toml"),
    ),
    (
        "17_coerce.toml",
        include_str!("../data/cameo/17_coerce.toml"),
    ),
    (
        "18_assault.toml",
        include_str!("../data/cameo/18_assault.toml"),
    ),
    ("19_fight.toml", include_str!("../data/cameo/19_fight.toml")),
    (
        "20_mass_violence.toml",
        include_str!("../data/cameo/20_mass_violence.toml"),
    ),
];

const IRREGULAR: &str = include_str!("../data/irregular_verbs.toml");

impl Dictionary {
    /// The team's dictionary.
    pub fn shipped() -> Result<Self> {
        let mut d = Self::with_irregular(IRREGULAR)?;
        for (name, src) in SHIPPED {
            d.add_file(name, src)?;
        }
        Ok(d)
    }

    /// An empty dictionary that knows the irregular verbs in `src`
    /// (`lemma = ["past", "participle", …]`).
    pub fn with_irregular(src: &str) -> Result<Self> {
        let irregular: HashMap<String, Vec<String>> =
            toml::from_str(src).map_err(|e| Error::Data {
                file: "irregular_verbs.toml".into(),
                detail: e.to_string(),
            })?;
        Ok(Self {
            irregular,
            ..Self::default()
        })
    }

    /// Adds the codes of one file in the dictionary format.
    pub fn add_file(&mut self, name: &str, src: &str) -> Result<()> {
        let err = |detail: String| Error::Data {
            file: name.to_string(),
            detail,
        };
        let file: File = toml::from_str(src).map_err(|e| err(e.to_string()))?;
        for e in file.event {
            if e.code.is_empty() || !e.code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(format!("code {:?} is not a CAMEO code", e.code)));
            }
            let code = self.codes.len();
            self.codes.push(Code {
                code: e.code.clone(),
                label: e.label,
                plover: e.plover,
                mode: e.mode.filter(|m| !m.is_empty()),
                context: e.context,
            });
            for p in &e.patterns {
                let elems = parse_pattern(p)
                    .map_err(|d| err(format!("code {}: pattern {p:?}: {d}", e.code)))?;
                self.add_pattern(Pattern {
                    code,
                    elems,
                    text: p.clone(),
                });
            }
        }
        Ok(())
    }

    fn add_pattern(&mut self, p: Pattern) {
        let i = self.patterns.len();
        if let Some(Elem::Alts(alts)) = p.elems.get(p.trigger()) {
            for alt in alts.clone() {
                for form in self.forms(&alt) {
                    let list = self.index.entry(form).or_default();
                    if !list.contains(&i) {
                        list.push(i);
                    }
                }
            }
        }
        for e in &p.elems {
            if let Elem::Alts(alts) = e {
                for alt in alts.clone() {
                    if let Alt::Lemma(l) = &alt {
                        for form in self.forms(&alt) {
                            let list = self.lemmas.entry(form).or_default();
                            if !list.contains(l) {
                                list.push(l.clone());
                            }
                        }
                    }
                }
            }
        }
        self.patterns.push(p);
    }

    /// Every form an alternative matches.
    pub(crate) fn forms(&self, alt: &Alt) -> Vec<String> {
        match alt {
            Alt::Word(w) => plurals(w),
            Alt::Lemma(l) => {
                let mut out = inflect(l);
                if let Some(irr) = self.irregular.get(l) {
                    // Irregular past forms replace the regular "-ed" ones.
                    out.retain(|f| !f.ends_with("ed") || l.ends_with("ed"));
                    out.extend(irr.iter().cloned());
                }
                out.sort();
                out.dedup();
                out
            }
        }
    }

    /// Whether the token form `w` matches alternative `alt`.
    pub(crate) fn matches(&self, alt: &Alt, w: &str) -> bool {
        match alt {
            Alt::Word(x) => w == x || plurals(x).iter().any(|p| p == w),
            Alt::Lemma(l) => self.lemmas.get(w).is_some_and(|ls| ls.contains(l)),
        }
    }

    /// Number of codes and patterns.
    pub fn size(&self) -> (usize, usize) {
        (self.codes.len(), self.patterns.len())
    }

    /// The codes, in file order.
    pub fn codes(&self) -> &[Code] {
        &self.codes
    }
}

fn parse_pattern(p: &str) -> std::result::Result<Vec<Elem>, String> {
    let mut out = Vec::new();
    for part in p.split_whitespace() {
        out.push(match part {
            "+" => Elem::Target,
            "$" => Elem::Source,
            _ => Elem::Alts(
                part.split('|')
                    .map(|a| {
                        if let Some(l) = a.strip_prefix('~') {
                            if l.is_empty() {
                                return Err("empty lemma".to_string());
                            }
                            Ok(Alt::Lemma(l.to_lowercase()))
                        } else if a.is_empty() {
                            Err("empty alternative".to_string())
                        } else {
                            Ok(Alt::Word(a.to_lowercase()))
                        }
                    })
                    .collect::<std::result::Result<Vec<_>, _>>()?,
            ),
        });
    }
    // At most one slot before the trigger word ("+ war crime": the accused
    // named just before the noun).
    match out.as_slice() {
        [] => Err("empty pattern".into()),
        [Elem::Alts(_), ..] => Ok(out),
        [Elem::Target | Elem::Source, Elem::Alts(_), ..] => Ok(out),
        _ => Err("a pattern needs its trigger word first or right after one slot".into()),
    }
}

/// A noun and its plural forms.
fn plurals(w: &str) -> Vec<String> {
    let mut out = vec![w.to_string(), format!("{w}s")];
    if w.ends_with('s') || w.ends_with('x') || w.ends_with("ch") || w.ends_with("sh") {
        out.push(format!("{w}es"));
    }
    if let Some(stem) = w.strip_suffix('y') {
        if !stem.ends_with(['a', 'e', 'o', 'u']) {
            out.push(format!("{stem}ies"));
        }
    }
    out
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Verbs whose final consonant doubles though they have more than one
/// syllable (stress on the last).
const DOUBLING: &[&str] = &[
    "commit", "admit", "omit", "permit", "submit", "refer", "prefer", "regret", "compel", "expel",
    "patrol", "control", "equip", "kidnap", "occur", "rebel", "repel", "propel", "dispel",
    "transfer", "deter", "confer", "infer", "acquit", "abet", "embed", "worship", "handicap",
];

/// Whether the last consonant doubles before "-ed"/"-ing" ("stop" → "stopped").
fn doubles(l: &str) -> bool {
    if DOUBLING.contains(&l) {
        return true;
    }
    let c: Vec<char> = l.chars().collect();
    let n = c.len();
    // One syllable only: "stop", "ban", but not "open", "edit".
    let syllables = c
        .iter()
        .enumerate()
        .filter(|&(i, &ch)| is_vowel(ch) && (i == 0 || !is_vowel(c[i - 1])))
        .count();
    syllables == 1
        && (3..=4).contains(&n)
        && !is_vowel(c[n - 1])
        && !matches!(c[n - 1], 'w' | 'x' | 'y')
        && is_vowel(c[n - 2])
        && !is_vowel(c[n - 3])
}

/// Regular inflections of a verb lemma (multi-word lemmas are not inflected).
fn inflect(l: &str) -> Vec<String> {
    let mut out = vec![l.to_string()];
    let last = l.chars().last().unwrap_or(' ');
    // Third person singular.
    if l.ends_with('s')
        || l.ends_with('x')
        || l.ends_with('z')
        || l.ends_with("ch")
        || l.ends_with("sh")
        || l.ends_with('o')
    {
        out.push(format!("{l}es"));
    } else if let Some(stem) = l.strip_suffix('y').filter(|s| !s.ends_with(is_vowel)) {
        out.push(format!("{stem}ies"));
    } else {
        out.push(format!("{l}s"));
    }
    // Past and participle.
    if l.ends_with('e') {
        out.push(format!("{l}d"));
    } else if let Some(stem) = l.strip_suffix('y').filter(|s| !s.ends_with(is_vowel)) {
        out.push(format!("{stem}ied"));
    } else if doubles(l) {
        out.push(format!("{l}{last}ed"));
    } else {
        out.push(format!("{l}ed"));
    }
    // Present participle.
    if let Some(stem) = l.strip_suffix("ie") {
        out.push(format!("{stem}ying"));
    } else if l.ends_with('e') && !l.ends_with("ee") && !l.ends_with("ye") && !l.ends_with("oe") {
        out.push(format!("{}ing", &l[..l.len() - 1]));
    } else if doubles(l) {
        out.push(format!("{l}{last}ing"));
    } else {
        out.push(format!("{l}ing"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        let f = inflect("stop");
        assert!(f.contains(&"stopped".to_string()) && f.contains(&"stopping".to_string()));
        let f = inflect("accuse");
        assert!(f.contains(&"accused".to_string()) && f.contains(&"accusing".to_string()));
        let f = inflect("carry");
        assert!(f.contains(&"carried".to_string()) && f.contains(&"carries".to_string()));
        let f = inflect("visit");
        assert!(f.contains(&"visited".to_string()) && !f.contains(&"visitted".to_string()));
        let f = inflect("commit");
        assert!(f.contains(&"committed".to_string()));
        assert!(plurals("talk").contains(&"talks".to_string()));
        assert!(plurals("strike").contains(&"strikes".to_string()));
        assert!(plurals("ally").contains(&"allies".to_string()));
    }

    #[test]
    fn patterns_and_irregular_verbs() {
        let mut d = Dictionary::with_irregular("speak = [\"spoke\", \"spoken\"]").unwrap();
        d.add_file(
            "t.toml",
            "[[event]]\ncode = \"041\"\nlabel = \"Discuss by telephone\"\nplover = \"CONSULT\"\nmode = \"phone\"\npatterns = [\"~speak by phone|telephone with +\"]\n",
        )
        .unwrap();
        assert_eq!(d.size(), (1, 1));
        assert!(d.index.contains_key("spoke"));
        assert!(d.index.contains_key("speaking"));
        assert!(!d.index.contains_key("speaked"));
        assert!(d.matches(&Alt::Lemma("speak".into()), "spoken"));
        let bad = "[[event]]\ncode = \"04x\"\nlabel = \"x\"\nplover = \"CONSULT\"\npatterns = [\"~meet +\"]\n";
        assert!(d.add_file("bad.toml", bad).is_err());
        let bad = "[[event]]\ncode = \"040\"\nlabel = \"x\"\nplover = \"CONSULT\"\npatterns = [\"+ $ ~meet\"]\n";
        assert!(d.add_file("bad.toml", bad).is_err());
        let ok = "[[event]]\ncode = \"1124\"\nlabel = \"x\"\nplover = \"ACCUSE\"\npatterns = [\"+ war crime\"]\n";
        assert!(d.add_file("ok.toml", ok).is_ok());
        assert!(d.index.contains_key("war"));
    }
}
