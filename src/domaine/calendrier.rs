//! The legal calendar: civil dates, French public holidays, and deadlines (D-DELAIS-1).
//!
//! The core never reads a clock: a [`Date`] is a value, and each scenario owns its own.

use std::fmt;

/// A civil date (proleptic Gregorian), stored as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JourSemaine {
    /// Monday.
    Lundi,
    /// Tuesday.
    Mardi,
    /// Wednesday.
    Mercredi,
    /// Thursday.
    Jeudi,
    /// Friday.
    Vendredi,
    /// Saturday.
    Samedi,
    /// Sunday.
    Dimanche,
}

const MOIS: [&str; 12] =
    ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

impl Date {
    /// A date known when the program is written (a rule's date); an impossible day does not
    /// compile when used in a constant.
    pub const fn ymd_const(annee: i32, mois: u32, jour: u32) -> Date {
        assert!(mois >= 1 && mois <= 12 && jour >= 1 && jour <= jours_dans_mois(annee, mois), "impossible date");
        Date(days_from_civil(annee, mois, jour))
    }

    /// The years a date may have: a civil calendar for contracts, not astronomy (a larger year
    /// would overflow the day count; D-DELAIS-1bis bounds scenarios much closer anyway).
    pub const ANNEES: std::ops::RangeInclusive<i32> = 1..=9999;

    /// Builds a date; `None` when the day does not exist or the year is outside [`Date::ANNEES`].
    pub fn ymd(annee: i32, mois: u32, jour: u32) -> Option<Date> {
        if !Date::ANNEES.contains(&annee) || !(1..=12).contains(&mois) || jour == 0 || jour > jours_dans_mois(annee, mois) {
            return None;
        }
        Some(Date(days_from_civil(annee, mois, jour)))
    }

    /// Year, month (1–12) and day (1–31).
    pub fn civil(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// The year.
    pub fn annee(self) -> i32 {
        self.civil().0
    }

    /// The date `n` calendar days later, if it is a date of [`Date::ANNEES`].
    pub fn plus_jours_verifie(self, n: i64) -> Option<Date> {
        const PREMIER: i64 = days_from_civil(1, 1, 1) as i64;
        const DERNIER: i64 = days_from_civil(9999, 12, 31) as i64;
        let j = i64::from(self.0).checked_add(n)?;
        (PREMIER..=DERNIER).contains(&j).then_some(Date(j as i32))
    }

    /// The date `n` calendar days later (or earlier when negative).
    pub fn plus_jours(self, n: i32) -> Date {
        Date(self.0 + n)
    }

    /// The next day.
    pub fn lendemain(self) -> Date {
        self.plus_jours(1)
    }

    /// Calendar days from `self` to `autre` (positive when `autre` is later).
    pub fn jours_jusqu_a(self, autre: Date) -> i32 {
        autre.0 - self.0
    }

    /// The day of the week.
    pub fn jour_semaine(self) -> JourSemaine {
        // 1970-01-01 was a Thursday.
        match (self.0 + 3).rem_euclid(7) {
            0 => JourSemaine::Lundi,
            1 => JourSemaine::Mardi,
            2 => JourSemaine::Mercredi,
            3 => JourSemaine::Jeudi,
            4 => JourSemaine::Vendredi,
            5 => JourSemaine::Samedi,
            _ => JourSemaine::Dimanche,
        }
    }

    /// Whether this is a Saturday or a Sunday.
    pub fn est_week_end(self) -> bool {
        matches!(self.jour_semaine(), JourSemaine::Samedi | JourSemaine::Dimanche)
    }

    /// Whether this is one of the 11 public holidays of the Code du travail (art. L.3133-1).
    pub fn est_ferie(self) -> bool {
        jour_ferie(self).is_some()
    }

    /// Whether this is neither a weekend day nor a public holiday.
    pub fn est_ouvre(self) -> bool {
        !self.est_week_end() && !self.est_ferie()
    }

    /// Parses the contract's form and nothing else: `AAAA-MM-JJ`, ten characters (the HTTP
    /// contract's dates; the lenient [`Date::parse`] is for French steps).
    pub fn parse_iso(texte: &str) -> Option<Date> {
        let b = texte.as_bytes();
        let chiffres = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !chiffres(0..4) || !chiffres(5..7) || !chiffres(8..10) {
            return None;
        }
        Date::ymd(texte[0..4].parse().ok()?, texte[5..7].parse().ok()?, texte[8..10].parse().ok()?)
    }

    /// Parses `2026-03-03`, `03/03/2026` or `3 mars 2026` (also `1er mars 2026`).
    pub fn parse(texte: &str) -> Option<Date> {
        let t = texte.trim();
        if let Some((a, rest)) = t.split_once('-') {
            let (m, j) = rest.split_once('-')?;
            return Date::ymd(a.parse().ok()?, m.parse().ok()?, j.parse().ok()?);
        }
        if let Some((j, rest)) = t.split_once('/') {
            let (m, a) = rest.split_once('/')?;
            return Date::ymd(a.parse().ok()?, m.parse().ok()?, j.parse().ok()?);
        }
        let mut parts = t.split_whitespace();
        let jour = parts.next()?;
        let jour = jour.strip_suffix("er").unwrap_or(jour);
        let mois = parts.next()?.to_lowercase();
        let annee = parts.next()?;
        if parts.next().is_some() {
            return None;
        }
        let m = MOIS.iter().position(|n| *n == mois || n.replace(['é', 'û'], "e") == mois.replace(['é', 'û'], "e"))?;
        Date::ymd(annee.parse().ok()?, m as u32 + 1, jour.parse().ok()?)
    }

    /// ISO form, `2026-03-03`.
    pub fn iso(self) -> String {
        let (a, m, j) = self.civil();
        format!("{a:04}-{m:02}-{j:02}")
    }

    /// French long form, `3 mars 2026` (`1er mars 2026`).
    pub fn en_francais(self) -> String {
        let (a, m, j) = self.civil();
        let jour = if j == 1 { "1er".to_string() } else { j.to_string() };
        format!("{jour} {} {a}", MOIS[(m - 1) as usize])
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

const fn est_bissextile(a: i32) -> bool {
    (a % 4 == 0 && a % 100 != 0) || a % 400 == 0
}

const fn jours_dans_mois(a: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if est_bissextile(a) => 29,
        _ => 28,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days.
const fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
pub fn paques(annee: i32) -> Date {
    let a = annee % 19;
    let b = annee / 100;
    let c = annee % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let mois = (h + l - 7 * m + 114) / 31;
    let jour = (h + l - 7 * m + 114) % 31 + 1;
    Date(days_from_civil(annee, mois as u32, jour as u32))
}

/// The name of the public holiday on this date, if any (Code du travail art. L.3133-1).
pub fn jour_ferie(date: Date) -> Option<&'static str> {
    ferie_fixe(date).or_else(|| ferie_mobile(date))
}

/// The eight public holidays of a fixed date (C. trav. L.3133-1).
fn ferie_fixe(date: Date) -> Option<&'static str> {
    let (_, m, j) = date.civil();
    match (m, j) {
        (1, 1) => Some("jour de l'an"),
        (5, 1) => Some("fête du travail"),
        (5, 8) => Some("victoire 1945"),
        (7, 14) => Some("fête nationale"),
        (8, 15) => Some("Assomption"),
        (11, 1) => Some("Toussaint"),
        (11, 11) => Some("armistice 1918"),
        (12, 25) => Some("Noël"),
        _ => None,
    }
}

/// The three public holidays that follow Easter (C. trav. L.3133-1).
fn ferie_mobile(date: Date) -> Option<&'static str> {
    match paques(date.civil().0).jours_jusqu_a(date) {
        1 => Some("lundi de Pâques"),
        39 => Some("Ascension"),
        50 => Some("lundi de Pentecôte"),
        _ => None,
    }
}

/// Last day of a delay of `jours` days that starts with an event on `debut` (D-DELAIS-1): it runs
/// from the next day and ends at the end of `debut + jours`, pushed to the next working day when
/// that day is a Saturday, a Sunday or a public holiday.
pub fn echeance(debut: Date, jours: u32) -> Date {
    repousser(debut.plus_jours(jours as i32), |d| !d.est_ouvre())
}

/// The same deadline computed by an implementation that knows only the fixed-date holidays (the
/// `feries-mobiles-ignores` fault: Easter Monday, Ascension and Whit Monday count as working days).
pub fn echeance_sans_feries_mobiles(debut: Date, jours: u32) -> Date {
    repousser(debut.plus_jours(jours as i32), |d| d.est_week_end() || ferie_fixe(d).is_some())
}

/// `fin`, pushed to the next day that is not `chome`.
fn repousser(mut fin: Date, chome: impl Fn(Date) -> bool) -> Date {
    while chome(fin) {
        fin = fin.lendemain();
    }
    fin
}

/// Last day of a delay that is *not* extended past weekends and holidays (the payment period,
/// D-DELAIS-1 and D-DELAIS-7, a hypothèse).
pub fn echeance_calendaire(debut: Date, jours: u32) -> Date {
    debut.plus_jours(jours as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contracts_dates_are_iso_and_nothing_else() {
        assert_eq!(Date::parse_iso("2026-03-03"), Date::ymd(2026, 3, 3));
        for autre in ["03/03/2026", "3 mars 2026", "2026-3-3", "2026-03-03T00:00", " 2026-03-03", "2026-02-30", "+026-03-03"] {
            assert_eq!(Date::parse_iso(autre), None, "{autre}");
        }
    }

    fn d(s: &str) -> Date {
        Date::parse(s).expect(s)
    }

    #[test]
    fn civil_round_trip() {
        for z in -800_000..800_000 {
            let (a, m, j) = civil_from_days(z);
            assert_eq!(days_from_civil(a, m, j), z);
        }
        assert_eq!(d("1970-01-01").0, 0);
        assert_eq!(Date::ymd(2025, 2, 29), None);
        assert!(Date::ymd(2024, 2, 29).is_some());
    }

    #[test]
    fn parses_french_and_iso_forms() {
        assert_eq!(d("3 mars 2026"), d("2026-03-03"));
        assert_eq!(d("03/03/2026"), d("2026-03-03"));
        assert_eq!(d("1er août 2026"), d("2026-08-01"));
        assert_eq!(d("19 fevrier 2025"), d("2025-02-19"));
        assert_eq!(Date::parse("32 mars 2026"), None);
        assert_eq!(Date::parse("3 brumaire 2026"), None);
        assert_eq!(d("2026-08-01").en_francais(), "1er août 2026");
    }

    #[test]
    fn easter_dates() {
        for (a, s) in [(2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"), (2038, "2038-04-25")] {
            assert_eq!(paques(a), d(s), "{a}");
        }
    }

    #[test]
    fn the_eleven_public_holidays() {
        // Code du travail art. L.3133-1.
        let feries: Vec<Date> = (0..365).map(|i| d("2026-01-01").plus_jours(i)).filter(|x| x.est_ferie()).collect();
        assert_eq!(feries.len(), 11);
        for s in ["2026-04-06", "2026-05-14", "2026-05-25", "2026-07-14", "2026-11-11"] {
            assert!(d(s).est_ferie(), "{s}");
        }
        assert!(!d("2026-04-05").est_ferie(), "Easter Sunday itself is a Sunday, not in the list");
    }

    #[test]
    fn deadlines_are_pushed_past_weekends_and_holidays() {
        // D-DELAIS-1: D+N, then the next working day.
        assert_eq!(echeance(d("2026-03-02"), 7), d("2026-03-09")); // Monday + 7 = Monday
        assert_eq!(echeance(d("2026-03-06"), 15), d("2026-03-23")); // Saturday 21 → Monday 23
        assert_eq!(echeance(d("2026-04-26"), 5), d("2026-05-04")); // Friday 1 May → Monday 4
        assert_eq!(echeance(d("2026-04-30"), 8), d("2026-05-11")); // Fri 8 May, weekend → Mon 11
        assert_eq!(echeance(d("2026-12-15"), 10), d("2026-12-28")); // Fri 25 Dec, weekend → Mon 28
        assert_eq!(echeance_calendaire(d("2026-03-06"), 15), d("2026-03-21"));
    }

    #[test]
    fn weekdays() {
        assert_eq!(d("2026-11-26").jour_semaine(), JourSemaine::Jeudi);
        assert!(d("2026-03-07").est_week_end());
    }
}
