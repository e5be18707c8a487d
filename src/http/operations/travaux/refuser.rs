//! `refuser`: a refusal with its motif (D-REFUS).

use super::super::prelude::*;

/// `POST /cpro/facturesTravaux/v1/refuser`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/facturesTravaux/v1/refuser"],
    schema_requete: "Refuser",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder, repondre: reponse_simple, lire: lire_fait },
};

/// Client: the body of a refusal.
pub fn corps(piece: PieceId, motif: &str, commentaire: &str) -> Value {
    json!({ "idFactureTravaux": piece.0, "motifRefus": motif, "commentaire": commentaire })
}

fn decoder(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::Refuser {
        piece: piece(v)?,
        motif: texte(v, "motifRefus")?,
        commentaire: texte_opt(v, "commentaire")?.unwrap_or_default(),
    })
}
