//! Identity sheets (D-FICHE): the YAML shapes, and the conversions to and from the domain.

use super::{ErreurDonnees, lire_yaml};
use crate::domaine::cadre::RoleMarche;
use crate::domaine::calendrier::Date;
use crate::domaine::marche::{Acteur, DatesMarche, Mandat, Marche, ModeFinancement, Substitution};
use crate::domaine::siret::Siret;
use crate::domaine::structure::CategoriePayeur;
use serde::{Deserialize, Serialize};
use std::path::Path;

// ----- identity sheet ----------------------------------------------------------------------

/// One actor of an identity sheet.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActeurYaml {
    /// Raison sociale.
    pub raison_sociale: String,
    /// SIRET (quoted, 14 digits, valid key).
    #[serde(deserialize_with = "super::siret", serialize_with = "super::siret_ser")]
    pub siret: Siret,
    /// Code service.
    #[serde(default)]
    pub code_service: Option<String>,
    /// Numéro d'engagement.
    #[serde(default)]
    pub numero_engagement: Option<String>,
    /// In Chorus Pro (default: yes).
    #[serde(default = "super::vrai")]
    pub dans_chorus_pro: bool,
}

impl From<ActeurYaml> for Acteur {
    fn from(a: ActeurYaml) -> Acteur {
        Acteur {
            raison_sociale: a.raison_sociale,
            siret: a.siret,
            code_service: a.code_service,
            numero_engagement: a.numero_engagement,
            dans_chorus_pro: a.dans_chorus_pro,
        }
    }
}

/// The buyer's category.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CategorieYaml {
    /// État.
    Etat,
    /// Collectivité.
    Collectivite,
    /// Établissement public de santé.
    EtablissementPublicSante,
    /// Entreprise publique.
    EntreprisePublique,
}

impl From<CategorieYaml> for CategoriePayeur {
    fn from(c: CategorieYaml) -> CategoriePayeur {
        match c {
            CategorieYaml::Etat => CategoriePayeur::Etat,
            CategorieYaml::Collectivite => CategoriePayeur::Collectivite,
            CategorieYaml::EtablissementPublicSante => CategoriePayeur::EtablissementPublicSante,
            CategorieYaml::EntreprisePublique => CategoriePayeur::EntreprisePublique,
        }
    }
}

/// A role name in the sheet.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleYaml {
    /// Titulaire.
    Titulaire,
    /// Cotraitant.
    Cotraitant,
    /// Sous-traitant.
    SousTraitant,
    /// MOE.
    Moe,
    /// MOA.
    Moa,
    /// Service financier.
    ServiceFinancier,
}

impl From<RoleYaml> for RoleMarche {
    fn from(r: RoleYaml) -> RoleMarche {
        match r {
            RoleYaml::Titulaire => RoleMarche::Titulaire,
            RoleYaml::Cotraitant => RoleMarche::Cotraitant,
            RoleYaml::SousTraitant => RoleMarche::SousTraitant,
            RoleYaml::Moe => RoleMarche::Moe,
            RoleYaml::Moa => RoleMarche::Moa,
            RoleYaml::ServiceFinancier => RoleMarche::ServiceFinancier,
        }
    }
}

/// A substitution line.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubstitutionYaml {
    /// The acting role.
    pub acteur: RoleYaml,
    /// The role it plays.
    pub pour: RoleYaml,
}

/// Funding mode of a mandate.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModeYaml {
    /// The mandataire advances the cash.
    AvanceMandataire,
    /// The mandant advances the credits.
    AvanceMandant,
}

/// A MOAD mandate.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MandatYaml {
    /// The mandant.
    pub mandant: ActeurYaml,
    /// Funding mode.
    pub mode_financement: ModeYaml,
}

/// Key dates.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatesYaml {
    /// Notification.
    #[serde(default, deserialize_with = "super::date_opt", serialize_with = "super::date_opt_ser")]
    pub notification: Option<Date>,
    /// Réception.
    #[serde(default, deserialize_with = "super::date_opt", serialize_with = "super::date_opt_ser")]
    pub reception: Option<Date>,
    /// Lifting of réserves.
    #[serde(default, deserialize_with = "super::date_opt", serialize_with = "super::date_opt_ser")]
    pub levee_reserves: Option<Date>,
    /// Whether lifting the réserves is a precondition of the projet de décompte final.
    #[serde(default)]
    pub levee_reserves_prealable: bool,
}

/// An identity sheet as written in YAML (D-FICHE).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FicheYaml {
    /// Contract number.
    pub numero: String,
    /// Object.
    pub objet: String,
    /// Buyer's category.
    pub categorie_acheteur: CategorieYaml,
    /// Titulaire.
    pub titulaire: ActeurYaml,
    /// Cotraitants.
    #[serde(default)]
    pub cotraitants: Vec<ActeurYaml>,
    /// Sous-traitants.
    #[serde(default)]
    pub sous_traitants: Vec<ActeurYaml>,
    /// MOE.
    #[serde(default)]
    pub moe: Option<ActeurYaml>,
    /// MOA (or MOAD).
    pub moa: ActeurYaml,
    /// Service financier.
    #[serde(default)]
    pub service_financier: Option<ActeurYaml>,
    /// Mandate.
    #[serde(default)]
    pub mandat: Option<MandatYaml>,
    /// Substitutions.
    #[serde(default)]
    pub substitutions: Vec<SubstitutionYaml>,
    /// Dates.
    #[serde(default)]
    pub dates: DatesYaml,
}

impl From<FicheYaml> for Marche {
    fn from(f: FicheYaml) -> Marche {
        Marche {
            numero: f.numero,
            objet: f.objet,
            categorie: f.categorie_acheteur.into(),
            titulaire: f.titulaire.into(),
            cotraitants: f.cotraitants.into_iter().map(Into::into).collect(),
            sous_traitants: f.sous_traitants.into_iter().map(Into::into).collect(),
            moe: f.moe.map(Into::into),
            moa: f.moa.into(),
            service_financier: f.service_financier.map(Into::into),
            mandat: f.mandat.map(|m| Mandat {
                mandant: m.mandant.into(),
                mode: match m.mode_financement {
                    ModeYaml::AvanceMandataire => ModeFinancement::AvanceMandataire,
                    ModeYaml::AvanceMandant => ModeFinancement::AvanceMandant,
                },
            }),
            substitutions: f.substitutions.into_iter().map(|s| Substitution { acteur: s.acteur.into(), pour: s.pour.into() }).collect(),
            dates: DatesMarche {
                notification: f.dates.notification,
                reception: f.dates.reception,
                levee_reserves: f.dates.levee_reserves,
                levee_reserves_prealable: f.dates.levee_reserves_prealable,
            },
        }
    }
}

/// Reads an identity sheet.
pub fn lire_fiche(path: &Path) -> Result<Marche, ErreurDonnees> {
    lire_yaml::<FicheYaml>(path).map(Into::into)
}

// ----- domain → DTO (the HTTP test hooks send the data set's shapes) --------------------------------

impl From<&Acteur> for ActeurYaml {
    fn from(a: &Acteur) -> ActeurYaml {
        ActeurYaml {
            raison_sociale: a.raison_sociale.clone(),
            siret: a.siret,
            code_service: a.code_service.clone(),
            numero_engagement: a.numero_engagement.clone(),
            dans_chorus_pro: a.dans_chorus_pro,
        }
    }
}

impl From<CategoriePayeur> for CategorieYaml {
    fn from(c: CategoriePayeur) -> CategorieYaml {
        match c {
            CategoriePayeur::Etat => CategorieYaml::Etat,
            CategoriePayeur::Collectivite => CategorieYaml::Collectivite,
            CategoriePayeur::EtablissementPublicSante => CategorieYaml::EtablissementPublicSante,
            CategoriePayeur::EntreprisePublique => CategorieYaml::EntreprisePublique,
        }
    }
}

impl From<RoleMarche> for RoleYaml {
    fn from(r: RoleMarche) -> RoleYaml {
        match r {
            RoleMarche::Titulaire => RoleYaml::Titulaire,
            RoleMarche::Cotraitant => RoleYaml::Cotraitant,
            RoleMarche::SousTraitant => RoleYaml::SousTraitant,
            RoleMarche::Moe => RoleYaml::Moe,
            RoleMarche::Moa => RoleYaml::Moa,
            RoleMarche::ServiceFinancier => RoleYaml::ServiceFinancier,
        }
    }
}

impl From<&Marche> for FicheYaml {
    fn from(m: &Marche) -> FicheYaml {
        FicheYaml {
            numero: m.numero.clone(),
            objet: m.objet.clone(),
            categorie_acheteur: m.categorie.into(),
            titulaire: (&m.titulaire).into(),
            cotraitants: m.cotraitants.iter().map(Into::into).collect(),
            sous_traitants: m.sous_traitants.iter().map(Into::into).collect(),
            moe: m.moe.as_ref().map(Into::into),
            moa: (&m.moa).into(),
            service_financier: m.service_financier.as_ref().map(Into::into),
            mandat: m.mandat.as_ref().map(|x| MandatYaml {
                mandant: (&x.mandant).into(),
                mode_financement: match x.mode {
                    ModeFinancement::AvanceMandataire => ModeYaml::AvanceMandataire,
                    ModeFinancement::AvanceMandant => ModeYaml::AvanceMandant,
                },
            }),
            substitutions: m.substitutions.iter().map(|x| SubstitutionYaml { acteur: x.acteur.into(), pour: x.pour.into() }).collect(),
            dates: DatesYaml {
                notification: m.dates.notification,
                reception: m.dates.reception,
                levee_reserves: m.dates.levee_reserves,
                levee_reserves_prealable: m.dates.levee_reserves_prealable,
            },
        }
    }
}
