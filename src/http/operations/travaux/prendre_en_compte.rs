//! `prendreEnCompte`: the recipient takes a piece into account (D-STATUTS-2).

use super::super::prelude::*;

/// `POST /cpro/facturesTravaux/v1/prendreEnCompte`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/facturesTravaux/v1/prendreEnCompte"],
    schema_requete: "IdFactureTravaux",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder, repondre: reponse_simple, lire: lire_fait },
};

fn decoder(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::PrendreEnCompte(piece(v)?))
}
