//! The Gherkin engine: French scenarios run against a [`Platform`](crate::plateforme::Platform)
//! (the reference in-process by default), a static check, the step catalogue, and the record of
//! every step run (which the reports are built from: the engine knows nothing of reports).

pub mod collecte;
pub mod dossier;
pub mod echec;
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
    pub joues: Vec<collecte::ScenarioJoue>,
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

/// What a scenario leaves when it ends: the refusals it received (the certification's evidence)
/// and its dossier read back (the report's diagram).
struct ScenarioEnd {
    refus_recus: Vec<crate::plateforme::RefusRecu>,
    dossier: Vec<dossier::PieceRelevee>,
}

/// Each scenario's [`ScenarioEnd`], by file, line and name (as the collector keys them).
type EndsByScenario = std::sync::Arc<std::sync::Mutex<std::collections::HashMap<(String, usize, String), ScenarioEnd>>>;

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
    let recueil: collecte::Recueil = Default::default();
    let ends: EndsByScenario = Default::default();
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
        // Each scenario, passed or failed, keeps its evidence as it stood and the refusals it
        // received (the certification's evidence), reads back the dossier it leaves (the
        // report's diagram), then frees its state (an HTTP sandbox would otherwise stay on the
        // server for the server's lifetime).
        let ends_of_run = ends.clone();
        let base = base.after(move |f, _, sc, _, monde| {
            let ends = ends_of_run.clone();
            let cle = (f.path.as_ref().map(|p| p.display().to_string()).unwrap_or_default(), sc.position.line, sc.name.clone());
            Box::pin(async move {
                if let Some(m) = monde {
                    m.preuves = Some(m.plateforme.journal());
                    let refus_recus = m.plateforme.refus_recus();
                    let dossier = dossier::relever(m).await;
                    ends.lock().unwrap_or_else(|e| e.into_inner()).insert(cle, ScenarioEnd { refus_recus, dossier });
                    m.plateforme.liberer().await;
                }
            })
        });
        let base = etapes::enregistrer(base, o.etapes_neutres);
        let sortie: Box<dyn std::io::Write> = if o.verbeux { Box::new(std::io::stdout()) } else { Box::new(std::io::sink()) };
        let couleur = if o.verbeux { cucumber::writer::Coloring::Auto } else { cucumber::writer::Coloring::Never };
        let collecteur = collecte::Collecteur::new(cucumber::writer::Basic::raw(sortie, couleur, 0u8), recueil.clone());
        let w = base.with_writer(collecteur.normalized().summarized()).with_cli(cli).run(f).await;
        bilan.ajouter(w.scenarios_stats(), w.steps_stats(), w.parsing_errors());
    }
    bilan.duree = debut.elapsed();
    bilan.joues = std::mem::take(&mut *recueil.lock().unwrap_or_else(|e| e.into_inner()));
    // What each scenario left joins its record (both are keyed by file, line and name).
    let mut ends = std::mem::take(&mut *ends.lock().unwrap_or_else(|e| e.into_inner()));
    for s in &mut bilan.joues {
        if let Some(l) = ends.remove(&(s.fichier.clone(), s.ligne, s.nom.clone())) {
            s.refus_recus = l.refus_recus;
            s.dossier = l.dossier;
        }
    }
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

#[cfg(test)]
mod tests {
    //! A step's typed failure, end to end: raised by a step, carried by cucumber's panic, read
    //! back by the collector with its nature and values.

    use super::*;
    use crate::domaine::calendrier::Date;
    use crate::domaine::couloir::Couloir;
    use crate::domaine::piece::PieceId;
    use crate::domaine::siret::Siret;
    use crate::domaine::structure::Structure;
    use crate::moteur::collecte::{EtatEtape, ScenarioJoue};
    use crate::plateforme::{Commande, Echec, Reponse, VueCadre, VueEvenement, VueFonds, VueNotification, VuePiece};
    use futures::future::{BoxFuture, FutureExt, ready};

    /// The reference, except that deposits (`depot`) or consultations (otherwise) get no usable
    /// answer.
    struct Muette {
        reference: Box<dyn Platform>,
        depot: bool,
    }

    fn sans_reponse<T>(route: &str) -> BoxFuture<'static, Result<T, Echec>>
    where
        T: Send + 'static,
    {
        ready(Err(Echec::Indetermine { message: "délai dépassé sans réponse".into(), preuve: Some(format!("POST {route}")) })).boxed()
    }

    impl Platform for Muette {
        fn nom(&self) -> String {
            "muette".into()
        }
        fn executer<'a>(&'a mut self, acteur: Option<&'a str>, commande: Commande) -> BoxFuture<'a, Result<Reponse, Echec>> {
            match commande {
                Commande::Deposer(_) if self.depot => sans_reponse("/soumettre"),
                c => self.reference.executer(acteur, c),
            }
        }
        fn consulter<'a>(&'a mut self, acteur: Option<&'a str>, piece: PieceId) -> BoxFuture<'a, Result<VuePiece, Echec>> {
            if self.depot { self.reference.consulter(acteur, piece) } else { sans_reponse("/consulter") }
        }
        fn notifications(&mut self) -> BoxFuture<'_, Result<Vec<VueNotification>, Echec>> {
            self.reference.notifications()
        }
        fn structure(&mut self, siret: Siret) -> BoxFuture<'_, Result<Structure, Echec>> {
            self.reference.structure(siret)
        }
        fn cadres(&mut self) -> BoxFuture<'_, Result<Vec<VueCadre>, Echec>> {
            self.reference.cadres()
        }
        fn motifs_refus(&mut self) -> BoxFuture<'_, Result<Vec<String>, Echec>> {
            self.reference.motifs_refus()
        }
        fn date(&mut self) -> BoxFuture<'_, Result<Date, Echec>> {
            self.reference.date()
        }
        fn evenements_marche<'a>(&'a mut self, numero: &'a str) -> BoxFuture<'a, Result<Vec<VueEvenement>, Echec>> {
            self.reference.evenements_marche(numero)
        }
        fn fonds_mandat<'a>(&'a mut self, numero: &'a str) -> BoxFuture<'a, Result<VueFonds, Echec>> {
            self.reference.fonds_mandat(numero)
        }
        fn rechercher<'a>(
            &'a mut self,
            acteur: &'a str,
            role: Option<crate::domaine::reference::RoleRecherche>,
            page: usize,
            taille: usize,
        ) -> BoxFuture<'a, Result<crate::plateforme::PageRecherche, Echec>> {
            self.reference.rechercher(acteur, role, page, taille)
        }
        fn compte<'a>(&'a mut self, login: &'a str) -> BoxFuture<'a, Result<crate::plateforme::VueCompte, Echec>> {
            self.reference.compte(login)
        }
    }

    /// Runs one feature text; runs are process-global (the World reads one configuration), so one
    /// at a time.
    fn jouer(fabrique: monde::Fabrique, feature: &str, nom: &str) -> Vec<ScenarioJoue> {
        static SERIE: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _g = SERIE.lock().unwrap_or_else(|e| e.into_inner());
        let racine = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let fichier = std::env::temp_dir().join(format!("moteur-{nom}-{}.feature", std::process::id()));
        std::fs::write(&fichier, feature).expect("feature written");
        let o = Options {
            features: vec![fichier.clone()],
            tags: None,
            racine,
            fabrique,
            verbeux: false,
            etapes_neutres: false,
            concurrence: None,
        };
        let bilan = futures::executor::block_on(executer(o)).expect("the run starts");
        let _ = std::fs::remove_file(&fichier);
        bilan.joues
    }

    const STATUT: &str = "# language: fr\nFonctionnalité: f\n  Scénario: s\n    Soit le jeu de données \"demonstration\"\n    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT\n    Alors la pièce A4 est au statut \"ASSOCIÉE\"\n";

    #[test]
    fn a_failed_step_reaches_the_record_typed() {
        let racine = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let reference = fabrique_reference(&racine).expect("rates");
        // A mismatch: non conforme, with the expected and actual values as data.
        let joues = jouer(reference.clone(), STATUT, "difference");
        let e = &joues[0].etapes[2];
        assert_eq!(e.etat, EtatEtape::Echouee);
        assert_eq!(
            e.message.as_deref(),
            Some("statut de la pièce A4 : attendu : ASSOCIÉE ; obtenu : MISE À DISPOSITION MOE (MISE_A_DISPOSITION_MOE)")
        );
        assert_eq!(
            (e.attendu.as_deref(), e.obtenu.as_deref()),
            (Some("ASSOCIÉE"), Some("MISE À DISPOSITION MOE (MISE_A_DISPOSITION_MOE)"))
        );
        // A consultation without a usable answer: indéterminé, with the evidence in the message.
        let r = reference.clone();
        let muette: monde::Fabrique = Arc::new(move || Box::new(Muette { reference: r(), depot: false }) as Box<dyn Platform>);
        let joues = jouer(muette, STATUT, "consultation");
        let e = &joues[0].etapes[2];
        assert_eq!(e.etat, EtatEtape::Indeterminee);
        assert_eq!(e.message.as_deref(), Some("consultation de la pièce A4 : délai dépassé sans réponse\nPOST /consulter"));
        assert_eq!((e.attendu.as_deref(), e.obtenu.as_deref()), (None, None));
        // An action without a usable answer stops the scenario there: indéterminé.
        let muette: monde::Fabrique = Arc::new(move || Box::new(Muette { reference: reference(), depot: true }) as Box<dyn Platform>);
        let joues = jouer(muette, STATUT, "depot");
        let etats: Vec<EtatEtape> = joues[0].etapes.iter().map(|e| e.etat).collect();
        assert_eq!(etats, [EtatEtape::Reussie, EtatEtape::Indeterminee]);
        assert_eq!(joues[0].etapes[1].message.as_deref(), Some("délai dépassé sans réponse\nPOST /soumettre"));
    }

    /// A piece as the run records it: cadre, from, to, status code, the piece it follows.
    type Trace = (String, Couloir, Couloir, Option<&'static str>, Option<usize>);

    fn dossier(s: &ScenarioJoue) -> Vec<Trace> {
        s.dossier.iter().map(|p| (p.cadre.court(), p.depuis, p.vers, p.statut.map(|x| x.code_api()), p.precedente)).collect()
    }

    #[test]
    fn each_scenario_records_the_dossier_the_platform_holds_when_it_ends() {
        use crate::domaine::couloir::Couloir::*;
        let reference = fabrique_reference(&PathBuf::from(env!("CARGO_MANIFEST_DIR"))).expect("rates");
        // The monthly dossier (seed: « en cours de marché »): A4 → A15 → A19, paid.
        let mensuel = "# language: fr\nFonctionnalité: f\n  Scénario: s\n    Soit le jeu de données \"demonstration\"\n    Et le marché \"2026-TRV-014\"\n    Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT\n    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 9 500 € HT à la suite de la pièce A4\n    Et la maîtrise d'ouvrage dépose un état d'acompte validé (A19) de 9 500 € HT à la suite de la pièce A15\n    Et la maîtrise d'ouvrage paie la pièce A19\n    Et la maîtrise d'œuvre dépose un état d'acompte (A15) de 1 € HT à la suite de la pièce A4\n";
        let joues = jouer(reference.clone(), mensuel, "dossier");
        assert!(joues[0].etapes.iter().all(|e| e.etat == EtatEtape::Reussie), "{:?}", joues[0].etapes);
        assert_eq!(
            dossier(&joues[0]),
            [
                ("A4".into(), Fournisseur, MaitriseOeuvre, Some("ASSOCIEE"), None),
                ("A15".into(), MaitriseOeuvre, MaitriseOuvrage, Some("ASSOCIEE"), Some(0)),
                ("A19".into(), MaitriseOuvrage, ServiceFinancier, Some("MISE_EN_PAIEMENT"), Some(1)),
            ],
            "three pieces, what the platform says of each; the refused second A15 is not one of them"
        );
        assert_eq!(joues[0].dossier[2].libelle, "MISE EN PAIEMENT");
        assert!(!joues[0].dossier[0].numero.is_empty(), "the platform's number");
        // A failed scenario keeps its dossier: what happened is what the certifier needs.
        let joues = jouer(reference.clone(), STATUT, "dossier-echec");
        assert_eq!(joues[0].etapes[2].etat, EtatEtape::Echouee);
        assert_eq!(dossier(&joues[0]), [("A4".into(), Fournisseur, MaitriseOeuvre, Some("MISE_A_DISPOSITION_MOE"), None)]);
        // A platform that cannot show the piece: the piece is there, its status unknown.
        let muette: monde::Fabrique = Arc::new(move || Box::new(Muette { reference: reference(), depot: false }) as Box<dyn Platform>);
        let joues = jouer(muette, STATUT, "dossier-muet");
        let p = &joues[0].dossier[0];
        assert_eq!((p.statut, p.libelle.as_str(), p.depuis, p.vers), (None, "statut illisible", Fournisseur, Fournisseur));
    }

    #[test]
    fn the_motif_list_is_checked_exactly() {
        let reference = fabrique_reference(&PathBuf::from(env!("CARGO_MANIFEST_DIR"))).expect("rates");
        let liste = |date: &str, motifs: &str| {
            format!(
                "# language: fr\nFonctionnalité: f\n  Scénario: s\n    Soit le jeu de données \"demonstration\" au {date}\n    Alors la plateforme liste les motifs de refus \"{motifs}\"\n"
            )
        };
        let etape = |date: &str, motifs: &str| {
            let joues = jouer(reference.clone(), &liste(date, motifs), "motifs");
            joues[0].etapes[1].clone()
        };
        let cinq = "MAUVAISE_MOA, AUTRE, MAUVAIS_VALIDEUR, MAUVAISE_MOE, REF_FAC_TRAVAUX";
        // In any order; ERREUR_MONTANT is listed from 19/02/2025 only (D-REFUS-3).
        assert_eq!(etape("18 février 2025", cinq).etat, EtatEtape::Reussie);
        assert_eq!(etape("19 février 2025", &format!("ERREUR_MONTANT, {cinq}")).etat, EtatEtape::Reussie);
        // A motif listed too early, or missing, is a difference.
        let trop = etape("3 mars 2026", cinq);
        assert_eq!((trop.etat, trop.attendu.as_deref()), (EtatEtape::Echouee, Some(cinq)));
        assert!(trop.obtenu.as_deref().is_some_and(|o| o.contains("ERREUR_MONTANT")), "{trop:?}");
        assert_eq!(etape("18 février 2025", &format!("ERREUR_MONTANT, {cinq}")).etat, EtatEtape::Echouee);
        assert_eq!(etape("3 mars 2026", "AUTRE, MAUVAISE_MOE").etat, EtatEtape::Echouee);
    }
}
