//! The délai global de paiement and late-payment interest (D-DELAIS-7, CCP R.2192-10 to -36).

use super::calendrier::{Date, echeance_calendaire};
use super::delais;
use super::piece::Suspension;
use rust_decimal::{Decimal, RoundingStrategy};

/// The ECB main refinancing rate in force from a date (in percent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TauxBce {
    /// First day the rate applies.
    pub depuis: Date,
    /// The rate, in percent.
    pub taux: Decimal,
}

/// A table of ECB rates, read from data (D-DELAIS-7: "the rates are data in a YAML file with their
/// source, not constants in code").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableTaux {
    /// Where the rates come from.
    pub source: String,
    /// Rates, sorted by date.
    pub taux: Vec<TauxBce>,
}

impl TableTaux {
    /// The rate in force on `date`.
    pub fn taux_au(&self, date: Date) -> Option<Decimal> {
        self.taux.iter().rev().find(|t| t.depuis <= date).map(|t| t.taux)
    }
}

/// The late-payment points added to the ECB rate (CCP R.2192-31 via D-DELAIS-7).
pub const POINTS_MAJORATION: Decimal = Decimal::from_parts(8, 0, 0, false, 0);
/// The flat recovery indemnity per late request (CCP R.2192-35 via D-DELAIS-7).
pub const INDEMNITE_FORFAITAIRE: Decimal = Decimal::from_parts(40, 0, 0, false, 0);

/// The last day of the payment period, or `None` while a first suspension is not completed.
///
/// D-DELAIS-7: the first suspension interrupts the period once; completion opens a new period of
/// the longer of 30 days and the days that remained; a later suspension does not interrupt. The
/// period is not pushed past weekends and holidays (D-DELAIS-1, a hypothèse).
pub fn echeance_paiement(debut: Date, jours: u32, suspensions: &[Suspension]) -> Option<Date> {
    let initiale = echeance_calendaire(debut, jours);
    match suspensions.first() {
        Some(s) if s.le <= initiale => {
            let restant = s.le.jours_jusqu_a(initiale).max(0) as u32;
            let reprise = s.completee_le?;
            Some(echeance_calendaire(reprise, restant.max(delais::REPRISE_APRES_SUSPENSION)))
        }
        _ => Some(initiale),
    }
}

/// The late-payment interest owed on one payment request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retard {
    /// Last day of the payment period.
    pub echeance: Date,
    /// Days late, from the day after the period to the mise en paiement inclusive.
    pub jours: i32,
    /// The ECB rate applied (in force on 1 January or 1 July of the first late day's half-year).
    pub taux_bce: Decimal,
    /// ECB rate + 8 points.
    pub taux_applique: Decimal,
    /// Interest, rounded to the cent.
    pub interets: Decimal,
    /// The €40 indemnity.
    pub indemnite: Decimal,
    /// Date by which interest and indemnity are due (R.2192-36).
    pub a_verser_avant: Date,
}

/// Why interest cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErreurInterets {
    /// The rate table has no rate for the half-year.
    #[error("aucun taux BCE connu au {0}")]
    TauxInconnu(Date),
}

/// Late-payment interest for `ttc` paid on `mise_en_paiement` (D-DELAIS-7). `Ok(None)` when the
/// payment is on time.
pub fn interets_moratoires(
    ttc: Decimal,
    echeance: Date,
    mise_en_paiement: Date,
    table: &TableTaux,
) -> Result<Option<Retard>, ErreurInterets> {
    let jours = echeance.jours_jusqu_a(mise_en_paiement);
    if jours <= 0 {
        return Ok(None);
    }
    let premier_jour = echeance.lendemain();
    let (a, m, _) = premier_jour.civil();
    let semestre = Date::ymd(a, if m <= 6 { 1 } else { 7 }, 1).expect("1 January and 1 July exist");
    let taux_bce = table.taux_au(semestre).ok_or(ErreurInterets::TauxInconnu(semestre))?;
    let taux_applique = taux_bce + POINTS_MAJORATION;
    let interets = (ttc * taux_applique / Decimal::ONE_HUNDRED * Decimal::from(jours) / Decimal::from(365))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    Ok(Some(Retard {
        echeance,
        jours,
        taux_bce,
        taux_applique,
        interets,
        indemnite: INDEMNITE_FORFAITAIRE,
        a_verser_avant: mise_en_paiement.plus_jours(delais::VERSEMENT_INTERETS as i32),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Date {
        Date::parse(s).expect(s)
    }
    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect(s)
    }
    fn table() -> TableTaux {
        TableTaux {
            source: "test".into(),
            taux: vec![TauxBce { depuis: d("2025-01-01"), taux: dec("3.15") }, TauxBce { depuis: d("2025-07-01"), taux: dec("2.15") }],
        }
    }

    #[test]
    fn payment_period_is_not_extended() {
        // D-DELAIS-7 / D-DELAIS-1: 30 calendar days, not pushed to a working day.
        assert_eq!(echeance_paiement(d("2025-03-03"), 30, &[]), Some(d("2025-04-02")));
        assert_eq!(echeance_paiement(d("2025-03-01"), 30, &[]), Some(d("2025-03-31")));
    }

    #[test]
    fn first_suspension_interrupts_once() {
        // D-DELAIS-7: 20 days remained, completion opens max(30, 20) = 30 days.
        let s = [Suspension { le: d("2025-03-13"), completee_le: Some(d("2025-03-20")) }];
        assert_eq!(echeance_paiement(d("2025-03-03"), 30, &s), Some(d("2025-04-19")));
        // Still suspended: no deadline.
        let s = [Suspension { le: d("2025-03-13"), completee_le: None }];
        assert_eq!(echeance_paiement(d("2025-03-03"), 30, &s), None);
        // 50-day period, suspended after 5 days: 45 remain, longer than 30.
        let s = [Suspension { le: d("2025-03-08"), completee_le: Some(d("2025-03-10")) }];
        assert_eq!(echeance_paiement(d("2025-03-03"), 50, &s), Some(d("2025-04-24")));
    }

    #[test]
    fn interest_at_ecb_plus_eight_and_forty_euros() {
        // D-DELAIS-7: 12 000 € × (3.15 + 8) % × 10 / 365 = 36.66 €; + 40 €.
        let r = interets_moratoires(dec("12000"), d("2025-04-02"), d("2025-04-12"), &table()).expect("rate").expect("late");
        assert_eq!(r.jours, 10);
        assert_eq!(r.taux_bce, dec("3.15"));
        assert_eq!(r.taux_applique, dec("11.15"));
        assert_eq!(r.interets, dec("36.66"));
        assert_eq!(r.indemnite, dec("40"));
        assert_eq!(r.a_verser_avant, d("2025-05-27"));
        // On time: nothing.
        assert_eq!(interets_moratoires(dec("12000"), d("2025-04-02"), d("2025-04-02"), &table()), Ok(None));
    }

    #[test]
    fn rate_of_the_half_year_of_the_first_late_day() {
        // Period ends 30 June: first late day 1 July, so the 1 July rate applies.
        let r = interets_moratoires(dec("1000"), d("2025-06-30"), d("2025-07-01"), &table()).expect("rate").expect("late");
        assert_eq!(r.taux_bce, dec("2.15"));
        assert_eq!(
            interets_moratoires(dec("1000"), d("2024-06-30"), d("2024-07-02"), &table()),
            Err(ErreurInterets::TauxInconnu(d("2024-07-01")))
        );
    }
}
