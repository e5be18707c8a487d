//! Recycling: a piece refused for a routing error goes back to its depositor, who may change
//! only its routing data (D-REFUS-4); the receiver of a piece may ask the depositor of the
//! previous one to recycle it (D-REFUS-5).

use super::{Issue, NatureNotification, Reference, SYSTEME};
use crate::domaine::cadre::{CadreFacturation, RoleMarche};
use crate::domaine::defaut::Defaut;
use crate::domaine::motif::Motif;
use crate::domaine::piece::{PieceId, RefusPiece, Renvoi};
use crate::domaine::refus::{CodeRefus as R, Refus};
use crate::domaine::routage::{Association, DemandeRoutage, router};
use crate::domaine::statut::Statut;

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

impl Reference {
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
        // D-REFUS-4: the MOE or the MOA changes only after the motif that names it, or at the
        // request of the next piece's receiver (D-REFUS-5).
        let renvoi = p.refus.as_ref().map(|r| r.motif);
        let permis = |champ: Motif| renvoi.is_some_and(|r| r.permet_de_changer(champ));
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
                Modification::Moe(s) if permis(Motif::MauvaiseMoe) => moe = Some(s.clone()),
                Modification::Moa(s) if permis(Motif::MauvaiseMoa) => moa = Some(s.clone()),
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
            decision.recipiendaire = suivant;
            (decision.statut, decision.espace) = self.suite_a10(p.marche.as_deref());
        }
        let vers = if p.suivante.is_some() { Statut::Associee } else { decision.statut };
        self.transition(id, vers, login, "recyclage")?;
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
                self.transition(next, back, SYSTEME, "pièce précédente recyclée")?;
            }
        } else {
            let r = decision.recipiendaire;
            self.notifier(r, NatureNotification::ActionAttendue, id);
        }
        Ok(())
    }

    /// Asks the depositor of the previous piece to recycle it (`demanderRecyclagePiecePrecedente`,
    /// D-REFUS-5).
    pub fn demander_recyclage(&mut self, login: &str, id: PieceId) -> Result<PieceId, Refus> {
        self.structure_recipiendaire(login, id)?;
        let p = self.pc(id).clone();
        self.verifier_dossier_ouvert(&p)?;
        let Some(prev) = p.precedente else {
            if self.defaut == Some(Defaut::RecyclageInitialAccepte) {
                self.transition(id, Statut::EnAttenteRecyclageFournisseur, login, "demande de recyclage de la pièce précédente")?;
                return Ok(id);
            }
            return Err(Refus::new(R::RecyclageSansPrecedente, "cette pièce n'a pas de pièce précédente"));
        };
        if !p.statut.attend_suite() {
            return Err(Refus::new(R::StatutIncompatible, format!("la pièce est au statut {}", p.statut.libelle_portail())));
        }
        self.transition(id, Statut::EnAttenteRecyclageFournisseur, login, "demande de recyclage de la pièce précédente")?;
        self.pc_mut(id).statut_avant = Some(p.statut);
        self.transition(prev, Statut::ARecycler, login, "recyclage demandé par le destinataire de la pièce suivante")?;
        let role = self.role_refusant(login, &p).unwrap_or(RoleMarche::Moa);
        let q = &mut self.pc_mut(prev);
        q.refus = Some(RefusPiece { par: role, motif: Renvoi::DemandeRecyclage, commentaire: String::new() });
        q.recipiendaire = q.deposant;
        let deposant = q.deposant;
        self.notifier(deposant, NatureNotification::ActionAttendue, prev);
        Ok(prev)
    }
}
