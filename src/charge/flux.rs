//! The dossier flows a workload plays, each a fixed sequence of steps as the regulation orders
//! them (fact base §2.1 to §2.3, D-CHAINE, D-REFUS, D-DELAIS-5). A flow is one dossier: it knows
//! its contract, its pieces and the day it may go on; it never decides anything at random after
//! it was drawn, so that the same flow number gives the same operations in every run and shard.

use super::annuaire::MarcheSynthetique;
use crate::domaine::cadre::CadreFacturation as C;
use crate::domaine::calendrier::{Date, echeance};
use crate::domaine::delais;
use crate::domaine::montant::Montants;
use crate::domaine::piece::PieceId;
use crate::domaine::reference::Depot;
use crate::plateforme::Commande;
use rust_decimal::Decimal;
use std::sync::Arc;

/// The kinds of flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeFlux {
    /// A4 → prise en compte → A15 → A19 → service fait → mandatement → mise en paiement.
    Mensuel,
    /// A4 refused by the MOE for a routing error (D-REFUS-2), recycled (D-REFUS-4), then as
    /// [`TypeFlux::Mensuel`].
    RefusRecyclage,
    /// A4 refused by the MOE « autre motif »: the dossier stops (D-REFUS-2).
    RefusAutre,
    /// A7 → A17 → A20 → A8 → payment (fact base §2.2).
    FinDeMarche,
    /// A7; the MOA lets the DG's delay pass; A22; ten days; A23 → payment (D-DELAIS-4/5).
    Tacite,
    /// One A4 and nothing after: the deposit route alone (to compare with another generator).
    DepotSeul,
    /// The list of cadres: a static read of 5 kB.
    ListeCadres,
    /// The health check (`transverses/v1/health-check`): the hello route.
    Sante,
}

impl TypeFlux {
    /// Every kind, in the order of the workload's weights.
    pub const TOUS: [TypeFlux; 8] = [
        TypeFlux::Mensuel,
        TypeFlux::RefusRecyclage,
        TypeFlux::RefusAutre,
        TypeFlux::FinDeMarche,
        TypeFlux::Tacite,
        TypeFlux::DepotSeul,
        TypeFlux::ListeCadres,
        TypeFlux::Sante,
    ];

    /// Whether the flow needs a received contract.
    pub fn fin_de_marche(self) -> bool {
        matches!(self, TypeFlux::FinDeMarche | TypeFlux::Tacite)
    }

    /// French label.
    pub fn libelle(self) -> &'static str {
        match self {
            TypeFlux::Mensuel => "mensuel",
            TypeFlux::RefusRecyclage => "refus et recyclage",
            TypeFlux::RefusAutre => "refus pour autre motif",
            TypeFlux::FinDeMarche => "fin de marché",
            TypeFlux::Tacite => "procédure tacite",
            TypeFlux::DepotSeul => "dépôt seul",
            TypeFlux::ListeCadres => "liste des cadres",
            TypeFlux::Sante => "santé",
        }
    }
}

/// Who acts in a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Partie {
    Titulaire,
    Moe,
    Moa,
}

/// One step of a flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Etape {
    /// A deposit of this cadre; it follows the last piece unless it is the first.
    Depot(C),
    PriseEnCompte,
    /// A refusal with this motif.
    Refus(&'static str),
    Recyclage,
    ServiceFait,
    Mandatement,
    MiseEnPaiement,
    /// Wait for the day after the MOA's delay to notify the DG (D-DELAIS-3, D-DELAIS-4).
    AttendreDelaiDg,
    /// Wait for the day after the ten days of the tacit procedure (D-DELAIS-5).
    AttendreTacite,
    /// Read the list of cadres.
    Cadres,
    /// Ask the health check.
    Sante,
}

use Etape as E;
use Partie as P;

const PAIEMENT: [(Partie, Etape); 3] = [(P::Moa, E::ServiceFait), (P::Moa, E::Mandatement), (P::Moa, E::MiseEnPaiement)];

fn etapes(t: TypeFlux) -> Vec<(Partie, Etape)> {
    let mensuel = [(P::Moe, E::PriseEnCompte), (P::Moe, E::Depot(C::A15)), (P::Moa, E::Depot(C::A19))];
    let mut v = match t {
        TypeFlux::Mensuel => [&[(P::Titulaire, E::Depot(C::A4))][..], &mensuel].concat(),
        TypeFlux::RefusRecyclage => {
            [&[(P::Titulaire, E::Depot(C::A4)), (P::Moe, E::Refus("MAUVAIS_VALIDEUR")), (P::Titulaire, E::Recyclage)][..], &mensuel]
                .concat()
        }
        TypeFlux::RefusAutre => return vec![(P::Titulaire, E::Depot(C::A4)), (P::Moe, E::Refus("AUTRE"))],
        TypeFlux::DepotSeul => return vec![(P::Titulaire, E::Depot(C::A4))],
        TypeFlux::ListeCadres => return vec![(P::Titulaire, E::Cadres)],
        TypeFlux::Sante => return vec![(P::Titulaire, E::Sante)],
        TypeFlux::FinDeMarche => {
            vec![(P::Titulaire, E::Depot(C::A7)), (P::Moe, E::Depot(C::A17)), (P::Moa, E::Depot(C::A20)), (P::Titulaire, E::Depot(C::A8))]
        }
        TypeFlux::Tacite => vec![
            (P::Titulaire, E::Depot(C::A7)),
            (P::Titulaire, E::AttendreDelaiDg),
            (P::Titulaire, E::Depot(C::A22)),
            (P::Titulaire, E::AttendreTacite),
            (P::Titulaire, E::Depot(C::A23)),
        ],
    };
    v.extend(PAIEMENT);
    v
}

/// What an operation does.
#[derive(Debug, Clone)]
pub enum Action {
    /// A command (a step of a flow, or the calendar).
    Commande(Commande),
    /// A read of a piece.
    Consulter(PieceId),
    /// The list of cadres (a static read).
    Cadres,
    /// The health check (the hello route).
    Sante,
}

/// What a flow asks the platform next.
#[derive(Debug, Clone)]
pub struct Demande {
    /// The acting user.
    pub acteur: String,
    /// What to do.
    pub action: Action,
    /// The operation's label in the report (French).
    pub libelle: &'static str,
}

/// A dossier in progress.
#[derive(Debug, Clone)]
pub struct Flux {
    /// Its kind.
    pub type_flux: TypeFlux,
    marche: Arc<MarcheSynthetique>,
    montant_ht: Decimal,
    etapes: Vec<(Partie, Etape)>,
    etape: usize,
    derniere: Option<PieceId>,
    /// The platform's day when the last step was done (deadlines count from it).
    fait_le: Date,
    /// The flow may go on from this day of the platform's calendar.
    pub pret_le: Option<Date>,
    /// Reads still to do before the next step.
    pub lectures: u32,
}

impl Flux {
    /// A new flow on `marche`, for `montant_ht`.
    pub fn new(type_flux: TypeFlux, marche: Arc<MarcheSynthetique>, montant_ht: Decimal) -> Flux {
        Flux {
            type_flux,
            marche,
            montant_ht,
            etapes: etapes(type_flux),
            etape: 0,
            derniere: None,
            fait_le: Date::ymd(1, 1, 1).expect("a valid date"),
            pret_le: None,
            lectures: 0,
        }
    }

    fn login(&self, p: Partie) -> &str {
        match p {
            P::Titulaire => &self.marche.titulaire,
            P::Moe => &self.marche.moe,
            P::Moa => &self.marche.moa,
        }
    }

    /// Whether every step was done.
    pub fn termine(&self) -> bool {
        self.etape >= self.etapes.len()
    }

    /// The last piece of the dossier, with the titulaire who may read it.
    pub fn lecture(&self) -> Option<(String, PieceId)> {
        self.derniere.map(|p| (self.marche.titulaire.clone(), p))
    }

    /// The next request, on `date` (the platform's day): `None` when the flow waits for the
    /// calendar or is done. A waiting step is passed here, and sets [`Flux::pret_le`].
    pub fn suivante(&mut self, date: Date) -> Option<Demande> {
        loop {
            if let Some(j) = self.pret_le {
                if date < j {
                    return None;
                }
                self.pret_le = None;
            }
            let &(partie, etape) = self.etapes.get(self.etape)?;
            let piece = self.derniere;
            let commande = match (etape, piece) {
                (E::Cadres, _) => {
                    return Some(Demande { acteur: self.login(partie).to_string(), action: Action::Cadres, libelle: libelle(etape) });
                }
                (E::Sante, _) => {
                    return Some(Demande { acteur: self.login(partie).to_string(), action: Action::Sante, libelle: libelle(etape) });
                }
                (E::AttendreDelaiDg, _) => {
                    // D-DELAIS-3: thirty days from the A7's making-available; the A22 from the day after.
                    self.pret_le = Some(echeance(self.fait_le, delais::DECOMPTE_GENERAL).lendemain());
                    self.etape += 1;
                    continue;
                }
                (E::AttendreTacite, _) => {
                    self.pret_le = Some(echeance(self.fait_le, delais::TACITE).lendemain());
                    self.etape += 1;
                    continue;
                }
                (E::Depot(cadre), precedente) => {
                    let mut d = Depot::nouveau(cadre, Some(&self.marche.numero), Montants::depuis_ht(self.montant_ht, Decimal::from(20)));
                    d.precedente = precedente;
                    Commande::Deposer(Box::new(d))
                }
                (_, None) => return None,
                (E::PriseEnCompte, Some(p)) => Commande::PrendreEnCompte(p),
                (E::Refus(motif), Some(p)) => Commande::Refuser { piece: p, motif: motif.into(), commentaire: "refus de charge".into() },
                (E::Recyclage, Some(p)) => Commande::Recycler { piece: p, modifications: Vec::new() },
                (E::ServiceFait, Some(p)) => Commande::ConstaterServiceFait(p),
                (E::Mandatement, Some(p)) => Commande::Mandater(p),
                (E::MiseEnPaiement, Some(p)) => Commande::MettreEnPaiement(p),
            };
            return Some(Demande { acteur: self.login(partie).to_string(), action: Action::Commande(commande), libelle: libelle(etape) });
        }
    }

    /// Records the step done on `date`: the new piece, if the step deposited one.
    pub fn fait(&mut self, piece: Option<PieceId>, date: Date) {
        self.fait_le = date;
        if piece.is_some() {
            self.derniere = piece;
        }
        self.etape += 1;
    }
}

/// The label of an operation in the report.
fn libelle(e: Etape) -> &'static str {
    match e {
        E::Depot(C::A4) => "dépôt A4",
        E::Depot(C::A7) => "dépôt A7",
        E::Depot(C::A8) => "dépôt A8",
        E::Depot(C::A15) => "dépôt A15",
        E::Depot(C::A17) => "dépôt A17",
        E::Depot(C::A19) => "dépôt A19",
        E::Depot(C::A20) => "dépôt A20",
        E::Depot(C::A22) => "dépôt A22",
        E::Depot(C::A23) => "dépôt A23",
        E::Depot(_) => "dépôt",
        E::PriseEnCompte => "prise en compte",
        E::Refus(_) => "refus",
        E::Recyclage => "recyclage",
        E::ServiceFait => "service fait",
        E::Mandatement => "mandatement",
        E::MiseEnPaiement => "mise en paiement",
        E::AttendreDelaiDg | E::AttendreTacite => "attente",
        E::Cadres => CADRES,
        E::Sante => "santé",
    }
}

/// The label of a read.
pub const CONSULTATION: &str = "consultation";
/// The label of a calendar move.
pub const CALENDRIER: &str = "calendrier";
/// The label of the filler read sent when every dossier waits (HTTP, many connections).
pub const CADRES: &str = "liste des cadres";
