//! Conformance reports: one self-contained HTML page (tera), a JSON document with a versioned
//! schema, and JUnit XML, all written from the same [`Rapport`].

mod ecriture;
mod html;
mod junit;

pub use ecriture::{ecrire_ensemble, preparer_dossier};

/// The engine's record of the scenarios run, which reports are built from (it lives in the
/// engine, which records it; this path is kept for the report's users).
pub use crate::moteur::collecte;

use crate::donnees::{ErreurDonnees, Exigence, Hypothese, lire_exigences, lire_hypotheses};
use crate::moteur::Bilan;
use collecte::{EtatEtape, ScenarioJoue};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Version of `rapport.json`'s schema (README « Reports »).
pub const VERSION_SCHEMA: u32 = 1;

/// The three files of a report, in the order they are written.
pub const FICHIERS: [&str; 3] = ["rapport.html", "rapport.json", "junit.xml"];

/// The signature of a signed certification, beside the three files (README « Signing »).
pub const FICHIER_SIGNATURE: &str = "rapport.sig";

/// A verdict (product brief: richer than pass/fail).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Behaves as the reference.
    Conforme,
    /// Does not.
    NonConforme,
    /// Could not be decided (no usable answer, or a precondition failed).
    Indetermine,
    /// Outside the declared profile, or not selected.
    NonApplicable,
}

impl Verdict {
    /// French label.
    pub fn libelle(self) -> &'static str {
        match self {
            Verdict::Conforme => "conforme",
            Verdict::NonConforme => "non conforme",
            Verdict::Indetermine => "indéterminé",
            Verdict::NonApplicable => "non applicable",
        }
    }
}

/// Run metadata.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Meta {
    /// The implementation under test.
    pub implementation: String,
    /// The implementation profile, for a certification.
    pub profil: Option<String>,
    /// The suite's version (this crate's).
    pub version_suite: String,
    /// SHA-256 of the suite (features, requirement catalogue, decisions), once computed.
    pub empreinte_suite: Option<String>,
    /// SHA-256 of the results, once computed.
    pub empreinte_resultats: Option<String>,
    /// When the run took place (UTC, RFC 3339).
    pub date: String,
    /// The scenarios' calendars start at their data set's date; this is the earliest one.
    pub debut_calendrier: Option<String>,
    /// Engine.
    pub moteur: String,
    /// Duration in milliseconds.
    pub duree_ms: u64,
    /// The base URL actually tested, when the implementation was reached over HTTP. Absent from
    /// the JSON otherwise (added to schema 1 without a version change: older reports read the
    /// same).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The fingerprint of the key that signed this report (`rapport.sig`); absent: not signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cle_signature: Option<String>,
    /// A certification's declared capabilities (`moad: oui`…), as its profile states them;
    /// absent from other runs (added to schema 1, omitted when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prise_en_charge: Option<Vec<String>>,
    /// The table `codeRetour` → refusal code the verdicts were read with: `référence`, or the
    /// profile's file with its SHA-256 (added to schema 1, omitted when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_codes_retour: Option<String>,
}

/// Counts by verdict.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Compte {
    /// Conforme (passed).
    pub conforme: usize,
    /// Non conforme.
    pub non_conforme: usize,
    /// Indéterminé.
    pub indetermine: usize,
    /// Non applicable / not run.
    pub non_applicable: usize,
}

impl Compte {
    fn ajouter(&mut self, v: Verdict) {
        match v {
            Verdict::Conforme => self.conforme += 1,
            Verdict::NonConforme => self.non_conforme += 1,
            Verdict::Indetermine => self.indetermine += 1,
            Verdict::NonApplicable => self.non_applicable += 1,
        }
    }
    /// Total.
    pub fn total(&self) -> usize {
        self.conforme + self.non_conforme + self.indetermine + self.non_applicable
    }
}

/// One step in a report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EtapeRapport {
    /// Keyword.
    pub mot_cle: String,
    /// Text.
    pub texte: String,
    /// Line.
    pub ligne: usize,
    /// Verdict.
    pub verdict: Verdict,
    /// Failure message.
    pub message: Option<String>,
    /// Expected value, when the failed step states one.
    pub attendu: Option<String>,
    /// Actual value, when the failed step states one.
    pub obtenu: Option<String>,
}

/// One scenario in a report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScenarioRapport {
    /// Stable id within the report (`s12`).
    pub id: String,
    /// Feature.
    pub fonctionnalite: String,
    /// File.
    pub fichier: String,
    /// Rule.
    pub regle: Option<String>,
    /// Name.
    pub nom: String,
    /// Line.
    pub ligne: usize,
    /// Tags.
    pub tags: Vec<String>,
    /// Verdict.
    pub verdict: Verdict,
    /// Steps.
    pub etapes: Vec<EtapeRapport>,
    /// HTTP requests and responses kept as evidence (certification runs).
    pub preuves: Vec<String>,
    /// Every business refusal the implementation answered, with its HTTP status and
    /// `codeRetour` (HTTP runs; added to schema 1, omitted when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refus_recus: Vec<collecte::RefusRecu>,
    /// The dossier the scenario left, read back from the implementation when it ended (the
    /// swimlane diagram). Added to schema 1 without a version change: absent when the scenario
    /// deposited nothing, and older reports read the same.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dossier: Vec<PieceDossier>,
}

/// One piece of a scenario's dossier, as the implementation held it when the scenario ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceDossier {
    /// Cadre (`A4`).
    pub cadre: String,
    /// `numeroFactureTravaux`.
    pub numero: String,
    /// The lane that deposited it: `fournisseur`, `maitrise_oeuvre`, `maitrise_ouvrage` or
    /// `service_financier`.
    pub couloir_depart: String,
    /// The lane its final status leaves it in (same values).
    pub couloir_arrivee: String,
    /// Its final status's API code; absent when the implementation could not be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statut: Option<String>,
    /// The portal's label of that status (or « statut illisible »).
    pub libelle: String,
    /// The piece it follows (`idPiecePrecedente`), as its index in this dossier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precedente: Option<usize>,
}

impl PieceDossier {
    fn du_releve(p: &crate::moteur::dossier::PieceRelevee) -> PieceDossier {
        PieceDossier {
            cadre: p.cadre.court(),
            numero: p.numero.clone(),
            couloir_depart: p.depuis.code().to_string(),
            couloir_arrivee: p.vers.code().to_string(),
            statut: p.statut.map(|s| s.code_api().to_string()),
            libelle: p.libelle.clone(),
            precedente: p.precedente,
        }
    }
}

/// One line of the requirement matrix.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LigneExigence {
    /// Id.
    pub id: String,
    /// Title.
    pub titre: String,
    /// Source.
    pub source: String,
    /// Whether it rests on a hypothèse.
    pub hypothese: bool,
    /// The scenarios that check it.
    pub scenarios: Vec<RefScenario>,
    /// Verdict.
    pub verdict: Verdict,
}

/// A link to a scenario of the report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RefScenario {
    /// Report id (`s12`).
    pub id: String,
    /// Name.
    pub nom: String,
}

/// One hypothèse the verdicts rest on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LigneHypothese {
    /// D-id or H-id.
    pub id: String,
    /// One line.
    pub resume: String,
    /// Whether a scenario of this run exercises it.
    pub exercee: bool,
}

/// A whole report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rapport {
    /// Schema version of the JSON form.
    pub version_schema: u32,
    /// Overall verdict.
    pub verdict: Verdict,
    /// Metadata.
    pub meta: Meta,
    /// Features run.
    pub fonctionnalites: usize,
    /// Scenarios by verdict.
    pub scenarios_par_verdict: Compte,
    /// Steps by verdict.
    pub etapes_par_verdict: Compte,
    /// Requirement matrix.
    pub exigences: Vec<LigneExigence>,
    /// Scenarios.
    pub scenarios: Vec<ScenarioRapport>,
    /// Hypothèses.
    pub hypotheses: Vec<LigneHypothese>,
}

fn verdict_etape(e: EtatEtape) -> Verdict {
    match e {
        EtatEtape::Reussie => Verdict::Conforme,
        EtatEtape::Echouee => Verdict::NonConforme,
        EtatEtape::Indeterminee | EtatEtape::Ignoree => Verdict::Indetermine,
        EtatEtape::NonApplicable => Verdict::NonApplicable,
    }
}

/// Worst first: non conforme, then indéterminé, then conforme; non applicable only when all are.
fn combiner(verdicts: impl Iterator<Item = Verdict>) -> Verdict {
    let mut tous_na = true;
    let mut pire = Verdict::Conforme;
    let mut vide = true;
    for v in verdicts {
        vide = false;
        if v != Verdict::NonApplicable {
            tous_na = false;
        }
        pire = match (pire, v) {
            (Verdict::NonConforme, _) | (_, Verdict::NonConforme) => Verdict::NonConforme,
            (Verdict::Indetermine, _) | (_, Verdict::Indetermine) => Verdict::Indetermine,
            _ => Verdict::Conforme,
        };
    }
    if vide || tous_na { Verdict::NonApplicable } else { pire }
}

/// Whether a requirement source names this hypothèse (`D-DELAIS-7`, not `D-DELAIS-70`).
fn cite(source: &str, id: &str) -> bool {
    source.match_indices(id).any(|(i, _)| !source[i + id.len()..].starts_with(|c: char| c.is_ascii_digit()))
}

impl Rapport {
    /// Builds a report from the scenarios run. `non_applicables` are scenarios outside the
    /// declared profile (certification), listed with that verdict.
    pub fn construire(
        joues: &[ScenarioJoue],
        non_applicables: &[ScenarioJoue],
        exigences: &[Exigence],
        hypotheses: &[Hypothese],
        meta: Meta,
    ) -> Rapport {
        let mut scenarios: Vec<ScenarioRapport> = Vec::new();
        let mut tous: Vec<(&ScenarioJoue, bool)> =
            joues.iter().map(|s| (s, true)).chain(non_applicables.iter().map(|s| (s, false))).collect();
        tous.sort_by(|a, b| (&a.0.fichier, a.0.ligne, &a.0.nom).cmp(&(&b.0.fichier, b.0.ligne, &b.0.nom)));
        let mut etapes_par_verdict = Compte::default();
        for (i, (s, joue)) in tous.iter().enumerate() {
            // D-API-4: from a step that needs a control capability the profile lacks, the
            // scenario is `non applicable`, and so are the steps it could not run.
            let mut hors_capacite = false;
            let etapes: Vec<EtapeRapport> = s
                .etapes
                .iter()
                .map(|e| {
                    hors_capacite |= e.etat == EtatEtape::NonApplicable;
                    let verdict = if !*joue || hors_capacite { Verdict::NonApplicable } else { verdict_etape(e.etat) };
                    etapes_par_verdict.ajouter(verdict);
                    EtapeRapport {
                        mot_cle: e.mot_cle.clone(),
                        texte: e.texte.clone(),
                        ligne: e.ligne,
                        verdict,
                        message: e.message.clone(),
                        attendu: e.attendu.clone(),
                        obtenu: e.obtenu.clone(),
                    }
                })
                .collect();
            let verdict = if *joue && !hors_capacite { combiner(etapes.iter().map(|e| e.verdict)) } else { Verdict::NonApplicable };
            // A scenario without steps (all filtered) still counts as run and passed only if it ran.
            let verdict = if *joue && etapes.is_empty() { Verdict::Conforme } else { verdict };
            scenarios.push(ScenarioRapport {
                id: format!("s{}", i + 1),
                fonctionnalite: s.fonctionnalite.clone(),
                fichier: s.fichier.clone(),
                regle: s.regle.clone(),
                nom: s.nom.clone(),
                ligne: s.ligne,
                tags: s.tags.clone(),
                verdict,
                etapes,
                preuves: s.preuves.clone(),
                refus_recus: s.refus_recus.clone(),
                dossier: s.dossier.iter().map(PieceDossier::du_releve).collect(),
            });
        }
        let mut scenarios_par_verdict = Compte::default();
        for s in &scenarios {
            scenarios_par_verdict.ajouter(s.verdict);
        }
        let lignes: Vec<LigneExigence> = exigences
            .iter()
            .map(|e| {
                let miens: Vec<&ScenarioRapport> = scenarios.iter().filter(|s| s.tags.contains(&e.id)).collect();
                LigneExigence {
                    id: e.id.clone(),
                    titre: e.titre.clone(),
                    source: e.source.clone(),
                    hypothese: e.hypothese,
                    scenarios: miens.iter().map(|s| RefScenario { id: s.id.clone(), nom: s.nom.clone() }).collect(),
                    verdict: combiner(miens.iter().map(|s| s.verdict)),
                }
            })
            .collect();
        let hypotheses = hypotheses
            .iter()
            .map(|h| LigneHypothese {
                id: h.id.clone(),
                resume: h.resume.clone(),
                exercee: lignes.iter().any(|l| cite(&l.source, &h.id) && !matches!(l.verdict, Verdict::NonApplicable)),
            })
            .collect();
        let mut fichiers: Vec<&str> = scenarios.iter().map(|s| s.fichier.as_str()).collect();
        fichiers.sort_unstable();
        fichiers.dedup();
        let verdict = if scenarios.iter().all(|s| s.verdict == Verdict::NonApplicable) {
            Verdict::Indetermine
        } else {
            combiner(scenarios.iter().map(|s| s.verdict).filter(|v| *v != Verdict::NonApplicable))
        };
        Rapport {
            version_schema: VERSION_SCHEMA,
            verdict,
            meta,
            fonctionnalites: fichiers.len(),
            scenarios_par_verdict,
            etapes_par_verdict,
            exigences: lignes,
            scenarios,
            hypotheses,
        }
    }

    /// The report of a run: requirement matrix from `scenarios/exigences.yaml`, hypothèses from
    /// `scenarios/hypotheses.yaml`.
    pub fn du_bilan(bilan: &Bilan, racine: &Path, implementation: &str, profil: Option<&str>) -> Result<Rapport, ErreurDonnees> {
        let exigences = lire_exigences(&racine.join("scenarios/exigences.yaml"))?;
        let hypotheses = lire_hypotheses(&racine.join("scenarios/hypotheses.yaml"))?;
        let meta = Meta {
            implementation: implementation.to_string(),
            profil: profil.map(str::to_string),
            version_suite: env!("CARGO_PKG_VERSION").to_string(),
            empreinte_suite: None,
            empreinte_resultats: None,
            date: crate::moteur::maintenant(),
            debut_calendrier: bilan.debut_calendrier.map(|d| d.iso()),
            moteur: format!("chorus-travaux {} (cucumber 0.23)", env!("CARGO_PKG_VERSION")),
            duree_ms: bilan.duree.as_millis() as u64,
            url: None,
            cle_signature: None,
            prise_en_charge: None,
            table_codes_retour: None,
        };
        Ok(Rapport::construire(&bilan.joues, &[], &exigences, &hypotheses, meta))
    }

    /// The report of a certification: the profile's non-applicable scenarios are listed with
    /// that verdict.
    pub fn de_certification(
        bilan: &Bilan,
        non_applicables: &[ScenarioJoue],
        racine: &Path,
        implementation: &str,
        profil: &str,
    ) -> Result<Rapport, ErreurDonnees> {
        let mut r = Rapport::du_bilan(bilan, racine, implementation, Some(profil))?;
        if !non_applicables.is_empty() {
            let exigences = lire_exigences(&racine.join("scenarios/exigences.yaml"))?;
            let hypotheses = lire_hypotheses(&racine.join("scenarios/hypotheses.yaml"))?;
            r = Rapport::construire(&bilan.joues, non_applicables, &exigences, &hypotheses, r.meta);
        }
        Ok(r)
    }

    /// The JSON form.
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serialises")
    }

    /// The HTML form.
    pub fn html(&self) -> Result<String, ErreurRapport> {
        html::rendre(self)
    }

    /// The JUnit XML form.
    pub fn junit(&self) -> String {
        junit::rendre(self)
    }

    /// The three files' contents, named as [`FICHIERS`].
    pub fn rendus(&self) -> Result<[(&'static str, String); 3], ErreurRapport> {
        Ok([(FICHIERS[0], self.html()?), (FICHIERS[1], self.json()), (FICHIERS[2], self.junit())])
    }

    /// Writes `rapport.html`, `rapport.json` and `junit.xml` into `dir` (created if needed), all
    /// three or none, and removes a `rapport.sig` left by an earlier signed report (it would not
    /// sign these files).
    pub fn ecrire(&self, dir: &Path) -> Result<(), ErreurRapport> {
        let rendus = self.rendus()?;
        let fichiers: Vec<(&str, &[u8])> = rendus.iter().map(|(n, c)| (*n, c.as_bytes())).collect();
        ecrire_ensemble(dir, &fichiers, &[FICHIER_SIGNATURE])
    }
}

/// Why a report could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ErreurRapport {
    /// The template failed.
    #[error("failed to render the HTML report: {0}")]
    Gabarit(String),
    /// A file could not be written.
    #[error("failed to write {0}: {1}")]
    Ecriture(String, std::io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_failure_carries_its_values_into_the_report() {
        use crate::moteur::collecte::EtapeJouee;
        let etape = |etat, message: &str, attendu: Option<&str>, obtenu: Option<&str>| EtapeJouee {
            mot_cle: "Alors".into(),
            texte: "une étape".into(),
            ligne: 7,
            etat,
            message: Some(message.into()),
            attendu: attendu.map(str::to_string),
            obtenu: obtenu.map(str::to_string),
        };
        let joue = ScenarioJoue {
            fonctionnalite: "f".into(),
            fichier: "features/f.feature".into(),
            regle: None,
            nom: "s".into(),
            ligne: 3,
            tags: vec![],
            etapes: vec![
                // The values come from the step, not from the message's text.
                etape(EtatEtape::Echouee, "montant accepté : attendu : 2 400 € ; obtenu : aucun", Some("2 400 €"), Some("aucun")),
                etape(EtatEtape::Indeterminee, "attendu : n'importe quoi ; obtenu : rien", None, None),
            ],
            preuves: vec![],
            refus_recus: vec![],
            dossier: vec![],
        };
        let meta = Meta {
            implementation: "x".into(),
            profil: None,
            version_suite: "0".into(),
            empreinte_suite: None,
            empreinte_resultats: None,
            date: "2026-01-01T00:00:00Z".into(),
            debut_calendrier: None,
            moteur: "m".into(),
            duree_ms: 0,
            url: None,
            cle_signature: None,
            prise_en_charge: None,
            table_codes_retour: None,
        };
        let r = Rapport::construire(&[joue], &[], &[], &[], meta);
        let (e, i) = (&r.scenarios[0].etapes[0], &r.scenarios[0].etapes[1]);
        assert_eq!((e.verdict, e.attendu.as_deref(), e.obtenu.as_deref()), (Verdict::NonConforme, Some("2 400 €"), Some("aucun")));
        assert_eq!(e.message.as_deref(), Some("montant accepté : attendu : 2 400 € ; obtenu : aucun"));
        assert_eq!((i.verdict, i.attendu.as_deref(), i.obtenu.as_deref()), (Verdict::Indetermine, None, None));
    }

    #[test]
    fn verdicts_combine_worst_first() {
        use Verdict::*;
        assert_eq!(combiner([Conforme, Indetermine].into_iter()), Indetermine);
        assert_eq!(combiner([Indetermine, NonConforme, Conforme].into_iter()), NonConforme);
        assert_eq!(combiner([NonApplicable, Conforme].into_iter()), Conforme);
        assert_eq!(combiner([NonApplicable].into_iter()), NonApplicable);
        assert_eq!(combiner(std::iter::empty()), NonApplicable);
    }

    #[test]
    fn hypothesis_citations_are_exact() {
        assert!(cite("D-DELAIS-7 ; D-REFUS-1", "D-DELAIS-7"));
        assert!(!cite("D-DELAIS-70", "D-DELAIS-7"));
        assert!(cite("D-ROUTAGE étape 4", "D-ROUTAGE"));
    }
}
