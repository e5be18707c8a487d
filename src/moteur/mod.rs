//! The Gherkin engine: French scenarios run against a [`Platform`](crate::plateforme::Platform)
//! (the reference in-process by default), a static check, and the step catalogue.

pub mod etapes;
pub mod monde;
pub mod verification;

use crate::donnees::lire_taux;
use crate::plateforme::Platform;
use crate::plateforme::locale::PlateformeReference;
use cucumber::WriterExt;
use cucumber::gherkin::tagexpr::TagOperation;
use cucumber::writer::Stats as _;
use cucumber::writer::summarize::Stats;
use monde::{Configuration, Monde, configurer};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Why a run could not start.
#[derive(Debug, thiserror::Error)]
pub enum ErreurMoteur {
    /// A data file is missing or malformed.
    #[error(transparent)]
    Donnees(#[from] crate::donnees::ErreurDonnees),
    /// The tag expression does not parse.
    #[error("expression de tags invalide « {0} »")]
    Tags(String),
    /// A feature path does not exist.
    #[error("{0}")]
    Fichiers(String),
}

/// What a run reports.
#[derive(Debug, Clone, Default)]
pub struct Bilan {
    /// Scenarios passed / failed / skipped.
    pub scenarios: (usize, usize, usize),
    /// Steps passed / failed / skipped.
    pub etapes: (usize, usize, usize),
    /// Feature files that did not parse.
    pub erreurs_syntaxe: usize,
    /// Duration.
    pub duree: Duration,
    /// Every scenario run, with its steps.
    pub joues: Vec<crate::rapport::collecte::ScenarioJoue>,
    /// The earliest date a scenario's calendar started at.
    pub debut_calendrier: Option<crate::domaine::calendrier::Date>,
}

impl Bilan {
    /// Whether everything passed.
    pub fn reussi(&self) -> bool {
        self.scenarios.1 == 0 && self.scenarios.2 == 0 && self.etapes.1 == 0 && self.erreurs_syntaxe == 0
    }

    fn ajouter(&mut self, sc: &Stats, st: &Stats, syntaxe: usize) {
        self.scenarios.0 += sc.passed;
        self.scenarios.1 += sc.failed;
        self.scenarios.2 += sc.skipped;
        self.etapes.0 += st.passed;
        self.etapes.1 += st.failed;
        self.etapes.2 += st.skipped;
        self.erreurs_syntaxe += syntaxe;
    }
}

/// The default platform factory: a fresh in-process reference per scenario, with the ECB rate
/// table of `scenarios/taux-bce.yaml`.
pub fn fabrique_reference(racine: &Path) -> Result<monde::Fabrique, ErreurMoteur> {
    let taux = lire_taux(&racine.join("scenarios/taux-bce.yaml"))?;
    // The scenario sets its own date; the platform starts early so that any date moves forward.
    let debut = crate::domaine::calendrier::Date::ymd(2000, 1, 1).expect("valid date");
    Ok(Arc::new(move || Box::new(PlateformeReference::new(debut, taux.clone())) as Box<dyn Platform>))
}

/// Options of a run.
#[derive(Clone)]
pub struct Options {
    /// Feature files or directories.
    pub features: Vec<PathBuf>,
    /// Tag expression (`@tacite and not @lent`).
    pub tags: Option<String>,
    /// Project root (`scenarios/` lives there).
    pub racine: PathBuf,
    /// Platform factory.
    pub fabrique: monde::Fabrique,
    /// Whether to print cucumber's step-by-step output.
    pub verbeux: bool,
    /// Benchmark baseline: the same steps match, but do nothing.
    pub etapes_neutres: bool,
    /// How many scenarios run at once (cucumber's default, 64, when `None`).
    pub concurrence: Option<usize>,
}

/// Runs the scenarios.
pub async fn executer(o: Options) -> Result<Bilan, ErreurMoteur> {
    let tags = match &o.tags {
        Some(t) => Some(t.parse::<TagOperation>().map_err(|_| ErreurMoteur::Tags(t.clone()))?),
        None => None,
    };
    for f in &o.features {
        if !f.exists() {
            return Err(ErreurMoteur::Fichiers(format!("{} n'existe pas", f.display())));
        }
    }
    configurer(Configuration { racine: o.racine.clone(), fabrique: o.fabrique.clone() });
    let debut = Instant::now();
    let mut bilan = Bilan::default();
    let recueil: crate::rapport::collecte::Recueil = Default::default();
    monde::debuts_calendrier_reinitialiser();
    // One cucumber run per path given: a directory runs all its features in one run, so that
    // scenarios of different files run concurrently too.
    for f in o.features.clone() {
        let cli: cucumber::cli::Opts<_, _, _, cucumber::cli::Empty> =
            cucumber::cli::Opts { tags_filter: tags.clone(), ..Default::default() };
        let base = cucumber::Cucumber::<Monde, _, PathBuf, _, _>::new()
            .language("fr")
            .map_err(|e| ErreurMoteur::Fichiers(e.to_string()))?
            .fail_on_skipped()
            .max_concurrent_scenarios(o.concurrence.unwrap_or(64));
        // Each scenario frees its state at the end (an HTTP sandbox would otherwise stay on the
        // server for the server's lifetime).
        let base = base.after(|_, _, _, _, monde| {
            Box::pin(async move {
                if let Some(m) = monde {
                    m.plateforme.liberer().await;
                }
            })
        });
        let base = etapes::enregistrer(base, o.etapes_neutres);
        let sortie: Box<dyn std::io::Write> = if o.verbeux { Box::new(std::io::stdout()) } else { Box::new(std::io::sink()) };
        let couleur = if o.verbeux { cucumber::writer::Coloring::Auto } else { cucumber::writer::Coloring::Never };
        let collecteur = crate::rapport::collecte::Collecteur::new(cucumber::writer::Basic::raw(sortie, couleur, 0u8), recueil.clone());
        let w = base.with_writer(collecteur.normalized().summarized()).with_cli(cli).run(f).await;
        bilan.ajouter(w.scenarios_stats(), w.steps_stats(), w.parsing_errors());
    }
    bilan.duree = debut.elapsed();
    bilan.joues = std::mem::take(&mut *recueil.lock().unwrap_or_else(|e| e.into_inner()));
    // Reports name files relative to the project root: no machine path in an archived report.
    let bases: Vec<PathBuf> = [o.racine.canonicalize().ok(), Some(o.racine.clone())].into_iter().flatten().collect();
    for s in &mut bilan.joues {
        for b in &bases {
            if let Ok(rel) = Path::new(&s.fichier).strip_prefix(b) {
                s.fichier = rel.display().to_string();
                break;
            }
        }
    }
    bilan.debut_calendrier = monde::debut_calendrier();
    Ok(bilan)
}

/// The step catalogue as text or Markdown.
pub fn catalogue_texte(markdown: bool) -> String {
    let mut out = String::new();
    if markdown {
        out.push_str("# Catalogue des étapes\n\nChaque étape avec un exemple et son sens métier. Les mots entre guillemets sont des noms (structure, utilisateur, marché) ; `A4` désigne la dernière pièce de ce cadre déposée dans le scénario.\n\n");
    }
    for (genre, titre) in [
        (etapes::Genre::Soit, "Contexte (Soit)"),
        (etapes::Genre::Quand, "Actions (Quand)"),
        (etapes::Genre::Alors, "Vérifications (Alors)"),
    ] {
        if markdown {
            out.push_str(&format!("## {titre}\n\n"));
        } else {
            out.push_str(&format!("{titre}\n\n"));
        }
        for d in etapes::catalogue().into_iter().filter(|d| d.genre == genre) {
            if markdown {
                out.push_str(&format!("```gherkin\n{}\n```\n{}\n\n", d.exemple, d.sens));
            } else {
                out.push_str(&format!("  {}\n      {}\n\n", d.exemple.replace('\n', "\n  "), d.sens));
            }
        }
    }
    out
}

/// The current UTC time as RFC 3339 (the engine is an adapter: it may read the clock; the core
/// never does).
pub fn maintenant() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let jours = (secs / 86_400) as i32;
    let reste = secs % 86_400;
    let date = crate::domaine::calendrier::Date::ymd(1970, 1, 1).expect("epoch").plus_jours(jours);
    format!("{}T{:02}:{:02}:{:02}Z", date.iso(), reste / 3600, reste % 3600 / 60, reste % 60)
}

/// Builds the report of a certification: the profile's non-applicable scenarios are listed with
/// that verdict.
pub fn rapport_certification(
    bilan: &Bilan,
    non_applicables: &[crate::rapport::collecte::ScenarioJoue],
    racine: &Path,
    implementation: &str,
    profil: &str,
) -> Result<crate::rapport::Rapport, ErreurMoteur> {
    let mut r = rapport(bilan, racine, implementation, Some(profil))?;
    if !non_applicables.is_empty() {
        let exigences = crate::donnees::lire_exigences(&racine.join("scenarios/exigences.yaml"))?;
        let hypotheses = crate::donnees::lire_hypotheses(&racine.join("scenarios/hypotheses.yaml"))?;
        r = crate::rapport::Rapport::construire(&bilan.joues, non_applicables, &exigences, &hypotheses, r.meta);
    }
    Ok(r)
}

/// Builds the report of a run: requirement matrix from `scenarios/exigences.yaml`, hypothèses
/// from `scenarios/hypotheses.yaml`.
pub fn rapport(bilan: &Bilan, racine: &Path, implementation: &str, profil: Option<&str>) -> Result<crate::rapport::Rapport, ErreurMoteur> {
    let exigences = crate::donnees::lire_exigences(&racine.join("scenarios/exigences.yaml"))?;
    let hypotheses = crate::donnees::lire_hypotheses(&racine.join("scenarios/hypotheses.yaml"))?;
    let meta = crate::rapport::Meta {
        implementation: implementation.to_string(),
        profil: profil.map(str::to_string),
        version_suite: env!("CARGO_PKG_VERSION").to_string(),
        empreinte_suite: None,
        empreinte_resultats: None,
        date: maintenant(),
        debut_calendrier: bilan.debut_calendrier.map(|d| d.iso()),
        moteur: format!("chorus-travaux {} (cucumber 0.23)", env!("CARGO_PKG_VERSION")),
        duree_ms: bilan.duree.as_millis() as u64,
    };
    Ok(crate::rapport::Rapport::construire(&bilan.joues, &[], &exigences, &hypotheses, meta))
}
