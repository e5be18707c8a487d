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

/// Whether `code` names `mot` as a whole word: not inside a longer identifier (`tera` is not in
/// `iterate`, nor `axum` in `maxum`); a path ending in `::` may go on.
fn mentionne(code: &str, mot: &str) -> bool {
    let identifiant = |c: char| c.is_alphanumeric() || c == '_';
    code.match_indices(mot).any(|(i, _)| {
        let avant = code[..i].chars().next_back().is_none_or(|c| !identifiant(c));
        let apres = mot.ends_with(':') || code[i + mot.len()..].chars().next().is_none_or(|c| !identifiant(c));
        avant && apres
    })
}

#[test]
fn a_forbidden_word_is_matched_as_a_whole_word() {
    assert!(mentionne("use tera::Tera;", "tera"));
    assert!(mentionne("x = rand::random();", "rand::"));
    assert!(!mentionne("a.iter().iterate(); // literally", "tera"));
    assert!(!mentionne("operand::x", "rand::"));
    assert!(mentionne("tokio::spawn", "tokio::"));
    assert!(!mentionne("maxum", "axum"));
}

/// The layering of `ARCHITECTURE.md`, read from the code itself: which module of the library may
/// use which. The domain uses nothing outside itself; the platform knows nothing of Gherkin or
/// reports; the engine knows nothing of reports or HTTP.
#[test]
fn modules_use_only_the_layers_below_them() {
    let permis: &[(&str, &[&str])] = &[
        ("domaine", &[]),
        ("donnees", &["domaine"]),
        ("plateforme", &["domaine", "donnees"]),
        ("http", &["domaine", "donnees", "plateforme"]),
        ("moteur", &["domaine", "donnees", "plateforme"]),
        ("dessin", &["domaine"]),
        ("rapport", &["domaine", "donnees", "moteur", "dessin"]),
        ("certification", &["domaine", "donnees", "plateforme", "http", "moteur", "rapport", "dessin"]),
        ("demo", &["domaine", "moteur", "dessin"]),
        ("charge", &["domaine", "donnees", "plateforme", "http"]),
    ];
    // Crates that would break a layer's promise: the domain does no I/O, reads no clock, draws
    // no random number; below the engine nobody knows Gherkin.
    let interdits: &[(&str, &[&str])] = &[
        (
            "domaine",
            &[
                "std::fs",
                "std::net",
                "std::env",
                "std::time",
                "SystemTime",
                "Instant::now",
                "rand::",
                "tokio::",
                "cucumber",
                "axum",
                "reqwest",
                "serde_json",
            ],
        ),
        ("donnees", &["cucumber", "axum", "reqwest", "tokio::"]),
        ("plateforme", &["cucumber", "axum", "reqwest", "tera"]),
        ("http", &["cucumber", "tera"]),
        ("moteur", &["axum", "reqwest", "tera"]),
        ("demo", &["axum", "reqwest"]),
        // The drawing is text from values: no I/O, no engine, no template.
        ("dessin", &["std::fs", "std::net", "cucumber", "tera", "axum", "reqwest", "tokio::"]),
        ("charge", &["cucumber", "tera", "axum"]),
    ];
    let modules: Vec<&str> = permis.iter().map(|(m, _)| *m).collect();
    let mut fautes = Vec::new();
    for (module, autorises) in permis {
        for fichier in fichiers_rs(&racine().join("src").join(module), &racine().join("src").join(format!("{module}.rs"))) {
            let texte = std::fs::read_to_string(&fichier).expect("read");
            // Unit tests may use what they like.
            let code = texte.split("#[cfg(test)]").next().unwrap_or("");
            for autre in &modules {
                if autre != module && !autorises.contains(autre) && code.contains(&format!("crate::{autre}")) {
                    fautes.push(format!("{} uses crate::{autre}", fichier.display()));
                }
            }
            for (m, mots) in interdits {
                if m == module {
                    for mot in *mots {
                        if mentionne(code, mot) {
                            fautes.push(format!("{} mentions {mot}", fichier.display()));
                        }
                    }
                }
            }
        }
    }
    assert!(fautes.is_empty(), "layering broken (see ARCHITECTURE.md):\n{}", fautes.join("\n"));
}

/// Files of a module: its folder's files, or its single file.
fn fichiers_rs(dossier: &std::path::Path, fichier: &std::path::Path) -> Vec<PathBuf> {
    if fichier.is_file() {
        return vec![fichier.to_path_buf()];
    }
    let mut v = Vec::new();
    let mut pile = vec![dossier.to_path_buf()];
    while let Some(d) = pile.pop() {
        for e in std::fs::read_dir(&d).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                pile.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                v.push(p);
            }
        }
    }
    assert!(!v.is_empty(), "{} has no source", dossier.display());
    v
}

/// No file of the library grows past the size a reader can hold (a file per concept).
#[test]
fn no_source_file_exceeds_800_lines() {
    let mut gros = Vec::new();
    for f in fichiers_rs(&racine().join("src"), &racine().join("src/nexiste-pas.rs")) {
        let n = std::fs::read_to_string(&f).expect("read").lines().count();
        if n > 800 {
            gros.push(format!("{} ({n} lines)", f.display()));
        }
    }
    assert!(gros.is_empty(), "split these by concept: {gros:?}");
}

/// Deadlines live in one table (`src/domaine/delais.rs`): no message elsewhere writes a number of
/// days, so that changing a deadline changes every message (step examples excepted: « Quand 11
/// jours passent » is a scenario's words, not a rule).
#[test]
fn no_deadline_is_written_outside_the_deadline_table() {
    let nombre_de_jours = regex::Regex::new(r"\b\d+ (?:jours?|days?)\b").expect("regex");
    let mut fautes = Vec::new();
    for f in fichiers_rs(&racine().join("src"), &racine().join("src/nexiste-pas.rs")) {
        if f.ends_with("domaine/delais.rs") {
            continue;
        }
        let texte = std::fs::read_to_string(&f).expect("read");
        let code = texte.split("#[cfg(test)]").next().unwrap_or("");
        for (i, ligne) in code.lines().enumerate() {
            let l = ligne.trim_start();
            if l.starts_with("//") || l.starts_with("exemple") || !l.contains('"') {
                continue;
            }
            if nombre_de_jours.is_match(l) {
                fautes.push(format!("{}:{}: {}", f.display(), i + 1, l));
            }
        }
    }
    assert!(fautes.is_empty(), "use the constants of src/domaine/delais.rs:\n{}", fautes.join("\n"));
}

/// Every step of the catalogue is used by at least one scenario of the corpus: a word nobody can
/// see at work is a word nobody can trust.
#[test]
fn every_step_of_the_catalogue_is_used_by_the_corpus() {
    use chorus_travaux::moteur::etapes::catalogue;
    let cat: Vec<(String, regex::Regex)> =
        catalogue().into_iter().map(|d| (d.exemple.to_string(), regex::Regex::new(&d.motif).expect("valid"))).collect();
    let mut utilises = vec![false; cat.len()];
    for f in features() {
        let feature = Feature::parse_path(&f, GherkinEnv::new("fr").expect("fr")).expect("parses");
        let scenarios: Vec<_> = feature.scenarios.iter().chain(feature.rules.iter().flat_map(|r| r.scenarios.iter())).collect();
        let fonds = feature.background.iter().chain(feature.rules.iter().filter_map(|r| r.background.as_ref()));
        let mut textes: Vec<String> = fonds.flat_map(|b| b.steps.iter()).map(|e| e.value.clone()).collect();
        for s in scenarios {
            // An outline's steps are read once per example row, its placeholders filled in.
            let lignes: Vec<Vec<(String, String)>> = s
                .examples
                .iter()
                .filter_map(|ex| ex.table.as_ref())
                .flat_map(|t| {
                    let entete = t.rows.first().cloned().unwrap_or_default();
                    t.rows.iter().skip(1).map(move |r| entete.iter().cloned().zip(r.iter().cloned()).collect())
                })
                .collect();
            for e in &s.steps {
                if lignes.is_empty() {
                    textes.push(e.value.clone());
                }
                for l in &lignes {
                    textes.push(l.iter().fold(e.value.clone(), |t, (k, v)| t.replace(&format!("<{k}>"), v)));
                }
            }
        }
        for texte in textes {
            for (i, (_, re)) in cat.iter().enumerate() {
                if re.is_match(&texte) {
                    utilises[i] = true;
                }
            }
        }
    }
    let inutilises: Vec<&String> = cat.iter().zip(&utilises).filter(|(_, u)| !**u).map(|((ex, _), _)| ex).collect();
    assert!(inutilises.is_empty(), "steps no scenario uses (add one to features/): {inutilises:#?}");
}
