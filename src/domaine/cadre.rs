//! The 25 cadres de facturation, their API codes and what each may follow (fact base §1, D-CADRES,
//! D-CHAINE).

use std::fmt;

/// The role a structure plays in a contract (the identity sheet's roles, D-FICHE).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RoleMarche {
    /// The titulaire (mandataire of a groupement, or sole contractor).
    Titulaire,
    /// A cotraitant.
    Cotraitant,
    /// A sous-traitant with paiement direct.
    SousTraitant,
    /// The maîtrise d'œuvre.
    Moe,
    /// The maîtrise d'ouvrage (or the MOAD acting for its mandant).
    Moa,
    /// The service financier (payer) when it is not the MOA.
    ServiceFinancier,
}

impl RoleMarche {
    /// French label.
    pub fn libelle(self) -> &'static str {
        match self {
            RoleMarche::Titulaire => "titulaire",
            RoleMarche::Cotraitant => "cotraitant",
            RoleMarche::SousTraitant => "sous-traitant",
            RoleMarche::Moe => "maîtrise d'œuvre",
            RoleMarche::Moa => "maîtrise d'ouvrage",
            RoleMarche::ServiceFinancier => "service financier",
        }
    }

    /// Stable code (`TITULAIRE`, `SOUS_TRAITANT`, `MOE`…), as lists and the HTTP contract carry it.
    pub fn code(self) -> &'static str {
        match self {
            RoleMarche::Titulaire => "TITULAIRE",
            RoleMarche::Cotraitant => "COTRAITANT",
            RoleMarche::SousTraitant => "SOUS_TRAITANT",
            RoleMarche::Moe => "MOE",
            RoleMarche::Moa => "MOA",
            RoleMarche::ServiceFinancier => "SERVICE_FINANCIER",
        }
    }

    /// Bit for [`RolesMarche`].
    const fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// All roles.
    pub const TOUS: [RoleMarche; 6] = [
        RoleMarche::Titulaire,
        RoleMarche::Cotraitant,
        RoleMarche::SousTraitant,
        RoleMarche::Moe,
        RoleMarche::Moa,
        RoleMarche::ServiceFinancier,
    ];

    /// Parses a French role name (`titulaire`, `moe`, `maîtrise d'œuvre`, …).
    pub fn parse(texte: &str) -> Option<RoleMarche> {
        let t = texte.trim().to_lowercase().replace('œ', "oe").replace(['’'], "'").replace('_', " ");
        Some(match t.as_str() {
            "titulaire" | "fournisseur" => RoleMarche::Titulaire,
            "cotraitant" => RoleMarche::Cotraitant,
            "sous-traitant" | "soustraitant" | "sous traitant" => RoleMarche::SousTraitant,
            "moe" | "maîtrise d'oeuvre" | "maitrise d'oeuvre" => RoleMarche::Moe,
            "moa" | "maîtrise d'ouvrage" | "maitrise d'ouvrage" | "moad" => RoleMarche::Moa,
            "service financier" | "payeur" => RoleMarche::ServiceFinancier,
            _ => return None,
        })
    }
}

impl fmt::Display for RoleMarche {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.libelle())
    }
}

/// A small set of roles (a structure may hold several on one contract, or play another's role
/// through a substitution, D-CHAINE-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RolesMarche(u8);

impl RolesMarche {
    /// Adds a role.
    pub fn avec(self, r: RoleMarche) -> RolesMarche {
        RolesMarche(self.0 | r.bit())
    }
    /// Whether the set holds the role.
    pub fn contient(self, r: RoleMarche) -> bool {
        self.0 & r.bit() != 0
    }
    /// Whether the set is empty.
    pub fn est_vide(self) -> bool {
        self.0 == 0
    }
    /// The roles, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = RoleMarche> {
        RoleMarche::TOUS.into_iter().filter(move |r| self.contient(*r))
    }
}

/// What a cadre's piece is, as the portal names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// A facture simple (not a travaux piece).
    FactureSimple,
    /// Out of scope (justice, TIC) – D-CADRES-1.
    HorsPerimetre,
    /// During the contract.
    EnCours,
    /// End of the contract.
    Fin,
    /// Procédure tacite.
    Tacite,
}

macro_rules! cadres {
    ($( $v:ident = $n:literal, $code:literal, $type_ft:expr, $deposant:expr, $phase:ident, $piece:literal; )*) => {
        /// A cadre de facturation (fact base §1: exact API codes from S1).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum CadreFacturation { $(
            #[doc = $code]
            $v,
        )* }

        /// The pieces the D-CHAINE tables send to the MOA, which go to the payer's « Factures reçues »
/// when the identity sheet names no MOA in Chorus Pro, and still wait for their next piece there
/// (D-CHAINE-4).
pub const SUIVIS_CHEZ_LE_PAYEUR: [CadreFacturation; 4] = [C::A5, C::A15, C::A17, C::A22];

impl CadreFacturation {
    /// The role whose facture simple this cadre is (D-CHAINE-6: A9 the sous-traitant's, A12 the
    /// cotraitant's); `None` for the others.
    pub fn deposant_facture_simple(self) -> Option<RoleMarche> {
        match self {
            C::A9 => Some(RoleMarche::SousTraitant),
            C::A12 => Some(RoleMarche::Cotraitant),
            _ => None,
        }
    }

            /// The 25 cadres, A1 to A25.
            pub const TOUS: [CadreFacturation; 25] = [$(CadreFacturation::$v),*];

            /// The API code, `A4_PROJET_DECOMPTE_MENSUEL_FOURNISSEUR`.
            pub fn code_api(self) -> &'static str { match self { $(CadreFacturation::$v => $code),* } }

            /// The number, 1 to 25.
            pub fn numero(self) -> u8 { match self { $(CadreFacturation::$v => $n),* } }

            /// `typeFactureTravaux` (fact base §1, mapping [I]); `None` outside travaux.
            pub fn type_facture_travaux(self) -> Option<&'static str> { match self { $(CadreFacturation::$v => $type_ft),* } }

            /// The role that deposits it (`None` for factures simples and out-of-scope cadres,
            /// which any supplier deposits without a contract).
            pub fn deposant(self) -> Option<RoleMarche> { match self { $(CadreFacturation::$v => $deposant),* } }

            /// The phase of the process.
            pub fn phase(self) -> Phase { match self { $(CadreFacturation::$v => Phase::$phase),* } }

            /// The piece, as the portal names it.
            pub fn piece(self) -> &'static str { match self { $(CadreFacturation::$v => $piece),* } }
        }
    };
}

use RoleMarche::{Cotraitant as COT, Moa as MOA, Moe as MOE, SousTraitant as ST, Titulaire as TIT};

cadres! {
    A1 = 1, "A1_FACTURE_FOURNISSEUR", None, None, FactureSimple, "facture simple";
    A2 = 2, "A2_FACTURE_FOURNISSEUR_DEJA_PAYEE", None, None, FactureSimple, "facture déjà payée";
    A3 = 3, "A3_MEMOIRE_JUSTICE", None, None, HorsPerimetre, "mémoire de frais de justice";
    A4 = 4, "A4_PROJET_DECOMPTE_MENSUEL_FOURNISSEUR", Some("PROJET_DECOMPTE_MENSUEL"), Some(TIT), EnCours, "projet de décompte mensuel";
    A5 = 5, "A5_ETAT_ACOMPTE_FOURNISSEUR", Some("ETAT_ACOMPTE"), Some(TIT), EnCours, "état d'acompte";
    A6 = 6, "A6_ETAT_ACOMPTE_VALIDE_FOURNISSEUR", Some("ETAT_ACOMPTE_VALIDE"), Some(TIT), EnCours, "état d'acompte validé";
    A7 = 7, "A7_PROJET_DECOMPTE_FINAL_FOURNISSEUR", Some("PROJET_DECOMPTE_FINAL"), Some(TIT), Fin, "projet de décompte final";
    A8 = 8, "A8_DECOMPTE_GENERAL_DEFINITIF_FOURNISSEUR", Some("DECOMPTE_GENERAL_SIGNE"), Some(TIT), Fin, "décompte général signé";
    A9 = 9, "A9_FACTURE_SOUSTRAITANT", None, None, FactureSimple, "facture de sous-traitant";
    A10 = 10, "A10_PROJET_DECOMPTE_MENSUEL_SOUSTRAITANT", Some("DP_DE_SOUSTRAITANT_TRAVAUX"), Some(ST), EnCours, "demande de paiement de sous-traitant";
    A11 = 11, "A11_PROJET_DECOMPTE_FINAL_SOUSTRAITANT", Some("PROJET_DECOMPTE_FINAL"), Some(ST), Fin, "projet de décompte final de sous-traitant";
    A12 = 12, "A12_FACTURE_COTRAITANT", None, None, FactureSimple, "facture de cotraitant";
    A13 = 13, "A13_PROJET_DECOMPTE_MENSUEL_COTRAITANT", Some("PROJET_DECOMPTE_MENSUEL"), Some(COT), EnCours, "projet de décompte mensuel de cotraitant";
    A14 = 14, "A14_PROJET_DECOMPTE_FINAL_COTRAITANT", Some("PROJET_DECOMPTE_FINAL"), Some(COT), Fin, "projet de décompte final de cotraitant";
    A15 = 15, "A15_ETAT_ACOMPTE_MOE", Some("ETAT_ACOMPTE"), Some(MOE), EnCours, "état d'acompte";
    A16 = 16, "A16_ETAT_ACOMPTE_VALIDE_MOE", Some("ETAT_ACOMPTE_VALIDE"), Some(MOE), EnCours, "état d'acompte validé";
    A17 = 17, "A17_PROJET_DECOMPTE_GENERAL_MOE", Some("PROJET_DECOMPTE_GENERAL"), Some(MOE), Fin, "projet de décompte général";
    A18 = 18, "A18_DECOMPTE_GENERAL_MOE", Some("DECOMPTE_GENERAL"), Some(MOE), Fin, "décompte général";
    A19 = 19, "A19_ETAT_ACOMPTE_VALIDE_MOA", Some("ETAT_ACOMPTE_VALIDE"), Some(MOA), EnCours, "état d'acompte validé";
    A20 = 20, "A20_DECOMPTE_GENERAL_MOA", Some("DECOMPTE_GENERAL"), Some(MOA), Fin, "décompte général";
    A21 = 21, "A21_DEMANDE_REMBOURSEMENT_TIC", None, None, HorsPerimetre, "demande de remboursement TIC/TICGN";
    A22 = 22, "A22_PROJET_DECOMPTE_GENERAL_FOURNISSEUR_PROCEDURE_TACITE", Some("PROJET_DECOMPTE_GENERAL_PROCEDURE_TACITE"), Some(TIT), Tacite, "projet de décompte général (procédure tacite)";
    A23 = 23, "A23_DECOMPTE_GENERAL_DEFINITIF_TACITE_FOURNISSEUR", Some("DECOMPTE_GENERAL_DEFINITIF_TACITE"), Some(TIT), Tacite, "décompte général et définitif tacite";
    A24 = 24, "A24_DECOMPTE_GENERAL_DEFINITIF_TACITE_MOE", Some("DECOMPTE_GENERAL_DEFINITIF_TACITE"), Some(MOE), Tacite, "décompte général et définitif tacite";
    // D-CADRES-2: A25 is deposited by the MOA (hypothèse: the enum name says MOE).
    A25 = 25, "A25_DECOMPTE_GENERAL_DEFINITIF_MOE_PROCEDURE_TACITE", Some("DECOMPTE_GENERAL_DEFINITIF_PROCEDURE_TACITE"), Some(MOA), Tacite, "décompte général et définitif tacite (procédure tacite)";
}

use CadreFacturation as C;

/// The seed's list of travaux cadres a « sans MOA » structure receives in « Factures reçues »
/// (fact base §4.1 [S]).
pub const RECUS_SANS_MOA: [CadreFacturation; 12] =
    [C::A10, C::A5, C::A6, C::A8, C::A15, C::A16, C::A17, C::A19, C::A22, C::A23, C::A24, C::A25];

impl CadreFacturation {
    /// Parses `A4`, `a4` or the full API code.
    pub fn parse(texte: &str) -> Option<CadreFacturation> {
        let t = texte.trim();
        let court = t.split('_').next().unwrap_or(t).to_ascii_uppercase();
        let n: u8 = court.strip_prefix('A')?.parse().ok()?;
        let c = *CadreFacturation::TOUS.get(usize::from(n).checked_sub(1)?)?;
        if t.contains('_') && !t.eq_ignore_ascii_case(c.code_api()) {
            return None;
        }
        Some(c)
    }

    /// Short code, `A4`.
    pub fn court(self) -> String {
        format!("A{}", self.numero())
    }

    /// Whether this is a travaux cadre (A4–A8, A10, A11, A13–A20, A22–A25).
    pub fn est_travaux(self) -> bool {
        matches!(self.phase(), Phase::EnCours | Phase::Fin | Phase::Tacite)
    }

    /// Whether this is a facture simple (A1, A2, A9, A12: D-CADRES-1).
    pub fn est_facture_simple(self) -> bool {
        self.phase() == Phase::FactureSimple
    }

    /// Out of scope: A3 and A21 (D-CADRES-1).
    pub fn hors_perimetre(self) -> bool {
        self.phase() == Phase::HorsPerimetre
    }

    /// A11 is kept but flagged legacy (D-CADRES-3).
    pub fn est_legacy(self) -> bool {
        self == C::A11
    }

    /// `typeDemandePaiement`: `FACTURE_TRAVAUX` or `FACTURE` (fact base §1, S4).
    pub fn type_demande_paiement(self) -> &'static str {
        if self.est_travaux() { "FACTURE_TRAVAUX" } else { "FACTURE" }
    }

    /// The cadres this one may follow in an association (D-CHAINE tables). An empty list means the
    /// cadre is only deposited initially. Conditions that depend on the identity sheet or on
    /// deadlines are checked by the routing function.
    pub fn peut_suivre(self) -> &'static [CadreFacturation] {
        match self {
            C::A15 | C::A16 => &[C::A4, C::A13, C::A10],
            C::A19 => &[C::A15, C::A5, C::A4, C::A13, C::A10],
            C::A17 => &[C::A7, C::A14, C::A11],
            C::A20 => &[C::A17, C::A22, C::A7, C::A14, C::A11],
            C::A18 => &[C::A7, C::A14, C::A11, C::A17, C::A22],
            C::A8 => &[C::A20, C::A18],
            C::A22 => &[C::A7, C::A14, C::A11, C::A17],
            C::A23 | C::A24 | C::A25 => &[C::A22],
            _ => &[],
        }
    }

    /// Whether the cadre may be deposited without a previous piece (possibly only under a sheet
    /// condition, checked by routing).
    pub fn peut_etre_initial(self) -> bool {
        matches!(self, C::A1 | C::A2 | C::A9 | C::A12 | C::A4 | C::A13 | C::A10 | C::A5 | C::A6 | C::A7 | C::A14 | C::A11 | C::A19 | C::A20)
    }

    /// Whether this piece is a projet de décompte (refused by the MOE: D-REFUS-1).
    pub fn est_projet_decompte(self) -> bool {
        matches!(self, C::A4 | C::A13 | C::A10 | C::A7 | C::A14 | C::A11)
    }

    /// Whether this piece is a monthly projet de décompte (the MOE's 7 days: D-DELAIS-2).
    pub fn est_projet_mensuel(self) -> bool {
        matches!(self, C::A4 | C::A13 | C::A10)
    }

    /// Whether this piece is a projet de décompte final (starts the DG deadline: D-DELAIS-3).
    pub fn est_projet_final(self) -> bool {
        matches!(self, C::A7 | C::A14 | C::A11)
    }

    /// Whether this piece is a décompte général notified to the titulaire (A20, A18).
    pub fn est_decompte_general(self) -> bool {
        matches!(self, C::A20 | C::A18)
    }

    /// Whether this piece is a DGD tacite (A23, A24, A25).
    pub fn est_dgd_tacite(self) -> bool {
        matches!(self, C::A23 | C::A24 | C::A25)
    }
}

impl fmt::Display for CadreFacturation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code_api())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_five_cadres_with_exact_codes() {
        // Fact base §1 (S1): the API enumeration.
        assert_eq!(CadreFacturation::TOUS.len(), 25);
        for (i, c) in CadreFacturation::TOUS.iter().enumerate() {
            assert_eq!(usize::from(c.numero()), i + 1);
            assert!(c.code_api().starts_with(&format!("A{}_", i + 1)));
            assert_eq!(CadreFacturation::parse(c.code_api()), Some(*c));
            assert_eq!(CadreFacturation::parse(&c.court()), Some(*c));
        }
        assert_eq!(C::A15.code_api(), "A15_ETAT_ACOMPTE_MOE");
        assert_eq!(CadreFacturation::parse("A26"), None);
        assert_eq!(CadreFacturation::parse("A0"), None);
        assert_eq!(CadreFacturation::parse("A4_PROJET_DECOMPTE_FINAL"), None);
    }

    #[test]
    fn travaux_and_simple_cadres() {
        // Fact base §1: travaux A4–A8, A10, A11, A13–A20, A22–A25.
        let travaux: Vec<u8> = CadreFacturation::TOUS.iter().filter(|c| c.est_travaux()).map(|c| c.numero()).collect();
        assert_eq!(travaux, vec![4, 5, 6, 7, 8, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 22, 23, 24, 25]);
        // D-CADRES-1: A3 and A21 out of scope; A1, A2, A9, A12 factures simples.
        assert!(C::A3.hors_perimetre() && C::A21.hors_perimetre());
        let simples: Vec<u8> = CadreFacturation::TOUS.iter().filter(|c| c.est_facture_simple()).map(|c| c.numero()).collect();
        assert_eq!(simples, vec![1, 2, 9, 12]);
        assert_eq!(C::A4.type_demande_paiement(), "FACTURE_TRAVAUX");
        assert_eq!(C::A1.type_demande_paiement(), "FACTURE");
    }

    #[test]
    fn depositors_follow_the_fact_base() {
        assert_eq!(C::A25.deposant(), Some(RoleMarche::Moa)); // D-CADRES-2
        assert_eq!(C::A24.deposant(), Some(RoleMarche::Moe));
        assert_eq!(C::A10.deposant(), Some(RoleMarche::SousTraitant));
        assert_eq!(C::A13.deposant(), Some(RoleMarche::Cotraitant));
        assert!(C::A11.est_legacy()); // D-CADRES-3
    }

    #[test]
    fn type_facture_travaux_mapping() {
        assert_eq!(C::A10.type_facture_travaux(), Some("DP_DE_SOUSTRAITANT_TRAVAUX"));
        assert_eq!(C::A8.type_facture_travaux(), Some("DECOMPTE_GENERAL_SIGNE"));
        assert_eq!(C::A25.type_facture_travaux(), Some("DECOMPTE_GENERAL_DEFINITIF_PROCEDURE_TACITE"));
        assert_eq!(C::A1.type_facture_travaux(), None);
    }

    #[test]
    fn chain_table() {
        // D-CHAINE: A22 follows A7/A14/A11/A17; DGD tacite follows A22 only.
        assert!(C::A22.peut_suivre().contains(&C::A17));
        assert_eq!(C::A23.peut_suivre(), &[C::A22]);
        assert!(!C::A15.peut_etre_initial());
        assert!(C::A19.peut_etre_initial());
        assert!(C::A8.peut_suivre().contains(&C::A18));
    }
}
