//! `telecharger`: the recipient downloads a piece; only `factureTelechargeeParDestinataire`
//! changes (D-STATUTS-2).

use super::super::prelude::*;

/// `POST /cpro/facturesTravaux/v1/telecharger`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/facturesTravaux/v1/telecharger"],
    schema_requete: "IdFactureTravaux",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder, repondre: reponse_simple, lire: lire_fait },
};

fn decoder(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::Telecharger(piece(v)?))
}
