//! Amounts: exact decimals in euros, as the depositor states them (D-MONTANTS).

use rust_decimal::Decimal;

/// The optional breakdown a depositor may state. Chorus Pro computes none of it (fact base §0).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ventilation {
    /// Retenue de garantie.
    pub retenue_garantie: Option<Decimal>,
    /// Avance (remboursement).
    pub avance: Option<Decimal>,
    /// Révision de prix.
    pub revision: Option<Decimal>,
    /// Pénalités.
    pub penalites: Option<Decimal>,
}

/// The amounts of one piece (D-MONTANTS-2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Montants {
    /// Montant hors taxes.
    pub ht: Decimal,
    /// Montant de TVA.
    pub tva: Decimal,
    /// Montant toutes taxes comprises.
    pub ttc: Decimal,
    /// Montant à payer.
    pub a_payer: Decimal,
    /// Optional breakdown.
    pub ventilation: Ventilation,
}

/// The largest amount a piece may state, in euros, in absolute value: a thousand billion euros
/// less a cent, far above any public works contract, and far enough below the decimal type's
/// limit that every sum, difference and interest computed from it stays exact (D-MONTANTS-1).
pub const MONTANT_MAXIMUM: Decimal = Decimal::from_parts(276_447_231, 23_283, 0, false, 2);

/// Why a piece's amounts are refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErreurMontants {
    /// HT + TVA ≠ TTC.
    TotalIncoherent,
    /// The montant à payer exceeds the TTC.
    APayerSuperieurTtc,
    /// An amount is beyond [`MONTANT_MAXIMUM`].
    HorsLimites,
}

/// Whether an amount is within [`MONTANT_MAXIMUM`].
pub fn dans_les_limites(m: Decimal) -> bool {
    m.abs() <= MONTANT_MAXIMUM
}

impl Montants {
    /// Amounts with a TVA at `taux_pct` percent, rounded to the cent, and à payer = TTC.
    pub fn depuis_ht(ht: Decimal, taux_pct: Decimal) -> Montants {
        let tva = (ht * taux_pct / Decimal::ONE_HUNDRED).round_dp(2);
        let ttc = ht + tva;
        Montants { ht, tva, ttc, a_payer: ttc, ventilation: Ventilation::default() }
    }

    /// D-MONTANTS-2: every amount within [`MONTANT_MAXIMUM`], HT + TVA = TTC, and the montant à
    /// payer does not exceed the TTC.
    pub fn verifier(&self) -> Result<(), ErreurMontants> {
        let v = &self.ventilation;
        let tous =
            [Some(self.ht), Some(self.tva), Some(self.ttc), Some(self.a_payer), v.retenue_garantie, v.avance, v.revision, v.penalites];
        if !tous.into_iter().flatten().all(dans_les_limites) {
            return Err(ErreurMontants::HorsLimites);
        }
        if self.ht + self.tva != self.ttc {
            return Err(ErreurMontants::TotalIncoherent);
        }
        if self.a_payer > self.ttc {
            return Err(ErreurMontants::APayerSuperieurTtc);
        }
        Ok(())
    }

    /// The difference `self − precedent`, recorded when a piece follows another (D-MONTANTS-2).
    pub fn ecart_avec(&self, precedent: &Montants) -> Ecart {
        Ecart { ht: self.ht - precedent.ht, ttc: self.ttc - precedent.ttc, a_payer: self.a_payer - precedent.a_payer }
    }
}

/// The difference between a piece's amounts and those of the piece it follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ecart {
    /// Difference on HT.
    pub ht: Decimal,
    /// Difference on TTC.
    pub ttc: Decimal,
    /// Difference on the montant à payer.
    pub a_payer: Decimal,
}

impl Ecart {
    /// Whether the two pieces state the same amounts.
    pub fn est_nul(&self) -> bool {
        self.ht.is_zero() && self.ttc.is_zero() && self.a_payer.is_zero()
    }
}

/// Parses a French or plain decimal amount: `12 345,67`, `12345.67`, `12 345,67 €`.
pub fn parse_montant(texte: &str) -> Option<Decimal> {
    let cleaned: String = texte
        .trim()
        .trim_end_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    cleaned.parse::<Decimal>().ok()
}

/// Formats an amount the French way, `12 345,67 €`.
pub fn format_euros(m: Decimal) -> String {
    let m = m.round_dp(2);
    let neg = m.is_sign_negative() && !m.is_zero();
    let s = format!("{:.2}", m.abs());
    let (ent, dec) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (i, c) in ent.chars().enumerate() {
        if i > 0 && (ent.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    format!("{}{grouped},{dec} €", if neg { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_maximum_amount_is_a_thousand_billion_euros_less_a_cent() {
        assert_eq!(MONTANT_MAXIMUM.to_string(), "999999999999.99");
        let m = |ht: Decimal| Montants { ht, tva: Decimal::ZERO, ttc: ht, a_payer: ht, ventilation: Ventilation::default() };
        assert_eq!(m(MONTANT_MAXIMUM).verifier(), Ok(()));
        assert_eq!(m(Decimal::MAX).verifier(), Err(ErreurMontants::HorsLimites), "no overflow, a refusal");
        let mut v = m(Decimal::ONE);
        v.ventilation.penalites = Some(Decimal::MIN);
        assert_eq!(v.verifier(), Err(ErreurMontants::HorsLimites));
    }
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect(s)
    }

    #[test]
    fn ht_plus_tva_is_ttc() {
        // D-MONTANTS-2.
        let m = Montants::depuis_ht(dec("10000"), dec("20"));
        assert_eq!(m.ttc, dec("12000.00"));
        assert_eq!(m.verifier(), Ok(()));
        let faux = Montants { ttc: dec("12000.01"), ..m.clone() };
        assert_eq!(faux.verifier(), Err(ErreurMontants::TotalIncoherent));
        let trop = Montants { a_payer: dec("12000.01"), ..m };
        assert_eq!(trop.verifier(), Err(ErreurMontants::APayerSuperieurTtc));
    }

    #[test]
    fn exact_decimals_no_float_drift() {
        // D-MONTANTS-1: 0.1 + 0.2 is 0.3 exactly.
        let m = Montants { ht: dec("0.1"), tva: dec("0.2"), ttc: dec("0.3"), a_payer: dec("0.3"), ventilation: Ventilation::default() };
        assert_eq!(m.verifier(), Ok(()));
    }

    #[test]
    fn ecart_is_recorded() {
        let titulaire = Montants::depuis_ht(dec("10000"), dec("20"));
        let moe = Montants::depuis_ht(dec("9500"), dec("20"));
        let e = moe.ecart_avec(&titulaire);
        assert_eq!(e.ht, dec("-500"));
        assert_eq!(e.ttc, dec("-600.00"));
        assert!(!e.est_nul());
    }

    #[test]
    fn parses_and_formats_french_amounts() {
        assert_eq!(parse_montant("12 345,67 €"), Some(dec("12345.67")));
        assert_eq!(parse_montant("12345.67"), Some(dec("12345.67")));
        assert_eq!(parse_montant("douze"), None);
        assert_eq!(format_euros(dec("12345.6")), "12 345,60 €");
        assert_eq!(format_euros(dec("-40")), "-40,00 €");
        assert_eq!(format_euros(dec("999")), "999,00 €");
    }
}
