//! A cucumber writer that records each scenario's steps and verdicts for the reports, and hands
//! every event on to the writer it wraps. A failed step's [`EchecEtape`] is read back from
//! cucumber's panic payload: its nature, message and values are recorded as data.

use crate::moteur::dossier::PieceRelevee;
use crate::moteur::echec::{EchecEtape, NatureEchec};
use crate::moteur::monde::Monde;
pub use crate::plateforme::RefusRecu;
use cucumber::event::{Cucumber, Feature, Rule, Scenario, Step, StepError};
use cucumber::{Event, Writer, parser, writer};
use std::sync::{Arc, Mutex};

/// A step's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EtatEtape {
    /// Passed.
    Reussie,
    /// Failed: the implementation's answer was not the expected one.
    Echouee,
    /// Failed because the implementation did not answer usably.
    Indeterminee,
    /// Not run: it needs a control capability the profile does not declare (D-API-4).
    NonApplicable,
    /// Not run (a previous step failed), or undefined.
    Ignoree,
}

/// One step as run.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EtapeJouee {
    /// Keyword as written (`Soit`, `Quand`, `Alors`, `Et`).
    pub mot_cle: String,
    /// Text.
    pub texte: String,
    /// Line in the feature file.
    pub ligne: usize,
    /// Outcome.
    pub etat: EtatEtape,
    /// The failure message, if any.
    pub message: Option<String>,
    /// The expected value, when the failed step states one.
    pub attendu: Option<String>,
    /// The actual value, when the failed step states one.
    pub obtenu: Option<String>,
}

impl EtapeJouee {
    /// A step that failed with `echec`.
    fn echouee(mot_cle: String, texte: String, ligne: usize, echec: EchecEtape) -> EtapeJouee {
        let etat = match echec.nature {
            NatureEchec::Echouee => EtatEtape::Echouee,
            NatureEchec::Indeterminee => EtatEtape::Indeterminee,
            NatureEchec::NonApplicable => EtatEtape::NonApplicable,
        };
        EtapeJouee { mot_cle, texte, ligne, etat, message: Some(echec.message), attendu: echec.attendu, obtenu: echec.obtenu }
    }
}

/// Why a step failed: the [`EchecEtape`] it raised, or, for a genuine bug (a panic with a text)
/// or an engine error (undefined or ambiguous step), a plain failure with that text.
pub fn echec_de(err: &StepError) -> EchecEtape {
    match err {
        StepError::Panic(info) => {
            if let Some(e) = info.downcast_ref::<EchecEtape>() {
                return e.clone();
            }
            let texte = info.downcast_ref::<String>().cloned().or_else(|| info.downcast_ref::<&str>().map(|s| s.to_string()));
            EchecEtape::echouee(texte.unwrap_or_else(|| err.to_string()))
        }
        autre => EchecEtape::echouee(autre.to_string()),
    }
}

/// The failed step's error inside a scenario event, if any.
fn erreur_etape<W>(ev: &mut Scenario<W>) -> Option<&mut StepError> {
    match ev {
        Scenario::Step(_, Step::Failed(_, _, _, err)) | Scenario::Background(_, Step::Failed(_, _, _, err)) => Some(err),
        _ => None,
    }
}

/// One scenario as run.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ScenarioJoue {
    /// The feature's name.
    pub fonctionnalite: String,
    /// The feature file.
    pub fichier: String,
    /// The rule, if any.
    pub regle: Option<String>,
    /// Scenario name.
    pub nom: String,
    /// Line.
    pub ligne: usize,
    /// Tags of the feature, rule and scenario (without `@`).
    pub tags: Vec<String>,
    /// Steps, background first.
    pub etapes: Vec<EtapeJouee>,
    /// The implementation's last exchanges when a step failed (HTTP runs).
    pub preuves: Vec<String>,
    /// Every business refusal received, with its HTTP status and `codeRetour` (HTTP runs).
    pub refus_recus: Vec<RefusRecu>,
    /// The dossier the scenario left, read back from the platform when it ended (the report
    /// writes it in its own JSON form).
    #[serde(skip)]
    pub dossier: Vec<PieceRelevee>,
}

/// What the collector fills; shared with the caller.
pub type Recueil = Arc<Mutex<Vec<ScenarioJoue>>>;

/// The collecting writer.
#[derive(Debug)]
pub struct Collecteur<Wr> {
    interne: Wr,
    recueil: Recueil,
}

impl<Wr> Collecteur<Wr> {
    /// Wraps `interne`, recording into `recueil`.
    pub fn new(interne: Wr, recueil: Recueil) -> Collecteur<Wr> {
        Collecteur { interne, recueil }
    }

    fn noter(
        &self,
        f: &cucumber::gherkin::Feature,
        r: Option<&cucumber::gherkin::Rule>,
        sc: &cucumber::gherkin::Scenario,
        ev: &Scenario<Monde>,
    ) {
        let mut v = self.recueil.lock().unwrap_or_else(|e| e.into_inner());
        let fichier = f.path.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
        let cle = |s: &ScenarioJoue| s.fichier == fichier && s.ligne == sc.position.line && s.nom == sc.name;
        match ev {
            Scenario::Started => {
                let mut tags = f.tags.clone();
                if let Some(r) = r {
                    tags.extend(r.tags.iter().cloned());
                }
                tags.extend(sc.tags.iter().cloned());
                v.push(ScenarioJoue {
                    fonctionnalite: f.name.clone(),
                    fichier,
                    regle: r.map(|r| r.name.clone()),
                    nom: sc.name.clone(),
                    ligne: sc.position.line,
                    tags,
                    etapes: Vec::new(),
                    preuves: Vec::new(),
                    refus_recus: Vec::new(),
                    dossier: Vec::new(),
                });
            }
            Scenario::Step(st, e) | Scenario::Background(st, e) => {
                let (mot_cle, texte, ligne) = (st.keyword.trim().to_string(), st.value.clone(), st.position.line);
                let simple = |etat, message: Option<&str>| EtapeJouee {
                    mot_cle: mot_cle.clone(),
                    texte: texte.clone(),
                    ligne,
                    etat,
                    message: message.map(str::to_string),
                    attendu: None,
                    obtenu: None,
                };
                let etape = match e {
                    Step::Started => return,
                    Step::Passed(..) => simple(EtatEtape::Reussie, None),
                    Step::Skipped => simple(EtatEtape::Ignoree, Some("étape non exécutée (inconnue, ou après un échec)")),
                    Step::Failed(_, _, monde, err) => {
                        if let (Some(w), Some(s)) = (monde, v.iter_mut().rev().find(|s| cle(s))) {
                            s.preuves = w.preuves.clone().unwrap_or_else(|| w.plateforme.journal());
                        }
                        EtapeJouee::echouee(mot_cle.clone(), texte.clone(), ligne, echec_de(err))
                    }
                };
                if let Some(s) = v.iter_mut().rev().find(|s| cle(s)) {
                    s.etapes.push(etape);
                }
            }
            _ => {}
        }
    }
}

impl<Wr: Writer<Monde>> Writer<Monde> for Collecteur<Wr> {
    type Cli = Wr::Cli;

    async fn handle_event(&mut self, mut event: parser::Result<Event<Cucumber<Monde>>>, cli: &Self::Cli) {
        if let Ok(e) = &mut event
            && let Cucumber::Feature(f, fe) = &mut e.value
        {
            let ev = match fe {
                Feature::Scenario(sc, ev) => {
                    self.noter(f, None, sc, &ev.event);
                    Some(&mut ev.event)
                }
                Feature::Rule(r, Rule::Scenario(sc, ev)) => {
                    self.noter(f, Some(r), sc, &ev.event);
                    Some(&mut ev.event)
                }
                _ => None,
            };
            // The wrapped writer prints a panic's text: a typed failure is handed on as its text.
            if let Some(err) = ev.and_then(erreur_etape)
                && let StepError::Panic(info) = err
                && let Some(echec) = info.downcast_ref::<EchecEtape>()
            {
                *err = StepError::Panic(Arc::new(echec.to_string()));
            }
        }
        self.interne.handle_event(event, cli).await;
    }
}

impl<Wr, Val> writer::Arbitrary<Monde, Val> for Collecteur<Wr>
where
    Wr: writer::Arbitrary<Monde, Val>,
{
    async fn write(&mut self, val: Val) {
        self.interne.write(val).await;
    }
}

impl<Wr> writer::NonTransforming for Collecteur<Wr> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_failure_is_read_back_with_its_nature_and_values() {
        let e = echec_de(&StepError::Panic(Arc::new(EchecEtape::difference("statut de la pièce A4", "ASSOCIÉE", "DÉPOSÉE"))));
        let j = EtapeJouee::echouee("Alors".into(), "la pièce A4 est au statut \"ASSOCIÉE\"".into(), 7, e);
        assert_eq!(j.etat, EtatEtape::Echouee);
        assert_eq!(j.message.as_deref(), Some("statut de la pièce A4 : attendu : ASSOCIÉE ; obtenu : DÉPOSÉE"));
        assert_eq!((j.attendu.as_deref(), j.obtenu.as_deref()), (Some("ASSOCIÉE"), Some("DÉPOSÉE")));
        let i = echec_de(&StepError::Panic(Arc::new(EchecEtape::indeterminee("délai dépassé"))));
        assert_eq!((i.nature, i.message.as_str()), (NatureEchec::Indeterminee, "délai dépassé"));
    }

    #[test]
    fn a_genuine_panic_is_a_plain_failure_with_its_text() {
        let e = echec_de(&StepError::Panic(Arc::new(String::from("index out of bounds"))));
        assert_eq!((e.nature, e.message.as_str(), e.attendu), (NatureEchec::Echouee, "index out of bounds", None));
        let e = echec_de(&StepError::Panic(Arc::new("boom")));
        assert_eq!(e.message, "boom");
        assert_eq!(echec_de(&StepError::NotFound).nature, NatureEchec::Echouee);
    }
}
