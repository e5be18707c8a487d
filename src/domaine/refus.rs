//! Business refusals: a stable code and a French message. They are outcomes, not errors.

use std::fmt;

macro_rules! codes {
    ($( $v:ident = $code:literal, $famille:ident, $regle:literal; )*) => {
        /// The stable code of a refusal. Each names the rule it enforces.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum CodeRefus { $(
            #[doc = $regle]
            $v,
        )* }

        impl CodeRefus {
            /// Every code.
            pub const TOUS: &'static [CodeRefus] = &[$(CodeRefus::$v),*];
            /// The stable code, `SIRET_CLE_INVALIDE`.
            pub fn code(self) -> &'static str { match self { $(CodeRefus::$v => $code),* } }
            /// The family of the refusal.
            pub fn famille(self) -> Famille { match self { $(CodeRefus::$v => Famille::$famille),* } }
            /// The rule the refusal enforces (CCAG article, Chorus Pro rule or D-id).
            pub fn regle(self) -> &'static str { match self { $(CodeRefus::$v => $regle),* } }
        }
    };
}

/// What kind of rule a refusal enforces; the HTTP contract maps each family to a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Famille {
    /// The acting user may not do this (403).
    Acces,
    /// The thing named does not exist (404).
    Inconnu,
    /// Bad data (422).
    Donnees,
    /// Not allowed in the current state or at this date (409).
    Etat,
}

codes! {
    // D-ROUTAGE step 1 and D-UTILISATEURS.
    UtilisateurInconnu = "UTILISATEUR_INCONNU", Acces, "D-UTILISATEURS-1";
    UtilisateurNonRattache = "UTILISATEUR_NON_RATTACHE", Acces, "D-ROUTAGE étape 1, D-UTILISATEURS-2";
    EspaceTravauxNonHabilite = "ESPACE_TRAVAUX_NON_HABILITE", Acces, "D-ROUTAGE étape 1, D-UTILISATEURS-2";
    EspaceTravauxFerme = "ESPACE_TRAVAUX_FERME", Acces, "D-UTILISATEURS-2, fait §4.1";
    ReserveGestionnaire = "RESERVE_GESTIONNAIRE", Acces, "D-UTILISATEURS-1";
    PigpRequis = "PIGP_REQUIS", Acces, "D-UTILISATEURS-1, D-MOAD-1";
    StructureDeposanteAmbigue = "STRUCTURE_DEPOSANTE_AMBIGUE", Acces, "D-CHAINE-5";
    // D-ROUTAGE step 2.
    CadreInconnu = "CADRE_INCONNU", Donnees, "D-CADRES-1";
    CadreHorsPerimetre = "CADRE_HORS_PERIMETRE", Donnees, "D-CADRES-1";
    MarcheInconnu = "MARCHE_INCONNU", Inconnu, "D-FICHE";
    MarcheRequis = "MARCHE_REQUIS", Donnees, "D-FICHE, D-CHAINE";
    RoleNonAutorise = "ROLE_NON_AUTORISE", Acces, "D-CHAINE-5, D-ROUTAGE étape 2";
    PiecePrecedenteRequise = "PIECE_PRECEDENTE_REQUISE", Etat, "D-CHAINE";
    PiecePrecedenteInconnue = "PIECE_PRECEDENTE_INCONNUE", Inconnu, "D-ROUTAGE étape 2, D-UTILISATEURS-2";
    EnchainementInterdit = "ENCHAINEMENT_INTERDIT", Etat, "D-CHAINE-1";
    PieceDejaSuivie = "PIECE_DEJA_SUIVIE", Etat, "D-CHAINE-2";
    PiecePrecedenteNonDisponible = "PIECE_PRECEDENTE_NON_DISPONIBLE", Etat, "D-CHAINE, D-REFUS-2";
    DelaiMoeEnCours = "DELAI_MOE_EN_COURS", Etat, "D-DELAIS-2";
    A22Prematuree = "A22_PREMATUREE", Etat, "D-DELAIS-4, CCAG-Travaux 2021 art. 12.4.4";
    A22SansDecompteFinal = "A22_SANS_DECOMPTE_FINAL", Etat, "D-DELAIS-4, CE 11/07/2025 n°502377";
    A22ApresDecompteGeneral = "A22_APRES_DECOMPTE_GENERAL", Etat, "D-DELAIS-4, fait §2.3";
    DgdTacitePremature = "DGD_TACITE_PREMATURE", Etat, "D-DELAIS-5, CCAG-Travaux 2021 art. 12.4.4";
    DecompteGeneralHorsDelai = "DECOMPTE_GENERAL_HORS_DELAI", Etat, "D-DELAIS-5";
    SignatureHorsDelai = "SIGNATURE_HORS_DELAI", Etat, "D-DELAIS-6";
    // D-ROUTAGE step 3.
    SiretFormatInvalide = "SIRET_FORMAT_INVALIDE", Donnees, "D-ROUTAGE étape 3";
    SiretCleInvalide = "SIRET_CLE_INVALIDE", Donnees, "D-ROUTAGE étape 3";
    DestinataireInconnu = "DESTINATAIRE_INCONNU", Inconnu, "D-ROUTAGE étape 3";
    DestinataireInactif = "DESTINATAIRE_INACTIF", Donnees, "D-ROUTAGE étape 3";
    // D-ROUTAGE step 4.
    MauvaiseMoe = "MAUVAISE_MOE", Donnees, "D-ROUTAGE étape 4";
    MauvaiseMoa = "MAUVAISE_MOA", Donnees, "D-ROUTAGE étape 4";
    MoeAbsente = "MOE_ABSENTE", Donnees, "D-ROUTAGE étape 4";
    MoaNonHabilitee = "MOA_NON_HABILITEE", Donnees, "D-ROUTAGE étape 4, D-MOAD-1";
    DestinataireNonPayeur = "DESTINATAIRE_NON_PAYEUR", Donnees, "D-ROUTAGE étape 4";
    DestinataireExclusivementMoa = "DESTINATAIRE_EXCLUSIVEMENT_MOA", Donnees, "D-ROUTAGE étape 4, fait §4.1";
    CadreNonRecuSansMoa = "CADRE_NON_RECU_SANS_MOA", Donnees, "D-ROUTAGE étape 4, fait §4.1";
    DestinataireNonPublic = "DESTINATAIRE_NON_PUBLIC", Donnees, "D-ROUTAGE étape 4 (hypothèse)";
    // D-ROUTAGE steps 5 and 6.
    CodeServiceManquant = "CODE_SERVICE_MANQUANT", Donnees, "D-ROUTAGE étape 5";
    CodeServiceInconnu = "CODE_SERVICE_INCONNU", Donnees, "D-ROUTAGE étape 5";
    ServiceInactif = "SERVICE_INACTIF", Donnees, "D-ROUTAGE étape 5";
    EngagementManquant = "ENGAGEMENT_MANQUANT", Donnees, "D-ROUTAGE étape 6";
    EngagementOuServiceManquant = "ENGAGEMENT_OU_SERVICE_MANQUANT", Donnees, "D-ROUTAGE étape 6";
    // D-MONTANTS.
    MontantsIncoherents = "MONTANTS_INCOHERENTS", Donnees, "D-MONTANTS-2";
    // D-REFUS and processing.
    PieceInconnue = "PIECE_INCONNUE", Inconnu, "D-UTILISATEURS-2";
    RefusNonAutorise = "REFUS_NON_AUTORISE", Acces, "D-REFUS-1";
    MotifInconnu = "MOTIF_INCONNU", Donnees, "D-REFUS-2, D-REFUS-3";
    MotifNonAutorise = "MOTIF_NON_AUTORISE", Donnees, "D-REFUS-1";
    ErreurMontantNonMotif = "ERREUR_MONTANT_NON_MOTIF", Donnees, "D-REFUS-3, Chorus Pro 19/02/2025";
    ActionNonAutorisee = "ACTION_NON_AUTORISEE", Acces, "D-UTILISATEURS-2";
    StatutIncompatible = "STATUT_INCOMPATIBLE", Etat, "D-STATUTS, table des transitions";
    DossierFige = "DOSSIER_FIGE", Etat, "D-REFUS-2, D-PAIEMENT-1";
    RecyclageChampInterdit = "RECYCLAGE_CHAMP_INTERDIT", Donnees, "D-REFUS-4";
    RecyclageSansPrecedente = "RECYCLAGE_SANS_PRECEDENTE", Etat, "D-REFUS-5";
    ContestationHorsDelai = "CONTESTATION_HORS_DELAI", Etat, "D-MONTANTS-2";
    // D-MOAD.
    SollicitationInconnue = "SOLLICITATION_INCONNUE", Inconnu, "D-MOAD-1";
    StructureExistante = "STRUCTURE_EXISTANTE", Donnees, "D-STRUCTURES-1";
    StructureInconnue = "STRUCTURE_INCONNUE", Inconnu, "D-STRUCTURES-1";
    AppelDeFondsExcessif = "APPEL_DE_FONDS_EXCESSIF", Etat, "D-MOAD-3";
    CreditsNonAppeles = "CREDITS_NON_APPELES", Etat, "D-MOAD-3";
    // D-SOUSTRAITANCE.
    MontantAccepteInvalide = "MONTANT_ACCEPTE_INVALIDE", Donnees, "D-SOUSTRAITANCE-1";
}

/// A refusal: a stable code, a French message, and the rule it applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refus {
    /// Stable code.
    pub code: CodeRefus,
    /// French message for a person.
    pub message: String,
}

impl Refus {
    /// Builds a refusal.
    pub fn new(code: CodeRefus, message: impl Into<String>) -> Refus {
        Refus { code, message: message.into() }
    }
}

impl fmt::Display for Refus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} : {}", self.code.code(), self.message)
    }
}

impl std::error::Error for Refus {}

impl CodeRefus {
    /// Parses a stable code.
    pub fn parse(texte: &str) -> Option<CodeRefus> {
        CodeRefus::TOUS.iter().copied().find(|c| c.code() == texte.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_cite_a_rule() {
        let mut codes: Vec<_> = CodeRefus::TOUS.iter().map(|c| c.code()).collect();
        let n = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), n);
        for c in CodeRefus::TOUS {
            assert!(c.regle().starts_with("D-") || c.regle().contains("fait"), "{c:?}");
            assert_eq!(CodeRefus::parse(c.code()), Some(*c));
        }
    }
}
