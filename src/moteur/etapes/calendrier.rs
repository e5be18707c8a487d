//! The scenario's virtual calendar (D-DELAIS-1): set the date, let days pass.

use super::{Definition, date};
use crate::moteur::monde::{self, Monde, Resultat};
use crate::plateforme::Commande;

/// Sets the calendar to a date (the first date a scenario sets is its start).
async fn fixer_date(m: &mut Monde, texte: &str) -> Resultat {
    let d = date(texte)?;
    if m.date.is_none() {
        monde::noter_debut(d);
    }
    m.date = Some(d);
    m.preparer(Commande::FixerDate(d)).await
}

/// The calendar steps.
pub(super) fn definitions() -> Vec<Definition> {
    vec![
        etape!(
            Soit,
            la_date,
            motif = "la date du {DATE}",
            exemple = "Soit la date du 3 mars 2026",
            sens = "Fixe la date du calendrier virtuel du scénario (D-DELAIS-1).",
            |m, c| { fixer_date(m, c.s(1)).await }
        ),
        etape!(
            Quand,
            nous_sommes_le,
            motif = "nous sommes le {DATE}",
            exemple = "Quand nous sommes le 5 novembre 2026",
            sens = "Avance le calendrier jusqu'à cette date, en appliquant les délais échus.",
            |m, c| { fixer_date(m, c.s(1)).await }
        ),
        etape!(
            Quand,
            jours_passent,
            motif = r"(\d+) jours? passen?t?",
            exemple = "Quand 11 jours passent",
            sens = "Avance le calendrier de N jours, en appliquant les délais échus.",
            |m, c| {
                let n: u32 = c.s(1).parse().map_err(|_| format!("nombre de jours illisible : {}", c.s(1)))?;
                m.date = m.date.map(|d| d.plus_jours(n as i32));
                m.preparer(Commande::Avancer(n)).await
            }
        ),
    ]
}
