//! The runner: the arrival models and the measure of each operation.
//!
//! **Open model.** Request `i` is due at a time the plan fixes (constant rates, steps, ramps)
//! whatever the answers. Workers take the next due request; when every worker is busy, requests
//! wait, and their latency counts from the time they were due, not from the time they could be
//! sent: the coordinated-omission correction of wrk2 and of k6's arrival-rate executors. The
//! achieved rate is reported beside the intended one, with the requests that fell due but were
//! never sent.
//!
//! **Closed model.** `connexions` workers each send their next request when the last one
//! answered: the capacity of the target with that concurrency. Latency counts from the send.
//!
//! The clock is a trait, so that tests run the same runner on a virtual clock and assert exact
//! latencies without timing anything.

use super::generateur::{Action, Generateur, Operation, Ticket};
use super::mesure::Mesures;
use super::profil::Palier;
use crate::domaine::piece::PieceId;
use crate::plateforme::{Echec, Lecture, Platform, Reponse};
use futures::future::BoxFuture;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A clock, from the start of the run.
pub trait Horloge: Send + Sync {
    /// Time elapsed since the start.
    fn maintenant(&self) -> Duration;
    /// Waits until `instant` (from the start); returns at once if it passed.
    fn attendre(&self, instant: Duration) -> BoxFuture<'_, ()>;
}

/// The machine's monotonic clock. Waits sleep to about a millisecond before the instant, then
/// yield until it: tokio's timer alone has a millisecond's granularity, too coarse for rates of
/// thousands of requests per second.
#[derive(Debug, Clone, Copy)]
pub struct HorlogeReelle {
    debut: Instant,
}

impl HorlogeReelle {
    /// A clock started now.
    pub fn demarrer() -> HorlogeReelle {
        HorlogeReelle { debut: Instant::now() }
    }
}

impl Horloge for HorlogeReelle {
    fn maintenant(&self) -> Duration {
        self.debut.elapsed()
    }

    fn attendre(&self, instant: Duration) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            let marge = Duration::from_micros(1500);
            let reste = instant.saturating_sub(self.maintenant());
            if reste > marge {
                tokio::time::sleep(reste - marge).await;
            }
            while self.maintenant() < instant {
                tokio::task::yield_now().await;
            }
        })
    }
}

/// When each request of the open model is due.
#[derive(Debug, Clone)]
pub struct Plan {
    /// (start s, length s, rate at start, rate at end, requests due before the phase).
    phases: Vec<(f64, f64, f64, f64, f64)>,
}

impl Plan {
    /// The plan of a workload's phases, one after the other.
    pub fn new(paliers: &[Palier]) -> Plan {
        let mut phases = Vec::with_capacity(paliers.len());
        let (mut t, mut n) = (0.0, 0.0);
        for p in paliers {
            let (r0, r1) = match (p.debit, p.de, p.a) {
                (Some(r), _, _) => (r, r),
                (None, Some(a), Some(b)) => (a, b),
                _ => (0.0, 0.0),
            };
            phases.push((t, p.duree_s, r0, r1, n));
            t += p.duree_s;
            n += (r0 + r1) / 2.0 * p.duree_s;
        }
        Plan { phases }
    }

    /// The plan's length, in seconds.
    pub fn duree_s(&self) -> f64 {
        self.phases.last().map_or(0.0, |p| p.0 + p.1)
    }

    /// Requests due in the first `t` seconds.
    pub fn dues(&self, t: f64) -> f64 {
        let mut n = 0.0;
        for &(debut, duree, r0, r1, avant) in &self.phases {
            if t <= debut {
                break;
            }
            let x = (t - debut).min(duree);
            n = avant + r0 * x + (r1 - r0) * x * x / (2.0 * duree);
        }
        n
    }

    /// The rate intended at `t` seconds.
    pub fn debit(&self, t: f64) -> f64 {
        self.phases
            .iter()
            .find(|p| t >= p.0 && t < p.0 + p.1)
            .map_or(0.0, |&(debut, duree, r0, r1, _)| r0 + (r1 - r0) * (t - debut) / duree)
    }

    /// When request `i` (from 0) is due; `None` past the plan's end.
    pub fn echeance(&self, i: u64) -> Option<Duration> {
        let k = i as f64;
        for &(debut, duree, r0, r1, avant) in &self.phases {
            let apres = avant + (r0 + r1) / 2.0 * duree;
            if k >= apres {
                continue;
            }
            let c = k - avant;
            // Solve r0·x + (r1 − r0)·x² / (2·duree) = c for x in the phase.
            let a = (r1 - r0) / (2.0 * duree);
            let x = if a.abs() < 1e-12 { c / r0 } else { (-r0 + (r0 * r0 + 4.0 * a * c).max(0.0).sqrt()) / (2.0 * a) };
            return Some(Duration::from_secs_f64(debut + x.clamp(0.0, duree)));
        }
        None
    }
}

/// How requests arrive, for one run.
#[derive(Debug, Clone)]
pub enum Modele {
    /// Due at the plan's times.
    Ouvert(Plan),
    /// As fast as the answers come.
    Ferme,
}

/// The bounds and shape of one run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Arrival model.
    pub modele: Modele,
    /// Concurrent workers (one per connection).
    pub connexions: usize,
    /// At most this many requests.
    pub requetes: u64,
    /// At most this long.
    pub duree: Duration,
}

/// What the runner hands back.
#[derive(Debug)]
pub struct Execution {
    /// The measures.
    pub mesures: Mesures,
    /// How long the run took.
    pub duree: Duration,
    /// Requests sent (and answered or failed).
    pub envoyees: u64,
    /// Open model: requests due within the run.
    pub dues: Option<u64>,
    /// Open model: the most a request was sent after its due time, in microseconds.
    pub retard_max_us: u64,
    /// Dossiers by kind of flow (French labels).
    pub flux: std::collections::BTreeMap<String, super::generateur::CompteFlux>,
}

struct Partage {
    generateur: Generateur,
    mesures: Mesures,
}

/// The error code of a failed operation: the refusal's code, or a word for an unusable answer
/// (`DELAI_DEPASSE`, `CONNEXION_IMPOSSIBLE`, `HTTP_5xx`, `INDETERMINE`).
pub fn code_erreur(e: &Echec) -> String {
    match e {
        Echec::Refus { code, .. } => code.clone(),
        Echec::HorsCapacite { .. } => "HORS_CAPACITE".into(),
        Echec::Indetermine { message, .. } => {
            if message.starts_with("délai dépassé") {
                "DELAI_DEPASSE".into()
            } else if message.starts_with("connexion impossible") {
                "CONNEXION_IMPOSSIBLE".into()
            } else if let Some(reste) = message.strip_prefix("erreur serveur ") {
                format!("HTTP_{}", reste.split_whitespace().next().unwrap_or("5xx"))
            } else {
                "INDETERMINE".into()
            }
        }
    }
}

/// Sends one operation.
pub async fn envoyer(p: &mut dyn Platform, op: Operation) -> Result<Option<PieceId>, Echec> {
    let acteur = op.acteur.as_deref();
    match op.action {
        Action::Commande(c) => p.executer(acteur, c).await.map(|r| if let Reponse::Piece(id) = r { Some(id) } else { None }),
        Action::Consulter(id) => p.sonder(acteur, Lecture::Piece(id)).await.map(|_| None),
        Action::Cadres => p.sonder(None, Lecture::Cadres).await.map(|_| None),
        Action::Sante => p.sonder(None, Lecture::Sante).await.map(|_| None),
    }
}

/// Runs a workload's generator against platforms, one per worker (clones of one HTTP client
/// share its sandbox; the in-process reference runs with one worker). `progression` counts the
/// requests done, for a progress bar.
pub async fn executer(
    generateur: Generateur,
    plateformes: Vec<Box<dyn Platform>>,
    horloge: Arc<dyn Horloge>,
    options: &Options,
    progression: Arc<AtomicU64>,
) -> Execution {
    let partage = Arc::new(Mutex::new(Partage { generateur, mesures: Mesures::default() }));
    let compteur = Arc::new(AtomicU64::new(0));
    let retard = Arc::new(AtomicU64::new(0));
    let fini = Arc::new(AtomicBool::new(false));
    let travaux = plateformes.into_iter().map(|mut p| {
        let (partage, compteur, retard, fini, horloge, progression) =
            (partage.clone(), compteur.clone(), retard.clone(), fini.clone(), horloge.clone(), progression.clone());
        let options = options.clone();
        async move {
            loop {
                if fini.load(Ordering::Relaxed) {
                    break;
                }
                let i = compteur.fetch_add(1, Ordering::Relaxed);
                if i >= options.requetes {
                    break;
                }
                let due = match &options.modele {
                    Modele::Ouvert(plan) => match plan.echeance(i) {
                        Some(d) if d < options.duree => {
                            horloge.attendre(d).await;
                            Some(d)
                        }
                        _ => break,
                    },
                    Modele::Ferme => None,
                };
                let envoi = horloge.maintenant();
                if envoi >= options.duree {
                    break;
                }
                if let Some(d) = due {
                    retard.fetch_max(envoi.saturating_sub(d).as_micros() as u64, Ordering::Relaxed);
                }
                let op = partage.lock().unwrap_or_else(|e| e.into_inner()).generateur.suivante();
                let Some(op) = op else {
                    fini.store(true, Ordering::Relaxed);
                    break;
                };
                let (ticket, libelle): (Ticket, &'static str) = (op.ticket, op.libelle);
                let issue = envoyer(p.as_mut(), op).await;
                let fin = horloge.maintenant();
                let depart = due.unwrap_or(envoi);
                let latence = fin.saturating_sub(depart).as_micros() as u64;
                let code = issue.as_ref().err().map(code_erreur);
                let mut s = partage.lock().unwrap_or_else(|e| e.into_inner());
                s.mesures.enregistrer(libelle, fin.as_millis() as u64, latence, code.as_deref());
                s.generateur.terminer(ticket, issue.map_err(|_| ()));
                drop(s);
                progression.fetch_add(1, Ordering::Relaxed);
            }
        }
    });
    // Under a multi-threaded tokio runtime (the CLI's) the workers spread over its threads, as
    // the answers of an HTTP target arrive on any of them; elsewhere (tests on a virtual clock,
    // the in-process reference's single worker) they run in this task.
    match tokio::runtime::Handle::try_current() {
        Ok(h) if options.connexions > 1 && h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            let taches: Vec<_> = travaux.map(|t| h.spawn(t)).collect();
            for t in taches {
                // A worker that panicked is a bug of the runner: let it show.
                if let Err(e) = t.await
                    && e.is_panic()
                {
                    std::panic::resume_unwind(e.into_panic());
                }
            }
        }
        _ => {
            futures::future::join_all(travaux).await;
        }
    }
    let duree = horloge.maintenant().max(Duration::from_micros(1));
    let epuise = fini.load(Ordering::Relaxed);
    let partage = Arc::try_unwrap(partage).ok().map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()));
    let (mesures, flux) = match partage {
        Some(p) => {
            let flux = super::flux::TypeFlux::TOUS.iter().zip(p.generateur.flux).map(|(t, c)| (t.libelle().to_string(), c)).collect();
            (p.mesures, flux)
        }
        None => (Mesures::default(), Default::default()),
    };
    let envoyees = mesures.nombre();
    let dues = match &options.modele {
        Modele::Ouvert(plan) => {
            // The requests due over the plan's span within the bound, or until the workload ran
            // out of dossiers.
            let horizon = if epuise { duree.as_secs_f64() } else { options.duree.as_secs_f64().min(plan.duree_s()) };
            Some((plan.dues(horizon).ceil() as u64).min(options.requetes))
        }
        Modele::Ferme => None,
    };
    Execution { mesures, duree, envoyees, dues, retard_max_us: retard.load(Ordering::Relaxed), flux }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn palier(debit: Option<f64>, de: Option<f64>, a: Option<f64>, duree_s: f64) -> Palier {
        Palier { debit, de, a, duree_s }
    }

    #[test]
    fn a_constant_rate_is_due_evenly_and_a_ramp_accelerates() {
        let p = Plan::new(&[palier(Some(100.0), None, None, 1.0), palier(None, Some(100.0), Some(300.0), 1.0)]);
        assert_eq!(p.echeance(0), Some(Duration::ZERO));
        assert_eq!(p.echeance(50), Some(Duration::from_millis(500)));
        // 100 in the first second, then 200 in the ramp (the mean of 100 and 300).
        assert!((p.dues(2.0) - 300.0).abs() < 1e-9);
        assert_eq!(p.echeance(300), None);
        let a = p.echeance(100).expect("due").as_secs_f64();
        let b = p.echeance(299).expect("due").as_secs_f64();
        assert!((a - 1.0).abs() < 1e-9 && b < 2.0 && b > 1.99, "{a} {b}");
        assert!((p.debit(1.5) - 200.0).abs() < 1e-9);
    }
}
