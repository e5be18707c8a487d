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
    let octets = serde_json::to_vec(&corps).expect("a JSON tree always serializes");
    (statut, [(header::CONTENT_TYPE, "application/json")], octets).into_response()
}

/// A success: `codeRetour` 0 and the real API's success key unless the body names another.
pub fn ok(mut corps: Value) -> Response {
    corps["codeRetour"] = json!(0);
    if corps.get("libelle").is_none() {
        corps["libelle"] = json!("TRA_MSG_00.000");
    }
    reponse(StatusCode::OK, corps)
}

/// Whether an answer fault is injected: the server then rewrites every answer's JSON with
/// [`alterer`].
pub fn altere_les_reponses(d: Defaut) -> bool {
    matches!(
        d,
        Defaut::LibelleAbsent | Defaut::ChainageOmis | Defaut::TypeFactureAbsent | Defaut::CodeServiceOmis | Defaut::DatesFrancaises
    )
}

/// The answer faults: a success without its `libelle`, pieces without some of their keys, dates
/// as `JJ/MM/AAAA`. The answer is otherwise the same.
pub async fn alterer(d: Defaut, r: Response) -> Response {
    let (parties, corps) = r.into_parts();
    match axum::body::to_bytes(corps, usize::MAX).await.ok().and_then(|o| serde_json::from_slice::<Value>(&o).ok()) {
        Some(mut v) => {
            match d {
                Defaut::LibelleAbsent if parties.status.is_success() => {
                    if let Some(o) = v.as_object_mut() {
                        o.remove("libelle");
                    }
                }
                Defaut::ChainageOmis => retirer(&mut v, &["idPiecePrecedente", "idPieceSuivante"]),
                Defaut::TypeFactureAbsent => retirer(&mut v, &["typeFactureTravaux"]),
                Defaut::CodeServiceOmis => retirer(&mut v, &["codeServiceExecutant"]),
                Defaut::DatesFrancaises => dates_francaises(&mut v),
                _ => {}
            }
            reponse(parties.status, v)
        }
        None => reponse(parties.status, json!({ "codeRetour": 500, "libelle": "réponse illisible" })),
    }
}

/// Removes `cles` from every object of the tree.
fn retirer(v: &mut Value, cles: &[&str]) {
    match v {
        Value::Object(o) => {
            for c in cles {
                o.remove(*c);
            }
            o.values_mut().for_each(|x| retirer(x, cles));
        }
        Value::Array(l) => l.iter_mut().for_each(|x| retirer(x, cles)),
        _ => {}
    }
}

/// Rewrites every `AAAA-MM-JJ` string of the tree as `JJ/MM/AAAA`.
fn dates_francaises(v: &mut Value) {
    match v {
        Value::String(s) => {
            if let Some(d) = crate::domaine::calendrier::Date::parse_iso(s) {
                let (a, m, j) = d.civil();
                *s = format!("{j:02}/{m:02}/{a:04}");
            }
        }
        Value::Object(o) => o.values_mut().for_each(dates_francaises),
        Value::Array(l) => l.iter_mut().for_each(dates_francaises),
        _ => {}
    }
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

/// How the server answers refusals: with the reference's `code` extension or strictly as D-API-2
/// (`serve --strict-api`), and with the injected fault, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// The injected fault.
    pub defaut: Option<Defaut>,
    /// Whether a refusal carries the reference's stable `code` as an extension field.
    pub extension_code: bool,
}

/// The family of a refusal, as the list of return codes names it.
pub fn famille(f: Famille) -> &'static str {
    match f {
        Famille::Acces => "ACCES",
        Famille::Inconnu => "INCONNU",
        Famille::Donnees => "DONNEES",
        Famille::Etat => "ETAT",
    }
}

/// A business refusal (D-API-2): HTTP 400, its pinned non-zero `codeRetour`, the French message
/// as `libelle`, and the stable `code` as an extension unless the server is strict.
pub fn refus(style: Style, code: &str, message: &str) -> Response {
    let c = CodeRefus::parse(code);
    // The `code-retour-incoherent` fault answers the refusal with codeRetour 0 (a success); the
    // `code-retour-non-declare` fault with the number of the next refusal of the list.
    let retour = match (style.defaut, c) {
        (Some(Defaut::CodeRetourIncoherent), _) => 0,
        (Some(Defaut::CodeRetourNonDeclare), Some(c)) => {
            let i = CodeRefus::TOUS.iter().position(|x| *x == c).unwrap_or(0);
            CodeRefus::TOUS[(i + 1) % CodeRefus::TOUS.len()].code_retour()
        }
        (_, c) => c.map(CodeRefus::code_retour).unwrap_or(28_999),
    };
    let mut corps = json!({ "codeRetour": retour, "libelle": message });
    if style.extension_code {
        corps["code"] = json!(code);
    }
    // The `refus-sous-http-500` fault: the same refusal under the wrong family of status.
    let statut = if style.defaut == Some(Defaut::RefusSousHttp500) { StatusCode::INTERNAL_SERVER_ERROR } else { StatusCode::BAD_REQUEST };
    reponse(statut, corps)
}

/// A platform's failure as an answer.
pub fn echec(style: Style, e: Echec) -> Response {
    match e {
        Echec::Refus { code, message } => refus(style, &code, &message),
        Echec::Indetermine { message, .. } => technique(StatusCode::INTERNAL_SERVER_ERROR, "ERREUR_INTERNE", message),
        e @ Echec::HorsCapacite { .. } => technique(StatusCode::INTERNAL_SERVER_ERROR, "ERREUR_INTERNE", e.to_string()),
    }
}
