//! Bad input in the YAML data files: file, line, column and what was expected; never a panic.

use chorus_travaux::donnees::{ErreurDonnees, charger_jeu, lire_fiche, lire_taux};
use std::path::{Path, PathBuf};

fn fixture(nom: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(nom)
}

fn erreur(nom: &str) -> (u64, u64, String, String) {
    match lire_fiche(&fixture(nom)) {
        Err(e @ ErreurDonnees::Yaml { .. }) => {
            let texte = e.to_string();
            let ErreurDonnees::Yaml { line, column, message, .. } = e else { unreachable!() };
            (line, column, message, texte)
        }
        other => panic!("{nom}: expected a located error, got {other:?}"),
    }
}

#[test]
fn the_shipped_data_files_load() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let r = charger_jeu(&root.join("jeux/demonstration.yaml")).expect("data set");
    assert!(r.marche("2026-TRV-014").is_some());
    assert!(r.marche("2026-MOAD-003").expect("moad").mandat.is_some());
    let t = lire_taux(&root.join("taux-bce.yaml")).expect("rates");
    assert!(t.taux.len() >= 10);
}

#[test]
fn a_typo_in_a_field_name() {
    let (line, column, message, texte) = erreur("fiche-faute-de-frappe.yaml");
    assert_eq!((line, column), (10, 3));
    assert!(message.contains("numero_engagment"), "{message}");
    assert!(texte.contains("fiche-faute-de-frappe.yaml:10:3"), "{texte}");
}

#[test]
fn a_wrong_type() {
    let (line, _, message, _) = erreur("fiche-mauvais-type.yaml");
    assert_eq!(line, 7);
    assert!(!message.is_empty());
}

#[test]
fn an_invalid_siret() {
    let (line, _, message, _) = erreur("fiche-siret-invalide.yaml");
    assert_eq!(line, 6);
    assert!(message.contains("14 chiffres"), "{message}");
}

#[test]
fn an_unknown_enumeration_value() {
    let (line, _, message, _) = erreur("fiche-categorie-inconnue.yaml");
    assert_eq!(line, 3);
    assert!(message.contains("commune"), "{message}");
}

#[test]
fn broken_yaml() {
    let (line, _, _, _) = erreur("fiche-yaml-casse.yaml");
    assert!(line >= 2);
}

#[test]
fn a_missing_file() {
    assert!(matches!(lire_fiche(&fixture("absente.yaml")), Err(ErreurDonnees::Lecture { .. })));
}
