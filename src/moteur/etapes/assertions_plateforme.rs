//! Assertions on what the platform records or lists beyond one piece: notifications, whether a
//! structure may be maîtrise d'ouvrage, the cadres de facturation and the refusal motifs.

use super::{Captures, Definition, date, montant};
use crate::domaine::cadre::CadreFacturation;
use crate::domaine::cadre::RoleMarche;
use crate::domaine::reference::NatureNotification;
use crate::moteur::echec::EchecEtape;
use crate::moteur::monde::{Acteur, role_de};
use crate::moteur::monde::{Monde, Resultat};

fn nature(s: &str) -> Resultat<NatureNotification> {
    match s {
        "action attendue" => Ok(NatureNotification::ActionAttendue),
        "pièce ajoutée" => Ok(NatureNotification::PieceAjoutee),
        "mise en paiement" => Ok(NatureNotification::MiseEnPaiement),
        autre => Err(format!("nature de notification inconnue : {autre}").into()),
    }
}

/// Whether the actor (capture 1) was notified of this nature (capture 2) for the piece (capture 3),
/// on the date of capture 4 when the step gives one.
async fn notifie(m: &mut Monde, c: &Captures) -> Resultat<bool> {
    let qui = m.siret_acteur(c.s(1))?;
    let n = nature(c.s(2))?;
    let id = m.piece(c.s(3))?;
    let le = c.opt(4).map(date).transpose()?;
    let toutes = m.plateforme.notifications().await?;
    Ok(toutes.iter().any(|x| x.destinataire == qui && x.nature == n && x.piece == id && le.is_none_or(|d| x.date == d)))
}

/// A role as the cadre steps name it (« le sous-traitant », « la maîtrise d'ouvrage »…).
fn role_cadre(s: &str) -> Resultat<RoleMarche> {
    match role_de(s) {
        Some(Acteur::Role(r)) => Ok(r),
        _ => Err(format!("rôle inconnu : « {s} »").into()),
    }
}

/// The steps on notifications and the platform's lists.
pub(super) fn definitions() -> Vec<Definition> {
    vec![
        etape!(
            Alors,
            est_notifie,
            motif = "{ACTEUR} (?:est|a été) notifiée? « ?(action attendue|pièce ajoutée|mise en paiement) ?» pour la pièce {PIECE}(?: le {DATE})?",
            exemple = "Alors la maîtrise d'œuvre est notifiée « action attendue » pour la pièce A4",
            sens = "Notification enregistrée (D-NOTIF-1), à une date quand l'étape la donne (« … pour la pièce A4 le 2 mars 2026 »).",
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
        etape!(
            Alors,
            motif_non_liste,
            motif = r#"la plateforme ne liste pas le motif de refus "([A-Z_]+)""#,
            exemple = r#"Alors la plateforme ne liste pas le motif de refus "ERREUR_MONTANT""#,
            sens = "Un motif absent de la liste des motifs de refus (D-REFUS-3 : « erreur de montant » avant le 19/02/2025).",
            |m, c| {
                let l = m.plateforme.motifs_refus().await?;
                if l.iter().any(|x| x == c.s(1)) {
                    Err(EchecEtape::difference("motifs de refus", format!("sans {}", c.s(1)), l.join(", ")))
                } else {
                    Ok(())
                }
            }
        ),
        etape!(
            Alors,
            cadre_code,
            motif = r#"le cadre (A\d{1,2}) a pour code "([A-Z0-9_]+)""#,
            exemple = r#"Alors le cadre A11 a pour code "A11_PROJET_DECOMPTE_FINAL_SOUSTRAITANT""#,
            sens = "Le code exact d'un cadre de facturation dans la liste de la plateforme (fait §1, D-CADRES-1).",
            |m, c| {
                let l = m.plateforme.cadres().await?;
                let prefixe = format!("{}_", c.s(1));
                let trouve = l.iter().find(|x| x.code.starts_with(&prefixe)).map(|x| x.code.clone());
                if trouve.as_deref() == Some(c.s(2)) {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(&format!("code du cadre {}", c.s(1)), c.s(2), trouve.unwrap_or("absent de la liste".into())))
                }
            }
        ),
        etape!(
            Alors,
            cadre_deposant,
            motif = r"le cadre (A\d{1,2}) est déposé par (le titulaire|le cotraitant|le sous-traitant|la maîtrise d'(?:œ|oe)uvre|la maîtrise d'ouvrage)",
            exemple = "Alors le cadre A11 est déposé par le sous-traitant",
            sens = "Le rôle qui dépose un cadre (D-CHAINE, D-CADRES-2).",
            |m, c| {
                let l = m.plateforme.cadres().await?;
                let prefixe = format!("{}_", c.s(1));
                let role = role_cadre(c.s(2))?;
                let obtenu = l.iter().find(|x| x.code.starts_with(&prefixe)).and_then(|x| x.deposant.clone());
                if obtenu.as_deref() == Some(role.code()) {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(&format!("déposant du cadre {}", c.s(1)), role.code(), obtenu.unwrap_or("aucun".into())))
                }
            }
        ),
        etape!(
            Alors,
            cadre_legacy,
            motif = r"le cadre (A\d{1,2}) (est|n'est pas) marqué « ?legacy ?»",
            exemple = "Alors le cadre A11 est marqué « legacy »",
            sens = "Un cadre gardé pour les dossiers anciens seulement (A11, D-CADRES-3).",
            |m, c| {
                let l = m.plateforme.cadres().await?;
                let prefixe = format!("{}_", c.s(1));
                let attendu = c.s(2) == "est";
                match l.iter().find(|x| x.code.starts_with(&prefixe)) {
                    Some(x) if x.legacy == attendu => Ok(()),
                    Some(x) => Err(EchecEtape::difference(
                        &format!("cadre {}", c.s(1)),
                        c.s(2).to_string() + " legacy",
                        if x.legacy { "legacy" } else { "pas legacy" },
                    )),
                    None => Err(EchecEtape::difference(&format!("cadre {}", c.s(1)), "dans la liste", "absent")),
                }
            }
        ),
        etape!(
            Alors,
            date_courante,
            motif = "nous sommes le {DATE}",
            exemple = "Alors nous sommes le 5 novembre 2026",
            sens = "La date du calendrier virtuel de la plateforme (D-DELAIS-1).",
            |m, c| {
                let attendu = date(c.s(1))?;
                let obtenu = m.plateforme.date().await?;
                if obtenu == attendu {
                    Ok(())
                } else {
                    Err(EchecEtape::difference("date de la plateforme", attendu.en_francais(), obtenu.en_francais()))
                }
            }
        ),
        etape!(
            Alors,
            reste_a_appeler,
            motif = "il reste {MONTANT} à appeler auprès du mandant",
            exemple = "Alors il reste 4 000 € à appeler auprès du mandant",
            sens = "Le mandataire avance la trésorerie : ce qu'il a payé et pas encore appelé auprès du mandant (D-MOAD-3).",
            |m, c| {
                let numero = m.marche_courant()?.numero.clone();
                let f = m.plateforme.fonds_mandat(&numero).await?;
                let attendu = montant(c.s(1))?;
                let reste = f.paye - f.appele;
                if reste == attendu {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(
                        "reste à appeler auprès du mandant",
                        format!("{attendu} €"),
                        format!("{reste} € (payé {} €, appelé {} €)", f.paye, f.appele),
                    ))
                }
            }
        ),
        etape!(
            Alors,
            credits_restants,
            motif = "il reste {MONTANT} de crédits appelés à consommer",
            exemple = "Alors il reste 8 000 € de crédits appelés à consommer",
            sens = "Le mandant avance les crédits : ce qui a été appelé et pas encore payé (D-MOAD-3).",
            |m, c| {
                let numero = m.marche_courant()?.numero.clone();
                let f = m.plateforme.fonds_mandat(&numero).await?;
                let attendu = montant(c.s(1))?;
                let reste = f.appele - f.paye;
                if reste == attendu {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(
                        "crédits appelés restants",
                        format!("{attendu} €"),
                        format!("{reste} € (appelé {} €, payé {} €)", f.appele, f.paye),
                    ))
                }
            }
        ),
        etape!(
            Alors,
            mise_en_demeure,
            motif = "le titulaire peut être mis en demeure de remettre son projet de décompte final depuis le {DATE}",
            exemple = "Alors le titulaire peut être mis en demeure de remettre son projet de décompte final depuis le 31 octobre 2026",
            sens = "Sans projet de décompte final dans son délai après la réception, la MOE peut mettre le titulaire en demeure (D-DELAIS-3, CCAG-Travaux 2021 art. 12.3.2).",
            |m, c| {
                let numero = m.marche_courant()?.numero.clone();
                let attendu = date(c.s(1))?;
                let l = m.plateforme.evenements_marche(&numero).await?;
                let e = l.iter().find(|e| e.libelle.contains("en demeure"));
                match e {
                    Some(e) if e.date == attendu => Ok(()),
                    _ => Err(EchecEtape::difference(
                        &format!("événements du marché {numero}"),
                        format!("mise en demeure possible depuis le {}", attendu.en_francais()),
                        e.map(|e| format!("mise en demeure possible depuis le {}", e.date.en_francais())).unwrap_or("aucune".into()),
                    )),
                }
            }
        ),
    ]
}
