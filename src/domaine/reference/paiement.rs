//! The payment chain in « Factures reçues » (D-PAIEMENT-1): service fait, mandatement, mise en
//! paiement (with the MOAD's credits, D-MOAD-3), rejection; and each payment request's deadline
//! and late-payment interest (D-DELAIS-7).

use super::{Issue, NatureNotification, Reference};
use crate::domaine::calendrier::Date;
use crate::domaine::defaut::Defaut;
use crate::domaine::marche::ModeFinancement;
use crate::domaine::paiement::{Retard, TableTaux, echeance_paiement, interets_moratoires, jours_restants_suspendu};
use crate::domaine::piece::{Espace, PieceId};
use crate::domaine::refus::{CodeRefus as R, Refus};
use crate::domaine::statut::Statut;
use rust_decimal::Decimal;

impl Reference {
    fn action_payeur(&mut self, login: &str, id: PieceId, vers: Statut, commentaire: &str) -> Issue {
        self.structure_recipiendaire(login, id)?;
        let p = self.pc(id);
        if p.espace != Espace::FacturesRecues {
            return Err(Refus::new(R::StatutIncompatible, "cette pièce n'est pas une demande de paiement dans « Factures reçues »"));
        }
        self.verifier_dossier_ouvert(p)?;
        // The fault skips the chain: mandated or put into payment straight from the request.
        if self.defaut == Some(Defaut::ChainePaiementSautee) && p.statut.attend_paiement() {
            let date = self.date;
            super::changer_statut(self.pc_mut(id), vers, date, login, commentaire);
            return Ok(());
        }
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
            let montant = p.montant_payable();
            if paye + montant > appele {
                return Err(Refus::new(
                    R::CreditsNonAppeles,
                    format!("le mandant avance les crédits : appelez {} € auprès du mandant avant de payer", paye + montant - appele),
                ));
            }
        }
        self.action_payeur(login, id, Statut::MiseEnPaiement, "mise en paiement")?;
        let date = self.date;
        self.pc_mut(id).date_mise_en_paiement = Some(date);
        // D-NOTIF-1 and D-PAIEMENT-2: the titulaire is not told when the payer hides the status.
        let p = self.pc(id);
        let cache = self.annuaire.get(p.recipiendaire).parametres.statut_mise_en_paiement_nest_pas_remonte
            && self.defaut != Some(Defaut::MiseEnPaiementVisible);
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
            self.notifier(c, NatureNotification::MiseEnPaiement, id);
        }
        Ok(())
    }

    /// `REJETEE` with a motif: for a travaux piece the dossier is frozen (D-PAIEMENT-1).
    pub fn rejeter(&mut self, login: &str, id: PieceId, motif: &str) -> Issue {
        self.action_payeur(login, id, Statut::Rejetee, motif)?;
        let p = self.pc(id);
        let (did, deposant) = (p.dossier, p.deposant);
        self.evenement_dossier(did, format!("demande de paiement rejetée : {motif}"));
        self.notifier(deposant, NatureNotification::ActionAttendue, id);
        Ok(())
    }

    /// The last day of a payment request's period, if it is one and not suspended (D-DELAIS-7).
    pub fn echeance_paiement(&self, id: PieceId) -> Option<Date> {
        let p = self.piece(id)?;
        let debut = p.debut_delai_paiement?;
        let jours = self.annuaire.get(p.recipiendaire).categorie.delai_global_paiement();
        echeance_paiement(debut, jours, &p.suspensions)
    }

    /// While a payment request's first suspension is not completed, the days of its period that
    /// remain (D-DELAIS-7).
    pub fn jours_restants_suspendu(&self, id: PieceId) -> Option<u32> {
        let p = self.piece(id)?;
        let debut = p.debut_delai_paiement?;
        let jours = self.annuaire.get(p.recipiendaire).categorie.delai_global_paiement();
        jours_restants_suspendu(debut, jours, &p.suspensions)
    }

    /// The late-payment interest a payment request owes (D-DELAIS-7): `None` when not paid yet or
    /// paid on time.
    pub fn interets(&self, id: PieceId, table: &TableTaux) -> Option<Retard> {
        let p = self.piece(id)?;
        let (Some(mep), Some(ech)) = (p.date_mise_en_paiement, self.echeance_paiement(id)) else { return None };
        // D-DELAIS-7: on the amount paid late.
        let base = if self.defaut == Some(Defaut::BaseInteretsHt) { p.montants.ht } else { p.montant_payable() };
        let r = interets_moratoires(base, ech, mep, table)?;
        Some(match self.defaut {
            Some(Defaut::TauxSansMajoration) => r.recalcule(r.taux_bce, r.jours),
            Some(Defaut::RetardJourDeTrop) => r.recalcule(r.taux_applique, r.jours + 1),
            Some(Defaut::IndemniteOubliee) => Retard { indemnite: Decimal::ZERO, ..r },
            _ => r,
        })
    }
}
