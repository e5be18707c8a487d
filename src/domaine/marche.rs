//! The contract and its identity sheet, « fiche d'identité du marché de travaux » (D-FICHE).

use super::cadre::{RoleMarche, RolesMarche};
use super::calendrier::Date;
use super::siret::Siret;
use super::structure::CategoriePayeur;

/// One actor of the contract, as the identity sheet names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acteur {
    /// Raison sociale.
    pub raison_sociale: String,
    /// SIRET.
    pub siret: Siret,
    /// Code service to put on pieces addressed to it, if any.
    pub code_service: Option<String>,
    /// Numéro d'engagement (EJ) to put on pieces addressed to it, if any.
    pub numero_engagement: Option<String>,
    /// Whether the actor uses Chorus Pro (fact base §1 « substitution »).
    pub dans_chorus_pro: bool,
}

/// How a mandant funds a MOAD (D-MOAD-3, seed « Cadre réglementaire »).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeFinancement {
    /// The mandataire advances the cash, then calls funds from the mandant for what it paid.
    AvanceMandataire,
    /// The mandant advances the credits: funds are called before payment.
    AvanceMandant,
}

/// A mandate of delegated project ownership (D-MOAD).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mandat {
    /// The mandant (the public maître d'ouvrage).
    pub mandant: Acteur,
    /// Funding mode.
    pub mode: ModeFinancement,
}

/// « Who acts for whom » (D-CHAINE-5): `acteur` may play `pour`'s role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Substitution {
    /// The role that acts.
    pub acteur: RoleMarche,
    /// The role it plays.
    pub pour: RoleMarche,
}

/// The contract's key dates (D-FICHE, D-DELAIS-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DatesMarche {
    /// Notification of the contract.
    pub notification: Option<Date>,
    /// Notification of the réception of the works.
    pub reception: Option<Date>,
    /// Lifting of the réserves.
    pub levee_reserves: Option<Date>,
    /// Whether lifting the réserves is a precondition of the projet de décompte final.
    pub levee_reserves_prealable: bool,
}

/// A works contract (D-FICHE).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marche {
    /// Contract number (`numeroMarche`).
    pub numero: String,
    /// Object.
    pub objet: String,
    /// The buyer's category (D-DELAIS-7; the payer structure's own category is what counts).
    pub categorie: CategoriePayeur,
    /// Titulaire.
    pub titulaire: Acteur,
    /// Cotraitants.
    pub cotraitants: Vec<Acteur>,
    /// Sous-traitants with paiement direct.
    pub sous_traitants: Vec<Acteur>,
    /// Maîtrise d'œuvre, if the contract has one.
    pub moe: Option<Acteur>,
    /// Maîtrise d'ouvrage (the MOAD under a mandate).
    pub moa: Acteur,
    /// Service financier, when it is not the MOA's SIRET.
    pub service_financier: Option<Acteur>,
    /// The mandate, when the MOA is a MOAD.
    pub mandat: Option<Mandat>,
    /// Substitutions.
    pub substitutions: Vec<Substitution>,
    /// Key dates.
    pub dates: DatesMarche,
}

impl Marche {
    /// The roles a structure holds on the contract, before substitutions.
    pub fn roles_propres(&self, siret: Siret) -> RolesMarche {
        let mut r = RolesMarche::default();
        if self.titulaire.siret == siret {
            r = r.avec(RoleMarche::Titulaire);
        }
        if self.cotraitants.iter().any(|a| a.siret == siret) {
            r = r.avec(RoleMarche::Cotraitant);
        }
        if self.sous_traitants.iter().any(|a| a.siret == siret) {
            r = r.avec(RoleMarche::SousTraitant);
        }
        if self.moe.as_ref().is_some_and(|a| a.siret == siret) {
            r = r.avec(RoleMarche::Moe);
        }
        if self.moa.siret == siret {
            r = r.avec(RoleMarche::Moa);
        }
        if self.service_financier.as_ref().is_some_and(|a| a.siret == siret) {
            r = r.avec(RoleMarche::ServiceFinancier);
        }
        r
    }

    /// The roles a structure may play: its own, plus those the sheet lets it substitute for
    /// (D-CHAINE-5).
    pub fn roles(&self, siret: Siret) -> RolesMarche {
        let propres = self.roles_propres(siret);
        let mut r = propres;
        for s in &self.substitutions {
            if propres.contient(s.acteur) {
                r = r.avec(s.pour);
            }
        }
        r
    }

    /// Whether the sheet lets `acteur` play `pour`'s role.
    pub fn substitue(&self, acteur: RoleMarche, pour: RoleMarche) -> bool {
        self.substitutions.iter().any(|s| s.acteur == acteur && s.pour == pour)
    }

    /// Whether the contract has an MOE in Chorus Pro.
    pub fn moe_presente(&self) -> bool {
        self.moe.as_ref().is_some_and(|a| a.dans_chorus_pro)
    }

    /// Whether the MOA is in Chorus Pro.
    pub fn moa_presente(&self) -> bool {
        self.moa.dans_chorus_pro
    }

    /// Whether the titulaire is in Chorus Pro.
    pub fn titulaire_present(&self) -> bool {
        self.titulaire.dans_chorus_pro
    }

    /// Whether the actor of this SIRET in this role is in Chorus Pro (D-CHAINE-7); a role the
    /// SIRET does not hold on the sheet counts as present (the role checks answer for it).
    pub fn present(&self, role: RoleMarche, siret: Siret) -> bool {
        let acteurs: Vec<&Acteur> = match role {
            RoleMarche::Titulaire => vec![&self.titulaire],
            RoleMarche::Cotraitant => self.cotraitants.iter().collect(),
            RoleMarche::SousTraitant => self.sous_traitants.iter().collect(),
            RoleMarche::Moe => self.moe.iter().collect(),
            RoleMarche::Moa => vec![&self.moa],
            RoleMarche::ServiceFinancier => self.service_financier.iter().collect(),
        };
        acteurs.iter().filter(|a| a.siret == siret).all(|a| a.dans_chorus_pro)
    }

    /// The actor with this role (the first cotraitant / sous-traitant for those roles).
    pub fn acteur(&self, role: RoleMarche) -> Option<&Acteur> {
        match role {
            RoleMarche::Titulaire => Some(&self.titulaire),
            RoleMarche::Cotraitant => self.cotraitants.first(),
            RoleMarche::SousTraitant => self.sous_traitants.first(),
            RoleMarche::Moe => self.moe.as_ref(),
            RoleMarche::Moa => Some(&self.moa),
            RoleMarche::ServiceFinancier => self.service_financier.as_ref(),
        }
    }

    /// Every SIRET the sheet names, with its role.
    pub fn parties(&self) -> impl Iterator<Item = (RoleMarche, &Acteur)> {
        std::iter::once((RoleMarche::Titulaire, &self.titulaire))
            .chain(self.cotraitants.iter().map(|a| (RoleMarche::Cotraitant, a)))
            .chain(self.sous_traitants.iter().map(|a| (RoleMarche::SousTraitant, a)))
            .chain(self.moe.iter().map(|a| (RoleMarche::Moe, a)))
            .chain(std::iter::once((RoleMarche::Moa, &self.moa)))
            .chain(self.service_financier.iter().map(|a| (RoleMarche::ServiceFinancier, a)))
    }

    /// Whether the structure is a party of the contract (or its mandant).
    pub fn est_partie(&self, siret: Siret) -> bool {
        !self.roles_propres(siret).est_vide() || self.mandat.as_ref().is_some_and(|m| m.mandant.siret == siret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acteur(n: u64) -> Acteur {
        Acteur {
            raison_sociale: format!("S{n}"),
            siret: Siret::completer(n),
            code_service: None,
            numero_engagement: None,
            dans_chorus_pro: true,
        }
    }

    #[test]
    fn substitution_grants_a_role() {
        // D-CHAINE-5: a user may act as a role only if the sheet says so.
        let mut m = Marche {
            numero: "M1".into(),
            objet: "o".into(),
            categorie: CategoriePayeur::Collectivite,
            titulaire: acteur(1),
            cotraitants: vec![],
            sous_traitants: vec![],
            moe: Some(acteur(2)),
            moa: acteur(3),
            service_financier: None,
            mandat: None,
            substitutions: vec![],
            dates: DatesMarche::default(),
        };
        let moe = Siret::completer(2);
        assert!(!m.roles(moe).contient(RoleMarche::Moa));
        m.substitutions.push(Substitution { acteur: RoleMarche::Moe, pour: RoleMarche::Moa });
        assert!(m.roles(moe).contient(RoleMarche::Moa));
        assert!(!m.roles_propres(moe).contient(RoleMarche::Moa));
        assert!(m.est_partie(Siret::completer(1)));
        assert!(!m.est_partie(Siret::completer(9)));
    }
}
