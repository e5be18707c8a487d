//! Assertions on a piece's dates and money beyond its status: dated history, the deadlines that
//! run on it, its dossier's events, its payable amount and services, the download flag, the
//! parts of late-payment interest and a suspended payment period.

use super::assertions_pieces::statut_egal;
use super::{Captures, Definition, date, montant};
use crate::domaine::calendrier::Date;
use crate::moteur::echec::EchecEtape;
use crate::moteur::monde::{Monde, Resultat};
use crate::plateforme::{LigneHistorique, VuePiece};

/// The login a quoted name designates in a history (« Chorus Pro » for the deadlines' effects).
fn login_historique(m: &Monde, nom: &str) -> Resultat<String> {
    if nom == "Chorus Pro" {
        return Ok(nom.to_string());
    }
    m.login(&format!("\"{nom}\""))
}

/// A history line as a failure message shows it.
fn ligne(h: &LigneHistorique) -> String {
    format!("{} le {} par {}", h.statut.libelle_portail(), h.date.en_francais(), h.utilisateur)
}

/// A deadline of the piece, by the name the step gives it.
fn echeance(v: &VuePiece, quoi: &str) -> Option<Date> {
    match quoi {
        "de la maîtrise d'œuvre" | "de la maîtrise d'oeuvre" | "de la MOE" => v.echeances.moe,
        "de notification du décompte général" => v.echeances.decompte_general,
        "de signature du décompte général" => v.echeances.signature,
        _ => v.echeances.tacite,
    }
}

/// Compares an expected date with what the platform answers.
fn meme_date(sujet: &str, attendu: Date, obtenu: Option<Date>) -> Resultat {
    if obtenu == Some(attendu) {
        Ok(())
    } else {
        Err(EchecEtape::difference(sujet, attendu.en_francais(), obtenu.map(|d| d.en_francais()).unwrap_or("aucune".into())))
    }
}

/// The interest of a piece paid late, or a failure saying it owes none.
async fn retard(m: &mut Monde, c: &Captures) -> Resultat<crate::domaine::paiement::Retard> {
    let v = m.vue(c.s(1)).await?;
    v.retard.ok_or_else(|| EchecEtape::difference(&format!("intérêts de la pièce {}", c.s(1)), "un retard de paiement", "aucun"))
}

/// The steps on a piece's dates and money.
pub(super) fn definitions() -> Vec<Definition> {
    vec![
        etape!(
            Alors,
            historique_date,
            motif = r#"l'historique de la pièce {PIECE} contient {STATUT} le {DATE}(?: par "([^"]+)")?"#,
            exemple = r#"Alors l'historique de la pièce A4 contient "ASSOCIÉE" le 5 mars 2026 par "Paul Ferrand""#,
            sens = "Un passage de statut daté, et l'utilisateur qui l'a fait (« Chorus Pro » pour l'effet d'un délai) (D-STATUTS-3).",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                let le = date(c.s(3))?;
                let par = c.opt(4).map(|n| login_historique(m, n)).transpose()?;
                let trouve = v.historique.iter().any(|h| {
                    statut_egal(h.statut, h.statut.libelle_portail(), c.s(2))
                        && h.date == le
                        && par.as_ref().is_none_or(|p| *p == h.utilisateur)
                });
                if trouve {
                    Ok(())
                } else {
                    let attendu = match par {
                        Some(p) => format!("{} le {} par {p}", c.s(2), le.en_francais()),
                        None => format!("{} le {}", c.s(2), le.en_francais()),
                    };
                    Err(EchecEtape::difference(
                        &format!("historique de la pièce {}", c.s(1)),
                        attendu,
                        v.historique.iter().map(ligne).collect::<Vec<_>>().join(", "),
                    ))
                }
            }
        ),
        etape!(
            Alors,
            echeance_delai,
            motif = "le délai (de la maîtrise d'(?:œ|oe)uvre|de la MOE|de notification du décompte général|de signature du décompte général|de la procédure tacite) (?:sur|de) la pièce {PIECE} expire le {DATE}",
            exemple = "Alors le délai de la maîtrise d'œuvre sur la pièce A4 expire le 9 mars 2026",
            sens = "Le dernier jour d'un délai qui court sur la pièce ou son dossier : MOE (D-DELAIS-2), notification du DG (D-DELAIS-3), signature du DG (D-DELAIS-6), procédure tacite (D-DELAIS-5).",
            |m, c| {
                let v = m.vue(c.s(2)).await?;
                let quoi = c.s(1).replace('’', "'");
                meme_date(&format!("délai {quoi} (pièce {})", c.s(2)), date(c.s(3))?, echeance(&v, &quoi))
            }
        ),
        etape!(
            Alors,
            evenement_dossier,
            motif = r#"le dossier de la pièce {PIECE} enregistre « (.+) » le {DATE}"#,
            exemple = "Alors le dossier de la pièce A15 enregistre « réputée acceptée » le 3 avril 2026",
            sens = "Un événement du dossier, daté, dont le libellé contient ce texte (D-STATUTS-4, D-DELAIS-6, D-MONTANTS-2).",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                let le = date(c.s(3))?;
                if v.evenements_dossier.iter().any(|e| e.date == le && e.libelle.contains(c.s(2))) {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(
                        &format!("événements du dossier de la pièce {}", c.s(1)),
                        format!("« {} » le {}", c.s(2), le.en_francais()),
                        v.evenements_dossier
                            .iter()
                            .map(|e| format!("« {} » le {}", e.libelle, e.date.en_francais()))
                            .collect::<Vec<_>>()
                            .join(" ; "),
                    ))
                }
            }
        ),
        etape!(
            Alors,
            correction_reputee_acceptee,
            motif = "la correction de montant de la pièce {PIECE} est réputée acceptée le {DATE}",
            exemple = "Alors la correction de montant de la pièce A15 est réputée acceptée le 3 avril 2026",
            sens = "Sans contestation dans son délai, la correction de montant est réputée acceptée (D-MONTANTS-2).",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                let le = date(c.s(2))?;
                let e = v
                    .evenements_dossier
                    .iter()
                    .find(|e| e.libelle.contains("correction de montant") && e.libelle.contains("réputée acceptée"));
                meme_date(&format!("correction de montant de la pièce {} réputée acceptée", c.s(1)), le, e.map(|e| e.date))
            }
        ),
        etape!(
            Alors,
            telechargee,
            motif = "la pièce {PIECE} (est|n'est pas) téléchargée par son destinataire",
            exemple = "Alors la pièce A4 est téléchargée par son destinataire",
            sens = "L'indicateur factureTelechargeeParDestinataire (D-STATUTS-2).",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                let attendu = c.s(2) == "est";
                let dire = |b: bool| if b { "téléchargée" } else { "pas téléchargée" };
                if v.telechargee == attendu {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(&format!("pièce {}", c.s(1)), dire(attendu), dire(v.telechargee)))
                }
            }
        ),
        etape!(
            Alors,
            code_service_porte,
            motif = r#"la pièce {PIECE} porte le code service "([^"]*)""#,
            exemple = r#"Alors la pièce A4 porte le code service "TRAVAUX""#,
            sens = "Le codeServiceExecutant de la pièce (vide : aucun) (D-ROUTAGE étape 5).",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                let obtenu = v.code_service.clone().unwrap_or_default();
                if obtenu == c.s(2) {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(&format!("code service de la pièce {}", c.s(1)), c.s(2), obtenu))
                }
            }
        ),
        etape!(
            Alors,
            service_deposant,
            motif = r#"la pièce {PIECE} part du service "([^"]+)""#,
            exemple = r#"Alors la pièce A1 part du service "SIMPLES""#,
            sens = "Le service de la structure déposante dont part la pièce ; un appel de fonds part du service de factures simples de la MOAD (D-MOAD-3).",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                let obtenu = v.service_deposant.clone().unwrap_or("aucun".into());
                if obtenu == c.s(2) {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(&format!("service déposant de la pièce {}", c.s(1)), c.s(2), obtenu))
                }
            }
        ),
        etape!(
            Alors,
            montant_payable,
            motif = "le montant payable de la pièce {PIECE} est de {MONTANT}",
            exemple = "Alors le montant payable de la pièce A8 est de 232 000 €",
            sens = "Ce que le payeur paie : le montant accepté d'une A10, les seules sommes non contestées d'un DG signé avec réserves, sinon le montant à payer (D-DELAIS-6).",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                let attendu = montant(c.s(2))?;
                if v.montant_payable == attendu {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(
                        &format!("montant payable de la pièce {}", c.s(1)),
                        format!("{attendu} €"),
                        format!("{} €", v.montant_payable),
                    ))
                }
            }
        ),
        etape!(
            Alors,
            indemnite,
            motif = "l'indemnité forfaitaire de la pièce {PIECE} est de {MONTANT}",
            exemple = "Alors l'indemnité forfaitaire de la pièce A19 est de 40 €",
            sens = "L'indemnité forfaitaire de recouvrement d'un paiement en retard, due quel que soit le taux (D-DELAIS-7).",
            |m, c| {
                let r = retard(m, &c).await?;
                let attendu = montant(c.s(2))?;
                if r.indemnite == attendu {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(
                        &format!("indemnité de la pièce {}", c.s(1)),
                        format!("{attendu} €"),
                        format!("{} €", r.indemnite),
                    ))
                }
            }
        ),
        etape!(
            Alors,
            interets_taux,
            motif = r"le taux des intérêts moratoires de la pièce {PIECE} est de (\d+(?:,\d+)?) ?%",
            exemple = "Alors le taux des intérêts moratoires de la pièce A19 est de 10,15 %",
            sens = "Le taux appliqué seul : le taux BCE du semestre où commence le retard, plus 8 points (D-DELAIS-7, CCP R.2192-31).",
            |m, c| {
                let r = retard(m, &c).await?;
                let attendu = montant(c.s(2))?;
                let obtenu = r.taux_applique.map(|t| format!("{t} %")).unwrap_or("aucun (taux BCE manquant)".into());
                if r.taux_applique == Some(attendu) {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(&format!("taux des intérêts de la pièce {}", c.s(1)), format!("{attendu} %"), obtenu))
                }
            }
        ),
        etape!(
            Alors,
            interets_base,
            motif = "la base des intérêts moratoires de la pièce {PIECE} est de {MONTANT}",
            exemple = "Alors la base des intérêts moratoires de la pièce A19 est de 12 000 €",
            sens = "La base seule : le montant payé en retard, c'est-à-dire le montant à payer et non le HT (D-DELAIS-7).",
            |m, c| {
                let r = retard(m, &c).await?;
                let attendu = montant(c.s(2))?;
                if r.base == attendu {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(
                        &format!("base des intérêts de la pièce {}", c.s(1)),
                        format!("{attendu} €"),
                        format!("{} €", r.base),
                    ))
                }
            }
        ),
        etape!(
            Alors,
            jours_de_retard,
            motif = r"la pièce {PIECE} est payée avec (\d+) jours? de retard",
            exemple = "Alors la pièce A19 est payée avec 10 jours de retard",
            sens = "Les jours de retard seuls : du lendemain de l'échéance au jour de la mise en paiement inclus (D-DELAIS-7).",
            |m, c| {
                let r = retard(m, &c).await?;
                let attendu: i32 = c.s(2).parse().map_err(|_| "nombre de jours illisible")?;
                if r.jours == attendu {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(
                        &format!("retard de paiement de la pièce {}", c.s(1)),
                        format!("{attendu} jours"),
                        format!("{} jours", r.jours),
                    ))
                }
            }
        ),
        etape!(
            Alors,
            interets_assiette,
            motif = r"les intérêts moratoires de la pièce {PIECE} courent sur {MONTANT} pendant (\d+) jours? au taux de (\d+(?:,\d+)?) ?%",
            exemple = "Alors les intérêts moratoires de la pièce A19 courent sur 12 000 € pendant 10 jours au taux de 10,15 %",
            sens = "La base (le montant payé en retard), le nombre de jours de retard et le taux appliqué (taux BCE du semestre + 8 points) (D-DELAIS-7).",
            |m, c| {
                let r = retard(m, &c).await?;
                let (base, jours, taux) =
                    (montant(c.s(2))?, c.s(3).parse::<i32>().map_err(|_| "nombre de jours illisible")?, montant(c.s(4))?);
                if r.base == base && r.jours == jours && r.taux_applique == Some(taux) {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(
                        &format!("intérêts de la pièce {}", c.s(1)),
                        format!("{base} € pendant {jours} jours au taux de {taux} %"),
                        format!(
                            "{} € pendant {} jours au taux de {}",
                            r.base,
                            r.jours,
                            r.taux_applique.map(|t| format!("{t} %")).unwrap_or("aucun (taux BCE manquant)".into())
                        ),
                    ))
                }
            }
        ),
        etape!(
            Alors,
            interets_dus_avant,
            motif = "les intérêts moratoires de la pièce {PIECE} sont dus au plus tard le {DATE}",
            exemple = "Alors les intérêts moratoires de la pièce A19 sont dus au plus tard le 26 mai 2026",
            sens = "Intérêts et indemnité sont versés dans un délai compté de la mise en paiement (CCP R.2192-36).",
            |m, c| {
                let r = retard(m, &c).await?;
                meme_date(&format!("date limite de versement des intérêts de la pièce {}", c.s(1)), date(c.s(2))?, Some(r.a_verser_avant))
            }
        ),
        etape!(
            Alors,
            interets_sans_taux,
            motif = "les intérêts moratoires de la pièce {PIECE} ne sont pas calculés faute de taux BCE pour le semestre du {DATE}",
            exemple =
                "Alors les intérêts moratoires de la pièce A19 ne sont pas calculés faute de taux BCE pour le semestre du 1er juillet 2027",
            sens = "Sans taux BCE pour le semestre, aucun taux n'est inventé : la référence nomme le semestre, et l'indemnité reste due (D-DELAIS-7).",
            |m, c| {
                let r = retard(m, &c).await?;
                let semestre = date(c.s(2))?;
                if r.interets.is_none() && r.semestre == semestre {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(
                        &format!("intérêts de la pièce {}", c.s(1)),
                        format!("non calculés, taux manquant pour le semestre du {}", semestre.en_francais()),
                        match r.interets {
                            Some(i) => format!("{i} € calculés sur le taux du semestre du {}", r.semestre.en_francais()),
                            None => format!("non calculés, taux manquant pour le semestre du {}", r.semestre.en_francais()),
                        },
                    ))
                }
            }
        ),
        etape!(
            Alors,
            delai_paiement_arrete,
            motif = r"le délai de paiement de la pièce {PIECE} est arrêté avec (\d+) jours? restants?",
            exemple = "Alors le délai de paiement de la pièce A19 est arrêté avec 20 jours restants",
            sens = "Pendant la première suspension, le délai global de paiement s'arrête avec les jours qui restent ; il reprend au complément (D-DELAIS-7).",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                let attendu: u32 = c.s(2).parse().map_err(|_| "nombre de jours illisible")?;
                match (v.jours_restants_suspendu, v.echeance_paiement) {
                    (Some(n), None) if n == attendu => Ok(()),
                    (n, e) => Err(EchecEtape::difference(
                        &format!("délai de paiement de la pièce {}", c.s(1)),
                        format!("arrêté avec {attendu} jours restants"),
                        match (n, e) {
                            (Some(n), _) => format!("arrêté avec {n} jours restants"),
                            (None, Some(e)) => format!("en cours, échéance le {}", e.en_francais()),
                            (None, None) => "aucun délai de paiement".to_string(),
                        },
                    )),
                }
            }
        ),
    ]
}
