//! `contesterMontant`: the supplier contests an amount correction (D-MONTANTS-2).

use super::super::prelude::*;

/// `POST /cpro/facturesTravaux/v1/contesterMontant`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/facturesTravaux/v1/contesterMontant"],
    schema_requete: "ContesterMontant",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder, repondre: reponse_simple, lire: lire_fait },
};

/// Client: the body of a contestation.
pub fn corps(piece: PieceId, motif: &str) -> Value {
    json!({ "idFactureTravaux": piece.0, "motif": motif })
}

fn decoder(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::ContesterMontant { piece: piece(v)?, motif: texte_opt(v, "motif")?.unwrap_or_default() })
}
