//! Tidy checks of the corpus: French header, NFC Unicode, and the requirement catalogue in both
//! directions (house style).

use chorus_travaux::donnees::lire_exigences;
use chorus_travaux::moteur::verification::fichiers_feature;
use cucumber::gherkin::{Feature, GherkinEnv};
use std::collections::BTreeSet;
use std::path::PathBuf;
use unicode_normalization::is_nfc;

fn racine() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn features() -> Vec<PathBuf> {
    fichiers_feature(&[racine().join("features")]).expect("features/")
}

#[test]
fn every_feature_is_french_and_nfc() {
    let fichiers = features();
    assert!(fichiers.len() >= 10);
    for f in fichiers {
        let texte = std::fs::read_to_string(&f).expect("read");
        assert!(texte.starts_with("# language: fr\n"), "{} must start with « # language: fr »", f.display());
        assert!(is_nfc(&texte), "{} is not NFC Unicode", f.display());
    }
}

#[test]
fn requirements_and_scenario_tags_match() {
    let exigences = lire_exigences(&racine().join("scenarios/exigences.yaml")).expect("catalogue");
    let ids: BTreeSet<String> = exigences.iter().map(|e| e.id.clone()).collect();
    assert_eq!(ids.len(), exigences.len(), "duplicate requirement ids");
    let mut couvertes = BTreeSet::new();
    for f in features() {
        let feature = Feature::parse_path(&f, GherkinEnv::new("fr").expect("fr")).expect("parses");
        let scenarios = feature.scenarios.iter().chain(feature.rules.iter().flat_map(|r| r.scenarios.iter()));
        for s in scenarios {
            let tags: Vec<&String> = s.tags.iter().filter(|t| t.starts_with("REQ-")).collect();
            assert!(!tags.is_empty(), "{}:{} « {} » names no requirement", f.display(), s.position.line, s.name);
            for t in tags {
                assert!(ids.contains(t), "{}:{} tag @{t} names no requirement of scenarios/exigences.yaml", f.display(), s.position.line);
                couvertes.insert(t.clone());
            }
        }
    }
    let orphelines: Vec<&String> = ids.difference(&couvertes).collect();
    assert!(orphelines.is_empty(), "requirements without a scenario: {orphelines:?}");
    for e in &exigences {
        assert!(!e.source.trim().is_empty() && !e.titre.trim().is_empty(), "{}", e.id);
    }
}
