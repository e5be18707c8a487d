//! Contracts: register an identity sheet (D-FICHE), an amendment naming another MOE, and what
//! the platform records of a contract (its events, D-DELAIS-3; a mandate's funds, D-MOAD-3).

use super::super::prelude::*;
use crate::domaine::marche::{Acteur, Marche};
use crate::donnees::{ActeurYaml, FicheYaml};
use crate::plateforme::{VueEvenement, VueFonds};

/// `POST /test/v1/enregistrerMarche`.
pub const ENREGISTRER: Operation = Operation {
    routes: &["/test/v1/enregistrerMarche"],
    schema_requete: "FicheCrochet",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder: enregistrer, repondre: reponse_simple, lire: lire_fait },
};

/// `POST /test/v1/designerMoe`.
pub const DESIGNER_MOE: Operation = Operation {
    routes: &["/test/v1/designerMoe"],
    schema_requete: "DesignerMoe",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder: designer_moe, repondre: reponse_simple, lire: lire_fait },
};

/// `POST /test/v1/evenementsMarche`.
pub const EVENEMENTS: Operation = Operation {
    routes: &["/test/v1/evenementsMarche"],
    schema_requete: "NumeroMarche",
    schema_reponse: "ReponseEvenements",
    genre: Genre::Lecture(evenements),
};

/// `POST /test/v1/fondsMandat`.
pub const FONDS_MANDAT: Operation = Operation {
    routes: &["/test/v1/fondsMandat"],
    schema_requete: "NumeroMarche",
    schema_reponse: "ReponseFondsMandat",
    genre: Genre::Lecture(fonds_mandat),
};

/// Client: the body registering a sheet.
pub fn corps_enregistrer(m: &Marche) -> Value {
    json!({ "fiche": FicheYaml::from(m) })
}

/// Client: the body of an amendment naming another MOE.
pub fn corps_designer_moe(marche: &str, acteur: &Acteur) -> Value {
    json!({ "numeroMarche": marche, "moe": ActeurYaml::from(acteur) })
}

/// Client: the body naming a contract.
pub fn corps_marche(numero: &str) -> Value {
    json!({ "numeroMarche": numero })
}

fn enregistrer(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::EnregistrerMarche(Box::new(dto::<FicheYaml>(v, "fiche")?.into())))
}

fn designer_moe(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::DesignerMoe { marche: texte(v, "numeroMarche")?, acteur: Box::new(dto::<ActeurYaml>(v, "moe")?.into()) })
}

fn numero<'a>(c: &Contexte<'a>) -> Option<&'a str> {
    c.corps.get("numeroMarche").and_then(Value::as_str)
}

fn manque_numero() -> Response {
    mauvaise_requete("champ « numeroMarche » : texte attendu")
}

fn evenements(c: &mut Contexte) -> Response {
    let Some(numero) = numero(c) else { return manque_numero() };
    let l: Vec<Value> =
        c.p.reference()
            .evenements_marche(numero)
            .into_iter()
            .map(|e| evenement_json(&VueEvenement { date: e.date, libelle: e.libelle.clone() }))
            .collect();
    ok(json!({ "evenements": l }))
}

fn fonds_mandat(c: &mut Contexte) -> Response {
    let Some(numero) = numero(c) else { return manque_numero() };
    let (appele, paye) = c.p.reference().fonds_mandat(numero);
    ok(json!({ "montantAppele": appele.to_string(), "montantPaye": paye.to_string() }))
}

/// Client: the events an answer lists.
pub fn lire_evenements(v: &Value) -> Result<Vec<VueEvenement>, String> {
    evenements_depuis(v, "evenements")
}

/// Client: the funds an answer gives.
pub fn lire_fonds(v: &Value) -> Result<VueFonds, String> {
    let montant = |nom: &str| v.get(nom).and_then(Value::as_str).and_then(|s| s.parse::<rust_decimal::Decimal>().ok());
    match (montant("montantAppele"), montant("montantPaye")) {
        (Some(appele), Some(paye)) => Ok(VueFonds { appele, paye }),
        _ => Err("montantAppele et montantPaye attendus".into()),
    }
}
