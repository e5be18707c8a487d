//! The maîtrise d'ouvrage déléguée: the sollicitation that turns a structure public « avec MOA »
//! (D-MOAD-1), and the appels de fonds to the mandant with what they may call (D-MOAD-3).

use super::{Depot, Issue, Reference};
use crate::domaine::calendrier::Date;
use crate::domaine::marche::ModeFinancement;
use crate::domaine::refus::{CodeRefus as R, Refus};
use crate::domaine::siret::Siret;
use crate::domaine::statut::Statut;
use crate::domaine::structure::{PresenceMoa, StructureId, TypeStructure};
use crate::domaine::utilisateur::{Rattachement, RoleRattachement};
use rust_decimal::Decimal;

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

impl Reference {
    /// Files a sollicitation to turn a structure public « avec MOA » (D-MOAD-1). The MOAD files it
    /// itself, with its gestionnaires' PIGP accounts.
    pub fn deposer_sollicitation(&mut self, login: &str, siret: Siret, gestionnaires: &[String]) -> Result<u32, Refus> {
        // D-UTILISATEURS-4: only a gestionnaire of the structure files it.
        let id = self.gestionnaire_de(login, siret)?;
        self.verifier_gestionnaires(id, gestionnaires)?;
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
        let (structure, gestionnaires) = (s.structure, s.gestionnaires.clone());
        // D-UTILISATEURS-4: the rule is checked again; treating never attaches a stranger.
        self.verifier_gestionnaires(structure, &gestionnaires)?;
        if let Some(s) = self.sollicitations.iter_mut().find(|s| s.id == id) {
            s.traitee = true;
        }
        self.annuaire.modifier(structure, |st| {
            st.type_structure = TypeStructure::Publique;
            st.presence_moa = PresenceMoa::AvecMoa;
        });
        for (i, g) in gestionnaires.iter().enumerate() {
            let role = if i == 0 { RoleRattachement::GestionnairePrincipal } else { RoleRattachement::GestionnaireSecondaire };
            let u = self.utilisateur_mut(g)?;
            u.rattachements.retain(|r| r.structure != structure);
            u.rattachements.push(Rattachement { structure, role, habilite_travaux: true });
        }
        Ok(())
    }

    /// D-UTILISATEURS-4 and D-MOAD-1: the accounts a sollicitation names, principal and secondary
    /// gestionnaires alike, are users attached to the structure with a PIGP account.
    fn verifier_gestionnaires(&self, structure: StructureId, gestionnaires: &[String]) -> Result<(), Refus> {
        if gestionnaires.is_empty() {
            return Err(Refus::new(R::PigpRequis, "la sollicitation doit nommer les comptes PIGP des gestionnaires"));
        }
        let siret = self.annuaire.get(structure).siret;
        for g in gestionnaires {
            let gu = self.acteur(g)?;
            if gu.rattachement(structure).is_none() {
                return Err(Refus::new(
                    R::GestionnaireNonRattache,
                    format!(
                        "le gestionnaire {g} n'est pas un utilisateur de la structure {siret} : la sollicitation ne nomme que ses propres comptes"
                    ),
                ));
            }
            if !gu.pigp {
                return Err(Refus::new(R::PigpRequis, format!("le gestionnaire {g} n'a pas de compte PIGP (D-UTILISATEURS-4)")));
            }
        }
        Ok(())
    }

    /// D-MOAD-3: an appel de fonds goes from the MOAD to its mandant; with the mandataire
    /// advancing the cash it may not exceed what the MOAD has paid.
    pub(super) fn verifier_appel_de_fonds(&self, depot: &Depot, deposant: StructureId, destinataire: Siret) -> Result<(), Refus> {
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
                paye += p.montant_payable();
            }
        }
        (appele, paye)
    }
}
