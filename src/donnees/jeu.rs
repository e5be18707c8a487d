//! Data sets: structures, their services and parameters, users and their attachments.

use super::{CategorieYaml, ErreurDonnees, lire_fiche, parse_yaml};
use crate::domaine::calendrier::Date;
use crate::domaine::marche::Marche;
use crate::domaine::reference::Reference;
use crate::domaine::siret::Siret;
use crate::domaine::structure::{CategoriePayeur, Parametres, PresenceMoa, Service, Structure, TypeStructure};
use crate::domaine::utilisateur::{RoleRattachement, Utilisateur};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

// ----- data set: structures and users --------------------------------------------------------

/// Public or private.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeYaml {
    /// Public.
    Publique,
    /// Private.
    Privee,
}

/// « Présence MOA ».
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PresenceYaml {
    /// Sans MOA.
    SansMoa,
    /// Avec MOA.
    AvecMoa,
    /// Exclusivement MOA.
    ExclusivementMoa,
}

/// A service.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceYaml {
    /// Code.
    pub code: String,
    /// Libellé.
    #[serde(default)]
    pub libelle: String,
    /// Active (default: yes).
    #[serde(default = "super::vrai")]
    pub actif: bool,
    /// Engagement required.
    #[serde(default)]
    pub engagement_requis: bool,
}

/// The seed's parameters, all false by default.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ParametresYaml {
    /// `codeServiceDoitEtreRenseigne`.
    pub code_service_doit_etre_renseigne: bool,
    /// `numeroEJDoitEtreRenseigne`.
    pub numero_ej_doit_etre_renseigne: bool,
    /// `gestionNumeroEJOuCodeService`.
    pub gestion_numero_ej_ou_code_service: bool,
    /// `recevoirDonneesViaEDI`.
    pub recevoir_donnees_via_edi: bool,
    /// `statutMiseEnPaiementNestPasRemonte`.
    pub statut_mise_en_paiement_nest_pas_remonte: bool,
}

/// A structure of a data set.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StructureYaml {
    /// SIRET.
    #[serde(deserialize_with = "super::siret", serialize_with = "super::siret_ser")]
    pub siret: Siret,
    /// Raison sociale.
    pub raison_sociale: String,
    /// Type.
    #[serde(rename = "type")]
    pub type_structure: TypeYaml,
    /// « Présence MOA » (default: sans MOA).
    #[serde(default)]
    pub presence_moa: Option<PresenceYaml>,
    /// Payer category (default: collectivité).
    #[serde(default)]
    pub categorie: Option<CategorieYaml>,
    /// Active (default: yes).
    #[serde(default = "super::vrai")]
    pub active: bool,
    /// Parameters.
    #[serde(default)]
    pub parametres: ParametresYaml,
    /// Services.
    #[serde(default)]
    pub services: Vec<ServiceYaml>,
    /// « Factures de travaux » space opened (default: yes).
    #[serde(default = "super::vrai")]
    pub espace_travaux: bool,
}

impl From<StructureYaml> for Structure {
    fn from(s: StructureYaml) -> Structure {
        Structure {
            siret: s.siret,
            raison_sociale: s.raison_sociale,
            type_structure: match s.type_structure {
                TypeYaml::Publique => TypeStructure::Publique,
                TypeYaml::Privee => TypeStructure::Privee,
            },
            active: s.active,
            categorie: s.categorie.map(Into::into).unwrap_or(CategoriePayeur::Collectivite),
            parametres: Parametres {
                code_service_doit_etre_renseigne: s.parametres.code_service_doit_etre_renseigne,
                numero_ej_doit_etre_renseigne: s.parametres.numero_ej_doit_etre_renseigne,
                gestion_numero_ej_ou_code_service: s.parametres.gestion_numero_ej_ou_code_service,
                recevoir_donnees_via_edi: s.parametres.recevoir_donnees_via_edi,
                statut_mise_en_paiement_nest_pas_remonte: s.parametres.statut_mise_en_paiement_nest_pas_remonte,
            },
            presence_moa: match s.presence_moa {
                None | Some(PresenceYaml::SansMoa) => PresenceMoa::SansMoa,
                Some(PresenceYaml::AvecMoa) => PresenceMoa::AvecMoa,
                Some(PresenceYaml::ExclusivementMoa) => PresenceMoa::ExclusivementMoa,
            },
            services: s
                .services
                .into_iter()
                .map(|v| Service {
                    libelle: if v.libelle.is_empty() { v.code.clone() } else { v.libelle },
                    code: v.code,
                    actif: v.actif,
                    engagement_requis: v.engagement_requis,
                })
                .collect(),
            espace_travaux: s.espace_travaux,
        }
    }
}

/// An attachment of a user.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RattachementYaml {
    /// The structure.
    #[serde(deserialize_with = "super::siret", serialize_with = "super::siret_ser")]
    pub siret: Siret,
    /// The role.
    pub role: RoleRattachementYaml,
    /// Authorised on « Factures de travaux » (default: yes).
    #[serde(default = "super::vrai")]
    pub habilite_travaux: bool,
}

/// A user's role in a structure.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RoleRattachementYaml {
    /// Gestionnaire principal.
    GestionnairePrincipal,
    /// Gestionnaire secondaire.
    GestionnaireSecondaire,
    /// Utilisateur.
    Utilisateur,
}

impl From<RoleRattachementYaml> for RoleRattachement {
    fn from(r: RoleRattachementYaml) -> RoleRattachement {
        match r {
            RoleRattachementYaml::GestionnairePrincipal => RoleRattachement::GestionnairePrincipal,
            RoleRattachementYaml::GestionnaireSecondaire => RoleRattachement::GestionnaireSecondaire,
            RoleRattachementYaml::Utilisateur => RoleRattachement::Utilisateur,
        }
    }
}

/// A user of a data set.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UtilisateurYaml {
    /// Login.
    pub login: String,
    /// Prénom.
    pub prenom: String,
    /// Nom.
    pub nom: String,
    /// PIGP account.
    #[serde(default)]
    pub pigp: bool,
    /// The technical account's password for the API (D-API-1); none: not checked.
    #[serde(default)]
    pub mot_de_passe: Option<String>,
    /// Attachments.
    #[serde(default)]
    pub rattachements: Vec<RattachementYaml>,
}

/// A data set: structures, users and identity sheets (files relative to the data set, or
/// inline).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JeuYaml {
    /// The scenario's first day.
    #[serde(deserialize_with = "super::date")]
    pub date: Date,
    /// Structures.
    #[serde(default)]
    pub structures: Vec<StructureYaml>,
    /// Users.
    #[serde(default)]
    pub utilisateurs: Vec<UtilisateurYaml>,
    /// Identity sheets, as file names relative to the data set.
    #[serde(default)]
    pub fiches: Vec<String>,
}

/// Reads a data set and the identity sheets it lists, every error located (issue 9, item 12).
///
/// A data set lists its sheets by a path relative to itself (`../marches/ecole-jaures.yaml`);
/// that path must stay inside the data directory, the data set's directory's parent
/// (`scenarios/`), and name each step with a name ([`verifier_nom`](super::verifier_nom)).
pub fn lire_jeu(path: &Path) -> Result<(JeuYaml, Vec<Marche>), ErreurDonnees> {
    let texte = std::fs::read_to_string(path).map_err(|source| ErreurDonnees::Lecture { path: path.to_path_buf(), source })?;
    let jeu: JeuYaml = parse_yaml(&texte, path)?;
    let mut marches = Vec::with_capacity(jeu.fiches.len());
    for f in &jeu.fiches {
        let situer = |message: String| {
            let (line, column) = position_de(&texte, f);
            ErreurDonnees::Yaml { path: path.to_path_buf(), line, column, message }
        };
        let fiche = fiche_listee(path, f).map_err(|e| situer(format!("fiche « {f} » : {e}")))?;
        if !fiche.is_file() {
            return Err(situer(format!("fiche « {f} » introuvable : {}", fiche.display())));
        }
        marches.push(lire_fiche(&fiche)?);
    }
    Ok((jeu, marches))
}

/// The file a data set's `fiches` entry names, resolved against the data set's directory
/// without leaving the data directory.
fn fiche_listee(jeu: &Path, entree: &str) -> Result<PathBuf, String> {
    use std::path::Component;
    let dossier = jeu.parent().unwrap_or(Path::new(""));
    let (plancher, mut chemin): (&Path, Vec<String>) = match (dossier.parent(), dossier.file_name()) {
        (Some(p), Some(n)) => (p, vec![n.to_string_lossy().into_owned()]),
        _ => (dossier, Vec::new()),
    };
    if entree.contains('\\') {
        return Err("« \\ » n'est pas un séparateur : écrivez « ../marches/NOM.yaml »".into());
    }
    for c in Path::new(entree).components() {
        match c {
            Component::ParentDir if chemin.pop().is_some() => {}
            Component::Normal(n) => {
                let n = n.to_string_lossy();
                super::verifier_nom(&n)?;
                chemin.push(n.into_owned());
            }
            Component::CurDir => {}
            _ => return Err("le chemin sort du dossier des données : attendu « ../marches/NOM.yaml »".into()),
        }
    }
    Ok(chemin.iter().fold(plancher.to_path_buf(), |p, c| p.join(c)))
}

/// Line and column (1-based) of the first occurrence of `quoi` after the `fiches:` key; (0, 0)
/// when not found.
fn position_de(texte: &str, quoi: &str) -> (u64, u64) {
    let debut = texte.lines().position(|l| l.starts_with("fiches:")).unwrap_or(0);
    texte
        .lines()
        .enumerate()
        .skip(debut)
        .find_map(|(i, l)| l.find(quoi).map(|c| (i as u64 + 1, l[..c].chars().count() as u64 + 1)))
        .unwrap_or((0, 0))
}

/// Loads a data set into a fresh reference.
pub fn charger_jeu(path: &Path) -> Result<Reference, ErreurDonnees> {
    let (jeu, marches) = lire_jeu(path)?;
    construire(jeu, marches).map_err(|message| ErreurDonnees::Refus { path: path.to_path_buf(), message })
}

/// Builds a reference from a parsed data set (shared with the HTTP test hooks).
pub fn construire(jeu: JeuYaml, marches: Vec<Marche>) -> Result<Reference, String> {
    let mut r = Reference::new(jeu.date);
    for s in jeu.structures {
        r.ajouter_structure(s.into()).map_err(|e| e.message)?;
    }
    for u in jeu.utilisateurs {
        let mut user = Utilisateur::nouveau(&u.login, &u.prenom, &u.nom);
        user.pigp = u.pigp;
        user.mot_de_passe = u.mot_de_passe.clone();
        r.creer_utilisateur(user).map_err(|e| e.message)?;
        for a in u.rattachements {
            r.rattacher(&u.login, a.siret, a.role.into()).map_err(|e| e.message)?;
            if a.habilite_travaux {
                r.habiliter_travaux_direct(&u.login, a.siret).map_err(|e| e.message)?;
            }
        }
    }
    for m in marches {
        r.enregistrer_marche(m).map_err(|e| e.message)?;
    }
    Ok(r)
}

impl From<&Structure> for StructureYaml {
    fn from(s: &Structure) -> StructureYaml {
        StructureYaml {
            siret: s.siret,
            raison_sociale: s.raison_sociale.clone(),
            type_structure: match s.type_structure {
                TypeStructure::Publique => TypeYaml::Publique,
                TypeStructure::Privee => TypeYaml::Privee,
            },
            presence_moa: Some(match s.presence_moa {
                PresenceMoa::SansMoa => PresenceYaml::SansMoa,
                PresenceMoa::AvecMoa => PresenceYaml::AvecMoa,
                PresenceMoa::ExclusivementMoa => PresenceYaml::ExclusivementMoa,
            }),
            categorie: Some(s.categorie.into()),
            active: s.active,
            parametres: ParametresYaml {
                code_service_doit_etre_renseigne: s.parametres.code_service_doit_etre_renseigne,
                numero_ej_doit_etre_renseigne: s.parametres.numero_ej_doit_etre_renseigne,
                gestion_numero_ej_ou_code_service: s.parametres.gestion_numero_ej_ou_code_service,
                recevoir_donnees_via_edi: s.parametres.recevoir_donnees_via_edi,
                statut_mise_en_paiement_nest_pas_remonte: s.parametres.statut_mise_en_paiement_nest_pas_remonte,
            },
            services: s
                .services
                .iter()
                .map(|v| ServiceYaml {
                    code: v.code.clone(),
                    libelle: v.libelle.clone(),
                    actif: v.actif,
                    engagement_requis: v.engagement_requis,
                })
                .collect(),
            espace_travaux: s.espace_travaux,
        }
    }
}
