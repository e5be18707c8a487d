//! The World of one scenario: its platform, what the scenario knows of the directory and of its
//! contracts, the pieces it deposited, and the last outcome.

use crate::domaine::cadre::{CadreFacturation, RoleMarche};
use crate::domaine::calendrier::Date;
use crate::domaine::couloir::Couloir;
use crate::domaine::marche::Marche;
use crate::domaine::piece::PieceId;
use crate::domaine::siret::Siret;
use crate::moteur::echec::EchecEtape;
use crate::plateforme::{Commande, Echec, Platform, Reponse, VuePiece};
use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

/// Builds a fresh platform for each scenario.
pub type Fabrique = Arc<dyn Fn() -> Box<dyn Platform> + Send + Sync>;

/// What every World of a run shares: where the data files are, and how to build a platform.
#[derive(Clone)]
pub struct Configuration {
    /// The project root: `scenarios/` lives under it.
    pub racine: PathBuf,
    /// The platform factory.
    pub fabrique: Fabrique,
}

static CONFIGURATION: RwLock<Option<Configuration>> = RwLock::new(None);

/// The dates scenarios started their calendars at, for the report's metadata.
static DEBUTS: std::sync::Mutex<Option<Date>> = std::sync::Mutex::new(None);

/// Forgets the recorded start dates (at the start of a run).
pub fn debuts_calendrier_reinitialiser() {
    *DEBUTS.lock().unwrap_or_else(|e| e.into_inner()) = None;
}

/// The earliest date a scenario's calendar was set to in this run.
pub fn debut_calendrier() -> Option<Date> {
    *DEBUTS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Records a scenario's start date.
pub fn noter_debut(d: Date) {
    let mut g = DEBUTS.lock().unwrap_or_else(|e| e.into_inner());
    *g = Some(g.map_or(d, |x| x.min(d)));
}

/// Sets the configuration the next run's Worlds use.
pub fn configurer(c: Configuration) {
    let mut g = CONFIGURATION.write().unwrap_or_else(|e| e.into_inner());
    *g = Some(c);
}

fn configuration() -> Result<Configuration, String> {
    let g = CONFIGURATION.read().unwrap_or_else(|e| e.into_inner());
    g.clone().ok_or_else(|| "le moteur n'est pas configuré (aucune plateforme)".to_string())
}

/// A user the scenario knows.
#[derive(Debug, Clone)]
pub struct UtilisateurConnu {
    /// « Prénom Nom ».
    pub nom: String,
    /// Login.
    pub login: String,
    /// Its structures.
    pub structures: Vec<Siret>,
}

/// A piece the scenario deposited.
#[derive(Debug, Clone)]
pub struct PieceConnue {
    /// Cadre.
    pub cadre: CadreFacturation,
    /// Id.
    pub id: PieceId,
    /// The number it was deposited with, if the scenario gave one.
    pub numero: Option<String>,
    /// The lane of its depositor (the report's diagram).
    pub deposant: Couloir,
}

/// The World.
pub struct Monde {
    /// The platform under test.
    pub plateforme: Box<dyn Platform>,
    /// Where the data files are.
    pub racine: PathBuf,
    /// Structures by name.
    pub structures: Vec<(String, Siret)>,
    /// Users.
    pub utilisateurs: Vec<UtilisateurConnu>,
    /// Contracts.
    pub marches: HashMap<String, Marche>,
    /// The current contract.
    pub marche: Option<String>,
    /// Pieces deposited, in order.
    pub pieces: Vec<PieceConnue>,
    /// The last command's outcome.
    pub dernier: Option<Result<Reponse, Echec>>,
    /// The scenario's date, as last set.
    pub date: Option<Date>,
    /// The last sollicitation filed.
    pub sollicitation: Option<u32>,
    /// The implementation's exchanges as they stood when the scenario ended, before the engine
    /// read the dossier back and freed the platform: a failed step's evidence.
    pub preuves: Option<Vec<String>>,
}

impl fmt::Debug for Monde {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Monde")
            .field("plateforme", &self.plateforme.nom())
            .field("marche", &self.marche)
            .field("pieces", &self.pieces.len())
            .field("dernier", &self.dernier)
            .finish()
    }
}

impl cucumber::World for Monde {
    type Error = String;

    async fn new() -> Result<Self, String> {
        let c = configuration()?;
        Ok(Monde {
            plateforme: (c.fabrique)(),
            racine: c.racine,
            structures: Vec::new(),
            utilisateurs: Vec::new(),
            marches: HashMap::new(),
            marche: None,
            pieces: Vec::new(),
            dernier: None,
            date: None,
            sollicitation: None,
            preuves: None,
        })
    }
}

/// A step's outcome: a value, or why the step fails.
pub type Resultat<T = ()> = Result<T, EchecEtape>;

fn sans_accents(s: &str) -> String {
    s.to_lowercase()
        .replace(['é', 'è', 'ê'], "e")
        .replace(['à', 'â'], "a")
        .replace('œ', "oe")
        .replace(['’'], "'")
        .replace(['î', 'ï'], "i")
        .replace(['ô'], "o")
        .replace(['û', 'ù'], "u")
        .replace('ç', "c")
}

impl Monde {
    /// The current contract.
    pub fn marche_courant(&self) -> Resultat<&Marche> {
        let n = self.marche.as_ref().ok_or("aucun marché n'est choisi : ajoutez « Soit le marché \"…\" »")?;
        self.marches.get(n).ok_or_else(|| format!("marché inconnu : {n}").into())
    }

    /// A structure by name (or by SIRET, or by a contract actor's raison sociale).
    pub fn siret_de(&self, nom: &str) -> Resultat<Siret> {
        if let Some((_, s)) = self.structures.iter().find(|(n, _)| n == nom) {
            return Ok(*s);
        }
        for m in self.marches.values() {
            if let Some((_, a)) = m.parties().find(|(_, a)| a.raison_sociale == nom) {
                return Ok(a.siret);
            }
            if let Some(mandat) = &m.mandat
                && mandat.mandant.raison_sociale == nom
            {
                return Ok(mandat.mandant.siret);
            }
        }
        Siret::parse(nom).map_err(|_| format!("structure inconnue du scénario : « {nom} »").into())
    }

    /// The SIRET an actor phrase or a quoted name designates.
    pub fn siret_acteur(&self, phrase: &str) -> Resultat<Siret> {
        if let Some(reste) = phrase.strip_prefix("du ") {
            return self.siret_acteur(&format!("le {reste}"));
        }
        if let Some(nom) = entre_guillemets(phrase) {
            if let Some(u) = self.utilisateur_par_nom(nom) {
                return u.structures.first().copied().ok_or_else(|| format!("{nom} n'est rattaché à aucune structure").into());
            }
            return self.siret_de(nom);
        }
        let m = self.marche_courant()?;
        let role = role_de(phrase).ok_or_else(|| format!("acteur inconnu : « {phrase} »"))?;
        match role {
            Acteur::Role(r) => {
                let a = m.acteur(r).ok_or_else(|| format!("le marché {} ne désigne pas de {}", m.numero, r.libelle()))?;
                Ok(a.siret)
            }
            Acteur::Mandant => {
                m.mandat.as_ref().map(|x| x.mandant.siret).ok_or_else(|| format!("le marché {} n'a pas de mandant", m.numero).into())
            }
            Acteur::Payeur => {
                // The payer: the service financier when the sheet names one, otherwise the MOA.
                Ok(m.service_financier.as_ref().map(|a| a.siret).unwrap_or(m.moa.siret))
            }
        }
    }

    fn utilisateur_par_nom(&self, nom: &str) -> Option<&UtilisateurConnu> {
        self.utilisateurs.iter().find(|u| u.nom == nom || u.login == nom)
    }

    /// The login of the user an actor phrase designates: the named user, or the first user
    /// attached to the actor's structure.
    pub fn login(&self, phrase: &str) -> Resultat<String> {
        let nom = phrase.strip_prefix("l'utilisateur ").or_else(|| phrase.strip_prefix("l’utilisateur ")).unwrap_or(phrase);
        if let Some(n) = entre_guillemets(nom)
            && let Some(u) = self.utilisateur_par_nom(n)
        {
            return Ok(u.login.clone());
        }
        let siret = self.siret_acteur(phrase)?;
        self.utilisateurs
            .iter()
            .find(|u| u.structures.contains(&siret))
            .map(|u| u.login.clone())
            .ok_or_else(|| format!("aucun utilisateur connu n'est rattaché à la structure de « {phrase} » ({siret})").into())
    }

    /// The lane of a structure of the scenario's contracts (the current one first): its role's, or
    /// the MOA's for a mandant.
    pub fn couloir_de(&self, siret: Siret) -> Option<Couloir> {
        let courant = self.marche.as_ref().and_then(|n| self.marches.get(n));
        courant.into_iter().chain(self.marches.values()).find_map(|m| {
            m.parties()
                .find(|(_, a)| a.siret == siret)
                .map(|(r, _)| Couloir::du_role(r))
                .or_else(|| m.mandat.as_ref().filter(|x| x.mandant.siret == siret).map(|_| Couloir::MaitriseOuvrage))
        })
    }

    /// The lane of the actor a phrase designates, depositing a piece of `cadre`: the role it
    /// names, else the role of its structure in the contract, else the cadre's depositor.
    pub fn couloir_acteur(&self, phrase: &str, cadre: CadreFacturation) -> Couloir {
        match role_de(phrase) {
            Some(Acteur::Role(r)) => Couloir::du_role(r),
            Some(Acteur::Payeur) => Couloir::ServiceFinancier,
            Some(Acteur::Mandant) => Couloir::MaitriseOuvrage,
            None => self
                .siret_acteur(phrase)
                .ok()
                .and_then(|s| self.couloir_de(s))
                .or_else(|| cadre.deposant().map(Couloir::du_role))
                .unwrap_or(Couloir::Fournisseur),
        }
    }

    /// A piece by cadre (`A4`: the last one deposited) or by its quoted number.
    pub fn piece(&self, reference: &str) -> Resultat<PieceId> {
        if let Some(n) = entre_guillemets(reference) {
            return self
                .pieces
                .iter()
                .rev()
                .find(|p| p.numero.as_deref() == Some(n))
                .map(|p| p.id)
                .ok_or_else(|| format!("aucune pièce de numéro « {n} » dans ce scénario").into());
        }
        let cadre = CadreFacturation::parse(reference).ok_or_else(|| format!("cadre inconnu : {reference}"))?;
        self.pieces.iter().rev().find(|p| p.cadre == cadre).map(|p| p.id).ok_or_else(|| {
            let raison = match &self.dernier {
                Some(Err(e)) => format!(" (la dernière action a échoué : {e})"),
                _ => String::new(),
            };
            format!("aucune pièce {} n'a été déposée dans ce scénario{raison}", cadre.court()).into()
        })
    }

    /// Runs a command and records its outcome. An implementation that does not answer usably
    /// stops the scenario: the step fails as `indéterminé` (an [`EchecEtape`] raised with
    /// [`std::panic::panic_any`], as the `etape!` bodies raise theirs).
    pub async fn executer(&mut self, acteur: Option<&str>, c: Commande) -> Result<Reponse, Echec> {
        let r = self.plateforme.executer(acteur, c).await;
        if let Err(e @ (Echec::Indetermine { .. } | Echec::HorsCapacite { .. })) = &r {
            std::panic::panic_any(EchecEtape::from(e.clone()));
        }
        self.dernier = Some(r.clone());
        r
    }

    /// Runs a test hook that must succeed: a refusal fails the step, an unusable answer makes
    /// it `indéterminé`.
    pub async fn preparer(&mut self, c: Commande) -> Resultat {
        match self.plateforme.executer(None, c).await {
            Ok(_) => Ok(()),
            Err(e @ (Echec::Indetermine { .. } | Echec::HorsCapacite { .. })) => Err(e.into()),
            Err(e) => Err(EchecEtape::from(e).precede("préparation refusée par la plateforme")),
        }
    }

    /// A piece as the platform holds it (an unusable answer makes the step `indéterminé`).
    pub async fn vue(&mut self, reference: &str) -> Resultat<VuePiece> {
        let id = self.piece(reference)?;
        self.plateforme.consulter(None, id).await.map_err(|e| EchecEtape::from(e).precede(&format!("consultation de la pièce {reference}")))
    }

    /// Re-sends the current contract's sheet after a change.
    pub async fn modifier_marche(&mut self, f: impl FnOnce(&mut Marche)) -> Resultat {
        let n = self.marche.clone().ok_or("aucun marché n'est choisi")?;
        let m = self.marches.get_mut(&n).ok_or("marché inconnu")?;
        f(m);
        let m = m.clone();
        self.preparer(Commande::EnregistrerMarche(Box::new(m))).await
    }
}

/// What an actor phrase designates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acteur {
    /// A role of the contract.
    Role(RoleMarche),
    /// The MOAD's mandant.
    Mandant,
    /// The contract's payer.
    Payeur,
}

/// Parses an actor phrase (`le titulaire`, `la maîtrise d'œuvre`, `la MOA déléguée`, …).
pub fn role_de(phrase: &str) -> Option<Acteur> {
    let p = sans_accents(phrase.trim());
    Some(match p.as_str() {
        "le titulaire" | "titulaire" => Acteur::Role(RoleMarche::Titulaire),
        "le cotraitant" | "cotraitant" => Acteur::Role(RoleMarche::Cotraitant),
        "le sous-traitant" | "sous-traitant" => Acteur::Role(RoleMarche::SousTraitant),
        "la maitrise d'oeuvre" | "la moe" | "maitrise d'oeuvre" => Acteur::Role(RoleMarche::Moe),
        "la maitrise d'ouvrage" | "la moa" | "la maitrise d'ouvrage deleguee" | "la moa deleguee" | "maitrise d'ouvrage" => {
            Acteur::Role(RoleMarche::Moa)
        }
        "le service financier" => Acteur::Payeur,
        "le mandant" => Acteur::Mandant,
        _ => return None,
    })
}

/// The text between double quotes, if the phrase is quoted.
pub fn entre_guillemets(s: &str) -> Option<&str> {
    let s = s.trim();
    s.strip_prefix('"').and_then(|x| x.strip_suffix('"'))
}
