//! `ouvrirEspaceTravaux`: a manager opens the « Factures de travaux » space (D-ROUTAGE: a
//! recipient without it is refused).

use super::super::prelude::*;

/// `POST /cpro/structures/v1/ouvrirEspaceTravaux`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/structures/v1/ouvrirEspaceTravaux"],
    schema_requete: "IdentifiantStructure",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder, repondre: reponse_simple, lire: lire_fait },
};

fn decoder(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::OuvrirEspaceTravaux(siret(v, "identifiantStructure")?))
}
