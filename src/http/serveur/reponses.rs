//! The answers' envelope: every answer of the server, success or not, is the contract's JSON
//! with `codeRetour` and `libelle` (D-API-2), never an empty or plain-text body.

use crate::domaine::defaut::Defaut;
use crate::domaine::refus::{CodeRefus, Famille};
use crate::plateforme::Echec;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// A JSON answer with its status.
pub fn reponse(statut: StatusCode, corps: Value) -> Response {
    (statut, [(header::CONTENT_TYPE, "application/json")], corps.to_string()).into_response()
}

/// A success: `codeRetour` 0 and the real API's success key unless the body names another.
pub fn ok(mut corps: Value) -> Response {
    corps["codeRetour"] = json!(0);
    if corps.get("libelle").is_none() {
        corps["libelle"] = json!("TRA_MSG_00.000");
    }
    reponse(StatusCode::OK, corps)
}

/// A malformed request: 400, with what was expected.
pub fn mauvaise_requete(libelle: impl Into<String>) -> Response {
    reponse(StatusCode::BAD_REQUEST, json!({ "codeRetour": 400, "code": "REQUETE_INVALIDE", "libelle": libelle.into() }))
}

/// A technical refusal of the request itself (not a business refusal): its HTTP status, a stable
/// code and a French message.
pub fn technique(statut: StatusCode, code: &str, libelle: impl Into<String>) -> Response {
    reponse(statut, json!({ "codeRetour": statut.as_u16(), "code": code, "libelle": libelle.into() }))
}

/// The server is saturated for this request: 503 with a hint of when to retry.
pub fn sature(libelle: impl Into<String>) -> Response {
    let mut r = technique(StatusCode::SERVICE_UNAVAILABLE, "SERVEUR_SATURE", libelle);
    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    r
}

/// HTTP status of a refusal family (README « HTTP contract »).
pub fn statut_http(f: Famille) -> StatusCode {
    match f {
        Famille::Acces => StatusCode::FORBIDDEN,
        Famille::Inconnu => StatusCode::NOT_FOUND,
        Famille::Donnees => StatusCode::UNPROCESSABLE_ENTITY,
        Famille::Etat => StatusCode::CONFLICT,
    }
}

/// A business refusal: its family's status, its pinned `codeRetour` and stable `code`.
pub fn refus(defaut: Option<Defaut>, code: &str, message: &str) -> Response {
    let c = CodeRefus::parse(code);
    let statut = c.map(|c| statut_http(c.famille())).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    // The `code-retour-incoherent` fault answers 200 although codeRetour says refused.
    let statut = if defaut == Some(Defaut::CodeRetourIncoherent) { StatusCode::OK } else { statut };
    reponse(statut, json!({ "codeRetour": c.map(CodeRefus::code_retour).unwrap_or(29_999), "code": code, "libelle": message }))
}

/// A platform's failure as an answer.
pub fn echec(defaut: Option<Defaut>, e: Echec) -> Response {
    match e {
        Echec::Refus { code, message } => refus(defaut, &code, &message),
        Echec::Indetermine { message, .. } => technique(StatusCode::INTERNAL_SERVER_ERROR, "ERREUR_INTERNE", message),
    }
}
