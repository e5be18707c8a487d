//! Certification of an implementation: its profile, the scenarios that apply, and the digests
//! that make an edited report detectable (`verify`).

use crate::donnees::{ErreurDonnees, lire_yaml};
use crate::moteur::verification::fichiers_feature;
use crate::rapport::Rapport;
use crate::rapport::collecte::{EtapeJouee, EtatEtape, ScenarioJoue};
use cucumber::gherkin::{Feature, GherkinEnv};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// What an implementation declares it supports; unsupported parts make their scenarios
/// `non applicable`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prise {
    /// Maîtrise d'ouvrage déléguée (scenarios tagged `@moad`).
    #[serde(default = "vrai")]
    pub moad: bool,
    /// Procédure tacite (`@procedure-tacite`).
    #[serde(default = "vrai")]
    pub procedure_tacite: bool,
    /// Sous-traitance (`@sous-traitance`).
    #[serde(default = "vrai")]
    pub sous_traitance: bool,
}

fn vrai() -> bool {
    true
}

impl Default for Prise {
    fn default() -> Self {
        Prise { moad: true, procedure_tacite: true, sous_traitance: true }
    }
}

impl Prise {
    /// Tags of the scenarios outside the profile.
    pub fn tags_exclus(&self) -> Vec<&'static str> {
        let mut t = Vec::new();
        if !self.moad {
            t.push("moad");
        }
        if !self.procedure_tacite {
            t.push("procedure-tacite");
        }
        if !self.sous_traitance {
            t.push("sous-traitance");
        }
        t
    }
}

/// An implementation profile (`scenarios/profils/*.yaml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profil {
    /// Name of the implementation, for the report.
    pub implementation: String,
    /// Base URL of its contract (`http://127.0.0.1:8080`).
    pub url: String,
    /// A bearer token, if the implementation needs one.
    #[serde(default)]
    pub identifiant: Option<String>,
    /// Timeout of each call, in milliseconds.
    #[serde(default = "delai_defaut")]
    pub delai_ms: u64,
    /// How many scenarios run at once (default 16).
    #[serde(default)]
    pub concurrence: Option<usize>,
    /// What it supports.
    #[serde(default)]
    pub prend_en_charge: Prise,
}

fn delai_defaut() -> u64 {
    10_000
}

/// Reads a profile.
pub fn lire_profil(path: &Path) -> Result<Profil, ErreurDonnees> {
    let p: Profil = lire_yaml(path)?;
    if !(p.url.starts_with("http://") || p.url.starts_with("https://")) {
        return Err(ErreurDonnees::Refus { path: path.to_path_buf(), message: format!("url « {} » : http:// attendu", p.url) });
    }
    Ok(p)
}

/// The scenarios of `features` that carry one of `tags` (feature, rule or scenario level), as
/// not-run scenarios for the report.
pub fn scenarios_exclus(features: &[PathBuf], racine: &Path, tags: &[&str]) -> Vec<ScenarioJoue> {
    if tags.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for f in fichiers_feature(features).unwrap_or_default() {
        let Ok(env) = GherkinEnv::new("fr") else { continue };
        let Ok(feature) = Feature::parse_path(&f, env) else { continue };
        let fichier = f.strip_prefix(racine).unwrap_or(&f).display().to_string();
        let mut ajouter = |regle: Option<&cucumber::gherkin::Rule>, sc: &cucumber::gherkin::Scenario| {
            let mut t = feature.tags.clone();
            if let Some(r) = regle {
                t.extend(r.tags.iter().cloned());
            }
            t.extend(sc.tags.iter().cloned());
            if t.iter().any(|x| tags.contains(&x.as_str())) {
                out.push(ScenarioJoue {
                    fonctionnalite: feature.name.clone(),
                    fichier: fichier.clone(),
                    regle: regle.map(|r| r.name.clone()),
                    nom: sc.name.clone(),
                    ligne: sc.position.line,
                    tags: t,
                    etapes: sc
                        .steps
                        .iter()
                        .map(|e| EtapeJouee {
                            mot_cle: e.keyword.trim().to_string(),
                            texte: e.value.clone(),
                            ligne: e.position.line,
                            etat: EtatEtape::Ignoree,
                            message: Some("hors du profil déclaré".into()),
                            attendu: None,
                            obtenu: None,
                        })
                        .collect(),
                    preuves: Vec::new(),
                });
            }
        };
        for sc in &feature.scenarios {
            ajouter(None, sc);
        }
        for r in &feature.rules {
            for sc in &r.scenarios {
                ajouter(Some(r), sc);
            }
        }
    }
    out
}

fn hex(d: &[u8]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of the suite: every feature file (relative path and content, in path order), the
/// requirement catalogue and the hypothèses (the decisions the verdicts rest on).
pub fn empreinte_suite(racine: &Path) -> std::io::Result<String> {
    let mut h = Sha256::new();
    let mut fichiers = fichiers_feature(&[racine.join("features")])?;
    fichiers.push(racine.join("scenarios/exigences.yaml"));
    fichiers.push(racine.join("scenarios/hypotheses.yaml"));
    for f in fichiers {
        let rel = f.strip_prefix(racine).unwrap_or(&f).display().to_string();
        h.update(rel.as_bytes());
        h.update([0]);
        h.update(std::fs::read(&f)?);
        h.update([0]);
    }
    Ok(hex(&h.finalize()))
}

/// SHA-256 of a report's results: its JSON with sorted keys and `empreinte_resultats` null.
pub fn empreinte_resultats(r: &Rapport) -> String {
    let mut v = serde_json::to_value(r).expect("a report always serialises");
    v["meta"]["empreinte_resultats"] = serde_json::Value::Null;
    hex(&Sha256::digest(v.to_string().as_bytes()))
}

/// Fills both digests of a report.
pub fn sceller(r: &mut Rapport, racine: &Path) -> std::io::Result<()> {
    r.meta.empreinte_suite = Some(empreinte_suite(racine)?);
    r.meta.empreinte_resultats = None;
    r.meta.empreinte_resultats = Some(empreinte_resultats(r));
    Ok(())
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constat {
    /// Problems; empty when the report is intact.
    pub problemes: Vec<String>,
    /// Whether the suite of the report is the suite of this checkout.
    pub meme_suite: bool,
}

/// Checks a report directory: the results digest of `rapport.json`, and that `rapport.html` and
/// `junit.xml` are exactly what `rapport.json` renders to. Also tells whether the report's suite
/// digest is this checkout's.
pub fn verifier(dir: &Path, racine: &Path) -> Result<Constat, String> {
    let lire = |n: &str| std::fs::read_to_string(dir.join(n)).map_err(|e| format!("failed to read {}: {e}", dir.join(n).display()));
    let json = lire("rapport.json")?;
    let r: Rapport = serde_json::from_str(&json).map_err(|e| format!("rapport.json n'est pas un rapport valide : {e}"))?;
    let mut problemes = Vec::new();
    match &r.meta.empreinte_resultats {
        None => problemes.push("rapport.json ne porte pas d'empreinte des résultats (rapport non scellé)".to_string()),
        Some(e) if *e != empreinte_resultats(&r) => {
            problemes.push("rapport.json a été modifié : son empreinte ne correspond plus".to_string())
        }
        Some(_) => {}
    }
    match r.html() {
        Ok(h) if h == lire("rapport.html")? => {}
        Ok(_) => problemes.push("rapport.html ne correspond pas à rapport.json : il a été modifié".to_string()),
        Err(e) => problemes.push(e.to_string()),
    }
    if r.junit() != lire("junit.xml")? {
        problemes.push("junit.xml ne correspond pas à rapport.json : il a été modifié".to_string());
    }
    let meme_suite = empreinte_suite(racine).ok() == r.meta.empreinte_suite;
    Ok(Constat { problemes, meme_suite })
}
