//! `habiliterUtilisateur`: a manager authorises a user on « Factures de travaux »
//! (D-UTILISATEURS).

use super::super::prelude::*;
use crate::domaine::siret::Siret;

/// `POST /cpro/structures/v1/habiliterUtilisateur`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/structures/v1/habiliterUtilisateur"],
    schema_requete: "Habiliter",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder, repondre: reponse_simple, lire: lire_fait },
};

/// Client: the body of an authorisation.
pub fn corps(cible: &str, siret: Siret) -> Value {
    json!({ "login": cible, "identifiantStructure": siret.to_string() })
}

fn decoder(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::HabiliterTravaux { cible: texte(v, "login")?, siret: siret(v, "identifiantStructure")? })
}
