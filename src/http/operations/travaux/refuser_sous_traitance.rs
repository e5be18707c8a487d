//! `refuserSousTraitance`: the titulaire refuses a subcontractor's payment request
//! (D-SOUSTRAITANCE-1).

use super::super::prelude::*;

/// `POST /cpro/facturesTravaux/v1/refuserSousTraitance`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/facturesTravaux/v1/refuserSousTraitance"],
    schema_requete: "Commentaire",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder, repondre: reponse_simple, lire: lire_fait },
};

fn decoder(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::RefuserSousTraitance { piece: piece(v)?, commentaire: texte_opt(v, "commentaire")?.unwrap_or_default() })
}
