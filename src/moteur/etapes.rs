//! The French step vocabulary: one table that registers the steps with cucumber, documents them
//! (`steps`) and matches them statically (`check`).

use super::monde::{Monde, PieceConnue, Resultat, UtilisateurConnu, role_de};
use crate::domaine::cadre::{CadreFacturation, RoleMarche};
use crate::domaine::calendrier::Date;
use crate::domaine::marche::{Acteur, DatesMarche, Mandat, Marche, ModeFinancement, Substitution};
use crate::domaine::montant::{Montants, parse_montant};
use crate::domaine::piece::{Espace, Reserves};
use crate::domaine::reference::{Depot, Modification, NatureNotification};
use crate::domaine::statut::Statut;
use crate::domaine::structure::{CategoriePayeur, PresenceMoa, Service, Structure, TypeStructure};
use crate::domaine::utilisateur::RoleRattachement;
use crate::donnees::{JeuYaml, lire_fiche, lire_yaml};
use crate::plateforme::{Commande, Echec, Reponse};
use cucumber::step::Context;
use futures::future::LocalBoxFuture;
use rust_decimal::Decimal;
use std::path::Path;

/// Which Gherkin keywords a step answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Genre {
    /// « Soit / Étant donné » (context).
    Soit,
    /// « Quand » (action), also allowed as context.
    Quand,
    /// « Alors » (assertion).
    Alors,
}

/// A static check of a step's captured arguments against the project root.
pub type Validation = fn(&[String], &Path) -> Result<(), String>;

/// A step definition.
pub struct Definition {
    /// Keyword family.
    pub genre: Genre,
    /// The regular expression (placeholders expanded).
    pub motif: String,
    /// One example line.
    pub exemple: &'static str,
    /// Its domain meaning.
    pub sens: &'static str,
    /// The function.
    pub fonction: cucumber::Step<Monde>,
    /// A static check of the arguments (`check`): data files that must exist.
    pub valider: Option<Validation>,
}

const ACTEUR: &str = r#"(le titulaire|le cotraitant|le sous-traitant|la maîtrise d'(?:œ|oe)uvre|la MOE|la maîtrise d'ouvrage déléguée|la MOA déléguée|la maîtrise d'ouvrage|la MOA|le service financier|le mandant|l'utilisateur "[^"]+"|"[^"]+")"#;
/// An actor after « de »: also « du titulaire », « du service financier »…
const QUI: &str = r#"(du titulaire|du cotraitant|du sous-traitant|du service financier|du mandant|le titulaire|le cotraitant|le sous-traitant|la maîtrise d'(?:œ|oe)uvre|la MOE|la maîtrise d'ouvrage déléguée|la MOA déléguée|la maîtrise d'ouvrage|la MOA|le service financier|le mandant|"[^"]+")"#;
const PIECE: &str = r#"(A\d{1,2}|"[^"]+")"#;
const MONTANT: &str = r"(-?\d[\d \u{a0}\u{202f}]*(?:,\d{1,2})?) ?€";
const DATE: &str = r"((?:1er|\d{1,2}) [a-zéûA-Z]+ \d{4}|\d{4}-\d{2}-\d{2}|\d{2}/\d{2}/\d{4})";
const STATUT: &str = r#""([^"]+)""#;

fn motif(gabarit: &str) -> String {
    let m = gabarit
        .replace("{ACTEUR}", ACTEUR)
        .replace("{QUI}", QUI)
        .replace("{PIECE}", PIECE)
        .replace("{MONTANT}", MONTANT)
        .replace("{DATE}", DATE)
        .replace("{STATUT}", STATUT);
    // Apostrophes: the straight one and the typographic one.
    format!("^{}$", m.replace('\'', "['’]"))
}

struct Captures(Context);

impl Captures {
    fn s(&self, i: usize) -> &str {
        self.0.matches.get(i).map(|m| m.1.as_str()).unwrap_or("")
    }
    fn opt(&self, i: usize) -> Option<&str> {
        Some(self.s(i)).filter(|s| !s.is_empty())
    }
    /// Rows of the step's table, without its header when the first row is `champ | valeur`.
    fn lignes(&self) -> Vec<Vec<String>> {
        let Some(t) = &self.0.step.table else { return vec![] };
        let mut rows = t.rows.clone();
        if rows.first().is_some_and(|r| r.first().is_some_and(|c| matches!(c.trim(), "champ" | "rôle" | "statut" | "paramètre"))) {
            rows.remove(0);
        }
        rows
    }
}

macro_rules! etape {
    ($nom:ident, |$m:ident, $c:ident| $corps:block) => {
        fn $nom<'a>($m: &'a mut Monde, ctx: Context) -> LocalBoxFuture<'a, ()> {
            Box::pin(async move {
                let $c = Captures(ctx);
                let r: Resultat = async { $corps }.await;
                if let Err(e) = r {
                    panic!("{e}");
                }
            })
        }
    };
}

fn montant(s: &str) -> Resultat<Decimal> {
    parse_montant(s).ok_or_else(|| format!("montant illisible : « {s} »"))
}

fn date(s: &str) -> Resultat<Date> {
    Date::parse(s).ok_or_else(|| format!("date illisible : « {s} » (attendu « 3 mars 2026 » ou « 2026-03-03 »)"))
}

fn cadre(s: &str) -> Resultat<CadreFacturation> {
    CadreFacturation::parse(s).ok_or_else(|| format!("cadre de facturation inconnu : « {s} » (A1 à A25)"))
}

fn statut_egal(vu: Statut, libelle: &str, attendu: &str) -> bool {
    let a = attendu.trim();
    vu.code_api().eq_ignore_ascii_case(a)
        || libelle.to_uppercase() == a.to_uppercase()
        || vu.libelle_portail().to_uppercase() == a.to_uppercase()
}

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

fn role_marche(s: &str) -> Resultat<RoleMarche> {
    match role_de(&format!("le {s}")).or_else(|| role_de(&format!("la {s}"))).or_else(|| role_de(s)) {
        Some(super::monde::Acteur::Role(r)) => Ok(r),
        Some(super::monde::Acteur::Payeur) => Ok(RoleMarche::ServiceFinancier),
        _ => RoleMarche::parse(s).ok_or_else(|| format!("rôle inconnu : « {s} »")),
    }
}

fn vrai(s: &str) -> bool {
    matches!(s.trim().to_lowercase().as_str(), "oui" | "vrai" | "true" | "x")
}

// ----- data sets and sheets ---------------------------------------------------------------------

fn chemin_jeu(racine: &Path, nom: &str) -> std::path::PathBuf {
    racine.join("scenarios/jeux").join(format!("{nom}.yaml"))
}

fn chemin_fiche(racine: &Path, nom: &str) -> std::path::PathBuf {
    racine.join("scenarios/marches").join(format!("{nom}.yaml"))
}

fn valider_jeu(args: &[String], racine: &Path) -> Result<(), String> {
    let nom = args.first().map(String::as_str).unwrap_or("");
    let p = chemin_jeu(racine, nom);
    if p.is_file() { Ok(()) } else { Err(format!("jeu de données introuvable : {}", p.display())) }
}

fn valider_fiche(args: &[String], racine: &Path) -> Result<(), String> {
    let nom = args.first().map(String::as_str).unwrap_or("");
    let p = chemin_fiche(racine, nom);
    if p.is_file() { Ok(()) } else { Err(format!("fiche d'identité introuvable : {}", p.display())) }
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
fn jeu_en_cache(chemin: &Path) -> Resultat<std::sync::Arc<(JeuYaml, Vec<Marche>)>> {
    type Cache = std::sync::Mutex<std::collections::HashMap<std::path::PathBuf, std::sync::Arc<(JeuYaml, Vec<Marche>)>>>;
    static CACHE: std::sync::OnceLock<Cache> = std::sync::OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(j) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(chemin) {
        return Ok(j.clone());
    }
    let jeu: JeuYaml = lire_yaml(chemin).map_err(|e| e.to_string())?;
    let dir = chemin.parent().unwrap_or(Path::new("."));
    let marches = jeu.fiches.iter().map(|f| lire_fiche(&dir.join(f))).collect::<Result<Vec<_>, _>>().map_err(|e| e.to_string())?;
    let j = std::sync::Arc::new((jeu, marches));
    cache.lock().unwrap_or_else(|e| e.into_inner()).insert(chemin.to_path_buf(), j.clone());
    Ok(j)
}

etape!(jeu_de_donnees, |m, c| {
    let chemin = chemin_jeu(&m.racine, c.s(1));
    let charge = jeu_en_cache(&chemin)?;
    let (jeu, marches) = (&charge.0, &charge.1);
    let debut = match c.opt(2) {
        Some(d) => date(d)?,
        None => jeu.date,
    };
    m.preparer(Commande::FixerDate(debut)).await?;
    m.date = Some(debut);
    super::monde::noter_debut(debut);
    for s in &jeu.structures {
        let s: Structure = s.clone().into();
        m.structures.push((s.raison_sociale.clone(), s.siret));
        m.preparer(Commande::AjouterStructure(s)).await?;
    }
    for u in &jeu.utilisateurs {
        m.preparer(Commande::CreerUtilisateur { login: u.login.clone(), prenom: u.prenom.clone(), nom: u.nom.clone(), pigp: u.pigp })
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
});

etape!(fiche_identite, |m, c| {
    let marche = lire_fiche(&chemin_fiche(&m.racine, c.s(1))).map_err(|e| e.to_string())?;
    enregistrer_marche(m, marche).await
});

etape!(choisir_marche, |m, c| {
    let n = c.s(1).to_string();
    if !m.marches.contains_key(&n) {
        return Err(format!("marché inconnu : « {n} » (chargez sa fiche d'identité ou décrivez-le par une table)"));
    }
    m.marche = Some(n);
    Ok(())
});

etape!(marche_table, |m, c| {
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
});

etape!(fiche_absent, |m, c| {
    let role = role_de(c.s(1));
    m.modifier_marche(|x| match role {
        Some(super::monde::Acteur::Role(RoleMarche::Moe)) => {
            if let Some(a) = x.moe.as_mut() {
                a.dans_chorus_pro = false;
            }
        }
        Some(super::monde::Acteur::Role(RoleMarche::Moa)) => x.moa.dans_chorus_pro = false,
        _ => x.titulaire.dans_chorus_pro = false,
    })
    .await
});

etape!(fiche_substitution, |m, c| {
    let (a, p) = (role_marche(c.s(1))?, role_marche(c.s(2))?);
    m.modifier_marche(|x| x.substitutions.push(Substitution { acteur: a, pour: p })).await
});

etape!(fiche_sans_substitution, |m, _c| { m.modifier_marche(|x| x.substitutions.clear()).await });

etape!(fiche_reception, |m, c| {
    let d = date(c.s(1))?;
    m.modifier_marche(|x| x.dates.reception = Some(d)).await
});

etape!(fiche_levee_reserves, |m, c| {
    let d = date(c.s(1))?;
    m.modifier_marche(|x| {
        x.dates.levee_reserves = Some(d);
        x.dates.levee_reserves_prealable = true;
    })
    .await
});

etape!(fiche_service_financier, |m, c| {
    let nom = c.s(1).to_string();
    let siret = m.siret_de(&nom)?;
    m.modifier_marche(|x| {
        x.service_financier =
            Some(Acteur { raison_sociale: nom, siret, code_service: None, numero_engagement: None, dans_chorus_pro: true });
        x.moa.code_service = None;
        x.moa.numero_engagement = None;
    })
    .await
});

etape!(fiche_mode_financement, |m, c| {
    let mode = if c.s(1) == "les crédits" { ModeFinancement::AvanceMandant } else { ModeFinancement::AvanceMandataire };
    m.modifier_marche(|x| {
        if let Some(mandat) = x.mandat.as_mut() {
            mandat.mode = mode;
        }
    })
    .await
});

etape!(fiche_moa, |m, c| {
    let nom = c.s(1).to_string();
    let siret = m.siret_de(&nom)?;
    m.modifier_marche(|x| x.moa = Acteur { raison_sociale: nom, siret, code_service: None, numero_engagement: None, dans_chorus_pro: true })
        .await
});

// ----- directory and users -------------------------------------------------------------------------

etape!(structure, |m, c| {
    let siret = crate::domaine::siret::Siret::parse(c.s(3))
        .map_err(|e| format!("SIRET « {} » invalide pour la structure « {} » : {e}", c.s(3), c.s(2)))?;
    let publique = c.s(1) == "publique";
    let mut s = Structure::nouvelle(siret, c.s(2), if publique { TypeStructure::Publique } else { TypeStructure::Privee });
    s.espace_travaux = true;
    if let Some(p) = c.opt(4) {
        s.presence_moa = PresenceMoa::parse(p).ok_or_else(|| format!("présence MOA inconnue : {p}"))?;
    }
    m.structures.push((c.s(2).to_string(), siret));
    m.preparer(Commande::AjouterStructure(s)).await
});

async fn modifier_structure(m: &mut Monde, nom: &str, f: impl FnOnce(&mut Structure)) -> Resultat {
    let siret = m.siret_de(nom)?;
    let mut s = m.plateforme.structure(siret).await.map_err(|e| e.to_string())?;
    f(&mut s);
    m.preparer(Commande::RemplacerStructure(s)).await
}

etape!(structure_exige, |m, c| {
    let quoi = c.s(2).replace('’', "'");
    modifier_structure(m, c.s(1), |s| match quoi.as_str() {
        "le code service" => s.parametres.code_service_doit_etre_renseigne = true,
        "le numéro d'engagement" => s.parametres.numero_ej_doit_etre_renseigne = true,
        _ => s.parametres.gestion_numero_ej_ou_code_service = true,
    })
    .await
});

etape!(structure_service, |m, c| {
    let (code, etat) = (c.s(2).to_string(), c.s(3).to_string());
    modifier_structure(m, c.s(1), |s| {
        s.services.retain(|x| x.code != code);
        s.services.push(Service { libelle: code.clone(), code, actif: etat != "inactif", engagement_requis: etat.contains("engagement") });
    })
    .await
});

etape!(structure_categorie, |m, c| {
    let cat = match c.s(2) {
        "un établissement public de santé" => CategoriePayeur::EtablissementPublicSante,
        "une entreprise publique" => CategoriePayeur::EntreprisePublique,
        "l'État" | "l’État" => CategoriePayeur::Etat,
        _ => CategoriePayeur::Collectivite,
    };
    modifier_structure(m, c.s(1), |s| s.categorie = cat).await
});

etape!(structure_inactive, |m, c| { modifier_structure(m, c.s(1), |s| s.active = false).await });

etape!(structure_espace_ferme, |m, c| { modifier_structure(m, c.s(1), |s| s.espace_travaux = false).await });

etape!(structure_presence, |m, c| {
    let p = PresenceMoa::parse(c.s(2)).ok_or_else(|| format!("présence MOA inconnue : {}", c.s(2)))?;
    modifier_structure(m, c.s(1), |s| s.presence_moa = p).await
});

etape!(structure_cache_mep, |m, c| {
    modifier_structure(m, c.s(1), |s| s.parametres.statut_mise_en_paiement_nest_pas_remonte = true).await
});

etape!(utilisateur, |m, c| {
    let nom = c.s(1).to_string();
    let siret = m.siret_de(c.s(2))?;
    let role = RoleRattachement::parse(c.s(3)).ok_or_else(|| format!("rôle inconnu : {}", c.s(3)))?;
    let pigp = c.opt(4).is_some();
    let login = nom_login(&nom);
    let (prenom, nom_famille) = nom.split_once(' ').unwrap_or((nom.as_str(), ""));
    if !m.utilisateurs.iter().any(|u| u.login == login) {
        m.preparer(Commande::CreerUtilisateur { login: login.clone(), prenom: prenom.into(), nom: nom_famille.into(), pigp }).await?;
        m.utilisateurs.push(UtilisateurConnu { nom: nom.clone(), login: login.clone(), structures: vec![] });
    }
    let r = m.executer(None, Commande::Rattacher { login: login.clone(), siret, role, habilite_travaux: true }).await;
    if r.is_ok()
        && let Some(u) = m.utilisateurs.iter_mut().find(|u| u.login == login)
    {
        u.structures.push(siret);
    }
    Ok(())
});

etape!(utilisateur_non_habilite, |m, c| {
    let login = m.login(&format!("\"{}\"", c.s(1)))?;
    let siret = m.siret_de(c.s(2))?;
    m.preparer(Commande::Rattacher { login, siret, role: RoleRattachement::Utilisateur, habilite_travaux: false }).await
});

// ----- calendar ---------------------------------------------------------------------------------------

etape!(la_date, |m, c| {
    let d = date(c.s(1))?;
    if m.date.is_none() {
        super::monde::noter_debut(d);
    }
    m.date = Some(d);
    m.preparer(Commande::FixerDate(d)).await
});

etape!(jours_passent, |m, c| {
    let n: u32 = c.s(1).parse().map_err(|_| format!("nombre de jours illisible : {}", c.s(1)))?;
    m.date = m.date.map(|d| d.plus_jours(n as i32));
    m.preparer(Commande::Avancer(n)).await
});

// ----- deposits ------------------------------------------------------------------------------------------

fn appliquer_champs(m: &Monde, d: &mut Depot, lignes: &[Vec<String>]) -> Resultat<Option<String>> {
    let mut numero = None;
    let mut tva: Option<Decimal> = None;
    let mut a_payer: Option<Decimal> = None;
    for l in lignes {
        let champ = l.first().map(|s| s.trim().to_lowercase()).unwrap_or_default();
        let valeur = l.get(1).map(|s| s.trim().to_string()).unwrap_or_default();
        let siret_ou_nom = |v: &str| m.siret_de(v).map(|s| s.to_string()).unwrap_or_else(|_| v.to_string());
        match champ.as_str() {
            "destinataire" | "siret destinataire" => d.destinataire = Some(siret_ou_nom(&valeur)),
            // An empty value states that the field is left blank (the sheet's value is not used).
            "code service" => d.code_service = Some(valeur),
            "engagement" | "numéro d'engagement" => d.numero_engagement = Some(valeur),
            "maîtrise d'œuvre" | "moe" => d.moe = Some(siret_ou_nom(&valeur)),
            "maîtrise d'ouvrage" | "moa" => d.moa = Some(siret_ou_nom(&valeur)),
            "numéro" => {
                d.numero = Some(valeur.clone());
                numero = Some(valeur);
            }
            "tva" | "taux de tva" => tva = Some(montant(valeur.trim_end_matches('%'))?),
            "montant à payer" => a_payer = Some(montant(&valeur)?),
            "montant ttc" => d.montants.ttc = montant(&valeur)?,
            "réserves" => d.reserves.get_or_insert(Reserves { motifs: String::new(), montant_reclame: None }).motifs = valeur,
            "montant réclamé" => {
                d.reserves.get_or_insert(Reserves { motifs: String::new(), montant_reclame: None }).montant_reclame =
                    Some(montant(&valeur)?)
            }
            "structure déposante" => d.structure_deposante = Some(m.siret_de(&valeur)?),
            autre => return Err(format!("champ inconnu dans la table du dépôt : « {autre} »")),
        }
    }
    if let Some(t) = tva {
        let ttc_force = d.montants.ttc;
        let recalcule = Montants::depuis_ht(d.montants.ht, t);
        d.montants = Montants {
            ttc: if ttc_force != Montants::depuis_ht(d.montants.ht, Decimal::from(20)).ttc { ttc_force } else { recalcule.ttc },
            ..recalcule
        };
    }
    if let Some(a) = a_payer {
        d.montants.a_payer = a;
    }
    Ok(numero)
}

async fn deposer(m: &mut Monde, acteur: &str, d: Depot, numero: Option<String>) -> Resultat {
    let login = m.login(acteur)?;
    let cadre = d.cadre;
    if let Ok(Reponse::Piece(id)) = m.executer(Some(&login), Commande::Deposer(Box::new(d))).await {
        m.pieces.push(PieceConnue { cadre, id, numero });
    }
    Ok(())
}

etape!(depot, |m, c| {
    let cadre = cadre(c.s(3))?;
    let marche = if cadre.est_travaux() || m.marche.is_some() { m.marche.clone() } else { None };
    let mut d = Depot::nouveau(cadre, marche.as_deref(), Montants::depuis_ht(montant(c.s(4))?, Decimal::from(20)));
    if let Some(p) = c.opt(5) {
        d.precedente = Some(m.piece(p)?);
    }
    let numero = appliquer_champs(m, &mut d, &c.lignes())?;
    if !cadre.est_travaux() && d.destinataire.is_none() && marche.is_none() {
        return Err("une facture simple sans marché doit nommer son destinataire (table « destinataire »)".into());
    }
    let acteur = c.s(1).to_string();
    deposer(m, &acteur, d, numero).await
});

etape!(appel_de_fonds, |m, c| {
    let mandant = m.marche_courant()?.mandat.as_ref().ok_or("le marché n'est pas sous mandat")?.mandant.siret;
    let mut d = Depot::nouveau(CadreFacturation::A1, m.marche.as_deref(), Montants::depuis_ht(montant(c.s(2))?, Decimal::ZERO));
    d.destinataire = Some(mandant.to_string());
    d.appel_de_fonds = true;
    let acteur = c.s(1).to_string();
    deposer(m, &acteur, d, None).await
});

// ----- processing -----------------------------------------------------------------------------------------

async fn agir(m: &mut Monde, acteur: &str, f: impl FnOnce(crate::domaine::piece::PieceId) -> Commande, piece: &str) -> Resultat {
    let login = m.login(acteur)?;
    let id = m.piece(piece)?;
    let _ = m.executer(Some(&login), f(id)).await;
    Ok(())
}

etape!(prendre_en_compte, |m, c| { agir(m, c.s(1), Commande::PrendreEnCompte, c.s(2)).await });

etape!(refuser, |m, c| {
    let (motif, commentaire) = (c.s(3).to_string(), c.s(4).to_string());
    agir(m, c.s(1), |piece| Commande::Refuser { piece, motif, commentaire }, c.s(2)).await
});

etape!(recycler, |m, c| {
    let mut modifications = Vec::new();
    for l in c.lignes() {
        let champ = l.first().map(|s| s.trim().to_lowercase()).unwrap_or_default();
        let v = l.get(1).map(|s| s.trim().to_string()).unwrap_or_default();
        let s = |v: &str| m.siret_de(v).map(|s| s.to_string()).unwrap_or_else(|_| v.to_string());
        modifications.push(match champ.as_str() {
            "destinataire" | "siret destinataire" => Modification::Destinataire(s(&v)),
            "code service" => Modification::CodeService(Some(v).filter(|x| !x.is_empty())),
            "engagement" | "numéro d'engagement" => Modification::NumeroEngagement(Some(v).filter(|x| !x.is_empty())),
            "maîtrise d'œuvre" | "moe" => Modification::Moe(s(&v)),
            "maîtrise d'ouvrage" | "moa" => Modification::Moa(s(&v)),
            autre => Modification::Autre(autre.to_string()),
        });
    }
    agir(m, c.s(1), |piece| Commande::Recycler { piece, modifications }, c.s(2)).await
});

etape!(demander_recyclage, |m, c| { agir(m, c.s(1), Commande::DemanderRecyclage, c.s(2)).await });

etape!(suspendre, |m, c| {
    let commentaire = c.s(3).to_string();
    agir(m, c.s(1), |piece| Commande::Suspendre { piece, commentaire }, c.s(2)).await
});

etape!(completer, |m, c| { agir(m, c.s(1), |piece| Commande::Completer { piece, commentaire: "complément".into() }, c.s(2)).await });

etape!(accepter_st, |m, c| {
    let montant = c.opt(3).map(montant).transpose()?;
    agir(m, c.s(1), |piece| Commande::ValiderSousTraitance { piece, montant }, c.s(2)).await
});

etape!(refuser_st, |m, c| {
    let commentaire = c.s(3).to_string();
    agir(m, c.s(1), |piece| Commande::RefuserSousTraitance { piece, commentaire }, c.s(2)).await
});

etape!(service_fait, |m, c| { agir(m, c.s(1), Commande::ConstaterServiceFait, c.s(2)).await });
etape!(mandater, |m, c| { agir(m, c.s(1), Commande::Mandater, c.s(2)).await });
etape!(mettre_en_paiement, |m, c| { agir(m, c.s(1), Commande::MettreEnPaiement, c.s(2)).await });

etape!(payer, |m, c| {
    let login = m.login(c.s(1))?;
    let id = m.piece(c.s(2))?;
    for cmd in [Commande::ConstaterServiceFait(id), Commande::Mandater(id), Commande::MettreEnPaiement(id)] {
        if m.executer(Some(&login), cmd).await.is_err() {
            break;
        }
    }
    Ok(())
});

etape!(rejeter, |m, c| {
    let motif = c.s(3).to_string();
    agir(m, c.s(1), |piece| Commande::Rejeter { piece, motif }, c.s(2)).await
});

etape!(contester, |m, c| { agir(m, c.s(1), |piece| Commande::ContesterMontant { piece, motif: "contestation".into() }, c.s(2)).await });

etape!(ouvrir_espace, |m, c| {
    let login = m.login(c.s(1))?;
    let siret = m.siret_de(c.s(2))?;
    let _ = m.executer(Some(&login), Commande::OuvrirEspaceTravaux(siret)).await;
    Ok(())
});

etape!(habiliter, |m, c| {
    let login = m.login(c.s(1))?;
    let cible = m.login(&format!("\"{}\"", c.s(2)))?;
    let siret = m.siret_de(c.s(3))?;
    let _ = m.executer(Some(&login), Commande::HabiliterTravaux { cible, siret }).await;
    Ok(())
});

etape!(parametrer_presence, |m, c| {
    let login = m.login(c.s(1))?;
    let siret = m.siret_de(c.s(2))?;
    let presence = PresenceMoa::parse(c.s(3)).ok_or_else(|| format!("présence MOA inconnue : {}", c.s(3)))?;
    let parametres = m.plateforme.structure(siret).await.map(|s| s.parametres).unwrap_or_default();
    let _ = m.executer(Some(&login), Commande::ModifierParametres { siret, parametres, presence: Some(presence) }).await;
    Ok(())
});

etape!(cocher_parametre, |m, c| {
    let login = m.login(c.s(1))?;
    let siret = m.siret_de(c.s(3))?;
    let mut p = m.plateforme.structure(siret).await.map(|s| s.parametres).unwrap_or_default();
    let label = c.s(2).replace('’', "'");
    match label.as_str() {
        "Le code service doit être renseigné par le fournisseur" => p.code_service_doit_etre_renseigne = true,
        "Le numéro d'engagement doit être renseigné par le fournisseur" => p.numero_ej_doit_etre_renseigne = true,
        "Le numéro d'engagement ou le code service est obligatoire" => p.gestion_numero_ej_ou_code_service = true,
        "L'entité peut recevoir des données via EDI" => p.recevoir_donnees_via_edi = true,
        "Le statut de \"Mise en paiement\" n'est pas remonté au fournisseur" => p.statut_mise_en_paiement_nest_pas_remonte = true,
        autre => return Err(format!("paramètre inconnu : « {autre} »")),
    }
    let _ = m.executer(Some(&login), Commande::ModifierParametres { siret, parametres: p, presence: None }).await;
    Ok(())
});

etape!(sollicitation, |m, c| {
    let login = m.login(c.s(1))?;
    let siret = m.siret_de(c.s(2))?;
    let gestionnaire = m.login(&format!("\"{}\"", c.s(3)))?;
    if let Ok(Reponse::Sollicitation(n)) =
        m.executer(Some(&login), Commande::DeposerSollicitation { siret, gestionnaires: vec![gestionnaire] }).await
    {
        m.sollicitation = Some(n);
    }
    Ok(())
});

etape!(traiter_sollicitation, |m, _c| {
    let n = m.sollicitation.ok_or("aucune sollicitation n'a été déposée")?;
    let _ = m.executer(None, Commande::TraiterSollicitation(n)).await;
    Ok(())
});

etape!(avenant_moe, |m, c| {
    let nom = c.s(1).to_string();
    let siret = m.siret_de(&nom)?;
    let acteur = Acteur { raison_sociale: nom, siret, code_service: None, numero_engagement: None, dans_chorus_pro: true };
    let numero = m.marche.clone().ok_or("aucun marché")?;
    if let Some(x) = m.marches.get_mut(&numero) {
        x.moe = Some(acteur.clone());
    }
    m.preparer(Commande::DesignerMoe { marche: numero, acteur: Box::new(acteur) }).await
});

// ----- assertions ------------------------------------------------------------------------------------------

/// A mismatch, in the form reports split into expected and actual values.
fn difference(sujet: &str, attendu: impl std::fmt::Display, obtenu: impl std::fmt::Display) -> String {
    format!("{sujet} : attendu : {attendu} ; obtenu : {obtenu}")
}

fn dernier(m: &Monde) -> Resultat<&Result<Reponse, Echec>> {
    m.dernier.as_ref().ok_or_else(|| "aucune action n'a encore eu lieu".to_string())
}

fn attendre_succes(m: &Monde) -> Resultat {
    match dernier(m)? {
        Ok(_) => Ok(()),
        Err(e) => Err(format!("attendu : action acceptée ; obtenu : {e}")),
    }
}

etape!(accepte, |m, _c| { attendre_succes(m) });

etape!(refuse_code, |m, c| {
    let attendu = c.s(1);
    match dernier(m)? {
        Err(Echec::Refus { code, .. }) if code == attendu => Ok(()),
        Err(e) => Err(format!("attendu : refus {attendu} ; obtenu : {e}")),
        Ok(r) => Err(format!("attendu : refus {attendu} ; obtenu : action acceptée ({r:?})")),
    }
});

etape!(message_indique, |m, c| {
    let attendu = c.s(1);
    match dernier(m)? {
        Err(Echec::Refus { message, .. }) if message.contains(attendu) => Ok(()),
        Err(e) => Err(format!("attendu : un message contenant « {attendu} » ; obtenu : {e}")),
        Ok(_) => Err(format!("attendu : un refus dont le message contient « {attendu} » ; l'action a été acceptée")),
    }
});

etape!(piece_statut, |m, c| {
    let v = m.vue(c.s(1)).await?;
    if statut_egal(v.statut, &v.libelle, c.s(2)) {
        Ok(())
    } else {
        Err(difference(&format!("statut de la pièce {}", c.s(1)), c.s(2), format!("{} ({})", v.libelle, v.statut.code_api())))
    }
});

etape!(acteur_voit_statut, |m, c| {
    let login = m.login(c.s(1))?;
    let id = m.piece(c.s(2))?;
    let v = m.plateforme.consulter(Some(&login), id).await.map_err(|e| e.to_string())?;
    if statut_egal(v.statut, &v.libelle, c.s(3)) {
        Ok(())
    } else {
        Err(difference(
            &format!("statut de la pièce {} vu par {}", c.s(2), c.s(1)),
            c.s(3),
            format!("{} ({})", v.libelle, v.statut.code_api()),
        ))
    }
});

etape!(acteur_ne_voit_pas, |m, c| {
    let login = m.login(c.s(1))?;
    let id = m.piece(c.s(2))?;
    match m.plateforme.consulter(Some(&login), id).await {
        Err(Echec::Refus { .. }) => Ok(()),
        Err(e) => Err(e.to_string()),
        Ok(_) => Err(format!("{} voit la pièce {} : elle devrait lui être inconnue", c.s(1), c.s(2))),
    }
});

etape!(piece_espace, |m, c| {
    let v = m.vue(c.s(1)).await?;
    let espace = Espace::parse(c.s(2)).ok_or_else(|| format!("espace inconnu : {}", c.s(2)))?;
    let qui = m.siret_acteur(c.s(3))?;
    if v.espace == espace && v.recipiendaire == qui {
        Ok(())
    } else {
        Err(difference(
            &format!("espace de la pièce {}", c.s(1)),
            format!("« {} » de {qui}", c.s(2)),
            format!("« {} » de {}", v.espace.libelle(), v.recipiendaire),
        ))
    }
});

etape!(piece_destinataire, |m, c| {
    let v = m.vue(c.s(1)).await?;
    let qui = m.siret_acteur(c.s(2))?;
    if v.destinataire == qui { Ok(()) } else { Err(difference(&format!("destinataire de la pièce {}", c.s(1)), qui, v.destinataire)) }
});

etape!(piece_numero, |m, c| {
    let v = m.vue(c.s(1)).await?;
    if v.numero == c.s(2) { Ok(()) } else { Err(difference(&format!("numéro de la pièce {}", c.s(1)), c.s(2), &v.numero)) }
});

etape!(historique_est, |m, c| {
    let v = m.vue(c.s(1)).await?;
    let attendus: Vec<String> = c.lignes().iter().filter_map(|l| l.first().map(|s| s.trim().to_string())).collect();
    let obtenus: Vec<Statut> = v.historique.iter().map(|h| h.statut).collect();
    let ok = attendus.len() == obtenus.len() && attendus.iter().zip(&obtenus).all(|(a, o)| statut_egal(*o, o.libelle_portail(), a));
    if ok {
        Ok(())
    } else {
        Err(difference(
            &format!("historique de la pièce {}", c.s(1)),
            attendus.join(", "),
            obtenus.iter().map(|s| s.libelle_portail()).collect::<Vec<_>>().join(", "),
        ))
    }
});

etape!(historique_contient, |m, c| {
    let v = m.vue(c.s(1)).await?;
    if v.historique.iter().any(|h| statut_egal(h.statut, h.statut.libelle_portail(), c.s(2))) {
        Ok(())
    } else {
        Err(difference(
            &format!("historique de la pièce {}", c.s(1)),
            format!("contient « {} »", c.s(2)),
            v.historique.iter().map(|h| h.statut.libelle_portail()).collect::<Vec<_>>().join(", "),
        ))
    }
});

etape!(dossier_etat, |m, c| {
    let v = m.vue(c.s(1)).await?;
    if v.etat_dossier == c.s(2) {
        Ok(())
    } else {
        Err(difference(&format!("état du dossier de la pièce {}", c.s(1)), c.s(2), &v.etat_dossier))
    }
});

etape!(ecart, |m, c| {
    let v = m.vue(c.s(1)).await?;
    let attendu = montant(c.s(2))?;
    match v.ecart {
        Some(e) if e.ht == attendu => Ok(()),
        e => Err(difference(
            &format!("écart de la pièce {}", c.s(1)),
            format!("{attendu} € HT"),
            e.map(|e| format!("{} € HT", e.ht)).unwrap_or("aucun".into()),
        )),
    }
});

etape!(montant_accepte, |m, c| {
    let v = m.vue(c.s(1)).await?;
    let attendu = montant(c.s(2))?;
    if v.montant_accepte == Some(attendu) {
        Ok(())
    } else {
        Err(difference("montant accepté", format!("{attendu} €"), v.montant_accepte.map(|m| format!("{m} €")).unwrap_or("aucun".into())))
    }
});

etape!(echeance_paiement, |m, c| {
    let v = m.vue(c.s(1)).await?;
    let attendu = date(c.s(2))?;
    if v.echeance_paiement == Some(attendu) {
        Ok(())
    } else {
        Err(difference(
            &format!("échéance de paiement de la pièce {}", c.s(1)),
            attendu.en_francais(),
            v.echeance_paiement.map(|d| d.en_francais()).unwrap_or("aucune".into()),
        ))
    }
});

etape!(interets, |m, c| {
    let v = m.vue(c.s(1)).await?;
    let (i, f) = (montant(c.s(2))?, montant(c.s(3))?);
    match &v.retard {
        Some(r) if r.interets == i && r.indemnite == f => Ok(()),
        r => Err(difference(
            &format!("intérêts de la pièce {}", c.s(1)),
            format!("{i} € d'intérêts et {f} € d'indemnité"),
            r.as_ref()
                .map(|r| format!("{} € d'intérêts et {} € d'indemnité ({} jours de retard)", r.interets, r.indemnite, r.jours))
                .unwrap_or("aucun intérêt".into()),
        )),
    }
});

etape!(sans_interets, |m, c| {
    let v = m.vue(c.s(1)).await?;
    match &v.retard {
        None => Ok(()),
        Some(r) => Err(difference(
            &format!("intérêts de la pièce {}", c.s(1)),
            "aucun intérêt",
            format!("{} € ({} jours de retard)", r.interets, r.jours),
        )),
    }
});

fn nature(s: &str) -> Resultat<NatureNotification> {
    match s {
        "action attendue" => Ok(NatureNotification::ActionAttendue),
        "pièce ajoutée" => Ok(NatureNotification::PieceAjoutee),
        "mise en paiement" => Ok(NatureNotification::MiseEnPaiement),
        autre => Err(format!("nature de notification inconnue : {autre}")),
    }
}

async fn notifie(m: &mut Monde, c: &Captures) -> Resultat<bool> {
    let qui = m.siret_acteur(c.s(1))?;
    let n = nature(c.s(2))?;
    let id = m.piece(c.s(3))?;
    let toutes = m.plateforme.notifications().await.map_err(|e| e.to_string())?;
    Ok(toutes.iter().any(|x| x.destinataire == qui && x.nature == n && x.piece == id))
}

etape!(est_notifie, |m, c| {
    if notifie(m, &c).await? {
        Ok(())
    } else {
        Err(difference(&format!("notifications de {} pour la pièce {}", c.s(1), c.s(3)), format!("« {} »", c.s(2)), "aucune de ce genre"))
    }
});

etape!(pas_notifie, |m, c| {
    if notifie(m, &c).await? {
        Err(difference(&format!("notifications de {} pour la pièce {}", c.s(1), c.s(3)), "aucune de ce genre", format!("« {} »", c.s(2))))
    } else {
        Ok(())
    }
});

etape!(peut_etre_moa, |m, c| {
    let siret = m.siret_de(c.s(1))?;
    let s = m.plateforme.structure(siret).await.map_err(|e| e.to_string())?;
    let attendu = c.opt(2).is_none();
    if s.peut_etre_moa() == attendu {
        Ok(())
    } else {
        let dire = |b: bool| if b { "peut être maîtrise d'ouvrage" } else { "ne peut pas être maîtrise d'ouvrage" };
        Err(difference(&format!("structure {}", c.s(1)), dire(attendu), dire(!attendu)))
    }
});

etape!(cadres_connus, |m, c| {
    let l = m.plateforme.cadres().await.map_err(|e| e.to_string())?;
    let attendus: Vec<&str> = CadreFacturation::TOUS.iter().map(|c| c.code_api()).collect();
    let manquants: Vec<&&str> = attendus.iter().filter(|a| !l.iter().any(|x| x == **a)).collect();
    if manquants.is_empty() && c.s(1) == "25" {
        Ok(())
    } else {
        Err(difference("cadres de facturation", "les 25 codes de l'API", format!("{} codes, manquent {manquants:?}", l.len())))
    }
});

etape!(motifs_listes, |m, c| {
    let l = m.plateforme.motifs_refus().await.map_err(|e| e.to_string())?;
    let manquants: Vec<&str> = c.s(1).split(',').map(str::trim).filter(|x| !l.iter().any(|y| y == x)).collect();
    if manquants.is_empty() { Ok(()) } else { Err(difference("motifs de refus", c.s(1), l.join(", "))) }
});

// ----- the catalogue ------------------------------------------------------------------------------------------

macro_rules! def {
    ($genre:ident, $motif:expr, $exemple:expr, $sens:expr, $f:ident) => {
        Definition { genre: Genre::$genre, motif: motif($motif), exemple: $exemple, sens: $sens, fonction: $f, valider: None }
    };
    ($genre:ident, $motif:expr, $exemple:expr, $sens:expr, $f:ident, $v:ident) => {
        Definition { genre: Genre::$genre, motif: motif($motif), exemple: $exemple, sens: $sens, fonction: $f, valider: Some($v) }
    };
}

/// The whole step catalogue.
pub fn catalogue() -> Vec<Definition> {
    vec![
        // Context: data.
        def!(
            Soit,
            r#"le jeu de données "([^"]+)"(?: au {DATE})?"#,
            r#"Soit le jeu de données "demonstration""#,
            "Charge l'annuaire, les utilisateurs et les fiches d'identité d'un fichier de scenarios/jeux/ ; le premier marché devient le marché courant.",
            jeu_de_donnees,
            valider_jeu
        ),
        def!(
            Soit,
            r#"la fiche d'identité "([^"]+)""#,
            r#"Soit la fiche d'identité "ecole-jaures""#,
            "Enregistre la fiche d'identité du marché (scenarios/marches/NOM.yaml) et en fait le marché courant (D-FICHE).",
            fiche_identite,
            valider_fiche
        ),
        def!(
            Soit,
            r#"le marché "([^"]+)""#,
            r#"Soit le marché "2026-TRV-014""#,
            "Choisit le marché courant parmi ceux chargés.",
            choisir_marche
        ),
        def!(
            Soit,
            r#"le marché "([^"]+)" :"#,
            "Soit le marché \"M-1\" :\n  | rôle | structure | dans Chorus Pro |\n  | titulaire | Bâti SA | oui |",
            "Décrit une fiche d'identité par une table : rôle, structure, dans Chorus Pro, code service, engagement (D-FICHE).",
            marche_table
        ),
        def!(
            Soit,
            "la fiche du marché indique que {ACTEUR} n'est pas dans Chorus Pro",
            "Soit la fiche du marché indique que la maîtrise d'œuvre n'est pas dans Chorus Pro",
            "Un acteur absent de Chorus Pro : un autre joue son rôle (D-CHAINE-5).",
            fiche_absent
        ),
        def!(
            Soit,
            "la fiche du marché autorise (la maîtrise d'(?:œ|oe)uvre|le titulaire) à agir pour (la maîtrise d'ouvrage|la maîtrise d'(?:œ|oe)uvre)",
            "Soit la fiche du marché autorise la maîtrise d'œuvre à agir pour la maîtrise d'ouvrage",
            "Substitution déclarée sur la fiche (D-CHAINE-5).",
            fiche_substitution
        ),
        def!(
            Soit,
            "la fiche du marché n'autorise aucune substitution",
            "Soit la fiche du marché n'autorise aucune substitution",
            "Retire les substitutions de la fiche.",
            fiche_sans_substitution
        ),
        def!(
            Soit,
            "la réception des travaux a été notifiée le {DATE}",
            "Soit la réception des travaux a été notifiée le 30 septembre 2026",
            "Date de réception : point de départ du décompte final (D-DELAIS-3).",
            fiche_reception
        ),
        def!(
            Soit,
            "la levée des réserves, préalable au projet de décompte final, date du {DATE}",
            "Soit la levée des réserves, préalable au projet de décompte final, date du 15 octobre 2026",
            "La levée des réserves conditionne le départ du délai du décompte général (D-DELAIS-3).",
            fiche_levee_reserves
        ),
        def!(
            Soit,
            r#"le service financier du marché est "([^"]+)""#,
            r#"Soit le service financier du marché est "Trésorerie""#,
            "Le payeur est une autre structure que la MOA (fait §4.1).",
            fiche_service_financier
        ),
        def!(
            Soit,
            "le mandant avance (les crédits|la trésorerie au mandataire)",
            "Soit le mandant avance les crédits",
            "Mode de financement du mandat : le mandant avance les crédits (sinon le mandataire avance la trésorerie) (D-MOAD-3).",
            fiche_mode_financement
        ),
        def!(
            Soit,
            r#"la maîtrise d'ouvrage du marché est "([^"]+)""#,
            r#"Soit la maîtrise d'ouvrage du marché est "Aménageur privé SAS""#,
            "Change la MOA (ou MOAD) de la fiche.",
            fiche_moa
        ),
        // Context: directory and users.
        def!(
            Soit,
            r#"la structure (publique|privée) "([^"]+)" de SIRET "([^"]*)"(?: (sans MOA|avec MOA|exclusivement MOA))?"#,
            r#"Soit la structure publique "Mairie de Lyon" de SIRET "21690123100011" avec MOA"#,
            "Ajoute une structure à l'annuaire, espace « Factures de travaux » ouvert (D-STRUCTURES-1). Un SIRET invalide est refusé.",
            structure
        ),
        def!(
            Soit,
            r#"la structure "([^"]+)" exige (le code service|le numéro d'engagement|le numéro d'engagement ou le code service)"#,
            r#"Soit la structure "Ville de Villeurbanne" exige le numéro d'engagement"#,
            "Paramètres de la structure (fait §4.1).",
            structure_exige
        ),
        def!(
            Soit,
            r#"la structure "([^"]+)" a le service "([^"]+)"(?: \((inactif|avec engagement obligatoire)\))?"#,
            r#"Soit la structure "Ville de Villeurbanne" a le service "TRAVAUX" (avec engagement obligatoire)"#,
            "Ajoute un service (code, actif, engagement obligatoire).",
            structure_service
        ),
        def!(
            Soit,
            r#"la structure "([^"]+)" est (un établissement public de santé|une entreprise publique|l'État|une collectivité territoriale)"#,
            r#"Soit la structure "CHU" est un établissement public de santé"#,
            "Catégorie du payeur : délai global de paiement de 30, 50 ou 60 jours (D-DELAIS-7).",
            structure_categorie
        ),
        def!(
            Soit,
            r#"la structure "([^"]+)" est inactive"#,
            r#"Soit la structure "Ville de Villeurbanne" est inactive"#,
            "Structure inactive dans l'annuaire.",
            structure_inactive
        ),
        def!(
            Soit,
            r#"la structure "([^"]+)" n'a pas ouvert son espace « Factures de travaux »"#,
            r#"Soit la structure "Bâtiments du Rhône SAS" n'a pas ouvert son espace « Factures de travaux »"#,
            "Espace fermé (D-UTILISATEURS-2).",
            structure_espace_ferme
        ),
        def!(
            Soit,
            r#"la structure "([^"]+)" est paramétrée « ?(Structure sans MOA|Structure avec MOA|Structure exclusivement MOA|sans MOA|avec MOA|exclusivement MOA) ?»"#,
            r#"Soit la structure "Ville de Villeurbanne" est paramétrée « Structure exclusivement MOA »"#,
            "Présence MOA fixée par l'administration du jeu de données.",
            structure_presence
        ),
        def!(
            Soit,
            r#"la structure "([^"]+)" ne remonte pas le statut « Mise en paiement » au fournisseur"#,
            r#"Soit la structure "Ville de Villeurbanne" ne remonte pas le statut « Mise en paiement » au fournisseur"#,
            "Paramètre statutMiseEnPaiementNestPasRemonte (D-PAIEMENT-2).",
            structure_cache_mep
        ),
        def!(
            Soit,
            r#"l'utilisateur "([^"]+)" rattaché à "([^"]+)" comme (gestionnaire principal|gestionnaire secondaire|utilisateur)( avec un compte PIGP)?"#,
            r#"Soit l'utilisateur "Léa Morel" rattaché à "Aménageur privé SAS" comme gestionnaire principal avec un compte PIGP"#,
            "Crée l'utilisateur et le rattache, habilité sur « Factures de travaux » (D-UTILISATEURS-1).",
            utilisateur
        ),
        def!(
            Soit,
            r#"l'utilisateur "([^"]+)" n'est pas habilité sur l'espace « Factures de travaux » de "([^"]+)""#,
            r#"Soit l'utilisateur "Léo Dupuis" n'est pas habilité sur l'espace « Factures de travaux » de "Bâtiments du Rhône SAS""#,
            "Retire l'habilitation travaux (D-UTILISATEURS-2).",
            utilisateur_non_habilite
        ),
        // Calendar.
        def!(
            Soit,
            "la date du {DATE}",
            "Soit la date du 3 mars 2026",
            "Fixe la date du calendrier virtuel du scénario (D-DELAIS-1).",
            la_date
        ),
        def!(
            Quand,
            "nous sommes le {DATE}",
            "Quand nous sommes le 5 novembre 2026",
            "Avance le calendrier jusqu'à cette date, en appliquant les délais échus.",
            la_date
        ),
        def!(
            Quand,
            r"(\d+) jours? passen?t?",
            "Quand 11 jours passent",
            "Avance le calendrier de N jours, en appliquant les délais échus.",
            jours_passent
        ),
        // Actions.
        def!(
            Quand,
            "{ACTEUR} dépose (?:un |une |le |la |l')?(.*?) ?\\((A\\d{1,2})\\) de {MONTANT} HT(?: (?:à la suite de|en réponse à) la pièce {PIECE})?(?: avec :)?",
            "Quand le titulaire dépose un projet de décompte mensuel (A4) de 10 000 € HT",
            "Dépôt d'une pièce : initial, ou associé à la pièce précédente ; la table « avec : » précise destinataire, code service, engagement, MOE, MOA, TVA, montant à payer, numéro, réserves, montant réclamé, structure déposante. Les données manquantes viennent de la fiche d'identité.",
            depot
        ),
        def!(
            Quand,
            "{ACTEUR} émet un appel de fonds de {MONTANT} vers le mandant",
            "Quand la MOA déléguée émet un appel de fonds de 12 000 € vers le mandant",
            "Appel de fonds (A1) de la MOAD à son mandant (D-MOAD-3).",
            appel_de_fonds
        ),
        def!(
            Quand,
            "{ACTEUR} prend en compte la pièce {PIECE}",
            "Quand la maîtrise d'œuvre prend en compte la pièce A4",
            "« Prendre en compte » (D-STATUTS-2).",
            prendre_en_compte
        ),
        def!(
            Quand,
            r#"{ACTEUR} refuse la pièce {PIECE} pour le motif "([^"]+)"(?: : "([^"]*)")?"#,
            r#"Quand la maîtrise d'œuvre refuse la pièce A4 pour le motif "AUTRE" : "travaux non réalisés""#,
            "Refus avec un motif (AUTRE, MAUVAISE_MOE, MAUVAISE_MOA, MAUVAIS_VALIDEUR, ERREUR_MONTANT) et un commentaire (D-REFUS).",
            refuser
        ),
        def!(
            Quand,
            "{ACTEUR} recycle la pièce {PIECE}(?: avec :)?",
            "Quand le titulaire recycle la pièce A4 avec :\n  | champ | valeur |\n  | code service | COMPTA |",
            "Recyclage : seules les données d'acheminement changent (D-REFUS-4).",
            recycler
        ),
        def!(
            Quand,
            "{ACTEUR} demande le recyclage de la pièce précédant la pièce {PIECE}",
            "Quand la maîtrise d'ouvrage demande le recyclage de la pièce précédant la pièce A15",
            "demanderRecyclagePiecePrecedente (D-REFUS-5).",
            demander_recyclage
        ),
        def!(
            Quand,
            r#"{ACTEUR} suspend la pièce {PIECE}(?: : "([^"]*)")?"#,
            r#"Quand la maîtrise d'ouvrage suspend la pièce A19 : "RIB manquant""#,
            "Suspension ou demande de complément (D-REFUS-6, D-PAIEMENT-1).",
            suspendre
        ),
        def!(
            Quand,
            "{ACTEUR} complète la pièce {PIECE}",
            "Quand le titulaire complète la pièce A19",
            "Complément : la pièce reprend où elle était (D-REFUS-6).",
            completer
        ),
        def!(
            Quand,
            "{ACTEUR} accepte la demande de paiement {PIECE}(?: à hauteur de {MONTANT})?",
            "Quand le titulaire accepte la demande de paiement A10 à hauteur de 2 400 €",
            "Le titulaire accepte la demande du sous-traitant, en tout ou partie (D-SOUSTRAITANCE-1).",
            accepter_st
        ),
        def!(
            Quand,
            r#"{ACTEUR} refuse la demande de paiement {PIECE} : "([^"]*)""#,
            r#"Quand le titulaire refuse la demande de paiement A10 : "travaux non exécutés""#,
            "Le titulaire refuse la demande du sous-traitant (D-SOUSTRAITANCE-1).",
            refuser_st
        ),
        def!(
            Quand,
            "{ACTEUR} constate le service fait sur la pièce {PIECE}",
            "Quand la maîtrise d'ouvrage constate le service fait sur la pièce A19",
            "SERVICE_FAIT (D-PAIEMENT-1).",
            service_fait
        ),
        def!(
            Quand,
            "{ACTEUR} mandate la pièce {PIECE}",
            "Quand la maîtrise d'ouvrage mandate la pièce A19",
            "MANDATEE (D-PAIEMENT-1).",
            mandater
        ),
        def!(
            Quand,
            "{ACTEUR} met en paiement la pièce {PIECE}",
            "Quand la maîtrise d'ouvrage met en paiement la pièce A19",
            "MISE_EN_PAIEMENT, datée du jour (D-PAIEMENT-1).",
            mettre_en_paiement
        ),
        def!(
            Quand,
            "{ACTEUR} paie la pièce {PIECE}",
            "Quand la maîtrise d'ouvrage paie la pièce A19",
            "Service fait, mandatement et mise en paiement, dans l'ordre.",
            payer
        ),
        def!(
            Quand,
            r#"{ACTEUR} rejette la pièce {PIECE} : "([^"]*)""#,
            r#"Quand la maîtrise d'ouvrage rejette la pièce A19 : "doublon""#,
            "REJETEE dans « Factures reçues » : le dossier est figé (D-PAIEMENT-1).",
            rejeter
        ),
        def!(
            Quand,
            "{ACTEUR} conteste la correction de montant de la pièce {PIECE}",
            "Quand le titulaire conteste la correction de montant de la pièce A15",
            "Contestation dans les 30 jours (D-MONTANTS-2).",
            contester
        ),
        def!(
            Quand,
            r#"{ACTEUR} ouvre l'espace « Factures de travaux » de "([^"]+)""#,
            r#"Quand "Julie Bernard" ouvre l'espace « Factures de travaux » de "Bâtiments du Rhône SAS""#,
            "Un gestionnaire ouvre l'espace (fait §4.1).",
            ouvrir_espace
        ),
        def!(
            Quand,
            r#"{ACTEUR} habilite "([^"]+)" sur l'espace « Factures de travaux » de "([^"]+)""#,
            r#"Quand "Julie Bernard" habilite "Léo Dupuis" sur l'espace « Factures de travaux » de "Bâtiments du Rhône SAS""#,
            "Un gestionnaire habilite un utilisateur (D-UTILISATEURS-2).",
            habiliter
        ),
        def!(
            Quand,
            r#"{ACTEUR} paramètre "([^"]+)" en « ?(Structure sans MOA|Structure avec MOA|Structure exclusivement MOA) ?»"#,
            r#"Quand "Claire Martin" paramètre "Ville de Villeurbanne" en « Structure exclusivement MOA »"#,
            "Un gestionnaire choisit la « Présence MOA » (démonstration 1 du webinaire).",
            parametrer_presence
        ),
        def!(
            Quand,
            r#"{ACTEUR} coche « (.+) » pour "([^"]+)""#,
            r#"Quand "Claire Martin" coche « Le code service doit être renseigné par le fournisseur » pour "Ville de Villeurbanne""#,
            "Un gestionnaire coche un paramètre de la structure (fait §4.1).",
            cocher_parametre
        ),
        def!(
            Quand,
            r#"{ACTEUR} dépose une sollicitation de transformation de "([^"]+)" avec le compte PIGP de "([^"]+)""#,
            r#"Quand "Léa Morel" dépose une sollicitation de transformation de "Aménageur privé SAS" avec le compte PIGP de "Léa Morel""#,
            "Sollicitation pour devenir structure publique « avec MOA » (D-MOAD-1).",
            sollicitation
        ),
        def!(
            Quand,
            "le support traite la sollicitation",
            "Quand le support traite la sollicitation",
            "La sollicitation est traitée : la structure devient publique « avec MOA ».",
            traiter_sollicitation
        ),
        def!(
            Quand,
            r#"un avenant désigne la maîtrise d'(?:œ|oe)uvre "([^"]+)""#,
            r#"Quand un avenant désigne la maîtrise d'œuvre "Ville de Villeurbanne""#,
            "La fiche du marché change de MOE (D-REFUS-4).",
            avenant_moe
        ),
        // Assertions.
        def!(
            Alors,
            "(?:le dépôt|l'action|le refus|le recyclage|la demande) est acceptée?",
            "Alors le dépôt est accepté",
            "La dernière action a réussi.",
            accepte
        ),
        def!(
            Alors,
            r#"(?:le dépôt|l'action|le refus|le recyclage|la demande|la mise en paiement|le paramétrage|la sollicitation|l'appel de fonds) est refusée? avec le code "([A-Z0-9_]+)""#,
            r#"Alors le dépôt est refusé avec le code "SIRET_CLE_INVALIDE""#,
            "La dernière action a été refusée avec ce code stable.",
            refuse_code
        ),
        def!(
            Alors,
            r#"le message indique "(.+)""#,
            r#"Alors le message indique "possible à partir du 5 novembre 2026""#,
            "Le message de refus contient ce texte.",
            message_indique
        ),
        def!(
            Alors,
            "la pièce {PIECE} est au statut {STATUT}",
            r#"Alors la pièce A4 est au statut "MISE À DISPOSITION MOE""#,
            "Statut courant (libellé du portail ou code API).",
            piece_statut
        ),
        def!(
            Alors,
            "{ACTEUR} voit la pièce {PIECE} au statut {STATUT}",
            r#"Alors le titulaire voit la pièce A19 au statut "MANDATÉE""#,
            "Statut tel qu'un acteur le voit (D-PAIEMENT-2).",
            acteur_voit_statut
        ),
        def!(
            Alors,
            "{ACTEUR} ne voit pas la pièce {PIECE}",
            "Alors le mandant ne voit pas la pièce A4",
            "La pièce est inconnue pour cet utilisateur (D-UTILISATEURS-2).",
            acteur_ne_voit_pas
        ),
        def!(
            Alors,
            "la pièce {PIECE} est dans l'espace « ?(Factures de travaux|Factures reçues) ?» (?:de )?{QUI}",
            "Alors la pièce A19 est dans l'espace « Factures reçues » de la maîtrise d'ouvrage",
            "Espace et structure où la pièce attend (fait §4.1).",
            piece_espace
        ),
        def!(
            Alors,
            "la pièce {PIECE} a pour destinataire {ACTEUR}",
            "Alors la pièce A4 a pour destinataire le service financier",
            "identifiantDestinataire de la pièce.",
            piece_destinataire
        ),
        def!(
            Alors,
            r#"la pièce {PIECE} a pour numéro "([^"]+)""#,
            r#"Alors la pièce A4 a pour numéro "PDM-2026-03""#,
            "Le numéro est gardé par le recyclage (D-REFUS-4).",
            piece_numero
        ),
        def!(
            Alors,
            "l'historique de la pièce {PIECE} est :",
            "Alors l'historique de la pièce A4 est :\n  | statut |\n  | MISE À DISPOSITION MOE |",
            "L'historique complet, dans l'ordre (D-STATUTS-3).",
            historique_est
        ),
        def!(
            Alors,
            "l'historique de la pièce {PIECE} contient {STATUT}",
            r#"Alors l'historique de la pièce A10 contient "ABSENCE_VALIDATION_1_HORS_DELAI""#,
            "Un statut figure dans l'historique.",
            historique_contient
        ),
        def!(
            Alors,
            r#"le dossier de la pièce {PIECE} est "([^"]+)""#,
            r#"Alors le dossier de la pièce A8 est "DGD signé""#,
            "État du dossier : en cours, suspendu, refusé, DG contesté, DGD signé / réputé accepté / tacite, payé (D-STATUTS-4).",
            dossier_etat
        ),
        def!(
            Alors,
            "l'écart de la pièce {PIECE} est de {MONTANT} HT",
            "Alors l'écart de la pièce A15 est de -500 € HT",
            "Différence enregistrée avec la pièce précédente (D-MONTANTS-2).",
            ecart
        ),
        def!(
            Alors,
            "le montant accepté de la pièce {PIECE} est de {MONTANT}",
            "Alors le montant accepté de la pièce A10 est de 2 400 €",
            "Montant accepté par le titulaire (D-SOUSTRAITANCE-1).",
            montant_accepte
        ),
        def!(
            Alors,
            "l'échéance de paiement de la pièce {PIECE} est le {DATE}",
            "Alors l'échéance de paiement de la pièce A19 est le 1er avril 2026",
            "Dernier jour du délai global de paiement (D-DELAIS-7).",
            echeance_paiement
        ),
        def!(
            Alors,
            "la pièce {PIECE} donne droit à {MONTANT} d'intérêts moratoires et {MONTANT} d'indemnité forfaitaire",
            "Alors la pièce A19 donne droit à 33,37 € d'intérêts moratoires et 40 € d'indemnité forfaitaire",
            "Intérêts moratoires (taux BCE + 8 points) et indemnité de 40 € (D-DELAIS-7).",
            interets
        ),
        def!(
            Alors,
            "la pièce {PIECE} ne donne droit à aucun intérêt moratoire",
            "Alors la pièce A19 ne donne droit à aucun intérêt moratoire",
            "Paiement dans le délai.",
            sans_interets
        ),
        def!(
            Alors,
            "{ACTEUR} (?:est|a été) notifiée? « ?(action attendue|pièce ajoutée|mise en paiement) ?» pour la pièce {PIECE}",
            "Alors la maîtrise d'œuvre est notifiée « action attendue » pour la pièce A4",
            "Notification enregistrée (D-NOTIF-1).",
            est_notifie
        ),
        def!(
            Alors,
            "{ACTEUR} n'(?:est|a) pas (?:été )?notifiée? « ?(action attendue|pièce ajoutée|mise en paiement) ?» pour la pièce {PIECE}",
            "Alors le titulaire n'est pas notifié « mise en paiement » pour la pièce A19",
            "Aucune notification de ce genre (D-NOTIF-1, D-PAIEMENT-2).",
            pas_notifie
        ),
        def!(
            Alors,
            r#"la structure "([^"]+)" (ne )?peut (?:pas )?être maîtrise d'ouvrage"#,
            r#"Alors la structure "Aménageur privé SAS" peut être maîtrise d'ouvrage"#,
            "Structure publique « avec » ou « exclusivement » MOA (D-MOAD-1).",
            peut_etre_moa
        ),
        def!(
            Alors,
            r"la plateforme connaît les (\d+) cadres de facturation",
            "Alors la plateforme connaît les 25 cadres de facturation",
            "La liste des cadres de facturation, avec leurs codes exacts (fait §1, D-CADRES-1).",
            cadres_connus
        ),
        def!(
            Alors,
            r#"la plateforme liste les motifs de refus "([^"]+)""#,
            r#"Alors la plateforme liste les motifs de refus "AUTRE, MAUVAISE_MOE""#,
            "Les motifs de refus des factures de travaux (fait §3.3, S9).",
            motifs_listes
        ),
    ]
}

fn neutre<'a>(_: &'a mut Monde, _: Context) -> LocalBoxFuture<'a, ()> {
    Box::pin(async {})
}

/// The catalogue's compiled patterns, built once per process.
fn compiles() -> &'static [(Genre, regex::Regex, cucumber::Step<Monde>)] {
    static CACHE: std::sync::OnceLock<Vec<(Genre, regex::Regex, cucumber::Step<Monde>)>> = std::sync::OnceLock::new();
    CACHE.get_or_init(|| {
        catalogue().into_iter().map(|d| (d.genre, regex::Regex::new(&d.motif).expect("catalogue patterns are valid"), d.fonction)).collect()
    })
}

/// Registers the catalogue with a cucumber runner: context steps as Given, actions as Given and
/// When, assertions as Then. With `neutres`, every step matches as usual but does nothing (the
/// benchmark's baseline: the same engine, the same corpus, no-op steps).
pub fn enregistrer<P, I, Wr, F, B, A, Cli>(
    mut c: cucumber::Cucumber<Monde, P, I, cucumber::runner::Basic<Monde, F, B, A>, Wr, Cli>,
    neutres: bool,
) -> cucumber::Cucumber<Monde, P, I, cucumber::runner::Basic<Monde, F, B, A>, Wr, Cli>
where
    P: cucumber::Parser<I>,
    Wr: cucumber::Writer<Monde>,
    Cli: clap::Args,
    F: Fn(
            &cucumber::gherkin::Feature,
            Option<&cucumber::gherkin::Rule>,
            &cucumber::gherkin::Scenario,
        ) -> cucumber::runner::basic::ScenarioType
        + 'static,
    B: for<'a> Fn(
            &'a cucumber::gherkin::Feature,
            Option<&'a cucumber::gherkin::Rule>,
            &'a cucumber::gherkin::Scenario,
            &'a mut Monde,
        ) -> LocalBoxFuture<'a, ()>
        + 'static,
    A: for<'a> Fn(
            &'a cucumber::gherkin::Feature,
            Option<&'a cucumber::gherkin::Rule>,
            &'a cucumber::gherkin::Scenario,
            &'a cucumber::event::ScenarioFinished,
            Option<&'a mut Monde>,
        ) -> LocalBoxFuture<'a, ()>
        + 'static,
{
    for (genre, re, f) in compiles() {
        let f: cucumber::Step<Monde> = if neutres { neutre } else { *f };
        c = match genre {
            Genre::Soit => c.given(re.clone(), f),
            Genre::Quand => c.given(re.clone(), f).when(re.clone(), f),
            Genre::Alors => c.then(re.clone(), f),
        };
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles_and_matches_its_example() {
        for d in catalogue() {
            let re = regex::Regex::new(&d.motif).unwrap_or_else(|e| panic!("{}: {e}", d.motif));
            let premiere = d.exemple.lines().next().unwrap_or("");
            let texte = premiere.split_once(' ').map(|x| x.1).unwrap_or("");
            assert!(re.is_match(texte), "the example does not match its own pattern:\n  {texte}\n  {}", d.motif);
        }
    }

    #[test]
    fn no_step_starts_with_que() {
        // cucumber: « que » belongs to the keyword (« Étant donné que »).
        for d in catalogue() {
            assert!(!d.motif.starts_with("^que") && !d.motif.starts_with("^qu"), "{}", d.motif);
        }
    }

    #[test]
    fn examples_match_exactly_one_step_of_their_kind() {
        let cat: Vec<(Genre, regex::Regex, &'static str)> =
            catalogue().into_iter().map(|d| (d.genre, regex::Regex::new(&d.motif).expect("valid"), d.exemple)).collect();
        for (genre, _, exemple) in &cat {
            let texte = exemple.lines().next().unwrap_or("").split_once(' ').map(|x| x.1).unwrap_or("");
            let n = cat
                .iter()
                .filter(|o| o.0 == *genre || (*genre == Genre::Soit && o.0 == Genre::Quand))
                .filter(|o| o.1.is_match(texte))
                .count();
            assert_eq!(n, 1, "ambiguous or unmatched example: {texte}");
        }
    }
}
