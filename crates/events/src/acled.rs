//! ACLED sub-event types: one label for a text from its coded events, the
//! actor-less dictionary matches and cue words for the means of violence.
//!
//! The rules are data (`data/acled.toml`, rule language in `data/README.md`):
//! tried in order, the first match gives the label. [`AcledMapper::decide`]
//! also says which rule decided, for error analysis.

use std::fmt;

use serde::Deserialize;
use sitrep_model::CodedEvent;

use crate::{Dictionary, Error, Result, Trigger};

macro_rules! subtypes {
    ($( $variant:ident = $label:literal, $acled:literal; )*) => {
        /// An ACLED sub-event type, or one of the five extra classes of the
        /// CASE 2021 shared task (task 2) where [`SubType::is_acled`] is false.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum SubType {
            $( $variant, )*
        }

        impl SubType {
            /// Every label, ACLED's 25 and CASE 2021's five.
            pub const ALL: &'static [SubType] = &[$( SubType::$variant, )*];

            /// The label as ACLED and CASE 2021 write it (`AIR_STRIKE`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $( SubType::$variant => $label, )*
                }
            }

            /// Whether the label is one of ACLED's 25 sub-event types.
            pub fn is_acled(self) -> bool {
                match self {
                    $( SubType::$variant => $acled, )*
                }
            }
        }
    };
}

subtypes! {
    AbductDissap = "ABDUCT_DISSAP", true;
    Agreement = "AGREEMENT", true;
    AirStrike = "AIR_STRIKE", true;
    ArmedClash = "ARMED_CLASH", true;
    Arrest = "ARREST", true;
    ArtMissAttack = "ART_MISS_ATTACK", true;
    Attack = "ATTACK", true;
    ChangeToGroupAct = "CHANGE_TO_GROUP_ACT", true;
    ChemWeap = "CHEM_WEAP", true;
    DisrWeap = "DISR_WEAP", true;
    ForceAgainstProtest = "FORCE_AGAINST_PROTEST", true;
    GovRegainsTerit = "GOV_REGAINS_TERIT", true;
    Grenade = "GRENADE", true;
    HqEstablished = "HQ_ESTABLISHED", true;
    MobViol = "MOB_VIOL", true;
    NonStateActorOvertakesTer = "NON_STATE_ACTOR_OVERTAKES_TER", true;
    NonViolTerritTransfer = "NON_VIOL_TERRIT_TRANSFER", true;
    Other = "OTHER", true;
    PeaceProtest = "PEACE_PROTEST", true;
    PropertyDistruct = "PROPERTY_DISTRUCT", true;
    ProtestWithInter = "PROTEST_WITH_INTER", true;
    RemExplos = "REM_EXPLOS", true;
    SexViol = "SEX_VIOL", true;
    SuicBomb = "SUIC_BOMB", true;
    ViolDemonstr = "VIOL_DEMONSTR", true;
    Attrib = "ATTRIB", false;
    Diplo = "DIPLO", false;
    ManMadeDisaster = "MAN_MADE_DISASTER", false;
    NaturalDisaster = "NATURAL_DISASTER", false;
    OrgCrime = "ORG_CRIME", false;
}

impl SubType {
    /// The type a label names.
    pub fn parse(label: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|t| t.as_str() == label)
    }
}

impl fmt::Display for SubType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SubType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown sub-type {s:?}")))
    }
}

/// Which side acts: ACLED separates government forces regaining territory
/// from non-state actors overtaking it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    State,
    NonState,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    default: SubType,
    actors: ActorsToml,
    rule: Vec<RuleToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorsToml {
    state_sectors: Vec<String>,
    non_state_sectors: Vec<String>,
    state: Vec<String>,
    non_state: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleToml {
    subtype: SubType,
    #[serde(default)]
    cues: Vec<String>,
    #[serde(default)]
    cameo: Vec<String>,
    #[serde(default)]
    also: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
    #[serde(default)]
    actor: Option<ActorKind>,
}

/// One alternative of a cue word.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Alt {
    /// The word, or its plural in -s/-es.
    Word(String),
    /// `stem*`: any word starting with the stem.
    Prefix(String),
}

impl Alt {
    fn matches(&self, w: &str) -> bool {
        match self {
            Alt::Word(x) => {
                w == x
                    || w.strip_suffix('s')
                        .is_some_and(|s| s == x || s.strip_suffix('e') == Some(x))
            }
            Alt::Prefix(p) => w.starts_with(p.as_str()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Elem {
    /// One word, any of the alternatives.
    Word(Vec<Alt>),
    /// `...`: up to [`GAP`] words.
    Gap,
    /// `!a|b`: the next word is none of these (matches no word itself).
    Not(Vec<Alt>),
}

/// How many words `...` may skip.
const GAP: usize = 4;

/// A cue phrase.
#[derive(Debug, Clone)]
struct Cue {
    elems: Vec<Elem>,
}

impl Cue {
    fn parse(src: &str) -> std::result::Result<Self, String> {
        let alts = |s: &str| -> std::result::Result<Vec<Alt>, String> {
            s.split('|')
                .map(|a| {
                    let stem = a.strip_suffix('*');
                    let w = stem.unwrap_or(a);
                    if w.is_empty() || !w.chars().all(|c| c.is_alphanumeric() && !c.is_uppercase())
                    {
                        return Err(format!(
                            "bad word {a:?} (lower-case letters and digits only)"
                        ));
                    }
                    Ok(match stem {
                        Some(p) => Alt::Prefix(p.to_string()),
                        None => Alt::Word(w.to_string()),
                    })
                })
                .collect()
        };
        let mut elems = Vec::new();
        for tok in src.split(' ') {
            elems.push(match tok {
                "..." => Elem::Gap,
                t if t.starts_with('!') => Elem::Not(alts(&t[1..])?),
                t => Elem::Word(alts(t)?),
            });
        }
        if !matches!(elems.first(), Some(Elem::Word(_))) {
            return Err("a cue starts with a word".into());
        }
        if matches!(elems.last(), Some(Elem::Gap)) {
            return Err("a cue may not end with `...`".into());
        }
        if elems
            .windows(2)
            .any(|w| matches!(w, [Elem::Gap, Elem::Gap]))
        {
            return Err("`... ...`".into());
        }
        Ok(Self { elems })
    }

    /// The first word index where the cue matches.
    fn find(&self, words: &[String]) -> Option<usize> {
        (0..words.len()).find(|&i| matches_at(&self.elems, words, i))
    }
}

fn matches_at(elems: &[Elem], words: &[String], i: usize) -> bool {
    let Some((first, rest)) = elems.split_first() else {
        return true;
    };
    match first {
        Elem::Word(alts) => {
            i < words.len()
                && alts.iter().any(|a| a.matches(&words[i]))
                && matches_at(rest, words, i + 1)
        }
        Elem::Gap => (0..=GAP)
            .take_while(|k| i + k <= words.len())
            .any(|k| matches_at(rest, words, i + k)),
        Elem::Not(alts) => {
            !(i < words.len() && alts.iter().any(|a| a.matches(&words[i])))
                && matches_at(rest, words, i)
        }
    }
}

/// The lower-case words of a text: runs of letters and digits ("al-Shabaab"
/// is `al`, `shabaab`).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[derive(Debug)]
struct Rule {
    subtype: SubType,
    cues: Vec<Cue>,
    cameo: Vec<String>,
    also: Vec<Cue>,
    unless: Vec<Cue>,
    actor: Option<ActorKind>,
}

/// The label and the rule (0-based, in file order) that gave it; `None`
/// for the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub subtype: SubType,
    pub rule: Option<usize>,
}

/// Maps what the coder found in a text to one ACLED sub-event type.
#[derive(Debug)]
pub struct AcledMapper {
    default: SubType,
    rules: Vec<Rule>,
    state_sectors: Vec<String>,
    non_state_sectors: Vec<String>,
    state: Vec<Cue>,
    non_state: Vec<Cue>,
}

const SHIPPED: &str = include_str!("../data/acled.toml");

impl AcledMapper {
    /// The team's rules (`data/acled.toml`).
    pub fn shipped() -> Result<Self> {
        Self::from_toml("acled.toml", SHIPPED)
    }

    /// Rules in the `acled.toml` format; `name` names the file in errors.
    pub fn from_toml(name: &str, src: &str) -> Result<Self> {
        let err = |detail: String| Error::Data {
            file: name.to_string(),
            detail,
        };
        let file: FileToml = toml::from_str(src).map_err(|e| err(e.to_string()))?;
        let cues = |list: &[String], what: &str| -> Result<Vec<Cue>> {
            list.iter()
                .map(|c| Cue::parse(c).map_err(|d| err(format!("{what}: cue {c:?}: {d}"))))
                .collect()
        };
        let mut rules = Vec::with_capacity(file.rule.len());
        for (i, r) in file.rule.iter().enumerate() {
            let what = format!("rule {} ({})", i + 1, r.subtype);
            if r.cues.is_empty() && r.cameo.is_empty() {
                return Err(err(format!("{what}: no cues and no cameo codes")));
            }
            if let Some(c) = r
                .cameo
                .iter()
                .find(|c| c.is_empty() || !c.bytes().all(|b| b.is_ascii_digit()))
            {
                return Err(err(format!("{what}: {c:?} is not a CAMEO code prefix")));
            }
            rules.push(Rule {
                subtype: r.subtype,
                cues: cues(&r.cues, &what)?,
                cameo: r.cameo.clone(),
                also: cues(&r.also, &what)?,
                unless: cues(&r.unless, &what)?,
                actor: r.actor,
            });
        }
        Ok(Self {
            default: file.default,
            rules,
            state: cues(&file.actors.state, "actors.state")?,
            non_state: cues(&file.actors.non_state, "actors.non_state")?,
            state_sectors: file.actors.state_sectors,
            non_state_sectors: file.actors.non_state_sectors,
        })
    }

    /// Every label some rule can give, and the default.
    pub fn labels(&self) -> Vec<SubType> {
        let mut out: Vec<SubType> = self.rules.iter().map(|r| r.subtype).collect();
        out.push(self.default);
        out.sort();
        out.dedup();
        out
    }

    /// The sub-type of a text: `events` are what the coder coded from it
    /// (flagged ones too), `triggers` its dictionary matches with or without
    /// actors, `dict` the dictionary the triggers index.
    pub fn subtype(
        &self,
        text: &str,
        events: &[CodedEvent],
        triggers: &[Trigger],
        dict: &Dictionary,
    ) -> SubType {
        self.decide(text, events, triggers, dict).subtype
    }

    /// [`AcledMapper::subtype`] with the rule that decided.
    pub fn decide(
        &self,
        text: &str,
        events: &[CodedEvent],
        triggers: &[Trigger],
        dict: &Dictionary,
    ) -> Decision {
        let words = words(text);
        let codes: Vec<&str> = events
            .iter()
            .map(|e| e.cameo.as_str())
            .chain(
                triggers
                    .iter()
                    .filter_map(|t| dict.codes().get(t.code).map(|c| c.code.as_str())),
            )
            .collect();
        let mut kind = None;
        let any = |cues: &[Cue]| cues.iter().any(|c| c.find(&words).is_some());
        for (i, r) in self.rules.iter().enumerate() {
            let hit = any(&r.cues)
                || r.cameo
                    .iter()
                    .any(|p| codes.iter().any(|c| c.starts_with(p.as_str())));
            if !hit || (!r.also.is_empty() && !any(&r.also)) || any(&r.unless) {
                continue;
            }
            if let Some(want) = r.actor {
                let k = *kind.get_or_insert_with(|| self.actor_kind(&words, events));
                if k != Some(want) {
                    continue;
                }
            }
            return Decision {
                subtype: r.subtype,
                rule: Some(i),
            };
        }
        Decision {
            subtype: self.default,
            rule: None,
        }
    }

    /// The acting side: the source of the first material event (CAMEO root
    /// 15 and up) whose sector is listed, else the side whose cue comes first.
    fn actor_kind(&self, words: &[String], events: &[CodedEvent]) -> Option<ActorKind> {
        let material = |c: &str| c.get(..2).and_then(|r| r.parse::<u8>().ok()) >= Some(15);
        for e in events.iter().filter(|e| material(&e.cameo)) {
            let Some(sector) = e.source.sector.as_deref() else {
                continue;
            };
            if self.state_sectors.iter().any(|s| s == sector) {
                return Some(ActorKind::State);
            }
            if self.non_state_sectors.iter().any(|s| s == sector) {
                return Some(ActorKind::NonState);
            }
        }
        let first = |cues: &[Cue]| cues.iter().filter_map(|c| c.find(words)).min();
        match (first(&self.state), first(&self.non_state)) {
            (Some(s), Some(n)) if n < s => Some(ActorKind::NonState),
            (Some(_), _) => Some(ActorKind::State),
            (None, Some(_)) => Some(ActorKind::NonState),
            (None, None) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ACLED's 25 sub-event types as the CASE 2021 data writes them.
    const ACLED: [&str; 25] = [
        "ABDUCT_DISSAP",
        "AGREEMENT",
        "AIR_STRIKE",
        "ARMED_CLASH",
        "ARREST",
        "ART_MISS_ATTACK",
        "ATTACK",
        "CHANGE_TO_GROUP_ACT",
        "CHEM_WEAP",
        "DISR_WEAP",
        "FORCE_AGAINST_PROTEST",
        "GOV_REGAINS_TERIT",
        "GRENADE",
        "HQ_ESTABLISHED",
        "MOB_VIOL",
        "NON_STATE_ACTOR_OVERTAKES_TER",
        "NON_VIOL_TERRIT_TRANSFER",
        "OTHER",
        "PEACE_PROTEST",
        "PROPERTY_DISTRUCT",
        "PROTEST_WITH_INTER",
        "REM_EXPLOS",
        "SEX_VIOL",
        "SUIC_BOMB",
        "VIOL_DEMONSTR",
    ];
    /// The extra classes of CASE 2021 task 2.
    const CASE_EXTRA: [&str; 5] = [
        "ATTRIB",
        "DIPLO",
        "MAN_MADE_DISASTER",
        "NATURAL_DISASTER",
        "ORG_CRIME",
    ];

    fn mapper() -> AcledMapper {
        AcledMapper::shipped().unwrap()
    }

    fn label(text: &str) -> &'static str {
        let dict = Dictionary::default();
        mapper().subtype(text, &[], &[], &dict).as_str()
    }

    #[test]
    fn every_label_is_acled_or_case() {
        let m = mapper();
        for t in m.labels() {
            let l = t.as_str();
            assert_eq!(ACLED.contains(&l), t.is_acled(), "{l}");
            assert!(ACLED.contains(&l) || CASE_EXTRA.contains(&l), "{l}");
        }
        let acled: Vec<&str> = SubType::ALL
            .iter()
            .filter(|t| t.is_acled())
            .map(|t| t.as_str())
            .collect();
        assert_eq!(acled, ACLED);
        // Every ACLED type except the residual one has a rule.
        for l in ACLED {
            let t = SubType::parse(l).unwrap();
            assert!(t == SubType::Other || m.labels().contains(&t), "{l}");
        }
    }

    #[test]
    fn means_decide() {
        let cases = [
            (
                "Warplanes pounded the outskirts of the town overnight.",
                "AIR_STRIKE",
            ),
            (
                "A drone strike hit a vehicle near the border on Monday.",
                "AIR_STRIKE",
            ),
            (
                "Mortar rounds landed in a market, residents said.",
                "ART_MISS_ATTACK",
            ),
            ("A roadside bomb tore through a police van.", "REM_EXPLOS"),
            (
                "A suicide bomber detonated a car bomb at the checkpoint.",
                "SUIC_BOMB",
            ),
            ("An unknown man lobbed a grenade into the shop.", "GRENADE"),
            (
                "Residents reported a strong smell of chlorine after the attack.",
                "CHEM_WEAP",
            ),
            (
                "Engineers defused an explosive device found under a bridge.",
                "DISR_WEAP",
            ),
            (
                "Police seized a large cache of weapons in a raid.",
                "DISR_WEAP",
            ),
            ("Two gunmen opened fire on a wedding party.", "ATTACK"),
            (
                "Fierce clashes broke out between two armed factions.",
                "ARMED_CLASH",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(label(text), want, "{text}");
        }
    }

    #[test]
    fn protests_by_what_happened_to_them() {
        let cases = [
            (
                "Thousands of teachers held a peaceful rally over unpaid wages.",
                "PEACE_PROTEST",
            ),
            (
                "Police fired tear gas to disperse the protesters.",
                "PROTEST_WITH_INTER",
            ),
            (
                "Security forces opened fire on demonstrators, killing four.",
                "FORCE_AGAINST_PROTEST",
            ),
            (
                "Protesters hurled stones at a bank and set a car on fire.",
                "VIOL_DEMONSTR",
            ),
            (
                "Riot police lined the square as students protested quietly.",
                "PEACE_PROTEST",
            ),
            ("A mob lynched a man accused of theft.", "MOB_VIOL"),
        ];
        for (text, want) in cases {
            assert_eq!(label(text), want, "{text}");
        }
    }

    #[test]
    fn territory_by_who_takes_it() {
        assert_eq!(
            label("Government forces recaptured the district after a week of fighting."),
            "GOV_REGAINS_TERIT"
        );
        assert_eq!(
            label("Rebels seized control of the provincial capital on Sunday."),
            "NON_STATE_ACTOR_OVERTAKES_TER"
        );
        assert_eq!(
            label("The militia withdrew from the town and handed it over without a fight."),
            "NON_VIOL_TERRIT_TRANSFER"
        );
    }

    #[test]
    fn coded_events_decide_when_no_cue_does() {
        let dict = Dictionary::shipped().unwrap();
        let code = dict.codes().iter().position(|c| c.code == "173").unwrap();
        let trigger = Trigger {
            sentence: 0,
            code,
            span: sitrep_model::Span::new(0, 3),
        };
        let m = mapper();
        let d = m.decide("They were taken away at dawn.", &[], &[trigger], &dict);
        assert_eq!(d.subtype, SubType::Arrest);
        assert!(d.rule.is_some());
        assert_eq!(m.subtype("Nothing here.", &[], &[], &dict), SubType::Other);
    }

    #[test]
    fn cue_language() {
        let w = words("Riot police dispersed the rioters; the army's shelling went on.");
        let find = |c: &str| Cue::parse(c).unwrap().find(&w);
        assert_eq!(find("riot !police"), None);
        assert_eq!(find("rioter*"), Some(4));
        assert_eq!(find("army ... shell|shelling"), Some(6));
        assert_eq!(
            find("police ... shelling"),
            None,
            "gap longer than four words"
        );
        assert_eq!(find("policeman|police"), Some(1));
        assert_eq!(find("rioter"), Some(4), "plural in -s");
        for bad in ["", "... x", "x ...", "Upper", "a  b", "x|", "!x"] {
            assert!(Cue::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn bad_files_name_the_rule() {
        let src = "default = \"OTHER\"\n[actors]\nstate_sectors = []\nnon_state_sectors = []\nstate = []\nnon_state = []\n[[rule]]\nsubtype = \"AIR_STRIKE\"\ncues = [\"Jets\"]\n";
        let e = AcledMapper::from_toml("x.toml", src)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("x.toml") && e.contains("rule 1 (AIR_STRIKE)"),
            "{e}"
        );
        let unknown = src.replace("AIR_STRIKE", "AIRSTRIKE");
        assert!(AcledMapper::from_toml("x.toml", &unknown).is_err());
    }
}
