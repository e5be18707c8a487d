//! The YAML data files under `scenarios/`: identity sheets (D-FICHE), data sets of structures and
//! users, and the ECB rate table (D-DELAIS-7).
//!
//! This is an adapter: it reads files and turns their text into domain values. Every error names
//! the file, the line and the column, and what was expected. `fiche.rs` reads identity sheets,
//! `jeu.rs` data sets of structures and users; this file the errors, the catalogues and the
//! ECB rates.

mod fiche;
mod jeu;

pub use fiche::*;
pub use jeu::*;

use crate::domaine::calendrier::Date;
use crate::domaine::paiement::{TableTaux, TauxBce};
use crate::domaine::siret::Siret;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serializer};
use std::path::{Path, PathBuf};

/// Why a data file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ErreurDonnees {
    /// The file could not be read.
    #[error("failed to read {path}: {source}")]
    Lecture {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The YAML is malformed or does not match the expected shape.
    #[error("{path}:{line}:{column}: {message}")]
    Yaml {
        /// The file.
        path: PathBuf,
        /// 1-based line (0 when unknown).
        line: u64,
        /// 1-based column (0 when unknown).
        column: u64,
        /// What went wrong and what was expected.
        message: String,
    },
    /// The data is well-formed but refused by the reference (a duplicate SIRET, say).
    #[error("{path}: {message}")]
    Refus {
        /// The file.
        path: PathBuf,
        /// The refusal.
        message: String,
    },
}

/// Parses YAML text into `T`, with located errors.
pub fn parse_yaml<T: for<'de> Deserialize<'de>>(texte: &str, path: &Path) -> Result<T, ErreurDonnees> {
    serde_saphyr::from_str::<T>(texte).map_err(|e| {
        let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((0, 0));
        let message = e.without_snippet().to_string();
        // The library prefixes its own location; keep only the message.
        let message = message.split_once(" at line ").map(|(m, _)| m.to_string()).unwrap_or(message);
        ErreurDonnees::Yaml { path: path.to_path_buf(), line, column, message }
    })
}

/// Reads and parses a YAML file.
pub fn lire_yaml<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, ErreurDonnees> {
    let texte = std::fs::read_to_string(path).map_err(|source| ErreurDonnees::Lecture { path: path.to_path_buf(), source })?;
    parse_yaml(&texte, path)
}

/// A data set's or an identity sheet's name, as a scenario writes it, is a name and never a
/// path (issue 9, item 15): letters, digits, `-`, `_`, and `.` except first; at most 100
/// characters. Nothing named can then resolve outside its directory.
pub fn verifier_nom(nom: &str) -> Result<(), String> {
    let permis = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
    if !nom.is_empty() && nom.chars().count() <= 100 && !nom.starts_with('.') && nom.chars().all(permis) {
        return Ok(());
    }
    Err(format!("« {nom} » : un nom, pas un chemin, est attendu (lettres, chiffres, « - », « _ », et « . » sauf en tête)"))
}

/// The file of the data set `nom`: `scenarios/jeux/NOM.yaml` under the project root.
pub fn chemin_jeu(racine: &Path, nom: &str) -> Result<PathBuf, String> {
    verifier_nom(nom).map_err(|e| format!("jeu de données {e}"))?;
    Ok(racine.join("scenarios/jeux").join(format!("{nom}.yaml")))
}

/// The file of the identity sheet `nom`: `scenarios/marches/NOM.yaml` under the project root.
pub fn chemin_fiche(racine: &Path, nom: &str) -> Result<PathBuf, String> {
    verifier_nom(nom).map_err(|e| format!("fiche d'identité {e}"))?;
    Ok(racine.join("scenarios/marches").join(format!("{nom}.yaml")))
}

/// The default of a « dans Chorus Pro » or « habilité » flag.
pub(super) fn vrai() -> bool {
    true
}

// ----- scalar helpers ----------------------------------------------------------------------

pub(super) fn siret<'de, D: Deserializer<'de>>(d: D) -> Result<Siret, D::Error> {
    let s = String::deserialize(d)?;
    Siret::parse(&s).map_err(|e| serde::de::Error::custom(format!("SIRET « {s} » invalide : {e}")))
}

pub(super) fn siret_ser<S: Serializer>(s: &Siret, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_str(&s.to_string())
}

pub(super) fn date_opt_ser<S: Serializer>(d: &Option<Date>, ser: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => ser.serialize_str(&d.iso()),
        None => ser.serialize_none(),
    }
}

pub(super) fn date_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    let s: Option<String> = Option::deserialize(d)?;
    s.map(|s| Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("date « {s} » invalide : attendu AAAA-MM-JJ")))).transpose()
}

pub(super) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    let s = String::deserialize(d)?;
    Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("date « {s} » invalide : attendu AAAA-MM-JJ")))
}

/// D-MONTANTS-1: amounts are strings in YAML, never floats.
pub(super) fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let s = String::deserialize(d)?;
    s.trim().parse::<Decimal>().map_err(|_| {
        serde::de::Error::custom(format!("montant « {s} » invalide : attendu un décimal entre guillemets, par exemple \"2.15\""))
    })
}

// ----- requirement catalogue -----------------------------------------------------------------------

/// A requirement the conformance suite checks.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Exigence {
    /// Identifier, used as a scenario tag (`@REQ-…`).
    pub id: String,
    /// French title.
    pub titre: String,
    /// CCAG article, Chorus Pro rule, or D-id.
    pub source: String,
    /// Whether the rule rests on a decision rather than a source.
    pub hypothese: bool,
}

/// The requirement catalogue file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueExigences {
    /// Requirements.
    pub exigences: Vec<Exigence>,
}

/// Reads the requirement catalogue.
pub fn lire_exigences(path: &Path) -> Result<Vec<Exigence>, ErreurDonnees> {
    lire_yaml::<CatalogueExigences>(path).map(|c| c.exigences)
}

/// A hypothèse the verdicts rest on (a D-id of decisions.md, or the project's own H-id).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Hypothese {
    /// Id.
    pub id: String,
    /// One line.
    pub resume: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FichierHypotheses {
    hypotheses: Vec<Hypothese>,
}

/// Reads the hypothèses file.
pub fn lire_hypotheses(path: &Path) -> Result<Vec<Hypothese>, ErreurDonnees> {
    lire_yaml::<FichierHypotheses>(path).map(|f| f.hypotheses)
}

// ----- ECB rates ------------------------------------------------------------------------------

/// One rate line.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TauxYaml {
    /// From.
    #[serde(deserialize_with = "date")]
    pub depuis: Date,
    /// Rate in percent, as a quoted decimal.
    #[serde(deserialize_with = "decimal")]
    pub taux: Decimal,
    /// Whether the value is a hypothèse (not checked against the source).
    #[serde(default)]
    pub hypothese: bool,
}

/// The ECB rate file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableTauxYaml {
    /// Source of the rates.
    pub source: String,
    /// The rates.
    pub taux: Vec<TauxYaml>,
}

/// Reads the ECB rate table.
pub fn lire_taux(path: &Path) -> Result<TableTaux, ErreurDonnees> {
    let t: TableTauxYaml = lire_yaml(path)?;
    let mut taux: Vec<TauxBce> = t.taux.into_iter().map(|l| TauxBce { depuis: l.depuis, taux: l.taux }).collect();
    taux.sort_by_key(|l| l.depuis);
    Ok(TableTaux { source: t.source, taux })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domaine::marche::Marche;

    fn erreur(texte: &str) -> (u64, u64, String) {
        match parse_yaml::<FicheYaml>(texte, Path::new("fiche.yaml")) {
            Err(ErreurDonnees::Yaml { line, column, message, .. }) => (line, column, message),
            other => panic!("expected a YAML error, got {other:?}"),
        }
    }

    const FICHE: &str = "numero: M1\nobjet: o\ncategorie_acheteur: collectivite\ntitulaire:\n  raison_sociale: T\n  siret: \"52393849900010\"\nmoa:\n  raison_sociale: V\n  siret: \"44771278200013\"\n";

    #[test]
    fn a_valid_sheet_parses() {
        let f: FicheYaml = parse_yaml(FICHE, Path::new("f.yaml")).expect("valid");
        let m: Marche = f.into();
        assert_eq!(m.numero, "M1");
        assert!(m.titulaire.dans_chorus_pro);
    }

    #[test]
    fn a_typo_is_located() {
        let (line, _, message) = erreur(&FICHE.replace("objet:", "objett:"));
        assert_eq!(line, 2);
        assert!(message.contains("objett"), "{message}");
    }

    #[test]
    fn a_wrong_type_is_located() {
        let (line, column, message) = erreur(&FICHE.replace("categorie_acheteur: collectivite", "categorie_acheteur: [1]"));
        assert_eq!(line, 3);
        assert!(column > 0);
        assert!(!message.is_empty());
    }

    #[test]
    fn an_invalid_siret_is_located() {
        // D-FICHE: the seed's 15-digit identifier is not a SIRET.
        let (line, _, message) = erreur(&FICHE.replace("\"52393849900010\"", "\"798589933000118\""));
        assert_eq!(line, 6);
        assert!(message.contains("798589933000118"), "{message}");
        let (line, _, message) = erreur(&FICHE.replace("\"52393849900010\"", "\"52393849900011\""));
        assert_eq!(line, 6);
        assert!(message.contains("clé"), "{message}");
    }

    #[test]
    fn amounts_are_read_from_their_text_never_through_a_float() {
        // D-MONTANTS-1: quoted or not, an amount is read from its digits. A value that a binary
        // float cannot hold (2.150000000000000001 is 2.15 as an f64) must arrive exact.
        for texte in ["2.150000000000000001", "\"2.150000000000000001\""] {
            let yaml = format!("source: s\ntaux:\n  - depuis: 2025-01-01\n    taux: {texte}\n");
            let t = parse_yaml::<TableTauxYaml>(&yaml, Path::new("t.yaml")).unwrap_or_else(|e| panic!("{texte}: {e}"));
            assert_eq!(t.taux[0].taux.to_string(), "2.150000000000000001", "{texte}");
        }
        // What is not a decimal is refused with the amount's message.
        let e = parse_yaml::<TableTauxYaml>("source: s\ntaux:\n  - depuis: 2025-01-01\n    taux: deux\n", Path::new("t.yaml"));
        assert!(e.as_ref().is_err_and(|e| e.to_string().contains("montant « deux » invalide")), "{e:?}");
    }
}
