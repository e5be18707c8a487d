//! Refusal motifs of travaux pieces (fact base §3.3, S9; D-REFUS-2 and D-REFUS-3), and the one
//! function that lists those available on a date for a cadre: the in-process platform and the
//! HTTP server both answer with it.

use super::cadre::CadreFacturation;
use super::calendrier::Date;
use super::refus::{CodeRefus, Refus};

/// A refusal motif (`codeMotif`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Motif {
    /// `AUTRE` (116): the piece is refused for good (D-REFUS-2).
    Autre,
    /// `MAUVAIS_VALIDEUR` (117): routing error (D-REFUS-2).
    MauvaisValideur,
    /// `MAUVAISE_MOE` (114): routing error (D-REFUS-2).
    MauvaiseMoe,
    /// `MAUVAISE_MOA` (115): routing error (D-REFUS-2).
    MauvaiseMoa,
    /// `REF_FAC_TRAVAUX` (5650): a reason entered in the back office, treated as « autre »
    /// (hypothèse).
    RefFacTravaux,
    /// « Erreur de montant » (`ERREUR_MONTANT`, API code UNCONFIRMED): listed from 19/02/2025, and
    /// never accepted as a refusal (D-REFUS-3).
    ErreurMontant,
}

/// The date from which « erreur de montant » is listed, and refused (D-REFUS-3, Chorus Pro
/// KB0011867).
pub const DATE_ERREUR_MONTANT: Date = Date::ymd_const(2025, 2, 19);

impl Motif {
    /// Every motif, in the order the platform lists them.
    pub const TOUS: [Motif; 6] =
        [Motif::Autre, Motif::MauvaisValideur, Motif::MauvaiseMoe, Motif::MauvaiseMoa, Motif::RefFacTravaux, Motif::ErreurMontant];

    /// `codeMotif`.
    pub fn code(self) -> &'static str {
        match self {
            Motif::Autre => "AUTRE",
            Motif::MauvaisValideur => "MAUVAIS_VALIDEUR",
            Motif::MauvaiseMoe => "MAUVAISE_MOE",
            Motif::MauvaiseMoa => "MAUVAISE_MOA",
            Motif::RefFacTravaux => "REF_FAC_TRAVAUX",
            Motif::ErreurMontant => "ERREUR_MONTANT",
        }
    }

    /// `idMotif` (S9); unknown for « erreur de montant ».
    pub fn id(self) -> Option<u32> {
        match self {
            Motif::Autre => Some(116),
            Motif::MauvaisValideur => Some(117),
            Motif::MauvaiseMoe => Some(114),
            Motif::MauvaiseMoa => Some(115),
            Motif::RefFacTravaux => Some(5650),
            Motif::ErreurMontant => None,
        }
    }

    /// `libelleMotif` (S9).
    pub fn libelle(self) -> &'static str {
        match self {
            Motif::Autre => "Autre",
            Motif::MauvaisValideur => "Mauvais valideur",
            Motif::MauvaiseMoe => "Mauvaise maîtrise d'œuvre",
            Motif::MauvaiseMoa => "Mauvaise maîtrise d'ouvrage",
            Motif::RefFacTravaux => "Motif saisi dans le back office",
            Motif::ErreurMontant => "Erreur de montant",
        }
    }

    /// Whether it is a routing-data error: the piece goes back to its depositor for recycling
    /// (D-REFUS-2).
    pub fn est_acheminement(self) -> bool {
        matches!(self, Motif::MauvaisValideur | Motif::MauvaiseMoe | Motif::MauvaiseMoa)
    }

    /// Reads a motif code as written by a person or a client (`mauvaise moe`, `Erreur de montant`).
    pub fn lire(code: &str) -> Option<Motif> {
        let c = code.trim().to_uppercase().replace([' ', '\''], "_");
        let c = if c == "ERREUR_DE_MONTANT" { "ERREUR_MONTANT".to_string() } else { c };
        Motif::TOUS.iter().copied().find(|m| m.code() == c)
    }
}

/// The motifs a piece of `cadre` may be refused with on `date`: the five of S9 for a travaux
/// piece, and « erreur de montant » from 19/02/2025 (D-REFUS-3). A facture simple is rejected in
/// « Factures reçues », never refused: none. With no cadre, the list of a travaux piece.
pub fn motifs_disponibles(date: Date, cadre: Option<CadreFacturation>) -> Vec<Motif> {
    if cadre.is_some_and(|c| !c.est_travaux()) {
        return Vec::new();
    }
    Motif::TOUS.iter().copied().filter(|m| *m != Motif::ErreurMontant || date >= DATE_ERREUR_MONTANT).collect()
}

/// The motif a refusal may use on `date` (D-REFUS-3): an unlisted code is unknown; « erreur de
/// montant », once listed, is refused with the message that the amount is corrected in the
/// actor's own piece.
pub fn motif_de_refus(code: &str, date: Date) -> Result<Motif, Refus> {
    let inconnu = || Refus::new(CodeRefus::MotifInconnu, format!("motif de refus inconnu : {code}"));
    let motif = Motif::lire(code).filter(|m| motifs_disponibles(date, None).contains(m)).ok_or_else(inconnu)?;
    if motif == Motif::ErreurMontant {
        return Err(Refus::new(
            CodeRefus::ErreurMontantNonMotif,
            "une pièce ne peut pas être refusée pour une erreur de montant : corrigez le montant dans votre propre pièce (par exemple l'état d'acompte)",
        ));
    }
    Ok(motif)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect(s)
    }

    #[test]
    fn erreur_de_montant_is_listed_from_19_february_2025_exactly() {
        let veille = motifs_disponibles(d("2025-02-18"), None);
        let jour = motifs_disponibles(d("2025-02-19"), None);
        assert_eq!(veille.len(), 5);
        assert!(!veille.contains(&Motif::ErreurMontant));
        assert_eq!(jour.len(), 6);
        assert_eq!(jour.last(), Some(&Motif::ErreurMontant));
    }

    #[test]
    fn a_facture_simple_has_no_refusal_motif() {
        assert!(motifs_disponibles(d("2026-01-01"), Some(CadreFacturation::A9)).is_empty());
        assert_eq!(motifs_disponibles(d("2026-01-01"), Some(CadreFacturation::A4)).len(), 6);
    }

    #[test]
    fn erreur_de_montant_is_unknown_before_and_refused_after() {
        let check = |date: &str, code: CodeRefus| {
            assert_eq!(motif_de_refus("erreur de montant", d(date)).map_err(|r| r.code), Err(code), "{date}");
        };
        check("2025-02-18", CodeRefus::MotifInconnu);
        check("2025-02-19", CodeRefus::ErreurMontantNonMotif);
        assert_eq!(motif_de_refus("mauvaise moe", d("2026-01-01")), Ok(Motif::MauvaiseMoe));
        assert_eq!(motif_de_refus("N'IMPORTE", d("2026-01-01")).map_err(|r| r.code), Err(CodeRefus::MotifInconnu));
    }

    #[test]
    fn codes_round_trip_and_only_three_are_routing_errors() {
        for m in Motif::TOUS {
            assert_eq!(Motif::lire(m.code()), Some(m));
        }
        let acheminement: Vec<Motif> = Motif::TOUS.into_iter().filter(|m| m.est_acheminement()).collect();
        assert_eq!(acheminement, [Motif::MauvaisValideur, Motif::MauvaiseMoe, Motif::MauvaiseMoa]);
    }
}
