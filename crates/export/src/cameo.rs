//! CAMEO event codes broken into their hierarchy, GDELT's QuadClass and the
//! Goldstein scale of the root (`data/cameo_roots.toml`).

use std::sync::OnceLock;

use serde::Deserialize;

use crate::{Error, Result};

/// GDELT's four-way classification of a CAMEO root.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QuadClass {
    /// Roots 01–05.
    VerbalCooperation = 1,
    /// Roots 06–08.
    MaterialCooperation = 2,
    /// Roots 09–13.
    VerbalConflict = 3,
    /// Roots 14–20.
    MaterialConflict = 4,
}

impl QuadClass {
    /// GDELT's number: 1 to 4.
    pub fn number(self) -> u8 {
        self as u8
    }
}

/// The root of a CAMEO event code (`"0411"` → 4), when it is one: two digits,
/// 01 to 20.
pub(crate) fn root_number(code: &str) -> Option<u8> {
    let root = code.get(..2)?;
    if !root.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u8 = root.parse().ok()?;
    (1..=20).contains(&n).then_some(n)
}

/// The two-digit root of a CAMEO code (`"0411"` → `"04"`), when valid.
pub(crate) fn root_code(code: &str) -> Option<&str> {
    root_number(code).and(code.get(..2))
}

/// The three-digit base of a CAMEO code (`"0411"` → `"041"`; a root-only
/// code is its own base), when valid.
pub(crate) fn base_code(code: &str) -> Option<&str> {
    root_number(code)?;
    code.get(..3).or(Some(code))
}

/// The QuadClass of a CAMEO event code, from its root.
pub fn quad_class(code: &str) -> Option<QuadClass> {
    Some(match root_number(code)? {
        1..=5 => QuadClass::VerbalCooperation,
        6..=8 => QuadClass::MaterialCooperation,
        9..=13 => QuadClass::VerbalConflict,
        _ => QuadClass::MaterialConflict,
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    root: Vec<Root>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Root {
    root: String,
    #[allow(dead_code)]
    name: String,
    goldstein: f64,
}

/// Goldstein value of each root, index 0 = root 01.
fn table() -> Result<&'static [f64; 20]> {
    static TABLE: OnceLock<Result<[f64; 20], String>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            let table: Table = toml::from_str(include_str!("../data/cameo_roots.toml"))
                .map_err(|e| e.to_string())?;
            let mut values = [f64::NAN; 20];
            for r in &table.root {
                let n = root_number(&r.root)
                    .filter(|_| r.root.len() == 2)
                    .ok_or_else(|| format!("bad root {:?}", r.root))?;
                values[usize::from(n - 1)] = r.goldstein;
            }
            if let Some(i) = values.iter().position(|v| v.is_nan()) {
                return Err(format!("root {:02} missing", i + 1));
            }
            Ok(values)
        })
        .as_ref()
        .map_err(|e| Error::Table(e.clone()))
}

/// Checks the shipped table once; writers call it before writing.
pub(crate) fn check_table() -> Result<()> {
    table().map(|_| ())
}

/// The Goldstein scale value of a CAMEO event code's root (CAMEO codebook value
/// of the root's unspecified code), when the code has a valid root.
pub fn goldstein(code: &str) -> Option<f64> {
    let n = root_number(code)?;
    table().ok()?.get(usize::from(n - 1)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_every_root() {
        let t = table().expect("table parses");
        assert_eq!(t[0], 0.0);
        assert_eq!(t[3], 1.0);
        assert_eq!(t[18], -10.0);
        assert_eq!(goldstein("1823"), Some(-9.0));
        assert_eq!(goldstein("21"), None);
    }

    #[test]
    fn hierarchy_and_quad_class() {
        assert_eq!(root_code("0411"), Some("04"));
        assert_eq!(base_code("0411"), Some("041"));
        assert_eq!(base_code("01"), Some("01"));
        assert_eq!(base_code("x1"), None);
        assert_eq!(quad_class("057"), Some(QuadClass::VerbalCooperation));
        assert_eq!(quad_class("061"), Some(QuadClass::MaterialCooperation));
        assert_eq!(quad_class("0811"), Some(QuadClass::MaterialCooperation));
        assert_eq!(quad_class("090"), Some(QuadClass::VerbalConflict));
        assert_eq!(quad_class("138"), Some(QuadClass::VerbalConflict));
        assert_eq!(quad_class("140"), Some(QuadClass::MaterialConflict));
        assert_eq!(quad_class("204"), Some(QuadClass::MaterialConflict));
        assert_eq!(quad_class("000"), None);
        assert_eq!(quad_class("é1"), None);
        assert_eq!(quad_class(""), None);
    }
}
