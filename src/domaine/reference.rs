//! The reference implementation: the state of one simulated Chorus Pro and its commands.
//!
//! Every command takes the acting user's login and returns the events it caused, or a refusal
//! with a stable code and a French message. The date is the reference's own value, moved only by
//! [`Reference::fixer_date`] and [`Reference::avancer`].

use super::cadre::{CadreFacturation, RoleMarche};
use super::calendrier::{Date, echeance as echeance_legale, echeance_calendaire};
use super::defaut::Defaut;
use super::marche::{Acteur, Marche, ModeFinancement};
use super::montant::Montants;
use super::paiement::{ErreurInterets, Retard, TableTaux, echeance_paiement, interets_moratoires};
use super::piece::{
    Dossier, DossierId, EntreeHistorique, Espace, EtatDossier, EvenementDossier, NatureDgd, Piece, PieceId, RefusPiece, Reserves,
    Suspension,
};
use super::refus::{CodeRefus as R, Refus};
use super::routage::{Association, ContexteDelais, DemandeRoutage, VuePrecedente, router};
use super::siret::Siret;
use super::statut::{Statut, transition_autorisee};
use super::structure::{Annuaire, Parametres, PresenceMoa, Service, Structure, StructureId, TypeStructure};
use super::utilisateur::{Rattachement, RoleRattachement, Utilisateur, UtilisateurId};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The login recorded for effects of deadlines.
pub const SYSTEME: &str = "Chorus Pro";

/// Delays in days (D-DELAIS).
pub mod delais {
    /// MOE's delay on a monthly projet de décompte (D-DELAIS-2, Chorus Pro practice).
    pub const MOE: u32 = 7;
    /// MOA's delay to notify the DG (D-DELAIS-3, CCAG-Travaux 2021 art. 12.4.2).
    pub const DECOMPTE_GENERAL: u32 = 30;
    /// MOA's delay after the A22 (D-DELAIS-5, CCAG-Travaux 2021 art. 12.4.4).
    pub const TACITE: u32 = 10;
    /// Titulaire's delay to return the DG (D-DELAIS-6, CCAG-Travaux 2021 art. 12.4.3).
    pub const SIGNATURE: u32 = 30;
    /// Titulaire's delay on a sous-traitant's request (D-SOUSTRAITANCE-1, CCP R.2193-12).
    pub const SOUS_TRAITANCE: u32 = 15;
    /// Titulaire's delay to contest an amount correction (D-MONTANTS-2).
    pub const CONTESTATION: u32 = 30;
    /// Titulaire's delay to send the projet de décompte final after réception (D-DELAIS-3,
    /// CCAG-Travaux 2021 art. 12.3.2).
    pub const DECOMPTE_FINAL: u32 = 30;
}

/// What a notification is about (D-NOTIF-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NatureNotification {
    /// An action is expected from the recipient.
    ActionAttendue,
    /// A piece was added to a dossier the recipient takes part in.
    PieceAjoutee,
    /// A payment request reached « mise en paiement ».
    MiseEnPaiement,
}

impl NatureNotification {
    /// French label.
    pub fn libelle(self) -> &'static str {
        match self {
            NatureNotification::ActionAttendue => "action attendue",
            NatureNotification::PieceAjoutee => "pièce ajoutée",
            NatureNotification::MiseEnPaiement => "mise en paiement",
        }
    }
}

/// A notification the reference records instead of sending an e-mail (D-NOTIF-1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// The structure told.
    pub destinataire: StructureId,
    /// What about.
    pub nature: NatureNotification,
    /// The piece.
    pub piece: PieceId,
    /// When.
    pub date: Date,
}

/// An effect of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evenement {
    /// A piece was deposited.
    PieceDeposee {
        /// The piece.
        piece: PieceId,
        /// Its status.
        statut: Statut,
    },
    /// A piece changed status.
    StatutModifie {
        /// The piece.
        piece: PieceId,
        /// Previous status.
        de: Statut,
        /// New status.
        vers: Statut,
    },
    /// A notification was recorded.
    Notifie(Notification),
    /// A dossier event.
    Dossier {
        /// The dossier.
        dossier: DossierId,
        /// What happened.
        libelle: String,
    },
    /// A structure, a user or a contract changed.
    Annuaire(String),
}

/// The outcome of a command: its events, or a refusal.
pub type Issue = Result<Vec<Evenement>, Refus>;

/// A deposit (`soumettre`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Depot {
    /// The cadre.
    pub cadre: CadreFacturation,
    /// The contract number (travaux pieces, appels de fonds).
    pub marche: Option<String>,
    /// The previous piece, for an association.
    pub precedente: Option<PieceId>,
    /// The depositor's piece number; generated when absent.
    pub numero: Option<String>,
    /// The depositing structure, when the user is attached to several.
    pub structure_deposante: Option<Siret>,
    /// `identifiantDestinataire`; the sheet's payer when absent.
    pub destinataire: Option<String>,
    /// `codeServiceExecutant`; the sheet's when absent.
    pub code_service: Option<String>,
    /// `numeroBonCommande`; the sheet's when absent.
    pub numero_engagement: Option<String>,
    /// The MOE named on the piece; the sheet's when absent.
    pub moe: Option<String>,
    /// The MOA named on the piece; the sheet's when absent.
    pub moa: Option<String>,
    /// Amounts.
    pub montants: Montants,
    /// Réserves, on an A8.
    pub reserves: Option<Reserves>,
    /// Whether this facture simple is a MOAD's appel de fonds (D-MOAD-3).
    pub appel_de_fonds: bool,
}

impl Depot {
    /// A deposit of `cadre` under contract `marche`, every routing field from the sheet.
    pub fn nouveau(cadre: CadreFacturation, marche: Option<&str>, montants: Montants) -> Depot {
        Depot {
            cadre,
            marche: marche.map(str::to_string),
            precedente: None,
            numero: None,
            structure_deposante: None,
            destinataire: None,
            code_service: None,
            numero_engagement: None,
            moe: None,
            moa: None,
            montants,
            reserves: None,
            appel_de_fonds: false,
        }
    }

    /// The same deposit, following `precedente`.
    pub fn suit(mut self, precedente: PieceId) -> Depot {
        self.precedente = Some(precedente);
        self
    }
}

/// A field changed by a recycling (D-REFUS-4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modification {
    /// The destinataire's SIRET.
    Destinataire(String),
    /// The code service.
    CodeService(Option<String>),
    /// The numéro d'engagement.
    NumeroEngagement(Option<String>),
    /// The MOE (only after `MAUVAISE_MOE`).
    Moe(String),
    /// The MOA (only after `MAUVAISE_MOA`).
    Moa(String),
    /// Any other field: always refused.
    Autre(String),
}

/// A request to turn a structure public « avec MOA » (D-MOAD-1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sollicitation {
    /// Identifier.
    pub id: u32,
    /// The structure to transform.
    pub structure: StructureId,
    /// The gestionnaires' logins (PIGP accounts).
    pub gestionnaires: Vec<String>,
    /// Filed on.
    pub date: Date,
    /// Whether the support treated it.
    pub traitee: bool,
}

/// A refusal motif (fact base §3.3, D-REFUS-2/3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motif {
    /// `AUTRE` (116).
    Autre,
    /// `MAUVAIS_VALIDEUR` (117): routing error.
    MauvaisValideur,
    /// `MAUVAISE_MOE` (114): routing error.
    MauvaiseMoe,
    /// `MAUVAISE_MOA` (115): routing error.
    MauvaiseMoa,
    /// `REF_FAC_TRAVAUX` (5650): reason entered in the back office, treated as « autre »
    /// (hypothèse).
    RefFacTravaux,
}

/// The date from which « erreur de montant » is listed, and refused (D-REFUS-3).
pub fn date_erreur_montant() -> Date {
    Date::ymd(2025, 2, 19).expect("valid date")
}

impl Motif {
    /// The motif code.
    pub fn code(self) -> &'static str {
        match self {
            Motif::Autre => "AUTRE",
            Motif::MauvaisValideur => "MAUVAIS_VALIDEUR",
            Motif::MauvaiseMoe => "MAUVAISE_MOE",
            Motif::MauvaiseMoa => "MAUVAISE_MOA",
            Motif::RefFacTravaux => "REF_FAC_TRAVAUX",
        }
    }

    /// `idMotif` (S9).
    pub fn id(self) -> u32 {
        match self {
            Motif::Autre => 116,
            Motif::MauvaisValideur => 117,
            Motif::MauvaiseMoe => 114,
            Motif::MauvaiseMoa => 115,
            Motif::RefFacTravaux => 5650,
        }
    }

    /// `libelleMotif` (S9).
    pub fn libelle(self) -> &'static str {
        match self {
            Motif::Autre => "Autre",
            Motif::MauvaisValideur => "Mauvais valideur",
            Motif::MauvaiseMoe => "Mauvaise maîtrise d'œuvre",
            Motif::MauvaiseMoa => "Mauvaise maîtrise d'ouvrage",
            Motif::RefFacTravaux => "Motif saisi dans le back office",
        }
    }

    /// Whether it is a routing-data error (D-REFUS-2).
    pub fn est_acheminement(self) -> bool {
        matches!(self, Motif::MauvaisValideur | Motif::MauvaiseMoe | Motif::MauvaiseMoa)
    }

    /// All motifs.
    pub const TOUS: [Motif; 5] = [Motif::Autre, Motif::MauvaisValideur, Motif::MauvaiseMoe, Motif::MauvaiseMoa, Motif::RefFacTravaux];

    /// Parses a motif code at a date (D-REFUS-3: « erreur de montant » is unknown before
    /// 19/02/2025, then listed but refused).
    pub fn parse(code: &str, date: Date) -> Result<Motif, Refus> {
        let c = code.trim().to_uppercase().replace([' ', '\''], "_");
        if let Some(m) = Motif::TOUS.iter().find(|m| m.code() == c) {
            return Ok(*m);
        }
        if c == "ERREUR_MONTANT" || c == "ERREUR_DE_MONTANT" {
            if date >= date_erreur_montant() {
                return Err(Refus::new(
                    R::ErreurMontantNonMotif,
                    "une pièce ne peut pas être refusée pour une erreur de montant : corrigez le montant dans votre propre pièce (par exemple l'état d'acompte)",
                ));
            }
            return Err(Refus::new(R::MotifInconnu, format!("motif de refus inconnu : {code}")));
        }
        Err(Refus::new(R::MotifInconnu, format!("motif de refus inconnu : {code}")))
    }
}

/// The whole simulated platform.
#[derive(Debug, Clone)]
pub struct Reference {
    date: Date,
    annuaire: Annuaire,
    utilisateurs: Vec<Utilisateur>,
    logins: HashMap<String, UtilisateurId>,
    marches: Vec<Marche>,
    index_marches: HashMap<String, usize>,
    pieces: Vec<Piece>,
    dossiers: Vec<Dossier>,
    notifications: Vec<Notification>,
    sollicitations: Vec<Sollicitation>,
    defaut: Option<Defaut>,
    evenements_marches: Vec<(String, EvenementDossier)>,
}

fn non_trouvee(id: PieceId) -> Refus {
    Refus::new(R::PieceInconnue, format!("la pièce {id} est inconnue pour cet utilisateur"))
}

impl Reference {
    /// An empty platform at `date`.
    pub fn new(date: Date) -> Reference {
        Reference {
            date,
            annuaire: Annuaire::new(),
            utilisateurs: Vec::new(),
            logins: HashMap::new(),
            marches: Vec::new(),
            index_marches: HashMap::new(),
            pieces: Vec::new(),
            dossiers: Vec::new(),
            notifications: Vec::new(),
            sollicitations: Vec::new(),
            defaut: None,
            evenements_marches: Vec::new(),
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

    /// A legal deadline (D-DELAIS-1), unless the `sans-jours-feries` fault is injected.
    fn echeance(&self, debut: Date, jours: u32) -> Date {
        if self.defaut == Some(Defaut::SansJoursFeries) { echeance_calendaire(debut, jours) } else { echeance_legale(debut, jours) }
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

    /// The structures that take part in a piece's dossier: depositors of its pieces, the contract's
    /// parties and payer, or the two ends of a facture simple (D-UTILISATEURS-2).
    fn parties(&self, piece: &Piece) -> Vec<StructureId> {
        let mut ids: Vec<StructureId> = self.dossier(piece.dossier).pieces.iter().map(|p| self.pc(*p).deposant).collect();
        ids.push(piece.recipiendaire);
        if let Some(id) = self.annuaire.chercher(piece.destinataire) {
            ids.push(id);
        }
        if let Some(m) = piece.marche.as_deref().and_then(|n| self.marche(n)) {
            for (_, a) in m.parties() {
                if let Some(id) = self.annuaire.chercher(a.siret) {
                    ids.push(id);
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Whether a structure may see a piece.
    pub fn visible_par(&self, piece: &Piece, structure: StructureId) -> bool {
        self.parties(piece).contains(&structure)
    }

    /// The piece as a user sees it: refused when the user is attached to no structure that takes
    /// part in it (D-UTILISATEURS-2).
    pub fn consulter(&self, login: &str, id: PieceId) -> Result<&Piece, Refus> {
        let u = self.acteur(login)?;
        let p = self.piece(id).ok_or_else(|| non_trouvee(id))?;
        if self.defaut == Some(Defaut::AccesAutresStructures) {
            return Ok(p);
        }
        let parties = self.parties(p);
        if u.rattachements.iter().any(|r| parties.contains(&r.structure)) { Ok(p) } else { Err(non_trouvee(id)) }
    }

    /// The pieces a user sees (`rechercher`).
    pub fn rechercher(&self, login: &str) -> Result<Vec<&Piece>, Refus> {
        let u = self.acteur(login)?;
        Ok(self
            .pieces
            .iter()
            .filter(|p| {
                let parties = self.parties(p);
                u.rattachements.iter().any(|r| parties.contains(&r.structure))
            })
            .collect())
    }

    /// The status a structure sees: `MISE_EN_PAIEMENT` is hidden from everyone but the payer when
    /// the payer's structure sets `statutMiseEnPaiementNestPasRemonte` (D-PAIEMENT-2).
    pub fn statut_vu_par(&self, piece: &Piece, structure: StructureId) -> Statut {
        if piece.statut == Statut::MiseEnPaiement
            && structure != piece.recipiendaire
            && self.annuaire.get(piece.recipiendaire).parametres.statut_mise_en_paiement_nest_pas_remonte
        {
            return Statut::Mandatee;
        }
        piece.statut
    }

    // ----- directory, users, contracts ----------------------------------------------------

    /// Adds a structure to the directory (data set loading).
    pub fn ajouter_structure(&mut self, s: Structure) -> Result<StructureId, Refus> {
        self.annuaire.ajouter(s).map_err(|e| Refus::new(R::StructureExistante, e.to_string()))
    }

    /// Replaces a structure's record (data set loading and test hooks: the platform's own
    /// administration, not a user's action).
    pub fn remplacer_structure(&mut self, s: Structure) -> Result<(), Refus> {
        let id = self.structure_par_siret(s.siret)?;
        self.annuaire.modifier(id, |x| *x = s);
        Ok(())
    }

    /// Adds a service to a structure (data set loading).
    pub fn ajouter_service(&mut self, siret: Siret, service: Service) -> Result<(), Refus> {
        let id = self.structure_par_siret(siret)?;
        self.annuaire.modifier(id, |s| {
            s.services.retain(|x| x.code != service.code);
            s.services.push(service);
        });
        Ok(())
    }

    /// Creates a user account.
    pub fn creer_utilisateur(&mut self, u: Utilisateur) -> Result<UtilisateurId, Refus> {
        if self.logins.contains_key(&u.login) {
            return Err(Refus::new(R::StructureExistante, format!("l'utilisateur {} existe déjà", u.login)));
        }
        let id = UtilisateurId(self.utilisateurs.len() as u32);
        self.logins.insert(u.login.clone(), id);
        self.utilisateurs.push(u);
        Ok(id)
    }

    fn utilisateur_mut(&mut self, login: &str) -> Result<&mut Utilisateur, Refus> {
        let id = *self.logins.get(login).ok_or_else(|| Refus::new(R::UtilisateurInconnu, format!("utilisateur inconnu : {login}")))?;
        Ok(&mut self.utilisateurs[id.0 as usize])
    }

    /// Attaches a user to a structure with a role (D-UTILISATEURS-1: a gestionnaire of a public
    /// structure needs a PIGP account).
    pub fn rattacher(&mut self, login: &str, siret: Siret, role: RoleRattachement) -> Issue {
        let id = self.structure_par_siret(siret)?;
        let publique = self.annuaire.get(id).type_structure == TypeStructure::Publique;
        let u = self.utilisateur_mut(login)?;
        if role.est_gestionnaire() && publique && !u.pigp {
            return Err(Refus::new(
                R::PigpRequis,
                format!("le gestionnaire d'une structure publique doit avoir un compte PIGP : {login} n'en a pas"),
            ));
        }
        u.rattachements.retain(|r| r.structure != id);
        u.rattachements.push(Rattachement { structure: id, role, habilite_travaux: false });
        Ok(vec![Evenement::Annuaire(format!("{login} rattaché à {siret} ({})", role.code()))])
    }

    fn gestionnaire_de(&self, login: &str, siret: Siret) -> Result<StructureId, Refus> {
        let u = self.acteur(login)?;
        let id = self.structure_par_siret(siret)?;
        match u.rattachement(id) {
            None => Err(Refus::new(R::UtilisateurNonRattache, format!("l'utilisateur {login} n'est pas rattaché à la structure {siret}"))),
            Some(r) if !r.role.est_gestionnaire() => Err(Refus::new(
                R::ReserveGestionnaire,
                format!("seul un gestionnaire de la structure {siret} peut modifier son paramétrage"),
            )),
            Some(_) => Ok(id),
        }
    }

    /// Opens the structure's « Factures de travaux » space (a gestionnaire's action).
    pub fn ouvrir_espace_travaux(&mut self, login: &str, siret: Siret) -> Issue {
        let id = self.gestionnaire_de(login, siret)?;
        self.annuaire.modifier(id, |s| s.espace_travaux = true);
        Ok(vec![Evenement::Annuaire(format!("espace « Factures de travaux » ouvert pour {siret}"))])
    }

    /// Authorises a user on the structure's « Factures de travaux » space (a gestionnaire's
    /// action, D-UTILISATEURS-2).
    pub fn habiliter_travaux(&mut self, login: &str, cible: &str, siret: Siret) -> Issue {
        self.gestionnaire_de(login, siret)?;
        self.habiliter_travaux_direct(cible, siret)?;
        Ok(vec![Evenement::Annuaire(format!("{cible} habilité sur « Factures de travaux » de {siret}"))])
    }

    /// Authorises a user on a structure's « Factures de travaux » space without a gestionnaire
    /// (data set loading and test hooks).
    pub fn habiliter_travaux_direct(&mut self, login: &str, siret: Siret) -> Issue {
        let id = self.structure_par_siret(siret)?;
        let u = self.utilisateur_mut(login)?;
        let Some(r) = u.rattachements.iter_mut().find(|r| r.structure == id) else {
            return Err(Refus::new(R::UtilisateurNonRattache, format!("l'utilisateur {login} n'est pas rattaché à la structure {siret}")));
        };
        r.habilite_travaux = true;
        Ok(vec![])
    }

    /// Changes a structure's parameters and « Présence MOA » (gestionnaires only,
    /// D-UTILISATEURS-1; « Présence MOA » only on a public structure, fact base §4.1).
    pub fn modifier_parametres(&mut self, login: &str, siret: Siret, parametres: Parametres, presence: Option<PresenceMoa>) -> Issue {
        let id = self.gestionnaire_de(login, siret)?;
        if presence.is_some_and(|p| p != PresenceMoa::SansMoa) && self.annuaire.get(id).type_structure != TypeStructure::Publique {
            return Err(Refus::new(R::MoaNonHabilitee, "seule une structure publique peut être maîtrise d'ouvrage"));
        }
        self.annuaire.modifier(id, |s| {
            if let Some(p) = presence {
                s.presence_moa = p;
            }
            s.parametres = parametres;
        });
        Ok(vec![Evenement::Annuaire(format!("paramètres de {siret} modifiés"))])
    }

    /// Registers a contract's identity sheet (D-FICHE).
    pub fn enregistrer_marche(&mut self, m: Marche) -> Issue {
        let ev = Evenement::Annuaire(format!("marché {} enregistré", m.numero));
        match self.index_marches.get(&m.numero) {
            Some(&i) => self.marches[i] = m,
            None => {
                self.index_marches.insert(m.numero.clone(), self.marches.len());
                self.marches.push(m);
            }
        }
        Ok(vec![ev])
    }

    /// An avenant that names another MOE (used to correct a wrong MOE, D-REFUS-4).
    pub fn designer_moe(&mut self, numero: &str, moe: Acteur) -> Issue {
        let i = *self.index_marches.get(numero).ok_or_else(|| Refus::new(R::MarcheInconnu, format!("marché inconnu : {numero}")))?;
        self.marches[i].moe = Some(moe);
        Ok(vec![Evenement::Annuaire(format!("nouvelle maîtrise d'œuvre pour le marché {numero}"))])
    }

    // ----- MOAD -----------------------------------------------------------------------------

    /// Files a sollicitation to turn a structure public « avec MOA » (D-MOAD-1). The MOAD files it
    /// itself, with its gestionnaires' PIGP accounts.
    pub fn deposer_sollicitation(&mut self, login: &str, siret: Siret, gestionnaires: &[String]) -> Result<u32, Refus> {
        let u = self.acteur(login)?;
        let id = self.structure_par_siret(siret)?;
        if u.rattachement(id).is_none() {
            return Err(Refus::new(R::UtilisateurNonRattache, format!("l'utilisateur {login} n'est pas rattaché à la structure {siret}")));
        }
        for g in gestionnaires {
            let gu = self.acteur(g)?;
            if !gu.pigp {
                return Err(Refus::new(R::PigpRequis, format!("le gestionnaire {g} n'a pas de compte PIGP (D-MOAD-1)")));
            }
        }
        if gestionnaires.is_empty() {
            return Err(Refus::new(R::PigpRequis, "la sollicitation doit nommer les comptes PIGP des gestionnaires"));
        }
        let n = self.sollicitations.len() as u32 + 1;
        self.sollicitations.push(Sollicitation {
            id: n,
            structure: id,
            gestionnaires: gestionnaires.to_vec(),
            date: self.date,
            traitee: false,
        });
        Ok(n)
    }

    /// The support treats a sollicitation: the structure becomes public « avec MOA » and the
    /// gestionnaires are attached (the first as principal).
    pub fn traiter_sollicitation(&mut self, id: u32) -> Issue {
        let Some(s) = self.sollicitations.iter_mut().find(|s| s.id == id && !s.traitee) else {
            return Err(Refus::new(R::SollicitationInconnue, format!("aucune sollicitation {id} en attente")));
        };
        s.traitee = true;
        let (structure, gestionnaires) = (s.structure, s.gestionnaires.clone());
        let siret = self.annuaire.modifier(structure, |st| {
            st.type_structure = TypeStructure::Publique;
            st.presence_moa = PresenceMoa::AvecMoa;
            st.siret
        });
        for (i, g) in gestionnaires.iter().enumerate() {
            let role = if i == 0 { RoleRattachement::GestionnairePrincipal } else { RoleRattachement::GestionnaireSecondaire };
            let u = self.utilisateur_mut(g)?;
            u.rattachements.retain(|r| r.structure != structure);
            u.rattachements.push(Rattachement { structure, role, habilite_travaux: true });
        }
        Ok(vec![Evenement::Annuaire(format!("la structure {siret} est devenue publique « avec MOA »"))])
    }

    // ----- deposits -------------------------------------------------------------------------

    /// The structure a user acts for: the one named, or the only one of its structures that
    /// takes part in the contract (or, without a contract, its only structure).
    fn structure_agissante(&self, u: &Utilisateur, nommee: Option<Siret>, marche: Option<&Marche>) -> Result<StructureId, Refus> {
        if let Some(siret) = nommee {
            return self.structure_par_siret(siret);
        }
        let candidates: Vec<StructureId> = u
            .rattachements
            .iter()
            .map(|r| r.structure)
            .filter(|id| marche.is_none_or(|m| m.est_partie(self.annuaire.get(*id).siret)))
            .collect();
        match candidates.as_slice() {
            [one] => Ok(*one),
            [] => match u.rattachements.first() {
                // Routing then answers with the precise refusal (role, attachment).
                Some(r) => Ok(r.structure),
                None => Err(Refus::new(R::UtilisateurNonRattache, format!("l'utilisateur {} n'est rattaché à aucune structure", u.login))),
            },
            _ => Err(Refus::new(
                R::StructureDeposanteAmbigue,
                format!("l'utilisateur {} est rattaché à plusieurs structures du marché : précisez laquelle dépose", u.login),
            )),
        }
    }

    /// The deadlines of a dossier, as routing needs them.
    pub fn contexte_delais(&self, dossier: DossierId) -> ContexteDelais {
        let d = self.dossier(dossier);
        let marche = d.marche.as_deref().and_then(|n| self.marche(n));
        let mut c = ContexteDelais::default();
        for p in d.pieces.iter().map(|id| self.pc(*id)) {
            if p.cadre.est_projet_final() {
                let recu_moe = p.historique.iter().any(|h| h.statut == Statut::MiseADispositionMoe);
                if recu_moe {
                    c.decompte_final_recu_moe = true;
                    // D-DELAIS-3: 30 days from the making-available, if on or after the réception
                    // (or the lifting of the réserves when the sheet makes it a precondition).
                    let depart = marche.map(|m| if m.dates.levee_reserves_prealable { m.dates.levee_reserves } else { m.dates.reception });
                    // The latest making-available (a recycled piece counts from its recycling).
                    let mad = Some(p.mise_a_disposition);
                    if let (Some(Some(depart)), Some(mad)) = (depart, mad)
                        && mad >= depart
                    {
                        c.echeance_dg = Some(self.echeance(p.mise_a_disposition, delais::DECOMPTE_GENERAL));
                    }
                }
            }
            if p.cadre.est_decompte_general() {
                c.dg_notifie = true;
                let notifie = p.historique.iter().rev().find(|h| h.statut == Statut::MiseADispositionFournisseur).map(|h| h.date);
                c.echeance_signature = notifie.map(|n| self.echeance(n, delais::SIGNATURE));
            }
            if p.cadre == CadreFacturation::A22
                && p.historique.iter().any(|h| h.statut == Statut::MiseADispositionMoa || h.statut == Statut::MiseADisposition)
            {
                let depart = match self.defaut {
                    // The fault counts from the projet de décompte final instead of the A22.
                    Some(Defaut::TaciteMauvaisDepart) => d
                        .pieces
                        .iter()
                        .map(|id| self.pc(*id))
                        .find(|x| x.cadre.est_projet_final())
                        .map_or(p.mise_a_disposition, |x| x.date_depot),
                    _ => p.mise_a_disposition,
                };
                c.echeance_tacite = Some(self.echeance(depart, delais::TACITE));
            }
        }
        c
    }

    fn vue_precedente(&self, p: &Piece, deposant: StructureId, marche: Option<&str>) -> VuePrecedente {
        let mut delais = self.contexte_delais(p.dossier);
        delais.delai_moe_expire = p.statut == Statut::AbsenceValidationMoeDelaiReglementaire;
        VuePrecedente {
            cadre: p.cadre,
            statut: p.statut,
            a_suivante: p.suivante.is_some(),
            visible: self.visible_par(p, deposant),
            meme_marche: p.marche.as_deref() == marche,
            delais,
        }
    }

    /// The sheet's payer actor: the MOA when it is « avec MOA » in the directory, otherwise the
    /// service financier (D-ROUTAGE step 4).
    pub fn payeur<'m>(&self, m: &'m Marche) -> &'m Acteur {
        let moa_avec =
            self.annuaire.par_siret(m.moa.siret).is_some_and(|(_, s)| s.peut_etre_moa() && s.presence_moa() == PresenceMoa::AvecMoa);
        match (&m.service_financier, moa_avec) {
            (Some(sf), false) => sf,
            _ => &m.moa,
        }
    }

    /// Deposits a piece (`soumettreFactureTravaux`): routes it, records it, links it, notifies.
    pub fn deposer(&mut self, login: &str, depot: &Depot) -> Result<(PieceId, Vec<Evenement>), Refus> {
        let u = self.acteur(login)?;
        // D-ROUTAGE: authorisation first, so that an outsider learns nothing of contracts or
        // pieces (routing checks the attachment again, with the travaux space).
        let rattache = match depot.structure_deposante {
            Some(siret) => self.annuaire.chercher(siret).is_some_and(|id| u.rattachement(id).is_some()),
            None => !u.rattachements.is_empty(),
        };
        if !rattache {
            return Err(Refus::new(
                R::UtilisateurNonRattache,
                format!("l'utilisateur {login} n'est pas rattaché à la structure qui dépose"),
            ));
        }
        let marche = match &depot.marche {
            Some(n) => Some(self.marche_requis(n)?),
            None => None,
        };
        let deposant = self.structure_agissante(u, depot.structure_deposante, marche)?;
        let precedente = match depot.precedente {
            Some(id) => {
                let p = self
                    .piece(id)
                    .ok_or_else(|| Refus::new(R::PiecePrecedenteInconnue, "la pièce précédente est inconnue pour cette structure"))?;
                Some(p.clone())
            }
            None => None,
        };
        let association = match &precedente {
            Some(p) => Association::Suit(self.vue_precedente(p, deposant, depot.marche.as_deref())),
            None => Association::Initiale,
        };
        let payeur = marche.map(|m| self.payeur(m));
        let destinataire = depot.destinataire.clone().or_else(|| payeur.map(|a| a.siret.to_string())).unwrap_or_default();
        let defaut_payeur = depot.destinataire.is_none();
        // A field left out takes the sheet's value; a field given empty stays blank.
        let renseigne = |v: &Option<String>, defaut: Option<String>| match v {
            Some(s) if s.trim().is_empty() => None,
            Some(s) => Some(s.clone()),
            None => defaut,
        };
        let code_service = renseigne(&depot.code_service, payeur.filter(|_| defaut_payeur).and_then(|a| a.code_service.clone()));
        let numero_engagement =
            renseigne(&depot.numero_engagement, payeur.filter(|_| defaut_payeur).and_then(|a| a.numero_engagement.clone()));
        let demande = DemandeRoutage {
            utilisateur: u,
            deposant,
            cadre: depot.cadre,
            marche,
            association,
            destinataire: &destinataire,
            code_service: code_service.as_deref(),
            numero_engagement: numero_engagement.as_deref(),
            moe: depot.moe.as_deref(),
            moa: depot.moa.as_deref(),
            defaut: self.defaut,
        };
        let decision = router(&demande, &self.annuaire, self.date)?;
        if depot.montants.verifier().is_err() {
            return Err(Refus::new(
                R::MontantsIncoherents,
                "les montants sont incohérents : HT + TVA doit égaler TTC, et le montant à payer ne peut dépasser le TTC",
            ));
        }
        if depot.appel_de_fonds {
            self.verifier_appel_de_fonds(depot, deposant, decision.siret_destinataire)?;
        }
        let login = u.login.clone();

        // Record.
        let id = PieceId(self.pieces.len() as u32 + 1);
        let dossier = match &precedente {
            Some(p) => p.dossier,
            None => {
                let did = DossierId(self.dossiers.len() as u32);
                self.dossiers.push(Dossier {
                    id: did,
                    marche: depot.marche.clone(),
                    pieces: Vec::new(),
                    evenements: Vec::new(),
                    debut_delai_paiement: None,
                    dgd: None,
                    dg_conteste: false,
                });
                did
            }
        };
        let ecart = precedente.as_ref().map(|p| depot.montants.ecart_avec(&p.montants)).filter(|e| !e.est_nul());
        let numero = depot.numero.clone().unwrap_or_else(|| format!("{}-{:06}", depot.cadre.court(), id.0));
        let piece = Piece {
            id,
            numero,
            cadre: depot.cadre,
            dossier,
            marche: depot.marche.clone(),
            deposant,
            role_deposant: decision.role_deposant,
            depose_par: login.clone(),
            date_depot: self.date,
            destinataire: decision.siret_destinataire,
            code_service,
            numero_engagement,
            moe: decision.moe,
            moa: decision.moa,
            montants: depot.montants.clone(),
            ecart,
            precedente: depot.precedente,
            suivante: None,
            recipiendaire: decision.recipiendaire,
            recipiendaire_suivant: decision.recipiendaire_suivant,
            espace: decision.espace,
            statut: decision.statut,
            mise_a_disposition: self.date,
            historique: vec![EntreeHistorique {
                statut: decision.statut,
                date: self.date,
                utilisateur: login.clone(),
                commentaire: "dépôt".into(),
            }],
            refus: None,
            statut_avant: None,
            suspensions: Vec::new(),
            telechargee: false,
            montant_accepte: None,
            reserves: depot.reserves.clone(),
            debut_delai_paiement: None,
            date_mise_en_paiement: None,
            appel_de_fonds: depot.appel_de_fonds,
            ecart_conteste: false,
            ecart_accepte: false,
        };
        let mut evenements = vec![Evenement::PieceDeposee { piece: id, statut: decision.statut }];
        self.pieces.push(piece);
        self.dossiers[dossier.0 as usize].pieces.push(id);

        // Link the previous piece (D-CHAINE, D-CHAINE-3).
        if let Some(pid) = depot.precedente {
            let vers = if depot.cadre == CadreFacturation::A22 { Statut::RemplaceeParA22 } else { Statut::Associee };
            let date = self.date;
            let prev = self.pc_mut(pid);
            prev.suivante = Some(id);
            // A DGD tacite may follow an A22 the MOA refused, or one at the payer (fact base
            // §2.3: a refusal does not interrupt the 10 days; D-CHAINE-4): that A22 keeps its
            // status, only the link is recorded.
            if prev.statut.attend_suite() || prev.statut == Statut::ARecycler {
                changer_statut(prev, vers, date, &login, &format!("suivie par {} {}", depot.cadre.court(), id), &mut evenements);
            }
        }

        // Dossier-level effects.
        self.effets_depot(id, &mut evenements);
        self.notifier_depot(id, &mut evenements);
        Ok((id, evenements))
    }

    /// D-DELAIS-6, D-DELAIS-7, D-STATUTS-4: what a new piece does to its dossier.
    fn effets_depot(&mut self, id: PieceId, ev: &mut Vec<Evenement>) {
        let date = self.date;
        let piece = self.pc(id).clone();
        let did = piece.dossier;
        // D-DELAIS-7: an acompte's period starts when the dossier's first piece is made available
        // to the MOE (to the MOA or the payer without an MOE); an A10's at the titulaire's answer.
        if self.dossiers[did.0 as usize].pieces.len() == 1
            && piece.cadre != CadreFacturation::A10
            && piece.cadre.phase() == super::cadre::Phase::EnCours
        {
            self.dossiers[did.0 as usize].debut_delai_paiement = Some(date);
        }
        if piece.cadre == CadreFacturation::A8 {
            match &piece.reserves {
                Some(r) if r.contestent() => {
                    self.dossiers[did.0 as usize].dg_conteste = true;
                    self.evenement_dossier(did, "décompte général signé avec réserves : DG contesté (D-DELAIS-6)".into(), ev);
                }
                _ => {
                    self.dossiers[did.0 as usize].dgd = Some(NatureDgd::Signe);
                    self.evenement_dossier(did, "décompte général signé : il devient le décompte général et définitif".into(), ev);
                }
            }
        }
        if piece.cadre.est_dgd_tacite() {
            self.dossiers[did.0 as usize].dgd = Some(NatureDgd::Tacite);
            self.evenement_dossier(did, "décompte général et définitif tacite (CCAG-Travaux 2021 art. 12.4.4)".into(), ev);
        }
        if piece.espace == Espace::FacturesRecues {
            let debut = self.debut_delai_paiement(&piece);
            self.pc_mut(id).debut_delai_paiement = Some(debut);
        }
    }

    /// D-DELAIS-7: when a payment request's period starts.
    fn debut_delai_paiement(&self, piece: &Piece) -> Date {
        let d = self.dossier(piece.dossier);
        if piece.cadre.est_dgd_tacite() {
            // From the day after the deadline that made the DGD tacite (a hypothèse).
            if let Some(e) = self.contexte_delais(piece.dossier).echeance_tacite {
                return e.lendemain();
            }
        }
        if piece.cadre.phase() == super::cadre::Phase::EnCours
            && let Some(debut) = d.debut_delai_paiement
        {
            return debut;
        }
        self.date
    }

    fn evenement_dossier(&mut self, did: DossierId, libelle: String, ev: &mut Vec<Evenement>) {
        self.dossiers[did.0 as usize].evenements.push(EvenementDossier { date: self.date, libelle: libelle.clone() });
        ev.push(Evenement::Dossier { dossier: did, libelle });
    }

    fn notifier(&mut self, destinataire: StructureId, nature: NatureNotification, piece: PieceId, ev: &mut Vec<Evenement>) {
        let n = Notification { destinataire, nature, piece, date: self.date };
        if !self.notifications.contains(&n) {
            self.notifications.push(n.clone());
            ev.push(Evenement::Notifie(n));
        }
    }

    /// The titulaire, MOE and MOA structures of a piece's contract that are in Chorus Pro.
    fn acteurs_notifies(&self, piece: &Piece) -> Vec<StructureId> {
        let Some(m) = piece.marche.as_deref().and_then(|n| self.marche(n)) else { return vec![] };
        [Some(&m.titulaire), m.moe.as_ref(), Some(&m.moa)]
            .into_iter()
            .flatten()
            .filter(|a| a.dans_chorus_pro)
            .filter_map(|a| self.annuaire.chercher(a.siret))
            .collect()
    }

    /// D-NOTIF-1: an action is expected from the recipient; the dossier's actors learn of the new
    /// piece.
    fn notifier_depot(&mut self, id: PieceId, ev: &mut Vec<Evenement>) {
        let p = self.pc(id);
        let (recipiendaire, deposant) = (p.recipiendaire, p.deposant);
        let acteurs = self.acteurs_notifies(p);
        self.notifier(recipiendaire, NatureNotification::ActionAttendue, id, ev);
        for a in acteurs {
            if a != deposant {
                self.notifier(a, NatureNotification::PieceAjoutee, id, ev);
            }
        }
    }

    /// D-MOAD-3: an appel de fonds goes from the MOAD to its mandant; with the mandataire
    /// advancing the cash it may not exceed what the MOAD has paid.
    fn verifier_appel_de_fonds(&self, depot: &Depot, deposant: StructureId, destinataire: Siret) -> Result<(), Refus> {
        let numero = depot.marche.as_deref().ok_or_else(|| Refus::new(R::MarcheRequis, "un appel de fonds nomme le marché sous mandat"))?;
        let m = self.marche_requis(numero)?;
        let Some(mandat) = &m.mandat else {
            return Err(Refus::new(R::MarcheRequis, format!("le marché {numero} n'est pas sous mandat de maîtrise d'ouvrage déléguée")));
        };
        if self.annuaire.get(deposant).siret != m.moa.siret {
            return Err(Refus::new(R::RoleNonAutorise, "seule la MOA déléguée émet un appel de fonds vers son mandant"));
        }
        if destinataire != mandat.mandant.siret {
            return Err(Refus::new(R::DestinataireNonPayeur, format!("l'appel de fonds est adressé au mandant {}", mandat.mandant.siret)));
        }
        if mandat.mode == ModeFinancement::AvanceMandataire {
            let (appele, paye) = self.fonds_mandat(numero);
            if appele + depot.montants.a_payer > paye {
                return Err(Refus::new(
                    R::AppelDeFondsExcessif,
                    format!("l'appel de fonds dépasse ce que le mandataire a payé : payé {paye} €, déjà appelé {appele} €"),
                ));
            }
        }
        Ok(())
    }

    /// (called, paid) sums of a mandate: appels de fonds deposited, and payment requests of the
    /// contract put into payment.
    pub fn fonds_mandat(&self, numero: &str) -> (Decimal, Decimal) {
        let mut appele = Decimal::ZERO;
        let mut paye = Decimal::ZERO;
        for p in self.pieces.iter().filter(|p| p.marche.as_deref() == Some(numero)) {
            if p.appel_de_fonds {
                if !matches!(p.statut, Statut::Rejetee) {
                    appele += p.montants.a_payer;
                }
            } else if p.statut == Statut::MiseEnPaiement {
                paye += p.montant_accepte.unwrap_or(p.montants.a_payer);
            }
        }
        (appele, paye)
    }

    // ----- processing -----------------------------------------------------------------------

    /// The user's structure that holds a piece (its recipient), with the travaux authorisation
    /// for travaux pieces. A user who cannot see the piece learns nothing of it.
    fn structure_recipiendaire(&self, login: &str, id: PieceId) -> Result<(StructureId, RoleRattachement), Refus> {
        let u = self.acteur(login)?;
        let p = self.consulter(login, id)?;
        let Some(r) = u.rattachement(p.recipiendaire) else {
            return Err(Refus::new(
                R::ActionNonAutorisee,
                format!(
                    "la pièce {id} attend une action de la structure {}, à laquelle {login} n'est pas rattaché",
                    self.annuaire.get(p.recipiendaire).siret
                ),
            ));
        };
        if p.cadre.est_travaux() && p.espace == Espace::FacturesTravaux && !r.habilite_travaux {
            return Err(Refus::new(
                R::EspaceTravauxNonHabilite,
                format!("l'utilisateur {login} n'est pas habilité sur l'espace « Factures de travaux »"),
            ));
        }
        Ok((p.recipiendaire, r.role))
    }

    fn verifier_dossier_ouvert(&self, p: &Piece) -> Result<(), Refus> {
        if self.etat_dossier(p.dossier) == EtatDossier::Refuse && self.defaut != Some(Defaut::CircuitRefuseOuvert) {
            return Err(Refus::new(R::DossierFige, "le dossier de facturation est figé par un refus"));
        }
        Ok(())
    }

    fn transition(&mut self, id: PieceId, vers: Statut, login: &str, commentaire: &str) -> Issue {
        let date = self.date;
        let p = self.pieces.get_mut(id.0 as usize - 1).ok_or_else(|| non_trouvee(id))?;
        if !transition_autorisee(Some(p.statut), vers) {
            return Err(Refus::new(
                R::StatutIncompatible,
                format!("la pièce {id} est au statut {} : impossible de passer à {}", p.statut.libelle_portail(), vers.libelle_portail()),
            ));
        }
        let mut ev = Vec::new();
        changer_statut(p, vers, date, login, commentaire, &mut ev);
        Ok(ev)
    }

    /// « Prendre en compte » (D-STATUTS-2): `MISE_A_DISPOSITION_MOE/_MOA` → `PRISE_EN_COMPTE_…`.
    pub fn prendre_en_compte(&mut self, login: &str, id: PieceId) -> Issue {
        self.structure_recipiendaire(login, id)?;
        let vers = match self.pc(id).statut {
            Statut::MiseADispositionMoe => Statut::PriseEnCompteMoe,
            Statut::MiseADispositionMoa => Statut::PriseEnCompteMoa,
            s => {
                return Err(Refus::new(
                    R::StatutIncompatible,
                    format!("une pièce au statut {} ne se prend pas en compte", s.libelle_portail()),
                ));
            }
        };
        self.transition(id, vers, login, "prise en compte")
    }

    /// Downloads a piece: only its flag changes (D-STATUTS-2).
    pub fn telecharger(&mut self, login: &str, id: PieceId) -> Issue {
        let (s, _) = self.structure_recipiendaire(login, id)?;
        let p = self.pc_mut(id);
        if p.recipiendaire == s {
            p.telechargee = true;
        }
        Ok(vec![])
    }

    /// The role a user plays in refusing a piece (D-REFUS-1): the role in which the piece waits
    /// on the user's structure, or the MOA's for a projet de décompte made visible to it.
    fn role_refusant(&self, login: &str, p: &Piece) -> Result<RoleMarche, Refus> {
        use CadreFacturation as C;
        let u = self.acteur(login)?;
        let recipiendaire = u.rattachement(p.recipiendaire).is_some_and(|r| r.habilite_travaux);
        let role_attente = match p.statut {
            Statut::MiseADispositionMoe | Statut::PriseEnCompteMoe | Statut::AbsenceValidationMoeDelaiReglementaire => {
                Some(RoleMarche::Moe)
            }
            Statut::MiseADispositionMoa | Statut::PriseEnCompteMoa => Some(RoleMarche::Moa),
            Statut::MiseADispositionFournisseur => Some(RoleMarche::Titulaire),
            _ => None,
        };
        let c = p.cadre;
        let role = match role_attente.filter(|_| recipiendaire) {
            Some(RoleMarche::Moe) if c.est_projet_decompte() => Some(RoleMarche::Moe),
            Some(RoleMarche::Moa) if matches!(c, C::A15 | C::A5 | C::A17 | C::A22) || c.est_projet_decompte() => Some(RoleMarche::Moa),
            Some(RoleMarche::Titulaire) if c.est_decompte_general() => Some(RoleMarche::Titulaire),
            _ => None,
        };
        if let Some(r) = role {
            return Ok(r);
        }
        // The MOA may refuse a projet de décompte made visible to it, for « autre motif » only:
        // after the MOE's delay, or a projet de décompte final (visible to the MOA).
        let marche = p.marche.as_deref().and_then(|n| self.marche(n));
        let est_moa = marche.is_some_and(|m| {
            u.rattachements.iter().any(|r| r.habilite_travaux && m.roles(self.annuaire.get(r.structure).siret).contient(RoleMarche::Moa))
        });
        let visible_moa = (p.statut == Statut::AbsenceValidationMoeDelaiReglementaire || c.est_projet_final())
            && matches!(role_attente, Some(RoleMarche::Moe));
        if est_moa && c.est_projet_decompte() && visible_moa {
            return Ok(RoleMarche::Moa);
        }
        Err(Refus::new(R::RefusNonAutorise, format!("l'utilisateur {login} ne peut pas refuser ce {} (D-REFUS-1)", c.piece())))
    }

    /// Refuses a piece (`refuserFactureTravaux`, D-REFUS-1 to 3).
    pub fn refuser(&mut self, login: &str, id: PieceId, motif: &str, commentaire: &str) -> Issue {
        let p = self.consulter(login, id)?.clone();
        // D-REFUS-1: who may refuse comes before which motif.
        let role = self.role_refusant(login, &p)?;
        let motif = match Motif::parse(motif, self.date) {
            Err(e) if e.code == R::ErreurMontantNonMotif && self.defaut == Some(Defaut::ErreurMontantAcceptee) => Motif::Autre,
            autre => autre?,
        };
        self.verifier_dossier_ouvert(&p)?;
        if p.suivante.is_some() {
            return Err(Refus::new(R::StatutIncompatible, "la pièce a déjà une pièce suivante : elle ne peut plus être refusée"));
        }
        let acheminement_permis = role == RoleMarche::Moe || (role == RoleMarche::Moa && !p.cadre.est_projet_decompte());
        // The fault turns the titulaire's forbidden routing refusal into an accepted refusal.
        let motif = if motif.est_acheminement() && role == RoleMarche::Titulaire && self.defaut == Some(Defaut::TitulaireRefuseAcheminement)
        {
            Motif::Autre
        } else {
            motif
        };
        if motif.est_acheminement() && !acheminement_permis {
            return Err(Refus::new(
                R::MotifNonAutorise,
                format!("la {} ne peut refuser ce {} que pour « autre motif »", role.libelle(), p.cadre.piece()),
            ));
        }
        let mut ev = Vec::new();
        let refus_piece = RefusPiece { par: role, motif: motif.code().into(), commentaire: commentaire.into() };
        if motif.est_acheminement() {
            // D-REFUS-2: back to its depositor for recycling.
            ev.extend(self.transition(id, Statut::ARecycler, login, &format!("{} : {commentaire}", motif.libelle()))?);
            let piece = self.pc_mut(id);
            piece.refus = Some(refus_piece);
            piece.recipiendaire = piece.deposant;
            let deposant = piece.deposant;
            self.notifier(deposant, NatureNotification::ActionAttendue, id, &mut ev);
            return Ok(ev);
        }
        if role == RoleMarche::Titulaire && commentaire.trim().is_empty() {
            // D-DELAIS-6: a refusal without reasons counts as acceptance.
            ev.extend(self.dg_repute_accepte(id, "refus sans motivation : décompte général réputé accepté (D-DELAIS-6)")?);
            return Ok(ev);
        }
        let vers = match role {
            RoleMarche::Moe => Statut::RefuseeMoe,
            RoleMarche::Moa => Statut::RefuseeMoa,
            _ => Statut::RefuseeFournisseur,
        };
        ev.extend(self.transition(id, vers, login, &format!("{} : {commentaire}", motif.libelle()))?);
        self.pc_mut(id).refus = Some(refus_piece);
        let did = p.dossier;
        if role == RoleMarche::Titulaire {
            self.dossiers[did.0 as usize].dg_conteste = true;
            self.evenement_dossier(did, format!("décompte général refusé par le titulaire : {commentaire}"), &mut ev);
        } else if p.cadre == CadreFacturation::A22 {
            self.evenement_dossier(
                did,
                "A22 refusée par la maîtrise d'ouvrage : le délai de 10 jours n'est pas interrompu (fait §2.3)".into(),
                &mut ev,
            );
        } else {
            self.evenement_dossier(did, "pièce refusée pour autre motif : le circuit s'arrête".into(), &mut ev);
        }
        let deposant = p.deposant;
        self.notifier(deposant, NatureNotification::ActionAttendue, id, &mut ev);
        Ok(ev)
    }

    /// D-DELAIS-6: the DG becomes the DGD and goes to the payer's « Factures reçues ».
    fn dg_repute_accepte(&mut self, id: PieceId, commentaire: &str) -> Issue {
        let p = self.pc(id);
        let payeur = self.annuaire.chercher(p.destinataire).unwrap_or(p.recipiendaire);
        let mut ev = self.transition(id, Statut::MiseADisposition, SYSTEME, commentaire)?;
        let date = self.date;
        let piece = self.pc_mut(id);
        piece.recipiendaire = payeur;
        piece.espace = Espace::FacturesRecues;
        piece.mise_a_disposition = date;
        piece.debut_delai_paiement = Some(date);
        let did = piece.dossier;
        self.dossiers[did.0 as usize].dgd = Some(NatureDgd::ReputeAccepte);
        self.evenement_dossier(did, commentaire.to_string(), &mut ev);
        self.notifier(payeur, NatureNotification::ActionAttendue, id, &mut ev);
        Ok(ev)
    }

    /// Recycles a piece in `A_RECYCLER` (`recyclerFactureTravaux`, D-REFUS-4): only the routing
    /// data change; the piece keeps its number and is routed again.
    pub fn recycler(&mut self, login: &str, id: PieceId, modifications: &[Modification]) -> Issue {
        let u = self.acteur(login)?.clone();
        let p = self.consulter(login, id)?.clone();
        if u.rattachement(p.deposant).is_none() {
            return Err(Refus::new(R::ActionNonAutorisee, "seul le déposant recycle sa pièce"));
        }
        if p.statut != Statut::ARecycler {
            return Err(Refus::new(
                R::StatutIncompatible,
                format!("la pièce est au statut {} : elle n'est pas à recycler", p.statut.libelle_portail()),
            ));
        }
        let motif = p.refus.as_ref().map(|r| r.motif.as_str()).unwrap_or("");
        let mut destinataire = p.destinataire.to_string();
        let mut code_service = p.code_service.clone();
        let mut engagement = p.numero_engagement.clone();
        let mut moe = p.moe.map(|s| s.to_string());
        let mut moa = p.moa.map(|s| s.to_string());
        for m in modifications {
            match m {
                Modification::Destinataire(s) => destinataire = s.clone(),
                Modification::CodeService(s) => code_service = s.clone(),
                Modification::NumeroEngagement(s) => engagement = s.clone(),
                Modification::Moe(s) if matches!(motif, "MAUVAISE_MOE" | "DEMANDE_RECYCLAGE") => moe = Some(s.clone()),
                Modification::Moa(s) if matches!(motif, "MAUVAISE_MOA" | "DEMANDE_RECYCLAGE") => moa = Some(s.clone()),
                autre => {
                    let champ = match autre {
                        Modification::Moe(_) => "la maîtrise d'œuvre (seulement après le motif « Mauvaise maîtrise d'œuvre »)".to_string(),
                        Modification::Moa(_) => {
                            "la maîtrise d'ouvrage (seulement après le motif « Mauvaise maîtrise d'ouvrage »)".to_string()
                        }
                        Modification::Autre(c) => format!("le champ « {c} »"),
                        _ => String::new(),
                    };
                    return Err(Refus::new(
                        R::RecyclageChampInterdit,
                        format!("le recyclage ne modifie que les données d'acheminement : {champ} ne peut pas changer"),
                    ));
                }
            }
        }
        let marche = p.marche.as_deref().and_then(|n| self.marche(n));
        let demande = DemandeRoutage {
            utilisateur: &u,
            deposant: p.deposant,
            cadre: p.cadre,
            marche,
            association: Association::Recyclage,
            destinataire: &destinataire,
            code_service: code_service.as_deref(),
            numero_engagement: engagement.as_deref(),
            moe: moe.as_deref(),
            moa: moa.as_deref(),
            defaut: self.defaut,
        };
        let mut decision = router(&demande, &self.annuaire, self.date)?;
        // D-REFUS-4: an A10 the titulaire already answered returns to the MOE, not to the
        // titulaire's validation (D-SOUSTRAITANCE-1).
        let a10_validee = p.cadre == CadreFacturation::A10
            && p.historique.iter().any(|h| matches!(h.statut, Statut::Validee1 | Statut::AbsenceValidation1HorsDelai));
        if a10_validee && let Some(suivant) = decision.recipiendaire_suivant {
            let moe = marche.is_some_and(|m| m.moe_presente());
            decision.recipiendaire = suivant;
            decision.statut = if moe { Statut::MiseADispositionMoe } else { Statut::MiseADispositionMoa };
        }
        let vers = if p.suivante.is_some() { Statut::Associee } else { decision.statut };
        let mut ev = self.transition(id, vers, login, "recyclage")?;
        let date = self.date;
        let piece = self.pc_mut(id);
        piece.destinataire = decision.siret_destinataire;
        piece.code_service = code_service;
        piece.numero_engagement = engagement;
        piece.moe = decision.moe;
        piece.moa = decision.moa;
        piece.recipiendaire = decision.recipiendaire;
        piece.recipiendaire_suivant = decision.recipiendaire_suivant;
        piece.espace = decision.espace;
        piece.mise_a_disposition = date;
        // A projet de décompte mensuel reaches its MOE only now: the payment period starts now.
        if piece.cadre.est_projet_mensuel() && piece.precedente.is_none() && piece.suivante.is_none() && !a10_validee {
            let did = piece.dossier;
            self.dossiers[did.0 as usize].debut_delai_paiement = Some(date);
        }
        // D-REFUS-5: the piece that waited for this recycling resumes.
        if let Some(next) = p.suivante {
            let n = &self.pc(next);
            if n.statut == Statut::EnAttenteRecyclageFournisseur {
                let back = n.statut_avant.unwrap_or(Statut::MiseADispositionMoa);
                ev.extend(self.transition(next, back, SYSTEME, "pièce précédente recyclée")?);
            }
        } else {
            let r = decision.recipiendaire;
            self.notifier(r, NatureNotification::ActionAttendue, id, &mut ev);
        }
        Ok(ev)
    }

    /// Asks the depositor of the previous piece to recycle it (`demanderRecyclagePiecePrecedente`,
    /// D-REFUS-5).
    pub fn demander_recyclage(&mut self, login: &str, id: PieceId) -> Result<(PieceId, Vec<Evenement>), Refus> {
        self.structure_recipiendaire(login, id)?;
        let p = self.pc(id).clone();
        self.verifier_dossier_ouvert(&p)?;
        let Some(prev) = p.precedente else {
            return Err(Refus::new(R::RecyclageSansPrecedente, "cette pièce n'a pas de pièce précédente"));
        };
        if !p.statut.attend_suite() {
            return Err(Refus::new(R::StatutIncompatible, format!("la pièce est au statut {}", p.statut.libelle_portail())));
        }
        let mut ev = self.transition(id, Statut::EnAttenteRecyclageFournisseur, login, "demande de recyclage de la pièce précédente")?;
        self.pc_mut(id).statut_avant = Some(p.statut);
        ev.extend(self.transition(prev, Statut::ARecycler, login, "recyclage demandé par le destinataire de la pièce suivante")?);
        let role = self.role_refusant(login, &p).unwrap_or(RoleMarche::Moa);
        let q = &mut self.pc_mut(prev);
        q.refus = Some(RefusPiece { par: role, motif: "DEMANDE_RECYCLAGE".into(), commentaire: String::new() });
        q.recipiendaire = q.deposant;
        let deposant = q.deposant;
        self.notifier(deposant, NatureNotification::ActionAttendue, prev, &mut ev);
        Ok((prev, ev))
    }

    /// Suspends a piece or asks for a complement (D-REFUS-6, D-PAIEMENT-1).
    pub fn suspendre(&mut self, login: &str, id: PieceId, commentaire: &str) -> Issue {
        self.structure_recipiendaire(login, id)?;
        let p = self.pc(id);
        self.verifier_dossier_ouvert(p)?;
        if !p.statut.suspendable() {
            return Err(Refus::new(R::StatutIncompatible, format!("une pièce au statut {} ne se suspend pas", p.statut.libelle_portail())));
        }
        let avant = p.statut;
        let ev = self.transition(id, Statut::Suspendue, login, commentaire)?;
        let date = self.date;
        let piece = self.pc_mut(id);
        piece.statut_avant = Some(avant);
        if piece.espace == Espace::FacturesRecues {
            piece.suspensions.push(Suspension { le: date, completee_le: None });
        }
        let deposant = piece.deposant;
        let mut ev = ev;
        self.notifier(deposant, NatureNotification::ActionAttendue, id, &mut ev);
        Ok(ev)
    }

    /// Completes a suspended piece (`completerFactureTravaux`): the depositor answers, and the
    /// piece goes back where it was (D-REFUS-6).
    pub fn completer(&mut self, login: &str, id: PieceId, commentaire: &str) -> Issue {
        let u = self.acteur(login)?;
        let p = self.consulter(login, id)?;
        // The depositor completes its piece; for a payment request, the supplier whose claim it
        // is (the dossier's first depositor) may also answer.
        let fournisseur = self.dossier(p.dossier).pieces.first().map(|f| self.pc(*f).deposant);
        let permis = u.rattachement(p.deposant).is_some()
            || (p.espace == Espace::FacturesRecues && fournisseur.is_some_and(|f| u.rattachement(f).is_some()));
        if !permis {
            return Err(Refus::new(
                R::ActionNonAutorisee,
                "seul le déposant (ou, pour une demande de paiement, le fournisseur) complète la pièce",
            ));
        }
        let avant = p.statut_avant.unwrap_or(Statut::MiseADisposition);
        let mut ev = self.transition(id, Statut::Completee, login, commentaire)?;
        ev.extend(self.transition(id, avant, login, "reprise après complément")?);
        let date = self.date;
        let piece = self.pc_mut(id);
        if let Some(s) = piece.suspensions.last_mut()
            && s.completee_le.is_none()
        {
            s.completee_le = Some(date);
        }
        let r = piece.recipiendaire;
        self.notifier(r, NatureNotification::ActionAttendue, id, &mut ev);
        Ok(ev)
    }

    /// The titulaire accepts a sous-traitant's A10 in full (`None`) or in part
    /// (D-SOUSTRAITANCE-1).
    pub fn valider_sous_traitance(&mut self, login: &str, id: PieceId, montant_accepte: Option<Decimal>) -> Issue {
        self.structure_recipiendaire(login, id)?;
        let p = self.pc(id);
        if p.statut != Statut::AValider1 {
            return Err(Refus::new(R::StatutIncompatible, format!("la pièce est au statut {}", p.statut.libelle_portail())));
        }
        let accepte = montant_accepte.unwrap_or(p.montants.a_payer);
        if accepte <= Decimal::ZERO || accepte > p.montants.a_payer {
            return Err(Refus::new(
                R::MontantAccepteInvalide,
                format!("le montant accepté doit être positif et ne pas dépasser le montant demandé ({} €)", p.montants.a_payer),
            ));
        }
        let partiel = accepte < p.montants.a_payer;
        let mut ev = self.transition(
            id,
            Statut::Validee1,
            login,
            if partiel { "acceptée partiellement par le titulaire" } else { "acceptée par le titulaire" },
        )?;
        self.pc_mut(id).montant_accepte = Some(accepte);
        ev.extend(self.transmettre_sous_traitance(id)?);
        Ok(ev)
    }

    /// The titulaire refuses a sous-traitant's A10: the circuit stops (D-SOUSTRAITANCE-1).
    pub fn refuser_sous_traitance(&mut self, login: &str, id: PieceId, commentaire: &str) -> Issue {
        self.structure_recipiendaire(login, id)?;
        let mut ev = self.transition(id, Statut::Refusee1, login, commentaire)?;
        let p = self.pc_mut(id);
        p.refus = Some(RefusPiece { par: RoleMarche::Titulaire, motif: Motif::Autre.code().into(), commentaire: commentaire.into() });
        let (did, deposant) = (p.dossier, p.deposant);
        self.evenement_dossier(did, "demande de paiement du sous-traitant refusée par le titulaire".into(), &mut ev);
        self.notifier(deposant, NatureNotification::ActionAttendue, id, &mut ev);
        Ok(ev)
    }

    /// After the titulaire's answer (or silence), the A10 goes to the MOE, and its payment period
    /// starts (D-SOUSTRAITANCE-1, D-DELAIS-7).
    fn transmettre_sous_traitance(&mut self, id: PieceId) -> Issue {
        let date = self.date;
        let p = self.pc(id);
        let suivant = p.recipiendaire_suivant.unwrap_or(p.recipiendaire);
        let moe = p.marche.as_deref().and_then(|n| self.marche(n)).is_some_and(|m| m.moe_presente());
        let vers = if moe { Statut::MiseADispositionMoe } else { Statut::MiseADispositionMoa };
        let mut ev = self.transition(id, vers, SYSTEME, "transmise après l'avis du titulaire")?;
        let piece = self.pc_mut(id);
        piece.recipiendaire = suivant;
        piece.mise_a_disposition = date;
        let did = piece.dossier;
        self.dossiers[did.0 as usize].debut_delai_paiement = Some(date);
        self.notifier(suivant, NatureNotification::ActionAttendue, id, &mut ev);
        Ok(ev)
    }

    /// The titulaire contests the amount correction a piece carries, within 30 days
    /// (D-MONTANTS-2).
    pub fn contester_montant(&mut self, login: &str, id: PieceId, motif: &str) -> Issue {
        let u = self.acteur(login)?.clone();
        let p = self.consulter(login, id)?.clone();
        let m = p.marche.as_deref().and_then(|n| self.marche(n));
        let titulaire = m.is_some_and(|m| {
            u.rattachements.iter().any(|r| m.roles_propres(self.annuaire.get(r.structure).siret).contient(RoleMarche::Titulaire))
        });
        if !titulaire {
            return Err(Refus::new(R::ActionNonAutorisee, "seul le titulaire conteste une correction de montant"));
        }
        if p.ecart.is_none() {
            return Err(Refus::new(R::StatutIncompatible, "cette pièce ne corrige aucun montant"));
        }
        if p.ecart_accepte || self.date > echeance_calendaire(p.date_depot, delais::CONTESTATION) {
            return Err(Refus::new(
                R::ContestationHorsDelai,
                "le délai de 30 jours pour contester la correction a expiré : elle est réputée acceptée",
            ));
        }
        self.pc_mut(id).ecart_conteste = true;
        let mut ev = Vec::new();
        self.evenement_dossier(p.dossier, format!("correction de montant contestée par le titulaire : {motif}"), &mut ev);
        Ok(ev)
    }

    // ----- payment chain (« Factures reçues ») ---------------------------------------------

    fn action_payeur(&mut self, login: &str, id: PieceId, vers: Statut, commentaire: &str) -> Issue {
        self.structure_recipiendaire(login, id)?;
        let p = self.pc(id);
        if p.espace != Espace::FacturesRecues {
            return Err(Refus::new(R::StatutIncompatible, "cette pièce n'est pas une demande de paiement dans « Factures reçues »"));
        }
        self.verifier_dossier_ouvert(p)?;
        self.transition(id, vers, login, commentaire)
    }

    /// `SERVICE_FAIT` (D-PAIEMENT-1).
    pub fn constater_service_fait(&mut self, login: &str, id: PieceId) -> Issue {
        self.action_payeur(login, id, Statut::ServiceFait, "service fait")
    }

    /// `MANDATEE` (D-PAIEMENT-1).
    pub fn mandater(&mut self, login: &str, id: PieceId) -> Issue {
        self.action_payeur(login, id, Statut::Mandatee, "mandatée")
    }

    /// `MISE_EN_PAIEMENT`, dated today (D-PAIEMENT-1). Under a mandate funded by the mandant,
    /// the credits must have been called first (D-MOAD-3).
    pub fn mettre_en_paiement(&mut self, login: &str, id: PieceId) -> Issue {
        let p = self.consulter(login, id)?.clone();
        if let Some(numero) = p.marche.as_deref()
            && let Some(m) = self.marche(numero)
            && let Some(mandat) = &m.mandat
            && mandat.mode == ModeFinancement::AvanceMandant
            && !p.appel_de_fonds
        {
            let (appele, paye) = self.fonds_mandat(numero);
            let montant = p.montant_accepte.unwrap_or(p.montants.a_payer);
            if paye + montant > appele {
                return Err(Refus::new(
                    R::CreditsNonAppeles,
                    format!("le mandant avance les crédits : appelez {} € auprès du mandant avant de payer", paye + montant - appele),
                ));
            }
        }
        let mut ev = self.action_payeur(login, id, Statut::MiseEnPaiement, "mise en paiement")?;
        let date = self.date;
        self.pc_mut(id).date_mise_en_paiement = Some(date);
        // D-NOTIF-1 and D-PAIEMENT-2: the titulaire is not told when the payer hides the status.
        let p = self.pc(id);
        let cache = self.annuaire.get(p.recipiendaire).parametres.statut_mise_en_paiement_nest_pas_remonte;
        let titulaire = p.marche.as_deref().and_then(|n| self.marche(n)).and_then(|m| self.annuaire.chercher(m.titulaire.siret));
        let deposant = p.deposant;
        let mut cibles = self.acteurs_notifies(p);
        cibles.push(deposant);
        cibles.sort_unstable();
        cibles.dedup();
        for c in cibles {
            let fournisseur = Some(c) == titulaire || c == deposant;
            if cache && fournisseur {
                continue;
            }
            self.notifier(c, NatureNotification::MiseEnPaiement, id, &mut ev);
        }
        Ok(ev)
    }

    /// `REJETEE` with a motif: for a travaux piece the dossier is frozen (D-PAIEMENT-1).
    pub fn rejeter(&mut self, login: &str, id: PieceId, motif: &str) -> Issue {
        let mut ev = self.action_payeur(login, id, Statut::Rejetee, motif)?;
        let p = self.pc(id);
        let (did, deposant) = (p.dossier, p.deposant);
        self.evenement_dossier(did, format!("demande de paiement rejetée : {motif}"), &mut ev);
        self.notifier(deposant, NatureNotification::ActionAttendue, id, &mut ev);
        Ok(ev)
    }

    // ----- derived state --------------------------------------------------------------------

    /// The dossier's own state (D-STATUTS-4).
    pub fn etat_dossier(&self, id: DossierId) -> EtatDossier {
        let d = self.dossier(id);
        let pieces: Vec<&Piece> = d.pieces.iter().map(|p| self.pc(*p)).collect();
        // A refused A22 does not stop the tacit procedure (fact base §2.3, TA Melun 05/06/2023).
        let refuse = pieces.iter().any(|p| {
            matches!(p.statut, Statut::RefuseeMoe | Statut::RefuseeMoa | Statut::Refusee1 | Statut::Rejetee)
                && p.cadre != CadreFacturation::A22
        });
        if refuse {
            return EtatDossier::Refuse;
        }
        if d.dg_conteste {
            return EtatDossier::DgConteste;
        }
        if pieces.iter().any(|p| p.statut == Statut::MiseEnPaiement && !p.appel_de_fonds) {
            return EtatDossier::Paye;
        }
        if let Some(n) = d.dgd {
            return EtatDossier::Dgd(n);
        }
        if pieces.iter().any(|p| p.statut == Statut::Suspendue) {
            return EtatDossier::Suspendu;
        }
        EtatDossier::EnCours
    }

    /// The last day of a payment request's period, if it is one and not suspended (D-DELAIS-7).
    pub fn echeance_paiement(&self, id: PieceId) -> Option<Date> {
        let p = self.piece(id)?;
        let debut = p.debut_delai_paiement?;
        let jours = self.annuaire.get(p.recipiendaire).categorie.delai_global_paiement();
        echeance_paiement(debut, jours, &p.suspensions)
    }

    /// The late-payment interest a payment request owes (D-DELAIS-7): `Ok(None)` when not paid
    /// yet or paid on time.
    pub fn interets(&self, id: PieceId, table: &TableTaux) -> Result<Option<Retard>, ErreurInterets> {
        let Some(p) = self.piece(id) else { return Ok(None) };
        let (Some(mep), Some(ech)) = (p.date_mise_en_paiement, self.echeance_paiement(id)) else { return Ok(None) };
        // D-DELAIS-7: the amount paid late (the accepted amount of an A10, else the montant à payer).
        interets_moratoires(p.montant_accepte.unwrap_or(p.montants.a_payer), ech, mep, table)
    }

    // ----- calendar -------------------------------------------------------------------------

    /// Moves the calendar forward by `jours` days, applying every deadline that expires.
    pub fn avancer(&mut self, jours: u32) -> Vec<Evenement> {
        let cible = self.date.plus_jours(jours as i32);
        self.fixer_date(cible)
    }

    /// Moves the calendar to `date` (never backwards: an earlier date is ignored), applying every
    /// deadline that expires on the way, day by day.
    pub fn fixer_date(&mut self, date: Date) -> Vec<Evenement> {
        let mut ev = Vec::new();
        if self.pieces.is_empty() {
            // No piece, no piece deadline: jump (contract deadlines are dated from their own
            // expiry, not from today).
            self.date = self.date.max(date);
            self.appliquer_echeances_marches();
            return ev;
        }
        while self.date < date {
            self.date = self.date.lendemain();
            self.appliquer_echeances(&mut ev);
        }
        ev
    }

    /// D-DELAIS-3 (CCAG-Travaux 2021 art. 12.3.2): 30 days after the réception with no projet de
    /// décompte final, the MOE may put the titulaire on notice (15 days) and draw it up itself.
    /// Recorded once per contract, dated the day after the deadline.
    fn appliquer_echeances_marches(&mut self) {
        let today = self.date;
        for i in 0..self.marches.len() {
            let m = &self.marches[i];
            let Some(reception) = m.dates.reception else { continue };
            let limite = self.echeance(reception, delais::DECOMPTE_FINAL);
            if limite >= today || self.evenements_marches.iter().any(|(n, _)| *n == m.numero) {
                continue;
            }
            let envoye = self
                .pieces
                .iter()
                .any(|p| p.marche.as_deref() == Some(m.numero.as_str()) && p.cadre.est_projet_final() && p.date_depot <= limite);
            if envoye {
                continue;
            }
            let libelle = format!(
                "projet de décompte final non transmis dans les 30 jours de la réception ({}) : la maîtrise d'œuvre peut mettre le titulaire en demeure (15 jours) puis l'établir elle-même",
                limite.en_francais()
            );
            let numero = m.numero.clone();
            self.evenements_marches.push((numero, EvenementDossier { date: limite.lendemain(), libelle }));
        }
    }

    /// Contract-level events (D-DELAIS-3).
    pub fn evenements_marche(&self, numero: &str) -> Vec<&EvenementDossier> {
        self.evenements_marches.iter().filter(|(n, _)| n == numero).map(|(_, e)| e).collect()
    }

    /// Deadline effects on the current day: the day after a deadline's last day.
    fn appliquer_echeances(&mut self, ev: &mut Vec<Evenement>) {
        let today = self.date;
        self.appliquer_echeances_marches();
        for i in 0..self.pieces.len() {
            let p = &self.pieces[i];
            let id = p.id;
            let expire = |jours| self.echeance(p.mise_a_disposition, jours) < today;
            // D-DELAIS-2: the MOE's 7 days.
            if p.cadre.est_projet_mensuel()
                && matches!(p.statut, Statut::MiseADispositionMoe | Statut::PriseEnCompteMoe)
                && expire(delais::MOE)
                && self.defaut != Some(Defaut::DelaiMoeIgnore)
            {
                if let Ok(e) =
                    self.transition(id, Statut::AbsenceValidationMoeDelaiReglementaire, SYSTEME, "délai de 7 jours de la MOE expiré")
                {
                    ev.extend(e);
                }
                let moa = self.pieces[i].moa.and_then(|s| self.annuaire.chercher(s));
                if let Some(moa) = moa {
                    self.notifier(moa, NatureNotification::ActionAttendue, id, ev);
                }
                continue;
            }
            // D-SOUSTRAITANCE-1: 15 days of silence, deemed accepted.
            if p.statut == Statut::AValider1 && expire(delais::SOUS_TRAITANCE) {
                if let Ok(e) = self.transition(
                    id,
                    Statut::AbsenceValidation1HorsDelai,
                    SYSTEME,
                    "absence de réponse du titulaire en 15 jours : réputée acceptée",
                ) {
                    ev.extend(e);
                }
                if let Ok(e) = self.transmettre_sous_traitance(id) {
                    ev.extend(e);
                }
                continue;
            }
            // D-DELAIS-6: 30 days without A8 or refusal, the DG is deemed accepted.
            if p.cadre.est_decompte_general() && p.statut == Statut::MiseADispositionFournisseur && expire(delais::SIGNATURE) {
                if let Ok(e) = self.dg_repute_accepte(
                    id,
                    "délai de 30 jours expiré sans retour du titulaire : décompte général réputé accepté (D-DELAIS-6)",
                ) {
                    ev.extend(e);
                }
                continue;
            }
            // D-MONTANTS-2: an uncontested correction is deemed accepted after 30 days.
            if p.ecart.is_some() && !p.ecart_conteste && !p.ecart_accepte && echeance_calendaire(p.date_depot, delais::CONTESTATION) < today
            {
                let did = p.dossier;
                self.pieces[i].ecart_accepte = true;
                self.evenement_dossier(did, "correction de montant non contestée en 30 jours : réputée acceptée".into(), ev);
            }
        }
    }
}

/// Appends a status change to a piece's history (D-STATUTS-3: history only grows).
fn changer_statut(p: &mut Piece, vers: Statut, date: Date, login: &str, commentaire: &str, ev: &mut Vec<Evenement>) {
    let de = p.statut;
    p.statut = vers;
    p.historique.push(EntreeHistorique { statut: vers, date, utilisateur: login.to_string(), commentaire: commentaire.to_string() });
    ev.push(Evenement::StatutModifie { piece: p.id, de, vers });
}
