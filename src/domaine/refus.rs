//! Business refusals: a stable code and a French message. They are outcomes, not errors.

use std::fmt;

macro_rules! codes {
    ($( $v:ident = $code:literal, $retour:literal, $famille:ident, $regle:literal; )*) => {
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
            /// The `codeRetour` the HTTP contract answers with: pinned per code, never a rank, so that
            /// adding a code renumbers nothing (a test pins every value).
            pub fn code_retour(self) -> u32 { match self { $(CodeRefus::$v => $retour),* } }
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
    UtilisateurInconnu = "UTILISATEUR_INCONNU", 20000, Acces, "D-UTILISATEURS-1";
    UtilisateurNonRattache = "UTILISATEUR_NON_RATTACHE", 20001, Acces, "D-ROUTAGE étape 1, D-UTILISATEURS-2";
    EspaceTravauxNonHabilite = "ESPACE_TRAVAUX_NON_HABILITE", 20002, Acces, "D-ROUTAGE étape 1, D-UTILISATEURS-2";
    EspaceTravauxFerme = "ESPACE_TRAVAUX_FERME", 20003, Acces, "D-UTILISATEURS-2, fait §4.1";
    ReserveGestionnaire = "RESERVE_GESTIONNAIRE", 20004, Acces, "D-UTILISATEURS-1";
    PigpRequis = "PIGP_REQUIS", 20005, Acces, "D-UTILISATEURS-1, D-MOAD-1";
    StructureDeposanteAmbigue = "STRUCTURE_DEPOSANTE_AMBIGUE", 20006, Acces, "D-CHAINE-5";
    // D-ROUTAGE step 2.
    CadreInconnu = "CADRE_INCONNU", 20007, Donnees, "D-CADRES-1";
    CadreHorsPerimetre = "CADRE_HORS_PERIMETRE", 20008, Donnees, "D-CADRES-1";
    MarcheInconnu = "MARCHE_INCONNU", 20009, Inconnu, "D-FICHE";
    MarcheRequis = "MARCHE_REQUIS", 20010, Donnees, "D-FICHE, D-CHAINE";
    RoleNonAutorise = "ROLE_NON_AUTORISE", 20011, Acces, "D-CHAINE-5, D-ROUTAGE étape 2";
    PiecePrecedenteRequise = "PIECE_PRECEDENTE_REQUISE", 20012, Etat, "D-CHAINE";
    PiecePrecedenteInconnue = "PIECE_PRECEDENTE_INCONNUE", 20013, Inconnu, "D-ROUTAGE étape 2, D-UTILISATEURS-2";
    EnchainementInterdit = "ENCHAINEMENT_INTERDIT", 20014, Etat, "D-CHAINE-1";
    PieceDejaSuivie = "PIECE_DEJA_SUIVIE", 20015, Etat, "D-CHAINE-2";
    PiecePrecedenteNonDisponible = "PIECE_PRECEDENTE_NON_DISPONIBLE", 20016, Etat, "D-CHAINE, D-REFUS-2";
    DelaiMoeEnCours = "DELAI_MOE_EN_COURS", 20017, Etat, "D-DELAIS-2";
    A22Prematuree = "A22_PREMATUREE", 20018, Etat, "D-DELAIS-4, CCAG-Travaux 2021 art. 12.4.4";
    A22SansDecompteFinal = "A22_SANS_DECOMPTE_FINAL", 20019, Etat, "D-DELAIS-4, CE 11/07/2025 n°502377";
    A22ApresDecompteGeneral = "A22_APRES_DECOMPTE_GENERAL", 20020, Etat, "D-DELAIS-4, fait §2.3";
    DgdTacitePremature = "DGD_TACITE_PREMATURE", 20021, Etat, "D-DELAIS-5, CCAG-Travaux 2021 art. 12.4.4";
    DecompteGeneralHorsDelai = "DECOMPTE_GENERAL_HORS_DELAI", 20022, Etat, "D-DELAIS-5";
    SignatureHorsDelai = "SIGNATURE_HORS_DELAI", 20023, Etat, "D-DELAIS-6";
    // D-ROUTAGE step 3.
    SiretFormatInvalide = "SIRET_FORMAT_INVALIDE", 20024, Donnees, "D-ROUTAGE étape 3";
    SiretCleInvalide = "SIRET_CLE_INVALIDE", 20025, Donnees, "D-ROUTAGE étape 3";
    DestinataireInconnu = "DESTINATAIRE_INCONNU", 20026, Inconnu, "D-ROUTAGE étape 3";
    DestinataireInactif = "DESTINATAIRE_INACTIF", 20027, Donnees, "D-ROUTAGE étape 3";
    // D-ROUTAGE step 4.
    MauvaiseMoe = "MAUVAISE_MOE", 20028, Donnees, "D-ROUTAGE étape 4";
    MauvaiseMoa = "MAUVAISE_MOA", 20029, Donnees, "D-ROUTAGE étape 4";
    MoeAbsente = "MOE_ABSENTE", 20030, Donnees, "D-ROUTAGE étape 4";
    MoaNonHabilitee = "MOA_NON_HABILITEE", 20031, Donnees, "D-ROUTAGE étape 4, D-MOAD-1";
    DestinataireNonPayeur = "DESTINATAIRE_NON_PAYEUR", 20032, Donnees, "D-ROUTAGE étape 4";
    DestinataireExclusivementMoa = "DESTINATAIRE_EXCLUSIVEMENT_MOA", 20033, Donnees, "D-ROUTAGE étape 4, fait §4.1";
    CadreNonRecuSansMoa = "CADRE_NON_RECU_SANS_MOA", 20034, Donnees, "D-ROUTAGE étape 4, fait §4.1";
    DestinataireNonPublic = "DESTINATAIRE_NON_PUBLIC", 20035, Donnees, "D-ROUTAGE étape 4 (hypothèse)";
    // D-ROUTAGE steps 5 and 6.
    CodeServiceManquant = "CODE_SERVICE_MANQUANT", 20036, Donnees, "D-ROUTAGE étape 5";
    CodeServiceInconnu = "CODE_SERVICE_INCONNU", 20037, Donnees, "D-ROUTAGE étape 5";
    ServiceInactif = "SERVICE_INACTIF", 20038, Donnees, "D-ROUTAGE étape 5";
    EngagementManquant = "ENGAGEMENT_MANQUANT", 20039, Donnees, "D-ROUTAGE étape 6";
    EngagementOuServiceManquant = "ENGAGEMENT_OU_SERVICE_MANQUANT", 20040, Donnees, "D-ROUTAGE étape 6";
    // D-MONTANTS.
    MontantsIncoherents = "MONTANTS_INCOHERENTS", 20041, Donnees, "D-MONTANTS-2";
    // D-REFUS and processing.
    PieceInconnue = "PIECE_INCONNUE", 20042, Inconnu, "D-UTILISATEURS-2";
    RefusNonAutorise = "REFUS_NON_AUTORISE", 20043, Acces, "D-REFUS-1";
    MotifInconnu = "MOTIF_INCONNU", 20044, Donnees, "D-REFUS-2, D-REFUS-3";
    MotifNonAutorise = "MOTIF_NON_AUTORISE", 20045, Donnees, "D-REFUS-1";
    ErreurMontantNonMotif = "ERREUR_MONTANT_NON_MOTIF", 20046, Donnees, "D-REFUS-3, Chorus Pro 19/02/2025";
    ActionNonAutorisee = "ACTION_NON_AUTORISEE", 20047, Acces, "D-UTILISATEURS-2";
    StatutIncompatible = "STATUT_INCOMPATIBLE", 20048, Etat, "D-STATUTS, table des transitions";
    DossierFige = "DOSSIER_FIGE", 20049, Etat, "D-REFUS-2, D-PAIEMENT-1";
    RecyclageChampInterdit = "RECYCLAGE_CHAMP_INTERDIT", 20050, Donnees, "D-REFUS-4";
    RecyclageSansPrecedente = "RECYCLAGE_SANS_PRECEDENTE", 20051, Etat, "D-REFUS-5";
    ContestationHorsDelai = "CONTESTATION_HORS_DELAI", 20052, Etat, "D-MONTANTS-2";
    // D-MOAD.
    SollicitationInconnue = "SOLLICITATION_INCONNUE", 20053, Inconnu, "D-MOAD-1";
    StructureExistante = "STRUCTURE_EXISTANTE", 20054, Donnees, "D-STRUCTURES-1";
    StructureInconnue = "STRUCTURE_INCONNUE", 20055, Inconnu, "D-STRUCTURES-1";
    AppelDeFondsExcessif = "APPEL_DE_FONDS_EXCESSIF", 20056, Etat, "D-MOAD-3";
    CreditsNonAppeles = "CREDITS_NON_APPELES", 20057, Etat, "D-MOAD-3";
    // D-SOUSTRAITANCE.
    MontantAccepteInvalide = "MONTANT_ACCEPTE_INVALIDE", 20058, Donnees, "D-SOUSTRAITANCE-1";
    // Added with the decisions of the second wave: new numbers, none renumbered.
    ActeurAbsentDeChorusPro = "ACTEUR_ABSENT_DE_CHORUS_PRO", 20059, Acces, "D-CHAINE-7";
    PayeurAbsent = "PAYEUR_ABSENT", 20060, Donnees, "D-ROUTAGE étape 4";
    NumeroDejaUtilise = "NUMERO_DEJA_UTILISE", 20061, Donnees, "D-REFUS-7";
    DateAnterieure = "DATE_ANTERIEURE", 20062, Etat, "D-DELAIS-1bis";
    DateHorsLimites = "DATE_HORS_LIMITES", 20063, Donnees, "D-DELAIS-1bis";
    GestionnaireNonRattache = "GESTIONNAIRE_NON_RATTACHE", 20064, Acces, "D-UTILISATEURS-4";
    MontantHorsLimites = "MONTANT_HORS_LIMITES", 20065, Donnees, "D-MONTANTS-1";
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

    /// The `codeRetour` numbers are a public promise: each is pinned here, so that a code added,
    /// removed or moved in the list cannot renumber another.
    #[test]
    fn code_retour_numbers_are_pinned() {
        let attendus: &[(&str, u32)] = &[
            ("UTILISATEUR_INCONNU", 20000),
            ("UTILISATEUR_NON_RATTACHE", 20001),
            ("ESPACE_TRAVAUX_NON_HABILITE", 20002),
            ("ESPACE_TRAVAUX_FERME", 20003),
            ("RESERVE_GESTIONNAIRE", 20004),
            ("PIGP_REQUIS", 20005),
            ("STRUCTURE_DEPOSANTE_AMBIGUE", 20006),
            ("CADRE_INCONNU", 20007),
            ("CADRE_HORS_PERIMETRE", 20008),
            ("MARCHE_INCONNU", 20009),
            ("MARCHE_REQUIS", 20010),
            ("ROLE_NON_AUTORISE", 20011),
            ("PIECE_PRECEDENTE_REQUISE", 20012),
            ("PIECE_PRECEDENTE_INCONNUE", 20013),
            ("ENCHAINEMENT_INTERDIT", 20014),
            ("PIECE_DEJA_SUIVIE", 20015),
            ("PIECE_PRECEDENTE_NON_DISPONIBLE", 20016),
            ("DELAI_MOE_EN_COURS", 20017),
            ("A22_PREMATUREE", 20018),
            ("A22_SANS_DECOMPTE_FINAL", 20019),
            ("A22_APRES_DECOMPTE_GENERAL", 20020),
            ("DGD_TACITE_PREMATURE", 20021),
            ("DECOMPTE_GENERAL_HORS_DELAI", 20022),
            ("SIGNATURE_HORS_DELAI", 20023),
            ("SIRET_FORMAT_INVALIDE", 20024),
            ("SIRET_CLE_INVALIDE", 20025),
            ("DESTINATAIRE_INCONNU", 20026),
            ("DESTINATAIRE_INACTIF", 20027),
            ("MAUVAISE_MOE", 20028),
            ("MAUVAISE_MOA", 20029),
            ("MOE_ABSENTE", 20030),
            ("MOA_NON_HABILITEE", 20031),
            ("DESTINATAIRE_NON_PAYEUR", 20032),
            ("DESTINATAIRE_EXCLUSIVEMENT_MOA", 20033),
            ("CADRE_NON_RECU_SANS_MOA", 20034),
            ("DESTINATAIRE_NON_PUBLIC", 20035),
            ("CODE_SERVICE_MANQUANT", 20036),
            ("CODE_SERVICE_INCONNU", 20037),
            ("SERVICE_INACTIF", 20038),
            ("ENGAGEMENT_MANQUANT", 20039),
            ("ENGAGEMENT_OU_SERVICE_MANQUANT", 20040),
            ("MONTANTS_INCOHERENTS", 20041),
            ("PIECE_INCONNUE", 20042),
            ("REFUS_NON_AUTORISE", 20043),
            ("MOTIF_INCONNU", 20044),
            ("MOTIF_NON_AUTORISE", 20045),
            ("ERREUR_MONTANT_NON_MOTIF", 20046),
            ("ACTION_NON_AUTORISEE", 20047),
            ("STATUT_INCOMPATIBLE", 20048),
            ("DOSSIER_FIGE", 20049),
            ("RECYCLAGE_CHAMP_INTERDIT", 20050),
            ("RECYCLAGE_SANS_PRECEDENTE", 20051),
            ("CONTESTATION_HORS_DELAI", 20052),
            ("SOLLICITATION_INCONNUE", 20053),
            ("STRUCTURE_EXISTANTE", 20054),
            ("STRUCTURE_INCONNUE", 20055),
            ("APPEL_DE_FONDS_EXCESSIF", 20056),
            ("CREDITS_NON_APPELES", 20057),
            ("MONTANT_ACCEPTE_INVALIDE", 20058),
            ("ACTEUR_ABSENT_DE_CHORUS_PRO", 20059),
            ("PAYEUR_ABSENT", 20060),
            ("NUMERO_DEJA_UTILISE", 20061),
            ("DATE_ANTERIEURE", 20062),
            ("DATE_HORS_LIMITES", 20063),
            ("GESTIONNAIRE_NON_RATTACHE", 20064),
            ("MONTANT_HORS_LIMITES", 20065),
        ];
        assert_eq!(attendus.len(), CodeRefus::TOUS.len(), "every code is pinned here");
        for (code, n) in attendus {
            let c = CodeRefus::parse(code).unwrap_or_else(|| panic!("{code} is no longer a code"));
            assert_eq!(c.code_retour(), *n, "{code}");
        }
        let mut numeros: Vec<u32> = CodeRefus::TOUS.iter().map(|c| c.code_retour()).collect();
        numeros.sort_unstable();
        numeros.dedup();
        assert_eq!(numeros.len(), CodeRefus::TOUS.len(), "two codes share a codeRetour");
    }

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
