//! Statuses of pieces: the 57 API codes of the fact base (§3.2) plus `MISE_A_DISPOSITION_FOURNISSEUR`
//! (D-STATUTS-1), with the seed's portal labels, and the transitions the reference allows.

use std::fmt;

macro_rules! statuts {
    ($( $v:ident = $code:literal, $libelle:literal; )*) => {
        /// A status of a piece (`statutFactureTravaux`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Statut { $(
            #[doc = $libelle]
            $v,
        )* }

        impl Statut {
            /// Every status.
            pub const TOUS: &'static [Statut] = &[$(Statut::$v),*];

            /// The API code.
            pub fn code_api(self) -> &'static str { match self { $(Statut::$v => $code),* } }

            /// The portal label (the seed's wording where it gives one).
            pub fn libelle_portail(self) -> &'static str { match self { $(Statut::$v => $libelle),* } }
        }
    };
}

statuts! {
    // General and payment chain.
    Brouillon = "BROUILLON", "BROUILLON";
    Deposee = "DEPOSEE", "DÉPOSÉE";
    EnCoursAcheminement = "EN_COURS_ACHEMINEMENT", "EN COURS D'ACHEMINEMENT";
    MiseADisposition = "MISE_A_DISPOSITION", "MISE À DISPOSITION";
    ARecycler = "A_RECYCLER", "À RECYCLER";
    Suspendue = "SUSPENDUE", "SUSPENDUE";
    Rejetee = "REJETEE", "REJETÉE";
    ServiceFait = "SERVICE_FAIT", "SERVICE FAIT";
    Mandatee = "MANDATEE", "MANDATÉE";
    MiseEnPaiement = "MISE_EN_PAIEMENT", "MISE EN PAIEMENT";
    Comptabilisee = "COMPTABILISEE", "COMPTABILISÉE";
    MiseADispositionComptable = "MISE_A_DISPOSITION_COMPTABLE", "MISE À DISPOSITION COMPTABLE";
    Abandonnee = "ABANDONNEE", "ABANDONNÉE";
    Supprimee = "SUPPRIMEE", "SUPPRIMÉE";
    Completee = "COMPLETEE", "COMPLÉTÉE";
    ACompleter = "A_COMPLETER", "À COMPLÉTER";
    NonConforme = "NON_CONFORME", "NON CONFORME";
    InterpreteeOcr = "INTERPRETEE_OCR", "INTERPRÉTÉE OCR";
    EnCoursTraitementPivotS = "EN_COURS_TRAITEMENT_PIVOT_S", "EN COURS DE TRAITEMENT PIVOT S";
    TechniqueInconnu = "TECHNIQUE_INCONNU", "TECHNIQUE INCONNU";
    // Validation circuits.
    AValider1 = "A_VALIDER_1", "À VALIDER PAR LE TITULAIRE";
    Validee1 = "VALIDEE_1", "VALIDÉE PAR LE TITULAIRE";
    Refusee1 = "REFUSEE_1", "REFUSÉE PAR LE TITULAIRE";
    AbsenceValidation1HorsDelai = "ABSENCE_VALIDATION_1_HORS_DELAI", "ABSENCE DE VALIDATION HORS DÉLAI";
    AValider2 = "A_VALIDER_2", "À VALIDER (2)";
    Validee2 = "VALIDEE_2", "VALIDÉE (2)";
    Refusee2 = "REFUSEE_2", "REFUSÉE (2)";
    AbsenceValidation2HorsDelai = "ABSENCE_VALIDATION_2_HORS_DELAI", "ABSENCE DE VALIDATION (2) HORS DÉLAI";
    ErreurFournisseurSurValideur = "ERREUR_FOURNISSEUR_SUR_VALIDEUR", "ERREUR FOURNISSEUR SUR VALIDEUR";
    ErreurCotraitantSurValideur = "ERREUR_COTRAITANT_SUR_VALIDEUR", "ERREUR COTRAITANT SUR VALIDEUR";
    // Travaux.
    AAssocierMoe = "A_ASSOCIER_MOE", "À ASSOCIER MOE";
    AAssocierMoa = "A_ASSOCIER_MOA", "À ASSOCIER MOA";
    AAssocierFournisseur = "A_ASSOCIER_FOURNISSEUR", "À ASSOCIER FOURNISSEUR";
    Associee = "ASSOCIEE", "ASSOCIÉE";
    MiseADispositionMoe = "MISE_A_DISPOSITION_MOE", "MISE À DISPOSITION MOE";
    MiseADispositionMoa = "MISE_A_DISPOSITION_MOA", "MISE À DISPOSITION MOA";
    TransmiseMoa = "TRANSMISE_MOA", "TRANSMISE MOA";
    PriseEnCompteMoe = "PRISE_EN_COMPTE_MOE", "PRISE EN COMPTE MOE";
    PriseEnCompteMoa = "PRISE_EN_COMPTE_MOA", "PRISE EN COMPTE MOA";
    PriseEnCompteDestinataire = "PRISE_EN_COMPTE_DESTINATAIRE", "PRISE EN COMPTE DESTINATAIRE";
    AValiderMoe = "A_VALIDER_MOE", "À VALIDER MOE";
    RefuseeMoe = "REFUSEE_MOE", "REFUSÉE PAR LA MOE POUR AUTRE MOTIF";
    RefuseeMoa = "REFUSEE_MOA", "REFUSÉE PAR LA MOA POUR AUTRE MOTIF";
    RefuseeFournisseur = "REFUSEE_FOURNISSEUR", "REFUSÉE PAR LE FOURNISSEUR POUR AUTRE MOTIF";
    ErreurDeMoe = "ERREUR_DE_MOE", "ERREUR DE MOE";
    ErreurDeMoa = "ERREUR_DE_MOA", "ERREUR DE MOA";
    ErreurFournisseurSurMoe = "ERREUR_FOURNISSEUR_SUR_MOE", "ERREUR FOURNISSEUR SUR MOE";
    ErreurFournisseurSurMoa = "ERREUR_FOURNISSEUR_SUR_MOA", "ERREUR FOURNISSEUR SUR MOA";
    ErreurMoeSurFournisseur = "ERREUR_MOE_SUR_FOURNISSEUR", "ERREUR MOE SUR FOURNISSEUR";
    ErreurMoaSurFournisseur = "ERREUR_MOA_SUR_FOURNISSEUR", "ERREUR MOA SUR FOURNISSEUR";
    ErreurMoeSurMoa = "ERREUR_MOE_SUR_MOA", "ERREUR MOE SUR MOA";
    ErreurDestinatairePd = "ERREUR_DESTINATAIRE_PD", "ERREUR DESTINATAIRE PD";
    ErreurDestinataireEa = "ERREUR_DESTINATAIRE_EA", "ERREUR DESTINATAIRE EA";
    EnAttenteRecyclageFournisseur = "EN_ATTENTE_RECYCLAGE_FOURNISSEUR", "EN ATTENTE DE RECYCLAGE PAR LE DÉPOSANT";
    RemplaceeParA22 = "REMPLACEE_PAR_A22", "REMPLACÉE PAR A22";
    DupliqueApresRefus = "DUPLIQUE_APRES_REFUS", "DUPLIQUÉE APRÈS REFUS";
    AbsenceValidationMoeDelaiReglementaire = "ABSENCE_VALIDATION_MOE_DELAI_REGLEMENTAIRE", "ABSENCE DE VALIDATION MOE DANS LE DÉLAI RÉGLEMENTAIRE";
    // D-STATUTS-1: the seed's « MISE À DISPOSITION DU FOURNISSEUR » (hypothèse: no confirmed code).
    MiseADispositionFournisseur = "MISE_A_DISPOSITION_FOURNISSEUR", "MISE À DISPOSITION DU FOURNISSEUR";
}

use Statut as S;

impl Statut {
    /// Parses an API code (`MISE_A_DISPOSITION_MOE`) or a portal label (`MISE À DISPOSITION MOE`).
    pub fn parse(texte: &str) -> Option<Statut> {
        let t = texte.trim();
        Statut::TOUS.iter().copied().find(|s| {
            s.code_api().eq_ignore_ascii_case(t) || s.libelle_portail().eq_ignore_ascii_case(t) || s.libelle_portail() == t.to_uppercase()
        })
    }

    /// Statuses in which a piece waits for the next actor's piece, and may be associated.
    pub fn attend_suite(self) -> bool {
        matches!(
            self,
            S::MiseADispositionMoe
                | S::MiseADispositionMoa
                | S::MiseADispositionFournisseur
                | S::PriseEnCompteMoe
                | S::PriseEnCompteMoa
                | S::AbsenceValidationMoeDelaiReglementaire
        )
    }

    /// Statuses of a payment request not yet put into payment: a piece of
    /// [`crate::domaine::cadre::SUIVIS_CHEZ_LE_PAYEUR`] in one of them may still be followed
    /// (D-CHAINE-4).
    pub fn attend_paiement(self) -> bool {
        matches!(self, S::MiseADisposition | S::ServiceFait | S::Mandatee)
    }

    /// Statuses in which the recipient may suspend the piece (D-REFUS-6, D-PAIEMENT-1).
    pub fn suspendable(self) -> bool {
        self.attend_suite() && self != S::MiseADispositionFournisseur || matches!(self, S::MiseADisposition | S::ServiceFait)
    }

    /// Final statuses: nothing follows them on this piece (except a recycling request on an
    /// associated piece, D-REFUS-5).
    pub fn est_final(self) -> bool {
        matches!(
            self,
            S::RefuseeMoe | S::RefuseeMoa | S::RefuseeFournisseur | S::Refusee1 | S::Rejetee | S::MiseEnPaiement | S::RemplaceeParA22
        )
    }

    /// Statuses of the payment chain in « Factures reçues » (D-PAIEMENT-1).
    pub fn est_chaine_paiement(self) -> bool {
        matches!(self, S::MiseADisposition | S::ServiceFait | S::Mandatee | S::MiseEnPaiement | S::Rejetee)
    }
}

/// Whether `de → vers` is a transition the reference allows. `de = None` is a new piece.
///
/// The table is the reference's reading of D-CHAINE, D-REFUS, D-SOUSTRAITANCE, D-DELAIS-2/6 and
/// D-PAIEMENT; the real transitions are served by `recuperer/etats/traitement`, whose values for
/// `FACTURE_TRAVAUX` are UNCONFIRMED (fact base §3.2).
pub fn transition_autorisee(de: Option<Statut>, vers: Statut) -> bool {
    let Some(de) = de else {
        return matches!(
            vers,
            S::MiseADispositionMoe | S::MiseADispositionMoa | S::MiseADispositionFournisseur | S::MiseADisposition | S::AValider1
        );
    };
    let vers_attente = matches!(
        vers,
        S::MiseADispositionMoe
            | S::MiseADispositionMoa
            | S::MiseADispositionFournisseur
            | S::MiseADisposition
            | S::PriseEnCompteMoe
            | S::PriseEnCompteMoa
            | S::AbsenceValidationMoeDelaiReglementaire
            | S::ServiceFait
    );
    match de {
        S::MiseADispositionMoe | S::PriseEnCompteMoe => {
            matches!(
                vers,
                S::PriseEnCompteMoe
                    | S::Associee
                    | S::RemplaceeParA22
                    | S::ARecycler
                    | S::RefuseeMoe
                    | S::RefuseeMoa
                    | S::Suspendue
                    | S::AbsenceValidationMoeDelaiReglementaire
                    | S::EnAttenteRecyclageFournisseur
            ) && !(de == S::PriseEnCompteMoe && vers == S::PriseEnCompteMoe)
        }
        S::AbsenceValidationMoeDelaiReglementaire => {
            matches!(vers, S::Associee | S::ARecycler | S::RefuseeMoe | S::RefuseeMoa | S::Suspendue | S::EnAttenteRecyclageFournisseur)
        }
        S::MiseADispositionMoa | S::PriseEnCompteMoa => {
            matches!(
                vers,
                S::PriseEnCompteMoa
                    | S::Associee
                    | S::RemplaceeParA22
                    | S::ARecycler
                    | S::RefuseeMoa
                    | S::Suspendue
                    | S::EnAttenteRecyclageFournisseur
            ) && !(de == S::PriseEnCompteMoa && vers == S::PriseEnCompteMoa)
        }
        // D-DELAIS-6: signed (A8), refused, or deemed accepted (sent to the payer).
        S::MiseADispositionFournisseur => {
            matches!(vers, S::Associee | S::RefuseeFournisseur | S::MiseADisposition | S::EnAttenteRecyclageFournisseur)
        }
        // D-REFUS-5: an associated piece may be sent back for recycling.
        S::Associee => vers == S::ARecycler,
        // D-REFUS-4: recycled, routed again (back to ASSOCIEE when it already had a next piece).
        S::ARecycler => vers_attente || matches!(vers, S::Associee | S::AValider1),
        S::EnAttenteRecyclageFournisseur => vers_attente,
        // D-SOUSTRAITANCE-1.
        S::AValider1 => matches!(vers, S::Validee1 | S::Refusee1 | S::AbsenceValidation1HorsDelai),
        S::Validee1 | S::AbsenceValidation1HorsDelai => {
            matches!(vers, S::MiseADispositionMoe | S::MiseADispositionMoa | S::MiseADisposition)
        }
        // D-REFUS-6 / D-PAIEMENT-1: completion puts the piece back where it was.
        S::Suspendue => vers == S::Completee,
        S::Completee => vers_attente,
        // D-PAIEMENT-1.
        // D-CHAINE-4: a piece the payer received for want of an MOA is followed (A18, A22, DGD
        // tacite) until it is put into payment; once followed it can no longer be paid.
        S::MiseADisposition => matches!(vers, S::Suspendue | S::Rejetee | S::ServiceFait | S::Associee | S::RemplaceeParA22),
        S::ServiceFait => matches!(vers, S::Suspendue | S::Rejetee | S::Mandatee | S::Associee | S::RemplaceeParA22),
        S::Mandatee => matches!(vers, S::MiseEnPaiement | S::Associee | S::RemplaceeParA22),
        _ => false,
    }
}

impl fmt::Display for Statut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code_api())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifty_seven_api_codes_plus_one() {
        // Fact base §3.2 (57 codes, S2) + D-STATUTS-1.
        assert_eq!(Statut::TOUS.len(), 58);
        let mut codes: Vec<_> = Statut::TOUS.iter().map(|s| s.code_api()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 58);
    }

    #[test]
    fn seed_portal_labels() {
        // Fact base §3.1 [S].
        assert_eq!(S::MiseADispositionMoe.libelle_portail(), "MISE À DISPOSITION MOE");
        assert_eq!(S::MiseADispositionFournisseur.libelle_portail(), "MISE À DISPOSITION DU FOURNISSEUR");
        assert_eq!(S::Associee.libelle_portail(), "ASSOCIÉE");
        assert_eq!(S::RefuseeFournisseur.libelle_portail(), "REFUSÉE PAR LE FOURNISSEUR POUR AUTRE MOTIF");
        assert_eq!(Statut::parse("mise à disposition moa"), Some(S::MiseADispositionMoa));
        assert_eq!(Statut::parse("ASSOCIEE"), Some(S::Associee));
        assert_eq!(Statut::parse("INCONNU"), None);
    }

    #[test]
    fn transitions() {
        assert!(transition_autorisee(None, S::MiseADispositionMoe));
        assert!(!transition_autorisee(None, S::Associee));
        assert!(transition_autorisee(Some(S::MiseADispositionMoe), S::Associee));
        assert!(!transition_autorisee(Some(S::RefuseeMoe), S::Associee), "a refused piece is final (D-REFUS-2)");
        assert!(!transition_autorisee(Some(S::MiseADisposition), S::MiseEnPaiement), "payment chain in order");
        assert!(transition_autorisee(Some(S::Mandatee), S::MiseEnPaiement));
        for s in Statut::TOUS {
            if s.est_final() && *s != S::MiseEnPaiement {
                assert!(Statut::TOUS.iter().all(|v| !transition_autorisee(Some(*s), *v)), "{s} is final");
            }
        }
    }
}
