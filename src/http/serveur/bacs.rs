//! Sandboxes: one reference per `cpro-bac-a-sable` name, each behind its own lock (taken without
//! sleeping on the async workers, blocking on the blocking threads) with a bounded queue, so that
//! one saturated sandbox cannot stall the others. The registry keeps a bounded number in memory:
//! with a journal, the least recently used idle sandbox is dropped from memory and rebuilt from
//! its journal when asked again; in memory only, it is lost, and the README says so.

use super::Configuration;
use super::journal::{Entree, Journal};
use crate::domaine::calendrier::Date;
use crate::http::operations;
use crate::plateforme::locale::PlateformeReference;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

/// A sandbox name: 1 to 64 characters among ASCII letters, digits, `.`, `_` and `-` (not a leading
/// `.`), so that it is a safe key and never silently becomes another sandbox.
pub fn nom_valide(nom: &str) -> bool {
    (1..=64).contains(&nom.len())
        && !nom.starts_with('.')
        && nom.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// One sandbox: its platform (built on first use), and how many requests wait for it.
pub struct Bac {
    /// The platform; `None` until loaded (fresh, or rebuilt from the journal).
    pub plateforme: Arc<Mutex<Option<PlateformeReference>>>,
    /// Requests waiting for or holding the lock.
    pub attente: AtomicUsize,
    dernier_acces: AtomicU64,
}

/// Counts a request in a sandbox's queue until dropped.
pub struct EnAttente(Arc<Bac>);

impl Drop for EnAttente {
    fn drop(&mut self) {
        self.0.attente.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Bac {
    /// Enters the queue, unless `limite` requests already wait.
    pub fn entrer(self: &Arc<Bac>, limite: usize) -> Option<EnAttente> {
        let avant = self.attente.fetch_add(1, Ordering::AcqRel);
        if avant >= limite {
            self.attente.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        Some(EnAttente(self.clone()))
    }
}

/// Why a sandbox cannot be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Indisponible {
    /// Too many sandboxes exist (the limit is the configuration's).
    TropDeBacs(usize),
}

/// The registry.
pub struct Bacs {
    carte: std::sync::Mutex<HashMap<String, Arc<Bac>>>,
    origine: Instant,
}

impl Default for Bacs {
    fn default() -> Self {
        Bacs { carte: std::sync::Mutex::new(HashMap::new()), origine: Instant::now() }
    }
}

impl Bacs {
    fn maintenant(&self) -> u64 {
        self.origine.elapsed().as_millis() as u64
    }

    /// The sandbox of this name, created (empty, not yet loaded) when absent. Past
    /// `bacs_en_memoire` sandboxes, idle ones are dropped from memory, least recently used first;
    /// a new sandbox past `bacs_max` (in memory, or known to the journal) is refused.
    pub fn obtenir(&self, nom: &str, config: &Configuration, journal: Option<&Journal>) -> Result<Arc<Bac>, Indisponible> {
        let t = self.maintenant();
        let mut carte = self.carte.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(b) = carte.get(nom) {
            b.dernier_acces.store(t, Ordering::Relaxed);
            return Ok(b.clone());
        }
        let connus = match journal {
            Some(j) if !j.contient(nom).unwrap_or(false) => j.nombre_de_bacs().unwrap_or(0).max(carte.len()),
            Some(_) => 0,
            None => carte.len(),
        };
        if connus >= config.limites.bacs_max {
            return Err(Indisponible::TropDeBacs(config.limites.bacs_max));
        }
        if carte.len() >= config.limites.bacs_en_memoire {
            // Idle: nobody waits, nobody holds it but the registry.
            let mut inactifs: Vec<(u64, String)> = carte
                .iter()
                .filter(|(_, b)| b.attente.load(Ordering::Acquire) == 0 && Arc::strong_count(b) == 1)
                .map(|(n, b)| (b.dernier_acces.load(Ordering::Relaxed), n.clone()))
                .collect();
            inactifs.sort_unstable();
            let trop = carte.len() + 1 - config.limites.bacs_en_memoire;
            for (_, n) in inactifs.into_iter().take(trop) {
                carte.remove(&n);
            }
        }
        let b = Arc::new(Bac { plateforme: Arc::new(Mutex::new(None)), attente: AtomicUsize::new(0), dernier_acces: AtomicU64::new(t) });
        carte.insert(nom.to_string(), b.clone());
        Ok(b)
    }

    /// Forgets a sandbox from memory.
    pub fn retirer(&self, nom: &str) {
        self.carte.lock().unwrap_or_else(|e| e.into_inner()).remove(nom);
    }

    /// How many sandboxes are in memory.
    pub fn en_memoire(&self) -> usize {
        self.carte.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

/// A fresh platform as the server configures it: the calendar starts early (each scenario sets
/// its own date) and the injected fault, if any.
pub fn nouvelle_plateforme(config: &Configuration) -> PlateformeReference {
    let debut = Date::ymd_const(2000, 1, 1);
    let mut p = PlateformeReference::new(debut, config.taux.clone());
    if let Some(d) = config.defaut {
        p.injecter(d);
    }
    p
}

/// Rebuilds a sandbox from its journal: every accepted command, replayed in order. A command
/// that is refused on replay means the journal does not belong to this reference (another
/// version, an edited file): the sandbox is not served rather than served wrong.
pub fn rejouer(config: &Configuration, entrees: &[Entree]) -> Result<PlateformeReference, String> {
    let mut p = nouvelle_plateforme(config);
    for (i, e) in entrees.iter().enumerate() {
        let corps: Value = serde_json::from_str(&e.corps).map_err(|x| format!("entrée {} du journal illisible : {x}", i + 1))?;
        let commande = operations::commande(&e.route, &corps, &p)
            .map_err(|x| format!("entrée {} du journal illisible : {x}", i + 1))?
            .ok_or_else(|| format!("entrée {} du journal : route inconnue {}", i + 1, e.route))?;
        p.executer_sync(e.acteur.as_deref(), commande).map_err(|x| format!("entrée {} du journal refusée au rejeu : {x}", i + 1))?;
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sandbox_names_are_names() {
        for ok in ["defaut", "bac-12-3", "A.b_c", "x"] {
            assert!(nom_valide(ok), "{ok}");
        }
        for non in ["", ".cache", "été", "a/b", "a b", &"x".repeat(65), "../x"] {
            assert!(!nom_valide(non), "{non}");
        }
    }
}
