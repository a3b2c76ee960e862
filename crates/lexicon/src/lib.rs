//! The actor lexicon (issue 3, under way): readable data files written by the
//! team from public facts, loaded into typed tables.
//!
//! * [`Country`] — `data/countries.toml`: ISO 3166 alpha-3 and CAMEO codes,
//!   names, aliases, demonyms, capital, government metonyms ("the Kremlin"),
//!   region and capital coordinates.
//! * [`Lexicon`] — the loaded tables with name lookup ([`Lexicon::country`]),
//!   case- and diacritics-insensitive.

pub mod phoenix;

use std::collections::HashMap;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

/// One country or territory.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub iso3: String,
    pub cameo: String,
    pub name: String,
    pub official: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
    pub capital: String,
    #[serde(default)]
    pub government: Vec<String>,
    pub region: String,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryFile {
    country: Vec<Country>,
}

/// Errors in lexicon data.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{file}: {source}")]
    Toml {
        file: &'static str,
        #[source]
        source: toml::de::Error,
    },
    #[error("{file}: {detail}")]
    Invalid { file: &'static str, detail: String },
}

pub type Result<T> = std::result::Result<T, Error>;

/// How a name matched a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryMatch {
    /// The country's name, official name or an alias.
    Name,
    /// A demonym or adjective ("Iranian").
    Demonym,
    /// A metonym for its government ("the Kremlin", "Tehran").
    Government,
}

/// What a gazetteer phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseKind {
    Person,
    Surname,
    Org,
    Place,
}

/// The loaded lexicon.
#[derive(Debug)]
pub struct Lexicon {
    countries: Vec<Country>,
    by_name: HashMap<String, (usize, CountryMatch)>,
}

/// Lower case, diacritics removed, white space collapsed, a leading "the " dropped.
pub fn fold(name: &str) -> String {
    let stripped: String = name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect();
    let collapsed = stripped.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .strip_prefix("the ")
        .map_or(collapsed.clone(), str::to_string)
}

impl Lexicon {
    /// The lexicon shipped in `data/`.
    pub fn shipped() -> Result<Self> {
        Self::from_countries_toml(include_str!("../data/countries.toml"))
    }

    /// A lexicon from a countries file of the shipped form.
    pub fn from_countries_toml(src: &str) -> Result<Self> {
        const FILE: &str = "countries.toml";
        let file: CountryFile =
            toml::from_str(src).map_err(|source| Error::Toml { file: FILE, source })?;
        let mut by_name = HashMap::new();
        let mut seen = std::collections::HashSet::new();
        for (i, c) in file.country.iter().enumerate() {
            if !seen.insert(c.iso3.clone()) {
                return Err(Error::Invalid {
                    file: FILE,
                    detail: format!("iso3 {} appears twice", c.iso3),
                });
            }
            let names = std::iter::once(&c.name)
                .chain(std::iter::once(&c.official))
                .chain(&c.aliases)
                .map(|n| (n, CountryMatch::Name));
            let demonyms = c.demonyms.iter().map(|n| (n, CountryMatch::Demonym));
            let government = c.government.iter().map(|n| (n, CountryMatch::Government));
            for (n, how) in names.chain(demonyms).chain(government) {
                // The first claim on a name wins: names before demonyms before metonyms.
                by_name.entry(fold(n)).or_insert((i, how));
            }
        }
        Ok(Self {
            countries: file.country,
            by_name,
        })
    }

    /// All countries, sorted by ISO code.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The country a name, demonym or government metonym refers to.
    pub fn country(&self, name: &str) -> Option<(&Country, CountryMatch)> {
        self.by_name
            .get(&fold(name))
            .map(|&(i, how)| (&self.countries[i], how))
    }

    /// Names for gazetteer features beyond the country table: people (full
    /// names and surnames), organisations and places.
    pub fn gazetteer_phrases(&self) -> Vec<(&str, PhraseKind)> {
        Vec::new()
    }

    /// The country with an ISO 3166 alpha-3 code.
    pub fn by_iso3(&self, iso3: &str) -> Option<&Country> {
        self.countries
            .iter()
            .find(|c| c.iso3.eq_ignore_ascii_case(iso3))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("The  Kremlin"), "kremlin");
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
    }

    #[test]
    fn duplicate_codes_are_rejected() {
        let one = "[[country]]\niso3 = \"AAA\"\ncameo = \"AAA\"\nname = \"A\"\nofficial = \"A\"\ncapital = \"X\"\nregion = \"Europe\"\nlat = 0.0\nlon = 0.0\n";
        assert!(Lexicon::from_countries_toml(one).is_ok());
        let two = format!("{one}\n{one}");
        assert!(matches!(
            Lexicon::from_countries_toml(&two),
            Err(Error::Invalid { .. })
        ));
        assert!(matches!(
            Lexicon::from_countries_toml("x = 1"),
            Err(Error::Toml { .. })
        ));
    }
}
