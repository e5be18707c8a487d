//! The four lanes of the webinar's process diagrams (seed: « en cours de marché », « fin de
//! marché », the procédure tacite): who holds a piece of the dossier de facturation. A status that
//! names its holder decides the lane; the others leave the piece with its recipient.

use crate::domaine::cadre::RoleMarche;
use crate::domaine::statut::Statut;

/// A lane: a party of the process as the webinar draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Couloir {
    /// The titulaire, its cotraitants and sous-traitants.
    Fournisseur,
    /// The maîtrise d'œuvre.
    MaitriseOeuvre,
    /// The maîtrise d'ouvrage (or the MOA déléguée, or its mandant).
    MaitriseOuvrage,
    /// The payer: the service financier, or the MOA receiving a payment request.
    ServiceFinancier,
}

use Couloir as C;
use Statut as S;

impl Couloir {
    /// The four lanes, left to right as the webinar draws them.
    pub const TOUS: [Couloir; 4] = [C::Fournisseur, C::MaitriseOeuvre, C::MaitriseOuvrage, C::ServiceFinancier];

    /// The lane's heading.
    pub fn libelle(self) -> &'static str {
        match self {
            C::Fournisseur => "Fournisseur",
            C::MaitriseOeuvre => "Maîtrise d'œuvre",
            C::MaitriseOuvrage => "Maîtrise d'ouvrage",
            C::ServiceFinancier => "Service financier",
        }
    }

    /// A stable identifier (the report's JSON).
    pub fn code(self) -> &'static str {
        match self {
            C::Fournisseur => "fournisseur",
            C::MaitriseOeuvre => "maitrise_oeuvre",
            C::MaitriseOuvrage => "maitrise_ouvrage",
            C::ServiceFinancier => "service_financier",
        }
    }

    /// The lane an identifier names.
    pub fn du_code(code: &str) -> Option<Couloir> {
        Couloir::TOUS.into_iter().find(|c| c.code() == code)
    }

    /// Position from the left (0 to 3).
    pub fn rang(self) -> usize {
        self as usize
    }

    /// The lane a piece goes to when nothing else says: the next one to the right.
    pub fn suivant(self) -> Couloir {
        Couloir::TOUS[(self.rang() + 1).min(3)]
    }

    /// The lane of a contract role.
    pub fn du_role(role: RoleMarche) -> Couloir {
        match role {
            RoleMarche::Titulaire | RoleMarche::Cotraitant | RoleMarche::SousTraitant => C::Fournisseur,
            RoleMarche::Moe => C::MaitriseOeuvre,
            RoleMarche::Moa => C::MaitriseOuvrage,
            RoleMarche::ServiceFinancier => C::ServiceFinancier,
        }
    }

    /// The lane a status leaves the piece in, when the status names who holds it: waiting on
    /// (or refused by, or sent back to) the fournisseur, the MOE or the MOA, or in the payment
    /// chain (D-PAIEMENT-1). `None`: the status names nobody (`ASSOCIÉE`, `À RECYCLER`,
    /// `SUSPENDUE`…), the piece stays with its recipient.
    pub fn du_statut(statut: Statut) -> Option<Couloir> {
        Some(match statut {
            S::MiseADispositionFournisseur
            | S::AAssocierFournisseur
            | S::RefuseeFournisseur
            | S::EnAttenteRecyclageFournisseur
            | S::ErreurFournisseurSurMoe
            | S::ErreurFournisseurSurMoa
            | S::ErreurFournisseurSurValideur
            | S::ErreurMoeSurFournisseur
            | S::ErreurMoaSurFournisseur
            | S::AValider1
            | S::Validee1
            | S::Refusee1
            | S::AbsenceValidation1HorsDelai => C::Fournisseur,
            S::MiseADispositionMoe
            | S::PriseEnCompteMoe
            | S::AAssocierMoe
            | S::AValiderMoe
            | S::RefuseeMoe
            | S::ErreurDeMoe
            | S::ErreurMoeSurMoa
            | S::AbsenceValidationMoeDelaiReglementaire => C::MaitriseOeuvre,
            S::MiseADispositionMoa | S::PriseEnCompteMoa | S::AAssocierMoa | S::TransmiseMoa | S::RefuseeMoa | S::ErreurDeMoa => {
                C::MaitriseOuvrage
            }
            S::MiseADisposition
            | S::ServiceFait
            | S::Mandatee
            | S::MiseEnPaiement
            | S::Rejetee
            | S::Comptabilisee
            | S::MiseADispositionComptable => C::ServiceFinancier,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_naming_its_holder_decides_the_lane() {
        assert_eq!(Couloir::du_statut(S::MiseADispositionMoe), Some(C::MaitriseOeuvre));
        assert_eq!(Couloir::du_statut(S::PriseEnCompteMoa), Some(C::MaitriseOuvrage));
        assert_eq!(Couloir::du_statut(S::RefuseeFournisseur), Some(C::Fournisseur));
        assert_eq!(Couloir::du_statut(S::EnAttenteRecyclageFournisseur), Some(C::Fournisseur));
        assert_eq!(Couloir::du_statut(S::MiseEnPaiement), Some(C::ServiceFinancier), "D-PAIEMENT-1");
        for s in [S::Associee, S::ARecycler, S::Suspendue, S::Completee, S::Deposee] {
            assert_eq!(Couloir::du_statut(s), None, "{s} names nobody");
        }
        // Every status of the payment chain is the payer's.
        for s in Statut::TOUS.iter().filter(|s| s.est_chaine_paiement()) {
            assert_eq!(Couloir::du_statut(*s), Some(C::ServiceFinancier), "{s}");
        }
    }

    #[test]
    fn lanes_read_left_to_right() {
        assert_eq!(Couloir::TOUS.map(Couloir::rang), [0, 1, 2, 3]);
        assert_eq!(C::Fournisseur.suivant(), C::MaitriseOeuvre);
        assert_eq!(C::ServiceFinancier.suivant(), C::ServiceFinancier);
        assert_eq!(Couloir::du_role(RoleMarche::SousTraitant), C::Fournisseur);
        for c in Couloir::TOUS {
            assert_eq!(Couloir::du_code(c.code()), Some(c));
        }
    }
}
