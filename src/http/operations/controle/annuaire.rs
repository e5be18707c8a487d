//! The directory: structures (as the data sets write them, or from a SIRET typed by a person),
//! users and their attachments (D-UTILISATEURS), the support's treatment of a sollicitation
//! (D-MOAD-1), and a user's « Mon compte » screen.

use super::super::prelude::*;
use crate::domaine::siret::Siret;
use crate::domaine::structure::{PresenceMoa, Structure};
use crate::domaine::utilisateur::RoleRattachement;
use crate::donnees::StructureYaml;
use crate::plateforme::{VueCompte, VueRattachement};

/// `POST /test/v1/ajouterStructure`.
pub const AJOUTER_STRUCTURE: Operation = Operation {
    routes: &["/test/v1/ajouterStructure"],
    schema_requete: "StructureCrochet",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder: ajouter_structure, repondre: reponse_simple, lire: lire_fait },
};

/// `POST /test/v1/remplacerStructure`.
pub const REMPLACER_STRUCTURE: Operation = Operation {
    routes: &["/test/v1/remplacerStructure"],
    schema_requete: "StructureCrochet",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder: remplacer_structure, repondre: reponse_simple, lire: lire_fait },
};

/// `POST /test/v1/creerStructure`: a SIRET that is not one is a business refusal
/// (`SIRET_FORMAT_INVALIDE`, `SIRET_CLE_INVALIDE`, D-ROUTAGE).
pub const CREER_STRUCTURE: Operation = Operation {
    routes: &["/test/v1/creerStructure"],
    schema_requete: "CreerStructure",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder: creer_structure, repondre: reponse_simple, lire: lire_fait },
};

/// `POST /test/v1/creerUtilisateur`.
pub const CREER_UTILISATEUR: Operation = Operation {
    routes: &["/test/v1/creerUtilisateur"],
    schema_requete: "CreerUtilisateur",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder: creer_utilisateur, repondre: reponse_simple, lire: lire_fait },
};

/// `POST /test/v1/rattacher`.
pub const RATTACHER: Operation = Operation {
    routes: &["/test/v1/rattacher"],
    schema_requete: "Rattacher",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder: rattacher, repondre: reponse_simple, lire: lire_fait },
};

/// `POST /test/v1/traiterSollicitation`.
pub const TRAITER_SOLLICITATION: Operation = Operation {
    routes: &["/test/v1/traiterSollicitation"],
    schema_requete: "TraiterSollicitation",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder: traiter_sollicitation, repondre: reponse_simple, lire: lire_fait },
};

/// `POST /test/v1/compte`: « Mon compte » (the webinar's first demonstration).
pub const COMPTE: Operation =
    Operation { routes: &["/test/v1/compte"], schema_requete: "Login", schema_reponse: "ReponseCompte", genre: Genre::Lecture(compte) };

/// Client: the body carrying a structure's record.
pub fn corps_structure(s: &Structure) -> Value {
    json!({ "structure": StructureYaml::from(s) })
}

/// Client: the body creating a structure from a typed SIRET.
pub fn corps_creer_structure(siret: &str, raison_sociale: &str, publique: bool, p: Option<PresenceMoa>) -> Value {
    json!({
        "identifiantStructure": siret,
        "raisonSociale": raison_sociale,
        "typeStructure": if publique { "PUBLIQUE" } else { "PRIVEE" },
        "presenceMoa": p.map(presence),
    })
}

/// Client: the body creating a user (with its technical account's password, D-API-1).
pub fn corps_creer_utilisateur(login: &str, prenom: &str, nom: &str, pigp: bool, mot_de_passe: Option<&str>) -> Value {
    json!({ "login": login, "prenom": prenom, "nom": nom, "pigp": pigp, "motDePasse": mot_de_passe })
}

/// Client: the body attaching a user to a structure.
pub fn corps_rattacher(login: &str, siret: Siret, role: RoleRattachement, habilite_travaux: bool) -> Value {
    json!({ "login": login, "identifiantStructure": siret.to_string(), "role": role.code(), "habiliteTravaux": habilite_travaux })
}

/// Client: the body naming a user.
pub fn corps_login(login: &str) -> Value {
    json!({ "login": login })
}

fn ajouter_structure(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::AjouterStructure(dto::<StructureYaml>(v, "structure")?.into()))
}

fn remplacer_structure(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::RemplacerStructure(dto::<StructureYaml>(v, "structure")?.into()))
}

fn creer_structure(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::CreerStructure {
        siret: texte(v, "identifiantStructure")?,
        raison_sociale: texte(v, "raisonSociale")?,
        publique: match texte(v, "typeStructure")?.as_str() {
            "PUBLIQUE" => true,
            "PRIVEE" => false,
            autre => return Err(format!("champ « typeStructure » : PUBLIQUE ou PRIVEE attendu, reçu « {autre} »").into()),
        },
        presence: presence_opt(v)?,
    })
}

fn creer_utilisateur(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::CreerUtilisateur {
        login: texte(v, "login")?,
        prenom: texte(v, "prenom")?,
        nom: texte(v, "nom")?,
        pigp: booleen(v, "pigp")?,
        mot_de_passe: texte_opt(v, "motDePasse")?,
    })
}

fn rattacher(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::Rattacher {
        login: texte(v, "login")?,
        siret: siret(v, "identifiantStructure")?,
        role: RoleRattachement::parse(&texte(v, "role")?)
            .ok_or("champ « role » : GESTIONNAIRE_PRINCIPAL, GESTIONNAIRE_SECONDAIRE ou UTILISATEUR attendu")?,
        habilite_travaux: booleen(v, "habiliteTravaux")?,
    })
}

fn traiter_sollicitation(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::TraiterSollicitation(entier(v, "idSollicitation")?))
}

fn compte(c: &mut Contexte) -> Response {
    let Some(login) = c.corps.get("login").and_then(Value::as_str) else {
        return mauvaise_requete("champ « login » : texte attendu");
    };
    match c.p.compte_sync(login) {
        Ok(x) => ok(compte_json(&x)),
        Err(e) => echec(c.style, e),
    }
}

/// Client: the screen an answer shows.
pub fn lire_compte(v: &Value) -> Result<VueCompte, String> {
    compte_depuis(v)
}

/// A user's « Mon compte » screen as JSON (`/test/v1/compte`).
fn compte_json(c: &VueCompte) -> Value {
    let r: Vec<Value> = c
        .rattachements
        .iter()
        .map(|r| {
            json!({ "identifiantStructure": r.siret.to_string(), "designationStructure": r.raison_sociale,
                    "roleRattachement": role_rattachement(r.role), "habiliteFacturesTravaux": r.habilite_travaux })
        })
        .collect();
    json!({ "login": c.login, "email": c.email, "nom": c.nom, "prenom": c.prenom, "listeRattachements": r })
}

/// A user's « Mon compte » screen from JSON.
fn compte_depuis(v: &Value) -> Result<VueCompte, String> {
    let l = v.get("listeRattachements").and_then(Value::as_array).ok_or("listeRattachements manquante")?;
    let rattachements = l
        .iter()
        .map(|r| {
            let role = texte(r, "roleRattachement")?;
            Ok(VueRattachement {
                siret: siret(r, "identifiantStructure")?,
                raison_sociale: texte(r, "designationStructure")?,
                role: RoleRattachement::parse(&role).ok_or_else(|| format!("roleRattachement inconnu : {role}"))?,
                habilite_travaux: r.get("habiliteFacturesTravaux").and_then(Value::as_bool).ok_or("habiliteFacturesTravaux manquant")?,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(VueCompte {
        login: texte(v, "login")?,
        email: texte(v, "email")?,
        nom: texte(v, "nom")?,
        prenom: texte(v, "prenom")?,
        rattachements,
    })
}
