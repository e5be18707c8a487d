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

impl TableTaux {
    /// The rate the table gives for the half-year that starts on `semestre` (1 January or
    /// 1 July): D-DELAIS-7 never takes another half-year's rate instead.
    pub fn taux_du_semestre(&self, semestre: Date) -> Option<Decimal> {
        self.taux.iter().find(|t| t.depuis == semestre).map(|t| t.taux)
    }
}

/// While the first suspension of a payment request is not completed, the days of its period
/// that remain (D-DELAIS-7: the period stops, and resumes for the longer of these and
/// [`delais::REPRISE_APRES_SUSPENSION`]); `None` when the period runs.
pub fn jours_restants_suspendu(debut: Date, jours: u32, suspensions: &[Suspension]) -> Option<u32> {
    let initiale = echeance_calendaire(debut, jours);
    match suspensions.first() {
        Some(s) if s.le <= initiale && s.completee_le.is_none() => Some(s.le.jours_jusqu_a(initiale).max(0) as u32),
        _ => None,
    }
}

/// The late-payment interest owed on one payment request (D-DELAIS-7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retard {
    /// Last day of the payment period.
    pub echeance: Date,
    /// Days late, from the day after the period to the mise en paiement inclusive.
    pub jours: i32,
    /// The amount paid late: the base of the interest.
    pub base: Decimal,
    /// 1 January or 1 July of the half-year that contains the first late day.
    pub semestre: Date,
    /// The ECB rate in force for that half-year; `None` when the table has none for it.
    pub taux_bce: Option<Decimal>,
    /// ECB rate + 8 points.
    pub taux_applique: Option<Decimal>,
    /// Interest, rounded to the cent; `None` without a rate for the half-year.
    pub interets: Option<Decimal>,
    /// The €40 indemnity, owed for any late payment whatever the rate table holds.
    pub indemnite: Decimal,
    /// Date by which interest and indemnity are due (R.2192-36).
    pub a_verser_avant: Date,
}

impl Retard {
    /// The same delay with another rate or another number of days, its interest computed again
    /// (how the named faults get their wrong figures).
    pub fn recalcule(&self, taux: Option<Decimal>, jours: i32) -> Retard {
        let interets = taux.and_then(|t| montant_interets(self.base, t, jours));
        Retard { taux_applique: taux, jours, interets, ..self.clone() }
    }

    /// Why the interest is not computed, in French: the half-year whose rate is missing.
    pub fn taux_manquant(&self) -> Option<String> {
        self.interets.is_none().then(|| {
            format!(
                "aucun taux BCE pour le semestre commençant le {} : les intérêts moratoires ne sont pas calculés (complétez la table des taux), l'indemnité forfaitaire reste due",
                self.semestre.en_francais()
            )
        })
    }
}

/// Interest on `base` at `taux` % a year for `jours` days, to the cent (D-DELAIS-7: simple
/// interest, a year of 365 days).
fn montant_interets(base: Decimal, taux: Decimal, jours: i32) -> Option<Decimal> {
    base.checked_mul(taux)?
        .checked_div(Decimal::ONE_HUNDRED)?
        .checked_mul(Decimal::from(jours))?
        .checked_div(Decimal::from(365))
        .map(|i| i.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

/// Late-payment interest for `base` paid on `mise_en_paiement` (D-DELAIS-7). `None` when the
/// payment is on time. The rate is the table's for the half-year of the first late day; with
/// none, the interest is not invented and the indemnity is still owed. Every operation is
/// checked: an absurd rate in the table gives no interest rather than an overflow.
pub fn interets_moratoires(base: Decimal, echeance: Date, mise_en_paiement: Date, table: &TableTaux) -> Option<Retard> {
    let jours = echeance.jours_jusqu_a(mise_en_paiement);
    if jours <= 0 {
        return None;
    }
    let premier_jour = echeance.lendemain();
    let (a, m, _) = premier_jour.civil();
    let semestre = Date::ymd(a, if m <= 6 { 1 } else { 7 }, 1).unwrap_or(premier_jour);
    let taux_bce = table.taux_du_semestre(semestre);
    let taux_applique = taux_bce.and_then(|t| t.checked_add(POINTS_MAJORATION));
    let interets = taux_applique.and_then(|t| montant_interets(base, t, jours));
    Some(Retard {
        echeance,
        jours,
        base,
        semestre,
        taux_bce,
        taux_applique,
        interets,
        indemnite: INDEMNITE_FORFAITAIRE,
        a_verser_avant: mise_en_paiement.plus_jours(delais::VERSEMENT_INTERETS as i32),
    })
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
        let r = interets_moratoires(dec("12000"), d("2025-04-02"), d("2025-04-12"), &table()).expect("late");
        assert_eq!(r.jours, 10);
        assert_eq!(r.base, dec("12000"));
        assert_eq!(r.taux_bce, Some(dec("3.15")));
        assert_eq!(r.taux_applique, Some(dec("11.15")));
        assert_eq!(r.interets, Some(dec("36.66")));
        assert_eq!(r.indemnite, dec("40"));
        assert_eq!(r.a_verser_avant, d("2025-05-27"));
        assert_eq!(r.taux_manquant(), None);
        // On time: nothing.
        assert_eq!(interets_moratoires(dec("12000"), d("2025-04-02"), d("2025-04-02"), &table()), None);
    }

    #[test]
    fn rate_of_the_half_year_of_the_first_late_day() {
        // Period ends 30 June: first late day 1 July, so the 1 July rate applies.
        let r = interets_moratoires(dec("1000"), d("2025-06-30"), d("2025-07-01"), &table()).expect("late");
        assert_eq!(r.taux_bce, Some(dec("2.15")));
    }

    #[test]
    fn a_missing_half_year_invents_no_rate_and_keeps_the_indemnity() {
        // D-DELAIS-7: before the table starts, and after its last half-year, the interest is not
        // computed from another half-year's rate; the €40 are owed all the same.
        for (echeance, semestre) in [("2024-06-30", "2024-07-01"), ("2026-01-10", "2026-01-01")] {
            let r = interets_moratoires(dec("1000"), d(echeance), d(echeance).plus_jours(5), &table()).expect("late");
            assert_eq!(r.semestre, d(semestre));
            assert_eq!((r.taux_bce, r.interets), (None, None), "{echeance}");
            assert_eq!(r.indemnite, dec("40"));
            assert!(r.taux_manquant().is_some_and(|m| m.contains(&d(semestre).en_francais())), "{:?}", r.taux_manquant());
        }
    }

    #[test]
    fn an_absurd_rate_gives_no_interest_rather_than_an_overflow() {
        let t = TableTaux { source: "t".into(), taux: vec![TauxBce { depuis: d("2025-01-01"), taux: Decimal::MAX }] };
        let r = interets_moratoires(dec("999999999999.99"), d("2025-01-10"), d("2025-12-31"), &t).expect("late");
        assert_eq!(r.interets, None);
    }

    #[test]
    fn a_suspended_period_stops_with_its_remaining_days() {
        let s = [Suspension { le: d("2025-03-13"), completee_le: None }];
        assert_eq!(jours_restants_suspendu(d("2025-03-03"), 30, &s), Some(20));
        let s = [Suspension { le: d("2025-03-13"), completee_le: Some(d("2025-03-20")) }];
        assert_eq!(jours_restants_suspendu(d("2025-03-03"), 30, &s), None);
    }
}
