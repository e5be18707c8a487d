//! Consultation and visibility: who takes part in a dossier and sees its pieces
//! (D-UTILISATEURS-2), the status each party sees (D-PAIEMENT-2), who holds a piece and may act on
//! it, and the dossier's own state (D-STATUTS-4).

use super::{Reference, non_trouvee};
use crate::domaine::cadre::CadreFacturation;
use crate::domaine::defaut::Defaut;
use crate::domaine::piece::{DossierId, Espace, EtatDossier, Piece, PieceId};
use crate::domaine::refus::{CodeRefus as R, Refus};
use crate::domaine::statut::Statut;
use crate::domaine::structure::StructureId;
use crate::domaine::utilisateur::RoleRattachement;

impl Reference {
    /// The structures of a piece's dossier (D-UTILISATEURS-3): each structure that deposited one
    /// of its pieces, or to which one of them is addressed or must be handled (its recipient, the
    /// MOE and MOA recorded on it, its payer), plus the titulaire of a sous-traitant's dossier (it
    /// validates the A10). Being a party of the contract is not enough: a cotraitant sees its own
    /// dossiers, not the titulaire's.
    fn parties(&self, piece: &Piece) -> Vec<StructureId> {
        let dossier = self.dossier(piece.dossier);
        let mut ids: Vec<StructureId> = Vec::with_capacity(dossier.pieces.len() * 4 + 1);
        let mut sirets = Vec::new();
        for p in dossier.pieces.iter().map(|id| self.pc(*id)) {
            ids.extend([p.deposant, p.recipiendaire]);
            ids.extend(p.recipiendaire_suivant);
            sirets.push(p.destinataire);
            sirets.extend(p.moe);
            sirets.extend(p.moa);
            if p.cadre == CadreFacturation::A10
                && let Some(m) = p.marche.as_deref().and_then(|n| self.marche(n))
            {
                sirets.push(m.titulaire.siret);
            }
        }
        ids.extend(sirets.into_iter().filter_map(|s| self.annuaire.chercher(s)));
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

    /// The pieces a user sees in one role of the travaux search (`roleUtilisateur`,
    /// api-chorus-pro.md): those where one of the user's structures is the depositor
    /// (fournisseur), the MOE, the MOA, the destinataire, or the structure the piece waits on
    /// (valideur); `None`: every piece the user sees (D-UTILISATEURS-3).
    pub fn rechercher_en_tant_que(&self, login: &str, role: Option<RoleRecherche>) -> Result<Vec<&Piece>, Refus> {
        let u = self.acteur(login)?;
        let a_moi = |s: Option<StructureId>| s.is_some_and(|s| u.rattachement(s).is_some());
        let structure = |s: Option<crate::domaine::siret::Siret>| s.and_then(|s| self.annuaire.chercher(s));
        Ok(self
            .rechercher(login)?
            .into_iter()
            .filter(|x| match role {
                None => true,
                Some(RoleRecherche::Fournisseur) => a_moi(Some(x.deposant)),
                Some(RoleRecherche::Moe) => a_moi(structure(x.moe)),
                Some(RoleRecherche::Moa) => a_moi(structure(x.moa)),
                Some(RoleRecherche::Destinataire) => a_moi(structure(Some(x.destinataire))),
                Some(RoleRecherche::Valideur) => a_moi(Some(x.recipiendaire)),
            })
            .collect())
    }

    /// The status a user sees (D-PAIEMENT-2): through the first of its structures that takes
    /// part in the piece; the piece's own status when none does.
    pub fn statut_vu_par_utilisateur(&self, piece: &Piece, login: &str) -> Statut {
        self.utilisateur(login)
            .and_then(|u| u.rattachements.iter().map(|a| a.structure).find(|s| self.visible_par(piece, *s)))
            .map_or(piece.statut, |s| self.statut_vu_par(piece, s))
    }

    /// The status a structure sees: `MISE_EN_PAIEMENT` is hidden from everyone but the payer when
    /// the payer's structure sets `statutMiseEnPaiementNestPasRemonte` (D-PAIEMENT-2).
    pub fn statut_vu_par(&self, piece: &Piece, structure: StructureId) -> Statut {
        if piece.statut == Statut::MiseEnPaiement
            && structure != piece.recipiendaire
            && self.annuaire.get(piece.recipiendaire).parametres.statut_mise_en_paiement_nest_pas_remonte
            && self.defaut != Some(Defaut::MiseEnPaiementVisible)
        {
            return Statut::Mandatee;
        }
        piece.statut
    }

    /// The user's structure that holds a piece (its recipient), with the travaux authorisation
    /// for travaux pieces. A user who cannot see the piece learns nothing of it.
    pub(super) fn structure_recipiendaire(&self, login: &str, id: PieceId) -> Result<(StructureId, RoleRattachement), Refus> {
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

    pub(super) fn verifier_dossier_ouvert(&self, p: &Piece) -> Result<(), Refus> {
        if self.etat_dossier(p.dossier) == EtatDossier::Refuse
            && !matches!(self.defaut, Some(Defaut::CircuitRefuseOuvert | Defaut::DossierFigeTraite))
        {
            return Err(Refus::new(R::DossierFige, "le dossier de facturation est figé par un refus"));
        }
        Ok(())
    }

    /// The dossier's own state (D-STATUTS-4).
    pub fn etat_dossier(&self, id: DossierId) -> EtatDossier {
        let d = self.dossier(id);
        let pieces: Vec<&Piece> = d.pieces.iter().map(|p| self.pc(*p)).collect();
        // D-STATUTS-4: while one of its pieces is suspended the dossier is « suspendu », whatever
        // else holds (the payer's suspension is what a user must act on).
        if pieces.iter().any(|p| p.statut == Statut::Suspendue) {
            return EtatDossier::Suspendu;
        }
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
        EtatDossier::EnCours
    }
}

/// The role a user searches in (`roleUtilisateur` of the travaux search).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleRecherche {
    /// The depositor's structures.
    Fournisseur,
    /// The MOE's.
    Moe,
    /// The MOA's.
    Moa,
    /// The destinataire's.
    Destinataire,
    /// The structure the piece waits on (`VALIDEUR`, `VALIDATEUR`).
    Valideur,
}

impl RoleRecherche {
    /// Reads the API's code.
    pub fn parse(code: &str) -> Option<RoleRecherche> {
        match code.to_ascii_uppercase().as_str() {
            "FOURNISSEUR" => Some(RoleRecherche::Fournisseur),
            "MOE" => Some(RoleRecherche::Moe),
            "MOA" => Some(RoleRecherche::Moa),
            "DESTINATAIRE" => Some(RoleRecherche::Destinataire),
            "VALIDEUR" | "VALIDATEUR" => Some(RoleRecherche::Valideur),
            _ => None,
        }
    }

    /// The API's code.
    pub fn code(self) -> &'static str {
        match self {
            RoleRecherche::Fournisseur => "FOURNISSEUR",
            RoleRecherche::Moe => "MOE",
            RoleRecherche::Moa => "MOA",
            RoleRecherche::Destinataire => "DESTINATAIRE",
            RoleRecherche::Valideur => "VALIDEUR",
        }
    }
}
