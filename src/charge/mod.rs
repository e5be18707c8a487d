//! `load`: loads the reference in process, or any implementation of the HTTP contract, with a
//! seeded workload of whole dossier flows, and measures latencies that do not lie.
//!
//! The module is a pipeline, one file per stage:
//!
//! | file | stage |
//! |---|---|
//! | `profil.rs` | the workload file (`scenarios/charges/*.yaml`), checked as it is read |
//! | `annuaire.rs` | the seeded synthetic directory and contracts, as test-hook commands; shards |
//! | `flux.rs` | the dossier flows (monthly, refusals and recycling, end of contract, tacit) |
//! | `generateur.rs` | which operation comes next, and when the virtual calendar moves |
//! | `execution.rs` | the open and closed arrival models, the clock, the coordinated-omission correction |
//! | `mesure.rs` | HdrHistograms per operation, errors, the bounded time series |
//! | `resultat.rs` | the JSON result, HdrHistogram's serialized form, the table, the merge of shards |
//! | `html.rs` | the self-contained HTML page with its SVG plots |
//!
//! Everything a business reader sees is French; flags and machinery are English.

pub mod annuaire;
pub mod execution;
pub mod flux;
pub mod generateur;
pub mod html;
pub mod mesure;
pub mod profil;
pub mod resultat;

use crate::domaine::paiement::TableTaux;
use crate::donnees::ErreurDonnees;
use crate::http::client::ClientHttp;
use crate::plateforme::locale::PlateformeReference;
use crate::plateforme::{Commande, Echec, Platform};
use annuaire::{Shard, date_debut};
use execution::{Execution, Horloge, HorlogeReelle, Modele, Options, Plan};
use futures::StreamExt;
use generateur::{Generateur, annuaire as annuaire_du_profil};
use profil::{ModeleArrivee, ProfilCharge};
use resultat::{Debits, Resultat, VERSION_SCHEMA};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// Why a load could not run.
#[derive(Debug, thiserror::Error)]
pub enum ErreurCharge {
    /// The workload file is unreadable or invalid (exit 2).
    #[error(transparent)]
    Profil(#[from] ErreurDonnees),
    /// The command line or the workload cannot run as given (exit 2).
    #[error("{0}")]
    Entree(String),
    /// The target did not answer usably while the platform was set up (exit 3).
    #[error("{0}")]
    Cible(String),
}

/// What to load.
#[derive(Debug, Clone)]
pub enum Cible {
    /// The in-process reference.
    Reference,
    /// An implementation of the HTTP contract, through a client configured as `run --target` or a
    /// certification profile configures it (PISTE, accounts, CA, timeout).
    Http {
        /// Base URL, for the result.
        url: String,
        /// The configured client; the load's connections are clones of it (one sandbox).
        client: Box<ClientHttp>,
    },
}

/// One run of `load`.
#[derive(Debug, Clone)]
pub struct Lancement {
    /// The workload.
    pub profil: ProfilCharge,
    /// Its file, for the report.
    pub chemin: String,
    /// The target.
    pub cible: Cible,
    /// The part of the workload this process runs.
    pub shard: Shard,
    /// ECB rates (the in-process reference computes interest with them).
    pub taux: TableTaux,
    /// Overrides the workload's request bound.
    pub requetes: Option<u64>,
    /// Overrides the workload's duration bound, in seconds.
    pub duree_s: Option<f64>,
    /// Overrides the workload's connection count (HTTP).
    pub connexions: Option<u64>,
    /// Draws a progress bar on the terminal.
    pub barre: bool,
}

fn echec(quoi: &str, e: &Echec) -> String {
    format!("{quoi} : {e}")
}

/// Loads the in-process reference with the shard's directory and contracts.
pub fn reference_chargee(p: &ProfilCharge, shard: Shard, taux: TableTaux) -> Result<PlateformeReference, ErreurCharge> {
    let mut r = PlateformeReference::new(date_debut(), taux);
    r.executer_sync(None, Commande::FixerDate(date_debut())).map_err(|e| ErreurCharge::Entree(echec("mise en place", &e)))?;
    for c in annuaire_du_profil(p).commandes(shard) {
        r.executer_sync(None, c).map_err(|e| ErreurCharge::Entree(echec("mise en place de l'annuaire synthétique", &e)))?;
    }
    Ok(r)
}

async fn client_charge(url: &str, client: ClientHttp, p: &ProfilCharge, shard: Shard, n: usize) -> Result<ClientHttp, ErreurCharge> {
    let mut c = client.clone();
    c.executer(None, Commande::FixerDate(date_debut())).await.map_err(|e| ErreurCharge::Cible(echec(&format!("cible {url}"), &e)))?;
    let annuaire = annuaire_du_profil(p);
    let mut commandes = annuaire.commandes(shard);
    // Structures first, concurrently; users, attachments and sheets after, in order.
    let structures: Vec<Commande> = commandes.by_ref().take(p.annuaire.structures as usize).collect();
    let mut flot = futures::stream::iter(structures)
        .map(|s| {
            let mut c = client.clone();
            async move { c.executer(None, s).await }
        })
        .buffer_unordered(n.max(1));
    while let Some(r) = flot.next().await {
        deja_la(r).map_err(|e| ErreurCharge::Cible(echec("chargement de l'annuaire", &e)))?;
    }
    drop(flot);
    for cmd in commandes {
        deja_la(c.executer(None, cmd).await).map_err(|e| ErreurCharge::Cible(echec("chargement des marchés", &e)))?;
    }
    Ok(client)
}

/// The set-up is idempotent: a structure or a user already there (another shard loaded it into
/// the same sandbox) is no failure.
fn deja_la(r: Result<crate::plateforme::Reponse, Echec>) -> Result<(), Echec> {
    match r {
        Ok(_) => Ok(()),
        Err(Echec::Refus { code, .. }) if code == "STRUCTURE_EXISTANTE" => Ok(()),
        Err(e) => Err(e),
    }
}

/// Runs one load: sets the platform up, runs the workload, returns the result.
pub async fn lancer(l: &Lancement) -> Result<Resultat, ErreurCharge> {
    let p = &l.profil;
    let generateur = Generateur::new(p, l.shard).map_err(ErreurCharge::Entree)?;
    let modele = match p.arrivee.modele {
        ModeleArrivee::Ouvert => Modele::Ouvert(Plan::new(&p.arrivee.paliers)),
        ModeleArrivee::Ferme => Modele::Ferme,
    };
    let connexions_profil = p.arrivee.connexions;
    let connexions = l.connexions.unwrap_or(connexions_profil).clamp(1, 10_000) as usize;
    // Over HTTP, a clone of the client frees the load's sandbox once the run is over.
    let mut a_liberer: Option<ClientHttp> = None;
    let (plateformes, nom, connexions): (Vec<Box<dyn Platform>>, String, usize) = match &l.cible {
        Cible::Reference => (vec![Box::new(reference_chargee(p, l.shard, l.taux.clone())?)], "référence (en processus)".into(), 1),
        Cible::Http { url, client } => {
            // Set up through the pool; then no evidence kept, and one connection per worker over
            // plain http (as wrk and oha).
            let c = client_charge(url, (**client).clone(), p, l.shard, connexions).await?.pour_la_charge();
            a_liberer = Some(c.pour_un_autre_travailleur());
            ((0..connexions).map(|_| Box::new(c.pour_un_autre_travailleur()) as Box<dyn Platform>).collect(), url.clone(), connexions)
        }
    };
    let mut duree_s = l.duree_s.unwrap_or(p.limites.duree_s);
    if let Modele::Ouvert(plan) = &modele {
        duree_s = duree_s.min(plan.duree_s());
    }
    let options = Options {
        modele: modele.clone(),
        connexions,
        requetes: l.requetes.unwrap_or(p.limites.requetes),
        duree: Duration::from_secs_f64(duree_s),
    };
    let progression = Arc::new(AtomicU64::new(0));
    let arret = Arc::new(AtomicBool::new(false));
    let barre = l.barre.then(|| barre(progression.clone(), arret.clone(), options.duree, options.requetes));
    let horloge: Arc<dyn Horloge> = Arc::new(HorlogeReelle::demarrer());
    let x = execution::executer(generateur, plateformes, horloge, &options, progression).await;
    if let Some(mut c) = a_liberer {
        c.liberer().await;
    }
    arret.store(true, Ordering::Relaxed);
    if let Some(b) = barre {
        let _ = b.join();
    }
    Ok(resultat_de(l, &nom, connexions, &modele, x))
}

/// The result of a run: rates, flows, per-operation latencies and the series.
pub fn resultat_de(l: &Lancement, nom: &str, connexions: usize, modele: &Modele, x: Execution) -> Resultat {
    let duree = x.duree.as_secs_f64().max(1e-6);
    let dues = x.dues;
    let r = Resultat {
        version_schema: VERSION_SCHEMA,
        cible: nom.to_string(),
        profil: l.chemin.clone(),
        graine: l.profil.graine,
        shards: format!("{}/{}", l.shard.indice, l.shard.nombre),
        structures: l.profil.annuaire.structures,
        connexions: connexions as u64,
        duree_s: (duree * 1000.0).round() / 1000.0,
        debits: Debits {
            modele: if matches!(modele, Modele::Ouvert(_)) { "ouvert" } else { "ferme" }.into(),
            requetes_dues: dues,
            debit_vise: dues.map(|d| d as f64 / duree),
            requetes_envoyees: x.envoyees,
            debit_atteint: x.envoyees as f64 / duree,
            retard_max_envoi_us: x.retard_max_us,
            debit_non_tenu: dues.is_some_and(|d| (x.envoyees as f64) < 0.95 * d as f64),
        },
        flux: Default::default(),
        erreurs: Default::default(),
        operations: Vec::new(),
        intervalle_ms: 0,
        serie: Vec::new(),
    };
    let mut r = r.avec_mesures(&x.mesures);
    r.flux = x.flux;
    if let Modele::Ouvert(plan) = modele {
        let pas = r.intervalle_ms as f64 / 1000.0;
        for p in &mut r.serie {
            p.debit_vise = Some(plan.debit(p.debut_s + pas / 2.0));
        }
    }
    r
}

fn barre(progression: Arc<AtomicU64>, arret: Arc<AtomicBool>, duree: Duration, requetes: u64) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let b = indicatif::ProgressBar::new(duree.as_millis() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let debut = std::time::Instant::now();
        while !arret.load(Ordering::Relaxed) {
            let n = progression.load(Ordering::Relaxed);
            let t = debut.elapsed();
            b.set_position((t.as_millis() as u64).min(duree.as_millis() as u64));
            b.set_message(format!("{n}/{requetes} requêtes, {:.0}/s", n as f64 / t.as_secs_f64().max(1e-3)));
            std::thread::sleep(Duration::from_millis(100));
        }
        b.finish_and_clear();
    })
}
