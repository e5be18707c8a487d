//! Pieces, their append-only history, and dossiers de facturation (D-CHAINE, D-STATUTS).

use super::cadre::{CadreFacturation, RoleMarche, SUIVIS_CHEZ_LE_PAYEUR};
use super::calendrier::Date;
use super::montant::{Ecart, Montants};
use super::motif::Motif;
use super::siret::Siret;
use super::statut::Statut;
use super::structure::StructureId;
use rust_decimal::Decimal;
use std::fmt;

/// `idFactureTravaux`: the piece's identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PieceId(pub u32);

impl fmt::Display for PieceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Identifier of a dossier de facturation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DossierId(pub u32);

/// The space in which a piece waits (fact base §4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Espace {
    /// « Factures de travaux »: pieces between titulaire, MOE and MOA.
    FacturesTravaux,
    /// « Factures reçues »: payment requests and factures simples.
    FacturesRecues,
}

impl Espace {
    /// The portal's name.
    pub fn libelle(self) -> &'static str {
        match self {
            Espace::FacturesTravaux => "Factures de travaux",
            Espace::FacturesRecues => "Factures reçues",
        }
    }

    /// Parses the portal's name.
    pub fn parse(texte: &str) -> Option<Espace> {
        let t = texte.trim().to_lowercase().replace('ç', "c");
        match t.as_str() {
            "factures de travaux" => Some(Espace::FacturesTravaux),
            "factures recues" => Some(Espace::FacturesRecues),
            _ => None,
        }
    }
}

/// One line of a piece's history (D-STATUTS-3, `histoStatut`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntreeHistorique {
    /// The status entered.
    pub statut: Statut,
    /// The date of the virtual calendar.
    pub date: Date,
    /// The acting user's login, or `Chorus Pro` for deadline effects.
    pub utilisateur: String,
    /// Comment.
    pub commentaire: String,
}

/// Why a piece was sent back by someone else than its depositor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renvoi {
    /// A refusal with its motif (D-REFUS-2).
    Motif(Motif),
    /// The receiver of the next piece asked for this one to be recycled (D-REFUS-5).
    DemandeRecyclage,
}

impl Renvoi {
    /// Whether the depositor may change the MOE (`Moe`) or the MOA (`Moa`) in the recycling
    /// that follows (D-REFUS-4, D-REFUS-5).
    pub fn permet_de_changer(self, champ: Motif) -> bool {
        self == Renvoi::DemandeRecyclage || self == Renvoi::Motif(champ)
    }
}

/// A refusal recorded on a piece.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusPiece {
    /// Who refused.
    pub par: RoleMarche,
    /// Why.
    pub motif: Renvoi,
    /// The refusing user's comment.
    pub commentaire: String,
}

/// Réserves returned with a signed DG (D-DELAIS-6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reserves {
    /// The motifs.
    pub motifs: String,
    /// The amount claimed, if stated.
    pub montant_reclame: Option<Decimal>,
}

impl Reserves {
    /// D-DELAIS-6: réserves without an amount count as acceptance.
    pub fn contestent(&self) -> bool {
        self.montant_reclame.is_some_and(|m| !m.is_zero())
    }
}

/// A suspension of a payment request (D-DELAIS-7: only the first one interrupts the period).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suspension {
    /// Day of the suspension.
    pub le: Date,
    /// Day of the completion, once completed.
    pub completee_le: Option<Date>,
}

/// A piece of a dossier de facturation, or a facture simple.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// `idFactureTravaux`.
    pub id: PieceId,
    /// `numeroFactureTravaux`, kept through recycling (D-REFUS-4).
    pub numero: String,
    /// The cadre.
    pub cadre: CadreFacturation,
    /// The dossier.
    pub dossier: DossierId,
    /// The contract number, for travaux pieces and appels de fonds.
    pub marche: Option<String>,
    /// The depositing structure.
    pub deposant: StructureId,
    /// The role its depositor played.
    pub role_deposant: Option<RoleMarche>,
    /// The depositing user's login.
    pub depose_par: String,
    /// `dateDepot`.
    pub date_depot: Date,
    /// `identifiantDestinataire`: the payer.
    pub destinataire: Siret,
    /// `codeServiceExecutant`.
    pub code_service: Option<String>,
    /// `numeroBonCommande`.
    pub numero_engagement: Option<String>,
    /// The MOE named on the piece.
    pub moe: Option<Siret>,
    /// The MOA named on the piece.
    pub moa: Option<Siret>,
    /// The amounts the depositor states.
    pub montants: Montants,
    /// Difference with the previous piece (D-MONTANTS-2).
    pub ecart: Option<Ecart>,
    /// `idPiecePrecedente`.
    pub precedente: Option<PieceId>,
    /// `idPieceSuivante`.
    pub suivante: Option<PieceId>,
    /// The structure the piece waits on.
    pub recipiendaire: StructureId,
    /// The structure that receives it after a sous-traitant's validation (A10: the MOE).
    pub recipiendaire_suivant: Option<StructureId>,
    /// The space it waits in.
    pub espace: Espace,
    /// Current status.
    pub statut: Statut,
    /// When it was last made available to its recipient.
    pub mise_a_disposition: Date,
    /// Full history, append-only (D-STATUTS-3).
    pub historique: Vec<EntreeHistorique>,
    /// The last refusal, if any.
    pub refus: Option<RefusPiece>,
    /// The status before a suspension or a recycling request.
    pub statut_avant: Option<Statut>,
    /// Suspensions in « Factures reçues ».
    pub suspensions: Vec<Suspension>,
    /// `factureTelechargeeParDestinataire` (D-STATUTS-2).
    pub telechargee: bool,
    /// Amount accepted by the titulaire on an A10 (D-SOUSTRAITANCE-1).
    pub montant_accepte: Option<Decimal>,
    /// Réserves on a signed DG.
    pub reserves: Option<Reserves>,
    /// Start of the délai global de paiement, once the piece is a payment request (D-DELAIS-7).
    pub debut_delai_paiement: Option<Date>,
    /// `MISE_EN_PAIEMENT` date.
    pub date_mise_en_paiement: Option<Date>,
    /// Whether this facture simple is a MOAD's appel de fonds (D-MOAD-3).
    pub appel_de_fonds: bool,
    /// The depositor's service it leaves from (`codeServiceFournisseur`, D-MOAD-3).
    pub service_deposant: Option<String>,
    /// Whether the titulaire contested the amount correction this piece carries (D-MONTANTS-2).
    pub ecart_conteste: bool,
    /// Whether the correction was deemed accepted after 30 days.
    pub ecart_accepte: bool,
}

impl Piece {
    /// The portal label of the current status, completed with who refused and why for
    /// routing-error refusals (fact base §3.1).
    pub fn libelle_portail(&self) -> String {
        match (&self.statut, &self.refus) {
            (Statut::ARecycler, Some(r)) if r.motif != Renvoi::DemandeRecyclage => {
                let par = match r.par {
                    RoleMarche::Moe => "LA MOE",
                    RoleMarche::Moa => "LA MOA",
                    _ => "LE DESTINATAIRE",
                };
                format!("REFUSÉE PAR {par} POUR ERREUR DANS LES DONNÉES D'ACHEMINEMENT")
            }
            (s, _) => s.libelle_portail().to_string(),
        }
    }

    /// D-CHAINE-4: a piece the payer received for want of an MOA (A5, A15, A17, A22), not yet put
    /// into payment, still waits for its next piece of the chain.
    pub fn attend_suite_chez_le_payeur(&self) -> bool {
        self.espace == Espace::FacturesRecues && self.statut.attend_paiement() && SUIVIS_CHEZ_LE_PAYEUR.contains(&self.cadre)
    }

    /// What the payer pays on this request: the amount the titulaire accepted of an A10
    /// (D-SOUSTRAITANCE-1); for a DG signed with réserves that claim an amount, only the
    /// undisputed sums, the montant à payer less the amount claimed (D-DELAIS-6; hypothèse
    /// H-SOMMES-NON-CONTESTEES); else the montant à payer.
    pub fn montant_payable(&self) -> Decimal {
        if let Some(m) = self.montant_accepte {
            return m;
        }
        match &self.reserves {
            Some(r) if r.contestent() => (self.montants.a_payer - r.montant_reclame.unwrap_or_default()).max(Decimal::ZERO),
            _ => self.montants.a_payer,
        }
    }

    /// Whether this piece waits in the payer's « Factures reçues » as a payment request.
    pub fn est_demande_paiement(&self) -> bool {
        self.espace == Espace::FacturesRecues
    }
}

/// How a DGD arose (D-STATUTS-4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NatureDgd {
    /// Signed by the titulaire without réserves (A8).
    Signe,
    /// Deemed accepted: no answer within 30 days, or réserves without amount (D-DELAIS-6).
    ReputeAccepte,
    /// Tacit (A23 / A24 / A25).
    Tacite,
}

/// A dossier's own state, derived from its pieces and deadlines (D-STATUTS-4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EtatDossier {
    /// Work in progress.
    EnCours,
    /// A piece is suspended.
    Suspendu,
    /// Refused for another motif or rejected: the dossier is frozen.
    Refuse,
    /// The titulaire contests the DG (réserves with an amount, or refusal).
    DgConteste,
    /// The DGD exists.
    Dgd(NatureDgd),
    /// The payment request reached « mise en paiement ».
    Paye,
}

impl EtatDossier {
    /// French label.
    pub fn libelle(self) -> &'static str {
        match self {
            EtatDossier::EnCours => "en cours",
            EtatDossier::Suspendu => "suspendu",
            EtatDossier::Refuse => "refusé",
            EtatDossier::DgConteste => "DG contesté",
            EtatDossier::Dgd(NatureDgd::Signe) => "DGD signé",
            EtatDossier::Dgd(NatureDgd::ReputeAccepte) => "DGD réputé accepté",
            EtatDossier::Dgd(NatureDgd::Tacite) => "DGD tacite",
            EtatDossier::Paye => "payé",
        }
    }
}

/// An event in a dossier's life that is not a piece's status (D-MONTANTS-2, D-DELAIS-3/6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvenementDossier {
    /// Date.
    pub date: Date,
    /// French description.
    pub libelle: String,
}

/// A dossier de facturation: the chain of pieces of one payment (fact base §0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dossier {
    /// Identifier.
    pub id: DossierId,
    /// The contract, for travaux dossiers.
    pub marche: Option<String>,
    /// Its pieces, in deposit order.
    pub pieces: Vec<PieceId>,
    /// Dossier events.
    pub evenements: Vec<EvenementDossier>,
    /// Start of the payment period of an acompte (D-DELAIS-7).
    pub debut_delai_paiement: Option<Date>,
    /// How the DGD arose, once it exists.
    pub dgd: Option<NatureDgd>,
    /// Whether the titulaire contests the DG.
    pub dg_conteste: bool,
}
