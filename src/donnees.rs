//! The YAML data files under `scenarios/`: identity sheets (D-FICHE), data sets of structures and
//! users, and the ECB rate table (D-DELAIS-7).
//!
//! This is an adapter: it reads files and turns their text into domain values. Every error names
//! the file, the line and the column, and what was expected.

use crate::domaine::cadre::RoleMarche;
use crate::domaine::calendrier::Date;
use crate::domaine::marche::{Acteur, DatesMarche, Mandat, Marche, ModeFinancement, Substitution};
use crate::domaine::paiement::{TableTaux, TauxBce};
use crate::domaine::reference::Reference;
use crate::domaine::siret::Siret;
use crate::domaine::structure::{CategoriePayeur, Parametres, PresenceMoa, Service, Structure, TypeStructure};
use crate::domaine::utilisateur::{RoleRattachement, Utilisateur};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::path::{Path, PathBuf};

/// Why a data file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ErreurDonnees {
    /// The file could not be read.
    #[error("failed to read {path}: {source}")]
    Lecture {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The YAML is malformed or does not match the expected shape.
    #[error("{path}:{line}:{column}: {message}")]
    Yaml {
        /// The file.
        path: PathBuf,
        /// 1-based line (0 when unknown).
        line: u64,
        /// 1-based column (0 when unknown).
        column: u64,
        /// What went wrong and what was expected.
        message: String,
    },
    /// The data is well-formed but refused by the reference (a duplicate SIRET, say).
    #[error("{path}: {message}")]
    Refus {
        /// The file.
        path: PathBuf,
        /// The refusal.
        message: String,
    },
}

/// Parses YAML text into `T`, with located errors.
pub fn parse_yaml<T: for<'de> Deserialize<'de>>(texte: &str, path: &Path) -> Result<T, ErreurDonnees> {
    serde_saphyr::from_str::<T>(texte).map_err(|e| {
        let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((0, 0));
        let message = e.without_snippet().to_string();
        // The library prefixes its own location; keep only the message.
        let message = message.split_once(" at line ").map(|(m, _)| m.to_string()).unwrap_or(message);
        ErreurDonnees::Yaml { path: path.to_path_buf(), line, column, message }
    })
}

/// Reads and parses a YAML file.
pub fn lire_yaml<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, ErreurDonnees> {
    let texte = std::fs::read_to_string(path).map_err(|source| ErreurDonnees::Lecture { path: path.to_path_buf(), source })?;
    parse_yaml(&texte, path)
}

// ----- scalar helpers ----------------------------------------------------------------------

fn siret<'de, D: Deserializer<'de>>(d: D) -> Result<Siret, D::Error> {
    let s = String::deserialize(d)?;
    Siret::parse(&s).map_err(|e| serde::de::Error::custom(format!("SIRET « {s} » invalide : {e}")))
}

fn siret_ser<S: Serializer>(s: &Siret, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_str(&s.to_string())
}

fn date_opt_ser<S: Serializer>(d: &Option<Date>, ser: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => ser.serialize_str(&d.iso()),
        None => ser.serialize_none(),
    }
}

fn date_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    let s: Option<String> = Option::deserialize(d)?;
    s.map(|s| Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("date « {s} » invalide : attendu AAAA-MM-JJ")))).transpose()
}

fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    let s = String::deserialize(d)?;
    Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("date « {s} » invalide : attendu AAAA-MM-JJ")))
}

/// D-MONTANTS-1: amounts are strings in YAML, never floats.
fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let s = String::deserialize(d)?;
    s.trim().parse::<Decimal>().map_err(|_| {
        serde::de::Error::custom(format!("montant « {s} » invalide : attendu un décimal entre guillemets, par exemple \"2.15\""))
    })
}

// ----- identity sheet ----------------------------------------------------------------------

/// One actor of an identity sheet.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActeurYaml {
    /// Raison sociale.
    pub raison_sociale: String,
    /// SIRET (quoted, 14 digits, valid key).
    #[serde(deserialize_with = "siret", serialize_with = "siret_ser")]
    pub siret: Siret,
    /// Code service.
    #[serde(default)]
    pub code_service: Option<String>,
    /// Numéro d'engagement.
    #[serde(default)]
    pub numero_engagement: Option<String>,
    /// In Chorus Pro (default: yes).
    #[serde(default = "vrai")]
    pub dans_chorus_pro: bool,
}

fn vrai() -> bool {
    true
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
    #[serde(default, deserialize_with = "date_opt", serialize_with = "date_opt_ser")]
    pub notification: Option<Date>,
    /// Réception.
    #[serde(default, deserialize_with = "date_opt", serialize_with = "date_opt_ser")]
    pub reception: Option<Date>,
    /// Lifting of réserves.
    #[serde(default, deserialize_with = "date_opt", serialize_with = "date_opt_ser")]
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
    #[serde(default = "vrai")]
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
    #[serde(deserialize_with = "siret", serialize_with = "siret_ser")]
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
    #[serde(default = "vrai")]
    pub active: bool,
    /// Parameters.
    #[serde(default)]
    pub parametres: ParametresYaml,
    /// Services.
    #[serde(default)]
    pub services: Vec<ServiceYaml>,
    /// « Factures de travaux » space opened (default: yes).
    #[serde(default = "vrai")]
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
    #[serde(deserialize_with = "siret", serialize_with = "siret_ser")]
    pub siret: Siret,
    /// The role.
    pub role: RoleRattachementYaml,
    /// Authorised on « Factures de travaux » (default: yes).
    #[serde(default = "vrai")]
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
    #[serde(deserialize_with = "date")]
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

/// Loads a data set into a fresh reference.
pub fn charger_jeu(path: &Path) -> Result<Reference, ErreurDonnees> {
    let jeu: JeuYaml = lire_yaml(path)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let marches = jeu.fiches.iter().map(|f| lire_fiche(&dir.join(f))).collect::<Result<Vec<_>, _>>()?;
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

// ----- requirement catalogue -----------------------------------------------------------------------

/// A requirement the conformance suite checks.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Exigence {
    /// Identifier, used as a scenario tag (`@REQ-…`).
    pub id: String,
    /// French title.
    pub titre: String,
    /// CCAG article, Chorus Pro rule, or D-id.
    pub source: String,
    /// Whether the rule rests on a decision rather than a source.
    pub hypothese: bool,
}

/// The requirement catalogue file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueExigences {
    /// Requirements.
    pub exigences: Vec<Exigence>,
}

/// Reads the requirement catalogue.
pub fn lire_exigences(path: &Path) -> Result<Vec<Exigence>, ErreurDonnees> {
    lire_yaml::<CatalogueExigences>(path).map(|c| c.exigences)
}

/// A hypothèse the verdicts rest on (a D-id of decisions.md, or the project's own H-id).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Hypothese {
    /// Id.
    pub id: String,
    /// One line.
    pub resume: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FichierHypotheses {
    hypotheses: Vec<Hypothese>,
}

/// Reads the hypothèses file.
pub fn lire_hypotheses(path: &Path) -> Result<Vec<Hypothese>, ErreurDonnees> {
    lire_yaml::<FichierHypotheses>(path).map(|f| f.hypotheses)
}

// ----- ECB rates ------------------------------------------------------------------------------

/// One rate line.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TauxYaml {
    /// From.
    #[serde(deserialize_with = "date")]
    pub depuis: Date,
    /// Rate in percent, as a quoted decimal.
    #[serde(deserialize_with = "decimal")]
    pub taux: Decimal,
    /// Whether the value is a hypothèse (not checked against the source).
    #[serde(default)]
    pub hypothese: bool,
}

/// The ECB rate file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableTauxYaml {
    /// Source of the rates.
    pub source: String,
    /// The rates.
    pub taux: Vec<TauxYaml>,
}

/// Reads the ECB rate table.
pub fn lire_taux(path: &Path) -> Result<TableTaux, ErreurDonnees> {
    let t: TableTauxYaml = lire_yaml(path)?;
    let mut taux: Vec<TauxBce> = t.taux.into_iter().map(|l| TauxBce { depuis: l.depuis, taux: l.taux }).collect();
    taux.sort_by_key(|l| l.depuis);
    Ok(TableTaux { source: t.source, taux })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn erreur(texte: &str) -> (u64, u64, String) {
        match parse_yaml::<FicheYaml>(texte, Path::new("fiche.yaml")) {
            Err(ErreurDonnees::Yaml { line, column, message, .. }) => (line, column, message),
            other => panic!("expected a YAML error, got {other:?}"),
        }
    }

    const FICHE: &str = "numero: M1\nobjet: o\ncategorie_acheteur: collectivite\ntitulaire:\n  raison_sociale: T\n  siret: \"52393849900010\"\nmoa:\n  raison_sociale: V\n  siret: \"44771278200013\"\n";

    #[test]
    fn a_valid_sheet_parses() {
        let f: FicheYaml = parse_yaml(FICHE, Path::new("f.yaml")).expect("valid");
        let m: Marche = f.into();
        assert_eq!(m.numero, "M1");
        assert!(m.titulaire.dans_chorus_pro);
    }

    #[test]
    fn a_typo_is_located() {
        let (line, _, message) = erreur(&FICHE.replace("objet:", "objett:"));
        assert_eq!(line, 2);
        assert!(message.contains("objett"), "{message}");
    }

    #[test]
    fn a_wrong_type_is_located() {
        let (line, column, message) = erreur(&FICHE.replace("categorie_acheteur: collectivite", "categorie_acheteur: [1]"));
        assert_eq!(line, 3);
        assert!(column > 0);
        assert!(!message.is_empty());
    }

    #[test]
    fn an_invalid_siret_is_located() {
        // D-FICHE: the seed's 15-digit identifier is not a SIRET.
        let (line, _, message) = erreur(&FICHE.replace("\"52393849900010\"", "\"798589933000118\""));
        assert_eq!(line, 6);
        assert!(message.contains("798589933000118"), "{message}");
        let (line, _, message) = erreur(&FICHE.replace("\"52393849900010\"", "\"52393849900011\""));
        assert_eq!(line, 6);
        assert!(message.contains("clé"), "{message}");
    }

    #[test]
    fn amounts_are_read_from_their_text_never_through_a_float() {
        // D-MONTANTS-1: quoted or not, an amount is read from its digits. A value that a binary
        // float cannot hold (2.150000000000000001 is 2.15 as an f64) must arrive exact.
        for texte in ["2.150000000000000001", "\"2.150000000000000001\""] {
            let yaml = format!("source: s\ntaux:\n  - depuis: 2025-01-01\n    taux: {texte}\n");
            let t = parse_yaml::<TableTauxYaml>(&yaml, Path::new("t.yaml")).unwrap_or_else(|e| panic!("{texte}: {e}"));
            assert_eq!(t.taux[0].taux.to_string(), "2.150000000000000001", "{texte}");
        }
        // What is not a decimal is refused with the amount's message.
        let e = parse_yaml::<TableTauxYaml>("source: s\ntaux:\n  - depuis: 2025-01-01\n    taux: deux\n", Path::new("t.yaml"));
        assert!(e.as_ref().is_err_and(|e| e.to_string().contains("montant « deux » invalide")), "{e:?}");
    }
}
