//! A cucumber writer that records each scenario's steps and verdicts for the reports, and hands
//! every event on to the writer it wraps.

use crate::moteur::monde::Monde;
use cucumber::event::{self, Cucumber, Feature, Rule, Scenario, Step};
use cucumber::{Event, Writer, parser, writer};
use std::sync::{Arc, Mutex};

/// Marks a step failure caused by an implementation that did not answer usably.
pub const MARQUE_INDETERMINE: &str = "[indéterminé] ";

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
                });
            }
            Scenario::Step(st, e) | Scenario::Background(st, e) => {
                let etat = match e {
                    Step::Started => return,
                    Step::Passed(..) => (EtatEtape::Reussie, None),
                    Step::Skipped => (EtatEtape::Ignoree, Some("étape non exécutée (inconnue, ou après un échec)".to_string())),
                    Step::Failed(_, _, monde, err) => {
                        if let (Some(w), Some(s)) = (monde, v.iter_mut().rev().find(|s| cle(s))) {
                            s.preuves = w.plateforme.journal();
                        }
                        let m = match err {
                            event::StepError::Panic(info) => info
                                .downcast_ref::<String>()
                                .cloned()
                                .or_else(|| info.downcast_ref::<&str>().map(|s| s.to_string()))
                                .unwrap_or_else(|| err.to_string()),
                            autre => autre.to_string(),
                        };
                        if m.contains(MARQUE_INDETERMINE) {
                            (EtatEtape::Indeterminee, Some(m.replacen(MARQUE_INDETERMINE, "", 1)))
                        } else {
                            (EtatEtape::Echouee, Some(m))
                        }
                    }
                };
                if let Some(s) = v.iter_mut().rev().find(|s| cle(s)) {
                    s.etapes.push(EtapeJouee {
                        mot_cle: st.keyword.trim().to_string(),
                        texte: st.value.clone(),
                        ligne: st.position.line,
                        etat: etat.0,
                        message: etat.1,
                    });
                }
            }
            _ => {}
        }
    }
}

impl<Wr: Writer<Monde>> Writer<Monde> for Collecteur<Wr> {
    type Cli = Wr::Cli;

    async fn handle_event(&mut self, event: parser::Result<Event<Cucumber<Monde>>>, cli: &Self::Cli) {
        if let Ok(e) = &event
            && let Cucumber::Feature(f, fe) = &e.value
        {
            match fe {
                Feature::Scenario(sc, ev) => self.noter(f, None, sc, &ev.event),
                Feature::Rule(r, Rule::Scenario(sc, ev)) => self.noter(f, Some(r), sc, &ev.event),
                _ => {}
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
