//! `recuperer/codesRetour`: every refusal code with its pinned `codeRetour`, its HTTP status and
//! its rule (D-API-2).

use super::super::prelude::{Genre, Operation, Response, Value, json, ok};
use crate::domaine::refus::CodeRefus;
use crate::http::serveur::reponses::famille;

/// `POST /cpro/transverses/v1/recuperer/codesRetour`.
pub const OPERATION: Operation = Operation {
    routes: &["/cpro/transverses/v1/recuperer/codesRetour"],
    schema_requete: "Vide",
    schema_reponse: "ListeCodesRetour",
    genre: Genre::Transverse(servir),
};

fn servir(_: &Value) -> Response {
    ok(json!({
        "listeCodesRetour": CodeRefus::TOUS.iter().map(|c| json!({
            "codeRetour": c.code_retour(),
            "code": c.code(),
            "statutHttp": 400,
            "famille": famille(c.famille()),
            "regle": c.regle(),
        })).collect::<Vec<_>>()
    }))
}
