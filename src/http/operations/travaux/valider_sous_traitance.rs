//! `validerSousTraitance`: the titulaire accepts a subcontractor's payment request, with the
//! amount it accepts (D-SOUSTRAITANCE-1).

use super::super::prelude::*;
use rust_decimal::Decimal;

/// `POST /cpro/facturesTravaux/v1/validerSousTraitance`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/facturesTravaux/v1/validerSousTraitance"],
    schema_requete: "ValiderSousTraitance",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder, repondre: reponse_simple, lire: lire_fait },
};

/// Client: the body of an acceptance.
pub fn corps(piece: PieceId, montant: Option<Decimal>) -> Value {
    json!({ "idFactureTravaux": piece.0, "montantAccepte": montant.map(|m| m.to_string()) })
}

fn decoder(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::ValiderSousTraitance { piece: piece(v)?, montant: decimal_opt(v, "montantAccepte")? })
}
