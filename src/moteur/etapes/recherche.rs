//! The travaux search as a user makes it: every page walked, each result checked against the
//! pieces the scenario knows (issue 11: truncated results, results of other structures, the
//! handler given as destinataire, paging ignored).

use super::Definition;
use crate::domaine::reference::RoleRecherche;
use crate::moteur::echec::EchecEtape;
use crate::moteur::monde::{Monde, Resultat};
use crate::plateforme::PieceTrouvee;

/// The most pieces a step reads (one page of the real API's default size): a scenario holds a
/// handful of pieces.
const PAGES_MAX: usize = 50;

fn role(s: Option<&str>) -> Resultat<Option<RoleRecherche>> {
    Ok(match s {
        None => None,
        Some("fournisseur") => Some(RoleRecherche::Fournisseur),
        Some("maîtrise d'œuvre" | "maîtrise d'oeuvre") => Some(RoleRecherche::Moe),
        Some("maîtrise d'ouvrage") => Some(RoleRecherche::Moa),
        Some("destinataire") => Some(RoleRecherche::Destinataire),
        Some("valideur") => Some(RoleRecherche::Valideur),
        Some(autre) => return Err(format!("rôle de recherche inconnu : {autre}").into()),
    })
}

/// The whole search in one page, then walked one piece a page: both must hold the same pieces
/// in the same order, each page what it announces.
async fn parcourir(m: &mut Monde, login: &str, role: Option<RoleRecherche>) -> Resultat<Vec<PieceTrouvee>> {
    let tout = m.plateforme.rechercher(login, role, 1, PAGES_MAX).await.map_err(|e| EchecEtape::from(e).precede("recherche des pièces"))?;
    if tout.pieces.len() != tout.total.min(PAGES_MAX) {
        return Err(EchecEtape::difference("résultats d'une page qui peut tous les tenir", tout.total, tout.pieces.len()));
    }
    let mut une_a_une: Vec<PieceTrouvee> = Vec::new();
    for page in 1..=tout.total.min(PAGES_MAX) {
        let p = m.plateforme.rechercher(login, role, page, 1).await.map_err(|e| EchecEtape::from(e).precede("recherche des pièces"))?;
        if p.pages != p.total || p.total != tout.total {
            return Err(EchecEtape::difference(
                &format!("total et pages à une pièce par page (page {page})"),
                tout.total,
                format!("{} et {}", p.total, p.pages),
            ));
        }
        match p.pieces.as_slice() {
            [x] if une_a_une.iter().any(|t| t.id == x.id) => {
                return Err(EchecEtape::echouee(format!("la page {page} répète la pièce {} : la pagination est ignorée", x.id.0)));
            }
            [x] => une_a_une.push(x.clone()),
            autre => return Err(EchecEtape::difference(&format!("résultats de la page {page}"), 1, autre.len())),
        }
    }
    if une_a_une != tout.pieces {
        return Err(EchecEtape::echouee("les pages d'une pièce ne donnent pas les pièces de la page entière, dans le même ordre"));
    }
    Ok(tout.pieces)
}

/// The search steps.
pub(super) fn definitions() -> Vec<Definition> {
    vec![etape!(
        Alors,
        recherche,
        motif = r#"la recherche par {ACTEUR}(?: en tant que (fournisseur|maîtrise d'(?:œ|oe)uvre|maîtrise d'ouvrage|destinataire|valideur))? (?:trouve (?:la pièce|les pièces) ((?:(?:A\d{1,2}|"[^"]+")(?:, | et )?)+)|ne trouve aucune pièce)"#,
        exemple = "Alors la recherche par le titulaire en tant que fournisseur trouve les pièces A4 et A15",
        sens = "La recherche des factures de travaux (rechercherFactureTravaux), parcourue page à page : exactement les pièces nommées, chacune avec son numéro et son destinataire, rien d'une structure qui n'y prend pas part (D-UTILISATEURS-3).",
        |m, c| {
            let login = m.login(c.s(1))?;
            let trouvees = parcourir(m, &login, role(c.opt(2))?).await?;
            let mut attendues = Vec::new();
            if let Some(liste) = c.opt(3) {
                let noms = regex::Regex::new(r#"A\d{1,2}|"[^"]+""#).map_err(|e| e.to_string())?;
                for nom in noms.find_iter(liste).map(|x| x.as_str().to_string()).collect::<Vec<_>>() {
                    let v = m.vue(&nom).await?;
                    attendues.push((nom, v));
                }
            }
            let noms = |ids: Vec<u32>| ids.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
            if trouvees.len() != attendues.len() || attendues.iter().any(|(_, v)| !trouvees.iter().any(|t| t.id == v.id)) {
                return Err(EchecEtape::difference(
                    "pièces trouvées (identifiants)",
                    noms(attendues.iter().map(|(_, v)| v.id.0).collect()),
                    noms(trouvees.iter().map(|t| t.id.0).collect()),
                ));
            }
            for (nom, v) in &attendues {
                let Some(t) = trouvees.iter().find(|t| t.id == v.id) else { continue };
                if t.numero != v.numero {
                    return Err(EchecEtape::difference(&format!("numéro de la pièce {nom} dans la recherche"), &v.numero, &t.numero));
                }
                if t.destinataire != v.destinataire.to_string() {
                    return Err(EchecEtape::difference(
                        &format!("destinataire de la pièce {nom} dans la recherche"),
                        v.destinataire,
                        &t.destinataire,
                    ));
                }
            }
            Ok(())
        }
    )]
}
