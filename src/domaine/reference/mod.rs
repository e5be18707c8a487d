//! The reference implementation: the state of one simulated Chorus Pro, and its commands.
//!
//! This file holds the state and what every command shares (reading, a status change, a dossier
//! event). Each family of commands has its own file, so that « what happens when the MOE
//! refuses » is one file to open:
//!
//! | file | commands |
//! |---|---|
//! | `annuaire.rs` | structures, users, attachments, parameters, identity sheets |
//! | `moad.rs` | sollicitations (D-MOAD-1) and appels de fonds (D-MOAD-3) |
//! | `depot.rs` | deposits (`soumettre`): routing, recording, linking (D-CHAINE, D-ROUTAGE) |
//! | `prise_en_compte.rs` | prise en compte, download, refusals, suspension (D-REFUS-1 to 3, 6) |
//! | `recyclage.rs` | recycling and recycling requests (D-REFUS-4, D-REFUS-5) |
//! | `sous_traitance.rs` | the titulaire's answer to an A10 (D-SOUSTRAITANCE-1), amount contestation (D-MONTANTS-2) |
//! | `paiement.rs` | the payment chain in « Factures reçues », deadlines and interest (D-PAIEMENT, D-DELAIS-7) |
//! | `calendrier.rs` | moving the date, and the deadlines applied when it moves (D-DELAIS) |
//! | `consultation.rs` | who sees what, the dossier's state (D-UTILISATEURS-2, D-STATUTS-4) |
//! | `notifications.rs` | the notifications recorded instead of e-mails (D-NOTIF-1) |
//!
//! Every command takes the acting user's login and returns its result or a [`Refus`] with a
//! stable code and a French message. Commands return no event list: the state they change (a
//! piece's history, the dossier's events, the notifications) is the record, and it is what
//! every adapter reads. The date is the reference's own value, moved only by
//! [`Reference::fixer_date`] and [`Reference::avancer`].

mod annuaire;
mod calendrier;
mod consultation;
mod depot;
mod moad;
mod notifications;
mod paiement;
mod prise_en_compte;
mod recyclage;
mod sous_traitance;
pub use consultation::RoleRecherche;

pub use depot::Depot;
pub use moad::Sollicitation;
pub use notifications::{NatureNotification, Notification};
pub use recyclage::Modification;

use super::calendrier::{Date, echeance as echeance_legale, echeance_calendaire, echeance_sans_feries_mobiles};
use super::defaut::Defaut;
use super::marche::Marche;
use super::piece::{Dossier, DossierId, EntreeHistorique, EvenementDossier, Piece, PieceId};
use super::refus::{CodeRefus as R, Refus};
use super::siret::Siret;
use super::statut::{Statut, transition_autorisee};
use super::structure::{Annuaire, StructureId};
use super::utilisateur::{Utilisateur, UtilisateurId};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The login recorded for effects of deadlines.
pub const SYSTEME: &str = "Chorus Pro";

/// The outcome of a command that returns nothing: done, or refused.
pub type Issue = Result<(), Refus>;

/// The whole simulated platform.
#[derive(Debug, Clone)]
pub struct Reference {
    date: Date,
    /// The scenario's start: the first date set (D-DELAIS-1bis).
    debut: Date,
    /// Whether a date was set since the platform was created.
    calendrier_fixe: bool,
    annuaire: Annuaire,
    utilisateurs: Vec<Utilisateur>,
    logins: HashMap<String, UtilisateurId>,
    marches: Vec<Marche>,
    index_marches: HashMap<String, usize>,
    pieces: Vec<Piece>,
    dossiers: Vec<Dossier>,
    notifications: Vec<Notification>,
    /// The same notifications by piece (index: the piece's id less one), for the duplicate check
    /// (D-NOTIF-1): its cost is that of one piece's few notifications, however many the
    /// platform recorded, and it touches no memory beyond them.
    notifiees: Vec<Vec<Notification>>,
    sollicitations: Vec<Sollicitation>,
    /// The numbers each structure used, by calendar year (D-REFUS-7).
    numeros: HashMap<(StructureId, i32), HashSet<String>>,
    defaut: Option<Defaut>,
    evenements_marches: Vec<(String, EvenementDossier)>,
    /// The pieces a deadline may still act on (`calendrier.rs`): each new piece and each status
    /// change enters it, and a day's walk drops those no deadline can reach any more, so that
    /// moving the calendar costs what is pending, not every piece ever deposited.
    sous_echeance: BTreeSet<u32>,
    /// The received contracts whose D-DELAIS-3 deadline is not settled yet, by réception date (the
    /// deadline grows with it): a day's walk stops at the first one still running.
    marches_en_attente: BTreeSet<(Date, usize)>,
    /// The first day a projet de décompte final was deposited, by contract (D-DELAIS-3).
    premiers_projets_finaux: HashMap<String, Date>,
}

fn non_trouvee(id: PieceId) -> Refus {
    Refus::new(R::PieceInconnue, format!("la pièce {id} est inconnue pour cet utilisateur"))
}

impl Reference {
    /// An empty platform at `date`.
    pub fn new(date: Date) -> Reference {
        Reference {
            date,
            debut: date,
            calendrier_fixe: false,
            annuaire: Annuaire::new(),
            utilisateurs: Vec::new(),
            logins: HashMap::new(),
            marches: Vec::new(),
            index_marches: HashMap::new(),
            pieces: Vec::new(),
            dossiers: Vec::new(),
            notifications: Vec::new(),
            notifiees: Vec::new(),
            sollicitations: Vec::new(),
            numeros: HashMap::new(),
            defaut: None,
            evenements_marches: Vec::new(),
            sous_echeance: BTreeSet::new(),
            marches_en_attente: BTreeSet::new(),
            premiers_projets_finaux: HashMap::new(),
        }
    }

    /// Injects a named fault (`serve --fault`): the reference then behaves wrongly on purpose.
    pub fn injecter(&mut self, defaut: Defaut) {
        self.defaut = Some(defaut);
    }

    /// The injected fault, if any.
    pub fn defaut(&self) -> Option<Defaut> {
        self.defaut
    }

    /// A legal deadline (D-DELAIS-1), unless a calendar fault is injected.
    fn echeance(&self, debut: Date, jours: u32) -> Date {
        match self.defaut {
            Some(Defaut::SansJoursFeries) => echeance_calendaire(debut, jours),
            Some(Defaut::FeriesMobilesIgnores) => echeance_sans_feries_mobiles(debut, jours),
            _ => echeance_legale(debut, jours),
        }
    }

    // ----- reading -------------------------------------------------------------------------

    /// Today, in the scenario's calendar.
    pub fn date(&self) -> Date {
        self.date
    }

    /// The directory.
    pub fn annuaire(&self) -> &Annuaire {
        &self.annuaire
    }

    /// A piece, unconditionally (for tests and reports; users go through [`Reference::consulter`]).
    pub fn piece(&self, id: PieceId) -> Option<&Piece> {
        self.pieces.get((id.0 as usize).checked_sub(1)?)
    }

    /// A piece known to exist (ids are handed out by [`Reference::deposer`]).
    fn pc(&self, id: PieceId) -> &Piece {
        &self.pieces[id.0 as usize - 1]
    }

    fn pc_mut(&mut self, id: PieceId) -> &mut Piece {
        &mut self.pieces[id.0 as usize - 1]
    }

    /// Every piece.
    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// Every dossier.
    pub fn dossiers(&self) -> &[Dossier] {
        &self.dossiers
    }

    /// A dossier.
    pub fn dossier(&self, id: DossierId) -> &Dossier {
        &self.dossiers[id.0 as usize]
    }

    fn dossier_mut(&mut self, id: DossierId) -> &mut Dossier {
        &mut self.dossiers[id.0 as usize]
    }

    /// Every notification recorded.
    pub fn notifications(&self) -> &[Notification] {
        &self.notifications
    }

    /// A contract.
    pub fn marche(&self, numero: &str) -> Option<&Marche> {
        self.index_marches.get(numero).map(|&i| &self.marches[i])
    }

    /// A user.
    pub fn utilisateur(&self, login: &str) -> Option<&Utilisateur> {
        self.logins.get(login).map(|id| &self.utilisateurs[id.0 as usize])
    }

    /// Every user.
    pub fn utilisateurs(&self) -> &[Utilisateur] {
        &self.utilisateurs
    }

    /// The sollicitations filed.
    pub fn sollicitations(&self) -> &[Sollicitation] {
        &self.sollicitations
    }

    fn acteur(&self, login: &str) -> Result<&Utilisateur, Refus> {
        self.utilisateur(login).ok_or_else(|| Refus::new(R::UtilisateurInconnu, format!("utilisateur inconnu : {login}")))
    }

    fn structure_par_siret(&self, siret: Siret) -> Result<StructureId, Refus> {
        self.annuaire
            .chercher(siret)
            .ok_or_else(|| Refus::new(R::StructureInconnue, format!("aucune structure de SIRET {siret} dans l'annuaire")))
    }

    fn marche_requis(&self, numero: &str) -> Result<&Marche, Refus> {
        self.marche(numero).ok_or_else(|| Refus::new(R::MarcheInconnu, format!("aucune fiche d'identité pour le marché {numero}")))
    }

    // ----- what every command shares --------------------------------------------------------

    /// Moves a piece to `vers` if the transition table allows it (D-STATUTS).
    fn transition(&mut self, id: PieceId, vers: Statut, login: &str, commentaire: &str) -> Issue {
        let date = self.date;
        let p = self.pieces.get_mut((id.0 as usize).wrapping_sub(1)).ok_or_else(|| non_trouvee(id))?;
        if !transition_autorisee(Some(p.statut), vers) {
            return Err(Refus::new(
                R::StatutIncompatible,
                format!("la pièce {id} est au statut {} : impossible de passer à {}", p.statut.libelle_portail(), vers.libelle_portail()),
            ));
        }
        changer_statut(p, vers, date, login, commentaire);
        if calendrier::sous_echeance(p) {
            self.sous_echeance.insert(id.0);
        }
        Ok(())
    }

    /// Records a dossier event, dated today.
    fn evenement_dossier(&mut self, did: DossierId, libelle: String) {
        let date = self.date;
        self.dossier_mut(did).evenements.push(EvenementDossier { date, libelle });
    }
}

/// Appends a status change to a piece's history (D-STATUTS-3: history only grows).
fn changer_statut(p: &mut Piece, vers: Statut, date: Date, login: &str, commentaire: &str) {
    p.statut = vers;
    p.historique.push(EntreeHistorique { statut: vers, date, utilisateur: login.to_string(), commentaire: commentaire.to_string() });
}
