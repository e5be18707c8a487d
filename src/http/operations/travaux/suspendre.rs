//! `suspendre`: the recipient suspends a piece or asks for a complement (D-REFUS-6). The real
//! path (api-chorus-pro.md: `suspendreOuDemanderCompleterFactureTravaux`) is an alias of the
//! reference's first name (issue 10).

use super::super::prelude::*;

/// `POST /cpro/facturesTravaux/v1/suspendre` (and `suspendre/demander/completer/factureTravaux`).
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/facturesTravaux/v1/suspendre", "/cpro/facturesTravaux/v1/suspendre/demander/completer/factureTravaux"],
    schema_requete: "Commentaire",
    schema_reponse: "Reponse",
    genre: Genre::Commande { decoder, repondre: reponse_simple, lire: lire_fait },
};

fn decoder(v: &Value, _: &PlateformeReference) -> Result<Commande, Rejet> {
    Ok(Commande::Suspendre { piece: piece(v)?, commentaire: texte_opt(v, "commentaire")?.unwrap_or_default() })
}
