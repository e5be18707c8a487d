//! Assertions on a piece as the platform shows it: status (as a given actor sees it too), space,
//! recipient, number, history, dossier state, amounts, payment deadline and interest.

use super::{Definition, date, montant};
use crate::domaine::paiement::Retard;
use crate::domaine::piece::Espace;
use crate::domaine::statut::Statut;
use crate::moteur::echec::EchecEtape;
use crate::plateforme::Echec;

/// Whether a status matches the expected text: its API code, or its label (as shown, or the
/// portal's), case-insensitively.
pub(super) fn statut_egal(vu: Statut, libelle: &str, attendu: &str) -> bool {
    let a = attendu.trim();
    vu.code_api().eq_ignore_ascii_case(a)
        || libelle.to_uppercase() == a.to_uppercase()
        || vu.libelle_portail().to_uppercase() == a.to_uppercase()
}

/// The steps on a piece's state.
pub(super) fn definitions() -> Vec<Definition> {
    vec![
        etape!(
            Alors,
            piece_statut,
            motif = "la pièce {PIECE} est au statut {STATUT}",
            exemple = r#"Alors la pièce A4 est au statut "MISE À DISPOSITION MOE""#,
            sens = "Statut courant (libellé du portail ou code API).",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                if statut_egal(v.statut, &v.libelle, c.s(2)) {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(
                        &format!("statut de la pièce {}", c.s(1)),
                        c.s(2),
                        format!("{} ({})", v.libelle, v.statut.code_api()),
                    ))
                }
            }
        ),
        etape!(
            Alors,
            acteur_voit_statut,
            motif = "{ACTEUR} voit la pièce {PIECE} au statut {STATUT}",
            exemple = r#"Alors le titulaire voit la pièce A19 au statut "MANDATÉE""#,
            sens = "Statut tel qu'un acteur le voit (D-PAIEMENT-2).",
            |m, c| {
                let login = m.login(c.s(1))?;
                let id = m.piece(c.s(2))?;
                let v = m.plateforme.consulter(Some(&login), id).await?;
                if statut_egal(v.statut, &v.libelle, c.s(3)) {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(
                        &format!("statut de la pièce {} vu par {}", c.s(2), c.s(1)),
                        c.s(3),
                        format!("{} ({})", v.libelle, v.statut.code_api()),
                    ))
                }
            }
        ),
        etape!(
            Alors,
            acteur_ne_voit_pas,
            motif = "{ACTEUR} ne voit pas la pièce {PIECE}",
            exemple = "Alors le mandant ne voit pas la pièce A4",
            sens = "La pièce est inconnue pour cet utilisateur (D-UTILISATEURS-2).",
            |m, c| {
                let login = m.login(c.s(1))?;
                let id = m.piece(c.s(2))?;
                match m.plateforme.consulter(Some(&login), id).await {
                    Err(Echec::Refus { .. }) => Ok(()),
                    Err(e) => Err(e.into()),
                    Ok(_) => Err(format!("{} voit la pièce {} : elle devrait lui être inconnue", c.s(1), c.s(2)).into()),
                }
            }
        ),
        etape!(
            Alors,
            piece_espace,
            motif = "la pièce {PIECE} est dans l'espace « ?(Factures de travaux|Factures reçues) ?» (?:de )?{QUI}",
            exemple = "Alors la pièce A19 est dans l'espace « Factures reçues » de la maîtrise d'ouvrage",
            sens = "Espace et structure où la pièce attend (fait §4.1).",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                let espace = Espace::parse(c.s(2)).ok_or_else(|| format!("espace inconnu : {}", c.s(2)))?;
                let qui = m.siret_acteur(c.s(3))?;
                if v.espace == espace && v.recipiendaire == qui {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(
                        &format!("espace de la pièce {}", c.s(1)),
                        format!("« {} » de {qui}", c.s(2)),
                        format!("« {} » de {}", v.espace.libelle(), v.recipiendaire),
                    ))
                }
            }
        ),
        etape!(
            Alors,
            piece_destinataire,
            motif = "la pièce {PIECE} a pour destinataire {ACTEUR}",
            exemple = "Alors la pièce A4 a pour destinataire le service financier",
            sens = "identifiantDestinataire de la pièce.",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                let qui = m.siret_acteur(c.s(2))?;
                if v.destinataire == qui {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(&format!("destinataire de la pièce {}", c.s(1)), qui, v.destinataire))
                }
            }
        ),
        etape!(
            Alors,
            piece_numero,
            motif = r#"la pièce {PIECE} a pour numéro "([^"]+)""#,
            exemple = r#"Alors la pièce A4 a pour numéro "PDM-2026-03""#,
            sens = "Le numéro est gardé par le recyclage (D-REFUS-4).",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                if v.numero == c.s(2) {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(&format!("numéro de la pièce {}", c.s(1)), c.s(2), &v.numero))
                }
            }
        ),
        etape!(
            Alors,
            historique_est,
            motif = "l'historique de la pièce {PIECE} est :",
            exemple = "Alors l'historique de la pièce A4 est :\n  | statut |\n  | MISE À DISPOSITION MOE |",
            sens = "L'historique complet, dans l'ordre (D-STATUTS-3) ; avec des colonnes « date » et « utilisateur » (nom ou « Chorus Pro »), chaque passage est daté et attribué.",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                let entete: Vec<String> =
                    c.0.step
                        .table
                        .as_ref()
                        .and_then(|t| t.rows.first())
                        .map(|r| r.iter().map(|x| x.trim().to_lowercase()).collect())
                        .unwrap_or_default();
                let colonne = |nom: &str| entete.iter().position(|x| x == nom).filter(|_| entete.first().is_some_and(|x| x == "statut"));
                let (col_date, col_qui) = (colonne("date"), colonne("utilisateur"));
                let mut attendus = Vec::new();
                for l in c.lignes() {
                    let statut = l.first().map(|s| s.trim().to_string()).unwrap_or_default();
                    let le = col_date.and_then(|i| l.get(i)).map(|s| date(s.trim())).transpose()?;
                    let qui = match col_qui.and_then(|i| l.get(i)) {
                        Some(n) if n.trim() == "Chorus Pro" => Some("Chorus Pro".to_string()),
                        Some(n) => Some(m.login(&format!("\"{}\"", n.trim()))?),
                        None => None,
                    };
                    attendus.push((statut, le, qui));
                }
                let ok = attendus.len() == v.historique.len()
                    && attendus.iter().zip(&v.historique).all(|((s, le, qui), h)| {
                        statut_egal(h.statut, h.statut.libelle_portail(), s)
                            && le.is_none_or(|d| d == h.date)
                            && qui.as_ref().is_none_or(|q| *q == h.utilisateur)
                    });
                if ok {
                    Ok(())
                } else {
                    let decrire = |s: &str, le: Option<crate::domaine::calendrier::Date>, qui: Option<&str>| {
                        let mut t = s.to_string();
                        if let Some(d) = le {
                            t += &format!(" le {}", d.en_francais());
                        }
                        if let Some(q) = qui {
                            t += &format!(" par {q}");
                        }
                        t
                    };
                    Err(EchecEtape::difference(
                        &format!("historique de la pièce {}", c.s(1)),
                        attendus.iter().map(|(s, le, qui)| decrire(s, *le, qui.as_deref())).collect::<Vec<_>>().join(", "),
                        v.historique
                            .iter()
                            .map(|h| decrire(h.statut.libelle_portail(), col_date.map(|_| h.date), col_qui.map(|_| h.utilisateur.as_str())))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ))
                }
            }
        ),
        etape!(
            Alors,
            historique_contient,
            motif = "l'historique de la pièce {PIECE} contient {STATUT}",
            exemple = r#"Alors l'historique de la pièce A10 contient "ABSENCE_VALIDATION_1_HORS_DELAI""#,
            sens = "Un statut figure dans l'historique.",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                if v.historique.iter().any(|h| statut_egal(h.statut, h.statut.libelle_portail(), c.s(2))) {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(
                        &format!("historique de la pièce {}", c.s(1)),
                        format!("contient « {} »", c.s(2)),
                        v.historique.iter().map(|h| h.statut.libelle_portail()).collect::<Vec<_>>().join(", "),
                    ))
                }
            }
        ),
        etape!(
            Alors,
            dossier_etat,
            motif = r#"le dossier de la pièce {PIECE} est "([^"]+)""#,
            exemple = r#"Alors le dossier de la pièce A8 est "DGD signé""#,
            sens = "État du dossier : en cours, suspendu, refusé, DG contesté, DGD signé / réputé accepté / tacite, payé (D-STATUTS-4).",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                if v.etat_dossier == c.s(2) {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(&format!("état du dossier de la pièce {}", c.s(1)), c.s(2), &v.etat_dossier))
                }
            }
        ),
        etape!(
            Alors,
            ecart,
            motif = "l'écart de la pièce {PIECE} est de {MONTANT} HT",
            exemple = "Alors l'écart de la pièce A15 est de -500 € HT",
            sens = "Différence enregistrée avec la pièce précédente (D-MONTANTS-2).",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                let attendu = montant(c.s(2))?;
                match v.ecart {
                    Some(e) if e.ht == attendu => Ok(()),
                    e => Err(EchecEtape::difference(
                        &format!("écart de la pièce {}", c.s(1)),
                        format!("{attendu} € HT"),
                        e.map(|e| format!("{} € HT", e.ht)).unwrap_or("aucun".into()),
                    )),
                }
            }
        ),
        etape!(
            Alors,
            montant_accepte,
            motif = "le montant accepté de la pièce {PIECE} est de {MONTANT}",
            exemple = "Alors le montant accepté de la pièce A10 est de 2 400 €",
            sens = "Montant accepté par le titulaire (D-SOUSTRAITANCE-1).",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                let attendu = montant(c.s(2))?;
                if v.montant_accepte == Some(attendu) {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(
                        "montant accepté",
                        format!("{attendu} €"),
                        v.montant_accepte.map(|m| format!("{m} €")).unwrap_or("aucun".into()),
                    ))
                }
            }
        ),
        etape!(
            Alors,
            echeance_paiement,
            motif = "l'échéance de paiement de la pièce {PIECE} est le {DATE}",
            exemple = "Alors l'échéance de paiement de la pièce A19 est le 1er avril 2026",
            sens = "Dernier jour du délai global de paiement (D-DELAIS-7).",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                let attendu = date(c.s(2))?;
                if v.echeance_paiement == Some(attendu) {
                    Ok(())
                } else {
                    Err(EchecEtape::difference(
                        &format!("échéance de paiement de la pièce {}", c.s(1)),
                        attendu.en_francais(),
                        v.echeance_paiement.map(|d| d.en_francais()).unwrap_or("aucune".into()),
                    ))
                }
            }
        ),
        etape!(
            Alors,
            interets,
            motif = "la pièce {PIECE} donne droit à {MONTANT} d'intérêts moratoires et {MONTANT} d'indemnité forfaitaire",
            exemple = "Alors la pièce A19 donne droit à 33,37 € d'intérêts moratoires et 40 € d'indemnité forfaitaire",
            sens = "Intérêts moratoires (taux BCE + 8 points) et indemnité de 40 € (D-DELAIS-7).",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                let (i, f) = (montant(c.s(2))?, montant(c.s(3))?);
                match &v.retard {
                    Some(r) if r.interets == Some(i) && r.indemnite == f => Ok(()),
                    r => Err(EchecEtape::difference(
                        &format!("intérêts de la pièce {}", c.s(1)),
                        format!("{i} € d'intérêts et {f} € d'indemnité"),
                        r.as_ref().map(decrire_retard).unwrap_or("aucun intérêt".into()),
                    )),
                }
            }
        ),
        etape!(
            Alors,
            sans_interets,
            motif = "la pièce {PIECE} ne donne droit à aucun intérêt moratoire",
            exemple = "Alors la pièce A19 ne donne droit à aucun intérêt moratoire",
            sens = "Paiement dans le délai.",
            |m, c| {
                let v = m.vue(c.s(1)).await?;
                match &v.retard {
                    None => Ok(()),
                    Some(r) => Err(EchecEtape::difference(&format!("intérêts de la pièce {}", c.s(1)), "aucun intérêt", decrire_retard(r))),
                }
            }
        ),
    ]
}

/// A late payment as a failure message shows it.
fn decrire_retard(r: &Retard) -> String {
    let interets = match (r.interets, r.taux_manquant()) {
        (Some(i), _) => format!("{i} € d'intérêts"),
        (None, Some(pourquoi)) => pourquoi,
        (None, None) => "intérêts incalculables".to_string(),
    };
    format!("{interets} et {} € d'indemnité ({} jours de retard)", r.indemnite, r.jours)
}
