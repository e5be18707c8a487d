//! `deposerSollicitation`: a structure asks to become a public structure « avec MOA »
//! (D-MOAD-1); the answer numbers the sollicitation.

use super::super::prelude::*;
use crate::domaine::siret::Siret;

/// `POST /cpro/structures/v1/deposerSollicitation`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/structures/v1/deposerSollicitation"],
    schema_requete: "Sollicitation",
    schema_reponse: "ReponseSollicitation",
    genre: Genre::Commande { decoder, repondre: reponse_simple, lire },
};

/// Client: the body of a sollicitation.
pub fn corps(siret: Siret, gestionnaires: &[String]) -> Value {
    json!({ "identifiantStructure": siret.to_string(), "comptesPigpGestionnaires": gestionnaires })
}

fn decoder(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::DeposerSollicitation {
        siret: siret(v, "identifiantStructure")?,
        gestionnaires: champ(v, "comptesPigpGestionnaires")?
            .as_array()
            .ok_or("champ « comptesPigpGestionnaires » : liste attendue")?
            .iter()
            .map(|x| x.as_str().map(str::to_string).ok_or("champ « comptesPigpGestionnaires » : liste de textes attendue".to_string()))
            .collect::<Result<_, _>>()?,
    })
}

/// Client: the sollicitation's number.
fn lire(v: &Value) -> Result<Reponse, String> {
    id_lu(v, "idSollicitation").map(Reponse::Sollicitation)
}
