//! Context: the directory's structures and their parameters, users and their attachments.

use super::Definition;
use crate::domaine::siret::Siret;
use crate::domaine::structure::{CategoriePayeur, PresenceMoa, Service, Structure, TypeStructure};
use crate::domaine::utilisateur::RoleRattachement;
use crate::moteur::monde::{Monde, Resultat, UtilisateurConnu};
use crate::plateforme::Commande;

async fn modifier_structure(m: &mut Monde, nom: &str, f: impl FnOnce(&mut Structure)) -> Resultat {
    let siret = m.siret_de(nom)?;
    let mut s = m.plateforme.structure(siret).await?;
    f(&mut s);
    m.preparer(Commande::RemplacerStructure(s)).await
}

/// The login a user named in a scenario gets (« Léa Morel » → `lea.morel@exemple.fr`).
fn nom_login(nom: &str) -> String {
    let base: String = nom
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'à' | 'â' => 'a',
            'î' | 'ï' => 'i',
            'ô' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c if c.is_ascii_alphanumeric() => c,
            _ => '.',
        })
        .collect();
    format!("{base}@exemple.fr")
}

/// The context steps: directory and users.
pub(super) fn definitions() -> Vec<Definition> {
    vec![
        etape!(
            Soit,
            structure,
            motif = r#"la structure (publique|privée) "([^"]+)" de SIRET "([^"]*)"(?: (sans MOA|avec MOA|exclusivement MOA))?"#,
            exemple = r#"Soit la structure publique "Mairie de Lyon" de SIRET "21690123100011" avec MOA"#,
            sens =
                "Ajoute une structure à l'annuaire, espace « Factures de travaux » ouvert (D-STRUCTURES-1). Un SIRET invalide est refusé.",
            |m, c| {
                let siret =
                    Siret::parse(c.s(3)).map_err(|e| format!("SIRET « {} » invalide pour la structure « {} » : {e}", c.s(3), c.s(2)))?;
                let publique = c.s(1) == "publique";
                let mut s = Structure::nouvelle(siret, c.s(2), if publique { TypeStructure::Publique } else { TypeStructure::Privee });
                s.espace_travaux = true;
                if let Some(p) = c.opt(4) {
                    s.presence_moa = PresenceMoa::parse(p).ok_or_else(|| format!("présence MOA inconnue : {p}"))?;
                }
                m.structures.push((c.s(2).to_string(), siret));
                m.preparer(Commande::AjouterStructure(s)).await
            }
        ),
        etape!(
            Quand,
            structure_creee,
            motif = r#"la structure (publique|privée) "([^"]+)" de SIRET "([^"]*)"(?: (sans MOA|avec MOA|exclusivement MOA))? est créée"#,
            exemple = r#"Quand la structure publique "Mairie de Lyon" de SIRET "21690123100012" avec MOA est créée"#,
            sens = "Crée une structure comme une action dont on vérifie ensuite l'issue : un SIRET mal formé ou à la clé fausse est refusé (SIRET_FORMAT_INVALIDE, SIRET_CLE_INVALIDE), sans arrêter le scénario (D-STRUCTURES-1).",
            |m, c| {
                let presence = match c.opt(4) {
                    Some(p) => Some(PresenceMoa::parse(p).ok_or_else(|| format!("présence MOA inconnue : {p}"))?),
                    None => None,
                };
                let commande = Commande::CreerStructure {
                    siret: c.s(3).to_string(),
                    raison_sociale: c.s(2).to_string(),
                    publique: c.s(1) == "publique",
                    presence,
                };
                if m.executer(None, commande).await.is_ok()
                    && let Ok(siret) = Siret::parse(c.s(3))
                {
                    m.structures.push((c.s(2).to_string(), siret));
                }
                Ok(())
            }
        ),
        etape!(
            Soit,
            structure_exige,
            motif = r#"la structure "([^"]+)" exige (le code service|le numéro d'engagement|le numéro d'engagement ou le code service)"#,
            exemple = r#"Soit la structure "Ville de Villeurbanne" exige le numéro d'engagement"#,
            sens = "Paramètres de la structure (fait §4.1).",
            |m, c| {
                let quoi = c.s(2).replace('’', "'");
                modifier_structure(m, c.s(1), |s| match quoi.as_str() {
                    "le code service" => s.parametres.code_service_doit_etre_renseigne = true,
                    "le numéro d'engagement" => s.parametres.numero_ej_doit_etre_renseigne = true,
                    _ => s.parametres.gestion_numero_ej_ou_code_service = true,
                })
                .await
            }
        ),
        etape!(
            Soit,
            structure_service,
            motif = r#"la structure "([^"]+)" a le service "([^"]+)"(?: \((inactif|avec engagement obligatoire)\))?"#,
            exemple = r#"Soit la structure "Ville de Villeurbanne" a le service "TRAVAUX" (avec engagement obligatoire)"#,
            sens = "Ajoute un service (code, actif, engagement obligatoire).",
            |m, c| {
                let (code, etat) = (c.s(2).to_string(), c.s(3).to_string());
                modifier_structure(m, c.s(1), |s| {
                    s.services.retain(|x| x.code != code);
                    s.services.push(Service {
                        libelle: code.clone(),
                        code,
                        actif: etat != "inactif",
                        engagement_requis: etat.contains("engagement"),
                    });
                })
                .await
            }
        ),
        etape!(
            Soit,
            structure_categorie,
            motif = r#"la structure "([^"]+)" est (un établissement public de santé|une entreprise publique|l'État|une collectivité territoriale)"#,
            exemple = r#"Soit la structure "CHU" est un établissement public de santé"#,
            sens = "Catégorie du payeur, qui fixe son délai global de paiement (D-DELAIS-7).",
            |m, c| {
                let cat = match c.s(2) {
                    "un établissement public de santé" => CategoriePayeur::EtablissementPublicSante,
                    "une entreprise publique" => CategoriePayeur::EntreprisePublique,
                    "l'État" | "l’État" => CategoriePayeur::Etat,
                    _ => CategoriePayeur::Collectivite,
                };
                modifier_structure(m, c.s(1), |s| s.categorie = cat).await
            }
        ),
        etape!(
            Soit,
            structure_inactive,
            motif = r#"la structure "([^"]+)" est inactive"#,
            exemple = r#"Soit la structure "Ville de Villeurbanne" est inactive"#,
            sens = "Structure inactive dans l'annuaire.",
            |m, c| { modifier_structure(m, c.s(1), |s| s.active = false).await }
        ),
        etape!(
            Soit,
            structure_espace_ferme,
            motif = r#"la structure "([^"]+)" n'a pas ouvert son espace « Factures de travaux »"#,
            exemple = r#"Soit la structure "Bâtiments du Rhône SAS" n'a pas ouvert son espace « Factures de travaux »"#,
            sens = "Espace fermé (D-UTILISATEURS-2).",
            |m, c| { modifier_structure(m, c.s(1), |s| s.espace_travaux = false).await }
        ),
        etape!(
            Soit,
            structure_presence,
            motif = r#"la structure "([^"]+)" est paramétrée « ?(Structure sans MOA|Structure avec MOA|Structure exclusivement MOA|sans MOA|avec MOA|exclusivement MOA) ?»"#,
            exemple = r#"Soit la structure "Ville de Villeurbanne" est paramétrée « Structure exclusivement MOA »"#,
            sens = "Présence MOA fixée par l'administration du jeu de données.",
            |m, c| {
                let p = PresenceMoa::parse(c.s(2)).ok_or_else(|| format!("présence MOA inconnue : {}", c.s(2)))?;
                modifier_structure(m, c.s(1), |s| s.presence_moa = p).await
            }
        ),
        etape!(
            Soit,
            structure_cache_mep,
            motif = r#"la structure "([^"]+)" ne remonte pas le statut « Mise en paiement » au fournisseur"#,
            exemple = r#"Soit la structure "Ville de Villeurbanne" ne remonte pas le statut « Mise en paiement » au fournisseur"#,
            sens = "Paramètre statutMiseEnPaiementNestPasRemonte (D-PAIEMENT-2).",
            |m, c| { modifier_structure(m, c.s(1), |s| s.parametres.statut_mise_en_paiement_nest_pas_remonte = true).await }
        ),
        etape!(
            Soit,
            utilisateur,
            motif = r#"l'utilisateur "([^"]+)" rattaché à "([^"]+)" comme (gestionnaire principal|gestionnaire secondaire|utilisateur)( avec un compte PIGP)?"#,
            exemple = r#"Soit l'utilisateur "Léa Morel" rattaché à "Aménageur privé SAS" comme gestionnaire principal avec un compte PIGP"#,
            sens = "Crée l'utilisateur et le rattache, habilité sur « Factures de travaux » (D-UTILISATEURS-1).",
            |m, c| {
                let nom = c.s(1).to_string();
                let siret = m.siret_de(c.s(2))?;
                let role = RoleRattachement::parse(c.s(3)).ok_or_else(|| format!("rôle inconnu : {}", c.s(3)))?;
                let pigp = c.opt(4).is_some();
                let login = nom_login(&nom);
                let (prenom, nom_famille) = nom.split_once(' ').unwrap_or((nom.as_str(), ""));
                if !m.utilisateurs.iter().any(|u| u.login == login) {
                    m.preparer(Commande::CreerUtilisateur {
                        login: login.clone(),
                        prenom: prenom.into(),
                        nom: nom_famille.into(),
                        pigp,
                        mot_de_passe: None,
                    })
                    .await?;
                    m.utilisateurs.push(UtilisateurConnu { nom: nom.clone(), login: login.clone(), structures: vec![] });
                }
                let r = m.executer(None, Commande::Rattacher { login: login.clone(), siret, role, habilite_travaux: true }).await;
                if r.is_ok()
                    && let Some(u) = m.utilisateurs.iter_mut().find(|u| u.login == login)
                {
                    u.structures.push(siret);
                }
                Ok(())
            }
        ),
        etape!(
            Soit,
            utilisateur_non_habilite,
            motif = r#"l'utilisateur "([^"]+)" n'est pas habilité sur l'espace « Factures de travaux » de "([^"]+)""#,
            exemple =
                r#"Soit l'utilisateur "Léo Dupuis" n'est pas habilité sur l'espace « Factures de travaux » de "Bâtiments du Rhône SAS""#,
            sens = "Retire l'habilitation travaux (D-UTILISATEURS-2).",
            |m, c| {
                let login = m.login(&format!("\"{}\"", c.s(1)))?;
                let siret = m.siret_de(c.s(2))?;
                m.preparer(Commande::Rattacher { login, siret, role: RoleRattachement::Utilisateur, habilite_travaux: false }).await
            }
        ),
    ]
}
