//! `recuperer/etat/typedp`: the statuses of a type of payment request (GO), from the
//! reference's own table.

use super::super::prelude::{Genre, Operation, Response, Value, json, ok};
use crate::domaine::statut::Statut;

/// `POST /cpro/transverses/v1/recuperer/etat/typedp`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/transverses/v1/recuperer/etat/typedp"],
    schema_requete: "RecupererEtatsTypeDp",
    schema_reponse: "ListeEtatsDemandePaiement",
    genre: Genre::Transverse(servir),
};

fn servir(v: &Value) -> Response {
    let travaux = v.get("typeDemandePaiement").and_then(Value::as_str).is_none_or(|t| t == "FACTURE_TRAVAUX");
    let l: Vec<Value> =
        if travaux { Statut::TOUS.iter().map(|s| json!({ "etatDemandePaiement": s.code_api() })).collect() } else { Vec::new() };
    ok(json!({ "listeEtatDemandePaiement": l }))
}
