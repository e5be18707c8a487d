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
            /// adding a code renumbers nothing (a test pins every value). The band 28000–28999 holds
            /// no number the real platform is known to use (D-API-2; the real ones seen are
            /// 20003–20005, 20007, 20042, 20064, 20065, 20127–20134).
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
    UtilisateurInconnu = "UTILISATEUR_INCONNU", 28000, Acces, "D-UTILISATEURS-1";
    UtilisateurNonRattache = "UTILISATEUR_NON_RATTACHE", 28001, Acces, "D-ROUTAGE étape 1, D-UTILISATEURS-2";
    EspaceTravauxNonHabilite = "ESPACE_TRAVAUX_NON_HABILITE", 28002, Acces, "D-ROUTAGE étape 1, D-UTILISATEURS-2";
    EspaceTravauxFerme = "ESPACE_TRAVAUX_FERME", 28003, Acces, "D-UTILISATEURS-2, fait §4.1";
    ReserveGestionnaire = "RESERVE_GESTIONNAIRE", 28004, Acces, "D-UTILISATEURS-1";
    PigpRequis = "PIGP_REQUIS", 28005, Acces, "D-UTILISATEURS-1, D-MOAD-1";
    StructureDeposanteAmbigue = "STRUCTURE_DEPOSANTE_AMBIGUE", 28006, Acces, "D-CHAINE-5";
    // D-ROUTAGE step 2.
    CadreInconnu = "CADRE_INCONNU", 28007, Donnees, "D-CADRES-1";
    CadreHorsPerimetre = "CADRE_HORS_PERIMETRE", 28008, Donnees, "D-CADRES-1";
    MarcheInconnu = "MARCHE_INCONNU", 28009, Inconnu, "D-FICHE";
    MarcheRequis = "MARCHE_REQUIS", 28010, Donnees, "D-FICHE, D-CHAINE";
    RoleNonAutorise = "ROLE_NON_AUTORISE", 28011, Acces, "D-CHAINE-5, D-ROUTAGE étape 2";
    PiecePrecedenteRequise = "PIECE_PRECEDENTE_REQUISE", 28012, Etat, "D-CHAINE";
    PiecePrecedenteInconnue = "PIECE_PRECEDENTE_INCONNUE", 28013, Inconnu, "D-ROUTAGE étape 2, D-UTILISATEURS-2";
    EnchainementInterdit = "ENCHAINEMENT_INTERDIT", 28014, Etat, "D-CHAINE-1";
    PieceDejaSuivie = "PIECE_DEJA_SUIVIE", 28015, Etat, "D-CHAINE-2";
    PiecePrecedenteNonDisponible = "PIECE_PRECEDENTE_NON_DISPONIBLE", 28016, Etat, "D-CHAINE, D-REFUS-2";
    DelaiMoeEnCours = "DELAI_MOE_EN_COURS", 28017, Etat, "D-DELAIS-2";
    A22Prematuree = "A22_PREMATUREE", 28018, Etat, "D-DELAIS-4, CCAG-Travaux 2021 art. 12.4.4";
    A22SansDecompteFinal = "A22_SANS_DECOMPTE_FINAL", 28019, Etat, "D-DELAIS-4, CE 11/07/2025 n°502377";
    A22ApresDecompteGeneral = "A22_APRES_DECOMPTE_GENERAL", 28020, Etat, "D-DELAIS-4, fait §2.3";
    DgdTacitePremature = "DGD_TACITE_PREMATURE", 28021, Etat, "D-DELAIS-5, CCAG-Travaux 2021 art. 12.4.4";
    DecompteGeneralHorsDelai = "DECOMPTE_GENERAL_HORS_DELAI", 28022, Etat, "D-DELAIS-5";
    SignatureHorsDelai = "SIGNATURE_HORS_DELAI", 28023, Etat, "D-DELAIS-6";
    // D-ROUTAGE step 3.
    SiretFormatInvalide = "SIRET_FORMAT_INVALIDE", 28024, Donnees, "D-ROUTAGE étape 3";
    SiretCleInvalide = "SIRET_CLE_INVALIDE", 28025, Donnees, "D-ROUTAGE étape 3";
    DestinataireInconnu = "DESTINATAIRE_INCONNU", 28026, Inconnu, "D-ROUTAGE étape 3";
    DestinataireInactif = "DESTINATAIRE_INACTIF", 28027, Donnees, "D-ROUTAGE étape 3";
    // D-ROUTAGE step 4.
    MauvaiseMoe = "MAUVAISE_MOE", 28028, Donnees, "D-ROUTAGE étape 4";
    MauvaiseMoa = "MAUVAISE_MOA", 28029, Donnees, "D-ROUTAGE étape 4";
    MoeAbsente = "MOE_ABSENTE", 28030, Donnees, "D-ROUTAGE étape 4";
    MoaNonHabilitee = "MOA_NON_HABILITEE", 28031, Donnees, "D-ROUTAGE étape 4, D-MOAD-1";
    DestinataireNonPayeur = "DESTINATAIRE_NON_PAYEUR", 28032, Donnees, "D-ROUTAGE étape 4";
    DestinataireExclusivementMoa = "DESTINATAIRE_EXCLUSIVEMENT_MOA", 28033, Donnees, "D-ROUTAGE étape 4, fait §4.1";
    CadreNonRecuSansMoa = "CADRE_NON_RECU_SANS_MOA", 28034, Donnees, "D-ROUTAGE étape 4, fait §4.1";
    DestinataireNonPublic = "DESTINATAIRE_NON_PUBLIC", 28035, Donnees, "D-ROUTAGE étape 4 (hypothèse)";
    // D-ROUTAGE steps 5 and 6.
    CodeServiceManquant = "CODE_SERVICE_MANQUANT", 28036, Donnees, "D-ROUTAGE étape 5";
    CodeServiceInconnu = "CODE_SERVICE_INCONNU", 28037, Donnees, "D-ROUTAGE étape 5";
    ServiceInactif = "SERVICE_INACTIF", 28038, Donnees, "D-ROUTAGE étape 5";
    EngagementManquant = "ENGAGEMENT_MANQUANT", 28039, Donnees, "D-ROUTAGE étape 6";
    EngagementOuServiceManquant = "ENGAGEMENT_OU_SERVICE_MANQUANT", 28040, Donnees, "D-ROUTAGE étape 6";
    // D-MONTANTS.
    MontantsIncoherents = "MONTANTS_INCOHERENTS", 28041, Donnees, "D-MONTANTS-2";
    // D-REFUS and processing.
    PieceInconnue = "PIECE_INCONNUE", 28042, Inconnu, "D-UTILISATEURS-2";
    RefusNonAutorise = "REFUS_NON_AUTORISE", 28043, Acces, "D-REFUS-1";
    MotifInconnu = "MOTIF_INCONNU", 28044, Donnees, "D-REFUS-2, D-REFUS-3";
    MotifNonAutorise = "MOTIF_NON_AUTORISE", 28045, Donnees, "D-REFUS-1";
    ErreurMontantNonMotif = "ERREUR_MONTANT_NON_MOTIF", 28046, Donnees, "D-REFUS-3, Chorus Pro 19/02/2025";
    ActionNonAutorisee = "ACTION_NON_AUTORISEE", 28047, Acces, "D-UTILISATEURS-2";
    StatutIncompatible = "STATUT_INCOMPATIBLE", 28048, Etat, "D-STATUTS, table des transitions";
    DossierFige = "DOSSIER_FIGE", 28049, Etat, "D-REFUS-2, D-PAIEMENT-1";
    RecyclageChampInterdit = "RECYCLAGE_CHAMP_INTERDIT", 28050, Donnees, "D-REFUS-4";
    RecyclageSansPrecedente = "RECYCLAGE_SANS_PRECEDENTE", 28051, Etat, "D-REFUS-5";
    ContestationHorsDelai = "CONTESTATION_HORS_DELAI", 28052, Etat, "D-MONTANTS-2";
    // D-MOAD.
    SollicitationInconnue = "SOLLICITATION_INCONNUE", 28053, Inconnu, "D-MOAD-1";
    StructureExistante = "STRUCTURE_EXISTANTE", 28054, Donnees, "D-STRUCTURES-1";
    StructureInconnue = "STRUCTURE_INCONNUE", 28055, Inconnu, "D-STRUCTURES-1";
    AppelDeFondsExcessif = "APPEL_DE_FONDS_EXCESSIF", 28056, Etat, "D-MOAD-3";
    CreditsNonAppeles = "CREDITS_NON_APPELES", 28057, Etat, "D-MOAD-3";
    // D-SOUSTRAITANCE.
    MontantAccepteInvalide = "MONTANT_ACCEPTE_INVALIDE", 28058, Donnees, "D-SOUSTRAITANCE-1";
    // Added with the decisions of the second wave: new numbers, none renumbered.
    ActeurAbsentDeChorusPro = "ACTEUR_ABSENT_DE_CHORUS_PRO", 28059, Acces, "D-CHAINE-7";
    PayeurAbsent = "PAYEUR_ABSENT", 28060, Donnees, "D-ROUTAGE étape 4";
    NumeroDejaUtilise = "NUMERO_DEJA_UTILISE", 28061, Donnees, "D-REFUS-7";
    DateAnterieure = "DATE_ANTERIEURE", 28062, Etat, "D-DELAIS-1bis";
    DateHorsLimites = "DATE_HORS_LIMITES", 28063, Donnees, "D-DELAIS-1bis";
    GestionnaireNonRattache = "GESTIONNAIRE_NON_RATTACHE", 28064, Acces, "D-UTILISATEURS-4";
    MontantHorsLimites = "MONTANT_HORS_LIMITES", 28065, Donnees, "D-MONTANTS-1";
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
            ("UTILISATEUR_INCONNU", 28000),
            ("UTILISATEUR_NON_RATTACHE", 28001),
            ("ESPACE_TRAVAUX_NON_HABILITE", 28002),
            ("ESPACE_TRAVAUX_FERME", 28003),
            ("RESERVE_GESTIONNAIRE", 28004),
            ("PIGP_REQUIS", 28005),
            ("STRUCTURE_DEPOSANTE_AMBIGUE", 28006),
            ("CADRE_INCONNU", 28007),
            ("CADRE_HORS_PERIMETRE", 28008),
            ("MARCHE_INCONNU", 28009),
            ("MARCHE_REQUIS", 28010),
            ("ROLE_NON_AUTORISE", 28011),
            ("PIECE_PRECEDENTE_REQUISE", 28012),
            ("PIECE_PRECEDENTE_INCONNUE", 28013),
            ("ENCHAINEMENT_INTERDIT", 28014),
            ("PIECE_DEJA_SUIVIE", 28015),
            ("PIECE_PRECEDENTE_NON_DISPONIBLE", 28016),
            ("DELAI_MOE_EN_COURS", 28017),
            ("A22_PREMATUREE", 28018),
            ("A22_SANS_DECOMPTE_FINAL", 28019),
            ("A22_APRES_DECOMPTE_GENERAL", 28020),
            ("DGD_TACITE_PREMATURE", 28021),
            ("DECOMPTE_GENERAL_HORS_DELAI", 28022),
            ("SIGNATURE_HORS_DELAI", 28023),
            ("SIRET_FORMAT_INVALIDE", 28024),
            ("SIRET_CLE_INVALIDE", 28025),
            ("DESTINATAIRE_INCONNU", 28026),
            ("DESTINATAIRE_INACTIF", 28027),
            ("MAUVAISE_MOE", 28028),
            ("MAUVAISE_MOA", 28029),
            ("MOE_ABSENTE", 28030),
            ("MOA_NON_HABILITEE", 28031),
            ("DESTINATAIRE_NON_PAYEUR", 28032),
            ("DESTINATAIRE_EXCLUSIVEMENT_MOA", 28033),
            ("CADRE_NON_RECU_SANS_MOA", 28034),
            ("DESTINATAIRE_NON_PUBLIC", 28035),
            ("CODE_SERVICE_MANQUANT", 28036),
            ("CODE_SERVICE_INCONNU", 28037),
            ("SERVICE_INACTIF", 28038),
            ("ENGAGEMENT_MANQUANT", 28039),
            ("ENGAGEMENT_OU_SERVICE_MANQUANT", 28040),
            ("MONTANTS_INCOHERENTS", 28041),
            ("PIECE_INCONNUE", 28042),
            ("REFUS_NON_AUTORISE", 28043),
            ("MOTIF_INCONNU", 28044),
            ("MOTIF_NON_AUTORISE", 28045),
            ("ERREUR_MONTANT_NON_MOTIF", 28046),
            ("ACTION_NON_AUTORISEE", 28047),
            ("STATUT_INCOMPATIBLE", 28048),
            ("DOSSIER_FIGE", 28049),
            ("RECYCLAGE_CHAMP_INTERDIT", 28050),
            ("RECYCLAGE_SANS_PRECEDENTE", 28051),
            ("CONTESTATION_HORS_DELAI", 28052),
            ("SOLLICITATION_INCONNUE", 28053),
            ("STRUCTURE_EXISTANTE", 28054),
            ("STRUCTURE_INCONNUE", 28055),
            ("APPEL_DE_FONDS_EXCESSIF", 28056),
            ("CREDITS_NON_APPELES", 28057),
            ("MONTANT_ACCEPTE_INVALIDE", 28058),
            ("ACTEUR_ABSENT_DE_CHORUS_PRO", 28059),
            ("PAYEUR_ABSENT", 28060),
            ("NUMERO_DEJA_UTILISE", 28061),
            ("DATE_ANTERIEURE", 28062),
            ("DATE_HORS_LIMITES", 28063),
            ("GESTIONNAIRE_NON_RATTACHE", 28064),
            ("MONTANT_HORS_LIMITES", 28065),
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
    fn no_code_retour_is_a_number_the_real_platform_uses() {
        // D-API-2: the numbers public material shows the real platform answering.
        let reels = [20003, 20004, 20005, 20007, 20042, 20064, 20065, 20127, 20128, 20129, 20131, 20132, 20133, 20134];
        for c in CodeRefus::TOUS {
            assert!((28_000..29_000).contains(&c.code_retour()), "{c:?} is outside the reference's band");
            assert!(!reels.contains(&c.code_retour()), "{c:?}");
        }
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
