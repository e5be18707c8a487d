//! The trainer's steps (issue 12): a narration the engine records without acting on it, and the
//! screens an actor sees. A screen step shows a table and checks it: the platform's view, laid out
//! as the portal lays it out, must be exactly the table the scenario writes.

use super::{Captures, Definition};
use crate::domaine::piece::Espace;
use crate::domaine::structure::Parametres;
use crate::moteur::echec::EchecEtape;
use crate::moteur::monde::{Monde, Resultat};
use crate::plateforme::Echec;

/// The table a step writes, header included, cells trimmed and apostrophes made straight.
fn table_ecrite(c: &Captures) -> Resultat<Vec<Vec<String>>> {
    let t = c.0.step.table.as_ref().ok_or("l'écran attend un tableau")?;
    Ok(t.rows.iter().map(|r| r.iter().map(|x| normaliser(x)).collect()).collect())
}

fn normaliser(s: &str) -> String {
    s.trim().replace('’', "'")
}

fn rendre(t: &[Vec<String>]) -> String {
    t.iter().map(|r| format!("| {} |", r.join(" | "))).collect::<Vec<_>>().join("\n")
}

/// Compares the screen the platform gives (`lignes`, under the written header) with the table
/// the step writes.
fn comparer(ecran: &str, ecrite: &[Vec<String>], entete: &[&str], lignes: Vec<Vec<String>>) -> Resultat {
    let attendu_entete: Vec<String> = entete.iter().map(|s| normaliser(s)).collect();
    if ecrite.first() != Some(&attendu_entete) {
        return Err(EchecEtape::echouee(format!("l'écran « {ecran} » s'écrit avec l'en-tête : | {} |", entete.join(" | "))));
    }
    let mut obtenu = vec![attendu_entete];
    obtenu.extend(lignes.into_iter().map(|r| r.iter().map(|x| normaliser(x)).collect()));
    if obtenu == ecrite {
        Ok(())
    } else {
        Err(EchecEtape::difference(&format!("écran « {ecran} »"), format!("\n{}", rendre(ecrite)), format!("\n{}", rendre(&obtenu))))
    }
}

/// The five check boxes of the « Paramètres » block, with the seed's labels.
pub const CASES_PARAMETRES: [&str; 5] = [
    "L'entité peut recevoir des données via EDI",
    "Le statut de \"Mise en paiement\" n'est pas remonté au fournisseur",
    "Le code service doit être renseigné par le fournisseur",
    "Le numéro d'engagement doit être renseigné par le fournisseur",
    "Le numéro d'engagement ou le code service est obligatoire",
];

fn cases(p: &Parametres) -> [bool; 5] {
    [
        p.recevoir_donnees_via_edi,
        p.statut_mise_en_paiement_nest_pas_remonte,
        p.code_service_doit_etre_renseigne,
        p.numero_ej_doit_etre_renseigne,
        p.gestion_numero_ej_ou_code_service,
    ]
}

fn oui_non(b: bool) -> String {
    if b { "oui" } else { "non" }.to_string()
}

/// The pieces of `espace` the user sees, in deposit order: those the platform lets it consult;
/// in « Factures reçues », only those addressed to one of its structures (the payer's inbox).
async fn pieces_vues(m: &mut Monde, login: &str, espace: Espace) -> Resultat<Vec<Vec<String>>> {
    let ids: Vec<_> = m.pieces.iter().map(|p| p.id).collect();
    let siens: Vec<_> = m.plateforme.compte(login).await?.rattachements.iter().map(|r| r.siret).collect();
    let recue = |v: &crate::plateforme::VuePiece| siens.contains(&v.destinataire) || siens.contains(&v.recipiendaire);
    let mut lignes = Vec::new();
    for id in ids {
        match m.plateforme.consulter(Some(login), id).await {
            Ok(v) if v.espace == espace && (espace == Espace::FacturesTravaux || recue(&v)) => {
                lignes.push(vec![v.cadre.court(), v.cadre.piece().to_string(), v.libelle])
            }
            Ok(_) | Err(Echec::Refus { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(lignes)
}

/// A narration's check: its text comes as a doc string (the engine does nothing else with it).
fn verifier_narration(c: &Captures) -> Resultat {
    if c.0.step.docstring.as_deref().is_none_or(|d| d.trim().is_empty()) {
        return Err("la narration attend son texte en doc string (\"\"\" … \"\"\")".into());
    }
    Ok(())
}

/// The narration and screen steps.
pub(super) fn definitions() -> Vec<Definition> {
    vec![
        etape!(
            Quand,
            narration,
            motif = "[Ll]e formateur explique :",
            exemple = "Soit le formateur explique :",
            sens = "Ce que le formateur dit à la salle (texte en doc string). Le moteur ne fait rien, l'étape est enregistrée et `demo play` l'affiche.",
            |_m, c| { verifier_narration(&c) }
        ),
        etape!(
            Alors,
            narration_apres,
            motif = "[Ll]e formateur explique :",
            exemple = "Alors le formateur explique :",
            sens = "La narration, après une assertion (« Et le formateur explique : »).",
            |_m, c| { verifier_narration(&c) }
        ),
        etape!(
            Alors,
            ecran_mon_compte,
            motif = r#"l'écran "Mon compte" de "([^"]+)" montre :"#,
            exemple = r#"Alors l'écran "Mon compte" de "Julie Bernard" montre :"#,
            sens = "Les informations générales de « Mon Compte » (identifiant de connexion, adresse de contact, nom, prénom), montrées et vérifiées (démonstration 1).",
            |m, c| {
                let login = m.login(&format!("\"{}\"", c.s(1)))?;
                let compte = m.plateforme.compte(&login).await?;
                let lignes = vec![
                    vec!["Identifiant de connexion".into(), compte.login],
                    vec!["Adresse électronique de contact".into(), compte.email],
                    vec!["Nom".into(), compte.nom],
                    vec!["Prénom".into(), compte.prenom],
                ];
                comparer("Mon compte", &table_ecrite(&c)?, &["champ", "valeur"], lignes)
            }
        ),
        etape!(
            Alors,
            ecran_rattachements,
            motif = r#"l'écran "Mes rattachements" de "([^"]+)" montre :"#,
            exemple = r#"Alors l'écran "Mes rattachements" de "Julie Bernard" montre :"#,
            sens = "« Mes rattachements aux structures » : identifiant de structure, raison sociale, rôle (démonstration 1, D-UTILISATEURS-1).",
            |m, c| {
                let login = m.login(&format!("\"{}\"", c.s(1)))?;
                let compte = m.plateforme.compte(&login).await?;
                let lignes = compte
                    .rattachements
                    .into_iter()
                    .map(|r| vec![r.siret.to_string(), r.raison_sociale, r.role.code().to_string()])
                    .collect();
                comparer("Mes rattachements", &table_ecrite(&c)?, &["Identifiant Structure", "Raison sociale", "Rôle"], lignes)
            }
        ),
        etape!(
            Alors,
            ecran_parametres,
            motif = r#"l'écran "Paramètres" de la structure "([^"]+)" montre :"#,
            exemple = r#"Alors l'écran "Paramètres" de la structure "Ville de Villeurbanne" montre :"#,
            sens = "Le bloc « Paramètres » : ses cinq cases (oui : cochée) et la « Présence MOA » choisie (démonstration 1, fait §4.1).",
            |m, c| {
                let siret = m.siret_de(c.s(1))?;
                let s = m.plateforme.structure(siret).await?;
                let mut lignes: Vec<Vec<String>> =
                    CASES_PARAMETRES.iter().zip(cases(&s.parametres)).map(|(l, b)| vec![l.to_string(), oui_non(b)]).collect();
                lignes.push(vec!["Présence MOA".into(), s.presence_moa().libelle().into()]);
                comparer("Paramètres", &table_ecrite(&c)?, &["paramètre", "valeur"], lignes)
            }
        ),
        etape!(
            Alors,
            ecran_espace,
            motif = r#"l'écran "(Factures de travaux|Factures reçues)" de "([^"]+)" montre :"#,
            exemple = r#"Alors l'écran "Factures de travaux" de "Claire Martin" montre :"#,
            sens = "Les pièces du scénario que l'utilisateur voit dans cet espace, dans l'ordre des dépôts : cadre, pièce, statut tel qu'il le voit (démonstrations 2 à 4) ; dans « Factures reçues », celles adressées à l'une de ses structures. Une liste vide s'écrit avec l'en-tête seul.",
            |m, c| {
                let espace = Espace::parse(c.s(1)).ok_or_else(|| format!("espace inconnu : {}", c.s(1)))?;
                let login = m.login(&format!("\"{}\"", c.s(2)))?;
                let lignes = pieces_vues(m, &login, espace).await?;
                comparer(c.s(1), &table_ecrite(&c)?, &["cadre", "pièce", "statut"], lignes)
            }
        ),
    ]
}
