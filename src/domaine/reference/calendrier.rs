//! The calendar: moving the date, and the deadlines that expire when it moves (D-DELAIS-1 to 6,
//! D-SOUSTRAITANCE-1, D-MONTANTS-2), with the deadlines of a dossier as routing needs them.

use super::{Issue, NatureNotification, Reference, SYSTEME};
use crate::domaine::cadre::CadreFacturation;
use crate::domaine::calendrier::{Date, echeance_calendaire};
use crate::domaine::defaut::Defaut;
use crate::domaine::delais;
use crate::domaine::piece::{DossierId, EvenementDossier, Piece, PieceId};
use crate::domaine::refus::{CodeRefus as R, Refus};
use crate::domaine::routage::ContexteDelais;
use crate::domaine::statut::Statut;

impl Reference {
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

    /// The last day of the MOE's delay on a projet de décompte mensuel that waits on it
    /// (D-DELAIS-2).
    pub fn echeance_moe(&self, id: PieceId) -> Option<Date> {
        let p = self.piece(id)?;
        (p.cadre.est_projet_mensuel() && matches!(p.statut, Statut::MiseADispositionMoe | Statut::PriseEnCompteMoe))
            .then(|| self.echeance(p.mise_a_disposition, delais::MOE))
    }

    /// Moves the calendar forward by `jours` days, applying every deadline that expires
    /// (D-DELAIS-1bis bounds the move).
    pub fn avancer(&mut self, jours: u64) -> Issue {
        let cible = i64::try_from(jours).ok().and_then(|j| self.date.plus_jours_verifie(j)).ok_or_else(|| self.hors_limites())?;
        self.fixer_date(cible)
    }

    /// Moves the calendar to `date`, applying every deadline that expires on the way, day by day
    /// (D-DELAIS-1bis): never backwards (a scenario mistake, refused with a clear message), and at
    /// most [`delais::HORIZON_ANNEES`] years after the scenario's start. The first date set on a
    /// platform where nothing happened yet is the scenario's start, in either direction.
    pub fn fixer_date(&mut self, date: Date) -> Issue {
        let vierge = !self.calendrier_fixe && self.pieces.is_empty();
        if vierge {
            self.debut = date;
        } else if date < self.date {
            return Err(Refus::new(
                R::DateAnterieure,
                format!(
                    "le calendrier ne recule jamais : nous sommes déjà le {}, le {} est passé (D-DELAIS-1bis)",
                    self.date.en_francais(),
                    date.en_francais()
                ),
            ));
        }
        if date > self.limite_calendrier() {
            return Err(self.hors_limites());
        }
        self.calendrier_fixe = true;
        if self.pieces.is_empty() {
            // No piece, no piece deadline: jump (contract deadlines are dated from their own
            // expiry, not from today).
            self.date = date;
            self.appliquer_echeances_marches();
            return Ok(());
        }
        // From one deadline to the next: the walk costs the number of deadlines met, not the
        // number of days (a century with nothing due is one step). Each step lands on the first
        // day some effect applies, exactly as a day-by-day walk would meet it (property-tested).
        while self.date < date {
            self.date = self.prochain_effet().filter(|d| *d < date).unwrap_or(date);
            self.appliquer_echeances();
        }
        Ok(())
    }

    /// The first day after today on which a deadline's effect applies (the day after its last
    /// day), if any: the effects of [`Reference::appliquer_echeances`], in the same terms.
    fn prochain_effet(&self) -> Option<Date> {
        let today = self.date;
        let mut premier: Option<Date> = None;
        let mut noter = |d: Date| {
            if d > today && premier.is_none_or(|p| d < p) {
                premier = Some(d);
            }
        };
        for p in &self.pieces {
            let effet = |jours| self.echeance(p.mise_a_disposition, jours).lendemain();
            if p.cadre.est_projet_mensuel() && matches!(p.statut, Statut::MiseADispositionMoe | Statut::PriseEnCompteMoe) {
                noter(effet(delais::MOE));
            }
            if p.statut == Statut::AValider1 {
                noter(effet(delais::SOUS_TRAITANCE));
            }
            if p.cadre.est_decompte_general() && p.statut == Statut::MiseADispositionFournisseur {
                noter(effet(delais::SIGNATURE));
            }
            if p.ecart.is_some() && !p.ecart_conteste && !p.ecart_accepte {
                noter(echeance_calendaire(p.date_depot, delais::CONTESTATION).lendemain());
            }
        }
        for m in &self.marches {
            if let Some(reception) = m.dates.reception
                && !self.evenements_marches.iter().any(|(n, _)| *n == m.numero)
            {
                noter(self.echeance(reception, delais::DECOMPTE_FINAL).lendemain());
            }
        }
        premier
    }

    /// The last date the scenario's calendar may reach (D-DELAIS-1bis).
    fn limite_calendrier(&self) -> Date {
        let (a, m, j) = self.debut.civil();
        let annee = a.saturating_add(delais::HORIZON_ANNEES as i32).min(*Date::ANNEES.end());
        // 29 February of a leap year may have no counterpart: the day before.
        Date::ymd(annee, m, j).or_else(|| Date::ymd(annee, m, j - 1)).unwrap_or(self.debut)
    }

    fn hors_limites(&self) -> Refus {
        Refus::new(
            R::DateHorsLimites,
            format!(
                "le calendrier d'un scénario ne va pas au-delà du {} ({} ans après son début, le {}) (D-DELAIS-1bis)",
                self.limite_calendrier().en_francais(),
                delais::HORIZON_ANNEES,
                self.debut.en_francais()
            ),
        )
    }

    /// D-DELAIS-3 (CCAG-Travaux 2021 art. 12.3.2): past the delay after the réception with no
    /// projet de décompte final, the MOE may put the titulaire on notice and draw it up itself.
    /// Recorded once per contract, dated the day after the deadline. Only the contracts whose
    /// deadline passed are looked at: they come first in [`Reference::marches_en_attente`], and
    /// each is settled once (a projet de décompte final sent in time, or the notice recorded).
    fn appliquer_echeances_marches(&mut self) {
        let today = self.date;
        while let Some(&(reception, i)) = self.marches_en_attente.first() {
            let limite = self.echeance(reception, delais::DECOMPTE_FINAL);
            if limite >= today {
                break;
            }
            self.marches_en_attente.remove(&(reception, i));
            let numero = self.marches[i].numero.clone();
            if self.premiers_projets_finaux.get(&numero).is_some_and(|d| *d <= limite) {
                continue;
            }
            let libelle = format!(
                "projet de décompte final non transmis dans les {} de la réception ({}) : la maîtrise d'œuvre peut mettre le titulaire en demeure ({}) puis l'établir elle-même",
                delais::jours(delais::DECOMPTE_FINAL),
                limite.en_francais(),
                delais::jours(delais::MISE_EN_DEMEURE),
            );
            self.evenements_marches.push((numero, EvenementDossier { date: limite.lendemain(), libelle }));
        }
    }

    /// Contract-level events (D-DELAIS-3).
    pub fn evenements_marche(&self, numero: &str) -> Vec<&EvenementDossier> {
        self.evenements_marches.iter().filter(|(n, _)| n == numero).map(|(_, e)| e).collect()
    }

    /// Deadline effects on the current day: the day after a deadline's last day. An effect that
    /// the transition table no longer allows is skipped: the deadline passed unnoticed by nobody
    /// (the piece moved on before it expired).
    ///
    /// Only the pieces of [`Reference::sous_echeance`] are looked at, in the order of their ids
    /// (as a walk over every piece would meet them); a piece no deadline can reach any more leaves
    /// it, and comes back with its next status change.
    fn appliquer_echeances(&mut self) {
        let today = self.date;
        self.appliquer_echeances_marches();
        let mut suivante = self.sous_echeance.first().copied();
        while let Some(n) = suivante {
            suivante = self.sous_echeance.range(n + 1..).next().copied();
            let i = n as usize - 1;
            self.echeance_de_la_piece(i, today);
            if !sous_echeance(&self.pieces[i]) {
                self.sous_echeance.remove(&n);
            }
        }
    }

    /// The deadlines of one piece, on `today`.
    fn echeance_de_la_piece(&mut self, i: usize, today: Date) {
        let p = &self.pieces[i];
        let id = p.id;
        let expire = |jours| self.echeance(p.mise_a_disposition, jours) < today;
        // D-DELAIS-2: the MOE's delay on a projet de décompte mensuel.
        if p.cadre.est_projet_mensuel()
            && matches!(p.statut, Statut::MiseADispositionMoe | Statut::PriseEnCompteMoe)
            && expire(delais::MOE)
            && self.defaut != Some(Defaut::DelaiMoeIgnore)
        {
            let libelle = format!("délai de {} de la MOE expiré", delais::jours(delais::MOE));
            let _ = self.transition(id, Statut::AbsenceValidationMoeDelaiReglementaire, SYSTEME, &libelle);
            let moa = self.pieces[i].moa.and_then(|s| self.annuaire.chercher(s));
            if let Some(moa) = moa {
                self.notifier(moa, NatureNotification::ActionAttendue, id);
            }
            return;
        }
        // D-SOUSTRAITANCE-1: the titulaire's silence on an A10, deemed accepted today, the day
        // after its last day; D-DELAIS-7: its payment period starts today.
        let silence =
            if self.defaut == Some(Defaut::SilenceSousTraitanceDouble) { 2 * delais::SOUS_TRAITANCE } else { delais::SOUS_TRAITANCE };
        if p.statut == Statut::AValider1 && expire(silence) {
            let libelle = format!("absence de réponse du titulaire en {} : réputée acceptée", delais::jours(delais::SOUS_TRAITANCE));
            let _ = self.transition(id, Statut::AbsenceValidation1HorsDelai, SYSTEME, &libelle);
            let _ = self.transmettre_sous_traitance(id);
            return;
        }
        // D-DELAIS-6: no A8 nor refusal within the delay, the DG is deemed accepted.
        if p.cadre.est_decompte_general() && p.statut == Statut::MiseADispositionFournisseur && expire(delais::SIGNATURE) {
            let libelle = format!(
                "délai de {} expiré sans retour du titulaire : décompte général réputé accepté (D-DELAIS-6)",
                delais::jours(delais::SIGNATURE)
            );
            let _ = self.dg_repute_accepte(id, &libelle);
            return;
        }
        // D-MONTANTS-2: an uncontested correction is deemed accepted, in calendar days.
        if p.ecart.is_some() && !p.ecart_conteste && !p.ecart_accepte && echeance_calendaire(p.date_depot, delais::CONTESTATION) < today {
            let did = p.dossier;
            self.pieces[i].ecart_accepte = true;
            let libelle = format!("correction de montant non contestée en {} : réputée acceptée", delais::jours(delais::CONTESTATION));
            self.evenement_dossier(did, libelle);
        }
    }
}

/// Whether a deadline of [`Reference::echeance_de_la_piece`] may still act on a piece: the exact
/// union of its conditions but the dates. A piece enters the watch when this becomes true, which
/// only a deposit or a status change can make happen.
pub(super) fn sous_echeance(p: &Piece) -> bool {
    (p.cadre.est_projet_mensuel() && matches!(p.statut, Statut::MiseADispositionMoe | Statut::PriseEnCompteMoe))
        || p.statut == Statut::AValider1
        || (p.cadre.est_decompte_general() && p.statut == Statut::MiseADispositionFournisseur)
        || (p.ecart.is_some() && !p.ecart_conteste && !p.ecart_accepte)
}
