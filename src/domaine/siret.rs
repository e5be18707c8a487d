//! SIRET numbers: 14 digits, checked with the Luhn key (with La Poste's exception).

use std::fmt;

/// The SIREN of La Poste, whose establishments break the Luhn rule: for them the sum of the
/// fourteen digits must be a multiple of 5 instead (INSEE rule, D-ROUTAGE step 3).
const SIREN_LA_POSTE: u64 = 356_000_000;

/// Why a string is not a valid SIRET.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErreurSiret {
    /// Not exactly fourteen ASCII digits.
    Format,
    /// Fourteen digits, but the Luhn key (or La Poste's sum rule) does not hold.
    Cle,
}

impl fmt::Display for ErreurSiret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErreurSiret::Format => f.write_str("un SIRET compte exactement 14 chiffres"),
            ErreurSiret::Cle => f.write_str("la clé de contrôle (Luhn) du SIRET est fausse"),
        }
    }
}

/// A valid SIRET, stored as its numeric value (leading zeros are kept when displayed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Siret(u64);

/// `LUHN_PAIR[n]` is the Luhn contribution of the two digits of `n` (00..=99) when the right-hand
/// digit is in an odd position from the right (not doubled) and the left-hand one is doubled.
const LUHN_PAIR: [u8; 100] = {
    let mut t = [0u8; 100];
    let mut n = 0;
    while n < 100 {
        let units = n % 10;
        let tens = n / 10;
        let doubled = tens * 2;
        let doubled = if doubled > 9 { doubled - 9 } else { doubled };
        t[n] = (units + doubled) as u8;
        n += 1;
    }
    t
};

/// Digit sum of `n` (00..=99), for La Poste's rule.
const SUM_PAIR: [u8; 100] = {
    let mut t = [0u8; 100];
    let mut n = 0;
    while n < 100 {
        t[n] = (n % 10 + n / 10) as u8;
        n += 1;
    }
    t
};

impl Siret {
    /// Parses and checks a SIRET: fourteen ASCII digits with a valid key.
    ///
    /// One pass over the bytes, no allocation: this sits on the routing hot path (D-ROUTAGE).
    pub fn parse(texte: &str) -> Result<Siret, ErreurSiret> {
        let bytes = texte.as_bytes();
        if bytes.len() != 14 {
            return Err(ErreurSiret::Format);
        }
        let mut value: u64 = 0;
        for &b in bytes {
            let d = b.wrapping_sub(b'0');
            if d > 9 {
                return Err(ErreurSiret::Format);
            }
            value = value * 10 + u64::from(d);
        }
        Siret::from_digits(value)
    }

    /// Parses fourteen digits without checking the key (the `luhn-ignore` fault only).
    pub fn parse_sans_cle(texte: &str) -> Result<Siret, ErreurSiret> {
        let bytes = texte.as_bytes();
        if bytes.len() != 14 || !bytes.iter().all(u8::is_ascii_digit) {
            return Err(ErreurSiret::Format);
        }
        texte.parse::<u64>().map(Siret).map_err(|_| ErreurSiret::Format)
    }

    /// Checks the key of a number of at most fourteen digits.
    pub fn from_digits(value: u64) -> Result<Siret, ErreurSiret> {
        if value >= 100_000_000_000_000 {
            return Err(ErreurSiret::Format);
        }
        if cle_valide(value) { Ok(Siret(value)) } else { Err(ErreurSiret::Cle) }
    }

    /// The numeric value (the directory's key).
    pub fn valeur(self) -> u64 {
        self.0
    }

    /// The SIREN: the first nine digits.
    pub fn siren(self) -> u64 {
        self.0 / 100_000
    }

    /// Completes a 13-digit prefix (SIREN + 4-digit NIC prefix) with the digit that makes a valid
    /// Luhn key. Used by data generators and tests.
    pub fn completer(prefixe13: u64) -> Siret {
        for last in 0..10 {
            let v = prefixe13 * 10 + last;
            if let Ok(s) = Siret::from_digits(v) {
                return s;
            }
        }
        // La Poste prefixes may have no Luhn-valid completion but always a sum-valid one, and
        // every other prefix has exactly one Luhn completion, so the loop always returns.
        unreachable!("every 13-digit prefix has a valid completion")
    }
}

/// Luhn over 14 digits (two at a time), or, for La Poste, either rule.
fn cle_valide(value: u64) -> bool {
    if value / 100_000 == SIREN_LA_POSTE {
        // D-ROUTAGE step 3 (INSEE): La Poste's establishments (SIREN 356 000 000) have a SIRET
        // whose digit sum is a multiple of 5, or a valid Luhn key as its head office
        // 35600000000048 has.
        let mut v = value;
        let mut sum = 0u32;
        for _ in 0..7 {
            sum += u32::from(SUM_PAIR[(v % 100) as usize]);
            v /= 100;
        }
        return sum.is_multiple_of(5) || luhn(value);
    }
    luhn(value)
}

/// Luhn over 14 digits, two at a time through a table.
#[inline]
fn luhn(value: u64) -> bool {
    let mut v = value;
    let mut sum = 0u32;
    for _ in 0..7 {
        sum += u32::from(LUHN_PAIR[(v % 100) as usize]);
        v /= 100;
    }
    sum.is_multiple_of(10)
}

impl fmt::Display for Siret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:014}", self.0)
    }
}

impl std::str::FromStr for Siret {
    type Err = ErreurSiret;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Siret::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Result<(), ErreurSiret>) {
        assert_eq!(Siret::parse(input).map(|_| ()), expected, "{input}");
    }

    #[test]
    fn luhn_key_is_checked() {
        // D-ROUTAGE step 3: 14 digits with a valid Luhn key.
        check("73282932000074", Ok(())); // INSEE's own example (Apple France)
        check("81332705300019", Ok(())); // the seed's « STRUCTURE Y »
        check("73282932000075", Err(ErreurSiret::Cle));
        check("81332705300018", Err(ErreurSiret::Cle));
    }

    #[test]
    fn format_is_fourteen_digits() {
        check("798589933000118", Err(ErreurSiret::Format)); // the seed's 15-digit identifier (D-FICHE)
        check("7328293200007", Err(ErreurSiret::Format));
        check("7328293200007A", Err(ErreurSiret::Format));
        check("", Err(ErreurSiret::Format));
        check("7328 293200074", Err(ErreurSiret::Format));
    }

    #[test]
    fn la_poste_uses_the_digit_sum() {
        // D-ROUTAGE step 3: La Poste (SIREN 356000000), digit sum multiple of 5.
        // 3+5+6+0+…+0+1 = 15: a multiple of 5, although its Luhn sum (15) is not a multiple of 10.
        check("35600000000001", Ok(()));
        check("35600000000002", Err(ErreurSiret::Cle));
        // Its head office: digit sum 26, not a multiple of 5, but a valid Luhn key.
        check("35600000000048", Ok(()));
        // Outside La Poste the same digits fail: the exception is bound to the SIREN.
        check("35600000100001", Err(ErreurSiret::Cle));
    }

    #[test]
    fn completer_always_gives_a_valid_siret() {
        for p in [1_234_567_890_123u64, 3_560_000_000_004, 9_999_999_999_999, 0] {
            let s = Siret::completer(p);
            assert_eq!(s.valeur() / 10, p);
            assert!(Siret::parse(&s.to_string()).is_ok());
        }
    }
}
