//! `completer`: the supplier completes a suspended piece (D-REFUS-6).

use super::super::prelude::*;

/// `POST /cpro/facturesTravaux/v1/completer`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/facturesTravaux/v1/completer"],
    schema_requete: "Commentaire",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder, repondre: reponse_simple, lire: lire_fait },
};

fn decoder(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::Completer { piece: piece(v)?, commentaire: texte_opt(v, "commentaire")?.unwrap_or_default() })
}
