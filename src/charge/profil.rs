//! The workload file (`scenarios/charges/*.yaml`): the synthetic platform, the mix of dossier
//! flows and reads, the arrival model and the run's bounds. Every constraint is checked while the
//! YAML is read, so that a bad value is reported at its file, line and column.

use crate::donnees::{ErreurDonnees, lire_yaml};
use serde::{Deserialize, Deserializer};
use std::path::Path;

/// A workload.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfilCharge {
    /// The seed: the same seed gives the same directory, contracts and flows.
    pub graine: u64,
    /// The synthetic directory and contracts.
    pub annuaire: ProfilAnnuaire,
    /// Relative weights of each kind of work.
    pub melange: Melange,
    /// How many dossiers are in progress at once (each flow is one dossier).
    #[serde(default = "dossiers_defaut", deserialize_with = "entier_positif")]
    pub dossiers_en_cours: u64,
    /// The virtual calendar moves one day every this many operations.
    #[serde(default = "operations_par_jour_defaut", deserialize_with = "entier_positif")]
    pub operations_par_jour: u64,
    /// Open model (target rate) or closed model (connections as fast as possible).
    pub arrivee: Arrivee,
    /// Every run is bounded in time and in requests.
    pub limites: Limites,
}

fn dossiers_defaut() -> u64 {
    256
}

fn operations_par_jour_defaut() -> u64 {
    500
}

/// The synthetic directory: structures, contracts, payers Zipf-skewed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfilAnnuaire {
    /// Structures in the directory (1 000 to 1 000 000).
    #[serde(deserialize_with = "taille_annuaire")]
    pub structures: u64,
    /// Contracts (identity sheets), each with a titulaire, an MOE and a public MOA that pays.
    #[serde(deserialize_with = "entier_positif")]
    pub marches: u64,
    /// Zipf exponent of the payers' popularity (1.0: the second payer gets half the first's
    /// contracts; 0: uniform).
    #[serde(default = "zipf_defaut", deserialize_with = "exposant")]
    pub zipf: f64,
}

fn zipf_defaut() -> f64 {
    1.0
}

/// Relative weights of the flows and reads (0 leaves one out).
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Melange {
    /// A4 → prise en compte → A15 → A19 → service fait → mandatement → mise en paiement.
    pub mensuel: u32,
    /// An A4 refused for a routing error, recycled, then the monthly chain to payment.
    pub refus_recyclage: u32,
    /// An A4 refused « autre motif »: the dossier stops.
    pub refus_autre: u32,
    /// End of contract: A7 → A17 → A20 → A8 → payment.
    pub fin_de_marche: u32,
    /// The tacit procedure: A7, the MOA silent, A22, ten days, A23 → payment.
    pub tacite: u32,
    /// One A4 and nothing after: the deposit route alone.
    pub depot_seul: u32,
    /// The list of cadres: a static read of 5 kB.
    pub liste_cadres: u32,
    /// The health check: the hello route.
    pub sante: u32,
    /// Reads per 100 steps: after each step, the titulaire consults the dossier's last piece.
    pub lectures: u32,
}

impl Melange {
    /// The weights in the order of [`super::flux::TypeFlux::TOUS`], then reads.
    pub fn poids(&self) -> [u32; 9] {
        [
            self.mensuel,
            self.refus_recyclage,
            self.refus_autre,
            self.fin_de_marche,
            self.tacite,
            self.depot_seul,
            self.liste_cadres,
            self.sante,
            self.lectures,
        ]
    }
}

/// The arrival models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModeleArrivee {
    /// Open model: requests are due at a target rate whatever the answers; latency counts from
    /// the time each request was due (coordinated omission corrected, as wrk2 does).
    Ouvert,
    /// Closed model: `connexions` workers, each sends its next request when the last answered.
    Ferme,
}

/// How requests arrive.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Arrivee {
    /// `ouvert` or `ferme`.
    pub modele: ModeleArrivee,
    /// Open model: consecutive phases, constant rates (steps) and ramps.
    #[serde(default)]
    pub paliers: Vec<Palier>,
    /// Concurrent connections (HTTP; in process, one): those that serve the open model's
    /// schedule, or the closed model's workers.
    #[serde(default = "connexions_defaut", deserialize_with = "entier_positif")]
    pub connexions: u64,
}

fn connexions_defaut() -> u64 {
    16
}

/// One phase of the open model: a constant rate (`debit`) or a ramp (`de` → `a`).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Palier {
    /// Constant rate, requests per second.
    #[serde(default, deserialize_with = "debit_opt")]
    pub debit: Option<f64>,
    /// Ramp start, requests per second.
    #[serde(default, deserialize_with = "debit_opt")]
    pub de: Option<f64>,
    /// Ramp end, requests per second.
    #[serde(default, deserialize_with = "debit_opt")]
    pub a: Option<f64>,
    /// Length of the phase, in seconds.
    #[serde(deserialize_with = "duree")]
    pub duree_s: f64,
}

/// The bounds of a run: it stops at the first reached.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limites {
    /// Wall-clock duration, in seconds.
    #[serde(deserialize_with = "duree")]
    pub duree_s: f64,
    /// Requests sent.
    #[serde(deserialize_with = "entier_positif")]
    pub requetes: u64,
    /// Dossiers started, over all shards (optional): flow numbers from 0 to this bound, then the
    /// run ends when they are done.
    #[serde(default, deserialize_with = "entier_positif_opt")]
    pub dossiers: Option<u64>,
}

fn entier_positif_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    entier_positif(d).map(Some)
}

fn entier_positif<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let n = u64::deserialize(d)?;
    if n == 0 {
        return Err(serde::de::Error::custom("attendu un entier strictement positif"));
    }
    Ok(n)
}

fn taille_annuaire<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let n = u64::deserialize(d)?;
    if !(super::annuaire::STRUCTURES_MIN..=super::annuaire::STRUCTURES_MAX).contains(&n) {
        return Err(serde::de::Error::custom(format!(
            "{n} structures : attendu de {} à {}",
            super::annuaire::STRUCTURES_MIN,
            super::annuaire::STRUCTURES_MAX
        )));
    }
    Ok(n)
}

fn exposant<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let x = f64::deserialize(d)?;
    if !(0.0..=4.0).contains(&x) {
        return Err(serde::de::Error::custom(format!("exposant de Zipf {x} : attendu entre 0 et 4")));
    }
    Ok(x)
}

fn debit_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    let x = f64::deserialize(d)?;
    if !(x.is_finite() && x > 0.0 && x <= 10_000_000.0) {
        return Err(serde::de::Error::custom(format!("débit {x} : attendu un nombre de requêtes par seconde, de 0 exclu à 10 000 000")));
    }
    Ok(Some(x))
}

fn duree<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let x = f64::deserialize(d)?;
    if !(x.is_finite() && x > 0.0 && x <= 7.0 * 86_400.0) {
        return Err(serde::de::Error::custom(format!("durée {x} s : attendu de 0 exclu à une semaine")));
    }
    Ok(x)
}

/// Reads a workload file: YAML errors and bad values located by line and column; a phase that is
/// neither a constant rate nor a ramp, or a mix of zero weights, named.
pub fn lire_profil_charge(path: &Path) -> Result<ProfilCharge, ErreurDonnees> {
    let p: ProfilCharge = lire_yaml(path)?;
    let refus = |message: String| ErreurDonnees::Refus { path: path.to_path_buf(), message };
    if p.melange.poids()[..8].iter().all(|w| *w == 0) {
        return Err(refus("melange : au moins un parcours doit avoir un poids positif".into()));
    }
    if p.arrivee.modele == ModeleArrivee::Ferme && !p.arrivee.paliers.is_empty() {
        return Err(refus("arrivee.paliers : le modèle fermé n'a pas de débit visé (retirez les paliers ou choisissez « ouvert »)".into()));
    }
    if p.arrivee.modele == ModeleArrivee::Ouvert {
        let paliers = &p.arrivee.paliers;
        if paliers.is_empty() {
            return Err(refus("arrivee.paliers : au moins un palier attendu".into()));
        }
        for (i, pa) in paliers.iter().enumerate() {
            let ok = matches!((pa.debit, pa.de, pa.a), (Some(_), None, None) | (None, Some(_), Some(_)));
            if !ok {
                return Err(refus(format!(
                    "arrivee.paliers[{i}] : attendu soit « debit » (palier constant), soit « de » et « a » (rampe), avec « duree_s »"
                )));
            }
        }
    }
    Ok(p)
}
