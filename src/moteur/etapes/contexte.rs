//! Context: data sets, contract identity sheets (D-FICHE) and their changes.

use super::{Definition, date};
use crate::domaine::cadre::RoleMarche;
use crate::domaine::marche::{Acteur, DatesMarche, Mandat, Marche, ModeFinancement, Substitution};
use crate::domaine::structure::{CategoriePayeur, Structure};
use crate::donnees::{ErreurDonnees, JeuYaml, chemin_fiche, chemin_jeu, construire, lire_fiche, lire_jeu};
use crate::moteur::monde::{self, Monde, Resultat, UtilisateurConnu, role_de};
use crate::plateforme::Commande;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `check`: the data set is a name, its file and the sheets it lists parse, and the reference
/// accepts them (issue 9, items 12 and 15). Broken data is bad input, found before any scenario.
fn valider_jeu(args: &[String], racine: &Path) -> Result<(), String> {
    let nom = args.first().map(String::as_str).unwrap_or("");
    let p = chemin_jeu(racine, nom)?;
    if !p.is_file() {
        return Err(format!("jeu de données introuvable : {}", p.display()));
    }
    let charge = jeu_en_cache(&p).map_err(|e| format!("jeu de données « {nom} » : {e}"))?;
    construire(charge.0.clone(), charge.1.clone()).map(|_| ()).map_err(|e| format!("jeu de données « {nom} » : {} : {e}", p.display()))
}

/// `check`: the sheet is a name and its file parses.
fn valider_fiche(args: &[String], racine: &Path) -> Result<(), String> {
    let nom = args.first().map(String::as_str).unwrap_or("");
    let p = chemin_fiche(racine, nom)?;
    if !p.is_file() {
        return Err(format!("fiche d'identité introuvable : {}", p.display()));
    }
    lire_fiche(&p).map(|_| ()).map_err(|e| format!("fiche d'identité « {nom} » : {e}"))
}

async fn enregistrer_marche(m: &mut Monde, marche: Marche) -> Resultat {
    let numero = marche.numero.clone();
    m.preparer(Commande::EnregistrerMarche(Box::new(marche.clone()))).await?;
    m.marches.insert(numero.clone(), marche);
    m.marche = Some(numero);
    Ok(())
}

/// A data set and its sheets, parsed once per process: scenarios load the same files again and
/// again, and parsing YAML is the costliest part of a scenario's context.
fn jeu_en_cache(chemin: &Path) -> Result<Arc<(JeuYaml, Vec<Marche>)>, ErreurDonnees> {
    type Cache = std::sync::Mutex<std::collections::HashMap<PathBuf, Arc<(JeuYaml, Vec<Marche>)>>>;
    static CACHE: std::sync::OnceLock<Cache> = std::sync::OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(j) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(chemin) {
        return Ok(j.clone());
    }
    let j = Arc::new(lire_jeu(chemin)?);
    cache.lock().unwrap_or_else(|e| e.into_inner()).insert(chemin.to_path_buf(), j.clone());
    Ok(j)
}

fn role_marche(s: &str) -> Resultat<RoleMarche> {
    match role_de(&format!("le {s}")).or_else(|| role_de(&format!("la {s}"))).or_else(|| role_de(s)) {
        Some(monde::Acteur::Role(r)) => Ok(r),
        Some(monde::Acteur::Payeur) => Ok(RoleMarche::ServiceFinancier),
        _ => RoleMarche::parse(s).ok_or_else(|| format!("rôle inconnu : « {s} »").into()),
    }
}

fn vrai(s: &str) -> bool {
    matches!(s.trim().to_lowercase().as_str(), "oui" | "vrai" | "true" | "x")
}

/// The context steps: data sets and identity sheets.
pub(super) fn definitions() -> Vec<Definition> {
    vec![
        etape!(
            Soit,
            jeu_de_donnees,
            motif = r#"le jeu de données "([^"]+)"(?: au {DATE})?"#,
            exemple = r#"Soit le jeu de données "demonstration""#,
            sens = "Charge l'annuaire, les utilisateurs et les fiches d'identité d'un fichier de scenarios/jeux/ ; le premier marché devient le marché courant.",
            valider = valider_jeu,
            |m, c| {
                let chemin = chemin_jeu(&m.racine, c.s(1))?;
                let charge = jeu_en_cache(&chemin).map_err(|e| e.to_string())?;
                let (jeu, marches) = (&charge.0, &charge.1);
                let debut = match c.opt(2) {
                    Some(d) => date(d)?,
                    None => jeu.date,
                };
                m.preparer(Commande::FixerDate(debut)).await?;
                m.date = Some(debut);
                monde::noter_debut(debut);
                for s in &jeu.structures {
                    let s: Structure = s.clone().into();
                    m.structures.push((s.raison_sociale.clone(), s.siret));
                    m.preparer(Commande::AjouterStructure(s)).await?;
                }
                for u in &jeu.utilisateurs {
                    m.preparer(Commande::CreerUtilisateur {
                        login: u.login.clone(),
                        prenom: u.prenom.clone(),
                        nom: u.nom.clone(),
                        pigp: u.pigp,
                        mot_de_passe: u.mot_de_passe.clone(),
                    })
                    .await?;
                    let mut structures = Vec::new();
                    for a in &u.rattachements {
                        m.preparer(Commande::Rattacher {
                            login: u.login.clone(),
                            siret: a.siret,
                            role: a.role.into(),
                            habilite_travaux: a.habilite_travaux,
                        })
                        .await?;
                        structures.push(a.siret);
                    }
                    m.utilisateurs.push(UtilisateurConnu { nom: format!("{} {}", u.prenom, u.nom), login: u.login.clone(), structures });
                }
                for marche in marches {
                    enregistrer_marche(m, marche.clone()).await?;
                }
                m.marche = marches.first().map(|x| x.numero.clone());
                Ok(())
            }
        ),
        etape!(
            Soit,
            fiche_identite,
            motif = r#"la fiche d'identité "([^"]+)""#,
            exemple = r#"Soit la fiche d'identité "ecole-jaures""#,
            sens = "Enregistre la fiche d'identité du marché (scenarios/marches/NOM.yaml) et en fait le marché courant (D-FICHE).",
            valider = valider_fiche,
            |m, c| {
                let marche = lire_fiche(&chemin_fiche(&m.racine, c.s(1))?).map_err(|e| e.to_string())?;
                enregistrer_marche(m, marche).await
            }
        ),
        etape!(
            Soit,
            choisir_marche,
            motif = r#"le marché "([^"]+)""#,
            exemple = r#"Soit le marché "2026-TRV-014""#,
            sens = "Choisit le marché courant parmi ceux chargés.",
            |m, c| {
                let n = c.s(1).to_string();
                if !m.marches.contains_key(&n) {
                    return Err(format!("marché inconnu : « {n} » (chargez sa fiche d'identité ou décrivez-le par une table)").into());
                }
                m.marche = Some(n);
                Ok(())
            }
        ),
        etape!(
            Soit,
            marche_table,
            motif = r#"le marché "([^"]+)" :"#,
            exemple = "Soit le marché \"M-1\" :\n  | rôle | structure | dans Chorus Pro |\n  | titulaire | Bâti SA | oui |",
            sens = "Décrit une fiche d'identité par une table : rôle, structure, dans Chorus Pro, code service, engagement (D-FICHE).",
            |m, c| {
                let numero = c.s(1).to_string();
                let mut titulaire = None;
                let mut moe = None;
                let mut moa = None;
                let mut sf = None;
                let mut mandant = None;
                let mut cotraitants = Vec::new();
                let mut sous_traitants = Vec::new();
                for l in c.lignes() {
                    let role = l.first().map(|s| s.trim()).unwrap_or("");
                    let nom = l.get(1).map(|s| s.trim()).unwrap_or("");
                    let siret = m.siret_de(nom)?;
                    let a = Acteur {
                        raison_sociale: nom.to_string(),
                        siret,
                        code_service: l.get(3).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
                        numero_engagement: l.get(4).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
                        dans_chorus_pro: l.get(2).is_none_or(|s| s.trim().is_empty() || vrai(s)),
                    };
                    match role {
                        "mandant" => mandant = Some(a),
                        _ => match role_marche(role)? {
                            RoleMarche::Titulaire => titulaire = Some(a),
                            RoleMarche::Cotraitant => cotraitants.push(a),
                            RoleMarche::SousTraitant => sous_traitants.push(a),
                            RoleMarche::Moe => moe = Some(a),
                            RoleMarche::Moa => moa = Some(a),
                            RoleMarche::ServiceFinancier => sf = Some(a),
                        },
                    }
                }
                let marche = Marche {
                    numero: numero.clone(),
                    objet: numero.clone(),
                    categorie: CategoriePayeur::Collectivite,
                    titulaire: titulaire.ok_or("la table du marché doit nommer le titulaire")?,
                    cotraitants,
                    sous_traitants,
                    moe,
                    moa: moa.ok_or("la table du marché doit nommer la maîtrise d'ouvrage")?,
                    service_financier: sf,
                    mandat: mandant.map(|mandant| Mandat { mandant, mode: ModeFinancement::AvanceMandataire }),
                    substitutions: Vec::new(),
                    dates: DatesMarche::default(),
                };
                enregistrer_marche(m, marche).await
            }
        ),
        etape!(
            Soit,
            fiche_absent,
            motif = "la fiche du marché indique que {ACTEUR} n'est pas dans Chorus Pro",
            exemple = "Soit la fiche du marché indique que la maîtrise d'œuvre n'est pas dans Chorus Pro",
            sens = "Un acteur absent de Chorus Pro : un autre joue son rôle (D-CHAINE-5).",
            |m, c| {
                let role = role_de(c.s(1));
                m.modifier_marche(|x| match role {
                    Some(monde::Acteur::Role(RoleMarche::Moe)) => {
                        if let Some(a) = x.moe.as_mut() {
                            a.dans_chorus_pro = false;
                        }
                    }
                    Some(monde::Acteur::Role(RoleMarche::Moa)) => x.moa.dans_chorus_pro = false,
                    _ => x.titulaire.dans_chorus_pro = false,
                })
                .await
            }
        ),
        etape!(
            Soit,
            fiche_substitution,
            motif = "la fiche du marché autorise (la maîtrise d'(?:œ|oe)uvre|le titulaire) à agir pour (la maîtrise d'ouvrage|la maîtrise d'(?:œ|oe)uvre)",
            exemple = "Soit la fiche du marché autorise la maîtrise d'œuvre à agir pour la maîtrise d'ouvrage",
            sens = "Substitution déclarée sur la fiche (D-CHAINE-5).",
            |m, c| {
                let (a, p) = (role_marche(c.s(1))?, role_marche(c.s(2))?);
                m.modifier_marche(|x| x.substitutions.push(Substitution { acteur: a, pour: p })).await
            }
        ),
        etape!(
            Soit,
            fiche_sans_substitution,
            motif = "la fiche du marché n'autorise aucune substitution",
            exemple = "Soit la fiche du marché n'autorise aucune substitution",
            sens = "Retire les substitutions de la fiche.",
            |m, _c| { m.modifier_marche(|x| x.substitutions.clear()).await }
        ),
        etape!(
            Soit,
            fiche_reception,
            motif = "la réception des travaux a été notifiée le {DATE}",
            exemple = "Soit la réception des travaux a été notifiée le 30 septembre 2026",
            sens = "Date de réception : point de départ du décompte final (D-DELAIS-3).",
            |m, c| {
                let d = date(c.s(1))?;
                m.modifier_marche(|x| x.dates.reception = Some(d)).await
            }
        ),
        etape!(
            Soit,
            fiche_levee_reserves,
            motif = "la levée des réserves, préalable au projet de décompte final, date du {DATE}",
            exemple = "Soit la levée des réserves, préalable au projet de décompte final, date du 15 octobre 2026",
            sens = "La levée des réserves conditionne le départ du délai du décompte général (D-DELAIS-3).",
            |m, c| {
                let d = date(c.s(1))?;
                m.modifier_marche(|x| {
                    x.dates.levee_reserves = Some(d);
                    x.dates.levee_reserves_prealable = true;
                })
                .await
            }
        ),
        etape!(
            Soit,
            fiche_service_financier,
            motif = r#"le service financier du marché est "([^"]+)""#,
            exemple = r#"Soit le service financier du marché est "Trésorerie""#,
            sens = "Le payeur est une autre structure que la MOA (fait §4.1).",
            |m, c| {
                let nom = c.s(1).to_string();
                let siret = m.siret_de(&nom)?;
                m.modifier_marche(|x| {
                    x.service_financier =
                        Some(Acteur { raison_sociale: nom, siret, code_service: None, numero_engagement: None, dans_chorus_pro: true });
                    x.moa.code_service = None;
                    x.moa.numero_engagement = None;
                })
                .await
            }
        ),
        etape!(
            Soit,
            fiche_mode_financement,
            motif = "le mandant avance (les crédits|la trésorerie au mandataire)",
            exemple = "Soit le mandant avance les crédits",
            sens = "Mode de financement du mandat : le mandant avance les crédits (sinon le mandataire avance la trésorerie) (D-MOAD-3).",
            |m, c| {
                let mode = if c.s(1) == "les crédits" { ModeFinancement::AvanceMandant } else { ModeFinancement::AvanceMandataire };
                m.modifier_marche(|x| {
                    if let Some(mandat) = x.mandat.as_mut() {
                        mandat.mode = mode;
                    }
                })
                .await
            }
        ),
        etape!(
            Soit,
            fiche_moa,
            motif = r#"la maîtrise d'ouvrage du marché est "([^"]+)""#,
            exemple = r#"Soit la maîtrise d'ouvrage du marché est "Aménageur privé SAS""#,
            sens = "Change la MOA (ou MOAD) de la fiche.",
            |m, c| {
                let nom = c.s(1).to_string();
                let siret = m.siret_de(&nom)?;
                m.modifier_marche(|x| {
                    x.moa = Acteur { raison_sociale: nom, siret, code_service: None, numero_engagement: None, dans_chorus_pro: true }
                })
                .await
            }
        ),
    ]
}
