//! Assertions on what the platform records or lists beyond one piece: notifications, whether a
//! structure may be maîtrise d'ouvrage, the cadres de facturation and the refusal motifs.

use super::{Captures, Definition};
use crate::domaine::cadre::CadreFacturation;
use crate::domaine::reference::NatureNotification;
use crate::moteur::echec::EchecEtape;
use crate::moteur::monde::{Monde, Resultat};

fn nature(s: &str) -> Resultat<NatureNotification> {
    match s {
        "action attendue" => Ok(NatureNotification::ActionAttendue),
        "pièce ajoutée" => Ok(NatureNotification::PieceAjoutee),
        "mise en paiement" => Ok(NatureNotification::MiseEnPaiement),
        autre => Err(format!("nature de notification inconnue : {autre}").into()),
    }
}

/// Whether the actor (capture 1) was notified of this nature (capture 2) for the piece (capture 3).
async fn notifie(m: &mut Monde, c: &Captures) -> Resultat<bool> {
    let qui = m.siret_acteur(c.s(1))?;
    let n = nature(c.s(2))?;
    let id = m.piece(c.s(3))?;
    let toutes = m.plateforme.notifications().await?;
    Ok(toutes.iter().any(|x| x.destinataire == qui && x.nature == n && x.piece == id))
}

/// The steps on notifications and the platform's lists.
pub(super) fn definitions() -> Vec<Definition> {
    vec![
        etape!(
            Alors,
            est_notifie,
            motif = "{ACTEUR} (?:est|a été) notifiée? « ?(action attendue|pièce ajoutée|mise en paiement) ?» pour la pièce {PIECE}",
            exemple = "Alors la maîtrise d'œuvre est notifiée « action attendue » pour la pièce A4",
            sens = "Notification enregistrée (D-NOTIF-1).",
            |m, c| {
                if notifie(m, &c).await? {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(
                        &format!("notifications de {} pour la pièce {}", c.s(1), c.s(3)),
                        format!("« {} »", c.s(2)),
                        "aucune de ce genre",
                    ))
                }
            }
        ),
        etape!(
            Alors,
            pas_notifie,
            motif =
                "{ACTEUR} n'(?:est|a) pas (?:été )?notifiée? « ?(action attendue|pièce ajoutée|mise en paiement) ?» pour la pièce {PIECE}",
            exemple = "Alors le titulaire n'est pas notifié « mise en paiement » pour la pièce A19",
            sens = "Aucune notification de ce genre (D-NOTIF-1, D-PAIEMENT-2).",
            |m, c| {
                if notifie(m, &c).await? {
                    Err(EchecEtape::difference(
                        &format!("notifications de {} pour la pièce {}", c.s(1), c.s(3)),
                        "aucune de ce genre",
                        format!("« {} »", c.s(2)),
                    ))
                } else {
                    Ok(())
                }
            }
        ),
        etape!(
            Alors,
            peut_etre_moa,
            motif = r#"la structure "([^"]+)" (ne )?peut (?:pas )?être maîtrise d'ouvrage"#,
            exemple = r#"Alors la structure "Aménageur privé SAS" peut être maîtrise d'ouvrage"#,
            sens = "Structure publique « avec » ou « exclusivement » MOA (D-MOAD-1).",
            |m, c| {
                let siret = m.siret_de(c.s(1))?;
                let s = m.plateforme.structure(siret).await?;
                let attendu = c.opt(2).is_none();
                if s.peut_etre_moa() == attendu {
                    Ok(())
                } else {
                    let dire = |b: bool| if b { "peut être maîtrise d'ouvrage" } else { "ne peut pas être maîtrise d'ouvrage" };
                    Err(EchecEtape::difference(&format!("structure {}", c.s(1)), dire(attendu), dire(!attendu)))
                }
            }
        ),
        etape!(
            Alors,
            cadres_connus,
            motif = r"la plateforme connaît les (\d+) cadres de facturation",
            exemple = "Alors la plateforme connaît les 25 cadres de facturation",
            sens = "La liste des cadres de facturation, avec leurs codes exacts (fait §1, D-CADRES-1).",
            |m, c| {
                let l = m.plateforme.cadres().await?;
                let attendus: Vec<&str> = CadreFacturation::TOUS.iter().map(|c| c.code_api()).collect();
                let manquants: Vec<&&str> = attendus.iter().filter(|a| !l.iter().any(|x| x.code == **a)).collect();
                if manquants.is_empty() && c.s(1) == "25" {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(
                        "cadres de facturation",
                        "les 25 codes de l'API",
                        format!("{} codes, manquent {manquants:?}", l.len()),
                    ))
                }
            }
        ),
        etape!(
            Alors,
            motifs_listes,
            motif = r#"la plateforme liste les motifs de refus "([^"]+)""#,
            exemple = r#"Alors la plateforme liste les motifs de refus "AUTRE, MAUVAIS_VALIDEUR, MAUVAISE_MOE, MAUVAISE_MOA, REF_FAC_TRAVAUX, ERREUR_MONTANT""#,
            sens = "La liste exacte des motifs de refus des factures de travaux, dans n'importe quel ordre : un motif manquant ou en trop (ERREUR_MONTANT avant le 19/02/2025) est une différence (fait §3.3, S9, D-REFUS-3).",
            |m, c| {
                let l = m.plateforme.motifs_refus().await?;
                let mut attendus: Vec<&str> = c.s(1).split(',').map(str::trim).filter(|x| !x.is_empty()).collect();
                let mut obtenus: Vec<&str> = l.iter().map(String::as_str).collect();
                attendus.sort_unstable();
                obtenus.sort_unstable();
                if attendus == obtenus { Ok(()) } else { Err(EchecEtape::difference("motifs de refus", c.s(1), l.join(", "))) }
            }
        ),
    ]
}
