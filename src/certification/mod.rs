//! Certification of an implementation: its profile, the scenarios that apply, the digests that
//! make an edited report detectable, and the signature that makes a forged one detectable
//! (`verify`; `signature.rs`).

pub mod signature;

use crate::donnees::{ErreurDonnees, lire_yaml};
use crate::http::client::{ClientHttp, PisteClient};
use crate::http::controle::Capacite;
use crate::http::serveur::ROUTE_JETON;
use crate::moteur::verification::fichiers_feature;
use crate::rapport::collecte::{EtapeJouee, EtatEtape, ScenarioJoue};
use crate::rapport::{FICHIER_SIGNATURE, FICHIERS, Rapport, VERSION_SCHEMA};
use cucumber::gherkin::{Feature, GherkinEnv};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use signature::{ClePrivee, ClePublique, hex};
use std::collections::HashMap;
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
    /// The declared capabilities, for the report (`moad : oui`…).
    pub fn declaree(&self) -> Vec<String> {
        let oui = |b: bool| if b { "oui" } else { "non" };
        vec![
            format!("moad : {}", oui(self.moad)),
            format!("procedure_tacite : {}", oui(self.procedure_tacite)),
            format!("sous_traitance : {}", oui(self.sous_traitance)),
        ]
    }

    /// Tags of the scenarios outside the profile. The trainer's demonstrations (`@demo`) are
    /// always outside a certification: they replay, with screens, what the corpus already
    /// certifies, and their screens read a test hook (`/test/v1/compte`) an implementation need
    /// not serve.
    pub fn tags_exclus(&self) -> Vec<&'static str> {
        let mut t = vec!["demo"];
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
    /// How the client obtains its PISTE token (D-API-1); absent: the local defaults of `serve`.
    #[serde(default)]
    pub piste: Option<ProfilPiste>,
    /// Technical accounts, one per persona of the data set: a login and the environment variable
    /// that holds its password (never the password itself).
    #[serde(default)]
    pub comptes: Vec<ProfilCompte>,
    /// A PEM file of certificate authorities to trust over https, relative to the profile.
    #[serde(default)]
    pub autorite: Option<PathBuf>,
    /// The implementation's table `codeRetour` → refusal code (a YAML map), relative to the
    /// profile, when it does not send the `code` extension and does not use the reference's
    /// numbers (D-API-3).
    #[serde(default)]
    pub table_codes_retour: Option<PathBuf>,
    /// The environment variable that holds the test control's token (D-API-4); absent: the
    /// local one of `serve`.
    #[serde(default)]
    pub jeton_controle_env: Option<String>,
    /// The test control's capabilities the implementation offers (D-API-4); each defaults to
    /// offered. A scenario that needs one it lacks is `non applicable`.
    #[serde(default)]
    pub controle: Controle,
}

/// The control capabilities a profile declares (`controle:`), each offered unless set to `false`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Controle {
    /// Reset, structures, users, links, contracts.
    #[serde(default = "oui")]
    pub jeux_de_donnees: bool,
    /// The calendar.
    #[serde(default = "oui")]
    pub horloge: bool,
    /// The notifications sent.
    #[serde(default = "oui")]
    pub notifications: bool,
    /// The support's treatment of a sollicitation.
    #[serde(default = "oui")]
    pub sollicitations: bool,
    /// The platform's own view of a piece, a contract's events, a mandate's funds, an account.
    #[serde(default = "oui")]
    pub vue_plateforme: bool,
}

fn oui() -> bool {
    true
}

impl Default for Controle {
    fn default() -> Self {
        Controle { jeux_de_donnees: true, horloge: true, notifications: true, sollicitations: true, vue_plateforme: true }
    }
}

impl Controle {
    fn offerte(&self, c: Capacite) -> bool {
        match c {
            Capacite::JeuxDeDonnees => self.jeux_de_donnees,
            Capacite::Horloge => self.horloge,
            Capacite::Notifications => self.notifications,
            Capacite::Sollicitations => self.sollicitations,
            Capacite::VuePlateforme => self.vue_plateforme,
        }
    }

    /// The capabilities the implementation lacks.
    pub fn absentes(&self) -> Vec<Capacite> {
        Capacite::TOUTES.into_iter().filter(|c| !self.offerte(*c)).collect()
    }

    /// The declaration, for the report (`controle.horloge : non`…).
    pub fn declaree(&self) -> Vec<String> {
        Capacite::TOUTES.iter().map(|c| format!("controle.{} : {}", c.nom(), if self.offerte(*c) { "oui" } else { "non" })).collect()
    }
}

/// PISTE in a profile: where the token comes from and where its credentials are.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfilPiste {
    /// The token URL; default `<url>/api/oauth/token`.
    #[serde(default)]
    pub url_jeton: Option<String>,
    /// The environment variable holding the `client_id`.
    pub client_id_env: String,
    /// The environment variable holding the `client_secret`.
    pub client_secret_env: String,
}

/// A technical account in a profile.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfilCompte {
    /// The login the scenarios' personas act with.
    pub login: String,
    /// The environment variable holding its password.
    pub mot_de_passe_env: String,
}

/// Reads an environment variable the profile names.
fn variable(nom: &str) -> Result<String, String> {
    std::env::var(nom).map_err(|_| format!("la variable d'environnement « {nom} » nommée par le profil n'est pas définie"))
}

impl Profil {
    /// The client this profile describes (a prototype: each scenario takes a fresh sandbox of
    /// it), and the technical accounts it knows. `dossier` is the profile's directory. Every
    /// error is bad input, found before the run.
    pub fn client(&self, dossier: &Path) -> Result<(ClientHttp, HashMap<String, String>), String> {
        let autorite = match &self.autorite {
            Some(f) => Some(std::fs::read(dossier.join(f)).map_err(|e| format!("autorité « {} » : {e}", f.display()))?),
            None => None,
        };
        let delai = std::time::Duration::from_millis(self.delai_ms);
        let mut c = ClientHttp::avec_autorite(&self.url, delai, self.identifiant.clone(), autorite.as_deref())?;
        if let Some(p) = &self.piste {
            c = c.avec_piste(Some(PisteClient {
                url_jeton: p.url_jeton.clone().unwrap_or_else(|| format!("{}{}", self.url.trim_end_matches('/'), ROUTE_JETON)),
                client_id: variable(&p.client_id_env)?,
                client_secret: variable(&p.client_secret_env)?,
            }));
        }
        if let Some(f) = &self.table_codes_retour {
            c = c.avec_table(lire_table(&dossier.join(f))?);
        }
        if let Some(v) = &self.jeton_controle_env {
            c = c.avec_jeton_controle(&variable(v)?);
        }
        c = c.sans_capacites(&self.controle.absentes());
        let mut comptes = HashMap::new();
        for compte in &self.comptes {
            comptes.insert(compte.login.clone(), variable(&compte.mot_de_passe_env)?);
        }
        Ok((c, comptes))
    }
}

impl Profil {
    /// The table the verdicts are read with, for the report: `référence`, or the profile's file
    /// and the SHA-256 of its bytes (`dossier`: the profile's directory).
    pub fn table_declaree(&self, dossier: &Path) -> String {
        match &self.table_codes_retour {
            None => "référence (/cpro/transverses/v1/recuperer/codesRetour)".into(),
            Some(f) => {
                let empreinte = std::fs::read(dossier.join(f)).map(|o| hex(&Sha256::digest(o))).unwrap_or_else(|_| "illisible".into());
                format!("{} sha256:{empreinte}", f.display())
            }
        }
    }
}

/// A table `codeRetour` → refusal code: each code must be one of the reference's.
fn lire_table(chemin: &Path) -> Result<HashMap<i64, String>, String> {
    let texte = std::fs::read_to_string(chemin).map_err(|e| format!("table des codes « {} » : {e}", chemin.display()))?;
    let table: HashMap<i64, String> =
        serde_saphyr::from_str(&texte).map_err(|e| format!("table des codes « {} » : {e}", chemin.display()))?;
    if let Some((n, c)) = table.iter().find(|(_, c)| crate::domaine::refus::CodeRefus::parse(c).is_none()) {
        return Err(format!("table des codes « {} » : codeRetour {n} → « {c} », code de refus inconnu", chemin.display()));
    }
    Ok(table)
}

fn delai_defaut() -> u64 {
    10_000
}

/// Reads a profile; its URL must be one the client can call (issue 9, item 16).
pub fn lire_profil(path: &Path) -> Result<Profil, ErreurDonnees> {
    let p: Profil = lire_yaml(path)?;
    verifier_url(&p.url).map_err(|message| ErreurDonnees::Refus { path: path.to_path_buf(), message })?;
    Ok(p)
}

/// An implementation's base URL: `http://` or `https://`, a host, nothing after the path.
pub fn verifier_url(url: &str) -> Result<(), String> {
    let refus = |pourquoi: &str| Err(format!("url « {url} » : {pourquoi}"));
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return refus("http:// attendu");
    }
    match reqwest::Url::parse(url) {
        Err(e) => refus(&format!("invalide ({e})")),
        Ok(u) if u.host_str().is_none_or(str::is_empty) => refus("aucun hôte"),
        Ok(u) if u.query().is_some() || u.fragment().is_some() => refus("une adresse de base, sans « ? » ni « # », est attendue"),
        Ok(_) => Ok(()),
    }
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
                    refus_recus: Vec::new(),
                    dossier: Vec::new(),
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

/// Whether `verify` could say who made the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Authenticite {
    /// Checked with the given public key (its fingerprint): signed by it, nothing changed since.
    Verifiee(String),
    /// Not checked: no public key was given. The report's `rapport.sig` names this key, if any.
    NonVerifiee(Option<String>),
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constat {
    /// Problems; empty when the report is intact (and authentic, when a key was given).
    pub problemes: Vec<String>,
    /// Whether the suite of the report is the suite of this checkout.
    pub meme_suite: bool,
    /// Authenticity.
    pub authenticite: Authenticite,
}

/// The directory does not hold a report: a file is missing, `rapport.json` is not JSON or not
/// this schema (exit 5, README « Exit codes »).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct PasUnRapport(pub String);

/// Checks a report directory: the results digest of `rapport.json`, that its three files are
/// exactly what `rapport.json` renders to (an added, removed or reordered field shows), and,
/// with a public key, the signature (`rapport.sig`): by this key, over these exact bytes. Also
/// tells whether the report's suite digest is this checkout's.
pub fn verifier(dir: &Path, racine: &Path, cle: Option<&ClePublique>) -> Result<Constat, PasUnRapport> {
    let lire =
        |n: &str| std::fs::read(dir.join(n)).map_err(|e| PasUnRapport(format!("{} : lecture impossible ({e})", dir.join(n).display())));
    let [html, json, junit] = [lire(FICHIERS[0])?, lire(FICHIERS[1])?, lire(FICHIERS[2])?];
    let valeur: serde_json::Value =
        serde_json::from_slice(&json).map_err(|e| PasUnRapport(format!("rapport.json n'est pas du JSON : {e}")))?;
    if valeur.get("version_schema").and_then(serde_json::Value::as_u64) != Some(u64::from(VERSION_SCHEMA)) {
        return Err(PasUnRapport(format!("rapport.json n'est pas un rapport chorus-travaux de schéma {VERSION_SCHEMA}")));
    }
    let r: Rapport =
        serde_json::from_value(valeur).map_err(|e| PasUnRapport(format!("rapport.json n'est pas un rapport chorus-travaux : {e}")))?;
    let mut problemes = Vec::new();
    match &r.meta.empreinte_resultats {
        None => problemes.push("rapport.json ne porte pas d'empreinte des résultats (rapport non scellé)".to_string()),
        Some(e) if *e != empreinte_resultats(&r) => {
            problemes.push("rapport.json a été modifié : son empreinte ne correspond plus".to_string())
        }
        Some(_) => {}
    }
    if r.json().as_bytes() != json.as_slice() {
        problemes.push(
            "rapport.json a été modifié : son texte n'est pas celui que le rapport écrit (champ ajouté, retiré ou déplacé)".to_string(),
        );
    }
    match r.html() {
        Ok(h) if h.as_bytes() == html.as_slice() => {}
        Ok(_) => problemes.push("rapport.html ne correspond pas à rapport.json : il a été modifié".to_string()),
        Err(e) => problemes.push(e.to_string()),
    }
    if r.junit().as_bytes() != junit.as_slice() {
        problemes.push("junit.xml ne correspond pas à rapport.json : il a été modifié".to_string());
    }
    let sig = match std::fs::read_to_string(dir.join(FICHIER_SIGNATURE)) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            problemes.push(format!("{FICHIER_SIGNATURE} illisible : {e}"));
            None
        }
    };
    if r.meta.cle_signature.is_some() && sig.is_none() {
        problemes.push(format!("rapport.json se dit signé mais {FICHIER_SIGNATURE} manque"));
    }
    let authenticite = match cle {
        None => Authenticite::NonVerifiee(sig.as_deref().and_then(|t| signature::lire_signature(t).ok()).map(|s| s.cle)),
        Some(cle) => {
            match &sig {
                None => problemes.push(format!("rapport non signé : aucun {FICHIER_SIGNATURE}, son authenticité ne peut être vérifiée")),
                Some(t) => problemes.extend(signature::verifier_signature(t, cle, [&html, &json, &junit])),
            }
            if sig.is_some() && r.meta.cle_signature.as_deref() != Some(cle.empreinte().as_str()) {
                problemes.push("rapport.json ne nomme pas la clé qui l'a signé".to_string());
            }
            Authenticite::Verifiee(cle.empreinte())
        }
    };
    let meme_suite = empreinte_suite(racine).ok() == r.meta.empreinte_suite;
    Ok(Constat { problemes, meme_suite, authenticite })
}

/// Writes a certification's report directory: the three files, and with a key `rapport.sig`,
/// all together or none. The report must already be sealed ([`sceller`]) and, when signed, name
/// its key (`meta.cle_signature`), which this function sets.
pub fn ecrire(r: &mut Rapport, dir: &Path, racine: &Path, cle: Option<&ClePrivee>) -> Result<(), ErreurEcriture> {
    r.meta.cle_signature = cle.map(|c| c.publique().empreinte());
    sceller(r, racine).map_err(ErreurEcriture::Empreinte)?;
    let rendus = r.rendus().map_err(ErreurEcriture::Rapport)?;
    let [html, json, junit] = [rendus[0].1.as_bytes(), rendus[1].1.as_bytes(), rendus[2].1.as_bytes()];
    let mut fichiers: Vec<(&str, &[u8])> = rendus.iter().map(|(n, c)| (*n, c.as_bytes())).collect();
    let sig = match cle {
        Some(c) => Some(signature::signer(c, [html, json, junit]).map_err(ErreurEcriture::Signature)?),
        None => None,
    };
    let retirer: &[&str] = match &sig {
        Some(s) => {
            fichiers.push((FICHIER_SIGNATURE, s.as_bytes()));
            &[]
        }
        None => &[FICHIER_SIGNATURE],
    };
    crate::rapport::ecrire_ensemble(dir, &fichiers, retirer).map_err(ErreurEcriture::Rapport)
}

/// Why a certification's reports could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ErreurEcriture {
    /// The suite's files could not be read for its digest.
    #[error("failed to compute the suite digest: {0}")]
    Empreinte(std::io::Error),
    /// Rendering or writing failed.
    #[error(transparent)]
    Rapport(#[from] crate::rapport::ErreurRapport),
    /// The report could not be signed.
    #[error("failed to sign the report: {0}")]
    Signature(String),
}
