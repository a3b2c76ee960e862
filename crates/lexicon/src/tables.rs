//! The lexicon's tables beyond countries: people with dated roles,
//! organisations, CAMEO agent terms and places. Each is a TOML file of the
//! shipped form (see the header of each file under `data/`).

use jiff::civil::Date;
use serde::Deserialize;

/// One person and the roles they held.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Short forms used alone after a first mention ("Raisi", "al-Assad").
    #[serde(default)]
    pub surnames: Vec<String>,
    /// ISO alpha-3 of the main national affiliation.
    pub country: String,
    #[serde(default)]
    pub gender: Option<String>,
    #[serde(default, rename = "role")]
    pub roles: Vec<Role>,
}

/// An office held between two dates.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub office: Office,
    pub title: String,
    /// ISO alpha-3; `None` means the person's country (or an org role).
    #[serde(default)]
    pub country: Option<String>,
    /// Organisation id for roles in an organisation.
    #[serde(default)]
    pub org: Option<String>,
    /// CAMEO sector code (GOV, MIL, IGO, REB, …).
    pub sector: String,
    /// The role that makes its holder "the <country> leader".
    #[serde(default)]
    pub leader: bool,
    pub start: Date,
    #[serde(default)]
    pub end: Option<Date>,
}

impl Role {
    /// Whether the role was held on `date` (both ends inclusive).
    pub fn covers(&self, date: Date) -> bool {
        self.start <= date && self.end.is_none_or(|e| date <= e)
    }
}

/// Kinds of office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Office {
    President,
    VicePresident,
    PrimeMinister,
    DeputyPrimeMinister,
    Chancellor,
    Monarch,
    CrownPrince,
    SupremeLeader,
    ForeignMinister,
    DefenceMinister,
    InteriorMinister,
    FinanceMinister,
    Minister,
    Speaker,
    HeadOfLegislature,
    ChiefJustice,
    MilitaryChief,
    IntelligenceChief,
    SecurityChief,
    Spokesperson,
    Envoy,
    Ambassador,
    Aide,
    PartyLeader,
    OppositionLeader,
    IgoHead,
    IgoOfficial,
    ArmedGroupLeader,
    Other,
}

impl Office {
    /// The office a title noun names ("president", "prime minister", "leader"
    /// is handled apart), if any.
    pub fn from_title(words: &str) -> Option<Self> {
        Some(match words {
            "president" => Self::President,
            "vice president" | "vice-president" => Self::VicePresident,
            "prime minister" | "premier" | "pm" => Self::PrimeMinister,
            "deputy prime minister" => Self::DeputyPrimeMinister,
            "chancellor" => Self::Chancellor,
            "king" | "queen" | "emir" | "amir" | "sultan" | "monarch" => Self::Monarch,
            "crown prince" => Self::CrownPrince,
            "supreme leader" => Self::SupremeLeader,
            "foreign minister"
            | "minister of foreign affairs"
            | "foreign secretary"
            | "secretary of state" => Self::ForeignMinister,
            "defence minister"
            | "defense minister"
            | "minister of defence"
            | "minister of defense"
            | "defence secretary"
            | "defense secretary"
            | "secretary of defense" => Self::DefenceMinister,
            "interior minister" | "home secretary" | "minister of interior" => {
                Self::InteriorMinister
            }
            "finance minister"
            | "minister of finance"
            | "chancellor of the exchequer"
            | "treasury secretary" => Self::FinanceMinister,
            "speaker" => Self::Speaker,
            "army chief" | "chief of staff" | "chief of general staff" | "army chief of staff" => {
                Self::MilitaryChief
            }
            "spokesman" | "spokeswoman" | "spokesperson" | "press secretary" => Self::Spokesperson,
            "envoy" | "special envoy" => Self::Envoy,
            "ambassador" => Self::Ambassador,
            "secretary-general"
            | "secretary general"
            | "director-general"
            | "director general"
            | "high commissioner"
            | "commissioner-general" => Self::IgoHead,
            _ => return None,
        })
    }
}

/// An organisation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Org {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub kind: String,
    pub sector: String,
    #[serde(default)]
    pub country: Option<String>,
    pub cameo: String,
    #[serde(default)]
    pub parent: Option<String>,
}

/// A CAMEO agent code and the words that name it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agent {
    pub code: String,
    pub label: String,
    pub terms: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A place in the gazetteer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub kind: String,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub countries: Vec<String>,
    pub lat: f64,
    pub lon: f64,
    #[serde(default)]
    pub admin1: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct PeopleFile {
    #[serde(default)]
    pub person: Vec<Person>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct OrgFile {
    #[serde(default)]
    pub org: Vec<Org>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct AgentFile {
    #[serde(default)]
    pub agent: Vec<Agent>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlaceFile {
    #[serde(default)]
    pub place: Vec<Place>,
}

/// Regular English plural of an agent term's last word.
pub fn plural(term: &str) -> String {
    let (head, last) = match term.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), term),
    };
    let p = if last.ends_with('s')
        || last.ends_with('x')
        || last.ends_with("ch")
        || last.ends_with("sh")
    {
        format!("{last}es")
    } else if last.ends_with('y')
        && !last.ends_with("ay")
        && !last.ends_with("ey")
        && !last.ends_with("oy")
    {
        format!("{}ies", &last[..last.len() - 1])
    } else {
        format!("{last}s")
    };
    format!("{head}{p}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(plural("official"), "officials");
        assert_eq!(plural("militia"), "militias");
        assert_eq!(plural("security force"), "security forces");
        assert_eq!(plural("authority"), "authorities");
        assert_eq!(plural("attorney"), "attorneys");
        assert_eq!(plural("witness"), "witnesses");
    }

    #[test]
    fn roles_cover_their_dates() {
        let r: Role = toml::from_str(
            "office = \"president\"\ntitle = \"P\"\nsector = \"GOV\"\nstart = \"2021-08-03\"\nend = \"2024-05-19\"\n",
        )
        .unwrap();
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert!(r.covers(d("2023-10-16")));
        assert!(r.covers(d("2024-05-19")));
        assert!(!r.covers(d("2024-09-01")));
        assert!(!r.covers(d("2021-08-02")));
    }
}
