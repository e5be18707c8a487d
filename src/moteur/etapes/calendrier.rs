//! The scenario's virtual calendar (D-DELAIS-1): set the date, let days pass.

use super::{Definition, date};
use crate::moteur::monde::{self, Monde, Resultat};
use crate::plateforme::Commande;

/// Sets the calendar to a date (the first date a scenario sets is its start).
async fn fixer_date(m: &mut Monde, texte: &str) -> Resultat {
    let d = date(texte)?;
    // D-DELAIS-1bis: an earlier date is refused by the platform, and the step fails with its
    // message; the scenario's date changes only once the platform moved.
    m.preparer(Commande::FixerDate(d)).await?;
    if m.date.is_none() {
        monde::noter_debut(d);
    }
    m.date = Some(d);
    Ok(())
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
                let n: u32 = c.s(1).parse().map_err(|_| format!("nombre de jours illisible ou trop grand : {}", c.s(1)))?;
                m.preparer(Commande::Avancer(n)).await?;
                m.date = m.date.and_then(|d| d.plus_jours_verifie(n.into()));
                Ok(())
            }
        ),
        etape!(
            Quand,
            date_fixee,
            motif = "la date (?:du calendrier )?est fixée au {DATE}",
            exemple = "Quand la date du calendrier est fixée au 1er mars 2026",
            sens = "Fixe la date comme une action dont on vérifie l'issue : le calendrier ne recule jamais (DATE_ANTERIEURE) et ne dépasse pas 100 ans après le début du scénario (DATE_HORS_LIMITES) (D-DELAIS-1bis).",
            |m, c| {
                let d = date(c.s(1))?;
                if m.executer(None, Commande::FixerDate(d)).await.is_ok() {
                    m.date = Some(d);
                }
                Ok(())
            }
        ),
    ]
}
