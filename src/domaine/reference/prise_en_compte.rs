//! Processing a piece that waits on its recipient: « prendre en compte », download, refusal
//! (who may refuse which piece with which motif: D-REFUS-1 to 3), the DG deemed accepted
//! (D-DELAIS-6), suspension and completion (D-REFUS-6).

use super::{Issue, NatureNotification, Reference, SYSTEME};
use crate::domaine::cadre::{CadreFacturation, RoleMarche};
use crate::domaine::defaut::Defaut;
use crate::domaine::delais;
use crate::domaine::motif::{Motif, motif_de_refus};
use crate::domaine::piece::{Espace, NatureDgd, Piece, PieceId, RefusPiece, Renvoi, Suspension};
use crate::domaine::refus::{CodeRefus as R, Refus};
use crate::domaine::statut::Statut;

impl Reference {
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
        Ok(())
    }

    /// The role a user plays in refusing a piece (D-REFUS-1): the role in which the piece waits
    /// on the user's structure, or the MOA's for a projet de décompte made visible to it.
    pub(super) fn role_refusant(&self, login: &str, p: &Piece) -> Result<RoleMarche, Refus> {
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
        let motif = match motif_de_refus(motif, self.date) {
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
        let refus_piece = RefusPiece { par: role, motif: Renvoi::Motif(motif), commentaire: commentaire.into() };
        if motif.est_acheminement() {
            // D-REFUS-2: back to its depositor for recycling.
            self.transition(id, Statut::ARecycler, login, &format!("{} : {commentaire}", motif.libelle()))?;
            let piece = self.pc_mut(id);
            piece.refus = Some(refus_piece);
            piece.recipiendaire = piece.deposant;
            let deposant = piece.deposant;
            self.notifier(deposant, NatureNotification::ActionAttendue, id);
            return Ok(());
        }
        if role == RoleMarche::Titulaire && commentaire.trim().is_empty() {
            // D-DELAIS-6: a refusal without reasons counts as acceptance.
            self.dg_repute_accepte(id, "refus sans motivation : décompte général réputé accepté (D-DELAIS-6)")?;
            return Ok(());
        }
        let vers = match role {
            RoleMarche::Moe => Statut::RefuseeMoe,
            RoleMarche::Moa => Statut::RefuseeMoa,
            _ => Statut::RefuseeFournisseur,
        };
        self.transition(id, vers, login, &format!("{} : {commentaire}", motif.libelle()))?;
        self.pc_mut(id).refus = Some(refus_piece);
        let did = p.dossier;
        if role == RoleMarche::Titulaire {
            self.dossiers[did.0 as usize].dg_conteste = true;
            self.evenement_dossier(did, format!("décompte général refusé par le titulaire : {commentaire}"));
        } else if p.cadre == CadreFacturation::A22 {
            self.evenement_dossier(
                did,
                format!(
                    "A22 refusée par la maîtrise d'ouvrage : le délai de {} n'est pas interrompu (fait §2.3)",
                    delais::jours(delais::TACITE)
                ),
            );
        } else {
            self.evenement_dossier(did, "pièce refusée pour autre motif : le circuit s'arrête".into());
        }
        let deposant = p.deposant;
        self.notifier(deposant, NatureNotification::ActionAttendue, id);
        Ok(())
    }

    /// D-DELAIS-6: the DG becomes the DGD and goes to the payer's « Factures reçues ».
    pub(super) fn dg_repute_accepte(&mut self, id: PieceId, commentaire: &str) -> Issue {
        let p = self.pc(id);
        let payeur = self.annuaire.chercher(p.destinataire).unwrap_or(p.recipiendaire);
        self.transition(id, Statut::MiseADisposition, SYSTEME, commentaire)?;
        let date = self.date;
        let piece = self.pc_mut(id);
        piece.recipiendaire = payeur;
        piece.espace = Espace::FacturesRecues;
        piece.mise_a_disposition = date;
        piece.debut_delai_paiement = Some(date);
        let did = piece.dossier;
        self.dossiers[did.0 as usize].dgd = Some(NatureDgd::ReputeAccepte);
        self.evenement_dossier(did, commentaire.to_string());
        self.notifier(payeur, NatureNotification::ActionAttendue, id);
        Ok(())
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
        self.transition(id, Statut::Suspendue, login, commentaire)?;
        let date = self.date;
        let piece = self.pc_mut(id);
        piece.statut_avant = Some(avant);
        if piece.espace == Espace::FacturesRecues {
            piece.suspensions.push(Suspension { le: date, completee_le: None });
        }
        let deposant = piece.deposant;
        self.notifier(deposant, NatureNotification::ActionAttendue, id);
        Ok(())
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
        self.transition(id, Statut::Completee, login, commentaire)?;
        self.transition(id, avant, login, "reprise après complément")?;
        let date = self.date;
        let piece = self.pc_mut(id);
        if let Some(s) = piece.suspensions.last_mut()
            && s.completee_le.is_none()
        {
            s.completee_le = Some(date);
        }
        let r = piece.recipiendaire;
        self.notifier(r, NatureNotification::ActionAttendue, id);
        Ok(())
    }
}
