//! The titulaire's answers that are not refusals: its verdict on a sous-traitant's A10
//! (D-SOUSTRAITANCE-1), and the contestation of an amount correction (D-MONTANTS-2).

use super::{Issue, NatureNotification, Reference, SYSTEME};
use crate::domaine::cadre::RoleMarche;
use crate::domaine::calendrier::echeance_calendaire;
use crate::domaine::delais;
use crate::domaine::motif::Motif;
use crate::domaine::piece::{Espace, PieceId, RefusPiece, Renvoi};
use crate::domaine::refus::{CodeRefus as R, Refus};
use crate::domaine::statut::Statut;
use rust_decimal::Decimal;

impl Reference {
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
        self.transition(
            id,
            Statut::Validee1,
            login,
            if partiel { "acceptée partiellement par le titulaire" } else { "acceptée par le titulaire" },
        )?;
        self.pc_mut(id).montant_accepte = Some(accepte);
        self.transmettre_sous_traitance(id)
    }

    /// The titulaire refuses a sous-traitant's A10: the circuit stops (D-SOUSTRAITANCE-1).
    pub fn refuser_sous_traitance(&mut self, login: &str, id: PieceId, commentaire: &str) -> Issue {
        self.structure_recipiendaire(login, id)?;
        self.transition(id, Statut::Refusee1, login, commentaire)?;
        let p = self.pc_mut(id);
        p.refus = Some(RefusPiece { par: RoleMarche::Titulaire, motif: Renvoi::Motif(Motif::Autre), commentaire: commentaire.into() });
        let (did, deposant) = (p.dossier, p.deposant);
        self.evenement_dossier(did, "demande de paiement du sous-traitant refusée par le titulaire".into());
        self.notifier(deposant, NatureNotification::ActionAttendue, id);
        Ok(())
    }

    /// Where an A10 goes once the titulaire has answered: the MOE, else the MOA, else the payer's
    /// « Factures reçues » (D-SOUSTRAITANCE-1, D-CHAINE-4).
    pub(super) fn suite_a10(&self, marche: Option<&str>) -> (Statut, Espace) {
        let m = marche.and_then(|n| self.marche(n));
        if m.is_some_and(|m| m.moe_presente()) {
            (Statut::MiseADispositionMoe, Espace::FacturesTravaux)
        } else if m.is_none_or(|m| m.moa_presente()) {
            (Statut::MiseADispositionMoa, Espace::FacturesTravaux)
        } else {
            (Statut::MiseADisposition, Espace::FacturesRecues)
        }
    }

    /// After the titulaire's answer (or silence), the A10 goes on, and its payment period starts
    /// (D-SOUSTRAITANCE-1, D-DELAIS-7).
    pub(super) fn transmettre_sous_traitance(&mut self, id: PieceId) -> Issue {
        let date = self.date;
        let p = self.pc(id);
        let suivant = p.recipiendaire_suivant.unwrap_or(p.recipiendaire);
        let (vers, espace) = self.suite_a10(p.marche.as_deref());
        self.transition(id, vers, SYSTEME, "transmise après l'avis du titulaire")?;
        let piece = self.pc_mut(id);
        piece.recipiendaire = suivant;
        piece.mise_a_disposition = date;
        piece.espace = espace;
        if espace == Espace::FacturesRecues {
            piece.debut_delai_paiement = Some(date);
        }
        let did = piece.dossier;
        self.dossiers[did.0 as usize].debut_delai_paiement = Some(date);
        self.notifier(suivant, NatureNotification::ActionAttendue, id);
        Ok(())
    }

    /// The titulaire contests the amount correction a piece carries, within its delay
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
                format!(
                    "le délai de {} pour contester la correction a expiré : elle est réputée acceptée",
                    delais::jours(delais::CONTESTATION)
                ),
            ));
        }
        self.pc_mut(id).ecart_conteste = true;
        self.evenement_dossier(p.dossier, format!("correction de montant contestée par le titulaire : {motif}"));
        Ok(())
    }
}
