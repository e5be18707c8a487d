//! The legal deadlines, in one table: each value a named constant with its source.
//!
//! Every computation and every French message uses these constants (messages through
//! [`jours`]), so that changing a deadline is a one-line change that every message follows. The
//! way a deadline is counted (pushed past weekends and holidays or not) lives in
//! `calendrier.rs` (D-DELAIS-1).

/// The MOE's delay on a monthly projet de décompte (D-DELAIS-2, Chorus Pro practice).
pub const MOE: u32 = 7;
/// The MOA's delay to notify the décompte général after the projet de décompte final (D-DELAIS-3,
/// CCAG-Travaux 2021 art. 12.4.2).
pub const DECOMPTE_GENERAL: u32 = 30;
/// The MOA's delay after the titulaire's A22: past it, the DGD is tacit (D-DELAIS-5,
/// CCAG-Travaux 2021 art. 12.4.4).
pub const TACITE: u32 = 10;
/// The titulaire's delay to return the signed décompte général (D-DELAIS-6, CCAG-Travaux 2021
/// art. 12.4.3).
pub const SIGNATURE: u32 = 30;
/// The titulaire's delay on a sous-traitant's payment request (D-SOUSTRAITANCE-1, CCP
/// R.2193-12).
pub const SOUS_TRAITANCE: u32 = 15;
/// The titulaire's delay to contest an amount correction, in calendar days (D-MONTANTS-2).
pub const CONTESTATION: u32 = 30;
/// The titulaire's delay to send the projet de décompte final after the réception (D-DELAIS-3,
/// CCAG-Travaux 2021 art. 12.3.2).
pub const DECOMPTE_FINAL: u32 = 30;
/// The delay of the mise en demeure that follows a missing projet de décompte final (D-DELAIS-3,
/// CCAG-Travaux 2021 art. 12.3.2).
pub const MISE_EN_DEMEURE: u32 = 15;
/// The délai global de paiement of the State, its EPA and the collectivités territoriales
/// (CCP R.2192-10, D-DELAIS-7).
pub const PAIEMENT_ETAT_COLLECTIVITES: u32 = 30;
/// The délai global de paiement of the établissements publics de santé (CCP R.2192-11 1°,
/// D-DELAIS-7).
pub const PAIEMENT_SANTE: u32 = 50;
/// The délai global de paiement of the entreprises publiques (CCP R.2192-11 2°, D-DELAIS-7).
pub const PAIEMENT_ENTREPRISES_PUBLIQUES: u32 = 60;
/// The least a payment period runs again after a completed first suspension (D-DELAIS-7).
pub const REPRISE_APRES_SUSPENSION: u32 = 30;
/// The days to pay the interest and the indemnity after the mise en paiement (CCP R.2192-36).
pub const VERSEMENT_INTERETS: u32 = 45;

/// How far a scenario's calendar may go after its start, in years (D-DELAIS-1bis).
pub const HORIZON_ANNEES: u32 = 100;

/// « 10 jours »: a deadline as French messages write it.
pub fn jours(n: u32) -> String {
    if n <= 1 { format!("{n} jour") } else { format!("{n} jours") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_french_form_of_a_deadline() {
        assert_eq!(jours(TACITE), "10 jours");
        assert_eq!(jours(1), "1 jour");
    }
}
