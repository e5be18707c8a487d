//! The generator: which operation comes next. It keeps a bounded set of dossiers in progress
//! (`dossiers_en_cours`), starts flow number `j` when a slot frees (only the flows of its shard),
//! lets each flow go on when the platform's calendar allows it, and moves the calendar: one day
//! every `operations_par_jour` operations, and at once when every dossier waits for a date.
//!
//! It is an adapter around the pure core: it reads no clock and only draws from seeded ChaCha
//! generators, one per flow for what the flow does (its kind, contract, amount, reads) and one for
//! the order in which ready dossiers are served. With one connection the whole run is a function
//! of the workload; with several, the same flows run, only their interleaving varies.

use super::annuaire::{Annuaire, MarcheSynthetique, Shard, date_debut};
use super::flux::{CADRES, CALENDRIER, CONSULTATION, Flux, TypeFlux};
use super::profil::ProfilCharge;
use crate::domaine::calendrier::Date;
use crate::domaine::piece::PieceId;
use crate::plateforme::Commande;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use rust_decimal::Decimal;
use std::sync::Arc;

pub use super::flux::Action;

/// Where an operation's outcome goes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ticket {
    /// A step (or a read, `lecture`) of the dossier in this slot.
    Flux {
        /// The slot.
        emplacement: usize,
        /// Whether it was a read.
        lecture: bool,
    },
    /// A calendar move of this many days.
    Calendrier(u32),
    /// A filler read.
    Remplissage,
}

/// One operation to send.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Where its outcome goes.
    pub ticket: Ticket,
    /// The acting user (`None` for test hooks and static reads).
    pub acteur: Option<String>,
    /// What to do.
    pub action: Action,
    /// Its label in the report.
    pub libelle: &'static str,
}

struct Emplacement {
    flux: Option<(Flux, ChaCha8Rng)>,
    en_vol: bool,
}

/// Counts of flows by kind: started, done, abandoned (a step refused or unanswered).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CompteFlux {
    /// Started.
    pub commences: u64,
    /// Every step done.
    pub termines: u64,
    /// Stopped on a refusal or an unusable answer.
    pub abandonnes: u64,
}

/// The generator of one shard of a workload.
pub struct Generateur {
    graine: u64,
    shard: Shard,
    /// Shared with the flows: a new dossier costs no copy of its contract's logins.
    marches: Vec<Arc<MarcheSynthetique>>,
    recus: Vec<usize>,
    poids: [u32; 8],
    lectures_pour_cent: u32,
    rng: ChaCha8Rng,
    emplacements: Vec<Emplacement>,
    date: Date,
    operations_par_jour: u64,
    depuis_jour: u64,
    calendrier_en_vol: bool,
    en_vol: usize,
    prochain: u64,
    flux_max: Option<u64>,
    /// Flows by kind, in the order of [`TypeFlux::TOUS`].
    pub flux: [CompteFlux; 8],
}

impl Generateur {
    /// The generator of `shard` of a workload. Fails when the shard holds no contract.
    pub fn new(p: &ProfilCharge, shard: Shard) -> Result<Generateur, String> {
        let annuaire = annuaire(p);
        let marches: Vec<Arc<MarcheSynthetique>> = annuaire.marches(shard).into_iter().map(Arc::new).collect();
        if marches.is_empty() {
            return Err(format!("le shard {}/{} ne compte aucun marché : moins de marchés que de shards", shard.indice, shard.nombre));
        }
        let recus = marches.iter().enumerate().filter(|(_, m)| m.receptionne).map(|(i, _)| i).collect();
        let w = p.melange.poids();
        let emplacements = (0..p.dossiers_en_cours.min(1 << 20)).map(|_| Emplacement { flux: None, en_vol: false }).collect();
        Ok(Generateur {
            graine: p.graine,
            shard,
            marches,
            recus,
            poids: [w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]],
            lectures_pour_cent: w[8],
            rng: ChaCha8Rng::seed_from_u64(p.graine ^ 0x5C4E_D000 ^ shard.indice.wrapping_mul(0x9E37_79B9_7F4A_7C15)),
            emplacements,
            date: date_debut(),
            operations_par_jour: p.operations_par_jour,
            depuis_jour: 0,
            calendrier_en_vol: false,
            en_vol: 0,
            prochain: shard.indice,
            flux_max: p.limites.dossiers,
            flux: [CompteFlux::default(); 8],
        })
    }

    /// The platform's day, as the generator last saw it move.
    pub fn date(&self) -> Date {
        self.date
    }

    /// Flow number `j` of the whole workload: its kind, contract and amount come from its own
    /// generator, seeded by the workload's seed and `j` alone.
    fn nouveau_flux(&mut self) -> Option<(Flux, ChaCha8Rng)> {
        let j = self.prochain;
        if self.flux_max.is_some_and(|m| j >= m) {
            return None;
        }
        self.prochain += self.shard.nombre;
        let mut rng = ChaCha8Rng::seed_from_u64(self.graine.rotate_left(17) ^ j.wrapping_mul(0xD1B5_4A32_D192_ED03));
        let total: u32 = self.poids.iter().sum();
        let mut t = if total == 0 { TypeFlux::Mensuel } else { tirer(&self.poids, rng.random_range(0..total)) };
        if t.fin_de_marche() && self.recus.is_empty() {
            t = TypeFlux::Mensuel;
        }
        let marche = if t.fin_de_marche() {
            self.marches[self.recus[rng.random_range(0..self.recus.len())]].clone()
        } else {
            self.marches[rng.random_range(0..self.marches.len())].clone()
        };
        let montant = Decimal::from(rng.random_range(1_000u32..=500_000));
        let i = TypeFlux::TOUS.iter().position(|x| *x == t).unwrap_or(0);
        self.flux[i].commences += 1;
        Some((Flux::new(t, marche, montant), rng))
    }

    /// The next operation; `None` when the workload is exhausted (its `dossiers` limit reached
    /// and every dossier done).
    pub fn suivante(&mut self) -> Option<Operation> {
        if self.depuis_jour >= self.operations_par_jour && !self.calendrier_en_vol {
            self.depuis_jour = 0;
            return Some(self.calendrier(1));
        }
        let n = self.emplacements.len();
        let debut = self.rng.random_range(0..n);
        for k in 0..n {
            let i = (debut + k) % n;
            if self.emplacements[i].en_vol {
                continue;
            }
            loop {
                if self.emplacements[i].flux.is_none() {
                    self.emplacements[i].flux = self.nouveau_flux();
                }
                let date = self.date;
                let Some((flux, _)) = self.emplacements[i].flux.as_mut() else { break };
                if flux.lectures > 0
                    && let Some((login, piece)) = flux.lecture()
                {
                    flux.lectures -= 1;
                    return Some(self.envoyer(i, true, Some(login), Action::Consulter(piece), CONSULTATION));
                }
                match flux.suivante(date) {
                    Some(d) => return Some(self.envoyer(i, false, Some(d.acteur), d.action, d.libelle)),
                    // A flow done with its last reads frees its slot for the next flow.
                    None if flux.termine() => self.emplacements[i].flux = None,
                    None => break,
                }
            }
        }
        if self.en_vol > 0 || self.calendrier_en_vol {
            self.depuis_jour += 1;
            return Some(Operation { ticket: Ticket::Remplissage, acteur: None, action: Action::Cadres, libelle: CADRES });
        }
        // Every dossier waits for a date: move the calendar to the first of them.
        let premier = self.emplacements.iter().filter_map(|e| e.flux.as_ref().and_then(|(f, _)| f.pret_le)).min()?;
        let jours = u32::try_from(self.date.jours_jusqu_a(premier).max(1)).unwrap_or(1);
        self.depuis_jour = 0;
        Some(self.calendrier(jours))
    }

    fn calendrier(&mut self, jours: u32) -> Operation {
        self.calendrier_en_vol = true;
        Operation {
            ticket: Ticket::Calendrier(jours),
            acteur: None,
            action: Action::Commande(Commande::Avancer(jours)),
            libelle: CALENDRIER,
        }
    }

    fn envoyer(&mut self, i: usize, lecture: bool, acteur: Option<String>, action: Action, libelle: &'static str) -> Operation {
        self.emplacements[i].en_vol = true;
        self.en_vol += 1;
        self.depuis_jour += 1;
        Operation { ticket: Ticket::Flux { emplacement: i, lecture }, acteur, action, libelle }
    }

    /// Records an operation's outcome: `Ok` with the piece a deposit created, or `Err` when it
    /// was refused or not answered (the dossier is then abandoned).
    pub fn terminer(&mut self, ticket: Ticket, issue: Result<Option<PieceId>, ()>) {
        match ticket {
            Ticket::Remplissage => {}
            Ticket::Calendrier(jours) => {
                self.calendrier_en_vol = false;
                if issue.is_ok() {
                    self.date = self.date.plus_jours(jours as i32);
                }
            }
            Ticket::Flux { emplacement, lecture } => {
                let e = &mut self.emplacements[emplacement];
                e.en_vol = false;
                self.en_vol -= 1;
                if lecture {
                    return;
                }
                let Some((flux, rng)) = e.flux.as_mut() else { return };
                let k = TypeFlux::TOUS.iter().position(|x| *x == flux.type_flux).unwrap_or(0);
                match issue {
                    Ok(piece) => {
                        flux.fait(piece, self.date);
                        let l = self.lectures_pour_cent;
                        flux.lectures = l / 100 + u32::from(rng.random_range(0..100) < l % 100);
                        if flux.termine() && flux.lectures == 0 {
                            self.flux[k].termines += 1;
                            e.flux = None;
                        } else if flux.termine() {
                            self.flux[k].termines += 1;
                        }
                    }
                    Err(()) => {
                        self.flux[k].abandonnes += 1;
                        e.flux = None;
                    }
                }
            }
        }
    }
}

/// The directory and contracts a workload describes.
pub fn annuaire(p: &ProfilCharge) -> Annuaire {
    Annuaire { structures: p.annuaire.structures, marches: p.annuaire.marches, zipf: p.annuaire.zipf, graine: p.graine }
}

fn tirer(poids: &[u32; 8], mut u: u32) -> TypeFlux {
    for (i, w) in poids.iter().enumerate() {
        if u < *w {
            return TypeFlux::TOUS[i];
        }
        u -= w;
    }
    TypeFlux::Mensuel
}
