//! `recuperer/typefacturetravaux`: the travaux types of the cadres (D-CADRES).

use super::super::prelude::{Genre, Operation, Response, Value, json, ok};
use crate::domaine::cadre::CadreFacturation;

/// `POST /cpro/transverses/v1/recuperer/typefacturetravaux`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/transverses/v1/recuperer/typefacturetravaux"],
    schema_requete: "Vide",
    schema_reponse: "ListeTypesFactureTravaux",
    genre: Genre::Transverse(servir),
};

fn servir(_: &Value) -> Response {
    let mut types: Vec<&str> = CadreFacturation::TOUS.iter().filter_map(|c| c.type_facture_travaux()).collect();
    types.sort_unstable();
    types.dedup();
    ok(json!({ "listeTypeFactureTravaux": types.iter().map(|t| json!({ "typeFactureTravaux": t })).collect::<Vec<_>>() }))
}
