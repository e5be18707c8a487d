//! The `Platform` trait: what a scenario drives. The in-process reference implements it
//! ([`locale::PlateformeReference`]); an HTTP client of the contract is the other implementor.
//! Scenarios never know which one they drive.

pub mod locale;

use crate::domaine::cadre::CadreFacturation;
use crate::domaine::calendrier::Date;
use crate::domaine::marche::{Acteur, Marche};
use crate::domaine::montant::{Ecart, Montants};
use crate::domaine::paiement::Retard;
use crate::domaine::piece::{Espace, PieceId};
use crate::domaine::reference::{Depot, Modification, NatureNotification, RoleRecherche};
use crate::domaine::siret::Siret;
use crate::domaine::statut::Statut;
use crate::domaine::structure::{Parametres, PresenceMoa, Structure};
use crate::domaine::utilisateur::RoleRattachement;
use futures::future::{BoxFuture, FutureExt};
use rust_decimal::Decimal;

/// A command sent to a platform: the test hooks a certification needs (administration of the
/// simulated platform), then the users' actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Commande {
    /// Hook: adds a structure to the directory.
    AjouterStructure(Structure),
    /// Hook: replaces a structure's record.
    RemplacerStructure(Structure),
    /// Hook: creates a user account.
    CreerUtilisateur {
        /// Login.
        login: String,
        /// Prénom.
        prenom: String,
        /// Nom.
        nom: String,
        /// PIGP account.
        pigp: bool,
        /// The technical account's password for the API (D-API-1), if the data set gives one.
        mot_de_passe: Option<String>,
    },
    /// Hook: attaches a user (the structure's own validation is not simulated).
    Rattacher {
        /// Login.
        login: String,
        /// Structure.
        siret: Siret,
        /// Role.
        role: RoleRattachement,
        /// Authorised on « Factures de travaux ».
        habilite_travaux: bool,
    },
    /// Hook: registers an identity sheet.
    EnregistrerMarche(Box<Marche>),
    /// Hook: sets the date.
    FixerDate(Date),
    /// Hook: moves the calendar forward.
    Avancer(u32),
    /// Deposits a piece.
    Deposer(Box<Depot>),
    /// « Prendre en compte ».
    PrendreEnCompte(PieceId),
    /// Downloads a piece (its recipient's « téléchargée » flag, D-STATUTS-2).
    Telecharger(PieceId),
    /// Creates a structure from what a person typed: the SIRET is checked by the platform, so
    /// that its refusal can be asserted (D-ROUTAGE step 3 codes).
    CreerStructure {
        /// The SIRET as typed.
        siret: String,
        /// Raison sociale.
        raison_sociale: String,
        /// Public (else private).
        publique: bool,
        /// « Présence MOA », for a public structure.
        presence: Option<PresenceMoa>,
    },
    /// Refuses a piece.
    Refuser {
        /// Piece.
        piece: PieceId,
        /// Motif code.
        motif: String,
        /// Comment.
        commentaire: String,
    },
    /// Recycles a piece.
    Recycler {
        /// Piece.
        piece: PieceId,
        /// Changes.
        modifications: Vec<Modification>,
    },
    /// Asks the depositor of the previous piece to recycle it.
    DemanderRecyclage(PieceId),
    /// Suspends a piece.
    Suspendre {
        /// Piece.
        piece: PieceId,
        /// Comment.
        commentaire: String,
    },
    /// Completes a suspended piece.
    Completer {
        /// Piece.
        piece: PieceId,
        /// Comment.
        commentaire: String,
    },
    /// The titulaire accepts an A10, in full or in part.
    ValiderSousTraitance {
        /// Piece.
        piece: PieceId,
        /// Accepted amount (`None`: in full).
        montant: Option<Decimal>,
    },
    /// The titulaire refuses an A10.
    RefuserSousTraitance {
        /// Piece.
        piece: PieceId,
        /// Reasons.
        commentaire: String,
    },
    /// `SERVICE_FAIT`.
    ConstaterServiceFait(PieceId),
    /// `MANDATEE`.
    Mandater(PieceId),
    /// `MISE_EN_PAIEMENT`.
    MettreEnPaiement(PieceId),
    /// `REJETEE`.
    Rejeter {
        /// Piece.
        piece: PieceId,
        /// Motif.
        motif: String,
    },
    /// The titulaire contests an amount correction.
    ContesterMontant {
        /// Piece.
        piece: PieceId,
        /// Reasons.
        motif: String,
    },
    /// A gestionnaire opens the « Factures de travaux » space.
    OuvrirEspaceTravaux(Siret),
    /// A gestionnaire authorises a user on it.
    HabiliterTravaux {
        /// The user authorised.
        cible: String,
        /// The structure.
        siret: Siret,
    },
    /// A gestionnaire changes the structure's parameters.
    ModifierParametres {
        /// Structure.
        siret: Siret,
        /// Parameters.
        parametres: Parametres,
        /// « Présence MOA ».
        presence: Option<PresenceMoa>,
    },
    /// Files a sollicitation (MOAD).
    DeposerSollicitation {
        /// Structure.
        siret: Siret,
        /// Gestionnaires' logins.
        gestionnaires: Vec<String>,
    },
    /// Hook: the support treats a sollicitation.
    TraiterSollicitation(u32),
    /// Hook: an avenant names another MOE.
    DesignerMoe {
        /// Contract.
        marche: String,
        /// New MOE.
        acteur: Box<Acteur>,
    },
}

/// What a command returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reponse {
    /// Done.
    Fait,
    /// The new piece.
    Piece(PieceId),
    /// The previous piece sent back for recycling.
    PiecePrecedente(PieceId),
    /// The sollicitation filed.
    Sollicitation(u32),
}

/// Why a command or query did not succeed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Echec {
    /// A business refusal: its stable code and French message.
    Refus {
        /// Code.
        code: String,
        /// Message.
        message: String,
    },
    /// The implementation did not answer in a usable way (timeout, 5xx, garbage): the verdict
    /// is `indéterminé`, with the evidence.
    Indetermine {
        /// What happened.
        message: String,
        /// Request and response, when there were some.
        preuve: Option<String>,
    },
    /// The scenario needs a control capability (D-API-4) that the implementation's profile does
    /// not declare: the scenario is `non applicable`, never `non conforme`.
    HorsCapacite {
        /// The capability, in the profile's words (`horloge`).
        capacite: String,
        /// The control route it would have called.
        route: String,
    },
}

/// A read `load` makes ([`Platform::sonder`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lecture {
    /// A piece, as its actor sees it, or as the platform holds it.
    Piece(PieceId),
    /// The list of the 25 cadres.
    Cadres,
    /// The health check (the hello route): in process, there is nothing to ask.
    Sante,
}

/// A business refusal as an implementation answered it over HTTP: the certification's evidence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RefusRecu {
    /// The route called.
    pub route: String,
    /// The HTTP status received.
    pub statut_http: u16,
    /// The `codeRetour` received.
    pub code_retour: i64,
    /// The refusal it stands for (the `code` extension, else the profile's table).
    pub code: String,
}

impl std::fmt::Display for Echec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Echec::Refus { code, message } => write!(f, "refus {code} : {message}"),
            Echec::HorsCapacite { capacite, route } => {
                write!(f, "capacité de contrôle « {capacite} » non déclarée par le profil ({route}) : scénario non applicable (D-API-4)")
            }
            Echec::Indetermine { message, preuve } => {
                write!(f, "{message}")?;
                if let Some(p) = preuve {
                    write!(f, "\n{p}")?;
                }
                Ok(())
            }
        }
    }
}

/// One line of a piece's history, as a platform reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LigneHistorique {
    /// Status.
    pub statut: Statut,
    /// Date.
    pub date: Date,
    /// Acting user.
    pub utilisateur: String,
    /// Comment.
    pub commentaire: String,
}

/// A piece as a platform shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VuePiece {
    /// `idFactureTravaux`.
    pub id: PieceId,
    /// `numeroFactureTravaux`.
    pub numero: String,
    /// Cadre.
    pub cadre: CadreFacturation,
    /// Status as the viewer sees it.
    pub statut: Statut,
    /// Portal label (with who refused, for routing errors).
    pub libelle: String,
    /// Space.
    pub espace: Espace,
    /// The structure it waits on.
    pub recipiendaire: Siret,
    /// `identifiantDestinataire`.
    pub destinataire: Siret,
    /// `codeServiceExecutant`.
    pub code_service: Option<String>,
    /// History.
    pub historique: Vec<LigneHistorique>,
    /// Amounts.
    pub montants: Montants,
    /// Difference with the previous piece.
    pub ecart: Option<Ecart>,
    /// Accepted amount (A10).
    pub montant_accepte: Option<Decimal>,
    /// The dossier's state label (D-STATUTS-4).
    pub etat_dossier: String,
    /// Last day of the payment period.
    pub echeance_paiement: Option<Date>,
    /// Late-payment interest, once paid late.
    pub retard: Option<Retard>,
    /// Previous piece.
    pub precedente: Option<PieceId>,
    /// Next piece.
    pub suivante: Option<PieceId>,
    /// Whether its recipient downloaded it (`factureTelechargeeParDestinataire`, D-STATUTS-2).
    pub telechargee: bool,
    /// What the payer pays: accepted amount of an A10, undisputed sums of a contested DG, else the
    /// montant à payer.
    pub montant_payable: Decimal,
    /// The code service of the depositor's structure the piece leaves from (an appel de fonds
    /// leaves from the MOAD's factures-simples service, D-MOAD-3).
    pub service_deposant: Option<String>,
    /// The deadlines that run on this piece or its dossier (D-DELAIS-2 to 6).
    pub echeances: Echeances,
    /// While the payer's first suspension is not completed, the days of the payment period that
    /// remain (D-DELAIS-7); the period is then stopped.
    pub jours_restants_suspendu: Option<u32>,
    /// The events of its dossier, dated (D-STATUTS-4, D-DELAIS-6, D-MONTANTS-2).
    pub evenements_dossier: Vec<VueEvenement>,
}

/// The last day of each deadline that runs on a piece or its dossier.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Echeances {
    /// The MOE's delay on a projet de décompte mensuel waiting on it (D-DELAIS-2).
    pub moe: Option<Date>,
    /// The MOA's delay to notify the DG (D-DELAIS-3).
    pub decompte_general: Option<Date>,
    /// The titulaire's delay to return the DG (D-DELAIS-6).
    pub signature: Option<Date>,
    /// The MOA's delay after the A22 (D-DELAIS-5).
    pub tacite: Option<Date>,
}

/// A dated event of a dossier or a contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VueEvenement {
    /// When.
    pub date: Date,
    /// What, in French.
    pub libelle: String,
}

/// A cadre de facturation as a platform lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VueCadre {
    /// `codeCadreFacturation`.
    pub code: String,
    /// The role that deposits it (`TITULAIRE`, `MOE`…; `None` for factures simples).
    pub deposant: Option<String>,
    /// Kept for older dossiers only (A11, D-CADRES-3).
    pub legacy: bool,
}

/// What a mandate has called and paid (D-MOAD-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VueFonds {
    /// Appels de fonds deposited (not rejected).
    pub appele: Decimal,
    /// Payment requests of the contract put into payment.
    pub paye: Decimal,
}

/// A user's « Mon compte » screen: its general information and its attachments (the seed's
/// demonstration 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VueCompte {
    /// Identifiant de connexion.
    pub login: String,
    /// Adresse électronique de contact.
    pub email: String,
    /// Nom.
    pub nom: String,
    /// Prénom.
    pub prenom: String,
    /// « Mes rattachements aux structures ».
    pub rattachements: Vec<VueRattachement>,
}

/// One line of « Mes rattachements aux structures ».
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VueRattachement {
    /// Identifiant Structure.
    pub siret: Siret,
    /// Raison sociale.
    pub raison_sociale: String,
    /// Rôle.
    pub role: RoleRattachement,
    /// Authorised on « Factures de travaux ».
    pub habilite_travaux: bool,
}

/// A recorded notification, as a platform reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VueNotification {
    /// The structure told.
    pub destinataire: Siret,
    /// What about.
    pub nature: NatureNotification,
    /// The piece.
    pub piece: PieceId,
    /// When.
    pub date: Date,
}

/// One page of the travaux search as a user sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRecherche {
    /// How many pieces match, over every page.
    pub total: usize,
    /// How many pages.
    pub pages: usize,
    /// This page's pieces.
    pub pieces: Vec<PieceTrouvee>,
}

/// One result of the travaux search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PieceTrouvee {
    /// The piece.
    pub id: PieceId,
    /// Its number.
    pub numero: String,
    /// Its destinataire's SIRET.
    pub destinataire: String,
}

/// What scenarios drive.
pub trait Platform: Send {
    /// A name for reports (`référence`, or the URL).
    fn nom(&self) -> String;

    /// Runs a command as `acteur` (`None` for test hooks).
    fn executer<'a>(&'a mut self, acteur: Option<&'a str>, commande: Commande) -> BoxFuture<'a, Result<Reponse, Echec>>;

    /// A piece as `acteur` sees it (`None`: as the platform holds it).
    fn consulter<'a>(&'a mut self, acteur: Option<&'a str>, piece: PieceId) -> BoxFuture<'a, Result<VuePiece, Echec>>;

    /// Every notification recorded so far.
    fn notifications(&mut self) -> BoxFuture<'_, Result<Vec<VueNotification>, Echec>>;

    /// A structure's current record.
    fn structure(&mut self, siret: Siret) -> BoxFuture<'_, Result<Structure, Echec>>;

    /// The cadres de facturation the platform lists.
    fn cadres(&mut self) -> BoxFuture<'_, Result<Vec<VueCadre>, Echec>>;

    /// The platform's current date, in the scenario's calendar.
    fn date(&mut self) -> BoxFuture<'_, Result<Date, Echec>>;

    /// The contract-level events of a contract (D-DELAIS-3: the mise en demeure).
    fn evenements_marche<'a>(&'a mut self, numero: &'a str) -> BoxFuture<'a, Result<Vec<VueEvenement>, Echec>>;

    /// What a mandate has called and paid (D-MOAD-3).
    fn fonds_mandat<'a>(&'a mut self, numero: &'a str) -> BoxFuture<'a, Result<VueFonds, Echec>>;

    /// The refusal motif codes the platform lists for travaux pieces.
    fn motifs_refus(&mut self) -> BoxFuture<'_, Result<Vec<String>, Echec>>;

    /// One page (from 1) of the travaux search made by `acteur` in a role (`None`: every piece
    /// the user sees), `taille` pieces a page, in the order of the pieces' ids.
    fn rechercher<'a>(
        &'a mut self,
        acteur: &'a str,
        role: Option<RoleRecherche>,
        page: usize,
        taille: usize,
    ) -> BoxFuture<'a, Result<PageRecherche, Echec>>;

    /// A user's account and attachments, as its « Mon compte » screen shows them.
    fn compte<'a>(&'a mut self, login: &'a str) -> BoxFuture<'a, Result<VueCompte, Echec>>;

    /// Frees the scenario's state at its end (HTTP: resets its sandbox on the server).
    fn liberer(&mut self) -> BoxFuture<'_, ()> {
        Box::pin(futures::future::ready(()))
    }

    /// The last exchanges with the implementation, kept as evidence (HTTP only).
    fn journal(&self) -> Vec<String> {
        Vec::new()
    }

    /// Every business refusal received, with its HTTP status and `codeRetour` (HTTP only).
    fn refus_recus(&self) -> Vec<RefusRecu> {
        Vec::new()
    }

    /// A read as `load` makes it: the platform must answer it, and over HTTP with the contract's
    /// envelope, but its content is not decoded (what a view says is `certify`'s business, not a
    /// load's). In process, the read itself.
    fn sonder<'a>(&'a mut self, acteur: Option<&'a str>, lecture: Lecture) -> BoxFuture<'a, Result<(), Echec>> {
        async move {
            match lecture {
                Lecture::Piece(id) => self.consulter(acteur, id).await.map(|_| ()),
                Lecture::Cadres => self.cadres().await.map(|_| ()),
                Lecture::Sante => Ok(()),
            }
        }
        .boxed()
    }
}
